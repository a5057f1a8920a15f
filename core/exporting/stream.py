"""Results written as they are formatted: the ``--json`` document and one
CSV file per table, never the whole output in memory.

:func:`write_json` writes the same text as ``json.dumps(results_document(
engine), ensure_ascii=False, allow_nan=False)``, byte for byte, a block of
records at a time (see :mod:`core.exporting.records`): the numbers of a
block are converted together, and each record is filled into a template
holding its constant parts.  :func:`write_csv` writes the same records as
long tables (``scores.csv``, ``ranks.csv`` ...) with the keys as the header
and the numbers as the JSON writes them (empty where missing).
"""
from __future__ import annotations

import csv
import io
import json
import os

import numpy as np

from core.atomic import atomic_output
from core.exporting.records import Const, Labels, Numbers, number_texts, periods_of, result_tables
from core.exporting.tables import weights_document
from core.treatment import prepare as treatment


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def json_chunks(engine, warnings: list | None = None):
    """The ``--json`` document as a sequence of strings (no final newline);
    ``warnings`` replaces the engine's warnings (the command line puts the
    loading warnings first)."""
    ds = engine.dataset
    tables = result_tables(engine, warnings)
    head = {"framework": tables[0], "units": list(ds.unit_codes), "periods": periods_of(ds)}
    yield "{"
    first = True
    for key, value in head.items():
        yield ("" if first else ", ") + _dumps(key) + ": "
        first = False
        yield from (_json_records(value) if key == "framework" else [_dumps(value)])
    for table in tables[1:]:
        if table.name == "growth":        # the weights used (two small entries) come before it
            for key, value in weights_document(engine).items():
                yield ", " + _dumps(key) + ": " + _dumps(value)
        if table.name == "coverage":      # the data treatment's record (one object) comes before it
            yield ", " + _dumps("treatment") + ": "
            yield _dumps(treatment.document(engine.prepared, ds, list(ds.codes)))
        yield ", " + _dumps(table.name) + ": "
        yield from _json_records(table)
    yield "}"


def write_json(engine, out, warnings: list | None = None) -> None:
    """Write the ``--json`` document and a newline to the text stream ``out``."""
    for chunk in json_chunks(engine, warnings):
        out.write(chunk)
    out.write("\n")


def _json_records(table):
    """A table as a JSON list, written a block at a time."""
    if table.records is not None:
        yield _dumps(table.records)
        return
    yield "["
    sep = ""
    encoded: dict = {}                      # id(labels) -> their JSON texts, encoded once per table
    for block in table.blocks():
        text = _json_block(table.keys, block, encoded)
        if text:
            yield sep + text
            sep = ", "
    yield "]"


def _json_block(keys, block, encoded) -> str:
    """The records of one block as JSON objects separated by ", ".  The
    text is assembled by one join over interleaved pieces: the constant
    parts of a record (keys, constant values) and the texts of its values,
    each column converted at once."""
    parts, columns, lead = [], [], ""
    for k, (key, col) in enumerate(zip(keys, block)):
        lead += ("{" if k == 0 else ", ") + _dumps(key) + ": "
        if isinstance(col, Const):
            lead += _dumps(col.value)
        else:
            parts.append(lead)
            columns.append(_texts(col, _dumps, "null", encoded))
            lead = ""
    parts.append(lead + "}, ")
    return _interleave(parts, columns)[:-2]


def _interleave(parts, columns) -> str:
    """``parts[0] + columns[0][i] + parts[1] + ... + columns[-1][i] +
    parts[-1]`` for every row i, joined: one join over interleaved
    pieces, the constant parts repeated by list slicing (no per-record
    Python code)."""
    if not columns or not columns[0]:
        return ""
    n = len(columns[0])
    width = len(parts) + len(columns)
    pieces = [""] * (n * width)
    for k, col in enumerate(columns):
        pieces[2 * k::width] = [parts[k]] * n
        pieces[2 * k + 1::width] = col
    pieces[width - 1::width] = [parts[-1]] * n
    return "".join(pieces)


def _texts(col, encode, missing, encoded=None) -> list[str]:
    """The text of every value of a column, each distinct label encoded once."""
    if isinstance(col, Numbers):
        return number_texts(col.values, col.ints, missing)
    if isinstance(col, Labels):
        cache = {} if encoded is None else encoded
        key = id(col.labels)
        if key not in cache:
            cache[key] = (col.labels, np.array([encode(v) for v in col.labels] or [""], dtype=object))
        return cache[key][1][col.index].tolist()
    return [encode(v) for v in col.values]


# ---- CSV ------------------------------------------------------------------------------------------
def _csv_field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return float.__repr__(value) if np.isfinite(value) else ""
    buf = io.StringIO()
    # "\r\n" as the terminator so that a field holding either is quoted
    csv.writer(buf, lineterminator="\r\n").writerow([value])
    return buf.getvalue()[:-2]


def _csv_block(block, encoded) -> str:
    """The rows of one block as CSV lines (constant columns written into
    the separators)."""
    parts, columns, lead = [], [], ""
    for k, col in enumerate(block):
        lead += "" if k == 0 else ","
        if isinstance(col, Const):
            lead += _csv_field(col.value)
        else:
            parts.append(lead)
            columns.append(_texts(col, _csv_field, "", encoded))
            lead = ""
    parts.append(lead + "\n")
    return _interleave(parts, columns)


def write_csv(engine, folder, warnings: list | None = None) -> list[str]:
    """One CSV file (UTF-8, comma-separated, a header of the record keys)
    per table of the ``--json`` document into ``folder`` (made if needed).
    Returns the paths written."""
    os.makedirs(folder, exist_ok=True)
    paths = []
    for table in result_tables(engine, warnings):
        path = os.path.join(folder, table.name + ".csv")
        with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(",".join(_csv_field(k) for k in table.keys) + "\n")
            encoded: dict = {}
            for block in table.blocks():
                f.write(_csv_block(block, encoded))
        paths.append(path)
    return paths


__all__ = ["json_chunks", "write_json", "write_csv"]
