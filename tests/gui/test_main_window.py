"""The main window on the bundled sample: docked panes and their layout,
menus, status bar, Edit forwarding, and that an edit in the data sheet
reaches the core and the chart panel at once."""
import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from core.model.dataset import Dataset
from core.project.project import Project, SetValues
from gui.window import panes
from gui.window.loading import SAMPLE_PATH
from gui.window.main_window import LAYOUT_VERSION, MainWindow
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)


@pytest.fixture
def window(make_window, light_charts):
    """The sample's window; a light stand-in for the chart panel (tested
    with ``full_window`` and with the charts), which is most of a window's
    cost."""
    return make_window()


@pytest.fixture
def full_window(make_window):
    """The sample's window with every real pane."""
    return make_window()


# ---- what the window shows -----------------------------------------------------------------
def test_window_shows_the_sample_with_its_note(window):
    project = window.document.project
    assert project.info["title"] in window.windowTitle()
    assert "chengdu-chongqing.coindex[*]" in window.windowTitle()
    assert window.note_bar.isVisible() and window.note_banner.isVisible()
    assert "not official statistics" in window.note_banner.text()
    assert "并非官方统计数据" in window.note_banner.text()
    assert not window.note_bar.toggleViewAction().isVisible()        # not offered to be closed
    assert "ms" in window.compute_label.text() and window.compute_label.isVisible()


def test_every_pane_is_a_titled_dock(window):
    assert [d.objectName() for d in window.docks.values()] == [s.name for s in panes.PANES]
    titles = {name: dock.windowTitle() for name, dock in window.docks.items()}
    assert titles["dataPane"] == "Data sheet" and titles["chartsPane"] == "Charts"
    for spec in panes.PANES:
        dock = window.docks[spec.name]
        assert dock.widget() is not None and window.dockWidgetArea(dock) != Qt.NoDockWidgetArea
        assert dock.toggleViewAction() in window.menus.view_menu.actions()


def test_first_start_shows_the_data_sheet_and_the_charts_side_by_side(window):
    data, charts = window.docks["dataPane"], window.docks["chartsPane"]
    for dock in (data, charts):
        assert dock.isVisible() and not dock.visibleRegion().isEmpty()
        assert dock.width() > 400 and dock.height() > 300
    assert data.geometry().right() < charts.geometry().left()          # side by side, data sheet left
    assert not data.geometry().intersects(charts.geometry())
    assert window.tabifiedDockWidgets(data) == []
    # the analysis is a tab behind the charts, which are raised
    assert window.tabifiedDockWidgets(charts) == [window.docks["analysisPane"]]
    assert window.docks["analysisPane"].visibleRegion().isEmpty()
    # the other panes are one click away: tabs under the data sheet
    method = window.docks["methodPane"]
    assert method.isVisible() and method.geometry().top() > data.geometry().bottom()
    assert set(window.tabifiedDockWidgets(method)) == {window.docks[n] for n in
                                                         ("frameworkPane", "resultsPane", "indicatorsPane",
                                                          "treatmentPane", "statisticsPane")}


def test_every_pane_in_the_table_is_built(full_window):
    """Each dock holds its pane class from the table, built for the
    window's document, with the protocol the window relies on."""
    from gui.analysis.pane import AnalysisPane
    from gui.charts.panel import ChartPanel
    from gui.sheets.data_sheet import DataSheet
    from gui.sheets.framework_tree import FrameworkTree
    from gui.sheets.indicator_sheet import IndicatorSheet
    from gui.sheets.method_panel import MethodPanel
    from gui.sheets.results_table import ResultsTable
    from gui.sheets.statistics_view import StatisticsView
    from gui.sheets.treatment_log import TreatmentLog
    expected = {"frameworkPane": FrameworkTree, "dataPane": DataSheet, "chartsPane": ChartPanel,
                "methodPane": MethodPanel, "resultsPane": ResultsTable, "indicatorsPane": IndicatorSheet,
                "analysisPane": AnalysisPane, "treatmentPane": TreatmentLog, "statisticsPane": StatisticsView}
    window = full_window
    assert [spec.name for spec in panes.PANES] == list(expected)
    for spec in panes.PANES:
        widget = window.pane(spec.name)
        assert type(widget) is expected[spec.name], spec.name
        assert widget.parent() is window.docks[spec.name]
        assert callable(getattr(widget, "retranslateUi", None)) and hasattr(widget, "statusMessage")
    assert not any(isinstance(w, panes.PendingPane) for w in window.panes.values())


