"""The pipeline every report command runs: archive row -> analysis -> sources ->
diagnosis (-> trail) -> view.

This module owns ``prepare(archive, run, source_options)`` -> ``Prepared`` (the
run's analysis, its sources, its diagnosis and, when it heads a chain, its trail)
and ``report_view(prepared, options)`` -> ``ReportView``, what the HTML and
Markdown renderers take. The analysis is read from the archive when stored
(``reporter.analysis.load_analysis``: a run's first report computes and stores it),
and the diagnosis's candidates are stored beside it for SQL browsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from collector.archive import SPILLED_MARK, Archive, Run
from reporter.analysis import Analysis, VerdictRow, load_analysis, store_verdicts
from reporter.diagnosis import Diagnosis, diagnose
from reporter.sources import SourceOptions, SourceReport, resolve_includes, resolve_sources
from reporter.trail import Diagnoser, Level, Trail, follow, settle_next_step

if TYPE_CHECKING:
    from reporter.views import RenderOptions, ReportView

__all__ = [
    "Prepared",
    "level_diagnoser",
    "newer_notes",
    "prepare",
    "prepare_with",
    "report_view",
    "resolve_run_sources",
    "spill_notes",
    "verdict_rows",
]


@dataclass(frozen=True)
class Prepared:
    run: Run
    analysis: Analysis
    sources: SourceReport
    diagnosis: Diagnosis
    trail: Trail | None = None   # the errno followed down the run's chain, if it heads one


def newer_notes(report: SourceReport) -> tuple[str, ...]:
    """Notes for the diagnosis: files modified after the traced binary was built."""
    return tuple(f.newer_than_binary for _, f in sorted(report.files.items())
                 if f.newer_than_binary)


def spill_notes(run: Run) -> tuple[str, ...]:
    """A note for a run whose output went to a spill directory part-way (its archive
    was full or locked): the report shows only what the archive holds."""
    reason = run.status_reason or ""
    at = reason.find(SPILLED_MARK)
    if at < 0:
        return ()
    where = reason[at + len(SPILLED_MARK):].split(" (", 1)[0]
    return (f"partial run: the archive could not be written, so this run's output after"
            f" its first {run.stdout_bytes:,} bytes of stdout went to the spill directory"
            f" {where}, and this report shows only what the archive holds; complete the run"
            f" with: errtrail-collect import {where} --archive ARCHIVE",)


def resolve_run_sources(
    archive: Archive, run: Run, lines: dict[str, int], source_options: SourceOptions
) -> SourceReport:
    """The run's sources; ``lines`` (``Analysis.trace_lines``) keeps files that end
    before a traced line out, whichever origin has them."""
    return resolve_sources(archive, run, list(lines), source_options, highest_lines=lines)


def prepare(archive: Archive, run: Run, source_options: SourceOptions, *,
            with_trail: bool = True) -> Prepared:
    """Analyse (or read the stored analysis of), find sources for and diagnose one
    run; with its trail when it heads a chain (``reporter.trail``), each level
    prepared the same way."""
    analysis = load_analysis(archive, run)
    sources = resolve_run_sources(archive, run, analysis.trace_lines(), source_options)
    return prepare_with(archive, run, analysis, sources, source_options, with_trail)


def prepare_with(archive: Archive, run: Run, analysis: Analysis, sources: SourceReport,
                 source_options: SourceOptions, with_trail: bool = True) -> Prepared:
    """``prepare`` once the analysis and the sources are known."""
    headers = resolve_includes(archive, run, sources, source_options)
    diagnosis = diagnose(analysis, run, _texts(sources), spill_notes(run) + newer_notes(sources),
                         headers)
    store_verdicts(archive, run.id, diagnosis.with_sources, verdict_rows(diagnosis))
    trail = None
    if with_trail:
        trail = follow(archive, run, (diagnosis, analysis.calls, _texts(sources)),
                       level_diagnoser(archive, source_options))
        diagnosis = settle_next_step(diagnosis, trail)
    return Prepared(run, analysis, sources, diagnosis, trail)


def verdict_rows(d: Diagnosis) -> list[VerdictRow]:
    """Every candidate of ``d``, path by path, as the archive's ``verdicts`` keeps it."""
    return [VerdictRow(g.index, path_rank, rank, c.file, c.line, c.kind, c.confidence, c.rule,
                       c.callee, c.source_text, c.condition.text if c.condition else None,
                       c.reason)
            for path_rank, g in enumerate(d.paths, 1)
            for rank, c in enumerate(g.candidates, 1)]


def level_diagnoser(archive: Archive, source_options: SourceOptions) -> Diagnoser:
    """How ``reporter.trail.follow`` diagnoses each level: prepared as any run."""
    def level(r: Run) -> Level:
        p = prepare(archive, r, source_options, with_trail=False)
        return p.diagnosis, p.analysis.calls, _texts(p.sources)

    return level


def _texts(sources: SourceReport) -> dict[str, bytes]:
    return {p: f.text for p, f in sorted(sources.files.items())}


def report_view(
    prepared: Prepared, options: RenderOptions, *, highlight: bool = True
) -> ReportView:
    # Here: `diagnose` needs no view, and importing one costs it about 25 ms.
    from reporter.views import build_report

    return build_report(
        prepared.run,
        prepared.analysis,
        prepared.diagnosis,
        prepared.sources,
        options,
        highlight=highlight,
        trail=prepared.trail,
    )
