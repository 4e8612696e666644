"""Whether a source file can be the one the traced binary was built from.

This module owns two checks. ``sources_shorter_than(highest, sources)`` (and
``mismatched_sources(parsed, sources)``, which finds the highest traced line of each
file) refuses files that end before a traced line: the resolver demotes them to
misses before anything reads them. ``check_source(facts, file, lines)`` reads the
parse: every traced line must fall on code of the traced function, not a blank
line, a comment or another function (save one of the file's functions it calls, which
gcc may have inlined, and one stray line of other code among many that match), else
the file is another version and the diagnosis must not pick a verdict from its text.

A file without any function definition (a hand-cut excerpt, such as the seed
article's quoted lines) is read line by line and its blank lines are not taken as
proof of a mismatch; a file that has functions but not the traced one is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reporter.diagnosis.csource import Function, SourceModel
from reporter.diagnosis.facts import RunFacts
from reporter.diagnosis.model import SourceCheck
from reporter.parse import ParsedRun
from reporter.records import Invocation, OrphanStatements

__all__ = ["check_source", "mismatched_sources", "sources_shorter_than"]

# Traced lines named in a mismatch note.
MAX_NAMED_LINES = 8
# How many levels of calls into functions of the same file may be inlined.
INLINE_DEPTH = 3
# Traced lines on code of another function of the file that still let the file match,
# when at least STRAY_AMONG other traced lines are the traced function's: gcc -O2 puts
# the odd instruction, the entry breakpoint's even, on a line of code it shared with
# another function (libmicrohttpd 0.9.75's MHD_add_response_header starts on a line of
# MHD_destroy_response). A file of another version lands lines on blanks and comments.
STRAY_LINES = 1
STRAY_AMONG = 4
# ... or this many, all in one other function of the file (inlined through a macro).
INLINED_STRAY_LINES = 3


def mismatched_sources(parsed: ParsedRun, sources: Mapping[str, bytes]) -> dict[str, str]:
    """Source files (by trace path) that cannot be the ones traced, with why: the
    trace names lines past their end.

    >>> from reporter.parse import parse_bytes
    >>> class P:  # the two attributes this function reads
    ...     records = parse_bytes(b"\\nx[1] kernel function(f) $return: -2\\n"
    ...                           b"x[1] f.c:2 $$vars: a=0x1\\nx[1] f.c:4 $$vars: a=0x1\\n")
    ...     messages = ()
    >>> mismatched_sources(P, {"f.c": b"int f(void)\\n{\\n\\treturn g();\\n}\\n"})
    {}
    >>> mismatched_sources(P, {"f.c": b"int f(void)\\n{\\n"})["f.c"]
    'the file found has 2 lines, but the trace names line 4 of it'
    """
    highest: dict[str, int] = {}
    seen: set[bytes] = set()
    for r in parsed.records:
        if isinstance(r, Invocation):
            key = r.path_key
            if key in seen:
                continue  # the same path: the same lines
            seen.add(key)
        if isinstance(r, (Invocation, OrphanStatements)):
            for st in r.statements:
                highest[st.file] = max(highest.get(st.file, 0), st.line)
    for m in parsed.messages:
        if m.file and m.line:
            highest[m.file] = max(highest.get(m.file, 0), m.line)
    return sources_shorter_than(highest, sources)


def sources_shorter_than(highest: Mapping[str, int], sources: Mapping[str, bytes]) \
        -> dict[str, str]:
    """``mismatched_sources`` from the highest traced line of each file.

    >>> sources_shorter_than({"a.c": 3}, {"a.c": b"1\\n2\\n3\\n", "b.c": b""})
    {}
    """
    out: dict[str, str] = {}
    for path, data in sorted(sources.items()):
        wanted = highest.get(path, 0)
        count = len(data.splitlines())
        if wanted > count:
            out[path] = f"the file found has {count} lines, but the trace names line {wanted} of it"
    return out


def _lines_text(lines: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:MAX_NAMED_LINES])
    return shown + (f" and {len(lines) - MAX_NAMED_LINES} more" if len(lines) > MAX_NAMED_LINES
                    else "")


def _inlined_spans(model: SourceModel, fn: Function) -> list[tuple[int, int]]:
    """The lines of the functions of this file that ``fn`` calls, and that they call
    in turn (``INLINE_DEPTH`` levels): gcc -O2 inlines them, and a trace steps
    through their lines (libarchive's archive_read_open1 shows choose_format's)."""
    names = {c for s in fn.statements for c in s.calls}
    seen: set[str] = set()
    for _ in range(INLINE_DEPTH):
        nxt: set[str] = set()
        for name in sorted(names - seen):
            seen.add(name)
            callee = model.function_named(name)
            if callee is not None:
                nxt.update(c for s in callee.statements for c in s.calls)
        names |= nxt
    return [(start, end) for name, start, end in model.definitions if name in seen]


def _one_other_function(model: SourceModel, bad: Sequence[int],
                        order: Sequence[Sequence[int]]) -> bool:
    """Whether a few stray lines all fall in one other function of the file, each
    between lines of the traced function on some path: a call gcc inlined through a
    macro from a header (libteam 1.31's ``err(th, ...)``, which calls this file's
    ``team_log_cond`` at -O2: 576, 577, 776, 778, 577)."""
    found = {model.function_at(n) for n in bad}
    stray = set(bad)
    return len(bad) <= INLINED_STRAY_LINES and len(found) == 1 and None not in found and \
        all(any(_between(path, n, stray) for path in order) for n in bad)


def _between(path: Sequence[int], n: int, bad: set[int]) -> bool:
    """Whether line ``n`` has a line not in ``bad`` before and after it on ``path``."""
    at = [i for i, m in enumerate(path) if m == n]
    own = [i for i, m in enumerate(path) if m not in bad]
    return bool(at and own) and own[0] < at[0] and own[-1] > at[-1]


def check_source(run: RunFacts, file: str, lines: Sequence[int],
                 order: Sequence[Sequence[int]] = ()) -> SourceCheck | None:
    """How the source of ``file`` holds up against its traced ``lines`` (None: no
    source); ``order``: each path's lines of the file, in order."""
    model = run.model(file)
    if model is None or not lines:
        return None
    if not model.parsed:
        return SourceCheck(file, "lines", None, note=(
            f"{file}: no function definition could be parsed (an excerpt?): its lines are"
            " read one by one, without branch structure"))
    fn = model.function(run.function, lines)
    if fn is None:
        name = run.function or "the traced function"
        return SourceCheck(file, "lines", None, tuple(sorted(set(lines))), note=(
            f"{file} does not define {name} around the traced lines: it is not the source"
            " the traced binary was built from"))
    inlined = _inlined_spans(model, fn)
    bad = sorted({n for n in lines if not model.is_code(n) or not (
        fn.contains(n) or any(start <= n <= end for start, end in inlined))})
    if not bad:
        return SourceCheck(file, "tree-sitter", fn.name)
    if (len(bad) <= STRAY_LINES or _one_other_function(model, bad, order)) and \
            all(model.is_code(n) for n in bad) and len(set(lines)) - len(bad) >= STRAY_AMONG:
        return SourceCheck(file, "tree-sitter", fn.name, note=(
            f"{file}: traced line(s) {_lines_text(bad)} are code of another function than"
            f" {fn.name}, where optimised code can put an instruction; the other traced"
            " lines match, so the file was used"))
    return SourceCheck(file, "tree-sitter", fn.name, tuple(bad), note=(
        f"{file} does not match the traced binary: traced line(s) {_lines_text(bad)} are not"
        f" statements of {fn.name} (lines {fn.start}-{fn.end}) but blank, comment or other"
        " code; its text was not used for the verdict"))
