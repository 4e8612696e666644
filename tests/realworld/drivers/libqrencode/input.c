/* errtrail real-library corpus: libqrencode's input objects (qrinput.c) given bad versions,
 * levels and data.  argv[1] selects the scenario:
 *   new2_version    QRinput_new2(41, L): versions go up to 40
 *   mqr_level       QRinput_newMQR(2, Q): M2 has no level Q
 *   append_num      QRinput_append(NUM, "12a"): a letter in numeric data
 *   append_kanji    QRinput_append(KANJI, 3 bytes): Kanji data comes in 2-byte pairs
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <qrencode.h>

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    QRinput *input;
    int rc;

    if (strcmp(what, "new2_version") == 0) {
        input = QRinput_new2(41, QR_ECLEVEL_L);
        printf("QRinput_new2: %p (%s)\n", (void *)input, input ? "ok" : strerror(errno));
        QRinput_free(input);
        return input == NULL;
    }
    if (strcmp(what, "mqr_level") == 0) {
        input = QRinput_newMQR(2, QR_ECLEVEL_Q);
        printf("QRinput_newMQR: %p (%s)\n", (void *)input, input ? "ok" : strerror(errno));
        QRinput_free(input);
        return input == NULL;
    }
    if (strcmp(what, "append_num") == 0 || strcmp(what, "append_kanji") == 0) {
        input = QRinput_new2(0, QR_ECLEVEL_M);
        if (input == NULL)
            return 2;
        if (what[7] == 'n')
            rc = QRinput_append(input, QR_MODE_NUM, 3, (const unsigned char *)"12a");
        else
            rc = QRinput_append(input, QR_MODE_KANJI, 3, (const unsigned char *)"\x88\x9f\x88");
        printf("QRinput_append: %d (%s)\n", rc, rc < 0 ? strerror(errno) : "ok");
        QRinput_free(input);
        return rc < 0;
    }
    fprintf(stderr, "usage: %s new2_version|mqr_level|append_num|append_kanji\n", argv[0]);
    return 2;
}
