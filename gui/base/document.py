"""The open project as the GUI sees it.

:class:`ProjectDocument` turns the core's listener callbacks into Qt signals,
keeps the project's one undo stack, runs every edit (so that errors become a
signal instead of a traceback), times each recomputation, and saves.

Saving never blocks typing for long: the GUI thread only takes a snapshot
(copies of the arrays, a few milliseconds even for a county-scale project);
``core.project.projectfile.save`` (atomic) writes it in a worker thread, or for a
large project in a worker process, because serialising millions of values
holds Python's global lock for up to a second at a time.
"""
from __future__ import annotations

import concurrent.futures
import copy
import os
import threading
import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from core.project import projectfile
from core.errors import CoIndexError
from core.project.project import Project

# above this many values a project is written by a worker process, not a thread
PROCESS_SAVE_VALUES = 500_000


def snapshot(project: Project, app_state: dict | None = None) -> Project:
    """A copy of ``project`` that later edits cannot reach, cheap enough for
    the GUI thread: value arrays are copied, the framework (immutable by
    convention: edits replace it) is shared, the edit and change logs are copied one
    level deep (its entries are never changed once written)."""
    provenance = dict(project.provenance)
    provenance["sources"] = list(provenance.get("sources", []))
    provenance["edits"] = list(provenance.get("edits", []))
    if "changes" in provenance:
        provenance["changes"] = list(provenance["changes"])
    state = copy.deepcopy(project.app_state if app_state is None else app_state)
    return Project(project.framework, project.dataset.copy(), project.settings.copy(), provenance, state,
                   copy.deepcopy(project.info))


