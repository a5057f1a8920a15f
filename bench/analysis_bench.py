"""Benchmark of the uncertainty and sensitivity analysis (issue 15).

    python bench/analysis_bench.py            # 5 runs of each
    python bench/analysis_bench.py --runs 3

The ASEM analysis of COINr's reference (tests/data/coinr-asem, sa_default_*):
weights perturbed at levels 2 and 3 by 0.25, the normalisation drawn from
min-max and z-score.  Prints a table: what was timed, the replications, the
median / min / max of several runs, the time per replication, the ratio to
COINr's 22.31 ms per replication (its get_sensitivity on the same analysis,
timings.csv), the target and pass / FAIL.

Targets: 10,000 replications of the uncertainty analysis (sampling,
evaluation, rank and score statistics) in at most 2 s; the sensitivity
analysis with N = 1,000 (SALib's sample, N x (3 + 2) replications, SALib's
estimates with their bootstrap intervals) in at most 10 s.  The JSON
records of the 10,000 replications' assumptions are timed for information,
and so is the same uncertainty analysis with imputation (mean) and outlier
treatment (winsorise) each switched on and off, and with entropy weights
re-derived for each normalisation (their engine runs included).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from core.analysis.inputs import Uncertainty  # noqa: E402
from core.analysis.run import prepare, run_sensitivity, run_uncertainty  # noqa: E402
from core.importing.inputs import load_input  # noqa: E402

ASEM = os.path.join(ROOT, "tests", "data", "coinr-asem")
COINR_S_PER_REP = 2.231 / 100        # timings.csv: get_sensitivity default UA N=100


def _time(fn, runs):
    times, out = [], None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return times, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    project = load_input(os.path.join(ASEM, "asem_iData.csv"), os.path.join(ASEM, "asem_iMeta.csv"))
    spec = Uncertainty(replications=10_000, weights_noise=0.25, noise_levels=(2, 3),
                       normalisations=("minmax", "zscore"), seed=1)
    design = prepare(project, spec)
    n_inputs = len(design.inputs)
    rows = []
    times, result = _time(lambda: run_uncertainty(project, spec), args.runs)
    rows.append(("uncertainty, 10,000 replications (prepare + run)", 10_000, times, 2.0))
    times, _ = _time(lambda: run_uncertainty(project, spec, design=design), args.runs)
    rows.append(("uncertainty, 10,000 replications (run only)", 10_000, times, None))
    times, _ = _time(result.replication_records, args.runs)
    rows.append(("records of 10,000 replications' assumptions", 10_000, times, None))
    switched = Uncertainty(replications=10_000, weights_noise=0.25, noise_levels=(2, 3),
                           normalisations=("minmax", "zscore"), imputations=("mean", "none"),
                           treatments=("winsorise", "none"), seed=1)
    times, _ = _time(lambda: run_uncertainty(project, switched), args.runs)
    rows.append(("... imputation, treatment on/off too (8 engines)", 10_000, times, None))
    entropy = load_input(os.path.join(ASEM, "asem_iData.csv"), os.path.join(ASEM, "asem_iMeta.csv"))
    entropy.settings.apply("weighting", "entropy")
    times, _ = _time(lambda: run_uncertainty(entropy, spec), args.runs)
    rows.append(("... entropy weights re-derived per normalisation", 10_000, times, None))
    n_sa = 1000 * (n_inputs + 2)
    times, _ = _time(lambda: run_sensitivity(design, 1000), max(1, args.runs // 2))
    rows.append((f"sensitivity, N = 1,000 ({n_inputs} inputs)", n_sa, times, 10.0))
    print(f"{'what':52} {'reps':>7} {'median s':>9} {'min s':>7} {'max s':>7} {'ms/rep':>8} "
          f"{'x COINr':>8} {'target':>7}  result")
    failed = False
    for what, reps, t, target in rows:
        med = statistics.median(t)
        per = med / reps
        verdict = "info" if target is None else ("pass" if med <= target else "FAIL")
        failed |= verdict == "FAIL"
        print(f"{what:52} {reps:>7,} {med:>9.3f} {min(t):>7.3f} {max(t):>7.3f} {per * 1000:>8.4f} "
              f"{COINR_S_PER_REP / per:>8,.0f} {'' if target is None else f'{target:g} s':>7}  {verdict}")
    print(f"\nCOINr 1.1.14: {COINR_S_PER_REP * 1000:.2f} ms per replication (timings.csv); 'x COINr' is COINr's "
          "time per replication divided by ours.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
