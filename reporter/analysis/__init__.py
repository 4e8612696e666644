"""The per-run analysis: a run's trace read once into what every report needs.

What others call:

- ``analyse_run(archive, run)`` -> ``Analysis``: one streaming pass over the run's
  stdout chunks (both cores for big runs), memory bounded by its distinct paths;
- ``load_analysis(archive, run)``: the stored analysis when it is current, else a new
  one, stored (``store``); ``store_verdicts`` keeps a diagnosis's candidates
  (``VerdictRow``) beside it;
- ``analyse_records(records)``: the same from records in memory (tests, small traces);
- ``Analysis``, ``PathSummary``, ``CallIndex``, ``LIMITS``, ``outcome_of``.

Inside: ``model`` (the dataclasses and caps), ``summary`` (the streaming pass and the
merge of parts), ``parallel`` (reading a run from the archive, in parts),
``store`` (the archive tables of migration 0006_analysis).
"""

from __future__ import annotations

from reporter.analysis.model import LIMITS, Analysis, CallIndex, PathSummary, outcome_of
from reporter.analysis.parallel import analyse_run
from reporter.analysis.store import ANALYSIS_VERSION, VerdictRow, load_analysis, store_verdicts
from reporter.analysis.summary import analyse_records

__all__ = [
    "ANALYSIS_VERSION",
    "LIMITS",
    "Analysis",
    "CallIndex",
    "PathSummary",
    "VerdictRow",
    "analyse_records",
    "analyse_run",
    "load_analysis",
    "outcome_of",
    "store_verdicts",
]

