"""Each normalisation method on small cases with known answers: COINr's own
documented examples and test expectations, and hand arithmetic."""
import math

import numpy as np
import pytest

from core.model.dataset import Dataset
from core.pipeline.engine import Engine
from core.model.framework import Framework
from core.model.settings import Settings
from core.model.framework import Node


def run(values, method, direction=1, params=None, units=None, **settings):
    """Normalise one indicator given per unit (one period) with ``method``."""
    params = params or {}
    nodes = [Node("R", type="Aggregate"), Node("x", parent="R", direction=direction, params=params)]
    fw = Framework(nodes)
    n = len(values)
    X = np.array(values, dtype=float).reshape(n, 1, 1)
    ds = Dataset(units or [f"u{i}" for i in range(n)], units or [f"u{i}" for i in range(n)], [2020], ["x"], X)
    s = Settings()
    s.apply("normalisation", method)
    for k, v in settings.items():
        s.apply(k, v)
    return Engine(fw, ds, s)


def col(e):
    return e.score("x")[:, 0]


def test_goalposts_coinr_examples():
    # COINr docs: n_goalposts(1, gposts = c(0, 10, 1)) -> 0.1; direction -1 -> 0.9
    p = {"goalpost_lower": 0, "goalpost_upper": 10, "goalpost_scale": 1}
    assert col(run([1.0], "goalposts", 1, p))[0] == pytest.approx(0.1)
    assert col(run([1.0], "goalposts", -1, p))[0] == pytest.approx(0.9)


def test_goalposts_truncation_and_warning():
    p = {"goalpost_lower": 0, "goalpost_upper": 10, "goalpost_scale": 100}
    e = run([-5.0, 5.0, 15.0], "goalposts", 1, p)
    np.testing.assert_allclose(col(e), [0.0, 50.0, 100.0])
    assert any(w["kind"] == "out_of_range" and w["code"] == "x" for w in e.warnings)
    e = run([-5.0, 5.0, 15.0], "goalposts", 1, {**p, "goalpost_trunc2posts": False})
    np.testing.assert_allclose(col(e), [-50.0, 50.0, 150.0])


def test_dist2target_coinr_test_expectations():
    # COINr's test: x = c(-1, 1, 10), targ = 0, direction = -1 -> c(1.1, 0.9, 0); capped -> c(1, 0.9, 0)
    np.testing.assert_allclose(col(run([-1.0, 1.0, 10.0], "dist2target", -1, {"Target": 0})), [1.1, 0.9, 0.0])
    np.testing.assert_allclose(col(run([-1.0, 1.0, 10.0], "dist2target", -1,
                                       {"Target": 0, "dist2targ_cap_max": True})), [1.0, 0.9, 0.0])
    # direction +1: (x - min) / (targ - min)
    np.testing.assert_allclose(col(run([0.0, 5.0, 10.0], "dist2target", 1, {"Target": 10})), [0.0, 0.5, 1.0])


def test_rank_and_prank_ties_min_and_missing():
    e = run([3.0, 1.0, 3.0, math.nan, 2.0], "rank")
    np.testing.assert_array_equal(col(e), [3.0, 1.0, 3.0, np.nan, 2.0])
    e = run([3.0, 1.0, 3.0, math.nan, 2.0], "prank")
    # (rank - 1) / (n - 1), n = 4 present values
    np.testing.assert_allclose(col(e), [2 / 3, 0.0, 2 / 3, np.nan, 1 / 3])
    # direction -1 reverses the order
    np.testing.assert_array_equal(col(run([3.0, 1.0, 2.0], "rank", -1)), [1.0, 3.0, 2.0])


def test_zscore_uses_sample_sd():
    x = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
    m, sd = np.mean(x), np.std(x, ddof=1)
    np.testing.assert_allclose(col(run(x, "zscore")), (np.array(x) - m) / sd)
    np.testing.assert_allclose(col(run(x, "zscore", zscore_mean="100", zscore_sd="10")),
                               (np.array(x) - m) / sd * 10 + 100)


def test_minmax_range_and_direction():
    np.testing.assert_allclose(col(run([10.0, 20.0, 30.0], "minmax")), [0.0, 50.0, 100.0])
    np.testing.assert_allclose(col(run([10.0, 20.0, 30.0], "minmax", -1)), [100.0, 50.0, 0.0])
    np.testing.assert_allclose(col(run([10.0, 20.0, 30.0], "minmax", minmax_range="1,10")), [1.0, 5.5, 10.0])
    # per-indicator range from the Meta columns minmax_lower / minmax_upper
    np.testing.assert_allclose(col(run([10.0, 20.0, 30.0], "minmax", 1, {"minmax_lower": 20, "minmax_upper": 40})),
                               [20.0, 30.0, 40.0])


def test_minmax_zero_range_is_missing_with_a_warning():
    e = run([5.0, 5.0], "minmax")
    assert np.isnan(col(e)).all()
    assert any(w["kind"] == "undefined" and "range is zero" in w["message"] for w in e.warnings)


@pytest.mark.parametrize("method,expected", [
    ("arithmetic", (1 * 4 + 3 * 16) / 4),
    ("geometric", (4 ** 1 * 16 ** 3) ** (1 / 4)),
    ("harmonic", 4 / (1 / 4 + 3 / 16)),
    ("generalised", ((1 * 4 ** 2 + 3 * 16 ** 2) / 4) ** 0.5),
])
def test_weighted_means_by_hand(method, expected):
    nodes = [Node("R", type="Aggregate"), Node("a", parent="R", weight=1.0), Node("b", parent="R", weight=3.0)]
    fw = Framework(nodes)
    ds = Dataset(["u"], ["u"], [2020], ["a", "b"], np.array([[[4.0, 16.0]]]))
    s = Settings()
    s.apply("normalisation", "none")
    s.apply("aggregation", method)
    s.apply("power", "2")
    assert Engine(fw, ds, s).score("R")[0, 0] == pytest.approx(expected, rel=1e-12)


def test_sub_dimensions_of_different_depth():
    """A tree whose branches differ in depth: one dimension has sub-dimensions."""
    nodes = [Node("I", type="Aggregate"), Node("D1", parent="I", type="Aggregate"),
             Node("S1", parent="D1", type="Aggregate"), Node("a", parent="S1"), Node("b", parent="S1"),
             Node("c", parent="D1"), Node("D2", parent="I", type="Aggregate"), Node("d", parent="D2")]
    fw = Framework(nodes)
    assert fw.level["I"] == 4 and fw.level["D2"] == 2
    ds = Dataset(["u"], ["u"], [2020], fw.indicator_codes, np.array([[[10.0, 20.0, 40.0, 70.0]]]))
    s = Settings()
    s.apply("normalisation", "none")
    e = Engine(fw, ds, s)
    assert e.score("S1")[0, 0] == 15.0
    assert e.score("D1")[0, 0] == (15.0 + 40.0) / 2
    assert e.score("I")[0, 0] == ((15.0 + 40.0) / 2 + 70.0) / 2
