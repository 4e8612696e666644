/* errtrail real-library corpus: libqrencode's encoders (qrencode.c) fed bad arguments or
 * more data than the largest symbol holds.  argv[1] selects the scenario:
 *   hint            QRcode_encodeString("hello", 0, L, QR_MODE_AN, 1): hint must be 8 or Kanji
 *   version41       QRcode_encodeString("hello", 41, L, QR_MODE_8, 1): no version 41
 *   empty           QRcode_encodeString("", 0, L, QR_MODE_8, 1): nothing to encode
 *   big8            QRinput of 3000 bytes in 8-bit mode, QRcode_encodeInput()
 *   bignum          QRinput of 8000 digits in numeric mode, QRcode_encodeInput()
 *   mqr_levelh      QRcode_encodeString8bitMQR("hello", 0, H): Micro QR has no level H
 *   mqr_8bit        QRcode_encodeString8bitMQR("hello world, hello world", 0, L)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

static int report(const char *what, QRcode *code)
{
    if (code == NULL) {
        printf("%s: NULL (%s)\n", what, strerror(errno));
        return 1;
    }
    printf("%s: version %d width %d\n", what, code->version, code->width);
    QRcode_free(code);
    return 0;
}

static int encode_big(QRencodeMode mode, int size, int fill)
{
    unsigned char *data = malloc((size_t)size);
    QRinput *input = QRinput_new2(0, QR_ECLEVEL_L);
    int rc;

    if (data == NULL || input == NULL)
        return 2;
    memset(data, fill, (size_t)size);
    if (QRinput_append(input, mode, size, data) < 0) {
        printf("QRinput_append: -1 (%s)\n", strerror(errno));
        return 2;
    }
    rc = report("QRcode_encodeInput", QRcode_encodeInput(input));
    QRinput_free(input);
    free(data);
    return rc;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    if (strcmp(what, "hint") == 0)
        return report("QRcode_encodeString", QRcode_encodeString("hello", 0, QR_ECLEVEL_L, QR_MODE_AN, 1));
    if (strcmp(what, "version41") == 0)
        return report("QRcode_encodeString", QRcode_encodeString("hello", 41, QR_ECLEVEL_L, QR_MODE_8, 1));
    if (strcmp(what, "empty") == 0)
        return report("QRcode_encodeString", QRcode_encodeString("", 0, QR_ECLEVEL_L, QR_MODE_8, 1));
    if (strcmp(what, "big8") == 0)
        return encode_big(QR_MODE_8, 3000, 'x');
    if (strcmp(what, "bignum") == 0)
        return encode_big(QR_MODE_NUM, 8000, '7');
    if (strcmp(what, "mqr_levelh") == 0)
        return report("QRcode_encodeString8bitMQR",
                      QRcode_encodeString8bitMQR("hello", 0, QR_ECLEVEL_H));
    if (strcmp(what, "mqr_8bit") == 0)
        return report("QRcode_encodeString8bitMQR",
                      QRcode_encodeString8bitMQR("hello world, hello world", 0, QR_ECLEVEL_L));
    fprintf(stderr, "usage: %s hint|version41|empty|big8|bignum|mqr_levelh|mqr_8bit\n", argv[0]);
    return 2;
}
