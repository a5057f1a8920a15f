"""The results workbook: its formulas, recalculated by LibreOffice, give the
engine's numbers.

Every case is exported, then every cached formula value in a copy is replaced
by a bogus number, and LibreOffice (headless, with a private profile set to
recalculate on load) converts the copies.  So every number read back was
computed by LibreOffice from the formulas, not copied from the cache.  Every
formula cell (and every value cell of the score sheets) must then equal the
engine's value, looked up independently by the row's unit and period and the
column's code.  Tolerance: 1e-9, relative above magnitude 1 (share % divides
by a parent's change, which can be small).  The cached values of the
original file are held to the same standard, without LibreOffice.

LibreOffice: Debian package ``libreoffice-calc-nogui``; without ``soffice``
on the PATH the recalculation tests are skipped (the cached-value tests run).
"""
from __future__ import annotations

import math
import os
import re
import shutil
import statistics
import subprocess
import zipfile

import numpy as np
import pytest

from core.model.dataset import Dataset
from core.errors import InputError
from core.exporting.workbook import write_results_workbook
from core.model.framework import Framework
from core.project.project import Project
from core.model.settings import Settings
from core.importing.inputs import load_input

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (Debian: apt-get install "
                                                      "libreoffice-calc-nogui); the formula recalculation "
                                                      "check needs soffice on the PATH")
BOGUS = -987654.25
RISKY = {"unit": "=1+1", "unit_name": "=HYPERLINK(\"http://x\",\"y\")", "dim_name": "-minus first",
         "ind_name": "+plus first", "ind_zh": "@at first", "note": "=cmd|' /C calc'!A0"}


# ---- cases ---------------------------------------------------------------------------------------
def _asem(ref, panel=False, **settings):
    p = load_input(ref / ("asem_iData_p.csv" if panel else "asem_iData.csv"), ref / "asem_iMeta.csv")
    for k, v in settings.items():
        p.settings.apply(k, v)
    return p


def _mixed(aggregation="arithmetic", **over) -> Project:
    """Six units, three periods, every normalisation method with formulas,
    missing values, a zero range, a period with one value, an indicator
    directly under the index, weights of every kind including zero."""
    meta = [
        {"iCode": "IDX", "iName": "Index", "Type": "Aggregate"},
        {"iCode": "D1", "iName": "Dim one", "Parent": "IDX", "Type": "Aggregate", "Weight": 2},
        {"iCode": "D2", "iName": "Dim two", "Parent": "IDX", "Type": "Aggregate", "Weight": 1},
        {"iCode": "D3", "iName": "Dim three", "Parent": "IDX", "Type": "Aggregate", "Weight": 0.5},
        {"iCode": "K", "iName": "Direct", "Parent": "IDX", "Type": "Indicator", "Weight": 1},
        {"iCode": "A", "Parent": "D1", "Direction": -1, "Weight": 1},
        {"iCode": "B", "Parent": "D1", "Weight": 2},
        {"iCode": "C", "Parent": "D1", "Direction": -1, "Weight": 0.5, "goalpost_lower": 10, "goalpost_upper": 60,
         "goalpost_scale": 100},
        {"iCode": "J", "Parent": "D1", "Weight": 0, "minmax_lower": 10, "minmax_upper": 20},
        {"iCode": "D", "Parent": "D2", "Target": 80, "dist2targ_cap_max": "true"},
        {"iCode": "E", "Parent": "D2", "Direction": -1, "Target": 5},
        {"iCode": "F", "Parent": "D2"},
        {"iCode": "G", "Parent": "D2"},
        {"iCode": "H", "Parent": "D3", "Direction": -1, "BaseYear": 2021},
        {"iCode": "I", "Parent": "D3", "Direction": -1, "Weight": 3},
        {"iCode": "L", "Parent": "D3", "Weight": 1},
        {"iCode": "M", "Parent": "D3", "Direction": -1, "Weight": 1},
        {"iCode": "N", "Parent": "D3", "Direction": -1, "Weight": 1, "scaled_lower": -50, "scaled_upper": 150},
    ]
    for m in meta:
        m.setdefault("Type", "Indicator")
    fw = Framework.from_records(meta)
    rng = np.random.default_rng(7)
    U, T = 6, 3
    X = rng.uniform(1, 100, size=(U, T, len(fw.indicator_codes)))
    col = {c: k for k, c in enumerate(fw.indicator_codes)}
    X[1, 1, col["A"]] = np.nan
    X[:, 2, col["B"]] = np.nan
    X[3, 2, col["B"]] = 42.0                     # one value in 2022: z-score undefined
    X[:, 0, col["J"]] = 7.0                      # zero range in 2020
    X[2, :, col["H"]] = np.nan                   # a unit without H at all
    X[5, 2, :] = np.nan                          # a unit-period with nothing
    X[0, 0, col["C"]], X[1, 0, col["C"]] = 5.0, 75.0     # outside the goalposts
    X[:, :, col["F"]] = np.round(X[:, :, col["F"]] / 20)   # ties for rank
    ds = Dataset([f"U{k}" for k in range(1, U + 1)], [f"Unit {k}" for k in range(1, U + 1)], [2020, 2021, 2022],
                 fw.indicator_codes, X)
    st = Settings()
    st.aggregation = aggregation
    st.normalisation_by = {"A": "minmax", "B": "zscore", "C": "goalposts", "J": "minmax", "D": "dist2target",
                           "E": "dist2target", "F": "rank", "G": "prank", "H": "fixed_base", "I": "none",
                           "K": "minmax", "L": "fracmax", "M": "dist2max", "N": "scaled"}
    st.normalisation_by.update(over)
    return Project(fw, ds, st)


