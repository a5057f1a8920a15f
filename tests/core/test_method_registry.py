"""The method registry is the single source of the methods: settings, the
command line, the engine, the results workbook, the README and the
template read it; a method registered in a test (scale to the maximum)
reaches all of them without any other module changing."""
from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from core.cli import main
from core.errors import SettingsError
from core.exporting.tables import settings_help_rows
from core.exporting.texts import readme_lines
from core.exporting.workbook import write_results_workbook
from core.importing.inputs import load_input
from core.methods.excel import if_number, number
from core.methods.registry import (AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, PERIOD, TREATMENTS, WEIGHTINGS, Method,
                                   number_param, parameters)
from core.model.settings import Settings, keys
from core.pipeline.engine import Engine

REPO = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


# ---- a toy method: 100 x value / the period's highest value ------------------------------------------
def _scale_to_max(X, d, ctx, out=None):
    Y = X * np.asarray(d, dtype=float).reshape(-1, 1, 1)
    axes = (1, 2) if ctx.settings.pooled else (1,)
    top = np.fmax.reduce(Y, axis=axes, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return Y / np.where(top == 0, np.nan, top) * ctx.settings.scale_top


def _scale_to_max_formula(c):
    def f(r, t):
        top = c.stat("max" if c.direction > 0 else "min", t)
        return "=" + if_number(c.x(r), f'IF({top}=0,"",{c.x(r)}/{top}*{number(c.settings.scale_top)})')
    return f


@contextlib.contextmanager
def toy_method():
    method = NORMALISATIONS.register(Method(
        "normalisation", "scale_max", _scale_to_max, formula=_scale_to_max_formula, aliases=("max100",),
        scope=PERIOD, uses_stats=True, anchor="scale_max",
        parameters=(number_param("scale_top", 100.0, "the score of the highest value", positive=True),),
        label={"en": "Scale to the maximum", "zh": "按最大值缩放"},
        text={"en": "scale to max: top x value / highest value", "zh": "最大值缩放：top × 值 / 最大值"}))
    try:
        yield method
    finally:
        NORMALISATIONS.unregister("scale_max")


@pytest.fixture
def toy():
    with toy_method() as m:
        yield m
    assert "scale_max" not in NORMALISATIONS and "scale_top" not in parameters()


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main([str(a) for a in argv])
    return rc, out.getvalue(), err.getvalue()


# ---- the registry is the source ----------------------------------------------------------------------
@pytest.mark.parametrize("registry", [NORMALISATIONS, AGGREGATIONS, IMPUTATIONS, TREATMENTS], ids=lambda r: r.kind)
def test_settings_accept_exactly_the_registry_names_and_aliases(registry):
    key = registry.kind
    for name, method in registry.items():
        for word in (name, *method.aliases, name.upper(), *(a.replace("_", "-") for a in method.aliases)):
            s = Settings()
            s.apply(key, word)
            assert getattr(s, key) == name
    for word in ("bogus", "", "min max", "arithmetic_mean"):
        with pytest.raises(SettingsError) as e:
            Settings().apply(key, word)
        assert e.value.valid == list(registry)
        assert ", ".join(registry) in str(e.value)


def test_the_settings_keys_are_the_general_ones_and_the_methods_parameters():
    own = {p.key for reg in (NORMALISATIONS, AGGREGATIONS, IMPUTATIONS, TREATMENTS, WEIGHTINGS) for m in reg.values()
           for p in m.parameters}
    assert own == {"minmax_range", "zscore_mean", "zscore_sd", "power", "imputation_group", "winmax",
                   "skew_thresh", "kurt_thresh", "dist2ref_unit", "dist2ref_cap", "scaled_range"} == set(parameters())
    assert set(keys()) == own | {"normalisation", "pooled", "base_year", "aggregation", "weighting",
                                 "denominate", "imputation", "screen_threshold", "treatment", "score_decimals",
                                 "normalisation.<CODE>", "base_year.<CODE>", "aggregation.<CODE>",
                                 "aggregation.level.<N>", "weighting.<CODE>", "weighting.level.<N>", "ahp.<CODE>"}
    # the defaults of the settings are the parameters' defaults
    s = Settings()
    assert all(getattr(s, k) == p.default for k, p in parameters().items())


@pytest.mark.parametrize("key, text, message", [
    ("minmax_range", "100,0", "L < U"), ("minmax_range", "5,5", "L < U"), ("minmax_range", "1", "two numbers"),
    ("minmax_range", "0,inf", "L < U"), ("zscore_sd", "0", "> 0"), ("zscore_sd", "-1", "> 0"),
    ("zscore_mean", "abc", "number"), ("power", "nan", "number")])
def test_parameter_checks_come_from_the_registry(key, text, message):
    with pytest.raises(SettingsError, match=re.escape(message)):
        Settings().apply(key, text)
    s = Settings()
    ok = {"minmax_range": "1,100", "zscore_sd": "2.5", "zscore_mean": "-3", "power": "0.5"}[key]
    s.apply(key, ok)
    assert getattr(s, key) == parameters()[key].parse(ok, "test")


def test_cli_errors_and_help_list_the_registry(sample_coindex):
    rc, _, err = run("compute", sample_coindex, "--set", "normalisation=bogus")
    assert rc == 2 and f"valid values: {', '.join(NORMALISATIONS)}" in err
    rc, _, err = run("compute", sample_coindex, "--set", "aggregation=bogus")
    assert rc == 2 and f"valid values: {', '.join(AGGREGATIONS)}" in err
    rc, _, err = run("compute", sample_coindex, "--set", "bogus=1")
    assert rc == 2 and f"valid settings: {', '.join(keys())}" in err
    out = subprocess.run(["python3", "main.py", "compute", "--help"], cwd=REPO, capture_output=True, text=True,
                         env={**os.environ, "COLUMNS": "1000"}).stdout
    assert f"normalisation: {', '.join(NORMALISATIONS)}" in out and f"aggregation: {', '.join(AGGREGATIONS)}" in out


@pytest.mark.parametrize("method", [*NORMALISATIONS.values(), *AGGREGATIONS.values(), *IMPUTATIONS.values(),
                                    *TREATMENTS.values(), *WEIGHTINGS.values()], ids=lambda m: f"{m.kind}-{m.name}")
def test_every_method_has_both_languages_and_a_docs_anchor(method):
    assert method.label["en"] and method.text["en"] and not CJK.search(method.text["en"])
    assert CJK.search(method.label["zh"]) and CJK.search(method.text["zh"])
    doc = (REPO / "docs" / "methods.md").read_text(encoding="utf-8")
    assert f'<a id="{method.anchor}"></a>`{method.name}`' in doc


def test_every_normalisation_with_a_formula_is_in_the_libreoffice_recalculation_case():
    """tests/core/test_export_xlsx.py recalculates every formula of its mixed
    case with LibreOffice: every method with a formula writer must be in it,
    and those without one must be said to be values."""
    from test_export_xlsx import _mixed   # noqa: PLC2701  (the test module's case builder)
    used = set(_mixed().settings.normalisation_by.values())
    assert {n for n, m in NORMALISATIONS.items() if m.formula is not None} <= used
    for name, m in NORMALISATIONS.items():
        assert (m.formula is None) == ("values, not formulas" in m.text["en"]), name


def test_the_methods_package_imports_only_the_standard_library_numpy_errors_and_text():
    for path in (REPO / "core" / "methods").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            for m in mods:
                if m.startswith("core"):
                    assert m in ("core.errors", "core.text") or m.startswith("core.methods"), (path.name, m)


def test_a_name_cannot_be_registered_twice():
    m = NORMALISATIONS["minmax"]
    with pytest.raises(ValueError):
        NORMALISATIONS.register(m)
    with pytest.raises(ValueError):
        NORMALISATIONS.register(Method("normalisation", "other", m.function, aliases=("z-score",), anchor="x",
                                       label=m.label, text=m.text))
    with pytest.raises(ValueError):
        AGGREGATIONS.register(m)
    assert list(NORMALISATIONS) == ["fixed_base", "minmax", "zscore", "rank", "prank", "goalposts",
                                    "dist2target", "none", "fracmax", "dist2max", "dist2ref", "borda", "scaled"]
    assert list(WEIGHTINGS) == ["manual", "equal", "entropy", "critic", "pca", "ahp"]


# ---- a method registered here reaches everything ---------------------------------------------------
def test_a_registered_method_is_a_setting_with_its_parameter(toy):
    s = Settings()
    s.apply("normalisation", "MAX100")
    assert s.normalisation == "scale_max" and s.scale_top == 100.0
    s.apply("scale_top", "50")
    assert s.scale_top == 50.0 and s.params == {"scale_top": 50.0}
    with pytest.raises(SettingsError, match="> 0"):
        s.apply("scale_top", "0")
    assert Settings.from_dict(s.to_dict()) == s
    assert s.to_dict()["scale_top"] == 50.0
    with pytest.raises(SettingsError) as e:
        s.apply("nope", "1")
    assert "scale_top" in e.value.valid
    s.apply("normalisation.X1", "scale_max")
    assert s.method_for("X1") == "scale_max" and s.method_for("X2", {"Normalisation": "max100"}) == "scale_max"


def test_after_the_test_the_method_is_gone():
    with toy_method():
        Settings().apply("normalisation", "scale_max")
    with pytest.raises(SettingsError):
        Settings().apply("normalisation", "scale_max")
    with pytest.raises(SettingsError):
        Settings().apply("scale_top", "1")


def test_a_registered_method_computes_through_the_command_line(toy, sample_coindex):
    rc, _, err = run("compute", sample_coindex, "--set", "normalisation=bogus")
    assert rc == 2 and "scale_max" in err
    rc, out, err = run("compute", sample_coindex, "--set", "normalisation=max100", "--set", "scale_top=50",
                       "--json")
    assert rc == 0, err
    doc = json.loads(out)
    fw = {f["code"]: f for f in doc["framework"]}
    data = {(r["unit"], r["period"], r["code"]): r["value"] for r in doc["data"]}
    scores = {(r["unit"], r["period"], r["code"]): r["value"] for r in doc["scores"]}
    checked = 0
    for (unit, period, code), x in data.items():
        if x is None:
            continue
        d = fw[code]["direction"]
        vals = [d * v for (u, p, c), v in data.items() if p == period and c == code and v is not None]
        assert scores[(unit, period, code)] == pytest.approx(50 * d * x / max(vals), rel=1e-12)
        checked += 1
    assert checked > 50
    project = load_input(sample_coindex)
    project.settings.apply("normalisation", "scale_max")
    project.settings.apply("scale_top", "50")
    engine = project.recompute()
    root = project.framework.root
    assert [scores[(u, p, root)] for u in doc["units"] for p in doc["periods"]] == pytest.approx(
        engine.score(root).ravel().tolist(), rel=1e-12)


def test_an_edit_reaches_what_the_method_declares(toy, sample_coindex):
    """scope=PERIOD: an edit renormalises the period; the incremental result
    equals a fresh computation."""
    project = load_input(sample_coindex)
    project.settings.apply("normalisation", "scale_max")
    engine = Engine(project.framework, project.dataset, project.settings)
    ds = project.dataset
    i = ds.code_index[ds.codes[0]]
    top = int(np.nanargmax(ds.values[:, 1, i]))
    ds.values[top, 1, i] *= 3                       # a new maximum: every unit of the period moves
    engine.update([(top, 1, i)])
    fresh = Engine(project.framework, ds, project.settings)
    np.testing.assert_allclose(engine.scores, fresh.scores, rtol=1e-12, equal_nan=True)


def test_a_registered_method_in_the_workbook_readme_and_template(toy, sample_coindex, tmp_path):
    project = load_input(sample_coindex)
    project.settings.apply("normalisation", "scale_max")
    engine = project.recompute()
    path = tmp_path / "toy.xlsx"
    write_results_workbook(engine, path)
    from openpyxl import load_workbook
    ws = load_workbook(path)["Normalised"]
    cells = [c.value for row in ws.iter_rows(min_row=2, min_col=4) for c in row if c.value is not None]
    assert cells and all(str(v).startswith("=IF(ISNUMBER(Data!") and "Stats!" in v for v in cells)
    for lang in ("en", "zh"):
        text = "\n".join(t for _, t in readme_lines(engine, lang, {}, [], True, True))
        assert toy.text[lang] in text
    assert "These statistics are formulas in the Stats sheet." in \
        "\n".join(t for _, t in readme_lines(engine, "en", {}, [], True, True))
    rows = {r[0]: r for r in settings_help_rows()}
    assert "scale_max" in rows["normalisation"][2] and rows["scale_top"][1:] == ["100", toy.parameters[0].help]


def test_a_registered_method_s_formulas_recalculate_to_the_engine_values(toy, sample_coindex, tmp_path):
    from test_export_xlsx import RECALC_ALWAYS, SOFFICE, expectations, formula_cells, mismatches, read_values
    if SOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    project = load_input(sample_coindex)
    project.settings.apply("normalisation", "scale_max")
    project.settings.apply("scale_top", "80")
    project.settings.normalisation_by["RA1"] = "none"      # (min-max cannot work on the one-unit sample)
    engine = project.recompute()
    write_results_workbook(engine, tmp_path / "toy.xlsx")
    (tmp_path / "in").mkdir()
    formulas = formula_cells(tmp_path / "toy.xlsx", tmp_path / "in" / "toy.xlsx")
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(tmp_path / "in" / "toy.xlsx")],
                   capture_output=True, timeout=300, env={**os.environ, "HOME": str(profile)})
    sheets = read_values(tmp_path / "out" / "toy.xlsx")

    def at(key):
        sheet, col, row = key
        rows = sheets[sheet]
        return rows[row - 1][col] if row - 1 < len(rows) and col < len(rows[row - 1]) else ""
    bad = mismatches(expectations(engine, sheets), formulas, at, "LibreOffice")
    assert not bad, "\n".join(bad[:10])
    assert sum(1 for k in formulas if k[0] == "Normalised") == engine.scores[:engine.n_ind].size


def test_the_templates_settings_sheet_lists_every_general_setting():
    from core.model.settings import GENERAL
    keys = [r[0] for r in settings_help_rows()]
    assert [k for k in GENERAL if k not in keys] == []
    assert len(keys) == len(set(keys))
