"""Cell values as people write them, and cell addresses.

:func:`parse_number` reads what analysts type into indicator workbooks:
``1,234.5``, ``12.3%``, full-width ``１２３，４５６．７``, accounting negatives
``(1,234)``, numbers stored as text, and the many ways of writing "missing".
:func:`parse_values` does the same for a whole column at the speed of a
list comprehension (clean floats take a fast path).

Decisions (stated in docs and tests):

* ``"12.3%"`` reads as **12.3** and reports the unit ``%`` (and ``"5‰"`` as
  5 with ``‰``): indicator tables list rates in percent, with the unit in a
  header ("城镇化率（%）"), so the number as written is kept.  A *numeric*
  cell formatted as a percentage holds the fraction Excel stores (0.123);
  it is kept as stored, and an indicator that mixes both is warned about.
* ``"(1,234)"`` reads as **-1234** (accounting notation; Excel itself reads
  a typed ``(1234)`` as -1234).
* Thousands separators must group by three (``1,234,567.5``); ``"1,5"`` is
  not read as 1.5 but listed as unreadable: a decimal comma is ambiguous.
* Missing: empty cells, ``—``, ``——``, ``-``, ``--``, ``–``, ``…``, ``...``,
  ``/``, ``n/a``, ``NA``, ``#N/A``, ``NaN``, ``null``, ``none``, ``无数据``.
* Booleans, dates, Excel errors (``#DIV/0!``) and formulas without a saved
  value are unreadable, never silently zero.
"""
from __future__ import annotations

import csv as _csv
import datetime as _dt
import hashlib as _hashlib
import io as _io
import math
import os as _os
import re
import unicodedata
import zipfile as _zipfile
import zlib as _zlib
from dataclasses import dataclass as _dataclass, field as _field

import numpy as np

from .errors import InputError

# kinds returned by the parsers
NUMBER, MISSING, BAD, PERCENT = 0, 1, 2, 3

MISSING_WORDS = frozenset({
    "", "-", "--", "---", "—", "——", "–", "−", "...", "…", "……", "/", "\\", "*", "x", "×",
    "n/a", "na", "#n/a", "nan", "null", "none", "nil", "n.a.", "n.a", "无", "无数据", "暂无", "不详", "缺失",
})

_NUM = re.compile(r"(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\Z")
_GROUPED = re.compile(r"\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d*)?\Z")
_CURRENCY = "$¥€£"
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


def parse_text_number(s: str):
    """``(value, kind, reason)`` for text; kind is NUMBER, PERCENT, MISSING or BAD."""
    if isinstance(s, CellIssue):
        if s.strip().upper() == "#N/A":
            return math.nan, MISSING, ""
        return math.nan, BAD, s.reason
    t = clean_text(s)
    if t.lower() in MISSING_WORDS:
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
        return float(v), NUMBER, ""
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
    x = np.empty(n)
    kind = np.zeros(n, dtype=np.uint8)
    step = 4096
    for a in range(0, n, step):
        chunk = values[a:a + step]
        types = set(map(type, chunk))
        if types <= {float, int}:          # calamine returns int for whole numbers in some files
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
    return parse_number(v)[2] or "not a number"


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
_BASE_UNITS = (
    "元|美元|欧元|港元|人民币|人|人次|户|个|家|项|件|台|辆|架|艘|吨|千克|公斤|克|公里|千米|米|平方公里|平方千米|"
    "平方米|立方米|公顷|亩|千瓦时|度|千瓦|瓦|小时|天|日|年|月|岁|张|床|所|篇|部|套|座|条|册|种|次|倍|株|头|只|"
    "标准箱|标箱|吨公里|人公里|升|毫克|微克|分贝|标准煤|吨标准煤|点|分|元/人|%|‰|‱|百分点|"
    "yuan|rmb|cny|usd|us\\$|\\$|eur|persons?|people|units?|tonnes?|tons?|kg|g|km2?|m2|m3|ha|kwh|mwh|gwh|"
    "hours?|days?|years?|percent|pct|index|ratio|number|count|points?|pp|score")
