"""The main window's panes: which widget each dock holds, and where.

Every pane is a widget ``Class(document, parent=None)`` with a
``retranslateUi()`` method and a ``statusMessage(str)`` signal, living in its
own module.  :data:`PANES` lists them; :func:`create_pane` imports each one
with :mod:`importlib`, so the window starts whatever panes exist.  A pane
whose module is missing (not built yet) or fails to import becomes a
:class:`PlaceholderPane` naming it.  Until the data sheet and the chart panel
exist, the previous views (:class:`~gui.sheets.data_grid.DataGrid` with a unit
selector, :class:`~gui.charts.lines.IndexChart`) stand in for them.

Optional protocol that the window uses when a pane offers it:

``project_state() -> dict`` / ``restore_project_state(dict)``
    what the pane wants saved in ``project.app_state['panes'][object name]``
    (e.g. the selected unit and period) and restored on opening.
``unitChanged(int)`` signal and ``set_unit(int)`` method
    the window forwards one pane's unit choice to the other panes.
``copy()`` / ``cut()`` / ``paste()``
    Edit > Copy / Cut / Paste call these on the focused pane.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from typing import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

log = logging.getLogger(__name__)

LEFT, RIGHT = Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea
BOTTOM = Qt.BottomDockWidgetArea


@dataclass(frozen=True)
class PaneSpec:
    """One pane: ``name`` is the dock's object name (the key of the saved
    layout: never rename one), ``title`` the English source text of its
    title (translated in context ``"panes"``)."""
    name: str
    title: str
    module: str
    class_name: str
    area: Qt.DockWidgetArea
    fallback: str | None = None        # name of a stand-in factory below

    def translated_title(self) -> str:
        return QCoreApplication.translate("panes", self.title)


# Order = the order of View > panes.  Default placement is done by the main
# window (data sheet centre-left, charts right, the rest around them).
PANES = (
    PaneSpec("frameworkPane", QT_TRANSLATE_NOOP("panes", "Framework"), "gui.sheets.framework_tree", "FrameworkTree",
             LEFT),
    PaneSpec("dataPane", QT_TRANSLATE_NOOP("panes", "Data sheet"), "gui.sheets.data_sheet", "DataSheet", LEFT,
             fallback="legacy_data"),
    PaneSpec("chartsPane", QT_TRANSLATE_NOOP("panes", "Charts"), "gui.charts.panel", "ChartPanel", RIGHT,
             fallback="legacy_charts"),
    PaneSpec("methodPane", QT_TRANSLATE_NOOP("panes", "Method settings"), "gui.sheets.method_panel", "MethodPanel", LEFT),
    PaneSpec("resultsPane", QT_TRANSLATE_NOOP("panes", "Results"), "gui.sheets.results_table", "ResultsTable", LEFT),
    PaneSpec("indicatorsPane", QT_TRANSLATE_NOOP("panes", "Indicator sheet"), "gui.sheets.indicator_sheet",
             "IndicatorSheet", LEFT),
)
PANE_BY_NAME = {spec.name: spec for spec in PANES}


def pane_class(spec: PaneSpec):
    """The pane's class, or None when its module does not exist.  A module
    that exists but fails to import is logged (a bug to see, not to hide)
    and also gives None, so that one broken pane does not stop the app."""
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as e:
        if e.name != spec.module:
            log.exception("pane %s: importing %s failed", spec.name, spec.module)
        return None
    except Exception:
        log.exception("pane %s: importing %s failed", spec.name, spec.module)
        return None
    cls = getattr(module, spec.class_name, None)
    if cls is None:
        log.error("pane %s: %s has no class %s", spec.name, spec.module, spec.class_name)
    return cls


def create_pane(spec: PaneSpec, document, parent=None) -> QWidget:
    """The widget for ``spec``: the real pane, else its stand-in, else a
    placeholder.  A pane whose constructor raises is logged and replaced by
    a placeholder too."""
    cls = pane_class(spec)
    if cls is not None:
        try:
            return cls(document, parent)
        except Exception:
            log.exception("pane %s: %s(document) failed", spec.name, spec.class_name)
    factory: Callable | None = FALLBACKS.get(spec.fallback) if spec.fallback else None
    if factory is not None:
        try:
            return factory(document, parent)
        except Exception:
            log.exception("pane %s: the stand-in failed", spec.name)
    return PlaceholderPane(spec, parent)


def is_placeholder(widget) -> bool:
    return isinstance(widget, PlaceholderPane)


class PlaceholderPane(QWidget):
    """Stands in for a pane this build does not have."""

    statusMessage = Signal(str)

    def __init__(self, spec: PaneSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self._label = QLabel(self)
        self._label.setAlignment(Qt.AlignCenter)
        self._label.setWordWrap(True)
        self._label.setStyleSheet("color: palette(mid);")
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslateUi()

    def retranslateUi(self):
        self._label.setText(self.tr("{0}: not available in this version.").format(self.spec.translated_title()))


class PendingPane(QWidget):
    """Holds a dock's place until its pane is built (right after the
    window's first paint, or when the dock is first shown)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        label = QLabel(self)
        label.setAlignment(Qt.AlignCenter)
        label.setStyleSheet("color: palette(mid);")
        label.setText(self.tr("Loading…"))
        QVBoxLayout(self).addWidget(label)


