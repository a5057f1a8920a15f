"""The data treatment step: raw values -> the values normalisation reads.

In COINr's order (its ``build_example_coin``): denominate (Meta
``Denominator``, ``denominate=true``) -> impute (``imputation``) -> screen
units (``screen_threshold``, COINr's ``dat_thresh``: a unit-period with a
smaller share of indicators present is left out) -> the Meta ``Transform``
of each indicator (``log``, ``sqrt``; its goalposts and target move with it)
-> outlier treatment (``treatment``), within each period (over all periods
when ``pooled``).  :func:`prepare` returns a :class:`Prepared` saying what
each step did.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.errors import ComputeError, SettingsError
from core.methods import impute as _impute  # noqa: F401  (registers the imputations)
from core.methods import treat as mt
from core.methods.registry import IMPUTATIONS, list_codes, meta_number
from core.text import tr

# the Meta params a transform moves with the values
POSTS = ("goalpost_lower", "goalpost_upper", "Target")


@dataclass
class Prepared:
    """What the treatment step made.

    ``values[u, t, i]`` as the dataset's; ``imputed`` the cells filled by
    imputation and ``imputed_values`` the values imputation gave them (NaN
    elsewhere; before screening, transforms and outlier treatment); ``screened`` the (unit, period) index pairs left out;
    ``params`` each indicator's Meta params with transformed goalposts and
    target; ``log`` per indicator code the list of what outlier treatment
    did (one record per period, or one for all when pooled); ``transforms``
    code -> 'log' | 'log_ct' | 'sqrt'; ``warnings`` as the engine's."""
    values: np.ndarray
    imputed: np.ndarray
    imputed_values: np.ndarray | None = None
    screened: list = field(default_factory=list)
    params: list = field(default_factory=list)
    log: dict = field(default_factory=dict)
    transforms: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def active(framework, settings) -> bool:
    """Whether the step changes anything (otherwise the raw values are used)."""
    return bool(settings.denominate or settings.imputation != "none" or settings.screen_threshold is not None
                or settings.treatment != "none"
                or any(framework[c].params.get("Transform") not in (None, "") for c in framework.indicator_codes))


def prepare(framework, dataset, settings) -> Prepared:
    codes = list(framework.indicator_codes)
    V = np.array(dataset.values, dtype=float)
    out = Prepared(V, np.zeros(V.shape, dtype=bool), params=[dict(framework[c].params) for c in codes])
    if settings.denominate:
        denominate(framework, dataset, out)
    if settings.imputation != "none":
        impute(dataset, settings, out)
    if settings.screen_threshold is not None:
        screen(dataset, settings, out)
    for i, c in enumerate(codes):
        name = mt.transform_name(framework[c].params.get("Transform"), c)
        if name is not None:
            _transform(i, c, name, dataset, out)
    if settings.treatment != "none":
        treat(codes, dataset, settings, out)
    return out


