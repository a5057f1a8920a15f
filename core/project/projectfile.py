"""The ``.coindex`` project file: versioned JSON, saved atomically.

See docs/project-format.md.  A saver writes the current ``FORMAT_VERSION``;
loaders are keyed by version so that old files keep opening; a file from a
newer CoIndex gets a clear message.  Nothing is pickled or evaluated.
"""
from __future__ import annotations

import json
import os

import numpy as np

from core.atomic import atomic_write_text
from core.model.dataset import Dataset
from core.errors import CoIndexError, ProjectFileError
from core.model.framework import Framework
from core.project import schema
from core.project.project import Project
from core.model.settings import Settings
from core.text import tr

FORMAT_VERSION = 1
MAGIC = "CoIndex project"


def _nan_to_none(arr) -> list:
    a = np.asarray(arr, dtype=float)
    obj = a.astype(object)
    obj[np.isnan(a)] = None
    return obj.tolist()


def _none_to_nan(lst, shape, where) -> np.ndarray:
    """The float array of a grid the schema has checked (numbers or null),
    after its lengths are checked against ``shape``."""
    _check_lengths(lst, shape, where)
    try:
        a = np.array(lst, dtype=float)       # None -> nan
    except (TypeError, ValueError, OverflowError):
        raise ProjectFileError(tr("{where}: values must be numbers or null", where=where)) from None
    if a.shape != shape:
        raise ProjectFileError(tr("{where}: expected an array of shape {shape}, found {found}", where=where,
                                  shape=shape, found=a.shape))
    if np.isinf(a).any():
        raise ProjectFileError(tr("{where}: contains an infinite value", where=where))
    return a


def _axis_words() -> tuple:
    return tr("unit"), tr("period"), tr("indicator")


def _check_lengths(lst, shape, where) -> None:
    """ProjectFileError naming the first list of a ``[unit][period]...``
    grid whose length is not the number of units, periods or indicators."""
    level = [((), lst)]
    for depth, n in enumerate(shape):
        for path, item in level:
            if isinstance(item, list) and len(item) != n:
                raise ProjectFileError(tr("{where}{place}: expected {n} items (one per {axis}), found {found}",
                                          where=where, place=schema.path_text(path), n=n,
                                          axis=_axis_words()[depth], found=len(item)))
        if depth + 1 < len(shape):
            level = [(path + (k,), x) for path, item in level if isinstance(item, list) for k, x in enumerate(item)]


def to_document(project: Project) -> dict:
    ds = project.dataset
    groups = {k: [[None if v is None else str(v) for v in row] for row in arr.tolist()]
              for k, arr in ds.groups.items()}
    return {
        "format": MAGIC,
        "format_version": FORMAT_VERSION,
        "info": project.info,
        "framework": project.framework.to_records(),
        "units": [{"code": c, "name": n} for c, n in zip(ds.unit_codes, ds.unit_names)],
        "periods": ds.periods if ds.has_time else None,
        "indicators": ds.codes,
        "values": _nan_to_none(ds.values),
        "groups": groups,
        "denominators": {k: _nan_to_none(v) for k, v in ds.denominators.items()},
        "settings": project.settings.to_dict(),
        "provenance": project.provenance,
        "app_state": project.app_state,
    }


def dumps(project: Project) -> str:
    return json.dumps(to_document(project), ensure_ascii=False, allow_nan=False, indent=1)


def save(project: Project, path) -> None:
    """Write atomically: a temporary file in the same folder, flushed and
    synced, then renamed over the target.  A crash during the write leaves
    the previous file intact."""
    text = dumps(project)          # serialise fully before touching the disk
    atomic_write_text(path, text, ProjectFileError)


def load(path) -> Project:
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise ProjectFileError(tr("{name}: cannot read the file ({reason})", name=path, reason=e.strerror)) from None
    return loads(raw, path)


