/*
 * Summaries after headlines (fetch.h, "Cycles"; docs/fetch.md).
 *
 * A headline cycle stores new items with an empty summary and queues a job per item. The jobs
 * run afterwards, a little at a time, so the worker can poll a due feed, publish and stop in
 * between: items whose own text is long enough are summarised from it (CPU only), thin items
 * of http(s) feeds from their article page, fetched in rounds of at most one request per
 * host, and a host is asked again only after the politeness gap. Made summaries are stored
 * in batches (every job done, or the oldest made one has waited FETCH_SUMMARY_BATCH_MS): an
 * SD card should see a few transactions per cycle, not one per item.
 *
 * A job holds the parsed document its item came from (refcounted: one document, many
 * jobs). A newer document of the same feed drops the older one's jobs, made or not: their
 * items are either unchanged (and queued again from the new document) or corrected. An item
 * left with an empty summary (the worker stopped first) is queued again by the next poll of
 * its feed, since the cache says it has no summary.
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/charset.h"
#include "core/feed.h"
#include "core/imgref.h"
#include "core/log.h"
#include "core/markup.h"
#include "core/summary.h"
#include "core/url.h"
#include "core/util.h"
#include "io/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* CPU summaries per step: the worker looks at its schedule and its stop flag in between. */
#define SUMMARIES_PER_STEP 8

struct held_doc *fetch_hold(struct feed *doc, size_t feed)
{
    struct held_doc *hd = xcalloc(1, sizeof *hd);
    hd->doc = doc;
    hd->feed = feed;
    hd->refs = 1;
    return hd;
}

void fetch_release(struct held_doc *hd)
{
    if (hd && --hd->refs == 0) {
        feed_free(hd->doc);
        free(hd);
    }
}

void fetch_queue_summary(struct fetcher *f, struct held_doc *hd, size_t item, bool article,
                         const char *host)
{
    if (f->n_jobs == f->alloc_jobs) {
        f->alloc_jobs = f->alloc_jobs ? f->alloc_jobs * 2 : 32;
        f->jobs = xreallocarray(f->jobs, f->alloc_jobs, sizeof *f->jobs);
    }
    struct summary_job *j = &f->jobs[f->n_jobs++];
    *j = (struct summary_job){.hd = hd, .item = item, .article = article};
    if (article && host)
        snprintf(j->host, sizeof j->host, "%s", host);
    hd->refs++;
}

static void job_clear(struct summary_job *j)
{
    free(j->summary);
    fetch_release(j->hd);
    memset(j, 0, sizeof *j);
}

/* Keeps the jobs `keep` says yes to, in order. */
static void filter_jobs(struct fetcher *f, bool (*keep)(const struct summary_job *, size_t),
                        size_t arg)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n_jobs; i++) {
        if (keep(&f->jobs[i], arg))
            f->jobs[k++] = f->jobs[i];
        else
            job_clear(&f->jobs[i]);
    }
    f->n_jobs = k;
}

static bool other_feed(const struct summary_job *j, size_t feed)
{
    return j->hd->feed != feed;
}

static bool not_made(const struct summary_job *j, size_t unused)
{
    (void)unused;
    return !j->made;
}

static bool keep_none(const struct summary_job *j, size_t unused)
{
    (void)j, (void)unused;
    return false;
}

void fetch_drop_jobs(struct fetcher *f, size_t feed)
{
    filter_jobs(f, other_feed, feed);
}

void fetch_drop_all_jobs(struct fetcher *f)
{
    filter_jobs(f, keep_none, 0);
}

size_t fetch_articles_left(const struct fetcher *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_jobs; i++)
        n += f->jobs[i].article && !f->jobs[i].made;
    return n;
}

size_t fetch_made_count(const struct fetcher *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n_jobs; i++)
        n += f->jobs[i].made;
    return n;
}

bool fetch_summaries_due(const struct fetcher *f)
{
    size_t made = fetch_made_count(f);
    if (made == 0)
        return false;
    return made == f->n_jobs || fetch_mono_ms(f) - f->first_made_ms >= FETCH_SUMMARY_BATCH_MS;
}

/* ---- making one summary -------------------------------------------------------------- */

static const char *item_text(const struct feed_item *it)
{
    if (it->content && *it->content)
        return it->content;
    return it->summary;
}

