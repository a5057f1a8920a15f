"""The values-only results workbook (issue 13): a wide layout, one row per
unit and period and one column per node, written row by row.  Its numbers
are those of the previous (long-layout) writer on the bundled sample (a copy
of that workbook is in tests/data/values-workbook/) and exactly the records
of the ``--json`` document on the ASEM panel; sheets longer than a worksheet
go on in "<Sheet> (2)" and read back equal; every digit of a number
survives; progress reaches the end and Cancel leaves nothing."""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from core.exporting import values, wide
from core.exporting.tables import results_document, write_results
from core.exporting.values import ExportCancelled, write_values_workbook
from core.importing.inputs import load_input
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.project.project import Project

STORED = os.path.join(os.path.dirname(__file__), "..", "data", "values-workbook", "sample_before.json")
PANEL_SHEETS = ["Framework", "Data", "Scores", "Ranks", "Change since base", "Change year on year", "Growth",
                "CAGR", "Contributions", "Contribution shares", "Warnings"]


def read_back(path) -> dict:
    wb = openpyxl.load_workbook(path, read_only=True)
    out = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    wb.close()
    return out


def joined(sheets: dict) -> dict:
    """Each sheet with its continuation sheets appended (headers checked)."""
    out = {}
    for title, rows in sheets.items():
        base = title.rsplit(" (", 1)[0] if title.endswith(")") else title
        if base in out:
            assert rows[0] == out[base][0], title
            out[base] += rows[1:]
        else:
            out[base] = rows
    return out


def cells(rows: list, keys: int) -> dict:
    """{(row keys..., column header): value} of a wide sheet, blanks left out."""
    head = rows[0]
    return {(*r[:keys], head[j]): v for r in rows[1:] for j, v in enumerate(r) if j >= keys and v is not None}


@pytest.fixture(scope="module")
def panel(ref_dir):
    return load_input(str(ref_dir / "asem_iData_p.csv"), str(ref_dir / "asem_iMeta.csv")).recompute()


@pytest.fixture(scope="module")
def panel_book(panel, tmp_path_factory):
    path = tmp_path_factory.mktemp("values") / "panel.xlsx"
    write_values_workbook(panel, path)
    return read_back(path)


def test_sheets_and_columns(panel, panel_book):
    assert list(panel_book) == PANEL_SHEETS
    aggs = ["Index", "Conn", "Sust", "Physical", "ConEcFin", "Political", "Instit", "P2P", "Environ", "Social",
            "SusEcFin"]                              # from the top level down
    indicators = [n.code for n in panel.framework.nodes if n.is_indicator]
    assert len(indicators) == 49 and indicators[0] == "LPI"
    key = ["unit", "name", "period"]
    assert panel_book["Data"][0] == key + list(panel.dataset.codes)
    assert panel_book["Scores"][0] == key + aggs + indicators
    for name in ("Ranks", "Change since base", "Change year on year"):
        assert panel_book[name][0] == key + aggs, name
    for name in ("Growth", "CAGR"):
        assert panel_book[name][0] == ["unit", "name", "from", "to"] + aggs, name
    for name in ("Contributions", "Contribution shares"):
        assert panel_book[name][0] == ["unit", "name", "from", "to"] + aggs[1:], name
    ds = panel.dataset
    U, T = len(ds.unit_codes), len(ds.periods)
    assert (U, T) == (51, 5)
    first = [ds.unit_codes[0], ds.unit_names[0], ds.periods[0]]
    assert [r[:3] for r in panel_book["Scores"][1:3]] == [first, first[:2] + [ds.periods[1]]]
    assert all(len(panel_book[n]) == U * T + 1 for n in PANEL_SHEETS[1:6])
    assert all(len(panel_book[n]) == U + 1 for n in PANEL_SHEETS[6:10])
    assert panel_book["Growth"][1][:4] == first[:2] + [ds.periods[0], ds.periods[-1]]


def test_panel_workbook_holds_the_json_records(panel, panel_book):
    """Every number equals the ``--json`` document's (not approximately),
    and a missing value is an empty cell."""
    doc = results_document(panel)
    names = dict(zip(panel.dataset.unit_codes, panel.dataset.unit_names))
    aggs = set(panel.framework.aggregate_codes)

    def expect(records, key, where=lambda r: True):
        return {(r["unit"], names[r["unit"]], r["period"], r["code"]): r[key] for r in records
                if r[key] is not None and where(r)}

    assert cells(panel_book["Data"], 3) == expect(doc["data"], "value")
    assert cells(panel_book["Scores"], 3) == expect(doc["scores"], "value")
    assert cells(panel_book["Ranks"], 3) == expect(doc["ranks"], "rank", lambda r: r["code"] in aggs)
    assert all(type(v) is int for v in cells(panel_book["Ranks"], 3).values())
    growth = {(g["unit"], names[g["unit"]], g["from"], g["to"], g["code"]): g for g in doc["growth"]
              if g["code"] in aggs}
    assert cells(panel_book["Growth"], 4) == {k: g["change_pct"] for k, g in growth.items()
                                              if g["change_pct"] is not None}
    assert cells(panel_book["CAGR"], 4) == {k: g["cagr_pct"] for k, g in growth.items()
                                            if g["cagr_pct"] is not None}
    contrib = {(c["unit"], names[c["unit"]], c["from"], c["to"], c["child"]): c for c in doc["contributions"]
               if c["child"] in aggs}
    assert cells(panel_book["Contributions"], 4) == {k: c["points"] for k, c in contrib.items()
                                                     if c["points"] is not None}
    assert cells(panel_book["Contribution shares"], 4) == {k: c["share_pct"] for k, c in contrib.items()
                                                           if c["share_pct"] is not None}
    missing = sum(r["value"] is None for r in doc["data"])
    assert missing > 100 and sum(v is None for row in panel_book["Data"][1:] for v in row) == missing


