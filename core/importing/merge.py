"""From an import to a project: a new project, or a merge into an open one.

    project = to_project(result)                          # a new project, flat framework
    command, summary = merge_into(project, result)        # or: refresh an open project
    project.execute(command)                              # one undoable step

``result`` is a core.importing.result.ImportResult.  :func:`source_record` writes
the provenance of both (where every value came from).
"""
from __future__ import annotations

import datetime as _dt
import math
import os
import re
from dataclasses import dataclass, field

import numpy as np

from core.model.celltext import address, clean_text, has_cjk, parse_year, split_label_unit
from core.errors import CoIndexError, InputError
from core.importing.layouts.base import ValueCells
from core.importing.layouts.registry import cell_map
from core.importing.result import INDEX_CODE, ImportResult
from core.text import tr


# ---- provenance --------------------------------------------------------------------------------------
def source_record(result: ImportResult, codes=None, units=None, periods=None) -> list:
    """Provenance records, one per sheet read (docs/project-format.md):
    file, sheet, sha256, time, layout, header row, and row / column maps
    from which every value's cell follows.  ``rows_by`` / ``columns_by``
    name the keys, as the layout keys its cells
    (:meth:`core.importing.layouts.base.Layout.cell_map`).  ``codes`` / ``units``
    / ``periods`` rename the result's labels to the project's (a merge)."""
    codes = codes or [ind.code for ind in result.indicators]
    units = units or list(result.unit_codes)
    periods = periods or list(result.periods)
    stamp = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    pkey = ["" if p is None else str(p) for p in periods]
    out = []
    for s, sheet in enumerate(result.sheets):
        uu, tt, ii = np.nonzero(result.cell_sheet == s)
        rows_, cols_ = result.cell_row[uu, tt, ii], result.cell_col[uu, tt, ii]
        rec = {"file": result.file, "sheet": sheet, "sha256": result.sha256, "imported": stamp,
               "layout": result.layout, "header_row": result.header_rows.get(sheet)}
        cells = ValueCells(uu.tolist(), tt.tolist(), ii.tolist(), rows_.tolist(), cols_.tolist())
        keyed = cell_map(result.layout, cells, units, pkey, codes)
        rec["rows_by"], rec["columns_by"] = keyed.rows_by, keyed.columns_by
        rec["rows"], rec["columns"] = keyed.rows, keyed.columns
        out.append(rec)
    return out


# ---- a new project -----------------------------------------------------------------------------------
def to_project(result: ImportResult, title: str | None = None):
    """A new Project from an import: the template's framework and settings,
    or a flat framework (every indicator under one index ``INDEX``) with
    names kept (Chinese labels also as ``name_zh``) and default settings;
    a single unit over several periods gets fixed-base normalisation."""
    from core.model.dataset import Dataset
    from core.model.framework import Framework, Node
    from core.project.project import Project
    from core.model.usability import default_settings
    if not result.indicators or not result.unit_codes:
        raise InputError(tr("{file}: nothing to import (no indicators or no units were read)", file=result.file))
    if result.framework is not None:
        fw = result.framework
    else:
        zh = any(has_cjk(ind.name) for ind in result.indicators)
        nodes = [Node(INDEX_CODE, name=title or "Index", name_zh="综合指数" if zh else "", type="Aggregate")]
        nodes += [Node(ind.code, name=ind.name, name_zh=ind.name_zh, parent=INDEX_CODE, unit=ind.unit,
                       source=result.file) for ind in result.indicators]
        try:
            fw = Framework(nodes, where=tr("{file}: framework", file=result.file))
        except CoIndexError as e:
            raise InputError(str(e)) from None
    ds = Dataset(result.unit_codes, result.unit_names, result.periods, [ind.code for ind in result.indicators],
                 result.values.copy(), result.groups, result.denominators)
    settings = result.settings
    if settings is None:
        settings = default_settings(fw, ds)      # one unit over several periods: fixed base
    info = dict(result.info)
    info.setdefault("title", title or os.path.splitext(result.file)[0])
    return Project(fw, ds, settings, {"sources": source_record(result), "edits": []}, info=info)