def _positive(aggregation, power=None) -> Project:
    """The mixed data with methods whose values suit harmonic and
    generalised means (min-max to 1..100, fixed-base, goalposts)."""
    over = {c: "minmax" for c in "ABDEFGIKLMN"}
    p = _mixed(aggregation, **over)
    p.settings.minmax_range = (1.0, 100.0)
    del p.settings.normalisation_by["J"]
    if aggregation != "generalised":
        p.settings.normalisation_by["C"] = "minmax"
    if power is not None:
        p.settings.power = power
    return p


def _no_time() -> Project:
    """The mixed data's first period alone, without a Time column."""
    p = _mixed()
    ds = p.dataset
    one = Dataset(ds.unit_codes, ds.unit_names, [None], ds.codes, ds.values[:, :1, :])
    p.settings.normalisation_by["H"] = "minmax"           # fixed-base needs periods
    return Project(p.framework, one, p.settings)


def _risky(sample_coindex) -> Project:
    """The sample with names that would start a formula."""
    from dataclasses import replace
    p = load_input(sample_coindex)
    fw = p.framework
    nodes = [replace(n, name=RISKY["dim_name"]) if n.code == "RA" else
             replace(n, name=RISKY["ind_name"], name_zh=RISKY["ind_zh"]) if n.code == "RA1" else n
             for n in fw.nodes]
    ds = p.dataset.copy()
    ds = Dataset([RISKY["unit"]], [RISKY["unit_name"]], ds.periods, ds.codes, ds.values)
    info = dict(p.info, note=RISKY["note"])
    return Project(Framework(nodes, fw.aux), ds, p.settings.copy(), info=info)


def _cases(sample_coindex, ref):
    sample, risky = load_input(sample_coindex), _risky(sample_coindex)
    return {
        "sample": (sample, sample.info),
        "risky": (risky, risky.info),
        "asem_minmax": (_asem(ref), None),
        "asem_zscore": (_asem(ref, normalisation="zscore"), None),
        "asem_geometric": (_asem(ref, aggregation="geometric", minmax_range="1,100"), None),
        "panel_pooled": (_asem(ref, panel=True, pooled="true"), None),
        "panel_per_period": (_asem(ref, panel=True), None),
        "mixed_arithmetic": (_mixed(), None),
        "mixed_harmonic": (_positive("harmonic"), None),
        "mixed_generalised": (_positive("generalised", 0.5), None),
        "mixed_no_time": (_no_time(), None),
    }


# ---- reading a workbook ---------------------------------------------------------------------------
_CELL = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*)><f>(.*?)</f>(?:<v>([^<]*)</v>|<v\s*/>)?</c>', re.S)


def _col_index(letters) -> int:
    k = 0
    for ch in letters:
        k = k * 26 + ord(ch) - 64
    return k - 1


