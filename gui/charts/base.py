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

import functools
import html
import math

import numpy as np
import os
import re

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QFontMetricsF, QImage, QTextOption
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolButton

from gui.charts.export import export_png, export_svg, render_image, set_caching
from gui.charts.items import live
from gui.base.document import ProjectDocument
from gui.base.i18n import display_name, is_chinese
from gui.base.palette import ChartTheme, dimension_colours, unit_name
from core.methods.registry import NORMALISATIONS

TITLE_SIZE = "10pt"
TITLE_ROOM = 44              # pixels kept free right of the title (the menu button)
LEGEND_SIZE = "8pt"          # small enough for two columns in a chart a third of a screen wide
SHORT_NAME = 20              # characters; longer unit names are shown by code in titles
# normalisations that compare units: with one unit they give nothing to show
# (unless pooled over several periods, when the periods are compared)
COMPARES_UNITS = ("minmax", "zscore", "rank", "prank")


def method_name(method: str) -> str:
    """A normalisation's name for people, in the interface's language."""
    m = NORMALISATIONS.get(method)
    if m is None:
        return method
    return m.label["zh" if is_chinese() else "en"]


class ChartBase(pg.GraphicsView):
    """A chart of the document's results in a :class:`pyqtgraph.GraphicsLayout`:
    a title row, then the subclass's plot (``_build_view`` returns its
    ViewBox).  Subclasses implement ``_build_series`` (items that depend on
    the framework), ``refresh`` (values) and ``hover_at``.  A small menu
    button and the context menu save the chart (PNG, SVG) or copy it
    (see :mod:`gui.charts.export`).
    """

    exported = Signal(str)          # a message: saved to a file, or copied
    # a chart of the change between periods (it has nothing to show for one period)
    shows_change = False
    # a chart of the chosen unit alone (empty when that unit has no data)
    about_one_unit = True
    # a chart of the index's dimensions (empty when the index has none: indicators right under it)
    shows_dimensions = False

    def __init_subclass__(cls, **kwargs):
        # every redraw ends by showing or hiding the empty-chart message
        super().__init_subclass__(**kwargs)
        inner = cls.__dict__.get("refresh")
        if inner is not None and not getattr(inner, "_says_why", False):
            @functools.wraps(inner)
            def refresh(self, *args, **kw):
                out = inner(self, *args, **kw)
                self.show_empty_reason()
                return out
            refresh._says_why = True
            cls.refresh = refresh

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
        self._shown_title = None
        self.view_box = self._build_view()
        self.view_box.setMenuEnabled(False)
        # why the chart is empty, centred in the plot (over hidden items)
        self.empty_item = pg.TextItem(anchor=(0.5, 0.5))
        self.empty_item.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignHCenter))
        self.empty_item.setParentItem(self.view_box)
        self.empty_item.setZValue(2000)
        self.empty_item.hide()
        self._empty_text = ""
        self.view_box.sigResized.connect(self._place_empty_message)
        # a read-out near the cursor, one item reused for every hover
        self.hover_item = pg.TextItem(anchor=(0, 1))
        self.hover_item.setZValue(1000)
        self.hover_item.hide()
        self.view_box.addItem(self.hover_item, ignoreBounds=True)
        # a legend (subclasses fill it) and a note under the plot, hidden when empty
        # a fixed "size" stops the legend resizing itself: the layout sizes it
        self.legend = pg.LegendItem(size=(100, 20), colCount=1, labelTextSize=LEGEND_SIZE)
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

    # ---- Save as PNG / SVG, Copy image ------------------------------------------------
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

    def copy_image(self) -> QImage:
        """Put the chart on the clipboard as an image."""
        image = render_image(self)
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
            export_svg(self, path)
        else:
            export_png(self, path)
        settings.setValue("charts/export_folder", os.path.dirname(path))
        self.exported.emit(self.tr("Chart saved to {0}").format(path))
        return path

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

    def period_text(self, t: int) -> str:
        """Period number ``t`` (dataset index) as shown."""
        periods = self.project.dataset.periods
        p = periods[t] if 0 <= t < len(periods) else None
        return "" if p is None else str(p)

    def dimension_codes(self) -> list[str]:
        """The root's children that are aggregates (the dimensions)."""
        fw = self.project.framework
        root = fw.root
        if root is None:
            return []
        return [c for c in fw.children(root) if not fw[c].is_indicator]

    def dimension_colour(self, code: str):
        return dimension_colours(self.document).colour(code, self.theme.dark)

    def title(self) -> str:
        """The chart's full title (shown cut short when the chart is narrow)."""
        return self._title

    def set_title(self, text: str):
        self._title = text
        self._shown_title = None
        self._show_title()

    def _show_title(self):
        """The title, cut short with an ellipsis when the chart is too
        narrow for it (a long title must not widen the chart)."""
        font = QFont(self.font())
        font.setPointSizeF(float(TITLE_SIZE.rstrip("pt")))
        font.setBold(True)
        room = max(self.width() - TITLE_ROOM, 60)
        shown = QFontMetricsF(font).elidedText(self._title, Qt.ElideRight, room)
        if shown != self._shown_title:
            self._shown_title = shown
            self.title_item.setText(html.escape(shown), color=self.theme.foreground)
            self.title_item.setMinimumWidth(0)

    def set_note(self, text: str):
        """A short note under the chart ('' hides it)."""
        if text != self._note:
            self._note = text
            self.note_item.setText(text, color=self.theme.muted)
            self.note_item.setVisible(bool(text))

    # ---- an empty chart says why ------------------------------------------------------
    def empty_reason(self) -> str:
        """Why the chart has nothing to show for the chosen unit ('' when it
        has): no data, one unit under a method that compares units, one
        period in a chart of change, no dimensions in a chart of them."""
        project = self.project
        ds = project.dataset
        U, T = len(ds.unit_codes), len(ds.periods)
        if U == 0 or T == 0 or not ds.codes:
            return self.tr("No data")
        methods = list(self.engine.method)
        settings = project.settings
        if U == 1 and methods and all(m in COMPARES_UNITS for m in methods) and not (settings.pooled and T > 1):
            return self.needs_units_text(methods[0])
        u = getattr(getattr(self, "choice", None), "valid_unit", None)
        u = u() if u is not None else max(min(getattr(self, "unit", 0), U - 1), 0)
        if self.about_one_unit and not np.isfinite(ds.values[u]).any():
            return self.tr("No data for {0}").format(self.unit_short(u))
        if self.shows_change and T == 1:
            return self.tr("One period: no change to show")
        if self.shows_dimensions and not self.dimension_codes():
            return self.tr("The index has no dimensions: its indicators are right under it "
                           "(add dimensions in the framework)")
        return ""

    def needs_units_text(self, method: str) -> str:
        """'<method> needs two or more units; choose fixed base'."""
        return self.tr("{0} needs two or more units; choose fixed base").format(method_name(method))

    def show_empty_reason(self, reason: str | None = None):
        """Show ``reason`` (default: :meth:`empty_reason`) centred in the
        plot with the plotted items hidden, or hide the message when ''.
        Charts call it after each redraw (see ``__init_subclass__``)."""
        if reason is None:
            try:
                reason = self.empty_reason()
            except (IndexError, KeyError, AttributeError):
                reason = ""
        was = self._empty_text
        self._empty_text = reason
        self.view_box.childGroup.setVisible(not reason)
        if reason:
            self.legend.hide()                   # its samples of hidden items would look crossed out
        elif was:
            self.legend.setVisible(bool(self.legend.items) and self._legend_wanted)
        if reason:
            self.empty_item.setColor(self.theme.muted)
            self.empty_item.setText(reason)
            self._place_empty_message()
        self.empty_item.setVisible(bool(reason))
        self.show_axes(not reason)

    def show_axes(self, shown: bool):
        """Show or hide the chart's axes (an empty chart shows its message
        without axes that would suggest a scale)."""

    def empty_message(self) -> str:
        """The message shown in an empty chart ('' when it is not empty)."""
        return self._empty_text

    def _place_empty_message(self, *_):
        rect = self.view_box.rect()
        self.empty_item.setTextWidth(max(rect.width() * 0.9, 60.0))     # long reasons wrap inside the plot
        self.empty_item.setPos(rect.center())

    @live
    def _fit_legend_columns(self, *_, relayout=True):
        """As many legend columns as the chart's width allows; the legend
        shows when it has entries.  Called on resize (before the layout is
        applied, so a narrower legend lets the chart shrink) and after the
        entries change (new entries are cached here too)."""
        set_caching(self, True)
        items = self.legend.items
        self.legend.setVisible(bool(items) and self._legend_wanted and not getattr(self, "_empty_text", ""))
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
        self.retranslateUi()                 # titles name the method and the base period

    def _on_structure_changed(self):
        self.reset_ranges()
        self._build_series()
        self.refresh()
        set_caching(self, True)
        self.retranslateUi()

    def showEvent(self, event):
        super().showEvent(event)
        self.current()
        set_caching(self, True)

    # ---- theme -----------------------------------------------------------------------
    def changeEvent(self, event):
        super().changeEvent(event)
        if (event.type() in (QEvent.PaletteChange, QEvent.ApplicationPaletteChange)
                and getattr(self, "_ready", False)):
            theme = ChartTheme.from_palette(self.palette())
            if theme != self.theme:
                self.theme = theme
                self.setBackground(theme.background)
                self._shown_title = None
                self._show_title()
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

    def resizeEvent(self, event):
        if getattr(self, "_ready", False):
            self._fit_legend_columns(relayout=False)
            self._show_title()
        super().resizeEvent(event)
        if not getattr(self, "_ready", False):
            return
        hint = self.export_button.sizeHint()
        self.export_button.setGeometry(self.width() - hint.width() - 4, 2, hint.width(), hint.height())

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

    def show_axes(self, shown: bool):
        for name in ("left", "bottom"):
            self.getPlotItem().getAxis(name).setVisible(shown)

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


class UnitPeriod:
    """The unit and the period a chart shows, chosen as dataset indices
    (period -1: the last) and read back valid for the document's current
    dataset (it changes with structure edits).  ``changed()`` is called
    after a new choice; a chart owns one and redraws then."""

    def __init__(self, document: ProjectDocument, changed, unit: int = 0, period: int = -1):
        self._document = document
        self._changed = changed
        self._unit = unit
        self._period = period

    @property
    def unit(self) -> int:
        """The chosen unit, as chosen (see :meth:`valid_unit`)."""
        return self._unit

    @property
    def period(self) -> int:
        """The chosen period (dataset index): -1 means the last; clipped to the periods there are."""
        T = len(self._document.project.dataset.periods)
        t = self._period if self._period is not None and self._period >= 0 else T - 1
        return min(max(t, 0), max(T - 1, 0))

    def valid_unit(self) -> int:
        """The chosen unit, or the first when the dataset has no such unit (any more)."""
        if not 0 <= self._unit < len(self._document.project.dataset.unit_codes):
            self._unit = 0
        return self._unit

    def set_unit(self, unit: int):
        if unit != self._unit:
            self._unit = unit
            self._changed()

    def set_period(self, period: int):
        if period != self._period:
            self._period = period
            self._changed()
