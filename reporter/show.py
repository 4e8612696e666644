"""The output of ``errtrail-report show``: a run's records as text or JSON.

This module owns how records, statements and stderr messages are shown. Others call:

- ``show_run(archive, run)``: the ``show`` output (text or JSON) of an archived run,
  streamed in constant memory (``iter_text`` / ``iter_json`` over records, after a
  ``reporter.summaries`` pass for the counts and entry lines).
- ``to_json`` / ``dumps`` / ``format_text``: a ``ParsedRun`` held in memory as JSON
  data, JSON text and ``show`` text.
- ``record_json`` / ``statement_json`` / ``message_json``: one of them as JSON data.

Under stap ``-c``/``-x`` the traced program writes to stap's stderr: its lines
(``collector.messages.split_run_stderr``) are shown under "stderr of the traced
program", not among stap's; the JSON of a run lists their line numbers
(``"program_stderr"``).
- ``compress_path(statements)``: a path as ``file:10-12,15x3`` (the diagnosis shows
  paths with it too).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from collector.archive import Archive, Message, Run
from collector.messages import split_run_stderr
from reporter.parse import (
    ParsedRun,
    incomplete_of,
    iter_records,
    maxstringlen_of,
    nothing_ran_of,
    run_messages,
)
from reporter.records import (
    Invocation,
    OrphanStatements,
    OtherLine,
    Record,
    Statement,
    Statistics,
    Unparsed,
    _text,
)
from reporter.summaries import summarize_run


def _raw_json(raw: bytes) -> dict[str, str]:
    """The raw bytes, only when they are not UTF-8 (the text shows replacements)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return {"raw_base64": base64.b64encode(raw).decode("ascii")}
    return {}


def statement_json(st: Statement) -> dict[str, Any]:
    return {
        "execname": st.execname,
        "tid": st.tid,
        "file": st.file,
        "line": st.line,
        "label": st.label,
        "value": st.value_text,
        "variables": [
            [name, {"raw": v.raw, "kind": v.kind, **({"truncated": True} if v.truncated else {})}]
            for name, v in st.variables
        ],
        "offset": st.offset,
        "length": st.length,
        "line_no": st.line_no,
        "truncated": st.truncated,
        "foreign": st.foreign,
        **_raw_json(st.raw),
    }


def record_json(r: Record) -> dict[str, Any]:
    """One record as JSON data (``type`` names the record class)."""
    if isinstance(r, Invocation):
        return {
            "type": "invocation",
            "ordinal": r.ordinal,
            "execname": r.execname,
            "tid": r.tid,
            "target": r.target,
            "function": r.function,
            "return": r.return_text,
            "return_value": r.return_value,
            "offset": r.offset,
            "header_offset": r.header_offset,
            "header_length": r.header_length,
            "line_no": r.line_no,
            "statement_count": r.statement_count,
            "partial": r.partial,
            "truncated": r.truncated,
            "foreign": r.foreign,
            "statements": [statement_json(s) for s in r.statements],
            **_raw_json(r.raw),
        }
    if isinstance(r, OrphanStatements):
        return {
            "type": "orphan_statements",
            "ordinal": r.ordinal,
            "offset": r.offset,
            "line_no": r.line_no,
            "statement_count": r.statement_count,
            "truncated": r.truncated,
            "statements": [statement_json(s) for s in r.statements],
        }
    if isinstance(r, Statistics):
        return {
            "type": "statistics",
            "entry": r.entry,
            "exit_hit": r.exit_hit,
            "exit_miss": r.exit_miss,
            "statement": r.statement,
            "offset": r.offset,
            "length": r.length,
            "line_no": r.line_no,
        }
    return {
        "type": "other" if isinstance(r, OtherLine) else "unparsed",
        ("kind" if isinstance(r, OtherLine) else "reason"): (
            r.kind if isinstance(r, OtherLine) else r.reason
        ),
        "text": r.text,
        "offset": r.offset,
        "length": r.length,
        "line_no": r.line_no,
        **_raw_json(r.raw),
    }


