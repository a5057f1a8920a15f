"""A chart's SVG draws what its PNG draws: every chart of the sample (one
unit) and of a three-unit project, exported as PNG and as SVG at the same
size and the SVG rasterised with QtSvg, put their ink (lines, dots, bars,
axes, text) in the same places, within a pixel or two."""
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from gui.base.document import ProjectDocument
from gui.charts.export import export_svg, flatten_svg, render_image
from gui.exporting.report import chart_slug, offscreen_charts

from tests.gui.test_charts import three_units

SVG = "http://www.w3.org/2000/svg"
REACH = 2            # pixels an ink pixel may move between the two pictures


def on_white(image: QImage, width: int, height: int) -> np.ndarray:
    """``image`` drawn on white, as an (h, w, 3) int array."""
    out = QImage(width, height, QImage.Format_RGB32)
    out.fill(Qt.white)
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return rgb(out)


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), 2::-1].astype(int)


def svg_on_white(path, width: int, height: int) -> np.ndarray:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    out = QImage(width, height, QImage.Format_RGB32)
    out.fill(Qt.white)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    return rgb(out)


def ink(picture: np.ndarray) -> np.ndarray:
    """Pixels clearly off the background (the most common colour)."""
    flat = picture.reshape(-1, 3)
    colours, counts = np.unique(flat, axis=0, return_counts=True)
    background = colours[np.argmax(counts)]
    return np.abs(picture - background).sum(axis=2) > 90


def grown(mask: np.ndarray, reach: int = REACH) -> np.ndarray:
    out = mask.copy()
    for dy in range(-reach, reach + 1):
        for dx in range(-reach, reach + 1):
            out |= np.roll(np.roll(mask, dy, axis=0), dx, axis=1)
    return out


def stray(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the ink of ``a`` with no ink of ``b`` within REACH pixels."""
    return float((a & ~grown(b)).sum()) / max(1, int(a.sum()))


def compare(chart, tmp_path):
    """(png, svg) pictures of ``chart`` at its size on screen."""
    image = render_image(chart, 1)
    path = tmp_path / f"{chart_slug(chart)}.svg"
    export_svg(chart, str(path))
    width, height = image.width(), image.height()
    return on_white(image, width, height), svg_on_white(path, width, height)


def data_points(chart):
    """(x, y) pixel positions of the composite index's points."""
    xs, ys = chart.index_curve.getData()
    ok = np.isfinite(xs) & np.isfinite(ys)
    points = []
    for x, y in zip(xs[ok].tolist(), ys[ok].tolist()):
        p = chart.view_box.mapViewToScene(QPointF(x, y))
        points.append((p.x(), p.y()))
    return points


@pytest.fixture(autouse=True)
def one_font_family():
    """The application font as one family for these tests: after a test of
    the CJK fallback it is a list ("Sans Serif,WenQuanYi Micro Hei"), which
    Qt writes to the SVG as one attribute that QtSvg reads as a single
    unknown name (librsvg reads the list), so the text would differ."""
    from PySide6.QtWidgets import QApplication
    before = QApplication.font()
    font = QFont(before)
    font.setFamilies(before.families()[:1])
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


@pytest.fixture(params=["sample", "three units"])
def charts(request, qtbot, project):
    document = ProjectDocument(project if request.param == "sample" else three_units(project))
    with offscreen_charts(document) as shown:
        yield request.param, shown
    document.close()


def test_svg_draws_what_the_png_draws(charts, tmp_path):
    which, shown = charts
    names = [chart_slug(chart) for chart in shown]
    assert len(shown) == (4 if which == "sample" else 5), names
    wrong = []
    for chart in shown:
        png, svg = compare(chart, tmp_path)
        a, b = ink(png), ink(svg)
        assert a.sum() > 2000 and b.sum() > 2000
        # nearly all ink has its counterpart within two pixels (text is laid
        # out by each renderer, so a little may differ); the mean difference
        # is small
        measured = (chart_slug(chart), round(stray(a, b), 4), round(stray(b, a), 4),
                    round(float(np.abs(png - svg).sum(axis=2).mean()), 2))
        if not (measured[1] < 0.05 and measured[2] < 0.05 and measured[3] < 6):
            wrong.append(measured)
    assert not wrong, wrong


def test_svg_needs_no_non_scaling_stroke(charts, tmp_path):
    """No cosmetic outline is left under a scaling transform: renderers
    that ignore 'non-scaling-stroke' (librsvg before 2.56) draw it the same."""
    _, shown = charts
    for chart in shown:
        path = tmp_path / "chart.svg"
        export_svg(chart, str(path))
        root = ET.parse(path).getroot()
        for group in root.iter(f"{{{SVG}}}g"):
            found = re.match(r"matrix\(([^)]*)\)", group.get("transform", ""))
            if not found:
                continue
            a, b, c, d, _, _ = (float(v) for v in found.group(1).split(","))
            if (abs(a), b, c, abs(d)) == (1, 0, 0, 1):
                continue
            assert not [child for child in group if child.get("vector-effect") == "non-scaling-stroke"], \
                (chart_slug(chart), group.get("transform"))


def test_index_points_sit_on_their_place(document, tmp_path):
    with offscreen_charts(document) as shown:
        chart = shown[0]
        png, svg = compare(chart, tmp_path)
        points = data_points(chart)
        assert len(points) == 5
        for x, y in points:
            x, y = int(x), int(y)                  # the pixel the point falls in
            for picture in (png, svg):
                dot = picture[y - 1:y + 2, x - 1:x + 2]       # the dot's middle is dark in both
                assert dot.sum(axis=2).max() < 150, (x, y, picture is svg, dot.sum(axis=2).tolist())


def test_flatten_svg_moves_cosmetic_shapes_to_the_page():
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><g stroke="#000" '
           b'transform="matrix(10,0,0,-2,5,90)"><path vector-effect="non-scaling-stroke" d="M0,0 L1,10 C1,1 2,2 3,3 Z"/>'
           b'<polyline vector-effect="non-scaling-stroke" points="0,0 2,5"/>'
           b'<rect vector-effect="non-scaling-stroke" x="1" y="1" width="2" height="10"/></g>'
           b'<g stroke="#000" transform="matrix(2,0,0,2,0,0)"><path vector-effect="none" d="M0,0 L1,1"/></g></svg>')
    text = flatten_svg(svg).decode()
    assert 'd="M5,90 L15,70 C15,88 25,86 35,84 Z"' in text
    assert 'points="5,90 25,80"' in text
    assert 'x="15" y="68" width="20" height="20"' in text
    assert 'd="M0,0 L1,1"' in text and 'matrix(2,0,0,2,0,0)' in text       # a scaling stroke stays as it is


def test_flatten_svg_drops_paths_without_data():
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><g transform="matrix(1,0,0,1,0,0)">'
           b'<path d=""/><path d="M0,0 L1,1"/></g></svg>')
    out = flatten_svg(svg).decode("utf-8")
    assert 'd=""' not in out and 'd="M0,0 L1,1"' in out
