/* realworld corpus driver: hiredis's reply reader (read.c), no connection.
 *
 * reader get TEXT:   redisReaderCreate(), redisReaderFeed(TEXT), redisReaderGetReply()
 * reader again TEXT: the same, then redisReaderFeed("+OK\r\n") and redisReaderGetReply()
 *                    again on the reader left in its error state
 * TEXT is RESP with "\r" and "\n" written as two-character escapes.
 */
#include <stdio.h>
#include <string.h>
#include <hiredis.h>

static size_t unescape(const char *in, char *out)
{
	size_t n = 0;

	while (*in) {
		if (in[0] == '\\' && in[1] == 'r') { out[n++] = '\r'; in += 2; }
		else if (in[0] == '\\' && in[1] == 'n') { out[n++] = '\n'; in += 2; }
		else out[n++] = *in++;
	}
	return n;
}

int main(int argc, char **argv)
{
	redisReader *r;
	void *reply = NULL;
	char buf[4096];
	size_t len;
	int rc;

	if (argc < 3 || strlen(argv[2]) >= sizeof(buf)) {
		fprintf(stderr, "usage: reader get|again TEXT\n");
		return 2;
	}
	len = unescape(argv[2], buf);
	r = redisReaderCreate();
	rc = redisReaderFeed(r, buf, len);
	printf("feed: %d\n", rc);
	rc = redisReaderGetReply(r, &reply);
	printf("get_reply: %d err %d %s\n", rc, r->err, r->errstr);
	if (reply)
		freeReplyObject(reply);
	if (strcmp(argv[1], "again") == 0) {
		rc = redisReaderFeed(r, "+OK\r\n", 5);
		printf("feed again: %d\n", rc);
		rc = redisReaderGetReply(r, &reply);
		printf("get_reply again: %d\n", rc);
	}
	redisReaderFree(r);
	return 0;
}
