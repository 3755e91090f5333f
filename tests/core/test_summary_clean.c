/*
 * Body cleaning, table-driven: each case is a text (lines of one kind), a headline, and the
 * body that must remain, written one line each with its kind in front ("P:" paragraph, "H:"
 * heading, "L:" list item, "R:" table row). Covers headings (from HTML, and by their look in
 * plain text), the headline, list items, captions, credits, bylines, advertising, page
 * furniture (share templates, calls to action, disclaimers, publication notes), and every
 * kind of tail cut (tag lists, read-more blocks, "The post ... appeared first on", a run of
 * short lines).
 */
#include "core/summary_clean.h"
#include "core/util.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

struct clean_case {
    const char *title;
    enum summary_line_kind kind; /* of every input line */
    const char *text;
    const char *want;
};

#define PLAIN SUMMARY_LINE_UNKNOWN
#define PARA  SUMMARY_LINE_PARAGRAPH

static const struct clean_case cases[] = {
    /* the headline goes; headings stay as headings, sentences as paragraphs */
    {.title = "Neue Brücke für Lindau",
     .kind = PLAIN,
     .text = "Neue Brücke für Lindau\nDie Stadt baut eine Brücke.\nKritik vom Handel\nHändler "
             "sind skeptisch.",
     .want = "P:Die Stadt baut eine Brücke.\nH:Kritik vom Handel\nP:Händler sind skeptisch."},
    /* a heading in quotes is still a heading */
    {.kind = PLAIN,
     .text = "Der Satz endet hier.\n\"Eine Nation ohne Grenzen ist keine Nation\"\nWeiter geht es.",
     .want = "P:Der Satz endet hier.\nH:\"Eine Nation ohne Grenzen ist keine Nation\"\nP:Weiter "
             "geht es."},
    /* a quoted sentence is a sentence */
    {.kind = PLAIN,
     .text = "„Wir schaffen das.“\nDas sagte sie.",
     .want = "P:„Wir schaffen das.“\nP:Das sagte sie."},
    /* the headline with the site's name */
    {.title = "Storm leaves thousands without power",
     .kind = PLAIN,
     .text = "Storm leaves thousands without power | The Harbour Gazette\nThe storm hit "
             "overnight.",
     .want = "P:The storm hit overnight."},
    /* list items stay as list items; credits go */
    {.kind = PLAIN,
     .text = "Erster Satz.\n- Punkt eins.\n• Punkt zwei.\nFoto: dpa/Archiv.\nZweiter Satz.",
     .want = "P:Erster Satz.\nL:- Punkt eins.\nL:• Punkt zwei.\nP:Zweiter Satz."},
    /* advertising lines */
    {.kind = PLAIN,
     .text = "Erster Satz.\nJetzt bestellen und 20 Prozent sparen.\nWählen Sie jetzt Ihr Paket.\n"
             "Sign up for our newsletter today.\nZweiter Satz.",
     .want = "P:Erster Satz.\nP:Zweiter Satz."},
    /* captions with a credit at their end, share templates, calls to action, disclaimers,
     * publication notes, bylines and dates */
    {.kind = PARA,
     .text = "Erster Satz.\nDer Hafen von Lindau am Abend. Foto: Max Muster/dpa\n"
             "Jemand möchte mit dir gerne den Beitrag „Neue Brücke“ teilen.\n"
             "Der Beitrag wurde am 14. März 2024 um 9:12 Uhr veröffentlicht.\n"
             "Folgen Sie uns auf Instagram!\nHaftungsausschluss: Alle Angaben ohne Gewähr.\n"
             "Von Anna Berger\nStand: 14.03.2024, 09:12 Uhr\n5 Min. Lesezeit\nZweiter Satz.",
     .want = "P:Erster Satz.\nP:Zweiter Satz."},
    {.kind = PARA,
     .text = "First sentence.\nThis article was originally published on The Conversation.\n"
             "Share on Facebook\nDisclaimer: the author owns shares in the company.\n"
             "By Mara Lindqvist\nSecond sentence.",
     .want = "P:First sentence.\nP:Second sentence."},
    /* ... but the same words inside prose are prose */
    {.kind = PARA,
     .text = "Mehr erfahren wollten die Anwohner bei der Versammlung am Dienstag im Rathaus.\n"
             "Drucken ließ der Verein die Plakate schon im Januar, sagte die Sprecherin.",
     .want = "P:Mehr erfahren wollten die Anwohner bei der Versammlung am Dienstag im Rathaus.\n"
             "P:Drucken ließ der Verein die Plakate schon im Januar, sagte die Sprecherin."},
    /* tails */
    {.kind = PLAIN,
     .text = "Erster Satz.\n- Themen:\n- #Wahlen\nDanach nichts mehr.",
     .want = "P:Erster Satz."},
    {.kind = PLAIN,
     .text = "Erster Satz.\nSchlagworte: Politik, Wahl\nDanach nichts mehr.",
     .want = "P:Erster Satz."},
    {.kind = PLAIN,
     .text = "Erster Satz.\nMehr zum Thema\nNoch ein Artikel mit Satz.",
     .want = "P:Erster Satz."},
    {.kind = PLAIN,
     .text = "Erster Satz.\nLesen Sie auch: Was Pendler wissen müssen\nRest.",
     .want = "P:Erster Satz."},
    {.kind = PLAIN,
     .text = "First sentence.\nRead more: What commuters need to know.\nRest.",
     .want = "P:First sentence."},
    {.kind = PLAIN,
     .text = "First sentence.\nRelated\nAnother story here.",
     .want = "P:First sentence."},
    {.kind = PLAIN,
     .text = "First sentence.\nTags: politics, weather\nRest.",
     .want = "P:First sentence."},
    {.kind = PLAIN,
     .text = "First sentence.\nThe post Storm hits coast appeared first on Gazette.\nRest.",
     .want = "P:First sentence."},
    {.kind = PLAIN,
     .text = "First sentence.\nContinue reading...\nRest.",
     .want = "P:First sentence."},
    /* a run of short lines in plain text is a footer: cut, with what it had left */
    {.kind = PLAIN,
     .text = "Erster Satz.\nDominik\nKettner\n\nDieter\nBohlen\nSpäter ein Satz.",
     .want = "P:Erster Satz."},
    /* markers inside sentences are not tails */
    {.kind = PLAIN,
     .text = "Related talks broke down on Monday.\nZum Thema äußerte sich der Minister nicht.",
     .want = "P:Related talks broke down on Monday.\nP:Zum Thema äußerte sich der Minister "
             "nicht."},
    /* a tail marker before any body is only dropped, not a cut */
    {.kind = PLAIN,
     .text = "Themen:\nDer erste Satz steht hier.",
     .want = "P:Der erste Satz steht hier."},
    /* a long line without final punctuation is a paragraph, not a heading */
    {.kind = PLAIN,
     .text = "Die Regierung hat am Montag ein Paket mit zwanzig Maßnahmen vorgestellt das die "
             "Mieten in den Städten dämpfen soll",
     .want = "P:Die Regierung hat am Montag ein Paket mit zwanzig Maßnahmen vorgestellt das die "
             "Mieten in den Städten dämpfen soll"},
    /* whitespace collapses, blank lines go */
    {.kind = PLAIN,
     .text = "  Ein   Satz  mit\tLücken.  \n\n\n  Noch einer.  ",
     .want = "P:Ein Satz mit Lücken.\nP:Noch einer."},
    {.kind = PLAIN, .text = "", .want = ""},
};

