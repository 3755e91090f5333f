/* Tests for core/card (where the card puts its picture and QR code) and the theme keys that
 * drive it ("images", "qr", "qr_params"). */
#include "check.h"
#include "core/card.h"
#include "core/theme.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <string.h>

static struct theme theme_of(const char *json)
{
    struct theme t;
    theme_default(&t);
    cJSON *j = cJSON_Parse(json);
    struct error err = {0};
    CHECK_MSG(theme_parse(&t, j, NULL, NULL, &err), "%s", err.msg);
    cJSON_Delete(j);
    return t;
}

static void test_plans(void)
{
    static const struct {
        const char *name, *display;
        int w, h;
        int pic_w, pic_h; /* 0: none */
        bool qr;
        int module;
    } cases[] = {
        {"1080p", "{}", 1920, 1080, 430, 286, true, 8},
        {"1080p without code", "{\"qr\": \"off\"}", 1920, 1080, 645, 430, false, 8},
        {"720p", "{}", 1280, 720, 287, 191, true, 6},
        {"4K", "{}", 3840, 2160, 860, 573, true, 16},
        {"portrait", "{}", 1080, 1920, 952, 535, true, 8},
        {"bar", "{}", 1920, 360, 0, 0, false, 8},
        {"bar with qr on", "{\"qr\": \"on\"}", 1920, 360, 0, 0, true, 8},
        {"band", "{\"layout\": \"band\"}", 1920, 1080, 0, 0, false, 8},
        {"images off", "{\"images\": false}", 1920, 1080, 0, 0, true, 8},
        {"nothing", "{\"images\": false, \"qr\": \"off\"}", 1920, 1080, 0, 0, false, 8},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("%s", cases[i].name);
        struct theme t = theme_of(cases[i].display);
        struct layout l;
        CHECK(layout_compute(&l, cases[i].w, cases[i].h, &t, NULL));
        struct card_plan p;
        card_plan_make(&l, &t, &p);
        CHECK_INT(p.picture.w, cases[i].pic_w);
        if (cases[i].pic_w)
            CHECK_INT(p.picture.h, cases[i].pic_h);
        CHECK_INT(p.qr.w > 0, cases[i].qr);
        CHECK_INT(p.qr_module, cases[i].module);
        /* Everything inside the card, picture and code apart, the text beside them. */
        CHECK(layout_rect_inside(p.picture, l.panel) || p.picture.y == 0);
        CHECK(layout_rect_inside(p.qr, l.panel));
        if (l.kind == LAYOUT_LANDSCAPE) {
            CHECK(!layout_rect_overlap(p.picture, p.qr));
            if (p.column)
                CHECK(l.headline.x + p.text_w <= p.column_r.x);
        }
        /* The fetcher's size is the card's. */
        int bw = 0, bh = 0;
        CHECK_INT(card_picture_box(&t, cases[i].w, cases[i].h, &bw, &bh), cases[i].pic_w > 0);
        CHECK_INT(bw, cases[i].pic_w);
    }
    check_case_end();
}

static void test_theme_keys(void)
{
    struct theme t = theme_of("{\"qr_params\": {\"utm_source\": \"lobby\", "
                              "\"utm_medium\": \"qr code\", \"x&y\": \"a=b\"}}");
    CHECK_STR(t.qr_params, "utm_source=lobby&utm_medium=qr%20code&x%26y=a%3Db");
    CHECK(t.images);
    CHECK_INT(t.qr, THEME_QR_AUTO);
    static const struct {
        const char *json, *want;
    } bad[] = {
        {"{\"images\": \"yes\"}", "display.images: expected true or false"},
        {"{\"qr\": \"sometimes\"}", "display.qr:"},
        {"{\"qr_params\": \"utm_source=x\"}", "display.qr_params: expected an object"},
        {"{\"qr_params\": {\"a\": 1}}", "display.qr_params.a: expected a string"},
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        check_case("%s", bad[i].json);
        struct theme u;
        theme_default(&u);
        cJSON *j = cJSON_Parse(bad[i].json);
        struct error err = {0};
        CHECK(!theme_parse(&u, j, NULL, NULL, &err));
        CHECK_MSG(strstr(err.msg, bad[i].want) != NULL, "%s", err.msg);
        cJSON_Delete(j);
    }
    check_case_end();
}

int main(void)
{
    test_plans();
    test_theme_keys();
    return check_done();
}
