/*
 * One line of text -> coverage chunks (the pipeline is described in textline.h).
 *
 * A "builder" holds one line in progress: the cleaned code points, the plan (pieces in visual
 * order, each with its font, direction and script) and the chunks filled so far. Planning is
 * cheap (linear in the text); rendering a piece is the expensive step, so both
 * textline_render() and the queue drive the same builder piece by piece and give the same bytes.
 *
 * Why pieces are placed at their surface width: SDL2_ttf does not expose glyph positions after
 * HarfBuzz shaping, only whole rendered strings. Pieces are cut after a space (or at a font,
 * script or direction change), where a string's rendered width equals its pen advance, so the
 * pieces tile the line as one long string would, to within a pixel of rounding per piece.
 */
#include "render/textline.h"

#include "core/text.h"
#include "core/util.h"
#include "render/blend.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

struct piece {
    size_t start, len; /* in builder.cps (logical order inside the piece) */
    int font;          /* font index in the set; -1 never happens here (missing -> main) */
    bool rtl;
    char script[5]; /* ISO 15924 tag for HarfBuzz */
};

struct builder {
    struct font_set *fs;
    struct text_style style;
    struct font_metrics m;
    int max_w;
    uint32_t *cps;
    size_t n;
    struct piece *pieces;
    size_t n_pieces, next;
    int pen;               /* x of the next piece */
    struct textline *line; /* chunks grow as the pen moves */
    size_t chunk_cap;
    char *utf8;  /* scratch for one piece, 4 bytes per code point + NUL */
    bool failed; /* the main font could not be opened: finish empty */
};

/* The script of a code point as an ISO 15924 tag, or NULL for Common/Inherited characters
 * (spaces, punctuation, digits, marks), which take the script of their neighbours. */
static const char *script_of(uint32_t c)
{
    static const struct {
        uint32_t lo, hi;
        const char *tag;
    } ranges[] = {
        {0x0041, 0x005A, "Latn"},   {0x0061, 0x007A, "Latn"}, {0x00C0, 0x00D6, "Latn"},
        {0x00D8, 0x00F6, "Latn"},   {0x00F8, 0x024F, "Latn"}, {0x0370, 0x03FF, "Grek"},
        {0x0400, 0x052F, "Cyrl"},   {0x0531, 0x058F, "Armn"}, {0x0591, 0x05FF, "Hebr"},
        {0x0600, 0x06FF, "Arab"},   {0x0700, 0x074F, "Syrc"}, {0x0750, 0x077F, "Arab"},
        {0x08A0, 0x08FF, "Arab"},   {0x0900, 0x097F, "Deva"}, {0x0980, 0x09FF, "Beng"},
        {0x0E00, 0x0E7F, "Thai"},   {0x10A0, 0x10FF, "Geor"}, {0x1100, 0x11FF, "Hang"},
        {0x1E00, 0x1EFF, "Latn"},   {0x1F00, 0x1FFF, "Grek"}, {0x3040, 0x309F, "Hira"},
        {0x30A0, 0x30FF, "Kana"},   {0x3130, 0x318F, "Hang"}, {0x3400, 0x4DBF, "Hani"},
        {0x4E00, 0x9FFF, "Hani"},   {0xAC00, 0xD7AF, "Hang"}, {0xF900, 0xFAFF, "Hani"},
        {0xFB1D, 0xFB4F, "Hebr"},   {0xFB50, 0xFDFF, "Arab"}, {0xFE70, 0xFEFF, "Arab"},
        {0x20000, 0x3FFFF, "Hani"},
    };
    /* Marks and digits inside script blocks are Inherited/Common for our purposes. */
    if ((c >= 0x0300 && c <= 0x036F) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
        (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9) || c == 0x060C ||
        c == 0x061B || c == 0x061F || c == 0x0640 || (c >= 0x0591 && c <= 0x05C7))
        return NULL;
    for (size_t i = 0; i < ARRAY_LEN(ranges); i++)
        if (c >= ranges[i].lo && c <= ranges[i].hi)
            return ranges[i].tag;
    return NULL;
}

