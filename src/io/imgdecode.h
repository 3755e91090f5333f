/*
 * Decoding a picture in the sandboxed helper process ticker-imgdecode (docs/images.md): the
 * bytes go to its standard input, the pixels come back on its standard output in
 * core/picture.h's format, checked against what was asked for. The helper lives for one
 * picture, with resource limits and a seccomp filter of its own; this side adds a wall-clock
 * deadline (the helper is killed past it) and reads at most the answer's size.
 *
 * The helper is found as $TICKER_IMGDECODE_BIN, else beside the running executable (a build
 * tree, or the install's libexec folder, where ticker-display is), else in the install's
 * libexec folder relative to it (ticker in bin/).
 *
 * Thread: any; each call starts its own process (posix_spawn, safe in threaded programs) and
 * leaves no state behind. SIGPIPE is blocked in the calling thread while it writes.
 */
#ifndef TICKER_IO_IMGDECODE_H
#define TICKER_IO_IMGDECODE_H

#include "core/error.h"
#include "core/picture.h"

#include <stdbool.h>
#include <stddef.h>

/* How long a decode may take in real time before the helper is killed. */
#define IMGDECODE_TIMEOUT_MS 10000

/* What the decoder said about the image (for logs and tests). */
struct imgdecode_info {
    int format; /* 1 JPEG, 2 PNG, 3 WebP */
    int src_w, src_h;
    int orientation;
    bool animated;
};

enum imgdecode_result {
    IMGDECODE_OK,
    IMGDECODE_REFUSED, /* the image is unusable: not an image, too large, damaged (err) */
    IMGDECODE_FAILED,  /* the helper is missing, died, timed out or answered nonsense (err) */
};

/* "ok", "refused", "failed" */
const char *imgdecode_result_str(enum imgdecode_result r);

/*
 * Decodes len bytes into a box_w x box_h picture (cropped to fill, never stretched). On
 * IMGDECODE_OK *out is a new picture (picture_free) and info (may be NULL) is filled; else
 * err says why, for people. `helper` is the helper's path, NULL to look it up as above.
 */
enum imgdecode_result imgdecode_run(const void *data, size_t len, int box_w, int box_h,
                                    const char *helper, struct picture **out,
                                    struct imgdecode_info *info, struct error *err);

/* The helper's path as imgdecode_run finds it, into out (cap bytes); false when none. */
bool imgdecode_helper_path(char *out, size_t cap);

#endif
