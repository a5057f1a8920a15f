"""The workbook-level parts of an .xlsx that its worksheets refer to:
which part holds which sheet, the shared strings, and which cell formats
show numbers as dates.  All parsed with defusedxml (the zip and its XML
prologs were checked first: core/sheets/filechecks.py)."""
from __future__ import annotations

import os
import re

SHARED_PART, STYLES_PART = "xl/sharedStrings.xml", "xl/styles.xml"
MAX_SHARED_BYTES = 16 * 2**20          # larger shared strings parts are left to calamine
_SHARED = "/sharedStrings"
_STYLES = "/styles"
# built-in number formats that show a date or a time (ECMA-376 18.8.30, and the East Asian ones)
_DATE_IDS = frozenset(list(range(14, 23)) + list(range(27, 37)) + list(range(45, 48)) + list(range(50, 59))
                      + list(range(71, 82)))
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKET = re.compile(r"\[([^\]]*)\]")
_EXPONENT = re.compile(r"[eE][+-]")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")
_ESCAPE_TEXT = re.compile(r"_x[0-9A-Fa-f]{4}_")
_SPACE_ATTR = "{http://www.w3.org/XML/1998/namespace}space"
_DATE_LETTERS = re.compile(r"[dmyhsegbapDMYHSEGBAP]")     # (a/p: AM/PM)


def local_name(tag) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def workbook_parts(z) -> tuple:
    """(sheet name -> worksheet part, shared strings part, styles part) of an
    .xlsx, from workbook.xml and its relationships; ({}, None, None) when
    they cannot be read.  A part is None when there is none, False when the
    relationships name one other than where calamine looks."""
    from defusedxml import ElementTree as DET
    try:
        wb = DET.fromstring(z.read("xl/workbook.xml"))
        rels = DET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}, None, None
    targets, shared, styles = {}, None, None
    for r in rels:
        if local_name(r.tag) != "Relationship":
            continue
        t = r.get("Target", "")
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        t = os.path.normpath(t).replace("\\", "/")
        targets[r.get("Id")] = t
        kind = r.get("Type", "")
        if kind.endswith(_SHARED):
            shared = t
        elif kind.endswith(_STYLES):
            styles = t
    sheets = {}
    for el in wb.iter():
        if local_name(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if local_name(k) == "id"), None)
            if rid in targets:
                sheets[el.get("name")] = targets[rid]
    names = set(z.namelist())

    def usual(related, part):
        # calamine reads the shared strings and styles by their usual names, whatever the
        # relationships say: a part found elsewhere is not known (False), so not read plainly
        if related is not None and related != part:
            return False
        return part if part in names else None
    return sheets, usual(shared, SHARED_PART), usual(styles, STYLES_PART)


def shared_strings(z, part) -> list | None:
    """The shared strings, each the text of its runs (phonetic runs left
    out); None when the part cannot be read plainly (the caller then lets
    calamine read the sheets).

    Parsed with the standard library's expat: core/sheets/filechecks.py has
    already refused any part whose prolog declares a DTD or entities (the
    only place they can stand), and expat bounds entity amplification too."""
    if part is None:
        return []
    if part is False:
        return None
    import xml.etree.ElementTree as ET
    try:
        if z.getinfo(part).file_size > MAX_SHARED_BYTES:
            return None                 # (a tree of that many strings: calamine holds them more compactly)
        raw = z.read(part)
    except KeyError:
        return []
    except Exception:
        return None
    if b"\r" in raw or _ESCAPE.search(raw):   # line ends and _xHHHH_ escapes: calamine's way, not expat's
        return None
    try:
        root = ET.fromstring(raw)
    except Exception:
        return None
    ns = root.tag[:-3] if root.tag.endswith("sst") else ""
    si_tag, t_tag, r_tag = ns + "si", ns + "t", ns + "r"
    skip = (ns + "rPh", ns + "phoneticPr")

    def text(t):            # calamine drops the outer white space of a run not marked preserve
        s = t.text or ""
        return s if t.get(_SPACE_ATTR) == "preserve" else s.strip(" \t\r\n")
    out = []
    for si in root:
        if si.tag != si_tag:
            continue
        if len(si) == 1 and si[0].tag == t_tag:          # the usual: one plain run
            out.append(text(si[0]))
            continue
        parts = []
        for el in si:
            if el.tag == t_tag:
                parts.append(text(el))
            elif el.tag == r_tag:
                parts.extend(text(t) for t in el if t.tag == t_tag)
            elif el.tag not in skip:
                return None
        out.append("".join(parts))
    if any("_x" in s and _ESCAPE_TEXT.search(s) for s in out):
        return None
    return out


def is_date_format(code: str) -> bool:
    """Whether a number format code may show a date or time (generously:
    a format taken for a date here only sends the sheet to calamine)."""
    text = _QUOTED.sub("", code)
    if any(set(b.lower()) <= set("hms") for b in _BRACKET.findall(text)):
        return True                                   # [h]:mm, elapsed time
    text = _BRACKET.sub("", text)
    text = re.sub("general", "", text, flags=re.I)
    text = _EXPONENT.sub("", text)
    return bool(_DATE_LETTERS.search(text))


def date_styles(z, part) -> frozenset | None:
    """Indices of the cell formats (cellXfs) that show numbers as dates or
    times; None when the styles cannot be read."""
    if part is None:
        return frozenset()
    if part is False:
        return None
    from defusedxml import ElementTree as DET
    try:
        if z.getinfo(part).file_size > MAX_SHARED_BYTES:
            return None
        root = DET.fromstring(z.read(part))
    except KeyError:
        return frozenset()
    except Exception:
        return None
    custom = {}
    for group in root:
        if local_name(group.tag) != "numFmts":
            continue
        for el in group:
            if local_name(el.tag) == "numFmt":
                try:
                    custom[int(el.get("numFmtId", ""))] = el.get("formatCode", "")
                except ValueError:
                    return None
    out = set()
    for el in root:
        if local_name(el.tag) != "cellXfs":
            continue
        for k, xf in enumerate(x for x in el if local_name(x.tag) == "xf"):
            try:
                fid = int(xf.get("numFmtId", "0"))
            except ValueError:
                return None
            if fid in _DATE_IDS or (fid in custom and is_date_format(custom[fid])):
                out.add(k)
            elif fid >= 164 and fid not in custom:
                out.add(k)                             # a format we cannot see: assume a date
    return frozenset(out)
