/* The parser's fast path in C: whole calls of whythefail output read in one pass.

   Python owns the meaning (reporter/parse.py, reporter/scan.py); this file only makes
   the common case fast. ``scan`` reads consecutive calls exactly as the Python fast
   path (``StdoutParser._light_call`` in reporter/parse.py) would read them, and stops
   at the first call that one might read otherwise: anything unusual (CR, ESC, a
   non-ASCII file name or return, a long line, a tid of more than 18 digits, a return
   past the ones interned) is left to Python, so whatever this accepts the Python path
   would have read identically (tests compare the two on every sample trace and on
   generated ones).

   Per call it writes columns (offsets, ends, header lines, tids, execname ids, group
   ids, returns) that reporter.analysis folds into its summaries without a Python
   object per call. ``tally``, ``distinct``, ``where``, ``remap``, ``shift`` and
   ``values_keys`` are the folds the analysis needs over those columns. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Python's MAX_LINE (reporter/parse.py): a header longer than this is not read here. */
#define MAX_LINE 65536
/* Recently used entries of each intern table compared before a dict lookup. */
#define MRU 8

typedef struct {
    char *data;
    Py_ssize_t len, cap;
} Buf;

static int buf_grow(Buf *b, Py_ssize_t n);

static inline int buf_put(Buf *b, const void *p, Py_ssize_t n) {
    if (b->len + n > b->cap && buf_grow(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, p, (size_t)n);
    b->len += n;
    return 0;
}

static int buf_grow(Buf *b, Py_ssize_t n) {
    {
        Py_ssize_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n)
            cap *= 2;
        char *d = PyMem_Realloc(b->data, (size_t)cap);
        if (d == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        b->data = d;
        b->cap = cap;
    }
    return 0;
}

static PyObject *buf_bytes(Buf *b) {
    return PyBytes_FromStringAndSize(b->data ? b->data : "", b->len);
}

/* bytes -> id, with the ids' bytes in a list (id order); ``cap`` entries at most. */
typedef struct {
    PyObject *dict, *list;
    Py_ssize_t cap;
    struct {
        const char *p;
        Py_ssize_t n;
        uint64_t hash;
        long id;
    } mru[MRU];
    int used, next;
} Table;

/* A hash for the intern tables' recently-used check (equal bytes are compared after
   it): 8 bytes a step, where a byte-wise FNV-1a took a quarter of the scan. */
static uint64_t hash_bytes(const char *p, Py_ssize_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n, w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
    }
    w = 0;
    memcpy(&w, p, (size_t)n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 29);
}

/* Whether p[0:n] holds a CR or an ESC, 8 bytes a step (the bit trick of "determine
   if a word has a zero byte", applied to the word xor each byte wanted). */
static int has_cr_esc(const char *p, Py_ssize_t n) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t w;
    for (; n >= 8; p += 8, n -= 8) {
        memcpy(&w, p, 8);
        uint64_t cr = w ^ (ones * '\r'), esc = w ^ (ones * 0x1b);
        if (((cr - ones) & ~cr & highs) | ((esc - ones) & ~esc & highs))
            return 1;
    }
    for (; n > 0; p++, n--)
        if (*p == '\r' || *p == 0x1b)
            return 1;
    return 0;
}

/* No CR, no ESC, ASCII only: what Python would decode and match the same way. */
static int plain(const char *p, Py_ssize_t n) {
    const uint64_t highs = 0x8080808080808080ULL;
    uint64_t w, any = 0;
    Py_ssize_t k;
    for (k = 0; k + 8 <= n; k += 8) {
        memcpy(&w, p + k, 8);
        any |= w;
    }
    for (; k < n; k++)
        any |= (unsigned char)p[k];
    return !(any & highs) && !has_cr_esc(p, n);
}

/* The id ``dict`` maps ``key`` to: -3 when it maps nothing (the caller adds it), -1 on
   error. */
static long dict_id(PyObject *dict, PyObject *key) {
    PyObject *found = PyDict_GetItemWithError(dict, key);
    if (found != NULL)
        return PyLong_AsLong(found);
    return PyErr_Occurred() ? -1 : -3;
}

/* Map ``key`` to the next id (``list``'s length) and append ``item`` to ``list``: the id,
   or -1 on error. */
