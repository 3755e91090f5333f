/*
 * The headline half of a fetch cycle (fetch.h, "Cycles"; docs/fetch.md).
 *
 * Every due feed goes into one fetcher_get batch. As soon as one feed's transfer ends (the
 * others still in flight) its document is parsed and, when it is a feed, its items and its
 * schedule go into the cache in one small transaction, and the worker publishes the new
 * headlines: one slow feed never holds the others back. Items are stored with an empty
 * summary when they have none yet; the summaries are made afterwards (fetch_summary.c), so
 * headlines never wait for summaries or article pages either. Feeds that answered 304 or
 * failed change nothing but their schedule: those states are saved together, in one
 * transaction after the batch, so an idle cycle costs one commit, not one per feed.
 *
 * The schedule is core/schedule.h's pure policy; this file maps between the store's per-feed
 * state and the policy's.
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/feed.h"
#include "core/log.h"
#include "core/schedule.h"
#include "core/url.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/cpu_budget.h"
#include "io/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What becomes of one item's summary, decided before the transaction. */
enum plan {
    PLAN_SKIP,   /* no id: not stored */
    PLAN_KEEP,   /* known with a summary: the store keeps it */
    PLAN_INLINE, /* summarised now, stored with the headline */
    PLAN_QUEUE,  /* stored with an empty summary, summarised afterwards from its own text */
    PLAN_PAGE,   /* the same, from its article page */
};

struct item_plan {
    enum plan plan;
    char *summary; /* PLAN_INLINE */
    char host[300];
    bool stored; /* the put kept it (new, updated or unchanged) */
};

/* One feed polled in this cycle. */
struct polled {
    size_t feed;                /* index into cfg->feeds */
    struct store_feed_state st; /* loaded before, saved after */
    struct fetch_response resp;
    enum fetch_status status; /* resp.status, or FETCH_PARSE */
    struct feed *doc;         /* FETCH_OK and parsed */
    bool state_pending;       /* its state waits for the end-of-batch transaction */
    struct feed_live before;  /* the live state before "fetching" (a cancelled poll restores it) */
    /* A document waiting for its transaction (with the others that ended at the same time). */
    bool ready;
    struct held_doc *hd;
    struct item_plan *plans;
};

struct cycle {
    struct fetcher *f;
    int64_t now;
    uint32_t rnd; /* the cycle's one jitter draw */
    struct polled *ps;
    size_t np;
    struct fetch_response *resps;
    struct fetch_cycle *out;
    const struct fetch_progress *pr;
    bool publish;
    bool ok;
    int article_budget; /* article pages this cycle may still ask for */
};

void fetch_cycle_free(struct fetch_cycle *c)
{
    if (!c)
        return;
    free(c->feeds);
    memset(c, 0, sizeof *c);
}

char *fetch_feed_name(const struct fetcher *f, size_t i)
{
    const struct config_feed *cf = &f->cfg->feeds[i];
    return cf->demo ? xasprintf("%s%s", cf->name, FETCH_DEMO_LABEL) : xstrdup(cf->name);
}

void fetch_retention(const struct fetcher *f, struct store_retention *ret,
                     struct store_feed_limit **limits)
{
    config_file_retention(f->cfg, ret, limits);
}

static void parse_body(const struct config *cfg, struct polled *p)
{
    struct fetch_response *r = &p->resp;
    struct cpu_budget cpu; /* a quadratic corner of libxml2 must not stall the cycle */
    struct feed_options o = {
        .url = r->final_url,
        .content_type = r->content_type,
        .max_bytes = cfg->fetch.max_bytes > 0 ? (size_t)cfg->fetch.max_bytes : 0,
        .budget = cpu_budget_start(&cpu, cpu_budget_for(r->body_len)),
    };
    struct error fe = {0};
    p->doc = feed_parse(r->body ? r->body : "", r->body_len, &o, &fe);
    if (!p->doc) {
        p->status = FETCH_PARSE;
        snprintf(r->detail, sizeof r->detail, "not a feed");
        char raw[300];
        if (fe.line > 0)
            snprintf(raw, sizeof raw, "not a usable feed: line %d, column %d: %.180s", fe.line,
                     fe.column, fe.msg);
        else
            snprintf(raw, sizeof raw, "not a usable feed: %.200s",
                     fe.msg[0] ? fe.msg : "unknown reason");
        error_clear(&r->err);
        str_printable(r->err.msg, sizeof r->err.msg, raw);
    }
    /* The document can be large; the parsed items are all we need from here on. */
    free(r->body);
    r->body = NULL;
}

