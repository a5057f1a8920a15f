"""Undoable edits of the indicator framework: add, rename, delete and move
nodes, and set weights and directions (per-indicator overrides of the method:
core/project/overrides.py).

Every edit is a command object like those of :mod:`core.project.project`:
``command.apply(project)`` builds the new framework, the dataset kept in step
with it (``dataset.codes == framework.indicator_codes``, in order) and, where
codes change, the settings, swaps them in and recomputes; it returns the
command that undoes it (a :class:`Restructure` holding the project's previous
framework, dataset and settings, so undo restores the data exactly, missing
values included).  A refused edit raises :class:`~core.errors.FrameworkError`
(or another :class:`~core.errors.CoIndexError`) and leaves the project as it
was.

The framework validates itself; the checks here only come first so that the
message says what the user tried and why it cannot be done.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

import numpy as np

from core.project.changelog import framework_changes, log_changes, settings_changes
from core.model.dataset import Dataset
from core.errors import FrameworkError, InputError
from core.model.framework import Framework, Node
from core.project.project import Project, SetStructure
from core.model.settings import Settings
from core.text import tr

# Columns of an iData sheet that an indicator code must not shadow.
RESERVED_CODES = ("uCode", "uName", "Time")
MAX_CODE_LENGTH = 40
_CODE = re.compile(r"^[\w\-]+$")
TEXT_FIELDS = ("name", "name_zh", "unit", "source", "description")


# ---- the swap every edit ends in ------------------------------------------------------
@dataclass
class Restructure(SetStructure):
    """Replace framework, dataset and (when given) settings together.

    Like :class:`~core.project.project.SetStructure`, which it extends with the
    settings: a code that is renamed or deleted must leave the per-indicator
    overrides (``normalisation_by``, ``base_year_by``) in the same step, or
    the engine refuses the intermediate state.  On a failed recomputation all
    three are put back.
    """
    settings: Settings | None = field(default=None)

    def apply(self, project: Project) -> "Restructure":
        old = Restructure(project.framework, project.dataset, project.settings)
        dataset = self.dataset if self.dataset is not None else project.dataset
        if list(dataset.codes) != list(self.framework.indicator_codes):
            raise ValueError("dataset columns must follow the framework's indicators")
        settings_changed = self.settings is not None and self.settings != project.settings
        project.framework, project.dataset = self.framework, dataset
        if self.settings is not None:
            project.settings = self.settings
        try:
            project.recompute()
        except Exception:
            project.framework, project.dataset, project.settings = old.framework, old.dataset, old.settings
            project.recompute()
            raise
        log_changes(project.provenance, framework_changes(old.framework, self.framework)
                    + (settings_changes(old.settings, project.settings) if settings_changed else []))
        project._emit("structure")
        if settings_changed:
            project._emit("settings")
        return old


# ---- helpers ------------------------------------------------------------------------------
def descendants(framework: Framework, code: str) -> list[str]:
    """Every node below ``code`` (not ``code`` itself), in framework order."""
    out, todo = [], list(framework.children(code))
    while todo:
        c = todo.pop(0)
        out.append(c)
        todo.extend(framework.children(c))
    order = {n.code: k for k, n in enumerate(framework.nodes)}
    return sorted(out, key=order.__getitem__)


def indicators_under(framework: Framework, code: str) -> list[str]:
    """The indicators of a node's subtree (the node itself if an indicator)."""
    if framework[code].is_indicator:
        return [code]
    below = set(descendants(framework, code))
    return [c for c in framework.indicator_codes if c in below]


def has_data(project: Project, code: str) -> bool:
    """Whether any value of the node's indicators is present (not missing)."""
    ds = project.dataset
    cols = [ds.code_index[c] for c in indicators_under(project.framework, code)]
    return bool(cols) and bool(np.isfinite(ds.values[:, :, cols]).any())


