"""The NBS layout: tables exported from China's National Bureau of
Statistics (国家数据, data.stats.gov.cn) as .xls, .xlsx or .csv.

Lines above the table name what the table holds ("数据库：分省年度数据",
"指标：地区生产总值(亿元)", "地区：北京市", "时间：最近10年"; kept by
core/importing/table.py as ``Table.meta``); the table has one of the
three dimensions (regions, indicators, years) down its first column (the
corner cell names it: 地区, 指标, 时间) and another across its header
("2023年", "2022年", ... or region or indicator names); the third is the
one named above.  Footnotes ("注：...", "数据来源：国家统计局") end the
table.  Read:

* years across or down: periods (as integers); the other axis holds the
  regions when the lines above name one indicator (指标：), the
  indicators when they name one region (地区：), else what the corner
  cell says;
* neither axis of years: the period is the year the 时间： line names,
  rows and columns the regions and indicators (the corner names the rows);
* a table about indicators that names no region is about the whole
  country (``--unit``, else 全国; said in a warning).
"""
from __future__ import annotations

from core.errors import InputError
from core.importing.block import Block, Labels, cached, ignored_warning, indicator, make_block
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.table import Table, header_role
from core.model.celltext import column_letter, is_blank, parse_year, text_of
from core.text import tr

DATABASE, INDICATOR, REGION, TIME = "数据库", "指标", "地区", "时间"
_KEYS = (DATABASE, INDICATOR, REGION, TIME)
NATION = "全国"


def nbs_meta(table: Table) -> dict:
    """The lines above the table an NBS export writes (数据库, 指标, 地区, 时间)."""
    return {k: v for k, v in table.meta.items() if k in _KEYS}


def _mostly_years(cells) -> bool:
    cells = [v for v in cells if not is_blank(v)]
    return bool(cells) and sum(parse_year(v) is not None for v in cells) >= 0.8 * len(cells)


def _axes(table: Table):
    """``(rows, columns)``: what the first column and the header hold, each
    'period', 'unit' or 'indicator'; None for a table that cannot be read
    so (with the reason)."""
    meta, sh = nbs_meta(table), table.sheet
    corner, rest = table.cols[0], table.cols[1:]
    if not rest:
        return None, tr("the table has one column")
    col_years = _mostly_years([table.head(c) for c in rest])
    row_years = _mostly_years([sh.value(r, corner) for r in table.data_rows])
    corner_role = header_role(table.head(corner))
    by_corner = {"unit_name": "unit", "unit_code": "unit", "ind_name": "indicator"}.get(corner_role)
    if col_years or row_years:
        if INDICATOR in meta and REGION not in meta:
            other = "unit"
        elif REGION in meta and INDICATOR not in meta:
            other = "indicator"
        else:
            other = by_corner or "indicator"
        return (("period", other) if row_years else (other, "period")), ""
    if TIME in meta and parse_year(meta[TIME]) is not None:
        rows = by_corner or "unit"
        return (rows, "indicator" if rows == "unit" else "unit"), ""
    return None, tr("neither the header nor the first column holds years, and no year is named above")


def _plural(axis: str) -> str:
    """An axis ('unit', 'period', 'indicator') as the plural noun a message names it by."""
    words = {"unit": tr("units"), "period": tr("periods"), "indicator": tr("indicators")}
    return words.get(axis, axis)


