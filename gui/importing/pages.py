"""The import wizard's layout page: the reading of the table as
detected, correctable (the command line's choices: sheets, layout, header
row, rows to skip, unit, hidden cells and the column of each role), with a
live preview of the sheet and of the values read.  The wizard itself is :class:`gui.importing.wizard.ImportWizard`.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QSpinBox, QSplitter, QTabBar, QTableView, QTabWidget,
                               QVBoxLayout, QWidget, QWizardPage)

from core.importing.confidence import doubts as doubts_of
from core.importing.layouts.long import LAYOUT as LONG, extra_keys
from core.importing.layouts.registry import names as layout_names
from core.importing.plan import ImportOptions, hidden_sheets, reinterpret
from core.importing.layouts.base import ReadOptions
from core.importing.table import find_table
from core.model.celltext import column_letter

from gui.importing.models import (BAD, MARK_COLOURS, PREVIEW_DELAY_MS, RowsModel, SheetPreviewModel,
                                  ValuesPreviewModel, wrapped_label, cell_position, fit_columns,
                                  sheet_marks)
from gui.importing.table_choices import (COLUMN_ROLES, KEEP, SPLIT, column_headings, detected_columns,
                                         layout_text, value_text)
from gui.importing.worker import Task, error_text

translate = QCoreApplication.translate


class LayoutPage(QWizardPage):
    """The layout and header row as detected, both correctable, with a
    live preview of the sheet and of the values read."""

    previewUpdated = Signal()

    def __init__(self, wizard):
        super().__init__(wizard)
        self._build_form()
        self._build_summary()
        self._build_previews()
        self._build_bad_cells()
        self._build_doubts()
        self._build_keys()
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.preview_tabs)
        splitter.addWidget(self.bad_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.keys_box)
        layout.addWidget(self.doubts_box)
        layout.addWidget(splitter, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.reinterpret)
        self._task: Task | None = None
        self._filling = False
        self._hidden: set = set()
        self.pending = False
        self.error = ""
        self._connect_signals()
        self.retranslateUi()

    def _build_form(self):
        """The options: sheets, layout, header row, unit and hidden cells."""
        self.sheet_box = QComboBox(self)
        self.layout_box = QComboBox(self)
        for key in ("auto",) + layout_names():
            self.layout_box.addItem("", key)
        self.header_spin = QSpinBox(self)
        self.header_spin.setRange(0, 1)
        self.skip_spin = QSpinBox(self)
        self.skip_spin.setRange(0, 1)
        self.unit_edit = QLineEdit(self)
        self.hidden_check = QCheckBox(self)
        options = QFormLayout()
        self.form_labels = [QLabel(self) for _ in range(5)]
        for label, field in zip(self.form_labels, (self.sheet_box, self.layout_box, self.header_spin,
                                                   self.skip_spin, self.unit_edit)):
            label.setBuddy(field)
            options.addRow(label, field)
        options.addRow("", self.hidden_check)
        self._build_columns()
        self.form = QHBoxLayout()
        self.form.addLayout(options, 3)
        self.form.addWidget(self.columns_box, 2)

    def _build_columns(self):
        """The column of each role: detected, or the one chosen
        (ImportOptions.columns, role -> column letter)."""
        self.columns_box = QGroupBox(self)
        grid = QFormLayout(self.columns_box)
        grid.setVerticalSpacing(2)
        self.column_boxes, self.column_labels = {}, {}
        for role in COLUMN_ROLES:
            box = QComboBox(self.columns_box)
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(14)
            box.addItem("", None)
            label = QLabel(self.columns_box)
            label.setBuddy(box)
            grid.addRow(label, box)
            self.column_boxes[role], self.column_labels[role] = box, label
        self.detected: dict = {}

    def _build_summary(self):
        """The bold summary line and the warnings under the form."""
        self.summary = wrapped_label(self)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.warnings = wrapped_label(self)

    def _build_doubts(self):
        """What the detection guessed (core/importing/confidence.py), and
        the choice to import it as read anyway (ImportOptions.accept_guess)."""
        self.doubts_box = QGroupBox(self)
        self.doubts_box.setStyleSheet("QGroupBox { color: #a04000; font-weight: bold; }")
        self.doubts_label = wrapped_label(self.doubts_box)
        self.doubts_label.setStyleSheet("color: #a04000; font-weight: normal;")
        self.accept_check = QCheckBox(self.doubts_box)
        self.accept_check.setStyleSheet("font-weight: normal;")
        box = QVBoxLayout(self.doubts_box)
        box.addWidget(self.doubts_label)
        box.addWidget(self.accept_check)
        self.doubts_box.setVisible(False)
        self.doubts: list = []

    def _build_keys(self):
        """A choice per extra key column of a long table: one of its values
        (ImportOptions.filters) or each value a separate indicator (.split)."""
        self.keys_box = QGroupBox(self)
        self.keys_form = QFormLayout(self.keys_box)
        self.keys_form.setVerticalSpacing(2)
        self.keys_note = wrapped_label(self.keys_box)
        self.keys_form.addRow(self.keys_note)
        self.key_boxes: dict = {}           # column header -> its choice
        self.keys: list = []                # core.importing.layouts.long.extra_keys of the sheet shown
        self.keys_box.setVisible(False)

    def _build_previews(self):
        """The preview tabs: the sheet (with a tab per sheet) and the values read."""
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

    def _build_bad_cells(self):
        """The list of cells that cannot be read, with its caption."""
        self.bad_box = QWidget(self)
        self.bad_label = wrapped_label(self.bad_box)
        self.bad_model = RowsModel(self)
        self.bad_view = self._view(self.bad_model, self.bad_box)
        self.bad_view.horizontalHeader().setStretchLastSection(True)
        bad_layout = QVBoxLayout(self.bad_box)
        bad_layout.setContentsMargins(0, 0, 0, 0)
        bad_layout.addWidget(self.bad_label)
        bad_layout.addWidget(self.bad_view)

    def _connect_signals(self):
        """Options re-read the preview; sheet tabs and unreadable cells navigate."""
        for signal in (self.sheet_box.currentIndexChanged, self.layout_box.currentIndexChanged,
                       self.header_spin.valueChanged, self.skip_spin.valueChanged, self.unit_edit.textChanged,
                       self.hidden_check.toggled, *(b.currentIndexChanged for b in self.column_boxes.values())):
            signal.connect(self._on_option_changed)
        self.sheet_tabs.currentChanged.connect(self._on_sheet_tab_changed)
        self.accept_check.toggled.connect(self._on_accept_toggled)
        self.bad_view.doubleClicked.connect(self._go_to_bad_cell)

    def _on_sheet_tab_changed(self, *_):
        self._show_sheet()
        self._fill_columns()
        self._fill_texts()

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
                                                  self.tr("&Header row:"), self.tr("Rows to s&kip:"),
                                                  self.tr("&Unit:"))):
            label.setText(text)
        self.skip_spin.setToolTip(self.tr("Rows at the top of the sheet to ignore (titles, notes) before the "
                                          "table is looked for"))
        self.columns_box.setTitle(self.tr("Columns"))
        self.columns_box.setToolTip(self.tr("The column that holds each role; 'detect' uses the column the header "
                                            "names (shown in brackets)"))
        for role, text in COLUMN_ROLES.items():
            self.column_labels[role].setText(translate("LayoutPage", text))
        self.hidden_check.setText(self.tr("Read &hidden rows and columns too"))
        self.unit_edit.setPlaceholderText(self.tr("from the sheet name or a unit column"))
        self.unit_edit.setToolTip(self.tr("The unit code of a sheet that does not name its unit; with a unit column, "
                                          "only this unit's rows are read"))
        self.header_spin.setToolTip(self.tr("The row of the column headings (0: detect)"))
        self.preview_tabs.setTabText(0, self.tr("Sheet"))
        self.preview_tabs.setTabText(1, self.tr("Values read"))
        self.bad_model.set_headers([self.tr("Sheet"), self.tr("Cell"), self.tr("Text"), self.tr("Why")])
        self.doubts_box.setTitle(self.tr("The reading is a guess"))
        self.accept_check.setText(self.tr("Import it as read &anyway"))
        self.keys_box.setTitle(self.tr("Extra key columns"))
        self.keys_note.setText(self.tr("Rows with the same unit, period and indicator differ in these columns: "
                                       "keep one value of each, or make each value a separate indicator."))
        self._fill_texts()

    def _fill_texts(self):
        wizard = self.wizard()
        result = wizard.import_result if wizard is not None else None
        detected = result.layout if result is not None else ""
        for k in range(self.layout_box.count()):
            key = self.layout_box.itemData(k)
            text = layout_text(key)
            if key == "auto" and detected:
                text = self.tr("Detect ({0})").format(layout_text(detected))
            self.layout_box.setItemText(k, text)
        if self.sheet_box.count():
            hidden = 0
            for k in range(1, self.sheet_box.count()):
                name = self.sheet_box.itemData(k)
                if name in self._hidden:
                    hidden += 1
                    self.sheet_box.setItemText(k, self.tr("{0} (hidden)").format(name))
            self.sheet_box.setItemText(0, self.tr("All sheets ({0})").format(self.sheet_box.count() - 1 - hidden))
        row = result.header_row if result is not None else None
        self.header_spin.setSpecialValueText(self.tr("detect (row {0})").format(row) if row else self.tr("detect"))
        self.skip_spin.setSpecialValueText(self.tr("none"))
        for role, box in self.column_boxes.items():
            found = self.detected.get(role)
            box.setItemText(0, self.tr("detect ({0})").format(self._column_text(found)) if found
                            else self.tr("detect (none found)"))
        self._show_summary()

    def _column_text(self, letter) -> str:
        heading = dict(self._headings).get(letter, "")
        return f"{letter}: {heading}" if heading else letter

    # ---- filling ------------------------------------------------------------------------------
    def initializePage(self):
        wizard = self.wizard()
        cells, options = wizard.cells, wizard.options
        self._filling = True
        try:
            self.sheet_box.clear()
            self.sheet_box.addItem("", None)
            self._hidden = set(hidden_sheets(cells))     # listed too; read when chosen
            for name in cells.sheet_names:
                self.sheet_box.addItem(name, name)
            chosen = options.sheets[0] if options.sheets and len(options.sheets) == 1 else None
            self.sheet_box.setCurrentIndex(max(self.sheet_box.findData(chosen), 0))
            self.layout_box.setCurrentIndex(max(self.layout_box.findData(options.layout), 0))
            self._set_header_range(cells)
            self.header_spin.setValue(options.header_row or 0)
            self.skip_spin.setValue(options.skip_rows or 0)
            self.unit_edit.setText(options.unit or "")
            self.hidden_check.setChecked(options.include_hidden)
            self.accept_check.setChecked(options.accept_guess)
        finally:
            self._filling = False
        self.error = wizard.read_message
        self._show_result()

    def _set_header_range(self, cells):
        rows = max(1, max((s.n_rows for s in cells.sheets), default=1))
        self.header_spin.setRange(0, rows)
        self.skip_spin.setRange(0, rows)

    _headings: list = []

    def _fill_columns(self):
        """The column choices for the sheet shown: each column with its
        heading; the detected one named in the first item; the chosen one
        (the options') selected."""
        wizard = self.wizard()
        sheet = self._current_sheet()
        result = wizard.import_result
        header = result.header_rows.get(sheet.name) if result is not None and sheet is not None else None
        if header is None and sheet is not None:
            header = wizard.options.header_row
        self._headings = column_headings(sheet, header)
        self.detected = detected_columns(sheet, header, wizard.options.include_hidden,
                                         result.layout if result is not None else "") if header else {}
        chosen = wizard.options.columns or {}
        self._filling, filling = True, self._filling
        try:
            for role, box in self.column_boxes.items():
                while box.count() > 1:
                    box.removeItem(1)
                for letter, heading in self._headings:
                    box.addItem(f"{letter}: {heading}" if heading else letter, letter)
                want = chosen.get(role)
                k = box.findData(want) if want else 0
                if want and k < 0:                  # a column this sheet does not have: kept, shown as it is
                    box.addItem(str(want), want)
                    k = box.count() - 1
                box.setCurrentIndex(max(k, 0))
        finally:
            self._filling = filling

    def _current_sheet(self):
        wizard = self.wizard()
        if wizard is None or wizard.cells is None:
            return None
        sheets = wizard.selected_cells().sheets
        k = self.sheet_tabs.currentIndex()
        return sheets[k] if 0 <= k < len(sheets) else (sheets[0] if sheets else None)

    def options(self) -> ImportOptions:
        """The wizard's options with this page's choices."""
        o = self.wizard().options
        sheet = self.sheet_box.currentData()
        o.sheets = [sheet] if sheet else None
        o.layout = self.layout_box.currentData() or "auto"
        o.header_row = self.header_spin.value() or None
        o.skip_rows = self.skip_spin.value()
        o.columns = {role: box.currentData() for role, box in self.column_boxes.items() if box.currentData()}
        o.unit = self.unit_edit.text().strip() or None
        o.include_hidden = self.hidden_check.isChecked()
        o.accept_guess = self.accept_check.isChecked()
        if self.key_boxes:
            o.filters, o.split = {}, []
            for head, box in self.key_boxes.items():
                data = box.currentData()
                if data == SPLIT:
                    o.split.append(head)
                elif data:
                    o.filters[head] = data[len(KEEP):]
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
        """Read the cells again with the current choices (in the background;
        a hidden sheet chosen for the first time is read from the file)."""
        wizard = self.wizard()
        if self._task is not None:
            self._task.cancel()
        self.pending = True
        options = ImportOptions(**vars(self.options()))
        have = {s.name for s in wizard.cells.sheets}
        new = [n for n in options.sheets or () if n not in have]
        self.summary.setStyleSheet("")
        self.summary.setText(self.tr("Reading sheet {0}…").format(", ".join(new)) if new else self.tr("Reading…"))
        task = Task(reinterpret, wizard.cells, options, parent=self)
        task.succeeded.connect(lambda payload: self._on_interpreted(*payload))
        task.failed.connect(lambda e: self._on_interpreted(None, None, error_text(e)))
        self._task = task.start()

    def _on_interpreted(self, cells, result, message):
        self._task = None
        wizard = self.wizard()
        if cells is not None and cells is not wizard.cells:
            wizard.cells = cells                        # with the hidden sheet(s) just read
            self._filling = True
            try:
                self._set_header_range(cells)
            finally:
                self._filling = False
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
        self._fill_columns()
        self._fill_keys()
        self._fill_texts()
        self._show_doubts()
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
        row_text = self.tr("'{0}' row {1}")
        heads = ", ".join(row_text.format(s, r) for s, r in result.header_rows.items())
        self.summary.setText(self.tr("Read as {0}; header {1}: {2} indicator(s), {3} unit(s), {4} period(s), "
                                     "{5} value(s), {6} cell(s) unreadable.").format(
            layout_text(result.layout), heads, len(result.indicators),
            len(result.unit_codes), len(result.periods), result.n_values, len(result.unreadable)))
        shown = result.warnings[:4]
        more = len(result.warnings) - len(shown)
        text = "\n".join("• " + w for w in shown)
        if more > 0:
            text += "\n" + self.tr("… and {0} more").format(more)
        self.warnings.setText(text)
        self.warnings.setToolTip("\n".join(result.warnings))

    # ---- extra key columns and doubts ---------------------------------------------------------------
    def _fill_keys(self):
        """A choice per extra key column of the sheet shown (read as a long
        table), prefilled with the options' choice, else what the import
        took (the total) or nothing (a choice to make)."""
        wizard = self.wizard()
        sheet = self._current_sheet()
        result = wizard.import_result
        options = wizard.options
        found = []
        if sheet is not None and options.layout in ("auto", "long") and (result is None or result.layout == "long"):
            header = result.header_rows.get(sheet.name) if result is not None else options.header_row
            try:
                table = find_table(sheet, header, options.include_hidden, "", options.skip_rows or 0)
                if table is not None and LONG.fit(table):
                    found = extra_keys(table, ReadOptions(measure_column=(options.columns or {}).get("measure")))
            except Exception:       # noqa: BLE001 - a table the finder refuses: no key columns to offer
                found = []
        self.keys = found
        self._filling, filling = True, self._filling
        try:
            while self.keys_form.rowCount() > 1:
                self.keys_form.removeRow(1)
            self.key_boxes = {}
            for c, head, values, total in found:
                box = QComboBox(self.keys_box)
                shown = dict(values)
                box.addItem(self.tr("{0}: the total, as read").format(value_text(total, shown[total])) if total
                            else self.tr("(choose a value)"), None)
                for code, label in values:
                    if code != total:
                        box.addItem(value_text(code, label), KEEP + code)
                box.addItem(self.tr("each value a separate indicator"), SPLIT)
                if head in (options.split or ()):
                    box.setCurrentIndex(box.count() - 1)
                elif head in (options.filters or {}):
                    box.setCurrentIndex(max(box.findData(KEEP + str(options.filters[head])), 0))
                box.currentIndexChanged.connect(self._on_option_changed)
                label = QLabel(f"{column_letter(c)} '{head}':", self.keys_box)
                label.setBuddy(box)
                self.keys_form.addRow(label, box)
                self.key_boxes[head] = box
        finally:
            self._filling = filling
        self.keys_box.setVisible(bool(found))

    def _show_doubts(self):
        """What the detection guessed, each with what settles it here."""
        result = self.wizard().import_result
        self.doubts = doubts_of(result) if result is not None else []
        self.doubts_label.setText("\n".join(f"• {d.what}: {self._settle(d)}" for d in self.doubts) +
                                  "\n" + self.tr("Settle it, or import it as read anyway (as the command line's "
                                                 "--accept-guess)."))
        self.doubts_box.setVisible(bool(self.doubts))

    def _settle(self, doubt) -> str:
        """What settles ``doubt`` on this page."""
        if doubt.role in COLUMN_ROLES:
            role = re.sub(r"\(&.\)|&", "", translate("LayoutPage", COLUMN_ROLES[doubt.role])).rstrip(":：")
            return self.tr("choose the column under Columns ({0})").format(role)
        if doubt.kind == "unreadable":
            return self.tr("check the header row, the rows to skip and the columns; imported anyway, they are "
                           "missing values")
        return self.tr("choose the unit, period and indicator columns under Columns; imported anyway, the first "
                       "value of each is kept")

    def _on_accept_toggled(self, checked):
        if self._filling:
            return
        self.wizard().options.accept_guess = bool(checked)
        self.completeChanged.emit()

    def isComplete(self):
        return (self.wizard().import_result is not None and not self.pending and self._task is None
                and (not self.doubts or self.accept_check.isChecked()))

    def nextId(self):
        return self.wizard().MATCH if self.wizard().into_project() else self.wizard().FINISH

    def cleanupPage(self):
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._timer.stop()

