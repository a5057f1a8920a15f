"""Autosave to a recovery file, and the offer to restore it after a crash.

While a project has unsaved changes, :class:`Autosaver` writes it every
minute (:data:`AUTOSAVE_INTERVAL_MS` after the first change not yet in a
recovery file) to ``<AppDataLocation>/recovery/<name>-<hash>.coindex`` with
``core.project.projectfile.save`` (atomic, in the background: see
:meth:`gui.base.document.ProjectDocument.write`).  A clean save, undoing back to
the saved state, or closing the window (whether the changes were saved or
discarded) removes the file.  A recovery file still there at the next start
therefore means CoIndex stopped without closing: :func:`offer_recovery`
asks whether to restore it.

The recovery file is an ordinary project file whose ``app_state`` carries
``"recovery": {"original_path", "pid", "time"}``; the entry is removed again
when the project is restored.  Files written by a CoIndex process that is
still running (another window of the same user) are not offered.
"""
from __future__ import annotations

import concurrent.futures
import datetime as _dt
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from core.project import projectfile
from core.project.project import Project

log = logging.getLogger(__name__)

AUTOSAVE_INTERVAL_MS = 60_000
STATE_KEY = "recovery"
SUFFIX = ".coindex"


translate = QCoreApplication.translate      # lupdate finds translate("context", "text")


def recovery_dir(create: bool = False) -> Path:
    """``<AppDataLocation>/recovery`` (on Linux ``~/.local/share/CoIndex/CoIndex/recovery``)."""
    base = QStandardPaths.writableLocation(QStandardPaths.AppDataLocation)
    folder = Path(base) / "recovery"
    if create:
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def recovery_file_for(path: str | None) -> Path:
    """The recovery file of the project saved at ``path``: named after the
    file and a hash of its full path (two ``data.coindex`` in different
    folders do not collide); an unsaved project gets a unique name."""
    if path:
        full = os.path.abspath(os.fspath(path))
        stem = Path(full).stem[:40] or "project"
        digest = hashlib.sha1(full.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        name = f"{stem}-{digest}{SUFFIX}"
    else:
        name = f"untitled-{uuid.uuid4().hex[:10]}{SUFFIX}"
    return recovery_dir() / name


def _process_alive(pid) -> bool:
    """True when a process with this id runs (not this one); False when it
    cannot be told (Windows: os.kill(pid, 0) would send Ctrl+C there)."""
    if not isinstance(pid, int) or pid <= 0 or pid == os.getpid() or os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


@dataclass
class Recovered:
    """A recovery file read back: the project as it was autosaved, the file
    it belongs to (None: never saved) and when it was written."""
    file: Path
    project: Project
    original_path: str | None
    time: str

    @property
    def name(self) -> str:
        if self.original_path:
            return os.path.basename(self.original_path)
        title = (self.project.info or {}).get("title")
        return title or translate("recovery", "Untitled project")


def read_recovery(file) -> Recovered:
    """Read a recovery file (raises CoIndexError / OSError like any project)."""
    file = Path(file)
    project = projectfile.load(file)
    state = project.app_state.pop(STATE_KEY, None) or {}
    when = state.get("time") or _dt.datetime.fromtimestamp(file.stat().st_mtime).isoformat(timespec="seconds")
    return Recovered(file, project, state.get("original_path") or None, when)


def _owner_pid(file: Path):
    """The pid stored in a recovery file, read without parsing the whole
    file (the entry is near its end; a large project's file is big)."""
    try:
        with open(file, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 4096))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    key = '"pid":'
    at = tail.rfind(key)
    if at < 0:
        return None
    digits = tail[at + len(key):].lstrip().split(",")[0].split("}")[0].strip()
    return int(digits) if digits.isdigit() else None


def pending_recovery_files(folder: Path | None = None) -> list[Path]:
    """Recovery files left by CoIndex processes that are gone, newest first."""
    folder = folder or recovery_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix == SUFFIX and p.is_file() and not p.name.startswith(".")]
    files = [p for p in files if not _process_alive(_owner_pid(p))]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def remove_file(file) -> None:
    try:
        os.unlink(file)
    except FileNotFoundError:
        pass
    except OSError as e:
        log.warning("cannot remove the recovery file %s: %s", file, e)


