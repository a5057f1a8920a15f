"""Missing data is shown, never misdrawn: the share of the indicators
present under every node (coverage), no contribution for a child missing at
either end of a change, and coverage in the ``--json`` document."""
from __future__ import annotations

import numpy as np
import pytest

from core.exporting.tables import results_document
from core.model.dataset import Dataset
from core.model.framework import Framework, Node
from core.model.settings import Settings
from core.pipeline.results import MIN_COVERAGE
from core.project.project import Project


def missing_project() -> Project:
    """IDX -> D1 (I1, I2), D2 (I3, I4) and the bare indicator I5;
    units U1..U4 over 2020-2023.  U1 lacks D2 in 2022 and has no data in
    2023; U2 has only I1 (the best value) in every period."""
    nodes = [
        Node("IDX", "Index", type="Aggregate"),
        Node("D1", "Dim one", parent="IDX", weight=1.0, type="Aggregate"),
        Node("I1", "Ind one", parent="D1", weight=1.0),
        Node("I2", "Ind two", parent="D1", weight=1.0),
        Node("D2", "Dim two", parent="IDX", weight=1.0, type="Aggregate"),
        Node("I3", "Ind three", parent="D2", weight=1.0),
        Node("I4", "Ind four", parent="D2", weight=1.0),
        Node("I5", "Ind five", parent="IDX", weight=1.0),
    ]
    fw = Framework(nodes)
    base = np.array([[40.0, 50, 60, 30, 20], [90, np.nan, np.nan, np.nan, np.nan],
                     [10, 20, 30, 40, 50], [60, 70, 10, 80, 90]])
    values = np.stack([base * (1 + 0.1 * t) for t in range(4)], axis=1)     # (units, periods, indicators)
    values[0, 1, 4] = 80.0                    # U1 moves in 2021 so the contributions differ from zero
    values[0, 2, 2:4] = np.nan                # U1 without D2 in 2022
    values[0, 3, :] = np.nan                  # U1 without any data in 2023
    ds = Dataset(["U1", "U2", "U3", "U4"], ["One", "Two", "Three", "Four"], [2020, 2021, 2022, 2023],
                 fw.indicator_codes, values)
    return Project(fw, ds, Settings(normalisation="minmax"))


@pytest.fixture
def engine():
    return missing_project().engine


def test_coverage_is_the_share_of_indicators_present(engine):
    idx = engine.coverage("IDX")
    assert idx.shape == (4, 4)
    np.testing.assert_allclose(idx[0], [1, 1, 3 / 5, 0])
    np.testing.assert_allclose(idx[1], [1 / 5] * 4)
    np.testing.assert_allclose(idx[2:], 1.0)
    np.testing.assert_allclose(engine.coverage("D2")[0], [1, 1, 0, 0])
    np.testing.assert_allclose(engine.coverage("D1")[1], [0.5] * 4)
    np.testing.assert_array_equal(engine.coverage("I5")[1], [0, 0, 0, 0])
    assert engine.present("IDX")[0, 2] == 3
    assert engine.indicators_under["IDX"].size == 5
    # the engine follows an edit
    engine.dataset.values[1, 0, 1] = 55.0
    engine.update([(1, 0, 1)])
    assert engine.coverage("IDX")[1, 0] == pytest.approx(2 / 5)
    assert engine.coverage("D1")[1, 0] == 1.0
    assert 0 < MIN_COVERAGE < 1


def test_a_missing_child_has_no_contribution(engine):
    """D2 is present in 2020 and missing for U1 in 2022: it did not lose
    its whole value, it has no contribution there (what the charts draw;
    the exact decomposition of the exports keeps it as leaving the mean)."""
    codes, points, share = engine.contributions("IDX", 0, 2, present_only=True)
    assert codes == ["D1", "D2", "I5"]
    assert np.isnan(points[1, 0]) and np.isnan(share[1, 0])
    assert np.isfinite(points[0, 0]) and np.isfinite(points[2, 0])
    exact = engine.contributions("IDX", 0, 2)[1]
    assert exact[1, 0] < 0 and exact[:, 0].sum() == pytest.approx(engine.score("IDX")[0, 2] - engine.score("IDX")[0, 0])
    codes, pts, change = engine.unit_contributions("IDX", 0, 0, present_only=True)
    assert np.isnan(pts[1, 2]) and np.isfinite(change[2])
    assert np.isnan(change[3]) and np.isnan(pts[:, 3]).all()
    # the children present are weighted among themselves: like for like,
    # their points add up to the change of their own mean (not of the index)
    d1, i5 = engine.score("D1")[0], engine.score("I5")[0]
    assert pts[0, 2] == pytest.approx((d1[2] - d1[0]) / 2) and pts[2, 2] == pytest.approx((i5[2] - i5[0]) / 2)
    # where every child is present the decomposition stays exact
    np.testing.assert_allclose(pts[:, 1].sum(), change[1], atol=1e-9)


def test_json_document_lists_coverage(engine):
    doc = results_document(engine)
    assert {"framework", "units", "periods", "data", "scores", "ranks", "growth", "contributions",
            "warnings"} <= set(doc)
    rows = {(r["unit"], r["period"], r["code"]): r["coverage"] for r in doc["coverage"]}
    assert rows[("U1", 2022, "IDX")] == pytest.approx(0.6)
    assert rows[("U2", 2020, "IDX")] == pytest.approx(0.2)
    assert rows[("U3", 2023, "D2")] == 1.0
    assert {c for _, _, c in rows} == {"IDX", "D1", "D2"}


def test_like_for_like_points_with_a_geometric_mean():
    p = missing_project()
    engine = Project(p.framework, p.dataset, Settings(normalisation="none", aggregation="geometric")).engine
    codes, pts, change = engine.unit_contributions("IDX", 0, 0, present_only=True)
    d1, i5 = engine.score("D1")[0], engine.score("I5")[0]
    common = np.sqrt(d1 * i5)                     # the mean of the two present at both ends
    assert np.isnan(pts[1, 2])
    assert pts[[0, 2], 2].sum() == pytest.approx(common[2] - common[0], abs=1e-9)
    np.testing.assert_allclose(pts[:, 1].sum(), change[1], atol=1e-9)
