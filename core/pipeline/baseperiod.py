"""The base period of each indicator: the period a fixed-base index divides
by, and growth's starting point when no ``base_year`` is set.

The order of precedence for an indicator is the setting ``base_year.CODE``,
then its Meta ``BaseYear``, then the setting ``base_year``, then the default
base (:func:`default_base`).  A period that is not in the data is a
:class:`core.errors.PeriodSettingError` naming the valid periods when it
comes from a setting, else a :class:`core.errors.ComputeError`.
"""
from __future__ import annotations

import numpy as np

from core.errors import ComputeError, PeriodSettingError
from core.methods.registry import NORMALISATIONS
from core.text import tr


def default_base(framework, dataset, settings, methods):
    """The base period when none is set: the first period where every
    indicator has a value (an indicator normalised to a fixed base with
    its own default base: a positive value for every unit that has the
    indicator), else the first of those where most indicators do.
    ``methods`` is each indicator's normalisation.  Returns (period index,
    codes without a base value there)."""
    fw, st = framework, settings
    X = dataset.values                                   # (units, periods, indicators)
    T = X.shape[1]
    if T == 0 or X.shape[2] == 0:
        return 0, []
    seen = ~np.isnan(X)
    ok = seen.any(axis=0)                                # (periods, indicators)
    for i, code in enumerate(fw.indicator_codes):
        own = fw[code].params.get("BaseYear")
        if (NORMALISATIONS[methods[i]].needs_base_year and code not in st.base_year_by
                and (own is None or str(own).strip() == "")):
            has = seen[:, :, i].any(axis=1)              # units that have the indicator
            with np.errstate(invalid="ignore"):
                pos = X[has, :, i] > 0
            ok[:, i] = has.any() & pos.all(axis=0)
    count = ok.sum(axis=1)
    t = int(np.argmax(count))                            # the first period with the most
    return t, [c for c, good in zip(fw.indicator_codes, ok[t]) if not good]


def period_index(dataset, period, what, code=None) -> int:
    """The index of ``period``; one not in the data is a SettingsError
    (exit 2, the periods listed) when ``what`` is the base_year setting,
    else a ComputeError."""
    periods = dataset.periods
    if period in dataset.period_index:
        return dataset.period_index[period]
    listed = ", ".join(str(p) for p in periods)
    if what == "base_year":
        text = tr("setting {what}: {period} is not a period of the data; valid: {listed}", what=what,
                  period=period, listed=listed) if code is None else \
            tr("setting {what}.{code} (indicator '{code}'): {period} is not a period of the data; valid: "
               "{listed}", what=what, code=code, period=period, listed=listed)
        raise PeriodSettingError(text, valid=[str(p) for p in periods], code=code, period=period)
    if code:
        raise ComputeError(tr("{what} of indicator '{code}' is {period}, which is not a period of the data "
                              "({listed})", what=what, code=code, period=period, listed=listed),
                           code=code, period=period)
    raise ComputeError(tr("{what} is {period}, which is not a period of the data ({listed})", what=what,
                          period=period, listed=listed), period=period)


def base_index(framework, dataset, settings, code, default: int) -> int:
    """The index of the base period of indicator ``code`` (``default``: the
    default base's index)."""
    st = settings
    if code in st.base_year_by:
        return period_index(dataset, st.base_year_by[code], "base_year", code)
    own = framework[code].params.get("BaseYear")
    if own is not None and str(own).strip() != "":
        try:
            own = int(float(own))
        except (TypeError, ValueError):
            pass
        return period_index(dataset, own, tr("the BaseYear column"), code)
    if st.base_year is not None:
        return period_index(dataset, st.base_year, "base_year")
    return default
