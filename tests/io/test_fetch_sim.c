/*
 * Days of the fetch worker in seconds (issue 8): the worker thread runs against
 * tests/feedserver.py with a manual clock that the test moves in steps of SIM_STEP_S, waiting
 * after each step until the worker has done everything due by then. What the worker decided
 * is read from the snapshots it publishes (each feed's next poll), what it did from the
 * server's request log:
 *
 * - a good feed is polled every interval (600 s +-10% jitter), and four times less often while
 *   the poll scale is 4 (night mode), taking effect at once;
 * - a failing feed (500) backs off 1, 2, 4 ... minutes up to the 60-minute cap, with jitter;
 * - a feed answering 429 with Retry-After 7200 waits at least that long every time;
 * - a 410 is asked once, ever;
 * - retention by age: a feed that brings a newer story every day keeps only what is younger
 *   than max_age (two days);
 * - a demo feed's stories stay on the display with the newest at its last poll, days after
 *   their real dates.
 */
#include "check.h"
#include "core/config.h"
#include "core/feed.h"
#include "core/schedule.h"
#include "core/util.h"
#include "io/clock.h"
#include "io/fetch.h"
#include "io/fetch_impl.h"
#include "io/store.h"
#include "fetch_testutil.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY        INT64_C(86400)
#define SIM_STEP_S 15
/* The simulation starts 25 hours after the server's base date: the good feed's first two
 * items (item k is dated base + k days) are 25 and 1 hours old. */
#define BASE INT64_C(1700000000)
#define T0   (BASE + DAY + 3600)

enum { GOOD, FAILING, LIMITED, GONE, DEMO, N_FEEDS };
static const char *const names[N_FEEDS] = {"good", "failing", "limited", "gone", "demo"};

/* What the test saw of one feed: the delays the worker chose, in order. */
struct seen {
    int64_t last_next; /* the next poll of the last snapshot */
    int64_t delays[2048];
    int64_t at[2048]; /* the clock when each delay was chosen */
    size_t n;
};

static struct seen seen[N_FEEDS];

static void take(struct fetcher *f, int64_t now, struct story_snapshot **keep)
{
    struct story_snapshot *s = fetcher_take_snapshot(f);
    if (!s)
        return;
    for (size_t i = 0; i < s->n_feeds; i++) {
        for (int k = 0; k < N_FEEDS; k++) {
            const char *n = s->feeds[i].name;
            if (strncmp(n, names[k], strlen(names[k])) != 0)
                continue;
            struct seen *w = &seen[k];
            int64_t next = s->feeds[i].next_poll;
            if (next != w->last_next && next != 0 && w->n < ARRAY_LEN(w->delays)) {
                w->delays[w->n] = next - now;
                w->at[w->n++] = now;
            }
            w->last_next = next;
        }
    }
    story_snapshot_free(*keep);
    *keep = s;
}

/* Moves the clock one step and waits until the worker has done what was due by then. */
static void step(struct fetcher *f, struct clock_manual *clk, int64_t s)
{
    clock_manual_advance(clk, s * 1000);
    int64_t target = clock_monotonic_ms(&clk->clock);
    fetcher_wake(f);
    /* A hang detector of 60 s of real time, polled finely: most steps take microseconds. */
    for (int i = 0; i < 600000 && atomic_load(&f->idle_ms) < target; i++) {
        struct timespec ts = {0, 100000};
        nanosleep(&ts, NULL);
    }
}

static int requests(const char *path)
{
    cJSON *log = control("/_log");
    int n = count_requests(log, path);
    cJSON_Delete(log);
    return n;
}

/* Titles of the stories of `source` in a snapshot, joined with '|'. */
static char *titles_of(const struct story_snapshot *s, const char *source)
{
    struct buf b = {0};
    for (size_t i = s ? s->n_stories : 0; i-- > 0;) /* oldest first */
        if (s->stories[i].source && !strcmp(s->stories[i].source, source))
            buf_printf(&b, "%s%s", b.len ? "|" : "", s->stories[i].title);
    return buf_steal(&b);
}

