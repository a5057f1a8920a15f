"""What an import read: :class:`ImportResult` (values by unit, period and
indicator, where each came from, the cells that could not be read), built
by :func:`assemble` from the blocks the layouts read, and cut down by
:func:`subset` / :func:`only_unit`.

Decisions: unreadable cells are listed and imported as missing; a value
given twice (long layout) keeps the first and lists the second if it
differs; indicators are coded by the file's code, else their label when it
is a plain identifier, else I01, I02, ...
"""
from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field

import numpy as np

from core.errors import InputError
from core.text import tr, trn
from core.model.celltext import (BAD, MISSING, PERCENT, CellIssue, address, clean_text, has_cjk, parse_values,
                                 reason_of, text_of)

INDEX_CODE = "INDEX"       # the root of the flat framework of a new project: no indicator is coded so


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
    second: bool = False        # a second, different value for a cell already given (the first is used)

    def __str__(self):
        return tr("sheet '{sheet}' {cell}: '{text}' ({reason})", sheet=self.sheet, cell=self.address,
                  text=self.text, reason=self.reason)


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
    doubts: list = field(default_factory=list)      # what the detection guessed (core/importing/confidence.py)

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


# ---- assembling the values ---------------------------------------------------------------------------
_IDENT = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,31}\Z")


def _period_key(p):
    return (0, p, "") if isinstance(p, int) else (1, 0, str(p))


@dataclass
class _Read:
    """The blocks' values together: labels in order of first appearance
    (``units`` code -> (index, code, name), ``periods`` label -> index,
    ``inds`` key -> (index, record)), each value's unit / period / indicator
    index, sheet, row and column (``u``, ``t``, ``i``, ``s``, ``r``, ``c``)
    and its raw cell (``raw``), and the blocks' unreadable rows."""
    units: dict
    periods: dict
    inds: dict
    u: np.ndarray
    t: np.ndarray
    i: np.ndarray
    s: np.ndarray
    r: np.ndarray
    c: np.ndarray
    raw: list
    row_issues: list
    parsed: tuple | None = None      # (x, kind) of ``raw`` when a block read its values in bulk
    grid: object = None              # the one block's Grid (core/importing/block.py): u, t, i, s, r, c are None


def assemble(cells, layout, blocks, warnings) -> ImportResult:
    """The :class:`ImportResult` of the ``(table, block)`` pairs read from
    ``cells`` in ``layout``; ``warnings`` (the reading's so far) gets the
    blocks' warnings and is the result's list."""
    sheets = [t.sheet.name for t, _ in blocks]
    read = _gather(cells, blocks, warnings)
    if not read.inds:
        raise InputError(trn("{file}: no indicators found ({layout} layout, sheet {sheets})",
                             "{file}: no indicators found ({layout} layout, sheets {sheets})", len(sheets),
                             file=cells.file, layout=layout, sheets=", ".join(sheets)))
    plist, t = _sorted_periods(cells, list(read.periods), read.t if read.grid is None else read.grid.t)
    x, kind = read.parsed if read.parsed is not None else parse_values(read.raw)
    shape = (len(read.units), len(plist), len(read.inds))
    ucodes = [k for k in read.units]
    unames = [v[2] for v in read.units.values()]
    indicators = _indicators([v[1] for v in read.inds.values()])
    if read.grid is not None:
        read.grid = dataclasses.replace(read.grid, t=t)
        placed = _grid_placed(read.grid, shape, x, kind)
        if placed is not None:
            return _result(cells, layout, blocks, warnings, (ucodes, unames, plist, indicators), placed, read, [])
        read.u, t, read.i, read.r, read.c = read.grid.expanded()
        read.s = np.zeros(len(read.r), dtype=np.int64)
    read.t = t
    lin = read.u * shape[1]          # (in place: these arrays hold one number per value cell)
    lin += read.t
    lin *= shape[2]
    lin += read.i
    order, dup = _duplicates(lin)
    labels = (sheets, ucodes, plist, indicators)
    unreadable = _bad_cells(read, kind, dup, labels) + _second_values(read, lin, order, dup, x, kind, labels)
    placed = _placed(read, shape, lin, dup, x)
    _percent_units(cells, read.i, x, kind, indicators, warnings)
    return _result(cells, layout, blocks, warnings, (ucodes, unames, plist, indicators), placed, read, unreadable)


