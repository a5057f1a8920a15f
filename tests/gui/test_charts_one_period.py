"""One-period and one-unit projects: sensible titles, the one period in the
chooser, the radar without a base polygon, and every empty chart says why
(one period, a unit without data, a method that needs several units)."""
import numpy as np
import pytest

from core.model.dataset import Dataset
from core.project.project import Project, SetSettings
from gui.base.document import ProjectDocument
from gui.charts.panel import GRID, ChartPanel
from gui.sheets.method_panel import MethodPanel


def one_period(project, period=2023):
    """The sample's last period alone (``period`` names it; None: unnamed)."""
    ds = project.dataset
    data = Dataset(ds.unit_codes, ds.unit_names, [period], ds.codes, ds.values[:, -1:, :].copy())
    settings = project.settings.copy()
    settings.base_year = None
    return Project(project.framework, data, settings, info={"title": "One period"})


def two_units_one_empty(project):
    """The sample's unit and a unit without any value."""
    ds = project.dataset
    values = np.stack([ds.values[0], np.full(ds.values[0].shape, np.nan)])
    data = Dataset(list(ds.unit_codes) + ["E"], list(ds.unit_names) + ["Empty"], ds.periods, ds.codes, values)
    return Project(project.framework, data, project.settings.copy(), info={"title": "Empty unit"})


@pytest.fixture
def make_panel(qtbot):
    docs = []

    def make(project):
        doc = ProjectDocument(project)
        docs.append(doc)
        p = ChartPanel(doc)
        p.set_layout_mode(GRID)
        qtbot.addWidget(p)
        p.resize(1100, 800)
        p.show()
        qtbot.waitExposed(p)
        return p
    yield make
    for d in docs:
        d.close()


@pytest.mark.parametrize("period,shown", [(2023, "2023"), (None, None)])
def test_one_period_titles_chooser_and_radar(make_panel, project, period, shown):
    panel = make_panel(one_period(project, period))
    radar = panel.radar_chart
    unit = radar.unit_short(0)
    title = radar.title()
    assert "against" not in title and "  " not in title and " :" not in title
    assert title == (f"Dimensions in {shown}: {unit}" if shown else f"Dimensions: {unit}")
    # the chooser lists the single period by name
    assert panel.period_box.count() == 1
    assert panel.period_box.itemText(0) == (shown or "the only period")
    # the radar: the period's dimensions, no base polygon
    radii = radar.polygon_radii()
    assert radii.size == 5 and np.isfinite(radii).all()
    assert not radar.base_polygon.isVisible()
    assert radar.empty_message() == ""
    # the contributions chart says why it has nothing
    assert panel.contribution_chart.empty_message() == "One period: no change to show"
    assert panel.contribution_chart.empty_item.isVisible()
    assert not panel.contribution_chart.view_box.childGroup.isVisible()


def test_several_periods_keep_the_base_polygon_and_no_message(make_panel, project):
    panel = make_panel(project)
    assert panel.radar_chart.base_polygon.isVisible()
    assert "against" in panel.radar_chart.title()
    for chart in panel.charts():
        if chart is panel.ranking_chart:           # one unit (the sample): nothing to rank, said so
            assert chart.empty_message() == "The ranking needs two or more units."
            continue
        assert chart.empty_message() == "" and not chart.empty_item.isVisible()


def test_a_unit_without_data_says_so(make_panel, project):
    panel = make_panel(two_units_one_empty(project))
    panel.set_unit(1)
    for chart in (panel.composite_chart, panel.dimension_chart, panel.contribution_chart, panel.radar_chart):
        assert chart.empty_message() == "No data for Empty", chart
        assert chart.empty_item.isVisible()
    assert panel.ranking_chart.empty_message() == ""       # the other unit is ranked
    panel.set_unit(0)
    for chart in panel.charts():
        assert chart.empty_message() == ""
        assert chart.view_box.childGroup.isVisible()


@pytest.mark.parametrize("method,name", [("minmax", "Min-max"), ("zscore", "Z-score"), ("rank", "Rank")])
def test_one_unit_with_a_method_comparing_units(qtbot, make_panel, project, method, name):
    """A method that compares units is refused on one unit (the charts keep
    their fixed-base scores instead of going blank), disabled in the pane
    with the reason; pooled over the periods it works."""
    panel = make_panel(project)                # the sample: one unit, fixed base
    pane = MethodPanel(panel.document)
    qtbot.addWidget(pane)
    reason = "it compares units, and the project has one ('CCEC')"
    assert reason in pane.method_problem() and not pane.method_note.isHidden()
    k = pane.normalisation_box.findData(method)
    assert not pane.normalisation_box.model().item(k).isEnabled()
    messages = []
    panel.document.editFailed.connect(messages.append)
    settings = project.settings.copy()
    settings.normalisation = method
    before = project.engine.score(project.framework.root).copy()
    assert not panel.document.execute(SetSettings(settings), method)
    assert messages[-1].startswith(f"the normalisation {name} ({method}) cannot work on this project: {reason}")
    assert project.settings.normalisation == "fixed_base"
    assert np.array_equal(project.engine.score(project.framework.root), before)
    assert all(chart.empty_message() == "" for chart in panel.charts() if chart is not panel.ranking_chart)
    # pooled over the periods, the one unit's periods are compared: it works, and the pane offers it
    settings.pooled = True
    assert panel.document.execute(SetSettings(settings), "pooled")
    assert all(chart.empty_message() == "" for chart in panel.charts() if chart is not panel.ranking_chart)
    assert reason not in pane.method_problem()
    assert pane.normalisation_box.model().item(k).isEnabled()


