"""The template layout: CoIndex's template workbook, or COINr's iData and
iMeta, as sheets named Data (or iData) and Meta (or iMeta), and an
optional Settings sheet.  The Data sheet is read as units by indicators;
the Meta sheet gives the framework (and which Data columns are groups or
denominators), the Settings sheet the settings."""
from __future__ import annotations

import numpy as np

from core.errors import CoIndexError, InputError
from core.importing.block import Block, period_of
from core.importing.layouts.base import Fit, Layout, ReadOptions
from core.importing.layouts.units_by_indicators import LAYOUT as UNITS_BY_INDICATORS
from core.importing.result import ImportResult, UnreadableCell, assemble, only_unit, reorder, shown
from core.importing.table import Table, find_table
from core.importing.roles import first_column
from core.model.celltext import BAD, address, is_blank, parse_values, reason_of, text_of
from core.sheets.cells import sheet_place
from core.text import tr


class Template(Layout):
    name = "template"
    description = "the CoIndex template / COINr iData + iMeta (sheets Data and Meta)"

    def fit(self, table: Table) -> Fit:
        return Fit(0, tr("the template is known by its Data and Meta sheets, not by one table"))

    def read(self, table: Table, options: ReadOptions) -> Block:
        """The Data sheet's values (units as rows, indicators as columns)."""
        return UNITS_BY_INDICATORS.read(table, options)

    def fit_workbook(self, cells) -> Fit:
        data, meta, _ = _sheets(cells)
        if data is None or meta is None:
            return Fit(0, tr("the template layout needs sheets named Data and Meta (sheets read: {sheets})",
                             sheets=", ".join(s.name for s in cells.sheets)))
        return Fit(1, tr("sheets '{data}' and '{meta}'", data=data.name, meta=meta.name))

    def read_workbook(self, cells, *, header_row, unit, include_hidden, warnings) -> ImportResult:
        data_sheet, meta_sheet, settings_sheet = _sheets(cells)
        fw = _framework(cells.file, meta_sheet, include_hidden)
        hr = header_row.get(data_sheet.name) if isinstance(header_row, dict) else header_row
        where = sheet_place(cells.file, data_sheet.name)
        table = find_table(data_sheet, hr, include_hidden, where)
        if table is None or table.header < 0:
            raise InputError(tr("{where}: no data (the Data sheet is empty)", where=where))
        warnings.extend(table.warnings)
        block = self.read(table, ReadOptions())
        aux = {a.code: a.type for a in fw.aux}
        # the columns of the Meta sheet's auxiliary rows are read below, not "ignored"
        block.warnings = [w for w in block.warnings if not any(f"'{a}'" in w for a in aux)]
        result = assemble(cells, self.name, [(table, block)], warnings)
        _read_aux(result, table, fw)
        known = set(fw.indicator_codes) | set(aux)
        extra = [ind.code for ind in result.indicators if ind.code not in known]
        if extra:
            warnings.append(tr("{where}: column(s) {columns} are not indicators of the Meta sheet; ignored",
                               where=where, columns=", ".join(extra)))
        result = reorder(result, fw.indicator_codes, where)
        result.framework = fw
        for ind in result.indicators:
            node = fw[ind.code]
            ind.name, ind.name_zh, ind.unit, ind.code_from_file = node.name, node.name_zh, node.unit, True
        if settings_sheet is not None and settings_sheet.rows:
            result.settings = _settings(cells.file, settings_sheet, result.info)
        if unit is not None:
            result = only_unit(result, unit)
        return result


def _sheets(cells):
    """The Data, Meta and Settings sheets (None where absent), by name."""
    by = {s.name.strip().lower(): s for s in cells.sheets}
    data = by.get("data") or by.get("idata")
    meta = by.get("meta") or by.get("imeta")
    return data, meta, by.get("settings")


def _framework(name, meta_sheet, include_hidden):
    """The framework of the Meta sheet (its rows under the header with iCode)."""
    from core.model.framework import Framework
    mt = find_table(meta_sheet, None, include_hidden, sheet_place(name, meta_sheet.name))
    recs, rownos = [], []
    if mt is not None:
        hdr = next((r for r in range(min(meta_sheet.n_rows, 30))
                    if any(text_of(v) == "iCode" for v in meta_sheet.rows[r])), None)
        if hdr is None:
            raise InputError(tr("{where}: no header row with an iCode column",
                                where=sheet_place(name, meta_sheet.name)))
        heads = [text_of(v) for v in meta_sheet.rows[hdr]]
        for r in range(hdr + 1, meta_sheet.n_rows):
            row = meta_sheet.rows[r]
            if all(is_blank(v) for v in row):
                continue
            recs.append({h: (None if is_blank(v) else v) for h, v in zip(heads, row) if h})
            rownos.append(r + 1)
    try:
        fw = Framework.from_records(recs, where=tr("{file}, sheet {sheet}", file=name, sheet=meta_sheet.name),
                                    rownos=rownos)
        fw.check_one_root()             # as compute reads the Meta sheet
        return fw
    except CoIndexError as e:
        raise InputError(str(e)) from None


def _settings(name, settings_sheet, info):
    """The Settings sheet's settings (None when it has no rows)."""
    import pandas as pd
    from core.importing.inputs import settings_from_rows
    rows = [list(r) for r in settings_sheet.rows if any(not is_blank(v) for v in r)]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    rows = [[None if is_blank(v) else v for v in r] + [None] * (width - len(r)) for r in rows]
    df = pd.DataFrame(rows[1:], columns=[str(v) for v in rows[0]])
    return settings_from_rows(df, tr("{file}, sheet {sheet}", file=name, sheet=settings_sheet.name), info)


def _read_aux(result, table, fw):
    """Template Group / Denominator columns (declared in Meta) into
    ``groups`` / ``denominators`` arrays [unit, period]."""
    sh = table.sheet
    ucol, ycol = first_column(table, "unit_code"), first_column(table, "year")
    uix = {c: k for k, c in enumerate(result.unit_codes)}
    tix = {p: k for k, p in enumerate(result.periods)}
    heads = {text_of(table.head(c)): c for c in table.cols}
    shape = result.values.shape[:2]
    for a in fw.aux:
        col = heads.get(a.code)
        if col is None or ucol is None:
            continue
        cells = []
        for r in table.data_rows:
            u = uix.get(text_of(sh.value(r, ucol)))
            t = tix.get(period_of(sh.value(r, ycol)) if ycol is not None else None)
            if u is not None and t is not None:
                cells.append((u, t, sh.value(r, col), r))
        if a.type == "Denominator":
            arr = np.full(shape, np.nan)
            x, kind = parse_values([v for _, _, v, _ in cells])
            for (u, t, v, r), xv, kd in zip(cells, x, kind):
                arr[u, t] = xv
                if kd == BAD:
                    result.unreadable.append(UnreadableCell(sh.name, address(r, col), shown(v), reason_of(v),
                                                            result.unit_codes[u], result.periods[t], a.code))
            result.denominators[a.code] = arr
        else:
            arr = np.full(shape, None, dtype=object)
            for u, t, v, _ in cells:
                arr[u, t] = None if is_blank(v) else text_of(v)
            result.groups[a.code] = arr


LAYOUT = Template()
