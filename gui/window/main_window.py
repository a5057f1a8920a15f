"""The main window: docked panes over one open project, the menus, project
files (New, Open, Open Recent, Save, Save As, drag and drop), autosave and
the language switch.

The panes (see :mod:`gui.window.panes`) share the :class:`ProjectDocument` and
listen to it; they never talk to each other.  The window owns three helpers:
``panes`` (:class:`~gui.window.panes.PaneHost`: building the panes, their
shared unit and period), ``files`` (:class:`~gui.window.loading.ProjectFiles`:
New, Open, Save …) and ``menus`` (:class:`~gui.window.menus.WindowMenus`).  Their layout is kept in
QSettings (``saveState`` with :data:`LAYOUT_VERSION`); on a first start the
data sheet and the charts are side by side in the middle of the window, so
that a new user can change a number and watch the index move.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox,
                               QToolBar, QWidget)

from core.project.project import SAMPLE_NOTE, Project

from gui.base import i18n
from gui.base.document import ProjectDocument
from gui.window.loading import ProjectFiles, is_openable, new_project
from gui.window.finding import WindowFind
from gui.window.panes import PANES, MessageBar, NoteBanner, PaneHost
from gui.window.recovery import Autosaver
from gui.window.menus import WindowMenus

DEFAULT_SIZE = (1400, 900)
STATUS_TIMEOUT_MS = 10000
LAYOUT_VERSION = 1              # bump when the panes or their default places change
KEY_GEOMETRY, KEY_STATE, KEY_PANES = "mainWindow/geometry", "mainWindow/state", "mainWindow/panes"
# first start: data sheet over these tabs (the first raised) | charts
BOTTOM_TABS = ("methodPane", "frameworkPane", "resultsPane", "indicatorsPane", "treatmentPane", "statisticsPane")
RIGHT_TABS = ("chartsPane", "analysisPane")     # the analysis behind the charts
DEFAULT_SHARES = (0.46, 0.54)       # of the width: left column, charts
DATA_SHARE = 0.52                   # of the left column's height: the data sheet


class MainWindow(QMainWindow):
    """One open project in docked panes.

    ``recovery_file``: the project was restored from this recovery file
    (it is kept up to date and removed like the window's own); the project
    then counts as modified (``modified=True``) until saved.
    ``defer_panes`` (the app's start): build the charts and the panes out
    of view after the first paint, so that the window shows sooner (see
    :class:`~gui.window.panes.PaneHost`).  :attr:`panesReady` tells when
    the panes in view are all built.  The import and export actions
    (:mod:`gui.window.file_actions`) are installed with the window, or
    after its first paint when deferring.
    """

    panesReady = Signal()

    def __init__(self, project: Project | None = None, path: str | None = None, parent=None, *,
                 recovery_file=None, modified: bool = False, restore_layout: bool = True,
                 defer_panes: bool = False):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.setDockOptions(QMainWindow.AnimatedDocks | QMainWindow.AllowNestedDocks | QMainWindow.AllowTabbedDocks)
        self.resize(*DEFAULT_SIZE)
        # every pane is a dock; the central area is an empty, hidden widget
        central = QWidget(self)
        central.setMaximumSize(0, 0)
        self.setCentralWidget(central)
        central.hide()

        self._build_bars()
        self.compute_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.compute_label)
        self._last_ms = None

        self.docks: dict[str, QDockWidget] = {}
        for spec in PANES:
            dock = QDockWidget(self)
            dock.setObjectName(spec.name)
            self.docks[spec.name] = dock
        self.document: ProjectDocument | None = None
        self.autosaver: Autosaver | None = None
        self.file_actions = None
        self.panes = PaneHost(self, self.docks, defer=defer_panes, ready=self.panesReady.emit)
        self.files = ProjectFiles(self)
        self._awaiting_paint = defer_panes
        if defer_panes:
            self.installEventFilter(self)
        self.menus = WindowMenus(self, self.docks.values())
        self.apply_default_layout()
        self.set_project(project if project is not None else new_project(), path,
                         recovery_file=recovery_file, modified=modified)
        if restore_layout:
            self.restore_layout()
        self.retranslateUi()
        if not defer_panes:
            self._install_file_actions()

    def _build_bars(self):
        """The note about the data and the message bar above the panes; the
        find bar (Edit > Find) below them."""
        self.note_banner = NoteBanner(self)
        self.note_bar = QToolBar(self)
        self.note_bar.setObjectName("noteBar")
        self.note_bar.setMovable(False)
        self.note_bar.setFloatable(False)
        self.note_bar.toggleViewAction().setVisible(False)
        self.note_bar.addWidget(self.note_banner)
        self.addToolBar(Qt.TopToolBarArea, self.note_bar)
        # a refused edit or a failed recomputation: stays until closed or a later edit succeeds
        self.message_bar = MessageBar(self)
        self.message_bar.closed.connect(self._sync_message_bar)
        self.message_toolbar = QToolBar(self)
        self.message_toolbar.setObjectName("messageBar")
        self.message_toolbar.setMovable(False)
        self.message_toolbar.setFloatable(False)
        self.message_toolbar.toggleViewAction().setVisible(False)
        self.message_toolbar.addWidget(self.message_bar)
        self.addToolBarBreak(Qt.TopToolBarArea)
        self.addToolBar(Qt.TopToolBarArea, self.message_toolbar)
        self.message_toolbar.hide()

        self.finder = WindowFind(self)

    def _install_file_actions(self):
        """File > Import…, Refresh and the Export menu's entries."""
        # imported here: the import wizard and the exports are not needed
        # for the first paint (about 0.1 s of imports at start-up)
        from gui.window.file_actions import install_file_actions
        self.file_actions = install_file_actions(self)

    def ensure_file_actions(self):
        """The window's import and export actions (gui.window.file_actions),
        installed now if the deferred start has not yet done it."""
        if self.file_actions is None:
            self._install_file_actions()
        return self.file_actions

    # ---- panes ---------------------------------------------------------------------------
    def pane(self, name: str) -> QWidget | None:
        """The widget in the dock named ``name`` (see :data:`gui.window.panes.PANES`)."""
        return self.panes.get(name)

    def apply_default_layout(self):
        """The data sheet at the top left with method settings, framework,
        results and indicator sheet as tabs below it; the charts on the
        right, full height, with the analysis in a tab behind them: the data
        sheet and the charts both in view."""
        d = self.docks
        for dock in d.values():
            self.removeDockWidget(dock)
        self.addDockWidget(Qt.LeftDockWidgetArea, d["dataPane"])
        self.addDockWidget(Qt.RightDockWidgetArea, d["chartsPane"])
        self.splitDockWidget(d["dataPane"], d["methodPane"], Qt.Vertical)
        for name in BOTTOM_TABS[1:]:
            self.tabifyDockWidget(d[BOTTOM_TABS[0]], d[name])
        for name in RIGHT_TABS[1:]:
            self.tabifyDockWidget(d[RIGHT_TABS[0]], d[name])
        for dock in d.values():
            dock.setFloating(False)
            dock.show()
        d[BOTTOM_TABS[0]].raise_()
        d[RIGHT_TABS[0]].raise_()
        width, height = max(self.width(), 800), max(self.height(), 500)
        self.resizeDocks([d["dataPane"], d["chartsPane"]], [int(width * share) for share in DEFAULT_SHARES],
                         Qt.Horizontal)
        self.resizeDocks([d["dataPane"], d["methodPane"]], [int(height * DATA_SHARE), int(height * (1 - DATA_SHARE))],
                         Qt.Vertical)

    def reset_layout(self):
        """View > Reset layout: the first-start arrangement."""
        self.apply_default_layout()
        self.note_bar.setVisible(bool(self.note_banner.text()))
        self._sync_message_bar()

    def restore_layout(self) -> bool:
        """The layout of the last session, if it was saved with this
        version and no pane that is gone (panes added since take their
        default place); otherwise the default stays."""
        settings = QSettings()
        geometry, state = settings.value(KEY_GEOMETRY), settings.value(KEY_STATE)
        panes = settings.value(KEY_PANES)
        if geometry is not None:
            self.restoreGeometry(geometry)
        saved = str(panes or "").split(",")
        if state is None or not set(saved) <= set(self.docks):
            return False
        restored = bool(self.restoreState(state, LAYOUT_VERSION))
        if restored:
            self._place_new_panes([name for name in self.docks if name not in saved])
        self._sync_message_bar()          # never an empty bar from the last session's state
        self.finder.toolbar.hide()        # nor a find bar searching nothing
        return restored

    def _place_new_panes(self, names):
        """Panes added since the layout was saved: in their default tab,
        behind the pane they share it with (the analysis behind the charts)."""
        for name in names:
            tabs = next((group for group in (RIGHT_TABS, BOTTOM_TABS) if name in group), None)
            partner = self.docks[tabs[0]] if tabs else None
            if partner is not None and not partner.isHidden() and not partner.isFloating():
                self.tabifyDockWidget(partner, self.docks[name])
                partner.raise_()
            else:
                self.addDockWidget(Qt.RightDockWidgetArea, self.docks[name])
            self.docks[name].show()

    def save_layout(self):
        settings = QSettings()
        settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        settings.setValue(KEY_STATE, self.saveState(LAYOUT_VERSION))
        settings.setValue(KEY_PANES, ",".join(spec.name for spec in PANES))

    # ---- the open project --------------------------------------------------------------------
    def set_project(self, project: Project, path: str | None = None, *, recovery_file=None,
                    modified: bool = False):
        """Show ``project`` (replacing the open one without asking: see
        :meth:`ProjectFiles.maybe_save`).  New panes are built for it in the same docks."""
        old = self.document
        if old is not None:
            if self.autosaver is not None:
                self.autosaver.stop()
                self.autosaver.discard(wait=True)
            old.wait_for_writes()
            old.close()
        document = ProjectDocument(project, path, self)
        self.document = document
        self.panes.set_document(document)
        self.finder.retarget()
        document.recomputed.connect(self._on_recomputed)
        document.editFailed.connect(self._on_edit_failed)
        document.valuesChanged.connect(self.clear_error)
        self.clear_error()                # an error about the project replaced
        document.saved.connect(self._on_saved)
        document.saveFailed.connect(self._on_save_failed)
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.menus.install_undo_actions(document.undo_stack)
        self.autosaver = Autosaver(document, self.panes.project_app_state, self, file=recovery_file)
        if modified:
            self.mark_modified()
        self.setWindowModified(document.is_modified)
        self._last_ms = None
        self._show_compute_time(document.last_compute_ms, first=True)
        has_note = self.note_banner.set_info(project.info)
        self.note_bar.setVisible(has_note)
        self.update_title()
        if old is not None:
            old.deleteLater()
        ds = project.dataset
        self.show_status(self.tr("Indicators: {0} · units: {1} · periods: {2}").format(
            len(ds.codes), len(ds.unit_codes), len(ds.periods)))

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind in _DROP_EVENTS and obj is not self and self._dropped_file(event.mimeData()):
            if kind == QEvent.Drop:
                self.dropEvent(event)
            else:
                event.acceptProposedAction()
            return True
        if obj is self and kind == QEvent.Paint and self._awaiting_paint:
            self._awaiting_paint = False
            self.removeEventFilter(self)
            self.panes.first_painted()
            QTimer.singleShot(0, self, self._install_file_actions)
        return super().eventFilter(obj, event)

    # ---- actions -------------------------------------------------------------------------------
    def set_language(self, code: str):
        """View > Language: switch the whole application (remembered)."""
        i18n.install_language(QApplication.instance(), code)
        QApplication.processEvents()      # deliver LanguageChange now: the menus change at once

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self):
        """Every visible string of the window, and of its panes."""
        self.menus.retranslateUi()
        for spec in PANES:
            self.docks[spec.name].setWindowTitle(spec.translated_title())
        if self.document is not None:
            self.menus.install_undo_actions(self.document.undo_stack)
            self.update_title()
            self._show_compute_time(self._last_ms if self._last_ms is not None else self.document.last_compute_ms,
                                    first=self._last_ms is None)
        self.note_banner.retranslateUi()
        self.message_bar.retranslateUi()
        self.finder.retranslateUi()
        for widget in self.panes.values():
            retranslate = getattr(widget, "retranslateUi", None)
            if callable(retranslate):
                retranslate()

    # ---- title and status ------------------------------------------------------------------------
    def update_title(self):
        """File name, modified mark and the project's title."""
        doc = self.document
        name = os.path.basename(doc.path) if doc.path else self.tr("Untitled")
        title = i18n.project_text(doc.project.info, "title")
        self.setWindowTitle(f"{name}[*] — {title} — CoIndex" if title else f"{name}[*] — CoIndex")

    def show_status(self, message: str):
        """A message in the status bar for a while."""
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def _show_compute_time(self, ms: float, first: bool = False):
        text = f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"
        template = self.tr("Computed in {0} ms") if first else self.tr("Recomputed in {0} ms")
        self.compute_label.setText(template.format(text))

    def _on_recomputed(self, ms: float):
        self._last_ms = ms
        self._show_compute_time(ms)
        self.clear_error()                # a later edit or recomputation succeeded

    def mark_modified(self):
        """The project differs from its file (a recovered or adjusted
        project): the title shows it, autosave runs, closing asks."""
        self.document.undo_stack.resetClean()
        self.autosaver.timer.start()
        self.setWindowModified(True)

    def show_error(self, message: str):
        """``message`` in the message bar (not a refusal), until closed or resolved."""
        self.message_bar.show_error(message, refused=False)
        self._sync_message_bar()
        self.show_status(self.message_bar.text())

    def _on_edit_failed(self, message: str):
        """A refused edit or a failed recomputation: in the message bar,
        which stays until closed or resolved (not a status message that a
        later one replaces)."""
        self.message_bar.show_error(message)
        self._sync_message_bar()
        self.show_status(self.message_bar.text())

    def clear_error(self, *args):
        """The message bar's error is resolved: gone."""
        if self.message_bar.message():
            self.message_bar.dismiss()

    def _sync_message_bar(self):
        self.message_toolbar.setVisible(bool(self.message_bar.message()))

    def _on_clean_changed(self, clean: bool):
        self.setWindowModified(not clean)

    def _on_saved(self, path: str, ms: float):
        if self.document.path and os.path.abspath(path) == os.path.abspath(self.document.path):
            self.show_status(self.tr("Saved {0} ({1} ms)").format(os.path.basename(path), f"{ms:.0f}"))

    def _on_save_failed(self, path: str, message: str):
        if self.autosaver is not None and os.path.abspath(path) == os.path.abspath(self.autosaver.file):
            self.show_status(self.tr("Autosave failed: {0}").format(message))
            return
        QMessageBox.critical(self, self.tr("Not saved"),
                             self.tr("CoIndex could not save {0}.\n\n{1}").format(os.path.basename(path), message))

    # ---- Edit, View, Analysis, Help ----------------------------------------------------------------
    def forward_edit(self, name: str, key: QKeySequence.StandardKey | None = None) -> bool:
        """Cut / Copy / Paste / Select All / Fill Down / Fill Right act on the
        focused widget: its ``name()`` method or its nearest parent's (line
        edits, a pane's own copy / paste, the data sheet's ``fill_down``),
        else the key press it would have received without the menu's
        shortcut (none for ``key`` None)."""
        focus = QApplication.focusWidget()
        widget = focus
        while widget is not None and widget is not self:
            method = getattr(widget, name, None)
            if callable(method) and not isinstance(widget, (QDockWidget, QToolBar)):
                method()
                return True
            widget = widget.parentWidget()
        if focus is None or key is None:
            return False
        bindings = QKeySequence.keyBindings(key)
        if not bindings:
            return False
        combo = bindings[0][0]
        # a sent key press goes through the shortcut map too: with these
        # actions enabled it would come straight back here
        actions = (self.menus.cut_action, self.menus.copy_action, self.menus.paste_action,
                   self.menus.select_all_action)
        for action in actions:
            action.setEnabled(False)
        try:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                QApplication.sendEvent(focus, QKeyEvent(kind, combo.key(), combo.keyboardModifiers()))
        finally:
            for action in actions:
                action.setEnabled(True)
        return True

    def show_pane(self, name: str):
        dock = self.docks[name]
        dock.show()
        dock.raise_()
        if dock.widget() is not None:
            dock.widget().setFocus()

    def recompute(self):
        ms = self.document.recompute_all()
        self._last_ms = ms
        self._show_compute_time(ms)

    def about(self):
        text = "<h3>CoIndex {0}</h3><p>{1}</p><p>{2}</p><p><i>{3}</i><br><i>{4}</i></p>".format(
            installed_version(), self.tr("Build, compute and analyse composite indices: live charts from spreadsheet-style "
                               "inputs, with undo, project files and English / Chinese."),
            self.tr("The bundled Chengdu–Chongqing sample is for illustration only:"),
            SAMPLE_NOTE, "示例数据：按已发布的总指数等主要数字校准，并非官方统计数据。")
        QMessageBox.about(self, self.tr("About CoIndex"), text)

    # ---- drag and drop, closing ------------------------------------------------------------------------
    @staticmethod
    def _dropped_file(mime) -> str | None:
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and is_openable(url.toLocalFile()):
                return url.toLocalFile()
        return None

    def dragEnterEvent(self, event):
        if self._dropped_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        self.dragEnterEvent(event)

    def dropEvent(self, event):
        path = self._dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files.open_path(path)

    def closeEvent(self, event):
        if self.document is not None and not self.files.maybe_save():
            event.ignore()
            return
        self.save_layout()
        if self.document is not None:
            if self.autosaver is not None:
                self.autosaver.stop()
                self.autosaver.discard(wait=True)
            self.document.wait_for_writes()
            self.document.close()
        super().closeEvent(event)


def installed_version() -> str:
    """CoIndex's version from the installed package's metadata ("" when
    run from a source tree that is not installed).  Read when Help > About
    is shown: reading it costs about 70 ms, too much for the start-up."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("coindex")
    except PackageNotFoundError:
        return ""


_DROP_EVENTS = (QEvent.DragEnter, QEvent.DragMove, QEvent.Drop)
