"""What a cell's text means as a value, and cell addresses.

This is the one reader of cell text in CoIndex: the import
(:mod:`core.importing`), the iData / template reader
(:meth:`core.model.dataset.Dataset.from_frame`) and typing or pasting into
the data sheet (:mod:`gui.sheets.clipboard`) all call :func:`parse_number`
(or :func:`parse_values`, the same rules for a whole column), so a cell
means the same thing wherever it comes from.

:func:`parse_number` reads what analysts type into indicator workbooks:
``1,234.5``, ``12.3%``, full-width ``１２３，４５６．７``, accounting negatives
``(1,234)``, numbers stored as text, and the many ways of writing "missing".
:func:`parse_values` does the same for a whole column at the speed of a
list comprehension (clean floats take a fast path).

Decisions (stated in docs/import.md and tests/core/test_celltext.py):

* ``"12.3%"`` reads as **12.3** of kind PERCENT (and ``"5‰"`` as 5): indicator
  tables list rates in percent, with the unit in a header ("城镇化率（%）"),
  so the number as written is kept and the import records the unit.  A
  *numeric* cell formatted as a percentage holds the fraction Excel stores
  (0.123); it is kept as stored, and an indicator that mixes both is warned
  about.  Where no unit can go with the value (an iData cell, a value typed
  or pasted into the data sheet) a percentage is refused with that reason.
* ``"(1,234)"`` reads as **-1234** (accounting notation; Excel itself reads
  a typed ``(1234)`` as -1234).
* Thousands separators must group by three (``1,234,567.5``); ``"1,5"`` is
  not read as 1.5 but listed as unreadable: a decimal comma is ambiguous.
* Missing: empty cells and the words of :data:`MISSING_WORDS`, compared after
  full-width forms are made ASCII and ignoring case.  The list is written
  out in docs/import.md and a test keeps the two equal.
* Booleans, dates, Excel errors (``#DIV/0!``), infinities and formulas
  without a saved value are unreadable, never silently zero.

What a read of a file returns is in :mod:`core.sheets.cells`.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata

import numpy as np

from core.text import tr

# kinds returned by the parsers
NUMBER, MISSING, BAD, PERCENT = 0, 1, 2, 3

# Text that means "no value here", in lower case as people write it.  A cell's
# text is compared after clean_text() and lower(), so it is compared with the
# words made the same way (_MISSING_KEYS: NFKC turns "…" into "...").  The one
# list: docs/import.md repeats it (tests/core/test_celltext.py checks that),
# and nothing else in CoIndex keeps its own.
MISSING_WORDS = frozenset({
    "",
    # dashes and dots of statistical yearbooks; ".." is what OECD, UN and World Bank exports write
    "-", "--", "---", "—", "——", "–", "−", "..", "...", "…", "……", "/", "\\", "*", "x", "×",
    # what R, Excel, databases and people write
    "n/a", "na", "#n/a", "nan", "null", "none", "nil", "n.a.", "n.a",
    # Chinese: none, no data, not yet available, unknown, missing
    "无", "无数据", "暂无", "不详", "缺失",
})
_MISSING_KEYS = frozenset(unicodedata.normalize("NFKC", w).strip().lower() for w in MISSING_WORDS)

_NUM = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")
_GROUPED = re.compile(r"\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d*)?\Z")
_CURRENCY = "$¥€£"
_INFINITE = ("inf", "infinity")
_YEAR = re.compile(r"(\d{4})\s*(?:年|年度|年末|年底|年初|年份)?\Z")


class CellIssue(str):
    """A cell the reader already knows cannot be a number (an Excel error
    such as ``#DIV/0!`` or a formula with no saved value); ``reason`` says why."""

    reason: str = ""

    def __new__(cls, text, reason):
        obj = super().__new__(cls, text)
        obj.reason = reason
        return obj


def clean_text(s: str) -> str:
    """NFKC-normalised and stripped: full-width digits and punctuation
    (１２３，４５６．７ ％ （ ）) become their ASCII forms, odd spaces plain."""
    return unicodedata.normalize("NFKC", s).strip()


def is_blank(v) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def is_missing(v) -> bool:
    """True for a blank cell (None, NaN, empty or spaces) and for text that is
    one of the :data:`MISSING_WORDS`; what a label cell (a unit name, a group)
    holds when it says "nothing here"."""
    if is_blank(v):
        return True
    return isinstance(v, str) and clean_text(v).lower() in _MISSING_KEYS


def parse_text_number(s: str):
    """``(value, kind, reason)`` for text; kind is NUMBER, PERCENT, MISSING or BAD."""
    if isinstance(s, CellIssue):
        if s.strip().upper() == "#N/A":
            return math.nan, MISSING, ""
        return math.nan, BAD, s.reason
    t = clean_text(s)
    if t.lower() in _MISSING_KEYS:
        return math.nan, MISSING, ""
    kind = NUMBER
    if t[-1:] in ("%", "‰"):
        kind = PERCENT
        t = t[:-1].rstrip()
    neg = False
    if t[:1] == "(" and t[-1:] == ")":
        neg, t = True, t[1:-1].strip()
    if t and t[0] in "+-−":
        neg, t = (neg != (t[0] != "+")), t[1:].lstrip()
    if t[:1] and t[0] in _CURRENCY:
        t = t[1:].lstrip()
    if t[-1:] in ("%", "‰") and kind == NUMBER:     # "(12.3%)"
        kind, t = PERCENT, t[:-1].rstrip()
    if t.lower() in _INFINITE:
        return math.nan, BAD, "not a finite number"
    if "," in t or " " in t:
        if not _GROUPED.match(t):
            return math.nan, BAD, "not a number"
        t = t.replace(",", "").replace(" ", "")
    if not _NUM.match(t):
        return math.nan, BAD, "not a number"
    x = float(t)
    if not math.isfinite(x):
        return math.nan, BAD, "not a finite number"
    return (-x if neg else x), kind, ""


def parse_number(v):
    """``(value, kind, reason)`` of any cell value (float, int, text, bool,
    date, ``None``).  ``value`` is NaN unless kind is NUMBER or PERCENT."""
    tp = type(v)
    if tp is float:
        if math.isfinite(v):
            return v, NUMBER, ""
        return math.nan, (MISSING if math.isnan(v) else BAD), ("" if math.isnan(v) else "not a finite number")
    if tp is int:
        if abs(v) < 2 ** 1024:
            return float(v), NUMBER, ""
        return math.nan, BAD, "not a finite number"        # too large for a float
    if v is None:
        return math.nan, MISSING, ""
    if isinstance(v, str):
        return parse_text_number(v) if v else (math.nan, MISSING, "")
    if isinstance(v, bool):
        return math.nan, BAD, "a TRUE/FALSE value, not a number"
    if isinstance(v, (_dt.date, _dt.datetime, _dt.time, _dt.timedelta)):
        return math.nan, BAD, "a date or time, not a number"
    if isinstance(v, (int, float, np.integer, np.floating)):
        return parse_number(float(v))
    return math.nan, BAD, "not a number"


def parse_values(values):
    """Parse a sequence of cells.  Returns ``(x, kind)`` arrays: floats (NaN
    where not a number) and the kind of every cell.  Runs of plain floats
    (what calamine returns for numeric cells) are converted by numpy at once."""
    n = len(values)
    kind = np.zeros(n, dtype=np.uint8)
    types = set(map(type, values))
    if types <= {float, int} and not _huge_int(values):     # all numeric cells: one conversion
        x = np.fromiter(values, dtype=float, count=n)
        bad = ~np.isfinite(x)
        if bad.any():
            kind[bad] = np.where(np.isnan(x[bad]), MISSING, BAD)
            x[bad] = math.nan
        return x, kind
    if types == {str} and "_" not in "".join(values):
        try:                                        # all text written as plain numbers (a CSV)
            x = np.array(values, dtype=float)
        except ValueError:
            x = None
        if x is not None:
            for k in np.flatnonzero(~np.isfinite(x)):       # "nan", "inf": the careful way
                x[k], kind[k], _ = parse_number(values[k])
            return x, kind
    x = np.empty(n)
    step = 4096
    for a in range(0, n, step):
        chunk = values[a:a + step]
        types = set(map(type, chunk))
        if types <= {float, int} and not _huge_int(chunk):  # calamine returns int for whole numbers in some files
            xs = np.array(chunk, dtype=float)
            x[a:a + len(chunk)] = xs
            bad = ~np.isfinite(xs)
            if bad.any():
                kind[a:a + len(chunk)][bad] = np.where(np.isnan(xs[bad]), MISSING, BAD)
                x[a:a + len(chunk)][bad] = math.nan
            continue
        if types == {str} and "_" not in "".join(chunk):
            try:                            # text that is all plain numbers (a CSV column)
                xs = np.array(chunk, dtype=float)
            except ValueError:
                xs = None
            if xs is not None:
                x[a:a + len(chunk)] = xs
                for k in np.flatnonzero(~np.isfinite(xs)):       # "nan", "inf": the careful way
                    x[a + k], kind[a + k], _ = parse_number(chunk[k])
                continue
        _parse_slow(chunk, x, kind, a)
    return x, kind


def _huge_int(values) -> bool:
    """Whether an int in ``values`` is too large for a float (read one by one then)."""
    return any(type(v) is int and not -2 ** 1023 < v < 2 ** 1023 for v in values)


def _parse_slow(values, x, kind, offset):
    fl = float
    for k, v in enumerate(values, offset):
        if type(v) is fl and v - v == 0:
            x[k] = v
            continue
        if v == "" or v is None:
            x[k] = math.nan
            kind[k] = MISSING
            continue
        if type(v) is str and "_" not in v:
            try:
                f = fl(v)               # plain numeric text (CSV cells, numbers stored as text)
                if f - f == 0:
                    x[k] = f
                    continue
            except ValueError:
                pass
        x[k], kind[k], _ = parse_number(v)


def reason_of(v) -> str:
    """Why ``v`` is not a number, in words for a person (current language)."""
    return reason_text(parse_number(v)[2] or "not a number")


def reason_text(reason: str) -> str:
    """A reason :func:`parse_number` gives, in the current language (a
    :class:`CellIssue`'s reason is already in it)."""
    names = {"not a number": tr("not a number"), "not a finite number": tr("not a finite number"),
             "a TRUE/FALSE value, not a number": tr("a TRUE/FALSE value, not a number"),
             "a date or time, not a number": tr("a date or time, not a number")}
    return names.get(reason, reason)


def parse_year(v):
    """A year as int from 2020, 2020.0, "2020", "２０２０年", "2020年度";
    None if the cell is not a year (1000-2999)."""
    if type(v) is bool:
        return None
    if isinstance(v, (int, np.integer)):
        y = int(v)
    elif isinstance(v, (float, np.floating)):
        if not (math.isfinite(v) and float(v).is_integer()):
            return None
        y = int(v)
    elif isinstance(v, str):
        t = clean_text(v)
        if t.endswith(".0"):
            t = t[:-2]
        m = _YEAR.match(t)
        if not m:
            return None
        y = int(m.group(1))
    else:
        return None
    return y if 1000 <= y <= 2999 else None


def text_of(v) -> str:
    """A label as text: 2020.0 -> "2020", full-width normalised, stripped."""
    if is_blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, str):
        return clean_text(v)
    return str(v).strip()


