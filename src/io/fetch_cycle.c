/*
 * Fetch cycles and the worker thread (the "cycles" and "worker" parts of fetch.h).
 *
 * A cycle is three phases, in this order so the store transaction stays short: the network
 * (every due feed in one fetcher_get batch), the CPU (parse, summarise; article pages for thin
 * items are fetched here, still outside the transaction), then the store (one transaction for
 * every item and every feed's state). The schedule is core/schedule.h's pure policy; this file
 * only maps between the store's per-feed state and the policy's.
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/charset.h"
#include "core/feed.h"
#include "core/schedule.h"
#include "core/summary.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The worker never starts cycles closer together than this, whatever the store says (a store
 * that cannot save next_poll must not turn the worker into a busy loop hammering servers). */
#define MIN_CYCLE_GAP_S 10
/* Longest single idle wait; the worker re-reads the schedule at least this often. */
#define MAX_IDLE_WAIT_MS 60000

/* One feed polled in this cycle. */
struct polled {
    size_t feed;                /* index into cfg->feeds */
    struct store_feed_state st; /* loaded before, saved after */
    struct fetch_response resp;
    enum fetch_status status; /* resp.status, or FETCH_PARSE */
    char error[256];
    struct feed *doc; /* FETCH_OK and parsed */
    char **summaries; /* per doc item, NULL entries: store the feed's own text */
};

void fetch_cycle_free(struct fetch_cycle *c)
{
    if (!c)
        return;
    free(c->feeds);
    memset(c, 0, sizeof *c);
}

static void parse_body(const struct config *cfg, struct polled *p)
{
    struct fetch_response *r = &p->resp;
    struct feed_options o = {
        .url = r->final_url,
        .content_type = r->content_type,
        .max_bytes = cfg->fetch.max_bytes > 0 ? (size_t)cfg->fetch.max_bytes : 0,
    };
    struct error fe = {0};
    p->doc = feed_parse(r->body ? r->body : "", r->body_len, &o, &fe);
    if (!p->doc) {
        p->status = FETCH_PARSE;
        if (fe.line > 0)
            snprintf(p->error, sizeof p->error, "not a usable feed: line %d, column %d: %.180s",
                     fe.line, fe.column, fe.msg);
        else
            snprintf(p->error, sizeof p->error, "not a usable feed: %.200s",
                     fe.msg[0] ? fe.msg : "unknown reason");
    }
    /* The document can be large; the parsed items are all we need from here on. */
    free(r->body);
    r->body = NULL;
}

static enum store_fetch_status store_status(enum fetch_status s, bool gone)
{
    if (gone)
        return STORE_FETCH_GONE;
    if (s == FETCH_OK)
        return STORE_FETCH_OK;
    if (s == FETCH_NOT_MODIFIED)
        return STORE_FETCH_NOT_MODIFIED;
    return STORE_FETCH_ERROR;
}

static void replace(char **dst, const char *src)
{
    free(*dst);
    *dst = src ? xstrdup(src) : NULL;
}

/* The poll's outcome into the feed's stored state and the schedule (`rnd`: the cycle's
 * jitter draw). */
static void update_state(struct fetcher *f, struct polled *p, int64_t now, uint32_t rnd,
                         struct fetch_feed_result *res)
{
    const struct config *cfg = f->cfg;
    const struct config_feed *cf = &cfg->feeds[p->feed];
    struct store_feed_state *st = &p->st;
    const struct fetch_response *r = &p->resp;
    bool success = p->status == FETCH_OK || p->status == FETCH_NOT_MODIFIED;
    /* A new document says its ttl (or that it has none); a 304 keeps the stored one. */
    if (p->doc)
        st->ttl = p->doc->ttl > 0 ? (int64_t)p->doc->ttl * 60 : 0;

    struct schedule_event ev = {
        .success = success,
        .http_code = r->http_code,
        .ttl_s = st->ttl > 0 ? st->ttl : SCHEDULE_NONE,
        .max_age_s = schedule_parse_cache_control(r->cache_control),
        .retry_after_s = schedule_parse_retry_after(r->retry_after, now),
        .moved_to = r->moved_to,
    };
    struct schedule_state ss = {
        .error_count = st->error_count,
        .gone = st->gone,
        .moved_count = st->moved_to ? st->moved_count : 0,
    };
    if (st->moved_to)
        snprintf(ss.moved_target, sizeof ss.moved_target, "%s", st->moved_to);
    bool was_gone = st->gone;
    struct schedule_policy pol =
        schedule_policy_default(cf->interval > 0 ? cf->interval : cfg->interval);
    struct schedule_result sr = schedule_next(&pol, &ss, &ev, now, rnd);

