/*
 * Fuzz target for feed_parse. The first byte picks an HTTP Content-Type (none, UTF-8,
 * ISO-8859-1, UTF-16, a bogus charset ...) so the charset paths are fuzzed with the parser;
 * the rest of the input is the document. Small caps keep runs fast and exercise the limits.
 * The XML reader is also run on the raw input with and without its CDATA side table: the two
 * must agree exactly (values and error), or the target aborts.
 */
#include "core/feed.h"
#include "core/feed_internal.h"
#include "core/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* `ticker parse` writes the fields without checking their UTF-8 again (jsonw_member_utf8):
 * every string a parse gives must be valid UTF-8, whatever the input. */
static void check_utf8(const char *s)
{
    if (s && !text_is_valid_utf8(s, strlen(s)))
        abort();
}

static void check_feed(const struct feed *f)
{
    if (!f)
        return;
    check_utf8(f->title);
    check_utf8(f->link);
    check_utf8(f->language);
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        check_utf8(it->id);
        check_utf8(it->title);
        check_utf8(it->link);
        check_utf8(it->summary);
        check_utf8(it->content);
        check_utf8(it->author);
        check_utf8(it->image);
        check_utf8(it->language);
        for (size_t c = 0; c < it->n_categories; c++)
            check_utf8(it->categories[c]);
    }
}

static bool over_at_second(void *ctx)
{
    return ++*(int *)ctx >= 2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const types[] = {
        NULL,
        "application/rss+xml; charset=utf-8",
        "text/xml; charset=ISO-8859-1",
        "application/atom+xml; charset=\"utf-16\"",
        "application/json; charset=windows-1252",
        "text/xml; charset=x-no-such-charset",
        "text/html",
        "application/feed+json",
    };
    feed_init(); /* cheap after the first call (xmlInitParser is idempotent) */
    if (size == 0)
        return 0;
    const char *ct = types[data[0] % (sizeof types / sizeof types[0])];
    /* Also a url, so link resolution runs. */
    struct feed_options opt = {
        .url = (data[0] & 8) ? "https://fuzz.example/feeds/a.xml" : NULL,
        .content_type = ct,
        .max_bytes = 1 << 20,
        .max_items = (data[0] & 16) ? 3 : 0,
    };
    struct error err;
    /* Parse the whole input too: many corpus seeds are documents without a selector byte. */
    struct feed *f = feed_parse((const char *)data + 1, size - 1, &opt, &err);
    check_feed(f);
    feed_free(f);
    opt.content_type = NULL;
    f = feed_parse((const char *)data, size, &opt, &err);
    check_feed(f);
    feed_free(f);
    /* A budget that runs out at its second question: the stop paths, in either pass. */
    if (data[0] & 32) {
        int asked = 0;
        struct budget b = {.over = over_at_second, .ctx = &asked};
        opt.budget = &b;
        f = feed_parse((const char *)data, size, &opt, &err);
        feed_free(f);
        opt.budget = NULL;
    }

    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    struct error e1 = {0}, e2 = {0};
    struct feed *a = feed_xml_parse(text, size, &opt, &e1);
    struct feed *b = feed_xml_parse_plain(text, size, &opt, &e2);
    if (!feed_equal(a, b) ||
        (!a && (e1.line != e2.line || e1.column != e2.column || strcmp(e1.msg, e2.msg))))
        abort();
    feed_free(a);
    feed_free(b);
    free(text);
    return 0;
}
