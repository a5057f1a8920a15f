"""Opening any input the command line and File > Open accept as a project:
the template workbook (sheets ``Data``, ``Meta`` and ``Settings``), COINr's
iData / iMeta CSV files (an iData CSV without its iMeta gets one index over
all its indicators) and ``.coindex`` projects.  :func:`input_kind` tells
these from the tables the import wizard reads.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
from pathlib import Path

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from core.model.celltext import column_letter
from core.model.dataset import Dataset
from core.errors import InputError
from core.model.framework import Framework
from core.project.project import Project
from core.model.settings import Settings
from core.model.usability import default_settings
from core.sheets.filechecks import details
from core.text import tr


def _sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_csv(path) -> "pd.DataFrame":
    """A CSV in UTF-8 (with or without BOM), GB18030 or Windows-1252
    (:mod:`core.importing.csvtext`); cells kept as text where they are not
    clean numbers so messages can quote them.  Rows that end with a comma
    the header does not have are read as the header reads (no column
    becomes an index)."""
    import io
    import pandas as pd  # imported on use: opening a project needs no pandas
    from core.importing.csvtext import check_header, decode, header_of
    name = os.path.basename(path)
    text = decode(path)
    if not text.strip():
        raise InputError(tr("{name}: the file is empty", name=name))
    check_header(header_of(text), name)
    try:
        return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], skip_blank_lines=False,
                           index_col=False)
    except pd.errors.EmptyDataError:
        raise InputError(tr("{name}: the file is empty", name=name)) from None
    except (pd.errors.ParserError, ValueError) as e:
        raise InputError(tr("{name}: cannot be read as CSV{details}", name=name,
                            details=details(str(e).splitlines()[0]))) from None


TEMPLATE_SHEETS = ("Data", "Meta", "Settings")


def read_workbook(path, checked=TEMPLATE_SHEETS) -> dict:
    """All sheets of a workbook as frames (header on row 1), read through
    :func:`core.sheets.readers.read_workbook_cells` (file checks, bounded
    pre-scan, calamine) and shaped as ``pandas.read_excel`` shapes them.

    An Excel error value or a formula without a saved value in a sheet
    named in ``checked`` is refused naming the sheet and cell; elsewhere
    it is an empty cell."""
    import pandas as pd
    from pandas.io.parsers import TextParser
    from core.model.celltext import CellIssue, address
    from core.importing.csvtext import check_unique_columns
    from core.sheets.readers import read_workbook_cells
    cells = read_workbook_cells(path)
    if cells.hidden_unread:                 # pandas reads hidden sheets too
        cells = read_workbook_cells(path, cells.sheet_names)
    frames = {}
    for sh in cells.sheets:
        rows = _unmerged(sh)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, CellIssue):
                    if sh.name in checked:
                        what = v.reason if str(v) in v.reason else f"{v}, {v.reason}"
                        raise InputError(tr("{file}, sheet {sheet}, cell {cell} holds {what}", file=cells.file,
                                            sheet=sh.name, cell=address(r, c), what=what))
                    row[c] = ""
        if sh.name in checked and rows:
            check_unique_columns(rows[0], tr("{file}, sheet {sheet}", file=cells.file, sheet=sh.name))
        data = [[_as_pandas_reads(v) for v in row] for row in rows]
        frames[sh.name] = TextParser(data, header=0, skip_blank_lines=False).read() if data else pd.DataFrame()
    return frames


def _unmerged(sheet) -> list:
    """The sheet's rows, padded to one width, with each merged area's
    value in its top-left cell only (as pandas reads a workbook)."""
    width = sheet.n_cols
    rows = [list(row) + [""] * (width - len(row)) for row in sheet.rows]
    for r0, c0, r1, c1 in sheet.merged:
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = ""
    while rows and not any(v != "" for v in rows[-1]):
        rows.pop()
    return rows


def _as_pandas_reads(v):
    """A cell value as ``pandas.read_excel`` gives it to its parser: whole
    floats as int, dates as datetimes."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
        return _dt.datetime(v.year, v.month, v.day)
    return v


def _records(df: "pd.DataFrame") -> tuple[list[dict], list[int]]:
    """Non-blank rows as dicts, with their file row numbers (header on row 1)."""
    keep = ~df.isna().all(axis=1).to_numpy()
    rownos = (np.arange(len(df)) + 2)[keep].tolist()
    recs = [{str(k): (None if (isinstance(v, float) and np.isnan(v)) else v) for k, v in r.items()}
            for r in df[keep].to_dict("records")]
    return recs, rownos


