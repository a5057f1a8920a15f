"""The uncertainty analysis: inputs and their checks, seeded sampling,
statistics on a small index worked by hand, and Sobol indices (SALib) on
the Ishigami function against its analytic indices."""
from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from core.analysis import sobol, statistics
from core.analysis.inputs import Uncertainty
from core.analysis.run import RANK_CHANGE, prepare, run_sensitivity, run_uncertainty
from core.errors import SettingsError
from core.importing.inputs import load_input
from core.model.dataset import Dataset
from core.model.framework import Framework, Node
from core.model.settings import Settings


@pytest.fixture(scope="module")
def asem(ref_dir):
    return load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv")


class Small:
    """Three units, indicators a, b (pillar P) and c, P and c under the index I."""
    framework = Framework([Node("a", parent="P"), Node("b", parent="P", weight=3.0), Node("c", parent="I"),
                           Node("P", parent="I", type="Aggregate"), Node("I", type="Aggregate")])
    dataset = Dataset(["X", "Y", "Z"], ["X", "Y", "Z"], [None], ["a", "b", "c"],
                      np.array([[[0.0, 10.0, 5.0]], [[10.0, 0.0, 5.0]], [[5.0, 5.0, 0.0]]]))
    settings = Settings(normalisation="none")


def test_statistics_by_hand():
    """Replications with weights given: the index by hand, then its ranks
    and percentiles (ties share the lowest rank)."""
    design = prepare(Small, Uncertainty(replications=4))
    rep = design.replicator
    col = {c: k for k, c in enumerate(rep.codes)}
    W = np.tile(rep.weights, (4, 1))
    # replication 0: nominal; 1: a alone in P; 2: b alone in P; 3: c weight 3
    W[1, col["b"]] = 0.0
    W[2, col["a"]] = 0.0
    W[3, col["c"]] = 3.0
    S = rep.scores(W, np.zeros(4, int), np.zeros(4, int))
    P = {0: [7.5, 2.5, 5.0], 1: [0.0, 10.0, 5.0], 2: [10.0, 0.0, 5.0], 3: [7.5, 2.5, 5.0]}
    I = {0: [6.25, 3.75, 2.5], 1: [2.5, 7.5, 2.5], 2: [7.5, 2.5, 2.5], 3: [5.625, 4.375, 1.25]}
    for r in range(4):
        assert S[r, rep.agg_row["P"]].tolist() == pytest.approx(P[r], abs=1e-12)
        assert S[r, rep.agg_row["I"]].tolist() == pytest.approx(I[r], abs=1e-12)
    st = statistics.summarise(rep, S)
    j = rep.agg_row["I"]
    # ranks of I per replication: [1,2,3], [2,1,2], [1,2,2] (a tie at rank 2), [1,2,3]
    assert st.nominal_rank[j].tolist() == [1, 2, 3]
    assert st.mean_rank[j].tolist() == pytest.approx([1.25, 1.75, 2.5])
    assert st.median_rank[j].tolist() == [1.0, 2.0, 2.5]
    assert st.p05_rank[j].tolist() == pytest.approx([1.0, 1.15, 2.0])      # 1 + 0.15 x (2 - 1) for Y
    assert st.p95_rank[j].tolist() == pytest.approx([1.85, 2.0, 3.0])
    assert st.p05_score[j, 2] == pytest.approx(1.25 + 0.15 * (2.5 - 1.25))
    rows = statistics.records(rep, st)
    assert [r["code"] for r in rows] == ["I"] * 3 + ["P"] * 3
    assert rows[0] == {"unit": "X", "code": "I", "nominal_score": 6.25, "nominal_rank": 1, "mean_rank": 1.25,
                       "median_rank": 1.0, "p05_rank": 1.0, "p95_rank": pytest.approx(1.85), "p05_score": 2.5 + 0.15 * 3.125,
                       "p95_score": pytest.approx(7.5 - 0.15 * (7.5 - 6.25))}
    # COINr's output: the mean absolute rank change against the nominal ranks [1, 2, 3]
    assert statistics.mean_rank_change(rep, S).tolist() == pytest.approx([0.0, 1.0, 1 / 3, 0.0])


