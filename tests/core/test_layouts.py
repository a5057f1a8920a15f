"""The layout registry (core/importing/layouts/registry.py): every layout
registered is detected on a workbook written in it, a layout added by a
test is offered by detection, the command line's --layout choices and
reading, and is gone again once removed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from core.cli import build_parser, main
from core.errors import InputError
from core.importing.block import Labels, indicator, make_block
from core.importing.importer import import_workbook
from core.importing.layouts import registry
from core.importing.layouts.base import Fit, Layout
from core.importing.table import find_table
from core.project import projectfile
from core.sheets.readers import read_workbook_cells

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

# a workbook of the corpus written in each registered layout
CORPUS = {
    "template": ROOT / "resources" / "samples" / "chengdu-chongqing.xlsx",
    "yearbook": DATA / "yearbook_chengdu.xlsx",
    "units-by-indicators": DATA / "units_by_indicators.xlsx",
    "long": DATA / "long_zh.xlsx",
    "nbs": DATA / "formats" / "fmt2_nbs_gdp.xlsx",
    "wide-periods": DATA / "formats" / "fmt2_undp_hdr.csv",
    "worldbank": DATA / "formats" / "fmt1_API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv",
    "eurostat": DATA / "formats" / "fmt1_nama_10_gdp.tsv",
}


def test_every_registered_layout_has_a_corpus_file():
    assert set(registry.names()) == set(CORPUS)
    assert registry.names()[0] == "template"         # the order the command line and the wizard offer


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_registered_layout_is_detected_on_its_corpus_file(name):
    result = import_workbook(CORPUS[name])
    assert result.layout == name
    assert result.n_values > 0
    cells = read_workbook_cells(CORPUS[name])
    if name == "template":
        layout = registry.workbook_layout(cells)
        assert layout is not None and layout.name == "template"
        return
    assert registry.workbook_layout(cells) is None
    table = find_table(cells.sheets[0])
    fits = registry.fits(table)
    assert registry.detect_layout(table) == name
    assert fits[name] and fits[name].reason
    assert all(fits[name].score > fit.score for other, fit in fits.items() if other != name)


def test_a_layout_that_does_not_fit_says_why():
    table = find_table(read_workbook_cells(CORPUS["yearbook"]).sheets[0])
    fits = registry.fits(table)
    assert not fits["long"] and "value" in fits["long"].reason
    assert not fits["template"]
    cells = read_workbook_cells(CORPUS["yearbook"])
    with pytest.raises(InputError, match="needs sheets named Data and Meta"):
        import_workbook(CORPUS["yearbook"], layout="template")
    assert not registry.layout_named("template").fit_workbook(cells)


def test_an_unknown_layout_lists_the_registered_ones():
    with pytest.raises(InputError, match="valid: auto, template, yearbook, units-by-indicators, long"):
        import_workbook(CORPUS["long"], layout="sideways")


# ---- a layout added by a test ----------------------------------------------------------------------------
class Pairs(Layout):
    """A toy layout: a header starting 'PAIRS', then rows of unit, indicator, value (one period)."""

    name = "pairs"
    description = "unit, indicator and value, under a header starting PAIRS"

    def fit(self, table):
        if str(table.head(table.cols[0])).strip() == "PAIRS":
            return Fit(10, "the header starts with PAIRS")
        return Fit(0, "the header does not start with PAIRS")

    def read(self, table, options):
        sh = table.sheet
        U, T, I = Labels(), Labels(), Labels()
        t = T.add(None)
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        for r in table.data_rows:
            unit = str(sh.value(r, 0))
            key, info = indicator(sh.value(r, 1))
            uu.append(U.add(unit, (unit, unit)))
            tt.append(t)
            ii.append(I.add(key, info))
            rr.append(r)
            cc.append(2)
            raw.append(sh.value(r, 2))
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, [], [])


def pairs_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "toy"
    ws.append(["PAIRS", "what", "how much"])
    ws.append(["A", "GDP", 1.5])
    ws.append(["A", "POP", 2])
    ws.append(["B", "GDP", 3])
    wb.save(path)
    return str(path)


@pytest.fixture
def pairs():
    registry.register(Pairs())
    try:
        yield
    finally:
        registry.unregister("pairs")


def test_a_registered_layout_is_detected_offered_and_read(pairs, tmp_path):
    path = pairs_workbook(tmp_path / "toy.xlsx")
    assert registry.names()[-1] == "pairs"
    result = import_workbook(path)
    assert result.layout == "pairs"
    assert result.unit_codes == ["A", "B"] and result.codes == ["GDP", "POP"] and result.periods == [None]
    np.testing.assert_array_equal(result.values[:, 0, :], [[1.5, 2.0], [3.0, np.nan]])
    assert result.address(1, 0, 0) == "toy!C4"
    args = build_parser().parse_args(["import", path, "--layout", "pairs", "-o", "x.coindex"])
    assert args.layout == "pairs"
    out = tmp_path / "toy.coindex"
    assert main(["import", path, "--layout", "pairs", "-o", str(out)]) == 0
    project = projectfile.load(out)
    assert project.dataset.value("B", None, "GDP") == 3.0
    assert project.provenance["sources"][0]["layout"] == "pairs"


def test_a_removed_layout_is_no_longer_offered(tmp_path, capsys):
    path = pairs_workbook(tmp_path / "toy.xlsx")
    registry.register(Pairs())
    registry.unregister("pairs")
    assert "pairs" not in registry.names()
    assert import_workbook(path).layout == "units-by-indicators"
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["import", path, "--layout", "pairs", "-o", "x.coindex"])
    assert exit_.value.code == 2
    assert "invalid choice: 'pairs'" in capsys.readouterr().err


def test_a_layout_name_is_registered_once():
    with pytest.raises(ValueError):
        registry.register(registry.layout_named("long"))
    with pytest.raises(ValueError):
        bad = Pairs()
        bad.name = "auto"
        registry.register(bad)
