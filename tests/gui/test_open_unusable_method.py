"""A project whose normalisation cannot work on its data (min-max over one
unit) still opens: shown with one that can, said in the message bar, marked
modified; the file itself keeps its method until saved."""
import json

import pandas as pd
import pytest
from pathlib import Path

from core.importing.inputs import load_input
from core.project import projectfile
from gui.window.loading import load_project, replaced_method

ASEM = Path(__file__).resolve().parents[1] / "data" / "coinr-asem"


@pytest.fixture
def one_unit_minmax(tmp_path):
    data = pd.read_csv(ASEM / "asem_iData_p.csv")
    csv = tmp_path / "aut.csv"
    data[data.uCode == "AUT"].to_csv(csv, index=False)
    project = load_input(csv, meta=ASEM / "asem_iMeta.csv")
    doc = json.loads(projectfile.dumps(project))
    doc["settings"]["normalisation"] = "minmax"
    path = tmp_path / "aut-minmax.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_load_replaces_the_method_and_says_so(one_unit_minmax):
    notes = []
    project = load_project(one_unit_minmax, warnings=notes)
    assert project.settings.normalisation == "none"      # fixed base: a zero in an inverted indicator
    message = replaced_method(notes)
    assert message and "Min-max" in message and "'none'" in message and "'minmax'" in message
    scores = project.engine.aggregates if hasattr(project.engine, "aggregates") else None
    assert project.engine is not None and scores is not False
    # the file is untouched
    assert json.loads(one_unit_minmax.read_text(encoding="utf-8"))["settings"]["normalisation"] == "minmax"


def test_window_opens_it_with_the_message_bar_and_modified(qtbot, one_unit_minmax):
    from gui.window.main_window import MainWindow
    from gui.window.loading import new_project
    w = MainWindow(new_project(), None)
    qtbot.addWidget(w)
    w.show()
    assert w.files.open_path(str(one_unit_minmax)) is w
    assert w.document.project.settings.normalisation == "none"
    assert w.document.path == str(one_unit_minmax)
    assert w.isWindowModified() and w.document.is_modified
    assert "Min-max" in w.message_bar.message() and not w.message_bar.text().startswith("Not changed")
    assert w.message_toolbar.isVisibleTo(w)
    w.document.undo_stack.setClean()         # no "save changes?" question when the test closes it


# ---- a mean that meets a zero: that aggregate is shown with the arithmetic mean -----------------------------
@pytest.fixture
def geometric_zero(tmp_path):
    """D1 (Meta Aggregation geometric) over A and B; min-max gives U1 a 0 on A."""
    import numpy as np
    from core.model.dataset import Dataset
    from core.model.framework import Framework
    from core.project.project import Project
    meta = [{"iCode": "IDX", "Type": "Aggregate"},
            {"iCode": "D1", "Parent": "IDX", "Type": "Aggregate", "Aggregation": "geometric"},
            {"iCode": "D2", "Parent": "IDX", "Type": "Aggregate"}]
    meta += [{"iCode": c, "Parent": p} for c, p in (("A", "D1"), ("B", "D1"), ("C", "D2"), ("E", "D2"))]
    X = np.arange(1.0, 1 + 3 * 2 * 4).reshape(3, 2, 4)
    ds = Dataset(["U1", "U2", "U3"], ["U1", "U2", "U3"], [2020, 2021], list("ABCE"), X)
    path = tmp_path / "geo-zero.coindex"
    projectfile.save(Project(Framework.from_records(meta), ds), path)
    return path


def test_load_replaces_a_failing_mean_and_says_where(geometric_zero):
    before = geometric_zero.read_bytes()
    notes = []
    project = load_project(geometric_zero, warnings=notes)
    assert project.settings.aggregation_by == {"D1": "arithmetic"}
    assert project.engine.score("D1")[:, 0].tolist() == [0.0, 50.0, 100.0]
    message = replaced_method(notes)
    assert message.startswith("Arithmetic mean for 'D1' (was Geometric mean) until you choose another (framework "
                              "tree); the file keeps its own until you save. ")
    assert "Geometric mean of 'D1': it needs scores above zero, and 'A' scores 0 for unit 'U1', period 2020 under " \
        "the normalisation Min-max" in message
    assert geometric_zero.read_bytes() == before


def test_window_opens_a_failing_mean_modified_with_the_message(qtbot, geometric_zero):
    from gui.window.main_window import MainWindow
    from gui.window.loading import new_project
    w = MainWindow(new_project(), None)
    qtbot.addWidget(w)
    w.show()
    assert w.files.open_path(str(geometric_zero)) is w
    try:
        assert w.document.project.settings.aggregation_by == {"D1": "arithmetic"}
        assert w.isWindowModified() and w.document.is_modified
        shown = w.message_bar.message()
        assert shown.startswith("Arithmetic mean for 'D1' (was Geometric mean)") and "unit 'U1', period 2020" in shown
        assert w.message_bar.text() == shown and w.message_toolbar.isVisibleTo(w)
    finally:
        w.document.undo_stack.setClean()     # no "save changes?" question when the test closes it
