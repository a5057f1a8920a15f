"""The main window: the sample note, the data grid and the index chart of
one unit, a status bar with the recomputation time."""
from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QFileDialog, QFrame, QHBoxLayout, QLabel, QMainWindow,
                               QSplitter, QStyle, QVBoxLayout, QWidget)

from core.project import Project

from .charts import IndexChart
from .data_grid import DataGrid, DataGridModel
from .document import ProjectDocument
from .loading import OPEN_FILTER, open_project

DEFAULT_SIZE = (1280, 800)
STATUS_TIMEOUT_MS = 10000
GRID_SHARE = 0.56          # of the window's width, at start


class NoteBanner(QFrame):
    """A visible note about the data (the bundled sample is illustrative,
    not official statistics): the project's ``info['note']``, with the
    Chinese ``note_zh`` below it when present."""

    def __init__(self, note: str, note_zh: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("NoteBanner")
        self.setStyleSheet("#NoteBanner { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; }"
                           "#NoteBanner QLabel { color: #3b2300; background: transparent; }")
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxInformation).pixmap(size, size))
        icon.setAlignment(Qt.AlignTop)
        self.text_label = QLabel(note + (f"\n{note_zh}" if note_zh else ""), self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(icon)
        layout.addWidget(self.text_label, 1)

    def text(self) -> str:
        return self.text_label.text()


class MainWindow(QMainWindow):
    """One open project.  Views share the :class:`ProjectDocument`, which
    tells them when values change; they never talk to each other."""

    def __init__(self, project: Project, path: str | None = None, parent=None):
        super().__init__(parent)
        self.document = ProjectDocument(project, path, self)
        info = project.info or {}
        self.setWindowTitle(self._title())
        self.resize(*DEFAULT_SIZE)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.setSpacing(6)
        self.note_banner = None
        if info.get("note"):
            self.note_banner = NoteBanner(info["note"], info.get("note_zh", ""), central)
            layout.addWidget(self.note_banner)

        ds = project.dataset
        unit_row = QHBoxLayout()
        unit_label = QLabel(self.tr("&Unit:"), central)
        self.unit_box = QComboBox(central)
        self.unit_box.addItems([n if n == c else f"{n} ({c})" for c, n in zip(ds.unit_codes, ds.unit_names)])
        unit_label.setBuddy(self.unit_box)
        unit_row.addWidget(unit_label)
        unit_row.addWidget(self.unit_box, 1)

        self.grid_model = DataGridModel(self.document, parent=self)
        self.grid = DataGrid(central)
        self.grid.setModel(self.grid_model)
        grid_panel = QWidget(central)
        grid_layout = QVBoxLayout(grid_panel)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addLayout(unit_row)
        grid_layout.addWidget(self.grid, 1)

        self.chart = IndexChart(self.document, parent=central)
        self.splitter = QSplitter(Qt.Horizontal, central)
        self.splitter.addWidget(grid_panel)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        width = DEFAULT_SIZE[0]
        self.splitter.setSizes([int(width * GRID_SHARE), int(width * (1 - GRID_SHARE))])
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.compute_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.compute_label)
        self._show_compute_time(self.tr("Computed in {0} ms"), self.document.last_compute_ms)
        self.statusBar().showMessage(self.tr("Indicators: {0} · units: {1} · periods: {2}").format(
            len(ds.codes), len(ds.unit_codes), len(ds.periods)), STATUS_TIMEOUT_MS)

        self._build_menus()
        self.unit_box.currentIndexChanged.connect(self._on_unit_changed)
        self.document.recomputed.connect(self._on_recomputed)
        self.document.editFailed.connect(self._on_edit_failed)
        self.document.undo_stack.cleanChanged.connect(self._on_clean_changed)

    def _title(self) -> str:
        info = self.document.project.info or {}
        title = info.get("title") or (os.path.basename(self.document.path) if self.document.path else "")
        return f"{title}[*] — CoIndex" if title else "CoIndex[*]"

    def _build_menus(self):
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        open_action = file_menu.addAction(self.tr("&Open…"), self.open_file)
        open_action.setShortcut(QKeySequence.Open)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"), QApplication.closeAllWindows)
        quit_action.setShortcut(QKeySequence.Quit)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    # ---- actions -----------------------------------------------------------------------
    def open_file(self, path: str | None = None):
        """Open a project in a new window (a file dialog when no path)."""
        if not path:
            start = os.path.dirname(self.document.path) if self.document.path else ""
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), start, OPEN_FILTER)
            if not path:
                return None
        project = open_project(path, self)
        if project is None:
            return None
        window = MainWindow(project, path)
        window.setAttribute(Qt.WA_DeleteOnClose)
        window.show()
        _open_windows.add(window)
        window.destroyed.connect(lambda *_: _open_windows.discard(window))
        return window

    # ---- handlers ------------------------------------------------------------------------
    def _show_compute_time(self, template: str, ms: float):
        self.compute_label.setText(template.format(f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"))

    def _on_recomputed(self, ms: float):
        self._show_compute_time(self.tr("Recomputed in {0} ms"), ms)

    def _on_edit_failed(self, message: str):
        self.statusBar().showMessage(self.tr("Not changed: {0}").format(message), STATUS_TIMEOUT_MS)

    def _on_unit_changed(self, unit: int):
        if unit >= 0:
            self.grid_model.set_unit(unit)
            self.chart.set_unit(unit)

    def _on_clean_changed(self, clean: bool):
        self.setWindowModified(not clean)

    def closeEvent(self, event):
        self.document.close()
        super().closeEvent(event)


# windows opened from File > Open, kept alive until closed
_open_windows: set = set()
