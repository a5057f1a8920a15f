"""Generate the import test corpus in tests/data/ (run: python tests/data/make_corpus.py).

Every file is made here, deterministically: openpyxl workbooks with fixed
document dates and zip timestamps, hand-built zip archives (bombs, lying
headers, entity bombs), a really encrypted workbook (msoffcrypto-tool with
a seeded salt; only needed to regenerate), and, when LibreOffice is
installed (Debian: libreoffice-calc-nogui), .ods / .xls / .xlsx files
written by LibreOffice itself so that files from other programs are
covered.  The tests read the committed files and never need LibreOffice
or msoffcrypto-tool.  Files written by LibreOffice carry its own metadata
and are not byte-for-byte reproducible; everything else is
(tests/core/test_bad_files.py checks that).

The workbook contents are stated here; the tests state the values they
expect independently (tests/core/test_import.py).
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


# ---- helpers ------------------------------------------------------------------------------------------
def normalise_zip(path: Path, edit=None) -> None:
    """Rewrite a zip with fixed timestamps (and optional member edits) so
    the bytes do not depend on when it was made."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w") as z:
        for info, data in members:
            data = _fix_dates(info.filename, data)
            if edit is not None:
                data = edit(info.filename, data)
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            z.writestr(zi, data)


def save(wb, name: str, edit=None) -> Path:
    path = HERE / name
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.lastModifiedBy = "make_corpus"
    wb.properties.creator = "make_corpus"
    wb.save(path)
    normalise_zip(path, edit)
    return path


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def raw_zip(members) -> bytes:
    """A zip built by hand: members are (name, deflated bytes, crc, declared size)."""
    out, central = bytearray(), bytearray()
    for name, comp, crc, size in members:
        nb = name.encode()
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(comp), size, len(nb), 0) + nb + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(comp), size,
                               len(nb), 0, 0, 0, 0, 0, off) + nb
    cd = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd, 0)
    return bytes(out)


def members_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def with_sheet_xml(base: dict, head: bytes, tail: bytes, pad_mib: int = 0, declared=None) -> bytes:
    """A copy of a workbook whose sheet1.xml is ``head``, ``pad_mib`` MiB of
    spaces, ``tail``, optionally with a lying declared size.  The padding is
    deflated once per MiB and repeated (independent full-flushed blocks), so a
    gigabyte of XML is never made in memory or compressed twice."""
    mib = b" " * (1 << 20)

    def part(data):
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)
    pad, crc = part(mib), zlib.crc32(head)
    for _ in range(pad_mib):
        crc = zlib.crc32(mib, crc)
    crc = zlib.crc32(tail, crc)
    comp = part(head) + pad * pad_mib + part(tail) + b"\x03\x00"      # an empty final block ends the stream
    size = len(head) + (pad_mib << 20) + len(tail)
    out = []
    for name, data in base.items():
        if name == "xl/worksheets/sheet1.xml":
            out.append((name, comp, crc, size if declared is None else declared))
        else:
            out.append((name, deflate(data), zlib.crc32(data), len(data)))
    return raw_zip(out)


def write_bytes(name: str, data: bytes) -> Path:
    path = HERE / name
    path.write_bytes(data)
    return path


