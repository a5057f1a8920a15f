"""CoIndex GUI benchmark: one edited cell to every chart repainted.

    python bench/gui_bench.py              # sample and county-scale project
    python bench/gui_bench.py --quick      # fewer edits
    python bench/gui_bench.py --size 1400x900
    python bench/gui_bench.py --stress 5000   # 5,000 edits with repaints: no crash, flat memory

Runs on Qt's offscreen platform (set before Qt is imported).  For each
project a :class:`gui.charts.panel.ChartPanel` (grid layout, every chart in
view) and, in a second row, the panel plus a :class:`gui.sheets.results_table.ResultsTable`
are shown at a fixed size; then many single-cell edits go through
``document.execute(SetValues(...))`` exactly as the data grid sends them,
each followed by a synchronous repaint of every visible chart and one pass
of the event loop.  One edit's time runs from the command to the end of the
repaint; the table gives the median, 90th percentile and maximum, the part
spent in the core (``document.last_compute_ms``) and in the repaint, and
the target:

* sample (resources/samples/chengdu-chongqing.coindex): 16 ms, one 60 Hz frame;
* county scale (bench/synthetic.py ``county_project()``, 2,850 units x 20
  periods x 100 indicators): 33 ms.  The ranking draws at most 30 units;
  the composite chart overlays the chosen unit and three compared units.

The edited cell belongs to the unit shown, in the last period, so that every
chart really changes.  Values alternate around the original so the y ranges
move now and then (as in real editing) without drifting away.
"""
from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication, QSplitter  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from bench.synthetic import county_project, fixed_base_settings  # noqa: E402
from core.project import projectfile  # noqa: E402
from core.project.project import SetValues  # noqa: E402
from gui.charts.paint_counter import PaintCounter  # noqa: E402

SAMPLE = os.path.join(ROOT, "resources", "samples", "chengdu-chongqing.coindex")


def percentile(values, q):
    return float(np.percentile(np.asarray(values), q))


def measure(name, project, edits, size, with_table=False, compare=(), indicator=None, target=None):
    """Time ``edits`` one-cell edits, each to every chart repainted."""
    from gui.charts.panel import GRID, ChartPanel
    from gui.base.document import ProjectDocument

    app = QApplication.instance()
    document = ProjectDocument(project)
    panel = ChartPanel(document)
    panel.set_layout_mode(GRID)
    if compare:
        panel.set_compared_units(list(compare))
    views = [panel]
    table = None
    if with_table:
        from gui.sheets.results_table import ResultsTable
        table = ResultsTable(document)
        top = QSplitter(Qt.Horizontal)
        top.addWidget(panel)
        top.addWidget(table)
        top.setSizes([int(size[0] * 0.7), int(size[0] * 0.3)])
        views = [top]
    window = views[0]
    window.resize(*size)
    window.show()
    for _ in range(3):
        app.processEvents()
    charts = [c for c in panel.charts() if c.isVisible()]
    ds = project.dataset
    unit = panel.unit()
    t = len(ds.periods) - 1
    code = indicator or ds.codes[0]
    i = ds.code_index[code]
    original = float(ds.values[unit, t, i])
    repaints = []
    counter = PaintCounter()
    painted = [c.viewport() for c in charts] + ([table.view.viewport()] if table is not None else [])
    for widget in painted:
        widget.installEventFilter(counter)
    totals, cpus, cores, paints = [], [], [], []
    app.processEvents()
    for k in range(edits + 5):
        value = round(original * (1.0 + 0.5 * np.sin(k / 7.0)), 6)
        counter.paints = 0
        start, cpu = time.perf_counter(), time.process_time()
        ok = document.execute(SetValues([(ds.unit_codes[unit], ds.periods[t], code, value)]), "edit")
        mid = time.perf_counter()
        # the event loop delivers the scene updates, then the repaints they ask for
        for _ in range(5):
            app.processEvents()
            if counter.paints >= len(painted):
                break
        end, cpu_end = time.perf_counter(), time.process_time()
        assert ok, "edit refused"
        if k >= 5:                                   # the first few warm caches up
            totals.append((end - start) * 1000.0)
            cpus.append((cpu_end - cpu) * 1000.0)
            cores.append(document.last_compute_ms)
            paints.append((end - mid) * 1000.0)
            repaints.append(counter.paints)
    # the charts show the engine's numbers after the run
    root = project.framework.root
    np.testing.assert_allclose(panel.composite_chart.index_curve.getData()[1], project.engine.score(root)[unit])
    window.close()
    document.close()
    med = statistics.median(totals)
    return {"name": name, "charts": len(charts) + (1 if table is not None else 0), "edits": len(totals),
            "median": med, "p90": percentile(totals, 90), "max": max(totals), "cpu": statistics.median(cpus),
            "paints": statistics.mean(repaints) / len(painted),
            "core": statistics.median(cores), "paint": statistics.median(paints), "target": target,
            "ok": None if target is None else med <= target}


