"""Reading the values of a table found by core/importing/layouts.py, in a given
layout, into a :class:`Block`: each value with its unit, period and
indicator labels and its cell position.  Columns are read whole (each
distinct label parsed once), so a 20,000-row sheet costs a few list
passes, not 20,000 Python calls per column.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.model.celltext import address, is_blank, parse_year, split_label_unit, text_of, unit_text
from core.errors import InputError
from core.importing.layouts import Table, column_roles, _mostly_text


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
        fixed, fixed_t = _fixed_unit_and_period(U, T, sh, unit, many_sheets, ucode_c, uname_c, year_c)
        used = [c for c in (ucode_c, uname_c, year_c, meas_c, ind_c, code_c, val_c) if c is not None]
        rows_in = list(table.data_rows)
        drows = _rows_at_least(sh, rows_in, max(used) + 1)
        cols, n = _Columns(drows), len(drows)
        if fixed is None:               # column by column, each distinct cell read once
            codes = _each(cols[ucode_c], txt) if ucode_c is not None else [""] * n
            labels = _each(cols[uname_c], txt) if uname_c is not None else [""] * n
            ukeys = [a or b for a, b in zip(codes, labels)]
            first_label = dict(zip(reversed(ukeys), reversed(labels)))
            for key in dict.fromkeys(ukeys):         # (units in order of appearance, as each row names one)
                if key:
                    U.add(key, (key, first_label[key] or key))
            row_u = [U.index.get(k) if k else None for k in ukeys]
        else:
            row_u = [fixed] * n
        labs = cols[ind_c] if ind_c is not None else cols[code_c]
        lab_blank = _each(labs, is_blank)
        pers = _each(cols[year_c], period) if fixed_t is None else None
        vals = cols[val_c]
        code_cells = cols[code_c] if (code_c is not None and ind_c is not None) else [None] * n
        meas_cells = cols[meas_c] if meas_c is not None else [None] * n
        ind_memo = {}
        for j, r in enumerate(rows_in):
            u = row_u[j]
            if u is None or lab_blank[j]:
                if not is_blank(vals[j]):
                    unreadable.append((r, val_c, text_of(vals[j]),
                                       "no unit named" if u is None else "no indicator named", "row"))
                continue
            if pers is not None:
                p = pers[j]
                if p is None:
                    unreadable.append((r, year_c, "", "no year", "row"))
                    continue
                t = T.add(p)
            else:
                t = fixed_t
            cells3 = (type(labs[j]), labs[j], type(code_cells[j]), code_cells[j], type(meas_cells[j]), meas_cells[j])
            i = ind_memo.get(cells3)
            if i is None:
                key, info = _indicator(labs[j], code_cells[j], meas_cells[j], "", table.sheet_unit)
                i = ind_memo[cells3] = I.add(key, info)
            uu.append(u), tt.append(t), ii.append(i), rr.append(r), cc.append(val_c)
            raw.append(vals[j])
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
        fixed, fixed_t = _fixed_unit_and_period(U, T, sh, unit, many_sheets, ucode_c, uname_c, year_c)
        if fixed is not None and fixed_t is not None and len(table.data_rows) > 1:
            first_r, last_r = table.data_rows[0] + 1, table.data_rows[-1] + 1
            raise InputError(f"{where}: rows {first_r}-{last_r} hold numbers but no column names their unit or "
                             f"year (header row {table.header + 1}); name the unit column (e.g. 'uCode', "
                             "'region', '地区') or the year column ('year', '年份'), or choose another layout")
        keep = list(table.data_rows)
        drows = _rows_at_least(sh, keep, max([c for c in (ucode_c, uname_c, year_c) if c is not None] + icols) + 1)
        columns = _Columns(drows)
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
            columns = _Columns(drows)
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


def _fixed_unit_and_period(U, T, sh, unit, many_sheets, ucode_c, uname_c, year_c):
    """The unit every row of the sheet is about when no column names one
    (``unit``, else the sheet's name), and the period when no column names
    one (the sheet's); None where a column does."""
    fixed = None
    if ucode_c is None and uname_c is None:
        fixed = U.add(unit or sh.name, (unit or sh.name, unit or sh.name))
    fixed_t = None if year_c is not None else T.add(_sheet_period(sh.name, many_sheets))
    return fixed, fixed_t


def _rows_at_least(sh, rows, need) -> list:
    """The sheet's rows numbered ``rows``, each padded to ``need`` cells."""
    out = [sh.rows[r] for r in rows]
    if min(map(len, out), default=need) < need:
        for row in out:
            if len(row) < need:
                row.extend([""] * (need - len(row)))
    return out


class _Columns:
    """Columns of a list of rows, each copied out once when first asked for
    (every row is at least as wide as the columns asked for)."""

    def __init__(self, rows):
        self.rows, self.cols = rows, {}

    def __getitem__(self, c):
        col = self.cols.get(c)
        if col is None:
            col = self.cols[c] = [row[c] for row in self.rows]
        return col


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
