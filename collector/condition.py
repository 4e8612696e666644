"""whythefail's CONDITION language over ``$return``, with SystemTap's meaning.

This module owns parsing and evaluating the CONDITION argument of
``errtrail-collect gdb``. Others call:

- ``parse_condition(text) -> Condition`` (raises ``ConditionError`` saying where the
  text stops making sense), then ``Condition.matches(ret)`` with the returned value
  as a 64-bit integer.

It must import nothing but the standard library (and ``collector.errors`` and
``collector.errnos`` when it can): the gdb tracer (``collector/gdb_tracer.py``) loads
this very file by path inside gdb's embedded Python, where the errtrail package is not
importable (there ``ConditionError``'s ``ErrtrailError`` is a stand-in, and
``errnos.py`` is loaded by path from beside this file).

Meaning, as in stap (systemtap's translator compiles script integers to C
``int64_t``): every value is a signed 64-bit integer and arithmetic wraps; ``==``,
``<``, ``&&``, ``!`` ... give 1 or 0; ``&&`` and ``||`` short-circuit; ``/`` and ``%``
truncate toward zero like C and fail on a zero divisor; ``>>`` is arithmetic and
``>>>`` logical. Literals are decimal, ``0x`` hex or ``0`` octal (stap reads them
with ``strtoll(..., 0)``); a literal beyond 64 bits is an error, as in stap.
``$return`` is the only context variable (the tracer has nothing else at return).
Errno names stand for their numbers (``-EINVAL`` is ``-22``, Linux's table,
``collector.errnos``); stap has no such constants, so ``errtrail-collect run`` writes
them as numbers before stap sees the condition (``collector.stapargs``).

>>> parse_condition("$return == -22").matches(-22)
True
>>> parse_condition("$return < 0 && $return != -4").matches(-4)
False
>>> parse_condition("!($return)").matches(0)
True
>>> parse_condition("$return == 0xffffffffffffffea").matches(-22)
True
>>> parse_condition("$return >= -4095 && $return < 0").matches(-12)
True
>>> parse_condition("1").matches(5)
True
>>> parse_condition("$return == -EINVAL || $return == -ENOENT").matches(-2)
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collector import errnos
    from collector.errors import ErrtrailError
else:
    try:
        from . import errnos
    except ImportError:  # loaded by path inside gdb: the table is the file beside this one
        import importlib.util
        import sys
        from pathlib import Path

        _spec = importlib.util.spec_from_file_location(
            "errtrail_errnos", Path(__file__).with_name("errnos.py"))
        errnos = importlib.util.module_from_spec(_spec)
        sys.modules["errtrail_errnos"] = errnos
        _spec.loader.exec_module(errnos)
    # collector.errors' base, or inside gdb the stand-in errnos.py defines.
    ErrtrailError = errnos.ErrtrailError

MASK64 = (1 << 64) - 1


class ConditionError(ErrtrailError, ValueError):
    """CONDITION does not parse or cannot be evaluated; the message says where."""


def to_int64(value: int) -> int:
    """Wrap a Python integer to a signed 64-bit value, as stap's ``int64_t`` does.

    >>> to_int64(0xffffffffffffffea)
    -22
    >>> to_int64(1 << 63)
    -9223372036854775808
    """
    value &= MASK64
    return value - (1 << 64) if value >> 63 else value


@dataclass(frozen=True)
class Num:
    value: int


@dataclass(frozen=True)
class Return:
    pass


@dataclass(frozen=True)
class Unary:
    op: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node
    pos: int  # column of the operator, for runtime errors (division by zero)


@dataclass(frozen=True)
class Ternary:
    test: Node
    then: Node
    otherwise: Node


Node = Num | Return | Unary | Binary | Ternary

# Binary operators by precedence, loosest first (C's table, which stap follows).
_LEVELS: tuple[tuple[str, ...], ...] = (
    ("||",),
    ("&&",),
    ("|",),
    ("^",),
    ("&",),
    ("==", "!="),
    ("<", "<=", ">", ">="),
    ("<<", ">>", ">>>"),
    ("+", "-"),
    ("*", "/", "%"),
)
_PRECEDENCE = {op: level for level, ops in enumerate(_LEVELS) for op in ops}

_TOKEN = re.compile(
    r"\s*(?:"
    r"(?P<num>0[xX][0-9a-fA-F]+|[0-9]+)"
    r"|(?P<var>\$[A-Za-z_][A-Za-z0-9_]*\$?|\$\$[A-Za-z_]+)"
    r"|(?P<ident>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>>>>|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>!~&|^?:()])"
    r")"
)


@dataclass(frozen=True)
class _Token:
    kind: str  # num | var | ident | op | end
    text: str
    pos: int  # 0-based column


def _where(text: str, pos: int) -> str:
    return f"\n  {text}\n  {' ' * pos}^"


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            tokens.append(_Token("end", "", pos))
            return tokens
        m = _TOKEN.match(text, pos)
        if m is None or m.lastgroup is None:
            hint = " (stap compares with ==, not =)" if text[pos] == "=" else ""
            raise ConditionError(
                f"CONDITION {text!r} does not parse at column {pos + 1}:"
                f" unexpected {text[pos]!r}{hint}{_where(text, pos)}"
            )
        start = m.start(m.lastgroup)
        tokens.append(_Token(m.lastgroup, m.group(m.lastgroup), start))
        pos = m.end()


def _literal(token: _Token, text: str) -> int:
    body = token.text
    if body[:2].lower() == "0x":
        value = int(body[2:], 16)
    elif len(body) > 1 and body.startswith("0"):
        if not all(c in "01234567" for c in body):
            raise ConditionError(
                f"CONDITION {text!r}: {body} at column {token.pos + 1} is not a valid octal"
                f" number (a leading 0 means octal in stap){_where(text, token.pos)}"
            )
        value = int(body, 8)
    else:
        value = int(body, 10)
    # stap's parser reads literals with strtoull(..., 0) and refuses only what does
    # not fit in 64 bits; bigger-than-INT64_MAX values wrap (0xffffffffffffffea is -22).
    if value > MASK64:
        raise ConditionError(
            f"CONDITION {text!r}: number {body} at column {token.pos + 1} does not fit in"
            f" 64 bits{_where(text, token.pos)}"
        )
    return to_int64(value)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0

    @property
    def tok(self) -> _Token:
        return self.tokens[self.i]

    def fail(self, what: str, token: _Token | None = None) -> ConditionError:
        token = token or self.tok
        found = "the end" if token.kind == "end" else repr(token.text)
        return ConditionError(
            f"CONDITION {self.text!r} does not parse at column {token.pos + 1}:"
            f" expected {what}, found {found}{_where(self.text, token.pos)}"
        )

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise ConditionError(
                "CONDITION is empty: give an expression over $return, e.g. '$return < 0'"
            )
        node = self.ternary()
        if self.tok.kind != "end":
            raise self.fail("an operator or the end")
        return node

    def ternary(self) -> Node:
        test = self.binary(0)
        if self.tok.kind == "op" and self.tok.text == "?":
            self.i += 1
            then = self.ternary()
            if not (self.tok.kind == "op" and self.tok.text == ":"):
                raise self.fail("':'")
            self.i += 1
            otherwise = self.ternary()
            return Ternary(test, then, otherwise)
        return test

    def binary(self, level: int) -> Node:
        if level == len(_LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.tok.kind == "op" and self.tok.text in _LEVELS[level]:
            op = self.tok
            self.i += 1
            right = self.binary(level + 1)
            left = Binary(op.text, left, right, op.pos)
        return left

    def unary(self) -> Node:
        tok = self.tok
        if tok.kind == "op" and tok.text in ("!", "~", "-", "+"):
            self.i += 1
            operand = self.unary()
            if tok.text == "-" and isinstance(operand, Num):
                return Num(to_int64(-operand.value))
            return operand if tok.text == "+" else Unary(tok.text, operand)
        return self.primary()

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "num":
            self.i += 1
            return Num(_literal(tok, self.text))
        if tok.kind == "var":
            if tok.text in ("$return", "$return$"):
                self.i += 1
                return Return()
            raise ConditionError(
                f"CONDITION {self.text!r}: {tok.text} at column {tok.pos + 1} is not available;"
                f" only $return can be used at function return{_where(self.text, tok.pos)}"
            )
        if tok.kind == "ident":
            return Num(self.errno(tok))
        if tok.kind == "op" and tok.text == "(":
            self.i += 1
            node = self.ternary()
            if not (self.tok.kind == "op" and self.tok.text == ")"):
                raise self.fail("')'")
            self.i += 1
            return node
        raise self.fail("$return, a number or '('")


    def errno(self, tok: _Token) -> int:
        """The number an errno name stands for; else the error, with close names for
        a misspelt one (``EINVLA``, ``einval``)."""
        number = errnos.number_of(tok.text)
        if number is not None:
            self.i += 1
            return number
        at = f"at column {tok.pos + 1}"
        if errnos.looks_like_errno(tok.text) or errnos.close_names(tok.text):
            raise ConditionError(
                f"CONDITION {self.text!r}: {errnos.unknown_name(tok.text)} ({at})"
                f"{_where(self.text, tok.pos)}"
            )
        raise ConditionError(
            f"CONDITION {self.text!r}: {tok.text!r} {at} is not supported; only $return,"
            " integer literals, errno names (EINVAL) and operators (== != < <= > >= && ||"
            f" ! + - * / % & | ^ ~ << >>) can be used{_where(self.text, tok.pos)}"
        )


def _divide(op: str, a: int, b: int, node: Binary, text: str) -> int:
    if b == 0:
        raise ConditionError(
            f"CONDITION {text!r}: division by 0 at column {node.pos + 1}{_where(text, node.pos)}"
        )
    q = abs(a) // abs(b)
    if (a < 0) != (b < 0):
        q = -q
    return to_int64(q) if op == "/" else to_int64(a - q * b)


def _eval(node: Node, ret: int, text: str) -> int:
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Return):
        return ret
    if isinstance(node, Unary):
        v = _eval(node.operand, ret, text)
        if node.op == "!":
            return int(v == 0)
        if node.op == "~":
            return to_int64(~v)
        return to_int64(-v)
    if isinstance(node, Ternary):
        if _eval(node.test, ret, text):
            return _eval(node.then, ret, text)
        return _eval(node.otherwise, ret, text)
    op = node.op
    a = _eval(node.left, ret, text)
    if op == "&&":
        return int(bool(a) and bool(_eval(node.right, ret, text)))
    if op == "||":
        return int(bool(a) or bool(_eval(node.right, ret, text)))
    b = _eval(node.right, ret, text)
    if op in ("/", "%"):
        return _divide(op, a, b, node, text)
    if op in ("<<", ">>", ">>>"):
        # C leaves shifts by >= 64 undefined; stap passes them to C. Use the
        # x86-64 behaviour (count masked to 6 bits) so the result is at least stable.
        n = b & 63
        if op == "<<":
            return to_int64(a << n)
        if op == ">>":
            return a >> n
        return to_int64((a & MASK64) >> n)
    results = {
        "+": lambda: to_int64(a + b),
        "-": lambda: to_int64(a - b),
        "*": lambda: to_int64(a * b),
        "&": lambda: to_int64(a & b),
        "|": lambda: to_int64(a | b),
        "^": lambda: to_int64(a ^ b),
        "==": lambda: int(a == b),
        "!=": lambda: int(a != b),
        "<": lambda: int(a < b),
        "<=": lambda: int(a <= b),
        ">": lambda: int(a > b),
        ">=": lambda: int(a >= b),
    }
    return results[op]()


@dataclass(frozen=True)
class Condition:
    """A parsed CONDITION; ``text`` is what the user typed."""

    text: str
    tree: Node

    def value(self, ret: int) -> int:
        """The condition's 64-bit value with ``$return`` bound to ``ret``.

        >>> parse_condition("$return * 2 + 1").value(-22)
        -43
        >>> parse_condition("-7 / 2 + -7 % 2").value(0)
        -4
        >>> parse_condition("0x7fffffffffffffff + 1").value(0)
        -9223372036854775808
        """
        return _eval(self.tree, to_int64(ret), self.text)

    def matches(self, ret: int) -> bool:
        """Whether whythefail would print this invocation (the value is not 0)."""
        return self.value(ret) != 0


def parse_condition(text: str) -> Condition:
    """Parse a whythefail CONDITION; ``ConditionError`` says where it stops making sense.

    >>> try:
    ...     parse_condition("$return = -22")
    ... except ConditionError as e:
    ...     print(e)  # doctest: +NORMALIZE_WHITESPACE
    CONDITION '$return = -22' does not parse at column 9:
      unexpected '=' (stap compares with ==, not =)
      $return = -22
              ^
    >>> try:
    ...     parse_condition("($return < 0")
    ... except ConditionError as e:
    ...     print(e)  # doctest: +NORMALIZE_WHITESPACE
    CONDITION '($return < 0' does not parse at column 13: expected ')', found the end
      ($return < 0
                  ^
    >>> try:
    ...     parse_condition("$err < 0")
    ... except ConditionError as e:
    ...     print(e)  # doctest: +NORMALIZE_WHITESPACE
    CONDITION '$err < 0': $err at column 1 is not available;
      only $return can be used at function return
      $err < 0
      ^
    """
    return Condition(text, _Parser(text).parse())
