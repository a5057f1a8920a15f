"""Counting a widget's paint events: the repaint benchmark (bench/gui_bench.py)
and the repaint stress test check with it that charts really repaint."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class PaintCounter(QObject):
    """An event filter that counts the Paint events of what it is installed on."""

    def __init__(self):
        super().__init__()
        self.paints = 0

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            self.paints += 1
        return False
