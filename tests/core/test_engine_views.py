"""The engine's per-unit and per-period views (what the charts draw) agree
with its own full results: contributions of every child over all periods
for one unit, and one period's ranks."""
from __future__ import annotations

import numpy as np
import pytest

from core.project import projectfile
from test_structure import make_project


@pytest.fixture(params=["sample", "three units"])
def engine(request, sample_coindex):
    """The bundled sample (one unit, five years) and a project of three
    units, four periods, nested dimensions and missing values."""
    return (projectfile.load(sample_coindex) if request.param == "sample" else make_project()).engine


def test_unit_contributions_match_contributions_period_by_period(engine):
    root = engine.framework.root
    T = len(engine.dataset.periods)
    for t0 in (0, engine.growth_base):
        for u in range(len(engine.dataset.unit_codes)):
            codes, points, change = engine.unit_contributions(root, u, t0)
            assert codes == engine.framework.children(root)
            for t in range(T):
                c, pts, _ = engine.contributions(root, t0, t)
                assert c == codes
                np.testing.assert_allclose(points[:, t], pts[:, u], rtol=0, atol=1e-12, equal_nan=True)
            s = engine.score(root)[u]
            np.testing.assert_allclose(change, s - s[t0], equal_nan=True)
            # the points of a period add up to the change (the decomposition is exact for the mean used)
            finite = np.isfinite(change)
            np.testing.assert_allclose(np.nansum(points, axis=0)[finite], change[finite], atol=1e-9)


def test_period_rank_is_the_rank_of_that_period(engine):
    for code in engine.codes:
        fresh = [engine.period_rank(code, t) for t in range(len(engine.dataset.periods))]
        full = engine.rank(code)                                   # (caches the node's ranks)
        for t, r in enumerate(fresh):
            np.testing.assert_array_equal(r, full[:, t])
            np.testing.assert_array_equal(engine.period_rank(code, t), full[:, t])
