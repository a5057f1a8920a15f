"""The method pane lists the new weightings, normalisations and
aggregations from the registry (with their Chinese labels), and the AHP
matrix editor: upper triangle entered, reciprocals filled in, CR live,
accepted as one undo step."""
from __future__ import annotations

import numpy as np
import pytest

from core.methods import ahp
from core.methods.registry import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS
from gui.sheets import ahp_editor
from gui.sheets.ahp_editor import AhpEditor
from gui.sheets.method_panel import MethodPanel


@pytest.fixture
def panel(qtbot, document):
    widget = MethodPanel(document)
    qtbot.addWidget(widget)
    return widget


def items(box):
    return [(box.itemData(k), box.itemText(k)) for k in range(box.count())]


def test_the_pane_lists_every_registered_method(panel):
    assert [d for d, _ in items(panel.weighting_box)] == ["manual", "equal", "entropy", "critic", "pca", "ahp"]
    assert dict(items(panel.weighting_box))["entropy"] == "Entropy weights"
    names = [d for d, _ in items(panel.normalisation_box)]
    assert {"fracmax", "dist2max", "dist2ref", "borda", "scaled"} <= set(names)
    assert {"mpi", "ampi", "copeland", "topsis"} <= {d for d, _ in items(panel.aggregation_box)}
    k = panel.weighting_box.findData("critic")
    assert panel.weighting_box.itemData(k, 3) == WEIGHTINGS["critic"].text["en"]      # Qt.ToolTipRole


def test_the_pane_in_chinese(qapp, qtbot, document):
    from gui.base import i18n
    try:
        assert i18n.install_language(qapp, "zh", remember=False)
        panel = MethodPanel(document)
        qtbot.addWidget(panel)
        assert dict(items(panel.weighting_box))["entropy"] == "熵权法"
        assert dict(items(panel.weighting_box))["ahp"] == "层次分析法（AHP）"
        assert dict(items(panel.aggregation_box))["topsis"] == AGGREGATIONS["topsis"].label["zh"]
        assert dict(items(panel.normalisation_box))["borda"] == NORMALISATIONS["borda"].label["zh"] == "博尔达计分"
        assert panel.ahp_button.text().startswith("编辑")
    finally:
        i18n.install_language(qapp, "en", remember=False)


def test_choosing_entropy_recomputes_with_derived_weights(qtbot, panel, document):
    k = panel.weighting_box.findData("entropy")
    panel.weighting_box.setCurrentIndex(k)
    panel.weighting_box.activated.emit(k)
    assert document.project.settings.weighting == "entropy"
    assert document.project.engine.settings.weighting == "entropy"
    assert not panel.ahp_button.isVisibleTo(panel)
    document.undo_stack.undo()
    assert document.project.settings.weighting == "equal"


@pytest.fixture
def editor(qtbot, document):
    fw = document.project.framework
    w = AhpEditor(fw, {})
    qtbot.addWidget(w)
    k = next(i for i in range(w.node_box.count()) if len(fw.children(w.node_box.itemData(i))) == 3)
    w.node_box.setCurrentIndex(k)
    return w


def test_editor_fills_reciprocals_and_shows_cr_live(editor):
    t = editor.table
    assert t.rowCount() == 3 and t.item(0, 0).text() == "1"
    assert not (t.item(1, 0).flags() & ahp_editor.Qt.ItemIsEditable)
    assert "CR = 0.0000" in editor.result.text()
    t.item(0, 1).setText("3")
    assert t.item(1, 0).text() == "1/3"
    t.item(0, 2).setText("5")
    t.item(1, 2).setText("3")
    # Saaty's textbook matrix: CR 0.033, weights 0.637, 0.258, 0.105
    assert "CR = 0.03" in editor.result.text() and "(above 0.1" not in editor.result.text()
    assert editor.weights_label.text().endswith("0.105")
    t.item(1, 2).setText("1/9")                                  # now inconsistent
    assert editor.last.cr > 0.1 and "above 0.1" in editor.result.text()
    assert editor.judgements()[editor.current()] == pytest.approx((3.0, 5.0, 1 / 9))


