"""The command line's contract (issue 2): the --json document, template
workbooks and the --out results workbook."""
from __future__ import annotations

import json
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

from core.importing.inputs import load_input

TOP_KEYS = {"framework", "units", "periods", "data", "scores", "ranks", "growth", "contributions", "warnings",
            "coverage", "treatment", "weights", "weighting"}
FW_KEYS = {"code", "name", "name_zh", "parent", "level", "weight", "direction"}
CELL_KEYS = {"unit", "period", "code", "value"}
RANK_KEYS = {"unit", "period", "code", "rank"}
GROWTH_KEYS = {"unit", "code", "from", "to", "change_pct", "cagr_pct"}
CONTRIB_KEYS = {"unit", "code", "child", "from", "to", "points", "share_pct"}


def is_num_or_null(v):
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))


def by_key(records, *keys, field="value"):
    return {tuple(r[k] for k in keys): r[field] for r in records}


@pytest.fixture(scope="module")
def panel_files(tmp_path_factory, ref_dir):
    """The first 12 ASEM units over 2018-2022 (many units, many years), and
    the single-period iData without its Time column."""
    d = tmp_path_factory.mktemp("cli")
    panel = pd.read_csv(ref_dir / "asem_iData_p.csv")
    keep = sorted(panel["uCode"].unique())[:12]
    panel_small = d / "panel_small.csv"
    panel[panel["uCode"].isin(keep)].to_csv(panel_small, index=False)
    single = pd.read_csv(ref_dir / "asem_iData.csv")
    assert "Time" in single.columns
    notime = d / "asem_no_time.csv"
    single.drop(columns=["Time"]).to_csv(notime, index=False)
    return {"panel": panel_small, "notime": notime, "meta": ref_dir / "asem_iMeta.csv", "dir": d}


@pytest.fixture(scope="module")
def panel_doc(cli_json, panel_files):
    return cli_json(panel_files["panel"], "--meta", panel_files["meta"])


@pytest.fixture(scope="module")
def sample_run(run_cli, sample_coindex, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "results.xlsx"
    p = run_cli("compute", sample_coindex, "--json", "--out", out, "--values-only")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout), out


# ---- the JSON document ----------------------------------------------------------------------------------
def test_json_top_level_keys(panel_doc):
    assert set(panel_doc) == TOP_KEYS


def test_json_framework_entries(panel_doc, ref_dir):
    meta = pd.read_csv(ref_dir / "asem_iMeta.csv")
    nodes = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    fw = panel_doc["framework"]
    assert [f["code"] for f in fw] == list(nodes["iCode"])
    for f, (_, m) in zip(fw, nodes.iterrows()):
        assert set(f) == FW_KEYS
        assert f["name"] == m["iName"]
        assert f["name_zh"] == ""
        assert f["parent"] == (None if pd.isna(m["Parent"]) else m["Parent"])
        assert f["level"] == int(m["Level"])
        assert f["weight"] == float(m["Weight"])
        assert f["direction"] == int(m["Direction"]) and isinstance(f["direction"], int)
        assert isinstance(f["level"], int)


def test_json_units_and_periods(panel_doc, panel_files):
    raw = pd.read_csv(panel_files["panel"])
    assert sorted(panel_doc["units"]) == sorted(raw["uCode"].unique())
    assert panel_doc["periods"] == [2018, 2019, 2020, 2021, 2022]
    assert all(isinstance(p, int) for p in panel_doc["periods"])


def test_json_data_records_are_the_raw_values(panel_doc, panel_files):
    raw = pd.read_csv(panel_files["panel"]).set_index(["uCode", "Time"])
    ind = [f["code"] for f in panel_doc["framework"] if f["level"] == 1]
    data = panel_doc["data"]
    assert all(set(r) == CELL_KEYS for r in data)
    assert len(data) == len(panel_doc["units"]) * len(panel_doc["periods"]) * len(ind)
    assert {r["code"] for r in data} == set(ind)
    n_null = 0
    for r in data:
        x = raw.at[(r["unit"], r["period"]), r["code"]]
        if pd.isna(x):
            assert r["value"] is None
            n_null += 1
        else:
            assert r["value"] == float(x)            # exact: the raw input, not a rounding of it
    assert n_null > 0, "the panel subset should have missing values"


