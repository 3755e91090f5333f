/*
 * Tests for render/font: the bundled main fonts, fallback discovery through fontconfig on this
 * machine's real fonts, explicit fallback lists, .notdef detection, and the TTF lifecycle.
 * A script whose font is not installed is reported as SKIP (not counted as passed).
 */
#include "check.h"
#include "core/util.h"
#include "font_testutil.h"
#include "core/log.h"
#include "render/font.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEJAVU  TICKER_ASSETS_DIR "/fonts/DejaVuSans.ttf"
#define WQY     "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
#define SYMBOLA "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"

static bool file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

static void test_default_set(void)
{
    struct error err = {0};
    struct font_set *fs = font_set_new(NULL, &err);
    CHECK_MSG(fs != NULL, "%s", err.msg);
    if (!fs)
        return;
    /* Latin, German, Greek, Cyrillic, Arabic, Hebrew: the bundled DejaVu covers them. */
    static const uint32_t main_cps[] = {'A',   0xDF,  0x20AC, 0x201E, 0x2013,
                                        0x3A9, 0x416, 0x627,  0x5E9,  0xFB01};
    for (size_t i = 0; i < ARRAY_LEN(main_cps); i++) {
        int got = font_set_font_for(fs, main_cps[i]);
        CHECK_MSG(got == 0, "U+%04X: font %d, want 0 (the main font)", (unsigned)main_cps[i], got);
    }
    /* Fallback scripts: a fallback (index >= 1) when some installed font covers them. */
    static const struct {
        uint32_t cp;
        const char *what;
    } fb[] = {{0x4E2D, "Chinese"},
              {0x30CB, "Japanese kana"},
              {0xAC00, "Korean"},
              {0x1F30D, "emoji"},
              {0x26BD, "symbols"}};
    for (size_t i = 0; i < ARRAY_LEN(fb); i++) {
        if (!installed_font_has(fb[i].cp)) {
            skip(fb[i].what);
            continue;
        }
        int got = font_set_font_for(fs, fb[i].cp);
        CHECK_MSG(got >= 1, "%s (U+%04X): font %d, want a fallback (>= 1)", fb[i].what,
                  (unsigned)fb[i].cp, got);
    }
    if (file_exists(WQY)) {
        bool listed = false;
        for (size_t i = 0; i < font_set_fallback_count(fs); i++)
            listed |= strcmp(font_set_fallback_path(fs, i), WQY) == 0;
        CHECK(listed);
    } else {
        skip("WenQuanYi Micro Hei not installed");
    }
    CHECK(font_set_fallback_path(fs, font_set_fallback_count(fs)) == NULL);
    /* Ignorables are never "missing": the rasteriser drops them. */
    CHECK_INT(font_set_font_for(fs, 0x200D), -2);
    CHECK_INT(font_set_font_for(fs, 0xFE0F), -2);
    /* Unassigned / private use code points are missing everywhere. */
    CHECK_INT(font_set_font_for(fs, 0x10FFFD), -1);
    font_set_free(fs);
}

static void test_metrics(void)
{
    struct font_set *fs = font_set_new(NULL, NULL);
    CHECK(fs != NULL);
    if (!fs)
        return;
    struct font_metrics m, m2, mb;
    struct text_style st = {.px = 54}, bold = {.px = 54, .bold = true};
    CHECK(font_set_metrics(fs, &st, &m));
    CHECK(font_set_metrics(fs, &st, &m2));
    CHECK(font_set_metrics(fs, &bold, &mb));
    CHECK(m.ascent > 0 && m.descent > 0 && m.height == m.ascent + m.descent);
    CHECK(m.ascent >= 54 * 9 / 10 && m.height <= 54 * 3 / 2);
    CHECK(memcmp(&m, &m2, sizeof(m)) == 0);
    struct text_style tiny = {.px = 2}, huge = {.px = 100000};
    CHECK(!font_set_metrics(fs, &tiny, &m));
    CHECK(!font_set_metrics(fs, &huge, &m));
    CHECK_INT(m.height, 0);
    font_set_free(fs);
}

