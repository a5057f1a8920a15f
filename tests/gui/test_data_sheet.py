"""The data sheet as a spreadsheet user meets it: typing, Delete, copy,
paste, fill, the two layouts, and marks on warned values."""
import math

import numpy as np
import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from core.model.dataset import Dataset
from core.model.framework import Framework, Node
from core.project.project import Project
from core.model.settings import Settings
from gui.sheets.clipboard import read_number
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_cells import MISSING_TEXT
from gui.sheets.data_grid_view import FIRST_INDICATOR_COLUMN, FIRST_PERIOD_COLUMN, PERIOD_LAYOUT, UNIT_LAYOUT
from gui.sheets.data_sheet import DataSheet, parse_tsv


@pytest.fixture
def sheet(qtbot, document):
    s = DataSheet(document)
    qtbot.addWidget(s)
    s.resize(900, 700)
    s.show()
    qtbot.waitExposed(s)
    s.messages = []
    s.statusMessage.connect(s.messages.append)
    return s


def at(sheet, code, period):
    """The model index of (code, period) for the shown unit."""
    ds = sheet.model.dataset
    return sheet.model.index_of_cell(sheet.model.unit, ds.period_index[period], ds.code_index[code])


def select(sheet, first, last=None):
    last = last or first
    sm = sheet.grid.selectionModel()
    sm.select(QItemSelection(first, last), QItemSelectionModel.ClearAndSelect)
    sm.setCurrentIndex(first, QItemSelectionModel.NoUpdate)
    sheet.grid.setFocus()


def value(document, code, period, unit="CCEC"):
    return document.project.dataset.value(unit, period, code)


def snapshot(document):
    return document.project.dataset.values.copy()


# ---- layouts -----------------------------------------------------------------------
def test_unit_layout_groups_indicators_under_their_dimensions(sheet):
    model = sheet.model
    assert model.layout == UNIT_LAYOUT
    codes = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert codes[:6] == ["RA", "RA1", "RA2", "RA3", "RA4", "IC"]
    assert model.rowCount() == 20 + 5
    assert [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())] == \
        ["Code", "Indicator", "Measured in", "2020", "2021", "2022", "2023", "2024"]
    header = model.index(0, 1)
    assert header.data() == "Resource agglomeration"
    assert model.is_group_row(0) and not model.flags(header) & Qt.ItemIsEditable
    assert not model.flags(model.index(0, FIRST_PERIOD_COLUMN)) & (Qt.ItemIsEditable | Qt.ItemIsSelectable)
    assert header.data(Qt.BackgroundRole) is not None and header.data(Qt.FontRole).bold()
    assert model.index(1, 2).data() == "10,000 person-years"
    assert at(sheet, "RA1", 2024).data() == "37.0"
    assert at(sheet, "RA1", 2024).data(Qt.BackgroundRole) is None


def test_selector_switches_to_the_period_layout_and_back(sheet, qtbot):
    model, ds = sheet.model, sheet.model.dataset
    qtbot.mouseClick(sheet.period_button, Qt.LeftButton)
    assert model.layout == PERIOD_LAYOUT
    assert sheet.selector_label.text() == "&Period:"
    assert [sheet.selector.itemText(k) for k in range(sheet.selector.count())] == \
        ["2020", "2021", "2022", "2023", "2024"]
    assert model.rowCount() == 1 and model.columnCount() == FIRST_INDICATOR_COLUMN + 20
    assert model.headerData(FIRST_INDICATOR_COLUMN, Qt.Horizontal) == "RA1"
    assert model.index(0, 0).data() == "CCEC"
    with qtbot.waitSignal(sheet.periodChanged) as blocker:
        sheet.selector.setCurrentIndex(2)
    assert blocker.args == [2]
    shown = [model.index(0, c).data(DataGridModel.RawValueRole) for c in range(2, model.columnCount())]
    assert shown == list(ds.values[0, 2, :])
    # an edit in this layout is an edit of (unit, 2022, indicator)
    assert model.setData(model.index(0, FIRST_INDICATOR_COLUMN + ds.code_index["IL3"]), "47.5")
    assert value(sheet._document, "IL3", 2022) == 47.5
    qtbot.mouseClick(sheet.unit_button, Qt.LeftButton)
    assert model.layout == UNIT_LAYOUT and model.rowCount() == 25
    assert sheet.selector_label.text() == "&Unit:"
    assert sheet.selector.currentText() == "Chengdu–Chongqing Economic Circle (CCEC)"
    assert at(sheet, "IL3", 2022).data() == "47.5"
    # the layout is kept with the project (the main window saves project_state())
    sheet.set_layout(PERIOD_LAYOUT)
    assert sheet.project_state() == {"layout": PERIOD_LAYOUT}
    sheet.restore_project_state({"layout": UNIT_LAYOUT})
    assert model.layout == UNIT_LAYOUT and sheet.unit_button.isChecked()


