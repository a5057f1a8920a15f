"""The true extent of .xlsb and .xls worksheets, read from their records
before python-calamine reads them.

calamine builds a sheet as one dense rectangle between its first and last
cell (32 bytes a cell), taking each cell's place from its record unchecked.
Measured with calamine 0.37 (python-calamine 0.9.1) under a 3 GB address
space limit, the process aborts ("memory allocation of ... bytes failed",
no Python code can catch it) on an .xlsb sheet with cells at A1 and
XFD1048576 (549,755,813,888 bytes) or at column 2**31 (BIFF12 columns are
32 bits); on an .xls sheet with a NUMBER, RK or LABELSST record at row and
column 65535 (137,438,953,472 bytes: BIFF8 rows and columns are 16 bits),
or whose DIMENSIONS record claims 2**32 rows or a first row after its last
(calamine reserves room for that many cells, its arithmetic wrapping).

calamine parses every sheet of an .xls when it opens the file, an .xlsb
sheet when it is read: :func:`check_xls` checks every sheet of an .xls
before the reader opens it, :func:`check_xlsb` the .xlsb sheets to be read.
A sheet whose rectangle from A1 to its last row and column holds more than
MAX_CELLS cells is refused, as core/sheets/xlsx_extent.py refuses an .xlsx sheet,
and so are sheets past MAX_WORKBOOK_CELLS together (2,000 sheets of a
million cells each in a 43 kB .xls abort calamine too).  BrtWsDim (.xlsb) is not trusted; the .xls DIMENSIONS record
is checked because calamine trusts it.

Both formats are chains of records, each header giving the next record's
place.  The plain walk, one record at a time in Python, costs 0.5 us a
record (0.13 s for a 20,000 x 12 sheet); :func:`_chain` walks it with
thousands of numpy walkers at once, with the same result: 20,000 x 12
sheets are checked in about 45-60 ms (.xlsb, inflating included) and
35-45 ms (.xls), about what calamine then takes to read them.
"""
from __future__ import annotations

import codecs
import functools
import struct
import zipfile
import zlib
from collections import namedtuple
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from core.sheets.filechecks import MAX_CELLS, refuse_extent, refuse_workbook_total
from core.errors import InputError
from core.sheets.compound import workbook_stream
from core.text import tr

_SPACING, _STEPS, _WALKERS = 512, 64, 2048     # a walker every 512 bytes, 64 records each: 1 MB a round
_AHEAD = 3                                     # walkers after each one looked at for one that goes on
_BRIDGE = 64                                   # records walked one at a time where none goes on (4x a round)
_LOOK = 32                                     # bytes searched for a likely record start for each walker
_PAD = 512                                     # zero bytes after the data: no read runs off its end


class _Bytes:
    """A buffer ending in _PAD zero bytes: as bytes, and for numpy as bytes and as
    the 32-bit words at every byte (an overlapping view: slower to gather from)."""

    def __init__(self, b: bytes):
        self.b = b
        self.u8 = np.frombuffer(b, dtype=np.uint8)
        self.u32 = np.ndarray((len(b) - 3,), dtype="<u4", buffer=b, strides=(1,))

    def u16(self, p):
        return self.u8[p] | (self.u8[p + 1].astype(np.int64) << 8)

    def window(self, base: int, rows: int, spacing: int) -> np.ndarray:
        """w[k, i] = the byte at base + k * spacing + i, i < _LOOK + 4."""
        return np.ndarray((rows, _LOOK + 4), dtype=np.uint8, buffer=self.b, offset=base, strides=(spacing, 1))


# how a record format is walked: step(d, p) gives the next records' places for an array of places,
# step_one(b, p) for one; likely(d, base, w) guesses which of the _LOOK places after each base start a
# record (w: their bytes), to place walkers (a guess never decides a result)
_Format = namedtuple("_Format", "step step_one likely")


