"""Coupling coordination degree (耦合协调度): how evenly and how far two or
more subsystems develop together.

For subsystem scores U_1..U_n in [0, 1] and weights a_i summing to 1:

* coupling C = n (prod U_i)^(1/n) / sum U_i (1 when every U_i is equal, 0
  when one is 0);
* development T = sum a_i U_i;
* coordination D = sqrt(C T), graded in ten bands of 0.1 from 极度失调
  (extreme imbalance) to 优质协调 (high-quality coordination).

The subsystems are framework nodes (each unit and period gets its own C, T,
D) or units (one node's scores of several units: each period gets one).
Scores come from the engine and are brought to [0, 1]: under min-max they
are rescaled from its range (L..U to 0..1); under any other normalisation
they must already lie in [0, 1].  See docs/methods.md#coupling.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import ComputeError, describe_place
from core.text import tr

# (lower bound of D, Chinese name, English name), in ten bands of 0.1
GRADES = (
    (0.0, "极度失调", "extreme imbalance"),
    (0.1, "严重失调", "severe imbalance"),
    (0.2, "中度失调", "moderate imbalance"),
    (0.3, "轻度失调", "mild imbalance"),
    (0.4, "濒临失调", "on the verge of imbalance"),
    (0.5, "勉强协调", "barely coordinated"),
    (0.6, "初级协调", "primary coordination"),
    (0.7, "中级协调", "intermediate coordination"),
    (0.8, "良好协调", "good coordination"),
    (0.9, "优质协调", "high-quality coordination"),
)


def coupling(U, a=None):
    """(C, T, D) of subsystem scores ``U`` (n, ...) in [0, 1] with weights
    ``a`` (n,) (equal when None, scaled to sum 1).  Missing where any
    subsystem is missing, or where every score is 0 (C undefined)."""
    U = np.asarray(U, dtype=float)
    n = U.shape[0]
    a = np.full(n, 1.0 / n) if a is None else np.asarray(a, dtype=float) / np.sum(a)
    total = U.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        geo = np.prod(U, axis=0) ** (1.0 / n)
        C = n * geo / np.where(total > 0, total, np.nan)
    T = np.tensordot(a, U, axes=1)
    D = np.sqrt(C * T)
    return C, T, D


def grade(d) -> int | None:
    """The index into :data:`GRADES` of a coordination degree (None: missing)."""
    if d is None or not np.isfinite(d):
        return None
    return int(min(9, max(0, np.floor(round(d * 10, 9)))))


def grade_name(d, lang="en") -> str | None:
    g = grade(d)
    return None if g is None else GRADES[g][1 if lang == "zh" else 2]


@dataclass
class CouplingResult:
    subsystems: list          # node codes, or unit codes
    by: str                   # "nodes" or "units"
    U: np.ndarray             # (n, units, periods) or (n, 1, periods)
    C: np.ndarray
    T: np.ndarray
    D: np.ndarray
    weights: np.ndarray


def to_unit_interval(engine, code) -> np.ndarray:
    """A node's scores brought to [0, 1] (see the module text), or a
    ComputeError naming the first score outside."""
    s = np.array(engine.score(code), dtype=float)
    st = engine.settings
    if st.normalisation == "minmax" and not st.normalisation_by:
        lo, hi = st.minmax_range
        s = (s - lo) / (hi - lo)
    with np.errstate(invalid="ignore"):
        bad = (s < -1e-12) | (s > 1 + 1e-12)
    if bad.any():
        u, t = (int(v[0]) for v in np.nonzero(bad))
        ds = engine.dataset
        raise ComputeError(tr("coupling coordination needs scores in [0, 1]; '{code}' scores {value} for {place} "
                              "(use min-max normalisation, or one that gives scores between 0 and 1)", code=code,
                              value=format(engine.score(code)[u, t], "g"),
                              place=describe_place(ds.unit_codes[u], ds.periods[t])), code=code)
    return np.clip(s, 0.0, 1.0)


def _weights(weights, n):
    if weights is None:
        return np.full(n, 1.0 / n)
    w = np.asarray(weights, dtype=float)
    if w.size != n or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ComputeError(tr("coupling coordination: {n} subsystems need {n} weights of zero or more, not all "
                              "zero; got {got}", n=n, got=", ".join(f"{x:g}" for x in np.ravel(w))))
    return w / w.sum()


def of_nodes(engine, codes, weights=None) -> CouplingResult:
    """Subsystems are framework nodes: C, T, D per unit and period."""
    if len(codes) < 2:
        raise ComputeError(tr("coupling coordination needs at least two subsystems; got {n}", n=len(codes)))
    for c in codes:
        if c not in engine.framework:
            raise ComputeError(tr("coupling coordination: '{code}' is not a node of the framework; nodes: {valid}",
                                  code=c, valid=", ".join(engine.codes)), code=c)
    w = _weights(weights, len(codes))
    U = np.stack([to_unit_interval(engine, c) for c in codes])
    return CouplingResult(list(codes), "nodes", U, *coupling(U, w), w)


def of_units(engine, units, code, weights=None) -> CouplingResult:
    """Subsystems are units (one node's scores of each): C, T, D per period."""
    if len(units) < 2:
        raise ComputeError(tr("coupling coordination needs at least two subsystems; got {n}", n=len(units)))
    ds = engine.dataset
    for u in units:
        if u not in ds.unit_codes:
            raise ComputeError(tr("coupling coordination: '{unit}' is not a unit of the data; units: {valid}",
                                  unit=u, valid=", ".join(ds.unit_codes)))
    if code not in engine.framework:
        raise ComputeError(tr("coupling coordination: '{code}' is not a node of the framework; nodes: {valid}",
                              code=code, valid=", ".join(engine.codes)), code=code)
    w = _weights(weights, len(units))
    s = to_unit_interval(engine, code)
    U = np.stack([s[list(ds.unit_codes).index(u)][None, :] for u in units])
    return CouplingResult(list(units), "units", U, *coupling(U, w), w)


def records(result: CouplingResult, engine, lang="en") -> list:
    """One row per unit (or per period for units as subsystems) and period."""
    ds = engine.dataset
    rows = []
    units = ds.unit_codes if result.by == "nodes" else [None]
    for u, unit in enumerate(units):
        for t, period in enumerate(ds.periods):
            d = float(result.D[u, t])
            row = {"unit": unit, "period": period,
                   "U": {s: _num(result.U[k, u, t]) for k, s in enumerate(result.subsystems)},
                   "C": _num(result.C[u, t]), "T": _num(result.T[u, t]), "D": _num(d),
                   "grade": grade(d), "grade_en": grade_name(d, "en"), "grade_zh": grade_name(d, "zh")}
            if result.by == "units":
                row.pop("unit")
            rows.append(row)
    return rows


def _num(x):
    x = float(x)
    return x if np.isfinite(x) else None
