"""What every import layout provides.

A layout judges a table from its columns' roles (core/importing/table.py):
:meth:`Layout.fit` gives a :class:`Fit`, a score (0: the table is not in
this layout; the highest score names a table's layout) and the reason in
words.  :meth:`Layout.read` reads the table's values into a
:class:`core.importing.block.Block`.

A layout that is recognised by a workbook's sheets rather than by one
table (the template: sheets Data and Meta) also answers
:meth:`Layout.fit_workbook` and reads the whole workbook with
:meth:`Layout.read_workbook`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.importing.block import Block
from core.importing.table import Table
from core.importing.roles import column_roles
from core.model.celltext import column_letter


@dataclass(frozen=True)
class Fit:
    """How well a table (or workbook) suits a layout: ``score`` 0 means not
    at all; ``reason`` says why, in words."""
    score: float
    reason: str

    def __bool__(self) -> bool:
        return self.score > 0


@dataclass(frozen=True)
class ReadOptions:
    """``unit``: the unit of a sheet that names none (default: the sheet's
    name); ``many_sheets``: several sheets are read together (a sheet's
    name stands for its period only when it reads as one: block.sheet_period);
    ``filters``: extra key column (header text or letter) -> the value
    kept; ``split``: extra key columns whose values make separate
    indicators; ``measure_column``: the column of the units of measure
    (header text or letter)."""
    unit: str | None = None
    many_sheets: bool = False
    filters: dict = field(default_factory=dict)
    split: tuple = ()
    measure_column: str | None = None


@dataclass(frozen=True)
class ValueCells:
    """Where the values of one sheet were read, one entry per value in each
    list: the positions of its unit, period and indicator in the import and
    the 0-based row and column of its cell."""
    units: list
    periods: list
    indicators: list
    rows: list
    columns: list


@dataclass(frozen=True)
class CellMap:
    """A provenance record's cell maps: ``rows`` and ``columns`` map keys
    made as ``rows_by`` / ``columns_by`` name them ("unit|period", "code",
    ...) to a 1-based row number and a column letter."""
    rows_by: str
    columns_by: str
    rows: dict
    columns: dict


class Layout:
    """One way of writing indicator values in a table."""

    name = ""               # as ``--layout`` and the provenance records name it
    description = ""        # one line, for the command line's help and the docs

    def fit(self, table: Table) -> Fit:
        raise NotImplementedError

    def read(self, table: Table, options: ReadOptions) -> Block:
        raise NotImplementedError

    def fit_workbook(self, cells) -> Fit | None:
        """None: the layout is judged table by table (the default)."""
        return None

    def read_workbook(self, cells, *, header_row, unit, include_hidden, warnings):
        """The :class:`core.importing.result.ImportResult` of a whole
        workbook, for layouts whose :meth:`fit_workbook` is not None."""
        raise NotImplementedError

    def roles(self, table: Table, options: ReadOptions) -> dict:
        """Column -> role as this layout reads ``table`` (the header's roles
        unless the layout settles them otherwise); the check of what the
        detection guessed (core/importing/confidence.py) looks at these."""
        return column_roles(table)

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """How provenance finds the cells of ``cells``, keyed by the labels
        ``units`` / ``periods`` / ``codes`` (indexed by the positions in
        ``cells``).  The default, units as rows: "unit|period" rows (the
        first cell of each) and "code" columns (the first of each)."""
        first_row = {}
        for a, b, r in zip(cells.units, cells.periods, cells.rows):
            first_row.setdefault((a, b), r)
        first_column = {}
        for d, c in zip(cells.indicators, cells.columns):
            first_column.setdefault(d, c)
        return CellMap("unit|period", "code",
                       {f"{units[a]}|{periods[b]}": int(r) + 1 for (a, b), r in first_row.items()},
                       {codes[d]: column_letter(int(c)) for d, c in first_column.items()})
