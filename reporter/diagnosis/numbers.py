"""Integers as a person reads them: decimal first, hex beside it where it helps.

This module owns how the diagnosis writes a traced value in its reasons and branch
conditions. Others call ``shown(raw, mask=False)``: ``-22 (0xffffffffffffffea)``,
``9``, ``262145 (0x40001)``; values that are not integers (``?``, ``{...}``,
strings) come back unchanged. Hex is added for errno-range negatives (the bits
stap printed), for values of 4096 and more (flags and masks read better in hex)
and whenever ``mask`` says the value is used as a bit mask. Addresses (64-bit
values beyond 32 bits that are not errnos: ``0x7ffcd1ef0bc0``,
``0xffff888004c1a000``) stay hex: their decimal form tells a person nothing.
"""

from __future__ import annotations

from reporter.values import Value

__all__ = ["returned_text", "shown", "shown_int"]

# Below this, a non-negative value reads best in decimal alone (counts, small enums).
PLAIN_BELOW = 4096
# At or beyond this (unsigned), a value that is not an errno is an address.
ADDRESS_FROM = 1 << 32
ERRNO_LIMIT = 4095


def shown_int(n: int, raw_hex: str | None = None, mask: bool = False) -> str:
    """``n`` in decimal, with its hex form beside it where useful.

    >>> shown_int(-22), shown_int(9), shown_int(0x40001), shown_int(5, mask=True)
    ('-22 (0xffffffffffffffea)', '9', '262145 (0x40001)', '5 (0x5)')
    >>> shown_int(-22, "0xffffffea"), shown_int(0x7ffcd1ef0bc0), shown_int(-0x777ffb3e6000)
    ('-22 (0xffffffea)', '0x7ffcd1ef0bc0', '0xffff888004c1a000')
    """
    if n >= ADDRESS_FROM or (n < -ERRNO_LIMIT and n < -(1 << 31)):
        return raw_hex or hex(n & (1 << 64) - 1)
    if n < 0:
        return f"{n} ({raw_hex or hex(n & (1 << 64) - 1)})"
    if n >= PLAIN_BELOW or mask:
        return f"{n} ({raw_hex or hex(n)})"
    return str(n)


def shown(raw: str, mask: bool = False) -> str:
    """A printed value (``0xffffffffffffffea``, ``-22``, ``?``) as a person reads it.

    >>> shown("0xffffffffffffffea"), shown("0x9"), shown("?"), shown("{...}")
    ('-22 (0xffffffffffffffea)', '9', '?', '{...}')
    >>> shown("0x40001", mask=True), shown("-5")
    ('262145 (0x40001)', '-5 (0xfffffffffffffffb)')
    """
    v = Value.of(raw)
    if v.truncated or v.kind not in ("hex", "decimal"):
        return raw
    n = v.as_s64()
    if n is None:
        return raw
    return shown_int(n, raw if v.kind == "hex" else None, mask)


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
    return shown(raw)
