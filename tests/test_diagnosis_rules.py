"""Each rule of reporter.diagnosis.rules on its own, on small traces of small C files.

The traces are whythefail's format as ``errtrail-collect gdb`` writes it (values read
before each statement runs); the fixture ``path_facts`` (tests/conftest.py) stores
one in a real archive, parses it and gives the ``PathFacts`` a rule reads. Real
gdb captures of the same shapes, at -O0 and -O2, are scored in tests/accuracy.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from reporter.diagnosis import engine, explain
from reporter.diagnosis.rules import (
    Finding,
    alternatives,
    branches,
    fallback,
    grep,
    guard,
    macros,
    returned,
    switch,
    trace,
    unprobed,
)
from reporter.diagnosis.weights import ADJUST, WEIGHTS

REPO = Path(__file__).resolve().parent.parent
Facts = Callable[..., Any]


def run_trace(ret: str, steps: list[tuple[int, str]], *, header: bool = True) -> bytes:
    """One invocation of ``f`` in /src/t.c: ``steps`` are (line, $$vars text)."""
    out = [b"\np[7] process(\"/bin/p\") function(f) $return: " + ret.encode() + b"\n"]
    out += [f"p[7] /src/t.c:{n} $$vars: {v}\n".encode() for n, v in steps]
    return b"".join(out)


def top(found: list[Finding]) -> Finding:
    """The strongest finding, as the engine would weigh it."""
    return max(found, key=lambda f: WEIGHTS[f.weight] * f.scale)


WRAPPER = b"""\
#include <errno.h>
static int lib_err(int e)
{
	if (e < 0)
		errno = -e;
	return e;
}

int f(const char *buf, int len)
{
	int err;

	if (!buf)
		return lib_err(-EINVAL);
	err = parse_hdr(buf, len);
	if (err)
		goto out;
	err = check(buf);
out:
	return lib_err(err);
}
"""


def test_returned_follows_a_forwarding_wrapper_to_the_call_that_made_the_value(
        path_facts: Facts) -> None:
    facts = path_facts(WRAPPER, run_trace("-74", [
        (11, "buf=0x0 len=0x0 err=0x7fff"), (13, "buf=0x5555 len=0x10 err=0x7fff"),
        (15, "buf=0x5555 len=0x10 err=0x7fff"), (16, "buf=0x5555 len=0x10 err=0xffffffffffffffb6"),
        (17, "buf=0x5555 len=0x10 err=0xffffffffffffffb6"),
        (20, "buf=0x5555 len=0x10 err=0xffffffffffffffb6"),
        (21, "buf=0x5555 len=0x10 err=0xffffffffffffffb6")]))
    found = returned.findings(facts)
    best = top(found)
    assert (best.line, best.kind, best.callee) == (15, "callee", "parse_hdr")
    assert "lib_err() only forwards" in best.reason and "-74" in best.reason
    assert any(f.line == 20 and f.weight == "returned.return-line" for f in found)


def test_returned_a_constant_through_the_wrapper_is_made_on_the_return_line(
        path_facts: Facts) -> None:
    facts = path_facts(WRAPPER, run_trace("-22", [
        (11, "buf=0x0 len=0x0 err=0x0"), (13, "buf=0x0 len=0x0 err=0x0"),
        (14, "buf=0x0 len=0x0 err=0x0"), (21, "buf=0x0 len=0x0 err=0x0")]))
    best = top(returned.findings(facts))
    assert (best.line, best.kind, best.callee) == (14, "errno-constant", None)


LIBC = b"""\
#include <errno.h>
#include <fcntl.h>
int f(const char *path)
{
	int fd, err;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	err = 0;
out:
	return err;
}
"""


# open() fails (fd 3 -> -1), `err = -errno` at line 9, returned at 14.
LIBC_TRACE = run_trace("-2", [
    (4, "path=0x0 fd=0x0 err=0x0"), (7, "path=0x55 fd=0x3 err=0x0"),
    (8, "path=0x55 fd=0xffffffffffffffff err=0x0"),
    (9, "path=0x55 fd=0xffffffffffffffff err=0x0"),
    (10, "path=0x55 fd=0xffffffffffffffff err=0xfffffffffffffffe"),
    (14, "path=0x55 fd=0xffffffffffffffff err=0xfffffffffffffffe"),
    (15, "path=0x55 fd=0xffffffffffffffff err=0xfffffffffffffffe")])


def test_returned_minus_errno_names_the_libc_call_that_failed(path_facts: Facts) -> None:
    facts = path_facts(LIBC, LIBC_TRACE)
    best = top(returned.findings(facts))
    assert (best.line, best.kind, best.callee) == (7, "errno-callee", "open")
    assert "outside the traced code" in best.reason


NULL_CHECK = b"""\
#include <stdlib.h>
struct t *f(unsigned long n)
{
	struct t *p;

	if (!n)
		return NULL;
	p = calloc(n, 64);
	if (!p)
		return NULL;
	return p;
}
"""


def test_guard_a_null_return_is_the_call_its_check_tested(path_facts: Facts) -> None:
    facts = path_facts(NULL_CHECK, run_trace("0x0", [
        (3, "n=0x0 p=0x7ffd"), (6, "n=0x4000000000000001 p=0x7ffd"),
        (8, "n=0x4000000000000001 p=0x7ffd"), (9, "n=0x4000000000000001 p=0x0"),
        (10, "n=0x4000000000000001 p=0x0"), (12, "n=0x4000000000000001 p=0x0")]))
    assert returned.findings(facts) == []  # NULL says nothing: the guard rule speaks
    best = top(guard.findings(facts))
    assert (best.line, best.callee) == (8, "calloc")


def test_guard_a_check_on_a_parameter_leaves_the_return_line(path_facts: Facts) -> None:
    facts = path_facts(NULL_CHECK, run_trace("0x0", [
        (3, "n=0x0 p=0x7ffd"), (6, "n=0x0 p=0x7ffd"), (7, "n=0x0 p=0x7ffd"),
        (12, "n=0x0 p=0x7ffd")]))
    best = top(guard.findings(facts))
    assert (best.line, best.callee) == (7, None)


SHARED = b"""\
#include <errno.h>
struct t *f(int a, int b)
{
	if (a < 0)
		goto invalid;
	if (b > 9)
		goto invalid;
	return make(a, b);
invalid:
	errno = EINVAL;
	return NULL;
}
"""


def test_guard_shared_error_code_is_the_goto_that_led_there(path_facts: Facts) -> None:
    facts = path_facts(SHARED, run_trace("0x0", [
        (3, "a=0x0 b=0x0"), (4, "a=0x1 b=0xc"), (6, "a=0x1 b=0xc"), (7, "a=0x1 b=0xc"),
        (10, "a=0x1 b=0xc"), (11, "a=0x1 b=0xc"), (12, "a=0x1 b=0xc")]))
    found = guard.findings(facts)
    assert top(found).line == 7 and top(found).kind == "goto-label"
    assert any(f.line == 10 and f.kind == "errno-assignment" for f in found)


MODES = b"""\
#include <errno.h>
int f(int mode, int flags)
{
	if (mode < 0)
		return -EINVAL;
	if (mode > 7)
		return -ERANGE;
	if (flags & 0x100)
		return -EOPNOTSUPP;
	return 0;
}
"""


def test_branches_the_untraced_return_in_the_branch_the_values_take(path_facts: Facts) -> None:
    # gcc -O2: the path ends on the check; the return has no statement of its own.
    facts = path_facts(MODES, run_trace("-34", [
        (3, "mode=0x9 flags=0x0"), (4, "mode=0x9 flags=0x0"), (6, "mode=0x9 flags=0x0")]))
    assert facts.optimised is True
    best = top(branches.findings(facts))
    assert (best.line, best.kind, best.weight) == (7, "errno-constant", "branch.return-constant")
    assert "the traced values make true" in best.reason


def test_branches_a_shared_return_0_is_never_the_verdict(path_facts: Facts) -> None:
    facts = path_facts(MODES, run_trace("-95", [
        (3, "mode=0x1 flags=0x100"), (4, "mode=0x1 flags=0x100"), (6, "mode=0x1 flags=0x100"),
        (8, "mode=0x1 flags=0x100"), (10, "mode=0x1 flags=0x100")]))
    assert returned.findings(facts) == []  # `return 0;` cannot have made -95
    ranked = engine.rank(facts)
    assert ranked[0].line == 9 and all(c.line != 10 or c.confidence < 0.5 for c in ranked)


def test_branches_a_returning_branch_the_path_went_past_was_not_taken(path_facts: Facts) -> None:
    facts = path_facts(MODES, run_trace("-95", [
        (3, "mode=? flags=?"), (4, "mode=? flags=?"), (6, "mode=? flags=?"),
        (8, "mode=? flags=?")]))
    lines = {f.line for f in branches.findings(facts)}
    assert 9 in lines and not {5, 7} & lines


JUMP = b"""\
#include <errno.h>
enum cmd { CMD_READ = 1, CMD_WRITE, CMD_ERASE };
int f(unsigned int cmd)
{
	switch (cmd) {
	case CMD_READ:
		return 0;
	case CMD_WRITE:
		return -EROFS;
	case CMD_ERASE:
		return -EPERM;
	default:
		return -ENOTTY;
	}
}
"""


@pytest.mark.parametrize(("cmd", "ret", "line"), [("0x2", "-30", 9), ("0x9", "-25", 13)])
def test_switch_a_jump_table_goes_to_the_case_the_value_selects(
        path_facts: Facts, cmd: str, ret: str, line: int) -> None:
    facts = path_facts(JUMP, run_trace(ret, [(4, f"cmd={cmd}"), (5, f"cmd={cmd}")]))
    best = top(switch.findings(facts))
    assert (best.line, best.weight) == (line, "switch.case")
    cond = explain.branch_condition(facts, line)
    assert cond is not None and cond.line == 5
    assert cond.outcome == ("matched no case label" if line == 13 else "matched `case CMD_WRITE:`")


CHAIN = b"""\
int f(struct attr *a)
{
	int err;

	err = security_check(a);
	if (err)
		return err;
	err = copy_attr(a);
	if (err)
		return err;
	return 0;
}
"""


def test_unprobed_a_line_stap_could_not_probe_may_have_run_unseen(path_facts: Facts) -> None:
    stderr = (b'WARNING: probe process("/bin/p").statement("f@/src/t.c:8") at inode-offset'
              b" 1:0x1 registration error [man warning::pass5] (rc -84)\n")
    facts = path_facts(CHAIN, run_trace("-22", [
        (2, "a=0x0 err=?"), (5, "a=0x55 err=?"), (6, "a=0x55 err=0x0"), (12, "a=0x55 err=?")]),
        stderr=stderr, tool="stap")
    best = top(unprobed.findings(facts))
    assert (best.line, best.kind, best.callee) == (8, "unprobed", "copy_attr")
    assert "rc -84" in best.reason and "where `err` is 0 so its branch was not taken" in best.reason


def test_trace_without_source_the_value_origin_and_a_failed_call(path_facts: Facts) -> None:
    facts = path_facts(None, LIBC_TRACE)
    found = trace.findings(facts)
    assert any(f.line == 9 and f.weight == "trace.value-origin" for f in found)
    best = top(found)
    assert (best.line, best.weight) == (7, "trace.failed-call")
    assert "`fd` becomes -1" in best.reason


def test_trace_a_parameter_set_by_the_prologue_is_no_value_origin(path_facts: Facts) -> None:
    facts = path_facts(None, run_trace("131072", [
        (2, "flags=0x0 err=0x0"), (5, "flags=0x20000 err=0x0"), (6, "flags=0x20000 err=0x0"),
        (7, "flags=0x20000 err=0x20000"), (9, "flags=0x20000 err=0x20000")]))
    assert facts.origin == (3, "err")


def test_grep_the_only_line_that_produces_the_errno(path_facts: Facts) -> None:
    facts = path_facts(MODES, run_trace("-95", [(3, "mode=? flags=?"), (4, "mode=? flags=?")]))
    found = grep.findings(facts)
    assert [(f.line, f.weight) for f in found] == [(9, "grep.only-line")]


MACRO = b"""\
#include <errno.h>
#define CHECK(x) do { if (!(x)) return -EINVAL; } while (0)
int f(int *p)
{
	CHECK(p);
	return *p;
}
"""


def test_macros_a_macro_that_returns_on_the_last_statement(path_facts: Facts) -> None:
    facts = path_facts(MACRO, run_trace("-22", [(4, "p=0x0"), (5, "p=0x0"), (7, "p=0x0")]))
    best = top(macros.findings(facts))
    assert (best.line, best.kind) == (5, "macro-return")
    assert "returns -EINVAL" in best.reason


WRAPPED = b"""\
#include "util/attr.h"
int f(struct ctx *c, const char *p)
{
	int rc;

	rc = write_attr(c, p, "1");
	if (rc < 0)
		return rc;
	return 0;
}
"""
ATTR_H = b"#define write_attr(c, p, b) __write_attr(&(c)->ctx, (p), (b))\n"
WRAPPED_TRACE = run_trace("-2", [(6, "c=0x5555 p=0x6666 rc=0x0"),
                                 (7, "c=0x5555 p=0x6666 rc=0xfffffffffffffffe"),
                                 (8, "c=0x5555 p=0x6666 rc=0xfffffffffffffffe")])


def test_a_callee_that_is_a_macro_in_a_header_is_named_by_the_function_it_wraps(
        path_facts: Facts) -> None:
    """ndctl's `rc = sysfs_write_attr(ctx, path, buf);`: the header's
    `#define sysfs_write_attr(c, p, b) __sysfs_write_attr(&(c)->ctx, (p), (b))` makes
    the callee (the function the next step traces) `__sysfs_write_attr`."""
    facts = path_facts(WRAPPED, WRAPPED_TRACE, headers={"/src/util/attr.h": ATTR_H})
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (6, "__write_attr")
    assert "write_attr is a macro for __write_attr()" in best.reason
    # Without the header the macro is all there is to name.
    plain = engine.rank(path_facts(WRAPPED, WRAPPED_TRACE))[0]
    assert (plain.line, plain.callee) == (6, "write_attr")
    # A function of the same name defined in the sources is no macro to follow.
    defined = WRAPPED + b"int write_attr(struct ctx *c, const char *p, const char *b)\n{\n" \
        b"\treturn -2;\n}\n"
    own = engine.rank(path_facts(defined, WRAPPED_TRACE, headers={"/src/util/attr.h": ATTR_H}))
    assert own[0].callee == "write_attr"


def test_macros_a_returning_macro_from_a_header_names_the_call_it_returns(
        path_facts: Facts) -> None:
    """dtc's `FDT_RO_PROBE(fdt);`, defined in libfdt_internal.h as a block that returns
    what `fdt_ro_probe_()` returned when it is negative."""
    source = b"#include \"internal.h\"\nint f(const void *fdt)\n{\n\tPROBE(fdt);\n" \
        b"\treturn do_f(fdt);\n}\n"
    header = b"#define PROBE(fdt) \\\n\t{ int t_; \\\n\t\tif ((t_ = probe_(fdt)) < 0) \\\n" \
        b"\t\t\treturn t_; }\n"
    trace = run_trace("-9", [(4, "fdt=0x5555")])
    best = top(macros.findings(path_facts(source, trace, headers={"/src/internal.h": header})))
    assert (best.line, best.kind, best.callee) == (4, "macro-return", "probe_")
    assert macros.findings(path_facts(source, trace)) == []  # the macro is unknown then


def test_the_headers_a_traced_file_includes_are_read_from_the_source_tree(
        tmp_path: Path) -> None:
    """End to end: `diagnose --source-dir TREE` reads util/attr.h, which t.c includes
    from the tree's top (-I$(top_srcdir)), and names the wrapped function."""
    from click.testing import CliRunner

    from collector.archive import Archive, Chunk, RunMeta
    from reporter.cli import main as report_main

    tree = tmp_path / "tree"
    (tree / "src" / "util").mkdir(parents=True)
    (tree / "src" / "t.c").write_bytes(WRAPPED)
    (tree / "src" / "util" / "attr.h").write_bytes(ATTR_H)
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        run_id = archive.create_run(RunMeta(
            command=("errtrail-collect", "gdb", "f", "$return < 0", "--", "/bin/p"),
            tool="gdb", target='process("/bin/p")', function="f", condition="$return < 0"))
        archive.append_chunks(run_id, 0, [Chunk("stdout", WRAPPED_TRACE,
                                                datetime.now(timezone.utc))])
        archive.finish_run(run_id, "complete")
    result = CliRunner().invoke(report_main, ["diagnose", "latest", "--json", "--offline",
                                              "--archive", str(db), "--source-dir", str(tree)])
    assert result.exit_code == 0, result.output
    verdict = json.loads(result.stdout)["paths"][0]["candidates"][0]
    assert (verdict["line"], verdict["callee"]) == (6, "__write_attr")


TWO_CALLS = b"""\
char *f(const void *p, int off, int *len)
{
	int err;

	if (((err = probe(p)) < 0)
	    || ((err = check_off(p, off)) < 0))
		goto fail;
	return name_of(p, off);
fail:
	if (len)
		*len = err;
	return NULL;
}
"""


def test_of_two_calls_storing_one_variable_the_later_line_the_path_ran_failed(
        path_facts: Facts) -> None:
    """dtc 1.6's fdt_get_name at -O0: `(err = fdt_ro_probe_(fdt)) < 0 ||
    (err = fdt_check_node_offset_(fdt, off)) < 0` on two lines, both stepped: the
    value err holds after the condition is the second call's, so that call failed."""
    v = "p=0x5555 off=0x8 len=0x7ffc"
    trace = run_trace("0", [(2, f"{v} err=0x0"), (5, f"{v} err=0x0"), (5, f"{v} err=0x0"),
                            (6, f"{v} err=0x48"), (6, f"{v} err=0x48"),
                            (7, f"{v} err=0xfffffffffffffffc"),
                            (10, f"{v} err=0xfffffffffffffffc"),
                            (11, f"{v} err=0xfffffffffffffffc"),
                            (12, f"{v} err=0xfffffffffffffffc")])
    best = engine.rank(path_facts(TWO_CALLS, trace))[0]
    assert (best.line, best.callee) == (6, "check_off")
    # At -O2 without a step on the second line, nothing says which call ran last.
    short = run_trace("0", [(5, f"{v} err=0x0"), (7, f"{v} err=0xfffffffffffffffc"),
                            (12, f"{v} err=0xfffffffffffffffc")])
    assert engine.rank(path_facts(TWO_CALLS, short))[0].callee == "probe"


SHORT_CIRCUIT = b"""\
struct bus *add(const char *base)
{
	struct bus *bus = calloc(1, 64);
	char buf[64];

	if (read_attr(base, buf) < 0
			|| sscanf(buf, "%d:%d", &bus->major, &bus->minor) != 2)
		goto err_read;
	return bus;

 err_dev:
 err_read:
	free(bus);
	return NULL;
}
"""


def test_a_later_operand_of_or_that_ran_clears_the_calls_before_it(
        path_facts: Facts) -> None:
    """ndctl 76's add_bus at -O0: `read_attr(...) < 0` / `|| sscanf(...) != 2` on two
    lines, both stepped: the read succeeded (else the `||` stops), sscanf's answer
    decided, and the goto to the label nested in another (`err_dev: err_read:`) is the
    answer; with no step on the second line, the call is still suspected."""
    v = "base=0x5555 bus=0x6000"
    both = run_trace("0x0", [(3, v), (6, v), (6, v), (7, v), (7, v), (8, v), (13, v),
                             (14, v)])
    fn_facts = path_facts(SHORT_CIRCUIT, both)
    assert fn_facts.fn is not None
    ret = fn_facts.fn.at(14)
    assert ret is not None and fn_facts.fn.labels_reaching(ret) == \
        frozenset({"err_dev", "err_read"})
    best = engine.rank(fn_facts)[0]
    assert (best.line, best.kind, best.callee) == (8, "goto-label", None)
    first = run_trace("0x0", [(3, v), (6, v), (8, v), (13, v), (14, v)])
    assert engine.rank(path_facts(SHORT_CIRCUIT, first))[0].callee == "read_attr"


MEASURED = b"""\
int parse(const struct nlattr *attr, char *out)
{
	void *orig = mnl_attr_get_payload(attr);
	unsigned int data_len = mnl_attr_get_payload_len(attr);

	if (data_len == 0)
		return -1;
	memcpy(out, orig, data_len);
	return 0;
}
"""


def test_a_check_on_what_a_getter_measured_is_the_functions_own(path_facts: Facts) -> None:
    """libnftnl 1.2's __nftnl_parse_data: `data_len == 0` after `data_len =
    mnl_attr_get_payload_len(attr)` is an empty attribute, not a failed call: the
    return line, no callee."""
    v = "attr=0x5555 out=0x6000"
    trace = run_trace("-1", [(2, f"{v} orig=0x0 data_len=0x7"), (3, f"{v} orig=0x0 data_len=0x7"),
                             (4, f"{v} orig=0x5559 data_len=0x7"),
                             (6, f"{v} orig=0x5559 data_len=0x0"),
                             (7, f"{v} orig=0x5559 data_len=0x0"),
                             (10, f"{v} orig=0x5559 data_len=0x0")])
    best = engine.rank(path_facts(MEASURED, trace))[0]
    assert (best.line, best.callee) == (7, None)


ERROR_CALL_UNDER_LABEL = b"""\
int parse(const char *v, long *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	switch (*end) {
	case '\\0':
		*out = n;
		return 0;
	default:
		goto fail_parse;
	}

fail_parse:
	git_error_set(GIT_ERROR_CONFIG, "failed to parse '%s'", v);
	return -1;
}
"""


def test_an_error_call_under_a_shared_label_is_the_goto_that_jumped_there(
        path_facts: Facts) -> None:
    """libgit2 1.5's git_config_parse_int64: `default: goto fail_parse;` and under the
    label `git_error_set(GIT_ERROR_CONFIG, ...); return -1;`: the library records a
    constant code as errno = E would, so the goto of the case that ran is the answer."""
    v = "v=0x5555 out=0x6000"
    trace = run_trace("-1", [(2, v), (4, v), (6, v), (11, v), (15, v), (16, v), (17, v)])
    best = engine.rank(path_facts(ERROR_CALL_UNDER_LABEL, trace))[0]
    assert (best.line, best.kind) == (11, "goto-label")


UNREAD_BETWEEN = b"""\
int parse(struct p *p)
{
	int result = 0;
	char c = peek(p);

	switch (c) {
	case '[':
		result = parse_header(p);
		if (result < 0)
			break;
		return 1;
	default:
		result = parse_var(p);
		break;
	}
	if (result < 0)
		goto out;
	return 0;
out:
	return result;
}
"""


def test_a_value_optimised_code_could_not_read_is_no_change(path_facts: Facts) -> None:
    """libgit2 1.5's git_config_parse at -O2: `result` is -1 from the step after the
    inlined parse_section_header(), then `?` at one step, then -1 again: the value was
    made before the `?`, by the call on line 8, not by another case's line 13."""
    trace = run_trace("-1", [(2, "p=0x5555 result=0x0"), (4, "p=0x5555 result=0x0"),
                             (6, "p=0x5555 result=0x0"),
                             (9, "p=0x5555 result=0xffffffffffffffff"),
                             (17, "p=0x5555 result=0xffffffffffffffff"),
                             (9, "p=0x5555 result=?"),
                             (17, "p=0x5555 result=0xffffffffffffffff"),
                             (20, "p=0x5555 result=0xffffffffffffffff")])
    best = engine.rank(path_facts(UNREAD_BETWEEN, trace))[0]
    assert (best.line, best.callee) == (8, "parse_header")


ERROR_MESSAGE = b"""\
int create(struct repo *repo, const char *path)
{
	if (!path_is_valid(repo, path)) {
		git_error_set(GIT_ERROR_INDEX, "invalid path: '%s'", path);
		return -1;
	}
	return 0;
}
"""


def test_an_error_call_with_a_message_before_the_return_leaves_the_return(
        path_facts: Facts) -> None:
    """libgit2 1.5's index_entry_create: `git_error_set(GIT_ERROR_INDEX, "invalid
    path: '%s'", path); return -1;` records a class and a message; the return beside
    it made the value. Without the message (`__libelf_seterrno (ELF_E_INVALID_INDEX);`)
    the call is the errno, as `errno = E;` is."""
    v = "repo=0x5555 path=0x6000"
    trace = run_trace("-1", [(2, v), (3, v), (4, v), (5, v), (8, v)])
    best = engine.rank(path_facts(ERROR_MESSAGE, trace))[0]
    assert (best.line, best.kind) == (5, "errno-constant")
    coded = ERROR_MESSAGE.replace(b"git_error_set(GIT_ERROR_INDEX, \"invalid path: '%s'\", path)",
                                  b"__libelf_seterrno(ELF_E_INVALID_INDEX)")
    assert engine.rank(path_facts(coded, trace))[0].line == 4