@pytest.mark.parametrize("layout", [UNIT_LAYOUT, PERIOD_LAYOUT])
def test_model_passes_qtmodeltester_in_both_layouts(qtmodeltester, sheet, layout):
    sheet.set_layout(layout)
    model = sheet.model
    qtmodeltester.check(model)
    first = model.first_value_column
    assert model.setData(model.index(model.value_rows()[-1], first + 2), "2100")
    assert model.flags(model.index(-1, -1)) == Qt.NoItemFlags
    qtmodeltester.check(model, force_py=True)


def test_two_units_in_the_period_layout(qtbot, project):
    from gui.base.document import ProjectDocument
    ds = project.dataset
    two = Dataset(["CCEC", "X"], [ds.unit_names[0], "Unit X"], ds.periods, ds.codes,
                  np.stack([ds.values[0], ds.values[0] * 2]))
    doc = ProjectDocument(Project(project.framework, two, project.settings))
    s = DataSheet(doc)
    qtbot.addWidget(s)
    s.set_layout(PERIOD_LAYOUT)
    s.set_period(4)
    model = s.model
    assert model.rowCount() == 2 and model.index(1, 1).data() == "Unit X"
    assert model.index(1, FIRST_INDICATOR_COLUMN).data(DataGridModel.RawValueRole) == 2 * ds.values[0, 4, 0]
    s.set_layout(UNIT_LAYOUT)
    with qtbot.waitSignal(s.unitChanged):
        s.selector.setCurrentIndex(1)
    assert model.unit == 1
    assert model.index(1, FIRST_PERIOD_COLUMN).data(DataGridModel.RawValueRole) == 2 * ds.values[0, 0, 0]
    doc.close()


# ---- typing --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, reason", [("abc", "is not a number"), ("12.3%", "percentage"),
                                          ("12,5", "point for decimals"), ("inf", "finite")])
def test_typed_text_that_is_not_a_number_is_refused(sheet, qtbot, text, reason):
    doc = sheet._document
    failed = []
    doc.editFailed.connect(failed.append)
    index = at(sheet, "RA1", 2024)
    assert not sheet.model.setData(index, text)
    assert value(doc, "RA1", 2024) == 37.0 and index.data() == "37.0"
    assert doc.undo_stack.count() == 0
    message = sheet.messages[-1]
    place = "Chengdu–Chongqing Economic Circle (CCEC), 2024, R&D personnel (full-time equivalent) (RA1)"
    assert message.startswith("Not changed") and place in message and reason in message
    assert failed == [message.removeprefix("Not changed: ")]     # for the window's message bar


def test_typing_through_the_editor_edits_one_cell_without_a_reset(sheet, qtbot):
    doc, model = sheet._document, sheet.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    index = at(sheet, "RA1", 2023)
    sheet.grid.setCurrentIndex(index)
    sheet.grid.setFocus()
    with qtbot.waitSignal(model.dataChanged) as blocker:
        qtbot.keyClick(sheet.grid, "1")                 # any key starts editing, as in a spreadsheet
        editor = QApplication.focusWidget()
        assert editor is not sheet.grid and editor.text() == "1"
        qtbot.keyClicks(editor, ",234.5")
        qtbot.keyClick(editor, Qt.Key_Return)
    assert value(doc, "RA1", 2023) == 1234.5
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), top.column()) == (bottom.row(), bottom.column()) == (index.row(), index.column())
    assert resets == [] and doc.undo_stack.count() == 1


def test_read_number_rules():
    # the core's cell-text parser (tests/core/test_celltext.py holds the full table)
    assert read_number("1,234.5") == 1234.5
    assert read_number(" \u22123.25 ") == -3.25
    assert read_number("1e3") == 1000.0
    assert read_number("(5)") == -5.0 and read_number("１２３，４５６．７") == 123456.7
    for missing in ("", "  ", "-", "..", "…", "NA", "#N/A", "x", "n.a.", "无数据", None):
        assert math.isnan(read_number(missing))
    for bad in ("12.3%", "1.2.3", "12,5", "#DIV/0!", "inf", "-Infinity", "1e999", "x1", "1_000", True):
        with pytest.raises(ValueError):
            read_number(bad)


