"""A text (CSV / TSV / TXT) file as a sheet: its checked, decoded text and
its separator (:class:`TextSource`), the csv module's reading of it
(:func:`text_sheet`), and the same rows read one line at a time when asked
for (:class:`LineRows`), which the CSV import's fast path
(core/importing/csvfast.py) uses for the few rows its detection looks at.

:class:`LineRows` gives exactly the csv module's rows only when every
record is one line; :func:`records_are_lines` says when that holds (no
quoted field spans lines, every quote stands where the csv module and
pandas read it alike, no line ends in a lone carriage return).
"""
from __future__ import annotations

import codecs as _codecs
import csv as _csv
import hashlib as _hashlib
import io as _io
import os as _os
import re
from dataclasses import dataclass

from core.errors import InputError
from core.sheets.cells import Sheet, WorkbookCells
from core.sheets.filechecks import details, kind_name, magic_kind
from core.sheets.textcodec import decode_text, first_bad_line
from core.text import tr


@dataclass
class TextSource:
    """A text file read and checked: its path, sha256, decoded text and
    the separator its first line shows."""
    path: str
    sha256: str
    text: str
    delimiter: str
    utf8: bytes | None = None       # the text in UTF-8 as the file holds it (after any BOM), when it is UTF-8

    @property
    def name(self) -> str:
        """The sheet's name: the file's name without its extension."""
        return _os.path.splitext(_os.path.basename(self.path))[0]


def read_source(path, name, ext) -> TextSource:
    """:func:`decode_source` of a file read once (its bytes hashed, their
    kind sniffed and decoded; the size is checked before)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise InputError(tr("{name}: cannot read the file ({reason})", name=name, reason=e.strerror)) from None
    return decode_source(path, name, ext, magic_kind(raw[:4096]), _hashlib.sha256(raw).hexdigest(), raw)


def decode_source(path, name, ext, kind, sha, raw: bytes | None = None) -> TextSource:
    """The text of a file named as text (its bytes ``raw``, read here when
    None), refused (InputError naming the file, and the line where no
    encoding fits) when its content is a workbook, binary, in no encoding
    CoIndex reads, or empty."""
    if kind in ("zip", "ole"):
        raise InputError(tr("{name}: this is an Excel workbook saved with a {ext} name; rename it to .xlsx or .xls",
                            name=name, ext=ext))
    if kind != "text":
        raise InputError(tr("{name}: not a text (CSV) file: it looks like {kind}", name=name, kind=kind_name(kind)))
    if raw is None:
        with open(path, "rb") as f:
            raw = f.read()
    if b"\x00" in raw:
        raise InputError(tr("{name}: not a text (CSV) file (it contains binary data)", name=name))
    try:
        text = raw.decode("utf-8-sig")          # (what decode_text tries first, without its incremental decoder)
        utf8 = raw[len(_codecs.BOM_UTF8):] if raw.startswith(_codecs.BOM_UTF8) else raw
    except UnicodeDecodeError:
        text, utf8 = decode_text(raw), None
    if text is None:
        raise InputError(tr("{name}, line {line}: the text is neither UTF-8, GB18030 nor Windows-1252; save the "
                            "file as UTF-8 CSV", name=name, line=first_bad_line(raw)))
    if not text or text.isspace():
        raise InputError(tr("{name}: the file is empty", name=name))
    return TextSource(path, sha, text, _delimiter(text, ext), utf8)


def _delimiter(text, ext) -> str:
    """Tabs for .tsv; else what the first line holds most of: tabs,
    semicolons or commas."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]       # (not split: that would copy the rest of the text)
    if ext == ".tsv" or ("\t" in first and ("," not in first or first.count("\t") > first.count(","))):
        return "\t"
    if first.count(";") > first.count(","):
        return ";"
    return ","


def text_sheet(src: TextSource) -> Sheet:
    """The rows of the whole text as the csv module reads them."""
    try:
        rows = list(_csv.reader(_io.StringIO(src.text, newline=""), delimiter=src.delimiter))
    except _csv.Error as e:
        raise InputError(tr("{name}: cannot be read as CSV{details}", name=_os.path.basename(src.path),
                            details=details(e))) from None
    return Sheet(src.name, rows)


