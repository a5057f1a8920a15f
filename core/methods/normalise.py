"""Normalisation methods, vectorised over indicators.

Each method takes ``X`` of shape (k, units, periods) (k indicators that share
the method), their directions ``d`` (k,), a :class:`NormContext` and an
optional output array, and returns the normalised array.  As in COINr, the
direction multiplies the indicator before scaling (targets and goalposts are
multiplied too); the fixed-base index inverts the ratio instead, since a sign
flip has no meaning for a ratio to a base value.

Statistics (min, max, mean, sd, ranks) are taken over the units of each
period, or over all units and periods when ``pooled`` (COINr's
``global = TRUE``).

Each method is declared once, at the end, in
:data:`core.methods.registry.NORMALISATIONS`: its function, parameters,
reach, Excel formula writer and texts.
"""
from __future__ import annotations

import math
import warnings as _warnings
from dataclasses import dataclass, field

import numpy as np

from core.errors import ComputeError, SettingsError, describe_place
from core.methods.excel import if_number, number
from core.methods.registry import CELL, NORMALISATIONS, PERIOD, UNIT, Method, Parameter, number_param
from core.methods.usable import (advise_dist2target, advise_fixed_base, advise_goalposts, advise_minmax, advise_none,
                                 advise_prank, advise_zscore, needs_goalposts, needs_targets, needs_units)
from core.text import tr


@dataclass
class NormContext:
    settings: object
    periods: list                   # the periods of X's last axis
    unit_codes: list                # the units of X's middle axis
    codes: list                     # the k indicator codes
    params: list                    # the k nodes' Meta params
    base_index: np.ndarray = None   # (k,) index into ``periods`` of each indicator's base
    warnings: list = field(default_factory=list)

    def warn(self, kind, code, message, period=None):
        self.warnings.append({"kind": kind, "code": code, "unit": None, "period": period, "message": message})


def _axes(ctx):
    return (1, 2) if ctx.settings.pooled else (1,)


def _quiet(fn, *a, **kw):
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", RuntimeWarning)
        return fn(*a, **kw)


def _col(a):
    """(k,) -> (k, 1, 1) for broadcasting against (k, units, periods)."""
    return np.asarray(a, dtype=float).reshape(-1, 1, 1)


def _param(ctx, name, default=None):
    """Per-indicator Meta parameter as a (k,) float array."""
    out = np.empty(len(ctx.codes))
    for j, p in enumerate(ctx.params):
        v = p.get(name, default)
        try:
            out[j] = float(v) if v is not None and v == v else np.nan
        except (TypeError, ValueError):
            raise ComputeError(tr("Meta column {column} of indicator '{code}': '{value}' is not a number",
                                  column=name, code=ctx.codes[j], value=v), code=ctx.codes[j]) from None
    return out


def _flag_degenerate(ctx, mask, what):
    """Warn for every (indicator, period) whose statistic is undefined;
    ``mask`` has shape (k, 1, periods) or (k, 1, 1)."""
    if not mask.any():
        return
    for j, t in zip(*np.nonzero(mask[:, 0, :])):
        period = None if ctx.settings.pooled else ctx.periods[t]
        if ctx.settings.pooled or period is None:
            text = tr("indicator '{code}': {what}; its normalised values are missing", code=ctx.codes[j], what=what)
        else:
            text = tr("indicator '{code}' in period {period}: {what}; its normalised values are missing",
                      code=ctx.codes[j], period=period, what=what)
        ctx.warn("undefined", ctx.codes[j], text, period)


def _flag_outside(ctx, mask, what, action):
    """One 'out_of_range' warning per indicator with values outside the
    method's reference range, naming the first unit and period."""
    for j in np.flatnonzero(mask.any(axis=(1, 2))):
        u, t = (int(v[0]) for v in np.nonzero(mask[j]))
        n = int(mask[j].sum())
        ctx.warnings.append({"kind": "out_of_range", "code": ctx.codes[j], "unit": ctx.unit_codes[u],
                             "period": ctx.periods[t],
                             "message": tr("indicator '{code}': {n} value(s) {what} (first: {place}), {action}",
                                           code=ctx.codes[j], n=n, what=what, action=action[j],
                                           place=describe_place(ctx.unit_codes[u], ctx.periods[t]))})


