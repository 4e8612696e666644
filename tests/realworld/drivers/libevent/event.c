/* libevent driver: calls the public API with bad input (unparsable addresses and URIs,
 * frozen buffers, bad file descriptors and offsets, impossible base configurations,
 * duplicate nameservers, a bad sockaddr length). Usage: event CMD [ARG]. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <event2/event.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/dns.h>
#include <event2/http.h>
#include <event2/util.h>

int main(int argc, char **argv)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    const char *arg = argc > 2 ? argv[2] : "";

    if (!strcmp(cmd, "parse")) {
        /* parse ADDR: evutil_parse_sockaddr_port into a sockaddr_storage */
        struct sockaddr_storage ss;
        int len = sizeof ss;
        int r = evutil_parse_sockaddr_port(arg, (struct sockaddr *) &ss, &len);
        printf("evutil_parse_sockaddr_port(%s): %d\n", arg, r);
        return 0;
    }
    if (!strcmp(cmd, "drain-frozen") || !strcmp(cmd, "remove-frozen")) {
        /* a buffer holding 5 bytes whose start is frozen */
        struct evbuffer *b = evbuffer_new();
        char out[8];
        evbuffer_add(b, "hello", 5);
        evbuffer_freeze(b, 1);
        if (cmd[0] == 'd')
            printf("evbuffer_drain: %d\n", evbuffer_drain(b, 2));
        else
            printf("evbuffer_remove: %d\n", evbuffer_remove(b, out, sizeof out));
        evbuffer_free(b);
        return 0;
    }
    if (!strcmp(cmd, "segment-badfd")) {
        /* a file segment of descriptor 99 (not open), length -1 (fstat it) */
        struct evbuffer_file_segment *seg = evbuffer_file_segment_new(99, 0, -1, 0);
        printf("evbuffer_file_segment_new: %p (errno %d)\n", (void *) seg, errno);
        return 0;
    }
    if (!strcmp(cmd, "base-features")) {
        /* require both EV_FEATURE_O1 and EV_FEATURE_FDS: epoll lacks FDS, poll and
         * select lack O1 */
        struct event_config *cfg = event_config_new();
        struct event_base *base;
        event_config_require_features(cfg, EV_FEATURE_O1 | EV_FEATURE_FDS);
        base = event_base_new_with_config(cfg);
        printf("event_base_new_with_config: %p\n", (void *) base);
        event_config_free(cfg);
        return 0;
    }
    if (!strcmp(cmd, "uri")) {
        /* uri STRING: evhttp_uri_parse_with_flags, strict (flags 0) */
        struct evhttp_uri *u = evhttp_uri_parse_with_flags(arg, 0);
        printf("evhttp_uri_parse_with_flags(%s): %p\n", arg, (void *) u);
        if (u)
            evhttp_uri_free(u);
        return 0;
    }
    if (!strcmp(cmd, "dns-add")) {
        /* dns-add ADDR [ADDR...]: add each nameserver to a base with no resolv.conf */
        struct event_base *base = event_base_new();
        struct evdns_base *dns = evdns_base_new(base, 0);
        int i;
        for (i = 2; i < argc; i++)
            printf("evdns_base_nameserver_ip_add(%s): %d\n", argv[i],
                   evdns_base_nameserver_ip_add(dns, argv[i]));
        evdns_base_free(dns, 0);
        event_base_free(base);
        return 0;
    }
    if (!strcmp(cmd, "connect-badlen")) {
        /* connect a socket bufferevent to 127.0.0.1:9, passing a socklen of 3 */
        struct event_base *base = event_base_new();
        struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
        struct sockaddr_in sin;
        memset(&sin, 0, sizeof sin);
        sin.sin_family = AF_INET;
        sin.sin_port = htons(9);
        sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        printf("bufferevent_socket_connect: %d (errno %d)\n",
               bufferevent_socket_connect(bev, (struct sockaddr *) &sin, 3), errno);
        bufferevent_free(bev);
        event_base_free(base);
        return 0;
    }
    fprintf(stderr, "unknown command %s\n", cmd);
    return 2;
}
