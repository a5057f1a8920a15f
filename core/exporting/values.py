"""The values-only results workbook (``compute --out --values-only``, chosen
for large projects, and the app's export above :data:`FORMULA_LIMIT`),
written row by row in constant time per row.

The sheets and their columns are those of :mod:`core.exporting.wide`: one
row per unit and period, one column per node.  XlsxWriter's constant-memory
mode streams each row to disk as it is written, so the time is linear in
the cells and the memory bounded by one block of rows.  A sheet longer than
a worksheet (1,048,576 rows, the header included) goes on in
``<Sheet> (2)``, ``(3)`` ..., each with the header again.  Text is always
text (a name starting with "=" is not a formula); missing values are empty
cells; every number reads back as the float the engine holds.
"""
from __future__ import annotations

import functools

from core.atomic import atomic_output
from core.errors import CoIndexError
from core.text import tr
from core.exporting.wide import Sheet, workbook_sheets

#: Above this many unit x period x node cells the formula workbook would take
#: minutes to write and be slow to open: values only.
FORMULA_LIMIT = 500_000

#: Rows of one worksheet, the header included (Excel's limit).
ROW_LIMIT = 1_048_576

WIDTHS = {"name": 28, "name_zh": 20, "message": 100, "unit": 12, "parent": 10, "period": 8}


class ExportCancelled(CoIndexError):
    """The export was stopped by its progress callback (nothing is written)."""


def result_cells(project) -> int:
    """Unit x period x node cells of the results of a project or engine
    (known without computing)."""
    ds = project.dataset
    return len(ds.unit_codes) * len(ds.periods) * len(project.framework.node_order)


def write_values_workbook(engine, path, progress=None) -> None:
    """Write the values-only results workbook to ``path`` (atomically).
    ``progress(fraction, sheet name)`` is called after every block of rows;
    when it returns False the export stops with :class:`ExportCancelled`
    and nothing is written."""
    import xlsxwriter
    sheets = workbook_sheets(engine)
    cells = [max(1, s.rows * len(s.header)) for s in sheets]
    total = sum(cells)
    with atomic_output(path) as tmp:
        wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False,
                                       "strings_to_urls": False, "strings_to_numbers": False,
                                       "use_zip64": total > 2_000_000})
        try:
            bold = wb.add_format({"bold": True})
            done = 0
            for sheet, size in zip(sheets, cells):
                def report(share, before=done, size=size, name=sheet.name):
                    _report(progress, (before + share * size) / total, name)
                _write_sheet(wb, sheet, bold, report)
                done += size
        except BaseException:
            wb.close()
            raise
        wb.close()


def _report(progress, fraction, name) -> None:
    if progress is not None and progress(min(1.0, fraction), name) is False:
        raise ExportCancelled(tr("export cancelled"))


def _write_sheet(wb, sheet: Sheet, bold, report) -> None:
    """Write ``sheet`` and its continuations; ``report(share)`` after each
    block, with the share of the sheet's rows written."""
    limit = ROW_LIMIT - 1                            # data rows of one worksheet
    part, ws, row, written = 0, None, limit, 0
    for block in sheet.blocks():
        start = 0
        while start < len(block):
            if row >= limit:
                part += 1
                name = sheet.name if part == 1 else f"{sheet.name} ({part})"
                ws, row = _new_part(wb, name, sheet, min(limit, sheet.rows - (part - 1) * limit), bold), 0
            chunk = block[start:start + limit - row]
            write_row = ws.write_row
            for offset, values in enumerate(chunk, start=row + 1):
                write_row(offset, 0, values)
            row += len(chunk)
            start += len(chunk)
        written += len(block)
        report(written / max(1, sheet.rows))
    if ws is None:                                   # an empty sheet still has its header
        _new_part(wb, sheet.name, sheet, 0, bold)
        report(1.0)


@functools.lru_cache(maxsize=1)
def _exact_sheet_class():
    """XlsxWriter's Worksheet writing every number as Python's shortest exact
    text: XlsxWriter writes 16 significant digits, which changes the last
    digit of some doubles, and a values-only workbook should read back the
    numbers of the ``--json`` document exactly.  (The attributes are a cell
    reference and a style number: nothing to escape.)"""
    from xlsxwriter.worksheet import Worksheet

    class ExactSheet(Worksheet):
        def _xml_number_element(self, number, attributes=()):
            kind = type(number)
            if kind is float or kind is int:                 # the inner loop: plain Python numbers
                text = repr(number)
            elif isinstance(number, float):                  # numpy's float64 too
                text = float.__repr__(number)
            elif isinstance(number, int) and not isinstance(number, bool):
                text = int.__repr__(number)
            else:
                return super()._xml_number_element(number, list(attributes))
            if len(attributes) == 1:                         # ours: the cell's reference only
                self.fh.write(f'<c r="{attributes[0][1]}"><v>{text}</v></c>')
            else:
                attr = "".join(f' {key}="{value}"' for key, value in attributes)
                self.fh.write(f"<c{attr}><v>{text}</v></c>")
    return ExactSheet


def _new_part(wb, name: str, sheet: Sheet, rows: int, bold):
    """A worksheet with the header in bold, frozen with the key columns, a
    filter over its rows and widths for the key columns."""
    ws = wb.add_worksheet(name, worksheet_class=_exact_sheet_class())
    ws.write_row(0, 0, sheet.header, bold)
    ws.freeze_panes(1, sheet.keys if sheet.keys < len(sheet.header) else 0)
    ws.autofilter(0, 0, max(0, rows), len(sheet.header) - 1)
    for k, key in enumerate(sheet.header[:sheet.keys]):
        ws.set_column(k, k, WIDTHS.get(key, max(10, min(40, len(key) + 4))))
    return ws
