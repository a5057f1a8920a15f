"""Importing and exporting off the GUI thread, and the import's options.

:class:`Task` runs one function in a background thread and reports on the
GUI thread (``progressed`` / ``succeeded`` / ``failed``).  ``cancel()``
stops waiting at once: the GUI forgets the task, the function's progress
callback answers False from then on (the core readers stop at their next
step with :class:`core.sheets.cells.ImportCancelled`), and whatever the thread
still returns is dropped.  The thread never holds the task itself (only a
weak reference), so a Qt object is never deleted outside the GUI thread.

:class:`ImportOptions` are the choices of the import wizard (sheets,
layout, header row, unit, the indicator mapping, where new indicators go);
they are stored with the provenance record of every import, with the
source's full path, so that *Refresh from source* can repeat the import
without the wizard (:func:`refresh_plans`).
"""
from __future__ import annotations

import copy
import dataclasses
import inspect
import os
import threading
import weakref

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from core.importing import importer
from core.sheets.cells import WorkbookCells
from core.errors import CoIndexError, InputError

SKIP = "<skip>"                 # mapping value: do not import this workbook indicator
OPTIONS_KEY = "import_options"  # key of the options in a provenance source record
PATH_KEY = "path"               # key of the source's full path in a provenance source record

translate = QCoreApplication.translate


# ---- background tasks ----------------------------------------------------------------------------
class _Relay(QObject):
    """Lives on the GUI thread for the whole session and hands what a
    worker thread posts to the task it belongs to (queued: the slot runs on
    the GUI thread); also deletes finished :class:`_QtRunner` threads."""

    posted = Signal(object)

    def __init__(self):
        super().__init__()
        self.posted.connect(self._deliver)

    @Slot(object)
    def _deliver(self, message):
        ref, job, kind, payload = message
        task = ref()
        if task is not None:
            task._receive(job, kind, payload)

    @Slot()
    def reap(self):
        runner = self.sender()
        _runners.discard(runner)
        if runner is not None:
            runner.deleteLater()


class _QtRunner(QThread):
    """A job in a QThread (it has an event dispatcher: Qt's font cache and
    text layout start timers while printing a PDF).  Kept in
    :data:`_runners` until finished, then deleted on the GUI thread."""

    def __init__(self, job):
        super().__init__()
        self.job = job
        self.finished.connect(_the_relay().reap)

    def run(self):
        self.job.run()


_runners: set = set()


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


class _Job:
    """What the worker thread sees: the call, a cancel flag and where to post."""

    def __init__(self, task, fn, args, kwargs):
        self.ref = weakref.ref(task)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.cancelled = False
        self.relay = _the_relay()

    def post(self, kind, payload=None):
        if not self.cancelled:
            self.relay.posted.emit((self.ref, self, kind, payload))

    def progress(self, fraction, message=""):
        """The callback handed to the function: False once cancelled."""
        if self.cancelled:
            return False
        self.post("progress", (float(fraction), str(message)))
        return True

    def run(self):
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as e:         # every failure reaches the GUI as a message
            self.post("failed", e)
        else:
            self.post("done", result)
        finally:
            self.fn = self.args = self.kwargs = None


class Task(QObject):
    """``fn(*args, **kwargs)`` in a daemon thread; if ``fn`` takes a
    ``progress`` argument it gets ``progress(fraction, message) -> bool``.
    ``qt_thread``: in a QThread instead (for Qt painting work such as a
    PDF; not daemonic, so only for jobs the user waits for).

    Signals (on the GUI thread): ``progressed(fraction, message)``,
    ``succeeded(result)``, ``failed(exception)``, ``finished()`` after either.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, fn, *args, parent=None, qt_thread: bool = False, **kwargs):
        super().__init__(parent)
        if "progress" in _parameters(fn):
            kwargs["progress"] = None          # filled in start()
        self._call = (fn, args, kwargs)
        self._qt_thread = qt_thread
        self._job: _Job | None = None
        self.result = None
        self.error: BaseException | None = None

    def start(self) -> "Task":
        fn, args, kwargs = self._call
        job = _Job(self, fn, args, dict(kwargs))
        if "progress" in job.kwargs:
            job.kwargs["progress"] = job.progress
        self._job = job
        if self._qt_thread:
            runner = _QtRunner(job)
            _runners.add(runner)
            runner.start()
        else:
            threading.Thread(target=job.run, name="coindex-task", daemon=True).start()
        return self

    @property
    def running(self) -> bool:
        return self._job is not None

    def cancel(self):
        """Stop waiting now; the thread's late result is dropped."""
        if self._job is not None:
            self._job.cancelled = True
            self._job = None

    def _receive(self, job, kind, payload):
        if job is not self._job:
            return                               # cancelled, or an earlier run
        if kind == "progress":
            self.progressed.emit(*payload)
            return
        self._job = None
        if kind == "done":
            self.result = payload
            self.succeeded.emit(payload)
        else:
            self.error = payload
            self.failed.emit(payload)
        self.finished.emit()


def _parameters(fn):
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}


def error_text(error: BaseException) -> str:
    """A message for the user: the core's own text for its typed errors."""
    if isinstance(error, CoIndexError):
        return str(error)
    if isinstance(error, MemoryError):
        return translate("import", "not enough memory to read this file")
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return translate("import", "unexpected error ({0}: {1}); please report it").format(type(error).__name__, error)


