"""The framework tree shows an aggregate's own aggregation (set per node)
when it differs from the project's: a suffix on its name with the method's
label from the registry, and a line in its tooltip; in Chinese too."""
from __future__ import annotations

from PySide6.QtCore import Qt

from core.methods.registry import AGGREGATIONS
from core.project.project import SetSettings
from gui.sheets.framework_model import NAME_COLUMN, FrameworkModel


def set_settings(document, **pairs):
    s = document.project.settings.copy()
    for k, v in pairs.items():
        s.apply(k.replace("__", "."), v)
    assert document.execute(SetSettings(s), "settings")


def test_a_node_with_its_own_mean_says_so(qtbot, qtmodeltester, document):
    model = FrameworkModel(document)
    name = document.project.framework["RA"].name
    index = model.index_of("RA", NAME_COLUMN)
    assert index.data(Qt.DisplayRole) == f"{name} (RA)"
    with qtbot.waitSignal(model.dataChanged):
        set_settings(document, aggregation__RA="geometric")
    assert document.project.engine.aggregation["RA"] == "geometric"
    assert index.data(Qt.DisplayRole) == f"{name} (RA)  · " + AGGREGATIONS["geometric"].label["en"]
    assert "Aggregated by Geometric mean, not the project's Arithmetic mean" in index.data(Qt.ToolTipRole)
    # its siblings and the index follow the project's mean: no suffix
    assert model.index_of("IC", NAME_COLUMN).data(Qt.DisplayRole).endswith("(IC)")
    assert "Aggregated by" not in model.index_of("IC", NAME_COLUMN).data(Qt.ToolTipRole)
    # the project's mean set to geometric as well: RA no longer differs, and IC follows the project
    set_settings(document, aggregation="geometric")
    assert index.data(Qt.DisplayRole) == f"{name} (RA)"
    assert model.index_of("IC", NAME_COLUMN).data(Qt.DisplayRole).endswith("(IC)")
    qtmodeltester.check(model)
    # undone: back to plain names
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert index.data(Qt.DisplayRole) == f"{name} (RA)"
    assert model.index_of("IC", NAME_COLUMN).data(Qt.DisplayRole).endswith("(IC)")


def test_the_own_mean_in_chinese(qtbot, qapp, document):
    from gui.base import i18n
    set_settings(document, aggregation__RA="harmonic")
    i18n.install_language(qapp, "zh_CN", remember=False)
    try:
        model = FrameworkModel(document)
        index = model.index_of("RA", NAME_COLUMN)
        assert index.data(Qt.DisplayRole).endswith("  · 调和平均")
        assert "按调和平均汇总，而非项目的算术平均" in index.data(Qt.ToolTipRole)
    finally:
        i18n.install_language(qapp, "en", remember=False)
