/* realworld corpus driver: libmysofa's SOFA (HDF5) file reader, fed malformed files.
 *
 * load SCENARIO: writes /tmp/errtrail-libmysofa-load/SCENARIO.sofa afresh (except for
 * "missing", which removes it) and calls mysofa_load() on it, or, for the "mem-" scenarios,
 * hands the same bytes to mysofa_load_data(). Scenarios:
 *   missing     no such file
 *   json        a JSON text (what mysofa2json prints), not HDF5
 *   netcdf3     a classic netCDF-3 file ("CDF\1"), not netCDF-4/HDF5
 *   version     HDF5 signature, superblock version 4
 *   v0flags     superblock version 0 whose file consistency flags are 1 (left open by the writer)
 *   offsets     superblock version 2 with size of offsets 16
 *   truncated   superblock version 2 whose end-of-file address (4096) is past the file's end
 *   rootsig     superblock version 2, the root group object header has no "OHDR" signature
 *   ohdrv1      superblock version 2, the root "OHDR" object header has version 1
 *   msgtype     root object header with one message of unknown type 99
 *   dataspace   root object header with a dataspace message of dimensionality 5
 *   mem-truncated, mem-msgtype   as above, through mysofa_load_data()
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include <mysofa.h>

static unsigned char buf[512];
static size_t len;

static void put(const void *p, size_t n) { memcpy(buf + len, p, n); len += n; }
static void put8(unsigned v) { buf[len++] = (unsigned char)v; }
static void put_le(unsigned long long v, int n)
{
	for (int i = 0; i < n; i++)
		put8((unsigned)(v >> (8 * i)) & 0xff);
}

/* superblock version 2 (48 bytes, root object header at 48) followed by ROOT */
static void hdf5_v2(int offsets, unsigned long long eof, const unsigned char *root, size_t rlen)
{
	len = 0;
	put("\211HDF\r\n\032\n", 8);
	put8(2);		/* superblock version */
	put8(offsets);		/* size of offsets */
	put8(8);		/* size of lengths */
	put8(0);		/* file consistency flags */
	put_le(0, 8);		/* base address */
	put_le(~0ULL, 8);	/* superblock extension address: undefined */
	put_le(eof ? eof : 48 + rlen, 8); /* end of file address */
	put_le(48, 8);		/* root group object header address */
	put_le(0, 4);		/* checksum (libmysofa does not check it) */
	put(root, rlen);
}

int main(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : "missing";
	const char *name = strncmp(s, "mem-", 4) == 0 ? s + 4 : s;
	char path[256];
	struct MYSOFA_HRTF *hrtf;
	int err = 0;

	/* object headers: "OHDR", version, flags (0: 1-byte chunk size), chunk size, messages,
	 * 4-byte checksum */
	static const unsigned char ohdr_empty[] = {'O','H','D','R', 2, 0, 0, 0,0,0,0};
	static const unsigned char ohdr_v1[] = {'O','H','D','R', 1, 0, 8, 0,0,0,0, 0,0,0,0, 0,0,0,0};
	static const unsigned char not_ohdr[] = {'T','R','E','E', 0, 0, 0, 0, 0,0,0,0, 0,0,0,0};
	/* one message: type 99, size 4, flags 0, 4 bytes body */
	static const unsigned char ohdr_msg99[] = {'O','H','D','R', 2, 0, 12,
		99, 4, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0,0,0,0};
	/* one dataspace message (type 1, size 8): version 2, dimensionality 5, flags 0 */
	static const unsigned char ohdr_dspace[] = {'O','H','D','R', 2, 0, 16,
		1, 8, 0, 0, 2, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,0,0,0};

	if (strcmp(name, "missing") == 0) {
		len = 0;
	} else if (strcmp(name, "json") == 0) {
		const char *json = "{\n  \"Attributes\": { \"Conventions\": \"SOFA\" }\n}\n";

		len = 0;
		put(json, strlen(json));
	} else if (strcmp(name, "netcdf3") == 0) {
		len = 0;
		put("CDF\001", 4);
		put_le(2, 4);	/* numrecs */
		put_le(0, 8);	/* no dimensions */
		put_le(0, 8);	/* no attributes */
		put_le(0, 8);	/* no variables */
	} else if (strcmp(name, "version") == 0) {
		hdf5_v2(8, 0, ohdr_empty, sizeof ohdr_empty);
		buf[8] = 4;
	} else if (strcmp(name, "v0flags") == 0) {
		len = 0;
		put("\211HDF\r\n\032\n", 8);
		put8(0);	/* superblock version */
		put8(0);	/* free-space storage version */
		put8(0);	/* root group symbol table entry version */
		put8(0);	/* reserved */
		put8(0);	/* shared header message format version */
		put8(8);	/* size of offsets */
		put8(8);	/* size of lengths */
		put8(0);	/* reserved */
		put_le(4, 2);	/* group leaf node K */
		put_le(16, 2);	/* group internal node K */
		put_le(1, 4);	/* file consistency flags */
		put_le(0, 8);	/* base address */
		put_le(~0ULL, 8); /* free-space info address */
		put_le(96, 8);	/* end of file address */
		put_le(~0ULL, 8); /* driver information block address */
		put_le(0, 8);	/* root: link name offset */
		put_le(96, 8);	/* root: object header address */
		put_le(0, 4);	/* root: cache type */
		put_le(0, 4);	/* reserved */
		put_le(0, 16);	/* scratch pad */
	} else if (strcmp(name, "offsets") == 0) {
		hdf5_v2(16, 0, ohdr_empty, sizeof ohdr_empty);
	} else if (strcmp(name, "truncated") == 0) {
		hdf5_v2(8, 4096, ohdr_empty, sizeof ohdr_empty);
	} else if (strcmp(name, "rootsig") == 0) {
		hdf5_v2(8, 0, not_ohdr, sizeof not_ohdr);
	} else if (strcmp(name, "ohdrv1") == 0) {
		hdf5_v2(8, 0, ohdr_v1, sizeof ohdr_v1);
	} else if (strcmp(name, "msgtype") == 0) {
		hdf5_v2(8, 0, ohdr_msg99, sizeof ohdr_msg99);
	} else if (strcmp(name, "dataspace") == 0) {
		hdf5_v2(8, 0, ohdr_dspace, sizeof ohdr_dspace);
	} else {
		fprintf(stderr, "unknown scenario %s\n", s);
		return 2;
	}

	if (name != s) {
		hrtf = mysofa_load_data((const char *)buf, len, &err);
	} else {
		FILE *f;

		mkdir("/tmp/errtrail-libmysofa-load", 0755);
		snprintf(path, sizeof path, "/tmp/errtrail-libmysofa-load/%s.sofa", name);
		unlink(path);
		if (strcmp(name, "missing") != 0) {
			f = fopen(path, "wb");
			if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
				perror(path);
				return 2;
			}
		}
		hrtf = mysofa_load(path, &err);
	}
	printf("%s: mysofa_load%s -> %p, err %d\n", s, name != s ? "_data" : "", (void *)hrtf, err);
	if (hrtf) {
		mysofa_free(hrtf);
		return 0;
	}
	return 1;
}
