"""What a layout reads from a table: a :class:`Block` of values, each with
its unit, period and indicator labels and its cell position, and the
steps the layouts (core/importing/layouts/) share to build one.  Columns
are read whole (each distinct label parsed once), so a 20,000-row sheet
costs a few list passes, not 20,000 Python calls per column.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

import re

from core.model.celltext import (address, clean_text, is_missing, parse_values, parse_year, split_label_unit, text_of,
                                 unit_text)
from core.importing.table import Table
from core.text import tr, trn


@dataclass
class Block:
    """Values read from one table: for value k, ``raw[k]`` at 0-based
    (``rows[k]``, ``cols[k]``) of ``sheet`` belongs to unit ``units[u[k]]``,
    period ``periods[t[k]]`` and indicator ``indicators[i[k]]``.  Units are
    (code, name); indicators are dicts with key, code, label, name, unit."""
    sheet: str
    units: list
    periods: list
    indicators: list
    u: np.ndarray
    t: np.ndarray
    i: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    raw: list
    unreadable: list = field(default_factory=list)     # (row, col, text, reason, what)
    warnings: list = field(default_factory=list)
    parsed: tuple | None = None     # (x, kind) of ``raw`` when read in bulk (parse_values' result), else None
    grid: "Grid | None" = None      # the values as rows x columns (then u, t, i, rows, cols are made when asked for)

    def value_cells(self) -> tuple:
        """``(u, t, i, rows, cols)``: each value's labels and cell."""
        if self.u is None:
            self.u, self.t, self.i, self.rows, self.cols = self.grid.expanded()
        return self.u, self.t, self.i, self.rows, self.cols


@dataclass
class Grid:
    """The values of a block read as a table of rows by columns: value
    ``k = q * n + j`` (n rows) is the cell of row ``rows[j]`` (unit
    ``u[j]``, period ``t[j]``) and column ``cols[q]`` (indicator ``i[q]``).
    The import places such values into its cube row by row
    (core/importing/result.py) without one index per value."""
    u: np.ndarray
    t: np.ndarray
    rows: np.ndarray
    i: np.ndarray
    cols: np.ndarray

    def expanded(self) -> tuple:
        """``(u, t, i, rows, cols)`` with one entry per value."""
        m = len(self.cols)
        u, t, r = (np.tile(x, m) for x in (self.u, self.t, self.rows))
        return u, t, np.repeat(self.i, len(self.rows)), r, np.repeat(self.cols, len(self.rows))


class Labels:
    """Distinct labels in order of appearance -> index."""

    def __init__(self):
        self.index, self.items = {}, []

    def fill(self, keys, items) -> None:
        """Add distinct ``keys`` (none there yet) with their ``items``."""
        self.index.update(zip(keys, range(len(self.items), len(self.items) + len(keys))))
        self.items.extend(items)

    def add(self, key, item=None):
        k = self.index.get(key)
        if k is None:
            k = self.index[key] = len(self.items)
            self.items.append(item if item is not None else key)
        return k


def indicator(label_cell, code_cell=None, unit_cell=None, header_unit="", sheet_unit=""):
    """``(key, record)`` of an indicator named by a label cell (with its
    unit in brackets), an optional code cell and unit cell; the unit falls
    back to the header's and then to the sheet's."""
    label = text_of(label_cell)
    name, unit = split_label_unit(label)
    code = text_of(code_cell) if code_cell is not None else ""
    if unit_cell is not None and not is_missing(unit_cell):       # blank, "—": the label's or sheet's unit
        unit = unit_text(text_of(unit_cell))
    unit = unit or header_unit or sheet_unit
    key = code or name
    return key, {"key": key, "code": code, "label": label, "name": name, "unit": unit}


def period_of(v):
    """The period a cell names: a year as an int, other text as it is, None for a blank."""
    y = parse_year(v)
    if y is not None:
        return y
    return text_of(v) or None


def cached(fn):
    """``fn`` of a cell, remembered by (type, value): label columns repeat their cells."""
    memo = {}

    def call(v):
        key = (type(v), v)
        got = memo.get(key, memo)
        if got is memo:
            got = memo[key] = fn(v)
        return got
    return call


def ignored_warning(table: Table, ignored, wanted: str) -> list:
    """The warning naming the columns a layout left out (``wanted``: what
    they are not, e.g. 'year'), or none."""
    if not ignored:
        return []
    names = ", ".join(f"{address(0, c)[:-1]} '{text_of(table.head(c))}'" for c in ignored[:8])
    return [trn("sheet '{sheet}': column {names} ignored (not a {wanted} column)",
                "sheet '{sheet}': columns {names} ignored (not a {wanted} column)", len(ignored),
                sheet=table.sheet.name, names=names, wanted=_kind_word(wanted))]