/* A log sink that keeps "module: message" lines. */
static void capture_log(void *ctx, enum log_level level, const char *module, const char *msg)
{
    (void)level;
    buf_printf(ctx, "%s: %s\n", module, msg);
}

static void test_explicit_lists(void)
{
    struct error err = {0};
    /* An explicit empty list: no fallbacks, CJK is missing. */
    const char *none[] = {NULL};
    struct font_set_config cfg = {.fallback_paths = none, .n_fallbacks = 0};
    struct font_set *fs = font_set_new(&cfg, &err);
    CHECK_MSG(fs != NULL, "%s", err.msg);
    if (fs) {
        CHECK_INT(font_set_fallback_count(fs), 0);
        const char *s = "Tokyo \xe6\x9d\xb1\xe4\xba\xac"; /* Tokyo 東京 */
        CHECK_INT(font_set_count_missing(fs, s, strlen(s)), 2);
        font_set_free(fs);
    }
    /* An explicit list in the given order. */
    if (file_exists(WQY) && file_exists(SYMBOLA)) {
        /* Symbola has a few ideographs too: the order decides who draws them. */
        const char *wqy_first[] = {WQY, SYMBOLA}, *symbola_first[] = {SYMBOLA, WQY};
        struct font_set_config c2 = {.fallback_paths = wqy_first, .n_fallbacks = 2};
        fs = font_set_new(&c2, &err);
        CHECK_MSG(fs != NULL, "%s", err.msg);
        if (fs) {
            CHECK_STR(font_set_fallback_path(fs, 0), WQY);
            CHECK_INT(font_set_font_for(fs, 0x4E2D), 1);
            CHECK_INT(font_set_font_for(fs, 0x1F30D), 2);
            font_set_free(fs);
        }
        c2.fallback_paths = symbola_first;
        fs = font_set_new(&c2, &err);
        CHECK_MSG(fs != NULL, "%s", err.msg);
        if (fs) {
            CHECK_INT(font_set_font_for(fs, 0x4E2D), 1);
            CHECK_INT(font_set_font_for(fs, 0x1F30D), 1);
            CHECK_INT(font_set_font_for(fs, 0x30CB), 2); /* kana: WenQuanYi only */
            font_set_free(fs);
        }
    } else {
        skip("explicit list needs WenQuanYi and Symbola");
    }
    /* A bad file is named in the error. */
    const char *bad[] = {"/nonexistent/font.ttf"};
    struct font_set_config c3 = {.fallback_paths = bad, .n_fallbacks = 1};
    CHECK(font_set_new(&c3, &err) == NULL);
    CHECK(strstr(err.msg, "/nonexistent/font.ttf") != NULL);
    /* A configured main or bold font that is no font gives way to the bundled one, with a
     * warning naming it: the display never stops over a font. */
    struct buf warned = {0};
    log_set_sink(capture_log, &warned, LOG_LEVEL_WARN);
    struct font_set_config c4 = {.main_path = TICKER_TESTS_DIR "/check.h",
                                 .bold_path = "/nonexistent/bold.ttf",
                                 .bundled_path = TICKER_ASSETS_DIR "/fonts/DejaVuSans.ttf",
                                 .bundled_bold_path =
                                     TICKER_ASSETS_DIR "/fonts/DejaVuSans-Bold.ttf"};
    struct font_set *fs4 = font_set_new(&c4, &err);
    log_set_sink(NULL, NULL, LOG_LEVEL_INFO);
    CHECK_MSG(fs4 != NULL, "%s", err.msg);
    CHECK_STR(warned.data,
              "font: cannot open " TICKER_TESTS_DIR "/check.h: Couldn't load font file; using the "
              "bundled font instead\n"
              "font: cannot open /nonexistent/bold.ttf: No such file or directory; using the "
              "bundled font instead\n");
    font_set_free(fs4);
    buf_free(&warned);
}