def _taken(project: Project) -> set[str]:
    """Codes in use, lower-cased: nodes, Group / Denominator columns."""
    fw, ds = project.framework, project.dataset
    codes = [n.code for n in fw.nodes] + [a.code for a in fw.aux] + list(ds.groups) + list(ds.denominators)
    return {c.lower() for c in codes}


def check_code(project: Project, code, current: str | None = None, also_taken=()) -> str:
    """A valid, unused node code (``current`` is the node being renamed).
    Codes differing only in case count as the same (spreadsheets and file
    systems often do not tell them apart)."""
    text = "" if code is None else str(code).strip()
    if not text:
        raise FrameworkError(tr("a code cannot be empty"))
    if len(text) > MAX_CODE_LENGTH:
        raise FrameworkError(tr("the code '{text}' is longer than {most} characters", text=text,
                                most=MAX_CODE_LENGTH), code=text)
    if not _CODE.match(text) or text.isdigit():
        raise FrameworkError(tr("'{text}' is not a valid code: use letters, digits, '_' or '-', without spaces, "
                                "and not digits alone", text=text), code=text)
    if text == current:
        return text
    taken = _taken(project) | {c.lower() for c in also_taken}
    if current is not None:
        taken.discard(current.lower())
    if text.lower() in taken:
        raise FrameworkError(tr("the code '{text}' is already used in the framework", text=text), code=text)
    if text.lower() in {c.lower() for c in RESERVED_CODES}:
        raise FrameworkError(tr("the code '{text}' is reserved for a data column ({reserved})", text=text,
                                reserved=', '.join(RESERVED_CODES)),
                             code=text)
    return text


def free_code(project: Project, stem: str, also_taken=()) -> str:
    """``stem`` followed by the smallest number that makes an unused code
    (with '_' between when the stem ends in a digit: DIM1 -> DIM1_1)."""
    sep = "_" if stem[-1:].isdigit() else ""
    taken = _taken(project) | {c.lower() for c in also_taken}
    k = 1
    while f"{stem}{sep}{k}".lower() in taken:
        k += 1
    return f"{stem}{sep}{k}"


def _weight(value, code) -> float:
    if isinstance(value, bool):
        raise InputError(tr("weight of '{code}': {value} is not a number", code=code, value=value), code=code)
    try:
        w = float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InputError(tr("weight of '{code}': '{value}' is not a number", code=code, value=value),
                            code=code) from None
    if not math.isfinite(w) or w < 0:
        raise InputError(tr("weight of '{code}': {value} must be a finite number >= 0", code=code, value=value),
                            code=code)
    return w


def _direction(value, code) -> int:
    text = str(value).strip().replace("−", "-")
    try:
        d = float(text)
    except ValueError:
        d = math.nan
    if d not in (1.0, -1.0):
        raise InputError(tr("direction of '{code}': '{value}' must be 1 (higher is better) or -1 (lower is better)",
                            code=code, value=value),
                         code=code)
    return int(d)


def _aggregate(framework: Framework, code, role: str) -> Node:
    if code not in framework:
        raise FrameworkError(tr("{role} '{code}' is not in the framework", role=role, code=code), code=code)
    node = framework[code]
    if node.is_indicator:
        raise FrameworkError(tr("'{code}' is an indicator; only a dimension (an aggregate) can hold other nodes",
                                code=code),
                             code=code)
    return node


def existing_node(framework: Framework, code) -> Node:
    """The node ``code`` of ``framework``; a FrameworkError naming it if absent."""
    if code not in framework:
        raise FrameworkError(tr("there is no node '{code}' in the framework", code=code), code=code)
    return framework[code]


def _sibling_weight(framework: Framework, parent: str) -> float:
    """Weight for a new child: the mean of its siblings' (1 without any), so
    that a new node neither dominates nor vanishes."""
    ws = [framework[c].weight for c in framework.children(parent)]
    mean = sum(ws) / len(ws) if ws else 1.0
    return mean if mean > 0 else 1.0


