"""The framework as a tree: dimensions and indicators with their weights as
entered, their effective share of the index and their direction.

:class:`FrameworkModel` reads the project's framework and writes through the
commands of :mod:`core.structure` via :meth:`ProjectDocument.execute`, so
every edit is validated by the core, recomputed and undoable.  The model
never opens a dialog; :class:`FrameworkTree` (toolbar, context menu, drag and
drop) asks the user where it must: before deleting a node with data, and for
the new parent of "Move to…".
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMimeData, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView,
                               QInputDialog, QLineEdit, QMenu, QMessageBox, QToolBar, QTreeView, QVBoxLayout,
                               QWidget)

from core.errors import CoIndexError, InputError
from core.structure import (AddAggregate, AddIndicator, DeleteNode, EditNode, MoveNode, RenameNode, SetDirection,
                            SetWeight, ToggleDirection, check_code, descendants, free_code, has_data)

from .document import ProjectDocument
from .formatting import edit_text, format_value

try:
    from .i18n import display_name, is_chinese
except ImportError:                      # pragma: no cover - i18n comes with the language switch
    def is_chinese() -> bool:
        return str(QSettings().value("language", "")).startswith("zh")

    def display_name(node) -> str:
        if is_chinese() and (node.name_zh or "").strip():
            return node.name_zh
        return node.name or node.code

NAME_COLUMN, WEIGHT_COLUMN, SHARE_COLUMN, DIRECTION_COLUMN = range(4)
MIME_TYPE = "application/x-coindex-node"
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_CENTER = int(Qt.AlignCenter)


def run_edit(document: ProjectDocument, command, text: str, report) -> bool:
    """``document.execute`` that also hands a refusal's message to
    ``report(message)`` (a widget's ``statusMessage.emit``)."""
    messages = []

    def keep(message):
        messages.append(message)

    document.editFailed.connect(keep)
    try:
        ok = document.execute(command, text)
    finally:
        document.editFailed.disconnect(keep)
    if not ok and messages:
        report(messages[-1])
    return ok


def direction_text(direction: int, short: bool = False) -> str:
    """An indicator's direction for people (``short`` for narrow columns)."""
    if short:
        return QCoreApplication.translate("FrameworkTree", "↑ higher") if direction > 0 else \
            QCoreApplication.translate("FrameworkTree", "↓ lower")
    if direction > 0:
        return QCoreApplication.translate("FrameworkTree", "↑ higher is better")
    return QCoreApplication.translate("FrameworkTree", "↓ lower is better")


class FrameworkModel(QAbstractItemModel):
    """The framework tree; columns: name (code), weight as entered, share of
    the index in %, direction.  Rows are keyed by node code; node ids are
    positions in a list rebuilt on every structure change."""

    CodeRole = Qt.UserRole + 1          # the node's code
    ShareRole = Qt.UserRole + 2         # effective share of the index, 0..1
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self._document = document
        self._bold = QFont()
        self._bold.setBold(True)
        self._rebuild()
        document.structureChanged.connect(self._on_structure_changed)
        document.settingsChanged.connect(self._on_settings_changed)

    # ---- what the model shows ---------------------------------------------------------
    @property
    def framework(self):
        return self._document.project.framework

    @property
    def equal_weights(self) -> bool:
        return self._document.project.settings.weighting == "equal"

    def _rebuild(self):
        fw = self.framework
        self._codes = [n.code for n in fw.nodes]
        self._id = {c: k + 1 for k, c in enumerate(self._codes)}     # 0 is the invisible root
        self._kids = {None: [n.code for n in fw.nodes if n.parent is None]}
        for c in self._codes:
            self._kids[c] = fw.children(c)
        self._row = {c: r for kids in self._kids.values() for r, c in enumerate(kids)}
        self._parent = {n.code: n.parent for n in fw.nodes}
        self._shares = fw.effective_weights(equal=self.equal_weights)

    def code(self, index: QModelIndex) -> str | None:
        if not index.isValid() or not 0 < index.internalId() <= len(self._codes):
            return None
        return self._codes[index.internalId() - 1]

    def index_of(self, code: str, column: int = NAME_COLUMN) -> QModelIndex:
        if code not in self._row:
            return QModelIndex()
        return self.createIndex(self._row[code], column, self._id[code])

    def share(self, code: str) -> float:
        """Effective share of the index (0..1); 1 for the index itself."""
        return self._shares.get(code, 1.0)

    # ---- Qt model interface ---------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid() and parent.column() != NAME_COLUMN:
            return QModelIndex()
        kids = self._kids.get(self.code(parent) if parent.isValid() else None, [])
        if not (0 <= row < len(kids) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column, self._id[kids[row]])

    def parent(self, index=QModelIndex()):
        code = self.code(index)
        if code is None:
            return QModelIndex()
        up = self._parent.get(code)
        return QModelIndex() if up is None else self.index_of(up)

    def rowCount(self, parent=QModelIndex()):
        if not parent.isValid():
            return len(self._kids[None])
        if parent.column() != NAME_COLUMN:
            return 0
        return len(self._kids.get(self.code(parent), []))

    def columnCount(self, parent=QModelIndex()):
        return 4

    def hasChildren(self, parent=QModelIndex()):
        return self.rowCount(parent) > 0

    def flags(self, index):
        code = self.code(index)
        if code is None or code not in self.framework:
            return Qt.NoItemFlags
        node = self.framework[code]
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        col = index.column()
        if col == NAME_COLUMN or (col == WEIGHT_COLUMN and node.parent is not None):
            flags |= Qt.ItemIsEditable
        if node.parent is not None:
            flags |= Qt.ItemIsDragEnabled
        if not node.is_indicator:
            flags |= Qt.ItemIsDropEnabled
        return flags

    def data(self, index, role=Qt.DisplayRole):
        code = self.code(index)
        if code is None:
            return None
        if role == self.CodeRole:
            return code
        if role == self.ShareRole:
            return self.share(code)
        if code not in self.framework:      # deleted, and the reset is on its way
            return None
        node = self.framework[code]
        col = index.column()
        if col == NAME_COLUMN:
            if role == Qt.DisplayRole:
                return f"{display_name(node)} ({code})"
            if role == Qt.EditRole:
                return display_name(node)
            if role == Qt.ToolTipRole:
                return self._node_tooltip(node)
            if role == Qt.FontRole:
                return self._bold if not node.is_indicator else None
            return None
        if col == WEIGHT_COLUMN:
            if node.parent is None:
                return None
            if role == Qt.DisplayRole:
                return format_value(node.weight)
            if role == Qt.EditRole:
                return edit_text(node.weight)
            if role == Qt.TextAlignmentRole:
                return _RIGHT
            if role == Qt.ForegroundRole and self.equal_weights:
                return QBrush(QPalette().color(QPalette.Disabled, QPalette.Text))
            if role == Qt.ToolTipRole:
                text = self.tr("Weight as entered, relative to the other nodes in '{0}'").format(node.parent)
                if self.equal_weights:
                    text += "\n" + self.tr("Not used: the method settings give siblings equal weights")
                return text
            return None
        if col == SHARE_COLUMN:
            share = self.share(code)
            if role == Qt.DisplayRole:
                return f"{share * 100:.1f} %"
            if role == Qt.TextAlignmentRole:
                return _RIGHT
            if role == Qt.ToolTipRole:
                return self.tr("{0} carries {1} % of the index").format(code, f"{share * 100:.2f}")
            return None
        if col == DIRECTION_COLUMN and node.is_indicator:
            if role == Qt.DisplayRole:
                return direction_text(node.direction, short=True)
            if role == Qt.EditRole:
                return node.direction
            if role == Qt.ForegroundRole and node.direction < 0:
                return QBrush(QColor("#b35c00"))
            if role == Qt.ToolTipRole:
                return direction_text(node.direction) + "\n" + self.tr("Double-click to reverse the direction")
        return None

    def _node_tooltip(self, node) -> str:
        lines = [f"{node.code}  {node.name}"]
        if node.name_zh:
            lines.append(node.name_zh)
        if node.unit:
            lines.append(self.tr("Unit: {0}").format(node.unit))
        if node.description:
            lines.append(node.description)
        if node.is_indicator:
            lines.append(self.tr("Drag onto a dimension to move it there"))
        return "\n".join(lines)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < 4:
            return None
        if role == Qt.DisplayRole:
            return (self.tr("Name (code)"), self.tr("Weight"), self.tr("Share"), self.tr("Better"))[section]
        if role == Qt.ToolTipRole:
            return (self.tr("Dimensions and indicators; double-click a name to edit it"),
                    self.tr("Weight as entered, relative to siblings; double-click to edit"),
                    self.tr("Effective share of the composite index in % (product of the normalised weights "
                            "along the path)"),
                    self.tr("Whether higher or lower values are better; double-click to reverse"))[section]
        if role == Qt.TextAlignmentRole and section in (WEIGHT_COLUMN, SHARE_COLUMN):
            return _RIGHT
        return None

    # ---- edits ----------------------------------------------------------------------------------
    def setData(self, index, value, role=Qt.EditRole) -> bool:
        code = self.code(index)
        if code is None or role != Qt.EditRole or code not in self.framework:
            return False
        node = self.framework[code]
        col = index.column()
        if col == NAME_COLUMN:
            text = "" if value is None else str(value).strip()
            key = "name_zh" if is_chinese() else "name"
            if text == getattr(node, key):
                return False
            return self.execute(EditNode(code, {key: text}), self.tr("Rename {0}").format(code))
        if col == WEIGHT_COLUMN:
            text = str(value).strip() if value is not None else ""
            if text == edit_text(node.weight):
                return False
            return self.execute(SetWeight(code, text), self.tr("Weight of {0}").format(code))
        if col == DIRECTION_COLUMN and node.is_indicator:
            try:
                same = int(value) == node.direction
            except (TypeError, ValueError):
                same = False
            if same:
                return False
            return self.execute(SetDirection(code, value), self.tr("Direction of {0}").format(code))
        return False

    def execute(self, command, text: str) -> bool:
        return run_edit(self._document, command, text, self.statusMessage.emit)

    # ---- drag and drop ---------------------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.MoveAction

    def supportedDragActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [MIME_TYPE]

    def mimeData(self, indexes):
        codes = list(dict.fromkeys(c for c in (self.code(i) for i in indexes) if c is not None))
        if not codes:
            return None
        data = QMimeData()
        data.setData(MIME_TYPE, codes[0].encode("utf-8"))
        return data

    def _drop_target(self, data, parent):
        """(code, new parent) of a drop that the framework can take, else None."""
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        code = bytes(data.data(MIME_TYPE)).decode("utf-8")
        target = self.code(parent)
        fw = self.framework
        if code not in fw or target is None or fw[target].is_indicator:
            return None
        if target == code or code in fw.ancestors(target) or fw[code].parent is None:
            return None
        return code, target

    def canDropMimeData(self, data, action, row, column, parent):
        return action == Qt.MoveAction and self._drop_target(data, parent) is not None

    def dropMimeData(self, data, action, row, column, parent):
        """Move the dragged node under ``parent``, before its child ``row``
        (last when -1).  Returns False even on success: the move is already
        done, and True would invite the view to remove the source rows."""
        if action == Qt.IgnoreAction:
            return True
        target = self._drop_target(data, parent)
        if target is None:
            return False
        code, new_parent = target
        self.move(code, new_parent, None if row < 0 else row)
        return False

    def move(self, code: str, new_parent: str, row: int | None = None) -> bool:
        """Move ``code`` under ``new_parent`` to be shown at ``row`` (counted
        with the node still in place, as a drop reports it)."""
        position = row
        if row is not None and self.framework[code].parent == new_parent and self._row[code] < row:
            position = row - 1
        return self.execute(MoveNode(code, new_parent, position), self.tr("Move {0}").format(code))

    # ---- document events --------------------------------------------------------------------------
    def _on_structure_changed(self):
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _on_settings_changed(self):
        self._shares = self.framework.effective_weights(equal=self.equal_weights)
        for parent, kids in self._kids.items():
            if kids:
                top = QModelIndex() if parent is None else self.index_of(parent)
                self.dataChanged.emit(self.index(0, WEIGHT_COLUMN, top),
                                      self.index(len(kids) - 1, SHARE_COLUMN, top))


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
