"""The tags and cell attributes of a worksheet's XML, found with numpy
over the whole of it at once, for core/sheets/xlsx_fast.py.

:func:`find_tags` finds every tag between two positions, tells its kind
from its first bytes and checks that the kinds follow each other as a
worksheet's rows and cells do; :func:`cell_attributes` reads every cell's
reference, type and where its style is written.  Anything these do not
read exactly raises :class:`NotPlain`.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


class NotPlain(Exception):
    """The worksheet is not one this reader reads exactly; read it with calamine."""


# tag kinds
(TAG_START, TAG_END, TAG_ROW, TAG_ROW_EMPTY, TAG_ROW_CLOSE, TAG_C, TAG_C_EMPTY, TAG_C_CLOSE, TAG_V, TAG_V_EMPTY,
 TAG_V_CLOSE, TAG_F, TAG_F_EMPTY, TAG_F_CLOSE, TAG_IS, TAG_IS_CLOSE, TAG_T, TAG_T_CLOSE, TAG_UNKNOWN) = range(19)
_N = 19
_NEXT = np.zeros((_N, _N), dtype=bool)         # which tag may follow which
for _a, _bs in {
    TAG_START: (TAG_ROW, TAG_ROW_EMPTY, TAG_END),
    TAG_ROW: (TAG_C, TAG_C_EMPTY, TAG_ROW_CLOSE),
    TAG_ROW_CLOSE: (TAG_ROW, TAG_ROW_EMPTY, TAG_END),
    TAG_ROW_EMPTY: (TAG_ROW, TAG_ROW_EMPTY, TAG_END),
    TAG_C: (TAG_V, TAG_V_EMPTY, TAG_F, TAG_F_EMPTY, TAG_IS, TAG_C_CLOSE),
    TAG_C_EMPTY: (TAG_C, TAG_C_EMPTY, TAG_ROW_CLOSE),
    TAG_C_CLOSE: (TAG_C, TAG_C_EMPTY, TAG_ROW_CLOSE),
    TAG_F: (TAG_F_CLOSE,),
    TAG_F_CLOSE: (TAG_V, TAG_V_EMPTY, TAG_C_CLOSE),
    TAG_F_EMPTY: (TAG_V, TAG_V_EMPTY, TAG_C_CLOSE),
    TAG_V: (TAG_V_CLOSE,),
    TAG_V_CLOSE: (TAG_C_CLOSE,),
    TAG_V_EMPTY: (TAG_C_CLOSE,),
    TAG_IS: (TAG_T,),
    TAG_T: (TAG_T_CLOSE,),
    TAG_T_CLOSE: (TAG_IS_CLOSE,),
    TAG_IS_CLOSE: (TAG_C_CLOSE,),
}.items():
    _NEXT[_a, list(_bs)] = True
_NEXT_FLAT = _NEXT.ravel()
_TEXT_AFTER = np.zeros(_N, dtype=bool)         # tags whose content is text
_TEXT_AFTER[[TAG_V, TAG_F, TAG_T]] = True

SPACE_BYTE = np.zeros(256, dtype=bool)
SPACE_BYTE[[9, 10, 13, 32]] = True
_TAG_END = SPACE_BYTE.copy()
_TAG_END[[ord(">"), ord("/")]] = True
_NAME_BYTE = np.zeros(256, dtype=bool)
_NAME_BYTE[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.:")] = True

def _kind_table():
    """Tag kind by the two bytes after its '<', and the third byte it needs."""
    table = np.full(65536, TAG_UNKNOWN, dtype=np.int8)
    ends = [ord(ch) for ch in " \t\r\n>/"]

    def key(x, y):
        return (x << 8) | y
    for e in ends:
        table[key(ord("c"), e)] = TAG_C
        table[key(ord("f"), e)] = TAG_F
        table[key(ord("t"), e)] = TAG_T
        if e != ord(">"):
            table[key(ord("v"), e)] = TAG_V_EMPTY
    table[key(ord("v"), ord(">"))] = TAG_V
    table[key(ord("r"), ord("o"))] = TAG_ROW
    table[key(ord("i"), ord("s"))] = TAG_IS
    for ch, kind in (("c", TAG_C_CLOSE), ("v", TAG_V_CLOSE), ("f", TAG_F_CLOSE), ("t", TAG_T_CLOSE),
                     ("i", TAG_IS_CLOSE), ("r", TAG_ROW_CLOSE)):
        table[key(ord("/"), ord(ch))] = kind
    third = np.zeros(_N, dtype=np.uint8)
    for kind in (TAG_C_CLOSE, TAG_V_CLOSE, TAG_F_CLOSE, TAG_T_CLOSE, TAG_IS):
        third[kind] = ord(">")
    third[TAG_IS_CLOSE], third[TAG_ROW], third[TAG_ROW_CLOSE] = ord("s"), ord("w"), ord("o")
    return table, third


_KIND, _THIRD = _kind_table()
_EMPTY_OF = np.arange(_N, dtype=np.int8)          # the kind of a tag closed by '/>'
_EMPTY_OF[[TAG_C, TAG_F, TAG_ROW, TAG_V_EMPTY]] = [TAG_C_EMPTY, TAG_F_EMPTY, TAG_ROW_EMPTY, TAG_V_EMPTY]
_EMPTY_OF[[TAG_V, TAG_T, TAG_IS, TAG_C_CLOSE, TAG_V_CLOSE, TAG_F_CLOSE, TAG_T_CLOSE, TAG_IS_CLOSE,
           TAG_ROW_CLOSE]] = TAG_UNKNOWN


def _classify(a, lt, te):
    """The kind of every tag starting at ``lt`` (ending at ``te``)."""
    code = _KIND[(a[lt + 1].astype(np.uint16) << 8) | a[lt + 2]]
    closed = a[te - 1] == ord("/")
    if closed.any():
        code[closed] = _EMPTY_OF[code[closed]]
    code[(code == TAG_V_EMPTY) & ~closed] = TAG_UNKNOWN
    need = _THIRD[code]
    code[(need != 0) & (a[lt + 3] != need)] = TAG_UNKNOWN
    rows = np.flatnonzero((code == TAG_ROW) | (code == TAG_ROW_EMPTY) | (code == TAG_ROW_CLOSE)
                          | (code == TAG_IS_CLOSE))
    if len(rows):
        k, b4, b5 = code[rows], a[lt[rows] + 4], a[lt[rows] + 5]
        ok = np.where(k == TAG_ROW_CLOSE, (b4 == ord("w")) & (b5 == ord(">")),
                      np.where(k == TAG_IS_CLOSE, b4 == ord(">"), _TAG_END[b4]))
        code[rows[~ok]] = TAG_UNKNOWN
    return code


def find_tags(a, lo, hi):
    """Start, end ('>') and kind of every tag between ``lo`` and ``hi``,
    checked to follow each other as a worksheet's rows and cells do."""
    body = a[lo:hi]
    lt = np.flatnonzero(body == 60) + lo
    gt = np.flatnonzero(body == 62) + lo
    if not len(lt):
        if np.any(~SPACE_BYTE[body]):
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
    if lt[0] > lo and np.any(~SPACE_BYTE[a[lo:lt[0]]]):
        raise NotPlain("text outside cells")
    code = _classify(a, lt, te)
    if np.any(code == TAG_UNKNOWN):
        raise NotPlain("an element this reader does not read")
    seq = np.concatenate(([TAG_START], code, [TAG_END])).astype(np.int16)
    if not _NEXT_FLAT[seq[:-1] * _N + seq[1:]].all():
        raise NotPlain("elements in an unexpected order")
    t_at = np.flatnonzero(code == TAG_T)                     # <t> or <t xml:space="preserve"> only
    if len(t_at):
        span = te[t_at] - lt[t_at]
        long = t_at[span != 2]
        if len(long) and (np.any(te[long] - lt[long] != len(_T_PRESERVE) - 1)
                          or np.any(window(a, len(_T_PRESERVE))[lt[long]] != _T_PRESERVE_BYTES)):
            raise NotPlain("a text element with attributes")
    # between tags: text only inside <v>, <t>, <f>; white space elsewhere
    gap_lo, gap_hi = te + 1, np.append(lt[1:], hi)
    loose = np.flatnonzero((gap_hi > gap_lo) & ~_TEXT_AFTER[code])
    if len(loose) > 256:
        ws = np.concatenate(([0], np.cumsum(~SPACE_BYTE[body], dtype=np.int64)))
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


