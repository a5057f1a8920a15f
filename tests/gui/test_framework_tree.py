"""FrameworkTree and IndicatorSheet: the models pass Qt's checks; adding,
renaming, deleting and moving nodes (by action, by drag and drop, by typing
into the sheet) are single undo steps whose undo restores the project exactly
and whose redo gives the edit again; effective shares add up to 100 %."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QStyleOptionViewItem

from core.pipeline.engine import Engine
from core.project.project import SetSettings
from core.project.structure import SetWeight
from gui.sheets.framework_model import DIRECTION_COLUMN, NAME_COLUMN, SHARE_COLUMN, WEIGHT_COLUMN, FrameworkModel
from gui.sheets.framework_tree import FrameworkTree
from gui.sheets.indicator_sheet import (BASE_YEAR, CODE, DIMENSION, DIRECTION, NAME_ZH, NORMALISATION,
                                        WEIGHT, IndicatorSheet, IndicatorSheetModel)


def snapshot(project):
    return {"records": project.framework.to_records(), "codes": list(project.dataset.codes),
            "values": project.dataset.values.copy(), "settings": project.settings.to_dict(),
            "scores": project.engine.scores.copy()}


def assert_same(a, b):
    assert a["records"] == b["records"]
    assert a["codes"] == b["codes"]
    assert a["settings"] == b["settings"]
    assert np.array_equal(a["values"], b["values"], equal_nan=True)
    assert np.array_equal(a["scores"], b["scores"], equal_nan=True)


def undo_redo(document, before, steps=1):
    """Undo ``steps`` steps (restores ``before`` exactly), then redo them
    (gives the edited state again)."""
    after = snapshot(document.project)
    for _ in range(steps):
        document.undo_stack.undo()
    assert_same(snapshot(document.project), before)
    for _ in range(steps):
        document.undo_stack.redo()
    assert_same(snapshot(document.project), after)
    fresh = Engine(document.project.framework, document.project.dataset, document.project.settings)
    assert np.array_equal(fresh.scores, document.project.engine.scores, equal_nan=True)


@pytest.fixture
def tree(qtbot, document):
    widget = FrameworkTree(document)
    qtbot.addWidget(widget)
    widget.resize(600, 500)
    return widget


@pytest.fixture
def messages(tree):
    out = []
    tree.statusMessage.connect(out.append)
    return out


def children_in_model(model, code):
    parent = model.index_of(code)
    return [model.index(r, 0, parent).data(FrameworkModel.CodeRole) for r in range(model.rowCount(parent))]


# ---- the models -------------------------------------------------------------------------------
def test_tree_model_passes_qtmodeltester(qtmodeltester, tree, document, monkeypatch):
    model = tree.model
    qtmodeltester.check(model)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    # structure edits while the tester watches resets and dataChanged
    assert tree.add_indicator("RA", edit=False)
    assert tree.move("RA1", "IC", 0)
    assert tree.delete("RS2")
    assert model.setData(model.index_of("IC", WEIGHT_COLUMN), "0.5")
    document.execute(SetSettings(_with(document.project.settings, weighting="manual")))
    qtmodeltester.check(model, force_py=True)


def test_sheet_model_passes_qtmodeltester(qtmodeltester, document):
    model = IndicatorSheetModel(document)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, CODE), "RDP")
    assert model.setData(model.index(1, DIMENSION), "IC")
    assert not model.setData(model.index(2, WEIGHT), "heavy")
    qtmodeltester.check(model, force_py=True)


def test_tree_mirrors_the_framework(tree, document):
    model, fw = tree.model, document.project.framework
    assert model.rowCount() == 1
    assert children_in_model(model, "CII") == fw.children("CII")
    for dim in fw.children("CII"):
        assert children_in_model(model, dim) == fw.children(dim)
        assert model.parent(model.index_of(dim)) == model.index_of("CII")
    ra1 = model.index_of("RA1")
    assert ra1.data() == "R&D personnel (full-time equivalent) (RA1)"
    assert model.index_of("ES1", DIRECTION_COLUMN).data().startswith("↓")
    assert model.index_of("RA1", DIRECTION_COLUMN).data().startswith("↑")
    assert model.index_of("CII", WEIGHT_COLUMN).data() is None            # the index has no siblings
    assert not model.flags(model.index_of("RA1")) & Qt.ItemIsDropEnabled
    assert model.flags(model.index_of("RA")) & Qt.ItemIsDropEnabled
    assert model.flags(QModelIndex()) == Qt.NoItemFlags


def _with(settings, **changes):
    s = settings.copy()
    for k, v in changes.items():
        setattr(s, k, v)
    return s


def _shares_sum_to_parent(model, code):
    parent = model.index_of(code)
    total = sum(model.index(r, SHARE_COLUMN, parent).data(FrameworkModel.ShareRole)
                for r in range(model.rowCount(parent)))
    assert total == pytest.approx(model.share(code)), code
    for r in range(model.rowCount(parent)):
        child = model.index(r, 0, parent).data(FrameworkModel.CodeRole)
        if model.rowCount(model.index_of(child)):
            _shares_sum_to_parent(model, child)


@pytest.mark.parametrize("weighting", ["equal", "manual"])
def test_effective_shares_add_up_at_every_level(tree, document, weighting):
    document.execute(SetWeight("RA", 0.6))
    document.execute(SetWeight("RA1", 3))
    document.execute(SetSettings(_with(document.project.settings, weighting=weighting)))
    model = tree.model
    assert model.share("CII") == 1.0
    _shares_sum_to_parent(model, "CII")
    indicators = document.project.framework.indicator_codes
    assert sum(model.share(c) for c in indicators) == pytest.approx(1.0)
    ra1 = model.share("RA1")
    if weighting == "equal":
        assert ra1 == pytest.approx(0.2 * 0.25)
    else:
        w = document.project.framework
        assert ra1 == pytest.approx(0.6 / (0.6 + 0.8) * 3 / (3 + 0.75))
        assert w["RA1"].weight == 3
    assert model.index_of("RA1", SHARE_COLUMN).data() == f"{ra1 * 100:.1f} %"


def test_weighting_change_updates_shares_in_place(qtbot, tree, document):
    document.execute(SetWeight("RA", 0.6))
    model = tree.model
    equal = model.share("RA")
    with qtbot.waitSignal(model.dataChanged):
        document.execute(SetSettings(_with(document.project.settings, weighting="manual")))
    assert model.share("RA") != pytest.approx(equal)
    assert model.share("RA") == pytest.approx(0.6 / 1.4)


# ---- adding -----------------------------------------------------------------------------------
def test_add_indicator_action_under_selected_dimension(tree, document, messages):
    before = snapshot(document.project)
    tree.select("IC")
    tree.add_indicator_action.trigger()
    fw = document.project.framework
    assert fw.children("IC")[-1] == "IC5"
    assert tree.current_code() == "IC5"
    assert np.isnan(document.project.dataset.values[:, :, document.project.dataset.code_index["IC5"]]).all()
    assert messages[-1] == "Added IC5"
    assert children_in_model(tree.model, "IC")[-1] == "IC5"
    undo_redo(document, before)


def test_add_indicator_after_selected_indicator(tree, document):
    tree.select("RA2")
    tree.add_indicator_action.trigger()
    assert document.project.framework.children("RA") == ["RA1", "RA2", "RA5", "RA3", "RA4"]


def test_add_dimension_and_sub_dimension(tree, document):
    before = snapshot(document.project)
    tree.select("RS1")
    tree.add_dimension_action.trigger()
    fw = document.project.framework
    assert fw.children("CII")[-1] == "DIM1" and fw.children("DIM1") == ["DIM1_1"]
    tree.select("RS")
    tree.add_subdimension_action.trigger()
    fw = document.project.framework
    assert fw.children("RS")[-1] == "DIM2" and fw.level["RS"] == 3
    assert tree.model.rowCount(tree.model.index_of("DIM2")) == 1
    undo_redo(document, before, steps=2)


def test_tree_keeps_collapsed_dimensions_collapsed(tree, document):
    tree.view.collapse(tree.model.index_of("IC"))
    tree.add_indicator("RA", edit=False)
    assert not tree.view.isExpanded(tree.model.index_of("IC"))
    assert tree.view.isExpanded(tree.model.index_of("RA"))


# ---- renaming ----------------------------------------------------------------------------------
def test_rename_dialog_is_one_undo_step(tree, document, monkeypatch):
    before = snapshot(document.project)
    monkeypatch.setattr(tree, "_ask_node_fields",
                        lambda code: {"code": "GDP", "name": "Gross regional product", "name_zh": "地区GDP"})
    tree.select("RA2")
    count = document.undo_stack.count()
    tree.rename_action.trigger()
    fw, ds = document.project.framework, document.project.dataset
    assert "RA2" not in fw and fw["GDP"].name == "Gross regional product" and fw["GDP"].name_zh == "地区GDP"
    assert ds.codes[1] == "GDP"
    assert np.array_equal(ds.values[:, :, 1], before["values"][:, :, 1])
    assert document.undo_stack.count() == count + 1
    assert tree.current_code() == "GDP"
    undo_redo(document, before)


def test_rename_refused_says_why_and_leaves_no_step(tree, document, messages):
    count = document.undo_stack.count()
    assert not tree.rename("RA2", new_code="RA3", name="Other")
    assert "already used" in messages[-1]
    assert not tree.rename("RA2", new_code="with space")
    assert "not a valid code" in messages[-1]
    assert document.undo_stack.count() == count
    assert document.project.framework["RA2"].name == "Regional GDP"


def test_name_edited_in_place(tree, document):
    before = snapshot(document.project)
    index = tree.model.index_of("RA2")
    assert index.data(Qt.EditRole) == "Regional GDP"
    assert tree.model.setData(index, "Gross regional product")
    assert document.project.framework["RA2"].name == "Gross regional product"
    assert tree.model.index_of("RA2").data() == "Gross regional product (RA2)"
    assert not tree.model.setData(tree.model.index_of("RA2"), "Gross regional product")   # unchanged: no step
    undo_redo(document, before)


def test_chinese_mode_shows_and_edits_chinese_names(tree, document, monkeypatch):
    import gui.sheets.framework_model as fm
    monkeypatch.setattr(fm, "is_chinese", lambda: True)
    try:
        import gui.base.i18n as i18n
        monkeypatch.setattr(i18n, "_language", "zh_CN")
    except ImportError:
        pass
    index = tree.model.index_of("RA2")
    assert index.data() == "地区生产总值 (RA2)"
    assert tree.model.setData(index, "地区GDP")
    node = document.project.framework["RA2"]
    assert (node.name, node.name_zh) == ("Regional GDP", "地区GDP")


# ---- weights and directions ------------------------------------------------------------------------
def test_weight_edited_in_place_and_refused(tree, document, messages):
    before = snapshot(document.project)
    model = tree.model
    index = model.index_of("RA", WEIGHT_COLUMN)
    assert index.data(Qt.EditRole) == "0.2"
    assert model.setData(index, "0.5")
    assert document.project.framework["RA"].weight == 0.5
    assert model.index_of("RA", WEIGHT_COLUMN).data() == "0.5"
    assert not model.setData(model.index_of("RA", WEIGHT_COLUMN), "-2")
    assert "weight of 'RA'" in messages[-1]
    assert not model.setData(model.index_of("RA", WEIGHT_COLUMN), "lots")
    assert document.project.framework["RA"].weight == 0.5
    undo_redo(document, before)


def test_direction_toggled_by_double_click_and_action(tree, document):
    before = snapshot(document.project)
    tree._on_double_clicked(tree.model.index_of("ES1", DIRECTION_COLUMN))
    assert document.project.framework["ES1"].direction == 1
    tree._on_double_clicked(tree.model.index_of("ES1", NAME_COLUMN))     # not the direction column
    assert document.project.framework["ES1"].direction == 1
    tree.select("RA1")
    tree.direction_action.trigger()
    assert document.project.framework["RA1"].direction == -1
    assert tree.model.index_of("RA1", DIRECTION_COLUMN).data().startswith("↓")
    undo_redo(document, before, steps=2)


# ---- deleting ------------------------------------------------------------------------------------
def test_delete_with_data_asks_first(tree, document, monkeypatch):
    before = snapshot(document.project)
    asked = []

    def answer(reply):
        def question(parent, title, text, *args):
            asked.append(text)
            return reply
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.No))
    tree.select("IC")
    tree.delete_action.trigger()
    assert "IC" in document.project.framework and len(asked) == 1
    assert "4 indicator(s)" in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.Yes))
    tree.delete_action.trigger()
    fw = document.project.framework
    assert "IC" not in fw and "IC1" not in fw and "IC1" not in document.project.dataset.codes
    undo_redo(document, before)


def test_delete_without_data_does_not_ask(tree, document, monkeypatch):
    code = tree.add_indicator("RA", edit=False)

    def fail(*args):
        raise AssertionError("asked")

    monkeypatch.setattr(QMessageBox, "question", fail)
    assert tree.delete(code)
    assert code not in document.project.framework


def test_delete_last_node_refused(tree, document, monkeypatch, messages):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    for code in ("RS1", "RS2"):
        assert tree.delete(code)
    assert not tree.delete("RS3")
    assert "last node in 'RS'" in messages[-1]
    assert "RS3" in document.project.framework


# ---- moving --------------------------------------------------------------------------------------
def drop(model, code, parent_code, row=-1):
    data = model.mimeData([model.index_of(code)])
    parent = model.index_of(parent_code)
    ok = model.canDropMimeData(data, Qt.MoveAction, row, 0, parent)
    if ok:
        model.dropMimeData(data, Qt.MoveAction, row, 0, parent)
    return ok


def test_drag_indicator_onto_another_dimension(tree, document):
    before = snapshot(document.project)
    col = before["values"][:, :, document.project.dataset.code_index["RA4"]]
    assert drop(tree.model, "RA4", "RS")
    fw, ds = document.project.framework, document.project.dataset
    assert fw["RA4"].parent == "RS" and fw.children("RS")[-1] == "RA4"
    assert np.array_equal(ds.values[:, :, ds.code_index["RA4"]], col)
    assert children_in_model(tree.model, "RS") == ["RS1", "RS2", "RS3", "RA4"]
    undo_redo(document, before)


def test_drag_between_rows_reorders_and_places(tree, document):
    before = snapshot(document.project)
    assert drop(tree.model, "RA4", "RA", 0)         # before RA1
    assert document.project.framework.children("RA") == ["RA4", "RA1", "RA2", "RA3"]
    assert drop(tree.model, "RA4", "RA", 3)         # between RA2 and RA3, counted with RA4 in place
    assert document.project.framework.children("RA") == ["RA1", "RA2", "RA4", "RA3"]
    assert drop(tree.model, "IC1", "RA", 1)         # from another dimension, before RA2
    assert document.project.framework.children("RA") == ["RA1", "IC1", "RA2", "RA4", "RA3"]
    undo_redo(document, before, steps=3)


def test_drag_dimension_into_dimension(tree, document):
    assert drop(tree.model, "RS", "IC")
    fw = document.project.framework
    assert fw["RS"].parent == "IC" and fw.children("RS") == ["RS1", "RS2", "RS3"]
    assert tree.model.rowCount(tree.model.index_of("RS")) == 3


def test_drops_refused(tree, document):
    model = tree.model
    before = snapshot(document.project)
    assert not drop(model, "RA", "RA")          # onto itself
    assert not drop(model, "CII", "RA")         # into its own subtree
    assert not drop(model, "RA1", "RA2")        # onto an indicator
    data = model.mimeData([model.index_of("RA1")])
    assert not model.canDropMimeData(data, Qt.MoveAction, -1, 0, QModelIndex())   # beside the index
    assert_same(snapshot(document.project), before)


def test_move_to_action(tree, document, monkeypatch):
    before = snapshot(document.project)
    offered = []

    def ask(code, targets):
        offered.append(targets)
        return "ES"

    monkeypatch.setattr(tree, "_ask_move_target", ask)
    tree.select("IL2")
    tree.move_action.trigger()
    assert document.project.framework["IL2"].parent == "ES"
    assert offered[0] == ["CII", "RA", "IC", "RS", "ES"]      # not its own dimension
    assert tree.move_targets("RA") == ["IC", "RS", "IL", "ES"]
    undo_redo(document, before)


# ---- the indicator sheet --------------------------------------------------------------------------
@pytest.fixture
def sheet(qtbot, document):
    widget = IndicatorSheet(document)
    qtbot.addWidget(widget)
    return widget


def test_sheet_rows_and_columns(sheet, document):
    model = sheet.sheet_model
    fw = document.project.framework
    assert model.rowCount() == len(fw.indicator_codes)
    assert [model.index(r, CODE).data() for r in range(model.rowCount())] == fw.indicator_codes
    assert model.index(0, NAME_ZH).data() == "R&D人员全时当量"
    assert model.index(0, DIMENSION).data() == "Resource agglomeration (RA)"
    assert model.index(0, BASE_YEAR).data() == "project (2020)"
    assert model.index(0, NORMALISATION).data() == "project (Fixed base (base year = 100))"
    assert model.headerData(BASE_YEAR, Qt.Horizontal) == "Base year"


def test_sheet_edits_map_to_structure_commands(sheet, document):
    before = snapshot(document.project)
    model = sheet.sheet_model
    row = model.row_of("RA2")
    edits = [(CODE, "GDP"), (NAME_ZH, "地区GDP"), (DIMENSION, "IL"), (DIRECTION, -1), (WEIGHT, "0.5"),
             (BASE_YEAR, 2022), (NORMALISATION, "none")]
    for col, value in edits:
        row = model.row_of("GDP" if col != CODE else "RA2")
        assert model.setData(model.index(row, col), value), col
    fw = document.project.framework
    node = fw["GDP"]
    assert (node.name_zh, node.parent, node.direction, node.weight) == ("地区GDP", "IL", -1, 0.5)
    assert node.params["BaseYear"] == 2022
    assert document.project.settings.normalisation_by == {"GDP": "none"}
    row = model.row_of("GDP")
    assert model.index(row, BASE_YEAR).data() == "2022"
    assert model.index(row, NORMALISATION).data() == "None (raw values)"
    assert document.undo_stack.count() == len(edits)
    undo_redo(document, before, steps=len(edits))


def test_sheet_refusals_and_no_ops(sheet, document, qtbot):
    model = sheet.sheet_model
    got = []
    sheet.statusMessage.connect(got.append)
    count = document.undo_stack.count()
    assert not model.setData(model.index(0, CODE), "RA1")          # unchanged: nothing happens
    assert not model.setData(model.index(0, CODE), "RA2")
    assert "already used" in got[-1]
    assert not model.setData(model.index(0, BASE_YEAR), "1999")
    assert "not a period" in got[-1]
    assert not model.setData(model.index(0, DIMENSION), "RA2")
    assert "is an indicator" in got[-1]
    assert document.undo_stack.count() == count


def test_sheet_choice_editors(sheet, document):
    model = sheet.sheet_model
    delegate = sheet.itemDelegate()
    index = model.index(model.row_of("RS1"), DIMENSION)
    editor = delegate.createEditor(sheet.viewport(), QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert [editor.itemData(k) for k in range(editor.count())] == ["CII", "RA", "IC", "RS", "IL", "ES"]
    delegate.setEditorData(editor, index)
    assert editor.currentData() == "RS"
    editor.setCurrentIndex(editor.findData("ES"))
    delegate.setModelData(editor, model, index)
    assert document.project.framework["RS1"].parent == "ES"
    index = model.index(0, BASE_YEAR)
    editor = delegate.createEditor(sheet.viewport(), QStyleOptionViewItem(), index)
    assert [editor.itemData(k) for k in range(editor.count())] == ["", 2020, 2021, 2022, 2023, 2024]


def test_sheet_follows_tree_edits_and_keeps_cursor(sheet, tree, document):
    model = sheet.sheet_model
    sheet.setCurrentIndex(model.index(model.row_of("IC3"), WEIGHT))
    tree.add_indicator("RA", edit=False)
    assert model.rowCount() == 21
    assert model.code(sheet.currentIndex().row()) == "IC3"
    assert model.index(model.row_of("RA5"), 1).data() == "New indicator"


def test_tree_keys_win_over_window_shortcuts(qtbot, document, monkeypatch):
    """Delete and Insert in the tree act on the tree even when the window
    has its own Delete / Insert shortcuts (for the data sheet)."""
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    qtbot.addWidget(window)
    tree = FrameworkTree(document)
    window.setCentralWidget(tree)
    fired = []
    for keys in (QKeySequence.Delete, QKeySequence("Ins")):
        action = QAction(window)
        action.setShortcut(keys)
        action.triggered.connect(lambda *_, k=keys: fired.append(k))
        window.addAction(action)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.Yes)
    tree.select("RA2")
    tree.view.setFocus()
    handle = window.windowHandle()       # through the window, as a real key press goes (shortcut map first)
    qtbot.keyClick(handle, Qt.Key_Insert)
    assert document.project.framework.children("RA") == ["RA1", "RA2", "RA5", "RA3", "RA4"]
    qtbot.keyClick(handle, Qt.Key_Escape)          # leave the name editor opened for the new indicator
    tree.select("RA3")
    tree.view.setFocus()
    qtbot.keyClick(handle, Qt.Key_Delete)
    assert "RA3" not in document.project.framework
    assert fired == []
