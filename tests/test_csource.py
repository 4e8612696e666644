"""reporter.diagnosis.csource: the C source model read from a tree-sitter parse."""

from __future__ import annotations

from pathlib import Path

from reporter.diagnosis.csource import SourceModel, evaluate, line_function

REPO = Path(__file__).resolve().parent.parent

SOURCE = b"""\
#define MAX_LEVEL 7
#define CHECK(x) do { if (!(x)) return -EINVAL; } while (0)
enum mode { MODE_A, MODE_B = 5, MODE_C };

static int helper(int e)
{
	return e;
}

int configure(int mode, const char *name, unsigned int flags)
{
	int err = -EINVAL, x;

	if (mode < 0 &&
		name == NULL)
		return helper(-EINVAL);
	else if (mode > MAX_LEVEL) {
		err = load(parse(name), &x);
		goto out;
	}
	switch (mode) {
	case MODE_A:
	case MODE_B: return 0;
	default:
		break;
	}
	if ((err = flags & 0x10)
		|| (err = flags & 0x20))
		return err;
	list_for_each_entry(a, b, c) {
		x++;
	}
out:
	return err ? -errno : x;
}
"""


def model() -> SourceModel:
    return SourceModel.of("cfg.c", SOURCE)


def test_functions_constants_and_macros_are_found() -> None:
    m = model()
    assert [d[0] for d in m.definitions] == ["helper", "configure"]
    assert m.constants == {"MAX_LEVEL": 7, "MODE_A": 0, "MODE_B": 5, "MODE_C": 6}
    assert m.macros["CHECK"].errno == "EINVAL"
    fn = m.function("configure", [11, 35])
    assert fn is not None and (fn.start, fn.open_line, fn.end) == (10, 11, 35)
    assert fn.params == ("mode", "name", "flags")


def test_a_generated_table_leaves_constants_and_code_lines_right() -> None:
    # A blob as xxd -i writes it (its initializer is not searched for enums), an enum
    # declared with a variable, and lines with and without comment or quote marks.
    blob = b"".join(b"\t0x%02x, 0x%02x,\n" % (i % 256, i * 7 % 256) for i in range(2000))
    source = (b"enum { E_BAD = 5, E_WORSE } level = E_BAD; /* one */\n"
              b"const unsigned char blob[] = {\n" + blob + b"};\n"
              b"/* a comment\n   going on */\n\n"
              b"int f(int x)\n{\n\tif (x == '/')\n\t\treturn -E_BAD;  // why\n"
              b"\treturn 0;\n}\n")
    m = SourceModel.of("gen.c", source)
    assert m.constants == {"E_BAD": 5, "E_WORSE": 6}
    assert [d[0] for d in m.definitions] == ["f"]
    first_after = 2 + 2000 + 2
    assert {1, 2, 3, 2002, first_after - 1} <= m.code_lines
    assert not {first_after, first_after + 1, first_after + 2} & m.code_lines
    assert {first_after + 3, first_after + 5, first_after + 6, first_after + 7} <= m.code_lines


def test_a_multi_line_if_is_one_statement_with_its_branches() -> None:
    fn = model().function("configure")
    assert fn is not None
    first = fn.at(14)
    assert first is not None and first.kind == "if" and (first.start, first.head_end) == (14, 15)
    assert fn.at(15) is first  # the condition's second line stands for the if
    assert first.body == (16, 16) and first.orelse == (17, 20)
    ret = fn.at(16)
    assert ret is not None and ret.kind == "return" and ret.expr is not None
    assert ret.expr.kind == "call" and ret.expr.name == "helper"
    assert list(fn.ancestors(ret)) == [first]


def test_assignments_calls_labels_and_cases() -> None:
    fn = model().function("configure")
    assert fn is not None
    decl = fn.at(12)
    assert decl is not None and decl.assigns_to("err") is not None
    call = fn.at(18)
    assert call is not None
    assert [a.target for a in call.assigns] == ["err", "x"]  # x: passed by address
    assert call.principal_call == "load" and call.calls == ("load", "parse")
    goto = fn.at(19)
    assert goto is not None and goto.kind == "goto" and goto.label == "out"
    cases = [s for s in fn.statements if s.kind in ("case", "default")]
    assert [(s.kind, s.start) for s in cases] == [("case", 22), ("case", 23), ("default", 24)]
    ret = fn.at(34)
    assert ret is not None and fn.labels_reaching(ret) == frozenset({"out"})


def test_an_assignment_in_a_condition_is_read_on_its_own_line() -> None:
    fn = model().function("configure")
    assert fn is not None
    check = fn.at(27)
    assert check is not None and check.kind == "if"
    assert [a.line for a in check.assigns] == [27, 28]
    assert check.assigns_to("err", 28) is check.assigns[1]


