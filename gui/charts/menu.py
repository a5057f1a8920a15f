"""A chart's own menu (a small button at its top right, and its context
menu): save as PNG or SVG, copy, the background of exported images, and
"Reset view" after zooming or panning."""
from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QFont, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QToolButton

from gui.base.folders import remember_folder, start_folder
from gui.charts.export import (BACKGROUNDS, export_background, export_png, export_svg, render_image,
                               set_export_background)


class ChartMenu:
    """Mixed into :class:`~gui.charts.base.ChartBase`: the actions, the
    menu button and the dialogs.  The chart provides ``title()``,
    ``exported`` (a signal) and ``reset_view()``."""

    def _build_menu(self):
        self.save_png_action = QAction(self)
        self.save_png_action.triggered.connect(lambda: self.save_dialog("png"))
        self.save_svg_action = QAction(self)
        self.save_svg_action.triggered.connect(lambda: self.save_dialog("svg"))
        self.copy_action = QAction(self)
        self.copy_action.triggered.connect(self.copy_image)
        self.reset_view_action = QAction(self)
        self.reset_view_action.setShortcuts([QKeySequence(Qt.Key_Home), QKeySequence("Ctrl+0")])
        self.reset_view_action.setShortcutContext(Qt.WidgetShortcut)
        self.reset_view_action.triggered.connect(self.reset_view)
        self.background_menu = QMenu(self)
        group = QActionGroup(self)
        self.background_actions = {}
        for name in BACKGROUNDS:
            action = QAction(self)
            action.setCheckable(True)
            action.setData(name)
            action.setActionGroup(group)
            action.triggered.connect(lambda checked, n=name: set_export_background(n))
            self.background_menu.addAction(action)
            self.background_actions[name] = action
        self.background_menu.aboutToShow.connect(self._check_background)
        self._check_background()
        separator = QAction(self)
        separator.setSeparator(True)
        actions = [self.save_png_action, self.save_svg_action, self.copy_action,
                   self.background_menu.menuAction(), separator, self.reset_view_action]
        # the same actions in a small menu button and in the context menu
        self.export_button = QToolButton(self)
        self.export_button.setAutoRaise(True)
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        self.export_button.setText("⋯")
        font = QFont(self.export_button.font())
        font.setBold(True)
        self.export_button.setFont(font)
        menu = QMenu(self.export_button)
        menu.addActions(actions)
        self.export_button.setMenu(menu)
        self.export_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.addActions(actions)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)

    def _check_background(self):
        self.background_actions[export_background()].setChecked(True)

    def _retranslate_base(self):
        self.save_png_action.setText(self.tr("Save as PNG…"))
        self.save_svg_action.setText(self.tr("Save as SVG…"))
        self.copy_action.setText(self.tr("Copy image"))
        self.background_menu.setTitle(self.tr("Background of saved images"))
        self.background_actions["white"].setText(self.tr("White"))
        self.background_actions["transparent"].setText(self.tr("Transparent"))
        self.reset_view_action.setText(self.tr("Reset view"))
        self.export_button.setToolTip(self.tr("Save or copy this chart"))

    def place_menu_button(self):
        hint = self.export_button.sizeHint()
        self.export_button.setGeometry(self.width() - hint.width() - 4, 2, hint.width(), hint.height())

    def copy_image(self) -> QImage:
        """Put the chart on the clipboard as an image."""
        image = render_image(self)
        QApplication.clipboard().setImage(image)
        self.exported.emit(self.tr("Chart copied: {0}").format(self.title()))
        return image

    def save_dialog(self, kind: str):
        """Ask for a file name and save as ``kind`` ('png' or 'svg'), on
        the background chosen in the menu."""
        folder = start_folder(self.document.path)
        stem = re.sub(r"[^\w\-]+", "-", self.title() or "chart").strip("-").lower() or "chart"
        if kind == "svg":
            caption, filters = self.tr("Save chart as SVG"), self.tr("SVG image (*.svg)")
        else:
            caption, filters = self.tr("Save chart as PNG"), self.tr("PNG image (*.png)")
        path, _ = QFileDialog.getSaveFileName(self, caption, os.path.join(folder, f"{stem}.{kind}"), filters)
        if not path:
            return None
        if not path.lower().endswith("." + kind):
            path += "." + kind
        if kind == "svg":
            export_svg(self, path, background=export_background())
        else:
            export_png(self, path, background=export_background())
        remember_folder(path)
        self.exported.emit(self.tr("Chart saved to {0}").format(path))
        return path
