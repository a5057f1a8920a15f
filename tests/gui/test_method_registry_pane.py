"""The method pane reads the registry: its combo items and their tooltips,
its labels in Chinese, and a number field for a registered method's own
parameter, which reaches the project's settings."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.methods.registry import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS
from gui.sheets import framework_model, method_panel
from gui.sheets.method_panel import MethodPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))   # the toy method of the core tests
from test_method_registry import toy_method  # noqa: E402


def items(box, role=Qt.UserRole):
    return [box.itemData(k, role) for k in range(box.count())]


def test_combo_items_and_tooltips_are_the_registry_s(qtbot, document):
    panel = MethodPanel(document)
    qtbot.addWidget(panel)
    assert items(panel.normalisation_box) == list(NORMALISATIONS)
    assert items(panel.aggregation_box) == list(AGGREGATIONS)
    # the methods that can work on the one-unit sample have the registry's text; the others say why not
    usable = ("fixed_base", "none", "scaled")
    tips = dict(zip(NORMALISATIONS, items(panel.normalisation_box, Qt.ToolTipRole)))
    assert {k: tips[k] for k in usable} == {k: NORMALISATIONS[k].text["en"] for k in usable}
    assert all(tips[k].startswith("Not available here: it ") for k in NORMALISATIONS if k not in usable)
    assert items(panel.aggregation_box, Qt.DisplayRole) == [m.label["en"] for m in AGGREGATIONS.values()]
    assert items(panel.weighting_box) == list(WEIGHTINGS)
    assert items(panel.weighting_box, Qt.ToolTipRole) == [m.text["en"] for m in WEIGHTINGS.values()]


def test_chinese_mode_shows_the_registry_s_chinese(qtbot, document, monkeypatch):
    panel = MethodPanel(document)
    qtbot.addWidget(panel)
    monkeypatch.setattr(method_panel, "is_chinese", lambda: True)
    monkeypatch.setattr(framework_model, "is_chinese", lambda: True)
    panel.retranslateUi()
    assert items(panel.normalisation_box, Qt.DisplayRole) == [m.label["zh"] for m in NORMALISATIONS.values()]
    # (the aggregations comparing units cannot work on the one-unit sample: their tooltip says why)
    tips = dict(zip(AGGREGATIONS, items(panel.aggregation_box, Qt.ToolTipRole)))
    usable = [n for n in AGGREGATIONS if n not in ("mpi", "copeland", "topsis")]
    assert [tips[n] for n in usable] == [AGGREGATIONS[n].text["zh"] for n in usable]
    assert all(tips[n].startswith("Not available here: it compares the units") for n in ("mpi", "copeland", "topsis"))
    assert items(panel.weighting_box, Qt.DisplayRole) == [m.label["zh"] for m in WEIGHTINGS.values()]


def test_a_registered_method_and_its_parameter_appear_in_the_pane(qtbot, document):
    with toy_method() as toy:
        panel = MethodPanel(document)
        qtbot.addWidget(panel)
        assert "scale_max" in items(panel.normalisation_box)
        spin = panel.param_spins["scale_top"]
        assert spin.toolTip() == toy.parameters[0].help and not spin.isEnabled()
        k = panel.normalisation_box.findData("scale_max")
        panel.normalisation_box.setCurrentIndex(k)
        panel.normalisation_box.activated.emit(k)
        assert document.project.settings.normalisation == "scale_max" and spin.isEnabled()
        spin.setValue(40.0)
        assert document.project.settings.scale_top == pytest.approx(40.0)
        assert document.project.engine.scores[:document.project.engine.n_ind].max() == pytest.approx(40.0)
