"""Excel formula text the methods' formula writers are made of: numbers
written exactly, the blank-if-not-a-number guard, the weighted generalised
mean, and :class:`FormulaContext`, what the results workbook tells a
normalisation's formula writer about one indicator.

Pure text: no workbook is written here (that is ``core.exporting``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping


def number(x) -> str:
    """A number as formula text: exact (shortest repr), negatives bracketed."""
    x = float(x)
    s = str(int(x)) if x.is_integer() and abs(x) < 1e15 else repr(x)
    return f"({s})" if x < 0 else s


def if_number(ref, then, other='""') -> str:
    return f"IF(ISNUMBER({ref}),{then},{other})"


@dataclass(frozen=True)
class FormulaContext:
    """One indicator of the results workbook, for a normalisation's formula
    writer.  ``x(row)`` is the raw value's cell on that row of the Data
    sheet; ``stat(name, t)`` the cell of a statistic (count, min, max,
    mean, sd) of the indicator's raw values in period index ``t`` (over all
    periods when pooled) in the Stats sheet; ``base(row, t)`` the raw value
    of the same unit in the indicator's base period."""
    direction: float
    params: Mapping                     # the indicator's Meta parameters
    settings: object
    x: Callable[[int], str]
    stat: Callable[[str, int], str]
    base: Callable[[int, int], str]

    def param(self, name, default) -> float:
        """A Meta parameter as a number (``default`` where missing or not a number)."""
        v = self.params.get(name, default)
        try:
            return float(v) if v is not None and v == v else float(default)
        except (TypeError, ValueError):
            return float(default)

    def flag(self, name, default: bool) -> bool:
        """A Meta parameter as true / false."""
        t = str(self.params.get(name, default)).strip().lower()
        return t not in ("false", "0", "no") if default else t in ("true", "1", "yes")


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
        return f"POWER({r},{number(p)})"
    num = "+".join(if_number(r, f"{w}*{f(r)}", "0") for r, w in zip(refs, weights))
    den = "+".join(if_number(r, w, "0") for r, w in zip(refs, weights))
    mean = f"({num})/({den})"
    if p == 0:
        mean = f"EXP({mean})"
    elif p != 1:
        mean = f"POWER({mean},1/{number(p)})"
    return f'=IF(({den})>0,{mean},"")'
