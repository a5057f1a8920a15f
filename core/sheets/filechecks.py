"""The checks every file passes before a parser sees it, and the limits.

Every file is checked first, so that bad files fail within seconds and
bounded memory with a message that names the file (core/sheets/readers.py calls
these; docs/import.md lists them):

* size: at most ``MAX_FILE_BYTES`` on disk;
* content sniffing: the first bytes decide what the file is (zip, OLE,
  PDF, HTML, text ...), whatever its extension says;
* OLE containers holding an ``EncryptedPackage`` are password-protected
  workbooks;
* zip archives: every member's declared size and compression ratio are
  checked against ``MAX_MEMBER_BYTES`` / ``MAX_TOTAL_BYTES`` /
  ``MAX_RATIO`` before anything is decompressed (calamine refuses a member
  that inflates past its declared size, so a lying header cannot pass);
* every XML member's prolog is read: a ``<!DOCTYPE`` or ``<!ENTITY``
  (entity-expansion bombs) is refused;
* every worksheet's true extent is found before a reader allocates it
  (core/sheets/xlsx_extent.py, core/sheets/binary_extent.py; ``refuse_extent`` and
  ``refuse_workbook_total`` here say no).
"""
from __future__ import annotations

import hashlib as _hashlib
import re
import zipfile as _zipfile
import zlib as _zlib

from core.model.celltext import column_letter
from core.errors import InputError
from core.text import tr

MAX_FILE_BYTES = 64 * 2**20
MAX_MEMBER_BYTES = 256 * 2**20
MAX_TOTAL_BYTES = 512 * 2**20
MAX_RATIO = 100
MAX_CELLS = 8_000_000
MAX_MEMBERS = 10_000
MAX_WORKBOOK_CELLS = 2 * MAX_CELLS     # all sheets read from one file together


def details(e) -> str:
    """The library's own words about a failure, for a user message:
    " (details: …)", or nothing when it has none.  The exception's class
    name (``XmlError``, ``PanicException`` …) is left out: it means nothing
    to the reader."""
    text = " ".join(str(e).split())
    return tr(" (details: {text})", text=text) if text else ""


def refuse_extent(file: str, sheet: str, rows: int, cols: int) -> None:
    """Refuse a sheet that spans more than MAX_CELLS (a reader would
    allocate the whole rectangle), by name and size."""
    if rows * cols > MAX_CELLS:
        raise InputError(tr("{file}, sheet '{sheet}': refused: the sheet spans A1:{corner} ({rows:,} rows x "
                            "{cols:,} columns); CoIndex imports sheets of at most {limit:,} cells", file=file,
                            sheet=sheet, corner=column_letter(max(cols, 1) - 1) + str(rows), rows=rows, cols=cols,
                            limit=MAX_CELLS))


def refuse_workbook_total(file: str, extents) -> None:
    """Refuse reading sheets whose extents [(rows, cols)] together pass
    MAX_WORKBOOK_CELLS (many medium sheets: a reader holds them all)."""
    total = sum(r * c for r, c in extents)
    if total > MAX_WORKBOOK_CELLS:
        raise InputError(tr("{file}: refused: its {sheets:,} sheets span {total:,} cells in all; CoIndex "
                            "imports workbooks of at most {limit:,} cells (name the sheets to read)", file=file,
                            sheets=len(extents), total=total, limit=MAX_WORKBOOK_CELLS))
WORKBOOK_EXTS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_EXTS = (".csv", ".tsv", ".txt")


def kind_name(kind: str) -> str:
    """What :func:`magic_kind` found ("a PDF document" ...), in the current language."""
    names = {"a PDF document": tr("a PDF document"), "a PNG image": tr("a PNG image"),
             "a JPEG image": tr("a JPEG image"), "a GIF image": tr("a GIF image"),
             "a web page (HTML)": tr("a web page (HTML)"), "a web page (HTML table)": tr("a web page (HTML table)"),
             "an RTF document": tr("an RTF document"), "a gzip archive": tr("a gzip archive"),
             "a RAR archive": tr("a RAR archive"), "a 7-Zip archive": tr("a 7-Zip archive"),
             "an Excel 2003 XML spreadsheet": tr("an Excel 2003 XML spreadsheet"),
             "an XML document": tr("an XML document")}
    return names.get(kind, kind)


