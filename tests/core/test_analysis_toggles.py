"""The uncertainty analysis over the data treatment and the methods a
project sets per node (issue 15): imputation and outlier treatment switched
on and off as uncertain inputs, per-node means kept under a drawn
aggregation, and weights derived from the data (entropy, CRITIC, PCA)
re-derived for each replication's normalisation.  Every replication is
checked against an engine run with the same settings."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from core.analysis.inputs import Uncertainty
from core.analysis.run import prepare, run_sensitivity, run_uncertainty
from core.errors import SettingsError
from core.importing.inputs import load_input
from core.methods.registry import WEIGHTINGS
from core.methods.weighting import WeightContext
from core.pipeline.engine import Engine

TOL = 1e-9
EXACT = 1e-12


@pytest.fixture(scope="module")
def asem(ref_dir):
    return load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv")


class Project:
    def __init__(self, framework, dataset, settings):
        self.framework, self.dataset, self.settings = framework, dataset, settings


def with_settings(project, **changes):
    st = project.settings.copy()
    for k, v in changes.items():
        st.apply(k.replace("__", "."), v)
    return Project(project.framework, project.dataset, st)


def engine_with(project, **changes):
    p = with_settings(project, **changes)
    return Engine(p.framework, p.dataset, p.settings)


def forced_rows(design, **choices):
    """One row per item of the choices' product: each choice's option index
    k of m as the value (k + 0.5) / m, every weight's U at 0 (no noise)."""
    keys = list(choices)
    combos = np.array(np.meshgrid(*[range(len(v)) for v in choices.values()], indexing="ij")).reshape(len(keys), -1).T
    rows = np.zeros((len(combos), design.width))
    for inp, c0 in zip(design.inputs, design.columns):
        if inp.name in choices:
            m = len(inp.choices)
            rows[:, c0] = (combos[:, keys.index(inp.name)] + 0.5) / m
    return rows


def assert_scores_equal(rep, S_r, eng, tol, what):
    t = rep.period
    for j, code in enumerate(rep.aggregates):
        want = eng.score(code)[:, t]
        assert np.allclose(S_r[j], want, rtol=0, atol=tol, equal_nan=True), (what, code)
        assert np.array_equal(np.isnan(S_r[j]), np.isnan(want)), (what, code)


# ---- imputation and outlier treatment ------------------------------------------------------------
def test_imputation_and_treatment_on_and_off_equal_engine_runs(asem):
    """Every (imputation, treatment) pair of the sets is the engine with
    those settings; imputation 'none' leaves missing values, and the
    aggregates renormalise over the children present."""
    spec = Uncertainty(replications=4, imputations=("none", "mean"), treatments=("none", "winsorise"))
    design = prepare(asem, spec)
    rep = design.replicator
    assert [i.name for i in design.inputs] == ["imputation", "treatment"]
    assert rep.imputations == ["none", "mean"] and rep.treatments == ["none", "winsorise"]
    assert len(rep.normalised) == 4
    assert np.isnan(rep.normalised[0]).sum() > 0 and np.isnan(rep.normalised[2]).sum() == 0   # none; mean
    a = design.assumptions(forced_rows(design, imputation=["none", "mean"], treatment=["none", "winsorise"]))
    assert a.imputation.tolist() == [0, 0, 1, 1] and a.treatment.tolist() == [0, 1, 0, 1]
    assert a.combination.tolist() == [0, 1, 2, 3]
    S = rep.scores(a.weights, a.combination, a.aggregation)
    index = rep.agg_row["Index"]
    for r, (imp, treat) in enumerate([("none", "none"), ("none", "winsorise"), ("mean", "none"),
                                      ("mean", "winsorise")]):
        eng = engine_with(asem, imputation=imp, treatment=treat)
        assert_scores_equal(rep, S[r], eng, TOL, (imp, treat))
    # the four really differ: imputation and treatment each move the index
    for r in range(1, 4):
        assert np.nanmax(np.abs(S[r, index] - S[0, index])) > 0.01, r
    records = design.records(a)
    assert list(records[0]) == ["normalisation", "aggregation", "imputation", "treatment", "weights"]
    assert [(x["imputation"], x["treatment"]) for x in records] == [("none", "none"), ("none", "winsorise"),
                                                                      ("mean", "none"), ("mean", "winsorise")]


