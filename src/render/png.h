/*
 * PNG output and frame hashes, both by groups of rows (docs/render.md, "PNG files" and "Frame
 * hashes"). Consecutive frames differ in a few rows (the band moves; the panel changes now and
 * then), so the work for a frame is done for the row groups that changed and reused for the
 * others:
 *
 * - A frame is cut into groups of PNG_OUT_GROUP_ROWS rows from the top (the last may be
 *   shorter). A group's pixels are kept, so a group the scene redrew with the same pixels
 *   counts as unchanged too.
 * - Frame hash: the SHA-256 of the concatenated SHA-256 digests of the groups, in order; a
 *   group's digest is over its visible rows, width * 4 bytes each in memory order (B, G, R, A
 *   for little-endian ARGB8888; never the row padding). An unchanged group keeps its digest.
 * - PNG: 8-bit RGB (alpha dropped: frames are opaque), every row with the Sub filter. The image
 *   data is one zlib stream (header 78 01), cut into one raw deflate piece per group: each
 *   piece is compressed at level 1 from a reset state and ends with a full flush, so it starts
 *   on a byte boundary, refers to nothing before it and decodes the same wherever it sits. Each
 *   piece is its own IDAT chunk (its CRC included), so an unchanged group's chunk is copied
 *   into the next file as it is; the zlib Adler-32 is combined from the pieces'
 *   (adler32_combine). A final IDAT holds the last (empty, final) block and the Adler-32.
 *   The bytes are a function of the pixels alone: the same frame gives the same file in every
 *   run, whichever frames came before it.
 * - Encoding and writing run on a pool of encoder threads with a bounded queue, so they overlap
 *   the composition of the next frames; frames are reported back in the order they were given.
 *
 * Pixels are ARGB8888 as SDL stores them in a uint32_t. Names are png_out_* to stay clear of
 * libpng's png_* namespace.
 */
#ifndef TICKER_RENDER_PNG_H
#define TICKER_RENDER_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

/* Rows per group: the unit of reuse for PNG data and frame hashes (part of the hash's
 * definition: changing it changes every frame hash). */
#define PNG_OUT_GROUP_ROWS 8

/*
 * Writes one image synchronously (the same encoding as the frames). pitch is in bytes; only w
 * pixels of each row are read. Returns false with the reason, naming the file, in err (a
 * partly written file is removed). Any thread.
 */
bool png_out_write(const char *path, const uint32_t *pixels, int w, int h, int pitch,
                   struct error *err);

/* The frame hash of a whole picture (as png_out_frames computes it incrementally). Any
 * thread. */
void png_out_frame_digest(const uint32_t *pixels, int w, int h, int pitch, uint8_t digest[32]);

struct png_out_frames;

/*
 * Called for every frame given to png_out_frames_add, in the order given, on the thread that
 * calls png_out_frames_add / _finish: `written` is true when the frame's PNG file was written
 * (or when no file was asked for), false when writing it failed.
 */
typedef void png_out_done_fn(void *ctx, int64_t tag, const uint8_t digest[32], bool written);

/*
 * A sequence of frames of w x h. threads > 0: PNG files are encoded and written by that many
 * encoder threads with room for `queue` (>= 1) frames waiting; threads == 0: frame hashes
 * only. Returns NULL with the reason in err when a thread cannot be started. Owned by the
 * caller; add, finish and free from one thread.
 */
struct png_out_frames *png_out_frames_new(int w, int h, int threads, int queue,
                                          png_out_done_fn *done, void *ctx, struct error *err);

/*
 * Takes the next frame. Rows outside [dirty_y0, dirty_y1) must equal the previous frame's
 * (all rows count as changed for the first frame). Computes the frame hash into digest (may be
 * NULL) and, when path is not NULL (and threads > 0), queues the PNG for path (copied), waiting
 * while the queue is full. `tag` is handed back to the done function. Returns false (with the
 * first error, naming its file) once any earlier write has failed; the frame is then not
 * queued.
 */
bool png_out_frames_add(struct png_out_frames *f, const uint32_t *pixels, int pitch, int dirty_y0,
                        int dirty_y1, const char *path, int64_t tag, uint8_t digest[32],
                        struct error *err);

/* Waits for every queued frame (reporting each to the done function). Returns false with the
 * first error (naming the file) in err. */
bool png_out_frames_finish(struct png_out_frames *f, struct error *err);

/* Finishes queued work, stops the threads and frees everything. NULL is fine. */
void png_out_frames_free(struct png_out_frames *f);

#endif
