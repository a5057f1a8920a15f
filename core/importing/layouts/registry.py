"""The registry of import layouts: their names (``--layout``, the wizard's
choices), the detection of a table's layout and the reading of a table in
a named one.  The order of registration is the order they are offered in
and breaks ties between equal scores."""
from __future__ import annotations

from core.errors import InputError
from core.importing.block import Block
from core.importing.layouts import eurostat, long, nbs, template, units_by_indicators, wide_periods, worldbank, yearbook
from core.importing.layouts.base import CellMap, Layout, ReadOptions, ValueCells
from core.importing.table import Table
from core.text import tr

_LAYOUTS: dict[str, Layout] = {}


def register(layout: Layout) -> None:
    """Offer ``layout`` to detection, the command line and the wizard."""
    if not layout.name or layout.name == "auto" or layout.name in _LAYOUTS:
        raise ValueError(f"layout name '{layout.name}' is empty, 'auto' or taken")
    _LAYOUTS[layout.name] = layout


def unregister(name: str) -> None:
    del _LAYOUTS[name]


def names() -> tuple:
    """The registered layouts' names, in order."""
    return tuple(_LAYOUTS)


def layout_named(name: str) -> Layout:
    layout = _LAYOUTS.get(name)
    if layout is None:
        raise InputError(tr("layout '{name}' is not known (valid: auto, {valid})", name=name,
                            valid=", ".join(_LAYOUTS)))
    return layout


def cell_map(name: str, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
    """The provenance cell maps of ``cells`` read in the layout named
    ``name`` (:meth:`core.importing.layouts.base.Layout.cell_map`); a name
    not registered gets the default, units as rows."""
    return _LAYOUTS.get(name, Layout()).cell_map(cells, units, periods, codes)


def fits(table: Table) -> dict:
    """Layout name -> its :class:`core.importing.layouts.base.Fit` for ``table``."""
    return {name: layout.fit(table) for name, layout in _LAYOUTS.items()}


def detect_layout(table: Table) -> str:
    """The name of the layout that fits ``table`` best (the first of equals)."""
    scored = fits(table)
    return max(scored, key=lambda name: scored[name].score)


def workbook_layout(cells, name: str = "auto") -> Layout | None:
    """The layout that reads ``cells`` as a whole workbook (the template),
    or None when its tables are read one by one.  A named layout that reads
    whole workbooks but does not fit this one raises InputError saying why."""
    if name != "auto":
        layout = layout_named(name)
        fit = layout.fit_workbook(cells)
        if fit is None:
            return None
        if not fit:
            raise InputError(tr("{file}: {message}", file=cells.file, message=fit.reason))
        return layout
    return next((layout for layout in _LAYOUTS.values() if layout.fit_workbook(cells)), None)


def extract(table: Table, name: str, options: ReadOptions = ReadOptions()) -> Block:
    """The values of ``table`` read in the layout named ``name``."""
    return layout_named(name).read(table, options)


register(template.LAYOUT)
register(yearbook.LAYOUT)
register(units_by_indicators.LAYOUT)
register(long.LAYOUT)
register(nbs.LAYOUT)
register(wide_periods.LAYOUT)
register(worldbank.LAYOUT)
register(eurostat.LAYOUT)
