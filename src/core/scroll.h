/*
 * The crawl model: which playlist items are in the band and where, for a frame number.
 *
 * Motion is whole pixels per frame (DESIGN.md section 7): step = round(speed * refresh period),
 * at least 1, and the strip's position at frame N is step * N, so a missed vsync advances by
 * the frames that elapsed and the GPU and the software renderer place text identically.
 *
 * Items sit end to end on an endless strip in playlist order, cycling. A new playlist (a new
 * story snapshot) is offered at any time but adopted only when the next item is appended at the
 * strip's tail, an item boundary off screen, so nothing on screen ever jumps. The "current"
 * item is the one crossing a fixed point of the band.
 *
 * Reduced motion: one item at a time, held for hold_frames, fading in and out over
 * fade_frames; a new playlist is adopted when the next item comes up.
 *
 * Pure: no clock, no I/O. Item widths come from a callback (the render layer measures text).
 * Not thread-safe: one owner (the render thread).
 */
#ifndef TICKER_CORE_SCROLL_H
#define TICKER_CORE_SCROLL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct scroll;

struct scroll_params {
    int step;    /* pixels per frame, >= 1 (scroll_step) */
    int band_w;  /* band width in pixels */
    int point_x; /* the current-story point, pixels from the band's left edge */
    bool reduced_motion;
    int64_t hold_frames; /* reduced motion: frames each item shows (>= 1) */
    int64_t fade_frames; /* reduced motion: fade-in and fade-out length (0: cut) */
};

/* One item placed on the strip. */
struct scroll_entry {
    uint32_t gen; /* the playlist it comes from (the caller's generation number) */
    size_t item;  /* its index in that playlist */
    int64_t x;    /* left edge in strip coordinates; on screen at x - scroll_position() */
    int width;    /* > 0 */
};

/* Width in pixels (> 0; smaller values count as 1) of item `item` of playlist `gen`. Called when
 * the item is appended at the strip's tail; the render layer rasterises ahead there. */
typedef int (*scroll_width_fn)(void *ctx, uint32_t gen, size_t item);

/* Whole pixels per frame for a speed (px/s) and refresh period (s): round, at least 1. */
int scroll_step(double speed_px_s, double period_s);

/* A new model, empty. Free with scroll_free. Parameters are copied; step < 1 counts as 1. */
struct scroll *scroll_new(const struct scroll_params *p);
void scroll_free(struct scroll *s);

/*
 * Offers playlist `gen` of n_items items (n_items 0: the next playlist is empty). It replaces
 * any playlist offered but not yet adopted. continue_at (may be NULL) maps each item index of
 * the playlist now running (n_prev entries) to the index in the new one that should follow it,
 * or SIZE_MAX to start the new playlist from its first item; the array is read during this call
 * only. Before the first scroll_advance the playlist is adopted at once and the strip starts
 * full (the first item at the band's left edge); later, into an empty band, items enter from
 * the right.
 */
void scroll_offer(struct scroll *s, uint32_t gen, size_t n_items, const size_t *continue_at,
                  size_t n_prev);

/* Moves to frame `frame` (>= the previous frame; earlier frames are ignored), appending items
 * at the tail (calling width) and dropping those that left the band. */
void scroll_advance(struct scroll *s, int64_t frame, scroll_width_fn width, void *ctx);

/* The strip position of the band's left edge at the current frame. */
int64_t scroll_position(const struct scroll *s);

/* The entries that intersect the band, left to right (valid until the next call that changes
 * s). In reduced motion: the one item shown, at x = scroll_position(). */
size_t scroll_visible(const struct scroll *s, const struct scroll_entry **entries);

/* Every entry on the strip, including one placed just past the band's right edge (it becomes
 * visible next frame): the render layer keeps rasters for exactly these. */
size_t scroll_strip(const struct scroll *s, const struct scroll_entry **entries);

/* The entry crossing the current-story point, or NULL when the band is empty. */
const struct scroll_entry *scroll_current(const struct scroll *s);

/* The frame at which the current entry became current (crawl: the first frame its left edge
 * had reached the point; reduced motion: when it came up), and the entry current before it
 * (NULL if none): from these the panel's cross-fade is a function of the frame alone. */
int64_t scroll_current_since(const struct scroll *s);
const struct scroll_entry *scroll_previous(const struct scroll *s);

/* The item the next append will place (false when none will): lets the render layer
 * rasterise it ahead, a bounded amount per frame, before it is needed. */
bool scroll_peek_next(const struct scroll *s, uint32_t *gen, size_t *item);

/* The playlist generation now running (false before any was adopted). */
bool scroll_running_gen(const struct scroll *s, uint32_t *gen);

/* Reduced motion: opacity of the shown item, 0..255 (255 when not in reduced motion). */
int scroll_alpha(const struct scroll *s);

/* Whether any entry on the strip, the running or the offered playlist is from gen (the caller
 * may free a snapshot when this turns false). */
bool scroll_uses_gen(const struct scroll *s, uint32_t gen);

/*
 * The wall display's live changes, never used headless (where frame K must not depend on what
 * happened before it):
 *
 * scroll_set_timing changes the step (after the refresh period was measured) and the reduced-
 * motion hold and fade lengths from the current frame on; the strip does not move.
 *
 * scroll_jump steps through stories for an operator: dir > 0 moves the strip forward until the
 * next story reaches the current-story point, dir < 0 back until the previous one does (the
 * band left of it is filled with the stories before it). Reduced motion: the next or previous
 * story comes up at once. Returns false when there is nothing to step to.
 */
void scroll_set_timing(struct scroll *s, int step, int64_t hold_frames, int64_t fade_frames);
bool scroll_jump(struct scroll *s, int dir, scroll_width_fn width, void *ctx);

#endif
