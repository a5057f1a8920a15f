"""The live charts: after edits through the document they show exactly the
engine's numbers, keep their plot items, export and copy images, read out
values under the cursor, keep a dimension's colour and follow the palette."""
import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QContextMenuEvent, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog

from core.model.dataset import Dataset
from core.model.framework import Framework
from core.project.project import Project, SetSettings, SetStructure, SetValues
from gui.charts.export import export_png, export_svg
from gui.charts.panel import GRID, TABS, ChartPanel


def y_of(item):
    return np.asarray(item.getData()[1], dtype=float)


def three_units(project):
    """The sample's unit plus X (x 1.5 from 2021) and Y (x 0.8 from 2021)."""
    ds = project.dataset
    base = ds.values[0]
    x, y = base.copy(), base.copy()
    x[1:] *= 1.5
    y[1:] *= 0.8
    data = Dataset(["CCEC", "X", "Y"], [ds.unit_names[0], "Unit X", "Unit Y"], ds.periods, ds.codes,
                   np.stack([base, x, y]))
    return Project(project.framework, data, project.settings, info={"title": "Three units"})


@pytest.fixture
def panel(qtbot, document):
    p = ChartPanel(document)
    p.set_layout_mode(GRID)
    qtbot.addWidget(p)
    p.resize(1100, 800)
    p.show()
    qtbot.waitExposed(p)
    return p


@pytest.fixture
def panel3(qtbot, project):
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(three_units(project))
    p = ChartPanel(doc)
    p.set_layout_mode(GRID)
    qtbot.addWidget(p)
    p.resize(1100, 900)
    p.show()
    qtbot.waitExposed(p)
    yield p
    doc.close()


def assert_charts_match_engine(panel, unit=0, period=None):
    project = panel.document.project
    engine = project.engine
    fw = project.framework
    root = fw.root
    base = engine.growth_base
    T = len(project.dataset.periods)
    t = T - 1 if period is None else period
    # 1. composite
    np.testing.assert_allclose(y_of(panel.composite_chart.index_curve), engine.score(root)[unit])
    # 2. dimensions
    dims = [c for c in fw.children(root) if not fw[c].is_indicator]
    assert list(panel.dimension_chart.curves) == dims
    for code, curve in panel.dimension_chart.curves.items():
        np.testing.assert_allclose(y_of(curve), engine.score(code)[unit])
    # 3. contributions: each bar is the engine's contribution, each complete stack sums to the change
    heights = panel.contribution_chart.bar_heights()
    change = engine.score(root)[unit] - engine.score(root)[unit, base]
    for tt in range(T):
        codes, points, _ = engine.contributions(root, base, tt, present_only=True)
        for k, code in enumerate(codes):        # a missing contribution is drawn as no bar
            assert heights[code][tt] == pytest.approx(np.nan_to_num(points[k, unit]), abs=1e-9)
        if np.isfinite(change[tt]) and np.isfinite(points[:, unit]).all():
            assert sum(heights[c][tt] for c in codes) == pytest.approx(change[tt], abs=1e-9)
    np.testing.assert_allclose(y_of(panel.contribution_chart.total_curve), change, atol=1e-9)
    # 4. radar: radii are the dimension scores (from the centre's value) in the period and the base
    radar = panel.radar_chart
    now = [engine.score(c)[unit, t] for c in dims]
    then = [engine.score(c)[unit, base] for c in dims]
    np.testing.assert_allclose(radar.polygon_radii() + radar.origin, now)
    np.testing.assert_allclose(radar.polygon_radii(base=True) + radar.origin, then)


def scene_items(chart, legend=True):
    """Ids of the chart's graphics items (without the legend's entries)."""
    out = set()
    for item in chart.scene().items():
        if not legend and chart.legend.isAncestorOf(item):
            continue
        out.add(id(item))
    return out


