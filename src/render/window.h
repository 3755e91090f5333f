/*
 * The window back end ("window" in render/backend.h): the wall display's SDL window and
 * renderer (docs/display.md, "The wall display"). It shows frames the scene composed, so the
 * window and the headless PNGs share every pixel decision.
 *
 * - Hints are set before the window exists, each with default priority so that the
 *   environment overrides it: vsync on (always: async flips garble KMSDRM on the Pi), no SDL
 *   signal handlers (the runtime has its own), nearest-pixel scaling, no minimising on focus
 *   loss, no GPU behind the software renderer's window surface, and on KMSDRM the GLES2
 *   renderer with batching.
 * - A frame's changed rows are uploaded into streaming textures cut to the renderer's maximum
 *   texture size (2048 on a Pi 3). With SDL's software renderer the window surface keeps its
 *   pixels between frames, so only the changed rows are copied to it; GPU renderers redraw
 *   the whole frame from the textures (their back buffer is undefined after a flip).
 * - Rotation by 0, 90, 180 or 270 degrees: the scene composes an upright frame of the rotated
 *   size and the textures are drawn turned (SDL_RenderCopyExF about the screen's centre).
 * - Display power for the night: a blank window, and on KMSDRM the connector's DPMS property
 *   (through SDL's DRM file descriptor), so the screen itself switches off.
 *
 * Thread: everything on the thread that opened the window (the render thread).
 */
#ifndef TICKER_RENDER_WINDOW_H
#define TICKER_RENDER_WINDOW_H

#include "render/backend.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

extern const struct backend_ops window_backend;

/* Window-specific options, pointed to by backend_options.window (NULL: a 1280x720 window). */
struct window_options {
    int width, height; /* window size; ignored with fullscreen */
    bool fullscreen;   /* the whole display at its current mode */
    int display;       /* SDL display index */
    int rotation;      /* 0, 90, 180, 270: the picture turned clockwise */
    const char *title;
};

/* The size the scene composes at: the drawable size, with width and height swapped for 90 and
 * 270 degrees. */
void window_frame_size(const struct backend *b, int *w, int *h);

/* The display mode's refresh rate in Hz (0 when SDL does not know it). */
int window_mode_hz(const struct backend *b);

/* The widest texture the renderer takes (what text chunks must fit). */
int window_max_texture_w(const struct backend *b);

/* SDL's names: the video driver ("x11", "KMSDRM", ...) and the renderer ("opengles2", ...). */
const char *window_video_driver(const struct backend *b);
const char *window_renderer(const struct backend *b);

/* What happened since the last call (window_poll). */
enum window_key {
    WINDOW_KEY_NONE,
    WINDOW_KEY_PAUSE,   /* space */
    WINDOW_KEY_LEFT,    /* left arrow: previous story */
    WINDOW_KEY_RIGHT,   /* right arrow: next story */
    WINDOW_KEY_REFRESH, /* r: fetch now */
    WINDOW_KEY_QUIT,    /* q or Escape (only reported for a window, never in fullscreen) */
};

#define WINDOW_MAX_KEYS 16

struct window_input {
    bool quit;          /* the window was closed */
    bool lost;          /* the display went away and cannot come back in this process */
    char lost_why[160]; /* for the log, when lost */
    enum window_key keys[WINDOW_MAX_KEYS];
    int n_keys;
};

/* Drains SDL's event queue without waiting. Render thread. */
void window_poll(struct backend *b, struct window_input *in);

/*
 * Switches the picture off (blank, and DPMS off on KMSDRM when `dpms`) or on again. While off,
 * the caller presents nothing; the first present after switching on redraws the whole frame.
 * Returns false with the reason in err when the display refused (the picture is blank anyway).
 */
bool window_set_power(struct backend *b, bool on, bool dpms, struct error *err);

#endif
