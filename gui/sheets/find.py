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
# the signals after which every text is read again
_STRUCTURE_SIGNALS = ("modelReset", "layoutChanged", "rowsInserted", "rowsRemoved", "rowsMoved", "columnsInserted",
                      "columnsRemoved", "columnsMoved")


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

    The texts shown are read once into a list (every cell asked for its
    text through Qt costs about 30 microseconds: a second for a sheet of
    30,000 cells), so typing more letters only filters that list; an edit
    re-reads the cells and headers it changed, a reset or a structure
    change everything (at the next find).
    """

    def __init__(self, view: QAbstractItemView, parent=None):
        super().__init__(parent)
        self.view = view
        self.text = ""
        self.matches: list[Match] = []
        self.position = -1
        self._entries: list[list] = []        # [kind, key, (path, column) or section, casefolded text]
        self._cell_slot: dict = {}             # (row, column) of a top-level cell -> its entry
        self._header_slot: dict = {}           # (orientation, section) -> its entry
        self._dirty = True                     # the entries must be read again
        self._changed = False                  # the entries changed since the matches were found
        self._shown: QPersistentModelIndex | None = None       # the current cell set by the last step
        self._model = None
        self._listen(view.model())
        header = self._horizontal_header()
        if header is not None:
            header.sectionMoved.connect(self._on_structure_changed)

    # ---- the model -------------------------------------------------------------------------
    def _listen(self, model):
        if self._model is not None:
            for name, slot in self._slots():
                try:
                    getattr(self._model, name).disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self._model = model
        self._dirty = True
        if model is not None:
            for name, slot in self._slots():
                getattr(model, name).connect(slot)

    def _slots(self):
        return [(name, self._on_structure_changed) for name in _STRUCTURE_SIGNALS] + \
            [("dataChanged", self._on_data_changed), ("headerDataChanged", self._on_header_changed)]

    def _on_structure_changed(self, *args):
        self._dirty = True

    def _on_data_changed(self, top_left, bottom_right, roles=()):
        if roles and not any(int(getattr(r, "value", r)) == 0 for r in roles):
            return                                           # marks, colours, tooltips: not the text
        self._changed = True
        if self._dirty or top_left.parent().isValid():       # a tree's branch: read it all again (trees are small)
            self._dirty = True
            return
        model, entries, slots = self._model, self._entries, self._cell_slot
        for row in range(top_left.row(), bottom_right.row() + 1):
            for col in range(top_left.column(), bottom_right.column() + 1):
                k = slots.get((row, col))
                if k is not None:
                    entries[k][3] = _text(model.data(model.index(row, col), Qt.DisplayRole))

    def _on_header_changed(self, orientation, first, last):
        self._changed = True
        if self._dirty:
            return
        for section in range(first, last + 1):
            k = self._header_slot.get((orientation, section))
            if k is not None:
                self._entries[k][3] = _text(self._model.headerData(section, orientation, Qt.DisplayRole))

    @property
    def stale(self) -> bool:
        """The model changed since the matches were found."""
        return self._dirty or self._changed or self.view.model() is not self._model

    # ---- finding -----------------------------------------------------------------------------
    def find(self, text: str) -> int:
        """Find ``text`` (any case) again; returns the number of matches.
        The position stays on the same match when it is still there."""
        if self.view.model() is not self._model:
            self._listen(self.view.model())
        if self._dirty:
            self._read()
        old = self.matches[self.position].key if 0 <= self.position < len(self.matches) else None
        self.text = text
        self._changed = False
        needle = text.casefold()
        self.matches = [self._match(entry) for entry in self._entries if needle in entry[3]] if needle else []
        self.position = next((k for k, m in enumerate(self.matches) if m.key == old), -1)
        return len(self.matches)

    def refresh(self) -> int:
        """Find the same text again if the model changed; the number of matches."""
        if self.stale:
            return self.find(self.text)
        return len(self.matches)

    def _match(self, entry) -> Match:
        kind, key, ref, _ = entry
        if kind != CELL:
            return Match(kind, key, section=ref)
        path, column = ref
        parent = QModelIndex()
        for row in path[:-1]:
            parent = self._model.index(row, 0, parent)
        return Match(CELL, key, QPersistentModelIndex(self._model.index(path[-1], column, parent)))

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

    def _read(self):
        """Every shown text, in reading order, into the entries."""
        self._entries, self._cell_slot, self._header_slot = [], {}, {}
        self._dirty = False
        self._changed = True
        model = self._model
        if model is None:
            return
        columns = self._columns()
        order = {c: k for k, c in enumerate(columns)}
        header = self._horizontal_header()
        if header is not None and not header.isHidden():
            for c in columns:
                self._header_slot[(Qt.Horizontal, c)] = len(self._entries)
                self._entries.append([COLUMN, ((-1,), order[c]), c,
                                      _text(model.headerData(c, Qt.Horizontal, Qt.DisplayRole))])
        vertical = self._vertical_header()
        self._read_rows(QModelIndex(), (), columns, order, vertical is not None and not vertical.isHidden())

    def _read_rows(self, parent, path, columns, order, rows_headed):
        """The entries under ``parent`` (at ``path``), parents before children."""
        model, view, entries = self._model, self.view, self._entries
        tree = isinstance(view, QTreeView)
        top = not parent.isValid()
        for row in range(model.rowCount(parent)):
            if view.isRowHidden(row, parent) if tree else view.isRowHidden(row):
                continue
            here = path + (row,)
            if rows_headed:
                self._header_slot[(Qt.Vertical, row)] = len(entries)
                entries.append([ROW, (here, -1), row, _text(model.headerData(row, Qt.Vertical, Qt.DisplayRole))])
            for c in columns:
                if top:
                    self._cell_slot[(row, c)] = len(entries)
                entries.append([CELL, (here, order[c]), (here, c),
                                _text(model.data(model.index(row, c, parent), Qt.DisplayRole))])
            first = model.index(row, 0, parent)
            if tree and model.hasChildren(first):
                self._read_rows(first, here, columns, order, rows_headed)

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
