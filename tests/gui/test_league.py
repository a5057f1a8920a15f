"""The league table: its ranks and order, sorting by a header click with
missing scores last, colours by score with readable text, coverage marks,
a row click choosing the unit in the chart panel, the empty table's
reason, and the same picture in PNG, SVG and PDF."""
import re
import subprocess

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from core.pipeline.results import MIN_COVERAGE
from core.project import projectfile
from gui.base.document import ProjectDocument
from gui.base.palette import ChartTheme
from gui.charts.league import LeagueTable
from gui.charts.league_data import (DARK_TEXT, LIGHT_TEXT, UNIT_COLUMN, contrast, league_order, luminance,
                                    scale_colour)
from gui.charts.league_paint import EXPORT_SIZE, ROW_H
from gui.charts.panel import TABS, ChartPanel
from gui.window.loading import SAMPLE_PATH

ASEM = SAMPLE_PATH.with_name("asem-30.coindex")


@pytest.fixture
def asem(qtbot):
    doc = ProjectDocument(projectfile.load(ASEM))
    yield doc
    doc.close()


@pytest.fixture
def league(qtbot, asem):
    table = LeagueTable(asem)
    qtbot.addWidget(table)
    table.resize(760, 600)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_rows_are_the_units_by_index_rank_with_their_ranks(league, asem):
    engine, fw = asem.project.engine, asem.project.framework
    data = league.data()
    assert [c.code for c in data.columns] == ["Index", "Conn", "Sust"]
    last = len(asem.project.dataset.periods) - 1
    for c, column in enumerate(data.columns):
        np.testing.assert_array_equal(data.ranks[:, c], engine.period_rank(column.code, last))
        np.testing.assert_array_equal(data.scores[:, c], engine.score(column.code)[:, last])
    order = league.sorted_units()
    assert len(order) == 30
    ranks = engine.period_rank(fw.root, last)[order]
    assert ranks[0] == 1 and (np.diff(ranks) >= 0).all()
    assert league.title() == "League table in 2022: Sustainable Connectivity"
    league.set_depth(2)
    assert [c.code for c in league.data().columns][:4] == ["Index", "Conn", "Physical", "ConEcFin"]
    assert len(league.data().columns) == 11


def test_header_click_sorts_and_a_second_click_reverses(league, qtbot):
    geometry = league.layout_geometry()
    head = geometry.head_rect(2).center()
    qtbot.mouseClick(league.canvas, Qt.LeftButton, pos=QPoint(int(head.x()), int(head.y())))
    data = league.data()
    assert data.sort_column == 2 and not data.descending
    sust = data.ranks[league.sorted_units(), 2]
    assert sust[0] == 1 and (np.diff(sust) >= 0).all()
    qtbot.mouseClick(league.canvas, Qt.LeftButton, pos=QPoint(int(head.x()), int(head.y())))
    sust = league.data().ranks[league.sorted_units(), 2]
    assert league.data().descending and sust[0] == 30 and (np.diff(sust) <= 0).all()
    names = league.layout_geometry().head_rect(UNIT_COLUMN).center()
    qtbot.mouseClick(league.canvas, Qt.LeftButton, pos=QPoint(int(names.x()), int(names.y())))
    shown = [league.data().units[u] for u in league.sorted_units()]
    assert shown == sorted(shown, key=str.casefold) and shown[0] == "Austria"


def test_missing_scores_come_last_in_either_order():
    ranks = np.array([[2.0], [np.nan], [1.0], [np.nan], [3.0]])
    names = ["a", "b", "c", "d", "e"]
    assert league_order(ranks, names, 0).tolist() == [2, 0, 4, 1, 3]
    assert league_order(ranks, names, 0, descending=True).tolist() == [4, 0, 2, 1, 3]
    tied = np.array([[1.0], [1.0], [np.nan], [1.0]])
    assert league_order(tied, names[:4], 0).tolist() == [0, 1, 3, 2]           # stable
    assert league_order(tied, names[:4], 0, True).tolist() == [0, 1, 3, 2]


def test_a_unit_without_data_sorts_last_and_shows_dashes(qtbot):
    project = projectfile.load(ASEM)
    project.dataset.values[0, -1, :] = np.nan              # Austria, 2022
    doc = ProjectDocument(project)
    table = LeagueTable(doc)
    qtbot.addWidget(table)
    assert table.sorted_units()[-1] == 0
    table.sort_by(0, descending=True)
    assert table.sorted_units()[-1] == 0
    assert table.data().cell_colour(0, 0) != table.data().cell_colour(1, 0)
    assert np.isnan(table.data().scores[0]).all()
    doc.close()


def test_colours_follow_the_score_and_text_stays_readable(league):
    data = league.data()
    for c in range(len(data.columns)):
        column = data.scores[:, c]
        best, worst = int(np.nanargmax(column)), int(np.nanargmin(column))
        assert luminance(data.cell_colour(best, c)) < luminance(data.cell_colour(worst, c)) - 0.5
        for u in range(len(data.units)):
            assert contrast(data.text_colour(u, c), data.cell_colour(u, c)) >= 4.5, (u, c)
    best, worst = int(np.nanargmax(data.scores[:, 0])), int(np.nanargmin(data.scores[:, 0]))
    assert data.text_colour(best, 0) == LIGHT_TEXT and data.text_colour(worst, 0) == DARK_TEXT
    shares = np.linspace(0, 1, 11)
    lightness = [luminance(scale_colour(s)) for s in shares]
    assert (np.diff(lightness) < 0).all()                   # darker all the way up the scale