_UNIT_RE = re.compile(
    r"(?:单位|计量单位|unit|units)?\s*[:：]?\s*[(（\[]?\s*"
    r"(?:(?:万|亿|千|百|十|百万|千万|万亿|thousand|million|billion|trillion|mn|bn|tn|k|m)\s*)?"
    rf"(?:{_BASE_UNITS})(?:\s*[/每]\s*(?:(?:万|亿|千|百|十)?\s*(?:{_BASE_UNITS}|capita|head|year|yr))?)?"
    r"\s*[)）\]]?\Z", re.IGNORECASE)
_TRAILING_UNIT = re.compile(r"^(.*?)\s*[(（\[]([^()（）\[\]]{1,16})[)）\]]\s*\Z")
_UNIT_PREFIX = re.compile(r"^(?:单位|计量单位|unit|units)\s*[:：]\s*(.+)$", re.IGNORECASE)


def looks_like_unit(s) -> bool:
    """True for a unit of measure: 亿元, %, 万人, 元/人, (万吨), 单位：亿元, USD, km2 ..."""
    if not isinstance(s, str):
        return False
    t = clean_text(s)
    return bool(t) and len(t) <= 24 and bool(_UNIT_RE.match(t))


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
    """Spreadsheet column letter of a 0-based column index."""
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


# ==== reading the cells of a file, safely ======================================================
# Reading: every file is checked before a parser sees it, so that bad
# files fail within seconds and bounded memory with a message that names
# the file:
#
# * size: at most ``MAX_FILE_BYTES`` on disk;
# * content sniffing: the first bytes decide what the file is (zip, OLE,
#   PDF, HTML, text ...), whatever its extension says;
# * OLE containers holding an ``EncryptedPackage`` are password-protected
#   workbooks;
# * zip archives: every member's declared size and compression ratio are
#   checked against ``MAX_MEMBER_BYTES`` / ``MAX_TOTAL_BYTES`` /
#   ``MAX_RATIO`` before anything is decompressed (calamine refuses a member
#   that inflates past its declared size, so a lying header cannot pass);
# * every XML member's prolog is read: a ``<!DOCTYPE`` or ``<!ENTITY``
#   (entity-expansion bombs) is refused;
# * an .xlsx worksheet is streamed once to find its true extent (calamine
#   allocates rows x columns densely: one cell at A1 and one at XFD1048576
#   would ask for 550 GB), its hidden rows and columns, Excel error cells
#   and formulas without a saved value (calamine reads both as empty).

MAX_FILE_BYTES = 64 * 2**20
MAX_MEMBER_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
MAX_RATIO = 100
MAX_CELLS = 8_000_000
MAX_MEMBERS = 10_000
WORKBOOK_EXTS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_EXTS = (".csv", ".tsv", ".txt")


class ImportCancelled(InputError):
    """The progress callback asked to stop."""


@_dataclass
class Sheet:
    """One sheet's cells: ``rows[r][c]`` is the value at 0-based absolute row
    ``r`` and column ``c`` ('' when empty).  Merged areas are filled with
    their top-left value (a merged header applies across the merge)."""
    name: str
    rows: list
    hidden_rows: frozenset = frozenset()
    hidden_cols: frozenset = frozenset()
    merged: list = _field(default_factory=list)      # (r0, c0, r1, c1) inclusive
    visible: bool = True

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int):
        row = self.rows[r] if r < len(self.rows) else ()
        return row[c] if c < len(row) else ""


@_dataclass
class WorkbookCells:
    """What :func:`read_workbook_cells` read: the file, its sha256, its
    format, the sheets read and the names of all sheets."""
    path: str
    sha256: str
    format: str
    sheets: list
    sheet_names: list
    warnings: list = _field(default_factory=list)

    @property
    def file(self) -> str:
        return _os.path.basename(self.path)