# ---- into an existing project ------------------------------------------------------------------------
def normalise_label(s) -> str:
    """A label as merges compare it: cleaned, runs of spaces as one, case-folded."""
    return re.sub(r"\s+", " ", clean_text(str(s))).casefold() if s is not None else ""


@dataclass
class MergeSummary:
    """What a merge changes.  ``changes`` lists (unit, period, code, old, new)."""
    file: str
    matched: dict = field(default_factory=dict)            # workbook label -> project code
    unmatched_indicators: list = field(default_factory=list)
    unmatched_units: list = field(default_factory=list)
    unmatched_periods: list = field(default_factory=list)
    new_indicators: list = field(default_factory=list)
    new_units: list = field(default_factory=list)
    new_periods: list = field(default_factory=list)
    filled: int = 0              # missing -> value
    changed: int = 0             # value -> another value
    cleared: int = 0             # value -> missing (only with ``clear_missing``)
    kept: int = 0                # missing in the workbook, the project's value kept (without ``clear_missing``)
    unchanged: int = 0
    changes: list = field(default_factory=list)
    period_taken: object = None  # a project without periods: (the file's one period,) whose values it took
    unit_taken: object = None    # (workbook unit, project unit): the file's one unmatched unit updates the only unit

    @property
    def cells_changed(self) -> int:
        return self.filled + self.changed + self.cleared

    def lines(self) -> list:
        out = [tr("matched {matched} indicator(s); {changed} cell(s) changed: {filled} missing -> value, "
                  "{new} value -> new value, {cleared} value -> missing; {unchanged} unchanged",
                  matched=len(self.matched), changed=self.cells_changed, filled=self.filled, new=self.changed,
                  cleared=self.cleared, unchanged=self.unchanged)]
        if self.kept:
            out.append(tr("{n} cell(s) missing in the workbook: the project's values kept (--clear-missing "
                          "clears them)", n=self.kept))
        if self.unit_taken is not None:
            out.append(tr("the workbook's unit '{unit}' updates the project's only unit '{only}' (--add-units adds "
                          "it as a new unit)", unit=self.unit_taken[0], only=self.unit_taken[1]))
        for label, items in ((tr("new indicator(s): {items}"), self.new_indicators),
                             (tr("new unit(s): {items}"), self.new_units),
                             (tr("new period(s): {items}"), self.new_periods),
                             (tr("unmatched indicator(s), not imported: {items}"), self.unmatched_indicators),
                             (tr("unmatched unit(s), not imported: {items}"), self.unmatched_units),
                             (tr("unmatched period(s), not imported: {items}"), self.unmatched_periods)):
            if items:
                out.append(label.format(items=", ".join(map(str, items))))
        if self.period_taken is not None:
            p = self.period_taken[0]
            out.append(tr("the project has no periods: the file names none either") if p is None else
                       tr("the project has no periods: the file's values of {period} taken", period=p))
        return out


@dataclass
class ImportCommand:
    """One undoable import: the value or structure command plus the
    provenance records of the import (added on apply, removed on undo)."""
    inner: object
    sources: list
    remove: bool = False

    def apply(self, project):
        inverse = self.inner.apply(project)
        srcs = project.provenance.setdefault("sources", [])
        if self.remove:
            for rec in self.sources:
                for k in range(len(srcs) - 1, -1, -1):
                    if srcs[k] is rec:
                        del srcs[k]
                        break
        else:
            srcs.extend(self.sources)
        return ImportCommand(inverse, self.sources, not self.remove)


def _lookup(pairs):
    """key -> value, leaving out keys that name two different values."""
    out, ambiguous = {}, set()
    for key, value in pairs:
        if not key:
            continue
        if key in out and out[key] != value:
            ambiguous.add(key)
        out.setdefault(key, value)
    for key in ambiguous:
        del out[key]
    return out


SET_VALUES_LIMIT = 5000     # above this many changed cells, one dataset swap (no per-cell edit log)


