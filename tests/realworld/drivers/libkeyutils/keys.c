/* realworld corpus driver: libkeyutils against the kernel's keyrings.
 * Every mode first joins a new anonymous session keyring, so the keys it adds go away
 * with the process.
 *   keys findrev DESC    find_key_by_type_and_desc("user", DESC, 0): a "user" key DESC sits
 *                        in a keyring of the session whose search permission was taken
 *                        away (request_key() cannot reach it: ENOKEY) and is revoked, but
 *                        /proc/keys still lists it (describing it fails: EKEYREVOKED)
 *   keys finddot         find_key_by_type_and_desc(".errtrail", "errtrail", 0): a type
 *                        name starting with '.' (request_key() fails with EPERM)
 *   keys findlink DESC   find_key_by_type_and_desc("user", DESC, RING): the session holds
 *                        the key DESC, RING is a keyring of the session without write
 *                        permission (request_key() and keyctl_link() fail with EACCES)
 *   keys readrev         keyctl_read_alloc() of a revoked key
 *   keys describe        keyctl_describe_alloc() of a key whose view permission was
 *                        taken away
 *   keys addkey TYPE     add_key(TYPE, "errtrail", "x", 1, session): a type the kernel
 *                        does not know (ENODEV)
 *   keys timeout         keyctl_set_timeout() of a revoked key
 *   keys readoom         keyctl_read_alloc() of a key with a 30000-byte payload, after the
 *                        driver has capped its address space (RLIMIT_AS) at what it maps
 *                        and used up the heap, so malloc() fails with ENOMEM
 * For findrev and findlink the driver makes sure the key is not the first line of
 * /proc/keys (it adds it again until its serial is not the lowest), so the scan of
 * /proc/keys passes other lines before it reaches it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <keyutils.h>

static key_serial_t session;

static void need(long rc, const char *what)
{
	if (rc < 0) {
		perror(what);
		exit(2);
	}
}

/* the serial of the first line of /proc/keys (the lowest one the process can see) */
static key_serial_t first_listed(void)
{
	unsigned int id = 0;
	FILE *f = fopen("/proc/keys", "r");

	if (!f || fscanf(f, "%x", &id) != 1) {
		perror("/proc/keys");
		exit(2);
	}
	fclose(f);
	return (key_serial_t) id;
}

/* add a "user" key DESC to RING, again while it would be the first line of /proc/keys */
static key_serial_t add_not_first(const char *desc, key_serial_t ring)
{
	key_serial_t key;
	int tries = 0;

	for (;;) {
		key = add_key("user", desc, "payload", 7, ring);
		need(key, "add_key");
		if (first_listed() != key)
			return key;
		need(keyctl_unlink(key, ring), "keyctl_unlink");
		if (++tries == 50)
			exit(2);
		usleep(100000);	/* let the garbage collector drop the unlinked key */
	}
}

/* Leave the process no memory to allocate: cap its address space at what it maps now
 * and use up the heap, so the next malloc() fails with ENOMEM. */
static void exhaust_memory(void)
{
	volatile char stack[1 << 16];
	unsigned long pages = 0;
	struct rlimit rl;
	FILE *f;
	size_t n;

	memset((char *) stack, 0, sizeof(stack));	/* grow the stack first */
	f = fopen("/proc/self/statm", "r");
	if (!f || fscanf(f, "%lu", &pages) != 1)
		exit(2);
	fclose(f);
	rl.rlim_cur = rl.rlim_max = pages * (unsigned long) sysconf(_SC_PAGESIZE);
	need(setrlimit(RLIMIT_AS, &rl), "setrlimit");
	for (n = 1 << 20; n; n >>= 1)
		while (malloc(n))
			;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *arg = argc > 2 ? argv[2] : "errtrail";
	key_serial_t key, ring;
	void *data = NULL;
	char *text = NULL;
	long rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	session = keyctl_join_session_keyring(NULL);
	need(session, "keyctl_join_session_keyring");
	if (!strcmp(mode, "findrev")) {
		ring = add_key("keyring", "errtrail-hidden", NULL, 0, session);
		need(ring, "add_key keyring");
		key = add_not_first(arg, ring);
		need(keyctl_revoke(key), "keyctl_revoke");
		/* possessor: view, read, write, link, setattr; user: view; no search */
		need(keyctl_setperm(ring, 0x37010000), "keyctl_setperm");
		rc = find_key_by_type_and_desc("user", arg, 0);
	} else if (!strcmp(mode, "finddot")) {
		rc = find_key_by_type_and_desc(".errtrail", "errtrail", 0);
	} else if (!strcmp(mode, "findlink")) {
		key = add_not_first(arg, session);
		ring = add_key("keyring", "errtrail-readonly", NULL, 0, session);
		need(ring, "add_key keyring");
		/* possessor: view, read, search, link, setattr (no write); user: view */
		need(keyctl_setperm(ring, 0x3b010000), "keyctl_setperm");
		rc = find_key_by_type_and_desc("user", arg, ring);
	} else if (!strcmp(mode, "readrev")) {
		key = add_key("user", arg, "payload", 7, session);
		need(key, "add_key");
		need(keyctl_revoke(key), "keyctl_revoke");
		rc = keyctl_read_alloc(key, &data);
	} else if (!strcmp(mode, "describe")) {
		key = add_key("user", arg, "payload", 7, session);
		need(key, "add_key");
		/* possessor: read, write, search, link, setattr (no view); user: nothing */
		need(keyctl_setperm(key, 0x3e000000), "keyctl_setperm");
		rc = keyctl_describe_alloc(key, &text);
	} else if (!strcmp(mode, "addkey")) {
		rc = add_key(arg, "errtrail", "x", 1, session);
	} else if (!strcmp(mode, "timeout")) {
		key = add_key("user", "errtrail", "payload", 7, session);
		need(key, "add_key");
		need(keyctl_revoke(key), "keyctl_revoke");
		rc = keyctl_set_timeout(key, 60);
	} else if (!strcmp(mode, "readoom")) {
		static char payload[30000];

		memset(payload, 'x', sizeof(payload));
		key = add_key("user", arg, payload, sizeof(payload), session);
		need(key, "add_key");
		exhaust_memory();
		rc = keyctl_read_alloc(key, &data);
	} else {
		return 2;
	}
	printf("%ld errno=%d\n", rc, rc < 0 ? errno : 0);
	free(data);
	free(text);
	return 0;
}