def text_cells(src: TextSource, sheet: Sheet | None = None) -> WorkbookCells:
    """The :class:`WorkbookCells` of a text file: one sheet (``sheet``, or
    the csv module's reading of the whole text)."""
    sh = sheet if sheet is not None else text_sheet(src)
    return WorkbookCells(src.path, src.sha256, "csv", [sh], [sh.name])


def records_are_lines(text: str, delimiter: str) -> bool:
    """Every record of ``text`` is one line and every quote is a plain
    quoted field (a whole field between the separators, doubled quotes
    inside, no line break): then line k is record k for the csv module and
    for pandas alike.  Lines end in LF or CRLF (a lone CR, which both
    readers take as a line break, is not a line here)."""
    if "\r" in text and text.count("\r") != text.count("\r\n"):
        return False
    if '"' not in text:
        return True
    d = re.escape(delimiter)
    quoted = re.compile(rf'(?:^|(?<={d}))"(?:[^"\r\n]|"")*"(?=[{d}\r\n]|\Z)', re.MULTILINE)
    return '"' not in quoted.sub("", text)


def _first_lines(text: str, k: int) -> list:
    """The first ``k`` lines of ``text`` (it has at least ``k``), the rest not copied."""
    end = 0
    for _ in range(k):
        end = text.find("\n", end) + 1
        if end == 0:
            return text.split("\n")[:k]
    return text[:end].split("\n")[:k]


class LineRows:
    """The rows of a text whose records are lines (:func:`records_are_lines`),
    each read by the csv module when first asked for: ``rows[r]`` is what
    the csv module reads as record ``r`` of the whole text.  The text is
    cut into lines when a row past the first ``head`` lines is asked for
    (a large file's rows may never be: the fast path reads them in bulk)."""

    def __init__(self, text: str, delimiter: str, head: int = 0):
        self.text, self.delimiter, self._rows = text, delimiter, {}
        self._expected = frozenset()
        self._lines = None
        self._count = text.count("\n") + (0 if text == "" or text.endswith("\n") else 1)
        self.head = _first_lines(text, min(head, self._count))

    @classmethod
    def of(cls, text: str, delimiter: str, head: int = 0) -> "LineRows":
        """The rows of ``text``, its first ``head`` lines cut out at once."""
        return cls(text, delimiter, head)

    @property
    def lines(self) -> list:
        """Every line of the text (without the line break that ends the last one)."""
        if self._lines is None:
            lines = self.text.split("\n")
            if lines and lines[-1] == "":        # the line break that ends the last record
                lines.pop()
            self._lines = lines
        return self._lines

    def line(self, r: int) -> str:
        return self.head[r] if r < len(self.head) else self.lines[r]

    def __len__(self) -> int:
        return self._count

    def read(self, positions) -> None:
        """Read the rows at ``positions`` now, all with one csv reader."""
        todo = [r for r in positions if r not in self._rows]
        if todo:
            got = _csv.reader([self.line(r) + "\n" for r in todo], delimiter=self.delimiter)
            self._rows.update(zip(todo, got))

    def expect(self, positions) -> None:
        """The rows at ``positions`` are read together, all with one csv
        reader, when the first of them is asked for (none read until then)."""
        self._expected = frozenset(positions)

    def __getitem__(self, r):
        if isinstance(r, slice):
            picked = range(*r.indices(self._count))
            self.read(picked)
            return [self[k] for k in picked]
        if r < 0:
            r += self._count
        row = self._rows.get(r)
        if row is None and r in self._expected:
            self.read(sorted(self._expected))
            self._expected = frozenset()
            row = self._rows.get(r)
        if row is None:
            if not 0 <= r < self._count:
                raise IndexError(r)
            row = self._rows[r] = next(_csv.reader([self.line(r)], delimiter=self.delimiter), [])
        return row

    def __iter__(self):
        return (self[r] for r in range(self._count))
