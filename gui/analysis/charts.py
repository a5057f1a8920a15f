"""The charts of an uncertainty analysis: each unit's rank interval, and
the Sobol indices of the uncertain inputs.

Both draw the last :class:`core.analysis.summary.Summary` handed to
:meth:`show_analysis` (not the document's engine: a summary read from
the project file draws as one just computed) and say why they are
empty before a run.  Items are built once and updated with ``setData`` /
``setOpts``, as every chart (gui/charts/base.py).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from gui.base.formatting import fmt
from gui.charts.plot import PlotChart

MAX_ROWS = 60                 # units in the rank-interval chart, at most (best nominal rank first)
ROW_PIXELS = 14               # fewer rows when the chart is too low for all of this height


class AnalysisChart(PlotChart):
    """A chart of an analysis result: empty (with the reason) until one is shown."""

    about_one_unit = False

    def __init__(self, document, parent=None):
        self.analysis = None
        super().__init__(document, parent)

    def show_analysis(self, analysis):
        """Draw ``analysis`` (None: nothing, and say why)."""
        self.analysis = analysis
        self.reset_ranges()
        self.refresh()

    def empty_reason(self) -> str:
        if self.analysis is None:
            return self.tr("Run the analysis to see how far the results can move")
        return ""

    def _on_values_changed(self, cells):
        pass                    # the analysis is redrawn when it is run again, not on every edit

    def _on_settings_changed(self):
        pass


class RankIntervalChart(AnalysisChart):
    """The units sorted by their nominal rank of the index, best at the top;
    for each a line from its 5th to its 95th percentile rank over the
    replications, its nominal rank (dot) and its median rank (bar)."""

    def __init__(self, document, parent=None):
        self._rows = np.empty(0, dtype=int)        # (unit, aggregate) rows drawn: unit indices
        self._ticks = None
        super().__init__(document, parent)
        plot = self.plot_item
        plot.invertY(True)
        plot.showGrid(x=True, y=False, alpha=0.25)
        plot.getAxis("left").setStyle(tickLength=0)
        self.interval = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), left=np.zeros(0), right=np.zeros(0),
                                        beam=0.3)
        self.median = pg.ScatterPlotItem(size=11, symbol="|")
        self.nominal = pg.ScatterPlotItem(size=7, symbol="o")
        for item in (self.interval, self.median, self.nominal):
            plot.addItem(item)
        self._fitted = None
        self.view_box.sigResized.connect(self._on_resized)
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    def _apply_theme(self):
        super()._apply_theme()
        th = self.theme
        self.interval.setData(pen=pg.mkPen(th.colour(0), width=3))
        self.nominal.setPen(pg.mkPen(th.foreground))
        self.nominal.setBrush(pg.mkBrush(th.foreground))
        self.median.setPen(pg.mkPen(th.highlight, width=2))
        self.median.setBrush(pg.mkBrush(th.highlight))

    def retranslateUi(self):
        period = self._period()
        if period:
            self.set_title(self.tr("Rank intervals of the index, {0} (5th to 95th percentile)").format(period))
        else:
            self.set_title(self.tr("Rank intervals of the index (5th to 95th percentile)"))
        self.set_legend([(self.interval, self.tr("5th–95th percentile rank"), ""),
                         (self.nominal, self.tr("nominal rank"), ""),
                         (self.median, self.tr("median rank"), "")])
        self.plot_item.setLabel("bottom", self.tr("rank (1 = best)"))

    def _period(self) -> str:
        """The analysed period ('' before a run or without periods)."""
        if self.analysis is None:
            return ""
        p = self.analysis.period
        return "" if p is None else str(p)

    def show_analysis(self, analysis):
        super().show_analysis(analysis)
        self.retranslateUi()

    def rows(self) -> np.ndarray:
        """Unit indices drawn, top to bottom."""
        return self._rows.copy()

    def room(self) -> int:
        """How many units fit: up to :data:`MAX_ROWS`, one per ROW_PIXELS."""
        height = self.view_box.height()
        return MAX_ROWS if height < 40 else max(5, min(MAX_ROWS, int(height // ROW_PIXELS)))

    def _on_resized(self, *_):
        if self.analysis is not None and self.room() != self._fitted:
            self.refresh()

    def refresh(self):
        a = self.analysis
        if a is None:
            self._set(np.empty(0, dtype=int), np.zeros((5, 0)), 1)
            return
        j = a.aggregates.index(a.root)
        st = a.statistics
        nominal = st.nominal_rank[j]
        ok = np.flatnonzero(np.isfinite(nominal))
        self._fitted = self.room()
        order = ok[np.lexsort((ok, nominal[ok]))][:self._fitted]
        values = np.vstack([nominal, st.median_rank[j], st.p05_rank[j], st.p95_rank[j], st.mean_rank[j]])[:, order]
        self._set(order, values, len(a.units))
        self.set_note(self.tr("Best {0} of {1} units").format(len(order), len(ok)) if len(ok) > len(order) else
                      self.tr("{0} replications").format(f"{a.replications:,}"))

    def _set(self, order, values, n_units):
        self._rows = order
        self._values = values
        m = len(order)
        y = np.arange(m, dtype=float)
        nominal, median, lo, hi = values[0], values[1], values[2], values[3]
        self.interval.setData(x=lo, y=y, left=np.zeros(m), right=hi - lo)
        self.nominal.setData(x=nominal, y=y)
        self.median.setData(x=median, y=y)
        ticks = [(float(k), self._unit_label(int(u))) for k, u in enumerate(order)]
        if ticks != self._ticks:
            self._ticks = ticks
            self.plot_item.getAxis("left").setTicks([ticks, []])
            self.view_box.setYRange(-0.6, max(m, 1) - 0.4, padding=0)
        top = float(np.nanmax(hi)) if m else float(n_units)
        self.view_box.setXRange(0.5, max(top, 2.0) + 0.5, padding=0.02)

    def _unit_label(self, u: int) -> str:
        """The name of the analysis's unit ``u`` (by code in the document's project, which may have changed)."""
        units = self.analysis.units
        codes = list(self.project.dataset.unit_codes)
        return self.unit_name(codes.index(units[u])) if units[u] in codes else units[u]

    def hover_at(self, x, y, px, py):
        k = int(round(y))
        if not 0 <= k < len(self._rows) or abs(y - k) > 0.4:
            return None
        nominal, median, lo, hi, mean = (float(v) for v in self._values[:, k])
        if not lo - 6 * px <= x <= hi + 6 * px:
            return None
        text = "{0}\n".format(self._unit_label(int(self._rows[k]))) + self.tr(
            "nominal rank {0}, median {1}, mean {2}\n5th–95th percentile: {3}–{4}").format(
            fmt(nominal, 0), fmt(median, 1), fmt(mean, 1), fmt(lo, 1), fmt(hi, 1))
        return text, x, float(k)


class SobolChart(AnalysisChart):
    """The first-order (S1) and total-order (ST) Sobol indices of each
    uncertain input, as bars with their 95% intervals."""

    WIDTH = 0.36

    def __init__(self, document, parent=None):
        self._names: list[str] = []
        super().__init__(document, parent)
        plot = self.plot_item
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.first = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=self.WIDTH)
        self.total = pg.BarGraphItem(x=np.zeros(0), height=np.zeros(0), width=self.WIDTH)
        self.first_ci = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), height=np.zeros(0), beam=0.12)
        self.total_ci = pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0), height=np.zeros(0), beam=0.12)
        for item in (self.first, self.total, self.first_ci, self.total_ci):
            plot.addItem(item)
        self._apply_theme()
        self.retranslateUi()
        self.refresh()

    def _apply_theme(self):
        super()._apply_theme()
        th = self.theme
        self.first.setOpts(brush=pg.mkBrush(th.colour(0)), pen=pg.mkPen(None))
        self.total.setOpts(brush=pg.mkBrush(th.colour(1)), pen=pg.mkPen(None))
        for ci in (self.first_ci, self.total_ci):
            ci.setData(pen=pg.mkPen(th.foreground, width=1.5))

    def retranslateUi(self):
        self.set_title(self.tr("Sobol indices: what moves the ranks most"))
        self.set_legend([(self.first, self.tr("first order (S1)"), ""),
                         (self.total, self.tr("total order (ST)"), "")])
        self.plot_item.setLabel("left", self.tr("share of the variance"))
        self._set_ticks()

    def input_label(self, name: str) -> str:
        """An uncertain input's name for people."""
        if name.startswith("weights_level_"):
            return self.tr("Weights, level {0}").format(name.rsplit("_", 1)[1])
        return {"normalisation": self.tr("Normalisation"), "aggregation": self.tr("Aggregation"),
                "imputation": self.tr("Imputation"), "treatment": self.tr("Outlier treatment"),
                "left_out": self.tr("Indicator left out")}.get(name, name)

    def empty_reason(self) -> str:
        if self.analysis is not None and not self.analysis.sobol:
            return self.tr("Tick 'Sensitivity (Sobol indices)' and run again to see which input matters most")
        return super().empty_reason()

    def values(self) -> np.ndarray:
        """(4, inputs): S1, S1_conf, ST, ST_conf (NaN where undefined)."""
        rows = (self.analysis.sobol or []) if self.analysis is not None else []
        return np.array([[np.nan if r[k] is None else r[k] for r in rows]
                         for k in ("S1", "S1_conf", "ST", "ST_conf")], dtype=float).reshape(4, len(rows))

    def refresh(self):
        rows = (self.analysis.sobol or []) if self.analysis is not None else []
        self._names = [r["input"] for r in rows]
        v = np.nan_to_num(self.values())
        x = np.arange(len(rows), dtype=float)
        w = self.WIDTH / 2
        self.first.setOpts(x=x - w, height=v[0], width=self.WIDTH)
        self.total.setOpts(x=x + w, height=v[2], width=self.WIDTH)
        self.first_ci.setData(x=x - w, y=v[0], height=2 * v[1])
        self.total_ci.setData(x=x + w, y=v[2], height=2 * v[3])
        self._set_ticks()
        top = float(np.max(v[[0, 2]] + v[[1, 3]])) if len(rows) else 1.0
        self.view_box.setXRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
        self.view_box.setYRange(min(0.0, float(np.min(v[[0, 2]] - v[[1, 3]], initial=0.0))), max(1.0, top),
                                padding=0.04)

    def _set_ticks(self):
        ticks = [(float(k), self.input_label(n)) for k, n in enumerate(self._names)]
        self.plot_item.getAxis("bottom").setTicks([ticks, []])

    def hover_at(self, x, y, px, py):
        k = int(round(x))
        if not 0 <= k < len(self._names):
            return None
        s1, c1, st, ct = self.values()[:, k]
        text = "{0}\nS1 = {1} ± {2}\nST = {3} ± {4}".format(self.input_label(self._names[k]), fmt(s1, 3),
                                                             fmt(c1, 3), fmt(st, 3), fmt(ct, 3))
        return text, x, y
