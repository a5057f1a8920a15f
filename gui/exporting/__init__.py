"""Exports made by the app: chart images (``chart_images``: File > Export >
Chart Images), the charts drawn off screen for every export and their PNG,
SVG and PDF files (``offscreen``), the PDF report (``report``, paged by
``paging``), and the headless ``charts`` and ``report`` commands
(``commands``).  The results workbook and COINr files are written by
``core.exporting``.

Imports: ``gui.base``, ``gui.sheets``, ``gui.charts``, ``core``, Qt.
"""
