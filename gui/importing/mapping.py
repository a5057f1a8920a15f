"""The import wizard's matching page: each workbook indicator matched to a
project indicator (or left out), and each one that matches none added as
a new indicator under the aggregate chosen for it (a column of the table,
with a combo that sets them all at once).

:class:`MappingModel` holds the choices (no dialogs); :class:`MatchPage`
turns them into :class:`core.importing.plan.ImportOptions` (``mapping``,
``new_parent``, ``new_parents``) and the wizard's merge plan.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWizardPage)

from core.importing.merge import normalise_label
from core.importing.plan import SKIP, label_of, summary_lines

from gui.base import i18n
from gui.importing.models import (ALIGN_RIGHT, ALIGN_ROLE, BACKGROUND_ROLE, DISPLAY_ROLE, EDIT_ROLE, HEADER, HIDDEN,
                                  ITEM_FLAGS, MARK_COLOURS, VALUE, RowsModel, wrapped_label)

LABEL, UNIT, COUNT, TARGET, PARENT, STATUS = range(6)


class MappingModel(QAbstractTableModel):
    """The workbook's indicators, the project indicator each updates, and
    where each one that matches none is added.  Column TARGET is editable:
    automatic (None), :data:`SKIP` or a project indicator code; column
    PARENT, on the rows that match none: an aggregate code or None (not
    imported)."""

    mappingChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.units: list[str] = []
        self.counts = np.zeros(0, dtype=np.int64)
        self.choice: list = []
        self.parent: list = []        # per row: the aggregate a new indicator goes under, or None
        self.outcome: list = []       # per row: (code or None, is_new)
        self.names: dict = {}         # project indicator code -> display name
        self.parent_names: dict = {}  # project aggregate code -> display name

    def set_result(self, result, names: dict, parent_names: dict | None = None):
        self.beginResetModel()
        self.labels = [label_of(ind) for ind in result.indicators]
        self.units = [ind.unit for ind in result.indicators]
        self.counts = np.isfinite(result.values).sum(axis=(0, 1))
        self.choice = [None] * len(self.labels)
        self.parent = [None] * len(self.labels)
        self.outcome = [(None, False)] * len(self.labels)
        self.names = dict(names)
        self.parent_names = dict(parent_names or {})
        self.endResetModel()

    def mapping(self) -> dict:
        return {label: c for label, c in zip(self.labels, self.choice) if c is not None}

    def parents(self) -> dict:
        """workbook label -> the aggregate it is added under if it matches none (None: not imported)."""
        return dict(zip(self.labels, self.parent))

    def set_parents(self, parents: dict, default=None):
        """Each row's parent from ``parents`` (by label), else ``default``
        (codes that are not aggregates: None); no signal (filling the page)."""
        known = self.parent_names
        self.parent = [p if p in known else None for p in (parents.get(label, default) for label in self.labels)]
        self._changed(0, len(self.labels) - 1)

    def fill_parents(self, parent) -> bool:
        """Every row under ``parent`` (the "all at once" choice); True if a row changed."""
        parent = parent if parent in self.parent_names else None
        if all(p == parent for p in self.parent):
            return False
        self.parent = [parent] * len(self.labels)
        self._changed(0, len(self.labels) - 1)
        self.mappingChanged.emit()
        return True

    def is_new_row(self, row) -> bool:
        """The row matches no project indicator (so its PARENT applies)."""
        code, is_new = self.outcome[row]
        return self.choice[row] is None and (code is None or is_new)

    def set_outcome(self, summary):
        """Show what the merge plan does with each row (``summary`` None: nothing matches)."""
        matched = summary.matched if summary is not None else {}
        new = set(summary.new_indicators) if summary is not None else set()
        self.outcome = [(matched.get(label), matched.get(label) in new) for label in self.labels]
        self._changed(0, len(self.labels) - 1)

    def _changed(self, first, last):
        if self.labels and last >= first:
            self.dataChanged.emit(self.index(first, TARGET), self.index(last, STATUS))

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.labels)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 6

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        c = index.column()
        if c == TARGET or (c == PARENT and self.is_new_row(index.row())):
            return ITEM_FLAGS | Qt.ItemIsEditable
        return ITEM_FLAGS

    def _aggregate_text(self, code) -> str:
        name = self.parent_names.get(code, "")
        return f"{code} — {name}" if name else code

    def target_text(self, row) -> str:
        choice = self.choice[row]
        if choice == SKIP:
            return self.tr("Do not import")
        code, is_new = self.outcome[row]
        if choice is None and code is None:
            return self.tr("(no match)")
        code = choice if choice is not None else code
        if is_new:
            return self.tr("{0} (new)").format(code)
        name = self.names.get(code, "")
        return f"{code} — {name}" if name else code

    def parent_text(self, row) -> str:
        if not self.is_new_row(row):
            return ""
        parent = self.parent[row]
        return self.tr("Do not import") if parent is None else self._aggregate_text(parent)

    def status_text(self, row) -> str:
        if self.choice[row] == SKIP:
            return self.tr("skipped")
        code, is_new = self.outcome[row]
        if code is None:
            return self.tr("not imported")
        if is_new:
            return self.tr("new indicator under {0}").format(self._aggregate_text(self.parent[row]))
        return self.tr("chosen") if self.choice[row] is not None else self.tr("matched")

    def choices(self, index) -> list:
        """(text, value) pairs the combo of an editable cell offers."""
        if index.column() == PARENT:
            return [(self.tr("Do not import"), None)] + [(self._aggregate_text(c), c) for c in self.parent_names]
        return ([(self.tr("Automatic"), None), (self.tr("Do not import"), SKIP)]
                + [(f"{code} — {name}", code) for code, name in self.names.items()])

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == DISPLAY_ROLE or role == EDIT_ROLE:
            if role == EDIT_ROLE and c == TARGET:
                return self.choice[r]
            if role == EDIT_ROLE and c == PARENT:
                return self.parent[r]
            if c == TARGET:
                return self.target_text(r)
            if c == PARENT:
                return self.parent_text(r)
            if c == STATUS:
                return self.status_text(r)
            return (self.labels[r], self.units[r], str(int(self.counts[r])))[c]
        if role == BACKGROUND_ROLE and c == STATUS:
            code, is_new = self.outcome[r]
            if self.choice[r] == SKIP or code is None:
                return MARK_COLOURS[HIDDEN]
            return MARK_COLOURS[HEADER] if is_new else MARK_COLOURS[VALUE]
        if role == ALIGN_ROLE and c == COUNT:
            return ALIGN_RIGHT
        return None

    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid() or role != EDIT_ROLE:
            return False
        r, c = index.row(), index.column()
        if c == TARGET:
            if value not in (None, SKIP) and value not in self.names:
                return False
            self.choice[r] = value
        elif c == PARENT:
            if not self.is_new_row(r) or (value is not None and value not in self.parent_names):
                return False
            self.parent[r] = value
        else:
            return False
        self._changed(r, r)
        self.mappingChanged.emit()
        return True

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role != DISPLAY_ROLE:
            return None
        if orientation == Qt.Vertical:
            return str(section + 1)
        heads = (self.tr("In the workbook"), self.tr("Unit of measure"), self.tr("Values"),
                 self.tr("Project indicator"), self.tr("New indicator under"), self.tr("Result"))
        return heads[section] if 0 <= section < len(heads) else None


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for an editable cell, offering the model's
    ``choices(index)``: for TARGET automatic, do not import or any
    project indicator; for PARENT do not import or any aggregate."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        for text, value in index.model().choices(index):
            box.addItem(text, value)
        box.activated.connect(lambda *_: self.commitData.emit(box))
        return box

    def setEditorData(self, editor, index):
        k = editor.findData(index.data(Qt.EditRole))
        editor.setCurrentIndex(max(k, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.EditRole)


TargetDelegate = ChoiceDelegate        # the older name


class MatchPage(QWizardPage):
    """Workbook indicators, units and periods matched to the project's."""

    planChanged = Signal()

    def __init__(self, wizard):
        super().__init__(wizard)
        self.intro = wrapped_label(self)
        self.model = MappingModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.delegate = ChoiceDelegate(self.view)
        self.view.setItemDelegateForColumn(TARGET, self.delegate)
        self.view.setItemDelegateForColumn(PARENT, self.delegate)
        self.view.setEditTriggers(QAbstractItemView.AllEditTriggers)
        header = self.view.horizontalHeader()
        for c in (LABEL, TARGET, PARENT):
            header.setSectionResizeMode(c, QHeaderView.Stretch)
        for c in (UNIT, COUNT, STATUS):
            header.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.new_label = QLabel(self)
        self.new_box = QComboBox(self)
        self.new_label.setBuddy(self.new_box)
        self.new_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.units_model = RowsModel(self)
        self.units_view = QTableView(self)
        self.units_view.setModel(self.units_model)
        self.units_view.horizontalHeader().setStretchLastSection(True)
        self.units_view.setMaximumHeight(140)
        self.periods_label = wrapped_label(self)
        self.add_units = QCheckBox(self)
        self.add_periods = QCheckBox(self)
        self.clear_missing = QCheckBox(self)
        self.add_units.setChecked(False)
        self.add_periods.setChecked(True)
        self.clear_missing.setChecked(False)
        self.status = wrapped_label(self)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_label)
        new_row.addWidget(self.new_box, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.add_units)
        checks.addWidget(self.add_periods)
        checks.addWidget(self.clear_missing)
        checks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.view, 3)
        layout.addLayout(new_row)
        layout.addWidget(self.units_view, 1)
        layout.addWidget(self.periods_label)
        layout.addLayout(checks)
        layout.addWidget(self.status)
        self.model.mappingChanged.connect(self.update_plan)
        self.new_box.currentIndexChanged.connect(self._on_new_parent_changed)
        self.new_box.activated.connect(self._on_new_parent_activated)
        self.add_units.toggled.connect(lambda *_: self.update_plan())
        self.add_periods.toggled.connect(lambda *_: self.update_plan())
        self.clear_missing.toggled.connect(lambda *_: self.update_plan())
        self._filling = False
        self.retranslateUi()

    def retranslateUi(self):
        self.setTitle(self.tr("Match indicators, units and periods"))
        self.intro.setText(self.tr("Each workbook indicator updates the project indicator with the same code, "
                                   "English name or Chinese name. Click a cell of 'Project indicator' to choose "
                                   "another one or to leave it out; for an indicator that matches none, click "
                                   "its cell of 'New indicator under' to add it under an aggregate."))
        self.new_label.setText(self.tr("All indicators that match &none:"))
        self.add_units.setText(self.tr("Add new &units"))
        self.add_periods.setText(self.tr("Add new &periods"))
        self.clear_missing.setText(self.tr("Cells marked &missing clear the project's values"))
        self.add_units.setToolTip(self.tr("Add the workbook's units that match none of the project's. Unticked, "
                                          "they are not imported, except that the one unit of a workbook "
                                          "updates the only unit of a one-unit project."))
        self.clear_missing.setToolTip(self.tr("Blank cells and missing marks such as \"—\" or \"..\" clear the "
                                              "project's values. Unticked, the project's values are kept."))
        if self.new_box.count():
            self.new_box.setItemText(0, self.tr("do not import them"))
        for k in range(1, self.new_box.count()):
            code = self.new_box.itemData(k)
            node = self.wizard().document.project.framework[code]
            self.new_box.setItemText(k, self.tr("add them as new indicators under {0}").format(
                f"{code} — {i18n.display_name(node)}"))
        self.units_model.set_headers([self.tr("In the workbook"), self.tr("In the project")])
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, self.model.columnCount() - 1)
        self._show_plan()

    def initializePage(self):
        wizard = self.wizard()
        fw = wizard.document.project.framework
        names = {code: i18n.display_name(fw[code]) for code in fw.indicator_codes}
        aggregates = sorted(fw.aggregate_codes, key=lambda c: -fw.level[c])     # the index first
        self._filling = True
        try:
            self.model.set_result(wizard.import_result, names,
                                  {code: i18n.display_name(fw[code]) for code in aggregates})
            keep = wizard.options.new_parent
            self.new_box.clear()
            self.new_box.addItem("", None)
            for code in aggregates:
                self.new_box.addItem("", code)
            self.new_box.setCurrentIndex(max(self.new_box.findData(keep), 0))
            self.model.set_parents(wizard.options.new_parents, self.new_box.currentData())
            self.add_units.setChecked(wizard.options.add_units)
            self.add_periods.setChecked(wizard.options.add_periods)
            self.clear_missing.setChecked(wizard.options.clear_missing)
            for label, choice in wizard.options.mapping.items():
                if label in self.model.labels and (choice == SKIP or choice in names):
                    self.model.choice[self.model.labels.index(label)] = choice
        finally:
            self._filling = False
        self.retranslateUi()
        self.update_plan()

    def _on_new_parent_changed(self, *_):
        """The "all at once" choice: every row's parent, then the plan."""
        if self._filling:
            return
        if not self.model.fill_parents(self.new_box.currentData()):
            self.update_plan()                   # the default for other labels still changed

    def _on_new_parent_activated(self, *_):
        """The same choice again fills the column again (after rows were changed one by one)."""
        if not self._filling:
            self.model.fill_parents(self.new_box.currentData())

    def update_plan(self):
        wizard = self.wizard()
        if self._filling or not hasattr(wizard, "update_plan"):    # filling, or the wizard is being destroyed
            return
        o = wizard.options
        o.mapping = self.model.mapping()
        o.new_parent = self.new_box.currentData()
        o.new_parents = self.model.parents()
        o.add_units, o.add_periods = self.add_units.isChecked(), self.add_periods.isChecked()
        o.clear_missing = self.clear_missing.isChecked()
        wizard.update_plan()
        self._show_plan()
        self.completeChanged.emit()
        self.planChanged.emit()

    def _show_plan(self):
        wizard = self.wizard()
        if getattr(wizard, "import_result", None) is None:
            return
        summary = wizard.summary
        self.model.set_outcome(summary)
        result, ds = wizard.import_result, wizard.document.project.dataset
        lookup = {}
        for u, (code, name) in enumerate(zip(ds.unit_codes, ds.unit_names)):
            lookup.setdefault(normalise_label(code), u)
            lookup.setdefault(normalise_label(name), u)
        rows, colours = [], []
        new_units = set(summary.new_units) if summary is not None else set()
        taken = summary.unit_taken[1] if summary is not None and summary.unit_taken is not None else None
        for code, name in result.units:
            label = code if name in ("", code) else f"{name} ({code})"
            u = lookup.get(normalise_label(code), lookup.get(normalise_label(name)))
            if u is None and taken is not None:
                u = ds.unit_codes.index(taken)          # the one unit into the only unit
            if u is not None:
                there = ds.unit_codes[u] if ds.unit_names[u] in ("", ds.unit_codes[u]) else \
                    f"{ds.unit_names[u]} ({ds.unit_codes[u]})"
                rows.append((label, there))
                colours.append(MARK_COLOURS[VALUE])
            elif code in new_units:
                rows.append((label, self.tr("new unit")))
                colours.append(MARK_COLOURS[HEADER])
            else:
                rows.append((label, self.tr("not imported")))
                colours.append(MARK_COLOURS[HIDDEN])
        self.units_model.set_rows(self.units_model.headers, rows, colours)
        if summary is not None:
            new_p = [str(p) for p in summary.new_periods]
            off = [str(p) for p in summary.unmatched_periods]
            same = [str(p) for p in result.periods if str(p) not in new_p + off and p is not None]
            parts = []
            if same:
                parts.append(self.tr("matched: {0}").format(", ".join(same)))
            if new_p:
                parts.append(self.tr("new: {0}").format(", ".join(new_p)))
            if off:
                parts.append(self.tr("not imported: {0}").format(", ".join(off)))
            self.periods_label.setText(self.tr("Periods — {0}").format("; ".join(parts) or self.tr("none")))
        else:
            self.periods_label.setText("")
        lines = summary_lines(summary) if summary is not None else []
        if wizard.plan_error:
            lines.append(wizard.plan_error)
        self.status.setStyleSheet("color: #c0392b;" if wizard.plan_error else "")
        self.status.setText("\n".join(lines))

    def isComplete(self):
        return self.wizard().command is not None
