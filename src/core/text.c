/*
 * Text cleaning. Everything funnels into one "text builder" (struct tb) that takes code points
 * and applies, in one pass, the sanitising rules (control characters out, C1 as windows-1252)
 * and the whitespace rules of the mode (collapse runs; in TEXT_BLOCK mode, line breaks from
 * block elements, at most one blank line). The builder stops taking text once it holds more
 * than the caller's cap, so a huge description costs no more output work than a short one.
 *
 * HTML takes one of two roads. Flat markup (p, a, img, br, emphasis, lists, headings, tables:
 * most feed descriptions) goes through a small tokenizer, the "lean path", about ten times
 * faster than building a tree; it gives up on anything whose meaning depends on structure or
 * on error recovery, and then libxml2's HTML parser does the work (see lean_html). libxml2
 * only knows the 253 HTML 4 entities and drops or mangles the rest ("&hellip" without ';',
 * "&NotNestedGreaterGreater;"), so before parsing every '&' is escaped as "&amp;": the parser
 * hands the references back untouched in its text nodes, and our own HTML5 decoder
 * (entities.c) decodes them exactly once, as on the lean path. The same pre-pass makes the
 * input valid UTF-8, because libxml2 2.9 switches the whole rest of a document to ISO-8859-1
 * at the first invalid byte, and caps attributes per tag (prepare_html). The tree is walked
 * iteratively (no recursion, whatever the nesting depth). The fuzz target checks that both
 * roads give the same text wherever the lean one is taken.
 *
 * Text without '<' never meets a parser: entity decoding and sanitising only. There, and in
 * text_from_plain, a blank line is a paragraph break (one '\n' in TEXT_BLOCK mode) and a single
 * newline is a space: feeds hard-wrap and pretty-print their plain text, and a line per wrapped
 * line would look like a list of headings to the summariser. Inside markup, newlines in text
 * are ordinary whitespace, as in a browser, except in <pre>.
 *
 * Decisions where the standards leave room:
 * - The five bytes windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) have no
 *   character to map to; as C1 controls (U+0081 ...) they are removed like other controls.
 * - U+FEFF (a stray byte order mark) is removed; Unicode's other White_Space characters
 *   (U+00A0, U+2000-U+200A, U+202F, U+3000 ...) collapse like a space; U+2028/U+2029 are
 *   line breaks.
 * - Invalid UTF-8 becomes one U+FFFD per maximal invalid subpart (Unicode's recommended
 *   practice, also the WHATWG decoder's): a truncated 3-byte sequence is one U+FFFD.
 */
#include "core/text.h"

#include "core/entities.h"
#include "core/html.h"
#include "core/markup.h"
#include "core/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ---------------------------------------------------------------------------- */

size_t text_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len) {
            *cp = 0xFFFD; /* truncated: the valid prefix is one maximal subpart */
            return i;
        }
        unsigned char b = s[i];
        if (b < lo || b > hi) {
            *cp = 0xFFFD;
            return i;
        }
        lo = 0x80;
        hi = 0xBF;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return i;
}

size_t text_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool text_is_valid_utf8(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        /* ASCII eight bytes at a time: most feeds are mostly ASCII. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080u)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = 0;
        size_t n = text_utf8_decode(str + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] == 0xBD))
            return false;
        i += n;
    }
    return true;
}

uint32_t text_cp1252_c1(uint32_t cp)
{
    /* The windows-1252 characters of bytes 0x80-0x9F (WHATWG index); the five undefined
     * bytes map to themselves. */
    static const uint16_t c1[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    };
    return (cp >= 0x80 && cp <= 0x9F) ? c1[cp - 0x80] : cp;
}

/* ---- Output buffer ------------------------------------------------------------------------ */

struct out {
    char *p;
    size_t len, cap;
};

