"""Excel formula text for the results workbook (core/exporting/workbook.py):
cell and range references, numbers written exactly, and the weighted
mean with missing children skipped and the weights renormalised."""
from __future__ import annotations

import functools
import math

from core.model.dataset import column_letter

# ---- --------------------------------------------------------------
_col = functools.lru_cache(maxsize=None)(column_letter)


def _n(x) -> str:
    """A number as formula text: exact (shortest repr), negatives bracketed."""
    x = float(x)
    s = str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
    return f"({s})" if x < 0 else s


def _cell(sheet, col, row, abs_col=False, abs_row=False) -> str:
    """A1 reference; ``row`` is 1-based, ``col`` 0-based."""
    ref = f"{'$' if abs_col else ''}{_col(col)}{'$' if abs_row else ''}{row}"
    return f"{sheet}!{ref}" if sheet else ref


def _range(sheet, col, r0, r1) -> str:
    c = _col(col)
    return f"{sheet}!${c}${r0}:${c}${r1}" if sheet else f"${c}${r0}:${c}${r1}"


def _value(x):
    """Cached value of a formula cell: the number, or '' where missing."""
    x = float(x)
    return x if math.isfinite(x) else ""


def _isnum(ref, then, other='""') -> str:
    return f"IF(ISNUMBER({ref}),{then},{other})"


def _copy(ref) -> str:
    """A formula showing another cell's number, blank where it has none (a
    plain =ref would show 0 for an empty cell)."""
    return "=" + _isnum(ref, ref)


def weighted_mean_formula(refs, weights, p) -> str:
    """Excel formula of the weighted generalised mean of power ``p`` (1
    arithmetic, 0 geometric, -1 harmonic) of the cells ``refs`` with weight
    cells / names ``weights``; blank children are skipped and the weights
    renormalised over the present ones; blank when none is present."""
    def f(r):
        if p == 1:
            return r
        if p == 0:
            return f"LN({r})"
        return f"POWER({r},{_n(p)})"
    num = "+".join(_isnum(r, f"{w}*{f(r)}", "0") for r, w in zip(refs, weights))
    den = "+".join(_isnum(r, w, "0") for r, w in zip(refs, weights))
    mean = f"({num})/({den})"
    if p == 0:
        mean = f"EXP({mean})"
    elif p != 1:
        mean = f"POWER({mean},1/{_n(p)})"
    return f'=IF(({den})>0,{mean},"")'
