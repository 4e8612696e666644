"""The ``errtrail-report`` command: a thin click layer over the reporter's library.

Owns only argument handling and turning library errors into ``Error: ...`` with exit
status 1: every command catches one thing, ``ErrtrailError`` (``@cli_errors()``, and
``with cli_errors("run 3: ")`` where the message names what failed). Every command
that takes a RUN defaults it to ``latest`` (``run_argument``); ``-h`` is ``--help``
everywhere; the exit statuses are the README's "Exit statuses". Each subcommand lives
in this file as one small function that calls the module owning the work (``show`` ->
``reporter.show``). Others add their commands below the marked line near the end of
the command section.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from collector.archive import Archive, Run, RunNotFoundError, default_archive_path, writable
from collector.errors import cli_errors
from reporter.scan import scan_state
from reporter.sources import SourceOptions, SourceReport


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="errtrail", prog_name="errtrail-report",
                      message="%(prog)s, version %(version)s ("
                              + scan_state().replace("%", "%%") + ")")
def main() -> None:
    """Read errtrail archives: parse traces, fetch sources, diagnose, render."""


def archive_option(func: click.decorators.FC) -> click.decorators.FC:
    """``--archive PATH`` shared by every subcommand (default: the user's archive)."""
    return click.option(
        "--archive",
        "archive_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Archive file (default: $ERRTRAIL_ARCHIVE or $XDG_DATA_HOME/errtrail/archive.db).",
    )(func)


def open_archive(path: Path | None) -> Archive:
    """Open an archive read-only for reporting (``ArchiveError`` when it cannot be)."""
    return Archive.open(path or default_archive_path(), readonly=True)


def resolve_run(archive: Archive, ref: str) -> Run:
    """The run ``ref`` names, or an error listing the nearest runs (the one error a
    command words itself)."""
    try:
        return archive.get_run(ref)
    except RunNotFoundError as e:
        message = str(e)
        if e.nearest and "nearest" not in message:
            message += "\nnearest runs: " + ", ".join(e.nearest)
        raise click.ClickException(message) from e


def source_options(func: click.decorators.FC) -> click.decorators.FC:
    """The source options of every command that shows source (``reporter.sources``):
    ``--source-dir``, ``--source-map``, ``--debuginfod-url``, ``--offline``, ``--refresh``.

    The command receives them as one ``source_options: SourceOptions`` argument.
    """
    import functools
    from typing import Any, cast

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from reporter.sources import SourceOptions, SourcesError, parse_source_map

        try:
            maps = tuple(parse_source_map(m) for m in kwargs.pop("source_maps"))
        except SourcesError as e:
            raise click.BadParameter(str(e), param_hint="'--source-map'") from e
        for src, dst in maps:
            # Like --source-dir's own check: a TO that is not there would make every
            # file under FROM silently missing.
            if not Path(dst).exists():
                raise click.BadParameter(
                    f"--source-map {src}={dst}: {dst} does not exist here; TO must be the"
                    " local directory (or file) holding what the trace names under FROM",
                    param_hint="'--source-map'",
                )
        kwargs["source_options"] = SourceOptions(
            source_dirs=tuple(kwargs.pop("source_dirs")),
            source_maps=maps,
            debuginfod_urls=tuple(kwargs.pop("debuginfod_urls")),
            offline=kwargs.pop("offline"),
            refresh=kwargs.pop("refresh"),
        )
        return cast(Any, func)(*args, **kwargs)

    options = [
        click.option(
            "--source-dir",
            "source_dirs",
            multiple=True,
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            help="A source tree; a traced file matches the file under it with the longest"
            " common path suffix. Repeatable; checked before any server.",
        ),
        click.option(
            "--source-map",
            "source_maps",
            multiple=True,
            metavar="FROM=TO",
            help="Read files under FROM from TO instead (like gdb's set substitute-path)."
            " Repeatable.",
        ),
        click.option(
            "--debuginfod-url",
            "debuginfod_urls",
            multiple=True,
            metavar="URL",
            help="A debuginfod server (repeatable); replaces $DEBUGINFOD_URLS.",
        ),
        click.option(
            "--offline",
            is_flag=True,
            help="Use only the archive, local sources and the elfutils cache: no network.",
        ),
        click.option(
            "--refresh",
            is_flag=True,
            help="Ignore what the archive remembers (stored files and misses); look again.",
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    return cast(click.decorators.FC, decorated)


# RUN, on every command that takes one: the latest run unless told otherwise.
RUN_DEFAULT = "latest"


def run_argument(func: click.decorators.FC) -> click.decorators.FC:
    """The RUN argument: an id, a uuid prefix or 'latest' (the default)."""
    return click.argument("run", default=RUN_DEFAULT)(func)


# -- commands -------------------------------------------------------------------


@main.command(name="list")
@archive_option
@click.option("--json", "as_json", is_flag=True, help="A JSON list of objects.")
@cli_errors()
def list_(archive_path: Path | None, as_json: bool) -> None:
    """One row per archived run, as errtrail-collect list shows them: a chain is one
    entry, its levels under it."""
    from collector.cli import echo_run_list

    echo_run_list(archive_path or default_archive_path(), as_json=as_json)


@main.command()
@run_argument
@archive_option
@click.option("--json", "as_json", is_flag=True, help="Dump the parsed model as JSON.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="Show at most this many invocations in full (0: all). Not applied to --json.",
)
@cli_errors()
def show(run: str, archive_path: Path | None, as_json: bool, limit: int) -> None:
    """Show the parsed trace of RUN (an id, a uuid prefix, or 'latest', the default):
    each invocation's path, flags, program output, statistics and classified stderr
    (the traced program's own apart from stap's)."""
    from reporter.show import show_run

    with open_archive(archive_path) as archive:
        run_row = resolve_run(archive, run)
        for piece in show_run(archive, run_row, as_json=as_json, limit=limit or None):
            sys.stdout.write(piece)


# -- further commands go below this line ------------------------------------------


# -- fetch (reporter.sources) ------------------------------------------------------


def trace_source_lines(archive: Archive, run: Run) -> dict[str, int]:
    """Every source file the run's trace names (its statements' files and those of
    unprobed statements named by registration failures on stderr), with the highest
    line it names in each, from its analysis (stored on first need)."""
    from reporter.analysis import load_analysis

    return load_analysis(archive, run).trace_lines()


def format_source_table(report: SourceReport) -> str:
    """The ``fetch`` table: file, where it came from (or ``missing``), and where/why."""
    rows = [("FILE", "FROM", "WHERE / WHY"), *report.rows()]
    width = [max(len(r[i]) for r in rows) for i in range(2)]
    lines = [f"{r[0]:<{width[0]}}  {r[1]:<{width[1]}}  {r[2]}".rstrip() for r in rows]
    lines += [f"note: {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


def missing_sources_message(missing: list[tuple[int, list[str]]], *, per_run: bool) -> str:
    """The ``fetch`` error when files were not found: how many, and which (by run with
    --all)."""
    count = sum(len(files) for _, files in missing)
    named = "; ".join(f"run {run_id}: {', '.join(files)}" if per_run else ", ".join(files)
                      for run_id, files in missing)
    return f"{count} source file(s) not found: {named} (the table above says why)"


@main.command()
@click.argument("run", required=False)
@click.option("--all", "all_runs", is_flag=True, help="Every run in the archive.")
@archive_option
@source_options
@cli_errors()
def fetch(
    run: str | None, all_runs: bool, archive_path: Path | None, source_options: SourceOptions
) -> None:
    """Fetch every source file RUN's trace names into the archive, and show where each
    came from or why it is missing.

    RUN is an id, a uuid prefix or 'latest' (the default). Sources are looked up in the
    archive, local trees (--source-dir, --source-map), the absolute path the trace
    records (when it exists here), the elfutils client cache, then the debuginfod
    servers ($DEBUGINFOD_URLS or --debuginfod-url), all by the build-id the run
    recorded. Every file is tried; when one is missing the table says why, and the
    command then exits with status 1 naming the missing files (as debuginfod-find does).
    """
    from reporter.sources import resolve_sources, run_build_ids

    if run and all_runs:
        raise click.UsageError("give a RUN (id, uuid prefix or 'latest') or --all, not both")
    missing: list[tuple[int, list[str]]] = []
    with open_for_report(archive_path) as archive:
        runs = archive.runs() if all_runs else [resolve_run(archive, run or RUN_DEFAULT)]
        for n, r in enumerate(runs):
            highest = trace_source_lines(archive, r)
            paths = list(highest)
            with cli_errors(f"run {r.id}: "):
                # A file that ends before a traced line is not taken (another origin is
                # tried): it shows as missing, or in a note when another copy served.
                report = resolve_sources(
                    archive, r, paths, source_options, highest_lines=highest
                )
            ids = ", ".join(run_build_ids(r)) or "none recorded"
            found = len(report.files)
            if n:
                click.echo("")
            click.echo(
                f"run {r.id} ({r.uuid[:8]}), build-id {ids}: {len(paths)} file(s),"
                f" {found} found, {len(paths) - found} missing"
            )
            if paths:
                click.echo(format_source_table(report), nl=False)
            gone = [p for p in paths if p not in report.files]
            if gone:
                missing.append((r.id, gone))
    if missing:
        raise click.ClickException(missing_sources_message(missing, per_run=all_runs))


# -- merge (collector.transfer) -------------------------------------------------------


@main.command()
@click.argument("archives", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The archive to merge into (created when missing).")
@cli_errors()
def merge(archives: tuple[Path, ...], into: Path) -> None:
    """Bring the runs of ARCHIVES (from several boxes, or exported with errtrail-collect
    export) into one archive. Runs are identified by uuid: merging again changes
    nothing, and a partial copy of a run is replaced by a complete one."""
    from collector.transfer import merge_archives

    report = merge_archives(list(archives), into)
    click.echo(f"{into}: {report.summary()}")


# -- salvage (reporter.salvage) ------------------------------------------------------


@main.command()
@click.argument("broken", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The new archive to write (never an existing file).")
@click.option("--engine", type=click.Choice(["auto", "sqlite3", "pages"]), default="auto",
              show_default=True,
              help="sqlite3: the sqlite3 shell's .recover; pages: errtrail reads the file's"
              " pages itself; auto: sqlite3 where its .recover works, else pages.")
@cli_errors()
def salvage(broken: Path, output: Path, engine: str) -> None:
    """Recover every intact run of the damaged archive BROKEN into a new archive (-o),
    and say what was lost. Damaged runs are kept with the bytes that survived, marked
    abandoned; BROKEN is only read."""
    from reporter.salvage import salvage_archive

    report = salvage_archive(broken, output, engine=engine)
    click.echo(report.text(), nl=False)


# -- diagnose (reporter.diagnosis)---------------------------------------------------


@main.command()
@run_argument
@archive_option
@click.option("--json", "as_json", is_flag=True, help="The diagnosis as JSON (stable shape).")
@source_options
@cli_errors()
def diagnose(
    run: str, archive_path: Path | None, as_json: bool, source_options: SourceOptions
) -> None:
    """Rank the lines that most likely made RUN's function return its errno.

    RUN is an id, a uuid prefix or 'latest' (the default). Sources are looked up as for
    'fetch'; a missing file is a note, and the diagnosis then rests on the trace alone.
    On a terminal the text is highlighted and wrapped to its width; piped, it is plain.
    """
    import json

    from reporter import diagnosis
    from reporter.pipeline import prepare
    from reporter.terminal import write_text
    from reporter.trail import trail_json, trail_text

    with open_for_report(archive_path) as archive:
        run_row = resolve_run(archive, run)
        with cli_errors(f"run {run_row.id}: "):
            prepared = prepare(archive, run_row, source_options)
    result, report, trail = prepared.diagnosis, prepared.sources, prepared.trail
    found, missing = sorted(report.files), sorted(report.misses)
    if as_json:
        data = diagnosis.diagnosis_json(result)
        data["sources"] = {"found": found, "missing": missing, "notes": list(report.notes)}
        if trail is not None:
            data["trail"] = trail_json(trail)
        sys.stdout.write(json.dumps(data, sort_keys=True, indent=2) + "\n")
    else:
        text = diagnosis.format_text(result)
        if trail is not None:
            head, _, rest = text.partition("\n\n")
            text = f"{head}\ntrail: {trail_text(trail)}\n  {trail.end}\n\n{rest}"
        if missing:
            text += (
                f"sources: {len(found)} found, missing {', '.join(missing)}"
                f" (errtrail-report fetch {run_row.id} says why and how to fix it)\n"
            )
        write_text(text)


# -- html, markdown (reporter.views, reporter.html, reporter.markdown, reporter.index) --


def open_for_report(archive_path: Path | None) -> Archive:
    """The archive, writable: found sources (and analyses) are stored in it for later
    offline use. One that cannot be written (a read-only mount, no permission) is
    opened read-only, with a note: the report is made from memory and nothing is
    stored. ``ArchiveError`` when there is none or it cannot be opened."""
    path = archive_path or default_archive_path()
    if path.exists() and not writable(path):
        click.echo(f"errtrail-report: {path} is read-only: reporting from memory; the"
                   " analysis and any fetched sources are not stored", err=True)
        return Archive.open(path, readonly=True)
    return Archive.open(path, create=False)


GENERATED_AT_HELP = (
    "Timestamp printed in the report (default: $SOURCE_DATE_EPOCH, else now); for"
    " reproducible output."
)


@main.command()
@click.argument("run", required=False)
@click.option("--all", "all_runs", is_flag=True, help="Every run, plus an index page (-o DIR).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Output file (default: errtrail-<id>-<uuid8>.html here; an existing directory"
    " gets that file); with --all, a directory.",
)
@click.option(
    "--context",
    type=click.IntRange(0, 10000),
    default=3,
    show_default=True,
    help="Source lines shown around each executed, candidate or unprobed line.",
)
@click.option("--full-source", is_flag=True, help="Show whole source files, not excerpts.")
@click.option("--generated-at", metavar="TEXT", default=None, help=GENERATED_AT_HELP)
@archive_option
@source_options
@cli_errors()
def html(
    run: str | None,
    all_runs: bool,
    output: Path | None,
    context: int,
    full_source: bool,
    generated_at: str | None,
    archive_path: Path | None,
    source_options: SourceOptions,
) -> None:
    """Write a self-contained HTML report of RUN (an id, a uuid prefix or 'latest', the
    default), or with --all -o DIR one page per run and an index (only changed pages
    are rendered again)."""
    from reporter.html import render_report
    from reporter.index import page_name, render_all
    from reporter.pipeline import prepare, report_view

    if run and all_runs:
        raise click.UsageError("give a RUN (id, uuid prefix or 'latest') or --all, not both")
    if all_runs and output is None:
        raise click.UsageError("--all needs -o DIR, the directory for the pages and index")
    from reporter.views import default_options

    options = default_options(generated_at, context, full_source)
    failed = "cannot render the HTML report: "
    with open_for_report(archive_path) as archive, cli_errors(failed):
        try:
            if all_runs:
                assert output is not None
                result = render_all(archive, output, source_options, options)
                click.echo(
                    f"wrote {result.index} ({len(result.rendered)} page(s) rendered,"
                    f" {len(result.unchanged)} unchanged)"
                )
                return
            run_row = resolve_run(archive, run or RUN_DEFAULT)
            view = report_view(prepare(archive, run_row, source_options), options)
            name = Path(page_name(run_row).replace("run-", "errtrail-", 1))
            # -o DIR (an existing directory) puts the page there under its usual name.
            target = output / name if output is not None and output.is_dir() else output or name
            target.write_text(render_report(view), encoding="utf-8")
        except OSError as e:  # writing the page(s) failed: worded like the errors above
            raise click.ClickException(f"{failed}{e}") from e
    click.echo(f"wrote {target}")


@main.command()
@run_argument
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    metavar="FILE|-",
    help="Output file, - for stdout, or an existing directory (errtrail-<id>-<uuid8>.md"
    " in it).",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=60000,
    show_default=True,
    help="Trim the least important parts (and say so) to stay within this many characters.",
)
@click.option("--context", type=click.IntRange(0, 10000), default=3, show_default=True,
              help="Source lines shown around each marked line.")
@click.option("--generated-at", metavar="TEXT", default=None, help=GENERATED_AT_HELP)
@archive_option
@source_options
@cli_errors()
def markdown(
    run: str,
    output: str,
    max_chars: int,
    context: int,
    generated_at: str | None,
    archive_path: Path | None,
    source_options: SourceOptions,
) -> None:
    """Write a ticket-ready Markdown report of RUN (an id, a uuid prefix or 'latest', the
    default): the verdict first, a source excerpt, variable changes, the next step, and
    run facts in a collapsible block."""
    from reporter.markdown import render_markdown
    from reporter.pipeline import prepare, report_view
    from reporter.views import default_options

    options = default_options(generated_at, context)
    with open_for_report(archive_path) as archive:
        run_row = resolve_run(archive, run)
        with cli_errors("cannot render the Markdown report: "):
            view = report_view(prepare(archive, run_row, source_options), options, highlight=False)
            text = render_markdown(view, max_chars=max_chars, note=run_row.note)
    if output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    if target.is_dir():
        # -o DIR (an existing directory): the report goes there under the name the
        # HTML page of the same run would have, with .md.
        from reporter.index import page_name

        target = target / Path(page_name(run_row).replace("run-", "errtrail-", 1)).with_suffix(
            ".md"
        )
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as e:
        raise click.ClickException(f"cannot write {target}: {e}") from e
    click.echo(f"wrote {target}")
