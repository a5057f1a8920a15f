"""The Analysis pane: uncertainty and sensitivity analysis of the index
(core.analysis) run in a worker thread, with its rank-interval and Sobol
charts.

Imports: ``gui.base``, ``gui.charts``, ``gui.sheets``, ``gui.importing``
(its worker), ``core``, Qt.
"""
