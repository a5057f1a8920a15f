"""The Analysis pane: choose the uncertain inputs, run the analysis in a
worker thread (progress bar, Cancel), and see each unit's rank interval
and the Sobol indices.

The run is :func:`core.analysis.summary.run_summary` on a snapshot of the
project (edits made meanwhile do not reach it), in a
:class:`gui.importing.worker.Task`.  Its summary goes to the document
(:meth:`ProjectDocument.set_analysis`: saved with the project, and the
composite chart's score band); a summary read from the project file is
shown as one just computed.  When the project changes after a run the
charts keep the run's results and the status line says they are out of
date; a change of structure (units, indicators) clears them.
:meth:`AnalysisPane.project_state` and :meth:`~AnalysisPane.restore_project_state` give the
choices as a plain dict, for the project file's app state.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QProgressBar, QPushButton, QSpinBox, QSplitter, QVBoxLayout,
                               QWidget)

from core.analysis.inputs import MAX_REPLICATIONS, Uncertainty
from core.analysis.run import AnalysisCancelled
from core.analysis.summary import run_summary
from core.methods.registry import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, TREATMENTS

from gui.analysis.charts import RankIntervalChart, SobolChart
from gui.base.document import ProjectDocument
from gui.importing.worker import Task, error_text
from gui.sheets.method_panel import aggregation_label, method_label, method_tip


def _note() -> QLabel:
    """A small wrapped line under a check box, indented to its text."""
    note = QLabel(wordWrap=True)
    note.setIndent(22)
    font = note.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    note.setFont(font)
    return note


class AnalysisPane(QWidget):
    """The analysis form beside its two charts."""

    finished = Signal(object)       # the Analysis of a run that succeeded
    statusMessage = Signal(str)     # what the status line now says

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.task: Task | None = None
        self.analysis = None
        self._started = 0.0
        self._level_boxes: dict[int, QCheckBox] = {}
        self._build()
        self._fill_methods()
        self._fill_levels()
        document.valuesChanged.connect(self._on_project_changed)
        document.settingsChanged.connect(self._on_project_changed)
        document.settingsChanged.connect(self._refresh_switches)
        document.structureChanged.connect(self._on_structure_changed)
        self.retranslateUi()
        self._show_saved()

    # ---- building ------------------------------------------------------------------------------
    def _build(self):
        self.replications = QSpinBox(minimum=10, maximum=MAX_REPLICATIONS, value=1000, singleStep=500)
        self.replications.setGroupSeparatorShown(True)
        self.noise = QDoubleSpinBox(minimum=0.0, maximum=1.0, value=0.25, singleStep=0.05, decimals=2)
        self.levels_row = QHBoxLayout()
        self.normalisations = QListWidget()
        self.aggregations = QListWidget()
        self.leave_out = QCheckBox()
        self.imputation_switch = QCheckBox()        # the project's imputation on and off
        self.treatment_switch = QCheckBox()         # the project's outlier treatment on and off
        self.imputation_note = _note()              # what the switch does, or why it is disabled
        self.treatment_note = _note()
        self.sensitivity = QCheckBox()
        self.seed = QSpinBox(minimum=0, maximum=2_147_483_647, value=0)
        self.run_button = QPushButton()
        self.cancel_button = QPushButton(enabled=False)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(minimum=0, maximum=1000, value=0, textVisible=False)
        self.status = QLabel(wordWrap=True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        form = QFormLayout()
        self.labels = [QLabel() for _ in range(6)]
        levels = QWidget()
        levels.setLayout(self.levels_row)
        self.levels_row.setContentsMargins(0, 0, 0, 0)
        for label, field in zip(self.labels, (self.replications, self.noise, levels, self.normalisations,
                                              self.aggregations, self.seed)):
            form.addRow(label, field)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        side = QVBoxLayout()
        side.addLayout(form)
        for box, note in ((self.imputation_switch, self.imputation_note), (self.treatment_switch, self.treatment_note)):
            side.addWidget(box)
            side.addWidget(note)
        side.addWidget(self.leave_out)
        side.addWidget(self.sensitivity)
        side.addLayout(buttons)
        side.addWidget(self.progress)
        side.addWidget(self.status)
        side.addStretch(1)
        panel = QWidget()
        panel.setLayout(side)
        panel.setMaximumWidth(340)
        self.rank_chart = RankIntervalChart(self.document)
        self.sobol_chart = SobolChart(self.document)
        charts = QSplitter(Qt.Vertical)
        charts.addWidget(self.rank_chart)
        charts.addWidget(self.sobol_chart)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)
        outer = QHBoxLayout(self)
        outer.addWidget(panel)
        outer.addWidget(charts, 1)

    def _fill_methods(self):
        st = self.document.project.settings
        for box, registry, own, label, kind in ((self.normalisations, NORMALISATIONS, st.normalisation, method_label,
                                                 "normalisation"),
                                                (self.aggregations, AGGREGATIONS, st.aggregation, aggregation_label,
                                                 "aggregation")):
            box.clear()
            for name in registry:
                item = QListWidgetItem(label(name))
                item.setData(Qt.UserRole, name)
                item.setToolTip(method_tip(kind, name))
                item.setCheckState(Qt.Checked if name == own else Qt.Unchecked)
                box.addItem(item)
            # as high as its items, up to about seven of them
            box.setMaximumHeight(min(7, box.count()) * max(box.sizeHintForRow(0), 16) + 2 * box.frameWidth() + 4)

    def _fill_levels(self):
        """One box per framework level whose weights are used (1 =
        indicators), the levels above the indicators ticked."""
        while self.levels_row.count():
            self.levels_row.takeAt(0).widget().deleteLater()
        fw = self.document.project.framework
        levels = sorted({fw.level[n.code] for n in fw.nodes if n.parent is not None and n.code in fw.level})
        self._level_boxes = {}
        for lev in levels:
            box = QCheckBox(str(lev))
            box.setChecked(lev > 1)
            self._level_boxes[lev] = box
            self.levels_row.addWidget(box)

    def retranslateUi(self):
        for label, text in zip(self.labels, (self.tr("Replications"), self.tr("Weights noise"),
                                             self.tr("Noisy levels"), self.tr("Normalisations"),
                                             self.tr("Aggregations"), self.tr("Seed"))):
            label.setText(text)
        self.noise.setToolTip(self.tr("Each weight of a noisy level becomes w + U(-1, 1) × noise × w"))
        for box in self._level_boxes.values():
            box.setToolTip(self.tr("Perturb the weights of this level (1 = indicators)"))
        self.leave_out.setText(self.tr("Leave out one indicator per replication"))
        self._refresh_switches()
        self.sensitivity.setText(self.tr("Sensitivity (Sobol indices)"))
        self.run_button.setText(self.tr("Run analysis"))
        self.cancel_button.setText(self.tr("Cancel"))
        for box, label in ((self.normalisations, method_label), (self.aggregations, aggregation_label)):
            for k in range(box.count()):
                box.item(k).setText(label(box.item(k).data(Qt.UserRole)))
        self.rank_chart.retranslateUi()
        self.sobol_chart.retranslateUi()

    def _refresh_switches(self, *_):
        """The imputation and treatment switches: the note under each names
        the project's method, or says why the switch is disabled."""
        st = self.document.project.settings
        self.imputation_switch.setText(self.tr("Imputation on and off"))
        self.treatment_switch.setText(self.tr("Outlier treatment on and off"))
        if st.imputation != "none":
            note = self.tr("Each replication imputes missing values as the project does ({0}) or leaves them "
                           "missing").format(IMPUTATIONS[st.imputation].title())
        else:
            note = self.tr("Disabled: the project imputes no values (choose an imputation method in the method "
                           "settings)")
        self._show_switch(self.imputation_switch, self.imputation_note, st.imputation != "none", note)
        if st.treatment != "none":
            note = self.tr("Each replication treats outliers as the project does ({0}) or leaves the values as "
                           "they are").format(TREATMENTS[st.treatment].title())
        else:
            note = self.tr("Disabled: the project treats no outliers (choose an outlier treatment in the method "
                           "settings)")
        self._show_switch(self.treatment_switch, self.treatment_note, st.treatment != "none", note)

    @staticmethod
    def _show_switch(box: QCheckBox, note: QLabel, enabled: bool, text: str):
        box.setEnabled(enabled)
        box.setToolTip(text)
        note.setText(text)
        note.setEnabled(enabled)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.retranslateUi()

    # ---- the choices -------------------------------------------------------------------------------
    @staticmethod
    def _checked(box: QListWidget) -> tuple:
        return tuple(box.item(k).data(Qt.UserRole) for k in range(box.count())
                     if box.item(k).checkState() == Qt.Checked)

    def spec(self) -> Uncertainty:
        """The uncertain inputs as chosen in the form."""
        levels = tuple(lev for lev, box in self._level_boxes.items() if box.isChecked())
        noise = self.noise.value() if levels else 0.0
        st = self.document.project.settings
        imputations = (st.imputation, "none") if self._switched(self.imputation_switch) else ()
        treatments = (st.treatment, "none") if self._switched(self.treatment_switch) else ()
        return Uncertainty(replications=self.replications.value(), weights_noise=noise,
                           noise_levels=levels if noise > 0 else (), normalisations=self._checked(self.normalisations),
                           aggregations=self._checked(self.aggregations), leave_out=self.leave_out.isChecked(),
                           seed=self.seed.value(), imputations=imputations, treatments=treatments)

    @staticmethod
    def _switched(box: QCheckBox) -> bool:
        return box.isEnabled() and box.isChecked()

    def project_state(self) -> dict:
        """"The form's choices, for the project file (the window's pane protocol, gui/window/panes.py)."""
        s = self.spec()
        return {"replications": s.replications, "weights_noise": self.noise.value(), "noise_levels": list(s.noise_levels),
                "normalisations": list(s.normalisations), "aggregations": list(s.aggregations),
                "leave_out": s.leave_out, "sensitivity": self.sensitivity.isChecked(), "seed": s.seed,
                "imputation_on_off": self.imputation_switch.isChecked(),
                "treatment_on_off": self.treatment_switch.isChecked()}

    def restore_project_state(self, state: dict):
        """Set the form from :meth:`project_state`'s dict; a missing or
        unreadable value (a file edited by hand) leaves its field as it is."""
        state = state if isinstance(state, dict) else {}

        def get(key, cast, now):
            try:
                return cast(state[key])
            except (KeyError, TypeError, ValueError):
                return now
        self.replications.setValue(get("replications", int, self.replications.value()))
        self.noise.setValue(get("weights_noise", float, self.noise.value()))
        self.seed.setValue(get("seed", int, self.seed.value()))
        self.leave_out.setChecked(get("leave_out", bool, self.leave_out.isChecked()))
        self.sensitivity.setChecked(get("sensitivity", bool, self.sensitivity.isChecked()))
        for box, key in ((self.imputation_switch, "imputation_on_off"), (self.treatment_switch, "treatment_on_off")):
            box.setChecked(get(key, bool, box.isChecked()))
        levels = get("noise_levels", lambda v: [int(x) for x in v], None)
        if levels is not None:
            for lev, box in self._level_boxes.items():
                box.setChecked(lev in levels)
        for box, key in ((self.normalisations, "normalisations"), (self.aggregations, "aggregations")):
            names = get(key, lambda v: [str(x) for x in v], None)
            if names is not None:
                for k in range(box.count()):
                    item = box.item(k)
                    item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in names else Qt.Unchecked)

    # ---- running -----------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.task is not None and self.task.running

    def run(self) -> Task:
        """Start the analysis of a snapshot of the project (a run in
        progress is cancelled first)."""
        self.cancel(quiet=True)
        task = Task(run_summary, self.document.snapshot(), self.spec(), sensitivity=self.sensitivity.isChecked(),
                    parent=self)
        task.progressed.connect(self._on_progress)
        task.succeeded.connect(self._on_succeeded)
        task.failed.connect(self._on_failed)
        self.task = task
        self._started = time.perf_counter()
        self.progress.setValue(0)
        self._set_running(True)
        self._say(self.tr("Running…"))
        task.start()
        return task

    def cancel(self, quiet: bool = False):
        """Stop waiting for the run (its thread stops at its next step)."""
        if self.running:
            self.task.cancel()
            self.task = None
            self._set_running(False)
            self.progress.setValue(0)
            if not quiet:
                self._say(self.tr("Cancelled"))

    def _set_running(self, running: bool):
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)

    def _say(self, text: str):
        self.status.setText(text)
        self.statusMessage.emit(text)

    def _on_progress(self, fraction: float, _message: str):
        self.progress.setValue(int(round(fraction * 1000)))

    def _on_succeeded(self, result):
        analysis, summary = result
        self.task = None
        self._set_running(False)
        self.progress.setValue(1000)
        self.analysis = analysis
        self.rank_chart.show_analysis(summary)
        self.sobol_chart.show_analysis(summary)
        seconds = time.perf_counter() - self._started
        self._say(self.tr("{0} replications in {1} s").format(f"{len(analysis.uncertainty.assumptions):,}",
                                                               f"{seconds:.1f}"))
        self.document.set_analysis(summary)
        if not self.document.analysis_current:
            self._on_project_changed()        # edited while it ran
        self.finished.emit(analysis)

    def _show_saved(self):
        """The document's last analysis (from the project file), and
        whether the project has changed since."""
        summary = self.document.analysis
        if summary is None:
            return
        self.rank_chart.show_analysis(summary)
        self.sobol_chart.show_analysis(summary)
        if self.document.analysis_current:
            self._say(self.tr("Last analysis: {0} replications").format(f"{summary.replications:,}"))
        else:
            self._say(self.tr("The project has changed since this analysis: run it again to update it"))

    def _on_failed(self, error):
        self.task = None
        self._set_running(False)
        self.progress.setValue(0)
        if not isinstance(error, AnalysisCancelled):
            self._say(error_text(error))

    # ---- the project changed -----------------------------------------------------------------------
    def _on_project_changed(self, *_):
        if self.rank_chart.analysis is not None:
            self._say(self.tr("The project has changed since this analysis: run it again to update it"))

    def _on_structure_changed(self):
        self.cancel(quiet=True)
        self.analysis = None
        self.rank_chart.show_analysis(None)
        self.sobol_chart.show_analysis(None)
        self._fill_levels()
        self.retranslateUi()
