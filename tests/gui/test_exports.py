"""File > Export (issue 4) from the main window: the actions installed by
gui.window.file_actions, the results workbook with formulas (written in the
background, in the interface's language), chart images (PNG at a chosen
scale, SVG), the PDF report (title, framework, results, charts; CJK fonts
embedded in Chinese), COINr iData / iMeta CSV and the template.  Save
dialogs are patched (tests/gui/test_files.py: ``dialogs``)."""
import shutil
import struct
import subprocess
import unicodedata

import openpyxl
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from gui.base import i18n
from gui.exporting.chart_images import ChartExportDialog
from gui.window.file_actions import install_file_actions
from gui.window.loading import load_project
from gui.exporting.report import CHART_SIZE, report_html
from test_files import dialogs, light_charts, make_window, private_folders, two_unit_project  # noqa: F401

pytestmark = pytest.mark.usefixtures("light_charts")
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None


@pytest.fixture(autouse=True)
def infos(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: shown.append(text))
    return shown


@pytest.fixture
def actions(make_window):
    return install_file_actions(make_window())


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


# ---- the menus --------------------------------------------------------------------------------------
def test_actions_are_in_the_file_and_export_menus(actions):
    window = actions.window
    file_actions = window.menus.file_menu.actions()
    export_item = window.menus.export_menu.menuAction()
    assert file_actions.index(actions.import_action) < file_actions.index(export_item)
    assert actions.refresh_action in file_actions
    shown = [a for a in window.menus.export_menu.actions() if a.isVisible() and not a.isSeparator()]
    assert shown == [actions.results_action, actions.charts_action, actions.pdf_action, actions.coinr_action,
                     actions.template_action]
    assert all(a.text() for a in shown) and "Formulas" in actions.results_action.text()
    assert install_file_actions(window) is actions and window.file_actions is actions


def test_actions_follow_the_language(qapp, actions, monkeypatch):
    calls = []
    real = actions.retranslateUi
    monkeypatch.setattr(actions, "retranslateUi", lambda: (calls.append(1), real()))
    i18n.install_language(qapp, i18n.CHINESE, remember=False)
    qapp.processEvents()
    assert calls                                                     # LanguageChange reached them
    assert actions.import_action.text() and actions.pdf_action.statusTip()


def test_pdf_failure_is_a_message(qtbot, actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "missing" / "r.pdf")
    with qtbot.waitSignal(actions.failed, timeout=30000) as failed:
        actions.export_pdf()
    assert failed.args[0] == "pdf" and "does not exist" in dialogs.errors[-1]


def test_cancelled_save_dialog_writes_nothing(actions, dialogs, tmp_path):
    dialogs.save_path = None
    assert actions.export_results() is None and actions.export_pdf() is None
    assert actions.export_coinr() is None and actions.export_template() is None
    assert list(tmp_path.iterdir()) == [tmp_path / "user"] or not list(tmp_path.glob("*.xlsx"))


# ---- results workbook ---------------------------------------------------------------------------------
@pytest.mark.parametrize("language, code_head", [("en", "code"), ("zh_CN", "代码")])
def test_results_workbook_with_formulas(qtbot, qapp, actions, dialogs, tmp_path, language, code_head):
    if language != "en":
        i18n.install_language(qapp, language, remember=False)
    dialogs.save_path = str(tmp_path / "results")                      # the suffix is added
    with qtbot.waitSignal(actions.exported, timeout=20000) as done:
        task = actions.export_results()
    assert task is not None
    path = tmp_path / "results.xlsx"
    assert done.args == ["results", str(path)]
    wb = openpyxl.load_workbook(path)
    assert {"README", "Framework", "Data", "Normalised", "Aggregates"} <= set(wb.sheetnames)
    assert wb["Framework"]["A1"].value == code_head
    formulas = [c.value for row in wb["Aggregates"].iter_rows(min_row=2, max_row=2) for c in row]
    assert any(isinstance(v, str) and v.startswith("=") for v in formulas)
    assert "results.xlsx" in actions.window.statusBar().currentMessage()
    assert not list(tmp_path.glob("*.tmp"))


def test_results_workbook_failure_is_a_message(qtbot, actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "no such folder" / "r.xlsx")
    with qtbot.waitSignal(actions.failed, timeout=20000) as failed:
        actions.export_results()
    assert failed.args[0] == "results" and "does not exist" in failed.args[1]
    assert dialogs.errors and "does not exist" in dialogs.errors[-1]


# ---- chart images -----------------------------------------------------------------------------------------
def test_chart_images_png_at_the_chosen_scale_and_svg(actions, tmp_path):
    written = actions.export_charts(str(tmp_path), ("png", "svg"), 2)
    pngs = sorted(tmp_path.glob("*.png"))
    svgs = sorted(tmp_path.glob("*.svg"))
    assert len(pngs) == len(svgs) >= 4 and len(written) == len(pngs) + len(svgs)
    assert pngs[0].name == "01-index.png"
    assert png_size(pngs[0]) == (CHART_SIZE[0] * 2, CHART_SIZE[1] * 2)
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert "<svg" in text and len(text) > 1000
    assert all(p.stat().st_size > 5000 for p in pngs)
    one = tmp_path / "one"
    one.mkdir()
    actions.export_charts(str(one), ("png",), 1)
    assert not list(one.glob("*.svg"))
    assert png_size(sorted(one.glob("*.png"))[0]) == CHART_SIZE


