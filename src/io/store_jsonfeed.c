/*
 * The cache as a JSON Feed 1.1 document and back (`ticker cache export|import`): export moves
 * a cache or seeds a display; import reads such a document (or any JSON Feed) through the
 * core feed parser, so imported items get the same cleaning, dates and caps as fetched ones.
 *
 * The parser reads the standard fields; the extension object "_ticker" of each item (source,
 * feed_url, item_id: where the item came from) is read here with cJSON, beside the parser's
 * items, matched by position and id.
 */
#include "io/store.h"
#include "io/store_internal.h"
#include "core/config.h"
#include "core/jsonw.h"
#include "core/text.h"
#include "core/url.h"
#include "core/util.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* An import reads what an export of a big cache writes (10,000 items are about 25 MiB). */
#define IMPORT_MAX_BYTES (64u * 1024 * 1024)
#define IMPORT_MAX_ITEMS 100000u

/* ---- export ------------------------------------------------------------------------- */

static void add_time(cJSON *o, const char *key, int64_t t)
{
    if (t == FEED_TIME_NONE)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    char out[40];
    if (!gmtime_r(&tt, &tm) || !strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &tm))
        return;
    cJSON_AddStringToObject(o, key, out);
}

struct export_arg {
    const char *const *filters;
    size_t n_filters;
    cJSON *items;
};

static bool export_item(struct store_item *it, void *arg)
{
    struct export_arg *a = arg;
    if (config_filter_excludes(a->filters, a->n_filters, it->title, it->summary))
        return true;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", it->key);
    if (it->link)
        cJSON_AddStringToObject(o, "url", it->link);
    if (it->title)
        cJSON_AddStringToObject(o, "title", it->title);
    /* JSON Feed requires content_html or content_text: the fullest text we have. */
    const char *text = it->content && it->content[0]   ? it->content
                       : it->summary && it->summary[0] ? it->summary
                       : it->title                     ? it->title
                                                       : "";
    cJSON_AddStringToObject(o, "content_text", text);
    if (it->summary && it->summary[0])
        cJSON_AddStringToObject(o, "summary", it->summary);
    if (it->image)
        cJSON_AddStringToObject(o, "image", it->image);
    add_time(o, "date_published", store_item_time(it->published, it->updated, it->first_seen));
    add_time(o, "date_modified", it->updated);
    if (it->author) {
        cJSON *authors = cJSON_AddArrayToObject(o, "authors");
        cJSON *au = cJSON_CreateObject();
        cJSON_AddStringToObject(au, "name", it->author);
        cJSON_AddItemToArray(authors, au);
    }
    if (it->language)
        cJSON_AddStringToObject(o, "language", it->language);
    /* Extensions start with '_' (JSON Feed 1.1, "Extensions"). */
    /* The export is published (a hub's web server): the feed's URL without its credentials
     * or secret query values. It stays the item's feed key for a reader of the export. */
    cJSON *ext = cJSON_AddObjectToObject(o, "_ticker");
    char *shown = url_redact(it->feed_url);
    cJSON_AddStringToObject(ext, "source", it->feed_name ? it->feed_name : shown);
    cJSON_AddStringToObject(ext, "feed_url", shown);
    free(shown);
    cJSON_AddStringToObject(ext, "item_id", it->item_id);
    add_time(ext, "first_seen", it->first_seen);
    cJSON_AddItemToArray(a->items, o);
    return true;
}

bool store_export_jsonfeed(struct store *s, FILE *out, const char *title,
                           const char *const *filters, size_t n_filters, struct error *err)
{
    cJSON *feed = cJSON_CreateObject();
    cJSON_AddStringToObject(feed, "version", "https://jsonfeed.org/version/1.1");
    cJSON_AddStringToObject(feed, "title", title ? title : "Ticker");
    cJSON_AddStringToObject(feed, "description", "News cached by Ticker, with summaries");
    struct export_arg a = {filters, n_filters, cJSON_AddArrayToObject(feed, "items")};
    bool ok = store_each_item(s, export_item, &a, err);
    /* valid UTF-8 whatever the configuration's names held */
    char *text = ok ? jsonw_print(feed, true) : NULL;
    cJSON_Delete(feed);
    if (ok) {
        ok = (fputs(text, out) >= 0 && fputc('\n', out) != EOF) ||
             error_set(err, "writing the JSON Feed failed: %s", strerror(errno));
        free(text);
    }
    return ok;
}

/* ---- import ------------------------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *key)
{
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* A one-line value from the document (a name, a URL used as a key): clean text or NULL. */
static char *clean_line(const char *s)
{
    if (!s)
        return NULL;
    char *t = text_from_plain(s, strlen(s), TEXT_INLINE, FEED_CAP_OTHER);
    if (!t[0]) {
        free(t);
        return NULL;
    }
    return t;
}

