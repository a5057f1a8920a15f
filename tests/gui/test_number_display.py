"""Numbers as an analyst would publish them: every value of an indicator
with the same decimals in the data sheet, scores with two decimals in the
results table, never elided, and copying still gives every digit."""
import numpy as np
from PySide6.QtGui import QFont, QFontMetrics

from core.project.project import SetValues
from gui.base.formatting import MAX_DECIMALS, indicator_decimals
from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN
from gui.sheets.results_table import COVERAGE, SCORE, ResultsTable


def row_texts(model, code):
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == code)
    return [model.index(row, c).data() for c in range(FIRST_PERIOD_COLUMN, model.columnCount())]


def test_decimals_rule():
    values = np.array([[1582.3, 1812, 2056, 2380, 2706.58],          # two decimals needed
                       [1, 2, 3, 4, np.nan],                         # integers, one missing
                       [0.1 + 0.2, 0.5, 1, 1, 1],                    # binary noise is not a decimal
                       [1 / 3, 1, 1, 1, 1],                          # capped
                       [np.nan] * 5]).T
    assert indicator_decimals(values).tolist() == [2, 0, 1, MAX_DECIMALS, 0]


def test_a_row_shows_one_number_of_decimals(document):
    model = DataGridModel(document)
    assert row_texts(model, "RA4") == ["1,582.30", "1,812.00", "2,056.00", "2,380.00", "2,706.58"]
    assert row_texts(model, "RA3") == ["12,310", "15,620", "19,840", "23,560", "27,460"]
    assert row_texts(model, "IC4") == ["284.6", "380.0", "520.0", "680.0", "834.9"]


def test_an_edit_with_more_decimals_repaints_the_whole_row(qtbot, document):
    model = DataGridModel(document)
    with qtbot.waitSignals([model.dataChanged], timeout=1000):
        assert document.execute(SetValues([("CCEC", 2021, "RA3", 15620.5)]))
    assert row_texts(model, "RA3") == ["12,310.0", "15,620.5", "19,840.0", "23,560.0", "27,460.0"]
    # the edit text and the raw value keep every digit
    assert document.execute(SetValues([("CCEC", 2021, "RA3", 15620.123456)]))
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "RA3")
    index = model.index(row, FIRST_PERIOD_COLUMN + 1)
    assert index.data() == "15,620.1235"
    assert index.data(model.RawValueRole) == 15620.123456


def test_copy_keeps_every_digit(qtbot, document):
    from gui.sheets.data_sheet import DataSheet
    sheet = DataSheet(document)
    qtbot.addWidget(sheet)
    assert document.execute(SetValues([("CCEC", 2021, "RA4", 1812.123456)]))
    sheet.grid.selectAll()
    text = sheet.copy_selection()
    assert "1812.123456" in text and "1,812.1235" not in text


def test_results_numbers_are_never_elided(qtbot, document):
    table = ResultsTable(document)
    qtbot.addWidget(table)
    table.resize(600, 120)               # a few rows on screen: the view measures only those
    table.show()
    qtbot.waitExposed(table)
    table.fit_columns()
    # the score of an indicator far down the tree grows by two digits
    assert document.execute(SetValues([("CCEC", 2024, "ES5", 1e6)]))
    bold = QFont(table.view.font())
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    model = table.model
    texts = [model.index(r, SCORE).data() for r in range(model.rowCount())]
    assert any(len(t) >= len("100,000.00") for t in texts)
    for c in range(SCORE, COVERAGE + 1):
        widest = max(metrics.horizontalAdvance(model.index(r, c).data() or "") for r in range(model.rowCount()))
        assert table.view.columnWidth(c) >= widest + 4, c
    assert all(t == "—" or len(t.split(".")[1]) == 2 for t in texts)        # scores: two decimals
