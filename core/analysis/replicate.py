"""The index rebuilt under many sets of assumptions at once.

A replication is a normalisation, an aggregation and a weight for every
node.  Normalisation does not depend on the weights, so each normalisation
of the set is computed once (by the engine, every indicator switched to
it); the replications are then grouped by (normalisation, aggregation) and
each group is aggregated bottom-up as array operations over all its
replications: for a node with children k and the generalised mean of power
p (transform f, see :mod:`core.methods.aggregate`),

    f(score[r, node, u]) = sum_k W[r, k] f(x[r, k, u]) / sum_k W[r, k]

over the children present for unit u (COINr's renormalisation), which for
indicator children is one matrix product ``W @ f(Z)``.  A weight of 0 takes
a child out exactly as removing it would: it adds nothing to either sum.
"""
from __future__ import annotations

import numpy as np

from core.errors import SettingsError
from core.methods.aggregate import inverse, transform
from core.methods.normalise import rank_min
from core.methods.registry import AGGREGATIONS
from core.pipeline.engine import Engine
from core.text import tr


class Replicator:
    """Everything a replication needs, computed once from a project's
    framework, data and settings.

    Parameters
    ----------
    normalisations, aggregations:
        the methods replications choose from (registry names); empty: the
        project's own (per-indicator choices kept).  A drawn normalisation
        applies to every indicator.
    period:
        the period analysed (a value of ``dataset.periods``); None: the last.
    """

    def __init__(self, framework, dataset, settings, normalisations=(), aggregations=(), period=None):
        self.nominal = Engine(framework, dataset, settings)
        self.framework = framework
        self.codes = list(self.nominal.codes)
        self.n_ind = self.nominal.n_ind
        self.period = self._period_index(dataset, period)
        self.units = list(dataset.unit_codes)
        # the aggregates bottom-up (the engine's order), their children as node indices
        self.aggregates = list(framework.aggregate_codes)
        self.agg_row = {c: j for j, c in enumerate(self.aggregates)}
        self.kids = [np.array([self.nominal.index[k] for k in framework.children(c)], dtype=int)
                     for c in self.aggregates]
        self.levels = np.array([framework.level[c] for c in self.codes], dtype=int)
        self.weights = self._nominal_weights()
        self.normalisations = list(normalisations) or [settings.normalisation]
        self.aggregations = list(aggregations) or [settings.aggregation]
        for a in self.aggregations:
            if AGGREGATIONS[a].combine is not None:
                raise SettingsError(tr("the uncertainty analysis replicates weighted means; the aggregation {name} "
                                       "compares units and is not one (choose arithmetic, geometric, harmonic or "
                                       "generalised)", name=AGGREGATIONS[a].title()),
                                    valid=[n for n, m in AGGREGATIONS.items() if m.combine is None])
        self.powers = [AGGREGATIONS[a].power_for(settings) for a in self.aggregations]
        t = self.period
        if normalisations:
            self.normalised = [self._normalised(framework, dataset, settings, m) for m in self.normalisations]
        else:
            self.normalised = [self.nominal.scores[:self.n_ind, :, t].copy()]
        self._check_domain()
        rows = [self.nominal.index[c] for c in self.aggregates]
        self.nominal_scores = self.nominal.scores[rows, :, t]
        self.nominal_ranks = rank_min(self.nominal_scores, axis=-1, descending=True)

    # ---- set-up ------------------------------------------------------------------------------------
    @staticmethod
    def _period_index(dataset, period):
        if period is None:
            return len(dataset.periods) - 1
        if period in dataset.period_index:
            return dataset.period_index[period]
        listed = ", ".join(str(p) for p in dataset.periods)
        raise SettingsError(tr("period {period} is not a period of the data ({listed})", period=period,
                               listed=listed), valid=[str(p) for p in dataset.periods])

    def _nominal_weights(self) -> np.ndarray:
        """Each node's weight under its parent (NaN for a node without a
        parent: its weight is never used)."""
        w = np.full(len(self.codes), np.nan)
        for c, kids in zip(self.aggregates, self.kids):
            w[kids] = self.nominal.weights[c]
        return w

    def _normalised(self, framework, dataset, settings, method) -> np.ndarray:
        """(indicators, units) at the analysed period, every indicator
        normalised with ``method`` (aggregated arithmetically: only the
        normalised values are kept, and the arithmetic mean accepts them all)."""
        st = settings.copy()
        st.normalisation = method
        st.normalisation_by = {c: method for c in framework.indicator_codes}
        st.aggregation = "arithmetic"
        return Engine(framework, dataset, st).scores[:self.n_ind, :, self.period].copy()

    def _check_domain(self):
        """Means other than the arithmetic need values > 0 (p <= 0) or >= 0;
        every pair of drawn methods must give such values (COINr stops too)."""
        for a, p in zip(self.aggregations, self.powers):
            if p == 1:
                continue
            for m, Z in zip(self.normalisations, self.normalised):
                with np.errstate(invalid="ignore"):
                    bad = (Z <= 0) if p <= 0 else (Z < 0)
                if bad.any():
                    i, u = (int(v[0]) for v in np.nonzero(bad))
                    raise SettingsError(tr(
                        "the {aggregation} mean needs values above zero, but {normalisation} normalisation gives "
                        "{value:g} for indicator '{code}', unit '{unit}'; leave one of the two out of the analysis "
                        "or normalise to a range above zero (e.g. --set minmax_range=1,100)",
                        aggregation=a, normalisation=m, value=float(Z[i, u]), code=self.codes[i],
                        unit=self.units[u]), valid=[n for n in self.aggregations if n != a])

    # ---- evaluation ----------------------------------------------------------------------------------
    def scores(self, W, norm, agg) -> np.ndarray:
        """Scores (replications, aggregates, units) of every aggregate.

        ``W`` (replications, nodes) weights; ``norm`` and ``agg``
        (replications,) indices into :attr:`normalisations` and
        :attr:`aggregations`."""
        W = np.asarray(W, dtype=float)
        norm = np.asarray(norm, dtype=int)
        agg = np.asarray(agg, dtype=int)
        out = np.empty((W.shape[0], len(self.aggregates), len(self.units)))
        for m in np.unique(norm):
            for a in np.unique(agg):
                sel = np.flatnonzero((norm == m) & (agg == a))
                if sel.size:
                    out[sel] = self._aggregate(self.normalised[m], W[sel], self.powers[a])
        return out

    def _aggregate(self, Z, W, p) -> np.ndarray:
        R, U = W.shape[0], Z.shape[1]
        S = np.empty((R, len(self.aggregates), U))
        present_z = np.isfinite(Z)
        fz = np.where(present_z, transform(np.where(present_z, Z, 1.0), p), 0.0)
        pz = present_z.astype(float)
        for j, kids in enumerate(self.kids):
            ind = kids[kids < self.n_ind]
            sub = [self.agg_row[self.codes[k]] for k in kids[kids >= self.n_ind]]
            num = W[:, ind] @ fz[ind] if ind.size else np.zeros((R, U))
            tot = W[:, ind] @ pz[ind] if ind.size else np.zeros((R, U))
            if sub:
                X = S[:, sub, :]
                present = np.isfinite(X)
                w = W[:, None, kids[kids >= self.n_ind]]           # (R, 1, k): one batched product per replication
                if p == 1:
                    fx = X if present.all() else np.where(present, X, 0.0)
                else:
                    fx = np.where(present, transform(np.where(present, X, 1.0), p), 0.0)
                num += np.matmul(w, fx)[:, 0, :]
                tot += np.matmul(w, present.astype(float))[:, 0, :]
            with np.errstate(invalid="ignore", divide="ignore"):
                val = num / tot
            val[~(tot > 0)] = np.nan
            S[:, j, :] = val if p == 1 else inverse(val, p)
        return S

    def ranks(self, S) -> np.ndarray:
        """Ranks among the units (1 = best, ties share the lowest rank,
        missing stays missing) of scores (..., units)."""
        return rank_min(S, axis=-1, descending=True)
