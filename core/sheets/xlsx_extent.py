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
two chunks.  The common spelling (``<c r="B7" ...>`` in ``<row r="7" ...>``)
is read with whole-chunk numpy comparisons and 64-bit word arithmetic on
the references; every other spelling falls back to a careful reading of
the places concerned.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from core.errors import InputError
from core.text import tr

_WIDTH = 12                          # bytes looked at around an '=' or '<' (3 letters + 7 digits + quote)
_LT, _EQ, _DQ, _SQ, _COLON = 60, 61, 34, 39, 58
_SPACE = np.zeros(256, dtype=bool)
_SPACE[[9, 10, 13, 32]] = True
_TAG_END = _SPACE.copy()             # what may follow an element name
_TAG_END[[ord(">"), ord("/")]] = True
_NAME = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_NAME_BYTE = np.zeros(256, dtype=bool)
_NAME_BYTE[list(_NAME)] = True
_LOOK = 16                           # bytes looked at before a ':' for an element name's prefix
_REF = re.compile(rb'\s*=\s*(["\'])([A-Za-z]*)(\d*)\1')
_HIDDEN = np.frombuffer(b"hidden", dtype=np.uint8)
_TRUE = np.zeros(256, dtype=bool)                  # hidden="1" / "true" (the byte after the quote)
_TRUE[[ord("1"), ord("t")]] = True
_CELL_TAG = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_ROW_TAG = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")
_F_TAG = re.compile(rb"<(?:[\w.-]+:)?f[\s/>]")
_ZEROS = np.uint64(0x3030303030303030)              # eight '0' bytes
_LOW7, _HIGH = np.uint64(0x7F7F7F7F7F7F7F7F), np.uint64(0x8080808080808080)
_BELOW10 = np.uint64(0x7676767676767676)            # (b & 0x7f) + 0x76 reaches 0x80 when b >= 10
_DIGIT_TEXT = bytes.maketrans(bytes(range(10)), b"0123456789")


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
    """The facts of one chunk (independent of the others).  Every '=' is
    looked at through the bytes next to it; the '<c' and '<r' are counted
    and, unless each is a cell or row whose r was read, looked at through
    the name after it: whole-chunk comparisons and a few gathers, no
    Python loop over cells."""
    f = ChunkFacts()
    a = np.frombuffer(text, dtype=np.uint8)
    n = len(a)
    if n < 4 * _WIDTH:
        return _scan_slow(text)
    eq = np.flatnonzero(a == _EQ)
    lo, hi = np.searchsorted(eq, [6, n - _WIDTH - 2])
    edge, eq = np.concatenate([eq[:lo], eq[hi:]]), eq[lo:hi]   # too near an end to look around: the careful way
    before, after = a[eq - 1], a[eq + 1]
    at_r = np.flatnonzero(before == ord("r"))
    r_eq, r_after = eq[at_r], after[at_r]
    before2 = a[r_eq - 2]
    quoted = (r_after == _DQ) | (r_after == _SQ)
    is_r = _SPACE[before2]
    plain = is_r & quoted
    odd = [edge, r_eq[is_r & ~quoted], r_eq[before2 == _COLON]]
    spaced = bool((before <= 32).any()) or bool((after <= 32).any())     # white space by an '=' somewhere
    if spaced:
        odd.append(eq[_SPACE[before]])
    f.max_col, f.max_row, cell_refs, row_eq, unsure = _plain_refs(a, text, r_eq[plain], r_after[plain])
    f.row_refs, n_plain_cells = len(row_eq), len(cell_refs)
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
    f.errors = _error_hint(a, text, eq, before, edge, spaced)
    f.hidden = _hidden_hint(a, eq[before == ord("n")])
    # element starts: formulas (a hint), and cells and rows with or without an r
    starts_lt = a[:-1] == _LT
    x = a[1:]
    at_f = np.flatnonzero(starts_lt & (x == ord("f")))
    f.formulas = bool(np.any(_TAG_END[a[at_f[at_f < n - 2] + 2]]))
    if _prefixed(a, text):
        cell_at = np.array([m.start() for m in _CELL_TAG.finditer(text)], dtype=np.int64)
        row_at = np.array([m.start() for m in _ROW_TAG.finditer(text)], dtype=np.int64)
        f.formulas = f.formulas or _F_TAG.search(text) is not None
    else:
        # Every '<c' and '<r' of the chunk is the start of <c r="..."> or <row r="..."> whose r was
        # read above: then the cells and rows all have an r and are counted, not placed.
        c_eq = cell_refs[:n_plain_cells]
        canon_c = (a[c_eq - 4] == _LT) & (a[c_eq - 3] == ord("c")) & (a[c_eq - 2] == 32)
        canon_r = ((a[row_eq - 6] == _LT) & (a[row_eq - 5] == ord("r")) & (a[row_eq - 4] == ord("o"))
                   & (a[row_eq - 3] == ord("w")) & (a[row_eq - 2] == 32))
        n_canon_r = int(np.count_nonzero(canon_r))
        if int(np.count_nonzero(starts_lt & ((x == ord("c")) | (x == ord("r"))))) == \
                int(np.count_nonzero(canon_c)) + n_canon_r:
            f.row_tags, f.rows_started = n_canon_r, n_canon_r > 0
            return f
        lt = np.flatnonzero(starts_lt & ((x == ord("c")) | (x == ord("r"))))
        near = lt[lt >= n - _WIDTH].tolist()          # too near the end to look after: by regex
        lt = lt[lt < n - _WIDTH]
        c1 = a[lt + 1]
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