def has_cjk(s: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in s)


# ---- units of measure --------------------------------------------------------------------------
# A unit of measure is recognised by a general rule, not a list of one file's cells (docs/import.md,
# "Units of measure"):
#  * Chinese: an optional scale (万, 亿, 千 ...) and a unit word (元, 美元, 人, 件, 吨, 公顷, 千瓦时,
#    %, 百分比 ...), optionally "/ another unit" (元/人, 件/万人); per-capita forms: 人均 + a unit
#    (人均元) and 每 + a count + a unit noun (每万人, 每千人口, 每百户, 每万人(张)); an index base
#    (上年=100, 2015年=100);
#  * English and symbols: a short phrase (at most 7 words) made only of unit words (percent,
#    percentage, USD, US dollar, euro, index, score, ratio, years, tonnes, kg, km2, micrograms,
#    metre ...), scale words (thousand, million ...), numbers and years (2017 PPP $, constant 2015
#    US$), currency symbols ($ € £ ¥ %) and a few joining words (per, of, in, constant, current,
#    average, cubic, square, international ...), with at least one unit or scale word; "per X"
#    (per capita, per 1,000 people) and "% of X" (% of GDP) are units whatever X says;
#  * the same inside brackets, or after "单位：" / "Unit:".
_BASE_UNITS = (
    "元|美元|欧元|港元|日元|英镑|人民币|人|人次|户|个|家|项|件|台|辆|架|艘|吨|千克|公斤|克|公里|千米|米|平方公里|平方千米|"
    "平方米|立方米|公顷|亩|千瓦时|度|千瓦|瓦|小时|分钟|秒|天|日|周|年|月|岁|张|床|所|篇|部|套|座|条|册|种|次|倍|株|棵|头|只|"
    "标准箱|标箱|吨公里|人公里|升|毫升|毫克|微克|分贝|标准煤|吨标准煤|点|分|元/人|%|‰|‱|百分点|个百分点|百分比|"
    "名|位|例|起|份|场|处|间|栋|册|本|门|辆次|架次|人年|立方米/秒|"
    "yuan|rmb|cny|usd|us\\$|\\$|¥|€|£|eur|persons?|people|units?|tonnes?|tons?|kg|g|km2?|m2|m3|ha|kwh|mwh|gwh|"
    "hours?|days?|years?|percent|pct|index|ratio|number|count|points?|pp|score")
