"""Linux errno names and descriptions, as the kernel spells them: the reporter's name
for ``collector.errnos``, which owns the table (the collector cannot import the
reporter, and its CONDITION parsers need the names; there is one table).

Others call ``name_of``, ``description_of``, ``number_of`` (names and libc aliases to
numbers) and ``err_ptr_errno`` (the errno an ``ERR_PTR`` value encodes); see
``collector.errnos`` for where the numbers come from.

>>> name_of(22), description_of(22), number_of("EWOULDBLOCK")
('EINVAL', 'Invalid argument', 11)
"""

from __future__ import annotations

from collector.errnos import (
    ALIASES,
    ERRNOS,
    MAX_ERRNO,
    description_of,
    err_ptr_errno,
    name_of,
    number_of,
)

__all__ = [
    "ALIASES",
    "ERRNOS",
    "MAX_ERRNO",
    "description_of",
    "err_ptr_errno",
    "name_of",
    "number_of",
]
