"""The dimensions of the chosen unit on a radar (spider) chart: the chosen
period against the base period, on spokes in a plain ViewBox, with the
units compared (the composite chart's compare selection) in the chosen
period.  A click on a unit's polygon or legend entry chooses that unit.

The rings, spokes, labels and polygons are made once (axis labels again
after a structure change) and moved; only a new scale moves the rings.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QGraphicsPolygonItem

from gui.charts.base import ChartBase
from gui.charts.choice import ChosenUnitPeriod, UnitPeriod
from gui.charts.items import PathCurve, live, nearest, nearest_segment
from gui.charts.legend import Entry
from gui.base.formatting import fmt
from gui.base.document import ProjectDocument

MAX_RINGS = 8
LABEL_REACH = 1.07            # axis labels sit this far out, relative to the outer ring
DOT_PIXELS = 9                # the vertices of the chosen period


def nice_step(span: float, count: int = 4) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) dividing ``span``
    into about ``count`` parts."""
    if not math.isfinite(span) or span <= 0:
        return 1.0
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * power >= raw:
            return m * power
    return 10.0 * power


def wrap_label(text: str, width: int = 16) -> str:
    """A long axis label on two lines, broken at the space nearest its middle."""
    if len(text) <= width or " " not in text.strip():
        return text
    middle = len(text) / 2
    k = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:k] + "\n" + text[k + 1:]


