"""Write the bundled sample project from sample_data.py.

    python resources/samples/build_sample.py

produces ``chengdu-chongqing.coindex`` and the same data as a template
workbook ``chengdu-chongqing.xlsx`` beside this script.  The data are
illustrative (see sample_data.py), not official statistics.
"""
from __future__ import annotations

import importlib.util
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))

from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings  # noqa: E402
from core.project.project import SAMPLE_NOTE, Project  # noqa: E402
from core.project import projectfile  # noqa: E402


def _sample_module():
    spec = importlib.util.spec_from_file_location("coindex_sample_data", os.path.join(HERE, "sample_data.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def build_project() -> Project:
    sd = _sample_module()
    records = []
    for row in sd.FRAMEWORK:
        is_ind = row["code"] in sd.VALUES
        rec = {"iCode": row["code"], "iName": row["name"], "iName_zh": row["name_zh"], "Parent": row["parent"],
               "Direction": row["direction"], "Weight": row["weight"], "Type": "Indicator" if is_ind else "Aggregate",
               "Unit": row.get("unit", ""), "Source": row.get("source", ""),
               "Description": row.get("description", "")}
        if row["code"] in sd.BASE_YEAR:
            rec["BaseYear"] = sd.BASE_YEAR[row["code"]]
        records.append(rec)
    fw = Framework.from_records(records, where="sample framework")
    values = np.array([[sd.VALUES[c] for c in fw.indicator_codes]], dtype=float)   # (1, I, T)
    ds = Dataset([sd.UNIT["code"]], [sd.UNIT["name"]], list(sd.YEARS), fw.indicator_codes,
                 values.transpose(0, 2, 1))
    settings = Settings()
    for k, v in (("normalisation", "fixed_base"), ("base_year", "2020"), ("weighting", "equal")):
        settings.apply(k, v)
    info = {"title": "Chengdu–Chongqing Economic Circle Collaborative Innovation Index (sample)",
            "title_zh": "成渝地区双城经济圈协同创新指数（示例）",
            "note": SAMPLE_NOTE,
            "note_zh": "示例数据：按已发布的总指数等主要数字校准，并非官方统计数据。"}
    prov = {"sources": [{"file": "sample_data.py", "sheet": None,
                         "note": "Illustrative values calibrated to the published headline figures"}], "edits": []}
    return Project(fw, ds, settings, prov, {"unit_name_zh": {sd.UNIT["code"]: sd.UNIT["name_zh"]}}, info)


def write_workbook(project: Project, path: str) -> None:
    from openpyxl import Workbook
    from core.model.framework import META_COLUMNS
    from core.exporting.tables import _sheet, atomic_workbook_save
    wb = Workbook()
    wb.remove(wb.active)
    df = project.dataset.to_frame()
    _sheet(wb, "Data", list(df.columns), df.itertuples(index=False), {"uName": 34})
    rows = project.framework.to_records()
    cols = META_COLUMNS + [c for r in rows for c in r if c not in META_COLUMNS]
    cols = list(dict.fromkeys(cols))
    _sheet(wb, "Meta", cols, [[r.get(c) for c in cols] for r in rows], {"iName": 40, "iName_zh": 28})
    s = project.settings
    rows = [["normalisation", s.normalisation], ["base_year", s.base_year], ["weighting", s.weighting],
            ["aggregation", s.aggregation]] + [[k, project.info[k]] for k in ("title", "title_zh", "note", "note_zh")]
    _sheet(wb, "Settings", ["Key", "Value"], rows, {"Value": 90})
    _sheet(wb, "README", ["Note"], [[project.info["note"]], [project.info["note_zh"]]], {"Note": 110})
    atomic_workbook_save(wb, path)


def main() -> None:
    project = build_project()
    projectfile.save(project, os.path.join(HERE, "chengdu-chongqing.coindex"))
    write_workbook(project, os.path.join(HERE, "chengdu-chongqing.xlsx"))
    e = project.engine
    print("CII:", " ".join(f"{v:.2f}" for v in e.score("CII")[0]))


if __name__ == "__main__":
    main()
