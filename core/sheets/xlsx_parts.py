"""Which zip part of an .xlsx holds which worksheet, from workbook.xml and
its relationships, parsed with defusedxml (the zip and its XML prologs
were checked first: core/sheets/filechecks.py)."""
from __future__ import annotations

import os


def local_name(tag) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def sheet_parts(z) -> dict:
    """Sheet name -> worksheet part of the .xlsx open as ``z``; {} when the
    workbook's parts cannot be read (the caller then scans every worksheet)."""
    from defusedxml import ElementTree as DET
    try:
        wb = DET.fromstring(z.read("xl/workbook.xml"))
        rels = DET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {}
    for r in rels:
        if local_name(r.tag) != "Relationship":
            continue
        t = r.get("Target", "")
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        targets[r.get("Id")] = os.path.normpath(t).replace("\\", "/")
    sheets = {}
    for el in wb.iter():
        if local_name(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if local_name(k) == "id"), None)
            if rid in targets:
                sheets[el.get("name")] = targets[rid]
    return sheets
