"""Outlier treatment and per-indicator transforms, as COINr does them.

An indicator (one vector of values, missing as NaN) passes when
``|skewness| < skew_thresh`` or ``kurtosis < kurt_thresh`` (Excel's SKEW and
KURT, the sample-adjusted forms COINr's ``skew`` and ``kurt`` use).  One that
fails is winsorised: the highest values (lowest when the skew is negative)
are set to the next value in, one step at a time, re-checking after each,
up to ``winmax`` points.  If it still fails, the winsorisation is dropped and
COINr's ``log_CT`` transform of the original values is used instead:
``ln(x - min + 0.01 (max - min))``.

The Meta column ``Transform`` (``log``, ``sqrt``) transforms one indicator
before everything else; see :func:`transform`.
"""
from __future__ import annotations

import numpy as np

from core.methods.registry import TREATMENTS, Method, Parameter, number_param
from core.errors import SettingsError
from core.text import tr

TRANSFORMS = ("log", "sqrt")


def skew(x) -> float:
    """Sample skewness (Excel's SKEW) of the finite values; NaN below 3 values."""
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    n = x.size
    if n < 3:
        return float("nan")
    d = x - x.mean()
    s2 = np.sum(d * d)
    if s2 == 0:
        return 0.0
    return float(np.sqrt(n) * np.sum(d ** 3) / s2 ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2))


def kurt(x) -> float:
    """Sample excess kurtosis (Excel's KURT) of the finite values; NaN below 4 values."""
    x = np.asarray(x, dtype=float)
    x = x[np.isfinite(x)]
    n = x.size
    if n < 4:
        return float("nan")
    d = x - x.mean()
    s2 = np.sum(d * d)
    if s2 == 0:
        return 0.0
    r = n * np.sum(d ** 4) / s2 ** 2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def check(x, skew_thresh=2.0, kurt_thresh=3.5) -> tuple[bool, float, float]:
    """(passes, skewness, kurtosis): passes when |skew| < skew_thresh or
    kurtosis < kurt_thresh (too few values to tell: passes)."""
    s, k = skew(x), kurt(x)
    if not (np.isfinite(s) and np.isfinite(k)):
        return True, s, k
    return bool(abs(s) < skew_thresh or k < kurt_thresh), s, k


def winsorise(x, winmax=5, skew_thresh=2.0, kurt_thresh=3.5):
    """COINr's ``winsorise``: returns (values, number winsorised, indices set
    at the high end, indices set at the low end).

    Each step replaces every value equal to the current extreme on the side
    of the skew with the next value in (ties go together).  The count and
    the recorded points are those at the extreme after the last step on each
    side (points winsorised earlier are tied with it by then), as COINr
    counts them."""
    x = np.array(x, dtype=float)
    ok = np.isfinite(x)
    hi = lo = np.array([], dtype=int)
    nwin = 0
    passing = check(x, skew_thresh, kurt_thresh)[0]
    while not passing and nwin < winmax:
        if skew(x) >= 0:
            top = np.nanmax(x)
            hi = np.flatnonzero(ok & (x == top))
            rest = np.delete(x, hi)
            if not np.isfinite(rest).any():
                break
            x[hi] = np.nanmax(rest)
        else:
            bottom = np.nanmin(x)
            lo = np.flatnonzero(ok & (x == bottom))
            rest = np.delete(x, lo)
            if not np.isfinite(rest).any():
                break
            x[lo] = np.nanmin(rest)
        nwin = hi.size + lo.size
        passing = check(x, skew_thresh, kurt_thresh)[0]
    return x, nwin, hi, lo


def log_ct(x, lo=None, hi=None):
    """COINr's ``log_CT``: ln(x - min + 0.01 (max - min)); ``lo``/``hi``
    give the min and max to use (those of the data by default), so
    goalposts can be moved by the same shift."""
    x = np.asarray(x, dtype=float)
    lo = np.nanmin(x) if lo is None else lo
    hi = np.nanmax(x) if hi is None else hi
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log(x - lo + 0.01 * (hi - lo))


