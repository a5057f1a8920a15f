"""Charts of results over the periods: the composite index (one or several
units), the dimension sub-indices, and the dimensions' contributions to the
composite's change since the base period.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from core.pipeline import results as analysis

from gui.charts.base import PlotChart
from gui.charts.items import PathCurve, finite_range, live, nearest_of
from gui.base.formatting import fmt
from gui.base.document import ProjectDocument

BASE_VALUE = 100.0
LABEL_GAP_PX = 8             # between a curve's last point and its label
UNIT_COLOUR_OFFSET = 6       # overlaid units take colours after the dimensions'
BAR_WIDTH = 0.62
MARKER_PIXELS = 7            # the composite's dots
HOLE_PIXELS = 3.5            # the hole of a hollow dot (a score on part of its indicators)

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

    def _apply_theme(self):
        super()._apply_theme()
        self.base_line.setPen(pg.mkPen(self.theme.muted, width=1, style=Qt.DashLine))
        self.base_line.label.setColor(self.theme.muted)


class CompositeChart(TimeChart):
    """The composite index over the periods for the chosen unit and any
    units overlaid for comparison; each curve's latest value and average
    annual growth are labelled at its end."""

    LABEL_DECIMALS = 2

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        self._compared: list[int] = []
        self._curves: list[PathCurve] = []            # a pool: grown, never shrunk
        self._labels: list[pg.TextItem] = []
        self._label_texts: list[str] = []
        self._x_key = None
        super().__init__(document, unit, parent)
        self._label_font = QFont(self.font())
        self._label_font.setBold(True)
        self._label_metrics = QFontMetricsF(self._label_font)
        # the chosen unit's points: dots on a rim of the background colour
        self.marker_rims = PathCurve(self.view_box, dots=True)
        self.marker_rims.setZValue(10.5)
        self.markers = PathCurve(self.view_box, dots=True)
        self.markers.setZValue(11)
        # a hole in the dot where the index rests on part of its indicators
        self.holes = PathCurve(self.view_box, dots=True)
        self.holes.setZValue(11.5)
        self._build_series()
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    # ---- units -----------------------------------------------------------------------
    def units(self) -> list[int]:
        """The units drawn: the chosen one first, then those compared."""
        u = self._valid_unit()
        n = len(self.project.dataset.unit_codes)
        return [u] + [c for c in self._compared if c != u and 0 <= c < n]

    def set_compared_units(self, units):
        """Overlay these units (besides the chosen one)."""
        units = [int(u) for u in units]
        if units != self._compared:
            self._compared = units
            self._build_series()
            self.reset_ranges()
            self.refresh()

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self._build_series()
            self.reset_ranges()
            self.refresh()

    @property
    def curves(self) -> list[PathCurve]:
        """The visible unit curves, in the order of :meth:`units`."""
        self.current()
        return self._curves[:len(self.units())]

    @property
    def index_curve(self) -> PathCurve:
        """The chosen unit's composite index line."""
        self.current()
        return self._curves[0]

    @property
    def label(self) -> pg.TextItem:
        """The chosen unit's end label."""
        self.current()
        return self._labels[0]

    def unit_colour(self, k: int):
        return self.theme.foreground if k == 0 else self.theme.colour(UNIT_COLOUR_OFFSET + k - 1)

    def _build_series(self):
        """Make the pool hold a curve and a label per drawn unit; hide the
        rest.  Runs when the units or the structure change, not on edits."""
        units = self.units()
        while len(self._curves) < len(units):
            curve = PathCurve(self.view_box, lone_dots=True)
            curve.setZValue(10 - len(self._curves) * 0.01)
            label = pg.TextItem(anchor=(0, 0.5))
            label.setFont(self._label_font)
            label.setZValue(20)
            self.plot_item.addItem(label, ignoreBounds=True)
            self._curves.append(curve)
            self._labels.append(label)
            self._label_texts.append("")
        for k, (curve, label) in enumerate(zip(self._curves, self._labels)):
            shown = k < len(units)
            curve.setVisible(shown)
            label.setVisible(shown)
            if not shown:
                curve.setData([], [])
        self._style_curves()
        self.legend.clear()
        if len(units) > 1:
            for u, curve in zip(units, self._curves):
                self.legend.addItem(curve, self.unit_name(u))
        self._legend_wanted = len(units) > 1
        self._fit_legend_columns()
        self._x_key = None

    def _style_curves(self):
        for k, (curve, label) in enumerate(zip(self._curves, self._labels)):
            colour = self.unit_colour(k)
            curve.setPen(pg.mkPen(colour, width=3 if k == 0 else 2))
            label.setColor(colour)
        self.markers.setPen(pg.mkPen(self.unit_colour(0), width=MARKER_PIXELS))
        self.marker_rims.setPen(pg.mkPen(self.theme.background, width=MARKER_PIXELS + 2.5))
        self.holes.setPen(pg.mkPen(self.theme.background, width=HOLE_PIXELS))

    def _apply_theme(self):
        super()._apply_theme()
        self._style_curves()
        self.style_legend(self.legend)

    def retranslateUi(self):
        self._retranslate_base()
        fw = self.project.framework
        root = fw.root
        name = self.node_name(root) if root else ""
        self.set_title(self.tr("Composite index: {0}").format(name) if name else self.tr("Composite index"))
        units = self.units()
        for (sample, label), u in zip(self.legend.items, units):
            label.setText(self.unit_name(u))
        self._update_base_line()

    # ---- values ----------------------------------------------------------------------
    def label_text(self, value: float, cagr: float) -> str:
        """The end label: latest value and average annual growth."""
        d = self.LABEL_DECIMALS
        if np.isfinite(cagr):
            return self.tr("{0} · {1} % a year").format(fmt(value, d), fmt(cagr, d, sign=True))
        return fmt(value, d)

    def refresh(self):
        project = self.project
        fw, ds = project.framework, project.dataset
        if fw.root is None:
            return
        engine = self.engine
        x = np.arange(len(ds.periods), dtype=float)
        scores = engine.score(fw.root)
        units = self.units()
        ys = []
        for curve, u in zip(self._curves, units):
            y = np.array(scores[u], dtype=float)        # a copy: the engine updates its arrays in place
            curve.setData(x, y)
            ys.append(y)
        self.markers.setData(x, ys[0])
        self.marker_rims.setData(x, ys[0])
        part = self.partial_points(fw.root, units[0], ys[0])
        self.holes.setData(x[part], ys[0][part])
        extra = self._refresh_extra(x)
        self._update_base_line()
        self._update_labels(x, ys, units)
        self.fit_y(finite_range(*ys, *extra, include=[BASE_VALUE] if self.fixed_base() else []))

    def _refresh_extra(self, x) -> list:
        """Subclasses update further series here; returns their y arrays."""
        return []

    def _update_labels(self, x, ys, units):
        engine = self.engine
        widest = 0.0
        metrics = self._label_metrics
        ends = []
        for k, (y, u) in enumerate(zip(ys, units)):
            finite = np.flatnonzero(np.isfinite(y))
            if finite.size == 0:
                text, last = "", None
            else:
                # average annual growth over the series shown (first to last
                # period with a value), as the results table gives it
                first, last = int(finite[0]), int(finite[-1])
                cagr = np.nan
                if last > first:
                    cagr = float(analysis.cagr(y[last], y[first], engine.years_between(first, last)))
                text = self.label_text(float(y[last]), cagr)
            if text != self._label_texts[k]:
                self._labels[k].setText(text)
                self._label_texts[k] = text
            if last is not None:
                widest = max(widest, max(metrics.horizontalAdvance(line) for line in text.split("\n")))
                ends.append((k, float(x[last]), float(y[last])))
        self._fit_x(len(x), widest)
        # keep labels of overlaid units apart: at least one line height
        _, py = self.view_box.viewPixelSize()
        gap = abs(py) * metrics.height() * 1.05
        placed = []
        for k, xe, ye in sorted(ends, key=lambda e: e[2]):
            yl = ye if not placed or ye - placed[-1] >= gap else placed[-1] + gap
            placed.append(yl)
            px, _ = self.view_box.viewPixelSize()
            self._labels[k].setPos(xe + abs(px) * LABEL_GAP_PX, yl)

    def _fit_x(self, n: int, label_px: float):
        """Leave room on the right for the end labels (in pixels)."""
        width = self.view_box.width() if self.view_box.width() > 50 else 480.0
        need = int(label_px // 24 + 1) * 24 + LABEL_GAP_PX + 6   # in steps, so small changes keep the range
        key = (n, int(width), need)
        if key == self._x_key:
            return
        self._x_key = key
        left = -0.35
        data = max(n - 1, 0) - left
        extra = need * data / (width - need) if width > 1.6 * need else data
        self.set_period_axis(self.project.dataset.periods, left=left, right_extra=max(extra, 0.3))

    @live
    def _update_period_ticks(self, *args):
        super()._update_period_ticks()
        if self._curves and self._x_key is not None and int(self.view_box.width()) != self._x_key[1]:
            self.refresh()                   # the label room depends on the width

    def _on_structure_changed(self):
        self._x_key = None
        super()._on_structure_changed()

    # ---- hover -----------------------------------------------------------------------
    def hover_at(self, x, y, px, py):
        root = self.project.framework.root
        hit = nearest_of(((u, curve) for curve, u in zip(self.curves, self.units())), x, y, px, py)
        if hit is None:
            return None
        u, k, value = hit
        text = "{0} · {1}\n{2}: {3}".format(self.node_name(root), self.unit_name(u),
                                            self.period_text(k), fmt(value))
        note = self.coverage_note(root, u, k)
        if note:
            text += "\n" + note
        return text, float(k), float(value)


class DimensionChart(TimeChart):
    """The root's children (the dimensions) over the periods, for one unit,
    in the colours every chart gives them."""

    shows_dimensions = True

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        self._curves_by_code: dict[str, PathCurve] = {}
        self._hollow: dict[str, tuple[PathCurve, PathCurve]] = {}
        super().__init__(document, unit, parent)
        self._build_series()
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    @property
    def curves(self) -> dict[str, PathCurve]:
        """Dimension curves by code, in framework order."""
        self.current()
        return dict(self._curves_by_code)

    def hollow_periods(self, code: str) -> np.ndarray:
        """Periods drawn as a hollow point on the curve of ``code``."""
        self.current()
        return np.asarray(self._hollow[code][0].getData()[0], dtype=float).astype(int)

    def _build_series(self):
        for curve in self._curves_by_code.values():
            curve.detach()
            self.legend.removeItem(curve)
        for ring, hole in self._hollow.values():
            ring.detach()
            hole.detach()
        self._curves_by_code.clear()
        self._hollow.clear()
        for code in self.dimension_codes():
            # no symbols: five scatter items cost more to paint than the lines
            # (a lone point, as with one period, is drawn as a dot)
            curve = PathCurve(self.view_box, lone_dots=True)
            self.legend.addItem(curve, self.node_name(code))
            self._curves_by_code[code] = curve
            # hollow dots only where a score rests on part of its indicators
            ring, hole = PathCurve(self.view_box, dots=True), PathCurve(self.view_box, dots=True)
            ring.setZValue(5)
            hole.setZValue(5.5)
            self._hollow[code] = (ring, hole)
        self._fit_legend_columns()
        self._style_curves()
        self.set_period_axis(self.project.dataset.periods, left=-0.35, right_extra=0.35)

    def _style_curves(self):
        for code, curve in self._curves_by_code.items():
            colour = self.dimension_colour(code)
            curve.setPen(pg.mkPen(colour, width=2))
            ring, hole = self._hollow[code]
            ring.setPen(pg.mkPen(colour, width=MARKER_PIXELS + 1))
            hole.setPen(pg.mkPen(self.theme.background, width=HOLE_PIXELS + 0.5))

    def _apply_theme(self):
        super()._apply_theme()
        self._style_curves()
        self.style_legend(self.legend)

    def retranslateUi(self):
        self._retranslate_base()
        if self.project.dataset.unit_codes:
            self.set_title(self.tr("Dimensions: {0}").format(self.unit_short(self._valid_unit())))
        for sample, label in self.legend.items:
            for code, curve in self._curves_by_code.items():
                if sample.item is curve:
                    label.setText(self.node_name(code), color=self.theme.foreground)
        self._update_base_line()

    def refresh(self):
        ds = self.project.dataset
        if not self._curves_by_code:
            return
        u = self._valid_unit()
        x = np.arange(len(ds.periods), dtype=float)
        ys = []
        for code, curve in self._curves_by_code.items():
            y = np.array(self.engine.score(code)[u], dtype=float)      # a copy, not a view of the engine
            curve.setData(x, y)
            part = self.partial_points(code, u, y)
            for dots in self._hollow[code]:
                dots.setData(x[part], y[part])
            ys.append(y)
        self._update_base_line()
        self.fit_y(finite_range(*ys, include=[BASE_VALUE] if self.fixed_base() else []))

    def hover_at(self, x, y, px, py):
        hit = nearest_of(self._curves_by_code.items(), x, y, px, py)
        if hit is None:
            return None
        code, k, value = hit
        text = "{0} ({1})\n{2}: {3}".format(self.node_name(code), code,
                                           self.period_text(k), fmt(value))
        note = self.coverage_note(code, self._valid_unit(), k)
        if note:
            text += "\n" + note
        return text, float(k), float(value)
