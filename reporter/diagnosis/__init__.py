"""Diagnosis: which lines most likely produced a run's errno, with the evidence.

The package turns a run's analysis (``reporter.analysis.Analysis``), its archive row
and, when known, the traced source files into a ``Diagnosis``. What others call:

- ``diagnose(analysis, run, sources)``: ``sources`` maps a trace path (as the
  statements name it) to the file's bytes; ``None`` or missing files are fine;
- ``diagnosis_json(d)`` (the stable JSON shape, see ``output``), ``format_text(d)``
  (the ``errtrail-report diagnose`` text, verdict first), ``candidate_json``;
- ``decode_return``, ``condition_errnos``, ``build_steps``, ``fingerprint``;
- ``mismatched_sources``, ``sources_shorter_than`` (files that end before a traced
  line).

Inside: ``model`` (the dataclasses), ``csource`` (the C source model from
tree-sitter), ``facts`` (what the rules read about a run and a path), ``origin`` (a
returned value followed back to where it was made), ``rules/`` (one module per kind
of evidence), ``weights`` (every number the ranking uses), ``engine`` (rules to
ranked candidates), ``explain`` (the branch condition behind a candidate),
``checks`` (sources against the trace), ``run`` and ``notes`` (the run's
diagnosis), ``output`` (JSON and text).
"""

from __future__ import annotations

from reporter.diagnosis.checks import mismatched_sources, sources_shorter_than
from reporter.diagnosis.model import (
    NOT_IN_SCOPE,
    BranchCondition,
    Candidate,
    Diagnosis,
    ErrnoInfo,
    PathGroup,
    SourceCheck,
    Step,
    VariableChange,
)
from reporter.diagnosis.notes import WITHOUT_SOURCES_NOTE
from reporter.diagnosis.output import candidate_json, diagnosis_json, format_text
from reporter.diagnosis.returns import condition_errnos, decode_return
from reporter.diagnosis.run import diagnose
from reporter.diagnosis.steps import build_steps, fingerprint

__all__ = [
    "NOT_IN_SCOPE",
    "WITHOUT_SOURCES_NOTE",
    "BranchCondition",
    "Candidate",
    "Diagnosis",
    "ErrnoInfo",
    "PathGroup",
    "SourceCheck",
    "Step",
    "VariableChange",
    "build_steps",
    "candidate_json",
    "condition_errnos",
    "decode_return",
    "diagnose",
    "diagnosis_json",
    "fingerprint",
    "format_text",
    "mismatched_sources",
    "sources_shorter_than",
]
