"""The values-only results workbook (``compute --out --values-only``, chosen
for large projects, and the app's export above :data:`FORMULA_LIMIT`),
written row by row in constant time per row.

XlsxWriter's constant-memory mode streams each row to disk as it is
written, so the time is linear in the rows and the memory bounded by one
block of records (see :mod:`core.exporting.records`).  A table longer than a
worksheet (1,048,576 rows, the header included) goes on in ``<Sheet> (2)``,
``(3)`` ..., each with the header again.

Sheets: Framework, Data (unit, period, code, value), Scores (with level and
rank), Changes (since the base period and year on year, with more than one
period), Growth, Contributions, Warnings.  Text is always text (a name
starting with "=" is not a formula); missing values are empty cells.
"""
from __future__ import annotations

import functools

import numpy as np

from core.atomic import atomic_output
from core.errors import CoIndexError
from core.text import tr
from core.exporting.records import (Const, Labels, Numbers, Table, Values, WARNING_KEYS, cell_table,
                                    contributions_table, growth_table, periods_of, small_table)

#: Above this many unit x period x node cells the formula workbook would take
#: minutes to write and be slow to open: values only.
FORMULA_LIMIT = 500_000

#: Rows of one worksheet, the header included (Excel's limit).
ROW_LIMIT = 1_048_576

FRAMEWORK_SHEET_KEYS = ("code", "name", "name_zh", "parent", "level", "weight", "direction", "type", "unit")
WIDTHS = {"name": 36, "name_zh": 24, "change_since_base_pct": 22, "message": 100}


class ExportCancelled(CoIndexError):
    """The export was stopped by its progress callback (nothing is written)."""


def result_cells(project) -> int:
    """Unit x period x node cells of the results of a project or engine
    (known without computing)."""
    ds = project.dataset
    return len(ds.unit_codes) * len(ds.periods) * len(project.framework.node_order)


def values_sheets(engine) -> list[tuple[str, Table]]:
    """(sheet name, table) of every sheet, in order."""
    fw, ds = engine.framework, engine.dataset
    ranks = engine.all_ranks()
    codes = list(engine.codes)
    frame = [{"code": n.code, "name": n.name, "name_zh": n.name_zh, "parent": n.parent, "level": fw.level[n.code],
              "weight": n.weight, "direction": n.direction, "type": n.type, "unit": n.unit} for n in fw.nodes]
    data = cell_table(engine, "data", "value", list(ds.codes), lambda j: ds.values[:, :, j])
    scores = cell_table(engine, "scores", "score", codes, lambda j: engine.scores[j])

    def score_blocks():
        for j, block in enumerate(scores.blocks()):
            flat_ranks = Numbers(ranks[j].reshape(-1), ints=True)
            yield block[:3] + [Const(fw.level[codes[j]]), block[3], flat_ranks]

    sheets = [("Framework", small_table("framework", FRAMEWORK_SHEET_KEYS, frame)),
              ("Data", data),
              ("Scores", Table("scores", ("unit", "period", "code", "level", "score", "rank"), score_blocks))]
    if len(ds.periods) > 1:
        sheets.append(("Changes", _changes_table(engine)))
    sheets += [("Growth", growth_table(engine)), ("Contributions", contributions_table(engine)),
               ("Warnings", small_table("warnings", WARNING_KEYS, engine.warnings))]
    return sheets


def _changes_table(engine) -> Table:
    ds = engine.dataset
    units, periods = list(ds.unit_codes), periods_of(ds)
    U, T = len(units), len(periods)

    def blocks():
        u_idx, t_idx = np.repeat(np.arange(U), T), np.tile(np.arange(T), U)
        for code in engine.codes:
            yield [Labels(units, u_idx), Labels(periods, t_idx), Const(code),
                   Numbers(engine.change_since_base(code).reshape(-1)), Numbers(engine.yoy(code).reshape(-1))]
    return Table("changes", ("unit", "period", "code", "change_since_base_pct", "yoy_pct"), blocks)


