/* Theme: defaults meet the contrast rule, every key parses, bad values are named. */
#include "check.h"
#include "core/theme.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>

/* Every problem theme_parse reports, one line each: "E msg" for errors, "W msg" for warnings,
 * with "@key" when it is about the key itself. */
static void collect(void *ctx, const struct theme_problem *p)
{
    struct buf *b = ctx;
    buf_printf(b, "%s%s %s\n", p->warning ? "W" : "E", p->about_key ? "@key" : "", p->msg);
}

/* Parses json over t. The first error goes to err; every problem, one a line, to *problems
 * (free()) when it is not NULL. */
static bool parse_all(struct theme *t, const char *json, char *err, size_t err_len, char **problems)
{
    cJSON *root = cJSON_Parse(json);
    if (!root) {
        snprintf(err, err_len, "bad test JSON");
        return false;
    }
    struct buf b = {0};
    struct error e;
    bool ok = theme_parse(t, root, collect, &b, &e);
    snprintf(err, err_len, "%s", e.msg);
    cJSON_Delete(root);
    if (problems)
        *problems = b.data ? buf_steal(&b) : xstrdup("");
    buf_free(&b);
    return ok;
}

static bool parse_json(struct theme *t, const char *json, char *err, size_t err_len)
{
    return parse_all(t, json, err, err_len, NULL);
}