def loads(raw, where="project") -> Project:
    try:
        # a byte-order mark (Notepad writes one) is no damage: utf-8-sig drops it
        text = raw.decode("utf-8-sig") if isinstance(raw, (bytes, bytearray)) else raw.removeprefix("\ufeff")
        doc = json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError as e:
        raise ProjectFileError(tr("{where}: not a CoIndex project file (not UTF-8 text at byte {byte})", where=where,
                                  byte=e.start)) from None
    except json.JSONDecodeError as e:
        raise ProjectFileError(tr("{where}: not a valid CoIndex project file (damaged or truncated at line {line}, "
                                  "column {column}){details}", where=where, line=e.lineno, column=e.colno,
                                  details=_details(e.msg))) from None
    except (ValueError, RecursionError) as e:
        raise ProjectFileError(tr("{where}: not a valid CoIndex project file{details}", where=where,
                                  details=_details(e))) from None
    if not isinstance(doc, dict) or doc.get("format") != MAGIC:
        raise ProjectFileError(tr("{where}: not a CoIndex project file (no 'format': '{magic}' entry)", where=where,
                                  magic=MAGIC))
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProjectFileError(tr("{where}: 'format_version' is missing or not an integer", where=where))
    if version > FORMAT_VERSION:
        raise ProjectFileError(tr("{where}: this project was saved by a newer CoIndex (format version {version}); "
                                  "this version reads format versions up to {latest}. Please update CoIndex.",
                                  where=where, version=version, latest=FORMAT_VERSION))
    loader = LOADERS.get(version)
    if loader is None:
        raise ProjectFileError(tr("{where}: unknown format version {version}", where=where, version=version))
    schema.check(doc, version, where)       # the whole document, before anything is built from it
    try:
        return loader(doc, where)
    except ProjectFileError:
        raise
    except CoIndexError as e:
        message = str(e)
        raise ProjectFileError(message if message.startswith(str(where)) else
                               tr("{file}: {message}", file=where, message=message)) from None
    except KeyError as e:
        raise ProjectFileError(tr("{where}: the project file is damaged: the entry {key} is missing", where=where,
                                  key=e)) from None
    except (TypeError, ValueError, AttributeError, OverflowError, RecursionError) as e:
        raise ProjectFileError(tr("{where}: the project file is damaged: an entry holds the wrong kind of "
                                  "value{details}", where=where, details=_details(e))) from None


def _details(e) -> str:
    """The library's words about a failure as " (details: …)" (its class name left out)."""
    text = " ".join(str(e).split())
    return tr(" (details: {text})", text=text) if text else ""


def _reject_constant(name):
    raise ValueError(tr("{name} is not allowed in a project file", name=name))


def _load_v1(doc: dict, where: str) -> Project:
    for key in ("framework", "units", "indicators", "values", "settings"):
        if key not in doc:
            raise ProjectFileError(tr("{where}: the entry '{key}' is missing", where=where, key=key))
    fw = Framework.from_records(doc["framework"], where=tr("{where}: framework", where=where), first_row=1)
    fw.check_one_root()                  # as the iMeta and Meta paths: a second root, or an orphan, named
    units = doc["units"]
    codes = [u["code"] for u in units]
    names = [u.get("name", u["code"]) for u in units]
    periods = doc.get("periods")
    periods = [None] if periods is None else list(periods)
    indicators = list(doc["indicators"])
    if indicators != fw.indicator_codes:
        raise ProjectFileError(tr("{where}: 'indicators' does not list the framework's indicators in order",
                                  where=where))
    shape = (len(codes), len(periods), len(indicators))
    values = _none_to_nan(doc["values"], shape, tr("{where}: values", where=where))
    groups = {}
    for k, v in (doc.get("groups") or {}).items():
        _check_lengths(v, shape[:2], tr("{where}: groups.{code}", where=where, code=k))
        groups[k] = np.array(v, dtype=object).reshape(shape[:2])
    denoms = {k: _none_to_nan(v, shape[:2], tr("{where}: denominator {code}", where=where, code=k))
              for k, v in (doc.get("denominators") or {}).items()}
    ds = Dataset(codes, names, periods, indicators, values, groups, denoms)
    settings = Settings.from_dict(doc["settings"], where=tr("{where}: settings", where=where))
    return Project(fw, ds, settings, doc.get("provenance"), doc.get("app_state") or {}, doc.get("info") or {})


LOADERS = {1: _load_v1}
