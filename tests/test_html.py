"""The HTML report (reporter.views, reporter.html, reporter.svg) and the archive index
(reporter.index): gold files, escaping of hostile trace text, anchors, the path
drawing, incremental ``html --all`` and the CLI.

Gold files live in tests/gold/; rewrite them deliberately with
``ERRTRAIL_UPDATE_GOLD=1 .venv/bin/pytest tests/test_html.py tests/test_markdown.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from collector.archive import Archive, Run
from reporter.cli import main
from reporter.highlight import Highlighter
from reporter.html import render_report
from reporter.index import render_all
from reporter.pipeline import prepare, report_view
from reporter.sources import SourceOptions
from reporter.views import RenderOptions, ReportView
from tests.conftest import REPO, SAMPLE_TRACES, sample_run_archive

GOLD = REPO / "tests" / "gold"
SRC = SAMPLE_TRACES / "src"
GENERATED = "2026-11-25T12:30:00+00:00"
OPTIONS = RenderOptions(generated_at=GENERATED, version="test")

# A trace whose every field an attacker could choose: execname, file, values, the
# return value, stderr, the label and the note.
HOSTILE_STDOUT = (
    b"\n<script>[7] kernel function(f) $return: -22\n"
    b'<script>[7] x</code>|`.c:3 $v: "<script>alert(1)</script> ``` | ]]> ` back"\n'
    b"<script>[7] x</code>|`.c:4 $v: -22\n"
)
HOSTILE_STDERR = (
    b'WARNING: probe kernel.statement("f@x</code>|`.c:5") (address 0xffffffff8121a6c0)'
    b" registration error [man warning::pass5] (rc -84)\n"
    b"<img src=x onerror=alert(1)> ]]> `|`\n"
)
HOSTILE_META = {
    "function": "f",
    "condition": "$return < 0 && <b>",
    "hostname": "<script>host</script>",
    "label": "<script>alert(1)</script> [click](javascript:alert(1)) ![i](http://example.com/x.png)",
    "note": "note with `code` and <iframe src=x></iframe>\nsecond | line",
}


def check_gold(name: str, text: str) -> None:
    """Compare ``text`` with tests/gold/``name`` (rewrite it when ERRTRAIL_UPDATE_GOLD=1)."""
    path = GOLD / name
    if os.environ.get("ERRTRAIL_UPDATE_GOLD") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no gold file {path}: run with ERRTRAIL_UPDATE_GOLD=1 and review it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from its gold file; ERRTRAIL_UPDATE_GOLD=1 rewrites it"


def build_view(
    archive_path: Path,
    run_id: int = 1,
    *,
    sources: bool = True,
    options: RenderOptions = OPTIONS,
    highlight: bool = True,
) -> ReportView:
    """The report view of a run, sources from sample_traces/src (or none), offline."""
    source_options = SourceOptions(source_dirs=(SRC,) if sources else (), offline=True)
    with Archive.open(archive_path) as archive:
        run = archive.get_run(run_id)
        return report_view(prepare(archive, run, source_options), options, highlight=highlight)


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if "id" in dict(attrs):
            self.ids.append(dict(attrs)["id"] or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse_html(text: str) -> Tags:
    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "span", "nav", "a", "main",
    "section", "p", "code", "h1", "h2", "h3", "pre", "button", "ul", "li", "table", "thead",
    "tbody", "tr", "th", "td", "br", "dl", "dt", "dd", "details", "summary", "strong", "em",
    "b", "i", "header", "footer", "script", "svg", "path", "circle", "rect", "input",
}  # fmt: skip


def assert_safe_page(text: str) -> Tags:
    """No element, attribute or URL that trace text could have injected."""
    tags = parse_html(text)
    for tag, attrs in tags.tags:
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> element"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler attribute {name} on <{tag}>"
            assert name not in ("src", "action", "style") or (name == "style" and tag == "div")
            if name == "href":
                # In-page anchors, sibling pages, and links a user wrote in a label (not
                # requests unless clicked); never javascript:.
                assert value is not None
                assert value.startswith(("#", "https://", "http://")) or re.match(
                    r"[\w.-]+\.html(#|$)", value
                ), value
    # One script element at most: the page's own (JS is optional).
    assert sum(1 for t, _ in tags.tags if t == "script") <= 1
    assert not any(t in ("img", "iframe", "link", "object", "embed") for t, _ in tags.tags)
    return tags


# -- gold files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "sources"),
    [("kernel-open-enoent", True), ("module-ioctl-4th-arg", False), ("stats-only", True)],
)
def test_gold_html(archive_path: Path, sample: str, sources: bool) -> None:
    sample_run_archive(archive_path, sample, hostname="buildhost", kernel_release="6.1.0-13-amd64")
    text = render_report(build_view(archive_path, sources=sources))
    assert_safe_page(text)
    check_gold(f"{sample}.html", text)


def test_render_is_deterministic(archive_path: Path) -> None:
    sample_run_archive(archive_path, "multithread-interleaved")
    assert render_report(build_view(archive_path)) == render_report(build_view(archive_path))


# -- content -------------------------------------------------------------------------


def test_verdict_first_and_run_facts(archive_path: Path) -> None:
    sample_run_archive(
        archive_path,
        "kernel-open-enoent",
        hostname="buildhost",
        kernel_release="6.1.0-13-amd64",
        kernel_build_id="0123abcd",
    )
    view = build_view(archive_path)
    text = render_report(view)
    verdict = text.index('id="verdict"')
    # The verdict, then the verdict's source (the first path), then other candidates,
    # the paths and, last and collapsed, the run's facts, led by the kernel's.
    source = text.index(f'<section class="path" id="{view.paths[0].anchor}">')
    assert verdict < source < text.index('id="candidates"') < text.index('id="paths"') \
        < text.index('id="facts"')
    assert '<details class="facts-box"><summary><h2>Run: kernel release 6.1.0-13-amd64' \
        ' · kernel build-id 0123abcd</h2>' in text
    assert view.verdict.returned_raw == "-22" and view.verdict.errno_name == "EINVAL"
    assert view.verdict.errno_description == "Invalid argument"
    top = view.verdict.top
    assert top is not None and top.ref.anchor == f"fs-demo_open-c-L{top.ref.line}"
    assert f'href="#{top.ref.anchor}"' in text[verdict:source]
    # A kernel run: the kernel's release and build-id first, the target after them.
    labels = [f.label for f in view.facts]
    assert labels[:3] == ["kernel release", "kernel build-id", "target"], labels
    facts = {f.label: f.value for f in view.facts}
    assert facts["host"] == "buildhost"
    assert facts["kernel release"] == "6.1.0-13-amd64"
    assert facts["kernel build-id"] == "0123abcd"
    assert facts["duration"] == "12.5 s"
    assert facts["started"] == "2026-11-25 12:00:00 UTC"
    assert facts["command"].startswith("stap whythefail.stp kernel demo_do_open")
    assert "the traced command exited" in facts["status"]


def test_annotated_source_marks_steps_values_and_anchors(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path, options=RenderOptions(GENERATED, "test", context=1))
    path2 = view.paths[1]
    assert path2.count == 1 and path2.returns == "-2 (ENOENT)"
    (f,) = path2.files
    rows = {r.number: r for r in f.lines if not r.gap}
    # Executed lines carry their step numbers; the path's closing brace is the exit.
    assert rows[25].executed and rows[25].steps == (1,)
    assert rows[60].exit and rows[60].steps == (15,)
    # Context 1: a line two away from every marked line is not shown, a gap is.
    assert 27 not in rows and any(r.gap for r in f.lines)
    # Values beside the line, changed ones first and flagged, errno decoded.
    err = next(v for v in rows[49].values if v.name == "err")
    assert err.changed and err.old == "0x0" and err.hint == "-2 ENOENT"
    assert rows[49].values[0].changed
    # Every shown line of path 2 has a p2- anchor; path 1 the plain one.
    assert rows[49].anchor == "p2-fs-demo_open-c-L49"
    assert view.paths[0].files[0].lines[-1].anchor.startswith("fs-demo_open-c-L")
    text = render_report(view)
    tags = assert_safe_page(text)
    assert len(tags.ids) == len(set(tags.ids)), "duplicate element ids"
    assert 'id="p2-fs-demo_open-c-L49"' in text


def test_full_source_shows_every_line(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path, options=RenderOptions(GENERATED, "test", full_source=True))
    lines = (SRC / "fs" / "demo_open.c").read_text().splitlines()
    numbers = [r.number for r in view.paths[0].files[0].lines]
    assert numbers == list(range(1, len(lines) + 1))


def test_path_drawing_kinds(archive_path: Path) -> None:
    """Path 2 of kernel-open-enoent falls through, jumps forward over early returns and
    gotos, and exits at the closing brace; a loop in another run jumps backward."""
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path)
    f = view.paths[1].files[0]
    svg_text = str(f.gutter)
    assert f.forward >= 3 and f.backward == 0
    assert svg_text.count('class="arc forward"') == f.forward
    assert 'class="exit"' in svg_text and 'class="dot start"' in svg_text
    assert svg_text.count("<circle") == 14  # 15 steps on 15 distinct lines, the exit is a square
    loop = (
        b"\nt[1] kernel function(demo_do_open) $return: -2\n"
        + b"".join(
            b"t[1] fs/demo_open.c:%d $$vars: err=0x%x\n" % (n, i)
            for i, n in enumerate([25, 32, 33, 36, 37, 32, 33, 36, 37, 60])
        )
    )
    sample_run_archive(archive_path, stdout=loop, run_uuid="1b9a7c55-1111-4222-8333-944455556666")
    loop_view = build_view(archive_path, run_id=2)
    lf = loop_view.paths[0].files[0]
    assert lf.backward == 1
    assert 'class="arc backward"' in str(lf.gutter)
    row32 = next(r for r in lf.lines if r.number == 32)
    assert row32.steps == (2, 6) and row32.visits == 2
    # Beside it: the values at its first visit, and what changed at the later one.
    assert [(v.name, v.raw) for v in row32.values] == [("err", "0x1")]
    assert [(n, [(v.name, v.raw, v.old) for v in vs]) for n, vs in row32.again] == [
        (6, [("err", "0x5", "0x4")])
    ]


def test_missing_source_lists_statements_and_says_why(archive_path: Path) -> None:
    sample_run_archive(archive_path, "module-ioctl-4th-arg")
    view = build_view(archive_path, sources=False)
    f = view.paths[0].files[0]
    assert f.missing is not None and f.lines == ()
    text = render_report(view)
    assert "No source for" in text and "To get it:" in text
    assert f.missing.fix in text or f.missing.fix.replace("'", "&#39;") in text
    # The statement list with values is open when a source is missing.
    assert '<details class="sub" open><summary>Statement list' in text
    for step in view.paths[0].steps:
        assert f">{step.ref.text}<" in text


def test_invocations_capped_and_reachable(archive_path: Path) -> None:
    one = (SAMPLE_TRACES / "kernel-open-enoent.stdout").read_bytes().split(b"\n\n")[1]
    stdout = b"".join(b"\n" + one.rstrip(b"\n") + b"\n" for _ in range(30))
    sample_run_archive(archive_path, stdout=stdout, function="demo_do_open")
    view = build_view(archive_path, options=RenderOptions(GENERATED, "test", max_invocations=7))
    (p,) = view.paths
    assert p.count == 30 and len(p.invocations) == 7 and p.invocations_more == 23
    text = render_report(view)
    assert text.count('<li><details id="inv-') == 7
    assert 'id="inv-6"' in text and 'id="inv-7"' not in text
    assert "23 more not listed" in text


def test_hostile_trace_is_escaped(archive_path: Path) -> None:
    sample_run_archive(archive_path, stdout=HOSTILE_STDOUT, stderr=HOSTILE_STDERR, **HOSTILE_META)
    view = build_view(archive_path, sources=False)
    text = render_report(view)
    tags = assert_safe_page(text)
    assert "<script>alert" not in text and "<script>host" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "x&lt;/code&gt;|`.c" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "javascript:" not in "".join(str(a.get("href")) for _, a in tags.tags)
    # The label's Markdown is rendered (a link), its raw HTML is not.
    assert view.label_html is not None and "&lt;script&gt;" in view.label_html
    assert view.note_html is not None and "<code>code</code>" in view.note_html
    assert "&lt;iframe" in view.note_html
    # The page's only script is its own.
    assert len(tags.scripts) == 1 and "clipboard" in tags.scripts[0]


def test_page_without_scripts(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    text = render_report(build_view(archive_path), scripts=False)
    assert "<script" not in text
    # The copy button is hidden until a script shows it.
    assert re.search(r'<button type="button" class="copy" [^>]*hidden>', text)


# -- index and incremental rendering -----------------------------------------------------


def test_render_all_is_incremental(
    archive_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reporter.index

    parsed: list[int] = []
    real_load = reporter.index.load_analysis

    def counting_load(archive: Archive, run: Run) -> object:
        parsed.append(run.id)
        return real_load(archive, run)

    monkeypatch.setattr(reporter.index, "load_analysis", counting_load)
    sample_run_archive(archive_path, "kernel-open-enoent", hostname="a-host")
    sample_run_archive(
        archive_path, "stats-only", hostname="b-host", run_uuid="2b9a7c55-1111-4222-8333-944455556666"
    )
    out = tmp_path / "site"
    source_options = SourceOptions(source_dirs=(SRC,), offline=True)
    with Archive.open(archive_path) as archive:
        first = render_all(archive, out, source_options, OPTIONS)
        assert sorted(first.rendered) == [1, 2] and first.unchanged == ()
        pages = sorted(p.name for p in out.glob("run-*.html"))
        assert pages == ["run-1-0b9a7c55.html", "run-2-2b9a7c55.html"]
        mtime = (out / pages[0]).stat().st_mtime_ns
        parsed.clear()
        second = render_all(archive, out, source_options, OPTIONS)
        assert second.rendered == () and sorted(second.unchanged) == [1, 2]
        assert parsed == [], "an unchanged run was parsed again"
        assert (out / pages[0]).stat().st_mtime_ns == mtime
        archive.update_run(2, label="now labelled")
        third = render_all(archive, out, source_options, OPTIONS)
        assert third.rendered == (2,)
        newer = RenderOptions(GENERATED, "test-2")
        assert sorted(render_all(archive, out, source_options, newer).rendered) == [1, 2]
        (out / pages[0]).unlink()
        assert render_all(archive, out, source_options, newer).rendered == (1,)
    index = (out / "index.html").read_text()
    assert_safe_page(index)
    assert "a-host" in index and "b-host" in index and "-22 EINVAL" in index
    assert re.search(r'<input id="filter" [^>]*hidden>', index)


def test_index_order_newest_first(archive_path: Path, tmp_path: Path) -> None:
    from datetime import datetime, timezone

    from collector.archive import RunMeta

    sample_run_archive(archive_path, "kernel-open-enoent", hostname="older")
    later = datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
    with Archive.open(archive_path, clock=lambda: later) as archive:
        archive.create_run(RunMeta(command=("stap", "x")), status="failed", run_uuid="3b9a7c55-0000-4000-8000-000000000000")
        render_all(archive, tmp_path / "site", SourceOptions(offline=True), OPTIONS)
    index = (tmp_path / "site" / "index.html").read_text()
    assert index.index("run-2-3b9a7c55.html") < index.index("run-1-0b9a7c55.html")


# -- CLI -------------------------------------------------------------------------------


def test_cli_html_and_markdown(archive_path: Path, tmp_path: Path) -> None:
    sample_run_archive(archive_path, "process-cfgload")
    out = tmp_path / "report.html"
    runner = CliRunner()
    args = ["--archive", str(archive_path), "--source-dir", str(SRC), "--offline"]
    result = runner.invoke(
        main, ["html", "latest", "-o", str(out), "--generated-at", GENERATED, *args]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    page = out.read_text()
    assert_safe_page(page)
    assert GENERATED in page and 'class="srcview code"' in page
    result = runner.invoke(main, ["markdown", "1", "--generated-at", GENERATED, *args])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("## ")
    result = runner.invoke(main, ["html", "--all", "-o", str(tmp_path / "site"), *args])
    assert result.exit_code == 0, result.output
    assert "1 page(s) rendered, 0 unchanged" in result.output


def test_cli_errors(archive_path: Path, tmp_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    runner = CliRunner()
    a = ["--archive", str(archive_path), "--offline"]
    result = runner.invoke(main, ["html", "--all", *a])
    assert result.exit_code == 2 and "--all needs -o DIR" in result.output
    result = runner.invoke(main, ["html", "99", *a])
    assert result.exit_code == 1 and "Error:" in result.output
    result = runner.invoke(main, ["markdown", "1", "--max-chars", "40", *a])
    assert result.exit_code == 1
    assert "Error: cannot render the Markdown report" in result.output
    assert "give --max-chars" in result.output
    result = runner.invoke(main, ["html", "1", "-o", str(tmp_path / "no" / "such" / "x.html"), *a])
    assert result.exit_code == 1 and "Error: cannot render the HTML report" in result.output


def test_control_characters_in_values_stay_on_one_line() -> None:
    from reporter.views import value_views

    (v,) = value_views([("s", 'a\nb\r\x1b[31mc\x00"</code>')], {"s": "x\ny"})
    assert v.raw == 'a\\nb\\rc\\x00"</code>' and v.old == "x\\ny" and v.changed


def test_cli_generated_at_from_source_date_epoch(archive_path: Path, tmp_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    out = tmp_path / "r.html"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "86400"}).invoke(
        main, ["html", "1", "-o", str(out), "--archive", str(archive_path), "--offline"]
    )
    assert result.exit_code == 0, result.output
    assert "Generated 1970-01-02T00:00:00+00:00 by errtrail " in out.read_text()


def test_loop_step_numbers_fit_their_column(tmp_path: Path) -> None:
    # The demo's loop line 42 ran 6 times: its step cell "x6 6 7 11 12 16 …+1" must not
    # be clipped (a clipped "16" reads as step 1), and later visits where nothing
    # changed are not listed as bare "step N:" labels.
    archive_path = tmp_path / "demo.db"
    archive_path.write_bytes((SAMPLE_TRACES / "demo" / "cfgload.db").read_bytes())
    view = build_view(archive_path, highlight=False)
    (f,) = view.paths[0].files
    loop = next(line for line in f.lines if line.number == 42)
    cell = f"\u00d7{loop.visits} {loop.steps_text}"
    assert cell == "\u00d76 6 7 11 12 16 …+1"
    assert f.mark_width >= len(cell)
    assert loop.again == ()  # nothing changed at steps 7, 11, 12, 16, 17
    body = next(line for line in f.lines if line.number == 44)
    assert [(n, [v.text for v in changed]) for n, changed in body.again] == [
        (14, ["2"]), (19, ["3"])  # readable: decimal (the raw text stays in .raw)
    ]
    assert f"--mw: {f.mark_width}" in render_report(view)


def test_an_imported_run_does_not_claim_the_import_time_as_its_own(tmp_path: Path) -> None:
    from collector.cli import main as collect_main
    from reporter.markdown import render_markdown

    archive_path = tmp_path / "a.db"
    sample = SAMPLE_TRACES / "kernel-open-enoent"
    result = CliRunner().invoke(
        collect_main,
        ["import", f"{sample}.stdout", "--stderr", f"{sample}.stderr", "--command",
         (SAMPLE_TRACES / "kernel-open-enoent.command").read_text().strip(),
         "--archive", str(archive_path)],
    )
    assert result.exit_code == 0, result.output
    view = build_view(archive_path, highlight=False)
    facts = {f.label: f.value for f in view.facts}
    assert "started" not in facts
    assert facts["duration"] == "unknown (captured without errtrail, then imported)"
    assert f"· imported {view.started_at}</span>" in render_report(view)
    assert f", imported {view.started_at}." in render_markdown(view)


def test_a_path_whose_statements_were_all_lost_says_so(archive_path: Path) -> None:
    from reporter.markdown import render_markdown

    sample_run_archive(archive_path, "interrupted-orphans")
    view = build_view(archive_path, highlight=False)
    empty = [p for p in view.paths if p.step_count == 0]
    assert empty and all(p.summary.startswith("no statements: all lost") for p in empty)
    assert "no statements: all lost" in render_report(view)
    assert "no statements: all lost" in render_markdown(view)


@pytest.mark.parametrize(
    ("sample", "badge", "heading"),
    [
        ("sched-pretty-truncated", "line cut short", "3 step(s) cut short"),
        ("multithread-interleaved", "other thread's line",
         "2 step(s) printed by another thread"),
    ],
)
def test_damaged_steps_are_marked_beside_the_source(
    archive_path: Path, sample: str, badge: str, heading: str
) -> None:
    from reporter.markdown import render_markdown

    sample_run_archive(archive_path, sample)
    view = build_view(archive_path, highlight=False)
    damaged = [
        line for p in view.paths for f in p.files for line in f.lines
        if line.cut_steps or line.foreign_steps
    ]
    assert damaged
    assert f'">{badge}</span>' in render_report(view)
    assert heading in render_markdown(view)


def test_statements_without_a_header_are_listed(archive_path: Path) -> None:
    sample_run_archive(archive_path, "interrupted-orphans")
    view = build_view(archive_path, highlight=False)
    (orphan,) = view.orphans
    assert (orphan.stdout_line, orphan.count, orphan.truncated) == (9, 3, True)
    assert [s.ref.line for s in orphan.steps] == [36, 37, 38]
    assert orphan.steps[-1].truncated
    page = render_report(view)
    assert '<h3 id="orphans">Statements with no header</h3>' in page
    assert "stdout line 9: 3 statement(s) <span class=\"flag\">last one cut</span>" in page
    assert "with no header (their call is unknown, so no path uses them)" in page


def test_output_to_an_existing_directory_uses_the_usual_name(
    archive_path: Path, tmp_path: Path
) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    out = tmp_path / "reports"
    out.mkdir()
    runner = CliRunner()
    a = ["--archive", str(archive_path), "--offline", "-o", str(out)]
    for command, suffix in (("html", "html"), ("markdown", "md")):
        result = runner.invoke(main, [command, "1", *a])
        page = out / f"errtrail-1-0b9a7c55.{suffix}"
        assert result.exit_code == 0, result.output
        assert result.output == f"wrote {page}\n"
        assert page.read_text(encoding="utf-8").strip()


def test_a_script_that_never_ran_is_not_called_a_non_match(archive_path: Path) -> None:
    from reporter.markdown import render_markdown

    sample_run_archive(archive_path, "empty")
    view = build_view(archive_path, highlight=False)
    assert view.verdict.nothing_ran and view.title.endswith(": nothing ran")
    page = render_report(view)
    assert ": the script failed before running, so nothing was traced</p>" in page
    assert "no call matched" not in page
    assert render_markdown(view).startswith(
        "## demo\\_do\\_opne: the script failed before running, so nothing was traced\n"
    )


def test_a_source_shorter_than_the_trace_is_not_used(archive_path: Path, tmp_path: Path) -> None:
    # A --source-dir tree of another version: its fs/demo_open.c ends at line 40, the
    # trace goes to line 60. Showing it would put the verdict on the wrong lines.
    tree = tmp_path / "other" / "fs"
    tree.mkdir(parents=True)
    real = (SRC / "fs" / "demo_open.c").read_text().splitlines(keepends=True)
    (tree / "demo_open.c").write_text("".join(real[:40]))
    sample_run_archive(archive_path, "kernel-open-enoent")
    with Archive.open(archive_path) as archive:
        prepared = prepare(
            archive, archive.get_run(1),
            SourceOptions(source_dirs=(tmp_path / "other",), offline=True),
        )
    assert "fs/demo_open.c" not in prepared.sources.files
    miss = prepared.sources.misses["fs/demo_open.c"]
    # The refused file first, then why no other origin had the file.
    assert miss.reason == (
        f"{tree / 'demo_open.c'} is not the version that was traced: the file found has 40"
        " lines, but the trace names line 60 of it; no other copy was found: no build-id"
        " was recorded for the run's target, so no server can say which version of the"
        " file it was built from"
    )
    assert "--source-dir" in miss.fix
    assert not prepared.diagnosis.with_sources
    result = CliRunner().invoke(
        main, ["diagnose", "1", "--archive", str(archive_path), "--offline",
               "--source-dir", str(tmp_path / "other")]
    )
    assert result.exit_code == 0, result.output
    assert "sources: 0 found, missing fs/demo_open.c" in result.output
    fetched = CliRunner().invoke(
        main, ["fetch", "1", "--archive", str(archive_path), "--offline",
               "--source-dir", str(tmp_path / "other")]
    )
    assert fetched.exit_code == 1, fetched.output  # the file is missing
    assert "1 file(s), 0 found, 1 missing" in fetched.output
    assert "is not the version that was traced" in fetched.output



def test_render_all_does_not_use_a_source_shorter_than_the_trace(
    archive_path: Path, tmp_path: Path
) -> None:
    # The incremental site too: the trace's highest line per file is kept in the
    # manifest, so an unchanged run is still checked without being parsed again.
    tree = tmp_path / "other" / "fs"
    tree.mkdir(parents=True)
    real = (SRC / "fs" / "demo_open.c").read_text().splitlines(keepends=True)
    (tree / "demo_open.c").write_text("".join(real[:40]))
    sample_run_archive(archive_path, "kernel-open-enoent")
    out = tmp_path / "site"
    stale = SourceOptions(source_dirs=(tmp_path / "other",), offline=True)
    with Archive.open(archive_path) as archive:
        render_all(archive, out, stale, OPTIONS)
        manifest = json.loads((out / "manifest.json").read_text())
        (entry,) = manifest["runs"].values()
        assert entry["lines"]["fs/demo_open.c"] == 60
        page = (out / "run-1-0b9a7c55.html").read_text()
        assert "is not the version that was traced" in page
        again = render_all(archive, out, stale, OPTIONS)
        assert again.unchanged == (1,)
        # The right tree is used once given (the refused file was never stored).
        assert render_all(archive, out, SourceOptions(source_dirs=(SRC,), offline=True),
                          OPTIONS).rendered == (1,)
    assert "is not the version that was traced" not in (out / "run-1-0b9a7c55.html").read_text()

def test_a_user_space_minus_one_is_not_called_eperm(archive_path: Path) -> None:
    # errno_set.c: `errno = EACCES; return -1;`, captured with the gdb backend.
    from reporter.markdown import render_markdown
    from tests.accuracy import corpus

    cases = corpus.load_cases()
    with Archive.open(archive_path, clock=lambda: corpus.CLOCK) as archive:
        run_id = corpus.import_case(archive, "errno_set", cases["errno_set"], 0)
        view = report_view(
            prepare(
                archive, archive.get_run(run_id),
                SourceOptions(source_maps=(("/src/accuracy", str(corpus.PROGRAMS)),),
                              offline=True),
            ),
            OPTIONS,
            highlight=False,
        )
    v = view.verdict
    assert (v.returned_raw, v.errno_name) == ("-1", None)
    assert v.errno_description == "failure: errno set to EACCES, Permission denied"
    assert view.paths[0].returns == "-1 (errno set separately)"
    text = render_markdown(view)
    assert "EPERM" not in text and "Operation not permitted" not in text
    assert "EPERM" not in render_report(view)


# -- highlighting only the shown windows ---------------------------------------------

# A window may start inside a comment, an #if 0 group (pygments colours it as a
# comment), a macro or a string going on after a backslash, a function header split
# over lines, or after a function pygments misreads (a struct return type: it then
# colours the next definition's name as a plain name).
TRICKY_C = r"""// SPDX-License-Identifier: GPL-2.0
/*
 * A file whose windows start inside what pygments must see from its start.

int not_code(void) { return -EINVAL; }

 * "an unclosed string in a comment
 */
