"""Zoom, reset and click on a chart with a real mouse and keyboard on the
real X11 platform (xcb, under Xvfb, sent with xdotool): the wheel zooms the
composite chart, Home and Ctrl+0 reset it while it has the focus, and a
click on a compared unit's point chooses that unit.

The test starts this file as a small app (``python3 test_chart_keys_xcb.py
DIR``): the main window on ASEM's 30 countries with three compared; it
answers numbered JSON commands with its state (see test_keys_xcb.py)."""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.test_keys_xcb import TOOLS, Driver  # noqa: E402


def run_app(folder: Path):
    from PySide6.QtCore import QPointF, QTimer
    from PySide6.QtWidgets import QApplication

    from core.project import projectfile
    from gui.window.app import use_private_folders
    from gui.window.loading import SAMPLE_PATH
    from gui.window.main_window import MainWindow

    use_private_folders(folder / "user")
    app = QApplication([])
    path = SAMPLE_PATH.parent / "asem-30.coindex"
    window = MainWindow(projectfile.load(path), str(path))
    window.resize(1300, 850)
    window.show()
    window.show_pane("chartsPane")
    panel = window.panes["chartsPane"]
    panel.set_compared_units([5, 9, 20])
    chart = panel.composite_chart
    done = [0]

    def on_screen(x, y):
        p = chart.mapFromScene(chart.view_box.mapViewToScene(QPointF(x, y)))
        g = chart.viewport().mapToGlobal(p)
        return [g.x(), g.y()]

    def state():
        xs, ys = chart.curves[2].getData()
        centre = chart.mapFromScene(chart.view_box.sceneBoundingRect().center())
        g = chart.viewport().mapToGlobal(centre)
        return {"x_range": list(chart.view_box.viewRange()[0]), "user_view": chart.user_view,
                "unit": panel.unit(), "centre": [g.x(), g.y()], "point": on_screen(xs[2], ys[2]),
                "point_unit": chart.units()[2], "focus": chart.hasFocus()}

    def poll():
        n = done[0] + 1
        cmd_path = folder / f"cmd-{n}.json"
        if not cmd_path.exists():
            return
        cmd = json.loads(cmd_path.read_text())
        done[0] = n
        reply = state()
        tmp = folder / f"reply-{n}.tmp"
        tmp.write_text(json.dumps(reply))
        tmp.rename(folder / f"reply-{n}.json")
        if cmd.get("quit"):
            window.document.undo_stack.setClean()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(30)
    QApplication.processEvents()
    ready = folder / "ready.tmp"
    ready.write_text(json.dumps({"win": int(window.winId())}))
    ready.rename(folder / "ready.json")
    app.exec()


@pytest.fixture
def charts_on_xvfb(tmp_path):
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool)")
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    app = None
    try:
        display = ":" + xvfb.stdout.readline().decode().strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
        log = open(tmp_path / "app.log", "w")
        app = subprocess.Popen([sys.executable, __file__, str(tmp_path)], env=env, cwd=str(ROOT),
                               stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not (tmp_path / "ready.json").exists():
            assert app.poll() is None, (tmp_path / "app.log").read_text()
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.05)
        win = json.loads((tmp_path / "ready.json").read_text())["win"]
        driver = Driver(tmp_path, display, win)
        driver.focus()
        time.sleep(0.5)
        yield driver
        driver.ask(quit=True)
        app.wait(timeout=20)
    finally:
        if app is not None and app.poll() is None:
            app.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)


def test_wheel_keys_and_click_on_x11(charts_on_xvfb):
    d = charts_on_xvfb
    s = d.ask()
    fitted = s["x_range"]
    width = fitted[1] - fitted[0]
    # the wheel over the plot zooms in
    d.xdotool("mousemove", "--sync", str(s["centre"][0]), str(s["centre"][1]))
    d.xdotool("click", "--repeat", "3", "--delay", "80", "4")
    s = d.state_when(lambda s: s["user_view"])
    assert s["user_view"] and s["x_range"][1] - s["x_range"][0] < 0.9 * width, s
    # Home with the chart focused resets the view
    d.xdotool("click", "1")
    s = d.state_when(lambda s: s["focus"])
    assert s["focus"], s
    d.key("Home")
    s = d.state_when(lambda s: not s["user_view"])
    assert not s["user_view"] and abs(s["x_range"][0] - fitted[0]) < 1e-6, s
    # Ctrl+0 too
    d.xdotool("click", "--repeat", "3", "--delay", "80", "4")
    s = d.state_when(lambda s: s["user_view"])
    assert s["user_view"], s
    d.key("ctrl+0")
    s = d.state_when(lambda s: not s["user_view"])
    assert not s["user_view"] and abs(s["x_range"][1] - fitted[1]) < 1e-6, s
    # a click on a compared unit's point chooses it
    d.xdotool("mousemove", "--sync", str(s["point"][0]), str(s["point"][1]))
    d.xdotool("click", "1")
    target = s["point_unit"]
    s = d.state_when(lambda s: s["unit"] == target)
    assert s["unit"] == target, s


if __name__ == "__main__":
    run_app(Path(sys.argv[1]))