def test_missing_scores_do_not_count():
    design = prepare(Small, Uncertainty(replications=3))
    rep = design.replicator
    S = np.array([[[np.nan, 1.0, 2.0]], [[3.0, 1.0, 2.0]], [[np.nan, 5.0, 2.0]]]).repeat(2, axis=1)
    st = statistics.summarise(rep, S)
    # ranks per replication: [-, 2, 1], [1, 3, 2], [-, 1, 2]: X counts once
    assert st.mean_rank[0].tolist() == pytest.approx([1.0, 2.0, 5 / 3])
    assert st.median_rank[0].tolist() == [1.0, 2.0, 2.0]
    assert st.p05_score[0, 0] == 3.0 and st.p95_score[0, 0] == 3.0
    assert statistics.mean_rank_change(rep, S).tolist() == pytest.approx([1.0, 2 / 3, 1.0])


def test_noise_rule_and_seeds(asem):
    spec = Uncertainty(replications=2000, weights_noise=0.25, noise_levels=(2, 3),
                       normalisations=("min-max", "Z_SCORE"), seed=11)
    design = prepare(asem, spec)
    rep = design.replicator
    assert rep.normalisations == ["minmax", "zscore"]                     # aliases resolved
    assert [i.name for i in design.inputs] == ["weights_level_2", "weights_level_3", "normalisation"]
    a = design.assumptions(design.draw(2000, 11))
    noisy = np.isin(rep.levels, [2, 3]) & np.isfinite(rep.weights)
    ratio = a.weights[:, noisy] / rep.weights[noisy] - 1.0               # = U(-1, 1) x 0.25
    assert np.abs(ratio).max() <= 0.25 and np.abs(ratio).max() > 0.249
    assert abs(ratio.mean()) < 0.01 and ratio.std() == pytest.approx(0.25 / math.sqrt(3), rel=0.03)
    same = np.isfinite(rep.weights) & ~noisy
    assert (a.weights[:, same] == rep.weights[same]).all()
    assert 0.45 < a.normalisation.mean() < 0.55
    again = run_uncertainty(asem, spec).replication_records()
    first = run_uncertainty(asem, spec).replication_records()
    assert again == first and len(first) == 2000
    other = run_uncertainty(asem, Uncertainty(replications=2000, weights_noise=0.25, noise_levels=(2, 3),
                                              normalisations=("minmax", "zscore"), seed=12))
    assert other.replication_records() != first
    assert set(first[0]["weights"]) == {c for c in rep.codes if c != "Index"}
    assert {r["normalisation"] for r in first} == {"minmax", "zscore"}


def test_leave_out_sets_a_weight_to_zero(asem):
    design = prepare(asem, Uncertainty(replications=500, leave_out=True, seed=3))
    a = design.assumptions(design.draw(500, 3))
    rep = design.replicator
    for r in range(500):
        zero = np.flatnonzero(a.weights[r] == 0.0).tolist()
        assert zero == ([a.left_out[r]] if a.left_out[r] >= 0 else [])
    assert (a.left_out == -1).any() and len(set(a.left_out.tolist())) > 40
    records = design.records(a)
    r = int(np.flatnonzero(a.left_out >= 0)[0])
    assert records[r]["weights"][rep.codes[a.left_out[r]]] == 0.0


