/*
 * The headless back end and driver: frames rendered on a virtual clock (frame N is at N / fps
 * seconds after the start time; nothing reads the wall clock for pixels), written as PNG
 * through a pool of encoder threads, each frame's visible pixel rows hashed (SHA-256 over
 * width * 4 bytes of every row, top to bottom; never the row padding) into frames.sha256, and
 * optionally a contact sheet of thumbnails.
 *
 * Files in the output directory:
 *   frame-NNNNNN.png   one per presented frame (N = the frame number, six digits or more)
 *   frames.sha256      "<64 hex digits>  frame-NNNNNN\n" per presented frame, in order
 *
 * Thread: the render thread drives and presents; the back end runs its own PNG encoder threads
 * and joins them at close.
 */
#ifndef TICKER_RENDER_HEADLESS_H
#define TICKER_RENDER_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/backend.h"
#include "render/scene.h"

extern const struct backend_ops headless_backend;

struct headless_run {
    int64_t start_frame; /* first frame number (>= 0) */
    int64_t frames;      /* how many frame numbers to step through (>= 1) */
    int64_t every;       /* present every this many frames (>= 1) */
    int fps;             /* the virtual refresh rate */
    int64_t start_ms;    /* Unix milliseconds at frame 0 */
};

/*
 * Drives the scene through the frames and presents them to the back end b (opened by the
 * caller with ops). Returns false with a message in err when presenting fails.
 */
bool headless_drive(struct scene *sc, const struct backend_ops *ops, struct backend *b,
                    const struct headless_run *run, char *err, size_t err_len);

/* The hash of one frame as headless writes it (for tests): lower-case hex into out. */
void headless_frame_hash(const uint32_t *pixels, int w, int h, int pitch, char out[65]);

#endif
