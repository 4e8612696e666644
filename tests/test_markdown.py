"""The Markdown report (reporter.markdown): gold files, structure checked by parsing it
with markdown-it-py (GFM tables, raw HTML enabled as GitHub renders it), escaping of
hostile trace text, and trimming to --max-chars."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from test_html import (
    GENERATED,
    HOSTILE_META,
    HOSTILE_STDERR,
    HOSTILE_STDOUT,
    build_view,
    check_gold,
)

from reporter.markdown import (
    MarkdownError,
    cell,
    code_span,
    fenced,
    inline,
    render_markdown,
)
from reporter.views import RenderOptions
from tests.conftest import REPO, SAMPLE_TRACES, sample_run_archive

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


@pytest.mark.parametrize(
    ("sample", "sources"),
    [
        ("kernel-open-enoent", True),
        ("process-cfgload", True),
        ("module-ioctl-4th-arg", False),
        ("stats-only", True),
    ],
)
def test_gold_markdown(archive_path: Path, sample: str, sources: bool) -> None:
    sample_run_archive(archive_path, sample, hostname="buildhost", kernel_release="6.1.0-13-amd64")
    text = render_markdown(build_view(archive_path, sources=sources, highlight=False))
    check_structure(text)
    check_gold(f"{sample}.md", text)


def test_verdict_first_then_excerpt_changes_details(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path, highlight=False)
    text = render_markdown(view)
    assert text.startswith("## demo\\_do\\_open returned -22 EINVAL (Invalid argument)\n")
    top = view.verdict.top
    assert top is not None
    most = text.index("**Most likely:** `" + top.ref.text + "`")
    assert most < text.index("```c") < text.index("#### Variable changes") < text.index("<details>")
    tokens = check_structure(text)
    (excerpt,) = [t for t in tokens if t.type == "fence" and t.info == "c"]
    lines = excerpt.content.splitlines()
    # The candidate line is starred, executed lines carry their step numbers.
    assert any(ln.startswith("★") and f" {top.ref.line} " in ln for ln in lines)
    assert any(ln.startswith("▶ 25 1 │ long demo_do_open(") for ln in lines)
    # The change table: err became -22 at step 3.
    assert "| 3 | `fs/demo_open.c:33` | `err` | `?` | `0xffffffffffffffea` (-22 EINVAL) |" in text


def test_loop_excerpt_stays_aligned_and_gdb_blank_lines_are_no_warnings(
    tmp_path: Path,
) -> None:
    # The bundled demo: a gdb capture whose loop lines list many steps, and whose
    # stderr starts with the blank line gdb prints before "Program stopped.".
    archive_path = tmp_path / "demo.db"
    shutil.copy(SAMPLE_TRACES / "demo" / "cfgload.db", archive_path)
    text = render_markdown(build_view(archive_path, highlight=False))
    tokens = check_structure(text)
    (excerpt,) = [t for t in tokens if t.type == "fence" and t.info == "c"]
    rows = [ln for ln in excerpt.content.splitlines() if "│" in ln]
    assert len({ln.index("│") for ln in rows}) == 1, rows
    assert any(ln.startswith("▶ 42 6 7 11 12 16 …+1 x6 │") for ln in rows), rows
    # gdb's blank stderr line is not a warning worth listing.
    assert "**Warnings from gdb**" not in text and "[other] \n" not in text
    assert "No warnings from gdb." in text


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


def test_trimmed_to_max_chars_and_says_what(archive_path: Path) -> None:
    one = (SAMPLE_TRACES / "kernel-open-enoent.stdout").read_bytes().split(b"\n\n")
    stdout = b"".join(b"\n" + p.rstrip(b"\n") + b"\n" for p in one[1:3] * 40)
    warnings = b"".join(
        b'WARNING: probe kernel.statement("demo_do_open@fs/demo_open.c:%d") (address 0x1)'
        b" registration error [man warning::pass5] (rc -84)\n" % n
        for n in range(100, 400)
    )
    sample_run_archive(archive_path, stdout=stdout, stderr=warnings, function="demo_do_open")
    view = build_view(archive_path, highlight=False)
    full = render_markdown(view, max_chars=10**9)
    assert "Trimmed" not in full
    for limit in (20000, 8000, 3000):
        text = render_markdown(view, max_chars=limit)
        assert len(text) <= limit < len(full)
        assert "_Trimmed to fit " + str(limit) + " characters: " in text
        check_structure(text)
        # The verdict survives every trim level.
        assert "**Most likely:**" in text
    assert "stap warning line(s)" in render_markdown(view, max_chars=20000)
    with pytest.raises(MarkdownError, match=r"give --max-chars [0-9]+ or more"):
        render_markdown(view, max_chars=100)


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
        check_structure(text)
        # The next step is a command to run: never cut.
        assert "```sh\n" + top.next_step + "\n```" in text
        if "| duration |" in text:
            # While run facts are kept, the verdict's reason is whole.
            assert inline(top.reason_parts[-1][0], leading=False) in text


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
    rows = [ln for ln in text.splitlines() if "│" in ln]
    assert any(ln.startswith("★✗ 12057") for ln in rows), rows
    assert len({ln.index("│") for ln in rows}) == 1
