"""The World Bank layout: the World Development Indicators bulk download
(``API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv``, or its .xlsx sheet "Data") as
it is downloaded, and a DataBank export (Series Name / Series Code for the
indicator, year headers ``2019 [YR2019]``, ".." missing, in any column
order; its "Data from database" / "Last Updated" lines below are skipped): a header ``Country Name, Country Code, Indicator Name,
Indicator Code, 1960, 1961, ...`` (under a few "Data Source" / "Last
Updated Date" lines, which core/importing/table.py passes over), one row
per economy and indicator, years as columns, empty cells missing.

Units are the country codes (named by the country names), indicators the
indicator codes (named by the indicator names), periods the year columns.
Every economy is a unit, also one (or an aggregate such as "World") with
no value at all."""
from __future__ import annotations

import re

from core.errors import InputError
from core.importing.block import Block, Labels, cached, indicator, make_block, rows_at_least
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.layouts.yearbook import Yearbook
from core.importing.table import Table
from core.model.celltext import is_blank, parse_year, text_of
from core.text import tr

_HEADS = ("country name", "country code", "indicator name", "indicator code")
# the World Bank's codes of regional and income aggregates in the WDI download
# (World, regions, income groups, lending groups, demographic dividend groups...)
WB_AGGREGATES = frozenset("""
AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX LAC LCN LDC LIC LMC LMY
LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD""".split())
_SAME = {"series name": "indicator name", "series code": "indicator code"}     # DataBank's words
_DATABANK_YEAR = re.compile(r"^(\d{4})\s*\[YR\1\]$")                          # "2019 [YR2019]"


def _head_key(v) -> str:
    k = re.sub(r"\s+", " ", text_of(v).strip().lower())
    return _SAME.get(k, k)


def _year(v):
    y = parse_year(v)
    if y is None and isinstance(v, str):
        m = _DATABANK_YEAR.match(v.strip())
        y = int(m.group(1)) if m else None
    return y


def _columns(table: Table):
    """``({head: column}, [year columns])`` of the table's header."""
    named, years = {}, []
    for c in table.cols:
        v = table.sheet.value(table.header, c)
        k = _head_key(v)
        if k in _HEADS:
            named.setdefault(k, c)
        elif _year(v) is not None:
            years.append(c)
    return named, years


class WorldBank(Layout):
    name = "worldbank"
    description = "World Bank WDI download: Country Name, Country Code, Indicator Name, Indicator Code, years"

    def fit(self, table: Table) -> Fit:
        named, years = _columns(table)
        if len(named) < len(_HEADS):
            return Fit(0, tr("no Country Name, Country Code, Indicator Name and Indicator Code header"))
        if not years:
            return Fit(0, tr("no year columns right of the World Bank header"))
        return Fit(10, tr("the World Bank header (Country Name ... Indicator Code) and {n} year columns",
                          n=len(years)))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        named, years = _columns(table)
        if len(named) < len(_HEADS) or not years:
            raise InputError(tr("sheet '{sheet}': the worldbank layout needs the columns Country Name, Country "
                                "Code, Indicator Name, Indicator Code and years (header row {row})", sheet=sh.name,
                                row=table.header + 1))
        cn, cc_, iname, icode = (named[h] for h in _HEADS)
        U, T, I = Labels(), Labels(), Labels()
        tix = [T.add(_year(sh.value(table.header, c))) for c in years]
        n = len(years)
        txt = cached(text_of)
        rows = rows_at_least(sh, table.data_rows, max([cn, cc_, iname, icode] + years) + 1)
        ind_memo, unreadable, skipped = {}, [], 0
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        for r, row in zip(table.data_rows, rows):
            vals = [row[c] for c in years]
            code, name = txt(row[cc_]), txt(row[cn])
            ikey = (txt(row[icode]), txt(row[iname]))
            if not (code or name) or not any(ikey):
                if any(not is_blank(v) for v in vals):
                    unreadable.append((r, cc_ if not (code or name) else icode, "",
                                       tr("no country named") if not (code or name) else tr("no indicator named"),
                                       "row"))
                else:
                    skipped += 1
                continue
            code = code or name
            u = U.add(code, (code, name or code))
            i = ind_memo.get(ikey)
            if i is None:
                key, info = indicator(ikey[1] or ikey[0], ikey[0] or None)
                i = ind_memo[ikey] = I.add(key, info)
            uu.extend([u] * n)
            tt.extend(tix)
            ii.extend([i] * n)
            rr.extend([r] * n)
            cc.extend(years)
            raw.extend(vals)
        warnings = [tr("sheet '{sheet}': {n} row(s) naming no country and no indicator, without values, skipped",
                       sheet=sh.name, n=skipped)] if skipped else []
        warnings += _aggregates_warning(sh.name, U.items)
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings)

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """As the yearbook's: rows keyed "unit|code", year columns keyed "period"."""
        return Yearbook.cell_map(self, cells, units, periods, codes)


def _aggregates_warning(sheet: str, units) -> list[str]:
    """A warning naming the World Bank aggregates among the units (World,
    income groups, regions...) when economies are there too: an index would
    rank them beside the economies they sum up."""
    found = [(code, name) for code, name in units if str(code).upper() in WB_AGGREGATES]
    if not found or len(found) == len(units):
        return []
    names = ", ".join(f"{name} ({code})" for code, name in found[:6]) + (" ..." if len(found) > 6 else "")
    return [tr("sheet '{sheet}': {n} of the {total} units are World Bank aggregates, not economies ({names}): an "
               "index would rank them beside the economies they sum up; delete them in the data sheet (By period: "
               "select their rows, Units and periods > Delete)", sheet=sheet, n=len(found), total=len(units),
               names=names)]


LAYOUT = WorldBank()
