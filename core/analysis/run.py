"""Running an analysis: the replications in chunks (so a caller can show
progress and cancel), their statistics, and the Sobol indices.

    result = run_uncertainty(project, Uncertainty(replications=1000, weights_noise=0.25,
                                                  noise_levels=(2, 3), normalisations=("minmax", "zscore")))
    result.records()          # per unit and aggregate: nominal, mean / median / p05 / p95 rank, ...
    result.replication_records()   # what each replication assumed
    run_sensitivity(result.design, n=1000)   # Sobol indices of COINr's rank change
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.analysis import sobol, statistics
from core.analysis.inputs import Assumptions, Design, Uncertainty
from core.analysis.replicate import Replicator
from core.analysis.variants import Runs
from core.errors import CoIndexError, SettingsError
from core.text import tr

CHUNK = 2000                     # replications evaluated per step
MEMORY_CELLS = 250_000_000       # at most this many scores kept (2 GB of float64)
RANK_CHANGE = "rank_change"      # COINr's output: mean absolute rank change against the nominal ranking


class AnalysisCancelled(CoIndexError):
    """The caller's progress callback asked to stop."""


@dataclass
class UncertaintyResult:
    design: Design
    assumptions: Assumptions
    scores: np.ndarray                 # (replications, aggregates, units)
    statistics: statistics.Statistics

    @property
    def replicator(self) -> Replicator:
        return self.design.replicator

    def records(self) -> list:
        return statistics.records(self.replicator, self.statistics)

    def replication_records(self) -> list:
        return self.design.records(self.assumptions)


def prepare(project, spec: Uncertainty, period=None, runs: Runs | None = None) -> Design:
    """The replicator and design of ``spec`` over a project (or anything
    with ``framework``, ``dataset`` and ``settings``); the specification is
    checked first (:class:`SettingsError` on a bad value).  ``runs``: the
    engine runs of an earlier design of the same project, to reuse."""
    fw = project.framework
    if not fw.aggregate_codes:
        raise SettingsError(tr("the framework has no aggregates, so there is no index to analyse"))
    with_weights = {fw.level[n.code] for n in fw.nodes if n.parent is not None and n.code in fw.level}
    spec = spec.checked(with_weights)
    rep = Replicator(fw, project.dataset, project.settings, spec.normalisations, spec.aggregations, period,
                     spec.imputations, spec.treatments, runs)
    return Design(spec, rep)


def evaluate(design: Design, rows, progress=None, share=(0.0, 1.0), reduce=None) -> tuple:
    """(assumptions, scores) of every row, CHUNK rows at a time;
    ``progress(fraction)`` is called after each chunk and stops the run
    with :class:`AnalysisCancelled` when it returns False.  With ``reduce``
    (scores of a chunk -> one number per replication) only those numbers
    are kept: (None, values), in memory of the rows' size."""
    rep = design.replicator
    R = rows.shape[0]
    if reduce is None:
        _check_memory(rep, R)
        a = design.assumptions(rows)
        out = np.empty((R, len(rep.aggregates), len(rep.units)))
    else:
        a, out = None, np.empty(R)
    for start in range(0, R, CHUNK):
        stop = min(R, start + CHUNK)
        part = a if a is not None else design.assumptions(rows[start:stop])
        k = slice(start, stop) if a is not None else slice(None)
        S = rep.scores(part.weights[k], part.combination[k], part.aggregation[k])
        out[start:stop] = S if reduce is None else reduce(S)
        if progress is not None and progress(share[0] + (share[1] - share[0]) * stop / R) is False:
            raise AnalysisCancelled(tr("the analysis was cancelled"))
    return a, out


def _check_memory(rep, R):
    cells = R * len(rep.aggregates) * len(rep.units)
    if cells > MEMORY_CELLS:
        most = MEMORY_CELLS // (len(rep.aggregates) * len(rep.units))
        raise SettingsError(tr("{n:,} replications of {aggregates} aggregates x {units} units are too many to keep; "
                               "at most {most:,} for this project", n=R, aggregates=len(rep.aggregates),
                               units=len(rep.units), most=most), valid=["1..%d" % most])


def run_uncertainty(project, spec: Uncertainty, period=None, progress=None, design: Design | None = None,
                    share=(0.0, 1.0)) -> UncertaintyResult:
    """The Monte Carlo analysis of ``spec``: ``spec.replications`` rows
    drawn from ``spec.seed``, evaluated, summarised."""
    design = design or prepare(project, spec, period)
    rows = design.draw(design.spec.replications, design.spec.seed)
    a, S = evaluate(design, rows, progress, share)
    return UncertaintyResult(design, a, S, statistics.summarise(design.replicator, S))


def output_of(design: Design, output: str):
    """The function of scores that the Sobol analysis explains:
    ``rank_change`` (COINr's) or a unit code (that unit's index score)."""
    rep = design.replicator
    if output == RANK_CHANGE:
        return lambda S: statistics.mean_rank_change(rep, S)
    if output in rep.units:
        return lambda S: statistics.unit_score(rep, S, output)
    raise SettingsError(tr("'{output}' is neither {rank_change} nor a unit code; units: {units}", output=output,
                           rank_change=RANK_CHANGE, units=", ".join(rep.units[:20]) + (", ..." if len(rep.units) > 20 else "")),
                        valid=[RANK_CHANGE] + list(rep.units))


def check_sensitivity(design: Design, n: int, output: str):
    """The output function of a possible Sobol analysis, or a
    :class:`SettingsError` saying why it is not."""
    if not design.inputs:
        raise SettingsError(tr("nothing is uncertain: give a weights noise, two or more normalisations, "
                               "aggregations, imputations or treatments, or leave indicators out"))
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise SettingsError(tr("the Sobol base sample needs at least 2 rows, got '{n}'", n=n), valid=["2, 3, ..."])
    return output_of(design, output)


def run_sensitivity(design: Design, n: int, output: str = RANK_CHANGE, progress=None,
                    share=(0.0, 1.0)) -> list:
    """Sobol first- and total-order indices of ``output`` for every
    uncertain input, from SALib's sample of ``n`` base rows (seeded by the
    design's seed)."""
    f = check_sensitivity(design, n, output)
    problem = design.problem()
    rows = sobol.sample(problem, int(n), design.spec.seed)
    _, Y = evaluate(design, rows, progress, share, reduce=f)
    return sobol.indices(problem, Y, design.spec.seed)


@dataclass
class Analysis:
    """An uncertainty analysis and, when asked, its Sobol indices."""
    uncertainty: UncertaintyResult
    sobol: list | None = None


def run_analysis(project, spec: Uncertainty, period=None, sensitivity: bool = False, output: str = RANK_CHANGE,
                 sobol_n: int | None = None, progress=None) -> Analysis:
    """Both analyses over one design (the command line's and the app's
    run): the Monte Carlo replications, then, with ``sensitivity``, the
    Sobol indices of ``output`` from a base sample of ``sobol_n`` rows
    (default: the number of replications).  ``progress(fraction)`` covers
    both; returning False cancels (:class:`AnalysisCancelled`)."""
    design = prepare(project, spec, period)
    n = spec.replications if sobol_n is None else sobol_n
    if sensitivity:
        check_sensitivity(design, n, output)          # refused before anything runs
    result = run_uncertainty(project, spec, design=design, progress=progress,
                             share=(0.0, 0.5 if sensitivity else 1.0))
    sobol_rows = None
    if sensitivity:
        sobol_rows = run_sensitivity(design, n, output, progress, share=(0.5, 1.0))
    return Analysis(result, sobol_rows)
