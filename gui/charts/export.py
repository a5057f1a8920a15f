"""A chart as an image: PNG (twice the screen size by default), SVG, and
the pixmap caching of its static items.  Functions that take a chart (a
:class:`~gui.charts.base.ChartBase`: its scene, ``layout_item``,
``hover_item``, ``theme`` and ``title()``); the chart's own Save / Copy
menu calls them, and so do :mod:`gui.exporting`.
"""
from __future__ import annotations

import contextlib

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsTextItem

from gui.charts.items import PathCurve

EXPORT_SCALE = 2             # PNG and clipboard images at twice the screen size
# static-looking items (text, axes, legend samples) are painted from a
# pixmap cache; repainting a chart then costs about a third less
CACHED_TYPES = (QGraphicsTextItem, pg.AxisItem, ItemSample)


def set_caching(chart, on: bool = True):
    """Cache the chart's text, axes and legend samples as pixmaps (on) or
    paint them afresh (off: exports, so text stays text and sharp)."""
    mode = QGraphicsItem.DeviceCoordinateCache if on else QGraphicsItem.NoCache
    for item in chart.scene().items():
        if isinstance(item, CACHED_TYPES) and item.cacheMode() != mode:
            item.setCacheMode(mode)


@contextlib.contextmanager
def _as_exported(chart):
    """The chart without its hover read-out and with nothing cached, for
    the time of an export."""
    shown = chart.hover_item.isVisible()
    chart.hover_item.hide()
    set_caching(chart, False)
    try:
        yield
    finally:
        set_caching(chart, True)
        chart.hover_item.setVisible(shown)


@contextlib.contextmanager
def _pens_widened(chart, scale: float):
    """Cosmetic pens keep their pixel width when the image is scaled up:
    widened for the export so that lines keep their weight."""
    paths = [(item, QPen(item.opts["pen"])) for item in chart.scene().items() if isinstance(item, PathCurve)]
    for item, pen in paths:
        wider = QPen(pen)
        wider.setWidthF(max(pen.widthF(), 1.0) * scale)
        QGraphicsPathItem.setPen(item, wider)
        item.opts["pen"] = wider
    try:
        yield
    finally:
        for item, pen in paths:
            QGraphicsPathItem.setPen(item, pen)
            item.opts["pen"] = pen


def render_image(chart, scale: float = EXPORT_SCALE) -> QImage:
    """The chart as an image, ``scale`` times its size on screen, without
    the hover read-out."""
    with _as_exported(chart), _pens_widened(chart, scale):
        target = chart.layout_item
        exporter = ImageExporter(target)
        exporter.parameters()["background"] = chart.theme.background
        exporter.parameters()["width"] = max(1, int(round(target.boundingRect().width() * scale)))
        return exporter.export(toBytes=True)


def export_png(chart, path: str, scale: float = EXPORT_SCALE) -> bool:
    return render_image(chart, scale).save(path, "PNG")


def export_svg(chart, path: str):
    """The chart as SVG.  Written with QSvgGenerator: pyqtgraph's
    SVGExporter (0.14) cannot parse the closed clip paths Qt 6.11 writes
    ("... Z") and raises."""
    with _as_exported(chart):
        source = chart.layout_item.sceneBoundingRect()
        page = QRectF(0, 0, source.width(), source.height())
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(source.size().toSize())
        generator.setViewBox(page)
        generator.setResolution(96)
        generator.setTitle(chart.title())
        chart.scene().prepareForPaint()
        painter = QPainter(generator)
        try:
            painter.setRenderHint(QPainter.Antialiasing, True)
            painter.fillRect(page, chart.theme.background)
            chart.scene().render(painter, page, source)
        finally:
            painter.end()
