"""Salvaging a damaged archive: ``errtrail-report salvage BROKEN.db -o GOOD.db``.

This module owns getting runs out of an archive SQLite can no longer read, into a
new, fully migrated archive, and saying what was lost. Others call
``salvage_archive(broken, good, engine=...)``, which returns a ``SalvageReport``
(``text()`` is what the command prints) or raises ``SalvageError``.

How:

1. The rows are recovered with SQLite's own recovery, the ``sqlite3`` shell's
   ``.recover`` (Debian package ``sqlite3``), run on a copy of BROKEN (and of its
   ``-wal``: opening the file itself would let SQLite checkpoint into it) and piped
   into a scratch database. Where that shell cannot recover (Debian 12's 3.40.1 links
   a libsqlite3 without the ``sqlite_dbpage`` table ``.recover`` reads pages through),
   ``--engine auto`` reads the pages itself (``reporter.sqlite_pages``), as
   ``.recover`` would with ``--ignore-freelist``; ``--engine sqlite3`` fails instead.
2. Rows ``.recover`` could not attribute to a table (``lost_and_found``: a damaged
   interior page or schema orphans whole leaves) are attributed by their shape: a
   chunk is five fields: an integer run id and seq, a stream name, a blob and a
   text (its time; not compared with the run's start, which a ``--follow`` level's
   chunks precede). Rows deleted on purpose are not brought back: freelist pages are
   not read.
3. Each run whose row survived is judged: intact when its chunks' seq run from 0
   without a gap, its stored stdout and stderr bytes are ``runs.stdout_bytes`` and
   ``stderr_bytes``, and each classified message's raw line is that line of its
   stderr. Intact runs are copied as they were; damaged ones are kept too, with
   every byte that survived, marked ``abandoned`` with a reason naming what is
   missing (a user who lost a disk wants what is left; ``errtrail-report merge``
   replaces such a partial copy by a whole one from another archive). Their byte
   counts become the bytes kept, so reports read what is there.
4. Messages are classified again from the recovered stderr, as the collector does;
   sources are kept when their sha256 still matches their bytes; chain links between
   kept runs are kept. The stored analysis (analyses, paths, invocations, verdicts)
   and remembered source misses are not: the next report computes them again.

What "intact" cannot see: a byte changed inside a chunk's data (SQLite keeps no
checksum of it, and neither does the archive), and lost last chunks of the traced
program's own streams (``program_stdout``/``program_stderr``: ``runs`` counts no bytes
of theirs, so only a gap in seq shows their loss).

BROKEN is only read; GOOD is built next to itself under a temporary name and linked
into place at the end, so it is never overwritten nor left half-written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid as uuid_mod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from collector import messages as stderr_messages
from collector.archive import (
    STATUSES,
    STREAMS,
    Archive,
    Message,
    parse_iso,
    schema_migrations,
)
from collector.errors import ErrtrailError
from reporter.sqlite_pages import MAX_FIELDS, leaf_rows

__all__ = ["ENGINES", "RunOutcome", "SalvageError", "SalvageReport", "salvage_archive"]

ENGINES = ("auto", "sqlite3", "pages")
SHELL, SHELL_PACKAGE = "sqlite3", "sqlite3"  # the sqlite3 shell and its Debian package
# Seconds for the shell's one-line capability check (a healthy shell answers at once).
PROBE_TIMEOUT_S = 30
# Chunks copied per batch into GOOD: a few MiB in memory at a time.
CHUNK_BATCH = 8
# The tables of raw facts that are salvaged; every other table is derived and is
# computed again by the next report.
SIDE_TABLES = ("build_id_files", "chain_links", "invocation_links")
# The suffixes of SQLite's side files: BROKEN's are copied with it, GOOD's must not exist.
SIDE_FILES = ("-wal", "-journal")
SOURCE_ORIGINS = ("url", "local", "elfutils-cache")


class SalvageError(ErrtrailError):
    """Nothing could be salvaged, or GOOD cannot be written; the message says why."""


@dataclass
class RunOutcome:
    """One run whose row survived: what was kept against what the row records."""

    id: int
    uuid: str
    stdout: tuple[int, int]  # bytes kept, bytes expected
    stderr: tuple[int, int]
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    def line(self) -> str:
        out, err = self.stdout, self.stderr
        text = (f"  run {self.id} {self.uuid}: stdout {out[0]:,}/{out[1]:,} bytes,"
                f" stderr {err[0]:,}/{err[1]:,} bytes")
        return text + (f" ({'; '.join(self.problems)})" if self.problems else "")


@dataclass
class SalvageReport:
    """What ``salvage_archive`` recovered and what it lost."""

    broken: Path
    good: Path
    engine: str
    runs: list[RunOutcome] = field(default_factory=list)
    orphans: dict[int, tuple[int, int]] = field(default_factory=dict)  # run id -> chunks, bytes
    sources_kept: int = 0
    sources_dropped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        intact = [r for r in self.runs if r.intact]
        damaged = [r for r in self.runs if not r.intact]
        lines = [f"salvaged {self.broken} into {self.good} ({self.engine})",
                 f"intact: {len(intact)} run(s), copied byte for byte"]
        lines += [r.line() for r in intact]
        lines.append(f"damaged: {len(damaged)} run(s), kept with the bytes that survived,"
                     " marked abandoned")
        lines += [r.line() for r in damaged]
        if self.orphans:
            lines.append(f"lost: {len(self.orphans)} run(s) whose row is gone (uuid, command"
                         " and metadata unreadable), their output not kept")
            lines += [f"  run {rid}: {n} chunk(s), {size:,} bytes"
                      for rid, (n, size) in sorted(self.orphans.items())]
        lines.append(f"sources: {self.sources_kept} kept"
                     + (f", {len(self.sources_dropped)} dropped (bytes no longer match their"
                        f" sha256): {', '.join(self.sources_dropped[:5])}"
                        if self.sources_dropped else ""))
        lines += [f"note: {n}" for n in self.notes]
        lines.append("not salvaged: the stored analysis (the next report computes it again)")
        return "\n".join(lines) + "\n"


def salvage_archive(broken: Path, good: Path, *, engine: str = "auto") -> SalvageReport:
    """Recover every run of the damaged archive ``broken`` into a new archive ``good``."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}")
    _check_paths(broken, good)
    work = Path(tempfile.mkdtemp(prefix=f".{good.name}.salvage-", dir=good.parent))
    try:
        scratch = work / "recovered.db"
        how = _recover(broken, scratch, work, engine)
        report = SalvageReport(broken, good, how)
        with contextlib.closing(sqlite3.connect(scratch)) as conn:
            conn.row_factory = sqlite3.Row
            staged = work / "good.db"
            with Archive.open(staged) as dest:
                _Salvage(_Recovered(conn, dest), dest, report).run()
        _publish(staged, good)
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _check_paths(broken: Path, good: Path) -> None:
    if not broken.is_file():
        raise SalvageError(f"no archive at {broken}: give the damaged archive's path")
    taken = [p for p in (good, *(Path(f"{good}{s}") for s in SIDE_FILES)) if p.exists()]
    if taken:
        raise SalvageError(f"{taken[0]} already exists: salvage never overwrites; give -o a"
                           " new file's path")
    try:
        good.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise SalvageError(f"cannot create {good.parent} for {good}: {e.strerror}") from e


