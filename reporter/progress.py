"""Progress bars for long work (parsing a trace, diagnosing, rendering, fetching).

This module owns when a bar is drawn: on stderr, only when stderr is a terminal (a
pipe, a log file or a test sees nothing), and never when ``ERRTRAIL_PROGRESS=0``.
Others call ``bar(description, total, unit)``, a ``tqdm`` bar (disabled where no
bar is wanted, so callers update it unconditionally).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from tqdm import tqdm

__all__ = ["bar", "wanted"]

# Seconds before a bar first appears: work shorter than this draws nothing.
DELAY_SECONDS = 0.5


def wanted() -> bool:
    """Whether bars are drawn: stderr is a terminal and ERRTRAIL_PROGRESS is not 0."""
    if os.environ.get("ERRTRAIL_PROGRESS", "1") == "0":
        return False
    return sys.stderr.isatty()


def bar(description: str, total: int | None, unit: str = "B") -> tqdm[NoReturn]:
    """A progress bar on stderr, or a disabled one (see ``wanted``)."""
    return tqdm(total=total, desc=description, unit=unit, unit_scale=unit == "B",
                unit_divisor=1024 if unit == "B" else 1000, leave=False,
                disable=not wanted(), delay=DELAY_SECONDS, file=sys.stderr,
                dynamic_ncols=True)
