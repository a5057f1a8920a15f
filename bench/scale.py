"""Scale rows of ``bench/run.py`` (issue 13): how the outputs and the ranks
grow with the number of units, at 1x / 2x / 4x the county units.

    python bench/run.py --scale-only             # these rows alone
    python bench/scale.py --units 2850 --sizes 1 2 4
    python bench/scale.py --engine-only          # recomputation and ranks alone

For every size, in fresh child processes (so each peak RSS is its own):

* full recomputation ``engine.run()`` (the values kept between runs,
  :mod:`core.pipeline.rawvalues`) and ``engine.run(reread=True)`` (the data
  read and copied again, as after a change), as the median and the least
  wall time and the least processor time (what other processes on a shared
  machine inflate less), and every node's ranks
  (``core.pipeline.ranks.rank_nodes``, what ``Engine.all_ranks`` runs on a
  fresh engine), with the previous way (``rank_min`` over the whole array)
  beside it, and the ranks' temporaries (tracemalloc peak, the output
  array excluded) against the size of the scores array;
* ``python main.py compute PROJECT --format json|csv|parquet -o ...`` from a
  saved .coindex project: wall time and peak RSS of the whole command
  (loading included), and the size written;
* the values-only results workbook (``compute PROJECT --out X.xlsx
  --values-only``) at 1x only, the full county project (one run: at 4x it
  would take several minutes): wall time and CPU time of the whole command
  (loading and computing included), peak RSS and the size of the file,
  against the target of under 60 s.

Then one table: a row per measurement, a column per size ("-" where not
measured), and the ratios 2x / 1x and 4x / 1x (linear growth reads 2 and 4).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

MB = 1024 * 1024


def _peak_rss() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _median_time(fn, repeat):
    import numpy as np
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def _least_time(fn, repeat, clock=time.perf_counter):
    """The least time of ``repeat`` calls by ``clock`` (``time.process_time``:
    processor time, user + system, which waiting for a processor on a shared
    machine does not inflate as it does wall time)."""
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times)


# ---- child processes ------------------------------------------------------------------------------
def child_engine(units, years, repeat, save_to):
    """Times of run / ranks at one size; saves the project for the CLI rows."""
    import tracemalloc
    import numpy as np
    from bench.synthetic import county_project
    from core.methods.normalise import rank_min
    from core.pipeline.ranks import rank_nodes
    from core.project import projectfile
    project = county_project(n_units=units, n_years=years, seed=0)
    eng = project.engine
    out = np.empty(eng.scores.shape)
    reread = lambda: eng.run(reread=True)  # noqa: E731
    res = {"run": _median_time(eng.run, repeat),
           "run_least": _least_time(eng.run, repeat),
           "run_cpu": _least_time(eng.run, repeat, time.process_time),
           "run_reread": _least_time(reread, repeat),
           "run_reread_cpu": _least_time(reread, repeat, time.process_time),
           "ranks": _median_time(lambda: rank_nodes(eng.scores, out=out), repeat),
           "ranks_before": _median_time(lambda: rank_min(eng.scores, axis=1, descending=True), max(1, repeat // 2)),
           "scores_mb": eng.scores.nbytes / MB}
    tracemalloc.start()
    rank_nodes(eng.scores, out=out)
    res["ranks_temp_mb"] = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    assert np.array_equal(out, rank_min(eng.scores, axis=1, descending=True), equal_nan=True)
    if save_to:
        projectfile.save(project, save_to)
    print(json.dumps(res))


def child_cli(argv):
    """``main.py`` in this process: wall time and peak RSS."""
    from core.cli import main
    t0, c0 = time.perf_counter(), time.process_time()
    code = main(argv)
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                      "rss_mb": _peak_rss() / MB, "exit": code}))


def _child(args, timeout=1800) -> dict:
    res = subprocess.run([sys.executable, os.path.abspath(__file__), *map(str, args)], capture_output=True,
                         text=True, timeout=timeout, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(res.stderr.strip().splitlines()[-1] if res.stderr.strip() else "child failed")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _size_of(path) -> float:
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, n)) for n in os.listdir(path)) / MB
    return os.path.getsize(path) / MB


# ---- the table --------------------------------------------------------------------------------------
WORKBOOK_TARGET_S = 60
WORKBOOK = "values-only workbook, 1x only: compute --out"


def measure(units, years, sizes, repeat, workbook, formats):
    """{row name: [value per size, None where not measured]} and the size labels."""
    rows: dict[str, list] = {}

    def put(name, value):
        rows.setdefault(name, [None] * len(sizes))[len(labels) - 1] = value

    labels = []
    for k in sizes:
        n = units * k
        labels.append(f"{k}x ({n}u)")
        print(f"  {n} units x {years} years ...", flush=True)
        tmp = tempfile.mkdtemp(prefix="coindex-scale-")
        try:
            proj = os.path.join(tmp, "county.coindex")
            e = _child(["--child-engine", n, years, repeat, proj])
            put("full recompute engine.run() [ms]", e["run"] * 1e3)
            put("full recompute engine.run(), least wall time [ms]", e["run_least"] * 1e3)
            put("full recompute engine.run(), least CPU time [ms]", e["run_cpu"] * 1e3)
            put("full recompute, values re-read: run(reread=True), least wall time [ms]", e["run_reread"] * 1e3)
            put("full recompute, values re-read, least CPU time [ms]", e["run_reread_cpu"] * 1e3)
            put("all ranks, one pass (rank_nodes) [ms]", e["ranks"] * 1e3)
            put("all ranks / full recompute [x]", e["ranks"] / e["run"])
            put("all ranks, before (rank_min) [ms]", e["ranks_before"] * 1e3)
            put("all ranks temporaries [MB]", e["ranks_temp_mb"])
            put("scores array [MB]", e["scores_mb"])
            for fmt in formats:
                out = os.path.join(tmp, "out.json" if fmt == "json" else fmt)
                c = _child(["--child-cli", "compute", proj, "--format", fmt, "-o", out])
                put(f"compute --format {fmt} -o (load+compute+write) [s]", c["seconds"])
                put(f"compute --format {fmt} peak RSS [MB]", c["rss_mb"])
                put(f"compute --format {fmt} written [MB]", _size_of(out))
                shutil.rmtree(out, ignore_errors=True) if os.path.isdir(out) else os.remove(out)
            if workbook and k == 1:
                print(f"  values-only workbook at {n} units ...", flush=True)
                out = os.path.join(tmp, "results.xlsx")
                c = _child(["--child-cli", "compute", proj, "--out", out, "--values-only"])
                put(f"{WORKBOOK} (load+compute+write) [s]", c["seconds"])
                put(f"{WORKBOOK} CPU time [s]", c["cpu"])
                put(f"{WORKBOOK} peak RSS [MB]", c["rss_mb"])
                put(f"{WORKBOOK} written [MB]", _size_of(out))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return labels, rows


def print_scale_table(labels, rows, sizes):
    head = ["measurement"] + labels + [f"{k}x/1x" for k in sizes[1:]]
    body = []

    def text(v):
        return "-" if v is None else f"{v:.3g}" if v < 100 else f"{v:.0f}"

    for name, vals in rows.items():
        ratios = [f"{v / vals[0]:.2f}" if vals[0] and v is not None else "-" for v in vals[1:]]
        body.append([name] + [text(v) for v in vals] + ratios)
    widths = [max(len(h), *(len(b[j]) for b in body)) for j, h in enumerate(head)]
    line = lambda cells: "  ".join(c.ljust(w) if j == 0 else c.rjust(w) for j, (c, w) in enumerate(zip(cells, widths)))  # noqa: E731
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for b in body:
        print(line(b))


def bench_scale(units, years, sizes=(1, 2, 4), repeat=5, workbook=True, formats=None):
    """Measure and print the scale table (see the module's docstring)."""
    from core.exporting.parquet import available
    if formats is None:
        formats = ["json", "csv"] + (["parquet"] if available() else [])
    sizes = list(sizes)
    labels, rows = measure(units, years, sizes, repeat, workbook and 1 in sizes, formats)
    print()
    print_scale_table(labels, rows, sizes)
    seconds = rows.get(f"{WORKBOOK} (load+compute+write) [s]", [None])[0]
    if seconds is not None:
        cpu = rows[f"{WORKBOOK} CPU time [s]"][0]
        print(f"\ntarget: values-only workbook at {units} units x {years} years < {WORKBOOK_TARGET_S} s: "
              f"{seconds:.0f} s wall ({cpu:.0f} s CPU) {'pass' if seconds < WORKBOOK_TARGET_S else 'FAIL'}")


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--child-engine"]:
        units, years, repeat, save_to = argv[1:5]
        return child_engine(int(units), int(years), int(repeat), save_to)
    if argv[:1] == ["--child-cli"]:
        return child_cli(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--units", type=int, default=2850)
    ap.add_argument("--years", type=int, default=20)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-workbook", action="store_true", help="skip the values-only workbook at 1x (minutes)")
    ap.add_argument("--engine-only", action="store_true", help="only the recomputation and ranks rows")
    args = ap.parse_args(argv)
    if args.engine_only:
        bench_scale(args.units, args.years, args.sizes, args.repeat, False, [])
    else:
        bench_scale(args.units, args.years, args.sizes, args.repeat, not args.no_workbook)
    return 0


if __name__ == "__main__":
    sys.exit(main())
