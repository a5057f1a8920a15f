"""A chart as an image: PNG (twice the screen size by default), SVG, and
the pixmap caching of its static items.  Every export draws the chart as
the screen does (the same scene and items), in the paper colours (dark text
on white, or on a transparent background), whatever the window's colours.  Functions that take a chart (a
:class:`~gui.charts.base.ChartBase`: its scene, ``layout_item``,
``hover_item``, ``theme`` and ``title()``); the chart's own Save / Copy
menu calls them, and so do :mod:`gui.exporting`.
"""
from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen, QPicture
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsTextItem

from gui.base.palette import ChartTheme
from gui.charts.items import PathCurve

EXPORT_SCALE = 2             # PNG and clipboard images at twice the screen size
BACKGROUNDS = ("white", "transparent")
DEFAULT_BACKGROUND = "white"
BACKGROUND_KEY = "charts/export_background"
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


def export_background() -> str:
    """The background of exported images the user chose: 'white' (the
    default) or 'transparent'."""
    value = str(QSettings().value(BACKGROUND_KEY, DEFAULT_BACKGROUND) or DEFAULT_BACKGROUND)
    return value if value in BACKGROUNDS else DEFAULT_BACKGROUND


def set_export_background(name: str):
    if name not in BACKGROUNDS:
        raise ValueError(f"background '{name}': choose one of {', '.join(BACKGROUNDS)}")
    QSettings().setValue(BACKGROUND_KEY, name)


def paper_theme(background: str) -> ChartTheme:
    if background not in BACKGROUNDS:
        raise ValueError(f"background '{background}': choose one of {', '.join(BACKGROUNDS)}")
    return ChartTheme.paper(transparent=background == "transparent")


@contextlib.contextmanager
def _as_exported(chart, background: str = DEFAULT_BACKGROUND):
    """The chart in paper colours, without its hover read-out and with
    nothing cached, for the time of an export."""
    shown = chart.hover_item.isVisible()
    chart.hover_item.hide()
    screen = chart.theme
    chart.set_theme(paper_theme(background))
    set_caching(chart, False)
    try:
        yield
    finally:
        chart.set_theme(screen)
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


def render_image(chart, scale: float = EXPORT_SCALE, background: str = DEFAULT_BACKGROUND) -> QImage:
    """The chart as an image, ``scale`` times its size on screen (text,
    lines and legend alike), on ``background`` ('white' or
    'transparent'), without the hover read-out."""
    with _as_exported(chart, background), _pens_widened(chart, scale):
        target = chart.layout_item
        exporter = ImageExporter(target)
        exporter.parameters()["background"] = chart.theme.background
        exporter.parameters()["width"] = max(1, int(round(target.boundingRect().width() * scale)))
        return exporter.export(toBytes=True)


def export_png(chart, path: str, scale: float = EXPORT_SCALE, background: str = DEFAULT_BACKGROUND) -> bool:
    return render_image(chart, scale, background).save(path, "PNG")


def export_svg(chart, path: str, background: str = DEFAULT_BACKGROUND):
    """The chart as SVG.  Written with QSvgGenerator: pyqtgraph's
    SVGExporter (0.14) cannot parse the closed clip paths Qt 6.11 writes
    ("... Z") and raises.

    Written at the resolution pyqtgraph records its axes and bars in
    (QPicture's, 96 dpi): at the generator's default 72 dpi they were
    replayed at three quarters of their size, off their data.  The
    shapes drawn with cosmetic pens in a view's data coordinates are then
    moved to page coordinates (:func:`flatten_svg`), so that renderers
    without 'non-scaling-stroke' draw them as Qt does."""
    with _as_exported(chart, background):
        source = chart.layout_item.sceneBoundingRect()
        page = QRectF(0, 0, source.width(), source.height())
        generator = QSvgGenerator()
        generator.setFileName(path)
        generator.setSize(source.size().toSize())
        generator.setViewBox(page)
        generator.setResolution(QPicture().logicalDpiX())     # pyqtgraph's pictures replay at 1:1
        generator.setTitle(chart.title())
        chart.scene().prepareForPaint()
        painter = QPainter(generator)
        try:
            painter.setRenderHint(QPainter.Antialiasing, True)
            if chart.theme.background.alpha():
                painter.fillRect(page, chart.theme.background)
            chart.scene().render(painter, page, source)
        finally:
            painter.end()
    with open(path, "r+b") as f:
        text = flatten_svg(f.read())
        f.seek(0)
        f.write(text)
        f.truncate()


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
SHAPES = {f"{{{SVG_NS}}}{name}" for name in ("path", "polyline", "polygon", "rect")}
_MATRIX = re.compile(r"^\s*matrix\(([^)]*)\)\s*$")
_PATH_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")



