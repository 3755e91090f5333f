/*
 * PNG output for headless frames: libpng at a fast setting (zlib level 1 and the Sub filter
 * alone: frames are mostly flat colour, which Sub turns into runs of zeros; measured on 1080p
 * ticker frames, this beat no filter (4x the size, twice the time) and the RLE strategy (twice
 * the size, slower)), and a small pool of encoder threads with a bounded queue so encoding runs
 * on every core while the render thread composes the next frame.
 *
 * Pixels are ARGB8888 as SDL stores them in a uint32_t (little-endian memory: B, G, R, A); the
 * PNG is 8-bit RGB (alpha dropped: frames are opaque).
 *
 * Names are png_out_* to stay clear of libpng's own png_* namespace.
 */
#ifndef TICKER_RENDER_PNG_H
#define TICKER_RENDER_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Writes one image synchronously. pitch is in bytes; only w pixels of each row are read.
 * Returns false with a message naming the file in err (may be NULL). Any thread.
 */
bool png_out_write(const char *path, const uint32_t *pixels, int w, int h, int pitch, char *err,
                   size_t err_len);

struct png_out_pool;

/*
 * A pool of `threads` encoder threads (>= 1) for frames of w x h, with room for `queue` frames
 * waiting (>= 1). Frame buffers are allocated here, once: (threads + queue) * w * h * 4 bytes.
 * Returns NULL (message in err) when a thread cannot be started. Owned by the caller;
 * submit and finish from one thread.
 */
struct png_out_pool *png_out_pool_new(int threads, int queue, int w, int h, char *err,
                                      size_t err_len);

/* Copies the frame and queues it for `path` (copied); blocks while the queue is full. Returns
 * false once any earlier write has failed (the first error is kept for png_out_pool_finish). */
bool png_out_pool_submit(struct png_out_pool *p, const char *path, const uint32_t *pixels,
                         int pitch);

/* Waits for every queued frame. Returns false with the first error (naming the file) in err. */
bool png_out_pool_finish(struct png_out_pool *p, char *err, size_t err_len);

/* Stops the threads (after finishing queued work) and frees everything. NULL is fine. */
void png_out_pool_free(struct png_out_pool *p);

#endif
