"""Static import graph of the ``core`` and ``gui`` packages and the checks
that tests/test_architecture.py asserts.

Everything is read with :mod:`ast`; nothing under ``core`` or ``gui`` is
imported, so a Qt import or an import cycle cannot hide behind an import
error.  An *import* is any ``import`` / ``from ... import`` statement
anywhere in a module (module level, inside functions, under
``if TYPE_CHECKING:``, in ``try`` blocks), plus ``importlib.import_module``
and ``__import__`` called with a literal name, plus, in a module that calls
``importlib.import_module``, every string constant that is exactly the
dotted name of a module of the tree (a registry of modules to load).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOTS = ("core", "gui")
QT_TOP_NAMES = frozenset({"PySide6", "PySide2", "shiboken6", "shiboken2", "pyqtgraph",
                          "PyQt5", "PyQt6", "qtpy"})


@dataclass(frozen=True)
class Import:
    """One import found in ``source`` at ``line``.  ``target`` is the module
    it loads (for ``from p import n``: ``p.n`` when that is a module of the
    tree, else ``p``); ``names`` the names it takes from it."""
    source: str
    line: int
    target: str
    names: tuple[str, ...] = ()
    where: str = ""          # "", "in a function", "under TYPE_CHECKING", "by name"

    def describe(self) -> str:
        what = self.target + (f" ({', '.join(self.names)})" if self.names else "")
        return what + (f" [{self.where}]" if self.where else "")


@dataclass(frozen=True)
class Violation:
    rule: str
    module: str
    line: int
    name: str
    detail: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} [{self.rule}] {self.name}: {self.detail}"


def is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


# ---- reading the tree ---------------------------------------------------------------------------

def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file under root/core and root/gui."""
    out = {}
    for top in ROOTS:
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


class Tree:
    """The modules of a source tree and the imports each one makes."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.files = module_files(self.root)
        self.modules = set(self.files)
        self.syntax: dict[str, ast.Module] = {
            name: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name, path in self.files.items()}
        self.imports: list[Import] = []
        for name in sorted(self.files):
            self.imports.extend(self._imports_of(name))

    def is_package(self, module: str) -> bool:
        return self.files[module].name == "__init__.py"

    def resolve_from(self, module: str, node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        package = module if self.is_package(module) else module.rpartition(".")[0]
        parts = package.split(".")
        if node.level > 1:
            parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts)
        return f"{base}.{node.module}" if node.module else base

    def _imports_of(self, module: str) -> list[Import]:
        tree = self.syntax[module]
        found = []
        dynamic = False
        for node, where in _walk_with_context(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    found.append(Import(module, node.lineno, alias.name, (), where))
            elif isinstance(node, ast.ImportFrom):
                base = self.resolve_from(module, node)
                plain = []
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    if sub in self.modules:
                        found.append(Import(module, node.lineno, sub, (alias.name,), where))
                    else:
                        plain.append(alias.name)
                if plain:
                    found.append(Import(module, node.lineno, base, tuple(plain), where))
            elif isinstance(node, ast.Call):
                f = node.func
                fname = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                if fname in ("import_module", "__import__"):
                    dynamic = True
                    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                        found.append(Import(module, node.lineno, node.args[0].value, (), "by name"))
        if dynamic:
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and node.value in self.modules and node.value != module):
                    found.append(Import(module, node.lineno, node.value, (), "by name"))
        return found

    def internal_edges(self) -> list[Import]:
        """Imports of modules of the tree (other than the importer itself)."""
        return [i for i in self.imports if i.target in self.modules and i.target != i.source]


def _is_type_checking(test: ast.expr) -> bool:
    return ((isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
            or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _walk_with_context(tree: ast.Module):
    """Every node with where it sits: "" (runs at import time), "in a
    function" or "under TYPE_CHECKING"."""
    todo = [(node, "") for node in tree.body]
    while todo:
        node, where = todo.pop()
        yield node, where
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            todo.extend((n, where or "under TYPE_CHECKING") for n in node.body)
            todo.extend((n, where) for n in node.orelse)
            todo.append((node.test, where))
            continue
        inner = "in a function" if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) else where
        todo.extend((n, inner if not where else where) for n in ast.iter_child_nodes(node))


# ---- rule (a): core imports neither Qt nor gui -------------------------------------------------

def qt_in_core(tree: Tree) -> list[Violation]:
    out = []
    for i in tree.imports:
        if not (i.source == "core" or i.source.startswith("core.")):
            continue
        top = i.target.split(".")[0]
        if top in QT_TOP_NAMES:
            out.append(Violation("no-qt-in-core", i.source, i.line, i.describe(), "core must not import Qt"))
        elif top == "gui":
            out.append(Violation("no-gui-in-core", i.source, i.line, i.describe(), "core must not import gui"))
    return out


# ---- rule (b): layers --------------------------------------------------------------------------

def layer_of(module: str) -> str:
    """``core.model.dataset`` -> ``core.model``; ``core.cli`` -> ``core.cli``; ``core`` -> ``core``."""
    return ".".join(module.split(".")[:2])


def layer_violations(tree: Tree, allowed: dict[str, set[str]], everyone: set[str]) -> list[Violation]:
    """Each import between two layers must be listed in ``allowed`` (importer
    layer -> layers it may import) or be of a layer in ``everyone``."""
    out = []
    for layer in sorted({layer_of(m) for m in tree.modules} - set(allowed)):
        module = min(m for m in tree.modules if layer_of(m) == layer)
        out.append(Violation("layer", module, 1, layer, "package missing from the layer table"))
    for i in tree.internal_edges():
        src, dst = layer_of(i.source), layer_of(i.target)
        if src == dst or src not in allowed:
            continue
        if dst in everyone or dst in allowed[src]:
            continue
        out.append(Violation("layer", i.source, i.line, i.describe(), f"{src} may not import {dst}"))
    return out


