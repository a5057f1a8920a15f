"""File > Import Workbook: a wizard that reads a workbook made by someone
else into the open project (one undoable step) or into a new project.

Pages: choose the file (read off the GUI thread, with progress and Stop)
-> the layout and header row as detected, correctable, with a live
preview of the sheet (the header, the cells read and the cells that could
not be read marked) and of the values read -> the workbook's indicators,
units and periods matched to the project's (unmatched indicators can be
added under a chosen aggregate) -> what will change, and what to do with
unreadable cells -> Finish.

Nothing touches the project before Finish; then one
``document.execute(command, "Import …")`` applies everything, so a single
Undo restores the project exactly.  The models read from the arrays of
:class:`core.importer.ImportResult` and the sheet's row lists (no pandas).
"""
from __future__ import annotations

import os
import re

import numpy as np
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QSettings,
                            Qt, QTimer, Signal)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QProgressBar,
                               QPushButton, QRadioButton, QSpinBox, QSplitter, QStyledItemDelegate, QTabBar,
                               QTableView, QTabWidget, QVBoxLayout, QWidget, QWizard, QWizardPage)

from core.cells import CellIssue, column_index, column_letter, is_blank, text_of
from core.errors import CoIndexError
from core.importer import LAYOUTS, _norm

from . import i18n
from .formatting import format_value
from .import_worker import (SKIP, ImportOptions, Task, change_lines, check_computes, error_text, interpret, label_of,
                            new_project, plan_merge, read_and_interpret, select_sheets, summary_lines)

EXTENSIONS = ("*.xlsx", "*.xlsm", "*.xls", "*.xlsb", "*.ods", "*.csv")
FOLDER_KEY = "import/folder"
PREVIEW_DELAY_MS = 150
NONE, HEADER, VALUE, BAD, HIDDEN = range(5)
MARK_COLOURS = {HEADER: QColor(70, 130, 200, 70), VALUE: QColor(60, 170, 90, 45), BAD: QColor(230, 60, 50, 110),
                HIDDEN: QColor(128, 128, 128, 50)}
_ADDRESS = re.compile(r"([A-Z]+)(\d+)\Z")
_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
# roles as the plain ints views pass: comparing PySide enum members costs
# more than the rest of a data() call (see gui/results_table.py)
_DISPLAY, _EDIT, _TOOLTIP = int(Qt.DisplayRole.value), int(Qt.EditRole.value), int(Qt.ToolTipRole.value)
_BACKGROUND, _FONT, _ALIGN = int(Qt.BackgroundRole.value), int(Qt.FontRole.value), int(Qt.TextAlignmentRole.value)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


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
        return _FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.sheet is None:
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY:
            return _cell_text(self.sheet.value(r, c))
        if role == _BACKGROUND:
            mark = int(self.marks[r, c]) if r < self.marks.shape[0] and c < self.marks.shape[1] else NONE
            return MARK_COLOURS.get(mark)
        if role == _TOOLTIP:
            reason = self.reasons.get((r, c))
            return self.tr("Cannot be read: {0}").format(reason) if reason else None
        if role == _FONT and r < self.marks.shape[0] and c < self.marks.shape[1] and self.marks[r, c] == HEADER:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != _DISPLAY:
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
        return _FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY:
            bad = self.bad.get((r, c))
            if bad is not None:
                return bad.text
            return format_value(float(self.values[r, c]))
        if role == _BACKGROUND:
            if (r, c) in self.bad:
                return MARK_COLOURS[BAD]
            return None if self.present[r, c] else MARK_COLOURS[HIDDEN]
        if role == _TOOLTIP:
            bad = self.bad.get((r, c))
            if bad is not None:
                return self.tr("{0}!{1} cannot be read ({2}); imported as missing").format(
                    bad.sheet, bad.address, bad.reason)
            if not self.present[r, c]:
                return self.tr("The workbook has no cell for this value")
            return None
        if role == _ALIGN:
            return _RIGHT
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != _DISPLAY:
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
        return _FLAGS if index.isValid() else Qt.NoItemFlags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role == _DISPLAY:
            row = self.rows[index.row()]
            return row[index.column()] if index.column() < len(row) else ""
        if role == _BACKGROUND:
            return self.colours[index.row()]
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != _DISPLAY:
            return None
        if orientation == Qt.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


LABEL, UNIT, COUNT, TARGET, STATUS = range(5)


