"""Marks on the data grid's cells: the engine's warnings and the missing
values a dimension was computed without.

:class:`CellWarnings` (owned by :class:`~gui.sheets.data_grid.DataGridModel`)
reads the warnings once per burst of edits and says which issues concern a
row or a cell; :func:`severity` turns them into a mark ('error', 'warning',
'info'), which :class:`MarkDelegate` paints as a corner triangle.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import QStyledItemDelegate

from core.errors import CoIndexError
from core.methods.registry import IMPUTATIONS

from gui.base.i18n import is_chinese

MARK_COLOURS = {"error": QColor("#cf222e"), "warning": QColor("#bf8700"), "info": QColor("#0969da")}
MARK_SIZE = 7                    # pixels, the corner triangle's legs
MARK_ROLE = Qt.UserRole + 2      # DataGridModel.MarkRole
# warning kinds drawn in red; every other kind is amber, "imputed" is blue
_ERROR_KINDS = frozenset({"out_of_range", "undefined", "missing"})


def severity(issues) -> str | None:
    """The mark of a cell with these issues: 'error' (red), 'warning'
    (amber), 'info' (blue, imputed values) or None."""
    if not issues:
        return None
    kinds = {w.get("kind") for w in issues}
    if kinds & _ERROR_KINDS:
        return "error"
    if kinds <= {"imputed"}:
        return "info"
    return "warning"


class CellWarnings:
    """The engine's warnings about the data grid's rows and cells, read
    once per burst of edits (owned by
    :class:`~gui.sheets.data_grid.DataGridModel`).  Its messages are
    translated in the model's context."""

    def __init__(self, document):
        self._document = document
        self._by_code = None               # code -> tuple of warning dicts, read lazily

    def by_code(self) -> dict:
        if self._by_code is None:
            self._by_code = self._read()
        return self._by_code

    def forget(self):
        """Every score and warning may have changed: read them again when asked."""
        self._by_code = None

    def reread(self) -> set:
        """Read the warnings again; the codes whose warnings changed (none
        when they had not been read yet: nothing shown needs repainting)."""
        old = self._by_code
        self._by_code = self._read()
        if old is None or old == self._by_code:
            return set()
        return {c for c in set(old) | set(self._by_code) if old.get(c) != self._by_code.get(c)}

    def _read(self) -> dict:
        try:
            warnings = self._document.project.engine.warnings
        except CoIndexError:
            return {}
        out = {}
        for w in warnings:
            if w.get("code") is not None:
                out.setdefault(w["code"], []).append(w)
        return {code: tuple(ws) for code, ws in out.items()}

    def issues(self, code, u=None, t=None) -> list:
        """The warnings about ``code``: all of them (u, t None), or those
        naming unit ``u`` and / or period ``t`` and no other (a warning that
        names neither is about the whole row, not one cell)."""
        ws = self.by_code().get(code, ())
        if u is None and t is None:
            return list(ws)
        ds = self._document.project.dataset
        unit, period = ds.unit_codes[u], ds.periods[t]
        return [w for w in ws if (w.get("unit") is not None or w.get("period") is not None)
                and w.get("unit") in (None, unit) and (w.get("period") is None or w["period"] == period)]

    def cell_issues(self, u, t, i, value) -> list:
        """The warnings about value cell (u, t, i) holding ``value``."""
        code = self._document.project.dataset.codes[i]
        issues = self.issues(code, u, t)
        if math.isnan(value):
            issues += self._missing_issue(u, t, code)
        return issues

    def _missing_issue(self, u, t, code) -> list:
        """A missing value: its dimension computed without it (weights
        renormalised over the indicators present), or missing as well."""
        parent = self._document.project.framework[code].parent
        if parent is None:
            return []
        try:
            engine = self._document.project.engine
        except CoIndexError:
            return []
        score = engine.score(parent)[u, t]
        if math.isnan(score):
            return [{"kind": "missing", "message": QCoreApplication.translate(
                "DataGridModel", "'{0}' cannot be computed here: all its indicators are missing").format(parent)}]
        return [{"kind": "computed_without", "message": QCoreApplication.translate(
            "DataGridModel",
            "'{0}' was computed without this value (weights shared among the indicators present)").format(parent)}]


@dataclass(frozen=True)
class ImputedCell:
    """What the data grid shows for a missing raw value that imputation
    filled in.  ``imputed`` is the value imputation gave; for an indicator
    denominated first (``denominate=true``, Meta ``Denominator``) it is a
    ratio per ``denominator``, and ``shown`` is that ratio times the unit-
    period's ``denominator_value`` (a raw value, like the rest of the
    sheet), or None when the denominator has no value there."""
    imputed: float
    shown: float | None
    denominator: str | None = None
    denominator_value: float | None = None


