"""The bundled Chengdu–Chongqing sample reproduces the published figures
(iChongqing, 4 January 2026; tests/data/seed/), computed by the
engine from the sample files, through the Python API and the command line."""
from __future__ import annotations

import math

import numpy as np
import openpyxl
import pytest

from core.importing.inputs import load_input

DIMS = ["RA", "IC", "RS", "IL", "ES"]
YEARS = [2020, 2021, 2022, 2023, 2024]
SOURCES = ["api-coindex", "api-xlsx", "cli-coindex", "cli-xlsx"]


def r2(x):
    return round(x, 2)


def _from_engine(engine):
    ds = engine.dataset
    assert ds.unit_codes == ["CCEC"]
    assert ds.periods == YEARS
    scores = {c: [float(v) for v in engine.score(c)[0]] for c in engine.codes}
    growth = {}
    for c in engine.codes:
        ch, cg = engine.growth(c, 0, -1)
        growth[c] = (float(ch[0]), float(cg[0]))
    return scores, growth


def _from_doc(doc):
    assert doc["units"] == ["CCEC"]
    assert doc["periods"] == YEARS
    scores = {}
    for r in doc["scores"]:
        scores.setdefault(r["code"], {})[r["period"]] = r["value"]
    scores = {c: [v[y] for y in YEARS] for c, v in scores.items()}
    growth = {}
    for g in doc["growth"]:
        assert g["unit"] == "CCEC" and g["from"] == 2020 and g["to"] == 2024
        growth[g["code"]] = (g["change_pct"], g["cagr_pct"])
    return scores, growth


@pytest.fixture(scope="module")
def docs(sample_coindex, sample_xlsx, cli_json):
    """``python main.py compute SAMPLE --json`` for both sample files."""
    return {"coindex": cli_json(sample_coindex), "xlsx": cli_json(sample_xlsx)}


@pytest.fixture(scope="module")
def results(sample_coindex, sample_xlsx, docs):
    out = {}
    for name, path in (("coindex", sample_coindex), ("xlsx", sample_xlsx)):
        project = load_input(path)
        out[f"api-{name}"] = _from_engine(project.engine)
        out[f"cli-{name}"] = _from_doc(docs[name])
    return out


@pytest.mark.parametrize("source", SOURCES)
def test_composite_2024_and_growth(results, source):
    scores, growth = results[source]
    assert r2(scores["CII"][-1]) == 202.29
    assert r2(growth["CII"][1]) == 19.26
    assert r2(growth["CII"][0]) == 102.29
    # the CAGR is the compound rate, (I_end / I_start)^(1/4) - 1
    assert math.isclose(growth["CII"][1], ((scores["CII"][-1] / scores["CII"][0]) ** 0.25 - 1) * 100, rel_tol=1e-12)


@pytest.mark.parametrize("source", SOURCES)
def test_dimensions_2024(results, source):
    scores, growth = results[source]
    assert r2(scores["IC"][-1]) == 309.78
    assert r2(growth["IC"][1]) == 32.67
    assert r2(scores["IL"][-1]) == 180.87
    assert r2(growth["IL"][1]) == 15.97
    es = scores["ES"][-1]
    assert 190 <= es <= 199.99
    ranked = sorted(DIMS, key=lambda d: -scores[d][-1])
    assert ranked[1] == "ES", ranked
    assert scores["RA"][-1] < scores["IL"][-1]
    assert scores["RS"][-1] < scores["IL"][-1]


@pytest.mark.parametrize("source", SOURCES)
def test_base_year_is_100(results, source):
    scores, _ = results[source]
    assert set(scores) >= set(DIMS) | {"CII"}
    for code, s in scores.items():
        assert s[0] == pytest.approx(100.0, abs=1e-9), code


@pytest.mark.parametrize("source", SOURCES)
def test_dimensions_sum_to_five_times_composite(results, source):
    scores, _ = results[source]
    total = sum(scores[d][-1] for d in DIMS)
    assert total == pytest.approx(5 * scores["CII"][-1], abs=1e-9)
    # with the published, rounded composite: 5 x 202.29 = 1011.45
    assert r2(total) == 1011.45


@pytest.mark.parametrize("source", SOURCES)
def test_published_2023_composite(results, source):
    """The 2024 edition reported 173.47 for 2023 (same base)."""
    scores, _ = results[source]
    assert r2(scores["CII"][3]) == 173.47


