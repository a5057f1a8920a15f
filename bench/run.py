"""CoIndex core benchmarks.

    python bench/run.py            # full run (about a minute)
    python bench/run.py --quick    # fewer repetitions, same sizes
    python bench/run.py --units 500 --quick   # smaller synthetic project

Prints one table row per measurement: what was timed, the problem size, the
median (and min / max) of several runs, the target and pass / FAIL.  Rows
marked "info" have no target and are reported for honesty (e.g. the cost of
computing every node's ranks).  An exception inside a timed step is a FAIL
row and its message is printed under the table.

Measured:
 1. ASEM default build (COINr example data, min-max 0-100 per period +
    arithmetic mean): ``Engine(fw, ds, Settings())`` with data loaded.
 2. Synthetic county-scale project (bench/synthetic.py): full recomputation
    ``engine.run()``, default min-max and fixed-base (base year = first
    year), the values kept between runs; ``run(reread=True)``, the data read
    and copied again as after a change (info); and ``run()`` +
    ``all_ranks()`` (info).
 3. One-value edit: ``engine.update([(u, t, i)])`` after changing one raw
    value, and ``project.execute(SetValues(...))``, both settings.  After the
    timed edits the incrementally updated scores are compared with a full
    recomputation.
 4. Peak memory of building and computing the county project, measured in a
    fresh child process (tracemalloc peak and peak-RSS growth).
 5. Scale (bench/scale.py, a second table): full recomputation, every
    node's ranks, ``compute --format json|csv|parquet -o`` (time, peak RSS,
    size) at 1x / 2x / 4x the units, with the ratios, and the values-only
    workbook at 1x against its target of 60 s (``--no-scale`` skips it:
    several minutes at county scale; ``--scale-only`` runs it alone).
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
import traceback

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from bench.synthetic import FIRST_YEAR, county_project, fixed_base_settings  # noqa: E402
from core.pipeline.engine import Engine  # noqa: E402
from core.project.project import SetValues  # noqa: E402
from core.model.settings import Settings  # noqa: E402

ASEM_DIR = os.path.join(ROOT, "tests", "data", "coinr-asem")

MS = 1e-3
MB = 1024 * 1024


# ---- measurement helpers --------------------------------------------------------
class Row:
    def __init__(self, name, size, times=None, target=None, unit="ms", value=None, error=None, note=""):
        self.name, self.size, self.times, self.target = name, size, times, target
        self.unit, self.value, self.error, self.note = unit, value, error, note

    @property
    def median(self):
        if self.value is not None:
            return self.value
        return float(np.median(self.times)) if self.times else None

    @property
    def status(self):
        if self.error:
            return "FAIL"
        if self.target is None:
            return "info"
        return "pass" if self.median <= self.target else "FAIL"


def timed(fn, repeat, setup=None, warmup=1):
    """Seconds of ``fn()`` per run (``setup(k)`` runs untimed before each
    call; the garbage collector is off while timing, as in timeit, and is
    run once before the first call, not between calls, so short timings are
    not taken with cold caches)."""
    out = []
    gc.collect()
    for k in range(warmup + repeat):
        if setup is not None:
            setup(k)
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            dt = time.perf_counter() - t0
        finally:
            gc.enable()
        if k >= warmup:
            out.append(dt)
    return out


def guarded(rows, name, size, target, body, errors):
    """Run ``body()`` -> list of seconds; a failure becomes a FAIL row."""
    try:
        times = body()
        rows.append(Row(name, size, [t / MS for t in times], target))
        return True
    except Exception as e:  # noqa: BLE001 - reported, not hidden
        msg = f"{type(e).__name__}: {e}"
        rows.append(Row(name, size, None, target, error=msg))
        errors.append((name, traceback.format_exc()))
        return False


def fmt_ms(x):
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def print_table(rows, errors, notes):
    head = ["#", "benchmark", "size", "median", "min", "max", "runs", "target", "result"]
    body = []
    for k, r in enumerate(rows, 1):
        if r.error:
            med = mn = mx = "ERROR"
            runs = "-"
        elif r.unit == "MB":
            med, mn, mx, runs = f"{r.value:.0f} MB", "", "", "1"
        else:
            med = fmt_ms(r.median) + " ms"
            mn, mx = fmt_ms(min(r.times)), fmt_ms(max(r.times))
            runs = str(len(r.times))
        if r.target is None:
            tgt = "-"
        elif r.unit == "MB":
            tgt = f"<= {r.target:.0f} MB"
        else:
            tgt = f"<= {r.target:g} ms"
        body.append([str(k), r.name, r.size, med, mn, mx, runs, tgt, r.status])
    widths = [max(len(h), *(len(b[j]) for b in body)) for j, h in enumerate(head)]
    right = {0, 3, 4, 5, 6}

    def line(cells):
        return "  ".join(c.rjust(w) if j in right else c.ljust(w) for j, (c, w) in enumerate(zip(cells, widths)))

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for b in body:
        print(line(b))
    if notes:
        print()
        for n in notes:
            print("note:", n)
    if errors:
        print()
        for name, tb in errors:
            print(f"error in '{name}':")
            print("    " + tb.strip().replace("\n", "\n    "))


# ---- 1. ASEM -----------------------------------------------------------------------
def bench_asem(rows, errors, notes, repeat):
    data = os.path.join(ASEM_DIR, "asem_iData.csv")
    meta = os.path.join(ASEM_DIR, "asem_iMeta.csv")
    if not (os.path.exists(data) and os.path.exists(meta)):
        print(f"[skip] ASEM reference data not found at {ASEM_DIR}; ASEM rows skipped", flush=True)
        notes.append(f"ASEM rows skipped: {ASEM_DIR} is absent")
        return
    from core.importing.inputs import load_input
    t0 = time.perf_counter()
    project = load_input(data, meta)
    load_s = time.perf_counter() - t0
    fw, ds = project.framework, project.dataset
    U, T, I = ds.values.shape
    size = f"{U}u x {T}t x {I}i, {len(fw.node_order)} nodes"
    guarded(rows, "ASEM default build: Engine(fw, ds, Settings())", size, 2.0,
            lambda: timed(lambda: Engine(fw, ds, Settings()), repeat), errors)
    rows.append(Row("ASEM load_input(iData.csv, iMeta.csv) (once)", size, [load_s / MS], None))
    notes.append("COINr's own default ASEM build takes 17.5 ms (tests/data/coinr-asem/timings.csv)")


# ---- 2 + 3. county scale ------------------------------------------------------------
def county_size(p):
    U, T, I = p.dataset.values.shape
    return f"{U}u x {T}t x {I}i, {len(p.framework.node_order)} nodes"


def bench_county(rows, errors, notes, args):
    r_run, r_ranks, r_edit = args.repeat_run, args.repeat_ranks, args.repeat_edit
    t0 = time.perf_counter()
    project = county_project(n_units=args.units, n_years=args.years, seed=0)
    gen_s = time.perf_counter() - t0
    size = county_size(project)
    nan_pct = 100.0 * float(np.isnan(project.dataset.values).mean())
    notes.append(f"synthetic county data: {nan_pct:.2f} % missing cells (none in the base year), "
                 f"generated in {gen_s:.2f} s")
    settings_list = [("min-max", Settings()), (f"fixed-base {FIRST_YEAR}", fixed_base_settings())]
    for label, st in settings_list:
        project.settings = st
        ok = guarded(rows, f"county [{label}] first Engine build (once)", size, None,
                     lambda: timed(project.recompute, 1, warmup=0), errors)
        if not ok:
            continue
        eng = project.engine
        guarded(rows, f"county [{label}] full recompute engine.run()", size, 150.0,
                lambda: timed(eng.run, r_run), errors)
        guarded(rows, f"county [{label}] full recompute, values re-read: run(reread=True)", size, None,
                lambda: timed(lambda: eng.run(reread=True), r_run), errors)

        def run_ranks():
            eng.run()
            eng.all_ranks()

        guarded(rows, f"county [{label}] engine.run() + engine.all_ranks()", size, None,
                lambda: timed(run_ranks, r_ranks), errors)
        eng.run()
        edit_benchmarks(rows, errors, notes, project, label, size, r_edit)


def pick_cells(ds, n, seed):
    """``n`` distinct present cells (u, t, i), fixed by the seed."""
    rng = np.random.default_rng(seed)
    U, T, I = ds.values.shape
    out = []
    while len(out) < n:
        u, t, i = int(rng.integers(U)), int(rng.integers(T)), int(rng.integers(I))
        if not np.isnan(ds.values[u, t, i]) and (u, t, i) not in out:
            out.append((u, t, i))
    return out


def check_consistent(eng, notes, what):
    """Incremental scores must equal a full recomputation."""
    inc = eng.scores.copy()
    eng.run()
    diff = np.abs(inc - eng.scores)
    both_nan = np.isnan(inc) & np.isnan(eng.scores)
    worst = float(np.nanmax(np.where(both_nan, 0.0, diff))) if diff.size else 0.0
    if not np.isfinite(worst) or worst > 1e-9:
        notes.append(f"{what}: incremental scores DIFFER from a full recompute (max |diff| {worst:g})")
        return False
    notes.append(f"{what}: incremental scores equal a full recompute (max |diff| {worst:.1e})")
    return True


def edit_benchmarks(rows, errors, notes, project, label, size, repeat):
    ds, eng = project.dataset, project.engine
    n = repeat + 1
    cells = pick_cells(ds, n, seed=1)

    # engine.update: change one raw value (untimed), time the incremental update
    cur = {}

    def setup_update(k):
        u, t, i = cells[k]
        ds.values[u, t, i] *= 1.01
        cur["cell"] = (u, t, i)

    ok = guarded(rows, f"county [{label}] one edit: engine.update([(u,t,i)])", size, 5.0,
                 lambda: timed(lambda: eng.update([cur["cell"]]), repeat, setup_update), errors)
    if ok:
        check_consistent(eng, notes, f"[{label}] engine.update")
    else:
        # Same work as Engine.update, with the edited period as a slice (the
        # failing line indexes scores[node, :, array]); tells what the path
        # would cost once fixed.  Internals: skipped if they change.
        proxy = proxy_update(eng)
        if proxy is not None:
            guarded(rows, f"county [{label}] one edit: update proxy (period as slice)", size, None,
                    lambda: timed(lambda: proxy(*cur["cell"]), repeat, setup_update), errors)
        eng.run()

    # project.execute(SetValues(...)): the user-level edit path
    cells2 = pick_cells(ds, n, seed=2)
    cmd = {}

    def setup_exec(k):
        u, t, i = cells2[k]
        value = float(ds.values[u, t, i]) * 0.99
        cmd["c"] = SetValues([(ds.unit_codes[u], ds.periods[t], ds.codes[i], value)])

    ok = guarded(rows, f"county [{label}] one edit: project.execute(SetValues)", size, 5.0,
                 lambda: timed(lambda: project.execute(cmd["c"]), repeat, setup_exec), errors)
    if ok:
        check_consistent(project.engine, notes, f"[{label}] project.execute(SetValues)")
    project.recompute()


def proxy_update(eng):
    need = ("_normalise", "_aggregate", "parents", "framework", "method")
    if not all(hasattr(eng, a) for a in need):
        return None

    def run(u, t, i):
        eng._normalise(np.array([i], dtype=int))
        anc = set(eng.parents[eng.framework.indicator_codes[i]])
        order = [c for c in eng.framework.aggregate_codes if c in anc]
        if eng.method[i] == "fixed_base":
            eng._aggregate(order, np.array([u]), slice(None))
        else:
            eng._aggregate(order, slice(None), slice(t, t + 1))

    return run


# ---- 4. memory -------------------------------------------------------------------------
def peak_rss():
    """Peak resident set size of this process in bytes.  VmHWM (Linux) starts
    afresh at exec; ru_maxrss can carry the parent's peak over a fork."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def memory_child(args):
    """Runs in a fresh interpreter: build + compute the county project."""
    import tracemalloc
    base_rss = peak_rss()
    tracemalloc.start()
    st = fixed_base_settings() if args.memory_child == "fixed_base" else Settings()
    project = county_project(n_units=args.units, n_years=args.years, seed=0, settings=st)
    eng = project.engine                       # first full computation
    eng.run()
    eng.all_ranks()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = peak_rss()
    print(json.dumps({"tracemalloc_peak": peak, "rss_delta": rss - base_rss, "rss": rss,
                      "size": county_size(project)}))


