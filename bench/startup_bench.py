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

In the same run, and alternating with CoIndex's runs, a bare PySide6 window
(a QApplication and an empty QMainWindow, nothing else imported) is timed
the same way: the floor that Python and Qt set, for comparison.  One more
run with ``python -X importtime`` lists the heaviest packages imported
before the first paint (their own import time, summed per top-level
package; importtime inflates them, so read them as shares).

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


BARE = "bare PySide6 window"
# a bare window: the same first-paint measure as gui.window.app's COINDEX_FIRST_PAINT
BARE_WINDOW = """
import os, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def started():
    with open(f"/proc/{os.getpid()}/stat") as f:
        ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint and not hasattr(self, "done"):
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self):
        print(f"first_paint_s={time.time() - started():.4f}", flush=True)
        print(f"first_paint_cpu_s={time.process_time():.4f}", flush=True)
        app.exit(0)

app = QApplication([])
window = QMainWindow()
window.resize(1200, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
"""


def run_app(platform: str, python_args=(), bare: bool = False, merge_stderr: bool = False):
    """One fresh process to its first paint: CoIndex on the sample, or the
    bare window; the finished process (stderr in stdout when ``merge_stderr``)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, COINDEX_FIRST_PAINT="1", XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_DATA_HOME=os.path.join(home, "data"), COINDEX_LANGUAGE="en")
        target = ["-c", BARE_WINDOW] if bare else [os.path.join(ROOT, "main.py")]
        cmd = [sys.executable, *python_args, *target]
        if platform == "offscreen":
            env["QT_QPA_PLATFORM"] = "offscreen"
        else:
            env.pop("QT_QPA_PLATFORM", None)
            cmd = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24"] + cmd
        return subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT if merge_stderr else subprocess.PIPE,
                              text=True, timeout=120, cwd=ROOT)


def imports_before_first_paint(platform: str = "offscreen") -> list[tuple[str, int, int]]:
    """The modules CoIndex imports before its first paint, in import order:
    (module, own microseconds, cumulative microseconds), from ``-X importtime``
    (its lines go to stderr, merged into stdout so that they stay in order
    with the ``first_paint_s=`` line)."""
    done = run_app(platform, ("-X", "importtime"), merge_stderr=True)
    before, found = [], False
    for line in done.stdout.splitlines():
        if line.startswith("first_paint_s="):
            found = True
            break
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            own, cumulative, name = line[len("import time:"):].split("|")
            before.append((name.strip(), int(own), int(cumulative)))
    if not found:
        raise RuntimeError(f"{platform}: no first paint (exit {done.returncode})\n{done.stdout[-2000:]}")
    return before


def heaviest_packages(imports, n: int = 12) -> list[tuple[str, float, int]]:
    """(top-level package, own import ms summed, modules), heaviest first."""
    totals: dict[str, list] = {}
    for name, own, _ in imports:
        entry = totals.setdefault(name.split(".")[0], [0, 0])
        entry[0] += own
        entry[1] += 1
    rows = sorted(((top, us / 1000, count) for top, (us, count) in totals.items()), key=lambda r: -r[1])
    return rows[:n]


def one_run(platform: str, bare: bool = False) -> dict:
    done = run_app(platform, bare=bare)
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


def timing_rows(platform: str, runs: int) -> list[tuple]:
    """CoIndex's and the bare window's rows for ``platform``: the two are
    run alternately, so that a busy machine slows both alike."""
    one_run(platform)                    # warm the file cache; not counted
    one_run(platform, bare=True)
    app_runs, bare_runs = [], []
    for _ in range(runs):
        app_runs.append(one_run(platform))
        bare_runs.append(one_run(platform, bare=True))
    rows = []
    for who, measured in (("CoIndex", app_runs), (BARE, bare_runs)):
        for key, label in KEYS.items():
            values = [r[key] for r in measured if key in r]
            if not values:
                continue
            median = statistics.median(values)
            judged = who == "CoIndex" and key == "first_paint_s"
            target = f"<= {TARGET_S:.1f}" if judged else "info"
            verdict = ("pass" if median <= TARGET_S else "FAIL") if judged else "info"
            what = label if who == "CoIndex" else f"{BARE}: {label.strip()}"
            rows.append((platform, what, median, min(values), max(values), len(values), target, verdict))
    return rows


def print_imports(platform: str = "offscreen") -> None:
    imports = imports_before_first_paint(platform)
    total = sum(own for _, own, _ in imports) / 1000
    print(f"imported before CoIndex's first paint ({platform}, python -X importtime): "
          f"{len(imports)} modules, {total:.0f} ms of import time")
    print(f"{'package':<28} {'own ms':>8} {'modules':>8}")
    for top, ms, count in heaviest_packages(imports):
        print(f"{top:<28} {ms:>8.1f} {count:>8}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--save", action="store_true", help="also time saving the sample and a county project")
    args = parser.parse_args(argv)
    platforms = ["offscreen"] + (["xvfb"] if shutil.which("xvfb-run") else [])
    rows = []
    for platform in platforms:
        rows += timing_rows(platform, args.runs)
    width = max(len(r[1]) for r in rows)
    print(f"{'platform':<10} {'what':<{width}} {'median s':>9} {'min':>7} {'max':>7} {'runs':>5}  {'target':<7} result")
    for platform, label, median, lo, hi, n, target, verdict in rows:
        print(f"{platform:<10} {label:<{width}} {median:>9.3f} {lo:>7.3f} {hi:>7.3f} {n:>5}  {target:<7} {verdict}")
    if not shutil.which("xvfb-run"):
        print("(xvfb-run not found: offscreen only)")
    print()
    print_imports()
    if args.save:
        print()
        print(f"{'save':<8} {'values':>10} {'GUI thread ms':>14} {'file in place ms':>17} {'longest stall ms':>17}")
        for name, cells, gui_ms, done_ms, stall in save_rows():
            print(f"{name:<8} {cells:>10,} {gui_ms:>14.1f} {done_ms:>17.0f} {stall:>17.1f}")
    return 0 if all(r[-1] != "FAIL" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
