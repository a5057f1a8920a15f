"""The main window on the bundled sample: docked panes and their layout,
menus, status bar, Edit forwarding, and (with the first version's data grid
and index chart standing in for the data sheet and the chart panel) that an
edit in the grid reaches the core and the chart at once."""
import importlib.util
import sys
import types

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from core.model.dataset import Dataset
from core.project.project import Project, SetValues
from gui.window import panes
from gui.window.loading import SAMPLE_PATH
from gui.window.main_window import LAYOUT_VERSION, MainWindow
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)


@pytest.fixture
def window(make_window, light_charts):
    """The sample's window; a placeholder for the chart panel (tested with
    the charts), which is most of a window's cost."""
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
        assert dock.toggleViewAction() in window.view_menu.actions()


def test_first_start_shows_the_data_sheet_and_the_charts_side_by_side(window):
    data, charts = window.docks["dataPane"], window.docks["chartsPane"]
    for dock in (data, charts):
        assert dock.isVisible() and not dock.visibleRegion().isEmpty()
        assert dock.width() > 400 and dock.height() > 300
    assert data.geometry().right() < charts.geometry().left()          # side by side, data sheet left
    assert not data.geometry().intersects(charts.geometry())
    assert window.tabifiedDockWidgets(data) == [] and window.tabifiedDockWidgets(charts) == []
    # the other panes are one click away: tabs under the data sheet
    method = window.docks["methodPane"]
    assert method.isVisible() and method.geometry().top() > data.geometry().bottom()
    assert set(window.tabifiedDockWidgets(method)) == {window.docks[n] for n in
                                                         ("frameworkPane", "resultsPane", "indicatorsPane")}


def test_real_panes_load_when_present(full_window):
    """Every pane whose module exists is that module's class, not a
    placeholder or stand-in."""
    window = full_window
    for spec in panes.PANES:
        widget = window.pane(spec.name)
        if importlib.util.find_spec(spec.module) is None:
            assert isinstance(widget, (panes.PlaceholderPane, *panes.FALLBACKS.values()))
            continue
        cls = getattr(importlib.import_module(spec.module), spec.class_name)
        assert isinstance(widget, cls), spec.name
        assert callable(getattr(widget, "retranslateUi", None))


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


def test_a_pane_module_is_imported_by_name(make_window, light_charts, monkeypatch):
    """The registry imports each pane by module and class name: a module
    that appears is used; one that is missing gets a placeholder."""
    fake = types.ModuleType("gui.sheets.results_table")
    fake.ResultsTable = FakeResults
    monkeypatch.setitem(sys.modules, "gui.sheets.results_table", fake)
    monkeypatch.setitem(sys.modules, "gui.sheets.indicator_sheet", None)        # import fails: missing
    from core.project import projectfile
    project = projectfile.load(SAMPLE_PATH)
    project.app_state["panes"] = {"resultsPane": {"sort": "name"}}
    w = make_window(project, str(SAMPLE_PATH))
    results = w.pane("resultsPane")
    assert isinstance(results, FakeResults) and results.document is w.document
    assert results.restored == {"sort": "name"}                      # its state from the project
    assert isinstance(w.pane("indicatorsPane"), panes.PlaceholderPane)
    assert "not available" in w.pane("indicatorsPane").findChild(QLabel).text()
    # the status bar shows its messages; language changes reach it; its state is saved
    results.statusMessage.emit("hello from results")
    assert w.statusBar().currentMessage() == "hello from results"
    before = results.translated
    w.retranslateUi()
    assert results.translated == before + 1
    assert w.project_app_state()["panes"]["resultsPane"] == {"sort": "rank"}
    # a unit chosen in one pane is shown by the others
    results.unitChanged.emit(0)
    assert w._selection["unit"] == 0


def test_a_pane_that_fails_to_build_becomes_a_placeholder(make_window, light_charts, monkeypatch, caplog):
    class Broken(QWidget):
        def __init__(self, document, parent=None):
            raise RuntimeError("boom")
    fake = types.ModuleType("gui.sheets.results_table")
    fake.ResultsTable = Broken
    monkeypatch.setitem(sys.modules, "gui.sheets.results_table", fake)
    w = make_window()
    assert isinstance(w.pane("resultsPane"), panes.PlaceholderPane)
    assert "boom" in caplog.text


