"""The user's choices win, the output is honest, and a guess is never a
project written with exit 0: ``python main.py import`` with --header-row,
--skip-rows, the --*-column options, --layout that does not fit, --into a
project without periods, the summary / --verbose / --report output and
the confidence check (core/importing/confidence.py), with --accept-guess.
The files are tests/data/formats/cliopts_*.csv (written by hand for these
tests) and the corpus of tests/data."""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest

from core.cli import main
from core.errors import InputError
from core.importing import confidence, plan
from core.importing.importer import import_workbook
from core.importing.table import find_table
from core.importing.roles import choose_columns, column_roles
from core.project import projectfile
from core.sheets.readers import read_workbook_cells

DATA = Path(__file__).resolve().parents[1] / "data"
FORMATS = DATA / "formats"
SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "chengdu-chongqing.xlsx"


def run(capsys, *args):
    """``(exit code, stdout, stderr)`` of ``python main.py import *args``, in
    process (``--force``: these tests write the same output again and again)."""
    code = main(["import", "--force", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def value(project, unit, period, code):
    return project.dataset.value(unit, period, code)


# ---- --layout that does not fit: the layout's reason, never an exception's text ---------------------------
# every corpus file on which `--layout yearbook` ended in "IndexError: list index out of range": the yearbook
# layout read a table without a year in its header (the cause: a named layout read tables without asking
# whether it fits them).
NO_YEAR_HEADER = [DATA / "errors_formulas.xlsx", DATA / "units_by_indicators.xlsx", DATA / "units_by_year_sheets.xlsx",
                  DATA / "lo_units_by_indicators_resaved.xlsx", DATA / "lo_units_by_indicators.xls",
                  DATA / "lo_units_by_indicators.ods", DATA / "coinr_idata.csv", DATA / "units_gb18030.csv", SAMPLE]


@pytest.mark.parametrize("path", NO_YEAR_HEADER, ids=lambda p: p.name)
def test_yearbook_layout_on_a_table_without_years_says_why(capsys, tmp_path, path):
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, path, "--layout", "yearbook", "-o", out)
    assert code == 1 and not out.exists()
    assert "not in the yearbook layout" in err and "no column of the header is a year" in err
    assert "Error" not in err and "list index" not in err


@pytest.mark.parametrize("name, layout, reason", [
    ("yearbook_chengdu.xlsx", "long", "no column of values"),
    ("units_by_indicators.xlsx", "long", "no column names the indicator"),
    ("long_zh.xlsx", "yearbook", "no column of the header is a year"),
])
def test_other_layouts_that_do_not_fit_say_why(capsys, tmp_path, name, layout, reason):
    with pytest.raises(InputError, match=f"not in the {layout} layout .*{reason}"):
        import_workbook(DATA / name, layout=layout)
    code, _, err = run(capsys, DATA / name, "--layout", layout, "-o", tmp_path / "x.coindex")
    assert code == 1 and reason in err


def test_the_yearbook_layout_itself_refuses_a_table_without_years():
    from core.importing.layouts.base import ReadOptions
    from core.importing.layouts.yearbook import LAYOUT
    sheet = read_workbook_cells(DATA / "units_by_indicators.xlsx").sheets[0]
    with pytest.raises(InputError, match="no column of the header is a year"):
        LAYOUT.read(find_table(sheet), ReadOptions())


def test_a_forced_layout_that_reads_a_long_table_as_a_wide_one_is_refused(capsys, tmp_path):
    """units-by-indicators fits any table; on a long table it would read the
    indicator column as values: half of them unreadable, so a guess."""
    out = tmp_path / "x.coindex"
    code, _, err = run(capsys, DATA / "long_zh.xlsx", "--layout", "units-by-indicators", "-o", out)
    assert code == 1 and not out.exists() and "4 of 8 value cells (50%) could not be read" in err


# ---- --skip-rows and --header-row --------------------------------------------------------------------------
def test_skip_rows_ignores_the_rows_above_the_table(capsys, tmp_path):
    r = import_workbook(FORMATS / "cliopts_preamble.csv", skip_rows=3)
    assert r.header_row == 4 and r.unit_codes == ["A", "B", "C"] and r.codes == ["GDP", "POP"]
    assert r.periods == [None] and r.unreadable == []
    np.testing.assert_array_equal(r.values[:, 0, :], [[1, 10], [2, 20], [3, 30]])
    for option in (("--skip-rows", "3"), ("--header-row", "4")):
        out = tmp_path / f"{option[0][2:]}.coindex"
        code, stdout, err = run(capsys, FORMATS / "cliopts_preamble.csv", *option, "-o", out)
        assert code == 0, err
        assert "units (3): A, B, C" in stdout and "values: 6 read, 0 missing" in stdout
        assert value(projectfile.load(out), "C", None, "POP") == 30


def test_header_row_among_the_rows_skipped_and_bad_numbers(capsys, tmp_path):
    with pytest.raises(InputError, match="header row 2 is among the 3 row"):
        import_workbook(FORMATS / "cliopts_preamble.csv", skip_rows=3, header_row=2)
    with pytest.raises(SystemExit) as e:
        run(capsys, FORMATS / "cliopts_preamble.csv", "--header-row", "0", "-o", tmp_path / "x.coindex")
    assert e.value.code == 2 and "'0' is not a row number" in capsys.readouterr().err


# ---- the columns of each role --------------------------------------------------------------------------------
def test_columns_named_by_header_or_letter_make_a_long_table(capsys, tmp_path):
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, FORMATS / "cliopts_long_plain.csv", "--unit-column", "geo",
                            "--indicator-column", "B", "--period-column", "WHEN", "--value-column", "d", "-o", out)
    assert code == 0, err
    assert "layout long" in stdout and "units (2): CHN, IND" in stdout and "periods (2): 2021, 2022" in stdout
    p = projectfile.load(out)
    assert p.dataset.unit_codes == ["CHN", "IND"] and p.framework.indicator_codes == ["GDP", "POP"]
    np.testing.assert_array_equal(p.dataset.values[:, :, :], [[[17.7, 1412.4], [17.9, 1411.8]],
                                                               [[3.2, 1407.6], [3.4, 1417.2]]])


