"""The errtrail archive: one SQLite file holding runs, their raw output and metadata.

This module owns the archive file (opening, migrating, transactions) and every read
and write of the collector's tables: runs, their chunks, messages and chains. The
reporter keeps its own tables through ``conn`` and ``transaction()``: the source cache
in ``reporter.sourcestore``, analyses in ``reporter.analysis``. Others call:

- ``default_archive_path()``: ``$ERRTRAIL_ARCHIVE``, else ``$XDG_DATA_HOME/errtrail/archive.db``.
- ``Archive.open(path)``: open (creating and migrating when allowed), refusing archives
  written by a newer errtrail with ``ArchiveTooNewError``.
- Writing a run: ``create_run``, ``append_chunks``, ``heartbeat``, ``store_messages``,
  ``finish_run``.
- Reading: ``runs``, ``get_run`` (id, uuid prefix or ``latest``) give ``Run``s, one
  typed attribute a column of ``runs``; ``iter_chunks`` (streaming, one chunk in
  memory at a time), ``messages``.
- Probed lines of gdb runs (migration ``0004_probed_lines``): ``record_probed_lines``
  writes them, ``Run.probed_lines()`` reads them back (``None`` when not recorded).
- Chains of runs following an errno down (migration ``0005_chains``):
  ``record_chain`` writes a level's ``ChainLink`` and its calls' ``InvocationLink``s;
  ``chain_link``, ``chain_links`` and ``invocation_links`` read them (empty in an
  archive from before 0005 opened read-only).
- ``has_table(name)``: whether a table of a later migration is there (not in an older
  archive opened read-only).

The DDL lives in the top-level ``schema.sql`` (shipped inside the wheel as
``collector/schema.sql``), split into sections headed ``-- migration: NAME``; each is
applied once through sqlite-utils' ``Migrations`` and recorded in ``_sqlite_migrations``.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import itertools
import json
import os
import re
import sqlite3
import uuid as uuid_mod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import astuple, dataclass, field, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from collector import __version__
from collector.errors import ErrtrailError

MIGRATION_SET = "errtrail"
STATUSES = ("running", "complete", "interrupted", "failed", "abandoned")
STREAMS = ("stdout", "stderr", "program_stdout", "program_stderr")
# The tables a run is copied with between archives (collector.transfer).
COPIED_TABLES = ("runs", "output_chunks", "messages", "sources", "build_id_files",
                 "chain_links", "invocation_links")
# A running run owned by another host is abandoned once its heartbeat is this old:
# owners refresh it at least every few seconds while alive.
STALE_HEARTBEAT_SECONDS = 600
# SQLite ``synchronous`` per connection (https://sqlite.org/pragma.html#pragma_synchronous):
# "normal" for ordinary use (WAL: consistent after an OS crash, may lose the last
# commits); "off" for the capture writer: measured at 0.77 s per 1.3 GB against 1.72 s
# with "normal" on the reference machine (fsync at every checkpoint dominates), and
# still safe when the collector process dies, which is the promise; an OS crash
# mid-capture can corrupt the archive. "full" fsyncs every commit: for captures that
# may crash the kernel (errtrail-collect run --fsync).
SYNC_MODES = ("normal", "off", "full")
# In a run's status_reason: its output went to a spill directory from this point on
# (collector.capture writes it, followed by the directory; an import of that spill
# completes the run, and reports say the run is partial until then).
SPILLED_MARK = "; output spilled to "
# What every invocation header of whythefail contains:
# "<execname>[<tid>] <target> function(<f>) $return: <value>".
HEADER_MARK = b") $return: "
# How long a writer waits for another collector's write lock before giving up.
BUSY_TIMEOUT_MS = 10_000


class ArchiveError(ErrtrailError):
    """The archive cannot be opened, read or written; the message says what to do."""


class ArchiveTooNewError(ArchiveError):
    """The archive records schema migrations this errtrail does not know."""


class RunNotFoundError(ArchiveError):
    """No run matches the reference; ``nearest`` lists the closest existing ones."""

    def __init__(self, message: str, nearest: Sequence[str]) -> None:
        super().__init__(message)
        self.nearest = list(nearest)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(ts: datetime) -> str:
    """UTC ISO-8601 with microseconds and a ``Z``: sortable as text.

    >>> iso(datetime(2026, 11, 25, 22, 25, 38, 123456, tzinfo=timezone.utc))
    '2026-11-25T22:25:38.123456Z'
    """
    return ts.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


# SQLite's result code for a full disk (sqlite3.SQLITE_FULL from Python 3.11 only).
_SQLITE_FULL = 13


def write_failure(e: BaseException, path: Path) -> str:
    """Why writing the archive at ``path`` failed, in words: a full disk said as such
    (SQLite's SQLITE_FULL, or ENOSPC), with how much room is left there.

    >>> write_failure(sqlite3.OperationalError("database or disk is full"), Path("/x/a.db"))[:31]
    'the disk holding /x/a.db is ful'
    """
    cause = e.__cause__ if isinstance(e, ArchiveError) and e.__cause__ is not None else e
    full = (isinstance(cause, OSError) and cause.errno == errno.ENOSPC) or (
        isinstance(cause, sqlite3.Error)
        and (getattr(cause, "sqlite_errorcode", None) == _SQLITE_FULL
             or "disk is full" in str(cause)))
    if not full:
        return f"{type(e).__name__}: {e}"
    e = cause  # the archive's own wording (open's "is it an errtrail archive?") misleads
    try:
        st = os.statvfs(path.parent)
        room = f", {st.f_bavail * st.f_frsize:,} bytes free there"
    except OSError:
        room = ""
    return f"the disk holding {path} is full ({type(e).__name__}: {e}{room})"


def on_read_only_fs(path: Path) -> bool:
    """Whether ``path`` lies on a file system mounted read-only."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def writable(path: Path) -> bool:
    """Whether an archive at ``path`` (which exists) can be written: the file, and its
    directory, where SQLite keeps the WAL's -wal and -shm files. ``os.access`` says
    no on a read-only mount even for root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def default_archive_path(env: Mapping[str, str] | None = None) -> Path:
    """Where the archive lives when ``--archive`` is not given.

    >>> str(default_archive_path({"ERRTRAIL_ARCHIVE": "/x/a.db"}))
    '/x/a.db'
    >>> str(default_archive_path({"XDG_DATA_HOME": "/d", "HOME": "/h"}))
    '/d/errtrail/archive.db'
    >>> str(default_archive_path({"HOME": "/h"}))
    '/h/.local/share/errtrail/archive.db'
    """
    env = os.environ if env is None else env
    if env.get("ERRTRAIL_ARCHIVE"):
        return Path(env["ERRTRAIL_ARCHIVE"])
    data_home = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")) / ".local" / "share")
    return Path(data_home).expanduser() / "errtrail" / "archive.db"


def schema_path() -> Path:
    """The schema file: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schema.sql", here.parent / "schema.sql"):
        if candidate.is_file():
            return candidate
    raise ArchiveError(
        f"schema.sql not found next to {here} or in {here.parent}; reinstall errtrail"
    )


_MIGRATION_HEADER = re.compile(r"^-- migration: (\S+)\s*$", re.MULTILINE)


def schema_migrations(text: str | None = None) -> list[tuple[str, str]]:
    """Split schema.sql into ``(name, sql)`` sections, in order.

    >>> schema_migrations("-- intro\\n-- migration: a\\nCREATE TABLE t (x);\\n-- migration: b\\nX;")
    [('a', 'CREATE TABLE t (x);\\n'), ('b', 'X;')]
    """
    if text is None:
        text = schema_path().read_text(encoding="utf-8")
    heads = list(_MIGRATION_HEADER.finditer(text))
    return [
        (m.group(1), text[m.end() + 1 : heads[i + 1].start() if i + 1 < len(heads) else len(text)])
        for i, m in enumerate(heads)
    ]


def _migrations() -> Any:
    # Imported here: sqlite-utils costs ~9 MB of RSS, needed only to migrate, and the
    # collector's memory budget is small.
    import sqlite_utils

    migrations = sqlite_utils.Migrations(MIGRATION_SET)
    for name, sql in schema_migrations():

        def apply(db: sqlite_utils.Database, sql: str = sql) -> None:
            # executescript() would COMMIT the surrounding transaction; run each
            # statement inside the migration's savepoint instead.
            for statement in _split_sql(sql):
                db.execute(statement)

        migrations(name=name)(apply)
    return migrations


def _split_sql(sql: str) -> list[str]:
    statements: list[str] = []
    current = ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current)
            current = ""
    if current.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in current.splitlines()
    ):
        raise ArchiveError(f"schema.sql has an unterminated statement: {current.strip()[:80]!r}")
    return statements