def write_values_workbook(engine, path, progress=None) -> None:
    """Write the values-only results workbook to ``path`` (atomically).
    ``progress(fraction, message)`` is called after every block; when it
    returns False the export stops with :class:`ExportCancelled` and
    nothing is written."""
    import xlsxwriter
    sheets = values_sheets(engine)
    total = max(1, _rows(engine))
    with atomic_output(path) as tmp:
        wb = xlsxwriter.Workbook(tmp, {"constant_memory": True, "strings_to_formulas": False,
                                       "strings_to_urls": False, "strings_to_numbers": False,
                                       "use_zip64": total > 2_000_000})
        try:
            bold = wb.add_format({"bold": True})
            done = 0
            for name, table in sheets:
                done = _write_table(wb, name, table, bold, done, total, progress)
        except BaseException:
            wb.close()
            raise
        wb.close()


def _rows(engine) -> int:
    ds = engine.dataset
    U, T, N = len(ds.unit_codes), len(ds.periods), len(engine.codes)
    return U * T * (len(ds.codes) + N * (2 if T > 1 else 1))


def _write_table(wb, name, table, bold, done, total, progress) -> int:
    """Write ``table`` on sheet ``name`` and its continuations; returns
    the rows written so far, all sheets counted."""
    part, ws, row = 1, None, ROW_LIMIT
    for block in table.blocks():
        rows = list(zip(*(_python_values(col, block) for col in block)))
        start = 0
        while start < len(rows):
            if row >= ROW_LIMIT:
                ws, row = _new_sheet(wb, name if part == 1 else f"{name} ({part})", table.keys, bold), 1
                part += 1
            chunk = rows[start:start + ROW_LIMIT - row]
            for values in chunk:
                ws.write_row(row, 0, values)
                row += 1
            start += len(chunk)
        done += len(rows)
        if progress is not None and progress(min(1.0, done / total), name) is False:
            raise ExportCancelled(tr("export cancelled"))
    if ws is None:                                   # an empty table still has its sheet and header
        _new_sheet(wb, name, table.keys, bold)
    return done


@functools.lru_cache(maxsize=1)
def _exact_sheet_class():
    """XlsxWriter's Worksheet writing every float as Python's shortest exact
    text: XlsxWriter writes 16 significant digits, which changes the last
    digit of some doubles, and a values-only workbook should read back the
    numbers of the ``--json`` document exactly."""
    from xlsxwriter.worksheet import Worksheet

    class ExactSheet(Worksheet):
        def _xml_number_element(self, number, attributes=()):
            if isinstance(number, float):
                text = float.__repr__(number)
            elif isinstance(number, int) and not isinstance(number, bool):
                text = int.__repr__(number)
            else:
                return super()._xml_number_element(number, list(attributes))
            attr = "".join(f' {key}="{value}"' for key, value in attributes)
            self.fh.write(f"<c{attr}><v>{text}</v></c>")
    return ExactSheet


def _new_sheet(wb, name, keys, bold):
    ws = wb.add_worksheet(name, worksheet_class=_exact_sheet_class())
    ws.write_row(0, 0, keys, bold)
    ws.freeze_panes(1, 0)
    for k, key in enumerate(keys):
        ws.set_column(k, k, WIDTHS.get(key, max(10, min(40, len(key) + 4))))
    return ws


def _python_values(col, block) -> list:
    """A column as Python values (None where missing), as long as the block."""
    if isinstance(col, Numbers):
        values = np.asarray(col.values, dtype=float).reshape(-1)
        bad = ~np.isfinite(values)
        out = (np.where(bad, 0, values).astype(np.int64) if col.ints else values).tolist()
        for k in np.flatnonzero(bad).tolist():
            out[k] = None
        return out
    if isinstance(col, Labels):
        return np.array(list(col.labels) + [None], dtype=object)[col.index].tolist()
    if isinstance(col, Values):
        return [None if (isinstance(v, float) and not np.isfinite(v)) else v for v in col.values]
    n = max(len(c.index) if isinstance(c, Labels) else len(np.ravel(c.values)) if isinstance(c, Numbers)
            else len(c.values) if isinstance(c, Values) else 0 for c in block)
    return [col.value] * n