def test_the_projects_imputation_against_none(asem):
    """The app's switch: the project's own imputation and treatment against
    'none'; the nominal scores are the project's."""
    project = with_settings(asem, imputation="median", treatment="winsorise")
    res = run_uncertainty(project, Uncertainty(replications=400, imputations=("median", "none"),
                                               treatments=("winsorise", "none"), seed=5))
    rep = res.replicator
    eng = Engine(project.framework, project.dataset, project.settings)
    j = rep.agg_row["Index"]
    assert np.array_equal(rep.nominal_scores[j], eng.score("Index")[:, -1])
    on = (res.assumptions.imputation == 0) & (res.assumptions.treatment == 0)
    assert 0.15 < on.mean() < 0.35
    assert np.allclose(res.scores[on][:, j], eng.score("Index")[:, -1], rtol=0, atol=TOL)
    records = res.replication_records()
    assert {(r["imputation"], r["treatment"]) for r in records} == {("median", "winsorise"), ("median", "none"),
                                                                     ("none", "winsorise"), ("none", "none")}


def test_records_name_imputation_and_treatment_only_when_they_vary(asem):
    res = run_uncertainty(asem, Uncertainty(replications=20, normalisations=("minmax", "zscore"),
                                            treatments=("winsorise",)))
    assert list(res.replication_records()[0]) == ["normalisation", "aggregation", "weights"]
    assert [i.name for i in res.design.inputs] == ["normalisation"]


def test_sobol_inputs_include_imputation_and_treatment(asem):
    design = prepare(asem, Uncertainty(weights_noise=0.1, noise_levels=(2,), imputations=("none", "mean"),
                                       treatments=("none", "winsorise")))
    assert design.problem()["groups"][-2:] == ["imputation", "treatment"]
    got = run_sensitivity(design, 64)
    assert [g["input"] for g in got] == ["weights_level_2", "imputation", "treatment"]
    assert all(g["ST"] is not None and g["ST"] > 0 for g in got)


@pytest.mark.parametrize("spec, words", [
    (Uncertainty(imputations=("none", "average")), "--imputations: 'average' is not a valid value for imputation; "
                                                   "valid values: none, mean, median"),
    (Uncertainty(treatments=("none", "trim")), "--treatments: 'trim' is not a valid value for treatment; "
                                               "valid values: none, winsorise"),
    (Uncertainty(imputations=("none", "group_mean")), "imputation group_mean needs imputation_group"),
])
def test_bad_imputations_and_treatments_say_what(asem, spec, words):
    with pytest.raises(SettingsError) as e:
        prepare(asem, spec)
    assert words in str(e.value)


# ---- per-node means ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def per_node(asem):
    """ASEM on min-max [1, 100] with the Sust pillars' parent geometric
    (aggregation.Sust), the Conn pillars harmonic (aggregation.level.2 is
    not used: Meta ``Aggregation`` of Physical and Instit instead)."""
    fw = asem.framework
    for code in ("Physical", "Instit"):
        fw = fw.with_node(replace(fw[code], params={**fw[code].params, "Aggregation": "harmonic"}))
    project = with_settings(Project(fw, asem.dataset, asem.settings), minmax_range="1,100",
                            aggregation__Sust="geometric")
    return project


def test_a_nominal_replication_is_the_engine_with_its_per_node_means(per_node):
    design = prepare(per_node, Uncertainty(replications=3))
    rep = design.replicator
    eng = Engine(per_node.framework, per_node.dataset, per_node.settings)
    assert eng.aggregation["Sust"] == "geometric" and eng.aggregation["Physical"] == "harmonic"
    assert rep.own_means[rep.agg_row["Sust"]] == "geometric" and rep.own_means[rep.agg_row["Conn"]] is None
    a = design.assumptions(design.draw(3, 0))
    S = rep.scores(a.weights, a.combination, a.aggregation)
    for r in range(3):
        assert_scores_equal(rep, S[r], eng, EXACT, r)
    # the per-node means matter: all-arithmetic scores are others
    flat = Engine(_no_meta(per_node.framework), per_node.dataset, replace(per_node.settings.copy(),
                                                                             aggregation_by={}))
    assert np.nanmax(np.abs(flat.score("Index")[:, -1] - S[0, rep.agg_row["Index"]])) > 0.01


