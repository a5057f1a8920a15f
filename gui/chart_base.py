"""What every chart of results shares: a title, a theme that follows the
application palette, export to PNG / SVG and the clipboard, hover read-outs
and deliberate view ranges.

A chart builds its pyqtgraph items once (and again only after a structure
change), keeps references and updates them with ``setData`` / ``setOpts`` /
``setText`` only; it never calls ``clear()`` (pyqtgraph issue 3194:
re-plotting deletes C++ axis objects).  Ranges are set by the chart, never
auto-ranged: auto-range is most of an update's cost.
"""
from __future__ import annotations

import math
import os
import re

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QEvent, QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgGenerator
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtWidgets import (QApplication, QFileDialog, QGraphicsItem, QGraphicsPathItem, QGraphicsTextItem, QMenu,
                               QToolButton)

from .document import ProjectDocument
from .palette import ChartTheme, dimension_colours, display_name, unit_name

HOVER_PIXELS = 12            # how near the cursor a point must be to be read out
EXPORT_SCALE = 2             # PNG and clipboard images at twice the screen size
TITLE_SIZE = "10pt"
SHORT_NAME = 20              # characters; longer unit names are shown by code in titles


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


def fmt(value, decimals=2, sign=False) -> str:
    """A number for a label or read-out: fixed decimals, thousands
    separators, a dash when missing."""
    if value is None or not math.isfinite(value):
        return "—"
    return f"{value:+,.{decimals}f}" if sign else f"{value:,.{decimals}f}"


class PathCurve(QGraphicsPathItem):
    """A line (or dots) in a ViewBox, painted by Qt itself.

    pyqtgraph's PlotCurveItem spends most of a repaint in Python (bounds,
    pixel sizes, pens); a QGraphicsPathItem paints in C++.  The pen is
    cosmetic (its width in pixels); the bounding rectangle is padded by the
    pen's width in data units, kept right when the view's range changes.
    ``opts`` carries what pyqtgraph's legend samples read ('pen',
    'antialias').  ``dots=True`` draws a round dot at each point instead of
    a line (a very short segment with round caps).
    """

    def __init__(self, view_box: pg.ViewBox, pen=None, connect="finite", antialias=True, dots=False):
        super().__init__()
        self._view_box = view_box
        self._connect = connect
        self._dots = dots
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
        self._data_rect = (QRectF(float(x[ok].min()), float(y[ok].min()), float(np.ptp(x[ok])), float(np.ptp(y[ok])))
                           if ok.any() else QRectF())
        self.prepareGeometryChange()
        self.setPath(path)
        self._pad()

    def getData(self):
        return self._x, self._y

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
            pad = max(width, 1.0) + 2.0
            rect = self._data_rect.adjusted(-pad * abs(px), -pad * abs(py), pad * abs(px), pad * abs(py))
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def boundingRect(self):
        return self._rect

    def paint(self, painter, option, widget=None):
        painter.setRenderHint(QPainter.Antialiasing, self.opts["antialias"])
        painter.setPen(self.opts["pen"])
        painter.drawPath(self.path())