def test_json_scores_every_node(panel_doc):
    codes = [f["code"] for f in panel_doc["framework"]]
    scores = panel_doc["scores"]
    assert all(set(r) == CELL_KEYS for r in scores)
    assert all(is_num_or_null(r["value"]) for r in scores)
    assert len(scores) == len(panel_doc["units"]) * len(panel_doc["periods"]) * len(codes)
    assert {r["code"] for r in scores} == set(codes)
    # default settings are COINr's: min-max 0-100 within each period -> every indicator spans [0, 100]
    ind = {f["code"] for f in panel_doc["framework"] if f["level"] == 1}
    for code in list(ind)[:10]:
        for period in panel_doc["periods"]:
            vals = [r["value"] for r in scores if r["code"] == code and r["period"] == period
                    and r["value"] is not None]
            if len(set(vals)) > 1:
                assert min(vals) == pytest.approx(0, abs=1e-12) and max(vals) == pytest.approx(100, abs=1e-9)


def test_json_ranks(panel_doc):
    ranks = panel_doc["ranks"]
    scores = by_key(panel_doc["scores"], "unit", "period", "code")
    assert all(set(r) == RANK_KEYS for r in ranks)
    assert len(ranks) == len(scores)
    for r in ranks:
        s = scores[(r["unit"], r["period"], r["code"])]
        if s is None:
            assert r["rank"] is None
        else:
            assert isinstance(r["rank"], int) and not isinstance(r["rank"], bool)
    # rank = 1 + number of units with a strictly higher score in that period
    for code in ("Index", "Conn", "LPI"):
        for period in panel_doc["periods"]:
            vals = {u: scores[(u, period, code)] for u in panel_doc["units"]}
            for r in ranks:
                if r["code"] == code and r["period"] == period and r["rank"] is not None:
                    v = vals[r["unit"]]
                    assert r["rank"] == 1 + sum(1 for w in vals.values() if w is not None and w > v)


def test_json_growth_first_to_last(panel_doc):
    growth = panel_doc["growth"]
    scores = by_key(panel_doc["scores"], "unit", "period", "code")
    p0, p1 = panel_doc["periods"][0], panel_doc["periods"][-1]
    assert all(set(g) == GROWTH_KEYS for g in growth)
    assert len(growth) == len(panel_doc["units"]) * len(panel_doc["framework"])
    checked = 0
    for g in growth:
        assert g["from"] == p0 and g["to"] == p1
        s0, s1 = scores[(g["unit"], p0, g["code"])], scores[(g["unit"], p1, g["code"])]
        if s0 is None or s1 is None or s0 <= 0:
            assert g["cagr_pct"] is None
            continue
        assert g["change_pct"] == pytest.approx((s1 / s0 - 1) * 100, rel=1e-9, abs=1e-9)
        assert g["cagr_pct"] == pytest.approx(((s1 / s0) ** (1 / (p1 - p0)) - 1) * 100, rel=1e-9, abs=1e-9)
        checked += 1
    assert checked > 100


def test_json_contributions_first_to_last(panel_doc):
    contrib = panel_doc["contributions"]
    scores = by_key(panel_doc["scores"], "unit", "period", "code")
    children = {}
    for f in panel_doc["framework"]:
        if f["parent"] is not None:
            children.setdefault(f["parent"], []).append(f["code"])
    p0, p1 = panel_doc["periods"][0], panel_doc["periods"][-1]
    assert all(set(c) == CONTRIB_KEYS for c in contrib)
    assert len(contrib) == len(panel_doc["units"]) * sum(len(v) for v in children.values())
    groups = {}
    for c in contrib:
        assert c["from"] == p0 and c["to"] == p1
        groups.setdefault((c["unit"], c["code"]), []).append(c)
    checked = 0
    for (unit, parent), rows in groups.items():
        assert [r["child"] for r in rows] == children[parent]
        s0, s1 = scores[(unit, p0, parent)], scores[(unit, p1, parent)]
        if s0 is None or s1 is None:
            continue
        pts = [r["points"] for r in rows]
        assert all(p is not None for p in pts)
        assert sum(pts) == pytest.approx(s1 - s0, abs=1e-9)
        if abs(s1 - s0) > 1e-9:
            assert sum(r["share_pct"] for r in rows) == pytest.approx(100.0, abs=1e-6)
        checked += 1
    assert checked > 50


