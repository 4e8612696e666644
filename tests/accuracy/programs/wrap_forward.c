/* accuracy: a pass-through errno wrapper on the return line (`return lib_err(err);`,
 * `return lib_err_ptr(err);`): the value comes from the call that set err. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_MAGIC 0x4d534721u

struct msg_hdr {
	uint32_t magic;
	uint32_t len;
};

struct msg {
	struct msg_hdr hdr;
	const char *body;
};

/* libbpf-style: set errno from a negative error and pass it on */
static int lib_err(int e)
{
	if (e < 0)
		errno = -e;
	return e;
}

static void *lib_err_ptr(int e)
{
	errno = -e;
	return NULL;
}

static int parse_hdr(const char *buf, size_t len, struct msg_hdr *hdr)
{
	if (len < sizeof(*hdr))
		return -ENODATA;
	memcpy(hdr, buf, sizeof(*hdr));
	if (hdr->magic != MSG_MAGIC)
		return -EBADMSG;
	return 0;
}

int msg_validate(const char *buf, size_t len)
{
	struct msg_hdr hdr;
	int err;

	if (!buf)
		return lib_err(-EINVAL);
	err = parse_hdr(buf, len, &hdr);
	if (err)
		return lib_err(err);
	if (hdr.len > len - sizeof(hdr))
		return lib_err(-EMSGSIZE);
	return 0;
}

struct msg *msg_new(const char *buf, size_t len)
{
	struct msg *m;
	int err;

	m = calloc(1, sizeof(*m));
	if (!m)
		return lib_err_ptr(-ENOMEM);
	err = parse_hdr(buf, len, &m->hdr);
	if (err) {
		free(m);
		return lib_err_ptr(err);
	}
	m->body = buf + sizeof(m->hdr);
	return m;
}

int main(void)
{
	static const char bad[16] = "GSMX\x04\0\0\0body";

	printf("%d\n", msg_validate(bad, sizeof(bad)));
	if (!msg_new(bad, sizeof(bad)))
		perror("msg_new");
	return 0;
}
