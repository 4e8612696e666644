"""The whole archive rendered incrementally: one page per run and ``index.html``.

This module owns the site: each run goes through ``reporter.pipeline`` and is
rendered by ``reporter.html``. Others call:

- ``render_all(archive, out_dir, source_options, options)`` -> ``IndexResult``: one
  page per run plus ``index.html``, re-rendering only pages whose inputs changed.

Incremental rendering: ``out_dir/manifest.json`` records, per run uuid, a hash of
what the page depends on (the run's archive row, the sha256 and misses of its
sources, the errtrail version and the render options), the trace's source paths with
the highest line it names in each (``lines``: resolution refuses files that end
before it) and the index row. A page whose hash is unchanged and whose file still
exists is not rendered again, and an unchanged run is not even parsed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from collector.archive import Archive, Run
from collector.errors import ErrtrailError
from reporter.analysis import Analysis, load_analysis
from reporter.html import render_index, render_report
from reporter.pipeline import prepare_with, report_view, resolve_run_sources
from reporter.sources import SourceOptions, SourceReport
from reporter.views import (
    IndexRow,
    IndexView,
    RenderOptions,
    ReportView,
    display_text,
    shorten,
    when_text,
)

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1


class RenderError(ErrtrailError):
    """Pages cannot be written; the message says where and why."""


# -- the archive index -------------------------------------------------------------


@dataclass(frozen=True)
class IndexResult:
    index: Path
    rendered: tuple[int, ...]
    unchanged: tuple[int, ...]


def page_name(run: Run) -> str:
    """``run-<id>-<uuid8>.html``: stable for a run within an archive."""
    return f"run-{run.id}-{run.uuid[:8]}.html"


def run_hash(run: Run) -> str:
    """The run's archive row, hashed: a finished run's output never changes, so its
    row (status, byte counts, end time, label, ...) stands for it."""
    row = {k: v for k, v in run.as_dict().items() if k not in ("heartbeat_at",)}
    return hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()


def chain_hash(archive: Archive, run: Run) -> str:
    """The chain below a run (its links and their runs' rows): a level added later by
    ``errtrail-collect follow`` changes the root's page."""
    rows = [(x.run_id, x.level, x.how, run_hash(archive.get_run(x.run_id)))
            for x in archive.chain_links(run.id)]
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest() if rows else ""


def inputs_hash(run: Run, sources: SourceReport, options: RenderOptions,
                chain: str = "") -> str:
    """What a run's page depends on, hashed (``generated_at`` excluded on purpose: a
    page is not re-rendered just because time passed)."""
    data = {
        "chain": chain,
        "format": MANIFEST_FORMAT,
        "run": run_hash(run),
        "sources": sorted((p, f.sha256) for p, f in sources.files.items()),
        "misses": sorted((p, m.reason, m.fix) for p, m in sources.misses.items()),
        "version": options.version,
        "context": options.context,
        "full_source": options.full_source,
        "max_invocations": options.max_invocations,
    }
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def index_row(view: ReportView, run: Run, page: str,
              levels: Sequence[Run] = ()) -> IndexRow:
    v = view.verdict
    verdict = shorten(v.notes[0], 90) if v.notes else "no matching call"
    if v.top is not None:
        verdict = f"{v.top.ref.text} ({v.top.kind_label}, {v.top.confidence_pct}%)"
    if view.trail is not None and view.trail.levels[-1].where:
        # A chain's verdict is where its trail ends.
        last = view.trail.levels[-1]
        verdict = f"{last.function}() {last.where} ({last.kind_label})"
    return IndexRow(
        run_id=run.id,
        uuid=run.uuid,
        page=page,
        started_at=when_text(run.started_at),
        host=display_text(run.hostname or "unknown"),
        function=v.function,
        errno=" ".join(x for x in (v.returned_raw, v.errno_name) if x) or "none",
        verdict=verdict,
        status=display_text(run.status),
        invocations=v.invocations,
        levels=tuple((page_name(r), display_text(r.function or "?"), r.id)
                     for r in levels),
    )


def _manifest_lines(entry: object, run: Run) -> dict[str, int] | None:
    """The trace's highest line per file as the manifest kept it for ``run``; ``None``
    when the run changed since, or the entry predates ``lines`` (it had ``paths``)."""
    if not isinstance(entry, dict) or entry.get("run") != run_hash(run):
        return None
    lines = entry.get("lines")
    if not isinstance(lines, dict) or not all(
        isinstance(p, str) and isinstance(n, int) for p, n in lines.items()
    ):
        return None
    return lines


def _load_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    runs = data.get("runs")
    return runs if isinstance(runs, dict) else {}


def render_all(
    archive: Archive,
    out_dir: Path,
    source_options: SourceOptions,
    options: RenderOptions,
    runs: Sequence[Run] | None = None,
) -> IndexResult:
    """Write one page per run and ``index.html`` into ``out_dir``, skipping pages whose
    inputs are unchanged (see the module docstring)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RenderError(f"cannot create {out_dir}: {e}; choose another -o DIR") from e
    manifest_path = out_dir / MANIFEST
    old = _load_manifest(manifest_path)
    new: dict[str, Any] = {}
    rows: list[IndexRow] = []
    rendered: list[int] = []
    unchanged: list[int] = []
    all_runs = list(runs) if runs is not None else archive.runs()
    below = {x.run_id: x.root_run for r in all_runs for x in archive.chain_links(r.id)}
    for run in all_runs:
        page = page_name(run)
        entry = old.get(run.uuid)
        # The trace's files and highest lines come from the manifest while the run is
        # unchanged, so an unchanged huge run is not parsed again to find its sources.
        analysis: Analysis | None = None
        lines = _manifest_lines(entry, run)
        if lines is None:
            analysis = load_analysis(archive, run)
            lines = analysis.trace_lines()
        sources = resolve_run_sources(archive, run, lines, source_options)
        key = inputs_hash(run, sources, options, chain_hash(archive, run))
        if (
            isinstance(entry, dict)
            and entry.get("hash") == key
            and isinstance(entry.get("row"), dict)
            and (out_dir / page).exists()
        ):
            try:
                row = IndexRow(**entry["row"])
            except TypeError:
                row = None
            if row is not None and row.page == page:
                if run.id not in below:
                    rows.append(row)
                # An entry from before ``lines`` had ``paths``: kept in the new form.
                kept = {k: v for k, v in entry.items() if k != "paths"}
                new[run.uuid] = {**kept, "lines": lines}
                unchanged.append(run.id)
                continue
        if analysis is None:
            analysis = load_analysis(archive, run)
        view = report_view(prepare_with(archive, run, analysis, sources, source_options),
                           options)
        _write(out_dir / page, render_report(view))
        levels = [archive.get_run(x.run_id) for x in archive.chain_links(run.id)]
        row = index_row(view, run, page, levels)
        if run.id not in below:
            rows.append(row)
        new[run.uuid] = {
            "hash": key,
            "run": run_hash(run),
            "lines": lines,
            "row": asdict(row),
        }
        rendered.append(run.id)
    # Newest first, ties by id: the order the page shows without JavaScript.
    rows.sort(key=lambda r: (r.started_at, r.run_id), reverse=True)
    index = IndexView(tuple(rows), options.generated_at, options.version)
    index_path = out_dir / "index.html"
    _write(index_path, render_index(index))
    _write(
        manifest_path,
        json.dumps({"format": MANIFEST_FORMAT, "runs": new}, sort_keys=True, indent=1) + "\n",
    )
    return IndexResult(index_path, tuple(rendered), tuple(unchanged))


def _write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a page."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise RenderError(f"cannot write {path}: {e}; check the output directory") from e

