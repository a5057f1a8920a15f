"""The AHP matrix editor: the pairwise comparisons of the children of each
node, for ``weighting=ahp``.

The upper triangle is entered (a number such as 3, or a fraction such as
1/3: how many times more important the row's child is than the column's);
the diagonal is 1 and the lower triangle shows the reciprocals.  The weights
(principal eigenvector), lambda_max, CI and the consistency ratio CR follow
every edit (:mod:`core.methods.ahp`); a CR above 0.1 is shown as a warning.
The editor keeps one matrix per node; :meth:`AhpEditor.judgements` gives
them as the settings store them (``Settings.ahp_by``).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from core.errors import SettingsError
from core.methods import ahp


def _fraction(x: float) -> str:
    """3 for 3, 1/3 for 0.333..., else the number."""
    if x >= 1 or x <= 0:
        return f"{x:g}"
    inv = 1.0 / x
    return f"1/{inv:g}" if abs(inv - round(inv)) < 1e-9 else f"{x:g}"


class AhpEditor(QWidget):
    """Pairwise-comparison matrices of the nodes of a framework."""

    changed = Signal()

    def __init__(self, framework, ahp_by: dict, parent=None):
        super().__init__(parent)
        self.framework = framework
        self.nodes = [c for c in reversed(framework.aggregate_codes) if len(framework.children(c)) > 1]
        self._upper = {c: tuple(v) for c, v in ahp_by.items() if c in self.nodes}
        self.node_box = QComboBox(self)
        for code in self.nodes:
            self.node_box.addItem(code, code)
        self.table = QTableWidget(self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.PlainText)
        self.weights_label = QLabel(self)
        self.weights_label.setWordWrap(True)
        self.node_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.node_label, self.node_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.weights_label)
        layout.addWidget(self.result)
        self.node_box.currentIndexChanged.connect(lambda *_: self._show_node())
        self.table.itemChanged.connect(self._on_item_changed)
        self.retranslateUi()
        self._show_node()

    def retranslateUi(self):
        self.node_label.setText(self.tr("&Node:"))
        self.node_label.setBuddy(self.node_box)
        self.table.setToolTip(self.tr("Upper triangle: how many times more important the row is than the column "
                                      "(1 to 9, or 1/3 ...); the lower triangle follows"))

    # ---- the matrix of the current node -------------------------------------------------------------
    def current(self) -> str | None:
        return self.node_box.currentData()

    def _children(self, code):
        return list(self.framework.children(code))

    def upper(self, code=None) -> tuple:
        """The node's upper triangle (all 1 when none was entered)."""
        code = code or self.current()
        n = len(self._children(code))
        return self._upper.get(code, (1.0,) * (n * (n - 1) // 2))

    def _show_node(self):
        code = self.current()
        if code is None:
            self.table.setRowCount(0)
            self.result.setText(self.tr("No node has two or more children."))
            return
        kids = self._children(code)
        n = len(kids)
        A = ahp.full_matrix(self.upper(code), n)
        grey = QBrush(self.palette().color(QPalette.Disabled, QPalette.Text))
        self.table.blockSignals(True)
        try:
            self.table.setRowCount(n)
            self.table.setColumnCount(n)
            self.table.setHorizontalHeaderLabels(kids)
            self.table.setVerticalHeaderLabels(kids)
            for i in range(n):
                for j in range(n):
                    item = QTableWidgetItem(_fraction(A[i, j]))
                    item.setTextAlignment(Qt.AlignCenter)
                    if j <= i:
                        item.setFlags(Qt.ItemIsEnabled)
                        item.setForeground(grey)
                    self.table.setItem(i, j, item)
        finally:
            self.table.blockSignals(False)
        self._show_result()

    def _on_item_changed(self, item):
        code = self.current()
        i, j = item.row(), item.column()
        if code is None or j <= i:
            return
        n = len(self._children(code))
        values = list(self.upper(code))
        k = i * n - i * (i + 1) // 2 + (j - i - 1)          # position of (i, j) in the row-wise triangle
        try:
            values[k] = ahp.parse_judgements(item.text(), "a", "")[0]
        except SettingsError:
            self.result.setText(self.tr("'{0}' is not a judgement: enter a number above zero such as 3 or "
                                        "1/3").format(item.text()))
            self._restore(values, code)
            return
        self._upper[code] = tuple(values)
        self._show_node()
        self.changed.emit()

    def _restore(self, values, code):
        """Put the last valid matrix back (after a rejected entry)."""
        self._upper[code] = tuple(values)
        message = self.result.text()
        self._show_node()
        self.result.setText(message)

    def _show_result(self):
        code = self.current()
        res = ahp.solve(ahp.full_matrix(self.upper(code), len(self._children(code))))
        self.last = res
        self.weights_label.setText(self.tr("Weights: {0}").format(
            ", ".join(f"{k} {w:.3f}" for k, w in zip(self._children(code), res.weights))))
        text = self.tr("λmax = {0}, CI = {1}, CR = {2}").format(f"{res.lambda_max:.4f}", f"{res.ci:.4f}",
                                                              f"{res.cr:.4f}")
        if not res.consistent:
            text += " " + self.tr("(above 0.1: revise the judgements)")
        self.result.setText(text)
        self.result.setStyleSheet("" if res.consistent else "color: palette(link); font-weight: bold;")

    def judgements(self) -> dict:
        """node -> upper triangle, for the nodes with a matrix entered."""
        return dict(self._upper)


class AhpDialog(QDialog):
    """The editor with OK and Cancel."""

    def __init__(self, framework, settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("AHP pairwise comparisons"))
        self.editor = AhpEditor(framework, settings.ahp_by, self)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def judgements(self) -> dict:
        return self.editor.judgements()
