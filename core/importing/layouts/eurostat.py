"""The Eurostat layout: a bulk download / SDMX-TSV file (``nama_10_gdp.tsv``)
as it is downloaded.  The first column is a composite key: its header
names the key's dimensions and the time axis (``unit,geo\\time``,
``freq,unit,na_item,geo\\TIME_PERIOD``), each row's first cell their
values (``A,CP_MEUR,B1GQ,DE``); the other header cells are periods
(``2020 ``: years; ``2020Q1``, ``2020-01``: period labels as written).

The ``geo`` dimension is the unit.  The other dimensions (``freq`` left
out when it is the same on every row) together name the indicator
(``CP_MEUR B1GQ``, coded ``CP_MEUR_B1GQ``); when all of them are the same
on every row the file is one indicator named after the dataset (the file's
name).  A value is a number with optional flag letters after a space
(``12.3 p``); ``:`` (``: c``, ...) is missing.  The flags are kept out of
the value and counted in a warning."""
from __future__ import annotations

import re
from collections import Counter
from itertools import chain

import numpy as np

from core.errors import InputError
from core.importing.block import Block, Columns, Labels, make_block, rows_at_least
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.layouts.yearbook import Yearbook
from core.importing.table import Table
from core.model.celltext import text_of
from core.text import tr

FLAGS = {"b": "break in time series", "c": "confidential", "d": "definition differs", "e": "estimated",
         "f": "forecast", "n": "not significant", "p": "provisional", "r": "revised", "s": "Eurostat estimate",
         "u": "low reliability", "z": "not applicable"}
_KEY_HEAD = re.compile(r"^\s*([A-Za-z0-9_]+(?:\s*,\s*[A-Za-z0-9_]+)*)\s*\\\s*(time|time_period)\s*$", re.IGNORECASE)
_CELL = re.compile(r"^\s*(:|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)\s*([a-zA-Z]*)\s*$")
_YEAR = re.compile(r"^\d{4}$")


def _dimensions(table: Table):
    """The key's dimension names (lower case), or None when the first
    column's header is not a Eurostat key."""
    if not table.cols:
        return None
    m = _KEY_HEAD.match(text_of(table.sheet.value(table.header, table.cols[0])))
    if not m:
        return None
    return [d.strip().lower() for d in m.group(1).split(",")]


def _period(v):
    t = text_of(v).strip()
    return int(t) if _YEAR.match(t) else (t or None)