static void out_reserve(struct out *o, size_t n)
{
    if (o->len + n + 1 <= o->cap)
        return;
    size_t want = o->cap ? o->cap : 64;
    while (want < o->len + n + 1)
        want *= 2;
    o->p = xrealloc(o->p, want);
    o->cap = want;
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
    out_reserve(o, n);
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void out_cp(struct out *o, uint32_t cp)
{
    out_reserve(o, 4);
    o->len += text_utf8_encode(cp, o->p + o->len);
}

static char *out_steal(struct out *o)
{
    out_reserve(o, 0);
    o->p[o->len] = '\0';
    char *p = o->p;
    o->p = NULL;
    o->len = o->cap = 0;
    return p;
}

char *text_utf8_repair(const char *s, size_t len, size_t *out_len)
{
    if (text_is_valid_utf8(s, len))
        return NULL;
    struct out o = {0};
    out_reserve(&o, len + 16);
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && (unsigned char)s[j] < 0x80)
            j++;
        out_bytes(&o, s + i, j - i);
        if (j == len)
            break;
        uint32_t cp;
        size_t n = text_utf8_decode(s + j, len - j, &cp);
        if (cp == 0xFFFD)
            out_bytes(&o, "\xEF\xBF\xBD", 3); /* also for a real U+FFFD: the same bytes */
        else
            out_bytes(&o, s + j, n);
        i = j + n;
    }
    *out_len = o.len;
    return out_steal(&o);
}

/* ---- Sanitising ------------------------------------------------------------------------ */

enum {
    CP_DROP = 0xFFFFFFFFu,
    CP_SPACE = 0xFFFFFFFEu,
    CP_NEWLINE = 0xFFFFFFFDu, /* '\n', '\r': meaning depends on the context (enum newlines) */
    CP_LINESEP = 0xFFFFFFFCu, /* U+2028, U+2029: always a line break */
};

/* A code point for display: itself, CP_DROP, or whitespace (CP_SPACE / CP_NEWLINE ...). */
static uint32_t classify_cp(uint32_t cp)
{
    if (cp < 0x20) {
        if (cp == '\n' || cp == '\r')
            return CP_NEWLINE;
        if (cp == '\t' || cp == '\f' || cp == '\v')
            return CP_SPACE;
        return CP_DROP;
    }
    if (cp == ' ')
        return CP_SPACE;
    if (cp < 0x7F)
        return cp;
    if (cp <= 0x9F) {
        cp = text_cp1252_c1(cp);
        return cp <= 0x9F ? CP_DROP : cp;
    }
    if (cp < 0x1680)
        return cp == 0xA0 ? CP_SPACE : cp;
    if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000)
        return CP_SPACE;
    if (cp == 0x2028 || cp == 0x2029)
        return CP_LINESEP;
    if (cp == 0xFEFF)
        return CP_DROP;
    if (cp == 0xFFFE || cp == 0xFFFF)
        return 0xFFFD; /* noncharacters; libxml2 rejects them too */
    return cp;
}

/* Appends str made valid and free of control characters (text_sanitize_utf8's rules). */
static void sanitize_into(struct out *o, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] >= 0x20 && s[j] < 0x7F)
            j++;
        if (j > i) {
            out_bytes(o, str + i, j - i);
            i = j;
            continue;
        }
        uint32_t cp;
        size_t n = text_utf8_decode(str + i, len - i, &cp);
        if (cp == '\r') {
            if (i + 1 < len && s[i + 1] == '\n')
                n = 2;
            cp = '\n';
        }
        i += n;
        if (cp == '\n' || cp == '\t') {
            out_reserve(o, 1);
            o->p[o->len++] = (char)cp;
            continue;
        }
        if (cp < 0x20 || cp == 0x7F || cp == 0xFEFF)
            continue;
        if (cp <= 0x9F && cp >= 0x80) {
            cp = text_cp1252_c1(cp);
            if (cp <= 0x9F)
                continue;
        }
        if (cp == 0xFFFE || cp == 0xFFFF)
            cp = 0xFFFD;
        out_cp(o, cp);
    }
}

char *text_sanitize_utf8(const char *str, size_t len)
{
    if (!str)
        len = 0;
    struct out o = {0};
    out_reserve(&o, len);
    sanitize_into(&o, str, len);
    return out_steal(&o);
}

/* ---- The text builder ------------------------------------------------------------------- */

struct tb {
    struct out o;
    enum text_mode mode;
    int pend_nl;     /* line breaks waiting for the next visible character (0..2) */
    bool pend_space; /* a space waiting for the next visible character */
    int nl_run;      /* newlines in the current run of whitespace (NL_PARAGRAPH) */
    size_t stop_at;  /* 0: no limit; else stop taking text once o.len exceeds it */
    bool full;
};

static void tb_flush_sep(struct tb *t)
{
    if (t->o.len) {
        if (t->pend_nl) {
            out_bytes(&t->o, "\n\n", (size_t)t->pend_nl);
        } else if (t->pend_space) {
            out_reserve(&t->o, 1);
            t->o.p[t->o.len++] = ' ';
        }
    }
    t->pend_nl = 0;
    t->pend_space = false;
}

