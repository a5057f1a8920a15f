"""Importing indicator workbooks (issue 4): values as people write them,
every layout of the corpus in tests/data/ (made by tests/data/make_corpus.py,
some files written by LibreOffice), new projects, merges into a project as
one undoable step, provenance, the `import` command line and the template
round trip.  Expected values are stated here from the workbooks' contents,
not taken from the importer's output."""
from __future__ import annotations

import datetime as dt
import hashlib
import math
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from hypothesis import given, settings, strategies as st

from core.project import projectfile
from core.model.celltext import (BAD, MISSING, NUMBER, PERCENT, CellIssue, looks_like_unit, parse_number,
                                 parse_values, parse_year, split_label_unit)
from core.errors import InputError
from core.importing.importer import import_workbook
from core.importing.merge import merge_into, to_project
from core.sheets.readers import read_workbook_cells
from core.importing.inputs import load_input

DATA = Path(__file__).resolve().parents[1] / "data"
nan = math.nan


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def cube(result, unit, code):
    """Values of one unit and indicator over the result's periods."""
    return result.values[result.unit_codes.index(unit), :, result.codes.index(code)]


# ---- values as people write them -----------------------------------------------------------------------
@pytest.mark.parametrize("text, value, kind", [
    ("1,234.5", 1234.5, NUMBER), ("1,234,567", 1234567.0, NUMBER), ("12.3%", 12.3, PERCENT),
    ("５‰", 5.0, PERCENT), ("１２３，４５６．７", 123456.7, NUMBER), ("（1,234）", -1234.0, NUMBER),
    ("(1,234)", -1234.0, NUMBER), ("-56.5", -56.5, NUMBER), ("−5", -5.0, NUMBER), ("+5", 5.0, NUMBER),
    ("¥1,000", 1000.0, NUMBER), ("1 234.5", 1234.5, NUMBER), (" 7 ", 7.0, NUMBER), ("1.5e3", 1500.0, NUMBER),
    (".5", 0.5, NUMBER), ("(12.5%)", -12.5, PERCENT), ("2020.0", 2020.0, NUMBER),
    ("—", nan, MISSING), ("——", nan, MISSING), ("-", nan, MISSING), ("…", nan, MISSING), ("...", nan, MISSING),
    ("n/a", nan, MISSING), ("N/A", nan, MISSING), ("NA", nan, MISSING), ("#N/A", nan, MISSING),
    ("", nan, MISSING), ("  ", nan, MISSING), ("－", nan, MISSING), ("null", nan, MISSING),
    ("1,5", nan, BAD), ("1,23,456", nan, BAD), ("12..3", nan, BAD), ("1_000", nan, BAD), ("inf", nan, BAD),
    ("12亿", nan, BAD), ("#DIV/0!", nan, BAD), ("%", nan, BAD), ("()", nan, BAD), ("0x10", nan, BAD),
])
def test_text_values(text, value, kind):
    x, k, reason = parse_number(text)
    assert k == kind, (text, k, reason)
    assert same(x, value)
    assert (reason != "") == (kind == BAD)


@pytest.mark.parametrize("cell, value, kind", [
    (2020.0, 2020.0, NUMBER), (7, 7.0, NUMBER), (None, nan, MISSING), (nan, nan, MISSING), (math.inf, nan, BAD),
    (True, nan, BAD), (dt.date(2020, 1, 1), nan, BAD), (dt.datetime(2020, 1, 1, 12), nan, BAD),
    (CellIssue("#DIV/0!", "an Excel error value"), nan, BAD), (CellIssue("#N/A", "error"), nan, MISSING),
    (CellIssue("=B2*2", "a formula with no saved value"), nan, BAD),
])
def test_cell_values(cell, value, kind):
    x, k, _ = parse_number(cell)
    assert k == kind and same(x, value)


@pytest.mark.parametrize("cell, year", [
    (2020, 2020), (2020.0, 2020), ("2020", 2020), ("2020年", 2020), ("２０２０年", 2020), ("2020 年度", 2020),
    ("2020.0", 2020), (2020.5, None), ("FY2020", None), ("2020-21", None), (True, None), (20, None), ("", None),
])
def test_years(cell, year):
    assert parse_year(cell) == year


@pytest.mark.parametrize("label, name, unit", [
    ("GDP（亿元）", "GDP", "亿元"), ("GDP (亿元)", "GDP", "亿元"), ("R&D经费投入强度（%）", "R&D经费投入强度", "%"),
    ("人均GDP(元/人)", "人均GDP", "元/人"), ("Population (urban)", "Population (urban)", ""),
    ("常住人口（万人）", "常住人口", "万人"), ("GDP per capita (USD)", "GDP per capita", "USD"), ("地区", "地区", ""),
])
def test_labels_with_units(label, name, unit):
    assert split_label_unit(label) == (name, unit)


def test_units_of_measure():
    for u in ("亿元", "%", "万人", "元/人", "(万吨)", "单位：亿元", "km2", "USD", "万标准箱"):
        assert looks_like_unit(u), u
    for s in ("成都", "GDP", "地区生产总值", "2020", "Chongqing"):
        assert not looks_like_unit(s), s


