"""The unit and the period a chart shows (the radar and the ranking choose
both), kept valid for the document's current dataset."""
from __future__ import annotations

from gui.base.document import ProjectDocument


class UnitPeriod:
    """The unit and the period a chart shows, chosen as dataset indices
    (period -1: the last) and read back valid for the document's current
    dataset (it changes with structure edits).  ``changed()`` is called
    after a new choice; a chart owns one and redraws then."""

    def __init__(self, document: ProjectDocument, changed, unit: int = 0, period: int = -1):
        self._document = document
        self._changed = changed
        self._unit = unit
        self._period = period

    @property
    def unit(self) -> int:
        """The chosen unit, as chosen (see :meth:`valid_unit`)."""
        return self._unit

    @property
    def period(self) -> int:
        """The chosen period (dataset index): -1 means the last; clipped to the periods there are."""
        T = len(self._document.project.dataset.periods)
        t = self._period if self._period is not None and self._period >= 0 else T - 1
        return min(max(t, 0), max(T - 1, 0))

    def valid_unit(self) -> int:
        """The chosen unit, or the first when the dataset has no such unit (any more)."""
        if not 0 <= self._unit < len(self._document.project.dataset.unit_codes):
            self._unit = 0
        return self._unit

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self._changed()

    def set_period(self, period: int):
        if period != self._period:
            self._period = period
            self._changed()


class ChosenUnitPeriod:
    """For a chart that owns a :class:`UnitPeriod` as ``self.choice``
    (made with ``self._show_choice`` as its callback): the chart's
    ``unit``, ``period``, ``set_unit`` and ``set_period`` are the choice's,
    and a new choice re-titles and redraws the chart."""

    @property
    def unit(self) -> int:
        return self.choice.unit

    @property
    def period(self) -> int:
        return self.choice.period

    def set_unit(self, unit: int):
        self.choice.set_unit(unit)

    def set_period(self, period: int):
        self.choice.set_period(period)

    def _show_choice(self):
        self.retranslateUi()
        self.refresh()