def test_method_pane_shows_the_default_base_year(qtbot, project):
    ds = project.dataset
    values = ds.values.copy()
    values[:, 0, :] = np.nan                   # nothing in the first period
    data = Dataset(ds.unit_codes, ds.unit_names, ds.periods, ds.codes, values)
    settings = project.settings.copy()
    settings.base_year = None
    doc = ProjectDocument(Project(project.framework, data, settings))
    pane = MethodPanel(doc)
    qtbot.addWidget(pane)
    assert pane.base_year_box.currentData() == ds.periods[1]
    doc.close()


def test_one_period_dimensions_are_dots_with_a_legend(make_panel, project):
    panel = make_panel(one_period(project))
    chart = panel.dimension_chart
    curves = chart.curves
    assert len(curves) == 5
    for code, curve in curves.items():
        # the single value of each dimension is drawn as a dot
        assert list(curve.lone_indices()) == [0], code
        assert not curve.boundingRect().isEmpty()
    names = [label.text for _, label in chart.legend.items]
    assert names == [chart.node_name(c) for c in curves]
    assert chart.empty_message() == ""


def test_one_period_composite_shows_its_point_without_growth(make_panel, project):
    panel = make_panel(one_period(project))
    chart = panel.composite_chart
    y = chart.index_curve.getData()[1]
    assert y.size == 1 and np.isfinite(y[0])
    assert list(chart.index_curve.lone_indices()) == [0]
    text = chart.label.toPlainText()
    assert text and "a year" not in text and "%" not in text
    assert text == chart.label_text(float(y[0]), np.nan)
    assert "%" not in (chart.hover_at(0.0, float(y[0]), 0.01, 0.01) or ("",))[0]


def test_one_period_contribution_title(make_panel, project):
    panel = make_panel(one_period(project))
    chart = panel.contribution_chart
    unit = chart.unit_short(0)
    assert chart.title() == f"Contributions (one period, no change): {unit}"
    assert "since" not in chart.title()
    # several periods: the change since the base period
    panel = make_panel(project)
    assert panel.contribution_chart.title().startswith("Contributions to the change since ")


def test_lone_points_between_gaps_are_dots(make_panel, project):
    ds = project.dataset
    values = ds.values.copy()
    T = values.shape[1]
    assert T >= 4
    values[:, [1, 3], :] = np.nan              # periods 0 and 2 stand alone between gaps
    data = Dataset(ds.unit_codes, ds.unit_names, ds.periods, ds.codes, values)
    panel = make_panel(Project(project.framework, data, project.settings.copy()))
    expected = [0, 2] + ([T - 1] if T == 5 else [])
    for code, curve in panel.dimension_chart.curves.items():
        assert list(curve.lone_indices()) == expected, code
    assert list(panel.composite_chart.index_curve.lone_indices()) == expected
    # a full series has no lone point
    full = make_panel(project)
    for curve in full.dimension_chart.curves.values():
        assert curve.lone_indices().size == 0


def test_lone_points_mask():
    from gui.charts.items import lone_points
    nan = np.nan
    assert list(lone_points([1.0])) == [True]
    assert list(lone_points([])) == []
    assert list(lone_points([1.0, nan, 2.0, 3.0, nan, 4.0])) == [True, False, False, False, False, True]
    assert list(lone_points([nan, 5.0, nan])) == [False, True, False]



def test_an_empty_chart_shows_its_message_without_axes(make_panel, project):
    """The contributions chart of one period says why it is empty and
    draws no axes that would suggest a scale; with several periods the
    axes are there."""
    chart = make_panel(one_period(project)).contribution_chart
    axes = [chart.getPlotItem().getAxis(name) for name in ("left", "bottom")]
    assert chart.empty_message() == "One period: no change to show"
    assert not any(a.isVisible() for a in axes)
    chart = make_panel(project).contribution_chart
    axes = [chart.getPlotItem().getAxis(name) for name in ("left", "bottom")]
    assert chart.empty_message() == "" and all(a.isVisible() for a in axes)


def test_an_index_without_dimensions_says_so_in_the_dimension_charts(make_panel, tmp_path):
    """An iData CSV opened without its iMeta gets one index right over its
    indicators: the dimensions and radar charts say why they are empty,
    the others draw."""
    from core.importing.inputs import load_input
    csv = tmp_path / "hdi.csv"
    csv.write_text("uCode,uName,Time,LE,EYS,GNIPC\n"
                   "BRA,Brazil,2000,69.7,14.3,11279.4\nBRA,Brazil,2021,72.8,15.6,14369.9\n"
                   "NOR,Norway,2000,78.7,17.4,51702.1\nNOR,Norway,2021,83.2,18.2,64660.1\n", encoding="utf-8")
    panel = make_panel(load_input(str(csv), warnings=[]))
    why = ("The index has no dimensions: its indicators are right under it "
           "(add dimensions in the framework)")
    assert panel.dimension_chart.empty_message() == why
    assert panel.radar_chart.empty_message() == why
    assert panel.composite_chart.empty_message() == ""
    assert panel.contribution_chart.empty_message() == ""
