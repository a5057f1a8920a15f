"""Every user error names its place (file, sheet, row, column, indicator,
unit, node) and never ends in a traceback; the command line exits 1 for user
errors and 2 for unknown settings or values (listing the valid ones)."""
from __future__ import annotations

import json
import re

import numpy as np
import openpyxl
import pytest

from core.project import projectfile
from core.cli import main as cli_main
from core.model.dataset import Dataset
from core.pipeline.engine import Engine
from core.errors import ComputeError, FrameworkError, InputError, ProjectFileError, SettingsError
from core.model.framework import Framework
from core.model.settings import Settings
from core.importing.inputs import load_input

META = """Level,iCode,iName,Direction,Weight,Parent,Type
1,x1,X one,1,1,D1,Indicator
1,x2,X two,1,1,D1,Indicator
1,x3,X three,-1,1,D2,Indicator
2,D1,Dim one,1,1,Idx,Aggregate
2,D2,Dim two,1,1,Idx,Aggregate
3,Idx,Index,1,1,,Aggregate
"""
HEADER = "uCode,uName,Time,x1,x2,x3"
ROWS = ["A,Alpha,2020,1,2,3", "B,Beta,2020,2,3,4", "C,Gamma,2020,3,4,5",
        "A,Alpha,2021,2,3,2", "B,Beta,2021,3,3,3", "C,Gamma,2021,4,5,6"]


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def data_csv(tmp_path, rows=ROWS, header=HEADER, name="data.csv"):
    return write(tmp_path / name, "\n".join([header] + rows) + "\n")


@pytest.fixture
def meta(tmp_path):
    return write(tmp_path / "meta.csv", META)


def run_inprocess(capsys, *argv):
    rc = cli_main([str(a) for a in argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return rc, out.err


def compute_api(data, meta, **sets):
    project = load_input(data, meta)
    s = project.settings.copy()
    for k, v in sets.items():
        s.apply(k, v)
    return Engine(project.framework, project.dataset, s)


def with_cell(rows, row_index, col_index, value):
    rows = list(rows)
    parts = rows[row_index].split(",")
    parts[col_index] = value
    rows[row_index] = ",".join(parts)
    return rows


# ---- fixed-base base values ----------------------------------------------------------------------------
@pytest.mark.parametrize("value,word", [("0", "zero"), ("-2", "negative"), ("", "missing")])
def test_fixed_base_bad_base_value_names_indicator_and_unit(tmp_path, meta, capsys, value, word):
    # unit B, indicator x2, base year 2020 (row index 1, column index 4)
    data = data_csv(tmp_path, with_cell(ROWS, 1, 4, value))
    with pytest.raises(ComputeError) as e:
        compute_api(data, meta, normalisation="fixed_base", base_year="2020")
    msg = str(e.value)
    assert "'x2'" in msg and "'B'" in msg and word in msg and "2020" in msg
    assert "inf" not in msg.replace("information", "")
    # the base year set explicitly (the default base skips a period without a usable base value)
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta, "--set", "normalisation=fixed_base",
                            "--set", "base_year=2020")
    assert rc == 1
    assert "'x2'" in err and "'B'" in err and word in err


def test_fixed_base_bad_value_in_a_later_base_year(tmp_path, meta):
    """The base year is a setting: a zero in 2021 is an error when 2021 is the base."""
    data = data_csv(tmp_path, with_cell(ROWS, 5, 3, "0"))        # C, 2021, x1
    compute_api(data, meta, normalisation="fixed_base", base_year="2020")   # fine: 0 is not a base
    with pytest.raises(ComputeError, match=r"'x1'.*'C'|'C'.*'x1'"):
        compute_api(data, meta, normalisation="fixed_base", base_year="2021")


def test_fixed_base_per_indicator_base_year(tmp_path, meta):
    """An indicator that starts later: its own base year avoids the error;
    the results are then 100 in that year."""
    rows = ROWS
    for r in range(3):
        rows = with_cell(rows, r, 3, "")                          # x1 missing in 2020 for every unit
    data = data_csv(tmp_path, rows)
    with pytest.raises(ComputeError, match="'x1'"):
        compute_api(data, meta, normalisation="fixed_base", base_year="2020")
    e = compute_api(data, meta, normalisation="fixed_base", base_year="2020", **{"base_year.x1": "2021"})
    assert np.all(np.isnan(e.score("x1")[:, 0]))
    np.testing.assert_allclose(e.score("x1")[:, 1], 100.0)
    np.testing.assert_allclose(e.score("x2")[:, 0], 100.0)


def test_fixed_base_never_gives_inf(tmp_path, meta):
    data = data_csv(tmp_path, with_cell(ROWS, 4, 4, "0"))        # B, 2021, x2 = 0 (direction +1): index 0
    e = compute_api(data, meta, normalisation="fixed_base")
    assert np.isfinite(e.scores).all()
    assert e.score("x2")[1, 1] == 0.0


def test_direction_minus_one_zero_value_under_fixed_base(tmp_path, meta, capsys):
    data = data_csv(tmp_path, with_cell(ROWS, 5, 5, "0"))        # C, 2021, x3 (direction -1)
    with pytest.raises(ComputeError) as e:
        compute_api(data, meta, normalisation="fixed_base")
    msg = str(e.value)
    assert "'x3'" in msg and "'C'" in msg and "2021" in msg
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta, "--set", "normalisation=fixed_base")
    assert rc == 1 and "'x3'" in err and "'C'" in err


