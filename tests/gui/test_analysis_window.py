"""The Analysis pane in the main window (a dock behind the charts, in View >
panes, titled in Chinese), the uncertainty band its run draws on the
composite index chart (the core's numbers; gone after an edit), and the
analysis saved in the project file and restored (stale once the project
has changed since)."""
from __future__ import annotations

import shutil

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from core.analysis.run import run_uncertainty
from core.project import projectfile
from core.project.project import SetValues

from gui.window.loading import SAMPLE_PATH
from test_files import dialogs, make_window, private_folders  # noqa: F401  (fixtures)

ASEM_30 = SAMPLE_PATH.parent / "asem-30.coindex"


@pytest.fixture
def asem_window(make_window, tmp_path):
    path = tmp_path / "asem.coindex"
    shutil.copy(ASEM_30, path)
    w = make_window(projectfile.load(path), str(path))
    w.resize(1400, 900)
    return w


def analysis_pane(qtbot, window):
    window.show_pane("analysisPane")
    qtbot.waitUntil(lambda: type(window.pane("analysisPane")).__name__ == "AnalysisPane")
    return window.pane("analysisPane")


def run(qtbot, pane, replications=300):
    pane.replications.setValue(replications)
    with qtbot.waitSignal(pane.finished, timeout=60_000) as blocker:
        pane.run()
    return blocker.args[0]


def composite(qtbot, window):
    window.show_pane("chartsPane")
    qtbot.waitUntil(lambda: hasattr(window.pane("chartsPane"), "composite_chart"))
    return window.pane("chartsPane").composite_chart


# ---- the dock ------------------------------------------------------------------------------------
def test_the_analysis_is_a_dock_behind_the_charts(make_window, qtbot):
    w = make_window()
    dock = w.docks["analysisPane"]
    assert dock.windowTitle() == "Analysis"
    assert dock.toggleViewAction() in w.menus.view_menu.actions()
    assert dock.toggleViewAction().text() == "Analysis"
    assert w.tabifiedDockWidgets(w.docks["chartsPane"]) == [dock]
    assert dock.visibleRegion().isEmpty() and not w.docks["chartsPane"].visibleRegion().isEmpty()
    pane = analysis_pane(qtbot, w)
    assert pane.run_button.text() == "Run analysis"
    assert not dock.visibleRegion().isEmpty() and w.docks["chartsPane"].visibleRegion().isEmpty()


def test_the_title_in_chinese(make_window, qapp, qtbot):
    from gui.base import i18n
    w = make_window()
    w.set_language("zh")
    assert w.docks["analysisPane"].windowTitle() == "分析"
    assert w.docks["analysisPane"].toggleViewAction().text() == "分析"
    pane = analysis_pane(qtbot, w)
    assert pane.run_button.text() == "运行分析"
    i18n.install_language(qapp, "en", remember=False)
    qapp.processEvents()
    assert w.docks["analysisPane"].windowTitle() == "Analysis"


def test_a_layout_saved_before_the_pane_existed_still_restores(make_window, qtbot):
    from PySide6.QtCore import QSettings
    from gui.window.main_window import KEY_PANES
    first = make_window()
    first.docks["methodPane"].close()
    first.docks["analysisPane"].setObjectName("notYetThere")       # the state of a version without it
    assert first.close()
    settings = QSettings()
    old = [n for n in settings.value(KEY_PANES).split(",") if n != "analysisPane"]
    settings.setValue(KEY_PANES, ",".join(old))           # as an earlier version saved it
    second = make_window()
    assert not second.docks["methodPane"].isVisible()       # the saved layout
    assert second.tabifiedDockWidgets(second.docks["chartsPane"]) == [second.docks["analysisPane"]]
    assert second.docks["analysisPane"].visibleRegion().isEmpty()      # behind the charts