def test_charts_show_the_engines_numbers_after_an_edit(panel):
    document = panel.document
    project = document.project
    assert_charts_match_engine(panel)
    before = y_of(panel.composite_chart.index_curve).copy()
    assert document.execute(SetValues([("CCEC", 2024, "IC1", 50.0)]), "edit")
    after = y_of(panel.composite_chart.index_curve)
    assert not np.allclose(after, before)
    assert_charts_match_engine(panel)
    # an edit in the base year moves every period of a fixed-base index
    assert document.execute(SetValues([("CCEC", 2020, "RA2", 123456.0)]), "edit")
    assert_charts_match_engine(panel)
    document.undo_stack.undo()
    document.undo_stack.undo()
    np.testing.assert_allclose(y_of(panel.composite_chart.index_curve), before)
    assert_charts_match_engine(panel)
    assert project.engine.score("CII")[0, -1] == pytest.approx(202.29, abs=0.005)


def test_latest_value_and_average_growth_label(panel):
    engine = panel.document.project.engine
    y = engine.score("CII")[0]
    cagr = ((y[-1] / y[0]) ** (1 / 4) - 1) * 100
    assert panel.composite_chart.label.toPlainText() == "202.29 · +19.26 % a year"
    assert f"{cagr:+.2f}" == "+19.26"
    panel.document.execute(SetValues([("CCEC", 2024, "IC1", 80.0)]))
    y = engine.score("CII")[0]
    cagr = ((y[-1] / y[0]) ** (1 / 4) - 1) * 100
    assert panel.composite_chart.label.toPlainText() == f"{y[-1]:.2f} · {cagr:+.2f} % a year"
    base_label = panel.composite_chart.base_line
    assert base_label.isVisible() and base_label.value() == 100
    assert base_label.label.format == "2020 = 100"


def test_items_are_updated_not_recreated(panel):
    charts = panel.charts()
    before = [scene_items(c) for c in charts]
    for value in (50.0, 10.0, 400.0):           # the last moves the y ranges too
        assert panel.document.execute(SetValues([("CCEC", 2024, "IC1", value)]))
    panel.document.undo_stack.undo()
    panel.set_period(2)
    panel.set_period(4)
    assert [scene_items(c) for c in charts] == before
    # ranges are set by the charts: auto-range stays off
    for chart in (panel.composite_chart, panel.dimension_chart, panel.contribution_chart):
        assert not any(chart.getPlotItem().vb.autoRangeEnabled())
        (y0, y1) = chart.getPlotItem().viewRange()[1]
        data = np.concatenate([y_of(c) for c in ([chart.index_curve] if hasattr(chart, "index_curve")
                                                 else chart.curves.values()
                                                 if hasattr(chart, "curves") else [chart.total_curve])])
        assert y0 <= np.nanmin(data) and y1 >= np.nanmax(data)


def test_ranking_follows_the_engine(panel3):
    project = panel3.document.project
    engine = project.engine
    ranking = panel3.ranking_chart
    assert ranking.isVisible() and panel3.compare_box.isVisible()

    def check(t):
        ranks = engine.rank("CII")[:, t]
        order = sorted(range(3), key=lambda u: (ranks[u], u))
        assert list(ranking.shown_units) == order
        np.testing.assert_array_equal(ranking.shown_ranks, ranks[order])
        widths = np.asarray(ranking.bars.opts["width"], dtype=float)
        np.testing.assert_allclose(widths, engine.score("CII")[order, t])
        return order

    assert check(4) == [1, 0, 2]                 # X, CCEC, Y in 2024
    # Y's innovation cooperation soars in 2024: it moves up
    assert panel3.document.execute(SetValues([("Y", 2024, "IC1", 90000.0)]))
    assert check(4)[0] == 2
    panel3.set_period(0)                         # the base year: every unit at 100, ties share rank 1
    assert ranking.period == 0
    check(0)
    assert list(ranking.shown_ranks) == [1, 1, 1]


