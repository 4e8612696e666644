"""Progress bars for long work (parsing a trace, diagnosing, rendering, fetching).

This module owns when a bar is drawn: on stderr, only when stderr is a terminal (a
pipe, a log file or a test sees nothing), and never when ``ERRTRAIL_PROGRESS=0``.
Others call ``bar(description, total, unit)``, a ``tqdm`` bar (disabled where no
bar is wanted, so callers update it unconditionally).
"""

from __future__ import annotations

import os
import sys
from types import TracebackType
from typing import IO, Protocol

__all__ = ["Bar", "bar", "wanted"]

# Seconds before a bar first appears: work shorter than this draws nothing.
DELAY_SECONDS = 0.5


class Bar(Protocol):
    """What callers use of a bar: a ``tqdm`` one, or ``_Quiet``."""

    n: float

    def update(self, n: float = 1) -> bool | None: ...

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> Bar: ...

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None: ...


class _Quiet:
    """A bar that draws nothing, without importing tqdm (about 70 ms of a report
    served from a stored analysis)."""

    def __init__(self) -> None:
        self.n: float = 0

    def update(self, n: float = 1) -> bool | None:
        self.n += n
        return None

    def set_postfix_str(self, s: str = "", refresh: bool = True) -> None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        return None


def wanted() -> bool:
    """Whether bars are drawn: stderr is a terminal and ERRTRAIL_PROGRESS is not 0."""
    if os.environ.get("ERRTRAIL_PROGRESS", "1") == "0":
        return False
    return sys.stderr.isatty()


def bar(description: str, total: int | None, unit: str = "B", *,
        file: IO[str] | None = None, enabled: bool | None = None) -> Bar:
    """A progress bar on ``file`` (stderr), or one that draws nothing: where
    ``enabled`` is false, or when it is not given and ``wanted()`` is false."""
    if not (wanted() if enabled is None else enabled):
        return _Quiet()
    from tqdm import tqdm  # only where a bar is drawn

    progress: Bar = tqdm(total=total, desc=description, unit=unit, unit_scale=unit == "B",
                         unit_divisor=1024 if unit == "B" else 1000, leave=False,
                         delay=DELAY_SECONDS, file=file or sys.stderr, dynamic_ncols=True)
    return progress
