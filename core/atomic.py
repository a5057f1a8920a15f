"""Atomic file output: write to a temporary file in the target's folder, then
rename it over the target.  A crash, kill or error during the write leaves
the previous file intact and no half-written file behind."""
from __future__ import annotations

import contextlib
import os
import tempfile

from core.errors import InputError


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
    file is synced and renamed over ``path``, on any error it is removed."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise error(f"{path}: cannot write, the folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=folder)
    except OSError as e:
        raise error(f"{path}: cannot write in {folder} ({e.strerror})") from None
    os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, _final_mode(path))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):       # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def atomic_write_text(path, text: str, error=InputError) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_output(path, error) as tmp:
        with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
