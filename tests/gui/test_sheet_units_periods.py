"""Units and periods edited from the data sheet: next year's column, a new
unit, a renamed one, a deleted one; each one undo step, refusals in the
message bar, the sheet, selector and charts' data following."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from gui.sheets import unit_period_edits
from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN, PERIOD_LAYOUT, UNIT_LAYOUT
from test_data_sheet import sheet as shown_sheet  # noqa: F401  (fixture: the sample's sheet, its messages kept)
from test_files import light_charts, make_window  # noqa: F401  (fixtures)


@pytest.fixture
def sheet(shown_sheet, document):  # noqa: F811
    """The data sheet, with the refusals the window's message bar would show kept too."""
    shown_sheet.refusals = []
    document.editFailed.connect(shown_sheet.refusals.append)
    return shown_sheet


def headers(sheet):
    m = sheet.model
    return [m.headerData(c, Qt.Horizontal) for c in range(FIRST_PERIOD_COLUMN, m.columnCount())]


def selector_items(sheet):
    return [sheet.selector.itemText(k) for k in range(sheet.selector.count())]


def test_next_years_column_is_added_asked_with_the_next_year_and_undone(sheet, document, monkeypatch):
    asked = []

    def answer(parent, title, label, suggestion):
        asked.append(suggestion)
        return suggestion
    monkeypatch.setattr(unit_period_edits, "ask_period", answer)
    sheet.units.add_period_action.trigger()
    assert asked == ["2025"]
    assert document.project.dataset.periods[-1] == 2025
    assert [str(h) for h in headers(sheet)][-1] == "2025" and sheet.model.columnCount() == FIRST_PERIOD_COLUMN + 6
    assert "2025 added" in sheet.messages[-1]
    # typing a 2025 value works at once and moves the composite
    root = document.project.framework.root
    assert np.isnan(document.project.engine.score(root)[0, 5])
    assert document.undo_stack.undoText() == "Add period"
    document.undo_stack.undo()
    assert document.project.dataset.periods == [2020, 2021, 2022, 2023, 2024]
    assert sheet.model.columnCount() == FIRST_PERIOD_COLUMN + 5


def test_a_bad_year_is_refused_in_the_message_bar_and_nothing_changes(sheet, document):
    assert not sheet.units.add_period("next year")
    assert "a year such as 2025" in sheet.refusals[-1]
    assert not sheet.units.add_period("2024")
    assert "already" in sheet.refusals[-1]
    assert document.project.dataset.periods == [2020, 2021, 2022, 2023, 2024]
    assert document.undo_stack.count() == 0


def test_deleting_the_base_year_column_is_refused_naming_it(sheet, document):
    ds = document.project.dataset
    index = sheet.model.index_of_cell(0, ds.period_index[2020], 0)
    sheet.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
    sheet.units.update_actions()
    assert sheet.units.delete_period_action.text() == "Delete period 2020"
    sheet.units.delete_period_action.trigger()
    assert "2020 is a base year" in sheet.refusals[-1]
    assert document.project.dataset.periods[0] == 2020


def test_add_rename_and_delete_a_unit_with_the_dialog(sheet, document, monkeypatch):
    answers = iter([("CD", "Chengdu"), ("CDU", "Chengdu City")])
    monkeypatch.setattr(unit_period_edits, "ask_unit", lambda parent, title, code="", name="": next(answers))
    chosen = []
    sheet.unitChanged.connect(chosen.append)
    sheet.units.add_unit_action.trigger()
    ds = document.project.dataset
    assert ds.unit_codes == ["CCEC", "CD"] and ds.unit_names[1] == "Chengdu"
    assert chosen == [1] and sheet.model.unit == 1 and len(selector_items(sheet)) == 2
    assert np.isnan(ds.values[1]).all()
    # the new unit's values typed in the sheet: a fixed-base index needs the base year's first
    index = sheet.model.index_of_cell(1, ds.period_index[2024], ds.code_index["RA1"])
    assert not sheet.model.setData(index, "41.5")
    assert "base value of indicator 'RA1', unit 'CD', period 2020 is missing" in sheet.refusals[-1]
    base = sheet.model.index_of_cell(1, ds.period_index[2020], ds.code_index["RA1"])
    assert sheet.model.setData(base, "30")
    assert sheet.model.setData(index, "41.5"), sheet.refusals
    assert document.project.dataset.value("CD", 2024, "RA1") == 41.5
    sheet.units.rename_unit_action.trigger()
    assert document.project.dataset.unit_codes == ["CCEC", "CDU"]
    assert document.project.dataset.value("CDU", 2024, "RA1") == 41.5
    sheet.units.update_actions()
    assert sheet.units.delete_unit_action.text() == "Delete unit Chengdu City"
    sheet.units.delete_unit_action.trigger()
    assert document.project.dataset.unit_codes == ["CCEC"] and sheet.model.unit == 0
    assert "deleted" in sheet.messages[-1]
    # the last unit cannot go: the action is off, and the command refuses
    sheet.units.update_actions()
    assert not sheet.units.delete_unit_action.isEnabled()
    assert not sheet.units.delete_unit()
    assert "at least one unit" in sheet.refusals[-1]
    # every step undoes in order
    for _ in range(5):
        document.undo_stack.undo()
    assert document.project.dataset.unit_codes == ["CCEC"] and document.undo_stack.index() == 0


