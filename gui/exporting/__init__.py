"""Exports made by the app: chart images and the PDF report (the results
workbook and COINr files are written by ``core.exporting``).

Imports: ``gui.base``, ``gui.sheets``, ``gui.charts``, ``core``, Qt.
"""
