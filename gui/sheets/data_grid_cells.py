"""What the raw-data grid shows in each cell and header (the text,
colours, fonts, alignment, tooltips and marks of every role):
:class:`GridCells`, owned by :class:`gui.sheets.data_grid.DataGridModel`,
which keeps the rows, the editing and the bookkeeping.  ``data()`` runs for
every role of every painted cell, so the Qt enum members it compares with
are looked up once, here."""
from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from core.text import unit_name

from gui.sheets.data_grid_view import (CODE_COLUMN, FIRST_INDICATOR_COLUMN, FIRST_PERIOD_COLUMN, NAME_COLUMN,
                                       PERIOD_LAYOUT)
from gui.base.formatting import edit_text, format_fixed, indicator_decimals, set_decimals
from gui.base.i18n import display_name, unit_display_name
from gui.sheets.data_marks import MARK_ROLE, severity

MISSING_TEXT = "—"
MISSING_FOREGROUND = QColor("#8a8f98")
MISSING_BACKGROUND = QColor("#f1f1f4")
GROUP_BACKGROUND = QColor("#e3eaf3")
IMPUTED_BACKGROUND = QColor("#e6f0fb")     # a filled-in value: pale blue, the blue of the 'info' mark
IMPUTED_FOREGROUND = QColor("#1a4d8f")
SCREENED_FOREGROUND = QColor("#a0a4ab")
SCREENED_BACKGROUND = QColor("#e4e4e8")

# Qt's enum members cached once: looking one up through the Qt namespace
# costs about 14 microseconds in PySide6 6.11, and data() is called for
# every role of every painted cell.
_DISPLAY, _EDIT, _TOOLTIP = Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole
_ALIGN, _FOREGROUND, _BACKGROUND, _FONT = Qt.TextAlignmentRole, Qt.ForegroundRole, Qt.BackgroundRole, Qt.FontRole
RAW_ROLE = Qt.UserRole + 1       # DataGridModel.RawValueRole: the float itself (NaN for missing)
_RAW, _MARK = RAW_ROLE, MARK_ROLE
_HORIZONTAL = Qt.Horizontal
# dataChanged for a value cell touches all of these; a change of marks, these
VALUE_ROLES = [_DISPLAY, _EDIT, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT, _RAW, _MARK]
MARK_ROLES = [_TOOLTIP, _MARK]
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
_LEFT = int(Qt.AlignLeft | Qt.AlignVCenter)
_TREATED_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _BACKGROUND, _FONT})
_SERVED = frozenset({_DISPLAY, _EDIT, _TOOLTIP, _ALIGN, _FOREGROUND,
                     _BACKGROUND, _FONT, _RAW, _MARK})


def _dark_palette() -> bool:
    app = QApplication.instance()
    return app is not None and app.palette().color(QPalette.Base).lightness() < 128


