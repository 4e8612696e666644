"""Rule: the lines of the function that produce the returned errno, none of them traced.

What a person does first with a bare errno: grep the function for ``-ENAME``. When
no traced statement of the path writes that errno, the lines that do are
candidates: optimised code often has no statement of its own for such a line
(merged returns, jump tables), so it may have run unseen. One such line is a fair
answer; several split the weight. Lines the trace proves never ran still appear,
ranked after those that may have run.
"""

from __future__ import annotations

import re

from reporter.diagnosis.facts import PathFacts
from reporter.diagnosis.rules import Finding

__all__ = ["findings"]

RULE = "grep"
# A line in shared error code under a label counts this much.
SHARED = 0.6


def findings(facts: PathFacts) -> list[Finding]:
    fn, model, name = facts.fn, facts.model, facts.ret.name
    if fn is None or model is None or name is None or facts.errno_style:
        return []
    pattern = re.compile(rf"-\s*\(?\s*{re.escape(name)}\b|\b[A-Z][A-Z0-9]*_{re.escape(name)}\b")
    hits = [n for n in range(fn.start, fn.end + 1)
            if model.is_code(n) and pattern.search(model.text(n) or "")]
    traced = facts.traced_lines
    if not hits or any(n in traced for n in hits):
        return []
    key = "grep.only-line" if len(hits) == 1 else "grep.one-of"
    scale = 1.0 if len(hits) == 1 else 1.0 / len(hits) + 0.2
    where = "the only line" if len(hits) == 1 else f"one of {len(hits)} lines"
    out = []
    for n in hits:
        stmt = fn.at(n)
        # In shared error code (`einval: return -EINVAL;`) the `goto` that led there
        # is the better answer (rules/branches.py).
        shared = stmt is not None and bool(fn.labels_reaching(stmt))
        out.append(Finding(n, "errno-constant", key,
                           f"Line {n} is {where} of {fn.name} that produces -{name}; it has"
                           " no traced statement of its own, as happens when the compiler"
                           " merges it.", scale=scale * (SHARED if shared else 1.0),
                           rule=RULE))
    return out
