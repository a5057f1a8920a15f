"""Method settings: normalisation, aggregation, weighting and their parameters.

Defaults are COINr's (min-max to 0-100 within each period, weighted arithmetic
mean, the framework's weights) so that COINr users get COINr's numbers.
Settings are set from text with :meth:`Settings.apply` (the ``--set KEY=VALUE``
of the command line and the rows of a ``Settings`` sheet); an unknown key or
value raises :class:`SettingsError` listing the valid ones.

The methods, their names and aliases and their parameters (with their
defaults and checks) are those of the registry,
:data:`core.methods.registry.NORMALISATIONS` and ``AGGREGATIONS``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from core.errors import SettingsError
from core.methods.ahp import parse_judgements, show_judgements
from core.methods.registry import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, TREATMENTS, WEIGHTINGS, parameters
from core.text import tr

# the settings no single method owns; the methods' own parameters come from the registry
GENERAL = ("normalisation", "pooled", "base_year", "aggregation", "weighting",
           "denominate", "imputation", "screen_threshold", "treatment", "score_decimals")
# the most decimals a score may be shown with (``score_decimals``)
MAX_SCORE_DECIMALS = 6


def keys() -> tuple:
    """Every settings key: the general ones, the parameters of the
    registered methods, and the per-indicator keys."""
    own = {k: [p.key for p in reg.parameters()] for k, reg in (("normalisation", NORMALISATIONS),
                                                                ("aggregation", AGGREGATIONS),
                                                                ("imputation", IMPUTATIONS),
                                                                ("treatment", TREATMENTS),
                                                                ("weighting", WEIGHTINGS))}
    out = []
    for k in GENERAL:
        out += [k] + own.get(k, [])
    return tuple(out) + ("normalisation.<CODE>", "base_year.<CODE>", "aggregation.<CODE>",
                         "aggregation.level.<N>", "weighting.<CODE>", "weighting.level.<N>", "ahp.<CODE>")


def _default(key):
    return parameters()[key].default


@dataclass
class Settings:
    normalisation: str = "minmax"
    minmax_range: tuple = _default("minmax_range")
    pooled: bool = False
    base_year: object = None          # None: the first period with data for every indicator (engine)
    aggregation: str = "arithmetic"
    power: float = _default("power")  # for the generalised mean
    weighting: str = "manual"
    zscore_mean: float = _default("zscore_mean")
    zscore_sd: float = _default("zscore_sd")
    normalisation_by: dict = field(default_factory=dict)   # code -> method
    base_year_by: dict = field(default_factory=dict)       # code -> period
    # data treatment before normalisation (core.treatment)
    denominate: bool = False
    imputation: str = "none"
    screen_threshold: float | None = None    # share of indicators a unit-period needs; None: no screening
    treatment: str = "none"
    aggregation_by: dict = field(default_factory=dict)     # aggregate code -> aggregation method
    aggregation_level: dict = field(default_factory=dict)  # COINr level number (int) -> aggregation method
    ahp_by: dict = field(default_factory=dict)             # aggregate code -> upper triangle of its AHP matrix
    weighting_by: dict = field(default_factory=dict)       # aggregate code or "level.N" -> weighting method
    # decimals of the scores shown in the charts and tables (not of the
    # computed values); None: automatic, from the scale of the scores
    score_decimals: int | None = None
    # values of the parameters of methods that have no field above (read as
    # attributes too: settings.<key>, the method's default when not set)
    params: dict = field(default_factory=dict)

    def __getattr__(self, name):
        # only reached when there is no field of that name
        if name.startswith("_") or name == "params":
            raise AttributeError(name)
        p = parameters().get(name)
        if p is None:
            raise AttributeError(f"'Settings' object has no attribute '{name}'")
        return self.__dict__.get("params", {}).get(name, p.default)

    def copy(self) -> "Settings":
        return replace(self, normalisation_by=dict(self.normalisation_by), base_year_by=dict(self.base_year_by),
                       aggregation_by=dict(self.aggregation_by), aggregation_level=dict(self.aggregation_level),
                       ahp_by=dict(self.ahp_by), weighting_by=dict(self.weighting_by), params=dict(self.params))

    # ---- text interface --------------------------------------------------
    def apply(self, key: str, value, where: str = "--set") -> None:
        """Set one setting from text (or a plain value), validating it."""
        key = str(key).strip()
        text = "" if value is None else str(value).strip()
        if "." in key:
            base, code = key.split(".", 1)
            if base == "normalisation":
                self.normalisation_by[code] = NORMALISATIONS.resolve(text, key, where)
                return
            if base == "base_year":
                self.base_year_by[code] = _period(text, key, where)
                return
            if base == "aggregation":
                self._apply_aggregation(code, text, key, where)
                return
            if base == "ahp":
                self.ahp_by[code] = parse_judgements(text, key, where)
                return
            if base == "weighting":
                self.weighting_by[code] = WEIGHTINGS.resolve(text, key, where)
                return
            raise _unknown_key(key, where)
        param = parameters().get(key)
        if key == "normalisation":
            self.normalisation = NORMALISATIONS.resolve(text, key, where)
        elif key == "aggregation":
            self.aggregation = AGGREGATIONS.resolve(text, key, where)
        elif key == "pooled":
            self.pooled = _bool(text, key, where)
        elif key == "base_year":
            self.base_year = None if text.lower() in ("", "none", "first") else _period(text, key, where)
        elif key == "denominate":
            self.denominate = _bool(text, key, where)
        elif key == "imputation":
            self.imputation = IMPUTATIONS.resolve(text, key, where)
        elif key == "treatment":
            self.treatment = TREATMENTS.resolve(text, key, where)
        elif key == "screen_threshold":
            self.screen_threshold = _share(text, key, where)
        elif key == "weighting":
            self.weighting = WEIGHTINGS.resolve(text, key, where)
        elif key == "score_decimals":
            self.score_decimals = _decimals(text, key, where)
        elif param is not None:
            value = param.parse(text, where)
            if key in _FIELDS:
                setattr(self, key, value)
            else:
                self.params[key] = value
        else:
            raise _unknown_key(key, where)

    def _apply_aggregation(self, code, text, key, where):
        """``aggregation.CODE`` (one aggregate) or ``aggregation.level.N``
        (every aggregate of COINr's level N: 2 is the first above the
        indicators)."""
        method = AGGREGATIONS.resolve(text, key, where)
        if code.startswith("level."):
            n = code.split(".", 1)[1]
            if not n.isdigit() or int(n) < 2:
                raise SettingsError(tr("{where}: {key}: the level must be a whole number >= 2 (COINr's level "
                                       "numbers: 1 is the indicators)", where=where, key=key), valid=["2", "3"])
            self.aggregation_level[int(n)] = method
        else:
            self.aggregation_by[code] = method

    def aggregation_for(self, code: str, level: int | None, params: dict | None = None) -> str:
        """The aggregation of one aggregate: ``aggregation.CODE``, then its
        Meta ``Aggregation`` column, then ``aggregation.level.N``, then the
        project's."""
        if code in self.aggregation_by:
            return self.aggregation_by[code]
        own = (params or {}).get("Aggregation")
        if own not in (None, "") and not (isinstance(own, float) and own != own):
            return AGGREGATIONS.resolve(str(own), tr("Aggregation of {code}", code=code), "Meta")
        if level in self.aggregation_level:
            return self.aggregation_level[level]
        return self.aggregation

    def to_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "params"}
        # the treatment and per-node settings are written only when set, so the
        # documents of projects that use none of them stay as they were
        for k, default in _QUIET.items():
            if d[k] == default:
                del d[k]
        if "ahp_by" in d:
            d["ahp_by"] = {k: list(v) for k, v in d["ahp_by"].items()}
        d.update(self.params)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

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
            elif k == "aggregation_by":
                for code, m in (v or {}).items():
                    s.apply(f"aggregation.{code}", m, where)
            elif k == "aggregation_level":
                for n, m in (v or {}).items():
                    s.apply(f"aggregation.level.{n}", m, where)
            elif k in ("screen_threshold", "score_decimals") and v is None:
                setattr(s, k, None)
            elif k == "weighting_by":
                for code, m in (v or {}).items():
                    s.apply(f"weighting.{code}", m, where)
            elif k == "ahp_by":
                for code, upper in (v or {}).items():
                    s.apply(f"ahp.{code}", show_judgements(upper) if isinstance(upper, (list, tuple)) else upper,
                            where)
            elif isinstance(v, (list, tuple)):
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
            return NORMALISATIONS.resolve(str(own), tr("Normalisation of {code}", code=code), "Meta")
        return self.normalisation


