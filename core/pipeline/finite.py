"""Results that must be finite: an overflow is an error naming the place.

numpy turns an overflow into ``inf`` (and ``inf - inf`` into NaN) without
stopping; the means then skip the non-finite child as if it were missing,
and a result is silently null or wrong.  :func:`check_finite` looks at the
engine's scores after a computation: an indicator's normalised value that is
infinite, or an aggregate that is not finite where a child with weight has a
value, raises :class:`ComputeError` naming the node, unit and period, the
lowest such node first.  Weights that add up past the largest float are
named too (only their ratios matter).
"""
from __future__ import annotations

import math

import numpy as np

from core.errors import ComputeError, describe_place
from core.methods.registry import AGGREGATIONS, NORMALISATIONS
from core.text import tr


def check_finite(engine, indicators=None, aggregates=None) -> None:
    """ComputeError at the first result of ``engine`` an overflow spoiled;
    after an edit, only the ``indicators`` (positions) and ``aggregates``
    (codes, bottom-up) it recomputed are looked at (default: all)."""
    S = engine.scores
    fw, ds = engine.framework, engine.dataset
    aggregates = fw.aggregate_codes if aggregates is None else aggregates
    for code in aggregates:
        if not math.isfinite(float(np.sum(engine.weights[code]))):
            raise ComputeError(tr("the weights of the children of '{code}' add up to more than the largest number "
                                  "a computer float holds; divide them all by the same number (only their ratios "
                                  "matter)", code=code), code=code)
    rows = np.arange(engine.n_ind) if indicators is None else np.asarray(sorted(indicators), dtype=int)
    if rows.size:
        bad = np.isinf(S[rows])
        if bad.any():
            k, u, t = (int(v[0]) for v in np.nonzero(bad))
            i = int(rows[k])
            code = fw.indicator_codes[i]
            raise ComputeError(tr("normalisation {method}: the normalised value of {place} is too large to hold "
                                  "(raw value {value}); the method's parameters or the values are too extreme",
                                  method=NORMALISATIONS[engine.method[i]].title(),
                                  place=describe_place(ds.unit_codes[u], ds.periods[t], code),
                                  value=format(float(ds.values[u, t, i]), "g")),
                               code=code, unit=ds.unit_codes[u], period=ds.periods[t])
    for code in aggregates:
        row = S[engine.index[code]]
        if np.isfinite(row).all():
            continue
        kids = S[engine.children[code]]
        weighted = np.asarray(engine.weights[code]) > 0
        has = np.isfinite(kids[weighted]).any(axis=0) if weighted.any() else np.zeros(row.shape, dtype=bool)
        bad = np.isinf(row) | (np.isnan(row) & has)
        if bad.any():
            u, t = (int(v[0]) for v in np.nonzero(bad))
            raise ComputeError(tr("{mean} of '{code}' for {place} is too large to hold (an overflow); the values, "
                                  "weights or power are too extreme", mean=AGGREGATIONS[engine.aggregation[code]].title(),
                                  code=code, place=describe_place(ds.unit_codes[u], ds.periods[t])),
                               code=code, unit=ds.unit_codes[u], period=ds.periods[t])