def test_a_taken_code_is_refused_and_cancel_does_nothing(sheet, document, monkeypatch):
    monkeypatch.setattr(unit_period_edits, "ask_unit", lambda *a, **k: ("ccec", "Again"))
    assert not sheet.units.add_unit()
    assert "taken" in sheet.refusals[-1]
    monkeypatch.setattr(unit_period_edits, "ask_unit", lambda *a, **k: None)
    assert not sheet.units.add_unit()
    assert document.project.dataset.unit_codes == ["CCEC"] and document.undo_stack.count() == 0


def test_in_the_period_layout_the_row_is_the_unit(sheet, document):
    assert sheet.units.add_unit("X2", "Second")
    sheet.set_layout(PERIOD_LAYOUT)
    sheet.set_period(4)
    index = sheet.model.index_of_cell(1, 4, 0)
    sheet.grid.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect)
    assert sheet.units.current_unit() == 1 and sheet.units.current_period() == 4
    assert sheet.units.delete_unit()
    assert document.project.dataset.unit_codes == ["CCEC"]
    sheet.set_layout(UNIT_LAYOUT)


def test_the_menu_and_context_menu_hold_the_actions_in_both_languages(sheet):
    texts = [a.text() for a in sheet.units.menu.actions() if not a.isSeparator()]
    assert texts[0] == "Add &unit…" and "Add &period…" in texts
    assert sheet.units_button.menu() is sheet.units.menu


def test_several_selected_rows_or_columns_are_deleted_in_one_step(sheet, document):
    from PySide6.QtCore import QItemSelection
    for code in ("A1", "A2", "A3"):
        assert sheet.units.add_unit(code, code)
    steps = document.undo_stack.count()
    sheet.set_layout(PERIOD_LAYOUT)
    m = sheet.model
    sel = QItemSelection(m.index(1, 3), m.index(2, 3))
    sel.merge(QItemSelection(m.index(3, 4), m.index(3, 4)), QItemSelectionModel.Select)
    sheet.grid.selectionModel().select(sel, QItemSelectionModel.ClearAndSelect)
    sheet.units.update_actions()
    assert sheet.units.delete_unit_action.text() == "Delete 3 units"
    assert sheet.units.delete_unit()
    assert document.project.dataset.unit_codes == ["CCEC"] and document.undo_stack.count() == steps + 1
    assert "3 units deleted" in sheet.messages[-1]
    # by unit: two selected year columns go together (the base year 2020 is not among them)
    sheet.set_layout(UNIT_LAYOUT)
    ds = document.project.dataset
    first = sheet.model.index_of_cell(0, ds.period_index[2022], 0)
    last = sheet.model.index_of_cell(0, ds.period_index[2023], 0)
    sheet.grid.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.ClearAndSelect)
    sheet.units.update_actions()
    assert sheet.units.delete_period_action.text() == "Delete 2 periods"
    assert sheet.units.delete_period()
    assert document.project.dataset.periods == [2020, 2021, 2024]
    document.undo_stack.undo()
    assert document.project.dataset.periods == [2020, 2021, 2022, 2023, 2024]
    document.undo_stack.undo()
    assert document.project.dataset.unit_codes == ["CCEC", "A1", "A2", "A3"]


def test_deleting_the_unit_the_charts_show_moves_every_view_to_a_unit_that_exists(make_window, light_charts):
    from pathlib import Path
    from core.project import projectfile
    path = Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"
    window = make_window(projectfile.load(path), str(path))
    sheet = window.panes["dataPane"]
    ds = window.document.project.dataset
    last = len(ds.unit_codes) - 1
    sheet.set_unit(last)
    sheet.unitChanged.emit(last)
    gone = ds.unit_codes[last]
    assert sheet.units.delete_unit()
    ds = window.document.project.dataset
    assert gone not in ds.unit_codes and len(ds.unit_codes) == last
    assert sheet.model.unit == last - 1 and sheet.selector.currentIndex() == last - 1
    window.document.undo_stack.undo()
    assert window.document.project.dataset.unit_codes[-1] == gone