cells_st = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.none(), st.booleans(),
    st.sampled_from(["", "—", "n/a", "1,234.5", "12.3%", "(5)", "１２", "x1", "1_0", "nan", "inf", " 3 ", "1,5"]),
    st.floats(-1e6, 1e6, allow_nan=False).map(repr), st.integers(-10**5, 10**5).map(str))


@settings(max_examples=80, deadline=None)
@given(st.lists(cells_st, max_size=40), st.booleans())
def test_column_parser_equals_cell_parser(cells, long):
    """The vectorised column parser (numpy runs of floats and of numeric
    text) gives what the one-cell parser gives, cell by cell."""
    if long:
        cells = cells * 120          # past the 4096-cell chunks
    x, kind = parse_values(cells)
    for k, v in enumerate(cells):
        xv, kv, _ = parse_number(v)
        assert kind[k] == kv, (v, kind[k], kv)
        assert same(x[k], xv), (v, x[k], xv)


@settings(max_examples=60, deadline=None)
@given(st.one_of(
    st.lists(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6)), max_size=40),
    st.lists(st.one_of(st.floats(-1e6, 1e6, allow_nan=False).map(repr), st.integers(-10**5, 10**5).map(str),
                       st.sampled_from(["nan", "inf", "-inf", " 3 ", "1e3", "1_0", "0x10", "1,234"])), max_size=40)))
def test_whole_column_paths_equal_cell_parser(cells):
    """Columns of only numbers, or of only text, take the one-call paths
    of the column parser: still cell by cell what the one-cell parser gives."""
    x, kind = parse_values(cells)
    for k, v in enumerate(cells):
        xv, kv, _ = parse_number(v)
        assert kind[k] == kv, (v, kind[k], kv)
        assert same(x[k], xv), (v, x[k], xv)


# ---- layouts -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["yearbook_chengdu.xlsx", "lo_yearbook_chengdu.ods"])
def test_yearbook_single_unit_with_titles_units_notes_hidden(name):
    r = import_workbook(DATA / name)
    assert r.layout == "yearbook" and r.sheets == ["成都"] and r.header_row == 4
    assert r.periods == [2020, 2021, 2022, 2023]                      # hidden column H (2024年) skipped
    assert r.unit_codes == ["成都"]
    names = [i.name for i in r.indicators]
    assert names == ["地区生产总值", "R&D经费投入强度", "常住人口", "净出口"]  # heading 一、创新 and hidden row 10 left out
    assert [i.unit for i in r.indicators] == ["亿元", "%", "万人", "亿元"]   # 净出口: from the 单位：亿元 line
    assert all(i.name_zh == i.name for i in r.indicators)
    v = {n: r.values[0, :, k] for k, n in enumerate(names)}
    assert same(v["地区生产总值"], [17716.7, 19917.0, 20817.5, 22074.7])
    assert same(v["R&D经费投入强度"], [3.1, 3.2, nan, nan])
    assert same(v["常住人口"], [2094.7, nan, 2119.2, nan])
    assert same(v["净出口"], [-1234.0, -56.5, nan, nan])
    assert [(c.sheet, c.address, c.text) for c in r.unreadable] == [("成都", "F8", "12..3")]
    assert r.unreadable[0].code == r.indicators[2].code and r.unreadable[0].period == 2023
    text = " ".join(r.warnings)
    assert "hidden row(s) 10" in text and "hidden column(s) H" in text and "一、创新" in text
    assert r.address(0, 0, 0) == "成都!C5" and r.address(0, 3, 3) == "成都!F9"


@pytest.mark.parametrize("name", ["yearbook_chengdu.xlsx", "lo_yearbook_chengdu.ods"])
def test_yearbook_hidden_rows_and_columns_included_on_request(name):
    r = import_workbook(DATA / name, include_hidden=True)
    assert r.periods == [2020, 2021, 2022, 2023, 2024]
    assert [i.name for i in r.indicators][-1] == "隐藏指标"
    assert same(cube(r, "成都", r.indicators[-1].code), [1, 2, 3, 4, 5])
    assert same(cube(r, "成都", r.indicators[0].code), [17716.7, 19917.0, 20817.5, 22074.7, 23511.3])


@pytest.mark.parametrize("name", ["yearbook_sheets.xlsx", "lo_yearbook_sheets.ods"])
def test_yearbook_one_sheet_per_unit(name):
    r = import_workbook(DATA / name)
    assert r.layout == "yearbook" and r.sheets == ["成都", "重庆"]
    assert r.unit_codes == ["成都", "重庆"] and r.periods == [2021, 2022, 2023]
    assert [(i.code, i.name, i.unit) for i in r.indicators] == [("GDP", "GDP", "亿元"), ("I02", "人口", "万人")]
    assert same(cube(r, "成都", "GDP"), [19917, 20817.5, 22074.7])
    assert same(cube(r, "重庆", "I02"), [3212.4, 3213.3, 3191.4])
    text = " ".join(r.warnings)
    assert "说明" in text and "空表" in text and "隐藏" in text       # notes, empty and hidden sheets named


def test_hidden_sheet_read_when_named():
    r = import_workbook(DATA / "yearbook_sheets.xlsx", sheet="隐藏")
    assert r.unit_codes == ["隐藏"] and r.periods == [2021, 2022] and same(r.values.ravel(), [1.0, 2.0])