def window(a, width):
    """``a`` seen ``width`` bytes at a time (index it by start positions)."""
    return sliding_window_view(a, width)


def cell_attributes(a, lo, hi, lt, te, is_cell, cell_of, n):
    """Row, column and type (first letter of t, 'S' for t="str", 'n'
    without one) of every cell, and where its style number is written (-1
    without one), from its attributes, each of which must be written
    name="value"."""
    usual = _usual_attributes(a, lt[is_cell], te[is_cell], n)
    if usual is not None:
        return usual
    cell_te = te[is_cell]
    last = a[cell_te - 1]
    last = np.where(last == ord("/"), a[cell_te - 2], last)
    if np.any((last != 34) & ~SPACE_BYTE[last]):
        raise NotPlain("a cell whose last attribute has no value")
    eq, cell = _cell_equals(a, lo, hi, lt, te, is_cell, cell_of)
    before = a[eq - 2]
    if np.any((before == 34) | (before == 39)):
        raise NotPlain("attributes not separated by white space")
    single = SPACE_BYTE[before]                               # one-letter names: r, s, t
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
            w = window(a, 10)[t_at[long]]
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


def _usual_attributes(a, cell_lt, cell_te, n):
    """What :func:`cell_attributes` returns, read faster from cells written
    the usual way: ``<c r="B7"`` then at most one s="digits" and one t="..."
    (either order), each after one space, then ``>`` or ``/>``.  None when
    any cell is written another way (the general reading then decides)."""
    if not ((a[cell_lt + 2] == 32) & (a[cell_lt + 3] == ord("r")) & (a[cell_lt + 4] == 61)
            & (a[cell_lt + 5] == 34)).all():
        return None
    row, col, pos = _refs(a, cell_lt + 6, ends=True)
    pos = pos + 1                                         # after the reference's closing quote
    kind = np.full(n, ord("n"), dtype=np.uint8)
    style_at = np.full(n, -1, dtype=np.int64)
    seen_s, seen_t = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    for _ in range(2):
        more = np.flatnonzero(a[pos] == 32)
        if not len(more):
            break
        p = pos[more]
        name = a[p + 1]
        named = (a[p + 2] == 61) & (a[p + 3] == 34)
        is_s, is_t = named & (name == ord("s")) & ~seen_s[more], named & (name == ord("t")) & ~seen_t[more]
        if not (is_s | is_t).all():
            return None
        if is_s.any():
            cells, at = more[is_s], p[is_s] + 4
            _, digits = _whole_until_quote(window(a, 8)[at], True)
            style_at[cells], seen_s[cells], pos[cells] = at, True, at + digits + 1
        if is_t.any():
            cells, at = more[is_t], p[is_t] + 4
            w = window(a, 10)[at]
            k1 = w[:, 0]
            one = (w[:, 1] == 34) & ((k1 == ord("n")) | (k1 == ord("s")) | (k1 == ord("b")) | (k1 == ord("e")))
            is_str = (w[:, :4] == _STR).all(axis=1)
            is_inline = (w == _INLINE).all(axis=1)
            if not (one | is_str | is_inline).all():
                return None
            kind[cells] = np.where(is_str, ord("S"), k1)
            seen_t[cells] = True
            pos[cells] = at + np.where(one, 1, np.where(is_str, 3, 9)) + 1
    closes = a[pos]
    if not (((closes == 62) & (pos == cell_te)) | ((closes == 47) & (pos + 1 == cell_te))).all():
        return None
    return row, col, kind, style_at


