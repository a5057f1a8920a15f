"""The import wizard (issue 4) on the bundled sample: yearbook and long
workbooks written here with openpyxl import as ONE undo step (undo restores
the project exactly), the layout and header row are correctable with a
live preview, a hidden sheet can be chosen (and is read then), unreadable
cells are listed and highlighted, unmatched indicators can be added under
a chosen dimension, each under its own, Stop / Cancel while
reading and every bad file of the corpus leave the project as it was, a
new project can be opened instead, and Refresh from Source repeats the
import without the wizard and says what changed."""
import copy
import threading
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from core.project import projectfile
from core.importing import plan
from core.importing.plan import SKIP, ImportOptions, read_for_refresh, refresh_plans
from gui.importing.mapping import LABEL, PARENT, STATUS, TARGET, MappingModel
from gui.importing.models import BAD, HEADER, VALUE, RowsModel, SheetPreviewModel, ValuesPreviewModel, sheet_marks
from gui.importing.wizard import ImportWizard
from gui.importing.worker import Task
from gui.window.loading import SAMPLE_PATH
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_FILES = sorted(p.name for p in DATA.glob("bad_*") if p.is_file())      # (bad_projects/: the app's tests)


@pytest.fixture(autouse=True)
def infos(monkeypatch):
    """QMessageBox.information recorded instead of shown."""
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


