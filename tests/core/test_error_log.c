/* Tests for core/error (struct error), core/log (the sink) and str_printable. */
#include "check.h"
#include "core/error.h"
#include "core/log.h"
#include "core/util.h"

#include <stdlib.h>

static bool fails_with(struct error *e)
{
    return error_set_at(e, 3, 7, "bad value %d", 42);
}

static void test_error(void)
{
    struct error e = {0};
    CHECK(!error_is_set(&e));
    CHECK(!fails_with(&e));
    CHECK_STR(e.msg, "bad value 42");
    CHECK_INT(e.line, 3);
    CHECK_INT(e.column, 7);
    CHECK(!error_prefix(&e, "%s", "feeds.json"));
    CHECK_STR(e.msg, "feeds.json: bad value 42");
    CHECK_INT(e.line, 3); /* the position survives a prefix */
    CHECK(!error_set(&e, "plain"));
    CHECK_INT(e.line, 0);
    error_clear(&e);
    CHECK(!error_is_set(&e));
    CHECK(!error_set(NULL, "nowhere")); /* NULL is allowed */

    /* A long prefix and a long message are cut, never overrun. */
    char longer[600];
    memset(longer, 'x', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    error_set(&e, "%s", longer);
    CHECK_INT(strlen(e.msg), sizeof e.msg - 1);
    error_prefix(&e, "%s", longer);
    CHECK_INT(strlen(e.msg), sizeof e.msg - 1);
    error_set(&e, "tail");
    error_prefix(&e, "%.*s", 253, longer);
    CHECK_INT(strlen(e.msg), 255);
    CHECK(strncmp(e.msg + 253, ": ", 2) == 0);
}

static const struct {
    const char *in;
    const char *want;
} printable_cases[] = {
    {"plain text", "plain text"},
    {"Grüße – “quoted” 東京", "Grüße – “quoted” 東京"},
    {"a\x1b[31mred\x07", "a\\x1b[31mred\\x07"},
    {"tab\tnew\nline\r", "tab\\x09new\\x0aline\\x0d"},
    {"del\x7f", "del\\x7f"},
    {"csi \xc2\x9b"
     "2J",
     "csi \\u009b2J"},
    {"latin1 \xfc", "latin1 \\xfc"},
    {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
    {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
    {"back\\slash", "back\\\\slash"},
    {"", ""},
};

static void test_printable(void)
{
    for (size_t i = 0; i < ARRAY_LEN(printable_cases); i++) {
        char *got = xstrprintable(printable_cases[i].in);
        CHECK_MSG(strcmp(got, printable_cases[i].want) == 0, "case %zu: got \"%s\", want \"%s\"", i,
                  got, printable_cases[i].want);
        free(got);
    }
    /* Cut at a whole character or escape, always terminated. */
    char small[8];
    CHECK_STR(str_printable(small, sizeof small,
                            "ab\x1b"
                            "cdef"),
              "ab\\x1bc");
    CHECK_STR(str_printable(small, sizeof small, "abcdefü"), "abcdef");
    CHECK_STR(str_printable(small, 1, "abc"), "");
}

struct captured {
    int calls;
    enum log_level level;
    char module[32];
    char msg[256];
};

static void capture_sink(void *ctx, enum log_level level, const char *module, const char *msg)
{
    struct captured *c = ctx;
    c->calls++;
    c->level = level;
    snprintf(c->module, sizeof c->module, "%s", module);
    snprintf(c->msg, sizeof c->msg, "%s", msg);
}

static void test_log(void)
{
    struct captured c = {0};
    log_set_sink(capture_sink, &c, LOG_LEVEL_INFO);
    log_warn("store", "moved %s aside", "cache.db");
    CHECK_INT(c.calls, 1);
    CHECK_INT(c.level, LOG_LEVEL_WARN);
    CHECK_STR(c.module, "store");
    CHECK_STR(c.msg, "moved cache.db aside");
    log_debug("store", "not wanted");
    CHECK_INT(c.calls, 1); /* above the sink's level: dropped */
    log_error("fetch", "Location: %s", "http://x/\x1b]0;owned\x07");
    CHECK_STR(c.msg, "Location: http://x/\\x1b]0;owned\\x07");
    CHECK_STR(log_level_str(LOG_LEVEL_ERROR), "error");
    log_set_sink(NULL, NULL, LOG_LEVEL_INFO);
}

int main(void)
{
    test_error();
    test_printable();
    test_log();
    return check_done();
}
