"""Reading the cells of a workbook or CSV file, per format.

:func:`read_workbook_cells` checks the file (size, content sniffing,
encryption, zip and XML bombs: core/sheets/filechecks.py), finds the true extent
of every sheet it will read before calamine does (``.xlsx``: one streamed
pass over each worksheet, core/sheets/xlsx_scan.py, which also finds hidden
rows and columns, error cells and formulas without a saved value;
``.xlsb`` / ``.xls``: core/sheets/binary_extent.py, the .xls container read
with olefile; ``.ods``: core/sheets/ods_scan.py, repeat counts, hidden rows
and columns, merges), then reads the cells with python-calamine (openpyxl
only when asked for, .xlsx alone) or the csv module, and returns a
:class:`~core.sheets.cells.WorkbookCells`.
"""
from __future__ import annotations

import io as _io
import os as _os
import re
from dataclasses import dataclass as _dataclass, field as _field

import python_calamine as _pc

from core.errors import InputError
from core.model.celltext import column_index
from core.sheets.binary_extent import check_xls, check_xlsb
from core.sheets.cells import ImportCancelled, Sheet, WorkbookCells
from core.sheets.filechecks import (MAX_CELLS, MAX_FILE_BYTES, TEXT_EXTS, WORKBOOK_EXTS, check_zip, details,
                                    hash_and_scan, kind_name, magic_kind, refuse_workbook_total)
from core.sheets.ods_scan import scan_ods
from core.sheets.textfile import TextSource, decode_source, read_source, text_cells
from core.sheets.xlsx_parts import local_name, sheet_parts
from core.sheets.xlsx_scan import SheetScan, scan_sheet_xml
from core.text import tr

ENGINES = ("auto", "calamine", "openpyxl")


def _calamine_error(e, name) -> InputError:
    if isinstance(e, getattr(_pc, "PasswordError", ())):
        return InputError(tr("{name}: the workbook is password-protected; remove the password and save it again",
                             name=name))
    return InputError(tr("{name}: the workbook is damaged or not a spreadsheet file{details}",
                         name=name, details=details(e)))


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
    """Read the cells of a workbook or CSV file, safely.

    Parameters
    ----------
    path : .xlsx, .xlsm, .xlsb, .xls, .ods, or .csv / .tsv / .txt (UTF-8 with or without BOM, or
        GB18030; .tsv is tab-separated, other text by its first line: tabs, semicolons or commas).
    sheet : a sheet name (or list of names) to read; None reads every visible sheet.
    engine : "auto" or "calamine" (python-calamine reads every format), or
        "openpyxl" (.xlsx / .xlsm only, read-only mode); the checks and the
        pre-scan are the same for all.
    progress : optional ``progress(fraction, message)``; returning False cancels
        (raises :class:`ImportCancelled`).

    Raises :class:`InputError` naming the file (and sheet) for anything that
    cannot be read, within seconds and bounded memory.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    path = _os.fspath(path)
    name = _os.path.basename(path)
    ext = _os.path.splitext(path)[1].lower()
    step = _stepper(progress, name)
    _check_size(path, name)
    step(0.0, tr("checking the file"))
    sha, head, encrypted = hash_and_scan(path, name)
    kind = magic_kind(head)
    if ext in TEXT_EXTS:
        return _read_text_file(path, name, ext, kind, sha)
    fmt, z, warnings = _open_container(path, name, ext, kind, encrypted)
    book = _Book(path, name, fmt, z)
    try:
        if fmt == "ods":                     # calamine parses every sheet of an .ods when it opens it
            book.ods_info = scan_ods(z, name)
        book.reader = _open_reader(engine, fmt, path, name, ext)
        return _read_sheets(book, sheet, sha, warnings, step)
    finally:
        if book.reader is not None:
            book.reader.close()
        if z is not None:
            z.close()


def _stepper(progress, name):
    """``step(fraction, message)``: reports progress, and raises
    :class:`ImportCancelled` when the callback returns False."""
    def step(frac, msg):
        if progress is not None and progress(frac, msg) is False:
            raise ImportCancelled(tr("{name}: import cancelled", name=name))
    return step


def _check_size(path, name) -> None:
    """The file exists, is not empty and not past MAX_FILE_BYTES."""
    if _os.path.isdir(path):
        raise InputError(tr("{path}: this is a folder, not a file", path=path))
    if not _os.path.isfile(path):
        raise InputError(tr("{path}: no such file", path=path))
    size = _os.path.getsize(path)
    if size == 0:
        raise InputError(tr("{name}: the file is empty (0 bytes)", name=name))
    if size > MAX_FILE_BYTES:
        raise InputError(tr("{name}: refused: the file is {mb:.0f} MB; CoIndex imports files of at most "
                            "{limit} MB (save the sheets you need in a smaller workbook or a CSV)",
                            name=name, mb=size / 2**20, limit=MAX_FILE_BYTES // 2**20))


def _read_text_file(path, name, ext, kind, sha) -> WorkbookCells:
    """A file named as text: read as CSV when its content is text."""
    return text_cells(decode_source(path, name, ext, kind, sha))


def read_text_source(path, progress=None) -> TextSource:
    """The checked, decoded text of a .csv / .tsv / .txt file: the checks
    :func:`read_workbook_cells` makes (size, content, encoding), without
    the csv module's reading (core/importing/csvfast.py reads it)."""
    path = _os.fspath(path)
    name = _os.path.basename(path)
    ext = _os.path.splitext(path)[1].lower()
    _check_size(path, name)
    _stepper(progress, name)(0.0, tr("checking the file"))
    return read_source(path, name, ext)


