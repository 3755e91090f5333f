/*
 * Human time text for the screen: the age of a story ("vor 12 Min." / "12 min ago"), the clock
 * ("14:35" / "2:35 PM"), the date under it, and the status line ("Offline – Nachrichten von
 * 14:32" / "Updated 14:35"). German and English.
 *
 * Pure: the current time and the local UTC offset are arguments (the app layer reads the clock
 * and the time zone). Every function writes a NUL-terminated string into out (truncated to
 * out_len) and returns out. Thread-safe.
 */
#ifndef TICKER_CORE_AGE_H
#define TICKER_CORE_AGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/theme.h"

/* How long ago t was at now (both Unix seconds). A t in the future reads as "just now". */
char *age_ago(char *out, size_t out_len, int64_t now, int64_t t, enum theme_locale loc);

/* Local wall-clock time of t: "14:35", or "2:35 PM" on a 12-hour clock. */
char *age_clock(char *out, size_t out_len, int64_t t, int utc_offset_s, bool clock_24h);

/* Local date of t: "Freitag, 27. November" / "Friday, 27 November". */
char *age_date(char *out, size_t out_len, int64_t t, int utc_offset_s, enum theme_locale loc);

/*
 * The status line. offline: the last fetch cycle reached no feed; offline_since: Unix seconds
 * since when no feed was reachable (0 = unknown); last_success: Unix seconds of the last
 * successful fetch, 0 = never. A time not today (local) gets its date as well.
 * "Offline seit 14:32 – Nachrichten von 12:05" / "Offline since 14:32 – news from 12:05";
 * without offline_since "Offline – Nachrichten von 12:05".
 * compact: a short form for small status boxes ("Offline seit 14:32" / "Stand 14:35").
 */
char *age_status(char *out, size_t out_len, bool offline, int64_t offline_since,
                 int64_t last_success, int64_t now, int utc_offset_s, enum theme_locale loc,
                 bool clock_24h, bool compact);

/* "Noch keine Nachrichten" / "No news yet": what the screen says before the first story. */
const char *age_no_news(enum theme_locale loc);

/* Splits Unix seconds plus an offset into local civil fields (proleptic Gregorian). */
struct age_civil {
    int64_t year;
    int month, day, hour, minute, second;
    int weekday; /* 0 = Sunday */
};
void age_to_civil(int64_t t, int utc_offset_s, struct age_civil *c);

#endif
