"""Rows read straight from a SQLite file's pages, for salvaging a damaged archive.

This module owns reading SQLite's file format (https://sqlite.org/fileformat.html)
without SQLite: every table b-tree leaf page of a database file (and of its WAL, the
latest committed copy of each page winning) is decoded cell by cell, overflow chains
followed, and each row that decodes whole is yielded with its page and rowid. It is
what ``reporter.salvage`` falls back on where the ``sqlite3`` shell's ``.recover``
cannot run: Debian 12's sqlite3 3.40.1 links a libsqlite3 built without
``SQLITE_ENABLE_DBPAGE_VTAB``, and ``.recover`` reads pages through that
``sqlite_dbpage`` table ("sql error: SQL logic error"). Like ``.recover``, it walks
no b-tree from a root: a damaged interior page or schema loses no leaf, and the rows
are told apart by their shape (``reporter.salvage``), as ``.recover`` does for its
``lost_and_found`` rows. Pages on the freelist are skipped (``.recover
--ignore-freelist``): they hold rows deleted on purpose.

Others call ``leaf_rows(db_path)``, which yields ``LeafRow``s and never writes.
"""

from __future__ import annotations

import mmap
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LeafRow", "leaf_rows"]

HEADER_MAGIC = b"SQLite format 3\x00"
# Page sizes SQLite allows (powers of two, 512 to 65536); tried in this order when
# the header's own is unreadable (errtrail archives use 65536: collector.archive).
PAGE_SIZES = (65536, 4096, 1024, 2048, 8192, 16384, 32768, 512)
LEAF_TABLE = 0x0D  # b-tree page type byte of a table leaf
WAL_MAGICS = (0x377F0682, 0x377F0683)
WAL_HEADER, WAL_FRAME_HEADER = 32, 24
# A record with more fields than this is no errtrail row (runs has 49 columns).
MAX_FIELDS = 128


@dataclass(frozen=True)
class LeafRow:
    """One row of a table leaf page: where it was, its rowid, its fields' values."""

    pgno: int
    rowid: int
    values: tuple[object, ...]


def varint(buf: bytes | mmap.mmap, at: int) -> tuple[int, int]:
    """SQLite's big-endian varint at ``at``: its value and the offset after it.

    >>> varint(b"\\x81\\x00", 0), varint(b"\\x7f", 0)
    ((128, 2), (127, 1))
    """
    value = 0
    for i in range(8):
        byte = buf[at + i]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    return (value << 8) | buf[at + 8], at + 9


class _Pages:
    """The database's pages: the file's, each replaced by its latest committed WAL frame."""

    def __init__(self, data: bytes | mmap.mmap, wal: bytes | None) -> None:
        self.data = data
        self.size, self.usable = _page_geometry(data)
        self.count = len(data) // self.size
        self.wal: dict[int, bytes] = _wal_pages(wal, self.size) if wal else {}
        if self.wal:
            self.count = max(self.count, max(self.wal))

    def page(self, pgno: int) -> bytes | None:
        if pgno in self.wal:
            return self.wal[pgno]
        start = (pgno - 1) * self.size
        if pgno < 1 or start + self.size > len(self.data):
            return None  # past the end of a truncated file
        return bytes(self.data[start : start + self.size])

    def freelist(self) -> set[int]:
        """Pages on the freelist, as far as its trunk chain can be followed."""
        first = self.page(1)
        if first is None or first[:16] != HEADER_MAGIC:
            return set()
        free: set[int] = set()
        trunk = struct.unpack(">I", first[32:36])[0]
        while 1 < trunk <= self.count and trunk not in free:
            page = self.page(trunk)
            if page is None:
                break
            free.add(trunk)
            nxt, n = struct.unpack(">II", page[:8])
            if n > (self.usable - 8) // 4:
                break
            free.update(struct.unpack(f">{n}I", page[8 : 8 + 4 * n]))
            trunk = nxt
        return free


def _page_geometry(data: bytes | mmap.mmap) -> tuple[int, int]:
    """Page size and usable size from the header, else the likeliest size."""
    if len(data) >= 100 and bytes(data[:16]) == HEADER_MAGIC:
        size = struct.unpack(">H", data[16:18])[0]
        size = 65536 if size == 1 else size
        if size in PAGE_SIZES:
            return size, size - data[20]
    def leaves(size: int) -> int:
        return sum(data[o] == LEAF_TABLE for o in range(size, len(data), size))
    size = max(PAGE_SIZES, key=leaves)
    return size, size


