"""The open project as the GUI sees it.

:class:`ProjectDocument` turns the core's listener callbacks into Qt signals,
keeps the project's one undo stack, runs every edit (so that errors become a
signal instead of a traceback) and times each recomputation.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.errors import CoIndexError
from core.project import Project


class _CoreCommand(QUndoCommand):
    """A core command and its inverse on the undo stack.

    :meth:`ProjectDocument.execute` applies the command before pushing, so
    that a refused edit raises before anything reaches the stack; the first
    ``redo`` that ``QUndoStack.push`` calls is therefore skipped.
    """

    def __init__(self, document: "ProjectDocument", command, inverse, text: str):
        super().__init__(text)
        self._document = document
        self._forward = command
        self._backward = inverse
        self._applied = True

    def redo(self):
        if self._applied:
            return
        inverse = self._document._apply_quietly(self._forward)
        if inverse is not None:
            self._backward = inverse
        self._applied = True

    def undo(self):
        inverse = self._document._apply_quietly(self._backward)
        if inverse is not None:
            self._forward = inverse
        self._applied = False


class ProjectDocument(QObject):
    """A :class:`core.project.Project` with Qt signals and an undo stack.

    The full computation runs once here, so constructing a document raises
    :class:`core.errors.ComputeError` for data the settings cannot compute.
    """

    valuesChanged = Signal(list)        # [(unit, period, indicator) dataset indices]
    settingsChanged = Signal()
    structureChanged = Signal()
    recomputed = Signal(float)          # milliseconds spent applying + recomputing
    editFailed = Signal(str)            # a message naming the place

    def __init__(self, project: Project, path: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.path = path
        self.undo_stack = QUndoStack(self)
        start = time.perf_counter()
        project.recompute()
        self.last_compute_ms = (time.perf_counter() - start) * 1000.0
        self._started = None
        project.add_listener(self._on_project_event)

    def close(self):
        """Stop listening to the project (call before dropping the document
        while the project lives on)."""
        try:
            self.project.remove_listener(self._on_project_event)
        except ValueError:
            pass

    # ---- edits -----------------------------------------------------------------
    def execute(self, command, text: str = "") -> bool:
        """Apply a core command as one undo step.  A refused command leaves
        the project unchanged, emits :attr:`editFailed` and returns False."""
        try:
            inverse = self._apply(command)
        except CoIndexError as e:
            self.editFailed.emit(str(e))
            return False
        self.undo_stack.push(_CoreCommand(self, command, inverse, text or self.tr("Edit")))
        return True

    def _apply(self, command):
        self._started = time.perf_counter()
        try:
            return self.project.execute(command)
        finally:
            self._started = None              # also when the command was refused

    def _apply_quietly(self, command):
        """Undo and redo run inside Qt; an exception there would only be
        printed, so it is reported as :attr:`editFailed` instead (and None
        returned: the project is unchanged)."""
        try:
            return self._apply(command)
        except CoIndexError as e:
            self.editFailed.emit(str(e))
            return None

    # ---- core events -> Qt signals -----------------------------------------------
    def _on_project_event(self, event, payload=None):
        if self._started is not None:
            self.last_compute_ms = (time.perf_counter() - self._started) * 1000.0
            self._started = None
            timed = True
        else:
            timed = False
        if event == "values":
            self.valuesChanged.emit(list(payload or []))
        elif event == "settings":
            self.settingsChanged.emit()
        elif event == "structure":
            self.structureChanged.emit()
        if timed:
            self.recomputed.emit(self.last_compute_ms)
