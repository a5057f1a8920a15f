"""Small pieces the charts share: a path item that paints in C++, and the
helpers for read-outs (nearest point, number format) and ranges."""
from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPaintEngine, QPainter, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsPathItem

HOVER_PIXELS = 12            # how near the cursor a point must be to be read out
LONE_DOT_PIXELS = 6          # the least width of a line's lone point (see PathCurve)


def live(method):
    """Skip a handler once the chart is closing (its items may be gone)."""
    def wrapper(self, *args, **kwargs):
        if getattr(self, "_ready", False):
            return method(self, *args, **kwargs)
        return None
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


def finite_range(*arrays, include=()):
    """(low, high) of the finite values of ``arrays`` and ``include``, or
    None when there are none."""
    parts = [np.asarray(a, dtype=float).ravel() for a in arrays]
    parts.append(np.asarray(list(include), dtype=float))
    values = np.concatenate(parts) if parts else np.empty(0)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return None
    return float(values.min()), float(values.max())


def lone_points(y) -> np.ndarray:
    """Which values of ``y`` have no value on either side (a line through
    them draws nothing): a mask."""
    ok = np.isfinite(np.asarray(y, dtype=float))
    if ok.size == 0:
        return ok
    before = np.concatenate([[False], ok[:-1]])
    after = np.concatenate([ok[1:], [False]])
    return ok & ~before & ~after


def nearest(xs, ys, x, y, px, py, tolerance=HOVER_PIXELS):
    """Index of the point of (xs, ys) nearest to (x, y) in pixels (``px``,
    ``py`` are data units per pixel), or None when none is within
    ``tolerance`` pixels."""
    xs = np.asarray(xs, dtype=float)
    ys = np.asarray(ys, dtype=float)
    if xs.size == 0 or not px or not py:
        return None
    with np.errstate(invalid="ignore"):
        d = np.hypot((xs - x) / px, (ys - y) / py)
    d = np.where(np.isfinite(d), d, np.inf)
    k = int(np.argmin(d))
    return k if d[k] <= tolerance else None


def nearest_of(curves, x, y, px, py):
    """The point nearest to (x, y) over several curves: ``curves`` yields
    (key, curve) pairs; hidden curves and curves without data are skipped.
    Returns (key, index, y value) or None when no point is within reach."""
    best = None
    for key, curve in curves:
        xs, ys = curve.getData()
        if xs is None or not curve.isVisible():
            continue
        k = nearest(xs, ys, x, y, px, py)
        if k is not None:
            d = np.hypot((xs[k] - x) / px, (ys[k] - y) / py)
            if best is None or d < best[0]:
                best = (d, key, k, ys[k])
    return None if best is None else best[1:]


def segment_distance(xs, ys, x, y, px, py) -> float:
    """The distance in pixels from (x, y) to the polyline through (xs, ys)
    (missing points break it); inf when it has no segment."""
    X = np.asarray(xs, dtype=float) / px
    Y = np.asarray(ys, dtype=float) / py
    if X.size < 2:
        return np.inf
    ax, ay, bx, by = X[:-1], Y[:-1], X[1:], Y[1:]
    ok = np.isfinite(ax) & np.isfinite(ay) & np.isfinite(bx) & np.isfinite(by)
    if not ok.any():
        return np.inf
    ax, ay, bx, by = ax[ok], ay[ok], bx[ok], by[ok]
    cx, cy = x / px, y / py
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.clip(np.where(length > 0, ((cx - ax) * dx + (cy - ay) * dy) / length, 0.0), 0.0, 1.0)
    return float(np.min(np.hypot(ax + t * dx - cx, ay + t * dy - cy)))


def nearest_segment(curves, x, y, px, py, tolerance=HOVER_PIXELS / 2):
    """The curve whose line passes nearest to (x, y), within ``tolerance``
    pixels: (key, distance) or None; ``curves`` yields (key, curve)."""
    if not px or not py:
        return None
    best = None
    for key, curve in curves:
        xs, ys = curve.getData()
        if xs is None or not curve.isVisible():
            continue
        d = segment_distance(xs, ys, x, y, px, py)
        if d <= tolerance and (best is None or d < best[1]):
            best = (key, d)
    return best