def _sheet_files(z) -> dict:
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = {}
    for rel in re.findall(r"<Relationship [^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', rel).group(1), re.search(r'Target="([^"]+)"', rel).group(1)
        targets[rid] = target.lstrip("/").removeprefix("xl/")
    out = {}
    for tag in re.findall(r"<sheet [^>]*>", wb):
        name = re.search(r'name="([^"]+)"', tag).group(1)
        rid = re.search(r'r:id="([^"]+)"', tag).group(1)
        out["xl/" + targets[rid]] = name
    return out


def formula_cells(src, dst=None) -> dict:
    """{(sheet, col0, row1): cached value} of every formula cell; with
    ``dst``, also write a copy whose cached values are all BOGUS."""
    cached = {}
    with zipfile.ZipFile(src) as z:
        files = _sheet_files(z)
        out = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) if dst else None
        for item in z.infolist():
            data = z.read(item.filename)
            if item.filename in files:
                name = files[item.filename]

                def sub(m, name=name):
                    col, row, attrs, f, v = m.groups()
                    is_text = ' t="str"' in attrs
                    cached[(name, _col_index(col), int(row))] = (
                        v if is_text or v is None else (float(v) if v != "" else ""))
                    attrs = re.sub(r' t="\w+"', "", attrs)
                    return f'<c r="{col}{row}"{attrs}><f>{f}</f><v>{BOGUS!r}</v></c>'
                text = _CELL.sub(sub, data.decode("utf-8"))
                data = text.encode("utf-8")
            if out:
                out.writestr(item, data)
        if out:
            out.close()
    return cached


def read_values(path) -> dict:
    """{sheet: rows} of the values (cached / computed) of a workbook."""
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(str(path))
    return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names}


def _at(sheets, sheet, col, row):
    rows = sheets[sheet]
    if row - 1 < len(rows) and col < len(rows[row - 1]):
        return rows[row - 1][col]
    return ""


# ---- what every cell must be, from the engine ----------------------------------------------------------
def _period(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def _stat(values, name):
    x = [float(v) for v in values if not math.isnan(v)]
    if name == "count":
        return float(len(x))
    if not x or (name == "sd" and len(x) < 2):
        return math.nan
    return {"min": min, "max": max, "mean": statistics.fmean, "sd": statistics.stdev}[name](x)


def expectations(engine, sheets) -> dict:
    """{(sheet, col0, row1): value} for the formula and score cells, looked up
    in the engine by the labels written beside them (NaN: blank)."""
    fw, ds, st = engine.framework, engine.dataset, engine.settings
    nlab = 3 if ds.has_time else 2
    exp = {}

    def unit_period(row):
        return ds.unit_index[str(row[0])], (ds.period_index[_period(row[2])] if ds.has_time else 0)

    eff = fw.effective_weights(st.weighting == "equal")
    for r, row in enumerate(sheets["Framework"][1:], start=2):
        exp[("Framework", 7, r)] = eff[row[0]]
    rows = sheets["Stats"]
    for r, row in enumerate(rows[1:], start=2):
        X = ds.values.reshape(-1, len(ds.codes)) if st.pooled else ds.values[:, ds.period_index[_period(row[0])]
                                                                             if ds.has_time else 0, :]
        for k, code in enumerate(rows[0][nlab:]):
            exp[("Stats", nlab + k, r)] = _stat(X[:, ds.code_index[code]], row[1])
    for sheet, get in (("Normalised", engine.score), ("Aggregates", engine.score), ("Ranks", engine.rank)):
        rows = sheets[sheet]
        for r, row in enumerate(rows[1:], start=2):
            u, t = unit_period(row)
            for k, code in enumerate(rows[0][nlab:]):
                exp[(sheet, nlab + k, r)] = get(code)[u, t]
    t0 = engine.growth_base
    if "Changes" in sheets:
        rows = sheets["Changes"]
        for r, row in enumerate(rows[1:], start=2):
            u, t = unit_period(row)
            for k, head in enumerate(rows[0][nlab:]):
                code, kind = head.split(": ")
                arr = engine.change_since_base(code) if kind == "vs base %" else engine.yoy(code)
                exp[("Changes", nlab + k, r)] = arr[u, t]
        for r, row in enumerate(sheets["Growth"][1:], start=2):
            code, u = row[0], ds.unit_index[row[2]]
            ch, cg = engine.growth(code, t0, -1)
            s = engine.score(code)
            for c, v in ((7, s[u, t0]), (8, s[u, -1]), (9, ch[u]), (10, cg[u])):
                exp[("Growth", c, r)] = v
        contrib = {}
        for r, row in enumerate(sheets["Contributions"][1:], start=2):
            parent, child, u = row[0], row[1], ds.unit_index[row[3]]
            if parent not in contrib:
                contrib[parent] = engine.contributions(parent, t0, -1)
            kids, pts, share = contrib[parent]
            j = kids.index(child)
            w = engine.weights[parent]
            present = [sum(w[m] for m, k in enumerate(kids) if np.isfinite(engine.score(k)[u, t]))
                       for t in (t0, -1)]
            for c, v in ((7, engine.score(parent)[u, t0]), (8, engine.score(parent)[u, -1]),
                         (9, engine.score(child)[u, t0]), (10, engine.score(child)[u, -1]), (11, w[j]),
                         (12, present[0]), (13, present[1]), (14, pts[j, u]), (15, share[j, u])):
                exp[("Contributions", c, r)] = v
    rows = sheets["Charts"]
    mode = None
    for r, row in enumerate(rows, start=1):
        if not row or row[0] in ("", None):
            mode = None if not any(v not in ("", None) for v in row) else mode
            continue
        if row[0] in ("period", "code") and len(row) > 2:
            mode, units = row[0], [ds.unit_index[c] for c in row[2:] if c not in ("", None)]
            continue
        if mode == "period":
            t = ds.period_index[_period(row[0])]
            for k, u in enumerate(units):
                exp[("Charts", 2 + k, r)] = engine.score(row[1])[u, t]
        elif mode == "code":
            for k, u in enumerate(units):
                exp[("Charts", 2 + k, r)] = engine.score(row[0])[u, -1]
    return exp


def _same(got, want) -> bool:
    want = float(want)
    if math.isnan(want):
        return got in ("", None)
    if isinstance(got, str) or got is None:
        return False
    return abs(float(got) - want) <= 1e-9 * max(1.0, abs(want))


def mismatches(exp, formulas, values, what) -> list[str]:
    """Every formula cell must have an expectation; every expected cell
    (formula or value) must hold it."""
    bad = [f"{s}!{_letters(c)}{r}: formula cell with no expected value" for (s, c, r) in formulas
           if (s, c, r) not in exp]
    for key, want in exp.items():
        got = values(key)
        if not _same(got, want):
            s, c, r = key
            bad.append(f"{s}!{_letters(c)}{r}: {what} {got!r}, engine {want!r}")
    return bad


def _letters(c) -> str:
    from core.model.celltext import column_letter
    return column_letter(c)


# LibreOffice settings: recalculate every formula on load, .xlsx and .ods alike (0 = always)
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
 <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


# ---- fixtures ---------------------------------------------------------------------------------------
def _copy(project) -> Project:
    return Project(project.framework.copy(), project.dataset.copy(), project.settings.copy(),
                   info=dict(project.info))


def _edit(project, path, dst, values=(), weights=()) -> Project:
    """Edit raw values (Data sheet) and weights (Framework column G) in a
    copy of the workbook with openpyxl, which keeps the formulas and drops
    every cached value; make the same edits in a copy of the project."""
    import openpyxl
    from core.project.structure import SetWeight
    ds, fw = project.dataset, project.framework
    nlab = 3 if ds.has_time else 2
    wb = openpyxl.load_workbook(path)
    p = _copy(project)
    for unit, period, code, value in values:
        r = 2 + ds.period_index[period] * len(ds.unit_codes) + ds.unit_index[unit]
        # (cell(..., value=None) would leave the old value: openpyxl skips None there)
        wb["Data"].cell(row=r, column=nlab + ds.code_index[code] + 1).value = value
        p.set_value(unit, period, code, value)
    for code, w in weights:
        r = 2 + [n.code for n in fw.nodes].index(code)
        wb["Framework"].cell(row=r, column=7).value = w
        SetWeight(code, w).apply(p)
    wb.save(dst)
    p.recompute()
    return p


@pytest.fixture(scope="module")
def exported(tmp_path_factory, sample_coindex, ref_dir):
    """{case: (project, path)} of every case's workbook."""
    out = tmp_path_factory.mktemp("export")
    cases = {}
    for name, (project, info) in _cases(sample_coindex, ref_dir).items():
        path = out / f"{name}.xlsx"
        write_results_workbook(project.engine, path, info=info)
        cases[name] = (project, path)
    return cases


@pytest.fixture(scope="module")
def edited(exported, tmp_path_factory):
    """The same edits made in a workbook (openpyxl) and in the project."""
    out = tmp_path_factory.mktemp("edited")
    sample, spath = exported["sample"]
    asem, apath = exported["asem_minmax"]
    lpi_max = float(np.nanmax(asem.dataset.values[:, 0, asem.dataset.code_index["LPI"]]))
    return {
        # the base-year value of RA1 (every year of RA1 follows) and a value made missing
        "sample_edit": _edit(sample, spath, out / "sample_edit.xlsx",
                             values=[("CCEC", 2020, "RA1", sample.dataset.value("CCEC", 2020, "RA1") * 1.5),
                                     ("CCEC", 2023, "IC2", None)]),
        # a new maximum of LPI (every unit's LPI moves), a missing value and the weight of a sub-index
        "asem_edit": _edit(asem, apath, out / "asem_edit.xlsx",
                           values=[("BGR", 2018, "LPI", lpi_max + 1.0), ("AUT", 2018, "Flights", None)],
                           weights=[("Conn", 3.0)]),
    }, out


@pytest.fixture(scope="module")
def recalculated(exported, edited, tmp_path_factory):
    """{case: (engine, formula cells, values recalculated by LibreOffice)}."""
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-calc-nogui)")
    work = tmp_path_factory.mktemp("lo")
    (work / "in").mkdir()
    edits, edit_dir = edited
    jobs = {name: (project.engine, path) for name, (project, path) in exported.items()}
    jobs.update({name: (project.engine, edit_dir / f"{name}.xlsx") for name, project in edits.items()})
    formulas, inputs = {}, []
    for name, (engine, path) in jobs.items():
        dst = work / "in" / f"{name}.xlsx"
        formulas[name] = formula_cells(path, dst)
        inputs.append(dst)
    # two LibreOffice processes (each needs its own profile), files shared by size
    groups = ([], [])
    for f in sorted(inputs, key=lambda f: -f.stat().st_size):
        min(groups, key=lambda g: sum(x.stat().st_size for x in g)).append(f)
    procs = []
    for k, group in enumerate(groups):
        if not group:
            continue
        profile = work / f"profile{k}"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
        cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(work / "out")] + [str(f) for f in group]
        procs.append(subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                      env={**os.environ, "HOME": str(profile)}))
    try:
        log = "".join(p.communicate(timeout=600)[0] for p in procs)
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    out = {}
    for name, (engine, _) in jobs.items():
        result = work / "out" / f"{name}.xlsx"
        assert result.exists(), f"LibreOffice did not convert {name}:\n{log}"
        out[name] = (engine, formulas[name], read_values(result))
    return out


