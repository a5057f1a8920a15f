"""What the wizard's layout page offers for the reading of a table: the
column roles the command line names, the columns detected for them (as the
layout reads the table), the columns' headings, and the layouts' names.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.importing.layouts.registry import layout_named, names as layout_names
from core.importing.layouts.base import ReadOptions
from core.importing.table import find_table
from core.importing.roles import column_roles
from core.model.celltext import column_letter, text_of


translate = QCoreApplication.translate


# the column roles the command line's --*-column options name, in the order shown
COLUMN_ROLES = {
    "unit_code": QT_TRANSLATE_NOOP("LayoutPage", "Unit &code:"),
    "unit_name": QT_TRANSLATE_NOOP("LayoutPage", "Unit n&ame:"),
    "ind_code": QT_TRANSLATE_NOOP("LayoutPage", "Indicator co&de:"),
    "ind_name": QT_TRANSLATE_NOOP("LayoutPage", "&Indicator name:"),
    "year": QT_TRANSLATE_NOOP("LayoutPage", "&Period:"),
    "value": QT_TRANSLATE_NOOP("LayoutPage", "&Value:"),
    "measure": QT_TRANSLATE_NOOP("LayoutPage", "Unit of &measure:"),
}
HEADING_CHARS = 24          # a column's heading shown in a choice, at most
KEEP, SPLIT = "keep:", "split"      # an extra key column's choice: keep a value (KEEP + code), or split


def value_text(code, label) -> str:
    """An extra key column's value as shown: 'CODE (label)'."""
    return code if not label or label == code else f"{code} ({label})"


def detected_columns(sheet, header_row, include_hidden=False, layout: str = "") -> dict:
    """Role -> column letter of the first column that the layout the sheet
    was read in (``layout``; the header's words when none) takes for it, the
    header on 1-based ``header_row`` (None: detect): what the column choices
    show as detected."""
    if sheet is None:
        return {}
    try:
        table = find_table(sheet, header_row, include_hidden)
    except Exception:           # noqa: BLE001 - a header the table finder refuses: nothing detected
        return {}
    if table is None:
        return {}
    roles = layout_named(layout).roles(table, ReadOptions()) if layout in layout_names() else column_roles(table)
    found = {}
    for c, role in roles.items():
        if role in COLUMN_ROLES and role not in found:
            found[role] = column_letter(c)
    return found


def column_headings(sheet, header_row) -> list:
    """(letter, heading) of each column of ``sheet``, the heading from the
    1-based ``header_row`` (none: blank)."""
    if sheet is None:
        return []
    row = sheet.rows[header_row - 1] if header_row and 0 < header_row <= len(sheet.rows) else []
    out = []
    for c in range(sheet.n_cols):
        text = text_of(row[c]).strip() if c < len(row) else ""
        if len(text) > HEADING_CHARS:
            text = text[:HEADING_CHARS - 1] + "…"
        out.append((column_letter(c), text))
    return out


LAYOUT_NAMES = {
    "auto": QT_TRANSLATE_NOOP("LayoutPage", "Detect"),
    "template": QT_TRANSLATE_NOOP("LayoutPage", "Template (Data and Meta sheets)"),
    "yearbook": QT_TRANSLATE_NOOP("LayoutPage", "Yearbook: indicators as rows, years as columns"),
    "units-by-indicators": QT_TRANSLATE_NOOP("LayoutPage", "Units as rows, indicators as columns"),
    "long": QT_TRANSLATE_NOOP("LayoutPage", "Long: unit, year, indicator and value columns"),
}


def layout_text(key) -> str:
    """A layout's name in the current language (a layout registered
    without a name here: its own description)."""
    if key in LAYOUT_NAMES:
        return translate("LayoutPage", LAYOUT_NAMES[key])
    return layout_named(key).description
