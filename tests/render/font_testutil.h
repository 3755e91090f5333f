/*
 * Helpers shared by the render tests that depend on this machine's fonts: asking fontconfig
 * (independently of the code under test) whether any installed font covers a character, and
 * counting checks skipped because it does not. A skipped check is reported, never passed.
 */
#ifndef TICKER_TESTS_FONT_TESTUTIL_H
#define TICKER_TESTS_FONT_TESTUTIL_H

#include <fontconfig/fontconfig.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

static int skipped;

static inline void skip(const char *what)
{
    skipped++;
    printf("SKIP: %s\n", what);
}

/* Prints how many checks were skipped, if any; call before check_done(). */
static inline void report_skips(void)
{
    if (skipped)
        printf("%d checks SKIPPED (fonts not installed)\n", skipped);
}

/* Is any font on this machine covering cp? Asked of fontconfig directly. */
static inline bool installed_font_has(uint32_t cp)
{
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcObjectSet *os = FcObjectSetBuild(FC_FILE, NULL);
    FcFontSet *set = FcFontList(cfg, pat, os);
    bool has = set && set->nfont > 0;
    if (set)
        FcFontSetDestroy(set);
    FcObjectSetDestroy(os);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    FcConfigDestroy(cfg);
    return has;
}

#endif