def _open_container(path, name, ext, kind, encrypted):
    """(format, open zip or None, warnings) of a file named as a workbook,
    from its content: refused when it is not one CoIndex reads."""
    if ext not in WORKBOOK_EXTS:
        raise InputError(tr("{name}: unsupported file type '{ext}' (use {valid})", name=name,
                            ext=ext or tr("none"), valid=", ".join(WORKBOOK_EXTS + (".csv",))))
    z = None
    if kind == "ole":
        if encrypted:
            raise InputError(tr("{name}: the workbook is password-protected (encrypted); open it in Excel, "
                                "remove the password (File > Info > Protect Workbook) and save it again",
                                name=name))
        fmt = "xls"
    elif kind == "zip":
        z, fmt = check_zip(path, name)
    elif kind == "text":
        raise InputError(tr("{name}: not an Excel workbook: this is a text file (if it is a CSV, name it .csv)",
                            name=name))
    elif kind == "unknown":
        raise InputError(tr("{name}: not an Excel workbook (the content is not a spreadsheet format CoIndex "
                            "knows; the file may be damaged)", name=name))
    else:
        raise InputError(tr("{name}: not an Excel workbook: it looks like {kind}", name=name, kind=kind_name(kind)))
    warnings = []
    if ext != "." + fmt and not (ext == ".xlsm" and fmt == "xlsx"):
        warnings.append(tr("{name}: the file is really an .{fmt} workbook despite its {ext} name; read as .{fmt}",
                           name=name, fmt=fmt, ext=ext))
    return fmt, z, warnings


def _open_reader(engine, fmt, path, name, ext):
    """The reader of the cells; an .xls is checked whole first (calamine
    parses every sheet of it when it opens the file)."""
    if engine == "openpyxl":
        if fmt != "xlsx":
            raise InputError(tr("{name}: the openpyxl engine reads .xlsx / .xlsm files only, not .{fmt}",
                                name=name, fmt=fmt))
        return _OpenpyxlReader(path, name)
    if fmt == "xls":
        check_xls(path, name)
    return _CalamineReader(path, fmt, name, ext)


@_dataclass
class _Book:
    """A workbook being read: the file, its zip (None for .xls), the reader,
    and what the pre-scans found so far."""
    path: str
    name: str
    fmt: str
    z: object
    reader: object = None
    parts: dict = _field(default_factory=dict)       # .xlsx: sheet name -> worksheet part
    ods_info: dict = _field(default_factory=dict)    # .ods: sheet name -> (hidden rows, hidden cols, merges)
    extents: list = _field(default_factory=list)     # .xlsx: (rows, cols) of the sheets scanned so far


def _read_sheets(book: _Book, sheet, sha, warnings, step) -> WorkbookCells:
    """The sheets asked for (every visible one when ``sheet`` is None),
    each pre-scanned, then read."""
    names, visible = book.reader.names, book.reader.visible
    wanted = _choose_sheets(names, visible, sheet, book.name)
    if book.fmt == "xlsb":                   # before calamine reads any sheet
        check_xlsb(book.z, book.name, wanted)
    elif book.fmt == "xlsx":
        book.parts = sheet_parts(book.z)
    sheets = []
    for k, sn in enumerate(wanted):
        step(0.1 + 0.8 * k / len(wanted), tr("reading sheet '{sheet}'", sheet=sn))
        sheets.append(_read_sheet(book, sn, visible.get(sn, True)))
    step(0.95, "read")
    hidden_unread = [n for n in names if not visible.get(n, True) and n not in wanted]
    return WorkbookCells(book.path, sha, book.fmt, sheets, names, warnings, hidden_unread if sheet is None else [])


