"""The spreadsheet-style editors and tables: the data sheet and its grid,
the clipboard, the framework tree and indicator sheet, the method settings
and the results table.

Imports: ``gui.base``, ``core``, Qt.
"""