# ---- the formulas, recalculated by LibreOffice ----------------------------------------------------------
CASES = ["sample", "risky", "asem_minmax", "asem_zscore", "asem_geometric", "panel_pooled", "panel_per_period",
         "mixed_arithmetic", "mixed_harmonic", "mixed_generalised", "mixed_no_time"]


@needs_lo
@pytest.mark.parametrize("case", CASES)
def test_libreoffice_recalculates_every_formula_to_the_engine_value(recalculated, case):
    engine, formulas, sheets = recalculated[case]
    assert len(formulas) > 100
    exp = expectations(engine, sheets)
    bad = mismatches(exp, formulas, lambda k: _at(sheets, *k), "LibreOffice")
    assert not bad, f"{len(bad)} cells differ, e.g.:\n" + "\n".join(bad[:15])
    # the cached values were all bogus in what LibreOffice read: it did compute them
    assert all(_at(sheets, *k) != BOGUS for k in formulas)


@needs_lo
@pytest.mark.parametrize("case", ["sample_edit", "asem_edit"])
def test_editing_the_workbook_changes_the_index_as_the_engine_does(recalculated, exported, case):
    engine, formulas, sheets = recalculated[case]
    exp = expectations(engine, sheets)
    bad = mismatches(exp, formulas, lambda k: _at(sheets, *k), "LibreOffice")
    assert not bad, f"{len(bad)} cells differ, e.g.:\n" + "\n".join(bad[:15])
    before = exported[{"sample_edit": "sample", "asem_edit": "asem_minmax"}[case]][0].engine
    root = engine.framework.roots[0]
    assert not np.allclose(before.score(root), engine.score(root), equal_nan=True), "the edit changed nothing"


