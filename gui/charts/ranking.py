"""The ranking of the units by the composite in the chosen period:
horizontal bars, best at the top, at most :data:`TOP_N` of them (as many as
fit), the chosen unit highlighted, units whose index rests on too few of
its indicators (below :data:`core.pipeline.results.MIN_COVERAGE`) hatched
and starred, with a note."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFontMetricsF

from core.pipeline import meaning
from core.pipeline.results import MIN_COVERAGE

from gui.charts.choice import ChosenUnitPeriod, UnitPeriod
from gui.charts.plot import PlotChart
from gui.charts.items import live
from gui.base.formatting import fmt
from gui.base.document import ProjectDocument

TOP_N = 30                    # bars in the ranking, at most
ROW_PIXELS = 16               # fewer bars when the chart is too low for TOP_N of this height


class RankingChart(ChosenUnitPeriod, PlotChart):
    """The units ranked by the composite in the chosen period, best at the
    top, as horizontal bars; at most :data:`TOP_N` units are drawn, the
    chosen unit highlighted (and its rank noted when it is further down)."""

    about_one_unit = False          # all units, not the chosen one alone (ChartBase.empty_reason)

    def __init__(self, document: ProjectDocument, unit: int = 0, period: int = -1, parent=None,
                 top_n: int = TOP_N):
        self.choice = UnitPeriod(document, self._show_choice, unit, period)
        self.top_n = top_n
        self._shown = np.empty(0, dtype=int)          # unit indices drawn, best first
        self._ranks = np.empty(0)
        self._ticks = None
        self._ticks_width = 0
        self._texts: list[str] = []
        self._highlight = None
        self._low = np.empty(0, dtype=bool)
        self._x_range = None
        super().__init__(document, parent)
        plot = self.plot_item
        plot.invertY(True)
        plot.getAxis("left").setStyle(tickLength=0)
        plot.showGrid(x=True, y=False, alpha=0.25)
        self.bars = pg.BarGraphItem(x0=np.zeros(0), y=np.zeros(0), height=0.7, width=np.zeros(0),
                                    pen=pg.mkPen(None))
        plot.addItem(self.bars)
        self.value_labels = []
        for _ in range(top_n):
            text = pg.TextItem(anchor=(0, 0.5))
            plot.addItem(text, ignoreBounds=True)
            self.value_labels.append(text)
            self._texts.append("")
        self._rows = None
        self._shown_values = np.zeros(0)
        self.view_box.sigResized.connect(self._on_resized)
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    @property
    def shown_units(self) -> np.ndarray:
        """Unit indices of the drawn bars, best first."""
        self.current()
        return self._shown.copy()

    @property
    def low_coverage_units(self) -> np.ndarray:
        """Unit indices of the drawn bars whose index rests on less than
        MIN_COVERAGE of its indicators, best first."""
        self.current()
        return self._shown[self._low].copy()

    @property
    def shown_ranks(self) -> np.ndarray:
        self.current()
        return self._ranks.copy()

    def rows(self) -> int:
        """How many bars are drawn: up to ``top_n``, as many as fit."""
        height = self.view_box.height()
        if height < 40:
            return self.top_n
        return max(3, min(self.top_n, int(height // ROW_PIXELS)))

    def _tick_text(self, rank: int, name: str) -> str:
        """'3. Africa Eastern and Sou…': a unit's rank and name, the name
        elided so the names take at most 40 % of the chart's width (the
        hover read-out gives it whole)."""
        axis = self.plot_item.getAxis("left")
        metrics = QFontMetricsF(axis.style.get("tickFont") or axis.font())
        prefix = f"{rank}. "
        room = max(0.4 * self.width() - metrics.horizontalAdvance(prefix), 40.0)
        return prefix + metrics.elidedText(name, Qt.ElideRight, room)

    @live
    def _on_resized(self, *_):
        if self.rows() != self._rows or int(self.width()) != self._ticks_width:
            self._ticks_width = int(self.width())
            self.refresh()
        else:
            self._x_range = None               # the value labels' room depends on the width
            self._fit_x(self._shown_values)

    def _apply_theme(self):
        super()._apply_theme()
        th = self.theme
        for text in self.value_labels:
            text.setColor(th.foreground)
        self._highlight = None                   # brushes are set again on refresh

    def retranslateUi(self):
        self._retranslate_base()
        ds = self.project.dataset
        fw = self.project.framework
        if not ds.periods or fw.root is None:
            return
        self.set_title(self.tr("Ranking in {0}: {1}").format(self.period_text(self.period),
                                                           self.node_name(fw.root)))
        engine = self.engine
        self.set_subtitle(meaning.ranking_note(self.project.settings, engine.method,
                                               base=self.period_text(engine.growth_base)) or "")
        self.set_axis_title("bottom", self.score_axis_title())
        self._ticks = None
        self.refresh()

    def empty_reason(self) -> str:
        """A ranking of one unit has nothing to show: said in place of the
        axes, as every empty chart says why."""
        reason = super().empty_reason()
        if not reason and len(self.project.dataset.unit_codes) < 2:
            reason = self.tr("The ranking needs two or more units.")
        return reason

    def refresh(self):
        ds = self.project.dataset
        fw = self.project.framework
        if fw.root is None or not ds.periods:
            return
        single = len(ds.unit_codes) < 2
        t = self.period
        scores = self.engine.score(fw.root)[:, t]
        ranks = self.engine.period_rank(fw.root, t)
        finite = np.flatnonzero(np.isfinite(ranks))
        if single:
            finite = finite[:0]
        order = finite[np.lexsort((finite, ranks[finite]))]
        self._rows = self.rows()
        shown = order[:self._rows]
        self._shown, self._ranks = shown, ranks[shown]
        values = scores[shown]
        u = self.choice.valid_unit()
        highlight = int(np.flatnonzero(shown == u)[0]) if u in shown else -1
        self._low = self.engine.coverage(fw.root)[shown, t] < MIN_COVERAGE
        self._draw_bars(values, highlight)
        ticks = [(float(j), self._tick_text(int(ranks[unit]), self.unit_name(int(unit)))) for j, unit in enumerate(shown)]
        if ticks != self._ticks:
            self._ticks = ticks
            self.plot_item.getAxis("left").setTicks([ticks, []])
            if not self.user_view:
                self.view_box.setYRange(-0.6, max(len(shown), 1) - 0.4, padding=0)
        self.set_note(self._note_text(len(order), highlight, ranks[u], u))
        self._shown_values = values
        self._fit_x(values)

    def _draw_bars(self, values, highlight: int):
        """The bars (hatched where the index rests on too few indicators,
        the chosen unit's highlighted) and their value labels."""
        m, low = len(values), self._low
        opts = {"x0": np.zeros(m), "y": np.arange(m, dtype=float), "width": values}
        key = (highlight, tuple(low.tolist()))
        if key != self._highlight or len(self.bars.opts.get("brushes") or []) != m:
            self._highlight = key
            colours = [self.theme.highlight if j == highlight else self.theme.colour(0) for j in range(m)]
            opts["brushes"] = [QBrush(c, Qt.BDiagPattern) if low[j] else pg.mkBrush(c) for j, c in enumerate(colours)]
            if m:                   # (pyqtgraph fails on an empty list of pens)
                opts["pens"] = [pg.mkPen(c) if low[j] else pg.mkPen(None) for j, c in enumerate(colours)]
        self.bars.setOpts(**opts)
        d = self.score_decimals(self.project.framework.root) if m else 2
        for j, label in enumerate(self.value_labels):
            if j < m:
                text = fmt(values[j], d) + (" *" if low[j] else "")
                if text != self._texts[j]:
                    label.setText(text)
                    self._texts[j] = text
                label.setPos(max(float(values[j]), 0.0), float(j))
            label.setVisible(j < m)

    def _note_text(self, ranked: int, highlight: int, rank: float, u: int) -> str:
        """'Top 30 of 120 units · X: rank 45 · * hatched: ...' as it applies."""
        m = len(self._shown)
        note = ""
        if ranked > m:
            note = self.tr("Top {0} of {1} units").format(m, f"{ranked:,}")
            if highlight < 0 and np.isfinite(rank):
                note += " · " + self.tr("{0}: rank {1}").format(self.unit_name(u), f"{int(rank):,}")
        if self._low.any():
            star = self.tr("* hatched: under {0} % of the indicators have data").format(fmt(MIN_COVERAGE * 100, 0))
            note = note + " · " + star if note else star
        return note

    def _fit_x(self, values):
        if self.user_view:
            return
        finite = values[np.isfinite(values)]
        lo = min(0.0, float(finite.min())) if finite.size else 0.0
        hi = max(0.0, float(finite.max())) if finite.size else 1.0
        span = (hi - lo) or 1.0
        share = self._label_share()
        want = (lo - 0.02 * span if lo < 0 else 0.0, hi + span * share / (1.0 - share))
        cur = self._x_range
        if cur is None or lo < cur[0] or hi > cur[1] - 0.1 * span or (cur[1] - cur[0]) > 2 * (want[1] - want[0]):
            self.view_box.setXRange(*want, padding=0)
            self._x_range = want

    def _label_share(self) -> float:
        """The share of the plot's width the value labels need right of the
        longest bar (so that none is cut at the edge, however narrow the chart)."""
        width = self.view_box.width()
        texts = [t for t in self._texts if t]
        if width <= 0 or not texts or not self.value_labels:
            return 0.14
        metrics = QFontMetricsF(self.value_labels[0].textItem.font())
        need = max(metrics.horizontalAdvance(t) for t in texts) + 10.0
        return min(max(need / width, 0.08), 0.6)

    def reset_ranges(self):
        super().reset_ranges()
        self._x_range = None
        self._ticks = None

    def bar_at(self, x: float, y: float, px: float):
        """The row of the bar under (x, y), or None."""
        j = int(round(y))
        if not 0 <= j < len(self._shown) or abs(y - j) > 0.35:
            return None
        value = float(self.engine.score(self.project.framework.root)[int(self._shown[j]), self.period])
        if not (min(0.0, value) - 4 * px <= x <= max(0.0, value) + 4 * px):
            return None
        return j

    def unit_at(self, x, y, px, py):
        j = self.bar_at(x, y, px)
        return None if j is None else int(self._shown[j])

    def hover_at(self, x, y, px, py):
        j = self.bar_at(x, y, px)
        if j is None:
            return None
        u = int(self._shown[j])
        value = float(self.engine.score(self.project.framework.root)[u, self.period])
        ds = self.project.dataset
        text = "{0}. {1} ({2})\n{3}: {4}".format(int(self._ranks[j]), self.unit_name(u), ds.unit_codes[u],
                                                self.period_text(self.period), fmt(value, self.score_decimals(
                                                    self.project.framework.root)))
        root = self.project.framework.root
        present = int(self.engine.present(root)[u, self.period])
        total = int(self.engine.indicators_under[root].size)
        if present < total:
            text += "\n" + self.tr("{0} of {1} indicators").format(present, total)
        return text, x, float(j)
