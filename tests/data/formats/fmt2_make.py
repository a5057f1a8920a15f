"""Writes the fmt2_* test files: China NBS (data.stats.gov.cn) exports and
wide tables whose column names join an indicator and a year (UNDP's HDR
composite-indices time series and the like).  Figures are public data
(UNDP HDR 2021/22; NBS provincial GDP, rounded) or made up for the test.

    cd tests/data/formats && python3 fmt2_make.py      # then the .xls with soffice (see the end)
"""
from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
YEARS = [2023, 2022, 2021]
REGIONS = ["北京市", "天津市", "河北省", "上海市"]
GDP = {"北京市": [43760.7, 41610.9, 41045.6], "天津市": [16737.3, 16311.3, 15685.1],
       "河北省": [43944.1, 42370.4, 40397.1], "上海市": [47218.7, 44652.8, None]}
POP = {"北京市": [2185.8, 2184.3, 2188.6]}


def nbs_rows():
    """Regions as rows, years as columns, one indicator named above."""
    rows = [["数据库：分省年度数据"], ["指标：地区生产总值(亿元)"], ["时间：最近3年"],
            ["地区"] + [f"{y}年" for y in YEARS]]
    rows += [[r] + ["" if v is None else v for v in GDP[r]] for r in REGIONS]
    rows += [["注：2023年数据为初步核算数。"], ["数据来源：国家统计局"]]
    return rows


def nbs_transposed_rows():
    """Years as rows, regions as columns (the corner says 时间)."""
    rows = [["数据库：分省年度数据"], ["指标：地区生产总值(亿元)"], ["时间：最近3年"],
            ["时间"] + REGIONS]
    rows += [[f"{y}年"] + ["" if GDP[r][j] is None else GDP[r][j] for r in REGIONS] for j, y in enumerate(YEARS)]
    rows += [["数据来源：国家统计局"]]
    return rows


def nbs_region_rows():
    """One region named above; indicators as rows, years as columns."""
    rows = [["数据库：分省年度数据"], ["地区：北京市"], ["时间：最近3年"], ["指标"] + [f"{y}年" for y in YEARS],
            ["地区生产总值(亿元)"] + GDP["北京市"], ["年末常住人口(万人)"] + POP["北京市"],
            ["注：年末常住人口为年末时点数。"], ["数据来源：国家统计局"]]
    return rows


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "分省年度数据"
    for row in rows:
        ws.append([None if v == "" else v for v in row])
    wb.save(path)


def write_csv(path, rows, encoding):
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)


# UNDP HDR composite indices time series (hdr-data): iso3, country, hdicode, region, hdi_rank_2021,
# then stem_year columns; three years of five series for four countries
UNDP = {  # iso3: (country, hdicode, region, rank, {stem: [2000, 2010, 2021]})
    "CHN": ("China", "High", "EAP", 79, {"hdi": [0.584, 0.691, 0.768], "le": [71.8807, 75.5991, 78.2107],
                                         "eys": [9.689740181, 12.42572021, 14.2361149],
                                         "gnipc": [3416.481546, 8846.375847, 17504.39969]}),
    "DEU": ("Germany", "Very High", "", 9, {"hdi": [0.889, 0.926, 0.942], "le": [78.0637, 80.0864, 80.6301],
                                            "eys": [16.08745909, 16.58429003, 17.01013947],
                                            "gnipc": [42394.86412, 47554.22563, 54534.21682]}),
    "IND": ("India", "Medium", "SA", 132, {"hdi": [0.491, 0.575, 0.633], "le": [62.6693, 66.9086, 67.2398],
                                           "eys": [8.306489944, 10.73542976, 11.87462044],
                                           "gnipc": [2552.804903, 4189.433074, 6589.980037]}),
    "NGA": ("Nigeria", "Low", "SSA", 163, {"hdi": [None, 0.484, 0.535], "le": [47.1928, 50.9448, 52.6757],
                                           "eys": [8.003800392, 9.0, 10.05],
                                           "gnipc": [2655.989334, 4572.0, 4790.0]}),
}
UNDP_YEARS = [2000, 2010, 2021]


def undp_rows():
    stems = ["hdi", "le", "eys", "gnipc"]
    head = ["iso3", "country", "hdicode", "region", "hdi_rank_2021"]
    head += [f"{s}_{y}" for s in stems for y in UNDP_YEARS]
    rows = [head]
    for iso, (name, code, region, rank, series) in UNDP.items():
        row = [iso, name, code, region, rank]
        for s in stems:
            row += ["" if v is None else v for v in series[s]]
        rows.append(row)
    return rows


def styled_rows(style):
    """Country rows with GDP and POP columns named in one of the styles."""
    name = {"underscore": "{s}_{y}", "glued": "{s}{y}", "paren": "{s} ({y})", "space": "{s} {y}",
            "zh": "{y}年{s}"}[style]
    stems = ["GDP", "POP"] if style != "zh" else ["地区生产总值", "常住人口"]
    head = ["地区" if style == "zh" else "country"] + [name.format(s=s, y=y) for s in stems for y in (2020, 2021)]
    data = [["A", 1.5, 2.5, 10, 11], ["B", 3, 4, 20, ""]]
    return [head] + data


if __name__ == "__main__":
    write_xlsx(HERE / "fmt2_nbs_gdp.xlsx", nbs_rows())
    write_csv(HERE / "fmt2_nbs_gdp_gb18030.csv", nbs_rows(), "gb18030")
    write_xlsx(HERE / "fmt2_nbs_transposed.xlsx", nbs_transposed_rows())
    write_csv(HERE / "fmt2_nbs_region.csv", nbs_region_rows(), "utf-8")
    write_xlsx(HERE / "fmt2_nbs_region.xlsx", nbs_region_rows())
    write_csv(HERE / "fmt2_undp_hdr.csv", undp_rows(), "utf-8")
    for style in ("underscore", "glued", "paren", "space"):
        write_csv(HERE / f"fmt2_wide_{style}.csv", styled_rows(style), "utf-8")
    write_xlsx(HERE / "fmt2_wide_zh.xlsx", styled_rows("zh"))
    # the .xls as LibreOffice saves it (Excel 97-2003), from the .xlsx
    subprocess.run(["soffice", "--headless", "--convert-to", "xls", "--outdir", str(HERE),
                    str(HERE / "fmt2_nbs_gdp.xlsx")], check=False, capture_output=True, timeout=120)
