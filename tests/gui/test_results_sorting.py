"""Sorting the results table by a header click: numbers by value with
missing values last in either order, stable ties, the sort indicator,
back to the tree order on the third click, and copying and selection on
the rows as shown."""
import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QApplication

from gui.base.document import ProjectDocument
from gui.sheets.results_rows import sorted_order, tree_order
from gui.sheets.results_table import CODE, COVERAGE, NAME, RANK, SCORE, ResultsTable


@pytest.fixture
def table(qtbot, project):
    project.dataset.values[0, -1, :3] = np.nan             # RA1..RA3 missing in the last period
    doc = ProjectDocument(project)
    t = ResultsTable(doc)
    qtbot.addWidget(t)
    t.resize(900, 700)
    t.show()
    qtbot.waitExposed(t)
    yield t
    doc.close()


def click_header(qtbot, table, column):
    header = table.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, header.height() // 2))


def shown(table, column, role=Qt.EditRole):
    model = table.model
    return [model.index(r, column).data(role) for r in range(model.rowCount())]


def test_three_clicks_sort_up_down_and_back_to_the_tree(qtbot, table):
    tree = [c for c, _ in tree_order(table.document.project.framework)]
    click_header(qtbot, table, SCORE)
    header = table.view.horizontalHeader()
    assert header.sortIndicatorSection() == SCORE and header.sortIndicatorOrder() == Qt.AscendingOrder
    scores = shown(table, SCORE)
    present = [s for s in scores if s is not None]
    missing = scores.index(None)
    assert missing > 0 and all(s is None for s in scores[missing:])          # missing last
    assert present == sorted(present)
    click_header(qtbot, table, SCORE)
    assert header.sortIndicatorOrder() == Qt.DescendingOrder
    scores = shown(table, SCORE)
    present = [s for s in scores if s is not None]
    assert present == sorted(present, reverse=True) and scores[-1] is None
    click_header(qtbot, table, SCORE)
    assert shown(table, CODE, Qt.DisplayRole) == tree
    assert header.sortIndicatorSection() == -1


def test_ties_keep_the_tree_order_and_names_sort_as_text(qtbot, table):
    tree = [c for c, _ in tree_order(table.document.project.framework)]
    click_header(qtbot, table, RANK)                 # one unit: every rank is 1 (or missing)
    codes = shown(table, CODE, Qt.DisplayRole)
    ranked = [c for c, r in zip(codes, shown(table, RANK)) if r is not None]
    assert ranked == [c for c in tree if c in ranked]
    click_header(qtbot, table, NAME)
    names = [n.strip("\u2003") for n in shown(table, NAME, Qt.DisplayRole)]
    assert names == sorted(names, key=str.casefold)


def test_copy_and_selection_follow_the_rows_as_shown(qtbot, table):
    click_header(qtbot, table, SCORE)
    click_header(qtbot, table, SCORE)                # highest first
    view, model = table.view, table.model
    for r in (0, 1):
        view.selectionModel().select(model.index(r, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    top = shown(table, CODE, Qt.DisplayRole)[:2]
    view.setFocus()
    QApplication.clipboard().clear()
    qtbot.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    lines = QApplication.clipboard().text().rstrip("\n").split("\n")
    assert [line.split("\t")[CODE] for line in lines[1:]] == top
    engine = table.document.project.engine
    assert float(lines[1].split("\t")[SCORE]) == engine.score(top[0])[0, -1]
    assert table.selected_rows() == [0, 1]


def test_a_new_value_moves_its_row_in_a_sorted_table(qtbot, table):
    from core.project.project import SetValues
    click_header(qtbot, table, SCORE)
    click_header(qtbot, table, SCORE)
    first = shown(table, CODE, Qt.DisplayRole)[0]
    assert first != "RA4"
    ds = table.document.project.dataset
    value = float(ds.values[0, -1, ds.codes.index("RA4")])
    table.document.execute(SetValues([(ds.unit_codes[0], ds.periods[-1], "RA4", value * 50)]))
    # RA4 alone is left under RA in that period: the two share the top, in tree order
    assert shown(table, CODE, Qt.DisplayRole)[:2] == ["RA", "RA4"]


def test_sorted_order_puts_missing_last_stably():
    keys = np.array([3.0, np.nan, 1.0, 3.0, np.nan, 2.0])
    assert sorted_order(keys).tolist() == [2, 5, 0, 3, 1, 4]
    assert sorted_order(keys, True).tolist() == [0, 3, 5, 2, 1, 4]
    assert sorted_order(["b", "a", "c", "a"]).tolist() == [1, 3, 0, 2]
    assert sorted_order(["b", "a", "c", "a"], True).tolist() == [2, 0, 1, 3]


def test_coverage_column_sorts_aggregates_and_leaves_indicators_last(qtbot, table):
    click_header(qtbot, table, COVERAGE)
    values = shown(table, COVERAGE)
    first_missing = values.index(None)
    assert all(v is not None for v in values[:first_missing]) and all(v is None for v in values[first_missing:])
    assert values[0] < 1.0                           # RA lost three of its four indicators
