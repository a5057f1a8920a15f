"""``compute --json`` / ``--format json|csv|parquet [-o PATH]``: the results
in the format asked for, written as they are formatted (see
:mod:`core.exporting.stream` and :mod:`core.exporting.parquet`).
"""
from __future__ import annotations

import os
import sys

from core.atomic import atomic_output
from core.errors import CoIndexError
from core.text import tr

FORMATS = ("json", "csv", "parquet")


def write_output(engine, fmt: str, path: str | None, warnings: list | None = None, stdout=None) -> list[str]:
    """Write the results as ``fmt``: JSON to ``path`` (a file) or to
    ``stdout``; CSV and Parquet as one file per table into the folder
    ``path``.  ``warnings``: the warnings to list (default: the engine's).
    Returns the paths written."""
    from core.exporting import stream
    if fmt not in FORMATS:
        raise CoIndexError(tr("--format {format}: not a results format; valid: {valid}",
                              format=fmt, valid=", ".join(FORMATS)))
    if fmt == "json":
        if not path:
            stream.write_json(engine, stdout or sys.stdout, warnings)
            return []
        with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
            stream.write_json(engine, f, warnings)
        return [path]
    if not path:
        raise CoIndexError(tr("--format {format} writes one file per table: give the folder with -o FOLDER",
                              format=fmt))
    if os.path.exists(path) and not os.path.isdir(path):
        raise CoIndexError(tr("-o {path}: --format {format} writes one file per table into a folder, "
                              "and this is a file", path=path, format=fmt))
    if fmt == "csv":
        return stream.write_csv(engine, path, warnings)
    from core.exporting.parquet import write_parquet
    return write_parquet(engine, path, warnings)
