"""The units-by-indicators layout: units as rows, indicators as columns;
one sheet per year (its name), a year column, or a single period.  This is
the layout of a table no other layout fits."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InputError
from core.importing.block import (Block, Columns, Grid, Labels, coded, data_columns, fixed_unit_and_period,
                                  grid_block, ignored_warning, indicator, join_values, periods_of, texts_of,
                                  units_of_columns)
from core.importing.layouts.base import Fit, Layout, ReadOptions
from core.importing.table import Table
from core.importing.roles import column_roles, first_column, mostly_text
from core.model.celltext import address, is_blank
from core.text import tr

_NOT_INDICATORS = ("note", "unit_code", "unit_name", "year")


@dataclass
class _Rows:
    """The data rows kept, their cells by column, the unit key and period
    of each as ``(codes, values)`` (row j's is ``values[codes[j]]``,
    :func:`core.importing.block.coded`; None: the sheet's fixed unit /
    period), and the unit name column (None: none)."""
    rows: np.ndarray
    columns: Columns
    keys: tuple | None
    name_c: int | None
    periods: tuple | None

    def only(self, ok):
        pick = lambda xs: None if xs is None else (xs[0][ok], xs[1])  # noqa: E731
        return _Rows(self.rows[ok], self.columns.take(ok.tolist()), pick(self.keys), self.name_c, pick(self.periods))


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
        if _flagged(rows):
            rows = rows.only(_readable_rows(rows, icols, ucode_c, uname_c, year_c, unreadable))
        n = len(rows.rows)
        if rows.keys is not None:
            row_u = _labelled(rows.keys, U, _unit_items(rows.columns, rows.name_c))
        else:
            row_u = np.full(n, fixed)
        row_t = _labelled(rows.periods, T) if rows.periods is not None else np.full(n, fixed_t)
        parts, ind_of_col = [], []
        header_units = units_of_columns(table)
        for c in icols:
            key, info = indicator(table.head(c), None, None, header_units.get(c, ""), table.sheet_unit)
            if key in I.index:
                warnings.append(tr("{where}: column {column} repeats the indicator '{code}'", where=where,
                                   column=address(0, c)[:-1], code=key))
            ind_of_col.append(I.add(key, info))
            parts.append(rows.columns.values(c))
        raw, parsed = join_values(parts)
        warnings += ignored_warning(table, ignored, "number")
        return grid_block(sh.name, U, T, I, Grid(row_u, row_t, rows.rows, ind_of_col, icols), raw, unreadable,
                          warnings, parsed)


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
        if is_blank(table.head(c)) or (roles[c] is None and not _numbers(table, c) and mostly_text(table, c)):
            ignored.append(c)
            continue
        icols.append(c)
    return icols, ignored


def _numbers(table: Table, c) -> bool:
    """Column ``c`` is known to hold only numbers (pandas read it so:
    core/importing/csvfast.py), so no cell of it is a label."""
    return table.columns is not None and table.columns.numeric(c)


def _rows(table, icols, ucode_c, uname_c, year_c, unit_column: bool, year_column: bool) -> _Rows:
    """The data rows with their unit keys, unit names and periods, read
    column by column (each distinct cell once)."""
    keep = table.data_rows
    need = max([c for c in (ucode_c, uname_c, year_c) if c is not None] + icols) + 1
    columns = data_columns(table, keep, need)
    keys = periods = None
    if unit_column:
        codes = columns.label_codes(ucode_c, texts_of) if ucode_c is not None else None
        if codes is None or not all(codes[1]):
            labels = columns.label_codes(uname_c, texts_of) if uname_c is not None else None
            codes = _either(codes, labels, len(keep))
        keys = codes
    if year_column:
        periods = columns.label_codes(year_c, periods_of)
    return _Rows(columns.row_numbers(keep), columns, keys, uname_c if unit_column else None, periods)


def _either(codes, labels, n) -> tuple:
    """Each row's unit code, or its name where it has no code (both as ``(codes, values)``)."""
    a = [""] * n if codes is None else [codes[1][k] for k in codes[0].tolist()]
    b = [""] * n if labels is None else [labels[1][k] for k in labels[0].tolist()]
    return coded([x or y for x, y in zip(a, b)], list)


def _flags(pair, bad, n) -> np.ndarray:
    """Which rows' label (``(codes, values)``, or None: none) is ``bad``."""
    if pair is None:
        return np.zeros(n, dtype=bool)
    return np.array([bad(v) for v in pair[1]], dtype=bool)[pair[0]]


def _flagged(rows: _Rows) -> bool:
    """Whether a row has no unit or no period (each distinct label names a row)."""
    return (rows.keys is not None and not all(rows.keys[1])) or \
        (rows.periods is not None and any(v is None for v in rows.periods[1]))


def _labelled(pair, labels: Labels, items=None) -> np.ndarray:
    """Each row's index in ``labels``, to which the rows' labels (``(codes,
    values)``) are added in order of first appearance, as ``items(labels,
    their first rows)`` when ``items`` is given."""
    codes, values = pair
    distinct = values if len(set(values)) == len(values) else list(dict.fromkeys(values))
    row_codes = codes
    if distinct is not values:
        where = {v: k for k, v in enumerate(distinct)}
        row_codes = np.array([where[v] for v in values], dtype=np.int64)[codes]
    found, first = _first_rows(row_codes)
    keys = [distinct[k] for k in found.tolist()]
    made = keys if items is None else items(keys, first)
    if not any(k in labels.index for k in keys):
        start = len(labels.items)
        labels.fill(keys, made)
        if start == 0 and len(keys) == len(distinct):       # (the usual case: the codes are the indices)
            return row_codes
    else:
        for k, item in zip(keys, made):
            labels.add(k, item)
    index = np.zeros(len(distinct), dtype=np.int64)
    index[found] = [labels.index[k] for k in keys]
    return index[row_codes]


def _first_rows(codes):
    """``(codes, rows)``: the distinct codes in order of first appearance and the row where each first is."""
    if len(codes):
        top = np.maximum.accumulate(codes)         # codes numbered in order of first appearance (the usual case)
        first = np.flatnonzero(np.r_[True, top[1:] > top[:-1]])
        if codes[0] == 0 and top[-1] == len(first) - 1:
            return codes[first], first
    found, first = np.unique(codes, return_index=True)
    order = np.argsort(first, kind="stable")
    return found[order], first[order]


def _unit_items(columns, name_c):
    """Units' (key, name) from their first rows: the name column's text there, else the key."""
    def items(keys, first):
        if name_c is None:
            return [(k, k) for k in keys]
        there = texts_of(columns.cells_at(name_c, first))
        return [(k, name or k) for k, name in zip(keys, there)]
    return items


def _readable_rows(rows: _Rows, icols, ucode_c, uname_c, year_c, unreadable) -> np.ndarray:
    """Positions of the rows that name their unit and year; the others are
    listed as unreadable, in order (a row without a unit only when it
    holds values)."""
    n = len(rows.rows)
    no_key, no_year = _flags(rows.keys, lambda v: not v, n), _flags(rows.periods, lambda v: v is None, n)
    for j in np.flatnonzero(no_key | no_year).tolist():
        r = int(rows.rows[j])
        if no_key[j]:
            if any(not is_blank(rows.columns[c][j]) for c in icols):
                unreadable.append((r, uname_c if uname_c is not None else ucode_c, "", tr("no unit named"), "row"))
        else:
            unreadable.append((r, year_c, "", tr("no year"), "row"))
    return np.flatnonzero(~(no_key | no_year))


LAYOUT = UnitsByIndicators()
