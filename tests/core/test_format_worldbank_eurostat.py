"""Issue 10, part fmt1: World Bank WDI downloads (bulk CSV with its
metadata lines, the .xlsx with its metadata sheets, a DataBank export) and
Eurostat TSV downloads are detected and read as they are."""
from __future__ import annotations

import math

import numpy as np
import pytest

from core.importing.importer import import_workbook
from core.importing.layouts.registry import fits
from core.importing.table import find_table
from core.project.projectfile import load
from core.sheets.readers import read_workbook_cells

FORMATS = __import__("pathlib").Path(__file__).resolve().parents[1] / "data" / "formats"
WDI_CSV = FORMATS / "fmt1_API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv"
WDI_XLSX = FORMATS / "fmt1_API_wdi_excel.xlsx"
DATABANK = FORMATS / "fmt1_Data_Extract_From_World_Development_Indicators.csv"
NAMA = FORMATS / "fmt1_nama_10_gdp.tsv"
UNE = FORMATS / "fmt1_une_rt_q.tsv"


def value(res, unit, period, code):
    return res.values[res.unit_codes.index(unit), res.periods.index(period),
                      [d.code for d in res.indicators].index(code)]


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)


# ---- World Bank ----------------------------------------------------------------------------------------
def test_wdi_bulk_csv():
    res = import_workbook(WDI_CSV)
    assert res.layout == "worldbank"
    assert list(res.header_rows.values()) == [5]
    assert res.unit_codes == ["ABW", "AFE", "INX", "WLD"]      # INX has no value at all: still a unit
    assert res.unit_names == ["Aruba", "Africa Eastern and Southern", "Not classified", "World"]
    assert res.periods == [2018, 2019, 2020, 2021, 2022, 2023]
    # the unit of measure in brackets becomes the indicator's unit, as for every label (docs/import.md)
    assert [(d.code, d.name, d.unit) for d in res.indicators] == [("NY.GDP.PCAP.CD", "GDP per capita", "current US$")]
    assert value(res, "ABW", 2018, "NY.GDP.PCAP.CD") == pytest.approx(30253.2)
    assert math.isnan(value(res, "ABW", 2022, "NY.GDP.PCAP.CD"))
    assert value(res, "WLD", 2023, "NY.GDP.PCAP.CD") == pytest.approx(13138.3)
    assert np.isnan(res.values[2]).all()
    assert int(np.isfinite(res.values).sum()) == 17
    assert not res.unreadable
    assert not any("heading" in w for w in res.warnings)


def test_wdi_fits_only_worldbank_high():
    cells = read_workbook_cells(WDI_CSV)
    table = find_table(cells.sheets[0])
    scored = fits(table)
    assert scored["worldbank"].score > max(f.score for n, f in scored.items() if n != "worldbank")
    assert scored["eurostat"].score == 0


def test_wdi_csv_without_metadata_lines(tmp_path):
    lines = WDI_CSV.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    f = tmp_path / "wdi_stripped.csv"
    f.write_text("".join(lines[4:]), encoding="utf-8")
    res = import_workbook(f)
    assert res.layout == "worldbank" and list(res.header_rows.values()) == [1]
    assert res.unit_codes == ["ABW", "AFE", "INX", "WLD"]


def test_wdi_xlsx_data_sheet_and_metadata_sheets():
    res = import_workbook(WDI_XLSX)
    assert res.layout == "worldbank" and res.sheets == ["Data"]
    assert res.unit_codes == ["ABW", "INX", "WLD"]
    assert res.unit_names == ["Aruba", "Not classified", "World"]
    assert res.periods == [2019, 2020, 2021]
    assert [d.code for d in res.indicators] == ["SP.POP.TOTL", "SP.DYN.LE00.IN"]
    assert res.indicators[0].name == "Population, total"
    assert value(res, "WLD", 2021, "SP.POP.TOTL") == 7909295151
    assert value(res, "ABW", 2020, "SP.DYN.LE00.IN") == pytest.approx(75.7)
    assert math.isnan(value(res, "ABW", 2021, "SP.DYN.LE00.IN"))
    assert np.isnan(res.values[1]).all()
    assert int(np.isfinite(res.values).sum()) == 11


