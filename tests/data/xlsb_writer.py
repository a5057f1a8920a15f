"""A small BIFF12 (.xlsb) writer for the tests: Excel is not available
here and LibreOffice cannot write .xlsb, so the test workbooks are made
from Python rows with this module, written from the public [MS-XLSB]
specification.

Only what a reader needs to find the cells is written: the package parts
([Content_Types].xml, the relationships), ``xl/workbook.bin`` (BrtBeginBook,
BrtWbProp, BrtBeginBundleShs, one BrtBundleSh per sheet with its
visibility, BrtEndBundleShs, BrtEndBook), ``xl/sharedStrings.bin``
(BrtBeginSst, BrtSSTItem, BrtEndSst) and one ``xl/worksheets/sheetN.bin``
per sheet (BrtBeginSheet, BrtWsDim, BrtBeginSheetData, BrtRowHdr and the
cell records of each row, BrtEndSheetData, BrtEndSheet).  No styles part:
every cell has style 0, the General format.

Cells: ``float`` / ``int`` -> BrtCellRk where the RK form holds the value
exactly (integers, hundredths, doubles whose low 34 bits are zero), else
BrtCellReal (``numbers="real"`` writes every number as BrtCellReal); ``str`` ->
BrtCellIsst, a shared string (``strings="inline"``: BrtCellSt);
``bool`` -> BrtCellBool; ``BLANK`` -> BrtCellBlank; ``None`` and ``""`` -> no
record.  A sheet is given as a list of rows or as a dict {(row, col): value}
(0-based), the latter for sparse and crafted sheets.
"""
from __future__ import annotations

import struct
import zipfile

# record types, [MS-XLSB] 2.3.2
ROW_HDR, CELL_BLANK, CELL_RK, CELL_BOOL, CELL_REAL, CELL_ST, CELL_ISST = 0, 1, 2, 4, 5, 6, 7
SST_ITEM = 19
BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 129, 130, 131, 132
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS = 143, 144
BEGIN_SHEET_DATA, END_SHEET_DATA = 145, 146
WS_DIM, WB_PROP, BUNDLE_SH = 148, 153, 156
BEGIN_SST, END_SST = 159, 160

BLANK = object()                     # a cell written as BrtCellBlank
VISIBILITY = {"visible": 0, "hidden": 1, "veryHidden": 2}

_U32 = struct.Struct("<I")
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def varint(n: int) -> bytes:
    """7 bits a byte, low first, the high bit set on every byte but the last."""
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def record(typ: int, payload: bytes = b"") -> bytes:
    """One record: its type (at most 2 bytes) and size (at most 4 bytes) as
    varints, then the payload."""
    if not 0 <= typ < 1 << 14 or len(payload) >= 1 << 28:
        raise ValueError("record type or size out of range")
    return varint(typ) + varint(len(payload)) + payload


def wide(s: str) -> bytes:
    """XLWideString: a 32-bit count of UTF-16 code units, then the units."""
    units = s.encode("utf-16-le")
    return _U32.pack(len(units) // 2) + units


def rk_number(v: float):
    """The 32-bit RkNumber that holds v exactly, or None ([MS-XLSB] 2.5.122)."""
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        return None
    if v == int(v) and -(1 << 29) <= v < (1 << 29):
        return ((int(v) << 2) | 2) & 0xFFFFFFFF
    h = round(v * 100)
    if -(1 << 29) <= h < (1 << 29) and h / 100 == v:
        return ((h << 2) | 3) & 0xFFFFFFFF
    for x100, x in ((0, v), (1, v * 100)):
        bits = struct.unpack("<Q", struct.pack("<d", x))[0]
        if bits & 0x3FFFFFFFF == 0:                # the low 34 bits: dropped by the RK form
            back = struct.unpack("<d", struct.pack("<Q", bits))[0]
            if (back / 100 if x100 else back) == v:
                return (bits >> 32) | x100
    return None


def _cell_head(col: int) -> bytes:
    return _U32.pack(col) + _U32.pack(0)          # column, then iStyleRef 0 / fPhShow 0


def row_header(row: int, first_col: int = 0, last_col: int = 0, hidden: bool = False) -> bytes:
    """BrtRowHdr: rw, ixfe, miyRw (height in twips), the flags (fDyZero: a
    hidden row), one column span."""
    flags = 0x1000 if hidden else 0                # fDyZero: bit 12 (after 2 flags, 6 reserved, iOutLevel, fCollapsed)
    return record(ROW_HDR, struct.pack("<IIHHBI", row, 0, 300, flags, 0, 1) + struct.pack("<II", first_col, last_col))


def cell_record(col: int, value, sst=None, numbers="auto") -> bytes:
    """The record of one cell (``sst``: the shared-string table being built,
    a dict str -> index; None writes strings inline)."""
    if value is BLANK:
        return record(CELL_BLANK, _cell_head(col))
    if isinstance(value, bool):
        return record(CELL_BOOL, _cell_head(col) + bytes([value]))
    if isinstance(value, (int, float)):
        rk = rk_number(value) if numbers == "auto" else None
        if rk is not None:
            return record(CELL_RK, _cell_head(col) + _U32.pack(rk))
        return record(CELL_REAL, _cell_head(col) + struct.pack("<d", float(value)))
    if isinstance(value, str):
        if sst is None:
            return record(CELL_ST, _cell_head(col) + wide(value))
        return record(CELL_ISST, _cell_head(col) + _U32.pack(sst.setdefault(value, len(sst))))
    raise TypeError(f"cannot write {value!r} to an .xlsb cell")


def _cells(sheet) -> dict:
    if isinstance(sheet, dict):
        return {k: v for k, v in sheet.items() if v is not None and v != ""}
    return {(r, c): v for r, row in enumerate(sheet) for c, v in enumerate(row) if v is not None and v != ""}


def sheet_bin(cells: dict, sst=None, *, numbers="auto", hidden_rows=(), dim=None) -> bytes:
    """A worksheet part: cells {(row, col): value}; ``dim`` overrides the
    BrtWsDim record's (first row, last row, first col, last col)."""
    by_row: dict = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, []).append((c, v))
    for r in hidden_rows:
        by_row.setdefault(r, [])
    if dim is None:
        if cells:
            rs, cs = [r for r, _ in cells], [c for _, c in cells]
            dim = (min(rs), max(rs), min(cs), max(cs))
        else:
            dim = (0, 0, 0, 0)
    out = [record(BEGIN_SHEET), record(WS_DIM, struct.pack("<IIII", *dim)), record(BEGIN_SHEET_DATA)]
    for r in sorted(by_row):
        row = sorted(by_row[r], key=lambda cv: cv[0])
        first, last = (row[0][0], row[-1][0]) if row else (0, 0)
        out.append(row_header(r, first, last, hidden=r in hidden_rows))
        out.extend(cell_record(c, v, sst, numbers) for c, v in row)
    out += [record(END_SHEET_DATA), record(END_SHEET)]
    return b"".join(out)


