"""The results as tables of records, a block at a time, for the outputs
that stream (``--json``, ``--format csv`` / ``parquet``, the values-only
workbook).

Each table (data, scores, ranks, growth, contributions, coverage, and the
small framework and warnings tables) has the keys of its ``--json`` records
and yields its records in blocks, one block per node (or per parent), in
the order of the document.  A block is a list of columns, one per key:

* :class:`Labels`: labels picked by an index array (units, periods, codes);
* :class:`Numbers`: a float array, missing where not finite (``ints``: whole
  numbers, as the ranks);
* :class:`Const`: one value for every record of the block;
* :class:`Values`: plain Python values (the small tables).

So a writer formats whole columns at once (numbers converted in bulk) and
never holds more than one block, whatever the size of the project.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator

import numpy as np


@dataclass(frozen=True)
class Labels:
    labels: list
    index: np.ndarray


@dataclass(frozen=True)
class Numbers:
    values: np.ndarray
    ints: bool = False


@dataclass(frozen=True)
class Const:
    value: Any


@dataclass(frozen=True)
class Values:
    values: list


@dataclass(frozen=True)
class Table:
    """``name`` (the document's key and the file's stem), the record
    ``keys``, and ``blocks()``: the records block by block.  A small
    table also keeps its ``records`` as dictionaries (a warning may have
    more keys than the table's columns; the JSON document lists them all)."""
    name: str
    keys: tuple
    blocks: Callable[[], Iterator[list]]
    records: list | None = None


FRAMEWORK_KEYS = ("code", "name", "name_zh", "parent", "level", "weight", "direction")
WARNING_KEYS = ("kind", "code", "unit", "period", "message")


def periods_of(ds) -> list:
    return list(ds.periods) if ds.has_time else [None]


def framework_records(engine) -> list[dict]:
    fw = engine.framework
    return [{"code": n.code, "name": n.name, "name_zh": n.name_zh, "parent": n.parent,
             "level": fw.level[n.code], "weight": n.weight, "direction": n.direction} for n in fw.nodes]


def cell_table(engine, name: str, key: str, codes, node_array: Callable[[int], np.ndarray],
               ints: bool = False) -> Table:
    """Records (unit, period, code, ``key``) of (units, periods) arrays,
    ``node_array(j)`` for the j-th of ``codes``, units outer, periods inner."""
    ds = engine.dataset
    units, periods = list(ds.unit_codes), periods_of(ds)
    U, T = len(units), len(periods)

    def blocks():
        u_idx = np.repeat(np.arange(U), T)
        t_idx = np.tile(np.arange(T), U)
        for j, code in enumerate(codes):
            yield [Labels(units, u_idx), Labels(periods, t_idx), Const(code),
                   Numbers(np.asarray(node_array(j), dtype=float).reshape(-1), ints)]
    return Table(name, ("unit", "period", "code", key), blocks)


def growth_table(engine) -> Table:
    ds = engine.dataset
    units, periods = list(ds.unit_codes), periods_of(ds)

    def blocks():
        if len(periods) < 2:
            return
        u_idx = np.arange(len(units))
        for code in engine.codes:
            ch, cg = engine.growth(code, 0, -1)
            yield [Labels(units, u_idx), Const(code), Const(periods[0]), Const(periods[-1]),
                   Numbers(ch), Numbers(cg)]
    return Table("growth", ("unit", "code", "from", "to", "change_pct", "cagr_pct"), blocks)


def contributions_table(engine) -> Table:
    ds = engine.dataset
    units, periods = list(ds.unit_codes), periods_of(ds)

    def blocks():
        if len(periods) < 2:
            return
        for parent in engine.framework.aggregate_codes:
            kids, pts, share = engine.contributions(parent, 0, -1)
            k = len(kids)
            yield [Labels(units, np.repeat(np.arange(len(units)), k)), Const(parent),
                   Labels(list(kids), np.tile(np.arange(k), len(units))), Const(periods[0]), Const(periods[-1]),
                   Numbers(pts.T.reshape(-1)), Numbers(share.T.reshape(-1))]
    return Table("contributions", ("unit", "code", "child", "from", "to", "points", "share_pct"), blocks)


def small_table(name: str, keys: tuple, records: list[dict]) -> Table:
    """A table of a few records (framework, warnings): one block of plain values."""
    def blocks():
        if records:
            yield [Values([r.get(k) for r in records]) for k in keys]
    return Table(name, keys, blocks, records)


def result_tables(engine, warnings: list | None = None) -> list[Table]:
    """Every table of the ``--json`` document, in its order (the units and
    periods lists aside).  ``warnings``: the warnings to list (default: the
    engine's)."""
    ds = engine.dataset
    aggs = list(engine.framework.aggregate_codes)
    ranks = engine.all_ranks()
    return [small_table("framework", FRAMEWORK_KEYS, framework_records(engine)),
            cell_table(engine, "data", "value", list(ds.codes), lambda j: ds.values[:, :, j]),
            cell_table(engine, "scores", "value", list(engine.codes), lambda j: engine.scores[j]),
            cell_table(engine, "ranks", "rank", list(engine.codes), lambda j: ranks[j], ints=True),
            growth_table(engine), contributions_table(engine),
            small_table("warnings", WARNING_KEYS, engine.warnings if warnings is None else warnings),
            cell_table(engine, "coverage", "coverage", aggs, lambda j: engine.coverage(aggs[j]))]


def number_texts(values: np.ndarray, ints: bool = False, missing: str = "null") -> list[str]:
    """The JSON text of every number of ``values`` at once (Python's float
    repr, as ``json.dumps`` writes it; whole numbers for ``ints``), with
    ``missing`` where a value is not finite."""
    values = np.asarray(values, dtype=float).reshape(-1)
    bad = ~np.isfinite(values)
    if ints:
        texts = list(map(str, np.where(bad, 0, values).astype(np.int64).tolist()))
    else:
        texts = list(map(float.__repr__, values.tolist()))
    if bad.any():
        for k in np.flatnonzero(bad).tolist():
            texts[k] = missing
    return texts
