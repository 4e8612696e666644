"""The ``errtrail-collect`` command: thin click commands over the collector's library.

Owns argument handling and output formatting only (``echo_run_list`` is ``list``'s
table, ``errtrail-report list`` prints it too). Every command catches one thing,
``ErrtrailError`` (``@cli_errors()``), which becomes ``Error: ...`` on stderr with exit
status 1; a ``CaptureError`` of ``run``, ``gdb`` or ``uprobe`` (the command could not be started)
exits with its own status instead, as the command's would (127: not found).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from collector import __version__
from collector.archive import Archive, Run, default_archive_path, writable
from collector.capture import CaptureError, run_capture
from collector.errors import cli_errors
from collector.importing import import_trace
from collector.runmeta import meta_for_command, meta_for_import
from collector.stapargs import with_numeric_condition

if TYPE_CHECKING:
    from collector.gdbtrace import GdbRunResult

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


def _exit_not_started(error: CaptureError) -> NoReturn:
    """The command could not be started: ``Error: ...`` and the status a shell would
    give (127: not found, 126: not executable; 2: no command), not 1 like other errors."""
    click.echo(f"Error: {error}", err=True)
    sys.exit(error.exit_code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="errtrail-collect")
def main() -> None:
    """Capture stap (or gdb) runs losslessly into one SQLite archive."""


def follow_options(func: Any) -> Any:
    """``--depth``, ``--source-dir`` and ``--debuginfod-url`` of the following commands."""
    for option in reversed([
        click.option("--depth", type=click.IntRange(1, 16), default=None, metavar="N",
                     help="Levels below the traced function, at most (default 4)."),
        click.option("--source-dir", "source_dirs", multiple=True,
                     type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="A source tree to name each level's callee from (else"
                          " $DEBUGINFOD_URLS). Repeatable."),
        click.option("--debuginfod-url", "debuginfod_urls", multiple=True, metavar="URL",
                     help="A debuginfod server for the sources (default: $DEBUGINFOD_URLS)."
                          " Repeatable."),
    ]):
        func = option(func)
    return func


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
@click.option("--follow", is_flag=True,
              help="Then trace the callee the errno came from, level after level, with the"
                   " same options and the value seen, until the line that made it.")
@follow_options
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED)
@cli_errors()
def run(
    archive: Path | None, label: str | None, note: str | None, fsync: bool, follow: bool,
    depth: int | None, source_dirs: tuple[Path, ...], debuginfod_urls: tuple[str, ...],
    command: Sequence[str]
) -> None:
    """Run COMMAND (normally `stap ...`), show its output live and archive every byte.

    Exits with COMMAND's exit status (128+N if a signal N killed it).

    Errno names in whythefail's CONDITION ('$return == -EINVAL') are written as
    numbers before stap starts (it has no such constants); the archive keeps the
    command as stap ran it and the condition as typed.

    With --follow, each level's callee (found by errtrail's reporter, from the sources)
    is traced by running stap again with your options and the condition narrowed to
    the value seen: the failure must happen again at each level.

    \b
    Example:
      errtrail-collect run -- stap --example whythefail.stp kernel do_sys_open '$return < 0'
      errtrail-collect run --follow -- stap -c ./prog --example whythefail.stp kernel \\
          __do_sys_perf_event_open '$return == -22'
    """
    if not follow and (depth is not None or source_dirs or debuginfod_urls):
        raise click.UsageError("--depth, --source-dir and --debuginfod-url are for --follow")
    path = _archive_path(archive)
    command, typed = with_numeric_condition(command)
    meta = meta_for_command(command, label=label, note=note)
    if typed is not None:
        # Both are kept: the command as stap ran it (runs.command), the condition as it
        # was typed (runs.condition).
        click.echo(f"errtrail-collect: stap gets CONDITION {meta.condition!r} for {typed!r}"
                   " (stap has no errno names)", err=True)
        meta = replace(meta, condition=typed)
    try:
        result = run_capture(command, archive_path=path, meta=meta, fsync=fsync)
    except CaptureError as e:
        _exit_not_started(e)
    if follow and result.run_id is not None and result.spill_path is None:
        _follow(path, str(result.run_id), depth, source_dirs, debuginfod_urls)
    _exit_like_the_command(result.spill_path, result.exit_code)


def _follow(path: Path, run: str, depth: int | None, source_dirs: tuple[Path, ...],
            debuginfod_urls: tuple[str, ...]) -> None:
    from collector.gdbtrace import FOLLOW_DEPTH
    from collector.rerun import FollowOptions, follow_chain

    options = FollowOptions(depth or FOLLOW_DEPTH, source_dirs, debuginfod_urls)
    # A level that cannot be started is an error like any other here (exit status 1).
    result = follow_chain(path, run, options,
                          lambda text: click.echo(f"errtrail-collect: {text}", err=True))
    levels = ", ".join(f"{fn} (run {rid}, level {lv})" for rid, fn, lv in result.added)
    click.echo(f"errtrail-collect: followed below run {result.root}: {levels or 'no level'};"
               f" {result.end}", err=True)
    click.echo(f"errtrail-collect: report: errtrail-report show {result.root}", err=True)


@main.command(name="follow")
@click.argument("run", default="latest")
@archive_option
@follow_options
@cli_errors()
def follow_(run: str, archive: Path | None, depth: int | None, source_dirs: tuple[Path, ...],
            debuginfod_urls: tuple[str, ...]) -> None:
    """Continue following the errno of an archived RUN (an id, uuid prefix or 'latest',
    the default): trace the callee its verdict (or the end of its trail) names, again
    with the run's own command and options, level after level until the line that made
    the value. Each level is a run of the chain."""
    _follow(_archive_path(archive), run, depth, source_dirs, debuginfod_urls)


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
@cli_errors()
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
@click.option("--follow", is_flag=True,
              help="Also trace the functions below FUNCTION, in the same run, to follow the"
                   " errno down to the line that made it.")
@click.option("--depth", type=click.IntRange(1, 16), default=None, metavar="N",
              help="With --follow: how many levels below FUNCTION (default 4).")
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED)
@cli_errors()
def gdb_(
    archive: Path | None, label: str | None, note: str | None, pid: int | None, follow: bool,
    depth: int | None, words: Sequence[str]
) -> None:
    """Trace FUNCTION of a user-space program with gdb, printing what whythefail.stp would.

    \b
    errtrail-collect gdb FUNCTION CONDITION [VARIABLE] -- PROGRAM [ARGS...]
    errtrail-collect gdb -p PID FUNCTION CONDITION [VARIABLE]

    PROGRAM needs debug info (gcc -g). Exits with PROGRAM's status. Ctrl-C stops the
    program and still prints the statistics.

    With --follow, the functions FUNCTION calls (and theirs, --depth levels down) are
    traced too, in the same run of the program; the calls made below each failing call
    are kept as runs of one chain, and reports follow the errno down them.

    \b
    Example:
      errtrail-collect gdb parse_config '$return == -22' -- ./myprog --config x.conf
      errtrail-collect gdb --follow parse_config '$return == -22' -- ./myprog
    """
    from collector.gdbtrace import FOLLOW_DEPTH, run_gdb_trace, split_words

    if depth is not None and not follow:
        raise click.UsageError("--depth is for --follow: give --follow --depth N")
    request = split_words(words, pid, label=label, note=note,
                          follow_depth=(depth or FOLLOW_DEPTH) if follow else 0)
    _report_user_trace(archive, lambda path: run_gdb_trace(request, archive_path=path))


def _report_user_trace(archive: Path | None, run: Callable[[Path], GdbRunResult]) -> NoReturn:
    """Run a user-space backend's trace (gdb, uprobe), say where it went, and exit with
    the program's status."""
    path = _archive_path(archive)
    try:
        result = run(path)
    except CaptureError as e:
        _exit_not_started(e)
    if result.outcome.status == "failed":
        click.echo(f"Error: {result.outcome.reason} (recorded as run {result.run_id})", err=True)
    elif result.run_id is not None and result.spill_path is None:
        _say_where_it_went(path, result)
    _exit_like_the_command(result.spill_path, result.exit_code)


