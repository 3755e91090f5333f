/*
 * The wall display's picture loader (docs/images.md): a small thread that reads a story's
 * stored picture from the cache (its own read-only connection) and decodes it in the
 * sandboxed helper, at the size the card shows, so the render thread only ever takes finished
 * pixels and never waits for the disk or a decoder.
 *
 * The render thread asks with picture_loader_get when it starts building a story's card
 * (ahead of need): the first ask queues the picture and answers PENDING; a later ask hands the
 * pixels over once they are there. At most PICTURE_LOADER_SLOTS pictures are held at a time,
 * so memory does not grow with the number of stories.
 *
 * Thread: made, asked and freed by one thread (the render thread); it runs its own.
 */
#ifndef TICKER_IO_PICTURE_LOADER_H
#define TICKER_IO_PICTURE_LOADER_H

#include "core/error.h"
#include "core/picture.h"

#include <stdbool.h>

#define PICTURE_LOADER_SLOTS 6

enum picture_loader_state {
    PICTURE_LOADER_NONE,    /* no usable picture */
    PICTURE_LOADER_READY,   /* *out is it (ownership passes) */
    PICTURE_LOADER_PENDING, /* being read or decoded: ask again */
};

struct picture_loader;

/* A loader for the cache at cache_path (copied; opened by the thread when first needed).
 * NULL when the thread cannot start (err). */
struct picture_loader *picture_loader_new(const char *cache_path, struct error *err);

/* Stops the thread (after the picture it is decoding, at most the decoder's time limit) and
 * frees everything. NULL is fine. */
void picture_loader_free(struct picture_loader *l);

/* The picture of story `id` (story->picture is `src`) at w x h. Never waits. */
enum picture_loader_state picture_loader_get(struct picture_loader *l, const char *id,
                                             const char *src, int w, int h, struct picture **out);

#endif
