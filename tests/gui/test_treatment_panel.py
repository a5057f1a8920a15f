"""The data treatment group of the method pane and the treatment log, on
the ASEM sample: the choices and their explanations come from the registry;
a choice recomputes (the composite equals a fresh core Engine's) as one undo
step; the log lists what was done per indicator and period."""
from __future__ import annotations

import numpy as np
import pytest

from core.methods.registry import IMPUTATIONS, TREATMENTS
from core.pipeline.engine import Engine
from core.project import projectfile
from gui.sheets.method_panel import MethodPanel
from gui.sheets.treatment_log import TreatmentLog

ASEM = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"


@pytest.fixture
def project():
    return projectfile.load(ASEM)


@pytest.fixture
def panel(qtbot, document):
    widget = MethodPanel(document)
    qtbot.addWidget(widget)
    return widget.treatment_group


def choose(box, value):
    k = box.findData(value)
    assert k >= 0, value
    box.setCurrentIndex(k)
    box.activated.emit(k)


def composite(project):
    return project.engine.score(project.framework.root).copy()


def test_the_choices_and_their_explanations_come_from_the_registry(panel):
    box = panel.treatment_box
    assert [box.itemData(k) for k in range(box.count())] == list(TREATMENTS)
    k = box.findData("winsorise")
    assert box.itemText(k) == TREATMENTS["winsorise"].label["en"]
    assert box.itemData(k, 3) == TREATMENTS["winsorise"].text["en"]
    assert [panel.imputation_box.itemData(k) for k in range(panel.imputation_box.count())] == list(IMPUTATIONS)
    assert panel.group_box.count() == 4 and not panel.group_box.isEnabled()


def test_choosing_winsorise_recomputes_logs_and_undoes(qtbot, panel, document):
    project = document.project
    log = TreatmentLog(document)
    qtbot.addWidget(log)
    assert log.table.rowCount() == 0 and "No data treatment" in log.summary.text()
    before = composite(project)
    choose(panel.treatment_box, "winsorise")
    assert project.settings.treatment == "winsorise"
    after = composite(project)
    fresh = Engine(project.framework, project.dataset, project.settings).score(project.framework.root)
    assert np.allclose(after, fresh, equal_nan=True) and not np.allclose(after, before, equal_nan=True)
    assert "COINr" in panel.explanation.text()
    rows = {(log.table.item(r, 0).text(), log.table.item(r, 1).text()): log.table.item(r, 2).text()
            for r in range(log.table.rowCount())}
    assert log.table.rowCount() == 49 * 5
    assert rows[("Gas", "2018")] == "winsorised (1 points)" and rows[("LPI", "2018")] == "passed"
    document.undo_stack.undo()
    assert project.settings.treatment == "none" and panel.treatment_box.currentData() == "none"
    assert np.allclose(composite(project), before, equal_nan=True)
    assert log.table.rowCount() == 0


def test_group_imputation_takes_the_first_group_and_screening_a_share(panel, document):
    choose(panel.imputation_box, "group_mean")
    s = document.project.settings
    assert s.imputation == "group_mean" and s.imputation_group == "GDP_group" and panel.group_box.isEnabled()
    panel.screen_check.setChecked(True)
    assert document.project.settings.screen_threshold == pytest.approx(0.9)
    panel.screen_spin.setValue(50)
    assert document.project.settings.screen_threshold == pytest.approx(0.5)
    panel.screen_check.setChecked(False)
    assert document.project.settings.screen_threshold is None