def _magic_kind(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for sig, kind in ((b"%pdf", "a PDF document"), (b"\x89png", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                      (b"gif8", "a GIF image"), (b"<html", "a web page (HTML)"), (b"<!doctype html", "a web page (HTML)"),
                      (b"<table", "a web page (HTML table)"), (b"{\\rtf", "an RTF document"),
                      (b"\x1f\x8b", "a gzip archive"), (b"rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive")):
        if low.startswith(sig):
            return kind
    if low.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            return "an Excel 2003 XML spreadsheet"
        return "an XML document"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:
                return "text"
        try:
            head.decode("gb18030")
            return "text"
        except UnicodeDecodeError:
            pass
    return "unknown"


def _hash_and_scan(path, name):
    """sha256 of the file, its first bytes, and whether it holds an
    OLE ``EncryptedPackage`` stream name."""
    h = _hashlib.sha256()
    marker = "EncryptedPackage".encode("utf-16-le")
    found, head, tail = False, b"", b""
    try:
        with open(path, "rb") as f:
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                if not head:
                    head = chunk[:4096]
                h.update(chunk)
                if not found and head.startswith(b"\xd0\xcf\x11\xe0"):
                    found = marker in tail + chunk
                    tail = chunk[-len(marker):]
    except OSError as e:
        raise InputError(f"{name}: cannot read the file ({e.strerror})") from None
    return h.hexdigest(), head, found


def _xml_prolog_ok(z, info, name) -> None:
    """Refuse DTDs and entity declarations (entity-expansion bombs) in an
    XML member: they can only stand before the root element."""
    seen = b""
    with z.open(info) as f:
        while len(seen) < (1 << 20):
            chunk = f.read(65536)
            if not chunk:
                break
            seen += chunk
            text = seen
            if text[:2] in (b"\xff\xfe", b"\xfe\xff") or text[1:2] == b"\x00" or text[:1] == b"\x00":
                text = seen.decode("utf-16", errors="ignore").encode("utf-8")
            m = re.search(rb"<[A-Za-z_]", text)
            pre = text if m is None else text[:m.start()]
            if b"<!DOCTYPE" in pre.upper() or b"<!ENTITY" in pre.upper():
                raise InputError(f"{name}: refused: part '{info.filename}' declares a DTD or XML entities "
                                 "(an entity-expansion attack, or a file not made by a spreadsheet program)")
            if m is not None:
                return
    raise InputError(f"{name}: refused: part '{info.filename}' has no XML root element in its first megabyte")


def _check_zip(path, name):
    """Open a zip-based workbook and check it before any parser reads it.
    Returns (ZipFile, format) with format 'xlsx', 'xlsb' or 'ods'."""
    try:
        z = _zipfile.ZipFile(path)
        infos = z.infolist()
    except _zipfile.BadZipFile as e:
        raise InputError(f"{name}: the workbook is damaged or truncated (not a complete zip archive: {e})") from None
    except (OSError, ValueError, EOFError) as e:
        raise InputError(f"{name}: the workbook is damaged or truncated ({e})") from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"{name}: refused: the archive has {len(infos)} parts (at most {MAX_MEMBERS})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{name}: the workbook is password-protected (encrypted archive); "
                             "remove the password and save it again")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(f"{name}: refused: part '{info.filename}' expands to {info.file_size / 2**20:.0f} MB "
                             f"(a zip bomb, or a workbook too large to import; the limit is "
                             f"{MAX_MEMBER_BYTES // 2**20} MB per part and {MAX_TOTAL_BYTES // 2**20} MB in all)")
        if info.file_size > (1 << 20) and ratio > MAX_RATIO:
            raise InputError(f"{name}: refused: part '{info.filename}' is compressed {ratio:.0f} to 1 "
                             f"(a zip bomb; real workbooks compress less than {MAX_RATIO} to 1)")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        fmt = "xlsx"
    elif "xl/workbook.bin" in names:
        fmt = "xlsb"
    elif "content.xml" in names:
        fmt = "ods"
    elif "word/document.xml" in names:
        raise InputError(f"{name}: not a workbook: this is a Word document")
    elif "ppt/presentation.xml" in names:
        raise InputError(f"{name}: not a workbook: this is a PowerPoint presentation")
    else:
        raise InputError(f"{name}: not a workbook: a zip archive without a spreadsheet inside "
                         f"(no xl/workbook.xml or content.xml)")
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            try:
                _xml_prolog_ok(z, info, name)
            except (_zipfile.BadZipFile, _zlib.error, EOFError, OSError) as e:
                raise InputError(f"{name}: the workbook is damaged (part '{info.filename}': {e})") from None
    return z, fmt


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_parts(z) -> dict:
    """Sheet name -> worksheet XML part of an .xlsx, from workbook.xml and
    its relationships (parsed with defusedxml)."""
    from defusedxml import ElementTree as DET
    try:
        wb = DET.fromstring(z.read("xl/workbook.xml"))
        rels = DET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {}
    for r in rels:
        if _local(r.tag) == "Relationship":
            t = r.get("Target", "")
            t = t.lstrip("/") if t.startswith("/") else "xl/" + t
            targets[r.get("Id")] = _os.path.normpath(t).replace("\\", "/")
    out = {}
    for el in wb.iter():
        if _local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), None)
            if rid in targets:
                out[el.get("name")] = targets[rid]
    return out


