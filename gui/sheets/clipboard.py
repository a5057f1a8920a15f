"""Reading typed or pasted cell text as numbers.

:func:`read_number` turns a cell's text into a float (NaN for missing) or
raises :class:`NotANumber` with the reason, which the data grid and the data
sheet turn into a message.  Besides the core's missing markers,
:data:`MISSING_WORDS` holds the dashes and dots statistical yearbooks print
for "not available".
"""
from __future__ import annotations

import math
import re

from core.model.dataset import MISSING_TEXT as MISSING_MARKERS

from gui.base.formatting import clean_input

# Besides the core's missing markers (NA, #N/A, ...): the dashes and dots that
# statistical yearbooks print for "not available".
MISSING_WORDS = frozenset(MISSING_MARKERS) | {"-", "–", "—", "..", "...", "…"}
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")


class NotANumber(ValueError):
    """Text that is not a number; ``reason`` is one of 'percent', 'comma',
    'infinite', 'text'."""

    def __init__(self, text: str, reason: str):
        super().__init__(text)
        self.text = text
        self.reason = reason


def read_number(value) -> float:
    """A typed or pasted cell as a float, NaN meaning missing.

    Empty text and the missing markers in :data:`MISSING_WORDS` are missing;
    commas are accepted only as thousands separators ("1,234.5"); a unicode
    minus is a minus.  Percentages ("12.3%") are refused: whether 12.3% means
    12.3 or 0.123 depends on the indicator, so the user types the value in
    the indicator's own unit.  Raises :class:`NotANumber` otherwise.
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        raise NotANumber(str(value), "text")
    if isinstance(value, (int, float)):
        x = float(value)
        if math.isinf(x):
            raise NotANumber(str(value), "infinite")
        return x
    if not isinstance(value, str):
        value = str(value)
    if "_" not in value:                      # the common case: a plain number
        try:
            x = float(value)
        except ValueError:
            pass
        else:
            if math.isinf(x):
                raise NotANumber(value.strip(), "infinite")
            return x                          # NaN from "nan": missing
    text = _SPACES.sub(" ", str(value)).strip().replace("\u2212", "-")
    if not text or text in MISSING_WORDS:
        return math.nan
    if text.endswith("%"):
        raise NotANumber(text, "percent")
    cleaned = clean_input(text)
    try:
        if "_" in cleaned:                    # Python reads 1_000 as 1000; a spreadsheet does not
            raise ValueError(cleaned)
        x = float(cleaned)
    except (TypeError, ValueError):
        raise NotANumber(text, "comma" if re.fullmatch(r"[+-]?\d+,\d+", text) else "text") from None
    if math.isinf(x):
        raise NotANumber(text, "infinite")
    if math.isnan(x):
        return math.nan
    return x
