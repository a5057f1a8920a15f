"""The indicator sheet: one row per indicator of the framework (code, names
in English and Chinese, dimension, unit, direction, weight, source, the
per-indicator base year and normalisation, goalposts, target and the
decimals its values are shown with), editable like a spreadsheet.

Each edited cell becomes one command of :mod:`core.project.structure` (renaming the
code, moving to another dimension, setting a weight ...) run through
:meth:`ProjectDocument.execute`, so it is validated, recomputed and undoable.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QStyledItemDelegate, QTableView

from core.model.settings import NORMALISATIONS
from core.model.usability import normalisation_context
from core.project.overrides import (DECIMALS, GOALPOST_LOWER, GOALPOST_UPPER, TARGET, SetBaseYear, SetNormalisation,
                                    base_year_override, normalisation_override)
from core.project.structure import EditNode, MoveNode, RenameNode, SetDirection, SetWeight

from gui.base.document import ProjectDocument
from gui.base.formatting import edit_text, format_value
from gui.base.i18n import display_name
from gui.sheets.framework_model import direction_text, run_edit
from gui.sheets.indicator_params import ParamColumns, faint, headers as param_headers
from gui.sheets.method_panel import method_label

(CODE, NAME, NAME_ZH, DIMENSION, UNIT, DIRECTION, WEIGHT, SOURCE, BASE_YEAR, NORMALISATION,
 LOWER, UPPER, TARGET_COLUMN, DECIMALS_COLUMN) = range(14)
COLUMN_COUNT = 14
TEXT_COLUMNS = {NAME: "name", NAME_ZH: "name_zh", UNIT: "unit", SOURCE: "source"}
# the columns of Meta params: goalposts, target, decimals
PARAM_COLUMNS = {LOWER: GOALPOST_LOWER, UPPER: GOALPOST_UPPER, TARGET_COLUMN: TARGET, DECIMALS_COLUMN: DECIMALS}
CHOICE_COLUMNS = (DIMENSION, DIRECTION, BASE_YEAR, NORMALISATION, DECIMALS_COLUMN)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)


class IndicatorSheetModel(QAbstractTableModel):
    """Indicators (rows, in the framework's order) by their properties."""

    CodeRole = Qt.UserRole + 1
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self._document = document
        # the rows as last reset: the project changes before the model hears of it
        self._codes = list(document.project.framework.indicator_codes)
        self.params = ParamColumns(lambda: self._document.project)
        document.structureChanged.connect(self._on_structure_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.valuesChanged.connect(self._on_values_changed)

    @property
    def project(self):
        return self._document.project

    def code(self, row: int) -> str:
        return self._codes[row]

    def row_of(self, code: str) -> int:
        return self._codes.index(code) if code in self._codes else -1

    # ---- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else COLUMN_COUNT

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole, Qt.ForegroundRole, Qt.TextAlignmentRole,
                        self.CodeRole):
            return None
        p = self.project
        code = self.code(index.row())
        if role == self.CodeRole:
            return code
        if code not in p.framework:
            return None
        node = p.framework[code]
        col = index.column()
        if role == Qt.TextAlignmentRole:
            return _RIGHT if col in (WEIGHT, BASE_YEAR) or col in PARAM_COLUMNS else _LEFT
        if col in PARAM_COLUMNS:
            return self.params.data(PARAM_COLUMNS[col], node, role)
        if col in (CODE, NAME, NAME_ZH, UNIT, SOURCE):
            text = (node.code, node.name, node.name_zh, node.unit, node.source)[(CODE, NAME, NAME_ZH, UNIT,
                                                                                  SOURCE).index(col)]
            if role == Qt.ForegroundRole:
                return None
            return text
        by_column = {DIMENSION: self._dimension_data, DIRECTION: self._direction_data, WEIGHT: self._weight_data,
                     BASE_YEAR: self._base_year_data, NORMALISATION: self._normalisation_data}
        if col in by_column:
            return by_column[col](node, role)
        return None

    def _dimension_data(self, node, role):
        """The Dimension column: the parent's code to edit, its name and code to show."""
        parent = self.project.framework[node.parent] if node.parent else None
        if role == Qt.EditRole:
            return node.parent or ""
        if role == Qt.ForegroundRole or parent is None:
            return None
        return f"{display_name(parent)} ({parent.code})"

    def _direction_data(self, node, role):
        """The Direction column: +1 / -1 to edit, its words to show."""
        if role == Qt.EditRole:
            return node.direction
        if role == Qt.ForegroundRole:
            return None
        return direction_text(node.direction)

    def _weight_data(self, node, role):
        """The Weight column, faint (and saying so) when the settings give equal weights."""
        equal = self.project.settings.weighting == "equal"
        if role == Qt.EditRole:
            return edit_text(node.weight)
        if role == Qt.ForegroundRole:
            return faint() if equal else None
        if role == Qt.ToolTipRole and equal:
            return self.tr("Not used: the method settings give siblings equal weights")
        return format_value(node.weight)

    def _base_year_data(self, node, role):
        """The Base year column: the indicator's own, else the project's, faint."""
        p = self.project
        own = base_year_override(p, node.code)
        if role == Qt.EditRole:
            return "" if own is None else own
        if role == Qt.ForegroundRole:
            return faint() if own is None else None
        if own is None:
            base = p.settings.base_year if p.settings.base_year is not None else p.dataset.periods[0]
            if role == Qt.ToolTipRole:
                return self.tr("Follows the project's base year; choose a period to give this indicator "
                               "its own")
            return self.tr("project ({0})").format(base)
        return str(own)

    def _normalisation_data(self, node, role):
        """The Normalisation column: the indicator's own method, else the project's, faint."""
        p = self.project
        own = normalisation_override(p, node.code)
        if role == Qt.EditRole:
            return own or ""
        if role == Qt.ForegroundRole:
            return faint() if own is None else None
        if own is None:
            if role == Qt.ToolTipRole:
                return self.tr("Follows the project's normalisation; choose a method to give this "
                               "indicator its own")
            return self.tr("project ({0})").format(method_label(p.settings.normalisation))
        return method_label(own)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Vertical:
            if role == Qt.DisplayRole and 0 <= section < self.rowCount():
                return str(section + 1)
            return None
        if not 0 <= section < COLUMN_COUNT or role not in (Qt.DisplayRole, Qt.ToolTipRole):
            return None
        if role == Qt.ToolTipRole:
            return (self.tr("Unique code; renaming it renames the data column"),
                    self.tr("Name in English"), self.tr("Name in Chinese"),
                    self.tr("The dimension the indicator belongs to; choose another to move it"),
                    self.tr("Unit of measure"), self.tr("Whether higher or lower values are better"),
                    self.tr("Weight relative to the other nodes of its dimension"),
                    self.tr("Where the data come from"),
                    self.tr("A base year of this indicator's own (fixed-base normalisation)"),
                    self.tr("A normalisation method of this indicator's own"),
                    *(tip for _, tip in param_headers().values()))[section]
        return (self.tr("Code"), self.tr("Name"), self.tr("Chinese name"), self.tr("Dimension"), self.tr("Unit"),
                self.tr("Direction"), self.tr("Weight"), self.tr("Source"), self.tr("Base year"),
                self.tr("Normalisation"), *(name for name, _ in param_headers().values()))[section]

    # ---- edits ------------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.EditRole) -> bool:
        if not index.isValid() or role != Qt.EditRole:
            return False
        command = self.command(index.row(), index.column(), value)
        if command is None:
            return False
        code = self.code(index.row())
        header = self.headerData(index.column(), Qt.Horizontal)
        return run_edit(self._document, command, self.tr("{0} of {1}").format(header, code),
                        self.statusMessage.emit)

    def command(self, row: int, col: int, value):
        """The core command for typing ``value`` into a cell; None when the
        value is what is there already."""
        p = self.project
        code = self.code(row)
        node = p.framework[code]
        text = "" if value is None else str(value).strip()
        if col == CODE:
            return None if text == code else RenameNode(code, text)
        if col in TEXT_COLUMNS:
            key = TEXT_COLUMNS[col]
            return None if text == getattr(node, key) else EditNode(code, {key: text})
        if col == DIMENSION:
            return None if text == node.parent else MoveNode(code, text)
        if col == DIRECTION:
            try:
                if int(value) == node.direction:
                    return None
            except (TypeError, ValueError):
                pass
            return SetDirection(code, value)
        if col == WEIGHT:
            return None if text == edit_text(node.weight) else SetWeight(code, text)
        if col == BASE_YEAR:
            own = base_year_override(p, code)
            return None if text == ("" if own is None else str(own)) else SetBaseYear(code, value)
        if col == NORMALISATION:
            return None if text == (normalisation_override(p, code) or "") else SetNormalisation(code, text or None)
        if col in PARAM_COLUMNS:
            return self.params.command(PARAM_COLUMNS[col], node, value)
        return None

    def choices(self, row: int, col: int) -> list[tuple[str, object]]:
        """(label, value) pairs offered by the editor of a choice column."""
        p = self.project
        if col == DIMENSION:
            fw = p.framework
            return [(f"{display_name(fw[c])} ({c})", c) for c in (n.code for n in fw.nodes)
                    if not fw[c].is_indicator]
        if col == DIRECTION:
            return [(direction_text(1), 1), (direction_text(-1), -1)]
        if col == BASE_YEAR:
            base = p.settings.base_year if p.settings.base_year is not None else p.dataset.periods[0]
            return [(self.tr("project ({0})").format(base), "")] + \
                [(str(t), t) for t in p.dataset.periods if t is not None]
        if col == NORMALISATION:
            return [(self.tr("project ({0})").format(method_label(p.settings.normalisation)), "")] + \
                [(method_label(m), m) for m in NORMALISATIONS]
        if col == DECIMALS_COLUMN:
            return self.params.choices()
        return []

    def choice_problems(self, row: int, col: int) -> dict:
        """value -> why that choice cannot work (the editor disables it):
        the normalisations that cannot work on this indicator."""
        if col != NORMALISATION:
            return {}
        p = self.project
        code = self.code(row)
        out = {}
        for name in NORMALISATIONS:
            trial = p.settings.copy()
            trial.normalisation_by[code] = name
            ctx = normalisation_context(p.framework, p.dataset, trial, name)
            ctx = replace(ctx, codes=(code,), params=(p.framework[code].params,), normalisations=(name,))
            why = NORMALISATIONS[name].problem(ctx)
            if why:
                out[name] = why
        return out

    # ---- document events ---------------------------------------------------------------------
    def _on_values_changed(self, *_):
        self.params.forget_auto()
        if self.rowCount():
            self.dataChanged.emit(self.index(0, DECIMALS_COLUMN), self.index(self.rowCount() - 1, DECIMALS_COLUMN))

    def _on_structure_changed(self):
        self.params.forget_auto()
        self.beginResetModel()
        self._codes = list(self.project.framework.indicator_codes)
        self.endResetModel()

    def _on_settings_changed(self):
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COLUMN_COUNT - 1))


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo box for the columns with a fixed set of values."""

    def createEditor(self, parent, option, index):
        if index.column() not in CHOICE_COLUMNS:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        problems = index.model().choice_problems(index.row(), index.column())
        for label, value in index.model().choices(index.row(), index.column()):
            combo.addItem(label, value)
            if value in problems:
                combo.model().item(combo.count() - 1).setEnabled(False)
                combo.setItemData(combo.count() - 1, problems[value], Qt.ToolTipRole)
        combo.activated.connect(lambda *_: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor, index):
        if not isinstance(editor, QComboBox):
            return super().setEditorData(editor, index)
        current = index.data(Qt.EditRole)
        for k in range(editor.count()):
            if editor.itemData(k) == current:
                editor.setCurrentIndex(k)
                return

    def setModelData(self, editor, model, index):
        if not isinstance(editor, QComboBox):
            return super().setModelData(editor, model, index)
        model.setData(index, editor.currentData(), Qt.EditRole)


class IndicatorSheet(QTableView):
    """The view of an :class:`IndicatorSheetModel`; double-click or type to
    edit, a list to choose from for dimension, direction, base year and
    normalisation."""

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.sheet_model = IndicatorSheetModel(document, self)
        self.sheet_model.statusMessage.connect(self.statusMessage)
        self.setModel(self.sheet_model)
        self.setItemDelegate(_ChoiceDelegate(self))
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                             | QAbstractItemView.AnyKeyPressed)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        self._current = None
        self.sheet_model.modelAboutToBeReset.connect(self._remember_current)
        self.sheet_model.modelReset.connect(self._restore_current)
        self.fit_columns()

    def fit_columns(self):
        """Columns sized once to their contents; names and source elided
        (their full text is in the cell when editing)."""
        header = self.horizontalHeader()
        for col in range(COLUMN_COUNT):
            self.resizeColumnToContents(col)
        for col, most in ((NAME, 260), (NAME_ZH, 200), (SOURCE, 220), (DIMENSION, 200)):
            if header.sectionSize(col) > most:
                header.resizeSection(col, most)

    def retranslateUi(self):
        model = self.sheet_model
        model.headerDataChanged.emit(Qt.Horizontal, 0, COLUMN_COUNT - 1)
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, COLUMN_COUNT - 1))

    def _remember_current(self):
        index = self.currentIndex()
        self._current = (self.sheet_model.code(index.row()), index.row(), index.column()) \
            if index.isValid() else None

    def _restore_current(self):
        """Keep the cursor on the same indicator (or, after renaming its
        code, the same row)."""
        if self._current is None:
            return
        code, row, col = self._current
        found = self.sheet_model.row_of(code)
        row = found if found >= 0 else min(row, self.sheet_model.rowCount() - 1)
        if row >= 0:
            self.setCurrentIndex(self.sheet_model.index(row, col))
