"""The results table: the engine's score, change since base, average annual
growth and rank of every node for the chosen unit and period, in tree
order; a model that passes qtmodeltester; Ctrl+C copies rows as TSV."""
import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from core.project.project import SetValues
from gui.sheets.results_table import (CHANGE, CODE, GROWTH, INDENT, NAME, RANK, SCORE, ResultsModel,
                                      ResultsTable)

from test_charts import three_units  # the same three-unit project


@pytest.fixture
def table(qtbot, document):
    t = ResultsTable(document)
    qtbot.addWidget(t)
    t.resize(900, 600)
    t.show()
    qtbot.waitExposed(t)
    return t


def assert_matches_engine(model, unit, period):
    engine = model.document.project.engine
    values = model.values()
    for r, code in enumerate(model.codes()):
        score, change, growth, rank = values[r]
        expected = [engine.score(code)[unit, period], engine.change_since_base(code)[unit, period],
                    engine.growth(code, 0, -1)[1][unit], engine.rank(code)[unit, period]]
        np.testing.assert_allclose([score, change, growth, rank], expected, rtol=1e-12, equal_nan=True,
                                   err_msg=code)
        # what is shown is the same number, rounded
        text = model.index(r, SCORE).data()
        assert text == ("—" if np.isnan(expected[0]) else f"{expected[0]:,.2f}")
        assert model.index(r, RANK).data() == ("—" if np.isnan(expected[3]) else f"{int(expected[3]):,}")


def test_values_equal_the_engine_and_follow_edits(table):
    model = table.model
    assert model.period == 4 and model.unit == 0
    assert_matches_engine(model, 0, 4)
    assert model.index(0, CODE).data() == "CII"
    assert model.index(0, SCORE).data() == "202.29"
    assert model.index(0, GROWTH).data() == "+19.26"
    assert model.index(0, CHANGE).data() == "+102.29"
    assert table.document.execute(SetValues([("CCEC", 2024, "IC1", 50.0)]))
    assert_matches_engine(model, 0, 4)
    table.set_period(2)
    assert model.headerData(SCORE, Qt.Horizontal) == "Score\n2022"
    assert_matches_engine(model, 0, 2)


def test_tree_order_with_indentation(table):
    model = table.model
    fw = table.document.project.framework
    codes = model.codes()
    assert len(codes) == len(fw.nodes)
    assert codes[:6] == ["CII", "RA", "RA1", "RA2", "RA3", "RA4"]
    for r, code in enumerate(codes):
        depth = len(fw.ancestors(code))
        shown = model.index(r, NAME).data()
        assert shown == INDENT * depth + fw[code].name
        assert model.index(r, NAME).data(Qt.EditRole) == fw[code].name
        # every child comes after its parent
        if fw[code].parent:
            assert codes.index(fw[code].parent) < r
    assert model.index(0, NAME).data(Qt.FontRole).bold()
    assert model.index(2, NAME).data(Qt.FontRole) is None


def test_model_passes_qtmodeltester(qtmodeltester, document):
    model = ResultsModel(document)
    qtmodeltester.check(model)
    assert model.flags(model.index(-1, -1)) == Qt.NoItemFlags
    assert not model.flags(model.index(0, SCORE)) & Qt.ItemIsEditable
    document.execute(SetValues([("CCEC", 2023, "ES1", 1.0)]))
    qtmodeltester.check(model)


def test_several_units_ranks_and_unit_choice(qtbot, qtmodeltester, project):
    from gui.base.document import ProjectDocument
    doc = ProjectDocument(three_units(project))
    t = ResultsTable(doc)
    qtbot.addWidget(t)
    assert t.model.headerData(RANK, Qt.Horizontal) == "Rank\nof 3"
    for unit in (0, 1, 2):
        t.set_unit(unit)
        assert_matches_engine(t.model, unit, 4)
    assert t.model.values()[0, 3] == 3                 # Y is last in 2024
    doc.execute(SetValues([("Y", 2024, "IC1", 90000.0)]))
    assert_matches_engine(t.model, 2, 4)
    assert t.model.values()[0, 3] == 1
    qtmodeltester.check(t.model)
    doc.close()


