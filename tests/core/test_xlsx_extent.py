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
from core.model.celltext import CellIssue
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


def test_excel_row_attributes_and_other_elements_keep_the_extent_exact():
    """Excel writes spans="1:12" and x14ac:dyDescent on every row (colons
    that are not element prefixes), and a sheet may hold <cols>, rich text
    runs (<r>) and comments beside its cells: the extent stays exact, and a
    cell or row without r among them is still counted."""
    from core.sheets.xlsx_extent import _prefixed
    import numpy as np
    rows = b"".join(b'<row r="%d" spans="1:3" x14ac:dyDescent="0.25">' % r
                    + b"".join(b'<c r="%s%d" s="1"><v>1</v></c>' % (c, r) for c in (b"A", b"B", b"C"))
                    + b"</row>" for r in range(1, 3001))
    xml = HEAD + rows + TAIL
    assert not _prefixed(np.frombuffer(xml, dtype=np.uint8), xml)
    assert scanned(xml, [0.5]) == (3000, 3)
    extra = b'<row r="3001"><c r="A3001" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c></row>'
    assert scanned(HEAD.replace(b"<sheetData>", b'<cols><col min="1" max="3"/></cols><sheetData>')
                   + rows + extra + TAIL, [0.3]) == (3001, 3)
    assert scanned(HEAD + rows + b"<!-- <c> -->" + TAIL) == (3000, 4)      # taken for a cell: at most more
    # without r: the widest reference plus the most such cells in a row, the rows past the largest r
    assert scanned(HEAD + rows + b'<row r="3001"><c r="A3001"/><c/><c/><c/></row>' + TAIL, [0.5]) == (3001, 6)
    assert scanned(HEAD + rows + b"<row><c/></row><row/>" + TAIL) == (3002, 4)


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


# ---- what the pre-scan adds to calamine's cells (moved from the deleted test_xlsx_fast.py) ------------------------
# calamine reads an error cell as its text or as empty, a formula without a saved value as empty, and
# does not report hidden rows and columns; the streamed pass (core/sheets/xlsx_scan.py) does, in any
# spelling of the XML.  Worksheets written by hand, so that every spelling is under control.
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NO_VALUE = "a formula with no saved value"


def worksheet(body: str = "", head: str = "", tail: str = "") -> str:
    return (f'{DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">{head}<sheetData>{body}</sheetData>{tail}'
            "</worksheet>")


def styles_part(xfs) -> str:
    cell_xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"/>' for i in xfs)
    return (f'{DECL}<styleSheet xmlns="{MAIN_NS}"><fonts count="1"><font><sz val="11"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{cell_xfs}</cellXfs></styleSheet>')


