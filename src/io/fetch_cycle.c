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

/* One feed polled in this cycle. */
struct polled {
    size_t feed;                /* index into cfg->feeds */
    struct store_feed_state st; /* loaded before, saved after */
    struct fetch_response resp;
    enum fetch_status status; /* resp.status, or FETCH_PARSE */
    struct feed *doc;         /* FETCH_OK and parsed */
    bool state_pending;       /* its state waits for the end-of-batch transaction */
};

struct cycle {
    struct fetcher *f;
    int64_t now;
    uint32_t rnd; /* the cycle's one jitter draw */
    struct polled *ps;
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

/* Queues the summary of item j: from its page when its own text is thin and pages may be
 * fetched (within this cycle's budget), else from its own text. */
static void queue_summary(struct cycle *cy, struct held_doc *hd, size_t j)
{
    struct fetcher *f = cy->f;
    const struct config *cfg = f->cfg;
    const struct config_feed *cf = &cfg->feeds[hd->feed];
    const struct feed_item *it = &hd->doc->items[j];
    /* A local file is demo or offline content: its links are not worth a request. */
    bool pages = cfg->fetch_articles && !url_scheme_is(cf->url, "file") && !cf->demo;
    bool thin = utf8_chars(item_text(it)) < (size_t)cfg->summary.article_threshold;
    char host[300];
    if (thin && pages && it->link && cy->article_budget > 0 &&
        fetch_url_host(it->link, host, sizeof host)) {
        cy->article_budget--;
        fetch_queue_summary(f, hd, j, true, host);
    } else {
        fetch_queue_summary(f, hd, j, false, NULL);
    }
}

/*
 * One feed's items and state in one transaction. Items get an empty summary when new (the
 * summary job fills it in) and keep theirs when known. Returns false when the transaction
 * failed (then nothing of it is kept, and no job either).
 */
static bool store_feed_doc(struct cycle *cy, struct polled *p, struct fetch_feed_result *res)
{
    struct fetcher *f = cy->f;
    const struct config_feed *cf = &f->cfg->feeds[p->feed];
    struct store_retention ret;
    struct store_feed_limit *limits = NULL;
    fetch_retention(f, &ret, &limits);
    if (cf->demo)
        shift_demo_times(p->doc, cy->now, ret.max_age);
    char *name = fetch_feed_name(f, p->feed);
    /* A newer document replaces what the older one still had queued. */
    fetch_drop_jobs(f, p->feed);
    size_t jobs_before = f->n_jobs;
    struct held_doc *hd = fetch_hold(p->doc, p->feed); /* our reference; jobs take theirs */
    p->doc = NULL;
    bool ok = store_begin_cycle(f->store, &ret, cy->now);
    ok = ok && store_feed_ensure(f->store, cf->url, name);
    int new_items = 0;
    bool changed = false;
    for (size_t j = 0; ok && j < hd->doc->n_items; j++) {
        const struct feed_item *it = &hd->doc->items[j];
        if (!it->id || !*it->id)
            continue; /* the parser promises ids; a bad item must not cost the cycle */
        bool has_summary = false;
        bool known = store_has_item(f->store, cf->url, it->id, &has_summary);
        /* Known with a summary: NULL keeps it. A Ticker hub's summary is final (docs/hub.md):
         * stored as it is, with no job. Otherwise "" marks it as still to make. */
        const char *summary = known && has_summary ? NULL : it->summary_final ? it->summary : "";
        enum store_put_result pr = store_put_item(f->store, cf->url, it, j, summary);
        switch (pr) {
        case STORE_PUT_NEW:
            new_items++;
            changed = true;
            if (!it->summary_final)
                queue_summary(cy, hd, j);
            break;
        case STORE_PUT_UPDATED:
        case STORE_PUT_UNCHANGED:
            changed |= pr == STORE_PUT_UPDATED;
            if (!has_summary && !it->summary_final)
                queue_summary(cy, hd, j);
            break;
        case STORE_PUT_DUPLICATE:
        case STORE_PUT_EXPIRED:
            break;
        case STORE_PUT_ERROR:
            ok = false;
            break;
        }
    }
    /* The document goes back to p for update_state's ttl; hd keeps its own reference. */
    p->doc = hd->doc;
    update_state(cy, p, res);
    p->doc = NULL;
    ok = ok && store_feed_put(f->store, &p->st);
    if (ok) {
        ok = store_commit_cycle(f->store);
    } else {
        store_rollback_cycle(f->store);
    }
    if (ok) {
        res->new_items = new_items;
        res->summaries_queued = (int)(f->n_jobs - jobs_before);
        cy->out->changed |= changed;
    } else {
        fetch_drop_jobs(f, p->feed);
        error_set(&res->err, "could not be saved in the cache: %s", store_errmsg(f->store));
    }
    fetch_release(hd); /* the document lives on while jobs need it */
    free(name);
    free(limits);
    return ok;
}

/* ---- the cycle ------------------------------------------------------------------------ */

static void publish(struct cycle *cy, bool reload)
{
    if (cy->publish)
        fetch_publish_state(cy->f, reload);
}

/* One transfer ended: the feed's outcome, stored at once when it brought a document. */
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
        f->live[p->feed].state = f->live[p->feed].last_attempt ? STORY_FEED_OK : STORY_FEED_WAITING;
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
        if (!store_feed_doc(cy, p, res)) {
            res->stored = false;
            cy->ok = false;
            cy->out->store_failed = true;
            log_error("fetch", "%s: %s", res->name, res->err.msg);
        }
        publish(cy, true);
    } else {
        update_state(cy, p, res);
        p->state_pending = true;
        publish(cy, false);
    }
    if (cy->pr && cy->pr->feed_done)
        cy->pr->feed_done(cy->pr->ctx, p->feed, res);
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
    bool ok = store_begin_cycle(f->store, NULL, cy->now);
    for (size_t k = 0; ok && k < np; k++) {
        struct polled *p = &cy->ps[k];
        if (!p->state_pending)
            continue;
        const struct config_feed *cf = &f->cfg->feeds[p->feed];
        ok = store_feed_ensure(f->store, cf->url, p->st.name) && store_feed_put(f->store, &p->st);
    }
    if (ok) {
        ok = store_commit_cycle(f->store);
    } else {
        store_rollback_cycle(f->store);
    }
    if (!ok) {
        cy->ok = false;
        cy->out->store_failed = true;
        log_error("fetch", "the poll state of %zu feed%s could not be saved in the cache: %s", n,
                  n == 1 ? "" : "s", store_errmsg(f->store));
        for (size_t k = 0; k < np; k++) {
            struct fetch_feed_result *res = &cy->out->feeds[cy->ps[k].feed];
            if (cy->ps[k].state_pending) {
                res->stored = false;
                if (!error_is_set(&res->err))
                    error_set(&res->err, "its poll state could not be saved in the cache: %s",
                              store_errmsg(f->store));
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
        store_feed_get(f->store, cf->url, &st); /* unknown: defaults, due at once */
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
    };
    if (np > 0)
        publish(&cy, false); /* the feeds being fetched say so */
    cy.resps = xcalloc(np ? np : 1, sizeof *cy.resps);
    fetch_get_each(f, reqs, np, cy.resps, feed_done, &cy);
    save_pending_states(&cy, np);
    if (np > 0)
        publish(&cy, false);

    for (size_t k = 0; k < np; k++) {
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
        if (next_ms == INT64_MAX)
            break;
        fetch_sleep(f, next_ms - fetch_mono_ms(f));
    }
    if (progress && progress->articles && out->articles_fetched > 0)
        progress->articles(progress->ctx, out->articles_fetched, 0);
    return ok;
}
