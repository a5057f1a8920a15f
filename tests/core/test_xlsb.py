""".xlsb import (issue 4): workbooks written by the test-only BIFF12 writer
(tests/data/xlsb_writer.py; Excel is not available and LibreOffice cannot
write .xlsb) and the same rows written as .xlsx by openpyxl import to the
same values, units, periods and indicators.  The expected values are stated
here from the rows; the writer's records are checked against python-calamine
and against a record decoder written here from [MS-XLSB]."""
from __future__ import annotations

import importlib.util
import math
import struct
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pytest
import python_calamine as pc

from core.importing.importer import import_workbook

DATA = Path(__file__).resolve().parents[1] / "data"
_spec = importlib.util.spec_from_file_location("xlsb_writer", DATA / "xlsb_writer.py")
xw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(xw)
nan = math.nan

UNITS_BY_INDICATORS = [
    ["川渝地区主要指标"],
    ["地区", "年份", "地区生产总值", "人均GDP", "城镇化率"],
    [None, None, "亿元", "元", "%"],
    ["成都", 2022, 20817.5, "94,622", 79.9],
    ["成都", "2023年", 22074.7, 103465, "80.5%"],
    ["重庆", 2022, "２９１２９", 90663, 70.96],
    ["重庆", 2023, 30145.8, 94135, "—"],
    [],
    ["注：城镇化率为常住人口城镇化率。"],
]
YEARBOOK = [
    ["成都市主要经济指标（2020—2023年）"],
    ["单位：亿元"],
    [],
    ["指标", "单位", "2020年", "2021年", "2022", 2023.0],
    ["地区生产总值", "亿元", "17,716.7", 19917, 20817.5, 22074.7],
    ["常住人口", "万人", 2094.7, None, "2119.2", "12..3"],
    ["R&D经费投入强度", "%", 3.1, 3.2, 3.25, 0.1234567],
    ["净出口", "亿元", -1234, -56.5, xw.BLANK, 1e-7],
    [],
    ["注：2022年数据为初步核算数。"],
]


def same(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all((a == b) | (np.isnan(a) & np.isnan(b))))


def as_xlsx(path, sheets, hidden=()):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append([None if v is xw.BLANK else v for v in r])
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def records(data: bytes):
    """(type, payload) of every BIFF12 record: the type and the size are
    7-bit groups, low first, a set high bit meaning another byte follows
    (type: at most 2 bytes, size: at most 4) [MS-XLSB 2.1.4]."""
    p, out = 0, []
    while p < len(data):
        vals = []
        for most in (2, 4):
            v = shift = 0
            for _ in range(most):
                byte = data[p]
                p += 1
                v |= (byte & 0x7F) << shift
                shift += 7
                if not byte & 0x80:
                    break
            vals.append(v)
        out.append((vals[0], data[p:p + vals[1]]))
        p += vals[1]
    return out


def rk_value(rk: int) -> float:
    """RkNumber [MS-XLSB 2.5.122]: fX100 (bit 0), fInt (bit 1), 30 bits of
    an integer or the high 30 bits of a double."""
    if rk & 2:
        v = float(struct.unpack("<i", struct.pack("<I", rk & 0xFFFFFFFC))[0] >> 2)
    else:
        v = struct.unpack("<d", struct.pack("<Q", (rk & 0xFFFFFFFC) << 32))[0]
    return v / 100 if rk & 1 else v


# ---- the writer ---------------------------------------------------------------------------------------------
VALUES = [0.0, 1.0, -5.0, 17716.7, 0.1, 3.25, 12.345, -0.75, 2.0 ** 29 - 1, -(2.0 ** 29), 2.0 ** 29,
          1e300, 2.5e-5, 123456789.12, 1 / 3, -1234.0, 94622.0, 70.96]


@pytest.mark.parametrize("v", VALUES)
def test_rk_numbers_hold_the_value_exactly(v):
    rk = xw.rk_number(v)
    if rk is not None:
        assert rk_value(rk) == v
        return

    def cut(x):                         # the double with its low 34 bits dropped
        return struct.unpack("<d", struct.pack("<Q", struct.unpack("<Q", struct.pack("<d", x))[0] >> 34 << 34))[0]
    forms = [v == int(v) and -2 ** 29 <= v < 2 ** 29,                       # none of the 4 RK forms holds it
             -2 ** 29 <= round(v * 100) < 2 ** 29 and round(v * 100) / 100 == v,
             cut(v) == v, cut(v * 100) / 100 == v]
    assert not any(forms)


