"""The message of a score an aggregate's mean cannot take (a zero or a
negative score under a geometric or harmonic mean): the mean and the
normalisation in use, the indicator, unit and period, and advice that fits
the normalisation (core.methods.usable.domain_problem)."""
from __future__ import annotations

import numpy as np

from core.errors import describe_place
from core.methods.registry import AGGREGATIONS, NORMALISATIONS
from core.methods.usable import domain_problem
from core.text import tr


def domain_message(engine, code: str, child: str, unit: int, period: int, value: float) -> str:
    """``child``'s score ``value`` (unit and period: dataset indices) cannot
    enter the mean of ``code``; an aggregate child is traced to the first
    indicator under it whose score the mean cannot take."""
    ds, fw = engine.dataset, engine.framework
    p = engine.p_by[code]
    if not fw[child].is_indicator:
        under = engine.indicators_under[child]
        vals = engine.scores[under, unit, period]
        with np.errstate(invalid="ignore"):
            bad = np.flatnonzero((vals <= 0) if p <= 0 else (vals < 0))
        k = int(under[bad[0]]) if bad.size else int(under[0])
        child, value = fw.indicator_codes[k], float(engine.scores[k, unit, period])
    i = fw.indicator_codes.index(child)
    problem = domain_problem(p, child, describe_place(ds.unit_codes[unit], ds.periods[period]), value,
                             NORMALISATIONS[engine.method[i]], engine.settings)
    return tr("{mean} of '{node}': {problem}", mean=AGGREGATIONS[engine.aggregation[code]].title(), node=code,
              problem=problem)