static void test_default_contrast(void)
{
    struct theme t;
    theme_default(&t);
    const struct theme_colors *c = &t.colors;
    /* Every text colour against every surface it is drawn on: at least 7:1 (WCAG AAA). */
    const struct {
        uint32_t fg, bg;
        const char *what;
    } pairs[] = {
        {c->band_text, c->band, "band text on band"},
        {c->accent, c->band, "source on band"},
        {c->separator, c->band, "separator on band"},
        {c->text, c->panel, "headline on panel"},
        {c->muted, c->panel, "summary on panel"},
        {c->accent, c->panel, "source on panel"},
        {c->text, c->background, "clock on background"},
        {c->muted, c->background, "status on background"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double r = theme_contrast(pairs[i].fg, pairs[i].bg);
        CHECK_MSG(r >= 7.0, "%s: contrast %.2f < 7", pairs[i].what, r);
    }
    CHECK(theme_contrast(0xFFFFFFFF, 0xFF000000) > 20.9);
    CHECK(theme_contrast(0xFF777777, 0xFF777777) < 1.0001);
}

static void test_colors(void)
{
    uint32_t v = 0;
    CHECK(theme_parse_color("#fff", &v) && v == 0xFFFFFFFF);
    CHECK(theme_parse_color("#0B1220", &v) && v == 0xFF0B1220);
    CHECK(!theme_parse_color("0B1220", &v));
    CHECK(!theme_parse_color("#0B122", &v));
    CHECK(!theme_parse_color("#0B12zz", &v));
    CHECK(!theme_parse_color("", &v));
}

static void test_parse_all_keys(void)
{
    struct theme t;
    theme_default(&t);
    char err[256] = "";
    bool ok = parse_json(&t,
                         "{\"font\":\"/x/a.ttf\",\"font_bold\":\"/x/b.ttf\",\"band_height\":0.12,"
                         "\"band_font_size\":\"40px\",\"headline_font_size\":\"7%\","
                         "\"colors\":{\"band\":\"#102030\",\"accent\":\"#f80\"},"
                         "\"band_position\":\"top\",\"speed\":\"12cps\",\"separator\":\"+++\","
                         "\"locale\":\"en\",\"layout\":\"band\",\"reduced_motion\":true,"
                         "\"current_point\":0.5,\"fade_ms\":300,\"hold_ms\":5000,"
                         "\"unknown_key\":1}",
                         err, sizeof err);
    CHECK_MSG(ok, "%s", err);
    CHECK_STR(t.font, "/x/a.ttf");
    CHECK_STR(t.font_bold, "/x/b.ttf");
    CHECK(t.band_height.value == 0.12 && !t.band_height.px);
    CHECK(t.band_font.value == 40 && t.band_font.px);
    CHECK(t.headline_font.value > 0.0699 && t.headline_font.value < 0.0701);
    CHECK_INT(t.colors.band, 0xFF102030);
    CHECK_INT(t.colors.accent, 0xFFFF8800);
    CHECK_INT(t.colors.text, 0xFFFFFFFF); /* untouched */
    CHECK_INT(t.band_position, THEME_BAND_TOP);
    CHECK_INT(t.speed_unit, THEME_SPEED_CPS);
    CHECK(t.speed == 12);
    CHECK_STR(t.separator, "+++");
    CHECK_INT(t.locale, THEME_LOCALE_EN);
    CHECK(!t.clock_24h); /* English defaults to 12 h */
    CHECK_INT(t.layout, THEME_LAYOUT_BAND);
    CHECK(t.reduced_motion);
    CHECK(t.current_point == 0.5);
    CHECK_INT(t.fade_ms, 300);
    CHECK_INT(t.hold_ms, 5000);

    theme_default(&t);
    CHECK(parse_json(&t, "{\"locale\":\"en\",\"clock\":\"24h\",\"speed\":240}", err, sizeof err));
    CHECK(t.clock_24h);
    CHECK_INT(t.speed_unit, THEME_SPEED_PX_S);
    CHECK(t.speed == 240);
    CHECK(parse_json(&t, "{\"speed\":\"90 px/s\"}", err, sizeof err));
    CHECK(t.speed == 90 && t.speed_unit == THEME_SPEED_PX_S);
    CHECK(theme_parse(&t, NULL, NULL, NULL, NULL));
}

static void test_parse_errors(void)
{
    static const struct {
        const char *json, *want_in_error;
    } cases[] = {
        {"{\"band_height\":2}", "display.band_height"},
        {"{\"band_height\":\"big\"}", "display.band_height"},
        {"{\"colors\":{\"text\":\"white\"}}", "display.colors.text"},
        {"{\"colors\":[1]}", "display.colors"},
        {"{\"band_position\":\"left\"}", "\"bottom\", \"top\""},
        {"{\"speed\":-3}", "display.speed"},
        {"{\"speed\":\"fast\"}", "display.speed"},
        {"{\"locale\":\"fr\"}", "display.locale"},
        {"{\"clock\":24}", "display.clock"},
        {"{\"layout\":\"grid\"}", "display.layout"},
        {"{\"reduced_motion\":\"yes\"}", "display.reduced_motion"},
        {"{\"current_point\":1.5}", "display.current_point"},
        {"{\"fade_ms\":1.5}", "display.fade_ms"},
        {"{\"hold_ms\":10}", "display.hold_ms"},
        {"{\"font\":7}", "display.font"},
        {"{\"separator\":\"0123456789012345678901234567890123456789\"}", "display.separator"},
        {"[]", "display"},
        {"{\"rotation\":45}", "display.rotation"},
        {"{\"rotation\":\"90\"}", "display.rotation"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case("cases[%zu] %s", i, cases[i].json);
        struct theme t;
        theme_default(&t);
        char err[256] = "";
        bool ok = parse_json(&t, cases[i].json, err, sizeof err);
        CHECK(!ok);
        CHECK_MSG(strstr(err, cases[i].want_in_error) != NULL, "error \"%s\" lacks \"%s\"", err,
                  cases[i].want_in_error);
    }
    check_case_end();
}

/* Every bad key is reported, not only the first; unknown keys warn with the closest one;
 * a repeated key: the last one is used and an earlier one is not checked. */
static void test_all_problems(void)
{
    static const struct {
        const char *json;
        bool ok;
        const char *problems;
    } cases[] = {
        {"{\"speed\": \"fast\", \"colors\": {\"band\": \"blue\", \"text\": \"#fff\", \"muted\": "
         "3}, "
         "\"hold_ms\": 10}",
         false,
         "E display.speed: expected pixels per second (180, \"180px/s\"), characters per second "
         "(\"12cps\") or screen heights per second (\"16.7%/s\")\n"
         "E display.colors.band: expected \"#rrggbb\" or \"#rgb\"\n"
         "E display.colors.muted: expected \"#rrggbb\" or \"#rgb\"\n"
         "E display.hold_ms: expected a whole number from 1000 to 600000\n"},
        {"{\"colours\": {}, \"colors\": {\"bnad\": \"#000\"}, \"_note\": 1, \"zzz\": 2}", true,
         "W@key display: unknown key \"colours\" (did you mean \"colors\"?)\n"
         "W@key display: unknown key \"zzz\"\n"
         "W@key display.colors: unknown key \"bnad\" (did you mean \"band\"?)\n"},
        {"{\"speed\": \"fast\", \"speed\": 90}", true,
         "W@key display: key \"speed\" is repeated; the last one is used\n"},
        {"{\"speed\": 90, \"speed\": \"fast\"}", false,
         "W@key display: key \"speed\" is repeated; the last one is used\n"
         "E display.speed: expected pixels per second (180, \"180px/s\"), characters per second "
         "(\"12cps\") or screen heights per second (\"16.7%/s\")\n"},
        {"{}", true, ""},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("cases[%zu] %s", i, cases[i].json);
        struct theme t;
        theme_default(&t);
        char err[256], *problems = NULL;
        CHECK_INT(parse_all(&t, cases[i].json, err, sizeof err, &problems), cases[i].ok);
        CHECK_STR(problems, cases[i].problems);
        /* the first error, and only an error, is the one err holds */
        const char *first_e = strstr(cases[i].problems, "E ");
        if (first_e)
            CHECK_INT(strncmp(err, first_e + 2, strlen(err)), 0);
        CHECK_INT(err[0] != '\0', !cases[i].ok);
        free(problems);
    }
    check_case_end();
    struct theme t;
    theme_default(&t);
    char err[256];
    CHECK(parse_json(&t, "{\"speed\": \"fast\", \"speed\": 90}", err, sizeof err));
    CHECK(t.speed == 90 && t.speed_unit == THEME_SPEED_PX_S);
    /* "clock" wins over the locale's default wherever it stands */
    theme_default(&t);
    CHECK(parse_json(&t, "{\"clock\": \"24h\", \"locale\": \"en\"}", err, sizeof err));
    CHECK(t.clock_24h && t.locale == THEME_LOCALE_EN);
    theme_default(&t);
    CHECK(parse_json(&t, "{\"locale\": \"en\"}", err, sizeof err));
    CHECK(!t.clock_24h);
}

/* theme_to_json prints every key, and what it prints reads back as the same theme. */
static void test_to_json(void)
{
    static const char *const themes[] = {
        "{}",
        "{\"font\":\"/x/a.ttf\",\"band_height\":0.12,\"band_font_size\":\"40px\","
        "\"headline_font_size\":\"7%\",\"colors\":{\"band\":\"#102030\",\"accent\":\"#f80\"},"
        "\"band_position\":\"top\",\"speed\":\"12cps\",\"separator\":\"+++\",\"locale\":\"en\","
        "\"layout\":\"band\",\"reduced_motion\":true,\"current_point\":0.5,\"fade_ms\":300,"
        "\"hold_ms\":5000}",
        "{\"speed\": 180.5, \"clock\": \"12h\"}",
        "{\"speed\": \"20%/s\"}",
        /* One string (parenthesised for clang's -Wstring-concatenation). */
        ("{\"images\": false, \"qr\": \"on\", \"qr_params\": {\"utm_source\": \"lob by\", "
         "\"x&y=\": \"a=b&c%\", \"\\u00fc\": \"\"}}"),
    };
    for (size_t i = 0; i < ARRAY_LEN(themes); i++) {
        check_case("themes[%zu] %s", i, themes[i]);
        struct theme a, b;
        theme_default(&a);
        char err[256];
        CHECK(parse_json(&a, themes[i], err, sizeof err));
        cJSON *printed = theme_to_json(&a);
        CHECK_INT(cJSON_GetArraySize(printed), 24);
        theme_default(&b);
        CHECK(theme_parse(&b, printed, NULL, NULL, NULL));
        CHECK(memcmp(&a.colors, &b.colors, sizeof a.colors) == 0);
        CHECK_STR(a.font, b.font);
        CHECK_STR(a.separator, b.separator);
        CHECK_INT(a.speed_unit, b.speed_unit);
        CHECK_MSG(fabs(a.speed - b.speed) < 1e-9 * a.speed, "%.17g vs %.17g", a.speed, b.speed);
        CHECK(a.band_font.px == b.band_font.px && a.band_font.value == b.band_font.value);
        CHECK(a.headline_font.value == b.headline_font.value);
        CHECK_INT(a.locale, b.locale);
        CHECK_INT(a.clock_24h, b.clock_24h);
        CHECK_INT(a.layout, b.layout);
        CHECK_INT(a.hold_ms, b.hold_ms);
        CHECK_INT(a.images, b.images);
        CHECK_INT(a.qr, b.qr);
        CHECK_STR(a.qr_params, b.qr_params);
        cJSON *again = theme_to_json(&b);
        CHECK(cJSON_Compare(printed, again, true));
        cJSON_Delete(again);
        cJSON_Delete(printed);
    }
    check_case_end();
    /* the defaults as a person reads them */
    struct theme d;
    theme_default(&d);
    cJSON *o = theme_to_json(&d);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "speed")), "16.66666667%/s");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "colors"), "band")),
              "#0f2447");
    /* English with a 12-hour clock where nothing says otherwise (issue 8) */
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "locale")), "en");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "clock")), "12h");
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItem(o, "band_height")) == 0.10);
    cJSON_Delete(o);
    /* a German locale brings the 24-hour clock */
    theme_default_for(&d, THEME_LOCALE_DE);
    o = theme_to_json(&d);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "locale")), "de");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(o, "clock")), "24h");
    cJSON_Delete(o);
}

