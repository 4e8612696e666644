"""The path gutter: an inline SVG drawing of one path through one annotated source view.

This module owns the geometry of the drawing. ``reporter.views`` calls
``draw_gutter(rows, edges, ...)`` with row indexes (not line numbers: the view may show
excerpts with gaps) and gets back a ``Gutter`` (the SVG text and its size), which the
HTML template places beside the rows. The SVG contains only numbers and fixed class
names computed here, never trace text, so it is safe to insert into the page as is.

What the eye should see without reading numbers:

- every executed line is a dot on the main lane, the first one a ring (hollow, with
  a question mark lane when the path's start was lost);
- falling through to the next line is a short straight arrow down the main lane;
- a forward jump (a taken branch, a ``goto``) is an arc to the left of the main lane
  ending in an arrowhead at its target, in the "forward" colour;
- a backward jump (a loop, or returns the compiler merged into one epilogue) is a
  dashed arc in the "backward" colour, further out;
- the exit (the last executed step) is a filled square with an arrow leaving the
  lane to the left;
- a transition to another file is a short arrow leaving to the right.

Arcs are given lanes by interval nesting so that they do not overlap; the number of
lanes is capped (``MAX_LANES``): beyond it arcs share the outermost lane.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Every row of the annotated source is this many CSS pixels high; the HTML's CSS uses
# the same number (passed to the template), so dots line up with their lines.
ROW_HEIGHT = 20
LANE_WIDTH = 8
MAX_LANES = 8

NEXT = "next"
FORWARD = "forward"
BACKWARD = "backward"
EDGE_KINDS = (NEXT, FORWARD, BACKWARD)


@dataclass(frozen=True)
class Edge:
    """A transition between two consecutive steps, as row indexes in one view."""

    source: int
    target: int
    kind: str  # next | forward | backward


@dataclass(frozen=True)
class Gutter:
    """The drawing and its size in CSS pixels."""

    svg: str
    width: int
    height: int
    lanes: int


def assign_lanes(edges: Sequence[Edge]) -> dict[Edge, int]:
    """A lane (0 = nearest the main lane) for every arc, shorter arcs inside longer.

    >>> a, b, c = Edge(0, 5, FORWARD), Edge(1, 2, FORWARD), Edge(6, 1, BACKWARD)
    >>> sorted(assign_lanes([a, b, c]).values())
    [0, 1, 2]
    >>> assign_lanes([Edge(0, 2, FORWARD), Edge(3, 4, FORWARD)])[Edge(3, 4, FORWARD)]
    0
    """
    arcs = sorted(
        {e for e in edges if e.kind != NEXT},
        key=lambda e: (abs(e.target - e.source), min(e.source, e.target), e.target),
    )
    taken: list[list[tuple[int, int]]] = []
    out: dict[Edge, int] = {}
    for e in arcs:
        lo, hi = min(e.source, e.target), max(e.source, e.target)
        lane = None
        for i, spans in enumerate(taken):
            if all(hi < a or lo > b for a, b in spans):
                lane = i
                break
        if lane is None:
            if len(taken) < MAX_LANES:
                taken.append([])
                lane = len(taken) - 1
            else:
                lane = MAX_LANES - 1
        taken[lane].append((lo, hi))
        out[e] = lane
    return out


def _y(row: int) -> float:
    return row * ROW_HEIGHT + ROW_HEIGHT / 2


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def draw_gutter(
    rows: int,
    steps: Sequence[int],
    edges: Sequence[Edge],
    *,
    exit_row: int | None,
    partial_start: bool = False,
    leaves: Sequence[int] = (),
    label: str = "",
) -> Gutter:
    """The SVG for a view of ``rows`` rows: dots at ``steps`` (rows of executed lines,
    any order, repeats allowed), one drawing per distinct edge, the exit marker at
    ``exit_row``, and an outgoing arrow at each row in ``leaves`` (the path continues in
    another file).

    ``label`` is the accessible description (numbers only; it is escaped anyway).

    >>> g = draw_gutter(4, [0, 1, 3], [Edge(0, 1, NEXT), Edge(1, 3, FORWARD)], exit_row=3)
    >>> g.width, g.height, g.lanes
    (28, 80, 1)
    >>> g.svg.count('class="arc forward"'), g.svg.count('class="seq"')
    (1, 1)
    """
    distinct = sorted(set(edges), key=lambda e: (e.source, e.target, e.kind))
    lanes = assign_lanes(distinct)
    nlanes = max(lanes.values(), default=-1) + 1
    width = 12 + (nlanes + 1) * LANE_WIDTH
    xd = width - 8  # the main lane
    height = max(rows, 1) * ROW_HEIGHT
    parts: list[str] = []
    for e in distinct:
        y1, y2 = _y(e.source), _y(e.target)
        if e.kind == NEXT:
            parts.append(
                f'<path class="seq" d="M{_fmt(xd)} {_fmt(y1 + 4)}V{_fmt(y2 - 7)}"/>'
                f'<path class="seq head" d="M{_fmt(xd - 3)} {_fmt(y2 - 8)}'
                f"L{_fmt(xd)} {_fmt(y2 - 4)}L{_fmt(xd + 3)} {_fmt(y2 - 8)}Z\"/>"
            )
            continue
        xl = xd - (lanes[e] + 1) * LANE_WIDTH
        r = min(4.0, abs(y2 - y1) / 2) if y1 != y2 else 4.0
        if y1 == y2:
            # A line that runs again at once (a one-line loop): a small loop.
            d = (
                f"M{_fmt(xd - 4)} {_fmt(y1 - 3)}H{_fmt(xl + r)}Q{_fmt(xl)} {_fmt(y1 - 3)} "
                f"{_fmt(xl)} {_fmt(y1)}Q{_fmt(xl)} {_fmt(y1 + 3)} {_fmt(xl + r)} {_fmt(y1 + 3)}"
                f"H{_fmt(xd - 6)}"
            )
            y_end = y1 + 3
        else:
            down = 1 if y2 > y1 else -1
            d = (
                f"M{_fmt(xd - 4)} {_fmt(y1)}H{_fmt(xl + r)}"
                f"Q{_fmt(xl)} {_fmt(y1)} {_fmt(xl)} {_fmt(y1 + down * r)}"
                f"V{_fmt(y2 - down * r)}"
                f"Q{_fmt(xl)} {_fmt(y2)} {_fmt(xl + r)} {_fmt(y2)}H{_fmt(xd - 6)}"
            )
            y_end = y2
        parts.append(f'<path class="arc {e.kind}" d="{d}"/>')
        parts.append(
            f'<path class="head {e.kind}" d="M{_fmt(xd - 9)} {_fmt(y_end - 3.5)}'
            f'L{_fmt(xd - 4)} {_fmt(y_end)}L{_fmt(xd - 9)} {_fmt(y_end + 3.5)}Z"/>'
        )
    for row in leaves:
        y = _y(row)
        parts.append(
            f'<path class="leave" d="M{_fmt(xd + 3)} {_fmt(y)}H{_fmt(width - 1)}"/>'
        )
    first = steps[0] if steps else None
    for row in sorted(set(steps)):
        if row == exit_row:
            continue
        if row == first:
            cls = "dot start partial" if partial_start else "dot start"
            parts.append(f'<circle class="{cls}" cx="{_fmt(xd)}" cy="{_fmt(_y(row))}" r="3.5"/>')
        else:
            parts.append(f'<circle class="dot" cx="{_fmt(xd)}" cy="{_fmt(_y(row))}" r="3"/>')
    if exit_row is not None:
        y = _y(exit_row)
        parts.append(
            f'<rect class="exit" x="{_fmt(xd - 4)}" y="{_fmt(y - 4)}" width="8" height="8"/>'
            f'<path class="exit-arrow" d="M{_fmt(xd - 5)} {_fmt(y)}H3"/>'
            f'<path class="exit" d="M7 {_fmt(y - 3.5)}L2 {_fmt(y)}L7 {_fmt(y + 3.5)}Z"/>'
        )
    title = f"<title>{_escape(label)}</title>" if label else ""
    svg = (
        f'<svg class="gutter" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img"'
        f'{" aria-label=" + chr(34) + _escape(label) + chr(34) if label else ""}>'
        f"{title}{''.join(parts)}</svg>"
    )
    return Gutter(svg=svg, width=width, height=height, lanes=nlanes)


def _escape(text: str) -> str:
    """XML-escape text placed in the SVG (the label is built from numbers, but the
    drawing must stay safe whatever it is given).

    >>> _escape('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
