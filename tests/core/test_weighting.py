"""Weighting methods (entropy, CRITIC, PCA, AHP, equal, manual): worked
examples computed by hand here, their properties, and the engine's weights
step with its --json output."""
from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from core.cli import main
from core.errors import SettingsError
from core.methods import ahp
from core.methods.registry import WEIGHTINGS
from core.methods.weighting import WeightContext, w_critic, w_entropy, w_pca
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.pipeline.engine import Engine


def ctx(k, settings=None, parent="P"):
    return WeightContext(settings or Settings(), parent, [f"C{j}" for j in range(k)], np.ones(k))


# ---- entropy ---------------------------------------------------------------------------------------
def test_entropy_worked_example():
    X = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 2.0]])
    # by hand: shares of each child, e = -sum p ln p / ln 3, d = 1 - e
    p1 = [1 / 6, 2 / 6, 3 / 6]
    p2 = [4 / 10, 4 / 10, 2 / 10]
    e1 = -sum(p * math.log(p) for p in p1) / math.log(3)
    e2 = -sum(p * math.log(p) for p in p2) / math.log(3)
    d1, d2 = 1 - e1, 1 - e2
    w = w_entropy(X, ctx(2))
    assert w == pytest.approx([d1 / (d1 + d2), d2 / (d1 + d2)], abs=1e-12)
    assert w.sum() == pytest.approx(1.0)


def test_entropy_gives_a_constant_child_weight_zero_and_skips_incomplete_observations():
    X = np.array([[10.0, 20.0, 35.0, np.nan], [5.0, 5.0, 5.0, 1.0], [1.0, 9.0, 4.0, 7.0]])
    w = w_entropy(X, ctx(3))
    assert w[1] == 0.0 and w.sum() == pytest.approx(1.0) and (w > 0).sum() == 2


def test_entropy_shifts_negative_scores_and_says_so():
    c = ctx(2)
    w = w_entropy(np.array([[-1.0, 0.0, 1.0], [1.0, 2.0, 3.0]]), c)
    # -1, 0, 1 shifted by -1 -> 0, 1, 2: shares 0, 1/3, 2/3 (0 ln 0 = 0)
    e1 = -(1 / 3 * math.log(1 / 3) + 2 / 3 * math.log(2 / 3)) / math.log(3)
    e2 = -sum(p * math.log(p) for p in (1 / 6, 2 / 6, 3 / 6)) / math.log(3)
    assert w == pytest.approx([(1 - e1) / (2 - e1 - e2), (1 - e2) / (2 - e1 - e2)], abs=1e-12)
    assert "shifted by its minimum" in c.warnings[0]["message"] and "C0" in c.warnings[0]["message"]


def test_entropy_with_every_child_constant_keeps_the_framework_weights():
    c = WeightContext(Settings(), "P", ["A", "B"], np.array([3.0, 1.0]))
    w = w_entropy(np.array([[2.0, 2.0], [7.0, 7.0]]), c)
    assert w == pytest.approx([0.75, 0.25])
    assert "the framework's weights are used" in c.warnings[0]["message"]


# ---- CRITIC ------------------------------------------------------------------------------------------
def test_critic_worked_example():
    # sd of each child is 1; r_ab = -1, r_ac = 0.5, r_bc = -0.5 (by hand)
    X = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [1.0, 3.0, 2.0]])
    # C_a = 0 + 2 + 0.5, C_b = 2 + 0 + 1.5, C_c = 0.5 + 1.5 + 0; total 8
    assert w_critic(X, ctx(3)) == pytest.approx([2.5 / 8, 3.5 / 8, 2.0 / 8], abs=1e-12)


def test_critic_gives_a_constant_child_weight_zero():
    X = np.array([[1.0, 2.0, 3.0, 5.0], [4.0, 4.0, 4.0, 4.0], [2.0, 1.0, 3.0, 3.0]])
    w = w_critic(X, ctx(3))
    assert w[1] == 0.0 and w.sum() == pytest.approx(1.0)


# ---- PCA ---------------------------------------------------------------------------------------------
def test_pca_weights_ignore_scale_and_split_perfectly_correlated_children_evenly():
    a = np.array([1.0, 4.0, 2.0, 8.0, 5.0])
    w = w_pca(np.array([a, 10 * a + 3]), ctx(2))
    assert w == pytest.approx([0.5, 0.5], abs=1e-12)


