"""A vectorised reader for plain .xlsx worksheets.

Most worksheets are written the same few ways (Excel, LibreOffice,
openpyxl, XlsxWriter): rows of ``<c r="B7" s="3" t="s"><v>12</v></c>``.
:func:`read_plain_sheet` reads such a sheet with numpy over the whole XML
at once (the tags and cell attributes: core/sheets/xlsx_tags.py), in two halves
on two threads, about twice as fast as calamine here, and checks as it
goes that the XML is one it reads exactly as calamine does: every tag is
known, the tags follow each other as the schema says, every attribute of
a cell is written ``name="value"``, every number is plain, no number
wears a date format.  Anything else (rich text, dates, namespace prefixes,
comments, cells without a reference, an odd encoding ...) raises
:class:`NotPlain` and the caller reads the sheet with calamine instead.

tests/core/test_xlsx_fast.py holds the two readers to the same cells on
generated sheets in every spelling this reader accepts or declines.

Since this reader builds the sheet itself, the extent it checks against
the limits is that of the cells holding a value, which is what it
allocates.
"""
from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field

import numpy as np

from core.model.celltext import CellIssue, column_index
from core.sheets.filechecks import refuse_extent
from core.sheets.xlsx_tags import (SPACE_BYTE, TAG_C, TAG_C_EMPTY, TAG_F, TAG_F_EMPTY, TAG_T, TAG_V,
                                   TAG_V_EMPTY, NotPlain, cell_attributes, find_tags, quoted_whole, window)

MAX_PLAIN_BYTES = 32 * 2**20   # larger worksheets take the careful, streamed path (this one holds ~9 x the XML)

_NUMBER_CLASS = np.zeros(256, dtype=np.uint8)          # 1: digit, pad or line end; 2: other number byte
_NUMBER_CLASS[list(b"0123456789 \n")] = 1
_NUMBER_CLASS[list(b".+-eE")] = 2
_MAX_NUMBER = 32                               # longest number text read here
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ROW_TAG = re.compile(rb"<row\b([^<>]*)>")
_ROW_R = re.compile(rb'\br="(\d+)"')
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_COL_TAG = re.compile(rb"<col\b([^<>]*)>")
_MIN, _MAX = re.compile(rb'\bmin="(\d+)"'), re.compile(rb'\bmax="(\d+)"')
_MERGE_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?$")
_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']""")


@dataclass
class PlainSheet:
    rows: list
    merged: list = field(default_factory=list)          # (r0, c0, r1, c1), 0-based inclusive
    hidden_rows: set = field(default_factory=set)
    hidden_cols: set = field(default_factory=set)
    issues: dict = field(default_factory=dict)          # (r, c) -> CellIssue


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


def unescape(s: str, strict: bool = True) -> str:
    """XML text with its five named entities and character references
    decoded.  ``strict``: any other entity, or a reference to a character
    XML does not allow, is not plain; otherwise it is left as written."""
    if "&" not in s:
        return s

    def one(m):
        if m.group(1):
            return _NAMED[m.group(1)]
        code = int(m.group(2)) if m.group(2) else int(m.group(3), 16)
        if code > 0x10FFFF or _NOT_XML_CHAR.match(chr(code)):
            if strict:
                raise NotPlain("a character reference XML does not allow")
            return m.group(0)
        return chr(code)
    out = _ENTITY.sub(one, s)
    if strict and "&" in _ENTITY.sub("", s):
        raise NotPlain("an entity other than XML's own")
    return out


_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPACE = " \t\r\n"


