/*
 * Sentence splitting (see sentence.h). One pass over each line: at every terminator we look
 * at what precedes it (the token before a full stop) and what follows (whitespace, then the
 * next word's case). Lower case after a full stop never starts a sentence in German or English
 * news, so most abbreviations are handled by that alone; the lists below settle the cases
 * where a capital follows (Dr. Müller, am 3. Oktober, U.S. Army). Where a token is ambiguous
 * ("U.S.", "Inc.", an initial) the next word decides: a word that typically opens a sentence
 * ("The", "Die", "Er") splits, anything else does not.
 */
#include "core/sentence.h"

#include "core/words.h"
#include "core/text.h"
#include "core/util.h"

#include <string.h>

/* Tokens (without the final dot) after which a full stop never ends a sentence. */
/* clang-format off */
static const char *const never_end[] = {
    /* German */
    "Abb", "Abs", "Art", "Aufl", "Bd", "Bsp", "bzw", "ca", "Dipl", "Dr", "evtl", "exkl", "Fa",
    "geb", "gem", "gest", "ggf", "Hr", "Hrsg", "hrsg", "inkl", "Ing", "Jh", "Jhd", "Kap",
    "lt", "Mag", "Mio", "Mrd", "Nr", "Prof", "sog", "St", "Str", "Tel", "Tsd", "usf", "vgl",
    "Vgl", "zzgl", "Ziff", "Okt", "Dez", "Mär", "z.B", "z.T", "u.a", "d.h", "i.d.R", "u.U",
    "o.ä", "o.Ä", "s.o", "s.u", "v.a", "z.Zt", "u.v.m", "bspw", "zB", "Pkt",
    /* English */
    "Mr", "Mrs", "Ms", "Mt", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Capt", "Sgt", "Cpl",
    "Adm", "Supt", "Rev", "Hon", "Messrs", "vs", "No", "Nos", "approx", "Fig", "fig", "e.g",
    "i.e", "cf", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
    "Dec", "Ave", "Blvd", "Dept", "Univ", "est", "Pres",
};
/* clang-format on */

/* Tokens that may end a sentence: they do when a typical sentence opener follows. */
/* clang-format off */
static const char *const may_end[] = {
    "etc", "usw", "Inc", "Ltd", "Co", "Corp", "Bros", "Jr", "Sr", "ff", "Chr", "e.V", "a.D",
    "U.S", "U.K", "U.N", "E.U", "a.m", "p.m", "D.C", "U.S.A", "B.C", "A.D",
};
/* clang-format on */

/* Words after a number-dot that make it an ordinal (am 3. Oktober, im 20. Jahrhundert). */
/* clang-format off */
static const char *const ordinal_nouns[] = {
    "Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "Jan", "Feb", "Mär", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Okt", "Nov", "Dez", "Jahrhundert", "Jahrhunderts", "Jahrtausend",
    "Jahrtausends", "Bundesliga", "Liga", "Klasse", "Platz", "Platzes", "Stock", "Etage",
    "Weltkrieg", "Weltkriegs", "Weltkrieges", "Spieltag", "Spieltags", "Runde", "Quartal",
    "Quartals", "Halbjahr", "Halbjahres", "FC", "Advent", "Adventssonntag", "Lebensjahr",
    "Lebensjahres", "Geburtstag", "Jahrestag", "Mal", "Amendment", "Kammer", "Senat",
    "Strafsenat", "Zivilsenat", "Armee", "Kompanie", "Parteitag", "Grades", "Ordnung",
    "Sitzung", "Lesung", "Wahlgang", "Bauabschnitt", "Stufe", "Sinfonie", "Symphonie",
    "Satz", "Akt", "Staffel", "Folge", "Auflage", "Ausgabe", "Jahrgang", "Bezirk",
};
/* clang-format on */

