"""The import wizard's preview table models and the small helpers the
pages share (cell marks, column fitting, wrapped labels); the matching
page and its model are in :mod:`gui.importing.mapping`.

The models read from the arrays of :class:`core.importing.result.ImportResult`
and the sheet's row lists (no pandas); none opens a dialog.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QTableView

from core.model.celltext import CellIssue, column_index, column_letter, text_of

from gui.base.formatting import format_value

EXTENSIONS = ("*.xlsx", "*.xlsm", "*.xls", "*.xlsb", "*.ods", "*.csv")
FOLDER_KEY = "import/folder"
PREVIEW_DELAY_MS = 150
NONE, HEADER, VALUE, BAD, HIDDEN = range(5)
MARK_COLOURS = {HEADER: QColor(70, 130, 200, 70), VALUE: QColor(60, 170, 90, 45), BAD: QColor(230, 60, 50, 110),
                HIDDEN: QColor(128, 128, 128, 50)}
_ADDRESS = re.compile(r"([A-Z]+)(\d+)\Z")
ITEM_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
# roles as the plain ints views pass: comparing PySide enum members costs
# more than the rest of a data() call (see gui/sheets/results_table.py)
DISPLAY_ROLE, EDIT_ROLE, TOOLTIP_ROLE = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
BACKGROUND_ROLE, FONT_ROLE, ALIGN_ROLE = int(Qt.BackgroundRole.value), int(Qt.FontRole.value), int(Qt.TextAlignmentRole.value)
ALIGN_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


translate = QCoreApplication.translate


def open_filter() -> str:
    return ";;".join([translate("ImportWizard", "Workbooks and tables ({0})").format(" ".join(EXTENSIONS)),
                      translate("ImportWizard", "All files (*)")])


def cell_position(address: str):
    """0-based (row, column) of 'C7', or None."""
    m = _ADDRESS.match(address or "")
    return (int(m.group(2)) - 1, column_index(m.group(1))) if m else None


def sheet_marks(result, sheet) -> np.ndarray:
    """What each cell of ``sheet`` is to the import: NONE, HEADER, VALUE,
    BAD (could not be read) or HIDDEN (a hidden row or column, skipped)."""
    marks = np.zeros((sheet.n_rows, sheet.n_cols), dtype=np.int8)
    for r in sheet.hidden_rows:
        if r < marks.shape[0]:
            marks[r, :] = HIDDEN
    for c in sheet.hidden_cols:
        if c < marks.shape[1]:
            marks[:, c] = HIDDEN
    if result is None or sheet.name not in result.sheets:
        return marks
    header = result.header_rows.get(sheet.name)
    if header and 0 < header <= marks.shape[0]:
        marks[header - 1, :] = HEADER
    s = result.sheets.index(sheet.name)
    here = result.cell_sheet == s
    rows, cols = result.cell_row[here], result.cell_col[here]
    ok = (rows < marks.shape[0]) & (cols < marks.shape[1])
    marks[rows[ok], cols[ok]] = VALUE
    for cell in result.unreadable:
        pos = cell_position(cell.address) if cell.sheet == sheet.name else None
        if pos and pos[0] < marks.shape[0] and pos[1] < marks.shape[1]:
            marks[pos] = BAD
    return marks


def _cell_text(v) -> str:
    """A cell as the workbook shows it (numbers without thousands separators)."""
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else f"{v:.12g}"
    if isinstance(v, CellIssue):
        return str(v)
    return text_of(v)


# ---- table models ------------------------------------------------------------------------------------
class SheetPreviewModel(QAbstractTableModel):
    """The cells of one sheet as read, marked by :func:`sheet_marks`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.sheet = None
        self.marks = np.zeros((0, 0), dtype=np.int8)
        self.reasons: dict = {}
        self._cols = 0

    def set_sheet(self, sheet, marks, reasons=None):
        self.beginResetModel()
        self.sheet, self.marks, self.reasons = sheet, marks, reasons or {}
        self._cols = sheet.n_cols if sheet is not None else 0
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() or self.sheet is None else self.sheet.n_rows

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._cols

    def flags(self, index):
        return ITEM_FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.sheet is None:
            return None
        r, c = index.row(), index.column()
        if role == DISPLAY_ROLE:
            return _cell_text(self.sheet.value(r, c))
        if role == BACKGROUND_ROLE:
            mark = int(self.marks[r, c]) if r < self.marks.shape[0] and c < self.marks.shape[1] else NONE
            return MARK_COLOURS.get(mark)
        if role == TOOLTIP_ROLE:
            reason = self.reasons.get((r, c))
            return self.tr("Cannot be read: {0}").format(reason) if reason else None
        if role == FONT_ROLE and r < self.marks.shape[0] and c < self.marks.shape[1] and self.marks[r, c] == HEADER:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != DISPLAY_ROLE:
            return None
        if orientation == Qt.Horizontal:
            return column_letter(section)
        return str(section + 1)


