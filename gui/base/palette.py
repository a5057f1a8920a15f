"""How results look in every chart: one colour per dimension, kept by code,
and a chart theme read from the application palette (light or dark).

Colours are assigned per document and keyed by dimension code, so that a
dimension keeps its colour in every chart and across structure changes
(adding or deleting a dimension does not repaint the others).  The sequence
is Okabe & Ito's colour-blind-safe palette followed by Paul Tol's "muted"
set; in a dark theme the same hues are drawn lighter so they stay legible.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui.base.i18n import unit_display_name

# Okabe-Ito without black and yellow (invisible on one of the two
# backgrounds), then Tol's muted colours.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
                  "#882255", "#117733", "#999933", "#AA4499", "#44AA99", "#DDCC77")
# The units compared on the composite chart: Matthew Petroff's ten-colour
# sequence ("Accessible Color Sequences for Data Visualization", 2021,
# arXiv:2107.02270), chosen by a survey among sequences that stay apart for
# deuteranopes, protanopes and tritanopes; the chosen unit itself is drawn
# thick in the text colour, so ten compared units get ten distinct colours.
COMPARE_COLOURS = ("#3F90DA", "#FFA90E", "#BD1F01", "#94A4A2", "#832DB6",
                   "#A96B59", "#E76300", "#B9AC70", "#717581", "#92DADD")

def unit_name(project, unit: int) -> str:
    """A unit's name in the interface language (its code when unnamed)."""
    name = unit_display_name(project, unit)
    return str(name) if name else str(project.dataset.unit_codes[unit])


def unit_labels(project) -> list[str]:
    """Units as the choosers list them: 'name (code)', or the code alone."""
    out = []
    for u, code in enumerate(project.dataset.unit_codes):
        name = unit_name(project, u)
        out.append(name if name == code else f"{name} ({code})")
    return out


def series_colour(k: int, dark: bool = False) -> QColor:
    """The k-th colour of the sequence (wrapping), lighter on dark backgrounds."""
    colour = QColor(SERIES_COLOURS[k % len(SERIES_COLOURS)])
    return _for_background(colour, dark)


def compare_colour(k: int, dark: bool = False) -> QColor:
    """The colour of the k-th compared unit (wrapping after ten)."""
    return _for_background(QColor(COMPARE_COLOURS[k % len(COMPARE_COLOURS)]), dark)


def _for_background(colour: QColor, dark: bool) -> QColor:
    if dark and colour.lightnessF() < 0.55:
        return colour.lighter(150)
    return QColor(colour)


class DimensionColours:
    """Colour slots keyed by dimension code.  A code keeps its slot for the
    life of the document; new codes take the lowest free slot."""

    def __init__(self):
        self._slots: dict[str, int] = {}

    def assign(self, codes):
        """Give every code of ``codes`` a slot (codes seen before keep theirs;
        slots of codes no longer present are freed for newcomers)."""
        present = set(codes)
        used = {s for c, s in self._slots.items() if c in present}
        for code in codes:
            if code in self._slots and self._slots[code] in used:
                continue
            slot = 0
            while slot in used:
                slot += 1
            # a freed slot goes to the newcomer; its old owner forgets it
            for old in [c for c, s in self._slots.items() if s == slot]:
                del self._slots[old]
            self._slots[code] = slot
            used.add(slot)

    def colour(self, code: str, dark: bool = False) -> QColor:
        if code not in self._slots:
            self.assign(list(self._slots) + [code])
        return series_colour(self._slots[code], dark)


_per_document: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def dimension_colours(document) -> DimensionColours:
    """The colour slots shared by every view of ``document``, assigned in
    framework order for the root's children on first use."""
    colours = _per_document.get(document)
    if colours is None:
        colours = DimensionColours()
        fw = document.project.framework
        if fw.root is not None:
            colours.assign(fw.children(fw.root))
        _per_document[document] = colours
    return colours


@dataclass(frozen=True)
class ChartTheme:
    """Colours of a chart, read from a palette: background and text from
    the window colours, lines derived from them."""
    background: QColor
    foreground: QColor          # text, the composite's line
    surface: QColor             # the background made opaque: rims and holes of dots, outlines of bars
    muted: QColor               # axes, the base line, secondary text
    grid: QColor                # faint rings and zero lines
    panel: QColor               # legend and hover box background
    highlight: QColor           # the chosen unit in the ranking
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> "ChartTheme":
        if palette is None:
            palette = QApplication.palette()
        bg = QColor(palette.color(QPalette.Window))
        fg = QColor(palette.color(QPalette.WindowText))
        dark = bg.lightnessF() < 0.5
        panel = QColor(bg)
        panel.setAlpha(225)
        return cls(background=bg, foreground=fg, surface=QColor(bg), muted=_mix(fg, bg, 0.45),
                   grid=_mix(fg, bg, 0.8),
                   panel=panel, highlight=_for_background(QColor("#D55E00"), dark), dark=dark)

    @classmethod
    def paper(cls, transparent: bool = False) -> "ChartTheme":
        """Dark text on white (or on nothing): charts as exported, whatever
        the window's colours."""
        bg = QColor(255, 255, 255, 0 if transparent else 255)
        fg = QColor(0x20, 0x20, 0x20)
        white = QColor(255, 255, 255)
        panel = QColor(white)
        panel.setAlpha(225)
        return cls(background=bg, foreground=fg, surface=white, muted=_mix(fg, white, 0.45),
                   grid=_mix(fg, white, 0.8),
                   panel=panel, highlight=QColor("#D55E00"), dark=False)

    def colour(self, k: int) -> QColor:
        return series_colour(k, self.dark)

    def compare_colour(self, k: int) -> QColor:
        return compare_colour(k, self.dark)


def _mix(a: QColor, b: QColor, share_b: float) -> QColor:
    """``a`` moved towards ``b`` by ``share_b`` (0 = a, 1 = b)."""
    s = share_b
    return QColor.fromRgbF(a.redF() * (1 - s) + b.redF() * s, a.greenF() * (1 - s) + b.greenF() * s,
                           a.blueF() * (1 - s) + b.blueF() * s)
