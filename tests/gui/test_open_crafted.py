"""Crafted and damaged project files (tests/data/bad_projects/) in the app.

File > Open of each is refused with a message naming the file and the
field, and the open project stays as it was: the same document, file,
title, panes and values (an unsaved edit included); later edits and saves
work.  At start-up (``python main.py BAD.coindex``) the message is shown
and the app starts on an empty project.  A byte-order mark is no damage:
that file opens.
"""
import os
import shutil
from pathlib import Path

import pytest

from core.project import projectfile
from gui.window import app as gui_app
from test_files import dialogs, edit, light_charts, make_window, private_folders, sample_copy, value  # noqa: F401

pytestmark = pytest.mark.usefixtures("light_charts")

BAD = Path(__file__).resolve().parents[1] / "data" / "bad_projects"
# file -> the field (and problem) the message names
REFUSED = {
    "info_list.coindex": "info: expected an object or null, found a list",
    "app_state_string.coindex": "app_state: expected an object or null, found text",
    "selection_list.coindex": "app_state.selection: expected an object, found a list",
    "panes_list.coindex": "app_state.panes: expected an object, found a list",
    "edits_object.coindex": "provenance.edits: expected a list, found an object",
    "changes_integer.coindex": "provenance.changes: expected a list, found an integer",
    "deep_app_state.coindex": "nested more than 64 levels deep",
    "base_year_list.coindex": "settings.base_year: expected an integer, text or null, found a list",
    "huge_integer.coindex": "values[0][1][1]: an integer of 400 digits is too large",
    "duplicate_units.coindex": "units[1].code: unit 'U1' appears twice",
    "duplicate_periods.coindex": "periods[1]: period 2020 appears twice",
    "truncated.coindex": "damaged or truncated",
}


def test_every_crafted_file_is_listed():
    assert sorted(p.name for p in BAD.glob("*.coindex")) == sorted(list(REFUSED) + ["bom_valid.coindex"])


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_file_open_of_a_crafted_file_keeps_the_open_project(make_window, tmp_path, dialogs, name):
    path = sample_copy(tmp_path, "mine.coindex")
    window = make_window(projectfile.load(path), path)
    edit(window, 41.5)                                   # unsaved: must survive the refused open
    document, title = window.document, window.windowTitle()
    panes = {key: window.panes[key] for key in window.panes}
    scores = document.project.engine.score("CII").copy()
    bad = str(tmp_path / name)
    shutil.copyfile(BAD / name, bad)

    assert window.files.open_file(bad) is None

    message = dialogs.errors[-1]
    assert name in message and REFUSED[name] in message
    assert "unexpected" not in message and "Traceback" not in message
    assert window.document is document and document.path == path
    assert window.windowTitle() == title and window.isWindowModified()
    assert {key: window.panes[key] for key in window.panes} == panes
    assert value(window) == 41.5
    assert (document.project.engine.score("CII") == scores).all()
    # later edits and saves work, into the project's own file
    edit(window, 42.25, code="RA2")
    assert window.files.save(wait=True)
    again = projectfile.load(path)
    assert again.dataset.value("CCEC", 2024, "RA1") == 41.5 and again.dataset.value("CCEC", 2024, "RA2") == 42.25
    assert not window.isWindowModified()


def test_bom_prefixed_project_opens(make_window, tmp_path, dialogs):
    window = make_window()
    path = str(tmp_path / "bom.coindex")
    shutil.copyfile(BAD / "bom_valid.coindex", path)
    assert window.files.open_file(path) is window
    assert dialogs.errors == []
    assert window.document.path == path and "bom.coindex" in window.windowTitle()
    assert window.document.project.dataset.unit_codes == ["U1", "U2"]
    assert window.document.project.dataset.value("U2", 2021, "I2") == 1.0


@pytest.mark.parametrize("name", ["selection_list.coindex", "panes_list.coindex", "deep_app_state.coindex",
                                  "huge_integer.coindex"])
def test_start_up_with_a_crafted_file_shows_a_message_and_an_empty_project(qtbot, tmp_path, dialogs, name):
    bad = str(tmp_path / name)
    shutil.copyfile(BAD / name, bad)
    windows = gui_app.open_windows([bad])
    try:
        assert len(windows) == 1
        window = windows[0]
        assert window.document.path is None and "Untitled" in window.windowTitle()
        assert window.document.project.dataset.unit_codes == ["U1"]        # File > New's project
        (message,) = dialogs.errors
        assert os.path.basename(bad) in message and REFUSED[name] in message
    finally:
        for w in windows:
            w.close()
