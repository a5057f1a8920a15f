"""The import plan the wizard and ``python main.py import`` share: the
options of an import (:class:`ImportOptions`), reading and interpreting a
file with them, the merge into an open project or the new project they
give, the check that the project still computes, and what a merge changes
in words.  The options are stored with the provenance record of every
import the wizard makes, with the source's full path, so that *Refresh
from source* can repeat it without the wizard (:func:`refresh_plans`).

No Qt here: the texts shown to the user go through core.text (the GUI sets
its language there), like every core message.
"""
from __future__ import annotations

import copy
import dataclasses
import os

from core.errors import CoIndexError, InputError
from core.importing.confidence import check as check_confidence
from core.importing.importer import import_cells, import_workbook
from core.importing.merge import merge_into, to_project
from core.importing.result import subset
from core.sheets.cells import ImportCancelled, WorkbookCells
from core.sheets.readers import read_workbook_cells
from core.text import tr, trn

SKIP = "<skip>"                 # mapping value: do not import this workbook indicator
OPTIONS_KEY = "import_options"  # key of the options in a provenance source record
PATH_KEY = "path"               # key of the source's full path in a provenance source record


# ---- the import's options ------------------------------------------------------------------------
@dataclasses.dataclass
class ImportOptions:
    """What the wizard chose.  ``sheets``: the sheets to read (None: every
    visible sheet; a hidden sheet is read when named); ``header_row`` is
    1-based (None: detect); ``mapping`` maps a workbook indicator's label to
    a project indicator code or :data:`SKIP` (labels not in it are matched
    automatically); ``new_parents`` maps the label of an indicator that
    matches none to the aggregate it is added under (None: not imported);
    ``new_parent`` does so for the labels not in ``new_parents``.
    ``columns`` names the column of a role (``unit_code``, ``unit_name``,
    ``ind_code``, ``ind_name``, ``year``, ``value``, ``measure``) by its
    header text or letter; ``filters`` keeps only the rows whose extra key
    column holds the given value."""
    path: str = ""
    sheets: list | None = None
    layout: str = "auto"
    header_row: int | None = None
    unit: str | None = None
    include_hidden: bool = False
    mapping: dict = dataclasses.field(default_factory=dict)
    new_parent: str | None = None
    new_parents: dict = dataclasses.field(default_factory=dict)
    add_units: bool = False         # units matching none are added (else left out; one into one: that unit)
    add_periods: bool = True
    unreadable: str = "missing"
    clear_missing: bool = False     # cells the workbook marks missing clear the project's values
    # the user's reading of the table, which wins over detection:
    skip_rows: int = 0              # rows above the table to ignore
    columns: dict = dataclasses.field(default_factory=dict)   # role -> column (header text or letter)
    filters: dict = dataclasses.field(default_factory=dict)   # extra key column -> the value kept
    accept_guess: bool = False      # import even when the detection is not confident
    split: list = dataclasses.field(default_factory=list)     # extra key columns whose values make indicators

    def to_record(self) -> dict:
        d = dataclasses.asdict(self)
        d.pop("path")
        return d

    @classmethod
    def from_record(cls, record: dict) -> "ImportOptions":
        known = {f.name for f in dataclasses.fields(cls)}
        options = cls(**{k: v for k, v in (record.get(OPTIONS_KEY) or {}).items() if k in known})
        options.path = record.get(PATH_KEY, "")
        return options


def read_cells(path, progress=None) -> WorkbookCells:
    """Read every visible sheet of ``path`` (core.sheets.readers: safe, bounded);
    hidden sheets are read when chosen (:func:`with_sheets`), so the first
    read of a big workbook reads no more than it must."""
    return read_workbook_cells(path, None, progress=progress)


def hidden_sheets(cells: WorkbookCells) -> list:
    """The names of the workbook's sheets that are not visible (read or
    not yet read), in the workbook's order."""
    visible = {s.name for s in cells.sheets if s.visible}
    return [name for name in cells.sheet_names if name not in visible]


def with_sheets(cells: WorkbookCells, names, progress=None) -> WorkbookCells:
    """``cells`` and the sheets of ``names`` it has not read yet (hidden
    sheets), read from the same file: a new object in the workbook's sheet
    order (``cells`` itself is unchanged, so a worker thread may build it).
    Names the workbook does not have are ignored (:func:`select_sheets`
    then falls back to every sheet)."""
    have = {s.name for s in cells.sheets}
    missing = [n for n in dict.fromkeys(names or ()) if n in cells.sheet_names and n not in have]
    if not missing:
        return cells
    more = read_workbook_cells(cells.path, missing, progress=progress)
    if more.sha256 != cells.sha256:
        raise InputError(tr("{file}: the file has changed since it was read; choose it again on the first page",
                            file=cells.file))
    by_name = {s.name: s for s in cells.sheets + more.sheets}
    return dataclasses.replace(cells, sheets=[by_name[n] for n in cells.sheet_names if n in by_name])


