"""Every downloaded-format test file through the whole command-line import
(detection, the layout's reading, the check of what was guessed): the
clean ones write a project with no option given; the ones that leave a
choice open exit 1 naming the option that settles it, and write nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.cli import main as cli_main
from core.project import projectfile

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"

# file -> (layout, units, periods, indicators) read with no option
CLEAN = {
    "longkeys_oecd_bli.csv": ("long", ["AUS", "AUT", "FRA"], 1, ["HO_BASE", "IW_HADI", "JE_EMPL"]),
    "longkeys_oecd_sdmx.csv": ("long", ["DEU", "JPN"], 2, ["EMP_WAP", "UNE_LF"]),
    "fmt2_undp_hdr.csv": ("wide-periods", ["CHN", "DEU", "IND", "NGA"], 3, ["hdi_rank", "hdi", "le", "eys", "gnipc"]),
    "fmt2_nbs_gdp.xlsx": ("nbs", None, None, None),
    "fmt2_nbs_transposed.xlsx": ("nbs", None, None, None),
    "fmt2_wide_underscore.csv": ("wide-periods", None, None, None),
    "fmt1_API_NY.GDP.PCAP.CD_DS2_en_csv_v2.csv": ("worldbank", None, None, None),
    "fmt1_API_wdi_excel.xlsx": ("worldbank", ["ABW", "INX", "WLD"], 3, None),
    "fmt1_Data_Extract_From_World_Development_Indicators.csv": ("worldbank", None, None, None),
    "fmt1_nama_10_gdp.tsv": ("eurostat", ["AT", "DE", "EL", "LI"], 4, None),
    "fmt1_une_rt_q.tsv": ("eurostat", ["BE", "FR", "EA20"], 3, None),
}
# file -> a text the refusal must contain (the option that settles it)
OPEN_CHOICE = {
    "longkeys_oecd_kei.csv": "--filter",
    "longkeys_sex_no_total.csv": "--split",
    "longkeys_dup_flags.csv": "--filter",
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_a_downloaded_file_imports_with_no_option(name, tmp_path, capsys):
    out = tmp_path / "p.coindex"
    assert cli_main(["import", str(FORMATS / name), "-o", str(out)]) == 0, capsys.readouterr().err
    layout, units, n_periods, codes = CLEAN[name]
    assert f"layout {layout}," in capsys.readouterr().out
    project = projectfile.load(out)
    ds = project.dataset
    if units is not None:
        assert list(ds.unit_codes) == units
        assert len(ds.periods) == n_periods or (n_periods == 1 and not ds.has_time)
    if codes is not None:
        assert list(ds.codes) == codes


@pytest.mark.parametrize("name", sorted(OPEN_CHOICE))
def test_a_file_that_leaves_a_choice_open_is_refused_naming_the_option(name, tmp_path, capsys):
    out = tmp_path / "p.coindex"
    assert cli_main(["import", str(FORMATS / name), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert OPEN_CHOICE[name] in err and "Traceback" not in err
    assert not out.exists()
