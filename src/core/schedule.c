/*
 * The poll policy (see schedule.h for the rules). All arithmetic is in whole seconds on
 * int64_t; server-supplied numbers are saturated before they take part, so no header value can
 * overflow a sum. The HTTP-date parser is a small one of our own rather than core/date's
 * general feed-date parser: RFC 9110 allows exactly three fixed formats here, and a recipient
 * should reject anything else instead of guessing.
 */
#include "core/schedule.h"
#include "core/util.h"

#include <string.h>

struct schedule_policy schedule_policy_default(int64_t interval_s)
{
    struct schedule_policy p = {
        .interval_s = interval_s,
        .backoff_base_s = 60,
        .backoff_cap_s = 3600,
        .jitter_pct = 10,
    };
    return p;
}

int64_t schedule_backoff(const struct schedule_policy *p, int n)
{
    int64_t base = p->backoff_base_s > 0 ? p->backoff_base_s : 1;
    int64_t cap = p->backoff_cap_s > 0 ? p->backoff_cap_s : base;
    if (n < 1)
        n = 1;
    int64_t d = base;
    for (int i = 1; i < n && d < cap; i++)
        d *= 2;
    return d < cap ? d : cap;
}

int64_t schedule_jitter(int64_t delay, int jitter_pct, uint32_t rnd)
{
    if (delay <= 0 || jitter_pct <= 0)
        return delay;
    if (jitter_pct > 100)
        jitter_pct = 100;
    int64_t range = delay * jitter_pct / 100; /* delay <= a few days: no overflow */
    /* rnd scaled onto 0 .. 2*range without modulo bias worth speaking of. */
    uint64_t span = (uint64_t)(2 * range + 1);
    int64_t off = (int64_t)(((uint64_t)rnd * span) >> 32) - range;
    return delay + off;
}

static int64_t raise_of(int64_t v)
{
    if (v == SCHEDULE_NONE || v < 0)
        return 0;
    return v < SCHEDULE_MAX_RAISE_S ? v : SCHEDULE_MAX_RAISE_S;
}

static void note_redirect(struct schedule_state *st, const char *moved_to, bool *update)
{
    *update = false;
    if (!moved_to || !*moved_to || strlen(moved_to) >= sizeof st->moved_target) {
        st->moved_count = 0;
        st->moved_target[0] = '\0';
        return;
    }
    if (st->moved_count > 0 && strcmp(st->moved_target, moved_to) == 0) {
        st->moved_count++;
    } else {
        st->moved_count = 1;
        memcpy(st->moved_target, moved_to, strlen(moved_to) + 1);
    }
    if (st->moved_count >= SCHEDULE_MOVED_POLLS) {
        *update = true;
        /* The caller now polls the target itself; a fresh streak starts from zero. */
        st->moved_count = 0;
    }
}

struct schedule_result schedule_next(const struct schedule_policy *p, struct schedule_state *state,
                                     const struct schedule_event *ev, int64_t now, uint32_t rnd)
{
    struct schedule_result r = {0};
    note_redirect(state, ev->moved_to, &r.update_url);

    if (state->gone || ev->http_code == 410) {
        if (!state->gone)
            state->error_count++;
        state->gone = true;
        r.next_poll = SCHEDULE_NEVER;
        r.delay_s = 0;
        return r;
    }

    int64_t retry = raise_of(ev->retry_after_s);
    int64_t delay;
    if (ev->success) {
        state->error_count = 0;
        delay = p->interval_s > 0 ? p->interval_s : 1;
        int64_t raises[] = {raise_of(ev->ttl_s), raise_of(ev->max_age_s), retry};
        for (size_t i = 0; i < ARRAY_LEN(raises); i++)
            if (raises[i] > delay)
                delay = raises[i];
        delay = schedule_jitter(delay, p->jitter_pct, rnd);
    } else {
        if (state->error_count < 1000000)
            state->error_count++;
        int64_t cap = p->backoff_cap_s > 0 ? p->backoff_cap_s : INT64_MAX;
        delay = schedule_jitter(schedule_backoff(p, state->error_count), p->jitter_pct, rnd);
        if (delay > cap)
            delay = cap;
    }
    if (delay < retry)
        delay = retry;
    if (delay < 1)
        delay = 1;
    r.delay_s = delay;
    r.next_poll = now + delay;
    return r;
}

/* ---- header parsing ---- */

