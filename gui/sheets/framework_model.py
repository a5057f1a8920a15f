"""The framework tree's model: dimensions and indicators with their weights
as entered, their effective share of the index and their direction.

:class:`FrameworkModel` reads the project's framework and writes through the
commands of :mod:`core.project.structure` via :meth:`ProjectDocument.execute`, so
every edit is validated by the core, recomputed and undoable.  It never opens
a dialog; :class:`~gui.sheets.framework_tree.FrameworkTree` asks the user where it
must.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette

from core.errors import CoIndexError
from core.methods.registry import AGGREGATIONS, WEIGHTINGS
from core.pipeline.weights import effective, reads_scores
from core.project.structure import EditNode, MoveNode, SetDirection, SetWeight
from core.text import unit_name

from gui.base.document import ProjectDocument
from gui.base.formatting import edit_text, format_value
from gui.base.i18n import display_name, is_chinese


def weighting_label(name: str) -> str:
    """A weighting method's name for people (the registry's, in the interface's language)."""
    m = WEIGHTINGS.get(name)
    return m.label["zh" if is_chinese() else "en"] if m is not None else name


def aggregation_label(name: str) -> str:
    """An aggregation method's name for people (the registry's, in the interface's language)."""
    m = AGGREGATIONS.get(name)
    return m.label["zh" if is_chinese() else "en"] if m is not None else name


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
        document.recomputed.connect(self._on_recomputed)

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
        self._shares = self._effective()
        self._own_means = self._aggregations()

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
                own = self._own_means.get(code)
                text = f"{display_name(node)} ({code})"
                return text if own is None else f"{text}  · {aggregation_label(own)}"
            if role == Qt.EditRole:
                return display_name(node)
            if role == Qt.ToolTipRole:
                return self._node_tooltip(node)
            if role == Qt.FontRole:
                return self._bold if not node.is_indicator else None
            return None
        if col == WEIGHT_COLUMN:
            return self._weight_data(node, role)
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

    def _weight_data(self, node, role):
        """The weight column: the weight as entered, greyed when the
        method settings do not use it."""
        if node.parent is None:
            return None
        if role == Qt.DisplayRole:
            return format_value(node.weight)
        if role == Qt.EditRole:
            return edit_text(node.weight)
        if role == Qt.TextAlignmentRole:
            return _RIGHT
        manual = self._document.project.settings.weighting == "manual"
        if role == Qt.ForegroundRole and not manual:
            return QBrush(QPalette().color(QPalette.Disabled, QPalette.Text))
        if role == Qt.ToolTipRole:
            text = self.tr("Weight as entered, relative to the other nodes in '{0}'").format(node.parent)
            if self.equal_weights:
                text += "\n" + self.tr("Not used: the method settings give siblings equal weights")
            elif not manual:
                text += "\n" + self.tr("Not used: the method settings derive the weights ({0}); the share "
                                        "column shows the weights in use").format(
                    weighting_label(self._document.project.settings.weighting))
            return text
        return None

    def _node_tooltip(self, node) -> str:
        lines = [f"{node.code}  {node.name}"]
        if node.name_zh:
            lines.append(node.name_zh)
        if node.unit:
            lines.append(self.tr("Unit: {0}").format(unit_name(node.unit)))
        if node.description:
            lines.append(node.description)
        if node.is_indicator:
            lines.append(self.tr("Drag onto a dimension to move it there"))
        elif node.code in self._own_means:
            lines.append(self.tr("Aggregated by {0}, not the project's {1}").format(
                aggregation_label(self._own_means[node.code]),
                aggregation_label(self._document.project.settings.aggregation)))
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

    def _effective(self) -> dict:
        """Each node's share of the root, with the weights the engine uses
        (after any weighting method: entropy, CRITIC, PCA, AHP)."""
        engine = self._document.project.engine
        if engine.framework is not self.framework:           # not recomputed yet: the framework's own
            return self.framework.effective_weights(equal=self.equal_weights)
        return effective(self.framework, engine.node_weights())

    def _aggregations(self) -> dict:
        """The aggregates whose aggregation differs from the project's: code -> method name."""
        project = self._document.project
        try:
            engine = project.engine
        except CoIndexError:
            return {}
        if engine.framework is not self.framework:
            return {}
        return {c: m for c, m in engine.aggregation.items() if m != project.settings.aggregation}

    def _on_recomputed(self, *_):
        # derived weights follow the data; a node's own aggregation may come with a new framework
        if reads_scores(self._document.project.settings) or self._aggregations() != self._own_means:
            self._on_settings_changed()

    def _on_settings_changed(self):
        self._shares = self._effective()
        self._own_means = self._aggregations()
        for parent, kids in self._kids.items():
            if kids:
                top = QModelIndex() if parent is None else self.index_of(parent)
                self.dataChanged.emit(self.index(0, NAME_COLUMN, top),
                                      self.index(len(kids) - 1, SHARE_COLUMN, top))