def test_writer_cells_read_back_by_calamine(tmp_path):
    """Every record kind the writer makes (RK, real, shared and inline
    strings, booleans, blank cells), a sparse sheet and a hidden sheet read
    back by python-calamine as written."""
    rows = [["名称", "x", "ok"]] + [[f"u{k}", v, k % 2 == 0] for k, v in enumerate(VALUES)]
    sparse = {(0, 0): "A1", (40, 3): 2.5, (7, 200): "far"}
    out = {}
    for strings in ("sst", "inline"):
        for numbers in ("auto", "real"):
            p = xw.write_xlsb(tmp_path / f"w_{strings}_{numbers}.xlsb", {"数据": rows, "稀疏": sparse, "隐": [[1]]},
                              visibility={"隐": "hidden"}, strings=strings, numbers=numbers)
            wb = pc.CalamineWorkbook.from_path(p)
            assert wb.sheet_names == ["数据", "稀疏", "隐"]
            assert [m.visible == pc.SheetVisibleEnum.Visible for m in wb.sheets_metadata] == [True, True, False]
            got = wb.get_sheet_by_name("数据").to_python()
            assert [r[0] for r in got] == [r[0] for r in rows]
            assert [r[2] for r in got[1:]] == [k % 2 == 0 for k in range(len(VALUES))]
            assert [float(r[1]) for r in got[1:]] == VALUES           # bit for bit
            s = wb.get_sheet_by_name("稀疏")
            assert (s.height, s.width, s.start) == (41, 201, (0, 0))
            grid = s.to_python()
            assert grid[0][0] == "A1" and grid[40][3] == 2.5 and grid[7][200] == "far"
            with zipfile.ZipFile(p) as z:
                kinds = {t for t, _ in records(z.read("xl/worksheets/sheet1.bin"))}
            out[strings, numbers] = kinds
    assert {2, 5, 7} <= out["sst", "auto"] and 6 not in out["sst", "auto"]     # RK, real, shared string
    assert 6 in out["inline", "real"] and {2, 7}.isdisjoint(out["inline", "real"])


def test_writer_records_follow_the_spec(tmp_path):
    """The parts decoded by the decoder above: BrtBeginSheet, BrtWsDim with
    the true extent, BrtBeginSheetData, a BrtRowHdr before each row's cells
    (rw and the column span), BrtEndSheetData, BrtEndSheet; BrtBundleSh
    with state, tab id, relationship id and name; the shared strings."""
    p = xw.write_xlsb(tmp_path / "s.xlsb", {"一": [["a", None, 1.5], [], [None, "b"]], "二": [[2]]},
                      visibility={"二": "veryHidden"})
    with zipfile.ZipFile(p) as z:
        sheet = records(z.read("xl/worksheets/sheet1.bin"))
        book = records(z.read("xl/workbook.bin"))
        sst = records(z.read("xl/sharedStrings.bin"))
    assert [t for t, _ in sheet] == [129, 148, 145, 0, 7, 2, 0, 7, 146, 130]        # 1.5: an RK number
    assert struct.unpack("<IIII", sheet[1][1]) == (0, 2, 0, 2)                # rows 0-2, columns 0-2
    rows = [struct.unpack_from("<I", d)[0] for t, d in sheet if t == 0]
    assert rows == [0, 2]
    assert struct.unpack_from("<II", sheet[3][1], 17) == (0, 2) and struct.unpack_from("<I", sheet[3][1], 13)[0] == 1
    cols = [struct.unpack_from("<I", d)[0] for t, d in sheet if 1 <= t <= 11]
    assert cols == [0, 2, 1]
    bundles = [d for t, d in book if t == 156]
    assert [struct.unpack_from("<II", d) for d in bundles] == [(0, 1), (2, 2)]
    names = []
    for d in bundles:
        n = struct.unpack_from("<I", d, 8)[0]
        m = struct.unpack_from("<I", d, 12 + 2 * n)[0]
        names.append((d[12:12 + 2 * n].decode("utf-16-le"), d[16 + 2 * n:16 + 2 * n + 2 * m].decode("utf-16-le")))
    assert names == [("rId1", "一"), ("rId2", "二")]
    assert sst[0][0] == 159 and struct.unpack("<II", sst[0][1]) == (2, 2) and sst[-1][0] == 160
    assert [d[5:].decode("utf-16-le") for t, d in sst if t == 19] == ["a", "b"]


