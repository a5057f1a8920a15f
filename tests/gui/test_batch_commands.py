"""`python main.py charts` and `python main.py report`, run in this
process (the app object exists already) and once as a real process with
no display: the six files in each format and their sizes, --scale, bad
--unit / --period / --format (exit 2, one line, nothing written), the
report's text in English and Chinese."""
import os
import re
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

import main as entry
from gui.base import i18n
from gui.exporting.offscreen import CHART_SIZE
from gui.window.loading import SAMPLE_PATH

ASEM = str(SAMPLE_PATH.with_name("asem-30.coindex"))
SAMPLE = str(SAMPLE_PATH)
NAMES = ["composite", "dimensions", "contributions", "radar", "ranking", "league"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(autouse=True)
def english(qapp):
    yield
    i18n.install_language(qapp, "en", remember=False)


def run(*args) -> int:
    return entry.main(list(args))


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_size(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return tuple(float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())


def test_charts_writes_six_pngs_and_scale_doubles_them(tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("charts", ASEM, "-o", str(one)) == 0
    printed = capsys.readouterr().out.split()
    assert printed == [str(one / f"{n}.png") for n in NAMES]
    assert run("charts", ASEM, "--scale", "2", "-o", str(two)) == 0
    for name in NAMES:
        a, b = QImage(str(one / f"{name}.png")), QImage(str(two / f"{name}.png"))
        assert (b.width(), b.height()) == (2 * a.width(), 2 * a.height()), name
        if name != "league":
            assert (a.width(), a.height()) == CHART_SIZE, name
    league = QImage(str(one / "league.png"))
    assert league.width() == CHART_SIZE[0] and league.height() > CHART_SIZE[1]     # 30 rows
    assert league.pixelColor(1, 1).name() == "#ffffff"                              # white, not the window's grey


def test_charts_svg_and_pdf_of_the_chosen_unit_and_period(tmp_path):
    assert run("charts", ASEM, "--format", "svg", "--unit", "BEL", "--period", "2019", "-o", str(tmp_path / "s")) == 0
    assert run("charts", ASEM, "--format", "pdf", "-o", str(tmp_path / "p")) == 0
    for name in NAMES:
        svg = (tmp_path / "s" / f"{name}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg
        width, height = page_size(tmp_path / "p" / f"{name}.pdf")
        assert abs(width - CHART_SIZE[0] * 0.75) < 1
        if name != "league":
            assert abs(height - CHART_SIZE[1] * 0.75) < 1
    assert "Belgium" in (tmp_path / "s" / "dimensions.svg").read_text(encoding="utf-8")
    assert "League table in 2019" in (tmp_path / "s" / "league.svg").read_text(encoding="utf-8")
    assert "Germany" in pdf_text(tmp_path / "p" / "league.pdf")


def test_charts_that_cannot_be_drawn_say_why(tmp_path):
    assert run("charts", SAMPLE, "--format", "svg", "-o", str(tmp_path)) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.svg" for n in NAMES)
    assert "The league table needs two or more units." in (tmp_path / "league.svg").read_text(encoding="utf-8")
    assert "two or more units" in (tmp_path / "ranking.svg").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (("--unit", "XXX"), "--unit XXX: no such unit; choose one of: AUT, BEL, BGR"),
    (("--period", "1999"), "--period 1999: no such period; choose one of: 2018, 2019, 2020, 2021, 2022"),
    (("--format", "gif"), "--format gif: no such format; choose one of: png, svg, pdf"),
    (("--scale", "0"), "--scale 0: not a scale"),
    (("--language", "fr"), "--language fr: no such language; choose one of: en, zh"),
])
def test_bad_choices_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert run("charts", ASEM, *args, "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_unreadable_project_exits_2(tmp_path, capsys):
    assert run("charts", str(tmp_path / "none.coindex"), "-o", str(tmp_path / "o")) == 2
    assert "no such file" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_report_in_english(tmp_path, capsys):
    path = tmp_path / "r.pdf"
    assert run("report", SAMPLE, "-o", str(path)) == 0
    assert capsys.readouterr().out.strip() == str(path)
    text = pdf_text(path)
    for heading in ("Framework", "Method", "Results", "Charts", "Page 1 of"):
        assert heading in text
    assert "1 unit, 5 periods, 20 indicators in 6 aggregates" in text
    assert not re.search(r"\b1 units\b", text)
    assert "Direction" in text.split()               # the header is one word, not split


def test_report_in_chinese(tmp_path):
    path = tmp_path / "r.pdf"
    assert run("report", SAMPLE, "--language", "zh", "-o", str(path)) == 0
    text = pdf_text(path)
    for heading in ("指标体系", "方法", "结果", "图表", "成渝地区双城经济圈", "第 1 页"):
        assert heading in text
    assert "Framework" not in text
    assert "万人年" in text and "10,000 person-years" not in text     # the unit column too


def test_report_needs_a_pdf_name(tmp_path, capsys):
    assert run("report", SAMPLE, "-o", str(tmp_path / "r.docx")) == 2
    assert ".pdf" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_help_and_a_real_process_without_a_display(tmp_path):
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    help_run = subprocess.run([sys.executable, "main.py", "charts", "-h"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
    assert help_run.returncode == 0 and "--scale" in help_run.stdout and "-o DIR" in help_run.stdout
    done = subprocess.run([sys.executable, "main.py", "charts", ASEM, "--unit", "nope", "-o", str(tmp_path / "x")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "no such unit" in done.stderr
    done = subprocess.run([sys.executable, "main.py", "report", ASEM, "-o", str(tmp_path / "a.pdf")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    text = pdf_text(tmp_path / "a.pdf")
    assert "League table in 2022" in text or "30 units" in text
    assert "30 units, 5 periods, 49 indicators in 11 aggregates" in text


def test_charts_of_an_idata_csv_in_chinese(tmp_path):
    data = os.path.join(ROOT, "tests", "data", "coinr-asem", "asem_iData.csv")
    meta = os.path.join(ROOT, "tests", "data", "coinr-asem", "asem_iMeta.csv")
    assert run("charts", data, "--meta", meta, "--format", "svg", "--language", "zh", "-o", str(tmp_path)) == 0
    league = (tmp_path / "league.svg").read_text(encoding="utf-8")
    assert "排行榜" in league and "单元" in league
    assert len(list(tmp_path.glob("*.svg"))) == 6
