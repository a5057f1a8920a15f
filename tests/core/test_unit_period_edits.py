"""Adding, renaming and deleting units and periods: undoable edits that
carry every per-unit and per-period array, refuse what cannot be, log what
they did, and survive a save."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import CoIndexError, InputError
from core.pipeline.engine import Engine
from core.project import projectfile
from core.project.units import AddPeriod, AddUnit, DeletePeriods, DeleteUnits, RenameUnit

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def asem():
    return projectfile.load(SAMPLES / "asem-30.coindex")


@pytest.fixture
def sample():
    return projectfile.load(SAMPLES / "chengdu-chongqing.coindex")


def same(a, b):
    return np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True)


def fresh_scores(project):
    return Engine(project.framework, project.dataset, project.settings).scores


def test_delete_units_drops_their_values_groups_and_denominators_and_undo_restores_them(asem):
    ds = asem.dataset
    before = ds.copy()
    keep = [u for u in range(len(ds.unit_codes)) if ds.unit_codes[u] not in ("BEL", "CYP")]
    undo = asem.execute(DeleteUnits(asem, ["BEL", "CYP"]))
    now = asem.dataset
    assert now.unit_codes == [before.unit_codes[u] for u in keep] and len(now.unit_codes) == 28
    assert same(now.values, before.values[keep])
    for key in before.groups:
        assert list(np.asarray(now.groups[key])[:, 0]) == list(np.asarray(before.groups[key])[keep, 0])
    for key in before.denominators:
        assert same(now.denominators[key], np.asarray(before.denominators[key])[keep])
    # min-max over 28 units: the scores are a fresh engine's on the smaller data
    assert same(asem.engine.scores, fresh_scores(asem))
    assert [c["change"] for c in asem.provenance["changes"][-2:]] == ["unit removed", "unit removed"]
    asem.execute(undo)
    assert asem.dataset.unit_codes == before.unit_codes and same(asem.dataset.values, before.values)
    assert same(asem.dataset.denominators["GDP"], before.denominators["GDP"])
    assert asem.provenance["changes"][-1]["change"] == "unit added"


def test_add_unit_then_type_its_values(asem):
    n = len(asem.dataset.unit_codes)
    undo = asem.execute(AddUnit(asem, "XKX", "Kosovo"))
    ds = asem.dataset
    assert ds.unit_codes[-1] == "XKX" and ds.unit_names[-1] == "Kosovo" and ds.values.shape[0] == n + 1
    assert np.isnan(ds.values[-1]).all()
    assert all(np.asarray(g)[-1, 0] is None for g in ds.groups.values())
    # no data yet: the new unit has no scores, the others keep theirs
    assert np.isnan(asem.engine.scores[:, -1]).all()
    assert same(asem.engine.scores[:, :n], fresh_scores(asem)[:, :n])
    asem.execute(undo)
    assert len(asem.dataset.unit_codes) == n


@pytest.mark.parametrize("code, says", [("", "needs a code"), ("  ", "needs a code"), ("bel", "taken"),
                                        ("A\nB", "one line"), ("X" * 65, "at most 64")])
def test_a_bad_unit_code_is_refused_naming_it(asem, code, says):
    with pytest.raises(InputError, match=says):
        AddUnit(asem, code)
    assert len(asem.dataset.unit_codes) == 30


def test_rename_unit_keeps_its_values_and_refuses_a_taken_code(asem):
    u = asem.dataset.unit_index["AUT"]
    row = asem.dataset.values[u].copy()
    undo = asem.execute(RenameUnit(asem, "AUT", "AT", "Österreich"))
    ds = asem.dataset
    assert ds.unit_codes[u] == "AT" and ds.unit_names[u] == "Österreich" and same(ds.values[u], row)
    assert asem.provenance["changes"][-1]["old"] == "AUT"
    with pytest.raises(InputError, match="taken"):
        RenameUnit(asem, "AT", "bel")
    asem.execute(undo)
    assert asem.dataset.unit_codes[u] == "AUT" and asem.dataset.unit_names[u] == "Austria"


def test_the_last_unit_and_the_last_period_cannot_be_deleted(sample):
    with pytest.raises(InputError, match="at least one unit"):
        DeleteUnits(sample, ["CCEC"])
    with pytest.raises(InputError, match="at least one period"):
        DeletePeriods(sample, sample.dataset.periods)
    with pytest.raises(InputError, match="no unit 'XX'"):
        DeleteUnits(sample, ["XX"])


def test_add_next_years_period_in_place_and_save_it(sample, tmp_path):
    ds = sample.dataset
    assert ds.periods == [2020, 2021, 2022, 2023, 2024]
    before = ds.values.copy()
    sample.execute(AddPeriod(sample, "2025"))
    assert sample.dataset.periods == [2020, 2021, 2022, 2023, 2024, 2025]
    assert same(sample.dataset.values[:, :5], before) and np.isnan(sample.dataset.values[:, 5]).all()
    # the published 2024 composite is untouched by an empty 2025
    root = sample.engine.index[sample.framework.root]
    assert sample.engine.scores[root, 0, 4] == pytest.approx(202.29, abs=0.005)
    path = tmp_path / "next.coindex"
    projectfile.save(sample, path)
    again = projectfile.load(path)
    assert again.dataset.periods == [2020, 2021, 2022, 2023, 2024, 2025]
    assert same(again.dataset.values, sample.dataset.values)


def test_a_period_inserted_between_others_keeps_every_value_in_its_year(asem):
    asem.execute(DeletePeriods(asem, [2020]))
    values = asem.dataset.values.copy()
    asem.execute(AddPeriod(asem, 2020))
    ds = asem.dataset
    assert ds.periods == [2018, 2019, 2020, 2021, 2022]
    assert np.isnan(ds.values[:, 2]).all()
    assert same(ds.values[:, [0, 1, 3, 4]], values)


@pytest.mark.parametrize("period, says", [("next", "a year such as 2025"), ("20.5", "a year such as 2025"),
                                          ("12", "a year such as 2025"), ("2024", "already")])
def test_a_bad_period_is_refused(sample, period, says):
    with pytest.raises(InputError, match=says):
        AddPeriod(sample, period)


def test_deleting_the_base_year_is_refused_and_nothing_changes(sample):
    assert sample.settings.base_year == 2020
    before = sample.dataset
    changes = len(sample.provenance.get("changes", []))
    with pytest.raises(InputError, match="2020 is a base year of the index: choose another base year"):
        sample.execute(DeletePeriods(sample, [2020]))
    assert sample.dataset is before
    assert sample.dataset is before and sample.dataset.periods[0] == 2020
    assert len(sample.provenance.get("changes", [])) == changes
    assert sample.engine.scores.shape[2] == 5


def test_deleting_the_reference_unit_of_dist2ref_is_refused_by_the_engine_and_nothing_changes(asem):
    from core.model.settings import Settings
    from core.project.project import SetSettings
    asem.execute(SetSettings(Settings(normalisation="dist2ref", params={"dist2ref_unit": "AUT"})))
    before, scores = asem.dataset, asem.engine.scores.copy()
    with pytest.raises(CoIndexError, match=r"dist2ref_unit \(now 'AUT'\)"):
        asem.execute(DeleteUnits(asem, ["AUT"]))
    assert asem.dataset is before and same(asem.engine.scores, scores)
