"""COINr interchange: write a project as the iData / iMeta CSV files that
COINr's ``new_coin(iData, iMeta)`` accepts (read back by
:func:`core.importing.inputs.load_input` as ``DATA.csv --meta META.csv``).

COINr's checks (``check_iData`` / ``check_iMeta`` of COINr 1.x) shape what is
written:

* iMeta has ``Level, iCode, iName, Direction, Weight, Parent, Type`` and, where
  every indicator has one, ``Unit`` and ``Target`` (COINr refuses a Target
  column with gaps, and reads an all-empty Unit column as non-text).  Every
  other column (``iName_zh``, ``Source``, ``Description``, per-indicator
  parameters such as ``Denominator`` or ``goalpost_lower``) is an extra
  column, which COINr allows and ignores; COINr's ``iName`` is one column, so
  it holds the English name and the Chinese name goes to ``iName_zh``.
* Levels are consecutive: each node's parent is exactly one level above it;
  indicators are level 1 and the index is the only node without a parent at
  the top level.
* Codes (iCode and uCode) are text that does not start with a digit; iCodes
  are unique and differ from the unit codes.
* iData has ``uCode, uName``, ``Time`` (numeric, only when the data has
  periods), the Group and Denominator columns, then one column per indicator;
  every column other than uCode / uName / Time is an iCode of iMeta.

Anything COINr would refuse raises :class:`~core.errors.InputError` naming the
node or unit, before any file is written.  Files are UTF-8 without a byte
order mark (a BOM would become part of R's first column name); numbers are
written in their shortest exact form, so a round trip gives identical values.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from core.errors import InputError
from core.atomic import atomic_output
from core.text import tr

META_ORDER = ["Level", "iCode", "iName", "Direction", "Weight", "Parent", "Type"]
# our own columns kept as extra iMeta columns (COINr ignores extra columns)
EXTRA_CORE = ["iName_zh", "Source", "Description"]


def _bad_code(code) -> bool:
    """COINr codes are text that does not start with a digit (and R must
    not read them as numbers)."""
    return not code or code[0].isdigit() or _float(code) is not None


def coinr_frames(project) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The (iData, iMeta) frames COINr accepts, and notes on what was
    adapted.  Raises InputError where COINr cannot represent the project."""
    fw, ds = project.framework, project.dataset
    notes: list[str] = []
    _check_codes(fw, ds)
    _check_levels_and_periods(fw, ds)
    meta = _meta_frame(project, notes)
    data = _data_frame(ds, notes)
    return data, meta, notes


def _check_codes(fw, ds) -> None:
    """InputError unless every node, column and unit code is one COINr
    accepts, unit and indicator codes differ and none is a reserved name."""
    for n in fw.nodes:
        if _bad_code(n.code):
            raise InputError(tr("COINr export: the code '{code}' starts with a digit; COINr requires iCodes that "
                                "start with a letter", code=n.code), code=n.code)
    for a in fw.aux:
        if _bad_code(a.code):
            raise InputError(tr("COINr export: the column code '{code}' starts with a digit; COINr requires iCodes "
                                "that start with a letter", code=a.code), code=a.code)
    for u in ds.unit_codes:
        if _bad_code(u):
            raise InputError(tr("COINr export: the unit code '{unit}' starts with a digit; COINr requires unit "
                                "codes that start with a letter", unit=u), unit=u)
    icodes = {n.code for n in fw.nodes} | {a.code for a in fw.aux}
    clash = sorted(icodes & set(ds.unit_codes))
    if clash:
        raise InputError(tr("COINr export: '{code}' is both a unit code and an indicator code; COINr requires them "
                            "to differ", code=clash[0]), code=clash[0])
    reserved = icodes & {"uCode", "uName", "Time"}
    if reserved:
        raise InputError(tr("COINr export: '{code}' is a reserved iData column name", code=sorted(reserved)[0]))


def _check_levels_and_periods(fw, ds) -> None:
    """InputError unless every parent is one level above its children, the
    index alone is at the top and every period is a number."""
    top = max(fw.level.values())
    for n in fw.nodes:
        if n.parent is not None and fw.level[n.parent] != fw.level[n.code] + 1:
            raise InputError(tr(
                "COINr export: '{code}' (level {level}) has the parent '{parent}' at level {parent_level}; COINr "
                "requires every parent exactly one level above its children (add an intermediate aggregate)",
                code=n.code, level=fw.level[n.code], parent=n.parent, parent_level=fw.level[n.parent]), code=n.code)
        if n.parent is None and fw.level[n.code] != top:
            raise InputError(tr("COINr export: '{code}' has no parent but is not at the top level {top}; COINr "
                                "requires one index at the top of the framework", code=n.code, top=top), code=n.code)
    if ds.has_time:
        bad = [p for p in ds.periods if not isinstance(p, (int, np.integer))]
        if bad:
            raise InputError(tr("COINr export: the period '{period}' is not a number; COINr requires a numeric "
                                "Time column", period=bad[0]))


