/* errtrail real-library corpus: libqrencode's structured append (a message split over up to
 * 16 symbols).  argv[1] selects the scenario:
 *   version0        QRcode_encodeString8bitStructured("hello", 0, L): needs a fixed version
 *   empty           QRcode_encodeStringStructured("", 1, L, QR_MODE_8, 1): nothing to encode
 *   toomany         QRcode_encodeString8bitStructured(86 bytes, 1, H): 18 symbols of version 1-H
 *   headers17       QRinput_Struct of 17 inputs, QRinput_Struct_insertStructuredAppendHeaders()
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <qrencode.h>

static int report(const char *what, QRcode_List *list)
{
    if (list == NULL) {
        printf("%s: NULL (%s)\n", what, strerror(errno));
        return 1;
    }
    printf("%s: %d symbols\n", what, QRcode_List_size(list));
    QRcode_List_free(list);
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";

    if (strcmp(what, "version0") == 0)
        return report("QRcode_encodeString8bitStructured",
                      QRcode_encodeString8bitStructured("hello", 0, QR_ECLEVEL_L));
    if (strcmp(what, "empty") == 0)
        return report("QRcode_encodeStringStructured",
                      QRcode_encodeStringStructured("", 1, QR_ECLEVEL_L, QR_MODE_8, 1));
    if (strcmp(what, "toomany") == 0) {
        char text[87];
        memset(text, 'z', 86);
        text[86] = '\0';
        return report("QRcode_encodeString8bitStructured",
                      QRcode_encodeString8bitStructured(text, 1, QR_ECLEVEL_H));
    }
    if (strcmp(what, "headers17") == 0) {
        QRinput_Struct *s = QRinput_Struct_new();
        int i, rc;

        if (s == NULL)
            return 2;
        for (i = 0; i < 17; i++) {
            QRinput *input = QRinput_new2(1, QR_ECLEVEL_L);
            if (input == NULL || QRinput_append(input, QR_MODE_AN, 2, (const unsigned char *)"AB") < 0
                || QRinput_Struct_appendInput(s, input) < 0)
                return 2;
        }
        rc = QRinput_Struct_insertStructuredAppendHeaders(s);
        printf("QRinput_Struct_insertStructuredAppendHeaders: %d (%s)\n", rc,
               rc < 0 ? strerror(errno) : "ok");
        QRinput_Struct_free(s);
        return rc < 0;
    }
    fprintf(stderr, "usage: %s version0|empty|toomany|headers17\n", argv[0]);
    return 2;
}
