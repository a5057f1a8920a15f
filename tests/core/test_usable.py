"""Methods offered only where they can work: each method's ``usable``
(declared in the registry) on one unit, without goalposts or targets, and on
scores a geometric or harmonic mean cannot take; the engine and the command
line refuse such a method naming it and the reason; the domain errors name
the aggregation, the normalisation, the place and advice that fits; the
reasons in Chinese."""
from __future__ import annotations

import numpy as np
import pytest

from core import text
from core.cli import main as cli_main
from core.errors import ComputeError, SettingsError
from core.methods.registry import AGGREGATIONS, NORMALISATIONS, MethodContext
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.model.usability import (aggregation_choices, default_settings, normalisation_choices,
                                  normalisation_context)
from core.pipeline.engine import Engine

UNITS_COMPARED = ("minmax", "zscore", "rank", "prank", "fracmax", "dist2max", "borda")


def framework(params=None):
    """An index over two dimensions of two indicators; ``params`` maps codes to Meta params."""
    params = params or {}
    meta = [{"iCode": "IDX", "Type": "Aggregate"}, {"iCode": "D1", "Parent": "IDX", "Type": "Aggregate"},
            {"iCode": "D2", "Parent": "IDX", "Type": "Aggregate"}]
    meta += [{"iCode": c, "Parent": p, **params.get(c, {})} for c, p in (("A", "D1"), ("B", "D1"), ("C", "D2"),
                                                                          ("E", "D2"))]
    return Framework.from_records(meta)


def dataset(units=("U1", "U2", "U3"), periods=(2020, 2021)):
    X = np.arange(1.0, 1 + len(units) * len(periods) * 4).reshape(len(units), len(periods), 4)
    return Dataset(list(units), list(units), list(periods), ["A", "B", "C", "E"], X)


def settings(**values):
    s = Settings()
    for k, v in values.items():
        s.apply(k, v)
    return s


GOALPOSTS = {c: {"goalpost_lower": 0, "goalpost_upper": 100} for c in "ABCE"}
TARGETS = {c: {"Target": 50} for c in "ABCE"}


# ---- usable() of each normalisation -------------------------------------------------------------------------
@pytest.mark.parametrize("method", UNITS_COMPARED)
def test_methods_comparing_units_cannot_work_on_one_unit(method):
    one = dataset(units=("ONLY",))
    reason = NORMALISATIONS[method].problem(normalisation_context(framework(), one, settings(normalisation=method),
                                                                 method))
    assert reason.startswith("it compares units, and the project has one ('ONLY')")
    # two units, or one unit pooled over two periods: it works
    assert NORMALISATIONS[method].problem(normalisation_context(framework(), dataset(),
                                                                settings(normalisation=method), method)) is None
    pooled = settings(normalisation=method, pooled="true")
    assert NORMALISATIONS[method].problem(normalisation_context(framework(), one, pooled, method)) is None
    # one unit and one period, even pooled: nothing to compare
    assert NORMALISATIONS[method].problem(normalisation_context(framework(), dataset(("ONLY",), (2020,)), pooled,
                                                                method))


def test_one_unit_leaves_fixed_base_and_none():
    choices = normalisation_choices(framework(GOALPOSTS), dataset(units=("ONLY",)), Settings())
    assert [m for m, why in choices.items() if why is None] == ["fixed_base", "goalposts", "none", "scaled"]
    assert all("one ('ONLY')" in choices[m] for m in UNITS_COMPARED)
    assert "missing for 'A', 'B', 'C' and 1 more" in choices["dist2target"]


def test_goalposts_need_both_goalposts_for_every_indicator():
    def reason(params):
        fw = framework(params)
        return NORMALISATIONS["goalposts"].problem(normalisation_context(fw, dataset(), settings(
            normalisation="goalposts"), "goalposts"))
    assert reason(GOALPOSTS) is None
    missing = {**GOALPOSTS, "B": {"goalpost_lower": 0}, "E": {}}
    assert reason(missing).startswith("it needs a lower and an upper goalpost for every indicator; missing for "
                                      "'B', 'E' (set them in the indicator sheet")
    assert reason({**GOALPOSTS, "C": {"goalpost_lower": 5, "goalpost_upper": 5}}) == \
        "the lower goalpost of 'C' (5) must be below its upper goalpost (5)"
    # an indicator with a normalisation of its own is not asked for goalposts
    s = settings(normalisation="goalposts")
    s.normalisation_by["E"] = "minmax"
    fw = framework({**GOALPOSTS, "E": {}})
    assert NORMALISATIONS["goalposts"].problem(normalisation_context(fw, dataset(), s, "goalposts")) is None


def test_distance_to_target_needs_targets():
    fw = framework({**TARGETS, "A": {}})
    reason = NORMALISATIONS["dist2target"].problem(normalisation_context(fw, dataset(), settings(
        normalisation="dist2target"), "dist2target"))
    assert reason.startswith("it needs a target for every indicator; missing for 'A'")
    assert NORMALISATIONS["dist2target"].problem(normalisation_context(framework(TARGETS), dataset(), settings(
        normalisation="dist2target"), "dist2target")) is None


