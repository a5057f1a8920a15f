"""A project whose normalisation cannot work on its data (min-max over one
unit) still opens: shown with one that can, said in the message bar, marked
modified; the file itself keeps its method until saved."""
import json

import pandas as pd
import pytest
from pathlib import Path

from core.importing.inputs import load_input
from core.project import projectfile
from gui.window.loading import load_project, replaced_method

ASEM = Path(__file__).resolve().parents[1] / "data" / "coinr-asem"


@pytest.fixture
def one_unit_minmax(tmp_path):
    data = pd.read_csv(ASEM / "asem_iData_p.csv")
    csv = tmp_path / "aut.csv"
    data[data.uCode == "AUT"].to_csv(csv, index=False)
    project = load_input(csv, meta=ASEM / "asem_iMeta.csv")
    doc = json.loads(projectfile.dumps(project))
    doc["settings"]["normalisation"] = "minmax"
    path = tmp_path / "aut-minmax.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_load_replaces_the_method_and_says_so(one_unit_minmax):
    notes = []
    project = load_project(one_unit_minmax, warnings=notes)
    assert project.settings.normalisation == "none"      # fixed base: a zero in an inverted indicator
    message = replaced_method(notes)
    assert message and "Min-max" in message and "'none'" in message and "'minmax'" in message
    scores = project.engine.aggregates if hasattr(project.engine, "aggregates") else None
    assert project.engine is not None and scores is not False
    # the file is untouched
    assert json.loads(one_unit_minmax.read_text(encoding="utf-8"))["settings"]["normalisation"] == "minmax"


def test_window_opens_it_with_the_message_bar_and_modified(qtbot, one_unit_minmax):
    from gui.window.main_window import MainWindow
    from gui.window.loading import new_project
    w = MainWindow(new_project(), None)
    qtbot.addWidget(w)
    w.show()
    assert w.files.open_path(str(one_unit_minmax)) is w
    assert w.document.project.settings.normalisation == "none"
    assert w.document.path == str(one_unit_minmax)
    assert w.isWindowModified() and w.document.is_modified
    assert "Min-max" in w.message_bar.message() and not w.message_bar.text().startswith("Not changed")
    assert w.message_toolbar.isVisibleTo(w)
    w.document.undo_stack.setClean()         # no "save changes?" question when the test closes it
