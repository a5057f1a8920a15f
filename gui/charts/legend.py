"""A chart's legend: a grid of entries under the plot that never takes the
plot's height.

The legend gets a width and a height budget (what the plot leaves of the
chart's height) and fits its entries into them: full names in as many columns as
the width allows; when they would need more rows than the budget holds,
short names (a unit's code); when even those do not fit, the first entries
and a "+N more" entry whose tooltip lists the rest.  The entries' samples
are pyqtgraph's (:class:`ItemSample`: a line, a bar, a dashed outline);
clicking them does not hide the plotted item (pyqtgraph's would): an entry
that stands for a unit (``Entry.unit``) chooses that unit instead (see
:meth:`ChartLegend.entry_at` and the chart's click handling).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsGridLayout, QSizePolicy

LEGEND_POINTS = 8.0          # small enough for several columns in a chart a third of a screen wide
ROW_PIXELS = 20              # a sample is 20 pixels high
SAMPLE_PIXELS = 20
COLUMN_GAP = 14              # between one entry's text and the next sample
TEXT_GAP = 4                 # between a sample and its text


@dataclass
class Entry:
    """One legend entry: the plotted ``item`` its sample copies (pen,
    brush), its ``text`` and a ``short`` text for tight spaces ('' = the
    text), and the ``unit`` (dataset index) it stands for, if any: a click
    on it chooses that unit."""
    item: object
    text: str
    short: str = ""
    unit: int | None = None


class ChartLegend(pg.GraphicsWidget):
    """The entries of :class:`Entry` laid out by :meth:`fit`.  ``items``
    holds the (sample, label) pairs shown, in order."""

    def __init__(self):
        super().__init__()
        self.grid = QGraphicsGridLayout()
        self.grid.setContentsMargins(2, 0, 2, 0)
        self.grid.setHorizontalSpacing(0)
        self.grid.setVerticalSpacing(0)
        self.setLayout(self.grid)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.setAcceptedMouseButtons(Qt.NoButton)
        self._colour = QColor(0, 0, 0)
        self.entries: list[Entry] = []
        self._pairs: list[tuple] = []            # (sample, label) per entry
        self.items: list[tuple] = []             # the pairs shown
        self.more_label = self._label("")
        self.more_label.setParentItem(self)
        self.more_label.hide()
        self.hidden_texts: list[str] = []        # the entries behind "+N more"
        self.mode = ""                           # "full", "short" or "collapsed"
        self.columns = 1
        self._key = None

    # ---- entries ----------------------------------------------------------------------
    def _label(self, text: str) -> pg.LabelItem:
        label = pg.LabelItem(text, size=f"{LEGEND_POINTS:g}pt", justify="left", color=self._colour)
        label.setAcceptedMouseButtons(Qt.NoButton)
        return label

    def set_entries(self, entries):
        """Replace the entries (a structure change, new units compared);
        entries of the same items only take the new texts."""
        entries = [e if isinstance(e, Entry) else Entry(*e) for e in entries]
        if [e.item for e in entries] == [e.item for e in self.entries]:
            for old, new in zip(self.entries, entries):
                old.unit = new.unit
            self.set_texts([e.text for e in entries], [e.short for e in entries])
            return
        self._drop_pairs()
        self.entries = entries
        for entry in self.entries:
            sample = entry.item if isinstance(entry.item, ItemSample) else ItemSample(entry.item)
            sample.setAcceptedMouseButtons(Qt.NoButton)
            label = self._label(entry.text)
            sample.setParentItem(self)
            label.setParentItem(self)
            sample.hide()
            label.hide()
            self._pairs.append((sample, label))
        self._key = None

    def entry_at(self, scene_pos) -> Entry | None:
        """The entry shown at ``scene_pos`` (scene coordinates: its sample,
        its text, or the gap between them), or None."""
        if not self.isVisible():
            return None
        shown = self.entries[:len(self.items)]
        for entry, (sample, label) in zip(shown, self.items):
            if sample.sceneBoundingRect().united(label.sceneBoundingRect()).contains(scene_pos):
                return entry
        return None

    def set_texts(self, texts, shorts=None):
        """New texts for the entries, in order (the language changed)."""
        shorts = shorts or [e.short for e in self.entries]
        for entry, text, short in zip(self.entries, texts, shorts):
            entry.text, entry.short = text, short
        self._key = None

    def set_text_colour(self, colour):
        self._colour = QColor(colour)
        for _, label in self._pairs:
            label.setText(label.text, color=self._colour)
        self.more_label.setText(self.more_label.text, color=self._colour)

    def _drop_pairs(self):
        self._clear_grid()
        scene = self.scene()
        for sample, label in self._pairs:
            for item in (sample, label):
                item.setParentItem(None)
                if scene is not None:
                    scene.removeItem(item)
        self._pairs = []
        self.items = []

    def _clear_grid(self):
        while self.grid.count():
            self.grid.removeAt(self.grid.count() - 1)

    # ---- layout -----------------------------------------------------------------------
    def _font(self) -> QFont:
        font = QFont(QApplication.font())
        font.setPointSizeF(LEGEND_POINTS)
        return font

    def widths(self, texts) -> list[float]:
        """Each entry's width with these texts, in pixels."""
        metrics = QFontMetricsF(self._font())
        return [SAMPLE_PIXELS + TEXT_GAP + metrics.horizontalAdvance(t) + COLUMN_GAP + 6 for t in texts]

    @staticmethod
    def columns_for(widths, width: float) -> int:
        """The most columns (entries row by row) whose widest entries sum to
        at most ``width``."""
        n = len(widths)
        for columns in range(n, 1, -1):
            if sum(max(widths[c::columns]) for c in range(columns)) <= width:
                return columns
        return 1

    def fit(self, width: float, height: float) -> bool:
        """Lay the entries out in ``width`` x ``height`` pixels (see the
        module text); True when the layout changed."""
        n = len(self.entries)
        rows_max = max(1, int(height // ROW_PIXELS))
        plan = None
        for mode in ("full", "short"):
            texts = [e.text if mode == "full" or not e.short else e.short for e in self.entries]
            columns = self.columns_for(self.widths(texts), width)
            if math.ceil(n / columns) <= rows_max:
                plan = (mode, columns, n, texts)
                break
        if plan is None:
            more = self.widths([self.tr("+{0} more").format(n)])[0]
            widths = self.widths(texts)
            shown = n
            while shown > 1:
                shown -= 1                       # room for "+N more" in the last place
                columns = self.columns_for(widths[:shown] + [more], width)
                if math.ceil((shown + 1) / columns) <= rows_max:
                    break
            plan = ("collapsed", columns, shown, texts)
        key = plan[:3] + (tuple(plan[3]),)
        if key == self._key:
            return False
        self._key = key
        self._lay_out(*plan)
        return True

    def _lay_out(self, mode, columns, shown, texts):
        self.mode, self.columns = mode, columns
        self._clear_grid()
        self.items = []
        for k, ((sample, label), text) in enumerate(zip(self._pairs, texts)):
            visible = k < shown
            sample.setVisible(visible)
            label.setVisible(visible)
            if not visible:
                continue
            if label.text != text:
                label.setText(text, color=self._colour)
            row, col = divmod(k, columns)
            self.grid.addItem(sample, row, 2 * col, Qt.AlignVCenter)
            self.grid.addItem(label, row, 2 * col + 1, Qt.AlignVCenter)
            self.items.append((sample, label))
        hidden = self.entries[shown:]
        self.hidden_texts = [e.text for e in hidden]
        self.more_label.setVisible(bool(hidden))
        if hidden:
            self.more_label.setText(self.tr("+{0} more").format(len(hidden)), color=self._colour)
            self.more_label.setToolTip("\n".join(self.hidden_texts))
            row, col = divmod(shown, columns)
            self.grid.addItem(self.more_label, row, 2 * col, 1, 2 * (columns - col), Qt.AlignVCenter)
        for col in range(columns):
            self.grid.setColumnFixedWidth(2 * col, SAMPLE_PIXELS + TEXT_GAP)
        rows = math.ceil((shown + (1 if hidden else 0)) / columns)
        height = rows * ROW_PIXELS
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setPreferredHeight(height)
        self.setMinimumWidth(0)
        self.grid.activate()
        self.updateGeometry()

    def rows(self) -> int:
        return self.grid.rowCount()