# ---- Delete ----------------------------------------------------------------------------------
def test_delete_key_makes_the_selection_missing_as_one_step(sheet, qtbot):
    doc = sheet._document
    before = snapshot(doc)
    select(sheet, at(sheet, "ES3", 2021), at(sheet, "ES4", 2022))
    qtbot.keyClick(sheet.grid, Qt.Key_Delete)
    for code in ("ES3", "ES4"):
        for period in (2021, 2022):
            assert math.isnan(value(doc, code, period))
    index = at(sheet, "ES3", 2021)
    assert index.data() == MISSING_TEXT
    assert index.data(Qt.BackgroundRole) is not None and index.data(Qt.FontRole).italic()
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    np.testing.assert_array_equal(doc.project.dataset.values, before)
    assert index.data() == "8.95"


# ---- copy ------------------------------------------------------------------------------------
def test_copy_gives_tab_separated_text_with_full_precision(sheet, qtbot):
    doc = sheet._document
    assert sheet.model.setData(at(sheet, "RA4", 2021), "1812.123456789012")
    assert sheet.model.setData(at(sheet, "IC1", 2022), "")
    # RA4 .. IC1 over 2021-2022: the IC header row between them is left out
    select(sheet, at(sheet, "RA4", 2021), at(sheet, "IC1", 2022))
    qtbot.keyClick(sheet.grid, Qt.Key_C, Qt.ControlModifier)
    text = QApplication.clipboard().text()
    assert text == "1812.123456789012\t2056\n60\t\n"
    assert sheet.messages[-1] == "Copied 2 × 2 cells"
    # labels are copied as shown
    select(sheet, sheet.model.index(1, 0), at(sheet, "RA1", 2020))
    assert sheet.copy_selection() == "RA1\tR&D personnel (full-time equivalent)\t10,000 person-years\t28.6\n"
    assert doc.undo_stack.count() == 2


def test_copy_then_paste_elsewhere_round_trips_exactly(sheet):
    doc = sheet._document
    select(sheet, at(sheet, "RS1", 2020), at(sheet, "RS3", 2024))
    text = sheet.copy_selection()
    select(sheet, at(sheet, "IL1", 2020))
    assert sheet.paste(text)
    ds = doc.project.dataset
    rs = [ds.code_index[c] for c in ("RS1", "RS2", "RS3")]
    il = [ds.code_index[c] for c in ("IL1", "IL2", "IL3")]
    np.testing.assert_array_equal(ds.values[0][:, il], ds.values[0][:, rs])


# ---- paste -----------------------------------------------------------------------------------
def test_paste_a_block_is_one_undo_step(sheet, qtbot):
    doc = sheet._document
    before = snapshot(doc)
    QApplication.clipboard().setText("1,234.5\t0.1234567890123\r\n-\t\r\n7\t8e-3\r\n")
    select(sheet, at(sheet, "RA4", 2022))
    qtbot.keyClick(sheet.grid, Qt.Key_V, Qt.ControlModifier)
    assert value(doc, "RA4", 2022) == 1234.5
    assert value(doc, "RA4", 2023) == 0.1234567890123
    assert math.isnan(value(doc, "IC1", 2022)) and math.isnan(value(doc, "IC1", 2023))   # header skipped
    assert value(doc, "IC2", 2022) == 7.0 and value(doc, "IC2", 2023) == 0.008
    assert doc.undo_stack.count() == 1
    assert sheet.messages[-1] == "Pasted 3 × 2 values"
    selected = sorted((ix.row(), ix.column()) for ix in sheet.grid.selectionModel().selectedIndexes())
    assert selected[0] == (at(sheet, "RA4", 2022).row(), at(sheet, "RA4", 2022).column())
    assert selected[-1] == (at(sheet, "IC2", 2023).row(), at(sheet, "IC2", 2023).column())
    changed = (before != doc.project.dataset.values) & ~(np.isnan(before) & np.isnan(doc.project.dataset.values))
    assert changed.sum() == 6
    doc.undo_stack.undo()
    np.testing.assert_array_equal(doc.project.dataset.values, before)
    doc.undo_stack.redo()
    assert value(doc, "RA4", 2023) == 0.1234567890123


def test_paste_missing_words_clear_cells_and_numbers_are_read_as_on_import(sheet):
    doc = sheet._document
    select(sheet, at(sheet, "IC1", 2021))
    assert sheet.paste("..\tx\t(5)\n无数据\tn.a.\t１２\n"), sheet.messages
    for code, period in (("IC1", 2021), ("IC1", 2022), ("IC2", 2021), ("IC2", 2022)):
        assert math.isnan(value(doc, code, period)), (code, period)
    assert value(doc, "IC1", 2023) == -5.0 and value(doc, "IC2", 2023) == 12.0
    assert doc.undo_stack.count() == 1 and sheet.messages[-1] == "Pasted 2 × 3 values"


