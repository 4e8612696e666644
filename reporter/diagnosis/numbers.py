"""Returned values in the diagnosis's sentences: ``returned_text``.

Each value a person reads, in the diagnosis and in every report, is written by
``reporter.values.readable`` (decimal first, hex beside it where it helps).
"""

from __future__ import annotations

from reporter.values import Value, readable

__all__ = ["returned_text"]


def returned_text(raw: str, name: str | None, form: str) -> str:
    """A returned value in a sentence: ``-22 (EINVAL)``, ``ERR_PTR(-2) (ENOENT)``,
    ``0``, ``0x7f3a... `` for a pointer.

    >>> returned_text("-22", "EINVAL", "errno")
    '-22 (EINVAL)'
    >>> returned_text("0xfffffffffffffffe", "ENOENT", "err_ptr")
    'ERR_PTR(-2) (ENOENT)'
    >>> returned_text("0x0", None, "zero"), returned_text("0x4000", None, "positive")
    ('0', '16384 (0x4000)')
    """
    v = Value.of(raw)
    n = v.as_s64()
    if form == "errno" and n is not None:
        return f"{n} ({name})" if name else str(n)
    if form == "err_ptr" and n is not None:
        return f"ERR_PTR({n}) ({name})" if name else f"ERR_PTR({n})"
    return readable(raw)