static long add_id(PyObject *dict, PyObject *list, PyObject *key, PyObject *item) {
    Py_ssize_t size = PyList_GET_SIZE(list);
    PyObject *value = PyLong_FromSsize_t(size);
    if (value == NULL || PyDict_SetItem(dict, key, value) < 0 || PyList_Append(list, item) < 0) {
        Py_XDECREF(value);
        return -1;
    }
    Py_DECREF(value);
    return (long)size;
}

/* The id of ``p[0:n]`` (whose hash_bytes is ``hash``): -1 on error, -2 when the table is
   full. */
static long intern(Table *t, const char *p, Py_ssize_t n, uint64_t hash) {
    for (int i = 0; i < t->used; i++)
        if (t->mru[i].hash == hash && t->mru[i].n == n && memcmp(t->mru[i].p, p, (size_t)n) == 0)
            return t->mru[i].id;
    PyObject *key = PyBytes_FromStringAndSize(p, n);
    if (key == NULL)
        return -1;
    long id = dict_id(t->dict, key);
    if (id == -3)
        id = t->cap >= 0 && PyList_GET_SIZE(t->list) >= t->cap ? -2
             : add_id(t->dict, t->list, key, key);
    Py_DECREF(key);
    if (id < 0)
        return id;
    /* The list holds the bytes for as long as the table lives: a stable pointer. */
    PyObject *held = PyList_GET_ITEM(t->list, id);
    int slot = t->used < MRU ? t->used++ : (t->next++ % MRU);
    t->mru[slot].p = PyBytes_AS_STRING(held);
    t->mru[slot].n = PyBytes_GET_SIZE(held);
    t->mru[slot].hash = hash;
    t->mru[slot].id = id;
    return id;
}

/* (key id, return id) -> group id, groups listed as (key id, return id) tuples. */
typedef struct {
    PyObject *dict, *list;
    uint64_t mru_key[MRU];
    long mru_id[MRU];
    int used, next;
} Pairs;

static long pair_id(Pairs *t, long kid, long rid) {
    uint64_t k = ((uint64_t)kid << 32) | (uint64_t)rid;
    for (int i = 0; i < t->used; i++)
        if (t->mru_key[i] == k)
            return t->mru_id[i];
    PyObject *key = PyLong_FromUnsignedLongLong(k);
    if (key == NULL)
        return -1;
    long id = dict_id(t->dict, key);
    if (id == -3) {
        PyObject *pair = Py_BuildValue("(ll)", kid, rid);
        id = pair == NULL ? -1 : add_id(t->dict, t->list, key, pair);
        Py_XDECREF(pair);
    }
    Py_DECREF(key);
    if (id < 0)
        return id;
    int slot = t->used < MRU ? t->used++ : (t->next++ % MRU);
    t->mru_key[slot] = k;
    t->mru_id[slot] = id;
    return id;
}

static Py_ssize_t find(const char *b, Py_ssize_t from, Py_ssize_t to, const char *what,
                       Py_ssize_t n) {
    /* memchr for the first byte, then compare: glibc's memmem is several times
       slower for needles this short (glibc 2.36). */
    Py_ssize_t last = to - n;
    while (from <= last) {
        const char *hit = memchr(b + from, what[0], (size_t)(last - from + 1));
        if (hit == NULL)
            return -1;
        if (memcmp(hit + 1, what + 1, (size_t)(n - 1)) == 0)
            return hit - b;
        from = hit - b + 1;
    }
    return -1;
}

/* The header after "exec[tid] " (``_header_tail``'s checks): the return's span. */
static int header_tail(const char *b, Py_ssize_t from, Py_ssize_t to, Py_ssize_t *ret) {
    static const char FUNC[] = " function(", RET[] = ") $return: ";
    if (!plain(b + from, to - from))
        return 0;
    Py_ssize_t i = find(b, from, to, FUNC, 10), j = find(b, from, to, RET, 11);
    if (i <= from || j < i + 10)
        return 0;
    if (find(b, i + 1, to, FUNC, 10) >= 0 || find(b, j + 1, to, RET, 11) >= 0)
        return 0;
    const char *colon = memchr(b + from, ':', (size_t)(to - from));
    if (colon != NULL && colon - b < to - 1 && colon[1] >= '0' && colon[1] <= '9')
        return 0;
    *ret = j + 11;
    return 1;
}

