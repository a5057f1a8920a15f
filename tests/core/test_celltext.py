"""One cell-text parser: a cell's text means the same thing on import
(``parse_number``), in an iData / template file (``Dataset.from_frame``) and
typed or pasted into the data sheet (``gui.sheets.clipboard.read_number``,
which imports no Qt); the missing words are listed once, in
core/model/celltext.py, and docs/import.md lists the same words."""
from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from core.errors import InputError
from core.importing.inputs import load_input
from core.model.celltext import BAD, MISSING, MISSING_WORDS, NUMBER, PERCENT, is_missing, parse_number, parse_values
from core.model.dataset import Dataset
from core.model.framework import Framework
from gui.sheets.clipboard import NotANumber, read_number

REPO = Path(__file__).resolve().parents[2]
nan = math.nan

# text -> (value, kind), for every path
CASES = [
    # numbers
    ("12", 12.0, NUMBER), ("-3.25", -3.25, NUMBER), (" 7 ", 7.0, NUMBER), ("1e3", 1000.0, NUMBER),
    (".5", 0.5, NUMBER), ("+5", 5.0, NUMBER), ("\u22125", -5.0, NUMBER), ("2020.0", 2020.0, NUMBER),
    # thousands separators (grouping by three only)
    ("1,234.5", 1234.5, NUMBER), ("1,234,567", 1234567.0, NUMBER), ("1 234.5", 1234.5, NUMBER),
    ("1\u00a0234", 1234.0, NUMBER),
    # full-width digits and punctuation
    ("１２３", 123.0, NUMBER), ("１２３，４５６．７", 123456.7, NUMBER), ("－４", -4.0, NUMBER),
    # accounting negatives, currency signs
    ("(1,234)", -1234.0, NUMBER), ("（56）", -56.0, NUMBER), ("(5)", -5.0, NUMBER),
    ("¥1,000", 1000.0, NUMBER), ("$12.5", 12.5, NUMBER),
    # percentages: the number as written, of kind PERCENT
    ("12.3%", 12.3, PERCENT), ("５‰", 5.0, PERCENT), ("(12.5%)", -12.5, PERCENT), ("12.3 %", 12.3, PERCENT),
    # missing: blanks and words, any case, full-width forms
    ("", nan, MISSING), ("   ", nan, MISSING), ("..", nan, MISSING), ("．．", nan, MISSING),
    ("...", nan, MISSING), ("…", nan, MISSING), ("-", nan, MISSING), ("－", nan, MISSING), ("—", nan, MISSING),
    ("——", nan, MISSING), ("–", nan, MISSING), ("x", nan, MISSING), ("X", nan, MISSING), ("n.a.", nan, MISSING),
    ("N.A.", nan, MISSING), ("NA", nan, MISSING), ("n/a", nan, MISSING), ("#N/A", nan, MISSING),
    ("NaN", nan, MISSING), ("null", nan, MISSING), ("NULL", nan, MISSING), ("None", nan, MISSING),
    ("无数据", nan, MISSING), ("无", nan, MISSING), ("暂无", nan, MISSING), (" 缺失 ", nan, MISSING),
    # not numbers
    ("abc", nan, BAD), ("1,5", nan, BAD), ("12,5", nan, BAD), ("1,23,456", nan, BAD), ("12..3", nan, BAD),
    ("1.2.3", nan, BAD), ("1_000", nan, BAD), ("12亿", nan, BAD), ("x1", nan, BAD), ("0x10", nan, BAD),
    ("#DIV/0!", nan, BAD), ("%", nan, BAD), ("()", nan, BAD), ("inf", nan, BAD), ("-Infinity", nan, BAD),
    ("1e999", nan, BAD), ("-nan", nan, BAD), ("n.a.a", nan, BAD), ("xx", nan, BAD), (":", nan, BAD),
]
IDS = [repr(t) for t, _, _ in CASES]
# why the data sheet refuses a text (its message differs); "text" when not listed
PASTE_REASONS = {"1,5": "comma", "12,5": "comma", "1,23,456": "comma",
                 "inf": "infinite", "-Infinity": "infinite", "1e999": "infinite"}


def same(a, b) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# ---- the three paths ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, value, kind", CASES, ids=IDS)
def test_import_path(text, value, kind):
    x, k, reason = parse_number(text)
    assert (k, same(x, value)) == (kind, True), (text, x, k, reason)
    assert (reason != "") == (kind == BAD)
    xs, ks = parse_values([text, 1.5, text])                 # a column reads each cell the same way
    assert ks.tolist() == [kind, NUMBER, kind] and same(xs[0], value) and same(xs[2], value)


def _framework():
    return Framework.from_records([{"iCode": "IDX", "Type": "Aggregate"},
                                   {"iCode": "A", "Parent": "IDX", "Type": "Indicator"}])