/* Text cleaning: invalid bytes became U+FFFD in decoding; controls become spaces (a headline
 * is one line); default-ignorables are dropped (fonts would draw boxes or nothing). Returns the
 * code points (caller frees; *n of them) and counts invalid bytes into *invalid. */
static uint32_t *clean_code_points(const char *utf8, size_t len, size_t *n, size_t *invalid)
{
    if (len > TEXTLINE_MAX_BYTES)
        len = TEXTLINE_MAX_BYTES; /* a cut sequence decodes as U+FFFD: harmless */
    uint32_t *cps = xcalloc(len + 1, sizeof(*cps));
    size_t i = 0;
    *n = 0;
    while (i < len) {
        uint32_t cp;
        size_t adv = text_utf8_decode_bytewise(utf8 + i, len - i, &cp);
        i += adv;
        if (cp == 0xFFFD && adv != 3)
            (*invalid)++; /* an invalid byte, shown as U+FFFD */
        if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029)
            cp = ' ';
        if (font_is_ignorable(cp))
            continue;
        cps[(*n)++] = cp;
    }
    return cps;
}

static void decode(struct builder *b, const char *utf8, size_t len)
{
    b->cps = clean_code_points(utf8, len, &b->n, &b->line->missing);
}

/* The paragraph direction (rule P2 with isolates, as fribidi implements it) of cleaned text:
 * the one rule for laying a line out and for aligning it. */
static FriBidiParType paragraph_direction(const FriBidiCharType *types, size_t n)
{
    FriBidiParType d = fribidi_get_par_direction(types, (FriBidiStrIndex)n);
    return FRIBIDI_IS_RTL(d) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
}

bool textline_paragraph_rtl(const char *utf8, size_t len)
{
    size_t n = 0, invalid = 0;
    uint32_t *cps = clean_code_points(utf8 ? utf8 : "", utf8 ? len : 0, &n, &invalid);
    bool rtl = false;
    if (n) {
        FriBidiCharType *types = xcalloc(n, sizeof(*types));
        fribidi_get_bidi_types(cps, (FriBidiStrIndex)n, types);
        rtl = paragraph_direction(types, n) == FRIBIDI_PAR_RTL;
        free(types);
    }
    free(cps);
    return rtl;
}

static bool font_has(struct builder *b, int font, uint32_t cp)
{
    TTF_Font *t = font_set_ttf(b->fs, font, &b->style);
    return t && TTF_GlyphIsProvided32(t, cp);
}

/* Font for cp at this style: the main font in the style's weight first (the Bold file lacks a
 * few glyphs the regular one has), then the fallbacks in order. Missing everywhere: the main
 * font, which draws its .notdef box, counted in line->missing. */
static int pick_font(struct builder *b, uint32_t cp, bool *missing)
{
    *missing = false;
    for (int i = 0; i <= (int)font_set_fallback_count(b->fs); i++)
        if (font_has(b, i, cp))
            return i;
    *missing = true;
    return 0;
}

static void add_piece(struct builder *b, size_t *cap, size_t start, size_t len, int font, bool rtl,
                      const char *script)
{
    if (len == 0)
        return;
    if (b->n_pieces == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        b->pieces = xreallocarray(b->pieces, *cap, sizeof(*b->pieces));
    }
    struct piece *p = &b->pieces[b->n_pieces++];
    p->start = start;
    p->len = len;
    p->font = font;
    p->rtl = rtl;
    memcpy(p->script, script ? script : "Latn", 5);
}

/* Splits the level run [start, end) into pieces (logical order) and appends them in visual
 * order: reversed for a right-to-left run. */
