"""Synthetic county-scale CoIndex projects for benchmarks.

``county_project()`` builds a deterministic (seeded) project shaped like a
national county-level index: 2,850 units x 20 years x 100 indicators in 5
dimensions of 20 indicators each, one Index at the top.  Values are positive
(log-normal levels with a unit effect and a per-indicator trend), every fifth
indicator has Direction -1, and about ``missing`` of the cells are missing.

Missing cells are never placed in the first year: the fixed-base index
(``normalisation=fixed_base``, base year = first year) needs a positive base
value for every unit that has any value of an indicator, so holes in the
base year would make that setting raise instead of compute.  The GUI
benchmarks reuse this module; keep the signature stable.
"""
from __future__ import annotations

import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from core.model.dataset import Dataset  # noqa: E402
from core.model.framework import Framework  # noqa: E402
from core.project.project import Project  # noqa: E402
from core.model.settings import Settings  # noqa: E402

FIRST_YEAR = 2005


def county_framework(n_dims: int = 5, per_dim: int = 20) -> Framework:
    """Index -> ``n_dims`` dimensions -> ``per_dim`` indicators each."""
    recs = [{"iCode": "Index", "iName": "Composite index", "Parent": None, "Type": "Aggregate", "Weight": 1}]
    for d in range(1, n_dims + 1):
        recs.append({"iCode": f"D{d}", "iName": f"Dimension {d}", "Parent": "Index",
                     "Type": "Aggregate", "Weight": 1.0 + 0.25 * (d % 3)})
    for d in range(1, n_dims + 1):
        for j in range(1, per_dim + 1):
            k = (d - 1) * per_dim + j
            recs.append({"iCode": f"D{d}I{j:02d}", "iName": f"Indicator {d}.{j}", "Parent": f"D{d}",
                         "Type": "Indicator", "Weight": 1.0 + (k % 4) * 0.5,
                         "Direction": -1 if k % 5 == 0 else 1})
    return Framework.from_records(recs, where="synthetic")


def county_values(n_units, n_years, n_ind, seed=0, missing=0.01) -> np.ndarray:
    """Positive values[unit, year, indicator] with ~``missing`` NaN cells
    (none in the first year)."""
    rng = np.random.default_rng(seed)
    level = rng.normal(0.0, 1.0, size=(1, 1, n_ind)) * 2.0                  # indicator scale (log)
    unit = rng.normal(0.0, 0.5, size=(n_units, 1, n_ind))                   # unit effect
    trend = rng.normal(0.02, 0.03, size=(n_units, 1, n_ind))                # growth per year
    years = np.arange(n_years, dtype=float).reshape(1, -1, 1)
    noise = rng.normal(0.0, 0.08, size=(n_units, n_years, n_ind))
    values = np.exp(level + unit + trend * years + noise)
    if missing and n_years > 1:
        holes = rng.random((n_units, n_years - 1, n_ind)) < missing * n_years / (n_years - 1)
        values[:, 1:, :][holes] = np.nan
    return values


def county_project(n_units: int = 2850, n_years: int = 20, n_dims: int = 5, per_dim: int = 20,
                   seed: int = 0, missing: float = 0.01, settings: Settings | None = None) -> Project:
    """A seeded synthetic county-scale :class:`core.project.project.Project`
    (default settings unless ``settings`` is given).  The engine is built
    lazily on first use of ``project.engine``."""
    fw = county_framework(n_dims, per_dim)
    values = county_values(n_units, n_years, len(fw.indicator_codes), seed, missing)
    width = len(str(n_units))
    ucodes = [f"C{u:0{width}d}" for u in range(1, n_units + 1)]
    unames = [f"County {u}" for u in range(1, n_units + 1)]
    periods = list(range(FIRST_YEAR, FIRST_YEAR + n_years))
    ds = Dataset(ucodes, unames, periods, fw.indicator_codes, values)
    return Project(fw, ds, settings or Settings(), info={"synthetic": True, "seed": seed})


def fixed_base_settings(first_year: int = FIRST_YEAR) -> Settings:
    """Fixed-base index (100 x value / value in the first year)."""
    s = Settings()
    s.apply("normalisation", "fixed_base")
    s.apply("base_year", first_year)
    return s
