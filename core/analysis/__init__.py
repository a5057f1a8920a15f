"""Uncertainty and sensitivity analysis: how far each unit's score and rank
move when the index is rebuilt under other reasonable assumptions (weights
perturbed, another normalisation or aggregation, imputation or outlier
treatment switched on or off, an indicator left out),
and which assumption matters most (Sobol indices, through SALib).

Replications are evaluated many at once as array operations over the
method registry's functions, never one engine run per replication.

Imports: ``core.methods``, ``core.model``, ``core.pipeline``,
``core.project``, ``core.errors``, ``core.text``; numpy and SALib.
"""
