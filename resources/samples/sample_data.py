"""Bundled sample project: Chengdu-Chongqing Economic Circle Collaborative Innovation Index.

THE DATA IN THIS MODULE ARE ILLUSTRATIVE. THEY ARE NOT OFFICIAL STATISTICS.

The framework follows the published structure of the index (five first-level
dimensions: resource agglomeration, innovation cooperation, results sharing,
industrial linkage, environmental support; base year 2020 = 100), and includes the
three indicators added in the 2024 edition. The indicator list and almost all raw
values are invented but of plausible magnitude. They were chosen so that the method
below reproduces the headline figures published for the 2025 edition (data years
2020-2024; iChongqing, 4 January 2026): composite 202.29 in 2024 (19.26 % compound
average annual growth), innovation cooperation 309.78 (32.67 %), industrial linkage
180.87, and environmental support second strongest and "nearly doubled". The 2023
composite also matches 173.47, the figure published in the 2024 edition.
Only two figures come from the press report: the combined regional GDP of
9.68 trillion yuan in 2024, and the components Sichuan firms supplied to Seres
(about 18.4 billion yuan in 2024, up about 350 % on 2023), which is part of IL2's
value series.

Method (the one compute_reference() applies, and the one the engine is expected to
apply):
  * indicator index  = 100 * x_t / x_base, or 100 * x_base / x_t if direction == -1
    (base year 2020 unless BASE_YEAR names another year for that indicator);
  * dimension index  = arithmetic mean of its indicators' indices (equal weights);
  * composite (CII)  = arithmetic mean of the five dimension indices.

Run ``python resources/samples/sample_data.py`` to print the table and check every
calibration target.
"""

import numpy as np

UNIT = {"code": "CCEC", "name": "Chengdu–Chongqing Economic Circle", "name_zh": "成渝地区双城经济圈"}
YEARS = [2020, 2021, 2022, 2023, 2024]
BASE_YEAR = {}  # no per-indicator base-year overrides: every indicator is based on 2020

_YB = "Illustrative; modelled on Sichuan and Chongqing statistical yearbooks"
_NEW = "Illustrative; indicator added in the 2024 edition of the index"
_PUB = "Headline figure of the 2025 edition (iChongqing, 4 Jan 2026); lower levels illustrative"

_DIMENSIONS = [  # code, name, name_zh, description
    ("RA", "Resource agglomeration", "资源集聚",
     "Concentration of innovation inputs (people, money, firms) in the economic circle."),
    ("IC", "Innovation cooperation", "创新合作",
     "Joint innovation activity between Sichuan and Chongqing actors."),
    ("RS", "Results sharing", "成果共享",
     "Opening, transfer and commercialisation of innovation results across the region."),
    ("IL", "Industrial linkage", "产业联动",
     "Cross-regional investment, supply chains and industrial clusters."),
    ("ES", "Environmental support", "环境支撑",
     "Economic, ecological, digital and financial conditions that support innovation."),
]

# code, name, name_zh, direction, unit, source, description, raw values 2020-2024
_INDICATORS = [
    ("RA1", "R&D personnel (full-time equivalent)", "R&D人员全时当量", 1,
     "10,000 person-years", _YB, "Full-time-equivalent R&D personnel in the circle.",
     [28.6, 30.9, 33.2, 35.1, 37.0]),
    ("RA2", "Regional GDP", "地区生产总值", 1, "trillion yuan",
     "2024 value as published (9.68 trillion yuan, up from 6.99 in 2019); "
     "2020-2023 illustrative", "Combined gross domestic product of the economic circle.",
     [7.05, 7.74, 8.31, 8.96, 9.68]),
    ("RA3", "High-tech enterprises", "高新技术企业数量", 1, "enterprises", _YB,
     "Number of certified high-tech enterprises in the circle.",
     [12310.0, 15620.0, 19840.0, 23560.0, 27460.0]),
    ("RA4", "Internal R&D expenditure", "R&D经费内部支出", 1, "100 million yuan", _YB,
     "Intramural expenditure on research and experimental development.",
     [1582.3, 1812.0, 2056.0, 2380.0, 2706.58]),
    ("IC1", "Innovation cooperation agreements", "成渝地区创新合作协议数量", 1,
     "agreements", _NEW, "Innovation cooperation agreements signed between the two sides.",
     [36.0, 60.0, 88.0, 115.0, 142.0]),
    ("IC2", "Jointly held S&T academic conferences", "成渝地区联合举办的科技学术交流会议数量", 1,
     "conferences", _NEW, "Science and technology conferences co-organised by the two sides.",
     [22.0, 33.0, 46.0, 60.0, 74.0]),
    ("IC3", "Jointly filed invention patents", "川渝联合申请发明专利数量", 1, "patents", _YB,
     "Invention patent applications with applicants from both Sichuan and Chongqing.",
     [1846.0, 2275.0, 2790.0, 3370.0, 3968.0]),
    ("IC4", "Cross-regional technology contract turnover", "川渝跨区域技术合同成交额", 1,
     "100 million yuan", _YB,
     "Value of technology contracts between Sichuan and Chongqing parties.",
     [284.6, 380.0, 520.0, 680.0, 834.9]),
    ("RS1", "Large research instruments open for sharing", "开放共享大型科研仪器数量", 1,
     "sets", _YB, "Large research instruments listed on the shared-use platform.",
     [9860.0, 11240.0, 12690.0, 14150.0, 15720.0]),
    ("RS2", "Patent transfers and licences", "专利转让许可数量", 1, "cases", _YB,
     "Patents assigned or licensed by holders in the circle.",
     [21480.0, 25130.0, 28960.0, 32840.0, 36710.0]),
    ("RS3", "Technology market contract turnover", "技术市场合同成交额", 1,
     "100 million yuan", _YB, "Value of registered technology contracts in the circle.",
     [1396.8, 1580.0, 1760.0, 1890.0, 2098.9]),
    ("IL1", "Enterprises invested across the two sides", "川渝跨区域投资企业数量", 1,
     "enterprises", _YB, "Enterprises set up in one side with investment from the other.",
     [3120.0, 3840.0, 4610.0, 5420.0, 6350.0]),
    ("IL2", "Components supplied by Sichuan firms to Chongqing automakers",
     "四川企业为重庆整车企业配套零部件金额", 1, "100 million yuan",
     "Illustrative; includes supplies to Seres as reported (about 18.4 billion yuan in "
     "2024, up about 350 % on 2023)",
     "Automotive parts supplied by Sichuan firms to Chongqing automakers; the Seres "
     "share (40.89 in 2023, 184.0 in 2024) drives the 2024 jump.",
     [420.0, 452.6, 489.3, 531.7, 674.8]),
    ("IL3", "Local supporting rate of the electronic information industry",
     "电子信息产业本地配套率", 1, "%", _YB,
     "Share of inputs to electronic-information manufacturers sourced within the circle.",
     [38.2, 41.6, 45.3, 48.7, 52.4]),
    ("IL4", "Revenue of innovative industrial clusters", "创新型产业集群营业收入", 1,
     "100 million yuan", _NEW, "Operating revenue of recognised innovative industrial clusters.",
     [6120.5, 7560.0, 9150.0, 11198.33, 13594.54]),
    ("ES1", "Energy consumption per unit of GDP", "单位地区生产总值能耗", -1,
     "tce per 10,000 yuan", _YB, "Energy used per unit of output; less is better.",
     [0.512, 0.497, 0.484, 0.470, 0.457]),
    ("ES2", "Annual mean PM2.5 concentration", "PM2.5年均浓度", -1, "µg/m³",
     "Illustrative; modelled on Sichuan and Chongqing ecological environment bulletins",
     "Population-weighted annual mean fine-particulate concentration; less is better.",
     [36.8, 35.1, 33.6, 33.9, 32.4]),
    ("ES3", "5G base stations", "5G基站数量", 1, "10,000 stations", _YB,
     "5G base stations in service at year end.",
     [5.62, 8.95, 12.1, 16.3, 21.35]),
    ("ES4", "Local government expenditure on S&T", "地方财政科技支出", 1,
     "100 million yuan", _YB, "Science and technology spending in local general budgets.",
     [332.6, 371.8, 412.5, 458.3, 506.9]),
    ("ES5", "Venture capital and private equity invested in technology firms",
     "科技企业创业投资和私募股权投资额", 1, "100 million yuan", _YB,
     "VC and PE money invested in technology-based firms in the circle.",
     [386.4, 502.0, 640.0, 780.0, 846.55]),
]


def _build_framework():
    rows = [{"code": "CII", "name": "Collaborative Innovation Index",
             "name_zh": "成渝地区双城经济圈协同创新指数", "parent": None, "direction": 1,
             "weight": 1.0, "unit": "Index (2020 = 100)", "source": _PUB,
             "description": "Equal-weight arithmetic mean of the five dimension indices."}]
    for dcode, name, name_zh, desc in _DIMENSIONS:
        rows.append({"code": dcode, "name": name, "name_zh": name_zh, "parent": "CII",
                     "direction": 1, "weight": 1.0 / len(_DIMENSIONS),
                     "unit": "Index (2020 = 100)", "source": _PUB, "description": desc})
        children = [ind for ind in _INDICATORS if ind[0][:2] == dcode]
        for code, iname, iname_zh, direction, unit, source, idesc, _ in children:
            rows.append({"code": code, "name": iname, "name_zh": iname_zh, "parent": dcode,
                         "direction": direction, "weight": 1.0 / len(children),
                         "unit": unit, "source": source, "description": idesc})
    return rows


FRAMEWORK = _build_framework()
VALUES = {ind[0]: list(ind[7]) for ind in _INDICATORS}


def compute_reference():
    """Return {code: [index 2020, ..., index 2024]} for every indicator, dimension and CII."""
    by_code = {row["code"]: row for row in FRAMEWORK}
    out = {}
    for code, values in VALUES.items():
        x = np.asarray(values, dtype=float)
        base = x[YEARS.index(BASE_YEAR.get(code, YEARS[0]))]
        idx = 100.0 * x / base if by_code[code]["direction"] == 1 else 100.0 * base / x
        out[code] = idx.tolist()
    for parent in [d[0] for d in _DIMENSIONS] + ["CII"]:
        kids = [row["code"] for row in FRAMEWORK if row["parent"] == parent]
        out[parent] = np.mean([out[k] for k in kids], axis=0).tolist()
    return out


def _cagr(series):
    return ((series[-1] / series[0]) ** (1.0 / (len(series) - 1)) - 1.0) * 100.0


if __name__ == "__main__":
    ref = compute_reference()
    print(f"{'code':<5} {'name':<68}" + "".join(f"{y:>9}" for y in YEARS) + "   CAGR %")
    for row in FRAMEWORK:
        s = ref[row["code"]]
        indent = "" if row["parent"] is None else ("  " if row["parent"] == "CII" else "    ")
        print(f"{row['code']:<5} {(indent + row['name'])[:68]:<68}"
              + "".join(f"{v:9.2f}" for v in s) + f"{_cagr(s):9.2f}")

    r2 = lambda v: round(v, 2)  # noqa: E731
    assert all(r2(s[0]) == 100.0 for s in ref.values()), "2020 must be 100 everywhere"
    assert r2(ref["CII"][4]) == 202.29 and r2(_cagr(ref["CII"])) == 19.26
    assert r2(ref["IC"][4]) == 309.78 and r2(_cagr(ref["IC"])) == 32.67
    assert r2(ref["IL"][4]) == 180.87 and r2(_cagr(ref["IL"])) == 15.97
    assert r2(ref["CII"][3]) == 173.47  # 2024-edition figure for 2023 (not required)
    assert 1011.425 <= sum(ref[d[0]][4] for d in _DIMENSIONS) < 1011.475
    assert 190.0 <= ref["ES"][4] < 199.995
    ranked = sorted((d[0] for d in _DIMENSIONS), key=lambda d: -ref[d][4])
    assert ranked[:2] == ["IC", "ES"], ranked
    assert ref["RA"][4] < ref["IL"][4] and ref["RS"][4] < ref["IL"][4]
    for key in ("CII", "IC", "IL"):  # exact targets sit well inside the rounding band
        target = {"CII": 202.29, "IC": 309.78, "IL": 180.87}[key]
        assert abs(ref[key][4] - target) <= 0.002, (key, ref[key][4])
    for key in [d[0] for d in _DIMENSIONS] + ["CII"]:  # every aggregate rises every year
        assert np.all(np.diff(ref[key]) > 0), key
    seres_2023, seres_2024 = 40.89, 184.0  # 100 million yuan, inside IL2
    assert abs(seres_2024 / seres_2023 - 4.5) < 0.001
    assert abs((VALUES["IL2"][4] - VALUES["IL2"][3]) - (seres_2024 - seres_2023)) < 0.02
    assert 18 <= len(VALUES) <= 20 and any(r["direction"] == -1 for r in FRAMEWORK)
    print("All calibration checks passed.")
