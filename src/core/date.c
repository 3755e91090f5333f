/*
 * Feed dates to Unix seconds. Two parsers, tried in order:
 *
 *  1. ISO 8601 / RFC 3339 / W3CDTF, strictly positional: YYYY, YYYY-MM, YYYY-MM-DD, then a
 *     time after 'T', 't' or a space (hh:mm, hh:mm:ss, optional .fraction or ,fraction), then
 *     an optional zone (Z, +hh:mm, +hhmm, +hh, or a zone name). The basic format YYYYMMDD and
 *     YYYYMMDDThhmmss[Z] is accepted too, and so is YYYY/MM/DD hh:mm:ss ZONE (Perforce).
 *  2. A tolerant token scanner for everything built from a month *name*: RFC 822/1123/2822,
 *     RFC 850 (06-Nov-94), asctime (Sun Nov  6 08:49:37 1994), US "Nov 6, 1994", and the
 *     same shapes with German, French, Spanish, Italian, Dutch and Portuguese names. Tokens
 *     may come in any order; numbers are told apart by shape: h:mm[:ss] is the time, a 3- or
 *     4-digit number is the year, the other number is the day (when both are short, the day
 *     comes first, as in every real form). A date without a month name is not guessed at
 *     (12/03/2019 is ambiguous) and is rejected.
 *
 * Decisions where real feeds and the RFCs leave room (tested in tests/core/test_date.c):
 *  - Day names are recognised and ignored, never checked against the date (as feedparser).
 *    "mar" is both Tuesday (fr, es, it) and March (en, es, it, pt): it is March only when no
 *    other month name is present.
 *  - Two-digit years follow RFC 2822 4.3: 00-49 are 20xx, 50-99 are 19xx; three-digit years
 *    add 1900 (also RFC 2822).
 *  - Out-of-range fields are rejected, not normalised: month 0/13, day 0 or past the month's
 *    end (Feb 29 only in leap years), hour 24 (24:00 too), minute 60, second 61. Second 60
 *    (a leap second) is accepted and counted as 59, so the date stays in its minute. A zone
 *    offset beyond +-14:00 (the widest real zone) or with minutes >= 60 is rejected.
 *  - The result must fall in 1000-01-01T00:00:00Z .. 9999-12-31T23:59:59Z (four-digit years,
 *    so date_format_rfc3339 can always write it back); earlier dates (0001-01-01 is .NET's
 *    "no date") are rejected, so the caller falls back to the first-seen time. Dates before
 *    1970 give negative seconds. date_format_rfc3339 clamps to the same range.
 *  - No zone means UTC. Zone names: UT UTC GMT Z; US EST EDT CST CDT MST MDT PST PDT AKST AKDT
 *    HST AST ADT NST NDT; Europe WET WEST BST CET CEST MET MEST MEZ MESZ WEZ WESZ EET EEST OEZ
 *    OESZ MSK; Asia-Pacific JST KST HKT SGT AWST ACST ACDT AEST AEDT NZST NZDT. IST is left
 *    out on purpose (India, Ireland and Israel all use it). GMT+1, UTC-05:00 etc. are
 *    offsets from UTC. A numeric offset wins over a name next to it ("+0200 CEST").
 *    Military single letters other than Z are taken as UTC, as RFC 2822 4.3 advises (RFC 822
 *    had their signs reversed, so their meaning is unknown).
 *  - Comments in parentheses are skipped anywhere ("(UTC)", "(Pacific Standard Time)"), so
 *    are English ordinal suffixes (1st, 22nd) and a few filler words ("12 de marzo de 2019",
 *    "um 10:00 Uhr", "le 12 mars", "às 10:00", "3rd of May 2019 at 10:00").
 *    Any other unknown word makes the date unparseable: guessing is worse than the
 *    first-seen fallback.
 *  - Input is UTF-8; names compare case-insensitively for ASCII and for the Latin-1 letters
 *    (Ä, É, Û ...). A no-break space (U+00A0) counts as a space.
 */
#include "core/date.h"

#include "core/util.h"

#include <string.h>

#define DATE_MIN_SECONDS    (-30610224000LL) /* 1000-01-01T00:00:00Z */
#define DATE_MAX_SECONDS    253402300799LL   /* 9999-12-31T23:59:59Z */
#define DATE_MAX_OFFSET_MIN (14 * 60)

/* ---- calendar arithmetic ---------------------------------------------------------------- */