# ---- geometric mean ------------------------------------------------------------------------------------------
def test_geometric_mean_on_zero_names_unit_and_node(tmp_path, meta, capsys):
    data = data_csv(tmp_path)
    # min-max to 0-100: the worst unit of each indicator scores 0 -> the geometric mean is undefined
    with pytest.raises(ComputeError) as e:
        compute_api(data, meta, aggregation="geometric")
    msg = str(e.value)
    assert re.search(r"unit '[ABC]'", msg), msg
    assert re.search(r"'D[12]'", msg) and re.search(r"'x[123]'", msg), msg
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta, "--set", "aggregation=geometric")
    assert rc == 1 and re.search(r"unit '[ABC]'", err) and re.search(r"'D[12]'", err)
    # with a range above zero it works
    e = compute_api(data, meta, aggregation="geometric", minmax_range="1,100")
    assert np.isfinite(e.score("Idx")).all()


def test_geometric_mean_on_negative_names_the_place(tmp_path, meta):
    data = data_csv(tmp_path, with_cell(ROWS, 2, 4, "-4"))      # C, 2020, x2 < 0 (no normalisation)
    with pytest.raises(ComputeError) as e:
        compute_api(data, meta, normalisation="none", aggregation="geometric")
    msg = str(e.value)
    # x3 has direction -1, so 'none' makes it negative too; either child is a correct report,
    # but the message must name the node, the child, the unit and the period
    assert "'D1'" in msg or "'D2'" in msg
    assert re.search(r"unit '[ABC]'", msg) and re.search(r"period 202[01]", msg)


@pytest.mark.parametrize("method", ["harmonic"])
def test_harmonic_mean_on_zero_is_an_error(tmp_path, meta, method):
    data = data_csv(tmp_path)
    with pytest.raises(ComputeError, match=r"unit '[ABC]'"):
        compute_api(data, meta, aggregation=method)


# ---- bad cells -----------------------------------------------------------------------------------------------------
def test_text_in_numeric_csv_cell(tmp_path, meta, capsys):
    data = data_csv(tmp_path, with_cell(ROWS, 4, 4, "abc"))      # file row 6 (header is row 1), column x2
    with pytest.raises(InputError) as e:
        load_input(data, meta)
    msg = str(e.value)
    assert "data.csv" in msg and "row 6" in msg and "x2" in msg and "abc" in msg
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta)
    assert rc == 1 and "data.csv" in err and "row 6" in err and "x2" in err


