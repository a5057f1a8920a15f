"""The uncertain inputs of an analysis, and each replication's assumptions.

The user chooses (:class:`Uncertainty`):

* weights perturbed at chosen framework levels (1 = indicators) by a noise
  factor, as COINr does: w' = w + U(-1, 1) x noise x w, one U per weight;
* the imputation drawn from a set (the project's method and "none":
  imputation on or off), before normalisation as the engine does it;
* the outlier treatment drawn from a set ("winsorise" and "none");
* the normalisation drawn from a set, every indicator switched to it;
* the aggregation drawn from a set (nodes with a mean of their own keep it);
* an indicator left out (drawn from "none" and every indicator): its
  weight becomes 0, which takes it out of its parent's mean exactly.

A replication is one row of numbers: a value in [-1, 1] for every
perturbed weight (the U above), and a value in [0, 1) for every choice,
which picks option floor(value x options).  The Monte Carlo analysis draws
the rows with numpy's generator from a seed; the Sobol analysis takes them
from SALib's sample.  :class:`Design` turns rows into :class:`Assumptions`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from core.errors import SettingsError
from core.methods.registry import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, TREATMENTS
from core.text import tr

MAX_REPLICATIONS = 100_000
NONE = "none"   # the left-out choice that leaves every indicator in


@dataclass(frozen=True)
class Uncertainty:
    """What varies between replications, how many, and the seed."""
    replications: int = 1000
    weights_noise: float = 0.0
    noise_levels: tuple = ()
    normalisations: tuple = ()
    aggregations: tuple = ()
    leave_out: bool = False
    seed: int = 0
    imputations: tuple = ()
    treatments: tuple = ()

    def checked(self, levels_with_weights) -> "Uncertainty":
        """This specification with method names resolved (any alias or case),
        or a :class:`SettingsError` naming the bad value and the valid ones.
        ``levels_with_weights``: the framework levels whose weights are used."""
        if not isinstance(self.replications, (int, np.integer)) or not 1 <= self.replications <= MAX_REPLICATIONS:
            raise SettingsError(tr("the number of replications must be a whole number from 1 to {most:,}, got "
                                   "'{value}'", most=MAX_REPLICATIONS, value=self.replications),
                                valid=["1..%d" % MAX_REPLICATIONS])
        noise = float(self.weights_noise)
        if not (0.0 <= noise <= 1.0):
            raise SettingsError(tr("the weights noise must be a number from 0 to 1 (a share of each weight), "
                                   "got '{value:g}'", value=noise), valid=["0..1"])
        if self.noise_levels and noise == 0.0:
            raise SettingsError(tr("noise levels were given without a weights noise above 0"), valid=["0..1"])
        valid = sorted(levels_with_weights)
        for lev in self.noise_levels:
            if lev not in valid:
                raise SettingsError(tr("level {level} has no weights to perturb; levels with weights: {valid} "
                                       "(1 = indicators)", level=lev, valid=", ".join(map(str, valid))),
                                    valid=[str(v) for v in valid])
        if not isinstance(self.seed, (int, np.integer)) or self.seed < 0:
            raise SettingsError(tr("the seed must be a whole number 0 or above, got '{value}'", value=self.seed),
                                valid=["0, 1, 2, ..."])
        norms = _unique(NORMALISATIONS.resolve(m, "normalisation", "--normalisations") for m in self.normalisations)
        aggs = _unique(AGGREGATIONS.resolve(a, "aggregation", "--aggregations") for a in self.aggregations)
        imps = _unique(IMPUTATIONS.resolve(m, "imputation", "--imputations") for m in self.imputations)
        treats = _unique(TREATMENTS.resolve(m, "treatment", "--treatments") for m in self.treatments)
        levels = tuple(sorted(set(self.noise_levels))) or (tuple(valid) if noise > 0 else ())
        return replace(self, weights_noise=noise, noise_levels=levels, normalisations=norms, aggregations=aggs,
                       imputations=imps, treatments=treats)


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class Input:
    """One uncertain input: perturbed weights (``nodes``: the node indices
    whose weights it perturbs, one variable each) or a choice among
    ``choices`` (one variable)."""
    name: str
    nodes: tuple = ()
    choices: tuple = ()

    @property
    def size(self) -> int:
        return len(self.nodes) if self.nodes else 1

    @property
    def bounds(self) -> tuple:
        return (-1.0, 1.0) if self.nodes else (0.0, 1.0)


CHOICES = ("imputation", "treatment", "normalisation", "aggregation")   # the method choices, in the pipeline's order


@dataclass
class Assumptions:
    """What each of R replications assumed: ``weights`` (R, nodes) (0 for a
    left-out indicator), ``normalisation``, ``aggregation``, ``imputation``
    and ``treatment`` (R,) indices into the replicator's lists,
    ``left_out`` (R,) an indicator index or -1, ``combination`` (R,) the
    index of (normalisation, imputation, treatment) in the replicator's
    :attr:`~core.analysis.replicate.Replicator.combinations`."""
    weights: np.ndarray
    normalisation: np.ndarray
    aggregation: np.ndarray
    left_out: np.ndarray
    imputation: np.ndarray | None = None
    treatment: np.ndarray | None = None
    combination: np.ndarray | None = None

    def __post_init__(self):
        zeros = np.zeros(len(self.normalisation), dtype=int)
        self.imputation = zeros if self.imputation is None else self.imputation
        self.treatment = zeros if self.treatment is None else self.treatment
        if self.combination is None:
            self.combination = np.asarray(self.normalisation, dtype=int)

    def __len__(self) -> int:
        return self.weights.shape[0]


class Design:
    """The uncertain inputs of a checked :class:`Uncertainty` over a
    :class:`~core.analysis.replicate.Replicator`'s framework."""

    def __init__(self, spec: Uncertainty, replicator):
        self.spec = spec
        self.replicator = replicator
        inputs = []
        if spec.weights_noise > 0:
            for lev in spec.noise_levels:
                nodes = np.flatnonzero((replicator.levels == lev) & np.isfinite(replicator.weights))
                inputs.append(Input(f"weights_level_{lev}", nodes=tuple(int(k) for k in nodes)))
        for name in CHOICES:
            options = getattr(replicator, name + "s")
            if len(options) > 1:
                inputs.append(Input(name, choices=tuple(options)))
        if spec.leave_out:
            inputs.append(Input("left_out", choices=(NONE,) + tuple(replicator.codes[:replicator.n_ind])))
        self.inputs = inputs
        self.columns = np.cumsum([0] + [i.size for i in inputs])

    @property
    def width(self) -> int:
        """The number of variables of a row."""
        return int(self.columns[-1])

    def problem(self) -> dict:
        """The SALib problem: one variable per column, grouped by input."""
        names, bounds, groups = [], [], []
        for inp in self.inputs:
            for k in range(inp.size):
                names.append(f"{inp.name}:{self.replicator.codes[inp.nodes[k]]}" if inp.nodes else inp.name)
                bounds.append(list(inp.bounds))
                groups.append(inp.name)
        return {"num_vars": len(names), "names": names, "bounds": bounds, "groups": groups}

    def draw(self, n: int, seed: int) -> np.ndarray:
        """(n, width) rows drawn uniformly within each variable's bounds."""
        rng = np.random.default_rng(seed)
        u = rng.random((n, self.width))
        lo = np.array([b for inp in self.inputs for b in [inp.bounds[0]] * inp.size])
        hi = np.array([b for inp in self.inputs for b in [inp.bounds[1]] * inp.size])
        return lo + u * (hi - lo) if self.width else u

    def assumptions(self, rows) -> Assumptions:
        """The assumptions of each row of ``rows`` (R, width): the choices
        first, then the weights of each replication's combination and
        aggregation (re-derived when the weighting reads the scores) with
        the noise on top, then the left-out indicator's weight set to 0."""
        rows = np.asarray(rows, dtype=float)
        R = rows.shape[0]
        rep = self.replicator
        picks = {name: np.zeros(R, dtype=int) for name in CHOICES + ("left_out",)}
        for inp, c0 in zip(self.inputs, self.columns):
            if not inp.nodes:
                m = len(inp.choices)
                picks[inp.name] = np.minimum(np.floor(rows[:, c0] * m).astype(int), m - 1)
        combination = rep.combination(picks["normalisation"], picks["imputation"], picks["treatment"])
        W = rep.base_weights(combination, picks["aggregation"])
        for inp, c0 in zip(self.inputs, self.columns):
            if inp.nodes:
                nodes = list(inp.nodes)
                W[:, nodes] = W[:, nodes] + rows[:, c0:c0 + inp.size] * self.spec.weights_noise * W[:, nodes]
        left = picks["left_out"] - 1                   # choice 0 is "none"
        has = left >= 0
        W[np.flatnonzero(has), left[has]] = 0.0
        return Assumptions(W, picks["normalisation"], picks["aggregation"], left, picks["imputation"],
                           picks["treatment"], combination)

    def records(self, a: Assumptions) -> list:
        """One JSON-ready record per replication: the normalisation, the
        aggregation, the imputation and the treatment (these two when they
        vary) and every weight used, by node code."""
        rep = self.replicator
        used = np.flatnonzero(np.isfinite(rep.weights))
        codes = [rep.codes[k] for k in used]
        norms, aggs = rep.normalisations, rep.aggregations
        weights = a.weights[:, used].tolist()
        out = [{"normalisation": norms[n], "aggregation": aggs[g]}
               for n, g in zip(a.normalisation.tolist(), a.aggregation.tolist())]
        for name in ("imputation", "treatment"):
            options = getattr(rep, name + "s")
            if len(options) > 1:
                for record, k in zip(out, getattr(a, name).tolist()):
                    record[name] = options[k]
        for record, w in zip(out, weights):
            record["weights"] = dict(zip(codes, w))
        return out