static void tb_visible(struct tb *t, const char *s, size_t n)
{
    t->nl_run = 0;
    if (t->pend_nl || t->pend_space)
        tb_flush_sep(t);
    out_bytes(&t->o, s, n);
    if (t->stop_at && t->o.len > t->stop_at)
        t->full = true;
}

static void tb_space(struct tb *t)
{
    t->pend_space = true;
}

/* A line break: `hard` ones (<br>, a newline in plain text) add up to one blank line; soft
 * ones (block element edges) only make sure a line ends here. */
static void tb_break(struct tb *t, bool hard)
{
    if (t->mode == TEXT_INLINE) {
        t->pend_space = true;
    } else if (hard) {
        if (t->pend_nl < 2)
            t->pend_nl++;
    } else if (t->pend_nl == 0) {
        t->pend_nl = 1;
    }
}

/* What a newline in text means. */
enum newlines {
    NL_SPACE,     /* HTML text: whitespace like any other */
    NL_PARAGRAPH, /* plain text: a blank line ends a paragraph (a line break), a single
                     newline is a space, because feeds hard-wrap and pretty-print their text */
    NL_LINE,      /* <pre>: every newline is a line break */
};

static void tb_cp(struct tb *t, uint32_t cp, enum newlines nl)
{
    uint32_t k = classify_cp(cp);
    if (k == CP_DROP)
        return;
    if (k == CP_SPACE) {
        tb_space(t);
    } else if (k == CP_NEWLINE) {
        if (nl == NL_LINE) {
            tb_break(t, true);
        } else if (nl == NL_PARAGRAPH && ++t->nl_run >= 2) {
            tb_break(t, false);
        } else {
            tb_space(t);
        }
    } else if (k == CP_LINESEP) {
        tb_break(t, false);
    } else {
        char enc[4];
        tb_visible(t, enc, text_utf8_encode(k, enc));
    }
}

static inline bool run_char(unsigned char c, bool entities)
{
    return c > 0x20 && c < 0x7F && (c != '&' || !entities);
}

/*
 * Are the 8 bytes at p all printable ASCII or single spaces (not '&' when decoding entities),
 * with no space last? Then they can join a run as they are. Bit tricks on a 64-bit word: a
 * byte-wise "is zero" / "is less than" whose zero result is exact (a false alarm only sends
 * the bytes to the one-at-a-time loop).
 */
static inline bool run8(const unsigned char *p, bool entities)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t sp = w ^ (ones * 0x20), del = w ^ (ones * 0x7F);
    uint64_t spaces = (sp - ones) & ~sp & high;
    uint64_t bad = (w & high) | ((w - ones * 0x20) & ~w & high) | ((del - ones) & ~del & high);
    bad |= spaces & (spaces << 8); /* two spaces in a row */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    bad |= spaces & (high << 56); /* p[7] */
#else
    bad |= spaces & (high | (high << 56)); /* whichever end p[7] is */
#endif
    if (entities) {
        uint64_t amp = w ^ (ones * '&');
        bad |= (amp - ones) & ~amp & high;
    }
    return bad == 0;
}

/* Feeds text (any bytes) into the builder; `entities`: decode character references. */
static void tb_text(struct tb *t, const char *str, size_t len, bool entities, enum newlines nl)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len && !t->full) {
        unsigned char c = s[i];
        if (run_char(c, entities)) {
            /* A run of printable ASCII with single spaces inside is already clean. */
            size_t j = i + 1;
            for (;;) {
                while (len - j >= 8 && run8(s + j, entities))
                    j += 8;
                while (j < len && run_char(s[j], entities))
                    j++;
                if (j + 1 < len && s[j] == ' ' && run_char(s[j + 1], entities)) {
                    j += 2;
                    continue;
                }
                break;
            }
            tb_visible(t, str + i, j - i);
            i = j;
            continue;
        }
        if (c == ' ') {
            tb_space(t);
            i++;
            continue;
        }
        uint32_t cp[2];
        int ncp = 1;
        size_t used = 0;
        if (c == '&')
            used = entities ? entities_decode(str + i, len - i, cp, &ncp) : 0;
        if (used == 0) {
            if (c == '\r' && i + 1 < len && s[i + 1] == '\n') {
                cp[0] = '\n';
                used = 2;
            } else {
                used = text_utf8_decode(str + i, len - i, &cp[0]);
            }
        }
        for (int k = 0; k < ncp; k++)
            tb_cp(t, cp[k], nl);
        i += used;
    }
}

