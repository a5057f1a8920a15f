"""MethodPanel: the form shows the project's settings; a change recomputes at
once (the composite equals a fresh core Engine's) as one undo step; a change
the core refuses is reported and the form goes back; undo and redo move the
form with the settings."""
from __future__ import annotations

import re

import numpy as np
import pytest

from core.model.dataset import Dataset
from core.pipeline.engine import Engine
from core.project.project import Project
from core.project.structure import SetWeight
from gui.sheets.framework_tree import FrameworkTree
from gui.sheets.method_panel import MethodPanel


@pytest.fixture
def project(project):
    """The sample with a second unit (its values times 0.8 to 1.3), so that
    the methods comparing units can be chosen."""
    ds = project.dataset
    scale = np.linspace(0.8, 1.3, ds.values.shape[2])
    values = np.concatenate([ds.values, ds.values * scale], axis=0)
    data = Dataset(list(ds.unit_codes) + ["OTHER"], list(ds.unit_names) + ["Other"], ds.periods, ds.codes, values)
    return Project(project.framework, data, project.settings, project.provenance, project.app_state, project.info)


@pytest.fixture
def panel(qtbot, document):
    widget = MethodPanel(document)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def messages(panel):
    out = []
    panel.statusMessage.connect(out.append)
    return out


def choose(box, value):
    """Pick an item as a user does (activated is what the panel listens to)."""
    k = box.findData(value)
    assert k >= 0, value
    box.setCurrentIndex(k)
    box.activated.emit(k)


def fresh_composite(project):
    return Engine(project.framework, project.dataset, project.settings).score(project.framework.root)


def composite(project):
    return project.engine.score(project.framework.root).copy()


def test_form_shows_the_project_settings(panel, document):
    s = document.project.settings
    assert panel.normalisation_box.currentData() == s.normalisation == "fixed_base"
    assert panel.base_year_box.currentData() == s.base_year == 2020
    assert [panel.base_year_box.itemData(k) for k in range(panel.base_year_box.count())] == \
        document.project.dataset.periods
    assert panel.aggregation_box.currentData() == "arithmetic"
    assert panel.weighting_box.currentData() == "equal"
    assert (panel.minmax_lower.value(), panel.minmax_upper.value()) == (0.0, 100.0)
    assert not panel.pooled_check.isChecked()
    assert not panel.power_spin.isEnabled()              # only for the generalised mean
    assert not panel.minmax_lower.isEnabled()            # only for min-max
    assert panel.normalisation_box.currentText() == "Fixed base (base year = 100)"


def test_normalisation_change_recomputes_and_undoes(panel, document):
    project = document.project
    before, count = composite(project), document.undo_stack.count()
    choose(panel.normalisation_box, "minmax")
    choose(panel.normalisation_box, "minmax")            # the same again: no step
    assert project.settings.normalisation == "minmax"
    assert document.undo_stack.count() == count + 1
    after = composite(project)
    assert not np.allclose(after, before, equal_nan=True)
    assert np.array_equal(after, fresh_composite(project), equal_nan=True)
    assert panel.minmax_lower.isEnabled()
    document.undo_stack.undo()
    assert project.settings.normalisation == "fixed_base"
    assert panel.normalisation_box.currentData() == "fixed_base"      # the form follows undo
    assert np.array_equal(composite(project), before)
    document.undo_stack.redo()
    assert panel.normalisation_box.currentData() == "minmax"
    assert np.array_equal(composite(project), after, equal_nan=True)


def test_base_year_change(panel, document):
    project = document.project
    choose(panel.base_year_box, 2022)
    assert project.settings.base_year == 2022
    t = project.dataset.period_index[2022]
    assert composite(project)[0, t] == pytest.approx(100.0)
    assert np.array_equal(composite(project), fresh_composite(project))


def test_pooled_minmax_range_and_zscore(panel, document):
    project = document.project
    choose(panel.normalisation_box, "minmax")
    panel.pooled_check.setChecked(True)
    assert project.settings.pooled
    panel.minmax_lower.setValue(1.0)
    assert project.settings.minmax_range == (1.0, 100.0)
    assert np.nanmin(project.engine.scores[:len(project.dataset.codes)]) == pytest.approx(1.0)
    assert np.array_equal(composite(project), fresh_composite(project))
    choose(panel.normalisation_box, "zscore")
    panel.zscore_sd_spin.setValue(10.0)
    panel.zscore_mean_spin.setValue(100.0)
    assert (project.settings.zscore_mean, project.settings.zscore_sd) == (100.0, 10.0)
    assert np.array_equal(composite(project), fresh_composite(project))
    assert document.undo_stack.count() == 6


