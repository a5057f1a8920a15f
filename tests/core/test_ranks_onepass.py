"""Every node's ranks in one pass (issue 13): the same ranks as the rule of
``rank_min`` (1 = highest, ties share the lowest rank, missing stays
missing) on random data with ties, missing and infinite values, values that
differ only in their last bits, and with temporaries no larger than the
scores."""
from __future__ import annotations

import tracemalloc

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from core.methods.normalise import rank_min
from core.pipeline import ranks as onepass
from core.pipeline.ranks import rank_nodes, rank_rows

ONE = 1.0
NEAR = [ONE, np.nextafter(ONE, 2.0), np.nextafter(np.nextafter(ONE, 2.0), 2.0), np.nextafter(ONE, 0.0)]
SPECIAL = [np.nan, np.inf, -np.inf, 0.0, -0.0, -1.0, 2.0, 1e-300, -1e300, 5e-324] + NEAR


def today(scores):
    return rank_min(scores, axis=1, descending=True)


def same(a, b):
    return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)


values = st.one_of(st.sampled_from(SPECIAL), st.floats(allow_nan=True, allow_infinity=True, width=64),
                   st.integers(-3, 3).map(float))


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=3, max_dims=3, min_side=1, max_side=9), elements=values))
def test_ranks_equal_todays_on_random_data(scores):
    assert same(rank_nodes(scores), today(scores))


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 4), st.integers(1, 300), st.integers(1, 4), st.integers(0, 2 ** 31))
def test_many_units_many_ties_and_missing(nodes, units, periods, seed):
    rng = np.random.default_rng(seed)
    scores = rng.integers(0, 6, size=(nodes, units, periods)).astype(float)
    scores[rng.random(scores.shape) < 0.2] = np.nan
    scores[rng.random(scores.shape) < 0.1] = np.nextafter(3.0, 4.0)
    assert same(rank_nodes(scores), today(scores))


def test_values_that_differ_in_the_last_bits_are_not_ties():
    row = np.array([[ONE, NEAR[1], ONE, NEAR[3], np.nan, NEAR[2]]])
    assert rank_rows(row).tolist()[0][:4] == [3.0, 2.0, 3.0, 5.0]
    assert rank_rows(row)[0, 5] == 1.0 and np.isnan(rank_rows(row)[0, 4])


def test_only_the_nodes_asked_for_are_written():
    rng = np.random.default_rng(3)
    scores = rng.normal(size=(5, 40, 3))
    out = np.full(scores.shape, -7.0)
    rank_nodes(scores, [1, 3], out)
    assert same(out[[1, 3]], today(scores[[1, 3]]))
    assert (out[[0, 2, 4]] == -7.0).all()


def test_blocks_of_any_size_give_the_same_ranks(monkeypatch):
    rng = np.random.default_rng(4)
    scores = np.round(rng.normal(size=(7, 50, 3)), 1)
    for block in (1, 100, 150, 1 << 20):
        monkeypatch.setattr(onepass, "BLOCK", block)
        assert same(rank_nodes(scores), today(scores))


def test_temporaries_at_most_the_size_of_the_scores():
    rng = np.random.default_rng(5)
    scores = np.round(rng.lognormal(size=(40, 1500, 20)), 3)
    scores[rng.random(scores.shape) < 0.01] = np.nan
    out = np.empty(scores.shape)
    tracemalloc.start()
    rank_nodes(scores, out=out)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak <= scores.nbytes, (peak, scores.nbytes)
    assert same(out, today(scores))


def test_engine_all_ranks_after_edits(ref_dir):
    from core.importing.inputs import load_input
    engine = load_input(str(ref_dir / "asem_iData_p.csv"), str(ref_dir / "asem_iMeta.csv")).recompute()
    first = engine.all_ranks()
    assert same(first, today(engine.scores))
    ds = engine.dataset
    ds.values[3, 2, 5] *= 3.0
    ds.values[7, 0, 1] = np.nan
    engine.update([(3, 2, 5), (7, 0, 1)])
    again = engine.all_ranks()
    assert same(again, today(engine.scores)) and not same(again, first)
    for k, code in enumerate(engine.codes):
        assert same(engine.rank(code), again[k])