def _chain(d: _Bytes, start: int, limit: int, fmt: _Format, stop=None):
    """The positions of the records chained from ``start`` (a record's
    position) that lie below ``limit``, in order, and the first position at
    or past it; ``stop(positions)`` may end the walk after a round.  Rounds
    of walkers (:func:`_round`); one that ends early (records longer than
    the walkers' spacing, or crafted data) is followed by a stretch walked
    one record at a time that costs about what a round does, so no data
    costs much more than twice the plain walk."""
    parts, p, slow = [], start, 0
    while p < limit:
        k0 = len(parts)
        if slow:
            seq = []
            while p < limit and len(seq) < slow:
                seq.append(p)
                p = fmt.step_one(d.b, p)
            parts.append(np.array(seq, dtype=np.int64))
        if p < limit:
            got, y = _round(d, p, limit, fmt)
            parts.append(got)
            slow = 0 if y - p >= _SPACING * _WALKERS // 4 or y >= limit else 4 * _WALKERS
            p = y
        if stop is not None and any(len(q) and stop(q) for q in parts[k0:]):
            break
    return (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)), p


def _round(d: _Bytes, p: int, limit: int, fmt: _Format):
    """One round from the exact position p: (the chain's positions it
    found, below limit; the next exact position).

    A walker every _SPACING bytes, the first at p, each other at a likely
    record start near its place, all moved _STEPS records: one started
    inside a record soon lands on the chain and goes its way from there.
    The chain is read off the walks: where a walker went through the exact
    walker's last position, it is exact from there (of those, the one that
    got there at the earliest step, so goes furthest); and so on.  Where no
    walker goes on, records are walked one at a time until one does."""
    base = np.arange(p + _SPACING, min(limit, p + _SPACING * _WALKERS), _SPACING, dtype=np.int64)
    ok = fmt.likely(d, base, d.window(p + _SPACING, len(base), _SPACING))
    starts = np.concatenate([[p], np.minimum(base + ok.argmax(axis=1), limit - 1)])
    n_w = len(starts)
    walk = np.empty((_STEPS, n_w), dtype=np.int64)            # walk[step, walker]
    walk[0] = starts
    for j in range(1, _STEPS):                                # a walker past the limit stays at it
        np.minimum(fmt.step(d, walk[j - 1]), limit, out=walk[j])
    last = walk[-1]
    succ, at = np.full(n_w, -1, dtype=np.int64), np.full(n_w, _STEPS, dtype=np.int64)
    for k in range(1, min(_AHEAD, n_w - 1) + 1):              # walker i + k through walker i's last place?
        hit = walk[:, k:] == last[None, :-k]
        step_at = np.where(hit.any(axis=0), hit.argmax(axis=0), _STEPS)
        better = (step_at < at[:-k]) & (last[k:] > last[:-k])
        at[:-k] = np.where(better, step_at, at[:-k])
        succ[:-k] = np.where(better, np.arange(k, n_w), succ[:-k])
    succ_l, at_l, last_l = succ.tolist(), at.tolist(), last.tolist()
    reach = max(last_l[-2 * _AHEAD:])                         # past it, no walker can go on
    path, path_from, bridges, i, c, mixed = [], [], [], 0, 0, False
    while i >= 0:                                             # walker i is exact from step c
        path.append(i)
        path_from.append(c)
        y = last_l[i]
        if succ_l[i] >= 0:
            i, c = succ_l[i], at_l[i]
            continue
        i, budget = -1, min(_BRIDGE, 4 * _BRIDGE - len(bridges))
        while budget > 0 and y < min(limit, reach):
            budget -= 1
            bridges.append(y)
            y = fmt.step_one(d.b, y)
            i, c = _through(walk, starts, last, y)
            if i >= 0:
                mixed = True                                  # walkers' places after these: sort
                break
    path, path_from = np.array(path), np.array(path_from)
    length = _STEPS - 1 - path_from                           # each path walker's places, walker by walker
    step_of = np.arange(length.sum()) + np.repeat(path_from - (np.cumsum(length) - length), length)
    got = walk.ravel()[step_of * n_w + np.repeat(path, length)]
    if bridges:
        got = np.concatenate([got, np.array(bridges, dtype=np.int64)])
        if mixed:
            got.sort()
    got = got[got < limit]
    if y >= limit and len(got):                               # the true place, not the limit
        y = fmt.step_one(d.b, int(got[-1]))
    return got, y


