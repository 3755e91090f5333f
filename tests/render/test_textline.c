/*
 * Tests for render/textline with the real bundled font and this machine's real fallback fonts:
 * no missing glyphs for the fixture headlines, deterministic bytes, chunking, the queue,
 * baseline alignment of mixed fonts, bidi order, Arabic joining, and golden coverage hashes.
 *
 * A script whose font is not installed is reported as SKIP, never as passed.
 *
 * Golden hashes (tests/data/text-fixtures/golden-coverage.txt) cover lines drawn with the
 * bundled DejaVu fonts only (no fallbacks), so they do not depend on the machine's fonts.
 * Regenerate them on purpose, after looking at the output, with:
 *     build/tests/test_textline --write-golden tests/data/text-fixtures/golden-coverage.txt
 */
#include "check.h"
#include "core/util.h"
#include "render/blend.h"
#include "font_testutil.h"
#include "render/textline.h"

#include <stdlib.h>
#include <time.h>

#define FIXTURES TICKER_TEST_DATA "/text-fixtures/headlines.txt"
#define GOLDEN   TICKER_TEST_DATA "/text-fixtures/golden-coverage.txt"

/* ---- fixtures ---- */

/* Copies at most cap - 1 bytes and terminates (snprintf("%s") warns about truncation). */
static void copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

struct fixture {
    char label[16];
    char text[1024];
};

static size_t load_fixtures(struct fixture *out, size_t max)
{
    FILE *f = fopen(FIXTURES, "r");
    CHECK_MSG(f != NULL, "cannot open %s", FIXTURES);
    if (!f)
        return 0;
    char line[1200];
    size_t n = 0;
    while (n < max && fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        copy_str(out[n].label, sizeof(out[n].label), line);
        copy_str(out[n].text, sizeof(out[n].text), tab + 1);
        n++;
    }
    fclose(f);
    return n;
}

/* The code point whose font a fixture label needs (0: the bundled font covers it). */
static uint32_t label_needs(const char *label)
{
    static const struct {
        const char *label;
        uint32_t cp;
    } needs[] = {{"chinese", 0x4E2D}, {"japanese", 0x3042}, {"korean", 0xAC00}, {"emoji", 0x26BD}};
    for (size_t i = 0; i < ARRAY_LEN(needs); i++)
        if (strcmp(label, needs[i].label) == 0)
            return needs[i].cp;
    return 0;
}

/* ---- helpers ---- */

static struct textline *render(struct font_set *fs, const char *s, int px, int max_w)
{
    struct text_style st = {.px = px};
    struct error err = {0};
    struct textline *l = textline_render(fs, s, strlen(s), &st, max_w, &err);
    CHECK_MSG(l != NULL, "%s", err.msg);
    return l;
}

static int width_of(struct font_set *fs, const char *s, int px)
{
    struct textline *l = render(fs, s, px, 1 << 20);
    int w = l ? l->width : 0;
    textline_free(l);
    return w;
}

/* The line's coverage as one width x height array (caller frees). */
static uint8_t *flatten(const struct textline *l)
{
    uint8_t *p = xcalloc((size_t)(l->width ? l->width : 1) * (size_t)l->height, 1);
    for (int y = 0; y < l->height; y++)
        for (int x = 0; x < l->width; x++)
            p[(size_t)y * (size_t)l->width + (size_t)x] = textline_coverage_at(l, x, y);
    return p;
}

static bool lines_equal(const struct textline *a, const struct textline *b)
{
    if (!a || !b || a->width != b->width || a->height != b->height || a->ascent != b->ascent)
        return false;
    uint8_t *pa = flatten(a), *pb = flatten(b);
    bool eq = memcmp(pa, pb, (size_t)(a->width ? a->width : 1) * (size_t)a->height) == 0;
    free(pa);
    free(pb);
    return eq;
}

static uint64_t line_hash(const struct textline *l)
{
    uint8_t *p = flatten(l);
    uint64_t h = hash_fnv1a64(p, (size_t)l->width * (size_t)l->height, HASH_FNV1A64_INIT);
    char dims[48];
    int n = snprintf(dims, sizeof(dims), "%d %d %d", l->width, l->height, l->ascent);
    h = hash_fnv1a64(dims, (size_t)n, h);
    free(p);
    return h;
}

