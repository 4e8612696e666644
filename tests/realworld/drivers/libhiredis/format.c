/* realworld corpus driver: hiredis's command formatting (hiredis.c) and sds splitting (sds.c).
 *
 * format format FMT:     redisFormatCommand(&cmd, FMT) (FMT takes no arguments)
 * format append FMT:     redisAppendCommand(c, FMT) on a context made with redisConnectFd()
 *                        over one end of a socketpair (nothing is sent)
 * format command FMT:    redisCommand(c, FMT) on such a context
 * format splitargs LINE: sdssplitargs(LINE, &argc)
 * format splitlen S SEP SEPLEN: sdssplitlen(S, strlen(S), SEP, SEPLEN, &count)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <hiredis.h>

static redisContext *pair_context(int *peer)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		exit(1);
	}
	*peer = sv[1];
	return redisConnectFd(sv[0]);
}

int main(int argc, char **argv)
{
	redisContext *c;
	char *cmd = NULL;
	int rc, peer, n = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: format format|append|command|splitargs|splitlen ARG...\n");
		return 2;
	}
	if (strcmp(argv[1], "format") == 0) {
		rc = redisFormatCommand(&cmd, argv[2]);
		printf("format: %d\n", rc);
		free(cmd);
	} else if (strcmp(argv[1], "append") == 0) {
		c = pair_context(&peer);
		rc = redisAppendCommand(c, argv[2]);
		printf("append: %d err %d %s\n", rc, c->err, c->errstr);
		redisFree(c);
		close(peer);
	} else if (strcmp(argv[1], "command") == 0) {
		redisReply *reply;

		c = pair_context(&peer);
		reply = redisCommand(c, argv[2]);
		printf("command: %p err %d %s\n", (void *)reply, c->err, c->errstr);
		if (reply)
			freeReplyObject(reply);
		redisFree(c);
		close(peer);
	} else if (strcmp(argv[1], "splitargs") == 0) {
		sds *v = sdssplitargs(argv[2], &n);

		printf("splitargs: %p argc %d\n", (void *)v, n);
		if (v)
			sdsfreesplitres(v, n);
	} else if (strcmp(argv[1], "splitlen") == 0 && argc >= 5) {
		sds *v = sdssplitlen(argv[2], (int)strlen(argv[2]), argv[3], atoi(argv[4]), &n);

		printf("splitlen: %p count %d\n", (void *)v, n);
		if (v)
			sdsfreesplitres(v, n);
	} else {
		fprintf(stderr, "unknown mode %s\n", argv[1]);
		return 2;
	}
	return 0;
}
