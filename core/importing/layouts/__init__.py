"""The table layouts an import reads, one module each (template, yearbook,
units_by_indicators, long, and the statistical offices' downloads: nbs,
wide_periods, worldbank, eurostat), all with the interface of
:class:`core.importing.layouts.base.Layout`; core/importing/layouts/registry.py
lists them, detects a table's layout and reads a table in a named one.

A new layout is one module here, one entry in ``registry.py`` and its tests.
"""