def test_databank_export():
    res = import_workbook(DATABANK)
    assert res.layout == "worldbank"
    assert res.unit_codes == ["CHN", "DEU", "XKX"]
    assert res.unit_names == ["China", "Germany", "Kosovo"]
    assert res.periods == [2019, 2020, 2021]
    assert [d.code for d in res.indicators] == ["NY.GDP.MKTP.KD.ZG", "SL.UEM.TOTL.ZS"]
    assert value(res, "DEU", 2020, "NY.GDP.MKTP.KD.ZG") == pytest.approx(-4.10)
    assert math.isnan(value(res, "DEU", 2021, "SL.UEM.TOTL.ZS"))
    assert int(np.isfinite(res.values).sum()) == 11
    assert not res.unreadable
    assert any("2 row(s) naming no country" in w for w in res.warnings)


def test_wdi_cli_writes_project(run_cli, tmp_path):
    out = tmp_path / "wdi.coindex"
    p = run_cli("import", WDI_CSV, "-o", out)
    assert p.returncode == 0, p.stderr
    assert "layout worldbank" in p.stdout
    ds = load(out).dataset
    assert list(ds.unit_codes) == ["ABW", "AFE", "INX", "WLD"]
    assert list(ds.periods) == [2018, 2019, 2020, 2021, 2022, 2023]


# ---- Eurostat ------------------------------------------------------------------------------------------
def test_eurostat_tsv_indicators_from_key():
    res = import_workbook(NAMA)
    assert res.layout == "eurostat" and res.format == "csv"
    assert res.unit_codes == ["AT", "DE", "EL", "LI"]            # LI: only ':' values, still a unit
    assert res.periods == [2019, 2020, 2021, 2022]
    assert [(d.code, d.name) for d in res.indicators] == [("CP_MEUR_B1GQ", "CP_MEUR B1GQ"),
                                                          ("CP_MEUR_P3", "CP_MEUR P3")]
    assert value(res, "AT", 2019, "CP_MEUR_B1GQ") == pytest.approx(397519.5)
    assert value(res, "AT", 2022, "CP_MEUR_B1GQ") == pytest.approx(447218.6)        # "447218.6 p"
    assert value(res, "DE", 2022, "CP_MEUR_P3") == pytest.approx(2791090.0)          # "2791090.0 bp"
    assert value(res, "EL", 2020, "CP_MEUR_B1GQ") == pytest.approx(165326.0)         # "165326.0 e"
    assert math.isnan(value(res, "EL", 2022, "CP_MEUR_B1GQ"))                        # ":"
    assert math.isnan(value(res, "LI", 2020, "CP_MEUR_B1GQ"))                        # ": c"
    assert np.isnan(res.values[3]).all()
    assert int(np.isfinite(res.values).sum()) == 21
    assert not res.unreadable
    flags = [w for w in res.warnings if "flagged" in w]
    assert any("4 value(s) flagged p (provisional)" in w and "2 value(s) flagged e (estimated)" in w
               and "1 value(s) flagged b (break in time series)" in w for w in flags)
    assert any("c (confidential): 1" in w for w in flags)


def test_eurostat_constant_key_is_one_indicator_and_quarters_are_labels():
    res = import_workbook(UNE)
    assert res.layout == "eurostat"
    assert res.unit_codes == ["BE", "FR", "EA20"]
    assert res.periods == ["2021Q1", "2021Q2", "2021Q3"]
    assert [(d.code, d.name) for d in res.indicators] == [("fmt1_une_rt_q", "fmt1_une_rt_q")]
    assert value(res, "BE", "2021Q3", "fmt1_une_rt_q") == pytest.approx(6.0)
    assert value(res, "FR", "2021Q2", "fmt1_une_rt_q") == pytest.approx(8.0)
    assert math.isnan(value(res, "FR", "2021Q3", "fmt1_une_rt_q"))
    assert any("one indicator 'fmt1_une_rt_q' (unit PC_ACT on every row)" in w for w in res.warnings)


