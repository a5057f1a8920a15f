"""File > Import Workbook: a wizard that reads a workbook made by someone
else into the open project (one undoable step) or into a new project.

Pages: choose the file (read off the GUI thread, with progress and Stop)
-> the layout and header row as detected, correctable, with a live
preview of the sheet (the header, the cells read and the cells that could
not be read marked) and of the values read -> the workbook's indicators,
units and periods matched to the project's (unmatched indicators can be
added, each under the aggregate chosen for it) -> what will change, and what to do with
unreadable cells -> Finish.

Nothing touches the project before Finish; then one
``document.execute(command, "Import …")`` applies everything, so a single
Undo restores the project exactly.  The models read from the arrays of
:class:`core.importing.result.ImportResult` and the sheet's row lists (no pandas).

The preview models and shared helpers live in :mod:`gui.importing.models`,
the first two pages in :mod:`gui.importing.pages`, the matching page (each
new indicator under its own aggregate) in :mod:`gui.importing.mapping`.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QPlainTextEdit, QRadioButton, QVBoxLayout, QWizard, \
    QWizardPage

from core.model.celltext import is_blank
from core.errors import CoIndexError
from core.importing.plan import (ImportOptions, change_lines, check_computes, confident, hidden_sheets,
                                 new_project, plan_merge, read_and_interpret, select_sheets, summary_lines)

from gui.importing.mapping import MatchPage
from gui.importing.models import FOLDER_KEY, wrapped_label
from gui.importing.file_page import FilePage
from gui.importing.pages import LayoutPage
from gui.importing.worker import Task, error_text


class FinishPage(QWizardPage):
    """Unreadable cells: missing or keep; what will change."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.bad_box = QGroupBox(self)
        self.missing_radio = QRadioButton(self.bad_box)
        self.keep_radio = QRadioButton(self.bad_box)
        self.missing_radio.setChecked(True)
        self.bad_note = wrapped_label(self.bad_box)
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

    After Finish: :attr:`summary` (core.importing.merge.MergeSummary) and
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
        if result is None and not hidden_sheets(cells) and \
                not any(not is_blank(v) for sheet in cells.sheets for row in sheet.rows for v in row):
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
        try:
            confident(self.import_result, self.options)         # the command line's check: no guess unaccepted
        except CoIndexError as e:
            self.page_finish.changes.setPlainText(str(e))
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