    st->error_count = ss.error_count;
    st->gone = ss.gone;
    st->moved_count = ss.moved_count;
    replace(&st->moved_to, ss.moved_count ? ss.moved_target : NULL);
    if (sr.update_url) {
        replace(&st->fetch_url, ss.moved_target);
        fprintf(stderr,
                "ticker: %s: moved permanently (301 on %d polls in a row), now "
                "fetching %s\n",
                cf->url, SCHEDULE_MOVED_POLLS, ss.moved_target);
    }
    if (st->gone && !was_gone)
        fprintf(stderr, "ticker: %s: 410 Gone, polling stopped (see `ticker cache stats`)\n",
                cf->url);
    if (!st->url)
        st->url = xstrdup(cf->url);
    replace(&st->name, cf->name);
    st->next_poll = sr.next_poll;
    st->last_attempt = now;
    if (success)
        st->last_success = now;
    st->last_status = store_status(p->status, st->gone);
    st->last_http_code = r->http_code;
    replace(&st->last_error, success ? NULL : p->error);
    if (p->status == FETCH_OK) {
        /* The new validators, or none: a server that stops sending them gets plain GETs. */
        replace(&st->etag, r->etag);
        replace(&st->last_modified, r->last_modified);
    } else if (p->status == FETCH_NOT_MODIFIED) {
        if (r->etag)
            replace(&st->etag, r->etag);
        if (r->last_modified)
            replace(&st->last_modified, r->last_modified);
    }
    st->bytes_total += r->wire_bytes;
    st->fetch_count++;

    res->next_poll = st->next_poll;
    res->error_count = st->error_count;
}

/* ---- Summaries and article pages ------------------------------------------------------ */

/* Characters (code points) of UTF-8 text: the threshold is in characters, not bytes. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *item_text(const struct feed_item *it)
{
    if (it->content && *it->content)
        return it->content;
    return it->summary;
}

/* Summarises one item, from the article page when one is given. NULL when there is nothing
 * better than the feed's own text (the store then keeps that). */
static char *summarise_item(struct fetcher *f, const struct feed *doc, const struct feed_item *it,
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
    return out;
}

/* An article page worth summarising: a page of HTML (or of no declared type). */
static bool is_html_page(const struct fetch_response *r)
{
    if (r->status != FETCH_OK || !r->body)
        return false;
    const char *ct = r->content_type;
    return !ct || strstr(ct, "html") != NULL;
}

struct article_job {
    struct polled *p;
    size_t item;
    char host[300];
    struct fetch_response resp;
    bool done;
};

static int64_t *host_last(struct fetcher *f, const char *host)
{
    for (size_t i = 0; i < f->n_article_hosts; i++)
        if (!strcmp(f->article_hosts[i].host, host))
            return &f->article_hosts[i].last_ms;
    return NULL;
}