@dataclass(frozen=True)
class RunMeta:
    """What is known about a run when it starts (all optional but the command)."""

    command: tuple[str, ...]
    tool: str = "stap"
    origin: str = "run"
    hostname: str | None = None
    kernel_release: str | None = None
    machine: str | None = None
    os_id: str | None = None
    os_version: str | None = None
    kernel_build_id: str | None = None
    target: str | None = None
    target_build_id: str | None = None
    target_mtime: str | None = None
    function: str | None = None
    condition: str | None = None
    variable: str | None = None
    uses_example: bool = False
    uses_c: bool = False
    uses_x: bool = False
    traced_command: str | None = None
    traced_pid: int | None = None
    tool_version: str | None = None
    script_path: str | None = None
    script_sha256: str | None = None
    script_text: str | None = None
    label: str | None = None
    note: str | None = None


def _is_line_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def encode_probed_lines(lines: Iterable[tuple[str, int]]) -> str:
    """The ``runs.probed_lines`` text of a set of ``(file, line)``: a JSON object from
    each file to its sorted lines, keys sorted, no blanks.

    >>> encode_probed_lines([("/s/a.c", 12), ("/s/a.c", 7), ("/s/a.c", 12), ("/s/b.c", 3)])
    '{"/s/a.c":[7,12],"/s/b.c":[3]}'
    >>> encode_probed_lines([])
    '{}'
    """
    by_file: dict[str, set[int]] = {}
    for file, line in lines:
        if not (isinstance(file, str) and file and _is_line_number(line)):
            raise ValueError(
                f"a probed line is a (file, line) with a non-empty path and a positive line"
                f" number, not ({file!r}, {line!r})"
            )
        by_file.setdefault(file, set()).add(line)
    data = {f: sorted(ns) for f, ns in sorted(by_file.items())}
    return json.dumps(data, separators=(",", ":"))


