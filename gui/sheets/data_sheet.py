"""The data sheet: a spreadsheet-style editor of the raw indicator values.

A unit / period selector switches the :class:`~gui.sheets.data_grid.DataGridModel`
between its two layouts: one unit with indicators as rows grouped under their
dimensions and periods as columns (a statistical yearbook), or one period with
units as rows and indicators as columns.

Editing, as in Excel and LibreOffice:

* typing a number edits the cell; text that is not a number is refused with
  a message (:attr:`DataSheet.statusMessage`) and the old value kept;
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

The same commands are in the context menu.  Messages go out through
:attr:`DataSheet.statusMessage`; edits the core refuses (say, a missing
base-year value) go out through ``ProjectDocument.editFailed`` as for every
view.
"""
from __future__ import annotations

import csv
import io
import math

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QLabel, QMenu,
                               QToolButton, QVBoxLayout, QWidget)

from gui.base.choosers import refill
from gui.sheets.clipboard import NotANumber, read_number
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_view import PERIOD_LAYOUT, UNIT_LAYOUT, DataGrid, is_delete_key
from gui.base.document import ProjectDocument
from gui.base.formatting import edit_text
from gui.base.palette import unit_labels

FILL_DOWN_KEY = QKeySequence(Qt.CTRL | Qt.Key_D)
FILL_RIGHT_KEY = QKeySequence(Qt.CTRL | Qt.Key_R)


