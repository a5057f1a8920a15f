"""The results table: every node of the framework for one unit and one
period, in tree order (index, dimensions, indicators, indented), with its
score, change since the base period, average annual growth over all
periods, rank among the units and, for an aggregate, how many of the
indicators under it have data (the mean takes whatever is present).  Ctrl+C copies the selected rows as
tab-separated text.  A click on a header sorts by that column (ascending,
descending, then the tree order again; missing values last either way).

:class:`ResultsModel` reads the engine's score array directly (one slice
per update, never a per-cell lookup) and refreshes its value columns on
every document change.  It sorts itself (``sort``): a permutation from the
rows shown to the rows of the tree order, so that the view's own indices,
selection and copying keep working on the rows as shown.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout,
                               QWidget)

from gui.base.choosers import labelled_combo, period_items, refill
from gui.base.document import ProjectDocument
from gui.base.formatting import edit_text, fmt
from gui.base.i18n import display_name
from gui.base.palette import unit_labels
from gui.sheets.results_rows import node_decimals, node_results, runs, sorted_order, tree_order  # noqa: F401 (tree_order: re-exported)

CODE, NAME, SCORE, CHANGE, GROWTH, RANK, COVERAGE = range(7)
INDENT = "\u2003"              # an em space per tree level
MIN_NAME_WIDTH = 160           # pixels
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
# item data roles as the plain ints views pass (comparing ints is much
# cheaper than comparing PySide enum members)
_DISPLAY, _EDIT, _TOOLTIP = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
_ALIGN, _FONT = int(Qt.TextAlignmentRole.value), int(Qt.FontRole.value)
_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable          # made once: enum arithmetic is slow
_NO_FLAGS = Qt.NoItemFlags


class ResultsModel(QAbstractTableModel):
    """Results of every node for one unit and one period (read-only)."""

    def __init__(self, document: ProjectDocument, unit: int = 0, period: int = -1, parent=None):
        super().__init__(parent)
        self.document = document
        self._unit = unit
        self._period = period
        self._sort = None                   # (column, Qt.SortOrder), None: the tree order
        self._build()
        document.valuesChanged.connect(self._on_values_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_structure_changed)

    # ---- contents --------------------------------------------------------------------
    def _build(self):
        project = self.document.project
        fw = project.framework
        order = tree_order(fw)
        self._codes = [c for c, _ in order]
        self._depth = [d for _, d in order]
        self._names = [display_name(fw[c]) for c in self._codes]
        self._is_indicator = [fw[c].is_indicator for c in self._codes]
        index = project.engine.index
        self._rows = np.array([index[c] for c in self._codes], dtype=int)
        self._values = np.full((len(self._codes), 4), np.nan)
        engine = project.engine
        self._of = np.array([engine.indicators_under[c].size for c in self._codes], dtype=int)
        self._present = self._of.copy()
        self._bold = QFont()
        self._bold.setBold(True)
        self._perm = np.arange(len(self._codes))
        self._compute()
        self._perm = self._sorted_rows()

    def _compute(self):
        project = self.document.project
        ds = project.dataset
        self._decimals = [2] * len(self._codes)
        if not ds.unit_codes or not ds.periods or not len(self._rows):
            self._values = np.full((len(self._codes), 4), np.nan)
        else:
            self._values = node_results(project.engine, self._rows, self.unit, self.period)
            engine = project.engine
            self._present = np.array([engine.present(c)[self.unit, self.period] for c in self._codes], dtype=int)
            self._decimals = node_decimals(project, self._rows)
        self._make_texts()

    @property
    def unit(self) -> int:
        n = len(self.document.project.dataset.unit_codes)
        return self._unit if 0 <= self._unit < n else 0

    @property
    def period(self) -> int:
        T = len(self.document.project.dataset.periods)
        t = self._period if self._period is not None and self._period >= 0 else T - 1
        return min(max(t, 0), max(T - 1, 0))

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self._refresh_values()

    def set_period(self, period: int):
        if period != self._period:
            self._period = period
            self._refresh_values()
            self.headerDataChanged.emit(Qt.Horizontal, SCORE, RANK)

    def codes(self) -> list[str]:
        return list(self._codes)

    def values(self) -> np.ndarray:
        """(rows, 4): score, change %, average annual growth %, rank (tree order)."""
        return self._values.copy()

    # ---- sorting ---------------------------------------------------------------------
    def sort(self, column: int, order=Qt.AscendingOrder):
        """Show the rows sorted by ``column`` (-1: the tree order): numbers
        by value, texts by their case-folded form; missing values last in
        either order; equal keys keep the tree order (stable)."""
        self._sort = None if column < 0 or column > COVERAGE else (column, order)
        self._apply_sort()

    def sort_state(self):
        """(column, order) of the sort, or None for the tree order."""
        return self._sort

    def tree_rows(self, shown) -> list[int]:
        """The tree-order rows (as in :meth:`codes`) of rows as shown."""
        return [int(self._perm[r]) for r in shown]

    def shown_rows(self, tree_rows) -> np.ndarray:
        """Where tree-order rows are shown."""
        where = np.empty(len(self._perm), dtype=int)
        where[self._perm] = np.arange(len(self._perm))
        return where[np.asarray(tree_rows, dtype=int)]

    def _sort_keys(self, column: int):
        """One key per tree row for ``column``: floats (NaN missing) or texts."""
        if column == CODE:
            return [c.casefold() for c in self._codes]
        if column == NAME:
            return [n.casefold() for n in self._names]
        if column == COVERAGE:
            with np.errstate(invalid="ignore", divide="ignore"):
                share = self._present / self._of
            return np.where(self._is_indicator, np.nan, share)
        return self._values[:, column - SCORE]

    def _sorted_rows(self) -> np.ndarray:
        if self._sort is None:
            return np.arange(len(self._codes))
        column, order = self._sort
        return sorted_order(self._sort_keys(column), order == Qt.DescendingOrder)

    def _apply_sort(self):
        new = self._sorted_rows()
        if np.array_equal(new, self._perm):
            return
        self.layoutAboutToBeChanged.emit()
        old_shown = self.shown_rows(np.arange(len(self._perm)))      # tree row -> old shown row
        self._perm = new
        new_shown = self.shown_rows(np.arange(len(new)))
        moved = {int(old_shown[t]): int(new_shown[t]) for t in range(len(new))}
        for index in self.persistentIndexList():
            if index.isValid():
                self.changePersistentIndex(index, self.index(moved[index.row()], index.column()))
        self.layoutChanged.emit()

    def _refresh_values(self):
        """Recompute, and tell the views about the rows that changed only
        (an edit usually moves a handful of nodes; repainting only their
        cells keeps an edit cheap)."""
        old, old_present = self._values, self._present
        self._compute()
        new = self._values
        if old.shape == new.shape and old_present.shape == self._present.shape:
            same = (old == new) | (np.isnan(old) & np.isnan(new))
            changed = np.flatnonzero(~same.all(axis=1) | (old_present != self._present))
        else:
            changed = np.arange(len(self._codes))
        roles = [Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole]
        shown = np.sort(self.shown_rows(changed))
        for first, last in runs(shown):
            self.dataChanged.emit(self.index(first, SCORE), self.index(last, COVERAGE), roles)
        if self._sort is not None and self._sort[0] >= SCORE:
            self._apply_sort()                  # new values may move rows

    def retranslate(self):
        fw = self.document.project.framework
        self._names = [display_name(fw[c]) for c in self._codes]
        self._make_texts()
        if self._codes:
            self.dataChanged.emit(self.index(0, NAME), self.index(len(self._codes) - 1, NAME),
                                  [Qt.DisplayRole, Qt.ToolTipRole])
        self.headerDataChanged.emit(Qt.Horizontal, 0, COVERAGE)
        if self._sort is not None and self._sort[0] == NAME:
            self._apply_sort()

    # ---- document events -------------------------------------------------------------
    def _on_values_changed(self, cells):
        self._refresh_values()

    def _on_settings_changed(self):
        self._refresh_values()
        self.headerDataChanged.emit(Qt.Horizontal, CHANGE, RANK)

    def _on_structure_changed(self):
        self.beginResetModel()
        self._build()
        self.endResetModel()

    # ---- Qt model --------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else COVERAGE + 1

    def flags(self, index):
        return _FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index, role=_DISPLAY):
        # views pass plain ints; the display texts are made once per update
        if role == _DISPLAY:
            r, c = index.row(), index.column()
            if 0 <= r < len(self._texts) and 0 <= c <= COVERAGE:
                return self._texts[self._perm[r]][c]
            return None
        if role == _ALIGN:
            return _LEFT if index.column() <= NAME else _RIGHT
        if role == _FONT:
            r = index.row()
            return self._bold if 0 <= r < len(self._codes) and not self._is_indicator[self._perm[r]] else None
        if role != _EDIT and role != _TOOLTIP:
            return None
        r, c = index.row(), index.column()
        if not index.isValid() or not (0 <= r < len(self._codes) and 0 <= c <= COVERAGE):
            return None
        r = int(self._perm[r])
        if c == COVERAGE:
            if self._is_indicator[r]:
                return None
            if role == _EDIT:
                return float(self._present[r] / self._of[r])
            return self.tr("{0} of the {1} indicators under this node have data").format(
                self._present[r], self._of[r])
        if c == CODE:
            return self._codes[r]
        if c == NAME:
            return self._names[r]
        v = float(self._values[r, c - SCORE])
        if not np.isfinite(v):
            return None
        return v if role == _EDIT else edit_text(v)

    def _make_texts(self):
        """Display texts of every cell (a list per row), from the values."""
        texts = []
        for r, v in enumerate(self._values.tolist()):
            texts.append([self._codes[r], INDENT * self._depth[r] + self._names[r],
                          fmt(v[0], self._decimals[r]), fmt(v[1], sign=True), fmt(v[2], sign=True),
                          "—" if v[3] != v[3] else f"{int(v[3]):,}", self.coverage_text(r)])
        self._texts = texts

    def coverage_text(self, r: int) -> str:
        """'3 of 5' for an aggregate (its indicators with data), '' for an
        indicator."""
        if self._is_indicator[r]:
            return ""
        return self.tr("{0} of {1}").format(f"{self._present[r]:,}", f"{self._of[r]:,}")

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        """Two-line headers (the table stays narrow); the tooltip says it
        in full."""
        if orientation != Qt.Horizontal or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        project = self.document.project
        ds = project.dataset
        periods = ["" if p is None else str(p) for p in ds.periods] or [""]
        t = self.period
        base = min(project.engine.growth_base, len(periods) - 1)
        if role == Qt.ToolTipRole:
            tips = {SCORE: self.tr("Score of the node in {0}").format(periods[t]),
                    CHANGE: self.tr("Change of the score from {0} to {1}, in %").format(periods[base], periods[t]),
                    GROWTH: self.tr("Average annual growth (compound) from {0} to {1}, in %").format(
                        periods[0], periods[-1]),
                    RANK: self.tr("Rank among the {0} units in {1} (1 = highest)").format(
                        f"{len(ds.unit_codes):,}", periods[t]),
                    COVERAGE: self.tr("How many of the indicators under the node have data in {0}: the score "
                                      "is the mean of those present").format(periods[t])}
            return tips.get(section)
        names = {CODE: self.tr("Code"), NAME: self.tr("Name"), SCORE: self.tr("Score\n{0}").format(periods[t]),
                 CHANGE: self.tr("Change since\n{0} (%)").format(periods[base]),
                 GROWTH: self.tr("Growth a year\n{0}–{1} (%)").format(periods[0], periods[-1]),
                 RANK: self.tr("Rank\nof {0}").format(f"{len(ds.unit_codes):,}"),
                 COVERAGE: self.tr("Indicators\nwith data")}
        return names.get(section)

    # ---- copy ------------------------------------------------------------------------
    def rows_as_text(self, rows) -> str:
        """Tab-separated text of ``rows`` (as shown, in the order shown)
        with a header line; numbers with every digit, missing values empty."""
        header = [self.headerData(c, Qt.Horizontal).replace("\n", " ") for c in range(COVERAGE + 1)]
        lines = ["\t".join(header)]
        for r in self.tree_rows(sorted(rows)):
            v = self._values[r]
            cells = [self._codes[r], self._names[r]]
            cells += [edit_text(float(x)) if np.isfinite(x) else "" for x in v[:3]]
            cells.append(str(int(v[3])) if np.isfinite(v[3]) else "")
            cells.append(self.coverage_text(r))
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"


class ResultsTable(QWidget):
    """The results table with its own unit and period choosers (the main
    window links them to the other panes through ``unitChanged`` /
    ``periodChanged`` and ``set_unit`` / ``set_period``)."""

    unitChanged = Signal(int)
    periodChanged = Signal(int)
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = ResultsModel(document, parent=self)
        self.unit_label, self.unit_box = labelled_combo(self, min_chars=12)
        self.period_label, self.period_box = labelled_combo(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.unit_label, self.unit_box, self.period_label, self.period_box):
            bar.addWidget(w)
        bar.setStretch(1, 1)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        # widths are fitted once per structure or language change, not at
        # every edit (ResizeToContents would measure every cell each time)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(False)
        # sorted by the model (see ResultsModel.sort): ascending, descending, tree order
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.AscendingOrder)
        header.sectionClicked.connect(self._on_header_clicked)
        self._name_width = MIN_NAME_WIDTH
        self.copy_action = QAction(self)
        self.copy_action.setShortcut(QKeySequence.Copy)
        self.copy_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(self.copy_selection)
        self.view.addAction(self.copy_action)
        self.view.setContextMenuPolicy(Qt.ActionsContextMenu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self.model.dataChanged.connect(self._widen_value_columns)
        self._fill_choosers()
        self.unit_box.currentIndexChanged.connect(self._on_unit_chosen)
        self.period_box.currentIndexChanged.connect(self._on_period_chosen)
        document.structureChanged.connect(self._on_structure_changed)
        self.retranslateUi()

    def _fill_choosers(self):
        refill(self.unit_box, unit_labels(self.document.project), self.model.unit)
        refill(self.period_box, period_items(self.document.project), self.model.period)

    def set_unit(self, unit: int):
        self.unit_box.setCurrentIndex(unit)

    def set_period(self, period: int):
        self.period_box.setCurrentIndex(period)

    def _on_unit_chosen(self, unit):
        if unit >= 0:
            self.model.set_unit(unit)
            self.unitChanged.emit(unit)

    def _on_period_chosen(self, period):
        if period >= 0:
            self.model.set_period(period)
            self.periodChanged.emit(period)

    def _on_structure_changed(self):
        self._fill_choosers()
        self.fit_columns()

    def _on_header_clicked(self, column: int):
        """A header click: sort by the column ascending, then descending,
        then back to the tree order."""
        state = self.model.sort_state()
        if state is None or state[0] != column:
            self.sort_by(column, Qt.AscendingOrder)
        elif state[1] == Qt.AscendingOrder:
            self.sort_by(column, Qt.DescendingOrder)
        else:
            self.sort_by(-1)

    def sort_by(self, column: int, order=Qt.AscendingOrder):
        """Sort the rows by ``column`` (-1: the tree order) and show it in
        the header."""
        self.model.sort(column, order)
        self.view.horizontalHeader().setSortIndicator(column, order)

    def fit_columns(self):
        """Columns as wide as their contents, measured when the structure
        or the language change (not at every edit); the name column gives
        way, down to a minimum, when the view is narrow."""
        self.view.resizeColumnsToContents()
        self._name_width = self.view.columnWidth(NAME)
        # the view measures the rows on screen only: the numbers of every row count
        self._widen_value_columns()
        self._fit_name_column()

    def needed_width(self, column: int) -> int:
        """Pixels the widest text of ``column`` needs (measured in the bold
        font of the aggregates, the wider of the two), with the cell's margins."""
        font = QFont(self.view.font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = {self.model.index(r, column).data() or "" for r in range(self.model.rowCount())}
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        return widest + 2 * (self.view.style().pixelMetric(self.view.style().PixelMetric.PM_FocusFrameHMargin) + 1) \
            + 2 * self.view.showGrid()

    def _widen_value_columns(self, *args):
        """After new values: a number column too narrow for its texts (a
        score that reached 100.00) grows, so that no number is elided.  The
        texts are measured, not the cells (cheap: one text per node)."""
        grown = False
        for c in range(SCORE, COVERAGE + 1):
            need = self.needed_width(c)
            if self.view.columnWidth(c) < need:
                self.view.setColumnWidth(c, need)
                grown = True
        if grown:
            self._fit_name_column()

    def _fit_name_column(self):
        others = sum(self.view.columnWidth(c) for c in range(self.model.columnCount()) if c != NAME)
        room = self.view.viewport().width() - others
        self.view.setColumnWidth(NAME, max(MIN_NAME_WIDTH, min(self._name_width, room)))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_name_column()

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})

    def copy_selection(self) -> str:
        """Copy the selected rows (all rows when none is selected) as TSV."""
        rows = self.selected_rows() or list(range(self.model.rowCount()))
        text = self.model.rows_as_text(rows)
        QApplication.clipboard().setText(text)
        self.statusMessage.emit(self.tr("Copied %n row(s)", "", len(rows)))
        return text

    def copy(self):
        """Edit > Copy."""
        return self.copy_selection()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.retranslateUi()

    def retranslateUi(self):
        for k, label in enumerate(unit_labels(self.document.project)[:self.unit_box.count()]):
            self.unit_box.setItemText(k, label)
        self.unit_label.setText(self.tr("&Unit:"))
        self.period_label.setText(self.tr("&Period:"))
        self.copy_action.setText(self.tr("&Copy rows"))
        self.model.retranslate()
        self.fit_columns()