_UNIT_RE = re.compile(
    r"(?:单位|计量单位|unit|units)?\s*[:：]?\s*[(（\[]?\s*"
    r"(?:(?:万|亿|千|百|十|百万|千万|万亿|thousand|million|billion|trillion|mn|bn|tn|k|m)\s*)?"
    rf"(?:{_BASE_UNITS})(?:\s*[/每]\s*(?:(?:万|亿|千|百|十)?\s*(?:{_BASE_UNITS}|capita|head|year|yr))?)?"
    r"\s*[)）\]]?\Z", re.IGNORECASE)
_TRAILING_UNIT = re.compile(r"^(.*?)\s*[(（\[]([^()（）\[\]]{1,40})[)）\]]\s*\Z")
_UNIT_PREFIX = re.compile(r"^(?:单位|计量单位|unit|units|unit of measure|units of measure)\s*[:：]\s*(.+)$",
                          re.IGNORECASE)
# per-capita forms: 人均 + a unit, 每 + a count + a unit noun (+ a unit)
_CN_COUNT = r"(?:[0-9.,]+|[一二两三四五六七八九十百千万亿]+)"
_CN_NOUN = (r"(?:人口|人|户|家|平方公里|平方千米|公顷|亩|个|辆|床|名|位|吨|元|万元|亿元|千克|公斤|平方米|立方米|千瓦时|"
            r"标准煤|吨标准煤)")
