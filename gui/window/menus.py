"""The main window's actions and menus (File, Edit, View, Analysis, Help,
the recent-files menu, undo and redo): a mixin of
:class:`gui.window.main_window.MainWindow`, whose ``retranslateUi`` names them."""
from __future__ import annotations

import os

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from gui.base import i18n
from gui.window.loading import forget_recent, recent_files


class WindowMenus:
    """Builds the window's actions and menus (texts are set in retranslateUi)."""

    def _action(self, slot=None, shortcut=None, role=None) -> QAction:
        action = QAction(self)
        if slot is not None:
            action.triggered.connect(lambda checked=False, f=slot: f())
        if shortcut is not None:
            action.setShortcuts(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey)
                                else [QKeySequence(shortcut)])
        if role is not None:
            action.setMenuRole(role)
        return action

    def _build_actions(self):
        A = self._action
        self.new_action = A(self.new_project, QKeySequence.New)
        self.open_action = A(self.open_file, QKeySequence.Open)
        self.open_sample_action = A(self.open_sample)
        self.save_action = A(self.save, QKeySequence.Save)
        self.save_as_action = A(self.save_as, QKeySequence.SaveAs)
        self.export_results_action = A(self.export_results)
        self.export_charts_action = A()
        self.export_charts_action.setEnabled(False)       # each chart exports itself (PNG, SVG)
        self.export_inputs_action = A()
        self.export_inputs_action.setEnabled(False)       # not implemented yet
        self.close_action = A(self.close, QKeySequence.Close)
        self.quit_action = A(QApplication.closeAllWindows, QKeySequence.Quit, QAction.QuitRole)
        self.clear_recent_action = A(self._clear_recent)
        self.cut_action = A(lambda: self.forward_edit("cut", QKeySequence.Cut), QKeySequence.Cut)
        self.copy_action = A(lambda: self.forward_edit("copy", QKeySequence.Copy), QKeySequence.Copy)
        self.paste_action = A(lambda: self.forward_edit("paste", QKeySequence.Paste), QKeySequence.Paste)
        self.reset_layout_action = A(self.reset_layout)
        self.recompute_action = A(self.recompute, QKeySequence.Refresh)
        self.method_action = A(lambda: self.show_pane("methodPane"))
        self.about_action = A(self.about, role=QAction.AboutRole)
        self.about_qt_action = A(QApplication.aboutQt, role=QAction.AboutQtRole)
        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)          # each language named in itself, never translated
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_menus(self):
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.export_menu = QMenu(self)
        self.export_menu.addActions([self.export_results_action, self.export_charts_action,
                                     self.export_inputs_action])
        for item in (self.new_action, self.open_action, self.recent_menu, self.open_sample_action, None,
                     self.save_action, self.save_as_action, None, self.export_menu, None,
                     self.close_action, self.quit_action):
            if item is None:
                self.file_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.file_menu.addMenu(item)
            else:
                self.file_menu.addAction(item)
        self._fill_recent_menu()

        self.edit_menu = bar.addMenu("")
        self._undo_separator = self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.cut_action, self.copy_action, self.paste_action])

        self.view_menu = bar.addMenu("")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.reset_layout_action)
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))

        self.analysis_menu = bar.addMenu("")
        self.analysis_menu.addActions([self.recompute_action, self.method_action])
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.about_action, self.about_qt_action])

    def _install_undo_actions(self):
        """Undo / Redo of the current document's stack (new actions when the
        document or the language changes: their prefix is fixed at creation)."""
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                action.deleteLater()
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.Undo))
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.Redo))
        self.edit_menu.insertActions(self._undo_separator, [self.undo_action, self.redo_action])

    def _fill_recent_menu(self):
        menu = self.recent_menu
        menu.clear()
        files = recent_files()
        for k, path in enumerate(files):
            label = f"&{k + 1} {os.path.basename(path)}" if k < 9 else os.path.basename(path)
            action = menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda checked=False, p=path: self.open_recent(p))
        if not files:
            empty = menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(files))

    def _clear_recent(self):
        forget_recent()
        self._fill_recent_menu()

    # ---- languages --------------------------------------------------------------------------