def _wal_pages(wal: bytes, page_size: int) -> dict[int, bytes]:
    """The latest copy of each page in the WAL's committed frames (those of the WAL
    header's salts, up to the last commit frame)."""
    if len(wal) < WAL_HEADER or struct.unpack(">I", wal[:4])[0] not in WAL_MAGICS:
        return {}
    size = struct.unpack(">I", wal[8:12])[0] or page_size
    salts = wal[16:24]
    pages: dict[int, bytes] = {}
    pending: dict[int, bytes] = {}
    at = WAL_HEADER
    while at + WAL_FRAME_HEADER + size <= len(wal):
        pgno, commit = struct.unpack(">II", wal[at : at + 8])
        if wal[at + 8 : at + 16] != salts:
            break
        pending[pgno] = wal[at + WAL_FRAME_HEADER : at + WAL_FRAME_HEADER + size]
        if commit:
            pages.update(pending)
            pending = {}
        at += WAL_FRAME_HEADER + size
    return pages


def _value(buf: bytes, at: int, serial: int) -> tuple[object, int]:
    """The value of serial type ``serial`` at ``at`` and its length."""
    if serial == 0:
        return None, 0
    if serial in (8, 9):  # the integers 0 and 1, stored in no bytes
        return serial - 8, 0
    if 1 <= serial <= 6:
        n = (1, 2, 3, 4, 6, 8)[serial - 1]
        return int.from_bytes(buf[at : at + n], "big", signed=True), n
    if serial == 7:
        return struct.unpack(">d", buf[at : at + 8])[0], 8
    if serial >= 12:
        n = (serial - 12) // 2
        raw = buf[at : at + n]
        if serial % 2:
            return raw.decode("utf-8", errors="replace"), n
        return raw, n
    raise ValueError(f"reserved serial type {serial}")


def decode_record(payload: bytes) -> tuple[object, ...]:
    """A record's values; ``ValueError`` when its header and body disagree.

    >>> decode_record(bytes([4, 1, 0x19, 0x10, 7]) + b"stdout" + b"\\x00\\x01")
    (7, 'stdout', b'\\x00\\x01')
    """
    size, at = varint(payload, 0)
    if not 1 <= size <= len(payload):
        raise ValueError("record header out of bounds")
    serials = []
    while at < size:
        serial, at = varint(payload, at)
        serials.append(serial)
    if at != size or len(serials) > MAX_FIELDS:
        raise ValueError("record header overruns")
    values = []
    for serial in serials:
        value, n = _value(payload, at, serial)
        values.append(value)
        at += n
    if at != len(payload):
        raise ValueError("record body does not match its header")
    return tuple(values)


def _payload(pages: _Pages, page: bytes, at: int) -> tuple[int, bytes]:
    """The rowid and whole payload of the leaf cell at ``at`` (overflow followed)."""
    total, at = varint(page, at)
    rowid, at = varint(page, at)
    if rowid >= 1 << 63:
        rowid -= 1 << 64
    u = pages.usable
    most = u - 35
    if total <= most:
        local = total
    else:
        least = (u - 12) * 32 // 255 - 23
        local = least + (total - least) % (u - 4)
        local = local if local <= most else least
    if at + local > len(page):
        raise ValueError("cell overruns its page")
    parts = [page[at : at + local]]
    have = local
    if total > local:
        nxt = struct.unpack(">I", page[at + local : at + local + 4])[0]
        seen: set[int] = set()
        while have < total:
            over = pages.page(nxt) if nxt not in seen else None
            if over is None:
                raise ValueError(f"overflow page {nxt} is missing")
            seen.add(nxt)
            take = min(total - have, u - 4)
            parts.append(over[4 : 4 + take])
            have += take
            nxt = struct.unpack(">I", over[:4])[0]
    return rowid, b"".join(parts)


def _leaf_cells(pages: _Pages, pgno: int, page: bytes) -> Iterator[LeafRow]:
    head = 100 if pgno == 1 else 0
    if page[head] != LEAF_TABLE:
        return
    count = struct.unpack(">H", page[head + 3 : head + 5])[0]
    pointers = page[head + 8 : head + 8 + 2 * count]
    for (at,) in struct.iter_unpack(">H", pointers[: len(pointers) // 2 * 2]):
        if not head + 8 <= at < pages.usable:
            continue
        try:
            rowid, payload = _payload(pages, page, at)
            yield LeafRow(pgno, rowid, decode_record(payload))
        except (ValueError, IndexError, struct.error):
            continue  # a damaged cell: its row is lost


def leaf_rows(db: Path, wal: Path | None = None) -> Iterator[LeafRow]:
    """Every row that decodes whole on a table leaf page of ``db`` (and ``wal``, its
    WAL, when given and present), page by page; freelist pages skipped."""
    wal_bytes = wal.read_bytes() if wal is not None and wal.is_file() else None
    with db.open("rb") as f:
        if f.seek(0, 2) == 0:
            data: bytes | mmap.mmap = b""
        else:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            pages = _Pages(data, wal_bytes)
            free = pages.freelist()
            for pgno in range(1, pages.count + 1):
                page = pages.page(pgno)
                if page is not None and pgno not in free:
                    yield from _leaf_cells(pages, pgno, page)
        finally:
            if isinstance(data, mmap.mmap):
                data.close()
