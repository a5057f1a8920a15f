"""The true extent of an .xlsx worksheet, from its XML, at numpy speed.

A reader such as calamine allocates the whole rectangle between a sheet's
first and last cell, so a tiny file with one cell in A1 and one in
XFD1048576 asks for half a terabyte and the process dies.  Before any
reader sees a worksheet, :class:`ExtentScan` reads every ``r`` attribute
of the XML (cells and rows, in any attribute order, with either quote and
spaces around ``=``, and a cell whose row number disagrees with its row)
and keeps the largest row number and column.  Rows and cells written
without an ``r`` are placed after the previous one, so they are counted
too: the extent reported is never smaller than what a reader will build.

On the way it notes what the reader will not say: error cells
(``t="e"``), formulas (``<f>``), hidden rows and columns; the caller looks
closer only where they occur.

The XML is fed in chunks that end just before a ``<``, so no tag straddles
two chunks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from numpy.lib.stride_tricks import as_strided

from core.errors import InputError

_WIDTH = 12                          # bytes looked at around an '=' or '<' (3 letters + 7 digits + quote)
_LT, _EQ, _DQ, _SQ, _COLON = 60, 61, 34, 39, 58
_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 13, 32]] = True
_TAG_END = _SPACE.copy()             # what may follow an element name
_TAG_END[[ord(">"), ord("/")]] = True
_NAME = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_REF = re.compile(rb'\s*=\s*(["\'])([A-Za-z]*)(\d*)\1')
_HIDDEN = np.frombuffer(b"hidden", dtype=np.uint8)
_TRUE = np.zeros(256, dtype=bool)                  # hidden="1" / "true" (the byte after the quote)
_TRUE[[ord("1"), ord("t")]] = True
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")


@dataclass
class ChunkFacts:
    """What one chunk of worksheet XML says about the sheet's extent."""
    max_row: int = 0                 # 1-based, from r attributes
    max_col: int = 0
    row_refs: int = 0                # rows with an r
    row_tags: int = 0                # rows
    rows_started: bool = False
    head_refless: int = 0            # cells without r before the chunk's first row (the open row's)
    inner_refless: int = 0           # most in a row that starts and ends in the chunk
    tail_refless: int = 0            # in the chunk's last row, still open at its end
    errors: bool = False             # hints: t="e", <f>, hidden="..." seen
    formulas: bool = False
    hidden: bool = False


def scan_chunk(text: bytes) -> ChunkFacts:
    """The facts of one chunk (independent of the others: chunks can be
    scanned on several threads, numpy releasing the GIL).  Every '=' and
    every '<' of the chunk is looked at through a few bytes around it."""
    f = ChunkFacts()
    a = np.frombuffer(text, dtype=np.uint8)
    n = len(a)
    if n < 4 * _WIDTH:
        return _scan_slow(text)
    win = as_strided(a, shape=(n - _WIDTH + 1, _WIDTH), strides=(1, 1), writeable=False)
    eq = np.flatnonzero(a == _EQ)
    inner = (eq >= 6) & (eq < n - _WIDTH - 2)
    edge = eq[~inner]                                 # too near an end to look around: the careful way
    eq = eq[inner]
    w = win[eq - 6]                                   # 6 bytes before each '=', it, and 5 after
    before, before2, after = w[:, 5], w[:, 4], w[:, 7]
    r_before = before == ord("r")
    is_r = r_before & _SPACE[before2]
    quoted = (after == _DQ) | (after == _SQ)
    plain = is_r & quoted
    odd = [edge, eq[is_r & ~quoted], eq[_SPACE[before]], eq[r_before & (before2 == _COLON)]]
    f.max_col, f.max_row, cell_refs, f.row_refs, unsure = _plain_refs(win, eq[plain], after[plain])
    careful_cells = []
    for p in np.concatenate(odd + [unsure]).tolist():
        cr = _careful_ref(text, int(p))
        if cr is not None:
            f.max_col, f.max_row = max(f.max_col, cr[0]), max(f.max_row, cr[1])
            if cr[0]:
                careful_cells.append(p)
            else:
                f.row_refs += 1
    if careful_cells:
        cell_refs = np.concatenate([cell_refs, np.array(careful_cells, dtype=np.int64)])
    # hints of what a reader does not report (t="e", hidden="1"); the caller reads the places
    f.errors = bool(np.any((before == ord("t")) & (after == _DQ) & (w[:, 8] == ord("e")) & (w[:, 9] == _DQ)))
    hid = w[before == ord("n")]
    f.hidden = bool(np.any((hid[:, :6] == _HIDDEN).all(axis=1) & _TRUE[hid[:, 8]]))
    # element starts: formulas (a hint), and cells and rows with or without an r
    lt = np.flatnonzero(a == _LT)
    near = lt[lt >= n - _WIDTH].tolist()              # too near the end for the window: by regex
    lt = lt[lt < n - _WIDTH]
    c1 = a[lt + 1]
    at_f = lt[c1 == ord("f")]
    f.formulas = bool(np.any(_TAG_END[a[at_f + 2]])) or any(text.startswith(b"<f", p) for p in near)
    if _prefixed(a, text):
        cell_at = np.array([m.start() for m in _CELL_TAG.finditer(text)], dtype=np.int64)
        row_at = np.array([m.start() for m in _ROW_TAG.finditer(text)], dtype=np.int64)
    else:
        at_c, at_r = lt[c1 == ord("c")], lt[c1 == ord("r")]
        cell_at = at_c[_TAG_END[a[at_c + 2]]]
        row_at = at_r[(a[at_r + 2] == ord("o")) & (a[at_r + 3] == ord("w")) & _TAG_END[a[at_r + 4]]]
        if near:
            end = text + b" "
            cell_at = np.append(cell_at, np.array([p for p in near if _CELL_TAG.match(end, p)], dtype=np.int64))
            row_at = np.append(row_at, np.array([p for p in near if _ROW_TAG.match(end, p)], dtype=np.int64))
    f.row_tags = len(row_at)
    if len(cell_at) > len(cell_refs):                 # cells without an r: counted per row
        _count_refless(f, np.sort(row_at), cell_at, np.sort(cell_refs))
    f.rows_started = f.row_tags > 0
    return f


