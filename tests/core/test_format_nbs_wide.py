"""Files as downloaded (issue 10, part fmt2): China NBS (data.stats.gov.cn)
exports and wide tables whose column names join an indicator and a year
(UNDP's HDR composite-indices time series), each detected and imported
without editing the file.  The files are written by
tests/data/formats/fmt2_make.py."""
from __future__ import annotations

import csv
import math
from pathlib import Path

import openpyxl
import pytest

from core.errors import InputError
from core.importing.importer import import_workbook
from core.importing.layouts import registry
from core.importing.layouts.wide_periods import split_stem_year
from core.importing.table import find_table
from core.project import projectfile
from core.sheets.readers import read_workbook_cells

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
FORMATS = DATA / "formats"

GDP = {"北京市": {2023: 43760.7, 2022: 41610.9, 2021: 41045.6}, "天津市": {2023: 16737.3, 2022: 16311.3, 2021: 15685.1},
       "河北省": {2023: 43944.1, 2022: 42370.4, 2021: 40397.1}, "上海市": {2023: 47218.7, 2022: 44652.8, 2021: None}}


def value(result, unit, period, code):
    v = result.values[result.unit_codes.index(unit), result.periods.index(period),
                      [ind.code for ind in result.indicators].index(code)]
    return None if math.isnan(v) else float(v)


def assert_gdp(result):
    assert result.layout == "nbs"
    assert result.unit_codes == ["北京市", "天津市", "河北省", "上海市"]
    assert result.periods == [2021, 2022, 2023]
    assert [(i.name, i.unit) for i in result.indicators] == [("地区生产总值", "亿元")]
    code = result.indicators[0].code
    for unit, by_year in GDP.items():
        for year, v in by_year.items():
            assert value(result, unit, year, code) == v, (unit, year)
    assert not result.unreadable


# ---- NBS ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["fmt2_nbs_gdp.xlsx", "fmt2_nbs_gdp_gb18030.csv", "fmt2_nbs_gdp.xls",
                                  "fmt2_nbs_transposed.xlsx"])
def test_nbs_one_indicator_regions_by_years(name):
    path = FORMATS / name
    if not path.exists():
        pytest.skip(f"{name} not written (LibreOffice missing when fmt2_make.py ran)")
    assert_gdp(import_workbook(path))


def test_nbs_lines_above_the_header_are_kept_on_the_table():
    table = find_table(read_workbook_cells(FORMATS / "fmt2_nbs_gdp.xlsx").sheets[0])
    assert table.header == 3
    assert table.meta == {"数据库": "分省年度数据", "指标": "地区生产总值(亿元)", "时间": "最近3年"}
    assert len(table.data_rows) == 4          # the 注： and 数据来源： lines end the table


@pytest.mark.parametrize("name", ["fmt2_nbs_region.csv", "fmt2_nbs_region.xlsx"])
def test_nbs_one_region_indicators_by_years(name):
    result = import_workbook(FORMATS / name)
    assert result.layout == "nbs"
    assert result.unit_codes == ["北京市"]
    assert result.periods == [2021, 2022, 2023]
    assert [(i.name, i.unit) for i in result.indicators] == [("地区生产总值", "亿元"), ("年末常住人口", "万人")]
    gdp, pop = (i.code for i in result.indicators)
    assert value(result, "北京市", 2023, gdp) == 43760.7
    assert value(result, "北京市", 2021, pop) == 2188.6
    assert result.n_values == 6


def _xlsx(path, rows):
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_nbs_national_data_without_a_region_is_the_whole_country(tmp_path):
    path = _xlsx(tmp_path / "nation.xlsx", [["数据库：年度数据"], ["时间：最近2年"], ["指标", "2022年", "2021年"],
                                            ["国内生产总值(亿元)", 1204724, 1149237],
                                            ["年末总人口(万人)", 141175, 141260], ["数据来源：国家统计局"]])
    result = import_workbook(path)
    assert result.layout == "nbs"
    assert result.unit_codes == ["全国"]
    assert [i.name for i in result.indicators] == ["国内生产总值", "年末总人口"]
    assert value(result, "全国", 2021, result.indicators[1].code) == 141260
    assert any("no region named" in w and "全国" in w for w in result.warnings)
    assert import_workbook(path, unit="CN").unit_codes == ["CN"]      # --unit names it