def test_kernel_style_macros_leave_the_rest_of_the_function_parsed() -> None:
    fn = model().function("configure")
    assert fn is not None
    inc = fn.at(31)
    assert inc is not None and inc.kind == "expr"
    assert fn.at(34) is not None and fn.end == 35


def test_evaluate_reads_constants_and_traced_values() -> None:
    m = model()
    fn = m.function("configure")
    assert fn is not None
    cond = fn.at(14)
    assert cond is not None and cond.expr is not None
    assert evaluate(cond.expr, m.constants, {"mode": -1, "name": 0}) == 1
    assert evaluate(cond.expr, m.constants, {"mode": 3}) == 0  # && short-circuits
    assert evaluate(cond.expr, m.constants, {}) is None
    other = fn.at(17)
    assert other is not None and evaluate(other.expr, m.constants, {"mode": 9}) == 1


def test_a_file_without_the_function_falls_back_to_lines_nested_by_indentation() -> None:
    excerpt = (REPO / "tests/accuracy/article/core.c").read_bytes()
    m = SourceModel.of("kernel/events/core.c", excerpt)
    assert not m.parsed and m.function("perf_copy_attr", [11743]) is None
    fn = line_function(m, "perf_copy_attr", [11704, 11826])
    assert not fn.parsed
    check = fn.at(11743)
    assert check is not None and check.kind == "if" and check.body == (11744, 11744)
    ret = fn.at(11744)
    assert ret is not None and ret.kind == "return" and ret.parent == check.index
    assert check.expr is not None and check.expr.line == 11743  # not the snippet's own


def test_a_real_library_file_parses_and_finds_its_functions() -> None:
    path = REPO / "tests/realworld/sources/libbpf/src/libbpf.c"
    m = SourceModel.of(str(path), path.read_bytes())
    assert len(m.definitions) > 300
    fn = m.function("libbpf_prog_type_by_name", [8795, 8817])
    assert fn is not None and fn.end == 8817
    ret = fn.at(8816)
    assert ret is not None and ret.kind == "return" and ret.expr is not None
    assert ret.expr.name == "libbpf_err" and ret.expr.args[0].text == "-ESRCH"


def test_a_define_inside_an_initializer_leaves_the_later_functions_found() -> None:
    # file 5.45's apprentice.c: a #define inside bang[]'s initializer sends
    # tree-sitter-c 0.24 into a top-level block that holds the rest of the file.
    path = REPO / "tests/realworld/sources/libmagic/src/apprentice.c"
    m = SourceModel.of(str(path), path.read_bytes())
    fn = m.function("apprentice_compile", [3426, 3456])
    assert fn is not None and fn.parsed and (fn.start, fn.end) == (3406, 3457)
    check = fn.at(3426)
    assert check is not None and check.kind == "if" and check.body == (3427, 3430)


def test_the_branch_of_an_if_else_directive_that_ran_is_the_code_parsed() -> None:
    # libarchive 3.7's tree_current_lstat: both branches end in an `if (...)` whose
    # body follows #endif; the traced lines say which branch was compiled.
    src = (b"const struct stat *f(struct tree *t)\n{\n\tif (!(t->flags & 1)) {\n"
           b"#ifdef HAVE_FSTATAT\n\t\tif (fstatat(t->fd,\n\t\t    t->path, &t->lst, 0) != 0)\n"
           b"#else\n\t\tif (enter(t) != 0)\n\t\t\treturn NULL;\n\t\tif (lstat(t->path, &t->lst) != 0)\n"
           b"#endif\n\t\t\treturn NULL;\n\t\tt->flags |= 1;\n\t}\n\treturn (&t->lst);\n}\n")
    m = SourceModel.of("d.c", src)
    fn = m.function("f", [3, 5, 12])
    assert fn is not None
    ret = fn.at(12)
    assert ret is not None and ret.kind == "return"
    parent = fn.statements[ret.parent] if ret.parent is not None else None
    assert parent is not None and parent.start == 5 and parent.text.startswith("if (fstatat(")
    # Without traced lines of either branch nothing is dropped.
    whole = m.function("f", [3])
    assert whole is not None and whole.at(8) is not None


def test_an_attribute_macro_in_the_parameters_leaves_the_function_found() -> None:
    # e2fsprogs 1.47's blkid/probe.c: `__BLKID_ATTR((unused))` expands to an attribute.
    src = (b"#define __BLKID_ATTR(x) __attribute__(x)\n"
           b"static int probe_xfs(struct blkid_probe *probe,\n"
           b"\t\t     struct blkid_magic *id __BLKID_ATTR((unused)),\n"
           b"\t\t     unsigned char *buf)\n{\n\tif (!buf)\n\t\treturn -1;\n\treturn 0;\n}\n")
    m = SourceModel.of("probe.c", src)
    fn = m.function("probe_xfs", [6, 7])
    assert fn is not None and fn.parsed and (fn.start, fn.end) == (2, 9)
    assert fn.params == ("probe", "id", "buf")
    check = fn.at(6)
    assert check is not None and check.kind == "if" and check.body == (7, 7)


