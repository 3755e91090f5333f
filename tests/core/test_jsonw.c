/* jsonw: string escaping (what cJSON's printer does, byte for byte, for valid UTF-8), invalid
 * UTF-8 written as U+FFFD, and the member helpers. Each escaped literal of valid text is also
 * read back with cJSON to check it round-trips. */
#include "check.h"
#include "core/jsonw.h"

#include <cjson/cJSON.h>
#include <stdlib.h>

static const struct {
    const char *in;
    size_t len;
    const char *want;
} cases[] = {
    {"", 0, "\"\""},
    {"plain text", 10, "\"plain text\""},
    {"say \"hi\"", 8, "\"say \\\"hi\\\"\""},
    {"C:\\dir\\", 7, "\"C:\\\\dir\\\\\""},
    {"a\nb\tc\rd\be\ff", 11, "\"a\\nb\\tc\\rd\\be\\ff\""},
    {"\x01\x1f\x0b", 3, "\"\\u0001\\u001f\\u000b\""},
    {"nul\0byte", 8, "\"nul\\u0000byte\""},
    {"del\x7f", 4, "\"del\x7f\""}, /* DEL is not escaped (cJSON does not) */
    {"line\xe2\x80\xa8sep", 10, "\"line\xe2\x80\xa8sep\""}, /* U+2028 passes through */
    {"Gr\xc3\xbc\xc3\x9f"
     "e \xe2\x82\xac",
     11,
     "\"Gr\xc3\xbc\xc3\x9f"
     "e \xe2\x82\xac\""},
    {"</script>", 9, "\"</script>\""},
};

#define FFFD "\xef\xbf\xbd"

/* Invalid UTF-8: each maximal invalid subpart becomes one U+FFFD, nothing else changes. */
static const struct {
    const char *in;
    size_t len;
    const char *want;
} invalid[] = {
    {"a\xff"
     "b",
     3, "\"a" FFFD "b\""},
    {"K\xf6ln", 4, "\"K" FFFD "ln\""},             /* Latin-1 */
    {"\xed\xa0\x80", 3, "\"" FFFD FFFD FFFD "\""}, /* a surrogate */
    {"\xe2\x82", 2, "\"" FFFD "\""},               /* cut short */
    {"\xc0\xaf\"", 3, "\"" FFFD FFFD "\\\"\""},    /* overlong, then '"' */
    {"ok \xef\xbf\xbd", 6, "\"ok " FFFD "\""},     /* a real U+FFFD stays */
};

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case("cases[%zu] \"%s\"", i, cases[i].in);
        struct buf b = {0};
        CHECK(jsonw_string_n(&b, cases[i].in, cases[i].len));
        CHECK_STR(b.data, cases[i].want);
        /* It reads back as the same bytes (cJSON stops at a NUL, so skip that case). */
        if (!memchr(cases[i].in, 0, cases[i].len)) {
            cJSON *v = cJSON_Parse(b.data);
            CHECK(v && cJSON_IsString(v));
            if (v && cJSON_IsString(v))
                CHECK_STR(v->valuestring, cases[i].in);
            /* And cJSON prints it the same way. */
            char *again = v ? cJSON_PrintUnformatted(v) : NULL;
            if (again)
                CHECK_STR(again, cases[i].want);
            cJSON_free(again);
            cJSON_Delete(v);
        }
        buf_free(&b);
    }
    check_case_end();

    /* The unchecked writer gives the same bytes for valid text. */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_case("cases[%zu] \"%s\" unchecked", i, cases[i].in);
        if (memchr(cases[i].in, 0, cases[i].len))
            continue;
        struct buf a = {0}, b = {0};
        jsonw_string(&a, cases[i].in);
        jsonw_string_utf8(&b, cases[i].in);
        CHECK_STR(b.data, a.data);
        buf_free(&a);
        buf_free(&b);
    }
    check_case_end();
    for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
        check_case("invalid[%zu] \"%s\"", i, invalid[i].in);
        struct buf b = {0};
        CHECK(jsonw_string_n(&b, invalid[i].in, invalid[i].len));
        CHECK_MSG(b.data && !strcmp(b.data, invalid[i].want), "invalid case %zu: %s", i,
                  b.data ? b.data : "NULL");
        buf_free(&b);
    }
    check_case_end();
    /* jsonw_print: the same repair on a cJSON document; valid text as cJSON prints it. */
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "k\xf6ln",
                            "Stra\xdf"
                            "e \xe2\x82\xac");
    char *printed = jsonw_print(doc, false);
    CHECK_STR(printed, "{\"k" FFFD "ln\":\"Stra" FFFD "e \xe2\x82\xac\"}");
    free(printed);
    cJSON_Delete(doc);

    /* Every escape at every offset of longer strings (the escaper skips eight bytes at a
     * time), against cJSON's printer (which copies an invalid byte, where jsonw writes
     * U+FFFD: the '\xc3' before an 'a' is compared with that). */
    static const char specials[] = {'"', '\\', '\n', '\x01', '\x1f', ' ', '\x7f', '\xc3'};
    for (size_t len = 1; len <= 40; len++)
        for (size_t at = 0; at < len; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char s[41];
                memset(s, 'a', len);
                s[at] = specials[k];
                s[len] = 0;
                struct buf w = {0};
                jsonw_string(&w, s);
                char fixed[48];
                size_t fl = 0;
                for (size_t j = 0; j < len; j++) {
                    if (s[j] == '\xc3') {
                        memcpy(fixed + fl, FFFD, 3);
                        fl += 3;
                    } else {
                        fixed[fl++] = s[j];
                    }
                }
                fixed[fl] = 0;
                cJSON *v = cJSON_CreateString(fixed);
                char *p = cJSON_PrintUnformatted(v);
                CHECK_MSG(p && !strcmp(w.data, p), "len %zu at %zu special %zu", len, at, k);
                cJSON_free(p);
                cJSON_Delete(v);
                buf_free(&w);
            }

    struct buf b = {0};
    CHECK(jsonw_string(&b, NULL));
    CHECK_STR(b.data, "null");
    buf_reset(&b);
    buf_append_char(&b, '{');
    CHECK(jsonw_member_str(&b, false, "a", "x\"y"));
    CHECK(jsonw_member_str(&b, true, "b\n", NULL));
    buf_append_char(&b, ',');
    CHECK(jsonw_key(&b, "n"));
    CHECK(jsonw_int(&b, -9007199254740993LL));
    buf_append_char(&b, '}');
    CHECK_STR(b.data, "{\"a\":\"x\\\"y\",\"b\\n\":null,\"n\":-9007199254740993}");
    buf_free(&b);

    /* A capped buffer reports the refusal instead of writing a truncated literal silently. */
    struct buf small = {.cap_limit = 4};
    CHECK(!jsonw_string(&small, "too long"));
    CHECK(small.overflow);
    buf_free(&small);
    return check_done();
}