def _kind_word(kind: str) -> str:
    """A kind of column ('year', 'number', 'period', 'unit', 'indicator') in the current language."""
    words = {"year": tr("year"), "number": tr("number"), "period": tr("period"), "unit": tr("unit"),
             "indicator": tr("indicator")}
    return words.get(kind, kind)


def units_of_columns(table: Table) -> dict:
    """Column -> the unit of measure the row under the header gives it."""
    if table.units_row is None:
        return {}
    value = table.sheet.value
    return {c: "" if is_missing(value(table.units_row, c)) else unit_text(text_of(value(table.units_row, c)))
            for c in table.cols}


def make_block(sheet_name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings, parsed=None) -> Block:
    arr = lambda x: np.asarray(x, dtype=np.int64)  # noqa: E731
    return Block(sheet_name, U.items, T.items, I.items, arr(uu), arr(tt), arr(ii), arr(rr), arr(cc), raw,
                 unreadable, warnings, parsed)


def grid_block(sheet_name, U, T, I, grid: Grid, raw, unreadable, warnings, parsed=None) -> Block:
    """A :class:`Block` of values in rows by columns (:class:`Grid`)."""
    arr = lambda x: np.asarray(x, dtype=np.int64)  # noqa: E731
    grid = Grid(arr(grid.u), arr(grid.t), arr(grid.rows), arr(grid.i), arr(grid.cols))
    return Block(sheet_name, U.items, T.items, I.items, None, None, None, None, None, raw, unreadable, warnings,
                 parsed, grid)


def fixed_unit_and_period(U, T, sh, unit, many_sheets, ucode_c, uname_c, year_c):
    """The unit every row of the sheet is about when no column names one
    (``unit``, else the sheet's name), and the period when no column names
    one (the sheet's); None where a column does."""
    fixed = None
    if ucode_c is None and uname_c is None:
        fixed = U.add(unit or sh.name, (unit or sh.name, unit or sh.name))
    fixed_t = None if year_c is not None else T.add(sheet_period(sh.name, many_sheets))
    return fixed, fixed_t


def rows_at_least(sh, rows, need) -> list:
    """The sheet's rows numbered ``rows``, each padded to ``need`` cells."""
    out = [sh.rows[r] for r in rows]
    if min(map(len, out), default=need) < need:
        for row in out:
            if len(row) < need:
                row.extend([""] * (need - len(row)))
    return out


class Columns:
    """Columns of a list of rows, each copied out once when first asked for
    (every row is at least as wide as the columns asked for).  A bulk
    source of columns (core/importing/csvfast.py) answers the same
    questions: ``columns[c]`` (the cells), :meth:`take`, :meth:`values`
    and :meth:`labels`."""

    def __init__(self, rows):
        self.rows, self.cols = rows, {}

    def __getitem__(self, c):
        col = self.cols.get(c)
        if col is None:
            col = self.cols[c] = [row[c] for row in self.rows]
        return col

    def cells_at(self, c, positions) -> list:
        """The cells of column ``c`` in the rows at ``positions`` (an array)."""
        col = self[c]
        return [col[j] for j in positions.tolist()]

    def row_numbers(self, rows) -> np.ndarray:
        """The sheet's row numbers ``rows`` (those of these columns) as an array."""
        return np.asarray(rows, dtype=np.int64)

    def take(self, positions) -> "Columns":
        """The columns of the rows at ``positions`` only."""
        return Columns([self.rows[j] for j in positions])

    def values(self, c):
        """The cells of value column ``c`` as a block's ``raw`` holds them
        (a list here; a bulk source gives a :class:`ParsedCells`)."""
        return self[c]

    def labels(self, c, fn) -> list:
        """``fn`` of every cell of label column ``c`` (once per distinct cell: :func:`each`)."""
        return each(self[c], fn)

    def label_codes(self, c, labels_of) -> tuple:
        """:func:`coded` label column ``c``."""
        return coded(self[c], labels_of)


def coded(column, labels_of) -> tuple:
    """``(codes, values)`` of a label column: the label of its cell j is
    ``values[codes[j]]``, where ``labels_of`` (e.g. :func:`texts_of`) gives
    the labels of the distinct cells (distinct by type too, as in
    :func:`each`) in order of first appearance."""
    keys = column if len(set(map(type, column))) <= 1 else list(zip(map(type, column), column))
    index = {}
    codes = np.array([index.setdefault(k, len(index)) for k in keys], dtype=np.int64)
    return codes, labels_of(list(index) if keys is column else [k[1] for k in index])