# ---- usable() of each aggregation -------------------------------------------------------------------------
def test_means_that_cannot_take_zero_or_negative_scores():
    fw, ds = framework(), dataset()
    scores = np.full((4, 3, 2), 50.0)
    assert all(why is None for why in aggregation_choices(fw, ds, settings(), scores).values())
    scores[1, 2, 1] = 0.0                         # B, U3, 2021
    scores[3, 0, 0] = 0.0                         # E, U1, 2020
    why = aggregation_choices(fw, ds, settings(), scores)
    assert why["arithmetic"] is None and why["generalised"] is None          # power 2: zero is fine
    for mean in ("geometric", "harmonic"):
        assert why[mean].startswith("it needs scores above zero, and 'B' scores 0 for unit 'U3', period 2021 under "
                                    "the normalisation Min-max; min-max gives the lowest value of each period 0")
        assert why[mean].endswith("(also: 'E')")
    scores[2, 1, 0] = -3.0                        # a negative score: no generalised mean of power 2 either
    assert "scores of zero or more, and 'C' scores -3 for unit 'U2', period 2020" in \
        aggregation_choices(fw, ds, settings(), scores)["generalised"]
    assert aggregation_choices(fw, ds, settings(power="-2"), np.full((4, 3, 2), 50.0))["generalised"] is None
    # unknown scores: nothing to say yet
    ctx = MethodContext(Settings(), ("U1",), (2020,), ("A",), ({},), ("minmax",), None)
    assert AGGREGATIONS["geometric"].problem(ctx) is None


# ---- the engine and the command line refuse, naming the method and the reason ------------------------------
def test_engine_refuses_an_unusable_normalisation_listing_those_that_can():
    with pytest.raises(SettingsError) as e:
        Engine(framework(), dataset(units=("ONLY",)), settings(normalisation="minmax"))
    msg = str(e.value)
    assert msg.startswith("the normalisation Min-max (minmax) cannot work on this project: it compares units, and "
                          "the project has one ('ONLY')")
    assert msg.endswith("Normalisations that can: fixed_base, none, scaled")
    assert e.value.valid == ["fixed_base", "none", "scaled"]
    with pytest.raises(SettingsError, match=r"Goalposts \(goalposts\).*missing for 'A', 'B', 'C' and 1 more"):
        Engine(framework(), dataset(), settings(normalisation="goalposts"))
    e = Engine(framework(GOALPOSTS), dataset(), settings(normalisation="goalposts"))
    assert e.score("A")[0, 0] == pytest.approx(0.01)       # (1 - 0) / (100 - 0)


def test_cli_set_minmax_on_one_unit_exits_2_with_the_reason(sample_coindex, capsys):
    rc = cli_main(["compute", str(sample_coindex), "--set", "normalisation=minmax"])
    err = capsys.readouterr().err
    assert rc == 2 and "Traceback" not in err
    assert err.startswith("error: the normalisation Min-max (minmax) cannot work on this project: it compares "
                          "units, and the project has one ('CCEC')")
    assert "pool the periods, or choose fixed base or none" in err
    rc = cli_main(["compute", str(sample_coindex), "--set", "normalisation=minmax", "--set", "pooled=true"])
    assert rc == 0


# ---- domain errors name the methods in use, the place and advice that fits ---------------------------------
def test_geometric_mean_under_goalposts_names_both_methods_and_the_place():
    fw = framework({**GOALPOSTS, "C": {"goalpost_lower": 14, "goalpost_upper": 100}})   # C's 3 and 7 at or below 14
    with pytest.raises(ComputeError) as e:
        Engine(fw, dataset(), settings(normalisation="goalposts", aggregation="geometric"))
    msg = str(e.value)
    assert msg == ("Geometric mean of 'D2': it needs scores above zero, and 'C' scores 0 for unit 'U1', period 2020 "
                   "under the normalisation Goalposts; goalposts give 0 at or below the lower goalpost: widen the "
                   "lower goalpost of 'C' to below its lowest value, or use the arithmetic mean")
    assert "min-max" not in msg.lower()


def test_harmonic_mean_of_raw_values_and_of_an_incremental_edit():
    ds = dataset()
    e = Engine(framework(), ds, settings(normalisation="none", aggregation="harmonic"))
    ds.values[1, 1, 2] = -2.0                                  # U2, 2021, C
    with pytest.raises(ComputeError) as err:
        e.update([(1, 1, 2)])
    assert str(err.value) == ("Harmonic mean of 'D2': it needs scores above zero, and 'C' scores -2 for unit 'U2', "
                              "period 2021 under the normalisation None (raw values); without normalisation the "
                              "values are used as they are: every value of 'C' must be above zero, or choose a "
                              "normalisation")


def test_fixed_base_errors_name_the_method():
    ds = dataset()
    ds.values[0, 0, 1] = 0.0                                   # U1's base value of B
    with pytest.raises(ComputeError, match=r"^normalisation Fixed base \(base year = 100\): the base value of "
                                           r"indicator 'B', unit 'U1', period 2020 is zero"):
        Engine(framework(), ds, settings(normalisation="fixed_base", base_year="2020"))


# ---- defaults that fit, and Chinese ------------------------------------------------------------------------
def test_default_settings_choose_a_normalisation_that_can_work():
    assert default_settings(framework(), dataset()).normalisation == "minmax"
    assert default_settings(framework(), dataset(units=("ONLY",))).normalisation == "fixed_base"
    assert default_settings(framework(), dataset(("ONLY",), (2020,))).normalisation == "none"


@pytest.fixture
def chinese():
    text.set_language("zh")
    yield
    text.set_language("en")


def test_reasons_in_chinese(chinese):
    choices = normalisation_choices(framework(), dataset(units=("ONLY",)), Settings())
    assert choices["minmax"].startswith("该方法在单位之间比较，而本项目只有一个单位（“ONLY”）")
    with pytest.raises(SettingsError) as e:
        Engine(framework(), dataset(units=("ONLY",)), settings(normalisation="rank"))
    assert str(e.value).startswith("标准化方法排名（rank）不适用于本项目：该方法在单位之间比较")
    scores = np.full((4, 3, 2), 50.0)
    scores[0, 0, 0] = 0.0
    assert aggregation_choices(framework(), dataset(), Settings(), scores)["geometric"].startswith(
        "该平均需要大于零的得分，而在标准化方法极差标准化下，“A”在")
