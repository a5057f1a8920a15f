"""The view of the raw-data grid (gui/sheets/data_grid.py holds the model) and
the column layout both share: Delete makes values missing, typing starts
editing, Enter and Tab commit and move as in a spreadsheet, columns are
fitted once to their contents."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView

from gui.sheets.data_marks import MarkDelegate

UNIT_LAYOUT, PERIOD_LAYOUT = "unit", "period"
CODE_COLUMN, NAME_COLUMN, UNIT_COLUMN = range(3)
FIRST_PERIOD_COLUMN = 3          # the first value column of the unit layout
FIRST_INDICATOR_COLUMN = 2       # ... and of the period layout
VALUE_COLUMN_SLACK = 10          # pixels
MAX_LABEL_WIDTH = 280            # pixels; a longer name is elided (its full text is in the tooltip)
MIN_NAME_WIDTH = 120             # pixels: the unit layout's names give way to periods down to this


_MOVE_KEYS = {Qt.Key_Return: (1, 0), Qt.Key_Enter: (1, 0), Qt.Key_Tab: (0, 1), Qt.Key_Backtab: (0, -1)}


def is_delete_key(event) -> bool:
    """The Del or Backspace key, alone.  Not ``QKeySequence.Delete``: on
    X11 that standard sequence is Ctrl+D as well, the sheet's Fill down."""
    return event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and not (event.modifiers() & ~Qt.KeypadModifier)


def move_of(event):
    """(rows, columns) a key press moves the current cell by, as in a
    spreadsheet: Enter down, Shift+Enter up, Tab right, Shift+Tab left;
    None for any other key (or with Ctrl / Alt held)."""
    step = _MOVE_KEYS.get(event.key())
    mods = event.modifiers() & ~Qt.KeypadModifier
    if step is None or mods & ~Qt.ShiftModifier:
        return None
    if mods & Qt.ShiftModifier and event.key() != Qt.Key_Backtab:
        step = (-step[0], -step[1])
    return step


class _SheetDelegate(MarkDelegate):
    """The grid's delegate: Enter and Tab in a cell editor commit the text
    at once, close the editor and move the current cell (Qt's own delegate
    opens the next cell's editor on Tab and stays put on Enter)."""

    def eventFilter(self, editor, event):
        if event.type() == event.Type.KeyPress:
            step = move_of(event)
            view = self.parent()
            if step is not None and isinstance(view, DataGrid):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.NoHint)
                view.move_current(*step)
                return True
        return super().eventFilter(editor, event)


class DataGrid(QTableView):
    """The view of a :class:`DataGridModel`: Delete (or Backspace) makes the
    selected values missing; typing starts editing as in a spreadsheet;
    Enter / Tab (with an edit going or not) move the current cell down /
    right, with Shift up / left, skipping a dimension's header rows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.ElideRight)
        self.setItemDelegate(_SheetDelegate(self))
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setHighlightSections(False)

    def setModel(self, model):
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit_columns)
            self.fit_columns()

    def fit_columns(self):
        """Columns sized once to their contents (not on every change:
        ResizeToContents rescans the model each layout); label columns at
        most MAX_LABEL_WIDTH wide (the full text is in the tooltip).  In the
        unit layout the name column also takes the room left over, when the
        columns fit the view (see :meth:`_fit_name_column`)."""
        header = self.horizontalHeader()
        model = self.model()
        if model is None:
            return
        header.setMinimumSectionSize(40)
        first_value = getattr(model, "first_value_column", FIRST_PERIOD_COLUMN)
        for col in range(model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.Interactive)
            self.resizeColumnToContents(col)
            if col >= first_value:      # room for an edit that adds a digit
                header.resizeSection(col, header.sectionSize(col) + VALUE_COLUMN_SLACK)
            elif header.sectionSize(col) > MAX_LABEL_WIDTH:
                header.resizeSection(col, MAX_LABEL_WIDTH)
        # a dimension's header row: its name runs over the empty "measured in" cell
        self.clearSpans()
        is_group_row = getattr(model, "is_group_row", None)
        if is_group_row is not None and first_value == FIRST_PERIOD_COLUMN:
            for row in range(model.rowCount()):
                if is_group_row(row):
                    self.setSpan(row, NAME_COLUMN, 1, UNIT_COLUMN - NAME_COLUMN + 1)
        self._name_width = None
        if first_value == FIRST_PERIOD_COLUMN and model.columnCount() > NAME_COLUMN:
            self.resizeColumnToContents(NAME_COLUMN)
            self._name_width = header.sectionSize(NAME_COLUMN)
            self._fit_name_column()

    def _fit_name_column(self):
        """The unit layout's name column: stretched over the room left when
        every column fits the view; otherwise it gives way to the periods
        (names elided, down to MIN_NAME_WIDTH) and, when they still do not
        fit, the periods scroll."""
        width = getattr(self, "_name_width", None)
        model = self.model()
        if width is None or model is None or model.columnCount() <= NAME_COLUMN:
            return
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(model.columnCount()) if c != NAME_COLUMN)
        if others + width <= self.viewport().width():
            header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Stretch)
        else:
            target = min(width, MAX_LABEL_WIDTH)
            room = self.viewport().width() - others
            bar = self.verticalScrollBar()
            if not bar.isVisible() and self.verticalHeader().length() > self.viewport().height():
                room -= bar.sizeHint().width()          # about to appear
            header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Interactive)
            header.resizeSection(NAME_COLUMN, max(min(target, MIN_NAME_WIDTH), min(target, room)))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_name_column()

    def keyPressEvent(self, event):
        editing = self.state() == QAbstractItemView.EditingState
        if not editing and is_delete_key(event):
            model = self.model()
            if hasattr(model, "clear_values"):       # a DataGridModel (gui/sheets/data_grid.py)
                model.clear_values(self.selectionModel().selectedIndexes())
                event.accept()
                return
        step = None if editing else move_of(event)
        if step is not None:
            self.move_current(*step)
            event.accept()
            return
        super().keyPressEvent(event)

    def move_current(self, rows: int, cols: int):
        """Move the current cell by ``rows`` (one value row at a time: a
        dimension's header rows are skipped) and ``cols``, stopping at the
        sheet's edges; the new cell alone is selected."""
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return
        row, col = current.row(), current.column()
        is_group_row = getattr(model, "is_group_row", lambda r: False)
        if rows:
            step = 1 if rows > 0 else -1
            for _ in range(abs(rows)):
                r = row + step
                while 0 <= r < model.rowCount() and is_group_row(r):
                    r += step
                if not 0 <= r < model.rowCount():
                    break
                row = r
        col = min(max(col + cols, 0), model.columnCount() - 1)
        target = model.index(row, col)
        self.selectionModel().setCurrentIndex(target, QItemSelectionModel.ClearAndSelect)
        self.scrollTo(target)
