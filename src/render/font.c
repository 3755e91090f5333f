/*
 * The font set: main font + ordered fallbacks, TTF_Font handles cached per (font, size, bold).
 *
 * Fallback discovery asks fontconfig once, in font_set_new, for the best installed font for each
 * probe string below (one per script family a news ticker meets), skipping a probe the main font
 * already covers and colour (bitmap emoji) fonts, which Shaded rendering cannot draw. The order
 * of the probes is the order of the list, so the result is the same on every machine with the
 * same fonts installed. A private FcConfig is created and destroyed, so no fontconfig state
 * outlives the call.
 *
 * Sizes: a fallback font opens at the main size scaled so its cap height ('H') matches the main
 * font's, clamped to +-10%, so mixed runs look like one line; fonts without an 'H' keep the em.
 */
#include "render/font.h"

#include "core/log.h"
#include "core/text.h"
#include "core/util.h"

#include <SDL2/SDL.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FONT_PX_MIN 4
#define FONT_PX_MAX 512
/* Fallback fonts are looked up at most this many times; a longer list is cut. */
#define FONT_FALLBACK_MAX 16

struct font_file {
    char *path;
    int index; /* face index inside a .ttc collection */
};

/* One opened TTF_Font: font index (0 main, 1.. fallbacks), style, the handle. */
struct font_open {
    int idx;
    int px;
    bool bold;
    TTF_Font *ttf; /* NULL: opening failed; not retried */
};

struct font_set {
    struct font_file main, bold;
    struct font_file *fallbacks;
    size_t n_fallbacks;
    struct font_open *open; /* grows; lookups are linear (a handful of entries) */
    size_t n_open, cap_open;
};

/*
 * Probe strings for fallback discovery, in list order: Chinese, Japanese kana, Korean, Arabic,
 * Hebrew, Thai, Devanagari, Cyrillic, Greek, and symbols/emoji. Our own words.
 */
static const char *const font_probes[] = {
    "\xe6\x96\xb0\xe9\x97\xbb\xe4\xb8\xad\xe5\x9b\xbd",             /* 新闻中国 */
    "\xe3\x83\x8b\xe3\x83\xa5\xe3\x83\xbc\xe3\x82\xb9\xe3\x81\xae", /* ニュースの */
    "\xeb\x89\xb4\xec\x8a\xa4",                                     /* 뉴스 */
    "\xd8\xae\xd8\xa8\xd8\xb1",                                     /* خبر */
    "\xd7\x97\xd7\x93\xd7\xa9\xd7\x95\xd7\xaa",                     /* חדשות */
    "\xe0\xb8\x82\xe0\xb9\x88\xe0\xb8\xb2\xe0\xb8\xa7",             /* ข่าว */
    "\xe0\xa4\xb8\xe0\xa4\xae\xe0\xa4\xbe\xe0\xa4\x9a\xe0\xa4\xbe\xe0\xa4\xb0", /* समाचार */
    "\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8",                 /* новости */
    "\xce\xbd\xce\xad\xce\xb1",                                                 /* νέα */
    "\xe2\x98\x80\xe2\x98\x85\xe2\x9a\xbd\xf0\x9f\x98\x80\xf0\x9f\x8c\x8d", /* ☀★⚽😀🌍 */
};

bool font_is_ignorable(uint32_t cp)
{
    /* Default_Ignorable_Code_Point (the ones news text carries) plus the BOM: fonts draw them
     * as boxes or nothing; we drop them before shaping. */
    return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160) ||
           (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
           cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) ||
           (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}

/*
 * Opens face `index` of a font file at px, reading it through a descriptor opened without
 * blocking and checked to be a regular file: a FIFO (or a device) named as a font would
 * otherwise block the open, or FreeType's reads, for ever. Every font file is opened here.
 */
