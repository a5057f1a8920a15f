"""``compute --format csv|parquet -o DIR`` (issue 13): one long table per
kind of record, holding exactly the records of the ``--json`` document
(same keys, same order, same numbers; missing values empty / null)."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from core.errors import CoIndexError
from core.exporting import parquet
from core.exporting.outputs import write_output
from core.exporting.records import WARNING_KEYS
from core.exporting.stream import write_csv
from core.exporting.tables import results_document
from core.importing.inputs import load_input

TABLES = ("framework", "data", "scores", "ranks", "growth", "contributions", "warnings", "coverage")


@pytest.fixture(scope="module")
def panel(ref_dir):
    engine = load_input(str(ref_dir / "asem_iData_p.csv"), str(ref_dir / "asem_iMeta.csv")).recompute()
    return engine, results_document(engine)


def json_records(doc, name):
    records = doc[name]
    if name == "warnings":                      # the table keeps the common keys of a warning
        records = [{k: w.get(k) for k in WARNING_KEYS} for w in records]
    return records


def csv_text(value) -> str:
    """How a JSON value reads in the CSV."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def test_csv_tables_hold_the_json_records(panel, tmp_path):
    engine, doc = panel
    paths = write_csv(engine, tmp_path / "out")
    assert sorted(p.rsplit("/", 1)[-1] for p in paths) == sorted(f"{n}.csv" for n in TABLES)
    for name in TABLES:
        with open(tmp_path / "out" / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        records = json_records(doc, name)
        assert rows[0] == list(records[0].keys()), name
        assert rows[1:] == [[csv_text(v) for v in r.values()] for r in records], name
    assert len(doc["scores"]) == engine.scores.size > 10000
    assert any(r["value"] is None for r in doc["data"])          # missing values are in the comparison


def test_parquet_tables_hold_the_json_records(panel, tmp_path):
    engine, doc = panel
    paths = write_output(engine, "parquet", str(tmp_path / "pq"))
    assert len(paths) == len(TABLES)
    for name in TABLES:
        table = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        records = json_records(doc, name)
        assert table.column_names == list(records[0].keys()), name
        assert table.to_pylist() == records, name
    ranks = pq.read_table(tmp_path / "pq" / "ranks.parquet")
    assert str(ranks.schema.field("rank").type) == "int64" and str(ranks.schema.field("period").type) == "int64"


def test_parquet_row_groups_bound_memory(panel, tmp_path, monkeypatch):
    engine, doc = panel
    monkeypatch.setattr(parquet, "ROW_GROUP", 1000)
    write_output(engine, "parquet", str(tmp_path / "pq"))
    meta = pq.ParquetFile(tmp_path / "pq" / "scores.parquet").metadata
    assert meta.num_row_groups > 5 and meta.num_rows == len(doc["scores"])
    assert pq.read_table(tmp_path / "pq" / "scores.parquet").to_pylist() == doc["scores"]


def test_cli_csv_folder(run_cli, ref_dir, tmp_path, panel):
    _, doc = panel
    out = tmp_path / "csv"
    p = run_cli("compute", ref_dir / "asem_iData_p.csv", "--meta", ref_dir / "asem_iMeta.csv", "--format", "csv",
                "-o", out)
    assert p.returncode == 0, p.stderr
    with open(out / "growth.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1:] == [[csv_text(v) for v in r.values()] for r in doc["growth"]]
    assert p.stdout == ""


def test_cli_csv_without_a_folder_says_so(run_cli, ref_dir, tmp_path):
    p = run_cli("compute", ref_dir / "asem_iData.csv", "--meta", ref_dir / "asem_iMeta.csv", "--format", "csv")
    assert p.returncode == 1 and "-o FOLDER" in p.stderr and "Traceback" not in p.stderr
    afile = tmp_path / "f.txt"
    afile.write_text("x")
    p = run_cli("compute", ref_dir / "asem_iData.csv", "--meta", ref_dir / "asem_iMeta.csv", "--format", "csv",
                "-o", afile)
    assert p.returncode == 1 and "this is a file" in p.stderr and afile.read_text() == "x"


def test_parquet_without_pyarrow_says_what_to_install(panel, tmp_path, monkeypatch):
    engine, _ = panel
    monkeypatch.setattr(parquet, "available", lambda: False)
    with pytest.raises(CoIndexError, match="pyarrow"):
        write_output(engine, "parquet", str(tmp_path / "pq"))
    assert not (tmp_path / "pq").exists()


def test_no_time_and_one_period_tables(ref_dir, tmp_path):
    """One period: no growth or contributions records, the tables are
    there with their header only."""
    engine = load_input(str(ref_dir / "asem_iData.csv"), str(ref_dir / "asem_iMeta.csv")).recompute()
    doc = json.loads(json.dumps(results_document(engine)))
    write_csv(engine, tmp_path)
    with open(tmp_path / "growth.csv", encoding="utf-8") as f:
        assert f.read() == "unit,code,from,to,change_pct,cagr_pct\n"
    write_output(engine, "parquet", str(tmp_path))
    assert pq.read_table(tmp_path / "growth.parquet").num_rows == 0 == len(doc["growth"])
    assert pq.read_table(tmp_path / "scores.parquet").to_pylist() == doc["scores"]


def test_csv_quotes_labels_that_need_it(tmp_path):
    """Commas, quotes, newlines and Chinese in the labels survive the CSV."""
    from test_stream_json import awkward_project
    engine = awkward_project(["2020Q1", "2020,Q2", "第三季"]).recompute()
    doc = results_document(engine)
    write_csv(engine, tmp_path)
    read = {}
    for name in ("scores", "ranks", "contributions"):
        with open(tmp_path / f"{name}.csv", encoding="utf-8", newline="") as f:
            read[name] = list(csv.reader(f))
        assert read[name][1:] == [[csv_text(v) for v in r.values()] for r in doc[name]], name
    assert any(r[0] == "line\nbreak" for r in read["scores"]) and any(r[1] == "2020,Q2" for r in read["scores"])