static void plan_run(struct builder *b, size_t *cap, size_t start, size_t end, bool rtl)
{
    size_t first = b->n_pieces;
    size_t ps = start;
    int font = -1;
    const char *script = NULL;
    size_t last_space = 0; /* index after the last space in the current piece, 0: none */
    for (size_t i = start; i < end; i++) {
        uint32_t cp = b->cps[i];
        bool missing;
        const char *sc = script_of(cp);
        int want;
        /* Common characters stay with the current font when it has them, so spaces and
         * punctuation do not cut a CJK or Arabic phrase into pieces. */
        if (font >= 0 && !sc && font_has(b, font, cp)) {
            want = font;
        } else {
            want = pick_font(b, cp, &missing);
            if (missing)
                b->line->missing++;
        }
        bool cut = i > ps && (want != font || (sc && script && strcmp(sc, script) != 0));
        if (!cut && i - ps >= TEXTLINE_PIECE_MAX) {
            /* Too long: cut after the last space, or here if there is none (CJK). */
            if (last_space > ps) {
                add_piece(b, cap, ps, last_space - ps, font, rtl, script);
                ps = last_space;
                last_space = 0;
            } else {
                cut = true;
            }
        }
        if (cut) {
            add_piece(b, cap, ps, i - ps, font, rtl, script);
            ps = i;
            last_space = 0;
            script = NULL;
        }
        font = want;
        if (sc && !script)
            script = sc;
        if (cp == ' ')
            last_space = i + 1;
    }
    add_piece(b, cap, ps, end - ps, font, rtl, script);
    if (rtl) {
        for (size_t lo = first, hi = b->n_pieces - 1; lo < hi; lo++, hi--) {
            struct piece t = b->pieces[lo];
            b->pieces[lo] = b->pieces[hi];
            b->pieces[hi] = t;
        }
    }
}

struct level_run {
    size_t start, end;
    int level;
};

/* Bidi: embedding levels by fribidi (paragraph direction from the first strong character),
 * then the runs of one level put in visual order by rule L2 (reverse every maximal sequence at
 * level >= k, for k from the highest level down to the lowest odd level). */
static void plan(struct builder *b)
{
    size_t n = b->n, cap = 0;
    if (n == 0)
        return;
    FriBidiCharType *types = xcalloc(n, sizeof(*types));
    FriBidiBracketType *brackets = xcalloc(n, sizeof(*brackets));
    FriBidiLevel *levels = xcalloc(n, sizeof(*levels));
    fribidi_get_bidi_types(b->cps, (FriBidiStrIndex)n, types);
    FriBidiParType base = paragraph_direction(types, n);
    fribidi_get_bracket_types(b->cps, (FriBidiStrIndex)n, types, brackets);
    if (fribidi_get_par_embedding_levels_ex(types, brackets, (FriBidiStrIndex)n, &base, levels) ==
        0)
        memset(levels, 0, n * sizeof(*levels)); /* cannot happen for valid input: show LTR */
    /* Rule L1 for one line: trailing whitespace takes the paragraph level. */
    FriBidiLevel par = FRIBIDI_IS_RTL(base) ? 1 : 0;
    for (size_t i = n; i > 0 && b->cps[i - 1] == ' '; i--)
        levels[i - 1] = par;

    struct level_run *runs = xcalloc(n, sizeof(*runs));
    size_t n_runs = 0;
    int max = 0, min_odd = 1000; /* FriBidiLevel is a signed char: count in int */
    for (size_t i = 0; i < n; i++) {
        if (n_runs == 0 || runs[n_runs - 1].level != levels[i])
            runs[n_runs++] = (struct level_run){.start = i, .end = i, .level = levels[i]};
        runs[n_runs - 1].end = i + 1;
        if (levels[i] > max)
            max = levels[i];
        if ((levels[i] & 1) && levels[i] < min_odd)
            min_odd = levels[i];
    }
    for (int k = max; k >= min_odd && k > 0; k--) {
        for (size_t i = 0; i < n_runs;) {
            if (runs[i].level < k) {
                i++;
                continue;
            }
            size_t j = i;
            while (j < n_runs && runs[j].level >= k)
                j++;
            for (size_t lo = i, hi = j - 1; lo < hi; lo++, hi--) {
                struct level_run t = runs[lo];
                runs[lo] = runs[hi];
                runs[hi] = t;
            }
            i = j;
        }
    }
    for (size_t r = 0; r < n_runs; r++)
        plan_run(b, &cap, runs[r].start, runs[r].end, runs[r].level & 1);
    free(runs);
    free(levels);
    free(brackets);
    free(types);
}