def select_sheets(cells: WorkbookCells, sheets) -> WorkbookCells:
    """The cells of the chosen sheets only (every visible sheet when
    ``sheets`` is None or names none of them).  The reader's note that
    hidden sheets were not read says how to read them in the wizard, and
    is left out when sheets are chosen."""
    chosen = [s for s in cells.sheets if s.name in set(sheets)] if sheets else []
    warnings = list(cells.warnings)
    if not chosen:
        chosen = [s for s in cells.sheets if s.visible] or cells.sheets
        hidden = hidden_sheets(cells)
        if hidden:
            warnings.append(tr("{file}: hidden sheet(s) {sheets} not read (choose one under Sheets to read it)",
                               file=cells.file, sheets=", ".join(hidden)))
    return dataclasses.replace(cells, sheets=chosen, warnings=warnings, hidden_unread=[])


def interpret(cells: WorkbookCells, options: ImportOptions):
    """The :class:`core.importing.result.ImportResult` of ``cells`` read with ``options``."""
    return import_cells(select_sheets(cells, options.sheets), layout=options.layout,
                                 header_row=options.header_row, unit=options.unit or None,
                                 include_hidden=options.include_hidden, skip_rows=options.skip_rows or 0,
                                 columns=options.columns or None, **_key_options(options))


def reinterpret(cells: WorkbookCells, options: ImportOptions, progress=None):
    """Read the chosen sheets ``cells`` lacks (hidden ones) and interpret
    (the layout page's job).  Returns ``(cells, result, message)``: reading
    errors raise, an interpretation that fails gives ``result`` None and
    the message (the wizard lets the user correct the header row or
    layout)."""
    cells = with_sheets(cells, options.sheets, progress=progress)
    try:
        return cells, interpret(cells, options), ""
    except CoIndexError as e:
        return cells, None, str(e)


def read_and_interpret(path, options: ImportOptions, progress=None):
    """Read and interpret in one call (the worker's job); returns what
    :func:`reinterpret` returns."""
    cells = read_cells(path, progress=progress)
    if progress is not None and progress(0.97, tr("interpreting")) is False:
        raise ImportCancelled(tr("{name}: import cancelled", name=os.path.basename(path)))
    return reinterpret(cells, options)


def label_of(indicator) -> str:
    """The workbook label a merge reports an indicator by (its key in
    ``MergeSummary.matched`` and in :attr:`ImportOptions.mapping`)."""
    return indicator.label or indicator.name or indicator.code


def apply_mapping(result, mapping: dict):
    """``result`` with the user's mapping applied: indicators mapped to a
    project code carry that code (so the merge matches them by code), those
    mapped to :data:`SKIP` are left out.  ``result`` itself is unchanged."""
    if not mapping:
        return result
    keep, indicators = [], []
    for k, ind in enumerate(result.indicators):
        target = mapping.get(label_of(ind))
        if target == SKIP:
            continue
        keep.append(k)
        if target:
            ind = dataclasses.replace(ind, code=target, code_from_file=True)
        indicators.append(ind)
    out = subset(result, inds=keep) if len(keep) < len(result.indicators) else copy.copy(result)
    out.indicators = indicators
    return out


def plan_merge(project, result, options: ImportOptions, *, stamp: bool = True):
    """``(command, summary)`` of merging ``result`` into ``project`` with
    ``options``; the command's provenance records carry the source's path
    and the options (for *Refresh from source*) unless ``stamp`` is False
    (the command line's records name the file only).  Raises InputError
    when nothing matches.  The project is not changed."""
    mapped = apply_mapping(result, options.mapping)
    parents = options.new_parent
    if options.new_parents:         # one parent per workbook indicator, by its code in the import
        parents = {ind.code: options.new_parents.get(label_of(ind), options.new_parent) for ind in mapped.indicators}
    command, summary = merge_into(project, mapped, new_parent=parents, add_units=options.add_units,
                                  add_periods=options.add_periods, unreadable=options.unreadable,
                                  clear_missing=options.clear_missing)
    if stamp:
        stamp_sources(command.sources, options)
    return command, summary


def check_computes(project, command) -> None:
    """Raise the :class:`core.errors.ComputeError` the project would raise
    after ``command`` (e.g. a fixed-base index without the base period's
    value of a new indicator), without changing the project."""
    from core.pipeline.engine import Engine
    from core.project.project import SetStructure
    inner = getattr(command, "inner", command)
    if isinstance(inner, SetStructure):
        Engine(inner.framework, inner.dataset or project.dataset, project.settings)
        return
    ds = project.dataset.copy()
    for unit, period, code, value in inner.cells:
        ds.values[ds.unit_index[unit], ds.period_index[period], ds.code_index[code]] = \
            float("nan") if value is None else value
    Engine(project.framework, ds, project.settings)


def stamp_sources(records, options: ImportOptions):
    """Write the source's full path and the options into provenance records."""
    for record in records:
        record[PATH_KEY] = os.path.abspath(options.path)
        record[OPTIONS_KEY] = options.to_record()


