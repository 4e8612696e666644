-- errtrail archive schema: the single source of truth for the archive's DDL.
--
-- The file is a sequence of migrations, each headed by a line
--   -- migration: NAME
-- collector.archive applies them in order with sqlite-utils' Migrations (set
-- "errtrail"), which records each applied name in _sqlite_migrations. A migration
-- once released is never edited: a change is a new section at the end. An archive
-- that records a migration this errtrail does not know was written by a newer
-- errtrail and is refused with a clear error rather than misread.
--
-- Times are UTC ISO-8601 text ("2026-11-25T22:25:38.123456Z"). Raw bytes are BLOBs.

-- migration: 0001_initial

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,            -- local id, small and handy on the command line; not stable across archives
    uuid TEXT NOT NULL UNIQUE,         -- identity of the run across hosts and archives (uuid4), so archives can merge
    status TEXT NOT NULL               -- running | complete | interrupted | failed | abandoned
        CHECK (status IN ('running', 'complete', 'interrupted', 'failed', 'abandoned')),
    status_reason TEXT,                -- why the run ended as it did, in words (e.g. "stopped by SIGINT", "command not found")
    started_at TEXT NOT NULL,          -- when capture started (UTC ISO-8601)
    ended_at TEXT,                     -- when capture ended (UTC ISO-8601); NULL while running or when abandoned
    hostname TEXT,                     -- host the run was captured on (socket.gethostname or --hostname)
    kernel_release TEXT,               -- uname -r of that host
    machine TEXT,                      -- uname -m of that host (x86_64, aarch64, ...)
    os_id TEXT,                        -- ID= from /etc/os-release (debian, fedora, ...)
    os_version TEXT,                   -- VERSION_ID= from /etc/os-release
    kernel_build_id TEXT,              -- running kernel's GNU build-id (lowercase hex) from /sys/kernel/notes
    target TEXT,                       -- whythefail PROC_OR_KERNEL: kernel | module("x") | process("/p")
    target_build_id TEXT,              -- build-id of the target: the kernel's, the module's, or the process binary's
    function TEXT,                     -- whythefail FUNCTION: the traced function
    condition TEXT,                    -- whythefail CONDITION over $return, e.g. "$return == -22"
    variable TEXT,                     -- whythefail 4th argument (one expression printed per statement); NULL means $$vars
    command TEXT NOT NULL,             -- the full command as a JSON array of strings
    tool TEXT NOT NULL DEFAULT 'stap', -- what produced the trace: stap | gdb | other (any other command)
    uses_example INTEGER NOT NULL DEFAULT 0,  -- 1 when the script was given as --example NAME
    uses_c INTEGER NOT NULL DEFAULT 0,        -- 1 when stap -c CMD was used (output of CMD is mixed into stdout)
    uses_x INTEGER NOT NULL DEFAULT 0,        -- 1 when stap -x PID was used
    traced_command TEXT,               -- the CMD of -c, when given
    traced_pid INTEGER,                -- the PID of -x, when given
    tool_version TEXT,                 -- first line of `stap -V` (or gdb --version) on the capturing host
    script_path TEXT,                  -- the stap script as given (path, or the --example name)
    script_sha256 TEXT,                -- sha256 of the script file when it could be read
    script_text TEXT,                  -- the script's text when it could be read (and was valid UTF-8)
    exit_status INTEGER,               -- the command's exit status when it exited normally
    exit_signal INTEGER,               -- the signal number that killed the command, when it died by a signal
    label TEXT,                        -- short title given by the user (--label)
    note TEXT,                         -- free text (Markdown) given by the user (--note)
    collector_version TEXT NOT NULL,   -- version of errtrail that wrote the run
    origin TEXT NOT NULL DEFAULT 'run' -- how the bytes arrived: run (live capture) | import (from files) | gdb
        CHECK (origin IN ('run', 'import', 'gdb')),
    owner_pid INTEGER,                 -- pid of the collector writing the run while it is running
    owner_boot_id TEXT,                -- /proc/sys/kernel/random/boot_id of the collector's host, to tell its pid apart after reboots
    owner_start_ticks INTEGER,         -- the collector process's start time (field 22 of /proc/PID/stat), against pid reuse
    heartbeat_at TEXT,                 -- last time the owner committed or proved itself alive; stale means abandoned
    stdout_bytes INTEGER NOT NULL DEFAULT 0,  -- bytes of stdout stored so far
    stderr_bytes INTEGER NOT NULL DEFAULT 0,  -- bytes of stderr stored so far
    header_count INTEGER,              -- invocation header lines in stdout; counted once the run has ended, on first need (NULL until then)
    spill_path TEXT                    -- directory the output was spilled to when the archive could not be written
);

