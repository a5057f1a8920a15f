"""The values a full recomputation reads are kept between runs
(core/pipeline/rawvalues.py) and the arithmetic goes piece by piece
(core/pipeline/blocks.py): a run of a long-lived engine must give exactly the
scores of an engine built afresh on the same data, after edits, undo and
settings changes, with and without the treatment step (denominated, imputed,
screened, winsorised), and the pieces must give exactly the whole-array
numbers.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.errors import ComputeError
from core.importing.inputs import load_input
from core.methods import aggregate as agg
from core.model.dataset import Dataset
from core.pipeline import blocks
from core.pipeline.engine import Engine
from core.pipeline.rawvalues import ValueCache, indicator_major
from core.project.project import SetSettings, SetValues

REF = Path(__file__).resolve().parents[1] / "data" / "coinr-asem"

TREATED = [("denominate", "true"), ("imputation", "group_mean"), ("imputation_group", "EurAsia_group"),
           ("screen_threshold", "0.9"), ("treatment", "winsorise")]
CASES = {
    "default": ("asem_iData.csv", []),
    "treated": ("asem_iData.csv", TREATED),
    "panel fixed base": ("asem_iData_p.csv", [("normalisation.Goods", "fixed_base"),
                                              ("normalisation.LPI", "fixed_base"),
                                              ("normalisation.Flights", "fixed_base"), ("base_year", "2018")]),
    "panel entropy weights": ("asem_iData_p.csv", [("weighting", "entropy"), ("imputation", "mean")]),
    "panel zscore geometric": ("asem_iData_p.csv", [("normalisation", "zscore"), ("zscore_mean", "10"),
                                                    ("aggregation", "geometric")]),
    "topsis": ("asem_iData.csv", [("aggregation", "topsis")]),
}


def load(case):
    data, sets = CASES[case]
    project = load_input(REF / data, REF / "asem_iMeta.csv")
    st = project.settings.copy()
    for k, v in sets:
        st.apply(k, v)
    project.settings = st
    project.recompute()
    return project


def fresh(project) -> Engine:
    return Engine(project.framework, project.dataset, project.settings)


def assert_same(eng, ref):
    """Exactly the same scores, NaN in the same places."""
    assert eng.scores.shape == ref.scores.shape
    assert np.array_equal(np.isnan(eng.scores), np.isnan(ref.scores))
    assert np.array_equal(eng.scores, ref.scores, equal_nan=True)
    if ref.prepared is not None:
        assert np.array_equal(eng.prepared.values, ref.prepared.values, equal_nan=True)
        assert np.array_equal(eng.prepared.imputed, ref.prepared.imputed)
        assert eng.prepared.screened == ref.prepared.screened


def edit_cells(project):
    """Three present cells of different indicators, one made missing, one
    doubled, one halved."""
    ds = project.dataset
    out = []
    for k, (u, i) in enumerate([(0, 1), (7, 5), (20, 11)]):
        t = len(ds.periods) - 1
        v = float(ds.values[u, t, i])
        assert np.isfinite(v)
        new = None if k == 0 else (v * 2.0 if k == 1 else v / 2.0)
        out.append((ds.unit_codes[u], ds.periods[t], ds.codes[i], new))
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_a_cached_run_equals_a_fresh_engine_after_edit_undo_and_settings(case):
    project = load(case)
    before = project.engine.scores.copy()
    undo = project.execute(SetValues(edit_cells(project)))
    eng = project.engine
    eng.run()                                           # the kept values, patched by the edit
    assert_same(eng, fresh(project))
    assert not np.array_equal(eng.scores, before, equal_nan=True)      # the edit reached the scores
    project.execute(undo)
    eng.run()
    assert_same(eng, fresh(project))
    assert np.array_equal(eng.scores, before, equal_nan=True)          # undo restores every score
    st = project.settings.copy()
    st.apply("minmax_range", "1,100")
    st.apply("normalisation", "minmax")
    st.apply("aggregation", "arithmetic")
    project.execute(SetSettings(st))
    eng = project.engine
    project.execute(SetValues(edit_cells(project)))
    eng.run()
    assert_same(eng, fresh(project))
    minmax = [i for i, m in enumerate(eng.method) if m == "minmax"]
    assert minmax and np.nanmax(eng.scores[minmax]) == pytest.approx(100.0)    # the new range is used


def test_a_run_twice_gives_the_same_scores_and_warnings():
    project = load("treated")
    eng = project.engine
    scores, warnings = eng.scores.copy(), eng.warnings
    eng.run()
    assert np.array_equal(eng.scores, scores, equal_nan=True)
    assert eng.warnings == warnings
    assert any(w["kind"] == "imputed" for w in warnings)


def test_values_written_without_update_are_read_by_run_reread():
    project = load("default")
    eng = project.engine
    before = eng.scores.copy()
    project.dataset.values[3, 0, 2] *= 10.0            # not told to the engine
    eng.run()
    assert np.array_equal(eng.scores, before, equal_nan=True)           # the kept values are used
    eng.run(reread=True)
    assert not np.array_equal(eng.scores, before, equal_nan=True)
    assert_same(eng, fresh(project))


def test_an_edit_that_fails_leaves_the_kept_values_as_the_data():
    project = load("panel fixed base")
    eng = project.engine
    ds = project.dataset
    base = ds.periods.index(2018)
    cell = (ds.unit_codes[4], ds.periods[base], "Goods", 0.0)           # a zero base value: the index fails
    with pytest.raises(ComputeError, match="base value"):
        project.execute(SetValues([cell]))
    eng.run()
    assert_same(eng, fresh(project))


# ---- the pieces ----------------------------------------------------------------------------------
def test_indicator_major_equals_a_plain_transpose_and_reuses_the_array():
    rng = np.random.default_rng(3)
    for shape in [(1, 1, 1), (5, 1, 7), (37, 3, 4), (1000, 20, 3), (0, 4, 2)]:
        v = rng.normal(size=shape)
        if v.size:
            v.flat[::5] = np.nan
        raw = indicator_major(v)
        assert raw.flags.c_contiguous and raw.shape == (shape[2], shape[0], shape[1])
        assert np.array_equal(raw, np.moveaxis(v, 2, 0), equal_nan=True)
        again = indicator_major(v * 2, raw)
        assert again is raw and np.array_equal(raw, np.moveaxis(v * 2, 2, 0), equal_nan=True)


def test_the_value_cache_reads_again_exactly_when_the_data_change():
    project = load("default")
    fw, ds, st = project.framework, project.dataset, project.settings
    cache = ValueCache()
    _, raw = cache.get(fw, ds, st)
    assert cache.get(fw, ds, st)[1] is raw and cache.current(fw, ds, st)
    ds.values[2, 0, 4] = 123.0
    cache.patch([(2, 0, 4)], ds.values)
    assert raw[4, 2, 0] == 123.0 and cache.current(fw, ds, st)
    ds.values = ds.values.copy()                               # another array: read again
    assert not cache.current(fw, ds, st)
    assert cache.get(fw, ds, st)[1] is raw and cache.current(fw, ds, st)
    other = Dataset(ds.unit_codes, ds.unit_names, ds.periods, ds.codes, ds.values * 3.0, ds.groups, ds.denominators)
    assert not cache.current(fw, other, st)
    assert np.array_equal(cache.get(fw, other, st)[1], np.moveaxis(other.values, 2, 0), equal_nan=True)
    changed = st.copy()
    changed.apply("denominate", "true")
    assert not cache.current(fw, other, changed)
    prepared, raw = cache.get(fw, other, changed)
    assert prepared is not None and np.array_equal(raw, np.moveaxis(prepared.values, 2, 0), equal_nan=True)
    cache.invalidate()
    assert not cache.current(fw, other, changed)


def test_indicator_pieces_cover_the_rows_in_order_within_the_budget():
    assert blocks.indicator_pieces(slice(0, 10), 100, budget=300) == [slice(0, 3), slice(3, 6), slice(6, 9),
                                                                        slice(9, 10)]
    assert blocks.indicator_pieces(np.array([0, 1, 2, 5, 6, 9]), 100, budget=200) == \
        [slice(0, 2), slice(2, 3), slice(5, 7), slice(9, 10)]
    assert blocks.indicator_pieces(slice(4, 6), 10 ** 9, budget=1) == [slice(4, 5), slice(5, 6)]
    assert blocks.indicator_pieces(np.array([], dtype=int), 8) == []


@pytest.mark.parametrize("p", [1.0, 0.0, -1.0, 2.0, 0.5])
def test_a_mean_by_blocks_of_units_equals_the_whole_array_mean(p, monkeypatch):
    monkeypatch.setattr(blocks, "MEAN_BLOCK_CELLS", 40)          # many blocks of 5 units (8 periods)
    rng = np.random.default_rng(int(10 * p) + 20)
    scores = rng.uniform(0.1, 5.0, size=(9, 53, 8))
    scores[rng.random(scores.shape) < 0.2] = np.nan
    scores[0:4, 11] = np.nan                                   # a unit-period with every child missing
    w = np.array([1.0, 2.0, 0.5, 3.0])
    for kids in (slice(0, 4), np.array([0, 2, 5, 8])):
        out = np.full((53, 8), -1.0)
        blocks.mean_by_units(scores, kids, w, p, out, lambda: pytest.fail("no score is out of the domain"))
        want = agg.weighted_mean(scores[kids], w, p)[0]
        assert np.array_equal(out, want, equal_nan=True)
        assert np.isnan(out[11]).all() if isinstance(kids, slice) else True


def test_a_mean_by_blocks_names_the_first_bad_score_of_the_whole_array(monkeypatch):
    monkeypatch.setattr(blocks, "MEAN_BLOCK_CELLS", 4)           # blocks of 2 units
    scores = np.ones((3, 10, 2))
    scores[1, 0, 0] = 0.0                                      # in the first block, second child
    scores[0, 9, 1] = -1.0                                     # in the last block, first child: first in C order
    seen = []

    def whole_check():
        agg.check_domain(scores[0:3], 0.0, lambda idx, v: seen.append((idx, v)) or f"bad {idx} {v}")

    with pytest.raises(ComputeError, match=r"bad \(0, 9, 1\) -1.0"):
        blocks.mean_by_units(scores, slice(0, 3), np.ones(3), 0.0, np.empty((10, 2)), whole_check)
    assert seen == [((0, 9, 1), -1.0)]
