"""Opening a file for the GUI: the bundled sample's location, the empty
project of File > New, and loading with every failure turned into a
message instead of a traceback.  A .coindex project, a template workbook
(sheets Data and Meta) and an iData CSV open as a project (an iData CSV
without its iMeta beside it gets one index over all its indicators); any
other table opens in the import wizard (:func:`opens_in_wizard`).  A
normalisation or a mean that cannot work on the data is replaced at
opening, said in the message bar (the file keeps its own until saved)."""
from __future__ import annotations

import datetime as _dt
import logging
import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.model.dataset import Dataset
from core.errors import CoIndexError, SettingsError
from core.model.framework import Framework, Node
from core.project.project import Project
from core.model.settings import Settings
from core.importing.inputs import find_meta, input_kind, load_input
from core.methods.registry import AGGREGATIONS
from core.model.usability import usable_means_instead

from gui.base.folders import remember_folder, start_folder

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLE_PATH = RESOURCES / "samples" / "chengdu-chongqing.coindex"

# what File > Open and drag-and-drop accept; input_kind decides how each opens
OPENABLE = (".coindex", ".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv", ".tsv")
PROJECT_SUFFIX = ".coindex"
NEW_PERIODS = 5


translate = QCoreApplication.translate      # lupdate finds translate("context", "text")


def open_filter() -> str:
    """File > Open's filter list, translated."""
    patterns = " ".join("*" + ext for ext in OPENABLE)
    return ";;".join([translate("loading", "Projects, workbooks and tables ({0})").format(patterns),
                      translate("loading", "CoIndex projects (*.coindex)"),
                      translate("loading", "Workbooks (*.xlsx *.xlsm *.xls *.xlsb *.ods)"),
                      translate("loading", "CSV tables (*.csv *.tsv)"), translate("loading", "All files (*)")])


def save_filter() -> str:
    return translate("loading", "CoIndex projects (*.coindex)")


def is_openable(path) -> bool:
    return os.path.splitext(os.fspath(path))[1].lower() in OPENABLE


def opens_in_wizard(path) -> bool:
    """A table that is neither a project, a template workbook nor an iData
    CSV: File > Open shows it in the import wizard."""
    return input_kind(path) == "table"


def is_sample(path) -> bool:
    """The bundled sample is a template: saving goes to a new file."""
    try:
        return path is not None and os.path.samefile(os.fspath(path), SAMPLE_PATH)
    except OSError:
        return False


def load_project(path, meta=None, warnings=None) -> Project:
    """Read ``path`` (.coindex, template workbook, iData .csv with its iMeta
    CSV ``meta``, found beside it when not given; without one, one index over
    all its indicators) and compute it once, so that data the settings
    cannot compute fail here, at opening.  ``warnings``: a list the notes of
    the reading are added to (core.importing.inputs.load_input).

    Raises :class:`core.errors.CoIndexError` (message names the place) or
    :class:`OSError`.
    """
    path = os.fspath(path)
    if meta is None and path.lower().endswith(".csv"):
        meta = find_meta(path)
    project = load_input(path, meta=meta, warnings=warnings)
    try:
        _compute_with_usable_means(project, warnings)      # raises ComputeError
    except SettingsError as e:
        if not _usable_method_instead(project, e, warnings):
            raise
    return project


def _compute_with_usable_means(project: Project, warnings) -> None:
    """Compute ``project``; an aggregate whose mean (its own, its level's or
    the project's) cannot take a score of its children (a zero under a
    geometric mean) is shown with the arithmetic mean instead
    (core.model.usability.usable_means_instead), said in a
    ``method_replaced`` note; the file keeps its means until saved."""
    replaced = usable_means_instead(project.framework, project.settings, project.recompute)
    if replaced and warnings is not None:
        warnings.append({"kind": "method_replaced", "message": means_note(replaced)})


def means_note(replaced) -> str:
    """The message-bar text for the means replaced at opening (records of
    core.model.usability.usable_means_instead): which aggregates now use
    the arithmetic mean and which mean each had, first (the bar cuts a long
    message; the whole is in its tooltip), then why each cannot work, naming
    the indicator, unit and period; the file keeps its own until saved."""
    nodes = ", ".join(translate("loading", "'{0}' (was {1})").format(r["node"], AGGREGATIONS[r["was"]].title())
                      for r in replaced)
    reasons = " ".join(r["reason"].rstrip(".") + "." for r in replaced)
    return translate("loading", "Arithmetic mean for {0} until you choose another (framework tree); the file keeps "
                                "its own until you save. {1}").format(nodes, reasons)


# a normalisation that cannot work on the data is replaced, at opening, by the first of these that can
FALLBACK_NORMALISATIONS = ("fixed_base", "minmax", "none")


