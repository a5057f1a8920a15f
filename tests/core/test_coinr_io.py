"""COINr interchange: the iData / iMeta CSV files follow COINr's input rules
(``check_iData`` / ``check_iMeta`` of COINr 1.x, restated below as checks on
the written files) and read back into the identical project and scores."""
from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from core.exporting.coinr import coinr_frames, export_coinr
from core.model.dataset import Dataset
from core.errors import InputError
from core.model.framework import Framework
from core.project.project import Project
from core.model.settings import Settings
from core.importing.inputs import load_input


def _is_text(col) -> bool:
    """What R's read.csv reads as a character column: not all numbers."""
    return not pd.api.types.is_numeric_dtype(col) and not col.isna().all()


def assert_coinr_accepts(idata_path, imeta_path):
    """COINr's new_coin checks, as they apply to CSV files read by R."""
    raw = open(imeta_path, "rb").read(3)
    assert raw != b"\xef\xbb\xbf", "a byte order mark would become part of R's first column name"
    meta = pd.read_csv(imeta_path, keep_default_na=False, na_values=[""])
    data = pd.read_csv(idata_path, keep_default_na=False, na_values=[""])
    # iMeta: required columns and types
    for col in ("Level", "iCode", "Parent", "Direction", "Type", "Weight"):
        assert col in meta.columns, col
    nodes = meta[meta["Type"].isin(["Indicator", "Aggregate"])]
    assert set(meta["Type"]) <= {"Indicator", "Aggregate", "Group", "Denominator", "Other"}
    assert not meta["iCode"].duplicated().any() and meta["iCode"].notna().all()
    assert not meta["iCode"].astype(str).str[0].str.isdigit().any()
    assert nodes["Level"].notna().all() and nodes["Direction"].isin([1, -1]).all() and nodes["Weight"].notna().all()
    levels = sorted(set(nodes["Level"].astype(int)))
    assert levels == list(range(1, max(levels) + 1)), "levels must not skip"
    assert (nodes.loc[nodes["Type"] == "Indicator", "Level"] == 1).all()
    if "iName" in meta.columns:
        assert meta["iName"].notna().all()
    if "Unit" in meta.columns:
        assert _is_text(meta["Unit"])
    if "Target" in meta.columns:
        assert pd.api.types.is_numeric_dtype(meta["Target"])
        assert meta.loc[meta["Type"] == "Indicator", "Target"].notna().all()
    level = dict(zip(nodes["iCode"], nodes["Level"].astype(int)))
    top = max(levels)
    for code, parent in zip(nodes["iCode"], nodes["Parent"]):
        if isinstance(parent, str):
            assert parent in level and level[parent] == level[code] + 1, (code, parent)
        else:
            assert level[code] == top, code
    aux = meta[meta["Type"].isin(["Group", "Denominator"])]
    assert aux["Level"].isna().all() and aux["Parent"].isna().all()
    # iData: uCode text, Time numeric, every other column an iCode, indicators numeric
    assert "uCode" in data.columns and _is_text(data["uCode"])
    if "Time" in data.columns:
        assert pd.api.types.is_numeric_dtype(data["Time"])
        assert not data.duplicated(["uCode", "Time"]).any()
    else:
        assert not data["uCode"].duplicated().any()
    assert not set(data["uCode"]) & set(data.columns)
    others = [c for c in data.columns if c not in ("uCode", "uName", "Time")]
    assert set(others) <= set(meta["iCode"]), set(others) - set(meta["iCode"])
    assert set(meta.loc[meta["Type"] != "Aggregate", "iCode"]) <= set(data.columns)
    for code in meta.loc[meta["Type"] == "Indicator", "iCode"]:
        assert pd.api.types.is_numeric_dtype(data[code]), code
    return data, meta


def _round_trip(project, tmp_path):
    d, m = tmp_path / "iData.csv", tmp_path / "iMeta.csv"
    notes = export_coinr(project, d, m)
    assert_coinr_accepts(d, m)
    back = load_input(d, m)
    back.settings = project.settings.copy()
    return back, notes


def _same_project(a, b):
    assert [n.code for n in a.framework.nodes] == [n.code for n in b.framework.nodes]
    for x, y in zip(a.framework.nodes, b.framework.nodes):
        assert (x.name, x.name_zh, x.parent, x.weight, x.direction, x.type) == \
            (y.name, y.name_zh, y.parent, y.weight, y.direction, y.type), x.code
    da, db = a.dataset, b.dataset
    assert (da.unit_codes, da.unit_names, da.periods, da.codes) == (db.unit_codes, db.unit_names, db.periods, db.codes)
    assert np.array_equal(da.values, db.values, equal_nan=True)
    assert np.array_equal(a.engine.scores, b.engine.scores, equal_nan=True)


def test_sample_round_trip_gives_identical_scores(tmp_path, sample_coindex):
    p = load_input(sample_coindex)
    back, notes = _round_trip(p, tmp_path)
    _same_project(p, back)
    assert notes == []
    meta = pd.read_csv(tmp_path / "iMeta.csv")
    # COINr's iName is one column: English there, Chinese in an extra column
    row = meta.set_index("iCode").loc["RA"]
    assert row["iName"] == "Resource agglomeration" and row["iName_zh"] == "资源集聚"
    assert back.engine.score("CII")[0, -1] == pytest.approx(202.29, abs=0.005)