def test_scores_on_too_few_indicators_are_marked(qtbot):
    project = projectfile.load(ASEM)
    ds, engine = project.dataset, project.engine
    under = [engine.codes[k] for k in engine.indicators_under["Conn"]]
    cols = [ds.codes.index(c) for c in under[:int(len(under) * 0.6)]]
    ds.values[2, -1, cols] = np.nan                         # Bulgaria: most of Connectivity missing in 2022
    doc = ProjectDocument(project)
    table = LeagueTable(doc)
    qtbot.addWidget(table)
    data = table.data()
    assert data.low[2, 1] and not data.low[2, 2] and data.low.sum() >= 1
    coverage = doc.project.engine.coverage("Conn")[2, -1]
    assert coverage < MIN_COVERAGE
    assert "hatched" in data.note
    doc.close()


def test_row_click_chooses_the_unit_in_the_panel(qtbot, asem):
    panel = ChartPanel(asem)
    qtbot.addWidget(panel)
    panel.set_layout_mode(TABS)
    panel.tabs.setCurrentWidget(panel.league_table)
    panel.resize(900, 800)
    panel.show()
    qtbot.waitExposed(panel)
    league = panel.league_table
    j = 4
    unit = league.sorted_units()[j]
    rect = league.layout_geometry().cell_rect(j, UNIT_COLUMN)
    with qtbot.waitSignal(panel.unitChanged) as changed:
        qtbot.mouseClick(league.canvas, Qt.LeftButton, pos=QPoint(int(rect.center().x()), int(rect.center().y())))
    assert changed.args == [unit] and panel.unit() == unit
    assert panel.ranking_chart.unit == unit and panel.composite_chart.unit == unit
    assert league.data().chosen == unit
    panel.set_period(1)
    assert league.period == 1 and "2019" in league.title()


def test_one_unit_says_why_it_is_empty(qtbot, document):
    table = LeagueTable(document)
    qtbot.addWidget(table)
    assert table.empty_message() == "The league table needs two or more units."
    assert table.sorted_units() == [0]


def rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return rows[:, :image.width(), :3].astype(int)


def test_svg_and_pdf_are_the_picture_of_the_png(league, tmp_path):
    league.setPalette(league.palette())
    width, height = league.export_size()
    assert width == EXPORT_SIZE[0] and height >= 30 * ROW_H
    png = league.render_image(1, EXPORT_SIZE)
    assert (png.width(), png.height()) == (width, height)
    assert league.render_image(2, EXPORT_SIZE).width() == 2 * width
    svg_path = tmp_path / "league.svg"
    league.export_svg(str(svg_path))
    renderer = QSvgRenderer(str(svg_path))
    assert renderer.isValid()
    out = QImage(width, height, QImage.Format_RGB32)
    out.fill(Qt.white)
    painter = QPainter(out)
    renderer.render(painter)
    painter.end()
    a, b = rgb(png), rgb(out)
    assert np.abs(a - b).mean() < 3.0
    ink = np.abs(a - a[0, 0]).sum(axis=2) > 90
    assert ink.mean() > 0.3                         # the coloured cells are there in both
    assert (np.abs(b - b[0, 0]).sum(axis=2) > 90).mean() > 0.3
    pdf_path = tmp_path / "league.pdf"
    league.export_pdf(str(pdf_path))
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    w, h = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert abs(w - width * 0.75) < 1 and abs(h - height * 0.75) < 1
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Germany" in text and "67.92" in text


def test_dark_palette_draws_light_text_on_the_table(league):
    from PySide6.QtGui import QColor, QPalette
    palette = QPalette(league.palette())
    palette.setColor(QPalette.Window, QColor("#202020"))
    palette.setColor(QPalette.WindowText, QColor("#f0f0f0"))
    league.setPalette(palette)
    assert league.theme == ChartTheme.from_palette(palette) and league.theme.dark
    image = league.render_image(1, EXPORT_SIZE)
    assert image.pixelColor(2, 2).name() == "#202020"


def test_chinese_headers_and_names(qtbot, qapp, project):
    from gui.base import i18n
    from tests.gui.test_charts import three_units
    doc = ProjectDocument(three_units(project))
    table = LeagueTable(doc)
    qtbot.addWidget(table)
    try:
        i18n.install_language(qapp, "zh_CN", remember=False)
        table.retranslateUi()
        data = table.data()
        fw = doc.project.framework
        assert [c.name for c in data.columns] == [fw[c.code].name_zh for c in data.columns]
        assert data.title.startswith("2024 年排行榜：") and data.unit_header == "单元"
    finally:
        i18n.install_language(qapp, "en", remember=False)
    table.retranslateUi()
    assert table.data().columns[0].name == fw[fw.root].name
    doc.close()


def test_files_of_many_units_keep_the_first_rows(qtbot):
    from core.model.dataset import Dataset
    from core.project.project import Project
    from gui.charts.league import MAX_EXPORT_ROWS
    base = projectfile.load(ASEM)
    ds = base.dataset
    copies = 9                                       # 270 units
    codes = [f"{c}{k}" for k in range(copies) for c in ds.unit_codes]
    values = np.concatenate([ds.values * (1 + 0.01 * k) for k in range(copies)])
    big = Project(base.framework, Dataset(codes, codes, ds.periods, ds.codes, values), base.settings)
    doc = ProjectDocument(big)
    table = LeagueTable(doc)
    qtbot.addWidget(table)
    assert len(table.sorted_units()) == 270
    cut = table.export_data()
    assert len(cut.order) == MAX_EXPORT_ROWS and cut.note.startswith("The first 200 of 270 units")
    np.testing.assert_array_equal(cut.order, table.data().order[:MAX_EXPORT_ROWS])
    width, height = table.export_size()
    assert height < 100 + (MAX_EXPORT_ROWS + 4) * ROW_H
    assert table.render_image(1, EXPORT_SIZE).height() == height
    doc.close()