def magic_kind(head: bytes) -> str:
    """What the first bytes say the file is: 'zip', 'ole', 'text', 'unknown'
    or a description in English (:func:`kind_name` translates it)."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for sig, kind in ((b"%pdf", "a PDF document"), (b"\x89png", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
                      (b"gif8", "a GIF image"), (b"<html", "a web page (HTML)"), (b"<!doctype html", "a web page (HTML)"),
                      (b"<table", "a web page (HTML table)"), (b"{\\rtf", "an RTF document"),
                      (b"\x1f\x8b", "a gzip archive"), (b"rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive")):
        if low.startswith(sig):
            return kind
    if low.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            return "an Excel 2003 XML spreadsheet"
        return "an XML document"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError as e:
            if e.start > len(head) - 4:
                return "text"
        for enc in ("gb18030", "cp1252"):     # (core.sheets.textcodec reads these)
            try:
                head.decode(enc)
                return "text"
            except UnicodeDecodeError as e:
                if e.start > len(head) - 4:     # a character cut where the head ends (GB18030: 2 or 4 bytes)
                    return "text"
    return "unknown"


def hash_and_scan(path, name):
    """sha256 of the file, its first bytes, and whether it holds an
    OLE ``EncryptedPackage`` stream name."""
    h = _hashlib.sha256()
    marker = "EncryptedPackage".encode("utf-16-le")
    found, head, tail = False, b"", b""
    try:
        with open(path, "rb") as f:
            while True:
                chunk = f.read(1 << 20)
                if not chunk:
                    break
                if not head:
                    head = chunk[:4096]
                h.update(chunk)
                if not found and head.startswith(b"\xd0\xcf\x11\xe0"):
                    found = marker in tail + chunk
                    tail = chunk[-len(marker):]
    except OSError as e:
        raise InputError(tr("{name}: cannot read the file ({reason})", name=name, reason=e.strerror)) from None
    return h.hexdigest(), head, found


def _xml_prolog_ok(z, info, name) -> None:
    """Refuse DTDs and entity declarations (entity-expansion bombs) in an
    XML member: they can only stand before the root element."""
    seen = b""
    with z.open(info) as f:
        while len(seen) < (1 << 20):
            chunk = f.read(65536)
            if not chunk:
                break
            seen += chunk
            text = seen
            if text[:2] in (b"\xff\xfe", b"\xfe\xff") or text[1:2] == b"\x00" or text[:1] == b"\x00":
                text = seen.decode("utf-16", errors="ignore").encode("utf-8")
            m = re.search(rb"<[A-Za-z_]", text)
            pre = text if m is None else text[:m.start()]
            if b"<!DOCTYPE" in pre.upper() or b"<!ENTITY" in pre.upper():
                raise InputError(tr("{name}: refused: part '{part}' declares a DTD or XML entities (an "
                                    "entity-expansion attack, or a file not made by a spreadsheet program)",
                                    name=name, part=info.filename))
            if m is not None:
                return
    raise InputError(tr("{name}: refused: part '{part}' has no XML root element in its first megabyte",
                        name=name, part=info.filename))


def check_zip(path, name):
    """Open a zip-based workbook and check it before any parser reads it.
    Returns (ZipFile, format) with format 'xlsx', 'xlsb' or 'ods'."""
    try:
        z = _zipfile.ZipFile(path)
        infos = z.infolist()
    except _zipfile.BadZipFile as e:
        raise InputError(tr("{name}: the workbook is damaged or truncated (not a complete zip archive: {reason})",
                            name=name, reason=e)) from None
    except (OSError, ValueError, EOFError) as e:
        raise InputError(tr("{name}: the workbook is damaged or truncated ({reason})", name=name, reason=e)) from None
    if len(infos) > MAX_MEMBERS:
        raise InputError(tr("{name}: refused: the archive has {parts} parts (at most {limit})", name=name,
                            parts=len(infos), limit=MAX_MEMBERS))
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(tr("{name}: the workbook is password-protected (encrypted archive); "
                                "remove the password and save it again", name=name))
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise InputError(tr("{name}: refused: part '{part}' expands to {mb:.0f} MB (a zip bomb, or a workbook "
                                "too large to import; the limit is {part_limit} MB per part and {total_limit} MB "
                                "in all)", name=name, part=info.filename, mb=info.file_size / 2**20,
                                part_limit=MAX_MEMBER_BYTES // 2**20, total_limit=MAX_TOTAL_BYTES // 2**20))
        if info.file_size > (1 << 20) and ratio > MAX_RATIO:
            raise InputError(tr("{name}: refused: part '{part}' is compressed {ratio:.0f} to 1 (a zip bomb; real "
                                "workbooks compress less than {limit} to 1)", name=name, part=info.filename,
                                ratio=ratio, limit=MAX_RATIO))
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names:
        fmt = "xlsx"
    elif "xl/workbook.bin" in names:
        fmt = "xlsb"
    elif "content.xml" in names:
        fmt = "ods"
    elif "word/document.xml" in names:
        raise InputError(tr("{name}: not a workbook: this is a Word document", name=name))
    elif "ppt/presentation.xml" in names:
        raise InputError(tr("{name}: not a workbook: this is a PowerPoint presentation", name=name))
    else:
        raise InputError(tr("{name}: not a workbook: a zip archive without a spreadsheet inside "
                            "(no xl/workbook.xml or content.xml)", name=name))
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            try:
                _xml_prolog_ok(z, info, name)
            except (_zipfile.BadZipFile, _zlib.error, EOFError, OSError) as e:
                raise InputError(tr("{name}: the workbook is damaged (part '{part}': {reason})", name=name,
                                    part=info.filename, reason=e)) from None
    return z, fmt