def test_changes_are_the_engines(panel, panel_book):
    rows = panel_book["Change since base"]
    U, T = len(panel.dataset.unit_codes), len(panel.dataset.periods)
    for j, code in enumerate(rows[0][3:], start=3):
        since = [np.nan if r[j] is None else r[j] for r in rows[1:]]
        yoy = [np.nan if r[j] is None else r[j] for r in panel_book["Change year on year"][1:]]
        assert np.array_equal(np.reshape(since, (U, T)), panel.change_since_base(code), equal_nan=True), code
        assert np.array_equal(np.reshape(yoy, (U, T)), panel.yoy(code), equal_nan=True), code
    assert all(r[3:] == [None] * (len(r) - 3) for r in panel_book["Change year on year"][1::T])


def test_sample_holds_the_numbers_of_the_previous_writer(sample_coindex, tmp_path):
    """The previous writer's long rows (unit, period, code, ...) give the
    same numbers as the wide sheets (it kept 15 significant digits)."""
    engine = load_input(str(sample_coindex)).recompute()
    write_results(engine, tmp_path / "v.xlsx")
    got = read_back(tmp_path / "v.xlsx")
    with open(STORED, encoding="utf-8") as f:
        before = json.load(f)
    name = dict(zip(engine.dataset.unit_codes, engine.dataset.unit_names))
    aggs = set(engine.framework.aggregate_codes)

    def approx(d):
        return {k: pytest.approx(v, rel=1e-14, abs=1e-12) for k, v in d.items() if v is not None}

    assert got["Framework"] == before["Framework"]
    old = {name: [dict(zip(rows[0], r)) for r in rows[1:]] for name, rows in before.items()}
    assert cells(got["Data"], 3) == approx({(r["unit"], name[r["unit"]], r["period"], r["code"]): r["value"]
                                            for r in old["Data"]})
    assert cells(got["Scores"], 3) == approx({(r["unit"], name[r["unit"]], r["period"], r["code"]): r["score"]
                                              for r in old["Scores"]})
    assert cells(got["Ranks"], 3) == {(r["unit"], name[r["unit"]], r["period"], r["code"]): r["rank"]
                                      for r in old["Scores"] if r["code"] in aggs}
    for sheet, key in (("Change since base", "change_since_base_pct"), ("Change year on year", "yoy_pct")):
        assert cells(got[sheet], 3) == approx({(r["unit"], name[r["unit"]], r["period"], r["code"]): r[key]
                                               for r in old["Changes"] if r["code"] in aggs}), sheet
    for sheet, key in (("Growth", "change_pct"), ("CAGR", "cagr_pct")):
        assert cells(got[sheet], 4) == approx({(r["unit"], name[r["unit"]], r["from"], r["to"], r["code"]): r[key]
                                               for r in old["Growth"] if r["code"] in aggs}), sheet
    for sheet, key in (("Contributions", "points"), ("Contribution shares", "share_pct")):
        assert cells(got[sheet], 4) == approx({(r["unit"], name[r["unit"]], r["from"], r["to"], r["child"]): r[key]
                                               for r in old["Contributions"] if r["child"] in aggs}), sheet
    assert round(cells(got["Scores"], 3)[("CCEC", name["CCEC"], 2024, "CII")], 2) == 202.29
    assert got["Warnings"][1:] == [[w.get(k) for k in ("kind", "code", "unit", "period", "message")]
                                   for w in engine.warnings]


