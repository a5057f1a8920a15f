"""Where the Save As, Export and Open dialogs start: the project file's
folder; for the bundled sample or a new project the folder last saved to,
else the home folder; never the current directory."""
from __future__ import annotations

import os
import shutil

import pytest
from PySide6.QtWidgets import QFileDialog

from core.project import projectfile
from gui.window.loading import SAMPLE_PATH
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)


class Asked:
    """Patched file dialogs: the folder each started in; the answer is "" (cancelled)."""

    def __init__(self, monkeypatch):
        self.starts = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._ask)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._ask)
        self.answer = ""

    def _ask(self, parent, caption, start, *args, **kwargs):
        self.starts.append(start)
        return self.answer, ""

    def folders(self):
        return [s if os.path.isdir(s) else os.path.dirname(s) for s in self.starts]


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A project file in tmp/projects; the current directory tmp/elsewhere; home tmp/home."""
    folders = {name: tmp_path / name for name in ("projects", "elsewhere", "home", "out")}
    for folder in folders.values():
        folder.mkdir()
    shutil.copy(SAMPLE_PATH, folders["projects"] / "mine.coindex")
    monkeypatch.chdir(folders["elsewhere"])
    monkeypatch.setenv("HOME", str(folders["home"]))
    return folders


def every_save_dialog(window):
    window.files.save_as()
    actions = window.ensure_file_actions()
    actions.export_results()
    actions.export_pdf()
    actions.export_coinr()
    actions.export_template()
    window.files.open_file()


def test_dialogs_start_in_the_project_files_folder(make_window, light_charts, places, monkeypatch):
    path = places["projects"] / "mine.coindex"
    window = make_window(projectfile.load(path), str(path))
    asked = Asked(monkeypatch)
    every_save_dialog(window)
    assert len(asked.starts) == 6
    assert asked.folders() == [str(places["projects"])] * 6, asked.starts
    assert os.path.basename(asked.starts[0]) == "mine.coindex"
    assert os.path.basename(asked.starts[1]) == "mine-results.xlsx"
    # a file exported elsewhere: the next dialogs still start beside the project
    asked.answer = str(places["out"] / "template.xlsx")
    assert window.file_actions.export_template() == asked.answer
    asked.answer = ""
    asked.starts.clear()
    every_save_dialog(window)
    assert asked.folders() == [str(places["projects"])] * 6, asked.starts


def test_the_sample_starts_at_home_then_where_the_user_last_saved(make_window, light_charts, places, monkeypatch,
                                                                 dialogs):
    window = make_window()                         # the bundled sample: its folder is not the user's
    asked = Asked(monkeypatch)
    every_save_dialog(window)
    assert asked.folders() == [str(places["home"])] * 6, asked.starts
    asked.starts.clear()
    asked.answer = str(places["out"] / "template.xlsx")
    assert window.file_actions.export_template() == asked.answer
    asked.answer = ""
    every_save_dialog(window)
    assert asked.folders()[-6:] == [str(places["out"])] * 6, asked.starts
    assert str(places["elsewhere"]) not in asked.folders()