def _result(cells, layout, blocks, warnings, labels, placed, read, unreadable) -> ImportResult:
    """The :class:`ImportResult` of the labels ``(unit codes, unit names,
    periods, indicators)`` and the ``placed`` arrays (:func:`_placed`)."""
    ucodes, unames, plist, indicators = labels
    values, present, csheet, crow, ccol = placed
    sheets = [t.sheet.name for t, _ in blocks]
    header_rows = {t.sheet.name: t.header + 1 for t, _ in blocks}
    return ImportResult(cells.file, cells.path, cells.sha256, cells.format, layout, sheets, header_rows,
                        indicators, ucodes, unames, plist, values, present, csheet, crow, ccol,
                        read.row_issues + unreadable, warnings)


def _gather(cells, blocks, warnings) -> _Read:
    """The values of all blocks, their labels merged in order of first
    appearance; the blocks' warnings go to ``warnings``."""
    units, periods, inds = {}, {}, {}
    uu, tt, ii, ss, rr, cc, raw = [], [], [], [], [], [], []
    row_issues, parsed = [], None
    grid = blocks[0][1].grid if len(blocks) == 1 else None
    for s, (table, b) in enumerate(blocks):
        umap = np.array([units.setdefault(code, (len(units), code, nm))[0] for code, nm in b.units] or [0])
        pmap = np.array([periods.setdefault(p, len(periods)) for p in b.periods] or [0])
        imap = np.array([inds.setdefault(d["key"], (len(inds), d))[0] for d in b.indicators] or [0])
        if len(b.raw) and grid is not None:
            raw, parsed = b.raw, b.parsed
        elif len(b.raw):
            bu, bt, bi, brows, bcols = b.value_cells()
            uu.append(_mapped(umap, bu)), tt.append(_mapped(pmap, bt)), ii.append(_mapped(imap, bi))
            ss.append(np.full(len(b.raw), s)), rr.append(brows), cc.append(bcols)
            if len(blocks) == 1:
                raw, parsed = b.raw, b.parsed
            else:
                raw.extend(b.raw)
        warnings.extend(tr("{file}: {message}", file=cells.file, message=w) for w in b.warnings)
        for r, c, text, reason, _ in b.unreadable:
            row_issues.append(UnreadableCell(b.sheet, address(r, c if c is not None else 0), text, reason))
    cat = (lambda parts: (parts[0] if len(parts) == 1 else np.concatenate(parts)) if parts  # noqa: E731
           else np.zeros(0, dtype=np.int64))
    if grid is not None:
        return _Read(units, periods, inds, None, None, None, None, None, None, raw, row_issues, parsed, grid)
    u, t, i, s, r, c = (cat(p) for p in (uu, tt, ii, ss, rr, cc))
    return _Read(units, periods, inds, u, t, i, s, r, c, raw, row_issues, parsed)


def _mapped(index_map, k):
    """``index_map[k]``; ``k`` itself when the map changes nothing (one block)."""
    if len(index_map) and index_map[0] == 0 and np.array_equal(index_map, np.arange(len(index_map))):
        return k
    return index_map[k]


def _sorted_periods(cells, plist, t):
    """The periods in order, years ascending then text labels, and ``t``
    renumbered to that order (InputError if only some sheets name one)."""
    if plist != [None]:
        if None in plist:
            raise InputError(tr("{file}: some sheets name a period and some do not", file=cells.file))
        order = sorted(range(len(plist)), key=lambda k: _period_key(plist[k]))
        remap = np.empty(len(plist), dtype=np.int64)
        remap[order] = np.arange(len(plist))
        if order != sorted(order):
            t = remap[t]
        plist = [plist[k] for k in order]
    return plist, t