class Nbs(Layout):
    name = "nbs"
    description = "China NBS (data.stats.gov.cn) exports: 数据库/指标/地区/时间 lines above a table of years"

    def fit(self, table: Table) -> Fit:
        meta = nbs_meta(table)
        if DATABASE not in meta and len(meta) < 2:
            return Fit(0, tr("no 数据库：/指标：/地区：/时间： lines above the header (an NBS export)"))
        axes, why = _axes(table)
        if axes is None:
            return Fit(0, tr("lines of an NBS export above the header, but {why}", why=why))
        return Fit(5, tr("an NBS export ({meta}); rows are {rows}, columns {columns}",
                         meta=", ".join(f"{k}：{v}" for k, v in meta.items()), rows=_plural(axes[0]),
                         columns=_plural(axes[1])))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        where = tr("sheet '{sheet}'", sheet=sh.name)
        axes, why = _axes(table)
        if axes is None:
            raise InputError(tr("{where}: not readable as an NBS export: {why} (header row {row})", where=where,
                                why=why, row=table.header + 1))
        meta, warnings, unreadable = nbs_meta(table), [], []
        U, T, I = Labels(), Labels(), Labels()
        fixed = {}
        if "unit" not in axes:
            name = meta.get(REGION) or options.unit
            if not name:
                name = NATION
                warnings.append(tr("{where}: no region named (地区：); the values are read as {nation}'s",
                                   where=where, nation=NATION))
            fixed["unit"] = U.add(name, (name, name))
        if "indicator" not in axes:
            label = meta.get(INDICATOR)
            if not label:
                label = sh.name
                warnings.append(tr("{where}: no indicator named (指标：); the values are read as the indicator "
                                   "'{sheet}'", where=where, sheet=sh.name))
            key, info = indicator(label, None, None, "", table.sheet_unit)
            fixed["indicator"] = I.add(key, info)
        if "period" not in axes:
            fixed["period"] = T.add(parse_year(meta[TIME]))
        corner, rest = table.cols[0], table.cols[1:]
        adders = {"unit": lambda v: U.add(text_of(v), (text_of(v),) * 2),
                  "period": lambda v: T.add(parse_year(v)),
                  "indicator": lambda v: I.add(*indicator(v, None, None, "", table.sheet_unit))}
        col_kind, row_kind = axes[1], axes[0]
        cols, ignored = [], []
        for c in rest:
            head = table.head(c)
            if is_blank(head) or (col_kind == "period" and parse_year(head) is None):
                ignored.append(c)
            else:
                cols.append((c, adders[col_kind](head)))
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        lab_of = cached(text_of)
        for r in table.data_rows:
            lab = sh.value(r, corner)
            vals = [sh.value(r, c) for c, _ in cols]
            if is_blank(lab) or (row_kind == "period" and parse_year(lab) is None):
                if any(not is_blank(v) for v in vals):
                    named = {"unit": tr("no unit named"), "period": tr("no period named"),
                             "indicator": tr("no indicator named")}
                    unreadable.append((r, corner, lab_of(lab), named.get(row_kind, row_kind), "row"))
                continue
            j = adders[row_kind](lab)
            for (c, k), v in zip(cols, vals):
                at = dict(fixed, **{row_kind: j, col_kind: k})
                uu.append(at["unit"]), tt.append(at["period"]), ii.append(at["indicator"])
                rr.append(r), cc.append(c), raw.append(v)
        warnings += ignored_warning(table, ignored, col_kind)
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings)

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        return axis_cell_map(cells, units, periods, codes)


def axis_cell_map(cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
    """Rows keyed by the labels that stay the same along each row, columns
    by those that stay the same down each column ("unit", "period",
    "code" joined with "|"), whichever way round the table is."""
    dims = (("unit", cells.units, units), ("period", cells.periods, periods), ("code", cells.indicators, codes))

    def keyed(pos):
        same = [(name, idx, lab) for name, idx, lab in dims
                if all(len(s) == 1 for s in _values_by(pos, idx).values())]
        varied = [d for d in dims if d not in same]
        use = [d for d in same if len({i for i in d[1]}) > 1] or same or varied
        out = {}
        for k, p in enumerate(pos):
            out.setdefault("|".join(str(lab[idx[k]]) for _, idx, lab in use), p)
        return "|".join(name for name, _, _ in use), out

    rows_by, rows = keyed(cells.rows)
    columns_by, columns = keyed(cells.columns)
    return CellMap(rows_by, columns_by, {k: int(r) + 1 for k, r in rows.items()},
                   {k: column_letter(int(c)) for k, c in columns.items()})


def _values_by(pos, idx) -> dict:
    out = {}
    for p, i in zip(pos, idx):
        out.setdefault(p, set()).add(i)
    return out


LAYOUT = Nbs()
