/*
 * The font set: the bundled main font (assets/fonts/DejaVuSans.ttf, and -Bold) plus an ordered
 * fallback list for code points the main font lacks (CJK, Arabic, Hebrew, symbols/emoji).
 *
 * Design:
 * - The fallback list is either given explicitly (paths, tried in order) or, by default, found
 *   once through fontconfig: for each probe script (Chinese, kana, Hangul, Arabic, Hebrew, Thai,
 *   Devanagari, Cyrillic, Greek, symbols/emoji) that the main font does not cover, the best
 *   installed non-colour TrueType/OpenType font covering the probe is appended, de-duplicated.
 *   On Debian with our packages: DejaVu (covers Latin, Greek, Cyrillic, Arabic, Hebrew and many
 *   symbols itself) -> WenQuanYi Micro Hei -> Noto Sans Thai -> Noto Sans Devanagari ->
 *   Symbola. fontconfig is used in font_set_new only, with a private FcConfig.
 * - TTF_Font handles are opened lazily per (font, pixel size, bold) and cached for the life of
 *   the set. A fallback font opens at the size that matches its cap height ('H') to the main
 *   font's, clamped to +-10% of the em, so mixed runs look like one line.
 * - Every style has fixed line metrics (the main font's ascent and descent plus headroom for
 *   taller fallback glyphs and stacked marks), so every headline of one style has the same
 *   bitmap height and baseline. Ink beyond that box is clipped.
 * - Owns one TTF_Init()/TTF_Quit() pair (SDL2_ttf counts them), so several sets may coexist.
 *
 * Threads: a font_set is NOT thread-safe (TTF_Font is not). Use it from one thread; a raster
 * thread creates its own font_set.
 */
#ifndef TICKER_RENDER_FONT_H
#define TICKER_RENDER_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* The text style of one line: the em size in pixels (SDL2_ttf point size at 72 dpi) and weight. */
struct text_style {
    int px;    /* 4..512 */
    bool bold; /* the main font's Bold file; fallbacks use their regular face */
};

struct font_set_config {
    /* Main font files: the configured ones, else the bundled ones below. A file that cannot
     * be opened (missing, not a font, a FIFO) gives way to the bundled file, then to the
     * DejaVu Sans face fontconfig finds, each logged as a warning naming it; NULL: fontconfig's
     * at once. Only when fontconfig has none either does font_set_new fail. */
    const char *main_path;
    const char *bold_path;
    /* The bundled files (the app passes the data directory's fonts/DejaVuSans.ttf and
     * DejaVuSans-Bold.ttf; NULL when there is no data directory). */
    const char *bundled_path;
    const char *bundled_bold_path;
    /* Fallback font files in order. NULL with n_fallbacks 0: find them with fontconfig. An
     * explicit empty list (non-NULL pointer, n_fallbacks 0) means: no fallbacks at all. */
    const char *const *fallback_paths;
    size_t n_fallbacks;
};

/* Line metrics of one style; identical for every line rendered in that style. */
struct font_metrics {
    int ascent;  /* pixels from the top of a line bitmap to the baseline */
    int descent; /* pixels from the baseline to the bottom (>= 0) */
    int height;  /* ascent + descent: the height of every line bitmap of this style */
};

struct font_set;

/*
 * Opens the main fonts (to check they load) and resolves the fallback list. `cfg` may be NULL
 * (all defaults). The config is copied. Returns NULL on error with a message naming the file and
 * the reason in err (may be NULL). Caller frees with font_set_free(). Calls TTF_Init(); SDL
 * itself need not be initialised. Font files are opened only when they are regular files, and
 * without blocking: a FIFO or a device named as a font is an error, never a hang. A configured
 * main or bold font that cannot be opened (missing, not a font) is replaced by the bundled one
 * with a warning through core/log.h; only a bundled font that cannot be opened is an error.
 */
struct font_set *font_set_new(const struct font_set_config *cfg, struct error *err);
void font_set_free(struct font_set *fs);

/* Number of fallback fonts and the path of the i-th (owned by the set; for logs and tests). */
size_t font_set_fallback_count(const struct font_set *fs);
const char *font_set_fallback_path(const struct font_set *fs, size_t i);

/* Line metrics for a style. Returns false (metrics zeroed) if the main font cannot be opened at
 * that size (px outside 4..512, or a FreeType failure). */
bool font_set_metrics(struct font_set *fs, const struct text_style *style,
                      struct font_metrics *out);

/*
 * Which font renders code point cp: 0 = main font, 1.. = fallback i-1, -1 = no font has it
 * (it would show as a missing-glyph box). Default-ignorable code points (ZWJ, variation
 * selectors, bidi marks, ...) report -2: the rasteriser drops them.
 */
int font_set_font_for(struct font_set *fs, uint32_t cp);

/*
 * Counts the code points of a UTF-8 string that no font of the set provides (each would be a
 * .notdef box). Invalid UTF-8 bytes count as missing too. Control characters and
 * default-ignorables are not counted (the rasteriser drops them).
 */
size_t font_set_count_missing(struct font_set *fs, const char *utf8, size_t len);

/* Internal to the render layer (textline.c) from here on. */

/* Default-ignorable code points (ZWJ/ZWNJ, variation selectors, bidi controls, BOM, soft
 * hyphen, tags): dropped before shaping. */
bool font_is_ignorable(uint32_t cp);

/* The TTF_Font for font index `idx` (0 main, 1..
 * fallbacks) at a style, opened on first use and cached; NULL if it cannot be opened. */
struct _TTF_Font;
struct _TTF_Font *font_set_ttf(struct font_set *fs, int idx, const struct text_style *style);

#endif