def _workbook(path, data_rows, meta_text=META, sheets=("Data", "Meta"), settings_rows=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if "Data" in sheets:
        ws = wb.create_sheet("Data")
        ws.append(HEADER.split(","))
        for r in data_rows:
            ws.append([_cell(v) for v in r.split(",")])
    if "Meta" in sheets:
        ws = wb.create_sheet("Meta")
        lines = meta_text.strip().splitlines()
        ws.append(lines[0].split(","))
        for line in lines[1:]:
            ws.append([_cell(v) for v in line.split(",")])
    if settings_rows is not None:
        ws = wb.create_sheet("Settings")
        ws.append(["Key", "Value"])
        for r in settings_rows:
            ws.append(list(r))
    wb.save(path)
    return path


def _cell(v):
    if v == "":
        return None
    try:
        f = float(v)
    except ValueError:
        return v
    return int(f) if f.is_integer() else f


def test_text_in_numeric_xlsx_cell(tmp_path, capsys):
    path = _workbook(tmp_path / "book.xlsx", with_cell(ROWS, 2, 5, "n/a?"))   # sheet row 4, column x3
    with pytest.raises(InputError) as e:
        load_input(path)
    msg = str(e.value)
    assert "book.xlsx" in msg and "sheet Data" in msg and "row 4" in msg and "x3" in msg
    rc, err = run_inprocess(capsys, "compute", path)
    assert rc == 1 and "book.xlsx" in err and "Data" in err and "row 4" in err and "x3" in err


def test_missing_indicator_column(tmp_path, meta, capsys):
    header = "uCode,uName,Time,x1,x3"
    rows = [",".join(p for k, p in enumerate(r.split(",")) if k != 4) for r in ROWS]
    data = data_csv(tmp_path, rows, header)
    with pytest.raises(InputError) as e:
        load_input(data, meta)
    assert "x2" in str(e.value) and "data.csv" in str(e.value)
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta)
    assert rc == 1 and "x2" in err


def test_duplicate_unit_rows(tmp_path, meta, capsys):
    data = data_csv(tmp_path, ROWS + ["B,Beta,2020,9,9,9"])     # rows 3 and 8 are (B, 2020)
    with pytest.raises(InputError) as e:
        load_input(data, meta)
    msg = str(e.value)
    assert "'B'" in msg and "3" in msg and "8" in msg and "2020" in msg and "data.csv" in msg
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta)
    assert rc == 1 and "'B'" in err


def test_duplicate_unit_rows_without_time(tmp_path):
    meta = write(tmp_path / "meta.csv", META)
    data = data_csv(tmp_path, ["A,Alpha,1,2,3", "B,Beta,2,3,4", "A,Alpha,5,5,5"], "uCode,uName,x1,x2,x3")
    with pytest.raises(InputError, match=r"rows 2 and 4.*'A'"):
        load_input(data, meta)


# ---- Meta ---------------------------------------------------------------------------------------------------------
def _meta_with(tmp_path, line_no, new_line, name="meta_bad.csv"):
    lines = META.strip().splitlines()
    lines[line_no] = new_line
    return write(tmp_path / name, "\n".join(lines) + "\n")


def test_meta_unknown_parent_names_row(tmp_path, capsys):
    meta = _meta_with(tmp_path, 2, "1,x2,X two,1,1,Nope,Indicator")          # file row 3
    with pytest.raises(FrameworkError) as e:
        load_input(data_csv(tmp_path), meta)
    msg = str(e.value)
    assert "meta_bad.csv" in msg and "row 3" in msg and "Nope" in msg and "x2" in msg
    rc, err = run_inprocess(capsys, "compute", tmp_path / "data.csv", "--meta", meta)
    assert rc == 1 and "row 3" in err and "Nope" in err


def test_meta_cycle_names_row(tmp_path):
    lines = META.strip().splitlines()
    lines[4] = "2,D1,Dim one,1,1,Idx,Aggregate"
    lines[6] = "3,Idx,Index,1,1,D1,Aggregate"                                  # Idx <-> D1
    meta = write(tmp_path / "meta_cycle.csv", "\n".join(lines) + "\n")
    with pytest.raises(FrameworkError) as e:
        load_input(data_csv(tmp_path), meta)
    msg = str(e.value)
    assert "cycle" in msg and "meta_cycle.csv" in msg
    assert re.search(r"row [57]\b", msg), msg          # the row of D1 or of Idx


def test_meta_duplicate_code_names_row(tmp_path):
    meta = _meta_with(tmp_path, 3, "1,x1,X three,-1,1,D2,Indicator")         # file row 4 repeats x1
    with pytest.raises(FrameworkError) as e:
        load_input(data_csv(tmp_path), meta)
    msg = str(e.value)
    assert "'x1'" in msg and "twice" in msg and re.search(r"row [24]\b", msg), msg


def test_meta_bad_number_names_row_and_column(tmp_path):
    meta = _meta_with(tmp_path, 3, "1,x3,X three,-1,heavy,D2,Indicator")     # file row 4, Weight
    with pytest.raises(FrameworkError) as e:
        load_input(data_csv(tmp_path), meta)
    msg = str(e.value)
    assert "row 4" in msg and "Weight" in msg and "heavy" in msg


