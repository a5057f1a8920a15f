"""The wide-periods layout: one row per unit, each value column named by
an indicator and a year ("le_1990", "gnipc_2021", "GDP_2020", "gdp2020",
"GDP (2020)", "GDP 2020", "2020年GDP"), as UNDP's Human Development Report
composite-indices time series is written (with iso3, country, hdicode,
region columns).

Detected when most value columns split into (stem, year) and at least two
stems share at least two years; read as indicator = stem, period = year.
The unit is the unit code / name column (the first text column when no
header names one); other text columns (hdicode, a second region column)
and columns without a year in their name are ignored, each named in a
warning.
"""
from __future__ import annotations

import re

from core.errors import InputError
from core.importing.block import Block, Labels, cached, indicator, make_block
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.table import Table
from core.importing.roles import column_roles, first_column, mostly_text
from core.model.celltext import (address, clean_text, column_letter, is_blank, parse_year, split_label_unit,
                                 text_of)
from core.text import tr

_STEM_YEAR = re.compile(r"^(?P<stem>.*?[^\W\d_].*?)[\s_\-.]*[(（\[]?(?P<year>(?:18|19|20)\d\d)(?:年|年度)?[)）\]]?$")
_YEAR_STEM = re.compile(r"^(?P<year>(?:18|19|20)\d\d)(?:年度|年)?[\s_\-.]*(?P<stem>[^\W\d_].*)$")
_NOT_VALUES = ("unit_code", "unit_name", "note", "measure")


def split_stem_year(header):
    """``(stem, unit, year)`` of a column name joining an indicator and a
    year ("le_1990" -> ("le", "", 1990); "GDP_2020(亿元)" -> ("GDP", "亿元",
    2020)), or None."""
    label = clean_text(text_of(header))
    if not label or parse_year(label) is not None:
        return None
    name, unit = split_label_unit(label)
    for pattern in (_STEM_YEAR, _YEAR_STEM):
        m = pattern.match(name)
        if m:
            stem = m.group("stem").strip(" _-.")
            if stem:
                return stem, unit, int(m.group("year"))
    return None


def _plan(table: Table):
    """``(unit_code, unit_name, {column: (stem, unit, year)}, ignored columns)``."""
    roles = column_roles(table)
    ucode, uname = first_column(table, "unit_code"), first_column(table, "unit_name")
    if ucode is None and uname is None:
        cand = [c for c in table.cols if roles[c] is None and split_stem_year(table.head(c)) is None
                and mostly_text(table, c)]
        uname = cand[0] if cand else None
    split, ignored = {}, []
    for c in table.cols:
        if c in (ucode, uname):
            continue
        got = split_stem_year(table.head(c))
        if got is not None and roles[c] not in _NOT_VALUES and not mostly_text(table, c):
            split[c] = got
        else:
            ignored.append(c)
    return ucode, uname, split, ignored


def _shared_stems(split: dict) -> list:
    """The stems that share two or more years with another stem."""
    years = {}
    for stem, _, year in split.values():
        years.setdefault(stem, set()).add(year)
    return [s for s in years if any(t != s and len(years[s] & years[t]) >= 2 for t in years)]


class WidePeriods(Layout):
    name = "wide-periods"
    description = "units as rows, columns named by indicator and year (le_1990, GDP_2020, 2020年GDP)"

    def fit(self, table: Table) -> Fit:
        roles = set(column_roles(table).values())
        if "year" in roles or "period" in roles:
            return Fit(0, tr("the header has a year column or year columns"))
        ucode, uname, split, ignored = _plan(table)
        if ucode is None and uname is None:
            return Fit(0, tr("no column names the units"))
        values = [c for c in ignored if not mostly_text(table, c)] + list(split)
        shared = _shared_stems(split)
        if len(shared) < 2 or len(split) < 0.6 * len(values):
            return Fit(0, tr("the value columns' names do not join indicators and years shared by several "
                             "indicators"))
        years = sorted({y for _, _, y in split.values()})
        return Fit(4, tr("{n} columns named by indicator and year ({indicators} indicators, years {first}-{last})",
                         n=len(split), indicators=len({s for s, _, _ in split.values()}), first=years[0],
                         last=years[-1]))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        where = tr("sheet '{sheet}'", sheet=sh.name)
        ucode, uname, split, ignored = _plan(table)
        if (ucode is None and uname is None) or not split:
            raise InputError(tr("{where}: no unit column and columns named by indicator and year (header row {row})",
                                where=where, row=table.header + 1))
        U, T, I = Labels(), Labels(), Labels()
        col_t, col_i = {}, {}
        for c, (stem, unit, year) in split.items():
            key, info = indicator(stem, None, None, unit, table.sheet_unit)
            col_i[c] = I.add(key, info)
            col_t[c] = T.add(year)
        txt = cached(text_of)
        uu, tt, ii, rr, cc, raw, unreadable = [], [], [], [], [], [], []
        cols = list(split)
        for r in table.data_rows:
            code = txt(sh.value(r, ucode)) if ucode is not None else ""
            name = txt(sh.value(r, uname)) if uname is not None else ""
            vals = [sh.value(r, c) for c in cols]
            if not code and not name:
                if any(not is_blank(v) for v in vals):
                    unreadable.append((r, ucode if ucode is not None else uname, "", tr("no unit named"), "row"))
                continue
            u = U.add(code or name, (code or name, name or code))
            for c, v in zip(cols, vals):
                uu.append(u), tt.append(col_t[c]), ii.append(col_i[c]), rr.append(r), cc.append(c)
                raw.append(v)
        warnings = []
        text_cols = [c for c in ignored if mostly_text(table, c)]
        other = [c for c in ignored if c not in text_cols]
        warnings += _ignored(sh.name, table, text_cols, tr("labels or groups, not values"))
        warnings += _ignored(sh.name, table, other, tr("no year in the column's name"))
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings)

    def roles(self, table: Table, options: ReadOptions) -> dict:
        """The header's roles, but only the unit columns read name the units:
        the others are left out as labels or groups (with a warning)."""
        ucode, uname, _, ignored = _plan(table)
        roles = dict(column_roles(table))
        for c in ignored:
            if roles.get(c) in ("unit_code", "unit_name"):
                roles[c] = None
        return roles

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """Units as rows, keyed "unit"; columns keyed "code|period"."""
        rows, columns = {}, {}
        for a, r in zip(cells.units, cells.rows):
            rows.setdefault(str(units[a]), int(r) + 1)
        for b, d, c in zip(cells.periods, cells.indicators, cells.columns):
            columns.setdefault(f"{codes[d]}|{periods[b]}", column_letter(int(c)))
        return CellMap("unit", "code|period", rows, columns)


def _ignored(sheet, table, cols, why) -> list:
    if not cols:
        return []
    names = ", ".join(f"{address(0, c)[:-1]} '{text_of(table.head(c))}'" for c in cols[:8])
    more = tr(" and {n} more", n=len(cols) - 8) if len(cols) > 8 else ""
    return [tr("sheet '{sheet}': column(s) {columns} ignored ({why})", sheet=sheet, columns=names + more, why=why)]


LAYOUT = WidePeriods()
