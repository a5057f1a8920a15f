"""A chart's own Save as... starts in the project file's folder (for a
bundled sample: the folder last saved to, else home), never the current
directory."""
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from core.project import projectfile
from gui.base.document import ProjectDocument
from gui.base.folders import KEY_LAST_FOLDER
from gui.charts.panel import ChartPanel

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "chengdu-chongqing.coindex"


def test_chart_and_league_save_dialogs_start_in_the_projects_folder(qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "mine.coindex"
    shutil.copy(SAMPLE, path)
    panel = ChartPanel(ProjectDocument(projectfile.load(path), str(path)))
    qtbot.addWidget(panel)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, caption, start, filters: (asked.append(start)
                                                                                               or ("", "")))
    panel.composite_chart.save_dialog("png")
    panel.league_table.save_dialog("svg")
    assert [os.path.dirname(a) for a in asked] == [str(folder), str(folder)]


def test_for_the_bundled_sample_the_last_folder_else_home(qtbot, tmp_path, monkeypatch):
    panel = ChartPanel(ProjectDocument(projectfile.load(SAMPLE), str(SAMPLE)))
    qtbot.addWidget(panel)
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, caption, start, filters: (asked.append(start)
                                                                                               or ("", "")))
    QSettings().remove(KEY_LAST_FOLDER)
    panel.composite_chart.save_dialog("svg")
    QSettings().setValue(KEY_LAST_FOLDER, str(tmp_path))
    panel.composite_chart.save_dialog("svg")
    QSettings().remove(KEY_LAST_FOLDER)
    assert [os.path.dirname(a) for a in asked] == [os.path.expanduser("~"), str(tmp_path)]
