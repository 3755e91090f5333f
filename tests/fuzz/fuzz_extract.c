/*
 * Fuzz target for article extraction and the summariser on untrusted pages. The first byte
 * picks the path (whole page, page with an HTTP charset, HTML fragment, plain text); the rest
 * is the input. Beyond memory safety it checks the promises: the text is valid UTF-8, every
 * block lies inside it and is one line, and a summary respects its character budget.
 */
#include "core/extract.h"
#include "core/summary.h"
#include "core/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_extract(const struct extract_result *r)
{
    if (!text_is_valid_utf8(r->text, r->len) || strlen(r->text) != r->len) {
        fprintf(stderr, "fuzz_extract: text is not clean UTF-8 of its length\n");
        abort();
    }
    for (size_t i = 0; i < r->n_blocks; i++) {
        const struct extract_block *b = &r->blocks[i];
        if (b->start + b->len > r->len || memchr(r->text + b->start, '\n', b->len)) {
            fprintf(stderr, "fuzz_extract: block %zu out of range or spans lines\n", i);
            abort();
        }
    }
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 256 * 1024)
        return 0;
    unsigned mode = data[0] & 3;
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    struct extract_result r;
    struct error err;
    if (mode <= 1) {
        extract_article(in, len, mode ? "utf-8" : NULL, &r, &err);
        check_extract(&r);
        extract_result_free(&r);
    } else {
        extract_fragment(in, len, &r);
        check_extract(&r);
        extract_result_free(&r);
    }

    struct summary_ctx *ctx = summary_ctx_new();
    struct summary_input si = {.title = "Fuzz headline"};
    if (mode <= 1) {
        si.page_html = in;
        si.page_len = len;
    } else {
        si.text = in;
        si.text_len = len;
        si.text_is_html = mode == 2;
    }
    struct summary_options opt;
    summary_options_default(&opt);
    opt.explain = (data[0] & 4) != 0;
    opt.max_chars = 60 + (data[0] >> 3) * 10;
    struct summary_result res;
    summary_make(ctx, &si, &opt, &res);
    if (!text_is_valid_utf8(res.text, strlen(res.text)) || chars(res.text) > opt.max_chars) {
        fprintf(stderr, "fuzz_extract: summary invalid or over budget (%zu > %zu)\n",
                chars(res.text), opt.max_chars);
        abort();
    }
    summary_result_free(&res);
    summary_ctx_free(ctx);
    return 0;
}