char *fetch_summarise(struct fetcher *f, const struct feed *doc, const struct feed_item *it,
                      const struct fetch_response *page)
{
    const struct config *cfg = f->cfg;
    if (!f->summary)
        f->summary = summary_ctx_new();
    const char *text = item_text(it);
    char charset[64] = "";
    struct summary_input in = {
        .title = it->title,
        .text = text,
        .text_len = text ? strlen(text) : 0,
        .text_is_html = false, /* the feed parser already made plain text */
        .lang_hint = it->language ? it->language : doc->language,
    };
    if (page && page->status == FETCH_OK && page->body) {
        in.page_html = page->body;
        in.page_len = page->body_len;
        if (page->content_type &&
            charset_from_content_type(page->content_type, charset, sizeof charset))
            in.page_charset = charset;
    }
    struct summary_options opt;
    summary_options_default(&opt);
    if (cfg->summary.max_chars > 0)
        opt.max_chars = (size_t)cfg->summary.max_chars;
    if (cfg->summary.sentences > 0)
        opt.max_sentences = cfg->summary.sentences;
    if (opt.min_sentences > opt.max_sentences)
        opt.min_sentences = opt.max_sentences;
    struct summary_result res;
    char *out = NULL;
    if (summary_make(f->summary, &in, &opt, &res) && res.text && *res.text)
        out = xstrdup(res.text);
    summary_result_free(&res);
    if (!out)
        out = xstrdup(it->summary && *it->summary ? it->summary : text ? text : "");
    return out;
}

static void made(struct fetcher *f, struct summary_job *j, char *summary)
{
    if (fetch_made_count(f) == 0)
        f->first_made_ms = fetch_mono_ms(f); /* the batch's clock starts */
    j->summary = summary;
    j->made = true;
}

/* An article page worth summarising: a page of HTML (or of no declared type). */
static bool is_html_page(const struct fetch_response *r)
{
    if (r->status != FETCH_OK || !r->body)
        return false;
    const char *ct = r->content_type;
    return !ct || strstr(ct, "html") != NULL;
}

/* A page with an attribute flood (an element with more attributes than any real page has) is
 * cut as `ticker summarize --html` cuts it (markup_html_trim), and the log names the page: the
 * extraction parser reads attributes in linear time, but a flooded page is hostile, and every
 * later reader of the body (og:image, extraction) should see what a person can reproduce. */
static void cut_flood(struct fetch_response *r, const char *url)
{
    size_t len;
    char *cut = markup_html_trim(r->body, r->body_len, MARKUP_HTML_MAX_ATTRS, &len);
    if (!cut)
        return;
    char *shown = url_redact(r->final_url ? r->final_url : url);
    log_warn("fetch",
             "%s: article page has an element with more than %u attributes (an attribute "
             "flood); the surplus is cut",
             shown, MARKUP_HTML_MAX_ATTRS);
    free(shown);
    free(r->body);
    r->body = cut;
    r->body_len = len;
}

/* ---- article hosts ------------------------------------------------------------------- */

int64_t *fetch_host_last(struct fetcher *f, const char *host)
{
    for (size_t i = 0; i < f->n_article_hosts; i++)
        if (!strcmp(f->article_hosts[i].host, host))
            return &f->article_hosts[i].last_ms;
    return NULL;
}

bool fetch_host_ready(struct fetcher *f, const char *host, int64_t now, int64_t *next_ms)
{
    int64_t *last = fetch_host_last(f, host);
    int64_t ready = last ? *last + f->article_gap_ms : now;
    if (ready <= now)
        return true;
    if (ready < *next_ms)
        *next_ms = ready;
    return false;
}

void fetch_host_touch(struct fetcher *f, const char *host, int64_t now_ms)
{
    int64_t *last = fetch_host_last(f, host);
    if (last) {
        *last = now_ms;
        return;
    }
    /* Forget hosts whose gap has long passed, so the table stays small on a long run. */
    size_t k = 0;
    for (size_t i = 0; i < f->n_article_hosts; i++)
        if (now_ms - f->article_hosts[i].last_ms < f->article_gap_ms)
            f->article_hosts[k++] = f->article_hosts[i];
    f->n_article_hosts = k;
    f->article_hosts =
        xreallocarray(f->article_hosts, f->n_article_hosts + 1, sizeof *f->article_hosts);
    struct article_host *h = &f->article_hosts[f->n_article_hosts++];
    snprintf(h->host, sizeof h->host, "%s", host);
    h->last_ms = now_ms;
}

/* One round of article pages: every job whose host is ready, at most one per host. Returns
 * false when no host was ready (*next_ms: when the first will be). */
