"""Text for a person at a terminal: the ``diagnose`` verdict highlighted with rich and
wrapped to the terminal's width; byte for byte the plain text anywhere else.

This module owns how the reporter's text output looks on a terminal. Others call:

- ``write_text(text, console=None)``: write ``text`` to stdout (or ``console``). When
  that is no terminal (a pipe, a file, a test's runner) the text goes out unchanged;
  on one, each line is highlighted (labels, file:line, errno names, the next-step
  command) and a line longer than the terminal is wrapped with a hanging indent under
  its label, so that nothing is longer than the terminal.
- ``terminal_lines(text, width)``: those highlighted, wrapped lines (rich ``Text``).

rich reads the environment as usual: ``NO_COLOR`` (no colour, still wrapped),
``FORCE_COLOR`` (a terminal even when stdout is not one), ``TERM=dumb``, ``COLUMNS``.

A next-step command is wrapped the way a shell reads it back: at spaces outside
quotes, each broken line ending in `` \\``, so that it can be pasted whole. A word
longer than the terminal (a long path) is cut, except in a command, where cutting
would change what it runs: there it is left long.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from rich.cells import get_character_cell_size
from rich.console import Console
from rich.text import Text

# What is highlighted, by role. rich style strings.
STYLES: dict[str, str] = {
    "label": "bold",                # "kind:", "reason:", ... at the start of a line
    "heading": "bold underline",    # "verdict:", "trail:", "paths:", "notes:", ...
    "verdict": "bold yellow",       # the verdict's file:line and source text
    "location": "cyan",             # file.c:123 anywhere
    "errno": "bold magenta",        # -EINVAL, EINVAL
    "code": "green",                # `source text` in a reason
    "command": "bold green",        # the next step to paste
    "confidence": "yellow",         # confidence 0.93
    "warning": "bold red",          # "warning:" lines, missing sources
}

# The hanging indent of a wrapped line is at most this share of the width (a label
# longer than that would leave too little room for its text).
MAX_HANG_SHARE = 3
# Labels whose value is a shell command (wrapped with " \" continuations).
COMMAND_LABELS = frozenset({"next step"})
HEADINGS = frozenset({"verdict", "trail", "paths", "notes", "other candidates", "sources"})

_LABEL = re.compile(r"^(?P<indent> *)(?:(?P<label>[a-z][a-z ()0-9/-]{0,30}?):(?= |$)"
                    r"|(?P<number>\d+\.)(?= ))")
_HIGHLIGHTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"`[^`\n]+`"), STYLES["code"]),
    (re.compile(r"(?<![\w/.-])[\w./+-]+\.(?:c|h|cc|cpp|cxx|S|rs|go|stp):\d+\b"),
     STYLES["location"]),
    (re.compile(r"(?<![\w$@])-?E[A-Z0-9_]{2,}\b"), STYLES["errno"]),
    (re.compile(r"\bconfidence \d+(?:\.\d+)?"), STYLES["confidence"]),
)


def _style_line(line: str) -> tuple[Text, str | None]:
    """One line, highlighted, and its label (``None`` without one)."""
    text = Text(line)
    m = _LABEL.match(line)
    label = m.group("label") if m else None
    if label is not None and m is not None:
        style = STYLES["heading"] if label in HEADINGS else STYLES["label"]
        if label == "warning" or (label == "sources" and "missing" in line):
            style = STYLES["warning"]
        text.stylize(style, m.start("label"), m.end("label") + 1)
        if label in COMMAND_LABELS:
            text.stylize(STYLES["command"], m.end() + 1, len(line))
            return text, label
        if label == "verdict":
            text.stylize(STYLES["verdict"], m.end() + 1, len(line))
    elif m is not None and m.group("number"):
        text.stylize(STYLES["label"], m.start("number"), m.end("number"))
    for pattern, style in _HIGHLIGHTS:
        text.highlight_regex(pattern, style)
    return text, label


def _hang(line: str, width: int) -> int:
    """The indent of a wrapped line's continuations: under the text after its label."""
    m = _LABEL.match(line)
    if m is None:
        indent = len(line) - len(line.lstrip(" "))
        hang = indent + 2
    else:
        hang = m.end() + 1
    return min(hang, width // MAX_HANG_SHARE)


def _unquoted_spaces(line: str) -> set[int]:
    """Offsets of the spaces a shell would split ``line`` at (outside quotes)."""
    spaces: set[int] = set()
    quote: str | None = None
    escaped = False
    for i, ch in enumerate(line):
        if escaped:
            escaped = False
        elif ch == "\\" and quote != "'":
            escaped = True
        elif quote is not None:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == " ":
            spaces.add(i)
    return spaces


def _cuts(line: str, width: int, hang: int, *, command: bool) -> list[int]:
    """Where to break ``line`` so that each piece fits: after a space (outside quotes
    for a command, whose pieces also leave room for " \\"), else inside a word."""
    sizes = [get_character_cell_size(c) for c in line]
    breakable = _unquoted_spaces(line) if command else None
    room = 2 if command else 0
    cuts: list[int] = []
    start, avail = 0, width - room
    # Never break inside the indentation, nor right after a label: its continuation
    # would start where the text after the label does, gaining no room.
    label = _LABEL.match(line)
    floor = label.end() if label else len(line) - len(line.lstrip(" "))
    while True:
        col, end, space = 0, start, -1
        while end < len(line) and col + sizes[end] <= avail:
            if line[end] == " " and end > floor and (breakable is None or end in breakable):
                space = end
            col += sizes[end]
            end += 1
        if end >= len(line):
            return cuts
        if line[end] == " " and (breakable is None or end in breakable):
            space = end
        if space > floor:
            cut = space
        elif command:
            # No space to break at: leave the word whole (cutting it changes the
            # command); break at the next space after it, if any.
            later = [i for i in sorted(breakable or ()) if i > end]
            if not later:
                return cuts
            cut = later[0]
        else:
            cut = max(end, start + 1)
        while cut < len(line) and line[cut] == " ":
            cut += 1
        if cut >= len(line):
            return cuts
        cuts.append(cut)
        start, avail, floor = cut, width - hang - room, cut


def _wrapped(line: str, width: int) -> list[Text]:
    text, label = _style_line(line)
    command = label in COMMAND_LABELS
    hang = _hang(line, width)
    cuts = _cuts(line, width, hang, command=command)
    if not cuts:
        return [text]
    out: list[Text] = []
    pieces = list(text.divide(cuts))
    for n, piece in enumerate(pieces):
        piece.rstrip()
        if command and n < len(pieces) - 1:
            piece.append(" \\", STYLES["command"])
        if n:
            piece = Text(" " * hang) + piece
        out.append(piece)
    return out


def terminal_lines(text: str, width: int) -> list[Text]:
    """``text``'s lines highlighted, each no wider than ``width`` cells (tabs
    expanded), but for a command's word longer than that."""
    width = max(width, 20)
    lines: list[Text] = []
    for line in text.splitlines():
        lines.extend(_wrapped(line.expandtabs(8), width))
    return lines


def write_text(text: str, console: Console | None = None) -> None:
    """Write ``text``: unchanged when the output is no terminal, else highlighted and
    wrapped to the terminal's width (``terminal_lines``)."""
    console = console or Console(file=sys.stdout, highlight=False)
    if not console.is_terminal:
        console.file.write(text)
        return
    _print(console, terminal_lines(text, console.width))


def _print(console: Console, lines: Sequence[Text]) -> None:
    for line in lines:
        # Already fitted: soft_wrap keeps rich from wrapping or cropping it again.
        console.print(line, soft_wrap=True, highlight=False, markup=False, emoji=False)
