"""Importing indicator workbooks made by other people.

    result = import_workbook("yearbook.xlsx")            # read, detect, parse
    project = to_project(result)                          # a new project, flat framework
    command, summary = merge_into(project, result)        # or: refresh an open project
    project.execute(command)                              # one undoable step

:func:`read_workbook_cells` (core/sheets/readers.py) reads the file safely;
:func:`import_cells` finds the table and layout of every sheet
(core/importing/layouts.py), parses the values (core/model/celltext.py) and returns an
:class:`ImportResult`: what was read, where every value came from, the
cells that could not be read, and warnings.  A GUI wizard reads once and
calls :func:`import_cells` again with the user's corrections (layout,
header row, unit) for its live preview.  :func:`to_project` and
:func:`merge_into` (core/importing/merge.py, importable from here) turn the result
into a project.

Decisions: hidden rows and columns are skipped (each named in a warning;
``include_hidden=True`` reads them); merged cells carry their value across
the merge; unreadable cells are listed and imported as missing; a value
given twice (long layout) keeps the first and lists the second if it
differs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from core.model.celltext import (BAD, PERCENT, CellIssue, address, clean_text, has_cjk, is_blank,
                                 parse_values, reason_of, text_of)
from core.sheets.cells import ImportCancelled, WorkbookCells
from core.errors import CoIndexError, InputError
from core.importing.extract import extract
from core.importing.layouts import LAYOUTS, find_table, detect_layout
from core.importing.merge import (INDEX_CODE, ImportCommand, MergeSummary, merge_into, normalise_label,
                                  source_record, to_project)
from core.sheets.readers import read_workbook_cells

__all__ = ["ImportResult", "ImportedIndicator", "UnreadableCell", "MergeSummary", "ImportCommand",
           "read_workbook_cells", "import_cells", "import_workbook", "to_project", "merge_into",
           "source_record", "ImportCancelled", "LAYOUTS", "subset", "normalise_label"]


@dataclass
class ImportedIndicator:
    code: str
    name: str
    name_zh: str = ""
    unit: str = ""
    label: str = ""               # the label as written in the workbook
    code_from_file: bool = False  # False: the code was made up here (not used for matching)


@dataclass
class UnreadableCell:
    sheet: str
    address: str
    text: str
    reason: str = "not a number"
    unit: str | None = None
    period: object = None
    code: str | None = None

    def __str__(self):
        return f"sheet '{self.sheet}' {self.address}: '{self.text}' ({self.reason})"


@dataclass
class ImportResult:
    """What an import read.  ``values[u, t, i]`` (NaN for missing) for
    ``unit_codes[u]``, ``periods[t]`` and ``indicators[i]``; ``present`` marks
    the cells the workbook has a place for (a refresh changes only those);
    ``cell_sheet / cell_row / cell_col`` give every value's cell (0-based,
    -1 where absent)."""
    file: str
    path: str
    sha256: str
    format: str
    layout: str
    sheets: list
    header_rows: dict
    indicators: list
    unit_codes: list
    unit_names: list
    periods: list
    values: np.ndarray
    present: np.ndarray
    cell_sheet: np.ndarray
    cell_row: np.ndarray
    cell_col: np.ndarray
    unreadable: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    framework: object = None        # template layout: the Meta sheet's framework
    settings: object = None         # template layout: the Settings sheet
    info: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)
    denominators: dict = field(default_factory=dict)

    @property
    def header_row(self):
        """1-based header row of the first sheet read."""
        return next(iter(self.header_rows.values()), None)

    @property
    def units(self) -> list:
        return list(zip(self.unit_codes, self.unit_names))

    @property
    def codes(self) -> list:
        return [ind.code for ind in self.indicators]

    @property
    def n_values(self) -> int:
        return int(np.isfinite(self.values).sum())

    def address(self, u, t, i) -> str | None:
        """'Sheet!C7' of a value, or None when the workbook has no such cell."""
        s = int(self.cell_sheet[u, t, i])
        if s < 0:
            return None
        return f"{self.sheets[s]}!{address(int(self.cell_row[u, t, i]), int(self.cell_col[u, t, i]))}"


# ---- reading ---------------------------------------------------------------------------------------
def import_workbook(path, sheet=None, *, layout: str = "auto", header_row=None, unit: str | None = None,
                    include_hidden: bool = False, engine: str = "auto", progress=None) -> ImportResult:
    """Read a workbook or CSV and interpret it (see :func:`import_cells`)."""
    cells = read_workbook_cells(path, sheet, engine=engine, progress=progress)
    try:
        return import_cells(cells, layout=layout, header_row=header_row, unit=unit, include_hidden=include_hidden)
    except (CoIndexError, MemoryError):
        raise
    except Exception as e:      # a sheet shaped in a way no rule here foresaw: say so, never a traceback
        raise InputError(f"{cells.file}: cannot be imported ({type(e).__name__}: {e}); try --layout, "
                         f"--sheet or the import wizard's header row") from e


def _template_sheets(cells: WorkbookCells):
    by = {s.name.strip().lower(): s for s in cells.sheets}
    data = by.get("data") or by.get("idata")
    meta = by.get("meta") or by.get("imeta")
    return data, meta, by.get("settings")


def import_cells(cells: WorkbookCells, *, layout: str = "auto", header_row=None, unit: str | None = None,
                 include_hidden: bool = False) -> ImportResult:
    """Interpret the cells read from a file.

    Parameters
    ----------
    layout : "auto" or one of ``LAYOUTS``.
    header_row : 1-based header row (an int for every sheet, or {sheet: row}); None detects it.
    unit : the unit code of a yearbook sheet that names no unit (default: the sheet name);
        for layouts with a unit column, only that unit's rows are kept.
    include_hidden : read hidden rows and columns too.
    """
    if layout not in ("auto",) + LAYOUTS:
        raise InputError(f"layout '{layout}' is not known (valid: auto, {', '.join(LAYOUTS)})")
    name = cells.file
    warnings = list(cells.warnings)
    if cells.hidden_unread:
        warnings.append(f"{name}: hidden sheet(s) {', '.join(cells.hidden_unread)} not read (name them to read them)")
    data_sheet, meta_sheet, settings_sheet = _template_sheets(cells)
    if layout == "template" or (layout == "auto" and data_sheet is not None and meta_sheet is not None):
        if data_sheet is None or meta_sheet is None:
            raise InputError(f"{name}: the template layout needs sheets named Data and Meta "
                             f"(sheets read: {', '.join(s.name for s in cells.sheets)})")
        return _import_template(cells, data_sheet, meta_sheet, settings_sheet, header_row, unit,
                                include_hidden, warnings)
    tables = []
    for sh in cells.sheets:
        where = f"{name}, sheet '{sh.name}'"
        hr = header_row.get(sh.name) if isinstance(header_row, dict) else header_row
        table = find_table(sh, hr, include_hidden, where)
        if table is None:
            warnings.append(f"{where}: the sheet is empty; skipped")
            continue
        warnings.extend(table.warnings)
        if table.header < 0:
            continue
        tables.append(table)
    if not tables:
        if all(find_table(sh) is None for sh in cells.sheets):
            which = "the sheet is" if len(cells.sheets) == 1 else "every sheet is"
            raise InputError(f"{name}: nothing to import: {which} empty "
                             f"({', '.join(repr(s.name) for s in cells.sheets)})")
        raise InputError(f"{name}: no table of numbers found: no sheet has a header row followed by numbers "
                         f"(sheets: {', '.join(s.name for s in cells.sheets)})")
    found = {t.sheet.name: (layout if layout != "auto" else detect_layout(t)) for t in tables}
    chosen = layout if layout != "auto" else max(dict.fromkeys(found.values()),
                                                  key=lambda k: list(found.values()).count(k))
    blocks = []
    many = len(tables) > 1
    for t in tables:
        where = f"{name}, sheet '{t.sheet.name}'"
        if found[t.sheet.name] != chosen:
            warnings.append(f"{where}: looks like the {found[t.sheet.name]} layout, not {chosen}; skipped")
            continue
        try:
            blocks.append((t, extract(t, chosen, unit if not many else None, many)))
        except InputError as e:
            if len(tables) == 1:
                raise InputError(f"{name}: {e}") from None
            warnings.append(f"{name}: {e}; skipped")
    if not blocks:
        raise InputError(f"{name}: no sheet could be read in the {chosen} layout")
    result = _assemble(cells, chosen, blocks, warnings)
    if unit is not None and result.unit_codes != [unit]:
        result = _only_unit(result, unit)          # the sheets name their units: keep that one
    return result


def _import_template(cells, data_sheet, meta_sheet, settings_sheet, header_row, unit, include_hidden, warnings):
    import pandas as pd
    from core.model.framework import Framework
    from core.importing.inputs import settings_from_rows
    name = cells.file
    mt = find_table(meta_sheet, None, include_hidden, f"{name}, sheet '{meta_sheet.name}'")
    recs, rownos = [], []
    if mt is not None:
        hdr = next((r for r in range(min(meta_sheet.n_rows, 30))
                    if any(text_of(v) == "iCode" for v in meta_sheet.rows[r])), None)
        if hdr is None:
            raise InputError(f"{name}, sheet '{meta_sheet.name}': no header row with an iCode column")
        heads = [text_of(v) for v in meta_sheet.rows[hdr]]
        for r in range(hdr + 1, meta_sheet.n_rows):
            row = meta_sheet.rows[r]
            if all(is_blank(v) for v in row):
                continue
            recs.append({h: (None if is_blank(v) else v) for h, v in zip(heads, row) if h})
            rownos.append(r + 1)
    try:
        fw = Framework.from_records(recs, where=f"{name}, sheet {meta_sheet.name}", rownos=rownos)
    except CoIndexError as e:
        raise InputError(str(e)) from None
    hr = header_row.get(data_sheet.name) if isinstance(header_row, dict) else header_row
    where = f"{name}, sheet '{data_sheet.name}'"
    table = find_table(data_sheet, hr, include_hidden, where)
    if table is None or table.header < 0:
        raise InputError(f"{where}: no data (the Data sheet is empty)")
    warnings.extend(table.warnings)
    block = extract(table, "units-by-indicators", None, False)
    aux = {a.code: a.type for a in fw.aux}
    block.warnings = [w for w in block.warnings if not ("ignored" in w and any(f"'{a}'" in w for a in aux))]
    result = _assemble(cells, "template", [(table, block)], warnings)
    _template_aux(result, table, fw)
    known = set(fw.indicator_codes) | set(aux)
    extra = [ind.code for ind in result.indicators if ind.code not in known]
    if extra:
        warnings.append(f"{where}: column(s) {', '.join(extra)} are not indicators of the Meta sheet; ignored")
    result = _reorder(result, fw.indicator_codes, where)
    result.framework = fw
    for ind in result.indicators:
        node = fw[ind.code]
        ind.name, ind.name_zh, ind.unit, ind.code_from_file = node.name, node.name_zh, node.unit, True
    if settings_sheet is not None and settings_sheet.rows:
        rows = [list(r) for r in settings_sheet.rows if any(not is_blank(v) for v in r)]
        if rows:
            width = max(len(r) for r in rows)
            rows = [[None if is_blank(v) else v for v in r] + [None] * (width - len(r)) for r in rows]
            df = pd.DataFrame(rows[1:], columns=[str(v) for v in rows[0]])
            result.settings = settings_from_rows(df, f"{name}, sheet {settings_sheet.name}", result.info)
    if unit is not None:
        result = _only_unit(result, unit)
    return result


# ---- assembling the values ---------------------------------------------------------------------------
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,31}\Z")


def _period_key(p):
    return (0, p, "") if isinstance(p, int) else (1, 0, str(p))


def _assemble(cells, layout, blocks, warnings) -> ImportResult:
    units, periods, inds = {}, {}, {}
    uu, tt, ii, ss, rr, cc, raw = [], [], [], [], [], [], []
    row_issues = []
    sheets = [t.sheet.name for t, _ in blocks]
    for s, (table, b) in enumerate(blocks):
        umap = np.array([units.setdefault(code, (len(units), code, nm))[0] for code, nm in b.units] or [0])
        pmap = np.array([periods.setdefault(p, len(periods)) for p in b.periods] or [0])
        imap = np.array([inds.setdefault(d["key"], (len(inds), d))[0] for d in b.indicators] or [0])
        if len(b.raw):
            uu.append(umap[b.u]), tt.append(pmap[b.t]), ii.append(imap[b.i])
            ss.append(np.full(len(b.raw), s)), rr.append(b.rows), cc.append(b.cols)
            if len(blocks) == 1:
                raw = b.raw
            else:
                raw.extend(b.raw)
        warnings.extend(f"{cells.file}: {w}" for w in b.warnings)
        for r, c, text, reason, _ in b.unreadable:
            row_issues.append(UnreadableCell(b.sheet, address(r, c if c is not None else 0), text, reason))
    if not inds:
        raise InputError(f"{cells.file}: no indicators found ({layout} layout, sheet(s) {', '.join(sheets)})")
    cat = (lambda parts: (parts[0] if len(parts) == 1 else np.concatenate(parts)) if parts  # noqa: E731
           else np.zeros(0, dtype=np.int64))
    u, t, i, s, r, c = (cat(p) for p in (uu, tt, ii, ss, rr, cc))
    # periods in order: years ascending, then text labels
    plist = list(periods)
    if plist != [None]:
        if None in plist:
            raise InputError(f"{cells.file}: some sheets name a period and some do not")
        order = sorted(range(len(plist)), key=lambda k: _period_key(plist[k]))
        remap = np.empty(len(plist), dtype=np.int64)
        remap[order] = np.arange(len(plist))
        t = remap[t]
        plist = [plist[k] for k in order]
    x, kind = parse_values(raw)
    U, T, I = len(units), len(plist), len(inds)
    values = np.full((U, T, I), np.nan)
    present = np.zeros((U, T, I), dtype=bool)
    csheet = np.full((U, T, I), -1, dtype=np.int32)
    crow = np.full((U, T, I), -1, dtype=np.int32)
    ccol = np.full((U, T, I), -1, dtype=np.int32)
    lin = (u * T + t) * I + i
    order = np.argsort(lin, kind="stable")
    dup = np.zeros(len(lin), dtype=bool)
    if len(lin) > 1:
        same = lin[order][1:] == lin[order][:-1]
        dup[order[1:][same]] = True
    ucodes = [k for k in units]
    unames = [v[2] for v in units.values()]
    ind_items = [v[1] for v in inds.values()]
    indicators = _indicators(ind_items)
    unreadable = []
    bad = np.flatnonzero(kind == BAD)
    for k in bad:
        if dup[k]:
            continue
        v = raw[k]
        unreadable.append(UnreadableCell(sheets[s[k]], address(int(r[k]), int(c[k])), _shown(v), reason_of(v),
                                         ucodes[u[k]], plist[t[k]], indicators[i[k]].code))
    if dup.any():               # a second value for a cell: kept out, and listed when it differs
        sl = lin[order]
        starts = np.r_[True, sl[1:] != sl[:-1]]
        first_of = order[np.maximum.accumulate(np.where(starts, np.arange(len(sl)), 0))]
        ks, fs = order[~starts], first_of[~starts]
        differ = (kind[ks] != kind[fs]) | ~((x[ks] == x[fs]) | (np.isnan(x[ks]) & np.isnan(x[fs])))
        for k, f in zip(ks[differ].tolist(), fs[differ].tolist()):
            unreadable.append(UnreadableCell(
                sheets[s[k]], address(int(r[k]), int(c[k])), _shown(raw[k]),
                f"a second value for the same cell as {sheets[s[f]]}!{address(int(r[f]), int(c[f]))}; "
                "the first is used", ucodes[u[k]], plist[t[k]], indicators[i[k]].code))
    if dup.any():
        keep = ~dup
        lk, xk, sk, rk, ck = lin[keep], x[keep], s[keep], r[keep], c[keep]
    else:
        lk, xk, sk, rk, ck = lin, x, s, r, c
    values.flat[lk] = xk
    present.flat[lk] = True
    csheet.flat[lk], crow.flat[lk], ccol.flat[lk] = sk, rk, ck
    # percent signs: the unit is % unless the workbook says otherwise
    pct = kind == PERCENT
    if pct.any():
        for j in np.unique(i[pct]):
            ind = indicators[j]
            if not ind.unit:
                ind.unit = "%"
            plain = (i == j) & (kind == 0)
            if plain.any() and np.all(np.abs(x[plain]) <= 1):
                warnings.append(f"{cells.file}: indicator '{ind.code}' mixes values written with % (read as "
                                "percent, e.g. 12.3% -> 12.3) and numbers of at most 1 (perhaps fractions "
                                "formatted as percentages); check its unit")
    header_rows = {t.sheet.name: t.header + 1 for t, _ in blocks}
    result = ImportResult(cells.file, cells.path, cells.sha256, cells.format, layout, sheets, header_rows,
                          indicators, ucodes, unames, plist, values, present, csheet, crow, ccol,
                          row_issues + unreadable, warnings)
    return result


def _shown(v) -> str:
    if isinstance(v, CellIssue):
        return str(v)
    return text_of(v) if not isinstance(v, str) else v.strip()


def _indicators(items) -> list:
    """Indicator records with codes: the file's code, else the label when
    it is a plain identifier (GDP, RA1), else I01, I02, ..."""
    out, taken = [], set()
    width = max(2, len(str(len(items))))
    for k, d in enumerate(items):
        code, from_file = d["code"], bool(d["code"])
        if not code and _IDENT.match(d["name"]):
            code, from_file = d["name"], True
        if not code or code in taken or code == INDEX_CODE:
            base = code or f"I{k + 1:0{width}d}"
            code, n = base, 2
            while code in taken or code == INDEX_CODE:
                code, n = f"{base}_{n}", n + 1
            from_file = False
        taken.add(code)
        name = d["name"] or code
        out.append(ImportedIndicator(code, name, name if has_cjk(name) else "", d["unit"], d["label"], from_file))
    return out


def subset(result, units=None, inds=None) -> ImportResult:
    """The result restricted to unit / indicator positions (lists of indices)."""
    import copy
    res = copy.copy(result)
    uix = list(range(len(result.unit_codes))) if units is None else units
    iix = list(range(len(result.indicators))) if inds is None else inds
    take = lambda a: a[np.ix_(uix, range(a.shape[1]), iix)]  # noqa: E731
    res.values, res.present = take(result.values), take(result.present)
    res.cell_sheet, res.cell_row, res.cell_col = take(result.cell_sheet), take(result.cell_row), take(result.cell_col)
    res.unit_codes = [result.unit_codes[k] for k in uix]
    res.unit_names = [result.unit_names[k] for k in uix]
    res.indicators = [result.indicators[k] for k in iix]
    codes = set(res.unit_codes)
    res.unreadable = [c for c in result.unreadable if c.unit is None or c.unit in codes]
    res.groups = {k: v[uix] for k, v in result.groups.items()}
    res.denominators = {k: v[uix] for k, v in result.denominators.items()}
    return res


_subset = subset        # the older name (gui code uses it)


def _only_unit(result, unit) -> ImportResult:
    key = clean_text(str(unit)).casefold()
    hits = [k for k, (c, n) in enumerate(result.units) if c.casefold() == key or n.casefold() == key]
    if not hits:
        raise InputError(f"{result.file}: no unit '{unit}' in the workbook (units: "
                         f"{', '.join(result.unit_codes[:20])})")
    return subset(result, units=hits[:1])


def _reorder(result, codes, where) -> ImportResult:
    """Indicators in the order of ``codes`` (template Meta order); codes
    the workbook lacks are added as missing columns."""
    have = {ind.code: k for k, ind in enumerate(result.indicators)}
    missing = [c for c in codes if c not in have]
    if missing:
        result.warnings.append(f"{where}: no column for indicator(s) {', '.join(missing)}; read as missing")
        n = len(missing)
        pad = lambda a, v: np.concatenate([a, np.full(a.shape[:2] + (n,), v, dtype=a.dtype)], axis=2)  # noqa: E731
        result.values, result.present = pad(result.values, np.nan), pad(result.present, False)
        result.cell_sheet, result.cell_row, result.cell_col = (pad(a, -1) for a in
                                                               (result.cell_sheet, result.cell_row, result.cell_col))
        base = len(result.indicators)
        result.indicators = result.indicators + [ImportedIndicator(c, c, code_from_file=True) for c in missing]
        have.update({c: base + k for k, c in enumerate(missing)})
    return subset(result, inds=[have[c] for c in codes])


def _template_aux(result, table, fw):
    """Template Group / Denominator columns (declared in Meta) into
    ``groups`` / ``denominators`` arrays [unit, period]."""
    from core.importing.layouts import column_roles
    sh, roles = table.sheet, column_roles(table)
    ucol = next((c for c in table.cols if roles.get(c) == "unit_code"), None)
    ycol = next((c for c in table.cols if roles.get(c) == "year"), None)
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
            t = tix.get(_period_of_cell(sh.value(r, ycol)) if ycol is not None else None)
            if u is not None and t is not None:
                cells.append((u, t, sh.value(r, col), r))
        if a.type == "Denominator":
            arr = np.full(shape, np.nan)
            x, kind = parse_values([v for _, _, v, _ in cells])
            for (u, t, v, r), xv, kd in zip(cells, x, kind):
                arr[u, t] = xv
                if kd == BAD:
                    result.unreadable.append(UnreadableCell(sh.name, address(r, col), _shown(v), reason_of(v),
                                                            result.unit_codes[u], result.periods[t], a.code))
            result.denominators[a.code] = arr
        else:
            arr = np.full(shape, None, dtype=object)
            for u, t, v, _ in cells:
                arr[u, t] = None if is_blank(v) else text_of(v)
            result.groups[a.code] = arr


def _period_of_cell(v):
    from core.model.celltext import parse_year
    y = parse_year(v)
    return y if y is not None else (text_of(v) or None)