# per-indicator method parameters, read from Meta columns (docs/methods.md), not settings
META_PARAMETERS = ("goalpost_lower", "goalpost_upper", "goalpost_scale", "goalpost_trunc2posts", "minmax_lower",
                   "minmax_upper", "Target", "dist2targ_cap_max", "BaseYear", "Normalisation")


def _unknown_key(key, where):
    valid = keys()
    meta = {k.lower(): k for k in META_PARAMETERS}.get(key.strip().lower())
    if meta:
        return SettingsError(tr("{where}: '{key}' is not a setting but the Meta column {column}, set per indicator "
                                "(in the Meta table or the indicator sheet); valid settings: {valid}", where=where,
                                key=key, column=meta, valid=", ".join(valid)), valid=valid)
    return SettingsError(tr("{where}: unknown setting '{key}'; valid settings: {valid}", where=where, key=key,
                            valid=", ".join(valid)), valid=valid)


def _bool(text, key, where):
    t = text.strip().lower()
    if t in ("true", "1", "yes", "on"):
        return True
    if t in ("false", "0", "no", "off"):
        return False
    raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; valid values: {valid}",
                           where=where, text=text, key=key, valid="true, false"), valid=("true", "false"))


def _share(text, key, where):
    """A share in (0, 1], or None for 'none' / blank."""
    if text.lower() in ("", "none", "off"):
        return None
    try:
        x = float(text.rstrip("%")) / (100.0 if text.endswith("%") else 1.0)
    except ValueError:
        x = float("nan")
    if not (0 < x <= 1):
        raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; it must be a share in (0, 1], "
                               "such as 0.9", where=where, text=text, key=key), valid=["a share such as 0.9"])
    return x


