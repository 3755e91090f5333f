/*
 * The configuration keys of the wall display's runtime (`ticker run`), read by config_parse
 * like every other key and documented in docs/config.md:
 *
 *   "schedule": {"off": "23:00", "on": "06:30", "sat": {"off": "23:59", "on": "08:00"},
 *                "sun": "off", "dpms": true, "cec": false, "poll_scale": 4}
 *   "keys": true                               operator keys (space, arrows, r, q/Escape)
 *   "status": {"max_fetch_age": 21600}         `ticker status --check` thresholds
 *
 * Kept apart from config.c so the runtime's keys travel together: config.c only forwards the
 * three top-level keys here, with a reporter that turns a path and a message into a diagnostic
 * with line and column.
 *
 * Pure; thread-safe. struct runconf is plain data (copied by assignment).
 */
#ifndef TICKER_CORE_RUNCONF_H
#define TICKER_CORE_RUNCONF_H

#include "core/night.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cJSON;

/* Defaults (docs/config.md). */
#define RUNCONF_DEFAULT_MAX_FETCH_AGE (6 * 3600)
#define RUNCONF_MAX_FRAME_AGE         30 /* no frame for this long: unhealthy */
#define RUNCONF_STATUS_INTERVAL       10 /* the status file is replaced this often (seconds) */

struct runconf {
    struct night_schedule schedule;
    bool keys;             /* operator keys on */
    int64_t max_fetch_age; /* seconds without a successful fetch before unhealthy; 0 = never */
};

void runconf_default(struct runconf *r);

/* True for the top-level keys this module reads. */
bool runconf_is_key(const char *key);

/*
 * Reports one problem. `path` lists the object keys below the top-level key (depth entries, may
 * be 0: the top-level value itself); at_key points the message at the key rather than its
 * value. error false: a warning (an unknown key), the configuration is still used.
 */
typedef void runconf_report_fn(void *ctx, bool error, const char *const *path, size_t depth,
                               bool at_key, const char *msg);

/*
 * Reads the top-level member `key` (runconf_is_key) with value v into r. Values that are
 * wrong are reported (at least one error) and leave r's previous value for that key.
 */
void runconf_read(struct runconf *r, const char *key, const struct cJSON *v,
                  runconf_report_fn *report, void *ctx);

/* Adds "schedule" (only when one is configured), "keys" and "status" to a JSON object, in the
 * form runconf_read reads. */
void runconf_to_json(const struct runconf *r, struct cJSON *obj);

#endif
