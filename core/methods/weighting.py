"""Weighting methods: how the children of each aggregate are weighted.

``manual`` takes the framework's weights (the Meta ``Weight`` column),
``equal`` gives every child the same weight, ``ahp`` derives them from a
pairwise-comparison matrix per parent (:mod:`core.methods.ahp`), and
``entropy``, ``critic`` and ``pca`` derive them from the data.

The data-driven methods read the normalised scores of a parent's children
(indicators, or the aggregates below) pooled over every unit and period:
one observation per unit-period, and a unit-period missing any child is
left out.  Each function takes ``X`` of shape (children, observations) and
a :class:`WeightContext` and returns the weights, summing to 1.  A method
that cannot derive weights (fewer than two complete observations, every
child constant) keeps the framework's weights and says so in a warning.

The methods are declared at the end in
:data:`core.methods.registry.WEIGHTINGS`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.methods import ahp
from core.methods.registry import WEIGHTINGS, Method
from core.text import tr


@dataclass
class WeightContext:
    settings: object
    parent: str                     # the aggregate whose children are weighted
    codes: list                     # the children's codes
    manual: np.ndarray              # (k,) the framework's weights
    warnings: list = field(default_factory=list)
    details: dict = field(default_factory=dict)   # what a method reports (AHP: lambda_max, CI, CR)

    def warn(self, message):
        self.warnings.append({"kind": "weighting", "code": self.parent, "unit": None, "period": None,
                              "message": message})


def complete_rows(X) -> np.ndarray:
    """(k, n) observations with every child present."""
    X = np.asarray(X, dtype=float).reshape(X.shape[0], -1)
    return X[:, np.isfinite(X).all(axis=0)]


def _fallback(ctx, why):
    ctx.warn(tr("weights of the children of '{code}': {why}; the framework's weights are used",
                code=ctx.parent, why=why))
    return ctx.manual / ctx.manual.sum() if ctx.manual.sum() > 0 else np.full(ctx.manual.size, 1 / ctx.manual.size)


def _scaled(d, ctx, why):
    tot = d.sum()
    if not np.isfinite(tot) or tot <= 0:
        return _fallback(ctx, why)
    return d / tot


def w_manual(X, ctx):
    return ctx.manual.astype(float)


def w_equal(X, ctx):
    return np.ones(ctx.manual.size)


def w_entropy(X, ctx):
    """e_j = -sum_i p_ij ln p_ij / ln n with p_ij = x_ij / sum_i x_ij;
    w_j = (1 - e_j) / sum (1 - e_j).  Negative scores are shifted by their
    child's minimum first (x - min), since shares must not be negative."""
    Y = complete_rows(X)
    n = Y.shape[1]
    if n < 2:
        return _fallback(ctx, tr("fewer than two unit-periods have every child"))
    low = Y.min(axis=1, keepdims=True)
    if (low < 0).any():
        shifted = [c for c, neg in zip(ctx.codes, low[:, 0] < 0) if neg]
        ctx.warn(tr("entropy weights of '{code}': {codes} have negative scores; each was shifted by its minimum "
                    "(x - min) before taking shares", code=ctx.parent, codes=", ".join(shifted)))
        Y = Y - np.minimum(low, 0.0)
    tot = Y.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        P = np.where(tot > 0, Y / np.where(tot > 0, tot, 1.0), 1.0 / n)
        terms = np.where(P > 0, P * np.log(np.where(P > 0, P, 1.0)), 0.0)
    e = -terms.sum(axis=1) / np.log(n)
    d = np.clip(1.0 - e, 0.0, None)
    d[Y.max(axis=1) == Y.min(axis=1)] = 0.0          # a constant child: e = 1 exactly, not 1 - 1e-16
    return _scaled(d, ctx, tr("every child has the same score everywhere"))


def w_critic(X, ctx):
    """C_j = s_j sum_k (1 - r_jk), w_j = C_j / sum C: contrast (the sample
    standard deviation s_j) times conflict (one minus the Pearson
    correlations with the other children; a constant child has s = 0)."""
    Y = complete_rows(X)
    if Y.shape[1] < 2:
        return _fallback(ctx, tr("fewer than two unit-periods have every child"))
    sd = Y.std(axis=1, ddof=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        R = np.corrcoef(Y) if Y.shape[0] > 1 else np.ones((1, 1))
    R = np.where(np.isfinite(R), R, 0.0)
    C = sd * (1.0 - R).sum(axis=1)
    return _scaled(C, ctx, tr("every child has the same score everywhere"))


# loadings (a unit vector) summing to less than this give no PCA weights
LOADINGS_SUM_MIN = 1e-9


def w_pca(X, ctx):
    """The loadings ``v`` of the first principal component of the
    standardised children (COINr's get_PCA: prcomp with centring and
    scaling on the complete observations, weights = rotation[, 1]), divided
    by their sum: ``v / sum(v)`` is what COINr's means make of its weights
    and does not depend on the eigenvector's arbitrary sign.  Loadings that
    sum to zero give no weights (the framework's stay, with a warning)."""
    Y = complete_rows(X)
    if Y.shape[1] < 3:
        return _fallback(ctx, tr("fewer than three unit-periods have every child"))
    sd = Y.std(axis=1, ddof=1)
    if (sd == 0).any():
        return _fallback(ctx, tr("a child is constant, so it cannot be standardised"))
    Z = (Y - Y.mean(axis=1, keepdims=True)) / sd[:, None]
    vals, vecs = np.linalg.eigh(np.cov(Z))
    v = vecs[:, int(np.argmax(vals))]
    if v.sum() < 0:
        v = -v
    ctx.details["variance_explained"] = float(vals.max() / vals.sum())
    if v.sum() < LOADINGS_SUM_MIN:        # (1, -1) / sqrt 2 and the like: weights of 1e16 and -1e16
        return _fallback(ctx, tr("the first component's loadings sum to zero"))
    if (v < 0).any():
        neg = [c for c, x in zip(ctx.codes, v) if x < 0]
        ctx.warn(tr("PCA weights of '{code}': {codes} load negatively on the first component, so their weights "
                    "are negative", code=ctx.parent, codes=", ".join(neg)))
    return _scaled(v, ctx, tr("the first component's loadings sum to zero"))


def w_ahp(X, ctx):
    """Principal eigenvector of the parent's pairwise-comparison matrix
    (setting ``ahp.<PARENT>``: its upper triangle, row by row)."""
    upper = ctx.settings.ahp_by.get(ctx.parent)
    k = len(ctx.codes)
    if upper is None:
        if k == 1:
            return np.ones(1)
        return _fallback(ctx, tr("no pairwise-comparison matrix is set (ahp.{code})", code=ctx.parent))
    if len(upper) != k * (k - 1) // 2:
        return _fallback(ctx, tr("its matrix has {got} judgements, but {k} children need {need}", got=len(upper),
                                 k=k, need=k * (k - 1) // 2))
    res = ahp.solve(ahp.full_matrix(upper, k))
    ctx.details.update(lambda_max=res.lambda_max, ci=res.ci, cr=res.cr)
    if not res.consistent:
        ctx.warn(tr("AHP matrix of '{code}': consistency ratio CR = {cr} is above {limit}; revise the judgements",
                    code=ctx.parent, cr=format(res.cr, ".3f"), limit=format(ahp.CR_LIMIT, "g")))
    return res.weights


# ---- the registry entries ----------------------------------------------------------------------------
def _register(name, fn, label, text, reads_scores=False, **kw):
    WEIGHTINGS.register(Method("weighting", name, fn, anchor=f"w_{name}", label=label, text=text,
                               reads_scores=reads_scores, **kw))


_register("manual", w_manual, {"en": "Framework weights", "zh": "框架权重（手动）"},
          {"en": "the weights of the framework (Meta Weight column), relative to their siblings",
           "zh": "框架中给定的权重（Meta 的 Weight 列），在同级之间按比例计算"}, aliases=("framework",))
_register("equal", w_equal, {"en": "Equal weights", "zh": "等权"},
          {"en": "every child of a node weighs the same", "zh": "同一节点的下级权重相等"})
_register("entropy", w_entropy, {"en": "Entropy weights", "zh": "熵权法"},
          {"en": "entropy weight: w = (1 - e) / sum(1 - e), e = -sum(p ln p) / ln n over the unit-periods",
           "zh": "熵权法：w = (1 − e) / Σ(1 − e)，e = −Σ(p·ln p) / ln n（全部单位与时期）"},
          aliases=("entropy_weight",), reads_scores=True)
_register("critic", w_critic, {"en": "CRITIC", "zh": "CRITIC 法"},
          {"en": "CRITIC: w proportional to sd x sum(1 - r), contrast times conflict",
           "zh": "CRITIC 法：w 与 标准差 × Σ(1 − 相关系数) 成正比"}, reads_scores=True)
_register("pca", w_pca, {"en": "PCA weights", "zh": "主成分权重"},
          {"en": "PCA: loadings of the first principal component of the standardised children, scaled to sum 1",
           "zh": "主成分法：标准化后第一主成分的载荷，归一到和为 1"}, reads_scores=True)
_register("ahp", w_ahp, {"en": "AHP (pairwise comparisons)", "zh": "层次分析法（AHP）"},
          {"en": "AHP: principal eigenvector of the pairwise-comparison matrix; CR = CI / RI should be <= 0.1",
           "zh": "层次分析法：判断矩阵的主特征向量；一致性比率 CR = CI / RI 应不大于 0.1"})