def _usable_method_instead(project: Project, error: SettingsError, warnings) -> bool:
    """A project whose normalisation cannot work on its data (min-max over
    one unit, goalposts without goalposts ...) still opens, so that its data
    stay reachable: shown with a normalisation that can work, said in a
    ``method_replaced`` note (the file is unchanged until saved).  False
    when no normalisation can."""
    valid = list(error.valid or [])
    was = project.settings.normalisation
    candidates = [m for m in FALLBACK_NORMALISATIONS if m in valid] + \
        [m for m in valid if m not in FALLBACK_NORMALISATIONS]
    means: list = []
    for choice in candidates:
        if choice == was:
            continue
        project.settings.normalisation = choice
        try:
            _compute_with_usable_means(project, means)
            break
        except CoIndexError:        # this one cannot compute these values either: the next
            continue
    else:
        project.settings.normalisation = was
        return False
    if warnings is not None:
        warnings.append({"kind": "method_replaced", "message": translate(
            "loading", "{0} Shown with the normalisation '{1}' until you choose another in Method settings; the "
                       "file keeps '{2}' until you save.").format(str(error).rstrip(".") + ".", choice, was)})
        warnings.extend(means)
    return True


def replaced_method(notes) -> str | None:
    """The messages of the ``method_replaced`` notes of :func:`load_project`
    (a normalisation, means), one a line; None when there are none."""
    messages = [n["message"] for n in notes if n.get("kind") == "method_replaced"]
    return "\n".join(messages) if messages else None


def describe_failure(path, error: BaseException) -> str:
    """The message shown when ``path`` cannot be opened."""
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    if isinstance(error, CoIndexError):
        reason = str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or translate("loading", "the file could not be read") + _details(error)
    else:          # the library's words, never its exception's class name
        reason = translate("loading", "an unexpected problem stopped the reading{0}; please report it").format(
            _details(error))
    return translate("loading", "CoIndex cannot open {0}.\n\n{1}").format(name, reason)


def _details(error: BaseException) -> str:
    """" (details: ...)" with the library's own words, "" when it has none
    (as gui.importing.worker.details, which this start-up module does not
    import: it brings the import machinery)."""
    text = " ".join(str(error).split())
    return translate("loading", " (details: {0})").format(text) if text else ""


def open_project(path, parent: QWidget | None = None, warnings=None) -> Project | None:
    """Load ``path``; on failure show a message box and return None.  An
    iData CSV without an iMeta CSV beside it opens with one index over all
    its indicators (a note in ``warnings``)."""
    try:
        return load_project(path, None, warnings)
    except Exception as e:      # every failure becomes a message, not a traceback
        if not isinstance(e, (CoIndexError, OSError)):
            log.exception("opening %s failed", path)
        QMessageBox.critical(parent, translate("loading", "Cannot open file"), describe_failure(path, e))
        return None


def new_project(periods: int = NEW_PERIODS, last_period: int | None = None) -> Project:
    """File > New: the smallest project the engine computes and the editors
    can grow from: an index with one dimension holding one indicator, one
    unit, the last ``periods`` years (up to last year), no values yet,
    fixed-base normalisation."""
    last = last_period if last_period is not None else _dt.date.today().year - 1
    years = list(range(last - periods + 1, last + 1))
    framework = Framework([
        Node("INDEX", "Composite index", "综合指数", type="Aggregate"),
        Node("D1", "Dimension 1", "维度 1", parent="INDEX", type="Aggregate"),
        Node("I1", "Indicator 1", "指标 1", parent="D1"),
    ])        # names in both languages, like the sample's
    dataset = Dataset(["U1"], ["Unit 1"], years, ["I1"], np.full((1, len(years), 1), np.nan))
    # a fixed-base index (first year = 100), like the sample: it computes
    # from one unit on; min-max needs several units before it shows anything
    settings = Settings(normalisation="fixed_base")
    return Project(framework, dataset, settings, app_state={"unit_name_zh": {"U1": "单位 1"}})


# ---- where file dialogs start ----------------------------------------------------------------
# ---- recent files (QSettings) ---------------------------------------------------------------
KEY_RECENT = "recentFiles"
MAX_RECENT = 10


def recent_files() -> list[str]:
    value = QSettings().value(KEY_RECENT, [])
    if isinstance(value, str):          # QSettings gives a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_recent(path: str) -> list[str]:
    """Put ``path`` first in File > Open Recent."""
    path = os.path.abspath(path)
    files = [path] + [f for f in recent_files() if os.path.abspath(f) != path]
    QSettings().setValue(KEY_RECENT, files[:MAX_RECENT])
    return files[:MAX_RECENT]