@pytest.mark.parametrize("spec, words", [
    (Uncertainty(replications=0), "from 1 to 100,000"),
    (Uncertainty(replications=100_001), "from 1 to 100,000"),
    (Uncertainty(weights_noise=1.5), "from 0 to 1"),
    (Uncertainty(noise_levels=(2,)), "without a weights noise"),
    (Uncertainty(weights_noise=0.1, noise_levels=(4,)), "level 4 has no weights to perturb; levels with weights: 1, 2, 3"),
    (Uncertainty(normalisations=("minmax", "robust")), "'robust' is not a valid value for normalisation"),
    (Uncertainty(aggregations=("median",)), "'median' is not a valid value for aggregation"),
    (Uncertainty(seed=-2), "seed must be a whole number"),
    (Uncertainty(normalisations=("minmax", "zscore"), aggregations=("arithmetic", "geometric")),
     "the geometric mean needs values above zero, but minmax normalisation gives 0 for indicator"),
])
def test_bad_specifications_say_what(asem, spec, words):
    with pytest.raises(SettingsError) as e:
        prepare(asem, spec)
    assert words in str(e.value)


def ishigami(X, a=7.0, b=0.1):
    return np.sin(X[:, 0]) + a * np.sin(X[:, 1]) ** 2 + b * X[:, 2] ** 4 * np.sin(X[:, 0])


def test_sobol_on_ishigami_agrees_with_the_analytic_indices():
    a, b = 7.0, 0.1
    V1 = 0.5 * (1 + b * math.pi ** 4 / 5) ** 2
    V2 = a ** 2 / 8
    V13 = b ** 2 * math.pi ** 8 * 8 / 225
    V = V1 + V2 + V13
    S1 = [V1 / V, V2 / V, 0.0]
    ST = [(V1 + V13) / V, V2 / V, V13 / V]
    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-math.pi, math.pi]] * 3}
    X = sobol.sample(problem, 4096, seed=5)
    assert X.shape == (4096 * 5, 3)
    got = sobol.indices(problem, ishigami(X), seed=5)
    # the same seed gives the same intervals, 0 included (SALib alone would not seed its bootstrap with 0)
    assert sobol.indices(problem, ishigami(X), seed=0) == sobol.indices(problem, ishigami(X), seed=0)
    assert sobol.indices(problem, ishigami(X), seed=0) != sobol.indices(problem, ishigami(X), seed=1)
    assert [g["input"] for g in got] == ["x1", "x2", "x3"]
    for g, s1, st in zip(got, S1, ST):
        assert abs(g["S1"] - s1) <= g["S1_conf"], g
        assert abs(g["ST"] - st) <= g["ST_conf"], g
        assert 0 < g["S1_conf"] < 0.1 and 0 < g["ST_conf"] < 0.1
    assert S1[0] == pytest.approx(0.3139, abs=1e-4) and ST[2] == pytest.approx(0.2437, abs=1e-4)


def test_sobol_of_the_index_finds_the_input_that_matters(asem):
    """Weights barely perturbed, normalisation drawn: the normalisation
    explains (nearly) all of the rank change, the weights nothing."""
    design = prepare(asem, Uncertainty(weights_noise=1e-6, noise_levels=(2,), normalisations=("minmax", "zscore")))
    got = {g["input"]: g for g in run_sensitivity(design, 512, RANK_CHANGE)}
    assert set(got) == {"weights_level_2", "normalisation"}
    assert got["normalisation"]["ST"] > 0.95 and got["normalisation"]["S1"] > 0.9
    assert abs(got["weights_level_2"]["ST"]) < 0.01
    # one unit's score as the output, and an output that never varies has no indices
    one = run_sensitivity(design, 64, "CHN")
    assert one[1]["input"] == "normalisation" and one[1]["ST"] > 0.99
    flat = prepare(asem, Uncertainty(normalisations=("minmax", "zscore")))
    top = run_sensitivity(flat, 64, "DEU")                     # DEU's score moves; its rank never does
    assert top[0]["ST"] > 0.99
    assert sobol.indices({"num_vars": 1, "names": ["x"], "bounds": [[0, 1]]}, np.ones(30), 0) == \
        [{"input": "x", "S1": None, "S1_conf": None, "ST": None, "ST_conf": None}]


