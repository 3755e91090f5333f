/*
 * Article main-text extraction: boilerplate removal by element and by class/id token (English
 * and German), container scoring, block kinds, title and language, charsets (HTTP label,
 * <meta charset>, windows-1252 fallback), fragments, and hostile input (deep nesting, no body,
 * garbage).
 */
#include "core/extract.h"
#include "core/html.h"
#include "core/text.h"
#include "core/util.h"

#include "check.h"

#include <stdlib.h>
#include <string.h>

static bool has(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* The text of the first block of a kind, or NULL. */
static char *block_of(const struct extract_result *r, enum extract_block_kind kind, size_t nth)
{
    for (size_t i = 0; i < r->n_blocks; i++)
        if (r->blocks[i].kind == kind && nth-- == 0)
            return xstrndup(r->text + r->blocks[i].start, r->blocks[i].len);
    return NULL;
}

static const char page[] =
    "<!DOCTYPE html><html lang=\"de-DE\"><head><meta charset=\"utf-8\">"
    "<title>Neue Brücke | Seeblatt</title>"
    "<meta property=\"og:title\" content=\"Neue Brücke für Lindau\">"
    "<script>var tracking = 'Dieser Text ist ein Skript.';</script>"
    "<style>p { color: red }</style></head><body>"
    "<header><nav><ul><li><a href=\"/\">Startseite</a></li><li><a href=\"/p\">Politik</a>"
    "</li></ul></nav></header>"
    "<div id=\"cookie-layer\"><p>Wir verwenden Cookies, um unsere Website für Sie zu "
    "verbessern, und bitten um Ihre Zustimmung.</p></div>"
    "<div class=\"layout\"><div class=\"main-column\">"
    "<div class=\"article-text\">"
    "<h1>Neue Brücke für Lindau</h1>"
    "<p class=\"article-teaser\">Die Stadt Lindau baut eine neue Brücke über den Hafen, "
    "wie der Stadtrat am Dienstag beschloss.</p>"
    "<div class=\"shareBar\"><a href=\"#\">Teilen auf Facebook</a></div>"
    "<p>Die Brücke soll 2027 fertig sein und rund 12 Mio. Euro kosten, teilte die "
    "Verwaltung mit.</p>"
    "<h2>Händler sind skeptisch</h2>"
    "<p>Händler in der Altstadt fürchten, dass während der Bauzeit weniger Kunden kommen, "
    "und fordern Hilfen.</p>"
    "<ul><li>Baubeginn im Mai</li><li>Bauzeit zwei Jahre</li></ul>"
    "<div class=\"werbung\"><p>Anzeige: Günstige Kredite für Ihr Eigenheim, jetzt vergleichen "
    "und sparen.</p></div>"
    "<figure><img src=\"a.jpg\"><figcaption>Der Hafen von Lindau am Abend.</figcaption>"
    "</figure>"
    "<p>Der Stadtrat hatte lange über die Finanzierung gestritten, am Ende stimmte eine "
    "große Mehrheit zu.</p>"
    "</div>"
    "<div class=\"related-articles\"><h3>Mehr zum Thema</h3><p>Radwege in Bayern werden "
    "ausgebaut, das Land gibt dafür in diesem Jahr mehr Geld aus als je zuvor.</p></div>"
    "<div id=\"kommentare\"><p>Endlich passiert etwas, das hätte man schon vor Jahren "
    "machen sollen, finde ich.</p></div>"
    "</div><aside><p>Meistgelesen: Das Wetter am Wochenende wird sonnig, sagen die "
    "Meteorologen voraus.</p></aside></div>"
    "<footer><p>Impressum, Datenschutz, Kontakt</p></footer>"
    "<div class=\"newsletter-signup\"><p>Unser Newsletter bringt Ihnen jeden Morgen die "
    "wichtigsten Nachrichten.</p></div>"
    "</body></html>";

static void test_page(void)
{
    struct extract_result r;
    struct error err = {0};
    CHECK(extract_article(page, sizeof page - 1, NULL, &r, &err));
    CHECK_STR(err.msg, "");
    CHECK_STR(r.title, "Neue Brücke für Lindau");
    CHECK_STR(r.lang, "de");
    CHECK_STR(r.encoding, "UTF-8");
    static const char *const want[] = {
        ("Die Stadt Lindau baut eine neue Brücke über den Hafen, wie der Stadtrat am Dienstag "
         "beschloss."),
        "Die Brücke soll 2027 fertig sein und rund 12 Mio. Euro kosten",
        "Händler in der Altstadt fürchten",
        "Der Stadtrat hatte lange über die Finanzierung gestritten",
    };
    for (size_t i = 0; i < ARRAY_LEN(want); i++)
        CHECK_MSG(has(r.text, want[i]), "missing '%s' in:\n%s", want[i], r.text);
    static const char *const never[] = {
        "Skript",
        "color",
        "Startseite",
        "Cookies",
        "Teilen auf Facebook",
        "Anzeige",
        "Radwege in Bayern",
        "Endlich passiert",
        "Meistgelesen",
        "Impressum",
        "Newsletter",
    };
    for (size_t i = 0; i < ARRAY_LEN(never); i++)
        CHECK_MSG(!has(r.text, never[i]), "has '%s'", never[i]);
    /* kinds: headings and list items are marked, paragraphs in document order */
    char *h = block_of(&r, EXTRACT_HEADING, 0);
    CHECK_STR(h, "Neue Brücke für Lindau");
    free(h);
    h = block_of(&r, EXTRACT_HEADING, 1);
    CHECK_STR(h, "Händler sind skeptisch");
    free(h);
    char *li = block_of(&r, EXTRACT_LIST_ITEM, 1);
    CHECK_STR(li, "Bauzeit zwei Jahre");
    free(li);
    char *p0 = block_of(&r, EXTRACT_PARAGRAPH, 0);
    CHECK(p0 && !strncmp(p0, "Die Stadt Lindau", 16));
    free(p0);
    char *cap = block_of(&r, EXTRACT_CAPTION, 0);
    CHECK_STR(cap, "Der Hafen von Lindau am Abend.");
    free(cap);
    /* blocks cover the text line by line */
    size_t lines = 1;
    for (const char *p = r.text; *p; p++)
        lines += *p == '\n';
    CHECK_INT(r.n_blocks, lines);
    extract_result_free(&r);
    extract_result_free(NULL);
}

/* A sibling block of reader comments without a telling class name scores like text; its
 * heading ("Leserstimmen") keeps it out. */
static void test_unmarked_comments(void)
{
    const char p[] =
        "<html><body><div class=\"wrap\"><div class=\"article\"><h1>Neue Brücke</h1>"
        "<p>Die Stadt Lindau baut bis 2027 eine neue Fahrradbrücke über den Hafen, die Altstadt "
        "und Festland verbinden soll.</p><p>Der Stadtrat stimmte am Dienstag mit großer Mehrheit "
        "für das Projekt, das rund 12 Mio. Euro kosten wird.</p><p>Händler in der Altstadt "
        "befürchten während der Bauzeit weniger Kundschaft, die Stadt verspricht Hilfe.</p></div>"
        "<div class=\"voices\"><h3>Leserstimmen</h3><div><p>Endlich passiert etwas, das hätte "
        "man schon vor Jahren machen sollen, finde ich, aber der Preis ist hoch.</p></div><div>"
        "<p>Zwölf Millionen für eine Brücke, während die Schulen verfallen, das kann doch nicht "
        "wahr sein, oder?</p></div><div><p>Ich fahre jeden Tag mit dem Rad, für mich ist das ein "
        "Gewinn, auch wenn die Bauzeit nervt.</p></div></div></div></body></html>";
    struct extract_result r;
    struct error err;
    CHECK(extract_article(p, sizeof p - 1, NULL, &r, &err));
    CHECK(has(r.text, "Händler in der Altstadt"));
    CHECK(!has(r.text, "Endlich passiert"));
    CHECK(!has(r.text, "Zwölf Millionen"));
    extract_result_free(&r);
}

static void test_charsets(void)
{
    /* windows-1252 declared in a meta element */
    const char latin[] =
        "<html><head><meta charset=\"iso-8859-1\"><title>Gr\xFC\xDF"
        "e</title></head><body><p>Die Stra\xDF"
        "e in M\xFCnchen ist wegen "
        "Bauarbeiten bis M\xE4rz gesperrt, teilte die Stadt mit.</p></body></html>";
    struct extract_result r;
    struct error err;
    CHECK(extract_article(latin, sizeof latin - 1, NULL, &r, &err));
    CHECK(has(r.text, "Die Straße in München ist wegen Bauarbeiten bis März gesperrt"));
    CHECK_STR(r.title, "Grüße");
    CHECK(text_is_valid_utf8(r.text, r.len));
    extract_result_free(&r);

    /* no declaration, not UTF-8: windows-1252 */
    const char undeclared[] = "<p>Der Preis stieg auf 5 \x80 pro Liter, so teuer wie nie "
                              "zuvor in diesem Jahr.</p>";
    CHECK(extract_article(undeclared, sizeof undeclared - 1, NULL, &r, &err));
    CHECK(has(r.text, "5 € pro Liter"));
    extract_result_free(&r);

    /* the HTTP charset wins over a wrong meta */
    const char utf8[] = "<html><head><meta charset=\"windows-1252\"></head><body><p>Die "
                        "Brücke über die Förde ist wieder offen, meldet die Polizei am "
                        "Morgen.</p></body></html>";
    CHECK(extract_article(utf8, sizeof utf8 - 1, "utf-8", &r, &err));
    CHECK(has(r.text, "Die Brücke über die Förde ist wieder offen"));
    extract_result_free(&r);
}

static void test_fragment(void)
{
    const char frag[] = "<p>Erster Absatz mit <a href=\"x\">Link</a> und&nbsp;Text.</p>"
                        "<h3>Zwischentitel</h3><ul><li>Punkt eins</li></ul>"
                        "<p>Zweiter<br>Absatz &amp; mehr.</p>"
                        "<div class=\"ad\">Anzeige hier</div>";
    struct extract_result r;
    extract_fragment(frag, sizeof frag - 1, &r);
    CHECK_STR(r.text, "Erster Absatz mit Link und Text.\nZwischentitel\nPunkt eins\nZweiter\n"
                      "Absatz & mehr.");
    CHECK_INT(r.n_blocks, 5);
    if (r.n_blocks == 5) {
        CHECK_INT(r.blocks[0].kind, EXTRACT_PARAGRAPH);
        CHECK_INT(r.blocks[1].kind, EXTRACT_HEADING);
        CHECK_INT(r.blocks[2].kind, EXTRACT_LIST_ITEM);
        CHECK_INT(r.blocks[3].kind, EXTRACT_PARAGRAPH);
    }
    extract_result_free(&r);

    extract_fragment("", 0, &r);
    CHECK_STR(r.text, "");
    CHECK_INT(r.n_blocks, 0);
    extract_result_free(&r);
    extract_fragment(NULL, 5, &r);
    CHECK_STR(r.text, "");
    extract_result_free(&r);
    /* plain text is a fragment too */
    extract_fragment("Nur Text, kein Markup.", 22, &r);
    CHECK_STR(r.text, "Nur Text, kein Markup.");
    extract_result_free(&r);
}

static void test_hostile(void)
{
    struct extract_result r;
    struct error err;
    /* nothing at all */
    CHECK(!extract_article("", 0, NULL, &r, &err));
    CHECK_STR(err.msg, "page: no HTML document");
    CHECK_STR(r.text, "");
    extract_result_free(&r);
    /* only boilerplate */
    const char junk[] =
        "<nav><p>Startseite, Politik, Sport und mehr Rubriken hier.</p></nav>"
        "<footer><p>Impressum und Datenschutz, alle Rechte vorbehalten.</p></footer>";
    CHECK(!extract_article(junk, sizeof junk - 1, NULL, &r, &err));
    CHECK_STR(err.msg, "page: no main text found");
    extract_result_free(&r);
    /* binary garbage */
    char garbage[4096];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)((i * 7919u + 13u) & 0xFF);
    extract_article(garbage, sizeof garbage, NULL, &r, &err);
    CHECK(text_is_valid_utf8(r.text, r.len));
    extract_result_free(&r);
    /* very deep nesting costs no stack: text 150 levels down is found, and so is text 20000
     * levels down, where elements past the depth cap open nothing and their text stays in
     * the deepest open element */
    static const char deep_p[] =
        "<p>Ganz tief unten steht ein Satz, der niemanden mehr erreicht.</p>";
    static const int depths[] = {150, 20000};
    for (size_t i = 0; i < ARRAY_LEN(depths); i++) {
        struct buf b = {0};
        for (int k = 0; k < depths[i]; k++)
            buf_append_str(&b, "<div>");
        buf_append_str(&b, deep_p);
        CHECK_MSG(extract_article(b.data, b.len, NULL, &r, &err), "depth %d: %s", depths[i],
                  err.msg);
        CHECK_STR(r.text, "Ganz tief unten steht ein Satz, der niemanden mehr erreicht.");
        extract_result_free(&r);
        extract_fragment(b.data, b.len, &r);
        CHECK_STR(r.text, "Ganz tief unten steht ein Satz, der niemanden mehr erreicht.");
        extract_result_free(&r);
        buf_free(&b);
    }
    /* an attribute flood (100,000 on one element) is read once, linearly, and the text
     * after it is found; the attributes extraction reads still count (the last class is
     * ignored: the first one wins, as in browsers) */
    struct buf f = {0};
    buf_append_str(&f, "<html><body><div class=\"article\"");
    for (int i = 0; i < 100000; i++)
        buf_printf(&f, " data-a%d=\"%d\"", i, i);
    buf_append_str(&f, " class=\"comments\"><p>Nach der Flut von Attributen steht hier ein Satz, "
                       "der gefunden werden muss.</p></div></body></html>");
    CHECK(extract_article(f.data, f.len, NULL, &r, &err));
    CHECK_STR(r.text,
              "Nach der Flut von Attributen steht hier ein Satz, der gefunden werden muss.");
    extract_result_free(&r);
    buf_free(&f);
    /* many paragraphs: output is capped, never grows without bound */
    struct buf m = {0};
    buf_append_str(&m, "<article>");
    for (int i = 0; i < 30000; i++)
        buf_append_str(&m, "<p>Ein Absatz mit Text, Kommas, und noch mehr Worten darin.</p>");
    buf_append_str(&m, "</article>");
    CHECK(extract_article(m.data, m.len, NULL, &r, &err));
    CHECK(r.len <= 1024 * 1024 + 1);
    extract_result_free(&r);
    buf_free(&m);
}

