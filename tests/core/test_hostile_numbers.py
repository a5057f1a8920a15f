"""Issue 12, numbers at the edge: overflow and non-finite intermediate
results are errors naming indicator, unit and period (never a silent null
or a numpy RuntimeWarning on standard error), z-scores of +-1e308 are
right, the generalised mean with a tiny power is the geometric limit, all
sibling weights 0 is a warning naming the parent, and writing failures
are messages."""
from __future__ import annotations

import json
import math

import pytest

from core.cli import main

META = "iCode,iName,Parent,Type,Weight\nIDX,Index,,Aggregate,1\nI1,i1,IDX,Indicator,1\nI2,i2,IDX,Indicator,1\n"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def scores(out) -> dict:
    return {(r["unit"], r["period"], r["code"]): r["value"] for r in json.loads(out)["scores"]}


@pytest.fixture
def meta(tmp_path):
    return write(tmp_path / "meta.csv", META)


@pytest.fixture
def data(tmp_path):
    return write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,100\nB,b,2020,100,1\n")


# ---- the generalised mean with a tiny power ---------------------------------------------------------------
@pytest.mark.parametrize("power", ["1e-300", "-1e-300", "1e-15", "1e-9"])
def test_a_tiny_power_gives_the_geometric_mean(meta, data, capsys, power):
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json", "--set", "normalisation=none",
                         "--set", "aggregation=generalised", "--set", f"power={power}")
    assert code == 0, err
    got = scores(out)
    # sqrt(1 * 100); the power mean differs by about p/2 Var(ln x) = 2.7e-9 at p = 1e-9
    assert got[("A", 2020, "IDX")] == pytest.approx(10.0, rel=1e-8)
    assert got[("B", 2020, "IDX")] == pytest.approx(10.0, rel=1e-8)


def test_a_small_power_is_the_power_mean(meta, data, capsys):
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json", "--set", "normalisation=none",
                         "--set", "aggregation=generalised", "--set", "power=0.01")
    assert code == 0, err
    want = ((1 ** 0.01 + 100 ** 0.01) / 2) ** 100
    assert scores(out)[("A", 2020, "IDX")] == pytest.approx(want, rel=1e-9)


# ---- overflow ----------------------------------------------------------------------------------------------
def test_zscores_of_huge_values_are_right(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1e308,1\nB,b,2020,-1e308,2\nC,c,2020,0,3\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json", "--set", "normalisation=zscore")
    assert code == 0, err
    got = scores(out)
    assert [got[(u, 2020, "I1")] for u in "ABC"] == pytest.approx([1.0, -1.0, 0.0])
    assert "RuntimeWarning" not in err


def test_an_overflowing_power_mean_is_an_error_naming_the_place(meta, data, capsys):
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--set", "aggregation=generalised",
                         "--set", "power=1000", "--set", "normalisation=none")
    assert code == 1
    assert "'IDX'" in err and "unit 'A'" in err and "period 2020" in err and "too large" in err
    assert "RuntimeWarning" not in err and "Traceback" not in err


def test_an_overflowing_zscore_mean_is_an_error_naming_the_place(meta, data, capsys):
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--set", "normalisation=zscore",
                         "--set", "zscore_mean=1e308", "--set", "zscore_sd=1e308")
    assert code == 1
    # z = +-0.71 scaled by 1e308 plus 1e308 still fits; the index's sum of the two does not
    assert "'IDX'" in err and "unit 'A'" in err and "period 2020" in err and "too large" in err
    assert "RuntimeWarning" not in err


def test_huge_values_summed_to_overflow_are_an_error(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1e308,1e308\nB,b,2020,1,2\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--set", "normalisation=none", "--json")
    assert code == 1
    assert "'IDX'" in err and "unit 'A'" in err and "too large" in err
    assert out == ""


def test_a_fixed_base_ratio_that_overflows_is_an_error(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1e-300,1\nA,a,2021,1e300,2\n"
                                     "B,b,2020,1,1\nB,b,2021,2,2\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--set", "normalisation=fixed_base",
                         "--set", "base_year=2020")
    assert code == 1
    assert "indicator 'I1'" in err and "unit 'A'" in err and "period 2021" in err


# ---- all sibling weights zero --------------------------------------------------------------------------------
def test_all_sibling_weights_zero_is_a_warning_naming_the_parent(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", "iCode,iName,Parent,Type,Weight\nIDX,Index,,Aggregate,1\n"
                                     "D1,d1,IDX,Aggregate,1\nD2,d2,IDX,Aggregate,1\nI1,i1,D1,Indicator,0\n"
                                     "I2,i2,D1,Indicator,0\nI3,i3,D2,Indicator,1\n")
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2,I3\nA,a,2020,1,2,3\nB,b,2020,3,4,5\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json")
    assert code == 0, err
    warnings = [w for w in json.loads(out)["warnings"] if w["kind"] == "zero_weights"]
    assert len(warnings) == 1 and warnings[0]["code"] == "D1"
    assert "'D1'" in warnings[0]["message"] and "'I1', 'I2'" in warnings[0]["message"]


# ---- writing and memory failures -----------------------------------------------------------------------------
def test_a_full_disk_while_writing_the_formula_workbook_names_the_file(tmp_path, meta, data, capsys, monkeypatch):
    import xlsxwriter
    from xlsxwriter.exceptions import FileCreateError

    def full(self):
        raise FileCreateError(OSError(28, "No space left on device"))
    monkeypatch.setattr(xlsxwriter.Workbook, "close", full)
    out = tmp_path / "r.xlsx"
    code, _, err = run(capsys, "compute", data, "--meta", meta, "--out", out)
    assert code == 1
    assert "r.xlsx" in err and "No space left on device" in err and "Traceback" not in err
    assert not out.exists()


def test_out_of_memory_for_json_is_a_message(meta, data, capsys, monkeypatch):
    import core.exporting.outputs as outputs

    def huge(*args, **kwargs):
        raise MemoryError
    monkeypatch.setattr(outputs, "write_output", huge)
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json")
    assert code == 1
    assert "memory" in err and "--out" in err and out == ""


def test_results_stay_finite(meta, data, capsys):
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json")
    assert code == 0, err
    assert all(v is None or math.isfinite(v) for v in scores(out).values())
