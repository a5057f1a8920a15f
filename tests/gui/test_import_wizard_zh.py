"""The import wizard in Chinese shows core's texts (doubts, reading notes,
what a merge changes) translated by core.text, the one path for them: the
GUI's language switch sets core's, and the page tells a doubt's kind by its
``kind``, not by its English words."""
import pytest
from PySide6.QtWidgets import QApplication

from core import text
from core.importing.plan import summary_lines
from core.importing.merge import MergeSummary
from gui.base import i18n
from test_import_wizard import FORMATS, new_project_wizard  # noqa: F401  (helpers)
from test_import_wizard import infos  # noqa: F401  (fixture)


@pytest.fixture
def chinese():
    i18n.install_language(QApplication.instance(), i18n.CHINESE, remember=False)
    yield
    i18n.install_language(QApplication.instance(), i18n.ENGLISH, remember=False)


def test_the_language_switch_sets_cores_language(chinese):
    assert text.language() == "zh_CN"
    assert summary_lines(MergeSummary("f.xlsx", new_units=["CD"]))[1] == "新单元：CD"
    i18n.install_language(QApplication.instance(), i18n.ENGLISH, remember=False)
    assert text.language() == "en"
    assert summary_lines(MergeSummary("f.xlsx", new_units=["CD"]))[1] == "New units: CD"


def test_an_unreadable_reading_is_shown_in_chinese_with_what_settles_it(qtbot, document, chinese):
    wizard = new_project_wizard(qtbot, document, FORMATS / "cliopts_unreadable.csv")
    page = wizard.page_layout
    assert page.doubts_box.isVisibleTo(wizard) and not page.isComplete()
    label = page.doubts_label.text()
    assert "cliopts_unreadable.csv：12 个数值单元格中有 3 个（25%）无法读取（最先几个：cliopts_unreadable!B3" in label
    assert "请检查表头行、跳过的行数和各列；仍然导入时，它们作为缺失值" in label
    assert "could not be read" not in label
