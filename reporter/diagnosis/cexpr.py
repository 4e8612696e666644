"""C expressions: the tree-sitter parser, expression trees and what they evaluate to.

This module owns the lowest layer of reading C: ``parse_tree(data)`` (tree-sitter with
the tree-sitter-c grammar, one parser per process), the node helpers the source model
uses (``node_text``, ``node_line``, ``node_end_line``, ``descendants``), ``Expr`` (an
expression tree: calls, identifiers, operators, casts) built by ``expr_of(node)`` or
``expr_of_text(text)``, and its value: ``evaluate(expr, constants, values)``,
``errno_like(name)``. ``principal_call(expr)`` is the function an expression is
about. ``reporter.diagnosis.csource`` builds statements and functions on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reporter.errnos import number_of

__all__ = [
    "FILTERS",
    "Expr",
    "descendants",
    "errno_like",
    "evaluate",
    "expr_of",
    "expr_of_text",
    "node_end_line",
    "node_line",
    "node_text",
    "parse_tree",
    "principal_call",
]

_SPACES = re.compile(r"\s+")

# Branch-prediction hints (include/linux/compiler.h, systemd's macro.h, elfutils'
# eu-config.h): `unlikely (x)` has x's truth value.
HINTS = frozenset({"likely", "unlikely", "__builtin_expect", "_likely_", "_unlikely_"})
# Helpers that wrap a value rather than make one (include/linux/err.h, compiler.h).
FILTERS = HINTS | frozenset({
    "ERR_PTR", "ERR_CAST", "PTR_ERR", "READ_ONCE", "PTR_ERR_OR_ZERO",
})


# errno-like constant names of libraries that spell errnos with a prefix: libuv's
# UV_EINVAL (= UV__EINVAL = -EINVAL on Unix, uv/errno.h), systemd's -EXXX as is.
_PREFIXED_ERRNO = re.compile(r"\A(?:[A-Z][A-Z0-9]*_)+?(E[A-Z0-9]{2,})\Z")
_NUMBER = re.compile(r"\A([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)\Z")


@dataclass(frozen=True)
class Expr:
    """A C expression as the diagnosis reads it.

    ``kind``: ``number``, ``char``, ``string``, ``null``, ``bool``, ``ident``,
    ``field`` (``a->b``, ``a.b``, ``a[i]``, ``*p``), ``call``, ``unary``, ``binary``,
    ``ternary``, ``cast``, ``paren``, ``assign``, ``comma``, ``sizeof``, ``other``. ``name``:
    the callee of a call, the identifier, the operator of a unary/binary/assign
    expression. ``args``: a call's arguments; the operand(s) otherwise (a ternary's
    condition, then, else; an assignment's target and value; a cast's operand).
    """

    kind: str
    text: str
    line: int
    name: str | None = None
    args: tuple[Expr, ...] = ()

    def strip(self) -> Expr:
        """Without casts and parentheses (``(int)(x)`` is ``x``)."""
        e = self
        while e.kind in ("cast", "paren") and e.args:
            e = e.args[-1]
        return e

    def walk(self) -> Iterator[Expr]:
        """This expression and every sub-expression, outermost first."""
        yield self
        for a in self.args:
            yield from a.walk()

    def calls(self) -> tuple[Expr, ...]:
        """Every call in the expression, outermost first."""
        return tuple(e for e in self.walk() if e.kind == "call")

    def identifiers(self) -> tuple[str, ...]:
        """Names read by the expression (variables, fields' bases, constants)."""
        out: list[str] = []
        for e in self.walk():
            if e.kind == "ident" and e.name and e.name not in out:
                out.append(e.name)
        return tuple(out)


def principal_call(e: Expr, value: bool = False) -> str | None:
    """The outermost call in ``e`` that is a function, past FILTERS (into their
    arguments). An ALL_CAPS macro's arguments are the macro's business in a statement
    of its own (``DBG(CXT, ul_debugobj(...));`` logs), but a value's when the macro
    makes the value (``r = RET_NERRNO(open(p, O_RDONLY));``): ``value`` says which."""
    e = e.strip()
    if e.kind == "call" and e.name:
        if e.name.isupper() and not value:
            return None
        if e.name not in FILTERS and not e.name.isupper():
            return e.name
    for a in e.args:
        found = principal_call(a, value)
        if found is not None:
            return found
    return None


def _parser() -> Any:
    import tree_sitter_c
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_c.language()))


_PARSER: Any = None


def parse_tree(data: bytes) -> Any:
    """The tree-sitter tree of C source bytes."""
    global _PARSER
    if _PARSER is None:
        _PARSER = _parser()
    return _PARSER.parse(data)


