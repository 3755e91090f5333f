/*
 * Body cleaning, table-driven: each case is a text (lines as blocks of unknown kind), a
 * headline, and the body that must remain. Covers headings (by their look), the headline,
 * list items, credits, advertising lines, and every kind of tail cut (tag lists, read-more
 * blocks, "The post ... appeared first on", a run of short lines).
 */
#include "core/summary_clean.h"
#include "core/util.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

struct clean_case {
    const char *title;
    const char *text;
    const char *want;
};

static const struct clean_case cases[] = {
    /* headline and headings go, sentences stay */
    {"Neue Brücke für Lindau",
     "Neue Brücke für Lindau\nDie Stadt baut eine Brücke.\nKritik vom Handel\nHändler sind "
     "skeptisch.",
     "Die Stadt baut eine Brücke.\nHändler sind skeptisch."},
    /* a heading in quotes is still a heading */
    {NULL, "Der Satz endet hier.\n\"Eine Nation ohne Grenzen ist keine Nation\"\nWeiter geht es.",
     "Der Satz endet hier.\nWeiter geht es."},
    /* a quoted sentence is a sentence */
    {NULL, "„Wir schaffen das.“\nDas sagte sie.", "„Wir schaffen das.“\nDas sagte sie."},
    /* the headline with the site's name */
    {"Storm leaves thousands without power",
     "Storm leaves thousands without power | The Harbour Gazette\nThe storm hit overnight.",
     "The storm hit overnight."},
    /* list items and credits */
    {NULL, "Erster Satz.\n- Punkt eins.\n• Punkt zwei.\nFoto: dpa/Archiv.\nZweiter Satz.",
     "Erster Satz.\nZweiter Satz."},
    /* advertising lines */
    {NULL,
     "Erster Satz.\nJetzt bestellen und 20 Prozent sparen.\nWählen Sie jetzt Ihr Paket.\n"
     "Sign up for our newsletter today.\nZweiter Satz.",
     "Erster Satz.\nZweiter Satz."},
    /* tails */
    {NULL, "Erster Satz.\n- Themen:\n- #Wahlen\nDanach nichts mehr.", "Erster Satz."},
    {NULL, "Erster Satz.\nSchlagworte: Politik, Wahl\nDanach nichts mehr.", "Erster Satz."},
    {NULL, "Erster Satz.\nMehr zum Thema\nNoch ein Artikel mit Satz.", "Erster Satz."},
    {NULL, "Erster Satz.\nLesen Sie auch: Was Pendler wissen müssen\nRest.", "Erster Satz."},
    {NULL, "First sentence.\nRead more: What commuters need to know.\nRest.", "First sentence."},
    {NULL, "First sentence.\nRelated\nAnother story here.", "First sentence."},
    {NULL, "First sentence.\nTags: politics, weather\nRest.", "First sentence."},
    {NULL, "First sentence.\nThe post Storm hits coast appeared first on Gazette.\nRest.",
     "First sentence."},
    {NULL, "First sentence.\nContinue reading...\nRest.", "First sentence."},
    {NULL, "Erster Satz.\nDominik\nKettner\n\nDieter\nBohlen\nSpäter ein Satz.", "Erster Satz."},
    /* markers inside sentences are not tails */
    {NULL, "Related talks broke down on Monday.\nZum Thema äußerte sich der Minister nicht.",
     "Related talks broke down on Monday.\nZum Thema äußerte sich der Minister nicht."},
    /* a tail marker before any body is only dropped, not a cut */
    {NULL, "Themen:\nDer erste Satz steht hier.", "Der erste Satz steht hier."},
    /* a long line without final punctuation is a paragraph, not a heading */
    {NULL,
     "Die Regierung hat am Montag ein Paket mit zwanzig Maßnahmen vorgestellt das die Mieten "
     "in den Städten dämpfen soll",
     "Die Regierung hat am Montag ein Paket mit zwanzig Maßnahmen vorgestellt das die Mieten "
     "in den Städten dämpfen soll"},
    /* whitespace collapses, blank lines go */
    {NULL, "  Ein   Satz  mit\tLücken.  \n\n\n  Noch einer.  ",
     "Ein Satz mit Lücken.\nNoch einer."},
    {NULL, "", ""},
};

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *t = cases[i].text;
        struct summary_line lines[64];
        size_t n = 0;
        for (const char *p = t; n < ARRAY_LEN(lines);) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            lines[n++] = (struct summary_line){p, l, SUMMARY_LINE_UNKNOWN};
            if (!e)
                break;
            p = e + 1;
        }
        char *got = summary_clean_body(lines, n, cases[i].title);
        CHECK_STR(got, cases[i].want);
        free(got);
    }
}

static void test_kinds(void)
{
    /* structured kinds from HTML decide without looking */
    struct summary_line lines[] = {
        {"Kurzer Absatz ohne Punkt", 24, SUMMARY_LINE_PARAGRAPH},
        {"Eine Überschrift mit Punkt.", 27, SUMMARY_LINE_HEADING},
        {"Ein Listenpunkt mit Punkt.", 26, SUMMARY_LINE_LIST_ITEM},
        {"Eine Bildunterschrift mit Punkt.", 32, SUMMARY_LINE_OTHER},
        {"Ein echter Satz.", 16, SUMMARY_LINE_PARAGRAPH},
    };
    char *got = summary_clean_body(lines, ARRAY_LEN(lines), NULL);
    CHECK_STR(got, "Ein echter Satz.");
    free(got);
    CHECK(summary_clean_is_advert("Jetzt zum Newsletter anmelden", 29));
    CHECK(!summary_clean_is_advert("Die Polizei erstattete Anzeige gegen den Fahrer.", 48));
    CHECK(summary_clean_is_tail_marker("- Themen:", 9));
    CHECK(!summary_clean_is_tail_marker("Themenwoche im Rathaus beginnt.", 31));
}

int main(void)
{
    test_table();
    test_kinds();
    return check_done();
}
