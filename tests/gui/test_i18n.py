"""English and Simplified Chinese: switching in the running app, the stored
choice, Chinese node names, and the translation files themselves."""
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from core.model.framework import Node
from gui.window import app as gui_app
from gui.base import i18n
from gui.window.panes import PANES
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)

TS = i18n.I18N_DIR / "coindex_zh_CN.ts"
# the contexts of the main window's own files: fully translated
OWN_CONTEXTS = {"MainWindow", "WindowMenus", "ProjectFiles", "panes", "PendingPane",
                "loading", "recovery", "app", "ProjectDocument"}


def menu_titles(window):
    return [a.text() for a in window.menuBar().actions()]


def dock_titles(window):
    return [window.docks[spec.name].windowTitle() for spec in PANES]


def test_switching_language_changes_visible_strings_and_back(make_window, light_charts, qtbot):
    window = make_window()
    english_menus, english_docks = menu_titles(window), dock_titles(window)
    assert english_menus == ["&File", "&Edit", "&View", "&Analysis", "&Help"]
    english_status = window.compute_label.text()

    window.menus.language_actions["zh_CN"].trigger()
    assert menu_titles(window) == ["文件(&F)", "编辑(&E)", "视图(&V)", "分析(&A)", "帮助(&H)"]
    assert dock_titles(window)[:3] == ["指标框架", "数据表", "图表"]
    assert window.compute_label.text().startswith("计算用时") and window.compute_label.text() != english_status
    assert window.menus.save_action.text() == "保存(&S)"
    assert window.menus.undo_action.text().startswith("撤销")
    assert window.menus.language_actions["zh_CN"].isChecked()
    assert QSettings().value("language") == "zh_CN"
    assert "成渝地区双城经济圈协同创新指数" in window.windowTitle()      # the project's Chinese title
    assert window.note_banner.text().startswith("示例数据")                   # Chinese note first
    assert [a.text() for a in window.menus.language_menu.actions()] == ["English", "简体中文"]   # never translated

    window.menus.language_actions["en"].trigger()
    assert menu_titles(window) == english_menus and dock_titles(window) == english_docks
    assert window.note_banner.text().startswith("Illustrative")
    assert QSettings().value("language") == "en"


def test_panes_are_retranslated(make_window, qtbot):
    window = make_window()
    calls = []
    for widget in window.panes.values():
        original = getattr(widget, "retranslateUi", None)
        if callable(original):
            widget.retranslateUi = (lambda w=widget, f=original: (calls.append(w), f())[1])
    window.set_language("zh_CN")
    assert {id(w) for w in calls} == {id(w) for w in window.panes.values() if hasattr(w, "retranslateUi")}


def test_the_saved_language_is_used_at_start(qtbot):
    QSettings().setValue("language", "zh_CN")
    i18n.reset_cache()
    i18n.install_saved_language(QApplication.instance())
    windows = gui_app.open_windows([])
    try:
        assert menu_titles(windows[0])[0] == "文件(&F)"
    finally:
        for w in windows:
            w.close()


def test_display_name_follows_the_language(qapp):
    node = Node("RA2", "Regional GDP", "地区生产总值")
    bare = Node("X1", "Only English", "")
    i18n.install_language(qapp, "en")
    assert i18n.display_name(node) == "Regional GDP"
    i18n.install_language(qapp, "zh_CN")
    assert i18n.display_name(node) == "地区生产总值"
    assert i18n.display_name(bare) == "Only English"          # falls back to English
    assert i18n.is_chinese()


@pytest.mark.parametrize("code, expected", [("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_Hans", "zh_CN"),
                                            ("en_GB", "en"), ("", "en"), (None, "en"), ("fr", "en")])
def test_language_codes_are_normalised(code, expected):
    assert i18n.normalise(code) == expected


def test_translation_files_exist_and_cover_the_window():
    assert (i18n.I18N_DIR / "coindex_zh_CN.qm").stat().st_size > 1000
    root = ET.parse(TS).getroot()
    missing = []
    for context in root.iter("context"):
        name = context.findtext("name")
        if name not in OWN_CONTEXTS:
            continue
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr.get("type") in ("obsolete", "vanished"):
                continue
            if tr.get("type") == "unfinished" or not (tr.text or "").strip():
                missing.append((name, message.findtext("source")))
            else:   # placeholders survive translation
                for k in range(4):
                    assert (f"{{{k}}}" in message.findtext("source")) == (f"{{{k}}}" in tr.text), tr.text
    assert missing == []


def test_chinese_text_has_a_font(qapp):
    family = gui_app.cjk_family()
    if family is None:
        pytest.skip("no CJK font installed")
    assert family in qapp.font().families()              # the fallback after the default font
    metrics = QFontMetrics(QFont(family))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "数据表指标框架")


def test_texts_lupdate_could_not_place_in_a_class_are_still_translated(qapp):
    """``tr = self.tr`` aliases land in the .ts file's empty context; at run
    time they ask under their class's name and must still be found."""
    root = ET.parse(TS).getroot()
    for context in root.iter("context"):
        if context.findtext("name"):
            continue
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr.get("type") in (None, "") and (tr.text or "").strip() and message.get("numerus") != "yes":
                break
        else:
            continue
        break
    else:
        pytest.skip("no message in the empty context")
    from PySide6.QtCore import QCoreApplication
    i18n.install_language(qapp, "zh_CN", remember=False)
    assert QCoreApplication.translate("SomePane", message.findtext("source")) == tr.text
    assert QCoreApplication.translate("QPlatformTheme", "Discard") == "丢弃"          # Qt's own still found
    assert QCoreApplication.translate("SomePane", "no such text") == "no such text"  # a miss keeps the source
