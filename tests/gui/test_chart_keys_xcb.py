"""Zoom, reset and click on a chart with a real mouse and keyboard on the
real X11 platform (xcb, under Xvfb, sent with xdotool): the wheel zooms the
composite chart, Home and Ctrl+0 reset it while it has the focus, and a
click on a compared unit's point chooses that unit.

The test starts this file as a small app (``python3 test_chart_keys_xcb.py
DIR``): the main window on ASEM's 30 countries with three compared; it
answers numbered JSON commands with its state (tests/gui/xcb_driver.py)."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.xcb_driver import app_on_display, serve  # noqa: E402


def run_app(folder: Path):
    from PySide6.QtCore import QPointF
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

    serve(app, window, folder, state)


@pytest.fixture
def charts_on_xvfb(tmp_path):
    yield from app_on_display(__file__, tmp_path, settle=0.5)


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
