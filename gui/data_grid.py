"""The raw-data grid: one unit's indicators as rows, periods as columns.

:class:`DataGridModel` reads straight from ``dataset.values`` (a numpy array)
and writes through the core's :class:`~core.project.SetValues` command via
the :class:`~gui.document.ProjectDocument`, so every edit is validated by the
core, recomputed incrementally and undoable.  The model never opens a dialog:
a refused edit is reported through ``ProjectDocument.editFailed``.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from core.project import SetValues

from .document import ProjectDocument
from .formatting import clean_input, edit_text, format_value

MISSING_TEXT = "—"
MISSING_FOREGROUND = QColor("#8a8f98")
MISSING_BACKGROUND = QColor("#f1f1f4")

CODE_COLUMN, NAME_COLUMN, UNIT_COLUMN = range(3)
FIRST_PERIOD_COLUMN = 3
VALUE_COLUMN_SLACK = 10          # pixels

# dataChanged for a value cell touches all of these
_VALUE_ROLES = [Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole, Qt.ForegroundRole,
                Qt.BackgroundRole, Qt.FontRole]
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)


class DataGridModel(QAbstractTableModel):
    """Indicators x periods of one unit, editable.

    Rows follow ``dataset.codes`` (the framework's indicator order); columns
    are code, name, unit of measure, then one per period.
    """

    RawValueRole = Qt.UserRole + 1       # the float itself (NaN for missing)

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None):
        super().__init__(parent)
        self._document = document
        self._unit = unit
        self._italic = QFont()
        self._italic.setItalic(True)
        document.valuesChanged.connect(self._on_values_changed)
        document.structureChanged.connect(self._on_structure_changed)

    # ---- what the model shows ---------------------------------------------------
    @property
    def dataset(self):
        return self._document.project.dataset

    @property
    def framework(self):
        return self._document.project.framework

    @property
    def unit(self) -> int:
        return self._unit

    def set_unit(self, unit: int):
        if unit == self._unit or not 0 <= unit < len(self.dataset.unit_codes):
            return
        self._unit = unit
        if self.rowCount() and len(self.dataset.periods):
            self.dataChanged.emit(self.index(0, FIRST_PERIOD_COLUMN),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1), _VALUE_ROLES)

    def cell(self, index) -> tuple[int, int, int] | None:
        """(unit, period, indicator) dataset indices of a value cell, or None."""
        if not index.isValid() or index.column() < FIRST_PERIOD_COLUMN:
            return None
        return self._unit, index.column() - FIRST_PERIOD_COLUMN, index.row()

    # ---- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.dataset.codes)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_PERIOD_COLUMN + len(self.dataset.periods)

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() >= FIRST_PERIOD_COLUMN:
            flags |= Qt.ItemIsEditable
        return flags

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        if col < FIRST_PERIOD_COLUMN:
            return self._label_data(row, col, role)
        value = float(self.dataset.values[self._unit, col - FIRST_PERIOD_COLUMN, row])
        missing = math.isnan(value)
        if role == Qt.DisplayRole:
            return MISSING_TEXT if missing else format_value(value)
        if role == Qt.EditRole:
            return edit_text(value)
        if role == Qt.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ToolTipRole:
            return self._value_tooltip(row, col, value)
        if role == Qt.ForegroundRole:
            return QBrush(MISSING_FOREGROUND) if missing else None
        if role == Qt.BackgroundRole:
            return QBrush(MISSING_BACKGROUND) if missing else None
        if role == Qt.FontRole:
            return self._italic if missing else None
        if role == self.RawValueRole:
            return value
        return None

    def _label_data(self, row, col, role):
        if role not in (Qt.DisplayRole, Qt.ToolTipRole, Qt.TextAlignmentRole):
            return None
        if role == Qt.TextAlignmentRole:
            return _LEFT
        node = self.framework[self.dataset.codes[row]]
        if role == Qt.ToolTipRole:
            return self._node_tooltip(node)
        return (node.code, node.name, node.unit)[col]

    def _node_tooltip(self, node) -> str:
        lines = [f"{node.code}  {node.name}"]
        if node.name_zh:
            lines.append(node.name_zh)
        if node.unit:
            lines.append(self.tr("Unit: {0}").format(node.unit))
        if node.direction < 0:
            lines.append(self.tr("Lower is better"))
        if node.parent:
            parent = self.framework[node.parent]
            lines.append(self.tr("In: {0} {1}").format(parent.code, parent.name))
        if node.source:
            lines.append(self.tr("Source: {0}").format(node.source))
        return "\n".join(lines)

    def _value_tooltip(self, row, col, value) -> str:
        ds = self.dataset
        code = ds.codes[row]
        period = ds.periods[col - FIRST_PERIOD_COLUMN]
        place = f"{code}, {ds.unit_codes[self._unit]}" + ("" if period is None else f", {period}")
        if math.isnan(value):
            return self.tr("{0}: missing (type a number to fill it)").format(place)
        unit = self.framework[code].unit
        return f"{place}: {edit_text(value)}" + (f" {unit}" if unit else "")

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if not 0 <= section < self.columnCount():
            return None
        if section < FIRST_PERIOD_COLUMN:
            if role == Qt.ToolTipRole:
                return (self.tr("Indicator code"), self.tr("Indicator name (hover a row for more)"),
                        self.tr("Unit of measure"))[section]
            return (self.tr("Code"), self.tr("Indicator"), self.tr("Measured in"))[section]
        period = self.dataset.periods[section - FIRST_PERIOD_COLUMN]
        return self.tr("Value") if period is None else str(period)

    def setData(self, index, value, role=Qt.EditRole) -> bool:
        """Typing into a value cell: a number sets it, blank text makes it
        missing; anything the core refuses keeps the old value (the reason
        goes out through ``ProjectDocument.editFailed``)."""
        if role != Qt.EditRole:
            return False
        return self.set_values([index], value)

    def set_values(self, indexes, value) -> bool:
        """Set every value cell among ``indexes`` to ``value`` as one edit
        (one undo step); ``None`` or blank text means missing."""
        ds = self.dataset
        cells = []
        for index in indexes:
            where = self.cell(index)
            if where is None:
                continue
            u, t, i = where
            cells.append((ds.unit_codes[u], ds.periods[t], ds.codes[i], clean_input(value)))
        if not cells:
            return False
        if len(cells) == 1:
            text = self.tr("Edit {0} {1}").format(cells[0][2], "" if cells[0][1] is None else cells[0][1])
        else:
            text = self.tr("Edit {0} values").format(len(cells))
        return self._document.execute(SetValues(cells), text.strip())

    def clear_values(self, indexes) -> bool:
        """Make the value cells among ``indexes`` missing (one undo step)."""
        return self.set_values(indexes, None)

    # ---- document events ----------------------------------------------------------------
    def _on_values_changed(self, cells):
        rows, cols = [], []
        for u, t, i in cells:
            if u == self._unit:
                rows.append(i)
                cols.append(FIRST_PERIOD_COLUMN + t)
        if rows:
            self.dataChanged.emit(self.index(min(rows), min(cols)), self.index(max(rows), max(cols)),
                                  _VALUE_ROLES)

    def _on_structure_changed(self):
        self.beginResetModel()
        self._unit = min(self._unit, max(len(self.dataset.unit_codes) - 1, 0))
        self.endResetModel()


class DataGrid(QTableView):
    """The view of a :class:`DataGridModel`: Delete (or Backspace) makes the
    selected values missing; typing starts editing as in a spreadsheet."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.ElideRight)
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
        """Code, unit and value columns sized once to their contents (not
        on every change: ResizeToContents rescans the model each layout); the
        name column takes what is left (its full text is in the tooltip)."""
        header = self.horizontalHeader()
        model = self.model()
        if model is None:
            return
        header.setMinimumSectionSize(40)
        for col in range(model.columnCount()):
            if col == NAME_COLUMN:
                header.setSectionResizeMode(col, QHeaderView.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.Interactive)
                self.resizeColumnToContents(col)
                if col >= FIRST_PERIOD_COLUMN:      # room for an edit that adds a digit
                    header.resizeSection(col, header.sectionSize(col) + VALUE_COLUMN_SLACK)

    def keyPressEvent(self, event):
        editing = self.state() == QAbstractItemView.EditingState
        if not editing and (event.matches(QKeySequence.Delete) or event.key() in (Qt.Key_Delete,
                                                                                   Qt.Key_Backspace)):
            model = self.model()
            if isinstance(model, DataGridModel):
                model.clear_values(self.selectionModel().selectedIndexes())
                event.accept()
                return
        super().keyPressEvent(event)

