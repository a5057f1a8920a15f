"""The default base period: the first period where every indicator has a
value (for a fixed-base index: a positive value for each unit that has the
indicator), else the first where most do, with a warning naming the
indicators without a base value.  A base_year setting always wins."""
from __future__ import annotations

import numpy as np
import pytest

from core.errors import ComputeError
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.pipeline.engine import Engine

NAN = np.nan


def framework():
    return Framework.from_records([
        {"Level": 1, "iCode": "a", "iName": "A", "Parent": "D1", "Type": "Indicator"},
        {"Level": 1, "iCode": "b", "iName": "B", "Parent": "D2", "Type": "Indicator"},
        {"Level": 2, "iCode": "D1", "iName": "Dim 1", "Parent": "Idx", "Type": "Aggregate"},
        {"Level": 2, "iCode": "D2", "iName": "Dim 2", "Parent": "Idx", "Type": "Aggregate"},
        {"Level": 3, "iCode": "Idx", "iName": "Index", "Type": "Aggregate"},
    ])


def engine(values, **sets):
    """values[unit][period] = (a, b); periods 1960..."""
    v = np.array(values, dtype=float)
    periods = [1960 + t for t in range(v.shape[1])]
    ds = Dataset([f"U{k}" for k in range(v.shape[0])], [f"Unit {k}" for k in range(v.shape[0])], periods,
                 ["a", "b"], v)
    s = Settings()
    for k, x in sets.items():
        s.apply(k, x)
    return Engine(framework(), ds, s)


# World Bank style: nothing in 1960, b starts in 1962
LATE = [[(NAN, NAN), (1, NAN), (2, 4), (3, 5)],
        [(NAN, NAN), (2, NAN), (3, 6), (4, 8)]]


def test_default_base_skips_periods_without_data_for_every_indicator():
    e = engine(LATE)
    assert e.growth_base == 2
    assert e.dataset.periods[e.growth_base] == 1962
    assert not [w for w in e.warnings if w["kind"] == "base_year"]
    # growth is measured from 1962 (unit 1: min-max 100 at every period)
    assert e.growth("Idx", e.growth_base)[0][1] == pytest.approx(0.0)


def test_default_fixed_base_is_the_first_period_with_a_positive_value():
    e = engine(LATE, normalisation="fixed_base")          # was an error: no base value in 1960
    assert list(e.base_index) == [2, 2]
    np.testing.assert_allclose(e.score("a")[:, 2], 100.0)
    np.testing.assert_allclose(e.score("b")[:, 3], [125.0, 800 / 6])
    # a zero is no base value either
    zero = [[(0, 1), (1, 2)], [(2, 2), (3, 3)]]
    e = engine(zero, normalisation="fixed_base")
    assert list(e.base_index) == [1, 1]


def test_no_period_for_all_takes_the_most_and_warns():
    # a only in 1960-61, b only from 1961 on; c-less: 1961 has both
    values = [[(1, NAN), (2, 3), (NAN, 4)], [(1, NAN), (2, 3), (NAN, 5)]]
    assert engine(values).growth_base == 1
    # a only in 1960, b only from 1961: 1960 and 1961 each have one: the first
    values = [[(1, NAN), (NAN, 3), (NAN, 4)], [(1, NAN), (NAN, 3), (NAN, 5)]]
    e = engine(values)
    assert e.growth_base == 0
    w = [w for w in e.warnings if w["kind"] == "base_year"]
    assert len(w) == 1 and w[0]["codes"] == ["b"] and "'b'" not in w[0]["message"] and "b" in w[0]["message"]
    assert w[0]["period"] == 1960
    # an explicit base year: no warning about the default
    e = engine(values, base_year="1961")
    assert e.growth_base == 1 and not [w for w in e.warnings if w["kind"] == "base_year"]


def test_explicit_base_year_wins():
    e = engine(LATE, base_year="1961")
    assert e.growth_base == 1
    with pytest.raises(ComputeError, match="fixed-base"):
        engine(LATE, normalisation="fixed_base", base_year="1961")   # b has no value in 1961
    e = engine(LATE, normalisation="fixed_base", **{"base_year.a": "1961"})
    assert list(e.base_index) == [1, 2]
    np.testing.assert_allclose(e.score("a")[:, 1], 100.0)


def test_full_data_keeps_the_first_period():
    full = [[(1, 2), (2, 3)], [(3, 4), (4, 5)]]
    e = engine(full, normalisation="fixed_base")
    assert e.growth_base == 0 and list(e.base_index) == [0, 0]


def test_an_edit_that_moves_the_default_base_recomputes():
    e = engine(LATE)
    assert e.growth_base == 2
    e.dataset.values[0, 1, 1] = 7.0                      # b gets a value in 1961
    e.update([(0, 1, 1)])
    assert e.growth_base == 1
    fresh = engine(e.dataset.values.tolist())
    np.testing.assert_allclose(e.scores, fresh.scores, equal_nan=True)
