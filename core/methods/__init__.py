"""The methods an index is built with, each declared once in a registry:
normalisation and aggregation.

Imports: ``core.model``, ``core.errors``.
"""
