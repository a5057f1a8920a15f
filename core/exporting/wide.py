"""What the values-only results workbook holds, sheet by sheet, in a wide
layout an analyst can filter and sort in Excel at county scale: one row
per unit and period (or per unit), one column per node.

Every sheet is a :class:`Sheet`: a header, a row count and its rows in
blocks of plain Python values (numbers converted in bulk with numpy, a
missing value ``None``), so the writer (:mod:`core.exporting.values`)
never holds more than one block.

Sheets, in order (the node columns list the index and the aggregates from
the top of the framework down, then the indicators, by code):

* Framework: code, name, name_zh, parent, level, weight, direction, type, unit;
* Data: unit, name, period, then one column per indicator (raw values; left
  out above :data:`DATA_SHEET_LIMIT` values, with a note on the Warnings sheet);
* Scores: unit, name, period, then one column per node (aggregate scores,
  indicators' normalised scores);
* Ranks: the same columns, each node's rank among the units in that period;
* with more than one period: Change since base and Change year on year
  (unit, name, period, one column per aggregate, percent), Growth and CAGR
  (unit, name, from, to, one column per node, percent from the first to the
  last period), Contributions and Contribution shares (unit, name, from, to,
  one column per node below the top: its points of its parent's change,
  and that as a percent of the change);
* Warnings: kind, code, unit, period, message.

A project without periods has no period column.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import numpy as np

from core.exporting.records import WARNING_KEYS
from core.text import tr

#: Cells of one block: a block's rows are built in one go, then written.
BLOCK_CELLS = 100_000

#: Above this many raw values the Data sheet is left out (a note on the
#: Warnings sheet says so): the inputs are in the project and the workbook
#: they came from, and at county scale (5.7 million values) they would take
#: a third of the writing time.
DATA_SHEET_LIMIT = 1_000_000

FRAMEWORK_SHEET_KEYS = ("code", "name", "name_zh", "parent", "level", "weight", "direction", "type", "unit")


@dataclass(frozen=True)
class Sheet:
    """``name``; ``header`` (the first ``keys`` columns say which unit and
    period a row is about, the rest name nodes); ``rows`` below the
    header; ``blocks()``: the rows, as lists of Python values, block by
    block."""
    name: str
    header: tuple
    keys: int
    rows: int
    blocks: Callable[[], Iterator[list[list]]]


def node_columns(engine) -> list[str]:
    """The node columns: the aggregates from the top level down, then the
    indicators, each in the framework's order."""
    fw = engine.framework
    nodes = [n.code for n in fw.nodes if n.code in engine.index]
    aggs = set(fw.aggregate_codes)
    return (sorted((c for c in nodes if c in aggs), key=lambda c: -fw.level[c])
            + [c for c in nodes if c not in aggs])


def workbook_sheets(engine) -> list[Sheet]:
    """Every sheet of the values-only workbook, in order."""
    ds, fw = engine.dataset, engine.framework
    codes = node_columns(engine)
    aggs = [c for c in codes if c in set(fw.aggregate_codes)]
    rows = [engine.index[c] for c in codes]
    ranks = np.stack([engine.rank(c) for c in aggs]) if aggs else np.empty((0,) + engine.scores.shape[1:])
    with_data = ds.values.size <= DATA_SHEET_LIMIT
    sheets = [_records_sheet("Framework", FRAMEWORK_SHEET_KEYS, _framework_records(fw))]
    if with_data:
        sheets.append(_panel_sheet("Data", engine, list(ds.codes), lambda sl: ds.values[sl]))
    sheets += [_panel_sheet("Scores", engine, codes, lambda sl: np.moveaxis(engine.scores[rows, sl], 0, -1)),
              _panel_sheet("Ranks", engine, aggs, lambda sl: np.moveaxis(ranks[:, sl], 0, -1), ints=True)]
    if len(ds.periods) > 1:
        sheets += _change_sheets(engine, aggs) + _growth_sheets(engine, aggs) + _contribution_sheets(engine, aggs)
    notes = [] if with_data else [data_left_out_note(ds.values.size)]
    sheets.append(_records_sheet("Warnings", WARNING_KEYS, list(engine.warnings) + notes))
    return sheets


def data_left_out_note(values: int) -> dict:
    """The Warnings sheet's record saying the Data sheet was left out."""
    return {"kind": "note", "code": "", "unit": "", "period": "",
            "message": tr("the Data sheet is left out: {n:,} raw values (more than {most:,}) would make the workbook "
                          "slow to write and to open; they are in the project file and the workbook they were "
                          "imported from (compute --json holds them too)", n=values, most=DATA_SHEET_LIMIT)}


def _framework_records(fw) -> list[dict]:
    return [{"code": n.code, "name": n.name, "name_zh": n.name_zh, "parent": n.parent, "level": fw.level[n.code],
             "weight": n.weight, "direction": n.direction, "type": n.type, "unit": n.unit} for n in fw.nodes]


