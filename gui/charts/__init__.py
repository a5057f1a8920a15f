"""The live charts: the chart base (``base``: title, theme, empty message;
``plot``: axes and period ticks; ``legend``; ``menu``: save, copy, export
background, reset view; ``interaction``: hover, zoom and pan, click to
choose a unit; ``choice``: the chosen unit and period), the time charts
(``timechart``, ``lines``: composite and dimensions, ``endlabels``;
``contribution``), radar, ranking, the league table (``league``: the widget; ``league_data``:
what it shows; ``league_paint``: the one painting routine of screen and
files), image export, and the panel that holds them.

Imports: ``gui.base``, ``core``, Qt, pyqtgraph.
"""
