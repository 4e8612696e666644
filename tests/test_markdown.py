"""The Markdown report (reporter.markdown): gold files, structure checked by parsing it
with markdown-it-py (GFM tables, raw HTML enabled as GitHub renders it), the first
screen of the ticket, ASCII-only code blocks, the run's note, escaping of hostile
trace text, trimming to --max-chars, and the rendered ticket in a real headless
Chromium (screenshots in out/screenshots/markdown-*.png, for a person to look at)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from test_browser import CHROMIUM_ARGS, SCREENSHOTS
from test_html import (
    GENERATED,
    HOSTILE_META,
    HOSTILE_STDERR,
    HOSTILE_STDOUT,
    build_view,
    check_gold,
)

from reporter.cli import main
from reporter.markdown import (
    MarkdownError,
    _steps_cell,
    ascii_cut,
    cell,
    code_span,
    fenced,
    inline,
    readable_text,
    render_markdown,
    short_names,
)
from reporter.views import RenderOptions
from tests.conftest import PROGRAMS, REPO, SAMPLE_TRACES, require_tool, sample_run_archive

# The only raw HTML the writer may emit: its own collapsible block and footer.
OWN_HTML = {
    "<details><summary>Run facts and warnings</summary>",
    "</details>",
    "<sub>",
    "</sub>",
}


def gfm() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def check_structure(text: str) -> list[Any]:
    """Parse ``text`` as GitHub would and check: raw HTML only our own, every table
    recognised with the same number of cells in every row, every fence we opened
    closed (the block after the last fence, ``</details>``, is still HTML)."""
    tokens = gfm().parse(text)
    html = [t.content.strip() for t in tokens if t.type == "html_block"]
    for t in tokens:
        if t.type == "inline":
            html += [c.content.strip() for c in t.children or [] if c.type == "html_inline"]
    for h in html:
        assert h in OWN_HTML, f"raw HTML not written by the writer: {h!r}"
    assert html == [*html[:-3], "</details>", "<sub>", "</sub>"]
    assert html.count("</details>") == 1
    written_tables = sum(1 for line in text.splitlines() if line.startswith("|---"))
    assert sum(1 for t in tokens if t.type == "table_open") == written_tables
    width = None
    for t in tokens:
        if t.type == "table_open":
            width = None
        if t.type == "tr_open":
            cells = 0
        if t.type in ("th_open", "td_open"):
            cells += 1
        if t.type == "tr_close":
            assert width in (None, cells), "a table row with a different number of cells"
            width = cells
    # The writer's fences always carry an info string (sh, c or text).
    opened = sum(1 for line in text.splitlines() if re.fullmatch(r"`{3,}(sh|c|text)", line))
    fences = [t for t in tokens if t.type == "fence"]
    assert len(fences) == opened
    for f in fences:
        runs = [len(r) for r in re.findall(r"`+", f.content)]
        assert len(f.markup) > max(runs, default=0)
    return tokens


# Glyphs a code block must not hold of its own (they were the old gutter's).
NON_ASCII_MARKS = set("▶★✗⏎│⋮…")
# A gutter row: marks, line number, step numbers, then " | " and the source.
GUTTER = re.compile(r"[*>!<]{0,2} +\d+( [0-9. x]+)? \|( |$)| +\.\.\.$")
NOTE = "reproduces on buildhost after `echo 9216 > mtu`;\nsee <b>ticket</b> #4 | $x"


def fences(tokens: list[Any], info: str) -> list[Any]:
    return [t for t in tokens if t.type == "fence" and t.info == info]


def tables(tokens: list[Any]) -> list[tuple[list[str], list[list[str]]]]:
    """Each table as (header cells, body rows), cells as their inline source text."""
    out: list[tuple[list[str], list[list[str]]]] = []
    row: list[str] | None = None
    for t in tokens:
        if t.type == "table_open":
            out.append(([], []))
        elif t.type == "tr_open":
            row = []
        elif t.type == "inline" and row is not None:
            row.append(t.content)
        elif t.type == "tr_close" and row is not None:
            header, body = out[-1]
            if header:
                body.append(row)
            else:
                header.extend(row)
            row = None
    return out


def table_with(tokens: list[Any], first: str) -> tuple[list[str], list[list[str]]]:
    (found,) = [t for t in tables(tokens) if t[0][:1] == [first]]
    return found


def first_screen(text: str) -> str:
    """What a reader sees before the run's summary line and the rest of the ticket."""
    return text[: text.index(" matching invocation(s) over ")]


