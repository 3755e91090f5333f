/*
 * Body cleaning (see summary_clean.h). Line-based, because both the extractor's blocks and plain
 * feed text arrive as lines. A heading is recognised by its look (short, no final punctuation
 * once closing quotes are set aside), which is what makes it dangerous: joined to the next
 * line it would read as the start of a sentence. The tail is cut, not filtered, because what
 * follows a tag list or "Mehr zum Thema" on a page is never the article.
 */
#include "core/summary_clean.h"

#include "core/words.h"
#include "core/text.h"
#include "core/util.h"

#include <stdlib.h>
#include <string.h>

/* Case-insensitive (ASCII letters) search for needle (lower case) in s[0..len). These run on
 * every line and sentence, so each position is first tested on one byte. */
static bool contains_ci(const char *s, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl > len)
        return false;
    int first = (unsigned char)needle[0];
    for (size_t i = 0; i + nl <= len; i++)
        if (ascii_tolower((unsigned char)s[i]) == first &&
            !ascii_strncasecmp(s + i + 1, needle + 1, nl - 1))
            return true;
    return false;
}

static bool starts_ci(const char *s, size_t len, const char *prefix)
{
    if (len == 0 || ascii_tolower((unsigned char)s[0]) != (unsigned char)prefix[0])
        return false;
    size_t pl = strlen(prefix);
    return pl <= len && !ascii_strncasecmp(s, prefix, pl);
}

/* Bytes of a list bullet at the start of s ("- ", "• ", "* ", "– ", "· ", "1. "), or 0. */
static size_t bullet_len(const char *s, size_t len)
{
    static const char *const bullets[] = {
        "- ", "* ", "+ ", "\xE2\x80\xA2 ", "\xE2\x80\x93 ", "\xC2\xB7 ", "\xE2\x96\xBA ", "> "};
    for (size_t i = 0; i < ARRAY_LEN(bullets); i++)
        if (starts_ci(s, len, bullets[i]))
            return strlen(bullets[i]);
    return 0;
}

bool summary_clean_is_advert(const char *s, size_t len)
{
#define P(x)                                                                                       \
    {                                                                                              \
        x, sizeof x - 1                                                                            \
    }
    /* Sorted: the scan below looks only at the phrases that start with the byte at hand. */
    /* clang-format off */
    static const struct { const char *s; size_t len; } phrases[] = {
        P("abo abschließen"), P("abonniere"), P("abonnieren sie"), P("accept all"),
        P("accept cookies"), P("affiliate"), P("alle akzeptieren"), P("already a subscriber"),
        P("anzeige:"), P("appeared first on"), P("bereits abonnent"), P("buy now"),
        P("click here"), P("continue reading with"), P("cookies akzeptieren"), P("digitalabo"),
        P("discount code"), P("erschien zuerst"), P("exklusiv für abonnenten"), P("gratis testen"),
        P("gutschein"), P("hier klicken"), P("hlen sie jetzt"), P("in kooperation mit"),
        P("jetzt abonnieren"), P("jetzt anmelden"), P("jetzt bestellen"), P("jetzt downloaden"),
        P("jetzt kaufen"), P("jetzt lesen"), P("jetzt registrieren"), P("jetzt sichern"),
        P("jetzt spenden"), P("jetzt testen"), P("jetzt weiterlesen"), P("klicken sie hier"),
        P("kostenlos testen"), P("lesen sie weiter mit"), P("newsletter abonnieren"),
        P("nur für abonnenten"), P("order now"), P("paid content"), P("paid post"),
        P("partner content"), P("promo code"), P("provisions-link"), P("provisionslink"),
        P("rabattcode"), P("shop now"), P("sign up"), P("sponsored"), P("subscribe"),
        P("subscriber-only"), P("subscribers only"), P("support our journalism"),
        P("to continue reading"), P("unterstützen sie"), P("webinar"), P("weiterlesen mit"),
        P("werbung:"), P("zum angebot"), P("zum newsletter"),
    };
    /* clang-format on */
#undef P
    /* Lower-case (ASCII) once and scan once: this runs on every line and every sentence, so
     * it must cost little. */
    char stack[1024];
    char *low = len < sizeof stack ? stack : xmalloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        low[i] = c ? (char)ascii_tolower((unsigned char)c) : ' ';
    }
    low[len] = '\0';
    /* where the phrases of each first letter are */
    unsigned char from[26] = {0}, to[26] = {0};
    for (size_t k = ARRAY_LEN(phrases); k-- > 0;) {
        int c = phrases[k].s[0] - 'a';
        if (!to[c])
            to[c] = (unsigned char)(k + 1);
        from[c] = (unsigned char)k;
    }
    bool hit = false;
    for (size_t i = 0; i + 1 < len && !hit; i++) {
        unsigned char c = (unsigned char)low[i];
        if (c < 'a' || c > 'z')
            continue;
        for (size_t k = from[c - 'a']; k < to[c - 'a'] && !hit; k++)
            hit = phrases[k].len <= len - i && low[i + 1] == phrases[k].s[1] &&
                  !memcmp(low + i, phrases[k].s, phrases[k].len);
    }
    if (low != stack)
        free(low);
    return hit;
}

