/*
 * The JSON Feed reader (https://jsonfeed.org/version/1.1, also 1.0) on cJSON. cJSON limits
 * nesting to 1000 levels; the document size is capped before we get here.
 *
 * Tolerance: a document without "version" but with an "items" array is read as JSON Feed;
 * item ids may be strings or numbers (1.0 feeds in the wild use both); 1.0's "author" and
 * 1.1's "authors" are both read.
 *
 * Threads: cJSON also records the last error position in a process-wide variable that
 * nothing here reads; the error position comes from cJSON_ParseWithLengthOpts' end pointer.
 */
#include "core/feed_internal.h"
#include "core/imgref.h"

#include "core/util.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *jstr(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *jtext(const cJSON *obj, const char *key, enum feed_conv conv, bool block, size_t cap)
{
    const char *s = jstr(obj, key);
    return s ? feed_clean_text(s, strlen(s), conv, block, cap) : NULL;
}

static char *jurl(const cJSON *obj, const char *key, const char *base)
{
    const char *s = jstr(obj, key);
    return s ? feed_clean_url(base, s, strlen(s)) : NULL;
}

static char *author_name(const cJSON *obj)
{
    const cJSON *authors = cJSON_GetObjectItemCaseSensitive(obj, "authors");
    const cJSON *a;
    cJSON_ArrayForEach(a, authors)
    {
        char *n = jtext(a, "name", FEED_CONV_TEXT, false, FEED_CAP_OTHER);
        if (n)
            return n;
    }
    return jtext(cJSON_GetObjectItemCaseSensitive(obj, "author"), "name", FEED_CONV_TEXT, false,
                 FEED_CAP_OTHER);
}

static void read_item(struct feed_item *it, const cJSON *j, const char *base)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
    if (cJSON_IsString(id)) {
        it->id = feed_clean_short(id->valuestring, strlen(id->valuestring));
    } else if (cJSON_IsNumber(id)) {
        char num[64];
        double d = id->valuedouble;
        if (d == (double)(long long)d)
            snprintf(num, sizeof num, "%lld", (long long)d);
        else
            snprintf(num, sizeof num, "%.17g", d);
        it->id = xstrdup(num);
    }
    it->link = jurl(j, "url", base);
    if (!it->link)
        it->link = jurl(j, "external_url", base);
    it->title = jtext(j, "title", FEED_CONV_TEXT, false, FEED_CAP_TITLE);
    it->content = jtext(j, "content_html", FEED_CONV_HTML, true, FEED_CAP_CONTENT);
    if (!it->content)
        it->content = jtext(j, "content_text", FEED_CONV_TEXT, true, FEED_CAP_CONTENT);
    it->summary = jtext(j, "summary", FEED_CONV_TEXT, true, FEED_CAP_SUMMARY);
    it->image = jurl(j, "image", base);
    if (!it->image)
        it->image = jurl(j, "banner_image", base);
    const char *html = jstr(j, "content_html");
    if (!it->image && html) {
        /* The first <img> of the HTML content (docs/images.md). */
        char *src = imgref_first_img(html, strlen(html));
        if (src)
            it->image = feed_clean_url(base, src, strlen(src));
        free(src);
    }
    const char *d = jstr(j, "date_published");
    if (d)
        it->published = feed_date(d, strlen(d));
    d = jstr(j, "date_modified");
    if (d)
        it->updated = feed_date(d, strlen(d));
    it->author = author_name(j);
    const cJSON *tag;
    cJSON_ArrayForEach(tag, cJSON_GetObjectItemCaseSensitive(j, "tags"))
    {
        if (cJSON_IsString(tag))
            feed_item_add_category(it,
                                   feed_clean_short(tag->valuestring, strlen(tag->valuestring)));
    }
    it->language = jtext(j, "language", FEED_CONV_TEXT, false, FEED_CAP_OTHER);
    it->summary_final =
        it->summary && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(j, "_ticker"));
    feed_item_finish(it);
}

