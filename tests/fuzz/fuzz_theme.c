/*
 * Fuzz target for the "display" configuration: arbitrary bytes as JSON through theme_parse.
 * Beyond memory safety it checks the promise the renderer relies on: any accepted theme gives,
 * on every screen shape, a layout whose rectangles lie inside the screen with a band of at
 * least 48 px, and a crawl step of at least one pixel.
 */
#include "core/layout.h"
#include "core/scroll.h"
#include "core/theme.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_theme: %s\n", what);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    cJSON *root = cJSON_ParseWithLength((const char *)data, size);
    if (!root)
        return 0;
    const cJSON *display = cJSON_GetObjectItemCaseSensitive(root, "display");
    struct theme t;
    theme_default(&t);
    if (theme_parse(&t, display ? display : root, NULL, NULL, NULL)) {
        /* What an accepted theme prints reads back as the same theme. */
        cJSON *printed = theme_to_json(&t);
        struct theme t2;
        theme_default(&t2);
        check(theme_parse(&t2, printed, NULL, NULL, NULL), "printed theme refused");
        cJSON *again = theme_to_json(&t2);
        check(cJSON_Compare(printed, again, true), "printed theme is no fixed point");
        cJSON_Delete(again);
        cJSON_Delete(printed);
        static const int sizes[][2] = {
            {1280, 720}, {1080, 1920}, {1920, 360}, {64, 48}, {3840, 2160}};
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            struct layout l;
            int w = sizes[i][0], h = sizes[i][1];
            check(layout_compute(&l, w, h, &t, NULL), "layout failed");
            struct layout_rect screen = {0, 0, w, h};
            check(layout_rect_inside(l.band, screen), "band outside the screen");
            check(layout_rect_inside(l.panel, screen), "panel outside the screen");
            check(layout_rect_inside(l.clock, screen), "clock outside the screen");
            check(layout_rect_inside(l.status, screen), "status outside the screen");
            check(l.band.h >= LAYOUT_MIN_BAND, "band under 48 px");
            check(!layout_rect_overlap(l.band, l.panel), "band overlaps the panel");
        }
        check(scroll_step(t.speed * 1000, 1.0 / 60) >= 1, "step under 1");
    }
    cJSON_Delete(root);
    return 0;
}