/*
 * Demo content shows a live ticker on any day: the items move in time so the newest is `now`
 * and the others keep their distance to it. Those further back than retention keeps are
 * moved up to stay inside it (with a margin for the polls in between): demo stories are
 * never dropped for their age. Dateless items are left alone (they count from first seen).
 */
static void shift_demo_times(struct feed *doc, int64_t now, int64_t max_age)
{
    int64_t newest = FEED_TIME_NONE;
    for (size_t j = 0; j < doc->n_items; j++) {
        const struct feed_item *it = &doc->items[j];
        if (it->published != FEED_TIME_NONE && (newest == FEED_TIME_NONE || it->published > newest))
            newest = it->published;
        if (it->updated != FEED_TIME_NONE && (newest == FEED_TIME_NONE || it->updated > newest))
            newest = it->updated;
    }
    if (newest == FEED_TIME_NONE)
        return;
    int64_t oldest_kept = max_age > 0 ? now - max_age + max_age / 4 : INT64_MIN;
    for (size_t j = 0; j < doc->n_items; j++) {
        int64_t *t[] = {&doc->items[j].published, &doc->items[j].updated};
        for (size_t k = 0; k < ARRAY_LEN(t); k++) {
            if (*t[k] == FEED_TIME_NONE)
                continue;
            /* newest - *t >= 0; both are clamped dates, so this cannot overflow. */
            int64_t v = now - (newest - *t[k]);
            *t[k] = v < oldest_kept ? oldest_kept : v;
        }
    }
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

/* The poll's outcome into the feed's state (in memory) and its schedule. */
static void update_state(struct cycle *cy, struct polled *p, struct fetch_feed_result *res)
{
    struct fetcher *f = cy->f;
    const struct config *cfg = f->cfg;
    const struct config_feed *cf = &cfg->feeds[p->feed];
    struct store_feed_state *st = &p->st;
    const struct fetch_response *r = &p->resp;
    int64_t now = cy->now;
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
    struct schedule_result sr = schedule_next(&pol, &ss, &ev, now, cy->rnd);

    st->error_count = ss.error_count;
    st->gone = ss.gone;
    st->moved_count = ss.moved_count;
    replace(&st->moved_to, ss.moved_count ? ss.moved_target : NULL);
    if (sr.update_url) {
        replace(&st->fetch_url, ss.moved_target);
        char *from = url_redact(cf->url), *to = url_redact(ss.moved_target);
        log_info("fetch", "%s: moved permanently (301 on %d polls in a row), now fetching %s", from,
                 SCHEDULE_MOVED_POLLS, to);
        free(from);
        free(to);
    }
    if (st->gone && !was_gone) {
        char *shown = url_redact(cf->url);
        log_warn("fetch", "%s: 410 Gone, polling stopped (see `ticker cache stats`)", shown);
        free(shown);
    }
    if (!st->url)
        st->url = xstrdup(cf->url);
    free(st->name);
    st->name = fetch_feed_name(f, p->feed);
    st->next_poll = sr.next_poll;
    st->last_attempt = now;
    if (success)
        st->last_success = now;
    st->last_status = store_status(p->status, st->gone);
    st->last_http_code = r->http_code;
    replace(&st->last_error, success ? NULL : r->err.msg);
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

    struct feed_live *lv = &f->live[p->feed];
    lv->known = true;
    lv->last_attempt = st->last_attempt;
    lv->last_success = st->last_success;
    lv->next_poll = st->gone ? SCHEDULE_NEVER : st->next_poll;
    lv->state = st->gone ? STORY_FEED_GONE : success ? STORY_FEED_OK : STORY_FEED_FAILED;
    snprintf(lv->detail, sizeof lv->detail, "%s", success ? "" : r->detail);
}

/* ---- storing one feed's headlines ---------------------------------------------------- */

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

/* Summaries made before a feed's headlines are stored, per feed document: what fits in this
 * much CPU time is written with its headline in one go (no second write of the same row); the
 * rest is queued, so a long feed's headlines are never held back by more than this. */
#define INLINE_SUMMARY_MS 50

/* Plans every item's summary: which need none, which are made now, which are queued (from
 * their own text, or from their page when that text is thin and pages may be fetched within
 * this cycle's budget). Reads the store (outside any transaction). */
static struct item_plan *plan_summaries(struct cycle *cy, struct held_doc *hd)
{
    struct fetcher *f = cy->f;
    const struct config *cfg = f->cfg;
    const struct config_feed *cf = &cfg->feeds[hd->feed];
    const struct feed *doc = hd->doc;
    struct item_plan *plans = xcalloc(doc->n_items ? doc->n_items : 1, sizeof *plans);
    /* A local file is demo or offline content: its links are not worth a request. */
    bool pages = cfg->fetch_articles && !url_scheme_is(cf->url, "file") && !cf->demo;
    size_t keep = cf->max_items > 0 ? (size_t)cf->max_items : doc->n_items;
    int64_t start = fetch_real_ms();
    for (size_t j = 0; j < doc->n_items; j++) {
        const struct feed_item *it = &doc->items[j];
        struct item_plan *pl = &plans[j];
        if (!it->id || !*it->id) {
            pl->plan = PLAN_SKIP; /* the parser promises ids; a bad item must not cost a cycle */
            continue;
        }
        bool has_summary = false;
        if (store_has_item(f->store, cf->url, it->id, &has_summary, NULL) == STORE_FOUND &&
            has_summary) {
            pl->plan = PLAN_KEEP;
            continue;
        }
        if (it->summary_final) { /* a Ticker hub's summary: kept as it is, no page (docs/hub.md) */
            pl->plan = PLAN_INLINE;
            pl->summary = xstrdup(it->summary);
            continue;
        }
        bool thin = utf8_chars(item_text(it)) < (size_t)cfg->summary.article_threshold;
        if (thin && pages && it->link && cy->article_budget > 0 &&
            fetch_url_host(it->link, pl->host, sizeof pl->host)) {
            cy->article_budget--;
            pl->plan = PLAN_PAGE;
        } else if (j < keep && fetch_real_ms() - start < INLINE_SUMMARY_MS) {
            pl->plan = PLAN_INLINE;
            pl->summary = fetch_summarise(f, doc, it, NULL);
        } else {
            pl->plan = PLAN_QUEUE;
        }
    }
    return plans;
}

/* A parsed document, before its transaction: demo times moved, the older document's jobs
 * dropped, every item's summary planned (the ones that fit the budget made). */
static void prepare_doc(struct cycle *cy, struct polled *p)
{
    struct fetcher *f = cy->f;
    const struct config_feed *cf = &f->cfg->feeds[p->feed];
    if (cf->demo) {
        struct store_retention ret;
        struct store_feed_limit *limits = NULL;
        fetch_retention(f, &ret, &limits);
        shift_demo_times(p->doc, cy->now, ret.max_age);
        free(limits);
    }
    fetch_drop_jobs(f, p->feed);         /* a newer document replaces what the older one queued */
    p->hd = fetch_hold(p->doc, p->feed); /* our reference; jobs take theirs */
    p->doc = NULL;
    p->plans = plan_summaries(cy, p->hd);
    p->ready = true;
}

/* One document's items and its (already updated) state, inside the open transaction.
 * Returns false on a write error. Marks in the plans which items were stored (their jobs are
 * queued after the commit). */
static bool put_doc(struct cycle *cy, struct polled *p, int *new_items, int *changed_items,
                    bool *changed, struct error *err)
{
    struct fetcher *f = cy->f;
    const struct config_feed *cf = &f->cfg->feeds[p->feed];
    char *name = fetch_feed_name(f, p->feed);
    bool ok = store_feed_ensure(f->store, cf->url, name, err);
    free(name);
    const struct feed *doc = p->hd->doc;
    for (size_t j = 0; ok && j < doc->n_items; j++) {
        struct item_plan *pl = &p->plans[j];
        if (pl->plan == PLAN_SKIP)
            continue;
        /* NULL keeps a known summary; "" marks one still to make. */
        const char *summary = pl->plan == PLAN_KEEP     ? NULL
                              : pl->plan == PLAN_INLINE ? pl->summary
                                                        : "";
        enum store_put_result pr =
            store_put_item(f->store, cf->url, &doc->items[j], j, summary, err);
        if (pr == STORE_PUT_ERROR)
            ok = false;
        /* A correction: the kept summary was made for the old text (the store shows the
         * feed's new text meanwhile), so it is summarised again. */
        if (pr == STORE_PUT_CHANGED && pl->plan == PLAN_KEEP)
            pl->plan = PLAN_QUEUE;
        pl->stored = pr == STORE_PUT_NEW || pr == STORE_PUT_CHANGED || pr == STORE_PUT_UPDATED ||
                     pr == STORE_PUT_UNCHANGED;
        *new_items += pr == STORE_PUT_NEW;
        *changed_items += pr == STORE_PUT_CHANGED;
        *changed |= pr == STORE_PUT_NEW || pr == STORE_PUT_CHANGED || pr == STORE_PUT_UPDATED;
    }
    return ok && store_feed_put(f->store, &p->st, err);
}

static void release_doc(struct polled *p)
{
    for (size_t j = 0; p->hd && j < p->hd->doc->n_items; j++)
        free(p->plans[j].summary);
    free(p->plans);
    p->plans = NULL;
    fetch_release(p->hd); /* the document lives on while jobs need it */
    p->hd = NULL;
    p->ready = false;
}

static void publish(struct cycle *cy, bool reload)
{
    if (cy->publish)
        fetch_publish_state(cy->f, reload);
}

static void tell(struct cycle *cy, const struct polled *p)
{
    if (cy->pr && cy->pr->feed_done)
        cy->pr->feed_done(cy->pr->ctx, p->feed, &cy->out->feeds[p->feed]);
}

/*
 * Stores every document that is ready (the transfers that ended in the same turn of the
 * transfer loop) in one transaction, then publishes. Usually that is one feed; when several
 * end together they share the commit, which the SD card prefers.
 */
static void store_ready(void *ctx)
{
    struct cycle *cy = ctx;
    struct fetcher *f = cy->f;
    size_t n = 0;
    for (size_t k = 0; k < cy->np; k++)
        n += cy->ps[k].ready;
    if (n == 0)
        return;
    struct store_retention ret;
    struct store_feed_limit *limits = NULL;
    fetch_retention(f, &ret, &limits);
    int *news = xcalloc(cy->np, sizeof *news);
    int *corrections = xcalloc(cy->np, sizeof *corrections);
    size_t *told = xcalloc(n, sizeof *told);
    size_t n_told = 0;
    for (size_t k = 0; k < cy->np; k++) {
        struct polled *p = &cy->ps[k];
        if (!p->ready)
            continue;
        p->doc = p->hd->doc; /* lent for update_state's ttl */
        update_state(cy, p, &cy->out->feeds[p->feed]);
        p->doc = NULL;
    }
    bool changed = false;
    struct error serr = {0};
    bool ok = store_begin_cycle(f->store, &ret, cy->now, &serr);
    for (size_t k = 0; ok && k < cy->np; k++)
        if (cy->ps[k].ready)
            ok = put_doc(cy, &cy->ps[k], &news[k], &corrections[k], &changed, &serr);
    if (ok) {
        ok = store_commit_cycle(f->store, &serr);
    } else {
        store_rollback_cycle(f->store);
    }
    if (!ok) {
        cy->ok = false;
        cy->out->store_failed = true;
    }
    for (size_t k = 0; k < cy->np; k++) {
        struct polled *p = &cy->ps[k];
        if (!p->ready)
            continue;
        struct fetch_feed_result *res = &cy->out->feeds[p->feed];
        if (ok) {
            size_t before = f->n_jobs;
            for (size_t j = 0; j < p->hd->doc->n_items; j++) {
                const struct item_plan *pl = &p->plans[j];
                if (pl->stored && (pl->plan == PLAN_PAGE || pl->plan == PLAN_QUEUE))
                    fetch_queue_summary(f, p->hd, j, pl->plan == PLAN_PAGE, pl->host);
                if (pl->stored)
                    fetch_queue_picture(f, p->feed, &p->hd->doc->items[j]);
            }
            res->new_items = news[k];
            res->changed_items = corrections[k];
            res->summaries_queued = (int)(f->n_jobs - before);
        } else {
            res->stored = false;
            res->new_items = 0;
            res->changed_items = 0;
            error_set(&res->err, "could not be saved in the cache: %s", serr.msg);
            log_error("fetch", "%s: %s", res->name, res->err.msg);
        }
        release_doc(p);
        told[n_told++] = k;
    }
    cy->out->changed |= ok && changed;
    publish(cy, true);
    for (size_t i = 0; i < n_told; i++)
        tell(cy, &cy->ps[told[i]]);
    free(told);
    free(news);
    free(corrections);
    free(limits);
}

/* ---- the cycle ------------------------------------------------------------------------ */

/* One transfer ended: the feed's outcome. A document is prepared here and stored at once, at
 * the end of this turn of the transfer loop (store_ready). */
static void feed_done(void *ctx, size_t k)
{
    struct cycle *cy = ctx;
    struct fetcher *f = cy->f;
    struct polled *p = &cy->ps[k];
    p->resp = cy->resps[k];
    memset(&cy->resps[k], 0, sizeof cy->resps[k]);
    p->status = p->resp.status;
    struct fetch_feed_result *res = &cy->out->feeds[p->feed];
    if (p->status == FETCH_CANCELLED) {
        /* Stopped, not failed: the feed's state stays as it was. */
        f->live[p->feed] = p->before;
        return;
    }
    if (p->status == FETCH_OK)
        parse_body(f->cfg, p);
    res->status = p->status;
    res->http_code = p->resp.http_code;
    res->wire_bytes = p->resp.wire_bytes;
    res->elapsed_ms = p->resp.elapsed_ms;
    snprintf(res->detail, sizeof res->detail, "%s", p->resp.detail);
    res->err = p->resp.err;
    res->polled = true;
    res->stored = true;
    cy->out->n_polled++;
    if (p->status == FETCH_OK || p->status == FETCH_NOT_MODIFIED)
        cy->out->n_ok++;
    else
        cy->out->n_failed++;
    if (p->doc) {
        prepare_doc(cy, p); /* stored by store_ready, with the others that ended now */
        return;
    }
    update_state(cy, p, res);
    p->state_pending = true;
    publish(cy, false);
    tell(cy, p);
}

/* The states of the feeds without a document (304s, failures): one transaction. */
static void save_pending_states(struct cycle *cy, size_t np)
{
    struct fetcher *f = cy->f;
    size_t n = 0;
    for (size_t k = 0; k < np; k++)
        n += cy->ps[k].state_pending;
    if (n == 0)
        return;
    struct error serr = {0};
    bool ok = store_begin_cycle(f->store, NULL, cy->now, &serr);
    for (size_t k = 0; ok && k < np; k++) {
        struct polled *p = &cy->ps[k];
        if (!p->state_pending)
            continue;
        const struct config_feed *cf = &f->cfg->feeds[p->feed];
        ok = store_feed_ensure(f->store, cf->url, p->st.name, &serr) &&
             store_feed_put(f->store, &p->st, &serr);
    }
    if (ok) {
        ok = store_commit_cycle(f->store, &serr);
    } else {
        store_rollback_cycle(f->store);
    }
    if (!ok) {
        cy->ok = false;
        cy->out->store_failed = true;
        log_error("fetch", "the poll state of %zu feed%s could not be saved in the cache: %s", n,
                  n == 1 ? "" : "s", serr.msg);
        for (size_t k = 0; k < np; k++) {
            struct fetch_feed_result *res = &cy->out->feeds[cy->ps[k].feed];
            if (cy->ps[k].state_pending) {
                res->stored = false;
                if (!error_is_set(&res->err))
                    error_set(&res->err, "its poll state could not be saved in the cache: %s",
                              serr.msg);
            }
        }
    }
}

/* Is feed i due at `now`? Poll scale stretches the wait from the last attempt. */
static bool is_due(const struct fetcher *f, const struct store_feed_state *st, int64_t now)
{
    int scale = atomic_load(&((struct fetcher *)(uintptr_t)f)->poll_scale);
    int64_t due = st->next_poll;
    if (scale > 1 && st->last_attempt > 0 && due > st->last_attempt &&
        due - st->last_attempt < INT64_MAX / scale)
        due = st->last_attempt + (due - st->last_attempt) * scale;
    return due <= now;
}

bool fetch_headlines(struct fetcher *f, int64_t now, bool all, const struct fetch_progress *pr,
                     bool publish_snapshots, struct fetch_cycle *out)
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
        store_feed_get(f->store, cf->url, &st, NULL); /* unknown: defaults, due at once */
        res->next_poll = st.gone ? SCHEDULE_NEVER : st.next_poll;
        res->error_count = st.error_count;
        if (st.gone || (!all && !is_due(f, &st, now))) {
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
            .headers_origin = cf->url,
            .allow_file = true,
        };
        p->before = f->live[i];
        f->live[i].state = STORY_FEED_FETCHING;
        f->live[i].detail[0] = '\0';
        np++;
    }

    /*
     * One jitter value for the whole cycle, not one per feed: the jitter keeps kiosks started
     * together out of step with each other, and one draw per cycle does that as well. Feeds
     * polled together with the same delay then stay due together, so their next polls are
     * again one batch (docs/fetch.md).
     */
    struct cycle cy = {
        .f = f,
        .now = now,
        .rnd = fetch_random(f),
        .ps = ps,
        .out = out,
        .pr = pr,
        .publish = publish_snapshots,
        .ok = true,
        .article_budget = FETCH_ARTICLE_MAX_PER_CYCLE,
        .np = np,
    };
    if (np > 0)
        publish(&cy, false); /* the feeds being fetched say so */
    cy.resps = xcalloc(np ? np : 1, sizeof *cy.resps);
    fetch_get_each(f, reqs, np, cy.resps, feed_done, store_ready, &cy);
    save_pending_states(&cy, np);
    if (np > 0)
        publish(&cy, false);

    for (size_t k = 0; k < np; k++) {
        release_doc(&ps[k]); /* (only when stopped before its turn came) */
        feed_free(ps[k].doc);
        fetch_response_clear(&ps[k].resp);
        fetch_response_clear(&cy.resps[k]);
        store_feed_state_clear(&ps[k].st);
    }
    free(cy.resps);
    free(reqs);
    free(ps);
    return cy.ok;
}

