"""What every chart of results shares: a title, a legend that keeps out of
the plot (:mod:`gui.charts.legend`), a theme that follows the application
palette, its menu (:mod:`gui.charts.menu`), hover read-outs, zoom and clicks
(:mod:`gui.charts.interaction`) and deliberate view ranges.

A chart builds its pyqtgraph items once (and again only after a structure
change), keeps references and updates them with ``setData`` / ``setOpts`` /
``setText`` only; it never calls ``clear()`` (pyqtgraph issue 3194:
re-plotting deletes C++ axis objects).  Ranges are set by the chart, never
auto-ranged: auto-range is most of an update's cost.  Once the user zooms or
pans, the chart keeps the user's view until it is reset.
"""
from __future__ import annotations

import functools
import html

import numpy as np

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QTextOption

from core.errors import CoIndexError
from core.methods.registry import NORMALISATIONS
from core.pipeline import meaning

from gui.charts.export import set_caching
from gui.charts.fonts import TITLE_POINTS
from gui.charts.interaction import ChartInteraction
from gui.charts.items import live
from gui.charts.legend import ChartLegend
from gui.charts.menu import ChartMenu
from gui.base.document import ProjectDocument
from gui.base.formatting import node_score_decimals
from gui.base.i18n import display_name, is_chinese
from gui.base.palette import ChartTheme, dimension_colours, unit_name

NOTE_POINTS = 8.0            # the note under the chart and the subtitle
NOTE_PIXELS = 15             # the note's row
ROW_GAP = 2                  # pixels between the title, the plot, the legend and the note
PLOT_SHARE = 0.62            # of the chart's height the plot keeps, at least (the legend gets less room)
TITLE_ROOM = 44              # pixels kept free right of the title (the menu button)
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