def _place(nodes: list[Node], block: list[Node], parent: str, position: int | None) -> list[Node]:
    """Insert ``block`` (a node and its subtree) so that its head becomes
    child number ``position`` of ``parent`` (last when None or past the end).
    Siblings are ordered by their place in the node list."""
    siblings = [k for k, n in enumerate(nodes) if n.parent == parent]
    if position is not None and 0 <= position < len(siblings):
        at = siblings[position]
    else:
        # after the parent and everything currently below it
        below, todo = {parent}, [parent]
        while todo:
            p = todo.pop()
            for n in nodes:
                if n.parent == p and n.code not in below:
                    below.add(n.code)
                    todo.append(n.code)
        at = max(k for k, n in enumerate(nodes) if n.code in below) + 1
    return nodes[:at] + block + nodes[at:]


def _dataset_for(framework: Framework, dataset: Dataset, renamed: dict | None = None) -> Dataset:
    """The dataset with columns following ``framework``'s indicators: existing
    columns taken by code (``renamed`` maps new codes to old), new ones
    missing (NaN).  The values are a new array, never shared."""
    renamed = renamed or {}
    U, T = len(dataset.unit_codes), len(dataset.periods)
    values = np.full((U, T, len(framework.indicator_codes)), np.nan)
    for j, code in enumerate(framework.indicator_codes):
        old = dataset.code_index.get(renamed.get(code, code))
        if old is not None:
            values[:, :, j] = dataset.values[:, :, old]
    return Dataset(dataset.unit_codes, dataset.unit_names, dataset.periods, framework.indicator_codes, values,
                   dataset.groups, dataset.denominators)


def _framework(project: Project, nodes) -> Framework:
    fw = project.framework
    return Framework(nodes, fw.aux, fw._where)


def _settings_without(settings: Settings, codes) -> Settings | None:
    """Settings with the overrides of ``codes`` dropped (None if none had any)."""
    codes = set(codes)
    if not (codes & set(settings.normalisation_by) or codes & set(settings.base_year_by)):
        return None
    s = settings.copy()
    s.normalisation_by = {c: m for c, m in s.normalisation_by.items() if c not in codes}
    s.base_year_by = {c: y for c, y in s.base_year_by.items() if c not in codes}
    return s


def _copy(node: Node, **changes) -> Node:
    return replace(node, params=dict(node.params), **changes)


# ---- adding ----------------------------------------------------------------------------------
@dataclass
class AddIndicator:
    """Add an indicator under the aggregate ``parent``, with a new data column
    of missing values.  ``code`` defaults to the parent's code and the next
    free number (RA -> RA5); ``weight`` to the mean of its siblings'."""
    parent: str
    code: str | None = None
    name: str = ""
    name_zh: str = ""
    unit: str = ""
    direction: int = 1
    weight: float | None = None
    position: int | None = None

    def build(self, project: Project) -> Node:
        fw = project.framework
        _aggregate(fw, self.parent, tr("the parent"))
        code = check_code(project, self.code) if self.code else free_code(project, self.parent)
        weight = _sibling_weight(fw, self.parent) if self.weight is None else _weight(self.weight, code)
        return Node(code=code, name=self.name.strip() or code, name_zh=self.name_zh.strip(), parent=self.parent,
                    weight=weight, direction=_direction(self.direction, code), type="Indicator",
                    unit=self.unit.strip())

    def apply(self, project: Project) -> Restructure:
        node = self.build(project)
        nodes = _place([_copy(n) for n in project.framework.nodes], [node], self.parent, self.position)
        fw = _framework(project, nodes)
        return Restructure(fw, _dataset_for(fw, project.dataset)).apply(project)