static TTF_Font *open_font_file(const char *path, int px, int index, struct error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        error_set(err, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        error_set(err, "%s: not a regular file", path);
        return NULL;
    }
    FILE *fp = fdopen(fd, "rb");
    if (!fp) {
        error_set(err, "%s: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    SDL_RWops *rw = SDL_RWFromFP(fp, SDL_TRUE);
    if (!rw) {
        error_set(err, "%s: %s", path, SDL_GetError());
        fclose(fp);
        return NULL;
    }
    /* freesrc = 1: the font owns rw (and fp) from here, failing or not. */
    TTF_Font *t = TTF_OpenFontIndexRW(rw, 1, px, index);
    if (!t)
        error_set(err, "%s: %s", path, TTF_GetError());
    return t;
}

/* Adds a fontconfig match for one probe, unless the main font or an earlier entry covers it. */
static void discover_probe(struct font_set *fs, FcConfig *cfg, TTF_Font *main_ttf,
                           const char *probe, size_t *cap)
{
    FcCharSet *cs = FcCharSetCreate();
    size_t i = 0, n = strlen(probe);
    bool main_covers = true;
    while (i < n) {
        uint32_t cp;
        i += text_utf8_decode_bytewise(probe + i, n - i, &cp);
        FcCharSetAddChar(cs, cp);
        if (!TTF_GlyphIsProvided32(main_ttf, cp))
            main_covers = false;
    }
    if (main_covers)
        goto done;
    FcPattern *pat = FcPatternCreate();
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)"sans-serif");
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *set = FcFontSort(cfg, pat, FcFalse, NULL, &res);
    FcPatternDestroy(pat);
    if (!set)
        goto done;
    for (int k = 0; k < set->nfont; k++) {
        FcPattern *f = set->fonts[k];
        FcChar8 *file = NULL;
        FcCharSet *fcs = NULL;
        FcBool color = FcFalse;
        int index = 0;
        if (FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (FcPatternGetCharSet(f, FC_CHARSET, 0, &fcs) != FcResultMatch)
            continue;
        FcPatternGetBool(f, FC_COLOR, 0, &color);
        FcPatternGetInteger(f, FC_INDEX, 0, &index);
        if (color || !FcCharSetIsSubset(cs, fcs))
            continue;
        /* TrueType/OpenType only: SDL2_ttf renders Type 1 and bitmap fonts poorly. */
        const char *ext = strrchr((const char *)file, '.');
        if (!ext || (ascii_strcasecmp(ext, ".ttf") && ascii_strcasecmp(ext, ".otf") &&
                     ascii_strcasecmp(ext, ".ttc")))
            continue;
        bool dup = strcmp((const char *)file, fs->main.path) == 0;
        for (size_t j = 0; j < fs->n_fallbacks && !dup; j++)
            dup = strcmp(fs->fallbacks[j].path, (const char *)file) == 0 &&
                  fs->fallbacks[j].index == index;
        if (!dup && fs->n_fallbacks < FONT_FALLBACK_MAX) {
            if (fs->n_fallbacks == *cap) {
                *cap = *cap ? *cap * 2 : 4;
                fs->fallbacks = xreallocarray(fs->fallbacks, *cap, sizeof(*fs->fallbacks));
            }
            fs->fallbacks[fs->n_fallbacks].path = xstrdup((const char *)file);
            fs->fallbacks[fs->n_fallbacks].index = index;
            fs->n_fallbacks++;
        }
        break; /* the best covering font for this probe (or one already listed) */
    }
    FcFontSetDestroy(set);
done:
    FcCharSetDestroy(cs);
}

static void discover_fallbacks(struct font_set *fs, TTF_Font *main_ttf)
{
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg)
        return; /* no fontconfig: the main font alone still works */
    size_t cap = 0;
    for (size_t p = 0; p < ARRAY_LEN(font_probes); p++)
        discover_probe(fs, cfg, main_ttf, font_probes[p], &cap);
    FcConfigDestroy(cfg);
}

/* The main face fontconfig matches for "DejaVu Sans" (regular or bold): the font used when no
 * file is named, or when the named file does not exist. A new string (free()), or NULL. */
static char *fontconfig_main(bool bold, int *index)
{
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg)
        return NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)(bold ? "DejaVu Sans:bold" : "DejaVu Sans"));
    char *path = NULL;
    if (pat) {
        FcConfigSubstitute(cfg, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *m = FcFontMatch(cfg, pat, &res);
        FcChar8 *file = NULL;
        if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
            path = xstrdup((const char *)file);
            if (FcPatternGetInteger(m, FC_INDEX, 0, index) != FcResultMatch)
                *index = 0;
        }
        if (m)
            FcPatternDestroy(m);
        FcPatternDestroy(pat);
    }
    FcConfigDestroy(cfg);
    return path;
}

/*
 * Opens one main face (regular or bold) at a probe size to check it loads, filling `f`.
 * A named file that cannot be opened (missing, not a font, a FIFO) gives way to the bundled
 * file, then to fontconfig's match, each with a warning naming it: a typo in a font path or a
 * missing data directory must not keep the news off the screen. Only when fontconfig has no
 * DejaVu Sans either is it an error.
 */
