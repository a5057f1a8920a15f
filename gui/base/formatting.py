"""How numbers are shown and read back in the GUI (no Qt here).

An indicator's values are shown with one number of decimals: the one set
for it in the indicator sheet (its ``decimals`` Meta param, 0 to 6), or
"auto", the fewest that show all its values exactly (see below)."""
from __future__ import annotations

import math
import re

import numpy as np

from core.project.overrides import fixed_decimals

SIGNIFICANT = 6
# An indicator's values are shown with one number of decimals, the fewest
# that show every one of its values exactly (1582.3 and 2706.58: two), but
# never more than MAX_DECIMALS (a value with more digits is rounded for
# display; editing and copying keep every digit).  Values within a
# millionth of a unit of the last decimal shown count as exact, so that
# binary noise (0.1 + 0.2) does not ask for more decimals.
MAX_DECIMALS = 4
_EXACT = 1e-6
# 1,234 or 12,345,678.9: commas only as thousands separators
_THOUSANDS = re.compile(r"^\s*[+-]?\d{1,3}(,\d{3})+(\.\d*)?\s*$")


def format_value(value: float) -> str:
    """A value for display: up to six significant digits, thousands
    separators, no scientific notation for large numbers.  Missing (NaN) is
    the empty string; views decide how to show it."""
    if value is None or not math.isfinite(value):
        return ""
    s = f"{value:.{SIGNIFICANT}g}"
    if "e" in s:
        return f"{value:,.0f}" if abs(value) >= 1 else s
    decimals = len(s.split(".")[1]) if "." in s else 0
    return f"{value:,.{decimals}f}"


def set_decimals(framework, codes=None) -> list:
    """The decimals set for each indicator (``codes``, default all of the
    framework's), None where automatic: the ``fixed`` of
    :func:`indicator_decimals`."""
    codes = framework.indicator_codes if codes is None else codes
    return [fixed_decimals(framework[c]) for c in codes]


def indicator_decimals(values, fixed=None) -> np.ndarray:
    """Decimals to show for each indicator (column) of ``values`` (any
    array whose last axis is the indicators): ``fixed[i]`` where it is set
    (a number from :func:`set_decimals`), else the rule of MAX_DECIMALS
    above; 0 for an indicator without values."""
    v = np.asarray(values, dtype=float)
    v = v.reshape(-1, v.shape[-1]) if v.ndim else v.reshape(1, 1)
    finite = np.isfinite(v)
    v = np.where(finite, v, 0.0)
    out = np.full(v.shape[1], MAX_DECIMALS, dtype=int)
    undecided = np.ones(v.shape[1], dtype=bool)
    for d in range(MAX_DECIMALS):
        exact = (np.abs(v - np.round(v, d)) <= _EXACT * 10.0 ** -d).all(axis=0)
        now = undecided & exact
        out[now] = d
        undecided &= ~exact
    if fixed is not None:
        for i, d in enumerate(fixed):
            if d is not None:
                out[i] = int(d)
    return out


def format_fixed(value: float, decimals: int) -> str:
    """A value with ``decimals`` decimals and thousands separators; missing
    (NaN) is the empty string, as in :func:`format_value`."""
    if value is None or not math.isfinite(value):
        return ""
    return f"{value:,.{decimals}f}"


def edit_text(value: float) -> str:
    """A value as text to edit: every digit kept, so that confirming an
    editor without changes does not round the value."""
    if value is None or not math.isfinite(value):
        return ""
    s = repr(float(value))
    return s[:-2] if s.endswith(".0") else s


def clean_input(value):
    """What the user typed, made ready for the core's ``SetValues``.

    Blank text is None (missing); commas used as thousands separators are
    dropped; anything else is passed on unchanged so that the core judges it
    and names the cell in its message.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        if _THOUSANDS.match(value):
            return value.replace(",", "").strip()
        return value.strip()
    return value


def fmt(value, decimals=2, sign=False) -> str:
    """A number for a label, read-out or results cell: fixed decimals,
    thousands separators, a dash when missing."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:+,.{decimals}f}" if sign else f"{value:,.{decimals}f}"


# the rule of a score's decimals lives in core (the results workbook uses it too)
from core.pipeline.meaning import SCORE_DECIMALS_MAX, SCORE_DECIMALS_MIN, score_decimals  # noqa: E402,F401


def node_score_decimals(project, code: str) -> int:
    """The decimals of the scores of the node ``code`` of ``project``:
    :func:`score_decimals` of all its scores, or the project's
    ``score_decimals`` setting."""
    fixed = project.settings.score_decimals
    if fixed is not None:
        return int(fixed)
    return score_decimals(project.engine.score(code))
