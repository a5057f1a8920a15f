"""Structure and method changes are written to provenance["changes"]
(core/project/changelog.py): what changed, on which node or setting, old and new
value, and when; undo is logged as the change back; the log is saved."""
from __future__ import annotations

import pytest

from core.project import projectfile
from core.errors import CoIndexError, FrameworkError
from core.project.changelog import framework_changes, settings_changes
from core.project.overrides import SetNormalisation
from core.project.project import SetSettings
from core.project.structure import AddIndicator, DeleteNode, EditNode, MoveNode, RenameNode, SetWeight

from test_structure import make_project


def changes(project):
    """The logged entries without their time (each must have one)."""
    log = project.provenance.get("changes", [])
    assert all(e["time"] for e in log)
    return [{k: v for k, v in e.items() if k != "time"} for e in log]


def test_no_change_no_log():
    p = make_project()
    assert "changes" not in p.provenance
    with pytest.raises(FrameworkError, match="unchanged"):
        SetWeight("A1", 1.0).apply(p)                     # the weight it has: refused, nothing logged
    with pytest.raises(FrameworkError):
        MoveNode("A1", "NOPE").apply(p)
    assert changes(p) == []


def test_weight_change_and_its_undo():
    p = make_project()
    undo = SetWeight("A2", 5).apply(p)
    assert changes(p) == [{"change": "weight", "code": "A2", "old": 3.0, "new": 5.0}]
    undo.apply(p)
    assert changes(p)[1] == {"change": "weight", "code": "A2", "old": 5.0, "new": 3.0}


def test_rename_is_one_entry_and_children_are_not_moved():
    p = make_project()
    RenameNode("B", "BETA").apply(p)
    assert changes(p) == [{"change": "renamed", "code": "BETA", "old": "B", "new": "BETA"}]


def test_add_delete_move_and_text_edits():
    p = make_project()
    AddIndicator("B", code="B4", weight=2).apply(p)
    DeleteNode("AS").apply(p)
    MoveNode("B1", "A").apply(p)
    EditNode("A1", {"name": "Alpha first"}).apply(p)
    log = changes(p)
    assert log[0] == {"change": "added", "code": "B4", "parent": "B", "weight": 2.0}
    assert {"change": "removed", "code": "AS", "parent": "A", "weight": 1.0} in log
    assert {"change": "removed", "code": "AS1", "parent": "AS", "weight": 1.0} in log
    assert {"change": "moved", "code": "B1", "old": "B", "new": "A"} in log
    assert log[-1] == {"change": "name", "code": "A1", "old": "Alpha one", "new": "Alpha first"}


def test_method_changes():
    p = make_project()
    s = p.settings.copy()
    s.apply("normalisation", "minmax")
    SetSettings(s).apply(p)
    assert changes(p) == [{"change": "setting", "key": "normalisation", "old": "fixed_base", "new": "minmax"}]
    SetNormalisation("B1", "zscore").apply(p)
    assert changes(p)[-1]["key"] == "normalisation_by"
    assert changes(p)[-1]["new"]["B1"] == "zscore"
    logged = len(changes(p))
    bad = p.settings.copy()
    bad.apply("aggregation", "geometric")                 # min-max gives zeros: refused, not logged
    with pytest.raises(CoIndexError):
        SetSettings(bad).apply(p)
    assert len(changes(p)) == logged


def test_the_log_is_saved(tmp_path):
    p = make_project()
    SetWeight("B3", 2).apply(p)
    path = tmp_path / "p.coindex"
    projectfile.save(p, path)
    again = projectfile.load(path)
    assert changes(again) == [{"change": "weight", "code": "B3", "old": 0.5, "new": 2.0}]


def test_diffs_directly():
    p = make_project()
    assert framework_changes(p.framework, p.framework) == []
    assert settings_changes(p.settings, p.settings.copy()) == []