/* The body as the cases write it: "K:line" per line. */
static char *render(const struct summary_body *b)
{
    static const char tags[] = {'?', 'P', 'H', 'L', 'R', 'C'};
    struct buf out = {0};
    const char *p = b->text;
    for (size_t i = 0; i < b->n_lines; i++) {
        const char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (i)
            buf_append_char(&out, '\n');
        buf_printf(&out, "%c:%.*s", b->kinds[i] < sizeof tags ? tags[b->kinds[i]] : '?', (int)l, p);
        p = e ? e + 1 : p + l;
    }
    return buf_steal(&out);
}

static void test_table(void)
{
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        const char *t = cases[i].text;
        struct summary_line lines[64];
        size_t n = 0;
        for (const char *p = t; n < ARRAY_LEN(lines);) {
            const char *e = strchr(p, '\n');
            size_t l = e ? (size_t)(e - p) : strlen(p);
            lines[n++] = (struct summary_line){p, l, cases[i].kind};
            if (!e)
                break;
            p = e + 1;
        }
        struct summary_body b;
        summary_clean_body(lines, n, cases[i].title, &b);
        char *got = render(&b);
        CHECK_MSG(!strcmp(got, cases[i].want), "case %zu (%.40s...):\n    got:  %s\n    want: %s",
                  i, t, got, cases[i].want);
        /* the text and the kinds describe the same lines */
        size_t lines_in_text = *b.text ? 1 : 0;
        for (const char *p = b.text; *p; p++)
            lines_in_text += *p == '\n';
        CHECK_MSG(lines_in_text == b.n_lines && b.len == strlen(b.text),
                  "case %zu: %zu lines, %zu kinds", i, lines_in_text, b.n_lines);
        free(got);
        summary_clean_body_free(&b);
    }
    summary_clean_body_free(NULL);
}