def n_minmax(X, d, ctx, out=None):
    ax = _axes(ctx)
    mn = np.fmin.reduce(X, axis=ax, keepdims=True)       # skips missing values, NaN if all missing
    mx = np.fmax.reduce(X, axis=ax, keepdims=True)
    d3 = _col(d)
    lo = np.where(d3 > 0, mn, -mx)                        # min of d * x
    rng = mx - mn
    _flag_degenerate(ctx, rng == 0, tr("all values are equal, so the min-max range is zero"))
    l_default, u_default = ctx.settings.minmax_range
    lower = _param(ctx, "minmax_lower", l_default)
    upper = _param(ctx, "minmax_upper", u_default)
    lower = _col(np.where(np.isnan(lower), l_default, lower))
    upper = _col(np.where(np.isnan(upper), u_default, upper))
    # (d x - min) / (max - min) * (U - L) + L, in place on one buffer
    out = np.multiply(X, d3, out=out)
    out -= lo
    with np.errstate(invalid="ignore", divide="ignore"):
        out /= np.where(rng == 0, np.nan, rng)
    out *= upper - lower
    out += lower
    return out


def n_zscore(X, d, ctx, out=None):
    Y = np.multiply(X, _col(d), out=out)
    ax = _axes(ctx)
    n = np.sum(~np.isnan(Y), axis=ax, keepdims=True)
    _scale_down(Y, ax)                  # z-scores do not change; sums of values near 1e308 do not overflow
    mean = _quiet(np.nanmean, Y, axis=ax, keepdims=True)
    sd = _quiet(np.nanstd, Y, axis=ax, keepdims=True, ddof=1)
    bad = (n < 2) | (sd == 0)
    _flag_degenerate(ctx, bad & (n > 0), tr("fewer than two values or zero standard deviation"))
    Y -= mean
    with np.errstate(invalid="ignore", divide="ignore"):
        Y /= np.where(bad, np.nan, sd)
    Y *= ctx.settings.zscore_sd
    Y += ctx.settings.zscore_mean
    return Y


def _scale_down(Y, ax):
    """Divide ``Y`` in place by its largest absolute value along ``ax``
    (where that is finite and not zero): a scale-free statistic is the same,
    and its sums of squares stay finite."""
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore", RuntimeWarning)
        top = np.nanmax(np.abs(Y), axis=ax, keepdims=True)
    ok = np.isfinite(top) & (top > 0)
    Y /= np.where(ok, top, 1.0)


def rank_min(a, axis=0, descending=False):
    """Ranks along ``axis`` with ties sharing the lowest rank (R's
    ``ties.method = "min"``); NaN stays NaN.  Works on any shape."""
    a = np.ascontiguousarray(np.moveaxis(np.asarray(a, dtype=float), axis, -1))
    key = -a if descending else a
    order = np.argsort(key, axis=-1)          # ties get one rank, so the sort need not be stable
    s = np.take_along_axis(key, order, axis=-1)
    n = s.shape[-1]
    start = np.ones(s.shape, dtype=bool)
    if n > 1:
        np.not_equal(s[..., 1:], s[..., :-1], out=start[..., 1:])
    pos = np.where(start, np.arange(n), 0)
    first = np.maximum.accumulate(pos, axis=-1).astype(float)
    first += 1.0
    first[np.isnan(s)] = np.nan
    out = np.empty_like(first)
    np.put_along_axis(out, order, first, axis=-1)
    return np.moveaxis(out, -1, axis)


def _ranks(X, d, ctx):
    Y = X * _col(d)
    if ctx.settings.pooled:
        k, U, T = Y.shape
        return rank_min(Y.reshape(k, U * T), axis=1).reshape(k, U, T), Y
    return rank_min(Y, axis=1), Y


def n_rank(X, d, ctx, out=None):
    return _ranks(X, d, ctx)[0]


def n_prank(X, d, ctx, out=None):
    r, Y = _ranks(X, d, ctx)
    n = np.sum(~np.isnan(Y), axis=_axes(ctx), keepdims=True)
    _flag_degenerate(ctx, n == 1, tr("only one value, so percentile ranks are undefined"))
    with np.errstate(invalid="ignore", divide="ignore"):
        return (r - 1) / np.where(n > 1, n - 1, np.nan)


