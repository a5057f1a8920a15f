"""Opening a project file for the GUI: the bundled sample's location, and
loading with every failure turned into a message instead of a traceback."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from core.errors import CoIndexError
from core.project import Project
from core.tables import load_input

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_PATH = RESOURCES / "samples" / "chengdu-chongqing.coindex"

# what the file dialogs offer; load_input decides what it can read
OPEN_FILTER = "CoIndex inputs (*.coindex *.xlsx *.xlsm);;CoIndex projects (*.coindex);;" \
              "Template workbooks (*.xlsx *.xlsm);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("loading", text)


def load_project(path) -> Project:
    """Read ``path`` (.coindex, template .xlsx, iData .csv) and compute it
    once, so that data the settings cannot compute fail here, at opening.

    Raises :class:`core.errors.CoIndexError` (message names the place) or
    :class:`OSError`.
    """
    project = load_input(os.fspath(path))
    project.engine        # noqa: B018 - builds the engine; raises ComputeError
    return project


def describe_failure(path, error: BaseException) -> str:
    """The message shown when ``path`` cannot be opened."""
    name = os.path.basename(os.fspath(path)) or os.fspath(path)
    if isinstance(error, CoIndexError):
        reason = str(error)
    elif isinstance(error, OSError):
        reason = error.strerror or str(error)
    else:
        reason = _tr("unexpected error ({0}: {1}); please report it").format(type(error).__name__, error)
    return _tr("CoIndex cannot open {0}.\n\n{1}").format(name, reason)


def open_project(path, parent: QWidget | None = None) -> Project | None:
    """Load ``path``; on failure show a message box and return None."""
    try:
        return load_project(path)
    except Exception as e:      # every failure becomes a message, not a traceback
        if not isinstance(e, (CoIndexError, OSError)):
            log.exception("opening %s failed", path)
        QMessageBox.critical(parent, _tr("Cannot open file"), describe_failure(path, e))
        return None
