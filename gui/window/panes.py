"""The main window's panes: which widget each dock holds, and where.

Every pane is a widget ``Class(document, parent=None)`` with a
``retranslateUi()`` method and a ``statusMessage(str)`` signal.  :data:`PANES`
lists how to make each pane; :class:`PaneHost` (owned by the window) builds
each one in its dock (the costly ones right after the window's first paint)
and links the panes' unit and period choices.

Optional protocol that the window uses when a pane offers it:

``project_state() -> dict`` / ``restore_project_state(dict)``
    what the pane wants saved in ``project.app_state['panes'][object name]``
    (e.g. the selected unit and period) and restored on opening.
``unitChanged(int)`` signal and ``set_unit(int)`` method
    the window forwards one pane's unit choice to the other panes.
``copy()`` / ``cut()`` / ``paste()``
    Edit > Copy / Cut / Paste call these on the focused pane.
``grid`` or ``view`` (a QAbstractItemView), or the pane itself a view
    what Edit > Find searches in the panes of
    :data:`gui.window.finding.SEARCHABLE_PANES`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSizePolicy,
                               QStyle, QVBoxLayout, QWidget)

from gui.base.document import ProjectDocument
from gui.base.i18n import is_chinese
from gui.sheets.data_sheet import DataSheet
from gui.sheets.framework_tree import FrameworkTree
from gui.sheets.indicator_sheet import IndicatorSheet
from gui.sheets.method_panel import MethodPanel
from gui.sheets.results_table import ResultsTable
from gui.sheets.treatment_log import TreatmentLog


@dataclass(frozen=True)
class PaneSpec:
    """One pane: ``name`` is the dock's object name (the key of the saved
    layout: never rename one), ``title`` the English source text of its
    title (translated in context ``"panes"``), ``make(document, parent)``
    builds the pane widget (its class, or a function that imports it)."""
    name: str
    title: str
    make: Callable[[ProjectDocument, QWidget], QWidget]

    def translated_title(self) -> str:
        return QCoreApplication.translate("panes", self.title)


def chart_panel(document: ProjectDocument, parent: QWidget) -> QWidget:
    """The chart panel, imported when it is first built: pyqtgraph and the
    charts (about 0.2 s of imports) then come after the window's first
    paint, since the charts pane is deferred (see :class:`PaneHost`)."""
    from gui.charts.panel import ChartPanel
    return ChartPanel(document, parent)


def analysis_pane(document: ProjectDocument, parent: QWidget) -> QWidget:
    """The Analysis pane, imported when it is first built (it is behind
    the charts at start-up, so this is when it is first shown)."""
    from gui.analysis.pane import AnalysisPane
    return AnalysisPane(document, parent)


def statistics_pane(document: ProjectDocument, parent: QWidget) -> QWidget:
    """The statistics view, imported when it is first built: it brings
    pandas (about 0.3 s of imports), which the first paint does not need."""
    from gui.sheets.statistics_view import StatisticsView
    return StatisticsView(document, parent)


# Order = the order of View > panes.  Placement is done by the main window
# (data sheet top left, charts right with the analysis in a tab behind them, the
# rest in tabs below the data sheet).
PANES = (
    PaneSpec("frameworkPane", QT_TRANSLATE_NOOP("panes", "Framework"), FrameworkTree),
    PaneSpec("dataPane", QT_TRANSLATE_NOOP("panes", "Data sheet"), DataSheet),
    PaneSpec("chartsPane", QT_TRANSLATE_NOOP("panes", "Charts"), chart_panel),
    PaneSpec("methodPane", QT_TRANSLATE_NOOP("panes", "Method settings"), MethodPanel),
    PaneSpec("resultsPane", QT_TRANSLATE_NOOP("panes", "Results"), ResultsTable),
    PaneSpec("indicatorsPane", QT_TRANSLATE_NOOP("panes", "Indicator sheet"), IndicatorSheet),
    PaneSpec("analysisPane", QT_TRANSLATE_NOOP("panes", "Analysis"), analysis_pane),
    PaneSpec("treatmentPane", QT_TRANSLATE_NOOP("panes", "Data treatment log"), TreatmentLog),
    PaneSpec("statisticsPane", QT_TRANSLATE_NOOP("panes", "Statistics"), statistics_pane),
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


class MessageBar(QFrame):
    """An error or a refusal that stays in view until it is closed or
    resolved (the window clears it when a later edit succeeds): the
    window's frame text around the core's message, which names the place
    (indicator, unit, period) and is shown as it is."""

    closed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setStyleSheet("#MessageBar { background: #ffebe9; border: 1px solid #d1242f; border-radius: 4px; }"
                           "#MessageBar QLabel { color: #4b0c10; background: transparent; }")
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(size, size))
        self.text_label = QLabel(self)
        self.text_label.setObjectName("messageText")
        # a long message never widens the window: it is cut, and whole in the tooltip
        self.text_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.text_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("messageClose")
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 10, 5)
        layout.addWidget(icon)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.close_button)
        self._message = ""
        self._refused = True
        self.retranslateUi()

    def show_error(self, message: str, refused: bool = True):
        """Show the core's ``message`` (replacing an earlier one); a
        ``refused`` edit is said to have changed nothing."""
        self._message = message
        self._refused = refused
        self.retranslateUi()

    def message(self) -> str:
        """The core's message shown, "" when none."""
        return self._message

    def dismiss(self):
        """Close: the message is gone (:attr:`closed` tells the window)."""
        self._message = ""
        self.text_label.clear()
        self.text_label.setToolTip("")
        self.closed.emit()

    def retranslateUi(self):
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close this message"))
        if self._message:
            self.text_label.setText(self.tr("Not changed: {0}").format(self._message) if self._refused
                                    else self._message)
            self.text_label.setToolTip(self.text_label.text())

    def text(self) -> str:
        return self.text_label.text()