static bool article_round(struct fetcher *f, int64_t *next_ms, struct fetch_cycle *out,
                          const struct fetch_progress *pr)
{
    size_t n = f->n_jobs;
    struct fetch_request *reqs = xcalloc(n ? n : 1, sizeof *reqs);
    size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
    int64_t now = fetch_mono_ms(f);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        struct summary_job *j = &f->jobs[i];
        if (!j->article || j->made)
            continue;
        bool taken = false;
        for (size_t k = 0; k < m && !taken; k++)
            taken = !strcmp(f->jobs[idx[k]].host, j->host);
        if (taken || !fetch_host_ready(f, j->host, now, next_ms))
            continue;
        reqs[m] = (struct fetch_request){.url = j->hd->doc->items[j->item].link,
                                         .max_bytes = FETCH_ARTICLE_MAX_BYTES};
        idx[m++] = i;
        fetch_host_touch(f, j->host, now);
    }
    if (m > 0) {
        if (pr && pr->articles)
            pr->articles(pr->ctx, out ? out->articles_fetched : 0, (int)fetch_articles_left(f));
        struct fetch_response *resps = xcalloc(m, sizeof *resps);
        fetcher_get(f, reqs, m, resps);
        for (size_t k = 0; k < m; k++) {
            struct summary_job *j = &f->jobs[idx[k]];
            if (resps[k].status == FETCH_CANCELLED) {
                fetch_response_clear(&resps[k]);
                continue; /* stopping: the item keeps its empty summary for next time */
            }
            fetch_beat(f); /* a page can take a while to summarise */
            if (out)
                out->articles_fetched++;
            const struct feed_item *it = &j->hd->doc->items[j->item];
            if (is_html_page(&resps[k]))
                cut_flood(&resps[k], reqs[k].url);
            if (!it->image && it->id && is_html_page(&resps[k])) {
                /* The page is here anyway: its og:image is the story's picture. */
                char *og = imgref_og_image(resps[k].body, resps[k].body_len);
                const char *base = resps[k].final_url ? resps[k].final_url : reqs[k].url;
                char *abs = og ? url_resolve(base, og, strlen(og), FEED_CAP_OTHER) : NULL;
                if (abs)
                    fetch_queue_picture_url(f, j->hd->feed, it->id, abs);
                free(abs);
                free(og);
            }
            made(f, j,
                 fetch_summarise(f, j->hd->doc, it, is_html_page(&resps[k]) ? &resps[k] : NULL));
            fetch_response_clear(&resps[k]);
        }
        free(resps);
    }
    free(idx);
    free(reqs);
    return m > 0;
}

bool fetch_summary_step(struct fetcher *f, int64_t *next_ms, struct fetch_cycle *out,
                        const struct fetch_progress *pr)
{
    *next_ms = INT64_MAX;
    int done = 0;
    for (size_t i = 0; i < f->n_jobs && done < SUMMARIES_PER_STEP; i++) {
        struct summary_job *j = &f->jobs[i];
        if (j->made || j->article)
            continue;
        made(f, j, fetch_summarise(f, j->hd->doc, &j->hd->doc->items[j->item], NULL));
        fetch_beat(f);
        done++;
    }
    if (done > 0)
        return true;
    if (atomic_load(&f->stopping))
        return false;
    return article_round(f, next_ms, out, pr);
}

bool fetch_store_summaries(struct fetcher *f, int64_t now, int *stored)
{
    *stored = 0;
    if (fetch_made_count(f) == 0)
        return true;
    struct store_retention ret;
    struct store_feed_limit *limits = NULL;
    fetch_retention(f, &ret, &limits);
    struct error serr = {0};
    bool ok = store_begin_cycle(f->store, &ret, now, &serr);
    for (size_t i = 0; ok && i < f->n_jobs; i++) {
        struct summary_job *j = &f->jobs[i];
        if (!j->made)
            continue;
        const struct config_feed *cf = &f->cfg->feeds[j->hd->feed];
        enum store_put_result r = store_put_item(f->store, cf->url, &j->hd->doc->items[j->item],
                                                 j->item, j->summary, &serr);
        if (r == STORE_PUT_ERROR)
            ok = false;
        else if (r == STORE_PUT_UPDATED || r == STORE_PUT_CHANGED || r == STORE_PUT_NEW)
            (*stored)++;
    }
    if (ok) {
        ok = store_commit_cycle(f->store, &serr);
    } else {
        store_rollback_cycle(f->store);
    }
    if (!ok) {
        *stored = 0;
        log_error("fetch", "summaries could not be saved in the cache: %s", serr.msg);
    }
    /* Stored or not, they are done: a failed save leaves the items without a summary, and
     * their feeds' next polls queue them again. */
    filter_jobs(f, not_made, 0);
    free(limits);
    return ok;
}
