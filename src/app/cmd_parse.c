/*
 * `ticker parse FILE|- [--url URL] [--content-type TYPE] [--max-bytes N] [--max-items N]`:
 * one feed document to one JSON document on stdout (format, wellformed, feed, items). Items are
 * printed one per line as they are converted, so the output never holds a second copy of the whole
 * feed in memory. Errors: "ticker: FILE: line L, column C: what" on stderr, exit status 2.
 */
#include "app/commands.h"
#include "app/options.h"

#include "core/date.h"
#include "core/feed.h"
#include "core/jsonw.h"
#include "core/util.h"
#include "io/cpu_budget.h"
#include "io/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Drains the output buffer to out once it holds this much (and at the end). */
#define FLUSH_AT (64 * 1024)

static bool drain(struct buf *b, FILE *out)
{
    bool ok = !b->overflow && fwrite(b->data ? b->data : "", 1, b->len, out) == b->len;
    buf_reset(b);
    return ok;
}

static void add_time(struct buf *b, const char *key, int64_t t)
{
    buf_append_char(b, ',');
    jsonw_key(b, key);
    if (t == FEED_TIME_NONE) {
        buf_append(b, "null", 4);
        return;
    }
    char s[21];
    date_format_rfc3339(t, s);
    jsonw_string(b, s);
}

/* The JSON is written with jsonw straight into one buffer, drained every FLUSH_AT bytes:
 * no tree, no second copy of the feed. */
static bool print_feed(const struct feed *f, FILE *out)
{
    struct buf b = {0};
    bool ok = true;
    buf_append_str(&b, "{\"format\":");
    jsonw_string(&b, feed_format_name(f->format));
    buf_printf(&b, ",\"wellformed\":%s,\n\"feed\":{", f->wellformed ? "true" : "false");
    jsonw_member_utf8(&b, false, "title", f->title);
    jsonw_member_utf8(&b, true, "link", f->link);
    jsonw_member_utf8(&b, true, "language", f->language);
    buf_append_str(&b, ",\"ttl\":");
    if (f->ttl >= 0)
        jsonw_int(&b, f->ttl);
    else
        buf_append(&b, "null", 4);
    buf_append_str(&b, "},\n\"items\":[");
    for (size_t i = 0; i < f->n_items && ok; i++) {
        const struct feed_item *it = &f->items[i];
        buf_append_str(&b, i ? ",\n{" : "\n{");
        jsonw_member_utf8(&b, false, "id", it->id);
        jsonw_member_utf8(&b, true, "title", it->title);
        jsonw_member_utf8(&b, true, "link", it->link);
        add_time(&b, "published", it->published);
        add_time(&b, "updated", it->updated);
        jsonw_member_utf8(&b, true, "summary", it->summary);
        jsonw_member_utf8(&b, true, "content", it->content);
        jsonw_member_utf8(&b, true, "author", it->author);
        buf_append_str(&b, ",\"categories\":[");
        for (size_t c = 0; c < it->n_categories; c++) {
            if (c)
                buf_append_char(&b, ',');
            jsonw_string_utf8(&b, it->categories[c]);
        }
        buf_append_char(&b, ']');
        jsonw_member_utf8(&b, true, "image", it->image);
        jsonw_member_utf8(&b, true, "language", it->language);
        buf_append_char(&b, '}');
        if (b.len >= FLUSH_AT)
            ok = drain(&b, out);
    }
    buf_append_str(&b, "\n]}\n");
    ok = drain(&b, out) && ok;
    buf_free(&b);
    return ok;
}

int cmd_parse(int argc, char **argv)
{
    const char *url = NULL, *content_type = NULL;
    size_t max_bytes = FEED_DEFAULT_MAX_BYTES, max_items = FEED_DEFAULT_MAX_ITEMS;
    const struct options_opt opts[] = {
        OPTIONS_STRING("url", "URL", &url,
                       "The feed's own address, against which relative links are resolved."),
        OPTIONS_STRING("content-type", "TYPE", &content_type,
                       "The HTTP Content-Type the document came with; its charset comes before "
                       "the document's own declaration."),
        /* The same range as the configuration's fetch.max_bytes allows for a download. */
        OPTIONS_INT("max-bytes", "N", &max_bytes, 1, 1024LL * 1024 * 1024,
                    "Refuses a document larger than N bytes (default 8 MiB)."),
        OPTIONS_INT("max-items", "N", &max_items, 1, 1000000,
                    "Keeps at most N items (default 1000)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "parse",
        .about = "Converts one feed document (RSS, Atom or JSON Feed) to JSON on standard "
                 "output; errors name the line and column and exit 2.",
        .args = "FILE|-",
        .args_help = "The feed document, or - for standard input.",
        .min_args = 1,
        .max_args = 1,
        .opts = opts,
    };
    int n_args, rc = options_parse(&spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    const char *path = argv[1];
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    struct error ferr = {0};
    size_t len;
    char *buf = file_read_all(path, max_bytes, &len, &ferr);
    if (!buf) {
        /* file_read_all names standard input "-"; the other errors call it <stdin>. */
        const char *why = ferr.msg;
        if (!strcmp(path, "-") && !strncmp(ferr.msg, "-: ", 3))
            why += 3;
        fprintf(stderr, "ticker: %s%s%s\n", why != ferr.msg ? name : "",
                why != ferr.msg ? ": " : "", why);
        return 2;
    }
    struct cpu_budget cpu;
    struct feed_options opt = {.url = url,
                               .content_type = content_type,
                               .max_bytes = max_bytes,
                               .max_items = max_items,
                               .budget = cpu_budget_start(&cpu, cpu_budget_for(len))};
    struct error err = {0};
    struct feed *f = feed_parse(buf, len, &opt, &err);
    free(buf);
    if (!f) {
        if (err.line > 0)
            fprintf(stderr, "ticker: %s: line %d, column %d: %s\n", name, err.line, err.column,
                    err.msg);
        else
            fprintf(stderr, "ticker: %s: %s\n", name, err.msg);
        return 2;
    }
    bool ok = print_feed(f, stdout);
    feed_free(f);
    if (!ok || fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "ticker: %s: cannot write the output\n", name);
        return 1;
    }
    return 0;
}
