"""CoIndex desktop app: thin Qt adapters over :mod:`core`.

``gui`` may import ``core``; ``core`` never imports ``gui`` or Qt.
Entry point: :func:`gui.app.run`.
"""