class Eurostat(Layout):
    name = "eurostat"
    description = "Eurostat TSV download: a key column (unit,geo\\time) and period columns"

    def fit(self, table: Table) -> Fit:
        dims = _dimensions(table)
        if dims is None:
            return Fit(0, tr("the first column's header is not a Eurostat key such as 'unit,geo\\time'"))
        if "geo" not in dims:
            return Fit(0, tr("the Eurostat key has no geo dimension"))
        if len(table.cols) < 2:
            return Fit(0, tr("no period columns right of the Eurostat key"))
        c0 = table.cols[0]
        keys = [text_of(table.sheet.value(r, c0)) for r in table.data_rows[:50]]
        if not keys or sum(len(k.split(",")) == len(dims) for k in keys) < 0.9 * len(keys):
            return Fit(0, tr("the rows' first cells do not hold one value per key dimension"))
        return Fit(10, tr("a Eurostat key column ({dims}) and {n} period columns", dims=",".join(dims),
                          n=len(table.cols) - 1))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        dims = _dimensions(table)
        if dims is None or "geo" not in dims:
            raise InputError(tr("sheet '{sheet}': the eurostat layout needs a first column headed like "
                                "'unit,geo\\time' (header row {row})", sheet=sh.name, row=table.header + 1))
        c0, pcols = table.cols[0], table.cols[1:]
        rows = rows_at_least(sh, table.data_rows, max(table.cols) + 1)
        keyed, unreadable = [], []
        for r, row in zip(table.data_rows, rows):
            parts = [p.strip() for p in text_of(row[c0]).split(",")]
            if len(parts) != len(dims) or not all(parts):
                unreadable.append((r, c0, text_of(row[c0]), tr("not a key of {n} values ({dims})", n=len(dims),
                                                               dims=",".join(dims)), "row"))
                continue
            keyed.append((r, row, dict(zip(dims, parts))))
        g = dims.index("geo")
        others = [d for k, d in enumerate(dims) if k != g]
        varying = [d for d in others if len({k[d] for _, _, k in keyed}) > 1]
        named_by = [d for d in others if d != "freq" or d in varying]
        one = not varying
        warnings = []
        if one and keyed:
            same = ", ".join(f"{d} {keyed[0][2][d]}" for d in others)
            warnings.append(tr("sheet '{sheet}': read as one indicator '{sheet}' ({same} on every row)",
                               sheet=sh.name, same=same) if same else
                            tr("sheet '{sheet}': read as one indicator '{sheet}'", sheet=sh.name))
        U, T, I = Labels(), Labels(), Labels()
        tix = [T.add(_period(sh.value(table.header, c))) for c in pcols]
        n = len(pcols)
        row_u, row_i = [], []
        for r, row, key in keyed:
            row_u.append(U.add(key["geo"], (key["geo"], key["geo"])))
            if one:
                i = I.add(sh.name, {"key": sh.name, "code": "", "label": sh.name, "name": sh.name, "unit": ""})
            else:
                name = " ".join(key[d] for d in named_by)
                code = "_".join(key[d] for d in named_by)
                label = ", ".join(f"{d}={key[d]}" for d in named_by)
                i = I.add(code, {"key": code, "code": code, "label": label, "name": name, "unit": ""})
            row_i.append(i)
        flags, missing_flags = Counter(), Counter()
        columns, read, got = Columns([row for _, row, _ in keyed]), [], {}
        for c in pcols:                 # column by column, each distinct cell read once
            col = columns[c]
            keys = col if set(map(type, col)) == {str} else list(zip(map(type, col), col))   # (1 and 1.0)
            for key, k in Counter(keys).items():
                out = got.get(key)
                if out is None:
                    out = got[key] = _value(key if type(key) is str else key[1])
                if out[1]:
                    (missing_flags if out[2] else flags).update(dict.fromkeys(out[1], k))
            read.append([got[key][0] for key in keys])
        raw = list(chain.from_iterable(zip(*read))) if read else []
        nr = len(keyed)
        uu, ii = np.repeat(row_u, n), np.repeat(row_i, n)
        rr = np.repeat([r for r, _, _ in keyed], n)
        tt, cc = np.tile(tix, nr), np.tile(pcols, nr)
        warnings += _flag_warnings(sh.name, flags, missing_flags)
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, warnings)

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """As the yearbook's: rows keyed "unit|code", period columns keyed "period"."""
        return Yearbook.cell_map(self, cells, units, periods, codes)


def _value(v):
    """``(value, flags, missing)`` of a cell: its number as text without its
    flags ("" for ':'), its distinct flag letters, and whether it is ':'.  A
    cell that is not a Eurostat value is returned as it is (the import
    lists it as unreadable)."""
    if not isinstance(v, str):
        return v, "", False
    m = _CELL.match(v)
    if not m:
        return (v if v.strip() else ""), "", False
    number, letters = m.groups()
    letters = "".join(dict.fromkeys(letters.lower()))
    if any(f not in FLAGS for f in letters):
        return v, "", False
    return ("" if number == ":" else number), letters, number == ":"


def _flag_warnings(sheet, flags, missing_flags) -> list:
    out = []
    if flags:
        out.append(tr("sheet '{sheet}': flags read apart from the values: {flags}", sheet=sheet, flags=", ".join(
            tr("{n} value(s) flagged {flag} ({meaning})", n=n, flag=f, meaning=flag_meaning(f))
            for f, n in sorted(flags.items()))))
    if missing_flags:
        out.append(tr("sheet '{sheet}': missing values (':') flagged {flags}", sheet=sheet, flags=", ".join(
            f"{f} ({flag_meaning(f)}): {n}" for f, n in sorted(missing_flags.items()))))
    return out


def flag_meaning(flag: str) -> str:
    """What a Eurostat flag letter means, in the current language."""
    words = {"b": tr("break in time series"), "c": tr("confidential"), "d": tr("definition differs"),
             "e": tr("estimated"), "f": tr("forecast"), "n": tr("not significant"), "p": tr("provisional"),
             "r": tr("revised"), "s": tr("Eurostat estimate"), "u": tr("low reliability"),
             "z": tr("not applicable")}
    return words.get(flag, FLAGS.get(flag, flag))


LAYOUT = Eurostat()
