"""The long layout: one value per row, with unit, year, indicator (name or
code) and value columns; the unit or year column may be missing when the
sheet is about one unit (its name, or ``--unit``) or one period (its name)."""
from __future__ import annotations

from core.errors import InputError
from core.importing.block import (Block, Columns, Labels, cached, each, fixed_unit_and_period, indicator,
                                  make_block, period_of, rows_at_least)
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.table import Table, column_roles, first_column
from core.model.celltext import column_letter, is_blank, text_of


class Long(Layout):
    name = "long"
    description = "unit, year, indicator and value columns"

    def fit(self, table: Table) -> Fit:
        roles = set(column_roles(table).values())
        if not ({"ind_name", "ind_code"} & roles):
            return Fit(0, "no column names the indicator")
        if "value" not in roles:
            return Fit(0, "no column of values")
        return Fit(3, "an indicator column and a value column")

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        col = {role: first_column(table, role) for role in ("ind_name", "ind_code", "value", "unit_code",
                                                            "unit_name", "year", "measure")}
        if col["value"] is None or (col["ind_name"] is None and col["ind_code"] is None):
            raise InputError(f"sheet '{sh.name}': the long layout needs an indicator column and a value column "
                             f"(header row {table.header + 1})")
        U, T, I = Labels(), Labels(), Labels()
        fixed, fixed_t = fixed_unit_and_period(U, T, sh, options.unit, options.many_sheets, col["unit_code"],
                                               col["unit_name"], col["year"])
        rows_in = list(table.data_rows)
        drows = rows_at_least(sh, rows_in, max(c for c in col.values() if c is not None) + 1)
        cols, n = Columns(drows), len(drows)
        row_u = _units_of_rows(cols, col, U, n) if fixed is None else [fixed] * n
        pers = each(cols[col["year"]], cached(period_of)) if fixed_t is None else None
        ind_c = col["ind_name"] if col["ind_name"] is not None else col["ind_code"]
        labs, vals = cols[ind_c], cols[col["value"]]
        lab_blank = each(labs, is_blank)
        code_cells = cols[col["ind_code"]] if (col["ind_code"] is not None and col["ind_name"] is not None) \
            else [None] * n
        meas_cells = cols[col["measure"]] if col["measure"] is not None else [None] * n
        ind_memo, unreadable = {}, []
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        for j, r in enumerate(rows_in):
            u = row_u[j]
            if u is None or lab_blank[j]:
                if not is_blank(vals[j]):
                    unreadable.append((r, col["value"], text_of(vals[j]),
                                       "no unit named" if u is None else "no indicator named", "row"))
                continue
            if pers is not None:
                if pers[j] is None:
                    unreadable.append((r, col["year"], "", "no year", "row"))
                    continue
                t = T.add(pers[j])
            else:
                t = fixed_t
            cells3 = (type(labs[j]), labs[j], type(code_cells[j]), code_cells[j], type(meas_cells[j]), meas_cells[j])
            i = ind_memo.get(cells3)
            if i is None:
                key, info = indicator(labs[j], code_cells[j], meas_cells[j], "", table.sheet_unit)
                i = ind_memo[cells3] = I.add(key, info)
            uu.append(u), tt.append(t), ii.append(i), rr.append(r), cc.append(col["value"])
            raw.append(vals[j])
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, [])

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """One row per value, keyed "unit|period|code"; the one "value" column."""
        rows = {f"{units[a]}|{periods[b]}|{codes[d]}": int(r) + 1
                for a, b, d, r in zip(cells.units, cells.periods, cells.indicators, cells.rows)}
        return CellMap("unit|period|code", "value", rows,
                       {"value": column_letter(int(cells.columns[0]))} if len(cells.columns) else {})


def _units_of_rows(cols, col, U, n) -> list:
    """The unit index of each row (by code, else name; None where a row
    names none), units added in order of appearance; each distinct cell
    is read once."""
    txt = cached(text_of)
    codes = each(cols[col["unit_code"]], txt) if col["unit_code"] is not None else [""] * n
    labels = each(cols[col["unit_name"]], txt) if col["unit_name"] is not None else [""] * n
    keys = [a or b for a, b in zip(codes, labels)]
    first_label = dict(zip(reversed(keys), reversed(labels)))
    for key in dict.fromkeys(keys):
        if key:
            U.add(key, (key, first_label[key] or key))
    return [U.index.get(k) if k else None for k in keys]


LAYOUT = Long()
