"""Linux errno names and descriptions, as the kernel spells them, and errno names in a
CONDITION written as numbers.

This module owns the errno table (the reporter's ``reporter.errnos`` re-exports it: the
collector never imports the reporter). Others call ``name_of``, ``description_of``,
``number_of`` (names and libc aliases to numbers), ``err_ptr_errno`` (the errno an
``ERR_PTR`` value encodes), ``close_names(word)`` (the names a misspelt one may have
meant), ``unknown_name(word)`` (the sentence that says so), and
``numeric_condition(text)``: a whythefail CONDITION with its errno names written as
numbers, for stap, which has no such constants (``ErrnoNameError`` for a name that is
no errno, with the close ones).

It imports nothing but the standard library: ``collector/condition.py``, loaded by path
inside gdb's embedded Python (where the errtrail package is not importable), loads this
file by path beside it.

The table is the kernel's, not the host's: Python's ``errno.errorcode`` comes from
the C library of the machine running errtrail, lacks the kernel-internal codes
512..531 and prefers libc aliases. Sources (Linux 6.x, unchanged since 5.x for these
numbers): ``include/uapi/asm-generic/errno-base.h`` (1..34),
``include/uapi/asm-generic/errno.h`` (35..133, the numbering of x86, arm, arm64,
riscv, s390; alpha, mips, parisc and sparc have their own and are not covered) and
``include/linux/errno.h`` (512..531, never seen by user space). Descriptions are the
kernel headers' comments. Kernel names win over aliases: 11 is ``EAGAIN`` (not
``EWOULDBLOCK``), 35 ``EDEADLK`` (not ``EDEADLOCK``), 95 ``EOPNOTSUPP`` (not
``ENOTSUP``).

>>> name_of(22), description_of(22)
('EINVAL', 'Invalid argument')
>>> name_of(95), name_of(35), name_of(11), name_of(512), name_of(524), name_of(520)
('EOPNOTSUPP', 'EDEADLK', 'EAGAIN', 'ERESTARTSYS', 'ENOTSUPP', None)
>>> [number_of(n) for n in ("EWOULDBLOCK", "ENOTSUP", "EDEADLOCK", "EPROBE_DEFER")]
[11, 95, 35, 517]
>>> number_of("ENOSUCH") is None
True
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collector.errors import ErrtrailError
else:
    try:
        from .errors import ErrtrailError
    except ImportError:  # loaded by path inside gdb: no package to import from

        class ErrtrailError(Exception):
            """Stands in for ``collector.errors.ErrtrailError`` inside gdb."""

# number -> (kernel name, description)
ERRNOS: dict[int, tuple[str, str]] = {
    # include/uapi/asm-generic/errno-base.h
    1: ("EPERM", "Operation not permitted"),
    2: ("ENOENT", "No such file or directory"),
    3: ("ESRCH", "No such process"),
    4: ("EINTR", "Interrupted system call"),
    5: ("EIO", "I/O error"),
    6: ("ENXIO", "No such device or address"),
    7: ("E2BIG", "Argument list too long"),
    8: ("ENOEXEC", "Exec format error"),
    9: ("EBADF", "Bad file number"),
    10: ("ECHILD", "No child processes"),
    11: ("EAGAIN", "Try again"),
    12: ("ENOMEM", "Out of memory"),
    13: ("EACCES", "Permission denied"),
    14: ("EFAULT", "Bad address"),
    15: ("ENOTBLK", "Block device required"),
    16: ("EBUSY", "Device or resource busy"),
    17: ("EEXIST", "File exists"),
    18: ("EXDEV", "Cross-device link"),
    19: ("ENODEV", "No such device"),
    20: ("ENOTDIR", "Not a directory"),
    21: ("EISDIR", "Is a directory"),
    22: ("EINVAL", "Invalid argument"),
    23: ("ENFILE", "File table overflow"),
    24: ("EMFILE", "Too many open files"),
    25: ("ENOTTY", "Not a typewriter"),
    26: ("ETXTBSY", "Text file busy"),
    27: ("EFBIG", "File too large"),
    28: ("ENOSPC", "No space left on device"),
    29: ("ESPIPE", "Illegal seek"),
    30: ("EROFS", "Read-only file system"),
    31: ("EMLINK", "Too many links"),
    32: ("EPIPE", "Broken pipe"),
    33: ("EDOM", "Math argument out of domain of func"),
    34: ("ERANGE", "Math result not representable"),
    # include/uapi/asm-generic/errno.h (41 and 58 are unused: EWOULDBLOCK and
    # EDEADLOCK are aliases of 11 and 35 there)
    35: ("EDEADLK", "Resource deadlock would occur"),
    36: ("ENAMETOOLONG", "File name too long"),
    37: ("ENOLCK", "No record locks available"),
    38: ("ENOSYS", "Invalid system call number"),
    39: ("ENOTEMPTY", "Directory not empty"),
    40: ("ELOOP", "Too many symbolic links encountered"),
    42: ("ENOMSG", "No message of desired type"),
    43: ("EIDRM", "Identifier removed"),
    44: ("ECHRNG", "Channel number out of range"),
    45: ("EL2NSYNC", "Level 2 not synchronized"),
    46: ("EL3HLT", "Level 3 halted"),
    47: ("EL3RST", "Level 3 reset"),
    48: ("ELNRNG", "Link number out of range"),
    49: ("EUNATCH", "Protocol driver not attached"),
    50: ("ENOCSI", "No CSI structure available"),
    51: ("EL2HLT", "Level 2 halted"),
    52: ("EBADE", "Invalid exchange"),
    53: ("EBADR", "Invalid request descriptor"),
    54: ("EXFULL", "Exchange full"),
    55: ("ENOANO", "No anode"),
    56: ("EBADRQC", "Invalid request code"),
    57: ("EBADSLT", "Invalid slot"),
    59: ("EBFONT", "Bad font file format"),
    60: ("ENOSTR", "Device not a stream"),
    61: ("ENODATA", "No data available"),
    62: ("ETIME", "Timer expired"),
    63: ("ENOSR", "Out of streams resources"),
    64: ("ENONET", "Machine is not on the network"),
    65: ("ENOPKG", "Package not installed"),
    66: ("EREMOTE", "Object is remote"),
    67: ("ENOLINK", "Link has been severed"),
    68: ("EADV", "Advertise error"),
    69: ("ESRMNT", "Srmount error"),
    70: ("ECOMM", "Communication error on send"),
    71: ("EPROTO", "Protocol error"),
    72: ("EMULTIHOP", "Multihop attempted"),
    73: ("EDOTDOT", "RFS specific error"),
    74: ("EBADMSG", "Not a data message"),
    75: ("EOVERFLOW", "Value too large for defined data type"),
    76: ("ENOTUNIQ", "Name not unique on network"),
    77: ("EBADFD", "File descriptor in bad state"),
    78: ("EREMCHG", "Remote address changed"),
    79: ("ELIBACC", "Can not access a needed shared library"),
    80: ("ELIBBAD", "Accessing a corrupted shared library"),
    81: ("ELIBSCN", ".lib section in a.out corrupted"),
    82: ("ELIBMAX", "Attempting to link in too many shared libraries"),
    83: ("ELIBEXEC", "Cannot exec a shared library directly"),
    84: ("EILSEQ", "Illegal byte sequence"),
    85: ("ERESTART", "Interrupted system call should be restarted"),
    86: ("ESTRPIPE", "Streams pipe error"),
    87: ("EUSERS", "Too many users"),
    88: ("ENOTSOCK", "Socket operation on non-socket"),
    89: ("EDESTADDRREQ", "Destination address required"),
    90: ("EMSGSIZE", "Message too long"),
    91: ("EPROTOTYPE", "Protocol wrong type for socket"),
    92: ("ENOPROTOOPT", "Protocol not available"),
    93: ("EPROTONOSUPPORT", "Protocol not supported"),
    94: ("ESOCKTNOSUPPORT", "Socket type not supported"),
    95: ("EOPNOTSUPP", "Operation not supported on transport endpoint"),
    96: ("EPFNOSUPPORT", "Protocol family not supported"),
    97: ("EAFNOSUPPORT", "Address family not supported by protocol"),
    98: ("EADDRINUSE", "Address already in use"),
    99: ("EADDRNOTAVAIL", "Cannot assign requested address"),
    100: ("ENETDOWN", "Network is down"),
    101: ("ENETUNREACH", "Network is unreachable"),
    102: ("ENETRESET", "Network dropped connection because of reset"),
    103: ("ECONNABORTED", "Software caused connection abort"),
    104: ("ECONNRESET", "Connection reset by peer"),
    105: ("ENOBUFS", "No buffer space available"),
    106: ("EISCONN", "Transport endpoint is already connected"),
    107: ("ENOTCONN", "Transport endpoint is not connected"),
    108: ("ESHUTDOWN", "Cannot send after transport endpoint shutdown"),
    109: ("ETOOMANYREFS", "Too many references: cannot splice"),
    110: ("ETIMEDOUT", "Connection timed out"),
    111: ("ECONNREFUSED", "Connection refused"),
    112: ("EHOSTDOWN", "Host is down"),
    113: ("EHOSTUNREACH", "No route to host"),
    114: ("EALREADY", "Operation already in progress"),
    115: ("EINPROGRESS", "Operation now in progress"),
    116: ("ESTALE", "Stale file handle"),
    117: ("EUCLEAN", "Structure needs cleaning"),
    118: ("ENOTNAM", "Not a XENIX named type file"),
    119: ("ENAVAIL", "No XENIX semaphores available"),
    120: ("EISNAM", "Is a named type file"),
    121: ("EREMOTEIO", "Remote I/O error"),
    122: ("EDQUOT", "Quota exceeded"),
    123: ("ENOMEDIUM", "No medium found"),
    124: ("EMEDIUMTYPE", "Wrong medium type"),
    125: ("ECANCELED", "Operation Canceled"),
    126: ("ENOKEY", "Required key not available"),
    127: ("EKEYEXPIRED", "Key has expired"),
    128: ("EKEYREVOKED", "Key has been revoked"),
    129: ("EKEYREJECTED", "Key was rejected by service"),
    130: ("EOWNERDEAD", "Owner died"),
    131: ("ENOTRECOVERABLE", "State not recoverable"),
    132: ("ERFKILL", "Operation not possible due to RF-kill"),
    133: ("EHWPOISON", "Memory page has hardware error"),
    # include/linux/errno.h: kernel-internal, must never reach user space (520 unused)
    512: ("ERESTARTSYS", "Restart the system call (kernel internal)"),
    513: ("ERESTARTNOINTR", "Restart the system call, never -EINTR (kernel internal)"),
    514: ("ERESTARTNOHAND", "Restart if no signal handler (kernel internal)"),
    515: ("ENOIOCTLCMD", "No ioctl command (kernel internal)"),
    516: ("ERESTART_RESTARTBLOCK", "Restart by calling sys_restart_syscall (kernel internal)"),
    517: ("EPROBE_DEFER", "Driver requests probe retry (kernel internal)"),
    518: ("EOPENSTALE", "Open found a stale dentry (kernel internal)"),
    519: ("ENOPARAM", "Parameter not supported (kernel internal)"),
    521: ("EBADHANDLE", "Illegal NFS file handle (kernel internal)"),
    522: ("ENOTSYNC", "Update synchronization mismatch (kernel internal)"),
    523: ("EBADCOOKIE", "Cookie is stale (kernel internal)"),
    524: ("ENOTSUPP", "Operation is not supported (kernel internal)"),
    525: ("ETOOSMALL", "Buffer or request is too small (kernel internal)"),
    526: ("ESERVERFAULT", "An untranslatable error occurred (kernel internal)"),
    527: ("EBADTYPE", "Type not supported by server (kernel internal)"),
    528: ("EJUKEBOX", "Request initiated, but will not complete before timeout (kernel internal)"),
    529: ("EIOCBQUEUED", "iocb queued, will get completion event (kernel internal)"),
    530: ("ERECALLCONFLICT", "Conflict with recalled state (kernel internal)"),
    531: ("ENOGRACE", "NFS file lock reclaim refused (kernel internal)"),
}

# libc (and kernel) aliases: same number, other spelling.
ALIASES: dict[str, int] = {"EWOULDBLOCK": 11, "EDEADLOCK": 35, "ENOTSUP": 95}

_BY_NAME: dict[str, int] = {name: n for n, (name, _) in ERRNOS.items()} | ALIASES

# include/linux/err.h: MAX_ERRNO 4095; IS_ERR_VALUE(x) is x >= (unsigned long)-MAX_ERRNO.
MAX_ERRNO = 4095


def name_of(number: int) -> str | None:
    """The kernel name of a positive errno number, ``None`` when it has none."""
    entry = ERRNOS.get(number)
    return entry[0] if entry else None


def description_of(number: int) -> str | None:
    """The kernel's description of a positive errno number."""
    entry = ERRNOS.get(number)
    return entry[1] if entry else None