def _error_hint(a, text, eq, before, edge, spaced) -> bool:
    """Whether the chunk may hold an error cell (t="e" or t='e'; with
    white space around an '=' anywhere in the chunk, any quoted e)."""
    e_at = eq[a[eq + 2] == ord("e")]
    e_at = e_at[before[np.searchsorted(eq, e_at)] == ord("t")]
    q = a[e_at + 1]
    if np.any(((q == _DQ) | (q == _SQ)) & (a[e_at + 3] == q)):
        return True
    if any(text[p + 1:p + 4] in (b'"e"', b"'e'") for p in edge.tolist()):
        return True
    if spaced:
        mid = a[1:-1] == ord("e")
        return bool(np.any(mid & (a[:-2] == a[2:]) & ((a[2:] == _DQ) | (a[2:] == _SQ))))
    return False


def _hidden_hint(a, n_eq) -> bool:
    """hidden="1" or "true" at one of the '=' after an n (``n_eq``)."""
    if not len(n_eq):
        return False
    word = np.all([a[n_eq - 6 + k] == _HIDDEN[k] for k in range(6)], axis=0)
    return bool(np.any(word & _TRUE[a[n_eq + 2]]))


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


def _plain_refs(a, text, eq, quotes):
    """The r="..." (or r='...') attributes whose '=' is at ``eq``, opened
    by ``quotes`` (``a``: the chunk's bytes): (largest column (0 for a
    row's r), largest row number, positions of the cells' r, of the
    rows' r, positions that do not read as a place).  Eight bytes at a
    time are read as one 64-bit word, so each reference costs a few
    gathers and word operations; only the largest are decoded."""
    z = eq[:0]
    if not len(eq):
        return 0, 0, z, z, z
    words = np.ndarray(shape=(len(a) - 7,), dtype="<u8", buffer=text, strides=(1,))
    p = eq + 2                                        # the value: letters, digits, closing quote
    head_words = words[p]                             # its first eight bytes
    head = head_words.view(np.uint8).reshape(-1, 8)
    up = [(head[:, k] - 65) < 26 for k in range(4)]   # upper-case letters (uint8 arithmetic wraps below 'A')
    l2 = up[0] & up[1]
    l3 = l2 & up[2]
    n_let = up[0].astype(np.int64) + l2 + l3 + (l3 & up[3])
    # A reader takes a reference as letters then digits, and a quote: the digits are the run of
    # bytes after the letters below the quote; 0 or more than 7 digits, four letters, lower case,
    # or anything else before the quote is read the careful way.
    d = p + n_let
    digits = words[d] ^ _ZEROS                        # digit bytes become 0..9
    not_digit = (((digits & _LOW7) + _BELOW10) | digits) & _HIGH   # the high bit of each byte >= 10
    low = not_digit & (~not_digit + np.uint64(1))    # lowest non-digit byte's high bit (0: eight digits)
    n_dig = (np.frexp(low.astype(np.float64))[1] - 8) // 8
    n_dig[low == 0] = 8
    bad = (n_dig < 1) | (n_dig > 7) | (a[d + np.minimum(n_dig, 7)] != quotes) | (n_let > 3)
    if bad.any():
        unsure, keep = eq[bad], ~bad
        eq, n_let, n_dig, digits, head_words = eq[keep], n_let[keep], n_dig[keep], digits[keep], head_words[keep]
    else:
        unsure = z
    if not len(eq):
        return 0, 0, z, z, unsure
    # the largest row number has the most digits, and then the greatest first digits
    most = int(n_dig.max())
    max_row = int(_largest(digits[n_dig == most], most).translate(_DIGIT_TEXT))
    is_cell = n_let > 0
    cell_at = eq[is_cell]
    max_col = 0
    if len(cell_at):                                  # the largest column: the most letters, then the greatest
        widest = int(n_let.max())
        for ch in _largest(head_words[n_let == widest], widest):
            max_col = max_col * 26 + ch - 64
    return max_col, max_row, cell_at, eq[~is_cell], unsure


def _largest(words, k: int) -> bytes:
    """The greatest of the first ``k`` bytes of the little-endian ``words``,
    compared as strings (byte-swapped, the first byte is the most significant)."""
    top = int((words.byteswap() >> np.uint64(8 * (8 - k))).max())
    return top.to_bytes(k, "big")


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
        raise InputError(tr("a cell or row reference beyond any spreadsheet's size ({reference})",
                            reference=text[k:m.end()].decode("utf-8", "replace")))
    col = 0
    for ch in letters:
        col = col * 26 + ch - 64
    return col, int(digits)

def _prefixed(a, text) -> bool:
    """Whether an element name in this chunk has a namespace prefix
    (<x:c ...>): then the elements are found the slow way.  Each ':' is
    looked at through the 16 bytes before it (attributes such as
    x14ac:dyDescent and spans="1:12" are on every row Excel writes)."""
    if text.find(b":") < 0:
        return False
    colons = np.flatnonzero(a == _COLON)
    far = colons[colons >= _LOOK]
    w = a[far[:, None] - np.arange(_LOOK, 0, -1)]     # the bytes before each ':', nearest last
    name = _NAME_BYTE[w]
    k = np.argmin(name[:, ::-1], axis=1)              # name bytes just before the ':'
    long = name.all(axis=1) | (k >= _LOOK - 1)
    rows = np.arange(len(far))
    lead = w[rows, _LOOK - 1 - k]
    lead2 = w[rows, np.maximum(_LOOK - 2 - k, 0)]
    if np.any(~long & ((lead == _LT) | ((lead == ord("/")) & (lead2 == _LT)))):
        return True
    slow = np.concatenate([colons[colons < _LOOK], far[long]]).tolist()
    if len(slow) > 2000:                              # (crafted: long names before many colons)
        return True
    for p in slow:
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
