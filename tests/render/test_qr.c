/* Tests for render/qr: the link the code carries and the code's size limits. (Reading codes
 * from frames with a real decoder is tests/app/render_qr.sh.) */
#include "check.h"
#include "core/card.h"
#include "core/util.h"
#include "render/qr.h"

#include <stdlib.h>
#include <string.h>

static void test_link(void)
{
    static const struct {
        const char *link, *params, *want;
    } cases[] = {
        {"https://a.example/x", "", "https://a.example/x"},
        {"https://a.example/x", NULL, "https://a.example/x"},
        {"https://a.example/x", "utm_source=lobby", "https://a.example/x?utm_source=lobby"},
        {"https://a.example/x?id=3", "utm_source=lobby",
         "https://a.example/x?id=3&utm_source=lobby"},
        {"https://a.example/x?", "s=1", "https://a.example/x?s=1"},
        {"https://a.example/x#top", "s=1", "https://a.example/x?s=1#top"},
        {"https://a.example/x?q=1#a?b", "s=1", "https://a.example/x?q=1&s=1#a?b"},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        check_case("%s + %s", cases[i].link, cases[i].params ? cases[i].params : "(null)");
        char *got = qr_link(cases[i].link, cases[i].params);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
    check_case_end();
}

static void test_encode(void)
{
    struct error err = {0};
    struct qr_code *q = qr_encode("https://hafenblatt.example/2026/11/faehre-werftinsel", 45, &err);
    CHECK(q != NULL);
    if (q) {
        CHECK(q->size >= 21 && q->size <= 45 && (q->size - 17) % 4 == 0);
        /* The finder pattern's corner is dark, the module beside its ring light. */
        CHECK_INT(q->dark[0], 1);
        CHECK_INT(q->dark[q->size * 1 + 1], 0);
        CHECK_INT(qr_side(q, 8), (q->size + 2 * CARD_QR_QUIET) * 8);
        /* Dark on light with the quiet zone, whatever is under it. */
        int side = qr_side(q, 2);
        uint32_t *fb = xcalloc((size_t)(side + 4) * (size_t)(side + 4), 4);
        for (int i = 0; i < (side + 4) * (side + 4); i++)
            fb[i] = 0xFF121D33u;
        qr_draw(q, fb, (side + 4) * 4, side + 4, side + 4, 2, 2, 2, 255);
        CHECK(fb[(2 + 1) * (side + 4) + 2 + 1] == 0xFFFFFFFFu); /* quiet zone */
        int m0 = 2 + CARD_QR_QUIET * 2;
        CHECK(fb[m0 * (side + 4) + m0] == 0xFF000000u); /* first module */
        CHECK(fb[0] == 0xFF121D33u);                    /* outside: untouched */
        free(fb);
        qr_free(q);
    }
    /* Too long for the room: no code, and a reason. */
    char longlink[1200] = "https://a.example/";
    for (size_t i = strlen(longlink); i < sizeof longlink - 1; i++)
        longlink[i] = 'a' + (char)(i % 26);
    longlink[sizeof longlink - 1] = '\0';
    CHECK(qr_encode(longlink, 45, &err) == NULL);
    CHECK(strstr(err.msg, "modules a side") != NULL);
    CHECK(qr_encode("", 45, &err) == NULL);
}

int main(void)
{
    test_link();
    test_encode();
    return check_done();
}