static void tb_init(struct tb *t, enum text_mode mode, size_t max_bytes, size_t len_hint)
{
    memset(t, 0, sizeof *t);
    t->mode = mode;
    t->stop_at = max_bytes;
    size_t guess = len_hint + 16;
    if (max_bytes && guess > max_bytes + 16)
        guess = max_bytes + 16;
    out_reserve(&t->o, guess);
}

static char *tb_finish(struct tb *t, size_t max_bytes)
{
    char *s = out_steal(&t->o);
    if (max_bytes && strlen(s) > max_bytes) {
        char *cut = text_truncate(s, max_bytes);
        free(s);
        return cut;
    }
    return s;
}

/* ---- Truncation ------------------------------------------------------------------------ */

static bool is_break_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t';
}

char *text_truncate(const char *s, size_t max_bytes)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    if (max_bytes == 0 || n <= max_bytes)
        return xstrdup(s);
    static const char ellipsis[] = "\xE2\x80\xA6"; /* U+2026 */
    size_t room = max_bytes >= 3 ? max_bytes - 3 : max_bytes;
    /* The first byte not kept must start a character. */
    size_t cut = room;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    size_t end = cut;
    if (!is_break_space(s[cut])) {
        /* Back to the start of the word being cut, unless that loses more than half: then
         * the "word" is a URL or unspaced script (CJK) and a character boundary is right. */
        size_t k = cut;
        while (k > 0 && !is_break_space(s[k - 1]))
            k--;
        if (k > 0 && k >= cut / 2)
            end = k;
    }
    size_t keep = end;
    while (keep > 0 && (is_break_space(s[keep - 1]) || s[keep - 1] == ',' || s[keep - 1] == ';' ||
                        s[keep - 1] == ':'))
        keep--;
    if (keep == 0) {
        keep = cut;
        while (keep > 0 && is_break_space(s[keep - 1]))
            keep--;
    }
    char *r = xmalloc(keep + 4);
    memcpy(r, s, keep);
    if (max_bytes >= 3) {
        memcpy(r + keep, ellipsis, 3);
        keep += 3;
    }
    r[keep] = '\0';
    return r;
}

/* ---- Plain text and entities ---------------------------------------------------------- */

char *text_from_plain(const char *s, size_t len, enum text_mode mode, size_t max_bytes)
{
    if (!s)
        len = 0;
    struct tb t;
    tb_init(&t, mode, max_bytes, len);
    tb_text(&t, s, len, false, NL_PARAGRAPH);
    return tb_finish(&t, max_bytes);
}

char *text_decode_entities(const char *str, size_t len)
{
    /* Decodes and sanitises, but keeps whitespace as it is. */
    if (!str)
        len = 0;
    struct out o = {0};
    out_reserve(&o, len);
    size_t i = 0;
    while (i < len) {
        const char *amp = memchr(str + i, '&', len - i);
        size_t stop = amp ? (size_t)(amp - str) : len;
        sanitize_into(&o, str + i, stop - i);
        i = stop;
        if (!amp)
            break;
        uint32_t cp[2];
        int ncp = 0;
        size_t used = entities_decode(str + i, len - i, cp, &ncp);
        if (used == 0) {
            out_bytes(&o, "&", 1);
            i++;
            continue;
        }
        for (int k = 0; k < ncp; k++) {
            char enc[4];
            sanitize_into(&o, enc, text_utf8_encode(cp[k], enc));
        }
        i += used;
    }
    return out_steal(&o);
}

/* ---- HTML ---------------------------------------------------------------------------- */

/* How each element is laid out comes from the shared element table (html.h); these short
 * names keep the builder below readable. */
enum el_kind {
    EL_INLINE = HTML_TEXT_INLINE,
    EL_SKIP = HTML_TEXT_SKIP,
    EL_BLOCK = HTML_TEXT_BLOCK,
    EL_BR = HTML_TEXT_BR,
    EL_CELL = HTML_TEXT_CELL,
    EL_PRE = HTML_TEXT_PRE,
};

static enum el_kind classify_element(const char *name)
{
    /* libxml2's HTML parser lower-cases element names; unknown elements are inline. */
    const struct html_element *e = html_element_find(name, strlen(name));
    return e ? (enum el_kind)e->text_kind : EL_INLINE;
}