static void test_count_missing(void)
{
    struct font_set *fs = font_set_new(NULL, NULL);
    CHECK(fs != NULL);
    if (!fs)
        return;
    static const struct {
        const char *s;
        size_t missing;
    } cases[] = {
        {"", 0},
        {"Gr\xc3\xbc\xc3\x9f"
         "e \xe2\x80\x9e"
         "x\xe2\x80\x9c \xe2\x82\xac",
         0},
        {"tab\tand\nnewline", 0}, /* controls become spaces */
        {"a\xe2\x80\x8d"
         "b\xef\xb8\x8f",
         0},                     /* ZWJ, VS16: dropped */
        {"bad \xff byte", 1},    /* invalid UTF-8 counts */
        {"cut \xe2\x82", 2},     /* a truncated sequence: each byte */
        {"\xf4\x8f\xbf\xbd", 1}, /* U+10FFFD: private use, no font */
        {"\xef\xbf\xbd", 0},     /* a real U+FFFD: DejaVu has it */
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        size_t got = font_set_count_missing(fs, cases[i].s, strlen(cases[i].s));
        char shown[64];
        str_printable(shown, sizeof shown, cases[i].s);
        CHECK_MSG(got == cases[i].missing, "case %zu (\"%s\"): %zu missing, want %zu", i, shown,
                  got, cases[i].missing);
    }
    font_set_free(fs);
}

/* A font path that is not a regular file - a FIFO nobody writes to, a directory, a device -
 * is refused at once with a message naming it (opening a FIFO would wait for a writer): an
 * error for a fallback, a warning and the bundled font for the main font. */
static void test_not_regular_files(void)
{
    char dir[] = "/tmp/ticker-test-font-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char fifo[600];
    snprintf(fifo, sizeof fifo, "%s/font.ttf", dir);
    CHECK(mkfifo(fifo, 0600) == 0);
    const char *paths[] = {fifo, dir, "/dev/zero"};
    for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
        for (int as_fallback = 0; as_fallback < 2; as_fallback++) {
            struct font_set_config cfg = {0};
            if (as_fallback) {
                cfg.fallback_paths = &paths[i];
                cfg.n_fallbacks = 1;
            } else {
                cfg.main_path = paths[i];
            }
            struct error err = {0};
            struct buf warned = {0};
            log_set_sink(capture_log, &warned, LOG_LEVEL_WARN);
            struct font_set *fs = font_set_new(&cfg, &err);
            log_set_sink(NULL, NULL, LOG_LEVEL_INFO);
            char want[700];
            snprintf(want, sizeof want, "%s: not a regular file", paths[i]);
            if (as_fallback) {
                CHECK_MSG(!fs && strstr(err.msg, want), "%s as the fallback font: %s", paths[i],
                          fs ? "opened" : err.msg);
            } else {
                /* The main font gives way to the bundled one, with a warning naming it. */
                CHECK_MSG(fs != NULL, "%s as the main font: %s", paths[i], err.msg);
                CHECK_MSG(warned.data && strstr(warned.data, want), "%s as the main font: %s",
                          paths[i], warned.data ? warned.data : "no warning");
            }
            buf_free(&warned);
            font_set_free(fs);
        }
    }
    unlink(fifo);
    rmdir(dir);
}

/* Several sets coexist and free in any order (SDL2_ttf counts TTF_Init/TTF_Quit). */
static void test_lifecycle(void)
{
    struct font_set *a = font_set_new(NULL, NULL);
    struct font_set *b = font_set_new(NULL, NULL);
    CHECK(a && b);
    font_set_free(a);
    struct font_metrics m;
    struct text_style st = {.px = 20};
    CHECK(b && font_set_metrics(b, &st, &m));
    font_set_free(b);
    font_set_free(NULL);
}

int main(void)
{
    test_default_set();
    test_metrics();
    test_explicit_lists();
    test_count_missing();
    test_not_regular_files();
    test_lifecycle();
    report_skips();
    return check_done();
}