#include <linux/errno.h>

#define CHECK(x)				\
	do {					\
		if ((x) < 0)			\
			return -EINVAL;		\
	} while (0)

static const char *banner = "first line \
int inside_a_string(void) { return 1; } \
last line";

#if 0
static int disabled(int a)
{
#ifdef CONFIG_X
	return a;
#endif
	return -a;
}
#endif

static int
split_header(int a,
	     int b)
{
	return a + b;
}

static long wide(int a,
		 int b)
{
	return a - b;
}

struct item {
	int key;
	/* a comment
	   over two lines */
	long value;
};

/**
 * lookup() - find an item
 * @items: where to look
 *
 * Return: the item, or NULL.
 *
 * Example:
 * if (!lookup(items, 3))
 *         return -ENOENT;
 */
static struct item *lookup(struct item *items, int key)
{
	int i;

	for (i = 0; items[i].key; i++) {
		/*
		 * Keys are unique: the first match is the one.
		 */
		if (items[i].key == key)
			return &items[i];
	}
/* a comment at column 0 inside a body
   goes on here */
	return NULL;
}

static int parse(const char *s, int *out)
{
	int err = 0;

	if (!s) {
		err = -EINVAL;
		goto out;
	}
	*out = s[0] == '/' ? '*' : '"';
out:
	return err;
}
"""
TRICKY_LINES = tuple(TRICKY_C.expandtabs(8).splitlines())
# The lines before `lookup`, whose struct return type starts pygments' misreading.
BEFORE_LOOKUP = TRICKY_LINES.index("static struct item *lookup(struct item *items, int key)")


def windows_unlike_the_whole_file(lines: tuple[str, ...]) -> list[int]:
    """The lines N whose window N-3..N+3, highlighted alone, differs from the same
    lines highlighted with the whole file."""
    # A window from line 1 is lexed from line 1: pygments over the whole text.
    whole = Highlighter("t.c", lines, True).window(1, len(lines))
    bad = []
    for n in range(1, len(lines) + 1):
        lo, hi = max(1, n - 3), min(len(lines), n + 3)
        if Highlighter("t.c", lines, True).window(lo, hi) != whole[lo - 1 : hi]:
            bad.append(n)
    return bad


def test_a_window_is_highlighted_as_in_the_whole_file() -> None:
    assert windows_unlike_the_whole_file(TRICKY_LINES) == []


def test_construct_starts_alone_see_comments_if0_macros_and_headers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Without comparing with earlier starts, the start rules alone get every window
    # before `lookup` right (after it, only the comparison catches pygments' misreading).
    monkeypatch.setattr("reporter.highlight.MAX_RESYNC", 0)
    bad = windows_unlike_the_whole_file(TRICKY_LINES)
    assert [n for n in bad if n + 3 <= BEFORE_LOOKUP] == []
    assert bad  # the misread struct return shows once nothing compares


def big_source_run(tmp_path: Path, size: int) -> tuple[Path, Path, int]:
    """kernel-open-enoent's run over a ``size``-byte fs/demo_open.c: generated
    functions, then the real file with a 12-line comment before demo_do_open, so that
    the first window (3 lines above line 25) starts inside it. Returns the archive,
    the tree and the comment's first line."""
    real = (SRC / "fs" / "demo_open.c").read_text().splitlines(keepends=True)
    comment = ["/*\n", *(f" * {i}: if (x) return -EINVAL; \"not a string\n" for i in range(10)),
               " */\n"]
    tail = "".join(real[:24] + comment + real[24:])
    block = ("/*\n * helper_{n}() - generated\n */\nstatic int helper_{n}(int a)\n{{\n"
             "\tconst char *s = \"{n} /* not a comment */\";\n\treturn a + {n} + !s;\n}}\n\n")
    parts, total, n = [], len(tail), 0
    while total < size:
        parts.append(block.format(n=n))
        total, n = total + len(parts[-1]), n + 1
    filler = "".join(parts)
    shift = filler.count("\n")
    tree = tmp_path / "tree" / "fs"
    tree.mkdir(parents=True)
    (tree / "demo_open.c").write_text(filler + tail)

    def moved(m: re.Match[bytes]) -> bytes:
        line = int(m[1])
        return b"fs/demo_open.c:%d" % (line + shift + (len(comment) if line >= 25 else 0))

    stdout = re.sub(rb"fs/demo_open\.c:(\d+)", moved,
                    (SAMPLE_TRACES / "kernel-open-enoent.stdout").read_bytes())
    archive = tmp_path / "big.db"
    sample_run_archive(archive, "kernel-open-enoent", stdout=stdout)
    return archive, tmp_path / "tree", shift + 25


