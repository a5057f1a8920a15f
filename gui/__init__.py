"""CoIndex desktop app: thin Qt adapters over :mod:`core`.

Packages, lowest first: ``base`` (the project document the views share,
language, palette, formatting) <- ``charts`` / ``sheets`` <- ``importing`` /
``exporting`` <- ``window``.  ``gui`` uses core's public names only; core
never imports ``gui`` or Qt.  Entry point: :func:`gui.window.app.run`.
"""
