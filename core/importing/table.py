"""Finding the table in a sheet and the role of each of its columns.

A sheet made by a person has title rows, a line such as "单位：亿元", blank
rows, a header (sometimes two rows, the upper one merged over groups), a
row of units under the header, the data, and footnotes ("注：...",
"资料来源：...").  :func:`find_table` finds the header row and the data
rows; :func:`core.importing.roles.column_roles` names what each header cell
says its column holds (unit, year, indicator, value...).  The layouts
(core/importing/layouts/) judge and read a table from these.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from core.model.celltext import (BAD, MISSING, clean_text, is_blank, looks_like_unit, parse_number, parse_year,
                                 text_of, unit_text, address)
from core.sheets.cells import Sheet
from core.errors import InputError
from core.text import tr

def _keys(*words):
    return frozenset(re.sub(r"[\s_:：]+", "", w.lower()) for w in words)


ROLE_WORDS = {
    "unit_code": _keys("uCode", "unit code", "unitcode", "地区代码", "地区编码", "单位代码", "行政区划代码",
                       "区划代码", "iso3", "iso", "country code", "region code",
                       "location", "ref_area"),
    "unit_name": _keys("uName", "unit", "unit name", "region", "regions", "country", "countries", "economy",
                       "city", "cities", "province", "state", "county", "district", "area", "entity",
                       "地区", "地区名称", "区域", "城市", "省份", "省", "省市", "市", "市州", "区县", "县", "县区",
                       "国家", "经济体", "单位", "单位名称", "地市", "州市",
                       "reference area"),
    "year": _keys("Time", "year", "years", "period", "date", "年份", "年", "年度", "时间", "时期", "期间",
                  "time_period", "time period"),
    "ind_name": _keys("indicator", "indicators", "indicator name", "variable", "item", "series", "iName",
                      "指标", "指标名称", "项目", "变量", "名称", "指标项",
                      "subject"),
    "ind_code": _keys("iCode", "indicator code", "code", "series code", "variable code", "指标代码", "指标编码",
                      "代码", "编码", "编号"),
    "value": _keys("value", "values", "数值", "值", "数据", "取值", "指标值",
                   "obs_value", "observation value"),
    "measure": _keys("unit of measure", "units of measure", "measure", "计量单位", "量纲",
                     "unit_measure"),
    "note": _keys("note", "notes", "remark", "remarks", "comment", "备注", "说明", "注", "source", "sources",
                  "来源", "数据来源", "资料来源"),
}
_NOTE_ROW = re.compile(r"^(?:注|附注|说明|资料来源|数据来源|来源|备注|source|sources|note|notes)\s*(?:\d+\s*)?[:：.、]"
                       r"|^(?:注|附注)\s*\d|^[*※①②③④⑤]", re.IGNORECASE)
_NOTE_START = frozenset("注附说资数来备sSnN*※①②③④⑤ＳＮｓｎ＊")     # first characters _NOTE_ROW can match
HEADER_SEARCH_ROWS = 60


def header_role(v) -> str | None:
    """The role a header cell names ('unit_name', 'year', ...), 'period'
    for a year, or None."""
    if parse_year(v) is not None:
        return "period"
    t = re.sub(r"[\s_:：]+", "", text_of(v).lower())
    t = re.sub(r"[(（].*[)）]$", "", t) or t
    for role, words in ROLE_WORDS.items():
        if t in words:
            return role
    return None


@dataclass
class Table:
    """Where a sheet's table is: 0-based header row, units row, data rows
    and the columns in use."""
    sheet: Sheet
    header: int
    data_rows: list
    cols: list
    units_row: int | None = None
    group_rows: list = field(default_factory=list)
    sheet_unit: str = ""
    warnings: list = field(default_factory=list)
    filled: dict = field(default_factory=dict)     # header cells taken from a group row above
    roles: dict | None = None                      # column -> role, once computed
    sample_rows: list | None = None                # the rows column sniffing looks at, once chosen
    meta: dict = field(default_factory=dict)       # "key：value" lines above the header (key -> value text)
    chosen: dict = field(default_factory=dict)     # column -> role the user gave (wins over detection)
    columns: object = None                         # the data rows' columns read in bulk (block.data_columns)

    def head(self, c):
        v = self.sheet.value(self.header, c)
        return self.filled.get(c, "") if is_blank(v) else v


def is_label(v) -> bool:
    """A header-like cell: text that is not a number, or a year."""
    if parse_year(v) is not None:
        return True
    if isinstance(v, str):
        _, kind, _ = parse_number(v)
        return kind == BAD
    return False


def _is_number(v) -> bool:
    if type(v) is float:
        return True
    if isinstance(v, str) and v:
        _, kind, _ = parse_number(v)
        return kind not in (BAD, MISSING)
    return isinstance(v, int) and not isinstance(v, bool)


class _Content:
    """The rows with something in them, found at C speed; their non-blank
    cells [(col, value)] are listed only when asked for (the header search
    looks at a few dozen rows, not at 20,000)."""

    def __init__(self, rows, hid_r, hid_c):
        self.rows, self.hid_c, self._cells = rows, hid_c, {}
        if hid_c:
            self.idx = [r for r, row in enumerate(rows) if r not in hid_r and self.cells(r)]
        else:       # any(): a truthy cell is content; an all-falsy row may still hold a 0
            self.idx = [r for r, row in enumerate(rows)
                        if (row and row[0]) or any(row) or len(row) > row.count("") + row.count(None)]
            if hid_r:
                self.idx = [r for r in self.idx if r not in hid_r]

    def cells(self, r):
        got = self._cells.get(r)
        if got is None:
            hid = self.hid_c
            got = self._cells[r] = [(c, v) for c, v in enumerate(self.rows[r])
                                    if v != "" and v is not None and c not in hid
                                    and not (type(v) is str and v.isspace())]
        return got

    def position(self, r):
        """Position of sheet row r among the content rows (None if it has no content)."""
        k = bisect.bisect_left(self.idx, r)
        return k if k < len(self.idx) and self.idx[k] == r else None

    def __len__(self):
        return len(self.idx)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [(r, self.cells(r)) for r in self.idx[k]]
        r = self.idx[k]
        return r, self.cells(r)


def _first_value(row, hid_c):
    for c, v in enumerate(row):
        if v != "" and v is not None and c not in hid_c:
            return v
    return None


def _distinct(cells) -> set:
    return {text_of(v) for _, v in cells}


def may_start_note(values) -> bool:
    """Whether any of ``values`` (a row's first cells) reads like the start
    of a footnote ("注：", "资料来源：", "Source:", "* ..."): a row beginning
    so ends the table when it holds nothing else (the CSV fast path,
    core/importing/csvfast.py, leaves such a file to the general reading)."""
    starts = [v for v in values if isinstance(v, str) and v.lstrip()[:1] in _NOTE_START]
    return any(_NOTE_ROW.match(clean_text(v)) for v in starts)


def _is_note(cells) -> bool:
    """A footnote row: one text, starting like "注：" or "资料来源："."""
    if not cells:
        return False
    first = cells[0][1]
    return (isinstance(first, str) and bool(_NOTE_ROW.match(clean_text(first)))
            and len(_distinct(cells)) == 1)


def is_missing_text(v) -> bool:
    return isinstance(v, str) and parse_number(v)[1] == MISSING


def _labels(cells) -> list:
    return [v for _, v in cells if is_label(v) and not is_missing_text(v)]


_UNITS_ROW_LABELS = _keys("unit", "units", "unit of measure", "units of measure", "measure", "单位", "计量单位")


def _is_units_row(cells) -> bool:
    """A row of units of measure: most (at least 60%, and two) of its cells
    read as units (:func:`looks_like_unit`), or all of them; cells saying
    "nothing here" ("—", "..") and a first cell that names the row ("Unit",
    "Unit of measure", "单位") are not counted.  Such a row is never the
    second row of a two-row header."""
    if not cells:
        return False
    vals = [v for _, v in cells if not is_missing_text(v)]
    if vals and isinstance(vals[0], str) and re.sub(r"[\s_:：]+", "", vals[0].lower()) in _UNITS_ROW_LABELS:
        vals = vals[1:]
    units = sum(1 for v in vals if isinstance(v, str) and looks_like_unit(v))
    if units == len(vals):
        return units > 0
    return units >= 2 and units >= 0.6 * len(vals)


_MARK = re.compile(r"^[^\w\s]{1,3}$")                            # ":", ".", "…": a sign for "no value"
_FLAGGED = re.compile(r"^(\S+?)\s*([A-Za-z]{1,3})$")               # "12.3 p", ": c": a value and its flags
PLACEHOLDER_ROWS = 200      # rows of marks passed while looking for the numbers under a header


def _is_value_form(v) -> bool:
    """A cell in a form a value takes besides a plain number: a missing word
    ("..", "n/a", "—"), a short sign of punctuation only (":", "."), or a
    number or such a sign followed by one to three flag letters ("12.3 p",
    ": c")."""
    if _is_number(v) or is_missing_text(v):
        return True
    if not isinstance(v, str):
        return False
    t = v.strip()
    if _MARK.match(t):
        return True
    m = _FLAGGED.match(t)
    if m is None:
        return False
    head = m.group(1)
    return bool(_MARK.match(head)) or _is_number(head) or is_missing_text(head)


def _has_numbers(content, k, limit=12) -> bool:
    """Numbers in the content rows after position k (before any footnote):
    within ``limit`` rows, rows whose cells are mostly values in other
    forms (":", ": c", "..", "12.3 p": :func:`_is_value_form`) not counted;
    up to PLACEHOLDER_ROWS such rows are passed, and numbers found past the
    first ``limit`` rows count only in a column where such a row had them."""
    seen = passed = 0
    marked = set()
    for p in range(k + 1, len(content)):
        r, cells = content[p]
        if _is_note(cells):
            return False
        nums = [c for c, v in cells if _is_number(v)]
        if nums:
            return p - k <= limit or not marked.isdisjoint(nums)
        forms = [c for c, v in cells if _is_value_form(v)]
        if forms and len(forms) >= len(cells) / 2:
            passed += 1
            marked.update(forms)
            if passed > PLACEHOLDER_ROWS:
                return False
            continue
        seen += 1
        if seen >= limit:
            return False
    return False


def _merged_at(sheet, r) -> bool:
    return any(a <= r <= b and (d > c or b > a) for a, c, b, d in sheet.merged)


def find_table(sheet: Sheet, header_row: int | None = None, include_hidden: bool = False,
               where: str = "", skip_rows: int = 0) -> Table | None:
    """Find the table of a sheet; ``header_row`` (1-based) overrides the
    detection; the first ``skip_rows`` rows are ignored.  None for a sheet
    without content (below the rows skipped)."""
    hid_r = set() if include_hidden else sheet.hidden_rows
    hid_c = set() if include_hidden else sheet.hidden_cols
    content = _Content(sheet.rows, hid_r, hid_c)
    if skip_rows:
        content.idx = [r for r in content.idx if r >= skip_rows]
    if not content:
        return None
    if header_row is not None and header_row <= skip_rows:
        raise InputError(tr("{where}: header row {row} is among the {n} row(s) skipped", where=where,
                            row=header_row, n=skip_rows))
    warnings = [] if include_hidden else _hidden_warnings(sheet, where)
    sheet_unit = ""
    if header_row is not None:
        k = content.position(header_row - 1)
        if k is None:
            raise InputError(tr("{where}: header row {row} is empty or hidden", where=where, row=header_row))
    else:
        k, sheet_unit = _search_header(content)
        if k is None:
            return Table(sheet, -1, [], [], warnings=warnings + [tr("{where}: no header row followed by numbers",
                                                                    where=where)])
        k = _under_group_rows(content, sheet, k, warnings, where)
    h = content[k][0]
    group_rows = [r for r, _ in content[:k] if _merged_at(sheet, r) and r < h]
    urow = _units_row_under(content, k)
    data = _data_rows(content, k + 1 + (urow is not None), warnings, where)
    used = _used_columns(sheet.rows, h, data, hid_c)
    filled = _filled_from_group_rows(content, sheet, k, h)
    return Table(sheet, h, data, used, urow, group_rows, sheet_unit, warnings, filled, meta=_meta_lines(content, k))


_META_LINE = re.compile(r"^([^\s:：]{1,20})\s*[:：]\s*(\S.*)$")


def _meta_lines(content, k) -> dict:
    """The "key：value" lines above the header ("数据库：分省年度数据",
    "指标：地区生产总值(亿元)"): key -> value text, the first line of each key."""
    meta = {}
    for _, cells in content[max(0, k - HEADER_SEARCH_ROWS):k]:
        if cells and len(_distinct(cells)) == 1 and isinstance(cells[0][1], str):
            m = _META_LINE.match(clean_text(cells[0][1]))
            if m:
                meta.setdefault(m.group(1), m.group(2).strip())
    return meta


def _hidden_warnings(sheet, where) -> list:
    """The hidden rows and columns with content, named (they are skipped)."""
    rows, out = sheet.rows, []
    skipped = [r for r in sheet.hidden_rows if r < len(rows) and any(not is_blank(v) for v in rows[r])]
    if skipped:
        out.append(tr("{where}: hidden row(s) {rows} skipped", where=where,
                      rows=", ".join(str(r + 1) for r in sorted(skipped)[:10]) + (" ..." if len(skipped) > 10 else "")))
    if sheet.hidden_cols:
        used = sorted(c for c in sheet.hidden_cols if any(c < len(rw) and not is_blank(rw[c]) for rw in rows))
        if used:
            out.append(tr("{where}: hidden column(s) {columns} skipped", where=where,
                          columns=", ".join(address(0, c)[:-1] for c in used[:10])))
    return out


def _search_header(content):
    """``(k, sheet_unit)``: the position of the first row of two or more
    labels followed by numbers among the first HEADER_SEARCH_ROWS content
    rows (None if none), and the unit a "单位：亿元" line above it names."""
    sheet_unit = ""
    for j, (r, cells) in enumerate(content[:HEADER_SEARCH_ROWS]):
        if not cells:
            continue
        if len(_distinct(cells)) == 1:
            t = text_of(cells[0][1])
            if looks_like_unit(t) and re.match(r"^(单位|计量单位|unit)", t, re.IGNORECASE):
                sheet_unit = unit_text(t)
            continue
        if _is_note(cells):
            continue
        lab = _labels(cells)
        if len(lab) >= 2 and len(lab) == len([1 for _, v in cells if not is_missing_text(v)]) \
                and _has_numbers(content, j):
            if _is_key_value(cells) and _wider_header_below(content, j):
                continue            # a "Data Source", "World Development Indicators" line above the header
            return j, sheet_unit
    return None, sheet_unit


def _is_key_value(cells) -> bool:
    """A "key, value" line: two cells, side by side, at the row's start."""
    return len(cells) == 2 and cells[0][0] == 0 and cells[1][0] == 1


def _wider_header_below(content, j, limit=4) -> bool:
    """Among the few content rows after position j, before any number, a
    row of three or more labels (only labels) followed by numbers; "key,
    value" lines holding a number ("Stats office,2024") are passed when a
    blank row separates them from that wider header."""
    passed = False
    for k in range(j + 1, min(j + 1 + limit, len(content))):
        r, cells = content[k]
        lab = _labels(cells)
        if len(lab) >= 3 and len(lab) == len([1 for _, v in cells if not is_missing_text(v)]):
            return _has_numbers(content, k) and (not passed or content[k - 1][0] < r - 1)
        if any(_is_number(v) for _, v in cells):
            if _is_key_value(cells):
                passed = True
                continue
            return False
    return False


def _under_group_rows(content, sheet, k, warnings, where) -> int:
    """The header's position once the group rows over it (a merged or
    repeating row above a second row of labels) are passed."""
    while k + 1 < len(content):
        r0, c0 = content[k]
        r1, c1 = content[k + 1]
        lab1 = _labels(c1)
        if _is_units_row(c1) or len(lab1) < 2 or len(lab1) != len(c1) or not _has_numbers(content, k + 1):
            break
        cols0 = {c for c, _ in c0}
        vals0 = [text_of(v) for _, v in c0]
        repeated = any(x == y for x, y in zip(vals0, vals0[1:]))
        if _merged_at(sheet, r0) or repeated or any(c not in cols0 for c, _ in c1):
            warnings.append(tr("{where}: row {row} read as a group heading over the header row {header}",
                               where=where, row=r0 + 1, header=r1 + 1))
            k += 1
            continue
        break
    return k


def _units_row_under(content, k):
    """The sheet row of a row of units of measure right under the header, or None."""
    if k + 1 < len(content):
        r1, c1 = content[k + 1]
        if c1 and _is_units_row(c1) and not any(_is_number(v) for _, v in c1):
            return r1
    return None


def _data_rows(content, start, warnings, where) -> list:
    """The content rows from position ``start`` up to the first footnote."""
    rows, hid_c = content.rows, content.hid_c
    cand = content.idx[start:]
    if hid_c:
        firsts = [_first_value(rows[r], hid_c) for r in cand]
    else:                           # content rows are not empty: their first cell, unless it is blank
        firsts = [row[0] for row in map(rows.__getitem__, cand)]
        seen = set(firsts)
        if "" in seen or None in seen:
            for j in [j for j, f in enumerate(firsts) if f == "" or f is None]:
                firsts[j] = _first_value(rows[cand[j]], hid_c)
    end = len(cand)
    # footnotes: only first cells that can start one are looked at (checked once per distinct text)
    notes = {f for f in set(firsts) if isinstance(f, str) and f.lstrip()[:1] in _NOTE_START}
    for j in ([j for j, f in enumerate(firsts) if f in notes] if notes else ()):
        r, first = cand[j], firsts[j]
        if _NOTE_ROW.match(clean_text(first)) and _is_note(content.cells(r)):
            after = [rr for rr, cc in content[start + j + 1:] if any(_is_number(v) for _, v in cc)]
            if after:
                warnings.append(tr("{where}: rows after the footnote in row {row} ignored (row {numbers} holds "
                                   "numbers)", where=where, row=r + 1, numbers=after[0] + 1))
            end = j
            break
    return cand[:end]


def _used_columns(rows, h, data, hid_c) -> list:
    """The visible columns with something in the header row or a data row."""
    width = max(len(rows[h]), max(map(len, map(rows.__getitem__, data)), default=0))
    return [c for c in range(width) if c not in hid_c
            and any(c < len(rows[r]) and not is_blank(rows[r][c]) for r in [h] + data)]


def _filled_from_group_rows(content, sheet, k, h) -> dict:
    """A blank header cell under a group row takes the group row's label
    ("地区" written once over two header rows when the file carries no
    merge information: .ods, .csv); only labels that name a role."""
    filled = {}
    for r, cells in content[:k]:
        if r < h and k - content.position(r) <= 2:
            for c, v in cells:
                if is_blank(sheet.value(h, c)) and not _is_number(v):
                    filled[c] = v
    return {c: v for c, v in filled.items() if header_role(v) is not None}
