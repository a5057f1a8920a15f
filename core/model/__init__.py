"""The data and its description: the framework (indicators, aggregates,
weights, directions), the dataset (units x periods x indicators as floats),
the settings of the methods, and what a cell's text means as a value.

Imports: the standard library, numpy, pandas, ``core.errors``; the settings
also read the method registry (``core.methods.registry``: the names,
aliases, parameters and checks of the methods), which imports nothing of
``core`` but ``core.errors``.
"""