def test_sensitivity_refusals(asem):
    with pytest.raises(SettingsError, match="nothing is uncertain"):
        run_sensitivity(prepare(asem, Uncertainty()), 64)
    design = prepare(asem, Uncertainty(normalisations=("minmax", "zscore")))
    with pytest.raises(SettingsError, match="'ZZZ' is neither rank_change nor a unit code"):
        run_sensitivity(design, 64, "ZZZ")
    with pytest.raises(SettingsError, match="at least 2 rows"):
        run_sensitivity(design, 1)


def test_progress_and_cancel(asem):
    from core.analysis.run import AnalysisCancelled
    seen = []
    run_uncertainty(asem, Uncertainty(replications=5000, normalisations=("minmax", "zscore")),
                    progress=lambda f: seen.append(f))
    assert seen == pytest.approx([0.4, 0.8, 1.0])
    calls = []
    with pytest.raises(AnalysisCancelled):
        run_uncertainty(asem, Uncertainty(replications=5000), progress=lambda f: calls.append(f) or False)
    assert calls == [pytest.approx(0.4)]


def test_messages_in_chinese(asem):
    from core import text
    try:
        text.set_language("zh")
        with pytest.raises(SettingsError) as e:
            prepare(asem, Uncertainty(weights_noise=0.1, noise_levels=(4,)))
        assert str(e.value) == "第 4 层没有可扰动的权重；有权重的层级：1, 2, 3（1 = 指标）"
        with pytest.raises(SettingsError) as e:
            prepare(asem, Uncertainty(replications=0))
        assert str(e.value) == "重复计算次数必须是 1 到 100,000 之间的整数，收到的是“0”"
    finally:
        text.set_language("en")


def test_percentiles_are_numpys_bit_for_bit():
    rng = np.random.default_rng(0)
    q = [5, 50, 95]
    for R in (1, 2, 7, 100, 1001):
        a = rng.normal(size=(R, 9))
        a[:, 3] = np.round(a[:, 3])                                   # ties
        ranks = rng.integers(1, 6, size=(R, 9)).astype(float)
        for x in (a, ranks):
            assert np.array_equal(statistics.percentiles(x, q), np.percentile(x, q, axis=0))
            x = x.copy()
            x[rng.random(x.shape) < 0.3] = np.nan
            x[:, 0] = np.nan                                          # a column with no value
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                want = np.nanpercentile(x, q, axis=0)
            assert np.array_equal(statistics.percentiles(x, q), want, equal_nan=True)


def test_run_analysis_covers_both_with_one_progress(asem):
    from core.analysis.run import run_analysis
    seen = []
    spec = Uncertainty(replications=3000, normalisations=("minmax", "zscore"), seed=2)
    both = run_analysis(asem, spec, sensitivity=True, sobol_n=800, progress=seen.append)
    assert seen[-1] == 1.0 and seen == sorted(seen) and any(f <= 0.5 for f in seen) and any(f > 0.5 for f in seen)
    assert [s["input"] for s in both.sobol] == ["normalisation"]
    assert len(both.uncertainty.assumptions) == 3000
    alone = run_analysis(asem, spec)
    assert alone.sobol is None
    assert np.array_equal(alone.uncertainty.scores, both.uncertainty.scores)     # same seed, same replications
    with pytest.raises(SettingsError, match="nothing is uncertain"):
        run_analysis(asem, Uncertainty(replications=10), sensitivity=True, progress=seen.append)


def test_sobol_keeps_one_number_per_replication(asem, monkeypatch):
    """The Sobol run keeps its output only, so a sample far larger than the
    score store allows still runs; the same values as keeping everything."""
    from core.analysis import run as run_module
    design = prepare(asem, Uncertainty(normalisations=("minmax", "zscore"), weights_noise=0.2, noise_levels=(3,)))
    want = run_sensitivity(design, 256)
    monkeypatch.setattr(run_module, "MEMORY_CELLS", 1000)           # far below 256 x 4 rows x 561 scores
    assert run_sensitivity(design, 256) == want
    with pytest.raises(SettingsError, match="too many to keep; at most 1 for this project"):
        run_uncertainty(asem, Uncertainty(replications=2), design=design)
