"""Source lines as highlighted HTML, a shown window at a time.

This module owns the pygments side of reports. Others call:

- ``Highlighter(path, lines, ends_with_newline)``: ``window(lo, hi)`` is the HTML of
  lines ``lo..hi`` (1-based, inclusive), one ``Markup`` per line, each pygments token
  as ``<span class="<short token class>">`` with its text escaped here;
- ``escaped(lines)``: the same lines without highlighting.

A report shows a few windows of a file (the context around the lines a path ran),
so only those are lexed: pygments over the whole of an 18.7 MB file took about 60 s
and hundreds of MB for a page that shows 40 of its 660,000 lines. Each window is
lexed from the start of the top-level construct that holds it, so that pygments sees
what it would see in the whole file:

1. The start is a line that can begin a top-level construct (``starts_construct``:
   at column 0, after a blank line or the end of a top-level statement, block or
   comment), moved back while that line is inside a ``/* ... */`` comment, an
   ``#if 0`` group (pygments colours it as a comment) or after a line ending in a
   backslash (a macro or a string going on). Comments and groups are looked for
   ``MAX_LOOKBACK_LINES`` back at most.
2. The window is lexed again from the start of the construct before the last
   top-level ``}`` above that start; when both agree on the window's lines, that is
   the answer, else the next construct back is tried, up to ``MAX_RESYNC`` times.
   This catches what the first rule cannot see: pygments' C lexer enters its
   ``function`` state only for a header it recognises, and after a definition it
   misreads (a ``struct x *`` return type, a K&R definition, a macro before the body)
   it lexes the next header as a statement, colouring its name as a plain name.
3. The lexed text goes ``LOOKAHEAD_LINES`` past the window, so that a token the
   window starts (a function header up to its ``{``, a comment inside a macro) is
   lexed as the whole file would.

What this cannot reproduce is a misreading that persists: once pygments has misread
a definition, every later definition of the file is lexed the same way, as far back
as any window looks. Over 275 C files of real libraries (``tests/realworld``), 636
of 97,864 window lines differed from whole-file highlighting, all of them a defined
function's name (``nf`` here, ``n`` there); nothing else did.

Lines are split at ``\\n`` only, as gcc numbers them and ``reporter.views`` reads
them (``reporter.diagnosis.csource.source_lines``: a form feed stays inside its line),
so the HTML of line N is always the text of line N.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

__all__ = ["LOOKAHEAD_LINES", "MAX_RESYNC", "Highlighter", "escaped", "starts_construct"]

# Lines lexed past a window's last line: a token that starts in the window and goes
# on (a function header up to its `{`, a comment in a multi-line macro) must be
# lexed whole, as in the file. Headers and such comments are much shorter.
LOOKAHEAD_LINES = 64
# Earlier construct starts tried when two starts disagree on a window before one is
# taken anyway (then the earliest tried: the most context).
MAX_RESYNC = 6

# pygments' C lexer enters its if0 state at `#if 0` at a line start, optionally after
# whitespace and one comment; in that state any `#if` pushes and `#else`, `#elif` and
# `#endif` pop (pygments 2.21, lexers/c_cpp.py, CFamilyLexer 'whitespace' and 'if0').
_IF0 = re.compile(r"\s*(?:/[*].*?[*]/\s*)?#if\s+0")
_CONDITIONAL = re.compile(r"\s*#(if|el(?:se|if)|endif)")
_LABEL = re.compile(r"[A-Za-z_]\w*\s*:(?!:)")
# `#if 0` groups looked at before a start (the nearest first): one further back can be
# open only when it encloses them all, which real files do not nest deeper.
MAX_IF0_LOOKBACK = 8
# Lines looked back over for the `/*` of a comment or the `#if 0` of a group still
# open at a start: one longer than this is taken as closed (a window deep inside it is
# coloured as code), so that finding a start costs milliseconds however long the file.
MAX_LOOKBACK_LINES = 20_000


def escaped(lines: Sequence[str]) -> list[Markup]:
    """``lines`` as HTML text, without highlighting."""
    return [Markup(escape(t)) for t in lines]


def _lexer_for(path: str) -> Lexer:
    """The C lexer for C sources and headers, by file name otherwise (plain text when
    pygments knows no lexer for it)."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.lexers.c_cpp import CLexer
    from pygments.util import ClassNotFound

    if path.endswith((".c", ".h", ".inc")):
        return CLexer(stripnl=False, ensurenl=False)  # type: ignore[no-untyped-call]
    try:
        return get_lexer_for_filename(path, stripnl=False, ensurenl=False)
    except ClassNotFound:
        from pygments.lexers.special import TextLexer

        return TextLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=1024)
def _css_class(ttype: _TokenType) -> str:
    """The short class pygments' HTML formatter gives a token type (that of its
    nearest ancestor that has one)."""
    from pygments.token import STANDARD_TYPES

    while ttype not in STANDARD_TYPES and ttype.parent is not None:
        ttype = ttype.parent
    return STANDARD_TYPES.get(ttype, "")


def _html_lines(lexer: Lexer, text: str) -> list[str]:
    """Each line of ``text`` as HTML (``text`` has no line break but ``\\n``)."""
    lines: list[list[str]] = [[]]
    for ttype, value in lexer.get_tokens(text):
        cls = _css_class(ttype)
        for i, piece in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if piece:
                esc = str(escape(piece))
                lines[-1].append(f'<span class="{cls}">{esc}</span>' if cls else esc)
    return ["".join(parts) for parts in lines]


