"""Importing indicator workbooks made by other people.

    result = import_workbook("yearbook.xlsx")            # read, detect, parse

:func:`core.sheets.readers.read_workbook_cells` reads the file safely;
:func:`import_cells` finds the table of every sheet
(core/importing/table.py), its layout (core/importing/layouts/registry.py),
reads its values in that layout and assembles them into a
:class:`core.importing.result.ImportResult`: what was read, where every
value came from, the cells that could not be read, and warnings.  A GUI
wizard reads once and calls :func:`import_cells` again with the user's
corrections (layout, header row, unit) for its live preview.
core/importing/merge.py turns the result into a project (new, or a merge
into an open one); core/importing/plan.py is the plan the wizard and the
command line share.

Decisions: hidden rows and columns are skipped (each named in a warning;
``include_hidden=True`` reads them); merged cells carry their value across
the merge; unreadable cells are listed and imported as missing.
"""
from __future__ import annotations

import os

from core.errors import CoIndexError, InputError
from core.importing import csvfast
from core.importing.layouts.base import ReadOptions
from core.importing.layouts.registry import detect_layout, extract, layout_named, workbook_layout
from core.importing.result import ImportResult, assemble, only_unit
from core.importing.confidence import table_doubts
from core.importing.table import find_table
from core.importing.roles import choose_columns
from core.sheets.cells import WorkbookCells, sheet_place
from core.sheets.filechecks import details
from core.sheets.filechecks import TEXT_EXTS
from core.sheets.readers import ENGINES, read_text_source, read_workbook_cells
from core.sheets.textfile import text_cells
from core.text import tr, trn


def import_workbook(path, sheet=None, *, layout: str = "auto", header_row=None, unit: str | None = None,
                    include_hidden: bool = False, engine: str = "auto", progress=None, skip_rows: int = 0,
                    columns: dict | None = None, filters=None, split=(), measure_column=None) -> ImportResult:
    """Read a workbook or CSV and interpret it (see :func:`import_cells`).
    A CSV read with the detected header and columns takes the fast path
    (core/importing/csvfast.py) when its table is plain enough."""
    plain = (header_row is None and not skip_rows and not columns and not filters and not split
             and measure_column is None and engine in ENGINES)
    tables = None
    if plain and os.path.splitext(os.fspath(path))[1].lower() in TEXT_EXTS and csvfast.enabled():
        src = read_text_source(path, progress)
        fast = csvfast.try_table(src)
        cells, tables = (text_cells(src), None) if fast is None else (fast[0], [fast[1]])
    else:
        cells = read_workbook_cells(path, sheet, engine=engine, progress=progress)
    try:
        return import_cells(cells, layout=layout, header_row=header_row, unit=unit, include_hidden=include_hidden,
                            skip_rows=skip_rows, columns=columns, filters=filters, split=split,
                            measure_column=measure_column, tables=tables)
    except (CoIndexError, MemoryError):
        raise
    except Exception as e:      # a sheet shaped in a way no rule here foresaw: say so, never a traceback
        raise InputError(tr("{file}: cannot be imported: its layout was not understood{details}; try --layout, "
                            "--sheet or the import wizard's header row", file=cells.file, details=details(e))) from e


def import_cells(cells: WorkbookCells, *, layout: str = "auto", header_row=None, unit: str | None = None,
                 include_hidden: bool = False, skip_rows: int = 0, columns: dict | None = None,
                 filters=None, split=(), measure_column=None, tables=None) -> ImportResult:
    """Interpret the cells read from a file.

    Parameters
    ----------
    layout : "auto" or the name of a registered layout
        (``core.importing.layouts.registry.names()``).
    header_row : 1-based header row (an int for every sheet, or {sheet: row}); None detects it.
    unit : the unit code of a yearbook sheet that names no unit (default: the sheet name);
        for layouts with a unit column, only that unit's rows are kept.
    include_hidden : read hidden rows and columns too.
    filters, split, measure_column : a long table's extra key columns (column -> the value kept; the
        columns whose values make separate indicators) and its unit-of-measure column
        (core/importing/layouts/long.py).
    skip_rows : the first rows of every sheet to ignore (the header is searched below them).
    tables : the tables of the sheets when they are already found (the CSV fast path,
        core/importing/csvfast.py, finds its one); None finds them.
    columns : {role: header text or column letter}: the user's columns, which win over detection
        (roles unit_code, unit_name, ind_code, ind_name, year, value, measure).

    A named ``layout`` reads only the tables it fits; a table it does not fit
    is skipped with its reason (InputError giving it when no table fits).
    What the detection was not sure of is listed in the result's ``doubts``
    (core/importing/confidence.py).
    """
    if layout != "auto":
        layout_named(layout)                    # an unknown name is refused before anything is read
    name = cells.file
    warnings = list(cells.warnings)
    if cells.hidden_unread:
        warnings.append(tr("{file}: hidden sheet(s) {sheets} not read (name them to read them)", file=name,
                           sheets=", ".join(cells.hidden_unread)))
    whole = workbook_layout(cells, layout)
    if whole is not None:
        if skip_rows or columns:
            warnings.append(tr("{file}: the {layout} layout reads its sheets by their own headers; the rows "
                               "to skip and the columns given are not used", file=name, layout=whole.name))
        return whole.read_workbook(cells, header_row=header_row, unit=unit, include_hidden=include_hidden,
                                   warnings=warnings)
    if tables is None:
        tables = _tables(cells, header_row, include_hidden, warnings, skip_rows, columns)
    else:
        warnings.extend(w for t in tables for w in t.warnings)
    keys = ReadOptions(filters=dict(filters or {}), split=tuple(split or ()), measure_column=measure_column)
    return _interpret(cells, tables, warnings, layout, unit, keys)