def merge_into(project, result: ImportResult, *, new_parent: str | dict | None = None, add_units: bool = False,
               add_periods: bool = True, unreadable: str = "missing", clear_missing: bool = False):
    """Match an import to a project and build the command that applies it.

    Indicators are matched by code, English name or Chinese name (with or
    without a unit in parentheses), units by code or name, periods by value
    (2020 = "2020年").  Matched cells the workbook has a place for take the
    values read.  A cell the workbook marks missing (blank, "—", "..") keeps
    the project's value unless ``clear_missing`` (then it clears it); a
    cell that could not be read clears it (``unreadable="missing"``) or
    leaves it unchanged (``unreadable="keep"``).
    Units that match none are left out unless ``add_units``, except that
    the one unit of a file that names one unit updates the only unit of a
    one-unit project (``MergeSummary.unit_taken``).  New periods are added
    when ``add_periods``;
    unmatched indicators are added under ``new_parent`` when it is given,
    otherwise reported and left out.  ``new_parent`` may also be a dict
    {imported indicator code (``ImportedIndicator.code``) -> aggregate
    code}: each unmatched indicator goes under its own parent, those absent
    from it (or mapped to None) are reported and left out.  A parent that
    is not an aggregate of the framework raises :class:`InputError` naming
    it.  The project is not changed: apply the
    returned :class:`ImportCommand` (one undoable step).  Returns
    ``(command, MergeSummary)``.
    """
    if unreadable not in ("missing", "keep"):
        raise ValueError("unreadable must be 'missing' or 'keep'")
    fw, ds = project.framework, project.dataset
    summary = MergeSummary(result.file)
    imap, new_nodes = _match_indicators(fw, result, _parent_lookup(fw, new_parent), summary)
    if not imap:
        raise InputError(tr("{file}: none of the workbook's indicators matches the project's (read: {read}; "
                            "project: {project})", file=result.file,
                            read=", ".join(ind.label or ind.code for ind in result.indicators[:10]),
                            project=", ".join(fw.indicator_codes[:10])))
    umap, new_units = _match_units(ds, result, add_units, summary)
    if not umap:
        raise InputError(tr("{file}: none of the workbook's units matches the project's (read: {read}; project: "
                            "{project}); add them as new units to import them", file=result.file,
                            read=", ".join(result.unit_codes[:10]), project=", ".join(ds.unit_codes[:10])))
    pmap, new_periods = _match_periods(ds, result, add_periods, summary)
    structural = bool(new_nodes or new_units or new_periods)
    if structural:
        nfw, target = _grown(fw, ds, new_nodes, new_units, new_periods)
    else:
        nfw, target = fw, ds
    cells = _cells_to_write(result, target, umap, pmap, imap, unreadable, clear_missing, summary)
    sources = source_record(result, [imap.get(k, ind.code) for k, ind in enumerate(result.indicators)],
                            [umap.get(k, c) for k, c in enumerate(result.unit_codes)],
                            [pmap.get(k, p) for k, p in enumerate(result.periods)])
    return ImportCommand(_inner_command(result, ds, nfw, target, cells, structural), sources), summary


def _match_indicators(fw, result, parent_of, summary):
    """``(import position -> project code, new framework nodes)``: each
    imported indicator matched by code (when the file gave it) or by name,
    else added under its parent (``parent_of(code)``), else reported."""
    from core.model.framework import Node
    norm = normalise_label
    nodes = [fw[c] for c in fw.indicator_codes]
    by_code = _lookup((norm(n.code), n.code) for n in nodes)
    by_name = _lookup([(norm(n.name), n.code) for n in nodes] + [(norm(n.name_zh), n.code) for n in nodes]
                      + [(norm(split_label_unit(n.name)[0]), n.code) for n in nodes]
                      + [(norm(split_label_unit(n.name_zh)[0]), n.code) for n in nodes if n.name_zh])
    imap, used, new_nodes = {}, {}, []
    taken = set(fw.index_of) | {a.code for a in fw.aux}
    for k, ind in enumerate(result.indicators):
        code = by_code.get(norm(ind.code)) if ind.code_from_file else None
        for key in (ind.label, ind.name, ind.name_zh):
            if code is None and key:
                code = by_name.get(norm(key))
        label = ind.label or ind.name or ind.code
        if code is not None and code in used:
            result_label = result.indicators[used[code]].label or result.indicators[used[code]].code
            summary.unmatched_indicators.append(tr("{label} (matches '{code}' already matched by {other})",
                                                   label=label, code=code, other=result_label))
            continue
        if code is None:
            parent = parent_of(ind.code)
            if parent is None:
                summary.unmatched_indicators.append(label)
                continue
            code, n = ind.code, 2
            while code in taken:
                code, n = f"{ind.code}_{n}", n + 1
            taken.add(code)
            new_nodes.append(Node(code, name=ind.name, name_zh=ind.name_zh, parent=parent, unit=ind.unit,
                                  source=result.file))
            summary.new_indicators.append(code)
        imap[k] = code
        used[code] = k
        summary.matched[label] = code
    return imap, new_nodes


