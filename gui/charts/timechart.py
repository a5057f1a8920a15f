"""The base of the charts over the periods (composite, dimensions,
contributions): one chosen unit, the base = 100 line of a fixed-base index,
the coverage of a score, the score axis's title and, where the scores are
scaled per period, the caveat that their change has no meaning of its own
(:func:`core.pipeline.meaning.growth_caveat`)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from gui.base.document import ProjectDocument
from gui.charts.plot import PlotChart

BASE_VALUE = 100.0
HOVER_WIDTH = 260            # pixels: a read-out with the caveat wraps at this width


class TimeChart(PlotChart):
    """A chart over the periods for one chosen unit, with the base = 100
    line of a fixed-base index."""

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        self._unit = unit
        super().__init__(document, parent)
        self.base_line = pg.InfiniteLine(pos=BASE_VALUE, angle=0, movable=False,
                                         label="", labelOpts={"position": 0.98, "anchors": [(1, 1), (1, 1)]})
        self.base_line.setZValue(-5)
        self.plot_item.addItem(self.base_line, ignoreBounds=True)
        self.view_box.sigResized.connect(self._update_period_ticks)

    @property
    def unit(self) -> int:
        return self._unit

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self.reset_ranges()
            self.retranslateUi()
            self.refresh()

    def _valid_unit(self) -> int:
        n = len(self.project.dataset.unit_codes)
        if not 0 <= self._unit < n:
            self._unit = 0
        return self._unit

    def fixed_base(self) -> bool:
        return self.project.settings.normalisation == "fixed_base"

    def _update_base_line(self):
        fixed = self.fixed_base()
        self.base_line.setVisible(fixed)
        if fixed:
            periods = self.project.dataset.periods
            base = self.engine.growth_base
            text = self.tr("{0} = 100").format(self.period_text(base)) if base < len(periods) else ""
            if self.base_line.label.format != text:
                self.base_line.label.setFormat(text)

    def coverage_note(self, code: str, unit: int, period: int) -> str:
        """'3 of 4 indicators' where a score rests on part of the
        indicators under ``code``; empty when all are present."""
        engine = self.engine
        total = int(engine.indicators_under[code].size)
        present = int(engine.present(code)[unit, period])
        if present >= total:
            return ""
        return self.tr("{0} of {1} indicators").format(present, total)

    def partial_points(self, code: str, unit: int, y) -> np.ndarray:
        """Periods where ``y`` (the unit's scores of ``code``) is drawn but
        rests on part of the indicators under it."""
        return np.flatnonzero(np.isfinite(y) & (self.engine.coverage(code)[unit] < 1.0))

    def show_meaning(self):
        """The score axis's title, and where growth has no meaning (scores
        scaled per period) a short note saying so under the chart (the
        whole caveat in its tooltip and in the read-outs)."""
        self.set_axis_title("left", self.score_axis_title())
        caveat = self.growth_caveat()
        self.set_note(self.tr("Scaled per period: no growth rates")
                      if caveat else "")
        self.note_item.setToolTip(caveat or "")

    def with_caveat(self, text: str) -> str:
        """A read-out with the growth caveat under it, when there is one
        (its short form when the plot is small), wrapped to fit the plot."""
        caveat = self.growth_caveat()
        if not caveat:
            self.hover_item.setTextWidth(-1)
            return text
        rect = self.view_box.rect()
        if rect.width() < 1.2 * HOVER_WIDTH or rect.height() < 150:
            caveat = self.tr("Scaled per period: no growth rates")
        self.hover_item.setTextWidth(min(HOVER_WIDTH, max(rect.width() - 8, 80)))
        return text + "\n" + caveat

    def _apply_theme(self):
        super()._apply_theme()
        self.base_line.setPen(pg.mkPen(self.theme.muted, width=1, style=Qt.DashLine))
        self.base_line.label.setColor(self.theme.muted)