/*
 * The parser's input: valid UTF-8 without NUL or other C0 controls (libxml2 would stop or
 * re-decode), and every '&' escaped so that references reach our own decoder untouched.
 */
static bool is_tag_space(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

static size_t prep_utf8(struct out *o, const char *s, size_t len)
{
    uint32_t cp;
    size_t n = text_utf8_decode(s, len, &cp);
    if (cp == 0xFFFD || cp == 0xFFFE || cp == 0xFFFF)
        out_bytes(o, "\xEF\xBF\xBD", 3);
    else
        out_bytes(o, s, n);
    return n;
}

static char *prepare_html(const char *str, size_t len, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)str;
    struct out o = {0};
    out_reserve(&o, len + len / 8 + 16);
    /* Open the body first: before any element, libxml2 drops a '<' that starts no tag
     * ("< b" -> "b") where browsers keep it as text. */
    out_bytes(&o, "<body>", 6);
    /* Inside a start tag: the whitespace-separated tokens so far (-1: not in a tag). libxml2
     * checks each attribute against all earlier ones, quadratic in their number, so a tag
     * keeps at most MAX_TAG_TOKENS (we never read attributes anyway); the rest of it is
     * dropped up to its '>' (or a "</", so a script still ends where it ended). */
    enum { MAX_TAG_TOKENS = 32 };
    int tag_tokens = -1;
    size_t i = 0;
    while (i < len) {
        if (tag_tokens >= 0) {
            unsigned char c = s[i];
            if (c == '>') {
                tag_tokens = -1;
                out_bytes(&o, ">", 1);
                i++;
                continue;
            }
            if (is_tag_space(c)) {
                if (i + 1 < len && !is_tag_space(s[i + 1]) && ++tag_tokens > MAX_TAG_TOKENS) {
                    while (i < len && s[i] != '>' &&
                           !(s[i] == '<' && i + 1 < len && s[i + 1] == '/'))
                        i++;
                    out_bytes(&o, ">", 1);
                    i += i < len && s[i] == '>';
                    tag_tokens = -1;
                    continue;
                }
                out_bytes(&o, str + i, 1);
                i++;
                continue;
            }
            if (c == '<' && i + 1 < len && s[i + 1] == '/')
                tag_tokens = -1;
            else if (c > 0x20 && c < 0x7F && c != '&' && c != '<') {
                out_bytes(&o, str + i, 1);
                i++;
                continue;
            }
        }
        size_t j = i;
        while (j < len && s[j] >= 0x20 && s[j] < 0x7F && s[j] != '&' && s[j] != '<')
            j++;
        if (j > i) {
            out_bytes(&o, str + i, j - i);
            i = j;
            continue;
        }
        unsigned char c = s[i];
        if (c == '<' && !(len - i >= 9 && memcmp(str + i, "<![CDATA[", 9) == 0)) {
            /* libxml2 joins the text on both sides of a tag it discards (a stray "</p>"),
             * which would let a reference without ';' run on ("&#x41</p>14;"). A U+FEFF
             * (dropped later) ends such a reference where the tag was. The scan back is
             * unbounded (numeric references may have any number of digits) but linear:
             * each byte is passed once, by the '<' right after its run. */
            size_t k = o.len;
            while (k > 0 && (ascii_isalpha((unsigned char)o.p[k - 1]) ||
                             ascii_isdigit((unsigned char)o.p[k - 1]) || o.p[k - 1] == '#'))
                k--;
            if (k >= 5 && memcmp(o.p + k - 5, "&amp;", 5) == 0)
                out_bytes(&o, "\xEF\xBB\xBF", 3);
            out_bytes(&o, "<", 1);
            i++;
            if (i < len && ascii_isalpha(s[i]))
                tag_tokens = 0;
            if (len - i >= 3 && memcmp(str + i, "!--", 3) == 0) {
                /* A comment, to its first "--" + '>' as libxml2 reads it: nothing inside is
                 * markup, so no CDATA to unwrap; bytes are still made valid. */
                out_bytes(&o, "!--", 3);
                i += 3;
                while (i < len && !(len - i >= 3 && memcmp(str + i, "-->", 3) == 0)) {
                    if (s[i] >= 0x80) {
                        i += prep_utf8(&o, str + i, len - i);
                    } else {
                        out_bytes(&o, s[i] < 0x20 ? " " : str + i, 1);
                        i++;
                    }
                }
            }
        } else if (c == '&') {
            out_bytes(&o, "&amp;", 5);
            i++;
        } else if (c == '<') {
            /* libxml2 shows a CDATA section in HTML as text, markers and all; browsers drop
             * it as a comment. Feeds that wrap twice mean its content, so keep that, as
             * literal text: escaped twice, as our decoder runs after libxml2's. */
            i += 9;
            while (i < len && !(s[i] == ']' && len - i >= 3 && memcmp(str + i, "]]>", 3) == 0)) {
                if (s[i] == '&')
                    out_bytes(&o, "&amp;amp;", 9);
                else if (s[i] == '<')
                    out_bytes(&o, "&amp;lt;", 8);
                else if (s[i] >= 0x80) {
                    i += prep_utf8(&o, str + i, len - i);
                    continue;
                } else if (s[i] >= 0x20 || s[i] == '\n' || s[i] == '\t')
                    out_bytes(&o, str + i, 1);
                i++;
            }
            i += i < len ? 3 : 0;
        } else if (c < 0x80) {
            /* Other controls become U+FEFF, which the builder drops later: removing them here
             * would join what they separate ("&#65\x01;"), unlike the lean path. */
            if (c == '\n' || c == '\t' || c == '\r')
                out_bytes(&o, str + i, 1);
            else
                out_bytes(&o, "\xEF\xBB\xBF", 3);
            i++;
        } else {
            i += prep_utf8(&o, str + i, len - i);
        }
    }
    *out_len = o.len;
    return out_steal(&o);
}