class ChartBase(ChartMenu, ChartInteraction, pg.GraphicsView):
    """A chart of the document's results in a :class:`pyqtgraph.GraphicsLayout`:
    a title row, then the subclass's plot (``_build_view`` returns its
    ViewBox), the legend and a note.  Subclasses implement ``_build_series``
    (items that depend on the framework), ``refresh`` (values),
    ``hover_at`` and, where a click chooses a unit, ``unit_at``.
    """

    exported = Signal(str)          # a message: saved to a file, or copied
    unitClicked = Signal(int)       # a unit drawn in the chart was clicked (dataset index)
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
        self.layout_item.setContentsMargins(6, 4, 10, 4)
        self.layout_item.layout.setVerticalSpacing(ROW_GAP)
        self.setCentralItem(self.layout_item)
        self.title_item = pg.LabelItem("", size=f"{TITLE_POINTS:g}pt", bold=True, justify="left")
        self.layout_item.addItem(self.title_item, row=0, col=0)
        self._title = ""
        self._subtitle = ""
        self._shown_title = None
        self.view_box = self._build_view()
        self.view_box.setMenuEnabled(False)
        self._build_empty_message()
        # a read-out near the cursor, one item reused for every hover
        self.hover_item = pg.TextItem(anchor=(0, 0))
        self.hover_item.setZValue(1000)
        self.hover_item.hide()
        self.view_box.addItem(self.hover_item, ignoreBounds=True)
        # the legend (subclasses fill it) and a note under the plot, hidden when empty
        self.legend = ChartLegend()
        self.layout_item.addItem(self.legend, row=2, col=0)
        self.legend.hide()
        self.note_item = pg.LabelItem("", size=f"{NOTE_POINTS:g}pt", justify="right")
        self.note_item.setMaximumHeight(NOTE_PIXELS)
        self.layout_item.addItem(self.note_item, row=3, col=0)
        self.note_item.hide()
        self._note = ""
        self._stale = False
        self._legend_wanted = True
        self._y_range = None
        self._build_menu()
        self._retranslate_base()
        self._style_hover()
        self._connect_interaction()
        document.valuesChanged.connect(self._on_values_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_structure_changed)
        self._ready = True

    def _build_empty_message(self):
        """Why the chart is empty, centred in the plot (over hidden items)."""
        self.empty_item = pg.TextItem(anchor=(0.5, 0.5))
        self.empty_item.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignHCenter))
        self.empty_item.setParentItem(self.view_box)
        self.empty_item.setZValue(2000)
        self.empty_item.hide()
        self._empty_text = ""
        self.view_box.sigResized.connect(self._place_empty_message)

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

    def score_decimals(self, code: str) -> int:
        """The decimals the scores of node ``code`` are shown with (the
        same in every chart and table: see gui/base/formatting.py)."""
        return node_score_decimals(self.project, code)

    def unit_name(self, u: int) -> str:
        return unit_name(self.project, u)

    def unit_short(self, u: int) -> str:
        """The unit's name when short, else its code (for titles)."""
        name = self.unit_name(u)
        return name if len(name) <= SHORT_NAME else str(self.project.dataset.unit_codes[u])

    def unit_code(self, u: int) -> str:
        return str(self.project.dataset.unit_codes[u])

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

    def growth_caveat(self) -> str | None:
        """Why growth is not shown (scores scaled per period), or None."""
        return meaning.growth_caveat(self.project.settings, self.engine.method)

    def score_axis_title(self) -> str:
        """'Index (2020 = 100)', 'Score (0-100)' ... in the interface's language."""
        engine, fw = self.engine, self.project.framework
        units = [fw[c].unit for c in fw.indicator_codes]
        return meaning.score_axis_title(self.project.settings, engine.method,
                                        base=self.period_text(engine.growth_base), units=units)

    def title(self) -> str:
        """The chart's full title (shown cut short when the chart is narrow)."""
        return self._title

    def set_title(self, text: str):
        self._title = text
        self._shown_title = None
        self._show_title()

    def set_subtitle(self, text: str):
        """A line in small type under the title ('' for none)."""
        if text != self._subtitle:
            self._subtitle = text
            self._shown_title = None
            self._show_title()

    def subtitle(self) -> str:
        return self._subtitle

    def _elided(self, text: str, points: float, bold: bool = False, room: float | None = None) -> str:
        font = QFont(self.font())
        font.setPointSizeF(points)
        font.setBold(bold)
        room = max(self.width() - TITLE_ROOM, 60) if room is None else room
        return QFontMetricsF(font).elidedText(text, Qt.ElideRight, room)

    def _show_title(self):
        """The title (and the subtitle under it), cut short with an ellipsis
        when the chart is too narrow (a long title must not widen the chart)."""
        shown = html.escape(self._elided(self._title, TITLE_POINTS, bold=True))
        if self._subtitle:
            small = html.escape(self._elided(self._subtitle, NOTE_POINTS))
            shown += (f"<br><span style='font-size:{NOTE_POINTS:g}pt; font-weight:normal; "
                      f"color:{self.theme.muted.name()}'>{small}</span>")
        if shown != self._shown_title:
            self._shown_title = shown
            self.title_item.setText(shown, color=self.theme.foreground)
            self.title_item.setMinimumWidth(0)

    def set_note(self, text: str):
        """A short note under the chart ('' hides it), cut short to the
        chart's width."""
        if text != self._note:
            self._note = text
            self._show_note()
            self.note_item.setVisible(bool(text))
            if self.legend.entries:
                self._fit_legend()

    def note(self) -> str:
        return self._note

    def _show_note(self):
        shown = html.escape(self._elided(self._note, NOTE_POINTS, room=max(self.width() - 24, 60)))
        self.note_item.setText(shown, color=self.theme.muted)
        self.note_item.setMinimumWidth(0)

    # ---- the legend -------------------------------------------------------------------
    def set_legend(self, entries, wanted: bool = True):
        """The legend's entries (:class:`~gui.charts.legend.Entry` or
        (item, text, short) tuples); ``wanted=False`` hides it."""
        self.legend.set_entries(entries)
        self.legend.set_text_colour(self.theme.foreground)
        self._legend_wanted = wanted
        self._fit_legend()

    def legend_unit_at(self, scene_pos):
        """The unit of the legend entry at ``scene_pos`` (a click there
        chooses it), or None."""
        entry = self.legend.entry_at(scene_pos)
        return None if entry is None else entry.unit

    def legend_room(self) -> float:
        """The height the legend may take, in pixels: what is left of the
        chart's height once the plot has PLOT_SHARE of it and the title and
        the note theirs (at least one row)."""
        taken = self.title_item.boundingRect().height() + 4 + 4 + 2 * ROW_GAP + 2
        if self._note:
            taken += NOTE_PIXELS + ROW_GAP
        return max(self.height() * (1.0 - PLOT_SHARE) - taken, 20.0)

    @live
    def _fit_legend(self, *_, relayout=True):
        """Lay the legend out in the chart's width and :meth:`legend_room`;
        it shows when it has entries.  Called on
        resize (before the layout is applied, so the legend's new height
        counts) and after the entries change."""
        set_caching(self, True)
        entries = self.legend.entries
        self.legend.setVisible(bool(entries) and self._legend_wanted and not self._empty_text)
        if not entries:
            return
        if self.legend.fit(self.width() - 24, self.legend_room()):
            self.layout_item.layout.invalidate()
            if relayout:
                pg.GraphicsView.resizeEvent(self, None)      # lay the items out again at this size

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
        choice = getattr(self, "choice", None)
        u = choice.valid_unit() if choice is not None else max(min(getattr(self, "unit", 0), U - 1), 0)
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
        Charts call it after each redraw (see ``__init_subclass__``).  A
        project the engine could not compute has no results to show: its
        error is the reason."""
        if reason is None:
            try:
                reason = self.empty_reason()
            except CoIndexError as error:
                reason = str(error)
        was = self._empty_text
        self._empty_text = reason
        self.view_box.childGroup.setVisible(not reason)
        if reason:
            self.legend.hide()                   # its samples of hidden items would look crossed out
        elif was:
            self.legend.setVisible(bool(self.legend.entries) and self._legend_wanted)
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
        # pyqtgraph caches the text in device coordinates; a new width or text does not always
        # clear that cache, and the reason was then painted blank after an edit
        self.empty_item.textItem.update()

    def style_axes(self, plot: pg.PlotItem):
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(self.theme.muted))
            axis.setTextPen(pg.mkPen(self.theme.foreground))

    def fit_y(self, bounds, pad_low=0.06, pad_high=0.08):
        """Set the y range to ``bounds`` (low, high) padded, but only when
        the data leave the current range or fill less than half of it (and
        never over a view the user zoomed or panned)."""
        if bounds is None or self.user_view:
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
            self.set_theme(ChartTheme.from_palette(self.palette()))

    def set_theme(self, theme: ChartTheme):
        """Draw in ``theme``'s colours (the palette's; exports draw on paper)."""
        if theme == self.theme:
            return
        self.theme = theme
        self.setBackground(theme.background)
        self._shown_title = None
        self._show_title()
        self._style_hover()
        self.legend.set_text_colour(theme.foreground)
        self._apply_theme()
        self.refresh()

    def _style_hover(self):
        self.hover_item.setColor(self.theme.foreground)
        self.hover_item.fill = pg.mkBrush(self.theme.panel)
        self.hover_item.border = pg.mkPen(self.theme.muted)
        self._show_note()

    def resizeEvent(self, event):
        if getattr(self, "_ready", False):
            self._fit_legend(relayout=False)
            self._show_title()
            self._show_note()
        super().resizeEvent(event)
        if getattr(self, "_ready", False):
            self.place_menu_button()
