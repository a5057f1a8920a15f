"""Charts that hold up with many units: with ten units compared (ASEM's 30
countries) at 1024x700 and 1920x1080 the legend stays out of the plot and
the plot keeps most of the chart's height; ten compared units get ten
colours that stay apart for a deuteranope; end labels neither overlap nor
run off the chart; the hover read-out stays inside the plot."""
import itertools

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from core.project import projectfile
from gui.base.palette import COMPARE_COLOURS, compare_colour
from gui.charts.endlabels import spread
from gui.charts.legend import ChartLegend
from gui.window.loading import SAMPLE_PATH

ASEM = SAMPLE_PATH.parent / "asem-30.coindex"


@pytest.fixture(params=[(1024, 700), (1920, 1080)], ids=["1024x700", "1920x1080"])
def asem_window(request, qtbot):
    from gui.window.main_window import MainWindow
    w = MainWindow(projectfile.load(ASEM), str(ASEM))
    qtbot.addWidget(w)
    w.resize(*request.param)
    w.show()
    qtbot.waitExposed(w)
    panel = w.pane("chartsPane")
    panel.set_compared_units(range(1, 11))
    qtbot.wait(50)
    return w, panel


def rect_of(item) -> QRectF:
    return item.sceneBoundingRect()


def text_rect(item) -> QRectF:
    """Where a pg.TextItem's text is drawn, in scene pixels (its transform
    brought up to date first: pyqtgraph does that when it paints)."""
    item.updateTransform(force=True)
    return item.mapRectToScene(item.textItem.boundingRect().translated(item.textItem.pos()))


def test_ten_units_keep_the_plot_and_the_legend_apart(asem_window):
    window, panel = asem_window
    chart = panel.composite_chart
    assert len(chart.units()) == 11 and chart.legend.isVisible()
    height = chart.layout_item.sceneBoundingRect().height()
    plot = rect_of(chart.plot_item)
    assert plot.height() >= 0.6 * chart.height(), (plot.height(), chart.height())
    for c in (panel.composite_chart, panel.dimension_chart, panel.contribution_chart, panel.radar_chart):
        box = rect_of(c.view_box if c is panel.radar_chart else c.plot_item)
        for sample, label in c.legend.items:
            for item in (sample, label):
                r = rect_of(item)
                assert r.top() >= box.bottom() - 1, (c.title(), label.text, r, box)
                assert r.right() <= c.width() + 1
        assert rect_of(c.legend).top() >= box.bottom() - 1
    # every unit is named: in the legend, or behind "+N more" (its tooltip lists them)
    legend = chart.legend
    named = [label.text for _, label in legend.items] + legend.hidden_texts
    codes = [chart.unit_code(u) for u in chart.units()]
    names = [chart.unit_name(u) for u in chart.units()]
    assert all(t in codes or t in names for t in named[:len(legend.items)])
    assert len(legend.items) + len(legend.hidden_texts) == 11
    if legend.hidden_texts:
        assert legend.more_label.isVisible() and legend.more_label.text == f"+{len(legend.hidden_texts)} more"
        assert legend.more_label.toolTip().split("\n") == legend.hidden_texts
    assert height > 0


def test_a_wide_chart_names_every_unit_in_full(qtbot):
    legend = ChartLegend()
    entries = [(object(), f"Country number {k}", f"C{k}") for k in range(11)]
    from pyqtgraph import PlotDataItem
    entries = [(PlotDataItem([0, 1], [0, 1]), text, short) for _, text, short in entries]
    legend.set_entries(entries)
    legend.fit(1600, 200)
    assert legend.mode == "full" and len(legend.items) == 11 and not legend.hidden_texts
    assert legend.columns >= 6
    legend.fit(400, 40)                          # two rows: codes
    assert legend.mode == "short" and len(legend.items) == 11
    assert [label.text for _, label in legend.items] == [f"C{k}" for k in range(11)]
    legend.fit(200, 20)                          # one row of a narrow chart: '+N more'
    assert legend.mode == "collapsed"
    assert len(legend.items) + len(legend.hidden_texts) == 11 and legend.more_label.text.startswith("+")


