"""Writes the units_* test files (run from the repository root:
``python3 tests/data/formats/units_make.py``).  Small tables in the shapes
statistical offices publish: a row of units of measure under the header
(OECD Better Life Index style, World Bank style units, a Chinese yearbook
table), a yearbook 单位 column with blanks and dashes, and sheets named with
and without periods."""
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent


def save(wb, name):
    wb.save(HERE / name)


def bli():
    """OECD Better Life Index export: title, header, a units row headed "Unit"."""
    wb = Workbook()
    ws = wb.active
    ws.title = "BLI 2015"
    ws.append(["Better Life Index - Edition 2015"])
    ws.append([])
    ws.append(["Country", "Dwellings without basic facilities", "Rooms per person",
               "Household net adjusted disposable income", "Employment rate", "Air pollution",
               "Life satisfaction", "Life expectancy", "Time devoted to leisure and personal care",
               "Long-term unemployment"])
    ws.append(["Unit", "Percentage", "Ratio", "US Dollar", "Percentage", "Micrograms per cubic metre",
               "Average score", "Years", "Hours", "Persons aged 15-64"])
    ws.append(["Australia", 1.1, 2.3, 31588, 72, 13, 7.3, 82.1, 14.35, 1.06])
    ws.append(["Austria", 1, 1.6, 31173, 72, 29, 7, 81.1, 14.55, 1.33])
    ws.append(["Chile", 9.4, 1.2, "..", 62, 22, 6.7, 78.9, 14.41, 1.95])
    save(wb, "units_bli_2015.xlsx")


def mixed_en():
    """Units as rows with a year column, a units row of World Bank style units."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Country", "Year", "GDP per capita", "Unemployment", "CO2 emissions", "Internet users",
               "Physicians", "Human capital index", "Inflation"])
    ws.append([None, None, "constant 2015 US$", "% of labour force", "tonnes per capita", "per 100 people",
               "per 1,000 people", "Index (0-1)", "annual %"])
    ws.append(["Japan", 2020, 34556.3, "2.8", 8.5, 90.2, 2.6, 0.8, -0.02])
    ws.append(["Japan", 2021, 35291.2, "2.8", 8.6, 82.9, "..", 0.81, -0.23])
    ws.append(["Kenya", 2020, 1848.9, "5.6", 0.36, 29.5, 0.2, 0.55, 5.4])
    ws.append(["Kenya", 2021, 1961.4, "5.7", 0.37, 32.6, 0.2, 0.55, 6.1])
    save(wb, "units_mixed_en.xlsx")


def chinese_units_row():
    """A Chinese table, regions as rows, with a units row that has a dash for an index."""
    wb = Workbook()
    ws = wb.active
    ws.title = "2023年"
    ws.append(["2023年各市主要指标"])
    ws.append(["地区", "地区生产总值", "常住人口", "人均可支配收入", "城镇化率", "每万人拥有医生数",
               "空气质量优良天数", "综合发展指数"])
    ws.append([None, "亿元", "万人", "元", "%", "人/万人", "天", "—"])
    ws.append(["成都", 22074.7, 2140.3, 54897, 80.5, 38.2, 302, 86.1])
    ws.append(["绵阳", 3350.3, 489.1, 37856, 52.4, 29.7, 331, 71.3])
    save(wb, "units_row_zh.xlsx")


def yearbook_measure():
    """A yearbook sheet whose 单位 column has blanks and dashes (ratios, indices)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "科技创新"
    ws.append(["成都市科技创新主要指标（2021—2023年）"])
    ws.append(["指标", "单位", "2021年", "2022年", "2023年"])
    rows = [("R&D经费支出", "亿元", 631.9, 681.1, 750.3),
            ("综合科技创新指数", "—", 71.2, 73.5, 75.0),
            ("科技进步贡献率", None, 63.1, 64.2, 65.0),
            ("技术合同成交额占GDP比重", "－", 6.1, 7.0, 7.9),
            ("R&D经费投入强度", "%", 3.17, 3.52, 3.57),
            ("专利授权量", "件", 84000, 91000, 89000),
            ("创新指数排名", "—", 8, 7, 7)]
    for r in rows:
        ws.append(list(r))
    ws.append(["注：综合科技创新指数以2015年为100。"])
    save(wb, "units_yearbook_measure.xlsx")


def yearbook_unit_words():
    """A yearbook sheet whose 单位 column holds words that are not all units (指数, 位次)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["指标", "单位", 2022, 2023])
    for r in [("地区生产总值", "亿元", 20817.5, 22074.7), ("营商环境指数", "指数", 88.1, 90.3),
              ("城市排名", "位次", 7, 6), ("创新综合得分", "—", 71.2, 73.5), ("新增市场主体", "万户", 45.2, 50.1)]:
        ws.append(list(r))
    save(wb, "units_yearbook_unit_words.xlsx")


def sheet_periods():
    """Units-by-indicators sheets named as periods ("2021年", "FY2022")."""
    wb = Workbook()
    for k, name in enumerate(["2021年", "FY2022"]):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["Region", "GDP (USD million)", "Population (thousands)"])
        ws.append(["North", 100 + k, 50 + k])
        ws.append(["South", 200 + k, 70 + k])
    save(wb, "units_sheet_periods.xlsx")


def sheet_datasets():
    """Sheets named by a data set with a year in it: not periods."""
    wb = Workbook()
    for k, (name, ind) in enumerate([("GDP 2020", "GDP (USD million)"), ("Population 2020", "Population (thousands)")]):
        ws = wb.active if k == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["Region", ind])
        ws.append(["North", 100 + k])
        ws.append(["South", 200 + k])
    save(wb, "units_sheet_datasets.xlsx")


if __name__ == "__main__":
    bli()
    mixed_en()
    chinese_units_row()
    yearbook_measure()
    yearbook_unit_words()
    sheet_periods()
    sheet_datasets()
