"""The index rebuilt under many sets of assumptions at once.

A replication is a combination (normalisation, imputation, outlier
treatment), an aggregation and a weight for every node.  Normalisation does
not depend on the weights, so each combination drawn is normalised once (by
the engine, its settings switched: :mod:`core.analysis.variants`); the
replications are then grouped by (combination, aggregation) and each group
is aggregated bottom-up as array operations over all its replications: for
a node with children k and the generalised mean of power p (transform f,
see :mod:`core.methods.aggregate`),

    f(score[r, node, u]) = sum_k W[r, k] f(x[r, k, u]) / sum_k W[r, k]

over the children present for unit u (COINr's renormalisation), which for
indicator children is one matrix product ``W @ f(Z)``.  A weight of 0 takes
a child out exactly as removing it would: it adds nothing to either sum.

A drawn aggregation replaces the project's default mean only: a node with a
mean of its own (``aggregation.CODE``, the Meta ``Aggregation`` column,
``aggregation.level.N``) keeps it, so each node has its power per drawn
aggregation (:attr:`Replicator.node_powers`).
"""
from __future__ import annotations

import itertools

import numpy as np

from core.analysis.variants import OWN, Runs
from core.errors import SettingsError
from core.methods.aggregate import inverse, transform
from core.methods.normalise import rank_min
from core.methods.registry import AGGREGATIONS
from core.methods.usable import out_of_domain
from core.text import tr


