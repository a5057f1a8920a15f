"""The treatment log: what the data treatment did to each indicator (the
outlier check before and after, the action, the points treated), and how
many cells were imputed and unit-periods screened out.  It reads the
engine's record (``Engine.prepared``, :func:`core.treatment.prepare.document`)
after every recomputation.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from core.treatment.prepare import document as treatment_document

from gui.base.document import ProjectDocument


def _num(x) -> str:
    return "" if x is None else f"{x:.3f}"


class TreatmentLog(QWidget):
    """A table of one row per indicator (and period) the outlier treatment
    looked at, under a summary line."""

    statusMessage = Signal(str)         # the pane protocol of the main window (nothing to say yet)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 7, self)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        document.recomputed.connect(self.refresh)
        document.settingsChanged.connect(self.refresh)
        document.structureChanged.connect(self.refresh)
        self.retranslateUi()

    def retranslateUi(self):
        tr = self.tr
        self.table.setHorizontalHeaderLabels([tr("Indicator"), tr("Period"), tr("Action"), tr("Skewness"),
                                              tr("Kurtosis"), tr("After"), tr("Points treated")])
        self.refresh()

    def action_text(self, action: str, n: int) -> str:
        return {"passed": self.tr("passed"), "winsorised": self.tr("winsorised ({0} points)").format(n),
                "log": self.tr("log transform (log_CT)")}.get(action, action)

    def refresh(self, *_):
        engine = self.document.project.engine
        ds = engine.dataset
        doc = treatment_document(engine.prepared, ds, list(ds.codes))
        rows = doc["indicators"]
        self.table.setRowCount(len(rows))
        for r, rec in enumerate(rows):
            after = "" if rec["skew_after"] is None else f"{_num(rec['skew_after'])} / {_num(rec['kurt_after'])}"
            points = ", ".join(p["unit"] if p["period"] is None or len(ds.periods) < 2
                               else f"{p['unit']} {p['period']}" for p in rec["points"])
            cells = [rec["code"], "" if rec["period"] is None else str(rec["period"]),
                     self.action_text(rec["action"], rec["winsorised"]), _num(rec["skew"]), _num(rec["kurt"]),
                     after, points]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if engine.prepared is None:
            self.summary.setText(self.tr("No data treatment: the raw values are normalised."))
        else:
            self.summary.setText(self.tr("Imputed cells: {0}; unit-periods screened out: {1}; transforms: {2}")
                                 .format(len(doc["imputed"]), len(doc["screened"]),
                                         ", ".join(f"{c} ({t})" for c, t in doc["transforms"].items()) or "-"))