def test_meta_bad_direction(tmp_path):
    meta = _meta_with(tmp_path, 3, "1,x3,X three,2,1,D2,Indicator")
    with pytest.raises(FrameworkError, match=r"row 4.*Direction"):
        load_input(data_csv(tmp_path), meta)


def test_meta_bad_type(tmp_path):
    meta = _meta_with(tmp_path, 3, "1,x3,X three,1,1,D2,Thing")
    with pytest.raises(FrameworkError, match=r"row 4.*Type.*Thing"):
        load_input(data_csv(tmp_path), meta)


def test_framework_errors_from_the_api():
    from core.model.framework import Node
    with pytest.raises(FrameworkError, match="'a'.*twice"):
        Framework([Node("P", type="Aggregate"), Node("a", parent="P"), Node("a", parent="P")])
    with pytest.raises(FrameworkError, match="'b'.*'Q'"):
        Framework([Node("P", type="Aggregate"), Node("b", parent="Q")])
    with pytest.raises(FrameworkError, match="'P'.*no children"):
        Framework([Node("P", type="Aggregate"), Node("R", type="Aggregate"), Node("a", parent="R")])
    with pytest.raises(FrameworkError, match="cycle"):
        Framework([Node("P", type="Aggregate", parent="Q"), Node("Q", type="Aggregate", parent="P"),
                   Node("a", parent="P")])


# ---- settings -----------------------------------------------------------------------------------------------------------
VALID_KEYS = ("normalisation", "minmax_range", "pooled", "base_year", "aggregation", "power", "weighting")


def test_unknown_set_key_exit_2_lists_valid_keys(run_cli, sample_coindex):
    p = run_cli("compute", sample_coindex, "--set", "colour=blue")
    assert p.returncode == 2
    assert "Traceback" not in p.stderr
    assert "colour" in p.stderr
    for k in VALID_KEYS:
        assert k in p.stderr, k


def test_bad_set_value_exit_2_lists_valid_values(run_cli, sample_coindex):
    p = run_cli("compute", sample_coindex, "--set", "aggregation=median")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "median" in p.stderr
    for v in ("arithmetic", "geometric", "harmonic", "generalised"):
        assert v in p.stderr


@pytest.mark.parametrize("item,expect", [
    ("normalisation=logit", ["fixed_base", "minmax", "zscore", "rank", "prank", "goalposts", "dist2target"]),
    ("weighting=random", ["manual", "equal"]),
    ("pooled=maybe", ["true", "false"]),
    ("minmax_range=100,0", ["L", "U"]),
    ("minmax_range=abc", ["L,U"]),
    ("power=strong", ["number"]),
    ("base_year.x1=", ["period"]),
    ("zscore_sd=0", ["> 0"]),
    ("normalisation.x1=logit", ["minmax", "zscore"]),
    ("nokeyvalue", ["KEY=VALUE"]),
])
def test_bad_set_items_exit_2_inprocess(tmp_path, meta, capsys, item, expect):
    data = data_csv(tmp_path)
    rc, err = run_inprocess(capsys, "compute", data, "--meta", meta, "--set", item)
    assert rc == 2, err
    for word in expect:
        assert word in err, (word, err)


def test_settings_api_errors_list_valid():
    s = Settings()
    with pytest.raises(SettingsError) as e:
        s.apply("agregation", "arithmetic")
    assert e.value.valid and "aggregation" in e.value.valid
    with pytest.raises(SettingsError) as e:
        s.apply("normalisation", "nope")
    assert "minmax" in e.value.valid and "fixed_base" in e.value.valid
    # a failed apply leaves the settings as they were
    assert s.normalisation == "minmax" and s.aggregation == "arithmetic"


def test_bad_settings_sheet_names_sheet_and_row(tmp_path, capsys):
    path = _workbook(tmp_path / "s.xlsx", ROWS, settings_rows=[("normalisation", "minmax"), ("aggregation", "mode")])
    with pytest.raises(SettingsError) as e:
        load_input(path)
    assert "Settings" in str(e.value) and "row 3" in str(e.value) and "mode" in str(e.value)
    rc, err = run_inprocess(capsys, "compute", path)
    assert rc == 2 and "arithmetic" in err


# ---- files -----------------------------------------------------------------------------------------------------------------
def _assert_user_error(p, *names):
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr, p.stderr
    for n in names:
        assert n in p.stderr, (n, p.stderr)


