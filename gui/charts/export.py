"""Saving and copying a chart: PNG (twice the screen size), SVG, and the
clipboard, from a small menu button on the chart and its context menu.

A mixin of :class:`~gui.charts.base.ChartBase`: it uses the chart's scene,
``layout_item``, ``hover_item``, ``theme``, ``_title`` and ``exported``
signal.
"""
from __future__ import annotations

import os
import re

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QRectF, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (QApplication, QFileDialog, QGraphicsItem, QGraphicsPathItem, QGraphicsTextItem, QMenu,
                               QToolButton)

from gui.charts.items import PathCurve

EXPORT_SCALE = 2             # PNG and clipboard images at twice the screen size


class ChartExport:
    """Export actions and the functions behind them."""

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
