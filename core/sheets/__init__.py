"""Reading spreadsheet files safely into cells: the file checks (size, type,
zip and XML bombs), the bounded pre-scan of each sheet's extent, and the
readers (python-calamine, openpyxl for what it cannot read).

Imports: ``core.model``, ``core.errors``.
"""