def check_code_blocks(tokens: list[Any]) -> None:
    """Source excerpts: ASCII gutters (no glyph of the old one anywhere in a block), one
    column for the separator."""
    for f in fences(tokens, "c") + fences(tokens, "text") + fences(tokens, "sh"):
        assert not set(f.content) & NON_ASCII_MARKS, f.content
    for f in fences(tokens, "c"):
        rows = f.content.splitlines()
        for row in rows:
            assert GUTTER.match(row), row
        assert len({r.index(" | ") for r in rows if " | " in r}) == 1, rows


@pytest.mark.parametrize(
    ("sample", "sources", "with_note"),
    [
        ("kernel-open-enoent", True, True),
        ("process-cfgload", True, False),
        ("module-ioctl-4th-arg", False, False),
        ("stats-only", True, False),
    ],
)
def test_gold_markdown(archive_path: Path, sample: str, sources: bool, with_note: bool) -> None:
    note = NOTE if with_note else None
    sample_run_archive(archive_path, sample, hostname="buildhost", kernel_release="6.1.0-13-amd64",
                       note=note)
    text = render_markdown(build_view(archive_path, sources=sources, highlight=False), note=note)
    check_code_blocks(check_structure(text))
    check_gold(f"{sample}.md", text)


def test_the_first_screen_answers_the_ticket(archive_path: Path) -> None:
    """Which line made the errno, the condition that led there in decimal, the source
    around it and the command to run next, in that order, before anything else."""
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path, highlight=False)
    text = render_markdown(view)
    assert text.startswith("## demo\\_do\\_open returned -22 EINVAL (Invalid argument)\n")
    top = view.verdict.top
    assert top is not None and top.next_step
    screen = first_screen(text)
    line = screen.index("**Most likely:** `fs/demo_open.c:32`")
    condition = screen.index("**Condition:** line 33: `err` was true; err = -22 (0xffffffea)")
    source = screen.index("`fs/demo_open.c`, lines 29-35 (")
    command = screen.index("**Next step:**\n\n```sh\n" + top.next_step + "\n```")
    assert line < condition < source < command
    # The 64-bit sign extension stap printed is nowhere a person reads it.
    assert "0xffffffffffffffea" not in text
    (excerpt,) = fences(gfm().parse(screen), "c")
    assert excerpt.content.splitlines() == [
        "  29   |         int fd;",
        "  30   |         int err;",
        "  31   |",
        "* 32 2 |         err = demo_check_flags(how);",
        "> 33 3 |         if (err)",
        "* 34 4 |                 return err;",
        "  35   |",
    ]


def test_excerpt_changes_then_details(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path, highlight=False)
    text = render_markdown(view)
    path = text.index("### Path 1 of 2")
    assert path < text.index("```c", path) < text.index("#### Variable changes") \
        < text.index("<details>")
    tokens = check_structure(text)
    check_code_blocks(tokens)
    lines = fences(tokens, "c")[1].content.splitlines()
    assert lines[0] == "  ..." and lines[-1] == "< 60 5 | }"
    assert "> 25 1 | long demo_do_open(int dfd, const char __user *filename, struct" \
        " demo_open_how *how)" in lines
    assert "* 34 4 |                 return err;" in lines
    # The change table: short file names, values decimal first, the errno named.
    header, rows = table_with(tokens, "Step")
    assert header == ["Step", "Line", "Variable", "Before", "After"]
    assert rows == [
        ["3", "`demo_open.c:33`", "`err`", "`?`", "`-22 (0xffffffea)` EINVAL"],
        ["5", "`demo_open.c:60`", "`filename`", "`0x7ffd5a3e1f60`", "`?`"],
    ]
    header, rows = table_with(tokens, "#")
    assert header == ["#", "Line", "Why", "Confidence", "Reason"]
    assert [r[:4] for r in rows] == [["2", "`demo_open.c:34`", "last statement before exit",
                                      "45%"]]
    header, rows = table_with(tokens, "Fact")
    assert header == ["Fact", "Value"] and all(len(r) == 2 for r in rows)
    assert ["run", "`1 (0b9a7c55-1111-4222-8333-944455556666)`"] in rows
    assert "`demo_open.c:25,32-33,36-37,40-41,46-49,56,58-60`" in text


