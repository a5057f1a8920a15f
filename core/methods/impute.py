"""Imputation: filling an indicator's missing values.

Each method is ``f(V, groups) -> V`` on one indicator's values ``V`` of
shape (units, periods), missing as NaN; ``groups`` is the (units, periods)
array of the group column named by ``imputation_group`` (None when no group
is used).  Cross-section methods (mean, median and their group forms) work
within each period, as COINr's ``i_mean``, ``i_median``, ``i_mean_grp`` and
``i_median_grp`` do on one period's data; ``locf`` and ``linear`` work along
each unit's periods.  A value no method can fill stays missing.
"""
from __future__ import annotations

import warnings

import numpy as np

from core.methods.registry import IMPUTATIONS, Method, Parameter


def _fill_with(V, stat):
    out = V.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)     # an all-missing period stays missing
        value = stat(V, axis=0)
    gaps = np.isnan(out)
    out[gaps] = np.broadcast_to(value, V.shape)[gaps]
    return out


def i_mean(V, groups=None):
    return _fill_with(V, np.nanmean)


def i_median(V, groups=None):
    return _fill_with(V, np.nanmedian)


def _by_group(V, groups, stat):
    if groups is None:
        return _fill_with(V, stat)
    out = V.copy()
    for t in range(V.shape[1]):
        g = np.array(["" if x is None else str(x) for x in groups[:, t]], dtype=object)
        for label in set(g):
            rows = np.flatnonzero(g == label)
            col = V[rows, t]
            gaps = np.isnan(col)
            if gaps.any() and not gaps.all():
                out[rows[gaps], t] = stat(col[~gaps])
    return out


def i_group_mean(V, groups=None):
    return _by_group(V, groups, np.nanmean)


def i_group_median(V, groups=None):
    return _by_group(V, groups, np.nanmedian)


def i_locf(V, groups=None):
    """Last value carried forward along each unit's periods; the first value
    carried back before it."""
    out = V.copy()
    for u in range(V.shape[0]):
        row = out[u]
        ok = np.flatnonzero(~np.isnan(row))
        if ok.size == 0:
            continue
        idx = np.maximum.accumulate(np.where(~np.isnan(row), np.arange(row.size), -1))
        idx[idx < 0] = ok[0]
        out[u] = row[idx]
    return out


def i_linear(V, groups=None):
    """Linear interpolation between a unit's periods (by position); the
    ends take the nearest value."""
    out = V.copy()
    pos = np.arange(V.shape[1], dtype=float)
    for u in range(V.shape[0]):
        ok = ~np.isnan(V[u])
        if ok.any() and not ok.all():
            out[u] = np.interp(pos, pos[ok], V[u, ok])
    return out


def _group_param():
    def parse(text, where):
        return str(text).strip()
    return Parameter("imputation_group", "", parse, "the group column of group_mean and group_median", str)


def _register(name, function, label, text, **kw):
    IMPUTATIONS.register(Method("imputation", name, function, anchor="impute_" + name, label=label, text=text,
                                **kw))


_register("none", None, {"en": "No imputation", "zh": "不插补"},
          {"en": "missing values stay missing", "zh": "缺失值保持缺失"})
_register("mean", i_mean, {"en": "Mean of the period", "zh": "当期均值"},
          {"en": "a missing value takes the mean of the indicator in its period", "zh": "缺失值取该指标当期均值"})
_register("median", i_median, {"en": "Median of the period", "zh": "当期中位数"},
          {"en": "a missing value takes the median of the indicator in its period",
           "zh": "缺失值取该指标当期中位数"})
_register("group_mean", i_group_mean, {"en": "Group mean", "zh": "组内均值"},
          {"en": "a missing value takes the mean of its group (imputation_group) in its period",
           "zh": "缺失值取其所在组（imputation_group）当期均值"},
          aliases=("mean_group",), parameters=(_group_param(),))
_register("group_median", i_group_median, {"en": "Group median", "zh": "组内中位数"},
          {"en": "a missing value takes the median of its group (imputation_group) in its period",
           "zh": "缺失值取其所在组（imputation_group）当期中位数"}, aliases=("median_group",))
_register("locf", i_locf, {"en": "Last value carried forward", "zh": "沿用上期值"},
          {"en": "a missing value takes the unit's last earlier value (the first value before it)",
           "zh": "缺失值取该单元上一期的值（首期之前取首个值）"})
_register("linear", i_linear, {"en": "Linear interpolation", "zh": "线性插值"},
          {"en": "a missing value is interpolated between the unit's periods; the ends take the nearest value",
           "zh": "缺失值在该单元前后期之间线性插值；两端取最近的值"})