class ChartBase(pg.GraphicsView):
    """A chart of the document's results in a :class:`pyqtgraph.GraphicsLayout`:
    a title row, then the subclass's plot (``_build_view`` returns its
    ViewBox).  Subclasses implement ``_build_series`` (items that depend on
    the framework), ``refresh`` (values) and ``hover_at``.
    """

    exported = Signal(str)          # a message: saved to a file, or copied

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.theme = ChartTheme.from_palette(self.palette())
        self.setBackground(self.theme.background)
        # one rectangle around everything that changed: measured faster than
        # pyqtgraph's minimal (many-rectangle) updates for these charts
        self.setViewportUpdateMode(pg.QtWidgets.QGraphicsView.BoundingRectViewportUpdate)
        self.layout_item = pg.GraphicsLayout()
        self.layout_item.setContentsMargins(6, 4, 10, 6)
        self.setCentralItem(self.layout_item)
        self.title_item = pg.LabelItem("", size=TITLE_SIZE, bold=True, justify="left")
        self.layout_item.addItem(self.title_item, row=0, col=0)
        self._title = ""
        self.view_box = self._build_view()
        self.view_box.setMenuEnabled(False)
        # a read-out near the cursor, one item reused for every hover
        self.hover_item = pg.TextItem(anchor=(0, 1))
        self.hover_item.setZValue(1000)
        self.hover_item.hide()
        self.view_box.addItem(self.hover_item, ignoreBounds=True)
        # a legend (subclasses fill it) and a note under the plot, hidden when empty
        # a fixed "size" stops the legend resizing itself: the layout sizes it
        self.legend = pg.LegendItem(size=(100, 20), colCount=1, labelTextSize="9pt")
        self.legend.setParentItem(None)
        self.layout_item.addItem(self.legend, row=2, col=0)
        self.legend.hide()
        self.legend.setAcceptedMouseButtons(Qt.NoButton)      # it is not to be dragged away
        self.note_item = pg.LabelItem("", size="8pt", justify="right")
        self.layout_item.addItem(self.note_item, row=3, col=0)
        self.note_item.hide()
        self._note = ""
        self._stale = False
        self._legend_wanted = True
        self._y_range = None
        self._build_export_actions()
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)
        document.valuesChanged.connect(self._on_values_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_structure_changed)
        self._ready = True

    # ---- to implement ----------------------------------------------------------------
    def _build_view(self) -> pg.ViewBox:
        """Add the chart's plot to ``self.layout_item`` (row 1) and return
        its ViewBox."""
        raise NotImplementedError

    def _build_series(self):
        """(Re)create the items that depend on the framework."""

    def refresh(self):
        """Read the current results and update every item in place."""

    def hover_at(self, x: float, y: float, px: float, py: float):
        """The read-out for the data point (x, y) under the cursor: (text,
        x, y) of the point to label, or None.  ``px`` / ``py`` are data
        units per screen pixel."""
        return None

    def _apply_theme(self):
        """Re-colour the subclass's items from ``self.theme``."""

    def retranslateUi(self):
        """Re-set every visible string (titles, legends, axis labels)."""

    # ---- shared pieces ---------------------------------------------------------------
    @property
    def project(self):
        return self.document.project

    @property
    def engine(self):
        return self.document.project.engine

    def node_name(self, code: str) -> str:
        return display_name(self.project.framework[code])

    def unit_name(self, u: int) -> str:
        return unit_name(self.project, u)

    def unit_short(self, u: int) -> str:
        """The unit's name when short, else its code (for titles)."""
        name = self.unit_name(u)
        return name if len(name) <= SHORT_NAME else str(self.project.dataset.unit_codes[u])

    def dimension_codes(self) -> list[str]:
        """The root's children that are aggregates (the dimensions)."""
        fw = self.project.framework
        root = fw.root
        if root is None:
            return []
        return [c for c in fw.children(root) if not fw[c].is_indicator]

    def dimension_colour(self, code: str):
        return dimension_colours(self.document).colour(code, self.theme.dark)

    def set_title(self, text: str):
        self._title = text
        self.title_item.setText(text, color=self.theme.foreground)

    def set_note(self, text: str):
        """A short note under the chart ('' hides it)."""
        if text != self._note:
            self._note = text
            self.note_item.setText(text, color=self.theme.muted)
            self.note_item.setVisible(bool(text))

    @live
    def _fit_legend_columns(self, *_, relayout=True):
        """As many legend columns as the chart's width allows; the legend
        shows when it has entries.  Called on resize (before the layout is
        applied, so a narrower legend lets the chart shrink) and after the
        entries change (new entries are cached here too)."""
        self.set_caching(True)
        items = self.legend.items
        self.legend.setVisible(bool(items) and self._legend_wanted)
        if not items:
            return
        widest = max(sample.boundingRect().width() + label.item.boundingRect().width() + 16 for sample, label in items)
        room = self.width() - 24
        columns = max(1, min(len(items), int(room // max(widest, 1.0))))
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)
            # the new minimum width must be known before the chart is laid out
            self.legend.layout.activate()
            self.legend.updateGeometry()
            self.layout_item.layout.invalidate()
            if relayout:
                pg.GraphicsView.resizeEvent(self, None)      # lay the items out again at this width

    def style_axes(self, plot: pg.PlotItem):
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(self.theme.muted))
            axis.setTextPen(pg.mkPen(self.theme.foreground))

    def style_legend(self, legend: pg.LegendItem):
        legend.setBrush(pg.mkBrush(None))
        legend.setPen(pg.mkPen(None))
        legend.setLabelTextColor(self.theme.foreground)
        for _, label in legend.items:
            label.setText(label.text)            # re-rendered in the new colour

    def fit_y(self, bounds, pad_low=0.06, pad_high=0.08):
        """Set the y range to ``bounds`` (low, high) padded, but only when
        the data leave the current range or fill less than half of it."""
        if bounds is None:
            return
        lo, hi = bounds
        span = hi - lo if hi > lo else max(abs(hi), 1.0)
        want = (lo - pad_low * span, hi + pad_high * span)
        current = self._y_range
        if (current is None or lo < current[0] or hi > current[1]
                or (current[1] - current[0]) > 2.0 * (want[1] - want[0])):
            self.view_box.setYRange(*want, padding=0)
            self._y_range = want

    def reset_ranges(self):
        self._y_range = None

    # static-looking items (text, axes, legend samples) are painted from a
    # pixmap cache; repainting a chart then costs about a third less
    _CACHED_TYPES = (QGraphicsTextItem, pg.AxisItem, ItemSample)

    def set_caching(self, on: bool = True):
        """Cache the text, axes and legend samples as pixmaps (on) or paint
        them afresh (off: exports, so text stays text and sharp)."""
        mode = QGraphicsItem.DeviceCoordinateCache if on else QGraphicsItem.NoCache
        for item in self.scene().items():
            if isinstance(item, self._CACHED_TYPES) and item.cacheMode() != mode:
                item.setCacheMode(mode)

    def close(self):
        """Stop listening before pyqtgraph's close deletes the scene's items
        (a later signal or resize must not reach them)."""
        if getattr(self, "_ready", False):
            self._ready = False
            for signal, slot in ((self.document.valuesChanged, self._on_values_changed),
                                 (self.document.settingsChanged, self._on_settings_changed),
                                 (self.document.structureChanged, self._on_structure_changed)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        return super().close()

    # ---- document events -------------------------------------------------------------
    def _on_values_changed(self, cells):
        # any edit can move every unit (min-max and ranks compare units);
        # a hidden chart (another tab, a closed pane) catches up when shown
        if self.isVisible():
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def current(self):
        """Bring the items up to date if edits arrived while hidden (the
        data accessors call this, so they never return stale numbers)."""
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_settings_changed(self):
        self.reset_ranges()
        self.refresh()

    def _on_structure_changed(self):
        self.reset_ranges()
        self._build_series()
        self.refresh()
        self.set_caching(True)

    def showEvent(self, event):
        super().showEvent(event)
        self.current()
        self.set_caching(True)

    # ---- theme -----------------------------------------------------------------------
    def changeEvent(self, event):
        super().changeEvent(event)
        if (event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange)
                and getattr(self, "_ready", False)):
            theme = ChartTheme.from_palette(self.palette())
            if theme != self.theme:
                self.theme = theme
                self.setBackground(theme.background)
                self.title_item.setText(self._title, color=theme.foreground)
                self._style_hover()
                self._apply_theme()
                self.refresh()

    def _style_hover(self):
        self.hover_item.setColor(self.theme.foreground)
        self.hover_item.fill = pg.mkBrush(self.theme.panel)
        self.hover_item.border = pg.mkPen(self.theme.muted)
        self.note_item.setText(self._note, color=self.theme.muted)

    # ---- hover -----------------------------------------------------------------------
    def _on_mouse_moved(self, scene_pos):
        if not self._ready:
            return
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(scene_pos):
            self.hover_item.hide()
            return
        p = vb.mapSceneToView(scene_pos)
        self.show_hover(p.x(), p.y())

    def show_hover(self, x: float, y: float):
        """Show the read-out for the view point (x, y); returns its text or
        None when nothing is near."""
        px, py = self.view_box.viewPixelSize()
        hit = self.hover_at(x, y, abs(px), abs(py))
        if hit is None:
            self.hover_item.hide()
            return None
        text, hx, hy = hit
        (x0, x1), (y0, y1) = self.view_box.viewRange()
        # open towards the middle of the view so the box stays inside it
        self.hover_item.setAnchor((1.0 if hx > (x0 + x1) / 2 else 0.0, 0.0 if hy > (y0 + y1) / 2 else 1.0))
        self.hover_item.setText(text)
        self.hover_item.setPos(hx, hy)
        self.hover_item.show()
        return text

    def leaveEvent(self, event):
        self.hover_item.hide()
        super().leaveEvent(event)

    # ---- export ----------------------------------------------------------------------
    def _build_export_actions(self):
        self.save_png_action = QAction(self)
        self.save_png_action.triggered.connect(lambda: self.save_dialog("png"))
        self.save_svg_action = QAction(self)
        self.save_svg_action.triggered.connect(lambda: self.save_dialog("svg"))
        self.copy_action = QAction(self)
        self.copy_action.triggered.connect(self.copy_image)
        actions = [self.save_png_action, self.save_svg_action, self.copy_action]
        # the same actions in a small menu button and in the context menu
        self.export_button = QToolButton(self)
        self.export_button.setAutoRaise(True)
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        self.export_button.setText("⋯")
        font = QFont(self.export_button.font())
        font.setBold(True)
        self.export_button.setFont(font)
        menu = QMenu(self.export_button)
        menu.addActions(actions)
        self.export_button.setMenu(menu)
        self.export_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.addActions(actions)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)
        self._retranslate_base()
        self._style_hover()

    def _retranslate_base(self):
        self.save_png_action.setText(self.tr("Save as PNG…"))
        self.save_svg_action.setText(self.tr("Save as SVG…"))
        self.copy_action.setText(self.tr("Copy image"))
        self.export_button.setToolTip(self.tr("Save or copy this chart"))

    def resizeEvent(self, event):
        if getattr(self, "_ready", False):
            self._fit_legend_columns(relayout=False)
        super().resizeEvent(event)
        if not getattr(self, "_ready", False):
            return
        hint = self.export_button.sizeHint()
        self.export_button.setGeometry(self.width() - hint.width() - 4, 2, hint.width(), hint.height())

    def _export_target(self):
        return self.layout_item

    def render_image(self, scale: float = EXPORT_SCALE) -> QImage:
        """The chart as an image, ``scale`` times its size on screen,
        without the hover read-out."""
        shown = self.hover_item.isVisible()
        self.hover_item.hide()
        self.set_caching(False)
        # cosmetic pens keep their pixel width when the image is scaled up:
        # widen them for the export so lines keep their weight
        paths = [(item, QPen(item.opts["pen"])) for item in self.scene().items() if isinstance(item, PathCurve)]
        for item, pen in paths:
            wider = QPen(pen)
            wider.setWidthF(max(pen.widthF(), 1.0) * scale)
            QGraphicsPathItem.setPen(item, wider)
            item.opts["pen"] = wider
        try:
            exporter = ImageExporter(self._export_target())
            exporter.parameters()["background"] = self.theme.background
            width = max(1, int(round(self._export_target().boundingRect().width() * scale)))
            exporter.parameters()["width"] = width
            return exporter.export(toBytes=True)
        finally:
            for item, pen in paths:
                QGraphicsPathItem.setPen(item, pen)
                item.opts["pen"] = pen
            self.set_caching(True)
            self.hover_item.setVisible(shown)

    def export_png(self, path: str, scale: float = EXPORT_SCALE) -> bool:
        return self.render_image(scale).save(path, "PNG")

    def export_svg(self, path: str):
        """The chart as SVG.  Written with QSvgGenerator: pyqtgraph's
        SVGExporter (0.14) cannot parse the closed clip paths Qt 6.11
        writes ("... Z") and raises."""
        shown = self.hover_item.isVisible()
        self.hover_item.hide()
        self.set_caching(False)
        try:
            source = self._export_target().sceneBoundingRect()
            generator = QSvgGenerator()
            generator.setFileName(path)
            generator.setSize(source.size().toSize())
            generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
            generator.setTitle(self._title)
            self.scene().prepareForPaint()
            painter = QPainter(generator)
            try:
                painter.setRenderHint(QPainter.Antialiasing, True)
                painter.fillRect(QRectF(0, 0, source.width(), source.height()), self.theme.background)
                self.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
            finally:
                painter.end()
        finally:
            self.set_caching(True)
            self.hover_item.setVisible(shown)

    def copy_image(self) -> QImage:
        """Put the chart on the clipboard as an image."""
        image = self.render_image()
        QApplication.clipboard().setImage(image)
        self.exported.emit(self.tr("Chart copied: {0}").format(self._title))
        return image

    def save_dialog(self, kind: str):
        """Ask for a file name and save as ``kind`` ('png' or 'svg')."""
        settings = QSettings()
        folder = str(settings.value("charts/export_folder", "") or "")
        stem = re.sub(r"[^\w\-]+", "-", self._title or "chart").strip("-").lower() or "chart"
        if kind == "svg":
            caption, filters = self.tr("Save chart as SVG"), self.tr("SVG image (*.svg)")
        else:
            caption, filters = self.tr("Save chart as PNG"), self.tr("PNG image (*.png)")
        path, _ = QFileDialog.getSaveFileName(self, caption, os.path.join(folder, f"{stem}.{kind}"), filters)
        if not path:
            return None
        if not path.lower().endswith("." + kind):
            path += "." + kind
        if kind == "svg":
            self.export_svg(path)
        else:
            self.export_png(path)
        settings.setValue("charts/export_folder", os.path.dirname(path))
        self.exported.emit(self.tr("Chart saved to {0}").format(path))
        return path


class PlotChart(ChartBase):
    """A chart with axes: a :class:`pyqtgraph.PlotItem` in row 1, its menus
    and auto-range off, periods on the x axis."""

    def _build_view(self) -> pg.ViewBox:
        self.plot_item = pg.PlotItem()
        self.layout_item.addItem(self.plot_item, row=1, col=0)
        self.plot_item.disableAutoRange()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.getViewBox().setMouseEnabled(False, False)
        # the ticks are thinned to fit; do not drop the first at the left edge
        self.plot_item.getAxis("bottom").setStyle(hideOverlappingLabels=False)
        self._tick_step = None
        self._periods = None
        return self.plot_item.getViewBox()

    def getPlotItem(self) -> pg.PlotItem:
        return self.plot_item

    def _apply_theme(self):
        self.style_axes(self.plot_item)

    # period ticks on the bottom axis, thinned to fit the width
    def set_period_axis(self, periods, left=-0.5, right_extra=0.5):
        """Ticks for ``periods`` at 0..n-1 and the x range [left, n-1 + right_extra]."""
        self._periods = ["" if p is None else str(p) for p in periods]
        n = len(self._periods)
        self.view_box.setXRange(left, max(n - 1, 0) + right_extra, padding=0)
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
