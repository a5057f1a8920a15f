"""From files to projects: the template and iData inputs, the table layouts
people write and statistical offices publish (a registry), the import plan,
the check of what the detection guessed, the merge into an open project and
the command line's report.

Imports: ``core.sheets``, ``core.project``, ``core.pipeline``,
``core.methods``, ``core.model``, ``core.errors``, ``core.atomic``.
"""