/* One statement line [s, e) after its prefix of ``plen`` bytes: the end of its
   file:line, or -1 when STATEMENT's shape does not read it. One pass over the bytes:
   [^\n:"]*:[0-9]+ then a space, a label of at least one byte and ": "; no CR or ESC
   anywhere (Python strips those first), an ASCII file name. */
static Py_ssize_t statement_line(const char *b, Py_ssize_t s, Py_ssize_t e, Py_ssize_t plen) {
    const unsigned char *u = (const unsigned char *)b;
    Py_ssize_t c = s + plen, d;
    if (has_cr_esc(b + s, e - s))
        return -1;
    for (; c < e && u[c] != ':' && u[c] != '"'; c++)
        if (u[c] >= 0x80)
            return -1;
    if (c >= e || u[c] != ':')
        return -1;
    for (d = c + 1; d < e && u[d] >= '0' && u[d] <= '9'; d++)
        ;
    if (d == c + 1 || d >= e || u[d] != ' ')
        return -1;
    /* ": " whose colon is at d + 2 or later: the label has a byte. */
    return find(b, d + 2, e, ": ", 2) >= 0 ? d : -1;
}

typedef struct {
    Buf offsets, ends, headers, tids, execs, groups, returns, return_ends, key;
} Columns;

/* Header texts after "exec[tid] " already read in this scan (pointers into its
   buffer): a call whose header repeats one skips the header's checks and the intern
   of its return. */
#define HEADS 4

typedef struct {
    Table keys, execs, rets;
    Pairs pairs;
    struct {
        const char *p;
        Py_ssize_t n, ret;  /* ret: where the return starts, from p */
        long rid;
    } heads[HEADS];
    int hused, hnext;
} Tables;

/* The return of a header text read before (its start in ``*ret``, its id), or -1. */
static long known_head(Tables *t, const char *b, Py_ssize_t from, Py_ssize_t to,
                       Py_ssize_t *ret) {
    for (int i = 0; i < t->hused; i++)
        if (t->heads[i].n == to - from && memcmp(t->heads[i].p, b + from, (size_t)(to - from)) == 0) {
            *ret = from + t->heads[i].ret;
            return t->heads[i].rid;
        }
    return -1;
}

static void remember_head(Tables *t, const char *b, Py_ssize_t from, Py_ssize_t to,
                          Py_ssize_t ret, long rid) {
    int slot = t->hused < HEADS ? t->hused++ : (t->hnext++ % HEADS);
    t->heads[slot].p = b + from;
    t->heads[slot].n = to - from;
    t->heads[slot].ret = ret - from;
    t->heads[slot].rid = rid;
}

/* Read the call at ``p`` (a blank line) into ``out``; the position after it, or -1
   when Python has to read it, or -2 on error. */