_ROW = re.compile(rb"<row\b([^>]*)>")
_ROW_R = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
_ROW_R1 = re.compile(rb'<row r="(\d+)"')             # how Excel, LibreOffice and openpyxl write it
_R_ATTR = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_COL = re.compile(rb"<col\b([^>]*)>")
_MIN, _MAX = re.compile(rb'\bmin="(\d+)"'), re.compile(rb'\bmax="(\d+)"')
_WIDE_COL = re.compile(rb'<c r="([A-Z]{2,3})\d')
_ERR_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*\bt="e"[^>]*>(?:<f\b[^>]*(?:/>|>[^<]*</f>))?<v>([^<]*)</v>')
_NOVALUE_F = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>/]*>(?:<f\b[^>]*/>|<f\b[^>]*>([^<]*)</f>)(?:<v\s*/>|<v>\s*</v>)?</c>')


@_dataclass
class _SheetScan:
    max_row: int = 0
    max_col: int = 0
    hidden_rows: set = _field(default_factory=set)
    hidden_cols: set = _field(default_factory=set)
    issues: dict = _field(default_factory=dict)      # (r, c) -> CellIssue


def _scan_sheet_xml(z, part, name, sheet) -> _SheetScan:
    """Stream one worksheet part once (bounded memory): true extent, hidden
    rows and columns, error cells, formulas without a saved value."""
    s = _SheetScan()
    carry, in_data, rowcount = b"", False, 0
    widest = b"A"
    try:
        f = z.open(part)
    except KeyError:
        return s
    with f:
        while True:
            chunk = f.read(4 << 20)
            text = carry + chunk
            if chunk:
                cut = text.rfind(b"<")
                if cut <= 0 or len(text) - cut > 65536:
                    cut = len(text)
                text, carry = text[:cut], text[cut:]
            else:
                carry = b""
            if not in_data:
                k = text.find(b"<sheetData")
                head = text if k < 0 else text[:k]
                for m in _COL.finditer(head):
                    if _HIDDEN.search(m.group(1)):
                        lo, hi = _MIN.search(m.group(1)), _MAX.search(m.group(1))
                        if lo and hi:
                            s.hidden_cols.update(range(int(lo.group(1)) - 1, min(int(hi.group(1)), 16384)))
                in_data = k >= 0
            rs = _ROW_R1.findall(text) or _ROW_R.findall(text)
            n_tags = text.count(b"<row")            # (a <rowBreaks> only over-counts by one)
            if rs:
                s.max_row = max(s.max_row, max(map(int, rs)))
            if n_tags > len(rs):        # rows without an r attribute: count them
                rowcount += n_tags
                s.max_row = max(s.max_row, rowcount)
            if b"hidden" in text:
                for m in _ROW.finditer(text):
                    if _HIDDEN.search(m.group(1)):
                        r = _R_ATTR.search(m.group(1))
                        if r:
                            s.hidden_rows.add(int(r.group(1)) - 1)
            for w in set(_WIDE_COL.findall(text)):
                if (len(w), w) > (len(widest), widest):
                    widest = w
            if b't="e"' in text:
                for m in _ERR_CELL.finditer(text):
                    rc = (int(m.group(2)) - 1, column_index(m.group(1).decode()))
                    err = m.group(3).decode("utf-8", "replace")
                    s.issues[rc] = CellIssue(err, f"an Excel error value {err}")
            if b"<f" in text:
                for m in _NOVALUE_F.finditer(text):
                    rc = (int(m.group(2)) - 1, column_index(m.group(1).decode()))
                    formula = (m.group(3) or b"").decode("utf-8", "replace")
                    s.issues[rc] = CellIssue("=" + formula, "a formula with no saved value (the file was "
                                             "not recalculated after it was written; open and save it in Excel)")
            if not chunk:
                break
    s.max_col = max(column_index(widest.decode()) + 1, 26 if s.max_row else 0)
    if s.max_row * s.max_col > MAX_CELLS:
        cols = column_letter(s.max_col - 1)
        raise InputError(f"{name}, sheet '{sheet}': refused: the sheet spans A1:{cols}{s.max_row} "
                         f"({s.max_row:,} rows x {s.max_col:,} columns); CoIndex imports sheets of at most "
                         f"{MAX_CELLS:,} cells")
    return s