class ValuesPreviewModel(QAbstractTableModel):
    """What will be read: one row per unit and period, one column per
    indicator (the values array of the import, reshaped, not copied)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.set_result(None)

    def set_result(self, result):
        self.beginResetModel()
        self.import_result = result
        if result is None:
            self.values = np.zeros((0, 0))
            self.present = np.zeros((0, 0), dtype=bool)
            self.row_labels, self.col_labels, self.bad = [], [], {}
        else:
            U, T, I = result.values.shape
            self.values = result.values.reshape(U * T, I)
            self.present = result.present.reshape(U * T, I)
            periods = ["" if p is None else str(p) for p in result.periods]
            names = [n or c for c, n in result.units]
            self.row_labels = [" · ".join(x for x in (names[u] if U > 1 else "", periods[t]) if x) or names[u]
                               for u in range(U) for t in range(T)]
            self.col_labels = [f"{ind.name} ({ind.unit})" if ind.unit else ind.name for ind in result.indicators]
            uix = {c: k for k, c in enumerate(result.unit_codes)}
            tix = {p: k for k, p in enumerate(result.periods)}
            iix = {ind.code: k for k, ind in enumerate(result.indicators)}
            self.bad = {}
            for cell in result.unreadable:
                u, t, i = uix.get(cell.unit), tix.get(cell.period), iix.get(cell.code)
                if None not in (u, t, i):
                    self.bad[(u * T + t, i)] = cell
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.values.shape[0]

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self.values.shape[1]

    def flags(self, index):
        return ITEM_FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == DISPLAY_ROLE:
            bad = self.bad.get((r, c))
            if bad is not None:
                return bad.text
            return format_value(float(self.values[r, c]))
        if role == BACKGROUND_ROLE:
            if (r, c) in self.bad:
                return MARK_COLOURS[BAD]
            return None if self.present[r, c] else MARK_COLOURS[HIDDEN]
        if role == TOOLTIP_ROLE:
            bad = self.bad.get((r, c))
            if bad is not None:
                return self.tr("{0}!{1} cannot be read ({2}); imported as missing").format(
                    bad.sheet, bad.address, bad.reason)
            if not self.present[r, c]:
                return self.tr("The workbook has no cell for this value")
            return None
        if role == ALIGN_ROLE:
            return ALIGN_RIGHT
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != DISPLAY_ROLE:
            return None
        labels = self.col_labels if orientation == Qt.Horizontal else self.row_labels
        return labels[section] if 0 <= section < len(labels) else None


class RowsModel(QAbstractTableModel):
    """A read-only table of text rows (unreadable cells, units)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: list[tuple] = []
        self.colours: list = []

    def set_rows(self, headers, rows, colours=None):
        self.beginResetModel()
        self.headers, self.rows = list(headers), [tuple(str(x) for x in r) for r in rows]
        self.colours = list(colours) if colours is not None else [None] * len(self.rows)
        self.endResetModel()

    def set_headers(self, headers):
        self.headers = list(headers)
        if self.headers:
            self.headerDataChanged.emit(Qt.Horizontal, 0, len(self.headers) - 1)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.headers)

    def flags(self, index):
        return ITEM_FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == DISPLAY_ROLE:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == BACKGROUND_ROLE:
            return self.colours[index.row()]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != DISPLAY_ROLE:
            return None
        if orientation == Qt.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


# ---- view helpers ----------------------------------------------------------------------------------
MAX_FITTED_COLUMNS, MAX_COLUMN_WIDTH, FIT_SAMPLE_ROWS = 40, 260, 60


def fit_columns(view: QTableView):
    """Columns as wide as their first rows' text (Qt samples the rows), capped."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    for c in range(min(view.model().columnCount(), MAX_FITTED_COLUMNS)):
        view.resizeColumnToContents(c)
        if header.sectionSize(c) > MAX_COLUMN_WIDTH:
            header.resizeSection(c, MAX_COLUMN_WIDTH)


def wrapped_label(parent=None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label

