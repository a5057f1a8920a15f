"""What the app keeps of an analysis: the statistics per unit and node of
the analysed period, the index's 5th-95th percentile score band of every
unit in every period, the Sobol indices, the choices that made them and a
fingerprint of the project they were computed on.  Never the replications:
a :class:`Summary` of the ASEM project is a few thousand numbers, and it is
what the project file stores (``app_state["analysis"]``).

    analysis, summary = run_summary(project, spec, sensitivity=True)
    summary.is_current(project)       # False once the data, framework or settings changed
    state = to_state(summary)         # plain JSON; from_state(state) gives it back

The bands come from the same replications (same seed, same rows) run over
each period in turn, so the band of the analysed period is that period's
``p05_score`` and ``p95_score`` of the index.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass

import numpy as np

from core.analysis import statistics
from core.analysis.inputs import Uncertainty
from core.analysis.run import RANK_CHANGE, Analysis, evaluate, prepare, run_analysis

STATE_VERSION = 1
SOBOL_FIELDS = ("S1", "S1_conf", "ST", "ST_conf")
ARRAY_FIELDS = ("nominal_score", "nominal_rank") + statistics.FIELDS
SOBOL_COST = 4.0        # about how many Monte Carlo runs a Sobol analysis of the same N costs (N x (inputs + 2))


@dataclass
class Summary:
    """An analysis as kept: ``statistics`` are (aggregates, units) arrays
    of the analysed ``period``; ``band_low`` / ``band_high`` (periods,
    units) the index's 5th and 95th percentile score; ``fingerprint`` the
    project's (:func:`fingerprint`) when it ran."""
    spec: Uncertainty
    sensitivity: bool
    period: object
    periods: list
    units: list
    aggregates: list
    root: str
    statistics: statistics.Statistics
    band_low: np.ndarray
    band_high: np.ndarray
    sobol: list | None
    fingerprint: str

    @property
    def replications(self) -> int:
        return self.spec.replications

    def is_current(self, project) -> bool:
        """True while ``project`` is the one analysed (same data, framework, settings)."""
        return fingerprint(project) == self.fingerprint

    def band(self, unit: str):
        """(low, high) index score per period of unit code ``unit``, or None."""
        if unit not in self.units:
            return None
        u = self.units.index(unit)
        return self.band_low[:, u], self.band_high[:, u]


def fingerprint(project) -> str:
    """A hash of what an analysis depends on: the framework, the units,
    periods and indicators, every value and denominator, the settings."""
    ds = project.dataset
    h = hashlib.sha256()
    head = {"framework": project.framework.to_records(), "units": list(ds.unit_codes),
            "periods": list(ds.periods), "codes": list(ds.codes), "settings": project.settings.to_dict(),
            "denominators": sorted(ds.denominators)}
    h.update(json.dumps(head, sort_keys=True, default=str).encode("utf-8"))
    h.update(np.ascontiguousarray(ds.values, dtype=float).tobytes())
    for key in sorted(ds.denominators):
        h.update(np.ascontiguousarray(ds.denominators[key], dtype=float).tobytes())
    return h.hexdigest()


def run_summary(project, spec: Uncertainty, sensitivity: bool = False, output: str = RANK_CHANGE,
                progress=None) -> tuple[Analysis, Summary]:
    """:func:`core.analysis.run.run_analysis` of the last period, then the
    same replications over every other period for the index's score band;
    ``progress(fraction)`` covers it all (False cancels)."""
    stamp = fingerprint(project)
    periods = list(project.dataset.periods)
    # progress in replications: the Sobol sample is a few times the Monte Carlo's
    first = 1.0 + (SOBOL_COST if sensitivity else 0.0)
    share = 1.0 / (first + len(periods) - 1)

    def part(lo, hi):
        if progress is None:
            return None
        return lambda f: progress(lo + (hi - lo) * f)
    analysis = run_analysis(project, spec, sensitivity=sensitivity, output=output,
                            progress=part(0.0, first * share))
    result = analysis.uncertainty
    rep = result.replicator
    root = rep.framework.root
    j = rep.agg_row[root]
    low = np.full((len(periods), len(rep.units)), np.nan)
    high = low.copy()
    t_last = rep.period
    low[t_last], high[t_last] = result.statistics.p05_score[j], result.statistics.p95_score[j]
    others = [t for t in range(len(periods)) if t != t_last]
    for k, t in enumerate(others):
        design = prepare(project, spec, periods[t], runs=rep.runs)
        rows = design.draw(design.spec.replications, design.spec.seed)
        _, S = evaluate(design, rows, progress, share=(share * (first + k), share * (first + k + 1)))
        low[t], high[t] = statistics.percentiles(S[:, j, :], [5, 95])
    summary = Summary(result.design.spec, bool(sensitivity), periods[t_last], periods, list(rep.units),
                      list(rep.aggregates), root, result.statistics, low, high,
                      [dict(r) for r in analysis.sobol] if analysis.sobol else None, stamp)
    return analysis, summary


