"""MPI, AMPI, Copeland and TOPSIS: worked examples by hand, TOPSIS of the
ideal unit = 1, and the engine and command line using them."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from core.cli import main
from core.methods.combine import c_ampi, c_copeland, c_mpi, c_topsis
from core.model.settings import Settings

ST = Settings()


def one_period(*children):
    """(k, units, 1) from each child's scores across the units."""
    return np.array(children, dtype=float)[:, :, None]


def test_mpi_worked_example():
    # z: child 1 -> 90, 100, 110; child 2 -> 110, 100, 90 (mean 2, sample sd 1)
    # unit 1: M = 100, S = 10, cv = 0.1 -> 100 - 10 x 0.1 = 99
    X = one_period([1, 2, 3], [3, 2, 1])
    assert c_mpi(X, np.ones(2), ST)[:, 0] == pytest.approx([99.0, 100.0, 99.0], abs=1e-12)


def test_mpi_penalises_imbalance_and_weights_matter():
    X = one_period([1, 2, 3], [3, 2, 1])
    w = np.array([3.0, 1.0])
    # unit 3: z = 110, 90 with weights 3/4, 1/4: M = 105, S = sqrt(3/4 25 + 1/4 225) = sqrt(75)
    m, s = 105.0, math.sqrt(75.0)
    assert c_mpi(X, w, ST)[2, 0] == pytest.approx(m - s * s / m, abs=1e-12)


def test_ampi_worked_example_over_periods():
    # child 1 over both periods: 1..3 -> r = 70, 100, 130 ; child 2 reversed
    X = np.array([[[1, 3], [2, 2]], [[3, 1], [2, 2]]], dtype=float)       # (2 children, 2 units, 2 periods)
    out = c_ampi(X, np.ones(2), ST)
    # unit 1, period 1: r = 70, 130: M = 100, S = 30, cv = 0.3 -> 91
    assert out[0, 0] == pytest.approx(91.0) and out[1, 0] == pytest.approx(100.0)
    assert out[0, 1] == pytest.approx(91.0)


def test_copeland_worked_example():
    # weights 2, 1; child 1: 1, 2, 3; child 2: 3, 1, 2
    # A-B: B wins (2 > 1); A-C: C wins; B-C: C wins -> A -2, B 0, C +2
    X = one_period([1, 2, 3], [3, 1, 2])
    assert c_copeland(X, np.array([2.0, 1.0]), ST)[:, 0].tolist() == [-2.0, 0.0, 2.0]
    # equal weights: A-B tie (0), A-C: C wins child 1, A wins child 2 -> tie; B-C: C wins both
    assert c_copeland(X, np.ones(2), ST)[:, 0].tolist() == [0.0, -1.0, 1.0]


def test_topsis_worked_example_and_the_ideal_unit():
    X = one_period([1, 2, 3], [1, 2, 4])
    out = c_topsis(X, np.ones(2), ST)[:, 0]
    k1, k2 = 0.5 / math.sqrt(14), 0.5 / math.sqrt(21)          # w / column norm
    dplus = math.sqrt((k1 * 1) ** 2 + (k2 * 2) ** 2)             # unit 2 to (3, 4)
    dminus = math.sqrt((k1 * 1) ** 2 + (k2 * 1) ** 2)            # unit 2 to (1, 1)
    assert out[1] == pytest.approx(dminus / (dplus + dminus), abs=1e-12)
    assert out[2] == 1.0 and out[0] == 0.0                       # best and worst on every child


def test_missing_children_are_skipped_and_a_unit_without_any_is_missing():
    X = one_period([1, np.nan, 3, np.nan], [3, 2, 1, np.nan])
    for fn in (c_mpi, c_topsis, c_copeland):
        out = fn(X, np.ones(2), ST)[:, 0]
        assert np.isnan(out[3]) and np.isfinite(out[:3]).all(), fn.__name__


@pytest.mark.parametrize("name", ["mpi", "ampi", "copeland", "topsis"])
def test_cli_set_aggregation(capsys, ref_dir, name):
    args = ["compute", str(ref_dir / "asem_iData.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"),
            "--set", f"aggregation={name}", "--json"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    idx = [r["value"] for r in doc["scores"] if r["code"] == "Index"]
    assert len(idx) == 51 and all(v is not None for v in idx)
    if name == "topsis":
        assert all(0 <= v <= 1 for v in idx)
    if name == "copeland":
        assert sum(idx) == 0                                     # every win is someone's loss


def test_the_uncertainty_analysis_refuses_an_aggregation_that_compares_units(capsys, ref_dir):
    args = ["analyse", str(ref_dir / "asem_iData.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"),
            "--uncertainty", "10", "--set", "aggregation=topsis"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "the aggregation TOPSIS (closeness to the ideal) compares units" in err


@pytest.mark.parametrize("name", ["mpi", "copeland", "topsis"])
def test_one_unit_refuses_the_aggregations_that_compare_units(capsys, sample_coindex, name):
    assert main(["compute", str(sample_coindex), "--set", f"aggregation={name}"]) == 2
    err = capsys.readouterr().err
    assert "it compares the units of each period, and the project has one ('CCEC')" in err
    assert err.rstrip().endswith("Aggregations that can: arithmetic, geometric, harmonic, generalised, ampi")


def test_ampi_works_on_one_unit_over_time(capsys, sample_coindex):
    assert main(["compute", str(sample_coindex), "--set", "aggregation=ampi", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    idx = [r["value"] for r in doc["scores"] if r["code"] == "CII"]
    assert len(idx) == 5 and all(70 <= v <= 130 for v in idx) and idx[-1] > idx[0]
