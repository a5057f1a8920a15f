"""Start-up benchmark: process start to the first painted main window with
the bundled sample (target: at most 1.2 s), and to the panes in view built.

    python bench/startup_bench.py            # 7 runs per platform
    python bench/startup_bench.py --runs 3
    python bench/startup_bench.py --save     # also: saving without blocking typing

Each run is a fresh ``python main.py`` with ``COINDEX_FIRST_PAINT=1``: the
app prints the seconds from the process's start (read from /proc, so the
interpreter's own start-up counts) to the first paint of the window, and
to the moment every pane in view is built (the charts are built right
after the first paint), then quits; CPU seconds are printed too (on a
busy shared machine wall time varies more).  Runs use private QSettings
and recovery folders (a first start: default layout, no recovery offer).
Platforms: Qt's offscreen platform, and a real X server under Xvfb when
``xvfb-run`` exists.  Prints the median, min and max of each.

``--save`` adds a second table: File > Save of the sample and of the
synthetic county-scale project (bench/synthetic.py, 2,850 units x 20 years
x 100 indicators): the time the GUI thread spends (the snapshot), the time
until the file is in place (written by a worker thread, or for the county
project a worker process), and the longest stall of a running Qt event loop
meanwhile (what a user typing would feel; a 60 Hz frame is 16.7 ms).
Each project is saved twice: the first save also pays for allocating the
snapshot's memory and starting the worker process.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_S = 1.2
KEYS = {"first_paint_s": "start -> first painted window", "panes_ready_s": "start -> panes in view built",
        "first_paint_cpu_s": "  CPU time to first paint", "panes_ready_cpu_s": "  CPU time to panes built"}


def one_run(platform: str) -> dict:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, COINDEX_FIRST_PAINT="1", XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_DATA_HOME=os.path.join(home, "data"), COINDEX_LANGUAGE="en")
        cmd = [sys.executable, os.path.join(ROOT, "main.py")]
        if platform == "offscreen":
            env["QT_QPA_PLATFORM"] = "offscreen"
        else:
            env.pop("QT_QPA_PLATFORM", None)
            cmd = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24"] + cmd
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    out = {}
    for line in done.stdout.splitlines():
        if "=" in line and line.split("=", 1)[0] in KEYS:
            key, value = line.split("=", 1)
            out[key] = float(value)
    if "first_paint_s" not in out:
        raise RuntimeError(f"{platform}: no timing printed (exit {done.returncode})\n{done.stderr[-2000:]}")
    return out


def save_rows() -> list[tuple]:
    """(project, cells, GUI-thread ms, ms to file in place, longest event-loop stall ms)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import time
    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication
    from core.project import projectfile
    from gui.base.document import ProjectDocument
    from gui.window.loading import SAMPLE_PATH
    from synthetic import county_project
    app = QApplication.instance() or QApplication([])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        sample, county = projectfile.load(SAMPLE_PATH), county_project()
        for name, project in (("sample", sample), ("sample", sample), ("county", county), ("county", county)):
            doc = ProjectDocument(project)
            path = os.path.join(folder, name + ".coindex")
            gaps, ticks = [], [time.perf_counter()]

            def tick():
                now = time.perf_counter()
                gaps.append(now - ticks[-1])
                ticks.append(now)
            timer = QTimer()
            timer.setInterval(1)
            timer.timeout.connect(tick)
            timer.start()
            start = time.perf_counter()
            future = doc.write(path, mark_clean=True)
            gui_ms = (time.perf_counter() - start) * 1000
            ticks.append(time.perf_counter())
            while not future.done():
                QCoreApplication.processEvents()
                time.sleep(0.0005)
            done_ms = (time.perf_counter() - start) * 1000
            timer.stop()
            future.result()
            rows.append((name, project.dataset.values.size, gui_ms, done_ms, max(gaps or [0]) * 1000))
            doc.close()
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--save", action="store_true", help="also time saving the sample and a county project")
    args = parser.parse_args(argv)
    platforms = ["offscreen"] + (["xvfb"] if shutil.which("xvfb-run") else [])
    rows = []
    for platform in platforms:
        one_run(platform)                    # warm the file cache; not counted
        runs = [one_run(platform) for _ in range(args.runs)]
        for key, label in KEYS.items():
            values = [r[key] for r in runs if key in r]
            if not values:
                continue
            median = statistics.median(values)
            target = f"<= {TARGET_S:.1f}" if key == "first_paint_s" else "info"
            verdict = ("pass" if median <= TARGET_S else "FAIL") if key == "first_paint_s" else "info"
            rows.append((platform, label, median, min(values), max(values), len(values), target, verdict))
    print(f"{'platform':<10} {'what':<32} {'median s':>9} {'min':>7} {'max':>7} {'runs':>5}  {'target':<7} result")
    for platform, label, median, lo, hi, n, target, verdict in rows:
        print(f"{platform:<10} {label:<32} {median:>9.3f} {lo:>7.3f} {hi:>7.3f} {n:>5}  {target:<7} {verdict}")
    if not shutil.which("xvfb-run"):
        print("(xvfb-run not found: offscreen only)")
    if args.save:
        print()
        print(f"{'save':<8} {'values':>10} {'GUI thread ms':>14} {'file in place ms':>17} {'longest stall ms':>17}")
        for name, cells, gui_ms, done_ms, stall in save_rows():
            print(f"{name:<8} {cells:>10,} {gui_ms:>14.1f} {done_ms:>17.0f} {stall:>17.1f}")
    return 0 if all(r[-1] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
