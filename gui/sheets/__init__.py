"""The spreadsheet-style editors and tables: the data sheet and its grid,
the clipboard, the framework tree and indicator sheet, the method settings
and the results table; finding text in any of these views (the find bar).

Imports: ``gui.base``, ``core``, Qt.
"""
