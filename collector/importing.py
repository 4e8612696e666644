"""Importing output captured without errtrail (``stap ... > out 2> err``) or spilled
by a collector whose archive could not be written.

Others call ``import_trace(archive_path, trace, ...)``. Everything is checked before
anything is written, and the whole import is one transaction: bad input writes
nothing. Bytes are stored exactly as read, in chunks of at most ``CHUNK_SIZE``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from collector import messages as stderr_messages
from collector.archive import SPILLED_MARK, Archive, Chunk, Run, RunMeta, utc_now
from collector.errors import ErrtrailError

CHUNK_SIZE = 1 << 20
SPILL_STREAMS = ("stdout", "stderr", "program_stdout", "program_stderr")


class TraceImportError(ErrtrailError):
    """The files to import are missing or unreadable; nothing was written."""


@dataclass(frozen=True)
class ImportResult:
    run_id: int
    uuid: str
    status: str
    bytes_by_stream: dict[str, int]


def _chunks(path: Path, stream: str, skip: int = 0) -> Iterator[Chunk]:
    with path.open("rb") as f:
        f.seek(skip)
        while data := f.read(CHUNK_SIZE):
            yield Chunk(stream, data, utc_now())


# The first 16 bytes of every SQLite 3 database file (https://sqlite.org/fileformat.html).
SQLITE_MAGIC = b"SQLite format 3\x00"


def _readable(path: Path, what: str) -> Path:
    if not path.exists():
        raise TraceImportError(
            f"{what} {path} does not exist; give the file stap's output was saved to"
        )
    if path.is_dir():
        raise TraceImportError(f"{what} {path} is a directory; give a file")
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as e:
        raise TraceImportError(f"cannot read {what} {path}: {e.strerror}") from e
    if head == SQLITE_MAGIC:
        raise TraceImportError(
            f"{what} {path} is an SQLite database (an errtrail archive?), not trace text;"
            f" bring its runs in with: errtrail-report merge {path} --into ARCHIVE")
    return path


def _check_line_ends(path: Path) -> None:
    """Refuse a trace whose lines end in a lone CR (old Mac captures, some terminal
    loggers): stap prints "\\n", and read as it is the file would be one header whose
    return value is the rest of it. Converting is the user's, on a copy: raw bytes
    are stored as they are."""
    with path.open("rb") as f:
        head = f.read(CHUNK_SIZE)
    lone = head.count(b"\r") - head.count(b"\r\n")
    newlines = head.count(b"\n")
    if lone and lone >= newlines:
        raise TraceImportError(
            f"trace {path} ends its lines with a lone CR (\\r: {lone} in its first MiB,"
            f" {newlines} newlines), which stap never prints; convert a copy with"
            f" tr '\\r' '\\n' < {path} > {path}.lf and import that; nothing was written")


def _ends_with_statistics(path: Path) -> bool:
    # stap prints the statistics block in its end probe, also after ^C: its absence
    # means stap never got to finish normally.
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 4096))
        return b"statistics:" in f.read()


def _failure_line(stderr: Path | None) -> str | None:
    """The first stderr line saying that stap failed (a semantic or parse error, a
    failed pass), as text; ``None`` when there is none."""
    if stderr is None:
        return None
    for m in stderr_messages.classify_stderr(stderr.read_bytes()):
        if m.category == "fatal" or m.kind == "pass_failed":
            return stderr_messages.strip_ansi(m.raw.decode("utf-8", "replace")).strip()
    return None


@dataclass(frozen=True)
class _Plan:
    """What an import stores: the run's metadata and final status, and its files."""

    meta: RunMeta
    files: dict[str, Path]
    status: str
    reason: str
    run_uuid: str | None = None
    exit_status: int | None = None
    exit_signal: int | None = None
    from_start: bool = True  # a spill: it holds the run from its first byte


def _spill_plan(trace: Path, meta: RunMeta) -> _Plan:
    run_json = trace / "run.json"
    if not run_json.is_file():
        raise TraceImportError(
            f"{trace} is a directory without run.json: not a spill directory;"
            " give the file holding stap's stdout"
        )
    try:
        spilled = json.loads(run_json.read_text())
    except (OSError, ValueError) as e:
        raise TraceImportError(f"cannot read {run_json}: {e}") from e
    known = {f.name for f in fields(RunMeta)}
    saved = {k: v for k, v in spilled.get("meta", {}).items() if k in known}
    saved["command"] = tuple(saved.get("command", ()))
    reason = spilled.get("status_reason") or "the collector stopped before finishing the spill"
    return _Plan(
        meta=replace(RunMeta(**saved), label=meta.label or saved.get("label")),
        files={s: trace / s for s in SPILL_STREAMS if (trace / s).is_file()},
        status=spilled.get("status") or "abandoned",
        reason=f"{reason}; recovered from spill directory {trace}",
        run_uuid=spilled.get("run_uuid"), exit_status=spilled.get("exit_status"),
        exit_signal=spilled.get("exit_signal"),
        from_start=spilled.get("complete_from_start", True) is not False)


