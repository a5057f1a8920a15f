"""What a spreadsheet read returns: the sheets' cells as values, with
hidden rows and columns, merged areas and the workbook's sheet list.

The checks every file passes first are in :mod:`core.sheets.filechecks`; the
per-format readers and :func:`core.sheets.readers.read_workbook_cells` in
:mod:`core.sheets.readers`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from core.errors import InputError
from core.text import tr


def sheet_place(file: str, sheet: str) -> str:
    """Where a message points: "book.xlsx, sheet 'Data'" in the current language."""
    return tr("{file}, sheet '{sheet}'", file=file, sheet=sheet)


class ImportCancelled(InputError):
    """The progress callback asked to stop."""


@dataclass
class Sheet:
    """One sheet's cells: ``rows[r][c]`` is the value at 0-based absolute row
    ``r`` and column ``c`` ('' when empty).  Merged areas are filled with
    their top-left value (a merged header applies across the merge)."""
    name: str
    rows: list
    hidden_rows: frozenset = frozenset()
    hidden_cols: frozenset = frozenset()
    merged: list = field(default_factory=list)      # (r0, c0, r1, c1) inclusive
    visible: bool = True

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def value(self, r: int, c: int):
        row = self.rows[r] if r < len(self.rows) else ()
        return row[c] if c < len(row) else ""


@dataclass
class WorkbookCells:
    """What :func:`read_workbook_cells` read: the file, its sha256, its
    format, the sheets read and the names of all sheets."""
    path: str
    sha256: str
    format: str
    sheets: list
    sheet_names: list
    warnings: list = field(default_factory=list)
    hidden_unread: list = field(default_factory=list)   # hidden sheets not read (none named)

    @property
    def file(self) -> str:
        return os.path.basename(self.path)