def _text(raw: bytes, trim: bool = False) -> str:
    """Element text as calamine gives it (``trim``: a ``<t>`` without
    xml:space="preserve", whose outer white space calamine drops), or NotPlain."""
    try:
        s = unescape(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotPlain("text that is not UTF-8") from None
    if "\r" in s or ("_x" in s and _ESCAPE.search(s)) or _NOT_XML_CHAR.search(s):
        raise NotPlain("text with escapes, line ends or characters XML does not allow")
    return s.strip(_XML_SPACE) if trim else s


def read_plain_sheet(xml: bytes, shared, date_styles, name: str, sheet: str) -> PlainSheet:
    """The cells of one worksheet (its whole XML), as
    core/sheets/readers.py's calamine path would give them, or :class:`NotPlain`.

    ``shared``: the shared strings (a list, or None when the workbook has
    none); ``date_styles``: the indices of the cell formats that show a
    number as a date or time (or None when they are not known)."""
    if len(xml) > MAX_PLAIN_BYTES:
        raise NotPlain("a large worksheet")
    m = _DECL.match(xml[:200])
    if m and m.group(1).lower().replace(b"-", b"") != b"utf8":
        raise NotPlain("not UTF-8")
    if xml[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise NotPlain("UTF-16")
    open_at = xml.find(b"<sheetData")
    if open_at < 0 or xml.find(b"<sheetData", open_at + 1) >= 0:
        raise NotPlain("no single sheetData")
    head = xml[:open_at]
    out = PlainSheet([], hidden_cols=hidden_cols_in(head))
    if b"<!--" in head or b"<![CDATA[" in head:
        raise NotPlain("comments in the head")
    gt0 = xml.find(b">", open_at)
    if gt0 < 0:
        raise NotPlain("unclosed sheetData")
    if xml[gt0 - 1] == ord("/"):                       # <sheetData/>: no cells
        body_lo = body_hi = tail_at = gt0 + 1
    else:
        body_lo = gt0 + 1
        body_hi = xml.find(b"</sheetData>", body_lo)
        if body_hi < 0:
            raise NotPlain("unclosed sheetData")
        tail_at = body_hi + len(b"</sheetData>")
    out.merged = _outside_cells(head, xml[tail_at:])
    if any(xml.find(h, body_lo, body_hi) >= 0 for h in (b'hidden="1"', b'hidden="true"')):
        out.hidden_rows = hidden_rows_in(xml[body_lo:body_hi])     # (attributes are name="value": checked)
    if body_hi > body_lo:
        _read_cells(xml, body_lo, body_hi, shared, date_styles, name, sheet, out)
    return out


def _outside_cells(head: bytes, tail: bytes) -> list:
    """The worksheet without its cells, parsed (expat: the prolog was checked
    for DTDs and entities first) so that malformed XML there is not read
    as plain; returns its merged areas."""
    import xml.etree.ElementTree as ET
    if len(head) + len(tail) > _MAX_OUTSIDE_BYTES:
        raise NotPlain("much XML outside the cells")
    try:
        root = ET.fromstring(head + b"<sheetData/>" + tail)
    except ET.ParseError:
        raise NotPlain("the worksheet's XML outside its cells is malformed") from None
    out = []
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "mergeCell":
            m = _MERGE_REF.match(el.get("ref", ""))
            if not m:
                raise NotPlain("a merged area written another way")
            c0, r0, c1, r1 = m.groups()
            a = (int(r0) - 1, column_index(c0))
            b = (int(r1) - 1, column_index(c1)) if c1 else a
            out.append((a[0], a[1], b[0], b[1]))
    return out


def _read_cells(xml, lo, hi, shared, date_styles, name, sheet, out):
    """The cells between ``lo`` and ``hi`` into ``out``: a large sheet in two
    halves split before a row, read on two threads (numpy lets go of the GIL)."""
    a = np.frombuffer(xml, dtype=np.uint8)
    if hi + 12 > len(a):
        raise NotPlain("truncated")
    mid = xml.find(b"<row", lo + (hi - lo) // 2, hi) if hi - lo > _SPLIT_BYTES else -1
    if mid > lo:
        futures = [worker_pool().submit(_part, xml, a, p, q) for p, q in ((lo, mid), (mid, hi))]
        parts = [f.result() for f in futures]
    else:
        parts = [_part(xml, a, lo, hi)]
    for p in parts:
        out.issues.update(p.pop())
    cells = [np.concatenate(arrays) for arrays in zip(*parts)]
    if len(cells[0]):
        _assemble(xml, a, *cells, shared, date_styles, name, sheet, out)


_SPLIT_BYTES = 1 << 20
_MAX_OUTSIDE_BYTES = 4 << 20
_POOL = None


def worker_pool():
    """Two threads for reading worksheets (numpy and zlib let go of the GIL)."""
    global _POOL
    if _POOL is None:
        from concurrent.futures import ThreadPoolExecutor
        _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coindex-read")
    return _POOL


def _part(xml, a, lo, hi) -> list:
    """Per cell between ``lo`` and ``hi``: row, column, type, where its style
    number is written, whether it holds a value, where the value's text (or
    an inline string's) starts and ends, the number it holds (a number, a
    shared-string index or TRUE/FALSE as 1/0; NaN for text) and whether that
    is written with digits only; and, last, the issues found."""
    issues = {}
    lt, te, code = find_tags(a, lo, hi)
    is_cell = (code == TAG_C) | (code == TAG_C_EMPTY)
    n = int(is_cell.sum())
    if not n:
        z = np.zeros(0, dtype=np.int64)
        return [z, z, z.astype(np.uint8), z, z.astype(bool), z, z, z.astype(float), z.astype(bool), issues]
    cell_of = np.cumsum(is_cell) - 1                      # the cell each tag belongs to
    row, col, kind, style_at = cell_attributes(a, lo, hi, lt, te, is_cell, cell_of, n)
    text_lo, text_hi = te + 1, np.append(lt[1:], hi)      # the content of <v>, <t>, <f>
    v_at = np.flatnonzero(code == TAG_V)
    t_at = np.flatnonzero(code == TAG_T)
    f_at = np.flatnonzero((code == TAG_F) | (code == TAG_F_EMPTY))
    has_f = np.zeros(n, dtype=bool)
    has_f[cell_of[f_at]] = True
    v_lo = np.full(n, -1, dtype=np.int64)
    v_hi = np.full(n, -1, dtype=np.int64)
    v_lo[cell_of[v_at]], v_hi[cell_of[v_at]] = text_lo[v_at], text_hi[v_at]
    has_v = v_hi > v_lo
    t_cell = cell_of[t_at]
    inline = np.zeros(n, dtype=bool)                     # (an inline string cell without <is> is empty)
    inline[t_cell] = True
    if np.any(kind[t_cell] != ord("i")) or np.any((kind == ord("i")) & (v_lo >= 0)):
        raise NotPlain("an inline string written another way")
    kind[t_cell[te[t_at] - lt[t_at] == 2]] = ord("j")    # <t> without xml:space="preserve": trimmed
    v_empty = np.zeros(n, dtype=bool)
    v_empty[cell_of[code == TAG_V_EMPTY]] = True
    # formulas without a saved value: noted as the careful path notes them
    for c in np.flatnonzero(has_f & ~has_v & ~inline).tolist():
        fk = f_at[np.searchsorted(cell_of[f_at], c)]
        formula = "" if code[fk] == TAG_F_EMPTY else _text(xml[int(text_lo[fk]):int(text_hi[fk])])
        issues[(int(row[c]), int(col[c]))] = CellIssue(
            "=" + formula, "a formula with no saved value (the file was not recalculated after it was "
            "written; open and save it in Excel)")
    text_v = (kind == ord("S")) & ((v_lo >= 0) | v_empty)  # a formula's text: '' when empty, still a value
    if np.any((v_lo >= 0) & ~has_v & ~has_f & ~text_v):
        raise NotPlain("an empty value")             # (an empty <v/> of a number cell leaves it empty)
    empty_text = text_v & ~has_v
    v_lo[empty_text] = v_hi[empty_text] = 0
    v_lo[t_cell], v_hi[t_cell] = text_lo[t_at], text_hi[t_at]
    number = np.full(n, np.nan)                          # numbers, string indices, TRUE/FALSE
    whole = np.zeros(n, dtype=bool)
    numeric = np.flatnonzero(has_v & ((kind == ord("n")) | (kind == ord("s")) | (kind == ord("b"))))
    if len(numeric):
        number[numeric], whole[numeric] = _numbers(a, v_lo[numeric], v_hi[numeric])
    return [row, col, kind, style_at, has_v | inline | text_v, v_lo, v_hi, number, whole, issues]


def _numbers(a, lo, hi):
    """Floats of the number texts a[lo:hi], correctly rounded, and per text
    whether it is written with digits only.  pandas' C parser (correctly
    rounding since pandas 3) reads them in one call, numpy's otherwise."""
    length = hi - lo
    if np.any(length < 1) or np.any(length > _MAX_NUMBER):
        raise NotPlain("a number this reader does not read")
    width = int(length.max())
    inside = np.arange(width) < length[:, None]
    raw = window(a, width)[lo]
    if np.any(SPACE_BYTE[raw] & inside):
        raise NotPlain("a number with white space in it")
    lines = np.full((len(lo), width + 1), 10, dtype=np.uint8)      # one per line, padded with spaces
    lines[:, :width] = np.where(inside, raw, 32)
    cls = _NUMBER_CLASS[lines]
    if np.any(cls == 0):
        raise NotPlain("a number this reader does not read")
    whole = ~np.any(cls == 2, axis=1)
    try:
        if _PANDAS_PARSER():
            import pandas as pd
            x = pd.read_csv(io.BytesIO(lines.tobytes()), header=None, names=["v"], dtype=np.float64,
                            na_filter=False, engine="c")["v"].to_numpy()
            if len(x) != len(lo):
                raise NotPlain("numbers not one per line")
        else:
            x = np.where(lines == 32, 0, lines)[:, :width].astype(np.uint8).view(f"S{width}").ravel()
            x = x.astype(np.float64)
    except (ValueError, TypeError):
        raise NotPlain("a number this reader does not read") from None
    return x, whole


def _pandas_parser() -> bool:
    try:
        import pandas as pd
        return int(pd.__version__.split(".")[0]) >= 3
    except Exception:
        return False


_PANDAS_PARSER = functools.cache(_pandas_parser)


def _assemble(xml, a, row, col, kind, style_at, valued, v_lo, v_hi, number, whole, shared, date_styles, name,
              sheet, out):
    """The rows of values, as calamine's reader gives them after padding."""
    sel = np.flatnonzero(valued)
    if not len(sel):
        return
    r, c, kd = row[sel], col[sel], kind[sel]
    lin = r * 16384 + c
    if np.any(np.diff(lin) <= 0) and len(np.unique(lin)) != len(lin):
        raise NotPlain("two cells in one place")
    rmin, rmax, cmax = int(r.min()), int(r.max()), int(c.max())
    refuse_extent(name, sheet, rmax + 1, cmax + 1)
    grid = np.full((rmax - rmin + 1, cmax + 1), "", dtype=object)
    rr = r - rmin
    lo, hi, x, whole = v_lo[sel], v_hi[sel], number[sel], whole[sel]
    num = np.flatnonzero(kd == ord("n"))
    if len(num):
        _no_dates(a, style_at[sel[num]], date_styles)
        grid[rr[num], c[num]] = x[num]
    sh = np.flatnonzero(kd == ord("s"))
    if len(sh):
        if not whole[sh].all() or shared is None or x[sh].max() >= len(shared):
            raise NotPlain("a shared string that is not there")
        table = np.empty(len(shared), dtype=object)
        table[:] = shared
        grid[rr[sh], c[sh]] = table[x[sh].astype(np.int64)]
    bo = np.flatnonzero(kd == ord("b"))
    if len(bo):
        if not (whole[bo] & (hi[bo] - lo[bo] == 1) & (x[bo] <= 1)).all():
            raise NotPlain("a TRUE/FALSE cell written another way")
        grid[rr[bo], c[bo]] = x[bo] == 1
    for kinds, trim in (((ord("i"), ord("S")), False), ((ord("j"),), True)):
        texts = np.flatnonzero(np.isin(kd, kinds))
        if len(texts):
            grid[rr[texts], c[texts]] = _texts(a, xml, lo[texts], hi[texts], trim)
    for p in np.flatnonzero(kd == ord("e")).tolist():
        s = _text(xml[int(lo[p]):int(hi[p])])
        out.issues[(int(r[p]), int(c[p]))] = CellIssue(s, f"an Excel error value {s}")
    out.rows = [[] for _ in range(rmin)] + grid.tolist()


def _texts(a, xml, lo, hi, trim):
    """The strings a[lo:hi] (an object array), each distinct one decoded once."""
    out = np.empty(len(lo), dtype=object)
    length = hi - lo
    width = max(int(min(length.max(), _SHORT_TEXT)), 1)
    fast = (length <= _SHORT_TEXT) & (lo + width <= len(a))
    if fast.any():                                       # the short ones: told apart by numpy
        keep = np.arange(width) < length[fast, None]
        w = np.where(keep, window(a, width)[lo[fast]], 0).astype(np.uint8)
        keys, inverse = np.unique(w.view(f"S{width}").ravel(), return_inverse=True)
        decoded = np.empty(len(keys), dtype=object)
        decoded[:] = [_text(k, trim) for k in keys.tolist()]
        out[fast] = decoded[inverse.ravel()]
    cache = {}
    for k in np.flatnonzero(~fast).tolist():
        raw = xml[int(lo[k]):int(hi[k])]
        if raw not in cache:
            cache[raw] = _text(raw, trim)
        out[k] = cache[raw]
    return out


_SHORT_TEXT = 64


def _no_dates(a, style_at, date_styles):
    """Refuse (NotPlain) when a number cell wears a date or time format
    (a cell without a style has the first format)."""
    if date_styles is None:
        raise NotPlain("number formats not known")
    if not date_styles:
        return
    styles = np.zeros(len(style_at), dtype=np.int64)
    has = style_at >= 0
    if has.any():
        styles[has] = quoted_whole(a, style_at[has], 6)
    if np.isin(styles, np.fromiter(date_styles, dtype=np.int64)).any():
        raise NotPlain("a date")