def _file_plan(trace: Path, meta: RunMeta, stderr: Path | None) -> _Plan:
    files = {"stdout": _readable(trace, "trace")}
    _check_line_ends(trace)
    if stderr is not None:
        files["stderr"] = _readable(stderr, "stderr file")
    failure = _failure_line(files.get("stderr"))
    meta = replace(meta, origin="import")
    if failure is not None:
        # stap said it failed (nothing ran after a pass 1-4 error; staprun exited
        # non-zero after pass 5): what `errtrail-collect run` records as failed from
        # the exit status, which an import does not have.
        return _Plan(meta, files, "failed",
                     f"imported from {trace}; stderr says stap failed: {failure}")
    if _ends_with_statistics(trace):
        return _Plan(meta, files, "complete", f"imported from {trace}")
    return _Plan(meta, files, "interrupted", f"imported from {trace}, which has no statistics"
                 " block at the end: stap did not finish normally")


def import_trace(
    archive_path: Path,
    trace: Path,
    meta: RunMeta,
    *,
    stderr: Path | None = None,
) -> ImportResult:
    """Store ``trace`` (stdout) and optionally ``stderr`` as a new run.

    ``trace`` may also be a spill directory (``errtrail-spill-<uuid>``): its
    ``run.json`` supplies the metadata and status, its stream files the bytes. When
    its run is already in the archive, left unfinished there by the failure that made
    the spill, the import completes it (``_complete``).
    """
    plan = _spill_plan(trace, meta) if trace.is_dir() else _file_plan(trace, meta, stderr)
    with Archive.open(archive_path) as archive:
        known = next((r for r in archive.runs() if plan.run_uuid and r.uuid == plan.run_uuid),
                     None)
        if known is not None:
            sizes = _complete(archive, known, plan, archive_path)
            run_id = known.id
        else:
            run_id, sizes = _store_new(archive, plan)
        run = archive.get_run(run_id)
    return ImportResult(run_id, run.uuid, run.status, sizes)


def _store_new(archive: Archive, plan: _Plan) -> tuple[int, dict[str, int]]:
    sizes: dict[str, int] = {}
    with archive.transaction():
        run_id = archive.create_run(plan.meta, status="running", run_uuid=plan.run_uuid)
        seq = 0
        for stream, path in sorted(plan.files.items()):
            for chunk in _chunks(path, stream):
                seq = archive.append_chunks(run_id, seq, [chunk])
                sizes[stream] = sizes.get(stream, 0) + len(chunk.data)
        _finish(archive, run_id, plan)
    return run_id, sizes


def _finish(archive: Archive, run_id: int, plan: _Plan) -> None:
    """Classify the run's whole stderr as stored, and close the run as ``plan`` says."""
    if "stderr" in plan.files:
        archive.conn.execute("DELETE FROM messages WHERE run_id = ?", [run_id])
        archive.store_messages(
            run_id, stderr_messages.classify_stderr(archive.stream_bytes(run_id, "stderr")))
    archive.finish_run(run_id, plan.status, reason=plan.reason,
                       exit_status=plan.exit_status, exit_signal=plan.exit_signal)


def _complete(archive: Archive, run: Run, plan: _Plan, archive_path: Path) -> dict[str, int]:
    """Append to ``run`` what its spill holds past what the archive kept, once the
    archive's bytes are checked to be the spill's first bytes; each stream's bytes
    then are exactly the spill's (or, for a spill that could not copy the archive's
    part first, the archive's then the spill's)."""
    # Unfinished (the collector could not even close it), or closed with its output
    # spilled (the disk had room again for the closing row, not for the chunks).
    spilled = SPILLED_MARK in (run.status_reason or "")
    if run.status not in ("running", "abandoned") and not spilled:
        raise TraceImportError(
            f"run {run.uuid} is already in {archive_path} and finished ({run.status});"
            " nothing to recover")
    added: dict[str, int] = {}
    with archive.transaction():
        seq = _next_seq(archive, run.id)
        for stream, path in sorted(plan.files.items()):
            stored = sum(n for _, n in archive.chunk_layout(run.id, stream))
            skip = _same_start(archive, run.id, stream, path, stored) if plan.from_start else 0
            for chunk in _chunks(path, stream, skip):
                seq = archive.append_chunks(run.id, seq, [chunk])
                added[stream] = added.get(stream, 0) + len(chunk.data)
        _finish(archive, run.id, replace(plan, reason=f"{plan.reason} (completed: the archive"
                                         " held the start of the run)"))
    return added


def _next_seq(archive: Archive, run_id: int) -> int:
    row = archive.conn.execute("SELECT max(seq) FROM output_chunks WHERE run_id = ?",
                               [run_id]).fetchone()
    return 0 if row[0] is None else int(row[0]) + 1


def _same_start(archive: Archive, run_id: int, stream: str, path: Path, stored: int) -> int:
    """``stored`` when the spill file starts with the archive's bytes of ``stream``;
    else the import is refused (the two are not the same run's output)."""
    offset = 0
    with path.open("rb") as f:
        for chunk in archive.iter_chunks(run_id, stream):
            spilled = f.read(len(chunk.data))
            if spilled != chunk.data:
                # Lengths may differ (a spill shorter than the archive's part).
                at = offset + next((i for i, (x, y) in enumerate(zip(spilled, chunk.data,
                                                                     strict=False))
                                    if x != y), min(len(spilled), len(chunk.data)))
                raise TraceImportError(
                    f"the archive's {stream} of run {run_id} differs from {path} at byte {at}:"
                    " they are not the same output; nothing was written (import the spill"
                    " into another archive with --archive OTHER)")
            offset += len(chunk.data)
    return stored
