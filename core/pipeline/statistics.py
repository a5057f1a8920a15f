"""Descriptive statistics of a computed index: per indicator (count,
missing, min, max, mean, sd, skewness, kurtosis, flags), correlation
matrices between the nodes of one level or of two levels (Pearson or
Spearman), and per aggregate the Cronbach's alpha of its children and the
share of their variance each principal component explains.

Everything is taken in one period (a label of ``dataset.periods``) or pooled
(``period=None``: every unit-period is one observation).  Per-indicator
statistics read the raw values (``dset="raw"``) or the normalised ones
(``dset="normalised"``); correlations, alpha and PCA read the engine's scores
(normalised indicators and aggregates), so nodes of different levels compare.

Skewness and kurtosis are COINr's (``core.methods.treat.skew`` / ``kurt``:
the sample-adjusted skewness and excess kurtosis of Excel's SKEW and KURT);
sd is the sample standard deviation (n - 1), as R's ``sd``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from core.errors import SettingsError
from core.methods.treat import kurt, skew
from core.text import tr

# the flags of COINr's get_stats (t_avail, t_zero, t_unq, t_skew, t_kurt at their defaults) and get_corr_flags
# (within the indicator's group at level 2, i.e. its siblings; Pearson, pairwise complete)
AVAILABILITY_MIN = 0.65     # share of values present below this: "low_data" (COINr: Frc.Avail < t_avail)
NONZERO_MIN = 0.5           # share of non-zero values below this: "zeros" (COINr: N.NonZero / n < t_zero)
UNIQUE_MIN = 0.5            # share of distinct values below this: "unique" (COINr: N.Unique / n < t_unq)
SKEW_MAX, KURT_MAX = 2.0, 3.5   # |skew| > 2 and kurt > 3.5: "outliers" (COINr: Flag.SkewKurt "OUT")
COLLINEAR_MIN = 0.9         # Pearson r with a sibling above this: "collinear" (COINr: cor_thresh = 0.9, "high")
NEGATIVE_MAX = -0.4         # Pearson r with a sibling below this: "negative" (COINr: cor_thresh = -0.4, "low")
FLAGS = ("low_data", "zeros", "unique", "outliers", "collinear", "negative")
METHODS = ("pearson", "spearman")
DSETS = ("raw", "normalised")
STAT_COLUMNS = ["code", "count", "missing", "min", "max", "mean", "sd", "skewness", "kurtosis", "flags"]
DIMENSION_COLUMNS = ["code", "level", "items", "units", "alpha", "pc1", "explained"]


def flag_text(flag: str) -> str:
    """A flag's name in the user's language."""
    return {"low_data": tr("few values"), "zeros": tr("many zeros"), "unique": tr("few distinct values"),
            "outliers": tr("outliers"), "collinear": tr("collinear"),
            "negative": tr("negative correlation")}.get(flag, flag)


def _period_rows(engine, period):
    """The period axis index (or a slice of all periods when pooled)."""
    if period is None:
        return slice(None)
    ds = engine.dataset
    if period not in ds.period_index:
        raise SettingsError(tr("statistics: period '{period}' is not in the data; periods: {valid}",
                               period=period, valid=", ".join(str(p) for p in ds.periods)),
                            valid=[str(p) for p in ds.periods])
    return slice(ds.period_index[period], ds.period_index[period] + 1)


def node_matrix(engine, codes, period=None, dset="normalised") -> np.ndarray:
    """Observations x nodes: one row per unit (per unit-period when pooled).
    ``dset="raw"`` reads the dataset's values (indicators only)."""
    if dset not in DSETS:
        raise SettingsError(tr("statistics: '{dset}' is not a data set; valid: {valid}", dset=dset,
                               valid=", ".join(DSETS)), valid=list(DSETS))
    t = _period_rows(engine, period)
    unknown = [c for c in codes if c not in engine.index or (dset == "raw" and c not in engine.dataset.code_index)]
    if unknown:
        raise SettingsError(tr("statistics: '{code}' is not a node with {dset} values", code=unknown[0], dset=dset))
    if dset == "raw":
        ds = engine.dataset
        cube = ds.values[:, t, [ds.code_index[c] for c in codes]]          # unit, period, node
    else:
        cube = np.moveaxis(engine.scores[[engine.index[c] for c in codes]][:, :, t], 0, -1)
    return cube.reshape(-1, len(codes))


def indicator_statistics(engine, period=None, dset="raw") -> pd.DataFrame:
    """One row per indicator: count, missing, min, max, mean, sd (n - 1),
    skewness, kurtosis (COINr's) and flags (a list of :data:`FLAGS`, as
    :func:`indicator_flags`)."""
    codes = list(engine.framework.indicator_codes)
    X = node_matrix(engine, codes, period, dset)
    flags = indicator_flags(engine, X, dset)
    rows = []
    for i, code in enumerate(codes):
        x = X[:, i][np.isfinite(X[:, i])]
        n = int(x.size)
        rows.append([code, n, int(X.shape[0] - n), _stat(np.min, x), _stat(np.max, x), _stat(np.mean, x),
                     float(np.std(x, ddof=1)) if n > 1 else float("nan"), skew(x), kurt(x), flags[i]])
    return pd.DataFrame(rows, columns=STAT_COLUMNS)