# ---- workbooks as people make them ------------------------------------------------------------------
def yearbook(path, ra1_2024=37.5):
    """Sheet CCEC: a title row, a blank row, the header (years, one as 2025年),
    names in Chinese and English, a number stored as text, an unreadable
    cell, an indicator the sample does not have, a footnote."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["成渝数据更新"])
    ws.append([])
    ws.append(["指标", 2023, 2024, "2025年"])
    ws.append(["R&D人员全时当量", 35.1, ra1_2024, 39.0])        # RA1: 2024 37.0 -> 37.5, 2025 new
    ws.append(["Regional GDP (trillion yuan)", 8.96, None, 10.2])  # RA2: 2024 blank, 9.68 kept
    ws.append(["RA3", "23,560", 27460, "…"])                      # RA3 as text, unchanged
    ws.append(["不存在的指标", 1, 2, "abc"])                         # no such indicator; D7 unreadable
    ws.append(["注：示例数据"])
    wb.save(path)
    return str(path)


def long_table(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "长表"
    ws.append(["成渝指标长表"])
    ws.append(["地区", "年份", "指标", "数值"])
    ws.append(["CCEC", 2023, "RA1", 36])                                    # by code
    ws.append(["CCEC", "2024年", "地区生产总值", "9.9"])                        # RA2 by Chinese name
    ws.append(["CCEC", 2024, "Internal R&D expenditure", "1,234.5"])         # RA4 by English name
    ws.append(["CCEC", 2024, "IC1", "1,5"])                                  # D6: a decimal comma
    wb.save(path)
    return str(path)


def state(project):
    """Everything an import may change, as comparable values."""
    ds = project.dataset
    return (ds.values.copy(), list(ds.unit_codes), list(ds.unit_names), list(ds.periods), list(ds.codes),
            project.framework.to_records(), copy.deepcopy(project.provenance["sources"]))


def assert_same_state(a, b):
    np.testing.assert_array_equal(a[0], b[0])                  # NaN where NaN
    assert a[1:] == b[1:]


def read(qtbot, wizard):
    """Next on the first page: read in the background, land on the layout page."""
    wizard.show()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == ImportWizard.LAYOUT, timeout=10000)
    return wizard


def make_wizard(qtbot, document, path):
    wizard = ImportWizard(document, None, path)
    qtbot.addWidget(wizard)
    return wizard


# ---- end to end ---------------------------------------------------------------------------------------
def test_yearbook_imports_into_the_sample_as_one_undo_step(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "yearbook.xlsx")))
    result = wizard.import_result
    assert result.layout == "yearbook" and result.header_rows == {"CCEC": 3}
    assert "row 3" in wizard.page_layout.header_spin.specialValueText()
    assert "Yearbook" in wizard.page_layout.layout_box.currentText()
    assert wizard.page_layout.isComplete()
    wizard.next()
    assert wizard.currentId() == ImportWizard.MATCH
    model = wizard.page_match.model
    assert model.labels == ["R&D人员全时当量", "Regional GDP (trillion yuan)", "RA3", "不存在的指标"]
    assert [model.outcome[k][0] for k in range(4)] == ["RA1", "RA2", "RA3", None]
    assert model.data(model.index(3, STATUS)) == "not imported"
    assert "new: 2025" in wizard.page_match.periods_label.text()
    assert wizard.summary.new_periods == [2025]
    wizard.next()
    assert wizard.currentId() == ImportWizard.FINISH
    assert wizard.page_finish.bad_box.isVisibleTo(wizard)
    text = wizard.page_finish.changes.toPlainText()
    assert "CCEC · 2024 · RA1: 37 → 37.5" in text
    assert_same_state(state(project), before)                  # nothing applied before Finish
    applied = []
    wizard.imported.connect(applied.append)
    wizard.accept()
    assert applied and applied[0].cells_changed == 3 and applied[0].kept == 1
    ds = project.dataset
    assert ds.periods == [2020, 2021, 2022, 2023, 2024, 2025]
    assert ds.value("CCEC", 2024, "RA1") == 37.5 and ds.value("CCEC", 2024, "RA2") == 9.68
    assert ds.value("CCEC", 2025, "RA2") == 10.2
    source = project.provenance["sources"][-1]
    assert source["path"] == str(tmp_path / "yearbook.xlsx") and source["import_options"]["layout"] == "auto"
    assert document.undo_stack.count() == 1
    assert document.undo_stack.text(0) == "Import yearbook.xlsx"
    after = state(project)
    document.undo_stack.undo()
    assert_same_state(state(project), before)
    document.undo_stack.redo()
    assert_same_state(state(project), after)


def test_long_layout_matches_codes_chinese_and_english_names(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    wizard = read(qtbot, make_wizard(qtbot, document, long_table(tmp_path / "long.xlsx")))
    assert wizard.import_result.layout == "long" and wizard.import_result.header_rows == {"长表": 2}
    wizard.next()
    outcome = dict(zip(wizard.page_match.model.labels, (o[0] for o in wizard.page_match.model.outcome)))
    assert outcome == {"RA1": "RA1", "地区生产总值": "RA2", "Internal R&D expenditure": "RA4", "IC1": "IC1"}
    wizard.next()
    wizard.accept()
    ds = project.dataset
    assert ds.value("CCEC", 2023, "RA1") == 36 and ds.value("CCEC", 2024, "RA2") == 9.9
    assert ds.value("CCEC", 2024, "RA4") == 1234.5 and np.isnan(ds.value("CCEC", 2024, "IC1"))
    assert ds.periods == before[3]                              # no new period
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert_same_state(state(project), before)


# ---- the layout page: preview, corrections, unreadable cells ------------------------------------------------
def test_unreadable_cells_are_listed_and_highlighted(qtbot, document, tmp_path):
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx")))
    page = wizard.page_layout
    assert page.bad_box.isVisibleTo(wizard)
    rows = page.bad_model.rows
    assert rows == [("CCEC", "D7", "abc", "not a number")]
    sheet = page.sheet_model
    assert sheet.data(sheet.index(6, 3)) == "abc"
    assert sheet.data(sheet.index(6, 3), Qt.BackgroundRole) == sheet.data(sheet.index(6, 3), Qt.BackgroundRole)
    assert int(sheet.marks[6, 3]) == BAD and int(sheet.marks[2, 0]) == HEADER and int(sheet.marks[3, 1]) == VALUE
    assert "not a number" in sheet.data(sheet.index(6, 3), Qt.ToolTipRole)
    assert sheet.data(sheet.index(2, 1)) == "2023"              # years shown as written, not 2,023
    values = page.values_model
    col = [values.headerData(c, Qt.Horizontal) for c in range(values.columnCount())].index("不存在的指标")
    row = [values.headerData(r, Qt.Vertical) for r in range(values.rowCount())].index("2025")
    assert values.data(values.index(row, col)) == "abc"
    assert values.data(values.index(row, col), Qt.BackgroundRole) is not None
    page.bad_view.doubleClicked.emit(page.bad_model.index(0, 0))
    assert page.sheet_view.currentIndex().row() == 6 and page.sheet_view.currentIndex().column() == 3


def test_keeping_the_projects_values_in_unreadable_cells(qtbot, document, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["指标", 2023, 2024])
    ws.append(["RA1", "bad", 40])
    wb.save(tmp_path / "u.xlsx")
    old = document.project.dataset.value("CCEC", 2023, "RA1")
    wizard = read(qtbot, make_wizard(qtbot, document, str(tmp_path / "u.xlsx")))
    wizard.next()
    wizard.next()
    finish = wizard.page_finish
    assert finish.keep_radio.isVisibleTo(wizard)
    assert wizard.summary.cleared == 1
    finish.keep_radio.setChecked(True)
    assert wizard.options.unreadable == "keep" and wizard.summary.cleared == 0
    wizard.accept()
    assert document.project.dataset.value("CCEC", 2023, "RA1") == old
    assert document.project.dataset.value("CCEC", 2024, "RA1") == 40


def test_header_row_and_layout_are_correctable_with_a_live_preview(qtbot, document, tmp_path):
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx")))
    page = wizard.page_layout
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        page.header_spin.setValue(4)                # a data row as the header: years are gone
    assert not page.isComplete() or wizard.import_result.header_rows == {"CCEC": 4}
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        page.layout_box.setCurrentIndex(page.layout_box.findData("long"))
    assert wizard.import_result is None and not page.isComplete()
    assert page.summary.text()                                   # the reason is shown
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        page.layout_box.setCurrentIndex(page.layout_box.findData("auto"))
        page.header_spin.setValue(0)
    assert wizard.import_result.layout == "yearbook" and wizard.import_result.header_rows == {"CCEC": 3}
    assert page.isComplete() and int(page.sheet_model.marks[2, 1]) == HEADER
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        page.unit_edit.setText("成渝")
    assert wizard.import_result.unit_codes == ["成渝"]


def test_a_sheet_can_be_chosen(qtbot, document):
    wizard = read(qtbot, make_wizard(qtbot, document, str(DATA / "yearbook_sheets.xlsx")))
    page = wizard.page_layout
    assert sorted(wizard.import_result.unit_codes) == ["成都", "重庆"]
    assert [page.sheet_tabs.tabText(k) for k in range(page.sheet_tabs.count())] == ["说明", "成都", "重庆", "空表"]
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        page.sheet_box.setCurrentIndex(page.sheet_box.findData("重庆"))
    assert wizard.import_result.unit_codes == ["重庆"] and wizard.options.sheets == ["重庆"]


def visible_and_hidden(path):
    """A visible yearbook sheet and a hidden one holding a different table
    (units as rows, other years, other numbers) for the sample's unit."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["指标", 2023, 2024])
    ws.append(["RA1", 1.5, 2.5])
    hidden = wb.create_sheet("修订数据")
    hidden.sheet_state = "hidden"
    hidden.append(["修订后的数据"])
    hidden.append(["地区", "年份", "RA1", "RA3"])
    hidden.append(["CCEC", 2021, 31.25, 19000])
    hidden.append(["CCEC", 2022, 33.5, 21000])
    hidden.append(["CCEC", "2024年", 38.75, "28,000"])
    wb.save(path)
    return str(path)