def make_xlsx(path, sheets, style: str | None = None, states: dict | None = None) -> Path:
    """An .xlsx of the worksheet parts ``sheets`` (one part, or [(name, part)])."""
    if isinstance(sheets, str):
        sheets = [("Sheet1", sheets)]
    states = states or {}
    ct_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    ct = ['<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          f'<Override PartName="/xl/workbook.xml" ContentType="{ct_type}.sheet.main+xml"/>']
    rels, wb, parts = [f'<Relationships xmlns="{PKG_REL_NS}">'], [], {}
    for k, (name, xml) in enumerate(sheets, 1):
        ct.append(f'<Override PartName="/xl/worksheets/sheet{k}.xml" ContentType="{ct_type}.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{k}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{k}.xml"/>')
        state = f' state="{states[name]}"' if name in states else ""
        wb.append(f'<sheet name="{name}" sheetId="{k}"{state} r:id="rId{k}"/>')
        parts[f"xl/worksheets/sheet{k}.xml"] = xml
    if style is not None:
        ct.append(f'<Override PartName="/xl/styles.xml" ContentType="{ct_type}.styles+xml"/>')
        rels.append(f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>')
        parts["xl/styles.xml"] = style
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", DECL + "".join(ct) + "</Types>")
        z.writestr("_rels/.rels", f'{DECL}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                                  f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'{DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                                      + "".join(wb) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", DECL + "".join(rels) + "</Relationships>")
        for name, data in parts.items():
            z.writestr(name, data)
    return Path(path)


def read_one(tmp_path, part: str, **kw):
    from core.sheets.readers import read_workbook_cells
    return read_workbook_cells(make_xlsx(tmp_path / "w.xlsx", part, **kw)).sheets[0]


@pytest.mark.parametrize("body,err", [
    ('<row r="1"><c r="A1" t="e"><v>#DIV/0!</v></c></row>', "#DIV/0!"),
    ('<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>', "#DIV/0!"),
    ('<row r="1"><c t="e" r="A1"><v>#N/A</v></c></row>', "#N/A"),                          # t before r
    ('<row r="1"><c s="0" r="A1" t="e"><v>#REF!</v></c></row>', "#REF!"),
    ("<row r='1'><c r='A1' t='e'><v>#NAME?</v></c></row>", "#NAME?"),                      # single quotes
    ('<row r="1">\n  <c r="A1" t="e">\n    <v>#VALUE!</v>\n  </c>\n</row>', "#VALUE!"),    # pretty-printed
])
def test_error_cells_are_cell_issues(tmp_path, body, err):
    cell = read_one(tmp_path, worksheet(body)).value(0, 0)
    assert isinstance(cell, CellIssue) and str(cell) == err and cell.reason == f"an Excel error value {err}"


@pytest.mark.parametrize("cell,formula", [
    ('<c r="A1"><f>B1</f></c>', "=B1"),
    ('<c r="A1"><f>B1</f><v/></c>', "=B1"),
    ('<c r="A1"><f>B1</f><v /></c>', "=B1"),                                                # openpyxl
    ('<c r="A1"><f>B1</f><v></v></c>', "=B1"),
    ('<c s="0" r="A1"><f>B1</f></c>', "=B1"),                                               # s before r
    ('<c r="A1">\n  <f>B1</f>\n  <v/>\n</c>', "=B1"),
    ('<c r="A1"><f>B1&amp;B1</f><v /></c>', "=B1&B1"),                                      # entities decoded
    ('<c r="A1"><f>IF(B1&gt;0,&quot;a&quot;,&quot;b&quot;)</f></c>', '=IF(B1>0,"a","b")'),
    ('<c r="A1"><f t="shared" si="0"/></c>', "="),
])
def test_formulas_without_a_saved_value_are_cell_issues(tmp_path, cell, formula):
    sh = read_one(tmp_path, worksheet(f'<row r="1">{cell}<c r="B1"><v>1</v></c></row>'))
    got = sh.value(0, 0)
    assert isinstance(got, CellIssue) and str(got) == formula and got.reason.startswith(NO_VALUE)
    assert sh.value(0, 1) == 1.0


def test_formulas_with_saved_values_read_as_values(tmp_path):
    body = ('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f><v>2</v></c>'
            '<c r="C1" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="E1"><f>A1</f></c></row>')
    sh = read_one(tmp_path, worksheet(body))
    assert sh.rows[0][:3] == [1.0, 2.0, "xy"]
    assert isinstance(sh.value(0, 4), CellIssue) and str(sh.value(0, 4)) == "=A1"   # beyond the values: placed


def test_openpyxl_formulas_without_values(tmp_path):
    import openpyxl
    from core.sheets.readers import read_workbook_cells
    wb = openpyxl.Workbook()
    wb.active.append([1, 2, "=A1&B1", "=IF(A1>0,1,2)"])
    wb.save(tmp_path / "o.xlsx")
    row = read_workbook_cells(tmp_path / "o.xlsx").sheets[0].rows[0]
    assert row[:2] == [1.0, 2.0] and [str(v) for v in row[2:]] == ["=A1&B1", "=IF(A1>0,1,2)"]
    assert all(isinstance(v, CellIssue) for v in row[2:])


@pytest.mark.parametrize("attr,hidden", [('hidden="1"', {1, 2, 8}), ('hidden="true"', {1, 2, 8}),
                                         ('hidden="false"', set()), ('hidden="0"', set())])
def test_hidden_rows(tmp_path, attr, hidden):
    body = (f'<row r="1"><c r="A1"><v>1</v></c></row><row r="2" {attr}><c r="A2"><v>2</v></c></row>'
            f'<row r="3" ht="0" {attr} customHeight="1"/><row r="4"><c r="A4"><v>4</v></c></row>'
            f'<row r="9" {attr}/>')
    sh = read_one(tmp_path, worksheet(body))
    assert sh.hidden_rows == hidden and sh.value(1, 0) == 2.0          # hidden rows are read all the same


@pytest.mark.parametrize("cols,hidden", [
    ('<cols><col min="2" max="3" width="0" hidden="1" customWidth="1"/></cols>', {1, 2}),
    ('<cols><col min="1" max="1" width="9"/><col min="5" max="5" hidden="true"/><col min="7" max="16384" '
     'hidden="1"/></cols>', {4} | set(range(6, 16384))),
    ('<cols><col hidden="1" width="13" customWidth="1" min="3" max="3" /></cols>', {2}),    # openpyxl's order
    ('<cols><col min="2" max="2" hidden="false"/></cols>', set()),
])
def test_hidden_columns(tmp_path, cols, hidden):
    body = '<row r="1">' + "".join(f'<c r="{c}1"><v>1</v></c>' for c in "ABCDEFG") + "</row>"
    sh = read_one(tmp_path, worksheet(body, head='<dimension ref="A1:G1"/>' + cols))
    assert sh.hidden_cols == hidden and sh.rows[0] == [1.0] * 7


def test_merged_areas_filled_with_their_top_left_value(tmp_path):
    body = ('<row r="1"><c r="A1" t="inlineStr"><is><t>head</t></is></c><c r="D1"><v>4</v></c></row>'
            '<row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>')
    tail = '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="A3:B4"/></mergeCells>'
    sh = read_one(tmp_path, worksheet(body, tail=tail))
    assert sorted(sh.merged) == [(0, 0, 0, 2), (2, 0, 3, 1)]
    assert sh.rows[0] == ["head", "head", "head", 4.0] and sh.rows[2][:2] == [3.0, 3.0]


def test_dates_and_cells_away_from_a1(tmp_path):
    import datetime as dt
    body = '<row r="3"><c r="C3" s="1"><v>45000</v></c><c r="E3" t="inlineStr"><is><t>x</t></is></c></row>'
    sh = read_one(tmp_path, worksheet(body), style=styles_part((0, 14)))
    assert sh.n_rows == 3 and sh.value(0, 0) == "" and sh.value(2, 4) == "x"
    assert sh.value(2, 2) == dt.date(2023, 3, 15) and not isinstance(sh.value(2, 2), dt.datetime)


def test_hidden_sheets_not_read_unless_named(tmp_path):
    from core.sheets.readers import read_workbook_cells
    part = worksheet('<row r="1"><c r="A1"><v>1</v></c></row>')
    p = make_xlsx(tmp_path / "h.xlsx", [("Shown", part), ("Secret", part)], states={"Secret": "hidden"})
    got = read_workbook_cells(p)
    assert [s.name for s in got.sheets] == ["Shown"] and got.hidden_unread == ["Secret"]
    named = read_workbook_cells(p, "Secret").sheets[0]
    assert named.name == "Secret" and not named.visible and named.rows == [[1.0]]