static Py_ssize_t one_call(const char *b, Py_ssize_t n, Py_ssize_t p, int final,
                           Py_ssize_t limit, Tables *t, Columns *out, Py_ssize_t *count) {
    const char *nl = memchr(b + p + 1, '\n', (size_t)(n - p - 1));
    if (nl == NULL)
        return -1;
    Py_ssize_t he = nl - b, end;
    if (he - p > MAX_LINE)
        return -1;
    Py_ssize_t blank = find(b, he, n, "\n\n", 2);
    if (blank >= 0)
        end = blank + 1;
    else if (final && b[n - 1] == '\n')
        end = n;
    else
        return -1;
    const char *lbp = memchr(b + p + 1, '[', (size_t)(he - p - 1));
    if (lbp == NULL || lbp - b - p > 16)
        return -1;
    Py_ssize_t lb = lbp - b, rb = find(b, lb, he, "] ", 2), ret;
    if (rb < 0 || rb - lb - 1 < 1 || rb - lb - 1 > 18 || !plain(b + p + 1, lb - p - 1))
        return -1;
    int64_t tid = 0;
    for (Py_ssize_t k = lb + 1; k < rb; k++) {
        if (b[k] < '0' || b[k] > '9')
            return -1;
        tid = tid * 10 + (b[k] - '0');
    }
    long rid = known_head(t, b, rb + 2, he, &ret);
    if (rid < 0 && !header_tail(b, rb + 2, he, &ret))
        return -1;
    Py_ssize_t plen = rb + 2 - p - 1;
    out->key.len = 0;
    *count = 0;
    for (Py_ssize_t s = he + 1; s < end;) {
        Py_ssize_t e = (const char *)memchr(b + s, '\n', (size_t)(end - s)) - b;
        if (e - s >= limit || e - s < plen || memcmp(b + s, b + p + 1, (size_t)plen))
            return -1;
        Py_ssize_t d = statement_line(b, s, e, plen);
        if (d < 0)
            return -1;
        if (buf_put(&out->key, b + s + plen, d - s - plen) < 0 || buf_put(&out->key, "\n", 1) < 0)
            return -2;
        (*count)++;
        s = e + 1;
    }
    const char *key = out->key.data ? out->key.data : "";
    long kid = intern(&t->keys, key, out->key.len, hash_bytes(key, out->key.len));
    long xid = kid < 0 ? kid : intern(&t->execs, b + p + 1, lb - p - 1, hash_bytes(b + p + 1, lb - p - 1));
    if (xid < 0) {
        rid = xid;
    } else if (rid < 0) {
        rid = intern(&t->rets, b + ret, he - ret, hash_bytes(b + ret, he - ret));
        if (rid == -2)
            return -1;  /* too many distinct returns: Python's path caches them no further */
        if (rid >= 0)
            remember_head(t, b, rb + 2, he, ret, rid);
    }
    long gid = rid < 0 ? rid : pair_id(&t->pairs, kid, rid);
    if (gid < 0)
        return -2;
    uint32_t x32 = (uint32_t)xid, g32 = (uint32_t)gid;
    if (buf_put(&out->tids, &tid, 8) < 0 || buf_put(&out->execs, &x32, 4) < 0
            || buf_put(&out->groups, &g32, 4) < 0 || buf_put(&out->returns, b + ret, he - ret) < 0)
        return -2;
    return end;
}

/* The columns, kept from one scan to the next (the GIL serialises scans): growing
   fresh buffers for every chunk cost more in page faults than the scan itself. */
static Columns kept;

static Columns *columns_reset(void) {
    Buf *all[] = {&kept.offsets, &kept.ends, &kept.headers, &kept.tids, &kept.execs,
                  &kept.groups, &kept.returns, &kept.return_ends, &kept.key};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        all[i]->len = 0;
    return &kept;
}

static int table_arg(Table *t, PyObject *dict, PyObject *list, Py_ssize_t cap) {
    if (!PyDict_Check(dict) || !PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "an intern table is a dict and a list");
        return -1;
    }
    t->dict = dict;
    t->list = list;
    t->cap = cap;
    t->used = t->next = 0;
    return 0;
}

PyDoc_STRVAR(scan_doc,
"scan(buf, pos, final, limit, base, line_no, keys, key_list, execs, exec_list,\n"
"     rets, ret_list, ret_cap, pairs, pair_list)\n"
"Read the calls from ``pos`` (a blank line) on as Python's fast path would; None when\n"
"it reads none, else (pos after them, calls, statements, lines, offsets, ends,\n"
"header lines, tids, execname ids, group ids, returns, return ends).");

static PyObject *scan(PyObject *self, PyObject *args) {
    Py_buffer view;
    Py_ssize_t pos, limit, base, line_no, ret_cap;
    int final;
    PyObject *kd, *kl, *xd, *xl, *rd, *rl, *pd, *pl;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*npnnnOOOOOOnOO", &view, &pos, &final, &limit, &base,
                          &line_no, &kd, &kl, &xd, &xl, &rd, &rl, &ret_cap, &pd, &pl))
        return NULL;
    Tables t;
    Columns *c = columns_reset();
    if (table_arg(&t.keys, kd, kl, -1) < 0 || table_arg(&t.execs, xd, xl, -1) < 0
            || table_arg(&t.rets, rd, rl, ret_cap) < 0 || !PyDict_Check(pd) || !PyList_Check(pl)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_TypeError, "the pair table is a dict and a list");
        PyBuffer_Release(&view);
        return NULL;
    }
    t.pairs.dict = pd;
    t.pairs.list = pl;
    t.pairs.used = t.pairs.next = 0;
    t.hused = t.hnext = 0;
    const char *b = view.buf;
    Py_ssize_t n = view.len, p = pos, calls = 0, statements = 0, lines = 0, count = 0;
    PyObject *result = NULL;
    while (p < n && b[p] == '\n') {
        Py_ssize_t at = p;
        Py_ssize_t next = one_call(b, n, p, final, limit, &t, c, &count);
        if (next == -2)
            goto done;
        if (next < 0)
            break;
        uint64_t off = (uint64_t)(base + at), en = (uint64_t)(base + next);
        uint64_t header = (uint64_t)(line_no + lines + 1), rend = (uint64_t)c->returns.len;
        if (buf_put(&c->offsets, &off, 8) < 0 || buf_put(&c->ends, &en, 8) < 0
                || buf_put(&c->headers, &header, 8) < 0 || buf_put(&c->return_ends, &rend, 8) < 0)
            goto done;
        calls++;
        statements += count;
        lines += 2 + count;
        p = next;
    }
    if (calls == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    result = Py_BuildValue("(nnnnNNNNNNNN)", p, calls, statements, lines,
                           buf_bytes(&c->offsets), buf_bytes(&c->ends), buf_bytes(&c->headers),
                           buf_bytes(&c->tids), buf_bytes(&c->execs), buf_bytes(&c->groups),
                           buf_bytes(&c->returns), buf_bytes(&c->return_ends));
done:
    PyBuffer_Release(&view);
    return result;
}

