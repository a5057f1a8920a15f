"""Method settings: normalisation, base year, aggregation, weighting and
their parameters, as :mod:`core.model.settings` offers them.

Every change is one :class:`core.project.project.SetSettings` run through
:meth:`ProjectDocument.execute`: the project recomputes at once and the
change is one undo step.  A change the core refuses (a geometric mean over
zero values, a min-max range with L >= U ...) is reported through
:attr:`MethodPanel.statusMessage` and the form goes back to the project's
settings; the form also follows the settings when they change elsewhere
(undo, redo, opening a file).

A method that cannot work on the project (the registry's ``usable``, read
through :mod:`core.model.usability`: min-max on one unit, goalposts without
goalposts, a geometric mean over zero scores ...) is disabled in its list,
with the reason as its tooltip and in a note under the list.
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from core.errors import CoIndexError
from core.project.project import SetSettings
from core.methods.registry import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS
from core.model.usability import aggregation_choices, normalisation_choices

from gui.base.document import ProjectDocument
from gui.base.i18n import is_chinese
from gui.sheets.framework_model import run_edit, weighting_label
from gui.sheets.treatment_panel import TreatmentGroup

_CONTEXT = "MethodPanel"


def _language() -> str:
    return "zh" if is_chinese() else "en"


def method_label(method: str) -> str:
    """A normalisation method's name for people (the registry's, in the
    interface's language)."""
    m = NORMALISATIONS.get(method)
    return m.label[_language()] if m is not None else method


def aggregation_label(method: str) -> str:
    m = AGGREGATIONS.get(method)
    return m.label[_language()] if m is not None else method


_REGISTRIES = {"normalisation": NORMALISATIONS, "aggregation": AGGREGATIONS, "weighting": WEIGHTINGS}


def method_tip(kind: str, method: str) -> str:
    """The registry's one-line explanation of a method (its tooltip)."""
    m = _REGISTRIES[kind].get(method)
    return m.text[_language()] if m is not None else ""


#: the formulas of the methods, beside the code (a link under each group of the form)
METHODS_DOC = Path(__file__).resolve().parents[2] / "docs" / "methods.md"


def doc_link(parent, anchor: str) -> QLabel:
    """A link to a section of docs/methods.md (hidden when the file is not
    there), opened by the desktop's viewer."""
    label = QLabel(parent)
    label.setProperty("anchor", anchor)
    label.setTextFormat(Qt.RichText)
    label.setOpenExternalLinks(False)
    label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
    label.setVisible(METHODS_DOC.exists())
    return label


def doc_url(anchor: str) -> str:
    return QUrl.fromLocalFile(str(METHODS_DOC)).toString() + "#" + anchor


# the parameters with a field of their own in the form; any other parameter of a
# registered method that is a number gets a plain number field
_OWN_FIELDS = ("minmax_range", "zscore_mean", "zscore_sd", "power")


