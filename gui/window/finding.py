"""Edit > Find, Find Next and Find Previous of the main window:
:class:`WindowFind` puts one :class:`~gui.sheets.find_bar.FindBar` in a
toolbar under the panes and points it at the sheet the user is in.

The sheet searched is the item view that has the keyboard focus, or the
view of the pane that holds the focus (:data:`SEARCHABLE_PANES`: data
sheet, indicator sheet, results table, framework tree); from elsewhere
(a chart, the method pane) the sheet searched last, else the data sheet.
A pane's view is the pane itself when it is an item view, else its
``grid`` or ``view`` attribute.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QToolBar, QWidget

from gui.sheets.find_bar import FindBar
from gui.window.panes import PANE_BY_NAME

SEARCHABLE_PANES = ("dataPane", "indicatorsPane", "resultsPane", "frameworkPane")
DEFAULT_PANE = "dataPane"


def view_of(pane: QWidget | None) -> QAbstractItemView | None:
    """The item view Find searches in ``pane`` (see the module)."""
    if pane is None:
        return None
    if isinstance(pane, QAbstractItemView):
        return pane
    for name in ("grid", "view"):
        view = getattr(pane, name, None)
        if isinstance(view, QAbstractItemView):
            return view
    return None


class WindowFind(QObject):
    """The find bar of ``window`` (a MainWindow: its ``docks`` and
    ``panes``, and ``show_pane`` to bring a pane forward)."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.bar = FindBar(window)
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("findToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setVisible(False)
        self.toolbar.addWidget(self.bar)
        window.addToolBar(Qt.BottomToolBarArea, self.toolbar)
        self.toolbar.hide()
        self.bar.closed.connect(self.toolbar.hide)
        self._pane = DEFAULT_PANE

    def _target(self) -> tuple[str, QAbstractItemView] | None:
        """(pane name, view) to search, from where the keyboard is."""
        focus = QApplication.focusWidget()
        widget = focus
        while widget is not None and widget is not self.window:
            for name in SEARCHABLE_PANES:
                dock = self.window.docks.get(name)
                if dock is not None and widget is dock.widget():
                    view = focus if isinstance(focus, QAbstractItemView) and focus.window() is self.window \
                        else view_of(widget)
                    if view is not None:
                        return name, view
            widget = widget.parentWidget()
        for name in (self._pane, DEFAULT_PANE):
            view = view_of(self.window.panes.get(name))
            if view is not None and shiboken6.isValid(view):
                return name, view
        return None

    def _aim(self) -> bool:
        """Point the bar at the sheet the user is in; False when there is none."""
        target = self._target()
        if target is None:
            return False
        name, view = target
        self._pane = name
        dock = self.window.docks.get(name)
        if dock is not None and dock.visibleRegion().isEmpty():
            dock.show()                         # a tab behind another, or closed: its matches must be seen
            dock.raise_()
        self.bar.set_view(view, PANE_BY_NAME[name].translated_title())
        return True

    def retarget(self):
        """The panes were rebuilt (another project): an open bar searches
        the new sheet."""
        if self.toolbar.isVisible():
            self._aim()

    def find(self):
        """Edit > Find (Ctrl+F): the bar, its text selected for typing over."""
        if not self._aim():
            return
        self.toolbar.show()
        self.bar.open_bar()

    def find_next(self, forward: bool = True) -> bool:
        """Edit > Find Next / Previous (F3 / Shift+F3): the bar opens first
        when it has no text yet."""
        if self.bar.view() is None or QApplication.focusWidget() is not self.bar.field:
            if not self._aim():
                return False
        if not self.bar.text():
            self.find()
            return False
        self.toolbar.show()
        return self.bar.step(forward)

    def retranslateUi(self):
        self.bar.retranslateUi()
        if self.bar.view() is not None:
            self.bar.set_view(self.bar.view(), PANE_BY_NAME[self._pane].translated_title())