# ---- stand-ins for the data sheet and the chart panel ---------------------------------
class LegacyDataPane(QWidget):
    """The first version's data grid of one unit, with a unit selector."""

    statusMessage = Signal(str)
    unitChanged = Signal(int)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        from gui.sheets.data_grid import DataGrid, DataGridModel
        self.document = document
        self.unit_label = QLabel(self)
        self.unit_box = QComboBox(self)
        self.unit_label.setBuddy(self.unit_box)
        self.grid_model = DataGridModel(document, parent=self)
        self.grid = DataGrid(self)
        self.grid.setModel(self.grid_model)
        row = QHBoxLayout()
        row.addWidget(self.unit_label)
        row.addWidget(self.unit_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.grid, 1)
        self._fill_units()
        self.unit_box.currentIndexChanged.connect(self._on_unit_changed)
        document.structureChanged.connect(self._fill_units)
        self.retranslateUi()

    def _fill_units(self):
        from gui.base.i18n import unit_display_name
        project = self.document.project
        ds = project.dataset
        keep = max(self.unit_box.currentIndex(), 0)
        self.unit_box.blockSignals(True)
        self.unit_box.clear()
        for u, code in enumerate(ds.unit_codes):
            name = unit_display_name(project, u)
            self.unit_box.addItem(name if name == code else f"{name} ({code})")
        self.unit_box.setCurrentIndex(min(keep, self.unit_box.count() - 1))
        self.unit_box.blockSignals(False)

    def _on_unit_changed(self, unit: int):
        if unit >= 0:
            self.grid_model.set_unit(unit)
            self.unitChanged.emit(unit)

    def set_unit(self, unit: int):
        if 0 <= unit < self.unit_box.count():
            self.unit_box.setCurrentIndex(unit)

    def retranslateUi(self):
        self.unit_label.setText(self.tr("&Unit:"))
        self._fill_units()
        model = self.grid_model
        model.headerDataChanged.emit(Qt.Horizontal, 0, max(model.columnCount() - 1, 0))
        if model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, 2))


class LegacyChartPane(QWidget):
    """The first version's index chart of one unit."""

    statusMessage = Signal(str)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        from gui.charts.lines import IndexChart
        self.chart = IndexChart(document, parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart)

    def set_unit(self, unit: int):
        self.chart.set_unit(unit)

    def retranslateUi(self):
        self.chart.refresh()


FALLBACKS = {"legacy_data": LegacyDataPane, "legacy_charts": LegacyChartPane}


