"""What the app keeps of an analysis (core/analysis/summary.py): the score
band of every period against the core's analysis of that period, the
project fingerprint, and the project file's form (through the schema, a
save and a load)."""
from __future__ import annotations

import copy
import json

from pathlib import Path

import numpy as np
import pytest

from core.analysis.inputs import Uncertainty
from core.analysis.run import run_uncertainty
from core.analysis.summary import ARRAY_FIELDS, fingerprint, from_state, run_summary, to_state
from core.errors import ProjectFileError
from core.project import projectfile
from core.project.project import SetValues

ASEM_30 = Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"
SPEC = Uncertainty(replications=300, weights_noise=0.25, noise_levels=(2, 3), normalisations=("minmax", "rank"),
                   seed=5)


@pytest.fixture(scope="module")
def run():
    project = projectfile.load(ASEM_30)
    analysis, summary = run_summary(project, SPEC, sensitivity=True)
    return project, analysis, summary


def test_the_band_of_each_period_is_that_periods_analysis(run):
    project, analysis, summary = run
    root = project.framework.root
    assert summary.periods == list(project.dataset.periods) and summary.period == project.dataset.periods[-1]
    assert summary.band_low.shape == (len(summary.periods), 30)
    for t, period in enumerate(project.dataset.periods):
        result = run_uncertainty(project, SPEC, period=period)
        j = result.replicator.agg_row[root]
        assert np.array_equal(summary.band_low[t], result.statistics.p05_score[j])
        assert np.array_equal(summary.band_high[t], result.statistics.p95_score[j])
    # the analysed period's statistics are the analysis's own, for every node
    for f in ARRAY_FIELDS:
        assert np.array_equal(getattr(summary.statistics, f), getattr(analysis.uncertainty.statistics, f),
                              equal_nan=True)
    assert summary.sobol == analysis.sobol and [r["input"] for r in summary.sobol] == \
        ["weights_level_2", "weights_level_3", "normalisation"]
    low, high = summary.band(project.dataset.unit_codes[4])
    assert np.all(low <= high) and summary.band("nobody") is None


def test_fingerprint_follows_the_data_and_the_settings(run):
    project = projectfile.load(ASEM_30)
    first = fingerprint(project)
    assert first == run[2].fingerprint and run[2].is_current(project)
    ds = project.dataset
    old = float(ds.values[0, -1, 0])
    inverse = project.execute(SetValues([(ds.unit_codes[0], ds.periods[-1], ds.codes[0], old + 1)]))
    assert fingerprint(project) != first and not run[2].is_current(project)
    project.execute(inverse)
    assert fingerprint(project) == first
    settings = project.settings.copy()
    settings.apply("normalisation", "zscore")
    project.settings = settings
    second = fingerprint(project)
    assert second != first
    project.app_state["anything"] = 1                    # what the window keeps does not count
    project.info["title"] = "another"
    assert fingerprint(project) == second


def test_state_round_trip_through_the_project_file(run, tmp_path):
    project, _, summary = run
    project = copy.copy(project)
    project.app_state = {"analysis": to_state(summary)}
    text = projectfile.dumps(project)
    assert "NaN" not in text
    projectfile.save(project, tmp_path / "p.coindex")
    again = from_state(projectfile.load(tmp_path / "p.coindex").app_state["analysis"])
    assert again.spec == summary.spec and again.units == summary.units and again.root == summary.root
    assert again.period == summary.period and again.periods == summary.periods
    for f in ARRAY_FIELDS:
        assert np.array_equal(getattr(again.statistics, f), getattr(summary.statistics, f), equal_nan=True)
    assert np.array_equal(again.band_low, summary.band_low) and np.array_equal(again.band_high, summary.band_high)
    assert again.sobol == summary.sobol and again.fingerprint == summary.fingerprint
    # compact: the statistics and the band, not the 300 replications
    size = len(json.dumps(to_state(summary)))
    assert size < 60_000, size


def test_a_damaged_entry_is_refused_or_dropped(run):
    project, _, summary = run
    doc = json.loads(projectfile.dumps(project))
    doc["app_state"] = {"analysis": to_state(summary)}
    bad = copy.deepcopy(doc)
    bad["app_state"]["analysis"]["band"]["p95_score"][1][2] = "high"
    with pytest.raises(ProjectFileError, match=r"app_state\.analysis\.band\.p95_score\[1\]\[2\]: expected a number or "
                                               r"null, found text"):
        projectfile.loads(json.dumps(bad), "p.coindex")
    bad = copy.deepcopy(doc)
    bad["app_state"]["analysis"]["units"] = "U1"
    with pytest.raises(ProjectFileError, match=r"app_state\.analysis\.units: expected a list, found text"):
        projectfile.loads(json.dumps(bad), "p.coindex")
    # fits the schema but does not add up (a unit missing from the statistics): no analysis, not an error
    state = copy.deepcopy(doc["app_state"]["analysis"])
    state["units"] = state["units"][:-1]
    assert from_state(state) is None
    assert from_state({**doc["app_state"]["analysis"], "version": 2}) is None
    assert from_state(None) is None
    assert from_state(doc["app_state"]["analysis"]) is not None


def test_progress_runs_once_from_0_to_1_and_can_cancel():
    project = projectfile.load(ASEM_30)
    seen = []
    run_summary(project, Uncertainty(replications=50, weights_noise=0.2), sensitivity=True,
                progress=lambda f: seen.append(f))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0) and len(seen) >= 5
    from core.analysis.run import AnalysisCancelled
    calls = []
    with pytest.raises(AnalysisCancelled):
        run_summary(project, Uncertainty(replications=50, weights_noise=0.2),
                    progress=lambda f: calls.append(f) or len(calls) < 3)      # stop in the third period
    assert len(calls) == 3


def test_imputation_and_treatment_switches_over_every_period():
    """The same engine runs serve every period's band; the switches are
    kept with the summary, and a state written before they existed reads
    as none switched."""
    project = projectfile.load(ASEM_30)
    settings = project.settings.copy()
    settings.apply("imputation", "linear")
    project.settings = settings
    spec = Uncertainty(replications=200, imputations=("linear", "none"), treatments=("none", "winsorise"), seed=2)
    analysis, summary = run_summary(project, spec)
    root = project.framework.root
    for t, period in enumerate(project.dataset.periods):
        result = run_uncertainty(project, spec, period=period)
        j = result.replicator.agg_row[root]
        assert np.array_equal(summary.band_low[t], result.statistics.p05_score[j], equal_nan=True)
        assert np.array_equal(summary.band_high[t], result.statistics.p95_score[j], equal_nan=True)
    assert np.nanmax(summary.band_high - summary.band_low) > 0.1           # the switches move the index
    state = to_state(summary)
    assert state["spec"]["imputations"] == ["linear", "none"] and state["spec"]["treatments"] == ["none", "winsorise"]
    assert from_state(json.loads(json.dumps(state))).spec == summary.spec
    del state["spec"]["imputations"], state["spec"]["treatments"]
    older = from_state(state)
    assert older.spec.imputations == () and older.spec.treatments == ()
