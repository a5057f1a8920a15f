"""The indicator framework: a tree of any depth (index, dimensions, optional
sub-dimensions, indicators) in the layout of COINr's ``iMeta`` table.

Columns read: ``Level, iCode, iName, Direction, Weight, Parent, Type`` and the
optional ``Unit, Target, Denominator``, extended with ``iName_zh``, ``Source``
and ``Description``.  Any further column (``goalpost_lower``,
``minmax_lower``, ``Normalisation``, ``BaseYear`` ...) is kept per node in
:attr:`Node.params` and used by the methods that know it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from core.errors import FrameworkError
from core.text import tr

NODE_TYPES = ("Indicator", "Aggregate")
# the deepest framework read (index, dimensions, sub-dimensions ... indicators): deeper trees are refused
MAX_LEVELS = 100
AUX_TYPES = ("Group", "Denominator")

# iMeta columns with a fixed meaning; everything else goes to Node.params.
CORE_COLUMNS = ("Level", "iCode", "iName", "iName_zh", "Direction", "Weight",
                "Parent", "Type", "Unit", "Source", "Description")


@dataclass
class Node:
    """One row of the framework: an indicator or an aggregate."""
    code: str
    name: str = ""
    name_zh: str = ""
    parent: str | None = None
    weight: float = 1.0
    direction: int = 1
    type: str = "Indicator"
    unit: str = ""
    source: str = ""
    description: str = ""
    params: dict = field(default_factory=dict)

    @property
    def is_indicator(self) -> bool:
        return self.type == "Indicator"


@dataclass
class AuxColumn:
    """A Group or Denominator column declared in iMeta."""
    code: str
    name: str = ""
    type: str = "Group"
    unit: str = ""

# the columns of an iMeta table (COINr's, with CoIndex's extra columns)
META_COLUMNS = ["Level", "iCode", "iName", "iName_zh", "Direction", "Weight", "Parent", "Type",
                "Unit", "Target", "Denominator", "Source", "Description"]


def _blank(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and v.strip() == "")


def _text(v) -> str:
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


class Framework:
    """An immutable-by-convention indicator tree.

    Nodes keep the order they were given in.  Derived structure (children,
    levels, evaluation order) is computed once in the constructor, which also
    validates the tree and raises :class:`FrameworkError` naming the node.
    """

    def __init__(self, nodes, aux=(), where: str = "framework", rows=None):
        self.nodes: list[Node] = list(nodes)
        self.aux: list[AuxColumn] = list(aux)
        self._where = where
        self._rows = rows or {}
        self._build()

    # ---- construction -------------------------------------------------
    def _place(self, code):
        row = self._rows.get(code)
        return tr("{where}, row {row}", where=self._where, row=row) if row is not None else self._where

    def _build(self):
        """Check the nodes and derive the tree: children, levels and the evaluation order."""
        by_code = self._checked_nodes()
        children = self._children_of(by_code)
        level = self._levels(children, by_code)
        self._check_has_children(children)
        self._by_code = by_code
        self._children = children
        self.level = level
        self.indicator_codes = [n.code for n in self.nodes if n.is_indicator]
        aggs = [n.code for n in self.nodes if not n.is_indicator]
        # stable sort keeps the given order within a level
        self.aggregate_codes = sorted(aggs, key=lambda c: level[c])
        self.roots = [n.code for n in self.nodes if n.parent is None and not n.is_indicator]
        # evaluation order: indicators first, then aggregates bottom-up
        self.node_order = self.indicator_codes + self.aggregate_codes
        self.index_of = {c: i for i, c in enumerate(self.node_order)}

    def _checked_nodes(self) -> dict:
        """Code -> node, once each node's code, type, direction and weight
        are checked and no aux column shares a node's code."""
        by_code: dict[str, Node] = {}
        for n in self.nodes:
            if _blank(n.code):
                raise FrameworkError(tr("{where}: a row has an empty iCode", where=self._where), code=None)
            if n.code in by_code:
                raise FrameworkError(tr("{where}: the code '{code}' appears twice", where=self._place(n.code),
                                        code=n.code), code=n.code)
            if n.type not in NODE_TYPES:
                raise FrameworkError(tr("{where}: node '{code}' has Type '{type}'; valid types are {valid}",
                                        where=self._place(n.code), code=n.code, type=n.type,
                                        valid=", ".join(NODE_TYPES + AUX_TYPES)), code=n.code)
            if n.direction not in (1, -1):
                raise FrameworkError(tr("{where}: node '{code}' has Direction {direction}; it must be 1 or -1",
                                        where=self._place(n.code), code=n.code, direction=n.direction), code=n.code)
            if not (isinstance(n.weight, (int, float)) and math.isfinite(n.weight) and n.weight >= 0):
                raise FrameworkError(tr("{where}: node '{code}' has Weight {weight}; it must be a number >= 0",
                                        where=self._place(n.code), code=n.code, weight=repr(n.weight)), code=n.code)
            by_code[n.code] = n
        for a in self.aux:
            if a.code in by_code:
                raise FrameworkError(tr("{where}: the code '{code}' is both a {type} column and a node",
                                        where=self._where, code=a.code, type=a.type), code=a.code)
        return by_code

    def _children_of(self, by_code) -> dict:
        """Code -> its children's codes, once every parent is checked to be
        an aggregate of the framework."""
        children: dict[str, list[str]] = {c: [] for c in by_code}
        for n in self.nodes:
            if n.parent is None:
                continue
            if n.parent not in by_code:
                raise FrameworkError(tr("{where}: node '{code}' names the parent '{parent}', which is not in the "
                                        "framework", where=self._place(n.code), code=n.code, parent=n.parent),
                                     code=n.code)
            if by_code[n.parent].is_indicator:
                raise FrameworkError(tr("{where}: node '{code}' has the parent '{parent}', which is an Indicator; "
                                        "only Aggregate nodes can have children", where=self._place(n.code),
                                        code=n.code, parent=n.parent), code=n.code)
            children[n.parent].append(n.code)
        return children

    def _check_has_children(self, children) -> None:
        """FrameworkError for an aggregate without children."""
        for n in self.nodes:
            if not n.is_indicator and not children[n.code]:
                raise FrameworkError(tr("{where}: the aggregate '{code}' has no children", where=self._place(n.code),
                                        code=n.code), code=n.code)

    def _levels(self, children, by_code) -> dict:
        """Code -> level: indicators are 1, an aggregate one above its
        highest child.  Walked without recursion, so a cycle is named whole
        and a tree deeper than MAX_LEVELS is refused, not a RecursionError."""
        level: dict[str, int] = {}
        for start in by_code:
            if start in level:
                continue
            path, on_path = [(start, iter(children[start]))], {start}
            while path:
                code, kids = path[-1]
                kid = next(kids, None)
                if kid is None:
                    path.pop()
                    on_path.discard(code)
                    level[code] = 1 + max((level[k] for k in children[code]), default=0)
                    if level[code] > MAX_LEVELS:
                        raise FrameworkError(tr("{where}: the framework has more than {limit} levels below "
                                                "'{code}'; at most {limit} levels are supported", where=self._where,
                                                limit=MAX_LEVELS, code=code), code=code)
                elif kid in on_path:
                    cycle = [c for c, _ in path][[c for c, _ in path].index(kid):] + [kid]
                    raise FrameworkError(tr("{where}: the framework has a cycle: {cycle} (each is the parent of "
                                            "the next)", where=self._place(kid),
                                            cycle=" -> ".join(f"'{c}'" for c in cycle)), code=kid)
                elif kid not in level:
                    path.append((kid, iter(children[kid])))
                    on_path.add(kid)
        return level

    def check_one_root(self) -> None:
        """FrameworkError naming the row of a node with an empty Parent
        beside the index: an indicator so placed would be left out of the
        index, a second root would be an index of its own.  The root is the
        parentless aggregate over the most indicators."""
        loose = [n for n in self.nodes if n.parent is None]
        if len(loose) < 2 or not self.roots:
            return
        size = {c: 0 for c in self._by_code}
        for code in self.node_order:                    # children before parents
            if self._by_code[code].is_indicator:
                size[code] = 1
            p = self._by_code[code].parent
            if p is not None:
                size[p] += size[code]
        root = max(self.roots, key=lambda c: size[c])
        n = next(n for n in loose if n.code != root)
        raise FrameworkError(tr("{where}, column Parent: '{code}' has no parent, so it would be left out of the "
                                "index '{root}' (only the index has no parent); name its parent",
                                where=self._place(n.code), code=n.code, root=root), code=n.code)

    # ---- queries ------------------------------------------------------
    def __contains__(self, code):
        return code in self._by_code

    def __getitem__(self, code) -> Node:
        try:
            return self._by_code[code]
        except KeyError:
            raise FrameworkError(tr("{where}: no node with code '{code}'", where=self._where, code=code),
                                 code=code) from None

    def children(self, code) -> list[str]:
        return list(self._children[code])

    def ancestors(self, code) -> list[str]:
        out = []
        p = self._by_code[code].parent
        while p is not None:
            out.append(p)
            p = self._by_code[p].parent
        return out

    @property
    def root(self) -> str | None:
        return self.roots[0] if self.roots else None

    def effective_weights(self, equal: bool = False) -> dict[str, float]:
        """Share of the root carried by every node (product of normalised
        sibling weights along the path)."""
        out = {}
        for code in reversed(self.aggregate_codes):
            if self[code].parent is None:
                out[code] = 1.0
        for code in reversed(self.aggregate_codes):
            kids = self._children[code]
            ws = [1.0 if equal else self[k].weight for k in kids]
            tot = sum(ws)
            for k, w in zip(kids, ws):
                out[k] = out.get(code, 1.0) * (w / tot if tot > 0 else 0.0)
        return out

    def with_node(self, node: Node) -> "Framework":
        """A new framework with one node replaced (same code)."""
        nodes = [node if n.code == node.code else n for n in self.nodes]
        return Framework(nodes, self.aux, self._where)

    def with_nodes_added(self, nodes) -> "Framework":
        """A new framework with ``nodes`` appended (checked like any other)."""
        return Framework(list(self.nodes) + list(nodes), self.aux, self._where)

    def copy(self) -> "Framework":
        return Framework([replace(n, params=dict(n.params)) for n in self.nodes],
                         [replace(a) for a in self.aux], self._where)

    # ---- iMeta conversion ----------------------------------------------
    def to_records(self) -> list[dict]:
        """Rows in iMeta layout (nodes, then Group / Denominator columns)."""
        rows = []
        for n in self.nodes:
            row = {"Level": self.level[n.code], "iCode": n.code, "iName": n.name, "iName_zh": n.name_zh,
                   "Direction": n.direction, "Weight": n.weight, "Parent": n.parent, "Type": n.type,
                   "Unit": n.unit, "Source": n.source, "Description": n.description}
            row.update(n.params)
            rows.append(row)
        for a in self.aux:
            rows.append({"Level": None, "iCode": a.code, "iName": a.name, "Type": a.type, "Unit": a.unit})
        return rows

    @classmethod
    def from_records(cls, records, where: str = "Meta", first_row: int = 2, rownos=None) -> "Framework":
        """Build from iMeta rows (dicts).  ``first_row`` is the spreadsheet row
        number of the first record (or ``rownos`` lists every record's row),
        for messages."""
        nodes, aux, rows = [], [], {}
        for i, rec in enumerate(records):
            rowno = rownos[i] if rownos is not None else first_row + i
            code = _text(rec.get("iCode"))
            if not code:
                raise FrameworkError(tr("{where}, row {row}: column iCode is empty", where=where, row=rowno))
            typ = _text(rec.get("Type")) or "Indicator"
            if typ in AUX_TYPES:
                aux.append(AuxColumn(code, _text(rec.get("iName")), typ, _text(rec.get("Unit"))))
                continue
            if typ not in NODE_TYPES:
                raise FrameworkError(tr("{where}, row {row}, column Type: '{type}' is not a valid type (valid: "
                                        "{valid})", where=where, row=rowno, type=typ,
                                        valid=", ".join(NODE_TYPES + AUX_TYPES)), code=code)
            direction = _number(rec.get("Direction"), 1, where, rowno, "Direction", code)
            weight = _number(rec.get("Weight"), 1.0, where, rowno, "Weight", code)
            if direction not in (1, -1):
                raise FrameworkError(tr("{where}, row {row}, column Direction: {direction:g} for '{code}' must be "
                                        "1 or -1", where=where, row=rowno, direction=direction, code=code), code=code)
            params = {}
            for k, v in rec.items():
                if k in CORE_COLUMNS or k is None or _blank(v):
                    continue
                params[str(k)] = v.item() if hasattr(v, "item") else v
            parent = _text(rec.get("Parent")) or None
            nodes.append(Node(code=code, name=_text(rec.get("iName")) or code, name_zh=_text(rec.get("iName_zh")),
                              parent=parent, weight=float(weight), direction=int(direction), type=typ,
                              unit=_text(rec.get("Unit")), source=_text(rec.get("Source")),
                              description=_text(rec.get("Description")), params=params))
            rows[code] = rowno
        if not nodes:
            raise FrameworkError(tr("{where}: no Indicator or Aggregate rows", where=where))
        return cls(nodes, aux, where, rows)


def _number(v, default, where, row, col, code):
    if _blank(v):
        return default
    try:
        x = float(v)
    except OverflowError:
        x = math.inf                    # an integer too large for a float: not finite, refused below
    except (TypeError, ValueError):
        raise FrameworkError(tr("{where}, row {row}, column {column}: '{value}' for '{code}' is not a number",
                                where=where, row=row, column=col, value=v, code=code), code=code) from None
    if not math.isfinite(x):
        raise FrameworkError(tr("{where}, row {row}, column {column}: '{value}' for '{code}' is not a finite "
                                "number", where=where, row=row, column=col, value=v, code=code), code=code)
    return x