@pytest.mark.parametrize("bad, reason", [("abc", "'abc' is not a number"), ("12.3%", "percentage"),
                                         ("1,23,456", "point for decimals")])
def test_paste_with_text_is_refused_whole(sheet, bad, reason):
    doc = sheet._document
    before = snapshot(doc)
    select(sheet, at(sheet, "RS1", 2021))
    assert not sheet.paste(f"1\t2\n3\t{bad}\n")
    np.testing.assert_array_equal(doc.project.dataset.values, before)
    assert doc.undo_stack.count() == 0
    message = sheet.messages[-1]
    assert message.startswith("Not changed: nothing pasted")
    assert "row 2, column 2 of the pasted block" in message
    assert "CCEC), 2022, " in message and "(RS2)" in message and reason in message


def test_paste_is_clipped_at_the_sheet_edge(sheet):
    doc = sheet._document
    select(sheet, at(sheet, "ES4", 2023))
    assert sheet.paste("1\t2\t3\n4\t5\t6\n7\t8\t9\n")
    assert (value(doc, "ES4", 2023), value(doc, "ES4", 2024)) == (1.0, 2.0)
    assert (value(doc, "ES5", 2023), value(doc, "ES5", 2024)) == (4.0, 5.0)
    assert doc.undo_stack.count() == 1
    assert sheet.messages[-1] == ("Pasted 2 × 2 values; clipped at the sheet's edge: 1 row(s) and "
                                  "1 column(s) of the block were left out")


def test_paste_refusals_that_name_the_place(sheet):
    select(sheet, sheet.model.index(1, 1))
    assert not sheet.paste("1\n")
    assert "label columns" in sheet.messages[-1]
    select(sheet, at(sheet, "ES5", 2024))
    assert not sheet.paste("1\t2\tabc\n")
    assert "row 1, column 3 of the pasted block (for beyond the sheet's edge)" in sheet.messages[-1]
    assert sheet._document.undo_stack.count() == 0


def test_one_value_pasted_onto_a_selection_fills_it(sheet):
    doc = sheet._document
    select(sheet, at(sheet, "IC1", 2021), at(sheet, "IC3", 2022))
    assert sheet.paste("42\n")
    for code in ("IC1", "IC2", "IC3"):
        assert value(doc, code, 2021) == value(doc, code, 2022) == 42.0
    assert doc.undo_stack.count() == 1


def test_parse_tsv_handles_excel_quoting():
    assert parse_tsv('1\t"a\tb"\n"x\ny"\t2\n') == [["1", "a\tb"], ["x\ny", "2"]]
    assert parse_tsv("5") == [["5"]]
    assert parse_tsv("") == []


# ---- fill ------------------------------------------------------------------------------------
def test_fill_down_and_right_are_one_step_each(sheet, qtbot):
    doc = sheet._document
    before = snapshot(doc)
    select(sheet, at(sheet, "RA1", 2022), at(sheet, "RA3", 2023))
    qtbot.keyClick(sheet.grid, Qt.Key_D, Qt.ControlModifier)
    assert value(doc, "RA2", 2022) == value(doc, "RA3", 2022) == 33.2
    assert value(doc, "RA2", 2023) == value(doc, "RA3", 2023) == 35.1
    assert doc.undo_stack.count() == 1
    select(sheet, at(sheet, "IL3", 2021), at(sheet, "IL3", 2024))
    qtbot.keyClick(sheet.grid, Qt.Key_R, Qt.ControlModifier)
    assert [value(doc, "IL3", p) for p in (2021, 2022, 2023, 2024)] == [41.6] * 4
    assert doc.undo_stack.count() == 2
    # one row selected: from the value row above (over the IC header row)
    select(sheet, at(sheet, "IC1", 2024))
    assert sheet.fill_down()
    assert value(doc, "IC1", 2024) == value(doc, "RA4", 2024)
    # one column selected: from the column to the left
    select(sheet, at(sheet, "ES1", 2020))
    assert sheet.fill_right() is False                    # ... a label column: nothing to fill from
    assert sheet.messages[-1].startswith("Nothing to fill")
    select(sheet, at(sheet, "ES1", 2023))
    assert sheet.fill_right() and value(doc, "ES1", 2023) == 0.484
    doc.undo_stack.setIndex(0)
    np.testing.assert_array_equal(doc.project.dataset.values, before)


