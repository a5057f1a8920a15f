"""The main window on the bundled sample: what it shows, and that an edit
in the grid reaches the core and the chart at once."""
import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from core.dataset import Dataset
from core.project import Project
from gui.data_grid import FIRST_PERIOD_COLUMN, MISSING_TEXT


def value_index(window, code, period):
    ds = window.document.project.dataset
    return window.grid_model.index(ds.code_index[code], FIRST_PERIOD_COLUMN + ds.period_index[period])


def curve_y(curve):
    return np.asarray(curve.getData()[1], dtype=float)


def test_window_shows_the_sample(window):
    project = window.document.project
    assert project.info["title"] in window.windowTitle()
    assert window.note_banner is not None and window.note_banner.isVisible()
    assert "not official statistics" in window.note_banner.text()
    assert "并非官方统计数据" in window.note_banner.text()

    model = window.grid_model
    assert model.rowCount() == 20
    assert [model.headerData(c, Qt.Horizontal) for c in range(FIRST_PERIOD_COLUMN, model.columnCount())] == \
        ["2020", "2021", "2022", "2023", "2024"]
    assert model.index(0, 0).data() == "RA1"
    assert model.index(0, 1).data() == project.framework["RA1"].name

    chart = window.chart
    cii = project.engine.score("CII")[0]
    np.testing.assert_allclose(curve_y(chart.index_curve), cii)
    assert cii[-1] == pytest.approx(202.29, abs=0.005)       # the published 2024 headline figure
    assert list(chart.dimension_curves) == ["RA", "IC", "RS", "IL", "ES"]
    for code, curve in chart.dimension_curves.items():
        np.testing.assert_allclose(curve_y(curve), project.engine.score(code)[0])
    assert chart.base_line.isVisible() and chart.base_line.value() == 100
    assert "202.3" in chart.label.toPlainText()
    assert "+19.3% a year" in chart.label.toPlainText()        # CAGR 2020-2024
    # ranges were set deliberately: all data in view, no auto-range left on
    (x0, x1), (y0, y1) = chart.getPlotItem().viewRange()
    assert x0 < 0 and x1 > 4 and y0 < 100 and y1 > np.nanmax(project.engine.score("IC"))
    assert not any(chart.getPlotItem().vb.autoRangeEnabled())
    assert "ms" in window.compute_label.text()


def test_edit_updates_core_and_chart(window):
    project = window.document.project
    before = curve_y(window.chart.index_curve).copy()
    assert window.grid_model.setData(value_index(window, "RA1", 2024), "50")
    assert project.dataset.value("CCEC", 2024, "RA1") == 50.0
    after = curve_y(window.chart.index_curve)
    np.testing.assert_allclose(after, project.engine.score("CII")[0])
    assert not np.allclose(after, before)
    np.testing.assert_allclose(curve_y(window.chart.dimension_curves["RA"]), project.engine.score("RA")[0])
    assert f"{after[-1]:.1f}" in window.chart.label.toPlainText()
    assert window.compute_label.text().startswith("Recomputed in")
    assert window.isWindowModified()
    assert value_index(window, "RA1", 2024).data() == "50"

    window.undo_action.trigger()
    assert project.dataset.value("CCEC", 2024, "RA1") == 37.0
    np.testing.assert_allclose(curve_y(window.chart.index_curve), before)
    assert not window.isWindowModified()
    window.redo_action.trigger()
    assert project.dataset.value("CCEC", 2024, "RA1") == 50.0


@pytest.mark.parametrize("text", ["abc", "12,5", "1.2.3", "inf", "5 %"])
def test_text_that_is_not_a_number_is_refused(window, text):
    project = window.document.project
    index = value_index(window, "RA1", 2024)
    before = curve_y(window.chart.index_curve).copy()
    assert not window.grid_model.setData(index, text)
    assert project.dataset.value("CCEC", 2024, "RA1") == 37.0
    assert index.data() == "37"
    np.testing.assert_array_equal(curve_y(window.chart.index_curve), before)
    message = window.statusBar().currentMessage()
    assert message.startswith("Not changed") and "RA1" in message and "2024" in message
    assert window.document.undo_stack.count() == 0