class MappingModel(QAbstractTableModel):
    """The workbook's indicators and the project indicator each updates.
    Column TARGET is editable: automatic (None), :data:`SKIP` or a code."""

    mappingChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.units: list[str] = []
        self.counts = np.zeros(0, dtype=np.int64)
        self.choice: list = []
        self.outcome: list = []       # per row: (code or None, is_new)
        self.names: dict = {}         # project code -> display name
        self.new_parent_name = ""

    def set_result(self, result, names: dict):
        self.beginResetModel()
        self.labels = [label_of(ind) for ind in result.indicators]
        self.units = [ind.unit for ind in result.indicators]
        self.counts = np.isfinite(result.values).sum(axis=(0, 1))
        self.choice = [None] * len(self.labels)
        self.outcome = [(None, False)] * len(self.labels)
        self.names = dict(names)
        self.endResetModel()

    def mapping(self) -> dict:
        return {label: c for label, c in zip(self.labels, self.choice) if c is not None}

    def set_outcome(self, summary, new_parent_name=""):
        """Show what the merge plan does with each row (``summary`` None: nothing matches)."""
        matched = summary.matched if summary is not None else {}
        new = set(summary.new_indicators) if summary is not None else set()
        self.outcome = [(matched.get(label), matched.get(label) in new) for label in self.labels]
        self.new_parent_name = new_parent_name
        if self.labels:
            self.dataChanged.emit(self.index(0, TARGET), self.index(len(self.labels) - 1, STATUS))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.labels)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 5

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return _FLAGS | Qt.ItemIsEditable if index.column() == TARGET else _FLAGS

    def target_text(self, row) -> str:
        choice = self.choice[row]
        if choice == SKIP:
            return self.tr("Do not import")
        code, is_new = self.outcome[row]
        if choice is None and code is None:
            return self.tr("(no match)")
        code = choice if choice is not None else code
        if is_new:
            return self.tr("{0} (new)").format(code)
        name = self.names.get(code, "")
        return f"{code} — {name}" if name else code

    def status_text(self, row) -> str:
        if self.choice[row] == SKIP:
            return self.tr("skipped")
        code, is_new = self.outcome[row]
        if code is None:
            return self.tr("not imported")
        if is_new:
            return self.tr("new indicator under {0}").format(self.new_parent_name)
        return self.tr("chosen") if self.choice[row] is not None else self.tr("matched")

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == _DISPLAY or role == _EDIT:
            if c == TARGET and role == _EDIT:
                return self.choice[r]
            return (self.labels[r], self.units[r], str(int(self.counts[r])), self.target_text(r),
                    self.status_text(r))[c]
        if role == _BACKGROUND and c == STATUS:
            code, is_new = self.outcome[r]
            if self.choice[r] == SKIP or code is None:
                return MARK_COLOURS[HIDDEN]
            return MARK_COLOURS[HEADER] if is_new else MARK_COLOURS[VALUE]
        if role == _ALIGN and c == COUNT:
            return _RIGHT
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or index.column() != TARGET or role != _EDIT:
            return False
        if value not in (None, SKIP) and value not in self.names:
            return False
        self.choice[index.row()] = value
        self.dataChanged.emit(self.index(index.row(), TARGET), self.index(index.row(), STATUS))
        self.mappingChanged.emit()
        return True

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != _DISPLAY:
            return None
        if orientation == Qt.Vertical:
            return str(section + 1)
        heads = (self.tr("In the workbook"), self.tr("Unit of measure"), self.tr("Values"),
                 self.tr("Project indicator"), self.tr("Result"))
        return heads[section] if 0 <= section < len(heads) else None


class TargetDelegate(QStyledItemDelegate):
    """A combo box for the TARGET column: automatic, do not import, or any
    project indicator."""

    def createEditor(self, parent, option, index):
        model = index.model()
        box = QComboBox(parent)
        box.addItem(self.tr("Automatic"), None)
        box.addItem(self.tr("Do not import"), SKIP)
        for code, name in model.names.items():
            box.addItem(f"{code} — {name}", code)
        box.activated.connect(lambda *_: self.commitData.emit(box))
        return box

    def setEditorData(self, editor, index):
        k = editor.findData(index.data(Qt.EditRole))
        editor.setCurrentIndex(max(k, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)


# ---- pages -----------------------------------------------------------------------------------------
MAX_FITTED_COLUMNS, MAX_COLUMN_WIDTH, FIT_SAMPLE_ROWS = 40, 260, 60


def fit_columns(view: QTableView):
    """Columns as wide as their first rows' text (Qt samples the rows), capped."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    for c in range(min(view.model().columnCount(), MAX_FITTED_COLUMNS)):
        view.resizeColumnToContents(c)
        if header.sectionSize(c) > MAX_COLUMN_WIDTH:
            header.resizeSection(c, MAX_COLUMN_WIDTH)


def _wrapped(parent=None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


class FilePage(QWizardPage):
    """Choose the file and the target; Next reads it in the background."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.intro = _wrapped(self)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.target_box = QGroupBox(self)
        self.into_radio = QRadioButton(self.target_box)
        self.new_radio = QRadioButton(self.target_box)
        self.into_radio.setChecked(True)
        box = QVBoxLayout(self.target_box)
        box.addWidget(self.into_radio)
        box.addWidget(self.new_radio)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.stop_button = QPushButton(self)
        self.status = _wrapped(self)
        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.target_box)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.set_busy(False)
        self.path_edit.textChanged.connect(self._on_path_changed)
        self.browse_button.clicked.connect(self.browse)
        self.stop_button.clicked.connect(lambda: self.wizard().cancel_reading())
        self.retranslateUi()

    def retranslateUi(self):
        self.setTitle(self.tr("Choose a workbook"))
        self.intro.setText(self.tr("Indicator values from an Excel workbook (.xlsx, .xlsm, .xls, .xlsb), an "
                                   "OpenDocument spreadsheet (.ods) or a CSV table (UTF-8 or GB18030). Title rows, "
                                   "units, merged headers, footnotes and numbers written as text are handled; "
                                   "the next page shows what will be read."))
        self.path_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.target_box.setTitle(self.tr("Import into"))
        self.into_radio.setText(self.tr("the &open project (one step you can undo)"))
        self.new_radio.setText(self.tr("a &new project"))
        self.stop_button.setText(self.tr("&Stop"))

    def browse(self):
        folder = os.path.dirname(self.path_edit.text()) or str(QSettings().value(FOLDER_KEY, "") or "")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import workbook"), folder, open_filter())
        if path:
            self.path_edit.setText(path)
        return path

    def set_busy(self, busy: bool):
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        for w in (self.path_edit, self.browse_button, self.target_box):
            w.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)
        self.completeChanged.emit()

    def show_error(self, message: str):
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(message)

    def show_note(self, message: str):
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _on_path_changed(self, _text):
        self.show_note("")
        self.completeChanged.emit()

    def isComplete(self):
        wizard = self.wizard()
        return bool(self.path_edit.text().strip()) and wizard is not None and not wizard.reading

    def validatePage(self):
        wizard = self.wizard()
        path = self.path_edit.text().strip()
        if wizard.cells is not None and wizard.options.path == path:
            return True
        wizard.start_reading(path)
        return False