static void test_kinds(void)
{
    /* structured kinds from HTML decide without looking; captions go */
    static const char *const texts[] = {
        "Kurzer Absatz ohne Punkt",         "Eine Überschrift mit Punkt.",
        "Ein Listenpunkt mit Punkt.",       "Zeile 1 | 12,5 Prozent",
        "Eine Bildunterschrift mit Punkt.", "Ein echter Satz.",
    };
    static const enum summary_line_kind kinds[] = {
        SUMMARY_LINE_PARAGRAPH, SUMMARY_LINE_HEADING, SUMMARY_LINE_LIST_ITEM,
        SUMMARY_LINE_TABLE_ROW, SUMMARY_LINE_CAPTION, SUMMARY_LINE_PARAGRAPH,
    };
    struct summary_line lines[ARRAY_LEN(texts)];
    for (size_t i = 0; i < ARRAY_LEN(texts); i++)
        lines[i] = (struct summary_line){texts[i], strlen(texts[i]), kinds[i]};
    struct summary_body b;
    summary_clean_body(lines, ARRAY_LEN(lines), NULL, &b);
    char *got = render(&b);
    CHECK_STR(got, "H:Kurzer Absatz ohne Punkt\nH:Eine Überschrift mit Punkt.\n"
                   "L:Ein Listenpunkt mit Punkt.\nR:Zeile 1 | 12,5 Prozent\nP:Ein echter Satz.");
    free(got);
    summary_clean_body_free(&b);

    /* from HTML, a list of short items (ingredients) is no footer, and "Kommentare" in a
     * table row is a cell */
    static const char *const recipe[] = {"Den Teig eine Stunde ruhen lassen.",
                                         "200 g Mehl",
                                         "2 Eier",
                                         "1 Prise Salz",
                                         "100 ml Milch",
                                         "Kommentare | 3",
                                         "Danach den Teig ausrollen."};
    static const enum summary_line_kind rkinds[] = {SUMMARY_LINE_PARAGRAPH, SUMMARY_LINE_LIST_ITEM,
                                                    SUMMARY_LINE_LIST_ITEM, SUMMARY_LINE_LIST_ITEM,
                                                    SUMMARY_LINE_LIST_ITEM, SUMMARY_LINE_TABLE_ROW,
                                                    SUMMARY_LINE_PARAGRAPH};
    struct summary_line rl[ARRAY_LEN(recipe)];
    for (size_t i = 0; i < ARRAY_LEN(recipe); i++)
        rl[i] = (struct summary_line){recipe[i], strlen(recipe[i]), rkinds[i]};
    summary_clean_body(rl, ARRAY_LEN(rl), NULL, &b);
    got = render(&b);
    CHECK_STR(got, "P:Den Teig eine Stunde ruhen lassen.\nL:200 g Mehl\nL:2 Eier\nL:1 Prise Salz\n"
                   "L:100 ml Milch\nR:Kommentare | 3\nP:Danach den Teig ausrollen.");
    free(got);
    summary_clean_body_free(&b);

    static const char advert[] = "Jetzt zum Newsletter anmelden";
    static const char charge[] = "Die Polizei erstattete Anzeige gegen den Fahrer.";
    static const char themen[] = "- Themen:";
    static const char woche[] = "Themenwoche im Rathaus beginnt.";
    CHECK(summary_clean_is_advert(advert, sizeof advert - 1));
    CHECK(!summary_clean_is_advert(charge, sizeof charge - 1));
    CHECK(summary_clean_is_tail_marker(themen, sizeof themen - 1));
    CHECK(!summary_clean_is_tail_marker(woche, sizeof woche - 1));
}

int main(void)
{
    test_table();
    test_kinds();
    return check_done();
}
