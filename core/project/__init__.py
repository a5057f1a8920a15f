"""A project: framework, data, settings and provenance, the edit commands
that change it (each returns its inverse for undo), the change log, and the
``.coindex`` file (its shape: ``project-v1.schema.json``, checked by ``schema.py``).

Imports: ``core.model``, ``core.methods``, ``core.pipeline``, ``core.errors``,
``core.atomic``.
"""