def export_pdf(chart, path: str, background: str = DEFAULT_BACKGROUND, dpi: int = 96):
    """The chart as a one-page PDF the size of the chart (``dpi`` pixels an
    inch), vector throughout, in the same paper colours as PNG and SVG."""
    with _as_exported(chart, background):
        source = chart.layout_item.sceneBoundingRect()
        writer = QPdfWriter(path)
        writer.setCreator("CoIndex")
        writer.setTitle(chart.title())
        writer.setResolution(dpi)
        points = QSizeF(source.width() * 72.0 / dpi, source.height() * 72.0 / dpi)
        writer.setPageSize(QPageSize(points, QPageSize.Point, "", QPageSize.ExactMatch))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Point)
        page = QRectF(0, 0, source.width(), source.height())
        chart.scene().prepareForPaint()
        painter = QPainter(writer)
        try:
            painter.setRenderHint(QPainter.Antialiasing, True)
            painter.fillRect(page, chart.theme.background)
            chart.scene().render(painter, page, source)
        finally:
            painter.end()
        del writer


def _num(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else "0"


def _mapped_points(matrix, numbers):
    """Map a flat sequence x0, y0, x1, y1 ... through ``matrix``."""
    a, b, c, d, e, f = matrix
    out = []
    for x, y in zip(numbers[0::2], numbers[1::2]):
        out += [a * x + c * y + e, b * x + d * y + f]
    return out


def _flat_shape(shape, matrix) -> bool:
    """Rewrite ``shape``'s coordinates through ``matrix``; False (and the
    shape untouched) when it has a form that is not handled."""
    tag = shape.tag.rsplit("}", 1)[-1]
    if tag == "path":
        tokens = _PATH_TOKEN.findall(shape.get("d", ""))
        parts, k = [], 0
        while k < len(tokens):
            command = tokens[k]
            if command not in "MLCSQTZ" or len(command) != 1:
                return False
            k += 1
            numbers = []
            while k < len(tokens) and not tokens[k].isalpha():
                numbers.append(float(tokens[k]))
                k += 1
            if len(numbers) % 2 or (command == "Z") != (not numbers):
                return False
            mapped = _mapped_points(matrix, numbers)
            parts.append(command + " ".join(f"{_num(x)},{_num(y)}" for x, y in zip(mapped[0::2], mapped[1::2])))
        shape.set("d", " ".join(parts))
    elif tag in ("polyline", "polygon"):
        numbers = [float(v) for v in re.split(r"[\s,]+", shape.get("points", "").strip()) if v]
        if len(numbers) % 2:
            return False
        mapped = _mapped_points(matrix, numbers)
        shape.set("points", " ".join(f"{_num(x)},{_num(y)}" for x, y in zip(mapped[0::2], mapped[1::2])))
    else:                                           # rect, kept a rect: no rotation or shear
        if matrix[1] or matrix[2] or shape.get("rx") or shape.get("ry"):
            return False
        x, y = float(shape.get("x", 0)), float(shape.get("y", 0))
        w, h = float(shape.get("width", 0)), float(shape.get("height", 0))
        x0, y0, x1, y1 = _mapped_points(matrix, [x, y, x + w, y + h])
        shape.set("x", _num(min(x0, x1)))
        shape.set("y", _num(min(y0, y1)))
        shape.set("width", _num(abs(x1 - x0)))
        shape.set("height", _num(abs(y1 - y0)))
    return True


def flatten_svg(data: bytes) -> bytes:
    """QSvgGenerator's SVG with the shapes of cosmetic pens in page
    coordinates.

    Qt writes a data-space item (a curve, bars, a reference line) as a
    group with the view's transform -- often scaled a hundredfold in x and
    mirrored in y -- and marks cosmetic outlines 'non-scaling-stroke'.
    Renderers that ignore that mark (librsvg before 2.56, ImageMagick,
    older browsers' print paths) stroke them a hundred pixels wide: bars
    vanish under their own outline.  Here each such group's shapes are
    mapped to page coordinates and its transform dropped; a group with text,
    images or a scaling (non-cosmetic) stroke is left as written.  Paths
    with no data are dropped (librsvg and QtSvg call them invalid)."""
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(data)
    for parent in list(root.iter()):                # an empty path (an item with nothing to draw) is invalid SVG
        for child in list(parent):
            if child.tag == f"{{{SVG_NS}}}path" and not child.get("d", "").strip():
                parent.remove(child)
    for group in root.iter(f"{{{SVG_NS}}}g"):
        found = _MATRIX.match(group.get("transform", ""))
        children = list(group)
        if not found or not children:
            continue
        matrix = [float(v) for v in found.group(1).replace(",", " ").split()]
        if len(matrix) != 6 or matrix == [1, 0, 0, 1, 0, 0]:
            continue
        stroked = group.get("stroke", "none") != "none"
        if any(child.tag not in SHAPES or "url(" in (child.get("fill", "") + group.get("fill", ""))
               or (stroked and child.get("vector-effect") != "non-scaling-stroke")
               for child in children):
            continue
        copies = [ET.fromstring(ET.tostring(child)) for child in children]
        if all(_flat_shape(copy, matrix) for copy in copies):
            for child, copy in zip(children, copies):
                group.remove(child)
                group.append(copy)
            group.set("transform", "matrix(1,0,0,1,0,0)")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")