class Highlighter:
    """The lines of one file as highlighted HTML, lexed a window at a time (see the
    module docstring). Lines already made are kept, so that windows shown for several
    paths are lexed once."""

    def __init__(self, path: str, lines: Sequence[str], ends_with_newline: bool) -> None:
        self.lines = lines
        self.ends_with_newline = ends_with_newline
        self.lexer = _lexer_for(path)
        self.made: dict[int, Markup] = {}

    def window(self, lo: int, hi: int) -> list[Markup]:
        """The HTML of lines ``lo..hi`` (1-based, inclusive, within the file)."""
        if any(n not in self.made for n in range(lo, hi + 1)):
            for n, html in zip(range(lo, hi + 1), self._lex_window(lo, hi), strict=True):
                self.made.setdefault(n, Markup(html))
        return [self.made[n] for n in range(lo, hi + 1)]

    def _lex_window(self, lo: int, hi: int) -> list[str]:
        end = min(len(self.lines), hi + LOOKAHEAD_LINES)
        start = self._start(lo)
        got = self._lex(start, end)[lo - start : hi - start + 1]
        for _ in range(MAX_RESYNC):
            if start == 1:  # the whole file's own lexing
                break
            start = self._earlier_start(start)
            again = self._lex(start, end)[lo - start : hi - start + 1]
            agreed, got = again == got, again
            if agreed:
                break
        return got

    def _lex(self, first: int, last: int) -> list[str]:
        """Lines ``first..last`` lexed as one text, ending as the file ends there."""
        text = "\n".join(self.lines[first - 1 : last])
        if last < len(self.lines) or self.ends_with_newline:
            text += "\n"
        return _html_lines(self.lexer, text)[: last - first + 1]

    # -- where a window's lexing starts

    def _start(self, line: int) -> int:
        """The latest construct start at or before ``line`` that is outside any
        comment and ``#if 0`` group and does not follow a backslash continuation."""
        n = self._construct_start(line)
        while n > 1:
            opened = self._open_comment(n) or self._open_if0(n)
            if opened is None and not self.lines[n - 2].endswith("\\"):
                return n
            # Both lie before n, so this always moves back.
            n = self._construct_start(opened if opened is not None else n - 1)
        return 1

    def _earlier_start(self, start: int) -> int:
        """The start of the construct before the last top-level ``}`` above
        ``start``: lexing from there shows what an earlier construct that pygments
        misreads (a K&R definition, a macro before a body) does to the next one."""
        n = start - 1
        while n > 1 and not self.lines[n - 1].startswith("}"):
            n -= 1
        return self._start(n)

    def _construct_start(self, line: int) -> int:
        n = max(1, line)
        while n > 1 and not starts_construct(self.lines[n - 1], self.lines[n - 2]):
            n -= 1
        return n

    def _lookback(self, line: int) -> range:
        """The lines before ``line`` looked at for what is still open there, nearest
        first."""
        return range(line - 1, max(0, line - 1 - MAX_LOOKBACK_LINES), -1)

    def _open_comment(self, line: int) -> int | None:
        """The line whose ``/*`` is still open where ``line`` begins, or ``None``. The
        last line with a comment mark before it decides; a mark inside a string or a
        ``//`` comment only moves the start further back than needed."""
        for n in self._lookback(line):
            text = self.lines[n - 1]
            if "/*" in text or "*/" in text:
                return n if text.rfind("/*") > text.rfind("*/") else None
        return None

    def _open_if0(self, line: int) -> int | None:
        """The ``#if 0`` line whose group pygments still lexes as a comment where
        ``line`` begins, or ``None``."""
        directives: list[tuple[int, str, bool]] = []  # (line, kind, is #if 0), nearest first
        for n in self._lookback(line):
            text = self.lines[n - 1]
            m = _CONDITIONAL.match(text) if "#" in text else None
            if m is not None:
                directives.append((n, m.group(1), _IF0.match(text) is not None))
        if0s = [i for i, (_, _, if0) in enumerate(directives) if if0]
        for i in if0s[:MAX_IF0_LOOKBACK]:
            depth = 1
            for _, kind, _ in reversed(directives[:i]):  # from the #if 0 on to ``line``
                depth += 1 if kind == "if" else -1
                if not depth:
                    break
            if depth:
                return directives[i][0]
        return None


def starts_construct(text: str, previous: str) -> bool:
    """Whether a line can begin a top-level construct: it starts at column 0 with an
    identifier (not a label) after a blank line, a top-level line ending in ``}``,
    ``;`` or ``*/``, a comment's closing `` */`` or a preprocessor line that does
    not go on; or it opens a comment at column 0 after a blank line or a top-level
    ``}`` or ``;`` (a comment at column 0 inside a body follows code or another
    comment).

    >>> starts_construct("static int f(void)", "}"), starts_construct("\\tx = 1;", "")
    (True, False)
    >>> starts_construct("out:", ""), starts_construct("int x;", "#define A \\\\")
    (False, False)
    >>> starts_construct("int x;", "#include <a.h>"), starts_construct("f(void)", "int")
    (True, False)
    >>> starts_construct("int f(void)", " */"), starts_construct("/*", "/* TODO */")
    (True, False)
    """
    before = previous.rstrip()
    if text.startswith(("/*", "//")):
        return not before or (before[:1] not in " \t" and before.endswith(("}", ";")))
    first = text[:1]
    if not (first.isalpha() or first == "_") or _LABEL.match(text):
        return False
    if not before or before.strip() == "*/":
        return True
    if before.endswith("\\") or before[:1] in " \t":
        return False
    return before.endswith(("}", ";", "*/")) or before.startswith("#")