bool summary_clean_is_tail_marker(const char *s, size_t len)
{
    /* clang-format off */
    static const char *const markers[] = {
        "themen:", "themen", "schlagworte", "schlagwörter", "stichworte", "stichwörter",
        "tags:", "tags", "topics:", "mehr zum thema", "mehr zu diesem thema", "lesen sie auch",
        "lesen sie mehr", "lesen sie hier", "mehr lesen", "weiterlesen", "auch interessant",
        "das könnte sie auch interessieren", "das könnte sie interessieren", "weitere artikel",
        "weitere meldungen", "zum thema", "verwandte artikel", "ähnliche artikel",
        "read more", "read also", "related", "related articles", "related stories",
        "more on this story", "more from", "you may also like", "recommended", "see also",
        "share this", "teilen sie", "diesen artikel teilen", "kommentare", "comments",
        "leserkommentare", "copyright", "\xC2\xA9", "alle rechte vorbehalten",
        "leserstimmen", "leserbriefe", "ihre meinung", "diskutieren sie mit", "diskussion",
        "your views", "have your say", "reader comments", "join the conversation",
        "continue reading", "read the full story", "read the full article", "full story",
        "zum artikel", "zum vollständigen artikel", "den ganzen artikel lesen",
        "all rights reserved", "quelle:", "mit material von",
    };
    /* clang-format on */
    size_t b = bullet_len(s, len);
    s += b, len -= b;
    while (len && ascii_isspace((unsigned char)*s))
        s++, len--;
    if (starts_ci(s, len, "the post ") && contains_ci(s, len, "appeared first on"))
        return true;
    for (size_t i = 0; i < ARRAY_LEN(markers); i++) {
        if (!starts_ci(s, len, markers[i]))
            continue;
        size_t ml = strlen(markers[i]);
        /* The marker must be the whole line or be followed by a separator: "Related" is a
         * tail, "Related talks broke down" is a sentence. */
        if (ml == len)
            return true;
        /* "Continue reading...", "Weiterlesen ›": only punctuation follows */
        bool only_punct = true;
        for (size_t k = ml; k < len && only_punct; k++) {
            unsigned char c = (unsigned char)s[k];
            only_punct = c == '.' || c == ' ' || c == '>' || c == ':' || c >= 0x80;
        }
        if (only_punct)
            return true;
        unsigned char next = (unsigned char)s[ml];
        if (markers[i][ml - 1] == ':' || next == ':' || next == '|' || next == '>' ||
            (next == ' ' && len - ml < 3))
            return true;
        /* "Lesen Sie auch X" with a short rest and no sentence end; "Zum Thema äußerte sich
         * niemand." is a sentence. */
        if (ml >= 8 && len < 140 && next == ' ' && !summary_clean_ends_sentence(s, len))
            return true;
    }
    return false;
}

static bool is_credit(const char *s, size_t len)
{
    /* clang-format off */
    static const char *const credits[] = {
        "foto:", "fotos:", "bild:", "bilder:", "photo:", "photos:", "image:", "picture:",
        "credit:", "stand:", "grafik:", "video:", "audio:", "(c)", "update:", "aktualisiert:",
        "veröffentlicht:", "published:", "updated:", "lesezeit:", "reading time",
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(credits); i++)
        if (starts_ci(s, len, credits[i]))
            return true;
    return false;
}