# ---- the project file's form -------------------------------------------------------------------
def _numbers(a) -> list:
    """Nested lists with None for a missing value (the file has no NaN)."""
    a = np.asarray(a, dtype=float)
    return np.where(np.isfinite(a), a, None).tolist() if a.size else a.tolist()


def _array(rows, shape) -> np.ndarray:
    a = np.array([[np.nan if v is None else float(v) for v in row] for row in rows], dtype=float)
    if a.shape != shape:
        raise ValueError(f"expected shape {shape}, found {a.shape}")
    return a


def to_state(summary: Summary) -> dict:
    """The summary as plain JSON (``app_state["analysis"]["results"]``)."""
    st = summary.statistics
    return {"version": STATE_VERSION, "spec": {**asdict(summary.spec), "noise_levels": list(summary.spec.noise_levels),
                                               "normalisations": list(summary.spec.normalisations),
                                               "aggregations": list(summary.spec.aggregations),
                                               "imputations": list(summary.spec.imputations),
                                               "treatments": list(summary.spec.treatments)},
            "sensitivity": summary.sensitivity, "period": summary.period, "periods": list(summary.periods),
            "units": list(summary.units), "aggregates": list(summary.aggregates), "root": summary.root,
            "statistics": {f: _numbers(getattr(st, f)) for f in ARRAY_FIELDS},
            "band": {"p05_score": _numbers(summary.band_low), "p95_score": _numbers(summary.band_high)},
            "sobol": None if summary.sobol is None else
            [{"input": str(r["input"]), **{f: _num(r.get(f)) for f in SOBOL_FIELDS}} for r in summary.sobol],
            "fingerprint": summary.fingerprint}


def _num(v):
    return None if v is None or not np.isfinite(v) else float(v)


def from_state(state) -> Summary | None:
    """The :class:`Summary` of :func:`to_state`'s dict; None when it is
    missing or does not add up (another version, a file edited by hand):
    the analysis is then simply not there, and can be run again."""
    try:
        if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
            return None
        s = state["spec"]
        spec = Uncertainty(replications=int(s["replications"]), weights_noise=float(s["weights_noise"]),
                           noise_levels=tuple(int(v) for v in s["noise_levels"]),
                           normalisations=tuple(str(v) for v in s["normalisations"]),
                           aggregations=tuple(str(v) for v in s["aggregations"]),
                           leave_out=bool(s["leave_out"]), seed=int(s["seed"]),
                           imputations=tuple(str(v) for v in s.get("imputations", ())),
                           treatments=tuple(str(v) for v in s.get("treatments", ())))
        units, aggregates, periods = list(state["units"]), list(state["aggregates"]), list(state["periods"])
        shape = (len(aggregates), len(units))
        st = statistics.Statistics(**{f: _array(state["statistics"][f], shape) for f in ARRAY_FIELDS})
        band = state["band"]
        low = _array(band["p05_score"], (len(periods), len(units)))
        high = _array(band["p95_score"], (len(periods), len(units)))
        sobol = state.get("sobol")
        if sobol is not None:
            sobol = [{"input": str(r["input"]), **{f: _num(r.get(f)) for f in SOBOL_FIELDS}} for r in sobol]
        root = str(state["root"])
        if root not in aggregates or not isinstance(state["fingerprint"], str):
            return None
        return Summary(spec, bool(state.get("sensitivity")), state["period"], periods, [str(u) for u in units],
                       [str(a) for a in aggregates], root, st, low, high, sobol, state["fingerprint"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