LAYOUT_NAMES = {
    "auto": QT_TRANSLATE_NOOP("LayoutPage", "Detect"),
    "template": QT_TRANSLATE_NOOP("LayoutPage", "Template (Data and Meta sheets)"),
    "yearbook": QT_TRANSLATE_NOOP("LayoutPage", "Yearbook: indicators as rows, years as columns"),
    "units-by-indicators": QT_TRANSLATE_NOOP("LayoutPage", "Units as rows, indicators as columns"),
    "long": QT_TRANSLATE_NOOP("LayoutPage", "Long: unit, year, indicator and value columns"),
}


class LayoutPage(QWizardPage):
    """The layout and header row as detected, both correctable, with a
    live preview of the sheet and of the values read."""

    previewUpdated = Signal()

    def __init__(self, wizard):
        super().__init__(wizard)
        self.sheet_box = QComboBox(self)
        self.layout_box = QComboBox(self)
        for key in ("auto",) + LAYOUTS:
            self.layout_box.addItem("", key)
        self.header_spin = QSpinBox(self)
        self.header_spin.setRange(0, 1)
        self.unit_edit = QLineEdit(self)
        self.hidden_check = QCheckBox(self)
        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.form_labels, (self.sheet_box, self.layout_box, self.header_spin,
                                                   self.unit_edit)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow("", self.hidden_check)
        self.summary = _wrapped(self)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.warnings = _wrapped(self)
        self.preview_tabs = QTabWidget(self)
        sheet_page = QWidget(self.preview_tabs)
        self.sheet_tabs = QTabBar(sheet_page)
        self.sheet_tabs.setDocumentMode(True)
        self.sheet_tabs.setExpanding(False)
        self.sheet_model = SheetPreviewModel(self)
        self.sheet_view = self._view(self.sheet_model, sheet_page)
        box = QVBoxLayout(sheet_page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.sheet_tabs)
        box.addWidget(self.sheet_view)
        self.values_model = ValuesPreviewModel(self)
        self.values_view = self._view(self.values_model, self.preview_tabs)
        self.preview_tabs.addTab(sheet_page, "")
        self.preview_tabs.addTab(self.values_view, "")
        self.bad_box = QWidget(self)
        self.bad_label = _wrapped(self.bad_box)
        self.bad_model = RowsModel(self)
        self.bad_view = self._view(self.bad_model, self.bad_box)
        self.bad_view.horizontalHeader().setStretchLastSection(True)
        bad_layout = QVBoxLayout(self.bad_box)
        bad_layout.setContentsMargins(0, 0, 0, 0)
        bad_layout.addWidget(self.bad_label)
        bad_layout.addWidget(self.bad_view)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.preview_tabs)
        splitter.addWidget(self.bad_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.reinterpret)
        self._task: Task | None = None
        self._filling = False
        self.pending = False
        self.error = ""
        for signal in (self.sheet_box.currentIndexChanged, self.layout_box.currentIndexChanged,
                       self.header_spin.valueChanged, self.unit_edit.textChanged, self.hidden_check.toggled):
            signal.connect(self._on_option_changed)
        self.sheet_tabs.currentChanged.connect(lambda *_: self._show_sheet())
        self.bad_view.doubleClicked.connect(self._go_to_bad_cell)
        self.retranslateUi()

    @staticmethod
    def _view(model, parent):
        view = QTableView(parent)
        view.setModel(model)
        view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
        view.horizontalHeader().setDefaultSectionSize(96)
        view.setWordWrap(False)
        return view

    def retranslateUi(self):
        self.setTitle(self.tr("Layout and header row"))
        self.setSubTitle(self.tr("Check what will be read; correct the layout or the header row if the preview "
                                 "is wrong. Blue: header; green: values read; red: cells that cannot be read."))
        for label, text in zip(self.form_labels, (self.tr("&Sheets:"), self.tr("&Layout:"),
                                                  self.tr("&Header row:"), self.tr("&Unit:"))):
            label.setText(text)
        self.hidden_check.setText(self.tr("Read &hidden rows and columns too"))
        self.unit_edit.setPlaceholderText(self.tr("from the sheet name or a unit column"))
        self.unit_edit.setToolTip(self.tr("The unit code of a sheet that does not name its unit; with a unit column, "
                                          "only this unit's rows are read"))
        self.header_spin.setToolTip(self.tr("The row of the column headings (0: detect)"))
        self.preview_tabs.setTabText(0, self.tr("Sheet"))
        self.preview_tabs.setTabText(1, self.tr("Values read"))
        self.bad_model.set_headers([self.tr("Sheet"), self.tr("Cell"), self.tr("Text"), self.tr("Why")])
        self._fill_texts()

    def _fill_texts(self):
        wizard = self.wizard()
        result = wizard.import_result if wizard is not None else None
        detected = result.layout if result is not None else ""
        for k in range(self.layout_box.count()):
            key = self.layout_box.itemData(k)
            text = self.tr(LAYOUT_NAMES[key])
            if key == "auto" and detected:
                text = self.tr("Detect ({0})").format(self.tr(LAYOUT_NAMES.get(detected, detected)))
            self.layout_box.setItemText(k, text)
        if self.sheet_box.count():
            self.sheet_box.setItemText(0, self.tr("All sheets ({0})").format(self.sheet_box.count() - 1))
        row = result.header_row if result is not None else None
        self.header_spin.setSpecialValueText(self.tr("detect (row {0})").format(row) if row else self.tr("detect"))
        self._show_summary()

    # ---- filling ------------------------------------------------------------------------------
    def initializePage(self):
        wizard = self.wizard()
        cells, options = wizard.cells, wizard.options
        self._filling = True
        try:
            self.sheet_box.clear()
            self.sheet_box.addItem("", None)
            for sheet in cells.sheets:
                self.sheet_box.addItem(sheet.name, sheet.name)
            chosen = options.sheets[0] if options.sheets and len(options.sheets) == 1 else None
            self.sheet_box.setCurrentIndex(max(self.sheet_box.findData(chosen), 0))
            self.layout_box.setCurrentIndex(max(self.layout_box.findData(options.layout), 0))
            self.header_spin.setRange(0, max(1, max((s.n_rows for s in cells.sheets), default=1)))
            self.header_spin.setValue(options.header_row or 0)
            self.unit_edit.setText(options.unit or "")
            self.hidden_check.setChecked(options.include_hidden)
        finally:
            self._filling = False
        self.error = wizard.read_message
        self._show_result()

    def options(self) -> ImportOptions:
        """The wizard's options with this page's choices."""
        o = self.wizard().options
        sheet = self.sheet_box.currentData()
        o.sheets = [sheet] if sheet else None
        o.layout = self.layout_box.currentData() or "auto"
        o.header_row = self.header_spin.value() or None
        o.unit = self.unit_edit.text().strip() or None
        o.include_hidden = self.hidden_check.isChecked()
        return o

    def _on_option_changed(self, *_):
        if self._filling:
            return
        if self._task is not None:
            self._task.cancel()
        self.pending = True
        self.completeChanged.emit()
        self._timer.start()

    def reinterpret(self):
        """Read the cells again with the current choices (in the background)."""
        wizard = self.wizard()
        if self._task is not None:
            self._task.cancel()
        self.pending = True
        self.summary.setText(self.tr("Reading…"))
        task = Task(interpret, wizard.cells, ImportOptions(**vars(self.options())), parent=self)
        task.succeeded.connect(lambda result: self._on_interpreted(result, ""))
        task.failed.connect(lambda e: self._on_interpreted(None, error_text(e)))
        self._task = task.start()

    def _on_interpreted(self, result, message):
        self._task = None
        wizard = self.wizard()
        wizard.set_result(result)
        self.error = message
        self._show_result()

    def _show_result(self):
        wizard = self.wizard()
        result = wizard.import_result
        self.pending = False
        self.values_model.set_result(result)
        fit_columns(self.values_view)
        bad = result.unreadable if result is not None else []
        self.bad_model.set_rows(self.bad_model.headers, [(c.sheet, c.address, c.text, c.reason) for c in bad],
                                [MARK_COLOURS[BAD]] * len(bad))
        self.bad_box.setVisible(bool(bad))
        self.bad_label.setText(self.tr("{0} cell(s) cannot be read (red in the sheet). On the last page you choose "
                                       "to import them as missing values, or cancel.").format(len(bad)))
        names = [s.name for s in (wizard.selected_cells().sheets if wizard.cells is not None else [])]
        current = self.sheet_tabs.tabText(self.sheet_tabs.currentIndex()) if self.sheet_tabs.count() else None
        self.sheet_tabs.blockSignals(True)
        while self.sheet_tabs.count():
            self.sheet_tabs.removeTab(0)
        for name in names:
            self.sheet_tabs.addTab(name)
        if current in names:
            self.sheet_tabs.setCurrentIndex(names.index(current))
        self.sheet_tabs.setVisible(len(names) > 1)
        self.sheet_tabs.blockSignals(False)
        self._show_sheet()
        self._fill_texts()
        self.completeChanged.emit()
        self.previewUpdated.emit()

    def _show_sheet(self):
        """The chosen sheet in the preview, marked."""
        wizard = self.wizard()
        if wizard.cells is None:
            self.sheet_model.set_sheet(None, np.zeros((0, 0), dtype=np.int8))
            return
        sheets = wizard.selected_cells().sheets
        k = self.sheet_tabs.currentIndex()
        sheet = sheets[k] if 0 <= k < len(sheets) else (sheets[0] if sheets else None)
        if sheet is None:
            return
        result = wizard.import_result
        reasons = {}
        for cell in (result.unreadable if result is not None else []):
            pos = cell_position(cell.address) if cell.sheet == sheet.name else None
            if pos:
                reasons[pos] = cell.reason
        self.sheet_model.set_sheet(sheet, sheet_marks(result, sheet), reasons)
        fit_columns(self.sheet_view)
        header = result.header_rows.get(sheet.name) if result is not None else None
        if header:
            self.sheet_view.scrollTo(self.sheet_model.index(max(header - 2, 0), 0), QAbstractItemView.PositionAtTop)

    def _go_to_bad_cell(self, index):
        wizard = self.wizard()
        if wizard.import_result is None or not index.isValid():
            return
        cell = wizard.import_result.unreadable[index.row()]
        names = [self.sheet_tabs.tabText(k) for k in range(self.sheet_tabs.count())]
        if cell.sheet in names:
            self.sheet_tabs.setCurrentIndex(names.index(cell.sheet))
        pos = cell_position(cell.address)
        self.preview_tabs.setCurrentIndex(0)
        if pos is not None:
            target = self.sheet_model.index(*pos)
            self.sheet_view.scrollTo(target, QAbstractItemView.PositionAtCenter)
            self.sheet_view.setCurrentIndex(target)

    def _show_summary(self):
        wizard = self.wizard()
        result = wizard.import_result if wizard is not None else None
        if result is None:
            self.summary.setStyleSheet("color: #c0392b;")
            self.summary.setText(self.error or self.tr("Nothing read yet."))
            self.warnings.setText("")
            return
        self.summary.setStyleSheet("")
        heads = ", ".join(f"'{s}' {self.tr('row')} {r}" for s, r in result.header_rows.items())
        self.summary.setText(self.tr("Read as {0}; header {1}: {2} indicator(s), {3} unit(s), {4} period(s), "
                                     "{5} value(s), {6} cell(s) unreadable.").format(
            self.tr(LAYOUT_NAMES.get(result.layout, result.layout)), heads, len(result.indicators),
            len(result.unit_codes), len(result.periods), result.n_values, len(result.unreadable)))
        shown = result.warnings[:4]
        more = len(result.warnings) - len(shown)
        text = "\n".join("• " + w for w in shown)
        if more > 0:
            text += "\n" + self.tr("… and {0} more").format(more)
        self.warnings.setText(text)
        self.warnings.setToolTip("\n".join(result.warnings))

    def isComplete(self):
        return self.wizard().import_result is not None and not self.pending and self._task is None

    def nextId(self):
        return self.wizard().MATCH if self.wizard().into_project() else self.wizard().FINISH

    def cleanupPage(self):
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._timer.stop()