def offer_recovery(parent=None, folder: Path | None = None) -> list[Recovered]:
    """Ask, for each recovery file left by a crash, whether to restore it.

    Yes restores (the caller opens a window for it), Discard deletes the
    file, No keeps it for the next start.  A file that cannot be read is
    reported and kept.
    """
    restored = []
    for file in pending_recovery_files(folder):
        try:
            rec = read_recovery(file)
        except Exception as e:   # a damaged recovery file must not stop the app
            log.warning("cannot read the recovery file %s: %s", file, e)
            QMessageBox.critical(parent, translate("recovery", "Recovery"),
                                 translate("recovery", "A recovery file could not be read and was kept:\n{0}\n\n{1}")
                                 .format(file, e))
            continue
        when = rec.time.replace("T", " ")[:16]
        answer = QMessageBox.question(
            parent, translate("recovery", "Restore unsaved changes?"),
            translate("recovery", "CoIndex was not closed properly. Unsaved changes to “{0}” were kept at {1}.\n\n"
                "Yes restores them; No keeps them for the next start; Discard deletes them.").format(rec.name, when),
            QMessageBox.Yes | QMessageBox.No | QMessageBox.Discard, QMessageBox.Yes)
        if answer == QMessageBox.Yes:
            restored.append(rec)
        elif answer == QMessageBox.Discard:
            remove_file(file)
    return restored


class Autosaver(QObject):
    """Writes a document's unsaved changes to its recovery file every minute.

    ``state`` is a callable giving the app state to store with the project
    (selected unit and period...).  The timer starts at the first change not
    yet in the recovery file, so a minute of unsaved work is the most a
    crash can lose.  Becoming clean (saved, or undone back to the saved
    state) removes the file; a failed save writes it at once.
    """

    written = Signal(str)        # the recovery file, once it is on disk

    def __init__(self, document, state=None, parent=None, interval_ms: int = AUTOSAVE_INTERVAL_MS,
                 file: Path | None = None):
        super().__init__(parent)
        self.document = document
        self._state = state
        self._file = Path(file) if file else None
        self._written_index = None      # undo index last written to the recovery file
        self._future = None             # the recovery write in flight
        self._discarded = False         # remove the file once that write is done
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave)
        self._connections = ((document.undo_stack.indexChanged, self._on_index_changed),
                             (document.undo_stack.cleanChanged, self._on_clean_changed),
                             (document.saveFailed, self._on_save_failed))
        for signal, slot in self._connections:
            signal.connect(slot)
        if self._file is not None and document.is_modified:
            self.timer.start()

    @property
    def file(self) -> Path:
        """The recovery file (named once, from the path at the first write)."""
        if self._file is None:
            self._file = recovery_file_for(self.document.path)
        return self._file

    def autosave(self):
        """Write the recovery file now, if there is anything unsaved.
        Returns the write's future, or None."""
        self.timer.stop()
        doc = self.document
        if not doc.is_modified:
            return None
        state = dict(self._state() if self._state else doc.project.app_state)
        state[STATE_KEY] = {"original_path": os.path.abspath(doc.path) if doc.path else None,
                            "time": _dt.datetime.now().isoformat(timespec="seconds"),
                            "pid": os.getpid()}
        try:
            recovery_dir(create=True)
        except OSError as e:
            log.warning("cannot create the recovery folder: %s", e)
            return None
        self._written_index = doc.undo_stack.index()
        self._discarded = False
        file = self.file
        self._future = future = doc.write(file, app_state=state)
        future.add_done_callback(lambda f: self._on_written(f, file))
        return future

    def _on_written(self, future, file):
        """In the writer's thread."""
        if self._discarded:
            remove_file(file)
            return
        if future.exception() is not None:
            log.warning("autosave to %s failed: %s", file, future.exception())
            return
        try:
            self.written.emit(str(file))
        except RuntimeError:      # deleted meanwhile
            pass

    def discard(self, wait: bool = False):
        """Remove the recovery file.  A write still in flight removes it
        when done; ``wait`` (closing the window) waits for that here."""
        self.timer.stop()
        self._discarded = True
        self._written_index = None
        if self._file is None:
            return
        if wait and self._future is not None:
            concurrent.futures.wait([self._future])
        remove_file(self._file)

    def stop(self):
        """Stop watching the document (the window replaces or closes it)."""
        self.timer.stop()
        for signal, slot in self._connections:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    # ---- document events ------------------------------------------------------------
    def _on_index_changed(self, index: int):
        if self.document.is_modified and index != self._written_index and not self.timer.isActive():
            self.timer.start()

    def _on_clean_changed(self, clean: bool):
        if clean:
            self.discard()

    def _on_save_failed(self, path: str, message: str):
        if self._file is not None and os.path.abspath(path) == os.path.abspath(self._file):
            return                    # the autosave itself failed: logged, not retried at once
        if self.document.is_modified:
            self.autosave()
