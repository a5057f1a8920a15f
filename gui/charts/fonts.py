"""The one size of every chart's title.

The pyqtgraph charts set their titles in points (HTML text); the league
table paints its own in pixels (its files are the screen's picture, see
:mod:`gui.charts.league_paint`).  Both read :data:`TITLE_POINTS`, the
league through :func:`title_pixels`, so that the titles in the grid of
charts are one size.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

TITLE_POINTS = 10.0
STANDARD_DPI = 96.0          # what Qt assumes without a screen (offscreen, files)


def screen_dpi() -> float:
    """The logical dots an inch that points are turned into pixels with
    on screen (what Qt's text layout uses)."""
    app = QApplication.instance()
    screen = app.primaryScreen() if app is not None else None
    dpi = screen.logicalDotsPerInchY() if screen is not None else 0.0
    return float(dpi) if dpi and dpi > 0 else STANDARD_DPI


def title_pixels() -> int:
    """The chart titles' size in whole pixels (a font's pixel size is
    whole): :data:`TITLE_POINTS` at the screen's dots an inch."""
    return max(1, int(round(TITLE_POINTS * screen_dpi() / 72.0)))