def test_chart_export_dialog_choices(qtbot, tmp_path):
    dialog = ChartExportDialog(None, str(tmp_path))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    assert ok.isEnabled()
    assert dialog.choices() == (str(tmp_path), ("png", "svg"), 2)
    assert "1520 × 940" in dialog.scale_box.currentText()
    dialog.scale_box.setCurrentIndex(3)
    dialog.svg_check.setChecked(False)
    assert dialog.choices() == (str(tmp_path), ("png",), 4)
    dialog.png_check.setChecked(False)
    assert not ok.isEnabled()                                        # nothing to write
    dialog.png_check.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "missing"))
    assert not ok.isEnabled()


# ---- PDF report ------------------------------------------------------------------------------------------
def pdf_text(path):
    """The PDF's text, NFKC-normalised (ligatures such as "ﬁ" are split,
    full-width punctuation made ASCII), every run of white space one space."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def export_pdf(qtbot, actions):
    with qtbot.waitSignal(actions.exported, timeout=30000) as done:
        assert actions.export_pdf() is not None
    return done.args[1]


def test_pdf_report(qtbot, actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "report.pdf")
    assert export_pdf(qtbot, actions) == str(tmp_path / "report.pdf")
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF")
    assert data.count(b"/Subtype /Image") >= 4                     # the charts
    if POPPLER:
        text = pdf_text(tmp_path / "report.pdf")
        assert "Collaborative Innovation Index (sample)" in text
        assert "not official statistics" in text                  # the sample's note
        for word in ("Framework", "Method", "Results", "RA1", "202.29", "fixed-base index"):
            assert word in text, word


def test_pdf_report_in_chinese_embeds_a_cjk_font(qtbot, qapp, actions, dialogs, tmp_path):
    i18n.install_language(qapp, i18n.CHINESE, remember=False)
    dialogs.save_path = str(tmp_path / "报告.pdf")
    export_pdf(qtbot, actions)
    data = (tmp_path / "报告.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    if not POPPLER:
        pytest.skip("pdffonts / pdftotext (poppler-utils) not installed")
    fonts = subprocess.run(["pdffonts", str(tmp_path / "报告.pdf")], capture_output=True, text=True).stdout
    cjk = [line for line in fonts.splitlines() if "WenQuanYi" in line]
    assert cjk and all(" yes " in line for line in cjk)             # embedded
    text = pdf_text(tmp_path / "报告.pdf")
    squeezed = text.replace(" ", "")
    assert "成渝地区双城经济圈协同创新指数(示例)" in squeezed
    assert "指标体系" in squeezed and "并非官方统计数据" in squeezed


def test_report_html_has_every_part(project, two_unit_project):
    html = report_html(project, "en")
    for part in ("<h1>Chengdu–Chongqing Economic Circle Collaborative Innovation Index (sample)</h1>",
                 "not official statistics", "Framework", "Method", "Results", "Change since 2020 (%)",
                 "Average annual growth 2020–2024 (%)", "资源集聚", "Resource agglomeration", "<b>202.29</b>"):
        assert part in html, part
    assert ">Rank<" not in html                                          # one unit: no ranks
    two = report_html(two_unit_project, "en")
    assert "Units ranked by Collaborative Innovation Index in 2024" in two and two.count(">Rank<") == 3
    assert "Unit X: results in 2024" in two
    assert "Framework sheet" not in html and "Stats sheet" not in html     # the workbook's own asides
    zh = report_html(project, "zh_CN")
    assert "<h1>成渝地区双城经济圈协同创新指数（示例）</h1>" in zh and "方法" in zh and "较 2020 年变化（%）" in zh
    project.info = {}
    assert "<table class=\"note\"" not in report_html(project, "en")      # no note, no box


# ---- COINr and template -------------------------------------------------------------------------------------
def test_coinr_export_reopens(actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "coin")
    data, meta = actions.export_coinr()
    assert data == str(tmp_path / "coin.csv") and meta == str(tmp_path / "coin_meta.csv")
    assert open(data, encoding="utf-8").readline().startswith("uCode")
    assert "iCode" in open(meta, encoding="utf-8").readline()
    again = load_project(data)                                       # File > Open finds the iMeta beside it
    project = actions.window.document.project
    assert again.framework.indicator_codes == project.framework.indicator_codes
    assert again.dataset.value("CCEC", 2024, "RA1") == project.dataset.value("CCEC", 2024, "RA1")


def test_template_workbook(actions, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "template.xlsx")
    assert actions.export_template() == str(tmp_path / "template.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert wb.sheetnames[:3] == ["Data", "Meta", "Settings"]
    assert wb["Data"]["A1"].value == "uCode"


def test_report_tables_show_scores_with_the_decimals_of_their_scale():
    """The HDI sample's report ranks Switzerland 0.962 and Norway 0.961 (as
    UNDP publishes them), not 0.96 twice; the Chengdu-Chongqing report keeps
    202.29."""
    from core.project import projectfile
    from gui.window.loading import SAMPLE_PATH
    hdi = report_html(projectfile.load(SAMPLE_PATH.parent / "undp-hdi.coindex"), "en")
    assert ">0.962<" in hdi and ">0.961<" in hdi and ">0.96<" not in hdi
    cc = report_html(projectfile.load(SAMPLE_PATH), "en")
    assert ">202.29<" in cc
