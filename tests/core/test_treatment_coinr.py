"""COINr's full example pipeline (``build_example_coin``: Denominate ->
Impute i_mean_grp by EurAsia_group -> Screen dat_thresh 0.9 -> Treat ->
min-max -> arithmetic mean) matched at every stage to 1e-9, including the
outlier check of every indicator and which points were winsorised.

Reference files: tests/data/coinr-asem/fullexample_*.csv (R calls in its
README).  Units joined on uCode.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.cli import main
from core.importing.inputs import load_input
from core.pipeline.engine import Engine
from core.treatment.prepare import prepare

REF = Path(__file__).resolve().parents[1] / "data" / "coinr-asem"
TOL = 1e-9
STAGES = [
    ("fullexample_denominated.csv", [("denominate", "true")]),
    ("fullexample_imputed.csv", [("imputation", "group_mean"), ("imputation_group", "EurAsia_group")]),
    ("fullexample_treated.csv", [("screen_threshold", "0.9"), ("treatment", "winsorise")]),
]
FULL = [kv for _, sets in STAGES for kv in sets]


@pytest.fixture(scope="module")
def project():
    return load_input(REF / "asem_iData.csv", REF / "asem_iMeta.csv")


def settings_with(project, sets):
    s = project.settings.copy()
    for k, v in sets:
        s.apply(k, v)
    return s


def frame(values, ds) -> pd.DataFrame:
    return pd.DataFrame(values[:, 0, :], index=ds.unit_codes, columns=ds.codes)


def assert_frame(ref: pd.DataFrame, got: pd.DataFrame, label):
    assert set(ref.index) == set(got.index), label
    got = got.loc[ref.index, ref.columns].astype(float)
    assert (got.isna() == ref.isna()).all().all(), f"{label}: different missing cells"
    diff = (got - ref).abs().max().max()
    assert diff < TOL, f"{label}: max difference {diff}"


@pytest.mark.parametrize("stage", range(len(STAGES)), ids=[s[0] for s in STAGES])
def test_every_stage_matches_coinr(project, stage):
    sets = [kv for _, s in STAGES[:stage + 1] for kv in s]
    ref = pd.read_csv(REF / STAGES[stage][0]).set_index("uCode")
    out = prepare(project.framework, project.dataset, settings_with(project, sets))
    assert_frame(ref, frame(out.values, project.dataset), STAGES[stage][0])
    # the stage changed something COINr's previous stage had (the test can fail)
    if stage:
        before = pd.read_csv(REF / STAGES[stage - 1][0]).set_index("uCode")
        assert not np.allclose(before.values.astype(float), ref.values.astype(float), equal_nan=True)


def test_imputed_cells_are_those_missing_after_denomination(project):
    out = prepare(project.framework, project.dataset, settings_with(project, FULL[:3]))
    den = pd.read_csv(REF / "fullexample_denominated.csv").set_index("uCode")
    missing = den.isna()
    got = pd.DataFrame(out.imputed[:, 0, :], index=project.dataset.unit_codes,
                       columns=project.dataset.codes).loc[den.index, den.columns]
    assert int(missing.values.sum()) == 65
    assert (got == missing).all().all()


def test_outlier_check_and_treated_points_match_coinr(project):
    out = prepare(project.framework, project.dataset, settings_with(project, FULL))
    dets = pd.read_csv(REF / "fullexample_treat_details.csv").set_index("iCode")
    imputed = pd.read_csv(REF / "fullexample_imputed.csv").set_index("uCode")
    treated = pd.read_csv(REF / "fullexample_treated.csv").set_index("uCode")
    n_treated = 0
    for code, row in dets.iterrows():
        (r,) = out.log[code]
        assert r["skew"] == pytest.approx(row["check_SkewKurt0.Skew"], abs=TOL), code
        assert r["kurt"] == pytest.approx(row["check_SkewKurt0.Kurt"], abs=TOL), code
        changed = set(imputed.index[(imputed[code] - treated[code]).abs() > 0])
        got = {p["unit"] for p in r["points"]}
        assert got == changed, code
        if bool(row["check_SkewKurt0.Pass"]):
            assert r["action"] == "passed" and not got, code
            continue
        n_treated += 1
        assert r["action"] == "winsorised", code
        assert r["nwin"] == int(row["winsorise.nwin"]), code
        assert r["skew_after"] == pytest.approx(row["check_SkewKurt1.Skew"], abs=TOL), code
        assert r["kurt_after"] == pytest.approx(row["check_SkewKurt1.Kurt"], abs=TOL), code
    assert n_treated == 15


def test_scores_match_coinr_aggregated(project):
    e = Engine(project.framework, project.dataset, settings_with(project, FULL))
    ref = pd.read_csv(REF / "fullexample_aggregated.csv").set_index("uCode")
    got = pd.DataFrame({c: e.score(c)[:, 0] for c in e.codes}, index=project.dataset.unit_codes)
    assert_frame(ref, got, "fullexample_aggregated.csv")
    kinds = {w["kind"] for w in e.warnings}
    assert {"imputed", "treated"} <= kinds


def test_compute_json_reports_the_treatment(tmp_path, capsys):
    args = ["compute", str(REF / "asem_iData.csv"), "--meta", str(REF / "asem_iMeta.csv"), "--json"]
    for k, v in FULL:
        args += ["--set", f"{k}={v}"]
    main(args)
    doc = json.loads(capsys.readouterr().out)
    t = doc["treatment"]
    assert len(t["imputed"]) == 65 and t["screened"] == []
    flights = next(r for r in t["indicators"] if r["code"] == "Flights")
    assert flights["action"] == "winsorised" and flights["winsorised"] == 1
    assert flights["points"] == [{"unit": "MLT", "period": 2018, "side": "high"}]
    ref = pd.read_csv(REF / "fullexample_aggregated.csv").set_index("uCode")
    index = {r["unit"]: r["value"] for r in doc["scores"] if r["code"] == "Index"}
    assert max(abs(index[u] - ref.loc[u, "Index"]) for u in ref.index) < TOL