# ---- the window side: building panes, sharing the unit and period choice ---------------
# built before the first paint when deferring (cheap, and what a new user looks at first)
EAGER_PANES = ("dataPane", "methodPane")
# (pane signal, method of the other panes, key in app_state['selection'])
SELECTION_LINKS = (("unitChanged", "set_unit", "unit"), ("periodChanged", "set_period", "period"))


class PaneHost(Mapping):
    """The panes of one main window, a mapping from dock name to the pane
    widget in that dock (a :class:`PendingPane` until it is built).

    It builds a pane for each dock of ``docks`` when :meth:`set_document`
    gives it a document; with ``defer`` (the app's start) only
    :data:`EAGER_PANES` are built before :meth:`first_painted`, then the
    panes in view, one per event-loop turn, then ``ready()`` is called; a
    pane out of view is built when its dock is first shown.  It passes a
    unit or period chosen in one pane to the others, and gathers the
    panes' part of the project's ``app_state``.

    From ``window`` it uses only public methods: ``isVisible``,
    ``tabifiedDockWidgets``, ``show_status`` (a pane's status messages)
    and, as an event filter, the window's handling of dropped files (on
    pane widgets that take drops of their own).
    """

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget], *, defer: bool,
                 ready: Callable[[], None]):
        self._window = window
        self._docks = docks
        self._defer = defer
        self._painted = not defer
        self._ready = ready
        self._document: ProjectDocument | None = None
        self._pending: set[str] = set()              # panes not built yet (see _builds_now)
        self._saved: dict = {}                      # the project's app_state['panes'] at opening
        self._selection: dict[str, int] = {}        # unit / period chosen in a pane
        self._linking = False
        for name, dock in docks.items():
            dock.visibilityChanged.connect(lambda visible, name=name: self._on_dock_visibility(name, visible))

    # ---- the mapping: dock name -> pane widget --------------------------------------------
    def __getitem__(self, name: str) -> QWidget | None:
        return self._docks[name].widget()

    def __iter__(self):
        return iter(self._docks)

    def __len__(self) -> int:
        return len(self._docks)

    # ---- building ------------------------------------------------------------------------
    def set_document(self, document: ProjectDocument) -> None:
        """New panes for ``document`` in the same docks (those deferred as
        :class:`PendingPane`), showing the unit and period saved in its
        project's ``app_state``; the old panes are deleted."""
        self._document = document
        self._selection = {}
        self._saved = dict(document.project.app_state.get("panes") or {})
        self._pending.clear()
        for spec in PANES:
            dock = self._docks[spec.name]
            previous = dock.widget()
            if self._builds_now(spec.name):
                self._build(spec.name)
            else:
                dock.setWidget(PendingPane(dock))
                self._pending.add(spec.name)
            if previous is not None:
                previous.deleteLater()
        self._select_saved(document.project.app_state)

    def _builds_now(self, name: str) -> bool:
        """Without deferring, every pane is built with its document.  At
        start-up only :data:`EAGER_PANES` are built before the first
        paint; the other panes follow right after it (those in view) or
        when first shown."""
        if not self._defer:
            return True
        if not self._painted:
            return name in EAGER_PANES
        return self._in_view(name)

    def _in_view(self, name: str) -> bool:
        """Dock ``name`` can be seen: once the window is shown, some of it
        is on screen (a tab behind another counts as visible to Qt but is
        moved out of view); before, it is not closed and not tabbed."""
        dock = self._docks[name]
        if self._window.isVisible():
            return dock.isVisible() and not dock.visibleRegion().isEmpty()
        return not dock.isHidden() and not self._window.tabifiedDockWidgets(dock)

    def _build(self, name: str) -> QWidget:
        """Build pane ``name`` for the document and wire it up: status
        messages, dropped files, the shared unit / period choice, its saved
        state."""
        spec = PANE_BY_NAME[name]
        dock = self._docks[name]
        previous = dock.widget()
        widget = spec.make(self._document, dock)
        dock.setWidget(widget)
        self._pending.discard(name)
        if isinstance(previous, PendingPane):
            previous.deleteLater()
        signal = getattr(widget, "statusMessage", None)
        if signal is not None:
            signal.connect(self._window.show_status)
        # widgets that take drops of their own (chart views, the framework
        # tree) would swallow a dropped file: the window looks first
        for child in [widget, *widget.findChildren(QWidget)]:
            if child.acceptDrops():
                child.installEventFilter(self._window)
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
        saved = self._saved.get(name)
        if callable(restore) and isinstance(saved, dict):
            restore(saved)
        return widget

    def build_pending(self, visible_only: bool = False) -> None:
        """Build the panes not built yet (those in view only, if asked)."""
        for spec in PANES:
            if spec.name in self._pending and (not visible_only or self._in_view(spec.name)):
                self._build(spec.name)

    @property
    def pending_in_view(self) -> bool:
        """True while a pane in view is not built yet."""
        return any(self._in_view(name) for name in self._pending)

    def first_painted(self) -> None:
        """The window has been painted once: build the panes in view now,
        one per event-loop turn, so that the window stays responsive."""
        self._painted = True
        QTimer.singleShot(0, self._window, self._build_next_visible)

    def _on_dock_visibility(self, name: str, visible: bool):
        if visible and name in self._pending and self._painted and shiboken6.isValid(self._docks[name]):
            self._build(name)

    def _build_next_visible(self):
        if not shiboken6.isValid(self._window) or not all(shiboken6.isValid(d) for d in self._docks.values()):
            return                    # the window went away first
        for spec in PANES:
            if spec.name in self._pending and self._in_view(spec.name):
                self._build(spec.name)
                QTimer.singleShot(0, self._window, self._build_next_visible)
                return
        self._ready()

    # ---- unit and period ------------------------------------------------------------------------
    @property
    def selection(self) -> dict[str, int]:
        """The unit and period last chosen (dataset indices), by ``"unit"`` / ``"period"``."""
        return dict(self._selection)

    def _on_selected(self, key: str, setter: str, source, k: int):
        """A pane chose a unit or period: the other panes follow."""
        if self._linking or k is None or k < 0:
            return
        self._linking = True          # the targets' own signals must not come back here
        try:
            self._selection[key] = k
            for target in self.values():
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
                for widget in self.values():
                    if callable(getattr(widget, setter, None)):
                        getattr(widget, setter)(value)
            finally:
                self._linking = False

    def _select_saved(self, state: dict):
        """The unit and period stored in ``project.app_state['selection']``."""
        ds = self._document.project.dataset
        selection = state.get("selection") or {}
        unit = ds.unit_index.get(str(selection.get("unit"))) if "unit" in selection else None
        period = next((t for t, p in enumerate(ds.periods) if str(p) == str(selection.get("period"))), None) \
            if "period" in selection else None
        self.select(unit, period)

    def project_app_state(self) -> dict:
        """The project's ``app_state`` with the selected unit and period and
        what the panes want kept (``project_state()``): saved with the
        project (File > Save, autosave)."""
        project = self._document.project
        state = dict(project.app_state)
        state.pop("recovery", None)
        ds = project.dataset
        selection = dict(state.get("selection") or {})
        if "unit" in self._selection and self._selection["unit"] < len(ds.unit_codes):
            selection["unit"] = ds.unit_codes[self._selection["unit"]]
        if "period" in self._selection and self._selection["period"] < len(ds.periods):
            selection["period"] = ds.periods[self._selection["period"]]
        if selection:
            state["selection"] = selection
        panes = dict(state.get("panes") or {})
        for name, widget in self.items():
            get = getattr(widget, "project_state", None)
            if callable(get):
                panes[name] = get()
        if panes:
            state["panes"] = panes
        return state
