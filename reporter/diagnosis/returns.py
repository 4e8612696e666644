"""Return values and condition constants decoded into errnos.

This module owns reading a printed ``$return`` (``-22``, ``0xfffffffffffffffe``) and
a whythefail CONDITION (``$return == -22 || $return == -2``) as errnos. Others call
``decode_return(raw)``, ``errno_of_number(n)`` and ``condition_errnos(text)``.
"""

from __future__ import annotations

from collector.condition import Binary, ConditionError, Node, Num, Return, Unary, parse_condition
from reporter.diagnosis.model import ErrnoInfo
from reporter.errnos import description_of, err_ptr_errno, name_of
from reporter.values import Value

__all__ = ["condition_errnos", "decode_return", "errno_of_number"]


def decode_return(raw: str) -> ErrnoInfo:
    """A printed ``$return`` (or any value text) decoded to an errno where it is one.

    >>> decode_return("-22")
    ErrnoInfo(raw='-22', value=-22, name='EINVAL', description='Invalid argument', form='errno')
    >>> decode_return("0xfffffffffffffffe").name, decode_return("0xfffffffffffffffe").form
    ('ENOENT', 'err_ptr')
    >>> decode_return("-512").name, decode_return("0").form, decode_return("3").form
    ('ERESTARTSYS', 'zero', 'positive')
    >>> decode_return("0xffff88802b21d000").form, decode_return("?").form
    ('pointer', 'unknown')
    """
    value = Value.of(raw)
    n = value.as_int()
    if n is None:
        return ErrnoInfo(raw, None, None, None, "unknown")
    if n == 0:
        return ErrnoInfo(raw, 0, None, None, "zero")
    if value.kind == "hex":
        e = err_ptr_errno(n)
        if e is not None:
            return ErrnoInfo(raw, n, name_of(-e), description_of(-e), "err_ptr")
        return ErrnoInfo(raw, n, None, None, "pointer")
    if n > 0:
        return ErrnoInfo(raw, n, None, None, "positive")
    if n >= -4095:
        return ErrnoInfo(raw, n, name_of(-n), description_of(-n), "errno")
    return ErrnoInfo(raw, n, None, None, "unknown")


def errno_of_number(n: int) -> ErrnoInfo:
    if n < 0:
        return ErrnoInfo(str(n), n, name_of(-n), description_of(-n), "errno")
    if n == 0:
        return ErrnoInfo("0", 0, None, None, "zero")
    e = err_ptr_errno(n)
    if e is not None:
        return ErrnoInfo(hex(n), n, name_of(-e), description_of(-e), "err_ptr")
    # A positive value is not named: few functions return a positive errno
    # (pthread's do), and guessing would mislabel counts and sizes.
    return ErrnoInfo(str(n), n, None, None, "positive")


def condition_errnos(text: str | None) -> tuple[ErrnoInfo, ...]:
    """The errnos a whythefail CONDITION compares ``$return`` with (``==``/``!=``).

    >>> [e.name for e in condition_errnos("$return == -22")]
    ['EINVAL']
    >>> [e.name for e in condition_errnos("$return == -2 || $return == 0xfffffffffffffff4")]
    ['ENOENT', 'ENOMEM']
    >>> condition_errnos("$return < 0"), condition_errnos("not a condition")
    ((), ())
    """
    if not text:
        return ()
    try:
        tree = parse_condition(text).tree
    except ConditionError:
        return ()
    found: list[int] = []

    def walk(node: Node) -> None:
        if isinstance(node, Binary):
            if node.op in ("==", "!="):
                for a, b in ((node.left, node.right), (node.right, node.left)):
                    if isinstance(a, Return) and isinstance(b, Num) and b.value != 0:
                        found.append(b.value)
            walk(node.left)
            walk(node.right)
        elif isinstance(node, Unary):
            walk(node.operand)

    walk(tree)
    out: list[ErrnoInfo] = []
    for n in found:
        info = errno_of_number(n)
        if info not in out:
            out.append(info)
    return tuple(out)
