"""merge_into with a parent per new indicator (issue 4: "new ones are offered
as new indicators under a chosen dimension"): ``new_parent`` as a dict
{imported indicator code -> aggregate code}.  New indicators land under
their own dimension, the ones the dict leaves out are reported and not
imported, one undo restores the project exactly, and a parent that is not
an aggregate is refused with its name."""
from __future__ import annotations

import copy

import numpy as np
import openpyxl
import pytest

from core.project import projectfile
from core.errors import InputError
from core.importing.importer import import_workbook
from core.importing.merge import merge_into
from core.project.project import SetStructure

ROWS = [("地区生产总值", 7.05, 9.7),          # matches the sample's RA2 by its Chinese name
        ("新指标甲", 4.0, 5.0),               # new
        ("New indicator B", 10.0, 12.5),     # new
        ("第三个新指标", 1.0, 2.0)]            # new


@pytest.fixture
def project(sample_coindex):
    return projectfile.load(sample_coindex)


@pytest.fixture
def result(tmp_path):
    """A yearbook sheet for the sample's unit with the base year 2020 (the
    sample is a fixed-base index) and three indicators the sample lacks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "CCEC"
    ws.append(["指标", 2020, 2024])
    for row in ROWS:
        ws.append(list(row))
    wb.save(tmp_path / "new.xlsx")
    return import_workbook(tmp_path / "new.xlsx")


def code_of(result, label):
    return next(ind.code for ind in result.indicators if ind.label == label)


def snapshot(project):
    """Everything a merge may change, as plain comparable values."""
    ds = project.dataset
    return (project.framework.to_records(), ds.values.copy(), list(ds.unit_codes), list(ds.unit_names),
            list(ds.periods), list(ds.codes), copy.deepcopy(project.provenance.get("sources", [])))


def assert_same(a, b):
    assert a[0] == b[0]
    np.testing.assert_array_equal(a[1], b[1])        # NaN where NaN
    assert a[2:] == b[2:]


def test_new_indicators_go_under_their_own_dimensions_and_one_undo_restores(project, result):
    before = snapshot(project)
    a, b, c = (code_of(result, label) for label, *_ in ROWS[1:])
    command, summary = merge_into(project, result, new_parent={a: "RA", b: "IC", c: None})
    assert snapshot(project)[0] == before[0]                     # planning changes nothing
    assert isinstance(command.inner, SetStructure)
    assert sorted(summary.new_indicators) == sorted([a, b])
    assert summary.unmatched_indicators == ["第三个新指标"]       # mapped to None: left out
    undo = project.execute(command)
    fw, ds = project.framework, project.dataset
    assert fw[a].parent == "RA" and fw[a].name_zh == "新指标甲" and fw[a].is_indicator
    assert fw[b].parent == "IC" and fw[b].name == "New indicator B"
    assert c not in fw and "第三个新指标" not in [fw[k].name for k in fw.indicator_codes]
    assert ds.codes == fw.indicator_codes
    assert (ds.value("CCEC", 2020, a), ds.value("CCEC", 2024, a)) == (4.0, 5.0)
    assert (ds.value("CCEC", 2020, b), ds.value("CCEC", 2024, b)) == (10.0, 12.5)
    assert ds.value("CCEC", 2024, "RA2") == 9.7
    # the old indicators keep every value they had
    old_codes = before[5]
    k = [ds.codes.index(x) for x in old_codes]
    changed = ds.values[:, :, k] != before[1]
    both_nan = np.isnan(ds.values[:, :, k]) & np.isnan(before[1])
    assert int((changed & ~both_nan).sum()) == summary.cells_changed - 4     # 4 cells of the two new ones
    project.execute(undo)
    assert_same(snapshot(project), before)


def test_indicators_absent_from_the_dict_are_reported_not_imported(project, result):
    a = code_of(result, "新指标甲")
    command, summary = merge_into(project, result, new_parent={a: "ES"})
    assert summary.new_indicators == [a]
    assert summary.unmatched_indicators == ["New indicator B", "第三个新指标"]
    project.execute(command)
    assert project.framework[a].parent == "ES"
    assert len(project.framework.indicator_codes) == 21


def test_a_dict_with_one_parent_for_all_equals_the_single_parent(project, result):
    codes = [ind.code for ind in result.indicators]
    _, by_dict = merge_into(project, result, new_parent={code: "RS" for code in codes})
    cmd, by_str = merge_into(project, result, new_parent="RS")
    assert by_dict.new_indicators == by_str.new_indicators and len(by_str.new_indicators) == 3
    assert by_dict.changes == by_str.changes


@pytest.mark.parametrize("parent", ["NOPE", "RA1"])          # unknown; an indicator, not an aggregate
def test_a_parent_that_is_not_an_aggregate_is_refused_by_name(project, result, parent):
    before = snapshot(project)
    a = code_of(result, "新指标甲")
    with pytest.raises(InputError, match=f"'{parent}' is not an aggregate"):
        merge_into(project, result, new_parent={a: "RA", code_of(result, "New indicator B"): parent})
    with pytest.raises(InputError, match=f"'{parent}' is not an aggregate"):
        merge_into(project, result, new_parent=parent)
    assert_same(snapshot(project), before)