def _read_sheet(book: _Book, sn: str, visible: bool) -> Sheet:
    """One sheet: pre-scanned, read, the cells calamine does not report
    put in place, merged areas filled."""
    scan = _pre_scan(book, sn)
    rows, merged = book.reader.rows(sn)
    if book.fmt == "ods" and sn in book.ods_info and not merged:
        merged = book.ods_info[sn][2]
    if scan is not None:
        _place_issues(rows, scan.issues)
    _apply_merges(rows, merged)
    return Sheet(sn, rows, frozenset(scan.hidden_rows) if scan else frozenset(),
                 frozenset(scan.hidden_cols) if scan else frozenset(), merged, visible)


def _pre_scan(book: _Book, sn: str) -> SheetScan | None:
    """What is known of a sheet before it is read: for .xlsx its streamed
    scan (refused past the limits, alone or with the sheets read before
    it), for .ods its hidden rows and columns; None otherwise."""
    if book.fmt == "xlsx":
        part = book.parts.get(sn)
        if part is None:
            scan = SheetScan()
            for p in (n for n in book.z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
                scan_sheet_xml(book.z, p, book.name, sn)      # extent check of every part we cannot place
        else:
            scan = scan_sheet_xml(book.z, part, book.name, sn)
        book.extents.append((scan.max_row, scan.max_col))
        refuse_workbook_total(book.name, book.extents)        # the sheets read so far are all held
        return scan
    if book.fmt == "ods" and sn in book.ods_info:
        hidden_rows, hidden_cols = book.ods_info[sn][:2]
        return SheetScan(hidden_rows=hidden_rows, hidden_cols=hidden_cols)
    return None


def _place_issues(rows, issues) -> None:
    """Error values and formulas without a saved value, in their cells
    (calamine reads them as empty or as the error's text)."""
    for (r, c), issue in issues.items():
        if r < len(rows):
            row = rows[r]
            if c >= len(row):
                row.extend([""] * (c + 1 - len(row)))
            row[c] = issue


def _choose_sheets(names, visible, sheet, name):
    if not names:
        raise InputError(tr("{name}: the workbook has no sheets", name=name))
    if sheet is None:
        return [n for n in names if visible.get(n, True)]
    wanted = [sheet] if isinstance(sheet, str) else list(sheet)
    for w in wanted:
        if w not in names:
            raise InputError(tr("{name}: no sheet named '{sheet}' (sheets: {sheets})", name=name, sheet=w,
                                sheets=", ".join(names)), missing_sheet=w)
    return wanted


_NOT_OURS = (KeyboardInterrupt, SystemExit, GeneratorExit)


class _CalamineReader:
    def __init__(self, path, fmt, name, ext):
        pc = _pc
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
                raise InputError(tr("{name}, sheet '{sheet}': refused: the sheet has {rows:,} rows x {cols:,} "
                                    "columns; CoIndex imports sheets of at most {limit:,} cells", name=self.name,
                                    sheet=sheet, rows=s.height, cols=s.width, limit=MAX_CELLS))
            r0, c0 = s.start or (0, 0)
            data = s.to_python()
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (s.merged_cell_ranges or [])]
        except (InputError,) + _NOT_OURS:
            raise
        except BaseException as e:      # (a Rust panic in the reader arrives as a BaseException)
            raise _calamine_error(e, tr("{name}, sheet '{sheet}'", name=self.name, sheet=sheet)) from None
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
    """.xlsx / .xlsm by openpyxl in read-only mode, when asked for (defusedxml
    makes it refuse entity bombs; the pre-scan is the same as calamine's)."""

    def __init__(self, path, name):
        import openpyxl
        self.name = name
        try:
            self.wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:
            raise InputError(tr("{name}: the workbook is damaged or not a spreadsheet file{details}",
                                name=name, details=details(e))) from None
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
            raise InputError(tr("{name}, sheet '{sheet}': the sheet is damaged and cannot be read{details}",
                                name=self.name, sheet=sheet, details=details(e))) from None
        data = [[(v if not isinstance(v, int) or isinstance(v, bool) else float(v)) for v in row] for row in data]
        return data, merged

    def close(self):
        self.wb.close()