@pytest.mark.parametrize("case", CASES)
def test_cached_values_are_the_engine_values(exported, case):
    """What a viewer that does not recalculate shows."""
    project, path = exported[case]
    formulas = formula_cells(path)
    sheets = read_values(path)
    exp = expectations(project.engine, sheets)
    bad = mismatches(exp, formulas, lambda k: _at(sheets, *k), "cached")
    assert not bad, f"{len(bad)} cells differ, e.g.:\n" + "\n".join(bad[:15])


def test_the_normalised_and_aggregate_cells_are_formulas_on_the_data_sheet(exported):
    import openpyxl
    project, path = exported["mixed_arithmetic"]
    ws = openpyxl.load_workbook(path)["Normalised"]
    heads = [c.value for c in ws[1]]
    methods = dict(zip(project.framework.indicator_codes, project.engine.method))
    for k, code in enumerate(heads[3:], start=4):
        cell = ws.cell(row=5, column=k)
        if methods[code] in ("rank", "prank"):
            assert cell.data_type == "n", code           # values, said so in README
        else:
            assert cell.data_type == "f" and "Data!" in cell.value, (code, cell.value)
    agg = openpyxl.load_workbook(path)["Aggregates"]
    assert all(agg.cell(row=r, column=c).data_type == "f" for r in range(2, 8) for c in range(4, 8))


