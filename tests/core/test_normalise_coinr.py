"""COINr's fracmax, dist2max, dist2ref, borda and scaled: by hand on small
arrays, and against COINr's formulas on its ASEM data (asem_iData)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.errors import ComputeError
from core.importing.inputs import load_input
from core.methods.normalise import NormContext
from core.methods.registry import NORMALISATIONS
from core.model.settings import Settings
from core.pipeline.engine import Engine


def run(name, X, d=(1,), pooled=False, params=None, **sets):
    st = Settings()
    st.pooled = pooled
    for k, v in sets.items():
        st.apply(k, v)
    X = np.asarray(X, dtype=float)
    k, U, T = X.shape
    ctx = NormContext(st, list(range(2020, 2020 + T)), [f"U{u}" for u in range(U)], [f"I{j}" for j in range(k)],
                      params or [{}] * k, np.zeros(k, dtype=int))
    return NORMALISATIONS[name].function(X.copy(), np.asarray(d, dtype=float), ctx), ctx


X1 = [[[2.0], [4.0], [8.0], [np.nan]]]          # one indicator, four units, one period


def test_fracmax_by_hand():
    y, _ = run("fracmax", X1)
    assert y[0, :3, 0].tolist() == [0.25, 0.5, 1.0] and np.isnan(y[0, 3, 0])
    y, _ = run("fracmax", X1, d=(-1,))            # COINr: -x / max(-x) = -x / -2
    assert y[0, :3, 0].tolist() == [1.0, 2.0, 4.0]


def test_dist2max_by_hand():
    y, _ = run("dist2max", X1)
    assert y[0, :3, 0] == pytest.approx([0.0, 1 / 3, 1.0])


def test_dist2ref_by_hand_and_capped():
    y, _ = run("dist2ref", X1, dist2ref_unit="U1")                  # reference 4, min 2
    assert y[0, :3, 0] == pytest.approx([0.0, 1.0, 3.0])
    y, ctx = run("dist2ref", X1, dist2ref_unit="U1", dist2ref_cap="true")
    assert y[0, :3, 0] == pytest.approx([0.0, 1.0, 1.0])
    assert ctx.warnings[0]["kind"] == "out_of_range" and "capped at 1" in ctx.warnings[0]["message"]
    with pytest.raises(ComputeError, match="reference unit 'XX' is not a unit"):
        run("dist2ref", X1, dist2ref_unit="XX")


def test_borda_by_hand_with_ties():
    y, _ = run("borda", [[[3.0], [1.0], [3.0], [2.0]]])
    assert y[0, :, 0].tolist() == [2.0, 0.0, 2.0, 1.0]


def test_scaled_by_hand_with_meta_bounds():
    y, _ = run("scaled", X1, scaled_range="0,10")
    assert y[0, :3, 0] == pytest.approx([20.0, 40.0, 80.0])
    y, _ = run("scaled", X1, params=[{"scaled_lower": 2, "scaled_upper": 6}])
    assert y[0, :3, 0] == pytest.approx([0.0, 50.0, 150.0])


def test_pooled_statistics_span_the_periods():
    X = [[[1.0, 4.0], [2.0, 2.0]]]                # two units, two periods
    y, _ = run("fracmax", X, pooled=True)
    assert y[0].tolist() == [[0.25, 1.0], [0.5, 0.5]]
    y, _ = run("fracmax", X)
    assert y[0].tolist() == [[0.5, 1.0], [1.0, 0.5]]


# ---- COINr's formulas on its ASEM data ---------------------------------------------------------------
@pytest.fixture(scope="module")
def asem(ref_dir):
    data = pd.read_csv(ref_dir / "asem_iData.csv").set_index("uCode")
    meta = pd.read_csv(ref_dir / "asem_iMeta.csv")
    ind = meta[meta["Type"] == "Indicator"]
    return data, dict(zip(ind["iCode"], ind["Direction"])), load_input(ref_dir / "asem_iData.csv",
                                                                       ref_dir / "asem_iMeta.csv")


def _coinr(name, y: pd.Series) -> pd.Series:
    """COINr 1.1.14's n_fracmax, n_borda, n_dist2max on y = direction x value."""
    if name == "fracmax":
        return y / y.max()
    if name == "borda":
        return y.rank(method="min", na_option="keep") - 1
    return 1 - (y.max() - y) / (y.max() - y.min())


@pytest.mark.parametrize("name", ["fracmax", "borda", "dist2max"])
def test_matches_coinr_formulas_on_asem(asem, name):
    data, direction, project = asem
    st = project.settings.copy()
    st.apply("normalisation", name)
    e = Engine(project.framework, project.dataset, st)
    units = list(project.dataset.unit_codes)
    for code, d in direction.items():
        want = _coinr(name, data[code] * d).reindex(units).to_numpy()
        got = e.score(code)[:, 0]
        if np.isinf(want).any():
            # a maximum of zero (CostImpEx: 0 is its best, so -0 is max(-x)): COINr divides by it and
            # gets infinities; CoIndex leaves the scores missing and says why
            assert np.isnan(got).all() and any(w["code"] == code and "maximum is zero" in w["message"]
                                               for w in e.warnings), code
            continue
        assert np.array_equal(np.isnan(want), np.isnan(got)), code
        assert np.allclose(got, want, rtol=0, atol=1e-12, equal_nan=True), code