static bool builder_init(struct builder *b, struct font_set *fs, const char *utf8, size_t len,
                         const struct text_style *style, int max_w)
{
    memset(b, 0, sizeof(*b));
    b->fs = fs;
    b->style = *style;
    b->max_w = max_w < 64 ? 64 : max_w;
    b->line = xcalloc(1, sizeof(*b->line));
    if (!font_set_metrics(fs, style, &b->m)) {
        b->failed = true;
        return false;
    }
    b->line->height = b->m.height;
    b->line->ascent = b->m.ascent;
    decode(b, utf8 ? utf8 : "", utf8 ? len : 0);
    b->utf8 = xmalloc(4 * (TEXTLINE_PIECE_MAX + 1) + 1);
    plan(b);
    return true;
}

static void builder_release(struct builder *b)
{
    free(b->cps);
    free(b->pieces);
    free(b->utf8);
    b->cps = NULL;
    b->pieces = NULL;
    b->utf8 = NULL;
}

/* Makes sure chunks cover columns [0, right). New chunks are max_w wide and zeroed. */
static void ensure_width(struct builder *b, int right)
{
    struct textline *l = b->line;
    while ((int)l->n_chunks * b->max_w < right) {
        if (l->n_chunks == b->chunk_cap) {
            b->chunk_cap = b->chunk_cap ? b->chunk_cap * 2 : 4;
            l->chunks = xreallocarray(l->chunks, b->chunk_cap, sizeof(*l->chunks));
        }
        struct textline_chunk *c = &l->chunks[l->n_chunks];
        c->x = (int)l->n_chunks * b->max_w;
        c->w = b->max_w;
        c->pitch = b->max_w;
        c->coverage = xcalloc((size_t)b->max_w * (size_t)(l->height ? l->height : 1), 1);
        l->n_chunks++;
    }
}

static size_t encode_utf8(const uint32_t *cps, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++)
        o += text_utf8_encode(cps[i], out + o);
    out[o] = '\0';
    return o;
}