class FakeResults(QWidget):
    statusMessage = Signal(str)
    unitChanged = Signal(int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.units, self.translated, self.restored = [], 0, None

    def set_unit(self, unit):
        self.units.append(unit)

    def retranslateUi(self):
        self.translated += 1

    def project_state(self):
        return {"sort": "rank"}

    def restore_project_state(self, state):
        self.restored = state


@pytest.mark.parametrize("sample", ["chengdu-chongqing", "asem-30"])
def test_the_window_fits_a_laptop_screen_with_every_pane_built(make_window, sample):
    """No pane's controls make the window wider than a 1024 x 700 laptop
    screen (the statistics pane's row of choices once asked for 1,576
    pixels, so the window ran off a 1,400-pixel screen)."""
    from core.project import projectfile
    path = SAMPLE_PATH.parent / f"{sample}.coindex"
    window = make_window(projectfile.load(path), str(path))
    for name in window.docks:
        window.show_pane(name)
    hint = window.minimumSizeHint()
    assert window.panes["statisticsPane"].isVisible()
    assert hint.width() <= 1024 and hint.height() <= 700, (hint.width(), hint.height())
    window.resize(1024, 700)
    assert window.width() == 1024


def test_the_window_wires_up_each_pane(make_window, light_charts, monkeypatch):
    """Status messages, language changes, the shared unit choice and the
    pane's saved state all go through the table's pane protocol."""
    spec = panes.PANE_BY_NAME["resultsPane"]
    monkeypatch.setitem(panes.PANE_BY_NAME, "resultsPane", dataclasses.replace(spec, make=FakeResults))
    from core.project import projectfile
    project = projectfile.load(SAMPLE_PATH)
    project.app_state["panes"] = {"resultsPane": {"sort": "name"}}
    w = make_window(project, str(SAMPLE_PATH))
    results = w.pane("resultsPane")
    assert isinstance(results, FakeResults) and results.document is w.document
    assert results.restored == {"sort": "name"}                      # its state from the project
    results.statusMessage.emit("hello from results")
    assert w.statusBar().currentMessage() == "hello from results"
    before = results.translated
    w.retranslateUi()
    assert results.translated == before + 1
    assert w.panes.project_app_state()["panes"]["resultsPane"] == {"sort": "rank"}
    results.unitChanged.emit(0)                      # a unit chosen in one pane is shown by the others
    assert w.panes.project_app_state()["selection"]["unit"] == w.document.project.dataset.unit_codes[0]
    w.pane("dataPane").unitChanged.emit(0)
    assert results.units[-1] == 0


def test_a_pane_that_fails_to_build_is_an_error(make_window, light_charts, monkeypatch):
    """No placeholder hides a broken pane: the window is not built."""
    class Broken(QWidget):
        def __init__(self, document, parent=None):
            raise RuntimeError("boom")
    spec = panes.PANE_BY_NAME["resultsPane"]
    monkeypatch.setitem(panes.PANE_BY_NAME, "resultsPane", dataclasses.replace(spec, make=Broken))
    with pytest.raises(RuntimeError, match="boom"):
        make_window()


# ---- layout ------------------------------------------------------------------------------------
def test_layout_is_remembered_and_reset(make_window, light_charts):
    first = make_window()
    first.docks["frameworkPane"].raise_()
    first.docks["methodPane"].close()
    assert first.close()
    second = make_window()
    assert not second.docks["methodPane"].isVisible()                 # as it was left
    assert second.docks["frameworkPane"].isVisible()
    second.menus.reset_layout_action.trigger()
    assert second.docks["methodPane"].isVisible()
    assert second.docks["dataPane"].isVisible() and second.docks["chartsPane"].isVisible()


def test_a_layout_of_another_version_is_not_restored(make_window, light_charts, monkeypatch):
    first = make_window()
    first.docks["chartsPane"].close()
    assert first.close()
    import gui.window.main_window as mw
    monkeypatch.setattr(mw, "LAYOUT_VERSION", LAYOUT_VERSION + 1)
    second = make_window()
    assert second.docks["chartsPane"].isVisible()                      # the default layout


def test_view_menu_toggles_panes(window):
    dock = window.docks["chartsPane"]
    dock.toggleViewAction().trigger()
    assert not dock.isVisible()
    dock.toggleViewAction().trigger()
    assert dock.isVisible()


# ---- menus ---------------------------------------------------------------------------------------
def test_menus_follow_desktop_convention(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Analysis", "&Help"]
    file_items = [a.text() for a in window.menus.file_menu.actions() if not a.isSeparator()]
    assert file_items[:4] == ["&New", "&Open…", "Open &Recent", "Open the &Sample"]
    assert {"&Save", "Save &As…", "&Export", "&Quit"} <= set(file_items)
    shown = [a for a in window.menus.export_menu.actions() if a.isVisible() and not a.isSeparator()]
    assert shown == [a for a in window.file_actions.export_menu.actions() if not a.isSeparator()]
    assert all(a.isEnabled() for a in shown) and window.menus.export_menu.title() == "&Export"
    shortcuts = {window.menus.new_action: QKeySequence.New, window.menus.open_action: QKeySequence.Open,
                 window.menus.save_action: QKeySequence.Save, window.menus.save_as_action: QKeySequence.SaveAs,
                 window.menus.quit_action: QKeySequence.Quit, window.menus.undo_action: QKeySequence.Undo,
                 window.menus.redo_action: QKeySequence.Redo, window.menus.copy_action: QKeySequence.Copy,
                 window.menus.paste_action: QKeySequence.Paste, window.menus.cut_action: QKeySequence.Cut}
    for action, key in shortcuts.items():
        bindings = QKeySequence.keyBindings(key)
        if bindings:
            assert action.shortcut() == bindings[0], action.text()
    assert window.menus.undo_action in window.menus.edit_menu.actions() and window.menus.redo_action in window.menus.edit_menu.actions()
    assert [a.text() for a in window.menus.language_menu.actions()] == ["English", "简体中文"]


def test_undo_and_redo_actions_name_the_step(window):
    assert not window.menus.undo_action.isEnabled()
    assert window.document.execute(SetValues([("CCEC", 2024, "RA1", 50.0)]), "Edit RA1 2024")
    assert window.menus.undo_action.isEnabled() and window.menus.undo_action.text() == "&Undo Edit RA1 2024"
    window.menus.undo_action.trigger()
    assert window.document.project.dataset.value("CCEC", 2024, "RA1") == 37.0
    assert window.menus.redo_action.text() == "&Redo Edit RA1 2024"
    window.menus.redo_action.trigger()
    assert window.document.project.dataset.value("CCEC", 2024, "RA1") == 50.0


def test_status_bar_shows_the_recompute_time(window):
    assert window.compute_label.text().startswith("Computed in")
    window.document.execute(SetValues([("CCEC", 2024, "RA1", 50.0)]), "x")
    text = window.compute_label.text()
    assert text.startswith("Recomputed in") and text.endswith(" ms")
    assert float(text.split()[2]) == pytest.approx(window.document.last_compute_ms, abs=0.06)
    window.menus.recompute_action.trigger()
    assert window.compute_label.text().startswith("Recomputed in")


def test_edit_failures_go_to_the_status_bar(window):
    assert not window.document.execute(SetValues([("CCEC", 2024, "RA1", "abc")]), "x")
    message = window.statusBar().currentMessage()
    assert message.startswith("Not changed") and "RA1" in message


def test_about_names_the_sample_disclaimer(window, dialogs):
    window.menus.about_action.trigger()
    assert "not official statistics" in dialogs.infos[-1] and "并非官方统计数据" in dialogs.infos[-1]


def test_method_settings_action_shows_the_pane(window):
    window.docks["methodPane"].close()
    window.menus.method_action.trigger()
    assert window.docks["methodPane"].isVisible()


# ---- Edit > Cut / Copy / Paste go to the focused widget -----------------------------------------------
def test_copy_and_paste_act_on_a_focused_line_edit(window, qtbot):
    edit = QLineEdit(window.pane("dataPane"))
    edit.setText("12.5")
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    window.menus.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == "12.5"
    edit.clear()
    window.menus.paste_action.trigger()
    assert edit.text() == "12.5"


def test_copy_without_a_copy_method_sends_the_key(window, qtbot):
    """A widget that handles Ctrl+C itself gets the key press."""
    class KeyCatcher(QWidget):
        def __init__(self, parent):
            super().__init__(parent)
            self.setFocusPolicy(Qt.StrongFocus)
            self.copied = 0

        def keyPressEvent(self, event):
            if event.matches(QKeySequence.Copy):
                self.copied += 1
    catcher = KeyCatcher(window.pane("dataPane"))
    catcher.show()
    catcher.setFocus()
    qtbot.waitUntil(catcher.hasFocus)
    window.menus.copy_action.trigger()
    assert catcher.copied == 1


# ---- the data sheet and the charts: grid edit -> core -> chart -------------------------------------------
@pytest.fixture
def sheet_and_chart(make_window):
    """A window's data sheet and its composite chart."""
    def make(project=None):
        w = make_window(project, None) if project is not None else make_window()
        data, charts = w.pane("dataPane"), w.pane("chartsPane")
        return w, data, charts.composite_chart
    return make


def _value_index(data, code, period):
    from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN
    ds = data.model.dataset
    model = data.model
    row = model.index_of_cell(model.unit, ds.period_index[period], ds.code_index[code]).row()
    return model.index(row, FIRST_PERIOD_COLUMN + ds.period_index[period])


def _curve_y(curve):
    return np.asarray(curve.getData()[1], dtype=float)


def test_grid_edit_updates_core_and_chart(sheet_and_chart):
    w, data, chart = sheet_and_chart()
    project = w.document.project
    before = _curve_y(chart.index_curve).copy()
    index = _value_index(data, "RA1", 2024)
    assert index.data(data.model.RawValueRole) == 37.0
    assert data.model.setData(index, "50")
    assert project.dataset.value("CCEC", 2024, "RA1") == 50.0
    after = _curve_y(chart.index_curve)
    np.testing.assert_allclose(after, project.engine.score("CII")[0])
    assert not np.allclose(after, before)
    assert w.isWindowModified() and w.compute_label.text().startswith("Recomputed in")
    w.menus.undo_action.trigger()
    assert project.dataset.value("CCEC", 2024, "RA1") == 37.0
    np.testing.assert_allclose(_curve_y(chart.index_curve), before)
    assert not w.isWindowModified()


def test_grid_delete_key_is_one_undo_step(sheet_and_chart, qtbot):
    w, data, _ = sheet_and_chart()
    project = w.document.project
    a, b = _value_index(data, "ES3", 2021), _value_index(data, "ES4", 2021)
    assert a.data(data.model.RawValueRole) == 8.95
    selection = data.grid.selectionModel()
    selection.select(a, QItemSelectionModel.Select)
    selection.select(b, QItemSelectionModel.Select)
    data.grid.setFocus()
    qtbot.keyClick(data.grid, Qt.Key_Delete)
    assert np.isnan(project.dataset.value("CCEC", 2021, "ES3")) and np.isnan(project.dataset.value("CCEC", 2021, "ES4"))
    assert w.document.undo_stack.count() == 1
    w.menus.undo_action.trigger()
    assert project.dataset.value("CCEC", 2021, "ES3") == 8.95


def test_unit_choice_reaches_the_chart(sheet_and_chart):
    from core.project import projectfile
    p = projectfile.load(SAMPLE_PATH)
    ds = p.dataset
    second = ds.values[0].copy()
    second[1:] *= 1.5
    two = Dataset(["CCEC", "X"], [ds.unit_names[0], "Unit X"], ds.periods, ds.codes, np.stack([ds.values[0], second]))
    w, data, chart = sheet_and_chart(Project(p.framework, two, p.settings, info={"title": "Two units"}))
    assert not w.note_bar.isVisible()                 # no note: no banner
    assert data.selector.count() == 2
    data.selector.setCurrentIndex(1)
    engine = w.document.project.engine
    np.testing.assert_allclose(_curve_y(chart.index_curve), engine.score("CII")[1])
    assert w.panes.project_app_state()["selection"]["unit"] == "X"


# ---- deferred panes (the app's start) -------------------------------------------------------------------
def test_deferred_panes_are_built_after_the_first_paint(qtbot):
    from core.project import projectfile
    w = MainWindow(projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH), defer_panes=True)
    qtbot.addWidget(w)
    assert not isinstance(w.pane("dataPane"), panes.PendingPane)        # what a user looks at first
    assert isinstance(w.pane("chartsPane"), panes.PendingPane)
    with qtbot.waitSignal(w.panesReady, timeout=20000):
        w.show()
    assert not isinstance(w.pane("chartsPane"), panes.PendingPane)
    assert not w.panes.pending_in_view
    hidden = w.docks["frameworkPane"]                                   # a tab behind the method settings
    if isinstance(w.pane("frameworkPane"), panes.PendingPane):
        hidden.raise_()
        qtbot.waitUntil(lambda: not isinstance(w.pane("frameworkPane"), panes.PendingPane), timeout=5000)
    w.panes.build_pending()
    assert not any(isinstance(x, panes.PendingPane) for x in w.panes.values())


def test_charts_are_imported_only_when_their_deferred_pane_is_built(tmp_path):
    """A fresh process: the window is built, shown-ready, without pyqtgraph
    (the charts' imports cost about 0.2 s before the first paint); the
    charts pane imports it when it is built after the first paint."""
    import os
    import subprocess
    import sys
    import textwrap
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {root!r})
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from gui.window import app as gui_app
        from gui.window.loading import SAMPLE_PATH, load_project
        app = QApplication([])
        gui_app.configure_application(app)
        gui_app.use_private_folders({str(tmp_path)!r})
        from gui.window.main_window import MainWindow
        w = MainWindow(load_project(SAMPLE_PATH), str(SAMPLE_PATH), defer_panes=True)
        print("before paint:", "pyqtgraph" in sys.modules, type(w.pane("chartsPane")).__name__)
        w.panesReady.connect(app.quit)
        QTimer.singleShot(20000, lambda: app.exit(2))
        w.show()
        code = app.exec()
        print("after:", "pyqtgraph" in sys.modules, type(w.pane("chartsPane")).__name__, code)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "before paint: False PendingPane" in lines
    assert "after: True ChartPanel 0" in lines


def test_file_actions_are_installed_with_the_window(window):
    """File > Import… and the Export menu's entries come with every window."""
    from gui.window.file_actions import FileActions
    assert isinstance(window.file_actions, FileActions)
    assert window.file_actions.import_action in window.menus.file_menu.actions()


def test_file_actions_wait_for_the_first_paint_when_deferring(qtbot):
    from core.project import projectfile
    w = MainWindow(projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH), defer_panes=True)
    qtbot.addWidget(w)
    assert w.file_actions is None
    w.show()
    qtbot.waitUntil(lambda: w.file_actions is not None, timeout=20000)
    assert w.file_actions.import_action in w.menus.file_menu.actions()