# ---- good files: every layout and every odd value ---------------------------------------------------------
def yearbook_chengdu():
    """Yearbook layout, one unit: title row merged over the table, a 单位 line,
    a blank row, a header with years written 2020年 / "2022" / 2023.0, a unit
    column, a section heading, odd values, a hidden row and a hidden column,
    footnotes."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "成都"
    ws["A1"] = "成都市主要经济指标（2020—2023年）"
    ws.merge_cells("A1:G1")
    ws["A2"] = "单位：亿元"
    rows = [
        [],
        ["指标", "单位", "2020年", "2021年", "2022", 2023.0, "备注", "2024年"],
        ["地区生产总值", "亿元", "17,716.7", 19917, "２０，８１７．５", 22074.7, None, 23511.3],
        ["一、创新"],
        ["R&D经费投入强度（%）", None, "3.1%", "3.2%", "—", "…", None, 3.3],
        ["常住人口", "万人", 2094.7, "n/a", "2119.2", "12..3", "初步数", 2147.0],
        ["净出口", None, "(1,234)", "-56.5", "-", "NA", None, 11.0],
        ["隐藏指标", "亿元", 1, 2, 3, 4, None, 5],
        [],
        ["注：2022年数据为初步核算数。"],
        ["资料来源：《成都统计年鉴》。"],
    ]
    for r in rows:
        ws.append(r)
    ws.row_dimensions[10].hidden = True
    ws.column_dimensions["H"].hidden = True
    save(wb, "yearbook_chengdu.xlsx")


def yearbook_sheets():
    """Yearbook layout, one sheet per unit (sheet name = unit), blank top-left
    header cell, units in the labels; a notes sheet and an empty sheet."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "本工作簿为测试数据。"
    ws["A2"] = "各表为一个城市。"
    data = {"成都": [[19917, 20817.5, 22074.7], [2119.2, 2126.8, 2140.3]],
            "重庆": [[27894.0, 29129.0, 30145.8], [3212.4, 3213.3, 3191.4]]}
    for unit, (gdp, pop) in data.items():
        s = wb.create_sheet(unit)
        s.append([None, 2021, 2022, 2023])
        s.append(["GDP（亿元）"] + gdp)
        s.append(["人口（万人）"] + pop)
    wb.create_sheet("空表")
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden.append([None, 2021, 2022])
    hidden.append(["GDP（亿元）", 1, 2])
    save(wb, "yearbook_sheets.xlsx")


def yearbook_unitcol():
    """Yearbook layout with a unit column (地区) and a 单位 column of units of measure."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "川渝"
    for r in (["地区", "指标", "单位", 2022, 2023],
              ["成都", "GDP", "亿元", 20817.5, 22074.7],
              ["成都", "人口", "万人", 2126.8, 2140.3],
              ["重庆", "GDP", "亿元", 29129.0, 30145.8],
              ["重庆", "人口", "万人", 3213.3, 3191.4]):
        ws.append(r)
    save(wb, "yearbook_unitcol.xlsx")


def units_by_indicators():
    """Units as rows, indicators as columns, a year column; a title, a two-row
    header (merged group headings above), a units row under the header,
    full-width digits, a percentage, a footnote."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "面板"
    ws["A1"] = "川渝地区主要指标"
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["C2"], ws["E2"] = "地区", "年份", "经济", "社会"
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("C2:D2")
    ws["C3"], ws["D3"], ws["E3"] = "地区生产总值", "人均GDP", "城镇化率"
    rows = [[None, None, "亿元", "元", "%"],
            ["成都", 2022, 20817.5, "94,622", 79.9],
            ["成都", "2023年", 22074.7, 103465, "80.5%"],
            ["重庆", 2022, "２９１２９", 90663, 70.96],
            ["重庆", 2023, 30145.8, 94135, "—"],
            [],
            ["注：城镇化率为常住人口城镇化率。"]]
    for r in rows:
        ws.append(r)
    save(wb, "units_by_indicators.xlsx")


def units_by_year_sheets():
    """Units as rows, one sheet per year (sheet names 2021年, 2022, 2023)."""
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    data = {"2021年": ([19917, 2119.2], [27894.0, 3212.4]),
            "2022": ([20817.5, 2126.8], [29129.0, 3213.3]),
            "2023": ([22074.7, 2140.3], [30145.8, 3191.4])}
    for year, (cd, cq) in data.items():
        s = wb.create_sheet(year)
        s.append(["城市", "GDP", "人口"])
        s.append(["成都"] + cd)
        s.append(["重庆"] + cq)
    save(wb, "units_by_year_sheets.xlsx")