def test_json_warnings_is_a_list(panel_doc):
    w = panel_doc["warnings"]
    assert isinstance(w, list) and w, "the ASEM subset has missing children: expect 'skipped' warnings"
    assert all(isinstance(x, dict) and isinstance(x.get("message"), str) for x in w)


def test_json_without_time_column_has_null_period(cli_json, panel_files, ref_dir):
    doc = cli_json(panel_files["notime"], "--meta", panel_files["meta"])
    assert set(doc) == TOP_KEYS
    assert doc["periods"] == [None]
    for key in ("data", "scores", "ranks"):
        assert doc[key] and all(r["period"] is None for r in doc[key]), key
    # one period: nothing to grow from
    assert doc["growth"] == [] and doc["contributions"] == []
    # the results are still COINr's (the single-period data had Time 2018)
    ref = pd.read_csv(ref_dir / "default_aggregated.csv").set_index("uCode")
    scores = by_key(doc["scores"], "unit", "code")
    for u in ref.index:
        for c in ("Index", "Conn", "Sust", "Physical", "LPI"):
            e, g = ref.at[u, c], scores[(u, c)]
            assert (g is None) == pd.isna(e)
            if g is not None:
                assert abs(g - e) <= 1e-9


# ---- template ------------------------------------------------------------------------------------------------
def test_template_roundtrip(run_cli, tmp_path):
    out = tmp_path / "tpl.xlsx"
    p = run_cli("template", out)
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out)
    for sheet in ("Data", "Meta", "Settings"):
        assert sheet in wb.sheetnames
    data_header = [c.value for c in wb["Data"][1]]
    meta_header = [c.value for c in wb["Meta"][1]]
    assert data_header[:3] == ["uCode", "uName", "Time"]
    for col in ("Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type", "iName_zh"):
        assert col in meta_header
    # fill in a small example
    ws = wb["Meta"]
    col = {h: i for i, h in enumerate(meta_header)}

    def meta_row(**kw):
        row = [None] * len(meta_header)
        for k, v in kw.items():
            row[col[k]] = v
        ws.append(row)
    meta_row(Level=1, iCode="a", iName="A", iName_zh="甲", Direction=1, Weight=1, Parent="D", Type="Indicator")
    meta_row(Level=1, iCode="b", iName="B", Direction=-1, Weight=3, Parent="D", Type="Indicator")
    meta_row(Level=2, iCode="D", iName="Dim", Direction=1, Weight=1, Type="Aggregate")
    wd = wb["Data"]
    wd.cell(row=1, column=4).value = "a"
    wd.cell(row=1, column=5).value = "b"
    for r in (["X", "Ex", 2020, 1.0, 10.0], ["Y", "Why", 2020, 3.0, 20.0], ["Z", "Zed", 2020, 2.0, None],
              ["X", "Ex", 2021, 2.0, 10.0], ["Y", "Why", 2021, 4.0, 30.0], ["Z", "Zed", 2021, 5.0, 20.0]):
        wd.append(r)
    wb.save(out)
    project = load_input(out)
    assert project.framework.indicator_codes == ["a", "b"]
    assert project.framework["a"].name_zh == "甲"
    assert project.dataset.periods == [2020, 2021]
    # the Settings sheet's defaults are COINr's
    s = project.settings
    assert (s.normalisation, tuple(s.minmax_range), s.pooled, s.aggregation, s.weighting) == \
        ("minmax", (0.0, 100.0), False, "arithmetic", "manual")
    e = project.engine
    u = {c: i for i, c in enumerate(project.dataset.unit_codes)}
    # 2020: a -> X 0, Y 100, Z 50; b (direction -1): X 100, Y 0, Z missing
    # D = (1*a + 3*b) / 4 over present children
    assert e.score("D")[u["X"], 0] == pytest.approx((0 + 3 * 100) / 4)
    assert e.score("D")[u["Y"], 0] == pytest.approx((100 + 0) / 4)
    assert e.score("D")[u["Z"], 0] == pytest.approx(50.0)
    # 2021: a -> X 0, Y 2/3*100, Z 100; b: X 100, Y 0, Z 50
    assert e.score("D")[u["Z"], 1] == pytest.approx((100 + 3 * 50) / 4)


