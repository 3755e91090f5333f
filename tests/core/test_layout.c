/* Layouts for the screens the ticker runs on: everything inside the screen, nothing
 * overlapping, the band at least 48 px, the right arrangement for the shape. */
#include "check.h"
#include "core/layout.h"
#include "core/util.h"

static void check_layout(const struct layout *l, const char *name)
{
    struct layout_rect screen = {0, 0, l->width, l->height};
    const struct {
        struct layout_rect r;
        const char *what;
    } top[] = {
        {l->band, "band"},   {l->accent, "accent"}, {l->panel, "panel"},
        {l->clock, "clock"}, {l->date, "date"},     {l->status, "status"},
    };
    for (size_t i = 0; i < ARRAY_LEN(top); i++) {
        CHECK_MSG(layout_rect_inside(top[i].r, screen), "%s: %s outside the screen", name,
                  top[i].what);
        for (size_t j = i + 1; j < ARRAY_LEN(top); j++)
            CHECK_MSG(!layout_rect_overlap(top[i].r, top[j].r), "%s: %s overlaps %s", name,
                      top[i].what, top[j].what);
    }
    CHECK_MSG(l->band.h >= LAYOUT_MIN_BAND, "%s: band %d px", name, l->band.h);
    CHECK_MSG(l->band.w > l->width / 2, "%s: band only %d px wide", name, l->band.w);
    CHECK(layout_rect_inside(l->band, l->band_bg));
    if (l->width >= 320) { /* narrower screens give the whole band to the crawl */
        CHECK_MSG(l->clock.w > 0, "%s: no clock", name);
        CHECK_MSG(l->status.w > 0, "%s: no status line", name);
    }
    CHECK(layout_line_height(l->band_px) <= l->band.h);
    const struct {
        struct layout_rect r;
        const char *what;
    } inner[] = {{l->meta, "meta"}, {l->headline, "headline"}, {l->summary, "summary"}};
    for (size_t i = 0; i < ARRAY_LEN(inner); i++) {
        CHECK_MSG(layout_rect_inside(inner[i].r, l->panel), "%s: %s outside the panel", name,
                  inner[i].what);
        for (size_t j = i + 1; j < ARRAY_LEN(inner); j++)
            CHECK_MSG(!layout_rect_overlap(inner[i].r, inner[j].r), "%s: %s overlaps %s", name,
                      inner[i].what, inner[j].what);
    }
    CHECK(l->headline_lines >= 1);
    if (l->headline.h)
        CHECK(l->headline.h >= l->headline_lines * layout_line_height(l->headline_px));
    /* The clock's text fits its box. */
    CHECK(!l->clock.h || l->clock.h >= layout_line_height(l->clock_px));
    CHECK(!l->status.h || l->status.h >= layout_line_height(l->status_px));
}

