"""Ranks of every node for every period in one pass, with small temporaries.

The rule is that of :func:`core.pipeline.results.ranks`: among the units of
a period, 1 = the highest score, ties share the lowest rank (R's
``ties.method = "min"``), a missing score has no rank.

Why not ``argsort``: numpy's ``argsort`` of 64-bit floats is some ten times
slower than its vectorised ``sort``, and it was most of the cost of ranking
every node (about 0.5 s at county scale, several times a full
recomputation).  Here each score becomes a 64-bit integer key whose order is
the descending order of the scores, its lowest bits replaced by the score's
flat position in the block ranked, so one ``np.sort`` of the keys gives both
the order and where each score sits.  Dropping those low bits merges only scores that differ in the
last few bits of their mantissa; wherever that leaves two scores out of
order, the row is ranked again with an exact ``argsort`` (rare: in practice
only values that differ by rounding).  Ties are found by comparing the exact
scores, never the keys; only rows with ties carry a run's first rank along,
and the ranks go back with one fancy assignment (``np.put`` is some 2.5
times slower at scattering).

The work goes block by block of nodes, so the temporaries stay a bounded
fraction of the scores array whatever its size.
"""
from __future__ import annotations

import numpy as np

#: Elements ranked per block: the temporaries are a few arrays of this size.
BLOCK = 1 << 16

_ALL = np.uint64(0xFFFF_FFFF_FFFF_FFFF)


def rank_nodes(scores: np.ndarray, nodes=None, out: np.ndarray | None = None) -> np.ndarray:
    """Ranks of ``scores[node, unit, period]`` among the units of each
    period, written into ``out`` (same shape as ``scores``; made if None)
    for the nodes listed in ``nodes`` (all if None).  Returns ``out``."""
    scores = np.asarray(scores, dtype=float)
    n_nodes, n_units, n_periods = scores.shape
    if out is None:
        out = np.empty(scores.shape)
    nodes = np.arange(n_nodes) if nodes is None else np.asarray(nodes, dtype=int)
    if n_units == 0 or n_periods == 0 or nodes.size == 0:
        return out
    for block, periods in _blocks(nodes, n_units, n_periods):
        # consecutive nodes as a slice: views in, a strided copy out (no fancy-index copies)
        block = _as_slice(block)
        # rows = (node, period) pairs, the units along the last axis
        rows = np.ascontiguousarray(scores[block, :, periods].transpose(0, 2, 1)).reshape(-1, n_units)
        ranked = rank_rows(rows).reshape(-1, rows.shape[0] // max(1, _count(block)), n_units)
        out[block, :, periods] = ranked.transpose(0, 2, 1)
    return out


def _as_slice(block):
    if block.size and block[-1] - block[0] == block.size - 1 and np.all(np.diff(block) == 1):
        return slice(int(block[0]), int(block[-1]) + 1)
    return block


def _count(block) -> int:
    return block.stop - block.start if isinstance(block, slice) else block.size


def _blocks(nodes, n_units, n_periods):
    """(node indices, period slice) pieces of about :data:`BLOCK` elements:
    several whole nodes at a time, or one node a few periods at a time."""
    per_node = n_units * n_periods
    if per_node <= BLOCK:
        step = BLOCK // per_node
        for b in range(0, nodes.size, step):
            yield nodes[b:b + step], slice(None)
        return
    step = max(1, BLOCK // n_units)
    for k in nodes:
        for t in range(0, n_periods, step):
            yield np.array([k]), slice(t, t + step)


def rank_rows(rows: np.ndarray) -> np.ndarray:
    """Descending min-ranks along the last axis of a 2-D float array."""
    n_rows, n = rows.shape
    bits = max(1, int(rows.size - 1).bit_length())
    missing = np.isnan(rows)
    any_missing = bool(missing.any())
    # flat positions of each row's values in descending order: one take and one assignment on flat arrays
    flat = _sorted_units(rows, missing if any_missing else None, bits)
    vals = np.take(rows, flat, mode="clip")                   # (in range by construction: no bounds check)
    # rows with a pair of neighbours not strictly descending: ties, or keys
    # that differ only in the dropped bits (one comparison finds both)
    near = np.flatnonzero((vals[:, 1:] >= vals[:, :-1]).any(axis=1)) if n > 1 else np.empty(0, dtype=int)
    if near.size:
        # a row whose exact values are not in descending order: order it exactly
        bad = near[(vals[near, 1:] > vals[near, :-1]).any(axis=1)]
        if bad.size:
            flat[bad] = np.argsort(-rows[bad], axis=-1) + (bad * n)[:, None]
            vals[bad] = np.take(rows, flat[bad])
    # a score's rank is its place in the sorted row; in a run of equal
    # scores every one takes the place of the first (the rows with ties are
    # few: only those are carried along with an accumulate)
    first = np.empty(vals.shape)
    first[:] = np.arange(1.0, n + 1)
    if near.size:
        equal = vals[near, 1:] == vals[near, :-1]
        tied = np.flatnonzero(equal.any(axis=1))
        if tied.size:
            rows_tied = near[tied]
            runs = first[rows_tied]
            runs[:, 1:][equal[tied]] = 0.0
            np.maximum.accumulate(runs, axis=-1, out=runs)
            first[rows_tied] = runs
    out = np.empty(rows.shape)
    out.reshape(-1)[flat.reshape(-1)] = first.reshape(-1)     # (a fancy assignment: np.put is ~2.5x slower)
    if any_missing:
        np.copyto(out, np.nan, where=missing)
    return out


def _sorted_units(rows: np.ndarray, missing: np.ndarray, bits: int) -> np.ndarray:
    """Flat positions (row * columns + column) of each row's values in
    descending order (missing last: ``missing`` is their mask, None if
    there are none), up to the lowest ``bits`` bits of the values (``bits``
    must hold ``rows.size - 1``)."""
    b = rows.view(np.uint64)
    # descending order-preserving key: positive values flipped below 2**63,
    # negative ones kept as they are, above
    key = b >> np.uint64(63)
    key -= np.uint64(1)
    key >>= np.uint64(1)
    key ^= b
    if missing is not None:
        np.copyto(key, _ALL, where=missing)
    low = (np.uint64(1) << np.uint64(bits)) - np.uint64(1)
    key &= ~low
    key |= np.arange(rows.size, dtype=np.uint64).reshape(rows.shape)
    key.sort(axis=-1)
    key &= low
    return key.view(np.int64)
