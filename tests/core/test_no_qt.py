"""core/ never imports Qt (nor pyqtgraph): the command line and the engine
run without a display and without the GUI's dependencies."""
from __future__ import annotations

import ast
import subprocess
import sys
import textwrap

QT_MODULES = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2", "qtpy")

CHECK = textwrap.dedent(r"""
    import importlib, io, json, os, pkgutil, sys, contextlib
    sys.path.insert(0, sys.argv[1])
    import core
    names = sorted(m.name for m in pkgutil.walk_packages(core.__path__, "core."))
    assert len(names) >= 10, names
    for name in names:
        importlib.import_module(name)
    from core.cli import main
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = main(["compute", sys.argv[2], "--json"])
    assert rc == 0, rc
    doc = json.loads(buf.getvalue())
    cii = [r["value"] for r in doc["scores"] if r["code"] == "CII" and r["period"] == 2024]
    assert round(cii[0], 2) == 202.29, cii
    bad = sorted(m for m in sys.modules if m.split(".")[0] in %r)
    print(json.dumps({"modules": names, "qt": bad}))
""" % (QT_MODULES,))


def test_core_imports_and_cli_run_without_qt(repo, sample_coindex):
    p = subprocess.run([sys.executable, "-c", CHECK, str(repo), str(sample_coindex)], cwd=repo,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    result = __import__("json").loads(p.stdout.strip().splitlines()[-1])
    for m in ("cli", "pipeline.engine", "pipeline.results", "importing.inputs", "exporting.tables",
              "project.projectfile", "methods.normalise", "methods.aggregate", "model.framework", "model.dataset",
              "model.settings", "project.project"):
        m = "core." + m
        assert m in result["modules"], m
    assert result["qt"] == [], f"core imported {result['qt']}"


def test_main_py_cli_path_imports_no_qt(repo, sample_coindex):
    """``python main.py compute`` must not import the GUI package either."""
    code = textwrap.dedent(r"""
        import sys, io, contextlib, runpy
        sys.argv = ["main.py", "compute", sys.argv[1], "--json"]
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            try:
                runpy.run_path("main.py", run_name="__main__")
            except SystemExit as e:
                assert e.code in (0, None), e.code
        bad = sorted(m for m in sys.modules if m.split(".")[0] in %r or m == "gui" or m.startswith("gui."))
        print(bad)
    """ % (QT_MODULES,))
    p = subprocess.run([sys.executable, "-c", code, str(sample_coindex)], cwd=repo, capture_output=True,
                       text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "[]"


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield node.lineno, a.name
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module:
                yield node.lineno, node.module
            elif node.level > 0:
                yield node.lineno, "." * node.level + (node.module or "")
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in (
                "import_module", "__import__"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


def test_static_scan_of_core_imports(repo):
    files = sorted((repo / "core").rglob("*.py"))
    assert len(files) >= 10
    offenders = []
    for f in files:
        for lineno, mod in _imported_modules(f):
            top = mod.lstrip(".").split(".")[0]
            if top in QT_MODULES or (not mod.startswith(".") and top == "gui") or mod.startswith("..gui"):
                offenders.append(f"{f.name}:{lineno}: {mod}")
        # and no Qt module named in any import-like text (e.g. inside exec'd strings)
        for lineno, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            s = line.strip()
            if s.startswith(("import ", "from ")) and any(q in s for q in QT_MODULES):
                offenders.append(f"{f.name}:{lineno}: {s}")
    assert offenders == [], offenders