/* -- folds over columns ------------------------------------------------------- */

static int u32_arg(Py_buffer *v, const char *what) {
    if (v->len % 4) {
        PyErr_Format(PyExc_ValueError, "%s is not an array of 32-bit values", what);
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(tally_doc,
"tally(values, n) -> (counts, last): how many times each of 0..n-1 occurs in the\n"
"uint32 array ``values``, and the index of its last occurrence (-1: none).");

static PyObject *tally(PyObject *self, PyObject *args) {
    Py_buffer v;
    Py_ssize_t n;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*n", &v, &n))
        return NULL;
    PyObject *counts = NULL, *last = NULL, *result = NULL;
    Py_ssize_t *cnt = PyMem_Calloc((size_t)(n ? n : 1), sizeof *cnt);
    Py_ssize_t *lst = PyMem_Malloc((size_t)(n ? n : 1) * sizeof *lst);
    if (cnt == NULL || lst == NULL || u32_arg(&v, "values") < 0) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        lst[i] = -1;
    const uint32_t *a = v.buf;
    for (Py_ssize_t i = 0; i < v.len / 4; i++) {
        if ((Py_ssize_t)a[i] >= n) {
            PyErr_SetString(PyExc_ValueError, "a value is out of range");
            goto done;
        }
        cnt[a[i]]++;
        lst[a[i]] = i;
    }
    counts = PyList_New(n);
    last = PyList_New(n);
    if (counts == NULL || last == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyList_SET_ITEM(counts, i, PyLong_FromSsize_t(cnt[i]));
        PyList_SET_ITEM(last, i, PyLong_FromSsize_t(lst[i]));
    }
    result = PyTuple_Pack(2, counts, last);
done:
    Py_XDECREF(counts);
    Py_XDECREF(last);
    PyMem_Free(cnt);
    PyMem_Free(lst);
    PyBuffer_Release(&v);
    return result;
}

PyDoc_STRVAR(distinct_doc,
"distinct(a, b, wide, n) -> [[b, ...], ...]: for each value v in 0..n-1 of the uint32\n"
"array ``a``, the distinct values of the array ``b`` (int64 when ``wide``, else\n"
"uint32) beside it, in first-seen order.");

static PyObject *distinct(PyObject *self, PyObject *args) {
    Py_buffer va, vb;
    int wide;
    Py_ssize_t groups;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*y*pn", &va, &vb, &wide, &groups))
        return NULL;
    PyObject *out = NULL;
    Py_ssize_t n = va.len / 4, size = 16;
    uint32_t *ka = NULL;
    int64_t *kb = NULL;
    char *full = NULL;
    if (u32_arg(&va, "a") < 0 || vb.len != n * (wide ? 8 : 4)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "the arrays differ in length");
        goto done;
    }
    while (size < 2 * n)
        size *= 2;
    ka = PyMem_Malloc((size_t)size * sizeof *ka);
    kb = PyMem_Malloc((size_t)size * sizeof *kb);
    full = PyMem_Calloc((size_t)size, 1);
    out = PyList_New(groups);
    if (ka == NULL || kb == NULL || full == NULL || out == NULL) {
        Py_CLEAR(out);
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t g = 0; g < groups; g++) {
        PyObject *list = PyList_New(0);
        if (list == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, g, list);
    }
    const uint32_t *a = va.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        int64_t bv = wide ? ((const int64_t *)vb.buf)[i] : ((const uint32_t *)vb.buf)[i];
        if ((Py_ssize_t)a[i] >= groups) {
            PyErr_SetString(PyExc_ValueError, "a value of a is out of range");
            Py_CLEAR(out);
            goto done;
        }
        uint64_t h = ((uint64_t)a[i] * 0x9E3779B97F4A7C15ULL) ^ ((uint64_t)bv * 0xC2B2AE3D27D4EB4FULL);
        Py_ssize_t s = (Py_ssize_t)((h ^ (h >> 29)) & (uint64_t)(size - 1));
        while (full[s] && !(ka[s] == a[i] && kb[s] == bv))
            s = (s + 1) & (size - 1);
        if (full[s])
            continue;
        full[s] = 1;
        ka[s] = a[i];
        kb[s] = bv;
        PyObject *value = PyLong_FromLongLong(bv);
        if (value == NULL || PyList_Append(PyList_GET_ITEM(out, a[i]), value) < 0) {
            Py_XDECREF(value);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(value);
    }
done:
    PyMem_Free(ka);
    PyMem_Free(kb);
    PyMem_Free(full);
    PyBuffer_Release(&va);
    PyBuffer_Release(&vb);
    return out;
}

PyDoc_STRVAR(remap_doc,
"remap(values, table) -> bytes: the uint32 array ``values`` with each value v\n"
"replaced by table[v] (``table`` a uint32 array).");

static PyObject *remap(PyObject *self, PyObject *args) {
    Py_buffer v, m;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*y*", &v, &m))
        return NULL;
    PyObject *out = NULL;
    if (u32_arg(&v, "values") < 0 || u32_arg(&m, "table") < 0)
        goto done;
    out = PyBytes_FromStringAndSize(NULL, v.len);
    if (out == NULL)
        goto done;
    const uint32_t *a = v.buf, *map = m.buf;
    uint32_t *dst = (uint32_t *)PyBytes_AS_STRING(out);
    Py_ssize_t size = m.len / 4;
    for (Py_ssize_t i = 0; i < v.len / 4; i++) {
        if ((Py_ssize_t)a[i] >= size) {
            PyErr_SetString(PyExc_ValueError, "a value is out of the table's range");
            Py_CLEAR(out);
            goto done;
        }
        dst[i] = map[a[i]];
    }
done:
    PyBuffer_Release(&v);
    PyBuffer_Release(&m);
    return out;
}

PyDoc_STRVAR(shift_doc,
"shift(values, delta, narrow) -> bytes: the uint64 array ``values`` with ``delta``\n"
"added to each (modulo 2**64), as uint64 or, when ``narrow``, as uint32 (ValueError\n"
"when a value does not fit).");

static PyObject *shift(PyObject *self, PyObject *args) {
    Py_buffer v;
    unsigned long long delta;
    int narrow;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*Kp", &v, &delta, &narrow))
        return NULL;
    PyObject *out = NULL;
    if (v.len % 8) {
        PyErr_SetString(PyExc_ValueError, "values is not an array of 64-bit values");
        goto done;
    }
    Py_ssize_t n = v.len / 8;
    out = PyBytes_FromStringAndSize(NULL, narrow ? n * 4 : n * 8);
    if (out == NULL)
        goto done;
    const uint64_t *a = v.buf;
    char *dst = PyBytes_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        uint64_t x = a[i] + (uint64_t)delta;
        if (!narrow) {
            ((uint64_t *)dst)[i] = x;
        } else if (x > UINT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "a shifted value does not fit 32 bits");
            Py_CLEAR(out);
            goto done;
        } else {
            ((uint32_t *)dst)[i] = (uint32_t)x;
        }
    }
