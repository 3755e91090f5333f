/* Tests for core/util: the capped buffer and the ASCII helpers. */
#include "check.h"
#include "core/util.h"

#include <stdlib.h>

static void test_buf_cap(void)
{
    struct buf b = {.cap_limit = 8};
    CHECK(buf_append_str(&b, "abcd"));
    CHECK(buf_append_str(&b, "efgh"));
    CHECK_INT(b.len, 8);
    CHECK(!buf_append_char(&b, 'x'));
    CHECK(b.overflow);
    CHECK_STR(b.data, "abcdefgh");
    buf_free(&b);
}

static void test_buf_grow_printf(void)
{
    struct buf b = {0};
    for (int i = 0; i < 1000; i++)
        CHECK(buf_printf(&b, "%d,", i % 10));
    CHECK_INT(b.len, 2000);
    char *s = buf_steal(&b);
    CHECK(strncmp(s, "0,1,2,", 6) == 0);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    struct buf e = {0};
    char *empty = buf_steal(&e);
    CHECK_STR(empty, "");
    free(empty);
}

static void test_ascii(void)
{
    CHECK(ascii_strcasecmp("Content-Type", "content-TYPE") == 0);
    CHECK(ascii_strcasecmp("abc", "abd") < 0);
    CHECK(ascii_strncasecmp("charset=UTF-8", "CHARSET=", 8) == 0);
    CHECK(ascii_isspace('\t') && !ascii_isspace((unsigned char)'\xa0'));
    CHECK(hash_fnv1a64("a", 1, HASH_FNV1A64_INIT) == 0xaf63dc4c8601ec8cULL);
}

int main(void)
{
    test_buf_cap();
    test_buf_grow_printf();
    test_ascii();
    return check_done();
}
