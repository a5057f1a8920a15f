"""The live charts: the chart base (ranges, hover read-outs, image export),
the composite and dimension line charts, contributions, radar, ranking, and
the panel that holds them.

Imports: ``gui.base``, ``core``, Qt, pyqtgraph.
"""
