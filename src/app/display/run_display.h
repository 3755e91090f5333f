/*
 * The picture side of the wall display: the window (render/window.h), the fonts and the scene
 * (render/scene.h), frame pacing (core/pace.h) and the hand-off of snapshots into the crawl
 * (core/adopt.h). One frame is: compose at the clock's wall time, present (which waits for
 * vsync), then advance the crawl by the refresh periods that passed.
 *
 * Thread: the render (main) thread, which owns SDL.
 */
#ifndef TICKER_APP_DISPLAY_RUN_DISPLAY_H
#define TICKER_APP_DISPLAY_RUN_DISPLAY_H

#include "core/error.h"
#include "core/health.h"
#include "core/story.h"
#include "core/theme.h"
#include "io/clock.h"
#include "render/window.h"

#include <stdbool.h>
#include <stdint.h>

struct rundisp_options {
    int width, height; /* the window (not fullscreen) */
    bool fullscreen;
    int display; /* SDL display index */
    /* The data directory whose fonts/ has the bundled fonts (app/datadir.h); NULL, or a
     * missing file: fontconfig's DejaVu Sans. Must outlive the rundisp. */
    const char *data_dir;
    /* Where the cards' pictures come from (app/display/run_pictures.h); NULL: none. Must
     * outlive the rundisp. */
    const struct scene_pictures *pictures;
};

struct rundisp;

/* Opens the window and makes the scene for theme t (copied). NULL with a message. */
struct rundisp *rundisp_open(const struct rundisp_options *o, const struct theme *t,
                             const struct clock *clk, struct error *err);

/*
 * A new look after a reload: when t differs from the running theme, the fonts and the scene are
 * made again (the window too when the rotation changed) and the stories shown go on from the
 * start. On failure the old look stays and false comes back with a message.
 */
bool rundisp_set_theme(struct rundisp *d, const struct theme *t, struct error *err);

/* A snapshot from the worker (ownership passes): offered to the crawl, used for the status
 * only, held while paused or dropped, as core/adopt.h decides. */
void rundisp_snapshot(struct rundisp *d, struct story_snapshot *snap);

/* Window events since the last call, with the operator keys (when `keys`) applied: pause,
 * previous and next story. The keys the caller acts on (refresh, quit) stay in *in. */
void rundisp_poll(struct rundisp *d, bool keys, struct window_input *in);

/* Composes and presents one frame (waits for vsync). false with a message when presenting
 * failed. */
bool rundisp_frame(struct rundisp *d, struct error *err);

/* Screen off (blank, DPMS when dpms) or on. Logs what the platform allowed. */
void rundisp_power(struct rundisp *d, bool on, bool dpms);

/* The size of the pictures this screen's card shows (core/card.h), for the fetcher to scale
 * them to; false when it shows none (a bar, "images": false). */
bool rundisp_picture_box(const struct rundisp *d, int *w, int *h);

/* Frames presented since the start. */
uint64_t rundisp_frames(const struct rundisp *d);

/* Stories in the crawl's newest playlist. */
size_t rundisp_items(const struct rundisp *d);

bool rundisp_paused(const struct rundisp *d);

/* Fills the frame figures of h (fps, p99, dropped, sizes, drivers) over the period since the
 * last call, and starts a new period. */
void rundisp_health(struct rundisp *d, struct health *h);

void rundisp_close(struct rundisp *d);

#endif