AFTER_A_RETURNING_CHECK = b"""\
int readbuf(const char *path)
{
	struct stat st;
	int fd;

	if (stat(path, &st) < 0)
		return -1;
	if (is_dir(st.st_mode)) {
		report("a directory");
		return -3;
	}
	if (!size_ok(st.st_size)) {
		report("bad size");
		return -1;
	}
	if ((fd = open_ro(path)) < 0)
		return fd;
	return 0;
}
"""


def test_what_follows_a_check_whose_branch_returns_the_value_is_a_candidate_too(
        path_facts: Facts) -> None:
    """libgit2 1.5's git_futils_readbuffer_updated at -O2: the path ends on a check;
    the next check's `return -1;` may not have run, so the inlined `open_ro()` after it,
    which failed, is a candidate too (after the nearer one)."""
    v = "path=0x5555 fd=?"
    trace = run_trace("-1", [(2, v), (6, v), (8, v)])
    ranked = engine.rank(path_facts(AFTER_A_RETURNING_CHECK, trace))
    lines = [(c.line, c.callee) for c in ranked]
    assert (16, "open_ro") in lines and lines.index((14, None)) < lines.index((16, "open_ro"))


def test_engine_ranks_a_line_that_never_ran_after_every_line_that_may_have(
        path_facts: Facts) -> None:
    source = b"""\
#include <errno.h>
int f(int a, int b)
{
	if (a)
		return -EINVAL;
	if (b)
		return -EINVAL;
	return 0;
}
"""
    # -O2: line 5 had a probe and was not hit (it did not run); line 7 had none of
    # its own (merged), so it may have run unseen.
    facts = path_facts(source, run_trace("-22", [
        (3, "a=0x0 b=0x0"), (4, "a=0x0 b=0x1"), (6, "a=0x0 b=0x1"), (9, "a=0x0 b=0x1")]),
        probed=[3, 4, 5, 6, 8, 9])
    assert facts.never_ran(5) and not facts.never_ran(7) and facts.optimised
    ranked = engine.rank(facts)
    assert ranked[0].line == 7
    five = next(c for c in ranked if c.line == 5)
    assert ranked.index(five) == len(ranked) - 1 and "did not run" in five.reason


def test_explain_the_condition_with_its_operands_decimal_and_hex(path_facts: Facts) -> None:
    source = b"""\
#include <errno.h>
#define BRANCH_MAX 8
int f(unsigned long mask)
{
	if (mask & ~(BRANCH_MAX - 1))
		return -EINVAL;
	return 0;
}
"""
    facts = path_facts(source, run_trace("-22", [
        (4, "mask=0x0"), (5, "mask=0x40001"), (6, "mask=0x40001"), (8, "mask=0x40001")]))
    cond = explain.branch_condition(facts, 6)
    assert cond is not None
    assert cond.sentence() == "line 5: `mask & ~(BRANCH_MAX - 1)` was true; mask = 262145 (0x40001)"