bool fetcher_run_cycle(struct fetcher *f, int64_t now, bool all,
                       const struct fetch_progress *progress, struct fetch_cycle *out)
{
    bool ok = fetch_headlines(f, now, all, progress, false, out);
    /* Then every summary, waiting out the article gaps: the caller wants it all done. */
    int64_t next_ms = INT64_MAX;
    while (!atomic_load(&f->stopping)) {
        if (fetch_summaries_due(f)) {
            int stored = 0;
            if (!fetch_store_summaries(f, now, &stored)) {
                ok = false;
                out->store_failed = true;
            }
            out->summaries_made += stored;
            out->changed |= stored > 0;
            continue;
        }
        if (fetch_summary_step(f, &next_ms, out, progress))
            continue;
        /* Pictures last: every summary is stored by now. */
        int64_t pic_ms = INT64_MAX;
        int pics = 0;
        if (fetch_made_count(f) == 0 && fetch_picture_step(f, &pic_ms, &pics)) {
            out->pictures_stored += pics;
            out->changed |= pics > 0;
            continue;
        }
        if (fetch_made_count(f) == 0 && pic_ms < next_ms)
            next_ms = pic_ms;
        if (next_ms == INT64_MAX)
            break;
        fetch_sleep(f, next_ms - fetch_mono_ms(f));
    }
    if (progress && progress->articles && out->articles_fetched > 0)
        progress->articles(progress->ctx, out->articles_fetched, 0);
    return ok;
}