def test_ranking_shows_the_top_units_with_a_note(qtbot):
    from bench.synthetic import county_project
    from gui.base.document import ProjectDocument
    from gui.charts.ranking import RankingChart
    doc = ProjectDocument(county_project(n_units=45, n_years=4, n_dims=3, per_dim=2))
    chart = RankingChart(doc, unit=44, top_n=30)
    qtbot.addWidget(chart)
    chart.resize(600, 700)
    chart.show()
    qtbot.waitExposed(chart)
    ranks = doc.project.engine.rank("Index")[:, -1]
    assert len(chart.shown_units) == 30
    order = sorted(range(45), key=lambda u: (ranks[u], u))
    assert list(chart.shown_units) == order[:30]
    assert chart._note.startswith("Top 30 of 45 units")
    if 44 not in order[:30]:
        assert f"rank {int(ranks[44])}" in chart._note
    doc.close()


def test_one_unit_hides_the_ranking_and_the_comparison(panel):
    assert not panel.ranking_chart.isVisible()
    assert not panel.compare_box.isVisible()
    assert panel.ranking_chart.empty_reason() == "The ranking needs two or more units."
    assert len(panel.ranking_chart.shown_units) == 0
    assert not panel.league_table.isVisible()
    panel.set_layout_mode(TABS)
    assert panel.tabs.count() == 6                  # the five charts and the league table
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.ranking_chart))
    assert not panel.tabs.isTabVisible(panel.tabs.indexOf(panel.league_table))
    assert [panel.tabs.tabText(k) for k in range(4)] == ["Index", "Dimensions", "Contributions", "Radar"]
    panel.set_layout_mode(GRID)
    assert panel.tabs.count() == 0 and panel.composite_chart.parent() is panel.grid_page


def test_compare_list_checks_units(panel3):
    box = panel3.compare_box
    box.limit = 1
    box.view().pressed.emit(box.model().index(2, 0))        # a click on "Unit Y"
    assert box.checked_units() == [2] and box.summary() == "Unit Y (Y)"
    assert panel3.composite_chart.units() == [0, 2]
    box.view().pressed.emit(box.model().index(1, 0))        # over the limit: refused
    assert box.checked_units() == [2]
    box.view().pressed.emit(box.model().index(2, 0))        # a second click unchecks
    assert box.checked_units() == [] and panel3.composite_chart.units() == [0]


def test_units_overlaid_and_chosen(panel3):
    engine = panel3.document.project.engine
    chart = panel3.composite_chart
    panel3.set_compared_units([1, 2])
    assert chart.units() == [0, 1, 2]
    assert len(chart.curves) == 3 and chart.legend.isVisible()
    for curve, u in zip(chart.curves, [0, 1, 2]):
        np.testing.assert_allclose(y_of(curve), engine.score("CII")[u])
    pool = scene_items(chart, legend=False)
    panel3.set_compared_units([])
    assert len(chart.curves) == 1 and not chart.legend.isVisible()
    panel3.set_compared_units([2])
    assert scene_items(chart, legend=False) == pool          # the pool of curves and labels is reused
    # choosing a unit moves every chart to it
    panel3.set_unit(1)
    assert chart.units() == [1, 2]
    assert_charts_match_engine(panel3, unit=1)
    assert panel3.document.execute(SetValues([("X", 2023, "RS1", 1.0)]))
    assert_charts_match_engine(panel3, unit=1)


def test_export_png_svg_and_clipboard(panel, tmp_path):
    for k, chart in enumerate(panel.charts()[:4]):
        png, svg = tmp_path / f"c{k}.png", tmp_path / f"c{k}.svg"
        assert export_png(chart, str(png))
        export_svg(chart, str(svg))
        assert png.stat().st_size > 1000 and svg.stat().st_size > 1000
        image = QImage(str(png))
        assert not image.isNull() and image.width() >= chart.width()     # exported at twice the size
        assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
        QApplication.clipboard().clear()
        chart.copy_image()
        assert not QApplication.clipboard().image().isNull()


