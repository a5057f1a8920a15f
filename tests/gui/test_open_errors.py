"""Files that cannot be opened or imported, through the app's own paths
(File > Open, the import wizard, a background task's failure): the user
reads plain words naming the file and what went wrong, the library's words
as "(details: ...)", and never an exception's class name (KeyError,
XmlError, CalamineError, PanicException ...)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from gui.importing.worker import Task, error_text
from gui.window import loading
from test_files import dialogs, light_charts, make_window, private_folders  # noqa: F401  (fixtures)

DATA = Path(__file__).resolve().parents[1] / "data"
BAD_FILES = sorted(p.name for p in DATA.glob("bad_*"))
# KeyError, XmlError, CalamineError, PanicException, BadZipFile ...; a bare "Error:" or "Exception("
# ("Error -3 while decompressing data" is zlib's own sentence, not a class name)
CLASS_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]*)*(?:Error|Exception|Panic|Warning)\b|\bBadZipFile\b"
                        r"|\b(?:Error|Exception)[:(]")


class PanicException(Exception):
    """Stands in for the exception python-calamine raises when its Rust code panics."""


def assert_plain(text: str):
    assert not CLASS_NAME.search(text), text
    assert "Traceback" not in text and "<class" not in text, text


@pytest.fixture
def window(make_window, light_charts):
    return make_window()


def test_there_are_bad_files_to_open_and_the_check_can_fail():
    assert len(BAD_FILES) >= 15 and "bad_corrupt.xlsx" in BAD_FILES
    for shown in ("x (XmlError: bad tag)", "CalamineError(x)", "PanicException", "KeyError: 'Data'", "Error: x",
                  "BadZipFile"):
        assert CLASS_NAME.search(shown), shown
    assert not CLASS_NAME.search("the workbook is damaged (Error -3 while decompressing data)")


@pytest.mark.parametrize("name", BAD_FILES)
def test_file_open_of_a_bad_file_says_what_in_plain_words(window, dialogs, qtbot, name):
    before = window.document
    result = window.files.open_path(str(DATA / name), remember=False)
    wizard = getattr(window.file_actions, "wizard", None)
    if result is not None and result is wizard:                # a table: the wizard reads it
        with qtbot.waitSignal(wizard.readFailed, timeout=20000) as blocker:
            pass
        texts = [blocker.args[0], wizard.page_file.status.text()]
        wizard.reject()
    else:
        assert result is None and window.document is before     # nothing opened
        assert len(dialogs.errors) == 1
        texts = dialogs.errors
    for text in texts:
        assert_plain(text)
    assert name in texts[0]


def test_a_damaged_project_file(window, dialogs, tmp_path):
    path = tmp_path / "damaged.coindex"
    path.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    assert window.files.open_path(str(path), remember=False) is None
    assert len(dialogs.errors) == 1 and "damaged.coindex" in dialogs.errors[0]
    assert_plain(dialogs.errors[0])


@pytest.mark.parametrize("error, words", [
    (KeyError("Meta"), "(details: 'Meta')"),
    (PanicException("called `Option::unwrap()` on a `None` value"), "(details: called `Option::unwrap()`"),
    (ValueError(""), "an unexpected problem stopped the reading; please report it"),
])
def test_an_unexpected_failure_at_opening(window, dialogs, monkeypatch, tmp_path, error, words):
    path = tmp_path / "data.coindex"
    path.write_text("{}")

    def fail(*args, **kwargs):
        raise error
    monkeypatch.setattr(loading, "load_input", fail)
    assert window.files.open_path(str(path), remember=False) is None
    text = dialogs.errors[-1]
    assert text.startswith("CoIndex cannot open data.coindex.") and words in text
    assert_plain(text)


@pytest.mark.parametrize("error, expected", [
    (KeyError("Data"), "book.xlsx: an unexpected problem stopped the work (details: 'Data'); please report it"),
    (PanicException("index out of bounds"),
     "book.xlsx: an unexpected problem stopped the work (details: index out of bounds); please report it"),
    (FileNotFoundError(2, "No such file or directory", "/tmp/x/book.xlsx"), "book.xlsx: No such file or directory"),
    (MemoryError(), "book.xlsx: not enough memory to read this file"),
])
def test_a_task_failure_in_plain_words(qtbot, error, expected):
    def job():
        raise error
    task = Task(job)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    text = error_text(blocker.args[0], "/somewhere/book.xlsx")
    assert text == expected
    assert_plain(text)
    assert_plain(error_text(blocker.args[0]))
