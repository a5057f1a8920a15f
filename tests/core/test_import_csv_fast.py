"""The CSV import's fast path (core/importing/csvfast.py) gives the same
ImportResult as the general reading (the csv module's rows, the layout
cell by cell) on generated CSV files: numbers written many ways, missing
markers, text in value cells, thousands separators, percentages, quoted
fields, Chinese names, GB18030, several separators and line endings,
units given twice, and files the fast path must leave to the general one
(blank lines, footnotes, ragged rows, quoted line breaks)."""
from __future__ import annotations

import dataclasses
import os
import tempfile

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings, strategies as st

from core.errors import InputError
from core.importing import csvfast
from core.importing import result as result_module
from core.importing.importer import import_cells, import_workbook
from core.sheets.readers import read_text_source
from core.sheets.textfile import LineRows, records_are_lines, text_cells


@pytest.fixture(autouse=True)
def fast_for_small_files(monkeypatch):
    """The fast path for files of any size (it is taken from MIN_CELLS data cells on)."""
    monkeypatch.setattr(csvfast, "MIN_CELLS", 0)
    monkeypatch.setattr(csvfast, "MIN_CELLS_COLD", 0)


def general(path):
    """The general path: the csv module's rows of the whole file, then import_cells."""
    return import_cells(text_cells(read_text_source(path)))


def fast_taken(path) -> bool:
    try:
        return csvfast.csv_table(read_text_source(path)) is not None
    except InputError:
        return False


def test_a_gb18030_file_cut_inside_a_character_at_4096_bytes_is_text(tmp_path):
    """The sniffing of a file's first 4096 bytes took a GB18030 file whose
    4096th byte falls inside a character for 'unknown' content."""
    # ("ô" is 4 bytes in GB18030 and holds a byte Windows-1252 does not decode: neither decodes the head)
    data = ("地区,年份,GDP\n" + "".join(f"Côte {k},2020,{k}.5\n" for k in range(600))).encode("gb18030")
    p = next(k for k in range(100, len(data)) if data[k] >= 0x81)      # a two-byte character starts here
    title = b"T" * (4095 - p - 1) + b"\n"                               # ... and now at byte 4095
    path = tmp_path / "cut.csv"
    path.write_bytes(title + data)
    assert (title + data)[4095] >= 0x81
    res = check_both(str(path))
    assert res.unit_codes[0] == "Côte 0" and res.values[599, 0, 0] == 599.5


def assert_same(a, b):
    """Every field of two ImportResults equal: arrays element by element
    (NaN in the same places, the sign of zero too), the rest by ==."""
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.shape == y.shape, f.name
            if x.dtype.kind == "f":
                assert np.array_equal(x, y, equal_nan=True), f.name
                assert np.array_equal(np.signbit(x), np.signbit(y)), f.name
            else:
                assert np.array_equal(x, y), f.name
        else:
            assert x == y, f.name


def outcome(fn, path):
    try:
        return fn(path), None
    except InputError as e:
        return None, str(e)


def write(text: str, name="data.csv", encoding="utf-8", folder=None) -> str:
    path = os.path.join(folder, name)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)
    return path


def one_by_one(path):
    """The general path with every value placed one by one (the placement
    a row at a time, core.importing.result._grid_placed, switched off)."""
    placed = result_module._grid_placed
    result_module._grid_placed = lambda *args: None
    try:
        return general(path)
    finally:
        result_module._grid_placed = placed


def check_both(path):
    """Both paths give the same result, or the same message, and so does
    the general path placing its values one by one."""
    (ra, ea), (rb, eb) = outcome(import_workbook, path), outcome(general, path)
    rc, ec = outcome(one_by_one, path)
    assert ea == eb == ec
    if ra is not None:
        assert_same(ra, rb)
        assert_same(rb, rc)
    return ra


# ---- generated files ------------------------------------------------------------------------------
NUMBERS = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False).map(repr),
    st.floats(-1e3, 1e3, allow_nan=False).map(lambda v: f"{v:.3f}"),
    st.floats(1e-300, 1e300).map(lambda v: f"{v:.17g}"),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["0", "-0", "-0.0", "+5", "1e5", "1E-3", ".5", "5.", "00012", " 7 ", "9007199254740993"]),
)
ODD = st.sampled_from([
    "", "..", "-", "NA", "n/a", "—", "nan", "NaN", "null", "无", "inf", "-inf", "1e400", "1_000",
    "1,234", "1,234,567.5", "1,5", "12%", "(1,234)", "$12", "１２３", "１２.５％", "abc", "12 p", "TRUE", "2020-01-05"])