static void element_edge(struct tb *t, enum el_kind k, int *pre_depth, bool entering)
{
    switch (k) {
    case EL_BLOCK:
        tb_break(t, false);
        break;
    case EL_BR:
        if (entering)
            tb_break(t, true);
        break;
    case EL_CELL:
        tb_space(t);
        break;
    case EL_PRE:
        tb_break(t, false);
        *pre_depth += entering ? 1 : -1;
        break;
    default:
        break;
    }
}

static void walk_tree(struct tb *t, xmlDocPtr doc)
{
    int pre_depth = 0;
    xmlNodePtr node = doc->children;
    while (node && !t->full) {
        bool descend = false;
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content)
                tb_text(t, (const char *)node->content, strlen((const char *)node->content), true,
                        pre_depth > 0 ? NL_LINE : NL_SPACE);
        } else if (node->type == XML_ELEMENT_NODE) {
            enum el_kind k = classify_element((const char *)node->name);
            if (k != EL_SKIP) {
                element_edge(t, k, &pre_depth, true);
                if (node->children)
                    descend = true;
                else
                    element_edge(t, k, &pre_depth, false);
            }
        }
        if (descend) {
            node = node->children;
            continue;
        }
        /* Next in document order, leaving (and closing) finished elements on the way up. */
        while (node) {
            if (node->next) {
                node = node->next;
                break;
            }
            node = node->parent;
            if (!node || node->type != XML_ELEMENT_NODE) {
                node = NULL;
                break;
            }
            element_edge(t, classify_element((const char *)node->name), &pre_depth, false);
        }
    }
}

/*
 * The lean path: most feed HTML is a flat run of p, a, img, br, b/i/em/strong, div, lists,
 * headings and the odd table. For those, layout depends only on the sequence of tags, not on the
 * tree (block edges all mean "end the line", inline tags mean nothing), so a tokenizer suffices and
 * is several times faster than building libxml2's tree. Anything whose meaning depends on structure
 * or on libxml2's error recovery (script/style and the other dropped elements, pre, html/head/body,
 * unknown elements, "<!DOCTYPE", "<?", odd attribute syntax, a tag cut off at the end) makes it
 * give up, and the full parser runs instead. The fuzz target checks that both paths yield the same
 * text where the lean one accepts.
 */
static int lean_kind(const char *n, size_t len)
{
    /* Only the elements the table marks as lean; any other makes the lean path give up. */
    const struct html_element *e = html_element_find(n, len);
    return e && (e->flags & HTML_LEAN) ? (int)e->text_kind : -1;
}

/*
 * After the start tag of an element whose contents are dropped: the index past its end tag, or
 * 0 to give up. script and style are raw text to libxml2 (without HTML_PARSE_RECOVER), ending
 * at the first "</" and a letter, which must be their own end tag here; the others are taken
 * only when plain text (no '<') runs up to their end tag, as in an empty <iframe></iframe>.
 */