def n_goalposts(X, d, ctx, out=None):
    lo = _param(ctx, "goalpost_lower")
    hi = _param(ctx, "goalpost_upper")
    scale = _param(ctx, "goalpost_scale", 1.0)
    scale = _col(np.where(np.isnan(scale), 1.0, scale))
    for j, code in enumerate(ctx.codes):
        if not lo[j] < hi[j]:
            raise ComputeError(tr("indicator '{code}': goalposts normalisation needs a lower goalpost below the "
                                  "upper one (Meta columns goalpost_lower and goalpost_upper)", code=code), code=code)
    trunc = np.array([str(p.get("goalpost_trunc2posts", True)).strip().lower() not in ("false", "0", "no")
                      for p in ctx.params])
    # COINr: (x - low)/(high - low), and (x - high)/(low - high) for direction -1
    a = _col(np.where(d > 0, lo, hi))
    b = _col(np.where(d > 0, hi, lo))
    Y = (X - a) / (b - a)
    t = trunc.reshape(-1, 1, 1)
    _flag_outside(ctx, (Y < 0) | (Y > 1), tr("outside its goalposts"),
                  [tr("truncated to the nearest goalpost") if t else tr("kept beyond the goalposts") for t in trunc])
    Y = np.where(t & (Y > 1), 1.0, Y)
    Y = np.where(t & (Y < 0), 0.0, Y)
    return Y * scale


def n_dist2target(X, d, ctx, out=None):
    targ = _param(ctx, "Target")
    for j, code in enumerate(ctx.codes):
        if np.isnan(targ[j]):
            raise ComputeError(tr("indicator '{code}': distance-to-target normalisation needs a number in the "
                                  "Meta column Target", code=code), code=code)
    cap = np.array([str(p.get("dist2targ_cap_max", False)).strip().lower() in ("true", "1", "yes")
                    for p in ctx.params])
    d3 = _col(d)
    Y = X * d3
    tY = _col(targ) * d3
    lo = np.fmin.reduce(Y, axis=_axes(ctx), keepdims=True)
    den = tY - lo
    _flag_degenerate(ctx, den == 0, tr("the target equals the worst value"))
    with np.errstate(invalid="ignore", divide="ignore"):
        res = (Y - lo) / np.where(den == 0, np.nan, den)
    _flag_outside(ctx, res > 1, tr("beyond its target"),
                  [tr("capped at 1") if c else tr("scored above 1") for c in cap])
    return np.where(cap.reshape(-1, 1, 1) & (res > 1), 1.0, res)


def n_none(X, d, ctx, out=None):
    return np.multiply(X, _col(d), out=out)


def n_fixed_base(X, d, ctx, out=None):
    """100 x_t / x_base, or 100 x_base / x_t where less is better.  A base
    value that is missing, zero or negative is an error (for units that have
    any value of the indicator), never an infinite index."""
    k = X.shape[0]
    tb = ctx.base_index
    base = X[np.arange(k), :, tb]                        # (k, units)
    bad = ~(base > 0)
    if bad.any():
        for j, u in zip(*np.nonzero(bad)):
            if np.isnan(X[j, u]).all():
                continue                                 # a unit without this indicator: just missing
            v = base[j, u]
            what = tr("missing") if np.isnan(v) else \
                (tr("zero") if v == 0 else tr("negative ({value})", value=format(v, "g")))
            period = ctx.periods[tb[j]]
            raise ComputeError(tr("normalisation {method}: the base value of {place} is {what}; a fixed-base index "
                                  "needs a value above zero in the base period (choose another base year for this "
                                  "indicator, or another normalisation)", method=NORMALISATIONS["fixed_base"].title(),
                                  place=describe_place(ctx.unit_codes[u], period, ctx.codes[j]), what=what),
                               code=ctx.codes[j], unit=ctx.unit_codes[u], period=period)
    for j in np.flatnonzero(d < 0):
        badx = ~(X[j] > 0) & ~np.isnan(X[j])
        if badx.any():
            u, t = (int(v[0]) for v in np.nonzero(badx))
            raise ComputeError(
                tr("normalisation {method}: {place} is {value}; an indicator where less is better is inverted "
                   "(base / value), so its values must be above zero", method=NORMALISATIONS["fixed_base"].title(),
                   place=describe_place(ctx.unit_codes[u], ctx.periods[t], ctx.codes[j]),
                   value=format(X[j, u, t], "g")),
                code=ctx.codes[j], unit=ctx.unit_codes[u], period=ctx.periods[t])
    if out is None:
        out = np.empty(X.shape)
    with np.errstate(invalid="ignore", divide="ignore"):
        for j in range(k):
            if d[j] > 0:
                np.divide(X[j], base[j][:, None], out=out[j])
            else:
                np.divide(base[j][:, None], X[j], out=out[j])
    out *= 100.0
    return out


