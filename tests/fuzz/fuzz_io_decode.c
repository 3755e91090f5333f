/*
 * Fuzz target for the fetcher's content decoding (io/fetch_decode.h): the first byte picks
 * the Content-Encoding, the second how the body is cut into writes, the rest is the body.
 * Beyond memory safety it checks the decoder's promises: the output never passes its cap,
 * and the verdict and the output do not depend on how the body was cut into writes (the
 * network decides that, not the sender).
 */
#include "io/fetch_decode.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP (256 * 1024)

struct outcome {
    enum fetch_decode_result result;
    bool started, complete;
    struct buf out;
};

static void decode(const char *coding, const uint8_t *body, size_t len, size_t chunk,
                   struct outcome *o)
{
    struct fetch_decoder d;
    memset(&d, 0, sizeof d);
    memset(o, 0, sizeof *o);
    o->out.cap_limit = CAP;
    o->result = FETCH_DECODE_OK;
    o->started = fetch_decode_start(&d, coding);
    if (o->started) {
        for (size_t at = 0; at < len && o->result == FETCH_DECODE_OK; at += chunk) {
            size_t n = len - at < chunk ? len - at : chunk;
            o->result = fetch_decode(&d, (const char *)body + at, n, &o->out);
        }
        o->complete = fetch_decode_complete(&d);
    }
    fetch_decode_end(&d);
    if (o->out.len > CAP) {
        fprintf(stderr, "fuzz_io_decode: %zu bytes out, cap %d\n", o->out.len, CAP);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const codings[] = {"", "identity", "gzip", "x-gzip", "deflate", "br"};
    if (size < 2 || size > 64 * 1024)
        return 0;
    const char *coding = codings[data[0] % (sizeof codings / sizeof codings[0])];
    size_t chunk = (size_t)data[1] % 17 + 1;
    struct outcome whole, cut;
    decode(coding, data + 2, size - 2, size, &whole);
    decode(coding, data + 2, size - 2, chunk, &cut);
    /* A cap reached at a different write may leave different amounts: compare the rest. */
    bool same = whole.started == cut.started && whole.result == cut.result &&
                (whole.result == FETCH_DECODE_TOO_LARGE ||
                 (whole.complete == cut.complete && whole.out.len == cut.out.len &&
                  (whole.out.len == 0 || !memcmp(whole.out.data, cut.out.data, whole.out.len))));
    if (!same) {
        fprintf(stderr,
                "fuzz_io_decode: %s body of %zu bytes decodes differently in writes of %zu: "
                "result %d/%d, complete %d/%d, %zu/%zu bytes\n",
                coding, size - 2, chunk, whole.result, cut.result, whole.complete, cut.complete,
                whole.out.len, cut.out.len);
        abort();
    }
    buf_free(&whole.out);
    buf_free(&cut.out);
    return 0;
}
