"""The compiled fast path: runs of whole calls read in C and handed on as columns.

This module owns ``Scanner`` (one per light parser: the intern tables the C scanner
fills, of path keys, execnames, returns and (key, return) groups), ``CallBatch`` (the
columns of the consecutive calls one scan read) and the folds over columns
(``tally``, ``distinct``, ``where`` over batches, so in C only; ``remap``, ``shift``,
also used to merge parts, in C when it is built, else in Python) that
``reporter.analysis`` uses.

The C module (``reporter/_scan.c``, built by ``hatch_build.py`` when the package is
installed) reads a call only when Python's fast path (``StdoutParser._light_call``)
would read it the same way, and stops at anything else, which Python then reads:
records and analyses are the same with or without it (tests compare them). Without
a C compiler at install time, or with ``ERRTRAIL_NO_C=1``, ``SCANNER`` is false and
every call is read in Python (about 10 times slower on short calls);
``errtrail-report --version`` says which (``scan_state``).
"""

from __future__ import annotations

import hashlib
import importlib
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from reporter.records import LightCall

__all__ = ["SCANNER", "WHY_NOT", "CallBatch", "Scanner", "distinct", "remap", "scan_state",
           "shift", "tally", "where"]

# Distinct return texts a scanner interns; a call with another one is read by Python
# (returns that differ from call to call, pointers, would otherwise grow the table
# with every call). The same bound as ``LIMITS.cached_returns``.
RETURNS_INTERNED = 4096


def _load() -> tuple[ModuleType | None, str]:
    """The C module, or ``None`` and why not."""
    if os.environ.get("ERRTRAIL_NO_C", "") not in ("", "0"):
        return None, "ERRTRAIL_NO_C is set"
    try:
        module = importlib.import_module("reporter._scan")
    except ImportError as e:
        return None, f"reporter._scan is not built ({e})"
    source = Path(__file__).with_name("_scan.c")
    if source.exists() and hashlib.sha256(source.read_bytes()).hexdigest() \
            != getattr(module, "SOURCE_SHA256", ""):
        # A checkout whose _scan.c changed since `pip install -e .` built it.
        return None, f"reporter._scan was built from another {source}: pip install -e . again"
    return module, ""


_C: Any
_C, WHY_NOT = _load()
# Whether calls are read in C (else ``WHY_NOT`` says why); ERRTRAIL_NO_C=1 turns it off.
SCANNER = _C is not None


def scan_state() -> str:
    """How this installation reads traces, for ``errtrail-report --version``."""
    return "traces read in C" if _C is not None else f"traces read in Python: {WHY_NOT}"


# A reader of one call again: (buf, pos, final, base, ordinal, line_no) -> (call, end).
Reader = Callable[[bytes, int, bool, int, int, int], "tuple[LightCall, int] | None"]


@dataclass(frozen=True, eq=False)
class CallBatch:
    """Consecutive calls read in C: ``calls`` of them from stdout offset ``start`` to
    ``stop``, their first ordinal ``first_ordinal``. Columns, one entry per call:
    ``offsets``/``ends`` (stdout span, from the blank line before the header),
    ``headers`` (the header's stdout line), ``tids``, ``execs`` (ids into the
    scanner's ``exec_list``), ``groups`` (ids into ``pair_list``: (key id, return
    id)); ``returns`` the return texts one after another, ``return_ends`` where each
    ends in it. ``groups_after``/``execs_after``: the table sizes once it was read."""

    scanner: Scanner
    buf: bytes
    base: int
    final: bool
    first_ordinal: int
    start: int
    stop: int
    calls: int
    statements: int
    lines: int
    offsets: array[int]
    ends: array[int]
    headers: array[int]
    tids: array[int]
    execs: array[int]
    groups: array[int]
    returns: bytes
    return_ends: array[int]
    groups_after: int
    execs_after: int

    def call(self, i: int) -> LightCall:
        """The ``LightCall`` of the batch's call ``i``, read again by Python."""
        read = self.scanner.reader(self.buf, self.offsets[i] - self.base, self.final,
                                   self.base, self.first_ordinal + i, self.headers[i] - 1)
        assert read is not None, "the C scanner read a call Python's fast path does not"
        return read[0]

    def values_keys(self, indexes: array[int]) -> list[bytes]:
        """The statement lines of the calls at ``indexes`` without their ``exec[tid] ``
        prefixes (as ``_values_key`` of their records): equal for calls that printed the
        same values."""
        return list(_C.values_keys(self.buf, self.base, self.offsets, self.ends, indexes))


