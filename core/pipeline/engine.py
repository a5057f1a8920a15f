"""The computation pipeline: raw data -> normalised indicators -> every
aggregate, with ranks, growth and contributions on demand.

:class:`Engine` keeps every score in one array ``scores[node, unit, period]``
(indicators first, then aggregates bottom-up) and recomputes incrementally:
an edit to one value renormalises that indicator and re-aggregates only its
ancestors, over only the units and periods the edit can reach.  A full
recomputation reads the (treated) values made once and kept up to date by
the edits (:mod:`core.pipeline.rawvalues`), and works through the scores in
pieces that stay in cache (:mod:`core.pipeline.blocks`), so its time grows
with the data, not faster.
"""
from __future__ import annotations

import numpy as np

from core.methods import aggregate as agg
from core.pipeline import baseperiod, blocks, results as analysis, weights as weighting
from core.pipeline.ranks import rank_nodes
from core.pipeline.rawvalues import ValueCache
from core.pipeline.domain import domain_message
from core.pipeline.finite import check_finite
from core.pipeline.zeroweights import zero_weight_warnings
from core.model.dataset import Dataset
from core.errors import SettingsError, describe_place
from core.model.framework import Framework
from core.methods.normalise import NormContext
from core.methods.registry import AGGREGATIONS, NORMALISATIONS, PERIOD, UNIT
from core.model.settings import Settings
from core.model.usability import check_aggregation, check_normalisations
from core.text import tr


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
        self.p = AGGREGATIONS[settings.aggregation].power_for(settings)
        self.prepared = None            # what the treatment step did (None: it had nothing to do)
        self._plan()
        U, T = len(dataset.unit_codes), len(dataset.periods)
        self.scores = np.full((len(self.codes), U, T), np.nan)
        self._norm_warnings: dict[str, list] = {}
        self._rank_cache: dict[int, np.ndarray] = {}
        self._warn_cache = None
        self._values = ValueCache()     # the (treated) values normalisation reads, kept between runs
        self.run()

    # ---- set-up ------------------------------------------------------------
    def _plan(self):
        fw, st = self.framework, self.settings
        for key, by in (("normalisation", st.normalisation_by), ("base_year", st.base_year_by)):
            for code in by:
                if code not in fw or not fw[code].is_indicator:
                    raise SettingsError(tr("setting {key}.{code}: '{code}' is not an indicator of the framework; "
                                           "valid codes: {valid}", key=key, code=code,
                                           valid=", ".join(fw.indicator_codes)), valid=fw.indicator_codes, code=code)
        weighting.check_targets(st, fw)
        self.children = {}
        self.weights = {}
        self._weight_warnings, self.weight_details = {}, {}
        for code in fw.aggregate_codes:
            kids = fw.children(code)
            self.children[code] = np.array([self.index[k] for k in kids], dtype=int)
            self._weigh(code)
        self._plan_aggregation()
        self.parents = {c: fw.ancestors(c) for c in fw.indicator_codes}
        self.direction = np.array([fw[c].direction for c in fw.indicator_codes], dtype=float)
        self.method = [st.method_for(c, fw[c].params) for c in fw.indicator_codes]
        check_normalisations(fw, self.dataset, st, self.method)
        check_aggregation(fw, self.dataset, st)
        self.default_base, self.no_base = self._default_base()
        self.base_index = np.array([self._base_index(c) if NORMALISATIONS[m].needs_base_year else 0
                                    for c, m in zip(fw.indicator_codes, self.method)], dtype=int)
        groups: dict[tuple, list] = {}
        for i, m in enumerate(self.method):
            groups.setdefault((m, int(self.base_index[i])), []).append(i)
        # a group of consecutive indicators is addressed by a slice (a view, no copy)
        self.groups = {k: _as_slice(v) for k, v in groups.items()}
        self.children = {c: _as_slice(v) for c, v in self.children.items()}
        self.growth_base = (self._period_index(st.base_year, "base_year") if st.base_year is not None
                            else self.default_base)
        # the indicators (dataset columns) under every node, for coverage
        under = {c: [i] for i, c in enumerate(fw.indicator_codes)}
        for code in fw.aggregate_codes:                 # bottom-up: children before parents
            under[code] = [i for k in fw.children(code) for i in under[k]]
        self.indicators_under = {c: np.array(v, dtype=int) for c, v in under.items()}

    def _plan_aggregation(self):
        """The aggregation of every aggregate (``aggregation.CODE``, Meta
        ``Aggregation``, ``aggregation.level.N``, the project's) and its power."""
        fw, st = self.framework, self.settings
        for code in st.aggregation_by:
            if code not in fw or fw[code].is_indicator:
                raise SettingsError(tr("setting aggregation.{code}: '{code}' is not an aggregate of the framework; "
                                       "valid codes: {valid}", code=code, valid=", ".join(fw.aggregate_codes)),
                                    valid=fw.aggregate_codes, code=code)
        self.aggregation = {c: st.aggregation_for(c, fw.level[c], fw[c].params) for c in fw.aggregate_codes}
        self.p_by = {c: AGGREGATIONS[m].power_for(st) for c, m in self.aggregation.items()}

    def _weigh(self, code, X=None):
        """Set the weights of the children of ``code`` (the weights step)."""
        kids = self.framework.children(code)
        w, warns, details = weighting.weigh(self.settings, code, kids, [self.framework[k].weight for k in kids], X,
                                            self.framework.level[code])
        self.weights[code] = w
        self._weight_warnings[code] = warns
        self.weight_details[code] = details

    @property
    def recomputes_whole(self) -> bool:
        """Whether an edit must redo everything: weights derived from the
        scores, or an aggregation that compares the units."""
        return weighting.reads_scores(self.settings) or any(AGGREGATIONS[m].combine is not None
                                                              for m in self.aggregation.values())

    def node_weights(self) -> dict:
        """code -> the weight used for every node in its parent (after any
        weighting method), as a share of its siblings' weights."""
        return weighting.by_node(self.framework, self.weights)

    def _default_base(self):
        """(the default base period's index, codes without a base value there):
        :func:`core.pipeline.baseperiod.default_base`."""
        return baseperiod.default_base(self.framework, self.dataset, self.settings, self.method)

    def default_base_changed(self) -> bool:
        """Whether the data now give another default base period."""
        return self.settings.base_year is None and self._default_base()[0] != self.default_base

    def _period_index(self, period, what, code=None):
        return baseperiod.period_index(self.dataset, period, what, code)

    def _base_index(self, code):
        return baseperiod.base_index(self.framework, self.dataset, self.settings, code, self.default_base)

    # ---- computation ---------------------------------------------------------
    def _normalise(self, cols=None, units=None, periods=None) -> list:
        """Normalise the indicators ``cols`` (dataset column indices; all if
        None) into ``scores``, over all units and periods or only the given
        ``units`` / ``periods`` index arrays where the method allows it.
        Over all units and periods a method gets a few indicators at a time
        (:func:`core.pipeline.blocks.indicator_pieces`).  Raises ComputeError
        on unusable values before writing anything of the failing piece.
        Returns the positions of the indicators (over all units and periods)
        with an infinite normalised value."""
        inf_rows = []
        U, T = self.scores.shape[1:]
        uu = slice(None) if units is None else units
        tt = slice(None) if periods is None else periods
        labels = (_pick(self.dataset.periods, tt), _pick(self.dataset.unit_codes, uu))
        whole = units is None and periods is None
        for (method, _), members in self.groups.items():
            sel = members if cols is None else np.intersect1d(_indices(members), cols)
            if np.size(_indices(sel)) == 0:
                continue
            for piece in blocks.indicator_pieces(sel, U * T * self.scores.itemsize) if whole else [sel]:
                self._normalise_piece(method, piece, uu, tt, labels, inf_rows)
        return inf_rows

    def _normalise_piece(self, method, sel, uu, tt, labels, inf_rows):
        """Normalise the indicators ``sel`` over the units ``uu`` and periods
        ``tt`` (slices or index arrays; ``labels`` their (periods, unit
        codes)); a piece over all units and periods whose result is infinite
        somewhere adds its rows to ``inf_rows``."""
        ds, fw = self.dataset, self.framework
        idx = _indices(sel)
        codes = [fw.indicator_codes[i] for i in idx]
        X = self._raw[sel]
        if not (isinstance(uu, slice) and isinstance(tt, slice)):
            X = X[:, uu][:, :, tt]
        ctx = NormContext(self.settings, labels[0], labels[1], codes, [self.params_of(c) for c in codes],
                          self.base_index[idx])
        if isinstance(sel, slice) and isinstance(uu, slice) and isinstance(tt, slice):
            target = self.scores[sel]
            Y = NORMALISATIONS[method].function(X, self.direction[sel], ctx, out=target)
            if Y is not target:             # methods without an in-place path
                target[...] = Y
            inf = np.isinf(target)          # (the piece is still in cache)
            if inf.any():
                inf_rows.extend(int(i) for i in idx[inf.any(axis=(1, 2))])
        else:
            Y = NORMALISATIONS[method].function(X, self.direction[idx], ctx)
            self.scores[np.ix_(idx, _arr(uu, X.shape[1]), _arr(tt, X.shape[2]))] = Y
        # replace the warnings of what was recomputed: all of an indicator's,
        # or those of the recomputed periods
        redone = None if isinstance(tt, slice) else {ds.periods[k] for k in tt}
        for c in codes:
            if redone is None:
                self._norm_warnings.pop(c, None)
            elif c in self._norm_warnings:
                self._norm_warnings[c] = [w for w in self._norm_warnings[c] if w.get("period") not in redone]
        for w in ctx.warnings:
            self._norm_warnings.setdefault(w["code"], []).append(w)

    def _aggregate(self, codes, units=None, periods=None):
        """Aggregate ``codes`` bottom-up, over all units and periods (a
        generalised mean a block of units at a time) or only the given index
        arrays."""
        whole = units is None and periods is None
        U, T = self.scores.shape[1:]
        for code in codes:
            kids, p = self.children[code], self.p_by[code]
            combine = AGGREGATIONS[self.aggregation[code]].combine

            def locate(idx, v, c=code, k=kids):
                return self._locate(c, k, idx, v, units, periods)
            if whole and weighting.reads_scores(self.settings):
                self._weigh(code, self.scores[kids])
            if whole and combine is None:
                check = lambda k=kids, q=p, f=locate, c=code: agg.check_domain(self.scores[k], q, f, node=c)  # noqa: E731
                blocks.mean_by_units(self.scores, kids, self.weights[code], p, self.scores[self.index[code]], check)
                continue
            X = self.scores[kids] if whole else self.scores[np.ix_(_indices(kids), _arr(units, U), _arr(periods, T))]
            agg.check_domain(X, p, locate, node=code)
            if combine is not None:
                value = combine(X, self.weights[code], self.settings)
            else:
                value = agg.weighted_mean(X, self.weights[code], p)[0]
            if whole:
                self.scores[self.index[code]] = value
            else:
                self.scores[np.ix_([self.index[code]], _arr(units, U), _arr(periods, T))] = value[None]

    def _locate(self, code, kids, idx, value, units, periods):
        """The message of a score the mean of ``code`` cannot take (see
        :func:`core.pipeline.domain.domain_message`)."""
        ds = self.dataset
        unit = int(_arr(units, len(ds.unit_codes))[idx[1]])
        period = int(_arr(periods, len(ds.periods))[idx[2]])
        return domain_message(self, code, self.codes[_indices(kids)[idx[0]]], unit, period, value)

    def run(self, reread: bool = False):
        """Full recomputation.  The (treated) values normalisation reads are
        made once and kept between runs (:mod:`core.pipeline.rawvalues`);
        :meth:`update` keeps them current.  ``reread``: read the dataset
        again, after values were written into it without :meth:`update`."""
        if reread:
            self._values.invalidate()
        self.prepared, self._raw = self._values.get(self.framework, self.dataset, self.settings)
        self._norm_warnings.clear()
        inf_rows = self._normalise()
        self._aggregate(self.framework.aggregate_codes)
        self._rank_cache.clear()
        self._warn_cache = None
        check_finite(self, inf_rows)              # the indicators normalised to an infinity, every aggregate

    def update(self, cells):
        """Recompute after raw values changed at ``cells`` [(u, t, i), ...]
        (dataset indices).  Only the affected indicators, their ancestors and
        the reachable units / periods are recomputed."""
        if not cells:
            return
        if self.prepared is not None:
            self._values.invalidate()             # treatment reads whole indicators: treat them again
        else:
            self._values.patch(cells, self.dataset.values)
        if self.prepared is not None or self.default_base_changed():
            # treatment, or the default base period moved: redo everything
            self._plan()
            self.run()
            return
        if self.recomputes_whole:               # weights from the scores, or units compared with each other
            self.run()
            return
        cols = np.array(sorted({i for _, _, i in cells}), dtype=int)
        units, periods = set(), set()
        full_units = full_periods = False
        scope = [NORMALISATIONS[m].scope for m in self.method]
        for u, t, i in cells:
            if scope[i] == PERIOD:              # statistics of a period (of all periods when pooled)
                if self.settings.pooled:
                    full_units = full_periods = True
                else:
                    full_units = True
                    periods.add(t)
            elif scope[i] == UNIT:              # the unit across its periods (e.g. a base period)
                units.add(u)
                full_periods = True
            else:                               # the cell alone
                units.add(u)
                periods.add(t)
        us = None if full_units else np.array(sorted(units))
        ts = None if full_periods else np.array(sorted(periods))
        # normalise: per-period methods over the reachable periods, per-unit
        # methods over the reachable units (fixed-base needs every period)
        # (methods whose warnings summarise a whole indicator are redone whole)
        whole = {i for i in cols if NORMALISATIONS[self.method[i]].summary_warnings}
        per_period = np.array([i for i in cols if scope[i] == PERIOD and i not in whole], dtype=int)
        per_unit = np.array([i for i in cols if scope[i] != PERIOD and i not in whole], dtype=int)
        if whole:
            self._normalise(np.array(sorted(whole), dtype=int))
        if per_period.size:
            self._normalise(per_period, None, None if self.settings.pooled else ts)
        if per_unit.size:
            self._normalise(per_unit, np.array(sorted(units)), None)
        anc = set()
        for i in cols:
            anc.update(self.parents[self.framework.indicator_codes[i]])
        order = [c for c in self.framework.aggregate_codes if c in anc]
        self._aggregate(order, us, ts)
        for c in [self.framework.indicator_codes[i] for i in cols] + order:
            self._rank_cache.pop(self.index[c], None)
        self._warn_cache = None
        check_finite(self, cols, order)           # only what the edit recomputed

    def params_of(self, code) -> dict:
        """An indicator's Meta params as normalisation reads them: goalposts
        and target moved by its Transform."""
        if self.prepared is not None:
            return self.prepared.params[self.framework.indicator_codes.index(code)]
        return self.framework[code].params

    # ---- results --------------------------------------------------------------
    def score(self, code) -> np.ndarray:
        """(units, periods) scores of a node (normalised value for an indicator)."""
        return self.scores[self.index[code]]

    def present(self, code) -> np.ndarray:
        """(units, periods) number of the indicators under ``code`` (itself
        for an indicator) that have a value."""
        return np.isfinite(self.scores[self.indicators_under[code]]).sum(axis=0)

    def coverage(self, code) -> np.ndarray:
        """(units, periods) share in [0, 1] of the indicators under ``code``
        that have a value: the composite averages whatever is present, so a
        score made of fewer indicators reads like a complete one without it."""
        return self.present(code) / float(self.indicators_under[code].size)

    def rank(self, code) -> np.ndarray:
        k = self.index[code]
        if k not in self._rank_cache:
            self._rank_cache[k] = analysis.ranks(self.scores[k][None])[0]
        return self._rank_cache[k]

    def all_ranks(self) -> np.ndarray:
        """(nodes, units, periods) ranks of every node, in one pass over the
        nodes not ranked since their last change (:mod:`core.pipeline.ranks`)."""
        out = np.empty(self.scores.shape)
        missing = [k for k in range(len(self.codes)) if k not in self._rank_cache]
        for k, r in self._rank_cache.items():
            out[k] = r
        rank_nodes(self.scores, missing, out)
        for k in missing:
            self._rank_cache[k] = out[k]
        return out

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

    def contributions(self, parent, t0=0, t1=-1, present_only=False):
        """(children codes, points (k, units), share % (k, units)).  With
        ``present_only`` a child missing in either period has no
        contribution (NaN) rather than its weight leaving the mean."""
        T = len(self.dataset.periods)
        t0, t1 = t0 % T, t1 % T
        kids = self.children[parent]
        S = self.scores
        pts, share = analysis.contributions(S[kids, :, t0], S[kids, :, t1], self.weights[parent],
                                            S[self.index[parent], :, t0], S[self.index[parent], :, t1],
                                            self.p_by[parent],
                                            present_only)
        return [self.codes[k] for k in _indices(kids)], pts, share

    def unit_contributions(self, parent, unit: int, t0: int = 0, present_only=False):
        """Contribution (points) of each child of ``parent`` to its change
        from period ``t0`` to every period, for one unit: (children codes,
        points (k, periods), the parent's change (periods,)).  With
        ``present_only`` a child missing in ``t0`` or in t has no contribution
        (NaN) there.  The arithmetic
        of :meth:`contributions` ``(parent, t0, t)`` for every t at once."""
        kids = self.children[parent]
        S = self.scores
        child = S[kids, unit, :]
        par = S[self.index[parent], unit, :]
        start = np.repeat(child[:, t0:t0 + 1], child.shape[1], axis=1)
        points, _ = analysis.contributions(start, child, self.weights[parent], np.full(par.shape, par[t0]), par,
                                           self.p_by[parent], present_only)
        return [self.codes[k] for k in _indices(kids)], points, par - par[t0]

    def period_rank(self, code, period: int) -> np.ndarray:
        """(units,) ranks of a node at one period, by the rule of :meth:`rank`
        (without ranking the other periods)."""
        k = self.index[code]
        if k in self._rank_cache:
            return self._rank_cache[k][:, period]
        return analysis.ranks(self.scores[k][None, :, period:period + 1])[0][:, 0]

    @property
    def warnings(self) -> list:
        if self._warn_cache is None:
            out = [w for ws in self._norm_warnings.values() for w in ws]
            if self.prepared is not None:
                out += self.prepared.warnings
            out += [w for ws in self._weight_warnings.values() for w in ws]
            ds = self.dataset
            if self.settings.base_year is None and self.no_base and len(ds.periods) > 1:
                out.append({"kind": "base_year", "code": None, "unit": None,
                            "period": ds.periods[self.default_base], "codes": list(self.no_base),
                            "message": tr("base period {period} (the first with the most indicators): no base "
                                          "value for {codes}; set base_year to choose another",
                                          period=ds.periods[self.default_base], codes=", ".join(self.no_base))})
            for code in self.framework.aggregate_codes:
                X = self.scores[self.children[code]]
                nan = np.isnan(X)
                partial = nan.any(axis=0) & ~nan.all(axis=0)
                n = int(partial.sum())
                if n:
                    out.append({"kind": "skipped", "code": code, "unit": None, "period": None,
                                "message": tr("'{code}': {n} of {total} unit-periods have missing children; weights "
                                              "were renormalised over the children present", code=code, n=n,
                                              total=partial.size)})
                empty = nan.all(axis=0) & ~np.isnan(ds.values).all(axis=2)
                if empty.any():
                    u, t = (int(v[0]) for v in np.nonzero(empty))
                    out.append({"kind": "missing", "code": code, "unit": ds.unit_codes[u], "period": ds.periods[t],
                                "message": tr("'{code}' is missing for {n} unit-periods (first: {place}): all "
                                              "its children are missing", code=code, n=int(empty.sum()),
                                              place=describe_place(ds.unit_codes[u], ds.periods[t]))})
            out.extend(zero_weight_warnings(self))
            self._warn_cache = out
        return list(self._warn_cache)


def _as_slice(idx):
    """Consecutive indices as a slice (indexing with it gives a view)."""
    idx = np.asarray(idx, dtype=int)
    if idx.size and np.array_equal(idx, np.arange(idx[0], idx[0] + idx.size)):
        return slice(int(idx[0]), int(idx[0]) + idx.size)
    return idx


def _indices(sel) -> np.ndarray:
    if isinstance(sel, slice):
        return np.arange(sel.start, sel.stop)
    return np.asarray(sel, dtype=int)


def _arr(sel, n) -> np.ndarray:
    """Index array for an axis of length n: None or a slice means all."""
    if sel is None or isinstance(sel, slice):
        return np.arange(n)[sel if isinstance(sel, slice) else slice(None)]
    return np.asarray(sel, dtype=int)


def _pick(labels, sel):
    if isinstance(sel, slice):
        return list(labels)[sel]
    return [labels[k] for k in sel]
