"""The data sheet: a spreadsheet-style editor of the raw indicator values.

A unit / period selector switches the :class:`~gui.sheets.data_grid.DataGridModel`
between its two layouts: one unit with indicators as rows grouped under their
dimensions and periods as columns (a statistical yearbook), or one period with
units as rows and indicators as columns.

Editing, as in Excel and LibreOffice:

* typing a number edits the cell; text that is not a number is refused and
  the old value kept, with a message naming the cell (unit, period,
  indicator) and what is accepted, which the window's message bar shows
  until it is closed or a later edit succeeds;
* Delete / Backspace make the selected cells missing (one undo step);
* Ctrl+C copies the selected block as tab-separated text: numbers with every
  digit, missing values as empty cells, group header rows left out;
* Ctrl+V pastes a tab-separated block at the selection's top-left cell as one
  undo step.  Rows of the block go to successive value rows (group header
  rows are skipped, so a block copied here pastes back unchanged).  Empty
  cells and the missing markers of :data:`core.model.celltext.MISSING_WORDS`
  ("-", "..", "NA", "#N/A", ...) make a value missing; "1,234.5" is read with
  its thousands separator; a percentage such as "12.3%" is refused (12.3 or
  0.123 depends on the indicator).  A block with any other text is refused
  whole, naming the row and column of the block and the cell it was meant
  for.  A block larger than the room left is clipped at the sheet's edge,
  with a message saying how much was left out.  One value pasted onto a
  selection of several cells fills them all.  A short row leaves the cells
  past its end unchanged;
* Ctrl+D fills down and Ctrl+R fills right within the selection (from the
  cell above / to the left when one row / column is selected), one undo step
  each (also on X11, where Qt's standard Delete sequence includes Ctrl+D:
  only the Del and Backspace keys delete here);
* Enter commits an edit and moves down, Tab moves right, Shift+Enter up and
  Shift+Tab left, whether or not a cell is being edited (see
  :class:`~gui.sheets.data_grid_view.DataGrid`).

The same commands are in the context menu; they are carried out by
:class:`~gui.sheets.data_edits.BlockEdits`.  Messages go out through
:attr:`DataSheet.statusMessage`; refusals (text that is not a number, typed
or pasted) and edits the core refuses (say, a missing base-year value) go
out through ``ProjectDocument.editFailed`` as for every view, which the
window shows in its message bar.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QLabel, QMenu,
                               QToolButton, QVBoxLayout, QWidget)

from gui.base.choosers import refill
from gui.sheets.data_edits import BlockEdits, parse_tsv, to_tsv  # noqa: F401  (parse_tsv, to_tsv: kept importable here)
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_view import PERIOD_LAYOUT, UNIT_LAYOUT, DataGrid, is_delete_key
from gui.sheets.unit_period_edits import UnitPeriodEdits
from gui.base.document import ProjectDocument
from gui.base.palette import unit_labels

FILL_DOWN_KEY = QKeySequence(Qt.CTRL | Qt.Key_D)
FILL_RIGHT_KEY = QKeySequence(Qt.CTRL | Qt.Key_R)


class DataSheet(QWidget):
    """The raw data of a project as a spreadsheet, in two layouts.

    Signals
    -------
    statusMessage(str):
        a message for the status bar (a refused entry or paste, what was
        copied, pasted or filled).
    unitChanged(int), periodChanged(int):
        the user chose another unit / period (dataset index).
    """

    statusMessage = Signal(str)
    unitChanged = Signal(int)
    periodChanged = Signal(int)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self._document = document
        # refused text goes to the document's editFailed (the window's message bar) and to the status bar
        self.model = DataGridModel(document, parent=self, grouped=True)
        self.model.refused.connect(self._on_refused)

        self.unit_button = QToolButton(self)
        self.period_button = QToolButton(self)
        self._mode_group = QButtonGroup(self)
        for button in (self.unit_button, self.period_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.setAutoRaise(False)
            self._mode_group.addButton(button)
        self.unit_button.setChecked(True)
        self.selector_label = QLabel(self)
        self.selector = QComboBox(self)
        self.selector.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.selector.setMinimumContentsLength(12)
        self.selector_label.setBuddy(self.selector)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        bar.addWidget(self.unit_button)
        bar.addWidget(self.period_button)
        bar.addSpacing(12)
        bar.addWidget(self.selector_label)
        bar.addWidget(self.selector)
        bar.addStretch(1)

        self.grid = DataGrid(self)
        self.grid.setModel(self.model)
        self.grid.setContextMenuPolicy(Qt.CustomContextMenu)
        self.grid.installEventFilter(self)
        self.edits = BlockEdits(self.grid, self.model, document, self)
        self.edits.statusMessage.connect(self.statusMessage)
        self.units = UnitPeriodEdits(self, document)
        self.units.statusMessage.connect(self.statusMessage)
        self.units_button = QToolButton(self)
        self.units_button.setMenu(self.units.menu)
        self.units_button.setPopupMode(QToolButton.InstantPopup)
        bar.addWidget(self.units_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.grid, 1)

        self._build_actions()
        self.retranslateUi()

        self.unit_button.toggled.connect(self._on_mode_toggled)
        self.selector.currentIndexChanged.connect(self._on_selector_changed)
        self.grid.customContextMenuRequested.connect(self._show_context_menu)
        document.structureChanged.connect(self._on_structure_changed)

    # ---- set-up ---------------------------------------------------------------------
    def _build_actions(self):
        """The context menu's actions.  Their shortcuts are handled by the
        grid's event filter (so that they work whenever the grid has focus
        and never while a cell is being edited); here they are only shown."""
        def action(slot, keys):
            a = QAction(self)
            a.setShortcut(keys)
            a.setShortcutContext(Qt.WidgetShortcut)        # shown, never fired from the menu's window
            a.setShortcutVisibleInContextMenu(True)
            a.triggered.connect(slot)
            return a

        self.copy_action = action(self.copy_selection, QKeySequence.Copy)
        self.cut_action = action(self.cut_selection, QKeySequence.Cut)
        self.paste_action = action(lambda: self.paste(), QKeySequence.Paste)
        self.delete_action = action(self.delete_selection, QKeySequence(Qt.Key_Delete))
        self.fill_down_action = action(self.fill_down, FILL_DOWN_KEY)
        self.fill_right_action = action(self.fill_right, FILL_RIGHT_KEY)
        # the sheet's own keys come first: on X11 the standard Copy / Cut /
        # Paste / Delete sequences carry Emacs-style extras (Delete is Del
        # *and* Ctrl+D there), which must not swallow Ctrl+D and Ctrl+R
        self._keys = [(FILL_DOWN_KEY, self.fill_down), (FILL_RIGHT_KEY, self.fill_right),
                      (QKeySequence.Copy, self.copy_selection), (QKeySequence.Cut, self.cut_selection),
                      (QKeySequence.Paste, lambda: self.paste())]

    def retranslateUi(self):
        """Set every visible string again (after a language change); names
        of indicators follow the language too."""
        self.unit_button.setText(self.tr("By unit"))
        self.unit_button.setToolTip(self.tr("One unit: indicators as rows (under their dimensions), "
                                            "periods as columns"))
        self.period_button.setText(self.tr("By period"))
        self.period_button.setToolTip(self.tr("One period: units as rows, indicators as columns"))
        self.copy_action.setText(self.tr("&Copy"))
        self.cut_action.setText(self.tr("Cu&t"))
        self.paste_action.setText(self.tr("&Paste"))
        self.delete_action.setText(self.tr("&Delete (make missing)"))
        self.fill_down_action.setText(self.tr("Fill &down"))
        self.fill_right_action.setText(self.tr("Fill &right"))
        self.units_button.setText(self.tr("Units and periods"))
        self.units_button.setToolTip(self.tr("Add, rename or delete a unit; add or delete a period (each one undo "
                                             "step)"))
        self.units.retranslateUi()
        self._set_selector_label()
        self.model.refresh_labels()
        self._fill_selector()

    def _set_selector_label(self):
        if self.model.layout == UNIT_LAYOUT:
            self.selector_label.setText(self.tr("&Unit:"))
        else:
            self.selector_label.setText(self.tr("&Period:"))

    def _fill_selector(self):
        project = self._document.project
        if self.model.layout == UNIT_LAYOUT:
            refill(self.selector, unit_labels(project), self.model.unit)
        else:
            refill(self.selector, [self.tr("Value") if p is None else str(p) for p in project.dataset.periods],
                   self.model.period)

    # ---- layout and selection of unit / period ---------------------------------------
    def set_layout(self, layout: str):
        """Show one unit (UNIT_LAYOUT) or one period (PERIOD_LAYOUT)."""
        (self.unit_button if layout == UNIT_LAYOUT else self.period_button).setChecked(True)
        self._apply_layout(layout)

    def _apply_layout(self, layout: str):
        if layout == self.model.layout:
            return
        self.model.set_layout(layout)
        self._set_selector_label()
        self._fill_selector()

    def set_unit(self, unit: int):
        """Show unit ``unit`` (dataset index) in the unit layout (kept for
        it while the period layout is shown).  Emits nothing: the caller
        chose it."""
        self.model.set_unit(unit)
        if self.model.layout == UNIT_LAYOUT:
            self._show_in_selector(self.model.unit)

    def set_period(self, period: int):
        """Show period ``period`` (dataset index) in the period layout."""
        self.model.set_period(period)
        if self.model.layout == PERIOD_LAYOUT:
            self._show_in_selector(self.model.period)

    def _show_in_selector(self, k: int):
        self.selector.blockSignals(True)
        self.selector.setCurrentIndex(k)
        self.selector.blockSignals(False)

    def project_state(self) -> dict:
        """What the sheet keeps in the project file: its layout."""
        return {"layout": self.model.layout}

    def restore_project_state(self, state: dict):
        layout = (state or {}).get("layout")
        if layout in (UNIT_LAYOUT, PERIOD_LAYOUT):
            self.set_layout(layout)

    def _on_mode_toggled(self, unit_checked: bool):
        self._apply_layout(UNIT_LAYOUT if unit_checked else PERIOD_LAYOUT)

    def _on_selector_changed(self, k: int):
        if k < 0:
            return
        if self.model.layout == UNIT_LAYOUT:
            self.model.set_unit(k)
            self.unitChanged.emit(k)
        else:
            self.model.set_period(k)
            self.periodChanged.emit(k)

    def _on_structure_changed(self):
        self._fill_selector()

    def changeEvent(self, event):
        if event.type() == QEvent.PaletteChange:       # light <-> dark: the sheet's own tints follow
            self.model.refresh_labels()
        super().changeEvent(event)

    # ---- keys and menu -----------------------------------------------------------------
    def eventFilter(self, watched, event):
        if watched is self.grid and event.type() in (QEvent.ShortcutOverride, QEvent.KeyPress) \
                and self.grid.state() != QAbstractItemView.EditingState:
            slot = self._slot_for(event)
            if slot is not None:
                event.accept()                   # ours, not a window-wide shortcut's
                if event.type() == QEvent.KeyPress:
                    slot()
                return True
        return super().eventFilter(watched, event)

    def _slot_for(self, event):
        if is_delete_key(event):
            return self.delete_selection
        combo = QKeySequence(event.keyCombination())
        for keys, slot in self._keys:
            if isinstance(keys, QKeySequence.StandardKey):
                if event.matches(keys):
                    return slot
            elif combo.matches(keys) == QKeySequence.ExactMatch:
                return slot
        return None

    def _show_context_menu(self, pos):
        menu = QMenu(self)
        for a in (self.cut_action, self.copy_action, self.paste_action):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.fill_down_action)
        menu.addAction(self.fill_right_action)
        menu.addSeparator()
        self.units.update_actions()
        for a in self.units.actions:
            menu.addAction(a)
        has_values = bool(self.edits.selected_cells())
        for a in (self.cut_action, self.delete_action, self.fill_down_action, self.fill_right_action):
            a.setEnabled(has_values)
        self.copy_action.setEnabled(self.grid.selectionModel().hasSelection())
        menu.exec(self.grid.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ---- the commands (gui.sheets.data_edits) ---------------------------------------------
    def copy_selection(self) -> str:
        """Copy the selected block as tab-separated text (returned; '' when
        nothing is selected)."""
        return self.edits.copy_selection()

    def cut_selection(self) -> str:
        """Copy, then make the selected values missing (one undo step)."""
        return self.edits.cut_selection()

    def delete_selection(self) -> bool:
        """Make the selected value cells missing, as one undo step."""
        return self.edits.delete_selection()

    def paste(self, text: str | None = None) -> bool:
        """Paste tab-separated ``text`` (the clipboard's when None) at the
        selection's top-left cell as one undo step."""
        return self.edits.paste(text)

    def fill_down(self) -> bool:
        """Copy the top value of each selected column into the cells below it."""
        return self.edits.fill_down()

    def fill_right(self) -> bool:
        """Copy the leftmost value of each selected row into the cells on its right."""
        return self.edits.fill_right()

    # ---- messages ---------------------------------------------------------------------------
    def _on_refused(self, message: str):
        self.statusMessage.emit(self.tr("Not changed: {0}").format(message))