def _duplicates(lin):
    """The stable order of the values' cell numbers ``lin`` (None when no
    cell is given twice) and which values are a second one for a cell
    already given."""
    dup = np.zeros(len(lin), dtype=bool)
    if len(lin) and np.bincount(lin).max() <= 1:      # each cell once (the common case): no sort needed
        return None, dup
    order = np.argsort(lin, kind="stable")
    if len(lin) > 1:
        same = lin[order][1:] == lin[order][:-1]
        dup[order[1:][same]] = True
    return order, dup


def _bad_cells(read, kind, dup, labels) -> list:
    """An UnreadableCell for each value that could not be read (the first
    of a cell only)."""
    sheets, ucodes, plist, indicators = labels
    u, t, i, s, r, c = read.u, read.t, read.i, read.s, read.r, read.c
    out = []
    for k in np.flatnonzero(kind == BAD):
        if dup[k]:
            continue
        v = read.raw[k]
        out.append(UnreadableCell(sheets[s[k]], address(int(r[k]), int(c[k])), shown(v), reason_of(v),
                                  ucodes[u[k]], plist[t[k]], indicators[i[k]].code))
    return out


def _second_values(read, lin, order, dup, x, kind, labels) -> list:
    """An UnreadableCell for each second value of a cell that differs from
    the first (the first is used)."""
    if not dup.any():
        return []
    sheets, ucodes, plist, indicators = labels
    u, t, i, s, r, c = read.u, read.t, read.i, read.s, read.r, read.c
    out = []
    sl = lin[order]
    starts = np.r_[True, sl[1:] != sl[:-1]]
    first_of = order[np.maximum.accumulate(np.where(starts, np.arange(len(sl)), 0))]
    ks, fs = order[~starts], first_of[~starts]
    differ = (kind[ks] != kind[fs]) | ~((x[ks] == x[fs]) | (np.isnan(x[ks]) & np.isnan(x[fs])))
    for k, f in zip(ks[differ].tolist(), fs[differ].tolist()):
        out.append(UnreadableCell(
            sheets[s[k]], address(int(r[k]), int(c[k])), shown(read.raw[k]),
            tr("a second value for the same cell as {first}; the first is used",
               first=sheets[s[f]] + "!" + address(int(r[f]), int(c[f]))),
            ucodes[u[k]], plist[t[k]], indicators[i[k]].code, second=True))
    return out


def _grid_placed(grid, shape, x, kind):
    """:func:`_placed` for the values of one block of rows by columns
    (core.importing.block.Grid), a row at a time: when every value is a
    number or missing (no BAD, no PERCENT kind), each (unit, period) has one row and each indicator
    one column, in order (else None: the values are placed one by one,
    with their checks)."""
    U, T, I = shape
    n, m = len(grid.rows), len(grid.cols)
    if m != I or not np.array_equal(grid.i, np.arange(I)) or kind.max(initial=MISSING) > MISSING:
        return None
    cell = grid.u * T + grid.t
    if n and np.bincount(cell).max() > 1:
        return None
    by_row = x.reshape(m, n).T
    if n == U * T:           # every (unit, period) has its row: the arrays are the rows reordered
        rows = grid.rows
        if np.array_equal(cell, np.arange(n)):
            values = by_row.copy()          # (rows already in order: the usual case)
        else:
            at = np.empty(n, dtype=np.int64)
            at[cell] = np.arange(n)
            values, rows = by_row[at], rows[at]
        present = np.ones((n, I), dtype=bool)
        csheet = np.zeros((n, I), dtype=np.int32)
        crow = np.repeat(rows.astype(np.int32), I).reshape(n, I)
        ccol = np.tile(grid.cols.astype(np.int32), (n, 1))
    else:
        values = np.full((U * T, I), np.nan)
        present = np.zeros((U * T, I), dtype=bool)
        csheet, crow, ccol = (np.full((U * T, I), -1, dtype=np.int32) for _ in range(3))
        values[cell] = by_row
        present[cell] = True
        csheet[cell] = 0
        crow[cell] = grid.rows[:, None]
        ccol[cell] = grid.cols[None, :]
    return tuple(a.reshape(shape) for a in (values, present, csheet, crow, ccol))


