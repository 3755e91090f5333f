/*
 * The night schedule (docs/display.md, "Night schedule"): when the wall display is switched
 * off. Each calendar day has an "on" and an "off" time of day:
 *
 *   on < off   the screen is on from `on` until `off` ("on": "06:30", "off": "23:00");
 *   off < on   the screen is off from `off` until `on` and on for the rest of the day
 *              ("off": "01:00", "on": "07:00": a short night after midnight).
 *
 * So the common "off 23:00, on 06:30" means off from 23:00 to midnight and from midnight to
 * 06:30, which joins into one night with the next day's morning. A day may instead be on or
 * off all day. Times are local wall-clock times with minute precision; "24:00" is the end of
 * the day.
 *
 * Pure: the caller converts the clock to a local weekday and second of the day (so daylight
 * saving time is the caller's, who re-asks at least every minute). Thread-safe.
 */
#ifndef TICKER_CORE_NIGHT_H
#define TICKER_CORE_NIGHT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NIGHT_DAY_SECONDS 86400

enum night_day_kind {
    NIGHT_DAY_TIMES, /* on_s / off_s apply */
    NIGHT_DAY_ON,    /* on all day */
    NIGHT_DAY_OFF,   /* off all day */
};

struct night_day {
    enum night_day_kind kind;
    int on_s, off_s; /* seconds of the local day, 0..86400, on_s != off_s */
};

struct night_schedule {
    bool enabled;            /* false: the screen is always on (no "schedule" configured) */
    struct night_day day[7]; /* 0 = Sunday ... 6 = Saturday */
    bool dpms;               /* switch the display itself off where the platform allows */
    bool cec;                /* also send HDMI-CEC standby and power-on (libcec, if installed) */
    int poll_scale;          /* feeds are polled this many times less often while off (>= 1) */
};

/* No schedule: always on, DPMS and a poll scale of 4 ready for when one is configured. */
void night_default(struct night_schedule *s);

/* Is the screen off on local `weekday` (0 = Sunday) at `second` of that day (0..86399)? */
bool night_is_off(const struct night_schedule *s, int weekday, int second);

/*
 * Seconds from (weekday, second) until the state changes, looking up to eight days ahead;
 * -1 when it never changes (no schedule, or every day on or every day off).
 */
int64_t night_seconds_to_change(const struct night_schedule *s, int weekday, int second);

/* "HH:MM" (00:00 to 24:00) -> seconds of the day; false for anything else. */
bool night_parse_time(const char *s, int *seconds);

/* Seconds of the day -> "HH:MM" into out (at least 6 bytes). */
char *night_format_time(char *out, size_t out_len, int seconds);

/* "sun", "mon", ... "sat" for 0..6. */
const char *night_weekday_name(int weekday);

#endif
