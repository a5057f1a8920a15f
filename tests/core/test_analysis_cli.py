"""``python main.py analyse``: the JSON contract of issue 15, the table
without --json, and bad arguments (exit 2, a message naming them)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from core.cli import main as cli_main

STAT_KEYS = ["unit", "code", "nominal_score", "nominal_rank", "mean_rank", "median_rank", "p05_rank", "p95_rank",
             "p05_score", "p95_score"]
SOBOL_KEYS = ["input", "S1", "S1_conf", "ST", "ST_conf"]


def run(capsys, *args):
    rc = cli_main(["analyse", *map(str, args)])
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture(scope="module")
def asem_args(ref_dir):
    return [ref_dir / "asem_iData.csv", "--meta", ref_dir / "asem_iMeta.csv"]


@pytest.fixture(scope="module")
def doc(asem_args, run_cli):
    p = run_cli("analyse", *asem_args, "--uncertainty", "300", "--weights-noise", "0.25", "--noise-levels", "2,3",
                "--normalisations", "minmax,zscore", "--sensitivity", "--seed", "4", "--json")
    assert p.returncode == 0, p.stderr
    assert p.stderr == ""
    return json.loads(p.stdout)


def test_top_level_keys(doc):
    assert list(doc) == ["nominal", "statistics", "sobol", "replications"]


def test_nominal_is_the_compute_document(doc, asem_args, cli_json):
    assert doc["nominal"] == cli_json(*asem_args)


def test_statistics_records(doc):
    rows = doc["statistics"]
    assert all(list(r) == STAT_KEYS for r in rows)
    aggregates = [f["code"] for f in doc["nominal"]["framework"] if f["level"] > 1]
    assert len(rows) == len(aggregates) * 51 == 561
    assert [r["code"] for r in rows[:51]] == ["Index"] * 51                  # the index first
    assert {r["code"] for r in rows} == set(aggregates)
    nominal = {(s["unit"], s["code"]): s["value"] for s in doc["nominal"]["scores"]}
    ranks = {(s["unit"], s["code"]): s["rank"] for s in doc["nominal"]["ranks"]}
    for r in rows:
        assert r["nominal_score"] == nominal[(r["unit"], r["code"])]
        assert r["nominal_rank"] == ranks[(r["unit"], r["code"])] and isinstance(r["nominal_rank"], int)
        assert 1 <= r["p05_rank"] <= r["median_rank"] <= r["p95_rank"] <= 51
        assert 1 <= r["mean_rank"] <= 51
        assert r["p05_score"] <= r["p95_score"]
    deu = next(r for r in rows if r["unit"] == "DEU" and r["code"] == "Index")
    assert (deu["nominal_rank"], deu["p05_rank"], deu["p95_rank"]) == (1, 1, 1)
    # the z-score replications pull the 5th percentile score far below the min-max scores
    assert deu["p05_score"] < 5 < 50 < deu["p95_score"]


def test_replications_record_every_assumption(doc):
    reps = doc["replications"]
    assert len(reps) == 300
    fw = {f["code"]: f for f in doc["nominal"]["framework"]}
    used = {c for c, f in fw.items() if f["parent"] is not None}
    for r in reps:
        assert list(r) == ["normalisation", "aggregation", "weights"]
        assert r["normalisation"] in ("minmax", "zscore") and r["aggregation"] == "arithmetic"
        assert set(r["weights"]) == used
        for code, w in r["weights"].items():
            if fw[code]["level"] in (2, 3):
                assert abs(w / fw[code]["weight"] - 1) <= 0.25
            else:
                assert w == fw[code]["weight"]
    assert 0.4 < np.mean([r["normalisation"] == "zscore" for r in reps]) < 0.6


def test_sobol_records(doc):
    assert [s["input"] for s in doc["sobol"]] == ["weights_level_2", "weights_level_3", "normalisation"]
    for s in doc["sobol"]:
        assert list(s) == SOBOL_KEYS
        assert 0 <= s["ST"] <= 1.2 and s["ST_conf"] > 0


def test_same_seed_same_document_other_seed_other(capsys, asem_args):
    args = [*asem_args, "--uncertainty", "50", "--weights-noise", "0.1", "--json"]
    first = run(capsys, *args, "--seed", "9")
    again = run(capsys, *args, "--seed", "9")
    other = run(capsys, *args, "--seed", "10")
    assert first[0] == 0 and first == again and other[1] != first[1]
    doc = json.loads(first[1])
    assert list(doc) == ["nominal", "statistics", "replications"]             # no sobol unless asked


def test_set_and_methods_reach_the_analysis(capsys, asem_args):
    rc, out, err = run(capsys, *asem_args, "--set", "minmax_range=1,100", "--uncertainty", "40",
                       "--aggregations", "arithmetic,geometric", "--leave-out", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert {r["aggregation"] for r in doc["replications"]} == {"arithmetic", "geometric"}
    zero = [r for r in doc["replications"] if 0.0 in r["weights"].values()]
    assert zero and all(list(r["weights"].values()).count(0.0) == 1 for r in zero)
    low = min(s["value"] for s in doc["nominal"]["scores"] if s["code"] == "Goods")
    assert low == 1.0                                                          # --set reached the nominal


def test_without_json_a_table(capsys, asem_args):
    rc, out, _ = run(capsys, *asem_args, "--uncertainty", "100", "--normalisations", "minmax,zscore",
                     "--sensitivity")
    assert rc == 0
    lines = out.splitlines()
    assert lines[0] == "Index: 100 replications"
    assert lines[1].split() == ["unit", "nominal", "mean", "median", "p05", "p95"]
    assert lines[2].split()[:2] == ["DEU", "1"]
    assert lines[-2].split() == ["input", "S1", "S1_conf", "ST", "ST_conf"]
    assert lines[-1].split()[0] == "normalisation"


def test_imputation_and_treatment_switched(capsys, asem_args):
    rc, out, err = run(capsys, *asem_args, "--uncertainty", "120", "--imputations", "none,Mean", "--treatments",
                       "none,winsorise", "--sensitivity", "--sobol-n", "32", "--seed", "3", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    assert list(doc) == ["nominal", "statistics", "sobol", "replications"]
    assert all(list(r) == STAT_KEYS for r in doc["statistics"])
    reps = doc["replications"]
    assert all(list(r) == ["normalisation", "aggregation", "imputation", "treatment", "weights"] for r in reps)
    assert {(r["imputation"], r["treatment"]) for r in reps} == {("none", "none"), ("none", "winsorise"),
                                                                 ("mean", "none"), ("mean", "winsorise")}
    assert [s["input"] for s in doc["sobol"]] == ["imputation", "treatment"]
    # the nominal is the project's (no imputation, no treatment): its 'treatment' section is empty
    assert doc["nominal"]["treatment"]["imputed"] == []


@pytest.mark.parametrize("args, words", [
    (["--uncertainty", "many"], "argument --uncertainty: 'many' is not a whole number"),
    (["--weights-noise", "0.1"], "the following arguments are required: --uncertainty"),
    (["--uncertainty", "10", "--noise-levels", "2;3"], "'2;3' is not a list of levels such as 2,3"),
    (["--uncertainty", "10", "--weights-noise", "-0.5"], "the weights noise must be a number from 0 to 1"),
    (["--uncertainty", "10", "--normalisations", "minmax,best"], "'best' is not a valid value for normalisation; "
                                                                  "valid values: fixed_base, minmax"),
    (["--uncertainty", "10", "--imputations", "none,guess"], "--imputations: 'guess' is not a valid value for "
                                                              "imputation; valid values: none, mean, median, group_mean"),
    (["--uncertainty", "10", "--treatments", "none,trim"], "--treatments: 'trim' is not a valid value for treatment; "
                                                           "valid values: none, winsorise"),
    (["--uncertainty", "10", "--period", "1999"], "period 1999 is not a period of the data (2018)"),
    (["--uncertainty", "10", "--sensitivity"], "nothing is uncertain"),
    (["--uncertainty", "10", "--set", "weighting=heavy"], "'heavy' is not a valid value for weighting"),
])
def test_bad_arguments_exit_2(run_cli, asem_args, args, words):
    p = run_cli("analyse", *asem_args, *args, "--json")
    assert p.returncode == 2, p.stderr
    assert words in p.stderr and "Traceback" not in p.stderr
    assert p.stdout == ""


def test_a_missing_file_exits_1(run_cli, tmp_path):
    p = run_cli("analyse", tmp_path / "none.coindex", "--uncertainty", "10")
    assert p.returncode == 1 and "none.coindex: no such file" in p.stderr


def test_the_bundled_sample_project(capsys, sample_coindex):
    rc, out, err = run(capsys, sample_coindex, "--uncertainty", "200", "--weights-noise", "0.2", "--json")
    assert rc == 0, err
    doc = json.loads(out)
    periods = doc["nominal"]["periods"]
    last = {(s["unit"], s["code"]): s["value"] for s in doc["nominal"]["scores"] if s["period"] == periods[-1]}
    for r in doc["statistics"]:
        assert r["nominal_score"] == last[(r["unit"], r["code"])]        # the last period by default
