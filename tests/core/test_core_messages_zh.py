"""Core's messages in Chinese (core.text.set_language("zh")): import errors,
damaged workbooks and project files, the import report, the command line's
--language zh, plural forms and units of measure; none names a library's
exception class, in either language."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from core import text
from core.errors import CoIndexError, ProjectFileError
from core.exporting.workbook import write_results_workbook
from core.importing.importer import import_cells, import_workbook
from core.importing.inputs import load_input
from core.importing.merge import MergeSummary
from core.importing.plan import summary_lines
from core.importing.report import report_lines
from core.project import projectfile
from core.sheets.cells import Sheet, WorkbookCells
from core.sheets.readers import read_workbook_cells

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")
# a class name as Python and the readers' libraries spell them: BadZipFile, XmlError, KeyError ...
CLASS_NAME = re.compile(r"\b(?:[A-Z][a-z0-9]+){1,4}(?:Error|Exception|File|Warning)\b|\bPanic")


@pytest.fixture
def chinese():
    text.set_language("zh")
    yield
    text.set_language("en")


def message_of(call) -> str:
    with pytest.raises(CoIndexError) as err:
        call()
    return str(err.value)


def test_text_in_a_numeric_cell_is_refused_in_chinese_naming_the_place(tmp_path, chinese):
    path = tmp_path / "idata.csv"
    path.write_text("uCode,uName,I1,I2\nA,Alpha,1,2\nB,Beta,abc,3\n", encoding="utf-8")
    msg = message_of(lambda: load_input(path))
    assert msg == "idata.csv，第 3 行，I1 列：“abc”不是数字"


def test_the_same_error_in_english_is_unchanged(tmp_path):
    path = tmp_path / "idata.csv"
    path.write_text("uCode,uName,I1,I2\nA,Alpha,1,2\nB,Beta,abc,3\n", encoding="utf-8")
    assert message_of(lambda: load_input(path)) == "idata.csv, row 3, column I1: 'abc' is not a number"


BAD_FILES = sorted(p.name for p in DATA.glob("bad_*"))


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_workbook_is_refused_in_chinese_with_its_name_and_no_class_name(name, chinese):
    msg = message_of(lambda: import_workbook(DATA / name))
    assert name in msg and CJK.search(msg), msg
    assert not CLASS_NAME.search(msg), msg


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_workbook_message_names_no_class_in_english_either(name):
    msg = message_of(lambda: import_workbook(DATA / name))
    assert name in msg and not CJK.search(msg.replace(name, "")), msg
    assert not CLASS_NAME.search(msg), msg


def test_a_damaged_workbook_says_what_in_chinese(chinese):
    msg = message_of(lambda: read_workbook_cells(DATA / "bad_corrupt.xlsx"))
    assert msg.startswith("bad_corrupt.xlsx：工作簿已损坏"), msg
    msg = message_of(lambda: read_workbook_cells(DATA / "bad_pdf.xlsx"))
    assert msg == "bad_pdf.xlsx：不是 Excel 工作簿：看起来是PDF 文档"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_damaged_xls_container_is_described_without_olefile_class_names(tmp_path, lang):
    text.set_language(lang)
    try:
        path = tmp_path / "broken.xls"
        # the OLE2 signature, then a header that cannot be a compound file's
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 3)
        msg = message_of(lambda: read_workbook_cells(path))
    finally:
        text.set_language("en")
    assert "broken.xls" in msg and not CLASS_NAME.search(msg), msg
    assert ("工作簿已损坏" if lang == "zh" else "the workbook is damaged") in msg


def _project_doc():
    return {"format": projectfile.MAGIC, "format_version": 1,
            "framework": [{"iCode": "I1", "Parent": "IDX", "Type": "Indicator"},
                          {"iCode": "IDX", "Type": "Aggregate"}],
            "units": [{"code": "A"}], "periods": [2020], "indicators": ["I1"], "values": [[[1.0]]],
            "settings": {}}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("damage", ["truncated", "no_code", "values_text", "units_number"])
def test_a_corrupt_project_file_names_the_file_in_plain_words(tmp_path, lang, damage):
    doc = _project_doc()
    raw = json.dumps(doc)
    if damage == "truncated":
        raw = raw[:len(raw) // 2]
    elif damage == "no_code":
        doc["units"] = [{"name": "A"}]
        raw = json.dumps(doc)
    elif damage == "values_text":
        doc["values"] = "abc"
        raw = json.dumps(doc)
    else:
        doc["units"] = [7]
        raw = json.dumps(doc)
    path = tmp_path / "broken.coindex"
    path.write_text(raw, encoding="utf-8")
    text.set_language(lang)
    try:
        with pytest.raises(ProjectFileError) as err:
            projectfile.load(path)
    finally:
        text.set_language("en")
    msg = str(err.value)
    assert str(path) in msg and not CLASS_NAME.search(msg), msg
    assert bool(CJK.search(msg.replace(str(path), ""))) == (lang == "zh"), msg
    if damage == "no_code":
        assert msg.endswith("units[0]: the entry 'code' is missing" if lang == "en" else "units[0]：缺少条目“code”"), msg
    if damage == "truncated":
        assert ("第 1 行" if lang == "zh" else "line 1") in msg, msg


def test_the_import_report_in_chinese_names_file_sheet_and_cell(chinese):
    result = import_workbook(DATA / "yearbook_chengdu.xlsx")
    lines = report_lines(result)
    assert lines[0] == "已读取 yearbook_chengdu.xlsx（xlsx）：布局 yearbook，工作表 “成都”（表头行 4）"
    assert "数值：读取 10 个，缺失 6 个" in lines
    assert "  不是数字（1 个）：成都!F8 '12..3'" in lines
    warnings = "\n".join(result.warnings)
    assert "yearbook_chengdu.xlsx 的工作表“成都”：已跳过隐藏行 10" in warnings
    assert "工作表“成都”第 6 行：“一、创新”没有数值；视为标题行" in warnings


def test_the_import_report_names_units_of_measure_in_chinese(tmp_path, chinese):
    path = tmp_path / "wdi.csv"
    path.write_text("uCode,year,indicator,unit,value\nCHN,2020,GDP per capita,current US$,10400\n"
                    "CHN,2020,Life expectancy,years,78.1\n", encoding="utf-8")
    result = import_workbook(path, columns={"measure": "unit"})
    lines = report_lines(result)
    assert any(line.endswith("[现价美元]") for line in lines), lines
    assert any(line.endswith("[年]") for line in lines), lines
    text.set_language("en")
    assert any(line.endswith("[current US$]") for line in report_lines(result))


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "main.py", *args], cwd=REPO, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def test_import_with_language_zh_prints_a_chinese_report(tmp_path):
    out = tmp_path / "cd.coindex"
    p = _cli("import", "tests/data/yearbook_chengdu.xlsx", "--language", "zh", "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines()[0] == "已读取 yearbook_chengdu.xlsx（xlsx）：布局 yearbook，工作表 “成都”（表头行 4）"
    assert "  I03: 常住人口 [万人]" in p.stdout and f"已写入 {out}" in p.stdout
    assert "警告：yearbook_chengdu.xlsx 的工作表“成都”：已跳过隐藏行 10" in p.stderr
    english = _cli("import", "tests/data/yearbook_chengdu.xlsx", "-o", str(tmp_path / "en.coindex"))
    assert english.stdout.splitlines()[0] == \
        "read yearbook_chengdu.xlsx (xlsx): layout yearbook, sheet(s) '成都' (header row 4)"
    assert "warning: yearbook_chengdu.xlsx, sheet '成都': hidden row(s) 10 skipped" in english.stderr


def test_import_errors_in_chinese_on_the_command_line(tmp_path):
    p = _cli("import", "tests/data/bad_pdf.xlsx", "--language", "zh", "-o", str(tmp_path / "x.coindex"))
    assert p.returncode == 1 and not (tmp_path / "x.coindex").exists()
    assert p.stderr.strip() == "错误：bad_pdf.xlsx：不是 Excel 工作簿：看起来是PDF 文档"


def test_the_command_line_restores_the_language_it_found(tmp_path):
    from core.cli import main
    text.set_language("en")
    assert main(["import", str(DATA / "yearbook_chengdu.xlsx"), "--language", "zh", "-o",
                 str(tmp_path / "a.coindex")]) == 0
    assert text.language() == "en"
    assert text.tr("not a number") == "not a number"


def _empty_sheets(n):
    sheets = [Sheet(f"S{k + 1}", []) for k in range(n)]
    return WorkbookCells("book.xlsx", "0" * 64, "xlsx", sheets, [s.name for s in sheets])


def test_plural_forms_for_one_and_for_three():
    msg = message_of(lambda: import_cells(_empty_sheets(1)))
    assert msg == "book.xlsx: nothing to import: the sheet is empty ('S1')"
    msg = message_of(lambda: import_cells(_empty_sheets(3)))
    assert msg == "book.xlsx: nothing to import: every sheet is empty ('S1', 'S2', 'S3')"
    one = summary_lines(MergeSummary("f.xlsx", matched={"a": "I1"}, filled=1))[0]
    three = summary_lines(MergeSummary("f.xlsx", matched={"a": "I1", "b": "I2", "c": "I3"}, filled=2))[0]
    assert one.startswith("1 indicator matched;") and three.startswith("3 indicators matched;")


def test_plural_forms_in_chinese(chinese):
    assert message_of(lambda: import_cells(_empty_sheets(1))) == "book.xlsx：没有可导入的内容：工作表均为空（'S1'）"
    assert message_of(lambda: import_cells(_empty_sheets(3))) == \
        "book.xlsx：没有可导入的内容：工作表均为空（'S1', 'S2', 'S3'）"
    three = summary_lines(MergeSummary("f.xlsx", matched={"a": "I1", "b": "I2", "c": "I3"}, filled=2))[0]
    assert three == "匹配 3 个指标；2 个单元格有变化（填补 2 个，更新 0 个，清除 0 个），0 个不变。"


@pytest.mark.parametrize("unit, chinese_name", [
    ("% of GDP", "占GDP的%"), ("Per 1,000 people", "每千人"), ("current US$", "现价美元"),
    ("kg of oil equivalent per capita", "人均千克油当量"), ("years", "年"), ("Index 2015=100", "指数（2015=100）"),
    ("Index (2020 = 100)", "指数（2020=100）"), ("constant 2015 US$", "2015年不变价美元"),
    ("2017 PPP $", "2017年购买力平价美元"), ("Score 1-5", "分（1-5）"), ("Thousand  square km", "千平方千米"),
    ("kg of oil equivalent per $1000 GDP (constant 2011 PPP)", "每千美元GDP千克油当量（2011年不变价购买力平价）"),
    ("Percentage", "%"), ("µg/m³", "微克/立方米"), ("亿元", "亿元"), ("gigawidgets", "gigawidgets"),
])
def test_units_of_measure_from_statistical_exports_in_chinese(unit, chinese_name):
    assert text.unit_name(unit, "zh") == chinese_name
    assert text.unit_name(unit) == unit                 # English: as written


def test_the_chinese_results_workbook_names_units_in_chinese(tmp_path):
    engine = projectfile.load(REPO / "resources" / "samples" / "asem-30.coindex").recompute()
    units = {}
    for lang in ("en", "zh"):
        path = tmp_path / f"results_{lang}.xlsx"
        write_results_workbook(engine, path, language=lang)
        wb = openpyxl.load_workbook(path, read_only=True)
        head = "单位" if lang == "zh" else "unit"
        ws = next(ws for ws in wb.worksheets if head in [c.value for c in next(ws.iter_rows(max_row=1))])
        rows = list(ws.iter_rows(values_only=True))
        col = list(rows[0]).index(head)
        units[lang] = [r[col] for r in rows[1:]]
        wb.close()
    pairs = set(zip(units["en"], units["zh"]))
    assert ("Score", "分") in pairs and ("Percent", "%") in pairs and ("Current USD", "现价美元") in pairs
    assert ("Mbps", "兆比特/秒") in pairs and ("Billion tonnes", "十亿吨") in pairs
