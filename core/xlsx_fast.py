"""A vectorised reader for plain .xlsx worksheets.

Most worksheets are written the same few ways (Excel, LibreOffice,
openpyxl, XlsxWriter): rows of ``<c r="B7" s="3" t="s"><v>12</v></c>``.
:func:`read_plain_sheet` reads such a sheet with numpy over the whole XML
at once, about three times faster than calamine here, and checks as it
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
from numpy.lib.stride_tricks import sliding_window_view

from .cells import CellIssue, column_index
from .filechecks import refuse_extent

MAX_PLAIN_BYTES = 32 * 2**20         # larger worksheets are streamed by the careful path (about 9 x the XML in memory here)

# tag kinds
(_START, _END, _ROW, _ROW_EMPTY, _ROW_CLOSE, _C, _C_EMPTY, _C_CLOSE, _V, _V_EMPTY, _V_CLOSE,
 _F, _F_EMPTY, _F_CLOSE, _IS, _IS_CLOSE, _T, _T_CLOSE, _UNKNOWN) = range(19)
_N = 19
_NEXT = np.zeros((_N, _N), dtype=bool)         # which tag may follow which
for _a, _bs in {
    _START: (_ROW, _ROW_EMPTY, _END),
    _ROW: (_C, _C_EMPTY, _ROW_CLOSE),
    _ROW_CLOSE: (_ROW, _ROW_EMPTY, _END),
    _ROW_EMPTY: (_ROW, _ROW_EMPTY, _END),
    _C: (_V, _V_EMPTY, _F, _F_EMPTY, _IS, _C_CLOSE),
    _C_EMPTY: (_C, _C_EMPTY, _ROW_CLOSE),
    _C_CLOSE: (_C, _C_EMPTY, _ROW_CLOSE),
    _F: (_F_CLOSE,),
    _F_CLOSE: (_V, _V_EMPTY, _C_CLOSE),
    _F_EMPTY: (_V, _V_EMPTY, _C_CLOSE),
    _V: (_V_CLOSE,),
    _V_CLOSE: (_C_CLOSE,),
    _V_EMPTY: (_C_CLOSE,),
    _IS: (_T,),
    _T: (_T_CLOSE,),
    _T_CLOSE: (_IS_CLOSE,),
    _IS_CLOSE: (_C_CLOSE,),
}.items():
    _NEXT[_a, list(_bs)] = True
_NEXT_FLAT = _NEXT.ravel()
_TEXT_AFTER = np.zeros(_N, dtype=bool)         # tags whose content is text
_TEXT_AFTER[[_V, _F, _T]] = True

_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 13, 32]] = True
_TAG_END = _SPACE.copy()
_TAG_END[[ord(">"), ord("/")]] = True
_NUMBER_CLASS = np.zeros(256, dtype=np.uint8)          # 1: digit, pad or line end; 2: other number byte
_NUMBER_CLASS[list(b"0123456789 \n")] = 1
_NUMBER_CLASS[list(b".+-eE")] = 2
_NAME_BYTE = np.zeros(256, dtype=bool)
_NAME_BYTE[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:")] = True
_MAX_NUMBER = 32                               # longest number text read here
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9A-Fa-f]+));")
_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ROW_TAG = re.compile(rb"<row\b([^>]*)>")
_ROW_R = re.compile(rb'\br="(\d+)"')
_HIDDEN_ATTR = re.compile(rb'\bhidden="(?:1|true)"')
_COL_TAG = re.compile(rb"<col\b([^>]*)>")
_MIN, _MAX = re.compile(rb'\bmin="(\d+)"'), re.compile(rb'\bmax="(\d+)"')
_MERGE_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?$")
_DECL = re.compile(rb"""^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']*)["']""")


class NotPlain(Exception):
    """The worksheet is not one this reader reads exactly; read it with calamine."""


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
    core/readers.py's calamine path would give them, or :class:`NotPlain`.

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


def _kind_table():
    """Tag kind by the two bytes after its '<', and the third byte it needs."""
    table = np.full(65536, _UNKNOWN, dtype=np.int8)
    ends = [ord(ch) for ch in " \t\r\n>/"]

    def key(x, y):
        return (x << 8) | y
    for e in ends:
        table[key(ord("c"), e)] = _C
        table[key(ord("f"), e)] = _F
        table[key(ord("t"), e)] = _T
        if e != ord(">"):
            table[key(ord("v"), e)] = _V_EMPTY
    table[key(ord("v"), ord(">"))] = _V
    table[key(ord("r"), ord("o"))] = _ROW
    table[key(ord("i"), ord("s"))] = _IS
    for ch, kind in (("c", _C_CLOSE), ("v", _V_CLOSE), ("f", _F_CLOSE), ("t", _T_CLOSE), ("i", _IS_CLOSE),
                     ("r", _ROW_CLOSE)):
        table[key(ord("/"), ord(ch))] = kind
    third = np.zeros(_N, dtype=np.uint8)
    for kind in (_C_CLOSE, _V_CLOSE, _F_CLOSE, _T_CLOSE, _IS):
        third[kind] = ord(">")
    third[_IS_CLOSE], third[_ROW], third[_ROW_CLOSE] = ord("s"), ord("w"), ord("o")
    return table, third


_KIND, _THIRD = _kind_table()
_EMPTY_OF = np.arange(_N, dtype=np.int8)          # the kind of a tag closed by '/>'
_EMPTY_OF[[_C, _F, _ROW, _V_EMPTY]] = [_C_EMPTY, _F_EMPTY, _ROW_EMPTY, _V_EMPTY]
_EMPTY_OF[[_V, _T, _IS, _C_CLOSE, _V_CLOSE, _F_CLOSE, _T_CLOSE, _IS_CLOSE, _ROW_CLOSE]] = _UNKNOWN


def _classify(a, lt, te):
    """The kind of every tag starting at ``lt`` (ending at ``te``)."""
    code = _KIND[(a[lt + 1].astype(np.uint16) << 8) | a[lt + 2]]
    closed = a[te - 1] == ord("/")
    if closed.any():
        code[closed] = _EMPTY_OF[code[closed]]
    code[(code == _V_EMPTY) & ~closed] = _UNKNOWN
    need = _THIRD[code]
    code[(need != 0) & (a[lt + 3] != need)] = _UNKNOWN
    rows = np.flatnonzero((code == _ROW) | (code == _ROW_EMPTY) | (code == _ROW_CLOSE) | (code == _IS_CLOSE))
    if len(rows):
        k, b4, b5 = code[rows], a[lt[rows] + 4], a[lt[rows] + 5]
        ok = np.where(k == _ROW_CLOSE, (b4 == ord("w")) & (b5 == ord(">")),
                      np.where(k == _IS_CLOSE, b4 == ord(">"), _TAG_END[b4]))
        code[rows[~ok]] = _UNKNOWN
    return code


def _tags(a, lo, hi):
    """Start, end ('>') and kind of every tag between ``lo`` and ``hi``,
    checked to follow each other as a worksheet's rows and cells do."""
    body = a[lo:hi]
    lt = np.flatnonzero(body == 60) + lo
    gt = np.flatnonzero(body == 62) + lo
    if not len(lt):
        if np.any(~_SPACE[body]):
            raise NotPlain("text outside cells")
        return lt, gt, np.zeros(0, dtype=np.int8)
    if len(gt) == len(lt) and gt[0] > lt[0] and np.all(gt[:-1] < lt[1:]):
        te = gt                                           # the usual: no '>' in any text
    else:
        k = np.searchsorted(gt, lt)
        if k[-1] >= len(gt):
            raise NotPlain("an unclosed tag")
        te = gt[k]
        if np.any(te[:-1] > lt[1:]):
            raise NotPlain("a tag not closed before the next")
    if lt[0] > lo and np.any(~_SPACE[a[lo:lt[0]]]):
        raise NotPlain("text outside cells")
    code = _classify(a, lt, te)
    if np.any(code == _UNKNOWN):
        raise NotPlain("an element this reader does not read")
    seq = np.concatenate(([_START], code, [_END])).astype(np.int16)
    if not _NEXT_FLAT[seq[:-1] * _N + seq[1:]].all():
        raise NotPlain("elements in an unexpected order")
    t_at = np.flatnonzero(code == _T)                     # <t> or <t xml:space="preserve"> only
    if len(t_at):
        span = te[t_at] - lt[t_at]
        long = t_at[span != 2]
        if len(long) and (np.any(te[long] - lt[long] != len(_T_PRESERVE) - 1)
                          or np.any(_window(a, len(_T_PRESERVE))[lt[long]] != _T_PRESERVE_BYTES)):
            raise NotPlain("a text element with attributes")
    # between tags: text only inside <v>, <t>, <f>; white space elsewhere
    gap_lo, gap_hi = te + 1, np.append(lt[1:], hi)
    loose = np.flatnonzero((gap_hi > gap_lo) & ~_TEXT_AFTER[code])
    if len(loose) > 256:
        ws = np.concatenate(([0], np.cumsum(~_SPACE[body], dtype=np.int64)))
        if np.any(ws[gap_hi[loose] - lo] - ws[gap_lo[loose] - lo]):
            raise NotPlain("text outside cells")
    elif len(loose):
        if any(a[p:q].tobytes().strip() for p, q in zip(gap_lo[loose].tolist(), gap_hi[loose].tolist())):
            raise NotPlain("text outside cells")
    return lt, te, code


