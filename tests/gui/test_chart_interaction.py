"""Zoom, pan and reset on the time charts and the ranking; a click on a
unit's line or bar chooses that unit in every chart."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.test_charts import panel3  # noqa: F401  (fixture)


def viewport_point(chart, x, y) -> QPoint:
    scene = chart.view_box.mapViewToScene(QPointF(x, y))
    return chart.mapFromScene(scene)


def wheel(chart, at: QPoint, steps: int = 3):
    for _ in range(steps):
        event = QWheelEvent(QPointF(at), QPointF(chart.viewport().mapToGlobal(at)), QPoint(0, 0), QPoint(0, 120),
                            Qt.NoButton, Qt.NoModifier, Qt.NoScrollPhase, False)
        QApplication.sendEvent(chart.viewport(), event)


@pytest.mark.parametrize("name", ["composite_chart", "dimension_chart", "contribution_chart", "ranking_chart"])
def test_wheel_zooms_and_reset_restores(panel3, qtbot, name):
    chart = getattr(panel3, name)
    fitted = chart.view_box.viewRange()
    centre = chart.mapFromScene(chart.view_box.sceneBoundingRect().center())
    wheel(chart, centre)
    zoomed = chart.view_box.viewRange()
    assert chart.user_view
    assert zoomed[0][1] - zoomed[0][0] < 0.9 * (fitted[0][1] - fitted[0][0])
    # an edit redraws without undoing the zoom
    from core.project.project import SetValues
    panel3.document.execute(SetValues([("CCEC", 2024, "IC1", 80.0)]))
    assert np.allclose(chart.view_box.viewRange(), zoomed)
    chart.setFocus()
    QTest.keyClick(chart, Qt.Key_Home)
    assert not chart.user_view
    assert np.allclose(chart.view_box.viewRange()[0], fitted[0], atol=1e-6)
    wheel(chart, centre)
    QTest.keyClick(chart, Qt.Key_0, Qt.ControlModifier)
    assert not chart.user_view and np.allclose(chart.view_box.viewRange()[0], fitted[0], atol=1e-6)
    wheel(chart, centre)
    chart.reset_view_action.trigger()                 # the menu's "Reset view"
    assert np.allclose(chart.view_box.viewRange()[0], fitted[0], atol=1e-6)


def test_double_click_resets_the_view(panel3, qtbot):
    chart = panel3.composite_chart
    fitted = chart.view_box.viewRange()
    centre = chart.mapFromScene(chart.view_box.sceneBoundingRect().center())
    wheel(chart, centre)
    assert chart.user_view
    # as a mouse sends it: a click, then the double click and its release
    QTest.mouseClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier, centre)
    QTest.mouseDClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier, centre)
    QTest.mouseRelease(chart.viewport(), Qt.LeftButton, Qt.NoModifier, centre)
    assert not chart.user_view and np.allclose(chart.view_box.viewRange()[0], fitted[0], atol=1e-6)


def test_a_drag_pans(panel3, qtbot):
    chart = panel3.composite_chart
    before = chart.view_box.viewRange()[0]
    centre = chart.mapFromScene(chart.view_box.sceneBoundingRect().center())
    QTest.mousePress(chart.viewport(), Qt.LeftButton, Qt.NoModifier, centre)
    for dx in range(5, 60, 5):
        QTest.mouseMove(chart.viewport(), centre + QPoint(dx, 0))
    QTest.mouseRelease(chart.viewport(), Qt.LeftButton, Qt.NoModifier, centre + QPoint(60, 0))
    after = chart.view_box.viewRange()[0]
    assert chart.user_view and after[0] < before[0] - 0.1


def test_clicking_a_line_chooses_its_unit(panel3, qtbot):
    chart = panel3.composite_chart
    panel3.set_compared_units([1, 2])
    assert chart.units() == [0, 1, 2]
    xs, ys = chart.curves[2].getData()
    # a point of unit 2 (Y) ...
    with qtbot.waitSignal(chart.unitClicked) as signal:
        QTest.mouseClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier, viewport_point(chart, xs[3], ys[3]))
    assert signal.args == [2]
    assert panel3.unit() == 2 and panel3.ranking_chart.unit == 2 and panel3.dimension_chart.unit == 2
    # ... and the middle of a segment of unit 1 (X), away from its points
    xs, ys = chart.curves[chart.units().index(1)].getData()
    mid = viewport_point(chart, (xs[1] + xs[2]) / 2, (ys[1] + ys[2]) / 2)
    with qtbot.waitSignal(chart.unitClicked) as signal:
        QTest.mouseClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier, mid)
    assert signal.args == [1] and panel3.unit() == 1
    # empty space chooses nothing
    with qtbot.assertNotEmitted(chart.unitClicked):
        QTest.mouseClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier,
                         chart.mapFromScene(chart.view_box.sceneBoundingRect().topLeft()) + QPoint(3, 3))


def test_clicking_a_bar_chooses_its_unit(panel3, qtbot):
    chart = panel3.ranking_chart
    shown = chart.shown_units
    assert len(shown) == 3
    target = int(shown[1])
    value = float(chart.bars.opts["width"][1])
    with qtbot.waitSignal(chart.unitClicked) as signal:
        QTest.mouseClick(chart.viewport(), Qt.LeftButton, Qt.NoModifier, viewport_point(chart, value / 2, 1.0))
    assert signal.args == [target]
    assert panel3.unit() == target and panel3.composite_chart.unit == target