INFO_KEYS = ("title", "title_zh", "note", "note_zh")


def settings_from_rows(df: "pd.DataFrame", where: str, info: dict | None = None) -> Settings:
    """Settings from Key / Value rows; the keys title, title_zh, note and
    note_zh describe the project and go to ``info``."""
    s = Settings()
    cols = [str(c).strip().lower() for c in df.columns]
    if len(cols) < 2:
        raise InputError(tr("{where}: needs two columns, Key and Value", where=where))
    for i, row in enumerate(df.itertuples(index=False)):
        key, value = row[0], row[1]
        if key is None or (isinstance(key, float) and np.isnan(key)) or str(key).strip() == "":
            continue
        if isinstance(value, float) and np.isnan(value):
            value = None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if str(key).strip() in INFO_KEYS:
            if info is not None and value is not None:
                info[str(key).strip()] = str(value)
            continue
        s.apply(str(key).strip(), value, where=tr("{where}, row {row}", where=where, row=i + 2))
    return s


def load_input(path, meta=None, warnings=None) -> Project:
    """Open any input the command line accepts as a project."""
    from core.project import projectfile
    path = os.fspath(path)
    name = os.path.basename(path)
    for given in (path, meta):
        if given is not None and os.path.isdir(given):
            raise InputError(tr("{path}: this is a folder, not a file", path=given))
    if not os.path.exists(path):
        raise InputError(tr("{path}: no such file", path=path))
    ext = os.path.splitext(path)[1].lower()
    if ext == ".coindex":
        return projectfile.load(path)
    if ext in TEMPLATE_EXTS:
        sheets = read_workbook(path)
        for needed in ("Data", "Meta"):
            if needed not in sheets:
                raise InputError(tr("{name}: no sheet named '{sheet}' (sheets found: {sheets})", name=name,
                                    sheet=needed, sheets=", ".join(sheets)))
        recs, rownos = _records(sheets["Meta"])
        fw = Framework.from_records(recs, where=tr("{name}, sheet Meta", name=name), rownos=rownos)
        fw.check_one_root()
        data = sheets["Data"]
        ds = Dataset.from_frame(data, fw, where=tr("{name}, sheet Data", name=name), warnings=warnings)
        info: dict = {}
        settings = settings_from_rows(sheets["Settings"], tr("{name}, sheet Settings", name=name), info) \
            if "Settings" in sheets else default_settings(fw, ds)
        prov = _provenance(path, "Data", data, ds)
        return Project(fw, ds, settings, prov, info=info)
    if ext == ".csv":
        if meta is None:
            data = read_csv(path)
            fw = one_index_framework(data, name)
            ds = Dataset.from_frame(data, fw, where=name, warnings=warnings)
            if warnings is not None:
                warnings.append({"kind": "no_meta", "code": fw.root,
                                 "message": tr("{name}: no iMeta file (--meta) given: one index {root} over its "
                                               "{n} indicator(s), equal weights, direction +1", name=name,
                                               root=fw.root, n=len(fw.indicator_codes))})
            return Project(fw, ds, default_settings(fw, ds), _provenance(path, None, data, ds))
        mname = os.path.basename(meta)
        if not os.path.exists(meta):
            raise InputError(tr("{path}: no such file", path=meta))
        recs, rownos = _records(read_csv(meta))
        fw = Framework.from_records(recs, where=mname, rownos=rownos)
        fw.check_one_root()
        data = read_csv(path)
        ds = Dataset.from_frame(data, fw, where=name, warnings=warnings)
        return Project(fw, ds, default_settings(fw, ds), _provenance(path, None, data, ds))
    raise InputError(tr("{name}: unsupported input type '{ext}' (use .coindex, .xlsx or .csv)", name=name,
                        ext=ext or tr("none")))


# ---- what kind of input a file is ----------------------------------------------------------------
TEMPLATE_EXTS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TABLE_EXTS = TEMPLATE_EXTS + (".csv", ".tsv")
ID_COLUMNS = ("uCode", "uName", "Time")
INDEX_CODE = "INDEX"


