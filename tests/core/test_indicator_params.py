"""Goalposts, target and decimals of an indicator (SetIndicatorParam): they
change the computed scores, undo restores them, a save and load keeps them,
the template/iMeta exports carry them, and bad text is refused naming the
indicator and the column."""
from __future__ import annotations

import numpy as np
import pytest

from core.errors import CoIndexError, InputError
from core.exporting.coinr import export_coinr
from core.project import projectfile
from core.project.overrides import SetIndicatorParam, fixed_decimals
from core.project.project import SetSettings


@pytest.fixture
def project(sample_coindex):
    return projectfile.load(sample_coindex)


def goalposts_everywhere(project, lower=0.0, upper=None):
    """Goalposts for every indicator: 0 and twice its largest value."""
    ds = project.dataset
    for i, code in enumerate(project.framework.indicator_codes):
        project.execute(SetIndicatorParam(code, "goalpost_upper", upper or 2 * np.nanmax(ds.values[:, :, i])))
        project.execute(SetIndicatorParam(code, "goalpost_lower", lower))


def test_goalposts_change_the_scores_and_undo_restores(project):
    goalposts_everywhere(project)
    s = project.settings.copy()
    s.normalisation = "goalposts"
    project.execute(SetSettings(s))
    ra1 = project.dataset.values[0, :, 0]
    np.testing.assert_allclose(project.engine.score("RA1")[0], ra1 / (2 * ra1.max()))
    before = project.engine.score("RA1").copy()
    inverse = project.execute(SetIndicatorParam("RA1", "goalpost_lower", "10"))
    np.testing.assert_allclose(project.engine.score("RA1")[0], (ra1 - 10) / (2 * ra1.max() - 10))
    assert project.framework["RA1"].params["goalpost_lower"] == 10.0
    project.execute(inverse)
    assert np.array_equal(project.engine.score("RA1"), before)
    assert project.framework["RA1"].params["goalpost_lower"] == 0.0


def test_clearing_a_goalpost_the_method_needs_is_refused(project):
    goalposts_everywhere(project)
    s = project.settings.copy()
    s.normalisation = "goalposts"
    project.execute(SetSettings(s))
    with pytest.raises(CoIndexError, match=r"Goalposts \(goalposts\) cannot work.*missing for 'IC2'"):
        project.execute(SetIndicatorParam("IC2", "goalpost_upper", ""))
    assert "goalpost_upper" in project.framework["IC2"].params       # left as it was


def test_target_changes_distance_to_target(project):
    for i, code in enumerate(project.framework.indicator_codes):
        project.execute(SetIndicatorParam(code, "Target", str(np.nanmax(project.dataset.values[:, :, i]))))
    s = project.settings.copy()
    s.normalisation, s.pooled = "dist2target", True
    project.execute(SetSettings(s))
    ra1 = project.dataset.values[0, :, 0]
    np.testing.assert_allclose(project.engine.score("RA1")[0], (ra1 - ra1.min()) / (ra1.max() - ra1.min()))
    project.execute(SetIndicatorParam("RA1", "Target", 2 * ra1.max()))
    np.testing.assert_allclose(project.engine.score("RA1")[0], (ra1 - ra1.min()) / (2 * ra1.max() - ra1.min()))


@pytest.mark.parametrize("key,value,message", [
    ("goalpost_lower", "abc", "indicator 'RA1', lower goalpost: 'abc' is not a number"),
    ("goalpost_upper", "1..5", "indicator 'RA1', upper goalpost: '1..5' is not a number"),
    ("Target", "high", "indicator 'RA1', target: 'high' is not a number"),
    ("decimals", "7", "indicator 'RA1', decimals: '7' must be auto or a whole number from 0 to 6"),
    ("decimals", "1.5", "indicator 'RA1', decimals: '1.5' must be auto or a whole number from 0 to 6"),
    ("goalpost_upper", "-1", "indicator 'RA1', upper goalpost: the lower goalpost (0) must be below the upper "
                             "goalpost (-1)"),
])
def test_bad_text_is_refused_naming_indicator_and_column(project, key, value, message):
    project.execute(SetIndicatorParam("RA1", "goalpost_lower", "0"))
    before = dict(project.framework["RA1"].params)
    with pytest.raises(InputError) as e:
        project.execute(SetIndicatorParam("RA1", key, value))
    assert str(e.value) == message
    assert project.framework["RA1"].params == before


def test_decimals_are_auto_or_zero_to_six(project):
    node = lambda: project.framework["RA1"]           # noqa: E731
    assert fixed_decimals(node()) is None
    undo = project.execute(SetIndicatorParam("RA1", "decimals", "3"))
    assert fixed_decimals(node()) == 3 and node().params["decimals"] == 3
    project.execute(SetIndicatorParam("RA1", "decimals", "auto"))
    assert fixed_decimals(node()) is None and "decimals" not in node().params
    project.execute(SetIndicatorParam("RA1", "decimals", 0))
    assert fixed_decimals(node()) == 0
    with pytest.raises(CoIndexError, match="the decimals of 'RA1' is unchanged"):
        project.execute(SetIndicatorParam("RA1", "decimals", "0"))
    del undo


def test_save_load_and_imeta_keep_them(project, tmp_path):
    project.execute(SetIndicatorParam("RA1", "goalpost_lower", "1.5"))
    project.execute(SetIndicatorParam("RA1", "goalpost_upper", "90"))
    project.execute(SetIndicatorParam("RA2", "Target", "12"))
    project.execute(SetIndicatorParam("RA2", "decimals", "4"))
    path = tmp_path / "p.coindex"
    projectfile.save(project, path)
    back = projectfile.load(path)
    assert back.framework["RA1"].params == {"goalpost_lower": 1.5, "goalpost_upper": 90.0}
    assert back.framework["RA2"].params == {"Target": 12.0, "decimals": 4}
    export_coinr(project, tmp_path / "iData.csv", tmp_path / "iMeta.csv")
    meta = (tmp_path / "iMeta.csv").read_text(encoding="utf-8")
    header = meta.splitlines()[0].split(",")
    assert {"goalpost_lower", "goalpost_upper", "decimals"} <= set(header)
