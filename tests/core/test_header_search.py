"""Issue 10, the header search (core/importing/table.py find_table): a
table whose first data rows hold no plain number (Eurostat's ':' and
': c', '..', flagged values '12.3 p') is found as long as numbers follow
in the same columns, and a short "key, value" preamble holding a number,
set apart from a wider table by a blank row, is not taken for the table."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from core.cli import main
from core.importing.importer import import_workbook
from core.importing.table import find_table
from core.project import projectfile
from core.sheets.readers import read_workbook_cells

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
SPARSE = FORMATS / "hdr_eurostat_sparse.tsv"
PREAMBLE = FORMATS / "cliopts_preamble.csv"
MARKED = ["AL", "BA", "ME", "MK", "RS", "XK", "TR", "UA", "MD", "GE", "AM", "AZ", "BY", "LI", "SM"]


def run(capsys, *args):
    """``(exit code, stdout, stderr)`` of ``python main.py import *args``, in process."""
    code = main(["import", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def value(project, unit, period, code):
    return project.dataset.value(unit, period, code)


def table_of(path):
    return find_table(read_workbook_cells(path).sheets[0], where=path.name)


# ---- rows of ':' before the numbers ---------------------------------------------------------------------
def test_eurostat_whose_first_rows_are_all_missing_is_read(capsys, tmp_path):
    t = table_of(SPARSE)
    assert t.header == 0 and t.data_rows == list(range(1, 19))
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, SPARSE, "-o", out)
    assert code == 0, err
    assert "layout eurostat, sheet(s) 'hdr_eurostat_sparse' (header row 1)" in stdout
    assert f"units (18): {', '.join(MARKED)}, AT, BE, DE" in stdout
    assert "periods (3): 2019, 2020, 2021" in stdout
    assert "indicators (1):\n  hdr_eurostat_sparse: hdr_eurostat_sparse" in stdout
    assert "values: 8 read, 46 missing" in stdout and "values not read: none" in stdout
    assert "missing values (':') flagged c (confidential): 15" in err
    p = projectfile.load(out)
    assert p.dataset.unit_codes == MARKED + ["AT", "BE", "DE"]
    assert p.dataset.periods == [2019, 2020, 2021]
    code_ = "hdr_eurostat_sparse"
    got = {(u, t): value(p, u, t, code_) for u in ("AT", "BE", "DE") for t in (2019, 2020, 2021)}
    assert got[("AT", 2019)] == 4.8 and got[("AT", 2020)] == 6.0 and got[("AT", 2021)] == 6.2
    assert got[("BE", 2019)] == 5.4 and math.isnan(got[("BE", 2020)]) and got[("BE", 2021)] == 6.3
    assert got[("DE", 2019)] == 3.0 and got[("DE", 2020)] == 3.6 and got[("DE", 2021)] == 3.6
    assert all(math.isnan(value(p, u, t, code_)) for u in MARKED for t in (2019, 2020, 2021))


def test_wide_table_whose_first_rows_hold_missing_words_and_flagged_values(tmp_path):
    f = tmp_path / "sparse.csv"
    rows = ["Note: made up", "region,2020,2021"] + [f"R{k},..,12.5 p" for k in range(20)] + ["Z1,1.5,2", "Z2,3,4"]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    t = table_of(f)
    assert t.header == 1 and t.data_rows == list(range(2, 24))
    r = import_workbook(f)
    assert r.unit_codes[-2:] == ["Z1", "Z2"] and len(r.unit_codes) == 22 and r.periods == [2020, 2021]
    assert r.values[r.unit_codes.index("Z1"), :, 0].tolist() == [1.5, 2.0]


def test_rows_of_marks_with_no_number_under_them_are_no_table(capsys, tmp_path):
    f = tmp_path / "marks.csv"
    f.write_text("region,2020,2021\n" + "".join(f"R{k},:,: c\n" for k in range(20)), encoding="utf-8")
    assert table_of(f).header == -1
    code, _, err = run(capsys, f, "-o", tmp_path / "x.coindex")
    assert code == 1 and not (tmp_path / "x.coindex").exists() and "no sheet has a header row followed by numbers" in err


def test_numbers_past_the_marks_count_only_in_the_marked_columns(tmp_path):
    """Past the usual dozen rows, numbers in a column no row of marks used
    do not make the row above the marks a header."""
    f = tmp_path / "other.csv"
    rows = ["a,b,c"] + [f"x{k},:,:,," for k in range(15)] + ["n1,,,7,8", "n2,,,9,10"]
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    t = table_of(f)
    assert t.header != 0


# ---- a key/value preamble above a wider table -------------------------------------------------------------
def test_key_value_preamble_with_a_number_is_passed(capsys, tmp_path):
    t = table_of(PREAMBLE)
    assert t.header == 3 and t.data_rows == [4, 5, 6] and t.cols == [0, 1, 2]
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, PREAMBLE, "-o", out)
    assert code == 0, err
    assert "(header row 4)" in stdout and "units (3): A, B, C" in stdout
    assert "indicators (2):\n  GDP: GDP\n  POP: POP" in stdout and "values: 6 read, 0 missing" in stdout
    p = projectfile.load(out)
    assert p.dataset.unit_codes == ["A", "B", "C"] and p.dataset.periods == [None]
    assert [value(p, u, None, "GDP") for u in "ABC"] == [1, 2, 3]
    assert [value(p, u, None, "POP") for u in "ABC"] == [10, 20, 30]


def test_two_column_table_is_still_a_table(tmp_path):
    """Key,value lines with numbers and no blank row before a wider block:
    the first rows stay the table (the preamble rule needs the blank row)."""
    f = tmp_path / "two.csv"
    f.write_text("region,GDP\nA,1\nB,2\nC,3\nD,4\n", encoding="utf-8")
    r = import_workbook(f)
    assert r.header_row == 1 and r.unit_codes == ["A", "B", "C", "D"] and r.codes == ["GDP"]
    assert r.values[:, 0, 0].tolist() == [1, 2, 3, 4]
