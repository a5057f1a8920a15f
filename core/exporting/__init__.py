"""From projects to files: the results workbook with live Excel formulas,
its texts, the values-only tables and the JSON document, COINr's iData /
iMeta CSV files.

Imports: ``core.project``, ``core.pipeline``, ``core.methods``,
``core.model``, ``core.errors``, ``core.atomic``.
"""
