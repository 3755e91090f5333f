/*
 * The night schedule. A day's state is a function of the second of that day alone, so the next
 * change is found by looking at the day boundaries and each day's on/off times, in order, for
 * the next eight days (a week plus the rest of today).
 */
#include "core/night.h"

#include <stdio.h>

static const char *const weekday_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

void night_default(struct night_schedule *s)
{
    *s = (struct night_schedule){.enabled = false, .dpms = true, .poll_scale = 4};
    for (int d = 0; d < 7; d++)
        s->day[d] = (struct night_day){.kind = NIGHT_DAY_ON};
}

static bool day_is_off(const struct night_day *d, int second)
{
    switch (d->kind) {
    case NIGHT_DAY_ON:
        return false;
    case NIGHT_DAY_OFF:
        return true;
    case NIGHT_DAY_TIMES:
        break;
    }
    if (d->on_s < d->off_s)
        return !(second >= d->on_s && second < d->off_s);
    return second >= d->off_s && second < d->on_s;
}

static int norm_weekday(int weekday)
{
    return ((weekday % 7) + 7) % 7;
}

bool night_is_off(const struct night_schedule *s, int weekday, int second)
{
    if (!s->enabled)
        return false;
    if (second < 0)
        second = 0;
    if (second >= NIGHT_DAY_SECONDS)
        second = NIGHT_DAY_SECONDS - 1;
    return day_is_off(&s->day[norm_weekday(weekday)], second);
}

int64_t night_seconds_to_change(const struct night_schedule *s, int weekday, int second)
{
    if (!s->enabled)
        return -1;
    weekday = norm_weekday(weekday);
    bool now_off = night_is_off(s, weekday, second);
    for (int k = 0; k <= 8; k++) {
        const struct night_day *d = &s->day[(weekday + k) % 7];
        /* Candidate instants of day k, in order: its start, then its on/off times. */
        int cand[3] = {0, NIGHT_DAY_SECONDS, NIGHT_DAY_SECONDS};
        if (d->kind == NIGHT_DAY_TIMES) {
            cand[1] = d->on_s < d->off_s ? d->on_s : d->off_s;
            cand[2] = d->on_s < d->off_s ? d->off_s : d->on_s;
        }
        for (int i = 0; i < 3; i++) {
            if (cand[i] >= NIGHT_DAY_SECONDS)
                continue;
            int64_t at = (int64_t)k * NIGHT_DAY_SECONDS + cand[i];
            if (at <= second)
                continue;
            if (day_is_off(d, cand[i]) != now_off)
                return at - second;
        }
    }
    return -1;
}

bool night_parse_time(const char *s, int *seconds)
{
    if (!s)
        return false;
    /* Exactly H:MM or HH:MM, digits only. */
    int h = 0, m = 0, i = 0, nd = 0;
    while (s[i] >= '0' && s[i] <= '9' && nd < 2) {
        h = h * 10 + (s[i] - '0');
        i++;
        nd++;
    }
    if (nd == 0 || s[i] != ':')
        return false;
    i++;
    if (!(s[i] >= '0' && s[i] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 2])
        return false;
    m = (s[i] - '0') * 10 + (s[i + 1] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return false;
    *seconds = h * 3600 + m * 60;
    return true;
}

char *night_format_time(char *out, size_t out_len, int seconds)
{
    if (seconds < 0)
        seconds = 0;
    snprintf(out, out_len, "%02d:%02d", seconds / 3600, seconds % 3600 / 60);
    return out;
}

const char *night_weekday_name(int weekday)
{
    return weekday_names[norm_weekday(weekday)];
}
