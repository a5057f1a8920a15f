"""The one painting routine of the league table, and its PNG, SVG and
PDF files.

:func:`paint_league` draws a :class:`~gui.charts.league_data.LeagueData`
with a :class:`QPainter` on any device: the widget on screen, a QImage
(PNG, the clipboard), a QSvgGenerator, a QPdfWriter.  All sizes are in
pixels (fonts too, by pixel size), and the SVG and PDF are written at 96
pixels an inch, so that every file is the same picture as the screen.
:class:`LeagueGeometry` places the title, the header, the rows and the note;
the widget asks it which header or row a click hit.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter,
                           QPdfWriter, QPen, QPolygonF)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QApplication

from gui.charts.fonts import title_pixels
from gui.charts.league_data import UNIT_COLUMN, LeagueData

EXPORT_SIZE = (760, 470)        # pixels of an exported league at scale 1 (taller when the rows need it)
MARGIN = 10
HEAD_PX, CELL_PX, RANK_PX, NOTE_PX = 11, 12, 10, 11        # the title: the other charts' (title_pixels)
ROW_H = 22
MIN_COLUMN, MIN_UNIT_COLUMN, MAX_UNIT_SHARE = 70, 90, 0.34
DPI = 96                        # pixels an inch of the SVG and PDF files


def league_font(px: int, bold: bool = False, cjk: bool = False) -> QFont:
    """The application's font at ``px`` pixels: its first family alone,
    or with ``cjk`` all of them (the app adds a Chinese fallback).  One
    family keeps the SVG's ``font-family`` a single name, which every SVG
    renderer (QtSvg too) reads as the PNG's font."""
    font = QFont(QApplication.font()) if QApplication.instance() else QFont()
    if not cjk:
        font.setFamilies(font.families()[:1])
    font.setPixelSize(px)
    font.setBold(bold)
    return font


def has_cjk(texts) -> bool:
    """Whether any of ``texts`` has a Chinese, Japanese or Korean character."""
    return any(ord(ch) >= 0x2E80 for text in texts for ch in str(text))


