"""The application and its main window: start-up, menus, file actions,
panes, loading and saving, autosave and recovery.

Imports: every other ``gui`` package, ``core``, Qt.
"""