def parse_tsv(text: str) -> list[list[str]]:
    """Tab-separated text as Excel and LibreOffice put it on the clipboard:
    one line per row (\\r\\n or \\n), the trailing line break dropped, cells
    holding tabs or line breaks in double quotes."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [row for row in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')]


def to_tsv(block: list[list[str]]) -> str:
    """Rows of cell texts as tab-separated lines (each ending in a line
    break, as Excel writes them)."""
    return "".join("\t".join(row) + "\n" for row in block)


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
        self.model = DataGridModel(document, parent=self, grouped=True, refusals_to_document=False)
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
        has_values = bool(self._selected_cells())
        for a in (self.cut_action, self.delete_action, self.fill_down_action, self.fill_right_action):
            a.setEnabled(has_values)
        self.copy_action.setEnabled(self.grid.selectionModel().hasSelection())
        menu.exec(self.grid.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # ---- selection helpers ---------------------------------------------------------------
    def _selected_positions(self) -> list:
        """(row, col) of every selected cell, in row then column order; read
        from the selection's ranges (``selectedIndexes`` makes one
        QModelIndex per cell, which takes seconds for a large block)."""
        model = self.model
        seen = set()
        for rng in self.grid.selectionModel().selection():
            cols = range(rng.left(), rng.right() + 1)
            for row in range(rng.top(), rng.bottom() + 1):
                if not model.is_group_row(row):
                    seen.update((row, col) for col in cols)
        return sorted(seen)

    def _selected_cells(self) -> list:
        """(row, col, (u, t, i)) of the selected value cells, in row then
        column order."""
        cell_at = self.model.cell_at
        out = []
        for row, col in self._selected_positions():
            where = cell_at(row, col)
            if where is not None:
                out.append((row, col, where))
        return out

    def _selection_box(self):
        """(top, left, bottom, right) of the selection, or None."""
        positions = self._selected_positions()
        if not positions:
            return None
        rows = [p[0] for p in positions]
        cols = [p[1] for p in positions]
        return min(rows), min(cols), max(rows), max(cols)

    def _select_block(self, top, left, bottom, right):
        model = self.model
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        sm = self.grid.selectionModel()
        sm.select(selection, QItemSelectionModel.ClearAndSelect)
        sm.setCurrentIndex(model.index(top, left), QItemSelectionModel.NoUpdate)

    # ---- copy / cut / delete ---------------------------------------------------------------
    def copy_selection(self) -> str:
        """Copy the selected block to the clipboard as tab-separated text and
        return it ('' when nothing is selected)."""
        box = self._selection_box()
        if box is None:
            self.statusMessage.emit(self.tr("Nothing to copy: select cells first"))
            return ""
        top, left, bottom, right = box
        model = self.model
        selected = set(self._selected_positions())
        values = self._document.project.dataset.values
        block = []
        for row in range(top, bottom + 1):
            if model.is_group_row(row):
                continue
            line = []
            for col in range(left, right + 1):
                if (row, col) not in selected:
                    line.append("")
                    continue
                where = model.cell_at(row, col)
                line.append(edit_text(float(values[where])) if where is not None
                            else str(model.index(row, col).data() or ""))
            block.append(line)
        text = to_tsv(block)
        QGuiApplication.clipboard().setText(text)
        self.statusMessage.emit(self.tr("Copied {0} × {1} cells").format(len(block), right - left + 1))
        return text

    def cut_selection(self) -> str:
        """Copy, then make the selected values missing (one undo step)."""
        text = self.copy_selection()
        if text:
            self.delete_selection()
        return text

    def delete_selection(self) -> bool:
        """Make the selected value cells missing, as one undo step."""
        cells = self._selected_cells()
        if not cells:
            self.statusMessage.emit(self.tr("Nothing to delete: select value cells first"))
            return False
        done = self.model.set_cells([(u, t, i, math.nan) for _, _, (u, t, i) in cells],
                                    self.tr("Clear %n value(s)", "", len(cells)))
        if done:
            self.statusMessage.emit(self.tr("%n value(s) made missing", "", len(cells)))
        return done

    # ---- paste ---------------------------------------------------------------------------
    def paste(self, text: str | None = None) -> bool:
        """Paste tab-separated ``text`` (the clipboard's when None) at the
        selection's top-left cell as one undo step; see the module's notes
        for what is accepted.  Returns True when values were written."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        block = parse_tsv(text)
        if not block or not any(block):
            self.statusMessage.emit(self.tr("Nothing to paste: the clipboard holds no cells"))
            return False
        model = self.model
        anchor = self._paste_anchor()
        if anchor is None:
            return False
        top, left = anchor
        value_rows = model.value_rows()
        start = next((k for k, r in enumerate(value_rows) if r >= top), None)
        if start is None:
            self.statusMessage.emit(self.tr("Nothing pasted: there is no value row below the selection"))
            return False

        if len(block) == 1 and len(block[0]) == 1:
            targets = self._selected_cells()
            if len(targets) > 1:
                return self._paste_one_value(block[0][0], targets)

        room = (len(value_rows) - start, model.columnCount() - left)
        placed = self._pasted_cells(block, value_rows[start:], left, room)
        if placed is None:
            return False
        cells, read = placed
        if not cells:
            self.statusMessage.emit(self.tr("Nothing pasted: the block lies beyond the sheet's edge"))
            return False
        height = max(r for r, _ in read) + 1
        width = max(c for _, c in read) + 1
        if not model.set_cells(cells, self.tr("Paste %n value(s)", "", len(cells))):
            return False
        self._select_block(value_rows[start], left, value_rows[start + height - 1], left + width - 1)
        self._report_paste(block, room, height, width)
        return True

    def _paste_anchor(self):
        """(row, column) of the cell to paste into: the selection's top-left,
        else the current cell; None (with a status message) when there is
        none or it is a label column."""
        box = self._selection_box()
        current = self.grid.currentIndex()
        if box is not None:
            top, left = box[0], box[1]
        elif current.isValid():
            top, left = current.row(), current.column()
        else:
            self.statusMessage.emit(self.tr("Nothing pasted: choose the cell to paste into"))
            return None
        if left < self.model.first_value_column:
            self.statusMessage.emit(self.tr("Nothing pasted: paste into a value cell (the label columns "
                                            "cannot be edited)"))
            return None
        return top, left

    def _pasted_cells(self, block, value_rows, left, room):
        """The (unit, period, indicator, value) cells ``block`` writes from
        ``value_rows[0]``, column ``left``, and the (row, column) in the
        block of each; cells beyond ``room`` (rows, columns) are left out.
        None (with a status message) when a cell is not a number."""
        model = self.model
        room_rows, room_cols = room
        cells, read = [], []
        for r, line in enumerate(block):
            for c, text_cell in enumerate(line):
                inside = r < room_rows and c < room_cols
                where = model.cell_at(value_rows[r], left + c) if inside else None
                try:
                    x = read_number(text_cell)
                except NotANumber as e:
                    target = model.place(*where) if where is not None else self.tr("beyond the sheet's edge")
                    self.statusMessage.emit(self.tr(
                        "Nothing pasted: row {0}, column {1} of the pasted block (for {2}): {3}").format(
                        r + 1, c + 1, target, model.reason_text(e)))
                    return None
                if where is not None:
                    read.append((r, c))
                    cells.append((*where, x))
        return cells, read

    def _report_paste(self, block, room, height, width):
        """Say how many values were pasted and how much of the block was clipped."""
        room_rows, room_cols = room
        rows_out = max(0, len(block) - room_rows)
        cols_out = max(0, max(len(line) for line in block) - room_cols)
        message = self.tr("Pasted {0} × {1} values").format(height, width)
        if rows_out or cols_out:
            message += self.tr("; clipped at the sheet's edge: {0} row(s) and {1} column(s) of the "
                               "block were left out").format(rows_out, cols_out)
        self.statusMessage.emit(message)

    def _paste_one_value(self, text, targets) -> bool:
        try:
            x = read_number(text)
        except NotANumber as e:
            self.statusMessage.emit(self.tr("Nothing pasted: {0}").format(self.model.reason_text(e)))
            return False
        done = self.model.set_cells([(u, t, i, x) for _, _, (u, t, i) in targets],
                                    self.tr("Paste %n value(s)", "", len(targets)))
        if done:
            self.statusMessage.emit(self.tr("Pasted one value into %n cell(s)", "", len(targets)))
        return done

    # ---- fill ------------------------------------------------------------------------------
    def fill_down(self) -> bool:
        """Copy the top value of each selected column into the selected
        cells below it (the value above, when one row is selected)."""
        return self._fill(down=True)

    def fill_right(self) -> bool:
        """Copy the leftmost value of each selected row into the selected
        cells to its right (the value to the left, when one column is
        selected)."""
        return self._fill(down=False)

    def _fill(self, down: bool) -> bool:
        if self.grid.state() == QAbstractItemView.EditingState:
            return False                 # Edit > Fill while a cell is being typed in: the typing goes on
        model = self.model
        values = self._document.project.dataset.values
        lines = {}                    # column (fill down) or row (fill right) -> [(position, cell)]
        for row, col, where in self._selected_cells():
            lines.setdefault(col if down else row, []).append((row if down else col, where))
        value_rows = model.value_rows()
        cells = []
        for line, members in lines.items():
            members.sort(key=lambda m: m[0])
            if len(members) > 1:
                source, targets = members[0][1], [m[1] for m in members[1:]]
            else:
                pos, where = members[0]
                if down:
                    k = value_rows.index(pos)
                    source = model.cell_at(value_rows[k - 1], line) if k > 0 else None
                else:
                    source = model.cell_at(line, pos - 1)
                targets = [where]
            if source is None:
                continue
            x = float(values[source])
            cells += [(u, t, i, x) for u, t, i in targets]
        if not cells:
            self.statusMessage.emit(self.tr("Nothing to fill: select the value to copy and the cells to "
                                            "fill") if down else
                                    self.tr("Nothing to fill: select the value to copy and the cells to "
                                            "fill on its right"))
            return False
        text = self.tr("Fill down %n value(s)", "", len(cells)) if down else \
            self.tr("Fill right %n value(s)", "", len(cells))
        done = model.set_cells(cells, text)
        if done:
            self.statusMessage.emit(self.tr("Filled %n value(s)", "", len(cells)))
        return done

    # ---- messages ---------------------------------------------------------------------------
    def _on_refused(self, message: str):
        self.statusMessage.emit(self.tr("Not changed: {0}").format(message))