class Scanner:
    """The C scanner's tables for one parser, and its calls."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.keys: dict[bytes, int] = {}
        self.key_list: list[bytes] = []
        self.execs: dict[bytes, int] = {}
        self.exec_list: list[bytes] = []
        self.rets: dict[bytes, int] = {}
        self.ret_list: list[bytes] = []
        self.pairs: dict[int, int] = {}
        self.pair_list: list[tuple[int, int]] = []

    def scan(self, buf: bytes, pos: int, final: bool, limit: int, base: int, line_no: int,
             ordinal: int) -> CallBatch | None:
        """The calls from ``pos`` (a blank line) on that C reads, or ``None``.
        ``limit``: a statement line this long may be cut at MAXSTRINGLEN (Python
        decides it); ``base``/``line_no``/``ordinal``: stdout offset of ``buf[0]``,
        the line at ``pos``, the ordinal of the first call."""
        got = _C.scan(buf, pos, final, limit, base, line_no, self.keys, self.key_list,
                      self.execs, self.exec_list, self.rets, self.ret_list,
                      RETURNS_INTERNED, self.pairs, self.pair_list)
        if got is None:
            return None
        stop, calls, statements, lines, offsets, ends, headers, tids, execs, groups, \
            returns, return_ends = got
        return CallBatch(
            scanner=self, buf=buf, base=base, final=final, first_ordinal=ordinal,
            start=base + pos, stop=base + stop, calls=calls, statements=statements,
            lines=lines, offsets=array("Q", offsets), ends=array("Q", ends),
            headers=array("Q", headers), tids=array("q", tids), execs=array("I", execs),
            groups=array("I", groups), returns=returns, return_ends=array("Q", return_ends),
            groups_after=len(self.pair_list),
            execs_after=len(self.exec_list))


def tally(values: bytes | array[int], n: int) -> tuple[list[int], list[int]]:
    """How often each of ``0..n-1`` occurs in the uint32 array ``values``, and the
    index of its last occurrence (-1: none). Over a ``CallBatch``'s columns: C only
    (tests/test_analysis.py checks the folds).
    """
    counts, last = _C.tally(values, n)
    return list(counts), list(last)


def distinct(a: bytes | array[int], b: bytes | array[int], wide: bool,
             n: int) -> list[list[int]]:
    """For each value ``v`` in ``0..n-1`` of the uint32 column ``a``, the distinct
    values of column ``b`` (int64 when ``wide``) beside it, first seen first. C only.
    """
    return list(_C.distinct(a, b, wide, n))


def where(values: bytes | array[int], value: int) -> array[int]:
    """The indexes at which the uint32 column ``values`` holds ``value``. C only."""
    return array("I", _C.where(values, value))


def remap(values: bytes | array[int], table: array[int]) -> bytes:
    """The uint32 array ``values`` with each ``v`` replaced by ``table[v]``.

    >>> array("I", remap(array("I", [1, 0, 1]), array("I", [7, 9])))
    array('I', [9, 7, 9])
    """
    if _C is not None:
        return bytes(_C.remap(values, table))
    column = values if isinstance(values, array) else array("I", values)
    return array("I", [table[v] for v in column]).tobytes()


def shift(values: bytes | array[int], delta: int, narrow: bool = False) -> bytes:
    """The uint64 array ``values`` with ``delta`` added to each, as uint64 or, when
    ``narrow``, as uint32 (``ValueError`` when one does not fit).

    >>> array("Q", shift(array("Q", [1, 2]), 10))
    array('Q', [11, 12])
    >>> array("I", shift(array("Q", [11, 12]), -10, narrow=True))
    array('I', [1, 2])
    """
    if _C is not None:
        return bytes(_C.shift(values, delta % (1 << 64), narrow))
    column = values if isinstance(values, array) else array("Q", values)
    moved = [v + delta for v in column]
    if narrow and any(not 0 <= v < 1 << 32 for v in moved):
        raise ValueError("a shifted value does not fit 32 bits")
    return array("I" if narrow else "Q", moved).tobytes()
