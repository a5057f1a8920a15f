"""Working through the scores in pieces that stay in the processor's cache.

A full recomputation at county scale handles arrays of tens to hundreds of
megabytes.  Done a whole array at a time, every step (each arithmetic
operation of a normalisation, each child of a mean) streams the array
through memory again and allocates temporaries as large as it; once the
arrays no longer fit in cache the time grows faster than the data.  Done a
piece at a time, each piece goes through all of its steps while it is in
cache, and the temporaries are the size of a piece:

* normalisation is per indicator, so the engine hands the method a few
  indicators at a time (:func:`indicator_pieces`);
* a generalised mean is per unit and period, so a parent is averaged over a
  block of units at a time (:func:`mean_by_units`).

Both give the same numbers as the whole-array arithmetic: every value goes
through the same operations in the same order.
"""
from __future__ import annotations

import numpy as np

from core.methods import aggregate as agg
from core.methods.usable import out_of_domain

# the size of the piece a normalisation works on (the input; its output and temporaries are as large)
PIECE_BYTES = 1 << 19
# cells (units x periods) per block of a mean: its temporaries (about 30 bytes a cell) stay in cache
MEAN_BLOCK_CELLS = 16384


def indicator_pieces(sel, item_bytes: int, budget: int = PIECE_BYTES) -> list:
    """The rows ``sel`` (a slice or index array, ascending) as slices of
    consecutive rows, each at most ``budget`` bytes (at least one row) when
    a row is ``item_bytes`` bytes.  Slices index views, not copies."""
    if isinstance(sel, slice):
        idx = np.arange(sel.start, sel.stop)
    else:
        idx = np.asarray(sel, dtype=int)
    if idx.size == 0:
        return []
    per = max(1, budget // max(1, item_bytes))
    breaks = np.flatnonzero(np.diff(idx) != 1) + 1
    out = []
    for run in np.split(idx, breaks):
        for k in range(0, run.size, per):
            part = run[k:k + per]
            out.append(slice(int(part[0]), int(part[-1]) + 1))
    return out


def mean_by_units(scores, kids, w, p, out, domain_error) -> None:
    """``out`` (units, periods) = the weighted generalised mean of power
    ``p`` of ``scores[kids]`` with weights ``w``, a block of units at a time.
    Before a block is averaged it is checked for scores the mean cannot take
    (:func:`core.methods.usable.out_of_domain`); on one, ``domain_error()``
    is called, which raises naming the first such score of the whole."""
    U, T = out.shape
    step = max(1, MEAN_BLOCK_CELLS // max(1, T))
    for u0 in range(0, U, step):
        X = scores[kids, u0:u0 + step]
        bad = out_of_domain(X, p)
        if bad is not None and bad.any():
            domain_error()
        out[u0:u0 + step] = agg.weighted_mean(X, w, p)[0]
