"""The main window's actions and menus (File, Edit, View, Analysis, Help,
the recent-files menu, undo and redo): :class:`WindowMenus`, an object the
window owns.  It calls the window's public commands (``show_pane``,
``reset_layout`` …; File's are on ``window.files``: ``new_project``,
``save`` …) and names every action and menu in
:meth:`WindowMenus.retranslateUi`.  The import and export entries are added
to the File and Export menus by :mod:`gui.window.file_actions`, which finds
them by their object names ``fileMenu`` and ``exportMenu``."""
from __future__ import annotations

import os

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from gui.base import i18n
from gui.sheets.data_sheet import FILL_DOWN_KEY, FILL_RIGHT_KEY
from gui.window.loading import forget_recent, recent_files


def redo_keys(platform_keys=None) -> list[QKeySequence]:
    """Redo's shortcuts: the platform's (``platform_keys``, Qt's standard
    Redo bindings when None; the first is the one shown), then Ctrl+Y and
    Ctrl+Shift+Z where they are missing (Qt gives X11 only Ctrl+Shift+Z),
    as Excel and LibreOffice take both."""
    keys = list(QKeySequence.keyBindings(QKeySequence.Redo) if platform_keys is None else platform_keys)
    for extra in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if extra not in keys:
            keys.append(extra)
    return keys


