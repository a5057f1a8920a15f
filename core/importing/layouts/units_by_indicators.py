"""The units-by-indicators layout: units as rows, indicators as columns;
one sheet per year (its name), a year column, or a single period.  This is
the layout of a table no other layout fits."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InputError
from core.importing.block import (Block, Columns, Labels, cached, data_columns, fixed_unit_and_period,
                                  ignored_warning, indicator, join_values, make_block, period_of, units_of_columns)
from core.importing.layouts.base import Fit, Layout, ReadOptions
from core.importing.table import Table
from core.importing.roles import column_roles, first_column, mostly_text
from core.model.celltext import address, is_blank, text_of
from core.text import tr

_NOT_INDICATORS = ("note", "unit_code", "unit_name", "year")


@dataclass
class _Rows:
    """The data rows kept, their cells by column, and the unit key / period
    of each (None: the sheet's fixed unit / period)."""
    rows: list
    columns: Columns
    keys: list | None
    labels: list | None
    periods: list | None

    def only(self, ok):
        pick = lambda xs: None if xs is None else [xs[j] for j in ok]  # noqa: E731
        return _Rows(pick(self.rows), self.columns.take(ok), pick(self.keys), pick(self.labels),
                     pick(self.periods))


class UnitsByIndicators(Layout):
    name = "units-by-indicators"
    description = "units as rows, indicators as columns (one sheet per year, or a year column)"

    def fit(self, table: Table) -> Fit:
        return Fit(1, tr("units as rows and indicators as columns (read when no other layout fits)"))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        where = tr("sheet '{sheet}'", sheet=sh.name)
        ucode_c, uname_c, year_c = _unit_and_year_columns(table)
        icols, ignored = _indicator_columns(table, {ucode_c, uname_c, year_c})
        if not icols:
            raise InputError(tr("{where}: no indicator columns found right of the unit column (header row {row})",
                                where=where, row=table.header + 1))
        U, T, I = Labels(), Labels(), Labels()
        fixed, fixed_t = fixed_unit_and_period(U, T, sh, options.unit, options.many_sheets, ucode_c, uname_c,
                                               year_c)
        if fixed is not None and fixed_t is not None and len(table.data_rows) > 1:
            first_r, last_r = table.data_rows[0] + 1, table.data_rows[-1] + 1
            raise InputError(tr("{where}: rows {first}-{last} hold numbers but no column names their unit or year "
                                "(header row {row}); name the unit column (e.g. 'uCode', 'region', '地区') or the "
                                "year column ('year', '年份'), or choose another layout", where=where,
                                first=first_r, last=last_r, row=table.header + 1))
        unreadable, warnings = [], []
        rows = _rows(table, icols, ucode_c, uname_c, year_c, fixed is None, fixed_t is None)
        if (rows.keys is not None and not all(rows.keys)) or (rows.periods is not None and None in rows.periods):
            rows = rows.only(_readable_rows(rows, icols, ucode_c, uname_c, year_c, unreadable))
        if rows.keys is not None:
            first_label = dict(zip(reversed(rows.keys), reversed(rows.labels)))   # a unit's name where it first appears
            for key in dict.fromkeys(rows.keys):
                U.add(key, (key, first_label[key] or key))
            row_u = list(map(U.index.__getitem__, rows.keys))
        else:
            row_u = [fixed] * len(rows.rows)
        if rows.periods is not None:
            for p in dict.fromkeys(rows.periods):
                T.add(p)
            row_t = list(map(T.index.__getitem__, rows.periods))
        else:
            row_t = [fixed_t] * len(rows.rows)
        columns, parts, ind_of_col = rows.columns, [], []
        header_units = units_of_columns(table)
        for c in icols:
            key, info = indicator(table.head(c), None, None, header_units.get(c, ""), table.sheet_unit)
            if key in I.index:
                warnings.append(tr("{where}: column {column} repeats the indicator '{code}'", where=where,
                                   column=address(0, c)[:-1], code=key))
            ind_of_col.append(I.add(key, info))
            parts.append(columns.values(c))
        raw, parsed = join_values(parts)
        n, m = len(rows.rows), len(icols)
        uu, tt, rr = (np.tile(np.asarray(x, dtype=np.int64), m) for x in (row_u, row_t, rows.rows))
        ii, cc = np.repeat(ind_of_col, n), np.repeat(icols, n)
        warnings += ignored_warning(table, ignored, "number")
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings, parsed)


def _unit_and_year_columns(table: Table):
    """The unit code, unit name and year columns (None where absent); the
    unit names are the first text column when no header names the units."""
    ucode_c, uname_c, year_c = (first_column(table, role) for role in ("unit_code", "unit_name", "year"))
    if ucode_c is None and uname_c is None:
        roles = column_roles(table)
        cand = [c for c in table.cols if roles[c] is None and mostly_text(table, c)]
        if cand:
            uname_c = cand[0]
    return ucode_c, uname_c, year_c


def _indicator_columns(table: Table, skip):
    """``(indicator columns, ignored columns)``: a column without a header
    or of text without a role is ignored."""
    roles = column_roles(table)
    icols, ignored = [], []
    for c in table.cols:
        if c in skip or roles[c] in _NOT_INDICATORS:
            continue
        if is_blank(table.head(c)) or (roles[c] is None and mostly_text(table, c)):
            ignored.append(c)
            continue
        icols.append(c)
    return icols, ignored


def _rows(table, icols, ucode_c, uname_c, year_c, unit_column: bool, year_column: bool) -> _Rows:
    """The data rows with their unit keys and periods, read column by
    column (each distinct cell once)."""
    keep = list(table.data_rows)
    need = max([c for c in (ucode_c, uname_c, year_c) if c is not None] + icols) + 1
    columns = data_columns(table, keep, need)
    keys = labels = periods = None
    if unit_column:
        txt = cached(text_of)
        codes = columns.labels(ucode_c, txt) if ucode_c is not None else [""] * len(keep)
        labels = columns.labels(uname_c, txt) if uname_c is not None else [""] * len(keep)
        keys = codes if all(codes) else [a or b for a, b in zip(codes, labels)]
    if year_column:
        periods = columns.labels(year_c, cached(period_of))
    return _Rows(keep, columns, keys, labels, periods)


def _readable_rows(rows: _Rows, icols, ucode_c, uname_c, year_c, unreadable) -> list:
    """Positions of the rows that name their unit and year; the others are
    listed as unreadable, in order (a row without a unit only when it
    holds values)."""
    ok = []
    for j, r in enumerate(rows.rows):
        if rows.keys is not None and not rows.keys[j]:
            if any(not is_blank(rows.columns[c][j]) for c in icols):
                unreadable.append((r, uname_c if uname_c is not None else ucode_c, "", tr("no unit named"), "row"))
        elif rows.periods is not None and rows.periods[j] is None:
            unreadable.append((r, year_c, "", tr("no year"), "row"))
        else:
            ok.append(j)
    return ok


LAYOUT = UnitsByIndicators()
