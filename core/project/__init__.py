"""A project: framework, data, settings and provenance, the edit commands
that change it (each returns its inverse for undo), the change log, and the
``.coindex`` file.

Imports: ``core.model``, ``core.methods``, ``core.pipeline``, ``core.errors``,
``core.atomic``.
"""