_T_PRESERVE = b'<t xml:space="preserve">'
_T_PRESERVE_BYTES = np.frombuffer(_T_PRESERVE, dtype=np.uint8)
_POW10 = 10.0 ** np.arange(23)
_POW10_INT = 10 ** np.arange(10, dtype=np.int64)


def _window(a, width):
    """``a`` seen ``width`` bytes at a time (index it by start positions)."""
    return sliding_window_view(a, width)


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
    number is written, whether it holds a value, and where the value's text
    (or an inline string's) starts and ends; and the issues found."""
    issues = {}
    lt, te, code = _tags(a, lo, hi)
    is_cell = (code == _C) | (code == _C_EMPTY)
    n = int(is_cell.sum())
    if not n:
        z = np.zeros(0, dtype=np.int64)
        return [z, z, z.astype(np.uint8), z, z.astype(bool), z, z, z.astype(float), z.astype(bool), issues]
    cell_of = np.cumsum(is_cell) - 1                      # the cell each tag belongs to
    row, col, kind, style_at = _cell_attributes(a, lo, hi, lt, te, is_cell, cell_of, n)
    text_lo, text_hi = te + 1, np.append(lt[1:], hi)      # the content of <v>, <t>, <f>
    v_at = np.flatnonzero(code == _V)
    t_at = np.flatnonzero(code == _T)
    f_at = np.flatnonzero((code == _F) | (code == _F_EMPTY))
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
    v_empty[cell_of[code == _V_EMPTY]] = True
    # formulas without a saved value: noted as the careful path notes them
    for c in np.flatnonzero(has_f & ~has_v & ~inline).tolist():
        fk = f_at[np.searchsorted(cell_of[f_at], c)]
        formula = "" if code[fk] == _F_EMPTY else _text(xml[int(text_lo[fk]):int(text_hi[fk])])
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


def _cell_attributes(a, lo, hi, lt, te, is_cell, cell_of, n):
    """Row, column and type (first letter of t, 'S' for t="str", 'n'
    without one) of every cell, and where its style number is written (-1
    without one), from its attributes, each of which must be written
    name="value"."""
    cell_te = te[is_cell]
    last = a[cell_te - 1]
    last = np.where(last == ord("/"), a[cell_te - 2], last)
    if np.any((last != 34) & ~_SPACE[last]):
        raise NotPlain("a cell whose last attribute has no value")
    eq = np.flatnonzero(a[lo:hi] == 61) + lo
    owner = np.searchsorted(lt, eq, side="right") - 1
    owner[owner < 0] = 0
    inside = eq < te[owner]
    eq, owner = eq[inside], owner[inside]
    if np.any(a[eq + 1] != 34) or np.any(~_NAME_BYTE[a[eq - 1]]):
        raise NotPlain('an attribute not written name="value"')
    in_cell = is_cell[owner]
    eq, cell = eq[in_cell], cell_of[owner[in_cell]]
    before = a[eq - 2]
    if np.any((before == 34) | (before == 39)):
        raise NotPlain("attributes not separated by white space")
    single = _SPACE[before]                               # one-letter names: r, s, t
    name1 = a[eq - 1]
    pick = single & (name1 == ord("r"))
    if int(pick.sum()) != n or np.any(cell[pick] != np.arange(n)):
        raise NotPlain("a cell without exactly one reference")
    row, col = _refs(a, eq[pick] + 2)
    kind = np.full(n, ord("n"), dtype=np.uint8)
    pick = single & (name1 == ord("t"))
    t_at, t_cell = eq[pick] + 2, cell[pick]
    if len(t_cell):
        if np.any(np.diff(t_cell) == 0):
            raise NotPlain("two types on a cell")
        k1, k2 = a[t_at], a[t_at + 1]
        one = (k2 == 34) & ((k1 == ord("n")) | (k1 == ord("s")) | (k1 == ord("b")) | (k1 == ord("e")))
        long = np.flatnonzero(~one)
        if len(long):
            w = _window(a, 10)[t_at[long]]
            is_str = (w[:, :4] == _STR).all(axis=1)
            if not np.all(is_str | (w == _INLINE).all(axis=1)):
                raise NotPlain("a cell type this reader does not read")
            k1 = k1.copy()
            k1[long[is_str]] = ord("S")
        kind[t_cell] = k1
    style_at = np.full(n, -1, dtype=np.int64)
    pick = single & (name1 == ord("s"))
    s_cell = cell[pick]
    if len(s_cell):
        if np.any(np.diff(s_cell) == 0):
            raise NotPlain("two styles on a cell")
        style_at[s_cell] = eq[pick] + 2
    return row, col, kind, style_at


_STR = np.frombuffer(b'str"', dtype=np.uint8)
_INLINE = np.frombuffer(b'inlineStr"', dtype=np.uint8)


def _quoted_whole(a, at, most):
    """Whole numbers written at ``at`` up to a closing quote, at most ``most`` digits."""
    value = np.zeros(len(at), dtype=np.int64)
    live = np.ones(len(at), dtype=bool)
    for j in range(most + 1):
        b = a[at + j]
        d = b - np.uint8(48)
        digit = d < 10
        if j == 0 and not digit.all():
            raise NotPlain("a number attribute this reader does not read")
        stop = live & ~digit
        if np.any(stop & (b != 34)):
            raise NotPlain("a number attribute this reader does not read")
        live &= digit
        if not live.any():
            return value
        value = np.where(live, value * 10 + d, value)
    raise NotPlain("a number attribute too long")


def _refs(a, at):
    """(0-based row, 0-based column) of references such as B17 written at ``at``."""
    b = [a[at + k] for k in range(4)]
    up = [(x - np.uint8(65)) < 26 for x in b]
    if not up[0].all() or np.any(up[1] & up[2] & up[3]):
        raise NotPlain("a reference this reader does not read")
    two, three = up[1] & ~up[2], up[1] & up[2]
    c = [x.astype(np.int64) - 64 for x in b[:3]]
    col = np.where(three, c[0] * 676 + c[1] * 26 + c[2], np.where(two, c[0] * 26 + c[1], c[0]))
    row = _quoted_whole(a, at + 1 + up[1] + three, 7)
    if np.any(row < 1) or np.any(row > 1048576) or np.any(col > 16384):
        raise NotPlain("a reference beyond a sheet")
    return row - 1, col - 1


def _numbers(a, lo, hi):
    """Floats of the number texts a[lo:hi], correctly rounded, and per text
    whether it is written with digits only.  pandas' C parser (correctly
    rounding since pandas 3) reads them in one call, numpy's otherwise."""
    length = hi - lo
    if np.any(length < 1) or np.any(length > _MAX_NUMBER):
        raise NotPlain("a number this reader does not read")
    if np.any(_SPACE[a[lo]]) or np.any(_SPACE[a[hi - 1]]):
        raise NotPlain("a number with spaces around it")
    width = int(length.max())
    lines = np.full((len(lo), width + 1), 10, dtype=np.uint8)      # one per line, padded with spaces
    lines[:, :width] = np.where(np.arange(width) < length[:, None], _window(a, width)[lo], 32)
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
        w = np.where(keep, _window(a, width)[lo[fast]], 0).astype(np.uint8)
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
        styles[has] = _quoted_whole(a, style_at[has], 6)
    if np.isin(styles, np.fromiter(date_styles, dtype=np.int64)).any():
        raise NotPlain("a date")