def test_nbs_one_year_regions_by_indicators(tmp_path):
    path = _xlsx(tmp_path / "year.xlsx", [["数据库：分省年度数据"], ["时间：2022年"],
                                          ["地区", "地区生产总值(亿元)", "年末常住人口(万人)"],
                                          ["北京市", 41610.9, 2184.3], ["天津市", 16311.3, None]])
    result = import_workbook(path)
    assert result.layout == "nbs"
    assert result.periods == [2022]
    assert result.unit_codes == ["北京市", "天津市"]
    assert [(i.name, i.unit) for i in result.indicators] == [("地区生产总值", "亿元"), ("年末常住人口", "万人")]
    assert value(result, "天津市", 2022, result.indicators[0].code) == 16311.3
    assert value(result, "天津市", 2022, result.indicators[1].code) is None


def test_nbs_years_as_rows_under_an_indicator_corner(tmp_path):
    path = _xlsx(tmp_path / "t.xlsx", [["数据库：分省年度数据"], ["指标：地区生产总值(亿元)"], ["时间：最近2年"],
                                       ["指标", "北京市", "天津市"], ["2022年", 41610.9, 16311.3],
                                       ["2021年", 41045.6, 15685.1]])
    result = import_workbook(path)
    assert result.layout == "nbs" and result.unit_codes == ["北京市", "天津市"] and result.periods == [2021, 2022]
    assert value(result, "天津市", 2021, result.indicators[0].code) == 15685.1


def test_nbs_lines_without_years_anywhere_are_not_read_as_nbs(tmp_path):
    path = _xlsx(tmp_path / "no_years.xlsx", [["数据库：分省年度数据"], ["时间：最近2年"],
                                              ["地区", "GDP", "POP"], ["北京市", 1, 2], ["天津市", 3, 4]])
    table = find_table(read_workbook_cells(path).sheets[0])
    assert not registry.fits(table)["nbs"]
    assert registry.detect_layout(table) == "units-by-indicators"


def test_nbs_named_on_a_table_it_cannot_read_is_a_clear_error(run_cli, tmp_path):
    path = _xlsx(tmp_path / "plain.xlsx", [["地区", "GDP", "POP"], ["北京市", 1, 2], ["天津市", 3, 4]])
    out = tmp_path / "x.coindex"
    p = run_cli("import", path, "--layout", "nbs", "-o", out)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "NBS" in p.stderr and "plain.xlsx" in p.stderr
    assert not out.exists()


def test_nbs_command_line_import(run_cli, tmp_path):
    out = tmp_path / "gdp.coindex"
    p = run_cli("import", FORMATS / "fmt2_nbs_gdp_gb18030.csv", "-o", out)
    assert p.returncode == 0, p.stderr
    assert "layout nbs" in p.stdout
    project = projectfile.load(out)
    ds = project.dataset
    assert list(ds.unit_codes) == ["北京市", "天津市", "河北省", "上海市"]
    assert list(ds.periods) == [2021, 2022, 2023]
    (code,) = ds.codes
    assert ds.value("河北省", 2022, code) == 42370.4
    (rec,) = project.provenance["sources"]
    assert rec["layout"] == "nbs"
    assert rec["rows_by"] == "unit" and rec["columns_by"] == "period"
    assert rec["rows"]["河北省"] == 7 and rec["columns"]["2022"] == "C"


# ---- wide tables, indicator and year in the column names ----------------------------------------------
@pytest.mark.parametrize("header, expected", [
    ("le_1990", ("le", "", 1990)), ("gnipc_2021", ("gnipc", "", 2021)), ("hdi_rank_2021", ("hdi_rank", "", 2021)),
    ("GDP_2020", ("GDP", "", 2020)), ("gdp2020", ("gdp", "", 2020)), ("2020年GDP", ("GDP", "", 2020)),
    ("GDP (2020)", ("GDP", "", 2020)), ("GDP 2020", ("GDP", "", 2020)), ("GDP（2020年）", ("GDP", "", 2020)),
    ("GDP_2020(亿元)", ("GDP", "亿元", 2020)),
    ("2020", None), ("2020年", None), ("2020年末", None), ("2020年度", None), ("country", None), ("iso3", None), ("", None)])