def _records_sheet(name: str, keys: tuple, records: list[dict]) -> Sheet:
    """A sheet of a few records (framework, warnings), one column per key."""
    def blocks():
        if records:
            yield [[_plain(r.get(k)) for k in keys] for r in records]
    return Sheet(name, tuple(keys), len(keys), len(records), blocks)


def _plain(value):
    """A small table's value as written: a number that is not finite is missing."""
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _panel_sheet(name: str, engine, columns: list, cube: Callable[[slice], np.ndarray],
                 ints: bool = False, key_names=("unit", "name", "period")) -> Sheet:
    """One row per unit and period (units outer, periods inner): the key
    columns, then ``cube(units)``: a (units, periods, columns) array of a
    slice of the units."""
    ds = engine.dataset
    U, T = len(ds.unit_codes), len(ds.periods)
    timed = ds.has_time
    key_names = key_names if timed else key_names[:2]
    step = max(1, BLOCK_CELLS // max(1, T * (len(columns) + len(key_names))))

    def blocks():
        periods = np.array(list(ds.periods), dtype=object)
        for u0 in range(0, U, step):
            sl = slice(u0, min(U, u0 + step))
            n = sl.stop - sl.start
            keys = [np.repeat(_objects(ds.unit_codes[sl]), T), np.repeat(_objects(ds.unit_names[sl]), T)]
            if timed:
                keys.append(np.tile(periods, n))
            values = np.asarray(cube(sl), dtype=float).reshape(n * T, len(columns))
            yield _rows(keys, values, ints)
    return Sheet(name, tuple(key_names) + tuple(columns), len(key_names), U * T, blocks)


def _unit_sheet(name: str, engine, columns: list, table: np.ndarray) -> Sheet:
    """One row per unit: unit, name, from, to (the first and last period),
    then the columns of ``table`` (units, columns)."""
    ds = engine.dataset
    U = len(ds.unit_codes)
    step = max(1, BLOCK_CELLS // (len(columns) + 4))
    first, last = ds.periods[0], ds.periods[-1]

    def blocks():
        for u0 in range(0, U, step):
            sl = slice(u0, min(U, u0 + step))
            n = sl.stop - sl.start
            keys = [_objects(ds.unit_codes[sl]), _objects(ds.unit_names[sl]),
                    np.full(n, first, dtype=object), np.full(n, last, dtype=object)]
            yield _rows(keys, table[sl])
    return Sheet(name, ("unit", "name", "from", "to") + tuple(columns), 4, U, blocks)


def _change_sheets(engine, aggs: list) -> list[Sheet]:
    """Percent changes since the base period and since the period before."""
    def cube(of):
        return np.stack([of(c) for c in aggs], axis=-1) if aggs else np.empty(engine.scores.shape[1:] + (0,))
    since, yoy = cube(engine.change_since_base), cube(engine.yoy)
    return [_panel_sheet("Change since base", engine, aggs, lambda sl: since[sl]),
            _panel_sheet("Change year on year", engine, aggs, lambda sl: yoy[sl])]


def _growth_sheets(engine, aggs: list) -> list[Sheet]:
    """Percent change and compound annual growth from the first period to the last."""
    both = [engine.growth(c, 0, -1) for c in aggs]
    U = len(engine.dataset.unit_codes)
    change = np.array([g[0] for g in both], dtype=float).reshape(len(aggs), U).T
    cagr = np.array([g[1] for g in both], dtype=float).reshape(len(aggs), U).T
    return [_unit_sheet("Growth", engine, aggs, change), _unit_sheet("CAGR", engine, aggs, cagr)]


def _contribution_sheets(engine, aggs: list) -> list[Sheet]:
    """Each aggregate below the top: its points of its parent's change
    from the first to the last period, and their share of that change."""
    points, shares = {}, {}
    for parent in engine.framework.aggregate_codes:
        kids, pts, share = engine.contributions(parent, 0, -1)
        for k, kid in enumerate(kids):
            points[kid], shares[kid] = pts[k], share[k]
    below = [c for c in aggs if c in points]
    U = len(engine.dataset.unit_codes)

    def table(of):
        return np.array([of[c] for c in below], dtype=float).reshape(len(below), U).T

    return [_unit_sheet("Contributions", engine, below, table(points)),
            _unit_sheet("Contribution shares", engine, below, table(shares))]


def _objects(items) -> np.ndarray:
    """Labels as an object array (text stays text, whatever it looks like)."""
    out = np.empty(len(items), dtype=object)
    out[:] = list(items)
    return out


def _rows(keys: list[np.ndarray], values: np.ndarray, ints: bool = False) -> list[list]:
    """Rows of the key columns then ``values`` (rows, columns) as plain
    Python lists, converted in bulk: floats (whole numbers for ``ints``),
    ``None`` where a value is not finite."""
    n, k = values.shape[0], len(keys)
    out = np.empty((n, k + values.shape[1]), dtype=object)
    for j, col in enumerate(keys):
        out[:, j] = col
    bad = ~np.isfinite(values)
    out[:, k:] = np.where(bad, 0, values).astype(np.int64) if ints else values
    if bad.any():
        out[:, k:][bad] = None
    return out.tolist()
