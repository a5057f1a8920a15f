"""Charts of computed results.

Every chart builds its PlotWidget items once, keeps references and updates
them with ``setData`` / ``setText`` / ``setPos`` only; it never calls
``clear()`` (pyqtgraph issue 3194: re-plotting deletes C++ axis objects).
Ranges are set deliberately, and only when the data leave the view or use a
small part of it: auto-ranging is most of an update's cost.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from .document import ProjectDocument

# Okabe-Ito colours (distinguishable with colour-blindness), then tab10.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                  "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF")
INDEX_COLOUR = "#1b1f24"
BASE_COLOUR = "#6e7781"
BASE_VALUE = 100.0


def series_colour(k: int) -> str:
    return SERIES_COLOURS[k % len(SERIES_COLOURS)]


class IndexChart(pg.PlotWidget):
    """The composite index of one unit over the periods, with its dimension
    sub-indices, a dashed base = 100 line (fixed-base normalisation) and a
    label giving the latest value and the average annual growth.

    Listens to the document: an edited value redraws at once.
    """

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        super().__init__(parent, background="w")
        self._document = document
        self._unit = unit
        self._y_range = None         # the y range last set, (low, high)
        self._x_span = None          # the number of periods the x range was set for
        plot = self.getPlotItem()
        plot.disableAutoRange()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen("#8c959f"))
            axis.setTextPen(pg.mkPen("#24292f"))
        # the first period's label sits at the left edge; do not drop it
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self._legend = plot.addLegend(offset=(12, 8), labelTextColor="#24292f",
                                      brush=pg.mkBrush(255, 255, 255, 215), pen=pg.mkPen("#d0d7de"))
        self._base_line = pg.InfiniteLine(pos=BASE_VALUE, angle=0, movable=False,
                                          pen=pg.mkPen(BASE_COLOUR, width=1, style=Qt.DashLine),
                                          label="", labelOpts={"position": 0.97, "color": BASE_COLOUR,
                                                               "anchors": [(1, 1), (1, 1)]})
        plot.addItem(self._base_line, ignoreBounds=True)
        self._index_curve = pg.PlotDataItem(pen=pg.mkPen(INDEX_COLOUR, width=3), symbol="o", symbolSize=7,
                                            symbolBrush=INDEX_COLOUR, symbolPen=pg.mkPen("w", width=1),
                                            connect="finite", antialias=True)
        self._index_curve.setZValue(10)
        self._dimension_curves: dict[str, pg.PlotDataItem] = {}
        self._label = pg.TextItem(anchor=(0, 0.5), color=INDEX_COLOUR)
        font = QFont(self.font())
        font.setBold(True)
        self._label.setFont(font)
        self._label.setZValue(20)
        plot.addItem(self._label, ignoreBounds=True)
        self._build_series()
        document.valuesChanged.connect(self._on_values_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_structure_changed)
        self.refresh()

    # ---- items ------------------------------------------------------------------------
    @property
    def index_curve(self) -> pg.PlotDataItem:
        """The composite index line."""
        return self._index_curve

    @property
    def dimension_curves(self) -> dict[str, pg.PlotDataItem]:
        """The root's children (dimensions), by code, in framework order."""
        return dict(self._dimension_curves)

    @property
    def label(self) -> pg.TextItem:
        return self._label

    @property
    def base_line(self) -> pg.InfiniteLine:
        return self._base_line

    def _build_series(self):
        """Create the curves for the framework's root and its children.  Runs
        at start and after a structure change only; value edits reuse them."""
        plot = self.getPlotItem()
        fw = self._document.project.framework
        for curve in self._dimension_curves.values():
            plot.removeItem(curve)
        self._dimension_curves.clear()
        if self._index_curve.scene() is not None:
            plot.removeItem(self._index_curve)
        root = fw.root
        self._index_curve.opts["name"] = f"{root}  {fw[root].name}" if root else ""
        plot.addItem(self._index_curve)
        children = [c for c in fw.children(root) if not fw[c].is_indicator] if root else []
        for k, code in enumerate(children):
            colour = series_colour(k)
            # no symbols on the dimensions: they cost more than the lines
            # themselves at every update, and the index line carries the markers
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=2), connect="finite", antialias=True,
                                    name=f"{code}  {fw[code].name}")
            plot.addItem(curve)
            self._dimension_curves[code] = curve
        unit = fw[root].unit if root else ""
        plot.setLabel("left", unit or self.tr("Score"))
        self._set_ticks()

    def _set_ticks(self):
        periods = self._document.project.dataset.periods
        ticks = [(float(t), "" if p is None else str(p)) for t, p in enumerate(periods)]
        self.getPlotItem().getAxis("bottom").setTicks([ticks, []])

    # ---- updates ------------------------------------------------------------------------
    @property
    def unit(self) -> int:
        return self._unit

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self.refresh()

    def refresh(self):
        """Read the current results and update every item in place."""
        project = self._document.project
        engine = project.engine
        fw, ds = project.framework, project.dataset
        root = fw.root
        if root is None:
            return
        x = np.arange(len(ds.periods), dtype=float)
        y = np.asarray(engine.score(root)[self._unit], dtype=float)
        self._index_curve.setData(x, y)
        ys = [y]
        for code, curve in self._dimension_curves.items():
            yd = np.asarray(engine.score(code)[self._unit], dtype=float)
            curve.setData(x, yd)
            ys.append(yd)
        fixed_base = project.settings.normalisation == "fixed_base"
        self._base_line.setVisible(fixed_base)
        if fixed_base:
            base = engine.growth_base
            period = ds.periods[base] if base < len(ds.periods) else None
            self._base_line.label.setFormat("" if period is None else self.tr("{0} = 100").format(period))
        self._update_label(x, y)
        self._fit_ranges(x, np.concatenate(ys), BASE_VALUE if fixed_base else None)

    def _update_label(self, x, y):
        finite = np.flatnonzero(np.isfinite(y))
        if finite.size == 0:
            self._label.setText("")
            return
        engine = self._document.project.engine
        last = int(finite[-1])
        text = f"{y[last]:.1f}"
        base = engine.growth_base
        if last > base and np.isfinite(y[base]) and y[base] > 0:
            cagr = engine.growth(self._document.project.framework.root, base, last)[1][self._unit]
            if math.isfinite(cagr):
                text += "\n" + self.tr("{0:+.1f}% a year").format(cagr)
        self._label.setText(text)
        self._label.setPos(float(x[last]) + 0.08, float(y[last]))

    def _fit_ranges(self, x, y, include=None):
        """Fit the view to the data, leaving room on the right for the
        label; change the view only when the data leave it or fill less
        than half of it."""
        n = len(x)
        if self._x_span != n:
            right = max(0.6, 0.3 * (n - 1))
            self.getPlotItem().setXRange(-0.25, (n - 1) + right, padding=0)
            self._x_span = n
        finite = y[np.isfinite(y)]
        if include is not None:
            finite = np.append(finite, include)
        if finite.size == 0:
            return
        lo, hi = float(finite.min()), float(finite.max())
        span = hi - lo if hi > lo else max(abs(hi), 1.0)
        want = (lo - 0.06 * span, hi + 0.08 * span)
        current = self._y_range
        if (current is None or lo < current[0] or hi > current[1]
                or (current[1] - current[0]) > 2.0 * (want[1] - want[0])):
            self.getPlotItem().setYRange(*want, padding=0)
            self._y_range = want

    # ---- document events ----------------------------------------------------------------
    def _on_values_changed(self, cells):
        if any(u == self._unit for u, _, _ in cells):
            self.refresh()

    def _on_settings_changed(self):
        self._y_range = None
        self.refresh()

    def _on_structure_changed(self):
        self._y_range = None
        self._x_span = None
        self._build_series()
        self.refresh()
