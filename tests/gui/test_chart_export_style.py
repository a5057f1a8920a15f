"""Exports styled for publication: the same drawing as on screen, text that
scales with the image (a 2x PNG has 2x legend text), a white or transparent
background whatever the window's colours, axis titles with units (in
Chinese too); growth shown only where it means something; a fixed-base
ranking says what it ranks; radar ring labels clear of the polygons."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings
from PySide6.QtGui import QColor, QImage, QPalette

from core import text as core_text
from core.project import projectfile
from core.project.project import SetSettings
from gui.base.document import ProjectDocument
from gui.charts.export import export_background, export_svg, render_image
from gui.charts.lines import CompositeChart, DimensionChart
from gui.charts.radar import RadarChart
from gui.charts.ranking import RankingChart
from gui.window.loading import SAMPLE_PATH

from tests.gui.test_chart_svg import compare, ink, one_font_family, stray  # noqa: F401  (an autouse fixture)

ASEM = SAMPLE_PATH.parent / "asem-30.coindex"


def rgba(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), [2, 1, 0, 3]].astype(int)


@pytest.fixture
def asem_doc(qtbot):
    doc = ProjectDocument(projectfile.load(ASEM))
    yield doc
    doc.close()


@pytest.fixture
def composite10(qtbot, asem_doc):
    chart = CompositeChart(asem_doc)
    qtbot.addWidget(chart)
    chart.resize(640, 420)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_compared_units(range(1, 11))
    qtbot.wait(20)
    return chart


def text_rows(image: np.ndarray, rect, scale) -> int:
    """Height in pixels of the ink inside ``rect`` (scene units) of an image
    drawn ``scale`` times larger."""
    x0, x1 = int(rect.left() * scale), int(rect.right() * scale)
    y0, y1 = int(rect.top() * scale), int(rect.bottom() * scale)
    sub = image[y0:y1, x0:x1, :3]
    rows = np.flatnonzero((np.abs(sub - 255).sum(axis=2) > 200).any(axis=1))
    return int(rows.max() - rows.min() + 1)


def test_a_2x_png_has_2x_legend_text(composite10):
    chart = composite10
    origin = chart.layout_item.sceneBoundingRect().topLeft()
    label = chart.legend.items[1][1].sceneBoundingRect().translated(-origin)
    title = chart.title_item.sceneBoundingRect().translated(-origin)
    one, two = rgba(render_image(chart, 1)), rgba(render_image(chart, 2))
    assert two.shape[0] == 2 * one.shape[0] and two.shape[1] == 2 * one.shape[1]
    for rect in (label, title):
        h1, h2 = text_rows(one, rect, 1), text_rows(two, rect, 2)
        assert h1 >= 5 and 1.7 <= h2 / h1 <= 2.3, (h1, h2)


def test_exports_are_on_white_or_transparent_never_the_window_grey(composite10, tmp_path):
    chart = composite10
    grey = QPalette(chart.palette())
    grey.setColor(QPalette.Window, QColor("#dcdcdc"))
    grey.setColor(QPalette.WindowText, QColor("#101010"))
    chart.setPalette(grey)
    assert chart.theme.background.name() == "#dcdcdc"
    white = rgba(render_image(chart, 1))
    assert tuple(white[2, 2]) == (255, 255, 255, 255) and tuple(white[-3, -3]) == (255, 255, 255, 255)
    clear = rgba(render_image(chart, 1, background="transparent"))
    assert clear[2, 2, 3] == 0 and clear[-3, -3, 3] == 0
    assert (clear[..., 3] == 255).sum() > 2000             # the ink itself is opaque
    assert chart.theme.background.name() == "#dcdcdc"     # the screen keeps its colours
    # a dark window exports dark text on white
    dark = QPalette(chart.palette())
    dark.setColor(QPalette.Window, QColor("#202020"))
    dark.setColor(QPalette.WindowText, QColor("#f0f0f0"))
    chart.setPalette(dark)
    picture = rgba(render_image(chart, 1))
    title = chart.title_item.sceneBoundingRect()
    sub = picture[int(title.top()):int(title.bottom()), int(title.left()):int(title.left()) + 120, :3]
    assert sub.min() < 80 and tuple(picture[2, 2]) == (255, 255, 255, 255)
    # SVG: a white page, or none
    export_svg(chart, str(tmp_path / "w.svg"))
    export_svg(chart, str(tmp_path / "t.svg"), background="transparent")
    assert 'fill="#ffffff"' in (tmp_path / "w.svg").read_text()
    assert (tmp_path / "t.svg").read_text().count('fill="#ffffff"') < (tmp_path / "w.svg").read_text().count(
        'fill="#ffffff"')


def test_the_menu_background_choice_is_used(composite10, tmp_path, monkeypatch):
    chart = composite10
    assert export_background() == "white"
    chart.background_actions["transparent"].trigger()
    try:
        assert export_background() == "transparent"
        from PySide6.QtWidgets import QFileDialog
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "c.png"), ""))
        chart.save_png_action.trigger()
        saved = rgba(QImage(str(tmp_path / "c.png")))
        assert saved[2, 2, 3] == 0
    finally:
        chart.background_actions["white"].trigger()
    assert QSettings().value("charts/export_background") == "white"


def test_png_and_svg_draw_the_same_ten_unit_legend(composite10, tmp_path):
    png, svg = compare(composite10, tmp_path)
    a, b = ink(png), ink(svg)
    assert stray(a, b) < 0.05 and stray(b, a) < 0.05
    legend = composite10.legend.sceneBoundingRect().translated(-composite10.layout_item.sceneBoundingRect().topLeft())
    y0, y1, x0, x1 = int(legend.top()), int(legend.bottom()), int(legend.left()), int(legend.right())
    assert a[y0:y1, x0:x1].sum() > 200 and stray(b[y0:y1, x0:x1], a[y0:y1, x0:x1]) < 0.08


def test_svg_end_labels_stay_inside_the_page(composite10, tmp_path):
    _, svg = compare(composite10, tmp_path)
    right = ink(svg)[:, -4:]
    assert right.sum() == 0                  # nothing drawn in the last pixels: no label runs off


def test_no_growth_labels_under_per_period_min_max(composite10, asem_doc):
    chart = composite10
    assert asem_doc.project.settings.normalisation == "minmax"
    texts = [label.toPlainText() for label in chart.labels]
    assert texts and all("% a year" not in t for t in texts)
    assert chart.note() == "Scaled per period: no growth rates"
    assert "scales each period separately" in chart.note_item.toolTip()
    xs, ys = chart.curves[0].getData()
    assert "% a year" not in chart.show_hover(float(xs[2]), float(ys[2]))
    dims = DimensionChart(asem_doc)
    assert dims.note() == "Scaled per period: no growth rates"
    # pooled over the periods, change has a meaning again
    settings = asem_doc.project.settings.copy()
    settings.pooled = True
    assert asem_doc.execute(SetSettings(settings))
    chart.set_compared_units([1])
    assert chart.note() == "" and any("% a year" in label.toPlainText() for label in chart.labels)
    dims.close()


def test_axis_titles_with_units(qtbot, document, asem_doc):
    chart = CompositeChart(document)                  # the sample: a fixed-base index, base 2020
    assert chart.axis_title("left") == "Index (2020 = 100)"
    assert "Index (2020 = 100)" in chart.plot_item.getAxis("left").labelText
    ranking = RankingChart(asem_doc)
    assert ranking.axis_title("bottom") == "Score (0-100)"
    from gui.charts.contribution import ContributionChart
    assert ContributionChart(asem_doc).axis_title("left") == "Contribution (points)"
    core_text.set_language("zh")
    try:
        chart.retranslateUi()
        assert chart.axis_title("left") == "指数（2020 = 100）"
    finally:
        core_text.set_language("en")
        chart.retranslateUi()
    assert chart.axis_title("left") == "Index (2020 = 100)"


def test_a_fixed_base_ranking_says_it_ranks_growth(qtbot, asem_doc, project):
    assert RankingChart(asem_doc).subtitle() == ""            # min-max: levels
    from tests.gui.test_charts import three_units
    doc = ProjectDocument(three_units(project))                # fixed base 2020 = 100
    ranking = RankingChart(doc)
    assert ranking.subtitle() == "Fixed-base index: this ranks growth since 2020, not levels"
    assert "ranks growth since 2020" in ranking.title_item.text
    settings = doc.project.settings.copy()
    settings.apply("normalisation", "minmax")
    assert doc.execute(SetSettings(settings))
    assert ranking.subtitle() == "" and "ranks growth" not in ranking.title_item.text
    doc.close()


def test_radar_ring_labels_keep_off_the_polygons(qtbot, project):
    chart = RadarChart(ProjectDocument(project))
    qtbot.addWidget(chart)
    chart.resize(500, 420)
    chart.show()
    qtbot.waitExposed(chart)
    chart.refresh()
    rects = chart.ring_label_rects()
    assert rects
    for item in (chart.polygon, chart.base_polygon):
        xs, ys = item.getData()
        points = [chart.view_box.mapViewToScene(QPointF(x, y)) for x, y in zip(xs, ys) if np.isfinite(x)]
        for r in rects:
            assert not any(r.contains(p) for p in points)
    # the labels sit between two spokes where the polygons reach least
    radii = np.fmax(chart.polygon_radii(), np.nan_to_num(chart.polygon_radii(base=True)))
    k = len(radii)
    gaps = [max(radii[j], radii[(j + 1) % k]) for j in range(k)]
    a = chart.clear_angle(radii)
    j = int(np.argmin(gaps))
    assert abs(a - (chart._angles(k)[j] - np.pi / k)) < 1e-9

