"""The league table: the units (rows) by the index and the level right
below it (columns), for the chosen period, the standard view of published
indices.

Each cell shows the rank and the score on a colour of the column's
sequential scale (darker: higher); scores resting on fewer than
:data:`core.pipeline.results.MIN_COVERAGE` of their indicators are hatched
and starred, as in the ranking chart.  A click on a header sorts by that
column (best first, again: reversed; missing scores stay last), a click on
a row chooses that unit (``unitClicked``).  The picture is drawn by
:func:`gui.charts.league_paint.paint_league`, on screen and in every export
(PNG, SVG, PDF) alike.
"""
from __future__ import annotations

import copy
import os
import re

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QImage, QPainter
from PySide6.QtWidgets import QApplication, QFileDialog, QScrollArea, QToolTip, QWidget

from core.pipeline.results import MIN_COVERAGE

from gui.base.document import ProjectDocument
from gui.base.formatting import fmt
from gui.base.folders import remember_folder, start_folder
from gui.base.i18n import display_name
from gui.base.palette import ChartTheme
from gui.charts.choice import ChosenUnitPeriod, UnitPeriod
from gui.charts.league_data import UNIT_COLUMN, LeagueData, league_data
from gui.charts.league_paint import (EXPORT_SIZE, LeagueGeometry, league_image, paint_league, write_league_pdf,
                                     write_league_svg)

COPY_SCALE = 2                 # clipboard images at twice the size on screen
MAX_EXPORT_ROWS = 200          # rows in an image or file, at most (the first in the order shown)