static size_t lean_skip(const char *str, size_t len, size_t j, const char *name, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    bool raw =
        (n == 6 && memcmp(name, "script", 6) == 0) || (n == 5 && memcmp(name, "style", 5) == 0);
    for (;;) {
        const char *lt = memchr(str + j, '<', len - j);
        if (!lt)
            return 0;
        size_t k = (size_t)(lt - str);
        if (len - k > 2 && s[k + 1] == '/' && ascii_isalpha(s[k + 2])) {
            if (len - k - 2 < n || ascii_strncasecmp(str + k + 2, name, n) != 0)
                return 0;
            size_t e = k + 2 + n;
            while (e < len && is_tag_space(s[e]))
                e++;
            return (e < len && s[e] == '>') ? e + 1 : 0;
        }
        /* "<!" inside: prepare_html treats CDATA and comments specially, so leave it to the
         * full path to agree with itself. */
        if (!raw || (k + 1 < len && s[k + 1] == '!'))
            return 0;
        j = k + 1;
    }
}

/* Parses the tag at s[i] == '<'; returns the index after it, or 0 to give up. */
static size_t lean_tag(struct tb *t, const char *str, size_t len, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t j = i + 1;
    if (j >= len)
        return 0;
    if (s[j] == '!') {
        /* Only a plain comment: "<!--" ... "-->" with no "--" inside (libxml2 and the HTML
         * standard disagree on the odd forms). */
        if (len - j < 6 || s[j + 1] != '-' || s[j + 2] != '-' || s[j + 3] == '>' ||
            (s[j + 3] == '-' && s[j + 4] == '>'))
            return 0;
        for (size_t k = j + 3; k + 1 < len; k++)
            if (s[k] == '-' && s[k + 1] == '-')
                return (k + 2 < len && s[k + 2] == '>') ? k + 3 : 0;
        return 0;
    }
    bool end = s[j] == '/';
    if (end)
        j++;
    if (j >= len || !ascii_isalpha(s[j])) {
        if (end)
            return 0;
        /* '<' not starting a tag ("a < b", "<3") is text, in libxml2 as in browsers. */
        if (s[j] == '_' || s[j] == ':' || s[j] == '?')
            return 0;
        tb_visible(t, "<", 1);
        return i + 1;
    }
    char name[12];
    size_t n = 0;
    while (j < len && (ascii_isalpha(s[j]) || ascii_isdigit(s[j]))) {
        if (n == sizeof name)
            return 0;
        name[n++] = (char)ascii_tolower(s[j++]);
    }
    int kind = lean_kind(name, n);
    if (kind < 0 || (end && (kind == EL_BR || kind == EL_SKIP)))
        return 0;
    bool self_closed = false;
    if (j < len && !is_tag_space(s[j]) && s[j] != '/' && s[j] != '>')
        return 0; /* "<img\xE7src=...": libxml2 recovers its own way */
    /* Attributes: name, optionally '=' and a quoted or plain value. */
    for (;;) {
        while (j < len && is_tag_space(s[j]))
            j++;
        if (j >= len)
            return 0;
        if (s[j] == '>') {
            j++;
            break;
        }
        if (s[j] == '/' && j + 1 < len && s[j + 1] == '>') {
            j += 2;
            self_closed = true; /* libxml2 closes any element written so, even a script */
            break;
        }
        if (end)
            return 0;
        /* Attribute names as libxml2 reads them: a letter (or '_' ':'), then name chars. */
        if (!ascii_isalpha(s[j]) && s[j] != '_' && s[j] != ':')
            return 0;
        while (j < len && (ascii_isalpha(s[j]) || ascii_isdigit(s[j]) || s[j] == '_' ||
                           s[j] == ':' || s[j] == '.' || s[j] == '-'))
            j++;
        if (j >= len || (!is_tag_space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/'))
            return 0;
        while (j < len && is_tag_space(s[j]))
            j++;
        if (j < len && s[j] == '=') {
            j++;
            while (j < len && is_tag_space(s[j]))
                j++;
            if (j >= len)
                return 0;
            if (s[j] == '"' || s[j] == '\'') {
                unsigned char quote = s[j++];
                while (j < len && s[j] != quote) {
                    if (s[j] == '<' || (s[j] < 0x20 && !is_tag_space(s[j])) || s[j] == 0x7F)
                        return 0;
                    j++;
                }
                if (j >= len)
                    return 0;
                j++;
            } else {
                size_t v = j;
                while (j < len && !is_tag_space(s[j]) && s[j] != '>') {
                    if (s[j] == '"' || s[j] == '\'' || s[j] == '<' || s[j] == '=' || s[j] == '`' ||
                        s[j] <= 0x20 || s[j] >= 0x7F)
                        return 0;
                    j++;
                }
                if (j == v)
                    return 0;
            }
        }
    }
    if (kind == EL_BLOCK)
        tb_break(t, false);
    else if (kind == EL_BR)
        tb_break(t, true);
    else if (kind == EL_CELL)
        tb_space(t);
    else if (kind == EL_SKIP && !self_closed)
        return lean_skip(str, len, j, name, n);
    return j;
}

/* Returns false, with the builder as it found it, when the fragment needs the full parser. */
static bool lean_html(struct tb *t, const char *html, size_t len)
{
    size_t len0 = t->o.len;
    int nl0 = t->pend_nl;
    bool sp0 = t->pend_space;
    size_t i = 0;
    while (i < len && !t->full) {
        const char *lt = memchr(html + i, '<', len - i);
        size_t stop = lt ? (size_t)(lt - html) : len;
        if (stop > i)
            tb_text(t, html + i, stop - i, true, NL_SPACE);
        if (!lt || t->full)
            break;
        size_t next = lean_tag(t, html, len, stop);
        if (next == 0) {
            t->o.len = len0;
            t->pend_nl = nl0;
            t->pend_space = sp0;
            t->full = false;
            return false;
        }
        i = next;
    }
    return true;
}

static void html_full(struct tb *t, const char *html, size_t len)
{
    size_t plen;
    char *prepared = prepare_html(html, len, &plen);
    if (plen > INT32_MAX)
        plen = INT32_MAX; /* callers cap input far below this */
    /* Untrusted input: no network, no error output, the encoding forced (IGNORE_ENC: a
     * <meta charset> inside must not switch it mid-parse), never XML_PARSE_HUGE (libxml2's
     * depth and size limits stay on). Not NOBLANKS: it drops the space in "<b>a</b><img> <b>b</b>"
     * or "<time>a</time> <time>b</time>". NODEFDTD and COMPACT just save allocations. */
    int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NODEFDTD |
               HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    /* markup_html_parse cuts attribute floods that prepare_html's own cap cannot see
     * ("a='1'b='2'" without spaces, a '>' inside a quoted value). */
    htmlDocPtr doc = markup_html_parse(prepared, plen, opts, NULL, NULL);
    if (doc) {
        walk_tree(t, doc);
        xmlFreeDoc(doc);
    }
    free(prepared);
}

static void html_into(struct tb *t, const char *html, size_t len)
{
    if (!memchr(html, '<', len))
        tb_text(t, html, len, true, NL_PARAGRAPH);
    else if (!lean_html(t, html, len))
        html_full(t, html, len);
}

char *text_html_lean(const char *html, size_t len, enum text_mode mode)
{
    struct tb t;
    tb_init(&t, mode, 0, len);
    if (!lean_html(&t, html, len)) {
        free(t.o.p);
        return NULL;
    }
    return out_steal(&t.o);
}

char *text_html_full(const char *html, size_t len, enum text_mode mode)
{
    struct tb t;
    tb_init(&t, mode, 0, len);
    html_full(&t, html, len);
    return out_steal(&t.o);
}

char *text_from_html(const char *html, size_t len, enum text_mode mode, size_t max_bytes)
{
    if (!html) {
        html = "";
        len = 0;
    }
    struct tb t;
    if (mode == TEXT_INLINE) {
        /* A title may be escaped twice ("&amp;amp;", "&lt;b&gt;"): what is left of markup
         * and references after one round gets a second, as feed readers do. */
        tb_init(&t, mode, 0, len);
        html_into(&t, html, len);
        char *once = out_steal(&t.o);
        size_t n = strlen(once);
        if (!memchr(once, '<', n) && !memchr(once, '&', n)) {
            if (max_bytes && n > max_bytes) {
                char *cut = text_truncate(once, max_bytes);
                free(once);
                return cut;
            }
            return once;
        }
        tb_init(&t, mode, max_bytes, n);
        html_into(&t, once, n);
        free(once);
        return tb_finish(&t, max_bytes);
    }
    tb_init(&t, mode, max_bytes, len);
    html_into(&t, html, len);
    return tb_finish(&t, max_bytes);
}

void text_init(void)
{
    xmlInitParser();
}
