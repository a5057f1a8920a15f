"""The shape of a ``.coindex`` document, checked before anything is built from it.

The schema is data, ``project-v<N>.schema.json`` beside this module (JSON
Schema 2020-12, checked by the ``jsonschema`` library).  :func:`check`
refuses a document that does not fit with a :class:`ProjectFileError`
naming the file and the field (``app_state.selection: expected an object,
found a list``), so that a crafted or damaged file never reaches the
window half-read.

Two rules JSON Schema cannot say well are CoIndex keywords of the schema:

``grid``
    ``{"depth": d, "cells": "number" | "label"}``: lists nested ``d`` deep
    whose cells are numbers (fitting a float) or null, or text or null.
    Checked with numpy first, so a project of millions of values is fast;
    the first bad cell is then named (``values[3][1][7]``).
``distinct``
    ``{"what": "unit" | "period", "key": ...}``: no unit code or period
    twice, the rule an iData CSV follows (core.model.dataset).

Nesting deeper than :data:`MAX_DEPTH` levels is refused first, without
recursion, so that no check runs out of stack.
"""
from __future__ import annotations

import json
import math
import re
import sys
from functools import lru_cache
from itertools import chain
from pathlib import Path

from core.errors import ProjectFileError
from core.text import tr

HERE = Path(__file__).resolve().parent
SCHEMA_FILES = {1: "project-v1.schema.json"}
MAX_DEPTH = 64                   # levels of nesting a project file may have (it needs about six)
FLOAT_MAX = sys.float_info.max
GRID_KEYS = ("values", "groups", "denominators")      # deep by design: the grid keyword checks them
_CELL_TYPES = {"number": (int, float, type(None)), "label": (str, type(None))}
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def schema(version: int) -> dict:
    """The schema of format ``version`` (a dict, as stored)."""
    return json.loads((HERE / SCHEMA_FILES[version]).read_text(encoding="utf-8"))


def check(doc: dict, version: int, where: str) -> None:
    """Refuse ``doc`` (a document of format ``version`` read from ``where``)
    unless it fits the schema; the message names the file and the field.
    A version without a schema file (none so far) is left to its loader."""
    if version not in SCHEMA_FILES:
        return
    _check_depth(doc, where)
    from jsonschema.exceptions import best_match
    error = best_match(_validator(version).iter_errors(doc))
    if error is None:
        return
    place = path_text(error.absolute_path)
    problem = _problem(error)
    if place:
        raise ProjectFileError(tr("{file}: {place}: {problem}", file=where, place=place, problem=problem))
    raise ProjectFileError(tr("{file}: {problem}", file=where, problem=problem))


@lru_cache(maxsize=None)
def _validator(version: int):
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend
    cls = extend(Draft202012Validator, {"grid": _grid, "distinct": _distinct})
    return cls(schema(version))


