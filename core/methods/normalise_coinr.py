"""COINr's remaining normalisations: fraction of the maximum, distance to
the maximum, distance to a reference unit, Borda scores and the linear
``scaled`` transform (COINr's ``n_fracmax``, ``n_dist2max``,
``n_dist2ref``, ``n_borda`` and ``n_scaled``).

As for every normalisation here (:mod:`core.methods.normalise`), the
indicator is first multiplied by its direction, as COINr does, and the
statistics are taken within each period, or over all periods at once when
``pooled``.  The methods are declared at the end in
:data:`core.methods.registry.NORMALISATIONS`.
"""
from __future__ import annotations

import numpy as np

from core.errors import ComputeError, SettingsError
from core.methods.excel import if_number, number
from core.methods.normalise import axes, column, flag_degenerate, flag_outside, meta_param, rank_min
from core.methods.registry import CELL, NORMALISATIONS, PERIOD, Method, Parameter
from core.methods.usable import needs_units
from core.text import tr


def n_fracmax(X, d, ctx, out=None):
    """x / max(x)."""
    Y = np.multiply(X, column(d), out=out)
    top = np.fmax.reduce(Y, axis=axes(ctx), keepdims=True)
    flag_degenerate(ctx, top == 0, tr("the maximum is zero"))
    with np.errstate(invalid="ignore", divide="ignore"):
        Y /= np.where(top == 0, np.nan, top)
    return Y


def n_dist2max(X, d, ctx, out=None):
    """1 - (max - x) / (max - min)."""
    Y = np.multiply(X, column(d), out=out)
    ax = axes(ctx)
    lo = np.fmin.reduce(Y, axis=ax, keepdims=True)
    hi = np.fmax.reduce(Y, axis=ax, keepdims=True)
    rng = hi - lo
    flag_degenerate(ctx, rng == 0, tr("all values are equal, so the range is zero"))
    with np.errstate(invalid="ignore", divide="ignore"):
        return 1.0 - (hi - Y) / np.where(rng == 0, np.nan, rng)


def n_dist2ref(X, d, ctx, out=None):
    """1 - (x_ref - x) / (x_ref - min), x_ref the reference unit's value in
    the same period; values beyond the reference capped at 1 with
    ``dist2ref_cap``."""
    ref = ctx.settings.dist2ref_unit
    if ref not in ctx.unit_codes:
        raise ComputeError(tr("normalisation {method}: the reference unit '{unit}' is not a unit of the data "
                              "(set dist2ref_unit to one of {units})", method=NORMALISATIONS["dist2ref"].title(),
                              unit=ref, units=", ".join(str(u) for u in ctx.unit_codes[:8])))
    Y = X * column(d)
    r = Y[:, ctx.unit_codes.index(ref):ctx.unit_codes.index(ref) + 1, :]     # (k, 1, periods)
    lo = np.fmin.reduce(Y, axis=axes(ctx), keepdims=True)
    den = r - lo
    flag_degenerate(ctx, (den == 0).all(axis=2, keepdims=True) if ctx.settings.pooled else den == 0,
                    tr("the reference unit has the lowest value (or none)"))
    with np.errstate(invalid="ignore", divide="ignore"):
        res = 1.0 - (r - Y) / np.where(den == 0, np.nan, den)
    cap = bool(ctx.settings.dist2ref_cap)
    flag_outside(ctx, res > 1, tr("above the reference unit"),
                 [tr("capped at 1") if cap else tr("scored above 1")] * len(ctx.codes))
    return np.where(res > 1, 1.0, res) if cap else res


def n_borda(X, d, ctx, out=None):
    """rank - 1, ties sharing the lowest rank (COINr's ties.method = "min")."""
    Y = X * column(d)
    if ctx.settings.pooled:
        k, U, T = Y.shape
        return rank_min(Y.reshape(k, U * T), axis=1).reshape(k, U, T) - 1.0
    return rank_min(Y, axis=1) - 1.0


def _scaled_bounds(ctx):
    lo_default, hi_default = ctx.settings.scaled_range
    lo, hi = meta_param(ctx, "scaled_lower", lo_default), meta_param(ctx, "scaled_upper", hi_default)
    lo = np.where(np.isnan(lo), lo_default, lo)
    hi = np.where(np.isnan(hi), hi_default, hi)
    for j, code in enumerate(ctx.codes):
        if not hi[j] != lo[j]:
            raise ComputeError(tr("indicator '{code}': the scaled normalisation needs two different bounds (Meta "
                                  "columns scaled_lower and scaled_upper, or the setting scaled_range)", code=code),
                               code=code)
    return column(lo), column(hi)


def n_scaled(X, d, ctx, out=None):
    """(x - l) / (u - l) x 100 with fixed bounds (not the data's min and max)."""
    lo, hi = _scaled_bounds(ctx)
    Y = np.multiply(X, column(d), out=out)
    Y -= lo
    Y /= hi - lo
    Y *= 100.0
    return Y