/* The one element table: sorted for its binary search, and what text.c and extraction read
 * from it agrees with HTML (a few rows checked by meaning). */
static void test_element_table(void)
{
    size_t n = html_element_count();
    CHECK(n >= 100);
    for (size_t i = 1; i < n; i++)
        CHECK_MSG(strcmp(html_element_at(i - 1)->name, html_element_at(i)->name) < 0,
                  "'%s' before '%s'", html_element_at(i - 1)->name, html_element_at(i)->name);
    for (size_t i = 0; i < n; i++) {
        const struct html_element *e = html_element_at(i);
        CHECK_MSG(html_element_find(e->name, strlen(e->name)) == e, "'%s' not found", e->name);
        /* what text.c drops with its contents is never article text either */
        if (e->text_kind == HTML_TEXT_SKIP)
            CHECK_MSG(e->role == HTML_ROLE_DROP, "'%s' is skipped by text.c but not dropped",
                      e->name);
        /* elements whose content is raw text are dropped or hold plain text */
        if (e->flags & HTML_RAW)
            CHECK_MSG(e->role == HTML_ROLE_DROP || e->role == HTML_ROLE_PARAGRAPH,
                      "raw '%s' has role %d", e->name, e->role);
    }
    static const struct {
        const char *name;
        int text_kind, role;
    } rows[] = {
        {"p", HTML_TEXT_BLOCK, HTML_ROLE_PARAGRAPH},
        {"h2", HTML_TEXT_BLOCK, HTML_ROLE_HEADING},
        {"li", HTML_TEXT_BLOCK, HTML_ROLE_LIST_ITEM},
        {"tr", HTML_TEXT_BLOCK, HTML_ROLE_ROW},
        {"td", HTML_TEXT_CELL, HTML_ROLE_CELL},
        {"br", HTML_TEXT_BR, HTML_ROLE_BREAK},
        {"pre", HTML_TEXT_PRE, HTML_ROLE_PARAGRAPH},
        {"script", HTML_TEXT_SKIP, HTML_ROLE_DROP},
        {"nav", HTML_TEXT_BLOCK, HTML_ROLE_DROP},
        {"span", HTML_TEXT_INLINE, HTML_ROLE_INLINE},
        {"figcaption", HTML_TEXT_BLOCK, HTML_ROLE_CAPTION},
    };
    for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
        const struct html_element *e = html_element_find(rows[i].name, strlen(rows[i].name));
        CHECK_MSG(e && e->text_kind == rows[i].text_kind && e->role == rows[i].role,
                  "'%s': text kind %d role %d", rows[i].name, e ? e->text_kind : -1,
                  e ? e->role : -1);
    }
    CHECK(html_element_find("custom-element", 14) == NULL);
    CHECK(html_element_find("P", 1) == NULL); /* names are looked up in lower case */
    CHECK(html_element_find("", 0) == NULL);
}

