"""CoIndex computation core: data, methods, results, project files, reading
and writing spreadsheets, and the command line.

Packages, lowest layer first (a package imports only those before it, and
``errors`` / ``atomic`` which all may use): ``methods`` (the method
registry, plain numpy) <- ``model`` <- ``pipeline`` <- ``project`` <-
``importing`` / ``exporting`` <- ``cli``; ``sheets`` (reading spreadsheet
files) sits on ``model`` and below ``importing``.  tests/test_architecture.py
holds the table and checks it.  Nothing here imports Qt: everything the app computes, the
command line computes too.  See docs/architecture.md.
"""
