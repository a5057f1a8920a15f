"""The raw-data grid, in either of two layouts.

* **unit** layout (a statistical yearbook): one unit's indicators as rows,
  optionally grouped under header rows for their dimensions; columns code,
  name, measured in, then one column per period.
* **period** layout: one period; units as rows (code, name) and indicators as
  columns.

:class:`DataGridModel` reads straight from ``dataset.values`` (a numpy array)
and writes through the core's :class:`~core.project.project.SetValues` command via
the :class:`~gui.base.document.ProjectDocument`, so every edit is validated by the
core, recomputed incrementally and undoable.  The model never opens a dialog.
Values flagged by the engine's warnings, and missing values whose dimension
was computed without them, carry a mark (:attr:`DataGridModel.MarkRole`) that
:class:`~gui.sheets.data_marks.MarkDelegate` paints as a corner triangle; the reason is in the tooltip.
"""
from __future__ import annotations

import math

import numpy as np

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal

from core.project.project import SetValues

from gui.base.document import ProjectDocument
from gui.base.i18n import display_name, unit_display_name
from gui.sheets.clipboard import NotANumber, read_number
from gui.sheets.data_grid_cells import MARK_ROLES, RAW_ROLE, VALUE_ROLES, GridCells
from gui.sheets.data_grid_view import FIRST_INDICATOR_COLUMN, FIRST_PERIOD_COLUMN, PERIOD_LAYOUT, UNIT_LAYOUT
from gui.sheets.data_marks import MARK_ROLE, CellTreatment, CellWarnings

_DISPLAY, _EDIT, _HORIZONTAL = Qt.DisplayRole, Qt.EditRole, Qt.Horizontal
_NO_FLAGS = Qt.NoItemFlags
_GROUP_FLAGS = Qt.ItemIsEnabled
_LABEL_FLAGS = Qt.ItemIsEnabled | Qt.ItemIsSelectable
_VALUE_FLAGS = _LABEL_FLAGS | Qt.ItemIsEditable
MARKS_DELAY_MS = 120             # warnings are re-read once a burst of edits is over


