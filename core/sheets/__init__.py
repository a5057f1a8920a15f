"""Reading spreadsheet files safely into cells: the file checks (size, type,
zip and XML bombs), the bounded pre-scan of each sheet's extent, and the
reader (python-calamine; openpyxl only when a caller asks for it).
OLE containers (.xls) are opened with olefile behind bound checks.

Imports: ``core.model``, ``core.errors``.
"""
