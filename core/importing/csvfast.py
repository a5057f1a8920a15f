"""The CSV import's fast path: the same :class:`ImportResult` as the
general reading, at about the speed of ``pandas.read_csv``.

The general reading (core.sheets.textfile.text_sheet) turns every cell of
the file into a Python string in a list of rows, and the layout then
parses every value cell one by one.  Here pandas' C parser reads the data
rows into columns, and only what the detection looks at is read as the csv
module reads it (:class:`core.sheets.textfile.LineRows`, one line at a
time):

* the table is found by :func:`core.importing.table.find_table` on the
  first :data:`HEAD_ROWS` rows (its search for the header looks at fewer
  rows than that), and the rest of the file is checked to continue the
  table to its end: no blank line, no footnote, every row as wide;
* label columns (those the header names: unit, year, indicator...) are
  read by pandas as text; value columns pandas read as numbers are taken
  as they are (a number pandas reads is the number Python's ``float``
  reads, which is what :func:`core.model.celltext.parse_values` keeps);
  columns with any other text are parsed cell by cell by
  ``parse_values``, so "1,234", "12%", "..", full-width digits and
  unreadable text read exactly as in the general path;
* any other cell a layout asks for comes from the line it is on.

:func:`csv_table` returns None for anything else (a quoted field across
lines, a ragged row, a blank line or footnote in the data, rows pandas
does not read as the csv module does), and the general path reads the
file.  tests/core/test_import_csv_fast.py checks that both give the same
result on generated files.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import os
import sys

import numpy as np

from core.importing.block import ParsedCells, coded, each
from core.importing.table import HEADER_SEARCH_ROWS, Table, find_table, header_role, may_start_note
from core.importing.roles import sample_positions
from core.model.celltext import is_blank
from core.sheets.cells import Sheet, WorkbookCells, sheet_place
from core.sheets.textfile import LineRows, TextSource, records_are_lines

# rows read as the csv module reads them for the header search; find_table looks at most
# HEADER_SEARCH_ROWS + PLACEHOLDER_ROWS + 16 (276) content rows past the first
HEAD_ROWS = 400
# roles whose columns are labels, read as text
LABEL_ROLES = frozenset({"unit_code", "unit_name", "year", "ind_name", "ind_code", "measure", "note"})
# below this many data cells the general path is as quick (pandas' own set-up costs a few ms, more
# for wide files): the fast path is for the large files where it pays
MIN_CELLS = 50_000
# ... and when pandas is not imported yet (the command line), from this many: importing pandas
# takes 0.5-1 s, which the fast path wins back at about 3-4 microseconds a cell
MIN_CELLS_COLD = 500_000
# up to this much text pandas reads in one go (quicker; larger files in chunks, holding less at once)
WHOLE_READ_CHARS = 8_000_000
ENV = "COINDEX_CSV_FAST"          # "0": always read CSV files the general way (for comparisons)


def enabled() -> bool:
    """Whether the fast path is tried (the environment variable ENV is not "0")."""
    return os.environ.get(ENV, "1") != "0"


def try_table(src: TextSource):
    """:func:`csv_table`, or None when it fails in a way nobody foresaw
    (the general path then reads the file and says what is wrong)."""
    try:
        return csv_table(src)
    except MemoryError:
        raise
    except Exception:
        return None


def csv_table(src: TextSource):
    """``(cells, table)`` of a CSV of at least MIN_CELLS data cells whose
    table runs from its header to the end of the file in rows pandas reads
    as the csv module does; None for any other file (the general path
    reads it)."""
    if not records_are_lines(src.text, src.delimiter):
        return None
    rows = LineRows.of(src.text, src.delimiter, HEAD_ROWS)
    if max(map(len, rows.head), default=0) >= csv.field_size_limit():
        return None
    file = os.path.basename(src.path)
    head = Sheet(src.name, rows[:HEAD_ROWS])
    table = find_table(head, None, False, sheet_place(file, src.name))
    shape = _head_shape(table, head)
    if shape is None:
        return None
    d0, width = shape
    if not worth_it((len(rows) - d0) * width, "pandas" in sys.modules):
        return None
    body = Body.of(src, sum(map(len, rows.head[:d0])) + d0)
    if body.may_have_long_line(csv.field_size_limit()):
        return None
    text_cols = [c for c in range(width) if header_role(table.head(c)) in LABEL_ROLES]
    frame = _read_frame(body, src.delimiter, width, text_cols, len(rows) - d0)
    if frame is None:
        return None
    sheet = Sheet(src.name, rows)
    data = list(range(d0, len(rows)))
    bulk = FrameColumns(frame, sheet, data, body)
    if _notes_or_blanks(bulk):
        return None
    rows.expect(sample_positions(data))          # the rows the column sniffing looks at, in one go if at all
    used = [c for c in range(width) if not is_blank(table.head(c)) or _has_content(frame[c])]
    table = dataclasses.replace(table, sheet=sheet, data_rows=data, cols=used, roles=None, sample_rows=None,
                                columns=bulk)
    return WorkbookCells(src.path, src.sha256, "csv", [sheet], [sheet.name]), table


def worth_it(cells: int, pandas_loaded: bool) -> bool:
    """Whether the fast path pays for a table of ``cells`` data cells
    (MIN_CELLS; MIN_CELLS_COLD when pandas would have to be imported first)."""
    return cells >= (MIN_CELLS if pandas_loaded else MIN_CELLS_COLD)


def _head_shape(table: Table | None, head: Sheet):
    """``(first data row, width)`` when the table found in the head has
    its header near the top and data rows from there to the head's end,
    all as wide as the widest row from the header on; else None."""
    if table is None or table.header < 0 or not table.data_rows or table.header >= HEADER_SEARCH_ROWS:
        return None
    d0 = table.data_rows[0]
    if table.data_rows != list(range(d0, len(head.rows))):
        return None                          # a blank row or a footnote within the head
    width = max(len(r) for r in head.rows[table.header:])
    if any(len(r) != width for r in head.rows[d0:]):
        return None
    return d0, width


@dataclasses.dataclass(frozen=True)
class Body:
    """The data rows' text in UTF-8: ``data[start:]`` (the file's own bytes
    when it is UTF-8, not copied)."""
    data: bytes
    start: int

    @classmethod
    def of(cls, src: TextSource, chars: int) -> "Body":
        """The text of ``src`` from character ``chars`` on."""
        if src.utf8 is not None:
            return cls(src.utf8, len(src.text[:chars].encode("utf-8")))
        return cls(src.text[chars:].encode("utf-8"), 0)

    def __len__(self) -> int:
        return len(self.data) - self.start

    def __contains__(self, part: bytes) -> bool:
        return self.data.find(part, self.start) >= 0

    def stream(self):
        """A binary stream of the text (sharing the bytes)."""
        f = io.BytesIO(self.data)
        f.seek(self.start)
        return f

    def may_have_long_line(self, limit: int) -> bool:
        """Whether a line may be ``limit`` bytes long or more (a field that
        long stops the csv module).  Such a line holds a whole stretch of
        ``limit // 2`` bytes at a multiple of that, without a line break: a
        ``find`` per stretch looks at its first line only."""
        step = max(1, limit // 2)
        return any(self.data.find(b"\n", k, k + step) < 0 for k in range(self.start, len(self.data) - step + 1, step))


def _read_frame(body: Body, delimiter: str, width: int, text_cols: list, n: int):
    """The data rows read by pandas' C parser (label columns as text, the
    others as pandas infers them, nothing read as missing) as a dict
    column -> Series, or None when pandas does not read ``n`` rows of
    ``width`` fields."""
    import pandas as pd
    try:
        frame = pd.read_csv(body.stream(), sep=delimiter, header=None, names=list(range(width)),
                            dtype={c: object for c in text_cols}, na_filter=False, engine="c", encoding="utf-8",
                            low_memory=len(body) > WHOLE_READ_CHARS)
    except Exception:           # a row pandas cannot read: the csv module's reading decides
        return None
    if len(frame) != n or frame.shape[1] != width or not isinstance(frame.index, pd.RangeIndex):
        return None             # a line pandas skipped (blank, or spaces only) or read as an index
    frame = {c: frame[c] for c in frame.columns}        # (a DataFrame makes a new Series at each frame[c])
    last = frame[width - 1]     # a row with fewer fields than names has nothing (NaN) in its last column
    if last.dtype.kind not in "iu" and last.isna().any():
        return None             # (nothing else reads as missing here)
    for c, col in frame.items():
        if col.dtype == object and c not in text_cols \
                and pd.api.types.infer_dtype(col, skipna=False) not in ("string", "empty"):
            return None         # numbers and text mixed by pandas' reading in chunks
    if all(_is_text(col) for col in frame.values()):
        blank = np.logical_and.reduce([col.to_numpy() == "" for col in frame.values()])
        if blank.any():
            return None         # a row of blank fields (not a row of the table)
    return frame


def _is_text(col) -> bool:
    return col.dtype.kind not in "biufcmM"


def _notes_or_blanks(bulk: "FrameColumns") -> bool:
    """A first cell that is blank or may start a footnote (the general
    reading then looks further along the row)."""
    if not _is_text(bulk.frame[0]):
        return False            # a number never starts a footnote
    firsts = bulk.distinct(0)[1]
    return "" in firsts or may_start_note(firsts)


def _has_content(col) -> bool:
    return not _is_text(col) or bool((col != "").any())


class FrameColumns:
    """The data rows' columns as pandas read them, answering as
    :class:`core.importing.block.Columns` does: ``columns[c]`` is the
    cells as the csv module reads them (pandas' text, or the lines'), and
    :meth:`values` gives a value column already parsed when pandas read it
    as numbers."""

    def __init__(self, frame, sheet: Sheet, rows: list, body: Body, positions=None):
        self.frame, self.sheet, self.rows = frame, sheet, rows
        self.body = body                    # the data rows' text (an integer column's 0 may be written -0)
        self.positions = positions          # the frame rows kept (None: all)
        self._cols, self._distinct = {}, {}

    def covers(self, rows) -> bool:
        return self.positions is None and (rows is self.rows or rows == self.rows)

    def cells_at(self, c, positions) -> list:
        """The cells of column ``c`` in the rows at ``positions`` (an array)."""
        col = self.frame.get(c)
        if col is not None and _is_text(col) and self.positions is None:
            return col.to_numpy()[positions].tolist()
        got = self[c]
        return [got[j] for j in positions.tolist()]

    def row_numbers(self, rows) -> np.ndarray:
        """``rows`` as an array (all the data rows: a run, as :func:`csv_table` makes them)."""
        if self.covers(rows) and rows:
            return np.arange(rows[0], rows[0] + len(rows), dtype=np.int64)
        return np.asarray(rows, dtype=np.int64)

    def kept_rows(self) -> list:
        return self.rows if self.positions is None else [self.rows[j] for j in self.positions]

    def __getitem__(self, c) -> list:
        got = self._cols.get(c)
        if got is None:
            col = self.frame.get(c)
            if col is not None and _is_text(col):
                got = col.tolist()
                if self.positions is not None:
                    got = [got[j] for j in self.positions]
            else:
                got = [self.sheet.value(r, c) for r in self.kept_rows()]
            self._cols[c] = got
        return got

    def labels(self, c, fn) -> list:
        """``fn`` of every cell of label column ``c``, computed once per
        distinct text (pandas finds them)."""
        col = self.frame.get(c)
        if col is None or not _is_text(col) or self.positions is not None:
            return each(self[c], fn)
        import pandas as pd
        codes, uniques = pd.factorize(col, sort=False, use_na_sentinel=False)
        mapped = np.empty(len(uniques), dtype=object)
        mapped[:] = [fn(v) for v in uniques.tolist()]
        return mapped[codes].tolist()

    def numeric(self, c) -> bool:
        """Whether pandas read every cell of column ``c`` as a number (text
        Python's ``float`` reads too: no cell of it is a label)."""
        col = self.frame.get(c)
        return col is not None and col.dtype.kind in "iuf"

    def distinct(self, c) -> tuple:
        """``(codes, texts)`` of text column ``c``: pandas' factorization,
        the texts in order of first appearance (code -1: a missing cell,
        which na_filter off never gives)."""
        got = self._distinct.get(c)
        if got is None:
            import pandas as pd
            codes, uniques = pd.factorize(self.frame[c].to_numpy(), sort=False)
            got = self._distinct[c] = (codes.astype(np.int64, copy=False), uniques.tolist())
        return got

    def label_codes(self, c, labels_of) -> tuple:
        """``(codes, values)`` as :func:`core.importing.block.coded` gives
        them, the distinct texts found by pandas."""
        col = self.frame.get(c)
        if col is None or not _is_text(col) or self.positions is not None:
            return coded(self[c], labels_of)
        codes, texts = self.distinct(c)
        if len(codes) and codes.min() < 0:          # (na_filter off: no cell reads as missing)
            return coded(self[c], labels_of)
        return codes, labels_of(texts)

    def take(self, positions) -> "FrameColumns":
        base = positions if self.positions is None else [self.positions[j] for j in positions]
        return FrameColumns(self.frame, self.sheet, self.rows, self.body, list(base))

    def values(self, c):
        col = self.frame.get(c)
        if col is not None and col.dtype.kind in "iuf":
            x = col.to_numpy(dtype=float)
            if self.positions is not None:
                x = x[self.positions]
            if np.isfinite(x).all() and not (col.dtype.kind in "iu" and (x == 0).any() and b"-0" in self.body):
                return ParsedCells(x, np.zeros(len(x), dtype=np.uint8), _LineCells(self.sheet, self.kept_rows(), c))
        return self[c]


class _LineCells:
    """The cells of column ``c`` in ``rows``, each read from its line when asked for."""

    def __init__(self, sheet: Sheet, rows: list, c: int):
        self.sheet, self.rows, self.c = sheet, rows, c

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, j):
        return self.sheet.value(self.rows[j], self.c)

    def __iter__(self):
        return (self[j] for j in range(len(self.rows)))