def test_without_the_columns_the_long_table_is_a_guess(capsys, tmp_path):
    out = tmp_path / "x.coindex"
    code, _, err = run(capsys, FORMATS / "cliopts_long_plain.csv", "-o", out)
    assert code == 1 and not out.exists() and "10 value(s) fall on a unit, period and indicator" in err


def test_a_column_that_names_none_is_refused_with_the_headers(capsys, tmp_path):
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, FORMATS / "cliopts_year_twice.csv", "--period-column", "Yr", "-o", out)
    assert code == 1 and not out.exists() and stdout == ""
    assert "column 'Yr' (given as the year column) names no column" in err
    assert "A 'Region', B 'Year', C '2021', D '2022'" in err
    with pytest.raises(InputError, match="column 'Q' .*names no column"):
        import_workbook(FORMATS / "cliopts_year_twice.csv", columns={"value": "Q"})


def test_a_chosen_unit_column_replaces_the_detected_ones():
    sheet = read_workbook_cells(FORMATS / "cliopts_two_unit_columns.csv").sheets[0]
    table = find_table(sheet)
    assert column_roles(table) == {0: "unit_name", 1: "unit_name", 2: None, 3: None}
    choose_columns(table, {"unit_code": "City"})
    assert column_roles(table) == {0: None, 1: "unit_code", 2: None, 3: None}
    with pytest.raises(InputError, match="column B is named for both unit_code and unit_name"):
        choose_columns(table, {"unit_code": "City", "unit_name": "b"})


# ---- the confidence check ------------------------------------------------------------------------------------
def test_two_unit_columns_are_a_guess_the_unit_column_settles(capsys, tmp_path):
    path, out = FORMATS / "cliopts_two_unit_columns.csv", tmp_path / "x.coindex"
    code, stdout, err = run(capsys, path, "-o", out)
    assert code == 1 and not out.exists()
    assert "columns A 'Province', B 'City' could each be the unit name column (A was read)" in err
    assert "--unit-name-column B" in err and "--accept-guess" in err
    assert "units (2): Sichuan, Chongqing" in stdout          # the summary of what was found, then the refusal
    code, stdout, err = run(capsys, path, "--unit-column", "City", "-o", out)
    assert code == 0, err
    p = projectfile.load(out)
    assert p.dataset.unit_codes == ["Chengdu", "Mianyang", "Chongqing"]
    assert value(p, "Mianyang", None, "GDP") == 3350.3
    code, stdout, err = run(capsys, path, "--accept-guess", "-o", out)
    assert code == 0 and "warning: guessed (--accept-guess)" in err
    assert projectfile.load(out).dataset.unit_codes == ["Sichuan", "Chongqing"]