def test_ctrl_c_copies_selected_rows_as_tsv(table, qtbot):
    model = table.model
    view = table.view
    selection = view.selectionModel()
    for r in (0, 2):
        selection.select(model.index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    view.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    text = QApplication.clipboard().text()
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == 3
    header = lines[0].split("\t")
    assert header[:2] == ["Code", "Name"] and header[SCORE] == "Score 2024"
    engine = table.document.project.engine
    for line, code in zip(lines[1:], ["CII", "RA1"]):
        cells = line.split("\t")
        assert cells[CODE] == code and cells[NAME] == table.document.project.framework[code].name
        assert float(cells[SCORE]) == engine.score(code)[0, 4]            # every digit
        assert float(cells[CHANGE]) == engine.change_since_base(code)[0, 4]
        assert float(cells[GROWTH]) == engine.growth(code, 0, -1)[1][0]
        assert int(cells[RANK]) == engine.rank(code)[0, 4]


def test_structure_change_resets_rows(table, project):
    from core.model.dataset import Dataset
    from core.model.framework import Framework
    from core.project.project import SetStructure
    fw = project.framework
    drop = {"ES"} | set(fw.children("ES"))
    smaller = Framework.from_records([r for r in fw.to_records() if r["iCode"] not in drop])
    ds = project.dataset
    keep = [ds.code_index[c] for c in smaller.indicator_codes]
    data = Dataset(ds.unit_codes, ds.unit_names, ds.periods, smaller.indicator_codes, ds.values[:, :, keep])
    rows = table.model.rowCount()
    assert table.document.execute(SetStructure(smaller, data))
    assert table.model.rowCount() == rows - len(drop)
    assert "ES" not in table.model.codes()
    assert_matches_engine(table.model, 0, 4)


def test_pane_protocol(table, qtbot):
    with qtbot.waitSignal(table.statusMessage) as message:
        text = table.copy()
    assert message.args[0] == f"Copied {table.model.rowCount()} row(s)"
    assert text.count("\n") == table.model.rowCount() + 1
    with qtbot.waitSignal(table.periodChanged) as chosen:
        table.period_box.setCurrentIndex(1)
    assert chosen.args == [1] and table.model.period == 1


def test_coverage_column_counts_the_indicators_with_data(qtbot):
    """An aggregate's score is the mean of what is present: the table says
    on how many of its indicators it rests (U2 has only I1)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
    from test_coverage import missing_project
    from gui.base.document import ProjectDocument
    from gui.sheets.results_table import COVERAGE
    doc = ProjectDocument(missing_project())
    try:
        t = ResultsTable(doc)
        qtbot.addWidget(t)
        model = t.model
        codes = model.codes()
        assert model.columnCount() == COVERAGE + 1
        assert model.headerData(COVERAGE, Qt.Horizontal) == "Indicators\nwith data"
        t.set_unit(1)
        t.set_period(0)
        row = {c: model.index(codes.index(c), COVERAGE) for c in ("IDX", "D1", "D2", "I1")}
        assert row["IDX"].data() == "1 of 5" and row["D1"].data() == "1 of 2" and row["D2"].data() == "0 of 2"
        assert row["I1"].data() == ""
        assert row["IDX"].data(Qt.EditRole) == pytest.approx(0.2)
        assert "1 of the 5 indicators" in row["IDX"].data(Qt.ToolTipRole)
        t.set_unit(0)
        t.set_period(2)
        assert model.index(codes.index("IDX"), COVERAGE).data() == "3 of 5"
        assert model.index(codes.index("D1"), COVERAGE).data() == "2 of 2"
        lines = model.rows_as_text([codes.index("IDX")]).rstrip("\n").split("\n")
        assert lines[0].split("\t")[COVERAGE] == "Indicators with data"
        assert lines[1].split("\t")[COVERAGE] == "3 of 5"
    finally:
        doc.close()