def forget_recent(path: str | None = None) -> None:
    """Remove ``path`` from the recent files (all of them when None)."""
    files = [] if path is None else [f for f in recent_files() if os.path.abspath(f) != os.path.abspath(path)]
    QSettings().setValue(KEY_RECENT, files)


class ProjectFiles(QObject):
    """File > New, Open, Open Recent, Open the Sample, Save and Save As of
    one main window (which owns this object as ``files``).

    From ``window`` it uses only public members: ``document`` (read at each
    command: opening a project replaces it), ``set_project``,
    ``ensure_file_actions`` (the import wizard, for a table), ``show_status``,
    ``update_title``, ``menus.fill_recent_menu``,
    ``panes.project_app_state`` (saved with the file), and the window as
    the parent of its dialogs.
    """

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("projectFiles")
        self.window = window

    def maybe_save(self) -> bool:
        """Before closing or replacing the project: with unsaved changes ask
        Save / Discard / Cancel.  True when it is fine to go on."""
        doc = self.window.document
        if not doc.is_modified:
            return True
        name = os.path.basename(doc.path) if doc.path else self.tr("Untitled")
        answer = QMessageBox.warning(
            self.window, self.tr("Unsaved changes"),
            self.tr("{0} has changes that are not saved.\n\nSave them before going on?").format(name),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save(wait=True)
        return answer == QMessageBox.Discard

    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        self.window.set_project(new_project())
        return True

    def open_file(self, path: str | None = None):
        """Open a project in this window (a file dialog when no ``path``).
        Returns the window, or None when nothing was opened."""
        if not path:
            start = start_folder(self.window.document.path)
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open"), start, open_filter())
            if not path:
                return None
        return self.open_path(path)

    def open_path(self, path: str, remember: bool = True):
        """Open ``path`` in this window: a project, template workbook or
        iData CSV replaces the project (after asking to save changes) and
        returns the window; any other table opens the import wizard on it,
        as a new project (the project is replaced only when the wizard
        finishes, after asking to save changes), and returns the wizard.
        None when nothing was opened."""
        if opens_in_wizard(path):
            wizard = self.import_table(path)
            if remember:
                self._remember(path)
            return wizard
        if not self.maybe_save():
            return None
        notes: list = []
        project = open_project(path, self.window, notes)
        if project is None:
            return None
        replaced = replaced_method(notes)
        self.window.set_project(project, path, modified=replaced is not None)
        if replaced:
            self.window.show_error(replaced)
        if any(n.get("kind") == "no_meta" for n in notes):
            self.window.show_status(self.tr("No iMeta table beside {0}: one index over its {1} indicator(s), equal "
                                            "weights, direction +1; edit the framework to change it").format(
                os.path.basename(path), len(project.framework.indicator_codes)))
        if remember and not is_sample(path):
            self._remember(path)
        return self.window

    def _remember(self, path: str):
        remember_recent(path)
        self.window.menus.fill_recent_menu()

    def import_table(self, path: str):
        """The import wizard on ``path``, reading it at once, into a new
        project; returns the wizard.  Cancel leaves the window as it is."""
        return self.window.ensure_file_actions().import_workbook(path, new_project=True, start=True)

    def open_recent(self, path: str):
        if not os.path.exists(path):
            QMessageBox.critical(self.window, self.tr("Cannot open file"),
                                 self.tr("{0} no longer exists; it is removed from the recent files.").format(path))
            forget_recent(path)
            self.window.menus.fill_recent_menu()
            return None
        return self.open_path(path)

    def open_sample(self):
        return self.open_path(str(SAMPLE_PATH), remember=False)

    def save(self, wait: bool = False) -> bool:
        """File > Save: to the project's file; Save As for a new project,
        the bundled sample, or an imported workbook or table."""
        path = self.window.document.path
        if not path or is_sample(path) or not path.lower().endswith(PROJECT_SUFFIX):
            return self.save_as(wait=wait)
        return self._write(path, wait)

    def save_as(self, wait: bool = False) -> bool:
        doc = self.window.document
        stem = os.path.splitext(os.path.basename(doc.path))[0] if doc.path else self.tr("untitled")
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save As"),
                                              os.path.join(start_folder(doc.path), stem + PROJECT_SUFFIX),
                                              save_filter())
        if not path:
            return False
        if not path.lower().endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        remember_folder(path)
        return self._write(path, wait)

    def _write(self, path: str, wait: bool) -> bool:
        doc = self.window.document
        if wait:
            QGuiApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            future = doc.write(path, app_state=self.window.panes.project_app_state(), mark_clean=True, wait=wait)
        finally:
            if wait:
                QGuiApplication.restoreOverrideCursor()
        self.window.update_title()
        remember_recent(path)
        self.window.menus.fill_recent_menu()
        return not wait or future.exception() is None

