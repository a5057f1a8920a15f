"""What the data sheet refuses reaches the window's message bar (not only
the status bar): text typed or pasted into a value cell, and a value the
core cannot do without (the base year of a fixed-base index).  The message
names the cell (unit, period, indicator) and what is accepted, in the
interface language, and stays until it is closed or a later edit
succeeds."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from gui.base import i18n
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)

PLACE_RA1_2024 = "Chengdu–Chongqing Economic Circle (CCEC), 2024, R&D personnel (full-time equivalent) (RA1)"


@pytest.fixture
def window(make_window, light_charts):
    return make_window()


def at(sheet, code, period):
    ds = sheet.model.dataset
    return sheet.model.index_of_cell(sheet.model.unit, ds.period_index[period], ds.code_index[code])


def value(window, code, period):
    return window.document.project.dataset.value("CCEC", period, code)


def type_into(qtbot, sheet, code, period, text):
    """Select the cell, type ``text`` and press Enter, as a user does."""
    sheet.grid.setCurrentIndex(at(sheet, code, period))
    sheet.grid.setFocus()
    qtbot.keyClick(sheet.grid, text[0])
    editor = QApplication.focusWidget()
    assert editor is not sheet.grid
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key_Return)


def test_typed_text_shows_in_the_bar_until_a_later_edit(window, qtbot):
    sheet = window.panes["dataPane"]
    type_into(qtbot, sheet, "RA1", 2024, "abc")
    assert value(window, "RA1", 2024) == 37.0
    bar = window.message_bar
    assert window.message_toolbar.isVisible()
    assert bar.text() == (f"Not changed: {PLACE_RA1_2024}: 'abc' is not a number; type a number such as 1,234.5, "
                          "or leave the cell empty for a missing value")
    window.show_status("something else")                    # the status bar moves on, the bar stays
    assert window.message_toolbar.isVisible() and "'abc'" in bar.text()
    type_into(qtbot, sheet, "RA1", 2023, "5")                # a later edit that succeeds
    assert value(window, "RA1", 2023) == 5.0
    assert not window.message_toolbar.isVisible() and bar.message() == ""


def test_pasted_text_shows_in_the_bar(window, qtbot):
    sheet = window.panes["dataPane"]
    sheet.grid.selectionModel().select(QItemSelection(at(sheet, "RA2", 2021), at(sheet, "RA2", 2021)),
                                       QItemSelectionModel.ClearAndSelect)
    assert not sheet.paste("1\t12.3%\n")
    text = window.message_bar.text()
    assert window.message_toolbar.isVisible()
    assert text.startswith("Not changed: nothing pasted: row 1, column 2 of the pasted block (for "
                           "Chengdu–Chongqing Economic Circle (CCEC), 2022, Regional GDP (RA2)): '12.3%' is a "
                           "percentage")
    qtbot.mouseClick(window.message_bar.close_button, Qt.LeftButton)
    assert not window.message_toolbar.isVisible()


def test_deleting_a_base_year_value_shows_in_the_bar(window, qtbot):
    sheet = window.panes["dataPane"]
    sheet.grid.setCurrentIndex(at(sheet, "RA1", 2020))          # 2020: the sample's base year
    sheet.grid.setFocus()
    qtbot.keyClick(sheet.grid, Qt.Key_Delete)
    assert value(window, "RA1", 2020) == 28.6                   # kept
    text = window.message_bar.text()
    assert window.message_toolbar.isVisible() and text.startswith("Not changed: ")
    assert "'RA1'" in text and "'CCEC'" in text and "2020" in text and "base value" in text


def test_the_refusal_in_chinese(window, qtbot, qapp):
    sheet = window.panes["dataPane"]
    try:
        i18n.install_language(qapp, "zh_CN", remember=False)
        qapp.processEvents()
        type_into(qtbot, sheet, "RA1", 2024, "abc")
        assert window.message_bar.text() == ("未修改：成渝地区双城经济圈 (CCEC)，2024，R&D人员全时当量 (RA1)：“abc”不是数字；"
                                             "请输入数字（如 1,234.5），或留空表示缺失值")
    finally:
        i18n.install_language(qapp, "en", remember=False)
        qapp.processEvents()
