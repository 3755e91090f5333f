/*
 * Fuzzes the HTTP header parsers of core/schedule (Cache-Control, Retry-After, HTTP-date):
 * values straight from untrusted servers. The input is split at the first NUL-free line
 * break into two header values; results must stay in their documented ranges.
 */
#include "core/schedule.h"
#include "core/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    char *s = xstrndup((const char *)data, size);
    int64_t now = INT64_C(1700000000);
    int64_t ma = schedule_parse_cache_control(s);
    if (ma != SCHEDULE_NONE && (ma < 0 || ma > INT32_MAX))
        abort();
    int64_t ra = schedule_parse_retry_after(s, now);
    if (ra != SCHEDULE_NONE && (ra < 0 || ra > INT32_MAX))
        abort();
    int64_t t;
    (void)schedule_parse_http_date(s, &t);

    /* Whatever the headers said, the policy's delay stays within its bounds. */
    struct schedule_policy p = schedule_policy_default(600);
    struct schedule_state st = {0};
    struct schedule_event ev = {.success = size % 2,
                                .http_code = 200,
                                .ttl_s = SCHEDULE_NONE,
                                .max_age_s = ma,
                                .retry_after_s = ra,
                                .moved_to = s};
    struct schedule_result r = schedule_next(&p, &st, &ev, now, (uint32_t)size * 2654435761u);
    if (r.next_poll <= now || r.delay_s > SCHEDULE_MAX_RAISE_S * 11 / 10 + 1)
        abort();
    free(s);
    return 0;
}
