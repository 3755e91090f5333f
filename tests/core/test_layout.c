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
    static const struct {
        int w, h;
        enum theme_layout force;
        enum theme_band_position pos;
        enum layout_kind want;
        bool want_summary;
    } cases[] = {
        {1280, 720, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, true},
        {1920, 1080, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, true},
        {3840, 2160, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, true},
        {1920, 1080, THEME_LAYOUT_AUTO, THEME_BAND_TOP, LAYOUT_LANDSCAPE, true},
        {1080, 1920, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_PORTRAIT, true},
        {1080, 1920, THEME_LAYOUT_AUTO, THEME_BAND_TOP, LAYOUT_PORTRAIT, true},
        {1920, 360, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_BAR, false},
        {1920, 360, THEME_LAYOUT_AUTO, THEME_BAND_TOP, LAYOUT_BAR, false},
        {1920, 360, THEME_LAYOUT_BAND, THEME_BAND_BOTTOM, LAYOUT_BAND, false},
        {1920, 1080, THEME_LAYOUT_BAND, THEME_BAND_BOTTOM, LAYOUT_BAND, false},
        {1920, 120, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_BAND, false},
        {1920, 360, THEME_LAYOUT_FULL, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, false},
        {1024, 768, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, true},
        {800, 480, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, true},
        {480, 800, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_PORTRAIT, true},
        {320, 240, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_LANDSCAPE, false},
        {64, 48, THEME_LAYOUT_AUTO, THEME_BAND_BOTTOM, LAYOUT_BAND, false}, /* no room above */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct theme t;
        theme_default(&t);
        t.layout = cases[i].force;
        t.band_position = cases[i].pos;
        struct layout l;
        char name[64], err[128];
        snprintf(name, sizeof name, "%dx%d/%d/%d", cases[i].w, cases[i].h, cases[i].force,
                 cases[i].pos);
        CHECK_MSG(layout_compute(&l, cases[i].w, cases[i].h, &t, err, sizeof err), "%s: %s", name,
                  err);
        CHECK_MSG(l.kind == cases[i].want, "%s: kind %s, want %s", name, layout_kind_name(l.kind),
                  layout_kind_name(cases[i].want));
        check_layout(&l, name);
        if (cases[i].want_summary)
            CHECK_MSG(l.summary.h >= 3 * layout_line_height(l.summary_px), "%s: summary only %d px",
                      name, l.summary.h);
        if (l.kind == LAYOUT_BAR)
            CHECK(l.headline.h > 0 && l.headline_lines == 1 && l.summary.h == 0);
        if (cases[i].pos == THEME_BAND_BOTTOM)
            CHECK(l.band.y + l.band.h == l.height);
        else
            CHECK(l.band.y == 0);
    }
}

static void test_scaling(void)
{
    struct theme t;
    theme_default(&t);
    struct layout a, b, c;
    CHECK(layout_compute(&a, 1280, 720, &t, NULL, 0));
    CHECK(layout_compute(&b, 1920, 1080, &t, NULL, 0));
    CHECK(layout_compute(&c, 3840, 2160, &t, NULL, 0));
    CHECK_INT(b.band.h, 108); /* a tenth of the height */
    CHECK_INT(c.band.h, 216);
    CHECK_INT(a.band.h, 72);
    CHECK(c.headline_px >= 2 * b.headline_px - 1 && c.headline_px <= 2 * b.headline_px + 1);
    /* The bar looks like the lower part of a 1080p screen. */
    struct layout bar;
    CHECK(layout_compute(&bar, 1920, 360, &t, NULL, 0));
    CHECK_INT(bar.band.h, b.band.h);
    CHECK_INT(bar.band_px, b.band_px);
    /* The minimum band. */
    t.band_height = (struct theme_size){0.01, false};
    CHECK(layout_compute(&a, 1280, 720, &t, NULL, 0));
    CHECK_INT(a.band.h, LAYOUT_MIN_BAND);
    /* Portrait is not the landscape layout squashed: bigger headline, more lines. */
    theme_default(&t);
    struct layout p;
    CHECK(layout_compute(&p, 1080, 1920, &t, NULL, 0));
    CHECK(p.headline_px > b.headline_px && p.headline_lines > b.headline_lines);
    CHECK(p.clock.x < p.width / 2); /* clock on the left of the header */
    char err[128];
    CHECK(!layout_compute(&p, 20, 20, &t, err, sizeof err));
    CHECK(strstr(err, "too small") != NULL);
}

int main(void)
{
    test_screens();
    test_scaling();
    return check_done();
}
