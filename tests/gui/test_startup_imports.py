"""Start-up: nothing heavy is imported before the first paint that the
first paint does not need.  A fresh ``python -X importtime main.py`` on the
bundled sample (bench/startup_bench.py reads which modules came before the
``first_paint_s=`` line).  numpy (the sample's values) and jsonschema (the
project file's validation) are needed; the table readers, pandas, the
analysis libraries and the charts are not."""
from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"

# imported only when a pane, a reader, an export or an analysis needs them
LAZY = ("pandas", "scipy", "SALib", "pyarrow", "charset_normalizer", "openpyxl", "python_calamine",
        "pyqtgraph", "matplotlib", "reportlab", "xlsxwriter")


def _imports_before_first_paint() -> list[str]:
    sys.path.insert(0, str(BENCH))
    try:
        from startup_bench import imports_before_first_paint
    finally:
        sys.path.remove(str(BENCH))
    return [name for name, _, _ in imports_before_first_paint("offscreen")]


def test_first_paint_imports_none_of_the_lazy_packages():
    names = _imports_before_first_paint()
    # the list is really read: the window, numpy and the sample's validation are there
    assert {"gui.window.app", "gui.window.main_window", "numpy", "jsonschema"} <= set(names)
    heavy = sorted({n for n in names if n.split(".")[0] in LAZY})
    assert heavy == [], f"imported before the first paint: {heavy}"
    # the charts and analysis panes are built after the first paint, and the
    # import wizard and the exports when first used: their modules come with them
    later = ("gui.charts", "gui.analysis", "gui.importing", "gui.exporting", "gui.window.file_actions")
    early = sorted(n for n in names if n.startswith(later))
    assert early == [], f"imported before the first paint: {early}"
