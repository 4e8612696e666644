"""HTML rendering: one self-contained page per run, and the archive's index page.

This module owns the jinja2 environment (autoescape on for every template, undefined
names are errors), the inline CSS (with pygments' token colours for light and dark)
and the optional inline script. Others call:

- ``render_report(view, scripts=True)`` -> the page for a ``reporter.views.ReportView``;
- ``render_index(index)`` -> the index page for a ``reporter.views.IndexView``.

Nothing leaves the page: no external stylesheet, font, script or image. Trace text
reaches the templates as ``str`` and is escaped by autoescape; the only ``Markup``
values are built by ``reporter.views`` (pygments tokens it escaped itself, markdown-it
output with raw HTML disabled) and ``reporter.svg`` (numbers and fixed names).
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import Markup

from reporter import svg
from reporter.views import IndexView, ReportView

LIGHT_STYLE = "default"
DARK_STYLE = "github-dark"


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs (compiling the four templates is about
    0.1 s of an ``html`` command served from a stored analysis). Jinja keys each by
    its source's checksum, so an edited template is compiled again; a cache that
    cannot be written (read-only home, full disk) only costs that time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    home = os.environ.get("HOME") or "/nonexistent"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path(home) / ".cache")
    directory = base / "errtrail" / "templates"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(directory))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("reporter", "templates"),
        bytecode_cache=_template_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


# pygments' token colours for the page, as ``computed_pygments_css`` makes them: kept
# in a file because making them imports pygments' formatter and styles, about 6 ms of
# every ``html`` command (tests/test_html.py checks the file against pygments).
PYGMENTS_CSS = Path(__file__).with_name("templates") / "pygments.css"


@functools.lru_cache(maxsize=1)
def pygments_css() -> Markup:
    """Token colours for ``.code`` (pygments' short class names): the light style, and
    the dark one under ``prefers-color-scheme: dark`` on a screen only (print is light,
    as the page's own palette is)."""
    return Markup(PYGMENTS_CSS.read_text(encoding="utf-8"))


def computed_pygments_css() -> str:
    """``pygments_css`` as the installed pygments makes it (what PYGMENTS_CSS holds)."""
    from pygments.formatters import HtmlFormatter

    def rules(style: str) -> str:
        formatter = HtmlFormatter(style=style, nobackground=True)
        lines = formatter.get_style_defs(".code").splitlines()  # type: ignore[no-untyped-call]
        # Only token rules: pygments also emits line-number and page rules we don't use.
        return "\n".join(
            line for line in lines if line.startswith(".code .") and "linenos" not in line
        )

    return (rules(LIGHT_STYLE) + "\n@media screen and (prefers-color-scheme: dark) {\n"
            + rules(DARK_STYLE) + "\n}\n")


def render_report(view: ReportView, *, scripts: bool = True) -> str:
    """The whole page for one run."""
    template = environment().get_template("report.html.j2")
    return template.render(
        r=view, scripts=scripts, pygments_css=pygments_css(), row_height=svg.ROW_HEIGHT
    )


def render_index(index: IndexView, *, scripts: bool = True) -> str:
    """The archive's index page."""
    template = environment().get_template("index.html.j2")
    return template.render(
        x=index, scripts=scripts, pygments_css=Markup(""), row_height=svg.ROW_HEIGHT
    )
