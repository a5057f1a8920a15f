"""Data + framework + settings -> results: the engine (normalised values,
every aggregate, warnings, one-value updates) and the results derived from
them (ranks, growth, contributions to change).

Imports: ``core.model``, ``core.methods``, ``core.errors``.
"""
