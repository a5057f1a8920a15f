"""The methods an index is built with, each declared once in a registry
(:mod:`core.methods.registry`): normalisation (:mod:`.normalise`) and
aggregation (:mod:`.aggregate`).  Importing any part of this package
registers them all.

Imports: the standard library, numpy, ``core.errors``; nothing else of
``core`` (the settings of ``core.model`` read the registry).
"""
from core.methods import (aggregate, combine, impute, normalise, normalise_coinr, treat,  # noqa: F401
                          weighting)                                  # (registers the methods)
