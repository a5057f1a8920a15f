"""The treatment methods by hand on small arrays: skewness and kurtosis,
winsorising and the log fallback, the imputations, transforms with their
goalposts, screening, and per-node / per-level aggregation settings."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import scipy.stats as ss

from core.errors import ComputeError, SettingsError
from core.methods import impute as mi
from core.methods import treat as mt
from core.model.dataset import Dataset
from core.model.framework import Framework, Node
from core.model.settings import Settings
from core.pipeline.engine import Engine
from core.treatment.prepare import prepare


def settings(**kw) -> Settings:
    s = Settings()
    for k, v in kw.items():
        s.apply(k, str(v))
    return s


# ---- skewness, kurtosis, winsorising --------------------------------------------------------------
def test_skew_and_kurt_are_the_sample_adjusted_ones():
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0, np.nan])
    f = x[np.isfinite(x)]
    assert mt.skew(x) == pytest.approx(ss.skew(f, bias=False), rel=1e-12)
    assert mt.kurt(x) == pytest.approx(ss.kurtosis(f, bias=False), rel=1e-12)
    assert math.isnan(mt.skew([1, 2])) and math.isnan(mt.kurt([1, 2, 3]))


def test_winsorise_sets_the_top_to_the_next_value_and_stops_when_it_passes():
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0])
    y, nwin, hi, lo = mt.winsorise(x)
    # one step: 100 -> 30; skew 1.6 < 2 passes
    assert y.tolist() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 30]
    assert nwin == 1 and hi.tolist() == [11] and lo.size == 0
    assert mt.check(y)[0] and not mt.check(x)[0]


def test_negative_skew_winsorises_the_bottom():
    x = -np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100.0])
    y, nwin, hi, lo = mt.winsorise(x)
    assert y[11] == -30 and nwin == 1 and lo.tolist() == [11] and hi.size == 0


def test_tied_points_go_together_and_count_as_coinr_counts_them():
    x = 2.0 ** np.arange(20)
    y, nwin, hi, lo = mt.winsorise(x)
    # step 1: 2^19 -> 2^18; step 2: both (tied at 2^18) -> 2^17: COINr counts the 2 at the top
    assert nwin == 2 and hi.tolist() == [18, 19]
    assert y[-3:].tolist() == [2.0 ** 17] * 3


def test_failing_winsorisation_falls_back_to_log_ct_of_the_original_values():
    x = 2.0 ** np.arange(20)
    r = mt.treat_vector(x, settings(treatment="winsorise", winmax=1))
    assert r["action"] == "log" and r["high"] == []
    expected = np.log(x - 1 + 0.01 * (2.0 ** 19 - 1))
    assert np.allclose(r["x"], expected, rtol=0, atol=1e-12)
    passing = mt.treat_vector(np.arange(10.0), settings(treatment="winsorise"))
    assert passing["action"] == "passed" and np.array_equal(passing["x"], np.arange(10.0))


# ---- imputation -----------------------------------------------------------------------------------
V = np.array([[1.0, np.nan, 3.0, np.nan],
              [np.nan, 2.0, np.nan, np.nan],
              [5.0, 6.0, 7.0, 8.0]])


def test_locf_and_linear_work_along_each_units_periods():
    assert mi.i_locf(V).tolist() == [[1, 1, 3, 3], [2, 2, 2, 2], [5, 6, 7, 8]]
    assert mi.i_linear(V).tolist() == [[1, 2, 3, 3], [2, 2, 2, 2], [5, 6, 7, 8]]


def test_mean_median_and_group_methods_work_within_a_period():
    m = mi.i_mean(V)
    assert m[1, 0] == 3.0 and m[0, 1] == 4.0 and m[0, 3] == 8.0
    W = np.array([[1.0], [np.nan], [3.0], [10.0], [np.nan], [np.nan]])
    g = np.array([["a"], ["a"], ["a"], ["b"], ["b"], ["c"]], dtype=object)
    got = mi.i_group_mean(W, g)
    assert got[1, 0] == 2.0 and got[4, 0] == 10.0 and math.isnan(got[5, 0])   # group c has no value
    W[0, 0] = 7.0
    assert mi.i_group_median(W, g)[1, 0] == 5.0


# ---- the step on a small project --------------------------------------------------------------
def small(transform="", lo=None, hi=None, values=None):
    params = {"Transform": transform} if transform else {}
    if lo is not None:
        params.update(goalpost_lower=lo, goalpost_upper=hi)
    fw = Framework([Node("IDX", type="Aggregate"), Node("A", parent="IDX", params=params),
                    Node("B", parent="IDX"), Node("C", parent="IDX"), Node("D", parent="IDX")])
    vals = np.array(values if values is not None else
                    [[1, 2, 3, 4], [10, 20, 30, 40], [100, np.nan, np.nan, np.nan], [1000, 5, 6, 7]], dtype=float)
    ds = Dataset(["u1", "u2", "u3", "u4"], ["u1", "u2", "u3", "u4"], [2020], list("ABCD"), vals[:, None, :])
    return fw, ds


def test_screening_leaves_out_a_unit_with_one_of_four_indicators():
    fw, ds = small()
    e = Engine(fw, ds, settings(screen_threshold=0.75))
    assert e.prepared.screened == [(2, 0)]
    assert math.isnan(e.score("IDX")[2, 0]) and not math.isnan(e.score("IDX")[1, 0])
    (w,) = [w for w in e.warnings if w["kind"] == "screened"]
    assert w["units"] == ["u3"] and "75%" in w["message"]
    without = Engine(fw, ds, Settings())
    assert not math.isnan(without.score("IDX")[2, 0])


def test_log_transform_moves_the_goalposts_with_the_values():
    fw, ds = small("log", 1, 1000)
    e = Engine(fw, ds, settings(**{"normalisation.A": "goalposts"}))
    assert e.params_of("A")["goalpost_upper"] == pytest.approx(math.log(1000))
    # ln 10 / ln 1000 = 1/3
    assert e.score("A")[1, 0] == pytest.approx(1 / 3, abs=1e-12)
    assert e.prepared.transforms == {"A": "log"}


def test_log_with_a_zero_uses_log_ct_and_sqrt_refuses_a_negative():
    fw, ds = small("log", values=[[0, 2, 3, 4], [10, 2, 3, 4], [100, 2, 3, 4], [1000, 2, 3, 4]])
    out = prepare(fw, ds, Settings())
    assert out.transforms == {"A": "log_ct"}
    assert out.values[:, 0, 0] == pytest.approx(np.log(np.array([0, 10, 100, 1000]) + 10.0))
    fw, ds = small("sqrt", values=[[-1, 2, 3, 4], [10, 2, 3, 4], [100, 2, 3, 4], [1000, 2, 3, 4]])
    with pytest.raises(ComputeError, match="sqrt transform of a negative value"):
        prepare(fw, ds, Settings())
    fw, ds = small("cube")
    with pytest.raises(SettingsError, match="'cube' is not a transform"):
        prepare(fw, ds, Settings())


def test_denominate_needs_a_known_column():
    fw, ds = small()
    fw["A"].params["Denominator"] = "Pop"
    with pytest.raises(ComputeError, match="denominator 'Pop' is not a column"):
        prepare(fw, ds, settings(denominate="true"))
    ds.denominators["Pop"] = np.array([[2.0], [5.0], [0.0], [4.0]])
    out = prepare(fw, ds, settings(denominate="true"))
    assert out.values[:, 0, 0].tolist()[:2] == [0.5, 2.0] and math.isnan(out.values[2, 0, 0])


@pytest.mark.parametrize("key, text, message", [
    ("screen_threshold", "1.5", "share in (0, 1]"), ("imputation", "bogus", "valid values: none, mean"),
    ("treatment", "trim", "valid values: none, winsorise"), ("winmax", "2.5", "whole number"),
    ("aggregation.level.1", "geometric", "level must be a whole number >= 2")])
def test_bad_settings_say_what_is_wrong(key, text, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings().apply(key, text)


def test_group_imputation_needs_a_group_column_and_aggregation_code_an_aggregate():
    fw, ds = small()
    with pytest.raises(SettingsError, match="needs imputation_group"):
        prepare(fw, ds, settings(imputation="group_mean"))
    with pytest.raises(SettingsError, match="'A' is not an aggregate"):
        Engine(fw, ds, settings(**{"aggregation.A": "geometric"}))


def test_an_aggregate_takes_its_own_mean():
    fw, ds = small(values=[[1, 4, 16, 64]] * 4)
    e = Engine(fw, ds, settings(normalisation="none", **{"aggregation.IDX": "geometric"}))
    assert e.score("IDX")[0, 0] == pytest.approx(8.0, rel=1e-12)            # (1*4*16*64)^(1/4)
    assert Engine(fw, ds, settings(normalisation="none")).score("IDX")[0, 0] == pytest.approx(21.25)
