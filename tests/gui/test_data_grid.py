"""DataGridModel against Qt's model checks, before and after edits."""
from PySide6.QtCore import Qt

from gui.sheets.data_grid import DataGridModel
from gui.sheets.data_grid_view import FIRST_PERIOD_COLUMN


def test_model_passes_qtmodeltester(qtmodeltester, document):
    model = DataGridModel(document)
    qtmodeltester.check(model)
    # edits and a missing value while the tester watches dataChanged
    assert model.setData(model.index(3, FIRST_PERIOD_COLUMN + 2), "2100")
    assert model.setData(model.index(5, FIRST_PERIOD_COLUMN + 3), "")
    assert not model.setData(model.index(5, FIRST_PERIOD_COLUMN + 3), "abc")   # not a number ("x" is a missing word)
    assert not model.setData(model.index(5, FIRST_PERIOD_COLUMN), "")   # base value: the core refuses
    assert not model.setData(model.index(5, 1), "renamed")          # labels are not editable
    assert not model.setData(model.index(5, FIRST_PERIOD_COLUMN), "3", Qt.DisplayRole)


def test_model_passes_python_modeltester(qtmodeltester, document):
    qtmodeltester.check(DataGridModel(document), force_py=True)


def test_data_changed_stays_inside_the_model(qtbot, document):
    model = DataGridModel(document)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        assert model.setData(model.index(19, FIRST_PERIOD_COLUMN + 4), "900")
    top, bottom = blocker.args[0], blocker.args[1]
    assert (top.row(), top.column()) == (19, FIRST_PERIOD_COLUMN + 4) == (bottom.row(), bottom.column())
