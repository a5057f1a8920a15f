"""The indicator sheet's columns of an indicator's method parameters and
display: lower and upper goalpost, target and decimals (its Meta params
``goalpost_lower``, ``goalpost_upper``, ``Target`` and ``decimals``, set by
:class:`core.project.overrides.SetIndicatorParam`).

The columns are always shown, not only under goalposts or distance to
target: a method that needs them cannot be chosen until every indicator has
them (the method pane says so), so they must be editable first.  Where the
indicator's normalisation does not read them they are shown faint, with a
tooltip saying which method does.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QPalette

from core.project.overrides import (DECIMALS, GOALPOST_LOWER, GOALPOST_UPPER, MAX_DECIMALS, TARGET,
                                    SetIndicatorParam, fixed_decimals)
from core.methods.registry import NORMALISATIONS, meta_number

from gui.base.formatting import edit_text, format_value, indicator_decimals
from gui.base.i18n import is_chinese

# the normalisation that reads each parameter
translate = QCoreApplication.translate      # lupdate finds translate("context", "text")
READ_BY = {GOALPOST_LOWER: "goalposts", GOALPOST_UPPER: "goalposts", TARGET: "dist2target"}


def faint() -> QBrush:
    return QBrush(QPalette().color(QPalette.Disabled, QPalette.Text))


def headers() -> dict:
    """key -> (header, tooltip)."""
    return {
        GOALPOST_LOWER: (translate("IndicatorSheetModel", "Lower goalpost"),
                         translate("IndicatorSheetModel", "The value scored 0 by the goalposts normalisation (the "
                                   "worst, where higher is better); must be below the upper")),
        GOALPOST_UPPER: (translate("IndicatorSheetModel", "Upper goalpost"),
                         translate("IndicatorSheetModel", "The value scored 1 (times the scale) by the goalposts "
                                   "normalisation")),
        TARGET: (translate("IndicatorSheetModel", "Target"),
                 translate("IndicatorSheetModel", "The value scored 1 by the distance-to-target normalisation")),
        DECIMALS: (translate("IndicatorSheetModel", "Decimals"),
                   translate("IndicatorSheetModel", "Decimals the indicator's values are shown with: auto (the "
                             "fewest that show every value exactly, at most 4) or 0 to 6"))}


class ParamColumns:
    """Display and editing of the parameter columns for an
    :class:`~gui.sheets.indicator_sheet.IndicatorSheetModel` (``project``
    gives the current project)."""

    def __init__(self, project):
        self._project = project
        self._auto: dict[str, int] = {}

    def forget_auto(self):
        """The values changed: automatic decimals are decided again."""
        self._auto.clear()

    def auto_decimals(self, code: str) -> int:
        if code not in self._auto:
            p = self._project()
            ds = p.dataset
            self._auto[code] = int(indicator_decimals(ds.values[:, :, ds.code_index[code]][..., None])[0]) \
                if ds.values.size else 0
        return self._auto[code]

    def data(self, key: str, node, role):
        if key == DECIMALS:
            return self._decimals_data(node, role)
        value = meta_number(node.params.get(key))
        if role == Qt.EditRole:
            return "" if value is None else edit_text(value)
        method = self._project().settings.method_for(node.code, node.params)
        used = READ_BY[key] == method
        if role == Qt.ForegroundRole:
            return None if used else faint()
        if role == Qt.ToolTipRole:
            reader = NORMALISATIONS[READ_BY[key]].label["zh" if is_chinese() else "en"]
            if used and value is None:
                return translate("IndicatorSheetModel", "Needed by {0}, which this indicator uses").format(reader)
            if used:
                return None
            return translate("IndicatorSheetModel", "Read by {0} only; this indicator uses another "
                             "normalisation").format(reader)
        return "" if value is None else format_value(value)

    def _decimals_data(self, node, role):
        own = fixed_decimals(node)
        if role == Qt.EditRole:
            return "auto" if own is None else own
        if role == Qt.ForegroundRole:
            return faint() if own is None else None
        if role == Qt.ToolTipRole:
            if own is not None:
                return None
            return translate("IndicatorSheetModel", "Automatic: the fewest decimals that show every value exactly, "
                             "at most 4")
        if own is None:
            return translate("IndicatorSheetModel", "auto ({0})").format(self.auto_decimals(node.code))
        return str(own)

    def command(self, key: str, node, value):
        """The command for typing ``value``; None when nothing changes."""
        text = "" if value is None else str(value).strip()
        if key == DECIMALS:
            own = fixed_decimals(node)
            if text.lower() == ("auto" if own is None else str(own)) or (not text and own is None):
                return None
            return SetIndicatorParam(node.code, key, text)
        current = meta_number(node.params.get(key))
        if text == ("" if current is None else edit_text(current)):
            return None
        return SetIndicatorParam(node.code, key, text)

    def choices(self) -> list:
        """(label, value) of the decimals editor."""
        return [(translate("IndicatorSheetModel", "auto"), "auto")] + [(str(d), d) for d in range(MAX_DECIMALS + 1)]
