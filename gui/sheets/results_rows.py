"""The rows of the results table and how they are sorted: the framework
in tree order, the results of a node for one unit and period, runs of
consecutive rows (for ``dataChanged``) and a stable sort with missing
values last."""
from __future__ import annotations

import numpy as np

from core.pipeline import results as analysis
from gui.base.formatting import score_decimals


def tree_order(framework) -> list[tuple[str, int]]:
    """(code, depth) of every node, parents before their children, in the
    framework's order."""
    out = []

    def walk(code, depth):
        out.append((code, depth))
        for child in framework.children(code):
            walk(child, depth + 1)

    for root in framework.roots:
        walk(root, 0)
    listed = {c for c, _ in out}
    # indicators without a parent (allowed by the framework) come last
    out.extend((n.code, 0) for n in framework.nodes if n.code not in listed)
    return out


def node_results(engine, rows, unit: int, period: int) -> np.ndarray:
    """(len(rows), 4) array: score, change since the base period (%),
    average annual growth from the first to the last period (%), and rank
    among the units, of the nodes at engine indices ``rows``."""
    S = engine.scores
    T = S.shape[2]
    base = engine.growth_base
    own = S[rows, unit, :]                                       # (n, T)
    score = own[:, period]
    change = analysis.pct_change(score, own[:, base])
    growth = analysis.cagr(own[:, T - 1], own[:, 0], engine.years_between(0, T - 1))
    # rank with ties sharing the best place (the engine's rule): one more than
    # the number of units strictly ahead
    column = S[rows, :, period]                                   # (n, units)
    with np.errstate(invalid="ignore"):
        ahead = (column > score[:, None]).sum(axis=1)
    rank = np.where(np.isfinite(score), ahead + 1.0, np.nan)
    return np.column_stack([score, change, growth, rank])


def node_decimals(project, rows) -> list[int]:
    """The decimals each node's score is shown with (engine indices
    ``rows``): the project's ``score_decimals`` setting, else the scale of
    all the node's scores, as in the charts (gui/base/formatting.py)."""
    fixed = project.settings.score_decimals
    scores = project.engine.scores
    return [score_decimals(scores[r], fixed) for r in np.asarray(rows, dtype=int).tolist()]


def runs(rows):
    """(first, last) of each run of consecutive numbers in sorted ``rows``."""
    out = []
    for r in rows.tolist():
        if out and r == out[-1][1] + 1:
            out[-1][1] = r
        else:
            out.append([r, r])
    return [tuple(run) for run in out]


def sorted_order(keys, descending: bool = False) -> np.ndarray:
    """Row numbers ordered by ``keys``: a float array (NaN: missing, always
    last, in their own order) or a list of texts; ties keep their order
    (stable) in either direction."""
    rows = np.arange(len(keys))
    if isinstance(keys, list):
        # (sorted() with reverse=True is stable too)
        return np.array(sorted(rows.tolist(), key=lambda r: keys[r], reverse=descending), dtype=int)
    keys = np.asarray(keys, dtype=float)
    present = rows[np.isfinite(keys)]
    key = -keys[present] if descending else keys[present]
    return np.concatenate([present[np.argsort(key, kind="stable")], rows[~np.isfinite(keys)]]).astype(int)
