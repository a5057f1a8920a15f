"""Benchmark of the results workbook with live formulas (and the COINr export).

    python bench/export_bench.py            # 7 runs of each
    python bench/export_bench.py --runs 3

Prints a table: what was written, its size (units x periods x indicators,
formula cells, file size), the median / min / max time of several runs, the
target and pass / FAIL.  Target (issue 4): the ASEM results workbook in at
most 1 s.  The panel workbook (5 periods, so also Changes, Growth and
Contributions) and the Chengdu-Chongqing sample are reported for
information, as is the COINr iData / iMeta export.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from core.exporting.coinr import export_coinr  # noqa: E402
from core.exporting.workbook import write_results_workbook  # noqa: E402
from core.importing.inputs import load_input  # noqa: E402

ASEM = os.path.join(ROOT, "tests", "data", "coinr-asem")
SAMPLE = os.path.join(ROOT, "resources", "samples", "chengdu-chongqing.coindex")


def _formulas(path) -> int:
    with zipfile.ZipFile(path) as z:
        return sum(len(re.findall(rb"<f>", z.read(n))) for n in z.namelist() if n.startswith("xl/worksheets/"))


def _time(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    cases = [("ASEM results workbook", load_input(os.path.join(ASEM, "asem_iData.csv"),
                                                   os.path.join(ASEM, "asem_iMeta.csv")), 1.0),
             ("ASEM panel results workbook", load_input(os.path.join(ASEM, "asem_iData_p.csv"),
                                                         os.path.join(ASEM, "asem_iMeta.csv")), None),
             ("sample results workbook", load_input(SAMPLE), None)]
    rows, failed = [], False
    with tempfile.TemporaryDirectory() as tmp:
        for name, project, target in cases:
            engine = project.engine                      # computed once; the export alone is timed
            ds = engine.dataset
            path = os.path.join(tmp, "out.xlsx")
            times = _time(lambda: write_results_workbook(engine, path, info=project.info), args.runs)
            size = (f"{len(ds.unit_codes)}x{len(ds.periods)}x{len(ds.codes)}, {_formulas(path)} formulas, "
                    f"{os.path.getsize(path) / 1024:.0f} KB")
            rows.append((name, size, times, target))
        project = cases[1][1]
        d, m = os.path.join(tmp, "iData.csv"), os.path.join(tmp, "iMeta.csv")
        times = _time(lambda: export_coinr(project, d, m), args.runs)
        rows.append(("COINr iData + iMeta CSV (panel)", f"{os.path.getsize(d) / 1024:.0f} KB + "
                                                        f"{os.path.getsize(m) / 1024:.0f} KB", times, None))
    print(f"{'what':34} {'size':44} {'median s':>9} {'min s':>7} {'max s':>7} {'target':>7}  result")
    for name, size, times, target in rows:
        med = statistics.median(times)
        ok = "info" if target is None else ("pass" if med <= target else "FAIL")
        failed |= ok == "FAIL"
        print(f"{name:34} {size:44} {med:9.3f} {min(times):7.3f} {max(times):7.3f} "
              f"{'' if target is None else f'{target:g} s':>7}  {ok}")
    print(f"\n{args.runs} runs each; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