def number_of(name: str) -> int | None:
    """The number of an errno name (kernel name or libc alias), ``None`` if unknown."""
    return _BY_NAME.get(name)


def err_ptr_errno(value: int) -> int | None:
    """The negative errno an ``ERR_PTR`` encodes, or ``None`` for other values.

    Accepts the pointer as an unsigned 64-bit or 32-bit number, or already negative.

    >>> err_ptr_errno(0xffffffffffffffea), err_ptr_errno(0xfffffff4), err_ptr_errno(-2)
    (-22, -12, -2)
    >>> err_ptr_errno(0xfffffffffffff001), err_ptr_errno(0xfffffffffffff000)
    (-4095, None)
    >>> err_ptr_errno(0xffff88802b21d000), err_ptr_errno(0), err_ptr_errno(22)
    (None, None, None)
    """
    if -MAX_ERRNO <= value <= -1:
        return value
    for bits in (64, 32):
        top = 1 << bits
        if top - MAX_ERRNO <= value < top:
            return value - top
    return None


# How alike a misspelt name must be to one of the table's to be offered in its place
# (difflib's ratio: EINVLA and EINVAL are 0.83), and how many are offered at most.
CLOSE_NAME_CUTOFF = 0.7
CLOSE_NAMES_SHOWN = 3