def test_save_dialog_and_context_menu(panel, tmp_path, monkeypatch):
    chart = panel.dimension_chart
    target = tmp_path / "dims"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    chart.save_png_action.trigger()
    chart.save_svg_action.trigger()
    assert (tmp_path / "dims.png").stat().st_size > 0 and (tmp_path / "dims.svg").stat().st_size > 0
    assert chart.contextMenuPolicy() == Qt.ActionsContextMenu
    menu_texts = ["Save as PNG…", "Save as SVG…", "Copy image", "Background of saved images", "", "Reset view"]
    assert [a.text() for a in chart.actions()] == menu_texts
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert chart.save_dialog("png") is None          # cancelled: nothing written
    # a right click opens the same actions as a menu
    shown = []

    def close_menu():
        menu = QApplication.activePopupWidget()
        shown.append([a.text() for a in menu.actions()] if menu else None)
        if menu:
            menu.close()

    QTimer.singleShot(100, close_menu)
    point = QPoint(100, 100)
    QApplication.sendEvent(chart.viewport(), QContextMenuEvent(QContextMenuEvent.Mouse, point,
                                                               chart.viewport().mapToGlobal(point)))
    assert shown == [menu_texts]


def test_hover_reads_out_exact_values(panel, qtbot):
    engine = panel.document.project.engine
    composite = panel.composite_chart
    value = engine.score("CII")[0, 4]
    text = composite.show_hover(4.0, value)
    assert text is not None and "2024" in text and f"{value:.2f}" in text
    assert composite.hover_item.isVisible()
    assert composite.show_hover(1.0, value) is None and not composite.hover_item.isVisible()
    # a real mouse move over a point of the dimension chart
    dims = panel.dimension_chart
    ra = engine.score("IC")[0, 3]
    scene_pos = dims.view_box.mapViewToScene(QPointF(3.0, ra))
    qtbot.mouseMove(dims.viewport(), dims.mapFromScene(scene_pos))
    qtbot.waitUntil(lambda: dims.hover_item.isVisible(), timeout=2000)
    assert f"{ra:.2f}" in dims.hover_item.toPlainText() and "IC" in dims.hover_item.toPlainText()
    # bars: the contribution of a dimension, and the radar's vertices
    contribution = panel.contribution_chart
    heights = contribution.bar_heights()
    y0 = float(contribution.bar_bottoms()["RS"][4])
    text = contribution.show_hover(4.0, y0 + heights["RS"][4] / 2)
    assert "RS" in text and f"{heights['RS'][4]:+.2f}" in text
    radar = panel.radar_chart
    x, y = radar.polygon.getData()
    text = radar.show_hover(x[1], y[1])
    assert "IC" in text and f"{engine.score('IC')[0, 4]:.2f}" in text


def test_a_dimension_keeps_its_colour(panel, project):
    def colours():
        out = {}
        for code, curve in panel.dimension_chart.curves.items():
            pen = curve.opts["pen"].color().name()
            bar = panel.contribution_chart.bar_colour(code).name()
            k = panel.radar_chart.codes.index(code)
            label = panel.radar_chart._axis_labels[k].color.name()
            assert pen == bar == label
            out[code] = pen
        return out

    first = colours()
    assert len(set(first.values())) == 5
    fw = project.framework
    drop = {"RS"} | set(fw.children("RS"))
    records = [r for r in fw.to_records() if r["iCode"] not in drop]
    smaller = Framework.from_records(records)
    ds = project.dataset
    keep = [ds.code_index[c] for c in smaller.indicator_codes]
    data = Dataset(ds.unit_codes, ds.unit_names, ds.periods, smaller.indicator_codes, ds.values[:, :, keep])
    items = scene_items(panel.composite_chart)
    assert panel.document.execute(SetStructure(smaller, data), "delete RS")
    second = colours()
    assert list(second) == ["RA", "IC", "IL", "ES"]
    assert all(second[c] == first[c] for c in second)
    assert_charts_match_engine(panel)
    assert scene_items(panel.composite_chart) == items
    panel.document.undo_stack.undo()
    assert colours() == first