def denominate(framework, dataset, out: Prepared) -> None:
    """Divide each indicator with a Meta ``Denominator`` by that column."""
    for i, c in enumerate(framework.indicator_codes):
        den = framework[c].params.get("Denominator")
        if den in (None, "") or (isinstance(den, float) and np.isnan(den)):
            continue
        den = str(den).strip()
        if den not in dataset.denominators:
            raise ComputeError(tr("indicator '{code}': its denominator '{den}' is not a column of the data "
                                  "(denominators found: {found})", code=c, den=den,
                                  found=", ".join(dataset.denominators) or tr("none")), code=c)
        d = np.asarray(dataset.denominators[den], dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            q = out.values[:, :, i] / d
        q[~np.isfinite(q)] = np.nan
        out.values[:, :, i] = q


def impute(dataset, settings, out: Prepared) -> None:
    method = IMPUTATIONS[settings.imputation]
    groups = None
    if method.name in ("group_mean", "group_median"):
        name = settings.imputation_group
        if name not in dataset.groups:
            raise SettingsError(tr("imputation {method} needs imputation_group, the name of a group column; "
                                   "group columns: {valid}", method=method.name,
                                   valid=", ".join(dataset.groups) or tr("none")), valid=list(dataset.groups))
        groups = dataset.groups[name]
    before = np.isnan(out.values)
    for i in range(out.values.shape[2]):
        out.values[:, :, i] = method.function(out.values[:, :, i], groups)
    out.imputed = before & ~np.isnan(out.values)
    out.imputed_values = np.where(out.imputed, out.values, np.nan)
    n = int(out.imputed.sum())
    if n:
        out.warnings.append({"kind": "imputed", "code": None, "unit": None, "period": None, "count": n,
                             "message": tr("missing values imputed ({method}): {n}", n=n,
                                           method=method.title())})


def screen(dataset, settings, out: Prepared) -> None:
    """Leave out unit-periods with a share of indicators present below
    ``screen_threshold`` (their values become missing)."""
    share = np.isfinite(out.values).mean(axis=2)
    has_any = np.isfinite(dataset.values).any(axis=2)
    low = (share < settings.screen_threshold) & has_any
    for u, t in zip(*np.nonzero(low)):
        out.screened.append((int(u), int(t)))
        out.values[u, t, :] = np.nan
    if out.screened:
        units = sorted({dataset.unit_codes[u] for u, _ in out.screened})
        out.warnings.append({"kind": "screened", "code": None, "unit": None, "period": None, "units": units,
                             "message": tr("unit-periods left out for having less than {share:.0%} of their "
                                           "indicators: {n} ({units})", n=len(out.screened),
                                           share=settings.screen_threshold, units=list_codes(units))})


def _transform(i, code, name, dataset, out: Prepared) -> None:
    x = out.values[:, :, i]
    if name == "sqrt" and np.nanmin(x, initial=0.0) < 0:
        u, t = (int(v[0]) for v in np.nonzero(x < 0))
        raise ComputeError(tr("indicator '{code}': sqrt transform of a negative value ({unit}, {period})",
                              code=code, unit=dataset.unit_codes[u], period=dataset.periods[t]), code=code)
    params = out.params[i]
    posts = [meta_number(params.get(k)) for k in POSTS]
    y, moved, done = mt.transform(name, x, posts)
    out.values[:, :, i] = y
    for k, old, new in zip(POSTS, posts, moved):
        if old is not None:
            params[k] = new
    out.transforms[code] = done


def treat(codes, dataset, settings, out: Prepared) -> None:
    """Outlier treatment of every indicator, per period (pooled: all periods
    at once); the log records what was done and which points."""
    T = out.values.shape[1]
    blocks = [slice(None)] if settings.pooled else [slice(t, t + 1) for t in range(T)]
    treated = []
    for i, c in enumerate(codes):
        records = []
        for sel in blocks:
            X = out.values[:, sel, i]
            r = mt.treat_vector(X.reshape(-1, order="F"), settings)
            out.values[:, sel, i] = r.pop("x").reshape(X.shape, order="F")
            periods = list(dataset.periods)[sel]
            cells = [(k % X.shape[0], k // X.shape[0]) for k in r["high"] + r["low"]]
            r["period"] = periods[0] if len(periods) == 1 else None
            r["points"] = [{"unit": dataset.unit_codes[u], "period": periods[t],
                            "side": "high" if k < len(r["high"]) else "low"} for k, (u, t) in enumerate(cells)]
            records.append(r)
        out.log[c] = records
        if any(r["action"] in ("winsorised", "log") for r in records):
            treated.append(c)
    if treated:
        out.warnings.append({"kind": "treated", "code": None, "unit": None, "period": None, "codes": treated,
                             "message": tr("indicators with outliers treated: {n} ({codes})", n=len(treated),
                                           codes=list_codes(treated))})


def document(prepared: Prepared | None, dataset, codes) -> dict:
    """What the treatment step did, for ``compute --json`` (``"treatment"``):
    the cells imputed, the unit-periods screened out, the transforms and, per
    indicator (and period), the outlier check and which points were treated."""
    if prepared is None:
        return {"imputed": [], "screened": [], "transforms": {}, "indicators": []}
    periods = dataset.periods

    def num(x):
        return None if x is None or not np.isfinite(x) else float(x)
    imputed = [{"unit": dataset.unit_codes[u], "period": periods[t], "code": codes[i]}
               for u, t, i in zip(*np.nonzero(prepared.imputed))]
    screened = [{"unit": dataset.unit_codes[u], "period": periods[t]} for u, t in prepared.screened]
    indicators = [{"code": c, "period": r["period"], "action": r["action"], "skew": num(r["skew"]),
                   "kurt": num(r["kurt"]), "skew_after": num(r["skew_after"]), "kurt_after": num(r["kurt_after"]),
                   "winsorised": r["nwin"], "points": r["points"]}
                  for c, records in prepared.log.items() for r in records]
    return {"imputed": imputed, "screened": screened, "transforms": dict(prepared.transforms),
            "indicators": indicators}