def _through(walk, starts, last, y):
    """(walker, step) of a walker started shortly before place y that goes
    through it (at the earliest step) and further; (-1, -1) if none."""
    hi = int(np.searchsorted(starts, y, side="right"))
    lo = max(0, hi - 2 * _AHEAD)
    hit = (walk[:, lo:hi] == y) & (last[lo:hi] > y)[None, :]
    if not hit.any():
        return -1, -1
    t, j = np.unravel_index(np.argmax(hit), hit.shape)
    return lo + int(j), int(t)


@functools.lru_cache(maxsize=None)
def _read_ahead():
    """One thread that inflates the next chunk while the last is walked (zlib lets go of the GIL)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="coindex-xlsb-read")


def _stream_chain(read, fmt, visit, chunk=1 << 20):
    """Follow a record chain through a stream read ``chunk`` bytes at a time
    (bounded memory: two chunks), calling ``visit(d, positions)`` for each.
    A record is counted in the chunk that holds its header and first four
    payload bytes (10 bytes at most)."""
    carry, skip = b"", 0
    ahead = _read_ahead().submit(read, chunk)
    try:
        while True:
            data = ahead.result()
            final = not data
            if not final:
                ahead = _read_ahead().submit(read, chunk)
            if skip and data:
                cut = min(skip, len(data))
                data, skip = data[cut:], skip - cut
                if not data:
                    continue
            d = _Bytes(carry + data + bytes(_PAD))
            n = len(d.b) - _PAD
            limit, nxt = (n if final else n - 10), 0
            if limit > 0:
                pos, nxt = _chain(d, 0, limit, fmt)
                if len(pos):
                    visit(d, pos)
            if final:
                return
            carry, skip = (b"", nxt - n) if nxt >= n else (d.b[nxt:n], 0)
    finally:                                   # the stream is not closed under a read
        ahead.cancel() or ahead.exception()


# ---- .xlsb ----------------------------------------------------------------------------------------------
def _xlsb_header(d, p):
    """(type, header length, payload size) of the BIFF12 records at p, read
    as calamine reads them: the type 1 or 2 bytes, the size 1 to 4 bytes,
    7 bits a byte, the high bit saying another byte follows."""
    b = d.u16(p)
    two = (b >> 7) & 1
    typ = np.where(two == 1, (b & 127) | ((b >> 8) & 127) << 7, b & 255)
    s = d.u32[p + 1 + two].astype(np.int64)
    m1 = (s >> 7) & 1
    m2 = m1 & (s >> 15)
    m3 = m2 & (s >> 23)
    size = (s & 127) + m1 * ((s >> 8 & 127) << 7) + m2 * ((s >> 16 & 127) << 14) + m3 * ((s >> 24 & 127) << 21)
    return typ, 2 + two + m1 + m2 + m3, size


def _xlsb_step(d, p):
    t, size = d.u8[p], d.u8[p + 1]
    nxt = p + 2 + size                                 # a 1-byte type and size: nearly every record
    odd = np.flatnonzero((t | size) & 0x80)
    if len(odd):
        _, hl, size = _xlsb_header(d, p[odd])
        nxt[odd] = p[odd] + hl + size
    return nxt


def _xlsb_record(b, p):
    """(type, payload start, next record) of the record at p."""
    typ, q = (b[p] & 127 | (b[p + 1] & 127) << 7, p + 2) if b[p] & 0x80 else (b[p], p + 1)
    size = k = 0
    while True:
        size |= (b[q + k] & 127) << 7 * k
        if not b[q + k] & 0x80 or k == 3:
            return typ, q + k + 1, q + k + 1 + size
        k += 1


_XLSB_LIKELY = np.zeros(1 << 16, dtype=bool)          # [size byte << 8 | type byte] of cell and row records
_XLSB_LIKELY[np.arange(17, 128, 8) << 8] = True      # BrtRowHdr: 17 bytes + 8 a column span
_XLSB_LIKELY[[8 << 8 | 1, 12 << 8 | 2, 9 << 8 | 3, 9 << 8 | 4, 16 << 8 | 5, 12 << 8 | 7]] = True
_XLSB_LIKELY[np.arange(12, 128, 2) << 8 | 6] = True  # BrtCellSt
_XLSB_LIKELY[(np.arange(18, 128)[:, None] << 8 | np.arange(8, 12)).ravel()] = True   # formulas


def _xlsb_likely(d, base, w):
    """A cell or row record, and another right after it."""
    ok = _XLSB_LIKELY[(w[:, 1:_LOOK + 1].astype(np.intp) << 8) | w[:, :_LOOK]]
    k, i = np.nonzero(ok)
    ok[k, i] = _XLSB_LIKELY[d.u16(base[k] + i + 2 + w[k, i + 1])]
    return ok


_XLSB = _Format(_xlsb_step, lambda b, p: _xlsb_record(b, p)[2], _xlsb_likely)


class _SheetExtent:
    """Rows (BrtRowHdr's rw + 1; a cell before any BrtRowHdr is in row 0)
    and columns (the col field of BrtCellBlank ... BrtFmlaError, types 1 to
    11, + 1) of a worksheet part.  Types 0 to 11 are these records only, so
    every one in the part counts: a superset of what calamine reads between
    BrtBeginSheetData and BrtEndSheetData."""

    rows = cols = 0

    def visit(self, d, pos):
        t, size = d.u8[pos], d.u8[pos + 1]
        odd = np.flatnonzero((t | size) & 0x80)        # a 2-byte type or a long size: rare
        groups = [(pos + 2, t)]                        # (where the first field is, record type)
        if len(odd):
            typ, hl, _ = _xlsb_header(d, pos[odd])
            t = t.copy()
            t[odd] = 255                               # counted in their own group
            groups = [(pos + 2, t), (pos[odd] + hl, typ)]
        for at, typ in groups:
            row, cell = typ == 0, (typ >= 1) & (typ <= 11)
            if row.any():
                self.rows = max(self.rows, int(d.u32[at[row]].max()) + 1)
            if cell.any():
                self.rows = max(self.rows, 1)
                self.cols = max(self.cols, int(d.u32[at[cell]].max()) + 1)


def xlsb_sheet_extent(z, part) -> tuple[int, int]:
    """(rows, columns) from A1 of one worksheet part of an open .xlsb zip, streamed."""
    ext = _SheetExtent()
    with z.open(part) as f:
        _stream_chain(f.read, _XLSB, ext.visit)
    return ext.rows, ext.cols


def xlsb_sheet_parts(z) -> dict:
    """Sheet name -> worksheet part, from xl/workbook.bin's BrtBundleSh
    records and xl/_rels/workbook.bin.rels, as calamine finds them ("xl/"
    and the relationship's target)."""
    from defusedxml import ElementTree as DET
    try:
        rels = DET.fromstring(z.read("xl/_rels/workbook.bin.rels"))
        with z.open("xl/workbook.bin") as f:
            book = f.read(16 << 20) + bytes(_PAD)       # the sheet list comes first in a small part
    except Exception:
        return {}
    targets = {r.get("Id"): "xl/" + r.get("Target", "") for r in rels if r.tag.endswith("Relationship")}
    out, p = {}, 0
    try:
        while p < len(book) - _PAD:
            typ, q, p = _xlsb_record(book, p)
            if typ == 144:                              # BrtEndBundleShs
                break
            if typ == 156 and p - q >= 12:              # BrtBundleSh: state, tab id, rel id, name
                n, = struct.unpack_from("<I", book, q + 8)
                if n == 0xFFFFFFFF:
                    continue
                rid = book[q + 12:q + 12 + 2 * n].decode("utf-16-le", "replace")
                m, = struct.unpack_from("<I", book, q + 12 + 2 * n)
                name = book[q + 16 + 2 * n:q + 16 + 2 * n + 2 * m].decode("utf-16-le", "replace")
                if rid in targets:
                    out.setdefault(name, targets[rid])
    except (IndexError, struct.error):
        pass
    return out


def check_xlsb(z, file: str, sheets) -> dict:
    """Refuse .xlsb sheets past MAX_CELLS, or past MAX_WORKBOOK_CELLS
    together, before calamine reads any (a sheet whose part cannot be told
    is checked against every sheet part).  Returns sheet -> (rows, columns)."""
    where, names, seen, out = xlsb_sheet_parts(z), set(z.namelist()), {}, {}
    every = sorted(n for n in names if n.startswith(("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/"))
                   and n.endswith(".bin"))
    for sheet in sheets:
        rows = cols = 0
        for p in [where[sheet]] if where.get(sheet) in names else every:
            if p not in seen:
                try:
                    seen[p] = xlsb_sheet_extent(z, p)
                except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as e:
                    raise InputError(tr("{file}, sheet '{sheet}': the workbook is damaged (part '{part}': {reason})",
                                        file=file, sheet=sheet, part=p, reason=e)) from None
            refuse_extent(file, sheet, *seen[p])
            rows, cols = max(rows, seen[p][0]), max(cols, seen[p][1])
        out[sheet] = (rows, cols)
    refuse_workbook_total(file, [out[s] for s in sheets])
    return out


# ---- .xls: the Workbook stream ---------------------------------------------------------------------------
_EOF, _BOF, _BOUNDSHEET, _FILEPASS, _CODEPAGE, _DIMENSIONS = 0x000A, 0x0809, 0x0085, 0x002F, 0x0042, 0x0200
# cells at (row u16, col u16): NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA, BLANK, RSTRING, BIFF4 FORMULA
_XLS_CELLS = np.array([0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x0201, 0x00D6, 0x0406])
_MULRK, _MULBLANK = 0x00BD, 0x00BE
_XLS_LIKELY = np.zeros(1 << 16, dtype=bool)           # cells, ROW, DBCELL, STRING, DIMENSIONS, BOF, EOF
_XLS_LIKELY[np.r_[_XLS_CELLS, _MULRK, _MULBLANK, 0x0208, 0x00D7, 0x0207, _DIMENSIONS, _BOF, _EOF]] = True


def _xls_likely(d, base, w):
    """A cell, row or DBCELL record shorter than 256 bytes, and another right after it."""
    ok = _XLS_LIKELY[(w[:, 1:_LOOK + 1].astype(np.intp) << 8) | w[:, :_LOOK]] & (w[:, 3:_LOOK + 3] == 0)
    k, i = np.nonzero(ok)
    ok[k, i] = _XLS_LIKELY[d.u16(base[k] + i + 4 + w[k, i + 2])]
    return ok


_XLS = _Format(lambda d, p: d.u16(p + 2) + (p + 4), lambda b, p: p + 4 + (b[p + 2] | b[p + 3] << 8), _xls_likely)


def _xls_records(d, start, chain):
    """Positions and types of the records from ``start`` to the first EOF
    (not included), as calamine reads a substream: from ``chain`` (every
    record from the stream's start) if ``start`` is on it, else walked."""
    k = int(np.searchsorted(chain, start))
    if k < len(chain) and chain[k] == start:
        pos = chain[k:]
    else:
        pos, _ = _chain(d, start, len(d.b) - _PAD, _XLS, stop=lambda q: bool((d.u16(q) == _EOF).any()))
    typ = d.u16(pos)
    end = np.flatnonzero(typ == _EOF)
    return (pos[:end[0]], typ[:end[0]]) if len(end) else (pos, typ)


def _xls_sheet_extent(d, pos, typ, file, sheet) -> tuple[int, int]:
    """(rows, columns) of a sheet substream: its cell records and its
    DIMENSIONS record (a damaged one, that calamine would reserve more than
    MAX_CELLS cells for, is refused)."""
    rows = cols = 0
    cell = np.isin(typ, _XLS_CELLS)
    mul = np.flatnonzero((typ == _MULRK) | (typ == _MULBLANK))
    if cell.any():
        rows = int(d.u16(pos[cell] + 4).max()) + 1
        cols = int(d.u16(pos[cell] + 6).max()) + 1
    if len(mul):
        mp = pos[mul]
        col_last = d.u16(np.minimum(mp + 2 + d.u16(mp + 2), len(d.b) - 2))   # the record's last two bytes
        rows = max(rows, int(d.u16(mp + 4).max()) + 1)
        cols = max(cols, int(np.maximum(d.u16(mp + 6), col_last).max()) + 1)
    for p in pos[typ == _DIMENSIONS].tolist():
        size = int(d.u16(p + 2))
        if size not in (10, 14):
            continue                                    # calamine refuses the file itself
        rf, rl, cf, cl = struct.unpack_from("<IIHH" if size == 14 else "<HHHH", d.b, p + 4)
        if rl < 1 or cl < 1:
            continue
        if rf >= rl or cf >= cl:                        # calamine reserves (rl - rf) x (cl - cf) cells, mod 2**32
            if ((rl - rf) % 2 ** 32) * ((cl - cf) % 2 ** 32) > MAX_CELLS:
                raise InputError(tr("{file}, sheet '{sheet}': the workbook is damaged (its DIMENSIONS record "
                                    "gives rows {rf}-{rl} and columns {cf}-{cl}: the first after the last)",
                                    file=file, sheet=sheet, rf=rf, rl=rl, cf=cf, cl=cl))
            continue
        rows, cols = max(rows, rl), max(cols, cl)
    return rows, cols


def _sheet_name(data: bytes, biff8: bool, codec: str) -> str:
    """BoundSheet8's name: a ShortXLUnicodeString (BIFF8) or bytes in the code page (BIFF5)."""
    n = data[0] if data else 0
    if biff8 and len(data) > 1:
        return (data[2:2 + 2 * n].decode("utf-16-le", "replace") if data[1] & 1 else
                data[2:2 + n].decode("latin-1")).replace("\0", "")
    return data[1:1 + n].decode(codec, "replace").replace("\0", "")


def check_xls(path, file) -> dict:
    """Refuse an .xls before calamine opens it (and parses every sheet):
    a sheet past MAX_CELLS, a damaged DIMENSIONS record, a sheet starting
    past the end of the Workbook stream (calamine panics there), an
    encrypted workbook.  Returns sheet name -> (rows, columns)."""
    d = _Bytes(workbook_stream(path, file) + bytes(_PAD))
    n = len(d.b) - _PAD
    chain, _ = _chain(d, 0, n, _XLS)                    # every record from the stream's start
    pos, typ = _xls_records(d, 0, chain)                # the workbook globals
    if (typ == _FILEPASS).any():
        raise InputError(tr("{name}: the workbook is password-protected (encrypted); open it in Excel, "
                            "remove the password (File > Info > Protect Workbook) and save it again", name=file))
    biff8, codec = True, "cp1252"
    for p in pos[typ == _BOF][:1].tolist():
        biff8 = int(d.u16(p + 4)) in (0x0600, 0)
    for p in pos[typ == _CODEPAGE][:1].tolist():
        try:
            codec = codecs.lookup(f"cp{int(d.u16(p + 4))}").name
        except LookupError:
            pass
    out, every = {}, []
    for p in pos[typ == _BOUNDSHEET].tolist():
        size = int(d.u16(p + 2))
        if size < 6:
            continue
        start = int(d.u32[p + 4])
        name = _sheet_name(d.b[p + 10:p + 4 + size], biff8, codec)
        if start > n:
            raise InputError(tr("{file}, sheet '{sheet}': the workbook is damaged (the sheet starts at byte "
                                "{start:,} of a {size:,}-byte Workbook stream)", file=file, sheet=name,
                                start=start, size=n))
        rows, cols = _xls_sheet_extent(d, *_xls_records(d, start, chain), file, name)
        refuse_extent(file, name, rows, cols)
        out[name] = (rows, cols)
        every.append((rows, cols))
    refuse_workbook_total(file, every)
    return out