static TTF_Font *open_main_face(struct font_file *f, const char *want, const char *bundled,
                                bool bold, struct error *err)
{
    struct error e = {0};
    const char *tried = NULL;
    if (want) {
        TTF_Font *t = open_font_file(want, 16, 0, &e);
        if (t) {
            f->path = xstrdup(want);
            return t;
        }
        tried = want;
        if (bundled && strcmp(bundled, want) != 0) {
            log_warn("font", "cannot open %s; using the bundled font instead", e.msg);
            t = open_font_file(bundled, 16, 0, &e);
            if (t) {
                f->path = xstrdup(bundled);
                return t;
            }
            tried = bundled;
        }
    }
    f->path = fontconfig_main(bold, &f->index);
    TTF_Font *t = f->path ? open_font_file(f->path, 16, f->index, &e) : NULL;
    if (!t) {
        error_set(err, "font: cannot open %s, and fontconfig has no %s font either",
                  tried ? tried : "(none named)", bold ? "DejaVu Sans Bold" : "DejaVu Sans");
        return NULL;
    }
    if (tried)
        log_warn("font", "cannot open %s; using %s (fontconfig)", e.msg, f->path);
    return t;
}

struct font_set *font_set_new(const struct font_set_config *cfg, struct error *err)
{
    struct font_set_config def = {0};
    if (!cfg)
        cfg = &def;
    if (TTF_Init() != 0) {
        error_set(err, "font: SDL2_ttf initialisation failed: %s", TTF_GetError());
        return NULL;
    }
    struct font_set *fs = xcalloc(1, sizeof(*fs));
    /* Check both main files now, so a missing asset is reported at start-up, by name. */
    TTF_Font *main_ttf = open_main_face(&fs->main, cfg->main_path, cfg->bundled_path, false, err);
    TTF_Font *bold_ttf =
        main_ttf ? open_main_face(&fs->bold, cfg->bold_path, cfg->bundled_bold_path, true, err)
                 : NULL;
    if (!bold_ttf) {
        if (main_ttf)
            TTF_CloseFont(main_ttf);
        font_set_free(fs);
        return NULL;
    }
    TTF_CloseFont(bold_ttf);
    log_debug("font", "main fonts %s and %s", fs->main.path, fs->bold.path);
    if (cfg->fallback_paths) {
        size_t n = cfg->n_fallbacks < FONT_FALLBACK_MAX ? cfg->n_fallbacks : FONT_FALLBACK_MAX;
        fs->fallbacks = xcalloc(n ? n : 1, sizeof(*fs->fallbacks));
        for (size_t i = 0; i < n; i++) {
            struct error e;
            TTF_Font *t = open_font_file(cfg->fallback_paths[i], 16, 0, &e);
            if (!t) {
                error_set(err, "font: cannot open fallback font %s", e.msg);
                TTF_CloseFont(main_ttf);
                font_set_free(fs);
                return NULL;
            }
            TTF_CloseFont(t);
            fs->fallbacks[fs->n_fallbacks].path = xstrdup(cfg->fallback_paths[i]);
            fs->fallbacks[fs->n_fallbacks].index = 0;
            fs->n_fallbacks++;
        }
    } else {
        discover_fallbacks(fs, main_ttf);
    }
    TTF_CloseFont(main_ttf);
    return fs;
}

void font_set_free(struct font_set *fs)
{
    if (!fs)
        return;
    for (size_t i = 0; i < fs->n_open; i++)
        if (fs->open[i].ttf)
            TTF_CloseFont(fs->open[i].ttf);
    free(fs->open);
    for (size_t i = 0; i < fs->n_fallbacks; i++)
        free(fs->fallbacks[i].path);
    free(fs->fallbacks);
    free(fs->main.path);
    free(fs->bold.path);
    free(fs);
    TTF_Quit();
}

size_t font_set_fallback_count(const struct font_set *fs)
{
    return fs->n_fallbacks;
}

const char *font_set_fallback_path(const struct font_set *fs, size_t i)
{
    return i < fs->n_fallbacks ? fs->fallbacks[i].path : NULL;
}