/* Capitalised words that typically open a sentence: after an ambiguous token they split. */
/* clang-format off */
static const char *const openers[] = {
    /* English */
    "A", "After", "Although", "An", "And", "As", "At", "Before", "But", "By", "During",
    "Each", "For", "From", "He", "Her", "His", "However", "I", "If", "In", "It", "Its",
    "Last", "Many", "Meanwhile", "Most", "Now", "On", "One", "Our", "She", "Since", "Some",
    "Still", "That", "The", "Their", "Then", "There", "These", "They", "This", "Those",
    "Under", "We", "What", "When", "While", "Who", "With", "Yet", "Officials", "Police",
    /* German */
    "Aber", "Alle", "Allerdings", "Als", "Am", "Auch", "Auf", "Aus", "Außerdem", "Bei",
    "Bereits", "Bis", "Da", "Dabei", "Daher", "Damit", "Danach", "Dann", "Das", "Dass",
    "Dem", "Den", "Der", "Derzeit", "Des", "Deshalb", "Die", "Dies", "Diese", "Diesem",
    "Diesen", "Dieser", "Dieses", "Doch", "Dort", "Du", "Ein", "Eine", "Einem", "Einen",
    "Einer", "Er", "Es", "Für", "Gestern", "Heute", "Hier", "Ich", "Ihr", "Ihre", "Im",
    "Immer", "Inzwischen", "Jedoch", "Kein", "Keine", "Laut", "Man", "Mit", "Nach", "Noch",
    "Nun", "Nur", "Ob", "Obwohl", "Oder", "Seit", "Sein", "Seine", "Sie", "So", "Trotzdem",
    "Um", "Und", "Unter", "Viele", "Vor", "Während", "Was", "Weil", "Wenn", "Wer", "Wie",
    "Wir", "Wo", "Zudem", "Zum", "Zur", "Zuvor",
};
/* clang-format on */

static bool in_list(const char *const *list, size_t n, const char *s, size_t len)
{
    if (len == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return true;
    return false;
}

/* UTF-8 sequences that close a quotation or bracket after a terminator. */
static size_t closer_len(const char *s, size_t n)
{
    /* clang-format off */
    static const char *const closers[] = {
        "\"", "'", ")", "]", "\xC2\xBB", "\xC2\xAB", "\xE2\x80\x9C", "\xE2\x80\x9D",
        "\xE2\x80\x99", "\xE2\x80\x98", "\xE2\x80\xBA", "\xE2\x80\xB9",
        "\xE3\x80\x8D", "\xE3\x80\x8F", /* 」』 */
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(closers); i++) {
        size_t k = strlen(closers[i]);
        if (k <= n && memcmp(s, closers[i], k) == 0)
            return k;
    }
    return 0;
}

/* UTF-8 sequences that open a quotation or bracket before a sentence's first word. */
static size_t opener_len(const char *s, size_t n)
{
    /* clang-format off */
    static const char *const ops[] = {
        "\"", "'", "(", "[", "\xC2\xBB", "\xC2\xAB", "\xE2\x80\x9E", "\xE2\x80\x9C",
        "\xE2\x80\x9A", "\xE2\x80\x98", "\xE2\x80\xBA", "\xE2\x80\xB9", "\xC2\xBF",
        "\xC2\xA1", "\xE3\x80\x8C", "\xE3\x80\x8E", /* 「『 */
    };
    /* clang-format on */
    for (size_t i = 0; i < ARRAY_LEN(ops); i++) {
        size_t k = strlen(ops[i]);
        if (k <= n && memcmp(s, ops[i], k) == 0)
            return k;
    }
    return 0;
}

static bool is_space(const char *s, size_t n, size_t *adv)
{
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
        *adv = 1;
        return true;
    }
    /* U+00A0 no-break space, U+202F narrow no-break space, U+2009 thin space */
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) {
        *adv = 2;
        return true;
    }
    if (n >= 3 && c == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0xAF || (unsigned char)s[2] == 0x89)) {
        *adv = 3;
        return true;
    }
    return false;
}

enum next_kind { NEXT_END, NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT, NEXT_OTHER };

/* Classifies the word starting at s (after any opening quotes) and returns its extent in
 * *word / *wlen (letters, digits and inner dots or hyphens). */
static enum next_kind next_word(const char *s, size_t n, const char **word, size_t *wlen)
{
    size_t i = 0, k;
    while (i < n && (k = opener_len(s + i, n - i)) > 0)
        i += k;
    *word = s + i;
    *wlen = 0;
    if (i >= n)
        return NEXT_END;
    size_t j = i;
    while (j < n) {
        uint32_t cp;
        size_t adv = text_utf8_decode_bytewise(s + j, n - j, &cp);
        if (!words_is_word_cp(cp))
            break;
        j += adv;
    }
    *wlen = j - i;
    uint32_t cp;
    text_utf8_decode_bytewise(s + i, n - i, &cp);
    if (cp >= '0' && cp <= '9')
        return NEXT_DIGIT;
    switch (words_case_of(cp)) {
    case WORDS_CASE_LOWER:
        return NEXT_LOWER;
    case WORDS_CASE_UPPER:
        return NEXT_UPPER;
    default:
        return NEXT_OTHER;
    }
}