def _own_params(project) -> dict:
    """Code -> the per-indicator parameters, with the per-indicator settings
    as the Meta columns the loader reads back."""
    st = project.settings
    own = {n.code: dict(n.params) for n in project.framework.nodes}
    for code, method in st.normalisation_by.items():
        own[code]["Normalisation"] = method
    for code, period in st.base_year_by.items():
        own[code]["BaseYear"] = period
    return own


def _meta_frame(project, notes) -> pd.DataFrame:
    """The iMeta frame: a row per node, then one per aux column; a Unit or
    Target column only when every indicator has one (else a note says so)."""
    fw = project.framework
    own = _own_params(project)
    params = list(dict.fromkeys(k for n in fw.nodes for k in own[n.code]))
    inds = [n for n in fw.nodes if n.is_indicator]
    has_unit = all(n.unit for n in inds)
    targets = [_float(own[n.code].get("Target")) for n in inds]
    has_target = all(t is not None for t in targets)
    if any(n.unit for n in inds) and not has_unit:
        notes.append("Unit column left out: COINr needs a unit for every indicator or none")
    if any(t is not None for t in targets) and not has_target:
        notes.append("Target column left out: COINr requires a target for every indicator if the column exists")
    rows = _meta_rows(fw, own, params, has_unit, has_target)
    cols = META_ORDER + (["Unit"] if has_unit else []) + (["Target"] if has_target else []) + EXTRA_CORE + \
        [k for k in params if k != "Target"]
    meta = pd.DataFrame(rows, columns=cols)
    meta = meta[[c for c in cols if c in META_ORDER or meta[c].notna().any()]]
    meta["Level"] = meta["Level"].astype("Int64")
    meta["Direction"] = meta["Direction"].astype("Int64")
    return meta


def _meta_rows(fw, own, params, has_unit, has_target) -> list:
    """The iMeta rows as dicts: nodes with their parameters, then aux columns."""
    rows = []
    for n in fw.nodes:
        row = {"Level": fw.level[n.code], "iCode": n.code, "iName": n.name or n.code, "Direction": n.direction,
               "Weight": n.weight, "Parent": n.parent, "Type": n.type}
        if has_unit:
            row["Unit"] = n.unit or None
        if has_target:
            row["Target"] = _float(own[n.code].get("Target"))
        row.update({"iName_zh": n.name_zh or None, "Source": n.source or None, "Description": n.description or None})
        for k in params:
            if k != "Target":
                row[k] = own[n.code].get(k)
        rows.append(row)
    for a in fw.aux:
        rows.append({"Level": None, "iCode": a.code, "iName": a.name or a.code, "Direction": None, "Weight": None,
                     "Parent": None, "Type": a.type, **({"Unit": a.unit or None} if has_unit else {})})
    return rows


def _data_frame(ds, notes) -> pd.DataFrame:
    """The iData frame: uCode, uName, Time, groups, denominators, indicators;
    a note names indicators without values."""
    data = ds.to_frame()
    lead = ["uCode", "uName"] + (["Time"] if ds.has_time else [])
    data = data[lead + list(ds.groups) + list(ds.denominators) + list(ds.codes)]
    if ds.has_time:
        data["Time"] = data["Time"].astype("int64")
    empty = [c for c in ds.codes if data[c].isna().all()]
    if empty:
        notes.append(tr("indicator(s) {codes} have no values; COINr reads an empty column as non-numeric and "
                        "refuses it", codes=", ".join(empty)))
    return data


def export_coinr(project, idata_path, imeta_path) -> list[str]:
    """Write iData and iMeta CSV files for COINr's ``new_coin``.  Returns
    notes on what was adapted (empty when nothing was).  Nothing is written
    when the project cannot be represented."""
    data, meta, notes = coinr_frames(project)
    with atomic_output(idata_path) as tmp_d, atomic_output(imeta_path) as tmp_m:
        data.to_csv(tmp_d, index=False, encoding="utf-8", na_rep="", lineterminator="\n")
        meta.to_csv(tmp_m, index=False, encoding="utf-8", na_rep="", lineterminator="\n")
    return notes


def _float(v):
    if v is None:
        return None
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


__all__ = ["export_coinr", "coinr_frames"]
