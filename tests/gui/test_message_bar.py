"""The message bar: a refused edit or a failed recomputation stays in view
(not a status message the next one replaces) until it is closed or a later
edit or recomputation succeeds; its own texts follow the language, the
core's message (naming the place) is shown as it is."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from core.errors import CoIndexError
from core.project.project import SetValues
from gui.base import i18n
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)


@pytest.fixture
def window(make_window, light_charts):
    return make_window()


def refuse(window):
    assert not window.document.execute(SetValues([("CCEC", 2024, "RA1", "abc")]), "x")


def test_a_refused_edit_shows_the_bar_and_it_stays(window, qtbot):
    assert not window.message_toolbar.isVisible()
    refuse(window)
    bar = window.message_bar
    assert window.message_toolbar.isVisible() and bar.isVisible()
    assert bar.text().startswith("Not changed: ") and "RA1" in bar.text()
    assert bar.message() and bar.message() in bar.text()             # the core's words, as they are
    window.show_status("Saved somewhere")                              # a later status message
    assert window.message_toolbar.isVisible() and "RA1" in bar.text()
    qtbot.wait(20)
    assert window.message_toolbar.isVisible()


def test_a_later_successful_edit_clears_the_bar(window):
    refuse(window)
    assert window.message_toolbar.isVisible()
    assert window.document.execute(SetValues([("CCEC", 2024, "RA1", 50.0)]), "Edit RA1 2024")
    assert not window.message_toolbar.isVisible() and window.message_bar.message() == ""


def test_a_successful_recomputation_clears_the_bar(window, monkeypatch):
    def broken():
        raise CoIndexError("RA1, CCEC, 2024: cannot be recomputed")
    recompute = window.document.project.recompute
    monkeypatch.setattr(window.document.project, "recompute", broken)
    window.menus.recompute_action.trigger()
    assert window.message_toolbar.isVisible() and "cannot be recomputed" in window.message_bar.text()
    monkeypatch.setattr(window.document.project, "recompute", recompute)
    window.menus.recompute_action.trigger()
    assert not window.message_toolbar.isVisible()


def test_close_dismisses_the_bar(window, qtbot):
    refuse(window)
    qtbot.mouseClick(window.message_bar.close_button, Qt.LeftButton)
    assert not window.message_toolbar.isVisible() and window.message_bar.message() == ""
    refuse(window)                                                     # a new refusal shows it again
    assert window.message_toolbar.isVisible()


def test_the_bar_speaks_the_interface_language(window, qapp):
    refuse(window)
    message = window.message_bar.message()
    try:
        i18n.install_language(qapp, "zh_CN", remember=False)
        qapp.processEvents()
        bar = window.message_bar
        assert bar.close_button.text() == "关闭"
        assert bar.text().startswith("未修改") and bar.text().endswith(message)   # the core's message stays
        assert bar.close_button.toolTip() and bar.close_button.toolTip() != "Close this message"
    finally:
        i18n.install_language(qapp, "en", remember=False)
        qapp.processEvents()
    assert window.message_bar.close_button.text() == "Close"