def test_eurostat_varying_freq_is_part_of_the_indicator(tmp_path):
    f = tmp_path / "prc.tsv"
    f.write_text("freq,unit,geo\\TIME_PERIOD\t2020 \t2021 \n"
                 "A,I15,DE\t1.0 \t2.0 \nM,I15,DE\t3.0 \t4.0 u\nA,I15,FR\t5.0 \t6.0 \n", encoding="utf-8")
    res = import_workbook(f)
    assert [d.code for d in res.indicators] == ["A_I15", "M_I15"]
    assert value(res, "DE", 2021, "M_I15") == 4.0 and value(res, "FR", 2020, "A_I15") == 5.0
    assert res.unit_codes == ["DE", "FR"]


def test_eurostat_tab_text_named_txt_and_bad_cells(tmp_path):
    f = tmp_path / "une.txt"
    more = "".join(f"PC,{g}\t1 \t2 \n" for g in ("DK", "SE", "FI", "NL", "IT", "ES", "PT"))
    f.write_text("unit,geo\\time\t2020 \t2021 \nPC,BE\t1.5 \tabc\nPC,FR\t2.5 x\t: \n" + more + "PC\t9 \t9 \n",
                 encoding="utf-8")
    res = import_workbook(f)
    assert res.layout == "eurostat"
    assert res.unit_codes == ["BE", "FR", "DK", "SE", "FI", "NL", "IT", "ES", "PT"]
    assert value(res, "BE", 2020, "une") == 1.5 and value(res, "PT", 2021, "une") == 2
    bad = sorted((c.address, c.text) for c in res.unreadable)
    assert bad == [("A11", "PC"), ("B3", "2.5 x"), ("C2", "abc")]


def test_eurostat_cli(run_cli, tmp_path):
    out = tmp_path / "nama.coindex"
    p = run_cli("import", NAMA, "-o", out)
    assert p.returncode == 0, p.stderr
    assert "layout eurostat" in p.stdout and "flagged p (provisional)" in p.stdout + p.stderr
    ds = load(out).dataset
    assert list(ds.unit_codes) == ["AT", "DE", "EL", "LI"]


# ---- the header search below "key, value" lines ---------------------------------------------------------
def test_key_value_lines_above_a_header_are_passed(tmp_path):
    f = tmp_path / "kv.csv"
    f.write_text("Source,Some office\nUpdated,2024-06-28\n\nregion,2020,2021\nA,1,2\nB,3,4\n", encoding="utf-8")
    res = import_workbook(f)
    assert list(res.header_rows.values()) == [4]
    assert res.unit_codes == ["A", "B"] and res.periods == [2020, 2021]


def test_two_column_table_is_still_a_header(tmp_path):
    f = tmp_path / "two.csv"
    f.write_text("region,2020\nA,1\nB,3\n", encoding="utf-8")
    res = import_workbook(f)
    assert list(res.header_rows.values()) == [1]
    assert res.unit_codes == ["A", "B"]


def test_world_bank_aggregates_among_economies_are_named_in_a_warning(tmp_path):
    """The WDI download holds World, regions and income groups beside the
    economies: the import keeps them (they are units of the file) and says
    which they are and how to leave them out; a file of economies alone, or
    of aggregates alone, has no such warning."""
    r = import_workbook(FORMATS / "fmt1_API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv")
    said = [w for w in r.warnings if "World Bank aggregates" in w]
    assert r.unit_codes == ["ABW", "AFE", "INX", "WLD"] and len(said) == 1
    assert "3 of the 4 units" in said[0] and "World (WLD)" in said[0] and "Aruba" not in said[0]
    head = ('"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022"\n')
    economies = tmp_path / "API_economies.csv"
    economies.write_text(head + '"Aruba","ABW","GDP","NY.GDP","1","2"\n"Chile","CHL","GDP","NY.GDP","3","4"\n',
                         encoding="utf-8")
    assert not [w for w in import_workbook(economies).warnings if "aggregates" in w]
    aggregates = tmp_path / "API_groups.csv"
    aggregates.write_text(head + '"World","WLD","GDP","NY.GDP","1","2"\n"High income","HIC","GDP","NY.GDP","3","4"\n',
                          encoding="utf-8")
    assert not [w for w in import_workbook(aggregates).warnings if "aggregates" in w]
