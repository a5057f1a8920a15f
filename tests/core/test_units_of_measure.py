"""Units of measure (issue 10): a row of units under the header that is
mostly units (English, Chinese, symbols), the Chinese yearbook 单位 column
(blank / "—" for ratios and indices) read as the unit of measure and never
as the regions, and sheet names that are periods only when they read as one.
The files are tests/data/formats/units_*.xlsx (written by units_make.py in
that folder); the expected labels, units and values are stated here from
what the files hold, not taken from the importer's output."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from core.importing.block import sheet_period
from core.importing.importer import import_workbook
from core.model.celltext import looks_like_unit, split_label_unit, unit_text
from core.project import projectfile

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
nan = math.nan


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def names_units(result):
    return [(ind.name, ind.unit) for ind in result.indicators]


def column(result, name):
    """Values of the indicator named ``name``: units x periods."""
    k = [ind.name for ind in result.indicators].index(name)
    return result.values[:, :, k]


# ---- the rule ---------------------------------------------------------------------------------
UNITS = ["USD", "US Dollar", "US dollars", "U.S. dollars", "EUR", "euro", "元", "万元", "亿元", "万美元",
         "亿元人民币", "RMB", "CNY", "¥", "$", "%", "percent", "per cent", "Percentage", "‰", "百分比", "个百分点",
         "per 1,000 people", "per capita", "per 100,000 inhabitants", "人均元", "每万人", "每千人口", "每百户",
         "每万人（张）", "index", "Index (2015=100)", "2010=100", "上年=100", "2015年=100", "score",
         "Average score", "years", "Years", "Hours", "ratio", "2017 PPP $", "constant 2015 US$",
         "current US$", "Micrograms per cubic metre", "µg/m³", "tonnes", "tonnes per capita", "kg", "km²",
         "km2", "% of GDP", "% of labour force", "annual %", "Thousands", "USD millions", "人", "万人", "件",
         "项", "个", "家", "台", "篇", "次", "吨", "公顷", "平方公里", "千瓦时", "年", "岁", "元/人", "件/万人",
         "人/平方公里", "(USD)", "（万吨）", "Unit: USD", "单位：亿元", "Deaths per 100,000 live births"]
NOT_UNITS = ["GDP", "GDP per capita", "Rooms per person", "Country", "China", "成都", "人均GDP", "人均", "每",
             "2015", "1,000", "地区生产总值", "BLI 2015", "Population", "Total", "Average", "Life expectancy",
             "Employment rate", "Air pollution", "Dwellings without basic facilities", "—", "..", "", "指标",
             "Notes", "Region A", "营商环境指数", "Rank", "A very long sentence that says per capita things at length"]


@pytest.mark.parametrize("text", UNITS)
def test_units_of_measure_are_recognised(text):
    assert looks_like_unit(text)


@pytest.mark.parametrize("text", NOT_UNITS)
def test_labels_are_not_units(text):
    assert not looks_like_unit(text)


@pytest.mark.parametrize("label,name,unit", [
    ("GDP (current US$)", "GDP", "current US$"),
    ("Life expectancy (years)", "Life expectancy", "years"),
    ("Air pollution (Micrograms per cubic metre)", "Air pollution", "Micrograms per cubic metre"),
    ("Physicians (per 1,000 people)", "Physicians", "per 1,000 people"),
    ("R&D经费投入强度（%）", "R&D经费投入强度", "%"),
    ("每万人拥有医生数（人/万人）", "每万人拥有医生数", "人/万人"),
    ("Name (short)", "Name (short)", ""),
    ("Rooms (per person)", "Rooms", "per person"),
])
def test_label_and_unit_in_brackets(label, name, unit):
    assert split_label_unit(label) == (name, unit)


def test_unit_text():
    assert unit_text("Unit of measure: USD") == "USD"
    assert unit_text("（万吨）") == "万吨"


# ---- units row --------------------------------------------------------------------------------
def test_units_row_of_english_words_headed_unit():
    """OECD Better Life Index: the row under the header starts with "Unit"
    and holds Percentage, Ratio, US Dollar ...; one cell is not a unit word
    ("Persons aged 15-64"): the row is still the units row (most cells)."""
    r = import_workbook(FORMATS / "units_bli_2015.xlsx")
    assert r.header_row == 3 and r.layout == "units-by-indicators"
    assert names_units(r) == [
        ("Dwellings without basic facilities", "Percentage"), ("Rooms per person", "Ratio"),
        ("Household net adjusted disposable income", "US Dollar"), ("Employment rate", "Percentage"),
        ("Air pollution", "Micrograms per cubic metre"), ("Life satisfaction", "Average score"),
        ("Life expectancy", "Years"), ("Time devoted to leisure and personal care", "Hours"),
        ("Long-term unemployment", "Persons aged 15-64")]
    assert r.unit_codes == ["Australia", "Austria", "Chile"]          # no unit named "Unit"
    assert r.periods == [None]                                       # "BLI 2015" is not a period
    assert not r.unreadable
    assert same(column(r, "Household net adjusted disposable income")[:, 0], [31588, 31173, nan])
    assert same(column(r, "Air pollution")[:, 0], [13, 29, 22])
    assert same(column(r, "Long-term unemployment")[:, 0], [1.06, 1.33, 1.95])


def test_units_row_of_mixed_english_units_with_a_year_column():
    r = import_workbook(FORMATS / "units_mixed_en.xlsx")
    assert names_units(r) == [
        ("GDP per capita", "constant 2015 US$"), ("Unemployment", "% of labour force"),
        ("CO2 emissions", "tonnes per capita"), ("Internet users", "per 100 people"),
        ("Physicians", "per 1,000 people"), ("Human capital index", "Index (0-1)"), ("Inflation", "annual %")]
    assert r.unit_codes == ["Japan", "Kenya"] and r.periods == [2020, 2021]
    assert not r.unreadable
    assert same(column(r, "GDP per capita"), [[34556.3, 35291.2], [1848.9, 1961.4]])
    assert same(column(r, "Physicians"), [[2.6, nan], [0.2, 0.2]])
    assert same(column(r, "Inflation"), [[-0.02, -0.23], [5.4, 6.1]])


def test_chinese_units_row_with_a_dash_for_an_index():
    r = import_workbook(FORMATS / "units_row_zh.xlsx")
    assert r.header_row == 2
    assert names_units(r) == [("地区生产总值", "亿元"), ("常住人口", "万人"), ("人均可支配收入", "元"),
                              ("城镇化率", "%"), ("每万人拥有医生数", "人/万人"), ("空气质量优良天数", "天"),
                              ("综合发展指数", "")]
    assert r.unit_codes == ["成都", "绵阳"] and r.periods == [2023]        # the one sheet, "2023年"
    assert same(column(r, "综合发展指数")[:, 0], [86.1, 71.3])
    assert same(column(r, "地区生产总值")[:, 0], [22074.7, 3350.3])


def test_units_row_under_a_header_with_a_blank_first_cell(tmp_path):
    """The units row fills a column the header leaves blank ("Unit" under
    nothing): it is the units row, not the header under a group row."""
    path = tmp_path / "blank_head.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([None, "Employment rate", "Air pollution", "Life expectancy", "Unemployment"])
    ws.append(["Unit", "Percentage", "Micrograms per cubic metre", "Years", "Persons aged 15-64"])
    ws.append(["Australia", 72, 13, 82.1, 1])
    ws.append(["Austria", 72, 29, 81.1, 2])
    wb.save(path)
    r = import_workbook(path)
    assert r.header_row == 1 and r.unit_codes == ["Australia", "Austria"]
    assert names_units(r) == [("Employment rate", "Percentage"), ("Air pollution", "Micrograms per cubic metre"),
                              ("Life expectancy", "Years"), ("Unemployment", "Persons aged 15-64")]
    assert same(column(r, "Air pollution")[:, 0], [13, 29])


def test_a_row_of_labels_under_the_header_is_not_a_units_row(tmp_path):
    path = tmp_path / "two_rows.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Region", "GDP", "Population"])
    ws.append(["Region name", "Total", "Persons aged 15-64"])
    ws.append(["North", 1, 2])
    wb.save(path)
    r = import_workbook(path)
    assert [ind.unit for ind in r.indicators] == ["", ""]


# ---- the 单位 column --------------------------------------------------------------------------
YEARBOOK_MEASURE = [("R&D经费支出", "亿元"), ("综合科技创新指数", ""), ("科技进步贡献率", ""),
                    ("技术合同成交额占GDP比重", ""), ("R&D经费投入强度", "%"), ("专利授权量", "件"),
                    ("创新指数排名", "")]


def test_yearbook_unit_column_with_blanks_and_dashes_is_the_measure():
    r = import_workbook(FORMATS / "units_yearbook_measure.xlsx")
    assert r.layout == "yearbook" and names_units(r) == YEARBOOK_MEASURE
    assert r.unit_codes == ["科技创新"] and r.periods == [2021, 2022, 2023]       # the sheet's name
    assert same(column(r, "R&D经费支出")[0], [631.9, 681.1, 750.3])
    assert same(column(r, "创新指数排名")[0], [8, 7, 7])
    assert not r.unreadable


def test_yearbook_unit_column_with_the_unit_named_by_the_user(run_cli, tmp_path):
    r = import_workbook(FORMATS / "units_yearbook_measure.xlsx", unit="成都")
    assert r.unit_codes == ["成都"] and names_units(r) == YEARBOOK_MEASURE
    out = tmp_path / "out.coindex"
    p = run_cli("import", FORMATS / "units_yearbook_measure.xlsx", "--unit", "成都", "-o", out)
    assert p.returncode == 0, p.stderr
    assert "units (1): 成都" in p.stdout and "R&D经费支出 [亿元]" in p.stdout
    proj = projectfile.load(out)
    assert proj.dataset.unit_codes == ["成都"] and proj.dataset.value("成都", 2022, "I06") == 91000.0
    units = {n.name: n.unit for n in proj.framework.nodes if n.name in dict(YEARBOOK_MEASURE)}
    assert units == {name: unit for name, unit in YEARBOOK_MEASURE}


def test_yearbook_unit_column_of_words_is_never_the_regions():
    """指数 and 位次 are not unit words: the column is still no region column,
    since no indicator repeats (and with --unit it holds no such region)."""
    expect = [("地区生产总值", "亿元"), ("营商环境指数", "指数"), ("城市排名", "位次"), ("创新综合得分", ""),
              ("新增市场主体", "万户")]
    r = import_workbook(FORMATS / "units_yearbook_unit_words.xlsx")
    assert names_units(r) == expect and r.unit_codes == ["指标"]
    r = import_workbook(FORMATS / "units_yearbook_unit_words.xlsx", unit="成都")
    assert names_units(r) == expect and r.unit_codes == ["成都"]
    assert same(column(r, "城市排名")[0], [7, 6])


def test_a_unit_column_of_regions_still_picks_the_region(tmp_path):
    """A 单位 column that does name the regions (indicators repeat per region)
    stays the regions; --unit keeps that region's rows."""
    path = tmp_path / "regions.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["单位", "指标", 2022, 2023])
    for row in [("成都", "GDP", 1, 2), ("成都", "人口", 3, 4), ("重庆", "GDP", 5, 6), ("重庆", "人口", 7, 8)]:
        ws.append(list(row))
    wb.save(path)
    r = import_workbook(path)
    assert r.unit_codes == ["成都", "重庆"]
    r = import_workbook(path, unit="重庆")
    assert r.unit_codes == ["重庆"] and same(column(r, "GDP")[0], [5, 6])


