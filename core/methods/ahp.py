"""The analytic hierarchy process (AHP): weights from a pairwise-comparison
matrix, and how consistent the matrix is.

A judgement a_ij says how many times more important child i is than child
j (Saaty's 1-9 scale); the matrix is reciprocal (a_ji = 1 / a_ij, a_ii = 1),
so only its upper triangle is entered, row by row: a_12, a_13, ..., a_1n,
a_23, ...  The weights are the principal (Perron) eigenvector, scaled to sum
to 1; the consistency index is CI = (lambda_max - n) / (n - 1) and the
consistency ratio CR = CI / RI(n), with Saaty's random index RI.  A matrix
with CR > 0.1 is usually revised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.errors import SettingsError
from core.text import tr

# Saaty's random consistency index by matrix size (n = 1 .. 15)
RANDOM_INDEX = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59)
CR_LIMIT = 0.1


@dataclass(frozen=True)
class AhpResult:
    weights: np.ndarray       # (n,), summing to 1
    lambda_max: float
    ci: float
    cr: float                 # 0 for n <= 2 (always consistent)

    @property
    def consistent(self) -> bool:
        return self.cr <= CR_LIMIT


def triangle_size(m: int) -> int | None:
    """The n whose upper triangle has ``m`` entries (n (n - 1) / 2), or None."""
    n = int(round((1 + math.sqrt(1 + 8 * m)) / 2))
    return n if n * (n - 1) // 2 == m else None


def full_matrix(upper, n: int) -> np.ndarray:
    """The reciprocal n x n matrix from its upper triangle, row by row."""
    upper = [float(v) for v in upper]
    if len(upper) != n * (n - 1) // 2:
        raise ValueError(f"an AHP matrix of size {n} needs {n * (n - 1) // 2} judgements, got {len(upper)}")
    A = np.ones((n, n))
    k = 0
    for i in range(n):
        for j in range(i + 1, n):
            A[i, j] = upper[k]
            A[j, i] = 1.0 / upper[k]
            k += 1
    return A


def random_index(n: int) -> float:
    return RANDOM_INDEX[n - 1] if n <= len(RANDOM_INDEX) else RANDOM_INDEX[-1]


def solve(A) -> AhpResult:
    """Principal-eigenvector weights and the consistency of a reciprocal matrix."""
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    if n == 1:
        return AhpResult(np.ones(1), 1.0, 0.0, 0.0)
    vals, vecs = np.linalg.eig(A)
    k = int(np.argmax(vals.real))
    v = np.abs(vecs[:, k].real)
    w = v / v.sum()
    lam = float(vals[k].real)
    ci = max(0.0, (lam - n) / (n - 1))
    ri = random_index(n)
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(w, lam, ci, cr)


def parse_judgements(text, key: str, where: str) -> tuple:
    """The upper triangle from text: numbers or fractions ('3', '1/5', '0.2')
    separated by commas or semicolons, each > 0, a triangle's count."""
    parts = [p.strip() for p in str(text).replace(";", ",").split(",") if p.strip()]
    out = []
    for p in parts:
        try:
            if "/" in p:
                a, b = p.split("/", 1)
                x = float(a) / float(b)
            else:
                x = float(p)
        except (ValueError, ZeroDivisionError):
            x = float("nan")
        if not (math.isfinite(x) and x > 0):
            raise SettingsError(tr("{where}: {key}: '{value}' is not a judgement; each must be a number above "
                                   "zero such as 3 or 1/3", where=where, key=key, value=p),
                                valid=["numbers > 0, e.g. 3,1/5,2"])
        out.append(x)
    if not out or triangle_size(len(out)) is None:
        raise SettingsError(tr("{where}: {key} needs the upper triangle of a pairwise-comparison matrix, row by "
                               "row (1, 3, 6, 10, ... numbers for 2, 3, 4, 5, ... children); got {n}",
                               where=where, key=key, n=len(out)), valid=["a12,a13,a23 for three children"])
    return tuple(out)


def show_judgements(values) -> str:
    return ",".join(f"{v:g}" for v in values)