_CN_TAIL = rf"(?:\s*[(（]?\s*(?:万|亿|千|百|十)?\s*(?:{_BASE_UNITS})\s*[)）]?)"
_CN_PER = re.compile(rf"(?:人均{_CN_TAIL}|每{_CN_COUNT}?\s*{_CN_NOUN}(?:拥有|有)?{_CN_TAIL}?|每{_CN_COUNT}{_CN_TAIL})\Z",
                     re.IGNORECASE)
_CN_INDEX_BASE = re.compile(r"(?:上年|去年|上年同期|\d{4}\s*年?)\s*=\s*100\Z")    # an index: 上年=100, 2015年=100
# English unit words (lower case): what a quantity is counted or measured in
_EN_UNITS = frozenset("""
    percent percentage percentages pct cent %% ‰ permille basis bps pp
    usd us$ $ dollar dollars eur euro euros € gbp pound pounds sterling £ jpy yen ¥ cny rmb yuan renminbi
    chf franc francs inr rupee rupees krw won sdr ppp ppps ncu lcu
    index indices score scores points point ratio ratios number numbers count counts
    years year yrs hours hour hrs days day weeks week months month minutes minute seconds second
    persons person people inhabitants individuals households household units unit cases deaths births
    tonnes tonne tons ton t kt mt gt kg kilograms kilogram g grams gram mg milligrams ug µg μg micrograms
    microgram km kilometres kilometers kilometre kilometer km2 km² m m2 m² m3 m³ metre metres meter meters
    ha hectares hectare acres acre litres liters litre liter l
    kwh mwh gwh twh kw mw gw toe ktoe mtoe tj pj joules
    degrees celsius °c
""".replace("%%", "%").split())
_EN_SCALES = frozenset("thousand thousands million millions billion billions trillion trillions hundred hundreds "
                       "mn bn tn mln bln k".split())
