"""Project files in the main window: save and reopen, the modified mark,
New / Open / Open Recent / drag and drop, closing with unsaved changes,
autosave and crash recovery.

Every test runs with private QSettings and recovery folders
(:func:`private_folders`, imported by the other window tests too) and with
message boxes and file dialogs patched out (:func:`dialogs`).
"""
import dataclasses
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from core.project import projectfile
from core.project.project import SetSettings, SetValues
from gui.window import app as gui_app
from gui.base import i18n
from gui.window import recovery
from gui.window.loading import SAMPLE_PATH, load_project

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
pytestmark = pytest.mark.usefixtures("light_charts")


# ---- fixtures shared with test_main_window.py, test_i18n.py and test_app.py ---------------
@pytest.fixture(autouse=True)
def private_folders(qapp, tmp_path, monkeypatch):
    """QSettings and recovery files in tmp_path/user, never the user's; the
    language back to English afterwards."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, os.environ.get(var, ""))     # restored after the test
    gui_app.configure_application(qapp)
    gui_app.use_private_folders(tmp_path / "user")
    yield tmp_path / "user"
    if i18n.current_language() != i18n.ENGLISH:
        i18n.install_language(qapp, i18n.ENGLISH, remember=False)
        qapp.processEvents()


class Dialogs:
    """Patched message boxes and file dialogs: each records what it was
    asked and answers what the test set (unsaved changes: Discard)."""

    def __init__(self, monkeypatch):
        self.asked, self.errors, self.infos = [], [], []
        self.unsaved_answer = QMessageBox.Discard
        self.recovery_answer = QMessageBox.Yes
        self.save_path = None
        self.open_path = None
        monkeypatch.setattr(QMessageBox, "warning", self._warning)
        monkeypatch.setattr(QMessageBox, "question", self._question)
        monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: self.errors.append(text))
        monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: self.infos.append(text))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (self.save_path or "", ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (self.open_path or "", ""))

    def _warning(self, parent, title, text, *args, **kwargs):
        self.asked.append(("unsaved", text))
        return self.unsaved_answer

    def _question(self, parent, title, text, *args, **kwargs):
        self.asked.append(("recovery", text))
        return self.recovery_answer

    def kinds(self):
        return [kind for kind, _ in self.asked]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


class LightCharts(QWidget):
    """Stands in for the chart panel in the window tests that are about
    files, menus or languages: building five pyqtgraph charts per window
    is most of a window's cost (the charts are tested with the charts, and
    in the windows of test_main_window.py that use ``full_window``)."""

    statusMessage = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document

    def retranslateUi(self):
        pass


@pytest.fixture
def light_charts(monkeypatch):
    """Windows built in this test get :class:`LightCharts` in the charts dock."""
    from gui.window import panes
    spec = panes.PANE_BY_NAME["chartsPane"]
    monkeypatch.setitem(panes.PANE_BY_NAME, "chartsPane", dataclasses.replace(spec, make=LightCharts))


@pytest.fixture
def make_window(qtbot):
    """Build main windows (shown); closed at the end of the test."""
    from gui.window.main_window import MainWindow

    def make(project=None, path=None, **kwargs):
        if project is None:
            project, path = projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH)
        w = MainWindow(project, path, **kwargs)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        return w
    return make


def sample_copy(tmp_path, name="project.coindex"):
    path = tmp_path / name
    path.write_bytes(SAMPLE_PATH.read_bytes())
    return str(path)


def edit(window, value, code="RA1", period=2024, unit="CCEC"):
    assert window.document.execute(SetValues([(unit, period, code, value)]), "test edit")


def value(window, code="RA1", period=2024, unit="CCEC"):
    return window.document.project.dataset.value(unit, period, code)


def wait_written(window):
    assert window.document.wait_for_writes(timeout=30)


# ---- save and reopen ------------------------------------------------------------------------
def test_save_then_reopen_is_identical(make_window, tmp_path, dialogs):
    window = make_window()
    edit(window, 41.5)
    edit(window, None, code="IC2", period=2022)
    settings = window.document.project.settings.copy()
    settings.aggregation = "geometric"
    assert window.document.execute(SetSettings(settings), "geometric mean")
    dialogs.save_path = str(tmp_path / "saved")                 # suffix added
    assert window.files.save(wait=True)                               # the sample is a template: Save As
    saved = tmp_path / "saved.coindex"
    assert window.document.path == str(saved) and saved.exists()
    assert not window.isWindowModified()
    assert "saved.coindex" in window.windowTitle()

    before = window.document.project
    again = load_project(saved)
    np.testing.assert_array_equal(again.dataset.values, before.dataset.values)     # NaN where NaN
    assert again.framework.to_records() == before.framework.to_records()
    assert again.settings == before.settings and again.settings.aggregation == "geometric"
    assert again.info == before.info
    assert again.dataset.unit_codes == before.dataset.unit_codes and again.dataset.periods == before.dataset.periods
    np.testing.assert_allclose(again.engine.score("CII"), before.engine.score("CII"))
    assert again.provenance["edits"] == before.provenance["edits"]

    # reopened in a window: the same numbers
    other = make_window(again, str(saved))
    assert value(other) == 41.5 and np.isnan(value(other, "IC2", 2022))
    assert not other.isWindowModified()


def test_save_writes_in_the_background_and_reports(make_window, tmp_path, qtbot):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    edit(window, 12)
    with qtbot.waitSignal(window.document.saved, timeout=10000) as saved:
        assert window.files.save()
    assert saved.args[0] == path
    assert not window.isWindowModified()
    assert projectfile.load(path).dataset.value("CCEC", 2024, "RA1") == 12
    assert "Saved project.coindex" in window.statusBar().currentMessage()
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]        # atomic: no leftovers


def test_the_file_is_a_snapshot_taken_at_save(make_window, tmp_path):
    """Edits made while a save is being written are not in that file."""
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    edit(window, 1)
    future = window.document.write(path, mark_clean=True)
    edit(window, 2)                      # while (or after) writing
    future.result(timeout=30)
    assert projectfile.load(path).dataset.value("CCEC", 2024, "RA1") == 1
    assert window.isWindowModified()


def test_a_failed_save_says_why_and_stays_modified(make_window, tmp_path, dialogs, qtbot):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    edit(window, 3)
    missing = str(tmp_path / "no such folder" / "x.coindex")
    with qtbot.waitSignal(window.document.saveFailed, timeout=10000):
        window.document.write(missing, mark_clean=True)
    assert window.isWindowModified()
    assert dialogs.errors and "x.coindex" in dialogs.errors[-1] and "does not exist" in dialogs.errors[-1]


def test_app_state_keeps_the_selected_unit_and_period(make_window, tmp_path, two_unit_project):
    window = make_window(two_unit_project, None)
    window.panes.select(unit=1, period=2)
    state = window.panes.project_app_state()
    assert state["selection"] == {"unit": "X", "period": 2022}
    path = str(tmp_path / "two.coindex")
    window.document.write(path, app_state=state, mark_clean=True, wait=True)
    reopened = make_window(load_project(path), path)
    assert reopened.panes.selection == {"unit": 1, "period": 2}
    for widget in reopened.panes.values():          # every pane that shows one unit shows X
        if hasattr(widget, "unit") and callable(widget.unit):
            assert widget.unit() == 1


@pytest.fixture
def two_unit_project():
    from core.model.dataset import Dataset
    from core.project.project import Project
    p = projectfile.load(SAMPLE_PATH)
    ds = p.dataset
    second = ds.values[0].copy()
    second[1:] *= 1.5
    two = Dataset(["CCEC", "X"], [ds.unit_names[0], "Unit X"], ds.periods, ds.codes, np.stack([ds.values[0], second]))
    return Project(p.framework, two, p.settings, info={"title": "Two units"})


# ---- the modified mark ----------------------------------------------------------------------
def test_modified_mark_follows_undo_to_the_saved_state(make_window, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    stack = window.document.undo_stack
    assert not window.isWindowModified() and "[*]" in window.windowTitle()
    edit(window, 10)
    assert window.isWindowModified()
    window.files.save(wait=True)
    assert not window.isWindowModified()
    edit(window, 20)
    assert window.isWindowModified()
    window.menus.undo_action.trigger()                  # back to the saved state
    assert value(window) == 10 and not window.isWindowModified()
    window.menus.undo_action.trigger()                  # before the saved state
    assert value(window) == 37 and window.isWindowModified()
    window.menus.redo_action.trigger()
    assert not window.isWindowModified()
    window.menus.redo_action.trigger()
    assert value(window) == 20 and window.isWindowModified()
    assert stack.count() == 2


# ---- closing, New, Open ---------------------------------------------------------------------
def test_closing_with_unsaved_changes_asks(make_window, dialogs, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    assert window.close()                        # nothing unsaved: no question
    assert dialogs.asked == []

    window = make_window(load_project(path), path)
    edit(window, 5)
    dialogs.unsaved_answer = QMessageBox.Cancel
    assert not window.close() and window.isVisible()
    assert dialogs.kinds() == ["unsaved"] and "project.coindex" in dialogs.asked[0][1]

    dialogs.unsaved_answer = QMessageBox.Save
    assert window.close()
    assert projectfile.load(path).dataset.value("CCEC", 2024, "RA1") == 5


def test_closing_and_discarding_leaves_the_file(make_window, dialogs, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    edit(window, 5)
    dialogs.unsaved_answer = QMessageBox.Discard
    assert window.close()
    assert projectfile.load(path).dataset.value("CCEC", 2024, "RA1") == 37


def test_new_asks_then_replaces_the_project(make_window, dialogs):
    window = make_window()
    old_panes = dict(window.panes)
    edit(window, 5)
    dialogs.unsaved_answer = QMessageBox.Cancel
    window.menus.new_action.trigger()
    assert value(window) == 5                    # cancelled: the sample stays
    dialogs.unsaved_answer = QMessageBox.Discard
    window.menus.new_action.trigger()
    project = window.document.project
    assert project.framework.indicator_codes == ["I1"] and project.dataset.unit_codes == ["U1"]
    assert np.isnan(project.dataset.values).all()
    assert window.document.path is None and "Untitled" in window.windowTitle()
    assert not window.isWindowModified() and not window.note_bar.isVisible()
    assert window.document.undo_stack.count() == 0
    for name, widget in window.panes.items():            # new panes over the new document
        assert widget is not old_panes[name] and widget.parent() is window.docks[name]
    # the new project is usable: a value typed in recomputes
    assert window.document.execute(SetValues([("U1", project.dataset.periods[0], "I1", 5.0)]), "x")
    assert np.isfinite(project.engine.score("INDEX")[0, 0])


def test_open_replaces_the_project_and_is_remembered(make_window, tmp_path, dialogs):
    from gui.window.loading import recent_files
    a, b = sample_copy(tmp_path, "a.coindex"), sample_copy(tmp_path, "b.coindex")
    window = make_window()
    dialogs.open_path = a
    assert window.files.open_file() is window
    assert window.document.path == a and "a.coindex" in window.windowTitle()
    assert window.files.open_file(b) is window
    assert recent_files() == [os.path.abspath(b), os.path.abspath(a)]
    entries = [act.data() for act in window.menus.recent_menu.actions() if act.data()]
    assert entries == [os.path.abspath(b), os.path.abspath(a)]
    # open recent: the entry opens the file and moves it first
    next(act for act in window.menus.recent_menu.actions() if act.data() == os.path.abspath(a)).trigger()
    assert window.document.path == os.path.abspath(a)
    assert recent_files()[0] == os.path.abspath(a)
    # a file that went away is removed, with a message
    os.unlink(b)
    assert window.files.open_recent(os.path.abspath(b)) is None
    assert "no longer exists" in dialogs.errors[-1]
    assert recent_files() == [os.path.abspath(a)]
    window.menus.clear_recent_action.trigger()
    assert recent_files() == []


def test_recent_files_list_is_capped(tmp_path):
    from gui.window.loading import MAX_RECENT, recent_files, remember_recent
    for k in range(MAX_RECENT + 3):
        remember_recent(str(tmp_path / f"p{k}.coindex"))
    files = recent_files()
    assert len(files) == MAX_RECENT and files[0].endswith(f"p{MAX_RECENT + 2}.coindex")


def test_a_file_that_cannot_be_opened_keeps_the_project(make_window, tmp_path, dialogs):
    window = make_window()
    bad = tmp_path / "broken.coindex"
    bad.write_text("{not json")
    assert window.files.open_file(str(bad)) is None
    assert "broken.coindex" in dialogs.errors[-1]
    assert window.document.path == str(SAMPLE_PATH)


def test_csv_opens_with_the_meta_table_beside_it(make_window, tmp_path, dialogs):
    project = projectfile.load(SAMPLE_PATH)
    data, meta = tmp_path / "cc.csv", tmp_path / "cc_meta.csv"
    project.dataset.to_frame().to_csv(data, index=False)
    import pandas as pd
    pd.DataFrame(project.framework.to_records()).to_csv(meta, index=False)
    window = make_window()
    assert window.files.open_file(str(data)) is window
    np.testing.assert_allclose(window.document.project.dataset.values, project.dataset.values)
    assert window.document.path == str(data)
    # Save goes to a new .coindex, never over the CSV
    text = data.read_text()
    edit(window, 8)
    dialogs.save_path = str(tmp_path / "cc-project")
    assert window.files.save(wait=True)
    assert window.document.path == str(tmp_path / "cc-project.coindex") and data.read_text() == text


# ---- drag and drop ---------------------------------------------------------------------------
def _mime(*paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_a_project_file_opens_it(make_window, tmp_path):
    path = sample_copy(tmp_path, "dropped.coindex")
    window = make_window()
    mime = _mime(path)
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(drop)
    assert drop.isAccepted()
    assert window.document.path == path and "dropped.coindex" in window.windowTitle()


def test_a_file_dropped_on_a_pane_that_takes_drops_opens_too(make_window, tmp_path):
    """The framework tree takes drops (moving nodes); a dropped file still
    opens the project instead of reaching it."""
    from PySide6.QtWidgets import QApplication, QWidget
    path = sample_copy(tmp_path, "onto-tree.coindex")
    window = make_window()
    pane = window.pane("frameworkPane")
    targets = [w for w in [pane, *pane.findChildren(QWidget)] if w.acceptDrops()]
    if not targets:
        pytest.skip("the framework pane takes no drops")
    mime = _mime(path)
    target = targets[-1]                      # the tree's viewport
    enter = QDragEnterEvent(QPoint(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target, enter)     # Qt delivers a drop only after an accepted enter
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(target, drop)
    assert window.document.path == path


def test_dropping_other_files_is_refused(make_window, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("x")
    window = make_window()
    mime = _mime(other)             # kept referenced: the event does not own it
    enter = QDragEnterEvent(window.rect().center(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()
    assert window.document.path == str(SAMPLE_PATH)


# ---- autosave and crash recovery ---------------------------------------------------------------
def test_autosave_writes_a_recovery_file_a_minute_after_a_change(make_window, tmp_path):
    path = sample_copy(tmp_path)
    window = make_window(load_project(path), path)
    saver = window.autosaver
    assert saver.timer.interval() == 60_000 and not saver.timer.isActive()
    edit(window, 7)
    assert saver.timer.isActive()                 # counting from the first unsaved change
    saver.timer.timeout.emit()                    # a minute later
    wait_written(window)
    assert saver.file.parent == recovery.recovery_dir() and saver.file.exists()
    assert "project-" in saver.file.name
    rec = recovery.read_recovery(saver.file)
    assert rec.project.dataset.value("CCEC", 2024, "RA1") == 7
    assert rec.original_path == os.path.abspath(path)
    assert "recovery" not in rec.project.app_state
    # a clean save removes it
    window.files.save(wait=True)
    wait_written(window)
    assert not saver.file.exists()


def test_recovery_file_is_removed_on_close(make_window, dialogs):
    window = make_window()
    edit(window, 7)
    window.autosaver.autosave()
    file = window.autosaver.file
    wait_written(window)
    assert file.exists()
    assert window.close()                         # Discard
    assert not file.exists()


def test_undo_back_to_the_saved_state_removes_the_recovery_file(make_window):
    window = make_window()
    edit(window, 7)
    window.autosaver.autosave()
    wait_written(window)
    assert window.autosaver.file.exists()
    window.menus.undo_action.trigger()
    wait_written(window)
    assert not window.autosaver.file.exists() and not window.autosaver.timer.isActive()


def test_crash_recovery_restores_unsaved_edits(make_window, tmp_path, dialogs):
    """Simulated crash: the recovery file is written and never removed;
    the next start offers it, and accepting restores the edits."""
    path = sample_copy(tmp_path)
    crashed = make_window(load_project(path), path)
    edit(crashed, 55.5)
    edit(crashed, None, code="IC2", period=2022)
    crashed.autosaver.autosave()
    wait_written(crashed)
    expected = crashed.document.project.dataset.values.copy()
    file = crashed.autosaver.file
    crashed.autosaver.stop()
    crashed.autosaver = None                         # the "crash": nothing cleans up after it
    crashed.document.undo_stack.setClean()
    crashed.hide()

    dialogs.recovery_answer = QMessageBox.Yes
    windows = gui_app.open_windows([])
    try:
        assert dialogs.kinds() == ["recovery"] and "project.coindex" in dialogs.asked[0][1]
        restored, = windows                      # restored work replaces the sample at start
        np.testing.assert_array_equal(restored.document.project.dataset.values, expected)
        assert restored.document.path == os.path.abspath(path)
        assert restored.isWindowModified()       # unsaved until saved again
        assert restored.autosaver.file == file
        restored.files.save(wait=True)
        wait_written(restored)
        assert not file.exists()
        assert projectfile.load(path).dataset.value("CCEC", 2024, "RA1") == 55.5
    finally:
        for w in windows:
            w.close()


@pytest.mark.parametrize("answer, kept", [(QMessageBox.No, True), (QMessageBox.Discard, False)])
def test_recovery_can_wait_or_be_discarded(make_window, dialogs, answer, kept):
    window = make_window()
    edit(window, 9)
    window.autosaver.autosave()
    wait_written(window)
    file = window.autosaver.file
    window.autosaver.stop()
    window.autosaver = None
    window.document.undo_stack.setClean()
    dialogs.recovery_answer = answer
    windows = gui_app.open_windows([])
    try:
        assert dialogs.kinds() == ["recovery"]
        assert len(windows) == 1 and windows[0].document.path == str(SAMPLE_PATH)   # the sample, as usual
        assert value(windows[0]) == 37
        assert file.exists() == kept
    finally:
        for w in windows:
            w.close()


def test_a_real_crash_is_recovered(tmp_path, private_folders, dialogs):
    """A separate CoIndex process edits, autosaves and dies without closing."""
    path = sample_copy(tmp_path)
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {ROOT!r})
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtWidgets import QApplication
        from core.project.project import SetValues
        from gui.window import app as gui_app
        from gui.window.loading import load_project
        app = QApplication([])
        gui_app.configure_application(app)
        gui_app.use_private_folders({str(private_folders)!r})
        import dataclasses
        from PySide6.QtWidgets import QWidget
        from gui.window import panes                # no charts: not needed, and slow to build
        spec = panes.PANE_BY_NAME["chartsPane"]
        panes.PANE_BY_NAME["chartsPane"] = dataclasses.replace(spec, make=lambda document, parent: QWidget(parent))
        from gui.window.main_window import MainWindow
        w = MainWindow(load_project({path!r}), {path!r})
        w.document.execute(SetValues([("CCEC", 2023, "RS2", 12345.0)]), "edit")
        w.autosaver.autosave()
        w.document.wait_for_writes()
        os._exit(3)          # crash: no close, no clean-up
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 3, done.stderr
    assert len(recovery.pending_recovery_files()) == 1
    windows = gui_app.open_windows([path])
    try:
        assert dialogs.kinds() == ["recovery"]
        restored = windows[0]
        assert restored.document.project.dataset.value("CCEC", 2023, "RS2") == 12345.0
        assert restored.isWindowModified()
        assert windows[1].document.project.dataset.value("CCEC", 2023, "RS2") != 12345.0   # the file, as saved
    finally:
        for w in windows:
            w.close()


def test_recovery_files_of_running_processes_are_not_offered(tmp_path):
    folder = recovery.recovery_dir(create=True)
    project = projectfile.load(SAMPLE_PATH)
    project.app_state["recovery"] = {"original_path": None, "time": "2024-01-01T00:00:00", "pid": os.getppid()}
    projectfile.save(project, folder / "alive-0123456789.coindex")
    project.app_state["recovery"]["pid"] = 2 ** 22 + 12345          # no such process
    projectfile.save(project, folder / "dead-0123456789.coindex")
    assert [p.name for p in recovery.pending_recovery_files()] == ["dead-0123456789.coindex"]


# ---- opening any file: projects, templates and iData directly, other tables in the import wizard ---------
DATA_DIR = os.path.join(ROOT, "tests", "data")


def _wizard_on_layout_page(qtbot, window):
    from gui.importing.wizard import ImportWizard
    qtbot.waitUntil(lambda: getattr(window, "file_actions", None) is not None
                    and window.file_actions.wizard is not None
                    and window.file_actions.wizard.currentId() == ImportWizard.LAYOUT, timeout=15000)
    return window.file_actions.wizard


def test_starting_with_a_table_opens_the_wizard_over_a_new_project(qtbot, light_charts, dialogs):
    path = os.path.join(DATA_DIR, "units_by_indicators.xlsx")
    windows = gui_app.open_windows([path])
    window = windows[-1]
    qtbot.addWidget(window)
    window.show()
    assert window.document.path is None and window.document.project.framework.indicator_codes == ["I1"]
    wizard = _wizard_on_layout_page(qtbot, window)
    assert wizard.options.path == path and wizard.page_file.new_radio.isChecked()
    assert wizard.import_result.unit_codes and not dialogs.errors
    wizard.reject()                                       # Cancel: the window stays, on its new project
    qtbot.waitUntil(lambda: window.file_actions.wizard is None)
    assert window.isVisible() and window.document.project.framework.indicator_codes == ["I1"]


def test_opening_a_csv_without_meta_gives_one_index_over_its_indicators(make_window, tmp_path, dialogs):
    data = tmp_path / "cities.csv"
    data.write_text("uCode,uName,Time,GDP,Pop\nCD,Chengdu,2022,20817.5,2119.2\nCD,Chengdu,2023,22074.7,2140.3\n"
                    "CQ,Chongqing,2022,29129,3213.3\nCQ,Chongqing,2023,30145.8,3191.4\n", encoding="utf-8")
    window = make_window()
    assert window.files.open_file(str(data)) is window
    project = window.document.project
    fw = project.framework
    assert fw.root == "INDEX" and fw.indicator_codes == ["GDP", "Pop"]
    assert {fw[c].parent for c in fw.indicator_codes} == {"INDEX"}
    assert project.dataset.unit_codes == ["CD", "CQ"] and project.dataset.periods == [2022, 2023]
    assert project.dataset.value("CQ", 2022, "GDP") == 29129.0
    assert window.document.path == str(data) and not dialogs.errors
    assert "one index over its 2 indicator(s)" in window.statusBar().currentMessage()


def test_an_idata_csv_opens_with_the_imeta_beside_it_by_name(make_window, tmp_path, dialogs):
    ref = os.path.join(DATA_DIR, "coinr-asem")
    for name in ("asem_iData.csv", "asem_iMeta.csv"):
        (tmp_path / name).write_bytes(open(os.path.join(ref, name), "rb").read())
    window = make_window()
    assert window.files.open_file(str(tmp_path / "asem_iData.csv")) is window
    fw = window.document.project.framework
    assert fw.root != "INDEX" and len(fw.aggregate_codes) > 1 and "Goods" in fw.indicator_codes


def test_dropping_an_ods_table_opens_the_wizard_and_imports_a_new_project(qtbot, make_window, light_charts, dialogs,
                                                                          tmp_path):
    path = os.path.join(DATA_DIR, "lo_units_by_indicators.ods")
    window = make_window()
    before = window.document.project
    mime = _mime(path)
    drop = QDropEvent(QPointF(window.rect().center()), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(drop)
    assert drop.isAccepted()
    wizard = _wizard_on_layout_page(qtbot, window)
    assert window.document.project is before                 # nothing replaced before Finish
    expected = wizard.import_result
    wizard.next()
    wizard.accept()
    project = window.document.project
    assert project is not before and window.document.path is None and window.isWindowModified()
    assert project.dataset.unit_codes == list(expected.unit_codes)
    assert project.dataset.periods == list(expected.periods) and len(project.framework.indicator_codes) == len(
        expected.indicators)


def test_file_open_of_a_non_template_workbook_opens_the_wizard_and_cancel_keeps_the_project(qtbot, make_window,
                                                                                          light_charts, dialogs):
    window = make_window()
    edit(window, 8)                                          # unsaved work: not asked about, not lost
    dialogs.open_path = os.path.join(DATA_DIR, "long_zh.xlsx")
    wizard = window.files.open_file()
    assert wizard is window.file_actions.wizard
    _wizard_on_layout_page(qtbot, window)
    wizard.reject()
    assert dialogs.asked == [] and value(window) == 8 and window.document.path == str(SAMPLE_PATH)


def test_a_template_workbook_still_opens_as_the_project(make_window, dialogs):
    path = os.path.join(ROOT, "resources", "samples", "chengdu-chongqing.xlsx")
    window = make_window()
    assert window.files.open_file(path) is window
    assert window.document.path == path and window.file_actions.wizard is None
    assert window.document.project.framework.root is not None and not dialogs.errors