class _Canvas(QWidget):
    """The drawn table inside the scroll area: paints, takes clicks and
    shows tooltips for the :class:`LeagueTable` that owns it."""

    def __init__(self, table: "LeagueTable"):
        super().__init__()
        self.table = table
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)

    def paintEvent(self, event):
        painter = QPainter(self)
        try:
            paint_league(painter, self.table.layout_geometry(), self.table.theme)
        finally:
            painter.end()

    def mousePressEvent(self, event):
        if event.button() != Qt.LeftButton:
            return super().mousePressEvent(event)
        hit = self.table.layout_geometry().hit(event.position().x(), event.position().y())
        if hit is None:
            return
        kind, value = hit
        if kind == "header":
            self.table.sort_by(value)
        else:
            self.table.choose_unit(value)

    def mouseMoveEvent(self, event):
        hit = self.table.layout_geometry().hit(event.position().x(), event.position().y())
        self.setCursor(Qt.PointingHandCursor if hit else Qt.ArrowCursor)

    def keyPressEvent(self, event):
        step = {Qt.Key_Up: -1, Qt.Key_Down: 1}.get(event.key())
        order = self.table.data().order.tolist()
        if step is None or not order:
            return super().keyPressEvent(event)
        chosen = self.table.unit
        j = order.index(chosen) + step if chosen in order else 0
        self.table.choose_unit(order[min(max(j, 0), len(order) - 1)])

    def event(self, event):
        if event.type() == QEvent.ToolTip:
            text = self.table.tooltip_at(event.position().x(), event.position().y())
            if text:
                QToolTip.showText(event.globalPosition().toPoint(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class LeagueTable(ChosenUnitPeriod, QScrollArea):
    """The league table of a document for one period, with the chosen
    unit outlined; scrolls when the units do not fit."""

    exported = Signal(str)          # a message: saved to a file, or copied
    unitClicked = Signal(int)       # a row was clicked: that unit (dataset index)

    def __init__(self, document: ProjectDocument, unit: int = 0, period: int = -1, parent=None, depth: int = 1):
        super().__init__(parent)
        self.document = document
        self.choice = UnitPeriod(document, self._show_choice, unit, period)
        self.depth = depth
        self.sort_column, self.descending = 0, False
        self.theme = ChartTheme.from_palette(self.palette())
        self.canvas = _Canvas(self)
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.NoFrame)
        self._data = LeagueData()
        self._geometry = None
        self._build_actions()
        document.valuesChanged.connect(self._on_document_changed)
        document.settingsChanged.connect(self._on_document_changed)
        document.structureChanged.connect(self._on_document_changed)
        self.retranslateUi()

    def _build_actions(self):
        self.save_png_action = QAction(self)
        self.save_png_action.triggered.connect(lambda: self.save_dialog("png"))
        self.save_svg_action = QAction(self)
        self.save_svg_action.triggered.connect(lambda: self.save_dialog("svg"))
        self.save_pdf_action = QAction(self)
        self.save_pdf_action.triggered.connect(lambda: self.save_dialog("pdf"))
        self.copy_action = QAction(self)
        self.copy_action.triggered.connect(self.copy_image)
        self.depth_action = QAction(self)
        self.depth_action.setCheckable(True)
        self.depth_action.setChecked(self.depth > 1)
        self.depth_action.toggled.connect(lambda on: self.set_depth(2 if on else 1))
        self.canvas.addActions([self.save_png_action, self.save_svg_action, self.save_pdf_action,
                                self.copy_action, self.depth_action])

    # ---- what is shown ------------------------------------------------------------------------
    @property
    def project(self):
        return self.document.project

    @property
    def unit(self) -> int:                     # the chosen unit, valid for today's dataset
        return self.choice.valid_unit()

    def set_depth(self, depth: int):
        """1: the index and its dimensions; 2: their sub-dimensions too."""
        if depth != self.depth:
            self.depth = depth
            self.depth_action.setChecked(depth > 1)
            self.refresh()

    def choose_unit(self, unit: int):
        """A unit chosen in the table (click, arrow keys): shown and announced."""
        self.set_unit(unit)
        self.unitClicked.emit(unit)

    def sort_by(self, column: int, descending: bool | None = None):
        """Sort by ``column`` (UNIT_COLUMN: the names); ``descending`` None
        turns the order round when the column is already the sort column,
        else starts with the best (or A)."""
        if descending is None:
            descending = not self.descending if column == self.sort_column else False
        self.sort_column, self.descending = column, descending
        self.refresh()

    def _show_choice(self):                     # a new unit or period: drawn again (no new words)
        self.refresh()

    def _on_document_changed(self, *_):
        self.refresh()

    def data(self) -> LeagueData:
        """What is drawn now."""
        return self._data

    def sorted_units(self) -> list[int]:
        """Unit indices from the top row down."""
        return self._data.order.tolist()

    def title(self) -> str:
        return self._data.title

    def empty_message(self) -> str:
        return self._data.empty

    def refresh(self):
        """Read the results again and redraw."""
        project = self.project
        ds, fw = project.dataset, project.framework
        data = league_data(project, self.period, self.depth, self.sort_column, self.descending, self.unit)
        self.sort_column = data.sort_column
        data.unit_header = self.tr("Unit")
        period = ds.periods[self.period] if ds.periods else None
        root = display_name(fw[fw.root]) if fw.root is not None else ""
        data.title = (self.tr("League table in {0}: {1}").format(period, root) if period is not None
                      else self.tr("League table: {0}").format(root))
        data.empty = self._empty_reason(data)
        notes = [self.tr("#: rank among the {0} units").format(f"{len(ds.unit_codes):,}")]
        if data.low.any():
            notes.append(self.tr("* hatched: under {0} % of the indicators have data").format(
                fmt(MIN_COVERAGE * 100, 0)))
        data.note = " · ".join(notes)
        self._data = data
        self._geometry = None
        self._fit_canvas()
        self.canvas.update()

    def _empty_reason(self, data: LeagueData) -> str:
        ds = self.project.dataset
        if self.project.framework.root is None or not ds.periods or not ds.unit_codes or not ds.codes:
            return self.tr("No data")
        if len(ds.unit_codes) < 2:
            return self.tr("The league table needs two or more units.")
        if not np.isfinite(data.scores).any():
            return self.tr("No scores in {0}").format(ds.periods[self.period])
        return ""

    # ---- geometry ----------------------------------------------------------------------------
    def layout_geometry(self) -> LeagueGeometry:
        """Where things are on the canvas now."""
        if self._geometry is None:
            self._geometry = LeagueGeometry(self._data, self.canvas.width(), self.viewport().height())
        return self._geometry

    def _fit_canvas(self):
        width = max(self.viewport().width(), int(LeagueGeometry.min_width(self._data)))
        height = LeagueGeometry(self._data, width, self.viewport().height()).height
        self._geometry = None
        self.canvas.resize(int(width), int(height))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_canvas()

    def tooltip_at(self, x: float, y: float) -> str:
        """The cell's unit, node, score, rank and indicators with data."""
        geometry = self.layout_geometry()
        hit = geometry.hit(x, y)
        if hit is None:
            return ""
        if hit[0] == "header":
            return self.tr("Click to sort; click again to reverse")
        unit, column = hit[1], geometry.column_at(x)
        data = self._data
        if column == UNIT_COLUMN:
            return data.units[unit]
        code = data.columns[column].code
        engine = self.project.engine
        present = int(engine.present(code)[unit, self.period])
        total = int(engine.indicators_under[code].size)
        rank = data.ranks[unit, column]
        return "\n".join([f"{data.units[unit]} · {data.columns[column].name}",
                          self.tr("Score: {0}").format(data.score_text(unit, column)),
                          self.tr("Rank: {0} of {1}").format("—" if rank != rank else int(rank), len(data.units)),
                          self.tr("{0} of {1} indicators").format(present, total)])

    # ---- exports -----------------------------------------------------------------------------
    def export_data(self) -> LeagueData:
        """What images and files show: the table as shown, cut to the first
        :data:`MAX_EXPORT_ROWS` rows (a note says so)."""
        data = self._data
        if len(data.order) <= MAX_EXPORT_ROWS or data.empty:
            return data
        cut = copy.copy(data)
        cut.order = data.order[:MAX_EXPORT_ROWS]
        cut.note = " · ".join([self.tr("The first {0} of {1} units").format(MAX_EXPORT_ROWS, f"{len(data.order):,}"),
                               data.note])
        return cut

    def export_size(self, size=EXPORT_SIZE) -> tuple[int, int]:
        """(width, height) of an export ``size[0]`` wide: at least
        ``size[1]`` high, higher when the rows need it."""
        data = self.export_data()
        width = max(size[0], int(LeagueGeometry.min_width(data)))
        return width, int(LeagueGeometry(data, width, size[1]).height)

    def render_image(self, scale: float = COPY_SCALE, size=None) -> QImage:
        """The table as an image: ``size`` (default: as on screen) at ``scale``."""
        size = size or (self.canvas.width(), EXPORT_SIZE[1])
        return league_image(self.export_data(), self.theme, self.export_size(size), scale)

    def export_png(self, path: str, scale: float = COPY_SCALE, size=None) -> bool:
        return self.render_image(scale, size).save(path, "PNG")

    def export_svg(self, path: str, size=None):
        write_league_svg(self.export_data(), self.theme, self.export_size(size or EXPORT_SIZE), path)

    def export_pdf(self, path: str, size=None):
        write_league_pdf(self.export_data(), self.theme, self.export_size(size or EXPORT_SIZE), path)

    def copy_image(self) -> QImage:
        image = self.render_image(COPY_SCALE)
        QApplication.clipboard().setImage(image)
        self.exported.emit(self.tr("Chart copied: {0}").format(self.title()))
        return image

    def save_dialog(self, kind: str):
        """Ask for a file name and save as ``kind`` ('png', 'svg' or 'pdf')."""
        folder = start_folder(self.document.path)
        stem = re.sub(r"[^\w\-]+", "-", self.title() or "league").strip("-").lower() or "league"
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG image (*.svg)"),
                   "pdf": self.tr("PDF document (*.pdf)")}
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the league table"),
                                              os.path.join(folder, f"{stem}.{kind}"), filters[kind])
        if not path:
            return None
        if not path.lower().endswith("." + kind):
            path += "." + kind
        {"png": self.export_png, "svg": self.export_svg, "pdf": self.export_pdf}[kind](path)
        remember_folder(path)
        self.exported.emit(self.tr("Chart saved to {0}").format(path))
        return path

    # ---- text and theme ----------------------------------------------------------------------
    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange):
            self.theme = ChartTheme.from_palette(self.palette())
            self.canvas.update()
        elif event.type() == QEvent.LanguageChange:
            self.retranslateUi()

    def retranslateUi(self):
        self.save_png_action.setText(self.tr("Save as PNG…"))
        self.save_svg_action.setText(self.tr("Save as SVG…"))
        self.save_pdf_action.setText(self.tr("Save as PDF…"))
        self.copy_action.setText(self.tr("Copy image"))
        self.depth_action.setText(self.tr("Show sub-dimensions"))
        self.setToolTip("")
        self.refresh()

    def sizeHint(self) -> QSize:
        # as modest as a chart's: in the panel's grid the table shares a row with the
        # ranking and must not widen its column at the other charts' expense (it scrolls)
        return QSize(240, 200)

    def hasFocus(self) -> bool:           # the chart panel asks which chart has the focus
        return super().hasFocus() or self.canvas.hasFocus()
