/* The status document: written and read back, the rules of `ticker status --check` at chosen
 * times, the report for people, and files that are not status files. */
#include "check.h"
#include "core/health.h"
#include "core/util.h"

#include <stdlib.h>

#define T0 INT64_C(1767268800) /* 2026-01-01T12:00:00Z */

static void fill(struct health *h)
{
    memset(h, 0, sizeof *h);
    snprintf(h->version, sizeof h->version, "0.1.0");
    h->pid = 4242;
    h->started = T0 - 3600;
    h->written = T0;
    h->display = HEALTH_ON;
    h->fps = 59.94;
    h->frame_p99_ms = 17;
    h->work_p99_ms = 1.26;
    h->frames = 215000;
    h->dropped = 3;
    h->last_frame = T0;
    h->refresh_hz = 59.94;
    h->width = 1920;
    h->height = 1080;
    snprintf(h->video_driver, sizeof h->video_driver, "x11");
    snprintf(h->renderer, sizeof h->renderer, "software");
    h->items = 42;
    h->last_success = T0 - 300;
    h->cache_bytes = 123456;
    h->n_feeds = 2;
    h->feeds = xcalloc(2, sizeof *h->feeds);
    h->feeds[0] =
        (struct health_feed){xstrdup("Courier"), xstrdup("ok"), NULL, T0 - 300, T0 + 300, 40};
    h->feeds[1] = (struct health_feed){
        xstrdup("Herald \x1b[31m"), xstrdup("failed"), xstrdup("DNS lookup failed"), 0, T0 + 60, 2};
    h->max_frame_age = 30;
    h->max_fetch_age = 6 * 3600;
}

static void test_round_trip(void)
{
    struct health h, r;
    fill(&h);
    char *json = health_to_json(&h);
    struct error err = {0};
    CHECK(health_parse(json, strlen(json), &r, &err));
    CHECK_STR(r.version, "0.1.0");
    CHECK_INT(r.pid, 4242);
    CHECK_INT(r.started, T0 - 3600);
    CHECK_INT(r.written, T0);
    CHECK(r.display == HEALTH_ON);
    CHECK(r.fps > 59.8 && r.fps < 60.0); /* one decimal */
    CHECK(r.work_p99_ms > 1.2 && r.work_p99_ms < 1.4);
    CHECK_INT(r.frames, 215000);
    CHECK_INT(r.dropped, 3);
    CHECK_INT(r.width, 1920);
    CHECK_STR(r.renderer, "software");
    CHECK_INT(r.items, 42);
    CHECK_INT(r.last_success, T0 - 300);
    CHECK_INT(r.offline_since, 0);
    CHECK_INT(r.cache_bytes, 123456);
    CHECK_INT(r.n_feeds, 2);
    CHECK_STR(r.feeds[1].name, "Herald \x1b[31m");
    CHECK_STR(r.feeds[1].state, "failed");
    CHECK_STR(r.feeds[1].detail, "DNS lookup failed");
    CHECK_STR(r.feeds[0].detail, NULL);
    CHECK_INT(r.feeds[0].next_poll, T0 + 300);
    CHECK_INT(r.feeds[0].items, 40);
    CHECK_INT(r.max_fetch_age, 6 * 3600);
    /* The fields the issue names are in the file under these names. */
    static const char *const fields[] = {"\"version\"",       "\"uptime\"",         "\"fps\"",
                                         "\"frame_p99_ms\"",  "\"dropped_frames\"", "\"items\"",
                                         "\"last_success\"",  "\"last_error\"",     "\"next_poll\"",
                                         "\"offline_since\"", "\"cache_bytes\""};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        CHECK_MSG(strstr(json, fields[i]) != NULL, "%s", fields[i]);
    free(json);
    health_clear(&r);
    health_clear(&h);
}