/* Renders the next piece into the chunks. Returns the code points it covered (0: done). */
static size_t builder_step(struct builder *b)
{
    if (b->failed || b->next >= b->n_pieces)
        return 0;
    const struct piece *p = &b->pieces[b->next++];
    TTF_Font *t = font_set_ttf(b->fs, p->font, &b->style);
    if (!t)
        return p->len; /* a fallback that failed to open at this size: leave a gap */
    encode_utf8(b->cps + p->start, p->len, b->utf8);
    TTF_SetFontDirection(t, p->rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(t, p->script);
    /* White on black: the 8-bit palette index is the coverage, and SDL blends nothing. */
    SDL_Color fg = {255, 255, 255, 255}, bg = {0, 0, 0, 255};
    SDL_Surface *s = TTF_RenderUTF8_Shaded(t, b->utf8, fg, bg);
    TTF_SetFontDirection(t, TTF_DIRECTION_LTR);
    if (!s)
        return p->len;
    if (s->format->BytesPerPixel != 1 || !s->format->palette || SDL_LockSurface(s) != 0) {
        SDL_FreeSurface(s);
        return p->len;
    }
    /* Coverage = the palette entry's red (identity for white on black, looked up anyway). */
    uint8_t lut[256] = {0};
    for (int i = 0; i < s->format->palette->ncolors && i < 256; i++)
        lut[i] = s->format->palette->colors[i].r;
    int x0 = b->pen;
    int top = b->m.ascent - TTF_FontAscent(t); /* the surface's baseline is the font's ascent */
    ensure_width(b, x0 + s->w);
    struct textline *l = b->line;
    for (int sy = 0; sy < s->h; sy++) {
        int y = top + sy;
        if (y < 0 || y >= l->height)
            continue;
        const uint8_t *src = (const uint8_t *)s->pixels + (size_t)sy * (size_t)s->pitch;
        for (int sx = 0; sx < s->w; sx++) {
            uint8_t v = lut[src[sx]];
            if (!v)
                continue;
            int x = x0 + sx;
            struct textline_chunk *c = &l->chunks[x / b->max_w];
            uint8_t *d = &c->coverage[(size_t)y * (size_t)c->pitch + (size_t)(x - c->x)];
            if (v > *d)
                *d = v;
        }
    }
    b->pen += s->w;
    SDL_UnlockSurface(s);
    SDL_FreeSurface(s);
    return p->len;
}

/* Trims the chunks to the pen and hands the line over. */
static struct textline *builder_finish(struct builder *b)
{
    struct textline *l = b->line;
    b->line = NULL;
    builder_release(b);
    l->width = b->failed ? 0 : b->pen;
    size_t need = l->width ? (size_t)((l->width + b->max_w - 1) / b->max_w) : 0;
    for (size_t i = need; i < l->n_chunks; i++)
        free(l->chunks[i].coverage);
    if (need < l->n_chunks)
        l->n_chunks = need;
    if (need == 0) {
        free(l->chunks);
        l->chunks = NULL;
        l->n_chunks = 0;
        return l;
    }
    /* Compact the last chunk to its real width: lines live for minutes, memory counts. */
    struct textline_chunk *c = &l->chunks[need - 1];
    int w = l->width - c->x;
    if (w < c->w) {
        uint8_t *cov = xcalloc((size_t)w * (size_t)l->height, 1);
        for (int y = 0; y < l->height; y++)
            memcpy(cov + (size_t)y * (size_t)w, c->coverage + (size_t)y * (size_t)c->pitch,
                   (size_t)w);
        free(c->coverage);
        c->coverage = cov;
        c->w = w;
        c->pitch = w;
    }
    return l;
}

struct textline *textline_render(struct font_set *fs, const char *utf8, size_t len,
                                 const struct text_style *style, int max_w, struct error *err)
{
    struct builder b;
    if (!builder_init(&b, fs, utf8, len, style, max_w)) {
        error_set(err, "text: cannot open the main font at %d px: %s", style->px, TTF_GetError());
        builder_release(&b);
        textline_free(b.line);
        return NULL;
    }
    while (builder_step(&b) > 0)
        ;
    return builder_finish(&b);
}

void textline_free(struct textline *line)
{
    if (!line)
        return;
    for (size_t i = 0; i < line->n_chunks; i++)
        free(line->chunks[i].coverage);
    free(line->chunks);
    free(line);
}

uint8_t textline_coverage_at(const struct textline *line, int x, int y)
{
    if (!line || x < 0 || y < 0 || x >= line->width || y >= line->height)
        return 0;
    for (size_t i = 0; i < line->n_chunks; i++) {
        const struct textline_chunk *c = &line->chunks[i];
        if (x >= c->x && x < c->x + c->w)
            return c->coverage[(size_t)y * (size_t)c->pitch + (size_t)(x - c->x)];
    }
    return 0;
}

void textline_draw(const struct textline *line, uint32_t *dst, int dst_pitch, int dst_w, int dst_h,
                   int x, int y, uint32_t argb)
{
    if (!line)
        return;
    for (size_t i = 0; i < line->n_chunks; i++) {
        const struct textline_chunk *c = &line->chunks[i];
        if (x + c->x >= dst_w || x + c->x + c->w <= 0)
            continue;
        blend_coverage(dst, dst_pitch, dst_w, dst_h, x + c->x, y, c->coverage, c->w, line->height,
                       c->pitch, argb);
    }
}

/* ---- the queue ---- */

enum job_state { JOB_QUEUED, JOB_BUILDING, JOB_DONE };

struct job {
    uint32_t id;
    enum job_state state;
    char *text; /* JOB_QUEUED only */
    size_t len;
    struct text_style style;
    struct builder b;        /* JOB_BUILDING */
    struct textline *result; /* JOB_DONE */
};

struct textline_queue {
    struct font_set *fs; /* borrowed */
    int max_w;
    struct job *jobs; /* in push order; the first unfinished one is worked on */
    size_t n_jobs, cap_jobs;
    uint32_t next_id;
};

struct textline_queue *textline_queue_new(struct font_set *fs, int max_w)
{
    struct textline_queue *q = xcalloc(1, sizeof(*q));
    q->fs = fs;
    q->max_w = max_w;
    q->next_id = 1;
    return q;
}

static void job_clear(struct job *j)
{
    free(j->text);
    j->text = NULL;
    if (j->state == JOB_BUILDING) {
        builder_release(&j->b);
        textline_free(j->b.line);
        j->b.line = NULL;
    }
    textline_free(j->result);
    j->result = NULL;
}

void textline_queue_free(struct textline_queue *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->n_jobs; i++)
        job_clear(&q->jobs[i]);
    free(q->jobs);
    free(q);
}