def test_missing_file(run_cli, tmp_path):
    p = run_cli("compute", tmp_path / "nowhere.xlsx")
    _assert_user_error(p, "nowhere.xlsx")


def test_non_excel_file_with_xlsx_extension(run_cli, tmp_path):
    fake = write(tmp_path / "fake.xlsx", "uCode,x1\nA,1\n")
    p = run_cli("compute", fake)
    _assert_user_error(p, "fake.xlsx")
    assert "Excel" in p.stderr or "workbook" in p.stderr


def test_workbook_without_meta_sheet(run_cli, tmp_path):
    path = _workbook(tmp_path / "nometa.xlsx", ROWS, sheets=("Data",))
    p = run_cli("compute", path)
    _assert_user_error(p, "nometa.xlsx", "Meta")


def test_csv_without_meta_and_missing_meta(tmp_path, capsys):
    data = data_csv(tmp_path)
    rc, err = run_inprocess(capsys, "compute", data)        # one index over its indicators, with a warning
    assert rc == 0 and "data.csv: no iMeta file (--meta) given: one index INDEX over its" in err
    rc, err = run_inprocess(capsys, "compute", data, "--meta", tmp_path / "nometa.csv")
    assert rc == 1 and "nometa.csv" in err


def test_unsupported_extension(tmp_path, capsys):
    path = write(tmp_path / "data.txt", "x")
    rc, err = run_inprocess(capsys, "compute", path)
    assert rc == 1 and "data.txt" in err


def test_empty_csv(tmp_path, meta, capsys):
    path = write(tmp_path / "empty.csv", "")
    rc, err = run_inprocess(capsys, "compute", path, "--meta", meta)
    assert rc == 1 and "empty.csv" in err


def test_out_must_be_xlsx(tmp_path, meta, capsys):
    rc, err = run_inprocess(capsys, "compute", data_csv(tmp_path), "--meta", meta, "--out", tmp_path / "r.csv")
    assert rc == 1 and "r.csv" in err


# ---- project files ------------------------------------------------------------------------------------------------------------
def test_truncated_coindex(run_cli, tmp_path, sample_coindex):
    raw = sample_coindex.read_bytes()
    bad = tmp_path / "cut.coindex"
    bad.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(ProjectFileError) as e:
        projectfile.load(bad)
    assert "cut.coindex" in str(e.value)
    assert "damaged" in str(e.value) or "truncated" in str(e.value)
    p = run_cli("compute", bad)
    _assert_user_error(p, "cut.coindex")


def test_binary_garbage_coindex(tmp_path, capsys):
    bad = tmp_path / "garbage.coindex"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x01")
    rc, err = run_inprocess(capsys, "compute", bad)
    assert rc == 1 and "garbage.coindex" in err


def test_newer_format_version(tmp_path, sample_coindex, capsys):
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    doc["format_version"] = projectfile.FORMAT_VERSION + 1
    path = tmp_path / "future.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        projectfile.load(path)
    msg = str(e.value)
    assert "newer" in msg and "future.coindex" in msg and str(projectfile.FORMAT_VERSION + 1) in msg
    rc, err = run_inprocess(capsys, "compute", path)
    assert rc == 1 and "newer" in err


@pytest.mark.parametrize("content", ['{"framework": [], "values": []}', "[1, 2, 3]", '"just text"',
                                     '{"format": "Something else", "format_version": 1}'])
def test_json_that_is_not_a_coindex_project(tmp_path, capsys, content):
    path = tmp_path / "other.coindex"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        projectfile.load(path)
    assert "not a CoIndex project" in str(e.value) and "other.coindex" in str(e.value)
    rc, err = run_inprocess(capsys, "compute", path)
    assert rc == 1 and "other.coindex" in err


@pytest.mark.parametrize("mutate,words", [
    (lambda d: d.pop("values"), ["values"]),
    (lambda d: d.__setitem__("values", [[[1.0]]]), ["values[0]: expected 5 items (one per period), found 1"]),
    (lambda d: d.__setitem__("format_version", "1"), ["format_version"]),
    (lambda d: d.__setitem__("indicators", list(reversed(d["indicators"]))), ["indicators"]),
    (lambda d: d["settings"].__setitem__("normalisation", "magic"), ["magic"]),
    (lambda d: d["framework"][1].__setitem__("Parent", "NOPE"), ["NOPE"]),
])
def test_damaged_coindex_entries(tmp_path, sample_coindex, mutate, words):
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    mutate(doc)
    path = tmp_path / "damaged.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        projectfile.load(path)
    msg = str(e.value)
    assert "damaged.coindex" in msg
    for w in words:
        assert w in msg, (w, msg)


