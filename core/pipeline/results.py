"""Results analysis: ranks, growth and contributions to change.

* Rank: 1 = best among the units of a period, ties share the lowest rank,
  missing stays missing.
* Change since the base period and year-on-year change, in %.
* Compound average annual growth between two periods:
  (I_end / I_start) ** (1 / years) - 1, the publishers' "average annual growth".
* Contribution of each child to its parent's change between two periods: for
  a mean with transform f (see :mod:`core.methods.aggregate`), f(P) = sum_j w'_j f(x_j),
  so the change of f(P) splits exactly into the children's terms
  Delta(w'_j f(x_j)).  Scaling by k = Delta P / Delta f(P) (the logarithmic
  mean for the geometric case, 1 / f'(P) when P does not change) turns them
  into points that sum exactly to Delta P.  For the arithmetic mean the points
  are simply Delta(w'_j x_j).
"""
from __future__ import annotations

import numpy as np

from core.methods.aggregate import norm_weights, transform, weighted_mean
from core.pipeline.ranks import rank_nodes

#: Below this share of its indicators with a value, a unit's index is marked
#: as resting on too little data (the ranking chart flags it).
MIN_COVERAGE = 2.0 / 3.0


def ranks(scores):
    """Ranks of (nodes, units, periods) scores among the units (computed
    by :func:`core.pipeline.ranks.rank_nodes`, the rule of ``rank_min``)."""
    return rank_nodes(scores)


def pct_change(end, start):
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (end / start - 1.0) * 100.0
    return np.where((start != 0) & np.isfinite(out), out, np.nan)


def cagr(end, start, years):
    """Compound average annual growth in % (NaN where undefined: missing
    values, start <= 0, end < 0, or no elapsed time)."""
    if not years or years <= 0:
        return np.full(np.broadcast(end, start).shape, np.nan)
    ok = (start > 0) & (end >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (np.power(end / np.where(ok, start, np.nan), 1.0 / years) - 1.0) * 100.0
    return np.where(ok, out, np.nan)


def contributions(child_start, child_end, w, p_start, p_end, p, present_only=False):
    """Contribution of each child (k, ...) to the parent's change.

    Returns (points, share_pct); points sum to p_end - p_start wherever both
    are present (a child missing at one end then counts as its weight
    leaving or entering the mean); shares are NaN where the parent does not
    change.  With ``present_only`` a child missing in either period has NaN
    points and share instead (no contribution, as a chart must show it), and
    the others' points are their like-for-like change, weighted among the
    children present at both ends: they add up to the change of the mean
    of those children, not to the parent's change, which is incomplete."""
    if present_only:
        # like for like: only the children present at both ends, weighted
        # among themselves; the parent of those children stands in for the
        # parent where some child is missing (its change is then incomplete)
        both = np.isfinite(child_start) & np.isfinite(child_end)
        child_start = np.where(both, child_start, np.nan)
        child_end = np.where(both, child_end, np.nan)
        partial = ~both.all(axis=0) & np.isfinite(p_start) & np.isfinite(p_end)
        if partial.any():
            p_start = np.where(partial, weighted_mean(child_start, w, p)[0], p_start)
            p_end = np.where(partial, weighted_mean(child_end, w, p)[0], p_end)
    Ws, _ = norm_weights(child_start, w)
    We, _ = norm_weights(child_end, w)
    Fs = np.where(np.isnan(child_start), 0.0, transform(np.where(np.isnan(child_start), 1.0, child_start), p))
    Fe = np.where(np.isnan(child_end), 0.0, transform(np.where(np.isnan(child_end), 1.0, child_end), p))
    with np.errstate(invalid="ignore"):
        terms = np.nan_to_num(We, nan=0.0) * Fe - np.nan_to_num(Ws, nan=0.0) * Fs
    dP = p_end - p_start
    if p == 1:
        k = np.ones_like(dP)
    else:
        df = transform(p_end, p) - transform(p_start, p)
        with np.errstate(divide="ignore", invalid="ignore"):
            # limit when P does not change: 1 / f'(P)
            deriv = (1.0 / p_end) if p == 0 else p * np.power(p_end, p - 1.0)
            k = np.where(np.abs(df) > 1e-300, dP / np.where(df == 0, np.nan, df), 1.0 / deriv)
    points = terms * k
    ok = np.isfinite(p_start) & np.isfinite(p_end)
    if present_only:
        ok = ok & np.isfinite(child_start) & np.isfinite(child_end)
    points = np.where(ok, points, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(ok & (dP != 0), points / np.where(dP == 0, np.nan, dP) * 100.0, np.nan)
    return points, share