static const char *skip_ows(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Digits at *ps -> value saturated at INT32_MAX; false when there are none. */
static bool parse_uint_sat(const char **ps, int64_t *out)
{
    const char *s = *ps;
    if (!ascii_isdigit((unsigned char)*s))
        return false;
    int64_t v = 0;
    while (ascii_isdigit((unsigned char)*s)) {
        if (v < INT32_MAX)
            v = v * 10 + (*s - '0');
        s++;
    }
    *out = v < INT32_MAX ? v : INT32_MAX;
    *ps = s;
    return true;
}

int64_t schedule_parse_cache_control(const char *value)
{
    if (!value)
        return SCHEDULE_NONE;
    const char *s = value;
    for (;;) {
        /* One directive: name [ "=" ( token / quoted-string ) ], then up to the next comma
         * outside quotes. */
        s = skip_ows(s);
        const char *name = s;
        while (*s && *s != '=' && *s != ',' && *s != ' ' && *s != '\t')
            s++;
        bool is_max_age = s - name == 7 && ascii_strncasecmp(name, "max-age", 7) == 0;
        s = skip_ows(s);
        if (is_max_age) {
            if (*s != '=')
                return SCHEDULE_NONE;
            s = skip_ows(s + 1);
            bool quoted = *s == '"';
            if (quoted)
                s++;
            int64_t v;
            if (!parse_uint_sat(&s, &v))
                return SCHEDULE_NONE;
            if (quoted && *s++ != '"')
                return SCHEDULE_NONE;
            s = skip_ows(s);
            /* A malformed max-age is ignored, as RFC 9111 section 4.2.1 asks. */
            return (*s == ',' || *s == '\0') ? v : SCHEDULE_NONE;
        }
        bool inq = false;
        while (*s && (inq || *s != ',')) {
            if (*s == '"')
                inq = !inq;
            else if (*s == '\\' && inq && s[1])
                s++;
            s++;
        }
        if (!*s)
            return SCHEDULE_NONE;
        s++;
    }
}

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

static int parse_month(const char **ps)
{
    const char *s = *ps;
    for (int m = 0; m < 12; m++) {
        if (ascii_strncasecmp(s, month_names[m], 3) == 0 && !ascii_isalpha((unsigned char)s[3])) {
            *ps = s + 3;
            return m + 1;
        }
    }
    return 0;
}

/* Exactly n digits (n = 0: one or two). */
static bool parse_digits(const char **ps, int n, int *out)
{
    const char *s = *ps;
    int v = 0, count = 0;
    int max = n ? n : 2;
    while (count < max && ascii_isdigit((unsigned char)*s)) {
        v = v * 10 + (*s - '0');
        s++;
        count++;
    }
    if (count == 0 || (n && count != n) || ascii_isdigit((unsigned char)*s))
        return false;
    *out = v;
    *ps = s;
    return true;
}

static bool parse_hms(const char **ps, int *h, int *m, int *sec)
{
    const char *s = *ps;
    if (!parse_digits(&s, 2, h) || *s++ != ':' || !parse_digits(&s, 2, m) || *s++ != ':' ||
        !parse_digits(&s, 2, sec))
        return false;
    *ps = s;
    return true;
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Howard Hinnant's days-from-civil algorithm (a published fact about the calendar). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool schedule_parse_http_date(const char *str, int64_t *out)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!str)
        return false;
    const char *s = skip_ows(str);
    /* Day name: three letters (IMF-fixdate, asctime) or a full name (RFC 850). */
    const char *name = s;
    while (ascii_isalpha((unsigned char)*s))
        s++;
    if (s - name < 3)
        return false;
    int day = 0, mon = 0, year = 0, h = 0, mi = 0, sec = 0;
    if (*s == ',') {
        s = skip_ows(s + 1);
        if (!parse_digits(&s, 2, &day))
            return false;
        if (*s == ' ') { /* IMF-fixdate: 06 Nov 1994 08:49:37 GMT */
            s++;
            if (!(mon = parse_month(&s)) || *s++ != ' ' || !parse_digits(&s, 4, &year))
                return false;
        } else if (*s == '-') { /* RFC 850: 06-Nov-94 08:49:37 GMT */
            s++;
            if (!(mon = parse_month(&s)) || *s++ != '-' || !parse_digits(&s, 2, &year))
                return false;
            /* RFC 9110: a two-digit year more than 50 years ahead is in the past century;
             * without a clock, pivot at 70 (feeds did not exist in 1969). */
            year += year < 70 ? 2000 : 1900;
        } else {
            return false;
        }
        if (*s++ != ' ' || !parse_hms(&s, &h, &mi, &sec) || *s++ != ' ')
            return false;
        if (strncmp(s, "GMT", 3) != 0 && strncmp(s, "UTC", 3) != 0)
            return false;
        s += 3;
    } else if (*s == ' ') { /* asctime: Sun Nov  6 08:49:37 1994 */
        s++;
        if (!(mon = parse_month(&s)) || *s++ != ' ')
            return false;
        if (*s == ' ')
            s++;
        if (!parse_digits(&s, 0, &day) || *s++ != ' ' || !parse_hms(&s, &h, &mi, &sec) ||
            *s++ != ' ' || !parse_digits(&s, 4, &year))
            return false;
    } else {
        return false;
    }
    if (*skip_ows(s) != '\0')
        return false;
    int dim = mdays[mon - 1] + (mon == 2 && is_leap(year));
    if (day < 1 || day > dim || h > 23 || mi > 59 || sec > 60)
        return false;
    *out = days_from_civil(year, mon, day) * 86400 + h * 3600 + mi * 60 + sec;
    return true;
}

int64_t schedule_parse_retry_after(const char *value, int64_t now)
{
    if (!value)
        return SCHEDULE_NONE;
    const char *s = skip_ows(value);
    if (ascii_isdigit((unsigned char)*s)) {
        int64_t v;
        parse_uint_sat(&s, &v);
        return *skip_ows(s) == '\0' ? v : SCHEDULE_NONE;
    }
    int64_t t;
    if (!schedule_parse_http_date(s, &t))
        return SCHEDULE_NONE;
    if (t <= now)
        return 0;
    int64_t d = t - now;
    return d < INT32_MAX ? d : INT32_MAX;
}
