"""The composite index's name follows View > Language in the sheets: the
framework tree's root, the results table's first row, the data sheet's
headers and names, the find bar; there and back (English, Chinese,
English), for the sample and for File > New's "Composite index" /
"综合指数"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex

from gui.window.loading import new_project
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)


def root_texts(window) -> dict:
    """The root's name as each sheet shows it."""
    window.panes.build_pending()
    tree = window.panes["frameworkPane"]
    results = window.panes["resultsPane"]
    root = tree.model.index(0, 0, QModelIndex())
    code = window.document.project.framework.root
    row = next(r for r in range(results.model.rowCount()) if results.model.index(r, 0).data() == code)
    return {"tree": root.data(), "results": results.model.index(row, 1).data().strip()}


@pytest.mark.parametrize("make, english, chinese", [
    (None, "Collaborative Innovation Index", "成渝地区双城经济圈协同创新指数"),
    (new_project, "Composite index", "综合指数"),
])
def test_the_root_name_there_and_back(make_window, light_charts, make, english, chinese):
    window = make_window(make(), None) if make else make_window()
    first = root_texts(window)
    assert all(english in text for text in first.values()), first
    window.set_language("zh_CN")
    texts = root_texts(window)
    assert all(chinese in text and english not in text for text in texts.values()), texts
    window.finder.find()
    assert window.finder.bar.place_label.text() == "在数据表中查找："
    window.set_language("en")
    assert root_texts(window) == first
    assert window.finder.bar.place_label.text() == "Find in Data sheet:"


def test_the_data_sheets_names_there_and_back(make_window, light_charts):
    window = make_window(new_project(), None)
    sheet = window.panes["dataPane"]
    name = sheet.model.index(sheet.model.value_rows()[0], 1)
    group = sheet.model.index(0, 1)
    assert (group.data().strip(), name.data()) == ("Dimension 1", "Indicator 1")
    window.set_language("zh_CN")
    assert (sheet.model.index(0, 1).data().strip(), sheet.model.index(name.row(), 1).data()) == ("维度 1", "指标 1")
    assert sheet.selector.itemText(0) == "单位 1 (U1)"
    window.set_language("en")
    assert (sheet.model.index(0, 1).data().strip(), sheet.model.index(name.row(), 1).data()) == \
        ("Dimension 1", "Indicator 1")
    assert sheet.selector.itemText(0) == "Unit 1 (U1)"


def test_composite_end_label_follows_the_language(qtbot, qapp):
    from core.project import projectfile
    from gui.base.document import ProjectDocument
    from gui.base.i18n import install_language
    from gui.charts.panel import ChartPanel
    from pathlib import Path
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "chengdu-chongqing.coindex"
    panel = ChartPanel(ProjectDocument(projectfile.load(sample)))
    qtbot.addWidget(panel)
    panel.resize(1000, 800)
    panel.show()
    chart = panel.composite_chart

    def label():
        return [item.textItem.toPlainText() for item in chart.labels if item.isVisible()][0]
    assert label() == "202.29 · +19.26 % a year"         # the published 2024 value
    try:
        install_language(qapp, "zh_CN", remember=False)
        qapp.processEvents()                  # Qt posts LanguageChange to every widget
        assert label() == "202.29 · 年均 +19.26 %"
    finally:
        install_language(qapp, "en", remember=False)
        qapp.processEvents()
    assert label() == "202.29 · +19.26 % a year"