/* Division rounding towards minus infinity, so dates before 1970 (and year 0) work. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date. Years are counted from March so the
 * leap day is the last day of the year; a 400-year era has exactly 146097 days.
 */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    /* Months outside 1..12 carry into the year, so any input is defined behaviour. */
    y += floor_div(m - 1, 12);
    m = m - 12 * floor_div(m - 1, 12);
    if (m <= 2)
        y -= 1;
    int64_t era = floor_div(y, 400);
    int64_t year_of_era = y - era * 400;              /* 0..399 */
    int64_t month_from_march = m > 2 ? m - 3 : m + 9; /* 0..11 */
    int64_t day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468; /* 719468: days from 0000-03-01 to 1970-01-01 */
}

static void civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    days += 719468;
    int64_t era = floor_div(days, 146097);
    int64_t day_of_era = days - era * 146097; /* 0..146096 */
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_from_march = (5 * day_of_year + 2) / 153;
    *d = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    *m = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    *y = year_of_era + era * 400 + (*m <= 2);
}

int64_t date_from_civil(int64_t y, int m, int d, int hh, int mm, int ss)
{
    return days_from_civil(y, m, d) * 86400 + (int64_t)hh * 3600 + (int64_t)mm * 60 + ss;
}

static void put_digits(char *out, int v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_format_rfc3339(int64_t t, char out[21])
{
    /* Clamped so the year always has four digits and the text always fits. */
    if (t < DATE_MIN_SECONDS)
        t = DATE_MIN_SECONDS;
    if (t > DATE_MAX_SECONDS)
        t = DATE_MAX_SECONDS;
    int64_t days = floor_div(t, 86400);
    int secs = (int)(t - days * 86400);
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    /* Digit by digit: every field is in range after the clamp, and no format warnings. */
    put_digits(out, (int)y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = 'T';
    put_digits(out + 11, secs / 3600, 2);
    out[13] = ':';
    put_digits(out + 14, secs / 60 % 60, 2);
    out[16] = ':';
    put_digits(out + 17, secs % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}

static bool is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* The fields of one parsed date before validation and conversion. */
struct date_fields {
    int64_t year;
    int month, day, hour, minute, second;
    int offset_min; /* east of UTC */
};

/* Validates every field (rejecting, never normalising) and converts to Unix seconds. */
static bool fields_to_time(const struct date_fields *f, int64_t *out)
{
    if (f->month < 1 || f->month > 12)
        return false;
    if (f->day < 1 || f->day > days_in_month(f->year, f->month))
        return false;
    if (f->hour < 0 || f->hour > 23 || f->minute < 0 || f->minute > 59 || f->second < 0 ||
        f->second > 60)
        return false;
    if (f->offset_min < -DATE_MAX_OFFSET_MIN || f->offset_min > DATE_MAX_OFFSET_MIN)
        return false;
    if (f->year < 0 || f->year > 9999)
        return false;
    int second = f->second == 60 ? 59 : f->second; /* leap second: stay in the minute */
    int64_t t = date_from_civil(f->year, f->month, f->day, f->hour, f->minute, second) -
                (int64_t)f->offset_min * 60;
    if (t < DATE_MIN_SECONDS || t > DATE_MAX_SECONDS)
        return false;
    *out = t;
    return true;
}

/* ---- names ------------------------------------------------------------------------------ */

enum word_kind {
    WORD_WEEKDAY,
    WORD_MONTH,
    WORD_MONTH_OR_WEEKDAY, /* "mar": March, or Tuesday in fr/es/it */
    WORD_ZONE,
    WORD_AM,
    WORD_PM,
    WORD_FILLER, /* "de" (12 de marzo de 2019), "um", "uhr", "at", "le", "às" ... */
};

struct date_word {
    const char *name; /* lower case, UTF-8, without a trailing '.' */
    enum word_kind kind;
    int value; /* month 1..12, or zone offset in minutes east of UTC */
};

/* Lower case as read_word() leaves them; accented forms also appear without their accents
 * because feeds often strip them. Hand-laid, several names a line, so clang-format is off. */
/* clang-format off */
static const struct date_word date_words[] = {
    /* Month names: English, German, French, Spanish, Italian, Dutch, Portuguese. */
    {"mar", WORD_MONTH_OR_WEEKDAY, 3},
    {"jan", WORD_MONTH, 1}, {"january", WORD_MONTH, 1}, {"januar", WORD_MONTH, 1},
    {"jän", WORD_MONTH, 1}, {"jänner", WORD_MONTH, 1}, {"janv", WORD_MONTH, 1},
    {"janvier", WORD_MONTH, 1}, {"ene", WORD_MONTH, 1}, {"enero", WORD_MONTH, 1},
    {"gen", WORD_MONTH, 1}, {"gennaio", WORD_MONTH, 1}, {"januari", WORD_MONTH, 1},
    {"janeiro", WORD_MONTH, 1},
    {"feb", WORD_MONTH, 2}, {"febr", WORD_MONTH, 2}, {"february", WORD_MONTH, 2},
    {"februar", WORD_MONTH, 2}, {"févr", WORD_MONTH, 2}, {"fevr", WORD_MONTH, 2},
    {"fév", WORD_MONTH, 2}, {"février", WORD_MONTH, 2}, {"fevrier", WORD_MONTH, 2},
    {"febrero", WORD_MONTH, 2}, {"febbraio", WORD_MONTH, 2}, {"februari", WORD_MONTH, 2},
    {"fev", WORD_MONTH, 2}, {"fevereiro", WORD_MONTH, 2},
    {"march", WORD_MONTH, 3}, {"mär", WORD_MONTH, 3}, {"mrz", WORD_MONTH, 3},
    {"märz", WORD_MONTH, 3}, {"maerz", WORD_MONTH, 3}, {"mars", WORD_MONTH, 3},
    {"marzo", WORD_MONTH, 3}, {"mrt", WORD_MONTH, 3}, {"maart", WORD_MONTH, 3},
    {"março", WORD_MONTH, 3}, {"marco", WORD_MONTH, 3},
    {"apr", WORD_MONTH, 4}, {"april", WORD_MONTH, 4}, {"avr", WORD_MONTH, 4},
    {"avril", WORD_MONTH, 4}, {"abr", WORD_MONTH, 4}, {"abril", WORD_MONTH, 4},
    {"aprile", WORD_MONTH, 4},
    {"may", WORD_MONTH, 5}, {"mai", WORD_MONTH, 5}, {"mayo", WORD_MONTH, 5},
    {"mag", WORD_MONTH, 5}, {"maggio", WORD_MONTH, 5}, {"mei", WORD_MONTH, 5},
    {"maio", WORD_MONTH, 5},
    {"jun", WORD_MONTH, 6}, {"june", WORD_MONTH, 6}, {"juni", WORD_MONTH, 6},
    {"juin", WORD_MONTH, 6}, {"junio", WORD_MONTH, 6}, {"giu", WORD_MONTH, 6},
    {"giugno", WORD_MONTH, 6}, {"junho", WORD_MONTH, 6},
    {"jul", WORD_MONTH, 7}, {"july", WORD_MONTH, 7}, {"juli", WORD_MONTH, 7},
    {"juil", WORD_MONTH, 7}, {"juillet", WORD_MONTH, 7}, {"julio", WORD_MONTH, 7},
    {"lug", WORD_MONTH, 7}, {"luglio", WORD_MONTH, 7}, {"julho", WORD_MONTH, 7},
    {"aug", WORD_MONTH, 8}, {"august", WORD_MONTH, 8}, {"août", WORD_MONTH, 8},
    {"aout", WORD_MONTH, 8}, {"ago", WORD_MONTH, 8}, {"agosto", WORD_MONTH, 8},
    {"augustus", WORD_MONTH, 8},
    {"sep", WORD_MONTH, 9}, {"sept", WORD_MONTH, 9}, {"september", WORD_MONTH, 9},
    {"septembre", WORD_MONTH, 9}, {"septiembre", WORD_MONTH, 9}, {"setiembre", WORD_MONTH, 9},
    {"set", WORD_MONTH, 9}, {"settembre", WORD_MONTH, 9}, {"setembro", WORD_MONTH, 9},
    {"oct", WORD_MONTH, 10}, {"october", WORD_MONTH, 10}, {"okt", WORD_MONTH, 10},
    {"oktober", WORD_MONTH, 10}, {"octobre", WORD_MONTH, 10}, {"octubre", WORD_MONTH, 10},
    {"ott", WORD_MONTH, 10}, {"ottobre", WORD_MONTH, 10}, {"out", WORD_MONTH, 10},
    {"outubro", WORD_MONTH, 10},
    {"nov", WORD_MONTH, 11}, {"november", WORD_MONTH, 11}, {"novembre", WORD_MONTH, 11},
    {"noviembre", WORD_MONTH, 11}, {"novembro", WORD_MONTH, 11},
    {"dec", WORD_MONTH, 12}, {"december", WORD_MONTH, 12}, {"dez", WORD_MONTH, 12},
    {"dezember", WORD_MONTH, 12}, {"déc", WORD_MONTH, 12}, {"décembre", WORD_MONTH, 12},
    {"decembre", WORD_MONTH, 12}, {"dic", WORD_MONTH, 12}, {"diciembre", WORD_MONTH, 12},
    {"dicembre", WORD_MONTH, 12}, {"dezembro", WORD_MONTH, 12},

    /* Day names, same languages ("mar" is above). Portuguese "-feira" is stripped first. */
    {"mon", WORD_WEEKDAY, 0}, {"tue", WORD_WEEKDAY, 0}, {"tues", WORD_WEEKDAY, 0},
    {"wed", WORD_WEEKDAY, 0}, {"thu", WORD_WEEKDAY, 0}, {"thur", WORD_WEEKDAY, 0},
    {"thurs", WORD_WEEKDAY, 0}, {"fri", WORD_WEEKDAY, 0}, {"sat", WORD_WEEKDAY, 0},
    {"sun", WORD_WEEKDAY, 0}, {"monday", WORD_WEEKDAY, 0}, {"tuesday", WORD_WEEKDAY, 0},
    {"wednesday", WORD_WEEKDAY, 0}, {"thursday", WORD_WEEKDAY, 0},
    {"friday", WORD_WEEKDAY, 0}, {"saturday", WORD_WEEKDAY, 0}, {"sunday", WORD_WEEKDAY, 0},
    {"mo", WORD_WEEKDAY, 0}, {"di", WORD_WEEKDAY, 0}, {"mi", WORD_WEEKDAY, 0},
    {"do", WORD_WEEKDAY, 0}, {"fr", WORD_WEEKDAY, 0}, {"sa", WORD_WEEKDAY, 0},
    {"so", WORD_WEEKDAY, 0}, {"montag", WORD_WEEKDAY, 0}, {"dienstag", WORD_WEEKDAY, 0},
    {"mittwoch", WORD_WEEKDAY, 0}, {"donnerstag", WORD_WEEKDAY, 0},
    {"freitag", WORD_WEEKDAY, 0}, {"samstag", WORD_WEEKDAY, 0},
    {"sonnabend", WORD_WEEKDAY, 0}, {"sonntag", WORD_WEEKDAY, 0},
    {"lun", WORD_WEEKDAY, 0}, {"mer", WORD_WEEKDAY, 0}, {"jeu", WORD_WEEKDAY, 0},
    {"ven", WORD_WEEKDAY, 0}, {"sam", WORD_WEEKDAY, 0}, {"dim", WORD_WEEKDAY, 0},
    {"lundi", WORD_WEEKDAY, 0}, {"mardi", WORD_WEEKDAY, 0}, {"mercredi", WORD_WEEKDAY, 0},
    {"jeudi", WORD_WEEKDAY, 0}, {"vendredi", WORD_WEEKDAY, 0}, {"samedi", WORD_WEEKDAY, 0},
    {"dimanche", WORD_WEEKDAY, 0},
    {"mié", WORD_WEEKDAY, 0}, {"mie", WORD_WEEKDAY, 0}, {"jue", WORD_WEEKDAY, 0},
    {"vie", WORD_WEEKDAY, 0}, {"sáb", WORD_WEEKDAY, 0}, {"sab", WORD_WEEKDAY, 0},
    {"dom", WORD_WEEKDAY, 0}, {"lunes", WORD_WEEKDAY, 0}, {"martes", WORD_WEEKDAY, 0},
    {"miércoles", WORD_WEEKDAY, 0}, {"miercoles", WORD_WEEKDAY, 0},
    {"jueves", WORD_WEEKDAY, 0}, {"viernes", WORD_WEEKDAY, 0}, {"sábado", WORD_WEEKDAY, 0},
    {"sabado", WORD_WEEKDAY, 0}, {"domingo", WORD_WEEKDAY, 0},
    {"gio", WORD_WEEKDAY, 0}, {"lunedì", WORD_WEEKDAY, 0}, {"lunedi", WORD_WEEKDAY, 0},
    {"martedì", WORD_WEEKDAY, 0}, {"martedi", WORD_WEEKDAY, 0},
    {"mercoledì", WORD_WEEKDAY, 0}, {"mercoledi", WORD_WEEKDAY, 0},
    {"giovedì", WORD_WEEKDAY, 0}, {"giovedi", WORD_WEEKDAY, 0},
    {"venerdì", WORD_WEEKDAY, 0}, {"venerdi", WORD_WEEKDAY, 0}, {"sabato", WORD_WEEKDAY, 0},
    {"domenica", WORD_WEEKDAY, 0},
    {"ma", WORD_WEEKDAY, 0}, {"wo", WORD_WEEKDAY, 0}, {"vr", WORD_WEEKDAY, 0},
    {"za", WORD_WEEKDAY, 0}, {"zo", WORD_WEEKDAY, 0}, {"maandag", WORD_WEEKDAY, 0},
    {"dinsdag", WORD_WEEKDAY, 0}, {"woensdag", WORD_WEEKDAY, 0},
    {"donderdag", WORD_WEEKDAY, 0}, {"vrijdag", WORD_WEEKDAY, 0},
    {"zaterdag", WORD_WEEKDAY, 0}, {"zondag", WORD_WEEKDAY, 0},
    {"seg", WORD_WEEKDAY, 0}, {"ter", WORD_WEEKDAY, 0}, {"qua", WORD_WEEKDAY, 0},
    {"qui", WORD_WEEKDAY, 0}, {"sex", WORD_WEEKDAY, 0}, {"segunda", WORD_WEEKDAY, 0},
    {"terça", WORD_WEEKDAY, 0}, {"terca", WORD_WEEKDAY, 0}, {"quarta", WORD_WEEKDAY, 0},
    {"quinta", WORD_WEEKDAY, 0}, {"sexta", WORD_WEEKDAY, 0},

    /* Zones, minutes east of UTC. */
    {"ut", WORD_ZONE, 0}, {"utc", WORD_ZONE, 0}, {"gmt", WORD_ZONE, 0}, {"z", WORD_ZONE, 0},
    {"est", WORD_ZONE, -300}, {"edt", WORD_ZONE, -240}, {"cst", WORD_ZONE, -360},
    {"cdt", WORD_ZONE, -300}, {"mst", WORD_ZONE, -420}, {"mdt", WORD_ZONE, -360},
    {"pst", WORD_ZONE, -480}, {"pdt", WORD_ZONE, -420}, {"akst", WORD_ZONE, -540},
    {"akdt", WORD_ZONE, -480}, {"hst", WORD_ZONE, -600}, {"ast", WORD_ZONE, -240},
    {"adt", WORD_ZONE, -180}, {"nst", WORD_ZONE, -210}, {"ndt", WORD_ZONE, -150},
    {"wet", WORD_ZONE, 0}, {"west", WORD_ZONE, 60}, {"bst", WORD_ZONE, 60},
    {"cet", WORD_ZONE, 60}, {"cest", WORD_ZONE, 120}, {"met", WORD_ZONE, 60},
    {"mest", WORD_ZONE, 120}, {"mez", WORD_ZONE, 60}, {"mesz", WORD_ZONE, 120},
    {"wez", WORD_ZONE, 0}, {"wesz", WORD_ZONE, 60}, {"eet", WORD_ZONE, 120},
    {"eest", WORD_ZONE, 180}, {"oez", WORD_ZONE, 120}, {"oesz", WORD_ZONE, 180},
    {"msk", WORD_ZONE, 180}, {"jst", WORD_ZONE, 540}, {"kst", WORD_ZONE, 540},
    {"hkt", WORD_ZONE, 480}, {"sgt", WORD_ZONE, 480}, {"awst", WORD_ZONE, 480},
    {"acst", WORD_ZONE, 570}, {"acdt", WORD_ZONE, 630}, {"aest", WORD_ZONE, 600},
    {"aedt", WORD_ZONE, 660}, {"nzst", WORD_ZONE, 720}, {"nzdt", WORD_ZONE, 780},

    {"am", WORD_AM, 0}, {"pm", WORD_PM, 0},
    {"de", WORD_FILLER, 0}, {"at", WORD_FILLER, 0}, {"um", WORD_FILLER, 0},
    {"uhr", WORD_FILLER, 0}, {"le", WORD_FILLER, 0}, {"à", WORD_FILLER, 0},
    {"el", WORD_FILLER, 0}, {"às", WORD_FILLER, 0}, {"alle", WORD_FILLER, 0},
    {"om", WORD_FILLER, 0}, {"of", WORD_FILLER, 0},
};
/* clang-format on */

#define WORD_MAX 32

/* A no-break space (C2 A0) is a space here: it arrives from &nbsp; in scraped dates. */
static size_t space_len(const unsigned char *p)
{
    if (ascii_isspace(p[0]))
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    return 0;
}

static const unsigned char *skip_space(const unsigned char *p)
{
    size_t n;
    while ((n = space_len(p)) > 0)
        p += n;
    return p;
}

static bool is_word_byte(const unsigned char *p)
{
    return ascii_isalpha(p[0]) || (p[0] >= 0x80 && space_len(p) == 0);
}

/*
 * Copies the word at p (letters and UTF-8 sequences, hyphens between letters) lower-cased
 * into w; returns the end, or NULL if longer than WORD_MAX-1. Latin-1 capitals (U+00C0 to
 * U+00DE except U+00D7) are lowered by their UTF-8 second byte, enough for ÄÉÛ and friends.
 */
static const unsigned char *read_word(const unsigned char *p, char w[WORD_MAX])
{
    size_t n = 0;
    while (is_word_byte(p) || (p[0] == '-' && ascii_isalpha(p[1]) && n > 0)) {
        if (n + 1 >= WORD_MAX)
            return NULL;
        unsigned char c = p[0];
        if (n > 0 && (unsigned char)w[n - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c += 0x20;
        w[n++] = (char)ascii_tolower(c);
        p++;
    }
    w[n] = '\0';
    /* Portuguese day names: "segunda-feira" is "segunda". */
    static const char feira[] = "-feira";
    size_t fl = sizeof(feira) - 1;
    if (n > fl && strcmp(w + n - fl, feira) == 0)
        w[n - fl] = '\0';
    return p;
}

/* A linear scan: ~300 short names, and the first-byte test keeps it near 100 ns a word,
 * small beside the rest of parsing an item. */
static const struct date_word *lookup_word(const char *w)
{
    for (size_t i = 0; i < ARRAY_LEN(date_words); i++)
        if (date_words[i].name[0] == w[0] && strcmp(date_words[i].name, w) == 0)
            return &date_words[i];
    return NULL;
}

/* Reads exactly n digits; returns the end or NULL. */
static const unsigned char *read_fixed(const unsigned char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!ascii_isdigit(p[i]))
            return NULL;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return p + n;
}

static size_t count_digits(const unsigned char *p)
{
    size_t n = 0;
    while (ascii_isdigit(p[n]))
        n++;
    return n;
}

/*
 * A numeric offset after its sign: hh, hhmm, hh:mm or h (GMT+1). Returns the end or NULL.
 * Minutes must be below 60; the overall range is checked with the other fields.
 */
static const unsigned char *read_offset(const unsigned char *p, int sign, int *out_min)
{
    size_t nd = count_digits(p);
    int h = 0, m = 0;
    if (nd == 1 || nd == 2) {
        p = read_fixed(p, (int)nd, &h);
        if (p[0] == ':' && ascii_isdigit(p[1])) {
            p = read_fixed(p + 1, 2, &m);
            if (!p || ascii_isdigit(p[0]))
                return NULL;
        }
    } else if (nd == 4) {
        p = read_fixed(p, 2, &h);
        p = read_fixed(p, 2, &m);
    } else {
        return NULL;
    }
    if (m > 59)
        return NULL;
    *out_min = sign * (h * 60 + m);
    return p;
}

/* Skips a parenthesised comment (nested allowed); an unclosed one runs to the end. */
static const unsigned char *skip_comment(const unsigned char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            if (--depth == 0)
                return p + 1;
        }
    }
    return p;
}

/* Whitespace, commas and comments that may trail any date; true if only those remain. */
static bool only_trailer(const unsigned char *p)
{
    for (;;) {
        p = skip_space(p);
        if (*p == '(')
            p = skip_comment(p);
        else if (*p == ',' || *p == ';')
            p++;
        else
            return *p == '\0';
    }
}

/* ---- ISO 8601 / RFC 3339 / W3CDTF -------------------------------------------------------- */

/* The zone after an ISO time: Z, +hh:mm, +hhmm, +hh, or a zone name after a space. */
static const unsigned char *iso_zone(const unsigned char *p, int *offset_min)
{
    const unsigned char *q = skip_space(p);
    if (*q == '+' || *q == '-')
        return read_offset(q + 1, *q == '-' ? -1 : 1, offset_min);
    if (is_word_byte(q)) {
        char w[WORD_MAX];
        const unsigned char *e = read_word(q, w);
        const struct date_word *dw = e ? lookup_word(w) : NULL;
        if (!dw || dw->kind != WORD_ZONE)
            return NULL;
        *offset_min = dw->value;
        /* GMT+1, UTC-05:00: an offset from UTC, written after the name. */
        if ((*e == '+' || *e == '-') && dw->value == 0 && ascii_isdigit(e[1]))
            return read_offset(e + 1, *e == '-' ? -1 : 1, offset_min);
        return e;
    }
    return p;
}

/* Time of day "hh:mm[:ss[.frac]]" (or hhmm[ss] when basic) after the date's separator. */
static const unsigned char *iso_time(const unsigned char *p, bool basic, struct date_fields *f)
{
    if (!(p = read_fixed(p, 2, &f->hour)))
        return NULL;
    if (!basic && *p++ != ':')
        return NULL;
    if (!(p = read_fixed(p, 2, &f->minute)))
        return NULL;
    if ((!basic && p[0] == ':') || (basic && ascii_isdigit(p[0]))) {
        if (!(p = read_fixed(p + (basic ? 0 : 1), 2, &f->second)))
            return NULL;
        if ((p[0] == '.' || p[0] == ',') && ascii_isdigit(p[1])) {
            p++;
            while (ascii_isdigit(*p))
                p++;
        }
    }
    if (ascii_isdigit(*p))
        return NULL;
    return iso_zone(p, &f->offset_min);
}

static bool parse_iso(const unsigned char *p, int64_t *out)
{
    struct date_fields f = {.month = 1, .day = 1};
    int year;
    if (!(p = read_fixed(p, 4, &year)))
        return false;
    f.year = year;
    bool basic = false;
    if (ascii_isdigit(p[0])) {
        /* Basic format: YYYYMMDD, exactly eight digits. */
        basic = true;
        if (!(p = read_fixed(p, 2, &f.month)) || !(p = read_fixed(p, 2, &f.day)))
            return false;
        if (ascii_isdigit(*p))
            return false;
    } else if (p[0] == '-' && count_digits(p + 1) == 3) {
        /* An ordinal date, YYYY-DDD: the day of the year. */
        int yday;
        if (!(p = read_fixed(p + 1, 3, &yday)) || yday < 1 || yday > (is_leap(f.year) ? 366 : 365))
            return false;
        for (f.month = 1; yday > days_in_month(f.year, f.month); f.month++)
            yday -= days_in_month(f.year, f.month);
        f.day = yday;
    } else if ((p[0] == '-' || p[0] == '/') && ascii_isdigit(p[1])) {
        /* YYYY/MM/DD (Perforce and some CMSs) is as unambiguous as the ISO form. */
        unsigned char sep = p[0];
        if (!(p = read_fixed(p + 1, 2, &f.month)) || ascii_isdigit(*p))
            return false;
        if (p[0] == sep && ascii_isdigit(p[1])) {
            if (!(p = read_fixed(p + 1, 2, &f.day)) || ascii_isdigit(*p))
                return false;
        } else {
            return only_trailer(p) && fields_to_time(&f, out); /* YYYY-MM */
        }
    } else {
        return only_trailer(p) && fields_to_time(&f, out); /* YYYY */
    }
    /* A full date; then a time after T, t or space (the latter as in SQL and RFC 3339 5.6). */
    if ((p[0] == 'T' || p[0] == 't' || p[0] == ' ') && ascii_isdigit(p[1]) && ascii_isdigit(p[2])) {
        if (!(p = iso_time(p + 1, basic, &f)))
            return false;
    }
    return only_trailer(p) && fields_to_time(&f, out);
}

/* ---- RFC 822 and friends: tokens around a month name ------------------------------------- */

struct rfc_state {
    int nums[2];       /* date numbers in order of appearance (day, year in some order) */
    int num_digits[2]; /* how many digits each had: 3-4 marks the year */
    int n_nums;
    int month;       /* from an unambiguous month name, 0 if none */
    int month_maybe; /* from "mar" */
    int n_maybe;
    bool have_time;
    int hour, minute, second;
    int ampm; /* 0 none, 1 am, 2 pm */
    bool have_offset, have_zone_name;
    int offset_min, zone_name_min;
};

/* h:mm[:ss[.frac]] with a one- or two-digit hour. */
static const unsigned char *rfc_time(const unsigned char *p, struct rfc_state *st)
{
    size_t nd = count_digits(p);
    if (nd < 1 || nd > 2)
        return NULL;
    p = read_fixed(p, (int)nd, &st->hour);
    if (*p++ != ':' || !(p = read_fixed(p, 2, &st->minute)))
        return NULL;
    st->second = 0;
    if (p[0] == ':' && ascii_isdigit(p[1])) {
        if (!(p = read_fixed(p + 1, 2, &st->second)))
            return NULL;
        if ((p[0] == '.' || p[0] == ',') && ascii_isdigit(p[1])) {
            p++;
            while (ascii_isdigit(*p))
                p++;
        }
    }
    if (ascii_isdigit(*p))
        return NULL;
    st->have_time = true;
    return p;
}

static const unsigned char *rfc_word(const unsigned char *p, struct rfc_state *st)
{
    char w[WORD_MAX];
    const unsigned char *e = read_word(p, w);
    if (!e)
        return NULL;
    const struct date_word *dw = lookup_word(w);
    if (!dw) {
        /* Military zones: one letter after the time (RFC 2822 4.3: treat as UTC). */
        if (w[1] == '\0' && st->have_time && w[0] != 'j' && !st->have_zone_name) {
            st->have_zone_name = true;
            st->zone_name_min = 0;
            return e;
        }
        return NULL;
    }
    switch (dw->kind) {
    case WORD_WEEKDAY:
    case WORD_FILLER:
        break;
    case WORD_MONTH:
        if (st->month)
            return NULL;
        st->month = dw->value;
        break;
    case WORD_MONTH_OR_WEEKDAY:
        st->month_maybe = dw->value;
        st->n_maybe++;
        break;
    case WORD_ZONE:
        if (st->have_zone_name)
            return NULL;
        st->have_zone_name = true;
        st->zone_name_min = dw->value;
        /* GMT+1, UTC-05:00, GMT+0100: an offset from UTC written onto the name. */
        if (dw->value == 0 && (*e == '+' || *e == '-') && ascii_isdigit(e[1])) {
            if (st->have_offset)
                return NULL;
            if (!(e = read_offset(e + 1, *e == '-' ? -1 : 1, &st->offset_min)))
                return NULL;
            st->have_offset = true;
        }
        break;
    case WORD_AM:
    case WORD_PM:
        if (!st->have_time || st->ampm)
            return NULL;
        st->ampm = dw->kind == WORD_AM ? 1 : 2;
        break;
    }
    return e;
}

/* English ordinal suffixes on a day: "March 1st, 2019", "June 22nd". */
static const unsigned char *skip_ordinal(const unsigned char *p)
{
    static const char *const suffixes[] = {"st", "nd", "rd", "th"};
    for (size_t i = 0; i < ARRAY_LEN(suffixes); i++)
        if (ascii_tolower(p[0]) == suffixes[i][0] && ascii_tolower(p[1]) == suffixes[i][1] &&
            !is_word_byte(p + 2))
            return p + 2;
    return p;
}

static bool parse_rfc(const unsigned char *p, int64_t *out)
{
    struct rfc_state st = {0};
    for (;;) {
        p = skip_space(p);
        if (*p == '\0')
            break;
        if (*p == '(') {
            p = skip_comment(p);
        } else if (*p == ',' || *p == '.' || *p == ';' || *p == '/') {
            p++;
        } else if ((*p == '+' || *p == '-') && ascii_isdigit(p[1]) &&
                   (*p == '+' || st.have_time || ((st.month || st.n_maybe) && st.n_nums >= 2))) {
            /* A numeric zone. A '-' before the date is complete is a separator (06-Nov-94). */
            if (st.have_offset)
                return false;
            if (!(p = read_offset(p + 1, *p == '-' ? -1 : 1, &st.offset_min)))
                return false;
            st.have_offset = true;
        } else if (*p == '-') {
            p++;
        } else if (ascii_isdigit(*p)) {
            size_t nd = count_digits(p);
            if (p[nd] == ':') {
                if (st.have_time || !(p = rfc_time(p, &st)))
                    return false;
            } else {
                if (nd > 4 || st.n_nums == 2)
                    return false;
                int v = 0;
                p = read_fixed(p, (int)nd, &v);
                st.nums[st.n_nums] = v;
                st.num_digits[st.n_nums++] = (int)nd;
                p = skip_ordinal(p);
            }
        } else if (is_word_byte(p)) {
            if (!(p = rfc_word(p, &st)))
                return false;
        } else {
            return false;
        }
    }

    struct date_fields f = {0};
    if (st.month)
        f.month = st.month;
    else if (st.n_maybe >= 1 && st.n_maybe <= 2)
        f.month = st.month_maybe; /* "mar, 12 mar 2019": the first is Tuesday */
    else
        return false;
    if (st.n_nums != 2)
        return false;
    bool long0 = st.num_digits[0] >= 3, long1 = st.num_digits[1] >= 3;
    int day, year_digits;
    if (long0 && long1)
        return false;
    if (long0) {
        f.year = st.nums[0];
        year_digits = st.num_digits[0];
        day = st.nums[1];
    } else {
        day = st.nums[0];
        f.year = st.nums[1];
        year_digits = st.num_digits[1];
    }
    if (year_digits <= 2)
        f.year += f.year < 50 ? 2000 : 1900; /* RFC 2822 4.3 */
    else if (year_digits == 3)
        f.year += 1900;
    f.day = day;
    if (st.have_time) {
        f.hour = st.hour;
        f.minute = st.minute;
        f.second = st.second;
        if (st.ampm) {
            if (f.hour > 12)
                return false;
            if (f.hour == 12)
                f.hour = 0;
            if (st.ampm == 2)
                f.hour += 12;
        }
    }
    if (st.have_offset)
        f.offset_min = st.offset_min;
    else if (st.have_zone_name)
        f.offset_min = st.zone_name_min;
    return fields_to_time(&f, out);
}

bool date_parse(const char *s, int64_t *out)
{
    if (!s)
        return false;
    const unsigned char *p = skip_space((const unsigned char *)s);
    int64_t t;
    if (ascii_isdigit(p[0]) && ascii_isdigit(p[1]) && ascii_isdigit(p[2]) && ascii_isdigit(p[3]) &&
        parse_iso(p, &t)) {
        *out = t;
        return true;
    }
    if (parse_rfc(p, &t)) {
        *out = t;
        return true;
    }
    return false;
}