_ODS_TOK = re.compile(rb'<table:table(\s[^>]*)?>|(</table:table>)|<table:table-column(\s[^>]*?)?/?>'
                      rb'|<table:table-row(\s[^>]*)?>|(</table:table-row>)|<table:(covered-)?table-cell(\s[^>]*?)?(/?)>')
_ODS_ATTR = {k: re.compile(rb'table:' + k.encode() + rb'="([^"]*)"') for k in
             ("name", "number-columns-repeated", "number-rows-repeated", "visibility",
              "number-columns-spanned", "number-rows-spanned")}


def _ods_attr(attrs, key, default=b""):
    m = _ODS_ATTR[key].search(attrs) if attrs else None
    return m.group(1) if m else default


def _scan_ods(z, name) -> dict:
    """Sheet -> (hidden rows, hidden columns, merged areas) of an .ods, which
    calamine does not report, from one regex pass over content.xml; and the
    true extent of every sheet read, refused past MAX_CELLS before calamine
    expands repeated rows and columns (a 10 kB file can ask for 60,000 rows
    x 1,000 columns: 4 GB; calamine reads every sheet of an .ods when it
    opens it, so every sheet is checked)."""
    try:
        with z.open("content.xml") as f:
            data = f.read()
    except (_zipfile.BadZipFile, _zlib.error, EOFError, OSError) as e:
        raise InputError(f"{name}: the workbook is damaged (content.xml: {e})") from None
    out, cur = {}, None
    r = c = 0
    row_rep, max_r, max_c = 1, 0, 0
    for m in _ODS_TOK.finditer(data):
        g = m.groups()
        if m.group(0).startswith(b"<table:table") and g[0] is not None or m.group(0) in (b"<table:table>",):
            if cur is not None:
                break
            sname = _ods_attr(g[0], "name").decode("utf-8", "replace")
            cur = out[sname] = [set(), set(), [], 0, 0]
            r = c = max_r = max_c = 0
        elif g[1] is not None:                                  # </table:table>
            if cur is not None:
                cur[3], cur[4] = max_r, max_c
                if max_r * max_c > MAX_CELLS:
                    raise InputError(f"{name}, sheet '{sname}': refused: the sheet spans {max_r:,} rows x "
                                     f"{max_c:,} columns; CoIndex imports sheets of at most {MAX_CELLS:,} cells")
            cur = None
        elif cur is None:
            continue
        elif g[2] is not None or m.group(0).startswith(b"<table:table-column"):
            rep = min(int(_ods_attr(g[2], "number-columns-repeated", b"1")), 16384)
            if _ods_attr(g[2], "visibility", b"visible") != b"visible":
                cur[1].update(range(c, c + rep))
            c += rep
        elif m.group(0).startswith(b"<table:table-row"):
            c = 0
            row_rep = min(int(_ods_attr(g[3], "number-rows-repeated", b"1")), 1 << 20)
            if _ods_attr(g[3], "visibility", b"visible") != b"visible" and row_rep <= 65536:
                cur[0].update(range(r, r + row_rep))
        elif g[4] is not None:                                  # </table:table-row>
            r += row_rep
        else:                                                   # a cell
            attrs = g[6] or b""
            rep = min(int(_ods_attr(attrs, "number-columns-repeated", b"1")), 16384)
            cs = int(_ods_attr(attrs, "number-columns-spanned", b"1"))
            rs = int(_ods_attr(attrs, "number-rows-spanned", b"1"))
            if cs > 1 or rs > 1:
                cur[2].append((r, c, r + rs - 1, c + cs - 1))
            if g[5] is None and (b"value-type" in attrs or g[7] != b"/"):     # a cell with content
                max_r, max_c = max(max_r, r + row_rep), max(max_c, c + rep)
            c += rep
    return {k: (frozenset(v[0]), frozenset(v[1]), v[2]) for k, v in out.items()}


