"""Reading one stream of an OLE2 compound file ([MS-CFB]), the container
of .xls workbooks, as calamine finds it (core/sheets/binary_extent.py scans the
Workbook stream before calamine parses it).  Every sector chain is checked
to stay in the file and not to loop; a damaged file is refused by name."""
from __future__ import annotations

import mmap
import struct

import numpy as np

from core.errors import InputError

_END_CHAIN, _FREE = 0xFFFFFFFE, 0xFFFFFFFF


def ole_stream(path, file, names=("Workbook", "Book")) -> bytes:
    """A stream of an OLE2 compound file ([MS-CFB]) as calamine finds it:
    the first directory entry of that name; its sector chain in the FAT
    (from the header's and the chained DIFAT sectors), or in the mini
    stream if it is shorter than 4096 bytes; cut at the stream's size."""
    def damaged(why):
        return InputError(f"{file}: the workbook is damaged (compound file: {why})")

    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as m:
        if len(m) < 512 or m[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise damaged("no OLE2 header")
        shift, mini_shift = struct.unpack_from("<HH", m, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise damaged(f"sector shift {shift}")
        ss = 1 << shift
        dir_start, = struct.unpack_from("<I", m, 48)
        mini_fat_start, = struct.unpack_from("<I", m, 60)
        difat_start, = struct.unpack_from("<I", m, 68)

        def read(k, table, unit, data, base):
            """The bytes of the chain of sectors from k; runs of consecutive sectors sliced at once."""
            ids, n = [], len(table)
            for _ in range(n + 1):
                if k == _END_CHAIN:
                    break
                if k >= n:
                    raise damaged(f"a sector chain leaves the allocation table (sector {k})")
                ids.append(k)
                k = table[k]
            else:
                raise damaged("a sector chain loops")
            if not ids:
                return b""
            ids = np.array(ids, dtype=np.int64)
            cut = np.flatnonzero(np.diff(ids) != 1) + 1
            runs = zip(ids[np.r_[0, cut]].tolist(), (ids[np.r_[cut - 1, len(ids) - 1]] + 1).tolist())
            out = []
            for lo, hi in runs:
                if base + lo * unit >= len(data):
                    raise damaged(f"sector {lo} is past the end of the file")
                out.append(data[base + lo * unit:base + hi * unit])
            return b"".join(out)

        def sector(k):
            return m[(k + 1) * ss:(k + 2) * ss].ljust(ss, b"\0")

        n_sectors = (len(m) - 1) // ss                    # the last one may be cut short
        difat, k = list(struct.unpack_from("<109I", m, 76)), difat_start
        while k not in (_END_CHAIN, _FREE):
            if k >= n_sectors or len(difat) > 109 + n_sectors * ss // 4:
                raise damaged("the DIFAT chain loops or leaves the file")
            ids = struct.unpack(f"<{ss // 4}I", sector(k))
            difat.extend(ids[:-1])
            k = ids[-1]
        fat_sectors = [k for k in difat if k != _FREE]
        if any(k >= n_sectors for k in fat_sectors):
            raise damaged("a FAT sector is past the end of the file")
        fat = np.frombuffer(b"".join(map(sector, fat_sectors)), dtype="<u4").tolist()
        directory = read(dir_start, fat, ss, m, ss)
        entries = []
        for off in range(0, len(directory) - 127, 128):
            e = directory[off:off + 128]
            start, = struct.unpack_from("<I", e, 116)
            size = struct.unpack_from("<I" if ss == 512 else "<Q", e, 120)[0]
            entries.append((e[:64].decode("utf-16-le", "ignore").split("\0", 1)[0], start, size))
        hit = next((e for want in names for e in entries if e[0] == want), None)
        if hit is None:
            raise InputError(f"{file}: not an Excel workbook (the compound file holds no Workbook stream)")
        _, start, size = hit
        if size >= 4096:
            return read(start, fat, ss, m, ss)[:size]
        root = entries[0]
        mini = read(root[1], fat, ss, m, ss)[:root[2]] if root[1] not in (_END_CHAIN, _FREE) else b""
        mini_fat = [] if mini_fat_start in (_END_CHAIN, _FREE) else \
            np.frombuffer(read(mini_fat_start, fat, ss, m, ss), dtype="<u4").tolist()
        return read(start, mini_fat, 64, mini, 0)[:size]