def test_yearbook_with_unit_column_and_units_of_measure_column():
    r = import_workbook(DATA / "yearbook_unitcol.xlsx")
    assert r.layout == "yearbook" and r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    assert [(i.code, i.unit) for i in r.indicators] == [("GDP", "亿元"), ("I02", "万人")]   # 单位 = unit of measure
    assert same(cube(r, "重庆", "GDP"), [29129.0, 30145.8])
    assert same(cube(r, "成都", "I02"), [2126.8, 2140.3])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_unit_names_that_read_like_measures_stay_unit_names(tmp_path, suffix):
    # COINr's own header "uName" names the units even when they are called "Unit 1", "Unit 2"
    rows = [["uCode", "uName", "Time", "X1", "X2"]]
    rows += [[f"U{u}", f"Unit {u}", 2020 + t, 10.0 * u + t, 5.5 + u] for u in range(1, 4) for t in range(2)]
    path = tmp_path / f"idata{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    else:
        wb = openpyxl.Workbook()
        for r in rows:
            wb.active.append(r)
        wb.save(path)
    r = import_workbook(path)
    assert [i.code for i in r.indicators] == ["X1", "X2"] and not r.unreadable
    assert r.unit_codes == ["U1", "U2", "U3"] and r.unit_names == ["Unit 1", "Unit 2", "Unit 3"]
    assert same(cube(r, "U3", "X1"), [30.0, 31.0])


@pytest.mark.parametrize("name", ["units_by_indicators.xlsx", "lo_units_by_indicators.ods",
                                  "lo_units_by_indicators.xls", "lo_units_by_indicators_resaved.xlsx"])
def test_units_by_indicators_two_row_header_units_row(name):
    r = import_workbook(DATA / name)
    assert r.layout == "units-by-indicators" and r.header_row == 3
    assert r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    assert [(i.name, i.unit) for i in r.indicators] == [("地区生产总值", "亿元"), ("人均GDP", "元"), ("城镇化率", "%")]
    gdp, pc, urb = (i.code for i in r.indicators)
    assert same(cube(r, "成都", gdp), [20817.5, 22074.7])
    assert same(cube(r, "重庆", gdp), [29129.0, 30145.8])               # "２９１２９" full-width
    assert same(cube(r, "成都", pc), [94622.0, 103465.0])              # "94,622"
    assert same(cube(r, "成都", urb), [79.9, 80.5])                    # "80.5%" -> 80.5
    assert same(cube(r, "重庆", urb), [70.96, nan])                    # "—"
    assert r.unreadable == []


def test_units_by_indicators_one_sheet_per_year():
    r = import_workbook(DATA / "units_by_year_sheets.xlsx")
    assert r.layout == "units-by-indicators" and r.periods == [2021, 2022, 2023]
    assert r.sheets == ["2021年", "2022", "2023"]
    assert same(cube(r, "重庆", "GDP"), [27894.0, 29129.0, 30145.8])
    assert same(cube(r, "成都", r.indicators[1].code), [2119.2, 2126.8, 2140.3])


@pytest.mark.parametrize("name", ["long_zh.xlsx", "lo_long_zh.xls"])
def test_long_layout_chinese_headers_and_repeated_values(name):
    r = import_workbook(DATA / name)
    assert r.layout == "long" and r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    gdp, pop = (i.code for i in r.indicators)
    assert [i.name for i in r.indicators] == ["地区生产总值", "常住人口"]
    assert same(cube(r, "成都", gdp), [20817.5, 22074.7])
    assert same(cube(r, "成都", pop), [2126.8, nan])
    assert same(cube(r, "重庆", pop), [3213.3, 3191.4])                 # the first of two values is kept
    assert [(c.address, c.text) for c in r.unreadable] == [("D11", "3000")]   # row 10 repeats an equal value
    assert "D9" in r.unreadable[0].reason


def test_long_layout_csv_utf8_bom():
    r = import_workbook(DATA / "long_en_bom.csv")
    assert r.format == "csv" and r.layout == "long"
    assert r.codes == ["GDP", "Population"] and r.unit_codes == ["Chengdu", "Chongqing"]
    assert same(cube(r, "Chengdu", "GDP"), [20817.5, 22074.7])
    assert same(cube(r, "Chongqing", "GDP"), [29129.0, nan])
    assert r.indicators[0].name_zh == ""


def test_csv_gb18030_single_period():
    r = import_workbook(DATA / "units_gb18030.csv")
    assert r.layout == "units-by-indicators" and r.periods == [None]
    assert r.unit_codes == ["成都", "重庆", "德阳"]
    assert [(i.name, i.unit) for i in r.indicators] == [("地区生产总值", "亿元"), ("常住人口", "万人"), ("城镇化率", "%")]
    assert same(r.values[:, 0, 0], [20817.5, 29129.0, 2816.9])


def test_coinr_idata_csv():
    r = import_workbook(DATA / "coinr_idata.csv")
    assert r.codes == ["GDPpc", "Pop", "Urban"] and r.units == [("CD", "Chengdu"), ("CQ", "Chongqing")]
    assert same(cube(r, "CQ", "Urban"), [70.96, 71.67])