# ---- text, layout, languages, failures ---------------------------------------------------------------------
def test_text_that_looks_like_a_formula_is_written_as_text(exported):
    import openpyxl
    project, path = exported["risky"]
    wb = openpyxl.load_workbook(path)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value in RISKY.values():
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    found.setdefault(c.value, []).append(f"{ws.title}!{c.coordinate}")
    assert set(found) == set(RISKY.values()), set(RISKY.values()) - set(found)
    assert "Data!B2" in found[RISKY["unit_name"]] and "README!A2" in found[RISKY["note"]]


@needs_lo
def test_libreoffice_reads_that_text_back_as_text(recalculated):
    _, _, sheets = recalculated["risky"]
    assert sheets["Data"][1][0] == RISKY["unit"] and sheets["Data"][1][1] == RISKY["unit_name"]
    assert RISKY["note"] in [r[0] for r in sheets["README"] if r]


def test_layout_names_formats_and_charts(exported):
    import openpyxl
    project, path = exported["sample"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["README", "Charts", "Framework", "Data", "Stats", "Normalised", "Aggregates", "Ranks",
                             "Changes", "Growth", "Contributions", "Warnings"]
    assert wb["Data"].freeze_panes == "D2" and wb["Aggregates"].freeze_panes == "D2"
    assert wb["Framework"].freeze_panes == "B2"
    assert wb["Aggregates"]["D2"].number_format == "0.00"
    assert wb["Data"].column_dimensions["B"].width > 20
    fw = wb["Framework"]
    assert [fw.cell(row=1, column=k).value for k in range(1, 10)] == [
        "code", "name (English)", "name (Chinese)", "parent", "level", "type", "weight", "effective weight",
        "direction"]
    assert fw["C3"].value == "资源集聚"
    assert "w_RA" in wb.defined_names and wb.defined_names["w_RA"].attr_text == "Framework!$G$3"
    readme = "\n".join(str(r[0].value) for r in wb["README"].iter_rows() if r[0].value)
    for words in ("fixed-base index", "Base period: 2020", "weighted arithmetic mean", "Weighting: equal",
                  project.info["note"], "Chengdu", "1 unit, 5 periods, 20 indicators, 6 aggregates."):
        assert words in readme, words
    with zipfile.ZipFile(path) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = {n: z.read(n).decode() for n in charts}
    assert any("<c:lineChart>" in x for x in xml.values()) and any("<c:barChart>" in x for x in xml.values())


def test_value_methods_are_named_in_the_readme(exported):
    import openpyxl
    _, path = exported["mixed_arithmetic"]
    readme = "\n".join(str(r[0].value) for r in openpyxl.load_workbook(path)["README"].iter_rows() if r[0].value)
    assert "Written as values, not formulas: Normalised F (rank); Normalised G (prank)" in readme
    _, path = exported["mixed_harmonic"]
    readme = "\n".join(str(r[0].value) for r in openpyxl.load_workbook(path)["README"].iter_rows() if r[0].value)
    assert "harmonic" in readme and "Contributions points" in readme


def test_chinese_names_and_readme(tmp_path, sample_coindex):
    import openpyxl
    p = load_input(sample_coindex)
    write_results_workbook(p.engine, tmp_path / "zh.xlsx", language="zh", info=p.info)
    write_results_workbook(p.engine, tmp_path / "en.xlsx", language="en", info=p.info)
    wb = openpyxl.load_workbook(tmp_path / "zh.xlsx")
    assert wb["Growth"]["B2"].value == "成渝地区双城经济圈协同创新指数"
    assert wb["Growth"]["J1"].value == "变化 %"
    readme = [r[0].value for r in wb["README"].iter_rows() if r[0].value]
    assert readme[0] == p.info["title_zh"] and p.info["note_zh"] in readme
    # the same formulas and values in either language
    assert formula_cells(tmp_path / "zh.xlsx") == formula_cells(tmp_path / "en.xlsx")


def test_single_period_workbook_has_no_change_sheets(exported):
    import openpyxl
    _, path = exported["asem_minmax"]
    names = openpyxl.load_workbook(path).sheetnames
    assert "Changes" not in names and "Growth" not in names and "Contributions" not in names
    assert "Aggregates" in names


def test_failures_leave_no_file_behind(tmp_path, sample_coindex, monkeypatch):
    p = load_input(sample_coindex)
    with pytest.raises(InputError, match="does not exist"):
        write_results_workbook(p.engine, tmp_path / "nope" / "r.xlsx")
    with pytest.raises(InputError, match="language 'fr'"):
        write_results_workbook(p.engine, tmp_path / "r.xlsx", language="fr")
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"previous")
    import core.exporting.workbook as ex

    def boom(self, ws):
        raise RuntimeError("disk full")
    monkeypatch.setattr(ex._Writer, "growth_sheet", boom)
    with pytest.raises(RuntimeError):
        write_results_workbook(p.engine, target)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["r.xlsx"]


