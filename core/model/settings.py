"""Method settings: normalisation, aggregation, weighting and their parameters.

Defaults are COINr's (min-max to 0-100 within each period, weighted arithmetic
mean, the framework's weights) so that COINr users get COINr's numbers.
Settings are set from text with :meth:`Settings.apply` (the ``--set KEY=VALUE``
of the command line and the rows of a ``Settings`` sheet); an unknown key or
value raises :class:`SettingsError` listing the valid ones.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

from core.errors import SettingsError

NORMALISATIONS = ("fixed_base", "minmax", "zscore", "rank", "prank", "goalposts", "dist2target", "none")
AGGREGATIONS = ("arithmetic", "geometric", "harmonic", "generalised")
WEIGHTINGS = ("manual", "equal")

KEYS = ("normalisation", "minmax_range", "pooled", "base_year", "aggregation", "power", "weighting",
        "zscore_mean", "zscore_sd", "normalisation.<CODE>", "base_year.<CODE>")


@dataclass
class Settings:
    normalisation: str = "minmax"
    minmax_range: tuple = (0.0, 100.0)
    pooled: bool = False
    base_year: object = None          # None: the first period
    aggregation: str = "arithmetic"
    power: float = 2.0                # for the generalised mean
    weighting: str = "manual"
    zscore_mean: float = 0.0
    zscore_sd: float = 1.0
    normalisation_by: dict = field(default_factory=dict)   # code -> method
    base_year_by: dict = field(default_factory=dict)       # code -> period

    def copy(self) -> "Settings":
        return replace(self, normalisation_by=dict(self.normalisation_by), base_year_by=dict(self.base_year_by))

    # ---- text interface --------------------------------------------------
    def apply(self, key: str, value, where: str = "--set") -> None:
        """Set one setting from text (or a plain value), validating it."""
        key = str(key).strip()
        text = "" if value is None else str(value).strip()
        if "." in key:
            base, code = key.split(".", 1)
            if base == "normalisation":
                self.normalisation_by[code] = _choice(text, NORMALISATIONS, key, where)
                return
            if base == "base_year":
                self.base_year_by[code] = _period(text, key, where)
                return
            raise _unknown_key(key, where)
        if key == "normalisation":
            self.normalisation = _choice(text, NORMALISATIONS, key, where)
        elif key == "minmax_range":
            parts = text.replace(";", ",").split(",")
            try:
                lo, hi = (float(p) for p in parts)
            except ValueError:
                raise SettingsError(f"{where}: minmax_range must be two numbers 'L,U', got '{text}'",
                                    valid=["L,U e.g. 0,100"]) from None
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise SettingsError(f"{where}: minmax_range needs finite L < U, got '{text}'", valid=["L,U with L < U"])
            self.minmax_range = (lo, hi)
        elif key == "pooled":
            self.pooled = _bool(text, key, where)
        elif key == "base_year":
            self.base_year = None if text.lower() in ("", "none", "first") else _period(text, key, where)
        elif key == "aggregation":
            self.aggregation = _choice(text, AGGREGATIONS, key, where)
        elif key == "weighting":
            self.weighting = _choice(text, WEIGHTINGS, key, where)
        elif key in ("power", "zscore_mean", "zscore_sd"):
            x = _float(text, key, where)
            if key == "zscore_sd" and x <= 0:
                raise SettingsError(f"{where}: zscore_sd must be > 0, got '{text}'", valid=["a number > 0"])
            setattr(self, key, x)
        else:
            raise _unknown_key(key, where)

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["minmax_range"] = list(self.minmax_range)
        return d

    @classmethod
    def from_dict(cls, d: dict, where: str = "settings") -> "Settings":
        s = cls()
        for k, v in (d or {}).items():
            if k == "normalisation_by":
                for code, m in (v or {}).items():
                    s.apply(f"normalisation.{code}", m, where)
            elif k == "base_year_by":
                for code, y in (v or {}).items():
                    s.apply(f"base_year.{code}", y, where)
            elif k == "minmax_range":
                s.apply(k, ",".join(str(x) for x in v), where)
            else:
                s.apply(k, v, where)
        return s

    def method_for(self, code: str, params: dict | None = None) -> str:
        """The normalisation of one indicator: settings override, then the
        indicator's own ``Normalisation`` Meta column, then the project's."""
        if code in self.normalisation_by:
            return self.normalisation_by[code]
        own = (params or {}).get("Normalisation")
        if own:
            return _choice(str(own), NORMALISATIONS, f"Normalisation of {code}", "Meta")
        return self.normalisation


def _unknown_key(key, where):
    return SettingsError(f"{where}: unknown setting '{key}'; valid settings: {', '.join(KEYS)}", valid=KEYS)


def _choice(text, options, key, where):
    t = text.strip().lower().replace("-", "_")
    aliases = {"generalized": "generalised", "fixedbase": "fixed_base", "min_max": "minmax",
               "z_score": "zscore", "distance_to_target": "dist2target", "dist2targ": "dist2target"}
    t = aliases.get(t, t)
    if t not in options:
        raise SettingsError(f"{where}: '{text}' is not a valid value for {key}; valid values: {', '.join(options)}",
                            valid=options)
    return t


def _bool(text, key, where):
    t = text.strip().lower()
    if t in ("true", "1", "yes", "on"):
        return True
    if t in ("false", "0", "no", "off"):
        return False
    raise SettingsError(f"{where}: '{text}' is not a valid value for {key}; valid values: true, false",
                        valid=("true", "false"))


def _float(text, key, where):
    try:
        x = float(text)
    except ValueError:
        x = float("nan")
    if not math.isfinite(x):
        raise SettingsError(f"{where}: '{text}' is not a valid value for {key}; it must be a number",
                            valid=["a number"])
    return x


def _period(text, key, where):
    try:
        f = float(text)
    except ValueError:
        if text:
            return text
        raise SettingsError(f"{where}: {key} needs a period such as 2020", valid=["a period, e.g. 2020"]) from None
    if f.is_integer():
        return int(f)
    raise SettingsError(f"{where}: '{text}' is not a valid value for {key}; it must be a period such as 2020",
                        valid=["a period, e.g. 2020"])