# ---- the registry entries ----------------------------------------------------------------------------
def _minmax_range(text, where):
    parts = str(text).replace(";", ",").split(",")
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise SettingsError(tr("{where}: minmax_range must be two numbers 'L,U', got '{text}'", where=where,
                               text=text), valid=["L,U e.g. 0,100"]) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise SettingsError(tr("{where}: minmax_range needs finite L < U, got '{text}'", where=where, text=text),
                            valid=["L,U with L < U"])
    return (lo, hi)


def _pooled_where(settings, lang):
    if settings.pooled:
        return "所有时期合并计算" if lang == "zh" else "over all periods at once (pooled)"
    return "每个时期分别计算" if lang == "zh" else "within each period"


def _f_fixed_base(c):
    def f(r, t):
        b = c.base(r, t)
        ratio = f"{c.x(r)}/{b}" if c.direction > 0 else f"{b}/{c.x(r)}"
        return "=" + if_number(c.x(r), f"{ratio}*100")
    return f


def _f_minmax(c):
    lo, hi = c.settings.minmax_range
    lo, hi = c.param("minmax_lower", lo), c.param("minmax_upper", hi)

    def f(r, t):
        mn, mx = c.stat("min", t), c.stat("max", t)
        num = f"({c.x(r)}-{mn})" if c.direction > 0 else f"({mx}-{c.x(r)})"
        return "=" + if_number(c.x(r), f'IF({mx}={mn},"",{num}/({mx}-{mn})*({number(hi)}-{number(lo)})+{number(lo)})')
    return f


def _note_minmax(st, lang):
    lo, hi = st.minmax_range
    where = _pooled_where(st, lang)
    if lang == "zh":
        return f"极差区间 L = {lo:g}，U = {hi:g}；最小值与最大值{where}。"
    return f"Min-max range L = {lo:g}, U = {hi:g}; min and max taken {where}."


def _f_zscore(c):
    st = c.settings

    def f(r, t):
        mean, sd = c.stat("mean", t), c.stat("sd", t)
        num = f"({c.x(r)}-{mean})" if c.direction > 0 else f"({mean}-{c.x(r)})"
        z = f"{num}/{sd}*{number(st.zscore_sd)}+{number(st.zscore_mean)}"
        return "=" + if_number(c.x(r), f'IF({c.stat("count", t)}<2,"",IF({sd}=0,"",{z}))')
    return f


def _note_zscore(st, lang):
    where = _pooled_where(st, lang)
    if lang == "zh":
        return f"Z 分数的均值与标准差{where}。"
    return f"z-score mean and standard deviation taken {where}."


def _f_goalposts(c):
    glo, ghi = c.param("goalpost_lower", math.nan), c.param("goalpost_upper", math.nan)
    scale = c.param("goalpost_scale", 1.0)
    trunc = c.flag("goalpost_trunc2posts", True)
    a, b = (glo, ghi) if c.direction > 0 else (ghi, glo)

    def f(r, t):
        y = f"({c.x(r)}-{number(a)})/({number(b)}-{number(a)})"
        if trunc:
            y = f"MAX(0,MIN(1,{y}))"
        return "=" + if_number(c.x(r), f"{y}*{number(scale)}")
    return f


def _f_dist2target(c):
    targ = c.param("Target", math.nan)
    cap = c.flag("dist2targ_cap_max", False)

    def f(r, t):
        if c.direction > 0:
            mn = c.stat("min", t)
            num, den = f"({c.x(r)}-{mn})", f"({number(targ)}-{mn})"
        else:
            mx = c.stat("max", t)
            num, den = f"({mx}-{c.x(r)})", f"({mx}-{number(targ)})"
        y = f"{num}/{den}"
        if cap:
            y = f"MIN(1,{y})"
        return "=" + if_number(c.x(r), f'IF({den}=0,"",{y})')
    return f


def _f_none(c):
    return lambda r, t: "=" + if_number(c.x(r), c.x(r) if c.direction > 0 else f"-{c.x(r)}")


