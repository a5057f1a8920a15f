"""Finding the table in a sheet and the layout it is written in.

A sheet made by a person has title rows, a line such as "单位：亿元", blank
rows, a header (sometimes two rows, the upper one merged over groups), a
row of units under the header, the data, and footnotes ("注：...",
"资料来源：...").  :func:`find_table` finds the header row and the data
rows; :func:`detect_layout` names the layout from the header:

* ``template``: the CoIndex template / COINr iData + iMeta (sheets Data and Meta);
* ``yearbook``: indicators as rows, years as columns (one sheet per unit, or a unit column);
* ``units-by-indicators``: units as rows, indicators as columns (one sheet per year,
  or a year column, or a single period);
* ``long``: unit, year, indicator, value columns.

:func:`extract` turns a table into a :class:`Block` of values with their
unit, period and indicator labels and cell positions.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy as np

from .cells import (BAD, MISSING, Sheet, clean_text, is_blank, looks_like_unit, parse_number, parse_year,
                    split_label_unit, text_of, unit_text, address)
from .errors import InputError

LAYOUTS = ("template", "yearbook", "units-by-indicators", "long")


def _keys(*words):
    return frozenset(re.sub(r"[\s_:：]+", "", w.lower()) for w in words)


ROLE_WORDS = {
    "unit_code": _keys("uCode", "unit code", "unitcode", "地区代码", "地区编码", "单位代码", "行政区划代码",
                       "区划代码", "iso3", "iso", "country code", "region code"),
    "unit_name": _keys("uName", "unit", "unit name", "region", "regions", "country", "countries", "economy",
                       "city", "cities", "province", "state", "county", "district", "area", "entity",
                       "地区", "地区名称", "区域", "城市", "省份", "省", "省市", "市", "市州", "区县", "县", "县区",
                       "国家", "经济体", "单位", "单位名称", "地市", "州市"),
    "year": _keys("Time", "year", "years", "period", "date", "年份", "年", "年度", "时间", "时期", "期间"),
    "ind_name": _keys("indicator", "indicators", "indicator name", "variable", "item", "series", "iName",
                      "指标", "指标名称", "项目", "变量", "名称", "指标项"),
    "ind_code": _keys("iCode", "indicator code", "code", "series code", "variable code", "指标代码", "指标编码",
                      "代码", "编码", "编号"),
    "value": _keys("value", "values", "数值", "值", "数据", "取值", "指标值"),
    "measure": _keys("unit of measure", "units of measure", "measure", "计量单位", "量纲"),
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

    def head(self, c):
        v = self.sheet.value(self.header, c)
        return self.filled.get(c, "") if is_blank(v) else v


def _is_label(v) -> bool:
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


class _Positions:
    """Position of a row among the sorted content rows (None if it has no content)."""

    def __init__(self, idx):
        self.idx = idx

    def get(self, r):
        k = bisect.bisect_left(self.idx, r)
        return k if k < len(self.idx) and self.idx[k] == r else None

    def __getitem__(self, r):
        k = self.get(r)
        if k is None:
            raise KeyError(r)
        return k


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


def find_table(sheet: Sheet, header_row: int | None = None, include_hidden: bool = False,
               where: str = "") -> Table | None:
    """Find the table of a sheet; ``header_row`` (1-based) overrides the
    detection.  None for a sheet without content."""
    rows = sheet.rows
    hid_r = set() if include_hidden else sheet.hidden_rows
    hid_c = set() if include_hidden else sheet.hidden_cols
    content = _Content(rows, hid_r, hid_c)
    if not content:
        return None
    warnings = []
    skipped = [r for r in sheet.hidden_rows if r < len(rows) and any(not is_blank(v) for v in rows[r])]
    if skipped and not include_hidden:
        warnings.append(f"{where}: hidden row(s) {', '.join(str(r + 1) for r in sorted(skipped)[:10])}"
                        f"{' ...' if len(skipped) > 10 else ''} skipped")
    if sheet.hidden_cols and not include_hidden:
        used = sorted(c for c in sheet.hidden_cols if any(c < len(rw) and not is_blank(rw[c]) for rw in rows))
        if used:
            warnings.append(f"{where}: hidden column(s) {', '.join(address(0, c)[:-1] for c in used[:10])} skipped")
    pos = _Positions(content.idx)
    sheet_unit = ""

    def distinct(cells):
        return {text_of(v) for _, v in cells}

    def is_note(cells):
        if not cells:
            return False
        first = cells[0][1]
        return (isinstance(first, str) and bool(_NOTE_ROW.match(clean_text(first)))
                and len(distinct(cells)) == 1)

    def labels(cells):
        return [v for _, v in cells if _is_label(v) and not (isinstance(v, str) and parse_number(v)[1] == MISSING)]

    def has_numbers(k, limit=12):
        for r, cells in content[k + 1:k + 1 + limit]:
            if is_note(cells):
                return False
            if any(_is_number(v) for _, v in cells):
                return True
        return False

    def units_row(cells):
        return bool(cells) and all(isinstance(v, str) and looks_like_unit(v) for _, v in cells)

    if header_row is not None:
        h = header_row - 1
        if pos.get(h) is None:
            raise InputError(f"{where}: header row {header_row} is empty or hidden")
        k = pos[h]
    else:
        k = None
        for j, (r, cells) in enumerate(content[:HEADER_SEARCH_ROWS]):
            if not cells:
                continue
            if len(distinct(cells)) == 1:
                t = text_of(cells[0][1])
                if looks_like_unit(t) and re.match(r"^(单位|计量单位|unit)", t, re.IGNORECASE):
                    sheet_unit = unit_text(t)
                continue
            if is_note(cells):
                continue
            lab = labels(cells)
            if len(lab) >= 2 and len(lab) == len([1 for _, v in cells if not (isinstance(v, str) and
                                                  parse_number(v)[1] == MISSING)]) and has_numbers(j):
                k = j
                break
        if k is None:
            return Table(sheet, -1, [], [], warnings=warnings + [f"{where}: no header row followed by numbers"])
        # a second header row under a merged / grouping row
        while k + 1 < len(content):
            r0, c0 = content[k]
            r1, c1 = content[k + 1]
            lab1 = labels(c1)
            if units_row(c1) or len(lab1) < 2 or len(lab1) != len(c1) or not has_numbers(k + 1):
                break
            cols0 = {c for c, _ in c0}
            merged_here = any(a <= r0 <= b and (d > c or b > a) for a, c, b, d in sheet.merged)
            vals0 = [text_of(v) for _, v in c0]
            repeated = any(x == y for x, y in zip(vals0, vals0[1:]))
            if merged_here or repeated or any(c not in cols0 for c, _ in c1):
                warnings.append(f"{where}: row {r0 + 1} read as a group heading over the header row {r1 + 1}")
                k += 1
                continue
            break
    h = content[k][0]
    group_rows = [r for r, _ in content[:k]
                  if any(a <= r <= b and (d > c or b > a) for a, c, b, d in sheet.merged) and r < h]
    urow = None
    if k + 1 < len(content):
        r1, c1 = content[k + 1]
        if c1 and units_row(c1) and not any(_is_number(v) for _, v in c1):
            urow = r1
    start = k + 1 + (urow is not None)
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
        if _NOTE_ROW.match(clean_text(first)) and is_note(content.cells(r)):
            after = [rr for rr, cc in content[start + j + 1:] if any(_is_number(v) for _, v in cc)]
            if after:
                warnings.append(f"{where}: rows after the footnote in row {r + 1} ignored (row {after[0] + 1} "
                                "holds numbers)")
            end = j
            break
    data = cand[:end]
    width = max(len(rows[h]), max(map(len, map(rows.__getitem__, data)), default=0))
    used = [c for c in range(width) if c not in hid_c
            and any(c < len(rows[r]) and not is_blank(rows[r][c]) for r in [h] + data)]
    # a blank header cell under a group row takes the group row's label ("地区" written once over
    # two header rows when the file carries no merge information: .ods, .csv)
    filled = {}
    for r, cells in content[:k]:
        if r < h and k - pos[r] <= 2:
            for c, v in cells:
                if is_blank(sheet.value(h, c)) and not _is_number(v):
                    filled[c] = v
    filled = {c: v for c, v in filled.items() if header_role(v) is not None}
    return Table(sheet, h, data, used, urow, group_rows, sheet_unit, warnings, filled)


# ---- layout ------------------------------------------------------------------------------------
def column_roles(table: Table) -> dict:
    """Column -> role from the header, with "单位" / "unit" columns that
    hold units of measure read as 'measure'."""
    if table.roles is None:
        roles = {}
        for c in table.cols:
            role = header_role(table.head(c))
            if role in ("unit_name", "unit_code") and _mostly_units(table, c):
                role = "measure"
            roles[c] = role
        table.roles = roles
    return table.roles


SAMPLE_ROWS = 400


def _sample(table, c) -> list:
    """Non-blank values of column c in up to SAMPLE_ROWS data rows spread over the table."""
    rows = table.data_rows
    if len(rows) > SAMPLE_ROWS:
        step = len(rows) / SAMPLE_ROWS
        rows = [rows[int(k * step)] for k in range(SAMPLE_ROWS)]
    vals = [table.sheet.value(r, c) for r in rows]
    return [v for v in vals if not is_blank(v)]


def _mostly_units(table, c) -> bool:
    vals = _sample(table, c)
    return bool(vals) and sum(looks_like_unit(v) for v in vals if isinstance(v, str)) >= 0.6 * len(vals)


def _mostly_text(table, c) -> bool:
    vals = _sample(table, c)
    texts = [v for v in vals if isinstance(v, str)]       # (only text can be a label that is not a year)
    if not vals or len(texts) < 0.6 * len(vals):
        return False
    return sum(1 for v in texts if _is_label(v) and parse_year(v) is None) >= 0.6 * len(vals)


def detect_layout(table: Table) -> str:
    roles = set(column_roles(table).values())
    if ("ind_name" in roles or "ind_code" in roles) and "value" in roles:
        return "long"
    n_periods = list(column_roles(table).values()).count("period")
    if n_periods >= 1 and "year" not in roles:
        return "yearbook"
    return "units-by-indicators"


# ---- extraction --------------------------------------------------------------------------------
@dataclass
class Block:
    """Values read from one table: for value k, ``raw[k]`` at 0-based
    (``rows[k]``, ``cols[k]``) of ``sheet`` belongs to unit ``units[u[k]]``,
    period ``periods[t[k]]`` and indicator ``indicators[i[k]]``.  Units are
    (code, name); indicators are dicts with key, code, label, name, unit."""
    sheet: str
    units: list
    periods: list
    indicators: list
    u: np.ndarray
    t: np.ndarray
    i: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    raw: list
    unreadable: list = field(default_factory=list)     # (row, col, text, reason, what)
    warnings: list = field(default_factory=list)


class _Labels:
    """Distinct labels in order of appearance -> index."""

    def __init__(self):
        self.index, self.items = {}, []

    def add(self, key, item=None):
        k = self.index.get(key)
        if k is None:
            k = self.index[key] = len(self.items)
            self.items.append(item if item is not None else key)
        return k


def _indicator(label_cell, code_cell=None, unit_cell=None, header_unit="", sheet_unit=""):
    label = text_of(label_cell)
    name, unit = split_label_unit(label)
    code = text_of(code_cell) if code_cell is not None else ""
    if unit_cell is not None and not is_blank(unit_cell):
        unit = unit_text(text_of(unit_cell))
    unit = unit or header_unit or sheet_unit
    key = code or name
    return key, {"key": key, "code": code, "label": label, "name": name, "unit": unit}


def _period_of(v):
    y = parse_year(v)
    if y is not None:
        return y
    return text_of(v) or None


def extract(table: Table, layout: str, unit: str | None = None, many_sheets: bool = False) -> Block:
    """Values of a table in the given layout.  ``unit`` names the unit of a
    yearbook sheet without a unit column (default: the sheet name)."""
    sh, roles = table.sheet, column_roles(table)
    where = f"sheet '{sh.name}'"
    first = lambda role: next((c for c in table.cols if roles.get(c) == role), None)  # noqa: E731
    U, T, I = _Labels(), _Labels(), _Labels()
    uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
    unreadable, warnings = [], []
    units_of_cols = {}
    if table.units_row is not None:
        units_of_cols = {c: unit_text(text_of(sh.value(table.units_row, c))) for c in table.cols}
    ignored = []

    tcache, pcache = {}, {}

    def txt(v):                     # text_of, remembered: a unit column repeats its labels
        key = (type(v), v)
        t = tcache.get(key)
        if t is None:
            t = tcache[key] = text_of(v)
        return t

    def period(v):
        key = (type(v), v)
        if key not in pcache:
            pcache[key] = _period_of(v)
        return pcache[key]

    def unit_key(code_cell, name_cell, r, c):
        code, name = txt(code_cell), txt(name_cell)
        if not code and not name:
            return None
        code = code or name
        return U.add(code, (code, name or code))

    if layout == "yearbook":
        pcols = [c for c in table.cols if roles[c] == "period"]
        label_c = first("ind_name")
        ucode_c, uname_c = first("unit_code"), first("unit_name")
        if label_c is None:
            cand = [c for c in table.cols if roles[c] is None and c < pcols[0] and _mostly_text(table, c)]
            cand = cand or [c for c in table.cols if roles[c] is None and c < pcols[0]]
            if not cand and (ucode_c is None and uname_c is None):
                raise InputError(f"{where}: no column of indicator names left of the year columns")
            label_c = cand[0] if cand else None
        if label_c is None:
            # units as rows and years as columns: the sheet is one indicator (sheet name = indicator)
            warnings.append(f"{where}: rows are units and columns years; the sheet is read as the indicator "
                            f"'{sh.name}'")
        code_c, meas_c = first("ind_code"), first("measure")
        if ucode_c is None and uname_c is None:
            fixed = U.add(unit or sh.name, (unit or sh.name, unit or sh.name))
        tix = [T.add(parse_year(sh.value(table.header, c))) for c in pcols]
        left = label_c if label_c is not None else max(c for c in (ucode_c, uname_c) if c is not None)
        ignored = [c for c in table.cols if c > left and roles[c] not in ("period", "ind_code", "measure",
                                                                           "unit_code", "unit_name")]
        for r in table.data_rows:
            lab = sh.value(r, label_c) if label_c is not None else sh.name
            vals = [sh.value(r, c) for c in pcols]
            if is_blank(lab):
                if any(not is_blank(v) for v in vals):
                    unreadable.append((r, label_c, "", "values without an indicator name", "row"))
                continue
            if all(is_blank(v) for v in vals):
                warnings.append(f"{where}, row {r + 1}: '{text_of(lab)}' has no values; read as a heading")
                continue
            key, info = _indicator(lab, None if code_c is None else sh.value(r, code_c),
                                   None if meas_c is None else sh.value(r, meas_c), "", table.sheet_unit)
            i = I.add(key, info)
            if ucode_c is None and uname_c is None:
                u = fixed
            else:
                u = unit_key(sh.value(r, ucode_c) if ucode_c is not None else "",
                             sh.value(r, uname_c) if uname_c is not None else "", r, label_c)
                if u is None:
                    unreadable.append((r, uname_c if uname_c is not None else ucode_c, "", "no unit named", "row"))
                    continue
            uu.extend([u] * len(pcols))
            tt.extend(tix)
            ii.extend([i] * len(pcols))
            rr.extend([r] * len(pcols))
            cc.extend(pcols)
            raw.extend(vals)
    elif layout == "long":
        ind_c, code_c, val_c = first("ind_name"), first("ind_code"), first("value")
        ucode_c, uname_c, year_c, meas_c = first("unit_code"), first("unit_name"), first("year"), first("measure")
        if val_c is None or (ind_c is None and code_c is None):
            raise InputError(f"{where}: the long layout needs an indicator column and a value column "
                             f"(header row {table.header + 1})")
        fixed = None
        if ucode_c is None and uname_c is None:
            fixed = U.add(unit or sh.name, (unit or sh.name, unit or sh.name))
        fixed_t = None if year_c is not None else T.add(_sheet_period(sh.name, many_sheets))
        for r in table.data_rows:
            u = fixed if fixed is not None else unit_key(
                sh.value(r, ucode_c) if ucode_c is not None else "",
                sh.value(r, uname_c) if uname_c is not None else "", r, 0)
            lab = sh.value(r, ind_c) if ind_c is not None else sh.value(r, code_c)
            if u is None or is_blank(lab):
                if not is_blank(sh.value(r, val_c)):
                    unreadable.append((r, val_c, text_of(sh.value(r, val_c)),
                                       "no unit named" if u is None else "no indicator named", "row"))
                continue
            if fixed_t is None:
                p = period(sh.value(r, year_c))
                if p is None:
                    unreadable.append((r, year_c, "", "no year", "row"))
                    continue
                t = T.add(p)
            else:
                t = fixed_t
            key, info = _indicator(lab, sh.value(r, code_c) if (code_c is not None and ind_c is not None) else None,
                                   None if meas_c is None else sh.value(r, meas_c), "", table.sheet_unit)
            uu.append(u), tt.append(t), ii.append(I.add(key, info)), rr.append(r), cc.append(val_c)
            raw.append(sh.value(r, val_c))
    else:                                 # units-by-indicators
        ucode_c, uname_c, year_c = first("unit_code"), first("unit_name"), first("year")
        if ucode_c is None and uname_c is None:
            cand = [c for c in table.cols if roles[c] is None and _mostly_text(table, c)]
            if cand:
                uname_c = cand[0]
        skip = {ucode_c, uname_c, year_c}
        icols = []
        for c in table.cols:
            if c in skip or roles[c] in ("note", "unit_code", "unit_name", "year"):
                continue
            if is_blank(table.head(c)) or (roles[c] is None and _mostly_text(table, c)):
                ignored.append(c)
                continue
            icols.append(c)
        if not icols:
            raise InputError(f"{where}: no indicator columns found right of the unit column "
                             f"(header row {table.header + 1})")
        fixed = None
        if ucode_c is None and uname_c is None:
            fixed = U.add(unit or sh.name, (unit or sh.name, unit or sh.name))
        fixed_t = None if year_c is not None else T.add(_sheet_period(sh.name, many_sheets))
        if fixed is not None and fixed_t is not None and len(table.data_rows) > 1:
            first_r, last_r = table.data_rows[0] + 1, table.data_rows[-1] + 1
            raise InputError(f"{where}: rows {first_r}-{last_r} hold numbers but no column names their unit or "
                             f"year (header row {table.header + 1}); name the unit column (e.g. 'uCode', "
                             "'region', '地区') or the year column ('year', '年份'), or choose another layout")
        need = max([c for c in (ucode_c, uname_c, year_c) if c is not None] + icols) + 1
        all_rows = sh.rows
        keep = list(table.data_rows)
        drows = [all_rows[r] for r in keep]
        if min(map(len, drows), default=need) < need:
            for row in drows:
                if len(row) < need:
                    row.extend([""] * (need - len(row)))
        columns = list(zip(*drows)) if drows else [()] * need      # (every row is at least `need` cells wide)
        keys = codes = labels = pers = None
        if fixed is None:       # column by column, each distinct cell read once
            codes = _each(columns[ucode_c], txt) if ucode_c is not None else [""] * len(drows)
            labels = _each(columns[uname_c], txt) if uname_c is not None else [""] * len(drows)
            keys = codes if all(codes) else [a or b for a, b in zip(codes, labels)]
        if fixed_t is None:
            pers = _each(columns[year_c], period)
        if (keys is not None and not all(keys)) or (pers is not None and None in pers):
            ok = []
            for j, r in enumerate(keep):        # rows naming no unit or no year, reported in order
                if keys is not None and not keys[j]:
                    if any(not is_blank(drows[j][c]) for c in icols):
                        unreadable.append((r, uname_c if uname_c is not None else ucode_c, "", "no unit named",
                                           "row"))
                elif pers is not None and pers[j] is None:
                    unreadable.append((r, year_c, "", "no year", "row"))
                else:
                    ok.append(j)
            pick = lambda xs: None if xs is None else [xs[j] for j in ok]  # noqa: E731
            keep, drows, keys, labels, pers = pick(keep), pick(drows), pick(keys), pick(labels), pick(pers)
            columns = list(zip(*drows)) if drows else [()] * need
        if keys is not None:
            first_label = dict(zip(reversed(keys), reversed(labels)))     # a unit's name where it first appears
            for key in dict.fromkeys(keys):
                U.add(key, (key, first_label[key] or key))
            row_u = list(map(U.index.__getitem__, keys))
        else:
            row_u = [fixed] * len(keep)
        if pers is not None:
            for p in dict.fromkeys(pers):
                T.add(p)
            row_t = list(map(T.index.__getitem__, pers))
        else:
            row_t = [fixed_t] * len(keep)
        n = len(keep)
        ind_of_col = []
        for c in icols:
            key, info = _indicator(table.head(c), None, None, units_of_cols.get(c, ""), table.sheet_unit)
            if key in I.index:
                warnings.append(f"{where}: column {address(0, c)[:-1]} repeats the indicator '{key}'")
            ind_of_col.append(I.add(key, info))
            raw.extend(columns[c])
        m = len(icols)
        uu, tt, rr = (np.tile(np.asarray(x, dtype=np.int64), m) for x in (row_u, row_t, keep))
        ii, cc = np.repeat(ind_of_col, n), np.repeat(icols, n)
    if ignored:
        names = ", ".join(f"{address(0, c)[:-1]} '{text_of(table.head(c))}'" for c in ignored[:8])
        warnings.append(f"{where}: column(s) {names} ignored (not a {'year' if layout == 'yearbook' else 'number'} "
                        "column)")
    arr = lambda x: np.asarray(x, dtype=np.int64)  # noqa: E731
    return Block(sh.name, U.items, T.items, I.items, arr(uu), arr(tt), arr(ii), arr(rr), arr(cc), raw,
                 unreadable, warnings)


def _each(column, fn) -> list:
    """``fn`` of every cell of a column, computed once per distinct cell
    (distinct by type too: 1, 1.0 and True read differently)."""
    types = set(map(type, column))
    if len(types) == 1:
        memo = {v: fn(v) for v in set(column)}
        return list(map(memo.__getitem__, column))
    keyed = list(zip(map(type, column), column))
    memo = {k: fn(k[1]) for k in set(keyed)}
    return list(map(memo.__getitem__, keyed))


def _sheet_period(name, many_sheets):
    """The period a sheet stands for: its name as a year ("2020", "2020年"),
    else its name when several sheets are read, else no period."""
    y = parse_year(name)
    if y is not None:
        return y
    return name if many_sheets else None