CREATE TABLE output_chunks (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run the bytes belong to
    seq INTEGER NOT NULL,              -- arrival order within the run, over both streams (0, 1, 2, ...)
    stream TEXT NOT NULL               -- stdout | stderr: the tracer's own streams (for gdb runs, stdout is the trace);
        CHECK (stream IN ('stdout', 'stderr', 'program_stdout', 'program_stderr')),
                                       -- program_stdout | program_stderr: the traced program's output when the
                                       -- tracer keeps it apart (gdb backend); stap -c mixes it into stdout
    data BLOB NOT NULL,                -- exactly the bytes received, never altered
    received_at TEXT NOT NULL,         -- when the last byte of this chunk was received (UTC ISO-8601)
    PRIMARY KEY (run_id, seq)
);

CREATE INDEX output_chunks_stream ON output_chunks (run_id, stream, seq);

CREATE TABLE messages (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run whose stderr held the line
    line_no INTEGER NOT NULL,          -- 1-based line number within the run's stderr
    kind TEXT NOT NULL,                -- line kind from collector.messages (registration, error_summary, lost, semantic, pass, other, ...)
    category TEXT NOT NULL,            -- coarse meaning: unprobed | summary | incomplete | fatal | progress | other
    probe_point TEXT,                  -- registration failures: the probe point as stap printed it
    function TEXT,                     -- registration failures: function of the unprobed statement
    file TEXT,                         -- registration failures: source file of the unprobed statement
    line INTEGER,                      -- registration failures: source line of the unprobed statement
    address TEXT,                      -- registration failures: probe address (0x...) when given
    rc INTEGER,                        -- registration failures: the kernel's return code (e.g. -84)
    fields TEXT NOT NULL DEFAULT '{}', -- every field the line kind extracts, as a JSON object
    raw BLOB NOT NULL,                 -- the line's exact bytes (without its newline)
    PRIMARY KEY (run_id, line_no)
);

-- migration: 0002_sources

-- Source files fetched for reports (reporter.sources), kept so that a copied archive
-- renders offline, on another machine, forever. A file is identified by the build-id
-- of the binary it was compiled into and the path the trace named it by.
CREATE TABLE sources (
    build_id TEXT NOT NULL,            -- GNU build-id (lowercase hex) of the binary the file was compiled into
    path TEXT NOT NULL,                -- the file's path as the trace names it (absolute, or relative to comp_dir for kernels)
    resolved_path TEXT NOT NULL,       -- the absolute path it was asked for (comp_dir joined in), or the local file read
    sha256 TEXT NOT NULL,              -- sha256 of data, lowercase hex
    data BLOB NOT NULL,                -- the file's exact bytes
    origin_kind TEXT NOT NULL          -- where the bytes came from: url | local | elfutils-cache
        CHECK (origin_kind IN ('url', 'local', 'elfutils-cache')),
    origin TEXT NOT NULL,              -- the URL that served it, or the local / cache file it was read from
    fetched_at TEXT NOT NULL,          -- when it was stored (UTC ISO-8601)
    PRIMARY KEY (build_id, path)
);

