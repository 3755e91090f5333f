/*
 * The test harness: table-driven tests call CHECK* and finish with check_done(), which prints
 * "N passed, N failed" and returns the exit status. A failed check prints the file, line and
 * both values, and the test goes on so one run shows every failure.
 *
 * Table-driven tests name the row they are checking, so a failure says which one broke:
 *
 *     for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
 *         check_case("cases[%zu] \"%s\"", i, cases[i].in);
 *         CHECK_STR(got, cases[i].want);
 *         ...
 *     }
 *     check_case_end();
 *
 * prints under each failing check "    in cases[3] "Prof. Dr. Weber""; check_case_end()
 * (or the next check_case) clears it. Text from the row is printed as C escapes where it is
 * not printable, so a control character shows as \x1b rather than acting on the terminal.
 *
 * Rows with more than three fields use designated initialisers ({.in = ..., .want = ...}),
 * and a row's expectations must be able to fail on an empty result (compare with the wanted
 * value, not only "the two runs agree").
 */
#ifndef TICKER_TESTS_CHECK_H
#define TICKER_TESTS_CHECK_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;
static char check_case_text[512];

/* Names the row the following checks are about (printf format). */
static inline void check_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void check_case(const char *fmt, ...)
{
    char raw[sizeof check_case_text];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)raw; *p && o + 5 < sizeof check_case_text;
         p++) {
        if (*p < 0x20 || *p == 0x7f)
            o += (size_t)snprintf(check_case_text + o, sizeof check_case_text - o, "\\x%02x", *p);
        else
            check_case_text[o++] = (char)*p;
    }
    check_case_text[o] = '\0';
}

/* The checks that follow belong to no row. */
static inline void check_case_end(void)
{
    check_case_text[0] = '\0';
}

/* Counts a failure and prints the current row, if one is named. */
static inline void check_fail_note(void)
{
    check_failed++;
    if (check_case_text[0])
        fprintf(stderr, "    in %s\n", check_case_text);
}

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);               \
            check_fail_note();                                                                     \
        }                                                                                          \
    } while (0)

#define CHECK_MSG(cond, ...)                                                                       \
    do {                                                                                           \
        if (cond) {                                                                                \
            check_passed++;                                                                        \
        } else {                                                                                   \
            fprintf(stderr, "%s:%d: CHECK(%s) failed: ", __FILE__, __LINE__, #cond);               \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            check_fail_note();                                                                     \
        }                                                                                          \
    } while (0)

/* NULL-safe string equality; NULL equals only NULL. */
#define CHECK_STR(got, want)                                                                       \
    do {                                                                                           \
        const char *g_ = (got), *w_ = (want);                                                      \
        if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) {                     \
            check_passed++;                                                                        \
        } else {                                                                                   \
            fprintf(stderr, "%s:%d: %s\n    got:  %s%s%s\n    want: %s%s%s\n", __FILE__, __LINE__, \
                    #got, g_ ? "\"" : "", g_ ? g_ : "NULL", g_ ? "\"" : "", w_ ? "\"" : "",        \
                    w_ ? w_ : "NULL", w_ ? "\"" : "");                                             \
            check_fail_note();                                                                     \
        }                                                                                          \
    } while (0)

#define CHECK_INT(got, want)                                                                       \
    do {                                                                                           \
        long long g_ = (long long)(got), w_ = (long long)(want);                                   \
        if (g_ == w_) {                                                                            \
            check_passed++;                                                                        \
        } else {                                                                                   \
            fprintf(stderr, "%s:%d: %s: got %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
            check_fail_note();                                                                     \
        }                                                                                          \
    } while (0)

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
