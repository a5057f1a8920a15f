"""A CoIndex project: framework, data, settings, provenance and app state,
with the engine that keeps its results current.

Edits are command objects: ``command.apply(project)`` performs the edit and
returns the command that undoes it, so the GUI's undo stack only stores
commands.  Listeners are told what changed, once per command (a pasted block
is one notification).
"""
from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field

import numpy as np

from core.model.dataset import Dataset
from core.pipeline.engine import Engine
from core.errors import InputError
from core.project.changelog import framework_changes, log_changes, settings_changes
from core.model.framework import Framework
from core.model.settings import Settings
from core.text import tr

SAMPLE_NOTE = ("Illustrative data calibrated to the published headline figures of the "
               "Chengdu–Chongqing index; not official statistics.")


class Project:
    def __init__(self, framework: Framework, dataset: Dataset, settings: Settings | None = None,
                 provenance: dict | None = None, app_state: dict | None = None, info: dict | None = None):
        self.framework = framework
        self.dataset = dataset
        self.settings = settings or Settings()
        self.provenance = provenance if provenance is not None else {"sources": [], "edits": []}
        self.provenance.setdefault("sources", [])
        self.provenance.setdefault("edits", [])
        self.app_state = app_state or {}
        self.info = info or {}
        self._listeners = []
        self._engine = None

    # ---- results ---------------------------------------------------------------
    @property
    def engine(self) -> Engine:
        """The engine, built on first use (raises ComputeError if the data
        cannot be computed with the current method)."""
        if self._engine is None:
            self._engine = Engine(self.framework, self.dataset, self.settings)
        return self._engine

    def recompute(self) -> Engine:
        self._engine = None
        return self.engine

    def replace_parts(self, **parts) -> dict:
        """Put in new ``framework``, ``dataset`` and / or ``settings`` and
        recompute; if the engine refuses them, the old parts go back (and
        the error goes on).  Returns the old parts, by name."""
        old = {name: getattr(self, name) for name in parts}
        for name, value in parts.items():
            setattr(self, name, value)
        try:
            self.recompute()
        except Exception:
            for name, value in old.items():
                setattr(self, name, value)
            self.recompute()
            raise
        return old

    # ---- listeners ---------------------------------------------------------------
    def add_listener(self, fn):
        """``fn(event, payload)``; events: 'values' (list of (u, t, i) dataset
        indices), 'settings', 'structure'."""
        self._listeners.append(fn)

    def remove_listener(self, fn):
        self._listeners.remove(fn)

    def _emit(self, event, payload=None):
        for fn in list(self._listeners):
            fn(event, payload)

    # ---- edits -------------------------------------------------------------------
    def set_value(self, unit, period, code, value):
        return SetValues([(unit, period, code, value)]).apply(self)

    def execute(self, command):
        return command.apply(self)


def _clean(value, where):
    """A new raw value: a finite number, or None / NaN / empty text for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    if isinstance(value, str) and not value.strip():
        return math.nan
    if isinstance(value, bool):
        raise InputError(tr("{where}: {value} is not a number", where=where, value=value))
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(tr("{where}: '{value}' is not a number", where=where, value=value)) from None
    if not math.isfinite(x):
        raise InputError(tr("{where}: '{value}' is not a finite number", where=where, value=value))
    return x


@dataclass
class SetValues:
    """Set raw values; ``cells`` are (unit, period, code, value) with value
    None or NaN for missing.  One command, one notification, one undo step."""
    cells: list
    note: str = "edit"

    def apply(self, project: Project) -> "SetValues":
        ds = project.dataset
        idx, new, old = [], [], []
        for unit, period, code, value in self.cells:
            place = tr("unit '{unit}', period {period}, indicator '{code}'", unit=unit, period=period, code=code)
            try:
                u, t, i = ds.unit_index[unit], ds.period_index[period], ds.code_index[code]
            except KeyError:
                raise InputError(tr("{place}: no such cell in the data", place=place)) from None
            idx.append((u, t, i))
            new.append(_clean(value, place))
            old.append(float(ds.values[u, t, i]))
        uu, tt, ii = (np.array(a, dtype=int) for a in zip(*idx)) if idx else ([], [], [])
        ds.values[uu, tt, ii] = new
        if project._engine is not None:
            try:
                project._engine.update(idx)
            except Exception:
                ds.values[uu, tt, ii] = old          # leave the project as it was
                project._engine.update(idx)
                raise
        stamp = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        edits = project.provenance["edits"]
        for (unit, period, code, _), o, n in zip(self.cells, old, new):
            edits.append({"unit": unit, "period": period, "code": code, "old": _json_num(o), "new": _json_num(n),
                          "time": stamp, "note": self.note})
        project._emit("values", idx)
        inverse = [(c[0], c[1], c[2], o) for c, o in zip(self.cells, old)]
        return SetValues(inverse, "undo" if self.note != "undo" else "redo")


@dataclass
class SetSettings:
    settings: Settings

    def apply(self, project: Project) -> "SetSettings":
        old = project.replace_parts(settings=self.settings)["settings"]
        log_changes(project.provenance, settings_changes(old, self.settings))
        project._emit("settings")
        return SetSettings(old)


@dataclass
class SetStructure:
    """Replace framework and data together (add / delete / move nodes)."""
    framework: Framework
    dataset: Dataset = field(default=None)

    def apply(self, project: Project) -> "SetStructure":
        old = SetStructure(**project.replace_parts(framework=self.framework,
                                                   dataset=self.dataset or project.dataset))
        log_changes(project.provenance, framework_changes(old.framework, self.framework))
        project._emit("structure")
        return old


def _json_num(x):
    return None if math.isnan(x) else x
