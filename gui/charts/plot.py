"""A chart with axes (the time charts and the ranking): a
:class:`pyqtgraph.PlotItem`, axis titles with units, period ticks thinned to
fit, zoom and pan by mouse."""
from __future__ import annotations

import html
import math

import pyqtgraph as pg

from gui.charts.base import ChartBase
from gui.charts.items import live

AXIS_TEXT = "8pt"            # axis titles


class PlotChart(ChartBase):
    """A chart with axes: a :class:`pyqtgraph.PlotItem` in row 1, its menus
    and auto-range off, periods on the x axis; zoom and pan by mouse."""

    zoomable = True

    def _build_view(self) -> pg.ViewBox:
        self.plot_item = pg.PlotItem()
        self.layout_item.addItem(self.plot_item, row=1, col=0)
        self.plot_item.disableAutoRange()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        # the ticks are thinned to fit; do not drop the first at the left edge
        self.plot_item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        # scores keep their own numbers: no "(x0.001)" rescaling of an index between 0 and 1
        for side in ("left", "bottom"):
            self.plot_item.getAxis(side).enableAutoSIPrefix(False)
        self._tick_step = None
        self._periods = None
        self._axis_titles = {}
        self._x_fit = None
        vb = self.plot_item.getViewBox()
        vb.sigXRangeChanged.connect(self._update_period_ticks)
        return vb

    def reset_view(self):
        super().reset_view()
        if self._x_fit is not None and self._periods is not None:
            self.view_box.setXRange(*self._x_fit, padding=0)

    def show_axes(self, shown: bool):
        for name in ("left", "bottom"):
            self.getPlotItem().getAxis(name).setVisible(shown)

    def getPlotItem(self) -> pg.PlotItem:
        return self.plot_item

    def _apply_theme(self):
        self.style_axes(self.plot_item)
        for side, text in self._axis_titles.items():
            self._show_axis_title(side, text)

    def set_axis_title(self, side: str, text: str):
        """The title of an axis ('left', 'bottom'), with its unit."""
        if self._axis_titles.get(side) != text:
            self._axis_titles[side] = text
            self._show_axis_title(side, text)

    def _show_axis_title(self, side: str, text: str):
        self.plot_item.setLabel(side, html.escape(text), color=self.theme.foreground.name(),
                                **{"font-size": AXIS_TEXT})

    def axis_title(self, side: str) -> str:
        return self._axis_titles.get(side, "")

    # period ticks on the bottom axis, thinned to fit the width
    def set_period_axis(self, periods, left=-0.5, right_extra=0.5):
        """Ticks for ``periods`` at 0..n-1 and the x range [left, n-1 +
        right_extra] (unless the user moved the view)."""
        self._periods = ["" if p is None else str(p) for p in periods]
        n = len(self._periods)
        self._x_fit = (left, max(n - 1, 0) + right_extra)
        if not self.user_view:
            self.view_box.setXRange(*self._x_fit, padding=0)
        self._tick_step = None
        self._update_period_ticks()

    @live
    def _update_period_ticks(self, *_):
        if self._periods is None:
            return
        n = len(self._periods)
        width = max(self.view_box.width(), 50.0)
        (x0, x1), _ = self.view_box.viewRange()
        per_period = width / max(x1 - x0, 1e-9)
        longest = max((len(p) for p in self._periods), default=1)
        label_px = 8.0 * longest + 12.0
        step = max(1, int(math.ceil(label_px / max(per_period, 1e-9))))
        if step != self._tick_step:
            self._tick_step = step
            major = [(float(t), self._periods[t]) for t in range(0, n, step)]
            minor = [(float(t), "") for t in range(n) if t % step]
            self.plot_item.getAxis("bottom").setTicks([major, minor])

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if getattr(self, "_ready", False):
            self._update_period_ticks()
