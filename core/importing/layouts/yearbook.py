"""The yearbook layout: indicators as rows, years as columns; one sheet per
unit (the sheet's name, or ``--unit``) or a unit column.  A sheet whose
rows are units and whose columns are years is read as one indicator named
by the sheet."""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import InputError
from core.importing.block import Block, Labels, cached, ignored_warning, indicator, make_block
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.table import Table
from core.importing.roles import column_roles, first_column, mostly_text
from core.model.celltext import column_letter, is_blank, parse_year, text_of
from core.text import tr

_KEPT_ROLES = ("period", "ind_code", "measure", "unit_code", "unit_name")


@dataclass
class _Columns:
    periods: list           # the year columns
    label: int | None       # indicator names (None: the sheet is one indicator)
    code: int | None
    measure: int | None
    unit_code: int | None
    unit_name: int | None

    @property
    def names_units(self) -> bool:
        return self.unit_code is not None or self.unit_name is not None


class Yearbook(Layout):
    name = "yearbook"
    description = "indicators as rows, years as columns (one sheet per unit, or a unit column)"

    def fit(self, table: Table) -> Fit:
        roles = list(column_roles(table).values())
        n = roles.count("period")
        if n == 0:
            return Fit(0, tr("no column of the header is a year"))
        if "year" in roles:
            return Fit(0, tr("a column names the year of each row"))
        return Fit(2, tr("{n} column(s) of the header are years", n=n))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        warnings, unreadable = [], []
        cols = _columns(table, options.unit)
        if cols.label is None:
            warnings.append(tr("sheet '{sheet}': rows are units and columns years; the sheet is read as the "
                               "indicator '{sheet}'", sheet=sh.name))
        U, T, I = Labels(), Labels(), Labels()
        fixed = None if cols.names_units else U.add(options.unit or sh.name, (options.unit or sh.name,) * 2)
        tix = [T.add(parse_year(sh.value(table.header, c))) for c in cols.periods]
        txt = cached(text_of)
        n = len(cols.periods)
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        for r in table.data_rows:
            vals = [sh.value(r, c) for c in cols.periods]
            i = _indicator_of_row(table, cols, r, vals, I, unreadable, warnings)
            if i is None:
                continue
            if fixed is not None:
                u = fixed
            else:
                u = _unit_of_row(sh, cols, r, U, txt)
                if u is None:
                    unreadable.append((r, cols.unit_name if cols.unit_name is not None else cols.unit_code, "",
                                       tr("no unit named"), "row"))
                    continue
            uu.extend([u] * n)
            tt.extend(tix)
            ii.extend([i] * n)
            rr.extend([r] * n)
            cc.extend(cols.periods)
            raw.extend(vals)
        warnings += ignored_warning(table, _ignored(table, cols), "year")
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings)

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """Indicators as rows, keyed "unit|code"; years as columns, keyed "period"."""
        rows = {f"{units[a]}|{codes[d]}": int(r) + 1 for a, d, r in zip(cells.units, cells.indicators, cells.rows)}
        return CellMap("unit|code", "period", rows,
                       {periods[b]: column_letter(int(c)) for b, c in zip(cells.periods, cells.columns)})


def _columns(table: Table, unit: str | None = None) -> _Columns:
    """The year columns and the columns naming indicators and units; the
    indicator names are the first text column left of the years when no
    header names them.  A column headed "单位" / "unit" (a word that names
    the regions or the unit of measure) that is not read as units of
    measure from its cells (roles.column_roles) is still the
    unit-of-measure column, not the regions, when ``unit`` is given
    (``--unit``: the user names the region) and the column does not hold
    it, or, without ``unit``, when no indicator name repeats while the
    column holds different values (regions as rows would repeat the
    indicators)."""
    roles = column_roles(table)
    periods = [c for c in table.cols if roles[c] == "period"]
    if not periods:
        raise InputError(tr("sheet '{sheet}': no column of the header is a year (header row {row})",
                            sheet=table.sheet.name, row=table.header + 1))
    label = first_column(table, "ind_name")
    unit_code, unit_name = first_column(table, "unit_code"), first_column(table, "unit_name")
    measure = first_column(table, "measure")
    if label is None:
        left = [c for c in table.cols if roles[c] is None and c < periods[0]]
        cand = [c for c in left if mostly_text(table, c)] or left
        if not cand and unit_code is None and unit_name is None:
            raise InputError(tr("sheet '{sheet}': no column of indicator names left of the year columns",
                                sheet=table.sheet.name))
        label = cand[0] if cand else None
    if label is not None and unit_name is not None and unit_code is None and measure is None \
            and _ambiguous_unit_header(table.head(unit_name)) \
            and (not _holds(table, unit_name, unit) if unit else _not_regions(table, unit_name, label)):
        measure, unit_name = unit_name, None
    return _Columns(periods, label, first_column(table, "ind_code"), measure, unit_code, unit_name)


_AMBIGUOUS_UNIT = ("单位", "unit", "units")


def _ambiguous_unit_header(v) -> bool:
    """A header that may name the regions or the unit of measure: "单位", "Unit"."""
    return text_of(v).replace(" ", "").lower() in _AMBIGUOUS_UNIT


def _holds(table: Table, c, unit: str) -> bool:
    """Column c names ``unit`` in some data row (case ignored)."""
    key = text_of(unit).casefold()
    return any(text_of(table.sheet.value(r, c)).casefold() == key for r in table.data_rows)


def _not_regions(table: Table, c, label) -> bool:
    """Column c cannot name the regions of indicator rows: it holds two or
    more different values but no indicator name (column ``label``) repeats."""
    names = [text_of(table.sheet.value(r, label)) for r in table.data_rows]
    names = [n for n in names if n]
    values = {text_of(table.sheet.value(r, c)) for r in table.data_rows} - {""}
    return len(values) >= 2 and len(set(names)) == len(names)


def _ignored(table: Table, cols: _Columns) -> list:
    """Columns right of the labels that are not years (nor codes, units)."""
    roles = column_roles(table)
    left = cols.label if cols.label is not None else max(c for c in (cols.unit_code, cols.unit_name)
                                                          if c is not None)
    return [c for c in table.cols if c > left and roles[c] not in _KEPT_ROLES]


def _indicator_of_row(table, cols, r, vals, I, unreadable, warnings):
    """The index of row r's indicator, or None for a row that is skipped
    (no name: its values are unreadable; no values: a heading)."""
    sh = table.sheet
    lab = sh.value(r, cols.label) if cols.label is not None else sh.name
    if is_blank(lab):
        if any(not is_blank(v) for v in vals):
            unreadable.append((r, cols.label, "", tr("values without an indicator name"), "row"))
        return None
    if all(is_blank(v) for v in vals):
        warnings.append(tr("sheet '{sheet}', row {row}: '{label}' has no values; read as a heading", sheet=sh.name,
                           row=r + 1, label=text_of(lab)))
        return None
    key, info = indicator(lab, None if cols.code is None else sh.value(r, cols.code),
                          None if cols.measure is None else sh.value(r, cols.measure), "", table.sheet_unit)
    return I.add(key, info)


def _unit_of_row(sh, cols, r, U, txt):
    """The index of the unit row r names (by code, else name), or None."""
    code = txt(sh.value(r, cols.unit_code)) if cols.unit_code is not None else ""
    name = txt(sh.value(r, cols.unit_name)) if cols.unit_name is not None else ""
    if not code and not name:
        return None
    code = code or name
    return U.add(code, (code, name or code))


LAYOUT = Yearbook()
