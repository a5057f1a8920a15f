"""Reading the cells of a workbook or CSV file, per format.

:func:`read_workbook_cells` checks the file (size, content sniffing,
encryption, zip and XML bombs: core/sheets/filechecks.py), finds the true extent
of every sheet it will read before calamine does (``.xlsx``: one streamed
pass over each worksheet, core/sheets/xlsx_extent.py, which also finds hidden
rows and columns, error cells and formulas without a saved value;
``.xlsb`` / ``.xls``: core/sheets/binary_extent.py; ``.ods``: repeat counts,
hidden rows and columns, merges), then reads the cells with
python-calamine (openpyxl for .xlsx when calamine is missing) or the csv
module, and returns a :class:`~core.sheets.cells.WorkbookCells`.
"""
from __future__ import annotations

import csv as _csv
import io as _io
import os as _os
import re
from dataclasses import dataclass as _dataclass, field as _field

from core.model.celltext import CellIssue, column_index
from core.sheets.cells import ImportCancelled, Sheet, WorkbookCells
from core.sheets.filechecks import (MAX_CELLS, MAX_FILE_BYTES, TEXT_EXTS, WORKBOOK_EXTS, check_zip,
                                    hash_and_scan, magic_kind, refuse_extent, refuse_workbook_total)
from core.sheets.binary_extent import check_xls, check_xlsb
from core.sheets.ods_scan import scan_ods
from core.errors import InputError
from core.sheets.xlsx_extent import ExtentScan, scan_chunk
from core.sheets.xlsx_fast import (MAX_PLAIN_BYTES, NotPlain, hidden_cols_in, hidden_rows_in,
                                   read_plain_sheet, unescape, worker_pool)
from core.sheets.xlsx_parts import date_styles, local_name, shared_strings, workbook_parts


def _sheet_parts(z) -> dict:
    """Sheet name -> worksheet XML part of an .xlsx."""
    return workbook_parts(z)[0]


# cells in any spelling (attribute order, quotes, spaces, prefixes, line breaks): for the
# error values and formulas without a saved value that calamine does not report
# (a cell's content may not run past the next cell's tag: an unclosed cell fails at once, never
# scanning on to the end of the chunk, so crafted XML cannot make this quadratic)
_CELL = re.compile(rb"<(?:[\w.-]+:)?c(\s[^<>]*?)?(?:/>|>((?:[^<]|<(?!/?(?:[\w.-]+:)?c[\s/>]))*)</(?:[\w.-]+:)?c\s*>)")
_ATTR_R = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")
_ATTR_T = re.compile(rb"""(?:^|\s)t\s*=\s*["']([^"']*)["']""")
_VALUE = re.compile(rb"<(?:[\w.-]+:)?v(?:\s[^<>]*?)?(?:/>|>([^<]*)<)")
_FORMULA = re.compile(rb"<(?:[\w.-]+:)?f(?:\s[^<>]*?)?(?:/>|>([^<]*)<)")
_ROW_START = re.compile(rb"<(?:[\w.-]+:)?row[\s/>]")


@_dataclass
class _SheetScan:
    max_row: int = 0
    max_col: int = 0
    hidden_rows: set = _field(default_factory=set)
    hidden_cols: set = _field(default_factory=set)
    issues: dict = _field(default_factory=dict)      # (r, c) -> CellIssue


_CHUNK = 2 << 20
def _scan_piece(text):
    """One chunk of worksheet XML: its extent facts, hidden rows, error
    cells and formulas without a saved value."""
    facts = scan_chunk(text)
    hidden, issues = set(), {}
    if facts.hidden:
        hidden = hidden_rows_in(text)
    if facts.errors or facts.formulas or b'"e"' in text or b"'e'" in text or b":f" in text:
        issues = _cell_issues(text)
    return facts, hidden, issues