def test_every_weight_a_rule_names_is_in_the_one_table() -> None:
    """Weights live in reporter/diagnosis/weights.py only: every key a rule module
    names is defined there, and no rule writes a confidence of its own."""
    keys: set[str] = set()
    for path in sorted((REPO / "reporter/diagnosis/rules").glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    re.fullmatch(r"[a-z]+\.[a-z-]+", node.value):
                keys.add(node.value)
    assert keys and keys <= set(WEIGHTS) | set(ADJUST), sorted(keys - set(WEIGHTS) - set(ADJUST))
    for name, rule in engine.RULES:
        assert rule.__module__.endswith(name), name


def test_no_rule_function_is_longer_than_about_60_lines() -> None:
    for path in sorted((REPO / "reporter/diagnosis").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                assert length <= 65, f"{path.name}:{node.lineno} {node.name} has {length} lines"


def test_a_source_the_traced_lines_do_not_fit_is_not_read(tmp_path: Path) -> None:
    """A traced line on a comment or a blank line (another version of the file): the
    diagnosis says so, names the lines, lowers the confidence and takes no verdict
    from that text."""
    from collector.archive import Archive, Chunk, RunMeta
    from reporter.analysis import load_analysis
    from reporter.diagnosis import diagnose, diagnosis_json

    stale = b"""\
#include <errno.h>
/* version 2 moved the checks down */
int f(int mode, int flags)
{

	/* checks */
	if (mode > 7)
		return -ERANGE;
	return 0;
}
"""
    trace_bytes = run_trace("-34", [(3, "mode=0x0 flags=0x0"), (4, "mode=0x9 flags=0x0"),
                                    (6, "mode=0x9 flags=0x0"), (7, "mode=0x9 flags=0x0"),
                                    (11, "mode=0x9 flags=0x0")])
    with Archive.open(tmp_path / "a.db") as archive:
        run_id = archive.create_run(RunMeta(command=("errtrail-collect", "gdb"), tool="gdb",
                                            target='process("/bin/p")', function="f"))
        archive.append_chunks(run_id, 0, [Chunk("stdout", trace_bytes, datetime.now(timezone.utc))])
        archive.finish_run(run_id, "complete")
        run = archive.get_run(str(run_id))
        d = diagnose(load_analysis(archive, run), run, {"/src/t.c": stale})
    check = d.source_checks[0]
    assert check.mismatched == (6, 11) and check.model == "tree-sitter"
    assert any("does not match the traced binary" in n and "6, 11" in n for n in d.notes)
    assert not d.with_sources
    top = d.paths[0].candidates[0]
    assert top.source_text is None and top.confidence < 0.5
    assert diagnosis_json(d)["source_checks"][0]["mismatched"] == [6, 11]


SAVED_ERRNO = b"""\
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int f(const char *path, struct stat *st)
{
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}
"""


def test_guard_a_saved_and_restored_errno_is_the_call_that_set_it(path_facts: Facts) -> None:
    facts = path_facts(SAVED_ERRNO, run_trace("-1", [
        (6, "path=0x0 st=0x0 fd=0x0"), (9, "path=0x55 st=0x7ffe fd=0x0"),
        (10, "path=0x55 st=0x7ffe fd=0x3"), (12, "path=0x55 st=0x7ffe fd=0x3"),
        (13, "path=0x55 st=0x7ffe fd=0x3 saved=0x0"), (14, "path=0x55 st=0x7ffe fd=0x3 saved=0x9"),
        (15, "path=0x55 st=0x7ffe fd=0x3 saved=0x9"), (16, "path=0x55 st=0x7ffe fd=0x3 saved=0x9"),
        (19, "path=0x55 st=0x7ffe fd=0x3")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (12, "fstat")


GROW = b"""\
#include <errno.h>
#include <stdlib.h>
#include <sys/xattr.h>
char *f(const char *path, const char *name)
{
	size_t size = 16;
	char *buf = NULL;
	ssize_t ret;

	for (;;) {
		buf = realloc(buf, size);
		if (!buf)
			return NULL;
		ret = getxattr(path, name, buf, size);
		if (ret >= 0 || errno != ERANGE)
			break;
		size *= 2;
	}
	if (ret < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
"""


def test_guard_a_grow_the_buffer_loop_is_the_last_pass_call(path_facts: Facts) -> None:
    v = "path=0x55 name=0x56 size={} buf={} ret={}"
    facts = path_facts(GROW, run_trace("0x0", [
        (5, v.format("0x0", "0x0", "0x0")), (6, v.format("0x0", "0x0", "0x0")),
        (7, v.format("0x10", "0x0", "0x0")),
        (11, v.format("0x10", "0x0", "0x0")), (12, v.format("0x10", "0x5555a0", "0x0")),
        (14, v.format("0x10", "0x5555a0", "0x0")), (15, v.format("0x10", "0x5555a0", "0xffffffffffffffff")),
        (17, v.format("0x10", "0x5555a0", "0xffffffffffffffff")),
        (11, v.format("0x20", "0x5555a0", "0xffffffffffffffff")), (12, v.format("0x20", "0x5555a0", "0xffffffffffffffff")),
        (14, v.format("0x20", "0x5555a0", "0xffffffffffffffff")), (15, v.format("0x20", "0x5555a0", "0xffffffffffffffff")),
        (16, v.format("0x20", "0x5555a0", "0xffffffffffffffff")),
        (19, v.format("0x20", "0x5555a0", "0xffffffffffffffff")), (20, v.format("0x20", "0x5555a0", "0xffffffffffffffff")),
        (21, v.format("0x20", "0x5555a0", "0xffffffffffffffff")), (24, v.format("0x20", "0x5555a0", "0xffffffffffffffff"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "getxattr")


STATUS = b"""\
#include <errno.h>
#include <fcntl.h>
#define ARCHIVE_FATAL (-30)
#define ARCHIVE_ERRNO_FILE_FORMAT 79
struct archive;
void archive_set_error(struct archive *, int, const char *, ...);
int f(struct archive *a, const char *name, int len)
{
	int fd;

	if (len > 512) {
		archive_set_error(a, ARCHIVE_ERRNO_FILE_FORMAT, "Too long");
		return (ARCHIVE_FATAL);
	}
	fd = open(name, O_RDONLY);
	if (fd < 0) {
		archive_set_error(a, errno, "Failed to open '%s'", name);
		return (ARCHIVE_FATAL);
	}
	return fd;
}
"""


def test_returned_a_status_after_an_error_call_is_the_error_it_records(
        path_facts: Facts) -> None:
    # libarchive's `archive_set_error(a, errno, ...); return (ARCHIVE_FATAL);`: the
    # status says only "fatal", the recorded errno came from open().
    v = "a=0x55 name=0x56 len=0x10 fd={}"
    facts = path_facts(STATUS, run_trace("-30", [
        (11, v.format("0x0")), (15, v.format("0x0")), (16, v.format("0xffffffffffffffff")),
        (17, v.format("0xffffffffffffffff")), (18, v.format("0xffffffffffffffff")),
        (21, v.format("0xffffffffffffffff"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (15, "open")
    # A constant code recorded: the recording line says why (its message).
    v = "a=0x55 name=0x56 len=0x400 fd={}"
    facts = path_facts(STATUS, run_trace("-30", [
        (11, v.format("0x0")), (12, v.format("0x0")), (13, v.format("0x0")),
        (21, v.format("0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (12, "errno-assignment")


SLOT = b"""\
#define ARCHIVE_FATAL (-30)
struct archive;
int choose_format(struct archive *);
int f(struct archive *a)
{
	int slot;

	slot = choose_format(a);
	if (slot < 0) {
		a = 0;
		return (ARCHIVE_FATAL);
	}
	return slot;
}
"""


def test_guard_a_generic_failure_status_is_the_call_its_check_tested(
        path_facts: Facts) -> None:
    # `return (ARCHIVE_FATAL);` says no more than -1: the check tested choose_format().
    facts = path_facts(SLOT, run_trace("-30", [
        (8, "a=0x55 slot=0x0"), (9, "a=0x55 slot=0xffffffffffffffe2"),
        (10, "a=0x55 slot=0xffffffffffffffe2"), (11, "a=0x0 slot=0xffffffffffffffe2"),
        (14, "a=0x0 slot=0xffffffffffffffe2")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "choose_format")
    # gcc -O2 shares one copy of identical returns: the path runs line 11, then jumps
    # to the copy; the return that ran is still line 11's.
    facts = path_facts(SLOT.replace(b"\tint slot;\n", b"\tint slot;\n\tif (bad(a))\n\t\treturn"
                                    b" (ARCHIVE_FATAL);\n"), run_trace("-30", [
        (7, "a=0x55 slot=0x0"), (10, "a=0x55 slot=0x0"), (11, "a=0x55 slot=0xffffffffffffffe2"),
        (13, "a=0x55 slot=0xffffffffffffffe2"), (8, "a=0x0 slot=0xffffffffffffffe2"),
        (16, "a=0x0 slot=0xffffffffffffffe2")]), probed=[7, 8, 10, 11, 12, 13, 15, 16])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, "choose_format")


LABELLED = b"""\
#include <fcntl.h>
#include <unistd.h>
int f(const char *name)
{
	int rv = -1;
	int fd;

	if ((fd = open(name, O_WRONLY)) == -1)
		goto out;
	if (write(fd, "x", 1) != 1)
		goto out;
	rv = 0;
out:
	close(fd);
	return rv;
}
"""


def test_returned_an_assignment_before_a_label_is_not_straight_line_code(
        path_facts: Facts) -> None:
    # -O2, line 12 unprobed: `goto out` skips it, so `rv = 0;` cannot be rv's setter.
    facts = path_facts(LABELLED, run_trace("-1", [
        (5, "name=0x55 rv=0xffffffffffffffff fd=0x0"), (8, "name=0x55 rv=0xffffffffffffffff fd=0x0"),
        (10, "name=0x55 rv=0xffffffffffffffff fd=0x3"), (14, "name=0x55 rv=0xffffffffffffffff fd=0x3"),
        (15, "name=0x55 rv=0xffffffffffffffff fd=0x3")]), probed=[5, 8, 9, 10, 11, 14, 15, 16])
    assert all(c.line != 12 for c in engine.rank(facts)[:2])


def test_a_source_is_read_when_its_extra_lines_are_a_callee_gcc_inlined(
        path_facts: Facts) -> None:
    src = b"static int g(int x)\n{\n\treturn x ? -5 : 0;\n}\nint f(int x)\n{\n\treturn g(x);\n}\n"
    facts = path_facts(src, run_trace("-5", [(7, "x=0x1"), (3, "x=0x1"), (8, "x=0x1")]))
    assert facts.fn is not None and facts.fn.name == "f"
    from reporter.diagnosis.checks import check_source
    check = check_source(facts.run, "/src/t.c", [7, 3, 8])
    assert check is not None and not check.mismatched, check


LOGGED = b"""\
#include <errno.h>
#include <sys/ioctl.h>
#define LIBUSB_ERROR_IO (-1)
void usbi_err(void *ctx, const char *fmt, ...);
int f(void *ctx, int fd)
{
	int r;

	r = ioctl(fd, 0x5514, 0);
	if (r < 0) {
		usbi_err(ctx, "connectinfo failed, errno=%d", errno);
		return LIBUSB_ERROR_IO;
	}
	return 0;
}
"""


def test_returned_a_named_error_code_of_minus_one_is_the_answer(path_facts: Facts) -> None:
    # libusb 1.0.26: the ioctl's errno is only printed (after the message, so not
    # recorded); `return LIBUSB_ERROR_IO;` names the error it returns.
    facts = path_facts(LOGGED, run_trace("-1", [
        (9, "ctx=0x55 fd=0x3 r=0x0"), (10, "ctx=0x55 fd=0x3 r=0xffffffffffffffff"),
        (11, "ctx=0x55 fd=0x3 r=0xffffffffffffffff"), (12, "ctx=0x55 fd=0x3 r=0xffffffffffffffff"),
        (15, "ctx=0x55 fd=0x3 r=0xffffffffffffffff")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (12, "errno-constant")


TWO_RETURNS = b"""\
#include <unistd.h>
char *parse(char *buf, int n);
char *f(int fd, char *buf)
{
	char *obj;
	int ret;

	ret = read(fd, buf, 4096);
	if (ret < 0)
		return NULL;
	obj = parse(buf, ret);
	return obj;
}
"""


def test_returned_of_two_returns_in_a_row_the_first_ran(path_facts: Facts) -> None:
    # -O2 (json-c 0.16): `return NULL;` then the shared epilogue, on `return obj;`.
    facts = path_facts(TWO_RETURNS, run_trace("0x0", [
        (8, "fd=0x3 buf=0x55 obj=? ret=?"), (9, "fd=0x3 buf=0x55 obj=? ret=0xffffffffffffffff"),
        (10, "fd=0x3 buf=0x55 obj=? ret=0xffffffffffffffff"),
        (12, "fd=0x3 buf=0x55 obj=? ret=0xffffffffffffffff")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "read")


RESTORED = b"""\
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#define F_ERROR_ERRNO (-16)
int f(const char *fn)
{
	int fdno;
	off_t nb = 0;
	int rc = F_ERROR_ERRNO;

	fdno = open(fn, O_RDONLY);
	if (fdno < 0)
		goto exit;
	if ((nb = lseek(fdno, 0, SEEK_END)) == (off_t)-1
	 || lseek(fdno, 0, SEEK_SET) == (off_t)-1) {
		int oerrno = errno;
		(void) close(fdno);
		errno = oerrno;
		goto exit;
	}
	rc = 0;
exit:
	return rc;
}
"""


def test_returned_an_errno_code_restored_across_close_is_the_call_that_failed(
        path_facts: Facts) -> None:
    # popt 1.19's poptReadFile: `rc = POPT_ERROR_ERRNO` says "see errno"; errno is
    # saved, close() runs, errno is restored: lseek() set it, not `errno = oerrno;`.
    v = "fn=0x55 fdno={} nb={} rc=0xfffffffffffffff0"
    facts = path_facts(RESTORED, run_trace("-16", [
        (9, v.format("?", "0x0")), (11, v.format("?", "0x0")), (12, v.format("0x3", "0x0")),
        (14, v.format("0x3", "0x0")), (16, v.format("0x3", "0xffffffffffffffff")),
        (17, v.format("0x3", "0xffffffffffffffff") + " oerrno=0x16"),
        (18, v.format("0x3", "0xffffffffffffffff") + " oerrno=0x16"),
        (23, v.format("0x3", "0xffffffffffffffff"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "lseek")
    # -O2: the save has no step of its own (reading errno from the end again would
    # find the restore again, forever).
    facts = path_facts(RESTORED, run_trace("-16", [
        (9, v.format("?", "0x0")), (11, v.format("?", "0x0")), (12, v.format("0x3", "0x0")),
        (14, v.format("0x3", "0x0")), (17, v.format("0x3", "0xffffffffffffffff")),
        (18, v.format("0x3", "0xffffffffffffffff")), (23, v.format("0x3", "?"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "lseek")
    # The file is missing: open() set errno, and `goto exit` returns the errno code.
    facts = path_facts(RESTORED, run_trace("-16", [
        (9, v.format("?", "0x0")), (11, v.format("?", "0x0")),
        (12, v.format("0xffffffffffffffff", "0x0")), (13, v.format("0xffffffffffffffff", "0x0")),
        (23, v.format("0xffffffffffffffff", "0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, "open")


ERRCODE = b"""\
#include <errno.h>
#include <fcntl.h>
#define ErrCode()	errno
int f(const char *name, int *out)
{
	int rc = 0;
	int fd = open(name, O_RDONLY);
	if (fd == -1) {
		rc = ErrCode();
		return rc;
	}
	*out = fd;
	return rc;
}
"""


def test_returned_a_macro_standing_for_errno_is_the_call_that_set_it(
        path_facts: Facts) -> None:
    # lmdb 0.9's `#define ErrCode() errno`: ErrCode() is no callee of its own.
    v = "name=0x55 out=0x56 rc={} fd={}"
    facts = path_facts(ERRCODE, run_trace("2", [
        (6, v.format("?", "?")), (7, v.format("0x0", "?")),
        (8, v.format("0x0", "0xffffffffffffffff")), (9, v.format("0x0", "0xffffffffffffffff")),
        (10, v.format("0x2", "0xffffffffffffffff"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (7, "open")


SINGLED = b"""\
#include <errno.h>
#include "lib.h"
char *conv(const char *s);
int use(char *);
int f(const char *src)
{
	char *u8;

	u8 = conv(src);
	if (!u8) {
		if (errno == ENOMEM)
			return LIB_MALLOC;
		return LIB_ICONV_FAIL;
	}
	return use(u8);
}
"""


def test_branches_after_a_check_for_one_errno_the_usual_failure_ran(
        path_facts: Facts) -> None:
    # libidn2 2.3.3 at -O2: the path ends on `if (errno == ENOMEM)`, neither return is
    # shown and the header's values are unknown: ENOMEM is the exception, and
    # `LIB_ICONV_FAIL` names its failure (it is no generic status).
    v = "src=0x55 u8={}"
    facts = path_facts(SINGLED, run_trace("-102", [
        (9, v.format("?")), (10, v.format("0x0")), (11, v.format("0x0"))]),
        probed=[9, 10, 11, 15])
    ranked = engine.rank(facts)
    assert ranked[0].line == 13, ranked
    assert 12 in [c.line for c in ranked[:3]]


RECORDED = b"""\
struct err;
void zip_error_set(struct err *, int, int);
void finalize(int *);
int cmp(int a, int b);
#define ZIP_ER_INCONS 21
int f(struct err *error, int a, int b)
{
	int temp = b;

	if (cmp(a, temp) != 0) {
		zip_error_set(error, ZIP_ER_INCONS, 0);
		finalize(&temp);
		return -1;
	}
	finalize(&temp);
	return 0;
}
"""


def test_returned_an_error_recorded_before_the_clean_up_is_the_answer(
        path_facts: Facts) -> None:
    # libzip 1.7: `zip_error_set(error, ZIP_ER_INCONS, 0); _zip_dirent_finalize(&temp);
    # return -1;`: the comparison only compared; the function recorded the error.
    v = "error=0x55 a=0x1 b=0x2 temp={}"
    facts = path_facts(RECORDED, run_trace("-1", [
        (8, v.format("?")), (10, v.format("0x2")), (11, v.format("0x2")),
        (12, v.format("0x2")), (13, v.format("0x2"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, None), ranked


MERGED_NULL = b"""\
struct s;
struct s *make(int);
int open_it(struct s *);
void set_err(struct s *);
void release(struct s *);
struct s *f(int idx)
{
	struct s *src;

	if ((src = make(idx)) == NULL)
		return NULL;

	if (open_it(src) < 0) {
		set_err(src);
		release(src);
		return NULL;
	}
	return src;
}
"""


def test_returned_a_later_copy_of_the_return_just_skipped_is_that_return(
        path_facts: Facts) -> None:
    # libzip 1.7's zip_fopen_index_encrypted at -O2: the path goes from the check at
    # line 10 to line 16's `return NULL;`; line 13, probed, never ran.
    facts = path_facts(MERGED_NULL, run_trace("0x0", [(10, "idx=0x0 src=?"), (16, "idx=? src=?")]),
                       probed=[10, 13, 14, 15, 16, 18])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, "make"), ranked


MERGED_BLOCK = b"""\
struct z;
struct d;
struct d *find(struct z *, long);
int add(struct z *, int);
void copy(int *, struct z *);
void discard(struct z *);
struct z *alloc(void);
struct z *f(int *error, long len, int n)
{
	struct z *za;
	struct d *cdir;
	int i;

	if ((za = alloc()) == NULL)
		return NULL;
	if ((cdir = find(za, len)) == NULL) {
		copy(error, za);
		discard(za);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (add(za, i) == 0) {
			copy(error, za);
			discard(za);
			return NULL;
		}
	}
	return za;
}
"""


def test_returned_a_later_copy_of_an_error_block_is_the_first_one(path_facts: Facts) -> None:
    # libzip 1.7's zip_open at -O2: the clean-up after find() failed is shown as its
    # copy in the loop, whose check (probed) never ran.
    v = "error=0x55 len=0xa n=0x2 za={} cdir=? i=?"
    facts = path_facts(MERGED_BLOCK, run_trace("0x0", [
        (14, v.format("?")), (23, v.format("0x5555a0")), (24, v.format("0x5555a0")),
        (25, v.format("0x5555a0"))]), probed=[14, 15, 21, 22, 23, 24, 25, 28])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (16, "find"), ranked


EITHER_CALL = b"""\
struct e;
struct e *new_e(void);
long read_e(struct e *, int);
void free_all(void);
void *f(struct e **slot, int fd)
{
	long size = 0;

	if ((*slot = new_e()) == NULL || (size = read_e(*slot, fd)) < 0) {
		free_all();
		return 0;
	}
	return *slot;
}
"""


def test_guard_of_two_calls_in_a_check_the_one_whose_result_failed(path_facts: Facts) -> None:
    # libzip 1.7's _zip_read_cdir: `size` is -1 after the check, so read_e() failed.
    v = "slot=0x55 fd=0x3 size={}"
    facts = path_facts(EITHER_CALL, run_trace("0x0", [
        (7, v.format("?")), (9, v.format("0x0")), (10, v.format("0xffffffffffffffff")),
        (11, v.format("0xffffffffffffffff"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, "read_e"), ranked


SHARED_TAIL = b"""\
struct fns;
struct fns *get(void *code);
int run(struct fns *f, int x);
#define LIB_ERROR_JIT_BADOPTION (-45)
int f(void *code, int *out, int x)
{
	struct fns *functions = get(code);
	int rc;

	if (functions == NULL)
		return LIB_ERROR_JIT_BADOPTION;
	rc = run(functions, x);
	out[0] = rc;
	out[1] = x;
	out[2] = 0;
	return out[0];
}
"""


def test_branches_a_step_past_code_that_never_ran_is_the_checks_shared_exit(
        path_facts: Facts) -> None:
    # pcre2 10.42's pcre2_jit_match at -O2: from the check to the stores before the
    # last return, skipping lines 12-14 (probed, never hit).
    v = "code=0x55 out=0x56 x=0x1 functions={} rc=?"
    facts = path_facts(SHARED_TAIL, run_trace("-45", [
        (7, v.format("?")), (10, v.format("0x0")), (15, v.format("0x0")), (16, v.format("0x0"))]),
        probed=[7, 10, 12, 13, 14, 15, 16])
    ranked = engine.rank(facts)
    assert ranked[0].line == 11, ranked


LABEL_CHAIN = b"""\
int parse(const char *p);
void code_free(void *re);
void *f(const char *pattern, int *errorptr)
{
	void *re = 0;
	int errorcode = 0;

	errorcode = parse(pattern);
	if (errorcode != 0) goto HAD_CB_ERROR;
	re = (void *)pattern;
EXIT:
	return re;

HAD_CB_ERROR:
	pattern = 0;
HAD_ERROR:
	*errorptr = errorcode;
	code_free(re);
	re = 0;
	goto EXIT;
}
"""


def test_guard_a_goto_out_of_shared_error_code_leads_back_to_the_check(
        path_facts: Facts) -> None:
    # pcre2 10.42's pcre2_compile: `goto HAD_CB_ERROR;` ... `goto EXIT;` `return re;`.
    v = "pattern={} errorptr=0x56 re=0x0 errorcode={}"
    facts = path_facts(LABEL_CHAIN, run_trace("0x0", [
        (5, v.format("0x55", "?")), (6, v.format("0x55", "?")), (8, v.format("0x55", "0x0")),
        (9, v.format("0x55", "0x7a")), (15, v.format("0x55", "0x7a")),
        (17, v.format("0x0", "0x7a")), (18, v.format("0x0", "0x7a")), (19, v.format("0x0", "0x7a")),
        (20, v.format("0x0", "0x7a")), (12, v.format("0x0", "0x7a")), (21, v.format("0x0", "0x7a"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "parse"), ranked


LOOP_SETTER = b"""\
#define ERR_UNAVAILABLE (-54)
#define ERR_UNSET (-55)
int copy(int n);
int f(const int *entries, int count, const int *ovector)
{
	int failrc;
	int i;

	failrc = ERR_UNAVAILABLE;
	for (i = 0; i < count; i++) {
		int n = entries[i];
		if (ovector[n] != -1)
			return copy(n);
		failrc = ERR_UNSET;
	}
	return failrc;
}
"""


def test_trace_a_value_set_before_a_jump_back_is_set_in_the_loop(path_facts: Facts) -> None:
    # pcre2 10.42's pcre2_substring_copy_byname at -O2: failrc turns -55 at the jump
    # back to the loop's head; the assignment before the loop cannot have done it.
    v = "entries=0x55 count=0x1 ovector=0x56 failrc={} i=?"
    facts = path_facts(LOOP_SETTER, run_trace("-55", [
        (9, v.format("?")), (10, v.format("0xffffffffffffffca")), (11, v.format("0xffffffffffffffca")),
        (12, v.format("0xffffffffffffffca")), (10, v.format("0xffffffffffffffc9"))]))
    ranked = engine.rank(facts)
    assert ranked[0].line == 14, ranked


GOTO_RETURN = b"""\
int ctx_init(void *ctx);
int f(void *ctx, int *state)
{
	int rv;

	rv = ctx_init(ctx);
	if (rv != 0) {
		goto fail;
	}
	state[0] = 1;
	state[1] = 2;
	return 0;

fail:
	return rv;
}
"""


def test_branches_the_call_whose_result_the_goto_label_returns(path_facts: Facts) -> None:
    # nghttp2 1.52's nghttp2_hd_inflate_init at -O2: the path ends on the call.
    facts = path_facts(GOTO_RETURN, run_trace("-901", [(6, "ctx=0x55 state=0x56 rv=?")]),
                       probed=[6, 7, 8, 10, 11, 12, 15])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (6, "ctx_init"), ranked


BEFORE_JUMP = b"""\
#define ERR_HEADER_COMP (-523)
int read_len(int *in, int max);
int f(int *in, int opcode, int final)
{
	int rv;
	int prefixlen;

	switch (opcode) {
	case 1:
		if (final)
			prefixlen = 7;
		else
			prefixlen = 4;
		rv = read_len(in, prefixlen);
		if (rv < 0)
			goto fail;
		break;
	}
	return 0;

almost_ok:
	if (final) {
		rv = ERR_HEADER_COMP;
		goto fail;
	}
	return 0;

fail:
	in[0] = 1;
	return rv;
}
"""


def test_returned_a_value_a_label_returns_comes_from_the_code_before_the_jump(
        path_facts: Facts) -> None:
    # nghttp2 1.52's nghttp2_hd_inflate_hd_nv at -O2: from line 11 to `fail:` with
    # rv -523; the inlined read_len() made it, not `rv = ERR_HEADER_COMP;` elsewhere.
    v = "in=0x55 opcode=0x1 final=0x1 rv={} prefixlen=?"
    facts = path_facts(BEFORE_JUMP, run_trace("-523", [
        (8, v.format("?")), (10, v.format("?")), (11, v.format("?")),
        (29, v.format("0xfffffffffffffdf5")), (30, v.format("0xfffffffffffffdf5"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "read_len"), ranked


NAMING_MACRO = b"""\
#define PRIV(name) _lib_##name##_8
int PRIV(valid_utf)(const char *s, int len);
int f(const char *s, int len, int *rcp)
{
	*rcp = PRIV(valid_utf)(s, len);
	if (*rcp != 0)
		return *rcp;
	return 0;
}
"""


def test_returned_a_callee_a_macro_names_is_named_as_written(path_facts: Facts) -> None:
    # pcre2 10.42's `match_data->rc = PRIV(valid_utf)(...)`: `_pcre2_valid_utf_8`.
    facts = path_facts(NAMING_MACRO, run_trace("-22", [
        (5, "s=0x55 len=0x3 rcp=0x56"), (6, "s=0x55 len=0x3 rcp=0x56"),
        (7, "s=0x55 len=0x3 rcp=0x56"), (9, "s=0x55 len=0x3 rcp=0x56")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (5, "PRIV(valid_utf)"), ranked


HEADER_CHECK = b"""\
#include <string.h>
#include <sys/mman.h>
struct hdr { char sig[8]; unsigned long size; };
#define LE64(x) (x)
void *f(void *addr, unsigned long size)
{
	struct hdr *hdr = addr;

	if (memcmp(hdr->sig, "KSLPHHRH", 8))
		goto failed;
	if (LE64(hdr->size) != size)
		goto failed;
	return addr;

failed:
	munmap(addr, size);
	return NULL;
}
"""


def test_guard_a_check_on_data_is_the_goto_it_took_unseen(path_facts: Facts) -> None:
    # ell 0.56's l_hwdb_new at -O2: the header's size is data, not a failed call; the
    # path goes from the check straight to `failed:` with no step for the goto.
    v = "addr=0x55 size=0x50 hdr={}"
    facts = path_facts(HEADER_CHECK, run_trace("0x0", [
        (7, v.format("?")), (9, v.format("0x55")), (11, v.format("0x55")),
        (16, v.format("0x55")), (17, v.format("0x55"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (12, "goto-label"), ranked


FIELD_CHECK = b"""\
struct desc { int wd; };
struct desc *new_desc(void);
int add_watch(int fd, const char *p);
void release(void *p);
void *f(int fd, const char *path)
{
	struct desc *desc;

	desc = new_desc();
	desc->wd = add_watch(fd, path);
	if (desc->wd < 0) {
		release(desc);
		return 0;
	}
	return desc;
}
"""


def test_guard_a_check_on_a_field_tests_what_set_the_field(path_facts: Facts) -> None:
    # ell 0.56's l_dir_watch_new: `desc->wd < 0` tests inotify_add_watch(), not the
    # allocation that made `desc`.
    v = "fd=0x3 path=0x55 desc={}"
    facts = path_facts(FIELD_CHECK, run_trace("0x0", [
        (9, v.format("?")), (10, v.format("0x5555a0")), (11, v.format("0x5555a0")),
        (12, v.format("0x5555a0")), (13, v.format("0x5555a0")), (16, v.format("0x5555a0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, "add_watch"), ranked


NEXT_CHECK = b"""\
int create_sock(int proto);
void *io_new(int sk);
void close_sk(int sk);
void *f(int protocol)
{
	int sk;
	void *io;

	sk = create_sock(protocol);
	if (sk < 0)
		return 0;

	io = io_new(sk);
	if (!io) {
		close_sk(sk);
		return 0;
	}
	return io;
}
"""


def test_returned_the_copy_of_a_return_under_the_unseen_check_after_a_call(
        path_facts: Facts) -> None:
    # ell 0.56's l_netlink_new at -O2: `sk = create_netlink_socket(...)`, then the
    # later `return NULL;` (and the last return's epilogue); `if (sk < 0)` shows none.
    facts = path_facts(NEXT_CHECK, run_trace("0x0", [
        (9, "protocol=0x3e7 sk=? io=?"), (16, "protocol=? sk=? io=?"), (18, "protocol=? sk=? io=?")]),
        probed=[9, 10, 13, 14, 15, 16, 18])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, "create_sock"), ranked


NULLED = b"""\
struct key { long serial; };
struct key *key_alloc(void);
long add_key(const char *d);
void key_free(struct key *k);
struct key *f(const char *d)
{
	struct key *key;

	key = key_alloc();
	key->serial = add_key(d);
	if (key->serial < 0) {
		key_free(key);
		key = 0;
	}
	return key;
}
"""


def test_branches_null_set_after_a_failed_call_is_that_call(path_facts: Facts) -> None:
    # ell 0.56's l_key_new at -O2: `key = NULL;` in the branch of `key->serial < 0`.
    v = "d=0x55 key={}"
    facts = path_facts(NULLED, run_trace("0x0", [
        (9, v.format("?")), (10, v.format("0x5555a0")), (11, v.format("0x5555a0")),
        (12, v.format("0x5555a0")), (13, v.format("0x5555a0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, "add_key"), ranked


SHARED_CALL = b"""\
struct s;
int lib_error(struct s *s, int code, const char *msg);
int send_banner(struct s *s);
int recv_banner(struct s *s);
int f(struct s *s)
{
	int rc;

	rc = send_banner(s);
	if (rc)
		return lib_error(s, rc, "Failed sending banner");
	rc = recv_banner(s);
	if (rc)
		return lib_error(s, rc, "Failed getting banner");
	return 0;
}
"""


def test_returned_a_tail_call_gcc_shared_is_the_one_that_ran_first(path_facts: Facts) -> None:
    # libssh2 1.10's session_startup at -O2: line 14's `return _libssh2_error(...)`
    # runs, then the path shows the other copy; rc (last seen 0) was set again since.
    v = "s=0x55 rc={}"
    facts = path_facts(SHARED_CALL, run_trace("-13", [
        (9, v.format("?")), (10, v.format("0x0")), (12, v.format("0x0")), (14, v.format("?")),
        (10, v.format("?")), (11, v.format("?"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (12, "recv_banner"), ranked


RECORDED_ENUM = b"""\
#include <errno.h>
#include <stdio.h>
#include <string.h>
struct err;
void error_set(struct err *e, void *lex, int code, const char *fmt, ...);
void *f(struct err *error, const char *path, int token)
{
	FILE *fp;

	if (token != '[') {
		error_set(error, 0, json_error_invalid_syntax, "'[' expected");
		return NULL;
	}
	fp = fopen(path, "rb");
	if (!fp) {
		error_set(error, 0, json_error_cannot_open_file, "unable to open %s: %s", path,
			  strerror(errno));
		return NULL;
	}
	return fp;
}
"""


def test_returned_an_error_recorded_with_a_header_enum_is_the_recording_line(
        path_facts: Facts) -> None:
    # jansson 2.14: `json_error_invalid_syntax` is an enumerator of jansson.h; a
    # message that prints strerror(errno) points at the libc call behind it.
    v = "error=0x55 path=0x56 token={} fp={}"
    facts = path_facts(RECORDED_ENUM, run_trace("0x0", [
        (10, v.format("0x2a", "?")), (11, v.format("0x2a", "?")), (12, v.format("0x2a", "?")),
        (21, v.format("0x2a", "?"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, None), ranked
    facts = path_facts(RECORDED_ENUM, run_trace("0x0", [
        (10, v.format("0x5b", "?")), (14, v.format("0x5b", "?")), (15, v.format("0x5b", "0x0")),
        (16, v.format("0x5b", "0x0")), (18, v.format("0x5b", "0x0")), (21, v.format("0x5b", "0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "fopen"), ranked


LABELLED_CODE = b"""\
struct scanner;
void set_error(struct scanner *s, const char *source, int code, const char *fmt, ...);
int token(struct scanner *s);
int f(struct scanner *s, int kind, int ok)
{
	switch (kind) {
	case 's':
		if (!ok) {
			set_error(s, "<validation>", json_error_wrong_type, "Expected string");
			return -1;
		}
		return 0;
	case 'n':
		if (!ok) {
			set_error(s, "<validation>", json_error_wrong_type, "Expected null");
			return -1;
		}
		return 0;
	}
	return 0;
}
"""


def test_returned_a_label_before_the_code_is_no_message(path_facts: Facts) -> None:
    # jansson 2.14's unpack at -O2: `set_error(s, "<validation>", code, "...")`, then
    # the other case's copy of `return -1;`.
    v = "s=0x55 kind=0x73 ok=0x0"
    facts = path_facts(LABELLED_CODE, run_trace("-1", [
        (6, v), (8, v), (9, v), (16, v), (21, v)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, None), ranked


RETURNING_NAME = b"""\
#include <stddef.h>
size_t read_header(const void *src, size_t n);
size_t f(const void *src, size_t n, unsigned dict, unsigned want)
{
	size_t const result = read_header(src, n);
	if (ERR_isError(result)) return result;
	if (n < 4) {
		RETURN_ERROR(srcSize_wrong, "too small");
	}
	RETURN_ERROR_IF(dict && dict != want, dictionary_wrong, "");
	return 0;
}
"""


def test_macros_a_macro_named_for_returning_returns(path_facts: Facts) -> None:
    # zstd 1.5: RETURN_ERROR / RETURN_ERROR_IF are defined in a header the run lacks.
    v = "src=0x55 n={} dict=0x7 want=0x0 result=?"
    facts = path_facts(RETURNING_NAME, run_trace("-32", [
        (5, v.format("0x9")), (6, v.format("0x9")), (7, v.format("0x9")), (10, v.format("0x9")),
        (11, v.format("0x9"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (10, "macro-return"), ranked
    facts = path_facts(RETURNING_NAME, run_trace("-72", [
        (5, v.format("0x3")), (6, v.format("0x3")), (7, v.format("0x3"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (8, "macro-return"), ranked


ELSE_RETURN = b"""\
#include <errno.h>
#include <stdlib.h>
#include <string.h>
struct var { char *value; };
struct var *lookup(const char *name);
int allowed(struct var *v, const char *value);
void drop(struct var *v);
int f(const char *name, const char *value)
{
	struct var *entry;

	if (strchr(name, '='))
		return -EINVAL;
	entry = lookup(name);
	if (entry) {
		if (allowed(entry, value)) {
			if (!value)
				drop(entry);
			else
				entry->value = strdup(value);
			return 0;
		} else {
			return -EPERM;
		}
	}
	return -ENOENT;
}
"""


def test_branches_a_return_of_another_value_leaves_the_else_branch(path_facts: Facts) -> None:
    # libubootenv 0.3's libuboot_set_env at -O2: the path ends on the lookup; the
    # branch returning 0 cannot be it, its `else` returning -EPERM (-1) is.
    v = "name=0x55 value=0x56 entry={}"
    facts = path_facts(ELSE_RETURN, run_trace("-1", [
        (12, v.format("?")), (14, v.format("?"))]))
    ranked = engine.rank(facts)
    assert ranked[0].line == 23, ranked


SHORT_READ = b"""\
#include <unistd.h>
int f(int fd, char *data, int remaining)
{
	int ret;

	while (remaining > 0) {
		ret = read(fd, data, remaining);
		if (ret == 0 && remaining > 0)
			return -1;
		if (ret < 0)
			return ret;
		remaining -= ret;
		data += ret;
	}
	return 0;
}
"""


def test_guard_a_count_of_zero_is_end_of_file_not_a_failed_read(path_facts: Facts) -> None:
    # libubootenv 0.3's fileread: read() returned 0 with bytes still wanted.
    v = "fd=0x3 data=0x55 remaining={} ret={}"
    facts = path_facts(SHORT_READ, run_trace("-1", [
        (6, v.format("0x4000", "?")), (7, v.format("0x4000", "?")), (8, v.format("0x4000", "0x64")),
        (10, v.format("0x4000", "0x64")), (12, v.format("0x4000", "0x64")),
        (13, v.format("0x3f9c", "0x64")), (6, v.format("0x3f9c", "0x64")),
        (7, v.format("0x3f9c", "0x64")), (8, v.format("0x3f9c", "0x0")),
        (9, v.format("0x3f9c", "0x0")), (16, v.format("0x3f9c", "0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, None), ranked


STORED_CODE = b"""\
#include <stdlib.h>
#define LIB_BAD_ARG -1
#define LIB_ALLOC_FAIL -7
void *f(int rate, int *error)
{
	void *st;
	if (rate != 48000 && rate != 16000)
	{
		if (error)
			*error = LIB_BAD_ARG;
		return NULL;
	}
	st = malloc(64);
	if (st == NULL)
	{
		if (error)
			*error = LIB_ALLOC_FAIL;
		return NULL;
	}
	return st;
}
"""


def test_returned_a_code_stored_for_the_caller_is_the_answer(path_facts: Facts) -> None:
    # opus 1.3's opus_decoder_create: `if (error) *error = OPUS_BAD_ARG; return NULL;`.
    v = "rate=0xac44 error=0x55 st=?"
    facts = path_facts(STORED_CODE, run_trace("0x0", [(7, v), (9, v), (10, v), (11, v), (21, v)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


ONE_LINE_CHECKS = b"""\
#include "vorbisfile.h"
long next_page(void *vf);
int f(void *vf)
{
	long llret = next_page(vf);
	if (llret == OV_EREAD) return OV_EREAD;
	if (llret < 0) return OV_ENOTVORBIS;
	return 0;
}
"""


def test_returned_at_o0_a_one_line_check_the_path_went_past_did_not_return(
        path_facts: Facts) -> None:
    # libvorbis 1.3's _fetch_headers: steps on both one-line checks; the first one's
    # return did not run (the path went on to the second).
    v = "vf=0x55 llret={}"
    facts = path_facts(ONE_LINE_CHECKS, run_trace("-132", [
        (5, v.format("0x0")), (6, v.format("0xfffffffffffffffe")),
        (7, v.format("0xfffffffffffffffe")), (9, v.format("0xfffffffffffffffe"))]))
    ranked = engine.rank(facts)
    assert ranked[0].line == 7, ranked


UNSEEN_GOTO = b"""\
#include <stdlib.h>
#include <sys/stat.h>
struct seg { int fd; long length; };
struct seg *f(int fd, long length)
{
	struct seg *seg = calloc(1, sizeof(*seg));
	if (!seg)
		return NULL;
	seg->fd = fd;
	if (length == -1) {
		struct stat st;
		if (fstat(fd, &st) < 0)
			goto err;
		length = st.st_size;
	}
	seg->length = length;
	return seg;
err:
	free(seg);
	return NULL;
}
"""


def test_guard_the_unseen_goto_of_the_last_check_before_the_label(path_facts: Facts) -> None:
    # libevent 2.1's evbuffer_file_segment_new at -O2: from `if (fstat(...) < 0)` to
    # `err:` with no step for the goto; not the calloc() check earlier.
    v = "fd=0x63 length=0xffffffffffffffff seg={}"
    facts = path_facts(UNSEEN_GOTO, run_trace("0x0", [
        (6, v.format("?")), (7, v.format("0x5555a0")), (9, v.format("0x5555a0")),
        (10, v.format("0x5555a0")), (12, v.format("0x5555a0")), (19, v.format("0x5555a0")),
        (20, v.format("0x5555a0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (12, "fstat"), ranked


ERRNO_THEN_RET = b"""\
#include <errno.h>
int f(const char *hex, int len)
{
	int ret = 0;
	int state = 0;
	int i;

	for (i = 0; i < len; i++)
		state = ~state;
	if (state != 0) {
		errno = EINVAL;
		ret = -1;
	}
	return ret;
}
"""


def test_guard_errno_set_beside_the_status_is_the_answer(path_facts: Facts) -> None:
    # libsodium 1.0.18's sodium_hex2bin: `errno = EINVAL; ret = -1;`.
    v = "hex=0x55 len=0x3 ret={} state={} i=?"
    facts = path_facts(ERRNO_THEN_RET, run_trace("-1", [
        (4, v.format("?", "?")), (5, v.format("0x0", "?")), (8, v.format("0x0", "0x0")),
        (9, v.format("0x0", "0x0")), (8, v.format("0x0", "0xffffffffffffffff")),
        (10, v.format("0x0", "0xffffffffffffffff")), (11, v.format("0x0", "0xffffffffffffffff")),
        (12, v.format("0x0", "0xffffffffffffffff")), (14, v.format("0xffffffffffffffff", "0x0")),
        (15, v.format("0xffffffffffffffff", "0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (11, "errno-assignment"), ranked



FILLED = b"""\
static void sizes(const char *buf, int *cbytes)
{
	*cbytes = buf[0];
}

int f(const char *buf, int len)
{
	int cbytes;
	sizes(buf, &cbytes);
	if (cbytes != len) return -1;
	return 0;
}
"""


def test_guard_a_void_call_that_filled_a_compared_value_did_not_fail(path_facts: Facts) -> None:
    # c-blosc 1.21's blosc_cbuffer_validate: blosc_cbuffer_sizes() fills header_cbytes,
    # and `header_cbytes != cbytes` is the function's own decision.
    v = "buf=0x55 len=0x12c cbytes={}"
    facts = path_facts(FILLED, run_trace("-1", [
        (9, v.format("?")), (10, v.format("0x122")), (10, v.format("0x122")), (12, v.format("0x122"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


ASKED = b"""\
#include <stdlib.h>
#include <string.h>
int f(void)
{
	char *mode;
	mode = getenv("MODE");
	if (mode != NULL) {
		if (strcmp(mode, "FAST") == 0)
			return 1;
		else
			return -1;
	}
	return 0;
}
"""


def test_guard_a_string_compared_is_asked_about_not_a_failed_call(path_facts: Facts) -> None:
    # c-blosc 1.21's BLOSC_SPLITMODE: getenv() found the variable; its value matched
    # no mode, so the function returns its own -1.
    v = "mode={}"
    facts = path_facts(ASKED, run_trace("-1", [
        (6, v.format("?")), (7, v.format("0x5555556ad1b0")), (8, v.format("0x5555556ad1b0")),
        (11, v.format("0x5555556ad1b0")), (14, v.format("0x5555556ad1b0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, None), ranked


QUESTION = b"""\
#include <stddef.h>
size_t ZSTD_decompress(void *out, size_t n, const void *in, size_t m);
unsigned ZSTD_isError(size_t code);
int f(void *out, int maxout, const void *in, int len)
{
	size_t code;
	code = ZSTD_decompress(out, maxout, in, len);
	if (ZSTD_isError(code)) {
		return 0;
	}
	return (int)code;
}
"""


def test_branches_a_camel_case_question_is_no_failing_callee(path_facts: Facts) -> None:
    # c-blosc 1.21's zstd_wrap_decompress at -O2: the trace ends at the isError test.
    v = "out=0x55 maxout=0x100 in=0x56 len=0x4 code={}"
    facts = path_facts(QUESTION, run_trace("0", [
        (7, v.format("?")), (8, v.format("0xffffffffffffffb8"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, None), ranked


EITHER = b"""\
int a(void);
int b(void);
int f(void)
{
	int res;

	if ((res = a()) ||
	    (res = b()))
		goto out;
	res = 0;
out:
	return res;
}
"""


def test_returned_the_second_line_of_a_condition_made_the_value(path_facts: Facts) -> None:
    # lm-sensors 3.6's sensors_init: a() returned 0, b() on the condition's second line
    # returned -4; gcc then stops on the condition's first line again.
    facts = path_facts(EITHER, run_trace("-4", [
        (7, "res=0x7fff"), (7, "res=0x7fff"), (8, "res=0x0"), (7, "res=0xfffffffffffffffc"),
        (9, "res=0xfffffffffffffffc"), (12, "res=0xfffffffffffffffc"),
        (13, "res=0xfffffffffffffffc")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "b"), ranked


SHARED_EPILOGUE = b"""\
int f(int level, int shuffle)
{
	if (level < 0 || level > 9) {
		report("level");
		return -10;
	}
	if (shuffle != 0 && shuffle != 1) {
		report("shuffle");
		return -10;
	}
	setup(level);
	return 1;
}
"""


def test_fallback_the_latest_return_that_ran_when_the_path_ends_on_another(
        path_facts: Facts) -> None:
    # gcc -O2 (c-blosc 1.21's shape): both `return -10;` share one block, shown with the
    # first one's line and then the function's `return 1;` epilogue.
    facts = path_facts(SHARED_EPILOGUE, run_trace("-10", [
        (2, "level=0x5 shuffle=0x3"), (3, "level=0x5 shuffle=0x3"),
        (7, "level=0x5 shuffle=0x3"), (8, "level=0x5 shuffle=0x3"),
        (9, "level=0x5 shuffle=0x3"), (5, "level=0x5 shuffle=0x3"),
        (12, "level=0x5 shuffle=0x3")]))
    assert returned.findings(facts) == [] and branches.findings(facts) == []
    found = fallback.findings(facts)
    assert [(f.line, f.kind) for f in found] == [(9, "errno-constant")]
    assert "step 5" in found[0].reason
    ranked = engine.rank(facts)
    assert ranked[0].line == 9 and ranked[0].rule == "fallback"
    # The first `return -10;` ran too in the trace's order, but its check was false.
    assert all(c.line != 5 for c in ranked[:1])


def test_fallback_a_shared_return_of_a_variable_is_followed_to_its_setter(
        path_facts: Facts) -> None:
    source = b"""\
int f(int n)
{
	int result;
	char *env = getenv("X");
	if (env != NULL) {
		result = other(n);
		return result;
	}
	result = prepare(n);
	if (result <= 0)
		goto out;
	result = run(n);
out:
	unlock();
	return result;
}
"""
    # -O2: every exit shares the `return result;` of line 7, under a check the values
    # make false: the value is the one prepare() returned at line 9.
    facts = path_facts(source, run_trace("0x0", [
        (2, "n=0x8 result=? env=?"), (4, "n=0x8 result=? env=?"), (5, "n=0x8 result=? env=0x0"),
        (9, "n=0x8 result=? env=0x0"), (10, "n=0x8 result=0x0 env=0x0"),
        (14, "n=0x8 result=0x0 env=0x0"), (7, "n=0x8 result=0x0 env=0x0")]))
    found = fallback.findings(facts)
    assert [(f.line, f.callee) for f in found] == [(9, "prepare")]
    assert engine.rank(facts)[0].line == 9


def test_fallback_runs_only_when_nothing_else_is_strong(
        path_facts: Facts, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[int] = []

    def recording(facts: Any) -> list[Finding]:
        asked.append(len(facts.steps))
        return [Finding(1, "errno-constant", "fallback.return", "asked", rule="fallback")]

    monkeypatch.setattr(engine.fallback, "findings", recording)
    strong = path_facts(WRAPPER, run_trace("-74", [
        (11, "buf=0x0 len=0x0 err=0x7fff"), (13, "buf=0x5555 len=0x10 err=0x7fff"),
        (15, "buf=0x5555 len=0x10 err=0x7fff"), (16, "buf=0x5555 len=0x10 err=0xffffffffffffffb6"),
        (17, "buf=0x5555 len=0x10 err=0xffffffffffffffb6"),
        (20, "buf=0x5555 len=0x10 err=0xffffffffffffffb6")]))
    assert all(c.rule != "fallback" for c in engine.rank(strong)) and asked == []
    weak = path_facts(SHARED_EPILOGUE, run_trace("-10", [
        (2, "level=0x5 shuffle=0x3"), (3, "level=0x5 shuffle=0x3"),
        (7, "level=0x5 shuffle=0x3"), (9, "level=0x5 shuffle=0x3"),
        (5, "level=0x5 shuffle=0x3"), (12, "level=0x5 shuffle=0x3")]))
    assert any(c.rule == "fallback" for c in engine.rank(weak)) and asked == [6]


def test_crossjump_a_tail_gcc_kept_once_is_read_as_the_branch_the_path_came_from(
        path_facts: Facts) -> None:
    from reporter.diagnosis import crossjump

    source = b"""\
#include <errno.h>
void *f(int max, int size, int grow)
{
	if (max > 100) {
		errno = EINVAL;
		return NULL;
	}
	if (size < 1) {
		errno = EINVAL;
		return NULL;
	}
	if (grow > 16) {
		errno = EINVAL;
		return NULL;
	}
	return make(max, size, grow);
}
"""
    # gcc -O2 (libqb 2.0's qb_array_create_2): the third check failed, and the path
    # jumps back into the second check's identical block.
    vals = "max=0x4 size=0x8 grow=0x11"
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (4, vals), (8, vals), (12, vals), (9, vals), (10, vals)]))
    ran, moved = crossjump.remap(facts)
    assert moved == {9: 13, 10: 14}
    assert [s.line for s in ran.steps] == [3, 4, 8, 12, 13, 14]
    ranked = engine.rank(ran)
    assert ranked[0].line == 13
    assert "as line 9" in crossjump.explain(ranked[0], moved).reason
    # Entered through its own check, the block is what it says.
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (4, vals), (8, "max=0x4 size=0x0 grow=0x11"), (9, vals), (10, vals)]))
    assert crossjump.remap(facts)[1] == {}


def test_crossjump_an_arm_whose_tail_check_gcc_kept_in_the_other_arm(
        path_facts: Facts) -> None:
    """elfutils 0.188's elf_strptr at -O2: the 32-bit and 64-bit arms of an if/else end
    with the same `if (offset >= size) { seterr(RANGE); goto out; }`; gcc keeps the
    32-bit copy, so the 64-bit path shows its lines, then the shared `goto out;` of an
    earlier check: both jumps are read back as the path ran."""
    from reporter.diagnosis import crossjump

    source = b"""\
#include <errno.h>
char *f(int wide, int idx, int offset)
{
	char *result = NULL;
	int size;

	if (idx > 9) {
		seterr(INDEX);
		goto out;
	}
	if (!wide) {
		if (plain(idx))
			size = size32(idx);
		else
			size = zsize(idx);
		if (offset >= size) {
			seterr(RANGE);
			goto out;
		}
	} else {
		if (plain(idx))
			size = size64(idx);
		else
			size = zsize(idx);
		if (offset >= size) {
			seterr(RANGE);
			goto out;
		}
	}
	result = at(idx, offset);
out:
	return result;
}
"""
    vals = "wide=0x1 idx=0x1 offset=0x1000 result=0x0"
    facts = path_facts(source, run_trace("0x0", [
        (4, vals), (7, vals), (11, vals), (21, vals), (22, vals), (16, vals), (17, vals),
        (18, vals), (9, vals)]))
    ran, moved = crossjump.remap(facts)
    assert {16: 25, 17: 26, 18: 27}.items() <= moved.items()
    assert [s.line for s in ran.steps][:8] == [4, 7, 11, 21, 22, 25, 26, 27]
    ranked = engine.rank(ran)
    assert ranked[0].line == 26
    # The 32-bit arm's own path (entered through its check) is left as it is.
    narrow = "wide=0x0 idx=0x1 offset=0x1000 result=0x0"
    facts = path_facts(source, run_trace("0x0", [
        (4, narrow), (7, narrow), (11, narrow), (12, narrow), (13, narrow), (16, narrow),
        (17, narrow), (18, narrow), (9, narrow)]))
    assert not {16, 17, 18} & crossjump.remap(facts)[1].keys()


LIBRARY_ERRNO = b"""\
#include <stddef.h>
void *f(void **table, int n, int idx)
{
	void *result = NULL;

	if (unlikely (table == NULL))
	{
		__lib_seterrno (LIB_E_INVALID_HANDLE);
		return NULL;
	}
	if (idx >= n)
	{
		__lib_seterrno (LIB_E_INVALID_INDEX);
		goto out;
	}
	result = table[idx];
 out:
	return result;
}
"""


def test_guard_a_library_call_that_records_a_code_is_its_errno(path_facts: Facts) -> None:
    # elfutils 0.188's libelf: `__libelf_seterrno (ELF_E_...)` is libelf's errno, and
    # `unlikely (...)` is only a hint: no call failed.
    vals = "table=0x5555 n=0x3 idx=0x32 result=0x0"
    facts = path_facts(LIBRARY_ERRNO, run_trace("0x0", [
        (3, vals), (4, vals), (6, vals), (11, vals), (13, vals), (14, vals), (18, vals)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind, ranked[0].callee) == (13, "errno-assignment", None)
    facts = path_facts(LIBRARY_ERRNO, run_trace("0x0", [
        (3, "table=0x0 n=0x3 idx=0x1 result=0x0"), (4, "table=0x0 n=0x3 idx=0x1 result=0x0"),
        (6, "table=0x0 n=0x3 idx=0x1 result=0x0"), (8, "table=0x0 n=0x3 idx=0x1 result=0x0"),
        (9, "table=0x0 n=0x3 idx=0x1 result=0x0")]))
    assert engine.rank(facts)[0].line == 8


def test_guard_null_after_an_error_code_kept_for_the_caller_is_that_code(
        path_facts: Facts) -> None:
    source = b"""\
#include <string.h>
const char *f(const char *s, int len, int *lenp)
{
	const char *n;
	int err;

	n = memchr(s, '\\0', len);
	if (!n) {
		err = -FDT_ERR_TRUNCATED;
		goto fail;
	}
	return s;
fail:
	if (lenp)
		*lenp = err;
	return NULL;
}
"""
    vals = "s=0x5555 len=0xa lenp=0x7ffe n=0x0 err=?"
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (7, vals), (8, vals), (9, vals), (10, vals), (14, vals), (15, vals),
        (16, vals)]))
    assert engine.rank(facts)[0].line == 9


def test_guard_a_call_compared_with_a_constant_was_asked_not_failed(path_facts: Facts) -> None:
    source = b"""\
int f(struct attr *nest)
{
	struct attr *attr;

	for (attr = nest->head; attr; attr = attr->next) {
		if (get_type(attr) != DEVICE_NAME)
			goto err;
		keep(attr);
	}
	return 0;
err:
	release(nest);
	return -1;
}
"""
    vals = "nest=0x5555 attr=0x5560"
    facts = path_facts(source, run_trace("0xffffffffffffffff", [
        (2, vals), (5, vals), (6, vals), (7, vals), (12, vals), (13, vals)]))
    ranked = engine.rank(facts)
    assert ranked[0].line == 7 and all(c.callee != "get_type" for c in ranked[:1])


def test_guard_a_call_computed_with_is_a_size_the_check_bounded(path_facts: Facts) -> None:
    # mosquitto 2.0's mosquitto__hex2bin: `BN_num_bytes(bn) + leading_zero > max` asks
    # how big the number is; the size query did not fail, the bound did.
    source = b"""\
int f(struct bn *bn, int lead, int max)
{
	if (nbytes(bn) + lead > max) {
		release(bn);
		return 0;
	}
	return 1;
}
"""
    vals = "bn=0x5555 lead=0x0 max=0x14"
    facts = path_facts(source, run_trace("0x0", [(2, vals), (3, vals), (4, vals), (5, vals)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (5, None)


def test_origin_a_null_option_among_the_arguments_is_not_what_the_call_returned(
        path_facts: Facts) -> None:
    # libssh 0.10's ssh_pki_import_privkey_base64: the passphrase is NULL and so is the
    # key that came back; the call made the NULL, it did not hand back the passphrase.
    source = b"""\
int f(const char *b64, const char *passphrase, void *cb, struct key **out)
{
	struct key *key;

	key = parse_key(b64, passphrase, cb);
	if (key == NULL) {
		return -1;
	}
	*out = key;
	return 0;
}
"""
    vals = "b64=0x5555 passphrase=0x0 cb=0x0 out=0x7ffe"
    facts = path_facts(source, run_trace("0xffffffffffffffff", [
        (2, vals + " key=?"), (5, vals + " key=?"), (6, vals + " key=0x0"),
        (7, vals + " key=0x0")]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (5, "parse_key")


def test_guard_a_count_a_call_filled_in_compared_with_another_is_the_checks_decision(
        path_facts: Facts) -> None:
    # libssh 0.10's ssh_pki_openssh_import: `rc = ssh_buffer_unpack(..., &nkeys, ...)`
    # succeeded (rc was checked); `if (nkeys != 1) goto out;` is the function's own
    # refusal, not the unpacking's failure.
    source = b"""\
struct key *f(struct buf *b)
{
	struct key *key = NULL;
	unsigned int nkeys;
	int rc;

	rc = unpack(b, "d", &nkeys);
	if (rc == -1) {
		goto out;
	}
	if (nkeys != 1) {
		goto out;
	}
	key = make_key(b);
out:
	release(b);
	return key;
}
"""
    vals = "b=0x5555 key=0x0 nkeys=0x2 rc=0x0"
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (7, vals), (8, vals), (11, vals), (12, vals), (16, vals), (17, vals)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (12, None)


def test_guard_a_count_compared_with_the_number_wanted_is_the_checks_decision(
        path_facts: Facts) -> None:
    # libssh 0.10's base64_to_bin: `equals = get_equals(ptr);` counts the padding;
    # `if (equals != 2) goto error;` refuses the input, get_equals did not fail.
    source = b"""\
struct buf *f(const char *s)
{
	struct buf *b = NULL;
	int equals;

	equals = get_equals(s);
	if (equals != 2) {
		goto error;
	}
	b = decode(s);
	return b;
error:
	release(s);
	return NULL;
}
"""
    vals = "s=0x5555 b=0x0 equals=0x0"
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (6, vals), (7, vals), (8, vals), (13, vals), (14, vals)]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, None)


def test_crossjump_forward_into_the_branch_of_a_check_that_never_ran(
        path_facts: Facts) -> None:
    from reporter.diagnosis import crossjump

    source = b"""\
struct key *f(struct buf *b, int c1, int c2)
{
	struct key *key = NULL;
	int i;

	if (c1 != c2) {
		note("bad check integers");
		goto out;
	}
	key = parse(b);
	for (i = 1; more(b); ++i) {
		if (next(b) != i) {
			key = NULL;
			note("bad padding");
			goto out;
		}
	}
out:
	release(b);
	return key;
}
"""
    # gcc -O2 (libssh 0.10's ssh_pki_openssh_import): the check-integer test failed,
    # and the path goes from its log call to the padding loop's `goto out;`, the copy
    # gcc kept; the loop's lines had probes and never ran.
    vals = "b=0x5555 c1=0x1 c2=0x2 key=0x0 i=?"
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (6, vals), (7, vals), (15, vals), (19, vals), (20, vals)]),
        probed=[3, 6, 7, 8, 10, 11, 12, 13, 14, 15, 19, 20])
    ran, moved = crossjump.remap(facts)
    assert moved == {15: 8}
    assert engine.rank(ran)[0].line == 8
    # Without the probe list nothing says the loop did not run.
    facts = path_facts(source, run_trace("0x0", [
        (3, vals), (6, vals), (7, vals), (15, vals), (19, vals), (20, vals)]))
    assert crossjump.remap(facts)[1] == {}


def test_branches_the_traced_goto_to_a_return_gcc_left_without_a_stop(
        path_facts: Facts) -> None:
    # libssh 0.10's ssh_config_parse_uri at -O2: the port check's `goto error;` ran,
    # then the frees under `error:`; its `return -1;` has no stop of its own.
    source = b"""\
int f(const char *s, char **user, long port)
{
	if (!s) {
		goto error;
	}
	if (port < 1) {
		note("bad port");
		goto error;
	}
	return 0;
error:
	if (user != NULL) {
		release(user);
	}
	return -1;
}
"""
    vals = "s=0x5555 user=0x7ffe port=0x0"
    facts = path_facts(source, run_trace("0xffffffffffffffff", [
        (2, vals), (3, vals), (6, vals), (7, vals), (8, vals), (12, vals), (13, vals)]),
        probed=[2, 3, 4, 6, 7, 8, 10, 12, 13, 15])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].kind) == (8, "goto-label")


def test_guard_an_or_operand_the_values_make_false_did_not_decide(path_facts: Facts) -> None:
    # libssh 0.10's ssh_pki_openssh_import: `rc == SSH_ERROR || checkint1 != checkint2`
    # with rc 0: SSH_ERROR is in a header the run lacks, but a failure's code is not 0,
    # so the unpacking succeeded and the comparison decided.
    source = b"""\
struct key *f(struct buf *b)
{
	struct key *key = NULL;
	unsigned int c1, c2;
	int rc;

	rc = unpack(b, "dd", &c1, &c2);
	if (rc == SSH_ERROR || c1 != c2) {
		goto out;
	}
	key = make_key(b);
out:
	release(b);
	return key;
}
"""
    vals = "b=0x5555 key=0x0 c1=0x11 c2=0x12 rc=0x0"
    steps = [(3, vals), (7, vals), (8, vals), (9, vals), (13, vals), (14, vals)]
    ranked = engine.rank(path_facts(source, run_trace("0x0", steps)))
    assert (ranked[0].line, ranked[0].callee) == (9, None)
    # rc -1: the unpacking failed.
    failed = [(n, v.replace("rc=0x0", "rc=0xffffffff")) for n, v in steps]
    ranked = engine.rank(path_facts(source, run_trace("0x0", failed)))
    assert (ranked[0].line, ranked[0].callee) == (7, "unpack")


TRANSLATED_MESSAGE = b"""\
struct ctx;
void log_err(struct ctx *c, const char *fmt, ...);
int f(struct ctx *ctx, const unsigned *stripes)
{
	int i;

	for (i = 0; i < 8; i++) {
		if (stripes[i] != 4000) {
			log_err(ctx, _("keyslot %u is invalid."), i);
			return -1;
		}
	}
	return 0;
}
"""


def test_returned_a_value_a_translated_message_prints_is_no_code(path_facts: Facts) -> None:
    # cryptsetup 2.6's LUKS_check_keyslots: `i` follows `_("...")`, gettext's message,
    # so log_err() only prints it; the status is the return's own constant.
    v = "ctx=0x55 stripes=0x56 i={}"
    facts = path_facts(TRANSLATED_MESSAGE, run_trace("-1", [
        (7, v.format("?")), (8, v.format("0x0")), (7, v.format("0x0")), (8, v.format("0x1")),
        (9, v.format("0x1")), (10, v.format("0x1"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


PASTED_NAMES = b"""\
#include <stddef.h>
static int scn_valid(Elf_Scn *scn) { return scn != NULL; }
ElfW2(LIBELFBITS,Shdr) *
internal_function
__elfw2(LIBELFBITS,getshdr_wrlock) (Elf_Scn *scn)
{
  ElfW2(LIBELFBITS,Shdr) *result;

  if (!scn_valid (scn))
    return NULL;
  result = scn->shdr.ELFW(e,LIBELFBITS);
  if (result == NULL)
    result = load_shdr_wrlock (scn);
  return result;
}

ElfW2(LIBELFBITS,Shdr) *
elfw2(LIBELFBITS,getshdr) (Elf_Scn *scn)
{
  if (!scn_valid (scn))
    return NULL;
  return __elfw2(LIBELFBITS,getshdr_wrlock) (scn);
}
"""


@pytest.mark.parametrize("steps, want", [
    ([(9, "scn=0x55 result=?"), (11, "scn=0x55 result=?"), (12, "scn=0x55 result=0x0"),
      (13, "scn=0x55 result=0x0"), (14, "scn=0x55 result=0x0")], (13, "load_shdr_wrlock")),
    ([(20, "scn=0x55"), (21, "scn=0x55")], (20, "scn_valid")),
], ids=["attribute-macro", "pasted-name"])
def test_a_function_whose_header_the_preprocessor_makes_is_read(
        path_facts: Facts, steps: list[tuple[int, str]], want: tuple[int, str]) -> None:
    # elfutils 0.188's elf32_getshdr.c: names pasted by macros (`elfw2(LIBELFBITS,
    # getshdr)`), the return type a macro call, `internal_function` between them.
    ranked = engine.rank(path_facts(PASTED_NAMES, run_trace("0x0", steps)))
    assert (ranked[0].line, ranked[0].callee) == want, ranked


LABEL_RETURN = b"""\
#include <stddef.h>
struct scn { int data_read; void *list; };
int set_rawdata(struct scn *scn);
void *f(struct scn *scn, int locked)
{
	void *result = NULL;

	if (scn == NULL)
		return NULL;
	if (scn->data_read == 0) {
		locked = 1;
		if (scn->data_read == 0 && set_rawdata (scn) != 0)
			goto out;
	}
	result = &scn->list;
 out:
	return result;
}
"""


def test_guard_at_o2_a_goto_to_a_label_that_only_returns_ran_that_return(
        path_facts: Facts) -> None:
    # elfutils 0.188's __elf_getdata_rdlock at -O2: the path ends on `goto out;` and
    # `out: return result;` has no stop; the `&&` the path went into ran set_rawdata().
    v = "scn=0x55 locked=0x0 result=0x0"
    facts = path_facts(LABEL_RETURN, run_trace("0x0", [
        (6, v), (8, v), (10, v), (11, v), (12, v), (13, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (12, "set_rawdata"), ranked


ERROR_FIELD = b"""\
struct gif { int Error; };
int read_byte(struct gif *g, unsigned char *c);
int f(struct gif *GifFile, int *Type)
{
	unsigned char Buf;

	if (read_byte(GifFile, &Buf) != 1)
		return 0;
	switch (Buf) {
	case ',':
		*Type = 1;
		break;
	default:
		*Type = 0;
		GifFile->Error = D_GIF_ERR_WRONG_RECORD;
		return GIF_ERROR;
	}
	return GIF_OK;
}
"""


def test_returned_a_code_stored_in_an_error_field_is_the_answer(path_facts: Facts) -> None:
    # giflib 5.2's DGifGetRecordType: the status GIF_ERROR (0) says only "failed"; the
    # code the caller reads back is the one stored in GifFile->Error.
    v = "GifFile=0x55 Type=0x56 Buf={}"
    facts = path_facts(ERROR_FIELD, run_trace("0x0", [
        (7, v.format("?")), (9, v.format("0xa")), (14, v.format("0xa")), (15, v.format("0xa")),
        (16, v.format("0xa"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (15, None), ranked


STATUS_COMPARED = b"""\
struct gif;
int get_record(struct gif *g, int *type);
int f(struct gif *GifFile)
{
	int RecordType;

	do {
		if (get_record(GifFile, &RecordType) == GIF_ERROR)
			return (GIF_ERROR);
	} while (RecordType != 3);
	return GIF_OK;
}
"""


def test_guard_a_call_compared_with_a_failure_status_failed(path_facts: Facts) -> None:
    # giflib 5.2's DGifSlurp: `== GIF_ERROR` tests for failure; GIF_ERROR is not a value
    # the call was asked about (as `get_type(a) != NAME` is).
    v = "GifFile=0x55 RecordType={}"
    facts = path_facts(STATUS_COMPARED, run_trace("0x0", [
        (8, v.format("?")), (10, v.format("0x1")), (8, v.format("0x1")), (9, v.format("0x0"))]))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "get_record"), ranked


TWO_LINE_OR = b"""\
struct gif { int w, h; };
int get_word(struct gif *g, int *word);
int f(struct gif *GifFile)
{
	if (get_word(GifFile, &GifFile->w) == GIF_ERROR ||
	    get_word(GifFile, &GifFile->h) == GIF_ERROR)
		return GIF_ERROR;
	return GIF_OK;
}
"""


def test_guard_the_second_line_of_an_or_ran_when_gcc_came_back_to_the_first(
        path_facts: Facts) -> None:
    # giflib 5.2's DGifGetScreenDesc at -O0: the path steps 5, 6, 5 (the `||`'s jump
    # is on the first line), then returns: the width was read, the height failed.
    v = "GifFile=0x55"
    facts = path_facts(TWO_LINE_OR, run_trace("0x0", [(5, v), (5, v), (6, v), (5, v), (7, v)]),
                       probed=[5, 6, 7, 8, 9])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (6, "get_word"), ranked


ELSE_TWIN = b"""\
struct gif { unsigned long count; };
int decompress(struct gif *g, char *line, int len);
int next_code(struct gif *g, char **code);
int f(struct gif *GifFile, char *Line, int LineLen)
{
	char *Dummy;

	if ((GifFile->count -= LineLen) > 0xffff0000UL)
		return GIF_ERROR;
	if (decompress(GifFile, Line, LineLen) == GIF_OK) {
		if (GifFile->count == 0) {
			do
				if (next_code(GifFile, &Dummy) == GIF_ERROR)
					return GIF_ERROR;
			while (Dummy != NULL);
		}
		return GIF_OK;
	} else
		return GIF_ERROR;
}
"""


def test_guard_a_status_return_gcc_merged_is_the_copy_right_in_the_branch(
        path_facts: Facts) -> None:
    # giflib 5.2's DGifGetLine at -O2: the path goes from the check at line 10 back to
    # line 9's `return GIF_ERROR;`, gcc's one copy of three; the else's copy ran
    # (the inner loop's would need lines 11-13), so decompress() failed.
    v = "GifFile=0x55 Line=0x56 LineLen=0x2 Dummy=?"
    facts = path_facts(ELSE_TWIN, run_trace("0x0", [(8, v), (10, v), (9, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, "decompress"), ranked


ALREADY_EXISTS = b"""\
#include <stddef.h>
struct setting;
struct setting *get_member(struct setting *parent, const char *name);
struct setting *create(struct setting *parent, const char *name, int type);
struct setting *f(struct setting *parent, const char *name, int type)
{
	if (! parent)
		return(NULL);
	if (get_member(parent, name) != NULL)
		return(NULL); /* already exists */
	return(create(parent, name, type));
}
"""


def test_guard_a_call_that_found_something_did_not_fail(path_facts: Facts) -> None:
    # libconfig 1.5's config_setting_add: `get_member(...) != NULL` is true when the
    # lookup found the name; the function's own check refuses it.
    v = "parent=0x55 name=0x56 type=0x2"
    facts = path_facts(ALREADY_EXISTS, run_trace("0x0", [(7, v), (9, v), (10, v), (12, v)]),
                       probed=[7, 8, 9, 10, 11, 12])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


STORED_UNSEEN = """\
#include <stddef.h>
struct ctx {{ int depth; int Error; }};
static const char *err_too_deep = "include file nesting too deep";
char *take(struct ctx *ctx);
void *f(struct ctx *ctx, const char **error)
{{
	*error = NULL;
	if (ctx->depth == 10)
	{{
		{store};
		return(NULL);
	}}
	return take(ctx);
}}
"""


@pytest.mark.parametrize("store", ["*error = err_too_deep", "ctx->Error = E_TOO_DEEP"],
                         ids=["message-pointer", "code-field"])
def test_branches_at_o2_the_error_stored_in_the_branch_the_path_ends_on(
        path_facts: Facts, store: str) -> None:
    # libconfig 1.5's scanctx_push_include and giflib 5.2's EGifPutImageDesc at -O2:
    # the path ends on the check; the branch stores the error for the caller (a
    # file-level message, or a code in an error field) and returns NULL.
    v = "ctx=0x55 error=0x56"
    facts = path_facts(STORED_UNSEEN.format(store=store).encode(),
                       run_trace("0x0", [(7, v), (8, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


SHARED_ON_LATER_CHECK = b"""\
#include <stddef.h>
struct setting { int type; };
struct setting *create(struct setting *parent, const char *name, int type);
struct setting *f(struct setting *parent, const char *name, int type)
{
	if ((type < TYPE_NONE) || (type > TYPE_LIST))
		return(NULL);

	if(! parent)
		return(NULL);

	if (parent->type == TYPE_ARRAY)
		name = NULL;
	return(create(parent, name, type));
}
"""


def test_branches_a_return_gcc_kept_on_a_later_checks_line(path_facts: Facts) -> None:
    # libconfig 1.5's config_setting_add at -O2: 6, then 9 and out. `parent` is set, so
    # line 9's branch did not run: its line holds gcc's one `return(NULL);`, and the
    # range check before it (on constants of a header the run lacks) took it.
    v = "parent=0x55 name=0x56 type=0x63"
    facts = path_facts(SHARED_ON_LATER_CHECK, run_trace("0x0", [(5, v), (6, v), (9, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (7, None), ranked


STORED_BEFORE_CLEANUP = b"""\
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
void *f(FILE *f, char *Buf, void *Private, int *Error)
{
	if (strncmp("GIF", Buf, 3) != 0) {
		if (Error != NULL)
			*Error = D_GIF_ERR_NOT_GIF_FILE;
		(void)fclose(f);
		free((char *)Private);
		return NULL;
	}
	return Private;
}
"""


def test_returned_a_code_stored_for_the_caller_before_the_clean_up(path_facts: Facts) -> None:
    # giflib 5.2's DGifOpenFileHandle: the code is stored, the file closed and the
    # memory freed, then NULL returned.
    v = "f=0x55 Buf=0x56 Private=0x57 Error=0x58"
    facts = path_facts(STORED_BEFORE_CLEANUP, run_trace("0x0", [
        (6, v), (7, v), (8, v), (9, v), (10, v), (11, v)]), probed=list(range(6, 15)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, None), ranked


LABEL_CLEANUP = b"""\
#include <stdlib.h>
int next_token(void);
void report(const char *fmt, ...);
int f(char *comment)
{
	int tok = next_token();

	if (tok == '+') {
		tok = 0;
	} else if (tok == '=') {
		tok = 1;
	} else {
		report("missing equal sign");
		goto error;
	}
	return STATE_EOF;

error:
	if (comment)
		free(comment);
	return STATE_ERROR;
}
"""


def test_returned_at_o2_a_path_that_ends_in_a_labels_clean_up_ran_its_return(
        path_facts: Facts) -> None:
    # libconfuse 3.3's cfg_parse_internal at -O2: `goto error;`, then the clean-up's
    # `if (comment)` and no stop on `return STATE_ERROR;`; `tok == '='` compares a
    # token, so next_token() did not fail.
    v = "comment=0x55 tok={}"
    facts = path_facts(LABEL_CLEANUP, run_trace("1", [
        (6, v.format("?")), (8, v.format("0x61")), (10, v.format("0x61")),
        (13, v.format("0x61")), (14, v.format("0x61")), (19, v.format("0x61"))]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, None), ranked


FORM_FEED = b"""\
#include <errno.h>
/* Section one. */
\x0c
/* Section two. */
int f(int n)
{
	if (n < 0)
		return -EINVAL;
	return 0;
}
"""


def test_a_form_feed_is_inside_a_line_as_gcc_counts_them(path_facts: Facts) -> None:
    # libksba 1.6 puts ^L between sections: str.splitlines() breaks there too, so every
    # later line would be read one off (line 8 as `if (n < 0)`).
    v = "n=0xffffffff"
    facts = path_facts(FORM_FEED, run_trace("-22", [(7, v), (8, v)]), probed=[7, 8, 9])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].source_text) == (8, "return -EINVAL;"), ranked


BACK_TO_THE_LOOP = b"""\
#include <stdlib.h>
#include <string.h>
struct opt;
struct opt *leaf(void *sec, const char *name);
void report(const char *fmt, ...);
struct opt *f(void *sec, const char *name)
{
	struct opt *opt = NULL;

	while (name && *name) {
		char *title = NULL;
		size_t len = strcspn(name, "|");
		if (name[len] == 0)
			break;
		title = strndup(name, len);
		if (title)
			free(title);
		if (!sec)
			return NULL;
		name += len;
	}
	opt = leaf(sec, name);
	if (!opt)
		report("no such option '%s'", name);
	return opt;
}
"""


def test_returned_at_o2_a_jump_back_after_the_last_statement_is_the_return(
        path_facts: Facts) -> None:
    # libconfuse 3.3's cfg_getopt_secidx at -O2: after `report(...)` the path's last
    # step is the loop's `if (title)`, code gcc shares with the `return opt;` that
    # follows; opt came from leaf().
    v = "sec=0x55 name=0x56 opt={}"
    facts = path_facts(BACK_TO_THE_LOOP, run_trace("0x0", [
        (8, v.format("?")), (10, v.format("0x0")), (12, v.format("0x0")), (13, v.format("0x0")),
        (22, v.format("0x0")), (23, v.format("0x0")), (24, v.format("0x0")),
        (16, v.format("0x0"))]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (22, "leaf"), ranked


EPILOGUE_RETURN = b"""\
struct cert { int initialized; void *root; };
typedef unsigned int gpg_error_t;
gpg_error_t create_tree(struct cert *cert);
gpg_error_t f(struct cert *cert, void *reader)
{
	gpg_error_t err = 0;

	if (!cert || !reader)
		return gpg_error (GPG_ERR_INV_VALUE);
	if (cert->initialized)
		return gpg_error (GPG_ERR_CONFLICT);

	err = create_tree(cert);
	if (err)
		goto leave;
	err = gpg_error (GPG_ERR_GENERAL);
 leave:
	return err;
}
"""


def test_returned_at_o2_the_final_return_reached_from_a_returning_check_is_its_epilogue(
        path_facts: Facts) -> None:
    # libksba 1.6's ksba_cert_read_der at -O2: the check at line 10, then line 18; `err`
    # (optimised out) is still the 0 of its declaration, so the branch's `return
    # gpg_error (...)` ran.
    v = "cert=0x55 reader=0x56 leave=?"
    facts = path_facts(EPILOGUE_RETURN, run_trace("0x9000046", [
        (6, v), (8, v), (10, v), (18, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, None), ranked


RAN_OUT = b"""\
#include <string.h>
struct opt;
struct sec { const char *title; };
unsigned int opt_size(struct opt *opt);
struct sec *get_sec(struct opt *opt, unsigned int i);
int f(struct opt *opt, const char *title)
{
	unsigned int i, n;

	n = opt_size(opt);
	for (i = 0; i < n; i++) {
		struct sec *sec = get_sec(opt, i);
		if (strcmp(title, sec->title) == 0)
			break;
	}
	if (i == n)
		return CFG_FAIL;
	return 0;
}
"""


def test_guard_a_search_that_ran_out_is_the_checks_decision(path_facts: Facts) -> None:
    # libconfuse 3.3's cfg_opt_rmtsec: `i == n` after the loop over the n sections
    # opt_size() counted asks whether the search found the title, not whether
    # opt_size() failed.
    v = "opt=0x55 title=0x56 i={} n={}"
    facts = path_facts(RAN_OUT, run_trace("-1", [
        (10, v.format("?", "?")), (11, v.format("?", "0x1")), (12, v.format("0x0", "0x1")),
        (13, v.format("0x0", "0x1")), (11, v.format("0x0", "0x1")), (16, v.format("0x1", "0x1")),
        (17, v.format("0x1", "0x1"))]), probed=list(range(10, 19)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (17, None), ranked


FALSE_AND = b"""\
#include <stdlib.h>
#include <sys/stat.h>
char *make_path(const char *dir, const char *file);
char *f(const char *dir, const char *file)
{
	char *fullpath;
	struct stat st;
	int err;

	if ((fullpath = make_path(dir, file)) == NULL)
		return NULL;
	err = stat(fullpath, &st);
	if ((!err) && S_ISREG(st.st_mode))
		return fullpath;
	free(fullpath);
	return NULL;
}
"""


def test_guard_a_false_and_operand_the_values_make_true_did_not_decide(
        path_facts: Facts) -> None:
    # libconfuse 3.3's cfg_searchpath on a directory: stat() returned 0, so `!err` was
    # true and the file type made the `&&` false; the function's own NULL.
    v = "dir=0x55 file=0x56 fullpath={} err={}"
    facts = path_facts(FALSE_AND, run_trace("0x0", [
        (10, v.format("?", "?")), (12, v.format("0x57", "?")), (13, v.format("0x57", "0x0")),
        (15, v.format("0x57", "0x0")), (16, v.format("0x57", "0x0"))]),
        probed=list(range(10, 18)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (16, None), ranked


INLINED_THEN_RETURN = b"""\
#include <stdlib.h>
struct loader { void *buf; int size; };
void log_msg(const char *msg);
void loader_reset(struct loader *l)
{
	free(l->buf);
	l->size = 0;
}

int f(struct loader *eld, const unsigned char *b)
{
	switch (b[0]) {
	case 0xff:
		return 1;
	default:
		log_msg("no EXIF data");
		loader_reset(eld);
		return 0;
	}
}
"""


def test_returned_at_o2_a_path_that_ends_in_an_inlined_callee_ran_the_return_after_it(
        path_facts: Facts) -> None:
    # libexif 0.6's exif_loader_write at -O2: the path's last step is line 7 of
    # loader_reset(), which gcc inlined at line 17; `return 0;` follows the call.
    v = "eld=0x55 b=0x56"
    facts = path_facts(INLINED_THEN_RETURN, run_trace("0", [(12, v), (16, v), (7, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (18, None), ranked


NAMED_SETTERS = b"""\
#include <sys/socket.h>
struct ctx { int fd; int err; };
void set_error_from_errno(struct ctx *c, int type, const char *prefix);
void reader_set_error_protocol_byte(struct ctx *r, char byte);
int f(struct ctx *c, const struct timeval *tv, const char *p)
{
	if (setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, tv, sizeof(*tv)) == -1) {
		set_error_from_errno(c, REDIS_ERR_IO, "setsockopt(SO_RCVTIMEO)");
		return REDIS_ERR;
	}
	switch (*p) {
	case '+':
		return REDIS_OK;
	default:
		reader_set_error_protocol_byte(c, *p);
		return REDIS_ERR;
	}
}
"""


@pytest.mark.parametrize("steps, want", [
    ([7, 8, 9], (7, "setsockopt")),
    ([7, 11, 15, 16], (15, None)),
], ids=["from-errno", "own-code"])
def test_returned_an_error_setter_says_by_its_name_what_it_records(
        path_facts: Facts, steps: list[int], want: tuple[int, str | None]) -> None:
    # hiredis 0.14: __redisSetErrorFromErrno() records strerror(errno), the libc call
    # before it; __redisReaderSetErrorProtocolByte(r, *p) stores REDIS_ERR_PROTOCOL of
    # its own in the reader, which the caller reads back.
    v = "c=0x55 tv=0x56 p=0x57"
    facts = path_facts(NAMED_SETTERS, run_trace("-1", [(n, v) for n in steps]),
                       probed=list(range(7, 18)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == want, ranked


PAST_THE_CHECK = b"""\
#include <stdio.h>
int hash_handle(int hash, FILE *in, unsigned char *out, unsigned long *outlen);
int f(int hash, const char *fname, unsigned char *out, unsigned long *outlen)
{
	FILE *in;
	int err;

	in = fopen(fname, "rb");
	if (in == NULL)
		return CRYPT_FILE_NOTFOUND;
	err = hash_handle(hash, in, out, outlen);
	if (fclose(in) != 0)
		return CRYPT_ERROR;
	return err;
}
"""


def test_returned_at_o2_the_return_after_the_last_check_whose_variable_holds_the_value(
        path_facts: Facts) -> None:
    # libtomcrypt 1.18's hash_file at -O2: the path ends on `if (fclose(in) != 0)` with
    # err 6, the value returned: `return err;` ran without a stop, not CRYPT_ERROR.
    v = "hash=0x1 fname=0x55 in={} err={}"
    facts = path_facts(PAST_THE_CHECK, run_trace("6", [
        (8, v.format("?", "?")), (9, v.format("0x56", "?")), (11, v.format("0x56", "?")),
        (12, v.format("0x56", "0x6"))]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, "hash_handle"), ranked


SETTER_READS_ERRNO = b"""\
#include <errno.h>
#include <string.h>
#include <unistd.h>
struct ctx { int fd; int err; char errstr[128]; };
static void __ctxSetError(struct ctx *c, int type, const char *str)
{
	c->err = type;
	if (str != NULL)
		strncpy(c->errstr, str, sizeof(c->errstr) - 1);
	else
		strerror_r(errno, c->errstr, sizeof(c->errstr));
}

int f(struct ctx *c, const char *buf, int len)
{
	int n;

	n = write(c->fd, buf, len);
	if (n == -1) {
		if (errno == EAGAIN || errno == EINTR) {
			/* Try again later */
		} else {
			__ctxSetError(c, REDIS_ERR_IO, NULL);
			return REDIS_ERR;
		}
	} else if (n == 0) {
		__ctxSetError(c, REDIS_ERR_EOF, "Server closed the connection");
		return REDIS_ERR;
	}
	return REDIS_OK;
}
"""


@pytest.mark.parametrize("n, steps, want", [
    ("0xffffffff", [18, 19, 20, 23, 24, 31], (18, "write")),
    ("0x0", [18, 19, 26, 27, 28, 31], (27, None)),
], ids=["no-message", "own-message"])
def test_returned_an_error_setter_given_no_message_records_errno(
        path_facts: Facts, n: str, steps: list[int], want: tuple[int, str | None]) -> None:
    # hiredis 0.14's redisBufferWrite: __redisSetError(c, REDIS_ERR_IO, NULL) formats
    # strerror(errno) itself (its source is in the file), the error of write(); with a
    # message of its own it records that.
    v = f"c=0x55 buf=0x56 len=0xe n={n}"
    facts = path_facts(SETTER_READS_ERRNO, run_trace("-1", [(k, v) for k in steps]),
                       probed=list(range(18, 32)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == want, ranked


ZERO_KEPT = b"""\
struct prng { int ready; int lock; };
void lock(int *l);
void unlock(int *l);
void zeromem(unsigned char *out, unsigned long n);
unsigned long f(unsigned char *out, unsigned long outlen, struct prng *prng)
{
	if (outlen == 0 || prng == 0 || out == 0) return 0;
	lock(&prng->lock);
	if (!prng->ready) {
		outlen = 0;
		goto LBL_UNLOCK;
	}
	zeromem(out, outlen);
LBL_UNLOCK:
	unlock(&prng->lock);
	return outlen;
}
"""


def test_branches_a_zero_the_function_returns_is_set_in_the_branch(path_facts: Facts) -> None:
    # libtomcrypt 1.18's yarrow_read at -O2: the path ends on `if (!prng->ready)`; the
    # branch sets the returned `outlen` to 0, the value returned.
    v = "out=0x55 outlen=0x10 prng=0x56"
    facts = path_facts(ZERO_KEPT, run_trace("0", [(6, v), (7, v), (8, v), (9, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (10, None), ranked


CODE_FOR_CALLER = b"""\
#include <stdlib.h>
struct msg { char *types; };
int validate(const void *data, size_t n);
struct msg *f(const char *data, size_t remain, int *result)
{
	struct msg *msg = malloc(sizeof(*msg));
	int res = 0, len;

	len = validate(data, remain);
	if (len < 0) {
		res = LO_EINVALIDPATH;
		goto fail;
	}
	if (data[len] != ',') {
		res = LO_EBADTYPE;
		goto fail;
	}
	return msg;
  fail:
	free(msg);
	if (result) {
		*result = res;
	}
	return NULL;
}
"""


@pytest.mark.parametrize("steps, want", [
    ([6, 7, 9, 10, 11, 12, 20, 21, 22, 24, 25], 11),
    ([6, 9, 10, 14, 20, 21], 15),
], ids=["O0", "O2"])
def test_guard_null_with_a_code_the_function_hands_its_caller(
        path_facts: Facts, steps: list[int], want: int) -> None:
    # liblo 0.31's lo_message_deserialise: `res = LO_EINVALIDPATH; goto fail;`, then
    # `fail:` stores res through `result` and returns NULL; at -O2 the path goes from
    # the check at line 14 to `fail:` with no stop on `res = LO_EBADTYPE;`.
    v = "data=0x55 remain=0x4 result=0x56 len={}"
    facts = path_facts(CODE_FOR_CALLER, run_trace("0x0", [
        (n, v.format("0xffffd947" if want == 11 else "0x4")) for n in steps]),
        probed=list(range(6, 26)) if want == 11 else None)
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (want, None), ranked


def test_a_keyword_is_no_function_name() -> None:
    # liblo 0.31's server.c: its `#if defined(WIN32)` blocks make tree-sitter-c read
    # `if ((bind(...)) < 0) {` inside lo_server_new_with_proto_internal as a definition
    # named `if`, which held the traced lines; the function is parsed again instead.
    from reporter.diagnosis.csource import SourceModel

    path = REPO / "tests" / "realworld" / "sources" / "liblo" / "src" / "server.c"
    model = SourceModel.of(str(path), path.read_bytes())
    assert "if" not in {d[0] for d in model.definitions}
    fn = model.function("lo_server_new_with_proto_internal", [437, 447, 521, 527])
    assert fn is not None and (fn.name, fn.start, fn.end) == (
        "lo_server_new_with_proto_internal", 424, 719)


FILLED_IN_DECLARATION = b"""\
#include <stddef.h>
struct msg;
struct msg *deserialise(const void *data, size_t size, int *result);
void report(int code, const char *what);
int f(const void *data, size_t size)
{
	int result = 0;
	struct msg *msg = deserialise(data, size, &result);
	if (NULL == msg) {
		report(result, "Invalid message received");
		return -result;
	}
	return (int) size;
}
"""


def test_returned_a_code_a_call_in_a_declaration_filled_in(path_facts: Facts) -> None:
    # liblo 0.31's dispatch_data: `lo_message msg = lo_message_deserialise(data, size,
    # &result);` gives `result` the code that `return -result;` reports.
    v = "data=0x55 size=0x4 result={} msg={}"
    facts = path_facts(FILLED_IN_DECLARATION, run_trace("-9902", [
        (7, v.format("?", "?")), (8, v.format("0x0", "?")), (9, v.format("0x26ae", "0x0")),
        (10, v.format("0x26ae", "0x0")), (11, v.format("0x26ae", "0x0")),
        (14, v.format("0x26ae", "0x0"))]), probed=list(range(7, 15)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (8, "deserialise"), ranked


CODE_AND_MESSAGE = b"""\
#include <stddef.h>
struct address { int protocol; int errnum; const char *errstr; };
int f(struct address *a, const void *data, size_t data_len)
{
	if (a->protocol == LO_UDP && data_len > 65535) {
		a->errnum = 99;
		a->errstr = "Attempted to send message in excess of maximum message size";
		return -1;
	}
	return 0;
}
"""


def test_returned_of_a_code_and_its_message_stored_for_the_caller_the_code(
        path_facts: Facts) -> None:
    # liblo 0.31's send_data: lo_address_errno() reads the code, lo_address_errstr()
    # its message; the code's line made the failure.
    v = "a=0x55 data=0x56 data_len=0x11180"
    facts = path_facts(CODE_AND_MESSAGE, run_trace("-1", [(5, v), (6, v), (7, v), (8, v)]),
                       probed=list(range(5, 11)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (6, None), ranked


UNSTOPPED_SETTER = b"""\
struct address { int socket; void *ai; };
int resolve(struct address *a);
int create_socket(struct address *a);
int f(struct address *a)
{
	int ret = 0;

	if (!a->ai) {
		ret = resolve(a);
		if (ret)
			return ret;
	}
	if (a->socket == -1) {
		ret = create_socket(a);
		if (ret)
			return ret;
	}
	return 0;
}
"""


def test_origin_an_inlined_call_the_path_shows_no_stop_for_set_the_value(
        path_facts: Facts) -> None:
    # liblo 0.31's send_data at -O2: `ret = resolve(a)` ran and gave 0; create_socket()
    # was inlined and has no stop of its own, but the path went from line 13 to its
    # `if (ret)`, so it ran and made the -1 returned.
    v = "a=0x55 ret={}"
    facts = path_facts(UNSTOPPED_SETTER, run_trace("-1", [
        (6, v.format("?")), (8, v.format("0x0")), (9, v.format("0x0")), (10, v.format("0x0")),
        (13, v.format("0x0")), (15, v.format("?")), (19, v.format("?"))]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (14, "create_socket"), ranked


SYSERROR = b"""\
typedef struct ctx *ctx_t;
int readline(ctx_t ctx, char *buf, int len, int *nread);
int f(ctx_t ctx, char *line)
{
	int rc, nread;

	rc = readline (ctx, line, 1002, &nread);
	if (rc)
		return _assuan_error (ctx, gpg_err_code_from_syserror ());
	return 0;
}
"""


def test_returned_a_code_made_from_errno_by_name_is_the_failed_calls(path_facts: Facts) -> None:
    # libassuan 2.5's _assuan_read_line: gpg_err_code_from_syserror() reads errno, which
    # readline() set; _assuan_error() (a header the run lacks) wraps the code.
    v = "ctx=0x55 line=0x56 rc={}"
    facts = path_facts(SYSERROR, run_trace("0x2000800b", [
        (7, v.format("?")), (8, v.format("0xffffffff")), (9, v.format("0xffffffff")),
        (11, v.format("0xffffffff"))]), probed=[7, 8, 9, 10, 11])
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (7, "readline"), ranked


CODE_AFTER_CONTEXT = b"""\
typedef struct ctx *ctx_t;
int f(ctx_t ctx, const char *name)
{
	const char *s = name;

	if (*s && s[1] == ':')
		s += 2;
	if (*s != '\\\\' && *s != '/')
		return _assuan_error (ctx, GPG_ERR_ASS_INV_VALUE);
	return 0;
}
"""


def test_returned_an_error_helpers_named_code_not_its_context(path_facts: Facts) -> None:
    # libassuan 2.5's assuan_socket_connect at -O2: `_assuan_error (ctx, CODE)` (an
    # inline function of a header the run lacks) makes the code from CODE; ctx only
    # gives it its source.
    v = "ctx=0x55 name=0x56 s=0x56"
    facts = path_facts(CODE_AFTER_CONTEXT, run_trace("0x20000105", [(4, v), (6, v), (8, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (9, None), ranked


UNKNOWN_KIND = b"""\
#include <stdio.h>
#include <stdlib.h>
struct address;
int get_protocol_id(const char *url);
char *get_protocol(const char *url);
struct address *new_with_proto(int proto, const char *url);
struct address *f(const char *url)
{
	struct address *a = NULL;
	char *proto;
	int protocol = get_protocol_id(url);

	if (protocol == LO_UDP || protocol == LO_TCP) {
		a = new_with_proto(protocol, url);
	} else if (protocol == LO_UNIX) {
		a = new_with_proto(LO_UNIX, url);
	} else {
		proto = get_protocol(url);
		fprintf(stderr, "protocol '%s' not supported\\n", proto);
		if (proto)
			free(proto);

		return NULL;
	}
	return a;
}
"""


def test_guard_a_kind_no_branch_knows_is_the_functions_refusal(path_facts: Facts) -> None:
    # liblo 0.31's lo_address_new_from_url at -O2: the path ends on `free(proto)`, then
    # `return NULL;` with no stop; `protocol == LO_UNIX` asks which protocol the URL
    # names, so get_protocol_id()'s -1 is no failed call.
    v = "url=0x55 a=0x0 protocol=0xffffffff"
    facts = path_facts(UNKNOWN_KIND, run_trace("0x0", [
        (9, v), (11, v), (13, v), (15, v), (18, v), (19, v), (20, v), (21, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (23, None), ranked


OWN_FALSE = b"""\
typedef int OPJ_BOOL;
struct j2k;
OPJ_BOOL read_soc(struct j2k *j);
void event_msg(const char *msg);
OPJ_BOOL f(struct j2k *p_j2k)
{
	if (! read_soc(p_j2k)) {
		event_msg("Expected a SOC marker");
		return OPJ_FALSE;
	}
	return OPJ_TRUE;
}
"""


def test_guard_a_librarys_own_false_after_a_failed_call_is_that_call(path_facts: Facts) -> None:
    # openjpeg 2.5's opj_j2k_read_header_procedure: OPJ_FALSE is false, not an error
    # the function names; read_soc() failed, and the message is only emitted.
    v = "p_j2k=0x55"
    facts = path_facts(OWN_FALSE, run_trace("0", [(7, v), (8, v), (9, v), (12, v)]),
                       probed=list(range(7, 13)))
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (7, "read_soc"), ranked


ASKED_TYPE = b"""\
#include <stddef.h>
struct setting;
struct setting *lookup(const void *config, const char *path);
int setting_type(const struct setting *s);
int f(const void *config, const char *path)
{
	const struct setting *s = lookup(config, path);
	if(! s)
		return(CONFIG_FALSE);
	if(setting_type(s) != CONFIG_TYPE_STRING)
		return(CONFIG_FALSE);
	return(CONFIG_TRUE);
}
"""


def test_guard_what_an_asked_call_was_given_did_not_fail(path_facts: Facts) -> None:
    # libconfig 1.5's config_lookup_string at -O2: lookup() found the setting (`s` set)
    # and the type it has decided; `s` is what setting_type() was asked about.
    v = "config=0x55 path=0x56 s=0x57"
    facts = path_facts(ASKED_TYPE, run_trace("0", [(6, v), (7, v), (8, v), (10, v)]))
    assert facts.optimised is True
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (11, None), ranked


UNSIGNED_MINUS_ONE = b"""\
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <net/if.h>
uint32_t f(int fd, struct ifreq *ifr)
{
	if (ioctl(fd, SIOCGIFADDR, ifr) < 0)
	{
		close(fd);
		return (-1);
	}
	close(fd);
	return 1;
}
"""


def test_a_u32_all_ones_is_the_minus_one_it_was_written_as(path_facts: Facts) -> None:
    # libnet 1.1's libnet_get_ipaddr4 (u_int32_t): gdb prints `return (-1);` as
    # 4294967295; it is the status -1, and the failed ioctl() says why.
    v = "fd=0x3 ifr=0x55"
    facts = path_facts(UNSIGNED_MINUS_ONE, run_trace("4294967295", [
        (7, v), (9, v), (10, v), (14, v)]), probed=list(range(7, 15)))
    assert facts.number == -1
    ranked = engine.rank(facts)
    assert (ranked[0].line, ranked[0].callee) == (7, "ioctl"), ranked


MESSAGE_THEN_RETURN = b"""\
#include <errno.h>
#include <stdio.h>
int f(struct ctx *l, int options_s)
{
	if (options_s > 40)
	{
		snprintf(l->err_buf, 256,
		    "%s(): options list is too large %d", __func__, options_s);
		return (-1);
	}
	if (options_s == 0) {
		log_err(l, "empty options");
		return -EINVAL;
	}
	return 0;
}
"""


@pytest.mark.parametrize(("ret", "size", "lines"), [
    ("-1", "0x2c", (5, 7, 9)), ("-22", "0x0", (5, 11, 12, 13))])
def test_a_message_just_before_a_returned_constant_is_the_second_guess(
        path_facts: Facts, ret: str, size: str, lines: tuple[int, ...]) -> None:
    """libnet 1.1's `snprintf(l->err_buf, ...); return (-1);` keeps the message for
    libnet_geterror(); a `log_err(...)` only prints it. Which one is the origin is the
    library's convention, so the message is ranked second, never above the return."""
    v = f"l=0x5555 options_s={size}"
    ranked = engine.rank(path_facts(MESSAGE_THEN_RETURN, run_trace(ret, [
        (n, v) for n in (*lines, 16)])))
    assert [c.line for c in ranked[:2]] == [lines[-1], lines[-2]]
    assert ranked[1].rule in ("guard", "returned")


READ_THROUGH = b"""\
#define at(b) ((b)->content + (b)->offset)
struct item *f(struct buf *b, int strict)
{
	struct item *item = new_item();

	if (item == NULL)
		goto fail;
	if (strict && at(b)[0] != '\\0')
	{
		goto fail;
	}
	return item;
fail:
	if (item != NULL)
		delete_item(item);
	return NULL;
}
"""


def test_a_call_whose_result_the_check_reads_through_did_not_fail(path_facts: Facts) -> None:
    """cJSON 1.7's `if ((buffer.offset >= buffer.length) || buffer_at_offset(&buffer)[0]
    != '\\0') goto fail;`: the pointer the call returned is read, so the call did not
    fail; the check on the byte decided, and its `goto` is the answer."""
    v = "b=0x5555 strict=0x1 item=0x6000"
    best = engine.rank(path_facts(READ_THROUGH, run_trace("0x0", [
        (4, v), (6, v), (8, v), (10, v), (14, v), (15, v), (16, v), (17, v)])))[0]
    assert (best.line, best.callee) == (10, None)


SUCCESS_MACRO = b"""\
enum sp_return set_flow(struct config *config, int flow)
{
	if (flow > 3)
		RETURN_ERROR(SP_ERR_ARG, "Invalid flow control setting");
	if (flow == 1)
		config->xon_xoff = 3;
	else
		config->xon_xoff = 0;
	config->flow = flow;
	RETURN_OK();
}
"""


def test_a_macro_named_for_success_is_no_failure_but_the_macro_before_it(
        path_facts: Facts) -> None:
    """libserialport 0.1 at -O2: the path steps `if (flowcontrol > ...)`,
    `RETURN_ERROR(SP_ERR_ARG, ...)`, then gcc's shared epilogue on `RETURN_OK();`,
    whose success cannot be the -1 returned."""
    v = "config=0x5555 flow=0x4"
    facts = path_facts(SUCCESS_MACRO, run_trace("-1", [(3, v), (4, v), (10, v), (11, v)]),
                       function="set_flow")
    assert [f.line for f in macros.findings(facts)] == [4]
    assert engine.rank(facts)[0].line == 4


MACRO_SETS = b"""\
#define start_container(n) \\
	if (top >= 32) { \\
		ret = -2; \\
		goto _failed; \\
	} \\
	stack[top++] = (n)
int f(const unsigned char *p, int n)
{
	int ret = 0;
	int top = 0;
	int stack[32];

	while (n-- > 0)
		start_container(*p++);
	ret = 1;
_failed:
	return ret;
}
"""


def test_a_macro_that_assigns_the_returned_variable_is_where_it_got_the_value(
        path_facts: Facts) -> None:
    """msgpack-c 4.0's `start_container(_array, ...)`: its `ret =
    MSGPACK_UNPACK_NOMEM_ERROR; goto _failed;` has no line of its own, so the line
    using the macro set `ret` (not a later `ret = ...;` of the function's own)."""
    steps = [(9, "ret=0x0 top=0x0"), (13, "ret=0x0 top=0x20"), (14, "ret=0x0 top=0x20"),
             (17, "ret=0xfffffffe top=0x20"), (18, "ret=0xfffffffe top=0x20")]
    best = engine.rank(path_facts(MACRO_SETS, run_trace("-2", steps)))[0]
    assert (best.line, best.kind) == (14, "errno-constant")


STRAY_LINE = b"""\
void release(struct r *r)
{
	if (0 != --r->refs)
		return;
	free(r);
}

int add(struct r *r, const char *h, const char *v)
{
	if (!h || !v)
		return 0;
	if (strchr(v, '\\n'))
		return 0;
	if (is_special(h))
		return set_special(r, h, v);
	return add_entry(r, h, v);
}
"""


@pytest.mark.parametrize(("stray", "matches"), [((3,), True), ((3, 5), False)])
def test_one_stray_line_of_other_code_leaves_the_source_matching(
        path_facts: Facts, stray: tuple[int, ...], matches: bool) -> None:
    """libmicrohttpd 0.9.75 at -O2: MHD_add_response_header's first stop is on a line
    of MHD_destroy_response, code gcc shares. One such line among the traced
    function's own is no other version of the file; two are."""
    from reporter.diagnosis.checks import check_source
    v = "r=0x5555 h=0x6000 v=0x7000"
    lines = [*stray, 10, 12, 14, 16]
    facts = path_facts(STRAY_LINE, run_trace("0x0", [(n, v) for n in lines]), function="add")
    run = replace(facts.run, sources={"/src/t.c": STRAY_LINE})
    check = check_source(run, "/src/t.c", lines)
    assert check is not None and (not check.mismatched) == matches, check


YES_NO = b"""\
struct daemon *start(unsigned int flags, int ap)
{
	struct daemon *daemon = calloc(1, sizeof(*daemon));

	if (NULL == daemon)
		return NULL;
	if (MHD_NO == parse_options_va (daemon,
					ap))
	{
		free (daemon);
		return NULL;
	}
	return daemon;
}
"""


def test_a_call_compared_with_a_yes_no_status_is_the_one_that_failed(path_facts: Facts) -> None:
    """libmicrohttpd 0.9's `if (MHD_NO == parse_options_va (daemon, &servaddr, ap))`:
    MHD_NO is the library's "failed", not a value the call was asked about."""
    v = "flags=0x0 ap=0x1 daemon=0x5555"
    facts = path_facts(YES_NO, run_trace("0x0", [(3, v), (5, v), (7, v), (10, v), (11, v), (14, v)]),
                       function="start")
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (7, "parse_options_va")


NESTED_SETTERS = b"""\
int f(int a, int b)
{
	int ret = 0;
	if (a > 0 && b > 0) {
		if (g(a))
			ret = ERR_LOWER;
	} else {
		ret = ERR_UTF8;
	}
	free_all();
	return ret;
}
"""


def test_of_unshown_assignments_in_a_branch_the_least_nested_one_ran(
        path_facts: Facts) -> None:
    """libpsl 0.21 at -O2 steps the `if (iconv(...) != -1 && ...)`, then the `free(dst);`
    after it, `ret` now -5: the `ret = PSL_ERR_TO_UTF8;` of the else branch set it, not
    the `ret = PSL_ERR_TO_LOWER;` under a further check of the other branch."""
    steps = [(3, "a=0x1 b=0x0 ret=0x0"), (4, "a=0x1 b=0x0 ret=0x0"),
             (10, "a=0x1 b=0x0 ret=0xfffffffb"), (11, "a=0x1 b=0x0 ret=0xfffffffb"),
             (12, "a=0x1 b=0x0 ret=0xfffffffb")]
    facts = path_facts(NESTED_SETTERS, run_trace("-5", steps), probed=[3, 4, 10, 11, 12])
    assert engine.rank(facts)[0].line == 8


CASE_MACROS = b"""\
#define CHECKED(ret, func, buf, size, ...) \\
	ret = func(buf, size, __VA_ARGS__); \\
	if (ret <= 0 || ret >= (int)size) return 0; \\
	buf = buf + ret; \\
	size = size - ret
int f(char *buf, size_t size, int type, long v)
{
	int ret;
	switch (type) {
	case 1:
		CHECKED(ret, snprintf, buf, size, "%lu", v);
		break;
	case 2:
		CHECKED(ret, snprintf, buf, size, "%ld", v);
		break;
	}
	return (int)size;
}
"""


def test_a_returning_macro_before_a_jump_into_another_case_returned(
        path_facts: Facts) -> None:
    """msgpack-c 4.0 at -O2: the path steps the positive integer's
    MSGPACK_CHECKED_CALL, then the negative integer's, where gcc put the `return 0;`
    both share; only the first can have run."""
    v = "buf=0x5555 size=0x4 type=0x1 v=0x12d687"
    facts = path_facts(CASE_MACROS, run_trace("0x0", [(9, v), (11, v), (14, v), (18, v)]))
    assert [f.line for f in macros.findings(facts)] == [11]
    assert engine.rank(facts)[0].line == 11


UNSEEN_JUMP = b"""\
struct item *f(const char *value, int strict)
{
	struct item *item = NULL;

	item = new_item();
	if (item == NULL)
		goto fail;
	if (!parse_value(item, value))
		goto fail;
	if (strict && value[0] != '\\0')
		goto fail;
	return item;
fail:
	if (item != NULL)
		delete_item(item);
	report(value);
	return NULL;
}
"""


def test_an_unseen_jump_into_label_code_names_the_first_check_the_values_leave(
        path_facts: Facts) -> None:
    """cJSON 1.7 at -O2 steps `item = cJSON_New_Item(...);`, then `fail:`'s code: of the
    checks between, `item == NULL` is false by the values, so `!parse_value(...)` (its
    call) is the guess, ranked with the doubt a guess has."""
    v = "value=0x5555 strict=0x0 item=0x6000"
    facts = path_facts(UNSEEN_JUMP, run_trace("0x0", [(3, v), (5, v), (14, v), (15, v), (16, v)]),
                       probed=[3, 5, 6, 8, 10, 12, 14, 15, 16, 17])
    assert [(f.line, f.callee) for f in guard.findings(facts)] == [(8, "parse_value")]


RETURN_INT = b"""\
enum sp_return sp_copy_port(const struct sp_port *port, struct sp_port **copy_ptr)
{
	if (!copy_ptr)
		RETURN_ERROR(SP_ERR_ARG, "Null result pointer");
	*copy_ptr = NULL;
	RETURN_INT(sp_get_port_by_name(port->name, copy_ptr));
}
"""


def test_a_returning_macro_given_a_call_alone_names_that_call(path_facts: Facts) -> None:
    """libserialport 0.1's `RETURN_INT(sp_get_port_by_name(port->name, copy_ptr));`:
    the macro returns what the call returned, so the call is the callee."""
    v = "port=0x5555 copy_ptr=0x7ffd"
    facts = path_facts(RETURN_INT, run_trace("-1", [(3, v), (5, v), (6, v), (7, v)]))
    assert [(f.line, f.callee) for f in macros.findings(facts)] == [(6, "sp_get_port_by_name")]


@pytest.mark.parametrize(("before", "verdict"), [(11, 11), (9, 12)])
def test_without_source_errno_is_set_on_the_line_just_before_the_return(
        path_facts: Facts, before: int, verdict: int) -> None:
    """User space's `errno = E; return -1;` sits on adjacent lines: without the
    source, the statement just before the last is the guess only when it is the line
    just above it; a statement further up is a check or a call before the return."""
    v = "fd=0x3 n=0x10"
    facts = path_facts(None, run_trace("-1", [(3, v), (before, v), (12, v), (14, v)]))
    assert engine.rank(facts)[0].line == verdict


STATUS_FIELD = b"""\
int f(struct iterator *iterator)
{
	if (!read_header(iterator))
		return false;
	if (iterator->type != 0) {
		iterator->status = ITERATOR_STATUS_BAD_METADATA;
		return false;
	}
	return true;
}
"""


def test_a_failure_status_kept_in_a_field_for_the_caller_is_the_origin(
        path_facts: Facts) -> None:
    """libFLAC 1.4's `iterator->status = FLAC__METADATA_SIMPLE_ITERATOR_STATUS_BAD_METADATA;
    return false;`: the caller reads the status with
    FLAC__metadata_simple_iterator_status(), so storing it is the origin."""
    v = "iterator=0x5555"
    facts = path_facts(STATUS_FIELD, run_trace("0x0", [(3, v), (5, v), (6, v), (7, v), (10, v)]))
    assert engine.rank(facts)[0].line == 6


PASSES_ON_FALSE = b"""\
FLAC__bool insert_comment(struct object *object, struct entry entry)
{
	if (object == NULL)
		return false;
	if (!entry_is_legal(entry.entry, entry.length))
		return false;
	if (!resize_comments(object, object->num + 1))
		return false;
	return true;
}
"""


@pytest.mark.parametrize("steps", [(3, 5, 6, 10), (3, 5)], ids=["O0", "O2"])
def test_a_truth_value_function_passes_its_predicates_false_on(
        path_facts: Facts, steps: tuple[int, ...]) -> None:
    """libFLAC 1.4's `if (!FLAC__format_vorbiscomment_entry_is_legal(...)) return false;`
    (libgit2 1.5's `if (!validate_component(...)) return false;`): the predicate's false
    is the answer, so it is the callee; at -O2 the trace ends on the check."""
    v = "object=0x5555 entry=0x6000"
    facts = path_facts(PASSES_ON_FALSE, run_trace("0x0", [(n, v) for n in steps]),
                       function="insert_comment", probed=[3, 5, 7, 9])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (5, "entry_is_legal")


BY_ADDRESS = b"""\
int f(const void *fdt, int off, const char *label)
{
	const char *path;
	int len;

	path = getprop(fdt, off, label,
		       &len);
	if (!path)
		return len;
	return 0;
}
"""


def test_a_variable_set_through_its_address_is_set_on_the_calls_first_line(
        path_facts: Facts) -> None:
    """dtc 1.6's `symbol_path = fdt_getprop(fdt, symbols_off, label,\\n &prop_len);
    if (!symbol_path) return prop_len;`: the call that filled `prop_len` is named at
    its first line, where gcc puts its stop."""
    trace = run_trace("-1", [(6, "fdt=0x5555 off=0x8 label=0x6000 len=0x0"),
                             (8, "fdt=0x5555 off=0x8 label=0x6000 len=0xffffffff"),
                             (9, "fdt=0x5555 off=0x8 label=0x6000 len=0xffffffff"),
                             (11, "fdt=0x5555 off=0x8 label=0x6000 len=0xffffffff")])
    best = engine.rank(path_facts(BY_ADDRESS, trace))[0]
    assert (best.line, best.callee) == (6, "getprop")


LABEL_IN_ELSE = b"""\
int f(int r, int term)
{
	if (r == 0) {
		r = parse(term);
		if (r != term)
			goto err;
	}
	else {
		release();
	err:
		if (term == 15)
			return -117;
		else
			return -11;
	}
	return r;
}
"""


def test_a_return_under_a_label_in_an_else_branch_is_reached_by_its_goto(
        path_facts: Facts) -> None:
    """Oniguruma 6.9's prs_alts: `if (tok->type != term) goto err;` in the then-branch
    jumps into the else-branch's `err:`, whatever `if (r == ...)` decided; the goto of
    the failed check is the answer."""
    v = "r=0x0 term=0xf"
    trace = run_trace("-117", [(3, v), (4, v), (5, "r=0x3 term=0xf"), (6, "r=0x3 term=0xf"),
                               (11, "r=0x3 term=0xf"), (12, "r=0x3 term=0xf"),
                               (17, "r=0x3 term=0xf")])
    assert engine.rank(path_facts(LABEL_IN_ELSE, trace))[0].line == 6


TRUTH_OPERAND = b"""\
bool read_superblock(struct iso *p_iso, int mask)
{
	if (!p_iso || !read_pvd(p_iso, &(p_iso->pvd)))
		return false;
	p_iso->level = 0;
	return true;
}
"""


def test_an_or_operand_testing_a_set_variable_did_not_decide(path_facts: Facts) -> None:
    """libcdio 2.1's `if (!p_iso || !iso9660_ifs_read_pvd(p_iso, &(p_iso->pvd))) return
    false;` with `p_iso` set: `!p_iso` was false, so the read is surely what failed."""
    v = "p_iso=0x5555555692a0 mask=0x0"
    facts = path_facts(TRUTH_OPERAND, run_trace("0x0", [(3, v), (4, v), (7, v)]),
                       function="read_superblock")
    tested = [f for f in guard.findings(facts) if f.callee == "read_pvd"]
    assert tested and tested[0].scale == 1.0


CODE_TABLE = b"""\
int map_code(int nl_error)
{
	switch (abs(nl_error)) {
	case 0:			return 0;
	case NLE_EXIST:		return EEXIST;
	default:		return EINVAL;
	}
}

int create_link(struct handle *th, struct link *link)
{
	int err;

	err = link_set_type(link, "team");
	if (err)
		goto errout;
	err = link_add(th->sock, link);
errout:
	link_put(link);
	return -map_code(err);
}
"""


def test_a_code_table_on_the_return_line_passes_the_callees_code_on(
        path_facts: Facts) -> None:
    """libteam 1.31's `return -nl2syserr(err);`: nl2syserr() only maps libnl's code to
    an errno (a switch returning constants), so the call that set `err` made it."""
    v = "th=0x5555555592a0 link=0x55555555a2c0 err=0"
    trace = run_trace("-19", [(14, v), (15, v), (17, v), (19, "th=0x5555555592a0"
                                                          " link=0x55555555a2c0 err=-7"),
                              (20, "th=0x5555555592a0 link=0x55555555a2c0 err=-7")])
    top = engine.rank(path_facts(CODE_TABLE, trace, function="create_link"))[0]
    assert (top.line, top.callee) == (17, "link_add")


REPORTS_ERRNO = b"""\
int io_normal(struct session *session, const char *filename)
{
	FILE *f;

	f = fopen(filename, "r");
	if (!f)
		return report_err(session,
			"Cannot open %s for reading: %s",
			filename, strerror(errno));
	session->istream = f;
	return 0;
}
"""


def test_an_error_helper_returned_printing_errno_names_the_libc_call(
        path_facts: Facts) -> None:
    """ipset 7.17's `return ipset_err(session, "Cannot open %s ...: %s", filename,
    strerror(errno));`: the helper prints the errno fopen() left, so fopen failed."""
    v = "session=0x5555555592a0 f=0x0"
    trace = run_trace("-1", [(5, v), (6, v), (7, v)])
    top = engine.rank(path_facts(REPORTS_ERRNO, trace, function="io_normal"))[0]
    assert (top.line, top.callee) == (5, "fopen")


CODE_THEN_MESSAGE = b"""\
bool parse_welcome(struct conn *connection, const char *output)
{
	if (strncmp(output, "OK MPD ", 7) != 0) {
		conn_error_code(&connection->error, ERROR_MALFORMED);
		conn_error_message(&connection->error,
				   "Malformed connect message received");
		return false;
	}
	return true;
}

struct pair *recv_pair(struct conn *connection, const char *line)
{
	switch (parser_feed(connection->parser, line)) {
	case PARSER_MALFORMED:
		conn_error_code(&connection->error, ERROR_MALFORMED);
		conn_error_message(&connection->error, "Failed to parse");
		connection->receiving = false;
		return NULL;
	}
	return pair_of(connection);
}
"""


def test_of_a_code_and_its_message_recorded_before_the_return_the_code(
        path_facts: Facts) -> None:
    """libmpdclient 2.20's `mpd_error_code(&connection->error, MPD_ERROR_MALFORMED);
    mpd_error_message(&connection->error, "..."); return false;`: the code is stored
    where mpd_connection_get_error() reads it, the message only adds words."""
    v = "connection=0x5555555682e0 output=0x7fffffffe9e0"
    trace = run_trace("0x0", [(3, v), (4, v), (5, v), (7, v)])
    facts = path_facts(CODE_THEN_MESSAGE, trace, function="parse_welcome")
    assert engine.rank(facts)[0].line == 4


def test_a_flag_reset_between_the_report_and_the_return_is_no_origin(
        path_facts: Facts) -> None:
    """libmpdclient 2.20's recv_pair at -O2: `connection->receiving = false;` sits
    between the recorded code and `return NULL;`; the code is still the origin."""
    v = "connection=0x5555555642e0 line=0x5555555622c8"
    trace = run_trace("0x0", [(14, v), (17, v), (18, v), (19, v)])
    facts = path_facts(CODE_THEN_MESSAGE, trace, function="recv_pair")
    assert engine.rank(facts)[0].line == 16


ERROR_FLAG = b"""\
struct rs *rs_create(double ratio, const char **error0)
{
	const char *error = 0;
	struct rs *p = 0;

	if (!error && !(p = calloc(sizeof(*p), 1))) error = "malloc failed";
	if (p)
		error = rs_set_ratio(p, ratio);
	if (error)
		rs_delete(p), p = 0;
	if (error0)
		*error0 = error;
	return p;
}
"""


def test_null_set_under_a_check_of_an_error_variable_names_what_set_it(
        path_facts: Facts) -> None:
    """libsoxr 0.1.3's soxr_create: `if (error) soxr_delete(p), p = 0;` returns NULL
    because `error = soxr_set_io_ratio(...)` failed; the call is the origin (-O2: no
    stop on the `p = 0`)."""
    v, w = "ratio=-1 error0=0x7fffffffe518 p=", "ratio=-1 error0=0x7fffffffe518 p=0x0"
    trace = run_trace("0x0", [(3, v + "0x0"), (4, v + "0x0"), (6, v + "0x0"),
                              (7, v + "0x55555555a2c0"), (8, v + "0x55555555a2c0"),
                              (9, v + "0x55555555a2c0"), (11, w), (12, w), (13, w)])
    top = engine.rank(path_facts(ERROR_FLAG, trace, function="rs_create"))[0]
    assert (top.line, top.callee) == (8, "rs_set_ratio")


CHECKING_MACRO = b"""\
int next_input(struct parser *fyp, struct input *fyi)
{
	int rc;

	if (!fyi)
		return 0;
	rc = reader_input_open(fyp->reader, fyi);
	parser_error_check(fyp, !rc, err_out,
			   "failed to open input");
	input_unref(fyi);
	return 1;

err_out:
	return -1;
}
"""


def test_a_checking_macro_given_a_label_is_the_check_that_jumped(path_facts: Facts) -> None:
    """libfyaml 0.7's `fyp_error_check(fyp, !rc, err_out, "failed to open input");`, a
    macro from a header that tests `!rc` and jumps to `err_out:`: the call that set
    `rc` failed."""
    v = "fyp=0x7fffffffe150 fyi=0x5555555dc860 rc="
    trace = run_trace("-1", [(5, v + "0"), (7, v + "0"), (8, v + "-1"), (14, v + "-1")])
    top = engine.rank(path_facts(CHECKING_MACRO, trace, function="next_input"))[0]
    assert (top.line, top.callee) == (7, "reader_input_open")


CLEARED_SLOT = b"""\
struct node *node_build(struct doc *fyd, struct parser *fyp)
{
	struct node *fyn;

	fyn = document_load_node(fyd, fyp);
	doc_error_check(fyd, fyn, err_out,
			"document_load_node() failed");
	return fyn;

err_out:
	node_free(fyn);
	fyd->diag->on_error = false;
	return NULL;
}
"""


def test_an_error_slot_cleared_before_the_return_stores_no_error(path_facts: Facts) -> None:
    """libfyaml 0.7's `err_out: ...; fyd->diag->on_error = false; return NULL;` resets
    the flag; what failed is the call the checking macro tested."""
    v = "fyd=0x5555555b2a0 fyp=0x5555555c3b0"
    trace = run_trace("0x0", [(5, v), (6, v), (11, v), (12, v), (13, v)])
    top = engine.rank(path_facts(CLEARED_SLOT, trace, function="node_build"))[0]
    assert (top.line, top.callee) == (5, "document_load_node")


WRAPPING_MACRO = b"""\
int process_samp(struct ctx *ctx, const char *buf, int offs)
{
	int r = 0;

	if (buf == NULL)
		goto done;
	CHKR(process_include(ctx, buf, offs));
	r = finish(ctx);
done:
	return r;
}
"""


def test_a_macro_given_one_call_whose_result_the_variable_then_holds_names_it(
        path_facts: Facts) -> None:
    """liblognorm 2.0's `CHKR(processInclude(ctx, buf, offs));` (from a header the run
    lacks: `if ((r = (x)) != 0) goto done`): `r` holds 1 right after it, so
    processInclude() made it."""
    v = "ctx=0x55555557e2a0 buf=0x7ffffffee480 offs=0x5 r="
    trace = run_trace("1", [(3, v + "0xa"), (5, v + "0x0"), (7, v + "0x0"), (10, v + "0x1")])
    top = engine.rank(path_facts(WRAPPING_MACRO, trace, function="process_samp",
                                 probed=[3, 5, 6, 7, 8, 10]))[0]
    assert (top.line, top.callee) == (7, "process_include")


CODE_UP_THE_BLOCK = b"""\
struct pair *recv_pair(struct conn *connection)
{
	const char *msg;

	switch (parser_feed(connection->parser)) {
	case PARSER_ERROR:
		conn_error_server(&connection->error,
				  parser_get_server_error(connection->parser));
		msg = parser_get_message(connection->parser);
		if (msg == NULL)
			msg = "Unspecified error";
		conn_error_message(&connection->error, msg);
		return NULL;
	}
	return pair_of(connection);
}

int process_select(struct session *session)
{
	if (getsockname(session->sock) < 0 || getpeername(session->sock) < 0) {
		session->lasterror = IRC_ERR_CONNECT;
		session->state = IRC_STATE_DISCONNECTED;
		return 1;
	}
	return 0;
}
"""


def test_the_code_recorded_a_few_statements_before_its_message_is_the_origin(
        path_facts: Facts) -> None:
    """libmpdclient 2.20: `mpd_error_server(&connection->error, ...); msg = ...; if (msg
    == NULL) msg = "..."; mpd_error_message(&connection->error, msg); return NULL;`:
    the server's code, stored first; `msg` is only the message."""
    v = "connection=0x5555555642e0 msg=0x5555555622c8"
    trace = run_trace("0x0", [(5, v), (7, v), (9, v), (10, v), (12, v), (13, v)])
    facts = path_facts(CODE_UP_THE_BLOCK, trace, function="recv_pair")
    assert engine.rank(facts)[0].line == 7


def test_a_state_set_between_the_stored_code_and_the_return_is_no_origin(
        path_facts: Facts) -> None:
    """libircclient 1.9: `session->lasterror = LIBIRC_ERR_CONNECT; session->state =
    LIBIRC_STATE_DISCONNECTED; return 1;`: the code irc_errno() reads is stored first."""
    v = "session=0x5555555592a0"
    trace = run_trace("1", [(20, v), (21, v), (22, v), (23, v)])
    facts = path_facts(CODE_UP_THE_BLOCK, trace, function="process_select")
    assert engine.rank(facts)[0].line == 21


TRUTH_OF_ERROR = b"""\
int set_ratio(struct state *p, double ratio)
{
	return -!!rs_set_io_ratio(p, 1 / ratio);
}

int simple(struct data *io, int channels)
{
	const char *error;

	if (!io || channels <= 0)
		return -1;
	error = rs_oneshot(io->ratio, channels);
	io->used = 0;
	return -!!error;
}
"""


@pytest.mark.parametrize(("function", "steps", "want"),
                         [("set_ratio", (3,), (3, "rs_set_io_ratio")),
                          ("simple", (10, 12, 13, 14), (12, "rs_oneshot"))])
def test_a_truth_value_of_an_error_returned_names_what_made_the_error(
        path_facts: Facts, function: str, steps: tuple[int, ...],
        want: tuple[int, str]) -> None:
    """libsoxr 0.1.3's `return -!!soxr_set_io_ratio(...);` and `error =
    soxr_oneshot(...); ... return -!!error;`: -1 says only that there was an error
    string; the call that returned it made it."""
    v = "p=0x5555556012a0 io=0x7fffffffe550 channels=0x1"
    trace = run_trace("-1", [(n, v) for n in steps])
    top = engine.rank(path_facts(TRUTH_OF_ERROR, trace, function=function))[0]
    assert (top.line, top.callee) == want


TWO_CHECK_LINE_RETURNS = b"""\
size_t rs_output(struct rs *p, void *out, size_t len0)
{
	size_t odone = 0;

	if (!p || p->error) return 0;
	if (!out && len0) {p->error = "null output buffer pointer"; return 0;}
	odone = rs_output_more(p, out, len0);
	return odone;
}
"""


def test_a_return_whose_check_on_its_line_the_values_make_true_is_the_one_that_ran(
        path_facts: Facts) -> None:
    """libsoxr 0.1.3 at -O2: `if (!p || p->error) return 0;` then `if (!out && len0)
    {p->error = "..."; return 0;}`, the path ending on the second with out=0x0 and
    len0=0x10: the second ran, not a merged copy of the first."""
    v = "p=0x5555555bd2a0 out=0x0 len0=0x10 odone=?"
    trace = run_trace("0x0", [(3, v), (5, v), (6, v)])
    facts = path_facts(TWO_CHECK_LINE_RETURNS, trace, function="rs_output",
                       probed=[3, 5, 6, 8])
    assert engine.rank(facts)[0].line == 6


DIRECTIVES_BEFORE_ELSE = b"""\
int open_stream(struct frame *fr, const char *name, int fd)
{
	int filept;

	if(!name) /* got a descriptor */
	{
		filept = fd;
	}
	#ifndef O_BINARY
	#define O_BINARY (0)
	#endif
	else if((filept = compat_open(name, O_RDONLY|O_BINARY)) < 0) /* a file */
	{
		if(NOQUIET) error2("Cannot open file %s: %s", name, strerror(errno));
		fr->err = FR_BAD_FILE;
		return FR_ERR;
	}
	fr->filept = filept;
	return open_finish(fr);
}
"""


def test_preprocessor_lines_between_an_if_and_its_else_leave_the_function_whole(
        path_facts: Facts) -> None:
    """mpg123 1.31's open_stream: `}` `#ifndef O_BINARY` `#define O_BINARY (0)`
    `#endif` `else if (...) { fr->err = MPG123_BAD_FILE; return MPG123_ERR; }`: the
    stored code is the origin, which needs the `if` read as one statement."""
    from reporter.diagnosis.csource import SourceModel

    fn = SourceModel.of("t.c", DIRECTIVES_BEFORE_ELSE).function_named("open_stream")
    assert fn is not None and fn.end == 20
    v = "fr=0x5555555c12a0 name=0x555555592070 filept="
    trace = run_trace("-1", [(5, v + "?"), (12, v + "-1"), (14, v + "-1"), (15, v + "-1"),
                             (16, v + "-1"), (20, v + "-1")])
    facts = path_facts(DIRECTIVES_BEFORE_ELSE, trace, function="open_stream")
    assert engine.rank(facts)[0].line == 15


CHECKED_CALLS = b"""\
int load_string(struct ctx *ctx, const char *string)
{
	int r = 1;
	int isEof = 0;

	if (string == NULL)
		goto done;
	while (!isEof) {
		CHKR(samp_read(ctx, &string, &isEof));
	}
	r = 0;
done:
	return r;
}

int process_type(struct ctx *ctx, const char *buf)
{
	int r = -1;

	CHKR(get_type_name(ctx, buf));
	log_dbg(ctx, "type name read");
	r = 0;
done:	return r;
}
"""


@pytest.mark.parametrize(("function", "steps", "want"),
                         [("load_string", (3, 4, 6, 8, 9), (9, "samp_read")),
                          ("process_type", (18, 20, 23, 24), (20, "get_type_name"))],
                         ids=["trace-ends-on-it", "jumps-to-label"])
def test_an_all_caps_macro_given_one_call_before_the_exit_names_the_call(
        path_facts: Facts, function: str, steps: tuple[int, ...],
        want: tuple[int, str]) -> None:
    """liblognorm 2.0's `CHKR(ln_sampRead(...));` (`if ((r = (x)) != 0) goto done`, in a
    header the run lacks): the trace ends on it, or goes from it straight to `done:`;
    the call failed, though `r` held the value before it."""
    v = "ctx=0x5555555752a0 r=" + ("0x1" if function == "load_string" else "-1")
    trace = run_trace("1" if function == "load_string" else "-1", [(n, v) for n in steps])
    top = engine.rank(path_facts(CHECKED_CALLS, trace, function=function,
                                 probed=[3, 4, 6, 7, 8, 9, 11, 13, 18, 20, 21, 22, 23]))[0]
    assert (top.line, top.callee) == want


@pytest.mark.parametrize(("steps", "matches"), [((10, 12, 3, 5, 12, 14, 16), True),
                                                ((3, 5, 10, 12, 14, 16), False)],
                         ids=["inlined-between", "before-all"])
def test_stray_lines_of_one_function_between_the_traced_ones_are_an_inlined_call(
        path_facts: Facts, steps: tuple[int, ...], matches: bool) -> None:
    """libteam 1.31 at -O2: team_init steps 576, 577, then this file's team_log_cond
    (776, 778, inlined through the `err(th, ...)` macro of a header), then 577 again.
    Lines of one other function between the traced function's own are that call; the
    same lines before all of them are no such call."""
    from reporter.diagnosis.checks import check_source
    v = "r=0x5555 h=0x6000 v=0x7000"
    facts = path_facts(STRAY_LINE, run_trace("0x0", [(n, v) for n in steps]), function="add")
    run = replace(facts.run, sources={"/src/t.c": STRAY_LINE})
    check = check_source(run, "/src/t.c", sorted(set(steps)), [list(steps)])
    assert check is not None and (not check.mismatched) == matches, check


RECORDED_ZERO_START = b"""\
int nlsetup(int fd, struct err **error)
{
	int res = 0;
	int localerrnum = 0;

	res = access_init(fd, &localerrnum);
	if (res != 0) {
		if (res == -1) {
			return res;
		}
		lib_error(NULL, error, localerrnum);
		return 1;
	}
	return 0;
}
"""


def test_a_recorded_code_whose_variable_only_started_at_zero_is_the_recording_line(
        path_facts: Facts) -> None:
    """libdwarf 20210528 at -O2: `_dwarf_error(NULL, error, localerrnum); return
    DW_DLV_ERROR;`, `localerrnum` filled through its address by a call gcc inlined
    (no step for it): its `= 0` declaration is no error; the report keeps it."""
    v = "fd=0x3 error=0x7fffffffe4b8"
    trace = run_trace("1", [(3, v), (4, v), (8, v), (11, v), (12, v)])
    facts = path_facts(RECORDED_ZERO_START, trace, function="nlsetup",
                       probed=[3, 4, 8, 11, 12, 14])
    assert engine.rank(facts)[0].line == 11


SIGNED_PRODUCT = b"""\
int name_to_errno(const char *error)
{
	int rc, minus = 1;

	if (*error == '-') {
		minus = -1;
		error++;
	}
	if (err_s2i(error, &rc) == 0)
		rc = 0;

	return rc*minus;
}
"""


def test_a_product_with_a_sign_is_made_where_the_other_factor_was(path_facts: Facts) -> None:
    """audit 3.0.9's audit_name_to_errno: `if (err_s2i(error, &rc) == 0) rc = 0; return
    rc*minus;` returns 0 because `rc = 0;` ran; `minus` is only the sign."""
    v = "error=0x55555555a004 rc=0x0 minus=0x1"
    trace = run_trace("0", [(3, v), (5, v), (9, v), (10, v), (12, v)])
    facts = path_facts(SIGNED_PRODUCT, trace, function="name_to_errno",
                       probed=[3, 5, 6, 7, 9, 10, 12])
    assert engine.rank(facts)[0].line == 10


ZERO_CODE_REPORT = b"""\
int add_field(struct ctx *ctx, const char *buf, int i, int lenBuf)
{
	int r = 0;
	struct json *cfg;

	cfg = json_parse(buf + i);
	if (cfg == NULL || i == lenBuf) {
		lib_errprintf(ctx, 0, "invalid json in '%s'", buf + i);
		r = -1;
		goto done;
	}
	r = use(cfg);
done:
	return r;
}
"""


def test_an_error_call_given_code_zero_records_no_code(path_facts: Facts) -> None:
    """liblognorm 2.0's `ln_errprintf(ctx, 0, "invalid json in '%s'", ...); r = -1; goto
    done;`: the 0 is no error code, so the `r = -1;` after it is the origin."""
    v = "ctx=0x5555555752a0 i=0x5 lenBuf=0x11 r="
    trace = run_trace("-1", [(3, v + "0x0"), (6, v + "0x0"), (7, v + "0x0"), (8, v + "0x0"),
                             (9, v + "0x0"), (10, v + "-1"), (14, v + "-1")])
    facts = path_facts(ZERO_CODE_REPORT, trace, function="add_field",
                       probed=[3, 6, 7, 8, 9, 10, 12, 14])
    assert engine.rank(facts)[0].line == 9


FOUND_ALREADY = b"""\
int tag_directive_add(struct doc *fyd, const char *handle)
{
	struct tag *fyt;

	fyt = tag_directive_lookup(fyd, handle);
	if (fyt)
		return -1;
	return tag_add(fyd, handle);
}
"""


def test_a_check_true_because_a_lookup_found_something_is_the_functions_decision(
        path_facts: Facts) -> None:
    """libfyaml 0.7's `fyt = fy_document_tag_directive_lookup(fyd, handle); if (fyt)
    return -1;` (-O2, no stop on the return): the lookup found the tag, so the -1 is
    the function's own "already there", not the lookup failing."""
    v = "fyd=0x5555555be270 handle=0x7fffffffe9df fyt="
    trace = run_trace("-1", [(3, v + "?"), (5, v + "?"), (6, v + "0x5555555be070")])
    facts = path_facts(FOUND_ALREADY, trace, function="tag_directive_add",
                       probed=[5, 6, 8])
    assert engine.rank(facts)[0].line == 7


MESSAGE_RETURNS = b"""\
const char *init(struct rs *p, double io_ratio, int phase)
{
	if (io_ratio <= 0)
		return "resampling factor not positive";
	if (0 > phase || phase > 100)
		return "phase response not in [0,100] %";
	p->io_ratio = io_ratio;
	return 0;
}
"""


def test_an_error_message_returned_is_a_constant_that_can_make_the_value(
        path_facts: Facts) -> None:
    """libsoxr 0.1.3's _soxr_init at -O2: the trace's last stop is the check `if (0 >
    phase_response || phase_response > 100)`, none on the `return "...";` under it;
    a string literal is a non-NULL constant, so that return made the value."""
    v = "p=0x5555555bd480 io_ratio=? phase=0x96"
    trace = run_trace("0x5555555a1f08", [(3, v), (5, v)])
    facts = path_facts(MESSAGE_RETURNS, trace, function="init", probed=[3, 5, 7, 8])
    assert engine.rank(facts)[0].line == 6


RESOLVED_THEN_FAILED = b"""\
int socket_connect(const char *host, struct error *error)
{
	struct resolver *resolver;
	int ret;

	resolver = resolver_new(host);
	if (resolver == NULL) {
		error_code(error, ERROR_RESOLVER);
		return -1;
	}
	ret = do_connect(resolver);
	if (ret == 0)
		return 0;
	resolver_free(resolver);
	return -1;
}
"""


def test_a_null_test_of_a_pointer_holding_an_address_tested_no_failure(
        path_facts: Facts) -> None:
    """libmpdclient 2.20's `resolver = resolver_new(host, port); if (resolver == NULL)
    {...}` with a resolver made: that call did not fail; connect() later did."""
    v = "host=0x7fffffffe9e0 resolver=0x555555566370 ret="
    trace = run_trace("-1", [(6, v + "?"), (7, v + "0"), (11, v + "0"), (12, v + "-1"),
                             (14, v + "-1"), (15, v + "-1")])
    facts = path_facts(RESOLVED_THEN_FAILED, trace, function="socket_connect",
                       probed=[6, 7, 8, 9, 11, 12, 13, 14, 15])
    from reporter.diagnosis.origin import Resolver
    from reporter.diagnosis.tested import tested_origin

    check = facts.fn.at(7)
    assert check is not None and tested_origin(facts, Resolver(facts), check) is None


FIELD_KEPT_BY_CALL = b"""\
const char *rs_process(struct rs *p, const void *in, size_t ilen, void *out, size_t olen)
{
	size_t idone, odone;

	if (!p)
		return "null pointer";
	idone = ilen ? rs_input(p, in, ilen) : 0;
	odone = rs_output(p, out, olen);
	p->done = idone + odone;
	return p->error;
}
"""


def test_a_returned_error_field_the_function_never_sets_names_the_last_call_given_it(
        path_facts: Facts) -> None:
    """libsoxr 0.1.3's soxr_process: `odone = soxr_output(p, out, olen); ... return
    p->error;`: soxr_output() stored the error in `p`, the last call handed it."""
    v = "p=0x5555556012a0 in=0x7fffffffe560 ilen=0x8 out=0x0 olen=0x10"
    trace = run_trace("0x5555555a1f08", [(5, v), (7, v), (8, v), (9, v), (10, v)])
    top = engine.rank(path_facts(FIELD_KEPT_BY_CALL, trace, function="rs_process",
                                 probed=[5, 6, 7, 8, 9, 10]))[0]
    assert (top.line, top.callee) == (8, "rs_output")


MACRO_HEADER = b"""\
PARSER_Construct(StringTo)
{
	int r = 0;
	struct data *data = calloc(1, sizeof(*data));
	struct json *ed;

	if (json_get_ex(json, "extradata", &ed) == 0) {
		errprintf(ctx, 0, "string-to type needs 'extradata' parameter");
		r = BADCONFIG;
		goto done;
	}
	data->len = 1;
done:
	return r;
}
"""


def test_a_function_whose_header_is_a_macro_is_found_by_its_lines(path_facts: Facts) -> None:
    """liblognorm 2.0's `PARSER_Construct(StringTo) { ... }`, a header macro that
    defines ln_constructStringTo: the traced lines find the definition, so its source
    is read (`r = LN_BADCONFIG;`), not the trace alone."""
    from reporter.diagnosis.csource import SourceModel

    assert [d[0] for d in SourceModel.of("t.c", MACRO_HEADER).definitions] == \
        ["PARSER_Construct(StringTo)"]
    v = "r=0x0 data=0x555555575930"
    trace = run_trace("-250", [(3, v), (4, v), (7, v), (8, v), (9, v), (10, "r=-250"),
                               (14, "r=-250")])
    facts = path_facts(MACRO_HEADER, trace, function="ln_constructStringTo",
                       probed=[3, 4, 7, 8, 9, 10, 12, 14])
    assert facts.fn is not None and engine.rank(facts)[0].line == 9


UNSEEN_IN_ENTERED_BLOCK = b"""\
int construct_repeat(struct ctx *ctx, struct data *data, void **pdata)
{
	int r = 0;

	r = add_parser(ctx, data);
	if (data->parser == NULL || data->while_cond == NULL) {
		errprintf(ctx, 0, "repeat parser needs 'parser','while' parameters");
		destruct_repeat(ctx, data);
		r = BADCONFIG;
	} else {
		*pdata = data;
	}
	return r;
}
"""


def test_an_unshown_assignment_in_a_block_that_ran_straight_to_it_set_the_value(
        path_facts: Facts) -> None:
    """liblognorm 2.0's `PARSER_Construct(Repeat)` at -O2: the path shows the check and
    `ln_errprintf(...)` under it, then the return; `r = LN_BADCONFIG;` further down the
    same block, with only calls between, ran without a stop of its own."""
    v = "ctx=0x5555555752a0 data=0x555555575930 pdata=0x5555555761e0 r="
    trace = run_trace("-250", [(3, v + "0x0"), (5, v + "0x0"), (6, v + "0x0"), (7, v + "0x0"),
                               (13, v + "?")])
    facts = path_facts(UNSEEN_IN_ENTERED_BLOCK, trace, function="construct_repeat",
                       probed=[3, 5, 6, 7, 11, 13])
    assert engine.rank(facts)[0].line == 9


PREFIXED_ERRNO_NAME = b"""\
int state_init(struct state *_state, const struct info *_info)
{
	int ret;

	if (_info == NULL)
		return TH_EFAULT;
	if ((_info->frame_width & 0xF) || (_info->frame_height & 0xF) ||
	    _info->pic_width > _info->frame_width) {
		return TH_EINVAL;
	}
	ret = frarray_init(_state);
	return ret;
}
"""


def test_a_prefixed_errno_name_without_definition_can_hold_another_value(
        path_facts: Facts) -> None:
    """libtheora 1.1's `return TH_EINVAL;` (TH_EINVAL is -10 in a header the run lacks,
    not EINVAL's 22) at -O2: the trace ends on the check, with no stop on the return;
    the name says nothing of the value, so it can be the -10 that came back."""
    v = "_state=0x7ffff7d9b010 _info=0x7fffffffe490 ret=?"
    trace = run_trace("-10", [(5, v), (7, v)])
    facts = path_facts(PREFIXED_ERRNO_NAME, trace, function="state_init",
                       probed=[5, 6, 7, 11, 12])
    assert engine.rank(facts)[0].line == 9


TYPEDEF_CAST = b"""\
pid_t pid_file_is_running(void)
{
	const char *fn;
	int fd = -1;
	pid_t ret = (pid_t) -1;

	if (!(fn = pid_file_proc())) {
		errno = EINVAL;
		goto finish;
	}
	if ((fd = open(fn, O_RDONLY, 0644)) < 0) {
		goto finish;
	}
	ret = read_pid(fd);
finish:
	return ret;
}
"""


def test_a_typedef_cast_of_a_constant_is_a_constant(path_facts: Facts) -> None:
    """libdaemon 0.14's `pid_t ret = (pid_t) -1;` (tree-sitter-c reads `(pid_t) - 1`,
    a subtraction): the -1 is the default `goto finish;` returns, so the check that
    jumped names what failed, open()."""
    from reporter.diagnosis.cexpr import evaluate, expr_of_text

    assert evaluate(expr_of_text("(pid_t) -1"), {}) == -1
    v = "fn=0x555555559240 fd=-1 ret=-1"
    trace = run_trace("-1", [(4, v), (5, v), (7, v), (11, v), (12, v), (16, v)])
    facts = path_facts(TYPEDEF_CAST, trace, function="pid_file_is_running",
                       probed=[4, 5, 7, 8, 9, 11, 12, 14, 16])
    top = engine.rank(facts)[0]
    assert (top.line, top.callee) == (11, "open")


CAPITALISED_MACRO = b"""\
int srv_run(struct srv *pThis)
{
	int iRet = 0;
	struct tcp *pTcp = NULL;

	if (pThis == NULL)
		goto finalize_it;
	CHKRet(tcp_construct(&pTcp));
	CHKRet(tcp_lstn_init(pTcp, pThis->port));
	pThis->pTcp = pTcp;
finalize_it:
	return iRet;
}
"""


def test_a_capitalised_macro_given_one_call_names_the_call(path_facts: Facts) -> None:
    """librelp 1.11's `CHKRet(relpTcpLstnInit(...));` (`if ((iRet = (x)) != RELP_RET_OK)
    goto finalize_it;` in a header): `iRet` holds the code right after it."""
    v = "pThis=0x5555555592a0 pTcp=0x55555555a2c0 iRet="
    trace = run_trace("10004", [(3, v + "0x0"), (6, v + "0x0"), (8, v + "0x0"), (9, v + "0x0"),
                                (12, v + "0x2714")])
    top = engine.rank(path_facts(CAPITALISED_MACRO, trace, function="srv_run",
                                 probed=[3, 4, 6, 7, 8, 9, 10, 12]))[0]
    assert (top.line, top.callee) == (9, "tcp_lstn_init")


CODE_MACRO = b"""\
int lstn_init(struct tcp *pThis, int nsocks)
{
	int iRet = 0;

	if (nsocks == 0) {
		pThis->dbgprint("no listen socket could be initialized\\n");
		ABORT_FINALIZE(RET_COULD_NOT_BIND);
	}
	pThis->ready = 1;
finalize_it:
	return iRet;
}
"""


@pytest.mark.parametrize("holder", [7, 11], ids=["O2-early", "O0"])
def test_a_macro_given_a_code_stores_the_value_the_variable_then_holds(
        path_facts: Facts, holder: int) -> None:
    """librelp 1.11's `ABORT_FINALIZE(RELP_RET_COULD_NOT_BIND);` (`iRet = code; goto
    finalize_it;` in a header): `iRet` holds 10005 at that step (-O2 computes it early)
    or right after it; the macro's line is the origin, not the step before."""
    v = "pThis=0x55555558dde0 nsocks=0x0 iRet="
    steps = [(3, "0x0"), (5, "0x0"), (6, "0x0"), (7, "0x0"), (11, "0x2715")]
    steps = [(n, "0x2715" if n >= holder else x) for n, x in steps]
    trace = run_trace("10005", [(n, v + x) for n, x in steps])
    facts = path_facts(CODE_MACRO, trace, function="lstn_init", probed=[3, 5, 6, 7, 9, 11])
    assert engine.rank(facts)[0].line == 7


SECOND_GUESSES = b"""\
struct obj *f(const char *name, int flags)
{
	struct obj *o;

	o = lookup(name);
	log_debug("looked up");
	if (o->state != flags)
		return NULL;
	return o;
}
"""


def test_the_last_call_follows_every_rules_own_candidates(path_facts: Facts) -> None:
    """The rules name the `return NULL;` and the check; the call before them is offered
    next, and the logging call after it is not."""
    v = "name=0x7fffffffe9e0 flags=0x2 o="
    facts = path_facts(SECOND_GUESSES, run_trace("0x0", [
        (5, v + "?"), (6, v + "0x555555566370"), (7, v + "0x555555566370"),
        (8, v + "0x555555566370"), (10, v + "0x555555566370")]),
        probed=[5, 6, 7, 8, 9, 10])
    ranked = engine.rank(facts)
    own = engine.rank(facts, rules=tuple(list(engine.RULES)))
    assert own and [c.line for c in ranked[: len(own)]] == [c.line for c in own]
    assert all(c.rule != "alternatives" for c in own)
    extra = [(c.line, c.callee, c.rule) for c in ranked[len(own):]]
    assert (5, "lookup", "alternatives") in extra
    assert 6 not in [c.line for c in ranked[len(own):]]


SUCCEEDED_CALL = b"""\
int f(int flags)
{
	int err;

	err = check_perm(flags);
	if (err)
		return err;
	return -EINVAL;
}
"""


def test_a_call_the_next_step_shows_succeeding_is_no_second_guess(path_facts: Facts) -> None:
    """`err = check_perm(...)` then err = 0 and -22 returned: that call succeeded."""
    v = "flags=0x2 err="
    facts = path_facts(SUCCEEDED_CALL, run_trace("-22", [
        (5, v + "?"), (6, v + "0"), (8, v + "0"), (9, v + "0")]), probed=[5, 6, 7, 8, 9])
    assert alternatives.findings(facts) == []
    failed = path_facts(SUCCEEDED_CALL, run_trace("-22", [
        (5, v + "?"), (6, v + "-13"), (8, v + "-13"), (9, v + "-13")]), probed=[5, 6, 7, 8, 9])
    assert [(f.line, f.callee) for f in alternatives.findings(failed)] == [(5, "check_perm")]


HIDDEN_GOTO = b"""\
int f(const unsigned char *ip, const unsigned char *ip_end, unsigned char *op)
{
	unsigned t = *ip++;

	NEED_IP(t);
	*op++ = *ip++;
	return 0;

input_overrun:
	*op = 0;
	return -4;
}
"""


def test_a_capitals_macro_line_before_unreachable_label_code_jumped_there(
        path_facts: Facts) -> None:
    """lzo 2.10's `NEED_IP(t+6);` (`if (!HAVE_IP(x)) goto input_overrun` in a header the
    run lacks): code above the label returns, so the macro's line took the path there."""
    v = "ip=0x7fffffffe360 ip_end=0x7fffffffe36a op=0x7fffffffe160"
    facts = path_facts(HIDDEN_GOTO, run_trace("-4", [(3, v), (5, v), (10, v), (11, v),
                                                     (12, v)]), probed=[3, 5, 6, 7, 10, 11, 12])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (5, "goto-label")
    assert "macro on it" in best.reason


FLAG_AFTER_CODE = b"""\
int f(struct dec *d)
{
	if (!isvalid_ds(d->size)) {
		d->lz_errno = LZ_data_error;
		d->fatal = true;
		return -1;
	}
	return 0;
}
"""


def test_a_flag_raised_after_the_stored_code_leaves_the_code_the_origin(
        path_facts: Facts) -> None:
    """lzlib 1.13's `d->lz_errno = LZ_data_error; d->fatal = true; return -1;`."""
    v = "d=0x5555555662a0"
    facts = path_facts(FLAG_AFTER_CODE, run_trace("-1", [(3, v), (4, v), (5, v), (6, v),
                                                         (9, v)]), probed=[3, 4, 5, 6, 8, 9])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (4, "errno-assignment")


KNR_STATUS = b"""\
CLIENT *
f(fd, addr)
	int fd;			/* open file descriptor */
	const struct netbuf *addr;
{
	if (!__rpc_fd2sockinfo(fd, &si)) {
		rpc_createerr.cf_stat = RPC_TLIERROR;
		rpc_createerr.cf_error.re_errno = 0;
		return (NULL);
	}
	return cl;
}
"""


def test_a_knr_definition_storing_its_status_in_an_error_structure(path_facts: Facts) -> None:
    """libtirpc 1.3's clnt_dg_create: a K&R header, the code stored in a field of the
    global `rpc_createerr`, its errno detail cleared after it, then `return (NULL);`."""
    v = "fd=0x3 addr=0x7fffffffe4f0"
    facts = path_facts(KNR_STATUS, run_trace("0x0", [(5, v), (6, v), (7, v), (8, v), (9, v),
                                                      (12, v)]),
                       probed=[5, 6, 7, 8, 9, 11, 12])
    assert facts.fn is not None and facts.fn.start <= 6
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (7, "errno-assignment")


PREFIXED_CODE_RAN = b"""\
int f(int regnum, long *valp)
{
	if (regnum >= 17)
		goto badreg;
	*valp = regnum;
	return 0;

badreg:
	return -UNW_EINVAL;
}
"""


def test_a_prefixed_errno_name_the_unoptimised_path_left_by_holds_the_value(
        path_facts: Facts) -> None:
    """libunwind 1.6's `return -UNW_EINVAL;` (-8, not -EINVAL) ran last at -O0."""
    v = "regnum=0x11 valp=0x7fffffffe550"
    facts = path_facts(PREFIXED_CODE_RAN, run_trace("-8", [(3, v), (4, v), (9, v), (10, v)]),
                       probed=[3, 4, 5, 6, 9, 10])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (4, "goto-label")


STORED_AFTER_NULL = b"""\
struct hdr *f(struct lib *self, const char *name)
{
	struct hdr *chm = NULL;
	int error;

	if ((chm = alloc_header(name))) {
		error = read_headers(chm);
		if (error) {
			close_header(chm);
			chm = NULL;
		}
		self->error = error;
	}
	return chm;
}
"""


def test_a_code_stored_for_the_caller_after_the_null_names_where_it_came_from(
        path_facts: Facts) -> None:
    """libmspack 0.11's chmd_real_open: `chm = NULL;`, then `self->error = error;`
    with `error` from chmd_read_headers(): that call is the origin, not the NULL."""
    def v(err: str, chm: str) -> str:
        return f"self=0x555555561100 name=0x7fffffffe470 chm={chm} error={err}"
    a = "0x555555562480"
    facts = path_facts(STORED_AFTER_NULL, run_trace("0x0", [
        (3, v("?", "?")), (6, v("?", "0x0")), (7, v("?", a)), (8, v("3", a)), (9, v("3", a)),
        (10, v("3", a)), (12, v("3", "0x0")), (14, v("3", "0x0")), (15, v("3", "0x0"))]),
        probed=[3, 6, 7, 8, 9, 10, 12, 14, 15])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (7, "read_headers")


CODE_ON_RETURN_LINE = b"""\
int f(struct enc *e)
{
	if (!member_finished(e->base))
		{ e->lz_errno = LZ_SEQUENCE_ERROR; return -1; }
	return 0;
}
"""


def test_a_code_stored_on_the_return_line_is_the_origin(path_facts: Facts) -> None:
    """lzlib 1.13's `{ e->lz_errno = LZ_sequence_error; return -1; }` on one line."""
    v = "e=0x5555555662a0"
    facts = path_facts(CODE_ON_RETURN_LINE, run_trace("-1", [(3, v), (4, v), (6, v)]),
                       probed=[3, 4, 5, 6])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (4, "errno-assignment")


MMAP_FAILED = b"""\
void *f(struct info *ei, int fd, long size)
{
	ei->image = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (ei->image == MAP_FAILED) {
		ei->image = NULL;
		return NULL;
	}
	return ei->image;
}
"""


def test_a_field_compared_with_map_failed_tests_the_mmap_that_set_it(
        path_facts: Facts) -> None:
    """libunwind 1.6's CD_elf_map_image: `ei->image == MAP_FAILED` asks whether mmap()
    failed; it does not compare data."""
    v = "ei=0x5555555774c0 fd=0x3 size=0x1000"
    facts = path_facts(MMAP_FAILED, run_trace("0x0", [(3, v), (4, v), (5, v), (6, v), (9, v)]),
                       probed=[3, 4, 5, 6, 8, 9])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (3, "mmap")


MACRO_VIA_MACRO = b"""\
#define FAIL_IF_(c, e, f) do { if (c) { f; errno = (e); return NULL; } } while (0)
#define FAIL_IF(c, e) FAIL_IF_(c, e, (void)0)

struct term *f(const char *p, size_t n)
{
	unsigned magic;

	magic = get_ushort16(p);
	FAIL_IF(magic != 0432, EINVAL);
	return parse(p, n);
}
"""


def test_a_macro_passing_its_arguments_to_a_returning_macro_returns(path_facts: Facts) -> None:
    """unibilium 2.1's `FAIL_IF(c, e)`, which is `FAIL_IF_(c, e, (void)0)`: the trace
    ends on it at -O2, and it returned (calling no function of its own)."""
    v = "p=0x7fffffffd550 n=0xe magic=0x21a"
    facts = path_facts(MACRO_VIA_MACRO, run_trace("0x0", [(8, v), (9, v)]), probed=[8, 9, 10])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind, best.callee) == (9, "macro-return", None)


UNSEEN_GOTO_AFTER_LOOP = b"""\
int f(const unsigned char *at, unsigned max_len)
{
	unsigned i;

	for (i = 0; i < max_len; i++)
		if ((at[i] & 0x80) == 0)
			break;
	if (i == max_len) {
		report("unterminated varint");
		goto error;
	}
	return i + 1;

error:
	return -EBADMSG;
}
"""


def test_at_o2_the_first_goto_to_the_label_after_the_last_step_took_the_path(
        path_facts: Facts) -> None:
    """protobuf-c 1.4's varint loop: the path goes from the loop's check to the label
    code with no step on `if (i == max_len)` or its `goto`."""
    v = "at=0x7fffffffe471 max_len=0x2 i=?"
    facts = path_facts(UNSEEN_GOTO_AFTER_LOOP, run_trace("-74", [
        (5, v), (6, v), (5, v), (6, v), (15, v), (16, v)]), probed=[5, 6, 7, 9, 12, 15, 16])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (10, "goto-label")


SHORT_FREAD = b"""\
int f(FILE *fp, long *lp)
{
	int32_t mycopy;

	if (fread(&mycopy, sizeof(int32_t), 1, fp) != 1)
		return (FALSE);
	*lp = (long)ntohl(mycopy);
	return (TRUE);
}
"""


def test_a_count_read_compared_with_the_count_asked_for_tests_a_short_read(
        path_facts: Facts) -> None:
    """libtirpc 1.3's xdrstdio_getlong over an empty file: fread() returned 0 of 1."""
    v = "fp=0x5555555592a0 lp=0x7fffffffe4f8 mycopy=0x7fff"
    facts = path_facts(SHORT_FREAD, run_trace("0x0", [(5, v), (6, v), (9, v)]),
                       probed=[5, 6, 7, 8, 9])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (5, "fread")


CONSTANT_STORED_AFTER_NULL = b"""\
struct cab *f(struct lib *self, const char *name)
{
	struct cab *cab = NULL;
	void *fh;

	if ((fh = open_it(name))) {
		cab = read_it(fh);
		close_it(fh);
	}
	else {
		self->error = MSPACK_ERR_OPEN;
	}
	return cab;
}
"""


def test_a_constant_code_stored_after_the_null_at_o2_is_the_origin(path_facts: Facts) -> None:
    """libmspack 0.11's cabd_open at -O2: the trace ends on `self->error =
    MSPACK_ERR_OPEN;` and the `return cab;` of the NULL it started with has no step."""
    v = "self=0x5555555622a0 name=0x7fffffffe480 cab=0x0 fh=0x0"
    facts = path_facts(CONSTANT_STORED_AFTER_NULL, run_trace("0x0", [(3, v), (6, v), (11, v)]),
                       probed=[3, 6, 7, 8, 11, 13, 14])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (11, "errno-assignment")


CODE_BEFORE_ONE_LINE_IF = b"""\
int f(struct dec *d, int result)
{
	if (result != 0) {
		if (result == 2)
			d->lz_errno = LZ_UNEXPECTED_EOF;
		else
			d->lz_errno = LZ_DATA_ERROR;
		d->fatal = true;
		if (buffer_empty(&d->cb)) return -1;
	}
	return read_data(&d->cb);
}
"""


def test_a_code_stored_before_a_one_line_if_return_is_the_origin(path_facts: Facts) -> None:
    """lzlib 1.13's `d->lz_errno = LZ_unexpected_eof; ... d->fatal = true; if(
    Cb_empty( &d->lz_decoder->cb ) ) return -1;`: the return is the if's body."""
    v = "d=0x5555555662a0 result=0x2"
    facts = path_facts(CODE_BEFORE_ONE_LINE_IF, run_trace("-1", [
        (3, v), (4, v), (5, v), (8, v), (9, v), (12, v)]), probed=[3, 4, 5, 7, 8, 9, 11, 12])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (5, "errno-assignment")


COUNT_GIVEN = b"""\
long f(struct file *p, unsigned block)
{
	if (read_blocks(p, p->block, block, 1, 0) != 1) {
		return -1;
	}
	return 0;
}
"""


def test_a_call_compared_with_the_count_it_was_given_tests_its_failure(
        path_facts: Facts) -> None:
    """libudfread 1.1's `if (udfread_read_blocks(p, p->block, file_block, 1, 0) != 1)`."""
    v = "p=0x5555555e7740 block=0x1388"
    facts = path_facts(COUNT_GIVEN, run_trace("-1", [(3, v), (4, v), (7, v)]), probed=[3, 4, 6, 7])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (3, "read_blocks")


MIXED_CASE_KIND = b"""\
int f(void *input, unsigned lba, void *buf)
{
	int tag_id;

	tag_id = read_descriptor_block(input, lba, buf);
	if (tag_id != ECMA_AnchorVolumeDescriptorPointer) {
		udf_error("Can't find Anchor Volume Descriptor Pointer\\n");
		return -1;
	}
	return 0;
}
"""


def test_a_value_compared_with_a_prefixed_mixed_case_kind_is_the_functions_decision(
        path_facts: Facts) -> None:
    """libudfread 1.1's _read_avdp: the block read fine and held another tag."""
    v = "input=0x5555555e7540 lba=0x103 buf=0x7fffffffdba0 tag_id="
    facts = path_facts(MIXED_CASE_KIND, run_trace("-1", [
        (5, v + "?"), (6, v + "0"), (7, v + "0"), (8, v + "0"), (11, v + "0")]),
        probed=[5, 6, 7, 8, 10, 11])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (8, None)


STORED_BEFORE_GOTO = b"""\
CLIENT *f(int fd, int si_af, const struct netbuf *svcaddr)
{
	CLIENT *cl = NULL;

	if (si_af != svcaddr->family) {
		rpc_createerr.cf_stat = RPC_UNKNOWNHOST;
		goto err1;
	}
	cl = create(fd, svcaddr);
	return cl;
err1:
	free_things(fd);
	return (NULL);
}
"""


def test_an_error_stored_for_the_caller_before_a_goto_to_a_null_return_is_the_origin(
        path_facts: Facts) -> None:
    """libtirpc 1.3's clnt_tli_create: `rpc_createerr.cf_stat = RPC_UNKNOWNHOST;
    goto err1;`, then `return (NULL);` under the label."""
    v = "fd=0x3 si_af=0x1 svcaddr=0x7fffffffe550 cl=0x0"
    facts = path_facts(STORED_BEFORE_GOTO, run_trace("0x0", [
        (3, v), (5, v), (6, v), (7, v), (12, v), (13, v), (14, v)]),
        probed=[3, 5, 6, 7, 9, 10, 12, 13, 14])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (6, "errno-assignment")


ESUCCESS_STATUS = b"""\
struct info *f(const char *filename)
{
	struct info *ui = alloc_info();
	int ret;

	ret = get_threadinfo(ui);
	if (ret != UNW_ESUCCESS) {
		Debug(0, "get_threadinfo failed\\n");
		goto err;
	}
	return ui;
err:
	destroy_info(ui);
	return NULL;
}
"""


def test_a_call_compared_with_an_errno_style_success_status_failed(path_facts: Facts) -> None:
    """libunwind 1.6's `ret != UNW_ESUCCESS` after `ret = _UCD_get_threadinfo(...)`."""
    v = "filename=0x555555566260 ui=0x5555555772a0 ret="
    facts = path_facts(ESUCCESS_STATUS, run_trace("0x0", [
        (3, v + "?"), (6, v + "?"), (7, v + "-10"), (8, v + "-10"), (9, v + "-10"),
        (13, v + "-10"), (14, v + "-10"), (15, v + "-10")]),
        probed=[3, 6, 7, 8, 9, 11, 13, 14, 15])
    best = engine.rank(facts)[0]
    assert (best.line, best.callee) == (6, "get_threadinfo")


RESULT_STATUS = b"""\
int f(struct tk *tk, struct key *key)
{
	if (tk->fd == -1) {
		errno = EBADF;
		return TERMKEY_RES_ERROR;
	}
	return wait_for(tk, key);
}
"""


def test_a_status_whose_prefix_names_the_result_kind_leaves_errno_the_origin(
        path_facts: Facts) -> None:
    """libtermkey 0.22's `errno = EBADF; return TERMKEY_RES_ERROR;` (4)."""
    v = "tk=0x5555555592a0 key=0x7fffffffe4f0"
    facts = path_facts(RESULT_STATUS, run_trace("4", [(3, v), (4, v), (5, v), (8, v)]),
                       probed=[3, 4, 5, 7, 8])
    best = engine.rank(facts)[0]
    assert (best.line, best.kind) == (4, "errno-assignment")