def test_template_rejects_non_xlsx(run_cli, tmp_path):
    p = run_cli("template", tmp_path / "tpl.csv")
    assert p.returncode == 1 and "tpl.csv" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "tpl.csv").exists()


# ---- --out results workbook ------------------------------------------------------------------------------------------
def test_out_default_writes_formulas_with_cached_values(tmp_path, run_cli, sample_coindex):
    out = tmp_path / "formulas.xlsx"
    p = run_cli("compute", sample_coindex, "--out", out)
    assert p.returncode == 0, p.stderr
    wb = openpyxl.load_workbook(out, data_only=False)
    cached = openpyxl.load_workbook(out, data_only=True)
    formulas = [(ws.title, c.coordinate) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) > 100
    # every formula cell carries a cached number (or is blank) for viewers that do not recalculate
    assert all(cached[s][a].value is None or isinstance(cached[s][a].value, (int, float)) for s, a in formulas)
    assert any(isinstance(cached[s][a].value, float) and round(cached[s][a].value, 2) == 202.29 for s, a in formulas)


def test_out_workbook_matches_json(sample_run):
    doc, out = sample_run
    assert out.exists()
    wb = openpyxl.load_workbook(out, data_only=False)
    names = set(wb.sheetnames)
    assert {"Scores", "Growth", "Contributions"} <= names, names
    # values only: no formulas anywhere
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row), ws.title
    # scores: one row per unit and period, one column per node
    def wide(name, keys):
        rows = list(wb[name].iter_rows(values_only=True))
        return {(*r[:keys], rows[0][j]): v for r in rows[1:] for j, v in enumerate(r) if j >= keys}

    assert [c.value for c in wb["Scores"][1]][:3] == ["unit", "name", "period"]
    sheet_scores = {(u, p, code): v for (u, _, p, code), v in wide("Scores", 3).items()}
    json_scores = by_key(doc["scores"], "unit", "period", "code")
    assert sheet_scores == json_scores                   # every digit
    assert round(sheet_scores[("CCEC", 2024, "CII")], 2) == 202.29
    # growth and contributions of the aggregates, one row per unit
    aggs = {"CII", "RA", "IC", "RS", "IL", "ES"}
    g = {(u, code): v for (u, _, _, _, code), v in wide("CAGR", 4).items()}
    assert g == {(r["unit"], r["code"]): r["cagr_pct"] for r in doc["growth"] if r["code"] in aggs}
    assert round(g[("CCEC", "CII")], 2) == 19.26
    c = {(u, child): v for (u, _, _, _, child), v in wide("Contributions", 4).items()}
    assert c == {(r["unit"], r["child"]): r["points"] for r in doc["contributions"] if r["child"] in aggs}
    assert len(c) == 5 and sum(c.values()) == pytest.approx(sheet_scores[("CCEC", 2024, "CII")] - 100, rel=1e-12)


def test_sample_json_contributions_sum_to_cii_change(sample_run):
    doc, _ = sample_run
    rows = [c for c in doc["contributions"] if c["code"] == "CII"]
    assert [r["child"] for r in rows] == ["RA", "IC", "RS", "IL", "ES"]
    assert sum(r["points"] for r in rows) == pytest.approx(202.29 - 100, abs=0.005)
    assert sum(r["share_pct"] for r in rows) == pytest.approx(100.0, abs=1e-9)
    # arithmetic, equal weights: each dimension contributes (D_2024 - 100) / 5
    s = by_key(doc["scores"], "period", "code")
    for r in rows:
        assert r["points"] == pytest.approx((s[(2024, r["child"])] - 100) / 5, abs=1e-9)


def test_compute_without_json_prints_a_summary(run_cli, sample_coindex):
    p = run_cli("compute", sample_coindex)
    assert p.returncode == 0 and "Traceback" not in p.stderr
    assert "CII" in p.stdout and "202.29" in p.stdout


# ---- inputs open as they are ------------------------------------------------------------------------------------
META_ZH = ("Level,iCode,iName,iName_zh,Direction,Weight,Parent,Type\n"
           "1,a,GDP,地区生产总值,1,1,D,Indicator\n"
           "1,b,PM2.5,PM2.5年均浓度,-1,1,D,Indicator\n"
           "2,D,Dimension,环境支撑,1,1,,Aggregate\n")