class GridCells(QObject):
    """The display side of a :class:`~gui.sheets.data_grid.DataGridModel`
    (``model``): it reads the model's ``rows``, ``by_unit``,
    ``first_value_column``, ``unit``, ``period`` and ``layout``, the
    warnings of ``warnings`` (a :class:`~gui.sheets.data_marks.CellWarnings`)
    and the imputed and screened cells of ``treatment`` (a
    :class:`~gui.sheets.data_marks.CellTreatment`)."""

    def __init__(self, model, warnings, treatment):
        super().__init__(model)
        self._model = model
        self._warnings = warnings
        self._treatment = treatment
        self._italic = QFont()
        self._italic.setItalic(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self.reread()

    def reread(self):
        """The dataset, the names shown (in the language chosen) and the
        colours (light or dark): after a structure, language or palette change."""
        project = self._model.document.project
        self._ds = project.dataset          # replaced only with a structure change
        self._names = {n.code: display_name(n) or n.name for n in project.framework.nodes}
        self._unit_names = [unit_display_name(project, u) for u in range(len(self._ds.unit_codes))]
        dark = _dark_palette()
        self._group_brush = QBrush(QColor("#2d333b") if dark else GROUP_BACKGROUND)
        self._missing_brush = QBrush(QColor("#262a30") if dark else MISSING_BACKGROUND)
        self._missing_text_brush = QBrush(MISSING_FOREGROUND)
        self._imputed_brush = QBrush(QColor("#1f3450") if dark else IMPUTED_BACKGROUND)
        self._imputed_text_brush = QBrush(QColor("#9cc3f5") if dark else IMPUTED_FOREGROUND)
        self._screened_brush = QBrush(QColor("#1c1f24") if dark else SCREENED_BACKGROUND)
        self._screened_text_brush = QBrush(QColor("#5c6370") if dark else SCREENED_FOREGROUND)
        # decimals set in the indicator sheet (None: decided from the values)
        self._fixed = set_decimals(project.framework, self._ds.codes)
        self._decimals = indicator_decimals(self._ds.values, self._fixed).tolist() if self._ds.values.size else \
            [0] * self._ds.values.shape[-1]

    def update_decimals(self, indicators) -> list[int]:
        """Re-decide the decimals of ``indicators`` (their values changed);
        the ones that now show another number of decimals (every cell of
        them must be repainted)."""
        indicators = sorted({int(i) for i in indicators})
        if not indicators or not self._ds.values.size:
            return []
        new = indicator_decimals(self._ds.values[:, :, indicators], [self._fixed[i] for i in indicators]).tolist()
        changed = [i for i, d in zip(indicators, new) if self._decimals[i] != d]
        for i, d in zip(indicators, new):
            self._decimals[i] = d
        return changed

    def decimals(self, indicator: int) -> int:
        """Decimals shown for every value of ``indicator`` (see
        :func:`gui.base.formatting.indicator_decimals`)."""
        return self._decimals[indicator]

    def data(self, index, role=_DISPLAY):
        # the hot path of every repaint: plain attributes, few property calls
        if role not in _SERVED:
            return None
        row, col = index.row(), index.column()
        if row < 0:
            return None
        model = self._model
        first = model.first_value_column
        if model.by_unit:
            entry = model.rows[row]
            if entry[0] == "group":
                return self._group_data(row, col, role)
            if col < first:
                return self._label_data(row, col, role)
            u, t, i = model.unit, col - first, entry[1]
        else:
            if col < first:
                return self._label_data(row, col, role)
            u, t, i = row, model.period, col - first
        value = float(self._ds.values[u, t, i])
        missing = math.isnan(value)
        if role in _TREATED_ROLES:
            treated = self._treated_data(u, t, i, value, missing, role)
            if treated is not None:
                return treated
        if role == _DISPLAY:
            # one number of decimals for all the values of an indicator
            return MISSING_TEXT if missing else format_fixed(value, self._decimals[i])
        if role == _EDIT:
            return edit_text(value)
        if role == _ALIGN:
            return _RIGHT
        if role == _TOOLTIP:
            return self._value_tooltip(u, t, i, value)
        if role == _FOREGROUND:
            return self._missing_text_brush if missing else None
        if role == _BACKGROUND:
            return self._missing_brush if missing else None
        if role == _FONT:
            return self._italic if missing else None
        if role == _RAW:
            return value
        if role == _MARK:
            return severity(self._warnings.cell_issues(u, t, i, value))
        return None

    def _treated_data(self, u, t, i, value, missing, role):
        """An imputed cell (shown with the value imputation gave it) or a
        cell of a screened unit-period (greyed); None for any other cell."""
        treatment = self._treatment
        if treatment.screened(u, t):
            if role == _FOREGROUND:
                return self._screened_text_brush
            if role == _BACKGROUND:
                return self._screened_brush
            if role == _TOOLTIP:
                return self._value_tooltip(u, t, i, value) + "\n" + treatment.screened_tip()
            return None
        if not missing:
            return None
        filled = treatment.imputed_cell(u, t, i)
        if filled is None:
            return None
        if role == _DISPLAY:
            return MISSING_TEXT if filled.shown is None else format_fixed(filled.shown, self._decimals[i])
        if role == _FONT:
            return self._italic
        if role == _BACKGROUND:
            return self._imputed_brush
        if role == _FOREGROUND:
            return self._imputed_text_brush
        if role == _TOOLTIP:
            return self._imputed_tooltip(u, t, i, filled)
        return None

    def _imputed_tooltip(self, u, t, i, filled) -> str:
        """The place, the value shown and the method; for a denominated
        indicator, the ratio imputation gave and how the value shown comes
        from it (or why there is none)."""
        head = self._model.place(u, t, i) + ": "
        if filled.shown is not None:
            head += edit_text(filled.shown) + "  "
        lines = [head + self._treatment.imputed_tip()]
        if filled.denominator is not None and filled.shown is not None:
            lines.append(self.tr("Imputed as a ratio per {0} = {1}; times {0} here ({2}) that is {3}").format(
                filled.denominator, edit_text(filled.imputed), edit_text(filled.denominator_value),
                edit_text(filled.shown)))
        elif filled.denominator is not None:
            lines.append(self.tr("Imputed as a ratio per {0} = {1}; {0} has no value here, so no value of the "
                                 "indicator itself can be shown").format(filled.denominator,
                                                                        edit_text(filled.imputed)))
        lines.append(self.tr("The data has no value here; type a number to fill it"))
        return "\n".join(lines)

    def _label_data(self, row, col, role):
        if role not in (_DISPLAY, _TOOLTIP, _ALIGN, _MARK):
            return None
        if role == _ALIGN:
            return _LEFT
        ds = self._ds
        if self._model.layout == PERIOD_LAYOUT:
            if role == _MARK:
                return None
            return (ds.unit_codes[row], self._unit_names[row])[col]
        node = self._model.framework[ds.codes[self._model.rows[row][1]]]
        if role == _MARK:              # one mark per row, on its code
            return severity(self._warnings.issues(node.code)) if col == CODE_COLUMN else None
        if role == _TOOLTIP:
            return self._node_tooltip(node)
        name = self._names.get(node.code, node.name)
        return (node.code, name, unit_name(node.unit))[col]     # the unit in Chinese where known

    def _group_data(self, row, col, role):
        _, code, depth = self._model.rows[row]
        if role == _BACKGROUND:
            return self._group_brush
        if role == _FONT:
            return self._bold
        if role == _ALIGN:
            return _LEFT
        if col >= FIRST_PERIOD_COLUMN:
            if role == _MARK or role == _TOOLTIP:
                issues = self._warnings.issues(code, self._model.unit, col - FIRST_PERIOD_COLUMN)
                if role == _MARK:
                    return severity(issues)
                return "\n".join(w["message"] for w in issues) or None
            return None
        if role == _MARK:
            return severity(self._warnings.issues(code)) if col == CODE_COLUMN else None
        if role == _TOOLTIP:
            return self._node_tooltip(self._model.framework[code])
        if role == _DISPLAY:
            if col == CODE_COLUMN:
                return code
            if col == NAME_COLUMN:
                return "    " * (depth - 1) + self._names.get(code, code)
            return ""
        return None

    def _node_tooltip(self, node) -> str:
        lines = [f"{node.code}  {node.name}"]
        if node.name_zh:
            lines.append(node.name_zh)
        if node.unit:
            lines.append(self.tr("Unit: {0}").format(unit_name(node.unit)))
        if node.direction < 0:
            lines.append(self.tr("Lower is better"))
        if node.parent:
            parent = self._model.framework[node.parent]
            lines.append(self.tr("In: {0} {1}").format(parent.code, parent.name))
        if node.source:
            lines.append(self.tr("Source: {0}").format(node.source))
        lines += ["⚠ " + w["message"] for w in self._warnings.issues(node.code)]
        return "\n".join(lines)

    def _value_tooltip(self, u, t, i, value) -> str:
        place = self._model.place(u, t, i)
        if math.isnan(value):
            lines = [self.tr("{0}: missing (type a number to fill it)").format(place)]
        else:
            unit = unit_name(self._model.framework[self._ds.codes[i]].unit)
            lines = [f"{place}: {edit_text(value)}" + (f" {unit}" if unit else "")]
        lines += ["⚠ " + w["message"] for w in self._warnings.cell_issues(u, t, i, value)]
        return "\n".join(lines)

    def headerData(self, section, orientation, role=_DISPLAY):
        if orientation != _HORIZONTAL or role not in (_DISPLAY, _TOOLTIP):
            return None
        if not 0 <= section < self._model.columnCount():
            return None
        tip = role == _TOOLTIP
        if self._model.layout == PERIOD_LAYOUT:
            if section < FIRST_INDICATOR_COLUMN:
                if tip:
                    return (self.tr("Unit code"), self.tr("Unit name"))[section]
                return (self.tr("Code"), self.tr("Unit"))[section]
            node = self._model.framework[self._ds.codes[section - FIRST_INDICATOR_COLUMN]]
            if tip:
                return self._node_tooltip(node)
            return node.code + (" ⚠" if self._warnings.issues(node.code) else "")
        if section < FIRST_PERIOD_COLUMN:
            if tip:
                return (self.tr("Indicator code"), self.tr("Indicator name (hover a row for more)"),
                        self.tr("Unit of measure"))[section]
            return (self.tr("Code"), self.tr("Indicator"), self.tr("Measured in"))[section]
        period = self._ds.periods[section - FIRST_PERIOD_COLUMN]
        return self.tr("Value") if period is None else str(period)