def test_file_names_are_the_shortest_unique_suffix() -> None:
    names = short_names(["fs/open.c", "fs/demo/open.c", "kernel/events/core.c", "core.c",
                         "/usr/src/x/util.h"])
    assert names == {"fs/open.c": "fs/open.c", "fs/demo/open.c": "demo/open.c",
                     "kernel/events/core.c": "events/core.c", "core.c": "core.c",
                     "/usr/src/x/util.h": "util.h"}


def test_the_note_is_in_the_ticket(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent", note=NOTE)
    # As the CLI writes it (the note is the run's, not the view's).
    result = CliRunner().invoke(main, ["markdown", "1", "--archive", str(archive_path),
                                       "--offline", "--generated-at", GENERATED])
    assert result.exit_code == 0, result.output
    tokens = check_structure(result.output)
    quote = tokens.index(next(t for t in tokens if t.type == "blockquote_open"))
    (inl,) = [t for t in tokens[quote:] if t.type == "inline"][:1]
    children = inl.children or []
    assert [c.type for c in children] == ["text", "code_inline", "text", "hardbreak", "text"]
    assert children[1].content == "echo 9216 > mtu"
    assert "".join(c.content for c in children if c.type == "text") == (
        "reproduces on buildhost after ;see <b>ticket</b> #4 | $x")
    rendered = gfm().render(result.output)
    assert "&lt;b&gt;ticket&lt;/b&gt;" in rendered and "<b>" not in rendered
    # The note is the user's words: its numbers are left as written.
    assert "> reproduces on buildhost after `echo 9216 > mtu`;\\\n> see" in result.output
    # Before the paths: a reader sees it with the verdict.
    assert result.output.index("**Note** (given at capture):") < result.output.index("### Path")
    # No note, no heading for one.
    assert "**Note**" not in render_markdown(build_view(archive_path, highlight=False))


def test_loop_excerpt_stays_aligned_and_gdb_blank_lines_are_no_warnings(
    tmp_path: Path,
) -> None:
    # The bundled demo: a gdb capture whose loop lines list many steps, and whose
    # stderr starts with the blank line gdb prints before "Program stopped.".
    archive_path = tmp_path / "demo.db"
    shutil.copy(SAMPLE_TRACES / "demo" / "cfgload.db", archive_path)
    text = render_markdown(build_view(archive_path, highlight=False))
    tokens = check_structure(text)
    check_code_blocks(tokens)
    rows = fences(tokens, "c")[-1].content.splitlines()
    assert "> 42 6 7 11 12 16 17 x6 |         while (fgets(line, sizeof(line), f) != NULL) {" \
        in rows, rows
    # gdb's blank stderr line is not a warning worth listing.
    assert "**Warnings from gdb**" not in text and "[other] \n" not in text
    assert "No warnings from gdb." in text


def test_many_steps_at_a_line_are_cut_in_ascii() -> None:
    assert _steps_cell(range(1, 40)) == "1 2 3 4 5 6 7 8 ... x39"
    assert _steps_cell([6, 7, 11, 12, 16, 17]) == "6 7 11 12 16 17 x6"
    assert ascii_cut("x" * 200, 10) == "xxxxxxx..."


def test_a_trail_leads_with_its_origin(build: Callable[..., Path], tmp_path: Path) -> None:
    """A gdb --follow run: the first screen is the origin's line (not the run's own
    verdict), its condition and source; the trail and the run's verdict follow."""
    exe = build("follow")
    db = tmp_path / "chain.db"
    subprocess.run([sys.executable, "-m", "collector", "gdb", "--archive", str(db),
                    "--note", "mtu 9216 on eth0", "--follow", "configure", "$return < 0",
                    "--", str(exe), "three"],
                   cwd=REPO, capture_output=True, check=True, timeout=120)
    result = CliRunner().invoke(main, ["markdown", "1", "--archive", str(db), "--offline"])
    assert result.exit_code == 0, result.output
    text = result.output
    tokens = check_structure(text)
    check_code_blocks(tokens)
    source = (PROGRAMS / "follow.c").read_text().splitlines()
    origin = next(n for n, s in enumerate(source, 1) if "return -EINVAL;" in s)
    test = next(n for n, s in enumerate(source, 1) if "if (mtu > 9000)" in s)
    assert text.index(f"**Made the errno:** `follow.c:{origin}` in `check_mtu()`") \
        < text.index(f"**Condition:** line {test}: `mtu > 9000` was true; mtu = 9216 (0x2400)") \
        < text.index("```c") < text.index("**Next step:** none: origin: check\\_mtu()") \
        < text.index("**Trail:**") < text.index("**Most likely:**") \
        < text.index("> mtu 9216 on eth0")
    excerpt = fences(tokens, "c")[0].content.splitlines()
    assert f"* {origin} |                 return -EINVAL;" in excerpt
    assert f"  {test} |         if (mtu > 9000)" in excerpt
    # The levels' conditions are decimal too, and the run's own is not repeated.
    assert "err = -22 (0xffffffea)" in text and "0xffffffffffffffea" not in text
    assert text.count("`err < 0` was true") == 1


def test_hostile_trace_cannot_break_markdown(archive_path: Path) -> None:
    sample_run_archive(archive_path, stdout=HOSTILE_STDOUT, stderr=HOSTILE_STDERR, **HOSTILE_META)
    text = render_markdown(build_view(archive_path, sources=False, highlight=False))
    tokens = check_structure(text)
    rendered = gfm().renderer.render(tokens, gfm().options, {})
    assert "<script" not in rendered and "<img" not in rendered and "<iframe" not in rendered
    assert "javascript:" not in rendered.replace("[click](javascript:alert(1))", "")
    assert "&lt;script&gt;" in rendered


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "</code>",
        "a | b",
        "``` fence",
        "`",
        "]]>",
        "line\nbreak | ` `` ```` x",
        "- list",
        "1. list",
        "# heading",
        "$math$ @someone",
        "",
    ],
)
def test_escaping_helpers_round_trip(value: str) -> None:
    """Each helper's output renders back to exactly the value, as text."""
    md = gfm()
    flat = value.replace("\n", " ")
    para = md.parse(inline(value))
    if flat.strip():
        (inl,) = [t for t in para if t.type == "inline"]
        assert "".join(c.content for c in inl.children or [] if c.type == "text") == flat
        assert not [c for c in inl.children or [] if c.type not in ("text", "softbreak")]
    code = md.parse(code_span(value))
    (inl,) = [t for t in code if t.type == "inline"]
    (span,) = [c for c in inl.children or [] if c.type == "code_inline"]
    assert span.content == (flat or " ")
    block = md.parse(fenced(value, "text"))
    (fence,) = [t for t in block if t.type == "fence"]
    assert fence.content == value + "\n"
    table = md.parse(f"| h | i |\n|---|---|\n| {cell(value)} | {code_span(value, in_table=True)} |\n")
    cells = [t for t in table if t.type == "inline"][2:]
    assert len(cells) == 2
    assert "".join(c.content for c in cells[0].children or [] if c.type == "text") == (flat or "-")
    codes = [c for c in cells[1].children or [] if c.type == "code_inline"]
    assert [c.content for c in codes] == [flat or " "]


