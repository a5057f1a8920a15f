"""Issue 12's property: random iData / iMeta tables with random sloppiness
(rows ending with a comma, blank cells, missing words, GB18030 or
Windows-1252 text, huge and tiny numbers, zero and huge weights) either
compute with every result finite, or exit 1 (2 for a setting the data
cannot take) with a message naming a place; never a traceback.

Run through the command line's entry point (core.cli.main, in-process so
that enough examples fit in a few seconds): an exception escaping it is
what a user would see as a traceback.
"""
from __future__ import annotations

import contextlib
import io
import json
import math
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.cli import main

NUMBERS = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 1.7e308, 1e-300, -1e-300, 5e-324, 0.0, 1e300]),
    st.integers(-10**6, 10**6),
)
CELLS = st.one_of(NUMBERS.map(repr), st.sampled_from(["", "", "NA", "..", " ", "-"]))
NAMES = st.sampled_from(["Zürich", "成都", "Köln", "São Paulo", "Unit", "重庆市"])
WEIGHTS = st.sampled_from(["1", "1", "0", "0.5", "1e308", "", "3"])
SETTINGS = st.lists(st.sampled_from([
    "normalisation=minmax", "normalisation=zscore", "normalisation=none", "normalisation=rank",
    "normalisation=fixed_base", "aggregation=geometric", "aggregation=harmonic", "aggregation=generalised",
    "power=1e-300", "power=1000", "power=-3", "zscore_mean=1e308", "zscore_sd=1e300", "minmax_range=0,1e308",
    "pooled=true"]), max_size=3)


@st.composite
def tables(draw):
    n_ind = draw(st.integers(1, 4))
    units = draw(st.integers(1, 5))
    periods = draw(st.lists(st.integers(2000, 2003), min_size=1, max_size=3, unique=True))
    codes = [f"I{k}" for k in range(1, n_ind + 1)]
    trailing = draw(st.booleans())
    rows = ["uCode,uName,Time," + ",".join(codes)]
    for u in range(units):
        name = draw(NAMES)
        for t in periods:
            cells = [draw(CELLS) for _ in codes]
            rows.append(f"U{u},{name},{t}," + ",".join(cells) + ("," if trailing else ""))
    dims = draw(st.booleans()) and n_ind > 1
    meta = ["iCode,iName,Parent,Type,Weight", "IDX,Index,,Aggregate,1"]
    if dims:
        meta += ["D1,d1,IDX,Aggregate," + draw(WEIGHTS), "D2,d2,IDX,Aggregate," + draw(WEIGHTS)]
    for k, code in enumerate(codes):
        parent = ("D1" if k % 2 == 0 else "D2") if dims else "IDX"
        meta.append(f"{code},{code},{parent},Indicator,{draw(WEIGHTS)}")
    if dims and n_ind < 2:
        meta = meta[:3] + meta[4:]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "cp1252"]))
    return "\n".join(rows) + "\n", "\n".join(meta) + "\n", encoding, draw(SETTINGS)


def _encode(text, encoding) -> bytes:
    return text.encode(encoding, errors="replace")


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_random_sloppy_tables_compute_finite_or_name_a_place(table):
    data_text, meta_text, encoding, sets = table
    with tempfile.TemporaryDirectory() as folder:
        data, meta = Path(folder) / "data.csv", Path(folder) / "meta.csv"
        data.write_bytes(_encode(data_text, encoding))
        meta.write_bytes(_encode(meta_text, "utf-8"))
        argv = ["compute", str(data), "--meta", str(meta), "--json"]
        for s in sets:
            argv += ["--set", s]
        code, out, err = _run(argv)         # an exception here fails the test: a traceback
    assert "Traceback" not in err and "RuntimeWarning" not in err
    if code == 0:
        doc = json.loads(out)
        assert all(r["value"] is None or math.isfinite(r["value"]) for r in doc["scores"])
        assert all(r["value"] is None or math.isfinite(r["value"]) for r in doc["data"])
        # a null result where every raw value is present is never silent
        gaps = {(r["unit"], r["period"]) for r in doc["data"] if r["value"] is None}
        nulls = [r for r in doc["scores"] if r["value"] is None and (r["unit"], r["period"]) not in gaps]
        assert not nulls or doc["warnings"], nulls[:3]
        return
    assert code in (1, 2), err
    assert err.startswith("error: ")
    places = ("data.csv", "meta.csv", "indicator '", "unit '", "'IDX'", "'D1'", "'D2'", "setting", "--set",
              "normalisation", "mean")     # (exit 2: the method the data cannot take, named)
    assert any(p in err for p in places), err
