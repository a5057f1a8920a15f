"""Where each method can work, as the registry's ``usable(context)`` reads
it, and what to do when a normalisation's scores are not positive enough for
a geometric or harmonic mean (``advice``).

Each function returns a translated sentence (:func:`core.text.tr`) or None;
the engine, the settings check, the command line and the method pane all
show these same sentences.
"""
from __future__ import annotations

import numpy as np

from core.errors import describe_place
from core.methods.registry import NORMALISATIONS, list_codes, meta_number
from core.text import tr


# ---- normalisations ----------------------------------------------------------------------------------
def needs_units(ctx):
    """Methods that compare the units of a period: nothing to compare with one unit."""
    if ctx.codes and ctx.compares_nothing:
        unit = ctx.unit_codes[0] if ctx.unit_codes else ""
        return tr("it compares units, and the project has one ('{unit}'): every score would be blank or the same; "
                  "pool the periods, or choose fixed base or none", unit=unit)
    return None


def needs_goalposts(ctx):
    missing, crossed = [], []
    for code, p in zip(ctx.codes, ctx.params):
        lo, hi = meta_number(p.get("goalpost_lower")), meta_number(p.get("goalpost_upper"))
        if lo is None or hi is None:
            missing.append(code)
        elif not lo < hi:
            crossed.append((code, lo, hi))
    if missing:
        return tr("it needs a lower and an upper goalpost for every indicator; missing for {codes} (set them in "
                  "the indicator sheet, or the Meta columns goalpost_lower and goalpost_upper)",
                  codes=list_codes(missing, 3))
    if crossed:
        code, lo, hi = crossed[0]
        return tr("the lower goalpost of '{code}' ({lower}) must be below its upper goalpost ({upper})",
                  code=code, lower=format(lo, "g"), upper=format(hi, "g"))
    return None


def needs_targets(ctx):
    missing = [code for code, p in zip(ctx.codes, ctx.params) if meta_number(p.get("Target")) is None]
    if missing:
        return tr("it needs a target for every indicator; missing for {codes} (set them in the indicator sheet, or "
                  "the Meta column Target)", codes=list_codes(missing, 3))
    return None


def advise_fixed_base(settings, code):
    return tr("a fixed-base index is above zero only where the values are: every value of '{code}' must be above "
              "zero, in the base period and after", code=code)


def advise_minmax(settings, code):
    return tr("min-max gives the lowest value of each period {low}; set the min-max range above zero, e.g. 1 to 100 "
              "(minmax_range=1,100)",
              low=format(settings.minmax_range[0], "g"))


def advise_zscore(settings, code):
    return tr("z-scores are below zero under the mean; set the z-score mean well above zero (e.g. 100 with SD 10), "
              "or use min-max to a range above zero")


def advise_prank(settings, code):
    return tr("percentile ranks give the lowest value 0; use min-max to a range above zero, or the arithmetic mean")


def advise_goalposts(settings, code):
    return tr("goalposts give 0 at or below the lower goalpost: widen the lower goalpost of '{code}' to below its "
              "lowest value, or use the arithmetic mean", code=code)


def advise_dist2target(settings, code):
    return tr("distance to target gives the worst value 0; use min-max to a range above zero, or the arithmetic "
              "mean")


def advise_none(settings, code):
    return tr("without normalisation the values are used as they are: every value of '{code}' must be above zero, "
              "or choose a normalisation", code=code)




# ---- aggregations: the domain of a generalised mean -------------------------------------------------------
def out_of_domain(X, p):
    """Where the scores ``X`` cannot enter a generalised mean of power ``p``
    (a boolean array like ``X``), or None when every score can.  Geometric,
    harmonic and negative powers need scores above zero (COINr stops on
    them); other powers but 1 need scores of zero or more, since a negative
    score would give a missing or sign-less mean rather than a number."""
    if p == 1:
        return None
    with np.errstate(invalid="ignore"):
        return (X <= 0) if p <= 0 else (X < 0)


def domain_problem(p, child, place, value, normalisation, settings) -> str:
    """Why a mean of power ``p`` cannot take the score ``value`` of the
    indicator ``child`` at ``place`` under its ``normalisation`` (a Method,
    whose advice ends the sentence)."""
    advice = normalisation.advice(settings, child) if normalisation.advice is not None else \
        tr("use the arithmetic mean")
    fields = dict(child=child, value=format(value, "g"), place=place, normalisation=normalisation.title(),
                  advice=advice)
    if p <= 0:
        return tr("it needs scores above zero, and '{child}' scores {value} for {place} under the normalisation "
                  "{normalisation}; {advice}", **fields)
    return tr("it needs scores of zero or more, and '{child}' scores {value} for {place} under the normalisation "
              "{normalisation}; {advice}", **fields)


def needs_domain(power_of):
    """``usable`` of a generalised mean whose power is ``power_of(settings)``:
    the indicators whose scores it cannot take, the first one's place and
    advice."""
    def usable(ctx):
        if ctx.scores is None or not len(ctx.codes):
            return None
        p = power_of(ctx.settings)
        bad = out_of_domain(np.asarray(ctx.scores), p)
        rows = np.flatnonzero(bad.any(axis=(1, 2))) if bad is not None else []
        if not len(rows):
            return None
        j = int(rows[0])
        u, t = (int(v[0]) for v in np.nonzero(bad[j]))
        text = domain_problem(p, ctx.codes[j], describe_place(ctx.unit_codes[u], ctx.periods[t]),
                              float(ctx.scores[j][u, t]), NORMALISATIONS[ctx.normalisations[j]], ctx.settings)
        if len(rows) > 1:
            text = tr("{problem} (also: {codes})", problem=text, codes=list_codes(ctx.codes[k] for k in rows[1:]))
        return text
    return usable
