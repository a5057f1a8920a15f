"""Charts drawn for export, off screen: a
:class:`~gui.charts.panel.ChartPanel` built for the export at a fixed size
(so that images do not depend on how the window happens to be laid out),
showing the unit, period and compared units chosen in the window's panel;
and each chart (the league table too) written as PNG, SVG or PDF.

The pyqtgraph charts are written by :mod:`gui.charts.export` (PNG, SVG and
PDF, one renderer in paper colours); the league table by its own painting
routine in every format.
"""
from __future__ import annotations

import contextlib
import logging
import re

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from core.atomic import atomic_output

from gui.charts.export import DEFAULT_BACKGROUND, export_pdf, export_svg, render_image
from gui.charts.league import LeagueTable

log = logging.getLogger(__name__)

CHART_SIZE = (760, 470)         # logical pixels of an exported chart (scale 1)
FORMATS = ("png", "svg", "pdf")
DPI = 96                        # pixels an inch of SVG and PDF charts
# the panel's charts by the fixed file names of `python main.py charts`
CHART_NAMES = (("composite", "composite_chart"), ("dimensions", "dimension_chart"),
               ("contributions", "contribution_chart"), ("radar", "radar_chart"), ("ranking", "ranking_chart"),
               ("league", "league_table"))


def chart_slug(chart) -> str:
    """'index', 'dimensions', ... from the chart's class (file names that
    do not change with the language)."""
    if isinstance(chart, LeagueTable):
        return "league"
    name = type(chart).__name__.removesuffix("Chart") or "chart"
    name = {"Composite": "index", "Index": "index", "Dimension": "dimensions", "Contribution": "contributions"}.get(
        name, name)
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def chart_title(chart) -> str:
    """The chart's full title, or its slug when it has none."""
    return chart.title() or chart_slug(chart)


def print_palette() -> QPalette:
    """The application's palette on white: charts for paper and files
    (no grey window colour, no dark theme baked into a report)."""
    palette = QPalette(QApplication.palette())
    for group in (QPalette.Active, QPalette.Inactive, QPalette.Disabled):
        palette.setColor(group, QPalette.Window, QColor("#ffffff"))
        palette.setColor(group, QPalette.WindowText, QColor("#000000"))
        palette.setColor(group, QPalette.Base, QColor("#ffffff"))
        palette.setColor(group, QPalette.Text, QColor("#000000"))
    return palette


def _copy_choices(panel, source) -> None:
    """Show in ``panel`` the unit, period and compared units of ``source``."""
    for getter, setter in (("unit", "set_unit"), ("period", "set_period")):
        value = getattr(source, getter, lambda: -1)()
        if value is not None and value >= 0:
            getattr(panel, setter)(value)
    compared = getattr(getattr(source, "compare_box", None), "checked_units", None)
    if callable(compared):
        panel.set_compared_units(compared())


@contextlib.contextmanager
def offscreen_panel(document, source=None, size=CHART_SIZE, palette: QPalette | None = None):
    """Yield a ChartPanel built for ``document`` off screen whose charts are
    each ``size`` logical pixels (drawn with ``palette`` when given),
    showing what ``source`` (the window's ChartPanel, if any) shows.  The
    charts are deleted on leaving."""
    from gui.charts.panel import ChartPanel
    panel = ChartPanel(document)
    charts = panel.views()
    try:
        if source is not None:
            _copy_choices(panel, source)
        for chart in charts:
            chart.setParent(None)
            chart.setAttribute(Qt.WA_DontShowOnScreen, True)
            if palette is not None:
                chart.setPalette(palette)
            chart.resize(*size)
            chart.show()
        QApplication.processEvents()
        yield panel
    finally:
        # deleted now, not later: an event before a deferred delete (a
        # language change) would reach charts whose items are gone
        for chart in charts:
            chart.hide()
            chart.close()
            shiboken6.delete(chart)
        shiboken6.delete(panel)


@contextlib.contextmanager
def offscreen_charts(document, source=None, size=CHART_SIZE, palette: QPalette | None = None, league=False):
    """Yield the charts of an :func:`offscreen_panel` that have something
    to compare: the ranking (and, with ``league``, the league table) only
    with several units."""
    with offscreen_panel(document, source, size, palette) as panel:
        several = panel.several_units()
        charts = [c for c in panel.views()
                  if (several or c not in (panel.ranking_chart, panel.league_table))
                  and (league or c is not panel.league_table)]
        yield charts


def chart_image(chart, scale: float, size=CHART_SIZE, background: str = DEFAULT_BACKGROUND) -> QImage:
    """Any chart of the panel as an image ``scale`` times ``size`` (the
    league table: as tall as its rows need, on white)."""
    if isinstance(chart, LeagueTable):
        return chart.render_image(scale, size)
    return render_image(chart, scale, background)


def write_chart(chart, path: str, fmt: str, scale: float = 1.0, size=CHART_SIZE,
                background: str = DEFAULT_BACKGROUND) -> None:
    """Write ``chart`` to ``path`` as 'png' (``scale`` times its size), 'svg'
    or 'pdf' (its size, at 96 pixels an inch), atomically, on
    ``background`` ('white' or 'transparent')."""
    with atomic_output(path) as tmp:
        if fmt == "png":
            if not chart_image(chart, scale, size, background).save(tmp, "PNG"):
                raise OSError(f"{path}: the image could not be written")
        elif isinstance(chart, LeagueTable):
            (chart.export_svg if fmt == "svg" else chart.export_pdf)(tmp, size)
        elif fmt == "svg":
            export_svg(chart, tmp, background)
        else:
            export_pdf(chart, tmp, background, DPI)


def chart_images(document, source=None, scale: float = 2, size=CHART_SIZE,
                 palette: QPalette | None = None) -> list[tuple[str, QImage]]:
    """(title, image) of every chart, the league table with several units, drawn off screen."""
    with offscreen_charts(document, source, size, palette, league=True) as charts:
        return [(chart_title(chart), chart_image(chart, scale, size)) for chart in charts]


def chart_panel_of(window):
    """The window's ChartPanel when it is built (a pane may be pending)."""
    pane = getattr(window, "pane", None)
    widget = pane("chartsPane") if callable(pane) else None
    return widget if widget is not None and hasattr(widget, "charts") else None