def _publish(staged: Path, good: Path) -> None:
    """Put the finished archive at ``good``, failing rather than replacing a file that
    appeared there meanwhile."""
    try:
        os.link(staged, good)
    except FileExistsError as e:
        raise SalvageError(f"{good} appeared while salvaging: not overwritten") from e
    except OSError:
        # A file system without hard links: an exclusive create, then the bytes.
        try:
            with staged.open("rb") as src, good.open("xb") as out:
                shutil.copyfileobj(src, out)
        except OSError as e:
            raise SalvageError(f"cannot write {good}: {e}") from e


# -- recovering rows ------------------------------------------------------------------


def shell_problem(shell: str) -> str | None:
    """Why the ``sqlite3`` shell at ``shell`` cannot run ``.recover`` (``None``: it can)."""
    def ask(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([shell, "-batch", ":memory:", command], capture_output=True,
                              text=True, timeout=PROBE_TIMEOUT_S, check=False)

    try:
        probe = ask(".recover")
        if probe.returncode == 0 and not probe.stderr.strip():
            return None
        if ask("SELECT 1 FROM sqlite_dbpage LIMIT 0").returncode != 0:
            version = ask("SELECT sqlite_version()").stdout.strip()
            return (f"its SQLite library ({version}) lacks the sqlite_dbpage table"
                    " (SQLITE_ENABLE_DBPAGE_VTAB) that .recover reads pages through, as"
                    " Debian 12's does")
        return f".recover fails: {probe.stderr.strip()[:200]}"
    except (OSError, subprocess.SubprocessError) as e:
        return f"it cannot be run ({e})"


def _recover(broken: Path, scratch: Path, work: Path, engine: str) -> str:
    """Fill ``scratch`` with BROKEN's rows; how it was done, in words."""
    shell = shutil.which(SHELL)
    problem = (f"{SHELL} was not found (Debian package {SHELL_PACKAGE})" if shell is None
               else shell_problem(shell) if engine != "pages" else None)
    if engine == "sqlite3" and problem is not None:
        raise SalvageError(f"cannot recover with the sqlite3 shell: {problem}; install a"
                           f" sqlite3 that can (apt-get install {SHELL_PACKAGE}), or pass"
                           " --engine pages")
    if engine == "pages" or problem is not None:
        _read_pages(broken, scratch)
        why = f"; the sqlite3 shell was not used: {problem}" if problem else ""
        return f"rows read from the file's pages by errtrail{why}"
    assert shell is not None
    failed = _shell_recover(shell, broken, scratch, work)
    return f"rows recovered by {shell} .recover" + (
        f"; {failed} line(s) of errors loading its SQL (rows it rebuilt that break the"
        " schema's constraints are left out)" if failed else "")


def _shell_recover(shell: str, broken: Path, scratch: Path, work: Path) -> int:
    """``sqlite3 COPY .recover | sqlite3 SCRATCH``, on a copy: BROKEN stays untouched.
    Returns how many lines of errors loading the SQL gave."""
    copy = work / "broken.db"
    for suffix in ("", *SIDE_FILES):
        if Path(f"{broken}{suffix}").is_file():
            shutil.copyfile(f"{broken}{suffix}", f"{copy}{suffix}")
    errors, load_errors = work / "recover.err", work / "load.err"
    with errors.open("wb") as err, load_errors.open("wb") as load_err:
        dump = subprocess.Popen([shell, "-batch", str(copy), ".recover --ignore-freelist"],
                                stdout=subprocess.PIPE, stderr=err)
        load = subprocess.Popen([shell, "-batch", str(scratch)], stdin=dump.stdout,
                                stdout=subprocess.DEVNULL, stderr=load_err)
        assert dump.stdout is not None
        dump.stdout.close()  # the loader holds the pipe now
        load.wait()
        if dump.wait() != 0:
            said = errors.read_text(errors="replace").strip()[:300]
            raise SalvageError(f"{shell} .recover failed on a copy of {broken}"
                               f" (exit {dump.returncode}: {said}); try --engine pages")
    return len(load_errors.read_bytes().splitlines())


def _read_pages(broken: Path, scratch: Path) -> None:
    """Every leaf row of BROKEN (and its WAL) into ``lost_and_found``, laid out as
    ``.recover`` lays its own: rootpgno, pgno, nfield, id, c0, c1, ..."""
    cols = ", ".join(f"c{i}" for i in range(MAX_FIELDS))
    marks = ", ".join("?" for _ in range(MAX_FIELDS + 4))
    with contextlib.closing(sqlite3.connect(scratch)) as conn:
        conn.execute(f"CREATE TABLE lost_and_found (rootpgno, pgno, nfield, id, {cols})")
        batch: list[list[object]] = []
        for row in leaf_rows(broken, Path(f"{broken}-wal")):
            pad = [None] * (MAX_FIELDS - len(row.values))
            batch.append([None, row.pgno, len(row.values), row.rowid, *row.values, *pad])
            if len(batch) >= CHUNK_BATCH:
                conn.executemany(f"INSERT INTO lost_and_found VALUES ({marks})", batch)
                batch = []
        conn.executemany(f"INSERT INTO lost_and_found VALUES ({marks})", batch)
        conn.commit()


# -- reading what was recovered ---------------------------------------------------------

# What a lost_and_found row of each table looks like: a condition over its fields
# c0, c1, ... (the table's columns in schema.sql's order; an INTEGER PRIMARY KEY is
# stored as NULL, its value being the row's id).
_SHAPES = {
    "runs": f"nfield >= 20 AND c0 IS NULL AND typeof(c1) = 'text' AND length(c1) = 36"
            f" AND c2 IN {STATUSES!r} AND typeof(c4) = 'text'",
    "output_chunks": f"nfield = 5 AND typeof(c0) = 'integer' AND typeof(c1) = 'integer'"
                     f" AND c2 IN {STREAMS!r} AND typeof(c3) = 'blob' AND typeof(c4) = 'text'",
    "messages": "nfield = 12 AND typeof(c0) = 'integer' AND typeof(c1) = 'integer'"
                " AND typeof(c2) = 'text' AND typeof(c3) = 'text' AND typeof(c11) = 'blob'",
    "sources": f"nfield BETWEEN 8 AND 9 AND typeof(c0) = 'text' AND typeof(c3) = 'text'"
               f" AND length(c3) = 64 AND typeof(c4) = 'blob' AND c5 IN {SOURCE_ORIGINS!r}",
    "_sqlite_migrations": "nfield = 4 AND c0 IS NULL AND c1 = 'errtrail' AND typeof(c2) = 'text'",
}
# The INTEGER PRIMARY KEY of each table above that has one (its value is the row id).
_ROWID_COLUMNS = {"runs": "id", "_sqlite_migrations": "id"}
_MIGRATION_COLUMNS = ["id", "migration_set", "name", "applied_at"]


@dataclass(frozen=True)
class _Chunk:
    seq: int
    stream: str
    size: int
    key: tuple[str, int]  # ("t", rowid of output_chunks) or ("l", rowid of lost_and_found)


class _Recovered:
    """The scratch database: tables ``.recover`` rebuilt, plus ``lost_and_found`` rows
    read by their shape as rows of the archive's tables."""

    def __init__(self, conn: sqlite3.Connection, dest: Archive) -> None:
        self.conn = conn
        self.columns = {t: [r[1] for r in dest.conn.execute(f"PRAGMA table_info({t})")]
                        for t in ("runs", "output_chunks", "messages", "sources")}
        self.columns["_sqlite_migrations"] = _MIGRATION_COLUMNS
        self.tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        self.lost = "lost_and_found" in self.tables
        if self.lost:
            # .recover makes as many c<N> as its widest orphan has fields: the shapes
            # name more (a run is 44), so the scratch copy gets the rest, NULL.
            have = {r[1] for r in conn.execute("PRAGMA table_info(lost_and_found)")}
            for i in range(max(len(c) for c in self.columns.values())):
                if f"c{i}" not in have:
                    conn.execute(f"ALTER TABLE lost_and_found ADD COLUMN c{i}")
            conn.execute("CREATE INDEX IF NOT EXISTS errtrail_lost_c0 ON lost_and_found (c0)")

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every recovered row of ``table``, as column -> value."""
        if table in self.tables:
            cur = self.conn.execute(f'SELECT * FROM "{table}"')
            names = [d[0] for d in cur.description]
            for row in cur:
                yield dict(zip(names, row, strict=True))
        if self.lost and table in _SHAPES:
            cols = self.columns[table]
            fields = ", ".join(f"c{i}" for i in range(len(cols)))
            for row in self.conn.execute(
                    f"SELECT id, {fields} FROM lost_and_found WHERE {_SHAPES[table]}"):
                values = dict(zip(cols, row[1:], strict=True))
                if table in _ROWID_COLUMNS:
                    values[_ROWID_COLUMNS[table]] = row[0]
                yield values

    def side_rows(self, table: str) -> list[dict[str, Any]]:
        """Rows of a table that is taken only as ``.recover`` rebuilt it."""
        return list(self.rows(table)) if table in self.tables else []

    def chunks(self, run_id: int) -> list[_Chunk]:
        """The run's chunks, one per seq (the rebuilt table's first, then orphaned
        ones), in seq order."""
        found: dict[int, _Chunk] = {}
        if "output_chunks" in self.tables:
            for rowid, seq, stream, size in self.conn.execute(
                    "SELECT rowid, seq, stream, length(data) FROM output_chunks"
                    f" WHERE run_id = ? AND typeof(seq) = 'integer' AND stream IN {STREAMS!r}"
                    " AND typeof(data) = 'blob'", [run_id]):
                found.setdefault(seq, _Chunk(seq, stream, size, ("t", rowid)))
        if self.lost:
            for rowid, seq, stream, size in self.conn.execute(
                    "SELECT rowid, c1, c2, length(c3) FROM lost_and_found"
                    f" WHERE c0 = ? AND {_SHAPES['output_chunks']}", [run_id]):
                found.setdefault(seq, _Chunk(seq, stream, size, ("l", rowid)))
        return [found[s] for s in sorted(found)]

    def chunk_row(self, chunk: _Chunk) -> tuple[bytes, str]:
        """The chunk's data and received_at."""
        kind, rowid = chunk.key
        sql = ("SELECT data, received_at FROM output_chunks WHERE rowid = ?" if kind == "t"
               else "SELECT c3, c4 FROM lost_and_found WHERE rowid = ?")
        data, received = self.conn.execute(sql, [rowid]).fetchone()
        return bytes(data), str(received)

    def orphans(self, kept: set[int]) -> dict[int, tuple[int, int]]:
        """Chunks of runs whose row is lost: run id -> (chunks, bytes)."""
        out: dict[int, tuple[int, int]] = {}
        queries = []
        if "output_chunks" in self.tables:
            queries.append("SELECT run_id, count(*), sum(length(data)) FROM output_chunks"
                           " GROUP BY run_id")
        if self.lost:
            queries.append("SELECT c0, count(*), sum(length(c3)) FROM lost_and_found"
                           f" WHERE {_SHAPES['output_chunks']} GROUP BY c0")
        for sql in queries:
            for rid, n, size in self.conn.execute(sql):
                if isinstance(rid, int) and rid not in kept:
                    have = out.get(rid, (0, 0))
                    out[rid] = (have[0] + n, have[1] + (size or 0))
        return out