static void offset_to_line_col(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++; /* count characters, not UTF-8 continuation bytes */
        }
    }
    *line = l;
    *col = c;
}

/* "\ud800" without its pair (or a "\udc00" alone) is no character, and cJSON refuses the whole
 * document for it; Python's reader (and feedparser with it) lets it through. A copy with each
 * lone surrogate escape written as "\ufffd" (the same length, so positions stay), or NULL when
 * there is none. */
static char *fix_lone_surrogates(const char *text, size_t len)
{
    char *copy = NULL;
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '\\')
            continue;
        if (text[i + 1] != 'u' || len - i < 6) {
            i++; /* an escaped character: skip it (it may be a backslash) */
            continue;
        }
        unsigned v = 0;
        bool hex = true;
        for (size_t k = 2; k < 6; k++) {
            int d = ascii_hexval((unsigned char)text[i + k]);
            hex &= d >= 0;
            v = v << 4 | (unsigned)(d < 0 ? 0 : d);
        }
        if (!hex || v < 0xD800 || v > 0xDFFF) {
            i += 5;
            continue;
        }
        bool paired = false;
        if (v <= 0xDBFF && len - i >= 12 && text[i + 6] == '\\' && text[i + 7] == 'u') {
            unsigned lo = 0;
            bool lohex = true;
            for (size_t k = 8; k < 12; k++) {
                int d = ascii_hexval((unsigned char)text[i + k]);
                lohex &= d >= 0;
                lo = lo << 4 | (unsigned)(d < 0 ? 0 : d);
            }
            paired = lohex && lo >= 0xDC00 && lo <= 0xDFFF;
        }
        if (paired) {
            i += 11;
            continue;
        }
        if (!copy) {
            copy = xmalloc(len + 1);
            memcpy(copy, text, len);
            copy[len] = '\0';
        }
        memcpy(copy + i + 2, "fffd", 4);
        i += 5;
    }
    return copy;
}

struct feed *feed_json_parse(const char *text, size_t len, const struct feed_options *opt,
                             struct error *err)
{
    const char *end = NULL;
    char *fixed = fix_lone_surrogates(text, len);
    if (fixed)
        text = fixed;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root) {
        int line = 0, col = 0;
        if (end && end >= text && end <= text + len)
            offset_to_line_col(text, (size_t)(end - text), &line, &col);
        error_set_at(err, line, col, "invalid JSON");
        free(fixed);
        return NULL;
    }
    struct feed *f = NULL;
    const char *version = jstr(root, "version");
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
    if (!cJSON_IsObject(root) ||
        (version ? !strstr(version, "jsonfeed.org/version/") : !cJSON_IsArray(items))) {
        error_set_at(err, 1, 1, "not a JSON Feed: no \"version\" of https://jsonfeed.org/");
        goto done;
    }
    if (items && !cJSON_IsArray(items)) {
        error_set_at(err, 1, 1, "not a JSON Feed: \"items\" is not an array");
        goto done;
    }
    struct feed_build fb = {0};
    fb.max_items = opt->max_items ? opt->max_items : FEED_DEFAULT_MAX_ITEMS;
    fb.url = opt->url;
    f = xcalloc(1, sizeof *f);
    fb.feed = f;
    f->format = FEED_FORMAT_JSONFEED;
    f->wellformed = true;
    f->ttl = -1;
    f->title = jtext(root, "title", FEED_CONV_TEXT, false, FEED_CAP_TITLE);
    f->link = jurl(root, "home_page_url", opt->url);
    f->language = jtext(root, "language", FEED_CONV_TEXT, false, FEED_CAP_OTHER);
    fb.author = author_name(root);
    const cJSON *j;
    cJSON_ArrayForEach(j, items)
    {
        if (!cJSON_IsObject(j))
            continue;
        struct feed_item *it = feed_build_add_item(&fb);
        if (!it)
            break;
        read_item(it, j, opt->url);
    }
    feed_build_finish(&fb);
done:
    cJSON_Delete(root);
    free(fixed);
    return f;
}
