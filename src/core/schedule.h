/*
 * When to poll a feed next (docs/fetch.md, "The schedule"): a pure policy over what the last
 * poll saw.
 *
 * - Success (200, 304, a local file): wait the largest of the configured interval, the RSS
 *   <ttl>, the Cache-Control max-age and any Retry-After.
 * - Failure (transport error, 4xx other than 410, 5xx, a body that is not a feed): back off
 *   exponentially, 1, 2, 4 ... minutes (base and cap configurable, default cap 60 minutes),
 *   never sooner than a Retry-After. A failure may come sooner than the configured interval:
 *   a feed that was down a minute should be back on screen quickly.
 * - 410 Gone: stop polling (next poll SCHEDULE_NEVER).
 * - A permanent redirect (301, and 308, its method-preserving twin, RFC 7538) to the same
 *   target on three consecutive polls: the stored URL becomes the target.
 * - Every delay gets +-10% jitter from a random value the caller supplies, so a wall of
 *   kiosks restarted together does not poll in step. Jitter never takes a delay below a
 *   Retry-After, and never takes a backoff beyond its cap.
 * - Values a server sends (max-age, Retry-After, ttl) raise the delay at most to
 *   SCHEDULE_MAX_RAISE_S: a typo on the server does not silence a feed for a year.
 *
 * Also parses the two HTTP headers the policy needs (Cache-Control, Retry-After).
 * Pure, reads no clock (now is an argument), thread-safe.
 */
#ifndef TICKER_CORE_SCHEDULE_H
#define TICKER_CORE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* next_poll of a feed that is never polled again (410 Gone). */
#define SCHEDULE_NEVER INT64_MAX
/* The most any server-supplied value can push a poll out: one day. */
#define SCHEDULE_MAX_RAISE_S (24 * 3600)
/* "Not given" for the optional seconds fields below. */
#define SCHEDULE_NONE (-1)
/* Consecutive permanent redirects to one target before the stored URL changes. */
#define SCHEDULE_MOVED_POLLS 3

struct schedule_policy {
    int64_t interval_s;     /* configured poll interval, > 0 */
    int64_t backoff_base_s; /* first retry after a failure (default 60) */
    int64_t backoff_cap_s;  /* longest backoff (default 3600) */
    int jitter_pct;         /* +- percent of each delay (default 10); 0 disables */
};

/* The defaults above, for an interval. */
struct schedule_policy schedule_policy_default(int64_t interval_s);

/* What one poll saw. */
struct schedule_event {
    bool success;          /* a usable answer: 200 with a feed, 304, a readable local file */
    int http_code;         /* final HTTP status, 0 when none (transport error, file) */
    int64_t ttl_s;         /* RSS <ttl> in seconds, or SCHEDULE_NONE */
    int64_t max_age_s;     /* Cache-Control max-age, or SCHEDULE_NONE */
    int64_t retry_after_s; /* Retry-After as seconds from now, or SCHEDULE_NONE */
    /* The first hop was a permanent redirect (301/308, possibly followed by more permanent
     * hops): where the last permanent hop pointed. NULL when the first hop was not one. */
    const char *moved_to;
};

/* What the store keeps per feed between polls. */
struct schedule_state {
    int error_count;         /* consecutive failed polls */
    bool gone;               /* 410 seen: never polled again */
    int moved_count;         /* consecutive polls redirected permanently to moved_target */
    char moved_target[2048]; /* "" when moved_count is 0 */
};

/* The decision for the next poll. */
struct schedule_result {
    int64_t next_poll; /* Unix seconds, or SCHEDULE_NEVER */
    int64_t delay_s;   /* next_poll - now (0 for SCHEDULE_NEVER) */
    bool update_url;   /* store state->moved_target as the feed's URL now */
};

/*
 * Applies one poll's event to `state` (updated in place) and returns when to poll next.
 * `rnd` is any uniformly random 32-bit value (the jitter source; tests pass fixed ones).
 * When update_url is set, state->moved_target holds the new URL and the caller must copy it
 * before the next call (the streak is reset on the following poll).
 */
struct schedule_result schedule_next(const struct schedule_policy *p, struct schedule_state *state,
                                     const struct schedule_event *ev, int64_t now, uint32_t rnd);

/* The backoff before retry number n (n >= 1 consecutive failures): base * 2^(n-1), capped. */
int64_t schedule_backoff(const struct schedule_policy *p, int n);

/* delay +- jitter_pct% (integer seconds), the offset chosen uniformly by rnd. */
int64_t schedule_jitter(int64_t delay, int jitter_pct, uint32_t rnd);

/*
 * Cache-Control header value -> max-age in seconds (delta-seconds; quoted form accepted),
 * or SCHEDULE_NONE when absent or malformed. "no-store"/"no-cache" give SCHEDULE_NONE too:
 * they say nothing about how long to wait. Huge values saturate at INT32_MAX.
 */
int64_t schedule_parse_cache_control(const char *value);

/*
 * Retry-After header value (delta-seconds or an HTTP-date: IMF-fixdate, RFC 850 or asctime,
 * RFC 9110 section 10.2.3) -> seconds from now, 0 for a date in the past, SCHEDULE_NONE when
 * absent or malformed.
 */
int64_t schedule_parse_retry_after(const char *value, int64_t now);

/* An HTTP-date (the three formats above) -> Unix seconds; false when malformed. */
bool schedule_parse_http_date(const char *s, int64_t *out);

#endif