/* Ink rows (coverage >= 128) within columns [x0, x1): first and last, or -1. */
static void ink_rows(const struct textline *l, int x0, int x1, int *top, int *bottom)
{
    *top = *bottom = -1;
    for (int y = 0; y < l->height; y++)
        for (int x = x0; x < x1; x++)
            if (textline_coverage_at(l, x, y) >= 128) {
                if (*top < 0)
                    *top = y;
                *bottom = y;
                break;
            }
}

/* Where does the ink of `t` (a line rendered alone) best match inside columns [x0, x1) of
 * `l`? Sum of absolute differences over the template's ink columns; returns the best x. */
static int find_template(const struct textline *l, const struct textline *t, int x0, int x1)
{
    int tx0 = t->width, tx1 = 0;
    for (int x = 0; x < t->width; x++)
        for (int y = 0; y < t->height; y++)
            if (textline_coverage_at(t, x, y)) {
                tx0 = x < tx0 ? x : tx0;
                tx1 = x + 1 > tx1 ? x + 1 : tx1;
            }
    int tw = tx1 - tx0, best_x = -1;
    long best = -1;
    for (int x = x0; x + tw <= x1; x++) {
        long sad = 0;
        for (int y = 0; y < l->height && y < t->height; y++)
            for (int k = 0; k < tw; k++) {
                int d = textline_coverage_at(l, x + k, y) - textline_coverage_at(t, tx0 + k, y);
                sad += d < 0 ? -d : d;
            }
        if (best < 0 || sad < best) {
            best = sad;
            best_x = x;
        }
    }
    return best_x;
}

/* ---- tests ---- */

static void test_fixtures(struct font_set *fs, struct font_set *bundled_only)
{
    struct fixture fx[32];
    size_t n = load_fixtures(fx, ARRAY_LEN(fx));
    CHECK(n >= 10);
    for (size_t i = 0; i < n; i++) {
        uint32_t need = label_needs(fx[i].label);
        if (need && !installed_font_has(need)) {
            printf("(%s) ", fx[i].label);
            skip("fixture: no font installed for its script");
            continue;
        }
        /* Latin, Greek, Cyrillic, Arabic, Hebrew: the bundled fonts alone suffice. */
        struct font_set *set = need ? fs : bundled_only;
        size_t len = strlen(fx[i].text);
        CHECK_MSG(font_set_count_missing(set, fx[i].text, len) == 0, "%s: %s", fx[i].label,
                  fx[i].text);
        struct textline *a = render(set, fx[i].text, 54, TEXTLINE_HEADLESS_MAX_W);
        struct textline *b = render(set, fx[i].text, 54, TEXTLINE_HEADLESS_MAX_W);
        CHECK_MSG(a && a->missing == 0, "%s", fx[i].label);
        CHECK_MSG(a && a->width > 54 * 8, "%s: width %d", fx[i].label, a ? a->width : 0);
        CHECK_MSG(lines_equal(a, b), "%s: not deterministic", fx[i].label);
        /* Coverage, not a bitmap: full ink and antialiased edges both occur. */
        int full = 0, partial = 0;
        for (int y = 0; a && y < a->height; y++)
            for (int x = 0; x < a->width; x++) {
                uint8_t v = textline_coverage_at(a, x, y);
                full += v == 255;
                partial += v > 0 && v < 255;
            }
        CHECK_MSG(full > 100 && partial > 100, "%s: %d full, %d partial", fx[i].label, full,
                  partial);
        textline_free(a);
        textline_free(b);
    }
}

static void test_fresh_set_same_bytes(struct font_set *fs)
{
    const char *s = "Stra\xc3\x9f"
                    "enbahn f\xc3\xa4hrt \xe2\x80\x93 3,50 \xe2\x82\xac";
    struct font_set *other = font_set_new(NULL, NULL);
    CHECK(other != NULL);
    if (!other)
        return;
    struct textline *a = render(fs, s, 40, 2048), *b = render(other, s, 40, 2048);
    CHECK(lines_equal(a, b));
    textline_free(a);
    textline_free(b);
    font_set_free(other);
}

