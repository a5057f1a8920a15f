"""Re-extract core's message templates, update the gettext catalogues,
compile them and list what is untranslated.

    python resources/i18n/update_core.py          # extract + update + compile + report
    python resources/i18n/update_core.py --check  # also exit 1 if anything is untranslated

Templates are the first argument of ``tr(...)`` and the first two of
``trn(...)`` in ``core/`` (see core/text.py).  The catalogue of each language
is ``resources/i18n/core/<lang>/LC_MESSAGES/coindex_core.po``: edit its
``msgstr`` lines (remove a ``#, fuzzy`` flag once checked) and run this again;
the compiled ``.mo`` beside it is what the app and the command line read.
Needs Babel (installed with the test extras).
"""
from __future__ import annotations

import argparse
import datetime
import os
import sys

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DOMAIN = "coindex_core"
LANGUAGES = ("zh_CN",)
KEYWORDS = {"tr": (1,), "trn": (1, 2)}
# a fixed date in the header, so re-running the script changes the files only when a message does
STAMP = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def po_path(lang: str) -> str:
    return os.path.join(HERE, "core", lang, "LC_MESSAGES", DOMAIN + ".po")


def extract() -> Catalog:
    template = Catalog(project="CoIndex", domain=DOMAIN, creation_date=STAMP, revision_date=STAMP)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
            os.path.join(ROOT, "core"), method_map, keywords=KEYWORDS, comment_tags=("Translators:",)):
        template.add(message, locations=[(os.path.join("core", filename), lineno)],
                     auto_comments=comments, context=context)
    return template


def update(lang: str, template: Catalog) -> list[str]:
    path = po_path(lang)
    if os.path.exists(path):
        with open(path, "rb") as f:
            catalog = read_po(f, locale=lang, domain=DOMAIN)
    else:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        catalog = Catalog(locale=lang, domain=DOMAIN, project="CoIndex", creation_date=STAMP, revision_date=STAMP)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date = catalog.revision_date = STAMP
    with open(path, "wb") as f:
        write_po(f, catalog, width=100, sort_output=False, omit_header=False)
    with open(path[:-3] + ".mo", "wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        if message.fuzzy or not all(strings):
            ident = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
            where = ", ".join(f"{p}:{n}" for p, n in message.locations[:2])
            missing.append(f"  {where}: {ident}")
    return missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if anything is untranslated")
    args = parser.parse_args(argv)
    template = extract()
    status = 0
    for lang in LANGUAGES:
        missing = update(lang, template)
        print(f"{lang}: {len(template)} messages, {len(missing)} untranslated")
        for line in missing:
            print(line)
        if missing and args.check:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
