"""Per-indicator overrides of the method (a base year, a normalisation
method, goalposts, a target for one indicator) and the number of decimals its
values are shown with, as undoable commands like those of
core/project/structure.py (whose :class:`~core.project.structure.Restructure` they end in).

Goalposts, target and decimals live in the indicator's Meta params under
COINr's iMeta names (``goalpost_lower``, ``goalpost_upper``, ``Target``) and
``decimals``, so project files, the template and iMeta exports carry them
like any other Meta column."""
from __future__ import annotations

from dataclasses import dataclass, replace

import math

from core.errors import FrameworkError, InputError, SettingsError
from core.methods.registry import meta_number
from core.model.celltext import BAD, MISSING, parse_number
from core.model.framework import Framework, Node
from core.project.project import Project
from core.model.settings import NORMALISATIONS
from core.project.structure import Restructure, existing_node
from core.text import tr

def base_year_override(project: Project, code: str):
    """The base year set for one indicator (settings, then its BaseYear
    column), or None when it follows the project's."""
    if code in project.settings.base_year_by:
        return project.settings.base_year_by[code]
    own = project.framework[code].params.get("BaseYear")
    if own is None or str(own).strip() == "":
        return None
    try:
        f = float(own)
        return int(f) if f.is_integer() else own
    except (TypeError, ValueError):
        return own


def normalisation_override(project: Project, code: str) -> str | None:
    """The normalisation set for one indicator, or None when it follows the
    project's."""
    if code in project.settings.normalisation_by:
        return project.settings.normalisation_by[code]
    own = project.framework[code].params.get("Normalisation")
    return str(own).strip().lower() or None if own else None


def _indicator(framework: Framework, code) -> Node:
    node = existing_node(framework, code)
    if not node.is_indicator:
        raise FrameworkError(tr("'{code}' is a dimension; per-indicator settings apply to indicators only",
                                code=code), code=code)
    return node


@dataclass
class SetBaseYear:
    """Give one indicator its own base year (its BaseYear column), or None to
    follow the project's.  A settings override for it is dropped, so the
    value set here is the one used."""
    code: str
    period: object = None

    def apply(self, project: Project) -> Restructure:
        fw, ds = project.framework, project.dataset
        node = _indicator(fw, self.code)
        period = self.period
        if isinstance(period, str):
            period = period.strip()
            if period == "":
                period = None
            else:
                try:
                    f = float(period)
                    period = int(f) if f.is_integer() else period
                except ValueError:
                    pass
        if isinstance(period, float) and period.is_integer():
            period = int(period)
        if period is not None and period not in ds.period_index:
            raise SettingsError(tr("base year of '{code}': {period} is not a period of the data ({periods})",
                                   code=self.code, period=period, periods=', '.join(str(p) for p in ds.periods)),
                                   valid=ds.periods, code=self.code)
        if period == base_year_override(project, self.code) and self.code not in project.settings.base_year_by:
            raise FrameworkError(tr("the base year of '{code}' is unchanged", code=self.code), code=self.code)
        params = dict(node.params)
        params.pop("BaseYear", None)
        if period is not None:
            params["BaseYear"] = period
        settings = None
        if self.code in project.settings.base_year_by:
            settings = project.settings.copy()
            del settings.base_year_by[self.code]
        return Restructure(fw.with_node(replace(node, params=params)), None, settings).apply(project)


@dataclass
class SetNormalisation:
    """Give one indicator its own normalisation (``settings.normalisation_by``),
    or None to follow the project's (its Normalisation column is dropped too)."""
    code: str
    method: str | None = None

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = _indicator(fw, self.code)
        method = None if self.method is None or str(self.method).strip() == "" else str(self.method).strip()
        if method is not None and method not in NORMALISATIONS:
            raise SettingsError(tr("normalisation of '{code}': '{method}' is not a method; valid: {valid}",
                                   code=self.code, method=method, valid=', '.join(NORMALISATIONS)),
                                   valid=NORMALISATIONS, code=self.code)
        if method == normalisation_override(project, self.code):
            raise FrameworkError(tr("the normalisation of '{code}' is unchanged", code=self.code), code=self.code)
        settings = project.settings.copy()
        settings.normalisation_by.pop(self.code, None)
        if method is not None:
            settings.normalisation_by[self.code] = method
        new_fw = fw
        if "Normalisation" in node.params:
            params = {k: v for k, v in node.params.items() if k != "Normalisation"}
            new_fw = fw.with_node(replace(node, params=params))
        return Restructure(new_fw, None, settings).apply(project)