# ---- marks -----------------------------------------------------------------------------------
def _warned_project():
    """Two units, two periods, min-max: X1 has the same value for both units
    in 2021, so its min-max range there is zero (an 'undefined' warning)."""
    nodes = [Node("IDX", "Index", type="Aggregate"), Node("D1", "Dimension one", parent="IDX", type="Aggregate"),
             Node("X1", "First", parent="D1"), Node("X2", "Second", parent="D1"),
             Node("D2", "Dimension two", parent="IDX", type="Aggregate"), Node("X3", "Third", parent="D2")]
    values = np.array([[[1.0, 10.0, 5.0], [4.0, 20.0, 6.0]],
                       [[2.0, 30.0, 7.0], [4.0, 40.0, 8.0]]])
    ds = Dataset(["A", "B"], ["Unit A", "Unit B"], [2020, 2021], ["X1", "X2", "X3"], values)
    return Project(Framework(nodes), ds, Settings(normalisation="minmax"))


def test_warned_and_missing_values_are_marked_with_the_reason(qtbot):
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(_warned_project())
    s = DataSheet(doc)
    qtbot.addWidget(s)
    model = s.model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["D1", "X1", "X2", "D2", "X3"]
    warned = model.index(1, FIRST_PERIOD_COLUMN + 1)          # X1, 2021
    assert warned.data(DataGridModel.MarkRole) == "error"
    assert "min-max range is zero" in warned.data(Qt.ToolTipRole)
    assert model.index(1, FIRST_PERIOD_COLUMN).data(DataGridModel.MarkRole) is None     # X1, 2020
    assert model.index(2, FIRST_PERIOD_COLUMN + 1).data(DataGridModel.MarkRole) is None  # X2, 2021
    assert model.index(1, 0).data(DataGridModel.MarkRole) == "error"                    # the row of X1
    assert "min-max range is zero" in model.index(1, 0).data(Qt.ToolTipRole)
    s.set_layout(PERIOD_LAYOUT)
    s.set_period(1)
    assert model.index(0, FIRST_INDICATOR_COLUMN).data(DataGridModel.MarkRole) == "error"
    assert "⚠" in model.headerData(FIRST_INDICATOR_COLUMN, Qt.Horizontal)
    s.set_layout(UNIT_LAYOUT)

    # an edit that removes the cause clears the mark once the burst of edits is over
    with qtbot.waitSignal(model.dataChanged, timeout=2000,
                          check_params_cb=lambda a, b, roles: a.row() <= 1 <= b.row() and a.column() == 0):
        assert model.setData(warned, "5")
    assert warned.data(DataGridModel.MarkRole) is None
    assert "zero" not in warned.data(Qt.ToolTipRole)

    # a missing value whose dimension was computed without it
    missing = model.index(2, FIRST_PERIOD_COLUMN)              # X2, 2020
    assert model.setData(missing, "")
    assert missing.data(DataGridModel.MarkRole) == "warning"
    assert "'D1' was computed without this value" in missing.data(Qt.ToolTipRole)
    # ... and when the whole dimension is missing there
    assert model.setData(model.index(1, FIRST_PERIOD_COLUMN), "")
    model.refresh_marks()
    assert missing.data(DataGridModel.MarkRole) == "error"
    assert "'D1' cannot be computed here" in missing.data(Qt.ToolTipRole)
    assert model.index(0, FIRST_PERIOD_COLUMN).data(DataGridModel.MarkRole) == "error"   # D1's header, 2020
    doc.close()


def test_marks_are_painted(qtbot):
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(_warned_project())
    s = DataSheet(doc)
    qtbot.addWidget(s)
    s.resize(700, 300)
    s.show()
    qtbot.waitExposed(s)
    rect = s.grid.visualRect(s.model.index(1, FIRST_PERIOD_COLUMN + 1))
    image = s.grid.viewport().grab().toImage()
    corner = image.pixelColor(rect.right() - 1, rect.top() + 1)
    assert corner.red() > 150 and corner.green() < 100             # the red triangle
    plain = s.grid.visualRect(s.model.index(1, FIRST_PERIOD_COLUMN))
    assert image.pixelColor(plain.right() - 1, plain.top() + 1).green() > 150
    doc.close()


