"""What a change of the framework or the method did, for the project's
provenance: every structure edit (adding, renaming, deleting or moving a
node, a weight, a direction, a name ...) and every change of the method's
settings is written to ``provenance["changes"]`` with its time, beside the
value edits in ``provenance["edits"]``, so that a published number can be
traced to the weights and method that made it.

The entries are found by comparing the framework (and settings) before and
after, so every command, undo and redo included, is logged the same way.
"""
from __future__ import annotations

import datetime as _dt
import math

from core.model.framework import Framework
from core.model.settings import Settings

# the node fields compared, and the name each change is logged under
_FIELDS = (("name", "name"), ("name_zh", "name_zh"), ("parent", "moved"), ("weight", "weight"),
           ("direction", "direction"), ("type", "type"), ("unit", "unit"), ("source", "source"),
           ("description", "description"))


def _plain(v):
    """A value as JSON holds it (no NaN; tuples as lists)."""
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def framework_changes(old: Framework, new: Framework) -> list[dict]:
    """The differences between two frameworks, node by node: one node gone
    and one come is a rename; otherwise nodes removed, added, and for the
    nodes in both every field that changed (``moved`` for a new parent)."""
    before = {n.code: n for n in old.nodes}
    after = {n.code: n for n in new.nodes}
    gone = [c for c in before if c not in after]
    came = [c for c in after if c not in before]
    out = []
    renamed = {}
    if len(gone) == 1 and len(came) == 1:
        out.append({"change": "renamed", "code": came[0], "old": gone[0], "new": came[0]})
        renamed[came[0]] = gone[0]
        gone, came = [], []
    for code in gone:
        out.append({"change": "removed", "code": code, "parent": before[code].parent,
                    "weight": _plain(before[code].weight)})
    for code in came:
        out.append({"change": "added", "code": code, "parent": after[code].parent,
                    "weight": _plain(after[code].weight)})
    for code, node in after.items():
        was = before.get(renamed.get(code, code))
        if was is None:
            continue
        for attr, what in _FIELDS:
            a, b = getattr(was, attr), getattr(node, attr)
            if attr == "parent" and renamed.get(b) == a:
                continue                       # (its parent was renamed, not changed)
            if a != b and not (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)):
                out.append({"change": what, "code": code, "old": _plain(a), "new": _plain(b)})
    return out


def settings_changes(old: Settings, new: Settings) -> list[dict]:
    """Every setting that differs, with its old and new value."""
    a, b = old.to_dict(), new.to_dict()
    return [{"change": "setting", "key": k, "old": _plain(a.get(k)), "new": _plain(b.get(k))}
            for k in b if a.get(k) != b.get(k)]


def log_changes(provenance: dict, entries: list[dict]) -> None:
    """Append ``entries``, stamped with the time, to ``provenance["changes"]``."""
    if not entries:
        return
    stamp = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    log = provenance.setdefault("changes", [])
    for e in entries:
        log.append({**e, "time": stamp})
