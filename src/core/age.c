/*
 * Time text. Civil dates come from days-since-epoch arithmetic (Howard Hinnant's well-known
 * civil_from_days algorithm, re-derived here), not from localtime(), so the core needs no time
 * zone state and the output depends only on the arguments.
 */
#include "core/age.h"

#include <stdio.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

void age_to_civil(int64_t t, int utc_offset_s, struct age_civil *c)
{
    int64_t s = t + utc_offset_s;
    int64_t days = floor_div(s, 86400);
    int64_t rem = s - days * 86400;
    c->hour = (int)(rem / 3600);
    c->minute = (int)(rem % 3600 / 60);
    c->second = (int)(rem % 60);
    c->weekday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday (4) */
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    c->year = yoe + era * 400 + (c->month <= 2);
}

char *age_ago(char *out, size_t out_len, int64_t now, int64_t t, enum theme_locale loc)
{
    int64_t d = now - t;
    bool de = loc == THEME_LOCALE_DE;
    if (d < 60) {
        snprintf(out, out_len, "%s", de ? "gerade eben" : "just now");
    } else if (d < 3600) {
        long n = (long)(d / 60);
        snprintf(out, out_len, de ? "vor %ld Min." : "%ld min ago", n);
    } else if (d < 86400) {
        long n = (long)(d / 3600);
        snprintf(out, out_len, de ? "vor %ld Std." : "%ld h ago", n);
    } else {
        long n = (long)(d / 86400);
        if (de)
            snprintf(out, out_len, n == 1 ? "vor %ld Tag" : "vor %ld Tagen", n);
        else
            snprintf(out, out_len, n == 1 ? "%ld day ago" : "%ld days ago", n);
    }
    return out;
}

char *age_clock(char *out, size_t out_len, int64_t t, int utc_offset_s, bool clock_24h)
{
    struct age_civil c;
    age_to_civil(t, utc_offset_s, &c);
    if (clock_24h) {
        snprintf(out, out_len, "%02d:%02d", c.hour, c.minute);
    } else {
        int h12 = c.hour % 12 ? c.hour % 12 : 12;
        snprintf(out, out_len, "%d:%02d %s", h12, c.minute, c.hour < 12 ? "AM" : "PM");
    }
    return out;
}

static const char *const month_de[12] = {"Januar",    "Februar", "M\xC3\xA4rz", "April",
                                         "Mai",       "Juni",    "Juli",        "August",
                                         "September", "Oktober", "November",    "Dezember"};
static const char *const month_en[12] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
static const char *const day_de[7] = {"Sonntag",    "Montag",  "Dienstag", "Mittwoch",
                                      "Donnerstag", "Freitag", "Samstag"};
static const char *const day_en[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                      "Thursday", "Friday", "Saturday"};

char *age_date(char *out, size_t out_len, int64_t t, int utc_offset_s, enum theme_locale loc)
{
    struct age_civil c;
    age_to_civil(t, utc_offset_s, &c);
    if (loc == THEME_LOCALE_DE)
        snprintf(out, out_len, "%s, %d. %s", day_de[c.weekday], c.day, month_de[c.month - 1]);
    else
        snprintf(out, out_len, "%s, %d %s", day_en[c.weekday], c.day, month_en[c.month - 1]);
    return out;
}

/* "14:32" when when is on now's local day, else "26.11., 14:32" / "26 Nov, 14:32". */
static void when_text(char *out, size_t out_len, int64_t when, int64_t now, int off,
                      enum theme_locale loc, bool h24, bool *other_day)
{
    struct age_civil a, b;
    age_to_civil(when, off, &a);
    age_to_civil(now, off, &b);
    char clock[16];
    age_clock(clock, sizeof clock, when, off, h24);
    *other_day = a.year != b.year || a.month != b.month || a.day != b.day;
    if (!*other_day)
        snprintf(out, out_len, "%s", clock);
    else if (loc == THEME_LOCALE_DE)
        snprintf(out, out_len, "%d.%d., %s", a.day, a.month, clock);
    else
        snprintf(out, out_len, "%d %.3s, %s", a.day, month_en[a.month - 1], clock);
}

char *age_status(char *out, size_t out_len, bool offline, int64_t offline_since,
                 int64_t last_success, int64_t now, int utc_offset_s, enum theme_locale loc,
                 bool clock_24h, bool compact)
{
    bool de = loc == THEME_LOCALE_DE;
    char since[80] = "";
    if (offline && offline_since > 0) {
        bool od;
        char t[48];
        when_text(t, sizeof t, offline_since, now, utc_offset_s, loc, clock_24h, &od);
        if (de)
            snprintf(since, sizeof since, "Offline seit %s%s", od ? "dem " : "", t);
        else
            snprintf(since, sizeof since, "Offline since %s", t);
    }
    if (since[0] && (compact || last_success <= 0)) {
        snprintf(out, out_len, "%s", since);
        return out;
    }
    if (last_success <= 0) {
        if (offline)
            snprintf(out, out_len, "%s", "Offline");
        else
            snprintf(out, out_len, "%s", de ? "Verbinde \xE2\x80\xA6" : "Connecting\xE2\x80\xA6");
        return out;
    }
    char when[48];
    bool other_day;
    when_text(when, sizeof when, last_success, now, utc_offset_s, loc, clock_24h, &other_day);
    if (compact) {
        if (offline)
            snprintf(out, out_len, "Offline \xC2\xB7 %s", when);
        else
            snprintf(out, out_len, de ? "Stand %s" : "Updated %s", when);
    } else if (offline && since[0]) {
        if (de)
            snprintf(out, out_len, "%s \xE2\x80\x93 Nachrichten %s %s", since,
                     other_day ? "vom" : "von", when);
        else
            snprintf(out, out_len, "%s \xE2\x80\x93 news from %s", since, when);
    } else if (offline) {
        /* U+2013 en dash, as a typesetter would write it. */
        if (de)
            snprintf(out, out_len, "Offline \xE2\x80\x93 Nachrichten %s %s",
                     other_day ? "vom" : "von", when);
        else
            snprintf(out, out_len, "Offline \xE2\x80\x93 news from %s", when);
    } else {
        if (de)
            snprintf(out, out_len, "Aktualisiert %s%s", other_day ? "am " : "", when);
        else
            snprintf(out, out_len, "Updated %s", when);
    }
    return out;
}

const char *age_no_news(enum theme_locale loc)
{
    return loc == THEME_LOCALE_DE ? "Noch keine Nachrichten" : "No news yet";
}