@pytest.mark.parametrize("path_fixture", ["sample_coindex", "sample_xlsx"])
def test_engine_equals_fixed_base_by_hand(request, path_fixture):
    """The engine's numbers equal the method recomputed here from the raw
    values: 100 x_t / x_2020 (inverted where less is better), equal-weight
    means of the indicators, then of the five dimensions."""
    project = load_input(request.getfixturevalue(path_fixture))
    fw, ds, e = project.framework, project.dataset, project.engine
    by_hand = {}
    for i, code in enumerate(ds.codes):
        x = ds.values[0, :, i]
        assert np.all(np.isfinite(x)) and np.all(x > 0), code
        by_hand[code] = 100 * x / x[0] if fw[code].direction == 1 else 100 * x[0] / x
    for d in DIMS:
        kids = fw.children(d)
        assert 3 <= len(kids) <= 5, d
        by_hand[d] = np.mean([by_hand[k] for k in kids], axis=0)
    by_hand["CII"] = np.mean([by_hand[d] for d in DIMS], axis=0)
    for code, s in by_hand.items():
        np.testing.assert_allclose(e.score(code)[0], s, rtol=1e-12, atol=0, err_msg=code)


@pytest.mark.parametrize("path_fixture", ["sample_coindex", "sample_xlsx"])
def test_sample_settings_and_framework(request, path_fixture):
    project = load_input(request.getfixturevalue(path_fixture))
    st, fw = project.settings, project.framework
    assert st.normalisation == "fixed_base"
    assert st.base_year == 2020
    assert st.aggregation == "arithmetic"
    assert fw.roots == ["CII"]
    assert fw.children("CII") == DIMS
    names_zh = {"RA": "资源集聚", "IC": "创新合作", "RS": "成果共享", "IL": "产业联动", "ES": "环境支撑"}
    for d, zh in names_zh.items():
        assert fw[d].name_zh == zh
        assert fw[d].name
    for code in fw.indicator_codes:
        n = fw[code]
        assert n.name and n.name_zh and n.unit, code
    # equal weights: either the setting, or the framework's weights are equal among siblings
    for agg_code in fw.aggregate_codes:
        ws = {fw[k].weight for k in fw.children(agg_code)}
        assert st.weighting == "equal" or len(ws) == 1, agg_code
    # the three indicators the 2024 edition added
    zh_all = {fw[c].name_zh for c in fw.indicator_codes}
    for added in ("成渝地区创新合作协议数量", "成渝地区联合举办的科技学术交流会议数量", "创新型产业集群营业收入"):
        assert added in zh_all, added
    # regional GDP 2024 as published: 9.68 trillion yuan
    gdp = [c for c in fw.indicator_codes if fw[c].name_zh == "地区生产总值"]
    assert len(gdp) == 1
    assert project.dataset.value("CCEC", 2024, gdp[0]) == pytest.approx(9.68)
    # some indicator is "less is better"
    assert any(fw[c].direction == -1 for c in fw.indicator_codes)


def test_coindex_note_says_illustrative(sample_coindex):
    project = load_input(sample_coindex)
    note = project.info.get("note", "").lower()
    assert "illustrative" in note
    assert "not official" in note


def test_xlsx_says_illustrative(sample_xlsx):
    wb = openpyxl.load_workbook(sample_xlsx, read_only=True)
    text = " ".join(str(v) for ws in wb.worksheets if ws.title not in ("Data",)
                    for row in ws.iter_rows(values_only=True) for v in row if v is not None).lower()
    wb.close()
    assert "illustrative" in text and "not official" in text


def test_coindex_and_xlsx_hold_the_same_data(sample_coindex, sample_xlsx):
    a, b = load_input(sample_coindex), load_input(sample_xlsx)
    assert a.framework.indicator_codes == b.framework.indicator_codes
    assert a.dataset.unit_codes == b.dataset.unit_codes and a.dataset.periods == b.dataset.periods
    np.testing.assert_array_equal(a.dataset.values, b.dataset.values)


@pytest.mark.parametrize("name", ["coindex", "xlsx"])
def test_cli_framework_entries_for_sample(docs, name):
    doc = docs[name]
    fw = {f["code"]: f for f in doc["framework"]}
    assert fw["CII"]["parent"] is None
    assert fw["IC"]["name_zh"] == "创新合作" and fw["IC"]["parent"] == "CII"
    assert fw["CII"]["level"] > fw["IC"]["level"] > 1
    assert {f["code"] for f in doc["framework"] if f["parent"] == "CII"} == set(DIMS)
