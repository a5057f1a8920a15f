"""Thousands of chart updates, each followed by a real repaint.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every Qt call
that returns nothing and aborts after a few thousand of them with "Fatal
Python error: none_dealloc" (pyqtgraph reaches it inside AxisItem painting).
A short test suite never gets there; this one does, through the app's own
edit path (grid model -> core -> document -> chart), and must pass on the
pinned PySide6-Essentials (6.11.3, see pyproject.toml).
"""
import math
import time

import numpy as np
from PySide6.QtWidgets import QApplication

from gui.charts.lines import CompositeChart
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN
from gui.charts.paint_counter import PaintCounter

UPDATES = 3000
GRAB_EVERY = 100
EVENTS_EVERY = 10


def test_chart_survives_thousands_of_updates_and_repaints(qtbot, document):
    chart = CompositeChart(document)
    qtbot.addWidget(chart)
    chart.resize(640, 420)
    chart.show()
    qtbot.waitExposed(chart)
    counter = PaintCounter()
    chart.viewport().installEventFilter(counter)
    model = DataGridModel(document)
    ds = document.project.dataset
    # IC1 2024: a swing between a tenth and ten times its value moves the
    # composite and now and then the y range
    index = model.index(ds.code_index["IC1"], FIRST_PERIOD_COLUMN + ds.period_index[2024])
    base = ds.value("CCEC", 2024, "IC1")
    y_ranges = set()
    start = time.perf_counter()
    for k in range(UPDATES):
        value = round(base * 10.0 ** math.sin(k / 9.0), 3)
        assert model.setData(index, str(value))
        chart.viewport().repaint()              # paints now, synchronously
        if k % EVENTS_EVERY == 0:
            QApplication.processEvents()        # and let queued scene updates through
        if k % GRAB_EVERY == 0:
            assert not chart.grab().isNull()
        y_ranges.add(tuple(round(v, 6) for v in chart.getPlotItem().viewRange()[1]))
    elapsed = time.perf_counter() - start
    assert counter.paints >= UPDATES
    # the view's range changes now and then (not at every update: it is set
    # deliberately), so the axes are regenerated and repainted too
    assert len(y_ranges) >= 3
    np.testing.assert_allclose(chart.index_curve.getData()[1], document.project.engine.score("CII")[0])
    print(f"{UPDATES} updates + repaints in {elapsed:.1f} s ({1000 * elapsed / UPDATES:.2f} ms each)")
