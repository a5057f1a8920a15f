"""Adding, renaming and deleting units, adding and deleting periods, from
the data sheet (its "Units and periods" button and its context menu).

Each is one undo step of the document (the core commands of
:mod:`core.project.units`).  A refused one (a taken code, "next" for a year,
the last unit, the base year) goes to the window's message bar as every
refused edit does, and nothing changes.  The unit is the one the sheet shows
(by unit) or the row of the current cell (by period); the period is the
column of the current cell (by unit) or the one the sheet shows (by period).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QInputDialog, QLineEdit, QMenu

from core.errors import CoIndexError
from core.project.units import AddPeriod, AddUnit, DeletePeriods, DeleteUnits, RenameUnit
from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN, UNIT_LAYOUT


class UnitDialog(QDialog):
    """A unit's code and name."""

    def __init__(self, title: str, code: str = "", name: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.code, self.name = QLineEdit(code, self), QLineEdit(name, self)
        self.code.setObjectName("unitCode")
        self.name.setObjectName("unitName")
        form = QFormLayout(self)
        form.addRow(self.tr("&Code:"), self.code)
        form.addRow(self.tr("&Name:"), self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_unit(parent, title: str, code: str = "", name: str = ""):
    """``(code, name)`` typed in a :class:`UnitDialog`, or None if cancelled."""
    dialog = UnitDialog(title, code, name, parent)
    try:
        return (dialog.code.text(), dialog.name.text()) if dialog.exec() == QDialog.Accepted else None
    finally:
        dialog.deleteLater()


def ask_period(parent, title: str, label: str, suggestion: str):
    """The period typed, or None if cancelled."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.Normal, suggestion)
    return text if ok else None


class UnitPeriodEdits(QObject):
    """The sheet's unit and period commands, as actions and as methods
    (``add_unit("CD", "Chengdu")`` ...; with no arguments they ask)."""

    statusMessage = Signal(str)

    def __init__(self, sheet, document):
        super().__init__(sheet)
        self.sheet, self.document = sheet, document
        self.add_unit_action = self._action(lambda: self.add_unit())
        self.rename_unit_action = self._action(lambda: self.rename_unit())
        self.delete_unit_action = self._action(lambda: self.delete_unit())
        self.add_period_action = self._action(lambda: self.add_period())
        self.delete_period_action = self._action(lambda: self.delete_period())
        self.menu = QMenu(sheet)
        for a in (self.add_unit_action, self.rename_unit_action, self.delete_unit_action):
            self.menu.addAction(a)
        self.menu.addSeparator()
        for a in (self.add_period_action, self.delete_period_action):
            self.menu.addAction(a)
        self.menu.aboutToShow.connect(self.update_actions)
        self.retranslateUi()

    def _action(self, slot) -> QAction:
        a = QAction(self)
        a.triggered.connect(slot)
        return a

    @property
    def actions(self) -> list:
        return self.menu.actions()

    def retranslateUi(self):
        self.add_unit_action.setText(self.tr("Add &unit…"))
        self.rename_unit_action.setText(self.tr("Re&name unit…"))
        self.delete_unit_action.setText(self.tr("Delete u&nit"))
        self.add_period_action.setText(self.tr("Add &period…"))
        self.delete_period_action.setText(self.tr("Delete p&eriod"))
        self.update_actions()

    # ---- what the commands act on ---------------------------------------------------------
    @property
    def _ds(self):
        return self.document.project.dataset

    def current_unit(self) -> int | None:
        model = self.sheet.model
        if model.layout == UNIT_LAYOUT:
            return model.unit if self._ds.unit_codes else None
        cell = model.cell(self.sheet.grid.currentIndex())
        return None if cell is None else cell[0]

    def current_period(self) -> int | None:
        model = self.sheet.model
        if model.layout != UNIT_LAYOUT:
            return model.period if self._ds.periods else None
        cell = model.cell(self.sheet.grid.currentIndex())
        return None if cell is None else cell[1]

    def selected_units(self) -> list[int]:
        """The units of the selected rows (by period), else the current unit."""
        model = self.sheet.model
        if model.layout != UNIT_LAYOUT:
            n = len(self._ds.unit_codes)
            rows = sorted({i.row() for i in self.sheet.grid.selectionModel().selectedIndexes() if i.row() < n})
            if rows:
                return rows
        u = self.current_unit()
        return [] if u is None else [u]

    def selected_periods(self) -> list[int]:
        """The periods of the selected columns (by unit), else the current period."""
        model = self.sheet.model
        if model.layout == UNIT_LAYOUT:
            n = len(self._ds.periods)
            cols = sorted({i.column() - FIRST_PERIOD_COLUMN for i in self.sheet.grid.selectionModel().selectedIndexes()
                           if 0 <= i.column() - FIRST_PERIOD_COLUMN < n})
            if cols:
                return cols
        t = self.current_period()
        return [] if t is None else [t]

    def update_actions(self):
        ds = self._ds
        u, units, periods = self.current_unit(), self.selected_units(), self.selected_periods()
        self.rename_unit_action.setEnabled(u is not None)
        self.delete_unit_action.setEnabled(bool(units) and len(units) < len(ds.unit_codes))
        if len(units) > 1:
            self.delete_unit_action.setText(self.tr("Delete {0} units").format(len(units)))
        else:
            self.delete_unit_action.setText(self.tr("Delete unit {0}").format(ds.unit_names[units[0]]) if units
                                            else self.tr("Delete u&nit"))
        self.add_period_action.setEnabled(ds.has_time)
        self.delete_period_action.setEnabled(bool(periods) and ds.has_time and len(periods) < len(ds.periods))
        if len(periods) > 1:
            self.delete_period_action.setText(self.tr("Delete {0} periods").format(len(periods)))
        else:
            self.delete_period_action.setText(self.tr("Delete period {0}").format(ds.periods[periods[0]]) if periods
                                              else self.tr("Delete p&eriod"))

    # ---- the commands -----------------------------------------------------------------------
    def _run(self, make, text: str, done: str) -> bool:
        """Build the core command (refusals go to the message bar), run it as
        one undo step and say what was done."""
        try:
            command = make()
        except CoIndexError as error:
            self.document.editFailed.emit(str(error))
            return False
        if not self.document.execute(command, text):
            return False
        self.statusMessage.emit(done)
        return True

    def add_unit(self, code=None, name=None) -> bool:
        if code is None:
            answer = ask_unit(self.sheet, self.tr("Add unit"))
            if answer is None:
                return False
            code, name = answer
        project = self.document.project
        if not self._run(lambda: AddUnit(project, code, name), self.tr("Add unit"),
                         self.tr("Unit {0} added: type its values or import them").format(str(code).strip())):
            return False
        self._show_unit(len(self._ds.unit_codes) - 1)
        return True

    def rename_unit(self, code=None, name=None) -> bool:
        u = self.current_unit()
        if u is None:
            return False
        old = self._ds.unit_codes[u]
        if code is None and name is None:
            answer = ask_unit(self.sheet, self.tr("Rename unit"), old, self._ds.unit_names[u])
            if answer is None:
                return False
            code, name = answer
        project = self.document.project
        return self._run(lambda: RenameUnit(project, old, code, name), self.tr("Rename unit"),
                         self.tr("Unit {0} renamed").format(old))

    def delete_unit(self) -> bool:
        """Delete the selected units (by period, several rows) or the unit shown."""
        units = self.selected_units()
        if not units:
            return False
        ds = self._ds
        codes = [ds.unit_codes[u] for u in units]
        what = ds.unit_names[units[0]] if len(units) == 1 else self.tr("{0} units").format(len(units))
        project = self.document.project
        return self._run(lambda: DeleteUnits(project, codes), self.tr("Delete unit"),
                         self.tr("Unit {0} deleted with its values (Undo brings it back)").format(what)
                         if len(units) == 1 else
                         self.tr("{0} deleted with their values (Undo brings them back)").format(what))

    def add_period(self, period=None) -> bool:
        ds = self._ds
        if period is None:
            years = [p for p in ds.periods if isinstance(p, int)]
            period = ask_period(self.sheet, self.tr("Add period"), self.tr("Year:"),
                                str(max(years) + 1) if years else "")
            if period is None:
                return False
        project = self.document.project
        if not self._run(lambda: AddPeriod(project, period), self.tr("Add period"),
                         self.tr("Period {0} added: type its values or import them").format(str(period).strip())):
            return False
        self.sheet.set_period(self._ds.period_index[int(str(period).strip())])
        return True

    def delete_period(self) -> bool:
        """Delete the selected periods (by unit, several columns) or the period shown."""
        picked = self.selected_periods()
        if not picked:
            return False
        periods = [self._ds.periods[t] for t in picked]
        project = self.document.project
        what = ", ".join(str(p) for p in periods)
        return self._run(lambda: DeletePeriods(project, periods), self.tr("Delete period"),
                         self.tr("Period {0} deleted with its values (Undo brings it back)").format(what)
                         if len(periods) == 1 else
                         self.tr("Periods {0} deleted with their values (Undo brings them back)").format(what))

    def _show_unit(self, u: int):
        self.sheet.set_unit(u)
        self.sheet.unitChanged.emit(u)