static char *write_demo(void)
{
    /* Four stories from 2020, a day apart: far older than anything retention keeps. */
    char *path = xasprintf("%s/sim-demo.rss", srv.dir);
    FILE *fp = fopen(path, "w");
    fputs("<rss version=\"2.0\"><channel><title>Demo</title>", fp);
    static const char *const dates[] = {"Wed, 01 Jan 2020 12:00:00 +0000",
                                        "Tue, 31 Dec 2019 12:00:00 +0000",
                                        "Mon, 30 Dec 2019 12:00:00 +0000"};
    for (size_t i = 0; i < ARRAY_LEN(dates); i++)
        fprintf(fp,
                "<item><title>Demo headline %zu</title><guid>d%zu</guid><pubDate>%s</pubDate>"
                "<description>Demo text %zu.</description></item>",
                i, i, dates[i], i);
    fputs("</channel></rss>", fp);
    fclose(fp);
    return path;
}

static void check_delays(int k, int64_t from, int64_t to, int64_t lo, int64_t hi)
{
    size_t n = 0;
    for (size_t i = 0; i < seen[k].n; i++) {
        if (seen[k].at[i] < from || seen[k].at[i] >= to)
            continue;
        n++;
        CHECK_MSG(seen[k].delays[i] >= lo && seen[k].delays[i] <= hi,
                  "%s at +%llds: next poll in %llds, want %lld..%lld", names[k],
                  (long long)(seen[k].at[i] - T0), (long long)seen[k].delays[i], (long long)lo,
                  (long long)hi);
    }
    CHECK_MSG(n > 0, "%s: no poll seen between +%llds and +%llds", names[k], (long long)(from - T0),
              (long long)(to - T0));
}

