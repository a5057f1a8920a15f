"""From files to projects: the template and iData inputs, the table layouts
people write (a registry), the import plan, the merge into an open project
and the command line's report.

Imports: ``core.sheets``, ``core.project``, ``core.pipeline``,
``core.methods``, ``core.model``, ``core.errors``, ``core.atomic``.
"""