def test_excel_errors_and_formulas_without_saved_values_are_listed():
    r = import_workbook(DATA / "errors_formulas.xlsx")
    got = {(c.address, c.text) for c in r.unreadable}
    assert got == {("B3", "=B2*1.3"), ("C4", "#DIV/0!")}
    reasons = {c.address: c.reason for c in r.unreadable}
    assert "no saved value" in reasons["B3"] and "#DIV/0!" in reasons["C4"]
    assert same(r.values[:, 0, r.codes.index("Growth")], [6.0, 6.1, nan, nan])     # #N/A: missing
    assert same(r.values[:, 0, r.codes.index("GDP")], [22074.7, nan, 3017.0, 4038.7])


@pytest.mark.parametrize("name", ["yearbook_chengdu.xlsx", "units_by_indicators.xlsx", "long_zh.xlsx",
                                  "errors_formulas.xlsx"])
def test_openpyxl_fallback_reads_the_same(name):
    a = import_workbook(DATA / name)
    b = import_workbook(DATA / name, engine="openpyxl")
    assert same(a.values, b.values) and a.codes == b.codes and a.unit_codes == b.unit_codes
    assert [(c.address, c.text) for c in a.unreadable] == [(c.address, c.text) for c in b.unreadable]


def test_options_layout_header_unit():
    with pytest.raises(InputError, match=r"not in the long layout \(sheet '川渝': no column of values\)"):
        import_workbook(DATA / "yearbook_unitcol.xlsx", layout="long")
    with pytest.raises(InputError, match="layout 'wide' is not known"):
        import_workbook(DATA / "long_zh.xlsx", layout="wide")
    r = import_workbook(DATA / "yearbook_chengdu.xlsx", unit="CD", header_row=4)
    assert r.unit_codes == ["CD"] and r.header_row == 4
    r = import_workbook(DATA / "long_zh.xlsx", unit="重庆")
    assert r.unit_codes == ["重庆"] and same(r.values[0, :, 0], [29129, 30145.8])
    with pytest.raises(InputError, match="no unit '绵阳'"):
        import_workbook(DATA / "long_zh.xlsx", unit="绵阳")
    with pytest.raises(InputError, match="no sheet named 'Nope'.*成都"):
        import_workbook(DATA / "yearbook_sheets.xlsx", sheet="Nope")


def test_reading_once_and_interpreting_again_with_a_header_row():
    """The wizard reads once and re-interprets with the user's header row."""
    from core.importing.importer import import_cells
    cells = read_workbook_cells(DATA / "yearbook_chengdu.xlsx")
    auto = import_cells(cells)
    again = import_cells(cells, header_row=4)
    assert same(auto.values, again.values)
    with pytest.raises(InputError, match="header row 3 is empty"):
        import_cells(cells, header_row=3)