def _cell_issues(text) -> dict:
    """(row, column) -> CellIssue of the error values and the formulas
    without a saved value in a chunk of worksheet XML (whole cells)."""
    issues = {}
    for m in _CELL.finditer(text):
        attrs, inner = m.group(1) or b"", m.group(2) or b""
        r = _ATTR_R.search(attrs)
        if r is None:
            continue
        rc = (int(r.group(2)) - 1, column_index(r.group(1).decode().upper()))
        t = _ATTR_T.search(attrs)
        v = _VALUE.search(inner)
        saved = v.group(1) if v is not None else None
        if t is not None and t.group(1) == b"e" and saved:
            err = unescape(saved.decode("utf-8", "replace"), strict=False)
            issues[rc] = CellIssue(err, f"an Excel error value {err}")
            continue
        f = _FORMULA.search(inner)
        if f is not None and not saved:          # no <v>, <v/> or <v></v>: nothing was saved
            formula = unescape((f.group(1) or b"").decode("utf-8", "replace"), strict=False)
            issues[rc] = CellIssue("=" + formula, "a formula with no saved value (the file was "
                                   "not recalculated after it was written; open and save it in Excel)")
    return issues


def _scan_sheet_xml(z, part, name, sheet) -> _SheetScan:
    """Stream one worksheet part once (bounded memory: a few chunks at a
    time), decompressing the next chunk while two threads scan the last
    ones: the true extent (core/sheets/xlsx_extent.py: refused past MAX_CELLS
    before any reader allocates it), hidden rows and columns, error cells,
    formulas without a saved value."""
    s = _SheetScan()
    ext = ExtentScan()
    carry, in_data = b"", False
    try:
        f = z.open(part)
    except KeyError:
        return s
    pending = []

    def merge(fut):
        try:
            facts, hidden, issues = fut.result()
        except InputError as e:
            raise InputError(f"{name}, sheet '{sheet}': {e}") from None
        except Exception as e:          # (a shape of XML no rule here foresaw: refused, never a traceback)
            raise InputError(f"{name}, sheet '{sheet}': the sheet's XML cannot be read "
                             f"({type(e).__name__}: {e})") from e
        ext.add(facts)
        s.hidden_rows |= hidden
        s.issues.update(issues)

    try:
        with f:
            while True:
                chunk = f.read(_CHUNK)
                text = carry + chunk
                if chunk:                   # cut before the last row (whole cells), else before a tag
                    rows = [m.start() for m in _ROW_START.finditer(text, max(0, len(text) - 65536))]
                    cut = rows[-1] if rows else text.rfind(b"<")
                    if cut <= 0 or len(text) - cut > 65536:
                        cut = len(text)
                    text, carry = text[:cut], text[cut:]
                else:
                    carry = b""
                if not in_data:
                    k = text.find(b"<sheetData")
                    s.hidden_cols |= hidden_cols_in(text if k < 0 else text[:k])
                    in_data = k >= 0
                if text:
                    pending.append(worker_pool().submit(_scan_piece, text))
                while len(pending) > 2:
                    merge(pending.pop(0))
                if not chunk:
                    break
            while pending:
                merge(pending.pop(0))
    finally:
        for fut in pending:
            fut.cancel()
    rows, cols = ext.extent()
    s.max_row, s.max_col = rows, cols
    refuse_extent(name, sheet, s.max_row, s.max_col)
    return s


class _PlainReader:
    """Plain worksheets of an .xlsx read by core/sheets/xlsx_fast.py; ``read``
    returns None for a sheet it leaves to calamine."""

    def __init__(self, z, name):
        self.z, self.name = z, name
        self.parts, self._shared_part, self._styles_part = workbook_parts(z)
        self._shared = self._dates = False

    def read(self, sheet):
        part = self.parts.get(sheet)
        if part is None:
            return None
        try:
            info = self.z.getinfo(part)
        except KeyError:
            return None
        if info.file_size > MAX_PLAIN_BYTES:
            return None
        if self._shared is False:
            self._shared = shared_strings(self.z, self._shared_part)
            self._dates = date_styles(self.z, self._styles_part)
        try:
            xml = self.z.read(part)
            return read_plain_sheet(xml, self._shared, self._dates, self.name, sheet)
        except NotPlain:
            return None
        except InputError:
            raise
        except Exception:           # (damaged data: the careful path says what is wrong)
            return None


