/* realworld corpus driver: libnghttp2 sessions and HPACK coders given bad input.
 * HEX arguments are bytes in hex.
 *   h2 recv TEXT               server session, nghttp2_session_mem_recv(TEXT): a client that
 *                              sends TEXT where the HTTP/2 connection preface belongs
 *   h2 settings ID VALUE       client session, nghttp2_submit_settings() of one entry
 *   h2 upgrade HEX             client session, nghttp2_session_upgrade2(HEX as the
 *                              HTTP2-Settings payload, head_request 0)
 *   h2 inflate HEX FINAL       nghttp2_hd_inflate_hd2() of the header block HEX, in_final FINAL
 *   h2 deflate BUFLEN          nghttp2_hd_deflate_hd() of one header field (":path" and a
 *                              100-byte value) into a buffer of BUFLEN bytes
 *   h2 window STREAM INCR      client session, nghttp2_submit_window_update(STREAM, INCR)
 *   h2 consume STREAM SIZE     client session (automatic WINDOW_UPDATE, the default),
 *                              nghttp2_session_consume(STREAM, SIZE)
 *   h2 push STREAM             client session, nghttp2_submit_push_promise(STREAM)
 *   h2 newnomem N              nghttp2_session_client_new3() with an allocator whose Nth
 *                              allocation (malloc, calloc or realloc) fails, as when out of
 *                              memory
 *   h2 inflatenomem N          nghttp2_hd_inflate_new2() with that allocator
 * Each prints what the call returned (and its nghttp2_strerror()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nghttp2/nghttp2.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* decode HEX into BUF (at most CAP bytes), return the length */
static size_t unhex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;

	for (; n < cap && hexval(hex[0]) >= 0 && hexval(hex[1]) >= 0; hex += 2)
		buf[n++] = (uint8_t)(hexval(hex[0]) * 16 + hexval(hex[1]));
	return n;
}

/* an allocator that fails its fail_at-th allocation */
static int alloc_count, fail_at;

static int fail_now(void)
{
	return ++alloc_count == fail_at;
}

static void *t_malloc(size_t size, void *ud)
{
	(void)ud;
	return fail_now() ? NULL : malloc(size);
}

static void t_free(void *p, void *ud)
{
	(void)ud;
	free(p);
}

static void *t_calloc(size_t n, size_t size, void *ud)
{
	(void)ud;
	return fail_now() ? NULL : calloc(n, size);
}

static void *t_realloc(void *p, size_t size, void *ud)
{
	(void)ud;
	return fail_now() ? NULL : realloc(p, size);
}

static nghttp2_mem failing_mem = {NULL, t_malloc, t_free, t_calloc, t_realloc};

static nghttp2_session *session(int server)
{
	nghttp2_session_callbacks *cbs;
	nghttp2_session *s;
	int rv;

	if (nghttp2_session_callbacks_new(&cbs) != 0)
		exit(2);
	rv = server ? nghttp2_session_server_new(&s, cbs, NULL)
		    : nghttp2_session_client_new(&s, cbs, NULL);
	nghttp2_session_callbacks_del(cbs);
	if (rv != 0)
		exit(2);
	return s;
}

static void show(const char *what, long rv)
{
	printf("%s: %ld (%s)\n", what, rv, rv < 0 ? nghttp2_strerror((int)rv) : "ok");
}

int main(int argc, char **argv)
{
	static uint8_t buf[4096];

	if (argc < 2)
		return 2;
	if (!strcmp(argv[1], "recv") && argc > 2) {
		nghttp2_session *s = session(1);

		show("nghttp2_session_mem_recv",
		     (long)nghttp2_session_mem_recv(s, (const uint8_t *)argv[2], strlen(argv[2])));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "settings") && argc > 3) {
		nghttp2_session *s = session(0);
		nghttp2_settings_entry iv = {atoi(argv[2]), (uint32_t)strtoul(argv[3], NULL, 0)};

		show("nghttp2_submit_settings", nghttp2_submit_settings(s, NGHTTP2_FLAG_NONE, &iv, 1));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "upgrade") && argc > 2) {
		nghttp2_session *s = session(0);
		size_t n = unhex(argv[2], buf, sizeof(buf));

		show("nghttp2_session_upgrade2", nghttp2_session_upgrade2(s, buf, n, 0, NULL));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "inflate") && argc > 3) {
		nghttp2_hd_inflater *inf;
		nghttp2_nv nv;
		int flags = 0;
		size_t n = unhex(argv[2], buf, sizeof(buf));

		if (nghttp2_hd_inflate_new(&inf) != 0)
			return 2;
		show("nghttp2_hd_inflate_hd2",
		     (long)nghttp2_hd_inflate_hd2(inf, &nv, &flags, buf, n, atoi(argv[3])));
		nghttp2_hd_inflate_del(inf);
	} else if (!strcmp(argv[1], "deflate") && argc > 2) {
		nghttp2_hd_deflater *def;
		char value[101];
		nghttp2_nv nv = {(uint8_t *)":path", (uint8_t *)value, 5, 100, NGHTTP2_NV_FLAG_NONE};
		size_t buflen = strtoul(argv[2], NULL, 0);

		memset(value, 'a', 100);
		value[100] = 0;
		if (buflen > sizeof(buf) || nghttp2_hd_deflate_new(&def, 4096) != 0)
			return 2;
		show("nghttp2_hd_deflate_hd", (long)nghttp2_hd_deflate_hd(def, buf, buflen, &nv, 1));
		nghttp2_hd_deflate_del(def);
	} else if (!strcmp(argv[1], "window") && argc > 3) {
		nghttp2_session *s = session(0);

		show("nghttp2_submit_window_update",
		     nghttp2_submit_window_update(s, NGHTTP2_FLAG_NONE, atoi(argv[2]),
						  (int32_t)strtol(argv[3], NULL, 0)));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "consume") && argc > 3) {
		nghttp2_session *s = session(0);

		show("nghttp2_session_consume",
		     nghttp2_session_consume(s, atoi(argv[2]), strtoul(argv[3], NULL, 0)));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "push") && argc > 2) {
		nghttp2_session *s = session(0);
		nghttp2_nv nv = {(uint8_t *)":path", (uint8_t *)"/", 5, 1, NGHTTP2_NV_FLAG_NONE};

		show("nghttp2_submit_push_promise",
		     nghttp2_submit_push_promise(s, NGHTTP2_FLAG_NONE, atoi(argv[2]), &nv, 1, NULL));
		nghttp2_session_del(s);
	} else if (!strcmp(argv[1], "newnomem") && argc > 2) {
		nghttp2_session_callbacks *cbs;
		nghttp2_session *s = NULL;
		int rv;

		if (nghttp2_session_callbacks_new(&cbs) != 0)
			return 2;
		fail_at = atoi(argv[2]);
		rv = nghttp2_session_client_new3(&s, cbs, NULL, NULL, &failing_mem);
		show("nghttp2_session_client_new3", rv);
		if (rv == 0)
			nghttp2_session_del(s);
		nghttp2_session_callbacks_del(cbs);
	} else if (!strcmp(argv[1], "inflatenomem") && argc > 2) {
		nghttp2_hd_inflater *inf = NULL;
		int rv;

		fail_at = atoi(argv[2]);
		rv = nghttp2_hd_inflate_new2(&inf, &failing_mem);
		show("nghttp2_hd_inflate_new2", rv);
		if (rv == 0)
			nghttp2_hd_inflate_del(inf);
	} else {
		return 2;
	}
	return 0;
}
