"""Coupling coordination degree: worked examples by hand, the grades, and
the ``coupling`` command."""
from __future__ import annotations

import json
import math

import numpy as np
import pytest

from core.cli import main
from core.pipeline.coupling import GRADES, coupling, grade, grade_name


def test_two_equal_subsystems_couple_fully():
    C, T, D = coupling(np.array([0.5, 0.5]))
    assert (C, T) == pytest.approx((1.0, 0.5)) and D == pytest.approx(math.sqrt(0.5))
    assert grade_name(D, "zh") == "中级协调" and grade_name(D) == "intermediate coordination"


def test_worked_examples():
    # U = 0.2, 0.8: C = 2 sqrt(0.16) / 1 = 0.8, T = 0.5, D = sqrt(0.4)
    C, T, D = coupling(np.array([0.2, 0.8]))
    assert (C, T, D) == pytest.approx((0.8, 0.5, math.sqrt(0.4)), abs=1e-12)
    assert grade_name(D, "zh") == "初级协调"
    # three: (0.2 x 0.4 x 0.8)^(1/3) = 0.4, C = 3 x 0.4 / 1.4, T = 1.4 / 3 -> C T = 0.4
    C, T, D = coupling(np.array([0.2, 0.4, 0.8]))
    assert (C, T, D) == pytest.approx((1.2 / 1.4, 1.4 / 3, math.sqrt(0.4)), abs=1e-12)
    # weighted development: a = 0.25, 0.75 -> T = 0.05 + 0.6
    C, T, D = coupling(np.array([0.2, 0.8]), np.array([1.0, 3.0]))
    assert T == pytest.approx(0.65) and D == pytest.approx(math.sqrt(0.8 * 0.65))


def test_a_zero_subsystem_means_no_coupling_and_all_zero_is_missing():
    C, T, D = coupling(np.array([[0.0, 0.0], [0.6, 0.0]]))
    assert C[0] == 0.0 and D[0] == 0.0 and grade_name(D[0], "zh") == "极度失调"
    assert np.isnan(C[1]) and grade(D[1]) is None


def test_ten_grades_in_bands_of_a_tenth():
    assert [g[1] for g in GRADES] == ["极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调", "勉强协调", "初级协调",
                                      "中级协调", "良好协调", "优质协调"]
    assert [grade(x) for x in (0.0, 0.0999, 0.1, 0.45, 0.5999999, 0.6, 0.9, 1.0)] == [0, 0, 1, 4, 5, 6, 9, 9]


def test_command_with_nodes(capsys, ref_dir):
    args = ["coupling", str(ref_dir / "asem_iData.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"),
            "--nodes", "Conn,Sust", "--json"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["subsystems"] == ["Conn", "Sust"] and doc["by"] == "nodes" and doc["weights"] == [0.5, 0.5]
    assert len(doc["rows"]) == 51
    for row in doc["rows"]:
        u1, u2 = row["U"]["Conn"], row["U"]["Sust"]
        c = 2 * math.sqrt(u1 * u2) / (u1 + u2)
        assert row["C"] == pytest.approx(c) and row["T"] == pytest.approx((u1 + u2) / 2)
        assert row["D"] == pytest.approx(math.sqrt(c * (u1 + u2) / 2))
        assert row["grade_zh"] == GRADES[int(row["D"] * 10)][1]


def test_command_with_units_per_period(capsys, ref_dir):
    args = ["coupling", str(ref_dir / "asem_iData_p.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"),
            "--units", "AUT,BEL", "--weights", "1,3", "--json"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["by"] == "units" and doc["weights"] == [0.25, 0.75]
    assert [r["period"] for r in doc["rows"]] == [2018, 2019, 2020, 2021, 2022]
    assert all("unit" not in r and set(r["U"]) == {"AUT", "BEL"} for r in doc["rows"])


@pytest.mark.parametrize("extra, words", [
    (["--nodes", "Conn"], "at least two subsystems"),
    (["--nodes", "Conn,XX"], "'XX' is not a node of the framework"),
    (["--units", "AUT,ZZZ"], "'ZZZ' is not a unit of the data"),
    (["--nodes", "Conn,Sust", "--weights", "1"], "2 subsystems need 2 weights"),
    (["--nodes", "Conn,Sust", "--set", "normalisation=zscore"], "needs scores in [0, 1]"),
])
def test_command_errors_name_the_problem(capsys, ref_dir, extra, words):
    args = ["coupling", str(ref_dir / "asem_iData.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"), *extra]
    assert main(args) == 1
    assert words in capsys.readouterr().err


def test_command_prints_a_table_in_chinese(capsys, ref_dir):
    args = ["coupling", str(ref_dir / "asem_iData.csv"), "--meta", str(ref_dir / "asem_iMeta.csv"),
            "--units", "AUT,BEL", "--language", "zh"]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["时期", "C", "T", "D", "等级"] and out[1].split()[-1] in {g[1] for g in GRADES}
