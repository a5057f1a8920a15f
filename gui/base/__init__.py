"""What every view shares: the project document (undo stack, recompute,
change signals), the interface language, the palette and names, number
formatting and the unit / period choosers.

Imports: ``core`` (public names), Qt.
"""
