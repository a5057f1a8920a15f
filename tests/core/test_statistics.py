"""core.pipeline.statistics against numpy/pandas computed here on COINr's
ASEM data, and Cronbach's alpha / PCA shares on hand examples."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from core.errors import SettingsError
from core.importing.inputs import load_input
from core.pipeline import statistics as S


@pytest.fixture(scope="module")
def asem(ref_dir):
    return load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv").recompute()


@pytest.fixture(scope="module")
def asem_panel(ref_dir):
    return load_input(ref_dir / "asem_iData_p.csv", ref_dir / "asem_iMeta.csv").recompute()


def _raw(ref_dir, name="asem_iData.csv"):
    return pd.read_csv(ref_dir / name)


def test_indicator_statistics_match_pandas(asem, ref_dir):
    stats = S.indicator_statistics(asem).set_index("code")
    raw = _raw(ref_dir)
    assert list(stats.index) == list(asem.framework.indicator_codes)
    for code in ("LPI", "Flights", "ConSpeed", "Goods"):
        col = pd.to_numeric(raw[code], errors="coerce")
        row = stats.loc[code]
        assert row["count"] == col.count() and row["missing"] == col.isna().sum()
        assert row["min"] == pytest.approx(col.min(), abs=1e-12)
        assert row["max"] == pytest.approx(col.max(), abs=1e-12)
        assert row["mean"] == pytest.approx(col.mean(), rel=1e-12)
        assert row["sd"] == pytest.approx(col.std(), rel=1e-12)           # n - 1, as R's sd
        assert row["skewness"] == pytest.approx(col.skew(), rel=1e-9)     # pandas' skew is the adjusted (Excel) one
        assert row["kurtosis"] == pytest.approx(col.kurt(), rel=1e-9)     # and its kurt the adjusted excess one
    assert stats.loc["ConSpeed", "missing"] == 8 and stats.loc["ConSpeed", "count"] == 43


def _coinr_flags(raw, meta, ind):
    """COINr's flags written out here on pandas: get_stats (availability, non-zero and unique shares of every
    row, |skew| > 2 and kurt > 3.5) and get_corr_flags (Pearson, pairwise complete, within the level-2 group,
    r > 0.9 or r < -0.4), the raw values turned by their directions (use_directions)."""
    codes = list(ind["iCode"])
    data = raw[codes].apply(pd.to_numeric, errors="coerce")
    turned = data * ind.set_index("iCode")["Direction"]
    r = turned.corr(method="pearson")
    parent = ind.set_index("iCode")["Parent"]
    out = {}
    for code in codes:
        col, n = data[code], len(data)
        x = col.dropna()
        sibs = [c for c in codes if c != code and parent[c] == parent[code]]
        out[code] = [f for f, on in (("low_data", x.size / n < 0.65), ("zeros", (x != 0).sum() / n < 0.5),
                                     ("unique", x.nunique() / n < 0.5),
                                     ("outliers", abs(x.skew()) > 2 and x.kurt() > 3.5),
                                     ("collinear", bool((r.loc[code, sibs] > 0.9).any())),
                                     ("negative", bool((r.loc[code, sibs] < -0.4).any()))) if on]
    return out


def test_flags_follow_coinr(asem, ref_dir):
    stats = S.indicator_statistics(asem).set_index("code")
    raw = _raw(ref_dir)
    meta = pd.read_csv(ref_dir / "asem_iMeta.csv")
    ind = meta[meta["Type"] == "Indicator"]
    expected = _coinr_flags(raw, meta, ind)
    for code in asem.framework.indicator_codes:
        assert stats.loc[code, "flags"] == expected[code], code
    # the data give most kinds of flag somewhere (zeros: the hand-made test below)
    seen = {f for fl in expected.values() for f in fl}
    assert {"unique", "outliers", "collinear", "negative"} <= seen, seen
    gas = pd.to_numeric(raw["Gas"], errors="coerce")
    assert abs(gas.skew()) > 2 and gas.kurt() > 3.5 and "outliers" in stats.loc["Gas", "flags"]
    assert "outliers" not in stats.loc["LPI", "flags"]
    assert S.flag_text("collinear") == "collinear" and S.flag_text("zeros") == "many zeros"


def test_flags_thresholds_are_strict_and_correlations_stay_within_the_parent(monkeypatch):
    """On a hand-made project: a correlation equal to the threshold does not flag (COINr: r > cor_thresh), a
    perfectly correlated indicator under another parent does not either, an indicator where less is better
    that falls as its sibling rises is no negative correlation (its raw values are turned by its direction),
    and zeros and repeated values count against every observation, missing ones included."""
    from core.model.dataset import Dataset
    from core.model.framework import Framework
    from core.project.project import Project
    a = np.arange(1.0, 11.0)
    b = a + np.array([1.0, -1, 0, 0, 0, 0, 0, 0, 1, -1])
    zeros = np.array([0.0, 0, 0, 0, 0, 0, 1, 2, 3, 4])          # 4 of 10 non-zero: "zeros"; 5 distinct: not "unique"
    repeats = np.array([1.0, 1, 1, 1, 1, 1, 2, 2, 3, np.nan])   # 3 distinct of 10: "unique"; 9 present: enough
    meta = [{"iCode": "IDX", "Type": "Aggregate"}, {"iCode": "P", "Parent": "IDX", "Type": "Aggregate"},
            {"iCode": "Q", "Parent": "IDX", "Type": "Aggregate"}, {"iCode": "R", "Parent": "IDX", "Type": "Aggregate"},
            {"iCode": "A", "Parent": "P"}, {"iCode": "B", "Parent": "P"}, {"iCode": "C", "Parent": "P", "Direction": -1},
            {"iCode": "D", "Parent": "Q"}, {"iCode": "E", "Parent": "R"}, {"iCode": "F", "Parent": "IDX"}]
    X = np.stack([a, b, -a, 2 * a, zeros, repeats], axis=1)[:, None, :]
    units = [f"U{k}" for k in range(10)]
    project = Project(Framework.from_records(meta), Dataset(units, units, [2020], list("ABCDEF"), X))
    stats = S.indicator_statistics(project.engine).set_index("code")
    r_ab = float(pd.DataFrame({"a": a, "b": b}).corr().loc["a", "b"])
    assert 0.9 < r_ab < 1
    assert stats.loc["A", "flags"] == ["collinear"] and stats.loc["C", "flags"] == ["collinear"]
    assert "negative" not in stats.loc["C", "flags"]              # turned by its direction: r(A, -C) = +1
    assert "collinear" not in stats.loc["D", "flags"]             # r = 1 with A, but A is not its sibling
    assert stats.loc["E", "flags"] == ["zeros"] and stats.loc["F", "flags"] == ["unique"]
    normalised = S.indicator_statistics(project.engine, dset="normalised").set_index("code")
    assert normalised.loc["C", "flags"] == ["collinear"]
    # strict: at a threshold equal to r(A, B), B is no longer collinear with A (only with C, r = 1 ... turned)
    monkeypatch.setattr(S, "COLLINEAR_MIN", r_ab)
    flags = S.indicator_statistics(project.engine).set_index("code")["flags"]
    r_bc = float(pd.DataFrame({"b": b, "c": a}).corr().loc["b", "c"])
    assert ("collinear" in flags["B"]) == (r_bc > r_ab)
    monkeypatch.setattr(S, "COLLINEAR_MIN", 1.0)
    assert all("collinear" not in f for f in S.indicator_statistics(project.engine)["flags"])


def test_correlation_flags_match_coinr_published_output(ref_dir):
    """COINr's analysis vignette prints get_corr_flags(coin, dset = "Normalised", ...) for its full example
    (denominated, imputed by group mean, screened, winsorised, min-max): with cor_thresh = 0.75 ("high") the
    pairs CPI-FreePress 0.761 and CPI-NGOs 0.768; with -0.5 ("low") CostImpEx-TBTs -0.697, RTAs-TBTs -0.752 and
    TBTs-TIRcon -0.623, all within their level-2 group.  Ours, at those thresholds, flag exactly those."""
    project = load_input(ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv")
    for k, v in (("denominate", "true"), ("imputation", "group_mean"), ("imputation_group", "EurAsia_group"),
                 ("screen_threshold", "0.9"), ("treatment", "winsorise")):
        project.settings.apply(k, v)
    engine = project.recompute()
    r = S.correlation(engine, ["CPI", "FreePress", "NGOs", "CostImpEx", "TBTs", "RTAs", "TIRcon"])
    for x, y, value in (("CPI", "FreePress", 0.761), ("CPI", "NGOs", 0.768), ("CostImpEx", "TBTs", -0.697),
                        ("RTAs", "TBTs", -0.752), ("TBTs", "TIRcon", -0.623)):
        assert round(float(r.loc[x, y]), 3) == value, (x, y)
    old = S.COLLINEAR_MIN, S.NEGATIVE_MAX
    try:
        S.COLLINEAR_MIN, S.NEGATIVE_MAX = 0.75, -0.5
        flags = S.indicator_statistics(engine, dset="normalised").set_index("code")["flags"]
    finally:
        S.COLLINEAR_MIN, S.NEGATIVE_MAX = old
    assert {c for c, f in flags.items() if "collinear" in f} == {"CPI", "FreePress", "NGOs"}
    assert {c for c, f in flags.items() if "negative" in f} == {"CostImpEx", "TBTs", "RTAs", "TIRcon"}


def test_one_period_and_pooled(asem_panel, ref_dir):
    raw = _raw(ref_dir, "asem_iData_p.csv")
    periods = asem_panel.dataset.periods
    one = S.indicator_statistics(asem_panel, period=periods[-1]).set_index("code")
    pooled = S.indicator_statistics(asem_panel).set_index("code")
    year = raw[raw["Time"] == periods[-1]]
    assert one.loc["LPI", "mean"] == pytest.approx(pd.to_numeric(year["LPI"]).mean(), rel=1e-12)
    assert pooled.loc["LPI", "count"] == pd.to_numeric(raw["LPI"], errors="coerce").count()
    assert pooled.loc["LPI", "sd"] == pytest.approx(pd.to_numeric(raw["LPI"], errors="coerce").std(), rel=1e-12)
    with pytest.raises(SettingsError, match="period '1999' is not in the data"):
        S.indicator_statistics(asem_panel, period=1999)


def test_normalised_statistics_read_the_scores(asem):
    stats = S.indicator_statistics(asem, dset="normalised").set_index("code")
    lpi = asem.scores[asem.index["LPI"], :, 0]
    assert stats.loc["LPI", "min"] == pytest.approx(np.nanmin(lpi)) and stats.loc["LPI", "max"] == pytest.approx(100)
    with pytest.raises(SettingsError, match="'treated' is not a data set"):
        S.indicator_statistics(asem, dset="treated")


def test_correlation_within_and_across_levels(asem):
    pillars, index_level = S.level_codes(asem, 2), S.level_codes(asem, 3)
    assert pillars[:2] == ["Physical", "ConEcFin"] and index_level == ["Conn", "Sust"]
    frame = pd.DataFrame({c: asem.scores[asem.index[c], :, 0] for c in pillars + index_level})
    within = S.correlation(asem, pillars, method="pearson")
    assert np.allclose(within.to_numpy(), frame[pillars].corr().to_numpy(), atol=1e-12)
    across = S.correlation(asem, pillars, index_level, method="spearman")
    ranks = frame.rank()
    for p in pillars:
        for q in index_level:
            assert across.loc[p, q] == pytest.approx(np.corrcoef(ranks[p], ranks[q])[0, 1], abs=1e-12)
    assert across.shape == (8, 2)
    with pytest.raises(SettingsError, match="'kendall' is not a correlation method"):
        S.correlation(asem, pillars, method="kendall")


def test_cronbach_alpha_by_hand():
    X = np.array([[1, 2, 3], [2, 3, 3], [3, 3, 4], [4, 5, 5]], dtype=float)
    # worked on paper: item variances 20/12, 19/12, 11/12; row sums 6, 8, 10, 14 (variance 35/3)
    item_var = [np.var(X[:, j], ddof=1) for j in range(3)]        # 1.6667, 1.5833, 0.9167
    assert item_var == pytest.approx([5 / 3, 19 / 12, 11 / 12])
    total_var = np.var([6, 8, 10, 14], ddof=1)                     # 35/3
    assert total_var == pytest.approx(35 / 3)
    expected = 3 / 2 * (1 - (5 / 3 + 19 / 12 + 11 / 12) / (35 / 3))   # 1.5 * (1 - (50/12) / (35/3)) = 27/28
    assert S.cronbach_alpha(X) == pytest.approx(expected) and expected == pytest.approx(27 / 28)
    # identical items: alpha 1; a row with a gap is left out
    assert S.cronbach_alpha([[1, 1], [2, 2], [5, 5], [np.nan, 3]]) == pytest.approx(1.0)
    assert math.isnan(S.cronbach_alpha([[1], [2], [3]]))


def test_pca_shares_by_hand():
    # two perfectly correlated items: the first component explains everything
    assert S.pca_explained([[1, 2], [2, 4], [3, 6], [5, 10]]) == pytest.approx([1.0, 0.0], abs=1e-12)
    # two uncorrelated items: half each
    assert S.pca_explained([[1, 1], [1, -1], [-1, 1], [-1, -1]]) == pytest.approx([0.5, 0.5])
    # correlation r: eigenvalues 1 + r and 1 - r
    X = np.array([[1, 2], [2, 1], [3, 4], [4, 3], [5, 6]], dtype=float)
    r = np.corrcoef(X, rowvar=False)[0, 1]
    assert S.pca_explained(X) == pytest.approx([(1 + r) / 2, (1 - r) / 2])


def test_dimension_statistics(asem):
    dims = S.dimension_statistics(asem).set_index("code")
    assert list(dims.index) == list(asem.framework.aggregate_codes)
    kids = asem.framework.children("ConEcFin")
    X = np.column_stack([asem.scores[asem.index[k], :, 0] for k in kids])
    complete = X[np.all(np.isfinite(X), axis=1)]
    k = len(kids)
    alpha = k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / complete.sum(axis=1).var(ddof=1))
    eig = np.linalg.eigvalsh(np.corrcoef(complete, rowvar=False))
    row = dims.loc["ConEcFin"]
    assert row["items"] == k and row["units"] == len(complete) and row["level"] == 2
    assert row["alpha"] == pytest.approx(alpha, rel=1e-12)
    assert row["pc1"] == pytest.approx(eig.max() / eig.sum(), rel=1e-12)
    assert sum(row["explained"]) == pytest.approx(1.0)