@pytest.mark.slow
def test_a_big_local_source_is_refused_then_shown_a_window_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    archive_path, tree, comment_at = big_source_run(tmp_path, 20_000_000)
    with Archive.open(archive_path) as archive:
        run = archive.get_run(1)
        # Over the 16 MiB default: a miss that says how to read it.
        refused = prepare(archive, run, SourceOptions(source_dirs=(tree,), offline=True))
        assert "more than the 16 MiB errtrail reads as a source file; set" \
            " DEBUGINFOD_MAXSIZE=" in refused.sources.misses["fs/demo_open.c"].reason
        prepared = prepare(archive, run, SourceOptions(
            source_dirs=(tree,), offline=True, env={"DEBUGINFOD_MAXSIZE": str(32 << 20)}))
    lexed: list[int] = []
    real_lex = Highlighter._lex

    def counting(self: Highlighter, first: int, last: int) -> list[str]:
        lexed.append(last - first + 1)
        return real_lex(self, first, last)

    monkeypatch.setattr(Highlighter, "_lex", counting)
    tracemalloc.start()
    try:
        page = render_report(report_view(prepared, OPTIONS))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Only the shown windows are lexed (with their look-back and look-ahead), not the
    # file's 2.2 million lines; highlighting the whole of it took about 400 MB here.
    total = len(prepared.sources.files["fs/demo_open.c"].text.splitlines())
    assert lexed and sum(lexed) < 2_000 < total, (sum(lexed), total)
    assert peak < 200 << 20, f"{peak >> 20} MiB"
    fv = report_view(prepared, OPTIONS, highlight=True).paths[0].files[0]
    rows = {r.number: r for r in fv.lines if not r.gap}
    # The window starts 3 lines above line 25, inside the comment: coloured as one.
    first = min(rows)
    assert comment_at < first < comment_at + 11, (comment_at, first)
    for n in range(first, comment_at + 12):
        assert str(rows[n].code_html).startswith('<span class="cm">'), (n, rows[n].code_html)
        assert 'class="k"' not in str(rows[n].code_html)
    assert 'class="nf">demo_do_open</span>' in page