static void test_empty_and_odd_input(struct font_set *fs)
{
    struct textline *l = render(fs, "", 54, 2048);
    CHECK(l && l->width == 0 && l->n_chunks == 0 && l->height > 0);
    textline_free(l);
    l = render(fs, "\xe2\x80\x8d\xef\xb8\x8f", 54, 2048); /* only ignorables */
    CHECK(l && l->width == 0 && l->n_chunks == 0);
    textline_free(l);
    /* Controls become spaces; an invalid byte draws (and counts) one missing glyph. */
    struct textline *tab = render(fs, "a\tb", 54, 2048), *sp = render(fs, "a b", 54, 2048);
    CHECK(lines_equal(tab, sp));
    textline_free(tab);
    textline_free(sp);
    l = render(fs, "x\xffy", 54, 2048);
    CHECK(l && l->missing == 1 && l->width > 0);
    textline_free(l);
    struct text_style bad = {.px = 1};
    struct error err = {0};
    CHECK(textline_render(fs, "x", 1, &bad, 2048, &err) == NULL);
    CHECK(strstr(err.msg, "1 px") != NULL);
    /* Far too long input is cut, not refused. */
    char *big = xmalloc(TEXTLINE_MAX_BYTES * 2 + 1);
    memset(big, 'i', TEXTLINE_MAX_BYTES * 2);
    big[TEXTLINE_MAX_BYTES * 2] = '\0';
    struct textline *cut = render(fs, big, 10, 2048);
    big[TEXTLINE_MAX_BYTES] = '\0';
    struct textline *exact = render(fs, big, 10, 2048);
    CHECK(lines_equal(cut, exact));
    textline_free(cut);
    textline_free(exact);
    free(big);
}

static void test_chunks(struct font_set *fs)
{
    /* A headline well over 5000 px at 54 px. */
    char s[1024] = "";
    while (strlen(s) < 200)
        strcat(s, "Stra\xc3\x9f"
                  "enbahn f\xc3\xa4hrt wieder \xe2\x80\x93 ");
    struct textline *whole = render(fs, s, 54, 1 << 20);
    CHECK(whole && whole->width > 5000 && whole->n_chunks == 1);
    static const int limits[] = {2048, 4096, 1000, 64};
    for (size_t k = 0; k < ARRAY_LEN(limits); k++) {
        struct textline *c = render(fs, s, 54, limits[k]);
        CHECK_MSG(c != NULL, "limit %d: no line", limits[k]);
        if (!c || !whole)
            continue;
        int x = 0;
        for (size_t i = 0; i < c->n_chunks; i++) {
            const struct textline_chunk *ch = &c->chunks[i];
            CHECK_MSG(ch->x == x && ch->w > 0 && ch->w <= limits[k] && ch->pitch >= ch->w,
                      "limit %d, chunk %zu: x %d (want %d), w %d, pitch %d", limits[k], i, ch->x, x,
                      ch->w, ch->pitch);
            x += ch->w;
        }
        CHECK_MSG(x == c->width, "limit %d: chunks cover %d px of %d", limits[k], x, c->width);
        CHECK_INT(c->n_chunks, (size_t)((whole->width + limits[k] - 1) / limits[k]));
        CHECK_MSG(lines_equal(c, whole), "chunks of %d differ from the whole line", limits[k]);
        textline_free(c);
    }
    textline_free(whole);
}

static void test_queue(struct font_set *fs)
{
    const char *texts[] = {
        "Council approves new cycle lanes \xe2\x80\x94 work starts in May",
        ("abc \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d def \xd8\xb3\xd9\x84\xd8\xa7\xd9\x85 "
         "\xd8\xb9\xd9\x84\xd9\x8a\xd9\x83\xd9\x85"),
        "",
    };
    struct text_style st = {.px = 30};
    struct textline_queue *q = textline_queue_new(fs, 256);
    CHECK(textline_pump(q, 1)); /* nothing to do */
    uint32_t ids[3];
    for (size_t i = 0; i < 3; i++)
        ids[i] = textline_queue_push(q, texts[i], strlen(texts[i]), &st);
    CHECK(ids[0] != 0 && ids[0] != ids[1] && ids[1] != ids[2]);
    uint32_t dropped = textline_queue_push(q, "dropped", 7, &st);
    textline_queue_cancel(q, dropped);
    textline_queue_cancel(q, 9999);
    CHECK_INT(textline_queue_pending(q), 3);
    CHECK(textline_queue_take(q, ids[0]) == NULL); /* not started */
    int calls = 0;
    while (!textline_pump(q, 1))
        calls++;
    CHECK(calls > 6); /* budget 1 really splits the work */
    for (size_t i = 0; i < 3; i++) {
        struct textline *got = textline_queue_take(q, ids[i]);
        struct textline *want = render(fs, texts[i], 30, 256);
        CHECK_MSG(got && lines_equal(got, want), "queued line %zu differs", i);
        textline_free(got);
        textline_free(want);
        CHECK_MSG(textline_queue_take(q, ids[i]) == NULL, "line %zu taken twice", i);
    }
    CHECK_INT(textline_queue_pending(q), 0);
    /* Unfinished and untaken work is freed with the queue (checked by LeakSanitizer). */
    textline_queue_push(q, texts[0], strlen(texts[0]), &st);
    textline_queue_push(q, texts[1], strlen(texts[1]), &st);
    textline_pump(q, 3);
    textline_queue_free(q);
}