static void host_touch(struct fetcher *f, const char *host, int64_t now_ms)
{
    int64_t *last = host_last(f, host);
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

/*
 * Fetches the article pages in rounds: each round asks every host at most once, and only
 * hosts whose last article request is at least article_gap_ms old; between rounds the thread
 * waits (interruptibly: fetcher_stop's wakeup ends the wait).
 */
static void fetch_articles(struct fetcher *f, struct article_job *jobs, size_t n)
{
    struct fetch_request *reqs = xcalloc(n ? n : 1, sizeof *reqs);
    struct fetch_response *resps = xcalloc(n ? n : 1, sizeof *resps);
    size_t *idx = xcalloc(n ? n : 1, sizeof *idx);
    size_t left = n;
    while (left > 0 && !atomic_load(&f->stopping)) {
        int64_t now = fetch_mono_ms();
        int64_t wait = INT64_MAX;
        size_t m = 0;
        for (size_t i = 0; i < n; i++) {
            if (jobs[i].done)
                continue;
            bool taken = false;
            for (size_t k = 0; k < m && !taken; k++)
                taken = !strcmp(jobs[idx[k]].host, jobs[i].host);
            if (taken)
                continue;
            int64_t *last = host_last(f, jobs[i].host);
            int64_t ready = last ? *last + f->article_gap_ms : now;
            if (ready > now) {
                if (ready - now < wait)
                    wait = ready - now;
                continue;
            }
            const struct feed_item *it = &jobs[i].p->doc->items[jobs[i].item];
            reqs[m] = (struct fetch_request){.url = it->link, .max_bytes = FETCH_ARTICLE_MAX_BYTES};
            idx[m++] = i;
            host_touch(f, jobs[i].host, now);
        }
        if (m == 0) {
            curl_multi_poll(f->multi, NULL, 0, (int)(wait < 1000 ? wait : 1000), NULL);
            continue;
        }
        fetcher_get(f, reqs, m, resps);
        for (size_t k = 0; k < m; k++) {
            jobs[idx[k]].resp = resps[k];
            jobs[idx[k]].done = true;
            left--;
        }
    }
    free(idx);
    free(resps);
    free(reqs);
}

/*
 * Summaries for the new items of this cycle. Items the cache already has with a summary keep
 * it (NULL here: store_put_item then leaves it alone); items past the feed's max_items would
 * not be stored, so they are not summarised either.
 */
static void fetch_summarise(struct fetcher *f, struct polled *ps, size_t n, struct fetch_cycle *out)
{
    const struct config *cfg = f->cfg;
    struct article_job *jobs = xcalloc(FETCH_ARTICLE_MAX_PER_CYCLE, sizeof *jobs);
    size_t n_jobs = 0;
    for (size_t k = 0; k < n; k++) {
        struct polled *p = &ps[k];
        if (!p->doc || p->doc->n_items == 0)
            continue;
        const struct config_feed *cf = &cfg->feeds[p->feed];
        size_t keep = cf->max_items > 0 ? (size_t)cf->max_items : p->doc->n_items;
        /* A local file is demo or offline content: its links are not worth a request. */
        bool articles = cfg->fetch_articles && ascii_strncasecmp(cf->url, "file:", 5) != 0;
        p->summaries = xcalloc(p->doc->n_items, sizeof *p->summaries);
        for (size_t j = 0; j < p->doc->n_items && j < keep; j++) {
            const struct feed_item *it = &p->doc->items[j];
            bool has_summary = false;
            if (it->id && store_has_item(f->store, cf->url, it->id, &has_summary) && has_summary)
                continue;
            if (it->summary_final) { /* a hub's summary: kept, no article page (docs/hub.md) */
                p->summaries[j] = xstrdup(it->summary);
                continue;
            }
            char host[300];
            bool thin = utf8_chars(item_text(it)) < (size_t)cfg->summary.article_threshold;
            if (thin && articles && it->link && n_jobs < FETCH_ARTICLE_MAX_PER_CYCLE &&
                fetch_url_host(it->link, host, sizeof host)) {
                struct article_job *jb = &jobs[n_jobs++];
                jb->p = p;
                jb->item = j;
                snprintf(jb->host, sizeof jb->host, "%s", host);
                continue;
            }
            p->summaries[j] = summarise_item(f, p->doc, it, NULL);
        }
    }
    if (n_jobs > 0)
        fetch_articles(f, jobs, n_jobs);
    for (size_t i = 0; i < n_jobs; i++) {
        struct article_job *jb = &jobs[i];
        const struct feed_item *it = &jb->p->doc->items[jb->item];
        if (jb->done)
            out->articles_fetched++;
        jb->p->summaries[jb->item] =
            summarise_item(f, jb->p->doc, it, is_html_page(&jb->resp) ? &jb->resp : NULL);
        fetch_response_clear(&jb->resp);
    }
    free(jobs);
}

bool fetcher_run_cycle(struct fetcher *f, int64_t now, bool all, struct fetch_cycle *out)
{
    const struct config *cfg = f->cfg;
    size_t nf = cfg->n_feeds;
    memset(out, 0, sizeof *out);
    out->n_feeds = nf;
    out->feeds = xcalloc(nf ? nf : 1, sizeof *out->feeds);
    struct polled *ps = xcalloc(nf ? nf : 1, sizeof *ps);
    struct fetch_request *reqs = xcalloc(nf ? nf : 1, sizeof *reqs);
    size_t np = 0;

    for (size_t i = 0; i < nf; i++) {
        const struct config_feed *cf = &cfg->feeds[i];
        struct fetch_feed_result *res = &out->feeds[i];
        res->url = cf->url;
        res->name = cf->name;
        if (!cf->enabled)
            continue;
        struct store_feed_state st = {0};
        store_feed_get(f->store, cf->url, &st); /* unknown: defaults, due at once */
        res->next_poll = st.gone ? SCHEDULE_NEVER : st.next_poll;
        res->error_count = st.error_count;
        if (st.gone || (!all && st.next_poll > now)) {
            store_feed_state_clear(&st);
            continue;
        }
        struct polled *p = &ps[np];
        p->feed = i;
        p->st = st;
        reqs[np] = (struct fetch_request){
            .url = st.fetch_url ? st.fetch_url : cf->url,
            .etag = st.etag,
            .last_modified = st.last_modified,
            .headers = cf->headers,
            .n_headers = cf->n_headers,
            .allow_file = true,
        };
        np++;
    }

    struct fetch_response *resps = xcalloc(np ? np : 1, sizeof *resps);
    fetcher_get(f, reqs, np, resps);
    for (size_t k = 0; k < np; k++) {
        struct polled *p = &ps[k];
        p->resp = resps[k];
        p->status = p->resp.status;
        snprintf(p->error, sizeof p->error, "%s", p->resp.error);
        if (p->status == FETCH_OK)
            parse_body(cfg, p);
    }
    free(resps);
    free(reqs);

    if (!atomic_load(&f->stopping))
        fetch_summarise(f, ps, np, out);

    struct store_retention ret;
    struct store_feed_limit *limits = NULL;
    config_file_retention(cfg, &ret, &limits);
    for (size_t k = 0; k < np; k++) {
        struct polled *p = &ps[k];
        struct fetch_feed_result *res = &out->feeds[p->feed];
        res->status = p->status;
        res->http_code = p->resp.http_code;
        res->wire_bytes = p->resp.wire_bytes;
        res->elapsed_ms = p->resp.elapsed_ms;
        snprintf(res->error, sizeof res->error, "%s", p->error);
        if (p->status == FETCH_CANCELLED)
            continue; /* stopped, not failed: the feed's state stays as it was */
        res->polled = true;
        out->n_polled++;
        if (p->status == FETCH_OK || p->status == FETCH_NOT_MODIFIED)
            out->n_ok++;
        else
            out->n_failed++;
    }

    /*
     * One jitter value for the whole cycle, not one per feed: the jitter keeps kiosks started
     * together out of step with each other, and one draw per cycle does that as well. Feeds
     * polled together with the same delay then stay due together, so their next polls are
     * again one cycle and one transaction, not one small write per feed (docs/cache.md).
     */
    uint32_t rnd = fetch_random(f);
    bool ok = store_begin_cycle(f->store, &ret, now);
    for (size_t k = 0; ok && k < np; k++) {
        struct polled *p = &ps[k];
        const struct config_feed *cf = &cfg->feeds[p->feed];
        struct fetch_feed_result *res = &out->feeds[p->feed];
        if (!res->polled)
            continue;
        if (!store_feed_ensure(f->store, cf->url, cf->name)) {
            ok = false;
            break;
        }
        for (size_t j = 0; p->doc && j < p->doc->n_items; j++) {
            if (!p->doc->items[j].id || !*p->doc->items[j].id)
                continue; /* the parser promises ids; a bad item must not cost the cycle */
            const char *summary = p->summaries ? p->summaries[j] : NULL;
            enum store_put_result pr =
                store_put_item(f->store, cf->url, &p->doc->items[j], j, summary);
            if (pr == STORE_PUT_NEW) {
                res->new_items++;
                out->changed = true;
            } else if (pr == STORE_PUT_UPDATED) {
                out->changed = true;
            } else if (pr == STORE_PUT_ERROR) {
                ok = false;
                break;
            }
        }
        update_state(f, p, now, rnd, res);
        if (ok && !store_feed_put(f->store, &p->st))
            ok = false;
    }
    if (ok) {
        ok = store_commit_cycle(f->store);
    } else {
        store_rollback_cycle(f->store);
    }
    if (!ok) {
        out->store_failed = true;
        out->changed = false;
        fprintf(stderr, "ticker: cache: the fetch cycle could not be saved: %s\n",
                store_errmsg(f->store));
    }
    free(limits);

    for (size_t k = 0; k < np; k++) {
        struct polled *p = &ps[k];
        if (p->summaries && p->doc)
            for (size_t j = 0; j < p->doc->n_items; j++)
                free(p->summaries[j]);
        free(p->summaries);
        feed_free(p->doc);
        fetch_response_clear(&p->resp);
        store_feed_state_clear(&p->st);
    }
    free(ps);
    return ok;
}

/* ---- The worker ---------------------------------------------------------------------- */

static struct story_snapshot *load_snapshot(struct fetcher *f, int64_t now)
{
    const struct config *cfg = f->cfg;
    const char **urls = xcalloc(cfg->n_feeds ? cfg->n_feeds : 1, sizeof *urls);
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_feeds; i++)
        if (cfg->feeds[i].enabled)
            urls[n++] = cfg->feeds[i].url;
    struct store_snapshot_options o = {
        .now = now,
        .max_age = cfg->max_age,
        .filters = (const char *const *)cfg->filters,
        .n_filters = cfg->n_filters,
        .feed_urls = urls,
        .n_feed_urls = n,
    };
    struct story_snapshot *s = store_load_snapshot(f->store, &o);
    free(urls);
    return s;
}