# ---- layout ------------------------------------------------------------------------------------
def test_layout_is_remembered_and_reset(make_window, light_charts):
    first = make_window()
    first.docks["frameworkPane"].raise_()
    first.docks["methodPane"].close()
    assert first.close()
    second = make_window()
    assert not second.docks["methodPane"].isVisible()                 # as it was left
    assert second.docks["frameworkPane"].isVisible()
    second.reset_layout_action.trigger()
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
    file_items = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert file_items[:4] == ["&New", "&Open…", "Open &Recent", "Open the &Sample"]
    assert {"&Save", "Save &As…", "&Export", "&Quit"} <= set(file_items)
    shown = [a for a in window.export_menu.actions() if a.isVisible() and not a.isSeparator()]
    assert shown and shown[0].isEnabled()
    for placeholder in (window.export_charts_action, window.export_inputs_action):
        assert not placeholder.isEnabled()            # not implemented here: disabled (or hidden by an extension)
    shortcuts = {window.new_action: QKeySequence.New, window.open_action: QKeySequence.Open,
                 window.save_action: QKeySequence.Save, window.save_as_action: QKeySequence.SaveAs,
                 window.quit_action: QKeySequence.Quit, window.undo_action: QKeySequence.Undo,
                 window.redo_action: QKeySequence.Redo, window.copy_action: QKeySequence.Copy,
                 window.paste_action: QKeySequence.Paste, window.cut_action: QKeySequence.Cut}
    for action, key in shortcuts.items():
        bindings = QKeySequence.keyBindings(key)
        if bindings:
            assert action.shortcut() == bindings[0], action.text()
    assert window.undo_action in window.edit_menu.actions() and window.redo_action in window.edit_menu.actions()
    assert [a.text() for a in window.language_menu.actions()] == ["English", "简体中文"]


def test_undo_and_redo_actions_name_the_step(window):
    assert not window.undo_action.isEnabled()
    assert window.document.execute(SetValues([("CCEC", 2024, "RA1", 50.0)]), "Edit RA1 2024")
    assert window.undo_action.isEnabled() and window.undo_action.text() == "&Undo Edit RA1 2024"
    window.undo_action.trigger()
    assert window.document.project.dataset.value("CCEC", 2024, "RA1") == 37.0
    assert window.redo_action.text() == "&Redo Edit RA1 2024"
    window.redo_action.trigger()
    assert window.document.project.dataset.value("CCEC", 2024, "RA1") == 50.0


def test_status_bar_shows_the_recompute_time(window):
    assert window.compute_label.text().startswith("Computed in")
    window.document.execute(SetValues([("CCEC", 2024, "RA1", 50.0)]), "x")
    text = window.compute_label.text()
    assert text.startswith("Recomputed in") and text.endswith(" ms")
    assert float(text.split()[2]) == pytest.approx(window.document.last_compute_ms, abs=0.06)
    window.recompute_action.trigger()
    assert window.compute_label.text().startswith("Recomputed in")


def test_edit_failures_go_to_the_status_bar(window):
    assert not window.document.execute(SetValues([("CCEC", 2024, "RA1", "abc")]), "x")
    message = window.statusBar().currentMessage()
    assert message.startswith("Not changed") and "RA1" in message


def test_about_names_the_sample_disclaimer(window, dialogs):
    window.about_action.trigger()
    assert "not official statistics" in dialogs.infos[-1] and "并非官方统计数据" in dialogs.infos[-1]


def test_method_settings_action_shows_the_pane(window):
    window.docks["methodPane"].close()
    window.method_action.trigger()
    assert window.docks["methodPane"].isVisible()


def test_export_results_workbook(window, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "results")
    path = window.export_results()
    assert path == str(tmp_path / "results.xlsx")
    from openpyxl import load_workbook
    assert "Scores" in load_workbook(path, read_only=True).sheetnames


# ---- Edit > Cut / Copy / Paste go to the focused widget -----------------------------------------------
def test_copy_and_paste_act_on_a_focused_line_edit(window, qtbot):
    edit = QLineEdit(window.pane("dataPane"))
    edit.setText("12.5")
    edit.show()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    window.copy_action.trigger()
    assert QGuiApplication.clipboard().text() == "12.5"
    edit.clear()
    window.paste_action.trigger()
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
    window.copy_action.trigger()
    assert catcher.copied == 1


# ---- the stand-ins: grid edit -> core -> chart ---------------------------------------------------------
@pytest.fixture
def legacy(make_window, monkeypatch):
    """A window with the first version's grid and chart (the data sheet and
    chart panel modules treated as missing)."""
    pytest.importorskip("gui.sheets.data_grid")
    pytest.importorskip("gui.charts.lines")
    real = panes.pane_class
    monkeypatch.setattr(panes, "pane_class",
                        lambda spec: None if spec.name in ("dataPane", "chartsPane") else real(spec))

    def make(project=None):
        w = make_window(project, None) if project is not None else make_window()
        data, charts = w.pane("dataPane"), w.pane("chartsPane")
        assert isinstance(data, panes.LegacyDataPane) and isinstance(charts, panes.LegacyChartPane)
        return w, data, charts.chart
    return make