# ---- rule (c): no cycles -----------------------------------------------------------------------

def strongly_connected(nodes, edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components of more than one module."""
    index, low, on_stack, stack, comps = {}, {}, set(), [], []
    counter = 0
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges.get(nxt, ())))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        m = stack.pop()
                        on_stack.discard(m)
                        comp.append(m)
                        if m == node:
                            break
                    if len(comp) > 1:
                        comps.append(sorted(comp))
    return comps


def cycle_violations(tree: Tree) -> list[Violation]:
    """One violation per import that lies inside a cycle (an import from one
    module of a strongly connected component to another)."""
    edges: dict[str, set[str]] = {}
    for i in tree.internal_edges():
        edges.setdefault(i.source, set()).add(i.target)
    out = []
    for comp in strongly_connected(tree.modules, edges):
        members = set(comp)
        label = " <-> ".join(comp)
        for i in tree.internal_edges():
            if i.source in members and i.target in members:
                out.append(Violation("cycle", i.source, i.line, i.describe(), f"in the import cycle {label}"))
    return out


# ---- rule (d): no other module's _private name --------------------------------------------------

class _PrivateUse(ast.NodeVisitor):
    """Finds ``from m import _x`` and ``m._x`` where ``m`` is a module of the
    tree bound by an import; names rebound locally (parameters, assignments)
    shadow the import inside their function."""

    def __init__(self, tree: Tree, module: str):
        self.tree, self.module = tree, module
        self.scopes: list[dict[str, str | None]] = [{}]
        self.found: list[Violation] = []

    def lookup(self, name):
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        return None

    def bind_imports(self, body_owner, scope):
        """Names bound to modules of the tree by the imports directly in this
        scope (not in nested functions)."""
        for node in _walk_scope(body_owner):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        scope[alias.asname] = alias.name if alias.name in self.tree.modules else None
                    else:
                        top = alias.name.split(".")[0]
                        scope[top] = top if top in self.tree.modules else None
            elif isinstance(node, ast.ImportFrom):
                base = self.tree.resolve_from(self.module, node)
                for alias in node.names:
                    sub = f"{base}.{alias.name}"
                    scope[alias.asname or alias.name] = sub if sub in self.tree.modules else None

    def visit_Module(self, node):
        self.bind_imports(node, self.scopes[0])
        self.generic_visit(node)

    def _function(self, node):
        scope: dict[str, str | None] = {}
        args = node.args
        for a in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
            if a is not None:
                scope[a.arg] = None
        globals_ = set()
        for sub in _walk_scope(node):
            if isinstance(sub, (ast.Global, ast.Nonlocal)):
                globals_.update(sub.names)
            elif isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                scope[sub.id] = None
            elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and sub is not node:
                scope[sub.name] = None
        self.bind_imports(node, scope)
        for g in globals_:
            scope.pop(g, None)
        self.scopes.append(scope)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_ImportFrom(self, node):
        base = self.tree.resolve_from(self.module, node)
        parts = base.split(".")
        for k, part in enumerate(parts[1:], 1):
            if is_private(part) and ".".join(parts[:k]) in self.tree.modules:
                self.found.append(Violation("private", self.module, node.lineno, part,
                                            f"imports from the private module {base}"))
                break
        if base in self.tree.modules:
            for alias in node.names:
                if is_private(alias.name):
                    self.found.append(Violation("private", self.module, node.lineno, alias.name,
                                                f"imports the private name {alias.name} of {base}"))

    def visit_Import(self, node):
        for alias in node.names:
            parts = alias.name.split(".")
            for k, part in enumerate(parts[1:], 1):
                if is_private(part) and ".".join(parts[:k]) in self.tree.modules:
                    self.found.append(Violation("private", self.module, node.lineno, part,
                                                f"imports the private module {alias.name}"))
                    break

    def visit_Attribute(self, node):
        chain = []
        base = node
        while isinstance(base, ast.Attribute):
            chain.append(base.attr)
            base = base.value
        if isinstance(base, ast.Name):
            current = self.lookup(base.id)
            if current is not None and current != self.module:
                for attr in reversed(chain):
                    if is_private(attr):
                        self.found.append(Violation("private", self.module, node.lineno, attr,
                                                    f"uses the private name {attr} of {current}"))
                        break
                    if f"{current}.{attr}" not in self.tree.modules:
                        break
                    current = f"{current}.{attr}"
            return          # the chain is checked whole; its inner Attribute nodes are not
        self.generic_visit(node)


def _walk_scope(owner):
    """The nodes of a module or function body, not descending into nested
    functions, lambdas or classes' methods (which are scopes of their own)."""
    todo = list(owner.body) if not isinstance(owner, ast.Lambda) else [owner.body]
    if not isinstance(owner, (ast.Module, ast.Lambda)):
        args = owner.args
        todo += [*args.defaults, *[d for d in args.kw_defaults if d is not None]]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        todo.extend(ast.iter_child_nodes(node))


def private_violations(tree: Tree) -> list[Violation]:
    out = []
    for module in sorted(tree.modules):
        v = _PrivateUse(tree, module)
        v.visit(tree.syntax[module])
        out.extend(v.found)
    return sorted(set(out), key=lambda x: (x.module, x.line, x.name))