def _combo(parent) -> QComboBox:
    """A combo box that can be narrower than its longest item (the panel
    lives in a dock)."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def _note(parent) -> QLabel:
    """A wrapped note under a method list (hidden while empty)."""
    note = QLabel(parent)
    note.setTextFormat(Qt.RichText)
    note.setWordWrap(True)
    note.setAlignment(Qt.AlignLeft | Qt.AlignTop)
    note.setStyleSheet("color: palette(link);")
    note.hide()
    return note


def _spin(lo, hi, decimals, step) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setMinimumWidth(72)
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setKeyboardTracking(False)      # one change when typing ends, not one per digit
    return box


class MethodPanel(QWidget):
    """The method settings form of one document."""

    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self._build_fields()
        norm_form, agg_form = self._build_forms()
        self._add_parameter_fields(norm_form, agg_form)
        # the form scrolls when the dock is short (the notes can take a few lines)
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.normalisation_group)
        layout.addWidget(self.aggregation_group)
        # denomination, imputation, screening and outlier treatment (before normalisation)
        self.treatment_group = TreatmentGroup(document, self)
        self.treatment_group.statusMessage.connect(self.statusMessage)
        layout.addWidget(self.treatment_group)
        layout.addWidget(self._build_display_group())
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._connect_fields()
        document.settingsChanged.connect(self._on_settings_changed)
        document.structureChanged.connect(self._on_settings_changed)
        self.retranslateUi()

    def _build_fields(self):
        """The method, base year, range, z-score, aggregation, power and weighting fields."""
        self.normalisation_box = _combo(self)
        for m in NORMALISATIONS:
            self.normalisation_box.addItem(m, m)
        self.base_year_box = _combo(self)
        self.minmax_lower = _spin(-1e6, 1e6, 2, 1.0)
        self.minmax_upper = _spin(-1e6, 1e6, 2, 1.0)
        self.pooled_check = QCheckBox(self)
        self.zscore_mean_spin = _spin(-1e6, 1e6, 3, 1.0)
        self.zscore_sd_spin = _spin(0.001, 1e6, 3, 1.0)
        self.aggregation_box = _combo(self)
        for m in AGGREGATIONS:
            self.aggregation_box.addItem(m, m)
        self.power_spin = _spin(-20.0, 20.0, 2, 0.5)
        self.weighting_box = _combo(self)
        for m in WEIGHTINGS:
            self.weighting_box.addItem(m, m)
        self.ahp_button = QPushButton(self)

    def _build_forms(self):
        """The Normalisation and Aggregation groups with a labelled row per
        field; their forms (normalisation, aggregation)."""
        range_row = QHBoxLayout()
        range_row.setContentsMargins(0, 0, 0, 0)
        self.range_to_label = QLabel(self)
        range_row.addWidget(self.minmax_lower, 1)
        range_row.addWidget(self.range_to_label)
        range_row.addWidget(self.minmax_upper, 1)

        self.normalisation_group = QGroupBox(self)
        norm_form = QFormLayout(self.normalisation_group)
        self._labels = {}
        for key, field in (("normalisation", self.normalisation_box), ("base_year", self.base_year_box),
                           ("minmax_range", range_row), ("zscore_mean", self.zscore_mean_spin),
                           ("zscore_sd", self.zscore_sd_spin), ("pooled", self.pooled_check)):
            self._labels[key] = QLabel(self)
            norm_form.addRow(self._labels[key], field)
            if key == "normalisation":
                # which methods cannot work on this project, and why (hidden when all can)
                self.method_note = _note(self)
                norm_form.addRow("", self.method_note)
                self.normalisation_link = doc_link(self, "1-normalisation")
                norm_form.addRow("", self.normalisation_link)
        self.aggregation_group = QGroupBox(self)
        agg_form = QFormLayout(self.aggregation_group)
        for key, field in (("aggregation", self.aggregation_box), ("power", self.power_spin),
                           ("weighting", self.weighting_box)):
            self._labels[key] = QLabel(self)
            agg_form.addRow(self._labels[key], field)
            if key == "aggregation":
                self.aggregation_note = _note(self)
                agg_form.addRow("", self.aggregation_note)
                self.aggregation_link = doc_link(self, "2-aggregation")
                agg_form.addRow("", self.aggregation_link)
        agg_form.addRow("", self.ahp_button)
        return norm_form, agg_form

    def _build_display_group(self) -> QGroupBox:
        """How scores are shown: their decimals (automatic from the scale, or fixed)."""
        self.display_group = QGroupBox(self)
        form = QFormLayout(self.display_group)
        self.decimals_box = _combo(self)
        self.decimals_box.addItem("auto", None)
        for d in range(7):
            self.decimals_box.addItem(str(d), d)
        self._labels["score_decimals"] = QLabel(self)
        form.addRow(self._labels["score_decimals"], self.decimals_box)
        self.decimals_box.activated.connect(lambda *_: self._change(score_decimals=self.decimals_box.currentData()))
        return self.display_group

    def _add_parameter_fields(self, norm_form, agg_form):
        """A field for each parameter of a registered method that has no
        field of its own above: a number field, a check box for a yes/no
        parameter, a text field for a text (a reference unit's code)."""
        self.param_spins, self.param_checks, self.param_texts = {}, {}, {}
        for form, registry in ((norm_form, NORMALISATIONS), (agg_form, AGGREGATIONS)):
            for p in registry.parameters():
                if p.key in _OWN_FIELDS:
                    continue
                if isinstance(p.default, bool):
                    field = self.param_checks[p.key] = QCheckBox(self)
                    field.toggled.connect(lambda on, key=p.key: self._change_text(key, "true" if on else "false"))
                elif isinstance(p.default, (int, float)):
                    field = self.param_spins[p.key] = _spin(-1e6, 1e6, 3, 1.0)
                    field.valueChanged.connect(lambda v, key=p.key: self._change_text(key, v))
                elif isinstance(p.default, str):
                    field = self.param_texts[p.key] = QLineEdit(self)
                    field.editingFinished.connect(lambda key=p.key: self._change_text(
                        key, self.param_texts[key].text()))
                else:
                    continue
                self._labels[p.key] = QLabel(p.key + ":", self)
                form.addRow(self._labels[p.key], field)

    def _param_fields(self) -> dict:
        return {**self.param_spins, **self.param_checks, **self.param_texts}

    def _connect_fields(self):
        """Each field's edit becomes a settings change."""
        self.normalisation_box.activated.connect(
            lambda *_: self._change(normalisation=self.normalisation_box.currentData()))
        self.base_year_box.activated.connect(lambda *_: self._change(base_year=self.base_year_box.currentData()))
        self.minmax_lower.valueChanged.connect(self._on_range_changed)
        self.minmax_upper.valueChanged.connect(self._on_range_changed)
        self.pooled_check.toggled.connect(lambda on: self._change(pooled=bool(on)))
        self.zscore_mean_spin.valueChanged.connect(lambda v: self._change_text("zscore_mean", v))
        self.zscore_sd_spin.valueChanged.connect(lambda v: self._change_text("zscore_sd", v))
        self.aggregation_box.activated.connect(
            lambda *_: self._change(aggregation=self.aggregation_box.currentData()))
        self.power_spin.valueChanged.connect(lambda v: self._change_text("power", v))
        self.weighting_box.activated.connect(lambda *_: self._change(weighting=self.weighting_box.currentData()))
        self.ahp_button.clicked.connect(self.edit_ahp)

    # ---- strings ------------------------------------------------------------------------------
    def retranslateUi(self):
        tr = self.tr
        self.normalisation_group.setTitle(tr("Normalisation"))
        self.aggregation_group.setTitle(tr("Aggregation"))
        texts = {"normalisation": (tr("&Method:"), tr("How each indicator is put on a common scale")),
                 "base_year": (tr("&Base year:"), tr("The period set to 100 by the fixed-base index; also the "
                                                     "start of change and growth")),
                 "minmax_range": (tr("Min-max &range:"), tr("The scale of min-max: lowest value to L, highest "
                                                             "to U")),
                 "zscore_mean": (tr("Z-score m&ean:"), tr("The mean z-scores are shifted to")),
                 "zscore_sd": (tr("Z-score &SD:"), tr("The standard deviation z-scores are scaled to")),
                 "pooled": (tr("&Pooled:"), tr("Take minimum, maximum, mean and ranks over all periods "
                                               "together, not period by period")),
                 "aggregation": (tr("M&ean:"), tr("How children are combined into their parent")),
                 "power": (tr("P&ower p:"), tr("The power of the generalised mean (1 arithmetic, 0 geometric, "
                                               "-1 harmonic)")),
                 "weighting": (tr("&Weights:"), self.tr("How the children of each node are weighted: the framework's "
                                                   "weights, equal, derived from the data, or AHP"))}
        for key, (text, tip) in texts.items():
            self._labels[key].setText(text)
            self._labels[key].setToolTip(tip)
        for key, field in (("normalisation", self.normalisation_box), ("base_year", self.base_year_box),
                           ("zscore_mean", self.zscore_mean_spin), ("zscore_sd", self.zscore_sd_spin),
                           ("pooled", self.pooled_check), ("aggregation", self.aggregation_box),
                           ("power", self.power_spin), ("weighting", self.weighting_box)):
            field.setToolTip(texts[key][1])
            self._labels[key].setBuddy(field)
        helps = {p.key: p.help for reg in (NORMALISATIONS, AGGREGATIONS) for p in reg.parameters()}
        for key, field in self._param_fields().items():
            field.setToolTip(helps.get(key, ""))
            self._labels[key].setBuddy(field)
        self._labels["minmax_range"].setBuddy(self.minmax_lower)
        self.minmax_lower.setToolTip(tr("L: the value given to the lowest"))
        self.minmax_upper.setToolTip(tr("U: the value given to the highest"))
        self.range_to_label.setText(tr("to"))
        self.pooled_check.setText(tr("over all periods"))
        for box, label, kind in ((self.normalisation_box, method_label, "normalisation"),
                                 (self.aggregation_box, aggregation_label, "aggregation"),
                                 (self.weighting_box, weighting_label, "weighting")):
            for k in range(box.count()):
                box.setItemText(k, label(box.itemData(k)))
                if kind == "weighting":             # the others get theirs with the reasons they cannot work
                    box.setItemData(k, method_tip(kind, box.itemData(k)), Qt.ToolTipRole)
        for label, text in ((self.normalisation_link, tr("Formulas of every normalisation (docs/methods.md)")),
                            (self.aggregation_link, tr("Formulas of the means and the weighting methods "
                                                       "(docs/methods.md)"))):
            label.setText('<a href="{0}">{1}</a>'.format(doc_url(label.property("anchor")), html.escape(text)))
        self.display_group.setTitle(tr("Display"))
        self._labels["score_decimals"].setText(tr("Score &decimals:"))
        self._labels["score_decimals"].setBuddy(self.decimals_box)
        self.decimals_box.setItemText(0, tr("automatic (from the scale: 0.962, 202.29)"))
        self.decimals_box.setToolTip(tr("Decimals of the scores in charts, league and results table; copies and "
                                        "exports keep every digit"))
        self.ahp_button.setText(self.tr("Edit &AHP matrices…"))
        self.ahp_button.setToolTip(self.tr("Pairwise comparisons of the children of each node, with the consistency "
                                      "ratio"))
        self.load()

    # ---- form <- project ------------------------------------------------------------------------------
    def load(self):
        """Show the project's settings (without making any change)."""
        s = self.document.project.settings
        periods = self.document.project.dataset.periods
        widgets = (self.normalisation_box, self.base_year_box, self.minmax_lower, self.minmax_upper,
                   self.pooled_check, self.zscore_mean_spin, self.zscore_sd_spin, self.aggregation_box,
                   self.power_spin, self.weighting_box, self.decimals_box, *self._param_fields().values())
        blockers = [QSignalBlocker(w) for w in widgets]
        try:
            self._select(self.normalisation_box, s.normalisation)
            self.base_year_box.clear()
            timed = [p for p in periods if p is not None]
            for p in timed:
                self.base_year_box.addItem(str(p), p)
            if not timed:
                self.base_year_box.addItem(self.tr("(no periods)"), None)
            # the default base: the engine's (the first period with data for every indicator)
            default = periods[self.document.project.engine.growth_base] if periods else None
            self._select(self.base_year_box, s.base_year if s.base_year is not None else default)
            self.base_year_box.setEnabled(bool(timed))
            self.minmax_lower.setValue(float(s.minmax_range[0]))
            self.minmax_upper.setValue(float(s.minmax_range[1]))
            self.pooled_check.setChecked(bool(s.pooled))
            self.zscore_mean_spin.setValue(float(s.zscore_mean))
            self.zscore_sd_spin.setValue(float(s.zscore_sd))
            self._select(self.aggregation_box, s.aggregation)
            self.power_spin.setValue(float(s.power))
            self._select(self.weighting_box, s.weighting)
            self.decimals_box.setCurrentIndex(0 if s.score_decimals is None else int(s.score_decimals) + 1)
            for key, spin in self.param_spins.items():
                spin.setValue(float(getattr(s, key)))
            for key, check in self.param_checks.items():
                check.setChecked(bool(getattr(s, key)))
            for key, line in self.param_texts.items():
                line.setText(str(getattr(s, key)))
        finally:
            for b in blockers:
                b.unblock()
        self._mark_unusable()
        # a parameter's fields are enabled when a method that reads it is in use
        used = {s.normalisation, *s.normalisation_by.values()}
        read = {p.key for m in used for p in NORMALISATIONS[m].parameters}
        read |= {p.key for p in AGGREGATIONS[s.aggregation].parameters}
        for key, widgets in (("minmax_range", (self.minmax_lower, self.minmax_upper)),
                             ("zscore_mean", (self.zscore_mean_spin,)), ("zscore_sd", (self.zscore_sd_spin,)),
                             ("power", (self.power_spin,)),
                             *((key, (field,)) for key, field in self._param_fields().items())):
            for w in widgets:
                w.setEnabled(key in read)
        self.ahp_button.setVisible(s.weighting == "ahp")

    def edit_ahp(self):
        """The AHP matrix editor (one undo step when accepted)."""
        from gui.sheets.ahp_editor import AhpDialog
        dialog = AhpDialog(self.document.project.framework, self.document.project.settings, self)
        if dialog.exec():
            old = self.document.project.settings
            new = old.copy()
            new.ahp_by = dialog.judgements()
            if new != old:
                run_edit(self.document, SetSettings(new), self.tr("Method: AHP matrices"), self.statusMessage.emit)

    def unusable(self) -> tuple[dict, dict]:
        """(normalisation, aggregation) name -> why it cannot work on the
        project, for the methods that cannot (the registry's rule)."""
        p = self.document.project
        fw, ds, s = p.framework, p.dataset, p.settings
        norm = normalisation_choices(fw, ds, s)
        agg = aggregation_choices(fw, ds, s, p.engine.scores[:len(fw.indicator_codes)])
        return ({k: v for k, v in norm.items() if v}, {k: v for k, v in agg.items() if v})

    def method_problem(self) -> str:
        """The note under the normalisation list as plain text: the methods
        that cannot work on this project and why ('' when all can)."""
        return self._note_text(self.unusable()[0], method_label)

    def aggregation_problem(self) -> str:
        """The note under the aggregation list as plain text."""
        return self._note_text(self.unusable()[1], aggregation_label)

    def _note_text(self, reasons: dict, label, rich: bool = False) -> str:
        """'Not available here:' and a '• Min-max, Z-score: <reason>' line
        per reason (methods with one reason together); '' without reasons."""
        if not reasons:
            return ""
        by_reason: dict[str, list] = {}
        for name, why in reasons.items():
            by_reason.setdefault(why, []).append(label(name))
        if rich:
            lines = [self.tr("• {0}: {1}").format(f"<b>{html.escape(', '.join(names))}</b>", html.escape(why))
                     for why, names in by_reason.items()]
            return "<br>".join([html.escape(self.tr("Not available here:"))] + lines)
        return "\n".join([self.tr("Not available here:")] + [self.tr("• {0}: {1}").format(", ".join(names), why)
                                                              for why, names in by_reason.items()])

    def _mark_unusable(self):
        """Disable the methods that cannot work, their reason as tooltip and note."""
        norm, agg = self.unusable()
        for box, kind, reasons, note, label in (
                (self.normalisation_box, "normalisation", norm, self.method_note, method_label),
                (self.aggregation_box, "aggregation", agg, self.aggregation_note, aggregation_label)):
            model = box.model()
            for k in range(box.count()):
                name = box.itemData(k)
                why = reasons.get(name)
                model.item(k).setEnabled(why is None or name == box.currentData())
                box.setItemData(k, method_tip(kind, name) if why is None else
                                self.tr("Not available here: {0}").format(why), Qt.ToolTipRole)
            note.setText(self._note_text(reasons, label, rich=True))
            note.setVisible(bool(reasons))

    @staticmethod
    def _select(box: QComboBox, value):
        k = box.findData(value)
        if k >= 0:
            box.setCurrentIndex(k)

    # ---- form -> project --------------------------------------------------------------------------------
    def _change(self, **changes) -> bool:
        """Apply ``changes`` (Settings fields) as one undo step."""
        old = self.document.project.settings
        new = old.copy()
        for key, value in changes.items():
            setattr(new, key, value)
        return self._execute(old, new, next(iter(changes)))

    def _change_text(self, key: str, value) -> bool:
        """A change validated by the core's text interface (its messages)."""
        old = self.document.project.settings
        new = old.copy()
        try:
            new.apply(key, value, where=self.tr("Method settings"))
        except CoIndexError as e:
            self.statusMessage.emit(str(e))
            self.load()
            return False
        return self._execute(old, new, key)

    def _on_range_changed(self, *_):
        lo, hi = self.minmax_lower.value(), self.minmax_upper.value()
        return self._change_text("minmax_range", f"{lo!r},{hi!r}")

    def _execute(self, old, new, key) -> bool:
        if new == old:
            return False
        label = self._labels[key].text().replace("&", "").rstrip(":：")
        ok = run_edit(self.document, SetSettings(new), self.tr("Method: {0}").format(label),
                      self.statusMessage.emit)
        if not ok:
            self.load()       # back to what the project uses
        return ok

    def _on_settings_changed(self):
        self.load()
