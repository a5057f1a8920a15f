"""The computation pipeline: raw data -> normalised indicators -> every
aggregate, with ranks, growth and contributions on demand.

:class:`Engine` keeps every score in one array ``scores[node, unit, period]``
(indicators first, then aggregates bottom-up) and recomputes incrementally:
an edit to one value renormalises that indicator and re-aggregates only its
ancestors, over only the units and periods the edit can reach.
"""
from __future__ import annotations

import numpy as np

from . import aggregate as agg
from . import analysis
from .dataset import Dataset
from .errors import ComputeError, SettingsError, describe_place
from .framework import Framework
from .normalise import METHODS, NormContext
from .settings import Settings


class Engine:
    def __init__(self, framework: Framework, dataset: Dataset, settings: Settings):
        if list(dataset.codes) != list(framework.indicator_codes):
            raise ValueError("dataset columns must follow the framework's indicators")
        self.framework = framework
        self.dataset = dataset
        self.settings = settings
        self.codes = framework.node_order
        self.index = framework.index_of
        self.n_ind = len(framework.indicator_codes)
        self.p = agg.power_of(settings.aggregation, settings.power)
        self._plan()
        U, T = len(dataset.unit_codes), len(dataset.periods)
        self.scores = np.full((len(self.codes), U, T), np.nan)
        self._norm_warnings: dict[str, list] = {}
        self._rank_cache: dict[int, np.ndarray] = {}
        self._warn_cache = None
        self.run()

    # ---- set-up ------------------------------------------------------------
    def _plan(self):
        fw, ds, st = self.framework, self.dataset, self.settings
        for key, by in (("normalisation", st.normalisation_by), ("base_year", st.base_year_by)):
            for code in by:
                if code not in fw or not fw[code].is_indicator:
                    raise SettingsError(f"setting {key}.{code}: '{code}' is not an indicator of the framework; "
                                        f"valid codes: {', '.join(fw.indicator_codes)}", valid=fw.indicator_codes,
                                        code=code)
        equal = st.weighting == "equal"
        self.children = {}
        self.weights = {}
        for code in fw.aggregate_codes:
            kids = fw.children(code)
            self.children[code] = np.array([self.index[k] for k in kids], dtype=int)
            self.weights[code] = np.array([1.0 if equal else fw[k].weight for k in kids])
        self.parents = {c: fw.ancestors(c) for c in fw.indicator_codes}
        self.direction = np.array([fw[c].direction for c in fw.indicator_codes], dtype=float)
        self.method = [st.method_for(c, fw[c].params) for c in fw.indicator_codes]
        self.base_index = np.array([self._base_index(c) if m == "fixed_base" else 0
                                    for c, m in zip(fw.indicator_codes, self.method)], dtype=int)
        groups: dict[tuple, list] = {}
        for i, m in enumerate(self.method):
            groups.setdefault((m, int(self.base_index[i])), []).append(i)
        self.groups = {k: np.array(v, dtype=int) for k, v in groups.items()}
        self.growth_base = self._period_index(st.base_year, "base_year") if st.base_year is not None else 0

    def _period_index(self, period, what, code=None):
        periods = self.dataset.periods
        if period in self.dataset.period_index:
            return self.dataset.period_index[period]
        listed = ", ".join(str(p) for p in periods)
        owner = f" of indicator '{code}'" if code else ""
        raise ComputeError(f"{what}{owner} is {period}, which is not a period of the data ({listed})",
                           code=code, period=period)

    def _base_index(self, code):
        st = self.settings
        if code in st.base_year_by:
            return self._period_index(st.base_year_by[code], "base_year", code)
        own = self.framework[code].params.get("BaseYear")
        if own is not None and str(own).strip() != "":
            try:
                own = int(float(own))
            except (TypeError, ValueError):
                pass
            return self._period_index(own, "the BaseYear column", code)
        if st.base_year is not None:
            return self._period_index(st.base_year, "base_year")
        return 0

    # ---- computation ---------------------------------------------------------
    def _normalise(self, cols):
        """Normalise the indicators ``cols`` (dataset column indices) into
        ``scores``; returns nothing, raises ComputeError on unusable values."""
        ds, fw = self.dataset, self.framework
        for (method, _), members in self.groups.items():
            sel = members if cols is None else np.intersect1d(members, cols)
            if sel.size == 0:
                continue
            codes = [fw.indicator_codes[i] for i in sel]
            ctx = NormContext(self.settings, ds.periods, ds.unit_codes, codes,
                              [fw[c].params for c in codes], self.base_index[sel])
            X = ds.values[:, :, sel]
            Y = METHODS[method](X, self.direction[sel], ctx)
            self.scores[sel] = np.moveaxis(Y, 2, 0)
            for c in codes:
                self._norm_warnings.pop(c, None)
            for w in ctx.warnings:
                self._norm_warnings.setdefault(w["code"], []).append(w)

    def _aggregate(self, codes, units=slice(None), periods=slice(None)):
        for code in codes:
            kids = self.children[code]
            X = self.scores[kids][:, units, periods]
            agg.check_domain(X, self.p, lambda idx, v, c=code, u=units, t=periods: self._locate(c, kids, idx, v, u, t))
            self.scores[self.index[code], units, periods] = agg.weighted_mean(X, self.weights[code], self.p)[0]

    def _locate(self, code, kids, idx, value, units, periods):
        ds = self.dataset
        unit = np.arange(len(ds.unit_codes))[units][idx[1]]
        period = np.arange(len(ds.periods))[periods][idx[2]]
        child = self.codes[kids[idx[0]]]
        return (f"{self.settings.aggregation} mean of '{code}': child '{child}' is {value:g} for "
                f"{describe_place(ds.unit_codes[unit], ds.periods[period])}; this mean needs "
                f"{'positive' if self.p <= 0 else 'non-negative'} values "
                "(use min-max to a range above zero, e.g. minmax_range=1,100)")

    def run(self):
        """Full recomputation."""
        self._norm_warnings.clear()
        self._normalise(None)
        self._aggregate(self.framework.aggregate_codes)
        self._rank_cache.clear()
        self._warn_cache = None

    def update(self, cells):
        """Recompute after raw values changed at ``cells`` [(u, t, i), ...]
        (dataset indices).  Only the affected indicators, their ancestors and
        the reachable units / periods are recomputed."""
        if not cells:
            return
        cols = sorted({i for _, _, i in cells})
        self._normalise(np.array(cols, dtype=int))
        units, periods = set(), set()
        full_units = full_periods = False
        for u, t, i in cells:
            m = self.method[i]
            if m == "fixed_base":
                units.add(u)
                full_periods = True
            elif m == "goalposts" or m == "none":
                units.add(u)
                periods.add(t)
            elif self.settings.pooled:
                full_units = full_periods = True
            else:
                full_units = True
                periods.add(t)
        U, T = self.scores.shape[1:]
        us = np.arange(U) if full_units else np.array(sorted(units))
        ts = np.arange(T) if full_periods else np.array(sorted(periods))
        anc = set()
        for i in cols:
            anc.update(self.parents[self.framework.indicator_codes[i]])
        order = [c for c in self.framework.aggregate_codes if c in anc]
        if full_units and full_periods:
            self._aggregate(order)
        else:
            # fancy indexing touches only the reachable units and periods
            for code in order:
                kids = self.children[code]
                X = self.scores[np.ix_(kids, us, ts)]
                agg.check_domain(X, self.p, lambda idx, v, c=code, k=kids: self._locate(c, k, idx, v, us, ts))
                self.scores[np.ix_([self.index[code]], us, ts)] = agg.weighted_mean(X, self.weights[code], self.p)[0][None]
        for c in [self.framework.indicator_codes[i] for i in cols] + order:
            self._rank_cache.pop(self.index[c], None)
        self._warn_cache = None

    # ---- results --------------------------------------------------------------
    def score(self, code) -> np.ndarray:
        """(units, periods) scores of a node (normalised value for an indicator)."""
        return self.scores[self.index[code]]

    def rank(self, code) -> np.ndarray:
        k = self.index[code]
        if k not in self._rank_cache:
            self._rank_cache[k] = analysis.ranks(self.scores[k][None])[0]
        return self._rank_cache[k]

    def all_ranks(self) -> np.ndarray:
        missing = [k for k in range(len(self.codes)) if k not in self._rank_cache]
        if missing:
            r = analysis.ranks(self.scores[missing])
            for j, k in enumerate(missing):
                self._rank_cache[k] = r[j]
        return np.stack([self._rank_cache[k] for k in range(len(self.codes))])

    def years_between(self, t0, t1) -> float:
        p = self.dataset.periods
        if isinstance(p[t0], int) and isinstance(p[t1], int):
            return float(p[t1] - p[t0])
        return float(t1 - t0)

    def change_since_base(self, code) -> np.ndarray:
        s = self.score(code)
        return analysis.pct_change(s, s[:, self.growth_base:self.growth_base + 1])

    def yoy(self, code) -> np.ndarray:
        s = self.score(code)
        out = np.full(s.shape, np.nan)
        out[:, 1:] = analysis.pct_change(s[:, 1:], s[:, :-1])
        return out

    def growth(self, code, t0=0, t1=-1):
        """(change %, CAGR %) of every unit between two period indices."""
        T = len(self.dataset.periods)
        t0, t1 = t0 % T, t1 % T
        s = self.score(code)
        return (analysis.pct_change(s[:, t1], s[:, t0]),
                analysis.cagr(s[:, t1], s[:, t0], self.years_between(t0, t1)))

    def contributions(self, parent, t0=0, t1=-1):
        """(children codes, points (k, units), share % (k, units))."""
        T = len(self.dataset.periods)
        t0, t1 = t0 % T, t1 % T
        kids = self.children[parent]
        S = self.scores
        pts, share = analysis.contributions(S[kids, :, t0], S[kids, :, t1], self.weights[parent],
                                            S[self.index[parent], :, t0], S[self.index[parent], :, t1], self.p)
        return [self.codes[k] for k in kids], pts, share

    @property
    def warnings(self) -> list:
        if self._warn_cache is None:
            out = [w for ws in self._norm_warnings.values() for w in ws]
            ds = self.dataset
            for code in self.framework.aggregate_codes:
                X = self.scores[self.children[code]]
                nan = np.isnan(X)
                partial = nan.any(axis=0) & ~nan.all(axis=0)
                n = int(partial.sum())
                if n:
                    out.append({"kind": "skipped", "code": code, "unit": None, "period": None,
                                "message": f"'{code}': {n} of {partial.size} unit-periods have missing children; "
                                           "weights were renormalised over the children present"})
                empty = nan.all(axis=0) & ~np.isnan(ds.values).all(axis=2)
                if empty.any():
                    u, t = (int(v[0]) for v in np.nonzero(empty))
                    out.append({"kind": "missing", "code": code, "unit": ds.unit_codes[u], "period": ds.periods[t],
                                "message": f"'{code}' is missing for {int(empty.sum())} unit-periods "
                                           f"(first: {describe_place(ds.unit_codes[u], ds.periods[t])}): "
                                           "all its children are missing"})
            self._warn_cache = out
        return list(self._warn_cache)