/* Words in s (runs separated by spaces). */
static size_t word_count(const char *s, size_t len)
{
    size_t n = 0;
    bool in = false;
    for (size_t i = 0; i < len; i++) {
        bool sp = ascii_isspace((unsigned char)s[i]);
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* Does the line end like a sentence (., !, ?, …, or ':' introducing something), once closing
 * quotes and brackets are set aside? A heading in quotes ("Eine Nation ohne Grenzen") does
 * not: its quote closes a phrase, not a sentence. */
bool summary_clean_ends_sentence(const char *s, size_t len)
{
    while (len) {
        unsigned char c = (unsigned char)s[len - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']' || ascii_isspace(c)) {
            len--;
            continue;
        }
        /* closing quotes: » « “ ” ’ ‘ › ‹ */
        if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (c == 0xBB || c == 0xAB)) {
            len -= 2;
            continue;
        }
        if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
            (c == 0x9C || c == 0x9D || c == 0x99 || c == 0x98 || c == 0xBA || c == 0xB9)) {
            len -= 3;
            continue;
        }
        /* 」』 */
        if (len >= 3 && (unsigned char)s[len - 3] == 0xE3 && (unsigned char)s[len - 2] == 0x80 &&
            (c == 0x8D || c == 0x8F)) {
            len -= 3;
            continue;
        }
        break;
    }
    if (!len)
        return false;
    unsigned char c = (unsigned char)s[len - 1];
    if (c == '.' || c == '!' || c == '?')
        return true;
    if (len < 3)
        return false;
    unsigned char a = (unsigned char)s[len - 3], b = (unsigned char)s[len - 2];
    return (a == 0xE2 && b == 0x80 && c == 0xA6) ||              /* … */
           (a == 0xE3 && b == 0x80 && c == 0x82) ||              /* 。 */
           (a == 0xEF && b == 0xBC && (c == 0x81 || c == 0x9F)); /* ！？ */
}

/* Lower-cased letters and digits only, for comparing a line with the headline. */
static size_t squash(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 4 < cap;) {
        uint32_t cp;
        i += text_utf8_decode_bytewise(s + i, len - i, &cp);
        if (!words_is_word_cp(cp))
            continue;
        o += text_utf8_encode(words_to_lower(cp), out + o);
    }
    out[o] = '\0';
    return o;
}

/* Is the line the headline (compared as squashed letters and digits, `t` being the squashed
 * title of length tl)? */
static bool is_headline(const char *s, size_t len, const char *t, size_t tl)
{
    if (!tl || len > 4 * tl + 200) /* far longer than the headline: not it */
        return false;
    char a[512];
    size_t al = squash(s, len, a, sizeof a);
    if (!al)
        return false;
    if (al == tl && !memcmp(a, t, al))
        return true;
    /* "Headline | Site" and "Site: Headline" variants */
    return al >= 20 && tl >= 20 && al < tl + 40 &&
           (strstr(a, t) != NULL || (tl > al && strstr(t, a) != NULL));
}

/* Copies s into out with whitespace runs collapsed to one space, trimmed. */
static void append_collapsed(struct buf *out, const char *s, size_t len)
{
    bool space = false, any = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (ascii_isspace(c)) {
            space = any;
            continue;
        }
        if (space)
            buf_append_char(out, ' ');
        space = false;
        any = true;
        buf_append_char(out, (char)c);
    }
}

/* Page furniture that reads like text: image credits, share templates, calls to action,
 * disclaimers, publication notes. Matched at the start of a line (or, for credits, near the
 * end of a short one), so that a sentence that merely mentions a photo stays. */