def sst_bin(sst: dict) -> bytes:
    items = sorted(sst.items(), key=lambda kv: kv[1])
    out = [record(BEGIN_SST, struct.pack("<II", len(items), len(items)))]
    out += [record(SST_ITEM, b"\x00" + wide(s)) for s, _ in items]   # RichStr: no runs, no phonetic part
    out.append(record(END_SST))
    return b"".join(out)


def workbook_bin(names, visibility) -> bytes:
    out = [record(BEGIN_BOOK), record(WB_PROP, struct.pack("<II", 0, 0) + wide("")), record(BEGIN_BUNDLE_SHS)]
    for k, name in enumerate(names, 1):
        state = VISIBILITY[visibility.get(name, "visible")]
        out.append(record(BUNDLE_SH, struct.pack("<II", state, k) + wide(f"rId{k}") + wide(name)))
    out += [record(END_BUNDLE_SHS), record(END_BOOK)]
    return b"".join(out)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode("utf-8")


def package_parts(names, with_sst: bool) -> dict:
    """[Content_Types].xml and the relationships of a workbook with these sheets."""
    n = len(names)
    over = "".join(f'<Override PartName="/xl/worksheets/sheet{k}.bin" ContentType="application/vnd.ms-excel.'
                   f'worksheet"/>' for k in range(1, n + 1))
    if with_sst:
        over += '<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>'
    types = (f'<Types xmlns="{_CT_NS}"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.'
             f'binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
             f'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{over}</Types>')
    root = (f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" '
            f'Target="xl/workbook.bin"/></Relationships>')
    rels = "".join(f'<Relationship Id="rId{k}" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet{k}.bin"/>'
                   for k in range(1, n + 1))
    if with_sst:
        rels += f'<Relationship Id="rId{n + 1}" Type="{_DOC_REL}/sharedStrings" Target="sharedStrings.bin"/>'
    return {"[Content_Types].xml": _xml(types), "_rels/.rels": _xml(root),
            "xl/_rels/workbook.bin.rels": _xml(f'<Relationships xmlns="{_PKG_REL}">{rels}</Relationships>')}


def write_xlsb(path, sheets, *, visibility=None, strings="sst", numbers="auto", hidden_rows=None, dims=None):
    """Write an .xlsb workbook.

    Parameters
    ----------
    sheets : {name: rows or {(row, col): value}} (in sheet order).
    visibility : {name: "visible" | "hidden" | "veryHidden"}.
    strings : "sst" (shared strings, BrtCellIsst) or "inline" (BrtCellSt).
    numbers : "auto" (BrtCellRk where exact, else BrtCellReal) or "real".
    hidden_rows : {name: 0-based rows written with fDyZero}.
    dims : {name: (first row, last row, first col, last col)} for BrtWsDim
        (default: the cells' true extent; a crafted file may lie).
    """
    names = list(sheets)
    sst = {} if strings == "sst" else None
    bins = [sheet_bin(_cells(sheets[n]), sst, numbers=numbers, hidden_rows=(hidden_rows or {}).get(n, ()),
                      dim=(dims or {}).get(n)) for n in names]
    files = package_parts(names, sst is not None)
    files["xl/workbook.bin"] = workbook_bin(names, visibility or {})
    for k, data in enumerate(bins, 1):
        files[f"xl/worksheets/sheet{k}.bin"] = data
    if sst is not None:
        files["xl/sharedStrings.bin"] = sst_bin(sst)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return path
