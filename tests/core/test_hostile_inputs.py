"""Issue 12, hostile and sloppy inputs read by ``compute`` and ``import``:
no silent wrong number, no traceback, messages that name the place.

Each test runs the command line in-process (core.cli.main) on a small file
written here and checks the exit code and the numbers or the message.
"""
from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from core.cli import main

META = "iCode,iName,Parent,Type,Weight\nIDX,Index,,Aggregate,1\nI1,i1,IDX,Indicator,1\nI2,i2,IDX,Indicator,1\n"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def scores(out) -> dict:
    doc = json.loads(out)
    return {(r["unit"], r["period"], r["code"]): r["value"] for r in doc["scores"]}


@pytest.fixture
def meta(tmp_path):
    return write(tmp_path / "meta.csv", META)


# ---- CSV shapes ---------------------------------------------------------------------------------------------
def test_data_rows_ending_with_a_comma_are_read_as_import_reads_them(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,Unit A,2020,10,14,\nB,Unit B,2020,12,11,\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json", "--set", "normalisation=none")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["units"] == ["A", "B"]
    assert doc["periods"] == [2020]
    got = scores(out)
    assert got[("A", 2020, "I1")] == 10 and got[("B", 2020, "I2")] == 11
    assert got[("A", 2020, "IDX")] == pytest.approx(12.0)


def test_a_repeated_data_column_is_refused_naming_both_columns(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I1,I2\nA,a,2020,1,2,3\nB,b,2020,4,5,6\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "d.csv" in err and "'I1'" in err and "D" in err and "E" in err and "twice" in err
    assert "I1.1" not in err


def test_a_repeated_column_of_a_template_data_sheet_is_refused(tmp_path, capsys):
    book = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["uCode", "uName", "I1", "I2", "I2"])
    ws.append(["A", "a", 1, 2, 3])
    ws.append(["B", "b", 3, 4, 5])
    m = wb.create_sheet("Meta")
    for row in (["iCode", "iName", "Parent", "Type"], ["IDX", "Index", None, "Aggregate"],
                ["I1", "i1", "IDX", "Indicator"], ["I2", "i2", "IDX", "Indicator"]):
        m.append(row)
    wb.save(book)
    code, _, err = run(capsys, "compute", book)
    assert code == 1
    assert "sheet Data" in err and "'I2'" in err and "columns D and E" in err


def test_windows_1252_text_is_decoded_as_windows_1252(tmp_path, meta, capsys):
    text = ("uCode,uName,Time,I1,I2\nZürich café,Zürich café München Genève São Paulo,2020,1,100\n"
            "B,Unit B,2020,100,1\nKöln Düsseldorf,Köln,2020,50,50\n")
    data = write(tmp_path / "d.csv", text, "cp1252")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json")
    assert code == 0, err
    assert json.loads(out)["units"] == ["Zürich café", "B", "Köln Düsseldorf"]


def test_gb18030_text_is_still_read(tmp_path, meta, capsys):
    text = "uCode,uName,Time,I1,I2\n成都市,成都,2020,1,100\n重庆市,重庆,2020,100,1\n西安市,西安,2020,5,6\n"
    data = write(tmp_path / "d.csv", text, "gb18030")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json")
    assert code == 0, err
    assert json.loads(out)["units"] == ["成都市", "重庆市", "西安市"]


def test_a_semicolon_separated_meta_says_the_separator_looks_wrong(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", META.replace(",", ";"))
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "m.csv" in err and "';'" in err and "separat" in err
    assert "iCode is empty" not in err


# ---- zero units ---------------------------------------------------------------------------------------------
def test_header_only_csv_is_refused_naming_the_file(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\n")
    for extra in ([], ["--json"], ["--out", tmp_path / "r.xlsx"]):
        code, out, err = run(capsys, "compute", data, "--meta", meta, *extra)
        assert code == 1, (extra, err)
        assert "d.csv" in err and "no data rows" in err and "Traceback" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_header_only_template_workbook_is_refused(tmp_path, capsys):
    book = tmp_path / "t.xlsx"
    with pd.ExcelWriter(book) as w:
        pd.DataFrame({"uCode": [], "uName": [], "Time": [], "I1": [], "I2": []}).to_excel(w, sheet_name="Data",
                                                                                          index=False)
        pd.DataFrame({"iCode": ["IDX", "I1", "I2"], "Parent": [None, "IDX", "IDX"],
                      "Type": ["Aggregate", "Indicator", "Indicator"]}).to_excel(w, sheet_name="Meta", index=False)
    code, _, err = run(capsys, "compute", book, "--out", tmp_path / "r.xlsx")
    assert code == 1
    assert "t.xlsx, sheet Data" in err and "no data rows" in err


# ---- numbers too large for a float --------------------------------------------------------------------------
def test_an_integer_too_large_for_a_float_in_a_csv_is_named(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020," + "9" * 400 + ",4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "d.csv, row 3, column I1" in err and "not a finite number" in err


def test_an_integer_too_large_for_a_float_in_a_workbook_is_named(tmp_path, capsys):
    book = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["uCode", "I1", "I2"])
    ws.append(["A", 1, 2])
    ws.append(["B", "9" * 400, 3])          # text of digits: read as a number
    m = wb.create_sheet("Meta")
    for row in (["iCode", "Parent", "Type", "Weight"], ["IDX", None, "Aggregate", 1],
                ["I1", "IDX", "Indicator", "1" + "0" * 400], ["I2", "IDX", "Indicator", 1]):
        m.append(row)
    wb.save(book)
    code, _, err = run(capsys, "compute", book)
    assert code == 1
    assert "sheet Meta, row 3, column Weight" in err and "'I1'" in err


def test_a_weight_too_large_for_a_float_in_a_meta_csv_is_named(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", META.replace("I1,i1,IDX,Indicator,1", "I1,i1,IDX,Indicator,1" + "0" * 400))
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "m.csv, row 3, column Weight" in err


# ---- the framework ------------------------------------------------------------------------------------------
def test_an_indicator_with_an_empty_parent_is_an_error_naming_its_row(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", META.replace("I2,i2,IDX,", "I2,i2,,"))
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "m.csv, row 4" in err and "'I2'" in err and "Parent" in err


def test_a_second_root_is_an_error_naming_its_row(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", "iCode,iName,Parent,Type\nIDX,Index,,Aggregate\nD1,d1,IDX,Aggregate\n"
                                     "D2,d2,,Aggregate\nI1,i1,D1,Indicator\nI2,i2,D2,Indicator\n")
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "m.csv, row 4" in err and "'D2'" in err and "'IDX'" in err


def test_a_two_node_cycle_is_named(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", "iCode,iName,Parent,Type\nIDX,Index,,Aggregate\nA,a,B,Aggregate\n"
                                     "B,b,A,Aggregate\nI1,i1,A,Indicator\nI2,i2,B,Indicator\n")
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "cycle" in err and "'A'" in err and "'B'" in err
    assert "no children" not in err


def deep_meta(levels) -> str:
    rows = ["iCode,iName,Parent,Type", "N0,n0,,Aggregate"]
    rows += [f"N{k},n{k},N{k - 1},Aggregate" for k in range(1, levels)]
    rows += [f"I1,i1,N{levels - 1},Indicator", f"I2,i2,N{levels - 1},Indicator"]
    return "\n".join(rows) + "\n"


def test_a_framework_deeper_than_the_limit_is_refused(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", deep_meta(400))
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta)
    assert code == 1
    assert "m.csv" in err and "levels" in err and "100" in err


def test_a_deep_framework_within_the_limit_computes(tmp_path, capsys):
    meta = write(tmp_path / "m.csv", deep_meta(60))
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, out, err = run(capsys, "compute", data, "--meta", meta, "--json", "--set", "normalisation=none")
    assert code == 0, err
    assert scores(out)[("B", 2020, "N0")] == pytest.approx(3.5)


# ---- contract breaks ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "1e300", "2020.5"])
def test_a_bad_base_year_exits_2(tmp_path, meta, capsys, value):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2021,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta, "--set", f"base_year={value}")
    assert code == 2, err
    assert "base_year" in err and "0" * 30 not in err
    if value == "abc":
        assert "2020, 2021" in err


def test_goalpost_scale_is_what_the_docs_say(repo):
    text = (repo / "docs" / "methods.md").read_text(encoding="utf-8")
    line = next(s for s in text.splitlines() if "goalpost_scale" in s)
    assert "the Meta column `goalpost_scale`" in line


def test_goalpost_scale_as_a_setting_points_to_the_meta_column(tmp_path, meta, capsys):
    data = write(tmp_path / "d.csv", "uCode,uName,Time,I1,I2\nA,a,2020,1,2\nB,b,2020,3,4\n")
    code, _, err = run(capsys, "compute", data, "--meta", meta, "--set", "goalpost_scale=10")
    assert code == 2
    assert "goalpost_scale" in err and "Meta column" in err


def test_import_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    code, _, err = run(capsys, "import", tmp_path, "-o", tmp_path / "x.coindex")
    assert code == 1
    assert "is a folder" in err and "no such file" not in err


def test_compute_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    code, _, err = run(capsys, "compute", tmp_path)
    assert code == 1
    assert "is a folder" in err


def error_book(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["Region", "Year", "GDP", "Bad", "Mostly"])
    for k, r in enumerate("ABCD"):
        ws.append([r, 2020, 10 + k, "#DIV/0!", 5 if k == 0 else "#VALUE!"])
    wb.save(path)
    return path


def test_import_strict_counts_whole_columns_of_excel_errors(tmp_path, capsys):
    book = error_book(tmp_path / "e.xlsx")
    code, _, err = run(capsys, "import", book, "--strict", "--accept-guess", "-o", tmp_path / "e.coindex")
    assert code == 1
    assert "7 cell(s) could not be read" in err
    assert not (tmp_path / "e.coindex").exists()


def test_import_keeps_the_number_of_a_mostly_error_column(tmp_path, capsys):
    book = error_book(tmp_path / "e.xlsx")
    code, out, err = run(capsys, "import", book, "--accept-guess", "-o", tmp_path / "e.coindex")
    assert code == 0, err
    assert "Mostly" in out and "S!D2" in out
    doc = json.loads((tmp_path / "e.coindex").read_text(encoding="utf-8"))
    assert "Mostly" in json.dumps(doc["framework"])


def test_import_reads_windows_1252_text_too(tmp_path, capsys):
    text = ("Region,Year,GDP\nZürich café,2020,1\nKöln Düsseldorf,2020,2\nGenève São Paulo,2020,3\n")
    data = write(tmp_path / "w.csv", text, "cp1252")
    code, out, err = run(capsys, "import", data, "-o", tmp_path / "w.coindex")
    assert code == 0, err
    doc = json.loads((tmp_path / "w.coindex").read_text(encoding="utf-8"))
    assert [u["code"] for u in doc["units"]] == ["Zürich café", "Köln Düsseldorf", "Genève São Paulo"]


def test_import_of_a_template_with_an_indicator_without_parent_names_its_row(tmp_path, capsys):
    book = tmp_path / "t.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["uCode", "uName", "I1", "I2"])
    ws.append(["A", "a", 1, 2])
    ws.append(["B", "b", 3, 4])
    m = wb.create_sheet("Meta")
    for row in (["iCode", "iName", "Parent", "Type"], ["IDX", "Index", None, "Aggregate"],
                ["I1", "i1", "IDX", "Indicator"], ["I2", "i2", None, "Indicator"]):
        m.append(row)
    wb.save(book)
    for args in (["compute", book], ["import", book, "-o", tmp_path / "t.coindex"]):
        code, _, err = run(capsys, *args)
        assert code == 1, args
        assert "sheet Meta, row 4" in err and "'I2'" in err and "Parent" in err
