"""Reading inputs and writing tables: the template workbook (sheets ``Data``,
``Meta`` and ``Settings``), COINr's iData / iMeta CSV files, ``.coindex``
projects, and the values-only results workbook.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import zipfile

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from .atomic import atomic_output
from .dataset import Dataset, column_letter
from .errors import CoIndexError, InputError
from .framework import Framework
from .project import Project
from .settings import Settings

META_COLUMNS = ["Level", "iCode", "iName", "iName_zh", "Direction", "Weight", "Parent", "Type",
                "Unit", "Target", "Denominator", "Source", "Description"]
DATA_COLUMNS = ["uCode", "uName", "Time"]


def _sha256(path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_csv(path) -> "pd.DataFrame":
    """A CSV in UTF-8 (with or without BOM) or GB18030; cells kept as text
    where they are not clean numbers so messages can quote them."""
    import pandas as pd  # imported on use: opening a project needs no pandas
    name = os.path.basename(path)
    last = None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return pd.read_csv(path, encoding=enc, keep_default_na=False, na_values=[""], skip_blank_lines=False)
        except UnicodeDecodeError as e:
            last = e
        except pd.errors.EmptyDataError:
            raise InputError(f"{name}: the file is empty") from None
        except (pd.errors.ParserError, ValueError) as e:
            raise InputError(f"{name}: cannot be read as CSV ({str(e).splitlines()[0]})") from None
        except OSError as e:
            raise InputError(f"{name}: cannot read the file ({e.strerror})") from None
    raise InputError(f"{name}: the file is neither UTF-8 nor GB18030 text ({last})")


def read_workbook(path) -> dict:
    """All sheets of an .xlsx / .xlsm workbook as frames (header on row 1)."""
    name = os.path.basename(path)
    if not zipfile.is_zipfile(path):
        raise InputError(f"{name}: not an Excel workbook (.xlsx files are zip archives; this one is not, "
                         "or it is damaged or password-protected)")
    import pandas as pd
    try:
        return pd.read_excel(path, sheet_name=None, engine="calamine")
    except ImportError:
        pass
    except Exception as e:  # calamine raises its own error types
        raise InputError(f"{name}: the workbook cannot be read ({type(e).__name__}: {e})") from None
    try:
        return pd.read_excel(path, sheet_name=None, engine="openpyxl")
    except Exception as e:
        raise InputError(f"{name}: the workbook cannot be read ({type(e).__name__}: {e})") from None


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
        raise InputError(f"{where}: needs two columns, Key and Value")
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
        s.apply(str(key).strip(), value, where=f"{where}, row {i + 2}")
    return s


def load_input(path, meta=None, warnings=None) -> Project:
    """Open any input the command line accepts as a project."""
    from . import projectfile
    path = os.fspath(path)
    name = os.path.basename(path)
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    ext = os.path.splitext(path)[1].lower()
    if ext == ".coindex":
        return projectfile.load(path)
    if ext in (".xlsx", ".xlsm"):
        sheets = read_workbook(path)
        for needed in ("Data", "Meta"):
            if needed not in sheets:
                raise InputError(f"{name}: no sheet named '{needed}' (sheets found: {', '.join(sheets)})")
        recs, rownos = _records(sheets["Meta"])
        fw = Framework.from_records(recs, where=f"{name}, sheet Meta", rownos=rownos)
        data = sheets["Data"]
        ds = Dataset.from_frame(data, fw, where=f"{name}, sheet Data", warnings=warnings)
        info: dict = {}
        settings = settings_from_rows(sheets["Settings"], f"{name}, sheet Settings", info) \
            if "Settings" in sheets else Settings()
        prov = _provenance(path, "Data", data, ds)
        return Project(fw, ds, settings, prov, info=info)
    if ext == ".csv":
        if meta is None:
            raise InputError(f"{name}: a CSV input needs --meta naming the iMeta CSV file")
        mname = os.path.basename(meta)
        if not os.path.exists(meta):
            raise InputError(f"{meta}: no such file")
        recs, rownos = _records(read_csv(meta))
        fw = Framework.from_records(recs, where=mname, rownos=rownos)
        data = read_csv(path)
        ds = Dataset.from_frame(data, fw, where=name, warnings=warnings)
        return Project(fw, ds, Settings(), _provenance(path, None, data, ds))
    raise InputError(f"{name}: unsupported input type '{ext or 'none'}' (use .coindex, .xlsx or .csv)")


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


# ---- writing -------------------------------------------------------------------
def atomic_workbook_save(wb, path) -> None:
    with atomic_output(path) as tmp:
        wb.save(tmp)


def _sheet(wb, title, header, rows, widths=None):
    from openpyxl.styles import Font
    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([None if (isinstance(v, float) and not np.isfinite(v)) else v for v in r])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for k, h in enumerate(header):
        ws.column_dimensions[column_letter(k)].width = (widths or {}).get(h, max(10, min(40, len(str(h)) + 4)))
    return ws


def write_template(path) -> None:
    """An empty template workbook: Data and Meta headers, Settings with the
    defaults, and a sheet explaining the layout."""
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Data", DATA_COLUMNS, [], {"uName": 30})
    _sheet(wb, "Meta", META_COLUMNS, [], {"iName": 36, "iName_zh": 24, "Description": 40})
    d = Settings().to_dict()
    rows = [["normalisation", d["normalisation"], "fixed_base, minmax, zscore, rank, prank, goalposts, dist2target"],
            ["minmax_range", "0,100", "L,U"],
            ["pooled", "false", "true: min-max / z-score over all periods at once"],
            ["base_year", "", "empty: the first period"],
            ["aggregation", d["aggregation"], "arithmetic, geometric, harmonic, generalised"],
            ["power", d["power"], "power p of the generalised mean"],
            ["weighting", d["weighting"], "manual (Meta Weight column) or equal"]]
    _sheet(wb, "Settings", ["Key", "Value", "Note"], rows, {"Key": 16, "Value": 14, "Note": 70})
    help_rows = [[t] for t in (
        "Data: one row per unit and period: uCode, uName, Time, then one column per indicator code (iCode).",
        "Optional group columns (Type Group in Meta) and denominator columns (Type Denominator).",
        "Meta: one row per indicator and aggregate: Level, iCode, iName, iName_zh, Direction (1 or -1),",
        "Weight, Parent (code of the aggregate above), Type (Indicator, Aggregate, Group, Denominator), Unit, ...",
        "Settings: key / value rows; remove a row to use the default.",
        "Missing values: leave the cell empty.")]
    _sheet(wb, "README", ["CoIndex template"], help_rows, {"CoIndex template": 110})
    atomic_workbook_save(wb, path)


def write_results(engine, path) -> None:
    """Values-only results workbook: framework, raw data, scores, ranks,
    growth, contributions and warnings."""
    from openpyxl import Workbook
    doc = results_document(engine)
    wb = Workbook()
    wb.remove(wb.active)
    fw = engine.framework
    _sheet(wb, "Framework", ["code", "name", "name_zh", "parent", "level", "weight", "direction", "type", "unit"],
           [[n.code, n.name, n.name_zh, n.parent, fw.level[n.code], n.weight, n.direction, n.type, n.unit]
            for n in fw.nodes], {"name": 36, "name_zh": 24})
    _sheet(wb, "Data", ["unit", "period", "code", "value"],
           [[r["unit"], r["period"], r["code"], r["value"]] for r in doc["data"]])
    ranks = {(r["unit"], r["period"], r["code"]): r["rank"] for r in doc["ranks"]}
    _sheet(wb, "Scores", ["unit", "period", "code", "level", "score", "rank"],
           [[r["unit"], r["period"], r["code"], fw.level[r["code"]], r["value"],
             ranks.get((r["unit"], r["period"], r["code"]))] for r in doc["scores"]])
    ds = engine.dataset
    changes = []
    if len(ds.periods) > 1:
        for code in engine.codes:
            base, yoy = engine.change_since_base(code), engine.yoy(code)
            for u, unit in enumerate(ds.unit_codes):
                for t, period in enumerate(ds.periods):
                    changes.append([unit, period, code, _num(base[u, t]), _num(yoy[u, t])])
    _sheet(wb, "Changes", ["unit", "period", "code", "change_since_base_pct", "yoy_pct"], changes,
           {"change_since_base_pct": 22})
    _sheet(wb, "Growth", ["unit", "code", "from", "to", "change_pct", "cagr_pct"],
           [[g[k] for k in ("unit", "code", "from", "to", "change_pct", "cagr_pct")] for g in doc["growth"]])
    _sheet(wb, "Contributions", ["unit", "code", "child", "from", "to", "points", "share_pct"],
           [[c[k] for k in ("unit", "code", "child", "from", "to", "points", "share_pct")]
            for c in doc["contributions"]])
    _sheet(wb, "Warnings", ["kind", "code", "unit", "period", "message"],
           [[w.get("kind"), w.get("code"), w.get("unit"), w.get("period"), w.get("message")] for w in doc["warnings"]],
           {"message": 100})
    atomic_workbook_save(wb, path)


def _num(x):
    x = float(x)
    return x if np.isfinite(x) else None


def results_document(engine) -> dict:
    """The ``--json`` document of the command line."""
    fw, ds = engine.framework, engine.dataset
    periods = ds.periods if ds.has_time else [None]
    U, T = len(ds.unit_codes), len(periods)
    out = {"framework": [{"code": n.code, "name": n.name, "name_zh": n.name_zh, "parent": n.parent,
                          "level": fw.level[n.code], "weight": n.weight, "direction": n.direction}
                         for n in fw.nodes],
           "units": list(ds.unit_codes), "periods": list(periods) if ds.has_time else [None]}

    def cells(arr, key, codes, cast=_num):
        rows = []
        for j, code in enumerate(codes):
            a = arr[j]
            for u in range(U):
                for t in range(T):
                    rows.append({"unit": ds.unit_codes[u], "period": periods[t], "code": code,
                                 key: cast(a[u, t])})
        return rows

    out["data"] = cells(np.moveaxis(ds.values, 2, 0), "value", ds.codes)
    out["scores"] = cells(engine.scores, "value", engine.codes)
    out["ranks"] = cells(engine.all_ranks(), "rank",
                         engine.codes, lambda r: None if np.isnan(r) else int(r))
    growth, contrib = [], []
    if T > 1:
        p0, p1 = periods[0], periods[-1]
        for code in engine.codes:
            ch, cg = engine.growth(code, 0, -1)
            for u in range(U):
                growth.append({"unit": ds.unit_codes[u], "code": code, "from": p0, "to": p1,
                               "change_pct": _num(ch[u]), "cagr_pct": _num(cg[u])})
        for parent in fw.aggregate_codes:
            kids, pts, share = engine.contributions(parent, 0, -1)
            for u in range(U):
                for j, child in enumerate(kids):
                    contrib.append({"unit": ds.unit_codes[u], "code": parent, "child": child, "from": p0, "to": p1,
                                    "points": _num(pts[j, u]), "share_pct": _num(share[j, u])})
    out["growth"] = growth
    out["contributions"] = contrib
    out["warnings"] = engine.warnings
    return out


__all__ = ["load_input", "write_template", "write_results", "results_document", "CoIndexError"]
