/* The night schedule: state at a time of day per weekday, the next change, and two simulated
 * weeks walked minute by minute against the predicted changes. */
#include "check.h"
#include "core/night.h"

#include <stdlib.h>

#define H(h, m) ((h)*3600 + (m)*60)

static struct night_schedule every_day(int on_s, int off_s)
{
    struct night_schedule s;
    night_default(&s);
    s.enabled = true;
    for (int d = 0; d < 7; d++)
        s.day[d] = (struct night_day){NIGHT_DAY_TIMES, on_s, off_s};
    return s;
}

static void test_parse_time(void)
{
    static const struct {
        const char *in;
        bool ok;
        int s;
    } cases[] = {
        {"00:00", true, 0},         {"6:30", true, H(6, 30)}, {"06:30", true, H(6, 30)},
        {"23:59", true, H(23, 59)}, {"24:00", true, 86400},   {"24:01", false, 0},
        {"25:00", false, 0},        {"12:60", false, 0},      {"12:5", false, 0},
        {"12:345", false, 0},       {"123:00", false, 0},     {"", false, 0},
        {"ab:cd", false, 0},        {":30", false, 0},        {"12:30 ", false, 0},
        {" 12:30", false, 0},       {"-1:00", false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int s = -1;
        bool ok = night_parse_time(cases[i].in, &s);
        CHECK_MSG(ok == cases[i].ok, "%s", cases[i].in);
        if (ok && cases[i].ok)
            CHECK_INT(s, cases[i].s);
    }
    char buf[8];
    CHECK_STR(night_format_time(buf, sizeof buf, H(6, 5)), "06:05");
    CHECK_STR(night_format_time(buf, sizeof buf, 86400), "24:00");
    CHECK_STR(night_weekday_name(0), "sun");
    CHECK_STR(night_weekday_name(6), "sat");
    CHECK_STR(night_weekday_name(-1), "sat");
}

static void test_state_table(void)
{
    struct night_schedule overnight = every_day(H(6, 30), H(23, 0)); /* off 23:00, on 06:30 */
    struct night_schedule morning = every_day(H(7, 0), H(1, 0));     /* off 01:00, on 07:00 */
    struct night_schedule weekend = overnight;
    weekend.day[6] = (struct night_day){NIGHT_DAY_TIMES, H(8, 0), H(23, 59)}; /* sat */
    weekend.day[0] = (struct night_day){NIGHT_DAY_OFF, 0, 0};                 /* sun */
    struct night_schedule none;
    night_default(&none);
    static const struct {
        const char *what;
        int which; /* 0 overnight, 1 morning, 2 weekend, 3 none */
        int weekday, second;
        bool off;
        int64_t to_change; /* seconds, -1 never */
    } cases[] = {
        {"evening before off", 0, 1, H(22, 59), false, 60},
        {"at off", 0, 1, H(23, 0), true, H(1, 0) + H(6, 30)},
        {"after midnight", 0, 2, H(0, 0), true, H(6, 30)},
        {"a second before on", 0, 2, H(6, 30) - 1, true, 1},
        {"at on", 0, 2, H(6, 30), false, H(23, 0) - H(6, 30)},
        {"short night: before", 1, 3, H(0, 59), false, 60},
        {"short night: in it", 1, 3, H(3, 0), true, H(4, 0)},
        {"short night: after", 1, 3, H(7, 0), false, 86400 - H(7, 0) + H(1, 0)},
        {"friday night into saturday", 2, 5, H(23, 30), true, H(0, 30) + H(8, 0)},
        {"saturday evening still on", 2, 6, H(23, 0), false, H(0, 59)},
        {"saturday late off until monday", 2, 6, H(23, 59), true, 60 + 86400 + H(6, 30)},
        {"sunday all day", 2, 0, H(12, 0), true, H(12, 0) + H(6, 30)},
        {"monday morning on", 2, 1, H(6, 30), false, H(23, 0) - H(6, 30)},
        {"no schedule", 3, 3, H(3, 0), false, -1},
    };
    const struct night_schedule *sched[] = {&overnight, &morning, &weekend, &none};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct night_schedule *s = sched[cases[i].which];
        CHECK_MSG(night_is_off(s, cases[i].weekday, cases[i].second) == cases[i].off, "%s",
                  cases[i].what);
        int64_t got = night_seconds_to_change(s, cases[i].weekday, cases[i].second);
        CHECK_MSG(got == cases[i].to_change, "%s: got %lld, want %lld", cases[i].what,
                  (long long)got, (long long)cases[i].to_change);
    }
    /* Every day off: never changes, always off. */
    struct night_schedule dark = overnight;
    for (int d = 0; d < 7; d++)
        dark.day[d] = (struct night_day){NIGHT_DAY_OFF, 0, 0};
    CHECK(night_is_off(&dark, 3, H(12, 0)));
    CHECK_INT(night_seconds_to_change(&dark, 3, H(12, 0)), -1);
}

/*
 * Two weeks, minute by minute, on a schedule with a different weekend: every change of state
 * happens exactly where night_seconds_to_change said it would, and the screen is off for the
 * hours the schedule adds up to.
 */
static void test_simulated_weeks(void)
{
    struct night_schedule s = every_day(H(6, 30), H(23, 0));
    s.day[6] = (struct night_day){NIGHT_DAY_TIMES, H(9, 0), H(1, 30)}; /* sat: off 01:30-09:00 */
    s.day[0] = (struct night_day){NIGHT_DAY_OFF, 0, 0};
    int64_t step = 60, total = 14 * 86400;
    int weekday0 = 3; /* start on a Wednesday at midnight */
    bool prev = night_is_off(&s, weekday0, 0);
    int64_t predicted = night_seconds_to_change(&s, weekday0, 0);
    int changes = 0;
    int64_t off_seconds = 0;
    for (int64_t t = 0; t < total; t += step) {
        int wd = (int)((weekday0 + t / 86400) % 7);
        int sec = (int)(t % 86400);
        bool off = night_is_off(&s, wd, sec);
        if (off)
            off_seconds += step;
        if (off != prev) {
            changes++;
            CHECK_MSG(predicted == t, "change at %lld, predicted %lld", (long long)t,
                      (long long)predicted);
            prev = off;
            /* Each prediction is made once, at a change, and must hold until the next one
             * (across midnights and the weekend). */
            int64_t d = night_seconds_to_change(&s, wd, sec);
            predicted = d < 0 ? -1 : t + d;
        }
    }
    /* Per calendar day: Mon-Fri 00:00-06:30 and 23:00-24:00 (7.5 h), Sat 01:30-09:00 (7.5 h),
     * Sun all day. */
    CHECK_INT(off_seconds, 2 * (6 * H(7, 30) + 86400));
    /* Per week: Mon-Fri on and off (10), Sat on at midnight, off at 01:30, on at 09:00 (3),
     * off at Sunday's midnight (1); Monday's midnight joins Sunday's night. */
    CHECK_INT(changes, 28);
}

int main(void)
{
    test_parse_time();
    test_state_table();
    test_simulated_weeks();
    return check_done();
}