CELL = st.one_of(NUMBERS, NUMBERS, NUMBERS, ODD)
NAMES = st.sampled_from(["GDP", "Pop", "成都", "重庆", "绿地率（%）", "GDP (亿元)", "Korea, Rep.", 'say "hi"',
                         "X1", "X2", "x_y", "Zürich", "人均GDP"])
UNITS = st.sampled_from(["U01", "U02", "AUT", "成都", "重庆", "Korea, Rep.", "Côte d'Ivoire", "110000", "0101",
                         "Unit 1", "S01", "N2"])


def quote(field: str, sep: str) -> str:
    if any(ch in field for ch in (sep, '"', "\n", "\r")) or (field and field[0] == " " and sep != " "):
        return '"' + field.replace('"', '""') + '"'
    return field


@st.composite
def csv_files(draw):
    sep = draw(st.sampled_from([",", ",", ";", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    n_ind = draw(st.integers(1, 4))
    inds = draw(st.lists(NAMES, min_size=n_ind, max_size=n_ind))
    units = draw(st.lists(UNITS, min_size=1, max_size=4, unique=True))
    years = draw(st.sampled_from([[2020], [2019, 2020], list(range(2001, 2006))]))
    header = [draw(st.sampled_from(["uCode", "地区", "region", "uName"])), "Time"] + inds
    rows = [[u, str(y)] + [draw(CELL) for _ in inds] for u in units for y in years]
    if draw(st.booleans()):           # long enough to read past the head of the fast path
        rows = rows * (csvfast.HEAD_ROWS // len(rows) + 2)
    if draw(st.integers(0, 4)) == 0:      # a year written another way
        rows[-1][1] = draw(st.sampled_from(["2020.0", "02020", "２０２０", "FY2020", " 2020"]))
    trailing = draw(st.integers(0, 5)) == 0
    lines = [sep.join(quote(c, sep) for c in r) + (sep if trailing else "") for r in [header] + rows]
    twist = draw(st.sampled_from(["none"] * 6 + ["blank", "footnote", "ragged", "newline", "title", "units"]))
    if twist == "blank":
        lines.insert(len(lines) - 1, "")
    elif twist == "footnote":
        lines.append("注：数据来源于统计年鉴")
    elif twist == "ragged":
        lines[-1] += sep + "9"
    elif twist == "newline":
        lines[-1] = lines[-1].replace(quote(rows[-1][0], sep), '"two\nlines"', 1) if sep == "," else lines[-1]
    elif twist == "title":
        lines[:0] = ["Table 1: indicators by region", ""]
    elif twist == "units":
        lines.insert(1, sep.join(["", ""] + ["亿元"] * len(inds)))
    text = eol.join(lines) + (eol if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "gb18030"]))
    return text, encoding


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(csv_files())
def test_fast_path_equals_general_path(case):
    text, encoding = case
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        encoding = "utf-8"
    with tempfile.TemporaryDirectory() as folder:
        path = write(text, encoding=encoding, folder=folder)
        event("fast path" if fast_taken(path) else "general path")
        check_both(path)


@st.composite
def coinr_files(draw):
    """COINr-like iData (uCode, uName, Time, indicators) with what the
    column-wise reading of labels must get right: rows in any order, a
    unit-period given twice, names that differ between a unit's rows,
    years written as text in other ways, and rows without a unit code,
    name or year."""
    n_units, n_ind = draw(st.integers(1, 6)), draw(st.integers(1, 3))
    years = list(range(2001, 2001 + draw(st.integers(1, 4))))
    rows = [[f"U{u}", f"Unit {u}", str(y)] + [draw(NUMBERS) for _ in range(n_ind)]
            for u in range(n_units) for y in years]
    if draw(st.booleans()):
        rows = draw(st.permutations(rows))
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, len(rows) - 1))
        twin = list(rows[k]) if draw(st.booleans()) else rows[k][:3] + [draw(CELL) for _ in range(n_ind)]
        rows.insert(draw(st.integers(0, len(rows))), twin)          # the same unit and year again
    for _ in range(draw(st.integers(0, 4))):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        col = draw(st.integers(0, 2))
        row[col] = draw(st.sampled_from({
            0: ["", " ", "U0 ", "Ｕ1", "U1"],
            1: ["", "Unit  1", "单位 1", " Unit 0", "Unit 2"],
            2: ["", "2001.0", " 2002", "２００１", "2003年", "02001", "FY2002", "n/a"],
        }[col]))
    if draw(st.booleans()):           # long enough to read past the head of the fast path
        rows = rows * (csvfast.HEAD_ROWS // len(rows) + 2)
    inds = [f"X{k}" for k in range(n_ind)]
    lines = [",".join(["uCode", "uName", "Time"] + inds)] + [",".join(quote(c, ",") for c in r) for r in rows]
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(coinr_files())
def test_labels_read_column_wise_equal_the_general_path(text):
    with tempfile.TemporaryDirectory() as folder:
        path = write(text, folder=folder)
        event("fast path" if fast_taken(path) else "general path")
        check_both(path)


def test_a_unit_without_a_code_is_named_by_its_name_and_one_without_either_is_listed(tmp_path):
    text = ("Time,uCode,uName,X\n2001,A,Alpha,1\n2001,,Beta,2\n2002,A,Alpha again,3\n2002,,,4\n"
            "2002,B,,5\n2002,A,Alpha,6\n2003,,,\n")
    path = write(text, folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.unit_codes == ["A", "Beta", "B"] and res.unit_names == ["Alpha", "Beta", "B"]
    assert res.periods == [2001, 2002]
    assert np.array_equal(res.values[:, :, 0], [[1, 3], [2, np.nan], [np.nan, 5]], equal_nan=True)
    assert [(c.address, c.reason) for c in res.unreadable] == [
        ("C5", "no unit named"), ("D7", "a second value for the same cell as data!D4; the first is used")]


def test_years_as_numbers_and_as_other_text_are_the_same_period_or_their_own(tmp_path):
    text = "uCode,Time,X\nA,2001,1\nA,2001.0,2\nA, 2002,3\nA,２００３,4\nA,2004年,5\nA,FY2005,6\nA,02006,7\n"
    path = write(text, folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.periods == [2001, 2002, 2003, 2004, "02006", "FY2005"]
    assert res.values[0, :, 0].tolist() == [1.0, 3.0, 4.0, 5.0, 7.0, 6.0]
    assert [c.address for c in res.unreadable] == ["C3"]       # 2001.0: the same year again, another value


def test_rows_in_any_order_land_in_their_cells(tmp_path):
    text = "uCode,Time,X,Y\nB,2002,1,2\nA,2002,3,4\nB,2001,5,6\nA,2001,7,8\n"
    path = write(text, folder=tmp_path)
    res = check_both(path)
    assert res.unit_codes == ["B", "A"] and res.periods == [2001, 2002]
    assert res.values.tolist() == [[[5.0, 6.0], [1.0, 2.0]], [[7.0, 8.0], [3.0, 4.0]]]
    assert res.cell_row[:, :, 0].tolist() == [[3, 1], [4, 2]] and res.cell_col[0, 0].tolist() == [2, 3]


# ---- the fast path is taken where it should be, and left where it must be -----------------------------
def plain_text(n_units=30, years=range(2001, 2021)):
    rng = np.random.default_rng(3)
    lines = ["uCode,uName,Time,X1,X2,X3"]
    for u in range(n_units):
        for y in years:
            a, b, c = rng.normal(100, 15, 3).round(3)
            lines.append(f"U{u:03d},Unit {u},{y},{a},{b},{c}")
    return "\n".join(lines) + "\n"


def test_a_plain_coinr_csv_takes_the_fast_path_and_reads_its_numbers(tmp_path):
    path = write(plain_text(), folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.values.shape == (30, 20, 3)
    assert res.unit_codes[:2] == ["U000", "U001"] and res.unit_names[0] == "Unit 0"
    assert res.periods == list(range(2001, 2021))
    first = [float(v) for v in plain_text().split("\n")[1].split(",")[3:]]
    assert res.values[0, 0].tolist() == first
    assert res.address(0, 0, 0) == "data!D2"


def test_text_in_value_columns_is_read_cell_by_cell_with_its_address(tmp_path):
    text = ('uCode,Time,GDP,Rate\nA,2020,"1,234",12%\nA,2021,..,abc\nB,2020,１２３,-\nB,2021,-0,7\n')
    path = write(text, folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    gdp, rate = res.codes.index("GDP"), res.codes.index("Rate")
    assert res.values[0, 0, gdp] == 1234.0 and res.values[0, 0, rate] == 12.0
    assert np.isnan(res.values[0, 1, gdp]) and res.values[1, 0, gdp] == 123.0
    assert np.signbit(res.values[1, 1, gdp])                 # "-0" is -0.0 on both paths
    assert res.indicators[rate].unit == "%"
    bad = [(c.address, c.text, c.reason) for c in res.unreadable]
    assert bad == [("D3", "abc", "not a number")]


def test_an_integer_column_with_minus_zero_keeps_its_sign(tmp_path):
    path = write("uCode,Time,N\nA,2020,-0\nB,2020,3\n", folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.values[0, 0, 0] == 0 and np.signbit(res.values[0, 0, 0])


def test_years_written_with_leading_zeros_stay_text_labels(tmp_path):
    path = write("uCode,Time,N\nA,2020,1\nA,02021,2\n", folder=tmp_path)
    res = check_both(path)
    assert res.periods == [2020, "02021"]


def test_a_unit_given_twice_lists_the_second_value(tmp_path):
    path = write("uCode,Time,N\nA,2020,1.5\nA,2020,2.5\n", folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert [(c.address, c.text, c.second) for c in res.unreadable] == [("C3", "2.5", True)]


@pytest.mark.parametrize("tail, why", [
    ("\nA9,2020,1\n", "blank line"),
    ("注：数据来源于统计年鉴\n", "footnote"),
    ("A9,2020,1,5\n", "ragged row"),
    ('"A\n9",2020,1\n', "quoted line break"),
    (",,\n", "row of blank fields"),
    ("   \n", "spaces only"),
])
def test_files_the_fast_path_leaves_to_the_general_one(tmp_path, tail, why):
    path = write("uCode,Time,N\nA1,2020,1\nA2,2020,2\n" + tail, folder=tmp_path)
    assert not fast_taken(path), why
    check_both(path)


def test_long_file_with_a_footnote_past_the_head_is_left_to_the_general_path(tmp_path):
    text = plain_text(n_units=30) + "Source: generated\n"
    path = write(text, folder=tmp_path)
    assert not fast_taken(path)
    res = check_both(path)
    assert res.values.shape == (30, 20, 3)


def test_gb18030_and_semicolons(tmp_path):
    text = "地区;年份;绿地率（%）;人均GDP\n成都;2020;40,5;1.234,5\n重庆;2020;41;9\n"
    path = write(text, encoding="gb18030", folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.unit_codes == ["成都", "重庆"] and res.indicators[0].name == "绿地率"
    assert [(c.address, c.text) for c in res.unreadable] == [("C2", "40,5"), ("D2", "1.234,5")]


def test_line_rows_are_the_csv_modules_records():
    text = 'a,"b,c",d\r\n"x ""y""",,\n\n  ,z\n'
    assert records_are_lines(text, ",")
    rows = LineRows.of(text, ",")
    assert list(rows) == [["a", "b,c", "d"], ['x "y"', "", ""], [], ["  ", "z"]]
    for head in range(6):           # the first lines cut out at once read the same
        assert list(LineRows.of(text, ",", head)) == list(rows) and len(LineRows.of(text, ",", head)) == 4
    assert not records_are_lines('a,"b\nc"\n', ",")
    assert not records_are_lines('a,x"b"\n', ",")
    assert not records_are_lines("a\rb\n", ",")


def test_small_files_are_left_to_the_general_path(tmp_path, monkeypatch):
    monkeypatch.setattr(csvfast, "MIN_CELLS", 50_000)
    monkeypatch.setattr(csvfast, "MIN_CELLS_COLD", 50_000)
    small, large = write(plain_text(n_units=3), "s.csv", folder=tmp_path), write(plain_text(n_units=900), folder=tmp_path)
    assert not fast_taken(small)            # 60 rows x 6 columns
    assert fast_taken(large)                # 18,000 rows x 6 columns
    res = check_both(large)
    assert res.values.shape == (900, 20, 3)


def test_without_pandas_loaded_only_large_files_pay_for_importing_it(monkeypatch):
    monkeypatch.setattr(csvfast, "MIN_CELLS", 50_000)
    monkeypatch.setattr(csvfast, "MIN_CELLS_COLD", 500_000)
    assert csvfast.worth_it(240_000, pandas_loaded=True)
    assert not csvfast.worth_it(240_000, pandas_loaded=False)
    assert csvfast.worth_it(600_000, pandas_loaded=False)
    assert not csvfast.worth_it(40_000, pandas_loaded=True)


def test_the_switch_turns_the_fast_path_off(tmp_path, monkeypatch):
    path = write(plain_text(n_units=3), folder=tmp_path)
    calls = []
    real = csvfast.try_table
    monkeypatch.setattr(csvfast, "try_table", lambda src: calls.append(1) or real(src))
    import_workbook(path)
    monkeypatch.setenv(csvfast.ENV, "0")
    import_workbook(path)
    assert calls == [1]


def test_rows_without_a_unit_or_a_year_are_listed_on_both_paths(tmp_path):
    """Rows left out (no unit named, no year) make the fast path keep a subset of its columns."""
    text = "N,uCode,Time,M\n1,A,2020,-0\n2,,2020,5\n3,B,,6\n4,B,2021,1e400\n"
    path = write(text, folder=tmp_path)
    assert fast_taken(path)
    res = check_both(path)
    assert res.unit_codes == ["A", "B"] and res.periods == [2020, 2021]
    assert [(c.address, c.reason) for c in res.unreadable] == [
        ("B3", "no unit named"), ("C4", "no year"), ("D5", "not a finite number")]
    assert np.signbit(res.values[0, 0, res.codes.index("M")])
