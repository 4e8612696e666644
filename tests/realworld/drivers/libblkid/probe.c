/* realworld corpus driver: blkid_new_probe_from_filename() on what is no device.
 *   probe PATH    PATH is missing, or a directory (probe /tmp)
 */
#include <stdio.h>
#include <blkid.h>

int main(int argc, char **argv)
{
	blkid_probe pr;

	if (argc < 2)
		return 2;
	pr = blkid_new_probe_from_filename(argv[1]);
	printf("%s\n", pr ? "probe" : "NULL");
	if (pr)
		blkid_free_probe(pr);
	return 0;
}