def test_charts_follow_the_palette(panel):
    app = QApplication.instance()
    old = app.palette()
    dark = QPalette(old)
    dark.setColor(QPalette.Window, QColor("#1e1f22"))
    dark.setColor(QPalette.WindowText, QColor("#e6e6e6"))
    try:
        app.setPalette(dark)
        QApplication.processEvents()
        for chart in panel.charts():
            assert chart.theme.dark
            assert chart.backgroundBrush().color() == QColor("#1e1f22")
        composite = panel.composite_chart
        assert composite.getPlotItem().getAxis("left").textPen().color() == QColor("#e6e6e6")
        assert composite.index_curve.opts["pen"].color() == QColor("#e6e6e6")
        assert composite.label.color == QColor("#e6e6e6")
    finally:
        app.setPalette(old)
        QApplication.processEvents()
    assert not panel.composite_chart.theme.dark
    assert panel.composite_chart.backgroundBrush().color() == old.color(QPalette.Window)


def test_settings_change_redraws(panel3):
    settings = panel3.document.project.settings.copy()
    settings.apply("normalisation", "minmax")
    assert panel3.document.execute(SetSettings(settings), "min-max")
    assert not panel3.composite_chart.base_line.isVisible()
    assert_charts_match_engine(panel3)
    panel3.set_unit(2)
    assert_charts_match_engine(panel3, unit=2)


def test_names_follow_the_language(panel, monkeypatch):
    import gui.charts.base as chart_base
    monkeypatch.setattr(chart_base, "display_name", lambda node: node.name_zh or node.name)
    panel.retranslateUi()
    labels = [label.text for _, label in panel.dimension_chart.legend.items]
    assert labels[0] == panel.document.project.framework["RA"].name_zh
    assert "成渝地区双城经济圈协同创新指数" in panel.composite_chart._title
    assert panel.radar_chart._axis_labels[0].toPlainText() == "资源集聚"


def test_periods_choose_the_radar_and_ranking(panel):
    panel.set_period(2)
    assert panel.radar_chart.period == 2 and panel.ranking_chart.period == 2
    assert_charts_match_engine(panel, period=2)
    assert "2022" in panel.radar_chart._title
    assert math.isclose(panel.radar_chart.origin, 0.0)


def test_hidden_charts_catch_up_when_shown(panel):
    """In tabs only the current chart redraws at an edit; the others are
    brought up to date when shown or read."""
    panel.set_layout_mode(TABS)
    panel.tabs.setCurrentWidget(panel.composite_chart)
    dims = panel.dimension_chart
    assert not dims.isVisible()
    before = y_of(dims._curves_by_code["IC"]).copy()
    assert panel.document.execute(SetValues([("CCEC", 2024, "IC1", 60.0)]))
    np.testing.assert_array_equal(y_of(dims._curves_by_code["IC"]), before)      # not redrawn while hidden
    np.testing.assert_allclose(y_of(panel.composite_chart.index_curve), panel.document.project.engine.score("CII")[0])
    panel.tabs.setCurrentWidget(dims)
    assert dims.isVisible()
    np.testing.assert_allclose(y_of(dims._curves_by_code["IC"]), panel.document.project.engine.score("IC")[0])
    assert panel.document.execute(SetValues([("CCEC", 2024, "IC1", 70.0)]))
    assert_charts_match_engine(panel)            # the accessors catch up too


def test_pane_protocol_state_copy_and_messages(panel3, qtbot):
    """What the main window uses: saved state, Edit > Copy, status messages."""
    panel3.set_compared_units([2])
    panel3.set_layout_mode(TABS)
    panel3.tabs.setCurrentIndex(3)
    state = panel3.project_state()
    assert state == {"layout": TABS, "tab": 3, "compared": ["Y"]}
    panel3.set_layout_mode(GRID)
    panel3.set_compared_units([])
    panel3.restore_project_state(state)
    assert panel3.layout_mode() == TABS and panel3.tabs.currentWidget() is panel3.radar_chart
    assert panel3.composite_chart.units() == [0, 2]
    with qtbot.waitSignal(panel3.statusMessage) as message:
        image = panel3.copy()
    assert not image.isNull() and "Dimensions in 2024" in message.args[0]
    with qtbot.waitSignal(panel3.unitChanged) as chosen:
        panel3.unit_box.setCurrentIndex(1)
    assert chosen.args == [1] and panel3.radar_chart.unit == 1