@main.command(
    name="uprobe",
    context_settings={"ignore_unknown_options": True, "allow_interspersed_args": False},
)
@archive_option
@label_option
@note_option
@click.option("-p", "--pid", type=int, default=None, help="Trace this running process.")
@click.option("-x", "--library", default=None, metavar="LIB",
              help="FUNCTION is in this shared library: a path, or a name (libfoo.so) looked up"
                   " in the process's maps (-p) or PROGRAM's libraries (ldd).")
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED)
@cli_errors()
def uprobe_(archive: Path | None, label: str | None, note: str | None, pid: int | None,
            library: str | None, words: Sequence[str]) -> None:
    """Trace FUNCTION of a user-space program with Linux uprobes, printing what
    whythefail.stp would, without stopping the program at each line.

    \b
    errtrail-collect uprobe [-x LIB] FUNCTION CONDITION [VARIABLE] -- PROGRAM [ARGS...]
    errtrail-collect uprobe -p PID [-x LIB] FUNCTION CONDITION [VARIABLE]

    Needs root (or CAP_PERFMON), perf (linux-perf) and a kernel with uprobe events;
    PROGRAM (or LIB) needs debug info (gcc -g). Exits with PROGRAM's status. Ctrl-C,
    SIGTERM and SIGHUP stop the program (with -p it goes on) and still print the
    statistics; the probes are removed however it ends.

    \b
    Example:
      sudo errtrail-collect uprobe parse_config '$return == -EINVAL' -- ./myprog x.conf
      sudo errtrail-collect uprobe -p 4242 -x libfoo.so foo_open '$return < 0'
    """
    from collector.uprobe import run_uprobe_trace, split_words

    request = split_words(words, pid, label=label, note=note, library=library)
    _report_user_trace(archive, lambda path: run_uprobe_trace(request, archive_path=path))