/* The text of the page's blocks, "K:line" per line (P paragraph, H heading, L list item, R
 * table row, C caption). */
static char *render_blocks(const struct extract_result *r)
{
    static const char tags[] = {'P', 'H', 'L', 'R', 'C'};
    struct buf b = {0};
    for (size_t i = 0; i < r->n_blocks; i++)
        buf_printf(&b, "%s%c:%.*s", i ? "\n" : "", tags[r->blocks[i].kind], (int)r->blocks[i].len,
                   r->text + r->blocks[i].start);
    return buf_steal(&b);
}

/* Class and id words are judged against what an element holds: wrappers named with them keep
 * the article; boxes named with them go. The structure of the article stays: headings, list
 * items and table rows are lines of their own, captions are marked. */
static void test_class_words(void)
{
    static const char para[] =
        "<p>Die Gemeinde hat am Dienstag beschlossen, das alte Schulhaus zu sanieren, statt es "
        "abzureißen, und dafür 1,2 Mio. Euro bereitgestellt.</p><p>Die Arbeiten sollen im "
        "Herbst beginnen und etwa ein Jahr dauern, teilte der Bürgermeister mit.</p>";
    static const char *const wrappers[] = {
        "<div class=\"content-sidebar-wrap\">%s</div>",
        "<div class=\"widget Blog\" id=\"Blog1\"><div class=\"post-body\">%s</div></div>",
        "<div class=\"no-print\"><div class=\"hidden-xs\">%s</div></div>",
        "<div class=\"l-outer l-outer--nav\"><div>%s</div></div>",
        "<article class=\"post tag-werbung tag-kommentar category-social\">%s</article>",
        "<div class=\"paywall\">%s</div>",
        "<div class=\"page with-ads\"><h1>Schulhaus</h1><div>%s</div></div>",
    };
    for (size_t i = 0; i < ARRAY_LEN(wrappers); i++) {
        char *html = xasprintf(wrappers[i], para);
        char *doc = xasprintf("<html><body><nav><a href=\"/\">Start</a></nav>%s"
                              "<div class=\"sidebar\"><a href=\"/1\">Mehr aus der Region</a> "
                              "<a href=\"/2\">Wetter</a></div></body></html>",
                              html);
        struct extract_result r;
        struct error err;
        CHECK_MSG(extract_article(doc, strlen(doc), NULL, &r, &err), "wrapper %zu: %s", i, err.msg);
        CHECK_MSG(has(r.text, "Die Gemeinde hat am Dienstag") && has(r.text, "Die Arbeiten sollen"),
                  "wrapper %zu (%s) lost the article: '%s'", i, wrappers[i], r.text);
        CHECK_MSG(!has(r.text, "Mehr aus der Region"), "wrapper %zu kept the sidebar", i);
        extract_result_free(&r);
        free(doc);
        free(html);
    }

    const char boxes[] =
        "<html><body><div class=\"article\"><h1>Schulhaus wird saniert</h1>"
        "<p>Die Gemeinde hat am Dienstag beschlossen, das alte Schulhaus zu sanieren, statt es "
        "abzureißen, und dafür 1,2 Mio. Euro bereitgestellt.</p>"
        "<figure><img src=\"a.jpg\"><figcaption>Das Schulhaus im Winter.</figcaption></figure>"
        "<div class=\"image-credit\">Foto: Gemeinde</div>"
        "<h2>Was geplant ist</h2><ul><li>neue Fenster</li><li>eine Heizung mit Wärmepumpe</li></ul>"
        "<table><tr><th>Jahr</th><th>Kosten</th></tr><tr><td>2025</td><td>0,8 Mio. Euro</td></tr>"
        "</table>"
        "<div class=\"share-buttons\"><p>Teilen Sie diesen Artikel mit Ihren Freunden und "
        "Bekannten, damit noch mehr Menschen davon erfahren.</p></div>"
        "<p>Die Arbeiten sollen im Herbst beginnen und etwa ein Jahr dauern, teilte der "
        "Bürgermeister mit.</p>"
        "<div id=\"comments\"><p>Endlich tut sich etwas an der Schule, das wurde auch Zeit, "
        "finde ich, nach so vielen Jahren des Wartens.</p></div></div></body></html>";
    struct extract_result r;
    struct error err;
    CHECK(extract_article(boxes, sizeof boxes - 1, NULL, &r, &err));
    char *got = render_blocks(&r);
    CHECK_STR(got, "H:Schulhaus wird saniert\n"
                   "P:Die Gemeinde hat am Dienstag beschlossen, das alte Schulhaus zu sanieren, "
                   "statt es abzureißen, und dafür 1,2 Mio. Euro bereitgestellt.\n"
                   "C:Das Schulhaus im Winter.\nC:Foto: Gemeinde\nH:Was geplant ist\n"
                   "L:neue Fenster\nL:eine Heizung mit Wärmepumpe\nR:Jahr Kosten\n"
                   "R:2025 0,8 Mio. Euro\n"
                   "P:Die Arbeiten sollen im Herbst beginnen und etwa ein Jahr dauern, teilte der "
                   "Bürgermeister mit.");
    free(got);
    extract_result_free(&r);
}

int main(void)
{
    test_element_table();
    test_class_words();
    test_page();
    test_unmarked_comments();
    test_charsets();
    test_fragment();
    test_hostile();
    return check_done();
}
