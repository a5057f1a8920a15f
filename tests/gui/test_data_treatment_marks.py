"""The data grid marks what data treatment did: an imputed cell shows the
value imputation gave it, in italics on a pale blue ground, with a tooltip
naming the method (the data itself stays missing); the cells of a screened
unit-period are greyed and say why.  On COINr's ASEM data."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.importing.inputs import load_input
from core.methods.registry import IMPUTATIONS
from core.pipeline.engine import Engine
from core.project.project import SetSettings
from gui.base.document import ProjectDocument
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_cells import IMPUTED_BACKGROUND, SCREENED_BACKGROUND
from gui.sheets.data_grid_view import PERIOD_LAYOUT

REF = Path(__file__).resolve().parents[1] / "data" / "coinr-asem"


@pytest.fixture
def project():
    return load_input(REF / "asem_iData.csv", REF / "asem_iMeta.csv")


@pytest.fixture
def document(qtbot, project):
    doc = ProjectDocument(project)
    yield doc
    doc.close()


def set_settings(document, **pairs):
    s = document.project.settings.copy()
    for k, v in pairs.items():
        s.apply(k, v)
    assert document.execute(SetSettings(s), "settings")


def first_missing(project):
    u, t, i = (int(v[0]) for v in np.nonzero(np.isnan(project.dataset.values)))
    return u, t, i


def test_an_imputed_cell_shows_the_group_mean_in_italics(qtbot, document):
    project = document.project
    model = DataGridModel(document, layout=PERIOD_LAYOUT)
    u, t, i = first_missing(project)
    index = model.index_of_cell(u, t, i)
    assert index.data(Qt.DisplayRole) == "—" and not index.data(Qt.ToolTipRole).count("imputed")
    set_settings(document, imputation="group_mean", imputation_group="EurAsia_group")
    # the mean of the indicator over the unit's EurAsia group, present values only
    groups = np.asarray(project.dataset.groups["EurAsia_group"])[:, t]
    column = project.dataset.values[:, t, i]
    expected = np.nanmean(column[groups == groups[u]])
    engine = Engine(project.framework, project.dataset, project.settings)
    assert engine.prepared.imputed_values[u, t, i] == pytest.approx(expected)
    shown = index.data(Qt.DisplayRole)
    decimals = len(shown.partition(".")[2])           # the indicator's decimals, as its other values
    assert shown != "—" and abs(float(shown) - expected) <= 0.5 * 10 ** -decimals

    assert index.data(Qt.FontRole).italic()
    assert index.data(Qt.BackgroundRole).color() == IMPUTED_BACKGROUND
    tip = index.data(Qt.ToolTipRole)
    assert f"{expected:.8f}" in tip                  # in full in the tooltip
    assert "imputed (" + IMPUTATIONS["group_mean"].label["en"] + ")" in tip
    # the data itself stays missing: editing starts from an empty cell
    assert index.data(Qt.EditRole) == "" and np.isnan(index.data(DataGridModel.RawValueRole))
    # a present value is untouched
    present = model.index_of_cell(u, t, int(np.nonzero(np.isfinite(project.dataset.values[u, t]))[0][0]))
    assert present.data(Qt.FontRole) is None and present.data(Qt.BackgroundRole) is None
    # and turning imputation off shows the missing mark again
    set_settings(document, imputation="none")
    assert index.data(Qt.DisplayRole) == "—" and "imputed" not in index.data(Qt.ToolTipRole)


def test_a_screened_unit_period_is_greyed_with_its_reason(qtbot, document):
    project = document.project
    model = DataGridModel(document, layout=PERIOD_LAYOUT)
    brn = project.dataset.unit_codes.index("BRN")
    kor = project.dataset.unit_codes.index("KOR")
    set_settings(document, screen_threshold="0.95")
    engine = Engine(project.framework, project.dataset, project.settings)
    assert (brn, 0) in engine.prepared.screened and (kor, 0) in engine.prepared.screened
    present = int(np.nonzero(np.isfinite(project.dataset.values[brn, 0]))[0][0])
    cell = model.index_of_cell(brn, 0, present)
    assert cell.data(Qt.BackgroundRole).color() == SCREENED_BACKGROUND
    assert cell.data(Qt.ForegroundRole).color().name() == "#a0a4ab"
    assert "screened out: fewer than 95% of its indicators" in cell.data(Qt.ToolTipRole)
    # the value is still shown as the data has it
    assert float(cell.data(Qt.DisplayRole)) == pytest.approx(project.dataset.values[brn, 0, present], rel=1e-3)
    kept = project.dataset.unit_codes.index("AUT")
    other = model.index_of_cell(kept, 0, present)
    assert other.data(Qt.BackgroundRole) is None and "screened" not in other.data(Qt.ToolTipRole)


def test_the_marks_in_chinese(qtbot, qapp, document):
    from gui.base import i18n
    set_settings(document, imputation="group_mean", imputation_group="EurAsia_group")
    model = DataGridModel(document, layout=PERIOD_LAYOUT)
    u, t, i = first_missing(document.project)
    brn = document.project.dataset.unit_codes.index("BRN")
    i18n.install_language(qapp, "zh_CN", remember=False)
    try:
        model.treatment.forget()
        tip = model.index_of_cell(u, t, i).data(Qt.ToolTipRole)
        assert "已插补（" + IMPUTATIONS["group_mean"].label["zh"] + "）" in tip
        set_settings(document, imputation="none", screen_threshold="0.95")
        assert "已被筛除" in model.index_of_cell(brn, 0, 0).data(Qt.ToolTipRole)
    finally:
        i18n.install_language(qapp, "en", remember=False)


def test_a_denominated_indicator_shows_its_imputed_ratio_times_the_denominator(qtbot, document):
    """Imputation runs after denomination, so 'Pat' (patents, Meta Denominator GDP) is imputed as patents per
    GDP; the sheet holds patents, so the cell shows that ratio times the unit's GDP, and says so."""
    project = document.project
    ds = project.dataset
    i = ds.code_index["Pat"]
    u = ds.unit_codes.index("BGD")
    assert np.isnan(ds.values[u, 0, i]) and project.framework["Pat"].params["Denominator"] == "GDP"
    model = DataGridModel(document, layout=PERIOD_LAYOUT)
    set_settings(document, denominate="true", imputation="group_mean", imputation_group="EurAsia_group")
    # the group mean of patents per GDP, computed here from the data
    gdp = np.asarray(ds.denominators["GDP"], dtype=float)[:, 0]
    ratios = ds.values[:, 0, i] / gdp
    groups = np.asarray(ds.groups["EurAsia_group"])[:, 0]
    ratio = np.nanmean(ratios[groups == groups[u]])
    assert project.engine.prepared.imputed_values[u, 0, i] == pytest.approx(ratio, rel=1e-12)
    index = model.index_of_cell(u, 0, i)
    shown = index.data(Qt.DisplayRole)
    decimals = len(shown.partition(".")[2])
    assert abs(float(shown) - ratio * gdp[u]) <= 0.5 * 10 ** -decimals
    assert abs(float(shown) - ratio) > 1                          # not the ratio itself
    tip = index.data(Qt.ToolTipRole)
    assert "Imputed as a ratio per GDP = " in tip and f"times GDP here ({float(gdp[u])!r}) that is " in tip
    assert index.data(Qt.FontRole).italic() and index.data(Qt.BackgroundRole).color() == IMPUTED_BACKGROUND
    assert np.isnan(index.data(DataGridModel.RawValueRole))       # the data stays missing
    # an indicator without a denominator still shows its imputed value as it is
    j = ds.code_index["ConSpeed"]
    v = int(np.nonzero(np.isnan(ds.values[:, 0, j]))[0][0])
    plain = model.index_of_cell(v, 0, j)
    assert float(plain.data(Qt.DisplayRole)) == pytest.approx(project.engine.prepared.imputed_values[v, 0, j],
                                                               abs=0.5)
    assert "ratio" not in plain.data(Qt.ToolTipRole)


def test_without_the_denominator_the_cell_stays_empty_and_gives_the_ratio(qtbot, project):
    ds = project.dataset
    i, u = ds.code_index["Pat"], ds.unit_codes.index("BGD")
    gdp = np.array(ds.denominators["GDP"], dtype=float)
    gdp[u, 0] = np.nan                                           # BGD's GDP unknown: its ratio cannot be formed
    ds.denominators["GDP"] = gdp
    doc = ProjectDocument(project)
    try:
        set_settings(doc, denominate="true", imputation="group_mean", imputation_group="EurAsia_group")
        ratio = doc.project.engine.prepared.imputed_values[u, 0, i]
        assert np.isfinite(ratio)
        model = DataGridModel(doc, layout=PERIOD_LAYOUT)
        index = model.index_of_cell(u, 0, i)
        assert index.data(Qt.DisplayRole) == "—"
        tip = index.data(Qt.ToolTipRole)
        assert f"Imputed as a ratio per GDP = {float(ratio)!r};" in tip and "GDP has no value here" in tip
        assert index.data(Qt.BackgroundRole).color() == IMPUTED_BACKGROUND
    finally:
        doc.close()