class CellTreatment:
    """What the data treatment step did to the data grid's cells: the
    values imputation filled in and the unit-periods screened out, read
    once per recompute (owned by :class:`~gui.sheets.data_grid.DataGridModel`).

    The data grid holds raw values, while imputation runs after
    denomination: a denominated indicator's imputed value is a ratio, shown
    multiplied back by its denominator (:meth:`imputed_cell`)."""

    def __init__(self, document):
        self._document = document
        # (imputed values or None, screened set, method, threshold, each indicator's denominator or None)
        self._state = None

    def forget(self):
        self._state = None

    def reread(self) -> bool:
        """Read again; whether anything shown changed."""
        old, self._state = self._state, self._read()
        if old is None:
            return False
        return not _same_state(old, self._state)

    def _get(self):
        if self._state is None:
            self._state = self._read()
        return self._state

    def _read(self):
        project = self._document.project
        try:
            prepared = project.engine.prepared
        except CoIndexError:
            prepared = None
        if prepared is None:
            return None, frozenset(), None, None, ()
        settings = project.settings
        return (prepared.imputed_values, frozenset(prepared.screened), settings.imputation,
                settings.screen_threshold, _denominators(project) if settings.denominate else ())

    def imputed(self, u, t, i) -> float | None:
        """The value imputation gave missing cell (u, t, i), else None."""
        values = self._get()[0]
        if values is None or u >= values.shape[0] or t >= values.shape[1] or i >= values.shape[2]:
            return None
        v = float(values[u, t, i])
        return None if math.isnan(v) else v

    def imputed_cell(self, u, t, i) -> ImputedCell | None:
        """What missing cell (u, t, i) shows, when imputation filled it."""
        value = self.imputed(u, t, i)
        if value is None:
            return None
        dens = self._get()[4]
        name = dens[i] if i < len(dens) else None
        if name is None:
            return ImputedCell(value, value)
        column = self._document.project.dataset.denominators.get(name)
        d = float(np.asarray(column, dtype=float)[u, t]) if column is not None else math.nan
        if not math.isfinite(d):
            return ImputedCell(value, None, name, None)
        return ImputedCell(value, value * d, name, d)

    def screened(self, u, t) -> bool:
        return (u, t) in self._get()[1]

    def imputed_tip(self) -> str:
        name = self._get()[2]
        m = IMPUTATIONS.get(name)
        label = m.label["zh" if is_chinese() else "en"] if m is not None else str(name)
        return QCoreApplication.translate("DataGridModel", "imputed ({0})").format(label)

    def screened_tip(self) -> str:
        threshold = self._get()[3] or 0.0
        return QCoreApplication.translate(
            "DataGridModel", "This unit-period was screened out: fewer than {0} of its indicators have a value "
                             "(screening threshold)").format(f"{threshold:.0%}")


def _denominators(project) -> tuple:
    """Each indicator's denominator (the name of a column of the data), or
    None when it is not divided by one (as core.treatment.prepare.denominate
    reads the Meta ``Denominator``)."""
    out = []
    for code in project.framework.indicator_codes:
        den = project.framework[code].params.get("Denominator")
        if den is None or (isinstance(den, float) and math.isnan(den)) or not str(den).strip():
            out.append(None)
            continue
        den = str(den).strip()
        out.append(den if den in project.dataset.denominators else None)
    return tuple(out)


def _same_state(a, b) -> bool:
    if a[1:] != b[1:]:
        return False
    if a[0] is None or b[0] is None:
        return a[0] is None and b[0] is None
    return a[0].shape == b[0].shape and bool(((a[0] == b[0]) | (np.isnan(a[0]) & np.isnan(b[0]))).all())


class MarkDelegate(QStyledItemDelegate):
    """Paints the cell as usual plus a small triangle in its top-right
    corner when the model marks it (the reason is in the tooltip)."""

    def paint(self, painter: QPainter, option, index):
        super().paint(painter, option, index)
        mark = index.data(MARK_ROLE)
        if not mark:
            return
        r = option.rect
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setPen(Qt.NoPen)
        painter.setBrush(MARK_COLOURS.get(mark, MARK_COLOURS["warning"]))
        right, top = r.right() + 1, r.top()
        painter.drawPolygon(QPolygonF([QPointF(right - MARK_SIZE, top), QPointF(right, top),
                                       QPointF(right, top + MARK_SIZE)]))
        painter.restore()
