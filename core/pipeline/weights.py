"""The weights step of the pipeline: the weight of every child in its
parent, by the weighting method of the settings
(:data:`core.methods.registry.WEIGHTINGS`).

Methods that read no scores (the framework's weights, equal, AHP) are
settled when the engine plans; those that derive weights from the scores
(entropy, CRITIC, PCA) run for each aggregate just before it is
aggregated, on its children's scores over every unit and period.
"""
from __future__ import annotations

import numpy as np

from core.methods.registry import WEIGHTINGS
from core.methods.weighting import WeightContext


def weigh(settings, parent: str, codes, manual, X=None):
    """(weights (k,), warnings, details) of the children ``codes`` of
    ``parent``; ``manual`` are the framework's weights, ``X`` the children's
    scores (k, units, periods) for a method that reads them."""
    method = WEIGHTINGS[settings.weighting]
    ctx = WeightContext(settings, parent, list(codes), np.asarray(manual, dtype=float))
    if method.reads_scores and X is None:
        return ctx.manual.copy(), [], {}
    w = np.asarray(method.function(X if X is not None else np.empty((len(codes), 0)), ctx), dtype=float)
    return w, ctx.warnings, ctx.details


def reads_scores(settings) -> bool:
    return WEIGHTINGS[settings.weighting].reads_scores


def shares(weights) -> np.ndarray:
    """Weights as shares of their sum (each node's weight within its parent)."""
    w = np.asarray(weights, dtype=float)
    tot = w.sum()
    return w / tot if tot != 0 else np.full(w.size, np.nan)


def effective(framework, node_weights: dict) -> dict:
    """code -> the share of the root each node carries: the product of its
    share among its siblings (``node_weights``) along the path from the root."""
    out = {c: 1.0 for c in framework.roots}
    for code in reversed(framework.aggregate_codes):          # top-down
        for k in framework.children(code):
            out[k] = out.get(code, 1.0) * node_weights[k]
    return out