# ---- sheet names as periods -------------------------------------------------------------------
@pytest.mark.parametrize("name,period", [
    ("2020", 2020), ("2020年", 2020), ("２０２０年度", 2020), ("FY2020", 2020), ("FY 2020", 2020),
    ("Year 2020", 2020), ("BLI 2015", None), ("GDP 2020", None), ("2015-2020", None), ("Sheet1", None),
    ("成都", None), ("FY20", None)])
def test_sheet_period_rule(name, period):
    assert sheet_period(name, True) == period
    assert sheet_period(name, False) == period


def test_sheets_named_as_periods():
    r = import_workbook(FORMATS / "units_sheet_periods.xlsx")
    assert r.periods == [2021, 2022] and r.unit_codes == ["North", "South"]
    assert names_units(r) == [("GDP", "USD million"), ("Population", "thousands")]
    assert same(column(r, "GDP"), [[100, 101], [200, 201]])


def test_sheets_named_by_data_set_are_not_periods():
    """"GDP 2020" and "Population 2020" name data sets: no period, one table."""
    r = import_workbook(FORMATS / "units_sheet_datasets.xlsx")
    assert r.periods == [None] and r.unit_codes == ["North", "South"]
    assert names_units(r) == [("GDP", "USD million"), ("Population", "thousands")]
    assert same(column(r, "Population")[:, 0], [101, 201]) and not r.unreadable