# ---- the band on the composite chart ---------------------------------------------------------------
def test_a_run_draws_the_band_of_the_chosen_unit(asem_window, qtbot):
    w = asem_window
    chart = composite(qtbot, w)
    assert chart.band_values() is None and not chart.band.isVisible()
    pane = analysis_pane(qtbot, w)
    run(qtbot, pane)
    chart = composite(qtbot, w)
    project = w.document.project
    u = chart.units()[0]
    code = project.dataset.unit_codes[u]
    # the core's analysis of each period with the same replications
    root = project.framework.root
    want_low, want_high = [], []
    for period in project.dataset.periods:
        result = run_uncertainty(project, pane.spec(), period=period)
        j = result.replicator.agg_row[root]
        want_low.append(result.statistics.p05_score[j, u])
        want_high.append(result.statistics.p95_score[j, u])
    low, high = chart.band_values()
    assert np.allclose(low, want_low, rtol=0, atol=1e-12) and np.allclose(high, want_high, rtol=0, atol=1e-12)
    assert chart.band.isVisible()
    x, y = chart._band_edges[0].getData()
    assert x.tolist() == list(range(len(project.dataset.periods))) and np.allclose(y, want_low)
    assert np.allclose(chart._band_edges[1].getData()[1], want_high)
    scores = project.engine.score(root)[u]
    assert np.all(low <= scores + 1e-9) and np.all(scores <= high + 1e-9)      # around the nominal line here
    assert [e.text for e in chart.legend.entries][-1] == "5th–95th percentile of 300 replications"
    # the hover says the interval
    k = len(project.dataset.periods) - 1
    text = chart.hover_at(k, scores[k], 0.01, 0.1)[0]
    assert f"5th–95th percentile: {low[k]:,.2f} to {high[k]:,.2f} (300 replications)" in text
    assert chart.unit_code(u) == code

    # another unit chosen: its band
    chart.set_unit(u + 1)
    last = run_uncertainty(project, pane.spec())
    j = last.replicator.agg_row[root]
    assert chart.band_values()[0][-1] == pytest.approx(last.statistics.p05_score[j, u + 1], abs=1e-12)
    assert chart.band_values()[1][-1] == pytest.approx(last.statistics.p95_score[j, u + 1], abs=1e-12)


def test_an_edit_clears_the_band(asem_window, qtbot):
    w = asem_window
    pane = analysis_pane(qtbot, w)
    run(qtbot, pane, 200)
    chart = composite(qtbot, w)
    assert chart.band_values() is not None and len(chart.legend.entries) == 2
    ds = w.document.project.dataset
    assert w.document.execute(SetValues([(ds.unit_codes[0], ds.periods[-1], ds.codes[0], 1.0)]))
    assert chart.band_values() is None and not chart.band.isVisible()
    assert [e.text for e in chart.legend.entries] == [chart.unit_name(chart.units()[0])]
    assert chart._band_edges[0].getData()[0] is None or len(chart._band_edges[0].getData()[0]) == 0
    assert pane.status.text() == "The project has changed since this analysis: run it again to update it"
    # undone: the project is again the one analysed (the file would open it as current)
    w.document.undo_stack.undo()
    assert w.document.analysis.is_current(w.document.project)


def test_the_band_is_painted(asem_window, qtbot):
    w = asem_window
    chart = composite(qtbot, w)
    pane = analysis_pane(qtbot, w)
    run(qtbot, pane, 200)
    chart = composite(qtbot, w)
    qtbot.waitUntil(lambda: chart.band.isVisible())
    low, high = chart.band_values()
    scores = w.document.project.engine.score(w.document.project.framework.root)[chart.units()[0]]
    k = 1
    inside = (scores[k] + high[k]) / 2            # above the line, inside the band
    assert high[k] - scores[k] > 1.0

    def colour_at(y):
        vb = chart.view_box
        pos = chart.mapFromScene(vb.mapViewToScene(QPointF(float(k), float(y))))
        return chart.grab().toImage().pixelColor(pos.x(), pos.y())
    background = QColor(chart.theme.surface)
    filled = colour_at(inside)
    assert filled != background and filled.lightness() < background.lightness()
    chart.band.setVisible(False)
    assert colour_at(inside) == background            # it was the band


