/*
 * Content codings of HTTP bodies, decoded by the fetcher itself (part of the fetch module;
 * docs/fetch.md, "Transfers"). libcurl 7.88 takes a gzip stream that ends before its trailer
 * as a complete body; this decoder knows whether the stream reached its end, so a body cut
 * short is an error instead of a shorter feed.
 *
 * gzip (several members allowed, as RFC 1952 permits) and deflate (a zlib stream, or raw
 * deflate as some servers send it) by zlib; identity passes through. The output goes into a
 * struct buf, whose cap_limit is the decoded-size cap: a bomb stops at the cap.
 *
 * Thread: a decoder belongs to one transfer, on one thread.
 */
#ifndef TICKER_IO_FETCH_DECODE_H
#define TICKER_IO_FETCH_DECODE_H

#include "core/util.h"

#include <stdbool.h>
#include <stdint.h>
#include <zlib.h>

enum fetch_decode_result {
    FETCH_DECODE_OK,        /* taken (bytes after the end of a stream are ignored) */
    FETCH_DECODE_TOO_LARGE, /* the output passed its cap */
    FETCH_DECODE_BAD,       /* not a valid stream of its coding (err says how) */
};

struct fetch_decoder {
    z_stream z;
    bool inflating; /* a zlib stream is open */
    bool ended;     /* the (last) stream reached its end: the body is complete */
    bool gzip;
    bool raw;              /* "deflate" turned out to be raw deflate */
    int64_t in;            /* compressed bytes taken */
    unsigned char head[2]; /* the body's first bytes (for the raw deflate restart) */
    int n_head;
    unsigned char tail[2]; /* gzip: the first bytes after a member ended (another member?) */
    int n_tail;
    bool ignore_rest; /* what follows the end is not another member: ignored */
    char err[96];     /* why the body is unusable ("" while fine) */
};

/*
 * Starts decoding a body whose Content-Encoding is `coding` (lowercase, no parameters; "" or
 * "identity": none). False (reason in d->err) for a coding we do not decode or when zlib
 * cannot start. Ends any stream d had (d may be zeroed or used before).
 */
bool fetch_decode_start(struct fetch_decoder *d, const char *coding);

/* Decodes n more bytes into out. For identity, appends them as they are. */
enum fetch_decode_result fetch_decode(struct fetch_decoder *d, const char *data, size_t n,
                                      struct buf *out);

/* Is the body complete? Identity always is; a compressed one when its stream ended. */
bool fetch_decode_complete(const struct fetch_decoder *d);

/* Frees zlib's state; d is zeroed. */
void fetch_decode_end(struct fetch_decoder *d);

#endif
