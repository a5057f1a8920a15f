"""The values-only results workbook written row by row (issue 13): the same
cells as before on the bundled sample (a copy of the workbook the previous
writer made is in tests/data/values-workbook/), the same records
as the ``--json`` document, tables longer than a worksheet split over
sheets that read back equal, every digit of the numbers, progress, and
Cancel leaving nothing."""
from __future__ import annotations

import json
import os

import openpyxl
import pytest

from core.exporting import values
from core.exporting.tables import results_document, write_results
from core.exporting.values import ExportCancelled, write_values_workbook
from core.importing.inputs import load_input

STORED = os.path.join(os.path.dirname(__file__), "..", "data", "values-workbook", "sample_before.json")


def read_back(path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def joined(sheets: dict) -> dict:
    """Each table with its continuation sheets appended (headers checked)."""
    out = {}
    for title, rows in sheets.items():
        base = title.rsplit(" (", 1)[0] if title.endswith(")") else title
        if base in out:
            assert rows[0] == out[base][0], title
            out[base] += rows[1:]
        else:
            out[base] = rows
    return out


@pytest.fixture(scope="module")
def panel(ref_dir):
    return load_input(str(ref_dir / "asem_iData_p.csv"), str(ref_dir / "asem_iMeta.csv")).recompute()


def test_sample_workbook_has_the_cells_of_the_previous_writer(sample_coindex, tmp_path):
    engine = load_input(str(sample_coindex)).recompute()
    write_results(engine, tmp_path / "v.xlsx")
    got = read_back(tmp_path / "v.xlsx")
    with open(STORED, encoding="utf-8") as f:
        before = json.load(f)
    assert list(got) == list(before)
    for name in before:
        if name != "Warnings":                       # their texts follow the engine's wording
            # the previous writer kept 15 significant digits, this one every digit
            assert got[name] == [[pytest.approx(v, rel=1e-14) if isinstance(v, float) else v for v in row]
                                 for row in before[name]], name
    assert got["Warnings"][1:] == [[w.get(k) for k in ("kind", "code", "unit", "period", "message")]
                                   for w in engine.warnings]


def test_panel_workbook_holds_the_json_records(panel, tmp_path):
    write_values_workbook(panel, tmp_path / "v.xlsx")
    got = read_back(tmp_path / "v.xlsx")
    doc = results_document(panel)
    assert got["Data"][1:] == [[r["unit"], r["period"], r["code"], r["value"]] for r in doc["data"]]
    level = panel.framework.level
    assert got["Scores"][1:] == [[s["unit"], s["period"], s["code"], level[s["code"]], s["value"], r["rank"]]
                                 for s, r in zip(doc["scores"], doc["ranks"])]
    assert got["Growth"][1:] == [list(g.values()) for g in doc["growth"]]
    assert got["Contributions"][1:] == [list(c.values()) for c in doc["contributions"]]
    assert len(got["Changes"]) == len(got["Scores"])


def test_split_over_sheets_reads_back_equal(panel, tmp_path, monkeypatch):
    write_values_workbook(panel, tmp_path / "one.xlsx")
    whole = read_back(tmp_path / "one.xlsx")
    monkeypatch.setattr(values, "ROW_LIMIT", 1000)
    write_values_workbook(panel, tmp_path / "split.xlsx")
    split = read_back(tmp_path / "split.xlsx")
    rows = len(whole["Scores"]) - 1                  # 15,300 score rows: 999 per sheet
    parts = [t for t in split if t == "Scores" or t.startswith("Scores (")]
    assert len(parts) == -(-rows // 999) and parts[1] == "Scores (2)"
    assert all(len(split[t]) <= 1000 for t in split)
    assert joined(split) == whole
    assert list(joined(split)) == list(whole)


def test_progress_reaches_the_end_and_cancel_writes_nothing(panel, tmp_path):
    seen = []
    write_values_workbook(panel, tmp_path / "v.xlsx", lambda f, what: seen.append((f, what)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) > 50
    assert {"Data", "Scores", "Changes"} <= {w for _, w in seen}
    calls = []

    def stop_after_ten(fraction, what):
        calls.append(fraction)
        return len(calls) < 10

    with pytest.raises(ExportCancelled):
        write_values_workbook(panel, tmp_path / "stopped.xlsx", stop_after_ten)
    assert len(calls) == 10
    assert sorted(os.listdir(tmp_path)) == ["v.xlsx"]


def test_text_stays_text(tmp_path):
    """A unit code or name that looks like a formula is written as text."""
    from core.model.dataset import Dataset
    from core.model.framework import Framework
    from core.model.settings import Settings
    from core.project.project import Project
    import numpy as np
    fw = Framework.from_records([{"iCode": "I", "iName": "=1+1", "Parent": None, "Type": "Aggregate", "Weight": 1},
                                 {"iCode": "x", "iName": "@x", "Parent": "I", "Type": "Indicator", "Weight": 1,
                                  "Direction": 1}], where="t")
    ds = Dataset(["=A1", "-2"], ["=A1", "-2"], [2020, 2021], fw.indicator_codes, np.array([[[1.0], [2.0]],
                                                                                             [[3.0], [4.0]]]))
    engine = Project(fw, ds, Settings()).recompute()
    write_values_workbook(engine, tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "v.xlsx")
    cells = [c for row in wb["Scores"].iter_rows(min_row=2) for c in row[:1]]
    assert [c.value for c in cells[:2]] == ["=A1", "=A1"] and all(c.data_type == "s" for c in cells)
    assert wb["Framework"]["B2"].value in ("@x", "=1+1") and wb["Framework"]["B2"].data_type == "s"
