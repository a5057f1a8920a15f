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


def _svd_weights(X):
    """Written here, apart from w_pca: the first right singular vector of the complete observations, each child
    centred and divided by its sample sd (R's prcomp(center = TRUE, scale = TRUE)), divided by its sum."""
    Y = X[:, np.isfinite(X).all(axis=0)]
    Z = ((Y.T - Y.mean(axis=1)) / Y.std(axis=1, ddof=1))
    _, sv, vt = np.linalg.svd(Z, full_matrices=False)
    v = vt[0]
    return v / v.sum(), sv[0] ** 2 / (sv ** 2).sum()


def test_pca_weights_match_an_svd_written_here_whatever_the_sign_or_scale():
    rng = np.random.default_rng(7)
    base = rng.normal(size=40)
    X = np.array([base + rng.normal(scale=s, size=40) for s in (0.3, 0.6, 1.0, 2.0)])
    X[1, 3] = X[2, 10] = np.nan                      # two unit-periods left out (complete cases, as na.omit)
    c = ctx(4)
    w = w_pca(X, c)
    expected, share = _svd_weights(X)
    assert w == pytest.approx(expected, abs=1e-12) and w.sum() == pytest.approx(1.0, abs=1e-15)
    assert c.details["variance_explained"] == pytest.approx(share, abs=1e-12)
    # the eigenvector's sign is arbitrary: changing the units of a child (scale, shift) or the order of the
    # children gives the same weights; turning every child upside down too (the same correlations)
    assert w_pca(X * np.array([[3.0], [0.01], [1.0], [250.0]]) + 7.0, ctx(4)) == pytest.approx(w, abs=1e-12)
    assert w_pca(X[::-1], ctx(4)) == pytest.approx(w[::-1], abs=1e-12)
    assert w_pca(-X, ctx(4)) == pytest.approx(w, abs=1e-12)


def test_pca_two_children_on_paper():
    """With two standardised children of correlation r the correlation matrix is [[1, r], [r, 1]]: for r > 0 the
    first component is (1, 1) / sqrt 2 whatever r, so 1/2 each, explaining (1 + r) / 2 of the variance; for
    r < 0 it is (1, -1) / sqrt 2, whose loadings sum to 0: no weights can be made of it (COINr's would divide by
    zero in the mean), so the framework's weights stay, with a warning."""
    a = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    b = np.array([2.0, 1.0, 4.0, 3.0, 5.0])
    r = np.corrcoef(a, b)[0, 1]
    c = ctx(2)
    assert w_pca(np.array([a, b]), c) == pytest.approx([0.5, 0.5], abs=1e-12)
    assert c.details["variance_explained"] == pytest.approx((1 + r) / 2, abs=1e-12)
    c = WeightContext(Settings(), "P", ["A", "B"], np.array([3.0, 1.0]))
    assert w_pca(np.array([a, -b]), c) == pytest.approx([0.75, 0.25])
    assert [w["message"] for w in c.warnings] == ["weights of the children of 'P': the first component's loadings "
                                                  "sum to zero; the framework's weights are used"]


def test_pca_loadings_match_coinr_published_get_pca_on_asem(ref_dir):
    """COINr's analysis vignette prints get_PCA(coin, dset = "Raw", iCodes = "Sust")'s first-component loadings
    (3 decimals, in COINr's alphabetical order of the codes) and the Social group's PC1 share of variance,
    0.5398.  Ours are those loadings divided by their sum: a unit vector up to sign once divided by its norm."""
    from core.importing.inputs import load_input
    p = load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv")
    ds = p.dataset
    published = {"Environ": {"CO2": -0.581, "Forest": 0.214, "MatCon": -0.543, "PrimEner": -0.313, "Renew": 0.473},
                 "SusEcFin": {"GDPGrow": 0.472, "NEET": 0.451, "PrivDebt": -0.492, "PubDebt": -0.227,
                              "RDExp": -0.53}}
    for group, loads in published.items():
        kids = p.framework.children(group)
        w = w_pca(np.stack([ds.values[:, :, ds.code_index[k]] for k in kids]), ctx(len(kids), parent=group))
        unit = w / np.linalg.norm(w)
        expected = np.array([loads[k] for k in kids])
        unit = unit if unit @ expected > 0 else -unit
        assert unit == pytest.approx(expected, abs=6e-4), group
    kids = p.framework.children("Social")
    c = ctx(len(kids), parent="Social")
    w_pca(np.stack([ds.values[:, :, ds.code_index[k]] for k in kids]), c)
    assert round(c.details["variance_explained"], 4) == 0.5398


def test_engine_pca_weights_sum_to_one_in_every_group_level_by_level():
    meta = [{"iCode": "IDX", "Type": "Aggregate"}, {"iCode": "D1", "Parent": "IDX", "Type": "Aggregate"},
            {"iCode": "D2", "Parent": "IDX", "Type": "Aggregate"}]
    meta += [{"iCode": c, "Parent": p} for c, p in (("A", "D1"), ("B", "D1"), ("C", "D1"), ("E", "D2"),
                                                    ("F", "D2"))]
    rng = np.random.default_rng(3)
    base = rng.normal(size=(12, 2))
    X = np.stack([base[:, 0] + rng.normal(scale=s, size=12) for s in (0.2, 0.5, 0.9)]
                 + [base[:, 0] + base[:, 1] + rng.normal(scale=s, size=12) for s in (0.3, 0.4)], axis=1)
    ds = Dataset([f"U{k}" for k in range(6)], [f"U{k}" for k in range(6)], [2020, 2021], list("ABCEF"),
                 X.reshape(6, 2, 5))
    s = Settings()
    s.apply("weighting", "pca")
    e = Engine(Framework.from_records(meta), ds, s)
    for parent in ("D1", "D2", "IDX"):
        assert e.weights[parent].sum() == pytest.approx(1.0, abs=1e-12), parent
    # each group from its own children's normalised scores pooled over units and periods: D1's by hand
    kids = np.stack([e.score(k).reshape(-1) for k in "ABC"])
    assert e.weights["D1"] == pytest.approx(_svd_weights(kids)[0], abs=1e-12)
    # and the index's from D1 and D2, which were aggregated with their PCA weights first
    top = np.stack([e.score(k).reshape(-1) for k in ("D1", "D2")])
    assert e.weights["IDX"] == pytest.approx(_svd_weights(top)[0], abs=1e-12)


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