# ---- new projects and provenance -------------------------------------------------------------------------
def test_to_project_flat_framework_names_and_provenance(tmp_path):
    path = DATA / "yearbook_chengdu.xlsx"
    r = import_workbook(path)
    p = to_project(r)
    fw = p.framework
    assert fw.roots == ["INDEX"] and fw.indicator_codes == r.codes
    assert all(fw[c].parent == "INDEX" for c in r.codes)
    assert [fw[c].name_zh for c in r.codes] == ["地区生产总值", "R&D经费投入强度", "常住人口", "净出口"]
    assert [fw[c].unit for c in r.codes] == ["亿元", "%", "万人", "亿元"]
    assert p.settings.normalisation == "fixed_base"          # one unit over years
    assert same(p.dataset.values, r.values)
    src = p.provenance["sources"][0]
    assert src["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src["file"] == "yearbook_chengdu.xlsx" and src["sheet"] == "成都" and src["header_row"] == 4
    assert src["rows_by"] == "unit|code" and src["columns_by"] == "period"
    # every value's cell, found from the provenance maps, holds that value when read with openpyxl
    ws = openpyxl.load_workbook(path)["成都"]
    for k, code in enumerate(r.codes):
        for t, period in enumerate(r.periods):
            row, col = src["rows"][f"成都|{code}"], src["columns"][str(period)]
            x, kind, _ = parse_number(ws[f"{col}{row}"].value)
            assert same(x, p.dataset.values[0, t, k]), (code, period, col, row)
    out = tmp_path / "p.coindex"
    projectfile.save(p, out)
    q = projectfile.load(out)
    assert same(q.dataset.values, p.dataset.values) and q.provenance == p.provenance


def test_to_project_units_by_indicators_computes():
    p = to_project(import_workbook(DATA / "units_by_indicators.xlsx"))
    assert p.settings.normalisation == "minmax"               # COINr's default for many units
    eng = p.recompute()
    s = eng.score("INDEX")
    assert s.shape == (2, 2) and np.isfinite(s).sum() == 4
    src = p.provenance["sources"][0]
    assert src["rows"] == {"成都|2022": 5, "成都|2023": 6, "重庆|2022": 7, "重庆|2023": 8}
    assert list(src["columns"].values()) == ["C", "D", "E"]


def test_to_project_long_provenance():
    p = to_project(import_workbook(DATA / "long_zh.xlsx"))
    src = p.provenance["sources"][0]
    gdp = p.dataset.codes[0]
    assert src["columns"] == {"value": "D"} and src["rows"][f"重庆|2023|{gdp}"] == 5


# ---- merging into a project ----------------------------------------------------------------------------
def _refresh_workbook(path):
    """A yearbook sheet for the sample's unit, naming indicators by Chinese
    name (RA1), English name with a unit (RA2) and code (RA3), one unknown
    indicator, and a new year 2025."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["成渝数据更新"])
    ws.append(["指标", 2023, 2024, "2025年"])
    ws.append(["R&D人员全时当量", 35.1, 37.5, 39.0])         # sample RA1: 35.1 (same), 37.0 -> 37.5
    ws.append(["Regional GDP (trillion yuan)", 8.96, None, 10.2])   # RA2 2024 blank: kept (cleared on request)
    ws.append(["RA3", "23,560", 27460, "…"])                 # same values, as text
    ws.append(["不存在的指标", 1, 2, 3])
    wb.save(path)


def test_merge_into_sample_matches_names_adds_a_year_and_undoes(sample_coindex, tmp_path):
    p = projectfile.load(sample_coindex)
    before_values = p.dataset.values.copy()
    before_periods = list(p.dataset.periods)
    before_sources = len(p.provenance["sources"])
    ra = [p.dataset.code_index[c] for c in ("RA1", "RA2", "RA3")]
    t23, t24 = before_periods.index(2023), before_periods.index(2024)
    assert same(before_values[0, [t23, t24]][:, ra], [[35.1, 8.96, 23560], [37.0, 9.68, 27460]])
    path = tmp_path / "refresh.xlsx"
    _refresh_workbook(path)
    r = import_workbook(path)
    command, summary = merge_into(p, r)
    assert same(p.dataset.values, before_values)                        # nothing applied yet
    assert summary.matched == {"R&D人员全时当量": "RA1", "Regional GDP (trillion yuan)": "RA2", "RA3": "RA3"}
    assert summary.unmatched_indicators == ["不存在的指标"]
    assert summary.new_periods == [2025] and summary.new_units == []
    # 2023: three equal; 2024: RA1 changed, RA2 blank (the project's 9.68 kept), RA3 equal;
    # 2025: RA1, RA2 filled, RA3 blank ("…")
    assert (summary.changed, summary.cleared, summary.filled, summary.unchanged) == (1, 0, 2, 5)
    assert summary.kept == 1
    undo = p.execute(command)
    ds = p.dataset
    assert ds.periods == before_periods + [2025]
    assert ds.value("CCEC", 2024, "RA1") == 37.5 and ds.value("CCEC", 2024, "RA2") == 9.68
    assert ds.value("CCEC", 2025, "RA2") == 10.2 and math.isnan(ds.value("CCEC", 2025, "RA3"))
    other = [c for c in ds.codes if c not in ("RA1", "RA2", "RA3")]
    assert np.isnan(ds.values[0, -1, [ds.code_index[c] for c in other]]).all()
    assert same(ds.values[:, :5], np.where(True, ds.values[:, :5], 0))
    unchanged_cols = [ds.code_index[c] for c in other]
    assert same(ds.values[0, :5, unchanged_cols], before_values[0, :, unchanged_cols])
    assert len(p.provenance["sources"]) == before_sources + 1
    assert p.provenance["sources"][-1]["rows"]["CCEC|RA1"] == 3
    p.execute(undo)                                                     # one step back
    assert p.dataset.periods == before_periods and same(p.dataset.values, before_values)
    assert len(p.provenance["sources"]) == before_sources


def test_merge_small_refresh_is_a_value_edit_and_new_indicators_on_request(sample_coindex, tmp_path):
    from core.project.project import SetValues, SetStructure
    p = projectfile.load(sample_coindex)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["指标", 2020, 2024])
    ws.append(["地区生产总值", 7.05, 9.7])                   # RA2 by Chinese name; 2020 as it is
    ws.append(["新指标", 4, 5])                             # a fixed-base index needs its 2020 value
    wb.save(tmp_path / "small.xlsx")
    r = import_workbook(tmp_path / "small.xlsx")
    cmd, summary = merge_into(p, r)
    assert isinstance(cmd.inner, SetValues) and summary.changed == 1 and summary.unmatched_indicators == ["新指标"]
    old = p.dataset.value("CCEC", 2024, "RA2")
    undo = p.execute(cmd)
    assert p.dataset.value("CCEC", 2024, "RA2") == 9.7
    p.execute(undo)
    assert p.dataset.value("CCEC", 2024, "RA2") == old
    cmd, summary = merge_into(p, r, new_parent="RA")
    assert isinstance(cmd.inner, SetStructure) and summary.new_indicators == ["I02"]
    p.execute(cmd)
    assert p.framework["I02"].parent == "RA" and p.framework["I02"].name_zh == "新指标"
    assert p.dataset.value("CCEC", 2024, "I02") == 5.0
    assert p.dataset.codes == p.framework.indicator_codes


def test_merge_with_no_matching_indicator_is_refused(sample_coindex):
    p = projectfile.load(sample_coindex)
    with pytest.raises(InputError, match="none of the workbook's indicators matches"):
        merge_into(p, import_workbook(DATA / "long_en_bom.csv"))


def test_merge_keep_unreadable(tmp_path):
    base = to_project(import_workbook(DATA / "yearbook_chengdu.xlsx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "成都"
    ws.append(["指标", "2020年", "2021年"])
    ws.append(["地区生产总值", "bad", 20000])
    wb.save(tmp_path / "u.xlsx")
    r = import_workbook(tmp_path / "u.xlsx")
    _, s1 = merge_into(base, r)
    _, s2 = merge_into(base, r, unreadable="keep")
    assert (s1.cleared, s1.changed) == (1, 1) and (s2.cleared, s2.changed) == (0, 1)


def _one_unit_sheet(path, title="成渝统计年鉴"):
    """A yearbook sheet whose unit is its name (not a unit of the sample):
    RA1 2024 37.0 -> 38.0, RA2 2024 "—" and RA4 2024 ".." (missing words),
    RA3 2024 27460 -> 28000."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(["指标", "2023年", "2024年"])
    ws.append(["R&D人员全时当量", 35.1, 38.0])
    ws.append(["地区生产总值", 8.96, "—"])
    ws.append(["高新技术企业数量", 23560, 28000])
    ws.append(["R&D经费内部支出", 2380, ".."])
    wb.save(path)
    return path


def test_one_unit_sheet_updates_the_only_unit_of_a_one_unit_project(sample_coindex, tmp_path):
    p = projectfile.load(sample_coindex)
    r = import_workbook(_one_unit_sheet(tmp_path / "y.xlsx"))
    assert r.unit_codes == ["成渝统计年鉴"]
    command, summary = merge_into(p, r)
    assert summary.new_units == [] and summary.unmatched_units == []
    assert summary.unit_taken == ("成渝统计年鉴", "CCEC")
    assert any("updates the project's only unit 'CCEC'" in line for line in summary.lines())
    assert sorted(summary.changes) == [("CCEC", 2024, "RA1", 37.0, 38.0), ("CCEC", 2024, "RA3", 27460.0, 28000.0)]
    assert (summary.cleared, summary.kept) == (0, 2)
    p.execute(command)
    assert p.dataset.unit_codes == ["CCEC"]
    assert p.dataset.value("CCEC", 2024, "RA2") == 9.68 and p.dataset.value("CCEC", 2024, "RA4") == 2706.58
    assert p.provenance["sources"][-1]["rows"]["CCEC|RA1"] == 2


def test_adding_units_is_a_choice(sample_coindex, tmp_path):
    p = projectfile.load(sample_coindex)
    r = import_workbook(_one_unit_sheet(tmp_path / "y.xlsx"))
    command, summary = merge_into(p, r, add_units=True)
    assert summary.new_units == ["成渝统计年鉴"] and summary.unit_taken is None
    ds = command.inner.dataset                 # (the sample's fixed-base index cannot compute the new unit)
    assert ds.unit_codes == ["CCEC", "成渝统计年鉴"]
    assert ds.value("CCEC", 2024, "RA1") == 37.0 and ds.value("成渝统计年鉴", 2024, "RA1") == 38.0


def test_units_matching_none_are_not_added_by_default(sample_coindex, tmp_path):
    """Two units in the file, none in the project: nothing to update, said; one matching: the other left out."""
    p = projectfile.load(sample_coindex)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["地区", "年份", "指标", "数值"])
    ws.append(["Chengdu", 2024, "RA1", 40])
    ws.append(["Chongqing", 2024, "RA1", 41])
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(InputError, match="none of the workbook's units matches the project's"):
        merge_into(p, import_workbook(tmp_path / "two.xlsx"))
    ws["A2"] = "CCEC"
    wb.save(tmp_path / "two.xlsx")
    _, summary = merge_into(p, import_workbook(tmp_path / "two.xlsx"))
    assert summary.unmatched_units == ["Chongqing"] and summary.new_units == [] and summary.unit_taken is None
    assert summary.changes == [("CCEC", 2024, "RA1", 37.0, 40.0)]


