"""The radar draws the units compared (the composite chart's compare
selection) beside the chosen unit, and a mouse click on a unit's polygon
(a corner or a side) or on its legend entry chooses that unit in every
chart."""
import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.gui.test_chart_interaction import viewport_point
from tests.gui.test_charts import panel3  # noqa: F401  (fixture)


def corner(radar, item, k):
    xs, ys = item.getData()
    return float(xs[k]), float(ys[k])


def click(radar, point):
    QTest.mouseClick(radar.viewport(), Qt.LeftButton, Qt.NoModifier, point)


def test_the_radar_draws_the_units_compared(panel3):
    radar = panel3.radar_chart
    assert radar.compared_units() == [] and radar.legend.entries[0].text == "2024"
    panel3.set_compared_units([1, 2])
    assert radar.compared_units() == [1, 2]
    engine = panel3.document.project.engine
    t = radar.period
    for item, u in zip(radar.compared_polygons, [1, 2]):
        xs, ys = item.getData()
        radii = np.hypot(xs, ys)[:len(radar.codes)]
        expected = [engine.score(c)[u, t] - radar.origin for c in radar.codes]
        np.testing.assert_allclose(radii, expected, rtol=1e-9)
    texts = [e.text for e in radar.legend.entries]
    assert texts[2:] == ["Unit X", "Unit Y"] and [e.unit for e in radar.legend.entries] == [0, 0, 1, 2]
    assert texts[0].endswith(", 2024")
    # the read-out names the unit whose corner it reads
    x, y = corner(radar, radar.compared_polygons[1], 0)
    text = radar.show_hover(x, y)
    assert text.startswith("Unit Y\n") and radar.codes[0] in text


def test_clicking_a_polygon_chooses_its_unit(panel3, qtbot):
    radar = panel3.radar_chart
    panel3.set_compared_units([1, 2])
    x, y = corner(radar, radar.compared_polygons[1], 1)        # a corner of unit Y's polygon
    with qtbot.waitSignal(radar.unitClicked) as signal:
        click(radar, viewport_point(radar, x, y))
    assert signal.args == [2]
    assert panel3.unit() == 2 and radar.unit == 2 and panel3.composite_chart.unit == 2
    assert radar.compared_units() == [1]                        # Y is the chosen unit now
    # the middle of a side of unit X's polygon, away from its corners
    (x0, y0), (x1, y1) = corner(radar, radar.compared_polygons[0], 0), corner(radar, radar.compared_polygons[0], 1)
    with qtbot.waitSignal(radar.unitClicked) as signal:
        click(radar, viewport_point(radar, (x0 + x1) / 2, (y0 + y1) / 2))
    assert signal.args == [1] and panel3.unit() == 1 and panel3.ranking_chart.unit == 1
    # the empty corner of the plot chooses nothing
    with qtbot.assertNotEmitted(radar.unitClicked):
        top_left = radar.view_box.sceneBoundingRect().topLeft() + QPointF(3, 3)
        click(radar, radar.mapFromScene(top_left))
    assert panel3.unit() == 1


def test_clicking_a_legend_entry_chooses_its_unit(panel3, qtbot):
    radar = panel3.radar_chart
    panel3.set_compared_units([1, 2])
    k = [e.unit for e in radar.legend.entries].index(2)
    assert k < len(radar.legend.items), "the entry of unit Y is shown"
    sample, label = radar.legend.items[k]
    with qtbot.waitSignal(radar.unitClicked) as signal:
        click(radar, radar.mapFromScene(label.sceneBoundingRect().center()))
    assert signal.args == [2] and panel3.unit() == 2
    # the composite chart's legend entries choose their units too
    chart = panel3.composite_chart
    k = [e.unit for e in chart.legend.entries].index(1)
    sample, label = chart.legend.items[k]
    with qtbot.waitSignal(chart.unitClicked) as signal:
        click(chart, chart.mapFromScene(sample.sceneBoundingRect().center()))
    assert signal.args == [1] and panel3.unit() == 1 and radar.unit == 1