done:
    PyBuffer_Release(&v);
    return out;
}

PyDoc_STRVAR(where_doc,
"where(values, v) -> bytes: the indexes (uint32) at which the uint32 array\n"
"``values`` holds ``v``, in order.");

static PyObject *where(PyObject *self, PyObject *args) {
    Py_buffer v;
    unsigned long want;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*k", &v, &want))
        return NULL;
    PyObject *out = NULL;
    Buf found = {NULL, 0, 0};
    if (u32_arg(&v, "values") < 0)
        goto done;
    const uint32_t *a = v.buf;
    for (Py_ssize_t i = 0; i < v.len / 4; i++) {
        uint32_t at = (uint32_t)i;
        if (a[i] == want && buf_put(&found, &at, 4) < 0)
            goto done;
    }
    out = buf_bytes(&found);
done:
    PyMem_Free(found.data);
    PyBuffer_Release(&v);
    return out;
}

PyDoc_STRVAR(values_keys_doc,
"values_keys(buf, base, offsets, ends, indexes) -> [bytes, ...]: for each index i\n"
"(uint32), the statement lines of the call at buf[offsets[i] - base : ends[i] - base]\n"
"(uint64 columns) with every occurrence of its header's \"exec[tid] \" removed, as\n"
"bytes.replace removes them: equal for calls that printed the same values.");

