/*
 * The headless back end and the frame driver (docs/render.md). Frames are rendered on a
 * virtual clock (frame N is at N / fps seconds after the start time; nothing reads the wall
 * clock for pixels), each frame's hash is written to frames.sha256, its PNG file through the
 * incremental encoder of render/png.h, and optionally a contact sheet of captioned thumbnails.
 *
 * Files in the output directory:
 *   frame-NNNNNN.png   one per presented frame (N = the frame number, six digits or more)
 *   frames.sha256      "<64 hex digits>  frame-NNNNNN\n" per presented frame, in order; with PNG
 *                      files, only the frames whose file was written (a full disk stops the
 *                      run, and the list then names exactly the files that exist)
 *
 * The frame hash is defined in render/png.h (SHA-256 over the digests of 8-row groups).
 *
 * Thread: the render thread drives and presents; the back end runs its own PNG encoder threads
 * and joins them at close.
 */
#ifndef TICKER_RENDER_HEADLESS_H
#define TICKER_RENDER_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "render/backend.h"
#include "render/scene.h"

extern const struct backend_ops headless_backend;

/* One opened back end to present to. */
struct headless_output {
    const struct backend_ops *ops;
    struct backend *b;
};

struct headless_run {
    int64_t start_frame; /* first frame number (>= 0) */
    int64_t frames;      /* how many frame numbers to step through (>= 1) */
    int64_t every;       /* present every this many frames (>= 1) */
    int fps;             /* the virtual refresh rate */
    int64_t start_ms;    /* Unix milliseconds at frame 0 */
    /* Called after each presented frame with the number presented so far (may be NULL): the
     * application's progress display. */
    void (*on_presented)(void *ctx, int64_t presented);
    void *ctx;
};

/*
 * Drives the scene through the frames and presents each presented frame to every output, in
 * order. Returns false with the reason in err when presenting fails (the run stops there; the
 * caller still closes the outputs).
 */
bool headless_drive(struct scene *sc, const struct headless_output *outs, size_t n_outs,
                    const struct headless_run *run, struct error *err);

/* The hash of one frame as headless writes it (for tests): lower-case hex into out. */
void headless_frame_hash(const uint32_t *pixels, int w, int h, int pitch, char out[65]);

#endif
