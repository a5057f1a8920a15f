"""The statistics view: per indicator count, missing, min, max, mean, sd,
skewness, kurtosis and flags; a correlation heat map (Pearson or Spearman)
between the nodes of one level or of two levels; per aggregate Cronbach's
alpha and the variance share of the first principal component.  All of it
comes from :mod:`core.pipeline.statistics`, for one period or pooled, and is
read again after every recomputation.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from core.errors import CoIndexError
from core.pipeline import statistics as stats

from gui.base.formatting import fmt
from gui.base.i18n import display_name

POSITIVE, NEGATIVE, NEUTRAL = QColor("#B2182B"), QColor("#2166AC"), QColor("#FFFFFF")
POOLED = "__pooled__"


def heat_colour(r: float) -> QColor:
    """White at 0, deepening to red at +1 and to blue at -1; grey when missing."""
    if r != r:
        return QColor("#D9D9D9")
    end, s = (POSITIVE if r >= 0 else NEGATIVE), min(1.0, abs(r))
    return QColor.fromRgbF(NEUTRAL.redF() * (1 - s) + end.redF() * s, NEUTRAL.greenF() * (1 - s) + end.greenF() * s,
                           NEUTRAL.blueF() * (1 - s) + end.blueF() * s)


def _table(parent) -> QTableWidget:
    t = QTableWidget(0, 0, parent)
    t.setEditTriggers(QAbstractItemView.NoEditTriggers)
    return t


def _item(text: str, number: bool = True) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    if number:
        it.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    return it


def _fill(table: QTableWidget, heads: list, rows: list) -> None:
    """``table`` with these column heads and rows of items."""
    table.setColumnCount(len(heads))
    table.setHorizontalHeaderLabels(heads)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, item in enumerate(cells):
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class StatisticsView(QWidget):
    """Three tabs (indicators, correlations, dimensions) under the choice of
    period, values, correlation method and the two levels compared."""

    statusMessage = Signal(str)         # the pane protocol of the main window

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.period_box, self.dset_box, self.method_box = QComboBox(self), QComboBox(self), QComboBox(self)
        self.rows_box, self.cols_box = QComboBox(self), QComboBox(self)
        for key in stats.DSETS:
            self.dset_box.addItem(key, key)
        for key in stats.METHODS:
            self.method_box.addItem(key, key)
        self.indicator_table, self.heat_map, self.dimension_table = _table(self), _table(self), _table(self)
        self.tabs = QTabWidget(self)
        for w in (self.indicator_table, self.heat_map, self.dimension_table):
            self.tabs.addTab(w, "")
        self.indicator_table.verticalHeader().hide()
        self.dimension_table.verticalHeader().hide()
        self._labels = [QLabel(self) for _ in range(5)]
        layout = QVBoxLayout(self)
        layout.addWidget(self._controls())
        layout.addWidget(self.tabs)
        for box in (self.period_box, self.dset_box, self.method_box, self.rows_box, self.cols_box):
            box.activated.connect(self.refresh)
        document.recomputed.connect(self.reload)
        document.settingsChanged.connect(self.reload)
        document.structureChanged.connect(self.reload)
        self.retranslateUi()

    def _controls(self) -> QScrollArea:
        """The row of choices, scrolling sideways in a narrow pane (its
        width would otherwise be the window's minimum: wider than a laptop's
        screen)."""
        row = QWidget(self)
        top = QHBoxLayout(row)
        top.setContentsMargins(0, 0, 0, 0)
        for label, box in zip(self._labels, (self.period_box, self.dset_box, self.method_box, self.rows_box,
                                             self.cols_box)):
            label.setBuddy(box)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
            top.addWidget(label)
            top.addWidget(box)
            top.addSpacing(10)
        top.addStretch(1)
        area = QScrollArea(self)
        area.setWidget(row)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFixedHeight(row.sizeHint().height() + area.horizontalScrollBar().sizeHint().height())
        return area

    def retranslateUi(self):
        tr = self.tr
        for label, text in zip(self._labels, (tr("&Period:"), tr("&Values:"), tr("&Correlation:"), tr("&Rows:"),
                                              tr("C&olumns:"))):
            label.setText(text)
        for k, text in enumerate((tr("Indicators"), tr("Correlations"), tr("Dimensions"))):
            self.tabs.setTabText(k, text)
        self.dset_box.setItemText(0, tr("raw values"))
        self.dset_box.setItemText(1, tr("normalised values"))
        self.dset_box.setToolTip(tr("The indicator table reads these; correlations, alpha and PCA read the scores"))
        self.method_box.setItemText(0, tr("Pearson"))
        self.method_box.setItemText(1, tr("Spearman (ranks)"))
        self.reload()

    # ---- choices -------------------------------------------------------------
    def _fill(self, box: QComboBox, items, default_index: int = 0):
        """Refill ``box`` with (text, data) pairs, keeping its choice if still offered."""
        keep = box.currentData()
        box.blockSignals(True)
        box.clear()
        for text, data in items:
            box.addItem(text, data)
        at = box.findData(keep) if keep is not None else -1
        box.setCurrentIndex(at if at >= 0 else min(default_index, box.count() - 1))
        box.blockSignals(False)

    def reload(self, *_):
        """Offer the project's periods and levels again, then show the numbers."""
        engine = self.document.project.engine
        if engine.dataset.has_time:
            items = [(str(p), p) for p in engine.dataset.periods]
            pooled = [(self.tr("all periods pooled"), POOLED)] if len(items) > 1 else []
            self._fill(self.period_box, items + pooled, default_index=len(items) - 1)
        else:                       # no time: pooling the one period is that period
            self._fill(self.period_box, [(self.tr("the one period"), POOLED)])
        lv = [(self.tr("Level {0}").format(n) if n > 1 else self.tr("Level 1 (indicators)"), n)
              for n in stats.levels(engine)]
        self._fill(self.rows_box, lv, default_index=min(1, len(lv) - 1))
        self._fill(self.cols_box, lv, default_index=min(1, len(lv) - 1))
        self.refresh()

    def period(self):
        p = self.period_box.currentData()
        return None if p == POOLED else p

    # ---- the numbers ---------------------------------------------------------
    def refresh(self, *_):
        engine = self.document.project.engine
        try:
            self._show_indicators(stats.indicator_statistics(engine, self.period(), self.dset_box.currentData()))
            rows = stats.level_codes(engine, self.rows_box.currentData())
            cols = stats.level_codes(engine, self.cols_box.currentData())
            self._show_heat_map(stats.correlation(engine, rows, cols, self.period(), self.method_box.currentData()))
            self._show_dimensions(stats.dimension_statistics(engine, self.period()))
        except CoIndexError as e:
            self.statusMessage.emit(str(e))

    def _show_indicators(self, frame):
        tr = self.tr
        heads = [tr("Indicator"), tr("Count"), tr("Missing"), tr("Min"), tr("Max"), tr("Mean"), tr("SD"),
                 tr("Skewness"), tr("Kurtosis"), tr("Flags")]
        rows = []
        for rec in frame.itertuples(index=False):
            cells = [self._code_item(rec.code), _item(str(rec.count)), _item(str(rec.missing))]
            cells += [_item(fmt(v, 3)) for v in (rec.min, rec.max, rec.mean, rec.sd, rec.skewness, rec.kurtosis)]
            cells.append(_item(", ".join(stats.flag_text(f) for f in rec.flags), number=False))
            rows.append(cells)
        _fill(self.indicator_table, heads, rows)

    def _code_item(self, code: str) -> QTableWidgetItem:
        """A node's code, its name in the tooltip."""
        item = _item(code, number=False)
        item.setToolTip(display_name(self.document.project.framework[code]))
        return item

    def _show_heat_map(self, frame):
        t = self.heat_map
        t.setRowCount(frame.shape[0])
        t.setColumnCount(frame.shape[1])
        t.setVerticalHeaderLabels([str(c) for c in frame.index])
        t.setHorizontalHeaderLabels([str(c) for c in frame.columns])
        values = frame.to_numpy()
        for i in range(frame.shape[0]):
            for j in range(frame.shape[1]):
                r = float(values[i, j])
                it = _item(fmt(r, 2))
                it.setBackground(QBrush(heat_colour(r)))
                it.setForeground(QBrush(QColor("#FFFFFF" if abs(r) > 0.6 else "#000000")))
                it.setToolTip(f"{frame.index[i]} – {frame.columns[j]}: {fmt(r, 4)}")
                t.setItem(i, j, it)
        t.resizeColumnsToContents()

    def _show_dimensions(self, frame):
        tr = self.tr
        heads = [tr("Aggregate"), tr("Level"), tr("Children"), tr("Complete units"), tr("Cronbach's alpha"),
                 tr("PC1 variance share"), tr("All components (%)")]
        rows = []
        for rec in frame.itertuples(index=False):
            cells = [self._code_item(rec.code), _item(str(rec.level)), _item(str(rec.items)), _item(str(rec.units)),
                     _item(fmt(rec.alpha, 3)), _item(fmt(100 * rec.pc1, 1) + (" %" if rec.pc1 == rec.pc1 else "")),
                     _item(", ".join(fmt(100 * s, 1) for s in rec.explained), number=False)]
            if rec.alpha != rec.alpha:
                cells[4].setToolTip(tr("Needs at least 2 children and 2 units with all of them"))
            rows.append(cells)
        _fill(self.dimension_table, heads, rows)
