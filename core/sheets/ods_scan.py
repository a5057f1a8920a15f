"""What calamine does not say about an .ods sheet, and its true extent.

One regular-expression pass over content.xml gives every sheet's hidden
rows and columns and merged areas, and the extent its repeat counts reach:
a 10 kB file can ask for 60,000 rows x 1,000 columns (4 GB), and calamine
expands every sheet of an .ods when it opens it, so every sheet is checked
before calamine sees the file."""
from __future__ import annotations

import re
import zipfile as _zipfile
import zlib as _zlib

from core.errors import InputError
from core.sheets.filechecks import refuse_extent, refuse_workbook_total
from core.text import tr

# (attributes stop at the next '<' too: tags never closed cannot make a search run on to the end)
_ODS_TOK = re.compile(rb'<table:table(\s[^<>]*)?>|(</table:table>)|<table:table-column(\s[^<>]*?)?/?>'
                      rb'|<table:table-row(\s[^<>]*)?>|(</table:table-row>)'
                      rb'|<table:(covered-)?table-cell(\s[^<>]*?)?(/?)>')
_ODS_ATTR = {k: re.compile(rb'table:' + k.encode() + rb'="([^"]*)"') for k in
             ("name", "number-columns-repeated", "number-rows-repeated", "visibility",
              "number-columns-spanned", "number-rows-spanned")}


def _ods_attr(attrs, key, default=b""):
    m = _ODS_ATTR[key].search(attrs) if attrs else None
    return m.group(1) if m else default


def scan_ods(z, name) -> dict:
    """Sheet -> (hidden rows, hidden columns, merged areas) of an .ods, which
    calamine does not report, from one regex pass over content.xml; and the
    true extent of every sheet read, refused past MAX_CELLS before calamine
    expands repeated rows and columns (a 10 kB file can ask for 60,000 rows
    x 1,000 columns: 4 GB; calamine reads every sheet of an .ods when it
    opens it, so every sheet is checked)."""
    try:
        with z.open("content.xml") as f:
            data = f.read()
    except (_zipfile.BadZipFile, _zlib.error, EOFError, OSError) as e:
        raise InputError(tr("{name}: the workbook is damaged (part '{part}': {reason})", name=name,
                            part="content.xml", reason=e)) from None
    out, cur = {}, None
    r = c = 0
    row_rep, max_r, max_c = 1, 0, 0
    for m in _ODS_TOK.finditer(data):
        g = m.groups()
        if m.group(0).startswith(b"<table:table") and g[0] is not None or m.group(0) in (b"<table:table>",):
            if cur is not None:
                break
            sname = _ods_attr(g[0], "name").decode("utf-8", "replace")
            cur = out[sname] = [set(), set(), [], 0, 0]
            r = c = max_r = max_c = 0
        elif g[1] is not None:                                  # </table:table>
            if cur is not None:
                cur[3], cur[4] = max_r, max_c
                refuse_extent(name, sname, max_r, max_c)
            cur = None
        elif cur is None:
            continue
        elif g[2] is not None or m.group(0).startswith(b"<table:table-column"):
            rep = min(int(_ods_attr(g[2], "number-columns-repeated", b"1")), 16384)
            if _ods_attr(g[2], "visibility", b"visible") != b"visible":
                cur[1].update(range(c, c + rep))
            c += rep
        elif m.group(0).startswith(b"<table:table-row"):
            c = 0
            row_rep = min(int(_ods_attr(g[3], "number-rows-repeated", b"1")), 1 << 20)
            if _ods_attr(g[3], "visibility", b"visible") != b"visible" and row_rep <= 65536:
                cur[0].update(range(r, r + row_rep))
        elif g[4] is not None:                                  # </table:table-row>
            r += row_rep
        else:                                                   # a cell
            attrs = g[6] or b""
            rep = min(int(_ods_attr(attrs, "number-columns-repeated", b"1")), 16384)
            cs = int(_ods_attr(attrs, "number-columns-spanned", b"1"))
            rs = int(_ods_attr(attrs, "number-rows-spanned", b"1"))
            if cs > 1 or rs > 1:
                cur[2].append((r, c, r + rs - 1, c + cs - 1))
            if g[5] is None and (b"value-type" in attrs or g[7] != b"/"):     # a cell with content
                max_r, max_c = max(max_r, r + row_rep), max(max_c, c + rep)
            c += rep
    refuse_workbook_total(name, [(v[3], v[4]) for v in out.values()])     # (calamine reads them all)
    return {k: (frozenset(v[0]), frozenset(v[1]), v[2]) for k, v in out.items()}
