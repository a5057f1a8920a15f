"""Cross-checks against COINr 1.1.14 on its ASEM example data (to 1e-9
absolute), through the Python API and through the command line's JSON.

Reference files: tests/data/coinr-asem/ (see its README for the R calls).
Units are joined on uCode (and Time for the panel), never on row order, and
the missing pattern must be the same.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from core.pipeline.engine import Engine
from core.importing.inputs import load_input

TOL = 1e-9
META = "asem_iMeta.csv"

BUILDS = {
    # reference file, input data, --set pairs
    "default": ("default_aggregated.csv", "asem_iData.csv", []),
    "geomean": ("geomean_aggregated.csv", "asem_iData.csv", [("minmax_range", "1,100"), ("aggregation", "geometric")]),
    "zscore": ("zscore_aggregated.csv", "asem_iData.csv", [("normalisation", "zscore")]),
    "panel_pooled": ("panel_default_aggregated.csv", "asem_iData_p.csv", [("pooled", "true")]),
}


# ---- helpers ---------------------------------------------------------------------
def api_engine(ref_dir, data, sets):
    project = load_input(ref_dir / data, ref_dir / META)
    settings = project.settings.copy()
    for k, v in sets:
        settings.apply(k, v)
    return Engine(project.framework, project.dataset, settings)


def engine_frame(engine) -> pd.DataFrame:
    """Scores of every node as a frame indexed by (uCode, Time)."""
    ds = engine.dataset
    rows = []
    for u, unit in enumerate(ds.unit_codes):
        for t, period in enumerate(ds.periods):
            row = {"uCode": unit, "Time": period}
            for code in engine.codes:
                row[code] = engine.score(code)[u, t]
            rows.append(row)
    return pd.DataFrame(rows).set_index(["uCode", "Time"])


def json_frame(doc, key="scores", field="value") -> pd.DataFrame:
    df = pd.DataFrame(doc[key])
    df = df.pivot_table(index=["unit", "period"], columns="code", values=field, aggfunc="first", dropna=False)
    df.index = df.index.set_names(["uCode", "Time"])
    return df


def reference_frame(path, has_time_col) -> pd.DataFrame:
    ref = pd.read_csv(path)
    assert not ref.duplicated(["uCode"] + (["Time"] if has_time_col else [])).any()
    if not has_time_col:
        return ref.set_index("uCode")
    return ref.set_index(["uCode", "Time"])


def assert_matches(ref: pd.DataFrame, got: pd.DataFrame, label: str, panel: bool):
    """Every column of ``ref`` (every level) equals ``got`` to TOL, joined on
    the unit (and period); same missing pattern."""
    if not panel:
        # the single-period data has Time = 2018: drop the period level to join on uCode only
        assert got.index.get_level_values("Time").nunique() == 1, label
        got = got.droplevel("Time")
    cols = [c for c in ref.columns if c not in ("uName",)]
    missing_cols = [c for c in cols if c not in got.columns]
    assert not missing_cols, f"{label}: no scores for {missing_cols}"
    assert set(ref.index) == set(got.index), f"{label}: different units / periods"
    got = got.loc[ref.index, cols].astype(float)
    exp = ref[cols].astype(float)
    n_checked = 0
    for c in cols:
        e, g = exp[c].to_numpy(), got[c].to_numpy()
        en, gn = np.isnan(e), np.isnan(g)
        assert (en == gn).all(), (f"{label}, {c}: missing pattern differs at "
                                  f"{list(exp.index[en != gn][:5])}")
        diff = np.abs(e[~en] - g[~en])
        if diff.size:
            k = int(np.argmax(diff))
            assert diff[k] <= TOL, (f"{label}, {c}: |COINr - CoIndex| = {diff[k]:.3g} at "
                                    f"{list(exp.index[~en])[k]} (COINr {e[~en][k]!r}, CoIndex {g[~en][k]!r})")
        n_checked += int((~en).sum())
    assert n_checked == int(exp.notna().to_numpy().sum()) > 0
    return n_checked


# ---- Python API -----------------------------------------------------------------------
@pytest.mark.parametrize("build", list(BUILDS))
def test_api_matches_coinr(ref_dir, build):
    ref_file, data, sets = BUILDS[build]
    panel = build == "panel_pooled"
    ref = reference_frame(ref_dir / ref_file, panel)
    engine = api_engine(ref_dir, data, sets)
    # every level: 49 indicators, 8 pillars, 2 sub-indices, the index
    assert {c for c in ref.columns if c != "uName"} == set(engine.codes)
    assert_matches(ref, engine_frame(engine), f"API {build}", panel)


def test_api_default_normalised_matches_coinr(ref_dir):
    ref = reference_frame(ref_dir / "default_normalised.csv", False)
    engine = api_engine(ref_dir, "asem_iData.csv", [])
    assert set(ref.columns) == set(engine.framework.indicator_codes)
    assert_matches(ref, engine_frame(engine), "API default normalised", False)


def test_api_default_missing_pattern_is_nontrivial(ref_dir):
    """The comparison is meaningful: the reference has missing normalised
    values, and the pillars above them are still present (renormalised)."""
    ref = reference_frame(ref_dir / "default_aggregated.csv", False)
    assert ref.isna().to_numpy().sum() > 0
    engine = api_engine(ref_dir, "asem_iData.csv", [])
    got = engine_frame(engine).droplevel("Time")
    assert not got["Index"].isna().any()


def test_api_default_ranking_matches_coinr(ref_dir):
    ref = pd.read_csv(ref_dir / "default_index_ranking.csv").set_index("uCode")
    engine = api_engine(ref_dir, "asem_iData.csv", [])
    ds = engine.dataset
    rank = pd.Series(engine.rank("Index")[:, 0], index=ds.unit_codes)
    score = pd.Series(engine.score("Index")[:, 0], index=ds.unit_codes)
    names = pd.Series(ds.unit_names, index=ds.unit_codes)
    assert set(rank.index) == set(ref.index)
    for u in ref.index:
        assert rank[u] == ref.at[u, "Rank"], f"{u}: rank {rank[u]} != COINr {ref.at[u, 'Rank']}"
        assert abs(score[u] - ref.at[u, "Index"]) <= TOL, u
        assert names[u] == ref.at[u, "uName"]


def test_api_panel_unpooled_differs_from_pooled_reference(ref_dir):
    """Guard that the pooled setting is actually what makes the panel match:
    min-max within each year must give different numbers."""
    ref = reference_frame(ref_dir / "panel_default_aggregated.csv", True)
    engine = api_engine(ref_dir, "asem_iData_p.csv", [("pooled", "false")])
    got = engine_frame(engine).loc[ref.index]
    assert np.nanmax(np.abs(got["Index"].to_numpy() - ref["Index"].to_numpy())) > 1e-3


# ---- command line JSON -------------------------------------------------------------------
def _cli_sets(sets):
    out = []
    for k, v in sets:
        out += ["--set", f"{k}={v}"]
    return out


@pytest.mark.parametrize("build", ["default", "geomean", "zscore", "panel_pooled"])
def test_cli_json_matches_coinr(ref_dir, cli_json, build):
    ref_file, data, sets = BUILDS[build]
    panel = build == "panel_pooled"
    ref = reference_frame(ref_dir / ref_file, panel)
    doc = cli_json(ref_dir / data, "--meta", ref_dir / META, *_cli_sets(sets))
    got = json_frame(doc)
    assert_matches(ref, got, f"CLI {build}", panel)
    if build == "default":
        # the normalised indicators are the indicator scores of the same document
        norm = reference_frame(ref_dir / "default_normalised.csv", False)
        assert_matches(norm, got, "CLI default normalised", False)
        # ranks of the index
        ranking = pd.read_csv(ref_dir / "default_index_ranking.csv").set_index("uCode")
        ranks = json_frame(doc, "ranks", "rank").droplevel("Time")["Index"]
        for u in ranking.index:
            assert ranks[u] == ranking.at[u, "Rank"], u
        assert all(isinstance(r["rank"], int) or r["rank"] is None for r in doc["ranks"])
        # JSON carries missing values as null, never NaN
        assert any(r["value"] is None for r in doc["scores"])
        assert not any(isinstance(r["value"], float) and math.isnan(r["value"]) for r in doc["scores"])
