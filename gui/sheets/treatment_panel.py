"""The data treatment settings of the method pane: denomination, imputation,
screening and outlier treatment, as :mod:`core.model.settings` offers them
and the registry (``IMPUTATIONS``, ``TREATMENTS``) names and explains them.

Each change is one :class:`core.project.project.SetSettings` undo step,
validated by the core's text interface; a refusal goes to
:attr:`TreatmentGroup.statusMessage` and the form goes back to the project.
"""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel

from core.errors import CoIndexError
from core.methods.registry import IMPUTATIONS, TREATMENTS
from core.project.project import SetSettings

from gui.base.document import ProjectDocument
from gui.base.i18n import is_chinese
from gui.sheets.framework_model import run_edit


def _lang() -> str:
    return "zh" if is_chinese() else "en"


class TreatmentGroup(QGroupBox):
    """The 'Data treatment' group of the method pane."""

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.denominate_check = QCheckBox(self)
        self.imputation_box = QComboBox(self)
        for name in IMPUTATIONS:
            self.imputation_box.addItem(name, name)
        self.group_box = QComboBox(self)
        self.screen_check = QCheckBox(self)
        self.screen_spin = QDoubleSpinBox(self)
        self.screen_spin.setRange(1.0, 100.0)
        self.screen_spin.setDecimals(0)
        self.screen_spin.setSuffix(" %")
        self.screen_spin.setKeyboardTracking(False)
        self.treatment_box = QComboBox(self)
        for name in TREATMENTS:
            self.treatment_box.addItem(name, name)
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        form = QFormLayout(self)
        self._labels = {}
        for key, field in (("denominate", self.denominate_check), ("imputation", self.imputation_box),
                           ("imputation_group", self.group_box), ("screen", self.screen_check),
                           ("screen_threshold", self.screen_spin), ("treatment", self.treatment_box)):
            self._labels[key] = QLabel(self)
            self._labels[key].setBuddy(field)
            form.addRow(self._labels[key], field)
        form.addRow("", self.explanation)
        self.denominate_check.toggled.connect(lambda on: self._change("denominate", "true" if on else "false"))
        self.imputation_box.activated.connect(lambda *_: self._change("imputation",
                                                                      self.imputation_box.currentData()))
        self.group_box.activated.connect(lambda *_: self._change("imputation_group", self.group_box.currentData()))
        self.screen_check.toggled.connect(self._on_screen_changed)
        self.screen_spin.valueChanged.connect(self._on_screen_changed)
        self.treatment_box.activated.connect(lambda *_: self._change("treatment", self.treatment_box.currentData()))
        document.settingsChanged.connect(self.load)
        document.structureChanged.connect(self.load)
        self.retranslateUi()

    def retranslateUi(self):
        tr = self.tr
        self.setTitle(tr("Data treatment"))
        texts = {"denominate": (tr("&Denominate:"), tr("Divide each indicator by its Meta Denominator column")),
                 "imputation": (tr("&Imputation:"), tr("How missing values are filled before normalisation")),
                 "imputation_group": (tr("&Group:"), tr("The group column of the group mean and group median")),
                 "screen": (tr("&Screening:"), tr("Leave out unit-periods with too few indicators")),
                 "screen_threshold": (tr("Needs at &least:"), tr("The share of indicators a unit-period needs")),
                 "treatment": (tr("&Outliers:"), tr("Outlier treatment of each indicator, as COINr does it"))}
        for key, (text, tip) in texts.items():
            self._labels[key].setText(text)
            self._labels[key].setToolTip(tip)
            self._labels[key].buddy().setToolTip(tip)
        self.denominate_check.setText(tr("per denominator"))
        self.screen_check.setText(tr("on"))
        lang = _lang()
        for box, reg in ((self.imputation_box, IMPUTATIONS), (self.treatment_box, TREATMENTS)):
            for k in range(box.count()):
                m = reg[box.itemData(k)]
                box.setItemText(k, m.label[lang])
                box.setItemData(k, m.text[lang], 3)          # Qt.ToolTipRole: the one-line explanation
        self.load()

    def load(self):
        """Show the project's settings (without making any change)."""
        s = self.document.project.settings
        groups = list(self.document.project.dataset.groups)
        widgets = (self.denominate_check, self.imputation_box, self.group_box, self.screen_check, self.screen_spin,
                   self.treatment_box)
        blockers = [QSignalBlocker(w) for w in widgets]
        try:
            self.denominate_check.setChecked(bool(s.denominate))
            self.imputation_box.setCurrentIndex(max(0, self.imputation_box.findData(s.imputation)))
            self.group_box.clear()
            for g in groups:
                self.group_box.addItem(g, g)
            self.group_box.setCurrentIndex(max(0, self.group_box.findData(s.imputation_group)))
            self.group_box.setEnabled(s.imputation in ("group_mean", "group_median") and bool(groups))
            on = s.screen_threshold is not None
            self.screen_check.setChecked(on)
            self.screen_spin.setValue(100.0 * (s.screen_threshold if on else 0.9))
            self.screen_spin.setEnabled(on)
            self.treatment_box.setCurrentIndex(max(0, self.treatment_box.findData(s.treatment)))
        finally:
            for b in blockers:
                b.unblock()
        lang = _lang()
        self.explanation.setText("\n".join(f"{reg[name].label[lang]}: {reg[name].text[lang]}"
                                           for reg, name in ((IMPUTATIONS, s.imputation), (TREATMENTS, s.treatment))
                                           if name != "none"))
        self.explanation.setVisible(bool(self.explanation.text()))

    def _on_screen_changed(self, *_):
        text = f"{self.screen_spin.value() / 100.0!r}" if self.screen_check.isChecked() else "none"
        self._change("screen_threshold", text)

    def _change(self, key: str, text) -> bool:
        """One settings change through the core's text interface, as one undo step."""
        old = self.document.project.settings
        new = old.copy()
        try:
            new.apply(key, "" if text is None else text, where=self.tr("Data treatment"))
            if key == "imputation" and new.imputation in ("group_mean", "group_median") \
                    and not new.imputation_group and self.document.project.dataset.groups:
                new.apply("imputation_group", next(iter(self.document.project.dataset.groups)))
        except CoIndexError as e:
            self.statusMessage.emit(str(e))
            self.load()
            return False
        if new == old:
            return False
        ok = run_edit(self.document, SetSettings(new), self.tr("Data treatment: {0}").format(key),
                      self.statusMessage.emit)
        if not ok:
            self.load()
        return ok