def decode_probed_lines(text: str | None) -> tuple[tuple[str, int], ...] | None:
    """``runs.probed_lines`` back as sorted ``(file, line)`` pairs; ``None`` for NULL.
    Raises ``ValueError`` saying what is wrong when the text is not what
    ``encode_probed_lines`` writes.

    >>> decode_probed_lines('{"/s/b.c":[3],"/s/a.c":[12,7]}')
    (('/s/a.c', 7), ('/s/a.c', 12), ('/s/b.c', 3))
    >>> decode_probed_lines(None) is None
    True
    """
    if text is None:
        return None
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"expected a JSON object of file -> lines, got {type(data).__name__}")
    pairs: set[tuple[str, int]] = set()
    for file, lines in data.items():
        if not isinstance(lines, list) or not all(_is_line_number(n) for n in lines):
            raise ValueError(f"the lines of {file!r} are not a list of positive integers")
        pairs.update((file, n) for n in lines)
    return tuple(sorted(pairs))


# The columns of ``runs`` that hold flags, stored as 0 or 1.
_FLAGS = ("uses_example", "uses_c", "uses_x")
# The one attribute of Run named apart from its column: ``Run.probed_lines()`` is the
# column decoded.
_RENAMED = {"probed_lines_json": "probed_lines"}


@dataclass(frozen=True, kw_only=True)
class Run(RunMeta):
    """One row of ``runs`` as read back: what the run was started with (its
    ``RunMeta``, flags as ``bool``), then one attribute for each other column, ``None``
    where the column is NULL or the archive (opened read-only before a migration) has
    no such column. ``status`` already resolves abandoned owners.

    ``probed_lines()`` is the set of statement lines a gdb run put a breakpoint on.
    """

    id: int
    uuid: str
    status: str
    status_reason: str | None = None
    started_at: str
    ended_at: str | None = None
    stdout_bytes: int
    stderr_bytes: int
    header_count: int | None = None
    exit_status: int | None = None
    exit_signal: int | None = None
    collector_version: str
    owner_pid: int | None = None
    owner_boot_id: str | None = None
    owner_start_ticks: int | None = None
    heartbeat_at: str | None = None
    spill_path: str | None = None
    probed_lines_json: str | None = None  # the column probed_lines, as stored

    @classmethod
    def columns(cls) -> dict[str, str]:
        """Each attribute's column of ``runs``, attribute -> column."""
        return {f.name: _RENAMED.get(f.name, f.name) for f in fields(cls)}

    def probed_lines(self) -> tuple[tuple[str, int], ...] | None:
        """The statement lines the tracer put a probe (breakpoint) on, as ``(file,
        line)`` pairs sorted by file then line, files named as the trace names them.

        A line in this set that no traced path shows did not run in those calls; a
        line of the function that is not in it had no probe of its own (the optimiser
        merged it into another), so it may have run unseen. ``()`` means no line had a
        probe. ``None`` when the run did not record it: stap runs (their unprobed
        statements are registration failures on stderr, see ``messages``), imports,
        gdb runs captured before migration 0004_probed_lines, and older archives,
        read-only ones included.
        """
        try:
            return decode_probed_lines(self.probed_lines_json)
        except ValueError as e:
            raise ArchiveError(
                f"run {self.id}'s probed_lines is not errtrail's format ({e}); the archive"
                " was changed by something else: set that column to NULL to read the run"
                " without it"
            ) from None

    def as_dict(self) -> dict[str, Any]:
        """The row, column -> value as stored (the command a list, flags 0 or 1),
        sorted by column: JSON-ready, and what a report's page is hashed from."""
        out: dict[str, Any] = {c: getattr(self, a) for a, c in self.columns().items()}
        out["command"] = list(self.command)
        out.update((flag, int(out[flag])) for flag in _FLAGS)
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class ChainLink:
    """A run below the root of a chain: which callee of which level it traces."""

    run_id: int
    root_run: int
    level: int
    parent_run: int
    parent_file: str | None
    parent_line: int | None
    callee: str
    how: str  # one-run | rerun


@dataclass(frozen=True)
class InvocationLink:
    """Which call of the level above made one call of a chain run (ordinals from 0)."""

    run_id: int
    ordinal: int
    parent_run: int
    parent_ordinal: int
    parent_file: str | None
    parent_line: int | None
    parent_step: int


@dataclass(frozen=True)
class Chunk:
    """Bytes received on one stream, stored as one row of ``output_chunks``."""

    stream: str
    data: bytes
    received_at: datetime


