"""The report's layout: columns at least as wide as their longest word,
headings kept on the page of what follows them, page numbers, counts in
the singular and plural, and charts on white at the size they print."""
import subprocess

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextFormat

from gui.exporting.paging import print_document
from gui.exporting.report import (CELL_PAD, REPORT_CHART_SIZE, TEXT_WIDTH, fit_widths, report_font,
                                  report_html, safe_chart_images)


def test_columns_fit_their_longest_word(qapp):
    heads = ["Code", "English name", "Weight", "Share of the index (%)", "Direction"]
    rows = [["CII", "Collaborative Innovation Index", "1.000", "100.0", "+"]]
    widths = fit_widths(heads, rows, [8, 60, 10, 14, 8])
    assert abs(sum(widths) - 100) <= 2
    font = QFont(report_font())
    font.setPointSizeF(8.0)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    for head, width in zip(heads, widths):
        longest = max(metrics.horizontalAdvance(word) for word in head.split())
        assert width / 100 * TEXT_WIDTH >= longest + CELL_PAD - 4, (head, width)
    assert widths[4] > 8                             # "Direction" took room from the name
    zh = fit_widths(["代码", "占总指数比重（%）"], [["CII", "1.0"]], [10, 90])
    assert zh[0] < 30                                # Chinese breaks between characters: no huge minimum


def test_headings_start_the_page_of_what_follows(tmp_path, qapp):
    moved = 0
    for lines in range(30, 80, 3):
        doc = QTextDocument()
        doc.setDefaultFont(report_font())
        filler = "".join(f"<p>Line {k} of the filler text.</p>" for k in range(lines))
        table = "<table><thead><tr><th>Unit</th><th>Score</th></tr></thead>" + "".join(
            f"<tr><td>Unit {k}</td><td>{k}.0</td></tr>" for k in range(6)) + "</table>"
        doc.setHtml(f"<html><body>{filler}<h3>Results of the unit</h3>{table}</body></html>")
        writer = QPdfWriter(str(tmp_path / f"{lines}.pdf"))
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
        pages = print_document(doc, writer, lambda page, total: f"Page {page} of {total}")
        del writer
        layout = doc.documentLayout()
        height = doc.pageSize().height()
        block = doc.begin()
        while block.blockFormat().headingLevel() == 0:
            block = block.next()
        heading = layout.blockBoundingRect(block)
        first_row = layout.blockBoundingRect(block.next().next().next())        # past the header cells
        assert int(heading.top() // height) == int(first_row.bottom() // height), lines
        moved += block.blockFormat().pageBreakPolicy() == QTextFormat.PageBreak_AlwaysBefore
        if lines == 30:
            text = subprocess.run(["pdftotext", str(tmp_path / "30.pdf"), "-"], capture_output=True,
                                  text=True).stdout
            assert f"Page 1 of {pages}" in text
    assert moved >= 1                                # some filler lengths did push the heading over


def test_counts_are_singular_or_plural(project):
    from tests.gui.test_charts import three_units
    one = report_html(project, "en")
    assert "1 unit, 5 periods, 20 indicators in 6 aggregates." in one
    assert "1 units" not in one
    three = report_html(three_units(project), "en")
    assert "3 units, 5 periods" in three
    zh = report_html(project, "zh_CN")
    assert "1 个单元，5 个时期，20 个指标，6 个汇总项" in zh


def test_report_charts_are_white_and_printed_at_their_size(document):
    images, error = safe_chart_images(document)
    assert not error and len(images) == 4           # one unit: no ranking, no league table
    for _title, image in images:
        assert image.width() == REPORT_CHART_SIZE[0] * 3
        assert image.pixelColor(2, 2).name() == "#ffffff"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_framework_table_leaves_out_columns_nobody_filled(language):
    from core.project import projectfile
    from gui.window.loading import SAMPLE_PATH
    asem = projectfile.load(SAMPLE_PATH.with_name("asem-30.coindex"))
    html = report_html(asem, language)
    assert ("Chinese name" if language == "en" else "中文名称") not in html
    sample = report_html(projectfile.load(SAMPLE_PATH), language)
    assert ("Chinese name" if language == "en" else "中文名称") in sample