class MatchPage(QWizardPage):
    """Workbook indicators, units and periods matched to the project's."""

    planChanged = Signal()

    def __init__(self, wizard):
        super().__init__(wizard)
        self.intro = _wrapped(self)
        self.model = MappingModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(TARGET, TargetDelegate(self.view))
        self.view.setEditTriggers(QAbstractItemView.AllEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(LABEL, QHeaderView.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.Stretch)
        for c in (UNIT, COUNT, STATUS):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.new_label = QLabel(self)
        self.new_box = QComboBox(self)
        self.new_label.setBuddy(self.new_box)
        self.new_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.units_model = RowsModel(self)
        self.units_view = QTableView(self)
        self.units_view.setModel(self.units_model)
        self.units_view.horizontalHeader().setStretchLastSection(True)
        self.units_view.setMaximumHeight(140)
        self.periods_label = _wrapped(self)
        self.add_units = QCheckBox(self)
        self.add_periods = QCheckBox(self)
        self.add_units.setChecked(True)
        self.add_periods.setChecked(True)
        self.status = _wrapped(self)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_label)
        new_row.addWidget(self.new_box, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.add_units)
        checks.addWidget(self.add_periods)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 3)
        layout.addLayout(new_row)
        layout.addWidget(self.units_view, 1)
        layout.addWidget(self.periods_label)
        layout.addLayout(checks)
        layout.addWidget(self.status)
        self.model.mappingChanged.connect(self.update_plan)
        self.new_box.currentIndexChanged.connect(lambda *_: self.update_plan())
        self.add_units.toggled.connect(lambda *_: self.update_plan())
        self.add_periods.toggled.connect(lambda *_: self.update_plan())
        self._filling = False
        self.retranslateUi()

    def retranslateUi(self):
        self.setTitle(self.tr("Match indicators, units and periods"))
        self.intro.setText(self.tr("Each workbook indicator updates the project indicator with the same code, "
                                   "English name or Chinese name. Click a cell of 'Project indicator' to choose "
                                   "another one or to leave it out."))
        self.new_label.setText(self.tr("Indicators that match &none:"))
        self.add_units.setText(self.tr("Add new &units"))
        self.add_periods.setText(self.tr("Add new &periods"))
        if self.new_box.count():
            self.new_box.setItemText(0, self.tr("do not import them"))
        for k in range(1, self.new_box.count()):
            code = self.new_box.itemData(k)
            node = self.wizard().document.project.framework[code]
            self.new_box.setItemText(k, self.tr("add them as new indicators under {0}").format(
                f"{code} — {i18n.display_name(node)}"))
        self.units_model.set_headers([self.tr("In the workbook"), self.tr("In the project")])
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, 4)
        self._show_plan()

    def initializePage(self):
        wizard = self.wizard()
        fw = wizard.document.project.framework
        names = {code: i18n.display_name(fw[code]) for code in fw.indicator_codes}
        self._filling = True
        try:
            self.model.set_result(wizard.import_result, names)
            keep = wizard.options.new_parent
            self.new_box.clear()
            self.new_box.addItem("", None)
            for code in sorted(fw.aggregate_codes, key=lambda c: -fw.level[c]):   # the index first
                self.new_box.addItem("", code)
            self.new_box.setCurrentIndex(max(self.new_box.findData(keep), 0))
            self.add_units.setChecked(wizard.options.add_units)
            self.add_periods.setChecked(wizard.options.add_periods)
            for label, choice in wizard.options.mapping.items():
                if label in self.model.labels and (choice == SKIP or choice in names):
                    self.model.choice[self.model.labels.index(label)] = choice
        finally:
            self._filling = False
        self.retranslateUi()
        self.update_plan()

    def update_plan(self):
        if self._filling:
            return
        wizard = self.wizard()
        o = wizard.options
        o.mapping = self.model.mapping()
        o.new_parent = self.new_box.currentData()
        o.add_units, o.add_periods = self.add_units.isChecked(), self.add_periods.isChecked()
        wizard.update_plan()
        self._show_plan()
        self.completeChanged.emit()
        self.planChanged.emit()

    def _show_plan(self):
        wizard = self.wizard()
        if wizard is None or wizard.import_result is None:
            return
        summary = wizard.summary
        parent = wizard.options.new_parent
        parent_name = ""
        if parent:
            parent_name = f"{parent} — {i18n.display_name(wizard.document.project.framework[parent])}"
        self.model.set_outcome(summary, parent_name)
        result, ds = wizard.import_result, wizard.document.project.dataset
        lookup = {}
        for u, (code, name) in enumerate(zip(ds.unit_codes, ds.unit_names)):
            lookup.setdefault(_norm(code), u)
            lookup.setdefault(_norm(name), u)
        rows, colours = [], []
        new_units = set(summary.new_units) if summary is not None else set()
        for code, name in result.units:
            label = code if name in ("", code) else f"{name} ({code})"
            u = lookup.get(_norm(code), lookup.get(_norm(name)))
            if u is not None:
                there = ds.unit_codes[u] if ds.unit_names[u] in ("", ds.unit_codes[u]) else \
                    f"{ds.unit_names[u]} ({ds.unit_codes[u]})"
                rows.append((label, there))
                colours.append(MARK_COLOURS[VALUE])
            elif code in new_units:
                rows.append((label, self.tr("new unit")))
                colours.append(MARK_COLOURS[HEADER])
            else:
                rows.append((label, self.tr("not imported")))
                colours.append(MARK_COLOURS[HIDDEN])
        self.units_model.set_rows(self.units_model.headers, rows, colours)
        if summary is not None:
            new_p = [str(p) for p in summary.new_periods]
            off = [str(p) for p in summary.unmatched_periods]
            same = [str(p) for p in result.periods if str(p) not in new_p + off and p is not None]
            parts = []
            if same:
                parts.append(self.tr("matched: {0}").format(", ".join(same)))
            if new_p:
                parts.append(self.tr("new: {0}").format(", ".join(new_p)))
            if off:
                parts.append(self.tr("not imported: {0}").format(", ".join(off)))
            self.periods_label.setText(self.tr("Periods — {0}").format("; ".join(parts) or self.tr("none")))
        else:
            self.periods_label.setText("")
        lines = summary_lines(summary) if summary is not None else []
        if wizard.plan_error:
            lines.append(wizard.plan_error)
        self.status.setStyleSheet("color: #c0392b;" if wizard.plan_error else "")
        self.status.setText("\n".join(lines))

    def isComplete(self):
        return self.wizard().command is not None


