"""What a chart of the scores may claim: whether a change over time means
something under the chosen normalisation, what a ranking ranks, and the
axis titles with their units.

A normalisation whose statistics are taken within each period (its
registry ``scope`` is ``PERIOD`` and the settings are not ``pooled``:
min-max, z-score, ranks, distance to target ...) rescales every period on
its own, so a unit's score can rise while the unit stands still, because
the others fell.  Growth rates of such scores mix the unit's progress with
everyone else's; :func:`growth_caveat` says so, and the charts then show no
growth labels.  A fixed-base index (a method that ``needs_base_year``)
measures each unit against its own base period, so a ranking of it ranks
growth since that period, not levels (:func:`ranking_note`).

Everything is read from :data:`core.methods.registry.NORMALISATIONS`, so a
new method is judged by its declaration, not by a list of names here.
"""
from __future__ import annotations

import math

import numpy as np

from core.methods.registry import NORMALISATIONS, PERIOD
from core.text import is_chinese, tr, unit_name


def methods_in_use(settings, methods=None) -> list[str]:
    """The normalisations in use, each once, in order: ``methods`` (the
    engine's per-indicator methods) when given, else the settings' default
    and its per-indicator overrides."""
    names = list(methods) if methods is not None else [settings.normalisation,
                                                       *settings.normalisation_by.values()]
    out = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


def _label(name: str) -> str:
    method = NORMALISATIONS.get(name)
    if method is None:
        return name
    return method.label["zh" if is_chinese() else "en"]


def per_period(settings, methods=None) -> list[str]:
    """The methods in use that scale each period separately (none when
    ``pooled``: the statistics then span every period)."""
    if getattr(settings, "pooled", False):
        return []
    out = []
    for name in methods_in_use(settings, methods):
        method = NORMALISATIONS.get(name)
        if method is not None and method.scope == PERIOD:
            out.append(name)
    return out


def growth_caveat(settings, methods=None) -> str | None:
    """None when a score's change over time means something; else why it
    does not (the scores are scaled within each period)."""
    relative = per_period(settings, methods)
    if not relative:
        return None
    return tr("{methods} scales each period separately: a change over time mixes a unit's own progress "
              "with the other units', so no growth rates are shown (choose fixed base, or pool the periods)",
              methods=", ".join(_label(m) for m in relative))


def ranking_note(settings, methods=None, base: str = "") -> str | None:
    """A note for a ranking whose scores are fixed-base indices: it ranks
    growth since the base period, not levels.  None otherwise."""
    based = [m for m in methods_in_use(settings, methods)
             if NORMALISATIONS.get(m) is not None and NORMALISATIONS[m].needs_base_year]
    if not based:
        return None
    if base:
        return tr("Fixed-base index: this ranks growth since {base}, not levels", base=base)
    return tr("Fixed-base index: this ranks growth since the base period, not levels")


def score_axis_title(settings, methods=None, base: str = "", units=()) -> str:
    """The title of a score axis with its unit: 'Index (2020 = 100)',
    'Score (0-100)', 'Z-score', 'Value (persons)' ...  ``base`` is the base
    period as shown; ``units`` the indicators' units of measure (used when
    the values are not normalised)."""
    names = methods_in_use(settings, methods)
    if len(names) != 1:
        return tr("Score (mixed normalisations)")
    name = names[0]
    method = NORMALISATIONS.get(name)
    if method is not None and method.needs_base_year:
        return tr("Index ({base} = 100)", base=base) if base else tr("Index (base period = 100)")
    if name == "minmax":
        low, high = (format(v, "g") for v in settings.minmax_range)
        return tr("Score ({low}-{high})", low=low, high=high)
    if name == "zscore":
        mean, sd = format(settings.zscore_mean, "g"), format(settings.zscore_sd, "g")
        return tr("Z-score (mean {mean}, sd {sd})", mean=mean, sd=sd)
    if name == "none":
        shared = {str(u).strip() for u in units if str(u).strip()}
        if len(shared) == 1:
            return tr("Value ({unit})", unit=unit_name(shared.pop()))
        return tr("Value (units of the indicators)")
    return tr("Score ({method})", method=_label(name))


def contribution_axis_title() -> str:
    """The title of the contributions' axis: points of the index."""
    return tr("Contribution (points)")


# Scores are shown with the decimals their scale needs for the scores of
# different units to be told apart: three significant digits of the largest
# score, but never fewer than two decimals (a 0-100 score or a fixed-base
# index such as 202.29 keeps two; an index in [0, 1] such as the HDI's
# 0.962 gets three) nor more than four.  A project may set them instead
# (the ``score_decimals`` setting).
SCORE_DECIMALS_MIN, SCORE_DECIMALS_MAX = 2, 4


def score_decimals(scores, fixed=None) -> int:
    """Decimals to show scores with: ``fixed`` where it is set, else from
    the largest absolute finite value of ``scores`` (any array: all the
    scores of the node shown, in every unit and period, so that every view
    of it agrees and the decimals do not change with the period)."""
    if fixed is not None:
        return int(fixed)
    v = np.abs(np.asarray(scores, dtype=float))
    v = v[np.isfinite(v)]
    top = float(v.max()) if v.size else 0.0
    if top <= 0.0:
        return SCORE_DECIMALS_MIN
    return int(min(SCORE_DECIMALS_MAX, max(SCORE_DECIMALS_MIN, 3 - math.ceil(math.log10(top)))))
