"""The engine runs a set of replications starts from: the project under
another normalisation, imputation, outlier treatment or aggregation,
each computed once by the engine with those settings switched.

A *combination* is one (normalisation, imputation, treatment) triple of
the methods the replications draw from.  Its normalised values do not
depend on the weights or the aggregation, so the engine computes them once
per combination, every mean switched to the arithmetic one (which accepts
any score: whether a drawn mean can take them is the replicator's check).
When the weighting derives weights from the scores (entropy, CRITIC, PCA),
the weights depend on the combination, and above the indicators on the
aggregation too: the engine run of (combination, aggregation) with the
project's weighting gives them, once per pair.

    runs = Runs(framework, dataset, settings)
    runs.normalised(("zscore", "mean", "none"), period)    # (indicators, units)
    runs.weights(("zscore", "mean", "none"), "geometric")  # code -> child weights
"""
from __future__ import annotations

from core.pipeline import weights as weighting
from core.pipeline.engine import Engine

OWN = None      # the normalisation of a combination that keeps the project's (per-indicator choices too)


class Runs:
    """Engine runs of one project's framework and data under switched
    settings, each made once and kept (the score bands of
    :mod:`core.analysis.summary` analyse every period from the same runs)."""

    def __init__(self, framework, dataset, settings):
        self.framework = framework
        self.dataset = dataset
        self.settings = settings
        self._engines: dict = {}
        self.nominal = Engine(framework, dataset, settings)

    @property
    def derives_weights(self) -> bool:
        """Whether the weighting reads the scores (the weights then vary with
        the combination)."""
        return weighting.reads_scores(self.settings)

    def is_nominal(self, combination, aggregation=None) -> bool:
        """Whether the project's own settings make this combination (and
        aggregation): its engine run is the nominal one."""
        norm, imputation, treatment = combination
        st = self.settings
        return (norm is OWN and imputation == st.imputation and treatment == st.treatment
                and aggregation in (None, st.aggregation))

    def switched(self, combination, aggregation=None):
        """The project's settings with a combination's methods (and, if
        given, the default ``aggregation``; else every mean arithmetic)."""
        norm, imputation, treatment = combination
        st = self.settings.copy()
        if norm is not OWN:
            st.normalisation = norm
            st.normalisation_by = {c: norm for c in self.framework.indicator_codes}
        st.imputation = imputation
        st.treatment = treatment
        if aggregation is None:
            st.aggregation = "arithmetic"
            st.aggregation_by = {c: "arithmetic" for c in self.framework.aggregate_codes}
        else:
            st.aggregation = aggregation
        return st

    def engine(self, combination, aggregation=None) -> Engine:
        key = (tuple(combination), aggregation)
        if key not in self._engines:
            if aggregation is not None and self.is_nominal(combination, aggregation):
                self._engines[key] = self.nominal
            else:
                st = self.switched(combination, aggregation)
                self._engines[key] = Engine(self.framework, self.dataset, st)
        return self._engines[key]

    def normalised(self, combination, period: int):
        """(indicators, units) normalised values of ``combination`` at the
        period index ``period``."""
        n = self.nominal.n_ind
        if self.is_nominal(combination):
            return self.nominal.scores[:n, :, period].copy()
        return self.engine(combination).scores[:n, :, period].copy()

    def weights(self, combination, aggregation) -> dict:
        """aggregate code -> its children's weights under ``combination``
        and the default ``aggregation`` (the weighting re-derived from that
        run's scores)."""
        return self.engine(combination, aggregation).weights