def long_zh():
    """Long layout with Chinese headers; a repeated value (same) and a conflicting one."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "长表"
    for r in (["地区", "年份", "指标", "数值"],
              ["成都", 2022, "地区生产总值", 20817.5],
              ["成都", "2023年", "地区生产总值", "22,074.7"],
              ["重庆", 2022, "地区生产总值", 29129],
              ["重庆", 2023, "地区生产总值", 30145.8],
              ["成都", 2022, "常住人口", 2126.8],
              ["成都", 2023, "常住人口", "…"],
              ["重庆", 2022, "常住人口", 3213.3],
              ["重庆", 2023, "常住人口", 3191.4],
              ["成都", 2022, "地区生产总值", 20817.5],
              ["重庆", 2023, "常住人口", 3000.0]):
        ws.append(r)
    save(wb, "long_zh.xlsx")


def text_files():
    """CSV: long layout in UTF-8 with BOM; units-by-indicators in GB18030; COINr iData."""
    long_en = ("region,year,indicator,value\r\n"
               "Chengdu,2022,GDP,\"20,817.5\"\r\n"
               "Chengdu,2023,GDP,22074.7\r\n"
               "Chongqing,2022,GDP,29129\r\n"
               "Chongqing,2023,GDP,n/a\r\n"
               "Chengdu,2022,Population,2126.8\r\n"
               "Chengdu,2023,Population,2140.3\r\n"
               "Chongqing,2022,Population,3213.3\r\n"
               "Chongqing,2023,Population,3191.4\r\n")
    write_bytes("long_en_bom.csv", "\ufeff".encode("utf-8") + long_en.encode("utf-8"))
    gb = ("地区,地区生产总值（亿元）,常住人口（万人）,城镇化率（%）\r\n"
          "成都,20817.5,2126.8,79.9\r\n"
          "重庆,29129,3213.3,70.96\r\n"
          "德阳,\"2,816.9\",345.4,58.3\r\n")
    write_bytes("units_gb18030.csv", gb.encode("gb18030"))
    idata = ("uCode,uName,Time,GDPpc,Pop,Urban\n"
             "CD,Chengdu,2022,94622,2126.8,79.9\n"
             "CD,Chengdu,2023,103465,2140.3,80.5\n"
             "CQ,Chongqing,2022,90663,3213.3,70.96\n"
             "CQ,Chongqing,2023,94135,3191.4,71.67\n")
    write_bytes("coinr_idata.csv", idata.encode("utf-8"))


def errors_formulas():
    """A formula without a saved value (as openpyxl writes it), an Excel
    error cell #DIV/0! and an #N/A error cell (missing)."""
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for r in (["region", "GDP", "Growth"],
              ["Chengdu", 22074.7, 6.0],
              ["Chongqing", "=B2*1.3", 6.1],
              ["Deyang", 3017.0, 0.0],
              ["Mianyang", 4038.7, 0.0]):
        ws.append(r)

    def edit(name, data):
        if name == "xl/worksheets/sheet1.xml":
            data, n1 = re.subn(rb'<c r="C4"[^>]*>.*?</c>', b'<c r="C4" t="e"><v>#DIV/0!</v></c>', data)
            data, n2 = re.subn(rb'<c r="C5"[^>]*>.*?</c>', b'<c r="C5" t="e"><f>NA()</f><v>#N/A</v></c>', data)
            assert n1 == 1 and n2 == 1
        return data
    save(wb, "errors_formulas.xlsx", edit)


# ---- bad files ---------------------------------------------------------------------------------------------
def small_workbook():
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["region", "GDP", "Pop"])
    for k in range(40):
        ws.append([f"U{k}", 1000.0 + k, 50.0 + k / 3])
    return save(wb, "bad_source.xlsx")


