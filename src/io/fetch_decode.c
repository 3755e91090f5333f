/* Content codings for the fetcher (fetch_decode.h). */
#include "io/fetch_decode.h"

#include <stdio.h>
#include <string.h>

void fetch_decode_end(struct fetch_decoder *d)
{
    if (d->inflating)
        inflateEnd(&d->z);
    memset(d, 0, sizeof *d);
}

static bool open_stream(struct fetch_decoder *d, int window_bits)
{
    memset(&d->z, 0, sizeof d->z);
    if (inflateInit2(&d->z, window_bits) != Z_OK) {
        snprintf(d->err, sizeof d->err, "cannot start zlib");
        return false;
    }
    d->inflating = true;
    return true;
}

bool fetch_decode_start(struct fetch_decoder *d, const char *coding)
{
    fetch_decode_end(d);
    if (!*coding || !strcmp(coding, "identity"))
        return true;
    bool gzip = !strcmp(coding, "gzip") || !strcmp(coding, "x-gzip");
    if (!gzip && strcmp(coding, "deflate") != 0) {
        snprintf(d->err, sizeof d->err, "Content-Encoding \"%.40s\", which we did not ask for",
                 coding);
        return false;
    }
    d->gzip = gzip;
    /* 15 + 32: gzip or zlib, told apart by the header; plain 15 for "deflate" (zlib). */
    return open_stream(d, gzip ? 15 + 32 : 15);
}

bool fetch_decode_complete(const struct fetch_decoder *d)
{
    return !d->inflating || d->ended;
}

/* Inflating met zlib's "incorrect header check" at the start of a "deflate" body. */
#define RESTART_RAW ((enum fetch_decode_result) - 1)

/* Inflates data[0..n) until it is used up or the stream ends; *used: the bytes taken. */
static enum fetch_decode_result inflate_some(struct fetch_decoder *d, const char *data, size_t n,
                                             struct buf *out, size_t *used)
{
    z_stream *z = &d->z;
    uInt piece = n > 1u << 30 ? 1u << 30 : (uInt)n; /* zlib counts in uInt */
    z->next_in = (Bytef *)(uintptr_t)data;
    z->avail_in = piece;
    *used = 0;
    /* Until the input is used up and zlib has nothing more to give: a full output buffer may
     * leave decoded bytes inside zlib even when the input is all taken. */
    for (;;) {
        unsigned char buf[16384];
        z->next_out = buf;
        z->avail_out = sizeof buf;
        uInt before = z->avail_in;
        int rc = inflate(z, Z_NO_FLUSH);
        size_t got = sizeof buf - z->avail_out;
        d->in += before - z->avail_in;
        *used += before - z->avail_in;
        if (got && !buf_append(out, buf, got))
            return FETCH_DECODE_TOO_LARGE;
        if (rc == Z_STREAM_END) {
            d->ended = true;
            d->n_tail = 0;
            return FETCH_DECODE_OK;
        }
        if (rc == Z_DATA_ERROR && !d->gzip && !d->raw && z->total_out == 0 && d->in <= 2)
            return RESTART_RAW;
        bool moved = got > 0 || z->avail_in != before;
        if ((rc != Z_OK && rc != Z_BUF_ERROR) || (!moved && z->avail_in > 0)) {
            /* (with fresh room for output, zlib always moves unless the data is wrong) */
            snprintf(d->err, sizeof d->err, "the %s body is damaged (%.50s)",
                     d->gzip ? "gzip" : "deflate", z->msg ? z->msg : "bad data");
            return FETCH_DECODE_BAD;
        }
        if (z->avail_in == 0 && (z->avail_out > 0 || !moved))
            break;
    }
    return FETCH_DECODE_OK;
}

/* After a gzip member ended: another member, or padding to ignore? Takes from *data. */
static enum fetch_decode_result after_member(struct fetch_decoder *d, const char **data, size_t *n,
                                             struct buf *out)
{
    while (*n > 0 && d->n_tail < 2) {
        d->tail[d->n_tail++] = (unsigned char)**data;
        (*data)++;
        (*n)--;
    }
    if (d->n_tail < 2)
        return FETCH_DECODE_OK;
    if (d->tail[0] != 0x1f || d->tail[1] != 0x8b) {
        d->ignore_rest = true;
        return FETCH_DECODE_OK;
    }
    inflateReset(&d->z);
    d->ended = false;
    d->n_tail = 0;
    size_t used;
    return inflate_some(d, (const char *)d->tail, 2, out, &used);
}

enum fetch_decode_result fetch_decode(struct fetch_decoder *d, const char *data, size_t n,
                                      struct buf *out)
{
    if (!d->inflating)
        return buf_append(out, data, n) ? FETCH_DECODE_OK : FETCH_DECODE_TOO_LARGE;
    /* The first two bytes are kept: "deflate" may turn out to be raw deflate at the zlib
     * header, which can arrive split over two writes. */
    int64_t in_before = d->in;
    for (size_t i = 0; i < n && d->n_head < 2; i++)
        d->head[d->n_head++] = (unsigned char)data[i];
    const char *start = data;
    size_t start_n = n;
    while (n > 0) {
        enum fetch_decode_result r;
        if (d->ended) {
            /* gzip allows several members one after another; anything else after the end
             * (padding some servers send) is ignored. */
            if (!d->gzip || d->ignore_rest)
                return FETCH_DECODE_OK;
            r = after_member(d, &data, &n, out);
            if (r != FETCH_DECODE_OK)
                return r;
            continue;
        }
        size_t used;
        r = inflate_some(d, data, n, out, &used);
        if (r == RESTART_RAW) {
            /* "deflate" without the zlib wrapper (RFC 9110 says zlib; some servers send raw
             * deflate): start again from the body's first byte as raw deflate, the bytes of
             * earlier writes (at most the two of the header) from `head`. */
            inflateEnd(&d->z);
            d->inflating = false;
            if (!open_stream(d, -15))
                return FETCH_DECODE_BAD;
            d->raw = true;
            d->in = 0;
            if (in_before > 0) {
                r = inflate_some(d, (const char *)d->head, (size_t)in_before, out, &used);
                if (r != FETCH_DECODE_OK)
                    return r;
            }
            data = start;
            n = start_n;
            continue;
        }
        if (r != FETCH_DECODE_OK)
            return r;
        data += used;
        n -= used;
    }
    return FETCH_DECODE_OK;
}