static bool all_digits(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!ascii_isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* "z.B", "U.S", "i.d.R": segments of at most three letters joined by dots. */
static bool multi_dot_abbrev(const char *s, size_t n)
{
    size_t seg = 0, dots = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t adv = text_utf8_decode_bytewise(s + i, n - i, &cp);
        if (cp == '.') {
            if (seg == 0)
                return false;
            dots++;
            seg = 0;
        } else if (words_case_of(cp) != WORDS_CASE_OTHER) {
            if (++seg > 3)
                return false;
        } else {
            return false;
        }
        i += adv;
    }
    return dots > 0 && seg > 0;
}

/* A single letter: an initial (J.), or part of a spaced abbreviation (z. B.). */
static bool single_letter(const char *s, size_t n)
{
    if (n == 0)
        return false;
    uint32_t cp;
    size_t adv = text_utf8_decode_bytewise(s, n, &cp);
    return adv == n && words_case_of(cp) != WORDS_CASE_OTHER;
}

/*
 * Decides whether the full stop at text[dot] ends a sentence, given the line start `ls` and the
 * next word. `tok` is the token before the dot.
 */
static bool full_stop_ends(const char *text, size_t ls, size_t dot, enum next_kind nk,
                           const char *nw, size_t nwlen, const char *lang)
{
    size_t ts = dot;
    while (ts > ls) {
        unsigned char c = (unsigned char)text[ts - 1];
        if (c == ' ' || c == '\t' || c == '(' || c == '[' || c == '"' || c == '/')
            break;
        /* a no-break space (C2 A0) or U+2009 / U+202F ends the token too */
        if (c == 0xA0 && ts >= ls + 2 && (unsigned char)text[ts - 2] == 0xC2)
            break;
        if ((c == 0x89 || c == 0xAF) && ts >= ls + 3 && (unsigned char)text[ts - 2] == 0x80 &&
            (unsigned char)text[ts - 3] == 0xE2)
            break;
        ts--;
    }
    /* Skip opening quotes at the token's start. */
    for (size_t k; ts < dot && (k = opener_len(text + ts, dot - ts)) > 0 && k < dot - ts;)
        ts += k;
    const char *tok = text + ts;
    size_t tlen = dot - ts;
    bool opener = nk == NEXT_UPPER && in_list(openers, ARRAY_LEN(openers), nw, nwlen);
    bool german = !lang || !*lang || !strcmp(lang, "de");

    if (tlen == 0)
        return true;
    if (all_digits(tok, tlen)) {
        if (nk == NEXT_UPPER && in_list(ordinal_nouns, ARRAY_LEN(ordinal_nouns), nw, nwlen))
            return false;
        /* German ordinals before nouns ("der 3. Versuch") look like a sentence end; a short
         * number followed by anything but a typical opener is taken as an ordinal. */
        if (german && tlen <= 2 && nk == NEXT_UPPER && !opener)
            return false;
        return true;
    }
    if (in_list(never_end, ARRAY_LEN(never_end), tok, tlen))
        return false;
    /* German street names: "Hauptstr. 5", "Goethestr. Ecke ..." */
    if (german && tlen > 3 && !memcmp(tok + tlen - 3, "str", 3))
        return false;
    if (single_letter(tok, tlen)) {
        /* z. B. / u. a. / d. h.: the second letter of a spaced abbreviation. */
        if (ts >= ls + 3 && text[ts - 1] == ' ' && text[ts - 2] == '.') {
            size_t ps = ts - 2;
            while (ps > ls && text[ps - 1] != ' ')
                ps--;
            uint32_t cp;
            if (single_letter(text + ps, ts - 2 - ps) &&
                (text_utf8_decode_bytewise(text + ps, ts - 2 - ps, &cp),
                 words_case_of(cp) == WORDS_CASE_LOWER))
                return false;
        }
        return opener;
    }
    if (in_list(may_end, ARRAY_LEN(may_end), tok, tlen) || multi_dot_abbrev(tok, tlen))
        return opener;
    return true;
}