def big_run(archive_path: Path) -> None:
    """A big run: 95 failing calls over 15 distinct paths (the sample's two, and the
    ENOENT one with one statement lost at each of 13 places), 300 probe warnings: a
    report of about 53,000 characters."""
    blocks = (SAMPLE_TRACES / "kernel-open-enoent.stdout").read_text().split("\n\n")
    einval, enoent, stats = (b.strip("\n").splitlines() for b in blocks[:3])
    statements = [i for i, line in enumerate(enoent) if ".c:" in line][1:-1]
    calls = [einval] * 40 + [enoent] * 29 + [
        enoent[:i] + enoent[i + 1:] for i in statements for _ in range(2)
    ][:31]
    stdout = "".join("\n" + "\n".join(c) + "\n" for c in calls) + "\n" + "\n".join(stats)
    warnings = "".join(
        f'WARNING: probe kernel.statement("demo_do_open@fs/demo_open.c:{50 + n % 6}")'
        f" (address 0xffffffff8121{n:04x}) registration error [man warning::pass5] (rc -84)\n"
        for n in range(300)
    )
    sample_run_archive(archive_path, stdout=stdout.encode() + b"\n",
                       stderr=warnings.encode(), function="demo_do_open",
                       note="seen on every open of a missing file")


def test_trimmed_to_max_chars_and_says_what(archive_path: Path) -> None:
    big_run(archive_path)
    view = build_view(archive_path, highlight=False)
    top = view.verdict.top
    assert top is not None and top.next_step
    full = render_markdown(view, max_chars=10**9)
    assert "Trimmed" not in full and len(full) > 50000
    seen: set[str] = set()
    for limit in (40000, 20000, 8000, 3000, 2000):
        text = render_markdown(view, max_chars=limit)
        assert len(text) <= limit < len(full)
        note = re.search(r"_Trimmed to fit (\d+) characters: (.*)\. The HTML report has"
                         r" everything: `errtrail-report html 1`\._\n", text)
        assert note is not None and note.group(1) == str(limit)
        seen.update(note.group(2).split("; "))
        check_code_blocks(check_structure(text))
        # The verdict, its condition and the next step survive every trim level.
        screen = first_screen(text)
        assert "**Most likely:** `fs/demo_open.c:32`" in screen
        assert "**Condition:** line 33: `err` was true; err = -22 (0xffffffea)" in screen
        assert "**Next step:**\n\n```sh\n" + top.next_step + "\n```" in screen
        assert "* 32 2 |         err = demo_check_flags(how);" in screen
    assert "300 stap warning line(s)" in seen and "the run facts" in seen
    assert any(re.fullmatch(r"\d+ variable-change row\(s\)", s) for s in seen), seen
    with pytest.raises(MarkdownError, match=r"give --max-chars [0-9]+ or more"):
        render_markdown(view, max_chars=100)