def message_json(m: Message) -> dict[str, Any]:
    return {
        "line_no": m.line_no,
        "kind": m.kind,
        "category": m.category,
        "text": _text(m.raw),
        "fields": dict(sorted(m.fields.items())),
        "probe_point": m.probe_point,
        "function": m.function,
        "file": m.file,
        "line": m.line,
        "address": m.address,
        "rc": m.rc,
    }


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "id": run.id,
        "uuid": run.uuid,
        "status": run.status,
        "target": run.target,
        "function": run.function,
        "condition": run.condition,
        "variable": run.variable,
    }


def to_json(parsed: ParsedRun, run: Run | None = None) -> dict[str, Any]:
    """The parsed run as JSON data (dump with ``sort_keys=True`` for stable output)."""
    out: dict[str, Any] = {
        "run_id": parsed.run_id,
        "stdout_bytes": parsed.stdout_bytes,
        "incomplete": parsed.incomplete,
        "nothing_ran": parsed.nothing_ran,
        "records": [record_json(r) for r in parsed.records],
        "messages": [message_json(m) for m in parsed.messages],
    }
    if run is not None:
        out["run"] = _run_json(run)
        out["program_stderr"] = _program_lines(parsed.messages, run)
    return out


def _program_lines(messages: Sequence[Message], run: Run) -> list[int]:
    """The line numbers of the stderr lines the traced program wrote (stap -c/-x)."""
    return [m.line_no for m in split_run_stderr(run, messages).program]


_RECORDS_PLACEHOLDER = "\x00records\x00"


def iter_json(
    records: Iterable[Record],
    *,
    run_id: int,
    stdout_bytes: int,
    messages: Sequence[Message],
    run: Run | None = None,
) -> Iterator[str]:
    """``to_json`` as text, produced record by record so that a huge run is never
    held in memory: keys sorted, the top level indented, each record on one line.

    (One compact line per record lets the json module's C encoder do the work; an
    indented dump goes through its pure-Python encoder, about 50 times slower.)
    """
    top: dict[str, Any] = {
        "run_id": run_id,
        "stdout_bytes": stdout_bytes,
        "incomplete": incomplete_of(messages),
        "nothing_ran": nothing_ran_of(messages),
        "records": _RECORDS_PLACEHOLDER,
        "messages": [message_json(m) for m in messages],
    }
    if run is not None:
        top["run"] = _run_json(run)
        top["program_stderr"] = _program_lines(messages, run)
    text = json.dumps(top, sort_keys=True, indent=2)
    head, tail = text.split(json.dumps(_RECORDS_PLACEHOLDER), 1)
    yield head
    first = True
    encode = json.JSONEncoder(sort_keys=True).encode
    for r in records:
        yield ("[\n    " if first else ",\n    ") + encode(record_json(r))
        first = False
    yield "[]" if first else "\n  ]"
    yield tail + "\n"


def dumps(parsed: ParsedRun, run: Run | None = None) -> str:
    """The ``show --json`` text of a parsed run held in memory."""
    return "".join(
        iter_json(
            parsed.records,
            run_id=parsed.run_id,
            stdout_bytes=parsed.stdout_bytes,
            messages=parsed.messages,
            run=run,
        )
    )