class RadarChart(ChosenUnitPeriod, ChartBase):
    """The dimension scores of the chosen unit in the chosen period (solid
    polygon) against the base period (dashed), and of the units compared in
    the chosen period (thin polygons in their compare colours), on spokes
    of a plain ViewBox.  Radii are scores measured from the centre's value
    (0, or a round value below the smallest score when there are negative
    scores)."""

    shows_dimensions = True

    def __init__(self, document: ProjectDocument, unit: int = 0, period: int = -1, parent=None):
        self.choice = UnitPeriod(document, self._show_choice, unit, period)
        self._codes: list[str] = []
        self._axis_labels: list[pg.TextItem] = []
        self._dots: list[PathCurve] = []          # one per dimension, in its colour
        self._compared: list[int] = []            # units compared, as chosen (see compared_units)
        self._others: list[PathCurve] = []        # their polygons, a pool
        self._scale_key = None
        self.origin = 0.0
        self._reach = None
        super().__init__(document, parent)
        vb = self.view_box
        # thin grey guides: drawn without antialiasing (cheaper, barely different)
        self.spokes = PathCurve(vb, connect="pairs", antialias=False)
        self.spokes.setZValue(-10)
        self.rings, self.ring_labels = [], []
        for _ in range(MAX_RINGS):
            ring = PathCurve(vb, antialias=False)
            ring.setZValue(-11)
            # on the spoke-free direction the polygons reach least, on a
            # background of their own (readable where they still cross a line)
            text = pg.TextItem(anchor=(0.5, 0.5))
            text.setZValue(5)
            vb.addItem(text)
            self.rings.append(ring)
            self.ring_labels.append(text)
        self.fill_item = QGraphicsPolygonItem()
        self.fill_item.setZValue(-2)
        vb.addItem(self.fill_item)
        self.base_polygon = PathCurve(vb)
        self.base_polygon.setZValue(1)
        self.polygon = PathCurve(vb)
        self.polygon.setZValue(2)
        self.marker_rims = PathCurve(vb, dots=True)
        self.marker_rims.setZValue(3)
        vb.sigResized.connect(self._fit_view)
        self._build_series()
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    def _build_view(self) -> pg.ViewBox:
        vb = pg.ViewBox(lockAspect=True, enableMouse=False, enableMenu=False)
        vb.disableAutoRange()
        self.layout_item.addItem(vb, row=1, col=0)
        return vb

    @property
    def codes(self) -> list[str]:
        return list(self._codes)

    def polygon_radii(self, base: bool = False) -> np.ndarray:
        """The drawn radii per dimension, in score units from the centre's
        value (so ``radii + origin`` are the scores)."""
        self.current()
        x, y = (self.base_polygon if base else self.polygon).getData()
        if x is None or len(x) == 0:
            return np.empty(0)
        return np.hypot(x, y)[:len(self._codes)]

    def _angles(self, k: int) -> np.ndarray:
        return math.pi / 2 - 2 * math.pi * np.arange(k) / max(k, 1)

    def _build_series(self):
        vb = self.view_box
        for label in self._axis_labels:
            vb.removeItem(label)
        for dot in self._dots:
            dot.detach()
        self._axis_labels, self._dots = [], []
        self._codes = self.dimension_codes()
        for code in self._codes:
            label = pg.TextItem()
            vb.addItem(label)
            self._axis_labels.append(label)
            dot = PathCurve(vb, dots=True)
            dot.setZValue(4)
            self._dots.append(dot)
        self._scale_key = None
        self._style_items()
        self._name_axes()

    def _name_axes(self):
        for code, label in zip(self._codes, self._axis_labels):
            label.setText(wrap_label(self.node_name(code)))
        self._fit_view()

    def _style_items(self):
        for code, label, dot in zip(self._codes, self._axis_labels, self._dots):
            label.setColor(self.dimension_colour(code))
            dot.setPen(pg.mkPen(self.dimension_colour(code), width=DOT_PIXELS))
        self.marker_rims.setPen(pg.mkPen(self.theme.surface, width=DOT_PIXELS + 2.5))

    def _apply_theme(self):
        th = self.theme
        self.spokes.setPen(pg.mkPen(th.grid, width=1))
        for ring, text in zip(self.rings, self.ring_labels):
            ring.setPen(pg.mkPen(th.grid, width=1))
            text.setColor(th.muted)
            text.fill = pg.mkBrush(th.panel)
        self.base_polygon.setPen(pg.mkPen(th.muted, width=2, style=Qt.DashLine))
        self.polygon.setPen(pg.mkPen(th.foreground, width=2.5))
        fill = pg.mkColor(th.foreground)
        fill.setAlpha(28)
        self.fill_item.setBrush(pg.mkBrush(fill))
        self.fill_item.setPen(pg.mkPen(None))
        self._style_items()
        self._style_others()

    def retranslateUi(self):
        self._retranslate_base()
        ds = self.project.dataset
        if not ds.periods or not ds.unit_codes:
            return
        t, base = self.period, self.engine.growth_base
        unit = self.unit_short(self.choice.valid_unit())
        if self.one_period():
            # one period: its dimensions alone, nothing to compare against
            shown = self.period_text(t)
            self.set_title(self.tr("Dimensions in {0}: {1}").format(shown, unit) if shown
                           else self.tr("Dimensions: {0}").format(unit))
            entries = [Entry(self.polygon, shown or self.tr("Scores"))]
        else:
            self.set_title(self.tr("Dimensions in {0} against {1}: {2}").format(
                self.period_text(t), self.period_text(base), unit))
            entries = [Entry(self.polygon, self.period_text(t)),
                       Entry(self.base_polygon, self.tr("{0} (base)").format(self.period_text(base)))]
        others = self.compared_units()
        chosen = self.choice.valid_unit()
        self._pool_others(len(others))
        if others:
            # the chosen unit's entries name it, beside the units compared
            # (short: the period alone, as without units compared; the title names the unit)
            entries[0] = Entry(self.polygon, self.tr("{0}, {1}").format(unit, entries[0].text), entries[0].text,
                               chosen)
            entries[1:] = [Entry(e.item, e.text, e.short, chosen) for e in entries[1:]]
            entries += [Entry(item, self.unit_name(u), self.unit_code(u), u) for u, item in zip(others, self._others)]
        if ([(e.text, e.unit) for e in entries] != [(e.text, e.unit) for e in self.legend.entries]
                or [e.item for e in entries] != [e.item for e in self.legend.entries]):
            self.set_legend(entries)
        self._name_axes()

    def one_period(self) -> bool:
        """Whether the project has one period: then no base polygon is drawn."""
        return len(self.project.dataset.periods) <= 1

    # ---- units compared --------------------------------------------------------------
    def compared_units(self) -> list[int]:
        """The units compared that are drawn: those of the compare
        selection that exist, the chosen unit left out (it is drawn anyway)."""
        u = self.choice.valid_unit()
        n = len(self.project.dataset.unit_codes)
        return [c for c in self._compared if c != u and 0 <= c < n]

    def set_compared_units(self, units):
        """Draw these units' polygons too (the composite chart's compare
        selection), in the chosen period."""
        units = [int(u) for u in units]
        if units != self._compared:
            self._compared = units
            self._show_choice()

    @property
    def compared_polygons(self) -> list[PathCurve]:
        """The polygons of :meth:`compared_units`, in that order."""
        self.current()
        return self._others[:len(self.compared_units())]

    def _pool_others(self, n: int):
        """At least ``n`` polygons for the units compared, the first ``n``
        shown in the compare colours (as on the composite chart)."""
        if len(self._others) < n:
            while len(self._others) < n:
                item = PathCurve(self.view_box)
                item.setZValue(1.5 - 0.01 * len(self._others))
                self._others.append(item)
            self._style_others()
        for k, item in enumerate(self._others):
            item.setVisible(k < n)

    def _style_others(self):
        for k, item in enumerate(self._others):
            item.setPen(pg.mkPen(self.theme.compare_colour(k), width=1.6))

    # ---- values ----------------------------------------------------------------------
    def scores(self, t: int, unit: int | None = None) -> np.ndarray:
        """The dimension scores of ``unit`` (default the chosen one) in period ``t``."""
        u = self.choice.valid_unit() if unit is None else unit
        return np.array([self.engine.score(c)[u, t] for c in self._codes], dtype=float)

    def refresh(self):
        if not self._codes:
            return
        t, base = self.period, self.engine.growth_base
        now = self.scores(t)
        then = np.full(now.shape, np.nan) if self.one_period() else self.scores(base)
        others = [self.scores(t, u) for u in self.compared_units()]
        values = np.concatenate([now, then] + others)
        values = values[np.isfinite(values)]
        if self.project.settings.normalisation == "fixed_base":
            values = np.append(values, 100.0)
        lo = float(values.min()) if values.size else 0.0
        hi = float(values.max()) if values.size else 1.0
        self._set_scale(lo, hi)
        angles = self._angles(len(self._codes))
        cos, sin = np.cos(angles), np.sin(angles)
        self.base_polygon.setVisible(not self.one_period())
        self._pool_others(len(others))
        for item, s in [(self.polygon, now), (self.base_polygon, then)] + list(zip(self._others, others)):
            r = s - self.origin
            x, y = r * cos, r * sin
            item.setData(np.append(x, x[:1]), np.append(y, y[:1]))
        r = np.nan_to_num(now - self.origin, nan=0.0)
        reach = np.fmax(r, np.nan_to_num(then - self.origin, nan=0.0))
        for other in others:
            reach = np.fmax(reach, np.nan_to_num(other - self.origin, nan=0.0))
        self._place_ring_labels(reach)
        self.fill_item.setPolygon(QPolygonF([QPointF(a, b) for a, b in zip(r * cos, r * sin)]))
        xs, ys = (now - self.origin) * cos, (now - self.origin) * sin
        self.marker_rims.setData(xs, ys)
        for k, dot in enumerate(self._dots):
            dot.setData(xs[k:k + 1], ys[k:k + 1])

    def _set_scale(self, lo: float, hi: float):
        """Rings, spokes, labels and the view for scores in [lo, hi];
        changed only when the round scale changes."""
        origin = 0.0 if lo >= 0 else -nice_step(-lo, 1) * math.ceil(-lo / nice_step(-lo, 1))
        step = nice_step(hi - origin)
        outer = step * math.ceil((hi - origin) / step - 1e-9)
        outer = max(outer, step)
        key = (origin, step, outer, len(self._codes))
        if key == self._scale_key:
            return
        self._scale_key = key
        self.origin = origin
        angles = self._angles(len(self._codes))
        circle = np.linspace(0, 2 * math.pi, 97)
        n = int(round(outer / step))
        self._ring_count, self._step = n, step
        for j, (ring, text) in enumerate(zip(self.rings, self.ring_labels)):
            if j < n:
                r = step * (j + 1)
                if len(self._codes) >= 3:
                    a = np.append(angles, angles[:1])
                    ring.setData(r * np.cos(a), r * np.sin(a))
                else:
                    ring.setData(r * np.cos(circle), r * np.sin(circle))
                text.setText(f"{origin + r:g}")
            ring.setVisible(j < n)
        xs = np.repeat(np.zeros(len(angles)), 1)
        self.spokes.setData(np.column_stack([xs, outer * np.cos(angles)]).ravel(),
                            np.column_stack([xs, outer * np.sin(angles)]).ravel())
        for a, label in zip(angles, self._axis_labels):
            c, s = math.cos(a), math.sin(a)
            label.setAnchor((0.5 - 0.5 * round(c, 6), 0.5 + 0.5 * round(s, 6)))
            label.setPos(outer * LABEL_REACH * c, outer * LABEL_REACH * s)
        self._outer = outer
        self._fit_view()

    def clear_angle(self, reach) -> float:
        """The direction half-way between two neighbouring spokes where the
        polygons reach least (``reach``: the larger radius per spoke)."""
        k = len(reach)
        angles = self._angles(k)
        if k < 2:
            return float(angles[0] - math.pi / 2) if k else 0.0
        gaps = [max(reach[j], reach[(j + 1) % k]) for j in range(k)]
        j = int(np.argmin(gaps))
        return float(angles[j] - math.pi / k)

    def _place_ring_labels(self, reach):
        """Ring labels along the clearest direction; every ring's when they
        are far enough apart on screen, else every second (third ...) and
        the outer one."""
        self._reach = reach
        a = self.clear_angle(reach)
        n, step = getattr(self, "_ring_count", 0), getattr(self, "_step", 1.0)
        px = abs(self.view_box.viewPixelSize()[0]) or 1.0
        # on a polygon ring (3 spokes or more), half-way between two spokes
        # the ring is nearer the centre than at its corners
        k = len(self._codes)
        inward = math.cos(math.pi / k) if k >= 3 else 1.0
        height = max((t.boundingRect().height() for t in self.ring_labels[:n]), default=14.0)
        every = max(1, math.ceil((height + 2) / max(step * inward / px, 1e-9)))
        for j, text in enumerate(self.ring_labels):
            r = step * (j + 1) * inward
            shown = j < n and ((n - 1 - j) % every == 0)
            text.setVisible(shown)
            if shown:
                text.setPos(r * math.cos(a), r * math.sin(a))

    def ring_label_rects(self):
        """Scene rectangles of the ring labels shown."""
        shown = [t for t in self.ring_labels if t.isVisible()]
        for t in shown:
            t.updateTransform(force=True)
        return [t.sceneBoundingRect() for t in shown]

    @live
    def _fit_view(self, *_):
        """The largest scale at which the rings and the axis labels fit in
        the view, from the labels' sizes in pixels."""
        outer = getattr(self, "_outer", None)
        if not outer:
            return
        W, H = self.view_box.width(), self.view_box.height()
        if W < 20 or H < 20:
            W, H = 400.0, 300.0
        margin = 4.0
        scale = (min(W, H) / 2 - margin) / outer
        reach = outer * LABEL_REACH
        for a, label in zip(self._angles(len(self._codes)), self._axis_labels):
            rect = label.textItem.boundingRect()
            for half, size, d in ((W / 2, rect.width(), abs(math.cos(a))), (H / 2, rect.height(), abs(math.sin(a)))):
                room = half - margin - (0.5 + 0.5 * d) * size
                if d > 1e-6:
                    scale = min(scale, room / (reach * d))
                elif room <= 0:
                    scale = min(scale, 1e-9)
        if scale <= 0 or not math.isfinite(scale):
            scale = (min(W, H) / 2) / (outer * 1.6)
        scale = max(scale, (min(W, H) / 2) / (outer * 3.0))   # tiny views: let labels clip, keep the polygon
        self.view_box.setRange(xRange=(-W / 2 / scale, W / 2 / scale), yRange=(-H / 2 / scale, H / 2 / scale),
                               padding=0)
        if getattr(self, "_reach", None) is not None:
            self._place_ring_labels(self._reach)

    def _on_settings_changed(self):
        self._scale_key = None
        super()._on_settings_changed()

    def _drawn(self):
        """(polygon, period, unit) of every polygon drawn."""
        u, t = self.choice.valid_unit(), self.period
        drawn = [(self.polygon, t, u), (self.base_polygon, self.engine.growth_base, u)]
        return drawn + [(item, t, v) for item, v in zip(self._others, self.compared_units())]

    def _corner_at(self, x, y, px, py):
        """The polygon corner nearest to (x, y) within reach: (dimension
        index, period, unit, corner x, corner y), or None."""
        best = None
        for item, t, u in self._drawn():
            if not item.isVisible():
                continue
            xs, ys = item.getData()
            if xs is None or len(xs) == 0:
                continue
            k = nearest(xs[:-1], ys[:-1], x, y, px, py)
            if k is not None:
                d = math.hypot((xs[k] - x) / px, (ys[k] - y) / py)
                if best is None or d < best[0]:
                    best = (d, k, t, u, xs[k], ys[k])
        return None if best is None else best[1:]

    def hover_at(self, x, y, px, py):
        hit = self._corner_at(x, y, px, py)
        if hit is None:
            return None
        k, t, u, vx, vy = hit
        code = self._codes[k]
        value = self.engine.score(code)[u, t]
        text = "{0} ({1})\n{2}: {3}".format(self.node_name(code), code, self.period_text(t),
                                           fmt(value, self.score_decimals(code)))
        if self.compared_units():
            text = "{0}\n{1}".format(self.unit_name(u), text)
        return text, float(vx), float(vy)

    def unit_at(self, x, y, px, py):
        """The unit whose polygon has a corner, else a side, under (x, y)."""
        hit = self._corner_at(x, y, px, py)
        if hit is not None:
            return hit[2]
        hit = nearest_segment([(u, item) for item, _, u in self._drawn()], x, y, px, py)
        return None if hit is None else hit[0]
