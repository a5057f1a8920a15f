"""The indicator sheet's goalpost, target and decimals columns and the
method pane's unusable methods: editing a goalpost changes the scores and
undo restores them, bad text is refused with a message naming indicator
and column, decimals change what the data sheet's formatting shows, a save
and load keeps them; the pane disables a method until it can work, with the
reason, in Chinese too."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core import text
from core.project import projectfile
from core.project.project import SetSettings
from gui.base.formatting import format_fixed, indicator_decimals, set_decimals
from gui.sheets.indicator_sheet import DECIMALS_COLUMN, LOWER, TARGET_COLUMN, UPPER, IndicatorSheet
from gui.sheets.method_panel import MethodPanel


@pytest.fixture
def sheet(qtbot, document):
    widget = IndicatorSheet(document)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def pane(qtbot, document):
    widget = MethodPanel(document)
    qtbot.addWidget(widget)
    return widget


def set_cell(model, code, col, value) -> bool:
    return model.setData(model.index(model.row_of(code), col), value)


def goalposts_everywhere(document, model):
    """Goalposts for every indicator typed into the sheet: 0 and twice its largest value."""
    ds = document.project.dataset
    for i, code in enumerate(document.project.framework.indicator_codes):
        assert set_cell(model, code, UPPER, str(2 * np.nanmax(ds.values[:, :, i])))
        assert set_cell(model, code, LOWER, "0")


def choose(box, value):
    k = box.findData(value)
    box.setCurrentIndex(k)
    box.activated.emit(k)


def test_goalposts_typed_in_the_sheet_make_the_method_available_and_change_scores(sheet, pane, document):
    model, project = sheet.sheet_model, document.project
    k = pane.normalisation_box.findData("goalposts")
    assert not pane.normalisation_box.model().item(k).isEnabled()
    assert "• Goalposts: it needs a lower and an upper goalpost for every indicator" in pane.method_problem()
    assert "<b>Goalposts</b>: it needs a lower" in pane.method_note.text() and not pane.method_note.isHidden()
    tip = pane.normalisation_box.itemData(k, Qt.ToolTipRole)
    assert tip.startswith("Not available here: it needs a lower and an upper goalpost")
    goalposts_everywhere(document, model)
    assert pane.normalisation_box.model().item(k).isEnabled()
    assert "Goalposts" not in pane.method_problem() and "Goalposts" not in pane.method_note.text()
    choose(pane.normalisation_box, "goalposts")
    assert project.settings.normalisation == "goalposts"
    ra1 = project.dataset.values[0, :, 0]
    np.testing.assert_allclose(project.engine.score("RA1")[0], ra1 / (2 * ra1.max()))
    # the columns are no longer faint: goalposts read them
    assert model.index(model.row_of("RA1"), LOWER).data(Qt.ForegroundRole) is None
    assert model.index(model.row_of("RA1"), TARGET_COLUMN).data(Qt.ForegroundRole) is not None
    before, count = project.engine.score("RA1").copy(), document.undo_stack.count()
    assert set_cell(model, "RA1", LOWER, "20")
    assert model.index(model.row_of("RA1"), LOWER).data() == "20"
    np.testing.assert_allclose(project.engine.score("RA1")[0], (ra1 - 20) / (2 * ra1.max() - 20))
    assert document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert np.array_equal(project.engine.score("RA1"), before)
    assert model.index(model.row_of("RA1"), LOWER).data() == "0"


def test_bad_goalpost_text_is_refused_naming_indicator_and_column(sheet, document):
    model = sheet.sheet_model
    messages = []
    model.statusMessage.connect(messages.append)
    count = document.undo_stack.count()
    assert not set_cell(model, "RA2", UPPER, "lots")
    assert messages[-1] == "indicator 'RA2', upper goalpost: 'lots' is not a number"
    assert set_cell(model, "RA2", UPPER, "10")
    assert not set_cell(model, "RA2", LOWER, "12")
    assert messages[-1] == ("indicator 'RA2', lower goalpost: the lower goalpost (12) must be below the upper "
                            "goalpost (10)")
    assert document.project.framework["RA2"].params == {"goalpost_upper": 10.0}
    assert document.undo_stack.count() == count + 1


def test_decimals_column_sets_what_the_values_show(sheet, document, tmp_path):
    model, project = sheet.sheet_model, document.project
    row = model.row_of("RA4")                            # 1582.3 ... 2706.58: two decimals by default
    index = model.index(row, DECIMALS_COLUMN)
    assert index.data() == "auto (2)" and index.data(Qt.EditRole) == "auto"
    assert [label for label, _ in model.choices(row, DECIMALS_COLUMN)] == ["auto", "0", "1", "2", "3", "4", "5", "6"]
    i = project.dataset.code_index["RA4"]

    def shown():
        d = indicator_decimals(project.dataset.values, set_decimals(project.framework))[i]
        return format_fixed(project.dataset.values[0, 0, i], d)
    assert shown() == "1,582.30"
    assert model.setData(index, 0)
    assert model.index(row, DECIMALS_COLUMN).data() == "0" and shown() == "1,582"
    assert model.setData(model.index(row, DECIMALS_COLUMN), "5")
    assert shown() == "1,582.30000"
    path = tmp_path / "d.coindex"
    projectfile.save(project, path)
    assert projectfile.load(path).framework["RA4"].params["decimals"] == 5
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert model.index(row, DECIMALS_COLUMN).data() == "auto (2)" and shown() == "1,582.30"


def test_goalpost_and_target_save_and_load(sheet, document, tmp_path):
    model = sheet.sheet_model
    assert set_cell(model, "IC1", LOWER, "5")
    assert set_cell(model, "IC1", UPPER, "200")
    assert set_cell(model, "IC1", TARGET_COLUMN, "150")
    path = tmp_path / "g.coindex"
    projectfile.save(document.project, path)
    back = projectfile.load(path)
    assert back.framework["IC1"].params == {"goalpost_lower": 5.0, "goalpost_upper": 200.0, "Target": 150.0}


@pytest.fixture
def chinese():
    text.set_language("zh")
    yield
    text.set_language("en")


def test_pane_reasons_in_chinese(qtbot, document, chinese):
    pane = MethodPanel(document)
    qtbot.addWidget(pane)
    k = pane.normalisation_box.findData("minmax")
    assert "该方法在单位之间比较，而本项目只有一个单位（“CCEC”）" in pane.normalisation_box.itemData(k, Qt.ToolTipRole)
    assert "该方法在单位之间比较" in pane.method_note.text() and "该方法在单位之间比较" in pane.method_problem()


def test_geometric_mean_disabled_over_zero_scores(qtbot, document):
    project = document.project
    pane = MethodPanel(document)
    qtbot.addWidget(pane)
    # fixed-base scores are all above zero: only the aggregations comparing units are out on one unit
    units_only = ("• Mazziotta–Pareto Index (MPI), Copeland, TOPSIS (closeness to the ideal): it compares the units "
                  "of each period, and the project has one ('CCEC')")
    assert pane.aggregation_problem() == "Not available here:\n" + units_only
    s = project.settings.copy()
    s.normalisation, s.pooled = "minmax", True           # pooled min-max: the lowest value scores 0
    assert document.execute(SetSettings(s))
    k = pane.aggregation_box.findData("geometric")
    assert not pane.aggregation_box.model().item(k).isEnabled()
    assert pane.aggregation_problem().startswith("Not available here:\n• Geometric mean, Harmonic mean: it needs "
                                                 "scores above zero, and 'RA1' scores 0 for unit 'CCEC', period 2020 "
                                                 "under the normalisation Min-max")
    assert pane.aggregation_problem().endswith(units_only)
    assert not pane.aggregation_note.isHidden()


def test_per_indicator_normalisation_editor_disables_what_cannot_work(qtbot, sheet, document):
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem
    from gui.sheets.indicator_sheet import NORMALISATION
    model = sheet.sheet_model
    row = model.row_of("RA1")
    problems = model.choice_problems(row, NORMALISATION)
    assert set(problems) == {"minmax", "zscore", "rank", "prank", "goalposts", "dist2target", "fracmax", "dist2max",
                             "dist2ref", "borda"}
    assert problems["goalposts"].startswith("it needs a lower and an upper goalpost for every indicator; missing for "
                                            "'RA1'")
    assert set_cell(model, "RA1", TARGET_COLUMN, "40")
    assert "dist2target" not in model.choice_problems(row, NORMALISATION)
    editor = sheet.itemDelegate().createEditor(sheet.viewport(), QStyleOptionViewItem(),
                                               model.index(row, NORMALISATION))
    assert isinstance(editor, QComboBox)
    states = {editor.itemData(k): editor.model().item(k).isEnabled() for k in range(editor.count())}
    assert states["minmax"] is False and states["dist2target"] is True and states["none"] is True
    assert editor.itemData(editor.findData("rank"), Qt.ToolTipRole).startswith("it compares units")
    assert set_cell(model, "RA1", NORMALISATION, "dist2target")
    assert document.project.engine.method[0] == "dist2target"


def test_data_sheet_shows_the_decimals_set_in_the_indicator_sheet(sheet, document, qtbot):
    from gui.sheets.data_sheet import DataSheet
    data = DataSheet(document)
    qtbot.addWidget(data)
    grid = data.model
    i = document.project.dataset.code_index["RA4"]

    def shown():
        return grid.index_of_cell(0, 0, i).data()
    assert shown() == "1,582.30"
    model = sheet.sheet_model
    assert model.setData(model.index(model.row_of("RA4"), DECIMALS_COLUMN), 0)
    assert shown() == "1,582"
    assert model.setData(model.index(model.row_of("RA4"), DECIMALS_COLUMN), "3")
    assert shown() == "1,582.300"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert shown() == "1,582.30"