def treat_vector(x, settings) -> dict:
    """Treat one indicator's values (1-D) by the setting ``treatment``.

    Returns {"x": treated values, "action": "none" | "passed" |
    "winsorised" | "log", "skew", "kurt" (before), "skew_after",
    "kurt_after", "nwin", "high", "low" (indices of treated points)}."""
    sk, kt = float(settings.skew_thresh), float(settings.kurt_thresh)
    passed, s0, k0 = check(x, sk, kt)
    out = {"x": np.array(x, dtype=float), "action": "passed", "skew": s0, "kurt": k0, "skew_after": None,
           "kurt_after": None, "nwin": 0, "high": [], "low": []}
    if passed:
        return out
    y, nwin, hi, lo = winsorise(x, int(settings.winmax), sk, kt)
    ok, s1, k1 = check(y, sk, kt)
    if ok:
        out.update(x=y, action="winsorised", skew_after=s1, kurt_after=k1, nwin=int(nwin), high=hi.tolist(),
                   low=lo.tolist())
        return out
    y = log_ct(x)
    _, s2, k2 = check(y, sk, kt)
    out.update(x=y, action="log", skew_after=s2, kurt_after=k2)
    return out


def transform(name: str, x, posts=()):
    """Transform one indicator's values ``x`` and its goalposts / targets
    ``posts`` (numbers in the indicator's units, or None) by ``name``:
    ``log`` is the natural log, or COINr's ``log_CT`` (the shift taken from
    the data) when a value is zero or negative; ``sqrt`` the square root
    (values below zero cannot take it: ComputeError by the caller).
    Returns (values, posts, what was done: 'log', 'log_ct' or 'sqrt')."""
    x = np.asarray(x, dtype=float)
    posts = [None if p is None else float(p) for p in posts]
    if name == "sqrt":
        with np.errstate(invalid="ignore"):
            return np.sqrt(x), [None if p is None else float(np.sqrt(p)) if p >= 0 else None for p in posts], "sqrt"
    if np.nanmin(x, initial=np.inf) > 0 and all(p is None or p > 0 for p in posts):
        return np.log(x), [None if p is None else float(np.log(p)) for p in posts], "log"
    lo, hi = np.nanmin(x), np.nanmax(x)
    moved = [None if p is None else float(log_ct(np.array([p]), lo, hi)[0]) for p in posts]
    return log_ct(x, lo, hi), [None if p is None or not np.isfinite(p) else p for p in moved], "log_ct"


def transform_name(text, code) -> str | None:
    """The Meta ``Transform`` of indicator ``code`` ('log', 'sqrt' or None
    when blank), or a SettingsError naming it."""
    t = "" if text is None else str(text).strip().lower()
    if t in ("", "none", "nan"):
        return None
    if t in ("ln", "log_ct"):
        t = "log"
    if t not in TRANSFORMS:
        raise SettingsError(tr("Meta, column Transform of '{code}': '{text}' is not a transform; valid: {valid}",
                               code=code, text=text, valid=", ".join(TRANSFORMS)), valid=list(TRANSFORMS))
    return t


# ---- the registry entries ------------------------------------------------------------------------------
def _int_param(key, default, help):
    def parse(text, where):
        try:
            x = float(text)
        except (TypeError, ValueError):
            x = float("nan")
        if not (np.isfinite(x) and x.is_integer() and x >= 0):
            raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; it must be a whole number "
                                   ">= 0", where=where, text=text, key=key), valid=["a whole number >= 0"])
        return int(x)
    return Parameter(key, int(default), parse, help, str)


TREATMENTS.register(Method(
    "treatment", "none", anchor="treatment_none",
    label={"en": "No outlier treatment", "zh": "不处理离群值"},
    text={"en": "values are used as they are", "zh": "按原值使用"}))
TREATMENTS.register(Method(
    "treatment", "winsorise", aliases=("winsorize", "coinr"), anchor="winsorise",
    parameters=(_int_param("winmax", 5, "most points winsorised per indicator"),
                number_param("skew_thresh", 2.0, "an indicator passes when |skewness| is below this", positive=True),
                number_param("kurt_thresh", 3.5, "... or when its kurtosis is below this")),
    label={"en": "Winsorise, else log (COINr)", "zh": "缩尾，否则取对数（COINr）"},
    text={"en": "if |skew| >= 2 and kurtosis >= 3.5: winsorise up to winmax points from the side of the skew; "
                "if that fails, ln(x - min + 0.01 (max - min)) of the original values",
          "zh": "若 |偏度| ≥ 2 且峰度 ≥ 3.5：从偏斜一侧缩尾至多 winmax 个点；仍不通过则对原值取 "
                "ln(x − min + 0.01(max − min))"}))
