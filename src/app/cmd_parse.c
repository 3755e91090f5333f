/*
 * `ticker parse FILE|- [--url URL] [--content-type TYPE] [--max-bytes N] [--max-items N]`:
 * one feed document to one JSON document on stdout (format, wellformed, feed, items). Items are
 * printed one per line as they are converted, so the output never holds a second copy of the whole
 * feed in memory. Errors: "ticker: FILE: line L, column C: what" on stderr, exit status 2.
 */
#include "app/commands.h"

#include "core/date.h"
#include "core/feed.h"
#include "io/file.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                      \
    "usage: ticker parse FILE|- [--url URL] [--content-type TYPE] [--max-bytes N] "                \
    "[--max-items N]\n"

static void usage(void)
{
    fputs(USAGE, stderr);
}

/* A positive count from the command line, at most `max`; false when it is not one. */
static bool parse_count(const char *s, unsigned long long max, size_t *out)
{
    char *end;
    if (!s[0] || s[0] == '-' || s[0] == '+')
        return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v == 0 || v > max)
        return false;
    *out = (size_t)v;
    return true;
}

/* Strings are added by reference (no copy): the feed outlives each printed object. */
static void add_str(cJSON *o, const char *key, const char *v)
{
    if (v)
        cJSON_AddItemToObject(o, key, cJSON_CreateStringReference(v));
    else
        cJSON_AddNullToObject(o, key);
}

static void add_time(cJSON *o, const char *key, int64_t t)
{
    if (t == FEED_TIME_NONE) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    char s[21];
    date_format_rfc3339(t, s);
    cJSON_AddStringToObject(o, key, s);
}

/* Prints a cJSON value and frees it; false when printing failed (out of memory). */
static bool print_json(cJSON *v, FILE *out)
{
    char *s = cJSON_PrintUnformatted(v);
    cJSON_Delete(v);
    if (!s)
        return false;
    fputs(s, out);
    cJSON_free(s);
    return true;
}

static bool print_feed(const struct feed *f, FILE *out)
{
    cJSON *fmt = cJSON_CreateString(feed_format_name(f->format));
    fputs("{\"format\":", out);
    if (!print_json(fmt, out))
        return false;
    fprintf(out, ",\"wellformed\":%s,\n\"feed\":", f->wellformed ? "true" : "false");
    cJSON *feed = cJSON_CreateObject();
    add_str(feed, "title", f->title);
    add_str(feed, "link", f->link);
    add_str(feed, "language", f->language);
    if (f->ttl >= 0)
        cJSON_AddNumberToObject(feed, "ttl", f->ttl);
    else
        cJSON_AddNullToObject(feed, "ttl");
    if (!print_json(feed, out))
        return false;
    fputs(",\n\"items\":[", out);
    for (size_t i = 0; i < f->n_items; i++) {
        const struct feed_item *it = &f->items[i];
        cJSON *o = cJSON_CreateObject();
        add_str(o, "id", it->id);
        add_str(o, "title", it->title);
        add_str(o, "link", it->link);
        add_time(o, "published", it->published);
        add_time(o, "updated", it->updated);
        add_str(o, "summary", it->summary);
        add_str(o, "content", it->content);
        add_str(o, "author", it->author);
        cJSON *cats = cJSON_AddArrayToObject(o, "categories");
        for (size_t c = 0; c < it->n_categories; c++)
            cJSON_AddItemToArray(cats, cJSON_CreateStringReference(it->categories[c]));
        add_str(o, "image", it->image);
        add_str(o, "language", it->language);
        fputs(i ? ",\n" : "\n", out);
        if (!print_json(o, out))
            return false;
    }
    fputs("\n]}\n", out);
    return true;
}

int cmd_parse(int argc, char **argv)
{
    const char *path = NULL, *url = NULL, *content_type = NULL;
    size_t max_bytes = FEED_DEFAULT_MAX_BYTES, max_items = FEED_DEFAULT_MAX_ITEMS;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--url") && i + 1 < argc) {
            url = argv[++i];
        } else if (!strcmp(argv[i], "--content-type") && i + 1 < argc) {
            content_type = argv[++i];
        } else if (!strcmp(argv[i], "--max-bytes") && i + 1 < argc) {
            /* The same range as the configuration's fetch.max_bytes. */
            if (!parse_count(argv[++i], 1024ull * 1024 * 1024, &max_bytes)) {
                fprintf(stderr,
                        "ticker parse: --max-bytes wants a number of bytes from 1 to "
                        "1073741824, not '%s'\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "--max-items") && i + 1 < argc) {
            if (!parse_count(argv[++i], 1000000, &max_items)) {
                fprintf(stderr,
                        "ticker parse: --max-items wants a number from 1 to 1000000, "
                        "not '%s'\n",
                        argv[i]);
                return 2;
            }
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else if ((argv[i][0] != '-' || !strcmp(argv[i], "-")) && !path) {
            path = argv[i];
        } else {
            fprintf(stderr, "ticker parse: unexpected argument '%s'\n", argv[i]);
            usage();
            return 2;
        }
    }
    if (!path) {
        usage();
        return 2;
    }
    const char *name = strcmp(path, "-") ? path : "<stdin>";
    char ferr[512];
    size_t len;
    char *buf = file_read_all(path, max_bytes, &len, ferr, sizeof ferr);
    if (!buf) {
        fprintf(stderr, "ticker: %s\n", ferr);
        return 2;
    }
    struct feed_options opt = {
        .url = url, .content_type = content_type, .max_bytes = max_bytes, .max_items = max_items};
    struct feed_error err = {0};
    struct feed *f = feed_parse(buf, len, &opt, &err);
    free(buf);
    if (!f) {
        if (err.line > 0)
            fprintf(stderr, "ticker: %s: line %d, column %d: %s\n", name, err.line, err.column,
                    err.message);
        else
            fprintf(stderr, "ticker: %s: %s\n", name, err.message);
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