/* Where an item goes: its feed (URL and name) and its id there. Strings owned. */
struct import_origin {
    char *feed_url, *source, *item_id;
};

static void origin_clear(struct import_origin *o)
{
    free(o->feed_url);
    free(o->source);
    free(o->item_id);
    *o = (struct import_origin){0};
}

/*
 * The origin of parsed item `it` whose JSON object is `obj` (NULL when the objects and the
 * parser's items did not line up): the "_ticker" extension where it has one, else the
 * document's feed (doc_url, doc_name).
 */
static void item_origin(struct import_origin *o, const struct feed_item *it, const cJSON *obj,
                        const char *doc_url, const char *doc_name)
{
    const cJSON *ext = obj ? cJSON_GetObjectItemCaseSensitive(obj, "_ticker") : NULL;
    o->feed_url = clean_line(jstr(ext, "feed_url"));
    o->source = o->feed_url ? clean_line(jstr(ext, "source")) : NULL;
    o->item_id = o->feed_url ? clean_line(jstr(ext, "item_id")) : NULL;
    if (!o->feed_url) {
        o->feed_url = xstrdup(doc_url);
        o->source = doc_name ? xstrdup(doc_name) : NULL;
    }
    if (!o->item_id)
        o->item_id = xstrdup(it->id);
}

/* The JSON object of the items array the parser read as item k: the parser skips what is not
 * an object and nothing else, so the k-th object; NULL unless its id is the item's. */
static const cJSON *nth_object(const cJSON *items, size_t k, const char *id)
{
    const cJSON *o;
    size_t i = 0;
    cJSON_ArrayForEach(o, items)
    {
        if (!cJSON_IsObject(o))
            continue;
        if (i++ == k) {
            const char *oid = jstr(o, "id");
            return oid && id && !strcmp(oid, id) ? o : NULL;
        }
    }
    return NULL;
}

/* The exporter writes content_text from the summary or the title when it had no fuller
 * text (JSON Feed requires one): that is no content of the item's own. */
static void drop_echoed_content(struct feed_item *fi)
{
    if (fi->content && fi->summary && !strcmp(fi->content, fi->summary))
        fi->content = NULL;
    if (fi->content && fi->title && !fi->summary && !strcmp(fi->content, fi->title))
        fi->content = NULL;
}

enum store_import_result store_import_jsonfeed(struct store *s, const char *text, size_t len,
                                               const struct store_import_options *opt,
                                               struct store_import_counts *counts,
                                               struct error *err)
{
    *counts = (struct store_import_counts){0};
    struct feed_options fo = {.max_bytes = IMPORT_MAX_BYTES, .max_items = IMPORT_MAX_ITEMS};
    struct feed *f = feed_parse(text, len, &fo, err);
    if (!f)
        return STORE_IMPORT_BAD_INPUT;
    if (f->format != FEED_FORMAT_JSONFEED) {
        error_set(err, "not a JSON Feed (it is a feed of the format %s)",
                  feed_format_name(f->format));
        feed_free(f);
        return STORE_IMPORT_BAD_INPUT;
    }
    /* The parser accepted the text, so cJSON does too. */
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *objects = cJSON_GetObjectItemCaseSensitive(root, "items");
    /* The document's own feed: its feed_url, else where it was read from; named by its title. */
    char *doc_url = clean_line(jstr(root, "feed_url"));
    if (!doc_url)
        doc_url = xasprintf("import:%s", opt->name);
    const char *doc_name = f->title ? f->title : opt->name;

    enum store_import_result res = STORE_IMPORT_OK;
    if (!store_begin_cycle(s, NULL, opt->now, err)) {
        res = STORE_IMPORT_FAILED;
        goto out;
    }
    for (size_t k = 0; k < f->n_items && res == STORE_IMPORT_OK; k++) {
        struct feed_item fi = f->items[k];
        struct import_origin o = {0};
        item_origin(&o, &fi, nth_object(objects, k, fi.id), doc_url, doc_name);
        fi.id = o.item_id;
        drop_echoed_content(&fi);
        enum store_put_result r = STORE_PUT_ERROR;
        if (!o.source || store_feed_ensure(s, o.feed_url, o.source, err))
            r = store_put_item(s, o.feed_url, &fi, k, fi.summary, err);
        counts->n[r]++;
        if (r == STORE_PUT_ERROR)
            res = STORE_IMPORT_FAILED;
        origin_clear(&o);
    }
    if (res == STORE_IMPORT_OK && !store_commit_cycle(s, err))
        res = STORE_IMPORT_FAILED;
    if (res != STORE_IMPORT_OK) {
        store_rollback_cycle(s);
        *counts = (struct store_import_counts){0};
    }
out:
    free(doc_url);
    cJSON_Delete(root);
    feed_free(f);
    return res;
}