def test_split_over_sheets_reads_back_equal(panel, panel_book, tmp_path, monkeypatch):
    monkeypatch.setattr(values, "ROW_LIMIT", 100)
    monkeypatch.setattr(wide, "BLOCK_CELLS", 700)        # blocks that straddle the sheets' ends
    write_values_workbook(panel, tmp_path / "split.xlsx")
    split = read_back(tmp_path / "split.xlsx")
    rows = len(panel_book["Scores"]) - 1                # 255 rows: 99 per sheet
    assert [t for t in split if t.startswith("Scores")] == ["Scores", "Scores (2)", "Scores (3)"]
    assert -(-rows // 99) == 3 and len(split["Scores (3)"]) == rows - 2 * 99 + 1
    assert all(len(split[t]) <= 100 for t in split)
    assert joined(split) == panel_book
    assert list(joined(split)) == PANEL_SHEETS


def test_progress_reaches_the_end_and_cancel_writes_nothing(panel, tmp_path, monkeypatch):
    monkeypatch.setattr(wide, "BLOCK_CELLS", 500)
    seen = []
    write_values_workbook(panel, tmp_path / "v.xlsx", lambda f, what: seen.append((f, what)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) > 50
    assert [w for w in dict.fromkeys(w for _, w in seen)] == PANEL_SHEETS
    calls = []

    def stop_after_ten(fraction, what):
        calls.append(fraction)
        return len(calls) < 10

    with pytest.raises(ExportCancelled):
        write_values_workbook(panel, tmp_path / "stopped.xlsx", stop_after_ten)
    assert len(calls) == 10
    assert sorted(os.listdir(tmp_path)) == ["v.xlsx"]


def two_unit_project(values3, names=("=A1", "-2"), periods=(2020, 2021)) -> Project:
    fw = Framework.from_records([{"iCode": "I", "iName": "=1+1", "Parent": None, "Type": "Aggregate", "Weight": 1},
                                 {"iCode": "x", "iName": "@x", "Parent": "I", "Type": "Indicator", "Weight": 1,
                                  "Direction": 1}], where="t")
    ds = Dataset(list(names), list(names), list(periods), fw.indicator_codes, np.asarray(values3, dtype=float))
    return Project(fw, ds, Settings())


def test_text_stays_text(tmp_path):
    """A unit code or name that looks like a formula or a number is written as text."""
    engine = two_unit_project([[[1.0], [2.0]], [[3.0], [4.0]]]).recompute()
    write_values_workbook(engine, tmp_path / "v.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "v.xlsx")
    ws = wb["Scores"]
    keys = [c for row in ws.iter_rows(min_row=2, max_col=2) for c in row]
    assert [c.value for c in keys] == ["=A1", "=A1", "=A1", "=A1", "-2", "-2", "-2", "-2"]
    assert all(c.data_type == "s" for c in keys)
    assert [c.value for c in ws[1]] == ["unit", "name", "period", "I", "x"]
    assert ws.freeze_panes == "D2" and ws.auto_filter.ref == "A1:E5"
    assert wb["Framework"]["B2"].value == "=1+1" and wb["Framework"]["B2"].data_type == "s"


def test_every_digit_survives(tmp_path):
    """Raw values whose shortest text needs 17 significant digits (which
    XlsxWriter's own 16 would change) read back as the same floats."""
    rng = np.random.default_rng(7)
    raw = np.concatenate([[0.1 + 0.2, 1 / 3, 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308,
                           123456789.12345679, 0.30000000000000004, 1e-7], rng.random(56) * 10.0 ** rng.integers(-9, 9, 56)])
    engine = two_unit_project(raw.reshape(2, 32, 1), periods=range(2000, 2032)).recompute()
    write_values_workbook(engine, tmp_path / "v.xlsx")
    rows = read_back(tmp_path / "v.xlsx")["Data"][1:]
    assert [r[3] for r in rows] == raw.tolist()
    assert sum(f"{v:.16g}" != repr(v) and float(f"{v:.16g}") != v for v in raw.tolist()) >= 5


def test_a_project_without_periods_has_no_period_column(tmp_path):
    engine = two_unit_project([[[1.0]], [[3.0]]], names=("A", "B"), periods=(None,)).recompute()
    write_values_workbook(engine, tmp_path / "v.xlsx")
    got = read_back(tmp_path / "v.xlsx")
    assert list(got) == ["Framework", "Data", "Scores", "Ranks", "Warnings"]
    assert got["Data"] == [["unit", "name", "x"], ["A", "A", 1.0], ["B", "B", 3.0]]
    assert got["Ranks"] == [["unit", "name", "I"], ["A", "A", 2], ["B", "B", 1]]


def test_above_the_limit_the_data_sheet_is_left_out_with_a_note(monkeypatch, tmp_path, capsys):
    """A project with more raw values than DATA_SHEET_LIMIT gets no Data
    sheet; the Warnings sheet and the command's note say why and where the
    values are; the scores are all there."""
    import openpyxl
    from core import cli
    from core.exporting import wide
    from core.project import projectfile
    path = Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"
    project = projectfile.load(path)
    monkeypatch.setattr(wide, "DATA_SHEET_LIMIT", project.dataset.values.size - 1)
    out = tmp_path / "asem.xlsx"
    assert cli.main(["compute", str(path), "--out", str(out), "--values-only"]) == 0
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "Data" not in wb.sheetnames and "Scores" in wb.sheetnames
    notes = [r for r in wb["Warnings"].iter_rows(values_only=True) if r[0] == "note"]
    assert len(notes) == 1 and "Data sheet is left out: 7,350 raw values" in notes[0][4]
    assert "Data sheet is left out" in capsys.readouterr().err
    scores = list(wb["Scores"].iter_rows(values_only=True))
    assert len(scores) == 1 + 30 * 5
    monkeypatch.setattr(wide, "DATA_SHEET_LIMIT", project.dataset.values.size)
    assert "Data" in [s.name for s in wide.workbook_sheets(project.engine)]