@pytest.mark.parametrize(("release", "tag"), [("6.1.12", "v6.1.12"), ("6.1.0", "v6.1"),
                                              ("6.1.0-18-amd64", None),
                                              ("5.14.0-362.el9.x86_64", None)])
def test_kernel_files_link_upstream_only_for_an_upstream_release(
        archive_path: Path, release: str, tag: str | None) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent", kernel_release=release)
    view = build_view(archive_path)
    text = render_report(view)
    assert view.upstream_tag == tag
    links = set(re.findall(r'href="(https://git\.kernel\.org/[^"]*)"', text))
    top = view.verdict.top
    assert top is not None
    card = text[text.index('<div class="where">'):]
    card = card[: card.index("</div>")]
    header = text[text.index('<header><span class="path">fs/demo_open.c'):]
    header = header[: header.index("</header>")]
    if tag is None:
        # A distribution's kernel: named where the link would be, no link guessed.
        assert links == set() and view.kernel_note is not None
        assert view.distro_release == release
        assert f"Kernel {release} is a distribution" in text
        assert f">kernel {release} (a distribution&#39;s: no upstream link)<" in card
        assert f">kernel {release} (a distribution&#39;s: no upstream link)<" in header
        return
    assert view.distro_release is None and 'class="distro"' not in text
    tree = "https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git/tree/"
    assert f'href="{tree}fs/demo_open.c?h={tag}"' in header  # the file
    assert f'href="{tree}fs/demo_open.c?h={tag}#n{top.ref.line}"' in card  # the verdict's line
    # Every file:line the page names links to it: the other candidates, and each step
    # of every statement list (path 2's line 49 is only on path 2).
    for c in view.verdict.others:
        assert f"{tree}fs/demo_open.c?h={tag}#n{c.ref.line}" in links
    for p in view.paths:
        for st in p.steps:
            assert f"{tree}{st.ref.file}?h={tag}#n{st.ref.line}" in links
    assert view.upstream_url("/usr/src/linux/fs/x.c") is None
    assert view.upstream_url("../x.c", 3) is None