def to_lab(hex_colour, matrix=None):
    c = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]) / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    if matrix is not None:
        lin = np.clip(matrix @ lin, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ lin
    xyz /= np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


# Machado, Oliveira & Fernandes (2009): full deuteranopia, on linear RGB
DEUTERANOPIA = np.array([[0.367322, 0.860646, -0.227968],
                         [0.280085, 0.672501, 0.047413],
                         [-0.011820, 0.042940, 0.968881]])


def test_ten_compare_colours_stay_apart_also_for_deuteranopes():
    colours = [compare_colour(k).name() for k in range(10)]
    assert len(set(colours)) == 10 and len(COMPARE_COLOURS) == 10
    for matrix in (None, DEUTERANOPIA):
        labs = [to_lab(c, matrix) for c in colours]
        smallest = min(np.linalg.norm(a - b) for a, b in itertools.combinations(labs, 2))
        assert smallest > 15, smallest          # CIE76 distance: clearly different colours


def test_compared_units_are_drawn_in_the_ten_colours(asem_window):
    _, panel = asem_window
    chart = panel.composite_chart
    pens = [curve.opts["pen"] for curve in chart.curves]
    assert pens[0].color() == chart.theme.foreground and pens[0].widthF() > pens[1].widthF()
    assert [p.color().name() for p in pens[1:]] == [chart.theme.compare_colour(k).name() for k in range(10)]


def test_spread_keeps_labels_apart_and_inside():
    wanted = [50.0, 52.0, 53.0, 90.0, 10.0, 11.0]
    placed = spread(wanted, 10.0, 0.0, 100.0)
    order = np.sort(placed)
    assert np.all(np.diff(order) >= 10.0 - 1e-9)
    assert min(placed) >= 5.0 and max(placed) <= 95.0
    assert abs(placed[3] - 90.0) < 1e-9            # a label with room stays where it wants to be
    assert spread([1.0] * 11, 10.0, 0.0, 100.0) is None


def test_end_labels_do_not_overlap_and_stay_in_the_chart(asem_window):
    _, panel = asem_window
    chart = panel.composite_chart
    shown = [label for label in chart.labels if label.isVisible()]
    assert shown and chart.labels[0].isVisible()          # the chosen unit's label always shows
    rects = [text_rect(label).adjusted(1, 1, -1, -1) for label in shown]
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b), (a, b)
    view = rect_of(chart.view_box)
    for r in rects:
        assert r.right() <= chart.width() - 1 and r.top() >= view.top() - 1 and r.bottom() <= view.bottom() + 1
    hidden = set(chart.end_labels.hidden)
    assert len(shown) + len(hidden) == 11


def test_hover_read_out_stays_inside_the_plot_at_the_last_point(asem_window):
    _, panel = asem_window
    for chart in (panel.composite_chart, panel.dimension_chart):
        curve = chart.curves[0] if isinstance(chart.curves, list) else next(iter(chart.curves.values()))
        xs, ys = curve.getData()
        last = int(np.flatnonzero(np.isfinite(ys))[-1])
        text = chart.show_hover(float(xs[last]), float(ys[last]))
        assert text and chart.hover_item.isVisible()
        box = text_rect(chart.hover_item)
        view = rect_of(chart.view_box)
        assert view.contains(box), (chart.title(), box, view)
        # the growth caveat (min-max scales each period): in full, or short in a small plot
        assert "the other units'" in text or text.endswith("Scaled per period: no growth rates")
        assert "% a year" not in text


@pytest.mark.parametrize("size, lines", [((1024, 700), 2), ((2400, 1300), 1)], ids=["narrow", "wide"])
def test_the_composite_end_label_stays_whole_in_the_plot(qtbot, size, lines):
    """The sample's headline (202.29 and +19.26 % a year) is never cut by
    the plot's edge: in a narrow chart the growth goes on a second line."""
    from gui.window.main_window import MainWindow
    w = MainWindow(projectfile.load(SAMPLE_PATH), str(SAMPLE_PATH))
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(50)
    chart = w.pane("chartsPane").composite_chart
    text = chart.end_labels.texts[0]
    assert text.count("\n") + 1 == lines, text
    assert "202.29" in text and "+19.26 % a year" in text
    label, box = text_rect(chart.end_labels.items[0]), rect_of(chart.view_box)
    assert box.left() <= label.left() and label.right() <= box.right() + 1, (label, box)
    assert box.top() <= label.top() and label.bottom() <= box.bottom() + 1