def _placed(read, shape, lin, dup, x):
    """The values, presence and source sheet / row / column arrays of
    ``shape``, each cell from its first value."""
    values = np.full(shape, np.nan)
    present = np.zeros(shape, dtype=bool)
    csheet = np.full(shape, -1, dtype=np.int32)
    crow = np.full(shape, -1, dtype=np.int32)
    ccol = np.full(shape, -1, dtype=np.int32)
    s, r, c = read.s, read.r, read.c
    if dup.any():
        keep = ~dup
        lk, xk, sk, rk, ck = lin[keep], x[keep], s[keep], r[keep], c[keep]
    else:
        lk, xk, sk, rk, ck = lin, x, s, r, c
    flat = lambda a: a.reshape(-1)      # noqa: E731  (a view: indexing it is much faster than .flat)
    flat(values)[lk] = xk
    flat(present)[lk] = True
    flat(csheet)[lk], flat(crow)[lk], flat(ccol)[lk] = sk, rk, ck
    return values, present, csheet, crow, ccol


def _percent_units(cells, i, x, kind, indicators, warnings) -> None:
    """Percent signs: the unit is % unless the workbook says otherwise; a
    warning when an indicator also has plain numbers of at most 1."""
    pct = kind == PERCENT
    if pct.any():
        for j in np.unique(i[pct]):
            ind = indicators[j]
            if not ind.unit:
                ind.unit = "%"
            plain = (i == j) & (kind == 0)
            if plain.any() and np.all(np.abs(x[plain]) <= 1):
                warnings.append(tr("{file}: indicator '{code}' mixes values written with % (read as percent, "
                                   "e.g. 12.3% -> 12.3) and numbers of at most 1 (perhaps fractions formatted "
                                   "as percentages); check its unit", file=cells.file, code=ind.code))


def shown(v) -> str:
    """A cell as an unreadable-cell listing shows it."""
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


def only_unit(result, unit) -> ImportResult:
    """The result of one unit, named by code or name (InputError if none)."""
    key = clean_text(str(unit)).casefold()
    hits = [k for k, (c, n) in enumerate(result.units) if c.casefold() == key or n.casefold() == key]
    if not hits:
        raise InputError(tr("{file}: no unit '{unit}' in the workbook (units: {units})", file=result.file,
                            unit=unit, units=", ".join(result.unit_codes[:20])))
    return subset(result, units=hits[:1])


def reorder(result, codes, where) -> ImportResult:
    """Indicators in the order of ``codes`` (template Meta order); codes
    the workbook lacks are added as missing columns."""
    have = {ind.code: k for k, ind in enumerate(result.indicators)}
    missing = [c for c in codes if c not in have]
    if missing:
        result.warnings.append(trn("{where}: no column for indicator {codes}; read as missing",
                                   "{where}: no column for indicators {codes}; read as missing", len(missing),
                                   where=where, codes=", ".join(missing)))
        n = len(missing)
        pad = lambda a, v: np.concatenate([a, np.full(a.shape[:2] + (n,), v, dtype=a.dtype)], axis=2)  # noqa: E731
        result.values, result.present = pad(result.values, np.nan), pad(result.present, False)
        result.cell_sheet, result.cell_row, result.cell_col = (pad(a, -1) for a in
                                                               (result.cell_sheet, result.cell_row, result.cell_col))
        base = len(result.indicators)
        result.indicators = result.indicators + [ImportedIndicator(c, c, code_from_file=True) for c in missing]
        have.update({c: base + k for k, c in enumerate(missing)})
    return subset(result, inds=[have[c] for c in codes])