# ---- messages -------------------------------------------------------------------------------------
def path_text(path) -> str:
    """``app_state.selection``, ``values[3][1][7]``, ``info["a key"]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _NAME.match(part) and len(part) <= 60:
            out += ("." if out else "") + part
        else:
            out += "[" + json.dumps(_short(part), ensure_ascii=False) + "]"
    return out


def _short(text, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def kind_of(value) -> str:
    """What a JSON value is, in words."""
    if value is None:
        return tr("null")
    if isinstance(value, bool):
        return tr("true or false")
    if isinstance(value, int):
        return tr("an integer")
    if isinstance(value, float):
        return tr("a number")
    if isinstance(value, str):
        return tr("text")
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, dict):
        return tr("an object")
    return type(value).__name__


def _type_words(types) -> str:
    words = {"object": tr("an object"), "array": tr("a list"), "string": tr("text"), "number": tr("a number"),
             "integer": tr("an integer"), "boolean": tr("true or false"), "null": tr("null")}
    names = [words.get(t, t) for t in ([types] if isinstance(types, str) else types)]
    if len(names) == 1:
        return names[0]
    return tr("{first} or {last}", first=", ".join(names[:-1]), last=names[-1])


def _too_large(value) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return tr("an integer of {digits} digits is too large (numbers go up to about 1.8e308)",
                  digits=len(str(abs(value))))
    return tr("the number is too large (numbers go up to about 1.8e308)")


def _problem(error) -> str:
    """The message of one schema error, in words (the keywords CoIndex
    uses; any other keeps the library's English)."""
    kind, value, expected = error.validator, error.instance, error.validator_value
    if kind == "type":
        return tr("expected {expected}, found {found}", expected=_type_words(expected), found=kind_of(value))
    if kind == "required":
        missing = next((k for k in expected if k not in value), expected[0])
        return tr("the entry '{key}' is missing", key=missing)
    if kind in ("maximum", "minimum"):
        return _too_large(value)
    if kind in ("minItems", "maxItems"):
        return tr("expected {n} items, found {found}", n=expected, found=len(value))
    if kind == "const":
        return tr("expected {expected}", expected=json.dumps(expected, ensure_ascii=False))
    return error.message          # grid, distinct: written here; others: the library's words


# ---- depth --------------------------------------------------------------------------------------
def _check_depth(doc, where: str) -> None:
    """ProjectFileError at the first value nested deeper than MAX_DEPTH
    (walked with a stack, not recursion; the grids are the grid keyword's)."""
    stack = [(v, (k,), 1) for k, v in doc.items() if k not in GRID_KEYS and isinstance(v, (dict, list))] \
        if isinstance(doc, dict) else []
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            items = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            continue
        if depth >= MAX_DEPTH:
            shown = path_text(path[:6]) + ("…" if len(path) > 6 else "")
            raise ProjectFileError(tr("{file}: {place}: nested more than {limit} levels deep (a project file "
                                      "has at most {limit})", file=where, place=shown, limit=MAX_DEPTH))
        stack.extend((v, path + (k,), depth + 1) for k, v in items if isinstance(v, (dict, list)))


# ---- the CoIndex keywords ------------------------------------------------------------------------
def _grid(validator, spec, instance, schema_):
    from jsonschema.exceptions import ValidationError
    found = grid_problem(instance, spec["depth"], spec["cells"])
    if found is not None:
        path, message = found
        yield ValidationError(message, path=path)


def grid_problem(value, depth: int, cells: str):
    """None when ``value`` is lists nested ``depth`` deep with ``cells``
    ("number": numbers that fit a float, or null; "label": text or null),
    else (path, message) of the first problem.  Raggedness is not checked
    here: the loader compares the lengths with the units and periods."""
    if _grid_fits(value, depth, cells):
        return None
    return _first_bad(value, depth, cells, ())


def _grid_fits(value, depth, cells) -> bool:
    """The quick answer for the usual file, with C-speed loops only: every
    level above the cells holds lists, the cells have the right types, and
    no number is beyond a float (an infinity is what ``1e400`` reads as)."""
    level = [value]
    for _ in range(depth):
        if set(map(type, level)) - {list}:
            return False
        level = list(chain.from_iterable(level))
    if set(map(type, level)) - set(_CELL_TYPES[cells]):
        return False
    if cells != "number" or not level:
        return True
    if math.inf in level or -math.inf in level:
        return False
    ints = [x for x in level if type(x) is int] if int in set(map(type, level)) else []
    return not ints or -FLOAT_MAX <= min(ints) and max(ints) <= FLOAT_MAX


def _first_bad(value, depth, cells, path):
    if depth == 0:
        ok = type(value) in _CELL_TYPES[cells]
        if ok and cells == "number" and value is not None and not -FLOAT_MAX <= value <= FLOAT_MAX:
            return path, _too_large(value)
        if ok:
            return None
        expected = tr("a number or null") if cells == "number" else tr("text or null")
        return path, tr("expected {expected}, found {found}", expected=expected, found=kind_of(value))
    if not isinstance(value, list):
        return path, tr("expected {expected}, found {found}", expected=tr("a list"), found=kind_of(value))
    for k, item in enumerate(value):
        found = _first_bad(item, depth - 1, cells, path + (k,))
        if found is not None:
            return found
    return None


def _distinct(validator, spec, instance, schema_):
    """A unit code or period given twice (compared as text, as an iData
    CSV's are once read)."""
    from jsonschema.exceptions import ValidationError
    if not isinstance(instance, list):
        return
    key, seen = spec.get("key"), {}
    for k, item in enumerate(instance):
        label = item.get(key) if key is not None and isinstance(item, dict) else item
        if not isinstance(label, (str, int)) or isinstance(label, bool):
            continue
        text = str(label).strip()
        if text in seen:
            first = f"[{seen[text]}]"
            if spec["what"] == "unit":
                message = tr("unit '{unit}' appears twice (first at {first})", unit=_short(text), first=first)
            else:
                message = tr("period {period} appears twice (first at {first})", period=_short(text), first=first)
            yield ValidationError(message, path=[k] + ([key] if key else []))
            return
        seen[text] = k
