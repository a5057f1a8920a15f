"""The .xlsb and .xls extent scan (core/sheets/binary_extent.py): crafted sheets
that make calamine abort the process are refused before it reads them,
normal files still import, and the scan's record walk is exactly the plain
one-record-at-a-time walk (written here) on every kind of data.

Test files: .xlsb from tests/data/xlsb_writer.py; .xls from LibreOffice
(tests/data/lo_*.xls) with records patched, and from a small BIFF8 and
compound-file writer below ([MS-XLS], [MS-CFB]), read back by calamine."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import numpy as np
import pytest
import python_calamine as pc
from hypothesis import given, settings, strategies as st

from core.sheets import binary_extent as be
import olefile

from core.sheets.compound import MAX_DIRECTORY_ENTRIES, workbook_stream
from core.sheets.filechecks import MAX_CELLS, MAX_WORKBOOK_CELLS
from core.errors import InputError
from core.importing.importer import import_workbook

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
_spec = importlib.util.spec_from_file_location("xlsb_writer", DATA / "xlsb_writer.py")
xw = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(xw)
REFUSED = r"refused: the sheet spans A1:[A-Z]+\d+ \([\d,]+ rows x [\d,]+ columns\); CoIndex imports sheets of at most"


# ---- a plain walk, and small writers of BIFF8 and of compound files -----------------------------------
def plain_walk(b: bytes, start: int, limit: int, xlsb: bool):
    """Every record position from start below limit, one record at a time."""
    out, p = [], start
    while p < limit:
        out.append(p)
        if xlsb:
            q = p + (2 if b[p] & 0x80 else 1)
            size = k = 0
            while True:
                size |= (b[q + k] & 0x7F) << 7 * k
                k += 1
                if not b[q + k - 1] & 0x80 or k == 4:
                    break
            p = q + k + size
        else:
            p += 4 + struct.unpack_from("<H", b, p + 2)[0]
    return out, p


def biff(typ: int, payload: bytes = b"") -> bytes:
    return struct.pack("<HH", typ, len(payload)) + payload


def xls_cell(r: int, c: int, v) -> bytes:
    if isinstance(v, str):                          # LABEL: XLUnicodeString, UTF-16
        return biff(0x0204, struct.pack("<HHHHB", r, c, 0, len(v), 1) + v.encode("utf-16-le"))
    return biff(0x0203, struct.pack("<HHHd", r, c, 0, float(v)))   # NUMBER


def biff8_stream(sheets: dict, dims: dict | None = None) -> bytes:
    """A Workbook stream: globals (BOF, one BOUNDSHEET a sheet, EOF), then
    each sheet (BOF, DIMENSIONS, its cells {(row, col): value}, EOF); padded
    with zero bytes to 4096 as Excel pads it."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    names = list(sheets)
    bound = [lambda pos, n=n: biff(0x0085, struct.pack("<IBBBB", pos, 0, 0, len(n), 1) + n.encode("utf-16-le"))
             for n in names]
    head_len = len(biff(0x0809, bof)) + sum(len(f(0)) for f in bound) + 4
    bodies = []
    for n in names:
        cells = sheets[n]
        rows = [r for r, _ in cells] or [0]
        cols = [c for _, c in cells] or [0]
        d = (dims or {}).get(n, (min(rows), max(rows) + 1, min(cols), max(cols) + 1))
        bodies.append(biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
                      + biff(0x0200, struct.pack("<IIHHH", *d, 0))
                      + b"".join(xls_cell(r, c, v) for (r, c), v in sorted(cells.items())) + biff(0x000A))
    pos, starts = head_len, []
    for body in bodies:
        starts.append(pos)
        pos += len(body)
    out = biff(0x0809, bof) + b"".join(f(s) for f, s in zip(bound, starts)) + biff(0x000A) + b"".join(bodies)
    return out.ljust(4096, b"\0")