def rss_mb() -> float:
    """The process's resident memory now (Linux /proc), in MB."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2 ** 20
    except (OSError, ValueError):
        return float("nan")


def stress(project, edits, size, checkpoints=5, allowed_growth_mb=10.0):
    """``edits`` edits (every tenth one undone) to the chart panel and the
    results table, each repainted; the resident memory at checkpoints.
    Passes when memory grows by less than ``allowed_growth_mb`` from the
    first checkpoint (caches warm) to the last."""
    from gui.charts.panel import GRID, ChartPanel
    from gui.base.document import ProjectDocument
    from gui.sheets.results_table import ResultsTable
    app = QApplication.instance()
    document = ProjectDocument(project)
    split = QSplitter(Qt.Horizontal)
    panel = ChartPanel(document)
    panel.set_layout_mode(GRID)
    table = ResultsTable(document)
    split.addWidget(panel)
    split.addWidget(table)
    split.resize(*size)
    split.show()
    for _ in range(3):
        app.processEvents()
    ds = project.dataset
    code = ds.codes[0]
    original = float(ds.values[0, -1, ds.code_index[code]])
    rows, times = [], []
    step = max(edits // checkpoints, 1)
    start = time.perf_counter()
    for k in range(1, edits + 1):
        t0 = time.perf_counter()
        if k % 10 == 0:
            document.undo_stack.undo()
        else:
            value = round(original * (1.0 + 0.5 * np.sin(k / 7.0)), 6)
            document.execute(SetValues([(ds.unit_codes[0], ds.periods[-1], code, value)]), "edit")
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000.0)
        if k % step == 0:
            rows.append((k, rss_mb(), statistics.median(times[-step:])))
    elapsed = time.perf_counter() - start
    split.close()
    document.close()
    growth = rows[-1][1] - rows[0][1]
    return rows, elapsed, growth, growth < allowed_growth_mb


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer edits")
    parser.add_argument("--size", default="1200x800", help="window size, WIDTHxHEIGHT (default 1200x800)")
    parser.add_argument("--units", type=int, default=2850, help="units of the county-scale project")
    parser.add_argument("--stress", type=int, default=0, metavar="N",
                        help="instead: N edits with repaints (e.g. 5000), memory at checkpoints")
    args = parser.parse_args(argv)
    size = tuple(int(v) for v in args.size.lower().split("x"))
    app = QApplication.instance() or QApplication(["gui_bench"])
    app.setOrganizationName("CoIndexBench")
    app.setApplicationName("gui_bench")
    if args.stress:
        rows, elapsed, growth, ok = stress(projectfile.load(SAMPLE), args.stress, size)
        print(f"\nCoIndex GUI stress: {args.stress:,} edits (every tenth undone) to the chart panel and the "
              f"results table, each repainted (sample, offscreen, {size[0]}x{size[1]})\n")
        print(f"{'edits':>7} {'RSS MB':>8} {'median ms':>10}")
        for k, mb, med in rows:
            print(f"{k:>7,} {mb:>8.1f} {med:>10.2f}")
        print(f"\n{elapsed:.1f} s in all; memory growth from the first checkpoint: {growth:+.1f} MB "
              f"({'pass' if ok else 'FAIL'}: under 10 MB)")
        return 0 if ok else 1
    n_sample = 100 if args.quick else 400
    n_county = 40 if args.quick else 150

    rows = []
    rows.append(measure("sample: charts", projectfile.load(SAMPLE), n_sample, size, target=16.0,
                        indicator="IC1"))
    rows.append(measure("sample: charts + results table", projectfile.load(SAMPLE), n_sample, size,
                        with_table=True, indicator="IC1"))
    county = f"county {args.units:,} units"
    rows.append(measure(f"{county}, min-max: charts", county_project(n_units=args.units), n_county, size,
                        compare=(1, 2, 3), target=33.0))
    rows.append(measure(f"{county}, fixed base: charts", county_project(n_units=args.units,
                        settings=fixed_base_settings()), n_county, size, compare=(1, 2, 3), target=33.0))
    rows.append(measure(f"{county}, fixed base: charts + results table",
                        county_project(n_units=args.units, settings=fixed_base_settings()), n_county, size,
                        with_table=True, compare=(1, 2, 3)))

    print(f"\nCoIndex GUI benchmark: one edited cell to all charts repainted "
          f"(offscreen, {size[0]}x{size[1]}, Python {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs)\n")
    header = f"{'what':<52} {'views':>5} {'edits':>5} {'median':>8} {'p90':>8} {'max':>8} {'cpu':>8} " \
             f"{'core':>7} {'paint':>7} {'target':>7}  result"
    print(header)
    print("-" * len(header))
    for r in rows:
        target = f"{r['target']:.0f} ms" if r["target"] else "info"
        result = "info" if r["ok"] is None else ("pass" if r["ok"] else "FAIL")
        print(f"{r['name']:<52} {r['charts']:>5} {r['edits']:>5} {r['median']:>6.2f}ms {r['p90']:>6.2f}ms "
              f"{r['max']:>6.1f}ms {r['cpu']:>6.2f}ms {r['core']:>5.2f}ms {r['paint']:>5.2f}ms {target:>7}  {result}")
    print("\nmedian / p90 / max: wall time from the command to every view repainted; cpu: the process's CPU "
          "time for the same (median; less disturbed by other processes on a shared machine); core: the "
          "engine's part; paint: the event loop delivering the repaints.  Paints per view per edit: "
          + ", ".join(f"{r['paints']:.2f}" for r in rows) + f".  Load average at the end: {os.getloadavg()[0]:.2f}.")
    return 0 if all(r["ok"] in (None, True) for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
