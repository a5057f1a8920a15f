"""The Workbook stream of an .xls file, read with olefile from its OLE2
compound file ([MS-CFB]) exactly as calamine will find it, so that
core/sheets/binary_extent.py scans the bytes calamine then parses.

olefile does the reading; this module adds what a reader of hostile files
needs on top of it, checked before olefile acts on each part:

* the header's geometry is the one calamine reads (512- or 4096-byte
  sectors, 64-byte mini sectors; olefile, like calamine, keeps streams
  below 4096 bytes in the mini stream whatever the header says), and it
  claims no more FAT sectors than the file can hold (olefile would
  otherwise gather a FAT many times the file's size);
* the directory is a chain of at most MAX_DIRECTORY_ENTRIES entries (olefile
  compares each entry with all before it);
* every sector chain read (directory, the stream, and for a short stream
  the mini stream and the mini FAT) stays in the allocation table and ends
  without looping (calamine would follow a loop for ever);
* the stream is the one calamine opens: the first directory entry, in
  directory order, named ``Workbook`` (else ``Book``), which olefile must
  reach by the same name from the root storage with no other of that name.
"""
from __future__ import annotations


import olefile

from core.errors import InputError
from core.sheets.filechecks import details
from core.text import tr

MAX_DIRECTORY_ENTRIES = 10_000        # workbooks hold a few dozen; olefile's checks grow with the square
_END_OF_CHAIN = 0xFFFFFFFE
_STREAM_NAMES = ("Workbook", "Book")  # calamine's order
_ENTRY = 128


class _Damaged(Exception):
    """A compound file this module will not read; the text says why."""


def _chain_length(table, start: int) -> int:
    """Sectors in the chain from ``start`` in ``table`` (FAT or mini FAT);
    :class:`_Damaged` when it leaves the table or loops."""
    n, k, steps = len(table), start, 0
    while k != _END_OF_CHAIN:
        if k >= n:
            raise _Damaged(tr("a sector chain leaves the allocation table (sector {sector})", sector=k))
        steps += 1
        if steps > n:
            raise _Damaged(tr("a sector chain loops"))
        k = table[k]
    return steps


class _CheckedOle(olefile.OleFileIO):
    """olefile's reader with the bounds above checked at the two points
    where it would act on untrusted counts (both public hooks)."""

    def loadfat(self, header):
        if self.sectorsize not in (512, 4096) or self.minisectorsize != 64:
            raise _Damaged(tr("sector size {size}", size=self.sectorsize))
        per_sector = self.sectorsize // 4
        if self.num_fat_sectors > self.nb_sect // per_sector + 110:
            raise _Damaged(tr("{fat:,} FAT sectors in a file of {sectors:,} sectors", fat=self.num_fat_sectors,
                              sectors=self.nb_sect))
        if self.num_mini_fat_sectors > self.nb_sect:
            raise _Damaged(tr("{fat:,} mini FAT sectors in a file of {sectors:,} sectors",
                              fat=self.num_mini_fat_sectors, sectors=self.nb_sect))
        super().loadfat(header)

    def loaddirectory(self, sect):
        sectors = _chain_length(self.fat, sect)
        if sectors * self.sectorsize // _ENTRY > MAX_DIRECTORY_ENTRIES:
            raise _Damaged(tr("a directory of more than {limit:,} entries", limit=MAX_DIRECTORY_ENTRIES))
        super().loaddirectory(sect)


def _first_named(ole) -> tuple[int, str]:
    """(index, name) of the directory entry calamine opens: the first, in
    directory order, whose name is Workbook, else the first named Book."""
    fp = ole.directory_fp
    fp.seek(0)
    raw = fp.read()
    names = [raw[k:k + 64].decode("utf-16-le", "ignore").split("\0", 1)[0]
             for k in range(0, len(raw) - _ENTRY + 1, _ENTRY)]
    for want in _STREAM_NAMES:
        if want in names:
            return names.index(want), want
    raise InputError(tr("not an Excel workbook (the compound file holds no Workbook stream)"))


def _root_entry(ole, sid: int, name: str):
    """The root storage's entry ``sid``, when olefile opens it by ``name``
    (no other entry of the root has that name in any case)."""
    same = [kid for kid in ole.root.kids if kid.name.lower() == name.lower()]
    if len(same) != 1 or same[0].sid != sid:
        raise _Damaged(tr("its {name} stream is not the one entry of that name in the root storage", name=name))
    entry = same[0]
    if entry.entry_type != olefile.STGTY_STREAM:
        raise _Damaged(tr("{name} is not a stream", name=name))
    return entry


def _check_stream_chains(ole, entry) -> None:
    """The chains olefile will follow to read ``entry``: in the FAT, or, for
    a short stream, the mini FAT's and the mini stream's, then its own."""
    if entry.size >= ole.minisectorcutoff:
        _chain_length(ole.fat, entry.isectStart)
        return
    if entry.size == 0:
        return
    _chain_length(ole.fat, ole.first_mini_fat_sector)
    _chain_length(ole.fat, ole.root.isectStart)
    ole.loadminifat()
    _chain_length(ole.minifat, entry.isectStart)


def workbook_stream(path, file: str) -> bytes:
    """The bytes of the .xls Workbook stream calamine will parse; an
    :class:`InputError` naming ``file`` when the compound file is damaged
    or crafted past the bounds above."""
    try:
        with _CheckedOle(path) as ole:
            sid, name = _first_named(ole)
            entry = _root_entry(ole, sid, name)
            _check_stream_chains(ole, entry)
            return ole.openstream([entry.name]).read()
    except InputError as e:
        raise InputError(tr("{file}: {message}", file=file, message=e)) from None
    except _Damaged as e:
        raise InputError(tr("{file}: the workbook is damaged (compound file: {reason})", file=file,
                            reason=e)) from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except (Exception, RecursionError) as e:     # (olefile's own errors, struct and index errors)
        raise InputError(tr("{file}: the workbook is damaged: its storage (an OLE compound file) cannot be "
                            "read{details}", file=file, details=details(e))) from None