def test_cells_marked_missing_clear_only_on_request(sample_coindex, tmp_path):
    p = projectfile.load(sample_coindex)
    r = import_workbook(_one_unit_sheet(tmp_path / "y.xlsx"))
    command, summary = merge_into(p, r, clear_missing=True)
    assert (summary.cleared, summary.kept, summary.changed) == (2, 0, 2)
    assert ("CCEC", 2024, "RA2", 9.68, None) in summary.changes
    assert "2 value -> missing" in summary.lines()[0]
    p.execute(command)
    assert math.isnan(p.dataset.value("CCEC", 2024, "RA2")) and math.isnan(p.dataset.value("CCEC", 2024, "RA4"))


def test_cli_into_says_which_unit_it_updates_and_what_it_keeps(run_cli, sample_coindex, tmp_path):
    path = _one_unit_sheet(tmp_path / "y.xlsx")
    out = tmp_path / "out.coindex"
    p = run_cli("import", path, "--into", sample_coindex, "-o", out)
    assert p.returncode == 0, p.stderr
    assert "2 cell(s) changed: 0 missing -> value, 2 value -> new value, 0 value -> missing" in p.stdout
    assert "2 cell(s) missing in the workbook: the project's values kept (--clear-missing clears them)" in p.stdout
    assert "the workbook's unit '成渝统计年鉴' updates the project's only unit 'CCEC'" in p.stdout
    ds = projectfile.load(out).dataset
    assert ds.unit_codes == ["CCEC"] and ds.value("CCEC", 2024, "RA2") == 9.68
    p = run_cli("import", path, "--into", sample_coindex, "--clear-missing", "--add-units", "-o", out, "--force")
    assert p.returncode == 1 and "unit '成渝统计年鉴'" in p.stderr    # added, it lacks the base year: nothing written
    p = run_cli("import", path, "--into", sample_coindex, "--clear-missing", "-o", out, "--force")
    assert p.returncode == 0 and "2 value -> missing" in p.stdout
    assert math.isnan(projectfile.load(out).dataset.value("CCEC", 2024, "RA2"))