@dataclass(frozen=True)
class Message:
    """One classified stderr line, as stored in ``messages``."""

    line_no: int
    kind: str
    category: str
    raw: bytes
    fields: Mapping[str, str] = field(default_factory=dict)
    probe_point: str | None = None
    function: str | None = None
    file: str | None = None
    line: int | None = None
    address: str | None = None
    rc: int | None = None


@dataclass(frozen=True)
class Owner:
    """Identity of a live collector process, to tell a dead owner from a live one."""

    pid: int
    boot_id: str | None
    start_ticks: int | None

    @classmethod
    def current(cls) -> Owner:
        return cls(os.getpid(), _boot_id(), _start_ticks(os.getpid()))

    def alive(self) -> bool:
        """Whether this owner (on this boot of this host) still runs."""
        ticks = _start_ticks(self.pid)
        if ticks is None:
            return False
        return self.start_ticks is None or ticks == self.start_ticks


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip() or None
    except OSError:
        return None


def _start_ticks(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    # comm (field 2) may hold spaces and parentheses: split after the last ')'.
    rest = stat[stat.rfind(b")") + 2 :].split()
    try:
        return int(rest[19])  # field 22, starttime
    except (IndexError, ValueError):
        return None


class Archive:
    """An open archive. Use as a context manager, or call ``close()``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, clock: Callable[[], datetime]) -> None:
        self.path = path
        self.conn = conn
        self.clock = clock

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create: bool = True,
        readonly: bool = False,
        clock: Callable[[], datetime] = utc_now,
        sync: str = "normal",
        busy_ms: int | None = None,
    ) -> Archive:
        """Open the archive at ``path``, creating and migrating it unless told not to.

        ``sync`` is SQLite's ``synchronous`` for this connection, see ``SYNC_MODES``;
        ``busy_ms`` how long a write waits for another writer's lock (default
        ``BUSY_TIMEOUT_MS``).

        ``readonly`` opens without writing anything (no migration, no abandoned
        marking): for reading an archive copied from elsewhere or on a read-only disk.
        """
        path = Path(path)
        busy_ms = BUSY_TIMEOUT_MS if busy_ms is None else busy_ms
        if not path.exists():
            if not create or readonly:
                raise ArchiveError(
                    f"no archive at {path}; capture a run first (errtrail-collect run -- stap ...)"
                    " or pass --archive PATH"
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise ArchiveError(
                    f"cannot create the archive's directory {path.parent}: {e.strerror};"
                    " pass --archive PATH somewhere writable"
                ) from e
        try:
            if readonly:
                # On a read-only file system SQLite cannot make the WAL's -shm file, and
                # mode=ro alone fails ("unable to open database file"); nothing can
                # change the file there, so immutable=1 (no locks, no -shm) is safe.
                flags = "mode=ro&immutable=1" if on_read_only_fs(path) else "mode=ro"
                conn = sqlite3.connect(
                    f"{path.resolve().as_uri()}?{flags}", uri=True, isolation_level=None
                )
            else:
                conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_ms / 1000)
            conn.execute(f"PRAGMA busy_timeout = {busy_ms}")
            conn.execute("PRAGMA foreign_keys = ON")
            archive = cls(path, conn, clock)
            if sync not in SYNC_MODES:
                raise ValueError(f"sync must be one of {', '.join(SYNC_MODES)}")
            if not readonly:
                archive._prepare(sync)
            archive._check_version()
        except sqlite3.DatabaseError as e:
            raise ArchiveError(
                f"cannot open archive {path}: {e}; is it an errtrail archive"
                " (SQLite file) and is its directory writable?"
            ) from e
        return archive

    def _prepare(self, sync: str) -> None:
        # WAL: readers never block the writer, and a killed process loses nothing
        # committed whatever ``synchronous`` says (the data is in the OS already).
        # Large pages keep 1 MiB chunks in few overflow pages (fewer WAL frames, each
        # with its own header and checksum); they only take effect on a new, empty
        # file. Writer CPU per GiB of 1 MiB chunks (sync off, development machine):
        # 0.58 s at 64 KiB pages, 0.63 s at 32 KiB, 0.76 s at 16 KiB, 1.03 s at 8 KiB.
        if self.conn.execute("PRAGMA page_count").fetchone()[0] == 0:
            self.conn.execute("PRAGMA page_size = 65536")
        mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise ArchiveError(
                f"cannot put archive {self.path} in WAL mode (got {mode});"
                " put it on a local filesystem"
            )
        self.conn.execute(f"PRAGMA synchronous = {sync.upper()}")
        if sync != "normal":
            # A bulk writer: checkpoint often so the WAL stays small and hot in the
            # page cache instead of growing to the size of the run. 32 pages (2 MiB)
            # measured best: writer CPU per GiB 0.58 s against 0.62 s at 16 pages and
            # 0.65 s at 256. cache_size and mmap_size made no difference (within 1%),
            # nor did writing blobs through Connection.blobopen instead of binding.
            self.conn.execute("PRAGMA wal_autocheckpoint = 32")
        self._check_version()
        known = [name for name, _ in schema_migrations()]
        if self._applied_migrations() == known:
            return
        import sqlite_utils

        # Several collectors may open a new archive at once: take the write lock
        # first so that exactly one applies each migration.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            _migrations().apply(sqlite_utils.Database(self.conn))
            self.conn.execute(f"PRAGMA user_version = {len(schema_migrations())}")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _applied_migrations(self) -> list[str]:
        try:
            rows = self.conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [r[0] for r in rows]

    def _check_version(self) -> None:
        known = [name for name, _ in schema_migrations()]
        applied = self._applied_migrations()
        if not applied:
            tables = {
                r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if tables and "runs" not in tables:
                raise ArchiveError(
                    f"{self.path} is a SQLite file but not an errtrail archive"
                    f" (it has tables {', '.join(sorted(tables))}); pass another --archive"
                ) from None
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise ArchiveTooNewError(
                f"archive {self.path} was written by a newer errtrail: it has schema"
                f" migration(s) {', '.join(unknown)} that errtrail {__version__} does not know;"
                " upgrade errtrail to read it"
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing a run -----------------------------------------------------------

    def create_run(
        self,
        meta: RunMeta,
        *,
        owner: Owner | None = None,
        status: str = "running",
        run_uuid: str | None = None,
    ) -> int:
        """Insert a run and return its id. ``owner`` marks a live capture."""
        now = iso(self.clock())
        row: dict[str, Any] = {
            # RunMeta's fields even when given a Run: a run started like that one.
            f.name: getattr(meta, f.name) for f in fields(RunMeta) if f.name != "command"
        }
        for flag in _FLAGS:
            row[flag] = int(row[flag])
        row.update(
            uuid=run_uuid or str(uuid_mod.uuid4()),
            status=status,
            started_at=now,
            command=json.dumps(list(meta.command)),
            collector_version=__version__,
        )
        if owner is not None:
            row.update(
                owner_pid=owner.pid,
                owner_boot_id=owner.boot_id,
                owner_start_ticks=owner.start_ticks,
                heartbeat_at=now,
            )
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with self._write():
            cur = self.conn.execute(
                f"INSERT INTO runs ({columns}) VALUES ({marks})", list(row.values())
            )
        assert cur.lastrowid is not None
        return cur.lastrowid

    def update_run(self, run_id: int, **values: Any) -> None:
        """Set metadata columns of a run (e.g. ``target_build_id`` found later)."""
        if not values:
            return
        sets = ", ".join(f"{k} = ?" for k in values)
        with self._write():
            self.conn.execute(f"UPDATE runs SET {sets} WHERE id = ?", [*values.values(), run_id])

    def append_chunks(
        self, run_id: int, first_seq: int, chunks: Sequence[Chunk]
    ) -> int:
        """Store chunks as rows ``first_seq, first_seq+1, ...`` in one transaction.

        Returns the next free seq. Also refreshes the run's heartbeat and byte counts.
        """
        return self.append_buffers(
            run_id, first_seq, [(c.stream, c.data, c.received_at) for c in chunks]
        )

    def append_buffers(
        self,
        run_id: int,
        first_seq: int,
        chunks: Sequence[tuple[str, bytes | bytearray | memoryview, datetime]],
    ) -> int:
        """``append_chunks`` for ``(stream, data, received_at)`` whose data may still
        sit in a reusable buffer: the capture loop reads straight into its chunk
        buffers, and SQLite copies the bytes while binding them, so the buffer may be
        reused once this returns.
        """
        out = sum(len(data) for stream, data, _ in chunks if stream == "stdout")
        err = sum(len(data) for stream, data, _ in chunks if stream == "stderr")
        with self._write():
            self.conn.executemany(
                "INSERT INTO output_chunks (run_id, seq, stream, data, received_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (run_id, first_seq + i, stream, data, iso(received_at))
                    for i, (stream, data, received_at) in enumerate(chunks)
                ],
            )
            self.conn.execute(
                "UPDATE runs SET stdout_bytes = stdout_bytes + ?, stderr_bytes = stderr_bytes + ?,"
                " heartbeat_at = ? WHERE id = ?",
                [out, err, iso(self.clock()), run_id],
            )
        return first_seq + len(chunks)

    def heartbeat(self, run_id: int) -> None:
        with self._write():
            self.conn.execute(
                "UPDATE runs SET heartbeat_at = ? WHERE id = ?", [iso(self.clock()), run_id]
            )

    def store_messages(self, run_id: int, messages: Iterable[Message]) -> None:
        """Replace the run's classified stderr lines."""
        with self._write():
            self.conn.execute("DELETE FROM messages WHERE run_id = ?", [run_id])
            self.conn.executemany(
                "INSERT INTO messages (run_id, line_no, kind, category, probe_point, function,"
                " file, line, address, rc, fields, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        run_id,
                        m.line_no,
                        m.kind,
                        m.category,
                        m.probe_point,
                        m.function,
                        m.file,
                        m.line,
                        m.address,
                        m.rc,
                        json.dumps(dict(sorted(m.fields.items()))),
                        m.raw,
                    )
                    for m in messages
                ],
            )

    def finish_run(
        self,
        run_id: int,
        status: str,
        *,
        reason: str | None = None,
        exit_status: int | None = None,
        exit_signal: int | None = None,
    ) -> None:
        if status not in STATUSES:
            raise ValueError(f"unknown run status {status!r}")
        now = iso(self.clock())
        with self._write():
            self.conn.execute(
                "UPDATE runs SET status = ?, status_reason = ?, exit_status = ?, exit_signal = ?,"
                " ended_at = ?, heartbeat_at = ?, owner_pid = NULL WHERE id = ?",
                [status, reason, exit_status, exit_signal, now, now, run_id],
            )

    def record_probed_lines(self, run_id: int, lines: Iterable[tuple[str, int]]) -> None:
        """Store the ``(file, line)`` statement lines a run's tracer put a probe on
        (``runs.probed_lines``, read back by ``Run.probed_lines()``), replacing any."""
        text = encode_probed_lines(lines)
        try:
            with self._write():
                self.conn.execute(
                    "UPDATE runs SET probed_lines = ? WHERE id = ?", [text, run_id]
                )
        except sqlite3.OperationalError as e:
            raise ArchiveError(
                f"cannot record the probed lines of run {run_id} in {self.path}: {e}; open"
                " it writable (it is then migrated to 0004_probed_lines)"
            ) from e

    def record_chain(self, link: ChainLink, calls: Iterable[InvocationLink] = ()) -> None:
        """Store a chain level and the links of its calls, in one transaction."""
        with self._write():
            self.conn.execute(
                "INSERT INTO chain_links (run_id, root_run, level, parent_run, parent_file,"
                " parent_line, callee, how) VALUES (?,?,?,?,?,?,?,?)", astuple(link))
            self.record_invocation_links(calls)   # nested: a savepoint of this one

    def _chain_levels(self) -> set[int]:
        if not self.has_table("chain_links"):
            return set()
        return {r[0] for r in self.conn.execute("SELECT run_id FROM chain_links")}

    def record_invocation_links(self, calls: Iterable[InvocationLink]) -> None:
        """Links of calls kept in a chain's root run itself (its function called below
        itself: recursion)."""
        with self._write():
            self.conn.executemany(
                "INSERT INTO invocation_links (run_id, ordinal, parent_run, parent_ordinal,"
                " parent_file, parent_line, parent_step) VALUES (?,?,?,?,?,?,?)",
                [astuple(c) for c in calls])

    def chain_link(self, run_id: int) -> ChainLink | None:
        """The link of a run below a chain's root (``None``: a root, or no chain)."""
        if not self.has_table("chain_links"):
            return None
        row = self.conn.execute(
            "SELECT run_id, root_run, level, parent_run, parent_file, parent_line, callee, how"
            " FROM chain_links WHERE run_id = ?", [run_id]).fetchone()
        return ChainLink(*row) if row else None

    def chain_links(self, root_run: int) -> list[ChainLink]:
        """Every level below ``root_run``, by level then run id."""
        if not self.has_table("chain_links"):
            return []
        rows = self.conn.execute(
            "SELECT run_id, root_run, level, parent_run, parent_file, parent_line, callee, how"
            " FROM chain_links WHERE root_run = ? ORDER BY level, run_id", [root_run]).fetchall()
        return [ChainLink(*r) for r in rows]

    def invocation_links(self, run_id: int) -> list[InvocationLink]:
        """The links of a chain run's calls, in ordinal order."""
        if not self.has_table("invocation_links"):
            return []
        rows = self.conn.execute(
            "SELECT run_id, ordinal, parent_run, parent_ordinal, parent_file, parent_line,"
            " parent_step FROM invocation_links WHERE run_id = ? ORDER BY ordinal",
            [run_id]).fetchall()
        return [InvocationLink(*r) for r in rows]

    def transaction(self) -> _Transaction:
        """Make several writes one atomic unit: ``with archive.transaction(): ...``."""
        return _Transaction(self.conn)

    def _write(self) -> _Transaction:
        return _Transaction(self.conn)

    # -- reading -----------------------------------------------------------------

    def runs(self) -> list[Run]:
        """All runs, oldest first, with dead owners' runs shown as ``abandoned``."""
        rows = self.conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        names = [d[0] for d in self.conn.execute("SELECT * FROM runs LIMIT 0").description]
        return [self._run_from_row(dict(zip(names, r, strict=True))) for r in rows]

    def _run_from_row(self, row: dict[str, Any]) -> Run:
        status, reason = row["status"], row["status_reason"]
        if status == "running":
            dead = self._dead_owner_reason(row)
            if dead is not None:
                status, reason = "abandoned", dead
                self._mark_abandoned(row["id"], dead)
        # A column this archive lacks keeps the attribute's default (None).
        values = {a: row[c] for a, c in Run.columns().items() if c in row}
        values.update((flag, bool(values[flag])) for flag in _FLAGS)
        values.update(status=status, status_reason=reason,
                      command=tuple(json.loads(row["command"])))
        return Run(**values)

    def _dead_owner_reason(self, row: Mapping[str, Any]) -> str | None:
        pid, boot = row["owner_pid"], row["owner_boot_id"]
        if pid is None:
            return "no collector owns it (it was never finished)"
        if boot is not None and boot == _boot_id():
            if Owner(pid, boot, row["owner_start_ticks"]).alive():
                return None
            return f"its collector (pid {pid}) died without finishing it"
        heartbeat = row["heartbeat_at"]
        if heartbeat is None:
            return None
        age = (self.clock() - parse_iso(heartbeat)).total_seconds()
        if age > STALE_HEARTBEAT_SECONDS:
            return f"its collector on {row['hostname']} has not been heard from since {heartbeat}"
        return None

    def _mark_abandoned(self, run_id: int, reason: str) -> None:
        # Best effort: a read-only or busy archive still shows the right status.
        try:
            with self._write():
                self.conn.execute(
                    "UPDATE runs SET status = 'abandoned', status_reason = ?"
                    " WHERE id = ? AND status = 'running'",
                    [reason, run_id],
                )
        except sqlite3.Error:
            pass

    def get_run(self, ref: str | int) -> Run:
        """A run by id, uuid (or unique uuid prefix), or ``latest`` (the latest capture:
        the root of a chain, not the levels stored after it)."""
        text = str(ref).strip()
        if text.isdigit():
            # By id, one row: the trail and the index look levels up one by one.
            cur = self.conn.execute("SELECT * FROM runs WHERE id = ?", [int(text)])
            row = cur.fetchone()
            if row is not None:
                names = [d[0] for d in cur.description]
                return self._run_from_row(dict(zip(names, row, strict=True)))
        runs = self.runs()
        if not runs:
            raise RunNotFoundError(
                f"archive {self.path} holds no runs yet; capture one with"
                " errtrail-collect run -- stap ...",
                [],
            )
        if text == "latest":
            levels = self._chain_levels()
            return next((r for r in reversed(runs) if r.id not in levels), runs[-1])
        matches = [r for r in runs if r.uuid.startswith(text.lower())] if text else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise RunNotFoundError(
                f"run {text!r} is ambiguous in {self.path}: it starts"
                f" {len(matches)} uuids; give more of the uuid",
                [f"{r.id} {r.uuid}" for r in matches[:10]],
            )
        nearest = _nearest(text, runs)
        raise RunNotFoundError(
            f"no run {text!r} in {self.path}; give a run id, a uuid prefix or 'latest'"
            + (f" (nearest: {', '.join(nearest)})" if nearest else ""),
            nearest,
        )

    def iter_chunks(
        self, run_id: int, stream: str | None = None, *, first_seq: int = 0
    ) -> Iterator[Chunk]:
        """The run's chunks in arrival order (from ``first_seq`` on), fetched one row
        at a time.

        Memory stays at one chunk (at most about 1 MiB) however large the run.
        """
        if stream is not None and stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        where = "run_id = ? AND seq >= ?" + (" AND stream = ?" if stream else "")
        params: list[Any] = [run_id, first_seq] + ([stream] if stream else [])
        # A separate cursor, read lazily: a huge run is never materialised.
        cur = self.conn.execute(
            f"SELECT stream, data, received_at FROM output_chunks WHERE {where} ORDER BY seq",
            params,
        )
        for s, data, received in cur:
            yield Chunk(s, bytes(data), parse_iso(received))

    def header_count(self, run: Run) -> int:
        """Invocation headers in the run's stdout (a quick count for listings; the
        parser is the truth). Counted by scanning, then kept once the run has ended:
        counting is left out of the capture's hot path, where it cost a quarter of
        the collector's CPU time."""
        if run.header_count is not None:
            return run.header_count
        n = 0
        tail = b""
        keep = len(HEADER_MARK) - 1
        for chunk in self.iter_chunks(run.id, "stdout"):
            data = chunk.data
            # Only the seam between chunks needs a copy; each chunk is counted in place.
            n += (tail + data[:keep]).count(HEADER_MARK) + data.count(HEADER_MARK)
            tail = (tail + data)[-keep:]
        if run.status not in ("running",):
            with contextlib.suppress(sqlite3.Error), self._write():
                self.conn.execute("UPDATE runs SET header_count = ? WHERE id = ?", [n, run.id])
        return n

    def chunk_layout(self, run_id: int, stream: str) -> list[tuple[int, int]]:
        """``(seq, length)`` of each chunk of one stream, in order, without reading the
        data: lets parallel readers split a large stream at chunk boundaries."""
        if stream not in STREAMS:
            raise ValueError(f"unknown stream {stream!r}")
        rows = self.conn.execute(
            "SELECT seq, length(data) FROM output_chunks WHERE run_id = ? AND stream = ?"
            " ORDER BY seq",
            [run_id, stream],
        ).fetchall()
        return [(int(seq), int(size)) for seq, size in rows]

    def stream_ranges(self, run_id: int, stream: str,
                      ranges: Sequence[tuple[int, int]]) -> list[bytes]:
        """The bytes of each ``[start, end)`` of one stream, reading each chunk that
        holds any of them once (a stored analysis reads back a few calls of a run of
        a gigabyte). Ranges past the stream's end are cut short."""
        layout = self.chunk_layout(run_id, stream)
        starts = list(itertools.accumulate((size for _, size in layout), initial=0))
        cache: dict[int, bytes] = {}

        def chunk(index: int) -> bytes:
            if index not in cache:
                if len(cache) > 4:
                    cache.clear()
                row = self.conn.execute(
                    "SELECT data FROM output_chunks WHERE run_id = ? AND seq = ?",
                    [run_id, layout[index][0]]).fetchone()
                cache[index] = bytes(row[0])
            return cache[index]

        out = []
        for start, end in ranges:
            parts = []
            index = max(0, bisect.bisect_right(starts, start) - 1)
            while index < len(layout) and starts[index] < end:
                lo, hi = max(start, starts[index]), min(end, starts[index + 1])
                if hi > lo:
                    parts.append(chunk(index)[lo - starts[index] : hi - starts[index]])
                index += 1
            out.append(b"".join(parts))
        return out

    def stream_bytes(self, run_id: int, stream: str) -> bytes:
        """The whole stream at once: for small streams (stderr) only."""
        return b"".join(c.data for c in self.iter_chunks(run_id, stream))

    def messages(self, run_id: int) -> list[Message]:
        rows = self.conn.execute(
            "SELECT line_no, kind, category, raw, fields, probe_point, function, file, line,"
            " address, rc FROM messages WHERE run_id = ? ORDER BY line_no",
            [run_id],
        ).fetchall()
        return [
            Message(
                line_no=r[0],
                kind=r[1],
                category=r[2],
                raw=bytes(r[3]),
                fields=json.loads(r[4]),
                probe_point=r[5],
                function=r[6],
                file=r[7],
                line=r[8],
                address=r[9],
                rc=r[10],
            )
            for r in rows
        ]

    # -- moving runs between archives (collector.transfer) ------------------------

    def table_rows(self, table: str, where: str = "1", params: Sequence[Any] = (),
                   order: str = "rowid") -> Iterator[dict[str, Any]]:
        """Rows of one of ``COPIED_TABLES`` as dicts, read lazily (a run's chunks one at
        a time); none when this archive predates the table."""
        if table not in COPIED_TABLES:
            raise ValueError(f"not a table runs are copied with: {table!r}")
        if not self.has_table(table):
            return
        cur = self.conn.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order}",
                                list(params))
        names = [d[0] for d in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))

    def insert_rows(self, table: str, rows: Iterable[Mapping[str, Any]], *,
                    or_ignore: bool = False) -> int | None:
        """Insert rows into one of ``COPIED_TABLES`` (columns this archive's table does
        not have are dropped: the rows may come from an older or newer archive); the
        last row id. Callers hold a transaction."""
        if table not in COPIED_TABLES:
            raise ValueError(f"not a table runs are copied with: {table!r}")
        have = [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]
        last = None
        verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
        for row in rows:
            cols = [c for c in have if c in row]
            marks = ", ".join("?" for _ in cols)
            cur = self.conn.execute(f"{verb} INTO {table} ({', '.join(cols)}) VALUES ({marks})",
                                    [row[c] for c in cols])
            last = cur.lastrowid
        return last

    def delete_run(self, run_id: int) -> None:
        """Remove a run and everything that belongs to it (chunks, messages, links)."""
        with self._write():
            self.conn.execute("DELETE FROM runs WHERE id = ?", [run_id])

    # -- tables of later migrations ----------------------------------------------

    def has_table(self, name: str) -> bool:
        """Whether the archive has table ``name`` (one opened read-only before the
        migration that creates it has not)."""
        row = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
        ).fetchone()
        return row is not None


