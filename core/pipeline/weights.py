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

from core.errors import SettingsError
from core.methods.registry import WEIGHTINGS
from core.methods.weighting import WeightContext
from core.text import tr


def check_targets(settings, framework) -> None:
    """``weighting.CODE`` and ``ahp.CODE`` must name an aggregate, and
    ``weighting.level.N`` a level with weights (2 .. the top level's - 1)."""
    aggregates = list(framework.aggregate_codes)
    levels = sorted({framework.level[c] - 1 for c in aggregates})
    for key, by in (("weighting", settings.weighting_by), ("ahp", settings.ahp_by)):
        for target in by:
            if target.startswith("level.") and key == "weighting":
                if target[6:].isdigit() and int(target[6:]) in levels:
                    continue
                raise SettingsError(tr("setting weighting.{target}: the levels with weights are {valid} (1 = "
                                       "indicators)", target=target, valid=", ".join(map(str, levels))),
                                    valid=[f"level.{n}" for n in levels])
            if target not in aggregates:
                raise SettingsError(tr("setting {key}.{code}: '{code}' is not an aggregate of the framework; valid "
                                       "codes: {valid}", key=key, code=target, valid=", ".join(aggregates)),
                                    valid=aggregates, code=target)


def method_for(settings, parent: str, level: int) -> str:
    """The weighting of the children of ``parent`` (an aggregate of COINr
    level ``level``): ``weighting.PARENT``, else ``weighting.level.N`` for
    the children's level N = level - 1, else ``weighting``."""
    by = settings.weighting_by
    return by.get(parent) or by.get(f"level.{level - 1}") or settings.weighting


def weigh(settings, parent: str, codes, manual, X=None, level: int = 0):
    """(weights (k,), warnings, details) of the children ``codes`` of
    ``parent``; ``manual`` are the framework's weights, ``X`` the children's
    scores (k, units, periods) for a method that reads them."""
    method = WEIGHTINGS[method_for(settings, parent, level)]
    ctx = WeightContext(settings, parent, list(codes), np.asarray(manual, dtype=float))
    if method.reads_scores and X is None:
        return ctx.manual.copy(), [], {}
    w = np.asarray(method.function(X if X is not None else np.empty((len(codes), 0)), ctx), dtype=float)
    return w, ctx.warnings, ctx.details


def reads_scores(settings) -> bool:
    """Whether any weighting in use derives weights from the scores."""
    return any(WEIGHTINGS[m].reads_scores for m in {settings.weighting, *settings.weighting_by.values()})


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


def by_node(framework, weights: dict) -> dict:
    """code -> each node's weight as a share of its siblings' (``weights``:
    parent -> its children's weights)."""
    out = {}
    for code in framework.aggregate_codes:
        out.update(zip(framework.children(code), (float(w) for w in shares(weights[code]))))
    return out