def test_pca_weights_are_the_first_loadings_of_the_correlation_matrix():
    # two children correlated, one independent of both: with correlation
    # matrix [[1, r, 0], [r, 1, 0], [0, 0, 1]] and r > 0 the first component
    # is (1, 1, 0) / sqrt 2, so the weights are 1/2, 1/2, 0
    a = np.array([1.0, -1.0, 1.0, -1.0])
    b = np.array([1.0, -1.0, 1.0, -1.0]) * 2
    c = np.array([1.0, 1.0, -1.0, -1.0])
    w = w_pca(np.array([a, b, c]), ctx(3))
    assert w == pytest.approx([0.5, 0.5, 0.0], abs=1e-9)


# ---- AHP ---------------------------------------------------------------------------------------------
def test_a_consistent_matrix_returns_its_generating_weights_with_cr_zero():
    w = np.array([0.5, 0.3, 0.2])
    upper = [w[0] / w[1], w[0] / w[2], w[1] / w[2]]
    res = ahp.solve(ahp.full_matrix(upper, 3))
    assert res.weights == pytest.approx(w, abs=1e-12)
    assert res.lambda_max == pytest.approx(3.0, abs=1e-12) and res.cr == pytest.approx(0.0, abs=1e-12)


def test_saaty_textbook_matrix():
    # [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]: lambda_max 3.0385, CR 0.033 (Saaty's RI 0.58)
    res = ahp.solve(ahp.full_matrix([3, 5, 3], 3))
    assert res.lambda_max == pytest.approx(3.0385, abs=5e-4)
    assert res.ci == pytest.approx((res.lambda_max - 3) / 2)
    assert res.cr == pytest.approx(res.ci / 0.58) and res.cr == pytest.approx(0.033, abs=1e-3)
    assert res.weights == pytest.approx([0.637, 0.258, 0.105], abs=1e-3) and res.consistent


def test_full_matrix_is_reciprocal():
    A = ahp.full_matrix([2, 1 / 4, 3], 3)
    assert np.allclose(A, [[1, 2, 0.25], [0.5, 1, 3], [4, 1 / 3, 1]], rtol=0, atol=1e-15)


def test_ahp_judgements_are_parsed_and_checked():
    s = Settings()
    s.apply("ahp.Conn", "3, 1/5; 2")
    assert s.ahp_by["Conn"] == pytest.approx((3.0, 0.2, 2.0))
    for bad, words in (("3,0,2", "is not a judgement"), ("3,x,2", "is not a judgement"),
                       ("3,2", "upper triangle")):
        with pytest.raises(SettingsError, match=words):
            Settings().apply("ahp.Conn", bad)


# ---- through the engine ------------------------------------------------------------------------------
def project(weighting, **apply):
    fw = Framework.from_records([
        {"iCode": "IDX", "Type": "Aggregate"},
        {"iCode": "P1", "Parent": "IDX", "Type": "Aggregate", "Weight": 1},
        {"iCode": "P2", "Parent": "IDX", "Type": "Aggregate", "Weight": 3},
        {"iCode": "A", "Parent": "P1", "Type": "Indicator", "Weight": 1},
        {"iCode": "B", "Parent": "P1", "Type": "Indicator", "Weight": 2},
        {"iCode": "K", "Parent": "P1", "Type": "Indicator", "Weight": 1},
        {"iCode": "C", "Parent": "P2", "Type": "Indicator", "Weight": 1},
        {"iCode": "D", "Parent": "P2", "Type": "Indicator", "Weight": 1},
    ])
    rng = np.random.default_rng(3)
    X = rng.uniform(1, 50, size=(6, 2, 5))
    X[:, :, 2] = 9.0                                   # K is constant: min-max gives no score at all
    ds = Dataset([f"U{k}" for k in range(6)], [f"Unit {k}" for k in range(6)], [2020, 2021], fw.indicator_codes, X)
    st = Settings()
    st.apply("weighting", weighting)
    st.apply("normalisation", "dist2max" if weighting != "manual" else "minmax")
    for k, v in apply.items():
        st.apply(k.replace("__", "."), v)
    return Engine(fw, ds, st)


@pytest.mark.parametrize("name", list(WEIGHTINGS))
def test_every_weighting_gives_weights_summing_to_one_per_parent(name):
    e = project(name, ahp__P1="2,3,1", ahp__IDX="1/2", ahp__P2="1")
    used = e.node_weights()
    for parent in e.framework.aggregate_codes:
        assert sum(used[k] for k in e.framework.children(parent)) == pytest.approx(1.0)
    # the index is the weighted mean of its children with these weights
    idx = e.score("IDX")
    mean = used["P1"] * e.score("P1") + used["P2"] * e.score("P2")
    assert np.allclose(idx, mean, equal_nan=True) and np.isfinite(idx).all()