def test_missing_values_leave_gaps_not_errors(panel):
    """A dimension missing in one period: its curve has a gap there, the
    composite (weights renormalised over the dimensions present) goes on,
    the missing dimension has no bar and that change is marked incomplete."""
    cells = [("CCEC", 2022, code, None) for code in ("IC1", "IC2", "IC3", "IC4")]
    assert panel.document.execute(SetValues(cells), "clear IC 2022")
    engine = panel.document.project.engine
    assert np.isnan(engine.score("IC")[0, 2]) and np.isfinite(engine.score("CII")[0, 2])
    assert np.isnan(y_of(panel.dimension_chart.curves["IC"])[2])
    panel.set_period(2)
    assert_charts_match_engine(panel, period=2)
    assert panel.contribution_chart.bar_heights()["IC"][2] == 0.0
    assert list(panel.contribution_chart.incomplete_periods()) == [2]
    assert np.isnan(panel.radar_chart.polygon_radii()[1])
    panel.radar_chart.show_hover(0.0, 0.0)                  # near the missing vertex: no error
    panel.dimension_chart.show_hover(2.0, 150.0)


# ---- missing data: shown, never misdrawn -----------------------------------------------------------------
@pytest.fixture
def missing_panel(qtbot):
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
    from test_coverage import missing_project
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(missing_project())
    p = ChartPanel(doc)
    p.set_layout_mode(GRID)
    qtbot.addWidget(p)
    p.resize(1100, 900)
    p.show()
    qtbot.waitExposed(p)
    yield p
    doc.close()


def test_a_missing_dimension_has_no_bar_and_an_incomplete_change(missing_panel):
    """U1 lacks D2 in 2022 and everything in 2023: no D2 bar in 2022 (not
    minus its whole value), the change marked incomplete there, and no
    change marker at all in 2023; the bare indicator I5 is stacked too."""
    chart = missing_panel.contribution_chart
    engine = missing_panel.document.project.engine
    assert chart.codes == ["D1", "D2", "I5"]
    heights = chart.bar_heights()
    assert heights["D2"][2] == 0.0
    assert heights["I5"][1] != 0.0
    change = engine.score("IDX")[0] - engine.score("IDX")[0, 0]
    assert list(chart.incomplete_periods()) == [2]
    whole_x = chart.total_ticks.getData()[0]
    part_x = chart.partial_ticks.getData()[0]
    assert sorted(set(np.round(whole_x).astype(int))) == [0, 1]       # 2023: the index is missing
    assert sorted(set(np.round(part_x).astype(int))) == [2]
    np.testing.assert_allclose(chart.partial_ticks.getData()[1], change[2])
    # where complete, the stack still sums to the change
    assert sum(heights[c][1] for c in chart.codes) == pytest.approx(change[1], abs=1e-9)
    text, _, _ = chart.hover_at(2.0, float(change[2]), 0.01, 0.01)
    assert "Incomplete" in text and "Dim two" in text
    assert any(label.text == "Change, incomplete (a part is missing)" for _, label in chart.legend.items)


def test_partial_scores_are_hollow_points_with_the_share(missing_panel):
    engine = missing_panel.document.project.engine
    comp, dims = missing_panel.composite_chart, missing_panel.dimension_chart
    # U1: the index in 2022 rests on 3 of 5 indicators; 2023 has nothing to mark
    np.testing.assert_array_equal(np.round(comp.holes.getData()[0]), [2])
    assert comp.holes.getData()[1][0] == pytest.approx(engine.score("IDX")[0, 2])
    assert list(dims.hollow_periods("D2")) == [] and list(dims.hollow_periods("D1")) == []
    text, _, _ = comp.hover_at(2.0, float(engine.score("IDX")[0, 2]), 0.01, 0.01)
    assert "3 of 5 indicators" in text
    text, _, _ = comp.hover_at(1.0, float(engine.score("IDX")[0, 1]), 0.01, 0.01)
    assert "indicators" not in text
    # U2 has only I1: every point of the index and of D1 is hollow
    missing_panel.set_unit(1)
    np.testing.assert_array_equal(np.round(comp.holes.getData()[0]), [0, 1, 2, 3])
    assert list(dims.hollow_periods("D1")) == [0, 1, 2, 3]
    text, _, _ = dims.hover_at(0.0, float(engine.score("D1")[1, 0]), 0.01, 0.01)
    assert "1 of 2 indicators" in text