@pytest.mark.parametrize("panel", [False, True])
def test_asem_round_trip_and_coinr_columns(tmp_path, ref_dir, panel):
    p = load_input(ref_dir / ("asem_iData_p.csv" if panel else "asem_iData.csv"), ref_dir / "asem_iMeta.csv")
    back, notes = _round_trip(p, tmp_path)
    _same_project(p, back)
    for name in ("GDP_group", "EurAsia_group"):
        assert np.array_equal(p.dataset.groups[name], back.dataset.groups[name])
    for name in ("Area", "Population"):
        assert np.array_equal(p.dataset.denominators[name], back.dataset.denominators[name], equal_nan=True)
    # the core iMeta columns are COINr's own file's, row for row
    ours = pd.read_csv(tmp_path / "iMeta.csv").set_index("iCode")
    theirs = pd.read_csv(ref_dir / "asem_iMeta.csv").set_index("iCode")
    assert set(ours.index) == set(theirs.index)
    cols = ["Level", "iName", "Direction", "Weight", "Unit", "Target", "Denominator", "Parent", "Type"]
    pd.testing.assert_frame_equal(ours.loc[theirs.index, cols], theirs[cols], check_dtype=False)
    data = pd.read_csv(tmp_path / "iData.csv")
    assert list(data.columns[:3]) == ["uCode", "uName", "Time"]


def test_per_indicator_settings_travel_as_meta_columns(tmp_path, sample_coindex):
    p = load_input(sample_coindex)
    p.settings.normalisation_by = {"IC1": "none"}          # (min-max cannot work on the one-unit sample)
    p.settings.base_year_by = {"RA2": 2021}
    back, _ = _round_trip(p, tmp_path)
    assert back.engine.method[back.framework.indicator_codes.index("IC1")] == "none"
    _same_project(p, back)


def _flat(codes=("A", "B"), units=("U1", "U2"), periods=(2020, 2021), **node_changes):
    meta = [{"iCode": "IDX", "Type": "Aggregate"}] + [{"iCode": c, "Parent": "IDX", "Type": "Indicator",
                                                       "Unit": "t"} for c in codes]
    fw = Framework.from_records(meta)
    nodes = [replace(n, **node_changes.get(n.code, {})) for n in fw.nodes]
    fw = Framework(nodes)
    X = np.arange(1.0, 1 + len(units) * len(periods) * len(codes)).reshape(len(units), len(periods), len(codes))
    return Project(fw, Dataset(list(units), list(units), list(periods), list(codes), X), Settings())


@pytest.mark.parametrize("project, words", [
    (lambda: _flat(codes=("A", "1B")), "'1B' starts with a digit"),
    (lambda: _flat(units=("U1", "2020x")), "unit code '2020x' starts with a digit"),
    (lambda: _flat(units=("U1", "A")), "'A' is both a unit code and an indicator code"),
    (lambda: _flat(periods=("2020Q1", "2020Q2")), "'2020Q1' is not a number"),
])
def test_what_coinr_cannot_take_is_refused_before_writing(tmp_path, project, words):
    with pytest.raises(InputError, match=words.replace("(", r"\(")):
        export_coinr(project(), tmp_path / "d.csv", tmp_path / "m.csv")
    assert list(tmp_path.iterdir()) == []


def test_mixed_depth_is_refused_naming_the_node(tmp_path):
    meta = [{"iCode": "IDX", "Type": "Aggregate"}, {"iCode": "D1", "Parent": "IDX", "Type": "Aggregate"},
            {"iCode": "A", "Parent": "D1", "Type": "Indicator"}, {"iCode": "B", "Parent": "IDX", "Type": "Indicator"}]
    fw = Framework.from_records(meta)
    p = Project(fw, Dataset(["U1"], ["U1"], [None], ["A", "B"], np.ones((1, 1, 2))), Settings())
    with pytest.raises(InputError, match="'B' \\(level 1\\) has the parent 'IDX' at level 3"):
        export_coinr(p, tmp_path / "d.csv", tmp_path / "m.csv")
    assert list(tmp_path.iterdir()) == []


def test_partial_unit_and_target_columns_are_left_out_with_a_note(tmp_path):
    p = _flat(codes=("A", "B", "C"), A={"unit": "", "params": {"Target": 5}})
    d, m = tmp_path / "d.csv", tmp_path / "m.csv"
    notes = export_coinr(p, d, m)
    assert_coinr_accepts(d, m)
    meta = pd.read_csv(m)
    assert "Unit" not in meta.columns and "Target" not in meta.columns
    assert any("Unit column left out" in n for n in notes) and any("Target column left out" in n for n in notes)


def test_single_period_without_time_and_empty_indicator(tmp_path):
    p = _flat(periods=(None,))
    p.dataset.values[:, :, 1] = math.nan
    d, m = tmp_path / "d.csv", tmp_path / "m.csv"
    notes = export_coinr(p, d, m)
    assert "Time" not in pd.read_csv(d).columns
    assert any("B have no values" in n for n in notes)
    data, meta = coinr_frames(p)[:2]
    assert list(data.columns) == ["uCode", "uName", "A", "B"]
