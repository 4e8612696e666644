"""Values printed by whythefail.stp, and the scanner that splits ``$$vars`` text.

Owns the reading of one statement's value text: ``parse_vars`` splits a ``$$vars``
(or ``$$vars$``, ``$$locals``, ``$$parms``) text into ordered ``(name, Value)`` pairs;
``parse_value`` reads a single value (a 4th-argument expression's). ``Value`` keeps
the raw text and offers ``as_int``, ``as_s32``, ``as_s64`` and ``as_err_ptr``.
``reporter.records`` calls these lazily; everyone else reads ``Value`` objects.

Value forms (SystemTap 4.x/5.x, ``_stp_snprint_addr``/``$$vars`` in the translator):

- ``0x..``: non-pretty ``$$vars`` print every base-type value as the hex of a 64-bit
  value; signed types are sign-extended (``int err = -22`` prints
  ``0xffffffffffffffea``) while unsigned 32-bit fields print ``0xffffffea``.
- ``?``: the variable is unavailable at this statement (optimised out / no location).
- ``{...}`` / ``[...]``: struct / array, elided in non-pretty ``$$vars``.
- pretty forms (``$$vars$``, ``$var$``): ``{.a=1, .b={...}, .c="x"}``, ``[1, 2, 3]``,
  quoted strings with C escapes, chars ``'a'``, decimal numbers, ``ERROR`` when the
  value could not be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kinds of value, by the first bytes of the text.
HEX = "hex"
DECIMAL = "decimal"
UNAVAILABLE = "unavailable"
STRUCT = "struct"
ARRAY = "array"
STRING = "string"
CHAR = "char"
ERROR = "error"
OTHER = "other"

_HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
_DEC_RE = re.compile(r"-?[0-9]+\Z")
_CHAR_ESCAPES = {
    "n": 10,
    "t": 9,
    "r": 13,
    "0": 0,
    "\\": 92,
    "'": 39,
    '"': 34,
    "a": 7,
    "b": 8,
    "f": 12,
    "v": 11,
}


def _kind_of(text: str, truncated: bool) -> str:
    if text == "?":
        return UNAVAILABLE
    if _HEX_RE.match(text):
        return HEX
    if _DEC_RE.match(text):
        return DECIMAL
    if text == "ERROR":
        return ERROR
    first = text[:1]
    if first == "{":
        return STRUCT
    if first == "[":
        return ARRAY
    if first == '"':
        return STRING
    if first == "'" and (len(text) >= 3 or truncated):
        return CHAR
    return OTHER


@dataclass(frozen=True)
class Value:
    """One printed value: its exact text and what kind of text it is.

    ``truncated`` is set when the statement line was cut at MAXSTRINGLEN inside this
    value, so its text is incomplete (a hex number may have lost digits).

    >>> Value.of("0xffffffffffffffea").as_s32(), Value.of("0xffffffea").as_s32()
    (-22, -22)
    >>> Value.of("0xffffffffffffffea").as_s64(), Value.of("0xffffffea").as_s64()
    (-22, 4294967274)
    >>> Value.of("0xfffffffffffffffe").as_err_ptr(), Value.of("0xffff88002b21d000").as_err_ptr()
    (-2, None)
    >>> Value.of("?").kind, Value.of("{...}").kind, Value.of("[...]").kind, Value.of("-5").as_int()
    ('unavailable', 'struct', 'array', -5)
    >>> Value.of("'a'").as_int(), Value.of('"x"').kind, Value.of("ERROR").as_int()
    (97, 'string', None)
    """

    raw: str
    kind: str
    truncated: bool = False

    @classmethod
    def of(cls, raw: str, truncated: bool = False) -> Value:
        return cls(raw, _kind_of(raw, truncated), truncated)

    def as_int(self) -> int | None:
        """The number as printed: hex read unsigned, decimal signed, a char's code.

        ``None`` for anything that is not a complete number.
        """
        if self.truncated:
            return None
        if self.kind == HEX:
            return int(self.raw, 16)
        if self.kind == DECIMAL:
            return int(self.raw)
        if self.kind == CHAR:
            return _char_code(self.raw)
        return None

    def as_s64(self) -> int | None:
        """The value read as a signed 64-bit integer (two's complement).

        ``None`` when it is not a number or does not fit in 64 bits.
        """
        n = self.as_int()
        if n is None or not -(1 << 63) <= n < (1 << 64):
            return None
        return n - (1 << 64) if n >= (1 << 63) else n

    def as_s32(self) -> int | None:
        """The value read as a signed 32-bit integer.

        Accepts a 64-bit sign-extended form (``0xffffffffffffffea``) and a 32-bit
        unsigned form (``0xffffffea``): both are -22. ``None`` when the value holds
        bits a 32-bit integer cannot have.
        """
        n = self.as_int()
        if n is None:
            return None
        if n < 0:
            return n if n >= -(1 << 31) else None
        if n < (1 << 32):
            return n - (1 << 32) if n >= (1 << 31) else n
        # 64-bit sign extension of a negative 32-bit value: top 33 bits all set.
        if n < (1 << 64) and n >> 31 == (1 << 33) - 1:
            return (n & 0xFFFFFFFF) - (1 << 32)
        return None

    def as_err_ptr(self) -> int | None:
        """``PTR_ERR`` of the value when it is an ``ERR_PTR``: the negative errno.

        Kernel pointers in the top 4095 bytes of the address space encode errors
        (``include/linux/err.h``, ``MAX_ERRNO`` 4095).
        """
        n = self.as_s64()
        if n is None or not -4095 <= n <= -1:
            return None
        return n


def _char_code(text: str) -> int | None:
    body = text[1:-1] if len(text) >= 2 and text.endswith("'") else None
    if body is None:
        return None
    if len(body) == 1:
        return ord(body)
    if body.startswith("\\") and len(body) == 2 and body[1] in _CHAR_ESCAPES:
        return _CHAR_ESCAPES[body[1]]
    if body.startswith("\\") and len(body) >= 2:
        digits = body[1:]
        try:
            return int(digits[1:], 16) if digits[:1] == "x" else int(digits, 8)
        except ValueError:
            return None
    return None


def scan_value(text: str, start: int) -> int:
    """End index of the value that starts at ``text[start]``.

    A value ends at the first space outside quotes, braces and brackets, or at the
    end of the text (which may cut it short). Never raises.

    >>> t = 'a={.x=1, .s="b c", .y=[1, 2]} n=0x1'
    >>> t[2:scan_value(t, 2)]
    '{.x=1, .s="b c", .y=[1, 2]}'
    >>> t = "c=' ' d='\\\\'' e=1"
    >>> [t[i:scan_value(t, i)] for i in (2, 8)]
    ["' '", "'\\\\''"]
    """
    n = len(text)
    i = start
    depth = 0
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            i = _scan_quoted(text, i)
            continue
        if c == "{" or c == "[":
            depth += 1
        elif c == "}" or c == "]":
            if depth:
                depth -= 1
        elif c == " " and depth == 0:
            return i
        i += 1
    return n


def _scan_quoted(text: str, start: int) -> int:
    """Index just past the quoted string or char starting at ``text[start]``."""
    return _quoted_end(text, start)[0]


def _quoted_end(text: str, start: int) -> tuple[int, bool]:
    """Index just past the quoted text at ``text[start]``, and whether it was closed."""
    quote = text[start]
    i = start + 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1, True
        i += 1
    return n, False


def _value_complete(raw: str) -> bool:
    """Whether a value's brackets and quotes are closed (it was not cut short)."""
    depth = 0
    i = 0
    n = len(raw)
    while i < n:
        c = raw[i]
        if c == '"' or c == "'":
            end, closed = _quoted_end(raw, i)
            if not closed:
                return False
            i = end
            continue
        if c == "{" or c == "[":
            depth += 1
        elif c == "}" or c == "]":
            depth -= 1
        i += 1
    return depth <= 0


def parse_vars(text: str, truncated: bool = False) -> tuple[tuple[str, Value], ...]:
    """Split ``$$vars`` text into ``(name, Value)`` pairs, in printed order.

    ``truncated`` says the text was cut at MAXSTRINGLEN: the last value is then
    marked truncated (and a name cut before its ``=`` is kept with an empty value).
    Text that is not ``name=value`` is kept as a pair with an empty name.

    >>> [(n, v.raw) for n, v in parse_vars("fd=0x3 op={...} s=\\"a b\\" x=?")]
    [('fd', '0x3'), ('op', '{...}'), ('s', '"a b"'), ('x', '?')]
    >>> [(n, v.raw, v.truncated) for n, v in parse_vars("a=0x1 b=0xffff", truncated=True)]
    [('a', '0x1', False), ('b', '0xffff', True)]
    >>> [(n, v.raw, v.truncated) for n, v in parse_vars("a=0x1 re", truncated=True)]
    [('a', '0x1', False), ('re', '', True)]
    >>> parse_vars("")
    ()
    """
    if (
        '"' not in text
        and "'" not in text
        and text.count("{") == text.count("{...}") == text.count("}")
        and text.count("[") == text.count("[...]") == text.count("]")
    ):
        # Non-pretty $$vars (the common case): no value holds a space, so split.
        tokens = [t for t in text.split(" ") if t]
        last = len(tokens) - 1 if truncated and not text.endswith(" ") else -1
        pairs: list[tuple[str, Value]] = []
        for k, token in enumerate(tokens):
            name, eq, raw = token.partition("=")
            if eq:
                pairs.append((name, Value.of(raw, k == last)))
            elif k == last:
                pairs.append((name, Value.of("", True)))
            else:
                pairs.append(("", Value.of(token)))
        return tuple(pairs)
    return _scan_vars(text, truncated)


def _scan_vars(text: str, truncated: bool) -> tuple[tuple[str, Value], ...]:
    """``parse_vars`` for any text (pretty forms): a character scanner."""
    out: list[tuple[str, Value]] = []
    n = len(text)
    i = 0
    while i < n:
        if text[i] == " ":
            i += 1
            continue
        eq = text.find("=", i)
        space = text.find(" ", i)
        if eq < 0 or (0 <= space < eq):
            end = n if space < 0 else space
            if truncated and end >= n:
                # The cut fell inside a name: keep the name, its value is lost.
                out.append((text[i:end], Value.of("", True)))
            else:
                # No "name=": keep the word as an unnamed value (never lose text).
                out.append(("", Value.of(text[i:end])))
            i = end
            continue
        name = text[i:eq]
        end = scan_value(text, eq + 1)
        raw = text[eq + 1 : end]
        last = end >= n
        cut = truncated and last
        if not cut and last and not _value_complete(raw):
            cut = True
        out.append((name, Value.of(raw, cut)))
        i = end
    return tuple(out)


def parse_value(text: str, truncated: bool = False) -> Value:
    """A single printed value (a 4th-argument expression's).

    >>> parse_value("0xfffffffffffffff2").as_s32()
    -14
    >>> parse_value('"abc').truncated
    True
    """
    return Value.of(text, truncated or not _value_complete(text))



# How a value reads best (``readable``). Below PLAIN_BELOW a non-negative value reads
# best in decimal alone (counts, small enums); from there on hex is added (flags and
# masks read better in hex). At or beyond ADDRESS_FROM (unsigned) a value that is not
# an errno is an address: its decimal form tells a person nothing.
PLAIN_BELOW = 4096
ADDRESS_FROM = 1 << 32
ERRNO_LIMIT = 4095


def readable_int(n: int, raw_hex: str | None = None, mask: bool = False) -> str:
    """``n`` in decimal, with its hex form beside it where useful: an ``int``'s 32 bits
    for a negative that fits one (stap prints it sign-extended to 64 bits), the
    printed hex ``raw_hex`` otherwise.

    >>> readable_int(-22), readable_int(9), readable_int(0x40001), readable_int(5, mask=True)
    ('-22 (0xffffffea)', '9', '262145 (0x40001)', '5 (0x5)')
    >>> readable_int(0x7ffcd1ef0bc0), readable_int(-0x777ffb3e6000), readable_int(-(1 << 40))
    ('0x7ffcd1ef0bc0', '0xffff888004c1a000', '0xffffff0000000000')
    """
    if n >= ADDRESS_FROM or n < -(1 << 31):
        return raw_hex or hex(n & (1 << 64) - 1)
    if n < 0:
        return f"{n} ({hex(n & 0xFFFFFFFF)})"
    if n >= PLAIN_BELOW or mask:
        return f"{n} ({raw_hex or hex(n)})"
    return str(n)


def readable(raw: str, mask: bool = False) -> str:
    """A printed value (``0xffffffffffffffea``, ``-22``, ``?``) as a person reads it
    (``readable_int``); ``mask``: the value is used as a bit mask, so its hex is given
    however small. Values that are not integers (``?``, ``{...}``, strings) come back
    unchanged; an unsigned 32-bit field holding a negative errno (``0xffffffea``)
    reads as that errno.

    >>> readable("0xffffffffffffffea"), readable("0xffffffea"), readable("0x2400")
    ('-22 (0xffffffea)', '-22 (0xffffffea)', '9216 (0x2400)')
    >>> readable("0x0"), readable("0x9"), readable("0x7ffe2b9c1d10"), readable("?")
    ('0', '9', '0x7ffe2b9c1d10', '?')
    >>> readable("-5"), readable("0xffffffff80000000"), readable("0xc0000000")
    ('-5 (0xfffffffb)', '-2147483648 (0x80000000)', '3221225472 (0xc0000000)')
    >>> readable("0x40001", mask=True), readable('"x"'), readable("0xffff88002b21d000")
    ('262145 (0x40001)', '"x"', '0xffff88002b21d000')
    """
    v = Value.of(raw)
    if v.truncated or v.kind not in (HEX, DECIMAL):
        return raw
    n = v.as_s64()
    if n is None:
        return raw
    if (1 << 31) <= n < (1 << 32) and n - (1 << 32) >= -ERRNO_LIMIT:
        n -= 1 << 32
    return readable_int(n, raw if v.kind == HEX else None, mask)