def _value_index(data, code, period):
    from gui.sheets.data_grid import FIRST_PERIOD_COLUMN
    ds = data.document.project.dataset
    model = data.grid_model
    row = ds.code_index[code]
    return model.index(row, FIRST_PERIOD_COLUMN + ds.period_index[period])


def _curve_y(curve):
    return np.asarray(curve.getData()[1], dtype=float)


def test_grid_edit_updates_core_and_chart(legacy):
    w, data, chart = legacy()
    project = w.document.project
    before = _curve_y(chart.index_curve).copy()
    index = _value_index(data, "RA1", 2024)
    if index.data(data.grid_model.RawValueRole) != 37.0:
        pytest.skip("the grid's rows no longer follow dataset.codes")
    assert data.grid_model.setData(index, "50")
    assert project.dataset.value("CCEC", 2024, "RA1") == 50.0
    after = _curve_y(chart.index_curve)
    np.testing.assert_allclose(after, project.engine.score("CII")[0])
    assert not np.allclose(after, before)
    assert w.isWindowModified() and w.compute_label.text().startswith("Recomputed in")
    w.undo_action.trigger()
    assert project.dataset.value("CCEC", 2024, "RA1") == 37.0
    np.testing.assert_allclose(_curve_y(chart.index_curve), before)
    assert not w.isWindowModified()


def test_grid_delete_key_is_one_undo_step(legacy, qtbot):
    w, data, _ = legacy()
    project = w.document.project
    a, b = _value_index(data, "ES3", 2021), _value_index(data, "ES4", 2021)
    if a.data(data.grid_model.RawValueRole) != 8.95:
        pytest.skip("the grid's rows no longer follow dataset.codes")
    selection = data.grid.selectionModel()
    selection.select(a, QItemSelectionModel.Select)
    selection.select(b, QItemSelectionModel.Select)
    data.grid.setFocus()
    qtbot.keyClick(data.grid, Qt.Key_Delete)
    assert np.isnan(project.dataset.value("CCEC", 2021, "ES3")) and np.isnan(project.dataset.value("CCEC", 2021, "ES4"))
    assert w.document.undo_stack.count() == 1
    w.undo_action.trigger()
    assert project.dataset.value("CCEC", 2021, "ES3") == 8.95


def test_unit_choice_reaches_the_chart(legacy):
    from core.project import projectfile
    p = projectfile.load(SAMPLE_PATH)
    ds = p.dataset
    second = ds.values[0].copy()
    second[1:] *= 1.5
    two = Dataset(["CCEC", "X"], [ds.unit_names[0], "Unit X"], ds.periods, ds.codes, np.stack([ds.values[0], second]))
    w, data, chart = legacy(Project(p.framework, two, p.settings, info={"title": "Two units"}))
    assert not w.note_bar.isVisible()                 # no note: no banner
    assert data.unit_box.count() == 2
    data.unit_box.setCurrentIndex(1)
    engine = w.document.project.engine
    np.testing.assert_allclose(_curve_y(chart.index_curve), engine.score("CII")[1])
    assert w._selection["unit"] == 1
    assert w.project_app_state()["selection"]["unit"] == "X"


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
    assert not w.panes_pending
    hidden = w.docks["frameworkPane"]                                   # a tab behind the method settings
    if isinstance(w.pane("frameworkPane"), panes.PendingPane):
        hidden.raise_()
        qtbot.waitUntil(lambda: not isinstance(w.pane("frameworkPane"), panes.PendingPane), timeout=5000)
    w.build_pending_panes()
    assert not any(isinstance(x, panes.PendingPane) for x in w.panes.values())


def test_window_extensions_are_installed(window):
    """Modules listed in WINDOW_EXTENSIONS (import / export actions) add
    their menu entries to every window."""
    from gui.window.main_window import WINDOW_EXTENSIONS
    for module_name, _ in WINDOW_EXTENSIONS:
        if importlib.util.find_spec(module_name) is None:
            assert module_name not in window.extensions
        else:
            assert window.extensions.get(module_name) is not None, module_name


def test_a_failing_extension_is_skipped(make_window, light_charts, monkeypatch, caplog):
    import gui.window.main_window as mw
    fake = types.ModuleType("gui.fake_extension")
    fake.install = lambda window: 1 / 0
    monkeypatch.setitem(sys.modules, "gui.fake_extension", fake)
    monkeypatch.setattr(mw, "WINDOW_EXTENSIONS", (("gui.fake_extension", "install"), ("gui.not_there", "x")))
    w = make_window()
    assert w.extensions == {} and "gui.fake_extension" in caplog.text
