"""The text of an iData / iMeta CSV before pandas parses it: its encoding
(core.sheets.textcodec: UTF-8, else GB18030 or Windows-1252 as
charset-normalizer judges; text none of them decodes is refused naming the
file and line), its separator and its header.  A header that repeats a
column name or is separated by something other than commas is refused:
pandas would rename the second column ('I1.1') or read one wide column.
"""
from __future__ import annotations

import csv
import io
import os

from core.errors import InputError
from core.model.celltext import column_letter
from core.sheets.textcodec import decode_text, first_bad_line
from core.text import tr

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
    text = decode_text(data, final=limit is None)
    if text is not None:
        return text
    raise InputError(tr("{name}, line {line}: the text is neither UTF-8, GB18030 nor Windows-1252; save the file "
                        "as UTF-8 CSV", name=name, line=first_bad_line(data)))


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