# ---- goalposts, target and decimals -----------------------------------------------------------------------
GOALPOST_LOWER, GOALPOST_UPPER, TARGET, DECIMALS = "goalpost_lower", "goalpost_upper", "Target", "decimals"
PARAM_KEYS = (GOALPOST_LOWER, GOALPOST_UPPER, TARGET, DECIMALS)
MAX_DECIMALS = 6


def param_title(key: str) -> str:
    """What a message calls one of :data:`PARAM_KEYS`."""
    return {GOALPOST_LOWER: tr("lower goalpost"), GOALPOST_UPPER: tr("upper goalpost"), TARGET: tr("target"),
            DECIMALS: tr("decimals")}.get(key, key)


def fixed_decimals(node: Node) -> int | None:
    """The decimals set for an indicator's values (None: automatic)."""
    d = meta_number(node.params.get(DECIMALS))
    return int(d) if d is not None and d.is_integer() and 0 <= d <= MAX_DECIMALS else None


def _param_value(key: str, value, code: str):
    """The value to store for ``key`` typed as ``value`` (None: clear it),
    or an InputError naming the indicator and the column."""
    if isinstance(value, str) and (not value.strip() or (key == DECIMALS and value.strip().lower() == "auto")):
        return None
    x, kind, _ = parse_number(value.strip() if isinstance(value, str) else value)
    if kind == MISSING:
        return None
    if kind == BAD or not math.isfinite(x):
        raise InputError(tr("indicator '{code}', {column}: '{value}' is not a number", code=code,
                            column=param_title(key), value=value), code=code)
    if key == DECIMALS:
        if not (x.is_integer() and 0 <= x <= MAX_DECIMALS):
            raise InputError(tr("indicator '{code}', {column}: '{value}' must be auto or a whole number from 0 to "
                                "{most}", code=code, column=param_title(key), value=value, most=MAX_DECIMALS),
                             code=code)
        return int(x)
    return x


@dataclass
class SetIndicatorParam:
    """Set an indicator's lower or upper goalpost, target or decimals
    (``key``, one of :data:`PARAM_KEYS`) from what was typed; blank (or
    'auto' for decimals) clears it.  The lower goalpost must stay below the
    upper one."""
    code: str
    key: str
    value: object = None

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = _indicator(fw, self.code)
        if self.key not in PARAM_KEYS:
            raise FrameworkError(tr("'{key}' is not a setting of an indicator; settings: {valid}", key=self.key,
                                    valid=", ".join(PARAM_KEYS)), code=self.code)
        value = _param_value(self.key, self.value, self.code)
        params = {k: v for k, v in node.params.items() if k != self.key}
        if value is not None:
            params[self.key] = value
        lo, hi = meta_number(params.get(GOALPOST_LOWER)), meta_number(params.get(GOALPOST_UPPER))
        if self.key in (GOALPOST_LOWER, GOALPOST_UPPER) and lo is not None and hi is not None and not lo < hi:
            raise InputError(tr("indicator '{code}', {column}: the lower goalpost ({lower}) must be below the upper "
                                "goalpost ({upper})", code=self.code, column=param_title(self.key),
                                lower=format(lo, "g"), upper=format(hi, "g")), code=self.code)
        if params == node.params:
            raise FrameworkError(tr("the {column} of '{code}' is unchanged", column=param_title(self.key),
                                    code=self.code), code=self.code)
        return Restructure(fw.with_node(replace(node, params=params))).apply(project)