class NoteBanner(QFrame):
    """A visible note about the data (the bundled sample is illustrative,
    not official statistics): the project's ``info['note']`` and its Chinese
    ``note_zh``, the current language's first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("NoteBanner")
        self.setStyleSheet("#NoteBanner { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; }"
                           "#NoteBanner QLabel { color: #3b2300; background: transparent; }")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxInformation).pixmap(size, size))
        icon.setAlignment(Qt.AlignTop)
        self.text_label = QLabel(self)
        self.text_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 5)
        layout.addWidget(icon)
        layout.addWidget(self.text_label, 1)
        self._info: dict = {}

    def set_info(self, info: dict) -> bool:
        """Show the note of a project's ``info``; False when it has none."""
        self._info = dict(info or {})
        self.retranslateUi()
        return bool(self._info.get("note") or self._info.get("note_zh"))

    def retranslateUi(self):
        from gui.base.i18n import is_chinese
        en, zh = self._info.get("note") or "", self._info.get("note_zh") or ""
        lines = [zh, en] if is_chinese() else [en, zh]
        self.text_label.setText("\n".join(line for line in lines if line))

    def text(self) -> str:
        return self.text_label.text()


# ---- the window side: building panes, sharing the unit and period choice ---------------
# built before the first paint when deferring (cheap, and what a new user looks at first)
EAGER_PANES = ("dataPane", "methodPane")
# (pane signal, method of the other panes, key in app_state['selection'])
SELECTION_LINKS = (("unitChanged", "set_unit", "unit"), ("periodChanged", "set_period", "period"))