@dataclass
class AddAggregate:
    """Add a dimension (or sub-dimension) under the aggregate ``parent``.

    An aggregate needs at least one child, so the new one either takes the
    existing nodes ``children`` (moved under it, in their order) or, without
    them, starts with one new indicator with missing values.
    """
    parent: str
    code: str | None = None
    name: str = ""
    name_zh: str = ""
    weight: float | None = None
    position: int | None = None
    children: tuple = ()
    indicator_code: str | None = None
    indicator_name: str = ""

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        _aggregate(fw, self.parent, tr("the parent"))
        code = check_code(project, self.code) if self.code else free_code(project, "DIM")
        weight = _sibling_weight(fw, self.parent) if self.weight is None else _weight(self.weight, code)
        agg = Node(code=code, name=self.name.strip() or code, name_zh=self.name_zh.strip(), parent=self.parent,
                   weight=weight, type="Aggregate")
        nodes = _place([_copy(n) for n in fw.nodes], [agg], self.parent, self.position)
        if self.children:
            kids = list(dict.fromkeys(self.children))
            for c in kids:
                existing_node(fw, c)
                if c == self.parent or c in fw.ancestors(self.parent):
                    raise FrameworkError(tr("cannot put '{c}' into the new dimension '{code}': the new dimension "
                                            "would be inside '{c}' itself", c=c, code=code), code=c)
            _check_leaves(fw, kids)
            moving = set(kids)
            nodes = [_copy(n, parent=code) if n.code in moving else n for n in nodes]
        else:
            # a placeholder child; its code must not collide with the new aggregate's
            icode = (check_code(project, self.indicator_code, also_taken=[code]) if self.indicator_code
                     else free_code(project, code, also_taken=[code]))
            leaf = Node(code=icode, name=self.indicator_name.strip() or icode, parent=code, weight=1.0)
            at = next(k for k, n in enumerate(nodes) if n.code == code) + 1
            nodes = nodes[:at] + [leaf] + nodes[at:]
        new = _framework(project, nodes)
        return Restructure(new, _dataset_for(new, project.dataset)).apply(project)


def _check_leaves(fw: Framework, moving) -> None:
    """Refuse taking every child away from an aggregate."""
    moving = set(moving)
    for c in moving:
        parent = fw[c].parent
        if parent is not None and parent not in moving and all(k in moving for k in fw.children(parent)):
            raise FrameworkError(tr("cannot move '{c}' out of '{parent}': it is the last node in '{parent}', and a "
                                    "dimension needs at least one node; add another node to it first, or delete "
                                    "'{parent}' instead", c=c, parent=parent), code=c)


# ---- renaming and editing ----------------------------------------------------------------------
@dataclass
class RenameNode:
    """Change a node's code.  Its children, its data column and the settings'
    per-indicator overrides follow the new code."""
    code: str
    new_code: str

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        existing_node(fw, self.code)
        new = check_code(project, self.new_code, current=self.code)
        if new == self.code:
            raise FrameworkError(tr("'{code}' already has that code", code=self.code), code=self.code)
        nodes = []
        for n in fw.nodes:
            changes = {}
            if n.code == self.code:
                changes["code"] = new
            if n.parent == self.code:
                changes["parent"] = new
            nodes.append(_copy(n, **changes))
        new_fw = _framework(project, nodes)
        settings = None
        st = project.settings
        if self.code in st.normalisation_by or self.code in st.base_year_by:
            settings = st.copy()
            settings.normalisation_by = {(new if c == self.code else c): m for c, m in st.normalisation_by.items()}
            settings.base_year_by = {(new if c == self.code else c): y for c, y in st.base_year_by.items()}
        dataset = _dataset_for(new_fw, project.dataset, {new: self.code}) if fw[self.code].is_indicator else None
        return Restructure(new_fw, dataset, settings).apply(project)