def descendants(node: Any, kind: str, prune: frozenset[str] = frozenset()) -> Iterator[Any]:
    """The named nodes of type ``kind`` under ``node`` (not under one found), not
    looking inside nodes whose type is in ``prune``."""
    for child in node.named_children:
        if child.type == kind:
            yield child
        elif child.type not in prune:
            yield from descendants(child, kind, prune)


def node_text(node: Any) -> str:
    return _SPACES.sub(" ", node.text.decode("utf-8", "replace")).strip()


def node_line(node: Any) -> int:
    return int(node.start_point[0]) + 1


def node_end_line(node: Any) -> int:
    return int(node.end_point[0]) + 1


@lru_cache(maxsize=4096)
def expr_of_text(text: str) -> Expr | None:
    """A lone expression's tree (a macro's value, a line of the fallback)."""
    tree = parse_tree(b"int _errtrail_ = (" + text.encode() + b");")
    for init in descendants(tree.root_node, "init_declarator"):
        value = init.child_by_field_name("value")
        if value is not None and not value.has_error:
            return expr_of(value).strip()
    return None


_EXPR_KINDS = {
    "number_literal": "number",
    "char_literal": "char",
    "string_literal": "string",
    "concatenated_string": "string",
    "null": "null",
    "true": "bool",
    "false": "bool",
    "identifier": "ident",
    "field_expression": "field",
    "subscript_expression": "field",
    "call_expression": "call",
    "unary_expression": "unary",
    "binary_expression": "binary",
    "conditional_expression": "ternary",
    "cast_expression": "cast",
    "assignment_expression": "assign",
    "comma_expression": "comma",
    "sizeof_expression": "sizeof",
    "parenthesized_expression": "paren",
    "update_expression": "unary",
}


_NAMING_MACRO = re.compile(r"[A-Z][A-Z0-9_]*\(\s*\w+\s*\)")


def expr_of(node: Any) -> Expr:
    kind = _EXPR_KINDS.get(node.type, "other")
    text = node_text(node)
    line = node_line(node)
    if kind == "call":
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        # A call through a function pointer (`file->ops->load(file)`) is named by the
        # pointer's expression: it still made the value, whatever function it holds.
        name = node_text(fn) if fn is not None and fn.type in (
            "identifier", "field_expression", "parenthesized_expression") else None
        if name is not None and name.startswith("("):
            name = name.strip("()* ") or None
        if fn is not None and fn.type == "call_expression" and \
                _NAMING_MACRO.fullmatch(node_text(fn)):
            # A macro that spells the name (pcre2's `PRIV(valid_utf)(...)`, which is
            # `_pcre2_valid_utf_8`): the callee as the source writes it.
            name = node_text(fn)
        parts = tuple(expr_of(a) for a in args.named_children if a.type != "comment") \
            if args is not None else ()
        return Expr("call", text, line, name, parts)
    if kind == "ident":
        return Expr("ident", text, line, text)
    if node.type == "pointer_expression":
        op = node.child_by_field_name("operator")
        arg = node.child_by_field_name("argument")
        sym = node_text(op) if op is not None else ""
        return Expr("field" if sym == "*" else "unary", text, line, sym,
                    (expr_of(arg),) if arg is not None else ())
    if kind in ("unary", "binary", "assign"):
        op = node.child_by_field_name("operator")
        parts = tuple(expr_of(c) for c in node.named_children if c.type != "comment")
        operator = node_text(op) if op is not None else None
        if kind == "binary" and operator in ("-", "+") and len(parts) == 2 and \
                _typedef_cast(parts[0]):
            # `(pid_t) -1` (libdaemon 0.14): tree-sitter-c cannot know `pid_t` is a
            # type and reads a subtraction; a `_t` name alone in parentheses casts.
            operand = Expr("unary", text[len(parts[0].text):].strip(), line, operator,
                           (parts[1],))
            return Expr("cast", text, line, None, (operand,))
        return Expr(kind, text, line, operator, parts)
    parts = tuple(expr_of(c) for c in node.named_children
                  if c.type not in ("comment", "type_descriptor", "field_identifier"))
    if kind == "field":
        return Expr("field", text, line, text, parts)
    return Expr(kind, text, line, None, parts)


def _typedef_cast(e: Expr) -> bool:
    """``(pid_t)``, ``(ssize_t)``, ``(uint32_t)``: a parenthesized typedef name."""
    return e.kind == "paren" and len(e.args) == 1 and e.args[0].kind == "ident" and \
        bool(re.fullmatch(r"[a-z_][a-z0-9_]*_t", e.args[0].text))


