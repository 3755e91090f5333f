/*
 * The "software" back end (render/backend.h): each presented frame's changed rows are uploaded
 * to a streaming texture of SDL's software renderer drawing into an off-screen surface, copied
 * to the target and presented - the per-frame work of the window path, without a window or a
 * video driver. `ticker render --bench-frame` times the scene and this back end together.
 *
 * Thread: the render thread. Calls SDL_Init(0) at open and SDL_Quit at close.
 */
#ifndef TICKER_RENDER_SOFTWARE_H
#define TICKER_RENDER_SOFTWARE_H

#include "render/backend.h"

extern const struct backend_ops software_backend;

#endif
