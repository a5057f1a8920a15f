"""The import wizard: its pages and table models, and the worker thread
that runs core's import plan off the GUI thread.

Imports: ``gui.base``, ``gui.sheets``, ``gui.charts``, ``core``, Qt.
"""