static PyObject *values_keys(PyObject *self, PyObject *args) {
    Py_buffer vb, vo, ve, vi;
    Py_ssize_t base;
    (void)self;
    if (!PyArg_ParseTuple(args, "y*ny*y*y*", &vb, &base, &vo, &ve, &vi))
        return NULL;
    PyObject *out = PyList_New(0);
    Buf key = {NULL, 0, 0};
    const char *b = vb.buf;
    const uint64_t *offs = vo.buf, *ends = ve.buf;
    const uint32_t *idx = vi.buf;
    Py_ssize_t calls = vo.len / 8;
    for (Py_ssize_t k = 0; out != NULL && k < vi.len / 4; k++) {
        if ((Py_ssize_t)idx[k] >= calls || ve.len / 8 != calls) {
            PyErr_SetString(PyExc_ValueError, "an index is out of the columns' range");
            Py_CLEAR(out);
            break;
        }
        Py_ssize_t pos = (Py_ssize_t)offs[idx[k]] - base, end = (Py_ssize_t)ends[idx[k]] - base;
        Py_ssize_t he = pos < 0 || end > vb.len ? -1 : find(b, pos + 1, end, "\n", 1);
        Py_ssize_t rb = he < 0 ? -1 : find(b, pos + 1, he, "] ", 2);
        if (rb < 0) {
            PyErr_SetString(PyExc_ValueError, "no call header at an offset");
            Py_CLEAR(out);
            break;
        }
        const char *prefix = b + pos + 1;
        Py_ssize_t plen = rb + 2 - pos - 1, s = he + 1, hit;
        key.len = 0;
        while ((hit = find(b, s, end, prefix, plen)) >= 0) {
            if (buf_put(&key, b + s, hit - s) < 0)
                break;
            s = hit + plen;
        }
        PyObject *item = PyErr_Occurred() || buf_put(&key, b + s, end - s) < 0 ? NULL : buf_bytes(&key);
        if (item == NULL || PyList_Append(out, item) < 0)
            Py_CLEAR(out);
        Py_XDECREF(item);
    }
    PyMem_Free(key.data);
    PyBuffer_Release(&vb);
    PyBuffer_Release(&vo);
    PyBuffer_Release(&ve);
    PyBuffer_Release(&vi);
    return out;
}

static PyMethodDef methods[] = {
    {"where", where, METH_VARARGS, where_doc},
    {"values_keys", values_keys, METH_VARARGS, values_keys_doc},
    {"shift", shift, METH_VARARGS, shift_doc},
    {"scan", scan, METH_VARARGS, scan_doc},
    {"tally", tally, METH_VARARGS, tally_doc},
    {"distinct", distinct, METH_VARARGS, distinct_doc},
    {"remap", remap, METH_VARARGS, remap_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "reporter._scan",
    "The parser's fast path and the analysis's folds, in C (see reporter/scan.py).",
    -1, methods, NULL, NULL, NULL, NULL,
};

#ifndef SOURCE_SHA256
#define SOURCE_SHA256 ""
#endif

PyMODINIT_FUNC PyInit__scan(void) {
    PyObject *m = PyModule_Create(&module);
    /* hatch_build.py passes the source's hash: reporter.scan refuses a stale build. */
    if (m != NULL && PyModule_AddStringConstant(m, "SOURCE_SHA256", SOURCE_SHA256) < 0)
        Py_CLEAR(m);
    return m;
}