def _cell_equals(a, lo, hi, lt, te, is_cell, cell_of):
    """Every '=' inside a cell's tag, and the cell's number."""
    eq = np.flatnonzero(a[lo:hi] == 61) + lo
    owner = np.searchsorted(lt, eq, side="right") - 1
    owner[owner < 0] = 0
    inside = eq < te[owner]
    eq, owner = eq[inside], owner[inside]
    if np.any(a[eq + 1] != 34) or np.any(~_NAME_BYTE[a[eq - 1]]):
        raise NotPlain('an attribute not written name="value"')
    in_cell = is_cell[owner]
    return eq[in_cell], cell_of[owner[in_cell]]


_STR = np.frombuffer(b'str"', dtype=np.uint8)
_INLINE = np.frombuffer(b'inlineStr"', dtype=np.uint8)


def quoted_whole(a, at, most):
    """Whole numbers written at ``at`` up to a closing quote, at most ``most`` digits."""
    return _whole_until_quote(window(a, most + 1)[at])


def _whole_until_quote(w, lengths=False):
    """Whole numbers written at the start of each row of bytes ``w`` up to
    a closing quote (NotPlain for anything else, or no room for the
    quote); ``lengths``: and how many digits each has."""
    value = np.zeros(len(w), dtype=np.int64)
    live = np.ones(len(w), dtype=bool)
    digits = np.zeros(len(w), dtype=np.int64)
    for j in range(w.shape[1]):
        b = w[:, j]
        d = b - np.uint8(48)
        digit = d < 10
        if j == 0 and not digit.all():
            raise NotPlain("a number attribute this reader does not read")
        if np.any(live & ~digit & (b != 34)):
            raise NotPlain("a number attribute this reader does not read")
        live &= digit
        if not live.any():
            return (value, digits) if lengths else value
        value = np.where(live, value * 10 + d, value)
        digits += live
    raise NotPlain("a number attribute too long")


def _refs(a, at, ends=False):
    """(0-based row, 0-based column) of references such as B17 written at
    ``at``; ``ends``: and where each closing quote stands."""
    w = window(a, 12)[at]
    up = (w[:, :4] - np.uint8(65)) < 26
    if not up[:, 0].all() or np.any(up[:, 1] & up[:, 2] & up[:, 3]):
        raise NotPlain("a reference this reader does not read")
    n_letters = 1 + up[:, 1] + (up[:, 1] & up[:, 2])
    c = w[:, :3].astype(np.int64) - 64
    col = np.where(n_letters == 3, c[:, 0] * 676 + c[:, 1] * 26 + c[:, 2],
                   np.where(n_letters == 2, c[:, 0] * 26 + c[:, 1], c[:, 0]))
    row = np.empty(len(at), dtype=np.int64)
    n_digits = np.empty(len(at), dtype=np.int64)
    for k in (1, 2, 3):                                   # the digits after one, two or three letters
        pick = n_letters == k
        if pick.all():
            row[:], n_digits[:] = _whole_until_quote(w[:, k:k + 8], True)
        elif pick.any():
            row[pick], n_digits[pick] = _whole_until_quote(w[pick, k:k + 8], True)
    if np.any(row < 1) or np.any(row > 1048576) or np.any(col > 16384):
        raise NotPlain("a reference beyond a sheet")
    if ends:
        return row - 1, col - 1, at + n_letters + n_digits
    return row - 1, col - 1