static void test_baseline(struct font_set *fs)
{
    /* "H", fullwidth "Ｈ" (a fallback font only), "H": each sits on the baseline. */
    if (!installed_font_has(0xFF28)) {
        skip("baseline: no font with fullwidth Latin");
        return;
    }
    const int px = 54;
    const char *s = "H\xef\xbc\xa8H";
    struct textline *l = render(fs, s, px, 2048);
    int wh = width_of(fs, "H", px), wf = width_of(fs, "\xef\xbc\xa8", px);
    CHECK(l && l->width == 2 * wh + wf);
    if (!l)
        return;
    int t1, b1, t2, b2, t3, b3;
    ink_rows(l, 0, wh, &t1, &b1);
    ink_rows(l, wh, wh + wf, &t2, &b2);
    ink_rows(l, wh + wf, l->width, &t3, &b3);
    CHECK_INT(b1, l->ascent - 1);
    CHECK_INT(b3, l->ascent - 1);
    CHECK_MSG(b2 >= l->ascent - 2 && b2 <= l->ascent, "fallback bottom %d, baseline %d", b2,
              l->ascent);
    CHECK_INT(t1, t3);
    /* Cap heights matched by the fallback's size: within 10% of the em. */
    CHECK_MSG(abs(t2 - t1) <= px / 10, "cap tops %d vs %d", t1, t2);
    textline_free(l);
}

