/*
 * Text lines: one UTF-8 headline -> an 8-bit coverage (alpha) bitmap, cut into chunks no wider
 * than a maximum texture width.
 *
 * Pipeline (textline.c):
 *   UTF-8 -> code points (invalid bytes become U+FFFD; controls become spaces; default-ignorables
 *   dropped) -> fribidi embedding levels (paragraph direction from the first strong character)
 *   -> level runs in visual order (rule L2) -> per run, split by font (main first, then the
 *   fallback list; neutral characters stay with the font of the run they are in) and by script,
 *   and long runs at spaces into "pieces" of at most TEXTLINE_PIECE_MAX code points -> each
 *   piece shaped by SDL2_ttf/HarfBuzz (TTF_SetFontDirection RTL + TTF_SetFontScriptName
 *   "Arab"/"Hebr" for right-to-left runs) and rendered with TTF_RenderUTF8_Shaded white on
 *   black, whose 8-bit palette index IS the coverage (no blending by SDL) -> copied into the
 *   chunks at the pen position, each piece's top at (line ascent - font ascent) so every font
 *   sits on one baseline. Overlapping ink of neighbouring pieces combines with max().
 *
 * Pieces are the unit of incremental work: the same string gives the same bytes whether it is
 * rendered at once (textline_render) or through a queue pumped with any budget.
 *
 * Pixel policy (shared by the window and headless paths): the scene composites coverage onto an
 * ARGB8888 frame on the CPU with blend_coverage() (render/blend.h, exact integer arithmetic) in
 * both paths; the window path uploads the composed band as a streaming texture. So SDL's
 * CPU-specific blitters and GPU blending never decide a text pixel. Any texture created from
 * this data must respect the renderer's max_texture_width; chunks here already do.
 *
 * Threads: a textline (the result) is plain immutable data once returned; it may be handed to
 * and read from any thread. The queue and textline_render use a font_set and run on the thread
 * that owns that font_set.
 */
#ifndef TICKER_RENDER_TEXTLINE_H
#define TICKER_RENDER_TEXTLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "render/font.h"

/* Longest piece (code points) rendered in one TTF call: bounds the cost of one pump step. */
#define TEXTLINE_PIECE_MAX 24
/* Longest accepted headline in bytes; longer input is cut at a code point boundary. */
#define TEXTLINE_MAX_BYTES 4096
/* Default chunk width in headless mode (DESIGN.md section 7: the Pi 3's texture limit). */
#define TEXTLINE_HEADLESS_MAX_W 2048

/* One chunk: columns [x, x + w) of the line, h = line height rows, `pitch` bytes per row. */
struct textline_chunk {
    int x;
    int w;
    int pitch;
    uint8_t *coverage; /* w x height bytes, 0 = transparent, 255 = full ink */
};

/* A rasterised line. Plain data, owned by whoever received it; free with textline_free(). */
struct textline {
    int width;       /* total width in pixels (sum of chunk widths); 0 for empty text */
    int height;      /* = font_metrics.height of the style */
    int ascent;      /* baseline row from the top (= font_metrics.ascent) */
    size_t missing;  /* code points no font has (drawn as .notdef boxes) plus invalid
                        UTF-8 bytes (drawn as U+FFFD); as font_set_count_missing() */
    size_t n_chunks; /* >= 1 when width > 0 */
    struct textline_chunk *chunks;
};

/*
 * Rasterises a whole line now (cost: roughly proportional to its width in pixels). `max_w` is
 * the widest chunk allowed (>= 64; TEXTLINE_HEADLESS_MAX_W or SDL_RendererInfo.
 * max_texture_width). Returns NULL only if the style's main font cannot be opened (the reason
 * in err, which may be NULL). Empty text gives a line of width 0 and no chunks. Caller owns
 * the result.
 */
struct textline *textline_render(struct font_set *fs, const char *utf8, size_t len,
                                 const struct text_style *style, int max_w, struct error *err);
void textline_free(struct textline *line);

/*
 * Whether a line of this text reads right to left: the paragraph direction textline_render
 * lays the line out with (fribidi, rule P2: the first strong character after the same
 * cleaning; none: left to right). Callers that align text use this, so alignment and order
 * never disagree. Any thread (no fonts involved).
 */
bool textline_paragraph_rtl(const char *utf8, size_t len);

/* The coverage at column x, row y of a line (0 outside): for tests and hit-checks. */
uint8_t textline_coverage_at(const struct textline *line, int x, int y);

/*
 * Composites the whole line with its top-left at (x, y) onto an ARGB8888 buffer (dst_pitch in
 * bytes) in colour argb, clipped, with blend_coverage() (exact; see render/blend.h). This is the
 * one way text reaches a frame, in the window and headless paths alike. No allocation.
 */
void textline_draw(const struct textline *line, uint32_t *dst, int dst_pitch, int dst_w, int dst_h,
                   int x, int y, uint32_t argb);

/*
 * Incremental rasterising for the render thread: queue headlines, then call textline_pump once
 * per frame with a budget; finished lines are collected with textline_queue_take.
 *
 *   q = textline_queue_new(fs, max_w);
 *   id = textline_queue_push(q, text, len, &style);   // copies the text; never fails
 *   each frame: textline_pump(q, 200);                 // <= ~200 code points of work
 *               line = textline_queue_take(q, id);     // NULL until done; then yours
 *
 * Headless mode (deterministic frames) pumps with TEXTLINE_PUMP_ALL before drawing. Ids are
 * never 0 and never reused within a queue. Pumping an empty queue allocates nothing.
 */
#define TEXTLINE_PUMP_ALL ((size_t)-1)
struct textline_queue;

/* fs is borrowed (must outlive the queue). Caller frees with textline_queue_free(), which
 * frees unfinished and untaken lines too. */
struct textline_queue *textline_queue_new(struct font_set *fs, int max_w);
void textline_queue_free(struct textline_queue *q);
uint32_t textline_queue_push(struct textline_queue *q, const char *utf8, size_t len,
                             const struct text_style *style);
/*
 * Does up to `budget` code points of work (always at least one piece when work is pending, so
 * every call makes progress). Returns true when nothing is left to do. A line whose main font
 * cannot be opened finishes as an empty line (width 0).
 */
bool textline_pump(struct textline_queue *q, size_t budget);
/* Hands over a finished line (caller frees) and forgets the id; NULL if not finished or
 * unknown. */
struct textline *textline_queue_take(struct textline_queue *q, uint32_t id);
/* Drops a queued, unfinished or finished line. Unknown ids are ignored. */
void textline_queue_cancel(struct textline_queue *q, uint32_t id);
/* Jobs not yet taken or cancelled (finished or not). */
size_t textline_queue_pending(const struct textline_queue *q);

#endif
