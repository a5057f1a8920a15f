"""Labels at the ends of a chart's lines, spread apart so none overlaps
another and all stay between the plot's top and bottom.

:func:`spread` works in pixels: each label wants to sit at its line's end;
labels that would overlap form a cluster centred on their wanted places,
clusters that then touch merge, and a cluster is kept inside the bounds.
When the labels cannot all fit, :func:`fitting` says how many can (the
chart keeps the first, the chosen unit's, and the legend names the rest).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from gui.charts.items import PathCurve


def fitting(count: int, size: float, low: float, high: float) -> int:
    """How many labels of ``size`` pixels fit between ``low`` and ``high``."""
    if size <= 0:
        return count
    return max(0, min(count, int((high - low) // size)))


def spread(wanted, size: float, low: float, high: float) -> list[float] | None:
    """Centres for labels of height ``size`` that want to be at ``wanted``
    (pixel coordinates, any order), none overlapping, all within [low,
    high]; in the order of ``wanted``.  None when they cannot all fit."""
    n = len(wanted)
    if n == 0:
        return []
    if n * size > high - low + 1e-9:
        return None
    order = sorted(range(n), key=lambda i: wanted[i])
    clusters = [[i] for i in order]            # each: label indices, top to bottom

    def top(cluster) -> float:
        """The centre of the cluster's first label: centred on the wanted
        places, inside the bounds."""
        mean = sum(wanted[i] for i in cluster) / len(cluster)
        first = mean - (len(cluster) - 1) * size / 2
        return min(max(first, low + size / 2), high - size / 2 - (len(cluster) - 1) * size)

    merged = True
    while merged:
        merged = False
        for k in range(len(clusters) - 1):
            a, b = clusters[k], clusters[k + 1]
            if top(b) < top(a) + len(a) * size - 1e-9:
                clusters[k:k + 2] = [a + b]
                merged = True
                break
    out = [0.0] * n
    for cluster in clusters:
        first = top(cluster)
        for j, i in enumerate(cluster):
            out[i] = first + j * size
    return out


class EndLabels:
    """A pool of text items at the ends of a chart's lines, with leader
    lines from a line's end to its label where the label had to move.
    ``set_ends`` takes the ends in priority order (the chosen unit first):
    when not all fit, the last are hidden."""

    def __init__(self, view_box, font, gap_pixels: float = 8.0):
        self.view_box = view_box
        self.font = font
        self.gap = gap_pixels
        self.items: list[pg.TextItem] = []
        self.texts: list[str] = []
        self._ends: list[tuple] = []             # (label index, x, y) in data coordinates
        self.leaders = PathCurve(view_box, connect="pairs")
        self.leaders.setZValue(19)
        self.hidden: list[int] = []              # labels left out for want of room

    def ensure(self, n: int):
        while len(self.items) < n:
            label = pg.TextItem(anchor=(0, 0.5))
            label.setFont(self.font)
            label.textItem.document().setDocumentMargin(1)
            label.setZValue(20)
            self.view_box.addItem(label, ignoreBounds=True)
            self.items.append(label)
            self.texts.append("")

    def set_text(self, k: int, text: str):
        if text != self.texts[k]:
            self.items[k].setText(text)
            self.texts[k] = text

    def widest(self, texts) -> float:
        metrics = QFontMetricsF(self.font)
        return max((metrics.horizontalAdvance(line) for t in texts for line in t.split("\n")), default=0.0)

    def height(self) -> float:
        """The height of the tallest label (labels may have two lines)."""
        lines = max((t.count("\n") + 1 for t in self.texts if t), default=1)
        return QFontMetricsF(self.font).height() * lines + 2.0

    def set_ends(self, ends):
        """(label index, x, y) of each line's end, chosen unit first; the
        other labels are hidden."""
        self._ends = list(ends)
        shown = {k for k, _, _ in self._ends}
        for k, label in enumerate(self.items):
            if k not in shown:
                label.hide()
        self.place()

    def place(self, *_):
        """Spread the labels apart (see :func:`spread`) inside the plot."""
        vb = self.view_box
        rect = vb.sceneBoundingRect()
        if rect.height() < 10 or not self._ends:
            self.leaders.setData([], [])
            return
        size = self.height()
        keep = fitting(len(self._ends), size, rect.top(), rect.bottom())
        kept, dropped = self._ends[:keep], self._ends[keep:]
        self.hidden = [k for k, _, _ in dropped]
        for k in self.hidden:
            self.items[k].hide()
        wanted = [vb.mapViewToScene(QPointF(x, y)).y() for _, x, y in kept]
        placed = spread(wanted, size, rect.top(), rect.bottom()) or wanted
        px = abs(vb.viewPixelSize()[0])
        lx, ly = [], []
        for (k, x, y), want, at in zip(kept, wanted, placed):
            label_y = vb.mapSceneToView(QPointF(0.0, at)).y()
            self.items[k].setPos(x + px * self.gap, label_y)
            self.items[k].show()
            if abs(at - want) > 2.0:
                lx += [x + px * 3, x + px * (self.gap - 1)]
                ly += [y, label_y]
        self.leaders.setData(lx, ly)
