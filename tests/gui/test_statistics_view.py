"""The statistics view on the ASEM sample (30 countries, 2018-2022): the
indicator table shows pandas' numbers for the chosen period, the heat map
Pearson or Spearman correlations coloured by sign and size, within or across
levels, and the dimensions tab each aggregate's Cronbach's alpha."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.pipeline import statistics as stats
from core.project import projectfile
from gui.sheets.statistics_view import POOLED, StatisticsView, heat_colour

ASEM = __import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "samples" / "asem-30.coindex"


@pytest.fixture
def project():
    return projectfile.load(ASEM)


@pytest.fixture
def view(qtbot, document):
    widget = StatisticsView(document)
    qtbot.addWidget(widget)
    return widget


def choose(box, value):
    k = box.findData(value)
    assert k >= 0, value
    box.setCurrentIndex(k)
    box.activated.emit(k)


def column(table, title) -> int:
    heads = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    return heads.index(title)


def cell(table, row_text, title) -> str:
    rows = [table.item(r, 0).text() for r in range(table.rowCount())]
    return table.item(rows.index(row_text), column(table, title)).text()


def raw_column(project, code, period):
    ds = project.dataset
    return pd.Series(ds.values[:, ds.period_index[period], ds.code_index[code]])


def test_indicator_table_shows_pandas_numbers(view, project):
    periods = project.dataset.periods
    assert view.period_box.currentData() == periods[-1]            # the latest period first
    t = view.indicator_table
    code = project.framework.indicator_codes[0]
    x = raw_column(project, code, periods[-1])
    assert t.rowCount() == len(project.framework.indicator_codes)
    assert cell(t, code, "Mean") == f"{x.mean():,.3f}"
    assert cell(t, code, "SD") == f"{x.std():,.3f}"
    assert cell(t, code, "Skewness") == f"{x.skew():,.3f}"
    assert cell(t, code, "Count") == str(x.count())
    choose(view.period_box, periods[0])
    x0 = raw_column(project, code, periods[0])
    assert cell(t, code, "Mean") == f"{x0.mean():,.3f}"
    choose(view.period_box, POOLED)
    ds = project.dataset
    pooled = pd.Series(ds.values[:, :, ds.code_index[code]].ravel())
    assert cell(t, code, "Count") == str(pooled.count())
    assert cell(t, code, "Mean") == f"{pooled.mean():,.3f}"


def test_flags_column(view, project):
    frame = stats.indicator_statistics(project.engine, project.dataset.periods[-1]).set_index("code")
    flagged = [c for c in frame.index if frame.loc[c, "flags"]]
    assert flagged, "the ASEM sample has flagged indicators"
    c = flagged[0]
    assert cell(view.indicator_table, c, "Flags") == ", ".join(stats.flag_text(f) for f in frame.loc[c, "flags"])


def test_heat_map_pearson_and_spearman_across_levels(view, project):
    engine = project.engine
    t = view.heat_map
    choose(view.rows_box, 1)
    choose(view.cols_box, 2)
    inds, pillars = stats.level_codes(engine, 1), stats.level_codes(engine, 2)
    assert t.rowCount() == len(inds) and t.columnCount() == len(pillars)
    assert [t.verticalHeaderItem(r).text() for r in range(t.rowCount())] == inds
    period = view.period()
    frame = pd.DataFrame({c: engine.scores[engine.index[c], :, project.dataset.period_index[period]]
                          for c in inds + pillars})
    pearson = frame.corr()
    assert t.item(0, 0).text() == f"{pearson.loc[inds[0], pillars[0]]:.2f}"
    choose(view.method_box, "spearman")
    spearman = frame.rank().corr()
    assert t.item(0, 0).text() == f"{spearman.loc[inds[0], pillars[0]]:.2f}"
    # strongest positive cell is red, a negative one blue
    vals = spearman.loc[inds, pillars].to_numpy()
    i, j = np.unravel_index(np.nanargmax(vals), vals.shape)
    colour = t.item(i, j).background().color()
    assert colour == heat_colour(vals[i, j]) and colour.red() > colour.blue()
    assert heat_colour(-1.0).blue() > heat_colour(-1.0).red() and heat_colour(0.0).name() == "#ffffff"


def test_heat_map_within_one_level_has_ones_on_the_diagonal(view, project):
    choose(view.rows_box, 2)
    choose(view.cols_box, 2)
    t = view.heat_map
    n = len(stats.level_codes(project.engine, 2))
    assert t.rowCount() == t.columnCount() == n
    assert all(t.item(k, k).text() == "1.00" for k in range(n))


def test_dimensions_show_alpha(view, project):
    engine = project.engine
    dims = stats.dimension_statistics(engine, view.period()).set_index("code")
    code = project.framework.aggregate_codes[0]
    kids = project.framework.children(code)
    t = project.dataset.period_index[view.period()]
    X = np.column_stack([engine.scores[engine.index[k], :, t] for k in kids])
    X = X[np.all(np.isfinite(X), axis=1)]
    alpha = len(kids) / (len(kids) - 1) * (1 - X.var(axis=0, ddof=1).sum() / X.sum(axis=1).var(ddof=1))
    assert cell(view.dimension_table, code, "Cronbach's alpha") == f"{alpha:,.3f}"
    assert cell(view.dimension_table, code, "PC1 variance share") == f"{100 * dims.loc[code, 'pc1']:,.1f} %"


def test_refreshes_after_an_edit(view, document, project):
    from core.project.project import SetValues
    code = project.framework.indicator_codes[0]
    period = view.period()
    before = cell(view.indicator_table, code, "Max")
    ds = project.dataset
    big = float(np.nanmax(ds.values[:, :, ds.code_index[code]])) * 10 + 1
    document.execute(SetValues([(ds.unit_codes[0], period, code, big)]))
    assert cell(view.indicator_table, code, "Max") == f"{big:,.3f}" != before


def test_chinese(view, project, qapp):
    from gui.base import i18n
    flagged = stats.indicator_statistics(project.engine, view.period()).set_index("code")
    code = next(c for c in flagged.index if "outliers" in flagged.loc[c, "flags"])
    try:
        i18n.install_language(qapp, "zh_CN", remember=False)
        view.retranslateUi()
        assert [view.tabs.tabText(k) for k in range(3)] == ["指标", "相关性", "维度"]
        assert view.method_box.itemText(1) == "斯皮尔曼（秩）"
        assert "离群值" in cell(view.indicator_table, code, "标记")
        assert view.dimension_table.horizontalHeaderItem(4).text() == "克隆巴赫 α"
    finally:
        i18n.install_language(qapp, "en", remember=False)
    view.retranslateUi()
    assert view.tabs.tabText(1) == "Correlations"
    assert "outliers" in cell(view.indicator_table, code, "Flags")


@pytest.mark.parametrize("width", [380, 900])
def test_the_choices_keep_their_labels_and_scroll_in_a_narrow_pane(view, qtbot, width):
    """In a pane narrower than the row of choices, every label keeps its
    whole text (none squeezed to nothing) and the row scrolls sideways."""
    view.resize(width, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    for label in view._labels:
        assert label.width() >= label.sizeHint().width() > 0, label.text()
    area = view._labels[0].parentWidget().parentWidget().parentWidget()
    if width < 600:
        assert area.horizontalScrollBar().maximum() > 0
    assert view.minimumSizeHint().width() < 380