def _scan_slow(text: bytes) -> ChunkFacts:
    """A short chunk, by regular expressions."""
    f = ChunkFacts()
    cells = [m.start() for m in _CELL_TAG.finditer(text)]
    rows = [m.start() for m in _ROW_TAG.finditer(text)]
    refs = []
    for m in re.finditer(rb"(?<![\w.-])r\s*=", text):
        cr = _careful_ref(text, m.end() - 1)
        if cr is not None:
            f.max_col, f.max_row = max(f.max_col, cr[0]), max(f.max_row, cr[1])
            if cr[0]:
                refs.append(m.start())
            else:
                f.row_refs += 1
    f.row_tags, f.rows_started = len(rows), bool(rows)
    f.errors, f.formulas, f.hidden = b'"e"' in text or b"'e'" in text, b"<f" in text, b"hidden" in text
    if len(cells) > len(refs):
        _count_refless(f, np.array(rows, dtype=np.int64), np.array(cells, dtype=np.int64),
                       np.array(refs, dtype=np.int64))
    return f


class ExtentScan:
    """Largest row and column of one worksheet, from its chunks' facts in order."""

    def __init__(self):
        self.max_row = self.max_col = 0
        self.row_refs = self.row_tags = 0
        self.refless_width = 0       # most cells without an r in one row
        self._open = 0               # ... in the row still open
        self.errors = self.formulas = self.hidden = False

    def feed(self, text: bytes) -> None:
        self.add(scan_chunk(text))

    def add(self, f: ChunkFacts) -> None:
        self.max_row, self.max_col = max(self.max_row, f.max_row), max(self.max_col, f.max_col)
        self.row_refs += f.row_refs
        self.row_tags += f.row_tags
        if f.rows_started:
            self.refless_width = max(self.refless_width, self._open + f.head_refless, f.inner_refless)
            self._open = f.tail_refless
        else:
            self._open += f.head_refless
        self.refless_width = max(self.refless_width, self._open)
        self.errors |= f.errors
        self.formulas |= f.formulas
        self.hidden |= f.hidden

    def extent(self) -> tuple[int, int]:
        """(rows, columns) a reader will build for the sheet, or more."""
        rows = self.max_row + max(0, self.row_tags - self.row_refs)
        return rows, self.max_col + self.refless_width