def compound_file(stream: bytes, name="Workbook") -> bytes:
    """An OLE2 compound file (version 3, 512-byte sectors) holding one stream
    of at least 4096 bytes: its sectors, one directory sector (root entry
    and the stream), the FAT sectors listed in the header's DIFAT."""
    ss, n_s = 512, -(-len(stream) // 512)
    n_fat = 1
    while n_fat * 128 < n_s + 1 + n_fat:
        n_fat += 1
    assert n_fat <= 109 and len(stream) >= 4096
    fat = list(range(1, n_s)) + [0xFFFFFFFE, 0xFFFFFFFE] + [0xFFFFFFFD] * n_fat
    fat += [0xFFFFFFFF] * (n_fat * 128 - len(fat))

    def entry(nm, typ, child, start, size):
        u = nm.encode("utf-16-le") + b"\0\0"
        return (u.ljust(64, b"\0") + struct.pack("<HBBIII", len(u), typ, 1, 0xFFFFFFFF, 0xFFFFFFFF, child)
                + bytes(16) + struct.pack("<IQQIQ", 0, 0, 0, start, size))
    empty = bytes(64) + struct.pack("<HBBIII", 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) + bytes(48)
    directory = entry("Root Entry", 5, 1, 0xFFFFFFFE, 0) + entry(name, 2, 0xFFFFFFFF, 0, len(stream)) + empty * 2
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, n_fat, n_s, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
              + struct.pack("<109I", *(list(range(n_s + 1, n_s + 1 + n_fat)) + [0xFFFFFFFF] * (109 - n_fat))))
    return header + stream.ljust(n_s * ss, b"\0") + directory + struct.pack(f"<{len(fat)}I", *fat)


def shared_sheets_xls(path, n: int, far=(65535, 15)) -> Path:
    """n BOUNDSHEET records all pointing at one substream with cells at A1
    and at ``far``: each sheet small enough, all of them together not."""
    bof = struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6)
    body = (biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
            + xls_cell(0, 0, 1.0) + xls_cell(*far, 2.0) + biff(0x000A))

    def head(pos):
        return biff(0x0809, bof) + b"".join(biff(0x0085, struct.pack("<IBBBB", pos, 0, 0, len(f"S{k}"), 1)
                                                 + f"S{k}".encode("utf-16-le")) for k in range(n)) + biff(0x000A)
    Path(path).write_bytes(compound_file((head(len(head(0))) + body).ljust(4096, b"\0")))
    return Path(path)


def write_xls(path, sheets, dims=None) -> Path:
    Path(path).write_bytes(compound_file(biff8_stream(sheets, dims)))
    return Path(path)


def patched_xls(path, src, edit) -> Path:
    """A copy of a LibreOffice .xls with its Workbook stream's records
    edited in place: ``edit(stream, records)`` with records (position,
    type, size) from the plain walk.  LibreOffice keeps the small stream in
    one run of bytes of the file, where it is patched."""
    data = bytearray(Path(src).read_bytes())
    stream = bytearray(workbook_stream(src, "x"))
    at = bytes(data).find(bytes(stream))
    assert at > 0, "the stream is not in one piece"
    pos, _ = plain_walk(bytes(stream) + bytes(8), 0, len(stream), xlsb=False)
    edit(stream, [(p, *struct.unpack_from("<HH", stream, p)) for p in pos])
    data[at:at + len(stream)] = stream
    Path(path).write_bytes(bytes(data))
    return Path(path)


def first(recs, typ, k=0):
    return [p for p, t, _ in recs if t == typ][k]


def cell_far(typ, row=65535, col=65535):
    return lambda s, recs: struct.pack_into("<HH", s, first(recs, typ) + 4, row, col)


