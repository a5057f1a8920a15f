"""The encoding of a text (CSV) file: UTF-8 (with or without BOM) first;
other bytes go to charset-normalizer, limited to the two encodings such
files come in (GB18030 from Chinese Excel, Windows-1252 from Western
Excel), so "Zürich" is never read as "Z黵ich".  One decoder for ``compute``
(core.importing.csvtext) and ``import`` (core.sheets.readers)."""
from __future__ import annotations

import codecs

# the encodings a text file that is not UTF-8 is read in, as charset-normalizer names them
LEGACY_ENCODINGS = ("gb18030", "cp1252")


def decode_text(data: bytes, final: bool = True) -> str | None:
    """The text of ``data``, or None when no encoding fits.  With ``final``
    False, ``data`` is the start of a file (a character cut at its end is
    no error)."""
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=final)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return None if best is None else str(best)


def first_bad_line(data: bytes) -> int:
    """The number of the first line that no encoding decodes (1 if none)."""
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