def test_split_stem_year(header, expected):
    assert split_stem_year(header) == expected


def test_undp_hdr_time_series():
    result = import_workbook(FORMATS / "fmt2_undp_hdr.csv")
    assert result.layout == "wide-periods"
    assert result.unit_codes == ["CHN", "DEU", "IND", "NGA"]
    assert result.unit_names == ["China", "Germany", "India", "Nigeria"]
    assert result.periods == [2000, 2010, 2021]
    assert [i.code for i in result.indicators] == ["hdi_rank", "hdi", "le", "eys", "gnipc"]
    assert value(result, "CHN", 2021, "hdi") == 0.768
    assert value(result, "DEU", 2010, "le") == 80.0864
    assert value(result, "IND", 2000, "gnipc") == 2552.804903
    assert value(result, "NGA", 2000, "hdi") is None          # empty in the file
    assert value(result, "IND", 2021, "hdi_rank") == 132
    assert value(result, "IND", 2010, "hdi_rank") is None      # the rank is given for 2021 only
    assert result.n_values == 4 * 4 * 3 + 4 - 1
    assert any("'hdicode'" in w and "'region'" in w and "labels or groups" in w for w in result.warnings)


@pytest.mark.parametrize("style", ["underscore", "glued", "paren", "space"])
def test_wide_column_name_styles(style):
    result = import_workbook(FORMATS / f"fmt2_wide_{style}.csv")
    assert result.layout == "wide-periods"
    assert result.unit_codes == ["A", "B"] and result.periods == [2020, 2021]
    assert [i.code for i in result.indicators] == ["GDP", "POP"]
    assert value(result, "A", 2021, "GDP") == 2.5
    assert value(result, "B", 2020, "POP") == 20
    assert value(result, "B", 2021, "POP") is None


def test_wide_year_first_chinese_names():
    result = import_workbook(FORMATS / "fmt2_wide_zh.xlsx")
    assert result.layout == "wide-periods"
    assert [i.name for i in result.indicators] == ["地区生产总值", "常住人口"]
    assert result.unit_codes == ["A", "B"] and result.periods == [2020, 2021]
    assert value(result, "B", 2021, result.indicators[0].code) == 4


def test_wide_columns_without_a_year_are_ignored_with_a_note(tmp_path):
    path = tmp_path / "w.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["country", "area", "gdp_2020", "gdp_2021", "pop_2020", "pop_2021"],
                                 ["A", 5, 1, 2, 3, 4], ["B", 6, 5, 6, 7, 8]])
    result = import_workbook(path)
    assert result.layout == "wide-periods"
    assert [i.code for i in result.indicators] == ["gdp", "pop"]
    assert any("'area'" in w and "no year" in w for w in result.warnings)


def test_one_stem_or_unshared_years_stay_units_by_indicators(tmp_path):
    path = tmp_path / "w.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["country", "gdp_2020", "pop_2021", "size"], ["A", 1, 2, 3], ["B", 4, 5, 6]])
    result = import_workbook(path)
    assert result.layout == "units-by-indicators"
    assert [i.label for i in result.indicators] == ["gdp_2020", "pop_2021", "size"]


# ---- the existing corpus is not read in either layout ------------------------------------------------
CORPUS = sorted([*DATA.glob("*.xlsx"), *DATA.glob("*.xls"), *DATA.glob("*.ods"), *DATA.glob("*.csv"),
                 ROOT / "resources" / "samples" / "chengdu-chongqing.xlsx"])


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_neither_layout_fits_the_existing_corpus(path):
    try:
        cells = read_workbook_cells(path)
    except InputError:
        return                                  # the bad_* files: refused before any layout is asked
    for sheet in cells.sheets:
        table = find_table(sheet)
        if table is None or table.header < 0:
            continue
        fits = registry.fits(table)
        assert fits["nbs"].score == 0 and fits["wide-periods"].score == 0, (sheet.name, fits)