XLS_BOMBS = {                                       # each makes calamine 0.37 abort (measured)
    "number_far": cell_far(0x0203),
    "rk_far": cell_far(0x027E),
    "labelsst_far": cell_far(0x00FD),
    "blank_far": cell_far(0x0201),                  # calamine skips blanks; counted all the same
    "dims_huge": lambda s, recs: struct.pack_into("<IIHH", s, first(recs, 0x0200) + 4, 0, 0xFFFFFFFF, 0, 0xFFFF),
    "dims_inverted": lambda s, recs: struct.pack_into("<IIHH", s, first(recs, 0x0200) + 4, 10, 5, 0, 3),
    "sheet_past_end": lambda s, recs: struct.pack_into("<I", s, first(recs, 0x0085) + 4, 10 ** 6),
    "xor_obfuscated": lambda s, recs: struct.pack_into("<HHH", s, first(recs, 0x0042), 0x002F, 2, 0),
}
XLSB_BOMBS = {
    "far_corner": {(0, 0): "a", (1048575, 16383): 1.0},
    "far_col_u32": {(0, 0): "a", (0, 2 ** 31): 1.0},
    "just_over": {(0, 0): "a", (488, 16383): 1.0},  # 489 x 16,384 = 8,011,776 cells
}


# ---- crafted files refused in a fresh process with 3 GB of address space ---------------------------------
def run_limited(script: str, *paths, gb=3, timeout=120):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    code = (f"import resource\nresource.setrlimit(resource.RLIMIT_AS, ({gb} << 30, {gb} << 30))\n"
            + textwrap.dedent(script))
    return subprocess.run([sys.executable, "-c", code, *map(str, paths)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    d = tmp_path_factory.mktemp("crafted")
    bombs = {k: patched_xls(d / f"{k}.xls", DATA / "lo_units_by_indicators.xls", f) for k, f in XLS_BOMBS.items()}
    bombs.update({k: xw.write_xlsb(d / f"{k}.xlsb", {"S": cells}) for k, cells in XLSB_BOMBS.items()})
    bombs["two_sheets_one_far"] = write_xls(d / "two.xls", {"A": {(0, 0): 1.0}, "B": {(0, 0): 1.0, (65535, 255): 2.0}})
    bombs["many_sheets"] = shared_sheets_xls(d / "many.xls", 2000)        # 2,000 x 1,048,576 cells
    fine = {"lo_units": DATA / "lo_units_by_indicators.xls", "lo_long": DATA / "lo_long_zh.xls",
            "wide_but_small": patched_xls(d / "wide.xls", DATA / "lo_units_by_indicators.xls",
                                          cell_far(0x0203, row=3, col=65535)),      # 10 x 65,536 cells
            "just_under": xw.write_xlsb(d / "under.xlsb", {"S": {(0, 0): "a", (487, 16383): 1.0}}),
            "lying_dim": xw.write_xlsb(d / "lying.xlsb", {"S": [["a", 1.0]]}, dims={"S": (0, 1048575, 0, 16383)}),
            "far_row_ok": xw.write_xlsb(d / "rows.xlsb", {"S": {(0, 0): "a", (1048575, 0): 1.0}}),
            "two_sheets": write_xls(d / "two_ok.xls", {"A": {(60000, 0): 1.0}, "B": {(0, 200): 2.0}})}
    return bombs, fine


def test_crafted_files_abort_calamine_itself(crafted):
    """The control: calamine given the crafted files directly dies (the
    refusals below guard against a real abort, not a hypothetical one)."""
    bombs, _ = crafted
    for key in ("far_corner", "number_far", "dims_huge", "many_sheets"):
        p = run_limited("""
            import sys, python_calamine as pc
            wb = pc.CalamineWorkbook.from_path(sys.argv[1])
            wb.get_sheet_by_index(0).to_python()
        """, bombs[key], gb=1)                        # 1 GB: dies sooner than at 3 GB, as surely
        assert p.returncode != 0 and "memory allocation" in p.stderr, (key, p.returncode, p.stderr[-500:])


def test_crafted_extents_refused_before_calamine_reads_them(crafted):
    bombs, fine = crafted
    p = run_limited("""
        import json, sys
        from core.sheets.readers import read_workbook_cells
        from core.errors import InputError
        out = {}
        for path in sys.argv[1:]:
            try:
                out[path] = [len(s.rows) for s in read_workbook_cells(path).sheets]
            except InputError as e:
                out[path] = str(e)
        print(json.dumps(out))
    """, *bombs.values(), *fine.values())
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout)
    for key, path in bombs.items():
        msg = out[str(path)]
        assert isinstance(msg, str) and msg.startswith((path.name + ": ", path.name + ", sheet")), (key, msg)
        if key == "sheet_past_end":
            assert "damaged (the sheet starts at byte 1,000,000 of a 2,550-byte Workbook stream)" in msg
        elif key == "dims_inverted":
            assert "its DIMENSIONS record gives rows 10-5" in msg
        elif key == "xor_obfuscated":
            assert "password-protected (encrypted)" in msg
        elif key == "many_sheets":
            assert msg == (f"many.xls: refused: its 2,000 sheets span 2,097,152,000 cells in all; CoIndex imports "
                           f"workbooks of at most {MAX_WORKBOOK_CELLS:,} cells (name the sheets to read)")
        else:
            assert re.search(REFUSED, msg), (key, msg)
    assert out[str(bombs["far_corner"])] == (
        "far_corner.xlsb, sheet 'S': refused: the sheet spans A1:XFD1048576 (1,048,576 rows x 16,384 columns); "
        f"CoIndex imports sheets of at most {MAX_CELLS:,} cells")
    assert "sheet 'B': refused: the sheet spans A1:IV65536" in out[str(bombs["two_sheets_one_far"])]
    assert "sheet '面板': refused: the sheet spans A1:CRXP65536" in out[str(bombs["number_far"])]
    assert out[str(fine["lo_units"])] == [10] and out[str(fine["lo_long"])] == [11]
    assert out[str(fine["wide_but_small"])] == [10] and out[str(fine["just_under"])] == [488]
    assert out[str(fine["lying_dim"])] == [1] and out[str(fine["far_row_ok"])] == [1048576]
    assert out[str(fine["two_sheets"])] == [60001, 1]


def test_normal_xls_files_import_as_before():
    r = import_workbook(DATA / "lo_units_by_indicators.xls")
    assert r.layout == "units-by-indicators" and r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    assert be.check_xls(DATA / "lo_units_by_indicators.xls", "x") == {"面板": (10, 5)}
    assert be.check_xls(DATA / "lo_long_zh.xls", "x") == {"长表": (11, 4)}


# ---- the extents, against calamine and against the cells written --------------------------------------
def calamine_extent(path, sheet):
    s = pc.CalamineWorkbook.from_path(path).get_sheet_by_name(sheet)
    r0, c0 = s.start or (0, 0)
    return (r0 + s.height, c0 + s.width) if s.height else (0, 0)


def test_xls_writer_and_extents_agree_with_calamine(tmp_path):
    sheets = {"一": {(0, 0): "名称", (0, 1): 2.5, (3, 7): "x"}, "二": {(9, 0): 1.0}, "空": {}}
    p = write_xls(tmp_path / "w.xls", sheets, dims={"二": (9, 10, 0, 1)})
    wb = pc.CalamineWorkbook.from_path(p)
    assert wb.sheet_names == ["一", "二", "空"]
    assert wb.get_sheet_by_name("一").to_python()[0][:2] == ["名称", 2.5]
    got = be.check_xls(p, "w.xls")
    assert got == {"一": (4, 8), "二": (10, 1), "空": (1, 1)}        # 空: its DIMENSIONS record (0-1, 0-1)
    assert got["一"] == calamine_extent(p, "一") and got["二"] == calamine_extent(p, "二")


def test_large_xls_and_xlsb_sheets_walked_exactly(tmp_path):
    """20,000 x 12 sheets: several walker rounds (and a regular-sector
    compound file); the record positions are the plain walk's and the
    extents are calamine's."""
    rng = np.random.default_rng(7)
    values = rng.uniform(0, 1e5, 220000).tolist()
    digits = rng.integers(0, 7, 220000).tolist()
    cells = {(r, 0): f"u{r}" for r in range(20000)}
    cells.update({(r, c): round(values[k], digits[k]) for k, (r, c) in
                  enumerate((r, c) for r in range(20000) for c in range(1, 12))})
    x = write_xls(tmp_path / "big.xls", {"S": cells})
    stream = workbook_stream(x, "x")
    d = be._Bytes(stream + bytes(be._PAD))
    pos, nxt = be._chain(d, 0, len(stream), be._XLS)
    want, want_next = plain_walk(stream, 0, len(stream), xlsb=False)
    assert pos.tolist() == want and nxt == want_next and len(stream) > 4 * be._SPACING * be._WALKERS
    assert be.check_xls(x, "x") == {"S": (20000, 12)} == {"S": calamine_extent(x, "S")}
    b = xw.write_xlsb(tmp_path / "big.xlsb", {"S": cells})
    with zipfile.ZipFile(b) as z:
        part = z.read("xl/worksheets/sheet1.bin")
        d = be._Bytes(part + bytes(be._PAD))
        pos, nxt = be._chain(d, 0, len(part), be._XLSB)
        assert (pos.tolist(), nxt) == plain_walk(part, 0, len(part), xlsb=True)
        assert be.check_xlsb(z, "x", ["S"]) == {"S": (20000, 12)} == {"S": calamine_extent(b, "S")}


def test_xlsb_streamed_in_small_chunks(tmp_path):
    """Chunks of a few kB: records cut by a chunk's end, and a string
    record longer than a chunk, carried and skipped over."""
    cells = {(r, c): (f"s{r}" * (1 + r % 7) if c == 0 else r * 0.25 + c) for r in range(300) for c in range(4)}
    cells[(150, 0)] = "长" * 6000                   # a 12 kB BrtCellSt record
    cells[(299, 77)] = "x" * 100                    # the last column: a record whose size takes 2 bytes
    p = xw.write_xlsb(tmp_path / "s.xlsb", {"S": cells}, strings="inline")
    with zipfile.ZipFile(p) as z:
        for chunk in (1000, 4096, 1 << 20):
            ext = be._SheetExtent()
            with z.open("xl/worksheets/sheet1.bin") as f:
                be._stream_chain(f.read, be._XLSB, ext.visit, chunk=chunk)
            assert (ext.rows, ext.cols) == (300, 78), chunk


def test_xlsb_extent_counts_row_headers_and_refuses_at_the_limit(tmp_path):
    rows = MAX_CELLS // 8
    ok = xw.write_xlsb(tmp_path / "ok.xlsb", {"S": {(0, 0): "a", (rows - 1, 7): 1.0}})
    over = xw.write_xlsb(tmp_path / "over.xlsb", {"S": {(0, 0): "a", (rows, 7): 1.0}})
    empty_rows = xw.write_xlsb(tmp_path / "hdr.xlsb", {"S": {(0, 0): "a", (0, 10): 1.0}},
                               hidden_rows={"S": [2_000_000]})                # a BrtRowHdr with no cell
    with zipfile.ZipFile(ok) as z:
        assert be.check_xlsb(z, "ok.xlsb", ["S"]) == {"S": (rows, 8)}
    for path, msg in ((over, f"A1:H{rows + 1} ({rows + 1:,} rows x 8 columns)"),
                      (empty_rows, "A1:K2000001 (2,000,001 rows x 11 columns)")):
        with zipfile.ZipFile(path) as z, pytest.raises(InputError, match=re.escape(msg)):
            be.check_xlsb(z, path.name, ["S"])


def test_sheets_together_past_the_workbook_limit_refused(tmp_path):
    """Sheets each within MAX_CELLS, more than MAX_WORKBOOK_CELLS together:
    refused when read together (every .xls sheet is; .xlsb sheets as named)."""
    per = MAX_WORKBOOK_CELLS // 3 + 1000                           # three are too many, two are not
    cols = 1000
    cells = {(0, 0): "a", (per // cols - 1, cols - 1): 1.0}
    p = xw.write_xlsb(tmp_path / "w.xlsb", {"A": cells, "B": cells, "C": cells})
    with zipfile.ZipFile(p) as z:
        assert be.check_xlsb(z, "w.xlsb", ["A", "B"]) == {"A": (per // cols, cols), "B": (per // cols, cols)}
        with pytest.raises(InputError, match=r"w.xlsb: refused: its 3 sheets span [\d,]+ cells in all"):
            be.check_xlsb(z, "w.xlsb", ["A", "B", "C"])
    assert be.check_xls(shared_sheets_xls(tmp_path / "ok.xls", 15), "ok.xls")["S14"] == (65536, 16)
    with pytest.raises(InputError, match=r"x.xls: refused: its 16 sheets span 16,777,216 cells in all"):
        be.check_xls(shared_sheets_xls(tmp_path / "x.xls", 16), "x.xls")


def test_xlsb_part_that_cannot_be_placed_checks_every_sheet_part(tmp_path):
    p = xw.write_xlsb(tmp_path / "r.xlsb", {"A": [[1.0]], "B": {(0, 0): 1.0, (1048575, 100): 2.0}})
    q = tmp_path / "renamed.xlsb"
    with zipfile.ZipFile(p) as z, zipfile.ZipFile(q, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "xl/_rels/workbook.bin.rels":
                data = data.replace(b"worksheets/sheet1.bin", b"worksheets/nowhere.bin")
            out.writestr(info, data)
    with zipfile.ZipFile(q) as z:
        assert be.xlsb_sheet_parts(z) == {"A": "xl/worksheets/nowhere.bin", "B": "xl/worksheets/sheet2.bin"}
        with pytest.raises(InputError, match="sheet 'A': refused"):
            be.check_xlsb(z, q.name, ["A"])


def test_workbook_stream_is_olefiles_and_damaged_containers_refused(tmp_path):
    """The stream scanned is the one olefile reads by name; chains that
    loop or leave the FAT, a header claiming more FAT sectors than the file
    holds, and a directory past MAX_DIRECTORY_ENTRIES are refused by name
    before olefile (or calamine) follows them."""
    paths = [DATA / "lo_units_by_indicators.xls", DATA / "lo_long_zh.xls",
             write_xls(tmp_path / "w.xls", {"S": {(r, 0): float(r) for r in range(800)}})]
    for path in paths:
        with olefile.OleFileIO(str(path)) as ole:
            assert workbook_stream(path, "x") == ole.openstream("Workbook").read(), path
    good = paths[2].read_bytes()
    fat_at = 512 * (1 + struct.unpack_from("<I", good, 76)[0])

    def variant(name, edit):
        data = bytearray(good)
        edit(data)
        (tmp_path / name).write_bytes(bytes(data))
        return tmp_path / name
    cases = {
        "loop.xls": (lambda d: struct.pack_into("<I", d, fat_at + 4 * 3, 1), "a sector chain loops"),
        "leaves.xls": (lambda d: struct.pack_into("<I", d, fat_at + 4 * 3, 10 ** 6),
                       r"a sector chain leaves the allocation table \(sector 1000000\)"),
        "fat_count.xls": (lambda d: struct.pack_into("<I", d, 44, 100_000), "100,000 FAT sectors in a file of"),
    }
    for name, (edit, why) in cases.items():
        with pytest.raises(InputError, match=re.escape(name) + r": the workbook is damaged \(compound file: " + why):
            be.check_xls(variant(name, edit), name)
    # the directory made to start at the stream's first sector: a chain of over 2,500 sectors
    big = bytearray(compound_file(biff8_stream({"S": {(r, c): 1.0 for r in range(6000) for c in range(12)}})))
    assert (len(big) - 512) // 512 * 4 > MAX_DIRECTORY_ENTRIES
    struct.pack_into("<I", big, 48, 0)
    (tmp_path / "dir.xls").write_bytes(bytes(big))
    with pytest.raises(InputError, match=r"dir.xls: the workbook is damaged \(compound file: a directory of more "
                                         r"than 10,000 entries"):
        be.check_xls(tmp_path / "dir.xls", "dir.xls")


def test_workbook_stream_is_the_one_calamine_opens(tmp_path):
    """calamine opens the first entry named Workbook in directory order;
    a file whose root storage olefile would read another from is refused."""
    stream = biff8_stream({"S": {(0, 0): 1.0}})
    p = tmp_path / "book.xls"
    p.write_bytes(compound_file(stream, name="Book"))               # the BIFF5 name: read as calamine does
    assert be.check_xls(p, "book.xls") == {"S": (1, 1)}
    data = bytearray(compound_file(stream))
    directory_at = data.find("Root Entry".encode("utf-16-le"))
    data[directory_at + 256:directory_at + 384] = data[directory_at + 128:directory_at + 256]
    struct.pack_into("<I", data, directory_at + 76, 2)   # the root's child: the copy; the first Workbook, unreached
    q = tmp_path / "twin.xls"
    q.write_bytes(bytes(data))
    with pytest.raises(InputError, match=r"twin.xls: the workbook is damaged \(compound file: its Workbook stream is "
                                         r"not the one entry of that name in the root storage"):
        be.check_xls(q, "twin.xls")


# ---- the walk is the plain walk, whatever the bytes ----------------------------------------------------------
def _records(draw_sizes, kinds, xlsb: bool) -> bytes:
    out = []
    for (kind, size), junk in zip(draw_sizes, kinds):
        payload = bytes(junk * (size // max(len(junk), 1) + 1))[:size] if junk else bytes(size)
        if xlsb:
            out.append(xw.record(kind % (1 << 14), payload))
        else:
            out.append(struct.pack("<HH", kind & 0xFFFF, size) + payload)
    return b"".join(out)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from([0, 2, 5, 7, 0x203, 0x27E, 0xFD, 145, 3000]),
                          st.one_of(st.sampled_from([0, 8, 10, 12, 14, 16, 25]), st.integers(0, 300),
                                    st.integers(0, 20000))),
                min_size=1, max_size=40),
       st.lists(st.binary(max_size=9), min_size=40, max_size=40), st.integers(1, 2000), st.booleans(),
       st.integers(0, 50))
def test_chain_is_the_plain_walk(recs, junk, repeat, xlsb, cut):
    """Record streams of every shape (a pattern of records of chosen types,
    sizes and payloads, repeated: up to 80,000 records, several rounds)."""
    data = _records([(k, s if xlsb else min(s, 0xFFFF)) for k, s in recs], junk, xlsb) * repeat
    d = be._Bytes(data + bytes(be._PAD))
    fmt = be._XLSB if xlsb else be._XLS
    for start, limit in ((0, len(data)), (0, max(1, len(data) - cut))):
        pos, nxt = be._chain(d, start, limit, fmt)
        assert (pos.tolist(), nxt) == plain_walk(d.b, start, limit, xlsb)


@pytest.mark.parametrize("xlsb", [False, True])
def test_chain_on_random_bytes_and_shadowed_chains(xlsb):
    """Random bytes (no record start is likely), and records whose payload
    looks like records shifted by a few bytes (walkers that start inside
    them follow a parallel chain that never meets the real one)."""
    rng = np.random.default_rng(3)
    head, shadow = (b"\x01\x00" * 3, bytes([2, 2, 2, 2])) if xlsb else (biff(0x0809, b"\0\0"), bytes([3, 2, 4, 0] * 2))
    for data in (rng.integers(0, 256, 3 << 20, dtype=np.uint8).tobytes(), head + shadow * 150000):
        d = be._Bytes(data + bytes(be._PAD))
        fmt = be._XLSB if xlsb else be._XLS
        for start in (0, 5):
            pos, nxt = be._chain(d, start, len(data), fmt)
            assert (pos.tolist(), nxt) == plain_walk(d.b, start, len(data), xlsb)
