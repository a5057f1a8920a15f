"""Weighted means used to aggregate children into their parent.

All means skip missing children and renormalise the weights over the
children present (COINr's convention); the result is missing only where all
children are missing.  Each mean is a generalised mean with a power p
(arithmetic p = 1, harmonic p = -1, geometric the limit p -> 0), so one
transform ``f`` serves both aggregation (f(P) = sum w' f(x)) and the
decomposition of a parent's change into its children's contributions.

The means are declared at the end, in
:data:`core.methods.registry.AGGREGATIONS`, by their power.
"""
from __future__ import annotations

import numpy as np

from core.errors import ComputeError
from core.methods.excel import weighted_mean_formula
from core.methods.registry import AGGREGATIONS, Method, number_param
from core.methods.usable import needs_domain, out_of_domain


def transform(x, p):
    """f(x) for the generalised mean of power p (log for p = 0)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if p == 0:
            return np.log(x)
        if p == 1:
            return x
        return np.power(x, p)


def inverse(y, p):
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if p == 0:
            return np.exp(y)
        if p == 1:
            return y
        return np.power(y, 1.0 / p)


def norm_weights(X, w):
    """Weights renormalised over the present children: (k, ...) and the
    total present weight (...)."""
    present = ~np.isnan(X)
    W = np.where(present, w.reshape((-1,) + (1,) * (X.ndim - 1)), 0.0)
    tot = W.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return W / np.where(tot > 0, tot, np.nan), tot


def check_domain(X, p, locate, node=None):
    """Raise ComputeError with ``locate(index, value)`` as the message at the
    first score of ``X`` a mean of power ``p`` cannot take
    (:func:`core.methods.usable.out_of_domain`); ``node``, the aggregate
    whose mean it is, goes into the error's ``where`` (``where["node"]``),
    so that a caller can replace that one mean
    (:func:`core.model.usability.usable_means_instead`)."""
    bad = out_of_domain(X, p)
    if bad is not None and bad.any():
        idx = tuple(int(v[0]) for v in np.nonzero(bad))
        raise ComputeError(locate(idx, float(X[idx])), node=node)


def weighted_mean(X, w, p):
    """Weighted generalised mean of the children ``X`` (k, ...) with weights
    ``w`` (k,); returns (values, present_weight).

    Accumulates child by child, so each step works on one child's
    units x periods (cache-sized) and no (k, ...) temporary is built."""
    shape = X.shape[1:]
    num = np.zeros(shape)
    tot = np.zeros(shape)
    term = np.empty(shape)
    present = np.empty(shape, dtype=bool)
    # (an overflow gives inf, which the engine reports naming the place: core.pipeline.finite)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for j in range(X.shape[0]):
            x = X[j]
            np.isfinite(x, out=present)
            if p == 1:
                np.multiply(x, w[j], out=term)
            else:
                np.multiply(transform(x, p), w[j], out=term)
            np.add(num, term, out=num, where=present)
            np.add(tot, w[j], out=tot, where=present)
        val = num / tot
    val[~(tot > 0)] = np.nan
    if p != 1:
        val = inverse(val, p)
    return val, tot


# ---- the registry entries ----------------------------------------------------------------------------
def _mean(name, power, label, text, **kw):
    usable = needs_domain(lambda settings: AGGREGATIONS[name].power_for(settings))
    return AGGREGATIONS.register(Method("aggregation", name, weighted_mean, power=power, formula=weighted_mean_formula,
                                        anchor=name, label=label, text=text, usable=usable, **kw))


_mean("arithmetic", 1.0, {"en": "Arithmetic mean", "zh": "算术平均"},
      {"en": "weighted arithmetic mean: sum(w x) / sum(w)", "zh": "加权算术平均：Σ(w·x) / Σw"})
_mean("geometric", 0.0, {"en": "Geometric mean", "zh": "几何平均"},
      {"en": "weighted geometric mean: exp(sum(w ln x) / sum(w))", "zh": "加权几何平均：exp(Σ(w·ln x) / Σw)"})
_mean("harmonic", -1.0, {"en": "Harmonic mean", "zh": "调和平均"},
      {"en": "weighted harmonic mean: (sum(w x^-1) / sum(w))^-1", "zh": "加权调和平均：(Σ(w·x⁻¹) / Σw)⁻¹"})
_mean("generalised", None, {"en": "Generalised mean (power p)", "zh": "广义平均（幂 p）"},
      {"en": "weighted generalised mean of power p: (sum(w x^p) / sum(w))^(1/p)",
       "zh": "p 次加权广义平均：(Σ(w·xᵖ) / Σw)^(1/p)"},
      aliases=("generalized",), parameters=(number_param("power", 2.0, "power p of the generalised mean"),))
