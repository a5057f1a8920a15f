"""One streamed pass over an .xlsx worksheet before calamine reads it.

The pass finds the sheet's true extent (core/sheets/xlsx_extent.py: refused
past MAX_CELLS before calamine allocates it) and what calamine does not
report: hidden rows and columns, error cells and formulas without a saved
value.  Memory stays bounded: the part is inflated a chunk at a time and
each chunk is scanned before the next is inflated, on the calling thread
(two threads, one inflating while the other scans, cost more CPU than they
saved on the 2-core machine the speed floor is measured on: docs/import.md,
"Speed").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.errors import InputError
from core.model.celltext import CellIssue, column_index
from core.sheets.filechecks import details, refuse_extent
from core.sheets.xlsx_extent import ExtentScan, scan_chunk
from core.text import tr

# cells in any spelling (attribute order, quotes, spaces, prefixes, line breaks): a cell's
# content may not run past the next cell's tag, so an unclosed cell fails at once and crafted
# XML cannot make the search quadratic
_CELL = re.compile(rb"<(?:[\w.-]+:)?c(\s[^<>]*?)?(?:/>|>((?:[^<]|<(?!/?(?:[\w.-]+:)?c[\s/>]))*)</(?:[\w.-]+:)?c\s*>)")
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")
_ATTR_T = re.compile(rb"""(?:^|\s)t\s*=\s*["']([^"']*)["']""")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^<>]*?)?(?:/>|>([^<]*)<)")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f(?:\s[^<>]*?)?(?:/>|>([^<]*)<)")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_ROW_TAG = re.compile(rb"<row\b([^<>]*)>")
_ROW_R = re.compile(rb'\br="(\d+)"')
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_COL_TAG = re.compile(rb"<col\b([^<>]*)>")
_MIN, _MAX = re.compile(rb'\bmin="(\d+)"'), re.compile(rb'\bmax="(\d+)"')
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_CHUNK = 1 << 20               # inflated bytes read at a time (512 KB to 1 MB measured fastest)
_MAX_CARRY = 65536             # longest tail carried to the next chunk to cut before a row


def no_saved_value() -> str:
    """The reason given for a formula cell with no saved value."""
    return tr("a formula with no saved value (the file was not recalculated after it was written; "
              "open and save it in Excel)")


@dataclass
class SheetScan:
    """What the pass found in one worksheet."""
    max_row: int = 0
    max_col: int = 0
    hidden_rows: set = field(default_factory=set)
    hidden_cols: set = field(default_factory=set)
    issues: dict = field(default_factory=dict)      # (r, c) -> CellIssue


def hidden_rows_in(text: bytes) -> set:
    """0-based numbers of the rows marked hidden="1" (or "true") in worksheet XML."""
    out = set()
    for m in _ROW_TAG.finditer(text):
        if _HIDDEN_ATTR.search(m.group(1)):
            r = _ROW_R.search(m.group(1))
            if r:
                out.add(int(r.group(1)) - 1)
    return out


def hidden_cols_in(head: bytes) -> set:
    """0-based hidden columns from the ``<cols>`` of a worksheet's head."""
    out = set()
    for m in _COL_TAG.finditer(head):
        if _HIDDEN_ATTR.search(m.group(1)):
            lo, hi = _MIN.search(m.group(1)), _MAX.search(m.group(1))
            if lo and hi:
                out.update(range(int(lo.group(1)) - 1, min(int(hi.group(1)), 16384)))
    return out


def unescape(s: str) -> str:
    """XML text with its five named entities and character references
    decoded; a reference to a character XML does not allow, or any other
    entity, is left as written."""
    if "&" not in s:
        return s

    def one(m):
        if m.group(1):
            return _NAMED[m.group(1)]
        code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
        if code > 0x10FFFF or _NOT_XML_CHAR.match(chr(code)):
            return m.group(0)
        return chr(code)
    return _ENTITY.sub(one, s)