def test_sheet_keys_win_over_window_shortcuts(qtbot, document):
    """In a window whose menus carry Copy / Paste / Delete shortcuts, keys
    pressed in the sheet still act on the sheet's selection."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    qtbot.addWidget(window)
    sheet = DataSheet(document)
    window.setCentralWidget(sheet)
    fired = []
    for keys in (QKeySequence.Copy, QKeySequence.Paste, QKeySequence.Delete, QKeySequence("Ctrl+D")):
        action = QAction(window)
        action.setShortcut(keys)
        action.triggered.connect(lambda *_, k=keys: fired.append(k))
        window.addAction(action)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.isActiveWindow()                       # so that its shortcuts could fire
    select(sheet, at(sheet, "RA2", 2021))
    qtbot.keyClick(sheet.grid, Qt.Key_C, Qt.ControlModifier)
    assert QApplication.clipboard().text() == "7.74\n"
    select(sheet, at(sheet, "RA3", 2021))
    qtbot.keyClick(sheet.grid, Qt.Key_V, Qt.ControlModifier)
    assert value(document, "RA3", 2021) == 7.74
    qtbot.keyClick(sheet.grid, Qt.Key_Delete)
    assert math.isnan(value(document, "RA3", 2021))
    qtbot.keyClick(sheet.grid, Qt.Key_D, Qt.ControlModifier)       # from RA2 above
    assert value(document, "RA3", 2021) == 7.74
    assert fired == [] and document.undo_stack.count() == 3
    # while a cell is being edited, the sheet does not act on them
    from PySide6.QtWidgets import QLineEdit
    qtbot.keyClick(sheet.grid, Qt.Key_5)
    editor = sheet.grid.findChild(QLineEdit)
    assert sheet.grid.state() == sheet.grid.State.EditingState and editor.text() == "5"
    qtbot.keyClick(editor, Qt.Key_D, Qt.ControlModifier)
    assert document.undo_stack.count() == 3
    qtbot.keyClick(editor, Qt.Key_Return)              # the delegate commits on the next event loop turn
    qtbot.waitUntil(lambda: value(document, "RA3", 2021) == 5.0, timeout=2000)
    assert document.undo_stack.count() == 4
    # Ctrl+X, and paste() as the main window's Edit > Paste calls it
    select(sheet, at(sheet, "RA4", 2021))
    qtbot.keyClick(sheet.grid, Qt.Key_X, Qt.ControlModifier)
    assert QApplication.clipboard().text() == "1812\n" and math.isnan(value(document, "RA4", 2021))
    select(sheet, at(sheet, "RA4", 2022))
    assert sheet.paste() and value(document, "RA4", 2022) == 1812.0


def test_structure_change_resets_and_names_follow_the_language(sheet, qtbot, monkeypatch):
    from dataclasses import replace

    from core.project.project import SetStructure
    from gui.base import i18n
    doc, model = sheet._document, sheet.model
    fw = doc.project.framework
    with qtbot.waitSignal(model.modelReset):
        assert doc.execute(SetStructure(fw.with_node(replace(fw["RA1"], name="Researchers"))))
    assert model.index(1, 1).data() == "Researchers"
    assert sheet.selector.count() == 1 and sheet.selector.currentIndex() == 0
    i18n.install_language(QApplication.instance(), "zh_CN", remember=False)
    try:
        sheet.retranslateUi()
        assert model.index(0, 1).data() == "资源集聚"
        assert model.index(1, 1).data() == "R&D人员全时当量"
    finally:
        i18n.install_language(QApplication.instance(), i18n.ENGLISH, remember=False)
    sheet.retranslateUi()
    assert model.index(1, 1).data() == "Researchers"


def test_context_menu_offers_the_editing_commands(sheet, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMenu
    select(sheet, at(sheet, "RA1", 2022), at(sheet, "RA2", 2022))
    seen = []

    def look():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend((a.text(), a.shortcut().toString(), a.isEnabled()) for a in menu.actions()
                        if not a.isSeparator())
            menu.close()

    QTimer.singleShot(200, look)
    sheet._show_context_menu(sheet.grid.visualRect(at(sheet, "RA1", 2022)).center())
    unit = sheet._document.project.dataset.unit_names[0]
    assert [s[0] for s in seen] == ["Cu&t", "&Copy", "&Paste", "&Delete (make missing)", "Fill &down",
                                    "Fill &right", "Add &unit…", "Re&name unit…", f"Delete unit {unit}",
                                    "Add &period…", "Delete period 2022"]
    assert [s[1] for s in seen[:6]] == ["Ctrl+X", "Ctrl+C", "Ctrl+V", "Del", "Ctrl+D", "Ctrl+R"]
    # all on, but deleting the project's only unit
    assert [s[2] for s in seen] == [True] * 8 + [False, True, True]
    sheet.fill_down_action.trigger()
    assert value(sheet._document, "RA2", 2022) == 33.2


# ---- spreadsheet keys (see also tests/gui/test_keys_xcb.py: real key presses on X11) -----------
def _x11_key_event(key, modifiers=Qt.NoModifier):
    """A key press that matches the standard key sequences as on X11, where
    Qt's Delete is both Del and Ctrl+D (the offscreen platform has Del only)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent, QKeySequence

    class X11KeyEvent(QKeyEvent):
        def matches(self, standard):
            if standard == QKeySequence.Delete and self.key() == Qt.Key_D \
                    and self.modifiers() == Qt.ControlModifier:
                return True
            return super().matches(standard)

    return X11KeyEvent(QEvent.KeyPress, key, modifiers)