def test_a_loop_macro_and_its_block_are_one_loop() -> None:
    # systemd's STRV_FOREACH, the kernel's list_for_each_entry: a call without `;`
    # and a block, to tree-sitter-c.
    src = (b"int f(char **l)\n{\n\tint r = -1;\n\n\tSTRV_FOREACH(i, l) {\n\t\tr = g(*i);\n"
           b"\t\tif (r < 0)\n\t\t\treturn r;\n\t}\n\treturn 0;\n}\n")
    fn = SourceModel.of("l.c", src).function("f", [5, 6])
    assert fn is not None
    loop = fn.at(5)
    assert loop is not None and loop.kind == "loop" and loop.body == (5, 9)
    ret = fn.at(8)
    assert ret is not None and loop.index in {a.index for a in fn.ancestors(ret)}
    assert not loop.calls  # the macro is no call that can fail


def test_a_function_the_parse_lost_is_read_again_from_its_lines() -> None:
    # pcre2 10.42: `PCRE2_EXP_DEFN int PCRE2_CALL_CONVENTION` before the name, and
    # `#if` groups splitting expressions, leave tree-sitter-c no definition of
    # pcre2_match() (traced as pcre2_match_8) nor of pcre2_compile().
    src = REPO / "tests/realworld/sources/libpcre2-8/src"
    m = SourceModel.of("pcre2_match.c", (src / "pcre2_match.c").read_bytes())
    assert all(d[0] != "pcre2_match" for d in m.definitions)
    fn = m.function("pcre2_match_8", [6378, 6391, 6671])
    assert fn is not None and fn.parsed and fn.name == "pcre2_match"
    ret = fn.at(6378)  # `if (...) return PCRE2_ERROR_BADOPTION;` on one line
    assert ret is not None and ret.kind == "return" and ret.parent is not None
    assert fn.statements[ret.parent].kind == "if"
    m = SourceModel.of("pcre2_compile.c", (src / "pcre2_compile.c").read_bytes())
    fn = m.function("pcre2_compile_8", [9819, 10158, 10159])
    assert fn is not None and fn.name == "pcre2_compile" and fn.label("HAD_CB_ERROR") is not None


def test_a_macro_given_a_variable_and_a_call_sets_the_variable() -> None:
    # libssh2 1.10's BLOCK_ADJUST(rc, session, x) runs `rc = x` (session.h).
    src = (b"int f(void *session, int sock)\n{\n\tint rc;\n"
           b"\tBLOCK_ADJUST(rc, session, session_startup(session, sock));\n"
           b"\tDBG(CXT, ul_debugobj(session, \"x\"));\n\treturn rc;\n}\n")
    fn = SourceModel.of("s.c", src).function("f", [4, 5, 6])
    assert fn is not None
    block, dbg = fn.at(4), fn.at(5)
    assert block is not None and dbg is not None
    found = block.assigns_to("rc")
    assert found is not None and found.value is not None and found.value.name == "session_startup"
    assert not dbg.assigns


def test_a_function_inside_another_definitions_extent_is_found_by_its_header() -> None:
    # opus 1.3's opus_encoder.c: the parse runs opus_encode_native() on past its end,
    # over opus_encoder_ctl(), the function traced.
    path = REPO / "tests/realworld/sources/libopus/src/opus_encoder.c"
    m = SourceModel.of("opus_encoder.c", path.read_bytes())
    fn = m.function("opus_encoder_ctl", [2270, 2313, 2776, 2777])
    assert fn is not None and fn.name == "opus_encoder_ctl" and fn.start >= 2268
    check = fn.at(2313)
    assert check is not None and check.kind == "if"


def test_a_macro_alone_between_return_type_and_name_is_read_through() -> None:
    """elfutils 0.188's `Elf_Data *` / `internal_function` / `__elf_getdata_rdlock (...)`:
    tree-sitter-c lost the function (a pointer return) or named it after the macro."""
    source = (b"Elf_Data *\ninternal_function\n__elf_getdata_rdlock (Elf_Scn *scn, Elf_Data *d)\n"
              b"{\n  return d;\n}\n\nint\ninternal_function\nbaz (int x)\n{\n  return x;\n}\n"
              b"static\nint\nkept (int x)\n{\n  return x;\n}\n")
    model = SourceModel.of("e.c", source)
    assert [d[0] for d in model.definitions] == ["__elf_getdata_rdlock", "baz", "kept"]
    assert model.text(2) == "internal_function"  # the lines themselves are as written