class _Writers:
    """One writer thread, shared by all documents, so that writes keep
    their order; for a large project it hands the write to one worker
    process (started on first need, from the writer thread: starting a
    process takes ~0.1 s that the GUI thread should not wait for)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._thread = None
        self._process = None

    def submit(self, project: Project, path: str) -> concurrent.futures.Future:
        with self._lock:
            if self._thread is None:
                self._thread = concurrent.futures.ThreadPoolExecutor(max_workers=1,
                                                                     thread_name_prefix="coindex-save")
        if project.dataset.values.size > PROCESS_SAVE_VALUES:
            return self._thread.submit(self._write_in_process, project, path)
        return self._thread.submit(projectfile.save, project, path)

    def _write_in_process(self, project: Project, path: str) -> None:
        if self._process is None:
            import multiprocessing          # only for large projects: not at start-up
            self._process = concurrent.futures.ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._process.submit(projectfile.save, project, path).result()


WRITERS = _Writers()


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
    """A :class:`core.project.project.Project` with Qt signals and an undo stack.

    The full computation runs once here, so constructing a document raises
    :class:`core.errors.ComputeError` for data the settings cannot compute.
    """

    valuesChanged = Signal(list)        # [(unit, period, indicator) dataset indices]
    settingsChanged = Signal()
    structureChanged = Signal()
    recomputed = Signal(float)          # milliseconds spent applying + recomputing
    editFailed = Signal(str)            # a message naming the place
    analysisChanged = Signal()          # a new analysis, or the last one became out of date
    saved = Signal(str, float)          # path, milliseconds from snapshot to the file in place
    saveFailed = Signal(str, str)       # path, message
    _writeDone = Signal(object, str, object, float, bool)   # from the writer: future, path, error, start, clean

    def __init__(self, project: Project, path: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.path = path
        self.undo_stack = QUndoStack(self)
        start = time.perf_counter()
        project.recompute()
        self.last_compute_ms = (time.perf_counter() - start) * 1000.0
        self._started = None
        self._pending: list[concurrent.futures.Future] = []
        self._writeDone.connect(self._on_write_done)
        self.analysis = None            # the last analysis (core.analysis.summary.Summary)
        self.analysis_current = False   # ... and the project is still the one it analysed
        self._load_analysis()
        project.add_listener(self._on_project_event)

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def close(self):
        """Stop listening to the project (call before dropping the document
        while the project lives on)."""
        try:
            self.project.remove_listener(self._on_project_event)
        except ValueError:
            pass

    # ---- saving -----------------------------------------------------------------
    def snapshot(self, app_state: dict | None = None) -> Project:
        """A copy of the project to write while editing goes on."""
        return snapshot(self.project, app_state)

    def write(self, path, app_state: dict | None = None, mark_clean: bool = False,
              wait: bool = False) -> concurrent.futures.Future:
        """Write the project to ``path`` in the background (atomically).

        ``mark_clean``: this is the project's file (Save / Save As), so the
        undo stack is marked clean now, at the snapshot; if the write fails
        the mark is removed again and :attr:`saveFailed` is emitted.  A write
        that succeeds emits :attr:`saved`.  ``wait`` blocks until done (on
        closing).  ``app_state`` replaces the project's own in the file and
        becomes the project's (for the file it was saved with).
        """
        path = os.fspath(path)
        start = time.perf_counter()
        if app_state is not None and mark_clean:
            self.project.app_state = app_state
        snap = self.snapshot(app_state)
        if mark_clean:
            self.path = path
            self.undo_stack.setClean()
        future = WRITERS.submit(snap, path)
        self._pending.append(future)
        future.add_done_callback(lambda f: self._report(f, path, start, mark_clean))
        if wait:
            concurrent.futures.wait([future])
            self._on_write_done(future, path, future.exception(), start, mark_clean)
        return future

    def _report(self, future, path, start, mark_clean):
        """Runs in the writer's thread: hand the result to the GUI thread."""
        try:
            self._writeDone.emit(future, path, future.exception(), start, mark_clean)
        except RuntimeError:          # the document was deleted meanwhile
            pass

    def wait_for_writes(self, timeout: float | None = None) -> bool:
        """Block until every write started by this document has finished."""
        pending = [f for f in self._pending if not f.done()]
        done, not_done = concurrent.futures.wait(pending, timeout=timeout)
        for f in list(self._pending):
            if f.done():
                self._finish(f)
        return not not_done

    def _finish(self, future) -> bool:
        """Forget ``future``; False when it was already handled."""
        try:
            self._pending.remove(future)
            return True
        except ValueError:
            return False

    def _on_write_done(self, future, path, error, start, mark_clean):
        if not self._finish(future):
            return                    # reported already (a waited-for write)
        if error is None:
            self.saved.emit(path, (time.perf_counter() - start) * 1000.0)
            return
        if mark_clean:
            self.undo_stack.resetClean()
        message = str(error) if isinstance(error, CoIndexError) else \
            (getattr(error, "strerror", None) or str(error) or type(error).__name__)
        self.saveFailed.emit(path, message)

    # ---- the last analysis -------------------------------------------------------
    def _load_analysis(self):
        """The analysis saved in the project file, current if the project
        has not changed since it ran (a missing or unreadable one: none)."""
        state = self.project.app_state.get("analysis")
        if state is None:
            return
        from core.analysis.summary import from_state      # not needed at start-up without one
        summary = from_state(state)
        if summary is None:
            self.project.app_state.pop("analysis", None)
            return
        self.analysis = summary
        self.analysis_current = summary.is_current(self.project)

    def set_analysis(self, summary) -> None:
        """Keep ``summary`` (a :class:`core.analysis.summary.Summary`, or
        None) as the project's last analysis, saved with the project: the
        project counts as modified.  It is current when the project is the
        one it analysed (not edited during the run)."""
        from core.analysis.summary import to_state
        self.analysis = summary
        self.analysis_current = summary is not None and summary.is_current(self.project)
        if summary is None:
            self.project.app_state.pop("analysis", None)
        else:
            self.project.app_state["analysis"] = to_state(summary)
        self.undo_stack.resetClean()
        self.analysisChanged.emit()

    def current_analysis(self):
        """The last analysis while the project is unchanged since, else None."""
        return self.analysis if self.analysis_current else None

    def _analysis_outdated(self):
        if self.analysis_current:
            self.analysis_current = False
            self.analysisChanged.emit()

    # ---- whole recomputation -------------------------------------------------------
    def recompute_all(self) -> float:
        """Recompute everything from the raw data (Analysis > Recompute);
        views refresh as after a settings change.  Returns milliseconds."""
        start = time.perf_counter()
        try:
            self.project.recompute()
        except CoIndexError as e:
            self.editFailed.emit(str(e))
            return 0.0
        self.last_compute_ms = (time.perf_counter() - start) * 1000.0
        self.settingsChanged.emit()
        self.recomputed.emit(self.last_compute_ms)
        return self.last_compute_ms

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
        if event in ("values", "settings", "structure"):
            self._analysis_outdated()
        if event == "values":
            self.valuesChanged.emit(list(payload or []))
        elif event == "settings":
            self.settingsChanged.emit()
        elif event == "structure":
            self.structureChanged.emit()
        if timed:
            self.recomputed.emit(self.last_compute_ms)
