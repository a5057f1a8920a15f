"""A project whose geometric mean meets a zero (per node, per level or
project-wide) is computed with the arithmetic mean for just those
aggregates by core.model.usability.usable_means_instead (what the app does
at opening), while ``compute`` keeps refusing it with exit code 1."""
from __future__ import annotations

import numpy as np
import pytest

from core.cli import main as cli_main
from core.errors import ComputeError, SettingsError
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.model.usability import FALLBACK_AGGREGATION, usable_means_instead
from core.project import projectfile
from core.project.project import Project


def small_project(d1_mean="geometric", **settings) -> Project:
    """IDX over D1 (A, B; Meta Aggregation ``d1_mean``) and D2 (C, E), three
    units whose values rise with the unit, so min-max gives U1 a 0 on every
    indicator in every period."""
    meta = [{"iCode": "IDX", "Type": "Aggregate"},
            {"iCode": "D1", "Parent": "IDX", "Type": "Aggregate", "Aggregation": d1_mean},
            {"iCode": "D2", "Parent": "IDX", "Type": "Aggregate"}]
    meta += [{"iCode": c, "Parent": p} for c, p in (("A", "D1"), ("B", "D1"), ("C", "D2"), ("E", "D2"))]
    X = np.arange(1.0, 1 + 3 * 2 * 4).reshape(3, 2, 4)
    ds = Dataset(["U1", "U2", "U3"], ["U1", "U2", "U3"], [2020, 2021], list("ABCE"), X)
    s = Settings()
    for k, v in settings.items():
        s.apply(k.replace("__", "."), v)
    return Project(Framework.from_records(meta), ds, s)


def test_a_node_geometric_mean_with_a_zero_gets_the_arithmetic_mean():
    project = small_project()
    with pytest.raises(ComputeError):
        project.recompute()
    replaced = usable_means_instead(project.framework, project.settings, project.recompute)
    assert [(r["node"], r["was"]) for r in replaced] == [("D1", "geometric")]
    reason = replaced[0]["reason"]
    assert reason.startswith("Geometric mean of 'D1': it needs scores above zero, and 'A' scores 0 for unit 'U1', "
                             "period 2020 under the normalisation Min-max")
    assert project.settings.aggregation_by == {"D1": FALLBACK_AGGREGATION}
    engine = project.engine
    # D1 is now the arithmetic mean of its normalised children: (0 + 0) / 2 for U1, (50 + 50) / 2 for U2
    assert engine.score("D1")[:, 0] == pytest.approx([0.0, 50.0, 100.0])
    assert engine.aggregation["D1"] == "arithmetic" and engine.aggregation["D2"] == "arithmetic"


def test_a_level_or_the_project_mean_is_replaced_only_where_it_fails():
    level = small_project(d1_mean="", aggregation__level__2="geometric")
    replaced = usable_means_instead(level.framework, level.settings, level.recompute)
    assert [(r["node"], r["was"]) for r in replaced] == [("D1", "geometric"), ("D2", "geometric")]
    assert level.engine.aggregation["IDX"] == "arithmetic"
    # project-wide: D1 and D2 become arithmetic; U1 then scores 0 on both, so the index's own mean fails too
    whole = small_project(d1_mean="", aggregation="geometric")
    replaced = usable_means_instead(whole.framework, whole.settings, whole.recompute)
    assert [r["node"] for r in replaced] == ["D1", "D2", "IDX"]
    assert replaced[2]["reason"].startswith("Geometric mean of 'IDX': it needs scores above zero, and 'A' scores 0 "
                                            "for unit 'U1', period 2020")
    assert whole.settings.aggregation == "geometric"            # the project's own setting is kept
    assert whole.engine.score("IDX")[:, 1] == pytest.approx([0.0, 50.0, 100.0])


def test_a_mean_that_works_is_left_alone_and_other_errors_pass_through():
    fine = small_project(minmax_range="1,100")                 # every score above zero
    assert usable_means_instead(fine.framework, fine.settings, fine.recompute) == []
    assert fine.settings.aggregation_by == {} and fine.engine.aggregation["D1"] == "geometric"
    bad = small_project(base_year="1999", normalisation="fixed_base")
    with pytest.raises(SettingsError, match="1999"):
        usable_means_instead(bad.framework, bad.settings, bad.recompute)
    assert bad.settings.aggregation_by == {}


def test_compute_still_refuses_it_with_exit_code_1(tmp_path, capsys):
    path = tmp_path / "geo-zero.coindex"
    projectfile.save(small_project(), path)
    assert cli_main(["compute", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: Geometric mean of 'D1': it needs scores above zero, and 'A' scores 0 for unit "
                          "'U1', period 2020") and "Traceback" not in err
    # and the file opens in the app with D1's mean replaced (gui/window/loading.py): its settings unchanged
    assert projectfile.load(path).settings.aggregation_by == {}
