/*
 * Output back ends: a const table of functions chosen by name (docs/render.md, "Back ends").
 * Every back end receives frames composed by the scene (render/scene.h), so the window and the
 * headless PNG output share every pixel decision; a back end only moves finished pixels
 * somewhere.
 *
 *   "headless"  PNG files, frame hashes and a contact sheet in a directory (render/headless.h)
 *   "software"  SDL's software renderer on an off-screen surface: the window path's upload
 *               and copy without a window (render/software.h; `ticker render --bench-frame`)
 *   "video"     raw frames piped to ffmpeg, which writes an .mp4 or .webm (render/video.h)
 *   "window"    the wall display: an SDL window and renderer with vsync (render/window.h)
 *
 * Thread: a back end instance is used from the thread that opened it (the render thread); it
 * may run helpers of its own (the PNG encoder pool, the ffmpeg process).
 */
#ifndef TICKER_RENDER_BACKEND_H
#define TICKER_RENDER_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct font_set;
struct window_options;

/* What a back end is opened with. Fields a back end does not use are ignored. */
struct backend_options {
    int width, height;         /* the frame size */
    int fps;                   /* frames per second of the clock (frame N is at N / fps s) */
    const char *out_dir;       /* headless: where frames and frames.sha256 go (must exist) */
    bool write_png;            /* headless: write frame-NNNNNN.png files (false: hashes only) */
    const char *contact_sheet; /* headless: a PNG of thumbnails to write at close, or NULL */
    int64_t sheet_every;       /* headless: thumbnail every this many presented frames (>= 1) */
    int64_t expected_frames;   /* headless: presented frames to expect (sheet size) */
    int encoder_threads;       /* headless: PNG encoder threads (>= 1) */
    struct font_set *fonts;    /* headless: contact sheet captions (borrowed; may be NULL) */
    const char *video_path;    /* video: the file to write (.mp4 or .webm) */
    int64_t every;             /* video: one presented frame per `every` frames (rate fps/every) */
    const struct window_options *window; /* window: where and how (render/window.h) */
};

/* One composed frame. The pixel rows outside [dirty_y0, dirty_y1) equal the previous frame's
 * presented to this back end. */
struct backend_frame {
    const uint32_t *pixels; /* ARGB8888 */
    int pitch;              /* bytes per row */
    int64_t number;         /* the frame number (virtual clock: at number / fps seconds) */
    int dirty_y0, dirty_y1;
};

struct backend;

struct backend_ops {
    const char *name;
    /* Returns NULL with the reason in err. */
    struct backend *(*open)(const struct backend_options *opt, struct error *err);
    /* Shows or stores one frame; false with the reason in err stops the run (close b then). */
    bool (*present)(struct backend *b, const struct backend_frame *f, struct error *err);
    /* Finishes (flushes files) and frees b; false with the reason when finishing failed. */
    bool (*close)(struct backend *b, struct error *err);
};

/* The back end called `name`, or NULL. */
const struct backend_ops *backend_find(const char *name);

/* Names of all back ends, NULL-terminated (for usage messages). */
const char *const *backend_names(void);

#endif
