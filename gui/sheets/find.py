"""Finding text in a table or tree view: :class:`ViewFinder`.

It works on any ``QAbstractItemView`` and the model it shows, from the
outside: the data sheet's grid, the indicator sheet, the results table and
the framework tree alike.  What is searched is what the user sees: the
display text of every cell that is not hidden (a tree's collapsed branches
too: going to a match there opens them) and the text of the visible
header sections (periods, indicator names and codes, unit names), without
regard to case (``str.casefold``, which also leaves Chinese as it is).

Matches are kept in reading order (the column header first, then row by
row, a tree's parent before its children, columns in their visual order)
and found again when the model changes.  :meth:`ViewFinder.step` goes to
the next or previous match from the view's current cell, wrapping around,
and selects it: a cell as the current, selected cell; a column header as
the whole column; a row header as the whole row.  The finder never shows
a message: the find bar (:mod:`gui.sheets.find_bar`) says what it found.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTreeView

CELL, COLUMN, ROW = "cell", "column", "row"
# the signals after which the matches are found again
_CHANGE_SIGNALS = ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved", "rowsMoved", "columnsInserted",
                   "columnsRemoved", "columnsMoved", "dataChanged", "headerDataChanged")


@dataclass(frozen=True)
class Match:
    """One match: ``kind`` CELL (``index`` is the cell), COLUMN (a column
    header, ``section`` its logical index) or ROW (a row header); ``key``
    orders the matches as the view shows them."""
    kind: str
    key: tuple
    index: QPersistentModelIndex | None = None
    section: int = -1


def _index_path(index: QModelIndex) -> tuple:
    """The rows from the root down to ``index`` (a table's is one row)."""
    rows = []
    while index.isValid():
        rows.append(index.row())
        index = index.parent()
    return tuple(reversed(rows))


class ViewFinder(QObject):
    """The matches of a text in ``view`` and the one shown (see the module).

    ``matches`` and ``position`` (the index in ``matches`` of the match last
    gone to, -1 for none) are public for the find bar and for tests.
    """

    def __init__(self, view: QAbstractItemView, parent=None):
        super().__init__(parent)
        self.view = view
        self.text = ""
        self.matches: list[Match] = []
        self.position = -1
        self._dirty = False
        self._shown: QPersistentModelIndex | None = None       # the current cell set by the last step
        self._model = None
        self._listen(view.model())

    # ---- the model -------------------------------------------------------------------------
    def _listen(self, model):
        if self._model is not None:
            for name in _CHANGE_SIGNALS:
                try:
                    getattr(self._model, name).disconnect(self._on_model_changed)
                except (RuntimeError, TypeError):
                    pass
        self._model = model
        if model is not None:
            for name in _CHANGE_SIGNALS:
                getattr(model, name).connect(self._on_model_changed)

    def _on_model_changed(self, *args):
        self._dirty = True

    @property
    def stale(self) -> bool:
        """The model changed since the matches were found."""
        return self._dirty or self.view.model() is not self._model

    # ---- finding -----------------------------------------------------------------------------
    def find(self, text: str) -> int:
        """Find ``text`` (any case) again; returns the number of matches.
        The position stays on the same match when it is still there."""
        if self.view.model() is not self._model:
            self._listen(self.view.model())
        old = self.matches[self.position].key if 0 <= self.position < len(self.matches) else None
        self.text = text
        self._dirty = False
        needle = text.casefold()
        self.matches = self._collect(needle) if needle else []
        self.position = next((k for k, m in enumerate(self.matches) if m.key == old), -1)
        return len(self.matches)

    def refresh(self) -> int:
        """Find the same text again if the model changed; the number of matches."""
        if self.stale:
            return self.find(self.text)
        return len(self.matches)

    def _columns(self) -> list[int]:
        """The shown columns (logical indices) in their visual order."""
        model, view = self._model, self.view
        header = self._horizontal_header()
        count = model.columnCount()
        logical = [header.logicalIndex(v) for v in range(count)] if header is not None else list(range(count))
        return [c for c in logical if 0 <= c < count and not view.isColumnHidden(c)]

    def _horizontal_header(self):
        view = self.view
        if isinstance(view, QTableView):
            return view.horizontalHeader()
        if isinstance(view, QTreeView):
            return view.header()
        return None

    def _vertical_header(self):
        return self.view.verticalHeader() if isinstance(self.view, QTableView) else None

    def _collect(self, needle: str) -> list[Match]:
        model = self._model
        if model is None:
            return []
        columns = self._columns()
        order = {c: k for k, c in enumerate(columns)}
        out = []
        header = self._horizontal_header()
        if header is not None and not header.isHidden():
            for c in columns:
                if needle in _text(model.headerData(c, Qt.Horizontal, Qt.DisplayRole)):
                    out.append(Match(COLUMN, ((-1,), order[c]), section=c))
        vertical = self._vertical_header()
        rows_headed = vertical is not None and not vertical.isHidden()
        self._collect_rows(QModelIndex(), (), columns, order, needle, rows_headed, out)
        return out

    def _collect_rows(self, parent, path, columns, order, needle, rows_headed, out):
        """The matches under ``parent`` (at ``path``), parents before children."""
        model, view = self._model, self.view
        tree = isinstance(view, QTreeView)
        for row in range(model.rowCount(parent)):
            hidden = view.isRowHidden(row, parent) if tree else view.isRowHidden(row)
            if hidden:
                continue
            here = path + (row,)
            if rows_headed and needle in _text(model.headerData(row, Qt.Vertical, Qt.DisplayRole)):
                out.append(Match(ROW, (here, -1), section=row))
            for c in columns:
                index = model.index(row, c, parent)
                if needle in _text(model.data(index, Qt.DisplayRole)):
                    out.append(Match(CELL, (here, order[c]), QPersistentModelIndex(index)))
            first = model.index(row, 0, parent)
            if tree and model.hasChildren(first):
                self._collect_rows(first, here, columns, order, needle, rows_headed, out)

    # ---- going to a match ------------------------------------------------------------------------
    def step(self, forward: bool = True) -> Match | None:
        """Go to the next (or previous) match after the current cell,
        wrapping around; None when there is none."""
        self.refresh()
        if not self.matches:
            self.position = -1
            return None
        self.position = self._next_position(forward)
        match = self.matches[self.position]
        self._show(match)
        return match

    def _next_position(self, forward: bool) -> int:
        n = len(self.matches)
        current = self.view.currentIndex()
        if 0 <= self.position < n and self._shown is not None and self._shown.isValid() \
                and QModelIndex(self._shown) == current:
            return (self.position + (1 if forward else -1)) % n        # the user stayed where we went
        if not current.isValid():
            return 0 if forward else n - 1
        columns = self._columns()
        here = (_index_path(current), columns.index(current.column()) if current.column() in columns else -1)
        if forward:
            return next((k for k, m in enumerate(self.matches) if m.key >= here), 0)
        return next((k for k in range(n - 1, -1, -1) if self.matches[k].key < here), n - 1)

    def _show(self, match: Match):
        view = self.view
        sm = view.selectionModel()
        if match.kind == CELL:
            index = QModelIndex(match.index)
            flags = QItemSelectionModel.ClearAndSelect
            if view.selectionBehavior() == QAbstractItemView.SelectRows:
                flags |= QItemSelectionModel.Rows
            sm.setCurrentIndex(index, flags)
            view.scrollTo(index)
        elif match.kind == COLUMN:
            index = self._line(match.section, column=True)
        else:
            index = self._line(match.section, column=False)
        self._shown = QPersistentModelIndex(index) if index.isValid() else None

    def _line(self, section: int, column: bool) -> QModelIndex:
        """Select column (or row) ``section`` whole; its first cell in view
        becomes current."""
        view, model = self.view, self._model
        rows, cols = model.rowCount(), model.columnCount()
        if not rows or not cols:
            return QModelIndex()
        if column:
            top = max(view.rowAt(0), 0) if hasattr(view, "rowAt") else 0
            first, last, current = model.index(0, section), model.index(rows - 1, section), model.index(top, section)
        else:
            left = self._columns()[0] if self._columns() else 0
            first, last = model.index(section, 0), model.index(section, cols - 1)
            current = model.index(section, left)
        sm = view.selectionModel()
        sm.setCurrentIndex(current, QItemSelectionModel.NoUpdate)
        sm.select(QItemSelection(first, last), QItemSelectionModel.ClearAndSelect)
        view.scrollTo(current)
        return current


def _text(value) -> str:
    """A cell's or header's display value as searchable text."""
    if value is None:
        return ""
    return str(value).casefold()