# ---- command line -------------------------------------------------------------------------------------------
def test_cli_import_new_project(run_cli, tmp_path):
    out = tmp_path / "out.coindex"
    p = run_cli("import", DATA / "yearbook_chengdu.xlsx", "-o", out)
    assert p.returncode == 0, p.stderr
    for text in ("layout yearbook", "地区生产总值", "periods (4): 2020, 2021, 2022, 2023",
                 "values not read (1), imported as missing:\n  not a number (1): 成都!F8 '12..3'\n",
                 "units (1): 成都", "values: 10 read, 6 missing"):
        assert text in p.stdout
    assert "warning" not in p.stdout and "warning: yearbook_chengdu.xlsx, sheet '成都': hidden row(s) 10 skipped" \
        in p.stderr
    proj = projectfile.load(out)
    assert proj.dataset.values.shape == (1, 4, 4) and proj.dataset.value("成都", 2021, "I01") == 19917.0


def test_cli_import_into_keeps_the_project_file(run_cli, sample_coindex, tmp_path):
    into = tmp_path / "sample.coindex"
    into.write_bytes(sample_coindex.read_bytes())
    before = into.read_bytes()
    path = tmp_path / "refresh.xlsx"
    _refresh_workbook(path)
    out = tmp_path / "new.coindex"
    p = run_cli("import", path, "--into", into, "-o", out)
    assert p.returncode == 0, p.stderr
    assert "new period(s): 2025" in p.stdout and "不存在的指标" in p.stdout
    assert into.read_bytes() == before
    q = projectfile.load(out)
    orig = projectfile.load(into)
    assert q.framework.to_records() == orig.framework.to_records() and q.settings == orig.settings
    assert q.dataset.value("CCEC", 2024, "RA1") == 37.5


def test_cli_import_strict_and_unimportable(run_cli, tmp_path):
    out = tmp_path / "out.coindex"
    p = run_cli("import", DATA / "yearbook_chengdu.xlsx", "--strict", "-o", out)
    assert p.returncode == 1 and "F8" in p.stdout and "--strict" in p.stderr and not out.exists()
    p = run_cli("import", DATA / "bad_empty_sheet.xlsx", "-o", out)
    assert p.returncode == 1 and "empty" in p.stderr and "Traceback" not in p.stderr and not out.exists()
    p = run_cli("import", DATA / "long_zh.xlsx", "-o", tmp_path / "out.json")
    assert p.returncode == 1 and ".coindex" in p.stderr


# ---- the template round trip ----------------------------------------------------------------------------------
def test_template_round_trip(run_cli, tmp_path):
    """`python main.py template` -> filled in with openpyxl -> import ->
    the project the template loader reads, and the values written."""
    tpl = tmp_path / "t.xlsx"
    assert run_cli("template", tpl).returncode == 0
    wb = openpyxl.load_workbook(tpl)
    meta = wb["Meta"]
    for row in (["", "IDX", "Index", "指数", 1, 1, None, "Aggregate"],
                ["", "ECO", "Economy", "经济", 1, 2, "IDX", "Aggregate"],
                ["", "SOC", "Society", "社会", 1, 1, "IDX", "Aggregate"],
                ["", "GDP", "GDP per capita", "人均GDP", 1, 1, "ECO", "Indicator", "yuan"],
                ["", "UNEMP", "Unemployment", "失业率", -1, 1, "ECO", "Indicator", "%"],
                ["", "DOC", "Doctors", "医生数", 1, 1, "SOC", "Indicator"],
                ["", "POP", "Population", "", None, None, None, "Denominator"]):
        meta.append(row)
    data = wb["Data"]
    values = {("CD", 2022): [94622, 4.1, 3.2, 2126.8], ("CD", 2023): [103465, 3.9, 3.3, 2140.3],
              ("CQ", 2022): [90663, 5.2, 2.9, 3213.3], ("CQ", 2023): [94135, None, 3.0, 3191.4]}
    data.cell(1, 4, "GDP"), data.cell(1, 5, "UNEMP"), data.cell(1, 6, "DOC"), data.cell(1, 7, "POP")
    names = {"CD": "Chengdu", "CQ": "Chongqing"}
    for (u, t), vals in values.items():
        data.append([u, names[u], t] + vals)
    s = wb["Settings"]
    for row in s.iter_rows(min_row=2):
        if row[0].value == "normalisation":
            row[1].value = "zscore"
        if row[0].value == "base_year":
            row[1].value = 2022
    wb.save(tpl)
    r = import_workbook(tpl)
    assert r.layout == "template"
    p = to_project(r)
    ref = load_input(tpl)
    assert p.framework.to_records() == ref.framework.to_records()
    assert p.settings == ref.settings and p.settings.normalisation == "zscore" and p.settings.base_year == 2022
    assert p.dataset.unit_codes == ref.dataset.unit_codes == ["CD", "CQ"]
    assert p.dataset.unit_names == ["Chengdu", "Chongqing"] and p.dataset.periods == [2022, 2023]
    assert same(p.dataset.values, ref.dataset.values)
    for (u, t), vals in values.items():
        assert same(p.dataset.values[p.dataset.unit_index[u], p.dataset.period_index[t]],
                    [nan if v is None else v for v in vals[:3]])
    assert same(p.dataset.denominators["POP"], ref.dataset.denominators["POP"])
    assert same(p.engine.score("IDX"), ref.engine.score("IDX"))
    # COINr's sheet names, in a macro-enabled workbook
    wb = openpyxl.load_workbook(tpl)
    wb["Data"].title, wb["Meta"].title = "iData", "iMeta"
    wb.save(tmp_path / "coinr.xlsm")
    q = to_project(import_workbook(tmp_path / "coinr.xlsm"))
    assert same(q.dataset.values, p.dataset.values) and q.framework.to_records() == p.framework.to_records()


