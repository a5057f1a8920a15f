"""The live charts: the chart base (ranges, hover read-outs, image export),
the composite and dimension line charts, contributions, radar, ranking, the
league table (``league``: the widget; ``league_data``: what it shows;
``league_paint``: the one painting routine of screen and files), and the
panel that holds them.

Imports: ``gui.base``, ``core``, Qt, pyqtgraph.
"""
