/*
 * Story pictures in the cache (schema 5, docs/cache.md and docs/images.md): each item may
 * have one picture, scaled once to the card's size and kept as JPEG, or a record of why its
 * picture failed (so it is not fetched again at every poll). A picture goes with its item
 * (a trigger deletes it when retention removes the item).
 *
 * Part of the store module (struct store from io/store.h); same thread rules: a struct store
 * is used by the thread that opened it. The picture reader is a separate read-only connection
 * for the wall display's picture loader thread, beside the worker's writer.
 */
#ifndef TICKER_IO_STORE_PICTURES_H
#define TICKER_IO_STORE_PICTURES_H

#include "core/error.h"
#include "core/story.h"
#include "io/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the cache knows about an item's picture from image URL `url`. */
enum store_picture_state {
    STORE_PICTURE_NONE,    /* nothing yet for this URL: fetch it */
    STORE_PICTURE_STORED,  /* stored (from this URL) */
    STORE_PICTURE_FAILED,  /* tried and failed (from this URL): not again */
    STORE_PICTURE_NO_ITEM, /* the item is not stored */
    STORE_PICTURE_ERROR,   /* the database failed (err) */
};

enum store_picture_state store_picture_state(struct store *s, const char *feed_url,
                                             const char *item_id, const char *url,
                                             struct error *err);

/*
 * Stores the picture of item (feed_url, item_id) made from `url`: width x height pixels as
 * `len` bytes of JPEG (jpeg NULL: it failed, `why` says why). Replaces what the item had. At
 * Unix time `now`. Inside a cycle it joins the cycle's transaction, else it is its own.
 * STORE_NOT_FOUND when the item is not stored (nothing written).
 */
enum store_lookup store_put_picture(struct store *s, const char *feed_url, const char *item_id,
                                    const char *url, int width, int height, const void *jpeg,
                                    size_t len, const char *why, int64_t now, struct error *err);

/*
 * Sets story->picture (the image URL) of every story of snap whose picture is stored, and
 * clears it on the others. A cache without pictures (schema 4, read-only readers) marks none.
 * False on a database error (err).
 */
bool store_mark_pictures(struct store *s, struct story_snapshot *snap, struct error *err);

/* Pictures stored and their bytes, for `cache stats` and the benchmark. */
bool store_picture_totals(struct store *s, int64_t *count, int64_t *bytes, struct error *err);

/* ---- the display's picture reader --------------------------------------------------- */

struct store_picture_reader;

/*
 * A read-only connection to the cache at `path` for reading pictures while a writer (the
 * worker, in the same process) keeps it up to date: a plain read-only WAL connection (never
 * `immutable`, which would not see the writer's commits). NULL (err) when it cannot be opened.
 */
struct store_picture_reader *store_picture_reader_open(const char *path, struct error *err);
void store_picture_reader_close(struct store_picture_reader *r);

/* A reader over an open store's own connection (`ticker render --cache`, whose store is a
 * reader that creates nothing): s must outlive it; closing it leaves s open. */
struct store_picture_reader *store_picture_reader_borrow(struct store *s);

/*
 * The JPEG of story `key` (story->id) when its stored picture comes from `url`: *jpeg (the
 * caller frees), *len, its size. STORE_NOT_FOUND when there is none (or from another URL).
 */
enum store_lookup store_picture_read(struct store_picture_reader *r, const char *key,
                                     const char *url, uint8_t **jpeg, size_t *len, int *width,
                                     int *height, struct error *err);

#endif