def input_kind(path) -> str:
    """How File > Open and ``python main.py FILE`` open ``path``:
    'project' (a .coindex file, or a file that does not exist or has an
    extension no reader takes: :func:`load_input` says why), 'template' (a
    workbook with sheets Data and Meta), 'idata' (a CSV with a uCode
    column: COINr's iData) or 'table' (anything else a reader takes: the
    import wizard's)."""
    path = os.fspath(path)
    ext = os.path.splitext(path)[1].lower()
    if not os.path.isfile(path) or ext not in TABLE_EXTS:
        return "project"
    if ext == ".csv":
        return "idata" if "uCode" in csv_header(path) else "table"
    if ext == ".tsv":
        return "table"
    from core.sheets.readers import read_workbook_cells
    try:            # only these two sheets are read; a workbook without them fails before any is read
        read_workbook_cells(path, list(TEMPLATE_SHEETS[:2]))
    except InputError as e:
        return "table" if e.where.get("missing_sheet") else "template"   # other failures: load_input says
    return "template"


def csv_header(path) -> list[str]:
    """The column names on the first line of a CSV file (UTF-8, GB18030 or
    Windows-1252); [] when it cannot be read."""
    from core.importing.csvtext import decode, header_of
    import csv
    from core.importing.csvtext import HEADER_BYTES
    try:
        return header_of(decode(path, HEADER_BYTES))
    except (InputError, csv.Error):
        return []


def one_index_framework(data: "pd.DataFrame", name: str = "") -> Framework:
    """The framework of an iData table read without its iMeta: one index
    over every indicator column (equal weights, direction +1), for the user
    to edit.  Indicator columns: those other than uCode, uName and Time
    that hold numbers; Group_* / *_group columns and those of mostly text are
    groups, Den_* columns denominators."""
    import pandas as pd
    from core.model.framework import AuxColumn, Node
    codes, aux = [], []
    for col in data.columns:
        code = str(col)
        if code in ID_COLUMNS:
            continue
        if code.lower().startswith("den_"):
            aux.append(AuxColumn(code, code, "Denominator"))
            continue
        values = data[col].dropna()
        if code.lower().startswith("group_") or code.lower().endswith("_group") or (
                len(values) and pd.to_numeric(values, errors="coerce").notna().sum() < 0.5 * len(values)):
            aux.append(AuxColumn(code, code, "Group"))        # text: a group column
            continue
        codes.append(code)
    if "uCode" not in [str(c) for c in data.columns]:
        found = ", ".join(str(c) for c in list(data.columns)[:12])
        raise InputError(tr("{name}: there is no uCode column (columns found: {found}); an iData table needs one "
                            "(a table of another shape: import it with `python main.py import`)", name=name,
                            found=found))
    if not codes:
        raise InputError(tr("{name}: no indicator columns (columns with numbers besides uCode, uName and Time)",
                            name=name))
    root = INDEX_CODE
    while root in codes:
        root += "_"
    return Framework([Node(root, "Index", "指数", type="Aggregate")]
                     + [Node(code, code, parent=root) for code in codes], aux)


def _provenance(path, sheet, frame, ds) -> dict:
    """Where each value came from: file, sheet, and the row / column maps
    from which every value's cell address follows."""
    cols = {str(c): column_letter(k) for k, c in enumerate(frame.columns) if str(c) in ds.code_index}
    rows = {}
    has_time = "Time" in [str(c) for c in frame.columns]
    for k, rec in enumerate(frame[["uCode"] + (["Time"] if has_time else [])].itertuples(index=False)):
        u = str(rec[0]).strip()
        if isinstance(rec[0], float) and float(rec[0]).is_integer():
            u = str(int(rec[0]))
        t = None
        if has_time:
            t = int(rec[1]) if isinstance(rec[1], (int, float, np.integer)) and float(rec[1]).is_integer() else str(rec[1])
        rows[f"{u}|{'' if t is None else t}"] = k + 2
    src = {"file": os.path.basename(path), "sheet": sheet, "sha256": _sha256(path),
           "imported": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
           "columns": cols, "rows": rows}
    return {"sources": [src], "edits": []}


# iMeta files looked for beside an iData CSV ({stem} is the data file's name)
META_CANDIDATES = ("{stem}_meta.csv", "{stem}-meta.csv", "{stem}.meta.csv", "{stem}_iMeta.csv", "{imeta}.csv",
                   "meta.csv", "iMeta.csv", "Meta.csv")


def find_meta(path) -> str | None:
    """The iMeta CSV beside an iData CSV (see :data:`META_CANDIDATES`)."""
    path = Path(os.fspath(path))
    imeta = re.sub("idata", "iMeta", path.stem, flags=re.IGNORECASE)       # asem_iData.csv -> asem_iMeta.csv
    for pattern in META_CANDIDATES:
        candidate = path.with_name(pattern.format(stem=path.stem, imeta=imeta))
        if candidate.is_file() and candidate.resolve() != path.resolve():
            return str(candidate)
    return None
