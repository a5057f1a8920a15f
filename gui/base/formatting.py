"""How numbers are shown and read back in the GUI (no Qt here)."""
from __future__ import annotations

import math
import re

SIGNIFICANT = 6
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