def _plain_refs(win, eq, quotes):
    """The r="..." (or r='...') attributes whose '=' is at ``eq``, opened
    by ``quotes`` (``win``: the chunk seen through a sliding window):
    (largest column (0 for a row's r), largest row number, positions of
    the cells' r, number of rows' r, positions that do not read as a
    place).  Only the longest references are read digit by digit."""
    z = eq[:0]
    if not len(eq):
        return 0, 0, z, 0, z
    w = win[eq + 2]                                   # the value: letters, digits, closing quote
    rows_at = np.arange(len(w))
    quote = w == quotes[:, None]
    close = np.argmax(quote, axis=1)
    n_let = np.argmin((w[:, :4] - 65) < 26, axis=1)  # upper-case letters (uint8 arithmetic wraps below 'A')
    n_dig = close - n_let
    # A reader takes a reference as letters then digits and rejects anything else (a letter or
    # other byte after a digit): so when the byte after the letters is a digit, the run up to the
    # quote is all digits or the reader refuses the file.  Other shapes (lower case, four letters,
    # no digit) are read the careful way.
    bad = ~quote[rows_at, close] | (n_dig < 1) | (n_dig > 7) | ((w[rows_at, n_let] - 48) >= 10)
    if bad.any():
        unsure, keep = eq[bad], ~bad
        eq, w, n_let, n_dig = eq[keep], w[keep], n_let[keep], n_dig[keep]
    else:
        unsure = z
    if not len(eq):
        return 0, 0, z, 0, unsure
    # the largest row number has the most digits
    most = int(n_dig.max())
    pick = np.flatnonzero(n_dig == most)
    digits = w[pick[:, None], n_let[pick][:, None] + np.arange(most)].astype(np.int64) - 48
    max_row = int((digits * 10 ** np.arange(most - 1, -1, -1, dtype=np.int64)).sum(axis=1).max())
    is_cell = n_let > 0
    cell_at = eq[is_cell]
    max_col = 0
    if len(cell_at):
        widest = int(n_let.max())
        letters = w[n_let == widest, :widest].astype(np.int64) - 64
        max_col = int((letters * 26 ** np.arange(widest - 1, -1, -1, dtype=np.int64)).sum(axis=1).max())
    return max_col, max_row, cell_at, int(len(eq) - len(cell_at)), unsure


def _careful_ref(text, p):
    """(column, row) of the r attribute around the '=' or space at
    ``p``; None when there is none, or its value is not a place
    (xmlns:r="http://...").  Text such as 'r = 5' in a string may be
    taken for one: the extent only grows, which is safe."""
    k = p
    while k > 0 and text[k] in b" \t\r\n=":
        k -= 1
    if k < 1 or text[k] != ord("r") or text[k - 1] not in b" \t\r\n:":
        return None
    m = _REF.match(text, k + 1)
    if not m:
        return None
    letters, digits = m.group(2).upper(), m.group(3)
    if not digits:
        return None                                 # not a place: a reader does not place anything by it
    if len(digits) > 7 or len(letters) > 3:
        raise InputError(f"a cell or row reference beyond any spreadsheet's size "
                         f"({text[k:m.end()].decode('utf-8', 'replace')})")
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col, int(digits)

def _prefixed(a, text) -> bool:
    """Whether an element name in this chunk has a namespace prefix
    (<x:c ...>): then the elements are found the slow way."""
    colons = np.flatnonzero(a == _COLON)
    if len(colons) > 2000:
        return True
    for p in colons.tolist():
        k = p
        while k > 0 and text[k - 1] in _NAME:
            k -= 1
        if k > 0 and text[k - 1] == _LT or (k > 1 and text[k - 2:k] == b"</"):
            return True
    return False

def _count_refless(f: ChunkFacts, row_at, cell_at, cell_refs) -> None:
    """Cells without an r, per row (a reader puts each after the previous
    cell of its row): the row open at the chunk's start, those within, the last."""
    seg_cells = np.bincount(np.searchsorted(row_at, cell_at, side="right"), minlength=len(row_at) + 1)
    seg_refs = np.bincount(np.searchsorted(row_at, cell_refs, side="right"), minlength=len(row_at) + 1)
    refless = np.maximum(seg_cells - seg_refs, 0)
    f.head_refless = int(refless[0])
    if len(row_at):
        f.tail_refless = int(refless[-1])
        f.inner_refless = int(refless[1:-1].max()) if len(refless) > 2 else 0