def cell_issues(text: bytes) -> dict:
    """(row, column) -> CellIssue of the error values and the formulas
    without a saved value in a piece of worksheet XML (whole cells)."""
    issues = {}
    for m in _CELL.finditer(text):
        attrs, inner = m.group(1) or b"", m.group(2) or b""
        r = _ATTR_R.search(attrs)
        if r is None:
            continue
        rc = (int(r.group(2)) - 1, column_index(r.group(1).decode().upper()))
        t = _ATTR_T.search(attrs)
        v = _VALUE.search(inner)
        saved = v.group(1) if v is not None else None
        if t is not None and t.group(1) == b"e" and saved:
            err = unescape(saved.decode("utf-8", "replace"))
            issues[rc] = CellIssue(err, tr("an Excel error value {value}", value=err))
            continue
        f = _FORMULA.search(inner)
        if f is not None and not saved:          # no <v>, <v/> or <v></v>: nothing was saved
            formula = unescape((f.group(1) or b"").decode("utf-8", "replace"))
            issues[rc] = CellIssue("=" + formula, no_saved_value())
    return issues


def _scan_piece(text: bytes):
    """One chunk: its extent facts, hidden rows, error cells and formulas
    without a saved value (looked for only where the facts hint at them)."""
    facts = scan_chunk(text)
    hidden, issues = set(), {}
    if facts.hidden:
        hidden = hidden_rows_in(text)
    if facts.errors or facts.formulas:       # (the hints cover every spelling: core/sheets/xlsx_extent.py)
        issues = cell_issues(text)
    return facts, hidden, issues


def _last_row_start(text: bytes) -> int:
    """Where the chunk's last row starts (looked for in its last 4 KB, then
    in its last _MAX_CARRY bytes), else its last '<'; -1 for none."""
    for back in (4096, _MAX_CARRY):
        rows = [m.start() for m in _ROW_START.finditer(text, max(0, len(text) - back))]
        if rows or back >= len(text):
            break
    return rows[-1] if rows else text.rfind(b"<")


def _pieces(f):
    """The inflated part in chunks of whole rows (else cut before a tag),
    so that no cell is split between two chunks."""
    carry = b""
    while True:
        chunk = f.read(_CHUNK)
        text = carry + chunk
        if not chunk:
            if text:
                yield text
            return
        cut = _last_row_start(text)
        if cut <= 0 or len(text) - cut > _MAX_CARRY:
            cut = len(text)
        text, carry = text[:cut], text[cut:]
        if text:
            yield text


class _Merger:
    """The scanned chunks' results, added in order into one SheetScan."""

    def __init__(self, name, sheet):
        self.name, self.sheet = name, sheet
        self.scan, self.extent = SheetScan(), ExtentScan()

    def add(self, text: bytes) -> None:
        try:
            facts, hidden, issues = _scan_piece(text)
        except InputError as e:
            raise InputError(tr("{name}, sheet '{sheet}': {message}", name=self.name, sheet=self.sheet,
                                message=e)) from None
        except Exception as e:          # (a shape of XML no rule here foresaw: refused, never a traceback)
            raise InputError(tr("{name}, sheet '{sheet}': the sheet is damaged and cannot be read{details}",
                                name=self.name, sheet=self.sheet, details=details(e))) from e
        self.extent.add(facts)
        self.scan.hidden_rows |= hidden
        self.scan.issues.update(issues)


def scan_sheet_xml(z, part: str, name: str, sheet: str) -> SheetScan:
    """Stream one worksheet part of the open zip ``z`` once; refuse it
    (InputError naming file and sheet) when its extent passes MAX_CELLS."""
    try:
        f = z.open(part)
    except KeyError:
        return SheetScan()
    merger, in_data = _Merger(name, sheet), False
    with f:
        for text in _pieces(f):
            if not in_data:                   # the <cols> before the cells
                k = text.find(b"<sheetData")
                merger.scan.hidden_cols |= hidden_cols_in(text if k < 0 else text[:k])
                in_data = k >= 0
            merger.add(text)
            refuse_extent(name, sheet, *merger.extent.extent())   # (only grows: refused as soon as it passes)
    s = merger.scan
    s.max_row, s.max_col = merger.extent.extent()
    refuse_extent(name, sheet, s.max_row, s.max_col)
    return s
