"""The contribution of each dimension to the composite's change since the
base period, as stacked bars per period that sum to that change (when every
dimension is present at both ends; a missing one has no bar and the change's
marker is drawn dashed, as incomplete)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt


from core.pipeline.meaning import contribution_axis_title

from gui.charts.items import PathCurve, finite_range, nearest
from gui.charts.legend import Entry
from gui.charts.timechart import TimeChart
from gui.base.formatting import fmt
from gui.base.document import ProjectDocument

BAR_WIDTH = 0.62


class ContributionChart(TimeChart):
    """Each dimension's contribution (points) to the composite's change
    since the base period, stacked per period (gains up, losses down), with
    the composite's change drawn on top: the bars of a period sum to it.
    Every child of the root is stacked, a bare indicator as well.  A child
    missing in the base period or in the period has no bar, the others are
    then compared like for like (see ``present_only`` of
    :func:`core.pipeline.results.contributions`) and the change is marked
    incomplete (dashed); where the index is missing there is no marker.

    All bars are one :class:`pyqtgraph.BarGraphItem` (a brush per bar, in
    the dimension's colour): one item repaints faster than one per
    dimension.  The legend shows an unplotted sample bar per dimension."""

    shows_change = True             # nothing to show for one period (ChartBase.empty_reason)

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        self._codes: list[str] = []
        self._samples: dict[str, pg.BarGraphItem] = {}
        self._y0 = np.empty((0, 0))
        self._heights = np.empty((0, 0))
        super().__init__(document, unit, parent)
        self.base_line.hide()
        self.zero_line = pg.InfiniteLine(pos=0.0, angle=0, movable=False)
        self.zero_line.setZValue(-4)
        self.plot_item.addItem(self.zero_line, ignoreBounds=True)
        self.bar_item = pg.BarGraphItem(x=np.zeros(0), y0=np.zeros(0), height=np.zeros(0), width=BAR_WIDTH)
        self.plot_item.addItem(self.bar_item)
        # the composite's change: a line, and a bold tick across each stack
        # (line items are much cheaper to repaint than scatter symbols)
        self.total_curve = PathCurve(self.view_box)
        self.total_curve.setZValue(10)
        self.total_ticks = PathCurve(self.view_box, connect="pairs", antialias=False)
        self.total_ticks.setZValue(11)
        # the change where a child is missing at either end: incomplete
        self.partial_ticks = PathCurve(self.view_box, connect="pairs", antialias=False)
        self.partial_ticks.setZValue(11)
        self._incomplete = np.zeros(0, dtype=bool)
        self._missing = np.zeros((0, 0), dtype=bool)
        self._build_series()
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    @property
    def codes(self) -> list[str]:
        """The dimensions, in the order of the stacks."""
        return list(self._codes)

    def bar_heights(self) -> dict[str, np.ndarray]:
        """The drawn points per dimension (signed bar heights per period)."""
        self.current()
        h = np.asarray(self.bar_item.opts["height"], dtype=float).reshape(len(self._codes), -1)
        return dict(zip(self._codes, h))

    def bar_bottoms(self) -> dict[str, np.ndarray]:
        """Where each dimension's bars start, per period."""
        self.current()
        y0 = np.asarray(self.bar_item.opts["y0"], dtype=float).reshape(len(self._codes), -1)
        return dict(zip(self._codes, y0))

    def bar_colour(self, code: str):
        """The colour the bars of ``code`` are drawn in."""
        T = len(self.project.dataset.periods)
        return self.bar_item.opts["brushes"][self._codes.index(code) * T].color()

    def incomplete_periods(self) -> np.ndarray:
        """Periods whose change is drawn but lacks a child's contribution."""
        self.current()
        return np.flatnonzero(self._incomplete)

    def _update_base_line(self):
        self.base_line.setVisible(False)

    def stacked_codes(self) -> list[str]:
        """Every child of the root: the dimensions and any bare indicator."""
        fw = self.project.framework
        return list(fw.children(fw.root)) if fw.root is not None else []

    def _build_series(self):
        self._codes = self.stacked_codes()
        self._samples = {}
        for code in self._codes:
            sample = pg.BarGraphItem(x=[0.0], height=[1.0], width=1.0)     # for the legend only
            self._samples[code] = sample
        self._partial_in_legend = False
        self._fill_legend()
        T = len(self.project.dataset.periods)
        k = len(self._codes)
        zeros = np.zeros(k * T)
        self.bar_item.setOpts(x=np.tile(np.arange(T, dtype=float), k), y0=zeros, height=zeros.copy())
        self._style_bars()
        self.set_period_axis(self.project.dataset.periods, left=-0.6, right_extra=0.6)

    def _fill_legend(self):
        """A sample bar per stacked child, the change, and the incomplete
        change when some period has one."""
        entries = [Entry(self._samples[code], self.node_name(code), code) for code in self._codes]
        entries.append(Entry(self.total_ticks, self.tr("Change of the index"), self.tr("Change")))
        if self._partial_in_legend:
            entries.append(Entry(self.partial_ticks, self.tr("Change, incomplete (a part is missing)"),
                                 self.tr("Incomplete")))
        self.set_legend(entries)

    def _style_bars(self):
        T = len(self.project.dataset.periods)
        brushes = []
        for code in self._codes:
            brush = pg.mkBrush(self.dimension_colour(code))
            self._samples[code].setOpts(brush=brush, pen=pg.mkPen(self.theme.surface, width=1))
            brushes.extend([brush] * T)
        self.bar_item.setOpts(brushes=brushes, pen=pg.mkPen(self.theme.surface, width=1))

    def _apply_theme(self):
        super()._apply_theme()
        self._style_bars()
        self.zero_line.setPen(pg.mkPen(self.theme.muted, width=1))
        self.total_curve.setPen(pg.mkPen(self.theme.foreground, width=1, style=Qt.DotLine))
        self.total_ticks.setPen(pg.mkPen(self.theme.foreground, width=3))
        self.partial_ticks.setPen(pg.mkPen(self.theme.foreground, width=2.5, style=Qt.DashLine))

    def retranslateUi(self):
        self._retranslate_base()
        ds = self.project.dataset
        base = self.engine.growth_base
        if len(ds.periods) == 1 and ds.unit_codes:
            # one period: no base to measure a change from
            self.set_title(self.tr("Contributions (one period, no change): {0}").format(
                self.unit_short(self._valid_unit())))
        elif ds.periods and ds.unit_codes:
            self.set_title(self.tr("Contributions to the change since {0} (points): {1}").format(
                self.period_text(base), self.unit_short(self._valid_unit())))
        self.set_axis_title("left", contribution_axis_title())
        self._fill_legend()

    def empty_reason(self) -> str:
        """The base's reasons, and a unit with no index score in the base
        period (nothing to measure a change from: the chart would be blank)."""
        reason = super().empty_reason()
        fw = self.project.framework
        if reason or fw.root is None or len(self.project.dataset.periods) < 2:
            return reason
        u, base = self._valid_unit(), self.engine.growth_base
        if not np.isfinite(self.engine.scores[self.engine.index[fw.root], u, base]):
            return self.tr("{0} has no index score in {1}, the base period: no change to show").format(
                self.unit_short(u), self.period_text(base))
        return ""

    def refresh(self):
        fw = self.project.framework
        if fw.root is None or not self._codes:
            return
        u = self._valid_unit()
        base = self.engine.growth_base
        codes, points, change = self.engine.unit_contributions(fw.root, u, base, present_only=True)
        order = [codes.index(c) for c in self._codes]
        kids = self.engine.scores[[self.engine.index[c] for c in self._codes], u, :]
        self._missing = ~np.isfinite(kids) | ~np.isfinite(kids[:, base:base + 1])
        pts = np.nan_to_num(points, nan=0.0)
        pos = np.where(pts > 0, pts, 0.0)
        neg = np.where(pts < 0, pts, 0.0)
        below = np.where(pts >= 0, np.cumsum(pos, axis=0) - pos, np.cumsum(neg, axis=0) - neg)
        self._y0, self._heights = below[order], pts[order]
        self.bar_item.setOpts(y0=self._y0.ravel(), height=self._heights.ravel())
        x = np.arange(points.shape[1], dtype=float)
        self.total_curve.setData(x, change)
        half = (BAR_WIDTH + 0.12) / 2
        ok = np.isfinite(change)
        self._incomplete = ok & self._missing.any(axis=0)
        whole = ok & ~self._incomplete
        self.total_ticks.setData(np.column_stack([x[whole] - half, x[whole] + half]).ravel(),
                                 np.repeat(change[whole], 2))
        part = self._incomplete
        self.partial_ticks.setData(np.column_stack([x[part] - half, x[part] + half]).ravel(),
                                   np.repeat(change[part], 2))
        if part.any() != self._partial_in_legend:
            self._partial_in_legend = bool(part.any())
            self._fill_legend()
        self.fit_y(finite_range(pos.sum(axis=0), neg.sum(axis=0), change, include=[0.0]), 0.08, 0.1)

    def points_decimals(self) -> int:
        """Contributions are points of the index: shown with its decimals."""
        return self.score_decimals(self.project.framework.root)

    def hover_at(self, x, y, px, py):
        periods = self.project.dataset.periods
        xs, ys = self.total_curve.getData()
        if xs is not None:
            k = nearest(xs, ys, x, y, px, py)
            if k is not None:
                text = "{0}\n{1}: {2}".format(self.tr("Change of the index"), self.period_text(k),
                                              self.tr("{0} points").format(fmt(ys[k], self.points_decimals(), sign=True)))
                if k < len(self._incomplete) and self._incomplete[k]:
                    gone = [self.node_name(c) for c, m in zip(self._codes, self._missing[:, k]) if m]
                    text += "\n" + self.tr("Incomplete, no contribution of: {0}").format(", ".join(gone))
                return text, float(k), float(ys[k])
        t = int(round(x))
        if not 0 <= t < len(periods) or abs(x - t) > BAR_WIDTH / 2 or self._heights.shape[1] <= t:
            return None
        change = ys[t] if ys is not None else np.nan
        for k, code in enumerate(self._codes):
            y0, h = float(self._y0[k, t]), float(self._heights[k, t])
            if h != 0 and min(y0, y0 + h) <= y <= max(y0, y0 + h):
                share = h / change * 100.0 if change else np.nan
                text = "{0} ({1})\n{2}: {3}".format(self.node_name(code), code, self.period_text(t),
                                                    self.tr("{0} points").format(fmt(h, self.points_decimals(), sign=True)))
                if np.isfinite(share) and not (t < len(self._incomplete) and self._incomplete[t]):
                    text += "\n" + self.tr("{0} % of the change").format(fmt(share))
                return text, float(t), y
        return None
