"""What a chart does under the mouse and the keyboard: the hover read-out
(kept inside the plot, whatever point it reads), zoom and pan with a reset,
and a click on a unit (or on its legend entry) to choose it.

Zoom and pan are pyqtgraph's (the wheel zooms, a drag pans) on the charts
that allow them (``zoomable``).  Once the user has moved the view, the
chart stops fitting its ranges to the data (``user_view``); a double click,
"Reset view" in the chart's menu, Home or Ctrl+0 give the fitted view back.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

HOVER_GAP = 10               # pixels between the read point and its read-out
EDGE = 2                     # pixels the read-out keeps from the plot's edges


class ChartInteraction:
    """Mixed into :class:`~gui.charts.base.ChartBase` (which provides
    ``view_box``, ``hover_item``, ``hover_at``, ``unit_at``, the
    ``unitClicked`` signal and ``reset_ranges`` / ``refresh``)."""

    zoomable = False          # the wheel zooms and a drag pans (time charts, the ranking)

    def _connect_interaction(self):
        self._user_view = False
        scene = self.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self.view_box.setMouseEnabled(self.zoomable, self.zoomable)
        self.view_box.sigRangeChangedManually.connect(self._on_view_moved)
        self.setFocusPolicy(Qt.StrongFocus)

    # ---- zoom and pan ----------------------------------------------------------------
    @property
    def user_view(self) -> bool:
        """Whether the user zoomed or panned (the chart then keeps the view)."""
        return self._user_view

    def _on_view_moved(self, *_):
        self._user_view = True

    def reset_view(self):
        """Back to the view fitted to the data."""
        self._user_view = False
        self.reset_ranges()
        self.refresh()

    def keyPressEvent(self, event):
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key_Home or (key == Qt.Key_0 and mods & Qt.ControlModifier):
            self.reset_view()
            event.accept()
            return
        super().keyPressEvent(event)

    # ---- clicks ----------------------------------------------------------------------
    def unit_at(self, x: float, y: float, px: float, py: float):
        """The unit drawn at the view point (x, y), or None (``px`` / ``py``:
        data units per pixel)."""
        return None

    def legend_unit_at(self, scene_pos):
        """The unit of the legend entry at ``scene_pos``, or None."""
        return None

    def _on_mouse_clicked(self, event):
        if not self._ready:
            return
        if event.button() == Qt.LeftButton and not event.double():
            unit = self.legend_unit_at(event.scenePos())
            if unit is not None:
                self.unitClicked.emit(int(unit))
                return
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        if event.double():
            if self.zoomable:
                self.reset_view()
            return
        if event.button() != Qt.LeftButton:
            return
        self.click_at(vb.mapSceneToView(event.scenePos()))

    def click_at(self, point: QPointF):
        """Choose the unit drawn at ``point`` (view coordinates): emits
        ``unitClicked``; returns the unit or None."""
        px, py = self.view_box.viewPixelSize()
        unit = self.unit_at(point.x(), point.y(), abs(px), abs(py))
        if unit is not None:
            self.unitClicked.emit(int(unit))
        return unit

    # ---- hover -----------------------------------------------------------------------
    def _on_mouse_moved(self, scene_pos):
        if not self._ready:
            return
        vb = self.view_box
        if not vb.sceneBoundingRect().contains(scene_pos):
            self.hover_item.hide()
            return
        p = vb.mapSceneToView(scene_pos)
        self.show_hover(p.x(), p.y())

    def show_hover(self, x: float, y: float):
        """Show the read-out for the view point (x, y); returns its text or
        None when nothing is near."""
        px, py = self.view_box.viewPixelSize()
        hit = self.hover_at(x, y, abs(px), abs(py))
        if hit is None:
            self.hover_item.hide()
            return None
        text, hx, hy = hit
        self.hover_item.setText(text)
        self.hover_item.setAnchor((0, 0))
        self._place_hover(hx, hy)
        self.hover_item.show()
        return text

    def _place_hover(self, hx: float, hy: float):
        """Put the read-out beside the point (hx, hy), right and above when
        there is room, else left or below; always inside the plot."""
        vb = self.view_box
        rect = vb.sceneBoundingRect()
        p = vb.mapViewToScene(QPointF(hx, hy))
        box = self.hover_item.boundingRect()
        w, h = box.width(), box.height()
        x = p.x() + HOVER_GAP if p.x() + HOVER_GAP + w <= rect.right() - EDGE else p.x() - HOVER_GAP - w
        y = p.y() - HOVER_GAP - h if p.y() - HOVER_GAP - h >= rect.top() + EDGE else p.y() + HOVER_GAP
        x = max(min(x, rect.right() - EDGE - w), rect.left() + EDGE)
        y = max(min(y, rect.bottom() - EDGE - h), rect.top() + EDGE)
        self.hover_item.setPos(vb.mapSceneToView(QPointF(x, y)))

    def hover_rect(self):
        """The read-out's rectangle in scene coordinates (pixels)."""
        vb = self.view_box
        top_left = vb.mapViewToScene(self.hover_item.pos())
        box = self.hover_item.boundingRect()
        return box.translated(top_left - box.topLeft())

    def leaveEvent(self, event):
        self.hover_item.hide()
        super().leaveEvent(event)