def _interpret(cells: WorkbookCells, tables: list, warnings: list, layout: str, unit, keys) -> ImportResult:
    """The :class:`ImportResult` of the ``tables`` found in ``cells``: each
    table's layout detected (or ``layout``), read, and the blocks
    assembled with what the detection was not sure of."""
    name = cells.file
    if layout != "auto":
        tables = _fitting(name, tables, layout, warnings)
    found = {t.sheet.name: (layout if layout != "auto" else detect_layout(t)) for t in tables}
    chosen = layout if layout != "auto" else max(dict.fromkeys(found.values()),
                                                  key=lambda k: list(found.values()).count(k))
    blocks = _read_tables(name, tables, found, chosen, unit, warnings, keys)
    result = assemble(cells, chosen, blocks, warnings)
    if unit is not None and result.unit_codes != [unit]:
        result = only_unit(result, unit)          # the sheets name their units: keep that one
    reader = layout_named(chosen)
    result.doubts = [d for t, _ in blocks for d in table_doubts(t, chosen, layout != "auto",
                                                                sheet_place(name, t.sheet.name),
                                                                reader.roles(t, keys))]
    return result


def _fitting(name, tables, layout, warnings) -> list:
    """The tables the named ``layout`` fits; the others are skipped with
    the layout's reason (InputError with the reasons when none fits)."""
    kept, reasons = [], []
    for t in tables:
        fit = layout_named(layout).fit(t)
        if fit:
            kept.append(t)
        else:
            reasons.append(tr("sheet '{sheet}': {reason}", sheet=t.sheet.name, reason=fit.reason))
    if not kept:
        raise InputError(tr("{file}: not in the {layout} layout ({reasons}); try another --layout or leave it "
                            "out to detect it", file=name, layout=layout, reasons="; ".join(reasons)))
    warnings.extend(tr("{file}: {reason}; not in the {layout} layout, skipped", file=name, reason=r, layout=layout)
                    for r in reasons)
    return kept


def _tables(cells, header_row, include_hidden, warnings, skip_rows=0, columns=None) -> list:
    """The table of every sheet that has one (InputError when none has),
    the user's columns in place."""
    name, tables = cells.file, []
    for sh in cells.sheets:
        where = sheet_place(name, sh.name)
        hr = header_row.get(sh.name) if isinstance(header_row, dict) else header_row
        table = find_table(sh, hr, include_hidden, where, skip_rows)
        if table is None:
            warnings.append(tr("{where}: the sheet is empty; skipped", where=where))
            continue
        warnings.extend(table.warnings)
        if table.header >= 0:
            if columns:
                choose_columns(table, columns, where)
            tables.append(table)
    if not tables:
        if all(find_table(sh) is None for sh in cells.sheets):
            raise InputError(trn("{file}: nothing to import: the sheet is empty ({sheets})",
                                 "{file}: nothing to import: every sheet is empty ({sheets})", len(cells.sheets),
                                 file=name, sheets=", ".join(repr(s.name) for s in cells.sheets)))
        raise InputError(tr("{file}: no table of numbers found: no sheet has a header row followed by numbers "
                            "(sheets: {sheets})", file=name, sheets=", ".join(s.name for s in cells.sheets)))
    return tables


def _read_tables(name, tables, found, chosen, unit, warnings, keys=ReadOptions()) -> list:
    """``(table, block)`` of each table in the ``chosen`` layout; tables
    that look like another layout, or fail among several, are skipped with
    a warning."""
    blocks = []
    many = len(tables) > 1
    options = ReadOptions(unit if not many else None, many, keys.filters, keys.split, keys.measure_column)
    for t in tables:
        if found[t.sheet.name] != chosen:
            warnings.append(tr("{where}: looks like the {found} layout, not {chosen}; skipped",
                               where=sheet_place(name, t.sheet.name), found=found[t.sheet.name], chosen=chosen))
            continue
        try:
            blocks.append((t, extract(t, chosen, options)))
        except InputError as e:
            if len(tables) == 1:
                raise InputError(tr("{file}: {message}", file=name, message=e)) from None
            warnings.append(tr("{file}: {message}; skipped", file=name, message=e))
    if not blocks:
        raise InputError(tr("{file}: no sheet could be read in the {layout} layout", file=name, layout=chosen))
    return blocks