def bench_memory(rows, errors, notes, args):
    for label, key in (("min-max", "minmax"), (f"fixed-base {FIRST_YEAR}", "fixed_base")):
        name = f"county [{label}] peak memory: build + run + all_ranks"
        cmd = [sys.executable, os.path.abspath(__file__), "--memory-child", key,
               "--units", str(args.units), "--years", str(args.years)]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)
            if res.returncode != 0:
                raise RuntimeError(res.stderr.strip().splitlines()[-1] if res.stderr.strip() else "child failed")
            out = json.loads(res.stdout.strip().splitlines()[-1])
        except Exception as e:  # noqa: BLE001
            rows.append(Row(name, "", target=1024.0, unit="MB", error=f"{type(e).__name__}: {e}"))
            errors.append((name, f"{type(e).__name__}: {e}"))
            continue
        peak = max(out["tracemalloc_peak"], out["rss_delta"]) / MB
        rows.append(Row(name, out["size"], target=1024.0, unit="MB", value=peak))
        notes.append(f"[{label}] memory: tracemalloc peak {out['tracemalloc_peak'] / MB:.0f} MB, "
                     f"peak RSS growth {out['rss_delta'] / MB:.0f} MB (process peak RSS {out['rss'] / MB:.0f} MB, "
                     "imports included); "
                     "the row shows the larger")


