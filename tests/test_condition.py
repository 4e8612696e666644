"""collector.condition: whythefail's CONDITION with stap's 64-bit signed meaning."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collector.condition import ConditionError, parse_condition, to_int64

INT64 = st.integers(min_value=-(1 << 63), max_value=(1 << 63) - 1)


@pytest.mark.parametrize(
    ("text", "ret", "expected"),
    [
        ("$return == -22", -22, True),
        ("$return == -22", 22, False),
        ("$return != 0", 0, False),
        ("$return < 0 && $return != -4", -5, True),
        ("$return < 0 && $return != -4", -4, False),
        ("$return < 0 || $return > 100", 101, True),
        ("$return < 0 || $return > 100", 50, False),
        ("!($return)", 0, True),
        ("!($return)", 3, False),
        ("!$return", 0, True),
        ("$return == 0x16", 22, True),
        ("$return == 0XfFfFfFfFfFfFfFeA", -22, True),  # wraps to int64 like stap
        ("$return == 026", 22, True),  # leading 0: octal, as strtoull(..., 0)
        ("$return >= -4095 && $return < 0", -4095, True),
        ("$return >= -4095 && $return < 0", -4096, False),
        ("$return <= -1", -1, True),
        ("$return > -1", -1, False),
        ("-$return == 22", -22, True),
        ("--22 == 22", 0, True),
        ("($return & 0xff) == 0xea", -22, True),
        ("$return >> 1 == -11", -22, True),  # arithmetic shift
        ("$return >>> 60 == 15", -22, True),  # logical shift
        ("$return ? 1 : 0", 7, True),
        ("1", 0, True),
        ("0", -22, False),
        ("$return$ == -22", -22, True),  # the pretty form names the same value
        ("  $return   ==\t-22  ", -22, True),
    ],
)
def test_matches(text: str, ret: int, expected: bool) -> None:
    assert parse_condition(text).matches(ret) is expected


def test_return_is_taken_as_64_bit_signed() -> None:
    # A pointer-returning function's ERR_PTR(-2) arrives as an unsigned address.
    cond = parse_condition("$return == -2")
    assert cond.matches(0xFFFFFFFFFFFFFFFE)
    assert not cond.matches(0xFFFFFFFE)  # an unsigned 32-bit value is not sign-extended


def test_precedence_follows_c() -> None:
    assert parse_condition("1 + 2 * 3").value(0) == 7
    assert parse_condition("(1 + 2) * 3").value(0) == 9
    assert parse_condition("1 | 2 == 2").value(0) == 1  # == binds tighter than |
    assert parse_condition("0 && 1 || 1").value(0) == 1
    assert parse_condition("10 - 4 - 3").value(0) == 3  # left associative


def test_division_truncates_toward_zero_like_c() -> None:
    assert parse_condition("-7 / 2").value(0) == -3
    assert parse_condition("-7 % 2").value(0) == -1
    assert parse_condition("7 % -2").value(0) == 1


def test_division_by_zero_says_where() -> None:
    cond = parse_condition("1 / $return")
    with pytest.raises(ConditionError, match=r"division by 0 at column 3"):
        cond.value(0)


def test_short_circuit_skips_the_failing_side() -> None:
    assert parse_condition("$return == 0 || 1 / $return").matches(0)
    assert not parse_condition("$return != 0 && 1 / $return").matches(0)


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("$return = -22", 9, "stap compares with ==, not ="),
        ("$return <", 10, "expected $return, a number or '('"),
        ("($return < 0", 13, "expected ')'"),
        ("$return < 0)", 12, "expected an operator or the end"),
        ("$return 5", 9, "expected an operator or the end"),
        ("$err < 0", 1, "only $return can be used"),
        ("randint(100) < 20", 1, "'randint' at column 1 is not supported"),
        ("$return == 09", 12, "not a valid octal number"),
        ("$return == 0x10000000000000000", 12, "does not fit in 64 bits"),
        ("$return # 1", 9, "unexpected '#'"),
    ],
)
def test_parse_errors_say_where(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    message = str(info.value)
    assert f"column {column}" in message
    assert fragment in message
    # The caret line points under the column named.
    lines = message.splitlines()
    assert lines[-1].index("^") - 2 == column - 1
    assert lines[-2] == f"  {text}"


def test_empty_condition() -> None:
    with pytest.raises(ConditionError, match="CONDITION is empty"):
        parse_condition("   ")


@given(INT64)
def test_equality_with_any_literal(value: int) -> None:
    assert parse_condition(f"$return == {value}").matches(value)
    assert parse_condition(f"$return == {value:#x}").matches(value)  # -0x.. is unary minus
    assert not parse_condition(f"$return != {value}").matches(value)


@given(INT64, INT64)
def test_arithmetic_wraps_like_int64(a: int, b: int) -> None:
    assert parse_condition(f"$return + {b}").value(a) == to_int64(a + b)
    assert parse_condition(f"$return - {b}").value(a) == to_int64(a - b)
    assert parse_condition(f"$return * {b}").value(a) == to_int64(a * b)
    assert parse_condition(f"$return < {b}").value(a) == int(a < b)
    assert parse_condition(f"$return ^ {b}").value(a) == to_int64(a ^ b)


@given(st.integers(min_value=0, max_value=(1 << 64) - 1))
def test_unsigned_64_bit_inputs_wrap(raw: int) -> None:
    assert parse_condition("$return").value(raw) == to_int64(raw)


# -- errno names ($return == -EINVAL), as kernel developers write them ------------------


@pytest.mark.parametrize(
    ("text", "ret", "expected"),
    [
        ("$return == -EINVAL", -22, True),
        ("$return == -EINVAL", -2, False),
        ("$return == -ENOENT || $return == -EINVAL", -2, True),
        ("$return == -EWOULDBLOCK", -11, True),  # libc alias of EAGAIN
        ("$return == -EPROBE_DEFER", -517, True),  # kernel-internal
        ("$return == EPERM", 1, True),  # the sign is the condition's own
        ("$return == 0xffffffffffffffea && $return == -EINVAL", -22, True),
    ],
)
def test_errno_names(text: str, ret: int, expected: bool) -> None:
    assert parse_condition(text).matches(ret) is expected


@pytest.mark.parametrize(
    ("text", "column", "fragment"),
    [
        ("$return == -EINVLA", 13, "EINVLA is not an errno name: did you mean EINVAL (22)?"),
        ("$return == -einval", 13, "einval is not an errno name: did you mean EINVAL (22)?"),
        ("$return == -ENOMEN", 13, "did you mean ENOMEM (12) or ENOENT (2)?"),
        ("$return == -EFOOBAR", 13, "EFOOBAR is not an errno name (Linux names them"),
    ],
)
def test_unknown_errno_names_name_the_close_ones(text: str, column: int, fragment: str) -> None:
    with pytest.raises(ConditionError) as info:
        parse_condition(text)
    message = str(info.value)
    assert fragment in message and f"column {column}" in message
    assert message.splitlines()[-1].index("^") - 2 == column - 1


def test_errno_names_inside_gdb_where_the_package_is_not_importable() -> None:
    """gdb's Python loads condition.py by path (collector/gdb_tracer.py), without the
    errtrail package: the names still resolve, from errnos.py beside it."""
    import subprocess
    import sys

    from collector.gdbtrace import condition_module

    script = (
        "import importlib.util, sys\n"
        "try:\n    import collector\nexcept ImportError:\n    pass\n"
        "else:\n    sys.exit('the errtrail package is importable here')\n"
        f"spec = importlib.util.spec_from_file_location('errtrail_condition', {str(condition_module())!r})\n"
        "m = importlib.util.module_from_spec(spec)\n"
        "sys.modules['errtrail_condition'] = m\n"
        "spec.loader.exec_module(m)\n"
        "print(m.parse_condition('$return == -EINVAL').matches(-22))\n"
        "try:\n    m.parse_condition('$return == -EINVLA')\n"
        "except m.ConditionError as e:\n    print(str(e).splitlines()[0])\n"
    )
    # -I -S: no site-packages, no current directory: as bare as gdb's interpreter.
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", script], capture_output=True,
                          text=True, check=False, cwd="/")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert proc.stdout.splitlines() == [
        "True",
        "CONDITION '$return == -EINVLA': EINVLA is not an errno name: did you mean EINVAL"
        " (22)? (at column 13)",
    ]
