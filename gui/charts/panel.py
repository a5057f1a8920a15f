"""The charts pane: the five live charts of the results and the league table, with the unit,
the units to compare and the period they show.

Every chart listens to the document itself; the panel only passes on the
choices and arranges the charts in a grid (all in view) or in tabs.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QStackedWidget, QStyle,
                               QStyleOptionComboBox, QStylePainter, QTabWidget, QToolButton, QToolTip,
                               QVBoxLayout, QWidget)

from gui.charts.lines import CompositeChart, DimensionChart
from gui.base.choosers import labelled_combo, period_items, refill
from gui.charts.contribution import ContributionChart
from gui.charts.league import LeagueTable
from gui.base.document import ProjectDocument
from gui.base.palette import unit_labels
from gui.charts.radar import RadarChart
from gui.charts.ranking import RankingChart

GRID, TABS = "grid", "tabs"
MAX_COMPARED = 10
LAYOUT_KEY = "charts/layout"


class UnitChecklist(QComboBox):
    """A combo box of checkable units: the units to overlay on the
    composite chart.  Clicking an item toggles it and keeps the list open;
    the box shows how many are checked."""

    checkedChanged = Signal(list)

    def __init__(self, parent=None, limit: int = MAX_COMPARED):
        super().__init__(parent)
        self.limit = limit
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._keep_open = False
        self.view().pressed.connect(self._on_pressed)
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self.none_text = ""

    def set_units(self, labels):
        checked = set(self.checked_units())
        self._model.clear()
        for k, label in enumerate(labels):
            item = QStandardItem(label)
            item.setFlags(Qt.ItemIsEnabled | Qt.ItemIsUserCheckable)
            item.setData(Qt.Checked if k in checked else Qt.Unchecked, Qt.CheckStateRole)
            self._model.appendRow(item)
        self.update()

    def checked_units(self) -> list[int]:
        return [r for r in range(self._model.rowCount())
                if self._model.item(r).checkState() == Qt.Checked]

    def set_checked_units(self, units):
        units = set(units)
        for r in range(self._model.rowCount()):
            self._model.item(r).setCheckState(Qt.Checked if r in units else Qt.Unchecked)
        self.update()
        self.checkedChanged.emit(self.checked_units())

    def _on_pressed(self, index):
        item = self._model.itemFromIndex(index)
        if item is None:
            return
        self._keep_open = True
        if item.checkState() == Qt.Checked:
            item.setCheckState(Qt.Unchecked)
        elif len(self.checked_units()) >= self.limit:
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()),
                              self.tr("At most {0} units can be compared.").format(self.limit), self)
            return
        else:
            item.setCheckState(Qt.Checked)
        self.update()
        self.checkedChanged.emit(self.checked_units())

    def hidePopup(self):
        if self._keep_open:
            self._keep_open = False
            return
        super().hidePopup()

    def summary(self) -> str:
        checked = self.checked_units()
        if not checked:
            return self.none_text
        if len(checked) == 1:
            return self._model.item(checked[0]).text()
        return self.tr("{0} units").format(len(checked))

    def paintEvent(self, event):
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = self.summary()
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)


class ChartPanel(QWidget):
    """The composite index, dimensions, contributions, radar and ranking
    charts and the league table of one document, with choosers for the unit, the units to
    compare and the period (radar and ranking)."""

    unitChanged = Signal(int)
    periodChanged = Signal(int)
    statusMessage = Signal(str)

    def __init__(self, document: ProjectDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.composite_chart = CompositeChart(document)
        self.dimension_chart = DimensionChart(document)
        self.contribution_chart = ContributionChart(document)
        self.radar_chart = RadarChart(document)
        self.ranking_chart = RankingChart(document)
        self.league_table = LeagueTable(document)
        self.league_table.unitClicked.connect(self.set_unit)

        self.unit_label, self.unit_box = labelled_combo(self, min_chars=12)
        self.compare_label = QLabel(self)
        self.compare_box = UnitChecklist(self)
        self.compare_label.setBuddy(self.compare_box)
        self.period_label, self.period_box = labelled_combo(self)
        self.layout_button = QToolButton(self)
        self.layout_button.setCheckable(True)
        self.layout_button.setAutoRaise(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.unit_label, self.unit_box, self.compare_label, self.compare_box,
                  self.period_label, self.period_box):
            bar.addWidget(w)
        bar.setStretch(1, 2)
        bar.setStretch(3, 1)
        bar.addStretch(0)
        bar.addWidget(self.layout_button)

        self.stack = QStackedWidget(self)
        self.grid_page = QWidget(self.stack)
        self.grid = QGridLayout(self.grid_page)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.tabs = QTabWidget(self.stack)
        self.tabs.setDocumentMode(True)
        self.stack.addWidget(self.grid_page)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self._mode = None
        for chart in self.views():
            chart.exported.connect(self.statusMessage)
            chart.unitClicked.connect(self.set_unit)        # a click on a unit's line or bar chooses it
        self._fill_choosers()
        self.unit_box.currentIndexChanged.connect(self._on_unit_chosen)
        self.period_box.currentIndexChanged.connect(self._on_period_chosen)
        self.compare_box.checkedChanged.connect(self._on_compared_changed)
        self.layout_button.toggled.connect(lambda on: self.set_layout_mode(TABS if on else GRID))
        document.structureChanged.connect(self._on_structure_changed)
        mode = QSettings().value(LAYOUT_KEY, GRID)
        self.set_layout_mode(mode if mode in (GRID, TABS) else GRID)
        self.retranslateUi()

    # ---- charts ----------------------------------------------------------------------
    def charts(self) -> list:
        return [self.composite_chart, self.dimension_chart, self.contribution_chart,
                self.radar_chart, self.ranking_chart]

    def views(self) -> list:
        """The five charts and the league table (a table drawn by its own
        routine, not a pyqtgraph chart): everything the panel shows."""
        return self.charts() + [self.league_table]

    def several_units(self) -> bool:
        return len(self.document.project.dataset.unit_codes) > 1

    def set_layout_mode(self, mode: str):
        """Show the charts in a grid (all in view) or in tabs."""
        if mode == self._mode:
            return
        self._mode = mode
        charts = self.views()
        if mode == TABS:
            for chart in charts:
                self.grid.removeWidget(chart)
                self.tabs.addTab(chart, "")
            self.stack.setCurrentWidget(self.tabs)
        else:
            while self.tabs.count():
                self.tabs.removeTab(0)
            positions = [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1), (2, 0, 1, 1), (2, 1, 1, 1)]
            for chart, pos in zip(charts, positions):
                self.grid.addWidget(chart, *pos)
                chart.show()
            self.stack.setCurrentWidget(self.grid_page)
        self.layout_button.blockSignals(True)
        self.layout_button.setChecked(mode == TABS)
        self.layout_button.blockSignals(False)
        QSettings().setValue(LAYOUT_KEY, mode)
        self._show_ranking()
        self.retranslateUi()

    def layout_mode(self) -> str:
        return self._mode

    def _show_ranking(self):
        several = self.several_units()
        if self._mode == TABS:
            for chart in (self.ranking_chart, self.league_table):
                self.tabs.setTabVisible(self.tabs.indexOf(chart), several)
        else:
            self.ranking_chart.setVisible(several)
            self.league_table.setVisible(several)
            self.grid.setRowStretch(0, 1)
            self.grid.setRowStretch(1, 1)
            self.grid.setRowStretch(2, 1 if several else 0)
        self.compare_label.setVisible(several)
        self.compare_box.setVisible(several)

    def current_chart(self):
        """The chart with the focus, else the tab in front, else the composite."""
        for chart in self.views():
            if chart.hasFocus():
                return chart
        if self._mode == TABS and self.tabs.currentWidget() is not None:
            return self.tabs.currentWidget()
        return self.composite_chart

    def copy(self):
        """Edit > Copy: the current chart as an image."""
        return self.current_chart().copy_image()

    def project_state(self) -> dict:
        """What the panel keeps in the project file: layout, tab, the units
        compared (by code)."""
        codes = self.document.project.dataset.unit_codes
        return {"layout": self._mode, "tab": self.tabs.currentIndex() if self._mode == TABS else 0,
                "compared": [codes[u] for u in self.compare_box.checked_units() if u < len(codes)]}

    def restore_project_state(self, state: dict):
        state = state or {}
        if state.get("layout") in (GRID, TABS):
            self.set_layout_mode(state["layout"])
        index = self.document.project.dataset.unit_index
        compared = [index[c] for c in state.get("compared") or [] if c in index]
        if compared:
            self.set_compared_units(compared[:MAX_COMPARED])
        tab = state.get("tab")
        if self._mode == TABS and isinstance(tab, int) and 0 <= tab < self.tabs.count():
            self.tabs.setCurrentIndex(tab)

    # ---- choices ---------------------------------------------------------------------
    def _fill_choosers(self):
        ds = self.document.project.dataset
        unit = max(self.unit_box.currentIndex(), 0)
        period = self.period_box.currentIndex()
        last = self.period_box.count() - 1
        refill(self.unit_box, unit_labels(self.document.project), min(unit, len(ds.unit_codes) - 1))
        at_end = period < 0 or period == last
        refill(self.period_box, [p or self.tr("the only period") for p in period_items(self.document.project)],
               len(ds.periods) - 1 if at_end else min(period, len(ds.periods) - 1))
        kept = [u for u in self.compare_box.checked_units() if u < len(ds.unit_codes)]
        self.compare_box.blockSignals(True)
        self.compare_box.set_units(unit_labels(self.document.project))
        self.compare_box.set_checked_units(kept)
        self.compare_box.blockSignals(False)

    def unit(self) -> int:
        return self.unit_box.currentIndex()

    def set_unit(self, unit: int):
        """Show ``unit`` (dataset index) in every chart."""
        self.unit_box.setCurrentIndex(unit)

    def period(self) -> int:
        return self.period_box.currentIndex()

    def set_period(self, period: int):
        """The period (dataset index) of the radar and the ranking."""
        self.period_box.setCurrentIndex(period)

    def set_compared_units(self, units):
        """Overlay these units on the composite chart and the radar."""
        self.compare_box.set_checked_units(units)

    def _on_unit_chosen(self, unit: int):
        if unit < 0:
            return
        for chart in self.views():
            chart.set_unit(unit)
        self.unitChanged.emit(unit)

    def _on_period_chosen(self, period: int):
        if period < 0:
            return
        self.radar_chart.set_period(period)
        self.ranking_chart.set_period(period)
        self.league_table.set_period(period)
        self.periodChanged.emit(period)

    def _on_compared_changed(self, units):
        self.composite_chart.set_compared_units(units)
        self.radar_chart.set_compared_units(units)

    def _on_structure_changed(self):
        ds = self.document.project.dataset
        if ([self.unit_box.itemText(k) for k in range(self.unit_box.count())] != unit_labels(self.document.project)
                or self.period_box.count() != len(ds.periods)):
            self._fill_choosers()
            self._on_unit_chosen(self.unit_box.currentIndex())
            self._on_period_chosen(self.period_box.currentIndex())
            self._on_compared_changed(self.compare_box.checked_units())
        self._show_ranking()

    # ---- text ------------------------------------------------------------------------
    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.retranslateUi()

    def retranslateUi(self):
        labels = unit_labels(self.document.project)
        for box in (self.unit_box, self.compare_box):
            for k, label in enumerate(labels[:box.count()]):
                box.setItemText(k, label)
        self.unit_label.setText(self.tr("&Unit:"))
        self.compare_label.setText(self.tr("&Compare:"))
        self.compare_box.none_text = self.tr("none")
        self.compare_box.setToolTip(self.tr("Units drawn beside the chosen one on the composite chart"))
        self.period_label.setText(self.tr("&Period:"))
        self.period_box.setToolTip(self.tr("The period of the radar, the ranking and the league table"))
        self.layout_button.setText(self.tr("Tabs"))
        self.layout_button.setToolTip(self.tr("Show the charts in tabs instead of a grid"))
        titles = [self.tr("Index"), self.tr("Dimensions"), self.tr("Contributions"), self.tr("Radar"),
                  self.tr("Ranking"), self.tr("League table")]
        for chart, title in zip(self.views(), titles):
            k = self.tabs.indexOf(chart)
            if k >= 0:
                self.tabs.setTabText(k, title)
            chart.retranslateUi()

    def sizeHint(self) -> QSize:
        return QSize(760, 640)