_register = NORMALISATIONS.register
_register(Method(
    "normalisation", "fixed_base", n_fixed_base, formula=_f_fixed_base, aliases=("fixedbase",),
    scope=UNIT, needs_base_year=True, anchor="fixed_base", advice=advise_fixed_base,
    label={"en": "Fixed base (base year = 100)", "zh": "定基（基期 = 100）"},
    text={"en": "fixed-base index: 100 x value / value in the base period (100 x base / value where less is better)",
          "zh": "定基指数：100 × 当期值 / 基期值（逆向指标为 100 × 基期值 / 当期值）"}))
_register(Method(
    "normalisation", "minmax", n_minmax, formula=_f_minmax, aliases=("min_max",), scope=PERIOD, uses_stats=True,
    anchor="minmax", note=_note_minmax, usable=needs_units, advice=advise_minmax,
    parameters=(Parameter("minmax_range", (0.0, 100.0), _minmax_range, "L,U", lambda v: f"{v[0]:g},{v[1]:g}"),),
    label={"en": "Min-max", "zh": "极差标准化"},
    text={"en": "min-max: (value - min) / (max - min) x (U - L) + L, with (max - value) where less is better",
          "zh": "极差标准化：(值 − 最小值) / (最大值 − 最小值) × (U − L) + L（逆向指标用 最大值 − 值）"}))
_register(Method(
    "normalisation", "zscore", n_zscore, formula=_f_zscore, aliases=("z_score",), scope=PERIOD, uses_stats=True,
    anchor="zscore", note=_note_zscore, usable=needs_units, advice=advise_zscore,
    parameters=(number_param("zscore_mean", 0.0, "the mean of the z-scores"),
                number_param("zscore_sd", 1.0, "the standard deviation of the z-scores (> 0)", positive=True)),
    label={"en": "Z-score", "zh": "Z 分数"},
    text={"en": "z-score: (value - mean) / sample standard deviation x sd + mean (mean - value where less is better)",
          "zh": "Z 分数：(值 − 均值) / 样本标准差 × sd + mean（逆向指标用 均值 − 值）"}))
_register(Method(
    "normalisation", "rank", n_rank, scope=PERIOD, anchor="rank", usable=needs_units,
    label={"en": "Rank", "zh": "排名"},
    text={"en": "rank among the units (values, not formulas)", "zh": "排名（写入数值，不是公式）"}))
_register(Method(
    "normalisation", "prank", n_prank, scope=PERIOD, anchor="prank", usable=needs_units, advice=advise_prank,
    label={"en": "Percentile rank", "zh": "百分位排名"},
    text={"en": "percentile rank (values, not formulas)", "zh": "百分位排名（写入数值，不是公式）"}))
_register(Method(
    "normalisation", "goalposts", n_goalposts, formula=_f_goalposts, scope=CELL, summary_warnings=True,
    anchor="goalposts", usable=needs_goalposts, advice=advise_goalposts,
    label={"en": "Goalposts", "zh": "目标区间（goalposts）"},
    text={"en": "goalposts: (value - low) / (high - low), truncated to 0..1, times the scale",
          "zh": "阈值法：(值 − 下限) / (上限 − 下限)，截断到 0..1，再乘以比例"}))
_register(Method(
    "normalisation", "dist2target", n_dist2target, formula=_f_dist2target,
    aliases=("distance_to_target", "dist2targ"), scope=PERIOD, summary_warnings=True, uses_stats=True,
    anchor="dist2target", usable=needs_targets, advice=advise_dist2target,
    label={"en": "Distance to target", "zh": "距目标距离"},
    text={"en": "distance to target: (value - worst) / (target - worst)",
          "zh": "目标距离法：(值 − 最差值) / (目标值 − 最差值)"}))
_register(Method(
    "normalisation", "none", n_none, formula=_f_none, scope=CELL, anchor="none", advice=advise_none,
    label={"en": "None (raw values)", "zh": "不标准化（原始值）"},
    text={"en": "no normalisation (the value times its direction)", "zh": "不标准化（值乘以方向）"}))


# the helpers other normalisation modules share (core.methods.normalise_coinr)
axes, column, meta_param, flag_degenerate, flag_outside = _axes, _col, _param, _flag_degenerate, _flag_outside