def test_coindex_with_nan_literal_is_rejected(tmp_path, sample_coindex):
    text = sample_coindex.read_text(encoding="utf-8")
    doc = json.loads(text)
    doc["values"][0][0][0] = float("nan")
    path = tmp_path / "nan.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")          # writes the NaN literal
    assert "NaN" in path.read_text(encoding="utf-8")
    with pytest.raises(ProjectFileError, match="nan.coindex"):
        projectfile.load(path)


def test_coindex_with_nan_literal_cli_no_traceback(run_cli, tmp_path, sample_coindex):
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    doc["values"][0][0][0] = float("nan")
    path = tmp_path / "nan.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    p = run_cli("compute", path)
    _assert_user_error(p, "nan.coindex")


# ---- periods ----------------------------------------------------------------------------------------------------------------------
def test_base_year_not_among_periods(tmp_path, meta, capsys, sample_coindex):
    data = data_csv(tmp_path)
    with pytest.raises(ComputeError) as e:
        compute_api(data, meta, normalisation="fixed_base", base_year="1999")
    msg = str(e.value)
    assert "1999" in msg and "2020" in msg and "2021" in msg and "base_year" in msg
    rc, err = run_inprocess(capsys, "compute", sample_coindex, "--set", "base_year=2019")
    assert rc == 2 and "2019" in err and "2020" in err and "2024" in err


def test_per_indicator_base_year_not_among_periods(tmp_path, meta):
    with pytest.raises(ComputeError) as e:
        compute_api(data_csv(tmp_path), meta, normalisation="fixed_base", **{"base_year.x2": "2030"})
    assert "'x2'" in str(e.value) and "2030" in str(e.value)


def test_time_cell_that_is_not_a_period(tmp_path, meta):
    data = data_csv(tmp_path, with_cell(ROWS, 3, 2, ""))       # empty Time on file row 5
    with pytest.raises(InputError, match=r"row 5.*Time"):
        load_input(data, meta)


def test_empty_unit_code(tmp_path, meta):
    data = data_csv(tmp_path, with_cell(ROWS, 2, 0, ""))       # file row 4
    with pytest.raises(InputError, match=r"row 4.*uCode"):
        load_input(data, meta)


def test_dataset_from_frame_without_ucode():
    import pandas as pd
    fw = Framework.from_records([{"iCode": "P", "Type": "Aggregate"}, {"iCode": "a", "Parent": "P"}])
    with pytest.raises(InputError, match="uCode"):
        Dataset.from_frame(pd.DataFrame({"code": ["A"], "a": [1.0]}), fw)


# ---- row numbers across blank lines ------------------------------------------------------------------------------
def test_csv_row_number_counts_empty_lines(tmp_path, meta):
    """A message's row is the file's line: an empty line in the CSV counts."""
    text = HEADER + "\n" + ROWS[0] + "\n\n" + with_cell(ROWS, 1, 4, "abc")[1] + "\n"
    data = write(tmp_path / "gaps.csv", text)            # 'abc' is on line 4 of the file
    with pytest.raises(InputError) as e:
        load_input(data, meta)
    assert "row 4" in str(e.value), str(e.value)


def test_csv_row_number_counts_blank_rows(tmp_path, meta):
    text = HEADER + "\n" + ROWS[0] + "\n,,,,,\n" + with_cell(ROWS, 1, 4, "abc")[1] + "\n"
    data = write(tmp_path / "gaps.csv", text)            # 'abc' is on line 4 of the file
    with pytest.raises(InputError) as e:
        load_input(data, meta)
    assert "row 4" in str(e.value), str(e.value)


def test_meta_csv_row_number_counts_empty_lines(tmp_path):
    lines = META.strip().splitlines()
    lines[2] = "1,x2,X two,1,1,Nope,Indicator"
    lines.insert(2, "")                                   # the bad row is now on line 4
    meta = write(tmp_path / "meta_gap.csv", "\n".join(lines) + "\n")
    with pytest.raises(FrameworkError) as e:
        load_input(data_csv(tmp_path), meta)
    assert "row 4" in str(e.value), str(e.value)