def test_years_in_a_column_and_in_the_header_are_a_guess(capsys, tmp_path):
    path, out = FORMATS / "cliopts_year_twice.csv", tmp_path / "x.coindex"
    code, _, err = run(capsys, path, "-o", out)
    assert code == 1 and not out.exists()
    assert "periods in two places: column B 'Year' names each row's year and the header cells C '2021' ... " \
           "D '2022' are years" in err and "--period-column B" in err
    code, stdout, err = run(capsys, path, "--period-column", "Year", "-o", out)
    assert code == 0, err
    p = projectfile.load(out)
    assert p.dataset.periods == [2021] and value(p, "Chongqing", 2021, "I02") == 4.5


def test_many_unreadable_cells_are_a_guess(capsys, tmp_path):
    path, out = FORMATS / "cliopts_unreadable.csv", tmp_path / "x.coindex"
    code, stdout, err = run(capsys, path, "-o", out)
    assert code == 1 and not out.exists()
    assert "3 of 12 value cells (25%) could not be read (first: cliopts_unreadable!B3, cliopts_unreadable!B6, " \
           "cliopts_unreadable!C4)" in err
    code, stdout, err = run(capsys, path, "--accept-guess", "-o", out)
    assert code == 0
    p = projectfile.load(out)
    assert np.isnan(value(p, "B", None, "GDP")) and value(p, "D", None, "POP") == 40


def test_values_given_twice_are_a_guess(capsys, tmp_path):
    path, out = FORMATS / "cliopts_twice.csv", tmp_path / "x.coindex"
    code, _, err = run(capsys, path, "-o", out)
    assert code == 1 and not out.exists() and "3 value(s) fall on a unit, period and indicator" in err
    code, _, err = run(capsys, path, "--accept-guess", "-o", out)
    assert code == 0
    p = projectfile.load(out)
    assert [value(p, u, 2021, "GDP") for u in "ABC"] == [1, 2, 3]


@pytest.mark.parametrize("name", ["yearbook_chengdu.xlsx", "errors_formulas.xlsx", "long_zh.xlsx",
                                  "units_by_indicators.xlsx", "coinr_idata.csv", "yearbook_unitcol.xlsx"])
def test_the_corpus_is_read_without_doubts(name):
    """One or two bad cells (listed in the summary) are not a doubt: fewer than confidence.MIN_CELLS."""
    r = import_workbook(DATA / name)
    assert confidence.doubts(r) == [] and confidence.check(r) == []


def test_the_plan_reads_the_options_as_the_wizard_does():
    """The wizard's path (read once, interpret with the options) honours the same choices and doubts."""
    cells = plan.read_cells(FORMATS / "cliopts_long_plain.csv")
    options = plan.ImportOptions(path=str(FORMATS / "cliopts_long_plain.csv"),
                                 columns={"unit_code": "Geo", "ind_code": "Ind", "year": "When", "value": "Obs"})
    r = plan.interpret(cells, options)
    assert r.layout == "long" and r.unit_codes == ["CHN", "IND"] and r.periods == [2021, 2022]
    assert plan.confident(r, options) == []
    guess = plan.interpret(plan.read_cells(FORMATS / "cliopts_two_unit_columns.csv"), plan.ImportOptions())
    assert [d.role for d in guess.doubts] == ["unit_name"] and guess.doubts[0].columns == (0, 1)
    with pytest.raises(InputError, match="the reading is a guess"):
        plan.confident(guess, plan.ImportOptions())
    assert len(plan.confident(guess, plan.ImportOptions(accept_guess=True))) == 1
    r = plan.interpret(plan.read_cells(FORMATS / "cliopts_preamble.csv"), plan.ImportOptions(skip_rows=3))
    assert r.unit_codes == ["A", "B", "C"]


