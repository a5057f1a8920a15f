"""File > Export > Results workbook of a project too large for formulas
(issue 13): the values-only workbook, written in the background with a
progress bar that moves and a Cancel button that stops the writing and
leaves no file.  The limit is lowered so the bundled sample counts as
large; save dialogs are patched (tests/gui/test_files.py: ``dialogs``)."""
import threading
import time

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from core.exporting import values
from gui.window.file_actions import install_file_actions
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401

pytestmark = pytest.mark.usefixtures("light_charts")


@pytest.fixture
def actions(make_window, monkeypatch):
    monkeypatch.setattr(values, "FORMULA_LIMIT", 10)
    return install_file_actions(make_window())


def test_a_large_project_gets_the_values_only_workbook(qtbot, actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "results.xlsx")
    with qtbot.waitSignal(actions.exported, timeout=30000) as done:
        actions.export_results()
    assert done.args == ["results", str(tmp_path / "results.xlsx")]
    wb = openpyxl.load_workbook(tmp_path / "results.xlsx", read_only=True)
    assert wb.sheetnames[:3] == ["Framework", "Data", "Scores"] and "README" not in wb.sheetnames
    header = next(wb["Scores"].iter_rows(values_only=True))
    assert header[:4] == ("unit", "name", "period", "CII") and len(header) == 3 + 26
    assert not list(tmp_path.glob("*.tmp"))


def test_progress_shows_and_cancel_stops_the_writing(qtbot, actions, dialogs, tmp_path, monkeypatch):
    """A writer that reports from 40 % on and then waits for Cancel: the
    dialog shows the fraction, Cancel makes its next progress call answer
    False."""
    answers, stopped = [], threading.Event()

    def slow_writer(engine, path, progress=None):
        for k in range(400):
            time.sleep(0.025)
            answers.append(progress(0.4 + k / 1000, "Data"))
            if answers[-1] is False:
                stopped.set()
                raise values.ExportCancelled("export cancelled")
        open(path, "w").close()

    monkeypatch.setattr(values, "write_values_workbook", slow_writer)
    failed = []
    actions.failed.connect(lambda kind, message: failed.append(message))
    dialogs.save_path = str(tmp_path / "results.xlsx")
    task = actions.export_results()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in actions.window.findChildren(QProgressDialog)),
                    timeout=15000)
    dialog = next(d for d in actions.window.findChildren(QProgressDialog) if d.isVisible())
    assert dialog.maximum() == 1000 and 400 <= dialog.value() < 800
    assert "values only" in dialog.labelText()
    button = dialog.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.LeftButton)
    assert stopped.wait(10)
    qtbot.wait(200)
    assert not task.running and failed == [] and not (tmp_path / "results.xlsx").exists()
    assert answers and answers[-1] is False and all(a is True for a in answers[:-1])