# ---- import: .xlsb and .xlsx of the same rows -----------------------------------------------------------
def both(tmp_path, sheets, **kw):
    xlsb = xw.write_xlsb(tmp_path / "t.xlsb", sheets, **kw)
    xlsx = as_xlsx(tmp_path / "t.xlsx", sheets, hidden=[n for n, v in (kw.get("visibility") or {}).items()
                                                         if v != "visible"])
    return import_workbook(xlsb), import_workbook(xlsx)


def assert_same_import(a, b):
    assert (a.format, b.format) == ("xlsb", "xlsx")
    assert a.layout == b.layout and a.sheets == b.sheets and a.header_rows == b.header_rows
    assert a.periods == b.periods and a.unit_codes == b.unit_codes and a.unit_names == b.unit_names
    assert [(i.code, i.name, i.name_zh, i.unit) for i in a.indicators] == \
        [(i.code, i.name, i.name_zh, i.unit) for i in b.indicators]
    assert same(a.values, b.values) and np.array_equal(a.present, b.present)
    assert [(c.sheet, c.address, c.text) for c in a.unreadable] == [(c.sheet, c.address, c.text) for c in b.unreadable]
    assert [w.replace(".xlsb", ".x") for w in a.warnings] == [w.replace(".xlsx", ".x") for w in b.warnings]


@pytest.mark.parametrize("strings, numbers", [("sst", "auto"), ("inline", "real")])
def test_units_by_indicators_xlsb_equals_xlsx(tmp_path, strings, numbers):
    a, b = both(tmp_path, {"面板": UNITS_BY_INDICATORS}, strings=strings, numbers=numbers)
    assert_same_import(a, b)
    assert a.layout == "units-by-indicators" and a.periods == [2022, 2023] and a.unit_codes == ["成都", "重庆"]
    assert [(i.name, i.unit) for i in a.indicators] == [("地区生产总值", "亿元"), ("人均GDP", "元"), ("城镇化率", "%")]
    assert same(a.values[0], [[20817.5, 94622.0, 79.9], [22074.7, 103465.0, 80.5]])       # "94,622", "80.5%"
    assert same(a.values[1], [[29129.0, 90663.0, 70.96], [30145.8, 94135.0, nan]])        # "２９１２９", "—"
    assert a.unreadable == []


@pytest.mark.parametrize("strings, numbers", [("sst", "auto"), ("inline", "real")])
def test_yearbook_xlsb_equals_xlsx(tmp_path, strings, numbers):
    a, b = both(tmp_path, {"成都": YEARBOOK, "隐藏": [[None, 2021], ["GDP", 1]]}, visibility={"隐藏": "hidden"},
                strings=strings, numbers=numbers)
    assert_same_import(a, b)
    assert a.layout == "yearbook" and a.sheets == ["成都"] and a.unit_codes == ["成都"]
    assert a.periods == [2020, 2021, 2022, 2023]
    assert [(i.name, i.unit) for i in a.indicators] == [("地区生产总值", "亿元"), ("常住人口", "万人"),
                                                        ("R&D经费投入强度", "%"), ("净出口", "亿元")]
    assert same(a.values[0].T, [[17716.7, 19917.0, 20817.5, 22074.7],       # "17,716.7"
                                [2094.7, nan, 2119.2, nan],                  # a blank cell, a text number, "12..3"
                                [3.1, 3.2, 3.25, 0.1234567],
                                [-1234.0, -56.5, nan, 1e-7]])                # a BrtCellBlank record
    assert [(c.sheet, c.address, c.text) for c in a.unreadable] == [("成都", "F6", "12..3")]
    assert any("隐藏" in w and "hidden" in w for w in a.warnings)


def test_hidden_xlsb_sheet_read_when_named(tmp_path):
    a, b = both(tmp_path, {"成都": YEARBOOK, "隐藏": [[None, 2021, 2022], ["GDP（亿元）", 1, 2]]},
                visibility={"隐藏": "hidden"})
    a, b = import_workbook(tmp_path / "t.xlsb", sheet="隐藏"), import_workbook(tmp_path / "t.xlsx", sheet="隐藏")
    assert_same_import(a, b)
    assert a.unit_codes == ["隐藏"] and a.periods == [2021, 2022] and same(a.values.ravel(), [1.0, 2.0])
