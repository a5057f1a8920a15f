"""Scores are shown with the decimals their scale needs: the HDI (an index
in [0, 1]) as UNDP publishes it, 0.962 and 0.961, in the league table, the
results table, the ranking's labels and the composite chart; the fixed-base
Chengdu-Chongqing index with two (202.29, as published); and the project's
``score_decimals`` setting, saved in the project file, overrides the rule."""
import json

import numpy as np
import pytest

from core.errors import SettingsError
from core.project import projectfile
from core.project.project import SetSettings
from gui.base.document import ProjectDocument
from gui.base.formatting import score_decimals
from gui.charts.league import LeagueTable
from gui.charts.lines import CompositeChart
from gui.charts.ranking import RankingChart
from gui.sheets.results_table import CODE, SCORE, ResultsTable
from gui.window.loading import SAMPLE_PATH

HDI = SAMPLE_PATH.with_name("undp-hdi.coindex")


@pytest.mark.parametrize("scores, expected", [
    ([0.962, 0.961, 0.4], 3),           # an index in [0, 1]
    ([1.0, 0.5], 3),                    # min-max to [0, 1]: the top score is exactly 1
    ([0.05, 0.012], 4),                 # small shares
    ([0.0004], 4),                      # never more than four
    ([202.29, 100.0], 2),               # a fixed-base index
    ([100.0, 37.5], 2),                 # min-max to [0, 100]
    ([5.3, 2.1], 2),
    ([-0.8, 0.3], 3),                   # z-scores near 0: the largest absolute value counts
    ([123456.0], 2),
    ([np.nan, np.nan], 2),              # nothing to judge by
    ([0.0, 0.0], 2),
])
def test_the_rule(scores, expected):
    assert score_decimals(np.array(scores)) == expected


def test_a_fixed_number_wins():
    assert score_decimals(np.array([0.962]), 1) == 1
    assert score_decimals(np.array([202.29]), 0) == 0


@pytest.fixture
def hdi(qtbot):
    doc = ProjectDocument(projectfile.load(HDI))
    yield doc
    doc.close()


def shown(qtbot, widget, width=760, height=600):
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def league_texts(doc, qtbot):
    data = shown(qtbot, LeagueTable(doc)).data()
    return {data.units[u]: data.score_text(u, 0) for u in range(len(data.units))}


def test_hdi_league_shows_three_decimals(qtbot, hdi):
    texts = league_texts(hdi, qtbot)
    assert texts["Switzerland"] == "0.962" and texts["Norway"] == "0.961"
    assert len(texts) == 10 and all(len(t.split(".")[1]) == 3 for t in texts.values())


def test_hdi_results_table_shows_three_decimals(qtbot, hdi):
    table = shown(qtbot, ResultsTable(hdi), 900, 600)
    ds = hdi.project.dataset
    che = ds.unit_codes.index("CHE")
    table.set_unit(che)
    model = table.model
    assert model.unit == che and model.period == 2
    row = [model.index(r, CODE).data() for r in range(model.rowCount())].index("HDI")
    assert model.index(row, SCORE).data() == "0.962"


def test_hdi_ranking_and_composite_labels(qtbot, hdi):
    ds = hdi.project.dataset
    ranking = shown(qtbot, RankingChart(hdi, unit=ds.unit_codes.index("CHE")), 600, 500)
    labels = [lab.textItem.toPlainText() for lab in ranking.value_labels if lab.isVisible()]
    assert labels[:2] == ["0.962", "0.961"]
    composite = shown(qtbot, CompositeChart(hdi, ds.unit_codes.index("NOR")), 700, 450)
    assert composite.label.toPlainText().startswith("0.961 · ")


def test_chengdu_chongqing_keeps_two_decimals(qtbot, document):
    composite = shown(qtbot, CompositeChart(document), 700, 450)
    assert composite.label.toPlainText() == "202.29 · +19.26 % a year"
    assert LeagueTable(document).data().score_text(0, 0) == "202.29"
    table = shown(qtbot, ResultsTable(document), 900, 600)
    assert table.model.index(0, SCORE).data() == "202.29"


def test_the_setting_overrides_and_is_saved(qtbot, hdi, tmp_path):
    settings = hdi.project.settings.copy()
    settings.apply("score_decimals", "2")
    assert hdi.execute(SetSettings(settings))
    che = hdi.project.dataset.unit_codes.index("CHE")
    assert LeagueTable(hdi).data().score_text(che, 0) == "0.96"
    ranking = shown(qtbot, RankingChart(hdi, unit=che), 600, 500)
    assert ranking.value_labels[0].textItem.toPlainText() == "0.96"
    path = tmp_path / "hdi.coindex"
    projectfile.save(hdi.project, path)
    assert json.loads(path.read_text(encoding="utf-8"))["settings"]["score_decimals"] == 2
    again = projectfile.load(path)
    assert again.settings.score_decimals == 2
    settings = again.settings.copy()
    settings.apply("score_decimals", "auto")
    assert settings.score_decimals is None and "score_decimals" not in settings.to_dict()


@pytest.mark.parametrize("text", ["7", "-1", "2.5", "many"])
def test_a_bad_setting_is_named(text):
    settings = projectfile.load(HDI).settings.copy()
    with pytest.raises(SettingsError, match=f"'{text}' is not a valid value for score_decimals; it must be auto or "
                                            "a whole number from 0 to 6"):
        settings.apply("score_decimals", text)
