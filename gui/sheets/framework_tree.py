"""The framework as a tree: dimensions and indicators with their weights as
entered, their effective share of the index and their direction.

:class:`FrameworkModel` reads the project's framework and writes through the
commands of :mod:`core.project.structure` via :meth:`ProjectDocument.execute`, so
every edit is validated by the core, recomputed and undoable.  The model
never opens a dialog; :class:`FrameworkTree` (toolbar, context menu, drag and
drop) asks the user where it must: before deleting a node with data, and for
the new parent of "Move to…".
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView,
                               QInputDialog, QLineEdit, QMenu, QMessageBox, QToolBar, QTreeView, QVBoxLayout,
                               QWidget)

from core.errors import CoIndexError, InputError
from core.project.structure import (AddAggregate, AddIndicator, DeleteNode, EditNode, MoveNode, RenameNode,
                                    ToggleDirection, check_code, descendants, free_code, has_data)

from gui.base.document import ProjectDocument
from gui.base.i18n import display_name
from gui.sheets.framework_model import DIRECTION_COLUMN, NAME_COLUMN, SHARE_COLUMN, WEIGHT_COLUMN, FrameworkModel


class _TreeView(QTreeView):
    """A tree view whose own keys (``keyActions``: key -> QAction) win over
    window shortcuts while it has the focus and is not editing."""

    keyActions: dict = {}

    def _action_for(self, event):
        if event.modifiers() & ~Qt.KeypadModifier or self.state() == QAbstractItemView.EditingState:
            return None
        return self.keyActions.get(event.key())

    def event(self, event):
        if event.type() == event.Type.ShortcutOverride and self._action_for(event) is not None:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        action = self._action_for(event)
        if action is not None:
            if action.isEnabled():
                action.trigger()
            event.accept()
            return
        super().keyPressEvent(event)


class NodeDialog(QDialog):
    """Code and names of a node (Rename…)."""

    def __init__(self, node, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rename {0}").format(node.code))
        self.code_edit = QLineEdit(node.code, self)
        self.name_edit = QLineEdit(node.name, self)
        self.name_zh_edit = QLineEdit(node.name_zh, self)
        for edit in (self.code_edit, self.name_edit, self.name_zh_edit):
            edit.setMinimumWidth(320)
        form = QFormLayout()
        form.addRow(self.tr("&Code:"), self.code_edit)
        form.addRow(self.tr("&English name:"), self.name_edit)
        form.addRow(self.tr("C&hinese name:"), self.name_zh_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return {"code": self.code_edit.text().strip(), "name": self.name_edit.text().strip(),
                "name_zh": self.name_zh_edit.text().strip()}


class FrameworkTree(QWidget):
    """Toolbar and tree view over a :class:`FrameworkModel`.

    Every edit is one undo step of the document.  Drag a node onto a
    dimension to move it; double-click a name or weight to edit it, a
    direction to reverse it; Delete removes the selected node (asking first
    when it has data).
    """

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = FrameworkModel(document, self)
        self.model.statusMessage.connect(self.statusMessage)
        self._collapsed: set[str] = set()

        self.view = _TreeView(self)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setTextElideMode(Qt.ElideMiddle)      # long names keep their code, at the end, in view
        self.view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.view.setDragDropMode(QAbstractItemView.InternalMove)
        self.view.setDefaultDropAction(Qt.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.CustomContextMenu)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.Stretch)
        for col in (WEIGHT_COLUMN, SHARE_COLUMN, DIRECTION_COLUMN):
            header.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.view.setMinimumWidth(280)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)

        self.view.expandAll()
        self.view.expanded.connect(lambda i: self._collapsed.discard(self.model.code(i)))
        self.view.collapsed.connect(lambda i: self._collapsed.add(self.model.code(i)))
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._on_model_reset)
        self._current = None
        self.retranslateUi()
        self._update_actions()

    # ---- actions --------------------------------------------------------------------------------
    def _make_actions(self):
        def action(slot):
            a = QAction(self)
            a.triggered.connect(lambda checked=False: slot())
            self.addAction(a)
            return a

        self.add_dimension_action = action(self._on_add_dimension)
        self.add_subdimension_action = action(self._on_add_subdimension)
        self.add_indicator_action = action(self._on_add_indicator)
        self.rename_action = action(self._on_rename)
        self.move_action = action(self._on_move_to)
        self.direction_action = action(self._on_toggle_direction)
        self.delete_action = action(self._on_delete)
        # keys handled by the view itself, so that the window's own Delete /
        # Insert shortcuts (for the data sheet) cannot make them ambiguous
        self.view.keyActions = {Qt.Key_Delete: self.delete_action, Qt.Key_Backspace: self.delete_action,
                                Qt.Key_Insert: self.add_indicator_action}
        for a in (self.add_dimension_action, self.add_indicator_action, self.rename_action, self.move_action,
                  self.delete_action):
            self.toolbar.addAction(a)

    def retranslateUi(self):
        tr = self.tr
        texts = {
            self.add_dimension_action: (tr("Add dimension"), tr("Add a dimension next to the selected one "
                                                                "(under the index)")),
            self.add_subdimension_action: (tr("Add sub-dimension"), tr("Add a sub-dimension inside the "
                                                                       "selected dimension")),
            self.add_indicator_action: (tr("Add indicator"), tr("Add an indicator to the selected dimension; "
                                                                "its values start missing (Insert)")),
            self.rename_action: (tr("Rename…"), tr("Change the code and names of the selected node")),
            self.move_action: (tr("Move to…"), tr("Move the selected node into another dimension "
                                                  "(or drag it there)")),
            self.direction_action: (tr("Reverse direction"), tr("Switch between higher and lower is better")),
            self.delete_action: (tr("Delete"), tr("Delete the selected node, a dimension with everything in it "
                                                  "(Delete)")),
        }
        for a, (text, tip) in texts.items():
            a.setText(text)
            a.setToolTip(tip)
            a.setStatusTip(tip)
        self.toolbar.setWindowTitle(tr("Framework"))
        self.model.headerDataChanged.emit(Qt.Horizontal, 0, self.model.columnCount() - 1)
        self.refresh_names()

    def refresh_names(self):
        """Names are shown in the current language: repaint after a switch."""
        self.view.viewport().update()

    def current_code(self) -> str | None:
        return self.model.code(self.view.currentIndex())

    def select(self, code: str):
        index = self.model.index_of(code)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def _update_actions(self, *args):
        code = self.current_code()
        fw = self.model.framework
        node = fw[code] if code else None
        self.add_subdimension_action.setEnabled(node is not None)
        self.rename_action.setEnabled(node is not None)
        self.move_action.setEnabled(node is not None and node.parent is not None)
        self.delete_action.setEnabled(node is not None)
        self.direction_action.setEnabled(node is not None and node.is_indicator)

    def _container(self) -> str | None:
        """The aggregate the selection points into: the selected dimension,
        or the dimension of the selected indicator; the index by default."""
        fw = self.model.framework
        code = self.current_code()
        if code is None:
            return fw.root
        return fw[code].parent if fw[code].is_indicator else code

    # ---- operations (also used by tests and the main window) -----------------------------------------
    def add_indicator(self, parent: str | None = None, position: int | None = None, edit: bool = True):
        """Add an indicator (missing values) under ``parent``; selects it and
        starts editing its name.  Returns its code, or None if refused."""
        parent = parent or self._container()
        if parent is None:
            return None
        code = free_code(self.document.project, parent)
        ok = self.model.execute(AddIndicator(parent, code=code, name=self.tr("New indicator"),
                                             position=position), self.tr("Add indicator {0}").format(code))
        return self._after_add(code, edit) if ok else None

    def add_dimension(self, parent: str | None = None, edit: bool = True):
        """Add a dimension under ``parent`` (the index by default) with a
        first, empty indicator.  Returns its code, or None if refused."""
        fw = self.model.framework
        parent = parent or fw.root
        if parent is None:
            return None
        project = self.document.project
        code = free_code(project, "DIM")
        ok = self.model.execute(AddAggregate(parent, code=code, name=self.tr("New dimension"),
                                             indicator_code=free_code(project, code, also_taken=[code]),
                                             indicator_name=self.tr("New indicator")),
                                self.tr("Add dimension {0}").format(code))
        return self._after_add(code, edit) if ok else None

    def _after_add(self, code, edit):
        self.select(code)
        if edit:
            self.view.edit(self.model.index_of(code))
        self.statusMessage.emit(self.tr("Added {0}").format(code))
        return code

    def rename(self, code: str, new_code: str | None = None, name: str | None = None,
               name_zh: str | None = None) -> bool:
        """Change code and names as one undo step; unchanged parts are skipped."""
        node = self.model.framework[code]
        changes = {k: v for k, v in (("name", name), ("name_zh", name_zh)) if v is not None and v != getattr(node, k)}
        try:            # refuse before anything reaches the undo stack (no empty macro)
            if new_code and new_code != code:
                check_code(self.document.project, new_code, current=code)
            if "name" in changes and not changes["name"].strip():
                raise InputError(self.tr("The English name cannot be empty"))
        except CoIndexError as e:
            self.statusMessage.emit(str(e))
            return False
        commands = []
        if changes:
            commands.append(EditNode(code, changes))
        if new_code and new_code != code:
            commands.append(RenameNode(code, new_code))
        if not commands:
            return False
        text = self.tr("Rename {0}").format(code)
        if len(commands) == 1:
            ok = self.model.execute(commands[0], text)
        else:
            stack = self.document.undo_stack
            stack.beginMacro(text)
            try:
                ok = all(self.model.execute(c, text) for c in commands)
            finally:
                stack.endMacro()
        if ok and new_code:
            self.select(new_code)
        return ok

    def delete(self, code: str, confirm: bool = True) -> bool:
        """Delete a node; with ``confirm``, ask first when it has data."""
        project = self.document.project
        if confirm and has_data(project, code):
            node = project.framework[code]
            below = [c for c in descendants(project.framework, code) if project.framework[c].is_indicator]
            if node.is_indicator:
                text = self.tr("Delete the indicator {0} and all its values?").format(
                    f"{display_name(node)} ({code})")
            else:
                text = self.tr("Delete the dimension {0} with its {1} indicator(s) and all their values?").format(
                    f"{display_name(node)} ({code})", len(below))
            text += "\n" + self.tr("You can undo this with Edit > Undo.")
            answer = QMessageBox.question(self, self.tr("Delete {0}").format(code), text,
                                          QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                return False
        ok = self.model.execute(DeleteNode(code), self.tr("Delete {0}").format(code))
        if ok:
            self.statusMessage.emit(self.tr("Deleted {0}").format(code))
        return ok

    def move(self, code: str, new_parent: str, position: int | None = None) -> bool:
        """Move a node (and what is inside it) into ``new_parent`` at
        ``position`` among its children (last when None)."""
        ok = self.model.execute(MoveNode(code, new_parent, position), self.tr("Move {0}").format(code))
        if ok:
            self.select(code)
        return ok

    def toggle_direction(self, code: str) -> bool:
        return self.model.execute(ToggleDirection(code), self.tr("Direction of {0}").format(code))

    def move_targets(self, code: str) -> list[str]:
        """Dimensions ``code`` can move into (not itself, not inside itself)."""
        fw = self.model.framework
        inside = {code, *descendants(fw, code)}
        return [c for c in (n.code for n in fw.nodes)
                if not fw[c].is_indicator and c not in inside and c != fw[code].parent]

    # ---- user interface --------------------------------------------------------------------------------
    def _on_add_indicator(self):
        code = self.current_code()
        fw = self.model.framework
        if code is not None and fw[code].is_indicator:
            self.add_indicator(fw[code].parent, self.model.index_of(code).row() + 1)
        else:
            self.add_indicator(self._container())

    def _on_add_dimension(self):
        fw = self.model.framework
        code = self.current_code()
        parent = fw.root
        if code is not None:
            dim = fw[code].parent if fw[code].is_indicator else code
            parent = fw[dim].parent or dim
        self.add_dimension(parent)

    def _on_add_subdimension(self):
        self.add_dimension(self._container())

    def _on_rename(self):
        code = self.current_code()
        if code is None:
            return
        values = self._ask_node_fields(code)
        if values:
            self.rename(code, values.get("code"), values.get("name"), values.get("name_zh"))

    def _ask_node_fields(self, code: str) -> dict | None:
        dialog = NodeDialog(self.model.framework[code], self)
        return dialog.values() if dialog.exec() == QDialog.Accepted else None

    def _on_move_to(self):
        code = self.current_code()
        if code is None:
            return
        targets = self.move_targets(code)
        if not targets:
            self.statusMessage.emit(self.tr("There is no other dimension to move {0} into").format(code))
            return
        target = self._ask_move_target(code, targets)
        if target:
            self.move(code, target)

    def _ask_move_target(self, code: str, targets: list[str]) -> str | None:
        fw = self.model.framework
        labels = [f"{display_name(fw[c])} ({c})" for c in targets]
        label, ok = QInputDialog.getItem(self, self.tr("Move {0}").format(code),
                                         self.tr("Move into the dimension:"), labels, 0, False)
        return targets[labels.index(label)] if ok and label in labels else None

    def _on_toggle_direction(self):
        code = self.current_code()
        if code is not None and self.model.framework[code].is_indicator:
            self.toggle_direction(code)

    def _on_delete(self):
        if self.view.state() == QAbstractItemView.EditingState:
            return
        code = self.current_code()
        if code is not None:
            self.delete(code)

    def _on_double_clicked(self, index):
        code = self.model.code(index)
        if index.column() == DIRECTION_COLUMN and code and self.model.framework[code].is_indicator:
            self.toggle_direction(code)

    def _on_context_menu(self, pos):
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        for a in (self.add_dimension_action, self.add_subdimension_action, self.add_indicator_action, None,
                  self.rename_action, self.move_action, self.direction_action, None, self.delete_action):
            if a is None:
                menu.addSeparator()
            else:
                menu.addAction(a)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    # ---- keep expansion and selection across structure changes -----------------------------------------
    def _remember_current(self):
        self._current = self.current_code()

    def _on_model_reset(self):
        collapsed = set(self._collapsed)          # expandAll() reports every node as expanded
        self.view.expandAll()
        self._collapsed = {c for c in collapsed if self.model.index_of(c).isValid()}
        for code in self._collapsed:
            self.view.collapse(self.model.index_of(code))
        if self._current:
            self.select(self._current)
        self._update_actions()