def test_max_chars_holds_from_the_cli(archive_path: Path) -> None:
    big_run(archive_path)
    args = ["markdown", "1", "--archive", str(archive_path), "--offline"]
    result = CliRunner().invoke(main, [*args, "--max-chars", "4000"])
    assert result.exit_code == 0, result.output
    assert len(result.output) <= 4000 and "_Trimmed to fit 4000 characters: " in result.output
    assert "> seen on every open of a missing file" in result.output
    result = CliRunner().invoke(main, [*args, "--max-chars", "50"])
    assert result.exit_code == 1
    assert re.search(r"Error: .*give --max-chars \d+ or more", result.output), result.output


@pytest.mark.parametrize("asked", [1, 99, 100, 500])
def test_the_minimum_the_error_names_is_the_real_one(tmp_path: Path, asked: int) -> None:
    archive_path = tmp_path / "demo.db"
    shutil.copy(SAMPLE_TRACES / "demo" / "cfgload.db", archive_path)
    view = build_view(archive_path, highlight=False)
    with pytest.raises(MarkdownError) as err:
        render_markdown(view, max_chars=asked)
    match = re.search(r"give --max-chars (\d+) or more", str(err.value))
    assert match is not None
    need = int(match.group(1))
    assert len(render_markdown(view, max_chars=need)) == need
    with pytest.raises(MarkdownError):
        render_markdown(view, max_chars=need - 1)


def test_tight_limits_drop_run_facts_before_the_verdict(tmp_path: Path) -> None:
    archive_path = tmp_path / "demo.db"
    shutil.copy(SAMPLE_TRACES / "demo" / "cfgload.db", archive_path)
    view = build_view(archive_path, highlight=False)
    top = view.verdict.top
    assert top is not None and top.next_step
    for limit in range(1000, 3001, 50):
        try:
            text = render_markdown(view, max_chars=limit)
        except MarkdownError:
            continue
        check_code_blocks(check_structure(text))
        # The next step is a command to run: never cut; the condition stays.
        assert "```sh\n" + top.next_step + "\n```" in text
        assert "**Condition:** line 45: `err` was true" in first_screen(text)
        if "| duration |" in text:
            # While run facts are kept, the verdict's reason is whole.
            assert inline(readable_text(top.reason_parts[-1][0]), leading=False) in text