def indicator_flags(engine, X, dset="raw") -> list[list[str]]:
    """The flags of each indicator (columns of ``X``, observations x
    indicators), by COINr's rules: ``get_stats`` for one indicator
    (availability, zeros and distinct values as shares of every observation,
    missing ones included; skewness and kurtosis both strictly above their
    thresholds) and ``get_corr_flags`` for pairs (Pearson over the pairwise
    complete observations, with the indicators of the same parent only,
    strictly above or below the threshold).  Raw values are first turned by
    each indicator's direction (COINr's ``use_directions``), so that an
    indicator where less is better does not correlate negatively with its
    siblings merely for that; normalised scores are already turned."""
    fw = engine.framework
    codes = list(fw.indicator_codes)
    n_obs = X.shape[0]
    turned = X * np.array([fw[c].direction for c in codes], dtype=float) if dset == "raw" else X
    r = pd.DataFrame(turned, columns=codes).corr(method="pearson").to_numpy()
    out = []
    for i, code in enumerate(codes):
        x = X[:, i][np.isfinite(X[:, i])]
        s, k = skew(x), kurt(x)
        siblings = [j for j, c in enumerate(codes) if j != i and fw[c].parent == fw[code].parent]
        with np.errstate(invalid="ignore"):
            pairs = r[i, siblings]
            out.append([f for f, on in (
                ("low_data", x.size < AVAILABILITY_MIN * n_obs),
                ("zeros", np.count_nonzero(x) < NONZERO_MIN * n_obs),
                ("unique", np.unique(x).size < UNIQUE_MIN * n_obs),
                ("outliers", abs(s) > SKEW_MAX and k > KURT_MAX),
                ("collinear", bool(np.any(pairs > COLLINEAR_MIN))),
                ("negative", bool(np.any(pairs < NEGATIVE_MAX)))) if on])
    return out


def _stat(fn, x) -> float:
    return float(fn(x)) if x.size else float("nan")


def level_codes(engine, level: int) -> list[str]:
    """The nodes of one level (1: indicators), in framework order."""
    fw = engine.framework
    return [c for c in engine.codes if fw.level[c] == level]


def levels(engine) -> list[int]:
    """The framework's levels, lowest first."""
    return sorted(set(engine.framework.level[c] for c in engine.codes))


def correlation(engine, rows, cols=None, period=None, method="pearson") -> pd.DataFrame:
    """Correlations of the ``rows`` nodes with the ``cols`` nodes (default:
    ``rows``), each pair over the observations both have (pairwise complete).
    Pearson, or Spearman (Pearson of the ranks, ties averaged)."""
    if method not in METHODS:
        raise SettingsError(tr("statistics: '{method}' is not a correlation method; valid: {valid}",
                               method=method, valid=", ".join(METHODS)), valid=list(METHODS))
    rows = list(rows)
    cols = rows if cols is None else list(cols)
    both = list(dict.fromkeys(rows + cols))
    frame = pd.DataFrame(node_matrix(engine, both, period), columns=both)
    return frame.corr(method=method, min_periods=3).loc[rows, cols]


def cronbach_alpha(X) -> float:
    """Cronbach's alpha of the items (columns) of ``X`` over its complete
    rows: k / (k - 1) * (1 - sum of item variances / variance of the row sums).
    NaN with fewer than 2 items or 2 complete rows, or no variance at all."""
    X = np.asarray(X, dtype=float)
    X = X[np.all(np.isfinite(X), axis=1)]
    k = X.shape[1]
    if k < 2 or X.shape[0] < 2:
        return float("nan")
    total = np.var(X.sum(axis=1), ddof=1)
    if total == 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.var(X, axis=0, ddof=1).sum() / total))


def pca_explained(X) -> np.ndarray:
    """Share of the variance of the standardised items (columns) of ``X``
    each principal component explains, largest first, over the complete
    rows (the eigenvalues of the correlation matrix over their sum).  Empty
    with fewer than 2 items or 3 complete rows; constant items are left out."""
    X = np.asarray(X, dtype=float)
    X = X[np.all(np.isfinite(X), axis=1)]
    if X.shape[0] < 3:
        return np.array([])
    X = X[:, np.std(X, axis=0) > 0]
    if X.shape[1] < 2:
        return np.array([])
    eig = np.clip(np.linalg.eigvalsh(np.corrcoef(X, rowvar=False))[::-1], 0.0, None)
    return eig / eig.sum()


def dimension_statistics(engine, period=None) -> pd.DataFrame:
    """One row per aggregate: its level, number of children ("items"),
    complete observations ("units"), Cronbach's alpha of the children, the
    first component's share and every component's share ("explained")."""
    fw = engine.framework
    rows = []
    for code in fw.aggregate_codes:
        X = node_matrix(engine, fw.children(code), period)
        complete = int(np.all(np.isfinite(X), axis=1).sum())
        shares = pca_explained(X)
        rows.append([code, fw.level[code], X.shape[1], complete, cronbach_alpha(X),
                     float(shares[0]) if shares.size else float("nan"), shares.tolist()])
    return pd.DataFrame(rows, columns=DIMENSION_COLUMNS)