class PaneHost:
    """The main window's handling of its panes (a mixin of
    :class:`gui.window.main_window.MainWindow`, which provides ``docks``,
    ``document``, ``panes``, ``panesReady``, ``_show_status`` and the
    attributes set in its constructor): building each pane for the
    document, deferring the costly ones at start-up, passing a unit or
    period chosen in one pane to the others, and the panes' part of the
    project's ``app_state``."""

    def _builds_now(self, name: str) -> bool:
        """Without deferring, every pane is built with its project.  At
        start-up (``defer_panes``) only the data sheet and the method
        settings are built before the first paint; the other panes follow
        right after it (those in view) or when first shown."""
        if not self._defer_panes:
            return True
        if not self._painted:
            return name in EAGER_PANES
        return self._in_view(name)

    def _in_view(self, name: str) -> bool:
        """Dock ``name`` can be seen: once the window is shown, some of it
        is on screen (a tab behind another counts as visible to Qt but is
        moved out of view); before, it is not closed and not tabbed."""
        dock = self.docks[name]
        if self.isVisible():
            return dock.isVisible() and not dock.visibleRegion().isEmpty()
        return not dock.isHidden() and not self.tabifiedDockWidgets(dock)

    def _build_pane(self, name: str) -> QWidget:
        """Build pane ``name`` for the current document and wire it up:
        status messages, the shared unit / period choice, its saved state."""
        spec = PANE_BY_NAME[name]
        dock = self.docks[name]
        previous = dock.widget()
        widget = create_pane(spec, self.document, dock)
        dock.setWidget(widget)
        self._pending.discard(name)
        if isinstance(previous, PendingPane):
            previous.deleteLater()
        signal = getattr(widget, "statusMessage", None)
        if signal is not None:
            signal.connect(self._show_status)
        # widgets that take drops of their own (chart views, the framework
        # tree) would swallow a dropped file: the window looks first
        for child in [widget, *widget.findChildren(QWidget)]:
            if child.acceptDrops():
                child.installEventFilter(self)
        for signal_name, setter, key in SELECTION_LINKS:
            signal = getattr(widget, signal_name, None)
            if signal is not None:
                signal.connect(lambda k, key=key, setter=setter, source=widget: self._on_selected(key, setter,
                                                                                                  source, k))
        self._linking = True
        try:
            for setter, key in (("set_unit", "unit"), ("set_period", "period")):
                if key in self._selection and callable(getattr(widget, setter, None)):
                    getattr(widget, setter)(self._selection[key])
        finally:
            self._linking = False
        restore = getattr(widget, "restore_project_state", None)
        saved = (self._project_state.get("panes") or {}).get(name)
        if callable(restore) and isinstance(saved, dict):
            restore(saved)
        return widget

    def build_pending_panes(self, visible_only: bool = False) -> None:
        """Build the panes not built yet (those in view only, if asked)."""
        for spec in PANES:
            if spec.name in self._pending and (not visible_only or self._in_view(spec.name)):
                self._build_pane(spec.name)

    @property
    def panes_pending(self) -> bool:
        """True while a pane in view is not built yet."""
        return any(self._in_view(name) for name in self._pending)

    def _on_dock_visibility(self, name: str, visible: bool):
        if visible and name in self._pending and self._painted and shiboken6.isValid(self.docks[name]):
            self._build_pane(name)

    def _build_next_visible(self):
        """After the first paint: one pane in view per event-loop turn, so
        that the window stays responsive while the charts are built."""
        if not shiboken6.isValid(self) or not all(shiboken6.isValid(d) for d in self.docks.values()):
            return                    # the window went away first
        for spec in PANES:
            if spec.name in self._pending and self._in_view(spec.name):
                self._build_pane(spec.name)
                QTimer.singleShot(0, self, self._build_next_visible)
                return
        self.panesReady.emit()


    def _on_first_paint(self):
        self._painted = True
        QTimer.singleShot(0, self, self._build_next_visible)

    # ---- unit and period ------------------------------------------------------------------------
    def _on_selected(self, key: str, setter: str, source, k: int):
        """A pane chose a unit or period: the other panes follow."""
        if self._linking or k is None or k < 0:
            return
        self._linking = True          # the targets' own signals must not come back here
        try:
            self._selection[key] = k
            for target in self.panes.values():
                if target is not source and callable(getattr(target, setter, None)):
                    getattr(target, setter)(k)
        finally:
            self._linking = False

    def select(self, unit: int | None = None, period: int | None = None):
        """Show this unit / period (dataset indices) in every pane."""
        for value, setter, key in ((unit, "set_unit", "unit"), (period, "set_period", "period")):
            if value is None:
                continue
            self._selection[key] = value
            self._linking = True
            try:
                for widget in self.panes.values():
                    if callable(getattr(widget, setter, None)):
                        getattr(widget, setter)(value)
            finally:
                self._linking = False

    def _select_saved(self, state: dict):
        """The unit and period stored in ``project.app_state['selection']``."""
        ds = self.document.project.dataset
        selection = state.get("selection") or {}
        unit = ds.unit_index.get(str(selection.get("unit"))) if "unit" in selection else None
        period = next((t for t, p in enumerate(ds.periods) if str(p) == str(selection.get("period"))), None) \
            if "period" in selection else None
        self.select(unit, period)

    def project_app_state(self) -> dict:
        """``project.app_state`` with the selected unit and period and what
        the panes want kept (``project_state()``): saved with the project."""
        state = dict(self.document.project.app_state)
        state.pop("recovery", None)
        ds = self.document.project.dataset
        selection = dict(state.get("selection") or {})
        if "unit" in self._selection and self._selection["unit"] < len(ds.unit_codes):
            selection["unit"] = ds.unit_codes[self._selection["unit"]]
        if "period" in self._selection and self._selection["period"] < len(ds.periods):
            selection["period"] = ds.periods[self._selection["period"]]
        if selection:
            state["selection"] = selection
        panes = dict(state.get("panes") or {})
        for name, widget in self.panes.items():
            get = getattr(widget, "project_state", None)
            if callable(get):
                panes[name] = get()
        if panes:
            state["panes"] = panes
        return state