static bool is_furniture(const char *s, size_t len)
{
    /* clang-format off */
    static const char *const always[] = { /* templates, never prose */
        "der beitrag wurde am", "dieser beitrag wurde am", "der artikel wurde am",
        "dieser artikel wurde am", "zuerst veröffentlicht", "erstmals veröffentlicht",
        "this article was originally published", "this story was originally published",
        "this article originally appeared", "originally published", "jemand möchte mit dir",
        "jemand möchte mit ihnen", "haftungsausschluss", "disclaimer", "alle angaben ohne gewähr",
        "transparenzhinweis", "offenlegung:", "hinweis der redaktion:", "dieser artikel enthält",
        "dieser beitrag enthält", "this post contains affiliate", "this article contains affiliate",
        "mit einem * gekennzeichnete", "bei den mit *", "symbolbild", "bildquelle", "fotoquelle",
        "\xC2\xA9 ", "(c) ", "copyright ", "photo by ", "photo credit", "foto von ", "image:",
        "image source", "photograph:", "beitragsbild", "titelbild",
    };
    static const char *const unless_prose[] = { /* calls to action and page controls */
        "teilen sie diesen", "teile diesen", "diesen beitrag teilen", "artikel teilen",
        "share this", "share on", "folgen sie uns", "folge uns", "follow us", "like us on",
        "mehr erfahren", "hier geht's zum", "hier geht\xE2\x80\x99s zum", "hier geht es zum",
        "laden sie die app", "download the app", "get the app", "melden sie sich",
        "fotostrecke", "bildergalerie", "zur bildergalerie", "zum video", "zur startseite",
        "back to top", "nach oben", "drucken", "e-mail teilen", "artikel drucken",
        "artikel merken", "zur merkliste", "bild oben:",
    };
    static const char *const credit_words[] = {
        "foto:", "fotos:", "bild:", "photo:", "photos:", "credit:", "bildquelle:", "\xC2\xA9",
        "getty images", "imago images", "picture alliance", "picture-alliance", "shutterstock",
        "istock", "symbolbild", "/dpa", "/ dpa",
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(always); i++)
        if (starts_ci(s, len, always[i]))
            return true;
    for (size_t i = 0; i < ARRAY_LEN(unless_prose); i++)
        if (starts_ci(s, len, unless_prose[i]) &&
            (len < strlen(unless_prose[i]) + 30 || !summary_clean_ends_sentence(s, len)))
            return true;
    /* A short line that carries a credit near its end is a caption: "Der Hafen am Abend.
     * Foto: Max Muster/dpa". */
    if (len <= 320) {
        size_t from = len > 60 ? len - 60 : 0;
        for (size_t i = 0; i < ARRAY_LEN(credit_words); i++)
            if (contains_ci(s + from, len - from, credit_words[i]))
                return true;
    }
    return false;
}

/* A date standing alone: a few words, a number and a month or weekday name ("Sonntag, 12.
 * Mai 2024", "March 25, 2015"). */
