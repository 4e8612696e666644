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
from collector.archive import Archive, Chunk, RunMeta, utc_now
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


def _chunks(path: Path, stream: str) -> Iterator[Chunk]:
    with path.open("rb") as f:
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


def import_trace(
    archive_path: Path,
    trace: Path,
    meta: RunMeta,
    *,
    stderr: Path | None = None,
) -> ImportResult:
    """Store ``trace`` (stdout) and optionally ``stderr`` as a new run.

    ``trace`` may also be a spill directory (``errtrail-spill-<uuid>``): its
    ``run.json`` supplies the metadata and status, its stream files the bytes.
    """
    status, reason, run_uuid = None, None, None
    exit_status: int | None = None
    exit_signal: int | None = None
    if trace.is_dir():
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
        meta = replace(RunMeta(**saved), label=meta.label or saved.get("label"))
        status = spilled.get("status") or "abandoned"
        reason = spilled.get("status_reason") or "the collector stopped before finishing the spill"
        reason = f"{reason}; recovered from spill directory {trace}"
        run_uuid = spilled.get("run_uuid")
        exit_status, exit_signal = spilled.get("exit_status"), spilled.get("exit_signal")
        files = {s: trace / s for s in SPILL_STREAMS if (trace / s).is_file()}
    else:
        files = {"stdout": _readable(trace, "trace")}
        _check_line_ends(trace)
        if stderr is not None:
            files["stderr"] = _readable(stderr, "stderr file")
        failure = _failure_line(files.get("stderr"))
        if failure is not None:
            # stap said it failed (nothing ran after a pass 1-4 error; staprun exited
            # non-zero after pass 5): what `errtrail-collect run` records as failed from
            # the exit status, which an import does not have.
            status = "failed"
            reason = f"imported from {trace}; stderr says stap failed: {failure}"
        elif _ends_with_statistics(trace):
            status, reason = "complete", f"imported from {trace}"
        else:
            status = "interrupted"
            reason = (
                f"imported from {trace}, which has no statistics block at the end:"
                " stap did not finish normally"
            )

    sizes: dict[str, int] = {}
    with Archive.open(archive_path) as archive:
        if run_uuid and any(r.uuid == run_uuid for r in archive.runs()):
            raise TraceImportError(
                f"run {run_uuid} is already in {archive_path}; nothing to recover"
            )
        with archive.transaction():
            run_id = archive.create_run(
                replace(meta, origin="import") if not trace.is_dir() else meta,
                status="running",
                run_uuid=run_uuid,
            )
            seq = 0
            for stream, path in sorted(files.items()):
                for chunk in _chunks(path, stream):
                    seq = archive.append_chunks(run_id, seq, [chunk])
                    sizes[stream] = sizes.get(stream, 0) + len(chunk.data)
            if "stderr" in files:
                archive.store_messages(
                    run_id, stderr_messages.classify_stderr(files["stderr"].read_bytes())
                )
            archive.finish_run(
                run_id, status, reason=reason, exit_status=exit_status, exit_signal=exit_signal
            )
        run = archive.get_run(run_id)
    return ImportResult(run_id, run.uuid, run.status, sizes)
