"""What every rule reads about one run and one path, computed once.

This module owns ``RunFacts`` (the run's tool, target, function, condition, parsed
sources and registration failures) and ``PathFacts`` (one path's steps, its exit, its
last statement, the traced function's source model, whether the code looks
optimised, and the traced values as integers). Rules in ``reporter.diagnosis.rules``
take a ``PathFacts`` and read nothing else.

How a path is read:

- The *exit* is the step at the function's closing brace (gcc gives the epilogue that
  line). Without source the closing brace is taken to be the highest line traced, of
  this path and (``RunFacts.highest``) of the run when paths may be cut short.
- The path *looks optimised* when a variable prints ``?``, when it jumps back to a
  line that is not in a loop, when it skips a statement of straight-line code, when
  it ends without the closing brace, or when it goes from a check to the exit:
  gcc -O0 gives every statement a line-table row, so an unoptimised trace visits each
  statement it runs, and a statement it did not visit did not run
  (``PathFacts.never_ran``). Registration failures (stap) are the exception: those
  lines may have run unseen.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from collector.archive import Run
from reporter.diagnosis.csource import Function, Macro, SourceModel, Stmt, line_function
from reporter.diagnosis.model import ErrnoInfo, Step
from reporter.diagnosis.numbers import returned_text
from reporter.diagnosis.steps import int_value, targets, value_origin
from reporter.values import Value

__all__ = ["CLEANUP", "PathFacts", "RunFacts", "same_file"]

# Without source, the first steps of a path whose lines, run again at its end, are
# taken for cleanup destructors' (declarations come first in a C function).
CLEANUP_HEAD_STEPS = 4
# Without source, in optimised code, a last step at least this many lines below the
# others is taken for the closing brace.
EXIT_JUMP = 10

# Declarations whose variable has a destructor run at scope exit: systemd's
# `_cleanup_free_`, `_cleanup_(f)`, GCC's `__attribute__((cleanup(f)))`, the kernel's
# `__free(kfree)` (include/linux/cleanup.h, 6.5+), GLib's `g_autoptr`/`g_autofree`.
CLEANUP = re.compile(r"\b_cleanup_\w*|__attribute__\s*\(\(\s*cleanup\b|\b__free\s*\("
                     r"|\bg_auto(?:ptr|free|_ptr)?\b")


def same_file(a: str, b: str) -> bool:
    """Whether two paths name the same file (one may be relative to a build tree)."""
    return a == b or a.endswith("/" + b) or b.endswith("/" + a)


# Wrapper macros followed from a traced call to the function it calls, at most.
UNWRAP_DEPTH = 4


@dataclass(frozen=True)
class RunFacts:
    """The run-wide context: ``sources`` maps trace paths to file bytes; each is
    parsed once, on first use."""

    run: Run
    tool: str
    target: str | None
    function: str | None
    condition: str | None
    sources: Mapping[str, bytes]
    unprobed: tuple[tuple[str, int, int | None], ...]  # (file, line, rc), source order
    # The highest line traced anywhere in the run, per file, when paths may be cut
    # short (lost events, headerless groups); None otherwise.
    highest: Mapping[str, int] | None = None
    # The statement lines the tracer probed, per file (gdb runs since 0004; None: not
    # recorded, as for stap runs, whose failures to probe are ``unprobed``).
    probed: Mapping[str, frozenset[int]] | None = None
    # What the tracer's stderr says of the build (``run.built_optimised``): True when
    # the code is optimised, None when it does not say.
    built_optimised: bool | None = None
    # Headers the traced files include, by path, where they were found: read for the
    # macros a traced line calls (``unwrap``), never as traced code.
    headers: Mapping[str, bytes] = field(default_factory=dict)
    _models: dict[str, SourceModel | None] = field(default_factory=dict, compare=False)

    def model(self, file: str) -> SourceModel | None:
        """The parsed source of a trace path (matched by path suffix), if known."""
        if file not in self._models:
            data = self.sources.get(file)
            if data is None:
                data = next((d for p, d in sorted(self.sources.items()) if same_file(p, file)),
                            None)
            self._models[file] = SourceModel.of(file, data) if data is not None else None
        return self._models[file]

    @cached_property
    def _header_models(self) -> tuple[SourceModel, ...]:
        return tuple(SourceModel.of(p, d) for p, d in sorted(self.headers.items()))

    @cached_property
    def _wrappers(self) -> tuple[Mapping[str, str], frozenset[str]]:
        """Wrapper macros of every source and header (first definition wins, traced
        files first), and the functions they define."""
        wrappers: dict[str, str] = {}
        defined: set[str] = set()
        models = [self.model(p) for p in sorted(self.sources)] + list(self._header_models)
        for m in models:
            if m is not None:
                for macro, function in m.wrappers.items():
                    wrappers.setdefault(macro, function)
                defined.update(name for name, _, _ in m.definitions)
        return wrappers, frozenset(defined)

    def header_macro(self, name: str) -> Macro | None:
        """A returning macro ``name`` one of the headers defines (the traced file's own
        are its model's ``macros``)."""
        return next((m.macros[name] for m in self._header_models if name in m.macros), None)

    def unwrap(self, name: str) -> str:
        """The function a call of ``name`` calls: ``name`` itself unless it is a macro
        that wraps one call (followed through at most ``UNWRAP_DEPTH`` macros), and
        never a macro where the same name is also a defined function."""
        wrappers, defined = self._wrappers
        for _ in range(UNWRAP_DEPTH):
            if name in defined or name not in wrappers:
                break
            name = wrappers[name]
        return name

    @property
    def user_space(self) -> bool:
        return self.tool == "gdb" or (self.target or "").startswith("process")

    def probed_in(self, file: str) -> frozenset[int] | None:
        """The lines of ``file`` that had a probe, when the run recorded them."""
        if self.probed is None:
            return None
        for path, lines in sorted(self.probed.items()):
            if same_file(path, file):
                return lines
        return frozenset()

    def unprobed_in(self, file: str) -> tuple[tuple[str, int, int | None], ...]:
        return tuple(u for u in self.unprobed if same_file(u[0], file))


def _traced_function(run: RunFacts, steps: Sequence[Step]) -> tuple[SourceModel | None,
                                                                     Function | None]:
    if not steps:
        return None, None
    file = steps[-1].file
    model = run.model(file)
    if model is None:
        return None, None
    lines = [s.line for s in steps if s.file == file]
    fn = model.function(run.function, lines)
    if fn is None:
        fn = line_function(model, run.function, lines)
    return model, fn


@dataclass(frozen=True)
class PathFacts:
    """One path, as the rules read it."""

    run: RunFacts
    steps: tuple[Step, ...]
    ret: ErrnoInfo
    partial: bool
    _values: dict[int, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def _function(self) -> tuple[SourceModel | None, Function | None]:
        return _traced_function(self.run, self.steps)

    @property
    def model(self) -> SourceModel | None:
        return self._function[0]

    @property
    def fn(self) -> Function | None:
        return self._function[1]

    @property
    def file(self) -> str | None:
        return self.steps[-1].file if self.steps else None

    @cached_property
    def exit(self) -> Step | None:
        """The step at the function's closing brace, when the path ends there."""
        if len(self.steps) < 2:
            return None
        step = self.steps[-1]
        fn = self.fn
        if fn is not None and fn.parsed:
            return step if step.line == fn.end else None
        if self.model is not None and self.model.text(step.line) is not None:
            return step if self.model.text(step.line) == "}" else None
        highest = (self.run.highest or {}).get(step.file)
        if highest is not None and step.line < highest:
            return None
        previous = [s.line for s in self.steps[:-1] if s.file == step.file]
        unknown = any(raw == "?" for s in self.steps for _, raw in s.values)
        if (self.run.built_optimised or unknown) and previous and \
                step.line - max(previous) < EXIT_JUMP:
            # Without source, optimised code: gcc -O2 often gives the epilogue no row
            # (tail calls, shared exits), so a last step just below the others is a
            # statement; the closing brace of a long function (a kernel's, traced by
            # stap) lies far below them.
            return None
        return step if all(s.line < step.line for s in self.steps[:-1]
                           if s.file == step.file) else None

    @cached_property
    def body(self) -> tuple[Step, ...]:
        """The steps before the exit, without the cleanup tail: gcc gives the code of
        ``__attribute__((cleanup))`` variables (systemd's ``_cleanup_free_``) their
        declaration's line, so the path goes back to declarations it ran already
        before it returns; those steps are not statements that ran again."""
        body = self.steps[:-1] if self.exit is not None else self.steps
        end = len(body)
        while end > 1 and body[end - 1].visit > 1 and self._is_declaration(body[end - 1]):
            end -= 1
        return body[:end]

    def _is_declaration(self, step: Step) -> bool:
        if step.file != self.file:
            return False
        if self.fn is None:
            # Without source: a jump back at the end to one of the first lines the
            # path ran (where the declarations are) is a cleanup destructor.
            return step.line in {s.line for s in self.steps[:CLEANUP_HEAD_STEPS]}
        return self._declares(step.line)

    def _declares(self, line: int) -> bool:
        """A declaration, or a line declaring a cleanup variable (tree-sitter reads
        ``_cleanup_(f) T *p = NULL;`` as an error node and ``*p = NULL;``)."""
        stmt = self.fn.at(line) if self.fn is not None else None
        if stmt is not None and stmt.kind == "decl":
            return True
        text = self.model.text(line) if self.model is not None else None
        return bool(text and CLEANUP.search(text))

    @property
    def last(self) -> Step | None:
        return self.body[-1] if self.body else None

    @property
    def number(self) -> int | None:
        """The returned value as an integer (s64); an unsigned 32-bit all-ones is the
        -1 it was written as (libnet 1.1's `return (-1);` from a u_int32_t function,
        which gdb prints as 4294967295)."""
        n = Value.of(self.ret.raw).as_s64()
        return -1 if n == 0xFFFFFFFF else n

    @property
    def ret_text(self) -> str:
        """The returned value as a sentence shows it (``-22 (EINVAL)``; user space's -1
        is not -EPERM: the errno is set apart)."""
        if self.errno_style:
            return "-1"
        return returned_text(self.ret.raw, self.ret.name, self.ret.form)

    @property
    def weak(self) -> bool:
        """-1, 0, 1 and small positive values appear in many variables by chance."""
        n = self.number
        return n is None or n in (-1, 0, 1) or (n > 0 and self.ret.form != "pointer")

    @property
    def errno_style(self) -> bool:
        """-1 from user space: ``errno = E; return -1``."""
        return self.number == -1 and self.run.user_space

    @cached_property
    def targets(self) -> frozenset[int]:
        return targets(self.ret)

    @cached_property
    def origin(self) -> tuple[int, str] | None:
        """(step index, variable) of the first step where a variable holds the value."""
        return value_origin(self.steps, self.targets, from_entry=not self.partial)

    def stmt(self, step: Step) -> Stmt | None:
        """The statement a step ran (None: no source, or another file)."""
        if self.fn is None or step.file != self.file:
            return None
        return self.fn.at(step.line)

    def values(self, index: int) -> dict[str, int]:
        """Step ``index``'s integer values (before it ran); read once per step."""
        cached = self._values.get(index)
        if cached is not None:
            return cached
        out: dict[str, int] = {}
        for name, raw in self.steps[index].values:
            n = int_value(raw)
            if n is not None:
                # A 4th-argument trace labels its value `$ret` (or `$ret$`).
                out[name.strip("$")] = n
        self._values[index] = out
        return out

    def raw(self, index: int, name: str) -> str | None:
        return dict(self.steps[index].values).get(name)

    def index_of(self, step: Step) -> int:
        return step.number - 1

    @cached_property
    def traced_lines(self) -> frozenset[int]:
        return frozenset(s.line for s in self.steps if s.file == self.file)

    @cached_property
    def unprobed_lines(self) -> frozenset[int]:
        return frozenset(n for _, n, _ in self.run.unprobed_in(self.file or ""))

    @cached_property
    def unprobed_after(self) -> tuple[tuple[str, int, int | None], ...]:
        """Registration failures between the last statement and the exit."""
        last, exit_ = self.last, self.exit
        if last is None:
            return ()
        return tuple(u for u in self.run.unprobed_in(last.file)
                     if u[1] > last.line and (exit_ is None or u[1] < exit_.line))

    @cached_property
    def optimised(self) -> bool | None:
        """Whether the path looks like optimised code (None: no parsed source)."""
        fn = self.fn
        if fn is None:
            return None
        if self.run.built_optimised is not None:
            return self.run.built_optimised
        probed = self.probed_lines
        if probed is not None and any(
                s.start not in probed for s in fn.statements
                if s.kind in ("return", "expr", "goto") and fn.contains(s.start)):
            return True  # statements without a probe of their own: merged away
        steps = [s for s in self.steps if s.file == self.file]
        if _looks_optimised(fn, steps, self._declares):
            return True
        # gcc -O0 gives the closing brace a row of its own (the epilogue): a complete
        # path that does not end there, or that leaves a branch for the exit without
        # showing the branch's statements, is optimised code.
        if self.exit is None and not self.partial and self.ret.form != "unknown":
            return True
        last = self.stmt(self.last) if self.last is not None else None
        return last is not None and last.kind in ("if", "switch") and self.exit is not None

    @cached_property
    def probed_lines(self) -> frozenset[int] | None:
        return self.run.probed_in(self.file) if self.file is not None else None

    def never_ran(self, line: int) -> bool:
        """The trace proves the statement at ``line`` did not run in this path: it had
        a probe (the run recorded its probes) and the path never hit it; or, without
        that record, the code is unoptimised and the path never visits the line."""
        fn = self.fn
        if fn is None or self.partial:
            return False
        probed = self.probed_lines
        if probed is not None:
            return line in probed and line not in self.traced_lines
        if self.optimised is not False:
            return False
        stmt = fn.at(line)
        if stmt is None or stmt.kind in ("label", "case", "default") or \
                (stmt.kind == "decl" and not stmt.assigns):
            return False
        return line not in self.traced_lines and line not in self.unprobed_lines


def _looks_optimised(fn: Function, steps: Sequence[Step], cleanup: Callable[[int], bool]) \
        -> bool:
    if any(raw == "?" for s in steps for _, raw in s.values):
        return True
    for a, b in itertools.pairwise(steps):
        if b.line < a.line and cleanup(b.line):
            continue  # a cleanup variable's destructor (see PathFacts.body)
        sa, sb = fn.at(a.line), fn.at(b.line)
        if b.line < a.line and b.line != fn.end:
            if sb is None or not _in_loop(fn, sb, a.line):
                return True
        elif sa is not None and sb is not None and b.line > a.line and \
                _skips_straight_line(fn, sa, sb):
            return True
    return False


def _in_loop(fn: Function, target: Stmt, origin_line: int) -> bool:
    """Whether a backward jump to ``target`` from ``origin_line`` is a loop's."""
    for s in (target, *fn.ancestors(target)):
        if s.kind == "loop" and s.start <= origin_line <= s.end:
            return True
    # A loop's own head line (for/while) is where its body jumps back to.
    return any(s.kind == "loop" and s.start == target.start for s in fn.statements) or \
        any(s.kind == "loop" and s.start <= target.start and origin_line <= s.end
            for s in fn.statements)


def _skips_straight_line(fn: Function, a: Stmt, b: Stmt) -> bool:
    """Whether a statement in the same block as ``a`` and ``b``, between them, with
    code of its own, was not visited."""
    if a.parent != b.parent or a.kind in ("goto", "return", "break", "continue"):
        return False
    if a.parent is not None and fn.statements[a.parent].kind == "switch":
        return False
    for s in fn.statements[a.index + 1 : b.index]:
        if (s.parent == a.parent and s.start > a.end and s.kind in ("expr", "return")) or (
            s.parent == a.parent and s.start > a.end and s.kind == "decl" and s.assigns
        ):
            return True
    return False