DATA_NA = "uCode,uName,Time,a,b\nX,成都,2020,1,NA\nY,重庆,2020,3,2\nZ,Z,2020,,4\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_and_na_markers(tmp_path, encoding):
    meta = tmp_path / "meta.csv"
    data = tmp_path / "data.csv"
    meta.write_bytes(META_ZH.encode(encoding))
    data.write_bytes(DATA_NA.encode(encoding))
    project = load_input(data, meta)
    fw, ds = project.framework, project.dataset
    assert fw["a"].name_zh == "地区生产总值" and fw["D"].name_zh == "环境支撑"
    assert ds.unit_names == ["成都", "重庆", "Z"]
    assert math.isnan(ds.value("X", 2020, "b"))           # R's NA is missing
    assert math.isnan(ds.value("Z", 2020, "a"))           # an empty cell is missing
    assert ds.value("Y", 2020, "b") == 2.0
    e = project.engine
    u = {c: i for i, c in enumerate(ds.unit_codes)}
    # min-max within the period; b has direction -1: Y (2) -> 100, Z (4) -> 0
    assert e.score("b")[u["Y"], 0] == pytest.approx(100.0) and e.score("b")[u["Z"], 0] == pytest.approx(0.0)
    assert e.score("D")[u["X"], 0] == pytest.approx(0.0)       # only a present: a(X) = 0
    assert e.score("D")[u["Z"], 0] == pytest.approx(0.0)       # only b present: b(Z) = 0
    assert e.score("D")[u["Y"], 0] == pytest.approx(100.0)


# ---- an iData CSV without its iMeta ----------------------------------------------------------------------
IDATA_NO_META = ("uCode,uName,Time,Group_size,GDP,Pop,Den_Area\n"
                 "CD,Chengdu,2022,L,20817.5,2119.2,14335\n"
                 "CD,Chengdu,2023,L,22074.7,2140.3,14335\n"
                 "CQ,Chongqing,2022,XL,29129.0,3213.3,82400\n"
                 "CQ,Chongqing,2023,XL,30145.8,3191.4,82400\n")


def test_a_csv_without_meta_gets_one_index_over_its_indicators(tmp_path, run_cli):
    data = tmp_path / "cities.csv"
    data.write_text(IDATA_NO_META, encoding="utf-8")
    warnings: list = []
    project = load_input(data, meta=None, warnings=warnings)
    fw = project.framework
    assert fw.root == "INDEX" and fw.indicator_codes == ["GDP", "Pop"]
    assert [(fw[c].parent, fw[c].weight, fw[c].direction) for c in fw.indicator_codes] == [("INDEX", 1.0, 1)] * 2
    ds = project.dataset
    assert ds.unit_codes == ["CD", "CQ"] and ds.unit_names == ["Chengdu", "Chongqing"] and ds.periods == [2022, 2023]
    assert ds.value("CQ", 2023, "GDP") == 30145.8 and ds.value("CD", 2022, "Pop") == 2119.2
    assert list(ds.groups["Group_size"][:, 0]) == ["L", "XL"] and list(ds.denominators["Den_Area"][:, 1]) == [14335, 82400]
    assert [w["kind"] for w in warnings if w["kind"] == "no_meta"] == ["no_meta"]
    p = run_cli("compute", data, "--json")
    assert p.returncode == 0, p.stderr
    doc = json.loads(p.stdout)
    assert [(n["code"], n["parent"]) for n in doc["framework"]] == [("INDEX", None), ("GDP", "INDEX"), ("Pop", "INDEX")]
    assert any("one index INDEX over its 2 indicator(s)" in w["message"] for w in doc["warnings"])
    p = run_cli("compute", data)
    assert p.returncode == 0 and "warning: cities.csv: no iMeta file (--meta) given: one index INDEX" in p.stderr


def test_a_csv_without_meta_or_ucode_says_what_is_missing(tmp_path, run_cli):
    data = tmp_path / "long.csv"
    data.write_text("region,year,indicator,value\nChengdu,2022,GDP,1\n", encoding="utf-8")
    p = run_cli("compute", data)
    assert p.returncode == 1 and "long.csv: there is no uCode column" in p.stderr and "Traceback" not in p.stderr