def _no_meta(fw):
    for code in ("Physical", "Instit"):
        fw = fw.with_node(replace(fw[code], params={k: v for k, v in fw[code].params.items() if k != "Aggregation"}))
    return fw


def test_a_drawn_aggregation_replaces_the_default_only(per_node):
    design = prepare(per_node, Uncertainty(replications=2, aggregations=("arithmetic", "geometric")))
    rep = design.replicator
    j = {c: rep.agg_row[c] for c in ("Sust", "Physical", "Conn", "Index", "P2P")}
    assert rep.node_powers[:, j["Sust"]].tolist() == [0.0, 0.0]            # its own geometric, either way
    assert rep.node_powers[:, j["Physical"]].tolist() == [-1.0, -1.0]      # its own harmonic
    assert rep.node_powers[:, j["Conn"]].tolist() == [1.0, 0.0]            # the drawn mean
    a = design.assumptions(forced_rows(design, aggregation=["arithmetic", "geometric"]))
    S = rep.scores(a.weights, a.combination, a.aggregation)
    for r, name in enumerate(["arithmetic", "geometric"]):
        eng = engine_with(per_node, aggregation=name)
        assert eng.aggregation["Physical"] == "harmonic" and eng.aggregation["P2P"] == name
        assert_scores_equal(rep, S[r], eng, TOL, name)
    assert np.nanmax(np.abs(S[1, j["P2P"]] - S[0, j["P2P"]])) > 0.01


def test_a_mean_comparing_units_on_a_node_is_refused(asem):
    project = with_settings(asem, aggregation__Conn="copeland")
    with pytest.raises(SettingsError) as e:
        prepare(project, Uncertainty(replications=2))
    assert "'Conn' is aggregated with Copeland" in str(e.value)


def test_a_nodes_own_mean_and_a_drawn_normalisation_it_cannot_take(per_node):
    with pytest.raises(SettingsError) as e:
        prepare(per_node, Uncertainty(normalisations=("minmax", "zscore")))
    text = str(e.value)
    assert "has its own harmonic mean, which needs values above zero, but zscore normalisation gives" in text
    assert e.value.valid == ["minmax"]


# ---- derived weights ---------------------------------------------------------------------------------
def independent_weights(eng, methods):
    """Each aggregate's child weights by its weighting method (``methods``:
    code -> name, 'manual' where not given) on the engine's scores (its
    children over every unit and period), through core.methods.weighting."""
    fw = eng.framework
    out = {}
    for code in fw.aggregate_codes:
        kids = fw.children(code)
        X = np.stack([eng.score(k) for k in kids])
        ctx = WeightContext(eng.settings, code, list(kids), np.array([fw[k].weight for k in kids], dtype=float))
        out[code] = np.asarray(WEIGHTINGS[methods.get(code, "manual")].function(X, ctx), dtype=float)
    return out


@pytest.mark.parametrize("changes, methods, other", [
    ({"weighting": "entropy"}, "entropy", "zscore"),
    ({"weighting": "critic"}, "critic", "zscore"),
    # PCA standardises, so an affine normalisation of one period gives the same weights: rank it instead
    ({"weighting__P2P": "pca", "weighting__Conn": "pca"}, {"P2P": "pca", "Conn": "pca"}, "rank"),
])
def test_derived_weights_follow_the_replications_normalisation(asem, changes, methods, other):
    project = with_settings(asem, **changes)
    design = prepare(project, Uncertainty(replications=2, normalisations=("minmax", other)))
    rep = design.replicator
    if isinstance(methods, str):
        methods = {c: methods for c in rep.aggregates}
    assert rep.weight_sets is not None and rep.weight_sets.shape == (2, 1, len(rep.codes))
    a = design.assumptions(forced_rows(design, normalisation=["minmax", other]))
    S = rep.scores(a.weights, a.combination, a.aggregation)
    nominal = Engine(project.framework, project.dataset, project.settings)
    switched = engine_with(project, normalisation=other)
    for r, eng in enumerate((nominal, switched)):
        assert_scores_equal(rep, S[r], eng, TOL, r)
        want = independent_weights(eng, methods)
        for code, kids in zip(rep.aggregates, rep.kids):
            assert np.allclose(a.weights[r, kids], want[code], rtol=0, atol=1e-12), (r, code)
    # the normalisation changes the derived weights
    derived = [k for code, kids in zip(rep.aggregates, rep.kids) if code in methods for k in kids]
    assert np.abs(a.weights[0, derived] - a.weights[1, derived]).max() > 1e-3