/* The earliest next_poll of the feeds still polled; INT64_MAX when there is none. */
static int64_t next_due(struct fetcher *f)
{
    int64_t due = INT64_MAX;
    for (size_t i = 0; i < f->cfg->n_feeds; i++) {
        const struct config_feed *cf = &f->cfg->feeds[i];
        if (!cf->enabled)
            continue;
        struct store_feed_state st = {0};
        store_feed_get(f->store, cf->url, &st);
        if (!st.gone && st.next_poll < due)
            due = st.next_poll;
        store_feed_state_clear(&st);
    }
    return due;
}

void *fetch_worker_main(void *arg)
{
    struct fetcher *f = arg;
    int64_t now = (int64_t)time(NULL);
    struct story_snapshot *snap = load_snapshot(f, now);
    bool last_offline = snap ? snap->offline : false;
    int64_t last_success = snap ? snap->last_success : 0;
    if (snap)
        fetch_publish(f, snap);
    int64_t not_before = 0;

    while (!atomic_load(&f->stopping)) {
        now = (int64_t)time(NULL);
        int64_t due = next_due(f);
        if (due < not_before)
            due = not_before;
        if (due <= now) {
            struct fetch_cycle c;
            fetcher_run_cycle(f, now, false, &c);
            atomic_fetch_add(&f->cycles, 1);
            not_before = now + MIN_CYCLE_GAP_S;
            if (!atomic_load(&f->stopping) && c.n_polled > 0) {
                snap = load_snapshot(f, (int64_t)time(NULL));
                /* New stories, or a change in what the status line says about them. */
                if (snap && (c.changed || snap->offline != last_offline ||
                             snap->last_success != last_success)) {
                    last_offline = snap->offline;
                    last_success = snap->last_success;
                    fetch_publish(f, snap);
                } else {
                    story_snapshot_free(snap);
                }
            }
            fetch_cycle_free(&c);
            continue;
        }
        int64_t wait_ms = due == INT64_MAX ? MAX_IDLE_WAIT_MS : (due - now) * 1000;
        if (wait_ms > MAX_IDLE_WAIT_MS)
            wait_ms = MAX_IDLE_WAIT_MS;
        /* No transfers are attached: this only sleeps, and fetcher_stop's wakeup ends it. */
        curl_multi_poll(f->multi, NULL, 0, (int)wait_ms, NULL);
    }
    return NULL;
}

bool fetcher_start(struct fetcher *f)
{
    if (f->running)
        return true;
    atomic_store(&f->stopping, false);
    int rc = pthread_create(&f->thread, NULL, fetch_worker_main, f);
    if (rc != 0) {
        fprintf(stderr, "ticker: cannot start the fetch worker: %s\n", strerror(rc));
        return false;
    }
    f->running = true;
    return true;
}
