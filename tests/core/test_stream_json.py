"""``compute --json`` written as it is formatted (issue 13): the streamed
document is, byte for byte, ``json.dumps`` of the document built whole
(``results_document``, today's code path), on the bundled sample, the ASEM
data with and without time, the ASEM panel and the asem-30 project, and on a
small project whose labels need escaping."""
from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from core.exporting.outputs import write_output
from core.exporting.stream import json_chunks, write_json
from core.exporting.tables import results_document
from core.importing.inputs import load_input
from core.model.dataset import Dataset
from core.model.framework import Framework
from core.model.settings import Settings
from core.project.project import Project


def whole(engine, warnings=None) -> str:
    doc = results_document(engine)
    if warnings is not None:
        doc["warnings"] = warnings
    return json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n"


def streamed(engine, warnings=None) -> str:
    out = io.StringIO()
    write_json(engine, out, warnings)
    return out.getvalue()


@pytest.fixture(scope="module")
def projects(ref_dir, repo, tmp_path_factory):
    notime = tmp_path_factory.mktemp("notime") / "asem_no_time.csv"
    pd.read_csv(ref_dir / "asem_iData.csv").drop(columns=["Time"]).to_csv(notime, index=False)
    return {"sample": (repo / "resources" / "samples" / "chengdu-chongqing.coindex", None),
            "asem-30": (repo / "resources" / "samples" / "asem-30.coindex", None),
            "asem": (ref_dir / "asem_iData.csv", ref_dir / "asem_iMeta.csv"),
            "asem-no-time": (notime, ref_dir / "asem_iMeta.csv"),
            "asem-panel": (ref_dir / "asem_iData_p.csv", ref_dir / "asem_iMeta.csv")}


@pytest.mark.parametrize("name", ["sample", "asem-30", "asem", "asem-no-time", "asem-panel"])
def test_streamed_json_is_the_whole_document_byte_for_byte(projects, name):
    engine = load_input(*map(lambda p: None if p is None else str(p), projects[name])).recompute()
    text = streamed(engine)
    assert text == whole(engine)
    doc = json.loads(text)
    assert len(doc["scores"]) == engine.scores.size and len(doc["ranks"]) == engine.scores.size


def test_the_warnings_given_replace_the_engines(projects):
    engine = load_input(*map(str, projects["asem"])).recompute()
    extra = [{"kind": "no_meta", "code": None, "unit": None, "period": None, "message": "first \"quoted\" 100%"}]
    text = streamed(engine, extra + engine.warnings)
    assert text == whole(engine, extra + engine.warnings)
    assert json.loads(text)["warnings"][0]["message"] == "first \"quoted\" 100%"


def awkward_project(periods):
    """Labels that need escaping (quotes, backslash, %, a newline, Chinese),
    ties, missing values and a negative score."""
    recs = [{"iCode": "Idx%s", "iName": "指数 \"total\"", "Parent": None, "Type": "Aggregate", "Weight": 1},
            {"iCode": "a\\b", "iName": "A", "Parent": "Idx%s", "Type": "Indicator", "Weight": 1, "Direction": 1},
            {"iCode": "c%d", "iName": "C", "Parent": "Idx%s", "Type": "Indicator", "Weight": 2, "Direction": -1}]
    fw = Framework.from_records(recs, where="test")
    units = ["U\"1", "成都", "%s", "line\nbreak"]
    values = np.array([[[1.0, 5.0], [2.0, np.nan], [2.0, 7.0]],
                       [[1.0, 5.0], [np.nan, np.nan], [3.0, -1.0]],
                       [[4.0, 0.0], [2.0, 6.0], [2.0, 6.0]],
                       [[-2.5, 1e-300], [1e300, 3.0], [2.0, 6.0]]])
    ds = Dataset(units, units, periods, fw.indicator_codes, values)
    st = Settings()
    st.apply("normalisation", "zscore")
    return Project(fw, ds, st)


@pytest.mark.parametrize("periods", [[2020, 2021, 2022], ["2020Q1", "2020Q2", "第三季"]])
def test_labels_that_need_escaping(periods):
    engine = awkward_project(periods).recompute()
    text = streamed(engine)
    assert text == whole(engine)
    doc = json.loads(text)
    assert doc["units"] == ["U\"1", "成都", "%s", "line\nbreak"]
    assert {r["code"] for r in doc["scores"]} == {"a\\b", "c%d", "Idx%s"}


def test_the_document_comes_in_pieces(projects):
    """Streamed: many chunks, none of them the size of the document."""
    engine = load_input(*map(str, projects["asem-panel"])).recompute()
    sizes = [len(c) for c in json_chunks(engine)]
    assert len(sizes) > 100 and max(sizes) < sum(sizes) / 20


def test_cli_json_and_format_json_file(run_cli, repo, tmp_path):
    sample = repo / "resources" / "samples" / "chengdu-chongqing.coindex"
    expected = whole(load_input(str(sample)).recompute())
    p = run_cli("compute", sample, "--json")
    assert p.returncode == 0, p.stderr
    assert p.stdout == expected
    out = tmp_path / "r.json"
    p = run_cli("compute", sample, "--format", "json", "-o", out)
    assert p.returncode == 0, p.stderr
    assert out.read_text(encoding="utf-8") == expected
    assert not list(tmp_path.glob("*.tmp"))


def test_json_to_a_file_in_a_missing_folder_is_a_message(projects, tmp_path):
    engine = load_input(*map(str, projects["asem"])).recompute()
    with pytest.raises(Exception) as err:
        write_output(engine, "json", str(tmp_path / "nowhere" / "r.json"))
    assert "does not exist" in str(err.value)
