"""Core's messages in two languages: the gettext catalogue is complete, its
translations keep every placeholder, and the compiled file is current."""
import importlib.util
import re
import string
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from core import text

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("update_core", REPO / "resources/i18n/update_core.py")
update_core = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_core)


@pytest.fixture
def chinese():
    text.set_language("zh")
    yield
    text.set_language("en")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def po():
    with open(update_core.po_path("zh_CN"), "rb") as f:
        return read_po(f, locale="zh_CN")


def test_every_core_template_is_translated():
    catalog = po()
    missing = []
    for message in update_core.extract():
        if not message.id:          # the catalogue's header
            continue
        found = catalog.get(message.id)
        strings = [] if found is None else (found.string if isinstance(found.string, (list, tuple))
                                            else [found.string])
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(message.id)
    assert not missing, f"{len(missing)} core messages untranslated (run resources/i18n/update_core.py): " \
                        f"{missing[:5]}"


def test_translations_keep_the_placeholders():
    bad = []
    for message in po():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        wanted = set().union(*(fields(i) for i in ids))
        for s in strings:
            if s and fields(s) - wanted:
                bad.append((ids[0], s))
            if s and len(ids) == 1 and fields(s) != wanted:
                bad.append((ids[0], s))
    assert not bad, bad[:5]


def test_compiled_catalogue_matches_the_po():
    po_catalog = po()
    with open(update_core.po_path("zh_CN")[:-3] + ".mo", "rb") as f:
        mo_catalog = read_mo(f)
    for message in po_catalog:
        if message.id and not message.fuzzy:
            assert mo_catalog.get(message.id) is not None, f"not compiled: {message.id!r}"
            compiled, written = mo_catalog.get(message.id).string, message.string
            if isinstance(written, (list, tuple)):      # plural forms: a tuple from the .po, a list from the .mo
                compiled, written = list(compiled), list(written)
            assert compiled == written


def test_chinese_message_with_fields(chinese):
    from core.errors import InputError
    from core.exporting.workbook import write_results_workbook
    with pytest.raises(InputError) as err:
        write_results_workbook(None, "x.xlsx", language="fr")
    assert "结果工作簿" in str(err.value) and "fr" in str(err.value)
    assert re.search(r"[\u4e00-\u9fff]", str(err.value))


def test_english_is_the_template():
    text.set_language("en")
    assert text.tr("a {x} b", x=1) == "a 1 b"
    assert text.trn("{n} unit", "{n} units", 1) == "1 unit"
    assert text.trn("{n} unit", "{n} units", 3) == "3 units"
    assert text.tr("braces {kept}") == "braces {kept}"


def test_units_named_in_chinese_where_known(chinese):
    assert text.unit_name("Persons") == "人"
    assert text.unit_name(" % ") == "%"
    assert text.unit_name("gigawidgets") == "gigawidgets"
    text.set_language("en")
    assert text.unit_name("Persons") == "Persons"
