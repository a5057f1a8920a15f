"""Build resources/samples/undp-hdi.coindex: UNDP's Human Development Index
as its technical notes define it, from tests/data/undp-hdi/hdi_subset.csv
(ten countries, 2000, 2010 and 2021; UNDP's published HDI is left out of the
data and kept in the reference file).

The method in CoIndex's terms: every indicator normalised by its goalposts
(values beyond them capped); GNI per capita takes the Meta ``Transform`` log,
which moves its goalposts (100 and 75,000 dollars) with it; the education
dimension is the arithmetic mean of its two indicators; the HDI is the
geometric mean of the three dimensions (Meta ``Aggregation`` on its row).
A country-year without all four indicators is screened out
(``screen_threshold=1``), as UNDP publishes no HDI there.

Run: python3 resources/samples/build_hdi.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SOURCE = ROOT / "tests" / "data" / "undp-hdi" / "hdi_subset.csv"
OUT = ROOT / "resources" / "samples" / "undp-hdi.coindex"

# iCode, name, 中文名, unit, parent, goalposts (low, high), transform
INDICATORS = [
    ("LE", "Life expectancy at birth", "出生时预期寿命", "years", "Health", 20, 85, ""),
    ("EYS", "Expected years of schooling", "预期受教育年限", "years", "Education", 0, 18, ""),
    ("MYS", "Mean years of schooling", "平均受教育年限", "years", "Education", 0, 15, ""),
    ("GNIPC", "GNI per capita (2017 PPP $)", "人均国民总收入（2017 年购买力平价美元）", "2017 PPP $", "Income",
     100, 75000, "log"),
]
DIMENSIONS = [("Health", "Long and healthy life", "健康长寿"), ("Education", "Knowledge", "知识"),
              ("Income", "A decent standard of living", "体面生活")]


def meta() -> pd.DataFrame:
    rows = [{"Level": 1, "iCode": c, "iName": n, "iName_zh": zh, "Direction": 1, "Weight": 1, "Unit": u,
             "Parent": p, "Type": "Indicator", "goalpost_lower": lo, "goalpost_upper": hi, "Transform": t}
            for c, n, zh, u, p, lo, hi, t in INDICATORS]
    rows += [{"Level": 2, "iCode": c, "iName": n, "iName_zh": zh, "Weight": 1, "Parent": "HDI",
              "Type": "Aggregate", "Aggregation": "arithmetic"} for c, n, zh in DIMENSIONS]
    rows.append({"Level": 3, "iCode": "HDI", "iName": "Human Development Index", "iName_zh": "人类发展指数",
                 "Weight": 1, "Type": "Aggregate", "Aggregation": "geometric"})
    return pd.DataFrame(rows)


def build(out=OUT):
    from core.importing.inputs import load_input
    from core.project import projectfile
    data = pd.read_csv(SOURCE).drop(columns=["hdi"])
    with tempfile.TemporaryDirectory() as tmp:
        d, m = Path(tmp) / "hdi_iData.csv", Path(tmp) / "hdi_iMeta.csv"
        data.to_csv(d, index=False)
        meta().to_csv(m, index=False)
        project = load_input(d, m)
    project.settings.apply("normalisation", "goalposts")
    project.settings.apply("base_year", "2000")
    # UNDP publishes no HDI where a component is missing: leave such country-years out
    project.settings.apply("screen_threshold", "1")
    projectfile.save(project, out)
    return project


if __name__ == "__main__":
    build()
    print(f"wrote {OUT}")