def _calamine_error(e, name) -> InputError:
    import python_calamine as pc
    if isinstance(e, getattr(pc, "PasswordError", ())):
        return InputError(f"{name}: the workbook is password-protected; remove the password and save it again")
    return InputError(f"{name}: the workbook is damaged and cannot be read ({type(e).__name__}: {e})")


def _apply_merges(rows, merged):
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows) or (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS:
            continue
        row0 = rows[r0]
        v = row0[c0] if c0 < len(row0) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = v


def read_workbook_cells(path, sheet=None, *, engine: str = "auto", progress=None) -> WorkbookCells:
    """Read the cells of a workbook or CSV file, safely and fast.

    Parameters
    ----------
    path : .xlsx, .xlsm, .xlsb, .xls, .ods, or .csv (UTF-8 with or without BOM, or GB18030).
    sheet : a sheet name (or list of names) to read; None reads every visible sheet.
    engine : "auto" (plain .xlsx worksheets by core/sheets/xlsx_fast.py, the rest by
        python-calamine, or openpyxl if calamine is missing), "calamine" (every
        sheet by calamine) or "openpyxl" (.xlsx / .xlsm only, read-only mode).
    progress : optional ``progress(fraction, message)``; returning False cancels
        (raises :class:`ImportCancelled`).

    Raises :class:`InputError` naming the file (and sheet) for anything that
    cannot be read, within seconds and bounded memory.
    """
    path = _os.fspath(path)
    name = _os.path.basename(path)
    ext = _os.path.splitext(path)[1].lower()

    def step(frac, msg):
        if progress is not None and progress(frac, msg) is False:
            raise ImportCancelled(f"{name}: import cancelled")

    if not _os.path.isfile(path):
        raise InputError(f"{path}: no such file")
    size = _os.path.getsize(path)
    if size == 0:
        raise InputError(f"{name}: the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise InputError(f"{name}: refused: the file is {size / 2**20:.0f} MB; CoIndex imports files of at most "
                         f"{MAX_FILE_BYTES // 2**20} MB (save the sheets you need in a smaller workbook or a CSV)")
    step(0.0, "checking the file")
    sha, head, encrypted = hash_and_scan(path, name)
    kind = magic_kind(head)
    if ext in TEXT_EXTS:
        if kind in ("zip", "ole"):
            raise InputError(f"{name}: this is an Excel workbook saved with a {ext} name; rename it to .xlsx or .xls")
        if kind != "text":
            raise InputError(f"{name}: not a text (CSV) file: it looks like {kind}")
        sh = _read_csv(path, name, ext)
        return WorkbookCells(path, sha, "csv", [sh], [sh.name])
    if ext not in WORKBOOK_EXTS:
        raise InputError(f"{name}: unsupported file type '{ext or 'none'}' "
                         f"(use {', '.join(WORKBOOK_EXTS + ('.csv',))})")
    warnings = []
    z = None
    if kind == "ole":
        if encrypted:
            raise InputError(f"{name}: the workbook is password-protected (encrypted); open it in Excel, "
                             "remove the password (File > Info > Protect Workbook) and save it again")
        fmt = "xls"
    elif kind == "zip":
        z, fmt = check_zip(path, name)
    elif kind == "text":
        raise InputError(f"{name}: not an Excel workbook: this is a text file (if it is a CSV, name it .csv)")
    elif kind == "unknown":
        raise InputError(f"{name}: not an Excel workbook (the content is not a spreadsheet format CoIndex "
                         "knows; the file may be damaged)")
    else:
        raise InputError(f"{name}: not an Excel workbook: it looks like {kind}")
    if ext != "." + fmt and not (ext == ".xlsm" and fmt == "xlsx"):
        warnings.append(f"{name}: the file is really an .{fmt} workbook despite its {ext} name; read as .{fmt}")
    ods_info = scan_ods(z, name) if fmt == "ods" else {}
    if engine == "openpyxl" or (engine == "auto" and not _have_calamine()):
        if fmt != "xlsx":
            raise InputError(f"{name}: reading .{fmt} files needs python-calamine (pip install python-calamine)")
        reader = _OpenpyxlReader(path, name)
    else:
        if fmt == "xls":                     # calamine parses every sheet of an .xls when it opens it
            check_xls(path, name)
        reader = _CalamineReader(path, fmt, name, ext)
    try:
        names, visible = reader.names, reader.visible
        wanted = _choose_sheets(names, visible, sheet, name)
        if fmt == "xlsb":                    # before calamine reads any sheet
            check_xlsb(z, name, wanted)
        plain = _PlainReader(z, name) if fmt == "xlsx" and engine == "auto" else None
        parts = (plain.parts if plain else _sheet_parts(z)) if fmt == "xlsx" else {}
        sheets, extents = [], []
        for k, sn in enumerate(wanted):
            step(0.1 + 0.8 * k / len(wanted), f"reading sheet '{sn}'")
            scan = None
            fast = plain.read(sn) if plain else None
            if fast is not None:
                scan = _SheetScan(len(fast.rows), max(map(len, fast.rows), default=0), fast.hidden_rows,
                                  fast.hidden_cols, fast.issues)
                extents.append((scan.max_row, scan.max_col))
                refuse_workbook_total(name, extents)
                rows, merged = fast.rows, fast.merged
            else:
                if fmt == "xlsx":
                    part = parts.get(sn)
                    scan = _SheetScan() if part is None else _scan_sheet_xml(z, part, name, sn)
                    if part is None:
                        for p in (n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                            _scan_sheet_xml(z, p, name, sn)      # extent check of every part we cannot place
                    extents.append((scan.max_row, scan.max_col))
                    refuse_workbook_total(name, extents)         # the sheets read so far are all held
                elif fmt == "ods":
                    ods = ods_info.get(sn)
                    scan = _SheetScan(hidden_rows=ods[0], hidden_cols=ods[1]) if ods else None
                rows, merged = reader.rows(sn)
            if fmt == "ods" and sn in ods_info and not merged:
                merged = ods_info[sn][2]
            if scan is not None:
                for (r, c), issue in scan.issues.items():
                    if r < len(rows):
                        row = rows[r]
                        if c >= len(row):
                            row.extend([""] * (c + 1 - len(row)))
                        row[c] = issue
            _apply_merges(rows, merged)
            sheets.append(Sheet(sn, rows, frozenset(scan.hidden_rows) if scan else frozenset(),
                                frozenset(scan.hidden_cols) if scan else frozenset(), merged, visible.get(sn, True)))
    finally:
        reader.close()
        if z is not None:
            z.close()
    step(0.95, "read")
    hidden_unread = [n for n in names if not visible.get(n, True) and n not in wanted]
    return WorkbookCells(path, sha, fmt, sheets, names, warnings, hidden_unread if sheet is None else [])


def _have_calamine() -> bool:
    try:
        import python_calamine  # noqa: F401
        return True
    except ImportError:
        return False


def _choose_sheets(names, visible, sheet, name):
    if not names:
        raise InputError(f"{name}: the workbook has no sheets")
    if sheet is None:
        return [n for n in names if visible.get(n, True)]
    wanted = [sheet] if isinstance(sheet, str) else list(sheet)
    for w in wanted:
        if w not in names:
            raise InputError(f"{name}: no sheet named '{w}' (sheets: {', '.join(names)})")
    return wanted


_NOT_OURS = (KeyboardInterrupt, SystemExit, GeneratorExit)


class _CalamineReader:
    def __init__(self, path, fmt, name, ext):
        import python_calamine as pc
        self.name = name
        try:
            if ext.lstrip(".") == fmt or (ext == ".xlsm" and fmt == "xlsx"):
                self.wb = pc.CalamineWorkbook.from_path(path)
            else:                        # content and extension differ: let calamine sniff the bytes
                with open(path, "rb") as fh:
                    self.wb = pc.CalamineWorkbook.from_filelike(_io.BytesIO(fh.read()))
            self.names = list(self.wb.sheet_names)
            self.visible = {m.name: m.visible == pc.SheetVisibleEnum.Visible for m in self.wb.sheets_metadata}
        except _NOT_OURS:
            raise
        except BaseException as e:      # (a Rust panic in the reader arrives as a BaseException)
            raise _calamine_error(e, name) from None

    def rows(self, sheet):
        try:
            s = self.wb.get_sheet_by_name(sheet)
            if s.height * s.width > MAX_CELLS:
                raise InputError(f"{self.name}, sheet '{sheet}': refused: the sheet has {s.height:,} rows x "
                                 f"{s.width:,} columns; CoIndex imports sheets of at most {MAX_CELLS:,} cells")
            r0, c0 = s.start or (0, 0)
            data = s.to_python()
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (s.merged_cell_ranges or [])]
        except (InputError,) + _NOT_OURS:
            raise
        except BaseException as e:      # (a Rust panic in the reader arrives as a BaseException)
            raise _calamine_error(e, f"{self.name}, sheet '{sheet}'") from None
        if c0:
            pad = [""] * c0
            data = [pad + row for row in data]
        if r0:
            data = [[] for _ in range(r0)] + data
        return data, merged

    def close(self):
        try:
            self.wb.close()
        except Exception:
            pass


class _OpenpyxlReader:
    """Fallback for .xlsx / .xlsm when python-calamine is not installed:
    openpyxl in read-only mode (defusedxml makes it refuse entity bombs)."""

    def __init__(self, path, name):
        import openpyxl
        self.name = name
        try:
            self.wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:
            raise InputError(f"{name}: the workbook is damaged and cannot be read ({type(e).__name__}: {e})") from None
        self.names = list(self.wb.sheetnames)
        self.visible = {ws.title: ws.sheet_state == "visible" for ws in self.wb.worksheets}

    def rows(self, sheet):
        ws = self.wb[sheet]
        try:
            data = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
            merged = []
            # read-only worksheets do not load merged ranges; read them from the XML
            src = getattr(ws, "_source", None) or getattr(ws, "xml_source", None)
            if src is not None:
                from defusedxml import ElementTree as DET
                for _, el in DET.iterparse(src):
                    if local_name(el.tag) == "mergeCell":
                        a, _, b = el.get("ref", "").partition(":")
                        ma, mb = re.match(r"([A-Z]+)(\d+)", a), re.match(r"([A-Z]+)(\d+)", b or a)
                        if ma and mb:
                            merged.append((int(ma.group(2)) - 1, column_index(ma.group(1)),
                                           int(mb.group(2)) - 1, column_index(mb.group(1))))
                    el.clear()
        except Exception as e:
            raise InputError(f"{self.name}, sheet '{sheet}': cannot be read ({type(e).__name__}: {e})") from None
        data = [[(v if not isinstance(v, int) or isinstance(v, bool) else float(v)) for v in row] for row in data]
        return data, merged

    def close(self):
        self.wb.close()


def _read_csv(path, name, ext) -> Sheet:
    with open(path, "rb") as f:
        raw = f.read()
    if b"\x00" in raw:
        raise InputError(f"{name}: not a text (CSV) file (it contains binary data)")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(f"{name}: the file is neither UTF-8 nor GB18030 text")
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    first = text.split("\n", 1)[0]
    if ext == ".tsv" or ("\t" in first and "," not in first):
        delim = "\t"
    elif first.count(";") > first.count(","):
        delim = ";"
    else:
        delim = ","
    try:
        rows = [[c for c in row] for row in _csv.reader(_io.StringIO(text, newline=""), delimiter=delim)]
    except _csv.Error as e:
        raise InputError(f"{name}: cannot be read as CSV ({e})") from None
    return Sheet(_os.path.splitext(name)[0], rows)
