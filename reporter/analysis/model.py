"""What a run's analysis holds: the dataclasses every report reads instead of records.

This module owns ``Analysis`` (a run's trace summed up for reports: its distinct
paths, counts, the records worth showing, its stderr), ``PathSummary`` (one distinct
path), ``CallIndex`` (the path and return of each call, by ordinal) and ``LIMITS``
(every cap that keeps an analysis small). ``reporter.analysis.summary`` builds them
from records; ``reporter.analysis.store`` keeps them in the archive.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from collector.archive import Message
from reporter.errnos import err_ptr_errno, name_of
from reporter.parse import incomplete_of, nothing_ran_of
from reporter.records import Invocation, OrphanStatements, Statistics
from reporter.values import Value

__all__ = ["LIMITS", "Analysis", "CallIndex", "Limits", "PathSummary", "errno_name_of",
           "outcome_of"]


@dataclass(frozen=True)
class Limits:
    """Caps on what an analysis keeps, so that its size follows the number of distinct
    paths and not of calls (a 1 GiB trace of 350,000 calls over 5 paths keeps five
    paths' worth). Counts are always exact; only lists are capped."""

    # Calls of a path kept whole from its first one on: small runs keep every call,
    # so their reports list each of them.
    first_samples: int = 16
    # Calls kept per path in all: after ``first_samples``, only calls whose values
    # differ from every kept one (they show which variables change from call to
    # call). 64 matches what the diagnosis compared before analyses were stored.
    samples: int = 64
    # Calls of a path compared with the kept ones before the search for differing
    # values stops (a path whose values never differ would be compared call by call).
    # Each worker's part counts its own calls, so past this many the samples of a big
    # run analysed in parts can differ from those of one pass (both stay valid).
    sample_scan: int = 10_000
    # Distinct return texts kept per path (pointers differ from call to call).
    returns: int = 32
    # Execnames and tids listed per path (the lowest ones); totals are counted.
    listed: int = 64
    # Distinct execnames counted per path before the count says "at least".
    counted_names: int = 4096
    # Distinct tids held in a set per path before a bitmap of pid_max takes over.
    tid_set: int = 4096
    # Header-less statement groups kept whole (reports show at most this many).
    orphan_groups: int = 20
    # Distinct return and execname texts whose decoding is remembered while reading
    # (pointer returns differ from call to call: past this many each is decoded anew).
    cached_returns: int = 4096


LIMITS = Limits()
# Linux's PID_MAX_LIMIT on 64-bit (include/linux/threads.h): no tid reaches it.
PID_MAX_LIMIT = 1 << 22


class CallIndex(Protocol):
    """Each call of a run by ordinal: the path it took and what it returned."""

    def path_of(self, ordinal: int) -> int | None:
        """The index (in ``Analysis.paths``) of the path call ``ordinal`` took."""

    def return_of(self, ordinal: int) -> str | None:
        """The return text of call ``ordinal``, as printed."""


@functools.lru_cache(maxsize=4096)
def outcome_of(return_text: str) -> str:
    """What a call's return says for grouping: its errno (-22 and -25 down one path
    are two answers: a jump table, a merged exit), else only its form (pointers and
    counts differ from call to call).

    >>> outcome_of("-22"), outcome_of("0xfffffffffffffffe"), outcome_of("0x55d0")
    ('-22', 'err_ptr:-2', 'pointer')
    >>> outcome_of("3"), outcome_of("0"), outcome_of("?"), outcome_of("-70000")
    ('positive', 'zero', 'unknown', 'unknown')
    """
    value = Value.of(return_text)
    n = value.as_int()
    if n is None:
        return "unknown"
    if n == 0:
        return "zero"
    if value.kind == "hex":
        e = err_ptr_errno(n)
        if e is None:
            return "pointer"
        return f"err_ptr:{value.as_s64()}" if name_of(-e) else "err_ptr"
    if n > 0:
        return "positive"
    return str(n) if n >= -4095 else "unknown"


@functools.lru_cache(maxsize=4096)
def errno_name_of(return_text: str) -> str | None:
    """The errno a return text is (plain or as an ``ERR_PTR``), by name.

    >>> errno_name_of("-22"), errno_name_of("0xfffffffffffffffe"), errno_name_of("3")
    ('EINVAL', 'ENOENT', None)
    """
    outcome = outcome_of(return_text)
    number = outcome.removeprefix("err_ptr:")
    if number.startswith("-") and number[1:].isdigit():
        return name_of(-int(number))
    return None


@dataclass(frozen=True)
class PathSummary:
    """The calls that ran one statement sequence and returned one outcome.

    ``samples`` are whole calls (the first, then those whose values differ);
    ``returns`` the distinct return texts in order of appearance; ``execnames`` and
    ``tids`` the lowest ``LIMITS.listed``, with exact totals beside them.
    """

    index: int
    key: bytes                 # ``Invocation.path_key``: ``file:line\\n`` per statement
    outcome: str               # ``outcome_of`` the first call's return
    count: int
    first_ordinal: int
    first_position: int        # stdout line of the first call's header
    last_position: int         # stdout line of the last call's header
    returns: tuple[str, ...]
    execnames: tuple[str, ...]
    execname_total: int
    tids: tuple[int, ...]
    tid_total: int
    partial: bool
    samples: tuple[Invocation, ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha1(self.key).hexdigest()[:12]


@dataclass(frozen=True)
class Analysis:
    """A run's trace as reports need it, in memory bounded by its distinct paths.

    ``paths`` are in order of first appearance; ``highest`` maps each file the
    statements name to the highest line named (every path and orphan group);
    ``orphans`` are the first ``LIMITS.orphan_groups`` header-less groups.
    """

    run_id: int
    stdout_bytes: int
    messages: tuple[Message, ...]
    paths: tuple[PathSummary, ...]
    invocation_count: int
    statement_count: int
    statistics: Statistics | None
    orphans: tuple[OrphanStatements, ...]
    orphan_groups: int
    orphan_statements: int
    highest: Mapping[str, int]
    calls: CallIndex

    @property
    def incomplete(self) -> bool:
        return incomplete_of(self.messages)

    @property
    def nothing_ran(self) -> bool:
        return nothing_ran_of(self.messages)

    def trace_lines(self) -> dict[str, int]:
        """Every source file the trace names (statements' files and unprobed
        statements'), with the highest line it names in each (0: none)."""
        out = dict(self.highest)
        for m in self.messages:
            if m.file:
                out[m.file] = max(out.get(m.file, 0), m.line or 0)
        return dict(sorted(out.items()))
