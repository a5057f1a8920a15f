"""Starting the app: the sample by default; for a file that cannot be
opened, a clear message (not a traceback) and the app on an empty project."""
import os

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from gui.window import app as gui_app
from gui.window.loading import SAMPLE_PATH, load_project
from test_files import dialogs, private_folders  # noqa: F401  (fixtures: private QSettings, patched dialogs)


@pytest.fixture
def shown_messages(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.mark.parametrize("content, expected", [
    (b"not json at all", "not a valid CoIndex project file"),
    (b'{"format": "CoIndex project", "format_version": 99}', "newer CoIndex"),
])
def test_a_bad_project_file_shows_a_message_and_starts_on_an_empty_project(qtbot, tmp_path, shown_messages,
                                                                           monkeypatch, content, expected):
    bad = tmp_path / "broken.coindex"
    bad.write_bytes(content)
    shot = tmp_path / "window.png"
    monkeypatch.setenv("COINDEX_SCREENSHOT", str(shot))          # quits once the window is shown
    monkeypatch.setenv("COINDEX_SCREENSHOT_DELAY_MS", "50")
    assert gui_app.run([str(bad)]) == 0
    (title, text), = shown_messages
    assert "broken.coindex" in text and expected in text
    assert "Traceback" not in text
    assert QImage(str(shot)).width() > 600


def test_a_missing_file_shows_a_message_and_an_empty_project(qtbot, tmp_path, shown_messages):
    windows = gui_app.open_windows([str(tmp_path / "nowhere.xlsx")])
    try:
        assert "no such file" in shown_messages[0][1]
        assert [w.document.path for w in windows] == [None]
    finally:
        for w in windows:
            w.close()


def test_usage_error(qtbot, shown_messages):
    assert gui_app.run(["a.coindex", "b.coindex"]) == 2
    assert not shown_messages


def test_sample_opens_and_screenshot_hook_saves_the_window(qtbot, tmp_path, monkeypatch, dialogs):
    shot = tmp_path / "window.png"
    monkeypatch.setenv("COINDEX_SCREENSHOT", str(shot))
    monkeypatch.setenv("COINDEX_SCREENSHOT_DELAY_MS", "50")
    assert gui_app.run([]) == 0
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 600 and image.height() > 400
    assert QCoreApplication.applicationName() == "CoIndex"
    assert QCoreApplication.organizationName() == "CoIndex"
    assert dialogs.asked == []                # no recovery file: nothing asked


def test_open_windows_opens_the_file_given_and_remembers_it(qtbot, tmp_path):
    from gui.window.loading import recent_files
    path = tmp_path / "p.coindex"
    path.write_bytes(SAMPLE_PATH.read_bytes())
    windows = gui_app.open_windows([str(path)])
    try:
        assert len(windows) == 1 and windows[0].document.path == str(path)
        assert recent_files() == [str(path)]
    finally:
        for w in windows:
            w.close()


def test_the_sample_is_not_added_to_recent_files(qtbot):
    from gui.window.loading import recent_files
    windows = gui_app.open_windows([])
    try:
        assert windows[0].document.path == str(SAMPLE_PATH)
        assert recent_files() == []
    finally:
        for w in windows:
            w.close()


def test_cjk_fallback_font(qtbot):
    family = gui_app.cjk_family()
    if family is None:
        pytest.skip("no CJK font installed")
    gui_app.configure_application(QCoreApplication.instance())
    assert family in QCoreApplication.instance().font().families()


def test_template_workbook_opens_like_the_project(qtbot):
    """The bundled workbook is the same sample as the .coindex file."""
    xlsx = os.path.splitext(SAMPLE_PATH)[0] + ".xlsx"
    a, b = load_project(SAMPLE_PATH), load_project(xlsx)
    assert a.engine.score("CII")[0] == pytest.approx(b.engine.score("CII")[0])


def test_start_removes_what_a_killed_write_left(qtbot, tmp_path, monkeypatch, dialogs):
    """A ticket no live process holds (core.atomic): its temporary file beside
    the target and its scratch files go when the app starts."""
    import tempfile
    from core import atomic
    (tmp_path / "t").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "t"))
    ticket = os.path.join(atomic.tickets_root(), "4242-abcdef")
    os.mkdir(ticket)
    for name in ("lock", "tmp9x_sheet1"):
        open(os.path.join(ticket, name), "wb").close()
    leftover = tmp_path / ".coindex-0123abcd.tmp"
    leftover.write_bytes(b"half a project")
    with open(os.path.join(ticket, "target"), "wb") as f:
        f.write(os.fsencode(str(leftover)))
    os.utime(ticket, (1, 1))                            # old: its owner had time to lock it
    monkeypatch.setenv("COINDEX_SCREENSHOT", str(tmp_path / "w.png"))
    monkeypatch.setenv("COINDEX_SCREENSHOT_DELAY_MS", "50")
    assert gui_app.run([]) == 0
    assert not leftover.exists() and not os.path.exists(ticket)
