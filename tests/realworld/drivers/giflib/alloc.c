/* giflib colour maps (gifalloc.c).
 *
 *   alloc map N                  GifMakeMapObject(N, NULL)
 *   alloc union N1 N2            GifUnionColorMap() of two maps of N1 and N2 distinct colours
 *                                (the first's all different from the second's)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>

static ColorMapObject *ramp(int n, int green)
{
    ColorMapObject *map = GifMakeMapObject(n, NULL);
    if (!map)
        exit(2);
    for (int i = 0; i < n; i++) {
        map->Colors[i].Red = (GifByteType)i;
        map->Colors[i].Green = (GifByteType)green;
        map->Colors[i].Blue = 1;
    }
    return map;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return 2;
    if (!strcmp(argv[1], "map")) {
        ColorMapObject *map = GifMakeMapObject(atoi(argv[2]), NULL);
        printf("GifMakeMapObject(%d): %p\n", atoi(argv[2]), (void *)map);
        if (!map)
            return 1;
        GifFreeMapObject(map);
        return 0;
    }
    if (!strcmp(argv[1], "union") && argc >= 4) {
        ColorMapObject *a = ramp(atoi(argv[2]), 0), *b = ramp(atoi(argv[3]), 1);
        GifPixelType trans[256];
        ColorMapObject *u = GifUnionColorMap(a, b, trans);
        printf("GifUnionColorMap: %p\n", (void *)u);
        GifFreeMapObject(a);
        GifFreeMapObject(b);
        if (!u)
            return 1;
        printf("%d colours\n", u->ColorCount);
        GifFreeMapObject(u);
        return 0;
    }
    return 2;
}