# ---- formulas ------------------------------------------------------------------------------------------
def _signed(c, r):
    return c.x(r) if c.direction > 0 else f"(-{c.x(r)})"


def _f_fracmax(c):
    def f(r, t):
        top = c.stat("max", t) if c.direction > 0 else f"(-{c.stat('min', t)})"
        return "=" + if_number(c.x(r), f'IF({top}=0,"",{_signed(c, r)}/{top})')
    return f


def _f_dist2max(c):
    def f(r, t):
        mn, mx = c.stat("min", t), c.stat("max", t)
        gap = f"({mx}-{c.x(r)})" if c.direction > 0 else f"({c.x(r)}-{mn})"
        return "=" + if_number(c.x(r), f'IF({mx}={mn},"",1-{gap}/({mx}-{mn}))')
    return f


def _f_scaled(c):
    lo, hi = c.settings.scaled_range
    lo, hi = c.param("scaled_lower", lo), c.param("scaled_upper", hi)
    return lambda r, t: "=" + if_number(c.x(r), f"({_signed(c, r)}-{number(lo)})/({number(hi)}-{number(lo)})*100")


# ---- parameters and the registry entries ------------------------------------------------------------------
def _range(text, where):
    parts = str(text).replace(";", ",").split(",")
    try:
        lo, hi = (float(p) for p in parts)
    except ValueError:
        raise SettingsError(tr("{where}: scaled_range must be two numbers 'l,u', got '{text}'", where=where,
                               text=text), valid=["l,u e.g. 0,100"]) from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo != hi):
        raise SettingsError(tr("{where}: scaled_range needs two different finite numbers, got '{text}'",
                               where=where, text=text), valid=["l,u with l != u"])
    return (lo, hi)


def _text(text, where):
    return str(text).strip()


def _flag(text, where):
    t = str(text).strip().lower()
    if t in ("true", "1", "yes", "on"):
        return True
    if t in ("false", "0", "no", "off", ""):
        return False
    raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; valid values: {valid}", where=where,
                           text=text, key="dist2ref_cap", valid="true, false"), valid=("true", "false"))


def _needs_reference(ctx):
    if not ctx.codes:
        return None
    ref = ctx.settings.dist2ref_unit
    if ref not in ctx.unit_codes:
        return tr("it needs a reference unit of the data: set dist2ref_unit (now '{unit}')", unit=ref)
    return needs_units(ctx)


_register = NORMALISATIONS.register
_register(Method(
    "normalisation", "fracmax", n_fracmax, formula=_f_fracmax, aliases=("frac_max",), scope=PERIOD,
    uses_stats=True, anchor="fracmax", usable=needs_units,
    label={"en": "Fraction of the maximum", "zh": "占最大值比例"},
    text={"en": "fraction of the maximum: value / max", "zh": "占最大值比例：值 / 最大值"}))
_register(Method(
    "normalisation", "dist2max", n_dist2max, formula=_f_dist2max, aliases=("distance_to_max",), scope=PERIOD,
    uses_stats=True, anchor="dist2max", usable=needs_units,
    label={"en": "Distance to the maximum", "zh": "距最大值距离"},
    text={"en": "distance to the maximum: 1 - (max - value) / (max - min)",
          "zh": "距最大值距离：1 − (最大值 − 值) / (最大值 − 最小值)"}))
_register(Method(
    "normalisation", "dist2ref", n_dist2ref, aliases=("distance_to_reference",), scope=PERIOD,
    summary_warnings=True, anchor="dist2ref", usable=_needs_reference,
    parameters=(Parameter("dist2ref_unit", "", _text, "the code of the reference unit"),
                Parameter("dist2ref_cap", False, _flag, "cap scores above the reference at 1 (true/false)",
                          lambda v: "true" if v else "false")),
    label={"en": "Distance to a reference unit", "zh": "距参照单位距离"},
    text={"en": "distance to a reference unit: 1 - (reference - value) / (reference - min) (values, not formulas)",
          "zh": "距参照单位距离：1 − (参照值 − 值) / (参照值 − 最小值)（写入数值，不是公式）"}))
_register(Method(
    "normalisation", "borda", n_borda, scope=PERIOD, anchor="borda", usable=needs_units,
    label={"en": "Borda score", "zh": "博尔达计分"},
    text={"en": "Borda score: rank - 1 (values, not formulas)", "zh": "博尔达计分：排名 − 1（写入数值，不是公式）"}))
_register(Method(
    "normalisation", "scaled", n_scaled, formula=_f_scaled, scope=CELL, anchor="scaled",
    parameters=(Parameter("scaled_range", (0.0, 100.0), _range, "l,u", lambda v: f"{v[0]:g},{v[1]:g}"),),
    label={"en": "Scaled (fixed bounds)", "zh": "固定区间线性变换"},
    text={"en": "scaled: (value - l) / (u - l) x 100 with fixed l and u",
          "zh": "线性变换：(值 − l) / (u − l) × 100（l、u 为固定值）"}))
