"""Units and periods as edits: add, rename and delete a unit (a region, a
country), add and delete a period (next year's edition), each one undoable
command of the project (see :mod:`core.project.project`).

A command builds the new :class:`Dataset` (every array that is per unit or
per period follows: values, unit groups, denominators) and swaps it in with
the framework kept; the command it returns puts the old dataset back.  If the
method cannot compute with the new data (its base year deleted, its reference
unit gone) the old data stay and the engine's message says why.  Every
change is written to ``provenance["changes"]`` with its time, as framework
edits are (:mod:`core.project.changelog`).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.errors import InputError
from core.model.dataset import Dataset
from core.project.changelog import log_changes
from core.text import tr

MAX_CODE = 64


def _taken_unit(dataset: Dataset, code: str, current: str | None = None) -> bool:
    low = code.casefold()
    return any(u.casefold() == low and u != current for u in dataset.unit_codes)


def check_unit_code(dataset: Dataset, code, current: str | None = None) -> str:
    """``code`` stripped, or an InputError saying why it cannot name a unit
    (empty, too long, a line break, or the code of another unit in any case)."""
    text = str(code if code is not None else "").strip()
    if not text:
        raise InputError(tr("a unit needs a code"))
    if len(text) > MAX_CODE or "\n" in text or "\r" in text:
        raise InputError(tr("unit code '{code}': at most {n} characters on one line", code=text[:MAX_CODE],
                            n=MAX_CODE))
    if _taken_unit(dataset, text, current):
        raise InputError(tr("unit code '{code}' is taken by another unit", code=text))
    return text


def check_period(dataset: Dataset, period):
    """``period`` as the project holds periods (a whole year such as 2025),
    or an InputError (not a year, a project without periods, one it has)."""
    if not dataset.has_time:
        raise InputError(tr("the project's data have no periods, so none can be added"))
    text = str(period).strip()
    try:
        value = int(text)
    except ValueError:
        raise InputError(tr("period '{period}': a year such as 2025 is expected", period=text)) from None
    if not 1000 <= value <= 9999:
        raise InputError(tr("period '{period}': a year such as 2025 is expected", period=text))
    if value in dataset.period_index:
        raise InputError(tr("the project has the period {period} already", period=value))
    return value


def _rebuild(ds: Dataset, units: list[int] | None = None, periods: list[int] | None = None,
             unit_codes=None, unit_names=None, period_labels=None) -> Dataset:
    """``ds`` with its units (and their per-unit arrays) taken in the order
    ``units`` (-1: a new unit, all missing) and its periods in the order
    ``periods`` (-1: a new period, all missing)."""
    units = list(range(len(ds.unit_codes))) if units is None else units
    periods = list(range(len(ds.periods))) if periods is None else periods

    def take(arr, fill):
        arr = np.asarray(arr)
        out = np.full((len(units), len(periods)) + arr.shape[2:], fill, dtype=arr.dtype)
        for a, u in enumerate(units):
            if u < 0:
                continue
            for b, t in enumerate(periods):
                if t >= 0:
                    out[a, b] = arr[u, t]
        return out

    values = take(ds.values, np.nan)
    groups = {k: take(np.asarray(v, dtype=object), None) for k, v in ds.groups.items()}
    dens = {k: take(np.asarray(v, dtype=float), np.nan) for k, v in ds.denominators.items()}
    return Dataset(unit_codes if unit_codes is not None else [ds.unit_codes[u] for u in units],
                   unit_names if unit_names is not None else [ds.unit_names[u] for u in units],
                   period_labels if period_labels is not None else [ds.periods[t] for t in periods],
                   ds.codes, values, groups, dens)


@dataclass
class ReplaceData:
    """Swap in ``dataset`` (same indicators), logging ``changes``; the
    inverse puts the old dataset back and logs the reverse changes."""
    dataset: Dataset
    changes: list
    undo_changes: list

    def apply(self, project) -> "ReplaceData":
        old = project.replace_parts(dataset=self.dataset)["dataset"]
        log_changes(project.provenance, self.changes)
        project._emit("structure")
        return ReplaceData(old, self.undo_changes, self.changes)


def AddUnit(project, code, name=None) -> ReplaceData:
    """A new unit at the end, every value missing (type them in or import
    them into the project)."""
    ds = project.dataset
    code = check_unit_code(ds, code)
    name = str(name).strip() if name is not None and str(name).strip() else code
    new = _rebuild(ds, units=list(range(len(ds.unit_codes))) + [-1], unit_codes=ds.unit_codes + [code],
                   unit_names=ds.unit_names + [name])
    return ReplaceData(new, [{"change": "unit added", "code": code, "name": name}],
                       [{"change": "unit removed", "code": code, "name": name}])


def DeleteUnits(project, codes) -> ReplaceData:
    """The units ``codes`` removed with all their values (undo brings them back)."""
    ds = project.dataset
    codes = list(dict.fromkeys(str(c) for c in codes))
    unknown = [c for c in codes if c not in ds.unit_index]
    if unknown:
        raise InputError(tr("no unit '{code}' in the project", code=unknown[0]))
    if len(codes) >= len(ds.unit_codes):
        raise InputError(tr("a project needs at least one unit: the last one cannot be deleted"))
    keep = [u for u, c in enumerate(ds.unit_codes) if c not in codes]
    gone = [{"change": "unit removed", "code": c, "name": ds.unit_names[ds.unit_index[c]]} for c in codes]
    back = [{**g, "change": "unit added"} for g in gone]
    return ReplaceData(_rebuild(ds, units=keep), gone, back)


def RenameUnit(project, code, new_code=None, new_name=None) -> ReplaceData:
    """Unit ``code`` with a new code and / or name (its values kept)."""
    ds = project.dataset
    if code not in ds.unit_index:
        raise InputError(tr("no unit '{code}' in the project", code=code))
    u = ds.unit_index[code]
    new_code = code if new_code is None else check_unit_code(ds, new_code, current=code)
    new_name = ds.unit_names[u] if new_name is None or not str(new_name).strip() else str(new_name).strip()
    codes, names = list(ds.unit_codes), list(ds.unit_names)
    codes[u], names[u] = new_code, new_name
    entry = {"change": "unit renamed", "code": new_code, "old": code, "new": new_code,
             "old_name": ds.unit_names[u], "new_name": new_name}
    back = {**entry, "code": code, "old": new_code, "new": code, "old_name": new_name,
            "new_name": ds.unit_names[u]}
    return ReplaceData(_rebuild(ds, unit_codes=codes, unit_names=names), [entry], [back])


def AddPeriod(project, period) -> ReplaceData:
    """A new period (a year) in its place among the others, every value
    missing."""
    ds = project.dataset
    value = check_period(ds, period)
    labels = sorted(ds.periods + [value], key=lambda p: (str(type(p)), p))
    order = [ds.period_index.get(p, -1) for p in labels]
    return ReplaceData(_rebuild(ds, periods=order, period_labels=labels),
                       [{"change": "period added", "period": value}], [{"change": "period removed", "period": value}])


def DeletePeriods(project, periods) -> ReplaceData:
    """The periods removed with all their values (undo brings them back);
    the method's base year cannot go (the engine says so and nothing changes)."""
    ds = project.dataset
    if not ds.has_time:
        raise InputError(tr("the project's data have no periods"))
    wanted = list(dict.fromkeys(periods))
    unknown = [p for p in wanted if p not in ds.period_index]
    if unknown:
        raise InputError(tr("no period '{period}' in the project", period=unknown[0]))
    if len(wanted) >= len(ds.periods):
        raise InputError(tr("a project needs at least one period: the last one cannot be deleted"))
    st = project.settings
    for p in wanted:
        if p == st.base_year or p in st.base_year_by.values():
            raise InputError(tr("{period} is a base year of the index: choose another base year in the method "
                                "settings before deleting it", period=p))
    keep = [t for t, p in enumerate(ds.periods) if p not in wanted]
    gone = [{"change": "period removed", "period": p} for p in wanted]
    return ReplaceData(_rebuild(ds, periods=keep), gone, [{**g, "change": "period added"} for g in gone])
