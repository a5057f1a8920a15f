"""Data + framework + settings -> results: the engine (normalised values,
every aggregate, warnings, one-value updates) and the results derived from
them (ranks, growth, contributions to change), and what a chart of them may
claim (``meaning``: whether growth means something, what a ranking ranks,
axis titles with units).

Imports: ``core.model``, ``core.methods``, ``core.errors``, ``core.text``.
"""