static TTF_Font *open_raw(const struct font_file *f, int px)
{
    TTF_Font *t = open_font_file(f->path, px, f->index, NULL);
    if (t) {
        /* Set explicitly, not left to library defaults, so output cannot drift with them. */
        TTF_SetFontHinting(t, TTF_HINTING_NORMAL);
        TTF_SetFontKerning(t, 1);
    }
    return t;
}

/* Cap height in pixels: the top of 'H', or 0 if the font has no 'H'. */
static int cap_height(TTF_Font *t)
{
    int minx, maxx, miny, maxy, adv;
    if (!TTF_GlyphIsProvided32(t, 'H') ||
        TTF_GlyphMetrics32(t, 'H', &minx, &maxx, &miny, &maxy, &adv) != 0)
        return 0;
    return maxy;
}

struct _TTF_Font *font_set_ttf(struct font_set *fs, int idx, const struct text_style *style)
{
    if (idx < 0 || (size_t)idx > fs->n_fallbacks || style->px < FONT_PX_MIN ||
        style->px > FONT_PX_MAX)
        return NULL;
    bool bold = idx == 0 && style->bold;
    for (size_t i = 0; i < fs->n_open; i++)
        if (fs->open[i].idx == idx && fs->open[i].px == style->px && fs->open[i].bold == bold)
            return fs->open[i].ttf;
    TTF_Font *t;
    if (idx == 0) {
        t = open_raw(bold ? &fs->bold : &fs->main, style->px);
    } else {
        const struct font_file *f = &fs->fallbacks[idx - 1];
        t = open_raw(f, style->px);
        struct text_style regular = {.px = style->px, .bold = false};
        TTF_Font *main_ttf = font_set_ttf(fs, 0, &regular);
        int want = main_ttf ? cap_height(main_ttf) : 0;
        int have = t ? cap_height(t) : 0;
        if (want > 0 && have > 0 && want != have) {
            /* Scale the em so the cap heights meet; clamp so a font with odd metrics cannot
             * shrink or blow up its glyphs. Integer arithmetic: same size everywhere. */
            int px = (style->px * want + have / 2) / have;
            int lo = style->px - style->px / 10, hi = style->px + style->px / 10;
            px = px < lo ? lo : px > hi ? hi : px;
            if (px != style->px) {
                TTF_CloseFont(t);
                t = open_raw(f, px);
            }
        }
    }
    if (fs->n_open == fs->cap_open) {
        fs->cap_open = fs->cap_open ? fs->cap_open * 2 : 8;
        fs->open = xreallocarray(fs->open, fs->cap_open, sizeof(*fs->open));
    }
    fs->open[fs->n_open++] =
        (struct font_open){.idx = idx, .px = style->px, .bold = bold, .ttf = t};
    return t;
}

bool font_set_metrics(struct font_set *fs, const struct text_style *style, struct font_metrics *out)
{
    memset(out, 0, sizeof(*out));
    TTF_Font *t = font_set_ttf(fs, 0, style);
    if (!t)
        return false;
    /* The main font's box plus headroom for fallback glyphs and stacked marks that reach past
     * it (CJK, Arabic, Vietnamese capitals); fixed per style so every line lines up. */
    out->ascent = TTF_FontAscent(t) + (style->px * 12 + 50) / 100;
    out->descent = -TTF_FontDescent(t) + (style->px * 8 + 50) / 100;
    out->height = out->ascent + out->descent;
    return true;
}

int font_set_font_for(struct font_set *fs, uint32_t cp)
{
    if (font_is_ignorable(cp))
        return -2;
    /* Coverage does not depend on size or weight (the Bold file covers what the regular one
     * does, near enough): ask the regular handles at one fixed size. */
    struct text_style probe = {.px = 16, .bold = false};
    for (size_t i = 0; i <= fs->n_fallbacks; i++) {
        TTF_Font *t = font_set_ttf(fs, (int)i, &probe);
        if (t && TTF_GlyphIsProvided32(t, cp))
            return (int)i;
    }
    return -1;
}

size_t font_set_count_missing(struct font_set *fs, const char *utf8, size_t len)
{
    size_t i = 0, missing = 0;
    while (i < len) {
        uint32_t cp;
        size_t adv = text_utf8_decode_bytewise(utf8 + i, len - i, &cp);
        i += adv;
        if (cp == 0xFFFD && adv != 3)
            missing++; /* an invalid byte, not a real U+FFFD */
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
            continue;
        else if (font_set_font_for(fs, cp) == -1)
            missing++;
    }
    return missing;
}