# -- values ------------------------------------------------------------------------


def errno_like(name: str) -> int | None:
    """The errno a constant's name spells, with or without a library's prefix.

    >>> errno_like("EINVAL"), errno_like("UV_ENOENT"), errno_like("EFOO"), errno_like("MAX")
    (22, 2, None, None)
    """
    n = number_of(name)
    if n is not None:
        return n
    m = _PREFIXED_ERRNO.match(name)
    return number_of(m.group(1)) if m else None


def _literal(text: str) -> int | None:
    """A C integer literal's value (tree-sitter-c keeps a leading ``-`` in it).

    >>> _literal("0x1f"), _literal("-1"), _literal("010"), _literal("12UL"), _literal("1.5")
    (31, -1, 8, 12, None)
    """
    m = _NUMBER.match(text)
    if not m:
        return None
    sign, digits = -1 if m.group(1) == "-" else 1, m.group(2)
    if digits.lower().startswith("0x"):
        return sign * int(digits, 16)
    if digits.startswith("0") and len(digits) > 1:
        return sign * int(digits, 8)
    return sign * int(digits)


_BINARY: dict[str, Callable[[int, int], int | None]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    # C division truncates toward zero; by zero is undefined (no value).
    "/": lambda a, b: (abs(a) // abs(b)) * (1 if (a < 0) == (b < 0) else -1) if b else None,
    "%": lambda a, b: a - b * ((abs(a) // abs(b)) * (1 if (a < 0) == (b < 0) else -1))
    if b else None,
    "|": lambda a, b: a | b,
    "&": lambda a, b: a & b,
    "^": lambda a, b: a ^ b,
    "<<": lambda a, b: a << b if 0 <= b < 128 else None,
    ">>": lambda a, b: a >> b if 0 <= b < 128 else None,
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    "<=": lambda a, b: int(a <= b),
    ">": lambda a, b: int(a > b),
    ">=": lambda a, b: int(a >= b),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "||": lambda a, b: int(bool(a) or bool(b)),
}


def evaluate(expr: Expr | None, constants: Mapping[str, int],
             values: Mapping[str, int] | None = None) -> int | None:
    """The integer value of ``expr`` where constants (and traced ``values`` of
    variables) decide it; errno names count as their numbers (``-EINVAL`` is -22).

    >>> e = expr_of_text("-EINVAL")
    >>> evaluate(e, {})
    -22
    >>> evaluate(expr_of_text("mask & ~(MAX - 1)"), {"MAX": 8}, {"mask": 0x40001})
    262144
    >>> evaluate(expr_of_text("x > 7 && y"), {}, {"x": 9}) is None
    True
    """
    if expr is None:
        return None
    e = expr.strip()
    if e.kind == "number":
        return _literal(e.text)
    if e.kind in ("null", "bool"):
        return 1 if e.text == "true" else 0
    if e.kind == "char" and len(e.text) == 3:
        return ord(e.text[1])
    if e.kind == "ident":
        assert e.name is not None
        if values is not None and e.name in values:
            return values[e.name]
        if e.name in constants:
            return constants[e.name]
        if e.name == "NULL":
            return 0
        return errno_like(e.name)
    if e.kind == "unary" and len(e.args) == 1:
        return _unary(e, constants, values)
    if e.kind == "binary" and len(e.args) == 2 and e.name in _BINARY:
        return _binary(e, constants, values)
    if e.kind == "ternary" and len(e.args) == 3:
        c = evaluate(e.args[0], constants, values)
        return None if c is None else evaluate(e.args[1 if c else 2], constants, values)
    if e.kind == "call" and e.name in ("ERR_PTR", "ERR_CAST") and len(e.args) == 1:
        return evaluate(e.args[0], constants, values)
    return None


def _unary(e: Expr, constants: Mapping[str, int], values: Mapping[str, int] | None) -> int | None:
    a = evaluate(e.args[0], constants, values)
    if a is None:
        return None
    if e.name == "-":
        return -a
    if e.name == "~":
        return ~a
    if e.name == "!":
        return int(not a)
    if e.name == "+":
        return a
    return None


def _binary(e: Expr, constants: Mapping[str, int], values: Mapping[str, int] | None) -> int | None:
    a = evaluate(e.args[0], constants, values)
    if e.name in ("&&", "||") and a is not None and bool(a) == (e.name == "||"):
        return int(bool(a))  # short-circuit: the right operand does not matter
    b = evaluate(e.args[1], constants, values)
    if a is None or b is None:
        return None
    result = _BINARY[e.name or ""](a, b)
    return int(result) if result is not None else None