def test_a_hidden_sheet_can_be_chosen_and_is_imported(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    path = visible_and_hidden(tmp_path / "hidden.xlsx")
    wizard = read(qtbot, make_wizard(qtbot, document, path))
    page = wizard.page_layout
    assert [s.name for s in wizard.cells.sheets] == ["CCEC"]           # the first read: visible sheets only
    box = page.sheet_box
    assert [box.itemText(k) for k in range(box.count())] == ["All sheets (1)", "CCEC", "修订数据 (hidden)"]
    assert wizard.import_result.sheets == ["CCEC"]
    assert any("修订数据 not read (choose one under Sheets" in w for w in wizard.import_result.warnings)
    with qtbot.waitSignal(page.previewUpdated, timeout=10000):
        box.setCurrentIndex(box.findData("修订数据"))
    result = wizard.import_result
    assert wizard.options.sheets == ["修订数据"] and result.sheets == ["修订数据"]
    assert result.header_rows == {"修订数据": 2} and result.periods == [2021, 2022, 2024]
    assert not any("hidden sheet" in w for w in result.warnings)
    assert result.layout == "units-by-indicators" and result.unit_codes == ["CCEC"]
    assert page.sheet_model.sheet.name == "修订数据" and page.sheet_model.data(page.sheet_model.index(4, 2)) == "38.75"
    assert page.isComplete()
    # back to every sheet: the hidden one is not among them
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        box.setCurrentIndex(0)
    assert wizard.import_result.sheets == ["CCEC"]
    with qtbot.waitSignal(page.previewUpdated, timeout=5000):
        box.setCurrentIndex(box.findData("修订数据"))
    wizard.next()
    assert wizard.currentId() == ImportWizard.MATCH
    wizard.next()
    wizard.accept()
    ds = project.dataset
    for period, ra1, ra3 in ((2021, 31.25, 19000), (2022, 33.5, 21000), (2024, 38.75, 28000)):
        assert (ds.value("CCEC", period, "RA1"), ds.value("CCEC", period, "RA3")) == (ra1, ra3)
    k = [before[3].index(2023)]
    np.testing.assert_array_equal(ds.values[:, k], before[0][:, k])      # the visible sheet's 2023 left alone
    assert project.provenance["sources"][-1]["sheet"] == "修订数据"
    # Refresh from Source reads the hidden sheet again
    options = refresh_plans(project)[-1]
    assert options.sheets == ["修订数据"] and read_for_refresh(options).sheets == ["修订数据"]
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert_same_state(state(project), before)


def test_a_workbook_whose_visible_sheets_are_empty_offers_its_hidden_sheet(qtbot, document, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    data = wb.create_sheet("数据")
    data.sheet_state = "hidden"
    data.append(["指标", 2024])
    data.append(["RA1", 40])
    wb.save(tmp_path / "e.xlsx")
    wizard = read(qtbot, make_wizard(qtbot, document, str(tmp_path / "e.xlsx")))
    page = wizard.page_layout
    assert wizard.import_result is None and not page.isComplete()
    with qtbot.waitSignal(page.previewUpdated, timeout=10000):
        page.sheet_box.setCurrentIndex(page.sheet_box.findData("数据"))
    assert wizard.import_result.sheets == ["数据"] and page.isComplete()


@pytest.mark.parametrize("how", ["changed", "deleted"])
def test_a_hidden_sheet_of_a_file_changed_since_the_first_read_is_refused(qtbot, document, tmp_path, how):
    path = visible_and_hidden(tmp_path / "hidden.xlsx")
    wizard = read(qtbot, make_wizard(qtbot, document, path))
    page = wizard.page_layout
    if how == "changed":
        wb = openpyxl.load_workbook(path)
        wb["修订数据"]["C3"] = 99
        wb.save(path)
    else:
        Path(path).unlink()
    with qtbot.waitSignal(page.previewUpdated, timeout=10000):
        page.sheet_box.setCurrentIndex(page.sheet_box.findData("修订数据"))
    assert wizard.import_result is None and not page.isComplete()
    assert ("has changed since it was read" if how == "changed" else "no such file") in page.summary.text()
    assert [s.name for s in wizard.cells.sheets] == ["CCEC"]
    assert document.undo_stack.count() == 0


# ---- mapping ------------------------------------------------------------------------------------------
def with_base_year(path):
    """The sample is a fixed-base index (2020 = 100): a new indicator needs its 2020 value."""
    return ccec_years(path, ["地区生产总值", 7.05, 9.7], ["新指标", 4, 5])


def ccec_years(path, *rows):
    """A yearbook sheet 'CCEC' of indicators by 2020 and 2024."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["指标", 2020, 2024])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def test_unmatched_indicator_is_created_under_the_chosen_dimension(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    wizard = read(qtbot, make_wizard(qtbot, document, with_base_year(tmp_path / "y.xlsx")))
    wizard.next()
    page = wizard.page_match
    codes = [page.new_box.itemData(k) for k in range(page.new_box.count())]
    assert codes[:2] == [None, "CII"] and set(codes[2:]) == {"RA", "IC", "RS", "IL", "ES"}
    model = page.model
    assert model.data(model.index(1, STATUS)) == "not imported"
    page.new_box.setCurrentIndex(page.new_box.findData("IC"))
    assert model.data(model.index(1, STATUS)).startswith("new indicator under IC")
    new_code = model.outcome[1][0]
    wizard.next()
    wizard.accept()
    node = project.framework[new_code]
    assert node.parent == "IC" and node.name_zh == "新指标"
    assert project.dataset.value("CCEC", 2024, new_code) == 5.0
    assert project.dataset.codes == project.framework.indicator_codes
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert new_code not in project.framework
    assert_same_state(state(project), before)


def two_new_indicators(path):
    return ccec_years(path, ["地区生产总值", 7.05, 9.7],          # RA2
                      ["新指标甲", 4, 5], ["New indicator B", 10, 12.5], ["第三个新指标", 1, 2])


def test_each_new_indicator_goes_under_the_dimension_chosen_for_it(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    wizard = read(qtbot, make_wizard(qtbot, document, two_new_indicators(tmp_path / "n.xlsx")))
    wizard.next()
    page = wizard.page_match
    model = page.model
    assert model.labels == ["地区生产总值", "新指标甲", "New indicator B", "第三个新指标"]
    assert not model.flags(model.index(0, PARENT)) & Qt.ItemIsEditable        # matched RA2: no parent to choose
    assert all(model.flags(model.index(r, PARENT)) & Qt.ItemIsEditable for r in (1, 2, 3))
    # all at once ...
    page.new_box.setCurrentIndex(page.new_box.findData("RA"))
    assert [model.parent[r] for r in range(4)] == ["RA"] * 4
    assert all(model.data(model.index(r, STATUS)).startswith("new indicator under RA") for r in (1, 2, 3))
    # ... then one by one: through the column's combo, as a click would
    delegate = page.view.itemDelegateForColumn(PARENT)
    index = model.index(2, PARENT)
    editor = delegate.createEditor(page.view.viewport(), None, index)
    offered = [editor.itemData(k) for k in range(editor.count())]
    assert offered[0] is None and set(offered[1:]) == {"CII", "RA", "IC", "RS", "IL", "ES"}
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "RA"
    editor.setCurrentIndex(editor.findData("IC"))
    with qtbot.waitSignal(page.planChanged):
        delegate.setModelData(editor, model, index)
    with qtbot.waitSignal(page.planChanged):
        assert model.setData(model.index(3, PARENT), None)                    # not imported
    assert not model.setData(model.index(1, PARENT), "RA1")                  # an indicator, not an aggregate
    assert not model.setData(model.index(0, PARENT), "IC")                   # a matched row
    assert wizard.options.new_parents == {"地区生产总值": "RA", "新指标甲": "RA", "New indicator B": "IC",
                                          "第三个新指标": None}
    assert model.data(model.index(2, STATUS)).startswith("new indicator under IC")
    assert model.data(model.index(3, STATUS)) == "not imported"
    assert wizard.summary.unmatched_indicators == ["第三个新指标"] and len(wizard.summary.new_indicators) == 2
    code_a, code_b = model.outcome[1][0], model.outcome[2][0]
    assert page.isComplete()
    wizard.next()
    wizard.accept()
    fw, ds = project.framework, project.dataset
    assert fw[code_a].parent == "RA" and fw[code_a].name_zh == "新指标甲"
    assert fw[code_b].parent == "IC" and fw[code_b].name == "New indicator B"
    assert "第三个新指标" not in [fw[c].name for c in fw.indicator_codes]
    assert (ds.value("CCEC", 2024, code_a), ds.value("CCEC", 2024, code_b)) == (5.0, 12.5)
    assert ds.codes == fw.indicator_codes
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert_same_state(state(project), before)


def test_all_at_once_refills_the_column_after_single_choices(qtbot, document, tmp_path):
    wizard = read(qtbot, make_wizard(qtbot, document, two_new_indicators(tmp_path / "n.xlsx")))
    wizard.next()
    page, model = wizard.page_match, wizard.page_match.model
    page.new_box.setCurrentIndex(page.new_box.findData("ES"))
    model.setData(model.index(1, PARENT), "IL")
    assert model.parent[1:] == ["IL", "ES", "ES"]
    page.new_box.activated.emit(page.new_box.currentIndex())                 # ES chosen again
    assert model.parent[1:] == ["ES", "ES", "ES"] and wizard.options.new_parents["新指标甲"] == "ES"
    page.new_box.setCurrentIndex(0)                                            # none of them
    assert model.parent == [None] * 4 and wizard.summary.unmatched_indicators == model.labels[1:]


def test_a_merge_the_project_cannot_compute_cannot_finish(qtbot, document, tmp_path):
    """A new indicator without its base-period value: said on the page, Finish stays off."""
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx")))
    wizard.next()
    page = wizard.page_match
    page.new_box.setCurrentIndex(page.new_box.findData("IC"))
    assert wizard.command is None and not page.isComplete()
    assert "could not be computed" in page.status.text() and "base value" in page.status.text()
    page.new_box.setCurrentIndex(0)
    assert page.isComplete()


def test_mapping_can_be_chosen_and_rows_left_out(qtbot, document, tmp_path):
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx")))
    wizard.next()
    model = wizard.page_match.model
    with qtbot.waitSignal(wizard.page_match.planChanged):
        assert model.setData(model.index(3, TARGET), "RA4")       # the unknown row -> RA4
    with qtbot.waitSignal(wizard.page_match.planChanged):
        assert model.setData(model.index(2, TARGET), SKIP)        # RA3 left out
    assert not model.setData(model.index(1, TARGET), "NOPE")
    assert wizard.options.mapping == {"不存在的指标": "RA4", "RA3": SKIP}
    assert wizard.summary.matched["不存在的指标"] == "RA4" and "RA3" not in wizard.summary.matched
    assert model.data(model.index(2, STATUS)) == "skipped" and model.data(model.index(3, STATUS)) == "chosen"
    wizard.next()
    wizard.accept()
    assert document.project.dataset.value("CCEC", 2024, "RA4") == 2.0
    assert document.project.provenance["sources"][-1]["import_options"]["mapping"] == wizard.options.mapping


def test_nothing_matching_cannot_finish(qtbot, document):
    wizard = read(qtbot, make_wizard(qtbot, document, str(DATA / "long_en_bom.csv")))
    wizard.next()
    assert wizard.summary is None and not wizard.page_match.isComplete()
    assert "none of the workbook's indicators matches" in wizard.page_match.status.text()
    wizard.page_match.new_box.setCurrentIndex(wizard.page_match.new_box.findData("ES"))
    assert wizard.summary is None and not wizard.page_match.isComplete()    # units Chengdu, Chongqing: not CCEC
    assert "none of the workbook's units matches" in wizard.page_match.status.text()
    wizard.page_match.add_units.setChecked(True)
    assert len(wizard.summary.new_indicators) == 2            # offered; the fixed base year 2020 is not there
    assert not wizard.page_match.isComplete()


# ---- cancel, bad files: the project stays exactly as it was --------------------------------------------------
@pytest.fixture
def slow_reader(monkeypatch):
    """read_cells blocks until released (or 10 s)."""
    release = threading.Event()
    started = threading.Event()
    real = plan.read_cells

    def slow(path, progress=None):
        started.set()
        release.wait(10)
        return real(path, progress=progress)
    monkeypatch.setattr(plan, "read_cells", slow)
    yield started, release
    release.set()


@pytest.mark.parametrize("how", ["stop", "cancel"])
def test_cancel_while_reading_stops_waiting_and_changes_nothing(qtbot, document, tmp_path, slow_reader, how):
    started, release = slow_reader
    before = state(document.project)
    wizard = make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx"))
    wizard.show()
    wizard.next()
    assert started.wait(5)
    assert wizard.reading and wizard.page_file.progress.isVisible()
    assert not wizard.page_file.isComplete()
    if how == "stop":
        wizard.page_file.stop_button.click()
    else:
        wizard.reject()
    assert not wizard.reading                                    # at once, not when the reader returns
    assert not wizard.page_file.progress.isVisible()
    release.set()
    qtbot.wait(300)                                               # the thread's late result is dropped
    assert wizard.cells is None and wizard.import_result is None
    if how == "stop":
        assert wizard.currentId() == ImportWizard.FILE
    else:
        assert not wizard.isVisible() and wizard.result() == QDialog.Rejected
    assert_same_state(state(document.project), before)
    assert document.undo_stack.count() == 0
    if how == "stop":
        assert "nothing was imported" in wizard.page_file.status.text()
        assert wizard.page_file.isComplete()                     # can try again


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_shows_a_message_and_leaves_the_project_unchanged(qtbot, document, name):
    before = state(document.project)
    wizard = make_wizard(qtbot, document, str(DATA / name))
    wizard.show()
    with qtbot.waitSignal(wizard.readFailed, timeout=5000) as failed:
        wizard.next()
    message = failed.args[0]
    assert message.startswith(name)
    assert name in wizard.page_file.status.text() and "cannot be imported" in wizard.page_file.status.text()
    assert wizard.currentId() == ImportWizard.FILE and not wizard.reading
    assert_same_state(state(document.project), before)
    assert document.undo_stack.count() == 0


def test_task_cancel_drops_the_late_result(qtbot):
    gate = threading.Event()
    task = Task(lambda: gate.wait(5) and 42)
    got = []
    task.succeeded.connect(got.append)
    task.start()
    task.cancel()
    gate.set()
    qtbot.wait(200)
    assert got == [] and not task.running
    again = Task(lambda progress: progress(0.5, "half") and 7)
    with qtbot.waitSignal(again.succeeded, timeout=5000) as done:
        again.start()
    assert done.args == [7]


# ---- a new project; the models ---------------------------------------------------------------------------
def test_import_as_a_new_project(qtbot, document):
    before = state(document.project)
    wizard = make_wizard(qtbot, document, str(DATA / "yearbook_chengdu.xlsx"))
    wizard.page_file.new_radio.setChecked(True)
    read(qtbot, wizard)
    wizard.next()
    assert wizard.currentId() == ImportWizard.FINISH                # no matching page
    assert not wizard.page_finish.keep_radio.isVisibleTo(wizard)
    with qtbot.waitSignal(wizard.projectCreated) as created:
        wizard.accept()
    project = created.args[0]
    assert project.framework.indicator_codes and project.dataset.unit_codes == ["成都"]
    assert project.provenance["sources"][0]["path"] == str(DATA / "yearbook_chengdu.xlsx")
    assert_same_state(state(document.project), before)


def test_models_pass_the_model_tester(qtbot, qtmodeltester, document, tmp_path):
    wizard = read(qtbot, make_wizard(qtbot, document, yearbook(tmp_path / "y.xlsx")))
    sheet = wizard.cells.sheets[0]
    model = SheetPreviewModel()
    model.set_sheet(sheet, sheet_marks(wizard.import_result, sheet))
    qtmodeltester.check(model)
    values = ValuesPreviewModel()
    values.set_result(wizard.import_result)
    qtmodeltester.check(values)
    rows = RowsModel()
    rows.set_rows(["a", "b"], [("1", "2"), ("3", "4")])
    qtmodeltester.check(rows)
    mapping = MappingModel()
    mapping.set_result(wizard.import_result, {"RA1": "R&D", "RA2": "GDP"})
    qtmodeltester.check(mapping)
    assert mapping.flags(mapping.index(0, TARGET)) & Qt.ItemIsEditable
    assert not mapping.flags(mapping.index(0, LABEL)) & Qt.ItemIsEditable
    assert model.flags(model.index(-1, -1)) == Qt.NoItemFlags


# ---- through the main window: the File menu, refresh -------------------------------------------------------
def test_refresh_from_source_updates_values_and_says_what_changed(qtbot, make_window, light_charts, tmp_path,
                                                                  infos):
    from gui.window.file_actions import install_file_actions
    window = make_window(projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH))
    actions = install_file_actions(window)
    path = yearbook(tmp_path / "source.xlsx")
    wizard = actions.import_workbook(path)
    read(qtbot, wizard)
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(actions.imported):
        wizard.accept()
    doc = window.document
    assert doc.project.dataset.value("CCEC", 2024, "RA1") == 37.5
    assert "cell(s) changed" in infos[-1]
    actions.file_menu.aboutToShow.emit()
    assert actions.refresh_action.isEnabled()
    # nothing changed in the workbook: nothing to undo
    count = doc.undo_stack.count()
    task = actions.refresh_from_source()
    qtbot.waitUntil(lambda: not actions._tasks, timeout=10000)
    assert task is not None and doc.undo_stack.count() == count
    assert "Nothing changed" in infos[-1]
    # the workbook changes: one new undo step, a summary
    yearbook(tmp_path / "source.xlsx", ra1_2024=41.25)
    before = state(doc.project)
    with qtbot.waitSignal(actions.imported, timeout=10000) as got:
        actions.refresh_from_source()
    assert got.args[0].changed == 1
    assert doc.project.dataset.value("CCEC", 2024, "RA1") == 41.25
    assert doc.undo_stack.count() == count + 1
    assert "1 cell(s) changed" in infos[-1] and "source.xlsx" in infos[-1]
    doc.undo_stack.undo()
    assert_same_state(state(doc.project), before)


def test_refresh_without_a_source_says_so(make_window, light_charts, infos, dialogs, tmp_path):
    from gui.window.file_actions import install_file_actions
    window = make_window()
    actions = install_file_actions(window)
    actions.file_menu.aboutToShow.emit()
    assert not actions.refresh_action.isEnabled()
    assert actions.refresh_from_source() is None and "nothing to refresh" in infos[-1]
    record = {"file": "gone.xlsx", "path": str(tmp_path / "gone.xlsx"), "import_options": ImportOptions().to_record()}
    window.document.project.provenance["sources"].append(record)
    assert actions.refresh_from_source() is None
    assert "no longer there" in dialogs.errors[-1]


def test_import_as_new_project_opens_it_in_the_window(qtbot, make_window, light_charts, dialogs):
    from gui.window.file_actions import install_file_actions
    window = make_window()
    actions = install_file_actions(window)
    wizard = actions.import_workbook(str(DATA / "long_zh.xlsx"))
    wizard.page_file.new_radio.setChecked(True)
    read(qtbot, wizard)
    wizard.next()
    wizard.accept()
    project = window.document.project
    assert window.document.path is None and window.isWindowModified()
    assert project.provenance["sources"][0]["path"] == str(DATA / "long_zh.xlsx")
    assert len(project.dataset.unit_codes) == 2


# ---- one plan: the wizard and `python main.py import` ----------------------------------------------------
def stored_without_stamps(project) -> dict:
    """The project as its file stores it, less what only the wizard records
    (the source's path and options, for Refresh) and the times."""
    import json
    doc = json.loads(projectfile.dumps(project))
    for record in doc["provenance"].get("sources", []):
        for key in (plan.PATH_KEY, plan.OPTIONS_KEY, "imported"):
            record.pop(key, None)
    for edit in doc["provenance"].get("edits", []):
        edit.pop("time", None)
    return doc


def cli_import(*args) -> dict:
    from core.cli import main
    assert main(["import", *map(str, args)]) == 0
    return stored_without_stamps(projectfile.load(args[-1]))


def test_the_wizard_and_the_command_line_make_the_same_merge(qtbot, document, tmp_path, capsys):
    path = yearbook(tmp_path / "yearbook.xlsx")
    wizard = read(qtbot, make_wizard(qtbot, document, path))
    wizard.next()
    wizard.next()
    assert wizard.currentId() == ImportWizard.FINISH
    wizard.accept()
    from_cli = cli_import(path, "--into", SAMPLE_PATH, "-o", tmp_path / "cli.coindex")
    printed = capsys.readouterr().out
    assert stored_without_stamps(document.project) == from_cli
    assert from_cli["provenance"]["sources"][-1]["file"] == "yearbook.xlsx"
    assert "3 cell(s) changed" in printed and wizard.summary.cells_changed == 3


def one_unit_yearbook(path):
    """A yearbook sheet as statistics offices publish one region: the sheet's
    name is the unit (not a unit of the sample), 6 of the sample's 20
    indicators by Chinese name over 2020-2024 (the sample's values), with
    2024 changed for RA1 (37 -> 38) and IC1 (142 -> 150), "—" for RA2 2024
    and ".." for RA4 2024."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成渝地区"
    ws.append(["成渝地区主要科技指标"])
    ws.append(["指标", "2020年", "2021年", "2022年", "2023年", "2024年"])
    ws.append(["R&D人员全时当量", 28.6, 30.9, 33.2, 35.1, 38.0])
    ws.append(["地区生产总值", 7.05, 7.74, 8.31, 8.96, "—"])
    ws.append(["高新技术企业数量", 12310, 15620, 19840, 23560, 27460])
    ws.append(["R&D经费内部支出", 1582.3, 1812, 2056, 2380, ".."])
    ws.append(["成渝地区创新合作协议数量", 36, 60, 88, 115, 150])
    ws.append(["成渝地区联合举办的科技学术交流会议数量", 22, 33, 46, 60, 74])
    wb.save(path)
    return str(path)


def test_a_one_unit_yearbook_sheet_updates_the_samples_unit_by_default(qtbot, document, tmp_path):
    project = document.project
    before = state(project)
    wizard = read(qtbot, make_wizard(qtbot, document, one_unit_yearbook(tmp_path / "y.xlsx")))
    assert wizard.import_result.unit_codes == ["成渝地区"]
    wizard.next()
    page = wizard.page_match
    assert not page.add_units.isChecked() and not page.clear_missing.isChecked()
    assert wizard.summary.new_units == [] and wizard.summary.unit_taken == ("成渝地区", "CCEC")
    assert page.units_model.rows == [("成渝地区", "Chengdu–Chongqing Economic Circle (CCEC)")]
    assert "The workbook's unit 成渝地区 updates the project's only unit CCEC." in page.status.text()
    assert "2 cell(s) marked missing in the workbook keep the project's values." in page.status.text()
    wizard.next()
    assert "CCEC · 2024 · RA1: 37 → 38" in wizard.page_finish.changes.toPlainText()
    wizard.accept()
    assert sorted(wizard.summary.changes) == [("CCEC", 2024, "IC1", 142.0, 150.0), ("CCEC", 2024, "RA1", 37.0, 38.0)]
    ds = project.dataset
    assert ds.unit_codes == ["CCEC"] and ds.periods == before[3]
    changed = ~np.isclose(ds.values, before[0], equal_nan=True)
    assert {(ds.codes[i], ds.periods[t]) for _, t, i in zip(*np.nonzero(changed))} == {("RA1", 2024), ("IC1", 2024)}
    assert ds.value("CCEC", 2024, "RA2") == 9.68 and ds.value("CCEC", 2024, "RA4") == 2706.58


def test_adding_the_sheets_unit_is_a_choice(qtbot, document, tmp_path):
    project = document.project
    wizard = read(qtbot, make_wizard(qtbot, document, one_unit_yearbook(tmp_path / "y.xlsx")))
    wizard.next()
    wizard.page_match.add_units.setChecked(True)
    assert wizard.options.add_units and wizard.summary.new_units == ["成渝地区"] and wizard.summary.unit_taken is None
    assert wizard.page_match.units_model.rows == [("成渝地区", "new unit")]
    wizard.next()
    wizard.accept()
    ds = project.dataset
    assert ds.unit_codes == ["CCEC", "成渝地区"] and ds.value("CCEC", 2024, "RA1") == 37.0
    assert ds.value("成渝地区", 2024, "RA1") == 38.0


def test_cells_marked_missing_clear_the_projects_values_only_when_ticked(qtbot, document, tmp_path):
    project = document.project
    wizard = read(qtbot, make_wizard(qtbot, document, one_unit_yearbook(tmp_path / "y.xlsx")))
    wizard.next()
    assert (wizard.summary.cleared, wizard.summary.kept) == (0, 2)
    wizard.page_match.clear_missing.setChecked(True)
    assert wizard.options.clear_missing and (wizard.summary.cleared, wizard.summary.kept) == (2, 0)
    wizard.next()
    assert "CCEC · 2024 · RA2: 9.68 → —" in wizard.page_finish.changes.toPlainText()
    wizard.accept()
    ds = project.dataset
    assert np.isnan(ds.value("CCEC", 2024, "RA2")) and np.isnan(ds.value("CCEC", 2024, "RA4"))
    assert project.provenance["sources"][-1]["import_options"]["clear_missing"] is True


@pytest.mark.parametrize("flags", [[], ["--add-units"], ["--clear-missing"], ["--add-units", "--clear-missing"]])
def test_the_command_line_merges_a_one_unit_sheet_as_the_wizard_does(qtbot, document, tmp_path, flags):
    path = one_unit_yearbook(tmp_path / "y.xlsx")
    wizard = read(qtbot, make_wizard(qtbot, document, path))
    wizard.next()
    wizard.page_match.add_units.setChecked("--add-units" in flags)
    wizard.page_match.clear_missing.setChecked("--clear-missing" in flags)
    wizard.next()
    wizard.accept()
    from_cli = cli_import(path, "--into", SAMPLE_PATH, *flags, "-o", tmp_path / "cli.coindex")
    assert stored_without_stamps(document.project) == from_cli
    assert len(from_cli["units"]) == (2 if "--add-units" in flags else 1)


def test_the_wizard_and_the_command_line_make_the_same_new_project(qtbot, document, tmp_path):
    path = DATA / "long_zh.xlsx"
    wizard = make_wizard(qtbot, document, str(path))
    wizard.page_file.new_radio.setChecked(True)
    read(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.projectCreated) as created:
        wizard.accept()
    from_cli = cli_import(path, "-o", tmp_path / "cli.coindex")
    assert stored_without_stamps(created.args[0]) == from_cli
    assert from_cli["units"] and from_cli["values"]


# ---- the command line's choices on the layout page ---------------------------------------------------------
def test_column_choices_are_prefilled_from_detection_and_go_into_the_options(qtbot, document, monkeypatch):
    from gui.importing import pages
    seen = []

    def recording(cells, options, progress=None):
        seen.append(ImportOptions(**vars(options)))
        return plan.reinterpret(cells, options, progress)

    monkeypatch.setattr(pages, "reinterpret", recording)
    wizard = read(qtbot, make_wizard(qtbot, document, str(DATA / "long_zh.xlsx")))
    page = wizard.page_layout
    shown = {role: box.itemText(0) for role, box in page.column_boxes.items()}
    assert shown == {"unit_code": "detect (none found)", "unit_name": "detect (A: 地区)",
                     "ind_code": "detect (none found)", "ind_name": "detect (C: 指标)", "year": "detect (B: 年份)",
                     "value": "detect (D: 数值)", "measure": "detect (none found)"}
    assert [page.column_boxes["value"].itemText(k) for k in range(1, 5)] == ["A: 地区", "B: 年份", "C: 指标", "D: 数值"]
    assert all(box.currentIndex() == 0 for box in page.column_boxes.values())
    assert page.options().columns == {} and page.options().skip_rows == 0
    box = page.column_boxes["unit_code"]
    box.setCurrentIndex(box.findData("A"))
    page.skip_spin.setValue(1)
    page.header_spin.setValue(1)
    qtbot.waitUntil(lambda: bool(seen) and not page.pending and page._task is None, timeout=10000)
    last = seen[-1]
    assert last.columns == {"unit_code": "A"} and last.skip_rows == 1 and last.header_row == 1
    assert wizard.options.columns == {"unit_code": "A"}
    assert box.currentData() == "A"                   # the choice survives the preview's refresh
    assert page.column_boxes["unit_name"].itemText(0) == "detect (A: 地区)"


def test_the_column_choices_are_kept_in_the_refresh_record(qtbot, document):
    wizard = read(qtbot, make_wizard(qtbot, document, str(DATA / "long_zh.xlsx")))
    page = wizard.page_layout
    page.column_boxes["value"].setCurrentIndex(page.column_boxes["value"].findData("D"))
    qtbot.waitUntil(lambda: not page.pending and page._task is None, timeout=10000)
    record = wizard.options.to_record()
    assert record["columns"] == {"value": "D"} and record["skip_rows"] == 0


FORMATS = DATA / "formats"


@pytest.mark.parametrize("name", ["longkeys_oecd_bli.csv", "longkeys_oecd_sdmx.csv", "fmt2_nbs_gdp.xlsx",
                                  "fmt2_undp_hdr.csv", "fmt1_API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv",
                                  "fmt1_nama_10_gdp.tsv"])
def test_a_downloaded_format_gives_the_same_project_in_the_wizard_and_on_the_command_line(qtbot, document,
                                                                                           tmp_path, name):
    path = FORMATS / name
    wizard = make_wizard(qtbot, document, str(path))
    wizard.page_file.new_radio.setChecked(True)
    read(qtbot, wizard)
    wizard.next()
    with qtbot.waitSignal(wizard.projectCreated) as created:
        wizard.accept()
    from_cli = cli_import(path, "-o", tmp_path / "cli.coindex")
    assert stored_without_stamps(created.args[0]) == from_cli
    assert from_cli["units"] and from_cli["values"]


def test_columns_chosen_on_the_layout_page_change_what_is_read(qtbot, document):
    """long_zh.xlsx with its unit and indicator columns swapped on the
    layout page (unit name: C 指标, indicator name: A 地区): the regions
    are read as the indicators and the indicators as the units."""
    wizard = read(qtbot, make_wizard(qtbot, document, str(DATA / "long_zh.xlsx")))
    page = wizard.page_layout
    result = lambda: wizard.import_result
    units_before = sorted(result().unit_codes)
    inds_before = sorted(i.label for i in result().indicators)
    assert units_before == ["成都", "重庆"]
    for role, text in (("unit_name", "C: 指标"), ("ind_name", "A: 地区")):
        box = page.column_boxes[role]
        box.setCurrentIndex(box.findText(text))
    assert page.options().columns == {"unit_name": "C", "ind_name": "A"}
    qtbot.waitUntil(lambda: result() is not None and sorted(i.label for i in result().indicators) == units_before,
                    timeout=10000)
    assert sorted(result().unit_codes) == inds_before


# ---- what the detection guessed; extra key columns ---------------------------------------------------------
def settled(qtbot, page):
    qtbot.waitUntil(lambda: not page.pending and page._task is None, timeout=10000)


def new_project_wizard(qtbot, document, path):
    wizard = make_wizard(qtbot, document, str(path))
    wizard.page_file.new_radio.setChecked(True)
    return read(qtbot, wizard)


def finish_new(qtbot, wizard):
    wizard.next()
    assert wizard.currentId() == ImportWizard.FINISH
    with qtbot.waitSignal(wizard.projectCreated) as created:
        wizard.accept()
    return stored_without_stamps(created.args[0])


def test_a_guessed_unit_column_is_shown_and_blocks_finishing_until_a_column_is_chosen(qtbot, document, tmp_path):
    path = FORMATS / "cliopts_two_unit_columns.csv"
    wizard = new_project_wizard(qtbot, document, path)
    page = wizard.page_layout
    assert page.doubts_box.isVisibleTo(wizard)
    text = page.doubts_label.text()
    assert "A 'Province', B 'City' could each be the unit name column" in text
    assert "choose the column under Columns (Unit name)" in text and "--unit-name-column" not in text
    assert not page.isComplete()
    wizard.accept()                                         # Finish is refused too: the command line's check
    assert wizard.new_project is None and "the reading is a guess" in wizard.page_finish.changes.toPlainText()
    box = page.column_boxes["unit_name"]
    box.setCurrentIndex(box.findData("B"))
    settled(qtbot, page)
    assert not page.doubts and not page.doubts_box.isVisibleTo(wizard) and page.isComplete()
    assert sorted(wizard.import_result.unit_codes) == ["Chengdu", "Chongqing", "Mianyang"]
    from_cli = cli_import(path, "--unit-name-column", "B", "-o", tmp_path / "cli.coindex")
    assert finish_new(qtbot, wizard) == from_cli


def test_a_guessed_reading_can_be_imported_as_read_anyway(qtbot, document, tmp_path):
    path = FORMATS / "cliopts_two_unit_columns.csv"
    wizard = new_project_wizard(qtbot, document, path)
    page = wizard.page_layout
    assert not page.isComplete()
    page.accept_check.setChecked(True)
    assert page.isComplete() and wizard.options.accept_guess
    assert sorted(wizard.import_result.unit_codes) == ["Chongqing", "Sichuan"]
    from_cli = cli_import(path, "--accept-guess", "-o", tmp_path / "cli.coindex")
    assert finish_new(qtbot, wizard) == from_cli


def test_an_extra_key_column_is_offered_with_its_values(qtbot, document, tmp_path):
    path = FORMATS / "longkeys_oecd_bli.csv"
    wizard = new_project_wizard(qtbot, document, path)
    page = wizard.page_layout
    assert page.keys_box.isVisibleTo(wizard) and list(page.key_boxes) == ["INEQUALITY"]
    box = page.key_boxes["INEQUALITY"]
    assert [box.itemText(k) for k in range(box.count())] == [
        "TOT (Total): the total, as read", "MN (Men)", "WMN (Women)", "HGH (High)", "LW (Low)",
        "each value a separate indicator"]
    assert box.currentIndex() == 0 and page.options().filters == {} and page.isComplete()
    before = wizard.import_result.n_values
    box.setCurrentIndex(box.findData("keep:WMN"))
    settled(qtbot, page)
    assert wizard.options.filters == {"INEQUALITY": "WMN"} and wizard.options.split == []
    assert page.key_boxes["INEQUALITY"].currentData() == "keep:WMN"          # kept through the re-reading
    result = wizard.import_result
    assert before == 9 and [i.code for i in result.indicators] == ["JE_EMPL"] and result.n_values == 3
    assert float(np.nansum(result.values)) == pytest.approx(21.7 + 22.7 + 23.7)        # the women's rows
    from_cli = cli_import(path, "--filter", "INEQUALITY=WMN", "-o", tmp_path / "cli.coindex")
    assert finish_new(qtbot, wizard) == from_cli


@pytest.mark.parametrize("choice", ["keep:女", "split"])
def test_an_extra_key_without_a_total_must_be_chosen(qtbot, document, tmp_path, choice):
    path = FORMATS / "longkeys_sex_no_total.csv"
    wizard = new_project_wizard(qtbot, document, path)
    page = wizard.page_layout
    assert wizard.import_result is None and not page.isComplete()
    assert "性别" in page.summary.text()
    box = page.key_boxes["性别"]
    assert [box.itemText(k) for k in range(box.count())] == ["(choose a value)", "男", "女",
                                                             "each value a separate indicator"]
    box.setCurrentIndex(box.findData(choice))
    settled(qtbot, page)
    assert wizard.import_result is not None and page.isComplete()
    names = sorted(i.label for i in wizard.import_result.indicators)
    args = ("--filter", "性别=女") if choice != "split" else ("--split", "性别")
    assert names == (["就业率"] if choice != "split" else ["就业率 (女)", "就业率 (男)"])
    from_cli = cli_import(path, *args, "-o", tmp_path / "cli.coindex")
    assert finish_new(qtbot, wizard) == from_cli