def test_a_value_the_method_cannot_use_is_refused_with_the_core_message(window):
    """A fixed-base index needs a positive base-year value: the core refuses
    a zero there, and the window says why, naming the cell."""
    project = window.document.project
    assert not window.grid_model.setData(value_index(window, "IC2", 2020), "0")
    assert project.dataset.value("CCEC", 2020, "IC2") == 22.0
    np.testing.assert_allclose(curve_y(window.chart.index_curve), project.engine.score("CII")[0])
    message = window.statusBar().currentMessage()
    assert "IC2" in message and "2020" in message and "base value" in message


def test_thousands_separators_and_full_precision(window):
    project = window.document.project
    index = value_index(window, "RA3", 2023)
    assert window.grid_model.setData(index, " 23,561.25 ")
    assert project.dataset.value("CCEC", 2023, "RA3") == 23561.25
    assert index.data() == "23,561.2"                 # shown to six significant digits
    assert index.data(Qt.EditRole) == "23561.25"      # edited with every digit


def test_blank_text_makes_a_value_missing(window):
    project = window.document.project
    index = value_index(window, "IC2", 2022)
    assert window.grid_model.setData(index, "")
    assert np.isnan(project.dataset.value("CCEC", 2022, "IC2"))
    assert index.data() == MISSING_TEXT
    assert index.data(Qt.BackgroundRole) is not None          # shown distinctly
    assert index.data(Qt.EditRole) == ""
    np.testing.assert_allclose(curve_y(window.chart.index_curve), project.engine.score("CII")[0])


def test_delete_key_clears_the_selection_as_one_step(window, qtbot):
    project = window.document.project
    grid = window.grid
    selection = grid.selectionModel()
    selection.select(value_index(window, "ES3", 2021), QItemSelectionModel.Select)
    selection.select(value_index(window, "ES4", 2021), QItemSelectionModel.Select)
    selection.select(window.grid_model.index(0, 0), QItemSelectionModel.Select)      # a label cell: ignored
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key_Delete)
    assert np.isnan(project.dataset.value("CCEC", 2021, "ES3"))
    assert np.isnan(project.dataset.value("CCEC", 2021, "ES4"))
    assert window.document.undo_stack.count() == 1
    window.undo_action.trigger()
    assert project.dataset.value("CCEC", 2021, "ES3") == 8.95


def test_flags(window):
    model = window.grid_model
    assert model.flags(model.index(-1, -1)) == Qt.NoItemFlags
    assert not model.flags(model.index(0, 0)) & Qt.ItemIsEditable
    assert model.flags(model.index(0, FIRST_PERIOD_COLUMN)) & Qt.ItemIsEditable


def test_unit_selector_switches_grid_and_chart(qtbot, project):
    """A second unit (the sample's values x 1.5 in 2021 onwards) is shown by
    both views when chosen."""
    from gui.main_window import MainWindow
    ds = project.dataset
    second = ds.values[0].copy()
    second[1:] *= 1.5
    two = Dataset(["CCEC", "X"], [ds.unit_names[0], "Unit X"], ds.periods, ds.codes,
                  np.stack([ds.values[0], second]))
    w = MainWindow(Project(project.framework, two, project.settings, info={"title": "Two units"}))
    qtbot.addWidget(w)
    assert w.note_banner is None
    assert w.unit_box.count() == 2
    w.unit_box.setCurrentIndex(1)
    engine = w.document.project.engine
    assert w.grid_model.index(0, FIRST_PERIOD_COLUMN + 1).data(w.grid_model.RawValueRole) == second[1, 0]
    np.testing.assert_allclose(curve_y(w.chart.index_curve), engine.score("CII")[1])
    assert not np.allclose(engine.score("CII")[1], engine.score("CII")[0])
    # an edit to the unit not shown leaves the chart alone; to the one shown, updates it
    shown = curve_y(w.chart.index_curve).copy()
    assert w.grid_model.setData(w.grid_model.index(0, FIRST_PERIOD_COLUMN + 4), "1")
    assert not np.allclose(curve_y(w.chart.index_curve), shown)
    np.testing.assert_allclose(curve_y(w.chart.index_curve), engine.score("CII")[1])


def test_file_open_opens_a_new_window_or_says_why_not(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from gui.loading import SAMPLE_PATH
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append(text))
    other = window.open_file(str(SAMPLE_PATH.with_suffix(".xlsx")))
    assert other is not None and other is not window and other.isVisible()
    assert other.grid_model.rowCount() == 20
    other.close()
    bad = tmp_path / "data.txt"
    bad.write_text("x")
    assert window.open_file(str(bad)) is None
    assert "unsupported input type" in shown[0]