static void test_check_rules(void)
{
    static const struct {
        const char *what;
        int64_t now_offset; /* now = T0 + this */
        enum health_display display;
        int64_t last_frame_back; /* last_frame = T0 - this (-1: never) */
        int64_t success_back;    /* last_success = T0 - this (-1: never) */
        int64_t max_fetch_age;
        bool healthy;
        const char *reason; /* a word of the first reason */
    } cases[] = {
        {"all fine", 5, HEALTH_ON, 0, 300, 21600, true, NULL},
        {"stale file", 31, HEALTH_ON, 0, 300, 21600, false, "not running"},
        {"no frame for 31 s", 0, HEALTH_ON, 31, 300, 21600, false, "no frame"},
        {"paused still presents", 0, HEALTH_PAUSED, 31, 300, 21600, false, "no frame"},
        {"frame 30 s ago is fine", 0, HEALTH_ON, 30, 300, 21600, true, NULL},
        {"night: no frames expected", 0, HEALTH_NIGHT, 7200, 300, 21600, true, NULL},
        {"no fetch for 7 h", 0, HEALTH_ON, 0, 7 * 3600, 21600, false, "successful fetch"},
        {"fetch age not checked", 0, HEALTH_ON, 0, 7 * 3600, 0, true, NULL},
        {"never fetched, young", 0, HEALTH_ON, 0, -1, 21600, true, NULL},
        {"never fetched, old", 0, HEALTH_ON, 0, -1, 1800, false, "since the start"},
        {"starting too long", 0, HEALTH_STARTING, -1, 300, 21600, false, "since the start"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct health h;
        fill(&h);
        h.display = cases[i].display;
        h.last_frame = cases[i].last_frame_back < 0 ? 0 : T0 - cases[i].last_frame_back;
        h.last_success = cases[i].success_back < 0 ? 0 : T0 - cases[i].success_back;
        h.max_fetch_age = cases[i].max_fetch_age;
        struct health_problems p;
        bool ok = health_check(&h, T0 + cases[i].now_offset, &p);
        CHECK_MSG(ok == cases[i].healthy, "%s", cases[i].what);
        if (!ok && cases[i].reason)
            CHECK_MSG(p.n > 0 && strstr(p.msg[0], cases[i].reason), "%s: %s", cases[i].what,
                      p.n ? p.msg[0] : "(none)");
        health_clear(&h);
    }
}

static void test_report(void)
{
    struct health h;
    fill(&h);
    h.offline_since = T0 - 120;
    char *r = health_report(&h, T0 + 2);
    CHECK(strstr(r, "display:   on") != NULL);
    CHECK(strstr(r, "59.9 fps") != NULL);
    CHECK(strstr(r, "42 stories") != NULL);
    CHECK(strstr(r, "offline since 2 min ago") != NULL);
    CHECK(strstr(r, "DNS lookup failed") != NULL);
    CHECK(strstr(r, "healthy") != NULL);
    /* A feed name from outside never puts an escape sequence on the terminal. */
    CHECK(strchr(r, '\x1b') == NULL);
    CHECK(strstr(r, "Herald \\x1b[31m") != NULL);
    free(r);
    r = health_report(&h, T0 + 100);
    CHECK(strstr(r, "UNHEALTHY: the status was last written") != NULL);
    free(r);
    health_clear(&h);
}

static void test_bad_files(void)
{
    struct health h;
    struct error err = {0};
    const char *half = "{\"format\": 1,\n \"pid\": 12,\n \"feeds\": [";
    CHECK(!health_parse(half, strlen(half), &h, &err));
    CHECK_INT(err.line, 3);
    CHECK(strstr(err.msg, "not valid JSON") != NULL);
    error_clear(&err);
    const char *other = "{\"format\": 7}";
    CHECK(!health_parse(other, strlen(other), &h, &err));
    CHECK(strstr(err.msg, "format 1") != NULL);
    error_clear(&err);
    const char *arr = "[1,2]";
    CHECK(!health_parse(arr, strlen(arr), &h, &err));
    /* Unknown fields and missing ones are fine. */
    const char *min = "{\"format\": 1, \"future\": {\"x\": 1}}";
    CHECK(health_parse(min, strlen(min), &h, &err));
    CHECK_INT(h.max_frame_age, 30);
    CHECK_INT(h.cache_bytes, -1);
    health_clear(&h);
}

int main(void)
{
    test_round_trip();
    test_check_rules();
    test_report();
    test_bad_files();
    return check_done();
}
