"""Aggregations that are not generalised means: each unit's score depends on
the other units' scores too, so they work on a parent's children over
every unit and period at once.

* **MPI** (Mazziotta–Pareto Index): the children are standardised within
  each period to z = 100 + 10 (x - mean) / sd (sample sd over the units);
  MPI = M - S cv, with M the weighted mean of a unit's z, S their weighted
  (population) standard deviation and cv = S / M: unbalanced profiles are
  penalised.
* **AMPI** (adjusted MPI, for comparisons over time): the children are
  rescaled over all periods at once to r = 70 + 60 (x - min) / (max - min),
  so 100 is the middle of the whole range; AMPI = M - S cv on r.
* **Copeland**: within each period, unit a beats unit b when the children on
  which a scores higher carry more weight than those on which b does; the
  score is wins minus losses.
* **TOPSIS**: within each period, the children are vector-normalised and
  weighted, v = w x / sqrt(sum over units of x^2); D+ and D- are a unit's
  Euclidean distances to the best and worst value of every child, and the
  score is the relative closeness D- / (D+ + D-), 1 for a unit best on
  every child.

Missing children are skipped, as in the means: a unit's profile uses the
children it has (weights renormalised over them); a unit with no child is
missing.  Each is declared at the end in
:data:`core.methods.registry.AGGREGATIONS` with ``combine``.
"""
from __future__ import annotations

import warnings as _warnings

import numpy as np

from core.methods.registry import AGGREGATIONS, Method
from core.text import tr


def _weights(X, w):
    """(k, U, T) weights renormalised over the present children, and the mask."""
    present = np.isfinite(X)
    W = np.where(present, np.asarray(w, dtype=float).reshape(-1, 1, 1), 0.0)
    tot = W.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return W / np.where(tot > 0, tot, np.nan), present


def _penalised(R, w):
    """M - S cv over the children axis, weighted."""
    W, present = _weights(R, w)
    V = np.where(present, R, 0.0)
    M = (W * V).sum(axis=0)
    S = np.sqrt((W * np.where(present, (R - M) ** 2, 0.0)).sum(axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = M - S * (S / M)
    out[~present.any(axis=0)] = np.nan
    return out


def c_mpi(X, w, settings):
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(X, axis=1, keepdims=True)
        sd = np.nanstd(X, axis=1, ddof=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        Z = 100.0 + 10.0 * (X - mean) / np.where(sd > 0, sd, np.nan)
    Z = np.where(np.isfinite(X) & ~(sd > 0), 100.0, Z)       # a constant child: everyone at 100
    return _penalised(Z, w)


def c_ampi(X, w, settings):
    lo = np.fmin.reduce(X, axis=(1, 2), keepdims=True)
    hi = np.fmax.reduce(X, axis=(1, 2), keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        R = 70.0 + 60.0 * (X - lo) / np.where(hi > lo, hi - lo, np.nan)
    R = np.where(np.isfinite(X) & ~(hi > lo), 100.0, R)
    return _penalised(R, w)


def c_copeland(X, w, settings):
    k, U, T = X.shape
    w = np.asarray(w, dtype=float).reshape(-1, 1, 1)
    out = np.full((U, T), np.nan)
    has = np.isfinite(X).any(axis=0)
    for a in range(U):
        diff = X[:, a:a + 1, :] - X                            # (k, U, T): a against every b
        with np.errstate(invalid="ignore"):
            more = np.where(diff > 0, w, 0.0).sum(axis=0)
            less = np.where(diff < 0, w, 0.0).sum(axis=0)
        score = np.sign(more - less)
        score[~has] = 0.0
        score[a] = 0.0
        out[a] = score.sum(axis=0)
    out[~has] = np.nan
    return out


def c_topsis(X, w, settings):
    W, present = _weights(X, w)
    V = np.where(present, X, 0.0)
    norm = np.sqrt((V ** 2).sum(axis=1, keepdims=True))
    with np.errstate(invalid="ignore", divide="ignore"):
        V = W * V / np.where(norm > 0, norm, np.nan)
    V = np.where(present & np.isfinite(V), V, np.nan)
    best = np.fmax.reduce(V, axis=1, keepdims=True)
    worst = np.fmin.reduce(V, axis=1, keepdims=True)
    dplus = np.sqrt(np.nansum((V - best) ** 2, axis=0))
    dminus = np.sqrt(np.nansum((V - worst) ** 2, axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        out = dminus / (dplus + dminus)
    out[~present.any(axis=0)] = np.nan
    return out


def per_period_units(ctx):
    """``usable`` of the aggregations that compare the units of a period."""
    if len(ctx.unit_codes) < 2:
        unit = ctx.unit_codes[0] if ctx.unit_codes else ""
        return tr("it compares the units of each period, and the project has one ('{unit}')", unit=unit)
    return None


def _register(name, fn, label, text, **kw):
    AGGREGATIONS.register(Method("aggregation", name, None, combine=fn, power=1.0, anchor=name, label=label,
                                 text=text, **kw))


_register("mpi", c_mpi, {"en": "Mazziotta–Pareto Index (MPI)", "zh": "Mazziotta–Pareto 指数（MPI）"},
          {"en": "MPI: M - S x cv of z = 100 + 10 x standardised score per period (penalises unbalanced profiles)",
           "zh": "MPI：对每期标准化得分 z = 100 + 10·标准分，取 M − S × cv（惩罚不均衡）"},
          aliases=("mazziotta_pareto",), usable=per_period_units)
_register("ampi", c_ampi, {"en": "Adjusted MPI (AMPI)", "zh": "调整 MPI（AMPI）"},
          {"en": "AMPI: M - S x cv of r = 70 + 60 x (x - min) / (max - min) over all periods (comparable over time)",
           "zh": "AMPI：对全部时期 r = 70 + 60 × (x − 最小值) / (最大值 − 最小值)，取 M − S × cv（可跨期比较）"})
_register("copeland", c_copeland, {"en": "Copeland", "zh": "Copeland 计分"},
          {"en": "Copeland: pairwise weighted majority between units per period, wins minus losses",
           "zh": "Copeland：每期单位两两按权重多数比较，胜场数减负场数"}, usable=per_period_units)
_register("topsis", c_topsis, {"en": "TOPSIS (closeness to the ideal)", "zh": "TOPSIS（逼近理想解）"},
          {"en": "TOPSIS: D- / (D+ + D-), distances to the best and worst unit per period",
           "zh": "TOPSIS：D− / (D+ + D−)，每期到最优与最劣方案的距离"}, usable=per_period_units)
