"""The ``errtrail-collect`` command: thin click commands over the collector's library.

Owns argument handling and output formatting only; library errors become
``Error: ...`` on stderr with exit status 1 (``run`` exits with the child's status).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import click

from collector import __version__
from collector.archive import Archive, ArchiveError, Run, default_archive_path
from collector.capture import CaptureError, run_capture
from collector.importing import TraceImportError, import_trace
from collector.runmeta import MetaError, meta_for_command, meta_for_import

archive_option = click.option(
    "--archive",
    "archive",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Archive file (default: $ERRTRAIL_ARCHIVE, else $XDG_DATA_HOME/errtrail/archive.db).",
)
label_option = click.option("--label", default=None, help="A short title for the run.")
note_option = click.option("--note", default=None, help="Free text (Markdown) kept with the run.")


def _archive_path(archive: Path | None) -> Path:
    return archive if archive is not None else default_archive_path()


def _exit_like_the_command(spill_path: Path | None, exit_code: int) -> NoReturn:
    """Say where a spilled run's output went, then exit with the command's status."""
    if spill_path is not None:
        click.echo(
            f"errtrail-collect: output spilled to {spill_path}; recover it with:"
            f" errtrail-collect import {spill_path} --archive PATH",
            err=True,
        )
    sys.exit(exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="errtrail-collect")
def main() -> None:
    """Capture stap (or gdb) runs losslessly into one SQLite archive."""


@main.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False})
@archive_option
@label_option
@note_option
@click.option(
    "--fsync",
    is_flag=True,
    help="Make every commit reach the disk, so a kernel crash mid-trace keeps what was"
    " captured (slower).",
)
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
def run(
    archive: Path | None, label: str | None, note: str | None, fsync: bool, command: Sequence[str]
) -> None:
    """Run COMMAND (normally `stap ...`), show its output live and archive every byte.

    Exits with COMMAND's exit status (128+N if a signal N killed it).

    \b
    Example:
      errtrail-collect run -- stap --example whythefail.stp kernel do_sys_open '$return < 0'
    """
    path = _archive_path(archive)
    meta = meta_for_command(command, label=label, note=note)
    try:
        result = run_capture(command, archive_path=path, meta=meta, fsync=fsync)
    except CaptureError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(e.exit_code)
    except ArchiveError as e:
        raise click.ClickException(str(e)) from e
    _exit_like_the_command(result.spill_path, result.exit_code)


@main.command(name="import")
@click.argument("trace", type=click.Path(path_type=Path))
@click.option(
    "--stderr",
    "stderr",
    type=click.Path(path_type=Path),
    default=None,
    help="File holding stap's stderr (registration warnings, errors).",
)
@click.option(
    "--command",
    "command",
    default=None,
    help="The stap command that produced TRACE, as typed (quoted).",
)
@click.option("--kernel-build-id", default=None, help="Build-id of the kernel the trace came from.")
@click.option("--target-build-id", default=None, help="Build-id of the traced module or program.")
@click.option("--kernel-release", default=None, help="uname -r of the traced host.")
@click.option("--hostname", default=None, help="Name of the traced host.")
@click.option("--arch", default=None, help="uname -m of the traced host.")
@label_option
@note_option
@archive_option
def import_(
    trace: Path,
    stderr: Path | None,
    command: str | None,
    kernel_build_id: str | None,
    target_build_id: str | None,
    kernel_release: str | None,
    hostname: str | None,
    arch: str | None,
    label: str | None,
    note: str | None,
    archive: Path | None,
) -> None:
    """Archive output captured without errtrail (`stap ... > TRACE 2> ERR`).

    TRACE may also be a spill directory left by `errtrail-collect run`.
    """
    try:
        meta = meta_for_import(
            command,
            kernel_build_id=kernel_build_id,
            target_build_id=target_build_id,
            kernel_release=kernel_release,
            hostname=hostname,
            arch=arch,
            label=label,
            note=note,
        )
        result = import_trace(_archive_path(archive), trace, meta, stderr=stderr)
    except (MetaError, TraceImportError, ArchiveError) as e:
        raise click.ClickException(str(e)) from e
    sizes = ", ".join(f"{n} bytes of {s}" for s, n in sorted(result.bytes_by_stream.items()))
    click.echo(
        f"imported run {result.run_id} ({result.uuid}), {result.status}: {sizes or 'no bytes'}"
    )


@main.command(
    name="gdb", context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False}
)
@archive_option
@label_option
@note_option
@click.option("-p", "--pid", type=int, default=None, help="Attach to this running process.")
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED)
def gdb_(
    archive: Path | None, label: str | None, note: str | None, pid: int | None, words: Sequence[str]
) -> None:
    """Trace FUNCTION of a user-space program with gdb, printing what whythefail.stp would.

    \b
    errtrail-collect gdb FUNCTION CONDITION [VARIABLE] -- PROGRAM [ARGS...]
    errtrail-collect gdb -p PID FUNCTION CONDITION [VARIABLE]

    PROGRAM needs debug info (gcc -g). Exits with PROGRAM's status. Ctrl-C stops the
    program and still prints the statistics.

    \b
    Example:
      errtrail-collect gdb parse_config '$return == -22' -- ./myprog --config x.conf
    """
    from collector.gdbtrace import GdbTraceError, run_gdb_trace, split_words

    try:
        request = split_words(words, pid, label=label, note=note)
        result = run_gdb_trace(request, archive_path=_archive_path(archive))
    except (GdbTraceError, ArchiveError) as e:
        raise click.ClickException(str(e)) from e
    except CaptureError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(e.exit_code)
    if result.outcome.status == "failed":
        click.echo(f"Error: {result.outcome.reason} (recorded as run {result.run_id})", err=True)
    _exit_like_the_command(result.spill_path, result.exit_code)


def _list_row(archive: Archive, run: Run) -> dict[str, Any]:
    return {
        "id": run.id,
        "uuid": run.uuid,
        "started_at": run.started_at,
        "hostname": run.get("hostname"),
        "target": run.get("target"),
        "function": run.get("function"),
        "condition": run.get("condition"),
        "status": run.status,
        "status_reason": run.status_reason,
        "label": run.get("label"),
        "stdout_bytes": run.stdout_bytes,
        "stderr_bytes": run.stderr_bytes,
        "bytes": run.stdout_bytes + run.stderr_bytes,
        "header_count": archive.header_count(run),
        "command": list(run.command),
    }


@main.command(name="list")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
def list_(archive: Path | None, as_json: bool) -> None:
    """One row per archived run."""
    path = _archive_path(archive)
    try:
        with Archive.open(path, create=False) as a:
            rows = [_list_row(a, r) for r in a.runs()]
    except ArchiveError as e:
        raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps(rows, indent=2, sort_keys=True))
        return
    if not rows:
        click.echo(f"no runs in {path}")
        return
    table = [
        [
            str(r["id"]),
            r["uuid"][:8],
            r["started_at"][:19].replace("T", " "),
            r["hostname"] or "-",
            r["target"] or "-",
            r["function"] or "-",
            r["condition"] or "-",
            r["status"],
            str(r["bytes"]),
            str(r["header_count"]),
        ]
        for r in rows
    ]
    heads = [
        "id",
        "uuid",
        "started (UTC)",
        "host",
        "target",
        "function",
        "condition",
        "status",
        "bytes",
        "headers",
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(heads)]
    for row in [heads, *table]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
