/*
 * Story pictures on the wall display (docs/images.md): the picture loader (io/picture_loader.h)
 * as the scene's picture source (render/scene.h). The loader reads a story's stored picture
 * from the cache and decodes it in the sandbox on its own thread; the render thread only takes
 * finished pixels.
 *
 * Thread: the render (main) thread.
 */
#ifndef TICKER_APP_DISPLAY_RUN_PICTURES_H
#define TICKER_APP_DISPLAY_RUN_PICTURES_H

#include "render/scene.h"

struct runpictures;

/* Starts the loader for the cache at cache_path. NULL (logged) when it cannot: the cards then
 * show no pictures. */
struct runpictures *runpictures_open(const char *cache_path);

/* The scene's picture source (valid until runpictures_close); NULL for a NULL rp. */
const struct scene_pictures *runpictures_source(struct runpictures *rp);

/* Stops the loader. Call after the scene that used the source is gone. NULL is fine. */
void runpictures_close(struct runpictures *rp);

#endif
