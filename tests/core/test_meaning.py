"""What a chart may claim: growth only where change over time means
something, what a fixed-base ranking ranks, axis titles with units; read
from the method registry (a new method is judged by its declaration)."""
import pytest

from core import text
from core.methods.registry import NORMALISATIONS, PERIOD, UNIT, Method
from core.model.settings import Settings
from core.pipeline import meaning


def settings(**kw):
    s = Settings()
    for k, v in kw.items():
        setattr(s, k, v)
    return s


@pytest.mark.parametrize("method", ["minmax", "zscore", "rank", "prank", "dist2target"])
def test_per_period_scaling_has_a_growth_caveat(method):
    caveat = meaning.growth_caveat(settings(normalisation=method))
    assert caveat is not None
    assert NORMALISATIONS[method].label["en"] in caveat
    assert "scales each period separately" in caveat


@pytest.mark.parametrize("method", ["fixed_base", "goalposts", "none"])
def test_growth_means_something_without_per_period_scaling(method):
    assert meaning.growth_caveat(settings(normalisation=method)) is None


def test_pooled_periods_make_change_meaningful():
    assert meaning.growth_caveat(settings(normalisation="minmax", pooled=True)) is None
    assert meaning.growth_caveat(settings(normalisation="minmax", pooled=False)) is not None


def test_the_engine_methods_and_overrides_count():
    s = settings(normalisation="fixed_base")
    assert meaning.growth_caveat(s) is None
    s.normalisation_by["X1"] = "zscore"
    assert "Z-score" in meaning.growth_caveat(s)
    assert "Min-max" in meaning.growth_caveat(settings(normalisation="fixed_base"), ["fixed_base", "minmax"])


def test_a_new_method_is_judged_by_its_registry_scope():
    for name, scope in (("toy_period", PERIOD), ("toy_unit", UNIT)):
        NORMALISATIONS.register(Method("normalisation", name, lambda X, d, ctx, out=None: X, scope=scope,
                                       anchor=name, label={"en": name, "zh": name}, text={"en": "t", "zh": "t"}))
    try:
        assert meaning.growth_caveat(settings(normalisation="toy_period")).startswith("toy_period")
        assert meaning.growth_caveat(settings(normalisation="toy_unit")) is None
    finally:
        NORMALISATIONS.unregister("toy_period")
        NORMALISATIONS.unregister("toy_unit")


def test_ranking_note_for_fixed_base_only():
    assert meaning.ranking_note(settings(normalisation="fixed_base"), base="2020") == (
        "Fixed-base index: this ranks growth since 2020, not levels")
    assert "base period" in meaning.ranking_note(settings(normalisation="fixed_base"))
    assert meaning.ranking_note(settings(normalisation="minmax")) is None


def test_axis_titles_name_the_unit():
    assert meaning.score_axis_title(settings(normalisation="fixed_base"), base="2020") == "Index (2020 = 100)"
    assert meaning.score_axis_title(settings(normalisation="minmax")) == "Score (0-100)"
    assert meaning.score_axis_title(settings(normalisation="minmax", minmax_range=(1.0, 10.0))) == "Score (1-10)"
    assert meaning.score_axis_title(settings(normalisation="zscore")) == "Z-score (mean 0, sd 1)"
    assert meaning.score_axis_title(settings(normalisation="none"), units=["persons", "persons "]) == "Value (persons)"
    assert meaning.score_axis_title(settings(normalisation="none"), units=["persons", "%"]) == (
        "Value (units of the indicators)")
    assert meaning.score_axis_title(settings(), ["minmax", "rank"]) == "Score (mixed normalisations)"
    assert meaning.contribution_axis_title() == "Contribution (points)"


def test_texts_in_chinese():
    text.set_language("zh")
    try:
        assert meaning.score_axis_title(settings(normalisation="fixed_base"), base="2020") == "指数（2020 = 100）"
        assert meaning.score_axis_title(settings(normalisation="none"), units=["persons"]) == "数值（人）"
        assert meaning.growth_caveat(settings(normalisation="minmax")).startswith("极差标准化按各期分别标准化")
        assert meaning.contribution_axis_title() == "贡献（点）"
    finally:
        text.set_language("en")