-- Files that could not be found, remembered for a while so that every report does not
-- ask the servers again (errtrail-report --refresh ignores these).
CREATE TABLE source_misses (
    build_id TEXT NOT NULL,            -- GNU build-id (lowercase hex) the file was asked for
    path TEXT NOT NULL,                -- the file's path as the trace names it; '' for the build-id's DWARF index itself
    reason TEXT NOT NULL,              -- why it is missing, in words (e.g. "404 from http://.../source/x.c")
    fix TEXT NOT NULL DEFAULT '',      -- what would fix it, in words (--source-dir, DEBUGINFOD_URLS, stap-prep)
    origin TEXT NOT NULL,              -- the servers asked, space separated: a miss counts only for the same servers
    remembered_at TEXT NOT NULL,       -- when the miss was recorded (UTC ISO-8601); it expires after a while
    PRIMARY KEY (build_id, path)
);

-- The index of a build-id's source files, read once from its DWARF line tables and
-- kept: it turns a relative trace path (kernel/events/core.c) into the absolute path
-- debuginfod serves, by the comp_dir of the unit that names the file.
CREATE TABLE build_id_files (
    build_id TEXT NOT NULL,            -- GNU build-id (lowercase hex) whose DWARF was read
    comp_dir TEXT NOT NULL,            -- DW_AT_comp_dir (DWARF 5: directory entry 0 of the line table) of the unit
    path TEXT NOT NULL,                -- a file of that unit as DWARF names it: relative to comp_dir, or absolute
    indexed_at TEXT NOT NULL,          -- when the DWARF was read (UTC ISO-8601)
    PRIMARY KEY (build_id, comp_dir, path)
);

CREATE INDEX build_id_files_path ON build_id_files (build_id, path);

-- migration: 0003_mtimes

