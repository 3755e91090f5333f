/*
 * The picture: one frame of the ticker composed into an ARGB8888 buffer from the crawl model,
 * the current story snapshot, the time and the theme. Shared by every back end (headless PNG
 * now, the window later), so they share every pixel decision; text reaches the frame only
 * through textline_draw (the exact blend of render/blend.h).
 *
 * The scene owns its frame buffer and keeps it between frames: each frame redraws only what
 * changed (the band while it moves; the story panel when the story changes, while it
 * cross-fades and when its age text changes; clock, date and status when their text changes)
 * and reports the rows it touched, so back ends upload or hash only those. Rasters are made
 * when an item enters the band and dropped when it leaves, so memory does not grow with the
 * number of stories.
 *
 * Thread: one owner (the render thread), which also owns the font_set.
 */
#ifndef TICKER_RENDER_SCENE_H
#define TICKER_RENDER_SCENE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "core/layout.h"
#include "core/picture.h"
#include "core/story.h"
#include "core/theme.h"
#include "render/font.h"

/* Where the card's pictures come from (docs/images.md): the wall display's loader, which
 * reads and decodes them off the render thread, or `ticker render`'s, which decodes at once. */
enum scene_picture_state {
    SCENE_PICTURE_NONE,    /* the story has no usable picture */
    SCENE_PICTURE_READY,   /* *out is the picture, exactly w x h (ownership passes) */
    SCENE_PICTURE_PENDING, /* being loaded: ask again later (the card is built ahead of need
                              and waits for it; a card needed now goes without) */
};

struct scene_pictures {
    /* The picture of story `id` (its story->picture is `src`) at w x h. Called on the render
     * thread, often: it must not wait for the disk or a decoder. */
    enum scene_picture_state (*get)(void *ctx, const char *id, const char *src, int w, int h,
                                    struct picture **out);
    void *ctx;
};

struct scene_config {
    const struct theme *theme; /* copied */
    int width, height;         /* the frame */
    struct font_set *fonts;    /* borrowed; must outlive the scene */
    int max_texture_w;         /* widest text chunk (2048 headless, the renderer's limit) */
    double refresh_hz;         /* frames per second: the step and fade lengths derive from it */
    int utc_offset_s;          /* local time for the clock and status line */
    const struct scene_pictures *pictures; /* copied; NULL: cards show no pictures */
};

/* Times the scene works with, in Unix seconds: years 1 to 9999. A time from a feed or a cache
 * outside them (a year 292 billion) is clamped into them where it enters, so no arithmetic on
 * ages, clocks or frame times can overflow. */
#define SCENE_TIME_MIN INT64_C(-62135596800) /* 0001-01-01T00:00:00Z */
#define SCENE_TIME_MAX INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

static inline int64_t scene_clamp_time(int64_t t)
{
    return t < SCENE_TIME_MIN ? SCENE_TIME_MIN : t > SCENE_TIME_MAX ? SCENE_TIME_MAX : t;
}

/* The rows a frame changed: [y0, y1); y0 == y1 when nothing changed. */
struct scene_dirty {
    int y0, y1;
};

struct scene;

/* Returns NULL with the reason in err when the layout or a font fails. Owned by the caller. */
struct scene *scene_new(const struct scene_config *cfg, struct error *err);
void scene_free(struct scene *sc);

/*
 * Hands a new snapshot to the scene (ownership passes; NULL means "no stories"). The crawl
 * adopts it at the next item boundary; the status line uses its offline / last_success at once.
 * Its times are clamped with scene_clamp_time.
 */
void scene_set_snapshot(struct scene *sc, struct story_snapshot *snap);

/*
 * Updates what the status line and the no-news screen say from snap (borrowed; only its
 * status and feed states are read) without offering its stories: for a snapshot whose stories
 * are those already running (core/adopt.h). scene_set_snapshot does this too.
 */
void scene_set_status(struct scene *sc, const struct story_snapshot *snap);

/* The wall display's live changes (headless frames never use them: frame K must not depend
 * on what happened before it). The local time's offset from UTC (daylight saving time); the
 * measured refresh rate (the step and fade lengths follow from the current frame on); and
 * the operator's step to the next (dir > 0) or previous story, false when there is none. */
void scene_set_utc_offset(struct scene *sc, int utc_offset_s);
void scene_set_refresh(struct scene *sc, double refresh_hz);
bool scene_jump(struct scene *sc, int dir);

/*
 * Composes frame `frame` (frame numbers only increase; a skipped number is a missed vsync) at
 * time now_ms (Unix milliseconds, for the clock and ages; clamped like scene_clamp_time). The
 * cost does not grow with the frame number, nor with the frames skipped. `dirty` (may be NULL)
 * receives the rows changed since the previous frame (the whole frame the first time).
 */
void scene_render(struct scene *sc, int64_t frame, int64_t now_ms, struct scene_dirty *dirty);

/* The frame buffer: width x height pixels, *pitch bytes per row (no padding: width * 4). */
const uint32_t *scene_pixels(const struct scene *sc, int *pitch);

const struct layout *scene_layout(const struct scene *sc);
const struct theme *scene_theme(const struct scene *sc);

/* Pixels the band moves per frame. */
int scene_step(const struct scene *sc);

/* Code points drawn as missing-glyph boxes in everything rasterised so far (tests). */
size_t scene_missing_glyphs(const struct scene *sc);

/* The id of the story in the panel (NULL for none), for tests and logs. */
const char *scene_current_id(const struct scene *sc);

#endif
