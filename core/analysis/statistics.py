"""What the replications say about each unit and node.

For every aggregate (the index included) and unit, over the replications:
the mean and median rank, the 5th and 95th percentile of the rank and of
the score (numpy's default, linear percentile: R's type 7, which COINr
uses).  Ranks are those of ``compute``: 1 = best among the units, ties
share the lowest rank, missing stays missing; a replication where a unit's
score is missing does not count for that unit.

The outputs the Sobol analysis can explain: COINr's mean absolute rank
change of the index against the nominal ranking, or one unit's score.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

FIELDS = ("mean_rank", "median_rank", "p05_rank", "p95_rank", "p05_score", "p95_score")


@dataclass
class Statistics:
    """(aggregates, units) arrays, one per field of :data:`FIELDS`, beside
    the nominal scores and ranks."""
    nominal_score: np.ndarray
    nominal_rank: np.ndarray
    mean_rank: np.ndarray
    median_rank: np.ndarray
    p05_rank: np.ndarray
    p95_rank: np.ndarray
    p05_score: np.ndarray
    p95_score: np.ndarray


def percentiles(a, q) -> np.ndarray:
    """numpy's default (linear) percentiles ``q`` over axis 0, missing
    values skipped (NaN where a column has none): the numbers of
    ``np.nanpercentile``, bit for bit, from one sort of each column (a
    full sort of a column is faster here than numpy's repeated partitions)."""
    s = np.sort(a.T, axis=-1)                        # (columns, replications), missing values last
    n = np.isfinite(s).sum(axis=-1)
    cols = np.arange(s.shape[0])
    out = np.full((len(q),) + a.shape[1:], np.nan)
    ok = n > 0
    for i, pct in enumerate(q):
        virtual = (n - 1) * (pct / 100)              # numpy's 'linear' virtual index
        prev = np.floor(virtual)
        above = virtual >= n - 1
        lo = np.where(above, n - 1, prev).astype(int)
        hi = np.where(above, n - 1, prev + 1).astype(int)
        lo, hi = np.clip(lo, 0, None), np.clip(hi, 0, None)
        a_, b_ = s[cols, lo], s[cols, hi]
        t = virtual - prev
        diff = b_ - a_
        val = a_ + diff * t                          # numpy's _lerp, both branches
        val = np.where(t >= 0.5, b_ - diff * (1 - t), val)
        out[i] = np.where(ok, val, np.nan)
    return out


def summarise(replicator, S) -> Statistics:
    """The statistics of scores ``S`` (replications, aggregates, units),
    node by node (a node's ranks are the only temporary of that size)."""
    n_agg, U = S.shape[1:]
    out = {f: np.full((n_agg, U), np.nan) for f in FIELDS}
    for j in range(n_agg):
        scores = S[:, j, :]
        ranks = replicator.ranks(scores)
        lo, mid, hi = percentiles(ranks, [5, 50, 95])
        out["median_rank"][j], out["p05_rank"][j], out["p95_rank"][j] = mid, lo, hi
        counted = np.isfinite(ranks).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            out["mean_rank"][j] = np.where(counted > 0, np.nansum(ranks, axis=0) / counted, np.nan)
        out["p05_score"][j], out["p95_score"][j] = percentiles(scores, [5, 95])
    return Statistics(replicator.nominal_scores, replicator.nominal_ranks, **out)


def _num(v):
    return None if not np.isfinite(v) else float(v)


def records(replicator, stats: Statistics) -> list:
    """One JSON-ready record per unit and aggregate, the index first (top
    level down), units in the data's order."""
    rows = []
    order = sorted(range(len(replicator.aggregates)),
                   key=lambda j: -replicator.framework.level[replicator.aggregates[j]])
    for j in order:
        code = replicator.aggregates[j]
        for u, unit in enumerate(replicator.units):
            r = stats.nominal_rank[j, u]
            rows.append({"unit": unit, "code": code, "nominal_score": _num(stats.nominal_score[j, u]),
                         "nominal_rank": None if np.isnan(r) else int(r),
                         **{f: _num(getattr(stats, f)[j, u]) for f in FIELDS}})
    return rows


def mean_rank_change(replicator, S, code=None) -> np.ndarray:
    """(replications,) mean over the units of |rank - nominal rank| of the
    index (or the aggregate ``code``); units missing on either side are
    left out of the mean."""
    j = replicator.agg_row[code or replicator.framework.root]
    diff = np.abs(replicator.ranks(S[:, j, :]) - replicator.nominal_ranks[j])
    counted = np.isfinite(diff).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counted > 0, np.nansum(diff, axis=1) / counted, np.nan)


def unit_score(replicator, S, unit, code=None) -> np.ndarray:
    """(replications,) the index score (or the aggregate ``code``'s) of one unit."""
    j = replicator.agg_row[code or replicator.framework.root]
    return S[:, j, replicator.units.index(unit)]