# ---- saved with the project ----------------------------------------------------------------------
def test_the_analysis_is_saved_and_opened_again(asem_window, make_window, qtbot, tmp_path):
    w = asem_window
    pane = analysis_pane(qtbot, w)
    pane.seed.setValue(7)
    pane.sensitivity.setChecked(True)
    pane.replications.setValue(200)
    run(qtbot, pane, 200)
    summary = w.document.analysis
    assert w.isWindowModified()                  # the results are part of the project
    assert w.files.save(wait=True)
    saved = projectfile.load(w.document.path)
    assert saved.app_state["panes"]["analysisPane"]["seed"] == 7
    assert saved.app_state["analysis"]["fingerprint"] == summary.fingerprint
    assert "replications" not in saved.app_state["analysis"]          # the statistics, not the replications

    second = make_window(saved, w.document.path)
    assert second.document.analysis_current
    got = second.document.analysis
    for f in ("p05_rank", "p95_rank", "mean_rank", "nominal_score"):
        assert np.array_equal(getattr(got.statistics, f), getattr(summary.statistics, f), equal_nan=True)
    assert got.sobol == summary.sobol and got.spec == summary.spec
    chart = composite(qtbot, second)
    assert np.array_equal(chart.band_values()[0], w.pane("chartsPane").composite_chart.band_values()[0])
    pane2 = analysis_pane(qtbot, second)
    assert pane2.seed.value() == 7 and pane2.sensitivity.isChecked()
    n = min(len(pane2.rank_chart.rows()), len(pane.rank_chart.rows()))       # as many as fit
    assert n >= 5 and pane2.rank_chart.rows()[:n].tolist() == pane.rank_chart.rows()[:n].tolist()
    assert pane2.rank_chart.interval.opts["x"][:n].tolist() == pane.rank_chart.interval.opts["x"][:n].tolist()
    assert pane2.sobol_chart.first.opts["height"].tolist() == pane.sobol_chart.first.opts["height"].tolist()
    assert pane2.status.text() == "Last analysis: 200 replications"


def test_a_project_changed_since_opens_with_the_analysis_out_of_date(asem_window, make_window, qtbot):
    w = asem_window
    pane = analysis_pane(qtbot, w)
    run(qtbot, pane, 100)
    ds = w.document.project.dataset
    assert w.document.execute(SetValues([(ds.unit_codes[1], ds.periods[0], ds.codes[2], 3.0)]))
    assert w.files.save(wait=True)
    second = make_window(projectfile.load(w.document.path), w.document.path)
    assert second.document.analysis is not None and not second.document.analysis_current
    assert composite(qtbot, second).band_values() is None
    pane2 = analysis_pane(qtbot, second)
    assert pane2.rank_chart.analysis is not None
    assert pane2.status.text() == "The project has changed since this analysis: run it again to update it"


def test_an_unreadable_saved_analysis_is_dropped(make_window, tmp_path, qtbot):
    project = projectfile.load(ASEM_30)
    project.app_state["analysis"] = {"version": 99, "spec": {}, "units": [], "aggregates": [], "root": "x",
                                     "statistics": {}, "band": {}, "fingerprint": "f"}
    w = make_window(project, None)
    assert w.document.analysis is None and "analysis" not in w.document.project.app_state
    assert composite(qtbot, w).band_values() is None


def test_one_period_has_a_short_band(qtbot):
    """With one period the band is a short bar around the point."""
    from core.analysis.inputs import Uncertainty
    from core.analysis.summary import run_summary
    from core.model.dataset import Dataset
    from core.project.project import Project
    from gui.base.document import ProjectDocument
    from gui.charts.lines import LONE_BAND, CompositeChart
    p = projectfile.load(ASEM_30)
    ds = p.dataset
    one = Dataset(list(ds.unit_codes), list(ds.unit_names), [ds.periods[-1]], list(ds.codes),
                  ds.values[:, -1:, :].copy())
    document = ProjectDocument(Project(p.framework, one, p.settings.copy()))
    chart = CompositeChart(document, 3)
    qtbot.addWidget(chart)
    _, summary = run_summary(document.snapshot(), Uncertainty(replications=200, weights_noise=0.25))
    document.set_analysis(summary)
    low, high = summary.band(ds.unit_codes[3])
    x, y = chart._band_edges[1].getData()
    assert x.tolist() == [-LONE_BAND, LONE_BAND] and y.tolist() == [high[0], high[0]]
    assert chart._band_edges[0].getData()[1].tolist() == [low[0], low[0]] and chart.band.isVisible()
    document.close()