class FinishPage(QWizardPage):
    """Unreadable cells: missing or keep; what will change."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.bad_box = QGroupBox(self)
        self.missing_radio = QRadioButton(self.bad_box)
        self.keep_radio = QRadioButton(self.bad_box)
        self.missing_radio.setChecked(True)
        self.bad_note = _wrapped(self.bad_box)
        group = QButtonGroup(self)
        group.addButton(self.missing_radio)
        group.addButton(self.keep_radio)
        box = QVBoxLayout(self.bad_box)
        box.addWidget(self.missing_radio)
        box.addWidget(self.keep_radio)
        box.addWidget(self.bad_note)
        self.heading = QLabel(self)
        self.changes = QPlainTextEdit(self)
        self.changes.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bad_box)
        layout.addWidget(self.heading)
        layout.addWidget(self.changes, 1)
        self.keep_radio.toggled.connect(self._on_unreadable_changed)
        self.retranslateUi()

    def retranslateUi(self):
        self.setTitle(self.tr("Import"))
        n = len(self.wizard().import_result.unreadable) if self.wizard() and self.wizard().import_result else 0
        self.bad_box.setTitle(self.tr("{0} cell(s) cannot be read").format(n))
        self.missing_radio.setText(self.tr("Import them as &missing values"))
        self.keep_radio.setText(self.tr("&Keep the project's values in those cells"))
        self.bad_note.setText(self.tr("To import nothing, press Cancel and correct the workbook first."))
        self.heading.setText(self.tr("What Finish will do:"))
        if self.wizard() is not None and self.wizard().import_result is not None:
            self._show()

    def initializePage(self):
        wizard = self.wizard()
        self.keep_radio.setVisible(wizard.into_project())
        self.missing_radio.setChecked(wizard.options.unreadable != "keep" or not wizard.into_project())
        self.bad_box.setVisible(bool(wizard.import_result.unreadable))
        self.setButtonText(QWizard.FinishButton, self.tr("&Import"))
        self.retranslateUi()

    def _on_unreadable_changed(self, *_):
        wizard = self.wizard()
        wizard.options.unreadable = "keep" if self.keep_radio.isChecked() else "missing"
        if wizard.into_project():
            wizard.update_plan()
        self._show()

    def _show(self):
        wizard = self.wizard()
        result = wizard.import_result
        if wizard.into_project():
            summary = wizard.summary
            lines = summary_lines(summary, result.file) if summary is not None else []
            if wizard.plan_error:
                lines.append(wizard.plan_error)
            if summary is not None and summary.changes:
                lines += [""] + change_lines(summary)
        else:
            lines = [self.tr("A new project from {0}: {1} indicator(s) under one index, {2} unit(s), {3} period(s), "
                             "{4} value(s).").format(result.file, len(result.indicators), len(result.unit_codes),
                                                     len(result.periods), result.n_values)]
            if result.framework is not None:
                lines = [self.tr("A new project from the template {0}: its framework and settings, {1} unit(s), "
                                 "{2} period(s), {3} value(s).").format(result.file, len(result.unit_codes),
                                                                        len(result.periods), result.n_values)]
        self.changes.setPlainText("\n".join(lines))

    def isComplete(self):
        wizard = self.wizard()
        return wizard.import_result is not None and (not wizard.into_project() or wizard.command is not None)


# ---- the wizard ----------------------------------------------------------------------------------------
class ImportWizard(QWizard):
    """Import a workbook into ``document`` (or as a new project).

    After Finish: :attr:`summary` (core.importer.MergeSummary) and
    ``imported(summary)`` for a merge (already applied as one undo step),
    or :attr:`new_project` and ``projectCreated(project)`` for a new
    project (the caller opens it).  ``readFailed(message)``: the file
    could not be read (the message is shown on the first page).
    """

    FILE, LAYOUT, MATCH, FINISH = range(4)
    imported = Signal(object)
    projectCreated = Signal(object)
    readFailed = Signal(str)
    readFinished = Signal()

    def __init__(self, document, parent=None, path: str | None = None):
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.document = document
        self.options = ImportOptions()
        self.cells = None
        self.import_result = None
        self.read_message = ""
        self.summary = None
        self.command = None
        self.plan_error = ""
        self.new_project = None
        self._task: Task | None = None
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.page_file = FilePage(self)
        self.page_layout = LayoutPage(self)
        self.page_match = MatchPage(self)
        self.page_finish = FinishPage(self)
        for k, page in ((self.FILE, self.page_file), (self.LAYOUT, self.page_layout), (self.MATCH, self.page_match),
                        (self.FINISH, self.page_finish)):
            self.setPage(k, page)
        self.resize(980, 700)
        self.retranslateUi()
        if path:
            self.page_file.path_edit.setText(os.fspath(path))

    def retranslateUi(self):
        self.setWindowTitle(self.tr("Import Workbook"))
        for page in (self.page_file, self.page_layout, self.page_match, self.page_finish):
            page.retranslateUi()

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def into_project(self) -> bool:
        return self.page_file.into_radio.isChecked()

    def selected_cells(self):
        return select_sheets(self.cells, self.options.sheets)

    # ---- reading ---------------------------------------------------------------------------------
    @property
    def reading(self) -> bool:
        return self._task is not None

    def start_reading(self, path: str):
        """Read ``path`` in the background; the wizard moves on when done."""
        self.cancel_reading()
        self.cells = self.import_result = None
        self.summary = self.command = None
        self.options = ImportOptions(path=path)
        QSettings().setValue(FOLDER_KEY, os.path.dirname(os.path.abspath(path)))
        task = Task(read_and_interpret, path, ImportOptions(path=path), parent=self)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(self._on_read)
        task.failed.connect(self._on_read_failed)
        self._task = task
        self.page_file.show_note(self.tr("Reading {0}…").format(os.path.basename(path)))
        self.page_file.set_busy(True)
        task.start()

    def cancel_reading(self):
        """Stop waiting for the file (the project is untouched)."""
        if self._task is None:
            return
        self._task.cancel()
        self._task = None
        self.page_file.set_busy(False)
        self.page_file.show_note(self.tr("Stopped; nothing was imported."))

    def _on_progress(self, fraction, message):
        self.page_file.progress.setValue(int(round(fraction * 100)))

    def _on_read(self, payload):
        self._task = None
        cells, result, message = payload
        if result is None and not any(not is_blank(v) for sheet in cells.sheets for row in sheet.rows for v in row):
            self._on_read_failed(CoIndexError(message))       # nothing in any sheet: no header row can help
            return
        self.cells, self.read_message = cells, message
        self.set_result(result)
        self.page_file.set_busy(False)
        self.page_file.show_note("")
        self.readFinished.emit()
        self.next()

    def _on_read_failed(self, error):
        self._task = None
        self.page_file.set_busy(False)
        message = error_text(error)
        self.page_file.show_error(self.tr("This file cannot be imported; the project is unchanged.\n{0}").format(message))
        self.readFailed.emit(message)

    def set_result(self, result):
        self.import_result = result
        self.summary = self.command = None

    # ---- the plan and finishing --------------------------------------------------------------------
    def update_plan(self):
        """The merge of the current result and options, and whether the
        project still computes after it (the project is not changed)."""
        self.summary = self.command = None
        self.plan_error = ""
        if self.import_result is None:
            return
        project = self.document.project
        try:
            command, self.summary = plan_merge(project, self.import_result, self.options)
        except CoIndexError as e:
            self.plan_error = str(e)
            return
        try:
            check_computes(project, command)
        except CoIndexError as e:
            self.plan_error = self.tr("After this import the project could not be computed: {0}").format(e)
            return
        self.command = command

    def accept(self):
        if self.import_result is None:
            return
        if not self.into_project():
            try:
                self.new_project = new_project(self.import_result, self.options)
            except CoIndexError as e:
                self.page_finish.changes.setPlainText(str(e))
                return
            super().accept()
            self.projectCreated.emit(self.new_project)
            return
        self.update_plan()
        if self.command is None:
            self.page_finish.changes.setPlainText(self.plan_error)
            return
        refused = []
        self.document.editFailed.connect(refused.append)
        try:
            ok = self.document.execute(self.command, self.tr("Import {0}").format(self.import_result.file))
        finally:
            self.document.editFailed.disconnect(refused.append)
        if not ok:
            self.page_finish.changes.setPlainText(self.tr("The project refused the import; nothing changed.\n{0}")
                                                  .format("\n".join(refused)))
            return
        super().accept()
        self.imported.emit(self.summary)

    def reject(self):
        self.cancel_reading()
        self.page_layout.cleanupPage()
        super().reject()

    def done(self, code):
        self.cancel_reading()
        super().done(code)
