/* The no-news screen's text: the opening sentence follows what the feeds are doing, each feed
 * gets a line with its state, details are translated where known. */
#include "check.h"
#include "core/notice.h"
#include "core/util.h"

#include <stdlib.h>

static struct story_snapshot *snap_with(const enum story_feed_state *st, size_t n)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    s->n_feeds = n;
    s->feeds = xcalloc(n ? n : 1, sizeof *s->feeds);
    for (size_t i = 0; i < n; i++)
        s->feeds[i] = (struct story_feed){.name = xasprintf("Feed %zu", i), .state = st[i]};
    return s;
}

static void test_intro(void)
{
    static const struct {
        enum story_feed_state st[3];
        size_t n;
        const char *de_has, *en_has;
    } cases[] = {
        {{STORY_FEED_WAITING, STORY_FEED_FETCHING}, 2, "werden abgerufen", "Fetching"},
        {{STORY_FEED_FAILED, STORY_FEED_FETCHING}, 2, "werden abgerufen", "Fetching"},
        {{STORY_FEED_FAILED, STORY_FEED_GONE}, 2, "Kein Feed ist erreichbar", "No feed can be"},
        /* A feed that was reached is never called unreachable. */
        {{STORY_FEED_OK, STORY_FEED_FAILED}, 2, "erreichten Feeds", "were reached"},
        {{STORY_FEED_OK}, 1, "erreichten Feeds", "were reached"},
        {{0}, 0, "kein Feed eingerichtet", "No feed is set up"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct story_snapshot *s = snap_with(cases[i].st, cases[i].n);
        CHECK_MSG(strstr(notice_intro(s, THEME_LOCALE_DE), cases[i].de_has), "case %zu: %s", i,
                  notice_intro(s, THEME_LOCALE_DE));
        CHECK_MSG(strstr(notice_intro(s, THEME_LOCALE_EN), cases[i].en_has), "case %zu: %s", i,
                  notice_intro(s, THEME_LOCALE_EN));
        if (cases[i].st[0] == STORY_FEED_OK)
            CHECK(!strstr(notice_intro(s, THEME_LOCALE_EN), "as soon as"));
        story_snapshot_free(s);
    }
    /* Without feed information (headless frames): the general sentence. */
    CHECK(strstr(notice_intro(NULL, THEME_LOCALE_EN), "as soon as") != NULL);
}

static void test_lines(void)
{
    static const struct {
        enum story_feed_state st;
        const char *detail;
        size_t items;
        const char *de, *en;
    } cases[] = {
        {STORY_FEED_WAITING, NULL, 0, "Herald \xE2\x80\x93 wartet", "Herald \xE2\x80\x93 waiting"},
        {STORY_FEED_FETCHING, NULL, 0, "Herald \xE2\x80\x93 wird abgerufen \xE2\x80\xA6",
         "Herald \xE2\x80\x93 connecting \xE2\x80\xA6"},
        {STORY_FEED_OK, NULL, 0, "Herald \xE2\x80\x93 erreicht, keine Meldungen",
         "Herald \xE2\x80\x93 reached, no stories"},
        {STORY_FEED_FAILED, "DNS lookup failed", 0,
         "Herald \xE2\x80\x93 DNS-Aufl\xC3\xB6sung fehlgeschlagen",
         "Herald \xE2\x80\x93 DNS lookup failed"},
        {STORY_FEED_FAILED, "HTTP 404", 0, "Herald \xE2\x80\x93 HTTP 404",
         "Herald \xE2\x80\x93 HTTP 404"},
        {STORY_FEED_FAILED, "not a feed: the root element is <html>", 0,
         "Herald \xE2\x80\x93 kein Feed",
         "Herald \xE2\x80\x93 not a feed: the root element is <html>"},
        {STORY_FEED_FAILED, NULL, 0, "Herald \xE2\x80\x93 nicht erreichbar",
         "Herald \xE2\x80\x93 unreachable"},
        {STORY_FEED_GONE, NULL, 0, "Herald \xE2\x80\x93 nicht mehr verf\xC3\xBCgbar (HTTP 410)",
         "Herald \xE2\x80\x93 gone (HTTP 410)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct story_feed f = {.name = (char *)"Herald",
                               .state = cases[i].st,
                               .detail = (char *)cases[i].detail,
                               .n_items = cases[i].items};
        char buf[128];
        CHECK_STR(notice_feed_line(buf, sizeof buf, &f, THEME_LOCALE_DE), cases[i].de);
        CHECK_STR(notice_feed_line(buf, sizeof buf, &f, THEME_LOCALE_EN), cases[i].en);
    }
    CHECK_STR(notice_detail("something odd", THEME_LOCALE_DE), "something odd");
    CHECK_STR(notice_detail(NULL, THEME_LOCALE_DE), NULL);
}

int main(void)
{
    test_intro();
    test_lines();
    return check_done();
}