_ASCII_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "      # the ASCII characters str.isspace() is true of


def _space_at_an_end(joined: str) -> bool:
    """Whether a text of ASCII ``joined`` by NUL characters has a space at either end."""
    return joined[:1].isspace() or joined[-1:].isspace() or \
        any("\x00" + c in joined or c + "\x00" in joined for c in _ASCII_SPACES)


def texts_of(cells) -> list:
    """:func:`core.model.celltext.text_of` of each cell.  ASCII text with no
    space at either end is its own label (NFKC leaves ASCII as it is), so
    a list of such texts is looked at as one string."""
    if set(map(type, cells)) <= {str}:
        joined = "\x00".join(cells)
        if joined.isascii() and not _space_at_an_end(joined):
            return list(cells)
    return [v if type(v) is str and v.isascii() and v == v.strip() else text_of(v) for v in cells]


def periods_of(cells) -> list:
    """:func:`period_of` of each cell."""
    return [period_of(v) for v in cells]


def data_columns(table: Table, rows, need) -> Columns:
    """The columns of the sheet's ``rows``: the table's bulk columns when
    they hold exactly these rows (a CSV read by pandas), else the rows
    copied out, each padded to ``need`` cells."""
    bulk = table.columns
    if bulk is not None and bulk.covers(rows):
        return bulk
    return Columns(rows_at_least(table.sheet, rows, need))


@dataclass
class ParsedCells:
    """Value cells read in bulk: ``x`` and ``kind`` as
    :func:`core.model.celltext.parse_values` gives them for ``cells`` (a
    sequence of the cells as the sheet holds them)."""
    x: np.ndarray
    kind: np.ndarray
    cells: object


class _Joined:
    """Several sequences read as one (the value columns of a block, one after another)."""

    def __init__(self, parts):
        self.parts = parts
        self.starts = np.cumsum([0] + [len(p) for p in parts])

    def __len__(self):
        return int(self.starts[-1])

    def __getitem__(self, k):
        j = int(np.searchsorted(self.starts, k, side="right")) - 1
        return self.parts[j][k - int(self.starts[j])]

    def __iter__(self):
        for p in self.parts:
            yield from p


def join_values(parts):
    """``(raw, parsed)`` of a block from its value columns in order: the
    cells one after another, and their ``(x, kind)`` when a column was read
    in bulk (None when every column is a plain list: assemble parses them)."""
    if all(isinstance(p, list) for p in parts):
        raw = []
        for p in parts:
            raw.extend(p)
        return raw, None
    done = [p if isinstance(p, ParsedCells) else ParsedCells(*parse_values(p), p) for p in parts]
    x = np.concatenate([p.x for p in done]) if done else np.zeros(0)
    kind = np.concatenate([p.kind for p in done]) if done else np.zeros(0, dtype=np.uint8)
    return _Joined([p.cells for p in done]), (x, kind)


def each(column, fn) -> list:
    """``fn`` of every cell of a column, computed once per distinct cell
    (distinct by type too: 1, 1.0 and True read differently)."""
    types = set(map(type, column))
    if len(types) == 1:
        memo = {v: fn(v) for v in set(column)}
        return list(map(memo.__getitem__, column))
    keyed = list(zip(map(type, column), column))
    memo = {k: fn(k[1]) for k in set(keyed)}
    return list(map(memo.__getitem__, keyed))


_FISCAL_YEAR = re.compile(r"(?:FY|fiscal\s*year|year)\s*[-_ ]?\s*(\d{4})\Z", re.IGNORECASE)


def sheet_period(name, many_sheets):
    """The period a sheet stands for, or None.  A sheet's name is a period
    only when the whole name reads as a year: "2020", "2020年", "2020年度",
    "２０２０", "FY2020", "FY 2020", "Year 2020" (a year 1000-2999).  Any
    other name is not a period, whether one sheet or several are read:
    "BLI 2015" or "GDP 2020" (a data set named with a year in it),
    "2015-2020", "Sheet1", "成都".  (``many_sheets`` is kept for the
    callers; the rule is the same.)"""
    y = parse_year(name)
    if y is not None:
        return y
    m = _FISCAL_YEAR.match(clean_text(str(name)))
    if m and 1000 <= int(m.group(1)) <= 2999:
        return int(m.group(1))
    return None