def _match_units(ds, result, add_units, summary):
    """``(import position -> project unit code, new (code, name) units)``."""
    norm = normalise_label
    ulook = _lookup([(norm(c), c) for c in ds.unit_codes] + [(norm(n), c) for c, n in
                                                             zip(ds.unit_codes, ds.unit_names)])
    umap, new_units = {}, []
    for k, (c, n) in enumerate(result.units):
        hit = ulook.get(norm(c)) or ulook.get(norm(n))
        if hit is None and not add_units and len(result.units) == 1 and len(ds.unit_codes) == 1:
            hit = ds.unit_codes[0]          # one unit into a one-unit project: that unit, said in the summary
            summary.unit_taken = (c if n in ("", c) else f"{n} ({c})", hit)
        if hit is None:
            if not add_units:
                summary.unmatched_units.append(c)
                continue
            hit = c
            new_units.append((c, n))
            ulook[norm(c)] = c
        umap[k] = hit
    summary.new_units = [c for c, _ in new_units]
    return umap, new_units


def _match_periods(ds, result, add_periods, summary):
    """``(import position -> project period, new periods)``.  A project
    without periods takes the values of a file with one period or none
    (InputError for a file with several)."""
    if not ds.has_time:
        if len(result.periods) > 1:
            raise InputError(tr("{file}: the project has no periods and the file has {n} ({periods}); import one "
                                "period (e.g. the file's sheet of that year with --sheet) or into a project with "
                                "periods", file=result.file, n=len(result.periods),
                                periods=", ".join(map(str, result.periods[:8])) + (" ..." if len(result.periods) > 8
                                                                                   else "")))
        summary.period_taken = (result.periods[0],)
        return {0: ds.periods[0]}, []
    pmap, new_periods = {}, []
    for k, p in enumerate(result.periods):
        hit = next((q for q in ds.periods if _same_period(p, q)), None)
        if hit is None:
            if not add_periods or not ds.has_time or p is None:
                summary.unmatched_periods.append(tr("(none)") if p is None else p)
                continue
            hit = p
            new_periods.append(p)
        pmap[k] = hit
    summary.new_periods = list(new_periods)
    return pmap, new_periods


def _grown(fw, ds, new_nodes, new_units, new_periods):
    """``(framework, dataset)`` with the new indicators, units and periods
    (the project's values in place, the new cells missing)."""
    from core.model.dataset import Dataset
    old_periods = list(ds.periods)
    periods = old_periods + new_periods
    if all(isinstance(p, int) for p in periods):
        periods = sorted(periods)
    unit_codes = ds.unit_codes + [c for c, _ in new_units]
    unit_names = ds.unit_names + [n for _, n in new_units]
    nfw = fw.with_nodes_added(new_nodes) if new_nodes else fw
    codes = nfw.indicator_codes
    vals = np.full((len(unit_codes), len(periods), len(codes)), np.nan)
    pi, ci = {p: k for k, p in enumerate(periods)}, {c: k for k, c in enumerate(codes)}
    vals[np.ix_(range(len(ds.unit_codes)), [pi[p] for p in old_periods], [ci[c] for c in ds.codes])] = ds.values
    groups = {g: _grow(a, len(unit_codes), [pi[p] for p in old_periods], len(periods), None)
              for g, a in ds.groups.items()}
    denoms = {g: _grow(a, len(unit_codes), [pi[p] for p in old_periods], len(periods), np.nan)
              for g, a in ds.denominators.items()}
    return nfw, Dataset(unit_codes, unit_names, periods, codes, vals, groups, denoms)


