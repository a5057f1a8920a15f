"""Data treatment before normalisation: denomination, imputation, screening,
per-indicator transforms and outlier treatment (:func:`prepare.prepare`),
each step's methods declared in the registry (``core.methods.impute``,
``core.methods.treat``), with a record of what each step did.

Imports: ``core.model``, ``core.methods``, ``core.errors``, ``core.text``
(the engine of ``core.pipeline`` runs it).
"""
