"""The registry of methods: every normalisation and aggregation method is
declared once, as one :class:`Method`, and everything else reads it.

A declaration says what the rest of CoIndex needs to know about a method:

* its name and the aliases accepted for it in settings (``--set``, the
  Settings sheet, project files, the Meta ``Normalisation`` column);
* its parameters (:class:`Parameter`): the settings key, the default, and
  the check that turns the text of a setting into a value or refuses it;
* how far an edit reaches (``scope``): the units of a period (statistics
  taken within a period, over everything when pooled), one unit across its
  periods, or the cell alone; whether it needs a base period; whether its
  warnings summarise a whole indicator;
* its function (normalisation: ``f(X, d, ctx, out=None)``; aggregation: the
  power of its generalised mean);
* its Excel formula writer for the results workbook (``None``: values);
* its label and one-line explanation in English and Chinese, and its anchor
  in docs/methods.md;
* where it can work (``usable(context)``: the reason it cannot, or None),
  given a :class:`MethodContext` (the units and periods of the project, the
  indicators it would apply to and their Meta params, and for an
  aggregation the scores it would average); and for a normalisation, the
  advice that makes its scores positive (``advice``), which the domain
  errors of the geometric and harmonic means give.

The settings, the engine, the command line, the results workbook, the
template and the method pane all read :data:`NORMALISATIONS`,
:data:`AGGREGATIONS` and :data:`WEIGHTINGS` (how the weights of a parent's
children are set: the framework's, equal, or derived from the data); adding a method is one :func:`Registry.register` call.

This module imports only the standard library and ``core.errors``: the
settings of ``core.model`` read it.
"""
from __future__ import annotations

import math
from dataclasses import KW_ONLY, dataclass, field
from typing import Callable, Iterator, Mapping

from core.errors import SettingsError
from core.text import is_chinese, tr

# the kinds of method a registry holds
KINDS = ("normalisation", "aggregation", "imputation", "treatment", "weighting")

# how far the edit of one raw value reaches through a normalisation
PERIOD = "period"   # every unit of the edited period (every period too when pooled)
UNIT = "unit"       # every period of the edited unit
CELL = "cell"       # the edited value alone
SCOPES = (PERIOD, UNIT, CELL)


@dataclass(frozen=True)
class Parameter:
    """A setting a method reads (``settings.<key>``).

    ``parse(text, where)`` turns the text of a setting into its value or
    raises :class:`SettingsError`; ``show(value)`` writes a value back as
    text (the template's Settings sheet); ``help`` is the template's note.
    """
    key: str
    default: object
    parse: Callable[[str, str], object]
    help: str = ""
    show: Callable[[object], str] = str


@dataclass(frozen=True)
class MethodContext:
    """What decides whether a method can work on a project.

    ``codes`` are the indicators the method would apply to (a normalisation)
    or aggregate (an aggregation), ``params`` their Meta params and
    ``normalisations`` the normalisation of each; ``scores`` (aggregations
    only) their normalised scores, shape (indicators, units, periods), or
    None when they are not known yet.  ``settings`` are the project's.
    """
    settings: object
    unit_codes: tuple
    periods: tuple
    codes: tuple = ()
    params: tuple = ()
    normalisations: tuple = ()
    scores: object = None

    @property
    def compares_nothing(self) -> bool:
        """One unit, and no periods pooled to compare it over."""
        return len(self.unit_codes) < 2 and not (self.settings.pooled and len(self.periods) > 1)


@dataclass(frozen=True)
class Method:
    """One normalisation or aggregation method (see the module text)."""
    kind: str                                  # one of KINDS
    name: str
    function: Callable | None = None           # normalisation: f(X, d, ctx, out=None) -> array;
                                               # weighting: f(X, ctx) -> WeightResult (core.methods.weighting)
    _: KW_ONLY
    label: Mapping[str, str] = field(default_factory=dict)   # {"en": ..., "zh": ...}: a name for people
    text: Mapping[str, str] = field(default_factory=dict)    # {"en": ..., "zh": ...}: the formula in one line
    anchor: str = ""                           # the heading anchor in docs/methods.md
    formula: Callable | None = None            # writer(FormulaContext) -> f(row, t) -> text; None: values
    aliases: tuple = ()
    parameters: tuple = ()
    scope: str = CELL
    needs_base_year: bool = False
    summary_warnings: bool = False             # warnings count over the indicator: redo it whole on an edit
    uses_stats: bool = False                   # its formulas read the Stats sheet
    power: float | None = None                 # aggregation: the generalised mean's power; None: settings.power
    note: Callable | None = None               # note(settings, lang) -> README line on its parameters, or None
    usable: Callable | None = None             # usable(MethodContext) -> why it cannot work (translated), or None
    advice: Callable | None = None             # normalisation: advice(settings, code) -> how to make scores positive
    reads_scores: bool = False                 # weighting: derived from the scores (redo all on an edit)
    combine: Callable | None = None            # aggregation that is no generalised mean: combine(X, w, settings)
                                               # -> values over all units and periods (core.methods.combine)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"method '{self.name}': unknown kind '{self.kind}'")
        if self.scope not in SCOPES:
            raise ValueError(f"method '{self.name}': scope must be one of {', '.join(SCOPES)}")
        for lang in ("en", "zh"):
            if not self.label.get(lang) or not self.text.get(lang):
                raise ValueError(f"method '{self.name}': a label and a text in '{lang}' are needed")
        if not self.anchor:
            raise ValueError(f"method '{self.name}': an anchor in docs/methods.md is needed")
        if self.kind == "normalisation" and not callable(self.function):
            raise ValueError(f"normalisation '{self.name}': a function is needed")
        if self.kind == "weighting" and self.function is not None and not callable(self.function):
            raise ValueError(f"weighting '{self.name}': the function must be callable")

    def title(self) -> str:
        """The method's label in the language of core's messages."""
        return self.label["zh" if is_chinese() else "en"]

    def problem(self, context: MethodContext) -> str | None:
        """Why this method cannot work in ``context`` (None: it can)."""
        return self.usable(context) if self.usable is not None else None

    def power_for(self, settings) -> float:
        """The power of an aggregation's generalised mean under ``settings``;
        a power closer to 0 than TINY_POWER is 0, the geometric mean (its
        limit), since ``(mean x^p)^(1/p)`` loses every digit there."""
        p = float(settings.power) if self.power is None else float(self.power)
        return 0.0 if abs(p) < TINY_POWER else p


