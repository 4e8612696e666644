/* realworld corpus driver: libmysofa's HRTF processing on an HRTF put together in memory
 * (2 measurements, 2 receivers, 4 taps at 44100 Hz, SimpleFreeFieldHRIR attributes).
 *
 * hrtf mono          mysofa_check() of an HRTF with one receiver (R = 1)
 * hrtf rate          mysofa_resample(hrtf, 48000) when Data.SamplingRate is 0.5 (not in Hz)
 * hrtf low           mysofa_resample(hrtf, 4000): a target rate below 8 kHz
 * hrtf spherical     mysofa_lookup_init() with SourcePosition still spherical (no
 *                    mysofa_tocartesian() first)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mysofa.h>

static struct MYSOFA_ATTRIBUTE *attr(struct MYSOFA_ATTRIBUTE *next, const char *name,
				     const char *value)
{
	struct MYSOFA_ATTRIBUTE *a = calloc(1, sizeof *a);

	a->next = next;
	a->name = strdup(name);
	a->value = strdup(value);
	return a;
}

static void array(struct MYSOFA_ARRAY *a, unsigned n, const float *v)
{
	a->elements = n;
	a->values = malloc(n * sizeof(float));
	memcpy(a->values, v, n * sizeof(float));
}

static struct MYSOFA_HRTF *make_hrtf(unsigned receivers)
{
	static const float ir[16] = {1, 0.5f, 0.25f, 0, 0.9f, 0.4f, 0.2f, 0,
				     1, 0.5f, 0.25f, 0, 0.9f, 0.4f, 0.2f, 0};
	static const float src[6] = {0, 0, 1.2f, 90, 0, 1.2f};
	static const float recv[6] = {0, 0.09f, 0, 0, -0.09f, 0};
	static const float zero[3] = {0, 0, 0};
	static const float rate[1] = {44100};
	static const float delay[2] = {0, 0};
	struct MYSOFA_HRTF *h = calloc(1, sizeof *h);

	h->I = 1; h->C = 3; h->R = receivers; h->E = 1; h->N = 4; h->M = 2;
	h->attributes = attr(NULL, "Conventions", "SOFA");
	h->attributes = attr(h->attributes, "SOFAConventions", "SimpleFreeFieldHRIR");
	h->attributes = attr(h->attributes, "DataType", "FIR");
	h->attributes = attr(h->attributes, "RoomType", "free field");
	array(&h->DataIR, 2 * receivers * 4, ir);
	array(&h->SourcePosition, 6, src);
	h->SourcePosition.attributes = attr(NULL, "Type", "spherical");
	h->SourcePosition.attributes = attr(h->SourcePosition.attributes, "DIMENSION_LIST", "M,C");
	array(&h->ReceiverPosition, 3 * receivers, recv);
	h->ReceiverPosition.attributes = attr(NULL, "Type", "cartesian");
	h->ReceiverPosition.attributes = attr(h->ReceiverPosition.attributes, "DIMENSION_LIST", "R,C,I");
	array(&h->EmitterPosition, 3, zero);
	h->EmitterPosition.attributes = attr(NULL, "DIMENSION_LIST", "E,C,I");
	array(&h->ListenerPosition, 3, zero);
	array(&h->DataSamplingRate, 1, rate);
	h->DataSamplingRate.attributes = attr(NULL, "DIMENSION_LIST", "I");
	array(&h->DataDelay, 2, delay);
	h->DataDelay.attributes = attr(NULL, "DIMENSION_LIST", "I,R");
	return h;
}

int main(int argc, char **argv)
{
	const char *s = argc > 1 ? argv[1] : "mono";
	struct MYSOFA_HRTF *h = make_hrtf(strcmp(s, "mono") == 0 ? 1 : 2);
	int rc = 0;

	if (strcmp(s, "mono") == 0) {
		rc = mysofa_check(h);
		printf("mysofa_check -> %d\n", rc);
	} else if (strcmp(s, "rate") == 0) {
		h->DataSamplingRate.values[0] = 0.5f;
		rc = mysofa_resample(h, 48000);
		printf("mysofa_resample(48000) -> %d\n", rc);
	} else if (strcmp(s, "low") == 0) {
		rc = mysofa_resample(h, 4000);
		printf("mysofa_resample(4000) -> %d\n", rc);
	} else if (strcmp(s, "spherical") == 0) {
		struct MYSOFA_LOOKUP *l = mysofa_lookup_init(h);

		printf("mysofa_lookup_init -> %p\n", (void *)l);
		rc = l == NULL;
		mysofa_lookup_free(l);
	} else {
		fprintf(stderr, "unknown scenario %s\n", s);
		return 2;
	}
	mysofa_free(h);
	return rc != 0;
}