class ErrnoNameError(ErrtrailError, ValueError):
    """A word written as an errno name is none; the message offers the close ones."""


def looks_like_errno(word: str) -> bool:
    """Whether ``word`` is spelt as an errno name is: ``E`` and at least two more
    capitals, digits or underscores (``EIO``, ``E2BIG``, ``EPROBE_DEFER``).

    >>> looks_like_errno("EINVLA"), looks_like_errno("E2BIG"), looks_like_errno("Err")
    (True, True, False)
    """
    return _NAME.fullmatch(word) is not None


def close_names(word: str) -> list[str]:
    """The errno names (kernel names and aliases) ``word`` may have meant, closest first.

    >>> close_names("EINVLA"), close_names("ENOMEN"), close_names("XYZZY")
    (['EINVAL'], ['ENOMEM', 'ENOENT'], [])
    """
    upper = word.upper()
    if upper in _BY_NAME:  # einval: the case was all that was wrong
        return [upper]
    return difflib.get_close_matches(upper, list(_BY_NAME), CLOSE_NAMES_SHOWN, CLOSE_NAME_CUTOFF)


def unknown_name(word: str) -> str:
    """The sentence that says ``word`` is no errno name, with the close ones.

    >>> unknown_name("EINVLA")
    'EINVLA is not an errno name: did you mean EINVAL (22)?'
    >>> unknown_name("ENOMEN")
    'ENOMEN is not an errno name: did you mean ENOMEM (12) or ENOENT (2)?'
    >>> unknown_name("EFOOBAR")
    'EFOOBAR is not an errno name (Linux names them as in include/uapi/asm-generic/errno*.h)'
    """
    close = [f"{n} ({_BY_NAME[n]})" for n in close_names(word)]
    if not close:
        return (f"{word} is not an errno name (Linux names them as in"
                " include/uapi/asm-generic/errno*.h)")
    listed = close[0] if len(close) == 1 else f"{', '.join(close[:-1])} or {close[-1]}"
    return f"{word} is not an errno name: did you mean {listed}?"