/* Bytes of a CJK full stop, exclamation or question mark (U+3002, U+FF01, U+FF1F) at s. */
static size_t cjk_stop_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82)
        return 3;
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F))
        return 3;
    return 0;
}

static void push(struct sentence_span **arr, size_t *n, size_t *cap, const char *text, size_t start,
                 size_t end, size_t line)
{
    size_t adv;
    while (start < end && is_space(text + start, end - start, &adv))
        start += adv;
    /* trailing spaces and no-break spaces, in any mix */
    for (;;) {
        if (end > start && ascii_isspace((unsigned char)text[end - 1]))
            end--;
        else if (end >= start + 2 && (unsigned char)text[end - 2] == 0xC2 &&
                 (unsigned char)text[end - 1] == 0xA0)
            end -= 2;
        else
            break;
    }
    if (end <= start)
        return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *arr = xreallocarray(*arr, *cap, sizeof **arr);
    }
    (*arr)[(*n)++] = (struct sentence_span){start, end - start, line};
}

static void split_line(const char *text, size_t ls, size_t le, size_t line, const char *lang,
                       struct sentence_span **arr, size_t *n, size_t *cap)
{
    size_t s = ls, i = ls;
    while (i < le) {
        unsigned char c = (unsigned char)text[i];
        bool ellipsis = false, stop = false;
        size_t t;
        if (c == '.') {
            t = i;
            while (t < le && text[t] == '.')
                t++;
            if (t - i >= 2)
                ellipsis = true;
            else
                stop = true;
            /* "?." / ".!" runs */
            while (t < le && (text[t] == '!' || text[t] == '?'))
                t++, stop = false;
        } else if (c == '!' || c == '?') {
            t = i;
            while (t < le && (text[t] == '!' || text[t] == '?' || text[t] == '.'))
                t++;
        } else if (c == 0xE2 && i + 2 < le && (unsigned char)text[i + 1] == 0x80 &&
                   (unsigned char)text[i + 2] == 0xA6) {
            ellipsis = true;
            t = i + 3;
            while (t < le && (text[t] == '.' || text[t] == '!' || text[t] == '?'))
                t++;
        } else if (cjk_stop_len(text + i, le - i)) {
            /* 。！？ end a sentence in Chinese and Japanese, where no space follows */
            size_t t2 = i + cjk_stop_len(text + i, le - i), k;
            while (t2 < le && (k = closer_len(text + t2, le - t2)) > 0)
                t2 += k;
            size_t nx = t2, adv;
            while (nx < le && is_space(text + nx, le - nx, &adv))
                nx += adv;
            push(arr, n, cap, text, s, t2, line);
            s = nx;
            i = nx;
            continue;
        } else {
            i++;
            continue;
        }
        /* "[...]" and "(!)" mark omissions or asides, not ends. */
        bool bracketed = i > ls && (text[i - 1] == '[' || text[i - 1] == '(');
        size_t after = t, k;
        while (after < le && (k = closer_len(text + after, le - after)) > 0)
            after += k;
        size_t adv;
        if (after >= le || !is_space(text + after, le - after, &adv) || bracketed) {
            i = t > i ? t : i + 1;
            continue;
        }
        size_t nx = after;
        while (nx < le && is_space(text + nx, le - nx, &adv))
            nx += adv;
        const char *nw;
        size_t nwlen;
        enum next_kind nk = next_word(text + nx, le - nx, &nw, &nwlen);
        bool ends;
        if (nk == NEXT_END)
            ends = true;
        else if (nk == NEXT_LOWER)
            ends = false;
        else if (stop)
            ends = full_stop_ends(text, ls, i, nk, nw, nwlen, lang);
        else
            ends = true;
        (void)ellipsis;
        if (ends) {
            push(arr, n, cap, text, s, after, line);
            s = nx;
            i = nx;
        } else {
            i = t;
        }
    }
    push(arr, n, cap, text, s, le, line);
}

size_t sentence_split(const char *text, size_t len, const char *lang, struct sentence_span **out)
{
    struct sentence_span *arr = NULL;
    size_t n = 0, cap = 0, line = 0, ls = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            split_line(text, ls, i, line, lang, &arr, &n, &cap);
            line++;
            ls = i + 1;
        }
    }
    *out = arr;
    return n;
}