def test_editor_refuses_a_bad_entry_and_keeps_the_matrix(editor):
    editor.table.item(0, 1).setText("2")
    editor.table.item(0, 2).setText("zero")
    assert "'zero' is not a judgement" in editor.result.text()
    assert editor.table.item(0, 2).text() == "1" and editor.table.item(0, 1).text() == "2"


def test_the_dialog_sets_the_matrices_as_one_undo_step(qtbot, panel, document, monkeypatch):
    k = panel.weighting_box.findData("ahp")
    panel.weighting_box.setCurrentIndex(k)
    panel.weighting_box.activated.emit(k)
    assert panel.ahp_button.isVisibleTo(panel)
    fw = document.project.framework
    node = next(c for c in fw.aggregate_codes if len(fw.children(c)) == 3)

    def accept(dialog):
        dialog.editor.node_box.setCurrentIndex(dialog.editor.node_box.findData(node))
        dialog.editor.table.item(0, 1).setText("3")
        return True
    monkeypatch.setattr(ahp_editor.AhpDialog, "exec", accept)
    panel.ahp_button.click()
    assert document.project.settings.ahp_by == {node: (3.0, 1.0, 1.0)}
    # [[1, 3, 1], [1/3, 1, 1], [1, 1, 1]]: its principal eigenvector
    expected = ahp.solve(ahp.full_matrix((3.0, 1.0, 1.0), 3)).weights
    assert document.project.engine.weights[node] == pytest.approx(expected)
    assert expected[0] > expected[2] > expected[1]
    document.undo_stack.undo()
    assert document.project.settings.ahp_by == {}
    assert np.allclose(document.project.engine.weights[node], [1 / 3] * 3)


def test_text_and_yes_no_parameters_have_their_own_fields(panel, document):
    assert set(panel.param_texts) == {"dist2ref_unit"} and set(panel.param_checks) == {"dist2ref_cap"}
    assert "dist2ref_cap" not in panel.param_spins and not panel.param_texts["dist2ref_unit"].isEnabled()
    unit = document.project.dataset.unit_codes[0]
    panel.param_texts["dist2ref_unit"].setText(unit)
    panel.param_texts["dist2ref_unit"].editingFinished.emit()
    assert document.project.settings.dist2ref_unit == unit
    panel.param_checks["dist2ref_cap"].setChecked(True)
    assert document.project.settings.dist2ref_cap is True
    document.undo_stack.undo()
    assert document.project.settings.dist2ref_cap is False and panel.param_texts["dist2ref_unit"].text() == unit


def test_the_framework_tree_shows_the_weights_in_use(qtbot, panel, document):
    from gui.sheets.framework_model import SHARE_COLUMN, WEIGHT_COLUMN, FrameworkModel
    model = FrameworkModel(document)
    fw = document.project.framework
    node = next(c for c in fw.aggregate_codes if len(fw.children(c)) == 3)
    kids = fw.children(node)
    k = panel.weighting_box.findData("ahp")
    panel.weighting_box.setCurrentIndex(k)
    panel.weighting_box.activated.emit(k)
    old = document.project.settings
    new = old.copy()
    new.ahp_by = {node: (3.0, 1.0, 1.0)}
    from core.project.project import SetSettings
    document.execute(SetSettings(new), "AHP")
    w = ahp.solve(ahp.full_matrix((3.0, 1.0, 1.0), 3)).weights
    parent_share = model.share(node)
    for kid, wk in zip(kids, w):
        assert model.share(kid) == pytest.approx(parent_share * wk)
        text = model.data(model.index_of(kid, SHARE_COLUMN))
        assert text == f"{parent_share * wk * 100:.1f} %"
    tip = model.data(model.index_of(kids[0], WEIGHT_COLUMN), ahp_editor.Qt.ToolTipRole)
    assert "Not used: the method settings derive the weights (AHP (pairwise comparisons))" in tip