static void test_screens(void)
{
    /* Designated rows: which field is which must not depend on counting commas. */
    static const struct {
        int w, h;
        enum theme_layout force;
        enum theme_band_position pos;
        enum layout_kind want;
        bool want_summary;
    } cases[] = {
#define ROW(w_, h_, force_, pos_, want_, summary_)                                                 \
    {.w = w_,                                                                                      \
     .h = h_,                                                                                      \
     .force = THEME_LAYOUT_##force_,                                                               \
     .pos = THEME_BAND_##pos_,                                                                     \
     .want = LAYOUT_##want_,                                                                       \
     .want_summary = summary_}
        ROW(1280, 720, AUTO, BOTTOM, LANDSCAPE, true),
        ROW(1920, 1080, AUTO, BOTTOM, LANDSCAPE, true),
        ROW(3840, 2160, AUTO, BOTTOM, LANDSCAPE, true),
        ROW(1920, 1080, AUTO, TOP, LANDSCAPE, true),
        ROW(1080, 1920, AUTO, BOTTOM, PORTRAIT, true),
        ROW(1080, 1920, AUTO, TOP, PORTRAIT, true),
        ROW(1920, 360, AUTO, BOTTOM, BAR, false),
        ROW(1920, 360, AUTO, TOP, BAR, false),
        ROW(1920, 360, BAND, BOTTOM, BAND, false),
        ROW(1920, 1080, BAND, BOTTOM, BAND, false),
        ROW(1920, 120, AUTO, BOTTOM, BAND, false),
        ROW(1920, 360, FULL, BOTTOM, LANDSCAPE, false),
        ROW(1024, 768, AUTO, BOTTOM, LANDSCAPE, true),
        ROW(800, 480, AUTO, BOTTOM, LANDSCAPE, true),
        ROW(480, 800, AUTO, BOTTOM, PORTRAIT, true),
        ROW(320, 240, AUTO, BOTTOM, LANDSCAPE, false),
        ROW(64, 48, AUTO, BOTTOM, BAND, false), /* no room above */
#undef ROW
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct theme t;
        theme_default(&t);
        t.layout = cases[i].force;
        t.band_position = cases[i].pos;
        struct layout l;
        char name[64];
        struct error err;
        snprintf(name, sizeof name, "%dx%d/%d/%d", cases[i].w, cases[i].h, cases[i].force,
                 cases[i].pos);
        check_case("cases[%zu] %s", i, name);
        CHECK_MSG(layout_compute(&l, cases[i].w, cases[i].h, &t, &err), "%s", err.msg);
        CHECK_STR(layout_kind_name(l.kind), layout_kind_name(cases[i].want));
        check_layout(&l, name);
        if (cases[i].want_summary)
            CHECK_MSG(l.summary.h >= 3 * layout_line_height(l.summary_px), "summary only %d px",
                      l.summary.h);
        if (l.kind == LAYOUT_BAR)
            CHECK(l.headline.h > 0 && l.headline_lines == 1 && l.summary.h == 0);
        if (cases[i].pos == THEME_BAND_BOTTOM)
            CHECK_INT(l.band.y + l.band.h, l.height);
        else
            CHECK_INT(l.band.y, 0);
    }
    check_case_end();
}

static void test_scaling(void)
{
    struct theme t;
    theme_default(&t);
    struct layout a, b, c;
    CHECK(layout_compute(&a, 1280, 720, &t, NULL));
    CHECK(layout_compute(&b, 1920, 1080, &t, NULL));
    CHECK(layout_compute(&c, 3840, 2160, &t, NULL));
    CHECK_INT(b.band.h, 108); /* a tenth of the height */
    CHECK_INT(c.band.h, 216);
    CHECK_INT(a.band.h, 72);
    CHECK(c.headline_px >= 2 * b.headline_px - 1 && c.headline_px <= 2 * b.headline_px + 1);
    /* The bar looks like the lower part of a 1080p screen. */
    struct layout bar;
    CHECK(layout_compute(&bar, 1920, 360, &t, NULL));
    CHECK_INT(bar.band.h, b.band.h);
    CHECK_INT(bar.band_px, b.band_px);
    /* The minimum band. */
    t.band_height = (struct theme_size){0.01, false};
    CHECK(layout_compute(&a, 1280, 720, &t, NULL));
    CHECK_INT(a.band.h, LAYOUT_MIN_BAND);
    /* Portrait is not the landscape layout squashed: bigger headline, more lines. */
    theme_default(&t);
    struct layout p;
    CHECK(layout_compute(&p, 1080, 1920, &t, NULL));
    CHECK(p.headline_px > b.headline_px && p.headline_lines > b.headline_lines);
    CHECK(p.clock.x < p.width / 2); /* clock on the left of the header */
    struct error err;
    CHECK(!layout_compute(&p, 20, 20, &t, &err));
    CHECK_STR(err.msg, "screen 20x20 is too small (at least 64x48)");
    CHECK(!layout_compute(&p, 20000, 1080, &t, &err));
    CHECK_STR(err.msg, "screen 20000x1080 is too large (at most 16384x16384)");
}

int main(void)
{
    test_screens();
    test_scaling();
    return check_done();
}