# -- judging and copying runs -------------------------------------------------------------


def _bad_run_row(row: dict[str, Any]) -> str | None:
    """What makes a recovered ``runs`` row unusable, or ``None``."""
    try:
        if not isinstance(row.get("id"), int) or row["id"] < 1:
            return "no run id"
        if str(uuid_mod.UUID(str(row["uuid"]))) != row["uuid"]:
            return f"uuid {row['uuid']!r}"
        if row["status"] not in STATUSES:
            return f"status {row['status']!r}"
        command = json.loads(row["command"])
        if not (isinstance(command, list) and all(isinstance(a, str) for a in command)):
            return "command"
        parse_iso(row["started_at"])
        for name in ("stdout_bytes", "stderr_bytes"):
            if not isinstance(row.get(name), int) or row[name] < 0:
                return name
        if not isinstance(row.get("collector_version"), str):
            return "collector_version"
    except (KeyError, TypeError, ValueError) as e:
        return f"{type(e).__name__}: {e}"
    return None


def _spans(numbers: Sequence[int]) -> str:
    """``3-4, 7`` for [3, 4, 7].

    >>> _spans([3, 4, 7, 9, 10, 11])
    '3-4, 7, 9-11'
    """
    out: list[str] = []
    for n in numbers:
        if out and n == int(out[-1].rsplit("-", 1)[-1]) + 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _byte_problem(stream: str, kept: int, expected: int) -> str | None:
    if kept < expected:
        return f"{expected - kept:,} of {expected:,} bytes of {stream} missing"
    if kept > expected:
        return f"{kept - expected:,} bytes of {stream} more than the run recorded"
    return None