# below this the generalised mean is computed as its limit, the geometric mean: the
# limit differs from the power mean by about p/2 Var(ln x) (relative), while
# the power computed directly has lost about 1e-16 / p of its digits
TINY_POWER = 1e-8


def _normal(text) -> str:
    return str(text).strip().lower().replace("-", "_")


@dataclass
class Registry(Mapping):
    """The methods of one kind, by name in the order registered; also
    looks names up by alias."""
    kind: str
    _methods: dict = field(default_factory=dict)

    def __getitem__(self, name) -> Method:
        return self._methods[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._methods)

    def __len__(self) -> int:
        return len(self._methods)

    def __repr__(self) -> str:
        return f"Registry({self.kind}: {', '.join(self._methods)})"

    def register(self, method: Method) -> Method:
        if method.kind != self.kind:
            raise ValueError(f"'{method.name}' is a {method.kind} method, not a {self.kind} method")
        taken = {_normal(k) for k in self.aliases()} | {_normal(k) for k in self._methods}
        for word in (method.name, *method.aliases):
            if _normal(word) in taken:
                raise ValueError(f"{self.kind} '{word}' is registered already")
        mine = {p.key for p in method.parameters}
        for other in self._methods.values():
            if mine & {p.key for p in other.parameters}:
                raise ValueError(f"{self.kind} '{method.name}': parameter(s) {mine} already belong to "
                                 f"'{other.name}'")
        self._methods[method.name] = method
        return method

    def unregister(self, name: str) -> None:
        self._methods.pop(name, None)

    def aliases(self) -> dict:
        """alias -> name."""
        return {a: m.name for m in self._methods.values() for a in m.aliases}

    def get(self, name_or_alias, default=None) -> Method | None:
        t = _normal(name_or_alias)
        if t in self._methods:
            return self._methods[t]
        t = self.aliases().get(t)
        return self._methods[t] if t is not None else default

    def resolve(self, text, key: str, where: str) -> str:
        """The name ``text`` means (a name or an alias, any case, '-' for
        '_'), or a :class:`SettingsError` listing the names."""
        m = self.get(text)
        if m is None:
            raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; valid values: {valid}",
                                   where=where, text=text, key=key, valid=", ".join(self._methods)),
                                valid=list(self._methods))
        return m.name

    def parameters(self) -> list:
        return [p for m in self._methods.values() for p in m.parameters]


NORMALISATIONS = Registry("normalisation")
AGGREGATIONS = Registry("aggregation")
IMPUTATIONS = Registry("imputation")    # filling missing values (core/methods/impute.py)
TREATMENTS = Registry("treatment")      # outlier treatment (core/methods/treat.py)
WEIGHTINGS = Registry("weighting")


def parameters() -> dict:
    """key -> :class:`Parameter` of every registered method."""
    return {p.key: p for reg in (NORMALISATIONS, AGGREGATIONS, IMPUTATIONS, TREATMENTS, WEIGHTINGS)
            for p in reg.parameters()}


def list_codes(codes, most: int = 5) -> str:
    """'A', 'B', 'C' and 2 more: indicator codes for a message."""
    codes = list(codes)
    shown = ", ".join(f"'{c}'" for c in codes[:most])
    if len(codes) <= most:
        return shown
    return tr("{shown} and {n} more", shown=shown, n=len(codes) - most)


def meta_number(value) -> float | None:
    """A Meta param as a finite number, or None when blank or not a number."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


# ---- checks for parameters ----------------------------------------------------------------------
def number(text, key, where) -> float:
    """A finite number, or a SettingsError."""
    try:
        x = float(text)
    except (TypeError, ValueError):
        x = float("nan")
    if not math.isfinite(x):
        raise SettingsError(tr("{where}: '{text}' is not a valid value for {key}; it must be a number",
                               where=where, text=text, key=key), valid=["a number"])
    return x


def number_param(key, default, help="", positive=False) -> Parameter:
    """A parameter that is one finite number (``positive``: > 0)."""
    def parse(text, where):
        x = number(text, key, where)
        if positive and x <= 0:
            raise SettingsError(tr("{where}: {key} must be > 0, got '{text}'", where=where, key=key, text=text),
                                valid=["a number > 0"])
        return x
    return Parameter(key, float(default), parse, help, lambda v: f"{v:g}")