def test_xlsx_row_number_counts_blank_rows(tmp_path):
    path = _workbook(tmp_path / "gap.xlsx", [ROWS[0], ",,,,,", with_cell(ROWS, 1, 4, "abc")[1]])
    with pytest.raises(InputError) as e:
        load_input(path)
    assert "sheet Data" in str(e.value) and "row 4" in str(e.value), str(e.value)


# ---- per-indicator settings name real indicators ----------------------------------------------------------------
@pytest.mark.parametrize("item", ["normalisation.NOPE=rank", "base_year.NOPE=2021"])
def test_per_indicator_setting_for_unknown_code(sample_coindex, capsys, item):
    """``normalisation.<CODE>`` / ``base_year.<CODE>`` with a code that is not
    an indicator is an unknown key: exit 2 and a message naming it, not a
    silently ignored typo."""
    rc, err = run_inprocess(capsys, "compute", sample_coindex, "--set", item)
    assert rc == 2, f"exit {rc}: '{item}' was accepted silently"
    assert "NOPE" in err


# ---- edits -------------------------------------------------------------------------------------------------------
def test_edit_that_breaks_the_method_is_rolled_back(sample_coindex):
    from core.project.project import SetValues
    p = load_input(sample_coindex)
    scores, values = p.engine.scores.copy(), p.dataset.values.copy()
    events = []
    p.add_listener(lambda ev, payload: events.append(ev))
    code = p.dataset.codes[0]
    with pytest.raises(ComputeError) as e:
        p.execute(SetValues([("CCEC", 2020, code, 0.0)]))
    assert f"'{code}'" in str(e.value) and "'CCEC'" in str(e.value)
    inv = [c for c in p.dataset.codes if p.framework[c].direction == -1][0]
    with pytest.raises(ComputeError, match=f"'{inv}'.*'CCEC'.*2022"):
        p.execute(SetValues([("CCEC", 2022, inv, -1.0)]))
    assert np.array_equal(p.dataset.values, values)
    assert np.array_equal(p.engine.scores, scores)
    assert events == [] and p.provenance["edits"] == []


@pytest.mark.parametrize("cell,words", [
    (("CCEC", 2021, "RA1", "abc"), ["'abc'", "RA1", "2021", "CCEC"]),
    (("CCEC", 2019, "RA1", 1.0), ["2019", "RA1"]),
    (("XXXX", 2021, "RA1", 1.0), ["XXXX"]),
    (("CCEC", 2021, "ZZ9", 1.0), ["ZZ9"]),
    (("CCEC", 2021, "RA1", float("inf")), ["RA1", "finite"]),
])
def test_bad_edit_names_the_cell(sample_coindex, cell, words):
    from core.project.project import SetValues
    p = load_input(sample_coindex)
    values = p.dataset.values.copy()
    with pytest.raises(InputError) as e:
        p.execute(SetValues([("CCEC", 2022, "RA1", 5.0), cell]))
    for w in words:
        assert w in str(e.value), (w, str(e.value))
    assert np.array_equal(p.dataset.values, values)          # nothing half-applied


def test_settings_change_that_fails_is_rolled_back(sample_coindex):
    from core.project.project import SetSettings
    p = load_input(sample_coindex)
    scores = p.engine.scores.copy()
    s = p.settings.copy()
    s.apply("base_year", "1999")
    with pytest.raises(ComputeError, match="1999"):
        p.execute(SetSettings(s))
    assert p.settings.base_year == 2020
    assert np.array_equal(p.engine.scores, scores)


# ---- goalposts and distance to target need their Meta columns ---------------------------------------------------
def test_goalposts_without_meta_columns_names_indicator(tmp_path, meta):
    # refused before computing: the method cannot work without goalposts (the settings' error, exit 2)
    with pytest.raises(SettingsError, match=r"Goalposts \(goalposts\).*missing for 'x1', 'x2', 'x3'.*goalpost"):
        compute_api(data_csv(tmp_path), meta, normalisation="goalposts")


def test_dist2target_without_target_names_indicator(tmp_path, meta):
    with pytest.raises(SettingsError,
                       match=r"Distance to target \(dist2target\).*missing for 'x1', 'x2', 'x3'.*Target"):
        compute_api(data_csv(tmp_path), meta, normalisation="dist2target")


def test_out_to_missing_folder(tmp_path, meta, capsys):
    rc, err = run_inprocess(capsys, "compute", data_csv(tmp_path), "--meta", meta, "--out",
                            tmp_path / "no" / "such" / "r.xlsx")
    assert rc == 1 and "such" in err