def bad_files():
    src = small_workbook()
    raw = src.read_bytes()
    base = members_of(src)
    src.unlink()
    write_bytes("bad_truncated.xlsx", raw[: len(raw) // 2])
    # corrupt: the deflated sheet data overwritten in the middle (central directory intact)
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    mid = start + info.compress_size // 3
    write_bytes("bad_corrupt.xlsx", raw[:mid] + bytes((b * 7 + 13) & 0xFF for b in range(64)) + raw[mid + 64:])
    write_bytes("bad_not_excel.xlsx", b"This is a plain text note, not a workbook.\nSaved with the wrong name.\n")
    write_bytes("bad_pdf.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    write_bytes("bad_html.xls", "<html><body><table><tr><td>地区</td><td>GDP</td></tr>"
                                "<tr><td>成都</td><td>22074.7</td></tr></table></body></html>".encode("utf-8"))
    write_bytes("bad_empty_file.xlsx", b"")
    docx = raw_zip([(n, deflate(d), zlib.crc32(d), len(d)) for n, d in
                    (("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
                     ("word/document.xml", b'<?xml version="1.0"?><document/>'))])
    write_bytes("bad_docx_renamed.xlsx", docx)
    from openpyxl import Workbook
    wb = Workbook()
    wb.active.title = "Sheet1"
    save(wb, "bad_empty_sheet.xlsx")
    # zip bombs: sheet1.xml of whitespace between elements (valid XML when expanded)
    sheet = base["xl/worksheets/sheet1.xml"]
    head, tail = sheet.split(b"<sheetData>", 1)
    body, after = tail.split(b"</sheetData>", 1)
    start, end = head + b"<sheetData>" + body, b"</sheetData>" + after
    write_bytes("bad_zipbomb_huge.xlsx", with_sheet_xml(base, start, end, 300))      # 300 MiB declared
    write_bytes("bad_zipbomb_ratio.xlsx", with_sheet_xml(base, start, end, 40))      # 40 MiB at ~1000:1
    write_bytes("bad_zipbomb_lying.xlsx", with_sheet_xml(base, start, end, 200, declared=len(sheet)))
    # the sheet reaches XFD1048576 with two cells: a dense reader would allocate 17 billion cells
    sparse = (head + b"<sheetData><row r=\"1\"><c r=\"A1\" t=\"n\"><v>1</v></c></row>"
              b"<row r=\"1048576\"><c r=\"XFD1048576\" t=\"n\"><v>2</v></c></row></sheetData>" + after)
    sparse = re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", sparse)
    write_bytes("bad_sparse_extent.xlsx", with_sheet_xml(base, sparse, b""))
    # XML entity bomb (billion laughs) in the sheet and in the shared strings
    ents = b"".join(b'<!ENTITY l%d "%s">' % (k, (b"&l%d;" % (k - 1)) * 10 if k else b"lol") for k in range(10))
    dtd = b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [' + ents + b"]>"
    bomb_sheet = dtd + re.sub(rb"^<\?xml[^>]*\?>", b"", sheet).replace(b"<sheetData>", b"<sheetData>", 1)
    bomb_sheet = bomb_sheet.replace(b"<v>1000</v>", b"<v>&l9;</v>", 1)
    write_bytes("bad_entity_bomb.xlsx", with_sheet_xml(base, bomb_sheet, b""))
    ss = (b'<?xml version="1.0"?><!DOCTYPE sst [' + ents + b']><sst xmlns="http://schemas.openxmlformats.org/'
          b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>')
    members = dict(base)
    members["xl/sharedStrings.xml"] = ss
    write_bytes("bad_entity_bomb_strings.xlsx",
                raw_zip([(n, deflate(d), zlib.crc32(d), len(d)) for n, d in members.items()]))
    encrypted(raw)
    write_bytes("bad_ods_repeated.ods", ods_bytes(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>GDP</text:p></table:table-cell>'
        '<table:table-cell office:value-type="float" office:value="2022"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="60000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="float" office:value="1"/>'
        '</table:table-row>'))


def ods_bytes(rows_xml: str, sheet: str = "Sheet1") -> bytes:
    """A minimal OpenDocument spreadsheet made by hand (one sheet)."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{rows_xml}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, method in (("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)):
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = method
            zi.external_attr = 0o600 << 16
            z.writestr(zi, data.encode("utf-8"))
    return buf.getvalue()


def encrypted(plain: bytes):
    """A really password-protected workbook (password 'secret'): an OLE
    container with EncryptionInfo and EncryptedPackage streams."""
    out = HERE / "bad_encrypted.xlsx"
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
        import msoffcrypto.method.ecma376_agile as agile
    except ImportError:
        print("msoffcrypto-tool not installed: keeping the committed bad_encrypted.xlsx", file=sys.stderr)
        return
    counter = [0]

    def token_bytes(n):              # a seeded salt / key so the file is reproducible
        counter[0] += 1
        return bytes((counter[0] * 31 + k * 7) & 0xFF for k in range(n))
    old = agile.secrets.token_bytes
    agile.secrets.token_bytes = token_bytes
    try:
        buf = io.BytesIO()
        OOXMLFile(io.BytesIO(plain)).encrypt("secret", buf)
    finally:
        agile.secrets.token_bytes = old
    out.write_bytes(_zero_ole_times(buf.getvalue()))


def _zero_ole_times(data: bytes) -> bytes:
    """Zero the creation / modification times of every OLE directory entry
    (the compound-file writer stamps the current time)."""
    b = bytearray(data)
    ssz = 1 << struct.unpack_from("<H", b, 0x1E)[0]
    difat = [x for x in struct.unpack_from("<109I", b, 0x4C) if x < 0xFFFFFFFA]
    fat = []
    for s in difat:
        fat.extend(struct.unpack_from(f"<{ssz // 4}I", b, 512 + s * ssz))
    sector = struct.unpack_from("<I", b, 0x30)[0]
    seen = set()
    while sector < 0xFFFFFFFA and sector not in seen:
        seen.add(sector)
        base = 512 + sector * ssz
        for e in range(base, base + ssz, 128):
            b[e + 100:e + 116] = bytes(16)
        sector = fat[sector]
    return bytes(b)


# ---- files written by LibreOffice --------------------------------------------------------------------------
def libreoffice():
    """Convert some of the files above with LibreOffice headless: .ods, .xls,
    and .xlsx re-saved by LibreOffice (openpyxl .xlsx -> .ods -> .xlsx)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("LibreOffice not found: keeping the committed lo_* files", file=sys.stderr)
        return
    jobs = [("units_by_indicators.xlsx", "ods", "lo_units_by_indicators.ods"),
            ("units_by_indicators.xlsx", "xls", "lo_units_by_indicators.xls"),
            ("yearbook_sheets.xlsx", "ods", "lo_yearbook_sheets.ods"),
            ("long_zh.xlsx", "xls", "lo_long_zh.xls"),
            ("yearbook_chengdu.xlsx", "ods", "lo_yearbook_chengdu.ods"),
            ("lo_units_by_indicators.ods", "xlsx", "lo_units_by_indicators_resaved.xlsx")]
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        for src, fmt, dst in jobs:
            work = Path(tmp) / "out"
            work.mkdir(exist_ok=True)
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                            "--outdir", str(work), str(HERE / src)], check=True, capture_output=True, timeout=180)
            made = work / (Path(src).stem + "." + fmt)
            shutil.move(str(made), HERE / dst)
            if fmt in ("ods", "xlsx"):
                normalise_zip(HERE / dst, _fix_dates)


def _fix_dates(name, data):
    if name in ("meta.xml", "docProps/core.xml", "docProps/app.xml"):
        data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?", b"2024-01-01T00:00:00Z", data)
        data = re.sub(rb"PT\d+S|P\d+DT\d+H\d+M\d+S|PT\d+H\d+M\d+S", b"PT0S", data)
    return data


DETERMINISTIC = (yearbook_chengdu, yearbook_sheets, yearbook_unitcol, units_by_indicators, units_by_year_sheets,
                 long_zh, text_files, errors_formulas, bad_files)


def main(out: Path | None = None, with_libreoffice: bool = True) -> None:
    global HERE
    if out is not None:
        HERE = Path(out)
        HERE.mkdir(parents=True, exist_ok=True)
    for fn in DETERMINISTIC:
        fn()
    if with_libreoffice:
        libreoffice()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    for p in sorted(HERE.iterdir()):
        if p.suffix != ".py":
            print(f"{p.stat().st_size:>10,}  {p.name}")