uint32_t textline_queue_push(struct textline_queue *q, const char *utf8, size_t len,
                             const struct text_style *style)
{
    if (q->n_jobs == q->cap_jobs) {
        q->cap_jobs = q->cap_jobs ? q->cap_jobs * 2 : 8;
        q->jobs = xreallocarray(q->jobs, q->cap_jobs, sizeof(*q->jobs));
    }
    if (len > TEXTLINE_MAX_BYTES)
        len = TEXTLINE_MAX_BYTES;
    struct job *j = &q->jobs[q->n_jobs++];
    memset(j, 0, sizeof(*j));
    j->id = q->next_id++;
    if (q->next_id == 0)
        q->next_id = 1;
    j->state = JOB_QUEUED;
    /* A copy of exactly len bytes: the text may hold NUL bytes (textline_render renders
     * them as missing glyphs), so a string copy would stop short of len. */
    j->len = utf8 ? len : 0;
    j->text = xmalloc(j->len + 1);
    if (j->len)
        memcpy(j->text, utf8, j->len);
    j->text[j->len] = '\0';
    j->style = *style;
    return j->id;
}

bool textline_pump(struct textline_queue *q, size_t budget)
{
    size_t spent = 0;
    for (size_t i = 0; i < q->n_jobs; i++) {
        struct job *j = &q->jobs[i];
        if (j->state == JOB_DONE)
            continue;
        if (spent >= budget && spent > 0)
            return false;
        if (j->state == JOB_QUEUED) {
            /* Planning counts as one unit of work: it is linear and cheap. */
            builder_init(&j->b, q->fs, j->text, j->len, &j->style, q->max_w);
            free(j->text);
            j->text = NULL;
            j->state = JOB_BUILDING;
            spent++;
        }
        while (spent < budget || spent == 0) {
            size_t did = builder_step(&j->b);
            if (did == 0)
                break;
            spent += did;
        }
        if (j->b.failed || j->b.next >= j->b.n_pieces) {
            j->result = builder_finish(&j->b);
            j->state = JOB_DONE;
        } else {
            return false;
        }
    }
    return true;
}

static struct job *find_job(struct textline_queue *q, uint32_t id, size_t *at)
{
    for (size_t i = 0; i < q->n_jobs; i++)
        if (q->jobs[i].id == id) {
            *at = i;
            return &q->jobs[i];
        }
    return NULL;
}

static void remove_job(struct textline_queue *q, size_t at)
{
    memmove(&q->jobs[at], &q->jobs[at + 1], (q->n_jobs - at - 1) * sizeof(*q->jobs));
    q->n_jobs--;
}

struct textline *textline_queue_take(struct textline_queue *q, uint32_t id)
{
    size_t at;
    struct job *j = find_job(q, id, &at);
    if (!j || j->state != JOB_DONE)
        return NULL;
    struct textline *l = j->result;
    j->result = NULL;
    remove_job(q, at);
    return l;
}

void textline_queue_cancel(struct textline_queue *q, uint32_t id)
{
    size_t at;
    struct job *j = find_job(q, id, &at);
    if (!j)
        return;
    job_clear(j);
    remove_job(q, at);
}

size_t textline_queue_pending(const struct textline_queue *q)
{
    return q->n_jobs;
}
