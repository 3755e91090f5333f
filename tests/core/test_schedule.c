/* Tests for core/schedule: the poll policy and the Cache-Control / Retry-After parsers. */
#include "check.h"
#include "core/schedule.h"
#include "core/util.h"

#include <stdint.h>

#define NONE SCHEDULE_NONE
#define NOW  INT64_C(1700000000)

static void test_cache_control(void)
{
    static const struct {
        const char *in;
        int64_t want;
    } cases[] = {
        {"max-age=300", 300},
        {"public, max-age=600", 600},
        {"MAX-AGE=60, must-revalidate", 60},
        {"max-age=\"120\"", 120},
        {"private=\"a, max-age=5\", max-age=90", 90},
        {"s-maxage=50", NONE},
        {"no-cache", NONE},
        {"no-store, max-age=0", 0},
        {"max-age=", NONE},
        {"max-age=abc", NONE},
        {"max-age=12abc", NONE},
        {"max-age=\"12", NONE},
        {"max-age=99999999999999999999", INT32_MAX},
        {"", NONE},
        {" , ,max-age = 30", 30},
        {NULL, NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(schedule_parse_cache_control(cases[i].in) == cases[i].want, "case %zu: %s", i,
                  cases[i].in ? cases[i].in : "NULL");
}

static void test_http_date(void)
{
    /* 1994-11-06T08:49:37Z, the RFC's own example instant, in all three formats. */
    static const struct {
        const char *in;
        bool ok;
        int64_t want;
    } cases[] = {
        {"Sun, 06 Nov 1994 08:49:37 GMT", true, 784111777},
        {"Sunday, 06-Nov-94 08:49:37 GMT", true, 784111777},
        {"Sun Nov  6 08:49:37 1994", true, 784111777},
        {"Thu, 29 Feb 2024 00:00:00 GMT", true, 1709164800},
        {"Fri, 01 Jan 2100 12:00:00 GMT", true, 4102488000},
        {"Thu, 30 Feb 2024 00:00:00 GMT", false, 0},
        {"Sun, 06 Nov 1994 24:00:00 GMT", false, 0},
        {"Sun, 06 Nov 1994 08:49:37 +0100", false, 0},
        {"Sun, 6 Nov 1994 08:49:37 GMT", false, 0},
        {"Sun, 06 Foo 1994 08:49:37 GMT", false, 0},
        {"2024-01-01T00:00:00Z", false, 0},
        {"", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t t = 0;
        bool ok = schedule_parse_http_date(cases[i].in, &t);
        CHECK_MSG(ok == cases[i].ok, "case %zu: %s", i, cases[i].in);
        if (ok && cases[i].ok)
            CHECK_MSG(t == cases[i].want, "case %zu: %s -> %lld", i, cases[i].in, (long long)t);
    }
}

static void test_retry_after(void)
{
    static const struct {
        const char *in;
        int64_t want;
    } cases[] = {
        {"120", 120},
        {" 0 ", 0},
        {"-5", NONE},
        {"12s", NONE},
        {"1e3", NONE},
        {"Wed, 15 Nov 2023 00:13:20 GMT", 7200}, /* NOW + 2 h */
        {"Tue, 14 Nov 2023 22:13:20 GMT", 0},    /* NOW: not in the future */
        {"Mon, 13 Nov 2023 00:00:00 GMT", 0},    /* in the past */
        {"soon", NONE},
        {NULL, NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_MSG(schedule_parse_retry_after(cases[i].in, NOW) == cases[i].want, "case %zu: %s", i,
                  cases[i].in ? cases[i].in : "NULL");
}

static void test_backoff_and_jitter(void)
{
    struct schedule_policy p = schedule_policy_default(900);
    static const int64_t want[] = {60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (int n = 1; n <= 9; n++)
        CHECK_INT(schedule_backoff(&p, n), want[n - 1]);
    CHECK_INT(schedule_backoff(&p, 1000), 3600);

    /* Jitter spans exactly +-10%: the lowest and highest random values reach the ends. */
    CHECK_INT(schedule_jitter(1000, 10, 0), 900);
    CHECK_INT(schedule_jitter(1000, 10, UINT32_MAX), 1100);
    CHECK_INT(schedule_jitter(1000, 10, UINT32_MAX / 2), 1000);
    CHECK_INT(schedule_jitter(1000, 0, 12345), 1000);
    for (uint32_t r = 0; r < 4000000000u; r += 7919 * 1013) {
        int64_t d = schedule_jitter(600, 10, r);
        CHECK_MSG(d >= 540 && d <= 660, "jitter %u -> %lld", r, (long long)d);
    }
}

struct step {
    bool success;
    int code;
    int64_t ttl, max_age, retry_after;
    const char *moved_to;
    int64_t lo, hi; /* next_poll - NOW bounds, or SCHEDULE_NEVER in both */
    int errors;     /* error_count afterwards */
    bool update_url;
};

/* Each sequence starts from a fresh state; steps apply in order, all at NOW. */
static void run_sequence(const char *name, int64_t interval, const struct step *steps, size_t n)
{
    struct schedule_policy p = schedule_policy_default(interval);
    struct schedule_state st = {0};
    static const uint32_t rnds[] = {0, UINT32_MAX, 0x80000000u};
    for (size_t i = 0; i < n; i++) {
        const struct step *s = &steps[i];
        struct schedule_event ev = {
            .success = s->success,
            .http_code = s->code,
            .ttl_s = s->ttl,
            .max_age_s = s->max_age,
            .retry_after_s = s->retry_after,
            .moved_to = s->moved_to,
        };
        /* Try every jitter extreme on a copy; the real state advances with the last one. */
        for (size_t k = 0; k < ARRAY_LEN(rnds); k++) {
            struct schedule_state copy = st;
            struct schedule_result r = schedule_next(&p, &copy, &ev, NOW, rnds[k]);
            if (s->lo == SCHEDULE_NEVER) {
                CHECK_MSG(r.next_poll == SCHEDULE_NEVER, "%s step %zu", name, i);
            } else {
                int64_t d = r.next_poll - NOW;
                CHECK_MSG(d >= s->lo && d <= s->hi,
                          "%s step %zu rnd %zu: delay %lld not in "
                          "[%lld, %lld]",
                          name, i, k, (long long)d, (long long)s->lo, (long long)s->hi);
            }
            CHECK_MSG(copy.error_count == s->errors, "%s step %zu: errors %d want %d", name, i,
                      copy.error_count, s->errors);
            CHECK_MSG(r.update_url == s->update_url, "%s step %zu: update_url", name, i);
            if (k == ARRAY_LEN(rnds) - 1)
                st = copy;
        }
    }
}

#define SEQ(name, interval, ...)                                                                   \
    do {                                                                                           \
        static const struct step steps_[] = {__VA_ARGS__};                                         \
        run_sequence(name, interval, steps_, ARRAY_LEN(steps_));                                   \
    } while (0)

static void test_policy(void)
{
    /* success: the configured interval +-10% */
    SEQ("plain", 900, {true, 200, NONE, NONE, NONE, NULL, 810, 990, 0, false},
        {true, 304, NONE, NONE, NONE, NULL, 810, 990, 0, false});
    /* the largest of interval, ttl, max-age, Retry-After wins */
    SEQ("raises", 600, {true, 200, 1800, NONE, NONE, NULL, 1620, 1980, 0, false},
        {true, 200, 60, 3000, NONE, NULL, 2700, 3300, 0, false},
        {true, 304, NONE, 300, NONE, NULL, 540, 660, 0, false},
        {true, 200, 1200, 2400, 7200, NULL, 7200, 7920, 0, false},
        /* a server value beyond a day raises only to a day */
        {true, 200, NONE, 999999999, NONE, NULL, 77760, 95040, 0, false});
    /* failures back off 1, 2, 4 ... minutes up to 60, whatever the interval; success resets */
    SEQ("backoff", 900, {false, 500, NONE, NONE, NONE, NULL, 54, 66, 1, false},
        {false, 0, NONE, NONE, NONE, NULL, 108, 132, 2, false},
        {false, 503, NONE, NONE, NONE, NULL, 216, 264, 3, false},
        {false, 404, NONE, NONE, NONE, NULL, 432, 528, 4, false},
        {false, 500, NONE, NONE, NONE, NULL, 864, 1056, 5, false},
        {false, 500, NONE, NONE, NONE, NULL, 1728, 2112, 6, false},
        {false, 500, NONE, NONE, NONE, NULL, 3240, 3600, 7, false},
        {false, 500, NONE, NONE, NONE, NULL, 3240, 3600, 8, false},
        {true, 200, NONE, NONE, NONE, NULL, 810, 990, 0, false},
        {false, 500, NONE, NONE, NONE, NULL, 54, 66, 1, false});
    /* 429/503 with Retry-After: never sooner than asked, even below the backoff's jitter */
    SEQ("retry-after", 900, {false, 429, NONE, NONE, 120, NULL, 120, 120, 1, false},
        {false, 503, NONE, NONE, 30, NULL, 108, 132, 2, false},
        {false, 429, NONE, NONE, 7200, NULL, 7200, 7200, 3, false});
    /* 410 stops polling, for good */
    SEQ("gone", 900, {true, 200, NONE, NONE, NONE, NULL, 810, 990, 0, false},
        {false, 410, NONE, NONE, NONE, NULL, SCHEDULE_NEVER, SCHEDULE_NEVER, 1, false},
        {true, 200, NONE, NONE, NONE, NULL, SCHEDULE_NEVER, SCHEDULE_NEVER, 1, false});
    /* a 301 to the same place on three consecutive polls moves the feed */
    SEQ("moved", 900, {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, true},
        {true, 200, NONE, NONE, NONE, NULL, 810, 990, 0, false});
    /* interrupted streaks (a poll without the redirect, another target) start over */
    SEQ("moved-broken", 900, {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {true, 304, NONE, NONE, NONE, NULL, 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://c/feed", 810, 990, 0, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, false},
        {false, 500, NONE, NONE, NONE, "http://b/feed", 54, 66, 1, false},
        {true, 200, NONE, NONE, NONE, "http://b/feed", 810, 990, 0, true});
}

int main(void)
{
    test_cache_control();
    test_http_date();
    test_retry_after();
    test_backoff_and_jitter();
    test_policy();
    return check_done();
}
