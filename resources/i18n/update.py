"""Re-extract and recompile the translations, and list what is untranslated.

    python resources/i18n/update.py            # lupdate + lrelease + report
    python resources/i18n/update.py --check    # also exit 1 if anything is untranslated
    python resources/i18n/update.py --no-obsolete   # drop strings the code no longer has

Runs ``pyside6-lupdate gui/**/*.py -ts resources/i18n/coindex_zh_CN.ts`` (it
keeps existing translations and adds new source texts as unfinished), then
``pyside6-lrelease`` to ``coindex_zh_CN.qm``, then prints every message whose
translation is missing or still marked unfinished, by context.  Before
compiling, an untranslated message whose source text is translated elsewhere
in the file (another context, or a message that vanished when its code moved
to another class) gets that translation; these are listed for review.  Translate
them by editing the .ts file (``<translation>…</translation>`` and remove
``type="unfinished"``), or in Qt Linguist, and run this script again.
"""
from __future__ import annotations

import argparse
import glob
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LANGUAGES = ("zh_CN",)


def ts_path(lang: str) -> str:
    return os.path.join(HERE, f"coindex_{lang}.ts")


def qm_path(lang: str) -> str:
    return os.path.join(HERE, f"coindex_{lang}.qm")


def tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # beside the running Python (a virtual environment's bin/ folder)
    candidate = os.path.join(os.path.dirname(sys.executable), name)
    if os.path.exists(candidate):
        return candidate
    sys.exit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")


def sources() -> list[str]:
    """The files lupdate reads, relative to the repository root."""
    return sorted(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, "gui", "**", "*.py"), recursive=True))


def _text(tr) -> str:
    """A translation's text; for plural (numerus) messages the forms joined."""
    if tr is None:
        return ""
    forms = tr.findall("numerusform")
    if forms:
        return "|".join((f.text or "") for f in forms) if any((f.text or "").strip() for f in forms) else ""
    return tr.text or ""


def untranslated(ts: str) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation
    (obsolete and vanished messages are not counted)."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            kind = tr.get("type") if tr is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            if tr is None or kind == "unfinished" or not _text(tr).strip():
                out.append((name, message.findtext("source")))
    return out


def reuse_identical(ts: str) -> list[tuple[str, str]]:
    """Fill unfinished messages whose source text is translated elsewhere
    in the file (another context, or a message that vanished because its
    code moved to another class) with that translation.  Returns the
    (context, source) pairs filled; review them."""
    tree = ET.parse(ts)
    known = {}
    for message in tree.getroot().iter("message"):
        tr = message.find("translation")
        if tr is not None and tr.get("type") != "unfinished" and _text(tr).strip():
            known.setdefault((message.findtext("source"), message.get("numerus") == "yes"), tr)
    filled = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue                 # (lupdate may have put a guess in; a finished one wins)
            found = known.get((message.findtext("source"), message.get("numerus") == "yes"))
            if found is None:
                continue
            tr.text = found.text
            for child in list(tr):
                tr.remove(child)
            for child in found:
                copy = ET.SubElement(tr, child.tag)
                copy.text = child.text
            del tr.attrib["type"]
            filled.append((context.findtext("name"), message.findtext("source")))
    if filled:
        with open(ts, "wb") as f:
            f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
            tree.write(f, encoding="utf-8", xml_declaration=False)
    return filled


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if any message is untranslated")
    parser.add_argument("--no-obsolete", action="store_true", help="drop messages the code no longer has")
    args = parser.parse_args(argv)
    missing_total = 0
    for lang in LANGUAGES:
        ts = ts_path(lang)
        lupdate = [tool("pyside6-lupdate"), *sources(), "-ts", os.path.relpath(ts, ROOT)]
        subprocess.run(lupdate, cwd=ROOT, check=True)
        for context, source in reuse_identical(ts):
            print(f"  reused the translation of an identical text: [{context}] {source!r}")
        if args.no_obsolete:                 # after reusing: vanished messages may hold translations
            subprocess.run([lupdate[0], "-no-obsolete", *lupdate[1:]], cwd=ROOT, check=True)
        subprocess.run([tool("pyside6-lrelease"), ts, "-qm", qm_path(lang)], cwd=ROOT, check=True)
        missing = untranslated(ts)
        missing_total += len(missing)
        print(f"\n{os.path.basename(ts)}: {len(missing)} untranslated message(s)")
        context = None
        for ctx, source in missing:
            if ctx != context:
                print(f"  [{ctx}]")
                context = ctx
            print("    " + (source or "").replace("\n", "\\n"))
    return 1 if args.check and missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
