"""The values normalisation reads, indicator by indicator, kept between runs.

Normalisation works on one indicator's units x periods at a time, so the
engine needs the raw values (or the treated ones, :mod:`core.treatment`)
indicator-major: ``raw[i, u, t]``, each indicator contiguous.  Making that
array (and treating the data) depends only on the data, the framework and
the settings, not on what a run computes, so :class:`ValueCache` makes it
once and hands it to every later run:

* an edit told to the engine (``Engine.update``, which
  ``project.execute(SetValues(...))`` and its undo call) writes the edited
  cells into the array (:meth:`ValueCache.patch`), or drops it when the
  treatment step reads whole indicators (:meth:`ValueCache.invalidate`);
* another dataset, values array, framework or settings (a settings change
  or a structure change makes a new engine anyway) is seen by
  :meth:`ValueCache.get`, which then reads and treats the data again;
* values written into ``dataset.values`` without telling the engine are not
  seen: call ``Engine.run(reread=True)`` (or ``update``) after such writes.

The indicator-major copy is made block by block over the units, so each
block is read and written while it is in cache: a plain transposed copy of
the whole array is cache-unfriendly and grows faster than the data.
"""
from __future__ import annotations

import weakref

import numpy as np

from core.treatment import prepare as treatment

# cells of the dataset copied per block (100 indicators x 20 periods: about 8 units, 128 KiB)
COPY_BLOCK_CELLS = 16384


def indicator_major(values: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``values[u, t, i]`` as a C-contiguous ``raw[i, u, t]``, written into
    ``out`` when it has that shape (no new allocation), copied block by
    block over the units."""
    U, T, n = values.shape
    if out is None or out.shape != (n, U, T) or not out.flags.c_contiguous:
        out = np.empty((n, U, T))
    step = max(1, COPY_BLOCK_CELLS // max(1, T * n))
    for u0 in range(0, U, step):
        out[:, u0:u0 + step, :] = values[u0:u0 + step].transpose(2, 0, 1)
    return out


class ValueCache:
    """The treatment record and the indicator-major values of one engine's
    data (see the module text for when they are made again)."""

    def __init__(self):
        self.prepared = None                  # treatment.Prepared, or None when the step has nothing to do
        self.raw = None                       # (indicators, units, periods)
        self._source = None                   # what they were made from (see _source_of)
        self._settings = None

    @staticmethod
    def _source_of(framework, dataset):
        # the objects themselves, compared by identity (the engine holds them anyway), and a weak
        # reference to the values array, so that an array the dataset let go of is not kept alive
        return (framework, dataset, weakref.ref(dataset.values), dataset.denominators, dataset.groups)

    def current(self, framework, dataset, settings) -> bool:
        """Whether what is held was made from these objects (and equal settings)."""
        if self.raw is None or self._source is None:
            return False
        fw, ds, values, denominators, groups = self._source
        return (fw is framework and ds is dataset and values() is dataset.values
                and denominators is dataset.denominators and groups is dataset.groups
                and self._settings == settings)

    def get(self, framework, dataset, settings):
        """(prepared, raw) for the data: those held when still current, else
        made again (the array is reused when its shape has not changed)."""
        if not self.current(framework, dataset, settings):
            self.prepared = None
            self._source = None
            prepared = (treatment.prepare(framework, dataset, settings)
                        if treatment.active(framework, settings) else None)
            values = dataset.values if prepared is None else prepared.values
            self.raw = indicator_major(values, self.raw)
            self.prepared = prepared
            self._source = self._source_of(framework, dataset)
            self._settings = settings.copy()
        return self.prepared, self.raw

    def patch(self, cells, values) -> None:
        """Write the raw ``values`` at ``cells`` [(u, t, i), ...] into the
        held array (the values need no treatment: ``prepared`` is None)."""
        if self.raw is None or self.prepared is not None:
            self.invalidate()
            return
        if cells:
            u, t, i = (np.fromiter((c[k] for c in cells), dtype=np.intp, count=len(cells)) for k in range(3))
            self.raw[i, u, t] = values[u, t, i]

    def invalidate(self) -> None:
        """Forget what is held: the next :meth:`get` reads the data again."""
        self._source = None
