"""Limits every reader shares (core/sheets/filechecks.py): a workbook's sheets read
together are bounded as a whole, and a reader that panics on a damaged
file gives a message, not a traceback."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

import core.sheets.filechecks as checks
from core.errors import InputError
from core.sheets.readers import read_workbook_cells

DATA = Path(__file__).resolve().parents[1] / "data"


def _sheets(path, n, rows=6, cols=10):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k in range(n):
        ws = wb.create_sheet(f"S{k + 1}")
        ws.append(["uCode"] + [f"X{j}" for j in range(cols - 1)])
        for r in range(rows - 1):
            ws.append([f"U{r}"] + [float(r + j) for j in range(cols - 1)])
    wb.save(path)
    return path


def test_sheets_read_together_are_bounded_as_a_whole(tmp_path, monkeypatch):
    path = _sheets(tmp_path / "three.xlsx", 3)                  # 60 cells a sheet
    monkeypatch.setattr(checks, "MAX_WORKBOOK_CELLS", 150)
    with pytest.raises(InputError, match=r"three\.xlsx: refused: its 3 sheets span 180 cells in all"):
        read_workbook_cells(path)
    got = read_workbook_cells(path, ["S1", "S3"])                # two of them fit
    assert [s.name for s in got.sheets] == ["S1", "S3"]


def test_ods_sheets_are_bounded_as_a_whole(monkeypatch):
    """calamine reads every sheet of an .ods when it opens it: all count."""
    path = DATA / "lo_yearbook_sheets.ods"
    whole = read_workbook_cells(path)
    assert len(whole.sheets) >= 2
    monkeypatch.setattr(checks, "MAX_WORKBOOK_CELLS", 10)
    with pytest.raises(InputError, match=r"refused: its \d+ sheets span [\d,]+ cells in all"):
        read_workbook_cells(path, whole.sheets[0].name)


def test_a_reader_panic_is_a_message(tmp_path):
    """An .xlsb whose sheet has no relationship makes calamine panic (a Rust
    panic reaches Python as a BaseException): the import says the file is
    damaged."""
    sys.path.insert(0, str(DATA))
    try:
        import xlsb_writer
    finally:
        sys.path.remove(str(DATA))
    ok = tmp_path / "ok.xlsb"
    xlsb_writer.write_xlsb(ok, {"S": [["uCode", "GDP"], ["A", 1.0]]})
    bad = tmp_path / "norel.xlsb"
    with zipfile.ZipFile(ok) as z, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/_rels/workbook.bin.rels":
                data = data.replace(b'Id="rId1"', b'Id="rId9"')
            out.writestr(info, data)
    assert read_workbook_cells(ok).sheets[0].rows[1] == ["A", 1.0]
    with pytest.raises(InputError, match=r"norel\.xlsb: the workbook is damaged or not a spreadsheet file "
                                         r"\(details: no entry found for key\)$") as e:
        read_workbook_cells(bad)
    assert "Panic" not in str(e.value)       # the library's class name means nothing to the user


def test_hidden_sheets_not_read_are_recorded_and_noted(tmp_path):
    path = _sheets(tmp_path / "h.xlsx", 2)
    wb = openpyxl.load_workbook(path)
    wb["S2"].sheet_state = "hidden"
    wb.save(path)
    cells_read = read_workbook_cells(path)
    assert [s.name for s in cells_read.sheets] == ["S1"] and cells_read.hidden_unread == ["S2"]
    from core.importing.importer import import_cells
    assert any("hidden sheet(s) S2 not read" in w for w in import_cells(cells_read).warnings)
    named = read_workbook_cells(path, "S2")
    assert [s.name for s in named.sheets] == ["S2"] and named.hidden_unread == []
