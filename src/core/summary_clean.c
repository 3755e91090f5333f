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

/* Case-insensitive (ASCII letters) search for needle in s[0..len). */
static bool contains_ci(const char *s, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl > len)
        return false;
    for (size_t i = 0; i + nl <= len; i++)
        if (!ascii_strncasecmp(s + i, needle, nl))
            return true;
    return false;
}

static bool starts_ci(const char *s, size_t len, const char *prefix)
{
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
    /* clang-format off */
    static const char *const phrases[] = {
        "webinar", "jetzt kaufen", "jetzt bestellen", "jetzt anmelden", "jetzt abonnieren",
        "jetzt registrieren", "jetzt testen", "jetzt sichern", "jetzt lesen", "jetzt spenden",
        "jetzt downloaden", "hlen sie jetzt", "gutschein", "rabattcode", "gratis testen",
        "kostenlos testen", "zum angebot", "abonnieren sie", "abonniere", "newsletter abonnieren",
        "zum newsletter", "anzeige:", "werbung:", "sponsored", "subscribe", "sign up",
        "buy now", "order now", "shop now", "promo code", "discount code", "click here",
        "klicken sie hier", "hier klicken", "affiliate", "provisions-link", "provisionslink",
        "appeared first on", "erschien zuerst", "cookies akzeptieren", "accept cookies",
        "alle akzeptieren", "accept all", "unterstützen sie", "support our journalism",
        "paid content", "paid post", "partner content", "in kooperation mit",
    };
    /* clang-format on */
    /* Lower-case (ASCII) once, then let strstr do the searching: this runs on every line and
     * every sentence, so it must cost little. */
    char stack[1024];
    char *low = len < sizeof stack ? stack : xmalloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        low[i] = c ? (char)ascii_tolower((unsigned char)c) : ' ';
    }
    low[len] = '\0';
    bool hit = false;
    for (size_t i = 0; i < ARRAY_LEN(phrases) && !hit; i++)
        hit = strstr(low, phrases[i]) != NULL;
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
        size_t ml = strlen(markers[i]);
        if (!starts_ci(s, len, markers[i]))
            continue;
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

char *summary_clean_body(const struct summary_line *lines, size_t n, const char *title)
{
    struct buf out = {0};
    char tsq[512];
    size_t tlen = title ? squash(title, strlen(title), tsq, sizeof tsq) : 0;
    size_t kept = 0; /* body lines kept so far */
    size_t short_run = 0;
    size_t run_start_len = 0; /* out.len before the current run of short lines */
    for (size_t i = 0; i < n; i++) {
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

        if (kept > 0 && summary_clean_is_tail_marker(s, len))
            break;
        /* A run of four or more very short lines after the body is a footer (names, menus). */
        if (words <= 3 && !sentence_like) {
            if (short_run++ == 0)
                run_start_len = out.len;
            if (short_run >= 4 && kept > 0) {
                out.len = run_start_len; /* nothing of the run was kept anyway; be safe */
                if (out.data)
                    out.data[out.len] = '\0';
                break;
            }
        } else {
            short_run = 0;
        }

        enum summary_line_kind k = lines[i].kind;
        if (k == SUMMARY_LINE_HEADING || k == SUMMARY_LINE_LIST_ITEM || k == SUMMARY_LINE_OTHER)
            continue;
        if (bullet_len(s, len))
            continue;
        if (is_headline(s, len, tsq, tlen))
            continue;
        if (!sentence_like && words <= 15)
            continue; /* a heading, a kicker, a byline */
        if (is_credit(s, len) || summary_clean_is_advert(s, len))
            continue;
        if (summary_clean_is_tail_marker(s, len))
            continue;
        if (out.len)
            buf_append_char(&out, '\n');
        append_collapsed(&out, s, len);
        kept++;
    }
    char *r = buf_steal(&out);
    return r;
}