def _nearest(text: str, runs: Sequence[Run], limit: int = 5) -> list[str]:
    """Runs whose id or uuid looks most like ``text`` (edit distance on the prefix)."""

    def distance(a: str, b: str) -> int:
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        return prev[-1]

    scored = sorted(
        (min(distance(text, str(r.id)), distance(text.lower(), r.uuid[: len(text)])), r.id, r)
        for r in runs
    )
    return [f"{r.id} {r.uuid[:8]}" for _, _, r in scored[:limit]]


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``: take the write lock up front so that a
    busy archive fails at the start (after busy_timeout), not halfway. Nested use
    becomes a savepoint, so a caller can make several writes one atomic unit."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.savepoint: str | None = None

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            self.savepoint = f"errtrail_{uuid_mod.uuid4().hex}"
            self.conn.execute(f"SAVEPOINT {self.savepoint}")
        else:
            self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if self.savepoint is not None:
            if exc_type is not None and self.conn.in_transaction:
                self.conn.execute(f"ROLLBACK TO SAVEPOINT {self.savepoint}")
            if self.conn.in_transaction:
                self.conn.execute(f"RELEASE SAVEPOINT {self.savepoint}")
            return
        if exc_type is None:
            try:
                self.conn.execute("COMMIT")
                return
            except BaseException:
                # A COMMIT that failed on a full disk (SQLITE_FULL) has already rolled
                # back: a ROLLBACK then fails too ("no transaction is active") and its
                # error would hide the one that says what happened.
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
