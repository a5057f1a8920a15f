"""What the league table shows, apart from how it is drawn: the columns
(the index, the level right below it and, when asked, the level below
that), every unit's score and rank in each column for one period, which
scores rest on too few of their indicators, the order of the rows after a
sort, and the colour of each cell.

Used by the league table widget and by its exports alike
(:mod:`gui.charts.league_paint` draws a :class:`LeagueData`), so that the
screen and every file show the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QColor

from core.pipeline.results import MIN_COVERAGE

from gui.base.formatting import fmt, node_score_decimals
from gui.base.i18n import display_name
from gui.base.palette import unit_name

UNIT_COLUMN = -1              # the sort key of the unit names
# light to dark: a higher score is a darker cell (a sequential scale of one hue)
SCALE_STOPS = ("#eef5fb", "#c3dbef", "#7fb2dc", "#3d7fc0", "#1b4f8f", "#0c2d5c")
MISSING_CELL = QColor("#d9d9d9")
DARK_TEXT, LIGHT_TEXT = QColor("#000000"), QColor("#ffffff")     # (black: at least 4.58:1 on any colour)


@dataclass
class LeagueColumn:
    """A node shown as a column: its code, its name as shown, its level
    (0 the index, 1 a dimension, 2 a sub-dimension)."""
    code: str
    name: str
    level: int


@dataclass
class LeagueData:
    """Everything the painting routine needs; ``order`` lists the units
    (dataset indices) from the top row down."""
    title: str = ""
    unit_header: str = ""
    columns: list = field(default_factory=list)
    units: list = field(default_factory=list)
    scores: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    ranks: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    low: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=bool))
    decimals: list = field(default_factory=list)          # each column's score decimals
    order: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=int))
    sort_column: int = 0
    descending: bool = False
    chosen: int = -1
    note: str = ""
    empty: str = ""

    def cell_colour(self, unit: int, column: int) -> QColor:
        """The background of a cell: its place on the column's scale."""
        return scale_colour(column_share(self.scores[:, column], unit))

    def score_text(self, unit: int, column: int) -> str:
        """A cell's score as shown, with its column's decimals."""
        d = self.decimals[column] if column < len(self.decimals) else 2
        return fmt(self.scores[unit, column], d)

    def text_colour(self, unit: int, column: int) -> QColor:
        """Dark or white text, whichever reads better on the cell."""
        if not np.isfinite(self.scores[unit, column]):
            return DARK_TEXT
        return readable_text(self.cell_colour(unit, column))


def league_columns(framework, depth: int = 1) -> list[LeagueColumn]:
    """The index, then each dimension (level 1) followed, with ``depth`` 2,
    by its sub-dimensions (aggregates only: indicators are not columns)."""
    root = framework.root
    if root is None:
        return []
    out = [LeagueColumn(root, display_name(framework[root]), 0)]

    def walk(code, level):
        for child in framework.children(code):
            if framework[child].is_indicator:
                continue
            out.append(LeagueColumn(child, display_name(framework[child]), level))
            if level < depth:
                walk(child, level + 1)

    walk(root, 1)
    return out


def league_data(project, period: int, depth: int = 1, sort_column: int = 0, descending: bool = False,
                chosen: int = -1) -> LeagueData:
    """The scores, ranks and coverage of every unit in ``period`` (dataset
    index), the rows ordered by ``sort_column`` (see :func:`league_order`)."""
    ds = project.dataset
    columns = league_columns(project.framework, depth)
    U, C = len(ds.unit_codes), len(columns)
    data = LeagueData(columns=columns, units=[unit_name(project, u) for u in range(U)],
                      sort_column=sort_column if sort_column < C else 0, descending=descending, chosen=chosen)
    data.scores = np.full((U, C), np.nan)
    data.ranks = np.full((U, C), np.nan)
    data.low = np.zeros((U, C), dtype=bool)
    if ds.periods and U:
        engine = project.engine
        t = min(max(period, 0), len(ds.periods) - 1)
        for c, column in enumerate(columns):
            data.decimals.append(node_score_decimals(project, column.code))
            data.scores[:, c] = engine.score(column.code)[:, t]
            data.ranks[:, c] = engine.period_rank(column.code, t)
            data.low[:, c] = (engine.coverage(column.code)[:, t] < MIN_COVERAGE) & np.isfinite(data.scores[:, c])
    data.order = league_order(data.ranks, data.units, data.sort_column, descending)
    return data


def league_order(ranks: np.ndarray, names, column: int, descending: bool = False) -> np.ndarray:
    """Unit indices from the top row down: by rank in ``column`` (best
    first; ``descending`` turns it round), or by name for
    :data:`UNIT_COLUMN`.  Missing ranks come last either way; ties keep the
    dataset's order (the sort is stable)."""
    U = len(names)
    units = np.arange(U)
    if column == UNIT_COLUMN or ranks.size == 0:
        keys = [str(n).casefold() for n in names]
        # (sorted() with reverse=True is stable too: ties keep the dataset's order)
        return np.array(sorted(units.tolist(), key=lambda u: keys[u], reverse=descending), dtype=int)
    r = ranks[:, column]
    present = units[np.isfinite(r)]
    key = -r[present] if descending else r[present]
    present = present[np.argsort(key, kind="stable")]
    return np.concatenate([present, units[~np.isfinite(r)]]).astype(int)


def column_share(values: np.ndarray, unit: int) -> float:
    """Where ``values[unit]`` lies between the column's lowest (0) and
    highest (1) score; NaN when missing, 0.5 when all scores are equal."""
    v = values[unit]
    if not np.isfinite(v):
        return float("nan")
    finite = values[np.isfinite(values)]
    lo, hi = float(finite.min()), float(finite.max())
    return 0.5 if hi <= lo else (float(v) - lo) / (hi - lo)


def scale_colour(share: float) -> QColor:
    """The colour at ``share`` in [0, 1] of the sequential scale; grey when NaN."""
    if share != share:
        return QColor(MISSING_CELL)
    x = min(max(share, 0.0), 1.0) * (len(SCALE_STOPS) - 1)
    k = min(int(x), len(SCALE_STOPS) - 2)
    f = x - k
    a, b = QColor(SCALE_STOPS[k]), QColor(SCALE_STOPS[k + 1])
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * f, a.greenF() + (b.greenF() - a.greenF()) * f,
                           a.blueF() + (b.blueF() - a.blueF()) * f)


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG 2) of an sRGB colour."""
    def channel(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def readable_text(background: QColor) -> QColor:
    """Dark or white text, whichever contrasts more with ``background``
    (at least 4.5:1 on any colour)."""
    return DARK_TEXT if contrast(DARK_TEXT, background) >= contrast(LIGHT_TEXT, background) else LIGHT_TEXT
