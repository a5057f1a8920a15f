"""The Analysis pane (gui/analysis) on the bundled ASEM project (30
countries, 2018-2022): the form's choices, a run in the worker thread with
its progress, the charts against the core's numbers, Cancel, refusals, a
changed project, the state for the project file, and Chinese."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from core.analysis.inputs import Uncertainty
from core.analysis.run import run_analysis
from core.project import projectfile
from core.project.project import SetSettings

from gui.analysis.pane import AnalysisPane
from gui.base.document import ProjectDocument
from gui.window.loading import SAMPLE_PATH

ASEM_30 = SAMPLE_PATH.parent / "asem-30.coindex"


@pytest.fixture
def asem_document(qtbot):
    doc = ProjectDocument(projectfile.load(ASEM_30))
    yield doc
    doc.close()


@pytest.fixture
def pane(qtbot, asem_document):
    w = AnalysisPane(asem_document)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.cancel(quiet=True)


def tick(box, *names):
    for k in range(box.count()):
        item = box.item(k)
        item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in names else Qt.Unchecked)


def run_and_wait(qtbot, pane, timeout=60_000):
    with qtbot.waitSignal(pane.finished, timeout=timeout) as blocker:
        pane.run()
    return blocker.args[0]


def test_the_form_makes_the_specification(pane):
    spec = pane.spec()
    assert spec == Uncertainty(replications=1000, weights_noise=0.25, noise_levels=(2, 3),
                               normalisations=("minmax",), aggregations=("arithmetic",), seed=0)
    assert sorted(pane._level_boxes) == [1, 2, 3]
    tick(pane.normalisations, "minmax", "zscore")
    pane._level_boxes[1].setChecked(True)
    pane._level_boxes[3].setChecked(False)
    pane.noise.setValue(0.1)
    pane.leave_out.setChecked(True)
    pane.replications.setValue(300)
    pane.seed.setValue(5)
    assert pane.spec() == Uncertainty(replications=300, weights_noise=0.1, noise_levels=(1, 2),
                                      normalisations=("minmax", "zscore"), aggregations=("arithmetic",),
                                      leave_out=True, seed=5)
    for lev in (1, 2, 3):
        pane._level_boxes[lev].setChecked(False)
    assert pane.spec().weights_noise == 0.0 and pane.spec().noise_levels == ()


def test_before_a_run_the_charts_say_why_they_are_empty(pane):
    assert pane.rank_chart.empty_message() == "Run the analysis to see how far the results can move"
    assert pane.sobol_chart.empty_message() == "Run the analysis to see how far the results can move"
    assert pane.cancel_button.isEnabled() is False and pane.run_button.isEnabled()


def test_a_run_shows_the_cores_numbers(qtbot, pane, asem_document):
    tick(pane.normalisations, "minmax", "zscore")
    pane.replications.setValue(500)
    pane.sensitivity.setChecked(True)
    analysis = run_and_wait(qtbot, pane)
    assert pane.progress.value() == 1000 and pane.run_button.isEnabled() and not pane.cancel_button.isEnabled()
    assert pane.status.text().startswith("500 replications in ")
    # the same analysis by the core, directly
    want = run_analysis(asem_document.project, pane.spec(), sensitivity=True)
    rep = want.uncertainty.replicator
    j = rep.agg_row[rep.framework.root]
    st = want.uncertainty.statistics
    chart = pane.rank_chart
    rows = chart.rows()
    assert len(rows) == min(30, chart.room()) >= 5
    assert st.nominal_rank[j][rows].tolist() == sorted(st.nominal_rank[j].tolist())[:len(rows)]
    x, _ = chart.nominal.getData()
    assert x.tolist() == st.nominal_rank[j][rows].tolist()
    assert chart.median.getData()[0].tolist() == st.median_rank[j][rows].tolist()
    assert chart.interval.opts["x"].tolist() == st.p05_rank[j][rows].tolist()
    assert (chart.interval.opts["x"] + chart.interval.opts["right"]).tolist() == st.p95_rank[j][rows].tolist()
    assert chart.title() == "Rank intervals of the index, 2022 (5th to 95th percentile)"
    ticks = chart.plot_item.getAxis("left")._tickLevels[0]
    assert ticks[0][1] == chart.unit_name(list(asem_document.project.dataset.unit_codes).index(rep.units[rows[0]]))
    sobol = pane.sobol_chart
    assert sobol.empty_message() == ""
    assert [sobol.input_label(s["input"]) for s in want.sobol] == ["Weights, level 2", "Weights, level 3",
                                                                   "Normalisation"]
    assert sobol.first.opts["height"].tolist() == [s["S1"] for s in want.sobol]
    assert sobol.total.opts["height"].tolist() == [s["ST"] for s in want.sobol]
    assert analysis.sobol == want.sobol


def test_as_many_units_as_fit(qtbot, pane):
    pane.replications.setValue(100)
    pane.resize(1200, 1400)
    run_and_wait(qtbot, pane)
    assert len(pane.rank_chart.rows()) == 30 and pane.rank_chart.note_item.text == "100 replications"
    pane.resize(1200, 500)
    qtbot.waitUntil(lambda: len(pane.rank_chart.rows()) < 30)
    m = len(pane.rank_chart.rows())
    assert m == pane.rank_chart.room()
    assert pane.rank_chart.note_item.text == f"Best {m} of 30 units"
    ticks = pane.rank_chart.plot_item.getAxis("left")._tickLevels[0]
    assert len(ticks) == m


def test_the_intervals_are_painted(qtbot, pane):
    tick(pane.normalisations, "minmax", "zscore")
    pane.replications.setValue(200)
    run_and_wait(qtbot, pane)
    image = pane.rank_chart.grab().toImage()
    blue = QColor(pane.rank_chart.theme.colour(0))
    hits = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            if abs(c.red() - blue.red()) + abs(c.green() - blue.green()) + abs(c.blue() - blue.blue()) < 30:
                hits += 1
    assert hits > 100, hits                     # many interval lines in the series colour
    # a pane on a document without an analysis draws none
    fresh = ProjectDocument(projectfile.load(ASEM_30))
    empty = AnalysisPane(fresh)
    qtbot.addWidget(empty)
    empty.resize(1200, 800)
    empty.show()
    blank = empty.rank_chart.grab().toImage()
    assert sum(1 for y in range(0, blank.height(), 2) for x in range(0, blank.width(), 2)
               if QColor(blank.pixelColor(x, y)) == blue) == 0


def test_cancel_stops_waiting(qtbot, pane):
    tick(pane.normalisations, "minmax", "zscore")
    pane.replications.setValue(100_000)
    pane.sensitivity.setChecked(True)
    seen = []
    pane.finished.connect(seen.append)
    pane.run()
    assert pane.running and pane.cancel_button.isEnabled() and not pane.run_button.isEnabled()
    qtbot.mouseClick(pane.cancel_button, Qt.LeftButton)
    assert not pane.running and pane.run_button.isEnabled() and not pane.cancel_button.isEnabled()
    assert pane.status.text() == "Cancelled" and pane.progress.value() == 0
    qtbot.wait(1500)
    assert seen == [] and pane.rank_chart.analysis is None


def test_a_refused_choice_is_said_in_the_status_line(qtbot, pane):
    tick(pane.aggregations, "arithmetic", "geometric")
    with qtbot.waitSignal(pane.statusMessage, timeout=30_000,
                          check_params_cb=lambda text: "geometric mean needs values above zero" in text):
        pane.run()
    assert "--set minmax_range=1,100" in pane.status.text()
    assert pane.run_button.isEnabled() and pane.rank_chart.analysis is None


def test_a_changed_project_marks_the_results_out_of_date(qtbot, pane, asem_document):
    pane.replications.setValue(100)
    run_and_wait(qtbot, pane)
    settings = asem_document.project.settings.copy()
    settings.apply("normalisation", "zscore")
    assert asem_document.execute(SetSettings(settings))
    assert pane.status.text() == "The project has changed since this analysis: run it again to update it"
    assert pane.rank_chart.analysis is not None
    asem_document.structureChanged.emit()
    assert pane.rank_chart.analysis is None and pane.rank_chart.empty_message() != ""


def test_state_round_trip(qtbot, pane, asem_document):
    tick(pane.normalisations, "minmax", "zscore")
    pane.sensitivity.setChecked(True)
    pane.seed.setValue(42)
    pane._level_boxes[2].setChecked(False)
    state = pane.project_state()
    assert state == {"replications": 1000, "weights_noise": 0.25, "noise_levels": [3],
                     "normalisations": ["minmax", "zscore"], "aggregations": ["arithmetic"], "leave_out": False,
                     "sensitivity": True, "seed": 42, "imputation_on_off": False, "treatment_on_off": False}
    other = AnalysisPane(asem_document)
    qtbot.addWidget(other)
    assert other.project_state() != state
    other.restore_project_state(state)
    assert other.project_state() == state and other.spec() == pane.spec()
    # a hand-edited file: unreadable values leave their fields alone
    other.restore_project_state({"replications": "many", "seed": 7, "noise_levels": 3, "normalisations": ["zscore"]})
    assert other.project_state() == {**state, "seed": 7, "normalisations": ["zscore"]}
    other.restore_project_state(None)
    assert other.project_state()["seed"] == 7


def test_imputation_and_treatment_switches(qtbot, pane, asem_document):
    """Disabled, saying why, while the project has no imputation or
    treatment; once it has, they name its methods, switch them on and off
    in the replications, and their Sobol bars are drawn."""
    imp, treat = pane.imputation_switch, pane.treatment_switch
    assert not imp.isEnabled() and imp.text() == "Imputation on and off"
    assert pane.imputation_note.text() == ("Disabled: the project imputes no values (choose an imputation method in "
                                           "the method settings)")
    assert not treat.isEnabled() and treat.text() == "Outlier treatment on and off"
    assert pane.treatment_note.text().startswith("Disabled: the project treats no outliers")
    assert imp.toolTip() == pane.imputation_note.text() and pane.imputation_note.isVisible()
    imp.setChecked(True)
    assert pane.spec().imputations == ()                 # a disabled switch switches nothing
    settings = asem_document.project.settings.copy()
    settings.apply("imputation", "linear")
    settings.apply("treatment", "winsorise")
    assert asem_document.execute(SetSettings(settings))
    assert imp.isEnabled() and pane.imputation_note.text() == ("Each replication imputes missing values as the "
                                                               "project does (Linear interpolation) or leaves "
                                                               "them missing")
    assert treat.isEnabled() and pane.treatment_note.text().startswith("Each replication treats outliers as the "
                                                                       "project does (Winsori")
    assert pane.spec().imputations == ("linear", "none") and pane.spec().treatments == ()
    treat.setChecked(True)
    pane.replications.setValue(256)
    pane.sensitivity.setChecked(True)
    spec = pane.spec()
    assert spec.treatments == ("winsorise", "none")
    analysis = run_and_wait(qtbot, pane)
    want = run_analysis(asem_document.project, spec, sensitivity=True)
    assert analysis.sobol == want.sobol
    sobol = pane.sobol_chart
    assert [sobol.input_label(s["input"]) for s in want.sobol] == ["Weights, level 2", "Weights, level 3",
                                                                   "Imputation", "Outlier treatment"]
    assert sobol.total.opts["height"].tolist() == [s["ST"] for s in want.sobol]
    assert max(s["ST"] for s in want.sobol[2:]) > 0.05
    records = analysis.uncertainty.replication_records()
    assert {(r["imputation"], r["treatment"]) for r in records} == {("linear", "winsorise"), ("linear", "none"),
                                                                     ("none", "winsorise"), ("none", "none")}
    state = pane.project_state()
    assert state["imputation_on_off"] is True and state["treatment_on_off"] is True
    # the project's imputation switched off again: the switch says so and is left out
    settings = settings.copy()
    settings.apply("imputation", "none")
    assert asem_document.execute(SetSettings(settings))
    assert not imp.isEnabled() and pane.spec().imputations == () and pane.spec().treatments == ("winsorise", "none")


def test_in_chinese(qtbot, asem_document, qapp):
    from gui.base import i18n
    try:
        assert i18n.install_language(qapp, "zh", remember=False)
        w = AnalysisPane(asem_document)
        qtbot.addWidget(w)
        assert w.run_button.text() == "运行分析"
        assert w.sensitivity.text() == "敏感性分析（Sobol 指数）"
        assert w.rank_chart.empty_message() == "运行分析以查看结果可能的变动范围"
        assert w.sobol_chart.input_label("weights_level_2") == "权重（第 2 层）"
        assert w.sobol_chart.input_label("imputation") == "插补"
        assert w.imputation_switch.text() == "插补开或关"
        assert w.imputation_note.text().startswith("不可用：项目未插补任何值")
    finally:
        i18n.install_language(qapp, "en", remember=False)