-- Modification times, so that a report can say when a source file read from disk was
-- changed after the traced binary was built (like gcov's "source file is newer than
-- notes file"): that file may not be the one the binary was compiled from.
ALTER TABLE runs ADD COLUMN target_mtime TEXT;  -- the traced executable's mtime at capture (UTC ISO-8601): gdb runs, stap process("PATH") / -c / -x targets; NULL for kernels, modules, imports
ALTER TABLE sources ADD COLUMN mtime TEXT;      -- the file's mtime when it was read from disk (UTC ISO-8601); NULL for url and elfutils-cache origins

-- migration: 0004_probed_lines

-- The statement lines a gdb run put a breakpoint on (collector/gdb_tracer.py: the
-- is_stmt rows of FUNCTION's own line table). With them a report can tell a line that
-- had a probe and was not hit (it did not run) from a line without a probe of its own
-- (merged into another by the optimiser: it may have run unseen). A column of runs,
-- not a table: the set is written once per run and always read whole with it
-- (Run.probed_lines()), and NULL keeps "not recorded" apart from "no line". JSON keyed
-- by file rather than [[file, line], ...]: every read of runs carries the column, and
-- a path repeated for each of hundreds of lines would make it ten times larger.
ALTER TABLE runs ADD COLUMN probed_lines TEXT;  -- gdb runs: JSON object {"/abs/file.c": [12, 13, ...]}, keys and lines sorted, each path once; NULL when not recorded (stap runs, imports, runs captured before 0004)

-- migration: 0005_chains

-- Following the errno down (errtrail-collect gdb --follow, run --follow, follow): the
-- runs of one chain, each tracing the callee the level above it blamed. A row per run
-- below the chain's root; the root itself has none. Levels of one gdb --follow capture
-- come from one run of the program: each callee's calls are a run of their own, and
-- invocation_links says which call of the level above made each of them.
CREATE TABLE chain_links (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,  -- a run below the root
    root_run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,   -- the chain's first run
    level INTEGER NOT NULL,            -- 1 for the callee of the root's function, 2 below that, ...
    parent_run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, -- the run of the level above
    parent_file TEXT,                  -- file of the level above's line that called this run's function (NULL: several lines did)
    parent_line INTEGER,               -- that line (NULL: several lines did)
    callee TEXT NOT NULL,              -- this run's function, as the level above called it
    how TEXT NOT NULL                  -- one-run: calls caught in the root's run of the program | rerun: the program run again
        CHECK (how IN ('one-run', 'rerun'))
);

CREATE INDEX chain_links_root ON chain_links (root_run, level);

CREATE TABLE invocation_links (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run of the callee's calls
    ordinal INTEGER NOT NULL,          -- the call: its header's place in the run's stdout, from 0 (as reporter.parse counts)
    parent_run INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run holding the caller's call
    parent_ordinal INTEGER NOT NULL,   -- the caller's call, by its header's place there (from 0)
    parent_file TEXT,                  -- file of the caller's last statement before the call (NULL: none traced yet)
    parent_line INTEGER,               -- that statement's line
    parent_step INTEGER NOT NULL,      -- statements the caller had run before the call
    PRIMARY KEY (run_id, ordinal)
);

CREATE INDEX invocation_links_parent ON invocation_links (parent_run, parent_ordinal);

-- migration: 0006_analysis

-- What reports read of a run's trace, computed once by one streaming pass over its
-- stdout (reporter/analysis) and read back by later reports instead of parsing the
-- whole trace again. Derived data: the chunks stay the truth, and the calls a report
-- shows whole are kept as byte ranges of stdout, parsed again when read. Rows carry
-- the analysis version that wrote them: an errtrail with another version computes them
-- again, as it does for a run whose stdout grew. export and merge do not copy them.
CREATE TABLE analyses (
    run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,  -- the run analysed
    version INTEGER NOT NULL,          -- reporter.analysis.ANALYSIS_VERSION that wrote this run's analysis rows
    stdout_bytes INTEGER NOT NULL,     -- bytes of stdout analysed (runs.stdout_bytes then; another value: analysed again)
    invocations INTEGER NOT NULL,      -- calls whose return matched the condition
    statements INTEGER NOT NULL,       -- statement lines of those calls
    paths INTEGER NOT NULL,            -- distinct paths (rows of paths)
    orphan_groups INTEGER NOT NULL,    -- groups of statements with no header before them
    orphan_statements INTEGER NOT NULL,  -- statements in those groups
    statistics TEXT,                   -- JSON [offset, length, line] of whythefail's last statistics block in stdout; NULL: none
    orphans TEXT NOT NULL,             -- JSON [[offset, end, line, ordinal], ...]: the first header-less groups, kept whole
    highest TEXT NOT NULL,             -- JSON {"file": the highest line any statement names in it}
    analysed_at TEXT NOT NULL          -- when the analysis was computed (UTC ISO-8601)
);

CREATE TABLE paths (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run
    path INTEGER NOT NULL,             -- the path's index, in order of first appearance from 0
    fingerprint TEXT NOT NULL,         -- first 12 hex digits of the sha1 of key: the diagnosis's path fingerprint
    key TEXT NOT NULL,                 -- "file:line\n" of each statement of the path, in order
    outcome TEXT NOT NULL,             -- what the return says, as calls are grouped: -22 | err_ptr:-2 | zero | positive | pointer | unknown
    errno TEXT,                        -- errno name of the first call's return (EINVAL; ERR_PTR returns too), NULL when it is none
    count INTEGER NOT NULL,            -- calls that took the path
    statements INTEGER NOT NULL,       -- statements of its first call
    first_ordinal INTEGER NOT NULL,    -- its first call's ordinal (its header's place among the run's headers, from 0)
    first_line INTEGER NOT NULL,       -- stdout line of the first call's header
    last_line INTEGER NOT NULL,        -- stdout line of the last call's header
    partial INTEGER NOT NULL,          -- 1 when the path evidently lost its start (wrapping speculation buffers)
    returns TEXT NOT NULL,             -- JSON list of the distinct return texts, in order of appearance (the first 32)
    execnames TEXT NOT NULL,           -- JSON list of the lowest 64 distinct execnames
    execname_total INTEGER NOT NULL,   -- distinct execnames (counted up to 4096)
    tids TEXT NOT NULL,                -- JSON list of the lowest 64 distinct tids
    tid_total INTEGER NOT NULL,        -- distinct tids
    samples TEXT NOT NULL,             -- JSON [[ordinal, offset, end, line], ...]: calls kept whole (the first 16, then those whose values differ; 64 at most)
    PRIMARY KEY (run_id, path)
);

CREATE TABLE invocations (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run
    ordinal INTEGER NOT NULL,          -- the call: its header's place among the run's headers, from 0
    path INTEGER NOT NULL,             -- paths.path of the path it took
    tid INTEGER NOT NULL,              -- thread id in its header
    execname TEXT NOT NULL,            -- execname in its header
    return_text TEXT NOT NULL,         -- $return as printed (-22, 0xfffffffffffffffe)
    errno TEXT,                        -- errno name of the return (EINVAL; ERR_PTR returns too), NULL when it is none
    stdout_offset INTEGER NOT NULL,    -- where its record starts in stdout (the blank line before its header)
    stdout_end INTEGER NOT NULL,       -- where it ends (after its last statement line)
    stdout_line INTEGER NOT NULL,      -- stdout line of its header
    PRIMARY KEY (run_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE verdicts (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run
    path INTEGER NOT NULL,             -- paths.path the candidate is for
    rank INTEGER NOT NULL,             -- 1 for the path's verdict, 2 for the next candidate, ...
    path_rank INTEGER NOT NULL,        -- the path's place in the diagnosis: 1 for the most frequent path
    file TEXT NOT NULL,                -- source file as the trace names it
    line INTEGER NOT NULL,             -- source line
    kind TEXT NOT NULL,                -- the candidate's kind (constant-return, callee-propagation, ...)
    confidence REAL NOT NULL,          -- from 0 to 1
    rule TEXT,                         -- the rule that named it
    callee TEXT,                       -- the function called there that produced the value, where known
    source_text TEXT,                  -- the source line, when the source was found
    condition TEXT,                    -- the branch condition that led there, where known
    reason TEXT NOT NULL,              -- the candidate's reason, in words
    with_sources INTEGER NOT NULL,     -- 1 when the diagnosis read sources, 0 when it had the trace alone
    diagnosed_at TEXT NOT NULL,        -- when (UTC ISO-8601); the last diagnosis of the run replaces the rows
    PRIMARY KEY (run_id, path, rank)
);

-- For browsing with datasette or sqlite-utils: each run with its verdict (the most
-- frequent path's first candidate), and the output as text.
CREATE VIEW run_verdicts AS
SELECT r.id AS run_id, r.uuid, r.hostname AS host, r.tool, r.function, r.condition,
       p.errno, p.outcome, v.file AS culprit_file, v.line AS culprit_line, v.kind,
       v.confidence, v.callee, v.source_text, a.invocations, a.paths, r.status, r.started_at
FROM runs r
LEFT JOIN analyses a ON a.run_id = r.id
LEFT JOIN verdicts v ON v.run_id = r.id AND v.path_rank = 1 AND v.rank = 1
LEFT JOIN paths p ON p.run_id = r.id AND p.path = COALESCE(v.path,
    (SELECT q.path FROM paths q WHERE q.run_id = r.id ORDER BY q.count DESC, q.first_line LIMIT 1));

CREATE VIEW output_text AS
SELECT run_id, seq, stream, CAST(data AS TEXT) AS text, length(data) AS bytes, received_at
FROM output_chunks;

-- migration: 0007_call_blocks

-- The calls of an analysed run as packed columns, 65,536 calls a row, in place of
-- 0006's one row per call: a first report of a million short calls spent 1.5 s
-- inserting those rows, longer than it took to read the trace. Only what reports ask
-- of a call by its ordinal is kept (its path and its return; the trace has the rest).
-- Arrays are little-endian; the k-th call of a block is ordinal first_ordinal + k.
-- Faceting calls in SQL is given up for that (runs, paths and verdicts stay rows).
DROP TABLE invocations;

CREATE TABLE call_blocks (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,  -- the run
    first_ordinal INTEGER NOT NULL,    -- the block's first call: its header's place among the run's headers, from 0
    calls INTEGER NOT NULL,            -- calls in the block
    path BLOB NOT NULL,                -- uint32 per call: paths.path of the path it took
    return_text BLOB NOT NULL,         -- the calls' $return texts as printed (UTF-8), one after another
    return_end BLOB NOT NULL,          -- uint32 per call: where its return text ends in return_text
    PRIMARY KEY (run_id, first_ordinal)
);
