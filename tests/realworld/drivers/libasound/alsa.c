/* realworld corpus driver: libasound (alsa-lib 1.2.8) calls with bad names, bad
 * configuration text and impossible hardware parameters.  libasound returns negative
 * errnos.  The machine has no sound hardware (no /dev/snd, no /proc/asound), so the
 * device opens fail and the PCM cases use the "null" PCM, which needs none.  The
 * global configuration is the installed /usr/share/alsa/alsa.conf (libasound2-data).
 * Configuration text is built into the driver by keyword: quotes, braces and blanks
 * do not survive the tracer's command line.
 *   alsa card_index STR         snd_card_get_index(STR)
 *   alsa config_load KEY        snd_config_load() of the text KEY names into a new top
 *                               node (snd_config_top, snd_input_buffer_open):
 *                                 eof       a "abc           (the quote never ends)
 *                                 brace     a 1 }            (one } too many)
 *                                 merge     rate 44100 -channels 2
 *                                                            (- merges into a missing key)
 *                                 include   </nonexistent/errtrail.conf>
 *   alsa config_update KEY      writes the text KEY names (as for config_load, and
 *                               unterm: pcm.errtrail { type null) to
 *                               errtrail-asound.conf in the current directory, sets
 *                               ALSA_CONFIG_PATH to it and calls
 *                               snd_config_update_r(&top, &update, NULL)
 *   alsa pcm_open NAME          snd_pcm_open(NAME, playback, 0)
 *   alsa pcm_lconf NAME         snd_pcm_open_lconf(NAME, playback, 0, lconf), lconf loaded
 *                               from LCONF below
 *   alsa ctl_lconf NAME         snd_ctl_open_lconf(NAME, 0, lconf)
 *   alsa seq_open NAME          snd_seq_open(NAME, SND_SEQ_OPEN_DUPLEX, 0)
 *   alsa mixer_attach NAME      snd_mixer_open(), snd_mixer_attach(NAME)
 *   alsa null_channels N        snd_pcm_open("null"), snd_pcm_hw_params_any(),
 *                               snd_pcm_hw_params_set_channels(N)
 *   alsa null_rate MAX MIN      snd_pcm_open("null"), snd_pcm_hw_params_any(),
 *                               snd_pcm_hw_params_set_rate_max(MAX), then
 *                               snd_pcm_hw_params_set_rate_min(MIN)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <alsa/asoundlib.h>

static const char LCONF[] =
	"pcm.errtrail_int 42\n"
	"pcm.errtrail_notype { }\n"
	"pcm.errtrail_typeint { type 5 }\n"
	"pcm.errtrail_nullfoo { type null foo 1 }\n"
	"ctl.errtrail_card3 { type hw card 3 }\n";

static const char *config_text(const char *key)
{
	if (strcmp(key, "eof") == 0)
		return "a \"abc\n";
	if (strcmp(key, "brace") == 0)
		return "a 1 }\n";
	if (strcmp(key, "merge") == 0)
		return "rate 44100\n-channels 2\n";
	if (strcmp(key, "include") == 0)
		return "</nonexistent/errtrail.conf>\n";
	if (strcmp(key, "unterm") == 0)
		return "pcm.errtrail {\n\ttype null\n";
	fprintf(stderr, "unknown config keyword %s\n", key);
	exit(2);
}

static snd_config_t *lconf(void)
{
	snd_config_t *top;

	if (snd_config_load_string(&top, LCONF, 0) < 0) {
		fprintf(stderr, "lconf does not load\n");
		exit(2);
	}
	return top;
}

static snd_pcm_t *open_null(snd_pcm_hw_params_t *params)
{
	snd_pcm_t *pcm;

	if (snd_pcm_open(&pcm, "null", SND_PCM_STREAM_PLAYBACK, 0) < 0 ||
	    snd_pcm_hw_params_any(pcm, params) < 0) {
		fprintf(stderr, "null PCM does not open\n");
		exit(2);
	}
	return pcm;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int rc;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (strcmp(mode, "card_index") == 0 && argc > 2) {
		rc = snd_card_get_index(argv[2]);
	} else if (strcmp(mode, "config_load") == 0 && argc > 2) {
		const char *text = config_text(argv[2]);
		snd_config_t *top;
		snd_input_t *in;

		if (snd_config_top(&top) < 0 || snd_input_buffer_open(&in, text, -1) < 0)
			return 2;
		rc = snd_config_load(top, in);
		snd_input_close(in);
		snd_config_delete(top);
	} else if (strcmp(mode, "config_update") == 0 && argc > 2) {
		const char *text = config_text(argv[2]);
		const char *path = "errtrail-asound.conf";
		snd_config_t *top = NULL;
		snd_config_update_t *update = NULL;
		FILE *f = fopen(path, "w");

		if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
			perror(path);
			return 2;
		}
		setenv("ALSA_CONFIG_PATH", path, 1);
		rc = snd_config_update_r(&top, &update, NULL);
		if (top)
			snd_config_delete(top);
		if (update)
			snd_config_update_free(update);
		remove(path);
	} else if (strcmp(mode, "pcm_open") == 0 && argc > 2) {
		snd_pcm_t *pcm;

		rc = snd_pcm_open(&pcm, argv[2], SND_PCM_STREAM_PLAYBACK, 0);
		if (rc == 0)
			snd_pcm_close(pcm);
	} else if (strcmp(mode, "pcm_lconf") == 0 && argc > 2) {
		snd_config_t *top = lconf();
		snd_pcm_t *pcm;

		rc = snd_pcm_open_lconf(&pcm, argv[2], SND_PCM_STREAM_PLAYBACK, 0, top);
		if (rc == 0)
			snd_pcm_close(pcm);
		snd_config_delete(top);
	} else if (strcmp(mode, "ctl_lconf") == 0 && argc > 2) {
		snd_config_t *top = lconf();
		snd_ctl_t *ctl;

		rc = snd_ctl_open_lconf(&ctl, argv[2], 0, top);
		if (rc == 0)
			snd_ctl_close(ctl);
		snd_config_delete(top);
	} else if (strcmp(mode, "seq_open") == 0 && argc > 2) {
		snd_seq_t *seq;

		rc = snd_seq_open(&seq, argv[2], SND_SEQ_OPEN_DUPLEX, 0);
		if (rc == 0)
			snd_seq_close(seq);
	} else if (strcmp(mode, "mixer_attach") == 0 && argc > 2) {
		snd_mixer_t *mixer;

		if (snd_mixer_open(&mixer, 0) < 0)
			return 2;
		rc = snd_mixer_attach(mixer, argv[2]);
		snd_mixer_close(mixer);
	} else if (strcmp(mode, "null_channels") == 0 && argc > 2) {
		snd_pcm_hw_params_t *params;
		snd_pcm_t *pcm;

		snd_pcm_hw_params_alloca(&params);
		pcm = open_null(params);
		rc = snd_pcm_hw_params_set_channels(pcm, params, (unsigned int) atoi(argv[2]));
		snd_pcm_close(pcm);
	} else if (strcmp(mode, "null_rate") == 0 && argc > 3) {
		snd_pcm_hw_params_t *params;
		snd_pcm_t *pcm;
		unsigned int max = (unsigned int) atoi(argv[2]), min = (unsigned int) atoi(argv[3]);

		snd_pcm_hw_params_alloca(&params);
		pcm = open_null(params);
		rc = snd_pcm_hw_params_set_rate_max(pcm, params, &max, NULL);
		printf("set_rate_max: %d (max now %u)\n", rc, max);
		rc = snd_pcm_hw_params_set_rate_min(pcm, params, &min, NULL);
		snd_pcm_close(pcm);
	} else {
		fprintf(stderr, "usage: see the comment at the top of alsa.c\n");
		return 2;
	}
	printf("rc: %d (%s)\n", rc, rc < 0 ? snd_strerror(rc) : "ok");
	return 0;
}
