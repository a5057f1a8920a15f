"""An index between 0 and 1 (UNDP's HDI) keeps its own numbers on the axis:
no "(x0.001)" rescaling with ticks in the hundreds."""
from pathlib import Path

from core.project import projectfile
from gui.base.document import ProjectDocument
from gui.charts.panel import ChartPanel

HDI = Path(__file__).resolve().parents[2] / "resources" / "samples" / "undp-hdi.coindex"


def test_hdi_axis_ticks_are_the_scores(qtbot):
    panel = ChartPanel(ProjectDocument(projectfile.load(HDI)))
    qtbot.addWidget(panel)
    panel.resize(1000, 800)
    panel.show()
    axis = panel.composite_chart.plot_item.getAxis("left")
    assert axis.autoSIPrefixScale == 1.0 and "x0.001" not in axis.labelString()
    low, high = panel.composite_chart.view_box.viewRange()[1]
    assert 0.0 <= low < high <= 1.0
    values = [v for level in axis.tickValues(low, high, axis.height()) for v in level[1]]
    assert values and all(0.0 <= v <= 1.0 for v in values)
    assert all(text.startswith("0.") for text in axis.tickStrings(values, axis.autoSIPrefixScale, 0.01))