# ---- --into a project without periods ----------------------------------------------------------------------
@pytest.fixture
def no_periods(tmp_path, capsys):
    path = tmp_path / "np.coindex"
    assert run(capsys, FORMATS / "cliopts_preamble.csv", "--skip-rows", "3", "-o", path)[0] == 0
    assert projectfile.load(path).dataset.periods == [None]
    return path


def test_into_a_project_without_periods_takes_the_files_one_period(capsys, tmp_path, no_periods):
    out = tmp_path / "out.coindex"
    code, stdout, err = run(capsys, FORMATS / "cliopts_one_year.csv", "--into", no_periods, "-o", out)
    assert code == 0, err
    assert "6 cell(s) changed" in stdout and "the project has no periods: the file's values of 2023 taken" in stdout
    p = projectfile.load(out)
    assert p.dataset.periods == [None]
    np.testing.assert_array_equal(p.dataset.values[:, 0, :], [[1.1, 11], [2.2, 22], [3.3, 33]])


def test_into_a_project_without_periods_from_a_file_without_periods(capsys, tmp_path, no_periods):
    src = tmp_path / "new.csv"
    src.write_text("region,GDP,POP\nA,5,50\nB,6,60\n", encoding="utf-8")
    out = tmp_path / "out.coindex"
    code, stdout, err = run(capsys, src, "--into", no_periods, "-o", out)
    assert code == 0, err
    assert "4 cell(s) changed" in stdout and "the file names none either" in stdout
    assert value(projectfile.load(out), "B", None, "POP") == 60


def test_into_a_project_without_periods_from_several_periods_is_refused(capsys, tmp_path, no_periods):
    before = hashlib.sha256(no_periods.read_bytes()).hexdigest()
    out = tmp_path / "out.coindex"
    code, _, err = run(capsys, FORMATS / "cliopts_two_years.csv", "--into", no_periods, "-o", out)
    assert code == 1 and not out.exists()
    assert "the project has no periods and the file has 2 (2022, 2023)" in err
    assert hashlib.sha256(no_periods.read_bytes()).hexdigest() == before


# ---- the output: a summary on stdout, warnings on stderr, every cell with --verbose or --report --------------
@pytest.fixture
def many_bad(tmp_path):
    path = tmp_path / "bad.csv"
    rows = ["region,GDP,POP"] + [f"U{k},x{k},{k}" for k in range(8)] + [f"V{k},{k},{k}" for k in range(800)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_the_summary_groups_the_cells_not_read(capsys, tmp_path, many_bad):
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, many_bad, "-o", out)     # 8 of 1616 cells: under 1 %, not a guess
    assert code == 0, err
    assert "values not read (8), imported as missing:\n  not a number (8): bad!B2 'x0', bad!B3 'x1', bad!B4 'x2', " \
           "bad!B5 'x3', bad!B6 'x4' ...\n" in stdout
    assert "x5" not in stdout and "warning" not in stdout
    code, stdout, _ = run(capsys, many_bad, "--verbose", "-o", out)
    assert "every cell that could not be read:" in stdout and "sheet 'bad' B9: 'x7' (not a number)" in stdout


def test_the_report_lists_every_cell_not_read(capsys, tmp_path, many_bad):
    out, report = tmp_path / "x.coindex", tmp_path / "r.csv"
    code, stdout, _ = run(capsys, many_bad, "--report", report, "-o", out)
    assert code == 0 and "wrote " in stdout
    with open(report, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["sheet", "cell", "text", "reason"]
    assert rows[1:] == [["bad", f"B{k + 2}", f"x{k}", "not a number"] for k in range(8)]
    code, _, err = run(capsys, many_bad, "--report", tmp_path / "r.txt", "-o", out)
    assert code == 1 and "must be a .csv file" in err


def test_the_template_says_it_does_not_use_the_choices(capsys, tmp_path):
    out = tmp_path / "x.coindex"
    code, stdout, err = run(capsys, SAMPLE, "--skip-rows", "1", "-o", out)
    assert code == 0 and "layout template" in stdout
    assert "warning: chengdu-chongqing.xlsx: the template layout reads its sheets by their own headers; the rows " \
           "to skip and the columns given are not used" in err
    assert projectfile.load(out).dataset.values.shape == (1, 5, 20)
