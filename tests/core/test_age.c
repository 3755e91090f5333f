/* Age, clock, date and status text in German and English. */
#include "check.h"
#include "core/age.h"
#include "core/util.h"

/* 2026-11-27T14:35:00Z, a Friday. */
#define NOW INT64_C(1795790100)

static void test_civil(void)
{
    struct age_civil c;
    age_to_civil(0, 0, &c);
    CHECK(c.year == 1970 && c.month == 1 && c.day == 1 && c.weekday == 4);
    age_to_civil(NOW, 0, &c);
    CHECK(c.year == 2026 && c.month == 11 && c.day == 27 && c.hour == 14 && c.minute == 35);
    CHECK_INT(c.weekday, 5);
    age_to_civil(NOW, 3600 * 10, &c); /* past midnight local */
    CHECK(c.day == 28 && c.hour == 0 && c.weekday == 6);
    age_to_civil(951782400, 0, &c); /* 2000-02-29 */
    CHECK(c.year == 2000 && c.month == 2 && c.day == 29);
    age_to_civil(-1, 0, &c);
    CHECK(c.year == 1969 && c.month == 12 && c.day == 31 && c.hour == 23 && c.weekday == 3);
}

static void test_ago(void)
{
    static const struct {
        int64_t delta;
        const char *de, *en;
    } cases[] = {
        {-300, "gerade eben", "just now"},
        {0, "gerade eben", "just now"},
        {59, "gerade eben", "just now"},
        {60, "vor 1 Min.", "1 min ago"},
        {12 * 60 + 30, "vor 12 Min.", "12 min ago"},
        {3599, "vor 59 Min.", "59 min ago"},
        {3600, "vor 1 Std.", "1 h ago"},
        {5 * 3600 + 10, "vor 5 Std.", "5 h ago"},
        {86400, "vor 1 Tag", "1 day ago"},
        {3 * 86400, "vor 3 Tagen", "3 days ago"},
    };
    char buf[64];
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        CHECK_STR(age_ago(buf, sizeof buf, NOW, NOW - cases[i].delta, THEME_LOCALE_DE),
                  cases[i].de);
        CHECK_STR(age_ago(buf, sizeof buf, NOW, NOW - cases[i].delta, THEME_LOCALE_EN),
                  cases[i].en);
    }
}

static void test_clock_date(void)
{
    char buf[64];
    CHECK_STR(age_clock(buf, sizeof buf, NOW, 3600, true), "15:35");
    CHECK_STR(age_clock(buf, sizeof buf, NOW, 3600, false), "3:35 PM");
    CHECK_STR(age_clock(buf, sizeof buf, NOW - 14 * 3600 - 35 * 60, 0, false), "12:00 AM");
    CHECK_STR(age_clock(buf, sizeof buf, NOW - 2 * 3600 - 35 * 60, 0, false), "12:00 PM");
    CHECK_STR(age_clock(buf, sizeof buf, NOW - 5 * 3600, -5 * 3600, true), "04:35");
    CHECK_STR(age_date(buf, sizeof buf, NOW, 3600, THEME_LOCALE_DE), "Freitag, 27. November");
    CHECK_STR(age_date(buf, sizeof buf, NOW, 3600, THEME_LOCALE_EN), "Friday, 27 November");
    CHECK_STR(age_date(buf, sizeof buf, NOW - 270 * 86400, 0, THEME_LOCALE_DE),
              "Montag, 2. M\xC3\xA4rz");
}

static void test_status(void)
{
    char buf[96];
    int64_t at = NOW - 3 * 60; /* 14:32 UTC */
    CHECK_STR(age_status(buf, sizeof buf, true, 0, at, NOW, 0, THEME_LOCALE_DE, true, false),
              "Offline \xE2\x80\x93 Nachrichten von 14:32");
    CHECK_STR(age_status(buf, sizeof buf, true, 0, at, NOW, 0, THEME_LOCALE_EN, false, false),
              "Offline \xE2\x80\x93 news from 2:32 PM");
    CHECK_STR(age_status(buf, sizeof buf, false, 0, NOW, NOW, 0, THEME_LOCALE_EN, true, false),
              "Updated 14:35");
    CHECK_STR(age_status(buf, sizeof buf, false, 0, NOW, NOW, 0, THEME_LOCALE_DE, true, false),
              "Aktualisiert 14:35");
    CHECK_STR(
        age_status(buf, sizeof buf, true, 0, NOW - 86400, NOW, 0, THEME_LOCALE_DE, true, false),
        "Offline \xE2\x80\x93 Nachrichten vom 26.11., 14:35");
    CHECK_STR(
        age_status(buf, sizeof buf, true, 0, NOW - 86400, NOW, 0, THEME_LOCALE_EN, true, false),
        "Offline \xE2\x80\x93 news from 26 Nov, 14:35");
    CHECK_STR(age_status(buf, sizeof buf, true, 0, at, NOW, 0, THEME_LOCALE_DE, true, true),
              "Offline \xC2\xB7 14:32");
    CHECK_STR(age_status(buf, sizeof buf, false, 0, at, NOW, 0, THEME_LOCALE_DE, true, true),
              "Stand 14:32");
    CHECK_STR(age_status(buf, sizeof buf, false, 0, 0, NOW, 0, THEME_LOCALE_EN, true, false),
              "Connecting\xE2\x80\xA6");
    CHECK_STR(age_status(buf, sizeof buf, true, 0, 0, NOW, 0, THEME_LOCALE_DE, true, false),
              "Offline");
    /* Offline since when (the wall display knows; headless frames do not). */
    int64_t gone = NOW - 60; /* 14:34 */
    CHECK_STR(age_status(buf, sizeof buf, true, gone, at, NOW, 0, THEME_LOCALE_DE, true, false),
              "Offline seit 14:34 \xE2\x80\x93 Nachrichten von 14:32");
    CHECK_STR(age_status(buf, sizeof buf, true, gone, at, NOW, 0, THEME_LOCALE_EN, false, false),
              "Offline since 2:34 PM \xE2\x80\x93 news from 2:32 PM");
    CHECK_STR(age_status(buf, sizeof buf, true, gone, at, NOW, 0, THEME_LOCALE_DE, true, true),
              "Offline seit 14:34");
    CHECK_STR(
        age_status(buf, sizeof buf, true, NOW - 86400, 0, NOW, 0, THEME_LOCALE_DE, true, false),
        "Offline seit dem 26.11., 14:35");
    CHECK_STR(age_status(buf, sizeof buf, true, gone, 0, NOW, 0, THEME_LOCALE_EN, true, false),
              "Offline since 14:34");
    /* Online, an old offline_since means nothing. */
    CHECK_STR(age_status(buf, sizeof buf, false, gone, NOW, NOW, 0, THEME_LOCALE_EN, true, false),
              "Updated 14:35");
    CHECK_STR(age_no_news(THEME_LOCALE_DE), "Noch keine Nachrichten");
    CHECK_STR(age_no_news(THEME_LOCALE_EN), "No news yet");
}

int main(void)
{
    test_civil();
    test_ago();
    test_clock_date();
    test_status();
    return check_done();
}