def _calamine_error(e, name) -> InputError:
    import python_calamine as pc
    if isinstance(e, getattr(pc, "PasswordError", ())):
        return InputError(f"{name}: the workbook is password-protected; remove the password and save it again")
    return InputError(f"{name}: the workbook is damaged and cannot be read ({type(e).__name__}: {e})")


def _apply_merges(rows, merged):
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows) or (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS:
            continue
        row0 = rows[r0]
        v = row0[c0] if c0 < len(row0) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = v


def read_workbook_cells(path, sheet=None, *, engine: str = "auto", progress=None) -> WorkbookCells:
    """Read the cells of a workbook or CSV file, safely and fast.

    Parameters
    ----------
    path : .xlsx, .xlsm, .xlsb, .xls, .ods, or .csv (UTF-8 with or without BOM, or GB18030).
    sheet : a sheet name (or list of names) to read; None reads every visible sheet.
    engine : "auto" (python-calamine, openpyxl if calamine is missing) or "openpyxl"
        (.xlsx / .xlsm only, read-only mode).
    progress : optional ``progress(fraction, message)``; returning False cancels
        (raises :class:`ImportCancelled`).

    Raises :class:`InputError` naming the file (and sheet) for anything that
    cannot be read, within seconds and bounded memory.
    """
    path = _os.fspath(path)
    name = _os.path.basename(path)
    ext = _os.path.splitext(path)[1].lower()

    def step(frac, msg):
        if progress is not None and progress(frac, msg) is False:
            raise ImportCancelled(f"{name}: import cancelled")

    if not _os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    size = _os.path.getsize(path)
    if size == 0:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise InputError(f"{name}: refused: the file is {size / 2**20:.0f} MB; CoIndex imports files of at most "
                         f"{MAX_FILE_BYTES // 2**20} MB (save the sheets you need in a smaller workbook or a CSV)")
    step(0.0, "checking the file")
    sha, head, encrypted = _hash_and_scan(path, name)
    kind = _magic_kind(head)
    if ext in TEXT_EXTS:
        if kind in ("zip", "ole"):
            raise InputError(f"{name}: this is an Excel workbook saved with a {ext} name; rename it to .xlsx or .xls")
        if kind != "text":
            raise InputError(f"{name}: not a text (CSV) file: it looks like {kind}")
        sh = _read_csv(path, name, ext)
        return WorkbookCells(path, sha, "csv", [sh], [sh.name])
    if ext not in WORKBOOK_EXTS:
        raise InputError(f"{name}: unsupported file type '{ext or 'none'}' "
                         f"(use {', '.join(WORKBOOK_EXTS + ('.csv',))})")
    warnings = []
    z = None
    if kind == "ole":
        if encrypted:
            raise InputError(f"{name}: the workbook is password-protected (encrypted); open it in Excel, "
                             "remove the password (File > Info > Protect Workbook) and save it again")
        fmt = "xls"
    elif kind == "zip":
        z, fmt = _check_zip(path, name)
    elif kind == "text":
        raise InputError(f"{name}: not an Excel workbook: this is a text file (if it is a CSV, name it .csv)")
    elif kind == "unknown":
        raise InputError(f"{name}: not an Excel workbook (the content is not a spreadsheet format CoIndex "
                         "knows; the file may be damaged)")
    else:
        raise InputError(f"{name}: not an Excel workbook: it looks like {kind}")
    if ext != "." + fmt and not (ext == ".xlsm" and fmt == "xlsx"):
        warnings.append(f"{name}: the file is really an .{fmt} workbook despite its {ext} name; read as .{fmt}")
    ods_info = _scan_ods(z, name) if fmt == "ods" else {}
    if engine == "openpyxl" or (engine == "auto" and not _have_calamine()):
        if fmt != "xlsx":
            raise InputError(f"{name}: reading .{fmt} files needs python-calamine (pip install python-calamine)")
        reader = _OpenpyxlReader(path, name)
    else:
        reader = _CalamineReader(path, fmt, name, ext)
    try:
        names, visible = reader.names, reader.visible
        wanted = _choose_sheets(names, visible, sheet, name, warnings)
        parts = _sheet_parts(z) if fmt == "xlsx" else {}
        sheets = []
        for k, sn in enumerate(wanted):
            step(0.1 + 0.8 * k / len(wanted), f"reading sheet '{sn}'")
            scan = None
            if fmt == "xlsx":
                part = parts.get(sn)
                scan = _SheetScan() if part is None else _scan_sheet_xml(z, part, name, sn)
                if part is None:
                    for p in (n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                        _scan_sheet_xml(z, p, name, sn)      # extent check of every part we cannot place
            elif fmt == "ods":
                ods = ods_info.get(sn)
                scan = _SheetScan(hidden_rows=ods[0], hidden_cols=ods[1]) if ods else None
            rows, merged = reader.rows(sn)
            if fmt == "ods" and sn in ods_info and not merged:
                merged = ods_info[sn][2]
            if scan is not None:
                for (r, c), issue in scan.issues.items():
                    if r < len(rows):
                        row = rows[r]
                        if c >= len(row):
                            row.extend([""] * (c + 1 - len(row)))
                        row[c] = issue
            _apply_merges(rows, merged)
            sheets.append(Sheet(sn, rows, frozenset(scan.hidden_rows) if scan else frozenset(),
                                frozenset(scan.hidden_cols) if scan else frozenset(), merged, visible.get(sn, True)))
    finally:
        reader.close()
        if z is not None:
            z.close()
    step(0.95, "read")
    return WorkbookCells(path, sha, fmt, sheets, names, warnings)


def _have_calamine() -> bool:
    try:
        import python_calamine  # noqa: F401
        return True
    except ImportError:
        return False


def _choose_sheets(names, visible, sheet, name, warnings):
    if not names:
        raise InputError(f"{name}: the workbook has no sheets")
    if sheet is None:
        out = [n for n in names if visible.get(n, True)]
        hidden = [n for n in names if not visible.get(n, True)]
        if hidden:
            warnings.append(f"{name}: hidden sheet(s) {', '.join(hidden)} not read (name them to read them)")
        return out
    wanted = [sheet] if isinstance(sheet, str) else list(sheet)
    for w in wanted:
        if w not in names:
            raise InputError(f"{name}: no sheet named '{w}' (sheets: {', '.join(names)})")
    return wanted


class _CalamineReader:
    def __init__(self, path, fmt, name, ext):
        import python_calamine as pc
        self.name = name
        try:
            if ext.lstrip(".") == fmt or (ext == ".xlsm" and fmt == "xlsx"):
                self.wb = pc.CalamineWorkbook.from_path(path)
            else:                        # content and extension differ: let calamine sniff the bytes
                with open(path, "rb") as fh:
                    self.wb = pc.CalamineWorkbook.from_filelike(_io.BytesIO(fh.read()))
            self.names = list(self.wb.sheet_names)
            self.visible = {m.name: m.visible == pc.SheetVisibleEnum.Visible for m in self.wb.sheets_metadata}
        except Exception as e:
            raise _calamine_error(e, name) from None

    def rows(self, sheet):
        try:
            s = self.wb.get_sheet_by_name(sheet)
            if s.height * s.width > MAX_CELLS:
                raise InputError(f"{self.name}, sheet '{sheet}': refused: the sheet has {s.height:,} rows x "
                                 f"{s.width:,} columns; CoIndex imports sheets of at most {MAX_CELLS:,} cells")
            r0, c0 = s.start or (0, 0)
            data = s.to_python()
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (s.merged_cell_ranges or [])]
        except InputError:
            raise
        except Exception as e:
            raise _calamine_error(e, f"{self.name}, sheet '{sheet}'") from None
        if c0:
            pad = [""] * c0
            data = [pad + row for row in data]
        if r0:
            data = [[] for _ in range(r0)] + data
        return data, merged

    def close(self):
        try:
            self.wb.close()
        except Exception:
            pass


class _OpenpyxlReader:
    """Fallback for .xlsx / .xlsm when python-calamine is not installed:
    openpyxl in read-only mode (defusedxml makes it refuse entity bombs)."""

    def __init__(self, path, name):
        import openpyxl
        self.name = name
        try:
            self.wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:
            raise InputError(f"{name}: the workbook is damaged and cannot be read ({type(e).__name__}: {e})") from None
        self.names = list(self.wb.sheetnames)
        self.visible = {ws.title: ws.sheet_state == "visible" for ws in self.wb.worksheets}

    def rows(self, sheet):
        ws = self.wb[sheet]
        try:
            data = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
            merged = []
            # read-only worksheets do not load merged ranges; read them from the XML
            src = getattr(ws, "_source", None) or getattr(ws, "xml_source", None)
            if src is not None:
                from defusedxml import ElementTree as DET
                for _, el in DET.iterparse(src):
                    if _local(el.tag) == "mergeCell":
                        a, _, b = el.get("ref", "").partition(":")
                        ma, mb = re.match(r"([A-Z]+)(\d+)", a), re.match(r"([A-Z]+)(\d+)", b or a)
                        if ma and mb:
                            merged.append((int(ma.group(2)) - 1, column_index(ma.group(1)),
                                           int(mb.group(2)) - 1, column_index(mb.group(1))))
                    el.clear()
        except Exception as e:
            raise InputError(f"{self.name}, sheet '{sheet}': cannot be read ({type(e).__name__}: {e})") from None
        data = [[(v if not isinstance(v, int) or isinstance(v, bool) else float(v)) for v in row] for row in data]
        return data, merged

    def close(self):
        self.wb.close()


def _read_csv(path, name, ext) -> Sheet:
    with open(path, "rb") as f:
        raw = f.read()
    if b"\x00" in raw:
        raise InputError(f"{name}: not a text (CSV) file (it contains binary data)")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{name}: the file is neither UTF-8 nor GB18030 text")
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    first = text.split("\n", 1)[0]
    if ext == ".tsv" or ("\t" in first and "," not in first):
        delim = "\t"
    elif first.count(";") > first.count(","):
        delim = ";"
    else:
        delim = ","
    try:
        rows = [[c for c in row] for row in _csv.reader(_io.StringIO(text, newline=""), delimiter=delim)]
    except _csv.Error as e:
        raise InputError(f"{name}: cannot be read as CSV ({e})") from None
    return Sheet(_os.path.splitext(name)[0], rows)