# An errno name as a condition writes it: not a $context variable, an @macro or a
# member (.x, ->x), not a function call (EXIT()), and outside string literals, which
# the alternation consumes first.
_NAME = re.compile(r"E[A-Z0-9_]{2,}")
_IN_CONDITION = re.compile(
    r'"(?:\\.|[^"\\])*"'
    r"|(?<![\w$@.])(?<!->)(?P<name>E[A-Z0-9_]{2,})\b(?!\s*\()"
)


def numeric_condition(text: str, strict: bool = True) -> str:
    """``text`` with every errno name written as its number (``-EINVAL`` becomes
    ``-22``: the minus is the condition's own), for stap, which has no errno constants.
    ``ErrnoNameError`` for a name the table does not have, unless ``strict`` is false
    (then it is left as written: a condition already run, shown again).

    >>> numeric_condition("$return == -EINVAL || $return == -ENOENT")
    '$return == -22 || $return == -2'
    >>> numeric_condition('$return == -EIO && $file != "EINVAL" && @defined($EPERM)')
    '$return == -5 && $file != "EINVAL" && @defined($EPERM)'
    >>> numeric_condition("randint(1000)<1")
    'randint(1000)<1'
    >>> numeric_condition("$return == -EINVLA")  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    collector.errnos.ErrnoNameError: CONDITION '$return == -EINVLA': EINVLA is not an errno
    name: did you mean EINVAL (22)?
    >>> numeric_condition("$return == -EINVAL && $x != EFOO", strict=False)
    '$return == -22 && $x != EFOO'
    """
    def number(m: re.Match[str]) -> str:
        name = m.group("name")
        if name is None:
            return m.group(0)
        value = _BY_NAME.get(name)
        if value is None and not strict:
            return m.group(0)
        if value is None:
            raise ErrnoNameError(f"CONDITION {text!r}: {unknown_name(name)}")
        return str(value)

    return _IN_CONDITION.sub(number, text)