class PathCurve(QGraphicsPathItem):
    """A line (or dots) in a ViewBox, painted by Qt itself.

    pyqtgraph's PlotCurveItem spends most of a repaint in Python (bounds,
    pixel sizes, pens); a QGraphicsPathItem paints in C++.  The pen is
    cosmetic (its width in pixels); the bounding rectangle is padded by the
    pen's width in data units, kept right when the view's range changes.
    ``opts`` carries what pyqtgraph's legend samples read ('pen',
    'antialias').  ``dots=True`` draws a round dot at each point instead of
    a line (a very short segment with round caps).  ``lone_dots=True``
    draws a line's lone points (a value whose neighbours are missing, or the
    only value) as dots, which a line alone leaves invisible.
    """

    def __init__(self, view_box: pg.ViewBox, pen=None, connect="finite", antialias=True, dots=False,
                 lone_dots=False):
        super().__init__()
        self._view_box = view_box
        self._connect = connect
        self._dots = dots
        self._lone_dots = lone_dots and not dots and connect == "finite"
        self._lone = np.zeros(0, dtype=bool)
        self._lone_path = QPainterPath()
        self._x = np.empty(0)
        self._y = np.empty(0)
        self._data_rect = QRectF()
        self._rect = QRectF()
        self.opts = {"antialias": antialias, "pen": None}
        self.setPen(pen if pen is not None else pg.mkPen("k"))
        view_box.addItem(self)
        view_box.sigRangeChanged.connect(self._pad)

    def setPen(self, *args, **kwargs):
        pen = pg.mkPen(*args, **kwargs)
        pen.setCosmetic(True)
        if self._dots:
            pen.setCapStyle(Qt.RoundCap)
        self.opts["pen"] = pen
        super().setPen(pen)
        self._pad()

    def setData(self, x, y):
        """Draw the points (x, y); missing (NaN) points break the line."""
        x = np.array(x, dtype=float)
        y = np.array(y, dtype=float)
        self._x, self._y = x, y
        ok = np.isfinite(x) & np.isfinite(y)
        if self._dots:
            path = QPainterPath()
            for xi, yi in zip(x[ok].tolist(), y[ok].tolist()):
                path.moveTo(xi, yi)
                path.lineTo(xi + 1e-6 * max(abs(xi), 1.0), yi)
        elif x.size:
            path = pg.arrayToQPath(x, y, connect=self._connect)
        else:
            path = QPainterPath()
        self._lone = lone_points(y) if self._lone_dots and x.size else np.zeros(x.size, dtype=bool)
        self._lone &= ok
        self._lone_path = QPainterPath()
        for xi, yi in zip(x[self._lone].tolist(), y[self._lone].tolist()):
            self._lone_path.moveTo(xi, yi)
            self._lone_path.lineTo(xi + 1e-6 * max(abs(xi), 1.0), yi)
        self._data_rect = (QRectF(float(x[ok].min()), float(y[ok].min()), float(np.ptp(x[ok])), float(np.ptp(y[ok])))
                           if ok.any() else QRectF())
        self.prepareGeometryChange()
        self.setPath(path)
        self._pad()

    def getData(self):
        return self._x, self._y

    def lone_indices(self) -> np.ndarray:
        """Indices of the points drawn as lone dots (see ``lone_dots``)."""
        return np.flatnonzero(self._lone)

    def _lone_pen(self) -> QPen:
        """The pen of the lone dots: round, wider than the line."""
        pen = QPen(self.opts["pen"])
        pen.setWidthF(max(pen.widthF() * 2.5, LONE_DOT_PIXELS))
        pen.setStyle(Qt.SolidLine)
        pen.setCapStyle(Qt.RoundCap)
        pen.setCosmetic(True)
        return pen

    def detach(self):
        """Take the curve out of its view (a structure change)."""
        try:
            self._view_box.sigRangeChanged.disconnect(self._pad)
        except (RuntimeError, TypeError):
            pass
        self._view_box.removeItem(self)

    def _pad(self, *_):
        """The bounding rectangle: the data's, widened by the pen in data
        units (repaints then cover the whole drawn line)."""
        if self._data_rect.isNull() and not self._x.size:
            rect = QRectF()
        else:
            px, py = self._view_box.viewPixelSize()
            width = self.opts["pen"].widthF() if self.opts["pen"] is not None else 1.0
            if self._lone.any():
                width = max(width * 2.5, LONE_DOT_PIXELS)
            pad = max(width, 1.0) + 2.0
            rect = self._data_rect.adjusted(-pad * abs(px), -pad * abs(py), pad * abs(px), pad * abs(py))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def boundingRect(self):
        return self._rect

    def paint(self, painter, option, widget=None):
        painter.setRenderHint(QPainter.Antialiasing, self.opts["antialias"])
        engine = painter.paintEngine()
        if engine is not None and engine.type() == QPaintEngine.SVG:
            self._paint_on_page(painter)
            return
        painter.setPen(self.opts["pen"])
        painter.drawPath(self.path())
        if not self._lone_path.isEmpty():
            painter.setPen(self._lone_pen())
            painter.drawPath(self._lone_path)

    def _paint_on_page(self, painter):
        """Paint in page coordinates (SVG): the path mapped through the
        view's transform and drawn without it, the dots as filled circles.
        Written in data coordinates, a line would rely on the renderer
        honouring 'non-scaling-stroke' under a very uneven scale, and the
        dots (zero-length segments with round caps once the coordinates are
        rounded to six digits) would vanish in most renderers."""
        pen = self.opts["pen"]
        to_page = painter.worldTransform()
        width = pen.widthF() if pen.widthF() > 0 else 1.0
        painter.save()
        try:
            painter.setWorldTransform(QTransform())
            if self._dots:
                ok = np.isfinite(self._x) & np.isfinite(self._y)
                dots = QPainterPath()
                for xi, yi in zip(self._x[ok].tolist(), self._y[ok].tolist()):
                    dots.addEllipse(to_page.map(QPointF(xi, yi)), width / 2, width / 2)
                painter.setPen(Qt.NoPen)
                painter.setBrush(pen.brush())
                painter.drawPath(dots)
            else:
                page_pen = QPen(pen)
                page_pen.setCosmetic(False)
                page_pen.setWidthF(width)
                painter.setPen(page_pen)
                painter.setBrush(Qt.NoBrush)
                painter.drawPath(to_page.map(self.path()))
                if self._lone.any():
                    r = self._lone_pen().widthF() / 2
                    dots = QPainterPath()
                    for xi, yi in zip(self._x[self._lone].tolist(), self._y[self._lone].tolist()):
                        dots.addEllipse(to_page.map(QPointF(xi, yi)), r, r)
                    painter.setPen(Qt.NoPen)
                    painter.setBrush(pen.brush())
                    painter.drawPath(dots)
        finally:
            painter.restore()