def _cells_to_write(result, target, umap, pmap, imap, unreadable, clear_missing, summary) -> list:
    """``[(unit, period, code, value or None)]`` of the matched cells the
    workbook has a place for whose value changes; ``summary`` counts them
    (and the unchanged ones, and the project's values kept where the
    workbook marks a value missing, unless ``clear_missing``) and lists the
    changes.  A cell that could not be read clears the project's value
    when ``unreadable`` is "missing" and is left out when it is "keep"."""
    bad = {(c.sheet, c.address) for c in result.unreadable}
    cells = []
    uk, tk, ik = (sorted(m) for m in (umap, pmap, imap))
    sub_present = result.present[np.ix_(uk, tk, ik)]
    for a, b, d in zip(*np.nonzero(sub_present)):
        u, t, i = uk[a], tk[b], ik[d]
        new = float(result.values[u, t, i])
        unread = bool(bad) and math.isnan(new) and (result.sheets[result.cell_sheet[u, t, i]], address(
            int(result.cell_row[u, t, i]), int(result.cell_col[u, t, i]))) in bad
        if unread and unreadable == "keep":
            continue
        unit, period, code = umap[u], pmap[t], imap[i]
        old = float(target.values[target.unit_index[unit], target.period_index[period], target.code_index[code]])
        if (math.isnan(old) and math.isnan(new)) or old == new:
            summary.unchanged += 1
            continue
        if math.isnan(old):
            summary.filled += 1
        elif math.isnan(new) and not (clear_missing or unread):
            summary.kept += 1
            continue
        elif math.isnan(new):
            summary.cleared += 1
        else:
            summary.changed += 1
        cells.append((unit, period, code, None if math.isnan(new) else new))
        summary.changes.append((unit, period, code, None if math.isnan(old) else old, None if math.isnan(new) else new))
    return cells


def _inner_command(result, ds, nfw, target, cells, structural):
    """The value edit (a few cells) or the structure swap (new rows or
    columns, or many cells: no per-cell edit log) that writes ``cells``."""
    from core.project.project import SetStructure, SetValues
    if structural or len(cells) > SET_VALUES_LIMIT:
        if not structural:
            target = ds.copy()
        for unit, period, code, v in cells:
            target.values[target.unit_index[unit], target.period_index[period], target.code_index[code]] = \
                np.nan if v is None else v
        return SetStructure(nfw, target)
    return SetValues(cells, note=tr("import {file}", file=result.file))


def _parent_lookup(fw, new_parent):
    """imported indicator code -> the aggregate a new indicator goes under
    (None: not imported), from ``merge_into``'s ``new_parent``; every
    parent named must be an aggregate of ``fw``."""
    if new_parent is None or isinstance(new_parent, str):
        wanted = {} if new_parent is None else {None: new_parent}
    elif isinstance(new_parent, dict):
        wanted = new_parent
    else:
        raise TypeError("new_parent must be an aggregate code, a dict of them, or None")
    for parent in dict.fromkeys(wanted.values()):
        if parent is not None and (not isinstance(parent, str) or parent not in fw or fw[parent].is_indicator):
            raise InputError(tr("'{parent}' is not an aggregate of the project's framework (new indicators go "
                                "under an aggregate: {aggregates})", parent=parent,
                                aggregates=", ".join(fw.aggregate_codes[:10])))
    if isinstance(new_parent, dict):
        return new_parent.get
    return lambda code: new_parent


def _grow(arr, n_units, old_t, n_periods, fill):
    out = np.full((n_units, n_periods), fill, dtype=arr.dtype)
    out[np.ix_(range(arr.shape[0]), old_t)] = arr
    return out


def _same_period(p, q) -> bool:
    if p is None or q is None:
        return p is None and q is None
    yp, yq = parse_year(p), parse_year(q)
    if yp is not None and yq is not None:
        return yp == yq
    return normalise_label(p) == normalise_label(q)