# ---- main ------------------------------------------------------------------------------
def environment():
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT, timeout=10).stdout.strip()
    except Exception:  # noqa: BLE001
        commit = "?"
    import pandas as pd
    return (f"CoIndex bench  commit {commit or '?'}  |  Python {platform.python_version()}, numpy {np.__version__}, "
            f"pandas {pd.__version__}  |  {platform.machine()}, {os.cpu_count()} CPUs  |  "
            f"{time.strftime('%Y-%m-%d %H:%M:%S')}  |  load {loadavg()}")


def loadavg():
    """1-minute load average: other processes on a shared machine slow the
    timings down, so it is printed with them."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except (AttributeError, OSError):
        return "?"


def run_scale(args) -> int:
    from bench.scale import bench_scale
    print(f"scale: {args.units} units x {args.years} years at {' / '.join(f'{k}x' for k in args.scale_sizes)} "
          f"(child processes; load {loadavg()}) ...", flush=True)
    bench_scale(args.units, args.years, args.scale_sizes, repeat=3 if args.quick else 5)
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (same sizes)")
    ap.add_argument("--units", type=int, default=2850, help="synthetic units (default 2850)")
    ap.add_argument("--years", type=int, default=20, help="synthetic years (default 20)")
    ap.add_argument("--no-memory", action="store_true", help="skip the memory rows")
    ap.add_argument("--no-scale", action="store_true", help="skip the 1x / 2x / 4x scale table")
    ap.add_argument("--scale-only", action="store_true", help="only the 1x / 2x / 4x scale table")
    ap.add_argument("--scale-sizes", type=int, nargs="+", default=[1, 2, 4], metavar="K",
                    help="multiples of --units for the scale table (default 1 2 4)")
    ap.add_argument("--strict", action="store_true", help="exit status 1 if any row FAILs")
    ap.add_argument("--memory-child", choices=["minmax", "fixed_base"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        memory_child(args)
        return 0
    if args.quick:
        args.repeat_fast, args.repeat_run, args.repeat_ranks, args.repeat_edit = 7, 5, 3, 7
    else:
        args.repeat_fast, args.repeat_run, args.repeat_ranks, args.repeat_edit = 15, 11, 7, 15

    print(environment(), flush=True)
    if args.scale_only:
        return run_scale(args)
    start = time.perf_counter()
    rows, errors, notes = [], [], []
    print("[1/3] ASEM ...", flush=True)
    bench_asem(rows, errors, notes, args.repeat_fast)
    print("[2/3] county scale: full recompute and one-value edits ...", flush=True)
    bench_county(rows, errors, notes, args)
    if not args.no_memory:
        print("[3/3] county scale: peak memory (child processes) ...", flush=True)
        bench_memory(rows, errors, notes, args)
    print(f"done in {time.perf_counter() - start:.0f} s (load {loadavg()}); medians over the runs shown "
          "(u = units, t = periods, i = indicators)\n", flush=True)
    print_table(rows, errors, notes)
    if not args.no_scale:
        print()
        run_scale(args)
    failed = [r for r in rows if r.status == "FAIL"]
    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