static bool is_date(const char *s, size_t len, size_t words)
{
    /* clang-format off */
    static const char *const names[] = {
        "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
        "september", "oktober", "november", "dezember", "january", "february", "march", "may",
        "june", "july", "october", "december", "montag", "dienstag", "mittwoch", "donnerstag",
        "freitag", "samstag", "sonntag", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    };
    /* clang-format on */
    if (words > 6)
        return false;
    bool digit = false;
    for (size_t i = 0; i < len && !digit; i++)
        digit = ascii_isdigit((unsigned char)s[i]);
    if (!digit)
        return false;
    for (size_t i = 0; i < len;) {
        while (i < len && !(ascii_isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
            i++;
        size_t st = i;
        while (i < len && (ascii_isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80))
            i++;
        for (size_t k = 0; k < ARRAY_LEN(names) && i > st; k++)
            if (strlen(names[k]) == i - st && !ascii_strncasecmp(s + st, names[k], i - st))
                return true;
    }
    return false;
}

/* A byline, a date or a reading time standing alone ("Von Anna Berger", "Stand: 14.03.2024",
 * "5 Min. Lesezeit"). */
static bool is_meta_line(const char *s, size_t len, size_t words)
{
    /* clang-format off */
    static const char *const starts[] = {
        "von ", "by ", "text: ", "autor:", "author:", "veröffentlicht", "aktualisiert",
        "published", "updated", "stand:", "zuletzt", "eingestellt von", "geschrieben von",
        "verfasst von", "posted by", "written by", "posted on", "gepostet von",
    };
    /* clang-format on */
    if (words > 12)
        return false;
    for (size_t i = 0; i < ARRAY_LEN(starts); i++)
        if (starts_ci(s, len, starts[i]))
            return true;
    if (contains_ci(s, len, "lesezeit") || contains_ci(s, len, "min read") ||
        contains_ci(s, len, "minuten lesen") || contains_ci(s, len, " uhr"))
        return true;
    if (is_date(s, len, words))
        return true;
    /* mostly digits and separators: a date or time ("14.03.2024, 09:12") */
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        digits += ascii_isdigit(c);
        letters += ascii_isalpha(c) || c >= 0x80;
    }
    return digits >= 4 && digits >= letters;
}

void summary_clean_body_free(struct summary_body *b)
{
    if (!b)
        return;
    free(b->text);
    free(b->kinds);
    memset(b, 0, sizeof *b);
}

static void add_line(struct summary_body *out, struct buf *text, size_t *cap, const char *s,
                     size_t len, enum summary_line_kind kind)
{
    if (text->len)
        buf_append_char(text, '\n');
    append_collapsed(text, s, len);
    if (out->n_lines == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        out->kinds = xreallocarray(out->kinds, *cap, sizeof *out->kinds);
    }
    out->kinds[out->n_lines++] = kind;
}

void summary_clean_body(const struct summary_line *lines, size_t n, const char *title,
                        struct summary_body *out)
{
    memset(out, 0, sizeof *out);
    struct buf text = {0};
    size_t cap = 0;
    char tsq[512];
    size_t tlen = title ? squash(title, strlen(title), tsq, sizeof tsq) : 0;
    size_t paragraphs = 0; /* paragraph lines kept so far */
    size_t short_run = 0;
    size_t run_len = 0, run_lines = 0; /* the body before the current run of short lines */
    size_t total = 0, seen = 0;        /* bytes of all lines, and of those before this one */
    for (size_t i = 0; i < n; i++)
        total += lines[i].len;
    for (size_t i = 0; i < n; seen += lines[i].len, i++) {
        const char *s = lines[i].s;
        size_t len = lines[i].len;
        while (len && ascii_isspace((unsigned char)*s))
            s++, len--;
        while (len && ascii_isspace((unsigned char)s[len - 1]))
            len--;
        if (!len)
            continue; /* blank lines neither count nor break a run */
        size_t words = word_count(s, len);
        bool sentence_like = summary_clean_ends_sentence(s, len);
        enum summary_line_kind k = lines[i].kind;
        bool bullet = bullet_len(s, len) > 0;

        /* A tail marker in a table row or list item is a cell or an item, not a tail. In
         * text from HTML the extractor has already found where the article ends, so a marker
         * cuts only what is left near the end ("Continue reading the main story" and
         * "Copyright Notice" also stand in the middle of articles); it is dropped otherwise. */
        if (paragraphs > 0 && k != SUMMARY_LINE_TABLE_ROW && k != SUMMARY_LINE_LIST_ITEM &&
            summary_clean_is_tail_marker(s, len) &&
            (k == SUMMARY_LINE_UNKNOWN || (total - seen) * 10 < total * 4))
            break;
        /* A run of four or more very short lines of plain text after the body is a footer
         * (names, menus). From HTML such runs are lists, code or tables, and the extractor
         * has already judged the blocks around the article. */
        if (k == SUMMARY_LINE_UNKNOWN && !bullet) {
            if (words <= 3 && !sentence_like) {
                if (short_run++ == 0) {
                    run_len = text.len;
                    run_lines = out->n_lines;
                }
                if (short_run >= 4 && paragraphs > 0) {
                    text.len = run_len; /* what the run left (as headings) goes too */
                    if (text.data)
                        text.data[text.len] = '\0';
                    out->n_lines = run_lines;
                    break;
                }
            } else {
                short_run = 0;
            }
        }

        if (k == SUMMARY_LINE_CAPTION)
            continue;
        if (is_headline(s, len, tsq, tlen))
            continue;
        if (is_credit(s, len) || summary_clean_is_advert(s, len) || is_furniture(s, len))
            continue;
        if (k != SUMMARY_LINE_TABLE_ROW && k != SUMMARY_LINE_LIST_ITEM &&
            summary_clean_is_tail_marker(s, len))
            continue;
        if (k == SUMMARY_LINE_HEADING && !sentence_like && is_meta_line(s, len, words))
            continue; /* a date header, "Eingestellt von ..." */
        if (k == SUMMARY_LINE_UNKNOWN || k == SUMMARY_LINE_PARAGRAPH) {
            if (bullet)
                k = SUMMARY_LINE_LIST_ITEM;
            else if (!sentence_like && words <= 15) {
                if (is_meta_line(s, len, words))
                    continue;
                k = SUMMARY_LINE_HEADING; /* a heading, a kicker */
            } else
                k = SUMMARY_LINE_PARAGRAPH;
        }
        add_line(out, &text, &cap, s, len, k);
        paragraphs += k == SUMMARY_LINE_PARAGRAPH;
    }
    out->len = text.len;
    out->text = buf_steal(&text);
}