@dataclass
class EditNode:
    """Set a node's text fields (name, name_zh, unit, source, description),
    weight or direction; ``changes`` maps field names to values."""
    code: str
    changes: dict

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = existing_node(fw, self.code)
        clean = {}
        for key, value in self.changes.items():
            if key in TEXT_FIELDS:
                text = "" if value is None else str(value).strip()
                if key == "name" and not text:
                    raise InputError(tr("the English name of '{code}' cannot be empty", code=self.code),
                                        code=self.code)
                clean[key] = text
            elif key == "weight":
                clean[key] = _weight(value, self.code)
            elif key == "direction":
                clean[key] = _direction(value, self.code)
            else:
                raise FrameworkError(tr("'{key}' is not a field of a framework node; fields: {fields}", key=key,
                                        fields=', '.join(TEXT_FIELDS + ('weight', 'direction'))), code=self.code)
        if all(getattr(node, k) == v for k, v in clean.items()):
            raise FrameworkError(tr("'{code}' is unchanged", code=self.code), code=self.code)
        return Restructure(fw.with_node(_copy(node, **clean))).apply(project)


def SetWeight(code: str, weight) -> EditNode:
    """The weight of a node relative to its siblings, as entered."""
    return EditNode(code, {"weight": weight})


def SetDirection(code: str, direction) -> EditNode:
    """1: higher is better; -1: lower is better."""
    return EditNode(code, {"direction": direction})


@dataclass
class ToggleDirection:
    """Reverse an indicator's direction."""
    code: str

    def apply(self, project: Project) -> Restructure:
        node = existing_node(project.framework, self.code)
        return SetDirection(self.code, -node.direction).apply(project)


# ---- deleting and moving -------------------------------------------------------------------------
@dataclass
class DeleteNode:
    """Delete an indicator with its data column, or an aggregate with its
    whole subtree and their columns.  The inverse restores them exactly."""
    code: str

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = existing_node(fw, self.code)
        gone = {self.code, *descendants(fw, self.code)}
        if node.parent is None:
            if len([n for n in fw.nodes if n.parent is None]) == 1:
                raise FrameworkError(tr("cannot delete '{code}': it is the index itself", code=self.code),
                                        code=self.code)
        elif fw.children(node.parent) == [self.code]:
            raise FrameworkError(tr("cannot delete '{code}': it is the last node in '{parent}', and a dimension "
                                    "needs at least one node; add another node to it first, or delete '{parent}' "
                                    "instead", code=self.code, parent=node.parent), code=self.code)
        nodes = [_copy(n) for n in fw.nodes if n.code not in gone]
        if not any(n.is_indicator for n in nodes):
            raise FrameworkError(tr("cannot delete '{code}': the framework would have no indicator left",
                                    code=self.code),
                                 code=self.code)
        new = _framework(project, nodes)
        settings = _settings_without(project.settings, gone)
        return Restructure(new, _dataset_for(new, project.dataset), settings).apply(project)


@dataclass
class MoveNode:
    """Move a node (with its subtree) under another aggregate, as its child
    number ``position`` (last when None).  ``position`` counts the new
    parent's children without the moved node, so moving within one parent
    reorders."""
    code: str
    parent: str
    position: int | None = None

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = existing_node(fw, self.code)
        _aggregate(fw, self.parent, tr("the new parent"))
        if self.parent == self.code or self.code in fw.ancestors(self.parent):
            raise FrameworkError(tr("cannot move '{code}' into '{parent}': a node cannot go inside itself",
                                    code=self.code, parent=self.parent),
                                 code=self.code)
        if node.parent != self.parent:
            _check_leaves(fw, [self.code])
        subtree = {self.code, *descendants(fw, self.code)}
        block = [_copy(n, parent=self.parent) if n.code == self.code else _copy(n)
                 for n in fw.nodes if n.code in subtree]
        rest = [_copy(n) for n in fw.nodes if n.code not in subtree]
        nodes = _place(rest, block, self.parent, self.position)
        if [n.code for n in nodes] == [n.code for n in fw.nodes] and node.parent == self.parent:
            raise FrameworkError(tr("'{code}' is already there", code=self.code), code=self.code)
        new = _framework(project, nodes)
        dataset = None if new.indicator_codes == fw.indicator_codes else _dataset_for(new, project.dataset)
        return Restructure(new, dataset).apply(project)
