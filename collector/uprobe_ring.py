"""Decoding tracefs ring-buffer pages (``trace_pipe_raw``) into events.

This module owns the binary formats of the kernel's ring buffer as tracefs describes
them: ``events/header_page`` (page timestamp, commit count and its lost-event flags,
where the data starts), the compressed event headers (``type_len:5 time_delta:27``;
padding, time extends and absolute time stamps) and each event's ``format`` file
(field offsets, sizes, signedness, ``__data_loc`` strings). Reading raw pages instead
of the text of ``trace_pipe`` spares the kernel the formatting and the reader the
parsing: a fifth of the reader's CPU (measured: ``collector/uprobe.py``).

Others call ``parse_format(text)``, ``PageLayout.parse(header_page_text)`` and
``Decoder(layout, formats)``; ``Decoder.page(data)`` yields ``(timestamp, event id,
values)`` for each event of a page, ``values`` a tuple in the event's field order
(strings as ``str``).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

TYPE_PADDING, TYPE_TIME_EXTEND, TYPE_TIME_STAMP = 29, 30, 31
TS_SHIFT = 27
TS_MSB = 0xF8 << 56
# Flags in the page's commit word: events were lost before this page.
MISSED_EVENTS, MISSED_STORED = 1 << 31, 1 << 30
FIELD = re.compile(
    r"field:(?P<type>[^;]*?)\s+(?P<name>\w+)(?:\[\d*\])?;\s*offset:(?P<offset>\d+);"
    r"\s*size:(?P<size>\d+);\s*signed:(?P<signed>\d+);"
)
UNSIGNED = {1: "B", 2: "H", 4: "I", 8: "Q"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    offset: int
    size: int
    signed: bool

    @property
    def is_string(self) -> bool:
        return self.type.startswith("__data_loc")


@dataclass(frozen=True)
class EventFormat:
    name: str
    id: int
    fields: tuple[Field, ...]


def parse_format(text: str) -> EventFormat:
    """An event's ``format`` file.

    >>> f = parse_format('name: s1\\nID: 2327\\nformat:\\n'
    ...     '\\tfield:unsigned short common_type;\\toffset:0;\\tsize:2;\\tsigned:0;\\n'
    ...     '\\tfield:int common_pid;\\toffset:4;\\tsize:4;\\tsigned:1;\\n\\n'
    ...     '\\tfield:u64 sp;\\toffset:16;\\tsize:8;\\tsigned:0;\\n'
    ...     '\\tfield:__data_loc char[] comm;\\toffset:24;\\tsize:4;\\tsigned:1;\\n')
    >>> f.id, [(x.name, x.offset, x.size, x.signed, x.is_string) for x in f.fields][2:]
    (2327, [('sp', 16, 8, False, False), ('comm', 24, 4, True, True)])
    """
    name = re.search(r"^name:\s*(\S+)", text, re.MULTILINE)
    ident = re.search(r"^ID:\s*(\d+)", text, re.MULTILINE)
    if name is None or ident is None:
        raise ValueError("not an event format: no name or ID")
    fields = tuple(
        Field(m["name"], m["type"].strip(), int(m["offset"]), int(m["size"]), m["signed"] == "1")
        for m in FIELD.finditer(text)
    )
    return EventFormat(name.group(1), int(ident.group(1)), fields)


@dataclass(frozen=True)
class PageLayout:
    """Where a page keeps its timestamp, commit word and data (``header_page``)."""

    timestamp: int = 0
    commit: int = 8
    commit_size: int = 8
    data: int = 16

    @classmethod
    def parse(cls, text: str) -> PageLayout:
        """The layout ``events/header_page`` describes.

        >>> PageLayout.parse('\\tfield: u64 timestamp;\\toffset:0;\\tsize:8;\\tsigned:0;\\n'
        ...     '\\tfield: local_t commit;\\toffset:8;\\tsize:8;\\tsigned:1;\\n'
        ...     '\\tfield: char data;\\toffset:16;\\tsize:4080;\\tsigned:0;\\n')
        PageLayout(timestamp=0, commit=8, commit_size=8, data=16)
        """
        found = {m["name"]: (int(m["offset"]), int(m["size"])) for m in FIELD.finditer(text)}
        ts = found.get("timestamp", (0, 8))
        commit = found.get("commit", (8, 8))
        data = found.get("data", (16, 0))
        return cls(ts[0], commit[0], commit[1], data[0])


class _Event:
    """How to unpack one event id: a struct over its fixed fields, and which of the
    values are ``__data_loc`` strings."""

    def __init__(self, fmt: EventFormat, endian: str) -> None:
        self.format = fmt
        parts: list[str] = []
        decoded: list[Field] = []
        at = 0
        for f in sorted(fmt.fields, key=lambda f: f.offset):
            if f.offset < at:
                continue   # a field overlapping another
            if f.offset > at:
                parts.append(f"{f.offset - at}x")
            code = "I" if f.is_string else UNSIGNED.get(f.size)
            if code is None:
                parts.append(f"{f.size}x")   # arrays and other sizes: not decoded
            else:
                parts.append(code.lower() if f.signed and not f.is_string else code)
                decoded.append(f)
            at = f.offset + f.size
        self.names = [f.name for f in decoded]
        self.strings = [i for i, f in enumerate(decoded) if f.is_string]
        self.struct = struct.Struct(endian + "".join(parts))

    def decode(self, data: bytes, start: int) -> tuple[Any, ...]:
        values = self.struct.unpack_from(data, start)
        if not self.strings:
            return values
        out = list(values)
        for i in self.strings:
            loc = int(out[i])
            at, length = start + (loc & 0xFFFF), loc >> 16
            out[i] = data[at:at + length].rstrip(b"\0").decode("utf-8", "surrogateescape")
        return tuple(out)


class Decoder:
    """Events of ring-buffer pages, for the events in ``formats`` (others are skipped)."""

    def __init__(self, layout: PageLayout, formats: Sequence[EventFormat],
                 endian: str = "<") -> None:
        self.layout = layout
        self.e = endian
        self.events: Mapping[int, _Event] = {f.id: _Event(f, endian) for f in formats}
        self.missed_pages = 0

    def page(self, data: bytes) -> Iterator[tuple[int, int, tuple[Any, ...]]]:
        """``(timestamp, event id, values)`` of each known event of one page, in order."""
        e, lay = self.e, self.layout
        (ts,) = struct.unpack_from(e + "Q", data, lay.timestamp)
        (commit,) = struct.unpack_from(e + ("Q" if lay.commit_size == 8 else "I"), data,
                                       lay.commit)
        if commit & (MISSED_EVENTS | MISSED_STORED):
            self.missed_pages += 1
        end = min(len(data), lay.data + (commit & (MISSED_STORED - 1)))
        at = lay.data
        header = struct.Struct(e + "I")
        while at + 4 <= end:
            (word,) = header.unpack_from(data, at)
            kind, delta = word & 0x1F, word >> 5
            if kind == TYPE_PADDING:
                if delta == 0:
                    return   # the rest of the page is padding
                at += 4 + header.unpack_from(data, at + 4)[0]
                continue
            if kind in (TYPE_TIME_EXTEND, TYPE_TIME_STAMP):
                value = (header.unpack_from(data, at + 4)[0] << TS_SHIFT) | delta
                if kind == TYPE_TIME_EXTEND:
                    ts += value
                else:
                    ts = value | (ts & TS_MSB) if ts & TS_MSB else value
                at += 8
                continue
            ts += delta
            if kind == 0:
                size = header.unpack_from(data, at + 4)[0]
                start, at = at + 8, at + 4 + size
            else:
                start, at = at + 4, at + 4 + kind * 4
            (ident,) = struct.unpack_from(e + "H", data, start)
            event = self.events.get(ident)
            if event is not None:
                yield ts, ident, event.decode(data, start)
