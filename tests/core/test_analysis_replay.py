"""The uncertainty analysis replays COINr 1.1.14's (tests/data/coinr-asem,
sa_default_*: 100 replications of noisy weights at levels 2 and 3 and a
normalisation drawn from min-max and z-score): the Index of every unit in
every replication to 1e-9, and COINr's rank statistics.  The vectorised
replications also equal engine runs with the same assumptions."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from core.analysis import statistics
from core.analysis.inputs import Design, Uncertainty
from core.analysis.replicate import Replicator
from core.importing.inputs import load_input
from core.model.dataset import Dataset
from core.pipeline.engine import Engine

TOL = 1e-9
COINR_NORMS = {"n_minmax(0,100)": "minmax", "n_zscore(0,1)": "zscore"}


@pytest.fixture(scope="module")
def asem(ref_dir):
    return load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv")


@pytest.fixture(scope="module")
def replay(asem, ref_dir):
    """(replicator, weights (100, nodes), normalisation (100,), scores) of COINr's 100 replications."""
    rep = Replicator(asem.framework, asem.dataset, asem.settings, ["minmax", "zscore"], [])
    sets = pd.read_csv(ref_dir / "sa_default_noisy_weight_sets.csv")
    params = pd.read_csv(ref_dir / "sa_default_ua_params.csv").sort_values("rep")
    assert list(params["rep"]) == list(range(1, 101))
    W = np.tile(rep.weights, (100, 1))
    column = {c: k for k, c in enumerate(rep.codes)}
    for r, s in enumerate(params["Weights_set"]):
        one = sets[sets["set"] == s]
        assert len(one) == 60
        for code, w in zip(one["iCode"], one["Weight"]):
            if code != asem.framework.root:                 # the index's own weight is never used
                W[r, column[code]] = w
    norm = np.array([rep.normalisations.index(COINR_NORMS[n]) for n in params["Normalisation"]])
    S = rep.scores(W, norm, np.zeros(100, dtype=int))
    return rep, W, norm, S


def test_every_replication_equals_coinr(replay, ref_dir):
    rep, _, norm, S = replay
    ref = pd.read_csv(ref_dir / "sa_default_ua_scores.csv").set_index("uCode")
    assert set(ref.index) == set(rep.units)
    j = rep.agg_row["Index"]
    got = pd.DataFrame(S[:, j, :].T, index=rep.units, columns=[f"r_{k}" for k in range(1, 101)]).loc[ref.index]
    diff = (got - ref[got.columns]).abs().to_numpy()
    assert np.isfinite(got.to_numpy()).all()
    assert diff.max() <= TOL, f"largest difference {diff.max():.3g}"
    # both normalisations were really replayed, and they give different scores
    assert set(norm) == {0, 1}
    assert abs(got["r_1"].mean() - got["r_2"].mean()) > 10
    nominal = pd.Series(rep.nominal_scores[j], index=rep.units).loc[ref.index]
    assert (nominal - ref["Nominal"]).abs().max() <= TOL


def test_rank_statistics_equal_coinr(replay, ref_dir):
    rep, _, _, S = replay
    ref = pd.read_csv(ref_dir / "sa_default_ua_rankstats.csv").set_index("uCode").loc[rep.units]
    st = statistics.summarise(rep, S)
    j = rep.agg_row["Index"]
    for ours, theirs in (("nominal_rank", "Nominal"), ("mean_rank", "Mean"), ("median_rank", "Median"),
                         ("p05_rank", "Q5"), ("p95_rank", "Q95")):
        got = getattr(st, ours)[j]
        assert np.abs(got - ref[theirs].to_numpy()).max() <= TOL, ours
    # interpolated percentiles are there (numpy's linear rule = R's type 7)
    assert (ref["Q95"] % 1 != 0).any()


def test_percentiles_are_numpys_linear_ones(replay):
    rep, _, _, S = replay
    st = statistics.summarise(rep, S)
    j = rep.agg_row["Sust"]
    scores = S[:, j, :]
    assert np.allclose(st.p05_score[j], np.percentile(scores, 5, axis=0), rtol=0, atol=0)
    assert np.allclose(st.p95_score[j], np.percentile(scores, 95, axis=0), rtol=0, atol=0)
    # ranks within one replication: 1 = best, ties at the lowest rank
    r = rep.ranks(np.array([[3.0, 9.0, 9.0, np.nan, 1.0]]))
    assert r[0, :3].tolist() == [3.0, 1.0, 1.0] and np.isnan(r[0, 3]) and r[0, 4] == 4.0


def _engine_with(asem, weights, left_out, settings_changes):
    """An engine run with the framework's weights replaced and one indicator's data removed."""
    fw = asem.framework
    for code, w in weights.items():
        fw = fw.with_node(replace(fw[code], weight=w))
    values = asem.dataset.values.copy()
    if left_out is not None:
        values[:, :, asem.dataset.code_index[left_out]] = np.nan
    ds = asem.dataset
    data = Dataset(ds.unit_codes, ds.unit_names, ds.periods, ds.codes, values)
    st = asem.settings.copy()
    for k, v in settings_changes.items():
        st.apply(k, v)
    return Engine(fw, data, st)


def test_vectorised_replications_equal_engine_runs(asem):
    """Noisy weights at every level, geometric or arithmetic, an indicator
    left out (weight 0 in the replication, its data removed in the engine)."""
    st = asem.settings.copy()
    st.apply("minmax_range", "1,100")
    project = replace_settings(asem, st)
    spec = Uncertainty(replications=6, weights_noise=0.4, noise_levels=(1, 2, 3), normalisations=("minmax",),
                       aggregations=("arithmetic", "geometric"), leave_out=True, seed=7).checked({1, 2, 3})
    rep = Replicator(project.framework, project.dataset, project.settings, spec.normalisations, spec.aggregations)
    design = Design(spec, rep)
    rows = design.draw(6, 7)
    rows[:, -1] = [0.0, 0.5, 0.99, 0.3, 0.0, 0.7]              # the left-out choice: none, and some indicators
    a = design.assumptions(rows)
    S = rep.scores(a.weights, a.normalisation, a.aggregation)
    assert set(a.aggregation) == {0, 1} and (a.left_out >= 0).sum() == 4
    for r in range(6):
        left = rep.codes[a.left_out[r]] if a.left_out[r] >= 0 else None
        weights = {c: a.weights[r, k] for k, c in enumerate(rep.codes) if np.isfinite(rep.weights[k]) and c != left}
        eng = _engine_with(project, weights, left, {"minmax_range": "1,100",
                                                      "aggregation": rep.aggregations[a.aggregation[r]]})
        for j, code in enumerate(rep.aggregates):
            assert np.allclose(S[r, j], eng.score(code)[:, 0], rtol=0, atol=1e-9, equal_nan=True), (r, code)


def replace_settings(project, settings):
    class P:
        framework, dataset = project.framework, project.dataset
    P.settings = settings
    return P
