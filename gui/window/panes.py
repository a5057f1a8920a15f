"""The main window's panes: which widget each dock holds, and where.

Every pane is a widget ``Class(document, parent=None)`` with a
``retranslateUi()`` method and a ``statusMessage(str)`` signal.  :data:`PANES`
lists the pane classes; the window builds each one in its dock (the costly
ones right after its first paint, see :class:`PaneHost`).

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

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QStyle, QVBoxLayout, QWidget

from gui.base.i18n import is_chinese
from gui.charts.panel import ChartPanel
from gui.sheets.data_sheet import DataSheet
from gui.sheets.framework_tree import FrameworkTree
from gui.sheets.indicator_sheet import IndicatorSheet
from gui.sheets.method_panel import MethodPanel
from gui.sheets.results_table import ResultsTable


@dataclass(frozen=True)
class PaneSpec:
    """One pane: ``name`` is the dock's object name (the key of the saved
    layout: never rename one), ``title`` the English source text of its
    title (translated in context ``"panes"``), ``widget_class`` the pane."""
    name: str
    title: str
    widget_class: type

    def translated_title(self) -> str:
        return QCoreApplication.translate("panes", self.title)


# Order = the order of View > panes.  Placement is done by the main window
# (data sheet top left, charts right, the rest in tabs below the data sheet).
PANES = (
    PaneSpec("frameworkPane", QT_TRANSLATE_NOOP("panes", "Framework"), FrameworkTree),
    PaneSpec("dataPane", QT_TRANSLATE_NOOP("panes", "Data sheet"), DataSheet),
    PaneSpec("chartsPane", QT_TRANSLATE_NOOP("panes", "Charts"), ChartPanel),
    PaneSpec("methodPane", QT_TRANSLATE_NOOP("panes", "Method settings"), MethodPanel),
    PaneSpec("resultsPane", QT_TRANSLATE_NOOP("panes", "Results"), ResultsTable),
    PaneSpec("indicatorsPane", QT_TRANSLATE_NOOP("panes", "Indicator sheet"), IndicatorSheet),
)
PANE_BY_NAME = {spec.name: spec for spec in PANES}


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
        widget = spec.widget_class(self.document, dock)
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

