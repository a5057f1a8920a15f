"""Excel formula text for the results workbook (core/exporting/workbook.py):
cell and range references, cached values, copied formulas and (from
:mod:`core.methods.excel`, where the methods' formula writers find it) the
blank-if-not-a-number guard."""
from __future__ import annotations

import functools
import math

from core.methods.excel import if_number
from core.model.celltext import column_letter

__all__ = ["cell_ref", "range_ref", "cached_value", "copy_formula", "if_number"]

_col = functools.lru_cache(maxsize=None)(column_letter)


def cell_ref(sheet, col, row, abs_col=False, abs_row=False) -> str:
    """A1 reference; ``row`` is 1-based, ``col`` 0-based."""
    ref = f"{'$' if abs_col else ''}{_col(col)}{'$' if abs_row else ''}{row}"
    return f"{sheet}!{ref}" if sheet else ref


def range_ref(sheet, col, r0, r1) -> str:
    c = _col(col)
    return f"{sheet}!${c}${r0}:${c}${r1}" if sheet else f"${c}${r0}:${c}${r1}"


def cached_value(x):
    """Cached value of a formula cell: the number, or '' where missing."""
    x = float(x)
    return x if math.isfinite(x) else ""


def copy_formula(ref) -> str:
    """A formula showing another cell's number, blank where it has none (a
    plain =ref would show 0 for an empty cell)."""
    return "=" + if_number(ref, ref)