def test_ranking_marks_units_on_too_few_indicators(missing_panel):
    """U2 ranks first on 1 of 5 indicators: its bar is marked, with a note."""
    ranking = missing_panel.ranking_chart
    missing_panel.set_period(0)
    assert ranking.shown_units[0] == 1
    assert list(ranking.low_coverage_units) == [1]
    assert ranking.value_labels[0].textItem.toPlainText().endswith("*")
    assert not ranking.value_labels[1].textItem.toPlainText().endswith("*")
    assert "67 %" in ranking._note
    text, _, _ = ranking.hover_at(1.0, 0.0, 0.01, 0.01)
    assert "1 of 5 indicators" in text


def test_a_unit_without_an_index_score_in_the_base_period_has_a_reason_not_a_blank_chart(missing_panel):
    """U1's values cleared in the base period (2020) leave no change to
    measure: the contribution chart says why, naming the unit and the base
    period, and shows no bars; undo brings the bars back."""
    chart = missing_panel.contribution_chart
    doc = missing_panel.document
    assert chart.empty_message() == ""
    cells = [("U1", 2020, code, None) for code in doc.project.dataset.codes]
    assert doc.execute(SetValues(cells), "clear U1 in the base period")
    message = chart.empty_message()
    assert "2020" in message and "base period" in message and "One" in message
    assert not chart.view_box.childGroup.isVisible()
    doc.undo_stack.undo()
    assert chart.empty_message() == ""
    assert chart.view_box.childGroup.isVisible()


def test_a_long_unit_name_is_shortened_in_the_ranking_and_given_whole_in_the_hover(panel3):
    """A name as long as 'Africa Eastern and Southern (IDA & IBRD
    countries)' does not squeeze the bars: its tick is elided, the plot
    keeps most of the chart's width, the hover names the unit in full."""
    from core.project.units import RenameUnit
    doc = panel3.document
    long_name = "Africa Eastern and Southern (IDA & IBRD countries), excluding high income"
    assert doc.execute(RenameUnit(doc.project, "X", None, long_name), "rename")
    chart = panel3.ranking_chart
    chart.refresh()
    ticks = dict(chart.plot_item.getAxis("left")._tickLevels[0])
    text = next(t for t in ticks.values() if "Africa" in t)
    assert text.endswith("…") and len(text) < len(long_name)
    assert chart.view_box.width() >= 0.45 * chart.width(), (chart.view_box.width(), chart.width())
    j = list(chart.shown_units).index(doc.project.dataset.unit_index["X"])
    hover = chart.hover_at(0.5 * float(chart._shown_values[j]), float(j), 0.01, 0.01)
    assert long_name in (hover[0] if isinstance(hover, tuple) else hover)


def test_an_empty_charts_reason_is_painted_again_after_an_edit(missing_panel, qtbot):
    """The reason text is drawn, not only set: after an edit that keeps the
    same reason, the chart still shows it (pyqtgraph's cached text came out
    blank)."""
    chart = missing_panel.contribution_chart
    doc = missing_panel.document

    def ink():
        image = chart.grab().toImage()
        box = chart.view_box.sceneBoundingRect().toRect()
        return sum(1 for x in range(box.left(), box.right(), 2) for y in range(box.top(), box.bottom(), 2)
                   if image.pixelColor(x, y).lightness() < 160)

    assert doc.execute(SetValues([("U1", 2020, code, None) for code in doc.project.dataset.codes]), "clear")
    qtbot.wait(20)
    drawn = ink()
    assert drawn > 20 and "base period" in chart.empty_message()
    assert doc.execute(SetValues([("U2", 2021, "I1", 95.0)]), "another edit")        # the same reason again
    qtbot.wait(20)
    assert "base period" in chart.empty_message() and ink() > 0.5 * drawn