def _decimals(text, key, where):
    """A number of decimals from 0 to MAX_SCORE_DECIMALS, or None for
    'auto' / blank."""
    if text.lower() in ("", "auto", "none"):
        return None
    try:
        f = float(text)
    except ValueError:
        f = float("nan")
    if not (f.is_integer() and 0 <= f <= MAX_SCORE_DECIMALS):
        raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; it must be auto or a whole number "
                               "from 0 to {most}", where=where, text=text, key=key, most=MAX_SCORE_DECIMALS),
                            valid=["auto"] + [str(d) for d in range(MAX_SCORE_DECIMALS + 1)])
    return int(f)


def _period(text, key, where):
    try:
        f = float(text)
    except ValueError:
        if text:
            return text
        raise SettingsError(tr("{where}: {key} needs a period such as 2020", where=where, key=key),
                            valid=["a period, e.g. 2020"]) from None
    if f.is_integer() and abs(f) < 1e9:         # a year, or a period code such as 202001
        return int(f)
    raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; it must be a period such as 2020",
                           where=where, text=text, key=key), valid=["a period, e.g. 2020"])


_FIELDS = {f.name for f in fields(Settings)} - {"params"}
_QUIET = {"denominate": False, "imputation": "none", "screen_threshold": None, "treatment": "none",
          "score_decimals": None,
          "aggregation_by": {}, "aggregation_level": {}, "ahp_by": {}, "weighting_by": {}}