def test_noise_applies_on_top_of_the_derived_weights(asem):
    project = with_settings(asem, weighting="entropy")
    design = prepare(project, Uncertainty(replications=300, weights_noise=0.2, noise_levels=(1,),
                                          normalisations=("minmax", "zscore"), seed=4))
    rep = design.replicator
    a = design.assumptions(design.draw(300, 4))
    base = rep.weight_sets[a.combination, a.aggregation]
    ind = np.arange(rep.n_ind)
    ratio = a.weights[:, ind] / base[:, ind] - 1
    assert np.abs(ratio).max() <= 0.2 + 1e-12 and np.abs(ratio).max() > 0.19
    above = np.flatnonzero(np.isfinite(rep.weights) & (rep.levels > 1))
    assert np.array_equal(a.weights[:, above], base[:, above])          # level 2 and 3 not perturbed
    assert set(a.combination.tolist()) == {0, 1}
    records = design.records(a)
    r = int(np.flatnonzero(a.normalisation == 1)[0])
    code = rep.codes[int(above[0])]
    assert records[r]["weights"][code] == pytest.approx(rep.weight_sets[1, 0, above[0]])


def test_derived_weights_per_aggregation_and_imputation(asem):
    """Above the indicators the derived weights read aggregate scores, so
    each (combination, aggregation) has its own: the engine's with those
    settings."""
    project = with_settings(asem, weighting="critic", minmax_range="1,100")
    design = prepare(project, Uncertainty(replications=4, aggregations=("arithmetic", "geometric"),
                                          imputations=("none", "mean")))
    rep = design.replicator
    assert rep.weight_sets.shape == (2, 2, len(rep.codes))
    a = design.assumptions(forced_rows(design, imputation=["none", "mean"], aggregation=["arithmetic", "geometric"]))
    S = rep.scores(a.weights, a.combination, a.aggregation)
    for r, (imp, agg) in enumerate([("none", "arithmetic"), ("none", "geometric"), ("mean", "arithmetic"),
                                    ("mean", "geometric")]):
        eng = engine_with(project, imputation=imp, aggregation=agg)
        assert_scores_equal(rep, S[r], eng, TOL, (imp, agg))
        want = independent_weights(eng, {c: "critic" for c in rep.aggregates})
        assert np.allclose(a.weights[r, rep.kids[rep.agg_row["Index"]]], want["Index"], rtol=0, atol=1e-12)
    top = rep.kids[rep.agg_row["Index"]]
    assert np.abs(a.weights[0, top] - a.weights[1, top]).max() > 1e-4


def test_an_aggregate_a_nodes_own_mean_cannot_take_stops_the_run(asem):
    """The Index geometric of its own: under z-scores its children (Conn,
    Sust) go below zero, which shows only as the replications run."""
    project = with_settings(asem, aggregation__Index="geometric")
    design = prepare(project, Uncertainty(replications=50, normalisations=("minmax", "zscore")))
    with pytest.raises(SettingsError) as e:
        run_uncertainty(project, design.spec, design=design)
    assert "the mean of 'Index' needs its children's scores above zero, but 'Conn' is -" in str(e.value)
    # min-max alone keeps them above zero: the run goes through, the Index geometric
    res = run_uncertainty(project, Uncertainty(replications=50, weights_noise=0.2))
    eng = Engine(project.framework, project.dataset, project.settings)
    assert np.allclose(res.replicator.nominal_scores[res.replicator.agg_row["Index"]], eng.score("Index")[:, -1])
    assert res.replicator.node_powers[0, res.replicator.agg_row["Index"]] == 0.0