class _Salvage:
    """Copies what ``_Recovered`` holds into the new archive, filling the report."""

    def __init__(self, rec: _Recovered, dest: Archive, report: SalvageReport) -> None:
        self.rec, self.dest, self.report = rec, dest, report
        self.messages: dict[int, dict[int, bytes]] = {}
        for m in rec.rows("messages"):
            if isinstance(m.get("line_no"), int) and isinstance(m.get("raw"), bytes):
                self.messages.setdefault(m["run_id"], {})[m["line_no"]] = m["raw"]

    def run(self) -> None:
        self._check_migrations()
        runs = self._runs()
        for row in runs:
            self.report.runs.append(self._copy_run(row))
        kept = {int(r["id"]) for r in runs}
        self.report.orphans = self.rec.orphans(kept)
        self._copy_sources()
        self._copy_links(kept)
        if not runs and not self.report.sources_kept:
            lost = sum(n for n, _ in self.report.orphans.values())
            raise SalvageError(
                f"nothing of an errtrail archive could be salvaged from {self.report.broken}:"
                f" no run's row and no source survived ({lost} chunk(s) of output without"
                " their run); is it an errtrail archive?")

    def _check_migrations(self) -> None:
        known = {name for name, _ in schema_migrations()}
        names = {r.get("name") for r in self.rec.rows("_sqlite_migrations")
                 if r.get("migration_set") == "errtrail"}
        unknown = sorted(str(n) for n in names - known)
        if unknown:
            raise SalvageError(
                f"{self.report.broken} was written by a newer errtrail (schema migration(s)"
                f" {', '.join(unknown)}); salvage it with that errtrail, or upgrade")

    def _runs(self) -> list[dict[str, Any]]:
        """The recovered runs rows that can be used, one per id and uuid, by id."""
        out: dict[int, dict[str, Any]] = {}
        uuids: set[str] = set()
        for row in self.rec.rows("runs"):
            problem = _bad_run_row(row)
            if problem is not None:
                self.report.notes.append(f"a runs row was unreadable ({problem}) and left out")
            elif row["id"] not in out and row["uuid"] not in uuids:
                out[row["id"]] = row
                uuids.add(row["uuid"])
        return [out[k] for k in sorted(out)]

    def _copy_run(self, row: dict[str, Any]) -> RunOutcome:
        rid = int(row["id"])
        chunks = self.rec.chunks(rid)
        sizes = {s: sum(c.size for c in chunks if c.stream == s) for s in ("stdout", "stderr")}
        outcome = RunOutcome(rid, row["uuid"], (sizes["stdout"], row["stdout_bytes"]),
                             (sizes["stderr"], row["stderr_bytes"]))
        missing = sorted(set(range(chunks[-1].seq + 1 if chunks else 0))
                         - {c.seq for c in chunks})
        if missing:
            outcome.problems.append(f"chunk(s) {_spans(missing)} missing")
        for stream in ("stdout", "stderr"):
            problem = _byte_problem(stream, sizes[stream], row[f"{stream}_bytes"])
            if problem:
                outcome.problems.append(problem)
        new = {**row, "owner_pid": None, "owner_boot_id": None, "owner_start_ticks": None,
               "header_count": None, "stdout_bytes": sizes["stdout"],
               "stderr_bytes": sizes["stderr"]}
        with self.dest.transaction():
            self.dest.insert_rows("runs", [new])
            stderr = self._copy_chunks(rid, chunks)
            lines = stderr_messages.classify_stderr(stderr)
            if sizes["stderr"] == row["stderr_bytes"]:  # else said already
                self._check_messages(rid, lines, outcome)
            self.dest.store_messages(rid, lines)
            status = self._status(row, outcome)
            if status is not None:
                self.dest.update_run(rid, status="abandoned", status_reason=status)
        return outcome

    def _copy_chunks(self, rid: int, chunks: Sequence[_Chunk]) -> bytes:
        """The chunks into the new archive, in batches; the run's stderr."""
        stderr: list[bytes] = []
        batch: list[dict[str, Any]] = []
        for chunk in chunks:
            data, received = self.rec.chunk_row(chunk)
            if chunk.stream == "stderr":
                stderr.append(data)
            batch.append({"run_id": rid, "seq": chunk.seq, "stream": chunk.stream,
                          "data": data, "received_at": received})
            if len(batch) >= CHUNK_BATCH:
                self.dest.insert_rows("output_chunks", batch)
                batch = []
        self.dest.insert_rows("output_chunks", batch)
        return b"".join(stderr)

    def _check_messages(self, rid: int, lines: Sequence[Message],
                        outcome: RunOutcome) -> None:
        """Each recovered message must be its stderr line: the collector classified
        the stderr it stored, so a difference is a damaged byte in one of them."""
        raws = {m.line_no: m.raw for m in lines}
        differ = sorted(n for n, raw in self.messages.get(rid, {}).items() if raws.get(n) != raw)
        if differ:
            outcome.problems.append(
                f"stderr line(s) {_spans(differ)} differ from their stored messages")

    def _status(self, row: dict[str, Any], outcome: RunOutcome) -> str | None:
        """The new status_reason of a run kept as ``abandoned`` (``None``: as it was)."""
        was = row["status"] + (f": {row['status_reason']}" if row["status_reason"] else "")
        if outcome.problems:
            return (f"salvaged from {self.report.broken.name} with output missing:"
                    f" {'; '.join(outcome.problems)} (it was {was})")
        if row["status"] == "running":
            return (f"salvaged from {self.report.broken.name} while it was being captured"
                    f" (it was {was})")
        return None

    def _copy_sources(self) -> None:
        seen: set[tuple[str, str]] = set()
        for row in self.rec.rows("sources"):
            key = (row.get("build_id"), row.get("path"))
            data = row.get("data")
            if not (isinstance(key[0], str) and isinstance(key[1], str)
                    and isinstance(data, bytes)) or key in seen:
                continue
            if hashlib.sha256(data).hexdigest() != row.get("sha256"):
                self.report.sources_dropped.append(f"{key[0][:12]} {key[1]}")
                continue
            seen.add((key[0], key[1]))
            with self.dest.transaction():
                self.dest.insert_rows("sources", [row], or_ignore=True)
        self.report.sources_kept = len(seen)

    def _copy_links(self, kept: set[int]) -> None:
        """The side tables, as ``.recover`` rebuilt them: links among kept runs only."""
        refs = {"build_id_files": (), "chain_links": ("run_id", "root_run", "parent_run"),
                "invocation_links": ("run_id", "parent_run")}
        with self.dest.transaction():
            for table in SIDE_TABLES:
                rows = [r for r in self.rec.side_rows(table)
                        if all(r.get(k) in kept for k in refs[table])]
                self.dest.insert_rows(table, rows, or_ignore=True)
