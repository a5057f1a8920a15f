"""Edit > Find in the sheets: the find bar over the data sheet, the results
table, the indicator sheet and the framework tree; matches in cells and
headers, any case, in reading order, wrapping; the count ("2 of 3"); the
keys (Ctrl+F, Enter, Shift+Enter, F3, Shift+F3, Escape) as offscreen key
presses (tests/gui/test_keys_xcb.py presses them on X11); Chinese names in
Chinese mode."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from core.project.project import SetValues
from gui.base import i18n
from gui.sheets.data_grid_view import PERIOD_LAYOUT
from gui.sheets.find import CELL, COLUMN, ViewFinder
from gui.window.finding import view_of
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)

ASEM = Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"


@pytest.fixture
def window(make_window, light_charts):
    w = make_window()
    w.panes.build_pending()
    return w


def sheet_of(window):
    return window.panes["dataPane"]


def current(view):
    """(code in column 0, text) of the view's current cell."""
    index = view.currentIndex()
    return index.siblingAtColumn(0).data(), index.data()


def type_text(field, text):
    """Typing as an input method commits it (QTest's key clicks take Latin-1 only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def open_find(window, qtbot, view):
    view.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(view, Qt.Key_F, Qt.ControlModifier)
    bar = window.finder.bar
    assert window.finder.toolbar.isVisible() and QApplication.focusWidget() is bar.field
    return bar


# ---- the finder on its own ------------------------------------------------------------------------
def test_cells_match_in_reading_order_in_any_case(window):
    grid = sheet_of(window).grid
    finder = ViewFinder(grid)
    assert finder.find("r&d") == 2 == finder.find("R&D")
    assert [m.index.data() for m in finder.matches] == ["R&D personnel (full-time equivalent)",
                                                        "Internal R&D expenditure"]
    assert finder.find("ra1") == 1 and finder.matches[0].index.data() == "RA1"
    assert finder.find("no such text") == 0 and finder.step() is None


def test_step_goes_from_the_current_cell_and_wraps(window):
    grid = sheet_of(window).grid
    finder = ViewFinder(grid)
    finder.find("r&d")
    grid.setCurrentIndex(grid.model().index(2, 0))           # RA2: after the first match
    assert finder.step().index.data() == "Internal R&D expenditure" and finder.position == 1
    assert current(grid) == ("RA4", "Internal R&D expenditure")
    assert grid.selectionModel().isSelected(grid.currentIndex())
    assert finder.step().index.data().startswith("R&D personnel") and finder.position == 0      # wrapped
    assert finder.step(False).index.data() == "Internal R&D expenditure"                       # back, wrapped
    assert finder.step(False).index.data().startswith("R&D personnel")


def test_a_column_header_match_selects_the_column(window):
    sheet = sheet_of(window)
    grid, model = sheet.grid, sheet.model
    finder = ViewFinder(grid)
    assert finder.find("2022") == 1 and finder.matches[0].kind == COLUMN
    column = 5                                                     # code, name, unit, 2020, 2021, 2022
    assert model.headerData(column, Qt.Horizontal) == "2022"
    finder.step()
    assert grid.currentIndex().column() == column
    assert grid.selectionModel().isSelected(model.index(model.value_rows()[-1], column))
    # the period layout: indicators are the columns, their codes the headers
    sheet.set_layout(PERIOD_LAYOUT)
    assert finder.find("ra4") == 1 and finder.matches[0].kind == COLUMN
    finder.step()
    assert model.headerData(grid.currentIndex().column(), Qt.Horizontal).startswith("RA4")


def test_the_matches_follow_edits(window):
    grid = sheet_of(window).grid
    finder = ViewFinder(grid)
    assert finder.find("4,242") == 0                  # the displayed text is searched
    assert window.document.execute(SetValues([("CCEC", 2022, "RA2", 4242.0)]), "x")
    assert finder.stale and finder.refresh() == 1
    assert finder.matches[0].kind == CELL and finder.matches[0].index.data().startswith("4,242.")


# ---- the bar in the window, with keys ---------------------------------------------------------------
def test_ctrl_f_enter_f3_and_escape(window, qtbot):
    grid = sheet_of(window).grid
    bar = open_find(window, qtbot, grid)
    assert bar.place_label.text() == "Find in Data sheet:" and bar.view() is grid
    qtbot.keyClicks(bar.field, "r&d")
    assert bar.count_text() == "1 of 2" and current(grid)[0] == "RA1"
    qtbot.keyClick(bar.field, Qt.Key_Return)
    assert bar.count_text() == "2 of 2" and current(grid)[0] == "RA4"
    qtbot.keyClick(bar.field, Qt.Key_Return)
    assert bar.count_text() == "1 of 2" and current(grid)[0] == "RA1"             # wrapped
    qtbot.keyClick(bar.field, Qt.Key_Return, Qt.ShiftModifier)
    assert bar.count_text() == "2 of 2" and current(grid)[0] == "RA4"
    qtbot.keyClick(bar.field, Qt.Key_F3)
    assert bar.count_text() == "1 of 2"
    qtbot.keyClick(bar.field, Qt.Key_F3, Qt.ShiftModifier)
    assert bar.count_text() == "2 of 2"
    qtbot.keyClick(bar.field, Qt.Key_Escape)
    assert not window.finder.toolbar.isVisible() and QApplication.focusWidget() is grid
    # F3 from the sheet, the bar closed: the next match, the bar shown again
    qtbot.keyClick(grid, Qt.Key_F3)
    assert window.finder.toolbar.isVisible() and current(grid)[0] == "RA1" and bar.count_text() == "1 of 2"


def test_no_match_says_so(window, qtbot):
    bar = open_find(window, qtbot, sheet_of(window).grid)
    qtbot.keyClicks(bar.field, "zzzz")
    assert bar.count_text() == "No matches"
    assert not bar.step()


def test_edit_menu_find_entries_and_keys(window):
    menus = window.menus
    assert [a.shortcut().toString() for a in (menus.find_action, menus.find_next_action,
                                              menus.find_previous_action)] == ["Ctrl+F", "F3", "Shift+F3"]
    actions = [a for a in menus.edit_menu.actions() if not a.isSeparator()]
    where = actions.index(menus.find_action)
    assert actions[where - 1] is menus.fill_right_action
    assert actions[where:where + 4] == [menus.find_action, menus.find_next_action, menus.find_previous_action,
                                        menus.select_all_action]


@pytest.mark.parametrize("pane, text, found", [
    ("resultsPane", "r&d", "\u2003\u2003R&D personnel (full-time equivalent)"),
    ("indicatorsPane", "经费", "R&D经费内部支出"),
    ("frameworkPane", "ra4", "Internal R&D expenditure (RA4)"),
])
def test_the_bar_searches_the_pane_in_use(window, qtbot, pane, text, found):
    window.show_pane(pane)
    view = view_of(window.panes[pane])
    bar = open_find(window, qtbot, view)
    assert bar.view() is view
    type_text(bar.field, text)
    assert bar.count_text().startswith("1 of ")
    assert view.currentIndex().data() == found


def test_from_a_chart_the_data_sheet_is_searched(window, qtbot):
    charts = window.panes["chartsPane"]
    charts.setFocus()
    window.menus.find_action.trigger()
    assert window.finder.bar.view() is sheet_of(window).grid


def test_chinese_names_in_chinese_mode(window, qtbot, qapp):
    grid = sheet_of(window).grid
    try:
        i18n.install_language(qapp, "zh_CN", remember=False)
        qapp.processEvents()
        bar = open_find(window, qtbot, grid)
        assert bar.place_label.text() == "在数据表中查找："
        type_text(bar.field, "经费")
        assert current(grid) == ("RA4", "R&D经费内部支出") and bar.count_text() == "第 1 个，共 1 个"
        assert window.menus.find_action.text().startswith("查找")
    finally:
        i18n.install_language(qapp, "en", remember=False)
        qapp.processEvents()
    assert window.finder.bar.place_label.text() == "Find in Data sheet:"


def test_an_open_bar_searches_the_new_project(window, qtbot):
    bar = open_find(window, qtbot, sheet_of(window).grid)
    qtbot.keyClicks(bar.field, "r&d")
    assert bar.count_text() == "1 of 2"
    window.files.open_path(str(ASEM), remember=False)
    QApplication.processEvents()
    assert bar.view() is sheet_of(window).grid and window.finder.toolbar.isVisible()
    bar.set_text("")
    qtbot.keyClicks(bar.field, "logistics")              # ASEM's Logistics Performance Index
    assert bar.count_text() == "1 of 1"
    assert current(sheet_of(window).grid)[1] == "Logistics Performance Index"


def test_a_sheet_behind_another_tab_is_brought_forward(window, qtbot):
    window.show_pane("resultsPane")
    results = view_of(window.panes["resultsPane"])
    bar = open_find(window, qtbot, results)
    qtbot.keyClick(bar.field, Qt.Key_Escape)
    window.show_pane("methodPane")                         # the results tab goes behind
    assert window.docks["resultsPane"].visibleRegion().isEmpty()
    window.menus.find_action.trigger()                   # from the method pane: the sheet searched last
    assert bar.view() is results and not window.docks["resultsPane"].visibleRegion().isEmpty()