def _say_where_it_went(path: Path, result: GdbRunResult) -> None:
    """Like perf's "Captured and wrote ...": the run, its levels, the report to run."""
    hits = int(result.summary.get("exit_hit") or 0) + int(result.summary.get("in_flight") or 0)
    calls = "call" if hits == 1 else "calls"
    click.echo(f"errtrail-collect: {hits} failing {calls} archived as run {result.run_id}"
               f" in {path}", err=True)
    if result.levels:
        shown = ", ".join(f"{lv.function} (run {lv.run_id}, level {lv.level}, {lv.calls}"
                          f" call{'' if lv.calls == 1 else 's'})" for lv in result.levels[:8])
        more = f", and {len(result.levels) - 8} more" if len(result.levels) > 8 else ""
        click.echo(f"errtrail-collect: calls below them: {shown}{more}", err=True)
    click.echo(f"errtrail-collect: report: errtrail-report show {result.run_id}", err=True)


def _list_row(archive: Archive, run: Run) -> dict[str, Any]:
    link = archive.chain_link(run.id)
    return {
        "id": run.id,
        "uuid": run.uuid,
        "started_at": run.started_at,
        "hostname": run.hostname,
        "target": run.target,
        "function": run.function,
        "condition": run.condition,
        "status": run.status,
        "status_reason": run.status_reason,
        "label": run.label,
        "stdout_bytes": run.stdout_bytes,
        "stderr_bytes": run.stderr_bytes,
        "bytes": run.stdout_bytes + run.stderr_bytes,
        "header_count": archive.header_count(run),
        "command": list(run.command),
        "chain_root": link.root_run if link else None,
        "level": link.level if link else None,
    }


@main.command(name="export")
@click.argument("runs", nargs=-1, required=True)
@archive_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The archive to write the runs into (created when missing).")
@cli_errors()
def export(runs: Sequence[str], archive: Path | None, output: Path) -> None:
    """Copy RUNS (ids, uuid prefixes or 'latest') into another archive, to take them to
    a workstation: each with its raw output, messages, stored sources and the levels of
    its chain. A run already there (same uuid) is not copied again."""
    from collector.transfer import export_runs

    report = export_runs(_archive_path(archive), runs, output)
    click.echo(f"{output}: {report.summary()}")


@main.command(name="list")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@cli_errors()
def list_(archive: Path | None, as_json: bool) -> None:
    """One row per archived run; the levels of a chain under its first run."""
    echo_run_list(_archive_path(archive), as_json=as_json)


# The columns of the ``list`` table: heading and the row key shown under it.
LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "id"), ("uuid", "uuid"), ("started (UTC)", "started_at"), ("host", "hostname"),
    ("target", "target"), ("function", "function"), ("condition", "condition"),
    ("status", "status"), ("bytes", "bytes"), ("headers", "header_count"),
)


def echo_run_list(path: Path, *, as_json: bool) -> None:
    """Print the runs of the archive at ``path`` as ``list`` shows them (both CLIs'
    ``list``): a table, a chain as one entry with its levels under it, or JSON."""
    # Listing writes nothing of its own: an archive on a read-only mount is read as it is.
    with Archive.open(path, create=False, readonly=path.exists() and not writable(path)) as a:
        rows = [_list_row(a, r) for r in a.runs()]
    if as_json:
        click.echo(json.dumps(rows, indent=2, sort_keys=True))
        return
    if not rows:
        click.echo(f"no runs in {path}")
        return
    # A chain is one entry: its levels follow their root, indented, not as runs of
    # their own.
    roots = [r for r in rows if r["chain_root"] is None]
    below: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        if r["chain_root"] is not None:
            below.setdefault(r["chain_root"], []).append(r)
    rows = [x for r in roots for x in [r, *sorted(below.get(r["id"], []),
                                                 key=lambda x: (x["level"], x["id"]))]]
    table = [[_list_cell(r, key) for _, key in LIST_COLUMNS] for r in rows]
    heads = [head for head, _ in LIST_COLUMNS]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(heads)]
    for row in [heads, *table]:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _list_cell(row: dict[str, Any], key: str) -> str:
    value = row[key]
    if key == "id":
        return str(value) if row["level"] is None else f"  └{row['level']} {value}"
    if key == "uuid":
        return str(value)[:8]
    if key == "started_at":
        return str(value)[:19].replace("T", " ")
    return "-" if value is None or value == "" else str(value)
