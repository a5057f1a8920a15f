"""Units of measure are shown in Chinese where a Chinese name is known: the
data sheet's "Measured in" column and the tooltips follow the language."""
from pathlib import Path

from core import text
from core.project import projectfile
from gui.base.document import ProjectDocument
from gui.base.i18n import install_language
from gui.sheets.data_sheet import DataSheet

ASEM30 = Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"


def test_measured_in_column_follows_the_language(qtbot, qapp):
    document = ProjectDocument(projectfile.load(ASEM30))
    sheet = DataSheet(document)
    qtbot.addWidget(sheet)
    model = sheet.model
    i = document.project.dataset.code_index["Cov4G"]        # 'Percent' in the ASEM Meta
    assert document.project.framework["Cov4G"].unit == "Percent"
    row = model.index_of_cell(0, 0, i).row()

    def measured_in():
        return model.index(row, 2).data()
    assert measured_in() == "Percent"
    try:
        install_language(qapp, "zh_CN", remember=False)
        sheet.retranslateUi() if hasattr(sheet, "retranslateUi") else None
        assert text.is_chinese()
        assert measured_in() == "%"
    finally:
        install_language(qapp, "en", remember=False)
    assert measured_in() == "Percent"
