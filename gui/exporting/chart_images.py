"""File > Export > Chart Images: every chart of a project as PNG (at a
chosen scale) and / or SVG, on white or on a transparent background, and
the dialog that asks for the folder, formats, scale and background."""
from __future__ import annotations

import os

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout)

from gui.charts.export import BACKGROUNDS, export_background, set_export_background
from gui.exporting.offscreen import CHART_SIZE, chart_slug, offscreen_charts, write_chart

CHART_SCALES = (1, 2, 3, 4)
DEFAULT_SCALE = 2


def export_chart_files(document, folder, formats=("png", "svg"), scale=DEFAULT_SCALE, source=None,
                       background=None) -> list[str]:
    """Every chart of ``document`` (the league table too, with several
    units) as ``NN-name.png`` (``scale`` times
    :data:`~gui.exporting.offscreen.CHART_SIZE`) and / or ``.svg`` (or
    ``.pdf``) in ``folder``, on ``background`` ('white' or 'transparent';
    default: the user's choice, white unless changed); returns the paths
    written."""
    background = background or export_background()
    written = []
    with offscreen_charts(document, source, league=True) as charts:
        for k, chart in enumerate(charts):
            stem = os.path.join(folder, f"{k + 1:02d}-{chart_slug(chart)}")
            for fmt in ("png", "svg", "pdf"):
                if fmt in formats:
                    write_chart(chart, f"{stem}.{fmt}", fmt, scale, background=background)
                    written.append(f"{stem}.{fmt}")
    return written


class ChartExportDialog(QDialog):
    """Folder, formats and PNG scale for File > Export > Chart Images."""

    def __init__(self, parent=None, folder: str = ""):
        super().__init__(parent)
        self.folder_edit = QLineEdit(folder, self)
        self.browse_button = QPushButton(self)
        self.png_check = QCheckBox(self)
        self.png_check.setChecked(True)
        self.scale_box = QComboBox(self)
        for scale in CHART_SCALES:
            self.scale_box.addItem("", scale)
        self.scale_box.setCurrentIndex(CHART_SCALES.index(DEFAULT_SCALE))
        self.svg_check = QCheckBox(self)
        self.svg_check.setChecked(True)
        self.background_box = QComboBox(self)
        for name in BACKGROUNDS:
            self.background_box.addItem("", name)
        self.background_box.setCurrentIndex(BACKGROUNDS.index(export_background()))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        png_row = QHBoxLayout()
        png_row.addWidget(self.png_check)
        png_row.addWidget(self.scale_box, 1)
        self.folder_label, self.images_label = QLabel(self), QLabel(self)
        self.background_label = QLabel(self)
        self.background_label.setBuddy(self.background_box)
        self.folder_label.setBuddy(self.folder_edit)
        self.form = QFormLayout()
        self.form.addRow(self.folder_label, folder_row)
        self.form.addRow(self.images_label, png_row)
        self.form.addRow(QLabel(self), self.svg_check)
        self.form.addRow(self.background_label, self.background_box)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._remember_background)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self.browse)
        for signal in (self.folder_edit.textChanged, self.png_check.toggled, self.svg_check.toggled):
            signal.connect(self._update_ok)
        self.png_check.toggled.connect(self.scale_box.setEnabled)
        self.retranslateUi()
        self._update_ok()

    def retranslateUi(self):
        self.setWindowTitle(self.tr("Export Chart Images"))
        self.folder_label.setText(self.tr("&Folder:"))
        self.images_label.setText(self.tr("Images:"))
        self.browse_button.setText(self.tr("&Browse…"))
        self.png_check.setText(self.tr("&PNG at"))
        width, height = CHART_SIZE
        for k, scale in enumerate(CHART_SCALES):
            self.scale_box.setItemText(k, self.tr("{0}× — {1} × {2} pixels ({3} dpi)").format(
                scale, width * scale, height * scale, 96 * scale))
        self.svg_check.setText(self.tr("&SVG (vector, for editing and print)"))
        self.background_label.setText(self.tr("B&ackground:"))
        self.background_box.setItemText(BACKGROUNDS.index("white"), self.tr("White"))
        self.background_box.setItemText(BACKGROUNDS.index("transparent"), self.tr("Transparent"))

    def browse(self):
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the chart images"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def _update_ok(self, *_):
        ok = os.path.isdir(self.folder_edit.text()) and (self.png_check.isChecked() or self.svg_check.isChecked())
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)

    def background(self) -> str:
        """'white' or 'transparent'."""
        return self.background_box.currentData()

    def _remember_background(self):
        set_export_background(self.background())

    def choices(self):
        formats = tuple(f for f, box in (("png", self.png_check), ("svg", self.svg_check)) if box.isChecked())
        return self.folder_edit.text(), formats, self.scale_box.currentData()