def test_an_aggregate_too_long_for_a_formula_is_written_as_values_and_said_so(tmp_path):
    """Excel refuses formulas over 8,192 characters: 300 children of one
    node would need more, so that column holds the engine's values."""
    import openpyxl
    codes = [f"I{k:03d}" for k in range(300)]
    fw = Framework.from_records([{"iCode": "IDX", "Type": "Aggregate"}] +
                                [{"iCode": c, "Parent": "IDX", "Type": "Indicator"} for c in codes])
    X = np.random.default_rng(1).uniform(1, 9, size=(4, 1, len(codes)))
    p = Project(fw, Dataset(["A1x", "B", "C", "D"], ["a", "b", "c", "d"], [2020], codes, X), Settings())
    write_results_workbook(p.engine, tmp_path / "long.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "long.xlsx")
    cells = [wb["Aggregates"].cell(row=r, column=4) for r in range(2, 6)]
    assert all(c.data_type == "n" for c in cells)
    assert [c.value for c in cells] == pytest.approx(list(p.engine.score("IDX")[:, 0]), rel=1e-12)
    readme = "\n".join(str(r[0].value) for r in wb["README"].iter_rows() if r[0].value)
    assert "Aggregates IDX (formula too long)" in readme
    assert wb["Normalised"].cell(row=2, column=4).data_type == "f"


def test_scores_in_the_workbook_are_shown_with_the_decimals_of_their_scale(tmp_path):
    """HDI scores in [0, 1] display three decimals (0.962) in Excel, as in
    the app; a project's score_decimals setting wins; the values keep every
    digit."""
    import openpyxl
    from core.project import projectfile
    from pathlib import Path
    hdi = projectfile.load(Path(__file__).resolve().parents[2] / "resources" / "samples" / "undp-hdi.coindex")
    write_results_workbook(hdi.engine, tmp_path / "hdi.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "hdi.xlsx")["Aggregates"]
    assert ws["D2"].number_format == "0.000"
    hdi.settings.score_decimals = 1
    write_results_workbook(hdi.recompute(), tmp_path / "hdi1.xlsx")
    assert openpyxl.load_workbook(tmp_path / "hdi1.xlsx")["Aggregates"]["D2"].number_format == "0.0"