_EN_JOINING = frozenset("""
    per of in at a an the to and or by constant current prices price international intl us u.s. average mean
    median total annual nominal u s real adjusted scale from square sq cubic capita head population gdp
    equivalent eq co2 co2e co2eq ghg dioxide carbon oil energy exchange rates rate base
""".split())
_EN_TOKEN = re.compile(r"\d{4}\s*=\s*100|\d[\d,.]*|us\$|[a-zµμ°²³$€£¥]+[$²³]?|[%‰]|[/=+():,.\-]")
_NEUTRAL = frozenset("/=+():,.-")


def _english_unit(t: str) -> bool:
    """The English / symbol rule of :func:`looks_like_unit` on clean text."""
    low = t.lower()
    tokens = _EN_TOKEN.findall(low)
    if not tokens or len("".join(tokens).replace(" ", "")) < len(re.sub(r"\s+", "", low)):
        return False                        # characters no token reads (CJK, other signs)
    words = [w for w in tokens if w not in _NEUTRAL]
    if not words or len(words) > 7:
        return False
    if words[0] == "per" and len(words) >= 2:
        return True                         # per capita, per 1,000 people, per 100,000 inhabitants
    if words[0] in ("%", "percent", "percentage") and len(words) >= 2 and words[1] == "of":
        return True                         # % of GDP, percentage of total population
    if "per" in words:                      # micrograms per cubic metre, USD per person
        before = words[:words.index("per")]
        return bool(before) and all(_en_word_ok(w) for w in before) and any(w in _EN_UNITS for w in before)
    return (all(_en_word_ok(w) for w in words)
            and any(w in _EN_UNITS or w in _EN_SCALES or "=" in w for w in words))     # "=": 2015=100


def _en_word_ok(w: str) -> bool:
    return w in _EN_UNITS or w in _EN_SCALES or w in _EN_JOINING or w[0].isdigit()


def looks_like_unit(s) -> bool:
    """True for a unit of measure: 亿元, %, 万人, 元/人, (万吨), 单位：亿元, 人均元, 每万人,
    USD, US Dollar, Percentage, per 1,000 people, Micrograms per cubic metre, 2017 PPP $,
    constant 2015 US$, Average score, km2 ... (the rule is written above)."""
    if not isinstance(s, str):
        return False
    t = clean_text(s)
    if not t or len(t) > 48:
        return False
    if len(t) <= 24 and _UNIT_RE.match(t):
        return True
    t = unit_text(t)
    if not t or is_missing(t):
        return False
    if has_cjk(t):
        if t.endswith("人民币") and len(t) > 3:      # 亿元人民币
            t = t[:-3]
        return len(t) <= 16 and bool(_UNIT_RE.match(t) or _CN_PER.match(t) or _CN_INDEX_BASE.match(t))
    return _english_unit(t)


def unit_text(s: str) -> str:
    """The unit itself from "单位：亿元", "(亿元)", "亿元"."""
    t = clean_text(s)
    m = _UNIT_PREFIX.match(t)
    if m:
        t = m.group(1).strip()
    if t[:1] in "(（[" and t[-1:] in ")）]":
        t = t[1:-1].strip()
    return t


def split_label_unit(label: str):
    """``("GDP", "亿元")`` from "GDP（亿元）" or "GDP (亿元)"; the label as it
    is and ``""`` when the parenthesis does not hold a unit."""
    m = _TRAILING_UNIT.match(label)
    if m and m.group(1).strip() and looks_like_unit(m.group(2)):
        return m.group(1).strip(), unit_text(m.group(2))
    return label, ""


def column_letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based column index: 0 -> 'A', 27 -> 'AB'."""
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


def address(row: int, col: int) -> str:
    """'C7' from 0-based row 6 and column 2."""
    return f"{column_letter(col)}{row + 1}"


def column_index(letters: str) -> int:
    """0-based column index of 'A', 'AB', ..."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1