def new_project(result, options: ImportOptions, *, stamp: bool = True):
    """A new project from ``result`` (core.importing.merge.to_project), its
    provenance stamped like a merge's (unless ``stamp`` is False)."""
    project = to_project(result)
    if stamp:
        stamp_sources(project.provenance.get("sources", []), options)
    return project


def changes_anything(summary) -> bool:
    """Whether a merge changes a value or adds an indicator, unit or period."""
    return bool(summary.cells_changed or summary.new_indicators or summary.new_units or summary.new_periods)


def refresh_plans(project) -> list:
    """The :class:`ImportOptions` of every workbook the project was
    imported from with a known path (the latest import of each file)."""
    latest = {}
    for record in project.provenance.get("sources", []) or []:
        if isinstance(record, dict) and record.get(PATH_KEY):
            latest[os.path.normcase(record[PATH_KEY])] = record
    out = []
    for record in latest.values():
        options = ImportOptions.from_record(record)
        options.new_parent = None            # a refresh updates values; new indicators need the wizard
        options.new_parents = {}
        out.append(options)
    return out


def import_file(options: ImportOptions, progress=None):
    """Read and interpret ``options.path`` in one go, as the command line
    does: only the sheets named are read (every visible one when none is),
    and a failure no rule foresaw is an InputError too
    (core.importing.importer.import_workbook)."""
    return import_workbook(options.path, options.sheets, layout=options.layout, header_row=options.header_row,
                           unit=options.unit, include_hidden=options.include_hidden, progress=progress,
                           skip_rows=options.skip_rows or 0, columns=options.columns or None,
                           **_key_options(options))


def _key_options(options: ImportOptions) -> dict:
    """The long layout's reading of extra key columns and of the unit-of-measure column."""
    return {"filters": dict(options.filters or {}), "split": tuple(options.split or ()),
            "measure_column": (options.columns or {}).get("measure")}


def confident(result, options: ImportOptions) -> list:
    """What the reading of ``result`` guessed (core/importing/confidence.py
    :class:`Doubt`): InputError listing it unless ``options.accept_guess``,
    in which case the doubts are returned (to be shown)."""
    return check_confidence(result, options.accept_guess)


def read_for_refresh(options: ImportOptions, progress=None):
    """The worker's job for a refresh: read and interpret (raises on failure)."""
    cells = read_cells(options.path, progress=progress)
    return interpret(with_sheets(cells, options.sheets, progress=progress), options)


# ---- what a merge changed, in words -------------------------------------------------------------------
def summary_lines(summary, file: str = "") -> list[str]:
    """What a merge changes (or changed), in the current language."""
    lines = []
    if file:
        lines.append(tr("From {file}:", file=file))
    lines.append(trn("{n} indicator matched; {changed} cell(s) changed ({filled} filled, {new} new values, "
                     "{cleared} cleared), {unchanged} unchanged.",
                     "{n} indicators matched; {changed} cell(s) changed ({filled} filled, {new} new values, "
                     "{cleared} cleared), {unchanged} unchanged.", len(summary.matched),
                     changed=summary.cells_changed, filled=summary.filled, new=summary.changed,
                     cleared=summary.cleared, unchanged=summary.unchanged))
    for items, text in ((summary.new_indicators, tr("New indicators: {items}")),
                        (summary.new_units, tr("New units: {items}")),
                        (summary.new_periods, tr("New periods: {items}")),
                        (summary.unmatched_indicators, tr("Not imported (no matching indicator): {items}")),
                        (summary.unmatched_units, tr("Not imported (no matching unit): {items}")),
                        (summary.unmatched_periods, tr("Not imported (no matching period): {items}"))):
        if items:
            shown = ", ".join(str(x) for x in items[:12]) + (" …" if len(items) > 12 else "")
            lines.append(text.format(items=shown))
    if getattr(summary, "kept", 0):
        lines.append(tr("{n} cell(s) marked missing in the workbook keep the project's values.", n=summary.kept))
    unit_taken = getattr(summary, "unit_taken", None)
    if unit_taken is not None:
        lines.append(tr("The workbook's unit {unit} updates the project's only unit {only}.", unit=unit_taken[0],
                        only=unit_taken[1]))
    taken = getattr(summary, "period_taken", None)
    if taken is not None:
        lines.append(tr("The project has no periods: the file names none either.") if taken[0] is None else
                     tr("The project has no periods: the file's values of {period} are taken.", period=taken[0]))
    return lines


def change_lines(summary, limit: int = 20) -> list[str]:
    """The first cells a merge changes: 'unit · period · code: old → new'."""
    def show(v):
        return "—" if v is None else f"{v:g}"
    out = [f"{u} · {p} · {c}: {show(old)} → {show(new)}" for u, p, c, old, new in summary.changes[:limit]]
    if len(summary.changes) > limit:
        out.append(tr("… and {n} more", n=len(summary.changes) - limit))
    return out
