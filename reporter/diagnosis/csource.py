"""The C source model: a traced file parsed with tree-sitter into what the rules read.

This module owns reading C. ``SourceModel.of(path, data)`` parses a file once (the
diagnosis caches one model per file per run) into its functions, each a pre-order
tuple of ``Stmt`` with line spans, branch bodies, ``goto`` targets, returned and
assigned expressions as ``Expr`` trees, plus the file's integer constants (``#define
NAME 12``, enumerators) and function-like macros that ``return``. Others call:

- ``SourceModel.of(path, data)``; ``model.function(name, lines)``: the function a
  trace's lines belong to; ``model.text(line)``, ``model.is_code(line)``;
- ``Function.at(line)``: the statement a traced line is; ``Function.ancestors``;
- ``Expr`` and ``evaluate`` come from ``reporter.diagnosis.cexpr`` (expressions and
  their values) and are re-exported here.

tree-sitter-c is error tolerant: kernel and library macros (``list_for_each_entry(...)
{``, ``__init``, attribute macros) leave local ERROR nodes, not a failed parse. A
function the parse lost all the same (export macros before its name, ``#if`` groups
splitting its expressions: pcre2) is parsed again from the lines between the
definitions around the traced lines (``rescue``). When the traced function cannot be
found at all (a hand-cut excerpt, a file
of another language), ``line_function`` builds the fallback: every code line parsed on
its own as a statement, without branch structure, and ``Function.parsed`` is False so
the JSON can say the diagnosis fell back to reading lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from reporter.diagnosis.cexpr import (
    FILTERS,
    HINTS,
    Expr,
    descendants,
    errno_like,
    evaluate,
    expr_of,
    expr_of_text,
    node_end_line,
    node_line,
    node_text,
    parse_tree,
    principal_call,
)
from reporter.errnos import number_of

__all__ = [
    "FILTERS",
    "Assign",
    "Expr",
    "Function",
    "SourceModel",
    "Stmt",
    "errno_like",
    "evaluate",
    "line_function",
]

# Statement kinds, by tree-sitter-c node type.
_STMT_KINDS = {
    "return_statement": "return",
    "expression_statement": "expr",
    "declaration": "decl",
    "if_statement": "if",
    "switch_statement": "switch",
    "case_statement": "case",
    "goto_statement": "goto",
    "labeled_statement": "label",
    "for_statement": "loop",
    "while_statement": "loop",
    "do_statement": "loop",
    "break_statement": "break",
    "continue_statement": "continue",
}
_ASSIGN_OPS = frozenset({"=", "+=", "-=", "|=", "&=", "^=", "<<=", ">>=", "*=", "/=", "%="})
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Assign:
    """``target op value`` in a statement: an assignment, a declaration's initializer,
    or (``op == "&"``) a variable passed by address to a call, which may set it."""

    target: str
    op: str
    value: Expr | None
    line: int = 0    # where the assignment is written (a condition's third line, say)


@dataclass(frozen=True)
class Stmt:
    """One statement of a function.

    ``start``..``end``: the whole statement's lines; ``head_end``: the last line of
    its own head (an ``if``'s condition, a simple statement's end). ``expr``: what a
    ``return`` returns, an ``if``/``switch``/loop's condition, an expression
    statement's expression. ``body``/``orelse``: line spans of an ``if``'s branches, a
    loop's or a ``case``'s body. ``values``: a ``case``'s label expressions (empty for
    ``default``). ``label``: a ``goto``'s target or a labeled statement's name.
    ``parent``: index of the enclosing statement in ``Function.statements``.
    """

    kind: str
    start: int
    end: int
    head_end: int
    text: str
    expr: Expr | None = None
    assigns: tuple[Assign, ...] = ()
    calls: tuple[str, ...] = ()
    body: tuple[int, int] | None = None
    orelse: tuple[int, int] | None = None
    values: tuple[Expr, ...] = ()
    label: str | None = None
    parent: int | None = None
    index: int = 0

    def assigns_to(self, name: str, line: int | None = None) -> Assign | None:
        """This statement's assignment to ``name`` (a variable or a field path): the
        one written on ``line`` when several are (a condition's ``(err = ...)`` on each
        of its lines), else the last."""
        found = [a for a in self.assigns if a.target == name]
        on_line = [a for a in found if a.line == line]
        pick = on_line or found
        return pick[-1] if pick else None

    @property
    def call(self) -> Expr | None:
        """The call an expression statement makes (``f(x);``), if it is one."""
        e = self.expr.strip() if self.kind == "expr" and self.expr is not None else None
        return e if e is not None and e.kind == "call" else None

    @property
    def principal_call(self) -> str | None:
        """The call the statement is about: the outermost call of its first assigned
        value, else of its expression, past value filters (``ERR_PTR``, ``likely``)
        and ALL_CAPS macros (``EVIOCGBIT(0, n)`` builds an argument)."""
        for a in self.assigns:
            found = principal_call(a.value, value=True) if a.value is not None else None
            if found is not None:
                return found
        return principal_call(self.expr) if self.expr is not None else None

    def statements_end_flow(self, fn: Function) -> bool:
        """Whether a labeled statement's own statement leaves (``out: return x;``,
        ``a: b: return x;``)."""
        inner = [s for s in fn.statements[self.index + 1 :] if s.parent == self.index]
        if inner and inner[-1].kind == "label":
            return inner[-1].statements_end_flow(fn)
        return bool(inner) and inner[-1].kind in ("return", "goto", "break", "continue")

    def label_chain(self, fn: Function) -> tuple[str, ...]:
        """This label and those it holds directly (``err_dev_path: err_read: free(p);``,
        ndctl 76: both run on into what follows)."""
        out: list[str] = []
        s: Stmt | None = self
        while s is not None and s.kind == "label" and s.label:
            out.append(s.label)
            s = next((c for c in fn.statements[s.index + 1 :] if c.parent == s.index), None)
        return tuple(out)

    def in_body(self, line: int) -> bool:
        return self.body is not None and self.body[0] <= line <= self.body[1]

    def in_orelse(self, line: int) -> bool:
        return self.orelse is not None and self.orelse[0] <= line <= self.orelse[1]


@dataclass(frozen=True)
class Function:
    """A function definition: its lines and statements, pre-order.

    ``start``: the first line of the definition; ``open_line``/``end``: the lines of
    the body's ``{`` and ``}`` (gcc gives the prologue the ``{`` line, or the
    declarator's, and the epilogue the ``}`` line). ``parsed``: False for the
    line-by-line fallback, which has no branch structure.
    """

    name: str
    start: int
    open_line: int
    end: int
    params: tuple[str, ...]
    statements: tuple[Stmt, ...]
    parsed: bool = True
    _by_line: Mapping[int, int] = field(default_factory=dict, repr=False, compare=False)

    def at(self, line: int) -> Stmt | None:
        """The statement a traced line stands for: the innermost one starting on the
        line, else the innermost whose head spans it (a condition's second line)."""
        index = self._by_line.get(line)
        return self.statements[index] if index is not None else None

    def contains(self, line: int) -> bool:
        return self.start <= line <= self.end

    def ancestors(self, stmt: Stmt) -> Iterator[Stmt]:
        """The statements enclosing ``stmt``, innermost first."""
        parent = stmt.parent
        while parent is not None:
            yield self.statements[parent]
            parent = self.statements[parent].parent

    def label(self, name: str) -> Stmt | None:
        for s in self.statements:
            if s.kind == "label" and s.label == name:
                return s
        return None

    def following(self, stmt: Stmt) -> Iterator[Stmt]:
        """Statements after ``stmt`` in source order that are not inside it."""
        for s in self.statements[stmt.index + 1 :]:
            if s.start > stmt.end:
                yield s

    def labels_reaching(self, stmt: Stmt) -> frozenset[str]:
        """Labels whose code runs on into ``stmt``: an enclosing ``label:``, or one
        earlier in the same block with no ``return``/``goto``/``break`` between."""
        out = {a.label for a in (stmt, *self.ancestors(stmt)) if a.kind == "label" and a.label}
        # `a: f(); b: g(); out: return r;` nests each statement in its label: walk
        # back from the outermost label holding stmt.
        top = stmt
        while top.parent is not None and self.statements[top.parent].kind == "label":
            top = self.statements[top.parent]
        for s in reversed(self.statements[: top.index]):
            if s.parent != top.parent:
                continue
            if s.kind == "label" and s.label:
                out.update(s.label_chain(self))
            if s.kind in ("return", "goto", "break", "continue"):
                break
            if s.kind == "label" and s.statements_end_flow(self):
                break
        return frozenset(out)

    def returns(self) -> tuple[Stmt, ...]:
        return tuple(s for s in self.statements if s.kind == "return")

    @cached_property
    def handed_to_caller(self) -> frozenset[str]:
        """The variables stored through a pointer parameter (``*result = res;``), read
        once per function (the rules ask of every assignment on a path)."""
        return frozenset(
            v.name for s in self.statements for a in s.assigns
            if a.op == "=" and a.target.startswith("*") and a.target[1:] in self.params and
            a.value is not None and (v := a.value.strip()).kind == "ident" and v.name)


def _line_index(statements: Sequence[Stmt]) -> dict[int, int]:
    out: dict[int, int] = {}
    for s in statements:  # pre-order: inner statements come later and win
        out[s.start] = s.index
    for s in statements:
        for n in range(s.start + 1, s.head_end + 1):
            if n not in out or statements[out[n]].start < s.start:
                out[n] = s.index
    return out


@dataclass(frozen=True)
class Macro:
    """A function-like ``#define`` whose body returns (``CHECK(x)``), and the errno
    constant it returns, when it names one."""

    name: str
    params: tuple[str, ...]
    body: str
    errno: str | None


@dataclass(frozen=True)
class SourceModel:
    """One parsed source file. ``definitions``: each function's name and first and
    last line, in file order; a function's statements are read on first use.
    ``errno_aliases``: macros that stand for ``errno``."""

    path: str
    lines: tuple[str, ...]
    definitions: tuple[tuple[str, int, int], ...]
    constants: Mapping[str, int]
    macros: Mapping[str, Macro]
    errno_aliases: frozenset[str] = frozenset()
    # Function-like macros whose body calls one function: macro name -> that function
    # (``#define sysfs_write_attr(c, p, v) __sysfs_write_attr(c, p, v)``).
    wrappers: Mapping[str, str] = field(default_factory=dict)
    # Function-like macros that assign a variable of the code using them: macro name ->
    # variable -> the value's text (msgpack-c's ``start_container``: ``ret =
    # MSGPACK_UNPACK_NOMEM_ERROR; goto _failed;``).
    setters: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    _nodes: tuple[Any, ...] = field(default=(), repr=False, compare=False)
    _built: dict[int, Function | None] = field(default_factory=dict, repr=False, compare=False)
    _masked: dict[tuple[int, frozenset[int]], Function | None] = field(
        default_factory=dict, repr=False, compare=False)
    _rescues: dict[tuple[tuple[int, int], frozenset[int]], tuple[Function, ...]] = field(
        default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, path: str, data: bytes) -> SourceModel:
        return _model(path, data)

    @property
    def parsed(self) -> bool:
        """Whether the parse found any function definition."""
        return bool(self.definitions)

    def text(self, line: int) -> str | None:
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else None

    def is_code(self, line: int) -> bool:
        """Whether the line holds code (not blank, not only a comment)."""
        return line in self.code_lines

    @cached_property
    def code_lines(self) -> frozenset[int]:
        return _code_lines(self.lines)

    def _get(self, index: int) -> Function | None:
        if index not in self._built:
            self._built[index] = _function(self._nodes[index])
        return self._built[index]

    def returns_void(self, name: str) -> bool:
        """Whether this file defines ``name`` as returning ``void`` (not ``void *``): a
        call of it cannot fail, only fill what its arguments point to.

        >>> m = SourceModel.of("a.c", b"static void\\nfill(int *p)\\n{\\n\\t*p = 1;\\n}\\n"
        ...                    b"void *make(void)\\n{\\n\\treturn 0;\\n}\\n")
        >>> m.returns_void("fill"), m.returns_void("make"), m.returns_void("other")
        (True, False, False)
        """
        call = re.compile(rf"(?:\A|[\s*]){re.escape(name)}\s*\(")
        for defined, start, _ in self.definitions:
            if defined != name:
                continue
            head = ""
            for n in range(start, min(start + HEADER_LINES, len(self.lines)) + 1):
                head += " " + self.lines[n - 1]
                m = call.search(head)
                if m:
                    return re.search(r"\bvoid\s*$", head[:m.start() + 1]) is not None
        return False

    def function(self, name: str | None, lines: Sequence[int] = ()) -> Function | None:
        """The function ``name`` holding the traced ``lines`` (or, not found by name,
        the one holding most of them): same-named static functions, or a function
        and a macro, are told apart by the lines."""
        def held(i: int) -> int:
            _, start, end = self.definitions[i]
            return sum(start <= n <= end for n in lines)

        named = [i for i, d in enumerate(self.definitions) if name and d[0] == name]
        pool = [i for i in named if not lines or held(i)] or \
            [i for i in range(len(self.definitions)) if lines and held(i)]
        if not pool:
            return self._rescued(frozenset(lines)) if lines else None
        if name and not named and lines:
            # The traced function's own header inside another definition's extent: the
            # parse ran that one on past its end (opus 1.3's opus_encoder.c, whose
            # opus_encode_native() "ends" after opus_encoder_ctl()).
            inner = self._by_header(name, frozenset(lines), pool)
            if inner is not None:
                return inner
        index = max(pool, key=held)
        _, start, end = self.definitions[index]
        dead = dead_branches(self.lines, start, end, frozenset(lines))
        if not dead:
            return self._get(index)
        if (index, dead) not in self._masked:
            self._masked[index, dead] = _masked_function(self.lines, start, end, dead)
        return self._masked[index, dead] or self._get(index)

    def _by_header(self, name: str, traced: frozenset[int], pool: list[int]) -> Function | None:
        header = re.compile(rf"(?:\A|[\s*]){re.escape(name)}\s*\(")
        _, start, end = self.definitions[max(pool, key=lambda i: self.definitions[i][1])]
        heads = [n for n in range(start + 1, min(traced) + 1) if header.search(self.lines[n - 1])
                 and not self.lines[n - 1].rstrip().endswith(";") and n in self.code_lines]
        if not heads:
            return None
        found = self._rescue((max(heads[-1] - HEADER_LINES, start + 1), end), traced)
        return next((f for f in found if f.name == name and
                     2 * sum(f.contains(n) for n in traced) > len(traced)), None)

    def _rescued(self, traced: frozenset[int]) -> Function | None:
        """A function the parse lost, read again from the lines between the
        definitions around the traced lines (``rescue``)."""
        before = [d[2] for d in self.definitions if d[2] < min(traced)]
        after = [d[1] for d in self.definitions if d[1] > max(traced)]
        span = (max(before, default=0) + 1, min(after, default=len(self.lines) + 1) - 1)
        best = max(self._rescue(span, traced), key=lambda f: sum(f.contains(n) for n in traced),
                   default=None)
        return best if best is not None and any(best.contains(n) for n in traced) else None

    def _rescue(self, span: tuple[int, int], traced: frozenset[int]) -> tuple[Function, ...]:
        """``rescue`` of ``span``, once per span and set of dropped lines, not per path."""
        dead = dead_branches(self.lines, span[0], span[1], traced, undecided_first=True)
        if (span, dead) not in self._rescues:
            self._rescues[span, dead] = rescue(self.lines, span, dead, self.code_lines)
        return self._rescues[span, dead]

    def function_named(self, name: str) -> Function | None:
        """A function defined in this file, by name (the first definition)."""
        for i, d in enumerate(self.definitions):
            if d[0] == name:
                return self._get(i)
        return None

    def function_at(self, line: int) -> Function | None:
        for i, (_, start, end) in enumerate(self.definitions):
            if start <= line <= end:
                return self._get(i)
        return None


_DIRECTIVE = re.compile(r"\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b")


def dead_branches(lines: Sequence[str], start: int, end: int,
                  traced: frozenset[int], undecided_first: bool = False) -> frozenset[int]:
    """Lines of ``start``..``end`` the compiler did not see: the other branches of an
    ``#if``/``#else`` group one branch of which ran (branches exclude each other),
    with the group's directive lines. A group no traced line decides is kept whole;
    with ``undecided_first`` it keeps its first branch, and every directive line is
    blanked (to parse code whose ``#if`` splits an expression).

    >>> src = ["int f(void) {", "#ifdef A", "  if (a(),", "      1)", "#else",
    ...        "  if (b())", "#endif", "    return 1;", "}"]
    >>> sorted(dead_branches(src, 1, 9, frozenset({3, 8})))
    [2, 5, 6, 7]
    """
    dead: set[int] = set()
    groups: list[list[list[int]]] = []  # open groups: their branches' lines
    directives: list[list[int]] = []
    n = start
    while n <= end:
        m = _DIRECTIVE.match(lines[n - 1]) if n <= len(lines) else None
        first = n
        while n <= len(lines) and lines[n - 1].rstrip().endswith("\\") and n < end:
            n += 1  # a directive continued on the next line
        here = list(range(first, n + 1))
        kind = m.group(1) if m else None
        if kind in ("if", "ifdef", "ifndef"):
            groups.append([[]])
            directives.append(here)
        elif kind in ("elif", "else") and groups:
            groups[-1].append([])
            directives[-1].extend(here)
        elif kind == "endif" and groups:
            branches, marks = groups.pop(), directives.pop() + here
            live = [b for b in branches if traced.intersection(b)]
            if undecided_first:
                live = live or branches[:1]
                dead.update(marks)
            if len(branches) > 1 and live:
                dead.update(marks, *(b for b in branches if b is not live[0]))
            if groups:
                groups[-1][-1].extend(line for b in branches for line in b)
                groups[-1][-1].extend(marks)
        elif groups:
            groups[-1][-1].extend(here)
        n += 1
    return frozenset(dead)


# Words that end an export or calling-convention macro (`PCRE2_EXP_DEFN`,
# `PCRE2_CALL_CONVENTION`, `LIBSSH2_API`, `ZEXPORT`): always blanked in a header.
_EXPORT_WORD = re.compile(r"(?:API|EXPORTS?|EXTERN|DEFN|DECL|CONVENTION|CALL|CDECL|STDCALL"
                          r"|PUBLIC|VISIBLE|INLINE|EXPORTED)\Z")
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*\b")
_QUALIFIERS = frozenset({"static", "inline", "extern", "const", "volatile", "unsigned",
                         "signed", "struct", "union", "enum", "register"})


def blank_header_macros(head: str) -> str:
    """A function header's text before its name with export and calling-convention
    macros blanked, keeping the return type: pcre2 10.42's ``PCRE2_EXP_DEFN int
    PCRE2_CALL_CONVENTION``, which tree-sitter-c cannot read as a type.

    >>> blank_header_macros("PCRE2_EXP_DEFN pcre2_code * PCRE2_CALL_CONVENTION")
    '               pcre2_code *                      '
    >>> blank_header_macros("static PCRE2_SIZE"), blank_header_macros("LIB_API BOOL")
    ('static PCRE2_SIZE', '        BOOL')
    """
    words = [m for m in _CAPS_WORD.finditer(head) if "_" in m.group(0) or
             _EXPORT_WORD.search(m.group(0))]
    typed = any(w not in _QUALIFIERS and not w.isupper() for w in re.findall(r"\w+", head))
    keep = None if typed else next((m for m in reversed(words)
                                    if not _EXPORT_WORD.search(m.group(0))), None)
    out = head
    for m in words:
        if m is not keep and (typed or _EXPORT_WORD.search(m.group(0))):
            out = out[:m.start()] + " " * len(m.group(0)) + out[m.end():]
    return out


# A macro call of names only in a header, followed by the parameter list, a `*` or a
# name: elfutils 0.188's `ElfW2(LIBELFBITS,Shdr) *` and `elfw2(LIBELFBITS,getshdr) (...)`.
_PASTED = re.compile(r"\b(\w+)\((\s*\w+\s*(?:,\s*\w+\s*)*)\)(?=\s*(?:[(*]|\w))")


# A lone lower-case word with an underscore that is no type (`_t`), on a header line of
# its own after the return type: an attribute macro (elfutils' `internal_function`).
_ATTRIBUTE_WORD = re.compile(r"[a-z]\w*_\w*(?<!_t)")


def paste_header_macros(line: str) -> str:
    """A header line with its name-pasting macro calls read as one name of the same
    width (columns stay put): tree-sitter-c finds no definition under
    ``elfw2(LIBELFBITS,getshdr) (Elf_Scn *scn)``, whose name the preprocessor makes.

    >>> paste_header_macros("elfw2(LIBELFBITS,getshdr) (Elf_Scn *scn)")
    'elfw2_LIBELFBITS_getshdr_ (Elf_Scn *scn)'
    >>> paste_header_macros("ElfW2(LIBELFBITS,Shdr) *"), paste_header_macros("int f(void)")
    ('ElfW2_LIBELFBITS_Shdr_ *', 'int f(void)')
    """
    return _PASTED.sub(lambda m: re.sub(r"\W", "_", m.group(0)), line)


def rescue(lines: Sequence[str], span: tuple[int, int], dead: frozenset[int],
           code: frozenset[int]) -> tuple[Function, ...]:
    """The functions in ``span``, parsed again with their headers' export macros
    blanked and the ``dead`` lines (``dead_branches(..., undecided_first=True)``: one
    branch of each ``#if`` group, the directives blanked) left out: pcre2 10.42's
    ``pcre2_match()``, whose header and whose ``#if`` inside an expression leave
    tree-sitter-c no definition. ``code``: the file's code lines (``_code_lines``)."""
    start, end = span
    text, depth, header = [], 0, False
    for n in range(start, end + 1):
        line = "" if n in dead else lines[n - 1]
        if depth == 0 and n in code and not line.lstrip().startswith("#"):
            # Outside any body: a header's part before its parameter list.
            line = line if ";" in line else paste_header_macros(line)
            if header and _ATTRIBUTE_WORD.fullmatch(line.strip()):
                # Between the return type and the name: elfutils' `internal_function`.
                line = ""
            cut = line.find("(") if "(" in line else len(line)
            line = blank_header_macros(line[:cut]) + line[cut:]
            header = bool(line.strip()) and not line.rstrip().endswith((";", "}", "{"))
        if n in code:
            depth = max(0, depth + line.count("{") - line.count("}"))
        text.append(line)
    nodes: list[Any] = []
    _top_level(parse_tree(("\n" * (start - 1) + "\n".join(text) + "\n").encode()).root_node,
               {}, {}, nodes)
    return tuple(f for f in map(_function, nodes) if f is not None)


def _masked_function(lines: Sequence[str], start: int, end: int,
                     dead: frozenset[int]) -> Function | None:
    """The function parsed again with ``dead`` lines blanked: tree-sitter reads an
    ``if (...)`` whose body follows ``#endif`` as if the ``#else`` code were its body
    (libarchive 3.7's tree_current_lstat), so only the compiled branch is kept."""
    text = "\n" * (start - 1) + "\n".join(
        "" if n in dead else lines[n - 1] for n in range(start, end + 1)) + "\n"
    nodes: list[Any] = []
    _top_level(parse_tree(text.encode()).root_node, {}, {}, nodes)
    return _function(nodes[0]) if nodes else None


# Macros whose name says they return (their definition is in a header the run lacks):
# zstd 1.5's RETURN_ERROR/RETURN_ERROR_IF/FORWARD_IF_ERROR, glib's g_return_if_fail.
_RETURNING_NAME = re.compile(r"(?:\A|_)RETURN(?:_|\Z)|\AFORWARD_IF|(?:\A|_)return_(?:val_)?if\b")


def returning_macro(stmt: Stmt, macros: Mapping[str, Macro]) -> str | None:
    r"""The macro a statement calls that returns: defined in the file with a
    ``return``, or named for it (``RETURN_ERROR_IF(cond, code, ...)``).

    >>> m = SourceModel.of("z.c", b"int f(int n)\n{\n\tRETURN_ERROR_IF(n > 9, big, 0);\n"
    ...                    b"\tCHECK(n);\n\treturn 0;\n}\n")
    >>> fn = m.function("f", [3]); [returning_macro(fn.at(n), m.macros) for n in (3, 4)]
    ['RETURN_ERROR_IF', None]
    """
    name = stmt.call.name if stmt.call is not None else None
    if name is None:
        return None
    return name if name in macros or _RETURNING_NAME.search(name) else None


def _code_lines(lines: tuple[str, ...]) -> frozenset[int]:
    r"""The lines holding code: not blank, not only comment. A ``/*`` inside a string
    or character literal starts no comment (popt 1.19's ``"/popt.d/*"``).

    >>> sorted(_code_lines(("a = \"/*\";", "b;", "/* c", "*/ d;", "// e", "'\\''; /*")))
    [1, 2, 4, 6]
    """
    out: set[int] = set()
    in_comment = False
    for n, line in enumerate(lines, 1):
        if not in_comment and "/" not in line and '"' not in line and "'" not in line:
            # Most lines: nothing that opens a comment or a literal (C-level checks
            # instead of a loop over each character: a 20 MB table took 7 s).
            if not line.isspace() and line:
                out.add(n)
            continue
        i, code = 0, False
        while i < len(line):
            if in_comment:
                end = line.find("*/", i)
                if end < 0:
                    break
                in_comment, i = False, end + 2
            elif line.startswith("/*", i):
                in_comment, i = True, i + 2
            elif line.startswith("//", i):
                break
            elif line[i] in "\"'":
                code, i = True, _literal_end(line, i)
            else:
                code = code or not line[i].isspace()
                i += 1
        if code:
            out.add(n)
    return frozenset(out)


def _literal_end(line: str, i: int) -> int:
    """The index after the string or character literal opening at ``line[i]`` (its
    line's end when it is not closed there)."""
    quote, j = line[i], i + 1
    while j < len(line) and line[j] != quote:
        j += 2 if line[j] == "\\" else 1
    return j + 1


# -- parsing -----------------------------------------------------------------------


# A definition's header with a macro alone on the line between the return type and the
# name (elfutils' `Elf_Data *` / `internal_function` / `__elf_getdata_rdlock (...)`):
# tree-sitter-c loses the function or names it after the macro.
_HEADER_MACRO = re.compile(
    rb"^(?P<type>[A-Za-z_][\w \t]*[\w*][ \t]*\n)(?P<macro>[A-Za-z_]\w*)[ \t]*\n"
    rb"(?=[A-Za-z_]\w*[ \t]*\()", re.MULTILINE)
_NOT_MACROS = frozenset({b"int", b"void", b"char", b"long", b"short", b"unsigned", b"signed",
                         b"static", b"inline", b"const", b"struct", b"union", b"enum",
                         b"extern", b"bool", b"float", b"double", b"return"})


def _unmacroed(data: bytes) -> bytes:
    r"""``data`` with such header macros blanked (same length, same lines), for parsing.

    >>> _unmacroed(b"Elf *\ninternal_function\nf (int x)\n{\n}\n")
    b'Elf *\n                 \nf (int x)\n{\n}\n'
    >>> _unmacroed(b"static\nint\nf (int x)\n")  # a type on its own line stays
    b'static\nint\nf (int x)\n'
    """
    def blank(m: re.Match[bytes]) -> bytes:
        if m.group("macro") in _NOT_MACROS:
            return m.group(0)
        head, macro = m.group("type"), m.group("macro")
        return head + b" " * len(macro) + m.group(0)[len(head) + len(macro):]
    return _HEADER_MACRO.sub(blank, data) if b"\n" in data else data


# Preprocessor lines (and blank ones) right before an `else`: between an `if`'s body
# and its `else` they split the statement for tree-sitter-c.
_DIRECTIVES_BEFORE_ELSE = re.compile(
    rb"(?m)^[ \t]*#[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*(?=[ \t]*else\b)")


def _else_joined(data: bytes) -> bytes:
    r"""``data`` with the preprocessor lines between an ``if``'s body and its ``else``
    blanked (same length, same lines): mpg123 1.31's ``}`` ``#ifndef O_BINARY``
    ``#define O_BINARY (0)`` ``#endif`` ``else if (...)`` inside ``open_stream``.

    >>> _else_joined(b"if (a) {\n}\n#ifndef X\n#define X 0\n#endif\nelse b();\n")
    b'if (a) {\n}\n         \n           \n      \nelse b();\n'
    """
    return _DIRECTIVES_BEFORE_ELSE.sub(
        lambda m: bytes(c if c == 10 else 32 for c in m.group(0)), data)


# A K&R definition's header: `name(a, b, c)` alone on its line, then the parameters'
# declarations (`\tint fd;\t\t/* open file descriptor */`), then the body's `{`.
_KNR_HEADER = re.compile(
    rb"(?m)^[ \t]*\**[ \t]*[A-Za-z_]\w*[ \t]*\([ \t]*[A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*"
    rb"[ \t]*\)[ \t]*\n"
    rb"(?P<decls>(?:[ \t]+[A-Za-z_][^;{}()\n]*;[ \t]*(?:/\*[^\n]*\*/)?[ \t]*\n)+)(?=\{)")


def _knr_joined(data: bytes) -> bytes:
    r"""``data`` with the parameter declarations of K&R definitions blanked (same
    length, same lines): tree-sitter-c 0.24 splits libtirpc 1.3's ``clnt_dg_create(fd,
    svcaddr, ...)`` ``int fd;`` ... ``{`` into declarations and a stray block.

    >>> _knr_joined(b"int\nf(a, b)\n\tint a;\n\tchar *b;\t/* x */\n{\n}\n")
    b'int\nf(a, b)\n\t      \n\t        \t       \n{\n}\n'
    """
    def blank(m: re.Match[bytes]) -> bytes:
        start, end = m.span("decls")
        decls = bytes(c if c in (9, 10) else 32 for c in m.group("decls"))
        return m.group(0)[: start - m.start()] + decls + m.group(0)[end - m.start():]
    return _KNR_HEADER.sub(blank, data)


def source_lines(text: str) -> tuple[str, ...]:
    r"""A source file's lines as gcc and gdb number them: split at ``\n`` (``\r\n``
    too), not at the form feeds GNU code puts between sections (libksba 1.6's
    ``^L`` lines), which ``str.splitlines`` also breaks at.

    >>> source_lines("a\n\x0c\nb\r\nc"), "a\n\x0c\nb".splitlines()
    (('a', '\x0c', 'b', 'c'), ['a', '', '', 'b'])
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(line[:-1] if line.endswith("\r") else line for line in lines)


def _model(path: str, data: bytes) -> SourceModel:
    lines = source_lines(data.decode("utf-8", "replace"))
    tree = parse_tree(_knr_joined(_else_joined(_unmacroed(data))))
    constants: dict[str, int] = {}
    macros: dict[str, Macro] = {}
    wrappers: dict[str, str] = {}
    setters: dict[str, dict[str, str]] = {}
    nodes: list[Any] = []
    _top_level(tree.root_node, constants, macros, nodes, wrappers, setters)
    definitions = []
    kept = []
    for node in nodes:
        name = _function_name(node)
        if name is None:
            node = _repaired(node, lines)
            name = _function_name(node) if node is not None else None
        if name is not None:
            definitions.append((name, node_line(node), node_end_line(node)))
            kept.append(node)
    aliases = frozenset(m.group(1) for m in map(_ERRNO_ALIAS.match, lines) if m)
    return SourceModel(path, lines, tuple(definitions), constants, macros, aliases,
                       wrappers, setters, tuple(kept))


# `#define ErrCode() errno` (lmdb 0.9's portable spelling of errno).
_ERRNO_ALIAS = re.compile(r"\s*#\s*define\s+(\w+)(?:\(\s*\))?\s+\(?\s*errno\s*\)?\s*(?:/[*/].*)?\Z")


# An attribute macro in a declarator (`struct blkid_magic *id __BLKID_ATTR((unused))`,
# `EXT2FS_ATTR((unused))`): tree-sitter-c cannot know it expands to
# `__attribute__((...))` and loses the function's name.
_ATTRIBUTE_MACRO = re.compile(r"\b(?!__attribute__\b)[A-Za-z_]\w*\s*\(\((?:[^()]|\([^()]*\))*\)\)")
# How many header lines before a nameless definition may hold the broken part.
HEADER_LINES = 8


def _repaired(node: Any, lines: Sequence[str]) -> Any | None:
    """A definition whose header the parse broke, parsed again with its header's
    attribute macros blanked (e2fsprogs 1.47's probe.c, blkmap64_rb.c)."""
    body = node.child_by_field_name("body")
    if body is None:
        return None
    start = node_line(node)
    prev = node.prev_named_sibling
    if prev is not None and prev.type == "ERROR" and node_end_line(prev) >= start - 1 and \
            start - node_line(prev) <= HEADER_LINES:
        start = node_line(prev)
    head, end = node_line(body), node_end_line(node)
    text = [(_ATTRIBUTE_MACRO.sub(lambda m: " " * len(m.group(0)), lines[n - 1])
             if n <= head else lines[n - 1]) for n in range(start, end + 1)]
    found: list[Any] = []
    _top_level(parse_tree(("\n" * (start - 1) + "\n".join(text) + "\n").encode()).root_node,
               {}, {}, found)
    return next((f for f in found if _function_name(f) is not None), None)


# Nodes no enum is defined inside: a generated table's initializer (`xxd -i`) holds
# millions of nodes, and walking them all took seconds for a 20 MB file.
_NO_ENUMS = frozenset({"initializer_list", "string_literal", "concatenated_string"})


def _top_level(node: Any, constants: dict[str, int], macros: dict[str, Macro],
               functions: list[Any], wrappers: dict[str, str] | None = None,
               setters: dict[str, dict[str, str]] | None = None) -> None:
    for child in node.named_children:
        kind = child.type
        if kind == "function_definition":
            functions.append(child)
        elif kind == "preproc_def":
            _define(child, constants)
        elif kind == "preproc_function_def" and (found := _macro_def(child)) is not None:
            macro = _macro(found) or _macro_via(found, macros)
            if macro is not None:
                macros[macro.name] = macro
            wrapped = _wrapped(found) if wrappers is not None else None
            if wrapped is not None and wrappers is not None:
                wrappers.setdefault(found.name, wrapped)
            sets = _macro_sets(found) if setters is not None else None
            if sets and setters is not None:
                setters.setdefault(found.name, sets)
        elif kind == "enum_specifier" or kind in ("declaration", "type_definition"):
            for e in descendants(child, "enumerator_list", prune=_NO_ENUMS):
                _enumerators(e, constants)
        elif kind.startswith("preproc_") or kind in ("linkage_specification", "declaration_list",
                                                     "ERROR", "compound_statement"):
            # #if/#ifdef blocks and extern "C" hold definitions too, and so do the
            # ERROR and stray top-level block tree-sitter-c 0.24 recovers into after a
            # #define inside an initializer (file 5.45's apprentice.c).
            _top_level(child, constants, macros, functions, wrappers, setters)


def _define(node: Any, constants: dict[str, int]) -> None:
    name = node.child_by_field_name("name")
    value = node.child_by_field_name("value")
    if name is None or value is None:
        return
    expr = expr_of_text(value.text.decode("utf-8", "replace"))
    if expr is not None:
        n = evaluate(expr, constants)
        if n is not None:
            constants[node_text(name)] = n


@dataclass(frozen=True)
class _MacroDef:
    """A function-like ``#define``: its name, parameters and body text."""

    name: str
    params: tuple[str, ...]
    body: str


def _macro_def(node: Any) -> _MacroDef | None:
    name = node.child_by_field_name("name")
    params = node.child_by_field_name("parameters")
    value = node.child_by_field_name("value")
    if name is None or value is None:
        return None
    names = tuple(node_text(p) for p in params.named_children) if params is not None else ()
    return _MacroDef(node_text(name), names, value.text.decode("utf-8", "replace"))


def _macro(d: _MacroDef) -> Macro | None:
    if not re.search(r"\breturn\b", d.body):
        return None
    m = re.search(r"\breturn\s*\(?\s*-\s*\(?\s*(E[A-Z0-9_]{2,})\b", d.body)
    errno = m.group(1) if m and number_of(m.group(1)) is not None else None
    return Macro(d.name, d.params, d.body, errno)


def _macro_via(d: _MacroDef, macros: Mapping[str, Macro]) -> Macro | None:
    """A macro whose body uses a returning macro defined above it (unibilium 2.1's
    ``#define FAIL_IF(c, e) FAIL_IF_(c, e, (void)0)``) returns too."""
    inner = next((macros[m] for m in _CALLED.findall(d.body) if m in macros), None)
    # The calls and the errno are the inner macro's: the outer one only passes its
    # arguments on.
    return Macro(d.name, d.params, inner.body, inner.errno) if inner is not None else None


# Names a macro body calls that are no function: C's keywords and operators that take
# parentheses, and branch-prediction hints (read through, as in conditions).
_NOT_CALLED = frozenset({"if", "else", "while", "for", "switch", "return", "do", "sizeof", "typeof",
                         "__typeof__", "__typeof", "_Alignof", "alignof", "defined",
                         "_Generic", "__attribute__", "__extension__"}) | HINTS
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


# `name = value;` in a macro body: not a field (`s.x = 1`), not a comparison.
_MACRO_SET = re.compile(r"(?<![\w.>])([A-Za-z_]\w*)\s*=(?!=)\s*([^;{}]+?)\s*;")


def _macro_sets(d: _MacroDef) -> dict[str, str]:
    r"""``{variable: value}`` for a function-like macro that assigns variables of the
    code using it (its parameters are the caller's expressions).

    >>> m = SourceModel.of("t.h", b"#define start(f, n) \\\n if (top >= 32) { \\\n"
    ...                    b"  ret = NOMEM; goto _failed; } \\\n x.y = n; f(n)\n")
    >>> dict(m.setters)
    {'start': {'ret': 'NOMEM'}}
    """
    sets: dict[str, str] = {}
    for m in _MACRO_SET.finditer(d.body.replace("\\\n", " ")):
        if m.group(1) not in d.params:
            sets.setdefault(m.group(1), m.group(2))
    return sets


def _wrapped(d: _MacroDef) -> str | None:
    r"""The function a function-like macro's body calls, when it calls exactly one
    (neither a parameter nor a keyword): the function a call of the macro calls
    (``sysfs_write_attr`` -> ``__sysfs_write_attr``; dtc's ``FDT_RO_PROBE``, a block
    around ``fdt_ro_probe_()``).

    >>> m = SourceModel.of("h.h", b"#define w(c, p) __w(&(c)->x, p)\n"
    ...                    b"#define P(f) { int t_; if ((t_ = p_(f)) < 0) return t_; }\n"
    ...                    b"#define two(a) f(g(a))\n#define F(a) (a)(1)\n"
    ...                    b"#define I(c) if (c) { errno = EINVAL; return -1; } else (void)0\n")
    >>> dict(m.wrappers)
    {'w': '__w', 'P': 'p_'}
    """
    skip = _NOT_CALLED | {d.name} | set(d.params)
    called = {m.group(1) for m in _CALLED.finditer(d.body)} - skip
    return called.pop() if len(called) == 1 else None


def _enumerators(node: Any, constants: dict[str, int]) -> None:
    nxt = 0
    for e in node.named_children:
        if e.type != "enumerator":
            continue
        name = e.child_by_field_name("name")
        value = e.child_by_field_name("value")
        if value is not None:
            n = evaluate(expr_of(value), constants)
            if n is None:
                return  # later members depend on a value not known here
            nxt = n
        if name is not None:
            constants[node_text(name)] = nxt
        nxt += 1


def _declarator(node: Any) -> Any | None:
    decl = node.child_by_field_name("declarator")
    while decl is not None and decl.type != "function_declarator":
        decl = decl.child_by_field_name("declarator")
    return decl


def _function_name(node: Any) -> str | None:
    decl = _declarator(node)
    name = decl.child_by_field_name("declarator") if decl is not None else None
    if name is None and node.child_by_field_name("body") is not None:
        return _macro_header_name(node)
    if name is None or node.child_by_field_name("body") is None:
        return None
    text = node_text(name)
    # `if (...) {` read as a definition named `if`: tree-sitter-c's recovery inside a
    # body that an `#if` split (liblo 0.31's lo_server_new_with_proto_internal).
    return None if text in _KEYWORDS else text


_KEYWORDS = frozenset({"if", "while", "for", "switch", "return", "sizeof", "do", "else"})


def _macro_header_name(node: Any) -> str | None:
    """``PARSER_Construct(StringTo)`` for a definition whose whole header is a macro
    from a header (liblognorm 2.0's ``PARSER_Construct(StringTo) { ... }``, which
    defines ``ln_constructStringTo``): tree-sitter-c reads a type and a parenthesized
    declarator. The traced lines then find it, its name being the macro's."""
    kind = node.child_by_field_name("type")
    decl = node.child_by_field_name("declarator")
    if kind is None or decl is None or kind.type != "type_identifier" or \
            decl.type != "parenthesized_declarator" or not node_text(kind).isidentifier():
        return None
    return f"{node_text(kind)}{node_text(decl)}"


def _function(node: Any) -> Function | None:
    decl = _declarator(node)
    body = node.child_by_field_name("body")
    name = _function_name(node)
    if body is None or name is None:
        return None
    params = decl.child_by_field_name("parameters") if decl is not None else None
    names: list[str] = []
    for p in params.named_children if params is not None else ():
        ids = list(descendants(p, "identifier"))
        if ids:
            names.append(node_text(ids[-1]))
    statements: list[Stmt] = []
    _statements(body, None, statements)
    return Function(
        name=name,
        start=node_line(node),
        open_line=node_line(body),
        end=node_end_line(body),
        params=tuple(names),
        statements=tuple(statements),
        _by_line=_line_index(statements),
    )


def _statements(node: Any, parent: int | None, out: list[Stmt]) -> None:
    """Append the statements in the container ``node`` (pre-order) to ``out``."""
    children = node.named_children
    i = 0
    while i < len(children):
        child = children[i]
        body = children[i + 1] if i + 1 < len(children) else None
        if body is not None and _macro_loop(child, body):
            index = len(out)
            out.append(Stmt("loop", node_line(child), node_end_line(body), node_end_line(child),
                            node_text(child), None, (), (), _span(body), None, (), None,
                            parent, index))
            _statements(body, index, out)
            i += 2
            continue
        _statement(child, parent, out)
        i += 1


def _macro_loop(node: Any, body: Any) -> bool:
    """A loop macro and its block (``STRV_FOREACH(i, l) {``, ``list_for_each(p,
    head) {``): tree-sitter-c reads a call missing its ``;`` and a separate block."""
    if node.type != "expression_statement" or body.type != "compound_statement" or \
            not any(c.is_missing for c in node.children):
        return False
    call = node.named_children[0] if node.named_children else None
    return call is not None and call.type == "call_expression" and \
        node_line(body) - node_end_line(node) <= 1


def _statement(node: Any, parent: int | None, out: list[Stmt]) -> None:
    """Append ``node`` if it is a statement (with what it holds), or what a block,
    an ``else`` or an ERROR node holds."""
    kind = _STMT_KINDS.get(node.type)
    if kind is None:
        # #if/#ifdef/#else blocks inside a body hold statements too (all branches are
        # read: the traced lines tell which one was compiled).
        if node.type in ("compound_statement", "else_clause", "ERROR") or \
                node.type.startswith("preproc_"):
            _statements(node, parent, out)
        return
    index = len(out)
    out.append(_stmt(node, kind, parent, index))
    if kind in ("if", "switch", "loop"):
        for part in _children_statements(node, kind):
            _statement(part, index, out)
    elif kind in ("case", "label"):
        value = node.child_by_field_name("value") if kind == "case" else None
        label = node.child_by_field_name("label")
        for part in node.named_children:
            if part is not value and part is not label:
                _statement(part, index, out)


def unhinted(e: Expr) -> Expr:
    """A condition without its branch-prediction hint: ``unlikely (a != b)`` is
    ``a != b`` (the hint keeps the truth value; the rules read the test).

    >>> from reporter.diagnosis.cexpr import expr_of_text
    >>> texts = ("unlikely (a != b)", "__builtin_expect(!p, 0)", "f(x)")
    >>> [unhinted(expr_of_text(t)).text for t in texts]
    ['a != b', '!p', 'f(x)']
    """
    while e.kind == "call" and e.name in HINTS and e.args:
        e = e.args[0].strip()
    return e


def _children_statements(node: Any, kind: str) -> list[Any]:
    """The branches or body of an ``if``, ``switch`` or loop."""
    if kind == "if":
        return [n for n in (node.child_by_field_name("consequence"),
                            node.child_by_field_name("alternative")) if n is not None]
    body = node.child_by_field_name("body")
    return [body] if body is not None else []


def _span(node: Any | None) -> tuple[int, int] | None:
    return (node_line(node), node_end_line(node)) if node is not None else None


def _stmt(node: Any, kind: str, parent: int | None, index: int) -> Stmt:
    expr: Expr | None = None
    body = orelse = None
    values: tuple[Expr, ...] = ()
    label = None
    head = node
    if kind == "return" or kind == "expr":
        expr = _first_expr(node)
    elif kind in ("if", "switch") or (kind == "loop" and node.type == "while_statement"):
        cond = node.child_by_field_name("condition")
        expr = unhinted(expr_of(cond).strip()) if cond is not None else None
        head = cond if cond is not None else node
        if kind == "if":
            body = _span(node.child_by_field_name("consequence"))
            orelse = _span(node.child_by_field_name("alternative"))
        else:
            body = _span(node.child_by_field_name("body"))
    elif kind == "loop":
        cond = node.child_by_field_name("condition")
        expr = expr_of(cond).strip() if cond is not None else None
        body = _span(node.child_by_field_name("body"))
        head = cond if cond is not None and node.type == "for_statement" else node
    elif kind == "case":
        value = node.child_by_field_name("value")
        values = (expr_of(value),) if value is not None else ()
        kind = "case" if value is not None else "default"
        stmts = [c for c in node.named_children if c is not value]
        body = (node_line(stmts[0]), node_end_line(stmts[-1])) if stmts else None
        head = value if value is not None else node
    elif kind in ("goto", "label"):
        ident = node.child_by_field_name("label")
        label = node_text(ident) if ident is not None else None
        head = ident if ident is not None else node
    compound = kind in ("if", "switch", "loop", "case", "label")
    head_end = node_end_line(head) if compound else node_end_line(node)
    if kind == "loop" and node.type == "do_statement":
        head_end = node_line(node)
    return Stmt(
        kind=kind,
        start=node_line(node),
        end=node_end_line(node),
        head_end=max(head_end, node_line(node)),
        text=_head_text(node, kind),
        expr=expr,
        assigns=tuple(_assigns(node, kind)),
        calls=tuple(c.name for c in _own_exprs_calls(node, kind) if c.name),
        body=body,
        orelse=orelse,
        values=values,
        label=label,
        parent=parent,
        index=index,
    )


def _head_text(node: Any, kind: str) -> str:
    if kind == "if":
        cond = node.child_by_field_name("condition")
        return "if " + node_text(cond) if cond is not None else "if"
    if kind in ("switch", "loop") and node.type in ("switch_statement", "while_statement"):
        cond = node.child_by_field_name("condition")
        word = "switch" if kind == "switch" else "while"
        return f"{word} " + node_text(cond) if cond is not None else word
    if kind == "loop" and node.type == "for_statement":
        body = node.child_by_field_name("body")
        full = node.text.decode("utf-8", "replace")
        if body is not None:
            full = full[: body.start_byte - node.start_byte]
        return _SPACES.sub(" ", full).strip()
    if kind in ("case", "label", "loop"):
        first = node.text.decode("utf-8", "replace").split("\n", 1)[0]
        return _SPACES.sub(" ", first).strip()
    return node_text(node)


def _first_expr(node: Any) -> Expr | None:
    for child in node.named_children:
        if child.type != "comment":
            return expr_of(child)
    return None


def _own_exprs(node: Any, kind: str) -> list[Any]:
    """The expression nodes a statement evaluates itself (not its branches')."""
    if kind in ("if", "switch") or node.type == "while_statement":
        cond = node.child_by_field_name("condition")
        return [cond] if cond is not None else []
    if kind == "loop":
        return [c for c in (node.child_by_field_name("initializer"),
                            node.child_by_field_name("condition"),
                            node.child_by_field_name("update")) if c is not None]
    if kind in ("case", "default", "label", "goto", "break", "continue"):
        return []
    return [c for c in node.named_children if c.type != "comment"]


def _own_exprs_calls(node: Any, kind: str) -> list[Expr]:
    out: list[Expr] = []
    for n in _own_exprs(node, kind):
        out.extend(expr_of(n).calls())
    return out


def _assigns(node: Any, kind: str) -> Iterator[Assign]:
    if kind == "expr":
        yield from _macro_assign(node)
    for n in _own_exprs(node, kind):
        # An initialiser's calls too: liblo 0.31's `lo_message msg =
        # lo_message_deserialise(data, size, &result);` sets `result`.
        for sub in [n, *_all_descendants(n)]:
            if sub.type == "init_declarator":
                yield from _init_assign(sub)
            elif sub.type == "assignment_expression":
                left = sub.child_by_field_name("left")
                op = sub.child_by_field_name("operator")
                right = sub.child_by_field_name("right")
                if left is not None and op is not None:
                    yield Assign(node_text(left), node_text(op),
                                 expr_of(right) if right is not None else None, node_line(sub))
            elif sub.type == "update_expression":
                arg = sub.child_by_field_name("argument")
                if arg is not None:
                    yield Assign(node_text(arg), "++", None, node_line(sub))
            elif sub.type == "pointer_expression" and node_text(sub).startswith("&"):
                arg = sub.child_by_field_name("argument")
                if arg is not None and sub.parent is not None and \
                        sub.parent.type == "argument_list":
                    # On the call's line: `p = fdt_getprop(fdt, off, label,\n &len);`
                    # (dtc 1.6) is the call at its first line, as gcc numbers it.
                    call = sub.parent.parent
                    yield Assign(node_text(arg), "&", None,
                                 node_line(call if call is not None else sub))


def _macro_assign(node: Any) -> Iterator[Assign]:
    """A macro statement given a variable and a call sets the variable from it:
    libssh2 1.10's ``BLOCK_ADJUST(rc, session, session_startup(session, sock));``
    is ``do { rc = session_startup(...); ... } while (0)`` (its header says so)."""
    call = node.named_children[0] if node.named_children else None
    if call is None or call.type != "call_expression":
        return
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if fn is None or args is None or fn.type != "identifier" or not node_text(fn).isupper():
        return
    parts = [a for a in args.named_children if a.type != "comment"]
    calls = [a for a in parts if a.type == "call_expression"]
    # A variable, not a constant (`DBG(CXT, ul_debugobj(...))`, util-linux, sets nothing).
    if parts and parts[0].type == "identifier" and not node_text(parts[0]).isupper() and \
            len(calls) == 1:
        yield Assign(node_text(parts[0]), "=", expr_of(calls[0]), node_line(calls[0]))


def _init_assign(node: Any) -> Iterator[Assign]:
    decl = node.child_by_field_name("declarator")
    value = node.child_by_field_name("value")
    while decl is not None and decl.type != "identifier":
        decl = decl.child_by_field_name("declarator")
    if decl is not None and value is not None:
        yield Assign(node_text(decl), "=", expr_of(value), node_line(node))


def _all_descendants(node: Any) -> Iterator[Any]:
    for child in node.named_children:
        yield child
        yield from _all_descendants(child)


# -- the line-by-line fallback -----------------------------------------------------


def line_function(model: SourceModel, name: str | None, lines: Sequence[int]) -> Function:
    """A stand-in for a function the parse does not have: each code line from the
    first traced line to the last, parsed on its own as one statement, nested by
    indentation (an ``if`` line's body is the more indented lines after it)."""
    first, last = min(lines), max(lines)
    statements: list[Stmt] = []
    open_: list[tuple[int, int]] = []  # (indent, index) of ifs, loops, switches
    for n in range(first, last + 1):
        if not model.is_code(n):
            continue
        raw = model.lines[n - 1]
        indent = len(raw.expandtabs(8)) - len(raw.expandtabs(8).lstrip())
        while open_ and open_[-1][0] >= indent:
            open_.pop()
        stmt = _lone_statement(model.text(n) or "", n, len(statements))
        if stmt is None:
            continue
        parent = open_[-1][1] if open_ else None
        statements.append(replace(stmt, parent=parent))
        if stmt.kind in ("if", "loop", "switch"):
            open_.append((indent, stmt.index))
    statements = _with_bodies(statements)
    return Function(name or "?", first, first, last, (), tuple(statements), parsed=False,
                    _by_line={s.start: s.index for s in statements})


def _with_bodies(statements: list[Stmt]) -> list[Stmt]:
    """Each ``if``/loop/``switch`` given the span of the statements nested under it."""
    out = list(statements)
    for s in statements:
        inner = [t.start for t in statements if t.index > s.index and _under(statements, t, s)]
        if inner and s.kind in ("if", "loop", "switch"):
            out[s.index] = replace(s, body=(min(inner), max(inner)), end=max(inner))
    return out


def _under(statements: Sequence[Stmt], t: Stmt, s: Stmt) -> bool:
    parent = t.parent
    while parent is not None:
        if parent == s.index:
            return True
        parent = statements[parent].parent
    return False


def _lone_statement(text: str, line: int, index: int) -> Stmt | None:
    code = text.rstrip("{").strip()
    if code in ("", "}", "{") or code.startswith("#"):
        return None
    if code.startswith("}"):
        code = code[1:].strip()
    if code.startswith("else"):
        code = code[4:].strip() or ";"
    if re.match(r"(if|while|switch)\b", code) and not code.endswith(";"):
        code += " ;"
    if re.match(r"case\b|default\b", code) and not code.endswith(";"):
        code += " ;"
    # Blank lines first, so the expressions inside carry the line's own number.
    tree = parse_tree(b"\n" * (line - 1) + b"void _errtrail_(void) { " + code.encode() + b"\n}\n")
    for fn in descendants(tree.root_node, "function_definition"):
        body = fn.child_by_field_name("body")
        found: list[Stmt] = []
        if body is not None:
            _statements(body, None, found)
        if found:
            s = found[0]
            return Stmt(s.kind, line, line, line, s.text, s.expr, s.assigns, s.calls,
                        None, None, s.values, s.label, None, index)
    return None
