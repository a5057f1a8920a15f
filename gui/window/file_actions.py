"""File > Import Workbook, Refresh from Source and File > Export > …:
the results workbook with live formulas, chart images (PNG at a chosen
scale, SVG), the PDF report, COINr iData / iMeta CSV and the empty
template workbook.

:func:`install_file_actions` adds them to a main window without the window
knowing them: it needs the window's ``document`` (read when an action is
triggered, since opening a project replaces it), ``files.maybe_save`` and
``set_project`` (a workbook imported as a new project), and its File menu
and, in it, the Export submenu (the menus with object names ``fileMenu``
and ``exportMenu``).  It returns the :class:`FileActions` object (kept as
a child of the window).

Long work runs in a :class:`~gui.importing.worker.Task` (reading workbooks,
writing the results workbook from a snapshot of the project); chart
images and the PDF are drawn on the GUI thread (Qt paints there) from an
off-screen chart panel.  Every file is written atomically (a temporary
file renamed over the target).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QProgressDialog

from core.errors import CoIndexError
from core.importing.plan import changes_anything, plan_merge, read_for_refresh, refresh_plans, summary_lines

from gui.base import i18n
from gui.importing.wizard import ImportWizard
from gui.importing.worker import Task, error_text
from gui.exporting.chart_images import DEFAULT_SCALE, ChartExportDialog, export_chart_files
from gui.exporting.report import chart_panel_of, safe_chart_images, write_pdf_report
from gui.base.folders import remember_folder, start_folder

STATUS_MS = 10000


def write_results_task(project, path, language, info, progress=None):
    """The worker's job: compute a snapshot and write its results workbook
    (values only, row by row with progress, above FORMULA_LIMIT result cells)."""
    from core.exporting.values import FORMULA_LIMIT, result_cells, write_values_workbook
    if result_cells(project) > FORMULA_LIMIT:
        write_values_workbook(project.engine, path, progress)
        return path
    from core.exporting.workbook import write_results_workbook
    write_results_workbook(project.engine, path, language=language, info=info)
    return path


def _show_fraction(dialog, fraction: float) -> None:
    """A task's progress on its dialog (busy until the first report)."""
    dialog.setMaximum(1000)
    dialog.setValue(int(fraction * 1000))


def workbook_language() -> str:
    """The results workbook's language code for the interface's language."""
    return "zh" if i18n.is_chinese() else "en"


