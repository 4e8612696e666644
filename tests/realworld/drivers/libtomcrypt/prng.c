/* realworld corpus driver: libtomcrypt's PRNG read functions.
 *
 * prng read NAME ready|unready: NAME's start() and add_entropy() with 32 fixed bytes, its
 *   ready() only with ready, then read() of 16 bytes (unready: the caller forgot ready()).
 */
#include <stdio.h>
#include <string.h>
#include <tomcrypt.h>

int main(int argc, char **argv)
{
	static const unsigned char seed[32] = "errtrail corpus fixed seed 0123";
	unsigned char out[16];
	const struct ltc_prng_descriptor *d;
	prng_state prng;
	unsigned long n;

	if (argc != 4 || strcmp(argv[1], "read")) {
		fprintf(stderr, "usage: prng read fortuna|yarrow|chacha20|sober128|rc4 ready|unready\n");
		return 2;
	}
	register_all_prngs();
	if (find_prng(argv[2]) < 0)
		return 2;
	d = &prng_descriptor[find_prng(argv[2])];
	d->start(&prng);
	d->add_entropy(seed, sizeof(seed), &prng);
	if (!strcmp(argv[3], "ready"))
		d->ready(&prng);
	n = d->read(out, sizeof(out), &prng);
	printf("%s read: %lu\n", d->name, n);
	d->done(&prng);
	return 0;
}