def test_a_user_space_run_gets_no_kernel_link_nor_release_note(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    db.write_bytes((SAMPLE_TRACES / "demo" / "cfgload.db").read_bytes())
    view = build_view(db)
    # The demo's kernel release (6.18.44-fc-v657) is no upstream tag, but the code
    # shown is the program's, not the kernel's: neither a link nor a kernel note.
    assert view.upstream_tag is None and view.distro_release is None
    assert view.kernel_note is None
    text = render_report(view)
    assert "git.kernel.org" not in text and 'class="distro"' not in text


def test_user_space_facts_lead_with_the_program(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    db.write_bytes((SAMPLE_TRACES / "demo" / "cfgload.db").read_bytes())
    view = build_view(db)
    labels = [f.label for f in view.facts]
    assert labels[:2] == ["program", "build-id"] and "kernel release" in labels[2:]
    text = render_report(view)
    assert '<details class="facts-box"><summary><h2>Run: program ' in text


def test_lines_show_what_changed_readably_and_the_rest_a_click_away(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    db.write_bytes((SAMPLE_TRACES / "demo" / "cfgload.db").read_bytes())
    view = build_view(db)
    rows = [r for f in view.paths[0].files for r in f.lines if not r.gap and r.values]
    changed = [v for r in rows for v in (*r.changed_values, *(v for _, vs in r.again for v in vs))]
    err = next(v for v in changed if v.name == "err" and v.raw.endswith("ea"))
    assert err.text == "-22 (0xffffffea)" and err.raw == "0xffffffffffffffea"
    text = render_report(view)
    assert '>err=-22 (0xffffffea) <i class="hint">EINVAL</i> <i class="was">was 0</i></span>' in text
    # Values that did not change sit in a closed <details> after those that did.
    some = next(r for r in rows if r.unchanged_values and r.changed_values)
    row_html = text[text.index(f'id="{some.anchor}"'):]
    row_html = row_html[: row_html.index("</div>")]
    assert row_html.index('class="v chg"') < row_html.index('<details class="allv">')
    assert f"<summary title=\"the values that did not change at this step\">+{len(some.unchanged_values)}</summary>" in row_html
    # The verdict's sentences read the same way.
    assert "0xffffffffffffffea" not in (view.verdict.top.reason if view.verdict.top else "")


def test_the_c_program_s_stderr_is_not_a_stap_warning(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    view = build_view(archive_path)
    assert [w.text for w in view.program_stderr] == ["cat: /nonexistent: No such file or directory"]
    assert all("cat:" not in w.text for w in view.warnings)
    text = render_report(view)
    assert "stderr of the traced program (1)" in text


def test_the_verdict_shows_its_line_in_its_source(archive_path: Path) -> None:
    sample_run_archive(archive_path, "kernel-open-enoent")
    top = build_view(archive_path).verdict.top
    assert top is not None
    assert [n for n, _ in top.context_html] == list(range(top.ref.line - 2, top.ref.line + 3))
    assert "demo_check_flags" in str(dict(top.context_html)[top.ref.line])
    # Without the source there is nothing around it to show.
    bare = build_view(archive_path, sources=False).verdict.top
    assert bare is not None and bare.context_html == ()


def test_a_long_value_is_shortened_beside_its_line_and_whole_a_click_away(
        archive_path: Path, tmp_path: Path) -> None:
    long = "/" + "d" * 70 + "/config"
    stdout = (
        b"\ncat[7] kernel function(demo_do_open) $return: -22\n"
        b"cat[7] fs/demo_open.c:25 $$vars$: name=? err=0x0\n"
        b'cat[7] fs/demo_open.c:32 $$vars$: name="' + long.encode() + b'" err=0x0\n'
        b'cat[7] fs/demo_open.c:34 $$vars$: name="' + long.encode()
        + b'" err=0xffffffffffffffea\n'
    )
    sample_run_archive(archive_path, stdout=stdout, function="demo_do_open",
                       condition="$return < 0")
    view = build_view(archive_path)
    rows = {r.number: r for r in view.paths[0].files[0].lines if not r.gap}
    # Beside line 32 only what changed there (name), cut; line 34 only err, readable.
    (name,) = rows[32].changed_values
    assert name.name == "name" and name.text.endswith("…") and name.full == f'"{long}"'
    (err,) = rows[34].changed_values
    assert err.text == err.full == "-22 (0xffffffea)" and err.raw == "0xffffffffffffffea"
    assert [v.name for v in rows[34].unchanged_values] == ["name"]
    text = render_report(view)
    # The statement list (a <details>) shows the whole value; the hover title gives the
    # value as traced beside the readable one.
    listing = text[text.index("<summary>Statement list with values"):]
    listing = listing[: listing.index("</details>")]
    assert f"name=&#34;{long}&#34;" in listing
    assert 'title="err=-22 (0xffffffea) (traced as 0xffffffffffffffea), was 0"' in text


def test_the_kept_token_colours_are_what_pygments_makes() -> None:
    """reporter/templates/pygments.css is pygments' output for the page's two styles: a
    pygments whose styles changed fails here (write the file again from
    ``reporter.html.computed_pygments_css()``)."""
    from reporter import html as html_module

    kept = str(html_module.pygments_css())
    assert kept == html_module.computed_pygments_css()
    assert ".code .k " in kept and "prefers-color-scheme: dark" in kept


def test_a_form_feed_does_not_shift_the_lines_after_it() -> None:
    # GNU sources (libksba 1.6) put ^L between sections: gcc and gdb count it inside
    # its line, so line 4 of the page is line 4 of the trace.
    from reporter.sources import SourceFile
    from reporter.views import _load_sources

    text = b"int a;\n\x0c\nint b;\nint c;\n"
    f = SourceFile(None, "t.c", "t.c", text, "0" * 64, "local", "t.c")
    for highlight in (True, False):
        src = _load_sources({"t.c": f}, highlight)["t.c"]
        shown = re.sub(r"<[^>]+>", "", str(src.html(4, 4)[0]))
        assert (len(src.lines), shown) == (4, "int c;"), src.html(1, 4)