def test_generated_at_and_version_are_printed(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    text = render_markdown(
        build_view(archive_path, options=RenderOptions("2000-01-01T00:00:00Z", "9.9"), highlight=False)
    )
    assert text.endswith("<sub>errtrail 9.9, generated 2000-01-01T00:00:00Z</sub>\n")
    assert GENERATED not in text


def test_the_articles_culprit_is_marked_candidate_and_never_probed(
    archive_path: Path, tmp_path: Path
) -> None:
    from collector.archive import Archive
    from reporter.pipeline import prepare, report_view
    from reporter.sources import SourceOptions

    article = REPO / "tests" / "accuracy" / "article"
    tree = tmp_path / "linux" / "kernel" / "events"
    tree.mkdir(parents=True)
    shutil.copy(article / "core.c", tree / "core.c")
    sample_run_archive(
        archive_path,
        stdout=(article / "perf_event_open.stdout").read_bytes(),
        stderr=(article / "perf_event_open.stderr").read_bytes(),
        command=("stap", "--example", "whythefail.stp", "kernel", "__do_sys_perf_event_open",
                 "$return == -22"),
        target="kernel", function="__do_sys_perf_event_open", condition="$return == -22",
    )
    with Archive.open(archive_path) as archive:
        run = archive.get_run(1)
        view = report_view(
            prepare(archive, run, SourceOptions(source_dirs=(tmp_path / "linux",), offline=True)),
            RenderOptions(generated_at=GENERATED, version="test"),
            highlight=False,
        )
    text = render_markdown(view)
    assert view.verdict.top is not None and view.verdict.top.ref.line == 12057
    assert "stap --example whythefail.stp kernel perf_copy_attr '$return == -22'" in text
    tokens = check_structure(text)
    check_code_blocks(tokens)
    # On the first screen and in the path's source alike.
    for excerpt in fences(tokens, "c"):
        assert any(ln.startswith("*! 12057 ") for ln in excerpt.content.splitlines())
    assert "`!` never probed" in text


# -- the ticket as a browser shows it ---------------------------------------------

# A stylesheet close to GitHub's for issue bodies (font sizes, code blocks and tables
# that scroll inside themselves): what a ticket's reader sees.
TICKET_CSS = """
body { margin: 0; padding: 24px 32px; font: 16px/1.5 "DejaVu Sans", sans-serif; color: #1f2328; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 85%; }
code { padding: .2em .4em; background: #eff1f3; border-radius: 6px; }
pre { padding: 16px; overflow: auto; line-height: 1.45; background: #f6f8fa; border-radius: 6px; }
pre code { padding: 0; background: none; font-size: 100%; }
table { display: block; width: max-content; max-width: 100%; overflow: auto;
        border-collapse: collapse; }
td, th { padding: 6px 13px; border: 1px solid #d1d9e0; }
blockquote { margin: 0; padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
"""
TICKET_VIEWPORT = {"width": 1400, "height": 900}
# Boxes that would scroll sideways inside themselves (or stick out of the page).
OVERFLOWING = """() => [...document.querySelectorAll('pre, table, p, li, blockquote')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.tagName + ': ' + e.textContent.slice(0, 80))"""


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    exe = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


def ticket_page(text: str, path: Path) -> Path:
    """The Markdown rendered as GitHub would (GFM tables, its raw HTML kept), in a page."""
    body = gfm().render(text)
    path.write_text(f"<!doctype html><meta charset=utf-8><style>{TICKET_CSS}</style>"
                    f"<body>{body}</body>", encoding="utf-8")
    return path


def ticket_archive(name: str, tmp_path: Path) -> tuple[Path, str | None]:
    db = tmp_path / "archive.db"
    if name == "demo":
        shutil.copy(SAMPLE_TRACES / "demo" / "cfgload.db", db)
    elif name == "big":
        big_run(db)
    else:
        sample_run_archive(db, name, hostname="buildhost", note=NOTE)
    from collector.archive import Archive

    with Archive.open(db) as archive:
        return db, archive.get_run(1).note


@pytest.mark.parametrize("name", ["kernel-open-enoent", "demo", "big"])
def test_the_ticket_in_chromium(chromium: Any, tmp_path: Path, name: str) -> None:
    db, note = ticket_archive(name, tmp_path)
    text = render_markdown(build_view(db, highlight=False), note=note)
    page_file = ticket_page(text, tmp_path / "ticket.html")
    context = chromium.new_context(viewport=TICKET_VIEWPORT)
    page = context.new_page()
    requests: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(page_file.as_uri())
    # The first screen: the errno, the line, the condition, the source, the next step.
    for selector in ("h2", "p:has-text('Most likely:')", "p:has-text('Condition:')",
                     "pre >> nth=0", "p:has-text('Next step:')", "pre >> nth=1"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and box["height"] > 0, selector
        assert box["y"] + box["height"] <= TICKET_VIEWPORT["height"], (selector, box)
    assert page.locator("pre").nth(1).inner_text().startswith("errtrail-collect ")
    assert page.locator("pre").first.inner_text().isascii()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"markdown-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    # Nothing scrolls sideways, closed or with every <details> open.
    for opened in (False, True):
        if opened:
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= TICKET_VIEWPORT["width"], (opened, width)
        assert page.evaluate(OVERFLOWING) == [], opened
    context.close()
    assert requests == []
