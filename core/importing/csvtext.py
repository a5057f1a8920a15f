"""The text of an iData / iMeta CSV before pandas parses it: its encoding,
its separator and its header.

UTF-8 (with or without BOM) is tried first; other bytes are given to
charset-normalizer, limited to the two encodings such files come in
(GB18030 from Chinese Excel, Windows-1252 from Western Excel), so
"Zürich" is never read as "Z黵ich".  Text that neither encoding decodes is
refused naming the file and line.  A header that repeats a column name or
is separated by something other than commas is refused too: pandas would
rename the second column ('I1.1') or read one wide column.
"""
from __future__ import annotations

import codecs
import csv
import io
import os

from core.errors import InputError
from core.model.celltext import column_letter
from core.text import tr

# the encodings a CSV that is not UTF-8 is read in, as charset-normalizer names them
LEGACY_ENCODINGS = ("gb18030", "cp1252")

# separators a spreadsheet may have written instead of commas
OTHER_SEPARATORS = (";", "\t", "|")


# what is read of a file to learn its header
HEADER_BYTES = 1 << 16


def decode(path, limit: int | None = None) -> str:
    """The text of ``path``, or of its first ``limit`` bytes (InputError
    naming the file, and the line where no encoding fits)."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            data = f.read() if limit is None else f.read(limit)
    except IsADirectoryError:
        raise InputError(tr("{path}: this is a folder, not a file", path=name)) from None
    except OSError as e:
        raise InputError(tr("{name}: cannot read the file ({reason})", name=name, reason=e.strerror)) from None
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=limit is None)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None:
        return str(best)
    line = _first_bad_line(data)
    raise InputError(tr("{name}, line {line}: the text is neither UTF-8, GB18030 nor Windows-1252; save the file "
                        "as UTF-8 CSV", name=name, line=line))


def _first_bad_line(data: bytes) -> int:
    """The number of the first line that no encoding decodes."""
    for k, raw in enumerate(data.split(b"\n"), start=1):
        for enc in ("utf-8",) + LEGACY_ENCODINGS:
            try:
                raw.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            return k
    return 1


def header_of(text: str) -> list[str]:
    """The column names on the first line of ``text``."""
    return [c.strip() for c in next(csv.reader(io.StringIO(text)), [])]


def check_header(names, where: str) -> None:
    """InputError for a header separated by something other than commas, or
    naming a column twice (both columns named)."""
    names = [str(n).strip() for n in names]
    if len(names) == 1:
        for sep in OTHER_SEPARATORS:
            n = names[0].count(sep)
            if n:
                raise InputError(tr("{where}, line 1: the header has no commas but {n} '{sep}': the separator looks "
                                    "wrong (save the file as comma-separated CSV)", where=where, n=n,
                                    sep="\\t" if sep == "\t" else sep))
    check_unique_columns(names, where)


def check_unique_columns(names, where: str) -> None:
    """InputError naming the first column name that appears twice and both
    of its columns (blank names are not compared)."""
    seen: dict[str, int] = {}
    for k, raw in enumerate(names):
        name = "" if raw is None else str(raw).strip()
        if not name:
            continue
        if name in seen:
            raise InputError(tr("{where}: the column '{column}' appears twice (columns {first} and {second}); "
                                "rename or remove one", where=where, column=name,
                                first=column_letter(seen[name]), second=column_letter(k)), code=name)
        seen[name] = k