class Replicator:
    """Everything a replication needs, computed once from a project's
    framework, data and settings.

    Parameters
    ----------
    normalisations, aggregations, imputations, treatments:
        the methods replications choose from (registry names); empty: the
        project's own (per-indicator normalisations kept).  A drawn
        normalisation applies to every indicator, a drawn aggregation to
        every node without a mean of its own.
    period:
        the period analysed (a value of ``dataset.periods``); None: the last.
    runs:
        a :class:`~core.analysis.variants.Runs` of the same project to take
        the engine runs from (one is made when None).
    """

    def __init__(self, framework, dataset, settings, normalisations=(), aggregations=(), period=None,
                 imputations=(), treatments=(), runs: Runs | None = None):
        self.runs = runs or Runs(framework, dataset, settings)
        self.nominal = self.runs.nominal
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
        self.weights = self._nominal_weights(self.nominal.weights)
        self.normalisations = list(normalisations) or [settings.normalisation]
        self.imputations = list(imputations) or [settings.imputation]
        self.treatments = list(treatments) or [settings.treatment]
        self.aggregations = list(aggregations) or [settings.aggregation]
        self._plan_means(settings)
        norm_keys = list(normalisations) or [OWN]
        self.combinations = list(itertools.product(range(len(norm_keys)), range(len(self.imputations)),
                                                   range(len(self.treatments))))
        self._keys = [(norm_keys[n], self.imputations[i], self.treatments[t]) for n, i, t in self.combinations]
        self.normalised = [self.runs.normalised(k, self.period) for k in self._keys]
        self._check_domain()
        self.weight_sets = self._weight_sets() if self.runs.derives_weights else None
        rows = [self.nominal.index[c] for c in self.aggregates]
        self.nominal_scores = self.nominal.scores[rows, :, self.period]
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

    def _nominal_weights(self, by_parent) -> np.ndarray:
        """Each node's weight under its parent (NaN for a node without a
        parent: its weight is never used), from ``by_parent`` (aggregate
        code -> its children's weights, as the engine keeps them)."""
        w = np.full(len(self.codes), np.nan)
        for c, kids in zip(self.aggregates, self.kids):
            w[kids] = by_parent[c]
        return w

    def _plan_means(self, settings):
        """Every node's mean under each drawn aggregation: its own (if it
        has one) or the drawn one; :attr:`node_powers` (aggregations,
        aggregates) their powers.  Means that compare units are refused."""
        fw = self.framework
        own = settings.copy()
        own.aggregation = None                          # aggregation_for then says None for "the default"
        self.own_means = [own.aggregation_for(c, fw.level[c], fw[c].params) for c in self.aggregates]
        valid = [n for n, m in AGGREGATIONS.items() if m.combine is None]
        for a in self.aggregations:
            if AGGREGATIONS[a].combine is not None:
                raise SettingsError(tr("the uncertainty analysis replicates weighted means; the aggregation {name} "
                                       "compares units and is not one (choose arithmetic, geometric, harmonic or "
                                       "generalised)", name=AGGREGATIONS[a].title()), valid=valid)
        for code, m in zip(self.aggregates, self.own_means):
            if m is not None and AGGREGATIONS[m].combine is not None:
                raise SettingsError(tr("the uncertainty analysis replicates weighted means; '{code}' is aggregated "
                                       "with {name}, which compares units and is not one (choose arithmetic, "
                                       "geometric, harmonic or generalised for it)", code=code,
                                       name=AGGREGATIONS[m].title()), valid=valid, code=code)
        self.powers = [AGGREGATIONS[a].power_for(settings) for a in self.aggregations]
        own_p = [None if m is None else AGGREGATIONS[m].power_for(settings) for m in self.own_means]
        self.node_powers = np.array([[p if q is None else q for q in own_p] for p in self.powers], dtype=float)

    def _check_domain(self):
        """Means other than the arithmetic need values > 0 (p <= 0) or >= 0;
        every combination must give such values to the indicators under
        such a mean (COINr stops too).  Aggregates under such a mean are
        checked as the replications run."""
        for a, name in enumerate(self.aggregations):
            for j, kids in enumerate(self.kids):
                p = self.node_powers[a, j]
                ind = kids[kids < self.n_ind]
                if p == 1 or not ind.size:
                    continue
                for c, Z in enumerate(self.normalised):
                    bad = out_of_domain(Z[ind], p)
                    if bad.any():
                        i, u = (int(v[0]) for v in np.nonzero(bad))
                        raise self._domain_error(a, j, c, self.codes[ind[i]], self.units[u], float(Z[ind[i], u]))

    def _domain_error(self, a, j, c, code, unit, value) -> SettingsError:
        norm = self.normalisations[self.combinations[c][0]]
        if self.own_means[j] is None:
            name = self.aggregations[a]
            return SettingsError(tr(
                "the {aggregation} mean needs values above zero, but {normalisation} normalisation gives "
                "{value:g} for indicator '{code}', unit '{unit}'; leave one of the two out of the analysis "
                "or normalise to a range above zero (e.g. --set minmax_range=1,100)",
                aggregation=name, normalisation=norm, value=value, code=code, unit=unit),
                valid=[n for n in self.aggregations if n != name])
        return SettingsError(tr(
            "'{node}' has its own {aggregation} mean, which needs values above zero, but {normalisation} "
            "normalisation gives {value:g} for indicator '{code}', unit '{unit}'; leave {normalisation} out of "
            "the analysis or normalise to a range above zero (e.g. --set minmax_range=1,100)",
            node=self.aggregates[j], aggregation=self.own_means[j], normalisation=norm, value=value, code=code,
            unit=unit), valid=[n for n in self.normalisations if n != norm])

    def _weight_sets(self) -> np.ndarray:
        """(combinations, aggregations, nodes) weights the weighting derives
        from each combination's scores under each aggregation."""
        out = np.empty((len(self._keys), len(self.aggregations), len(self.codes)))
        for c, key in enumerate(self._keys):
            for a, name in enumerate(self.aggregations):
                out[c, a] = self._nominal_weights(self.runs.weights(key, name))
        return out

    def combination(self, normalisation, imputation, treatment) -> np.ndarray:
        """The index into :attr:`combinations` (and :attr:`normalised`) of
        choices given as indices into the method lists."""
        I, T = len(self.imputations), len(self.treatments)
        return (np.asarray(normalisation) * I + np.asarray(imputation)) * T + np.asarray(treatment)

    def base_weights(self, combination, aggregation) -> np.ndarray:
        """(replications, nodes) weights before any noise: the nominal ones,
        or those derived for each replication's combination and aggregation."""
        combination = np.asarray(combination, dtype=int)
        if self.weight_sets is None:
            return np.tile(self.weights, (combination.size, 1))
        return self.weight_sets[combination, np.asarray(aggregation, dtype=int)]

    # ---- evaluation ----------------------------------------------------------------------------------
    def scores(self, W, combination, agg) -> np.ndarray:
        """Scores (replications, aggregates, units) of every aggregate.

        ``W`` (replications, nodes) weights; ``combination`` and ``agg``
        (replications,) indices into :attr:`combinations` (the normalisation's
        index when only the normalisation varies) and :attr:`aggregations`."""
        W = np.asarray(W, dtype=float)
        combination = np.asarray(combination, dtype=int)
        agg = np.asarray(agg, dtype=int)
        out = np.empty((W.shape[0], len(self.aggregates), len(self.units)))
        for c in np.unique(combination):
            for a in np.unique(agg):
                sel = np.flatnonzero((combination == c) & (agg == a))
                if sel.size:
                    out[sel] = self._aggregate(self.normalised[c], W[sel], self.node_powers[a])
        return out

    def _aggregate(self, Z, W, powers) -> np.ndarray:
        """Every aggregate bottom-up for the replications of ``W``, each
        node with its power in ``powers`` (aggregates,); f(Z) is made once
        per distinct power."""
        R, U = W.shape[0], Z.shape[1]
        S = np.empty((R, len(self.aggregates), U))
        present_z = np.isfinite(Z)
        pz = present_z.astype(float)
        fz_by_power = {}
        for j, kids in enumerate(self.kids):
            p = float(powers[j])
            ind = kids[kids < self.n_ind]
            sub = [self.agg_row[self.codes[k]] for k in kids[kids >= self.n_ind]]
            if ind.size:
                if p not in fz_by_power:
                    fz_by_power[p] = np.where(present_z, transform(np.where(present_z, Z, 1.0), p), 0.0)
                fz = fz_by_power[p]
                num, tot = W[:, ind] @ fz[ind], W[:, ind] @ pz[ind]
            else:
                num, tot = np.zeros((R, U)), np.zeros((R, U))
            if sub:
                X = S[:, sub, :]
                present = np.isfinite(X)
                w = W[:, None, kids[kids >= self.n_ind]]           # (R, 1, k): one batched product per replication
                if p == 1:
                    fx = X if present.all() else np.where(present, X, 0.0)
                else:
                    self._check_children(X, present, p, j, sub)
                    fx = np.where(present, transform(np.where(present, X, 1.0), p), 0.0)
                num += np.matmul(w, fx)[:, 0, :]
                tot += np.matmul(w, present.astype(float))[:, 0, :]
            with np.errstate(invalid="ignore", divide="ignore"):
                val = num / tot
            val[~(tot > 0)] = np.nan
            S[:, j, :] = val if p == 1 else inverse(val, p)
        return S

    def _check_children(self, X, present, p, j, sub):
        """An aggregate child's score that the mean of power ``p`` of node
        ``j`` cannot take stops the analysis, naming it."""
        bad = out_of_domain(np.where(present, X, 1.0), p)
        if bad.any():
            r, k, u = (int(v[0]) for v in np.nonzero(bad))
            raise SettingsError(tr("the mean of '{node}' needs its children's scores above zero, but '{child}' is "
                                   "{value:g} for unit '{unit}' in a replication; choose means and normalisations "
                                   "that keep the scores above zero (e.g. --set minmax_range=1,100)",
                                   node=self.aggregates[j], child=self.aggregates[sub[k]], value=float(X[r, k, u]),
                                   unit=self.units[u]), code=self.aggregates[j])

    def ranks(self, S) -> np.ndarray:
        """Ranks among the units (1 = best, ties share the lowest rank,
        missing stays missing) of scores (..., units)."""
        return rank_min(S, axis=-1, descending=True)
