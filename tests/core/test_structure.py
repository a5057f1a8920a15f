"""Framework edits (core/project/structure.py): each command does what it says, keeps
the dataset's columns in step with the framework, refuses what would break
the tree with a message saying why, and its inverse restores the project
exactly (framework records, values including NaN, settings, results)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from core.project import projectfile
from core.model.dataset import Dataset
from core.pipeline.engine import Engine
from core.errors import CoIndexError, FrameworkError, InputError, SettingsError
from core.model.framework import Framework, Node
from core.project.project import Project
from core.model.settings import Settings
from core.project.overrides import SetBaseYear, SetNormalisation, base_year_override, normalisation_override
from core.project.structure import (AddAggregate, AddIndicator, DeleteNode, EditNode, MoveNode, RenameNode,
                                    Restructure, SetDirection, SetWeight, ToggleDirection, descendants,
                                    has_data)


def make_project() -> Project:
    """IDX -> A (A1, A2, sub-dimension AS (AS1, AS2)), B (B1, B2, B3);
    3 units x 4 periods with a few missing values; overrides on A1 and B2."""
    nodes = [
        Node("IDX", "Index", "指数", type="Aggregate"),
        Node("A", "Alpha", "甲", parent="IDX", weight=2.0, type="Aggregate"),
        Node("A1", "Alpha one", "甲一", parent="A", weight=1.0, unit="t", source="S1"),
        Node("A2", "Alpha two", parent="A", weight=3.0, direction=-1),
        Node("AS", "Alpha sub", parent="A", weight=1.0, type="Aggregate"),
        Node("AS1", "Alpha sub one", parent="AS", weight=1.0),
        Node("AS2", "Alpha sub two", parent="AS", weight=1.0, params={"BaseYear": 2021}),
        Node("B", "Beta", "乙", parent="IDX", weight=1.0, type="Aggregate"),
        Node("B1", "Beta one", parent="B", weight=1.0),
        Node("B2", "Beta two", parent="B", weight=1.0),
        Node("B3", "Beta three", parent="B", weight=0.5),
    ]
    fw = Framework(nodes)
    rng = np.random.default_rng(7)
    values = rng.uniform(10, 100, size=(3, 4, len(fw.indicator_codes)))
    values[0, 1, 0] = np.nan
    values[2, 3, 4] = np.nan
    ds = Dataset(["U1", "U2", "U3"], ["One", "Two", "Three"], [2020, 2021, 2022, 2023], fw.indicator_codes, values)
    s = Settings(normalisation="fixed_base", base_year=2020, normalisation_by={"A1": "minmax"},
                 base_year_by={"B2": 2022})
    return Project(fw, ds, s)


def snapshot(p: Project):
    p.engine  # results too, so that a stale engine shows
    return {"records": p.framework.to_records(), "codes": list(p.dataset.codes), "values": p.dataset.values.copy(),
            "units": list(p.dataset.unit_codes), "periods": list(p.dataset.periods),
            "settings": p.settings.to_dict(), "scores": p.engine.scores.copy(), "nodes": list(p.engine.codes)}


def assert_same(a, b):
    assert a["records"] == b["records"]
    assert a["codes"] == b["codes"]
    assert a["units"] == b["units"] and a["periods"] == b["periods"]
    assert a["settings"] == b["settings"]
    assert np.array_equal(a["values"], b["values"], equal_nan=True)
    assert a["nodes"] == b["nodes"]
    assert np.array_equal(a["scores"], b["scores"], equal_nan=True)


def assert_fresh(p: Project):
    """The project's results equal a fresh engine's, and the dataset follows the framework."""
    assert p.dataset.codes == p.framework.indicator_codes
    fresh = Engine(p.framework, p.dataset, p.settings)
    assert fresh.codes == p.engine.codes
    assert np.array_equal(fresh.scores, p.engine.scores, equal_nan=True)


def roundtrip(p: Project, command):
    """Apply, undo, redo; checks undo restores exactly and redo gives the
    edited state again.  Returns the project after the edit."""
    before = snapshot(p)
    events = []
    p.add_listener(lambda e, payload=None: events.append(e))
    inverse = command.apply(p)
    assert "structure" in events
    assert_fresh(p)
    after = snapshot(p)
    redo = inverse.apply(p)
    assert_same(snapshot(p), before)
    redo.apply(p)
    assert_same(snapshot(p), after)
    return p


@pytest.fixture
def project():
    return make_project()


# ---- adding --------------------------------------------------------------------------------
def test_add_indicator_appends_a_missing_column(project):
    old, old_codes = project.dataset.values.copy(), list(project.dataset.codes)
    roundtrip(project, AddIndicator("B", name="Beta four", name_zh="乙四", unit="km"))
    fw, ds = project.framework, project.dataset
    assert fw.children("B") == ["B1", "B2", "B3", "B4"]
    node = fw["B4"]
    assert (node.name, node.name_zh, node.unit, node.is_indicator) == ("Beta four", "乙四", "km", True)
    assert node.weight == pytest.approx((1.0 + 1.0 + 0.5) / 3)
    assert np.isnan(ds.values[:, :, ds.code_index["B4"]]).all()
    for j, c in enumerate(old_codes):
        assert np.array_equal(ds.values[:, :, ds.code_index[c]], old[:, :, j], equal_nan=True)


def test_add_indicator_at_a_position_and_with_a_code(project):
    roundtrip(project, AddIndicator("A", code="A0", position=0, weight=2, direction=-1))
    fw = project.framework
    assert fw.children("A") == ["A0", "A1", "A2", "AS"]
    assert fw.indicator_codes[0] == "A0"
    assert (fw["A0"].weight, fw["A0"].direction) == (2.0, -1)


def test_add_dimension_with_a_first_indicator(project):
    roundtrip(project, AddAggregate("IDX", name="Gamma"))
    fw = project.framework
    assert fw.children("IDX") == ["A", "B", "DIM1"]
    assert fw["DIM1"].name == "Gamma" and not fw["DIM1"].is_indicator
    assert fw.children("DIM1") == ["DIM1_1"]
    assert np.isnan(project.dataset.values[:, :, project.dataset.code_index["DIM1_1"]]).all()
    # with missing data only, the new dimension is missing and the index carries on
    assert np.isnan(project.engine.score("DIM1")).all()
    assert np.isfinite(project.engine.score("IDX")).all()


def test_add_sub_dimension_taking_existing_nodes(project):
    roundtrip(project, AddAggregate("B", code="BS", name="Beta sub", children=("B2", "B3")))
    fw = project.framework
    assert fw.children("B") == ["B1", "BS"]
    assert fw.children("BS") == ["B2", "B3"]
    assert fw.level["B"] == 3


def test_add_refused(project):
    before = snapshot(project)
    with pytest.raises(FrameworkError, match="only a dimension"):
        AddIndicator("A1").apply(project)
    with pytest.raises(FrameworkError, match="not in the framework"):
        AddIndicator("NOPE").apply(project)
    with pytest.raises(FrameworkError, match="already used"):
        AddIndicator("A", code="b1").apply(project)
    with pytest.raises(FrameworkError, match="last node in 'B'"):
        AddAggregate("A", children=("B1", "B2", "B3")).apply(project)
    with pytest.raises(FrameworkError, match="inside"):
        AddAggregate("AS", children=("A",)).apply(project)
    assert_same(snapshot(project), before)


# ---- renaming and editing ------------------------------------------------------------------------
def test_rename_indicator_moves_column_and_overrides(project):
    col = project.dataset.values[:, :, project.dataset.code_index["A1"]].copy()
    roundtrip(project, RenameNode("A1", "ALPHA_1"))
    fw, ds, s = project.framework, project.dataset, project.settings
    assert "A1" not in fw and fw["ALPHA_1"].parent == "A"
    assert ds.codes[0] == "ALPHA_1"
    assert np.array_equal(ds.values[:, :, 0], col, equal_nan=True)
    assert s.normalisation_by == {"ALPHA_1": "minmax"}
    assert normalisation_override(project, "ALPHA_1") == "minmax"


def test_rename_aggregate_moves_children_and_base_year_override(project):
    roundtrip(project, RenameNode("B", "BETA"))
    assert project.framework.children("BETA") == ["B1", "B2", "B3"]
    roundtrip(project, RenameNode("B2", "B-2"))
    assert project.settings.base_year_by == {"B-2": 2022}


@pytest.mark.parametrize("code, why", [("A2", "already used"), ("a2", "already used"), ("", "empty"),
                                       ("has space", "not a valid code"), ("2024", "not a valid code"),
                                       ("uCode", "reserved"), ("x" * 41, "longer")])
def test_rename_refused(project, code, why):
    before = snapshot(project)
    with pytest.raises(FrameworkError, match=why):
        RenameNode("A1", code).apply(project)
    assert_same(snapshot(project), before)


def test_edit_names_unit_source_description(project):
    changes = {"name": "Alpha 1", "name_zh": "阿尔法一", "unit": "kg", "source": "Yearbook", "description": "d"}
    roundtrip(project, EditNode("A1", changes))
    node = project.framework["A1"]
    assert {k: getattr(node, k) for k in changes} == changes


def test_edit_refused(project):
    with pytest.raises(InputError, match="cannot be empty"):
        EditNode("A1", {"name": "  "}).apply(project)
    with pytest.raises(FrameworkError, match="not a field"):
        EditNode("A1", {"colour": "red"}).apply(project)
    with pytest.raises(FrameworkError, match="unchanged"):
        EditNode("A1", {"unit": "t"}).apply(project)


def test_set_weight_changes_results(project):
    before = project.engine.score("IDX").copy()
    roundtrip(project, SetWeight("B", "3"))
    assert project.framework["B"].weight == 3.0
    assert not np.allclose(project.engine.score("IDX"), before)
    for bad in ("-1", "abc", math.inf, True):
        with pytest.raises(InputError, match="weight of 'B'"):
            SetWeight("B", bad).apply(project)


def test_direction_set_and_toggle(project):
    roundtrip(project, ToggleDirection("A1"))
    assert project.framework["A1"].direction == -1
    roundtrip(project, SetDirection("A1", "1"))
    assert project.framework["A1"].direction == 1
    with pytest.raises(InputError, match="must be 1"):
        SetDirection("A1", 0).apply(project)


def test_base_year_override(project):
    roundtrip(project, SetBaseYear("A2", "2022"))
    assert project.framework["A2"].params["BaseYear"] == 2022
    assert base_year_override(project, "A2") == 2022
    # fixed-base with base 2022: the normalised value is 100 there
    t = project.dataset.period_index[2022]
    assert np.allclose(project.engine.score("A2")[:, t], 100.0)
    roundtrip(project, SetBaseYear("AS2", None))
    assert "BaseYear" not in project.framework["AS2"].params
    assert base_year_override(project, "AS2") is None
    # a settings override is replaced by the column, so the value set is the one used
    roundtrip(project, SetBaseYear("B2", 2021))
    assert "B2" not in project.settings.base_year_by
    assert base_year_override(project, "B2") == 2021
    with pytest.raises(SettingsError, match="not a period"):
        SetBaseYear("A2", 1999).apply(project)
    with pytest.raises(FrameworkError, match="indicators only"):
        SetBaseYear("A", 2021).apply(project)


def test_normalisation_override(project):
    roundtrip(project, SetNormalisation("B1", "rank"))
    assert project.settings.normalisation_by["B1"] == "rank"
    assert Engine(project.framework, project.dataset, project.settings).method[
        project.framework.indicator_codes.index("B1")] == "rank"
    roundtrip(project, SetNormalisation("A1", None))
    assert "A1" not in project.settings.normalisation_by
    with pytest.raises(SettingsError, match="not a method"):
        SetNormalisation("A1", "magic").apply(project)


# ---- deleting ----------------------------------------------------------------------------------
def test_delete_indicator_and_restore_exactly(project):
    assert has_data(project, "A1")
    roundtrip(project, DeleteNode("A1"))
    assert "A1" not in project.framework and "A1" not in project.dataset.codes
    assert "A1" not in project.settings.normalisation_by      # its override left with it


def test_delete_aggregate_with_subtree(project):
    assert descendants(project.framework, "A") == ["A1", "A2", "AS", "AS1", "AS2"]
    roundtrip(project, DeleteNode("A"))
    fw = project.framework
    assert fw.children("IDX") == ["B"]
    assert project.dataset.codes == ["B1", "B2", "B3"]
    assert project.settings.normalisation_by == {}


def test_delete_refused(project):
    before = snapshot(project)
    with pytest.raises(FrameworkError, match="the index itself"):
        DeleteNode("IDX").apply(project)
    DeleteNode("AS1").apply(project)
    with pytest.raises(FrameworkError, match="last node in 'AS'.*at least one"):
        DeleteNode("AS2").apply(project)
    with pytest.raises(FrameworkError, match="no node"):
        DeleteNode("ZZ").apply(project)
    assert "AS2" in project.framework
    assert before["codes"] != project.dataset.codes


def test_has_data(project):
    AddIndicator("B", code="B4").apply(project)
    assert not has_data(project, "B4")
    assert has_data(project, "B")


# ---- moving ------------------------------------------------------------------------------------
def test_move_indicator_to_another_dimension(project):
    col = project.dataset.values[:, :, project.dataset.code_index["A2"]].copy()
    roundtrip(project, MoveNode("A2", "B"))
    fw, ds = project.framework, project.dataset
    assert fw.children("A") == ["A1", "AS"] and fw.children("B") == ["B1", "B2", "B3", "A2"]
    assert np.array_equal(ds.values[:, :, ds.code_index["A2"]], col, equal_nan=True)


def test_move_reorders_within_a_parent(project):
    roundtrip(project, MoveNode("B3", "B", 0))
    assert project.framework.children("B") == ["B3", "B1", "B2"]
    roundtrip(project, MoveNode("B3", "B", 2))
    assert project.framework.children("B") == ["B1", "B2", "B3"]


def test_move_subtree(project):
    roundtrip(project, MoveNode("AS", "B", 1))
    fw = project.framework
    assert fw.children("B") == ["B1", "AS", "B2", "B3"]
    assert fw.children("AS") == ["AS1", "AS2"]
    assert fw.level["B"] == 3 and fw.level["A"] == 2


def test_move_refused(project):
    before = snapshot(project)
    with pytest.raises(FrameworkError, match="inside itself"):
        MoveNode("A", "AS").apply(project)
    with pytest.raises(FrameworkError, match="inside itself"):
        MoveNode("A", "A").apply(project)
    with pytest.raises(FrameworkError, match="is an indicator"):
        MoveNode("B1", "A1").apply(project)
    with pytest.raises(FrameworkError, match="inside itself"):
        MoveNode("IDX", "A").apply(project)
    with pytest.raises(FrameworkError, match="already there"):
        MoveNode("B3", "B").apply(project)
    DeleteNode("AS1").apply(project)
    with pytest.raises(FrameworkError, match="last node in 'AS'"):
        MoveNode("AS2", "B").apply(project)
    assert "AS2" in project.framework.children("AS")
    assert before["records"] != project.framework.to_records()


# ---- the swap itself ---------------------------------------------------------------------------
def test_failed_recompute_rolls_everything_back(project):
    project.settings = Settings(normalisation="minmax", aggregation="geometric", minmax_range=(1, 100))
    project.recompute()
    before = snapshot(project)
    bad = Settings(normalisation="minmax", aggregation="geometric")   # zeros in a geometric mean
    with pytest.raises(CoIndexError, match="Geometric mean of 'AS'"):
        Restructure(project.framework, None, bad).apply(project)
    assert_same(snapshot(project), before)


def test_settings_event_only_when_settings_change(project):
    events = []
    project.add_listener(lambda e, payload=None: events.append(e))
    SetWeight("A", 1).apply(project)
    assert events == ["structure"]
    RenameNode("A1", "AA1").apply(project)
    assert events == ["structure", "structure", "settings"]


def test_sample_edits_round_trip(sample_coindex):
    p = projectfile.load(sample_coindex)
    for command in (AddIndicator("RA"), AddAggregate("CII"), DeleteNode("IC"), MoveNode("ES1", "RS"),
                    RenameNode("RA2", "GDP"), SetWeight("RS", 0.5), ToggleDirection("ES2"),
                    SetBaseYear("RA1", 2021), SetNormalisation("RA1", "none")):
        roundtrip(p, command)


# ---- undo of any sequence restores the project exactly -------------------------------------------
def _random_command(draw, p: Project):
    fw = p.framework
    codes = [n.code for n in fw.nodes]
    aggs = [c for c in codes if not fw[c].is_indicator]
    inds = fw.indicator_codes
    kind = draw(st.sampled_from(["add_ind", "add_agg", "rename", "delete", "move", "weight", "direction",
                                 "base", "norm"]))
    if kind == "add_ind":
        return AddIndicator(draw(st.sampled_from(aggs)), position=draw(st.none() | st.integers(0, 4)))
    if kind == "add_agg":
        return AddAggregate(draw(st.sampled_from(aggs)))
    if kind == "rename":
        return RenameNode(draw(st.sampled_from(codes)), "X" + draw(st.integers(0, 999)).__str__())
    if kind == "delete":
        return DeleteNode(draw(st.sampled_from(codes)))
    if kind == "move":
        return MoveNode(draw(st.sampled_from(codes)), draw(st.sampled_from(aggs)),
                        draw(st.none() | st.integers(0, 4)))
    if kind == "weight":
        return SetWeight(draw(st.sampled_from(codes)), draw(st.floats(0.1, 5)))
    if kind == "direction":
        return ToggleDirection(draw(st.sampled_from(inds)))
    if kind == "base":
        return SetBaseYear(draw(st.sampled_from(inds)), draw(st.sampled_from([None, 2020, 2021, 2023])))
    return SetNormalisation(draw(st.sampled_from(inds)), draw(st.sampled_from([None, "minmax", "rank"])))


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_of_any_edit_sequence_restores_exactly(data):
    p = make_project()
    start = snapshot(p)
    undo = []
    for _ in range(data.draw(st.integers(1, 8))):
        command = _random_command(data.draw, p)
        before = snapshot(p)
        try:
            undo.append(command.apply(p))
        except CoIndexError:
            assert_same(snapshot(p), before)        # a refused edit changes nothing
            continue
        assert_fresh(p)
    for inverse in reversed(undo):
        inverse.apply(p)
    assert_same(snapshot(p), start)