def compress_path(statements: Sequence[Statement]) -> str:
    """A path as ``file:lines``, runs of consecutive lines as ``a-b``, repeats as ``xN``.

    >>> st = lambda f, n: Statement("a", 1, f, n, "$$vars", "", 0, 0, 0, b"")
    >>> compress_path([st("f.c", n) for n in (10, 11, 12, 15, 15, 15, 11, 12)] + [st("g.h", 3)])
    'f.c:10-12,15x3,11-12 g.h:3'
    """
    parts: list[str] = []
    i = 0
    n = len(statements)
    while i < n:
        file = statements[i].file
        items: list[str] = []
        while i < n and statements[i].file == file:
            start = statements[i].line
            j = i
            while (
                j + 1 < n
                and statements[j + 1].file == file
                and (statements[j + 1].line == statements[j].line + 1)
            ):
                j += 1
            if j > i:
                items.append(f"{start}-{statements[j].line}")
                i = j + 1
                continue
            k = i
            while (
                k + 1 < n and statements[k + 1].file == file and (statements[k + 1].line == start)
            ):
                k += 1
            items.append(f"{start}x{k - i + 1}" if k > i else str(start))
            i = k + 1
        parts.append(f"{file}:{','.join(items)}")
    return " ".join(parts)


_SHOWN_LINES = 10  # program output and unparsed records listed by ``show``


def iter_text(
    records: Iterable[Record],
    *,
    invocations: int,
    statements: int,
    stdout_bytes: int,
    messages: Sequence[Message],
    run: Run | None = None,
    limit: int | None = None,
) -> Iterator[str]:
    """The ``errtrail-report show`` text, line by line (each ends with a newline).

    Invocations and orphan groups come in stdout order (at most ``limit``
    invocations in full); program output, interrupts, unparsed bytes, statistics
    and stderr follow, with long lists cut short.
    """
    if run is not None:
        yield f"run {run.id} {run.uuid} ({run.status})\n"
        for key, value in (("target", run.target), ("function", run.function),
                           ("condition", run.condition), ("variable", run.variable)):
            if value is not None:
                yield f"  {key}: {value}\n"
    yield (
        f"{invocations} invocation(s), {statements} statement(s), {stdout_bytes} stdout byte(s)\n"
    )
    output: list[OtherLine] = []
    n_output = 0
    interrupt: OtherLine | None = None
    unparsed: list[Unparsed] = []
    n_unparsed = unparsed_bytes = 0
    stats: Statistics | None = None
    shown = hidden = 0
    for r in records:
        if isinstance(r, Invocation):
            if limit is not None and shown >= limit:
                hidden += 1
                continue
            shown += 1
            flags = [name for name in ("partial", "truncated", "foreign") if getattr(r, name)]
            yield (
                f"#{r.ordinal} line {r.line_no}: {r.execname}[{r.tid}] {r.target}"
                f" function({r.function}) $return: {r.return_text}"
                + (f"  [{', '.join(flags)}]" if flags else "")
                + "\n"
            )
            path = compress_path(r.statements)
            yield f"  {r.statement_count} statement(s)" + (f": {path}" if path else "") + "\n"
            for st in r.statements:
                if st.truncated or st.foreign:
                    what = " and ".join(
                        w for w, on in (("truncated", st.truncated), ("foreign", st.foreign)) if on
                    )
                    yield (
                        f"  line {st.line_no}: {what}: {st.execname}[{st.tid}]"
                        f" {st.file}:{st.line}\n"
                    )
        elif isinstance(r, OrphanStatements):
            yield (
                f"orphan statements at line {r.line_no} (no header):"
                f" {r.statement_count} statement(s): {compress_path(r.statements)}"
                + ("  [truncated]" if r.truncated else "")
                + "\n"
            )
        elif isinstance(r, OtherLine):
            if r.kind == "output":
                n_output += 1
                if len(output) < _SHOWN_LINES:
                    output.append(r)
            elif r.kind == "interrupt" and interrupt is None:
                interrupt = r
        elif isinstance(r, Unparsed):
            n_unparsed += 1
            unparsed_bytes += r.length
            if len(unparsed) < _SHOWN_LINES:
                unparsed.append(r)
        else:
            stats = r
    if hidden:
        yield f"... {hidden} more invocation(s) not shown (--limit 0 shows all)\n"
    if n_output:
        yield f"program output: {n_output} line(s)\n"
        for o in output:
            yield f"  line {o.line_no}: {o.text}\n"
        if n_output > len(output):
            yield f"  ... {n_output - len(output)} more\n"
    if interrupt is not None:
        yield f"interrupted: ^C echoed at line {interrupt.line_no}\n"
    if n_unparsed:
        yield f"unparsed: {n_unparsed} record(s), {unparsed_bytes} byte(s)\n"
        for u in unparsed:
            yield f"  line {u.line_no}: {u.reason}: {u.text[:120]}\n"
    if stats is not None:
        yield (
            f"statistics: entry {stats.entry}, exit-hit {stats.exit_hit},"
            f" exit-miss {stats.exit_miss}, statement {stats.statement}\n"
        )
    else:
        yield "statistics: none (the run did not reach its end probe)\n"
    yield from _stderr_text(messages, run)
    if incomplete_of(messages):
        yield "warning: stderr says events were lost; the trace is incomplete\n"
    if nothing_ran_of(messages):
        yield "warning: stderr says the script failed before running\n"


