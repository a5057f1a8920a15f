"""Real key presses on the real X11 platform (xcb, under Xvfb, sent with
xdotool): the keys where X11 differs from the offscreen platform the other
tests run on.  There Qt's standard Delete sequence is Del *and* Ctrl+D and
its Redo is Ctrl+Shift+Z alone.

The test starts this file as a small app (``python3 test_keys_xcb.py DIR``):
the main window on the sample with the data sheet shown.  The app takes
commands as numbered JSON files in DIR (select cells, report its state) and
answers each with a JSON file, so the test can check the project's values
after every key (the driver: tests/gui/xcb_driver.py)."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.gui.xcb_driver import app_on_display, serve  # noqa: E402

CELLS = [("RA1", 2022), ("RA2", 2022), ("RA3", 2022), ("RA3", 2023), ("IL3", 2021), ("IL3", 2022)]


# ---- the app (run in the subprocess) ---------------------------------------------------------
def run_app(folder: Path):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from core.project import projectfile
    from gui.window.app import use_private_folders
    from gui.window.loading import SAMPLE_PATH
    from gui.window.main_window import MainWindow

    use_private_folders(folder / "user")
    app = QApplication([])
    window = MainWindow(projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH))
    window.resize(1300, 850)
    window.show()
    window.show_pane("dataPane")
    sheet = window.panes["dataPane"]
    model, ds = sheet.model, sheet.model.dataset

    def index(code, period):
        return model.index_of_cell(model.unit, ds.period_index[period], ds.code_index[code])

    def state():
        current = model.cell(sheet.grid.currentIndex())
        values = {f"{c} {p}": ds.value("CCEC", p, c) for c, p in CELLS}
        bar, focus = window.finder.bar, QApplication.focusWidget()
        index = sheet.grid.currentIndex()
        return {"values": {k: (None if v != v else v) for k, v in values.items()},
                "current": None if current is None else f"{ds.codes[current[2]]} {ds.periods[current[1]]}",
                "current_text": f"{index.siblingAtColumn(0).data()} {index.data()}",
                "find": {"shown": window.finder.toolbar.isVisible(), "count": bar.count_text(),
                         "text": bar.text(), "focus": "find" if focus is bar.field else
                         "grid" if focus is sheet.grid else type(focus).__name__},
                "editing": sheet.grid.state() == QAbstractItemView.EditingState,
                "undo": window.document.undo_stack.index(), "active": window.isActiveWindow()}

    def select(cmd):
        if "select" in cmd:
            (c1, p1), (c2, p2) = cmd["select"]
            sm = sheet.grid.selectionModel()
            sm.select(QItemSelection(index(c1, p1), index(c2, p2)), QItemSelectionModel.ClearAndSelect)
            sm.setCurrentIndex(index(c1, p1), QItemSelectionModel.NoUpdate)
            sheet.grid.setFocus()

    serve(app, window, folder, state, select)


# ---- the test --------------------------------------------------------------------------------
@pytest.fixture
def app_on_xvfb(tmp_path):
    yield from app_on_display(__file__, tmp_path)


def test_spreadsheet_keys_on_x11(app_on_xvfb):
    d = app_on_xvfb
    s = d.ask(select=[["RA1", 2022], ["RA3", 2022]])
    original = s["values"]["RA2 2022"]
    assert s["active"], "the window has no keyboard focus"
    # Ctrl+D fills down (Qt's standard Delete on X11 is Ctrl+D too: it must not delete)
    d.key("ctrl+d")
    s = d.state_when(lambda s: s["undo"] == 1)
    assert s["values"]["RA2 2022"] == s["values"]["RA3 2022"] == 33.2, s
    # Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo
    d.key("ctrl+z")
    s = d.state_when(lambda s: s["undo"] == 0)
    assert s["values"]["RA2 2022"] == original, s
    d.key("ctrl+y")
    s = d.state_when(lambda s: s["undo"] == 1)
    assert s["values"]["RA3 2022"] == 33.2, s
    d.key("ctrl+z", "ctrl+shift+z")
    s = d.state_when(lambda s: s["undo"] == 1)
    assert s["values"]["RA3 2022"] == 33.2, s
    # typing, then Return: committed, one cell down, not editing
    d.ask(select=[["RA3", 2023], ["RA3", 2023]])
    d.key("5", "Return")
    s = d.state_when(lambda s: s["undo"] == 2 and not s["editing"])
    assert s["values"]["RA3 2023"] == 5.0 and s["current"] == "RA4 2023" and not s["editing"], s
    d.key("Return", "Tab")
    s = d.state_when(lambda s: s["current"] == "IC1 2024")
    assert s["current"] == "IC1 2024", s                 # over the IC header row, then right
    d.key("shift+Tab", "shift+Return")
    s = d.state_when(lambda s: s["current"] == "RA4 2023")
    assert s["current"] == "RA4 2023", s
    # Ctrl+R fills right; Del makes values missing
    d.ask(select=[["IL3", 2021], ["IL3", 2022]])
    d.key("ctrl+r")
    s = d.state_when(lambda s: s["undo"] == 3)
    assert s["values"]["IL3 2022"] == s["values"]["IL3 2021"] == 41.6, s
    d.key("Delete")
    s = d.state_when(lambda s: s["undo"] == 4)
    assert s["values"]["IL3 2021"] is None and s["values"]["IL3 2022"] is None, s


if __name__ == "__main__":
    run_app(Path(sys.argv[1]))