def test_ctrl_d_fills_down_where_the_standard_delete_is_ctrl_d_too(sheet):
    doc = sheet._document
    select(sheet, at(sheet, "RA1", 2022), at(sheet, "RA3", 2022))
    from PySide6.QtGui import QKeySequence
    assert _x11_key_event(Qt.Key_D, Qt.ControlModifier).matches(QKeySequence.Delete)      # as on X11
    QApplication.sendEvent(sheet.grid, _x11_key_event(Qt.Key_D, Qt.ControlModifier))
    assert value(doc, "RA2", 2022) == value(doc, "RA3", 2022) == 33.2      # filled, not made missing
    select(sheet, at(sheet, "IL3", 2021), at(sheet, "IL3", 2022))
    QApplication.sendEvent(sheet.grid, _x11_key_event(Qt.Key_R, Qt.ControlModifier))
    assert value(doc, "IL3", 2022) == 41.6
    assert doc.undo_stack.count() == 2
    # the Del key still makes values missing; Ctrl+Del, Ctrl+Backspace do nothing
    QApplication.sendEvent(sheet.grid, _x11_key_event(Qt.Key_Delete, Qt.ControlModifier))
    QApplication.sendEvent(sheet.grid, _x11_key_event(Qt.Key_Backspace, Qt.ControlModifier))
    assert value(doc, "IL3", 2022) == 41.6
    QApplication.sendEvent(sheet.grid, _x11_key_event(Qt.Key_Delete))
    assert math.isnan(value(doc, "IL3", 2022))


def test_grid_alone_deletes_on_del_only(qtbot, document):
    from gui.sheets.data_grid_view import DataGrid
    grid = DataGrid()
    qtbot.addWidget(grid)
    model = DataGridModel(document, grouped=True)
    grid.setModel(model)
    index = model.index_of_cell(0, document.project.dataset.period_index[2022],
                                document.project.dataset.code_index["RA1"])
    grid.setCurrentIndex(index)
    QApplication.sendEvent(grid, _x11_key_event(Qt.Key_D, Qt.ControlModifier))
    assert value(document, "RA1", 2022) == 33.2
    QApplication.sendEvent(grid, _x11_key_event(Qt.Key_Delete))
    assert math.isnan(value(document, "RA1", 2022))


def _where(sheet):
    model, ds = sheet.model, sheet.model.dataset
    u, t, i = model.cell(sheet.grid.currentIndex())
    return ds.codes[i], ds.periods[t]