static void test_rotation(void)
{
    static const int ok[] = {0, 90, 180, 270};
    for (size_t i = 0; i < 4; i++) {
        struct theme t;
        theme_default(&t);
        char json[64], err[256] = "";
        snprintf(json, sizeof json, "{\"rotation\":%d}", ok[i]);
        CHECK(parse_json(&t, json, err, sizeof err));
        CHECK_INT(t.rotation, ok[i]);
    }
}

/* The wall display's language when the configuration names none. */
static void test_locale_from_env(void)
{
    static const struct {
        const char *lc_all, *lc_messages, *lang;
        enum theme_locale want;
    } cases[] = {
        {NULL, NULL, NULL, THEME_LOCALE_EN},
        {NULL, NULL, "de_DE.UTF-8", THEME_LOCALE_DE},
        {NULL, NULL, "de_AT@euro", THEME_LOCALE_DE},
        {NULL, NULL, "de", THEME_LOCALE_DE},
        {NULL, NULL, "en_GB.UTF-8", THEME_LOCALE_EN},
        {NULL, NULL, "fr_FR.UTF-8", THEME_LOCALE_EN}, /* neither: English */
        {NULL, NULL, "C.UTF-8", THEME_LOCALE_EN},
        {NULL, NULL, "dexx", THEME_LOCALE_EN},                 /* not a "de" locale */
        {"en_US.UTF-8", NULL, "de_DE.UTF-8", THEME_LOCALE_EN}, /* LC_ALL first */
        {"", "de_CH.UTF-8", "en_US.UTF-8", THEME_LOCALE_DE},   /* empty counts as unset */
        {NULL, "C", "de_DE.UTF-8", THEME_LOCALE_EN},
        {"", "", "", THEME_LOCALE_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(theme_locale_from_env(cases[i].lc_all, cases[i].lc_messages, cases[i].lang) ==
                      cases[i].want,
                  "case %zu", i);
}

static void test_size_px(void)
{
    CHECK_INT(theme_size_px((struct theme_size){0.1, false}, 1080), 108);
    CHECK_INT(theme_size_px((struct theme_size){0.1, false}, 2160), 216);
    CHECK_INT(theme_size_px((struct theme_size){40, true}, 2160), 40);
    CHECK_INT(theme_size_px((struct theme_size){0.0001, false}, 100), 1);
}

int main(void)
{
    test_default_contrast();
    test_colors();
    test_parse_all_keys();
    test_parse_errors();
    test_all_problems();
    test_to_json();
    test_size_px();
    test_rotation();
    test_locale_from_env();
    return check_done();
}
