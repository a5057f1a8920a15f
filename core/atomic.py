"""Atomic file output: write to a temporary file in the target's folder, then
rename it over the target.  A crash, kill or error during the write leaves
the previous file intact and no half-written file behind.

The temporary file's name is short and fixed in length
(``.coindex-XXXXXXXX.tmp``, 21 bytes), so that any name the file system
allows for the target can be written (81 Chinese characters are 243 of the
255 bytes a name may have).

What a killed process leaves (the hidden temporary file beside the target,
XlsxWriter's scratch files) is removed by the next CoIndex that starts
(:func:`sweep_leftovers`).  Each write holds a *ticket*: a folder
``<temp>/coindex-<user>/<pid>-<random>/`` with a ``lock`` file the writer
keeps locked (``flock``; on Windows a byte lock) while it writes, a
``target`` file naming the temporary file beside the target, and the scratch
files of that write (:func:`scratch_folder`).  The system drops the lock
when its process ends, however it ends; so a ticket whose lock can be taken
belongs to no live process, and only then is it removed.  A ticket younger
than a minute is left alone too (its owner may not have locked it yet).
"""
from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import tempfile
import time

from core.errors import InputError
from core.text import tr

try:
    import fcntl
except ImportError:                      # Windows
    fcntl = None
    import msvcrt

TMP_PREFIX, TMP_SUFFIX = ".coindex-", ".tmp"
TMP_NAME = re.compile(r"^\.coindex-[0-9a-f]{8}\.tmp$")
SWEEP_MIN_AGE_S = 60.0


def _final_mode(path) -> int:
    """Keep an existing file's permissions; a new file gets what the umask
    allows (mkstemp's own 0600 would hide saved work from other users)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextlib.contextmanager
def atomic_output(path, error=InputError):
    """Yield a temporary path beside ``path``; when the block succeeds the
    file is synced and renamed over ``path``, on any error it is removed.
    An OSError (a full disk, a folder in the way) becomes ``error`` naming
    ``path``, never the temporary file."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise error(f"{path}: cannot write, the folder {folder} does not exist")
    if os.path.isdir(path):
        raise error(tr("{path}: cannot write, it is a folder", path=path))
    with _Ticket() as ticket:
        tmp = _create_temporary(folder, path, error, ticket)
        try:
            yield tmp
            _sync_and_replace(tmp, path)
        except OSError as e:
            _remove_quietly(tmp)
            if e.errno is None:            # a writer's own message (it names the file itself)
                raise
            raise error(tr("{path}: cannot write the file ({reason})", path=path, reason=e.strerror)) from e
        except BaseException:
            _remove_quietly(tmp)
            raise
    with contextlib.suppress(OSError):       # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _create_temporary(folder, path, error, ticket) -> str:
    """A new empty file ``.coindex-XXXXXXXX.tmp`` in ``folder``, noted in
    ``ticket`` before it exists (a kill in between leaves nothing unnoted)."""
    for _ in range(100):
        tmp = os.path.join(folder, f"{TMP_PREFIX}{secrets.token_hex(4)}{TMP_SUFFIX}")
        ticket.note(tmp)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError as e:
            raise error(tr("{path}: cannot write in {folder} ({reason})", path=path, folder=folder,
                           reason=e.strerror or str(e))) from None
        os.close(fd)
        return tmp
    raise error(tr("{path}: cannot write in {folder} ({reason})", path=path, folder=folder,
                   reason="no free temporary name"))


def _sync_and_replace(tmp, path) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(tmp, _final_mode(path))
    os.replace(tmp, path)


def _remove_quietly(path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def atomic_write_text(path, text: str, error=InputError) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_output(path, error) as tmp:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())


@contextlib.contextmanager
def scratch_folder():
    """A private folder for a writer's own temporary files (XlsxWriter's
    ``tmpdir``), removed afterwards, and by the next start if the process is
    killed.  None when no such folder can be made (the writer then uses the
    system's temporary folder as usual)."""
    with _Ticket() as ticket:
        yield ticket.folder


# ---- tickets and the sweep ---------------------------------------------------------------------------------------
def tickets_root(create: bool = True) -> str | None:
    """``<temp>/coindex-<user>``, made private (0700); None when it cannot be
    made or is not this user's own folder (another user's, or a link)."""
    user = os.getuid() if hasattr(os, "getuid") else re.sub(r"\W", "_", os.environ.get("USERNAME", "user"))
    root = os.path.join(tempfile.gettempdir(), f"coindex-{user}")
    if create:
        with contextlib.suppress(OSError):
            os.mkdir(root, 0o700)
    try:
        st = os.lstat(root)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        return None
    return root


def _try_lock(fd) -> bool:
    """Take the ticket lock of ``fd`` without waiting; False when held."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


class _Ticket:
    """This process's mark on one write in progress (see the module's text)."""

    def __init__(self):
        self.folder = None
        self._fd = None

    def __enter__(self) -> "_Ticket":
        root = tickets_root()
        if root is None:
            return self
        try:
            self.folder = tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root)
            self._fd = os.open(os.path.join(self.folder, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
            if not _try_lock(self._fd):
                raise OSError("the ticket's lock is taken")
        except OSError:
            self._drop()
        return self

    def note(self, tmp: str) -> None:
        """Record the temporary file beside the target."""
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            with open(os.path.join(self.folder, "target"), "wb") as f:
                f.write(os.fsencode(tmp))

    def __exit__(self, *exc) -> None:
        self._drop()

    def _drop(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)            # releases the lock
            self._fd = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def sweep_leftovers(min_age_s: float = SWEEP_MIN_AGE_S) -> list[str]:
    """Remove what killed CoIndex processes left: each ticket no live process
    holds, its scratch files and the temporary file beside its target.
    Returns the temporary files removed beside targets."""
    root = tickets_root(create=False)
    if root is None:
        return []
    removed = []
    now = time.time()
    for name in os.listdir(root):
        folder = os.path.join(root, name)
        try:
            st = os.lstat(folder)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or now - st.st_mtime < min_age_s:
            continue
        tmp = _claim(folder)
        if tmp is False:
            continue                       # a live writer holds it
        if tmp and TMP_NAME.match(os.path.basename(tmp)) and os.path.lexists(tmp):
            _remove_quietly(tmp)
            removed.append(tmp)
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def _claim(folder):
    """The temporary path a ticket names ('' if none) once its lock is taken
    here, or False when another process holds the lock."""
    try:
        fd = os.open(os.path.join(folder, "lock"), os.O_RDWR)
    except FileNotFoundError:
        fd = None                         # killed before it was locked (the ticket is old enough)
    except OSError:
        return False
    try:
        if fd is not None and not _try_lock(fd):
            return False
        try:
            with open(os.path.join(folder, "target"), "rb") as f:
                return os.fsdecode(f.read())
        except OSError:
            return ""
    finally:
        if fd is not None:
            os.close(fd)