def wrap_lines(text: str, metrics: QFontMetricsF, width: float, max_lines: int = 2) -> list[str]:
    """``text`` in at most ``max_lines`` lines no wider than ``width``,
    broken between words only; the last line is cut with an ellipsis when
    the words do not fit (a single word too wide is cut, never split)."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(line + " " + words[0]) <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [metrics.elidedText(line, Qt.ElideRight, width) for line in lines] or [""]


class LeagueGeometry:
    """Where everything of ``data`` goes in a picture ``width`` pixels wide:
    ``title``, ``header`` and ``note`` rectangles, the unit column's width,
    the value columns' left edges ``xs`` and width ``column_width``, the
    first row's top ``rows_top``; ``height`` is the picture's natural
    height (at least ``min_height``)."""

    def __init__(self, data: LeagueData, width: float, min_height: float = 0.0):
        self.data = data
        self.width = float(width)
        cjk = has_cjk([data.title, data.unit_header, data.note, data.empty, *data.units,
                       *(c.name for c in data.columns)])
        self.fonts = {"title": league_font(title_pixels(), True, cjk), "head": league_font(HEAD_PX, True, cjk),
                      "sub": league_font(HEAD_PX, False, cjk), "cell": league_font(CELL_PX, False, cjk),
                      "bold": league_font(CELL_PX, True, cjk), "rank": league_font(RANK_PX, False, cjk),
                      "note": league_font(NOTE_PX, False, cjk)}
        inner = self.width - 2 * MARGIN
        title_h = QFontMetricsF(self.fonts["title"]).height() + 4
        self.title = QRectF(MARGIN, MARGIN, inner, title_h)
        head_h = 2 * QFontMetricsF(self.fonts["head"]).height() + 10
        self.header = QRectF(MARGIN, self.title.bottom() + 6, inner, head_h)
        self.rows_top = self.header.bottom()
        C = len(data.columns)
        cell = QFontMetricsF(self.fonts["bold"])
        widest = max((cell.horizontalAdvance(u) for u in data.units), default=0.0) + 14
        self.unit_width = max(MIN_UNIT_COLUMN, min(widest, inner * MAX_UNIT_SHARE, inner - C * MIN_COLUMN))
        self.column_width = (inner - self.unit_width) / C if C else 0.0
        self.xs = [MARGIN + self.unit_width + c * self.column_width for c in range(C)]
        rows = 0 if data.empty else len(data.order)
        bottom = self.rows_top + rows * ROW_H
        note_h = 0.0
        if data.note and not data.empty:
            note_metrics = QFontMetricsF(self.fonts["note"])
            note_h = note_metrics.boundingRect(QRectF(0, 0, inner, 1e4), Qt.TextWordWrap, data.note).height() + 2
        self.note = QRectF(MARGIN, bottom + 6, inner, note_h)
        self.height = max(float(min_height), math.ceil(bottom + (note_h + 6 if note_h else 0) + MARGIN))

    @staticmethod
    def min_width(data: LeagueData) -> float:
        """The narrowest picture that keeps every column readable."""
        return 2 * MARGIN + MIN_UNIT_COLUMN + len(data.columns) * MIN_COLUMN

    def row_rect(self, j: int) -> QRectF:
        return QRectF(MARGIN, self.rows_top + j * ROW_H, self.width - 2 * MARGIN, ROW_H)

    def cell_rect(self, j: int, c: int) -> QRectF:
        """Row ``j`` (from the top), column ``c`` (UNIT_COLUMN: the unit's name)."""
        if c == UNIT_COLUMN:
            return QRectF(MARGIN, self.rows_top + j * ROW_H, self.unit_width, ROW_H)
        return QRectF(self.xs[c], self.rows_top + j * ROW_H, self.column_width, ROW_H)

    def head_rect(self, c: int) -> QRectF:
        if c == UNIT_COLUMN:
            return QRectF(MARGIN, self.header.top(), self.unit_width, self.header.height())
        return QRectF(self.xs[c], self.header.top(), self.column_width, self.header.height())

    def column_at(self, x: float) -> int | None:
        """The column under ``x`` (UNIT_COLUMN for the names), or None."""
        if MARGIN <= x < MARGIN + self.unit_width:
            return UNIT_COLUMN
        for c, left in enumerate(self.xs):
            if left <= x < left + self.column_width:
                return c
        return None

    def hit(self, x: float, y: float):
        """('header', column) or ('row', unit) under the point, or None."""
        column = self.column_at(x)
        if column is None or self.data.empty:
            return None
        if self.header.top() <= y < self.header.bottom():
            return ("header", column)
        j = int((y - self.rows_top) // ROW_H) if y >= self.rows_top else -1
        if 0 <= j < len(self.data.order):
            return ("row", int(self.data.order[j]))
        return None


def paint_league(painter: QPainter, geometry: LeagueGeometry, theme) -> None:
    """Draw the league of ``geometry.data`` (the title, the header, a row
    per unit, the note; or the title and why it is empty) with the colours
    of ``theme`` (a :class:`~gui.base.palette.ChartTheme`)."""
    g, data = geometry, geometry.data
    painter.save()
    painter.setRenderHint(QPainter.Antialiasing, True)
    painter.setRenderHint(QPainter.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, g.width, g.height), theme.background)
    painter.setPen(theme.foreground)
    painter.setFont(g.fonts["title"])
    title = QFontMetricsF(g.fonts["title"]).elidedText(data.title, Qt.ElideRight, g.title.width())
    painter.drawText(g.title, int(Qt.AlignLeft | Qt.AlignVCenter), title)
    if data.empty:
        painter.setPen(theme.muted)
        painter.setFont(g.fonts["cell"])
        rest = QRectF(MARGIN * 3, g.title.bottom(), g.width - 6 * MARGIN, g.height - g.title.bottom() - MARGIN)
        painter.drawText(rest, int(Qt.AlignCenter | Qt.TextWordWrap), data.empty)
        painter.restore()
        return
    _paint_header(painter, g, theme)
    first, last = 0, len(data.order)
    if painter.hasClipping():            # on screen: the rows in the exposed part only (thousands of units)
        clip = painter.clipBoundingRect()
        first = max(0, int((clip.top() - g.rows_top) // ROW_H))
        last = min(last, int((clip.bottom() - g.rows_top) // ROW_H) + 1)
    for j in range(first, last):
        _paint_row(painter, g, theme, j, int(data.order[j]))
    _paint_lines(painter, g, theme)
    if data.note:
        painter.setPen(theme.muted)
        painter.setFont(g.fonts["note"])
        painter.drawText(g.note, int(Qt.AlignLeft | Qt.AlignTop | Qt.TextWordWrap), data.note)
    painter.restore()


def _paint_header(painter, g: LeagueGeometry, theme) -> None:
    data = g.data
    heads = [(UNIT_COLUMN, data.unit_header, "head")]
    heads += [(c, col.name, "sub" if col.level > 1 else "head") for c, col in enumerate(data.columns)]
    for c, text, font in heads:
        rect = g.head_rect(c).adjusted(5, 3, -5, -3)
        sorted_here = c == data.sort_column
        if sorted_here:
            rect.setRight(rect.right() - 10)           # room for the sort mark
        metrics = QFontMetricsF(g.fonts[font])
        align = Qt.AlignLeft if c == UNIT_COLUMN else Qt.AlignRight
        painter.setFont(g.fonts[font])
        painter.setPen(theme.foreground)
        lines = wrap_lines(text, metrics, rect.width())
        top = rect.bottom() - len(lines) * metrics.height()
        for k, line in enumerate(lines):
            painter.drawText(QRectF(rect.left(), top + k * metrics.height(), rect.width(), metrics.height()),
                             int(align | Qt.AlignVCenter), line)
        if sorted_here:
            _paint_sort_mark(painter, QPointF(rect.right() + 6, rect.bottom() - metrics.height() / 2),
                             data.descending, theme.foreground)


def _paint_sort_mark(painter, centre: QPointF, descending: bool, colour: QColor) -> None:
    """A small triangle: up for the best first (rank order), down when reversed."""
    s = 3.5
    up = not descending
    tip, base = (-s, s) if up else (s, -s)
    painter.save()
    painter.setPen(Qt.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([QPointF(centre.x() - s, centre.y() + base * 0.8),
                                   QPointF(centre.x() + s, centre.y() + base * 0.8),
                                   QPointF(centre.x(), centre.y() + tip * 0.8)]))
    painter.restore()


def _paint_row(painter, g: LeagueGeometry, theme, j: int, unit: int) -> None:
    data = g.data
    chosen = unit == data.chosen
    name_rect = g.cell_rect(j, UNIT_COLUMN).adjusted(5, 0, -5, 0)
    font = g.fonts["bold" if chosen else "cell"]
    painter.setFont(font)
    painter.setPen(theme.foreground)
    name = QFontMetricsF(font).elidedText(data.units[unit], Qt.ElideRight, name_rect.width())
    painter.drawText(name_rect, int(Qt.AlignLeft | Qt.AlignVCenter), name)
    for c in range(len(data.columns)):
        rect = g.cell_rect(j, c).adjusted(1, 1, -1, -1)
        painter.fillRect(rect, data.cell_colour(unit, c))
        text_colour = data.text_colour(unit, c)
        if data.low[unit, c]:
            hatch = QColor(text_colour)
            hatch.setAlpha(70)
            painter.fillRect(rect, QBrush(hatch, Qt.BDiagPattern))
        score, rank = data.scores[unit, c], data.ranks[unit, c]
        inner = rect.adjusted(5, 0, -6, 0)
        painter.setPen(text_colour)
        if not np.isfinite(score):
            painter.setFont(g.fonts["cell"])
            painter.drawText(inner, int(Qt.AlignRight | Qt.AlignVCenter), "—")
            continue
        painter.setFont(g.fonts["rank"])
        if np.isfinite(rank):
            painter.drawText(inner, int(Qt.AlignLeft | Qt.AlignVCenter), f"#{int(rank)}")
        painter.setFont(g.fonts["bold" if c == 0 else "cell"])
        painter.drawText(inner, int(Qt.AlignRight | Qt.AlignVCenter), data.score_text(unit, c) + ("*" if data.low[unit, c] else ""))
    if chosen:
        painter.save()
        painter.setPen(QPen(theme.highlight, 2))
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(g.row_rect(j).adjusted(0, 0, -1, 0))
        painter.restore()


def _paint_lines(painter, g: LeagueGeometry, theme) -> None:
    """The rule under the header and a stronger one before each dimension."""
    data = g.data
    bottom = g.rows_top + len(data.order) * ROW_H
    painter.save()
    painter.setPen(QPen(theme.foreground, 1))
    painter.drawLine(QPointF(MARGIN, g.rows_top), QPointF(g.width - MARGIN, g.rows_top))
    painter.setPen(QPen(theme.background, 2))
    for c, column in enumerate(data.columns):
        if c and column.level == 1:
            painter.drawLine(QPointF(g.xs[c], g.rows_top + 1), QPointF(g.xs[c], bottom))
    painter.restore()


# ---- files ------------------------------------------------------------------------------------------
def league_image(data: LeagueData, theme, size, scale: float = 1.0) -> QImage:
    """The league ``size`` (w, h) pixels drawn ``scale`` times larger."""
    geometry = LeagueGeometry(data, size[0], size[1])
    image = QImage(max(1, round(size[0] * scale)), max(1, round(geometry.height * scale)),
                   QImage.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(DPI * scale / 0.0254))
    image.setDotsPerMeterY(round(DPI * scale / 0.0254))
    image.fill(theme.background)
    painter = QPainter(image)
    try:
        painter.scale(scale, scale)
        paint_league(painter, geometry, theme)
    finally:
        painter.end()
    return image


def write_league_svg(data: LeagueData, theme, size, path: str) -> None:
    """The league as SVG, ``size`` pixels (taller when the rows need it)."""
    geometry = LeagueGeometry(data, size[0], size[1])
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSizeF(geometry.width, geometry.height).toSize())
    generator.setViewBox(QRectF(0, 0, geometry.width, geometry.height))
    generator.setResolution(DPI)
    generator.setTitle(data.title)
    painter = QPainter(generator)
    try:
        paint_league(painter, geometry, theme)
    finally:
        painter.end()


def write_league_pdf(data: LeagueData, theme, size, path: str) -> None:
    """The league as a one-page PDF the size of the picture (96 pixels an inch)."""
    geometry = LeagueGeometry(data, size[0], size[1])
    writer = QPdfWriter(path)
    writer.setTitle(data.title)
    writer.setCreator("CoIndex")
    writer.setResolution(DPI)
    points = QSizeF(geometry.width * 72.0 / DPI, geometry.height * 72.0 / DPI)
    writer.setPageSize(QPageSize(points, QPageSize.Point, "", QPageSize.ExactMatch))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Point)
    painter = QPainter(writer)
    try:
        paint_league(painter, geometry, theme)
    finally:
        painter.end()
    del writer