static void test_bidi_order(struct font_set *fs)
{
    const int px = 40;
    const char *shin = "\xd7\xa9", *final_mem = "\xd7\x9d";
    /* LTR paragraph: the Hebrew run sits between the Latin runs, its letters reversed. */
    const char *s = "abc \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d def"; /* abc שלום def */
    struct textline *l = render(fs, s, px, 2048);
    int wa = width_of(fs, "abc ", px), wd = width_of(fs, " def", px);
    int wh = width_of(fs, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", px);
    CHECK(l && l->width == wa + wh + wd);
    struct textline *ts = render(fs, shin, px, 2048), *tm = render(fs, final_mem, px, 2048);
    if (l && ts && tm) {
        int xs = find_template(l, ts, wa, wa + wh), xm = find_template(l, tm, wa, wa + wh);
        CHECK_MSG(xs > xm, "shin at %d, final mem at %d: the Hebrew run is not reversed", xs, xm);
        /* Latin stays in place: "abc " and " def" match their own renderings. */
        struct textline *ta = render(fs, "abc", px, 2048);
        CHECK_INT(find_template(l, ta, 0, l->width), find_template(ta, ta, 0, ta->width));
        textline_free(ta);
    }
    textline_free(l);
    /* RTL paragraph: the first word is on the right. */
    const char *w1 = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", *w2 = "\xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d";
    char both[64];
    snprintf(both, sizeof(both), "%s %s", w1, w2); /* שלום עולם */
    l = render(fs, both, px, 2048);
    struct textline *t1 = render(fs, w1, px, 2048), *t2 = render(fs, w2, px, 2048);
    if (l && t1 && t2)
        CHECK(find_template(l, t1, 0, l->width) > find_template(l, t2, 0, l->width));
    /* Level 2 inside an RTL paragraph: the Latin run keeps its own order. */
    char nested[96];
    snprintf(nested, sizeof(nested), "%s ABC %s", w1, w2); /* שלום ABC עולם */
    struct textline *n = render(fs, nested, px, 2048);
    struct textline *ta = render(fs, "A", px, 2048), *tc = render(fs, "C", px, 2048);
    if (n && t1 && t2 && ta && tc) {
        int x1 = find_template(n, t1, 0, n->width), x2 = find_template(n, t2, 0, n->width);
        int xa = find_template(n, ta, 0, n->width), xc = find_template(n, tc, 0, n->width);
        CHECK_MSG(x2 < xa && xa < xc && xc < x1, "order %d %d %d %d", x2, xa, xc, x1);
    }
    textline_free(n);
    textline_free(ta);
    textline_free(tc);
    textline_free(t1);
    textline_free(t2);
    textline_free(l);
    textline_free(ts);
    textline_free(tm);
}

/*
 * The paragraph direction (fribidi's rule P2, the one scene.c aligns by): the first strong
 * character decides, wherever it sits in Unicode; marks, digits, punctuation and controls
 * decide nothing. And the line is laid out in that direction: in "हिन्दी عربى" (LTR) the Hindi
 * word is on the left, in "عربى हिन्दी" (RTL) on the right.
 */
static void test_paragraph_direction(struct font_set *fs)
{
    static const struct {
        const char *text, *what;
        bool rtl;
    } cases[] = {
        {"\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80 "
         "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x89",
         "Hindi, then Arabic", false},
        {"\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x89 "
         "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80",
         "Arabic, then Hindi", true},
        {"\xe0\xb8\x82\xe0\xb9\x88\xe0\xb8\xb2\xe0\xb8\xa7 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
         "Thai, then Hebrew", false},
        {"\xcc\x81\xcc\x82 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d abc", "combining marks, then Hebrew",
         true},
        {"2026: \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "digits and punctuation, then Hebrew", true},
        {"\xc2\xab 42 \xc2\xbb", "no strong character", false},
        {"", "empty", false},
        {"\x01\x02\xe2\x80\x8f abc", "controls and RLM (dropped), then Latin", false},
        {"\xe6\x96\xb0\xe9\x97\xbb \xd8\xae\xd8\xa8\xd8\xb1", "Han, then Arabic", false},
        {"\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8 \xd7\x90",
         "Cyrillic, then Hebrew", false},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        bool got = textline_paragraph_rtl(cases[i].text, strlen(cases[i].text));
        CHECK_MSG(got == cases[i].rtl, "case %zu (%s): %s, want %s", i, cases[i].what,
                  got ? "RTL" : "LTR", cases[i].rtl ? "RTL" : "LTR");
    }
    const char *hi = "\xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80";
    const char *ar = "\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x89";
    if (!installed_font_has(0x0939)) {
        skip("paragraph layout: no Devanagari font installed");
        return;
    }
    struct textline *th = render(fs, hi, 40, 2048), *ta = render(fs, ar, 40, 2048);
    for (int order = 0; order < 2 && th && ta; order++) {
        char s[128];
        snprintf(s, sizeof s, "%s %s", order ? ar : hi, order ? hi : ar);
        struct textline *l = render(fs, s, 40, 2048);
        if (!l)
            continue;
        int xh = find_template(l, th, 0, l->width), xa = find_template(l, ta, 0, l->width);
        bool rtl = textline_paragraph_rtl(s, strlen(s));
        /* Right to left: the first word (Arabic) on the right; left to right: Hindi first. */
        CHECK_MSG(rtl == (order == 1) && (order ? xa > xh : xh < xa),
                  "%s: %s, Hindi at %d, Arabic at %d", order ? "Arabic first" : "Hindi first",
                  rtl ? "RTL" : "LTR", xh, xa);
        textline_free(l);
    }
    textline_free(th);
    textline_free(ta);
}

/* Columns with ink in the band just above the baseline; counts the gaps between them. */
static int baseline_gaps(const struct textline *l, int px)
{
    int gaps = 0, prev = -1;
    for (int x = 0; x < l->width; x++) {
        bool ink = false;
        for (int y = l->ascent - px / 5; y < l->ascent + 1 && !ink; y++)
            ink = textline_coverage_at(l, x, y) >= 64;
        if (ink) {
            if (prev >= 0 && x > prev + 1)
                gaps++;
            prev = x;
        }
    }
    return gaps;
}

static void test_arabic(struct font_set *fs)
{
    const int px = 54;
    /* Five behs join into one stroke along the baseline; set apart they do not. */
    const char *joined = "\xd8\xa8\xd8\xa8\xd8\xa8\xd8\xa8\xd8\xa8";
    const char *apart = "\xd8\xa8 \xd8\xa8 \xd8\xa8 \xd8\xa8 \xd8\xa8";
    struct textline *j = render(fs, joined, px, 2048), *a = render(fs, apart, px, 2048);
    int one = width_of(fs, "\xd8\xa8", px);
    if (j && a) {
        CHECK_MSG(baseline_gaps(j, px) == 0, "joined: %d gaps", baseline_gaps(j, px));
        CHECK(baseline_gaps(a, px) >= 4);
        CHECK_MSG(j->width < 5 * one, "joined %d vs isolated 5 x %d", j->width, one);
    }
    textline_free(j);
    textline_free(a);
    /* Word order: "سلام عليكم" reads right to left, so عليكم is on the left. */
    const char *w1 = "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85";
    const char *w2 = "\xd8\xb9\xd9\x84\xd9\x8a\xd9\x83\xd9\x85";
    char both[64];
    snprintf(both, sizeof(both), "%s %s", w1, w2);
    struct textline *l = render(fs, both, px, 2048);
    struct textline *t1 = render(fs, w1, px, 2048), *t2 = render(fs, w2, px, 2048);
    if (l && t1 && t2) {
        int x1 = find_template(l, t1, 0, l->width), x2 = find_template(l, t2, 0, l->width);
        CHECK_MSG(x2 < x1, "first word at %d, second at %d", x1, x2);
        CHECK(x2 + t2->width <= x1 + 2);
    }
    textline_free(l);
    textline_free(t1);
    textline_free(t2);
}

/* Random mixtures of scripts, marks, bidi controls and broken bytes: no crash (ASan), and the
 * line's missing count agrees with font_set_count_missing. A fixed LCG: same cases each run. */
static void test_random_mixtures(struct font_set *fs)
{
    static const char *const frags[] = {
        "a",
        "Z ",
        " ",
        "1234",
        "(",
        ")",
        "\xc3\xa4",
        "\xe2\x82\xac",
        "\xd7\xa9",
        "\xd7\x9c\xd7\x95",
        "\xd8\xb3",
        "\xd9\x84\xd8\xa7",
        "\xd9\x8e",
        "\xcc\x88",
        "\xe4\xb8\xad",
        "\xe3\x81\x8b",
        "\xf0\x9f\x98\x80",
        "\xe2\x80\x8f",
        "\xe2\x80\xae",
        "\xe2\x81\xa6",
        "\xe2\x80\x8d",
        "\xef\xb8\x8f",
        "\xff",
        "\xc3",
        "\xed\xa0\x80",
        "\xf4\x8f\xbf\xbd",
        "\t",
        "\xef\xbc\x88",
        "\xd9\xa3",
    };
    uint32_t seed = 12345;
    struct text_style st = {.px = 16};
    for (int iter = 0; iter < 150; iter++) {
        char s[600];
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        int n = (int)(seed >> 16) % 60;
        for (int k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *f = frags[(seed >> 16) % ARRAY_LEN(frags)];
            size_t fl = strlen(f);
            memcpy(s + len, f, fl);
            len += fl;
        }
        s[len] = '\0';
        struct textline *l = textline_render(fs, s, len, &st, 128, NULL);
        CHECK_MSG(l != NULL, "case %d: no line", iter);
        if (!l)
            continue;
        CHECK_MSG(l->missing == font_set_count_missing(fs, s, len), "case %d: %zu vs %zu", iter,
                  l->missing, font_set_count_missing(fs, s, len));
        int x = 0;
        for (size_t i = 0; i < l->n_chunks; i++)
            x += l->chunks[i].w;
        CHECK_MSG(x == l->width && l->width >= 0, "case %d: chunks cover %d px of %d", iter, x,
                  l->width);
        textline_free(l);
    }
}

static void test_draw(struct font_set *fs)
{
    struct textline *l = render(fs, "Ticker", 20, 64);
    CHECK(l && l->n_chunks >= 1);
    if (!l)
        return;
    /* Drawing chunk by chunk equals blending coverage_at pixel by pixel. */
    enum { W = 120, H = 30, PITCH = (W + 3) * 4 };
    static uint32_t a[PITCH / 4 * H], b[PITCH / 4 * H];
    for (size_t i = 0; i < ARRAY_LEN(a); i++)
        a[i] = b[i] = 0xFF102030;
    textline_draw(l, a, PITCH, W, H, -3, 2, 0xFFFFEE00);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            b[y * (PITCH / 4) + x] = blend_pixel(b[y * (PITCH / 4) + x], 0xFFFFEE00,
                                                 textline_coverage_at(l, x + 3, y - 2));
    CHECK(memcmp(a, b, sizeof(a)) == 0);
    textline_free(l);
}

/* Golden coverage hashes of bundled-font lines; see the file comment for regenerating. */
static const struct {
    const char *name;
    int px;
    bool bold;
    const char *text;
} golden_lines[] = {
    {.name = "german",
     .px = 54,
     .text = "\xe2\x80\x9eStadtrat beschlie\xc3\x9f"
             "t gr\xc3\xb6\xc3\x9f"
             "ere Fu\xc3\x9fg\xc3\xa4"
             "ngerzone\xe2\x80\x9c \xe2\x80\x93 3,50 \xe2\x82\xac"},
    {.name = "german-bold",
     .px = 40,
     .bold = true,
     .text = "\xc3\x96PNV-Verbund zufrieden \xe2\x80\x94 Stra\xc3\x9f"
             "e"},
    {.name = "arabic",
     .px = 54,
     .text = "\xd8\xa7\xd9\x84\xd8\xad\xd9\x83\xd9\x88\xd9\x85\xd8\xa9 \xd8\xaa\xd8\xb9\xd9"
             "\x84\xd9\x86 \xd8\xae\xd8\xb7\xd8\xa9"},
    {.name = "mixed-bidi",
     .px = 54,
     .text = "Messe in Tel Aviv (\xd7\xaa\xd7\x9c \xd7\x90\xd7\x91\xd7\x99\xd7\x91) 2027"},
};

static void test_golden(struct font_set *bundled_only, const char *write_path)
{
    FILE *out = NULL;
    char golden[64][64] = {{0}};
    if (write_path) {
        out = fopen(write_path, "w");
        CHECK_MSG(out != NULL, "cannot write %s", write_path);
        if (!out)
            return;
        fprintf(out,
                "# Coverage hashes of lines drawn with the bundled DejaVu fonts only.\n"
                "# Regenerate: build/tests/test_textline --write-golden %s\n",
                "tests/data/text-fixtures/golden-coverage.txt");
    } else {
        FILE *in = fopen(GOLDEN, "r");
        CHECK_MSG(in != NULL, "cannot open %s", GOLDEN);
        if (!in)
            return;
        char line[256];
        size_t k = 0;
        while (fgets(line, sizeof(line), in) && k < ARRAY_LEN(golden))
            if (line[0] != '#')
                copy_str(golden[k++], sizeof(golden[0]), line);
        fclose(in);
    }
    for (size_t i = 0; i < ARRAY_LEN(golden_lines); i++) {
        struct text_style st = {.px = golden_lines[i].px, .bold = golden_lines[i].bold};
        struct textline *l = textline_render(bundled_only, golden_lines[i].text,
                                             strlen(golden_lines[i].text), &st, 2048, NULL);
        CHECK_MSG(l != NULL, "golden line %s: not rendered", golden_lines[i].name);
        if (!l)
            continue;
        char entry[64];
        snprintf(entry, sizeof(entry), "%s %016llx\n", golden_lines[i].name,
                 (unsigned long long)line_hash(l));
        if (out)
            fputs(entry, out);
        else
            CHECK_STR(golden[i], entry);
        textline_free(l);
    }
    if (out)
        fclose(out);
}

/* ---- benchmark (tests/bench/bench_text.sh; figures only, never asserted) ---- */

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench(int reps)
{
    /* A typical 80-character German headline. */
    const char *s = "Stadtrat beschlie\xc3\x9ft Fu\xc3\x9fg\xc3\xa4ngerzone: Anwohner "
                    "begr\xc3\xbc\xc3\x9f"
                    "en Pl\xc3\xa4ne, Handel \xc3\xbc"
                    "bt Kritik \xe2\x80\x93 2027";
    struct font_set *fs = font_set_new(NULL, NULL);
    if (!fs)
        return 1;
    struct text_style st = {.px = 54};
    struct textline *warm = textline_render(fs, s, strlen(s), &st, 2048, NULL);
    size_t chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    printf("headline: %zu characters, %d x %d px at 54 px\n", chars, warm->width, warm->height);
    double t0 = now_ms();
    for (int i = 0; i < reps; i++)
        textline_free(textline_render(fs, s, strlen(s), &st, 2048, NULL));
    double per = (now_ms() - t0) / reps;
    printf("rasterise (warm fonts):          %.3f ms per headline\n", per);
    /* The worst single pump step (budget 1 = one piece). */
    struct textline_queue *q = textline_queue_new(fs, 2048);
    double worst = 0;
    int steps = 0;
    for (int i = 0; i < reps; i++) {
        uint32_t id = textline_queue_push(q, s, strlen(s), &st);
        for (bool done = false; !done;) {
            double a = now_ms();
            done = textline_pump(q, 1);
            double d = now_ms() - a;
            worst = d > worst ? d : worst;
            steps++;
        }
        textline_free(textline_queue_take(q, id));
    }
    printf("queue, budget 1: %.1f steps per headline, worst step %.3f ms\n", (double)steps / reps,
           worst);
    textline_queue_free(q);
    /* Compositing a 1920 px wide band of the line per frame with the exact blend. */
    enum { W = 1920 };
    uint32_t *frame = xcalloc((size_t)W * (size_t)warm->height, sizeof(*frame));
    t0 = now_ms();
    for (int i = 0; i < reps * 10; i++)
        textline_draw(warm, frame, W * 4, W, warm->height, -(i % 500), 0, 0xFFFFFFFF);
    printf("blend a %d x %d band:          %.3f ms per frame\n", W, warm->height,
           (now_ms() - t0) / (reps * 10));
    free(frame);
    textline_free(warm);
    /* A cold font set: the first headline also opens fonts. */
    t0 = now_ms();
    struct font_set *cold = font_set_new(NULL, NULL);
    double setup = now_ms() - t0;
    t0 = now_ms();
    textline_free(textline_render(cold, s, strlen(s), &st, 2048, NULL));
    printf("font_set_new (fontconfig): %.1f ms; first headline (opens fonts): %.1f ms\n", setup,
           now_ms() - t0);
    /* Every fixture headline once, in a fresh set: cold glyph caches, fallback fonts opened
     * on first use (CJK, symbols). */
    struct fixture fx[32];
    size_t n = load_fixtures(fx, ARRAY_LEN(fx));
    double total = 0, worst_line = 0;
    for (size_t i = 0; i < n; i++) {
        t0 = now_ms();
        textline_free(textline_render(cold, fx[i].text, strlen(fx[i].text), &st, 2048, NULL));
        double d = now_ms() - t0;
        total += d;
        worst_line = d > worst_line ? d : worst_line;
    }
    printf("%zu fixture headlines, cold caches: %.2f ms mean, %.2f ms worst\n", n,
           n ? total / n : 0, worst_line);
    font_set_free(cold);
    font_set_free(fs);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--bench") == 0)
        return bench(atoi(argv[2]) > 0 ? atoi(argv[2]) : 50);
    const char *write_golden = argc == 3 && strcmp(argv[1], "--write-golden") == 0 ? argv[2] : NULL;
    struct error err = {0};
    struct font_set *fs = font_set_new(NULL, &err);
    const char *none[] = {NULL};
    struct font_set_config bundled = {.fallback_paths = none, .n_fallbacks = 0};
    struct font_set *bundled_only = font_set_new(&bundled, &err);
    CHECK_MSG(fs && bundled_only, "%s", err.msg);
    if (!fs || !bundled_only)
        return check_done();
    if (write_golden) {
        test_golden(bundled_only, write_golden);
    } else {
        test_fixtures(fs, bundled_only);
        test_fresh_set_same_bytes(fs);
        test_empty_and_odd_input(fs);
        test_chunks(fs);
        test_queue(fs);
        test_baseline(fs);
        test_bidi_order(fs);
        test_paragraph_direction(fs);
        test_arabic(fs);
        test_draw(fs);
        test_random_mixtures(fs);
        test_golden(bundled_only, NULL);
    }
    font_set_free(fs);
    font_set_free(bundled_only);
    report_skips();
    return check_done();
}