class WindowMenus(QObject):
    """The actions and menus of ``window`` (a
    :class:`~gui.window.main_window.MainWindow`): built once, with the
    window's docks listed under View; their texts are set by
    :meth:`retranslateUi`, the undo actions by :meth:`install_undo_actions`."""

    def __init__(self, window: QMainWindow, docks):
        super().__init__(window)
        self.window = window
        self.undo_action = self.redo_action = None
        self._build_actions(window)
        self._build_menus(window.menuBar(), docks)

    def _action(self, slot=None, shortcut=None, role=None) -> QAction:
        action = QAction(self.window)
        if slot is not None:
            action.triggered.connect(lambda checked=False, f=slot: f())
        if shortcut is not None:
            action.setShortcuts(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey)
                                else [QKeySequence(shortcut)])
        if role is not None:
            action.setMenuRole(role)
        return action

    def _build_actions(self, w):
        A = self._action
        self.new_action = A(w.files.new_project, QKeySequence.New)
        self.open_action = A(w.files.open_file, QKeySequence.Open)
        self.open_sample_action = A(w.files.open_sample)
        self.save_action = A(w.files.save, QKeySequence.Save)
        self.save_as_action = A(w.files.save_as, QKeySequence.SaveAs)
        self.close_action = A(w.close, QKeySequence.Close)
        self.quit_action = A(QApplication.closeAllWindows, QKeySequence.Quit, QAction.QuitRole)
        self.clear_recent_action = A(self._clear_recent)
        self.cut_action = A(lambda: w.forward_edit("cut", QKeySequence.Cut), QKeySequence.Cut)
        self.copy_action = A(lambda: w.forward_edit("copy", QKeySequence.Copy), QKeySequence.Copy)
        self.paste_action = A(lambda: w.forward_edit("paste", QKeySequence.Paste), QKeySequence.Paste)
        # spreadsheet commands, carried out by the focused pane that has them (the data sheet)
        self.fill_down_action = A(lambda: w.forward_edit("fill_down"), FILL_DOWN_KEY)
        self.fill_right_action = A(lambda: w.forward_edit("fill_right"), FILL_RIGHT_KEY)
        self.find_action = A(lambda: w.finder.find(), QKeySequence.Find)
        self.find_next_action = A(lambda: w.finder.find_next(True), QKeySequence.FindNext)
        self.find_previous_action = A(lambda: w.finder.find_next(False), QKeySequence.FindPrevious)
        self.select_all_action = A(lambda: w.forward_edit("selectAll", QKeySequence.SelectAll), QKeySequence.SelectAll)
        self.reset_layout_action = A(w.reset_layout)
        self.recompute_action = A(w.recompute, QKeySequence.Refresh)
        # some desktops (GNOME) bind Refresh to Ctrl+R too: Fill Right keeps it, unambiguous
        self.recompute_action.setShortcuts([k for k in self.recompute_action.shortcuts()
                                            if k not in (FILL_DOWN_KEY, FILL_RIGHT_KEY)])
        self.method_action = A(lambda: w.show_pane("methodPane"))
        self.about_action = A(w.about, role=QAction.AboutRole)
        self.about_qt_action = A(QApplication.aboutQt, role=QAction.AboutQtRole)
        self.language_group = QActionGroup(w)
        self.language_group.setExclusive(True)
        self.language_actions = {}
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, w)             # each language named in itself, never translated
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda checked=False, c=code: w.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_menus(self, bar, docks):
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.recent_menu = QMenu(self.window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.export_menu = QMenu(self.window)          # its entries come from gui.window.file_actions
        self.export_menu.setObjectName("exportMenu")
        for item in (self.new_action, self.open_action, self.recent_menu, self.open_sample_action, None,
                     self.save_action, self.save_as_action, None, self.export_menu, None,
                     self.close_action, self.quit_action):
            if item is None:
                self.file_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.file_menu.addMenu(item)
            else:
                self.file_menu.addAction(item)
        self.fill_recent_menu()

        self.edit_menu = bar.addMenu("")
        self._undo_separator = self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.cut_action, self.copy_action, self.paste_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.fill_down_action, self.fill_right_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions([self.find_action, self.find_next_action, self.find_previous_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.select_all_action)

        self.view_menu = bar.addMenu("")
        for dock in docks:
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

    def install_undo_actions(self, stack):
        """Undo / Redo of ``stack`` (the current document's; new actions
        when the document or the language changes: their prefix is fixed
        at creation)."""
        for action in (self.undo_action, self.redo_action):
            if action is not None:
                self.edit_menu.removeAction(action)
                action.deleteLater()
        self.undo_action = stack.createUndoAction(self.window, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.Undo))
        self.redo_action = stack.createRedoAction(self.window, self.tr("&Redo"))
        self.redo_action.setShortcuts(redo_keys())
        self.edit_menu.insertActions(self._undo_separator, [self.undo_action, self.redo_action])

    def fill_recent_menu(self):
        menu = self.recent_menu
        menu.clear()
        files = recent_files()
        for k, path in enumerate(files):
            label = f"&{k + 1} {os.path.basename(path)}" if k < 9 else os.path.basename(path)
            action = menu.addAction(label)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(lambda checked=False, p=path: self.window.files.open_recent(p))
        if not files:
            empty = menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.clear_recent_action)
        self.clear_recent_action.setEnabled(bool(files))

    def _clear_recent(self):
        forget_recent()
        self.fill_recent_menu()

    def retranslateUi(self):
        """The menus' titles and the actions' texts and tips, in the current
        language (the undo actions are remade by the window)."""
        for menu, text in ((self.file_menu, self.tr("&File")), (self.edit_menu, self.tr("&Edit")),
                           (self.view_menu, self.tr("&View")), (self.analysis_menu, self.tr("&Analysis")),
                           (self.help_menu, self.tr("&Help")), (self.recent_menu, self.tr("Open &Recent")),
                           (self.export_menu, self.tr("&Export")), (self.language_menu, self.tr("&Language"))):
            menu.setTitle(text)
        texts = {
            self.new_action: (self.tr("&New"), self.tr("Start an empty project")),
            self.open_action: (self.tr("&Open…"), self.tr("Open a project, template workbook or iData table")),
            self.open_sample_action: (self.tr("Open the &Sample"),
                                      self.tr("Open the bundled Chengdu–Chongqing sample")),
            self.save_action: (self.tr("&Save"), self.tr("Save the project")),
            self.save_as_action: (self.tr("Save &As…"), self.tr("Save the project under a new name")),
            self.close_action: (self.tr("&Close"), self.tr("Close this window")),
            self.quit_action: (self.tr("&Quit"), self.tr("Quit CoIndex")),
            self.clear_recent_action: (self.tr("&Clear List"), ""),
            self.cut_action: (self.tr("Cu&t"), ""),
            self.copy_action: (self.tr("&Copy"), ""),
            self.paste_action: (self.tr("&Paste"), ""),
            self.fill_down_action: (self.tr("Fill &Down"),
                                    self.tr("Copy the top value of the selection into the cells below it")),
            self.fill_right_action: (self.tr("Fill &Right"),
                                     self.tr("Copy the leftmost value of the selection into the cells on its right")),
            self.find_action: (self.tr("&Find…"), self.tr("Find a name, code, period or value in the sheet")),
            self.find_next_action: (self.tr("Find &Next"), self.tr("Go to the next match")),
            self.find_previous_action: (self.tr("Find Pre&vious"), self.tr("Go to the previous match")),
            self.select_all_action: (self.tr("Select &All"), ""),
            self.reset_layout_action: (self.tr("&Reset Layout"), self.tr("Put every pane back in its first place")),
            self.recompute_action: (self.tr("&Recompute"), self.tr("Recompute every result from the data")),
            self.method_action: (self.tr("&Method Settings…"), self.tr("Show the method settings")),
            self.about_action: (self.tr("&About CoIndex"), ""),
            self.about_qt_action: (self.tr("About &Qt"), ""),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setStatusTip(tip)
        self.language_actions[i18n.current_language()].setChecked(True)
        self.fill_recent_menu()