_SHOWN_MESSAGES = 20  # stderr lines listed by ``show`` per category


def _listed(msgs: Sequence[Message], indent: str) -> Iterator[str]:
    for m in msgs[:_SHOWN_MESSAGES]:
        yield f"{indent}{m.line_no}: {_text(m.raw)}\n"
    if len(msgs) > _SHOWN_MESSAGES:
        yield f"{indent}... {len(msgs) - _SHOWN_MESSAGES} more\n"


def _stderr_text(messages: Sequence[Message], run: Run | None) -> Iterator[str]:
    """The tracer's stderr lines by category, then the traced program's own."""
    if run is not None:
        split = split_run_stderr(run, messages)
        tracer, program = split.tracer, split.program
    else:
        tracer, program = tuple(messages), ()
    if tracer:
        yield f"stderr: {len(tracer)} classified line(s)\n"
        for category in ("fatal", "incomplete", "unprobed", "summary", "other", "progress"):
            msgs = [m for m in tracer if m.category == category]
            if msgs:
                yield f"  {category}: {len(msgs)}\n"
                yield from _listed(msgs, "    ")
    if program:
        yield f"stderr of the traced program: {len(program)} line(s)\n"
        yield from _listed(program, "    ")


def format_text(parsed: ParsedRun, run: Run | None = None, limit: int | None = None) -> str:
    """The ``show`` text of a parsed run held in memory."""
    invs = parsed.invocations
    return "".join(
        iter_text(
            parsed.records,
            invocations=len(invs),
            statements=sum(i.statement_count for i in invs),
            stdout_bytes=parsed.stdout_bytes,
            messages=parsed.messages,
            run=run,
            limit=limit,
        )
    )


# Runs larger than this are summarised by worker processes before ``show`` streams them.
PARALLEL_BYTES = 64 << 20


def show_run(
    archive: Archive, run: Run, *, as_json: bool = False, limit: int | None = None
) -> Iterator[str]:
    """The ``show`` output of an archived run, streamed in constant memory.

    Two passes: a summary (counts, and each function's entry line so that
    ``partial`` is decided over the whole run, as ``reporter.parse.mark_partial``
    does), then the
    records themselves.
    """
    workers = 2 if run.stdout_bytes > PARALLEL_BYTES else 1
    maxstringlen = maxstringlen_of(run.command)
    summary = summarize_run(archive.path, run.id, workers=workers, maxstringlen=maxstringlen)
    messages = run_messages(archive, run.id)
    chunks = (c.data for c in archive.iter_chunks(run.id, "stdout"))
    records = iter_records(chunks, entry_lines=summary.entry_lines(), maxstringlen=maxstringlen)
    if as_json:
        yield from iter_json(
            records, run_id=run.id, stdout_bytes=summary.bytes, messages=messages, run=run
        )
    else:
        yield from iter_text(
            records,
            invocations=summary.invocations,
            statements=summary.statements,
            stdout_bytes=summary.bytes,
            messages=messages,
            run=run,
            limit=limit,
        )