@pytest.mark.parametrize("text, value, kind", CASES, ids=IDS)
def test_dataset_path(text, value, kind):
    df = pd.DataFrame({"uCode": ["U1", "U2", "U3"], "A": [1.0, text, "2"]})
    if kind in (NUMBER, MISSING):
        ds = Dataset.from_frame(df, _framework(), where="d.xlsx, sheet Data")
        got = ds.values[:, 0, 0]
        assert got[0] == 1.0 and got[2] == 2.0 and same(got[1], value), (text, got)
    else:
        with pytest.raises(InputError) as e:
            Dataset.from_frame(df, _framework(), where="d.xlsx, sheet Data")
        message = str(e.value)
        assert message.startswith("d.xlsx, sheet Data, row 3, column A: "), message
        assert text.strip() in message and ("percentage" in message) == (kind == PERCENT)


@pytest.mark.parametrize("text, value, kind", CASES, ids=IDS)
def test_paste_path(text, value, kind):
    if kind in (NUMBER, MISSING):
        assert same(read_number(text), value), text
    else:
        with pytest.raises(NotANumber) as e:
            read_number(text)
        assert e.value.text == text.strip()
        expected = "percent" if kind == PERCENT else PASTE_REASONS.get(text, "text")
        assert e.value.reason == expected


@pytest.mark.parametrize("word", sorted(MISSING_WORDS))
def test_every_missing_word_is_missing_on_every_path(word):
    for spelled in {word, word.upper(), f"  {word} "}:
        assert parse_number(spelled)[1] == MISSING, spelled
        assert is_missing(spelled)
        assert math.isnan(read_number(spelled))
        ds = Dataset.from_frame(pd.DataFrame({"uCode": ["U1", "U2"], "A": [spelled, "3"]}), _framework())
        assert np.isnan(ds.values[0, 0, 0]) and ds.values[1, 0, 0] == 3.0


def test_non_text_cells_agree():
    for cell, value, kind in [(7, 7.0, NUMBER), (2.5, 2.5, NUMBER), (None, nan, MISSING), (nan, nan, MISSING),
                              (math.inf, nan, BAD), (True, nan, BAD)]:
        x, k, _ = parse_number(cell)
        assert k == kind and same(x, value), cell
        if kind == BAD:
            with pytest.raises(NotANumber):
                read_number(cell)
        else:
            assert same(read_number(cell), value)


def test_an_idata_csv_reads_missing_words_and_names_a_bad_cell(tmp_path):
    meta = tmp_path / "m.csv"
    meta.write_text("iCode,Parent,Type\nIDX,,Aggregate\nA,IDX,Indicator\nB,IDX,Indicator\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text('uCode,uName,A,B\nU1,One,"1,234.5",..\nU2,Two,x,(5)\nU3,Three,无数据,n.a.\nU4,Four,NA,７\n',
                    encoding="utf-8")
    p = load_input(data, meta=meta)
    a, b = p.dataset.values[:, 0, 0], p.dataset.values[:, 0, 1]
    assert a[0] == 1234.5 and np.isnan(a[1:]).all()
    assert np.isnan(b[[0, 2]]).all() and b[1] == -5.0 and b[3] == 7.0
    data.write_text("uCode,A,B\nU1,1,2\nU2,3,4 units\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"^d\.csv, row 3, column B: '4 units' is not a number$"):
        load_input(data, meta=meta)


def test_missing_words_in_label_columns_are_blank():
    fw = Framework.from_records([{"iCode": "IDX", "Type": "Aggregate"},
                                 {"iCode": "A", "Parent": "IDX", "Type": "Indicator"},
                                 {"iCode": "G", "Type": "Group"}])
    df = pd.DataFrame({"uCode": ["U1", "U2", "U3"], "uName": ["One", "..", "无数据"], "G": ["east", "x", "n/a"],
                       "A": [1.0, 2.0, 3.0]})
    ds = Dataset.from_frame(df, fw)
    assert ds.unit_names == ["One", "U2", "U3"]
    assert ds.groups["G"][:, 0].tolist() == ["east", None, None]


# ---- listed once, documented ----------------------------------------------------------------------
def _documented_words() -> list[str]:
    text = (REPO / "docs" / "import.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- missing-words: begin -->(.*?)<!-- missing-words: end -->", text, re.S)
    assert block, "docs/import.md has no missing-words block"
    return re.findall(r"`([^`]+)`", block.group(1))


def test_the_docs_list_the_missing_words_of_the_code():
    words = _documented_words()
    assert len(words) == len(set(words)), "a word is listed twice in docs/import.md"
    assert set(words) == MISSING_WORDS - {""}


def test_no_other_module_keeps_its_own_list_of_missing_words():
    """A set, list or tuple literal holding three or more of the missing
    words outside celltext.py is a second list that could drift."""
    words = MISSING_WORDS - {""}
    offenders = []
    for root in ("core", "gui"):
        for path in sorted((REPO / root).rglob("*.py")):
            if path == REPO / "core" / "model" / "celltext.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
                    strings = {e.value.lower() for e in node.elts
                               if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                    if len(strings & words) >= 3:
                        offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []
