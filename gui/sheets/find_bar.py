"""The find bar: a text field, the count of matches ("3 of 12"), Find
previous / next and Close, over any table or tree view (a
:class:`~gui.sheets.find.ViewFinder` does the finding).

Not a dialog: it sits under the panes and the sheets stay usable while it
is open.  Keys in its text field: Enter finds the next match, Shift+Enter
the previous one, Escape closes the bar and gives the keyboard back to the
view searched.  Typing goes to the first match from the view's current
cell on (as a browser's find does); F3 / Shift+F3 are the window's Edit
menu's Find Next / Find Previous.
"""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QStyle,
                               QToolButton, QWidget)

from gui.sheets.find import ViewFinder

REFIND_DELAY_MS = 150            # the count is brought up to date once a burst of edits is over
FIELD_CHARS = 28                 # the text field's width, in average characters


class FindBar(QWidget):
    """Find in one view at a time (:meth:`set_view`).

    Signals: ``closed()`` when the bar closes (Escape or its Close button);
    ``found(bool)`` after each step (False: no match).
    """

    closed = Signal()
    found = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.finder: ViewFinder | None = None
        self._place = ""
        self.place_label = QLabel(self)
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(self.field.fontMetrics().averageCharWidth() * FIELD_CHARS)
        self.place_label.setBuddy(self.field)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("findCount")
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000 / 000") + 40)
        self.previous_button = self._button(QStyle.SP_ArrowUp, lambda: self.step(False))
        self.next_button = self._button(QStyle.SP_ArrowDown, lambda: self.step(True))
        self.close_button = self._button(QStyle.SP_DialogCloseButton, self.close_bar)
        self.close_button.setObjectName("findClose")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(4)
        for w in (self.place_label, self.field, self.previous_button, self.next_button, self.count_label):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self._refind = QTimer(self)
        self._refind.setSingleShot(True)
        self._refind.setInterval(REFIND_DELAY_MS)
        self._refind.timeout.connect(self._update_count)
        self.field.textEdited.connect(self._on_text_edited)
        self.field.installEventFilter(self)
        self.retranslateUi()

    def _button(self, icon, slot) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(self.style().standardIcon(icon))
        button.setAutoRaise(True)
        button.clicked.connect(lambda checked=False: slot())
        return button

    def retranslateUi(self):
        self.field.setPlaceholderText(self.tr("Find in names, codes, periods and values"))
        self.previous_button.setToolTip(self.tr("Find previous (Shift+Enter, Shift+F3)"))
        self.next_button.setToolTip(self.tr("Find next (Enter, F3)"))
        self.close_button.setToolTip(self.tr("Close the find bar (Esc)"))
        self._show_place()
        self._show_count()

    # ---- the view searched ----------------------------------------------------------------------
    def set_view(self, view: QAbstractItemView, place: str = ""):
        """Search ``view`` from now on; ``place`` names it ("Data sheet")."""
        if self.finder is None or not shiboken6.isValid(self.finder.view) or self.finder.view is not view:
            if self.finder is not None:
                self.finder.deleteLater()
            self.finder = ViewFinder(view, self)
            view.destroyed.connect(self._on_view_destroyed)
            self._watch(view.model())
        self._place = place
        self._show_place()
        self._update_count()

    def view(self) -> QAbstractItemView | None:
        """The view searched (None when there is none)."""
        if self.finder is None or not shiboken6.isValid(self.finder.view):
            return None
        return self.finder.view

    def _watch(self, model):
        """While the bar is open, an edit of the model brings the count up to date."""
        if model is None:
            return
        for name in ("modelReset", "layoutChanged", "dataChanged", "rowsInserted", "rowsRemoved",
                     "columnsInserted", "columnsRemoved", "headerDataChanged"):
            getattr(model, name).connect(self._on_model_changed)

    def _on_model_changed(self, *args):
        if self.isVisible() and self.field.text():
            self._refind.start()

    def _on_view_destroyed(self, *args):
        self.finder = None
        self._show_count()

    def _show_place(self):
        if self._place:
            self.place_label.setText(self.tr("Find in {0}:").format(self._place))
        else:
            self.place_label.setText(self.tr("Find:"))

    # ---- finding ----------------------------------------------------------------------------------
    def text(self) -> str:
        return self.field.text()

    def set_text(self, text: str):
        self.field.setText(text)
        self._update_count()

    def _on_text_edited(self, text: str):
        """As the user types: the first match from the current cell on."""
        if self.finder is None:
            return
        self.finder.find(text)
        if text:
            self.finder.position = -1          # from the current cell, not the last match
            match = self.finder.step(True)
            self.found.emit(match is not None)
        self._show_count()

    def step(self, forward: bool = True) -> bool:
        """Go to the next (previous) match; False when there is none."""
        if self.finder is None:
            return False
        if self.finder.text != self.field.text():
            self.finder.find(self.field.text())
        match = self.finder.step(forward) if self.field.text() else None
        self._show_count()
        self.found.emit(match is not None)
        return match is not None

    def _update_count(self):
        if self.finder is not None:
            if self.finder.text != self.field.text():
                self.finder.find(self.field.text())
            else:
                self.finder.refresh()
        self._show_count()

    def count_text(self) -> str:
        """"3 of 12", "No matches" or ""."""
        return self.count_label.text()

    def _show_count(self):
        finder, text = self.finder, self.field.text()
        if finder is None or not text or finder.text != text:
            self.count_label.setText("")
            self.count_label.setStyleSheet("")
            return
        n = len(finder.matches)
        if n == 0:
            self.count_label.setText(self.tr("No matches"))
            self.count_label.setStyleSheet("color: #cf222e;")
        else:
            shown = finder.position + 1 if finder.position >= 0 else 0
            self.count_label.setText(self.tr("{0} of {1}").format(shown, n) if shown
                                     else self.tr("%n match(es)", "", n))
            self.count_label.setStyleSheet("")

    # ---- keys and closing ---------------------------------------------------------------------------
    def eventFilter(self, watched, event):
        if watched is self.field and event.type() == QEvent.KeyPress:
            key, mods = event.key(), event.modifiers() & ~Qt.KeypadModifier
            if key in (Qt.Key_Return, Qt.Key_Enter) and mods in (Qt.NoModifier, Qt.ShiftModifier):
                self.step(mods != Qt.ShiftModifier)
                return True
            if key == Qt.Key_Escape and mods == Qt.NoModifier:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def open_bar(self):
        """Show the bar with the keyboard in its text field (text selected)."""
        self.show()
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()
        self._update_count()

    def close_bar(self):
        """Hide the bar (its parent toolbar, when in one) and give the
        keyboard back to the view searched."""
        self._refind.stop()
        self.closed.emit()
        view = self.view()
        if view is not None and view.isVisible():
            view.setFocus(Qt.OtherFocusReason)
