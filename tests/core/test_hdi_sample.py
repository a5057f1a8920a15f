"""The UNDP HDI sample (resources/samples/undp-hdi.coindex) reproduces
UNDP's published HDI to its 3 decimals (tests/data/undp-hdi, see its
README): goalposts, ln GNI per capita through the Meta Transform,
arithmetic mean of the education indicators, geometric mean of the three
dimensions through the Meta Aggregation column or --set aggregation.level.3."""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pandas as pd
import pytest

from core.importing.inputs import load_input
from core.pipeline.engine import Engine
from core.project import projectfile

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "undp-hdi.coindex"
REF = ROOT / "tests" / "data" / "undp-hdi" / "hdi_subset.csv"


def hdi_of(engine) -> dict:
    ds = engine.dataset
    s = engine.score("HDI")
    return {(u, p): s[ds.unit_index[u], ds.period_index[p]] for u in ds.unit_codes for p in ds.periods}


def assert_published(engine):
    ref = pd.read_csv(REF)
    got = hdi_of(engine)
    assert len(ref) == 30 and ref.hdi.notna().sum() == 29
    for r in ref.itertuples():
        if math.isnan(r.hdi):           # not published (a component is missing): left out, not made up
            assert math.isnan(got[(r.uCode, r.Time)]), (r.uCode, r.Time)
            continue
        assert round(got[(r.uCode, r.Time)], 3) == pytest.approx(r.hdi, abs=1e-12), (r.uCode, r.Time)


def test_the_sample_reproduces_undps_published_hdi():
    p = load_input(SAMPLE)
    e = Engine(p.framework, p.dataset, p.settings)
    assert e.aggregation["HDI"] == "geometric" and e.aggregation["Education"] == "arithmetic"
    assert e.params_of("GNIPC")["goalpost_lower"] == pytest.approx(math.log(100))
    assert e.params_of("GNIPC")["goalpost_upper"] == pytest.approx(math.log(75000))
    assert_published(e)


def test_the_build_script_makes_the_shipped_file(tmp_path):
    spec = importlib.util.spec_from_file_location("build_hdi", ROOT / "resources" / "samples" / "build_hdi.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.build(tmp_path / "hdi.coindex")
    made, shipped = (projectfile.to_document(load_input(f)) for f in (tmp_path / "hdi.coindex", SAMPLE))
    for doc in (made, shipped):
        doc.pop("provenance")           # holds the time of the build
    assert made == shipped
    assert shipped["settings"]["screen_threshold"] == 1.0


def test_the_level_setting_gives_the_same_hdi_and_the_arithmetic_mean_does_not():
    p = load_input(SAMPLE)
    fw = p.framework
    fw["HDI"].params.pop("Aggregation")
    s = p.settings.copy()
    assert Engine(fw, p.dataset, s).aggregation["HDI"] == "arithmetic"
    with pytest.raises(AssertionError):
        assert_published(Engine(fw, p.dataset, s))
    s.apply("aggregation.level.3", "geometric")
    assert_published(Engine(fw, p.dataset, s))
    s2 = p.settings.copy()
    s2.apply("aggregation.HDI", "geometric")
    assert_published(Engine(fw, p.dataset, s2))


def test_results_workbook_uses_each_nodes_mean_and_values_for_treated_data(tmp_path):
    from openpyxl import load_workbook
    from core.exporting.workbook import write_results_workbook
    p = load_input(SAMPLE)
    e = Engine(p.framework, p.dataset, p.settings)
    out = tmp_path / "hdi.xlsx"
    write_results_workbook(e, out)
    wb = load_workbook(out)
    agg, norm = wb["Aggregates"], wb["Normalised"]
    head = {c.value: c.column for c in agg[1]}
    hdi, edu = agg.cell(2, head["HDI"]).value, agg.cell(2, head["Education"]).value
    assert hdi.startswith("=") and "EXP(" in hdi and "*LN(E2)" in hdi        # geometric
    assert edu.startswith("=") and "LN(" not in edu and "EXP(" not in edu    # arithmetic
    # the GNI per capita is logged before normalisation: its scores are values, not formulas on raw data
    nhead = {c.value: c.column for c in norm[1]}
    assert isinstance(norm.cell(2, nhead["GNIPC"]).value, float)