def test_sample_template_workbook_imports_to_the_published_figures(sample_xlsx):
    """The bundled sample workbook (template layout) imports to the project
    the template loader reads, and reproduces the published CII 2024 = 202.29."""
    r = import_workbook(sample_xlsx)
    assert r.layout == "template" and r.unreadable == [] and r.warnings == []
    p, ref = to_project(r), load_input(sample_xlsx)
    assert same(p.dataset.values, ref.dataset.values) and p.settings == ref.settings and p.info == ref.info
    assert round(float(p.engine.score("CII")[0, p.dataset.period_index[2024]]), 2) == 202.29


def test_one_sheet_per_indicator_units_by_years(tmp_path):
    """Regions as rows and years as columns, one sheet per indicator (the
    sheet name is the indicator), a 单位 line for its unit."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, unit, rows in (("地区生产总值", "亿元", [["成都", 20817.5, 22074.7], ["重庆", 29129.0, 30145.8]]),
                             ("常住人口", "万人", [["成都", 2126.8, 2140.3], ["重庆", 3213.3, "—"]])):
        ws = wb.create_sheet(name)
        ws.append([f"单位：{unit}"])
        ws.append(["地区", "2022年", "2023年"])
        for row in rows:
            ws.append(row)
    wb.save(tmp_path / "per_indicator.xlsx")
    r = import_workbook(tmp_path / "per_indicator.xlsx")
    assert r.layout == "yearbook" and r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    assert [(i.name, i.unit) for i in r.indicators] == [("地区生产总值", "亿元"), ("常住人口", "万人")]
    assert same(cube(r, "重庆", r.codes[0]), [29129.0, 30145.8])
    assert same(cube(r, "重庆", r.codes[1]), [3213.3, nan])


def test_rows_of_numbers_without_unit_or_year_column_refused(tmp_path):
    """Many rows and nothing to tell them apart: a clear message, not a list
    of thousands of 'second value for the same cell'."""
    p = tmp_path / "numbers.csv"
    p.write_text("x1,x2,x3\n1,2,3\n4,5,6\n7,8,9\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rows 2-4 hold numbers but no column names their unit or year"):
        import_workbook(p)
    one = tmp_path / "one_row.csv"          # one row: the sheet is one unit's values, as before
    one.write_text("x1,x2,x3\n1,2,3\n", encoding="utf-8")
    res = import_workbook(one)
    assert res.values.shape == (1, 1, 3)


def test_long_layout_equals_the_wide_table_and_names_rows_it_cannot_place(tmp_path):
    """A long sheet and the same numbers as units x indicators import to the
    same values; rows without a unit, an indicator or a year are listed with
    the reason, and a repeated (indicator, unit, year) row keeps the first."""
    rng = np.random.default_rng(7)
    units, years, inds = ["CD", "CQ", "MY"], [2020, 2021, 2022], ["GDP", "R&D", "专利"]
    x = rng.normal(100, 10, (3, 3, 3)).round(2)
    long = tmp_path / "long.csv"
    wide = tmp_path / "wide.csv"
    with open(long, "w", encoding="utf-8") as f:
        f.write("uCode,Time,iName,Value\n")
        for u, code in enumerate(units):
            for t, y in enumerate(years):
                for i, name in enumerate(inds):
                    f.write(f"{code},{y},{name},{x[u, t, i]}\n")
        f.write(",2020,GDP,5\n")            # no unit
        f.write("CD,2020,,6\n")             # no indicator
        f.write("CD,,GDP,7\n")              # no year
        f.write(f"CD,2020,GDP,{x[0, 0, 0]}\n")   # the same cell again, the same value
    with open(wide, "w", encoding="utf-8") as f:
        f.write("uCode,Time," + ",".join(inds) + "\n")
        for u, code in enumerate(units):
            for t, y in enumerate(years):
                f.write(f"{code},{y}," + ",".join(str(v) for v in x[u, t]) + "\n")
    a, b = import_workbook(long), import_workbook(wide)
    assert a.layout == "long" and b.layout == "units-by-indicators"
    assert a.unit_codes == b.unit_codes == units and a.periods == b.periods == years
    assert [i.name for i in a.indicators] == [i.name for i in b.indicators] == inds
    np.testing.assert_array_equal(a.values, b.values)
    reasons = sorted(c.reason for c in a.unreadable)
    assert reasons == ["no indicator named", "no unit named", "no year"]
    assert {(c.address, c.reason) for c in a.unreadable} == {
        ("D29", "no unit named"), ("D30", "no indicator named"), ("B31", "no year")}
