/*
 * Feed dates to Unix time (docs/architecture.md "Feeds"): RFC 822/1123 and their many real-world
 * deviations, RFC 3339 / W3CDTF / ISO 8601, asctime, and day and month names in German,
 * French, Spanish, Italian, Dutch and Portuguese, with named time zones.
 *
 * Pure and thread-safe; reads no clock. A date without a zone is taken as UTC.
 */
#ifndef TICKER_CORE_DATE_H
#define TICKER_CORE_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parses s (NUL-terminated, surrounding whitespace allowed). On success stores seconds since
 * 1970-01-01T00:00:00Z in *out and returns true. Returns false for anything it does not
 * recognise and for out-of-range fields (month 13, day 32, hour 25, Feb 30 ...), which are
 * rejected, never normalised.
 */
bool date_parse(const char *s, int64_t *out);

/* Formats t as RFC 3339 UTC, "2004-01-01T19:48:21Z", into out (at least 21 bytes). */
void date_format_rfc3339(int64_t t, char out[21]);

/* Days-from-civil arithmetic without the C library's time zone state: y-m-d h:m:s UTC to
 * Unix seconds. Fields are not range-checked here. */
int64_t date_from_civil(int64_t y, int m, int d, int hh, int mm, int ss);

#endif