def test_enter_commits_and_moves_down_tab_moves_right(sheet, qtbot):
    from PySide6.QtWidgets import QLineEdit
    doc, grid = sheet._document, sheet.grid
    select(sheet, at(sheet, "RA3", 2022))
    qtbot.keyClick(grid, Qt.Key_5)
    assert grid.state() == grid.State.EditingState
    qtbot.keyClick(grid.findChild(QLineEdit), Qt.Key_Return)
    assert value(doc, "RA3", 2022) == 5.0 and grid.state() != grid.State.EditingState
    assert _where(sheet) == ("RA4", 2022)
    assert [(i.row(), i.column()) for i in grid.selectionModel().selectedIndexes()] == \
        [(at(sheet, "RA4", 2022).row(), at(sheet, "RA4", 2022).column())]
    # Enter without an edit moves down too, over a dimension's header row
    qtbot.keyClick(grid, Qt.Key_Return)
    assert _where(sheet) == ("IC1", 2022)
    qtbot.keyClick(grid, Qt.Key_Enter, Qt.KeypadModifier)
    assert _where(sheet) == ("IC2", 2022)
    qtbot.keyClick(grid, Qt.Key_Return, Qt.ShiftModifier)
    assert _where(sheet) == ("IC1", 2022)
    qtbot.keyClick(grid, Qt.Key_Return, Qt.ShiftModifier)
    assert _where(sheet) == ("RA4", 2022)
    # Tab commits and moves right without opening the next cell's editor
    qtbot.keyClick(grid, Qt.Key_7)
    qtbot.keyClick(grid.findChild(QLineEdit), Qt.Key_Tab)
    assert value(doc, "RA4", 2022) == 7.0 and grid.state() != grid.State.EditingState
    assert _where(sheet) == ("RA4", 2023)
    qtbot.keyClick(grid, Qt.Key_Tab)
    assert _where(sheet) == ("RA4", 2024)
    qtbot.keyClick(grid, Qt.Key_Tab)                        # the last column: stays, focus stays
    assert _where(sheet) == ("RA4", 2024) and grid.hasFocus()
    qtbot.keyClick(grid, Qt.Key_8)
    qtbot.keyClick(grid.findChild(QLineEdit), Qt.Key_Backtab, Qt.ShiftModifier)
    assert value(doc, "RA4", 2024) == 8.0 and _where(sheet) == ("RA4", 2023)
    qtbot.keyClick(grid, Qt.Key_Backtab, Qt.ShiftModifier)
    assert _where(sheet) == ("RA4", 2022)
    # the last row: Enter stays there
    last = sheet.model.rowCount() - 1
    grid.setCurrentIndex(sheet.model.index(last, FIRST_PERIOD_COLUMN))
    qtbot.keyClick(grid, Qt.Key_Return)
    assert grid.currentIndex().row() == last
    assert doc.undo_stack.count() == 3


def test_edit_menu_has_fill_and_select_all_and_redo_takes_ctrl_y(window, qtbot):
    from PySide6.QtGui import QKeySequence
    from gui.window.menus import redo_keys
    menus = window.menus
    items = [a for a in menus.edit_menu.actions() if not a.isSeparator()]
    assert [a.text() for a in items] == ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Fill &Down", "Fill &Right",
                                         "&Find…", "Find &Next", "Find Pre&vious", "Select &All"]
    assert menus.fill_down_action.shortcut() == QKeySequence("Ctrl+D")
    assert menus.fill_right_action.shortcut() == QKeySequence("Ctrl+R")
    assert menus.select_all_action.shortcut() == QKeySequence("Ctrl+A")
    assert {QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")} <= set(menus.redo_action.shortcuts())
    # X11's own Redo binding is Ctrl+Shift+Z alone: Ctrl+Y is added, the platform's stays first
    assert redo_keys([QKeySequence("Ctrl+Shift+Z")]) == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert QKeySequence("Ctrl+R") not in menus.recompute_action.shortcuts()
    # the menu's commands act on the data sheet
    sheet = window.panes["dataPane"]
    window.show_pane("dataPane")
    select(sheet, at(sheet, "RA1", 2022), at(sheet, "RA3", 2022))
    menus.fill_down_action.trigger()
    assert value(window.document, "RA3", 2022) == 33.2
    select(sheet, at(sheet, "IL3", 2021), at(sheet, "IL3", 2022))
    menus.fill_right_action.trigger()
    assert value(window.document, "IL3", 2022) == 41.6
    menus.select_all_action.trigger()
    assert len(sheet.edits.selected_cells()) == 20 * 5
    # Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z pressed in the sheet
    with qtbot.waitActive(window):
        window.activateWindow()
    sheet.grid.setFocus()
    qtbot.keyClick(sheet.grid, Qt.Key_Z, Qt.ControlModifier)
    assert value(window.document, "IL3", 2022) != 41.6
    qtbot.keyClick(sheet.grid, Qt.Key_Y, Qt.ControlModifier)
    assert value(window.document, "IL3", 2022) == 41.6
    qtbot.keyClick(sheet.grid, Qt.Key_Z, Qt.ControlModifier)
    qtbot.keyClick(sheet.grid, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert value(window.document, "IL3", 2022) == 41.6
    # Fill while a cell is being typed in changes nothing
    from PySide6.QtWidgets import QLineEdit
    select(sheet, at(sheet, "RA1", 2023), at(sheet, "RA2", 2023))
    qtbot.keyClick(sheet.grid, Qt.Key_9)
    assert sheet.grid.findChild(QLineEdit) is not None
    steps = window.document.undo_stack.count()
    menus.fill_down_action.trigger()
    assert window.document.undo_stack.count() == steps
    window.document.undo_stack.setClean()                # closing asks nothing