class DataGridModel(QAbstractTableModel):
    """Raw values of the project, editable, in the unit or the period layout.

    Parameters
    ----------
    document:
        the open project.
    unit:
        the unit shown by the unit layout (dataset index).
    grouped:
        in the unit layout, put a header row for each dimension above its
        indicators (the statistical-yearbook look).  Without it, row ``i`` is
        ``dataset.codes[i]``.
    """

    RawValueRole = RAW_ROLE    # the float itself (NaN for missing)
    MarkRole = MARK_ROLE       # 'error' / 'warning' / 'info' or None

    refused = Signal(str)                # typed text that is not a number, naming the cell
    layoutSwitched = Signal(str)         # after set_layout: UNIT_LAYOUT or PERIOD_LAYOUT

    def __init__(self, document: ProjectDocument, unit: int = 0, parent=None, *, grouped: bool = False,
                 layout: str = UNIT_LAYOUT, refusals_to_document: bool = True):
        super().__init__(parent)
        self._document = document
        self._unit = unit
        self._period = 0
        self._grouped = grouped
        self._layout = layout
        # typed text the model itself refuses goes to document.editFailed too,
        # unless a view shows ``refused`` itself (DataSheet does)
        self.refusals_to_document = refusals_to_document
        self.warnings = CellWarnings(document)
        self.treatment = CellTreatment(document)     # imputed cells, screened unit-periods
        self._marks_timer = QTimer(self)
        self._marks_timer.setSingleShot(True)
        self._marks_timer.setInterval(MARKS_DELAY_MS)
        self._marks_timer.timeout.connect(self.refresh_marks)
        self._build_rows()
        self._cells = GridCells(self, self.warnings, self.treatment)     # what each cell shows
        document.valuesChanged.connect(self._on_values_changed)
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_structure_changed)

    # ---- what the model shows ---------------------------------------------------
    @property
    def dataset(self):
        return self._document.project.dataset

    @property
    def framework(self):
        return self._document.project.framework

    @property
    def document(self) -> ProjectDocument:
        return self._document

    @property
    def unit(self) -> int:
        return self._unit

    @property
    def period(self) -> int:
        return self._period

    @property
    def layout(self) -> str:
        return self._layout

    def set_unit(self, unit: int):
        """Show another unit (the unit layout's values change in place)."""
        if unit == self._unit or not 0 <= unit < len(self.dataset.unit_codes):
            return
        self._unit = unit
        if self._layout == UNIT_LAYOUT:
            self._emit_values_changed()

    def set_period(self, period: int):
        """Show another period (the period layout's values change in place)."""
        if period == self._period or not 0 <= period < len(self.dataset.periods):
            return
        self._period = period
        if self._layout == PERIOD_LAYOUT:
            self._emit_values_changed()

    def set_layout(self, layout: str):
        """Switch between UNIT_LAYOUT and PERIOD_LAYOUT (a model reset)."""
        if layout not in (UNIT_LAYOUT, PERIOD_LAYOUT):
            raise ValueError(f"unknown layout {layout!r}")
        if layout == self._layout:
            return
        self.beginResetModel()
        self._layout = layout
        self._build_rows()
        self.endResetModel()
        self.layoutSwitched.emit(layout)

    def _emit_values_changed(self):
        if self.rowCount() and self.columnCount() > self.first_value_column:
            self.dataChanged.emit(self.index(0, self.first_value_column),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1), VALUE_ROLES)

    # ---- rows ---------------------------------------------------------------------
    def _build_rows(self):
        """The unit layout's rows: ('group', code, depth) header rows and
        ('indicator', i) rows; and the names shown (read once, in the
        language chosen)."""
        ds, fw = self.dataset, self.framework
        rows = []
        if self._grouped:
            last_header = [None]

            def visit(code, depth):
                if depth > 0:
                    rows.append(("group", code, depth))
                    last_header[0] = code
                for kid in fw.children(code):
                    if fw[kid].is_indicator:
                        if last_header[0] != code:           # e.g. after a sub-dimension
                            rows.append(("group", code, depth))
                            last_header[0] = code
                        rows.append(("indicator", ds.code_index[kid]))
                    else:
                        visit(kid, depth + 1)

            for root in fw.roots:
                visit(root, 0)
            placed = {r[1] for r in rows if r[0] == "indicator"}
            rows += [("indicator", i) for i in range(len(ds.codes)) if i not in placed]
        else:
            rows = [("indicator", i) for i in range(len(ds.codes))]
        # read by GridCells.data() for every painted cell: plain attributes
        self.rows = rows
        self.by_unit = self._layout == UNIT_LAYOUT
        self.first_value_column = FIRST_PERIOD_COLUMN if self.by_unit else FIRST_INDICATOR_COLUMN
        self._ds = ds                          # replaced only with a structure change, which resets
        self._nrows = len(rows) if self.by_unit else len(ds.unit_codes)
        self._ncols = self.first_value_column + (len(ds.periods) if self.by_unit else len(ds.codes))
        # indicators by their parent, for repainting missing neighbours after an edit
        parents = [fw[c].parent for c in ds.codes]
        group_ids = {p: g for g, p in enumerate(dict.fromkeys(p for p in parents if p is not None))}
        self._group_of = np.array([group_ids.get(p, -1) for p in parents], dtype=np.intp)
        self._group_members = [np.flatnonzero(self._group_of == g) for g in range(len(group_ids))]
        self._row_of_indicator = {r[1]: k for k, r in enumerate(rows) if r[0] == "indicator"}
        self._indicator_rows = np.array([self._row_of_indicator.get(i, -1) for i in range(len(ds.codes))],
                                        dtype=np.intp)
        self.rows_of_code = {}
        for k, r in enumerate(rows):
            code = ds.codes[r[1]] if r[0] == "indicator" else r[1]
            self.rows_of_code.setdefault(code, []).append(k)

    def value_rows(self) -> list[int]:
        """The rows that hold values, in order (group header rows skipped)."""
        if self._layout == PERIOD_LAYOUT:
            return list(range(len(self.dataset.unit_codes)))
        return [k for k, r in enumerate(self.rows) if r[0] == "indicator"]

    def is_group_row(self, row: int) -> bool:
        return self._layout == UNIT_LAYOUT and 0 <= row < len(self.rows) and self.rows[row][0] == "group"

    def cell_at(self, row: int, col: int) -> tuple[int, int, int] | None:
        """(unit, period, indicator) dataset indices of the value cell at
        ``row``, ``col``, or None for a label or header cell."""
        if not (0 <= row < self._nrows and self.first_value_column <= col < self._ncols):
            return None
        if not self.by_unit:
            return row, self._period, col - FIRST_INDICATOR_COLUMN
        entry = self.rows[row]
        if entry[0] != "indicator":
            return None
        return self._unit, col - FIRST_PERIOD_COLUMN, entry[1]

    def cell(self, index) -> tuple[int, int, int] | None:
        """(unit, period, indicator) dataset indices of a value cell, or None."""
        if not index.isValid():
            return None
        return self.cell_at(index.row(), index.column())

    def index_of_cell(self, u: int, t: int, i: int) -> QModelIndex:
        """The model index showing dataset cell (u, t, i), or an invalid
        index when the current unit / period does not show it."""
        if self._layout == PERIOD_LAYOUT:
            return self.index(u, FIRST_INDICATOR_COLUMN + i) if t == self._period else QModelIndex()
        if u != self._unit or i not in self._row_of_indicator:
            return QModelIndex()
        return self.index(self._row_of_indicator[i], FIRST_PERIOD_COLUMN + t)

    def cell_name(self, u: int, t: int, i: int) -> str:
        """The unit, period and indicator of a cell, by name in the interface
        language, with their codes: 'Chengdu–Chongqing (CCEC), 2024,
        R&D personnel (RA1)'."""
        project = self._document.project
        ds = project.dataset
        unit = unit_display_name(project, u)
        if unit != ds.unit_codes[u]:
            unit = f"{unit} ({ds.unit_codes[u]})"
        code = ds.codes[i]
        name = display_name(self.framework[code]) if code in self.framework else code
        indicator = code if name == code else f"{name} ({code})"
        period = ds.periods[t]
        if period is None:
            return self.tr("{0}, {1}", "unit, indicator").format(unit, indicator)
        return self.tr("{0}, {1}, {2}", "unit, period, indicator").format(unit, period, indicator)

    def place(self, u: int, t: int, i: int) -> str:
        """'RA1, CCEC, 2024': the indicator, unit and period of a cell."""
        ds = self.dataset
        period = ds.periods[t]
        return f"{ds.codes[i]}, {ds.unit_codes[u]}" + ("" if period is None else f", {period}")

    # ---- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._nrows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._ncols

    def data(self, index, role=_DISPLAY):
        return self._cells.data(index, role)

    def headerData(self, section, orientation, role=_DISPLAY):
        return self._cells.headerData(section, orientation, role)

    def flags(self, index):
        row = index.row()
        if row < 0:
            return _NO_FLAGS
        if self.by_unit and self.rows[row][0] == "group":
            return _GROUP_FLAGS
        return _VALUE_FLAGS if index.column() >= self.first_value_column else _LABEL_FLAGS

    def refresh_marks(self):
        """Re-read the engine's warnings and repaint only the cells whose
        marks changed (runs a moment after a burst of edits)."""
        self._marks_timer.stop()
        changed = self.warnings.reread()
        if self.treatment.reread():           # imputed values or screened unit-periods moved
            self._repaint_all(VALUE_ROLES)
        last_col = self.columnCount() - 1
        for code in changed:
            if self._layout == PERIOD_LAYOUT:
                if code in self.dataset.code_index:
                    col = FIRST_INDICATOR_COLUMN + self.dataset.code_index[code]
                    self.headerDataChanged.emit(_HORIZONTAL, col, col)
                    if self.rowCount():
                        self.dataChanged.emit(self.index(0, col), self.index(self.rowCount() - 1, col), MARK_ROLES)
            else:
                for row in self.rows_of_code.get(code, ()):
                    self.dataChanged.emit(self.index(row, 0), self.index(row, last_col), MARK_ROLES)

    # ---- edits ------------------------------------------------------------------------
    def setData(self, index, value, role=_EDIT) -> bool:
        """Typing into a value cell: a number sets it, blank text makes it
        missing; text that is not a number is refused (``refused``) and the
        old value kept; what the core refuses goes out through
        ``ProjectDocument.editFailed``."""
        if role != _EDIT:
            return False
        return self.set_values([index], value)

    def set_values(self, indexes, value) -> bool:
        """Set every value cell among ``indexes`` to ``value`` as one edit
        (one undo step); ``None`` or blank text means missing."""
        cells = [c for c in (self.cell(ix) for ix in indexes) if c is not None]
        if not cells:
            return False
        try:
            x = read_number(value)
        except NotANumber as e:
            self.report_refusal(self.tr("{0}: {1}").format(self.cell_name(*cells[0]), self.reason_text(e)))
            return False
        return self.set_cells([(u, t, i, x) for u, t, i in cells])

    def set_cells(self, cells, text: str = "") -> bool:
        """Write ``cells`` [(u, t, i, value)] (value a float, NaN for missing)
        as one undo step named ``text``."""
        if not cells:
            return False
        ds = self.dataset
        labelled = [(ds.unit_codes[u], ds.periods[t], ds.codes[i], None if math.isnan(x) else x)
                    for u, t, i, x in cells]
        if not text:
            if len(cells) == 1:
                period = labelled[0][1]
                text = self.tr("Edit {0} {1}").format(labelled[0][2], "" if period is None else period).strip()
            else:
                text = self.tr("Edit {0} values").format(len(cells))
        return self._document.execute(SetValues(labelled), text)

    def clear_values(self, indexes) -> bool:
        """Make the value cells among ``indexes`` missing (one undo step)."""
        return self.set_values(indexes, None)

    def report_refusal(self, message: str):
        self.refused.emit(message)
        if self.refusals_to_document:
            self._document.editFailed.emit(message)

    def reason_text(self, error: NotANumber) -> str:
        """Why ``error.text`` is not a number and what is accepted, in the
        user's language."""
        if error.reason == "percent":
            return self.tr("'{0}' is a percentage; type the number in the indicator's own unit, "
                           "without %").format(error.text)
        if error.reason == "comma":
            return self.tr("'{0}' is not a number (use a point for decimals; commas only between "
                           "thousands)").format(error.text)
        if error.reason == "infinite":
            return self.tr("'{0}' is not a finite number; type a number such as 12.5").format(error.text)
        return self.tr("'{0}' is not a number; type a number such as 1,234.5, or leave the cell empty for "
                       "a missing value").format(error.text)

    def refresh_labels(self):
        """Re-read names and colours (after a language or palette change)."""
        self._build_rows()
        self._cells.reread()
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1),
                                  VALUE_ROLES + [_DISPLAY])
        if self.columnCount():
            self.headerDataChanged.emit(_HORIZONTAL, 0, self.columnCount() - 1)

    # ---- document events ----------------------------------------------------------------
    def _on_values_changed(self, cells):
        """Repaint the edited cells shown and, when a neighbour in the same
        dimension is missing, that neighbour too (its dimension may now be
        computed, or not): one bounding range, never a reset; and every cell
        of an indicator whose number of decimals changed."""
        self._marks_timer.start()
        if not cells or not self._nrows:
            return
        arr = np.asarray(cells, dtype=np.intp).reshape(-1, 3)
        redecided = self._cells.update_decimals(arr[:, 2])
        arr = arr[arr[:, 0] == self._unit] if self.by_unit else arr[arr[:, 1] == self._period]
        arr = arr[self._indicator_rows[arr[:, 2]] >= 0] if self.by_unit else arr
        if not len(arr):
            self._repaint_indicators(redecided)   # an edit elsewhere may change the decimals shown here
            return
        if self.by_unit:
            rows, cols = self._indicator_rows[arr[:, 2]], self.first_value_column + arr[:, 1]
        else:
            rows, cols = arr[:, 0], self.first_value_column + arr[:, 2]
        r0, r1, c0, c1 = int(rows.min()), int(rows.max()), int(cols.min()), int(cols.max())
        values = self._ds.values
        for g in np.unique(self._group_of[arr[:, 2]]):
            if g < 0:
                continue
            members = self._group_members[g]
            if self.by_unit:
                if np.isnan(values[self._unit][np.ix_(np.unique(arr[:, 1]), members)]).any():
                    member_rows = self._indicator_rows[members]
                    member_rows = member_rows[member_rows >= 0]
                    r0, r1 = min(r0, int(member_rows.min())), max(r1, int(member_rows.max()))
            elif np.isnan(values[np.unique(arr[:, 0]), self._period][:, members]).any():
                c0, c1 = min(c0, self.first_value_column + int(members.min())), max(c1, self.first_value_column + int(members.max()))
        self.dataChanged.emit(self.index(r0, c0), self.index(r1, c1), VALUE_ROLES)
        self._repaint_indicators(redecided)

    def _repaint_indicators(self, indicators):
        """Every shown value of ``indicators`` (their number of decimals changed)."""
        last_row, last_col = self.rowCount() - 1, self.columnCount() - 1
        if last_row < 0 or last_col < self.first_value_column:
            return
        for i in indicators:
            if self.by_unit:
                row = int(self._indicator_rows[i])
                if row >= 0:
                    self.dataChanged.emit(self.index(row, self.first_value_column), self.index(row, last_col),
                                          [_DISPLAY])
            else:
                col = self.first_value_column + int(i)
                self.dataChanged.emit(self.index(0, col), self.index(last_row, col), [_DISPLAY])

    def _repaint_all(self, roles):
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1), roles)

    def _on_settings_changed(self):
        self._marks_timer.stop()
        self.warnings.forget()                   # every score and warning may have changed
        self.treatment.forget()                  # and what imputation and screening did
        self._repaint_all(VALUE_ROLES)
        if self._layout == PERIOD_LAYOUT and self.columnCount():
            self.headerDataChanged.emit(_HORIZONTAL, 0, self.columnCount() - 1)

    def _on_structure_changed(self):
        self._marks_timer.stop()
        self.beginResetModel()
        self._unit = min(self._unit, max(len(self.dataset.unit_codes) - 1, 0))
        self._period = min(self._period, max(len(self.dataset.periods) - 1, 0))
        self.warnings.forget()
        self.treatment.forget()
        self._build_rows()
        self._cells.reread()
        self.endResetModel()
