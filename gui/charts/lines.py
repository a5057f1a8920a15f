"""Charts of results over the periods: the composite index (one or several
units, each line's end labelled without overlap, and the chosen unit's
uncertainty band once an analysis has been run) and the dimension
sub-indices of the chosen unit.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont

from core.pipeline import results as analysis

from gui.base.document import ProjectDocument
from gui.base.formatting import fmt
from gui.charts.endlabels import EndLabels
from gui.charts.items import PathCurve, finite_range, live, nearest_of, nearest_segment
from gui.charts.legend import Entry
from gui.charts.timechart import BASE_VALUE, TimeChart

LABEL_GAP_PX = 8             # between a curve's last point and its label (one unit)
LEADER_GAP_PX = 16           # the same with several units: room for a leader line
LABEL_SLACK = 1.12           # label room x this: SVG renderers lay text out a little wider
GROWTH_LABEL_UNITS = 3       # end labels name the growth with at most this many units
MARKER_PIXELS = 7            # the composite's dots
HOLE_PIXELS = 3.5            # the hole of a hollow dot (a score on part of its indicators)
BAND_ALPHA = 48              # of 255: the uncertainty band's fill over the background
LONE_BAND = 0.05             # half the width of the band of a lone period (periods are 1 apart)


class CompositeChart(TimeChart):
    """The composite index over the periods for the chosen unit and any
    units overlaid for comparison (colours of
    :data:`~gui.base.palette.COMPARE_COLOURS`, the chosen unit thick in the
    text colour).  Each line's end is labelled with its latest value (and
    its average annual growth where growth has a meaning), the labels
    spread apart with leader lines; labels that cannot fit are left to the
    legend.  A click on a line chooses its unit.

    While the document holds an analysis of the project as it is
    (:meth:`ProjectDocument.current_analysis`), the chosen unit's 5th-95th
    percentile index score of its replications is a band around its line
    (:attr:`band`); an edit makes the analysis out of date and the band goes."""

    LABEL_DECIMALS = 2

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        self._compared: list[int] = []
        self._curves: list[PathCurve] = []            # a pool: grown, never shrunk
        self._x_key = None
        super().__init__(document, unit, parent)
        font = QFont(self.font())
        font.setBold(True)
        self.end_labels = EndLabels(self.view_box, font, LABEL_GAP_PX)
        self.view_box.sigResized.connect(self.end_labels.place)
        self.view_box.sigRangeChanged.connect(self.end_labels.place)
        # the chosen unit's points: dots on a rim of the background colour
        self.marker_rims = PathCurve(self.view_box, dots=True)
        self.marker_rims.setZValue(10.5)
        self.markers = PathCurve(self.view_box, dots=True)
        self.markers.setZValue(11)
        # a hole in the dot where the index rests on part of its indicators
        self.holes = PathCurve(self.view_box, dots=True)
        self.holes.setZValue(11.5)
        self._band_edges = (pg.PlotCurveItem(), pg.PlotCurveItem())
        self.band = pg.FillBetweenItem(*self._band_edges)
        self.band.setZValue(1)
        for item in (*self._band_edges, self.band):
            self.view_box.addItem(item)
        self.band.setVisible(False)
        self._band_values: tuple | None = None        # (low, high) per period of the chosen unit, shown
        document.analysisChanged.connect(self._on_analysis_changed)
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
    def labels(self) -> list[pg.TextItem]:
        """The end labels, in the order of :meth:`units`."""
        self.current()
        return self.end_labels.items[:len(self.units())]

    @property
    def label(self) -> pg.TextItem:
        """The chosen unit's end label."""
        return self.labels[0]

    def unit_colour(self, k: int):
        return self.theme.foreground if k == 0 else self.theme.compare_colour(k - 1)

    def _build_series(self):
        """Make the pool hold a curve and a label per drawn unit; hide the
        rest.  Runs when the units or the structure change, not on edits."""
        units = self.units()
        while len(self._curves) < len(units):
            curve = PathCurve(self.view_box, lone_dots=True)
            curve.setZValue(10 - len(self._curves) * 0.01)
            self._curves.append(curve)
        self.end_labels.ensure(len(self._curves))
        self.end_labels.gap = LEADER_GAP_PX if len(units) > 1 else LABEL_GAP_PX
        for k, curve in enumerate(self._curves):
            shown = k < len(units)
            curve.setVisible(shown)
            if not shown:
                curve.setData([], [])
        self._style_curves()
        self._set_legend()
        self._x_key = None

    def _set_legend(self):
        """The units' lines, and the band while it is shown (the legend is
        wanted for several units or for the band)."""
        units = self.units()
        entries = [Entry(curve, self.unit_name(u), self.unit_code(u), u) for u, curve in zip(units, self._curves)]
        if self._band_values is not None:
            entries.append(Entry(self.band, self.band_text(), self.tr("5–95 %")))
        self.set_legend(entries, wanted=len(units) > 1 or self._band_values is not None)

    def band_text(self) -> str:
        analysis = self.document.analysis
        n = f"{analysis.replications:,}" if analysis is not None else ""
        return self.tr("5th–95th percentile of {0} replications").format(n)

    def _style_curves(self):
        for k, (curve, label) in enumerate(zip(self._curves, self.end_labels.items)):
            colour = self.unit_colour(k)
            curve.setPen(pg.mkPen(colour, width=3 if k == 0 else 2))
            label.setColor(colour)
        self.end_labels.leaders.setPen(pg.mkPen(self.theme.muted, width=1))
        self.markers.setPen(pg.mkPen(self.unit_colour(0), width=MARKER_PIXELS))
        self.marker_rims.setPen(pg.mkPen(self.theme.surface, width=MARKER_PIXELS + 2.5))
        self.holes.setPen(pg.mkPen(self.theme.surface, width=HOLE_PIXELS))
        fill = QColor(self.unit_colour(0))
        fill.setAlpha(BAND_ALPHA)
        edge = QColor(self.unit_colour(0))
        edge.setAlpha(2 * BAND_ALPHA)
        for item in self._band_edges:
            item.setPen(pg.mkPen(edge, width=1))
        self.band.setBrush(pg.mkBrush(fill))
        # what pyqtgraph's legend sample reads: an edge and a filled corner
        self.band.opts = {"pen": pg.mkPen(edge, width=1), "fillLevel": 0.0, "fillBrush": pg.mkBrush(fill),
                          "antialias": True}

    def _apply_theme(self):
        super()._apply_theme()
        self._style_curves()

    def retranslateUi(self):
        self._retranslate_base()
        fw = self.project.framework
        root = fw.root
        name = self.node_name(root) if root else ""
        self.set_title(self.tr("Composite index: {0}").format(name) if name else self.tr("Composite index"))
        units = self.units()
        texts, shorts = [self.unit_name(u) for u in units], [self.unit_code(u) for u in units]
        if self._band_values is not None:
            texts.append(self.band_text())
            shorts.append(self.tr("5–95 %"))
        self.legend.set_texts(texts, shorts)
        self._fit_legend()
        self._update_base_line()
        self.show_meaning()
        if self._curves:
            self.refresh()          # the end labels' words ("% a year") in the new language

    # ---- values ----------------------------------------------------------------------
    def label_text(self, value: float, cagr: float, code: str = "", wrap: bool = False) -> str:
        """An end label: the unit's code when several are drawn, the
        latest value, and the average annual growth when it is given (on a
        second line with ``wrap``, for a narrow chart)."""
        text = fmt(value, self.score_decimals(self.project.framework.root))
        if np.isfinite(cagr):
            growth = fmt(cagr, self.LABEL_DECIMALS, sign=True)
            text = (self.tr("{0}\n{1} % a year") if wrap else self.tr("{0} · {1} % a year")).format(text, growth)
        return f"{code} {text}" if code else text

    def refresh(self):
        project = self.project
        fw, ds = project.framework, project.dataset
        if fw.root is None:
            return
        x = np.arange(len(ds.periods), dtype=float)
        scores = self.engine.score(fw.root)
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
        band = self._update_band(x, units[0])
        self._update_base_line()
        self.fit_y(finite_range(*ys, *band, include=[BASE_VALUE] if self.fixed_base() else []))
        self._update_labels(x, ys, units)

    # ---- the uncertainty band ---------------------------------------------------------
    def band_values(self):
        """(low, high) index score per period of the chosen unit, as drawn;
        None without a current analysis."""
        self.current()
        return self._band_values

    def _update_band(self, x, unit: int) -> tuple:
        """Draw the chosen unit's band, if the document has a current
        analysis of it; returns what was drawn (for the y range)."""
        analysis = self.document.current_analysis()
        band = analysis.band(self.unit_code(unit)) if analysis is not None else None
        shown = band is not None and len(band[0]) == len(x) and bool(np.isfinite(band[0]).any())
        had = self._band_values is not None
        self._band_values = (band[0].copy(), band[1].copy()) if shown else None
        if shown:
            ok = np.isfinite(band[0]) & np.isfinite(band[1])
            bx, low, high = x[ok], band[0][ok], band[1][ok]
            if len(bx) == 1:                  # one period: a short bar, as wide as a dot's surroundings
                bx, low, high = bx[0] + np.array([-LONE_BAND, LONE_BAND]), np.repeat(low, 2), np.repeat(high, 2)
            self._band_edges[0].setData(bx, low)
            self._band_edges[1].setData(bx, high)
        else:
            for item in self._band_edges:
                item.setData([], [])
        self.band.setVisible(shown)
        for item in self._band_edges:
            item.setVisible(shown)
        if shown != had:
            self._set_legend()
        return self._band_values or ()

    @live
    def _on_analysis_changed(self):
        self.reset_ranges()
        self.refresh()

    def close(self):
        try:
            self.document.analysisChanged.disconnect(self._on_analysis_changed)
        except (RuntimeError, TypeError):
            pass
        return super().close()

    def growth_of(self, y) -> float:
        """Average annual growth over the series shown (first to last period
        with a value), as the results table gives it; NaN when there is
        none or it has no meaning (scores scaled per period)."""
        finite = np.flatnonzero(np.isfinite(y))
        if finite.size < 2 or self.growth_caveat():
            return np.nan
        first, last = int(finite[0]), int(finite[-1])
        return float(analysis.cagr(y[last], y[first], self.engine.years_between(first, last)))

    def _update_labels(self, x, ys, units):
        several = len(units) > 1
        with_growth = len(units) <= GROWTH_LABEL_UNITS
        ends, parts = [], {}
        for k, (y, u) in enumerate(zip(ys, units)):
            finite = np.flatnonzero(np.isfinite(y))
            if finite.size == 0:
                self.end_labels.set_text(k, "")
                continue
            last = int(finite[-1])
            parts[k] = (float(y[last]), self.growth_of(y) if with_growth else np.nan,
                        self.unit_code(u) if several else "")
            ends.append((k, float(x[last]), float(y[last])))
        texts = {k: self.label_text(*p) for k, p in parts.items()}
        if not self._labels_fit(self.end_labels.widest(texts.values())):
            texts = {k: self.label_text(*p, wrap=True) for k, p in parts.items()}     # growth on a second line
        for k, text in texts.items():
            self.end_labels.set_text(k, text)
        self._fit_x(len(x), self.end_labels.widest(self.end_labels.texts[:len(units)]))
        self.end_labels.set_ends(ends)

    def _label_room(self, label_px: float) -> tuple[float, float]:
        """(plot width, room the end labels need) in pixels."""
        width = self.view_box.width() if self.view_box.width() > 50 else 480.0
        return width, label_px * LABEL_SLACK + self.end_labels.gap + 8

    def _labels_fit(self, label_px: float) -> bool:
        """Labels this wide leave the data at least 3/8 of the plot."""
        width, need = self._label_room(label_px)
        return width > 1.6 * need

    def _fit_x(self, n: int, label_px: float):
        """Leave room on the right for the end labels (in pixels, with some
        slack for renderers that set text wider)."""
        width, need = self._label_room(label_px)
        need = int(need // 24 + 1) * 24                # in steps, so small changes keep the range
        key = (n, int(width), need)
        if key == self._x_key:
            return
        self._x_key = key
        left = -0.35
        data = max(n - 1, 0) - left
        # the labels get what they need while the data keep at least 30 % of the plot
        room = min(need, 0.7 * width)
        extra = room * data / (width - room)
        self.set_period_axis(self.project.dataset.periods, left=left, right_extra=max(extra, 0.3))

    @live
    def _update_period_ticks(self, *args):
        super()._update_period_ticks()
        if self._curves and self._x_key is not None and int(self.view_box.width()) != self._x_key[1]:
            self.refresh()                   # the label room depends on the width

    def _on_structure_changed(self):
        self._x_key = None
        super()._on_structure_changed()

    def reset_ranges(self):
        super().reset_ranges()
        self._x_key = None

    # ---- hover and clicks ------------------------------------------------------------
    def hover_at(self, x, y, px, py):
        root = self.project.framework.root
        hit = nearest_of(((u, curve) for curve, u in zip(self.curves, self.units())), x, y, px, py)
        if hit is None:
            return None
        u, k, value = hit
        d = self.score_decimals(root)
        text = "{0} · {1}\n{2}: {3}".format(self.node_name(root), self.unit_name(u),
                                            self.period_text(k), fmt(value, d))
        note = self.coverage_note(root, u, k)
        if note:
            text += "\n" + note
        cagr = self.growth_of(np.asarray(self.engine.score(root)[u], dtype=float))
        if np.isfinite(cagr):
            text += "\n" + self.tr("Average growth: {0} % a year").format(fmt(cagr, self.LABEL_DECIMALS, sign=True))
        band = self._band_values
        if band is not None and u == self.units()[0] and np.isfinite(band[0][k]):
            text += "\n" + self.tr("5th–95th percentile: {0} to {1} ({2} replications)").format(
                fmt(band[0][k], d), fmt(band[1][k], d), f"{self.document.analysis.replications:,}")
        return self.with_caveat(text), float(k), float(value)

    def unit_at(self, x, y, px, py):
        """The unit whose line or point is under (x, y)."""
        pairs = list(zip(self.units(), self.curves))
        hit = nearest_of(pairs, x, y, px, py) or nearest_segment(pairs, x, y, px, py)
        return None if hit is None else hit[0]


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
        for ring, hole in self._hollow.values():
            ring.detach()
            hole.detach()
        self._curves_by_code.clear()
        self._hollow.clear()
        for code in self.dimension_codes():
            # no symbols: five scatter items cost more to paint than the lines
            # (a lone point, as with one period, is drawn as a dot)
            curve = PathCurve(self.view_box, lone_dots=True)
            self._curves_by_code[code] = curve
            # hollow dots only where a score rests on part of its indicators
            ring, hole = PathCurve(self.view_box, dots=True), PathCurve(self.view_box, dots=True)
            ring.setZValue(5)
            hole.setZValue(5.5)
            self._hollow[code] = (ring, hole)
        self.set_legend([Entry(curve, self.node_name(code), code) for code, curve in self._curves_by_code.items()])
        self._style_curves()
        self.set_period_axis(self.project.dataset.periods, left=-0.35, right_extra=0.35)

    def _style_curves(self):
        for code, curve in self._curves_by_code.items():
            colour = self.dimension_colour(code)
            curve.setPen(pg.mkPen(colour, width=2))
            ring, hole = self._hollow[code]
            ring.setPen(pg.mkPen(colour, width=MARKER_PIXELS + 1))
            hole.setPen(pg.mkPen(self.theme.surface, width=HOLE_PIXELS + 0.5))

    def _apply_theme(self):
        super()._apply_theme()
        self._style_curves()

    def retranslateUi(self):
        self._retranslate_base()
        if self.project.dataset.unit_codes:
            self.set_title(self.tr("Dimensions: {0}").format(self.unit_short(self._valid_unit())))
        self.legend.set_texts([self.node_name(code) for code in self._curves_by_code])
        self._fit_legend()
        self._update_base_line()
        self.show_meaning()

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
                                           self.period_text(k), fmt(value, self.score_decimals(code)))
        note = self.coverage_note(code, self._valid_unit(), k)
        if note:
            text += "\n" + note
        return self.with_caveat(text), float(k), float(value)
