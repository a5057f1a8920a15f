"""Importing and exporting off the GUI thread.

:class:`Task` runs one function in a background thread and reports on the
GUI thread (``progressed`` / ``succeeded`` / ``failed``).  ``cancel()``
stops waiting at once: the GUI forgets the task, the function's progress
callback answers False from then on (the core readers stop at their next
step with :class:`core.sheets.cells.ImportCancelled`), and whatever the thread
still returns is dropped.  The thread never holds the task itself (only a
weak reference), so a Qt object is never deleted outside the GUI thread.

The import's plan (its options, reading, interpreting, the merge and what
it changes in words) is core/importing/plan.py, shared with the command
line; its texts come translated from core (core.text follows the GUI's
language).
"""
from __future__ import annotations

import inspect
import os
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from core.errors import CoIndexError

translate = QCoreApplication.translate



# ---- background tasks ----------------------------------------------------------------------------
class _Relay(QObject):
    """Lives on the GUI thread for the whole session and hands what a
    worker thread posts to the task it belongs to (queued: the slot runs on
    the GUI thread); also deletes finished :class:`_QtRunner` threads."""

    posted = Signal(object)

    def __init__(self):
        super().__init__()
        self.posted.connect(self._deliver)

    @Slot(object)
    def _deliver(self, message):
        ref, job, kind, payload = message
        task = ref()
        if task is not None:
            task._receive(job, kind, payload)

    @Slot()
    def reap(self):
        runner = self.sender()
        _runners.discard(runner)
        if runner is not None:
            runner.deleteLater()


class _QtRunner(QThread):
    """A job in a QThread (it has an event dispatcher: Qt's font cache and
    text layout start timers while printing a PDF).  Kept in
    :data:`_runners` until finished, then deleted on the GUI thread."""

    def __init__(self, job):
        super().__init__()
        self.job = job
        self.finished.connect(_the_relay().reap)

    def run(self):
        self.job.run()


_runners: set = set()


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Job:
    """What the worker thread sees: the call, a cancel flag and where to post."""

    def __init__(self, task, fn, args, kwargs):
        self.ref = weakref.ref(task)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.cancelled = False
        self.relay = _the_relay()

    def post(self, kind, payload=None):
        if not self.cancelled:
            self.relay.posted.emit((self.ref, self, kind, payload))

    def progress(self, fraction, message=""):
        """The callback handed to the function: False once cancelled."""
        if self.cancelled:
            return False
        self.post("progress", (float(fraction), str(message)))
        return True

    def run(self):
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as e:         # every failure reaches the GUI as a message
            self.post("failed", e)
        else:
            self.post("done", result)
        finally:
            self.fn = self.args = self.kwargs = None


class Task(QObject):
    """``fn(*args, **kwargs)`` in a daemon thread; if ``fn`` takes a
    ``progress`` argument it gets ``progress(fraction, message) -> bool``.
    ``qt_thread``: in a QThread instead (for Qt painting work such as a
    PDF; not daemonic, so only for jobs the user waits for).

    Signals (on the GUI thread): ``progressed(fraction, message)``,
    ``succeeded(result)``, ``failed(exception)``, ``finished()`` after either.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn, *args, parent=None, qt_thread: bool = False, **kwargs):
        super().__init__(parent)
        if "progress" in _parameters(fn):
            kwargs["progress"] = None          # filled in start()
        self._call = (fn, args, kwargs)
        self._qt_thread = qt_thread
        self._job: _Job | None = None
        self.result = None
        self.error: BaseException | None = None

    def start(self) -> "Task":
        fn, args, kwargs = self._call
        job = _Job(self, fn, args, dict(kwargs))
        if "progress" in job.kwargs:
            job.kwargs["progress"] = job.progress
        self._job = job
        if self._qt_thread:
            runner = _QtRunner(job)
            _runners.add(runner)
            runner.start()
        else:
            threading.Thread(target=job.run, name="coindex-task", daemon=True).start()
        return self

    @property
    def running(self) -> bool:
        return self._job is not None

    def cancel(self):
        """Stop waiting now; the thread's late result is dropped."""
        if self._job is not None:
            self._job.cancelled = True
            self._job = None

    def _receive(self, job, kind, payload):
        if job is not self._job:
            return                               # cancelled, or an earlier run
        if kind == "progress":
            self.progressed.emit(*payload)
            return
        self._job = None
        if kind == "done":
            self.result = payload
            self.succeeded.emit(payload)
        else:
            self.error = payload
            self.failed.emit(payload)
        self.finished.emit()


def _parameters(fn):
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}


def error_text(error: BaseException, file: str | None = None) -> str:
    """A message for the user: the core's own text for its typed errors;
    for anything else plain words naming ``file`` (when given, or the
    file an OSError names) and what went wrong, the library's own words
    kept as "(details: ...)".  Never an exception's class name
    (``KeyError``, ``PanicException`` ...): it means nothing to the reader."""
    if isinstance(error, CoIndexError):
        return str(error)
    name = os.path.basename(os.fspath(file)) if file else ""
    if isinstance(error, MemoryError):
        text = translate("import", "not enough memory to read this file")
    elif isinstance(error, OSError):
        name = name or (os.path.basename(os.fspath(error.filename)) if error.filename else "")
        text = error.strerror or translate("import", "the file could not be read or written") + details(error)
    else:
        text = translate("import", "an unexpected problem stopped the work{0}; please report it").format(
            details(error))
    return f"{name}: {text}" if name else text


def details(error: BaseException) -> str:
    """The library's own words about ``error``: " (details: ...)", or ""
    when it has none; the class name is left out."""
    text = " ".join(str(error).split())
    return translate("import", " (details: {0})").format(text) if text else ""
