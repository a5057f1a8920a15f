"""The worksheet extent scan (core/sheets/xlsx_extent.py): never smaller than the
rectangle a reader builds, whatever the way the XML is written, and the
crafted sheets that would make a reader allocate terabytes are refused
before any reader sees them."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from core.errors import InputError
from core.sheets.xlsx_extent import ExtentScan, scan_chunk

REPO = Path(__file__).resolve().parents[2]
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet ' + NS +
        b' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>')
TAIL = b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'


def letters(col: int) -> str:
    s = ""
    while col:
        col, r = divmod(col - 1, 26)
        s = chr(65 + r) + s
    return s


def placed(rows):
    """Where a reader puts each cell: rows is [(row_r or None, [(ref or None, ...)])];
    an element without r comes after the previous one.  Returns (max row, max col)."""
    r_now, max_r, max_c = 0, 0, 0
    for r, cells in rows:
        r_now = r if r is not None else r_now + 1
        c_now = 0
        for ref in cells:
            if ref is None:
                c_now += 1
                rr = r_now
            else:
                c_now, rr = ref
            max_r, max_c = max(max_r, rr), max(max_c, c_now)
        max_r = max(max_r, r_now)
    return max_r, max_c


def render(rows, style):
    """Sheet XML for ``rows`` in one of several legal spellings."""
    out = [HEAD]
    for r, cells in rows:
        rattr = b"" if r is None else (b' r="%d"' % r)
        out.append(b"<row" + rattr + b' spans="1:3">')
        for ref in cells:
            if ref is None:
                out.append(b"<c><v>1</v></c>")
                continue
            a1 = (letters(ref[0]) + str(ref[1])).encode()
            if style == "plain":
                out.append(b'<c r="' + a1 + b'" t="n"><v>1</v></c>')
            elif style == "order":
                out.append(b'<c s="0" t="n" r="' + a1 + b'"><v>1</v></c>')
            elif style == "single":
                out.append(b"<c r='" + a1 + b"'><v>1</v></c>")
            elif style == "spaced":
                out.append(b'<c\n  r = "' + a1 + b'"\tt="n"><v>1</v></c>')
        out.append(b"</row>")
    out.append(TAIL)
    return b"".join(out)


def scanned(xml: bytes, cuts=()) -> tuple[int, int]:
    """Extent from the scan, the XML cut into chunks just before a '<' at the given fractions."""
    ext, start = ExtentScan(), 0
    for frac in sorted(cuts):
        k = xml.rfind(b"<", start + 1, max(start + 2, int(len(xml) * frac)))
        if k > start:
            ext.add(scan_chunk(xml[start:k]))
            start = k
    ext.add(scan_chunk(xml[start:]))
    return ext.extent()


ref_st = st.tuples(st.integers(1, 16384), st.integers(1, 1_048_576))
row_st = st.tuples(st.one_of(st.none(), st.integers(1, 1_048_576)),
                   st.lists(st.one_of(st.none(), ref_st), max_size=6))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(row_st, min_size=1, max_size=12),
       style=st.sampled_from(["plain", "order", "single", "spaced"]),
       cuts=st.lists(st.floats(0.05, 0.95), max_size=3))
def test_extent_never_smaller_than_what_a_reader_builds(rows, style, cuts):
    want_r, want_c = placed(rows)
    got_r, got_c = scanned(render(rows, style), cuts)
    assert got_r >= want_r and got_c >= want_c


def test_plain_sheet_extent_is_exact():
    rows = [(r, [(c, r) for c in range(1, 13)]) for r in range(1, 2001)]
    assert scanned(render(rows, "plain"), [0.3, 0.7]) == (2000, 12)
    assert scanned(render(rows, "order")) == (2000, 12)


def test_reference_parts_are_not_places():
    """xmlns:r, header= and footer= end in r but place nothing; text that
    looks like one inside a string is at most an over-estimate."""
    xml = HEAD + b'<row r="3"><c r="B3" t="inlineStr"><is><t>r = 5 and r="x"</t></is></c></row>' + TAIL
    assert scanned(xml) == (3, 2)


def test_out_of_range_reference_refused():
    xml = HEAD + b'<row r="1"><c r="A12345678"><v>1</v></c></row>' + TAIL
    with pytest.raises(InputError, match="beyond any spreadsheet"):
        scanned(xml)
    xml = HEAD + b'<row r="1"><c r="ABCD1"><v>1</v></c></row>' + TAIL
    with pytest.raises(InputError, match="beyond any spreadsheet"):
        scanned(xml)


def test_prefixed_elements_without_r_counted():
    xml = (b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
           b'<x:row r="7">' + b"<x:c><x:v>1</x:v></x:c>" * 40 + b"</x:row></x:sheetData></x:worksheet>")
    assert scanned(xml) == (7, 40)


BOMBS = {
    # the cell's own reference is what a reader uses, not its row's
    "cell_row_disagrees": b'<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>',
    "attribute_order": b'<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576">'
                       b'<c s="0" t="n" r="XFD1048576"><v>2</v></c></row>',
    "single_quotes": b"<row r='1'><c r='A1'><v>1</v></c><c r='XFD1048576'><v>2</v></c></row>",
    "spaced_equals": b'<row r="1"><c r="A1"><v>1</v></c><c r = "XFD1048576"><v>2</v></c></row>',
    "newline_before_r": b'<row r="1"><c r="A1"><v>1</v></c><c\nr="XFD1048576"><v>2</v></c></row>',
    "refless_cells": b'<row r="1048576">' + b"<c><v>1</v></c>" * 9000 + b"</row>",
    "refless_rows": b"<row><c r=\"XFD1\"><v>1</v></c></row>" * 2 + b"<row/>" * 60000,
}


def _workbook(path: Path, sheet_body: bytes) -> Path:
    files = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                               b'2006/content-types"><Default Extension="rels" ContentType="application/'
                               b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                               b'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                               b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
                               b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                               b'worksheet+xml"/></Types>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
                       b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                       b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                       b'</Relationships>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook ' + NS + b' xmlns:r="http://schemas.openxmlformats'
                           b'.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" '
                           b'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
                                      b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
                                      b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      b'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": HEAD + sheet_body + TAIL,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


def test_crafted_extents_refused_before_any_reader(tmp_path):
    """Each file in a fresh process with a 3 GB address-space limit: a
    reader that got to allocate the rectangle would abort the process."""
    paths = [str(_workbook(tmp_path / f"{k}.xlsx", body)) for k, body in BOMBS.items()]
    paths.append(str(_workbook(tmp_path / "fine.xlsx", b'<row r="1"><c r="A1" t="inlineStr"><is><t>uCode</t>'
                                                       b'</is></c><c r="B1" t="inlineStr"><is><t>GDP</t></is>'
                                                       b'</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>'
                                                       b'CD</t></is></c><c r="B2"><v>5</v></c></row>')))
    script = textwrap.dedent("""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
        from core.sheets.readers import read_workbook_cells
        from core.errors import InputError
        out = {}
        for p in sys.argv[1:]:
            try:
                read_workbook_cells(p)
                out[p] = "read"
            except InputError as e:
                out[p] = str(e)
        print(json.dumps(out))
    """)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    p = subprocess.run([sys.executable, "-c", script, *paths], cwd=REPO, env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    import json
    out = json.loads(p.stdout)
    for k in BOMBS:
        msg = out[str(tmp_path / f"{k}.xlsx")]
        assert re.search(r"refused: the sheet spans|beyond any spreadsheet", msg), (k, msg)
    assert out[str(tmp_path / "fine.xlsx")] == "read"
