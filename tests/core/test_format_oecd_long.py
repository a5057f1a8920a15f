"""Long tables with extra key columns, and the OECD's exports: OECD.Stat's
long CSV (the Better Life Index's columns) and the OECD Data Explorer's
SDMX-CSV with labels (tests/data/formats/longkeys_*)."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.cli import main as cli_main
from core.errors import InputError
from core.importing.importer import import_workbook
from core.importing.plan import ImportOptions, import_file
from core.project import projectfile

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
BLI = FORMATS / "longkeys_oecd_bli.csv"
SDMX = FORMATS / "longkeys_oecd_sdmx.csv"
SEX = FORMATS / "longkeys_sex_no_total.csv"
DUP = FORMATS / "longkeys_dup_flags.csv"


def value(r, unit, period, code):
    return float(r.values[r.unit_codes.index(unit), r.periods.index(period), r.codes.index(code)])


def test_oecd_stat_bli_reads_locations_indicators_and_the_total():
    r = import_workbook(BLI)
    assert r.layout == "long"
    assert r.units == [("AUS", "Australia"), ("AUT", "Austria"), ("FRA", "France")]
    assert r.periods == [None]                                  # no time column: one period
    assert [(i.code, i.name, i.unit) for i in r.indicators] == [
        ("HO_BASE", "Dwellings without basic facilities", "Percentage"),
        ("IW_HADI", "Household net adjusted disposable income", "US Dollar"),
        ("JE_EMPL", "Employment rate", "Percentage")]
    assert r.n_values == 9 and not r.unreadable                 # nothing dropped as a "second value"
    assert value(r, "AUT", None, "HO_BASE") == 2.5              # a flagged value: the flag is no key
    assert value(r, "FRA", None, "IW_HADI") == 13.5             # a reference period: no key either
    assert value(r, "AUS", None, "JE_EMPL") == 21.5             # INEQUALITY = TOT
    w = [x for x in r.warnings if "INEQUALITY" in x]
    assert len(w) == 1 and "extra key" in w[0] and "TOT (Total), MN (Men), WMN (Women), HGH (High), LW (Low)" in w[0]
    assert "TOT (the total)" in w[0] and "--filter" in w[0] and "--split" in w[0]


@pytest.mark.parametrize("filters", [{"INEQUALITY": "WMN"}, {"Inequality": "Women"}, {"G": "wmn"}])
def test_a_filter_keeps_one_value_by_code_label_or_letter(filters):
    r = import_file(ImportOptions(path=str(BLI), filters=filters))
    assert r.codes == ["JE_EMPL"] and r.unit_codes == ["AUS", "AUT", "FRA"]
    assert [value(r, u, None, "JE_EMPL") for u in r.unit_codes] == [21.7, 22.7, 23.7]
    assert any("(--filter); 18 other row(s) left out" in w for w in r.warnings)


def test_split_makes_each_value_an_indicator():
    r = import_file(ImportOptions(path=str(BLI), split=["INEQUALITY"]))
    assert r.codes == ["HO_BASE.TOT", "IW_HADI.TOT", "JE_EMPL.TOT", "JE_EMPL.MN", "JE_EMPL.WMN",
                       "JE_EMPL.HGH", "JE_EMPL.LW"]
    assert r.indicators[4].name == "Employment rate (WMN)"
    assert r.n_values == 21
    assert value(r, "FRA", None, "JE_EMPL.LW") == 23.9


def test_sdmx_csv_with_labels():
    r = import_workbook(SDMX)
    assert r.units == [("DEU", "Germany"), ("JPN", "Japan")]
    assert r.periods == [2021, 2022]
    assert [(i.code, i.name, i.unit) for i in r.indicators] == [
        ("EMP_WAP", "Employment rate", "Percentage of working age population"),
        ("UNE_LF", "Unemployment rate", "Percentage of labour force")]
    assert r.n_values == 8 and not r.unreadable
    assert value(r, "JPN", 2022, "EMP_WAP") == 52.5 and value(r, "DEU", 2021, "UNE_LF") == 5.0
    assert any("column K 'SEX' is an extra key (values _T (Total), F (Female), M (Male))" in w
               and "_T (the total)" in w for w in r.warnings)
    f = import_file(ImportOptions(path=str(SDMX), filters={"SEX": "F"}))
    assert value(f, "JPN", 2022, "EMP_WAP") == 49.5 and value(f, "DEU", 2021, "UNE_LF") == 2.0


def test_no_total_refuses_and_names_the_column_values_and_options():
    with pytest.raises(InputError, match=r"extra key column\(s\): column D '性别' \(values 男, 女\).*"
                                         r"--filter COLUMN=VALUE.*--split COLUMN"):
        import_workbook(SEX)
    r = import_workbook(SEX, filters={"性别": "女"})
    assert r.unit_codes == ["成都", "重庆"] and r.periods == [2022, 2023]
    assert [value(r, u, t, r.codes[0]) for u in r.unit_codes for t in r.periods] == [63.5, 64.0, 62.0, 62.7]
    s = import_workbook(SEX, split=["D"])
    assert [i.name for i in s.indicators] == ["就业率 (男)", "就业率 (女)"]
    assert value(s, "重庆", 2023, s.codes[0]) == 70.8


def test_duplicates_told_apart_by_a_flag_are_an_error_with_row_numbers():
    with pytest.raises(InputError, match=r"rows 2 and 3 \(column\(s\) E 'flags' differ\)"):
        import_workbook(DUP)
    r = import_workbook(DUP, filters={"flags": "revised"})
    assert r.unit_codes == ["Chengdu"] and value(r, "Chengdu", 2022, r.codes[0]) == 20900.0


def test_command_line(tmp_path, capsys):
    out = tmp_path / "bli.coindex"
    assert cli_main(["import", str(BLI), "-o", str(out), "--filter", "INEQUALITY=MN", "--measure-column", "J"]) == 0
    p = projectfile.load(str(out))
    assert p.dataset.unit_codes == ["AUS", "AUT", "FRA"]
    assert cli_main(["import", str(SEX), "-o", str(tmp_path / "x.coindex")]) == 1
    err = capsys.readouterr().err
    assert "column D '性别' (values 男, 女)" in err and "Traceback" not in err
    assert not (tmp_path / "x.coindex").exists()
    assert cli_main(["import", str(BLI), "-o", str(tmp_path / "y.coindex"), "--filter", "NOPE=1"]) == 1
    assert "column 'NOPE' (given to --filter) names no column" in capsys.readouterr().err
    assert cli_main(["import", str(BLI), "-o", str(tmp_path / "y.coindex"), "--filter", "INEQUALITY=ZZ"]) == 1
    assert "no row holds 'ZZ' in column G 'INEQUALITY'" in capsys.readouterr().err
    assert cli_main(["import", str(SEX), "-o", str(tmp_path / "z.coindex"), "--split", "性别"]) == 0
    assert projectfile.load(str(tmp_path / "z.coindex")).dataset.values.shape == (2, 2, 2)


def test_the_measure_column_option():
    r = import_file(ImportOptions(path=str(BLI), columns={"measure": "L"}))
    assert [i.unit for i in r.indicators] == ["Units", "Units", "Units"]
    r = import_file(ImportOptions(path=str(BLI), columns={"measure": "Unit Code"}))   # a code: its label
    assert [i.unit for i in r.indicators] == ["Percentage", "US Dollar", "Percentage"]


def test_a_plain_measure_column_is_still_the_unit_of_measure(tmp_path):
    """A long table whose MEASURE column is its only unit-of-measure column
    (no INDICATOR twin, no Unit column) reads it as before."""
    p = tmp_path / "m.csv"
    p.write_text("region,year,indicator,measure,value\nA,2020,GDP,亿元,1\nB,2020,GDP,亿元,2\n", encoding="utf-8")
    r = import_workbook(p)
    assert [(i.name, i.unit) for i in r.indicators] == [("GDP", "亿元")] and r.unit_codes == ["A", "B"]


def test_sdmx_csv_of_codes_only_measure_is_the_indicator():
    r = import_workbook(FORMATS / "longkeys_sdmx_codes.csv")
    assert r.units == [("DEU", "DEU"), ("FRA", "FRA")] and r.periods == [2021]
    assert [(i.code, i.unit) for i in r.indicators] == [("EMP", "PT")]
    assert value(r, "DEU", 2021, "EMP") == 70.1 and value(r, "FRA", 2021, "EMP") == 65.0
    f = import_workbook(FORMATS / "longkeys_sdmx_codes.csv", filters={"SEX": "F"})
    assert value(f, "FRA", 2021, "EMP") == 62.0          # OBS_STATUS after the value: an attribute, no key


def test_oecd_stat_subject_and_measure_dimension():
    """OECD.Stat's SUBJECT / Subject is the indicator; MEASURE (IXOB, GY) an extra key with no total."""
    kei = FORMATS / "longkeys_oecd_kei.csv"
    with pytest.raises(InputError, match=r"column E 'MEASURE' \(values IXOB \(Index\), GY \(Growth\)\)"):
        import_workbook(kei)
    r = import_workbook(kei, filters={"MEASURE": "GY"})
    assert r.units == [("AUS", "Australia"), ("AUT", "Austria")] and r.periods == [2020]
    assert [(i.code, i.name, i.unit) for i in r.indicators] == [("PRINTO01", "Industrial production", "Percentage")]
    assert value(r, "AUT", 2020, "PRINTO01") == -6.3
    s = import_workbook(kei, split=["MEASURE"])
    assert s.codes == ["PRINTO01.IXOB", "PRINTO01.GY"] and value(s, "AUS", 2020, "PRINTO01.IXOB") == 99.1
