"""Variance-based sensitivity: Sobol first-order and total-order indices
with bootstrap confidence intervals, sampled and estimated by SALib
(Saltelli's scheme on a scrambled Sobol sequence; Jansen's total-order
estimator; 95% intervals from 100 bootstrap resamples).

Each uncertain input is a SALib group (the perturbed weights of a level
form one group), so there is one pair of indices per input, and a base
sample of N rows costs N x (inputs + 2) replications.  SALib is imported
here only, when an analysis asks for it.
"""
from __future__ import annotations

import warnings

import numpy as np

from core.errors import SettingsError
from core.text import tr


def sample(problem: dict, n: int, seed: int) -> np.ndarray:
    """SALib's Saltelli sample of ``n`` base rows (first and total order
    only): n x (groups + 2) rows.  SALib warns when n is not a power of 2
    (the sequence's balance); the estimates stay valid, so the warning is
    not shown."""
    from SALib.sample import sobol as sobol_sample
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)


def _num(v):
    v = float(v)
    return v if np.isfinite(v) else None


def indices(problem: dict, Y, seed: int) -> list:
    """One record per input (SALib group, in order): ``{"input", "S1",
    "S1_conf", "ST", "ST_conf"}``; None where an index is undefined (an
    output that never varies)."""
    from SALib.analyze import sobol as sobol_analyze
    Y = np.asarray(Y, dtype=float)
    if not np.isfinite(Y).all():
        raise SettingsError(tr("the output of the sensitivity analysis is missing in {n} of {total} "
                               "replications; choose another output", n=int((~np.isfinite(Y)).sum()),
                               total=Y.size))
    names = list(dict.fromkeys(problem.get("groups") or problem["names"]))
    if np.ptp(Y) == 0:
        return [{"input": n, "S1": None, "S1_conf": None, "ST": None, "ST_conf": None} for n in names]
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        # SALib seeds its bootstrap only when ``if seed:`` holds, so a seed of 0 would give new intervals
        # every run; a Generator made from the seed is always taken
        S = sobol_analyze.analyze(problem, Y, calc_second_order=False, seed=np.random.default_rng(seed))
    return [{"input": n, "S1": _num(S["S1"][k]), "S1_conf": _num(S["S1_conf"][k]), "ST": _num(S["ST"][k]),
             "ST_conf": _num(S["ST_conf"][k])} for k, n in enumerate(names)]