class FileActions(QObject):
    """The import and export actions of one main window.

    Signals: ``exported(kind, path)`` when a file (or, for charts, a
    folder) was written; ``failed(kind, message)``; ``imported(summary)``
    after a wizard import or a refresh that changed the project."""

    exported = Signal(str, str)
    failed = Signal(str, str)
    imported = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("fileActions")
        self.window = window
        self.wizard: ImportWizard | None = None
        self._tasks: set = set()
        A = self._action
        self.import_action = A(self.import_workbook, "importWorkbookAction")
        self.refresh_action = A(self.refresh_from_source, "refreshSourceAction")
        self.results_action = A(self.export_results, "exportFormulaWorkbookAction")
        self.charts_action = A(self.export_charts, "exportChartImagesAction")
        self.pdf_action = A(self.export_pdf, "exportPdfAction")
        self.coinr_action = A(self.export_coinr, "exportCoinrAction")
        self.template_action = A(self.export_template, "exportTemplateAction")
        self._install()
        window.installEventFilter(self)
        self.retranslateUi()

    def _action(self, slot, name) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda checked=False: slot())
        return action

    # ---- menus -------------------------------------------------------------------------------
    def _install(self):
        file_menu = self.window.findChild(QMenu, "fileMenu")
        export_menu = self.window.findChild(QMenu, "exportMenu")
        self.file_menu, self.export_menu = file_menu, export_menu
        before = export_menu.menuAction()
        file_menu.insertActions(before, [self.import_action, self.refresh_action])
        file_menu.insertSeparator(before)
        export_menu.addActions([self.results_action, self.charts_action, self.pdf_action])
        export_menu.addSeparator()
        export_menu.addActions([self.coinr_action, self.template_action])
        file_menu.aboutToShow.connect(self._update_enabled)

    def _update_enabled(self):
        document = self.window.document
        self.refresh_action.setEnabled(document is not None and bool(refresh_plans(document.project)))

    def eventFilter(self, obj, event):
        if obj is self.window and event.type() == QEvent.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self):
        texts = {
            self.import_action: (self.tr("&Import Workbook…"),
                                 self.tr("Read indicator values from an Excel workbook, OpenDocument sheet or CSV")),
            self.refresh_action: (self.tr("Re&fresh from Source"),
                                  self.tr("Import the workbooks this project came from again and show what changed")),
            self.results_action: (self.tr("&Results Workbook with Formulas (.xlsx)…"),
                                  self.tr("Every result as live Excel formulas over the raw data, for audit")),
            self.charts_action: (self.tr("&Chart Images (PNG, SVG)…"),
                                 self.tr("Every chart as PNG at a chosen resolution and as SVG")),
            self.pdf_action: (self.tr("&PDF Report…"),
                              self.tr("Framework, method, results and charts in a PDF, in the interface's language")),
            self.coinr_action: (self.tr("COINr &iData / iMeta (CSV)…"),
                                self.tr("Tables that COINr's new_coin reads")),
            self.template_action: (self.tr("Empty &Template Workbook…"),
                                   self.tr("A workbook to fill in and open or import")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip)

    # ---- helpers -----------------------------------------------------------------------------
    @property
    def document(self):
        return self.window.document

    def _stem(self) -> str:
        path = self.document.path
        return os.path.splitext(os.path.basename(path))[0] if path else self.tr("untitled")

    def _folder(self) -> str:
        """Where the export dialogs start: the project file's folder (see
        :func:`gui.base.folders.start_folder`)."""
        return start_folder(self.document.path)

    def _save_path(self, caption, name, filters, suffix) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, caption, os.path.join(self._folder(), name), filters)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        remember_folder(path)
        return path

    def _status(self, message: str):
        self.window.statusBar().showMessage(message, STATUS_MS)

    def _fail(self, kind: str, error) -> None:
        message = error if isinstance(error, str) else error_text(error)
        QMessageBox.critical(self.window, self.tr("Not exported") if kind != "refresh" else self.tr("Not refreshed"),
                             message)
        self.failed.emit(kind, message)

    def _done(self, kind: str, path: str, shown: str | None = None):
        self._status(self.tr("Exported {0}").format(shown or os.path.basename(path)))
        self.exported.emit(kind, path)

    def _start(self, task: Task, label: str, cancellable: bool = False) -> Task:
        """Run ``task`` with a progress dialog that appears if it takes a while."""
        self._tasks.add(task)
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, 0, self.window)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(400)
        if not cancellable:
            dialog.setCancelButton(None)
        else:
            dialog.canceled.connect(task.cancel)
            dialog.canceled.connect(lambda: self._finish_task(task, dialog))
        dialog.setValue(0)
        task.progressed.connect(lambda fraction, _: _show_fraction(dialog, fraction))
        task.finished.connect(lambda: self._finish_task(task, dialog))
        return task.start()

    def _finish_task(self, task, dialog):
        self._tasks.discard(task)
        dialog.reset()
        dialog.deleteLater()

    # ---- import ----------------------------------------------------------------------------------
    def import_workbook(self, path: str | None = None, new_project: bool = False,
                        start: bool = False) -> ImportWizard:
        """Open the import wizard (window-modal, not blocking); returns it.
        ``new_project``: import into a new project (File > Open of a
        table); ``start``: read ``path`` at once (the wizard moves on to its
        layout page when read, or shows why not on its first page)."""
        if self.wizard is not None:             # one wizard at a time
            self.wizard.reject()
        wizard = ImportWizard(self.document, self.window, path)
        wizard.imported.connect(lambda summary: self._on_imported(wizard, summary))
        wizard.projectCreated.connect(self._on_project_created)
        wizard.finished.connect(lambda *_: self._on_wizard_closed(wizard))
        if new_project:
            wizard.page_file.new_radio.setChecked(True)
        self.wizard = wizard
        wizard.open()
        if start and path:
            wizard.next()               # the first page's Next: reads the file in the background
        return wizard

    def _on_wizard_closed(self, wizard):
        if self.wizard is wizard:
            self.wizard = None
        wizard.deleteLater()

    def _on_imported(self, wizard, summary):
        text = "\n".join(summary_lines(summary, wizard.import_result.file))
        self._status(self.tr("Imported {0}: {1} cell(s) changed").format(wizard.import_result.file, summary.cells_changed))
        QMessageBox.information(self.window, self.tr("Imported"), text)
        self.imported.emit(summary)

    def _on_project_created(self, project):
        window = self.window
        if not window.files.maybe_save():
            return
        window.set_project(project, None, modified=True)
        self._status(self.tr("Imported as a new project; save it to keep it"))

    def refresh_from_source(self) -> Task | None:
        """Read every workbook the project was imported from again and
        apply the changes as one undo step; says what changed."""
        plans = refresh_plans(self.document.project)
        if not plans:
            QMessageBox.information(self.window, self.tr("Refresh from Source"),
                                    self.tr("This project was not imported from a workbook with the import wizard, "
                                            "so there is nothing to refresh from."))
            return None
        missing = [p.path for p in plans if not os.path.isfile(p.path)]
        if missing:
            self._fail("refresh", self.tr("The source workbook is no longer there:\n{0}\n\nImport it again with "
                                          "File > Import Workbook.").format("\n".join(missing)))
            return None
        document = self.document
        task = Task(_read_all, plans)
        task.succeeded.connect(lambda results: self._apply_refresh(document, results))
        task.failed.connect(lambda e: self._fail("refresh", e))
        return self._start(task, self.tr("Reading {0}…").format(", ".join(os.path.basename(p.path) for p in plans)),
                           cancellable=True)

    def _apply_refresh(self, document, results):
        if document is not self.document:
            return                          # another project was opened meanwhile
        stack = document.undo_stack
        lines, summaries, macro = [], [], False
        try:
            for options, result in results:
                name = os.path.basename(options.path)
                try:
                    command, summary = plan_merge(document.project, result, options)
                except CoIndexError as e:
                    lines += [self.tr("From {0}:").format(name), str(e), ""]
                    continue
                summaries.append(summary)
                lines += summary_lines(summary, name) + [""]
                if changes_anything(summary):
                    if not macro:
                        stack.beginMacro(self.tr("Refresh from {0}").format(
                            ", ".join(os.path.basename(o.path) for o, _ in results)))
                        macro = True
                    document.execute(command, self.tr("Refresh from {0}").format(name))
        finally:
            if macro:
                stack.endMacro()
        changed = sum(s.cells_changed for s in summaries)
        if not macro:
            lines.insert(0, self.tr("Nothing changed: the project already has the workbook's values.") + "\n")
        self._status(self.tr("Refreshed: {0} cell(s) changed").format(changed))
        QMessageBox.information(self.window, self.tr("Refresh from Source"), "\n".join(lines).strip())
        if macro:
            for summary in summaries:
                self.imported.emit(summary)

    # ---- exports -----------------------------------------------------------------------------------
    def export_results(self, path: str | None = None) -> Task | None:
        """The results workbook with live formulas, written in the background
        from a snapshot (edits made meanwhile are not in it)."""
        path = path or self._save_path(self.tr("Export Results Workbook"), self._stem() + "-results.xlsx",
                                       self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if not path:
            return None
        snapshot = self.document.snapshot()
        task = Task(write_results_task, snapshot, path, workbook_language(), dict(snapshot.info))
        task.succeeded.connect(lambda p: self._done("results", p))
        task.failed.connect(lambda e: self._fail("results", e))
        from core.exporting.values import FORMULA_LIMIT, result_cells
        if result_cells(snapshot) > FORMULA_LIMIT:    # values only, written with progress: it can stop
            return self._start(task, self.tr("Writing {0} (values only: too many cells for formulas)…").format(
                os.path.basename(path)), cancellable=True)
        return self._start(task, self.tr("Writing {0}…").format(os.path.basename(path)))

    def export_charts(self, folder: str | None = None, formats=None, scale=None) -> list[str] | None:
        """Every chart to PNG and / or SVG in a folder (a dialog asks when
        no folder is given)."""
        if folder is None:
            dialog = ChartExportDialog(self.window, self._folder())
            if dialog.exec() != QDialog.Accepted:
                return None
            folder, formats, scale = dialog.choices()
            remember_folder(folder)
        formats = formats or ("png", "svg")
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            written = export_chart_files(self.document, folder, formats, scale or DEFAULT_SCALE,
                                         chart_panel_of(self.window))
        except Exception as e:        # a message, not a traceback
            QGuiApplication.restoreOverrideCursor()
            self._fail("charts", e)
            return None
        QGuiApplication.restoreOverrideCursor()
        self._done("charts", folder, self.tr("{0} chart file(s) to {1}").format(len(written), folder))
        return written

    def export_pdf(self, path: str | None = None) -> Task | None:
        """The PDF report in the interface's language: the charts are drawn
        here (Qt paints them on the GUI thread), the report of a snapshot is
        laid out and printed in a QThread (a report of 50 units and 60
        nodes is about 100 pages and takes seconds)."""
        path = path or self._save_path(self.tr("Export PDF Report"), self._stem() + "-report.pdf",
                                       self.tr("PDF documents (*.pdf)"), ".pdf")
        if not path:
            return None
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            images, error = safe_chart_images(self.document, chart_panel_of(self.window))
        finally:
            QGuiApplication.restoreOverrideCursor()
        task = Task(write_pdf_report, self.document.snapshot(), path, i18n.current_language(), images, error,
                    qt_thread=True)
        task.succeeded.connect(lambda _: self._done("pdf", path))
        task.failed.connect(lambda e: self._fail("pdf", e))
        return self._start(task, self.tr("Writing {0}…").format(os.path.basename(path)))

    def export_coinr(self, path: str | None = None) -> tuple[str, str] | None:
        """iData and iMeta CSV for COINr: ``NAME.csv`` and ``NAME_meta.csv``
        (the name File > Open looks for beside an iData table)."""
        from core.exporting.coinr import export_coinr
        path = path or self._save_path(self.tr("Export COINr iData"), self._stem() + "-iData.csv",
                                       self.tr("CSV tables (*.csv)"), ".csv")
        if not path:
            return None
        meta = os.path.splitext(path)[0] + "_meta.csv"
        try:
            notes = export_coinr(self.document.project, path, meta)
        except Exception as e:
            self._fail("coinr", e)
            return None
        self._done("coinr", path, f"{os.path.basename(path)}, {os.path.basename(meta)}")
        if notes:
            QMessageBox.information(self.window, self.tr("COINr export"),
                                    self.tr("Written, with these adaptations:") + "\n\n" + "\n".join(notes))
        return path, meta

    def export_template(self, path: str | None = None) -> str | None:
        """The empty template workbook (Data, Meta, Settings, README)."""
        from core.exporting.tables import write_template
        path = path or self._save_path(self.tr("Save Template Workbook"), self.tr("template") + ".xlsx",
                                       self.tr("Excel workbooks (*.xlsx)"), ".xlsx")
        if not path:
            return None
        try:
            write_template(path)
        except Exception as e:
            self._fail("template", e)
            return None
        self._done("template", path)
        return path


def _read_all(plans, progress=None):
    """The refresh's job: every source read and interpreted, in order."""
    def part(k):
        if progress is None:
            return None
        return lambda fraction, message: progress((k + fraction) / len(plans), message)
    return [(options, read_for_refresh(options, progress=part(k))) for k, options in enumerate(plans)]


def install_file_actions(window) -> FileActions:
    """Add the import and export actions to ``window`` (a MainWindow);
    returns them (also as ``window.file_actions``).  Call once."""
    existing = getattr(window, "file_actions", None)
    if isinstance(existing, FileActions):
        return existing
    actions = FileActions(window)
    window.file_actions = actions
    return actions
