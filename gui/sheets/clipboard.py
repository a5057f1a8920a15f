"""Reading typed or pasted cell text as numbers.

:func:`read_number` turns a cell's text into a float (NaN for missing) or
raises :class:`NotANumber` with the reason, which the data grid and the data
sheet turn into a message.  The text is read by the core's one cell-text
parser (:func:`core.model.celltext.parse_number`), so a value typed or pasted
here means what it means in an imported workbook or an iData file, and the
words that make a cell missing are :data:`core.model.celltext.MISSING_WORDS`.
"""
from __future__ import annotations

import math
import re

from core.model.celltext import MISSING, NUMBER, PERCENT, clean_text, parse_number

# digits that commas spoil: a decimal comma ("12,5") or groups not of three ("1,23,456")
_BAD_COMMAS = re.compile(r"[+-]?\d*(?:\d,\d)[\d,]*(?:\.\d*)?")


class NotANumber(ValueError):
    """Text that is not a number; ``reason`` is one of 'percent', 'comma',
    'infinite', 'text'."""

    def __init__(self, text: str, reason: str):
        super().__init__(text)
        self.text = text
        self.reason = reason


def read_number(value) -> float:
    """A typed or pasted cell as a float, NaN meaning missing.

    Numbers are read as the core reads cell text ("1,234.5", "(12)",
    full-width digits, a unicode minus); empty text and the missing words
    are missing.  Percentages ("12.3%") are refused: whether 12.3% means 12.3
    or 0.123 depends on the indicator, so the user types the value in the
    indicator's own unit.  Raises :class:`NotANumber` otherwise.
    """
    if not (value is None or isinstance(value, (str, int, float))):
        value = str(value)
    x, kind, reason = parse_number(value)
    if kind == NUMBER:
        return x
    if kind == MISSING:
        return math.nan
    text = value.strip() if isinstance(value, str) else str(value)
    if kind == PERCENT:
        raise NotANumber(text, "percent")
    if reason == "not a finite number":
        raise NotANumber(text, "infinite")
    if isinstance(value, str) and _BAD_COMMAS.fullmatch(clean_text(value)):
        raise NotANumber(text, "comma")
    raise NotANumber(text, "text")
