"""Where file dialogs start: the project file's folder; for a project with
no file of its own (new, or a bundled sample) the folder last saved or
exported to, else the home folder.  Never the current directory, which for
an app started from a menu or a shortcut means nothing to the user."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

KEY_LAST_FOLDER = "files/lastFolder"
# the bundled sample projects: templates, never saved over
SAMPLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "samples"


def is_bundled(path) -> bool:
    """``path`` is one of the bundled sample projects."""
    try:
        return path is not None and Path(os.fspath(path)).resolve().parent == SAMPLES_DIR.resolve()
    except OSError:
        return False


def start_folder(path) -> str:
    """The folder a Save As, Export or Open dialog starts in, for a project
    whose file is ``path`` (None: no file)."""
    if path and not is_bundled(path):
        folder = os.path.dirname(os.path.abspath(os.fspath(path)))
        if os.path.isdir(folder):
            return folder
    last = str(QSettings().value(KEY_LAST_FOLDER, "") or "")
    if last and os.path.isdir(last):
        return last
    return os.path.expanduser("~")


def remember_folder(path) -> None:
    """A file was saved or exported to ``path`` (a file or a folder): its
    folder is where dialogs start for a project with no file of its own."""
    path = os.path.abspath(os.fspath(path))
    QSettings().setValue(KEY_LAST_FOLDER, path if os.path.isdir(path) else os.path.dirname(path))
