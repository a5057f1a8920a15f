"""The import wizard's first page: choosing the file and what to import it
into; Next reads the file off the GUI thread, with progress and Stop.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar,
                               QPushButton, QRadioButton, QVBoxLayout, QWizardPage)

from gui.importing.models import FOLDER_KEY, open_filter, wrapped_label



class FilePage(QWizardPage):
    """Choose the file and the target; Next reads it in the background."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.intro = wrapped_label(self)
        self.path_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.path_label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(self)
        self.target_box = QGroupBox(self)
        self.into_radio = QRadioButton(self.target_box)
        self.new_radio = QRadioButton(self.target_box)
        self.into_radio.setChecked(True)
        box = QVBoxLayout(self.target_box)
        box.addWidget(self.into_radio)
        box.addWidget(self.new_radio)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.stop_button = QPushButton(self)
        self.status = wrapped_label(self)
        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.target_box)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.set_busy(False)
        self.path_edit.textChanged.connect(self._on_path_changed)
        self.browse_button.clicked.connect(self.browse)
        self.stop_button.clicked.connect(lambda: self.wizard().cancel_reading())
        self.retranslateUi()

    def retranslateUi(self):
        self.setTitle(self.tr("Choose a workbook"))
        self.intro.setText(self.tr("Indicator values from an Excel workbook (.xlsx, .xlsm, .xls, .xlsb), an "
                                   "OpenDocument spreadsheet (.ods) or a CSV table (UTF-8 or GB18030). Title rows, "
                                   "units, merged headers, footnotes and numbers written as text are handled; "
                                   "the next page shows what will be read."))
        self.path_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.target_box.setTitle(self.tr("Import into"))
        self.into_radio.setText(self.tr("the &open project (one step you can undo)"))
        self.new_radio.setText(self.tr("a &new project"))
        self.stop_button.setText(self.tr("&Stop"))

    def browse(self):
        # the workbook chosen, else the folder imported from last, else the home folder (never the current one)
        last = str(QSettings().value(FOLDER_KEY, "") or "")
        folder = os.path.dirname(self.path_edit.text()) or (last if os.path.isdir(last) else os.path.expanduser("~"))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import workbook"), folder, open_filter())
        if path:
            self.path_edit.setText(path)
        return path

    def set_busy(self, busy: bool):
        self.progress.setVisible(busy)
        self.stop_button.setVisible(busy)
        for w in (self.path_edit, self.browse_button, self.target_box):
            w.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)
        self.completeChanged.emit()

    def show_error(self, message: str):
        self.status.setStyleSheet("color: #c0392b;")
        self.status.setText(message)

    def show_note(self, message: str):
        self.status.setStyleSheet("")
        self.status.setText(message)

    def _on_path_changed(self, _text):
        self.show_note("")
        self.completeChanged.emit()

    def isComplete(self):
        wizard = self.wizard()
        return bool(self.path_edit.text().strip()) and wizard is not None and not wizard.reading

    def validatePage(self):
        wizard = self.wizard()
        path = self.path_edit.text().strip()
        if wizard.cells is not None and wizard.options.path == path:
            return True
        wizard.start_reading(path)
        return False
