/* The hand-off decision: which differences between the snapshot on screen and a new one make
 * the crawl take new stories, update only the status, hold the stories while paused, or do
 * nothing. */
#include "check.h"
#include "core/adopt.h"
#include "core/util.h"

#include <stdlib.h>

static struct story_snapshot *make(int n)
{
    struct story_snapshot *s = xcalloc(1, sizeof *s);
    s->n_stories = (size_t)n;
    s->stories = xcalloc(n ? (size_t)n : 1, sizeof *s->stories);
    for (int i = 0; i < n; i++) {
        s->stories[i].id = xasprintf("id%d", i);
        s->stories[i].title = xasprintf("Title %d", i);
        s->stories[i].source = xstrdup("Courier");
        s->stories[i].published = 1767268800 - i * 60;
    }
    s->n_feeds = 2;
    s->feeds = xcalloc(2, sizeof *s->feeds);
    s->feeds[0] = (struct story_feed){.name = xstrdup("Courier"), .state = STORY_FEED_OK};
    s->feeds[1] = (struct story_feed){.name = xstrdup("Herald"), .state = STORY_FEED_WAITING};
    s->last_success = 1767268000;
    return s;
}

enum change {
    NONE,
    NEXT_POLL,   /* only poll times: nothing on screen */
    SUMMARY,     /* a summary filled in */
    NEW_STORY,   /* one more story */
    REORDER,     /* two stories swap */
    TITLE_SPLIT, /* "Title 1" + "0" vs "Title 10": field boundaries count */
    OFFLINE,     /* the status line changes */
    FEED_FAILED, /* a feed's state (the no-news screen names it) */
    FEED_DETAIL, /* the failure's detail */
    EMPTIED,     /* every story gone */
};

static void apply(struct story_snapshot *s, enum change c)
{
    switch (c) {
    case NONE:
        break;
    case NEXT_POLL:
        s->feeds[0].next_poll = 1767269999;
        s->feeds[1].last_success = 1;
        break;
    case SUMMARY:
        s->stories[1].summary = xstrdup("Filled in later.");
        break;
    case NEW_STORY:
        s->stories = xreallocarray(s->stories, s->n_stories + 1, sizeof *s->stories);
        s->stories[s->n_stories++] = (struct story){.id = xstrdup("new"), .title = xstrdup("New")};
        break;
    case REORDER: {
        struct story t = s->stories[0];
        s->stories[0] = s->stories[1];
        s->stories[1] = t;
        break;
    }
    case TITLE_SPLIT:
        free(s->stories[0].title);
        s->stories[0].title = xstrdup("Title 0C");
        free(s->stories[0].source);
        s->stories[0].source = xstrdup("ourier");
        break;
    case OFFLINE:
        s->offline = true;
        s->offline_since = 1767268500;
        break;
    case FEED_FAILED:
        s->feeds[1].state = STORY_FEED_FAILED;
        break;
    case FEED_DETAIL:
        s->feeds[0].detail = xstrdup("HTTP 404");
        break;
    case EMPTIED:
        for (size_t i = 0; i < s->n_stories; i++) {
            free(s->stories[i].id);
            free(s->stories[i].title);
            free(s->stories[i].source);
            free(s->stories[i].summary);
        }
        s->n_stories = 0;
        break;
    }
}

static void test_decisions(void)
{
    static const struct {
        enum change change;
        bool paused;
        enum adopt_action want;
    } cases[] = {
        {NONE, false, ADOPT_IGNORE},        {NEXT_POLL, false, ADOPT_IGNORE},
        {SUMMARY, false, ADOPT_OFFER},      {NEW_STORY, false, ADOPT_OFFER},
        {REORDER, false, ADOPT_OFFER},      {TITLE_SPLIT, false, ADOPT_OFFER},
        {OFFLINE, false, ADOPT_STATUS},     {FEED_FAILED, false, ADOPT_STATUS},
        {FEED_DETAIL, false, ADOPT_STATUS}, {EMPTIED, false, ADOPT_OFFER},
        {NONE, true, ADOPT_IGNORE},         {NEW_STORY, true, ADOPT_HOLD},
        {OFFLINE, true, ADOPT_STATUS},      {SUMMARY, true, ADOPT_HOLD},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct story_snapshot *a = make(3), *b = make(3);
        apply(b, cases[i].change);
        struct adopt_digest da = adopt_digest_of(a), db = adopt_digest_of(b);
        enum adopt_action got = adopt_decide(&da, &db, cases[i].paused);
        CHECK_MSG(got == cases[i].want, "case %zu: %s, want %s", i, adopt_action_str(got),
                  adopt_action_str(cases[i].want));
        story_snapshot_free(a);
        story_snapshot_free(b);
    }
}

static void test_first_and_empty(void)
{
    /* Nothing shown yet: anything is offered, even an empty snapshot (the no-news screen). */
    struct adopt_digest none = {0};
    struct adopt_digest empty = adopt_digest_of(NULL);
    CHECK(adopt_decide(&none, &empty, false) == ADOPT_OFFER);
    struct story_snapshot *s = make(0);
    struct adopt_digest d0 = adopt_digest_of(s);
    CHECK(adopt_decide(&none, &d0, false) == ADOPT_OFFER);
    /* An invalid incoming digest is never adopted. */
    CHECK(adopt_decide(&d0, &none, false) == ADOPT_IGNORE);
    story_snapshot_free(s);
    CHECK_STR(adopt_action_str(ADOPT_HOLD), "hold");
}

int main(void)
{
    test_decisions();
    test_first_and_empty();
    return check_done();
}