int main(void)
{
    unset_proxies();
    signal(SIGPIPE, SIG_IGN);
    feed_init();
    fetch_global_init();
    if (!server_start_at(&srv, (long)BASE)) {
        fprintf(stderr, "cannot start tests/feedserver.py\n");
        server_stop(&srv);
        return 1;
    }
    char *demo = write_demo();
    char *json = xasprintf(
        "{\"interval\": 600, \"fetch_articles\": false, \"retention\": {\"max_age\": 172800},"
        " \"feeds\": [{\"url\": \"http://127.0.0.1:%d/feed/good?items=2&spacing=86400\","
        " \"name\": \"good\"},"
        " {\"url\": \"http://127.0.0.1:%d/status/500\", \"name\": \"failing\"},"
        " {\"url\": \"http://127.0.0.1:%d/status/429?retry=7200\", \"name\": \"limited\"},"
        " {\"url\": \"http://127.0.0.1:%d/status/410\", \"name\": \"gone\"},"
        " {\"url\": \"file://%s\", \"name\": \"demo\", \"demo\": true}]}",
        srv.port, srv.port, srv.port, srv.port, demo);
    struct config *base = config_default(NULL, 0);
    struct config_diags d = {0};
    struct config *cfg = config_parse(json, strlen(json), "sim.json", base, &d);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "%s\n", d.v[i].text);
    config_diags_free(&d);
    config_free(base);
    free(json);
    if (!cfg)
        return 1;

    struct store *st = open_store();
    struct fetcher *f = new_fetcher(cfg, st);
    struct clock_manual clk;
    clock_manual_init(&clk, T0 * 1000);
    fetcher_set_clock(f, &clk.clock);
    fetcher_set_seed(f, 20261204); /* the jitter: any seed must pass; a fixed one repeats */
    control("/_clear");
    CHECK(fetcher_start(f));
    struct story_snapshot *snap = NULL;
    step(f, &clk, 0);
    take(f, T0, &snap);
    char *first = titles_of(snap, "good");
    CHECK_STR(first, "good story 0|good story 1");
    free(first);

    /* Day 1 as configured, day 2 at night's poll scale 4, day 3 as configured again; the good
     * feed brings a new story at the start of days 2 and 3. */
    int64_t now = T0;
    for (int day = 0; day < 3; day++) {
        if (day == 1)
            fetcher_set_poll_scale(f, 4);
        if (day == 2)
            fetcher_set_poll_scale(f, 1);
        if (day > 0)
            control("/_bump/good");
        for (int64_t t = 0; t < DAY; t += SIM_STEP_S) {
            step(f, &clk, SIM_STEP_S);
            now += SIM_STEP_S;
            take(f, now, &snap);
        }
    }
    fetcher_stop(f);

    /* The schedule's decisions, day by day. The first poll of a day may still have been
     * chosen under the previous scale; from then on the day's own rule holds. */
    check_delays(GOOD, T0, T0 + DAY, 540, 660);
    check_delays(GOOD, T0 + DAY + 2700, T0 + 2 * DAY, 4 * 540, 4 * 660);
    check_delays(GOOD, T0 + 2 * DAY + 2700, T0 + 3 * DAY, 540, 660);
    /* Backoff: 1, 2, 4 ... minutes +-10%, then the 60-minute cap (jitter never beyond it).
     * Day 2's scale stretches it four times too. */
    static const int64_t backoff[] = {60, 120, 240, 480, 960, 1920};
    for (size_t i = 0; i < ARRAY_LEN(backoff) && i < seen[FAILING].n; i++)
        CHECK_MSG(seen[FAILING].delays[i] >= backoff[i] * 9 / 10 &&
                      seen[FAILING].delays[i] <= backoff[i] * 11 / 10,
                  "failure %zu: backoff %llds, want %lld +-10%%", i + 1,
                  (long long)seen[FAILING].delays[i], (long long)backoff[i]);
    check_delays(FAILING, T0 + 4 * 3600, T0 + DAY, 3240, 3600);
    check_delays(FAILING, T0 + 2 * DAY + 4 * 3600, T0 + 3 * DAY, 3240, 3600);
    int distinct = 0;
    for (size_t i = ARRAY_LEN(backoff); i < seen[FAILING].n; i++)
        distinct += seen[FAILING].delays[i] != seen[FAILING].delays[ARRAY_LEN(backoff)];
    CHECK_MSG(distinct > 0, "every capped backoff the same: no jitter");
    /* Retry-After: never sooner. */
    check_delays(LIMITED, T0, T0 + DAY, 7200, 7920);
    /* What the server saw agrees: about 144 polls on each normal day, 36 at night. */
    int good = requests("/feed/good?items=2&spacing=86400");
    CHECK_MSG(good >= 2 * 125 + 30 && good <= 2 * 160 + 42, "good feed polled %d times", good);
    CHECK_INT(requests("/status/410"), 1);
    int failing = requests("/status/500");
    /* (a change of poll scale moves the published next poll without a poll: two at most) */
    CHECK_MSG((size_t)failing <= seen[FAILING].n && seen[FAILING].n <= (size_t)failing + 2,
              "500 feed: %d requests, %zu decisions", failing, seen[FAILING].n);
    const struct story_feed *gone = NULL;
    for (size_t i = 0; snap && i < snap->n_feeds; i++)
        if (!strcmp(snap->feeds[i].name, "gone"))
            gone = &snap->feeds[i];
    CHECK(gone && gone->state == STORY_FEED_GONE && gone->next_poll == 0);

    /* Retention: story k is dated T0 + (k - 1) days - 1 hour, so stories 0 to 2 are past the
     * two days by the end; but a feed keeps its newest STORE_KEEP_NEWEST whatever their age
     * until newer stories replace them (issue 8: the display never runs dry), and this feed
     * has four: all of them stay, oldest first here. */
    char *last = titles_of(snap, "good");
    CHECK_STR(last, "good story 0|good story 1|good story 2|good story 3");
    free(last);
    /* The demo stories are all still there, the newest dated at the demo feed's last poll. */
    char *demo_titles = titles_of(snap, "demo" FETCH_DEMO_LABEL);
    CHECK_STR(demo_titles, "Demo headline 2|Demo headline 1|Demo headline 0");
    free(demo_titles);
    int64_t newest_demo = 0;
    for (size_t i = 0; snap && i < snap->n_stories; i++)
        if (snap->stories[i].source && strstr(snap->stories[i].source, FETCH_DEMO_LABEL) &&
            snap->stories[i].published > newest_demo)
            newest_demo = snap->stories[i].published;
    CHECK_MSG(newest_demo > now - 700 && newest_demo <= now, "newest demo story %llds old",
              (long long)(now - newest_demo));
    printf("simulated 3 days: %zu decisions for the good feed, %d polls of it, %zu of the "
           "failing one\n",
           seen[GOOD].n, good, seen[FAILING].n);

    story_snapshot_free(snap);
    fetcher_free(f);
    remove_store(st);
    config_free(cfg);
    unlink(demo);
    free(demo);
    server_stop(&srv);
    fetch_global_cleanup();
    return check_done();
}