def test_minmax_range_refused_reverts(panel, document, messages):
    choose(panel.normalisation_box, "minmax")
    count = document.undo_stack.count()
    panel.minmax_lower.setValue(150.0)
    assert "L < U" in messages[-1]
    assert panel.minmax_lower.value() == 0.0
    assert document.project.settings.minmax_range == (0.0, 100.0)
    assert document.undo_stack.count() == count


def test_refused_aggregation_shows_core_message_and_reverts(panel, document, messages):
    """Pooled min-max to 0..100 gives zeros, which a geometric mean cannot take."""
    project = document.project
    choose(panel.normalisation_box, "minmax")
    panel.pooled_check.setChecked(True)
    before, count = composite(project), document.undo_stack.count()
    choose(panel.aggregation_box, "geometric")
    # the message names the mean, the normalisation, the place and advice that fits min-max
    assert messages[-1].startswith("Geometric mean of '") and "scores above zero" in messages[-1]
    assert "under the normalisation Min-max" in messages[-1] and re.search(r"unit '\w+', period 20\d\d", messages[-1])
    assert "set the min-max range above zero" in messages[-1]
    assert panel.aggregation_box.currentData() == "arithmetic"
    assert project.settings.aggregation == "arithmetic"
    assert document.undo_stack.count() == count
    assert np.array_equal(composite(project), before, equal_nan=True)
    # with the range moved above zero the same mean is accepted
    panel.minmax_lower.setValue(1.0)
    choose(panel.aggregation_box, "geometric")
    assert project.settings.aggregation == "geometric"
    assert np.array_equal(composite(project), fresh_composite(project), equal_nan=True)


def test_generalised_mean_power(panel, document):
    project = document.project
    choose(panel.aggregation_box, "generalised")
    assert panel.power_spin.isEnabled()
    two = composite(project)
    panel.power_spin.setValue(3.0)
    assert project.settings.power == 3.0
    assert not np.allclose(composite(project), two)
    assert np.array_equal(composite(project), fresh_composite(project))
    document.undo_stack.undo()
    assert panel.power_spin.value() == 2.0


def test_weighting_change_moves_tree_shares(qtbot, panel, document):
    tree = FrameworkTree(document)
    qtbot.addWidget(tree)
    document.execute(SetWeight("RA", 0.6))
    equal = tree.model.share("RA")
    choose(panel.weighting_box, "manual")
    assert document.project.settings.weighting == "manual"
    assert tree.model.share("RA") == pytest.approx(0.6 / 1.4) != pytest.approx(equal)
    assert np.array_equal(composite(document.project), fresh_composite(document.project))


def test_retranslate_keeps_values(panel, document):
    choose(panel.normalisation_box, "rank")
    panel.retranslateUi()
    assert panel.normalisation_box.currentData() == "rank"
    assert panel.normalisation_group.title() == "Normalisation"
    assert document.project.settings.normalisation == "rank"


def test_score_decimals_are_chosen_in_the_display_group_and_undone(panel, document):
    box = panel.decimals_box
    assert box.currentIndex() == 0 and document.project.settings.score_decimals is None
    assert box.itemText(0).startswith("automatic")
    choose(box, 3)
    assert document.project.settings.score_decimals == 3
    assert document.undo_stack.undoText() == "Method: Score decimals"
    document.undo_stack.undo()
    assert document.project.settings.score_decimals is None and box.currentIndex() == 0
    document.undo_stack.redo()
    assert box.currentText() == "3"


def test_each_group_links_to_its_formulas_in_docs_methods(panel, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from gui.sheets import method_panel
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    doc = method_panel.METHODS_DOC.read_text(encoding="utf-8")
    for label, heading in ((panel.normalisation_link, "## 1. Normalisation"),
                           (panel.aggregation_link, "## 2. Aggregation")):
        assert heading in doc and not label.isHidden()
        href = label.text().split('"')[1]
        assert href.startswith("file://") and href.endswith("#" + label.property("anchor"))
        label.linkActivated.emit(href)
        assert opened[-1] == href
    assert "docs/methods.md" in panel.normalisation_link.text()
