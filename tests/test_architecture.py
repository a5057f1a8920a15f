"""The import contract of ``core`` and ``gui``, checked statically on the
source (tests/archcheck.py builds the graph with ``ast``):

(a) nothing in ``core`` imports Qt (PySide6, shiboken6, pyqtgraph, PyQt*,
    qtpy) or ``gui``;
(b) every import between packages is one the layer table below allows;
(c) no import cycles between modules (imports inside functions count);
(d) no module uses another module's ``_private`` name.

Each rule is first shown failing on a small synthetic tree written to
tmp_path, so a green run on the real tree means something.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archcheck import (Tree, cycle_violations, layer_violations, private_violations, qt_in_core)

REPO = Path(__file__).resolve().parents[1]

# Base modules any package may import (they themselves import none of the packages).
BASE = {"core", "core.errors", "core.atomic", "core.text"}

# importer package          -> the packages it may import, besides itself and BASE
ALLOWED: dict[str, set[str]] = {
    "core":           set(),
    "core.errors":    set(),
    "core.atomic":    set(),
    "core.text":      set(),
    "core.methods":   set(),                # pure numerics + the method registry
    "core.model":     {"core.methods"},     # settings name methods and check their parameters
    "core.treatment": {"core.model", "core.methods"},   # denominate, impute, screen, transform, treat
    "core.pipeline":  {"core.model", "core.methods", "core.treatment"},
    "core.project":   {"core.model", "core.methods", "core.pipeline", "core.treatment"},
    "core.sheets":    {"core.model"},
    "core.importing": {"core.model", "core.methods", "core.pipeline", "core.treatment", "core.project", "core.sheets"},
    "core.exporting": {"core.model", "core.methods", "core.pipeline", "core.treatment", "core.project"},
    "core.analysis":  {"core.model", "core.methods", "core.pipeline", "core.treatment", "core.project"},
    "core.cli_analyse": {"core.model", "core.methods", "core.pipeline", "core.treatment", "core.project", "core.importing",
                         "core.exporting", "core.analysis"},
    "core.cli_coupling": {"core.model", "core.methods", "core.pipeline", "core.project", "core.importing",
                          "core.cli_analyse"},
    "core.cli":       {"core.model", "core.methods", "core.pipeline", "core.treatment", "core.project", "core.sheets",
                       "core.importing", "core.exporting", "core.analysis", "core.cli_analyse", "core.cli_coupling"},
}
CORE = set(ALLOWED)              # gui may import all of core (public names only, rule d)
GUI = CORE | {"gui"}
ALLOWED.update({
    "gui":            CORE,
    "gui.base":       GUI,
    "gui.charts":     CORE | {"gui.base"},
    "gui.sheets":     CORE | {"gui.base"},
    "gui.importing":  CORE | {"gui.base", "gui.charts", "gui.sheets"},
    "gui.exporting":  CORE | {"gui.base", "gui.charts", "gui.sheets"},
    "gui.analysis":   CORE | {"gui.base", "gui.charts", "gui.sheets", "gui.importing"},
    "gui.window":     CORE | {"gui.base", "gui.charts", "gui.sheets", "gui.importing", "gui.exporting",
                              "gui.analysis"},
})


def report(violations) -> str:
    return "\n" + "\n".join(map(str, violations))


# ---- the real tree ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tree() -> Tree:
    t = Tree(REPO)
    # the graph is really read: known packages and imports are there
    assert {"core.cli", "core.model.dataset", "gui.window.app", "gui.base.document"} <= t.modules
    assert any(i.source == "core.pipeline.engine" and i.target.startswith("core.model.") for i in t.imports)
    return t


def test_core_imports_neither_qt_nor_gui(tree):
    v = qt_in_core(tree)
    assert not v, report(v)


def test_imports_follow_the_layers(tree):
    v = layer_violations(tree, ALLOWED, BASE)
    assert not v, report(v)


def test_no_import_cycles(tree):
    v = cycle_violations(tree)
    assert not v, report(v)


def test_no_private_names_across_modules(tree):
    v = private_violations(tree)
    assert not v, report(v)


# ---- each rule fails on a synthetic tree ------------------------------------------------------

def write(root: Path, files: dict[str, str]) -> Tree:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for rel in list(files):
        for parent in Path(rel).parents:
            if str(parent) != "." and not (root / parent / "__init__.py").exists():
                (root / parent / "__init__.py").write_text("", encoding="utf-8")
    return Tree(root)


CLEAN = {
    "core/errors.py": "class InputError(ValueError):\n    pass\n",
    "core/methods/normalise.py": "from core.errors import InputError\n\ndef f():\n    return 1\n",
    "core/model/dataset.py": "from core.methods import normalise\nSIZE = normalise.f()\n",
    "core/pipeline/engine.py": "from core.methods.normalise import f\nfrom core.model.dataset import SIZE\n",
    "gui/base/document.py": "from PySide6.QtCore import QObject\nfrom core.pipeline.engine import f\n",
    "gui/window/app.py": "import gui.base.document as d\nfrom gui.charts import panel\n",
    "gui/charts/panel.py": "import pyqtgraph\nfrom gui.base.document import QObject\n",
}


def test_a_clean_synthetic_tree_passes(tmp_path):
    t = write(tmp_path, CLEAN)
    assert (qt_in_core(t), layer_violations(t, ALLOWED, BASE), cycle_violations(t), private_violations(t)) \
        == ([], [], [], [])


def test_rule_a_fails_on_qt_or_gui_in_core(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/model/x.py": "import os\n\ndef show():\n    from PySide6.QtWidgets import QLabel\n",
                         "core/model/y.py": "import pyqtgraph as pg\n",
                         "core/pipeline/z.py": "from gui.base import document\n"})
    got = {(v.module, v.line, v.name, v.rule) for v in qt_in_core(t)}
    assert got == {("core.model.x", 4, "PySide6.QtWidgets (QLabel) [in a function]", "no-qt-in-core"),
                   ("core.model.y", 1, "pyqtgraph", "no-qt-in-core"),
                   ("core.pipeline.z", 1, "gui.base.document (document)", "no-gui-in-core")}
    assert "core.model.x:4 [no-qt-in-core] PySide6.QtWidgets (QLabel) [in a function]: core must not import Qt" in report(qt_in_core(t))


def test_rule_b_fails_on_a_lower_layer_importing_a_higher_one(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/model/low.py": "\n\nfrom core.pipeline.engine import f\n",
                         "core/sheets/read.py": "import core.methods.normalise\n",
                         "gui/charts/chart.py": "from gui.sheets import grid\n",
                         "gui/sheets/grid.py": "X = 1\n",
                         "core/newpkg/thing.py": "X = 1\n"})
    v = layer_violations(t, ALLOWED, BASE)
    got = {(x.module, x.line, x.name) for x in v}
    assert got == {("core.model.low", 3, "core.pipeline.engine (f)"),
                   ("core.sheets.read", 1, "core.methods.normalise"),
                   ("gui.charts.chart", 1, "gui.sheets.grid (grid)"),
                   ("core.newpkg", 1, "core.newpkg")}
    text = report(v)
    assert "core.model.low:3 [layer] core.pipeline.engine (f): core.model may not import core.pipeline" in text
    assert "package missing from the layer table" in text


def test_rule_b_sees_modules_loaded_by_name(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "gui/base/registry.py": "import importlib\nPANES = ('gui.window.app',)\n\n"
                                                 "def load(n):\n    return importlib.import_module(n)\n"})
    v = layer_violations(t, ALLOWED, BASE)
    assert [(x.module, x.line, x.name) for x in v] == [("gui.base.registry", 2, "gui.window.app [by name]")]


def test_rule_c_fails_on_a_two_module_cycle(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/methods/a.py": "from core.methods import b\n",
                         "core/methods/b.py": "X = 1\n\ndef g():\n    from .a import Y\n    return Y\n"})
    v = cycle_violations(t)
    assert {(x.module, x.line, x.name) for x in v} == {("core.methods.a", 1, "core.methods.b (b)"),
                                                        ("core.methods.b", 4, "core.methods.a (Y) [in a function]")}
    assert "in the import cycle core.methods.a <-> core.methods.b" in report(v)


def test_rule_c_fails_on_a_longer_cycle_only_for_its_members(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/project/p.py": "import core.project.q\n",
                         "core/project/q.py": "import core.project.r\nimport core.model.dataset\n",
                         "core/project/r.py": ("from typing import TYPE_CHECKING\n"
                                               "if TYPE_CHECKING:\n    from core.project.p import *\n")})
    v = cycle_violations(t)
    assert sorted((x.module, x.name) for x in v) == [("core.project.p", "core.project.q"),
                                                     ("core.project.q", "core.project.r"),
                                                     ("core.project.r", "core.project.p (*) [under TYPE_CHECKING]")]


def test_rule_d_fails_on_another_modules_private_name(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/model/y.py": "_b = 1\n_c = 2\n_d = 3\n__all__ = []\n",
                         "core/model/a.py": "from core.model.y import _b\n",
                         "core/model/c.py": "import core.model.y\n\nZ = core.model.y._c\n",
                         "core/methods/d.py": "from core.model import y as yy\n\n\ndef h():\n    return yy._d\n",
                         "core/methods/ok.py": ("from core.model import y\nfrom core.model.y import __all__\n"
                                                "import os\n\nX = os._exit\n\n"
                                                "def k(y):\n    return y._d\n")})
    v = private_violations(t)
    assert [(x.module, x.line, x.name) for x in v] == [("core.methods.d", 5, "_d"),
                                                       ("core.model.a", 1, "_b"),
                                                       ("core.model.c", 3, "_c")]
    text = report(v)
    assert "core.model.a:1 [private] _b: imports the private name _b of core.model.y" in text
    assert "core.methods.d:5 [private] _d: uses the private name _d of core.model.y" in text


def test_rule_d_sees_relative_imports_and_private_modules(tmp_path):
    t = write(tmp_path, {**CLEAN,
                         "core/sheets/_impl.py": "X = 1\n",
                         "core/sheets/read.py": "from ._impl import X\nfrom .cells import _cell\n",
                         "core/sheets/cells.py": "_cell = 1\n"})
    v = private_violations(t)
    assert [(x.module, x.line, x.name) for x in v] == [("core.sheets.read", 1, "_impl"),
                                                       ("core.sheets.read", 2, "_cell")]
