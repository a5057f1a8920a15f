"""Which methods can work on a project: the contexts the registry's
``usable`` reads (:class:`core.methods.registry.MethodContext`), built from
a framework, a dataset and settings, and the checks on them.

The engine refuses settings whose normalisation cannot work
(:func:`check_normalisations`), the command line says so for ``--set``, and
the method pane disables the methods :func:`normalisation_choices` and
:func:`aggregation_choices` give a reason for, with that reason: one rule,
declared once per method in the registry.

A project whose means cannot take its scores (a zero under a geometric
mean, per node, per level or project-wide) is opened with the arithmetic
mean for those aggregates (:func:`usable_means_instead`), as it is with a
usable normalisation (``gui.window.loading``).
"""
from __future__ import annotations

from core.errors import ComputeError, SettingsError
from core.methods.registry import AGGREGATIONS, NORMALISATIONS, MethodContext
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.text import tr


def normalisation_context(framework: Framework, dataset: Dataset, settings: Settings, method: str,
                          methods=None) -> MethodContext:
    """The context of ``method`` over the indicators that use it under
    ``settings`` (``methods``: each indicator's normalisation, when known)."""
    codes = framework.indicator_codes
    if methods is None:
        methods = [settings.method_for(c, framework[c].params) for c in codes]
    mine = [c for c, m in zip(codes, methods) if m == method]
    return MethodContext(settings, tuple(dataset.unit_codes), tuple(dataset.periods), tuple(mine),
                         tuple(framework[c].params for c in mine), (method,) * len(mine))


def check_normalisations(framework: Framework, dataset: Dataset, settings: Settings, methods=None) -> None:
    """Raise :class:`SettingsError` naming the first normalisation in use
    that cannot work, with the reason and the methods that can."""
    codes = framework.indicator_codes
    if methods is None:
        methods = [settings.method_for(c, framework[c].params) for c in codes]
    for method in dict.fromkeys(methods):
        reason = NORMALISATIONS[method].problem(normalisation_context(framework, dataset, settings, method, methods))
        if reason:
            valid = [m for m, why in normalisation_choices(framework, dataset, settings).items() if why is None]
            raise SettingsError(tr("the normalisation {method} ({name}) cannot work on this project: {reason}. "
                                   "Normalisations that can: {valid}", method=NORMALISATIONS[method].title(),
                                   name=method, reason=reason, valid=", ".join(valid)), valid=valid)


def normalisation_choices(framework: Framework, dataset: Dataset, settings: Settings) -> dict:
    """name -> why it cannot work as the project's normalisation (None: it
    can), for every registered normalisation; the indicators with a method
    of their own keep it."""
    out = {}
    for name in NORMALISATIONS:
        trial = settings.copy()
        trial.normalisation = name
        out[name] = NORMALISATIONS[name].problem(normalisation_context(framework, dataset, trial, name))
    return out


def aggregation_context(framework: Framework, dataset: Dataset, settings: Settings, scores) -> MethodContext:
    """The context of an aggregation: every indicator, its normalisation and
    its normalised ``scores`` (indicators, units, periods), or None."""
    codes = framework.indicator_codes
    return MethodContext(settings, tuple(dataset.unit_codes), tuple(dataset.periods), tuple(codes),
                         tuple(framework[c].params for c in codes),
                         tuple(settings.method_for(c, framework[c].params) for c in codes), scores)


def aggregation_choices(framework: Framework, dataset: Dataset, settings: Settings, scores) -> dict:
    """name -> why it cannot aggregate these ``scores`` (None: it can)."""
    ctx = aggregation_context(framework, dataset, settings, scores)
    return {name: AGGREGATIONS[name].problem(ctx) for name in AGGREGATIONS}


def check_aggregation(framework: Framework, dataset: Dataset, settings: Settings) -> None:
    """Raise :class:`SettingsError` when the aggregation cannot work on the
    project whatever the scores (one that compares units, on one unit)."""
    choices = aggregation_choices(framework, dataset, settings, None)
    reason = choices[settings.aggregation]
    if reason:
        valid = [m for m, why in choices.items() if why is None]
        raise SettingsError(tr("the aggregation {method} ({name}) cannot work on this project: {reason}. "
                               "Aggregations that can: {valid}", method=AGGREGATIONS[settings.aggregation].title(),
                               name=settings.aggregation, reason=reason, valid=", ".join(valid)), valid=valid)


def default_settings(framework: Framework, dataset: Dataset) -> Settings:
    """The default settings (COINr's: min-max) for a project read without
    any, with a normalisation that can work on it: min-max where there are
    units to compare, else the fixed-base index over several periods, else
    no normalisation."""
    settings = Settings()
    for name in ("minmax", "fixed_base", "none"):
        if name == "fixed_base" and len(dataset.periods) < 2:
            continue
        settings.normalisation = name
        if NORMALISATIONS[name].problem(normalisation_context(framework, dataset, settings, name)) is None:
            break
    return settings


# an aggregate whose mean cannot take its children's scores is shown with this one
FALLBACK_AGGREGATION = "arithmetic"


def usable_means_instead(framework: Framework, settings: Settings, compute) -> list[dict]:
    """Run ``compute()`` (a full computation under ``settings``); while it
    fails because the mean of an aggregate cannot take a score (the
    :class:`ComputeError` of :func:`core.methods.aggregate.check_domain`,
    whose ``where["node"]`` names the aggregate), set that aggregate's
    aggregation to :data:`FALLBACK_AGGREGATION` (``aggregation.CODE``, which
    wins over its Meta ``Aggregation`` column and its level's setting) and
    run it again.

    Returns one record per aggregate replaced, lowest first: ``node``,
    ``was`` (its mean before) and ``reason`` (the error's message, naming
    the indicator, unit and period of the score).  ``settings`` are changed
    in place.  Any other error is raised as it is, with ``settings`` as
    they were."""
    replaced: list[dict] = []
    saved = dict(settings.aggregation_by)
    for _ in range(len(framework.aggregate_codes) + 1):
        try:
            compute()
            return replaced
        except ComputeError as e:
            node = e.where.get("node")
            if node is None or node not in framework or framework[node].is_indicator:
                settings.aggregation_by = saved
                raise
            was = settings.aggregation_for(node, framework.level[node], framework[node].params)
            if was == FALLBACK_AGGREGATION:
                settings.aggregation_by = saved
                raise
            settings.aggregation_by[node] = FALLBACK_AGGREGATION
            replaced.append({"node": node, "was": was, "reason": str(e)})
    compute()
    return replaced
