"""Printing a QTextDocument on pages of our own layout: A4 (the writer's
page), 2 cm margins, a footer with the page number, and headings that do
not end a page (QTextDocument has no keep-with-next: a heading whose
following lines would fall on the next page gets a page break before it).
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QFont, QFontMetricsF, QPainter, QPdfWriter, QTextBlockFormat, QTextCursor, QTextDocument,
                           QTextFormat)

MARGIN_CM = 2.0


def print_document(doc: QTextDocument, writer: QPdfWriter, footer=None) -> int:
    """Lay ``doc`` out on the writer's pages with a 2 cm margin, keep each
    heading on the page of what follows it, and print it, with
    ``footer(page, pages)`` centred under each page.  Returns the pages."""
    doc.documentLayout().setPaintDevice(writer)
    frame = doc.rootFrame().frameFormat()
    frame.setMargin(MARGIN_CM / 2.54 * 96)              # in document pixels: Qt scales them to the device
    doc.rootFrame().setFrameFormat(frame)
    margin = MARGIN_CM / 2.54 * writer.resolution()     # in the device's pixels
    page = QSizeF(writer.width(), writer.height())
    doc.setPageSize(page)
    keep_headings_with_next(doc, page.height(), margin)
    pages = doc.pageCount()
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.LosslessImageRendering, True)     # charts as PNG-like images, not JPEG
    try:
        font = QFont(doc.defaultFont())
        font.setPointSizeF(8.0)
        for k in range(pages):
            if k:
                writer.newPage()
            painter.save()
            painter.translate(0, -k * page.height())
            doc.drawContents(painter, QRectF(QPointF(0, k * page.height()), page))
            painter.restore()
            if footer is not None:
                painter.setFont(font)
                painter.setPen(Qt.darkGray)
                painter.drawText(QRectF(0, page.height() - margin * 0.75, page.width(), margin * 0.5),
                                 int(Qt.AlignCenter), footer(k + 1, pages))
    finally:
        painter.end()
    return pages


def keep_headings_with_next(doc: QTextDocument, page_height: float, margin: float) -> int:
    """Give a heading whose next lines (the first rows of a table, a whole
    image) would fall on the next page a page break before it, so that it
    starts the page with them.  Returns how many headings moved."""
    layout = doc.documentLayout()
    line = QFontMetricsF(doc.defaultFont(), layout.paintDevice()).height()
    moved = 0
    block = doc.begin()
    while block.isValid():
        after = block.next()
        if block.blockFormat().headingLevel() > 0 and after.isValid():
            doc.pageCount()                                   # lays out what changed (blocks need their layout)
            top = layout.blockBoundingRect(block).top()
            page = int(top // page_height)
            following = layout.blockBoundingRect(after)
            cursor = QTextCursor(after)
            if cursor.currentTable() is not None:
                need = following.bottom() + 2 * line          # the header row and two rows
            elif cursor.charFormat().isImageFormat() or after.text() == "\ufffc":
                need = following.bottom()                      # the whole image
            else:
                need = min(following.bottom(), following.top() + 3 * line)
            fits = need <= (page + 1) * page_height - margin
            if not fits and need - top < page_height - 2 * margin and top > page * page_height + margin + line:
                fmt = QTextBlockFormat(block.blockFormat())
                fmt.setPageBreakPolicy(QTextFormat.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                moved += 1
        block = after
    return moved
