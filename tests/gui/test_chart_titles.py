"""Every chart's title in the chart panel is one size: the pyqtgraph charts'
(points, HTML) and the league table's (painted in pixels) measure the same."""
from PySide6.QtGui import QFont, QFontMetricsF, QTextCursor

from gui.charts.fonts import TITLE_POINTS, title_pixels
from gui.charts.league_paint import LeagueGeometry
from tests.gui.test_charts import panel  # noqa: F401  (fixture)

SAMPLE = "League table in 2022: Sustainable Connectivity"


def chart_title_font(chart):
    cursor = QTextCursor(chart.title_item.item.document())
    cursor.setPosition(1)
    return cursor.charFormat().font()


def test_all_chart_titles_are_one_size(panel):
    fonts = [chart_title_font(c) for c in (panel.composite_chart, panel.dimension_chart, panel.contribution_chart,
                                           panel.radar_chart, panel.ranking_chart)]
    assert {(f.pointSizeF(), f.bold()) for f in fonts} == {(TITLE_POINTS, True)}
    league = LeagueGeometry(panel.league_table.data(), 600).fonts["title"]
    assert league.bold() and league.pixelSize() == title_pixels() == 13       # 10 pt at 96 dots an inch
    assert abs(QFontMetricsF(fonts[0]).height() - QFontMetricsF(league).height()) < 0.5
    # the league's font at the charts' points is the league's title, to the pixel
    in_points = QFont(league)
    in_points.setPointSizeF(TITLE_POINTS)
    width = QFontMetricsF(in_points).horizontalAdvance(SAMPLE)
    assert abs(width - QFontMetricsF(league).horizontalAdvance(SAMPLE)) < 0.03 * width