# ---- the import's options ------------------------------------------------------------------------
@dataclasses.dataclass
class ImportOptions:
    """What the wizard chose.  ``sheets``: the sheets to read (None: every
    visible sheet; a hidden sheet is read when named); ``header_row`` is
    1-based (None: detect); ``mapping`` maps a workbook indicator's label to
    a project indicator code or :data:`SKIP` (labels not in it are matched
    automatically); ``new_parents`` maps the label of an indicator that
    matches none to the aggregate it is added under (None: not imported);
    ``new_parent`` does so for the labels not in ``new_parents``."""
    path: str = ""
    sheets: list | None = None
    layout: str = "auto"
    header_row: int | None = None
    unit: str | None = None
    include_hidden: bool = False
    mapping: dict = dataclasses.field(default_factory=dict)
    new_parent: str | None = None
    new_parents: dict = dataclasses.field(default_factory=dict)
    add_units: bool = True
    add_periods: bool = True
    unreadable: str = "missing"

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
    """Read every visible sheet of ``path`` (core.model.celltext: safe, bounded);
    hidden sheets are read when chosen (:func:`with_sheets`), so the first
    read of a big workbook reads no more than it must."""
    return importer.read_workbook_cells(path, None, progress=progress)


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
    more = importer.read_workbook_cells(cells.path, missing, progress=progress)
    if more.sha256 != cells.sha256:
        raise InputError(translate("import", "{0}: the file has changed since it was read; choose it again on the "
                                             "first page").format(cells.file))
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
            warnings.append(translate("import", "{0}: hidden sheet(s) {1} not read (choose one under Sheets to "
                                                "read it)").format(cells.file, ", ".join(hidden)))
    return dataclasses.replace(cells, sheets=chosen, warnings=warnings, hidden_unread=[])


def interpret(cells: WorkbookCells, options: ImportOptions):
    """The :class:`core.importing.importer.ImportResult` of ``cells`` read with ``options``."""
    return importer.import_cells(select_sheets(cells, options.sheets), layout=options.layout,
                                 header_row=options.header_row, unit=options.unit or None,
                                 include_hidden=options.include_hidden)


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
    if progress is not None and progress(0.97, translate("import", "interpreting")) is False:
        raise importer.ImportCancelled(f"{os.path.basename(path)}: import cancelled")
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
    out = importer._subset(result, inds=keep) if len(keep) < len(result.indicators) else copy.copy(result)
    out.indicators = indicators
    return out


def plan_merge(project, result, options: ImportOptions):
    """``(command, summary)`` of merging ``result`` into ``project`` with
    ``options``; the command's provenance records carry the source's path
    and the options (for *Refresh from source*).  Raises InputError when
    nothing matches.  The project is not changed."""
    mapped = apply_mapping(result, options.mapping)
    parents = options.new_parent
    if options.new_parents:         # one parent per workbook indicator, by its code in the import
        parents = {ind.code: options.new_parents.get(label_of(ind), options.new_parent) for ind in mapped.indicators}
    command, summary = importer.merge_into(project, mapped, new_parent=parents,
                                           add_units=options.add_units, add_periods=options.add_periods,
                                           unreadable=options.unreadable)
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
    for record in records:
        record[PATH_KEY] = os.path.abspath(options.path)
        record[OPTIONS_KEY] = options.to_record()


def new_project(result, options: ImportOptions):
    """A new project from ``result`` (core.importing.importer.to_project), its
    provenance stamped like a merge's."""
    project = importer.to_project(result)
    stamp_sources(project.provenance.get("sources", []), options)
    return project


def changes_anything(summary) -> bool:
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


def read_for_refresh(options: ImportOptions, progress=None):
    """The worker's job for a refresh: read and interpret (raises on failure)."""
    cells = read_cells(options.path, progress=progress)
    return interpret(with_sheets(cells, options.sheets, progress=progress), options)


# ---- what a merge changed, in words -------------------------------------------------------------------
def summary_lines(summary, file: str = "") -> list[str]:
    """What a merge changes (or changed), translated."""
    lines = []
    if file:
        lines.append(translate("import", "From {0}:").format(file))
    lines.append(translate("import", "{0} indicator(s) matched; {1} cell(s) changed ({2} filled, {3} new values, "
                                     "{4} cleared), {5} unchanged.").format(
        len(summary.matched), summary.cells_changed, summary.filled, summary.changed, summary.cleared,
        summary.unchanged))
    for items, text in ((summary.new_indicators, translate("import", "New indicators: {0}")),
                        (summary.new_units, translate("import", "New units: {0}")),
                        (summary.new_periods, translate("import", "New periods: {0}")),
                        (summary.unmatched_indicators, translate("import", "Not imported (no matching indicator): {0}")),
                        (summary.unmatched_units, translate("import", "Not imported (no matching unit): {0}")),
                        (summary.unmatched_periods, translate("import", "Not imported (no matching period): {0}"))):
        if items:
            shown = ", ".join(str(x) for x in items[:12]) + (" …" if len(items) > 12 else "")
            lines.append(text.format(shown))
    return lines


def change_lines(summary, limit: int = 20) -> list[str]:
    """The first cells a merge changes: 'unit · period · code: old → new'."""
    def show(v):
        return "—" if v is None else f"{v:g}"
    out = [f"{u} · {p} · {c}: {show(old)} → {show(new)}" for u, p, c, old, new in summary.changes[:limit]]
    if len(summary.changes) > limit:
        out.append(translate("import", "… and {0} more").format(len(summary.changes) - limit))
    return out