def test_engine_entropy_weights_are_those_of_the_children_scores_pooled():
    e = project("entropy")
    X = np.stack([e.score("C"), e.score("D")])           # both periods pooled
    expected = w_entropy(X, ctx(2))
    assert e.weights["P2"] == pytest.approx(expected, abs=1e-12)
    # K has no score anywhere (zero range): the complete unit-periods are those without it, i.e. none
    assert any("fewer than two unit-periods" in w["message"] for w in e.warnings if w["code"] == "P1")


def test_engine_ahp_weights_and_a_warning_for_an_inconsistent_matrix():
    e = project("ahp", ahp__P1="9,1/9,9", ahp__IDX="1/3")
    assert e.weights["IDX"] == pytest.approx([0.25, 0.75])
    assert e.weight_details["P1"]["cr"] > 0.1
    msgs = [w["message"] for w in e.warnings if w["kind"] == "weighting"]
    assert any(m.startswith("AHP matrix of 'P1': consistency ratio CR = ") for m in msgs)
    assert any("no pairwise-comparison matrix is set (ahp.P2)" in m for m in msgs)


def test_an_edit_under_derived_weights_recomputes_them():
    e = project("critic")
    before = e.weights["P2"].copy()
    e.dataset.values[0, 0, 3] = 500.0
    e.update([(0, 0, 3)])
    fresh = project("critic")
    fresh.dataset.values[0, 0, 3] = 500.0
    fresh.run(reread=True)             # written without update: the engine must read the values again
    assert not np.allclose(before, e.weights["P2"])
    assert e.weights["P2"] == pytest.approx(fresh.weights["P2"]) and np.allclose(e.scores, fresh.scores,
                                                                                   equal_nan=True)


@pytest.mark.parametrize("name", ["manual", "equal", "entropy", "critic", "pca", "ahp"])
def test_cli_set_weighting_puts_the_weights_in_json(capsys, sample_coindex, name):
    assert main(["compute", str(sample_coindex), "--set", f"weighting={name}", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["weighting"]["method"] == name
    by_parent = {}
    for row in doc["weights"]:
        by_parent.setdefault(row["parent"], []).append(row["weight"])
    assert by_parent and all(sum(v) == pytest.approx(1.0) for v in by_parent.values())
    if name == "equal":
        assert all(w == pytest.approx(1 / len(v)) for v in by_parent.values() for w in v)


def test_cli_unknown_weighting_lists_the_methods(capsys, sample_coindex):
    assert main(["compute", str(sample_coindex), "--set", "weighting=random"]) == 2
    assert "valid values: manual, equal, entropy, critic, pca, ahp" in capsys.readouterr().err


def test_weighting_per_node_and_per_level():
    # level 1 (the indicators) by CRITIC, P2's children by entropy, the rest the framework's
    e = project("manual", weighting__level__1="critic", weighting__P2="entropy")
    assert e.settings.weighting_by == {"level.1": "critic", "P2": "entropy"}
    X1 = np.stack([e.score(c) for c in ("A", "B", "K")])
    X2 = np.stack([e.score("C"), e.score("D")])
    assert e.weights["P2"] == pytest.approx(w_entropy(X2, ctx(2)))          # the node's own wins
    critic_p1 = w_critic(X1, WeightContext(Settings(), "P1", ["A", "B", "K"], np.array([1.0, 2.0, 1.0])))
    assert e.weights["P1"] == pytest.approx(critic_p1)
    assert e.weights["IDX"].tolist() == [1.0, 3.0]                        # level 2: the framework's


@pytest.mark.parametrize("key, words", [
    ("weighting.level.3=equal", "the levels with weights are 1, 2 (1 = indicators)"),
    ("weighting.A=equal", "'A' is not an aggregate of the framework"),
    ("ahp.ZZ=3", "'ZZ' is not an aggregate of the framework"),
])
def test_weighting_targets_are_checked(key, words):
    k, v = key.split("=")
    with pytest.raises(SettingsError, match=re.escape(words)):
        project("manual", **{k.replace(".", "__"): v})


def test_per_node_weighting_survives_save_and_load():
    s = Settings()
    s.apply("weighting.P2", "CRITIC")
    s.apply("ahp.P1", "2,1/3,1")
    again = Settings.from_dict(s.to_dict())
    assert again.weighting_by == {"P2": "critic"} and again.ahp_by == {"P1": pytest.approx((2.0, 1 / 3, 1.0))}
    assert "weighting_by" not in Settings().to_dict() and "ahp_by" not in Settings().to_dict()
