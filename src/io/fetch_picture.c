/*
 * Story pictures after headlines and summaries (docs/images.md, docs/fetch.md). A stored item
 * that names an http(s) image the cache has nothing for gets a job; the jobs run when the
 * worker has no summary to make, in rounds of at most one request per host, with the article
 * pages' politeness gap (one table of hosts for both), size cap and timeouts. Each image is
 * decoded and scaled once, to the card's picture size, in the sandboxed helper
 * (io/imgdecode.h), compressed to JPEG here and stored beside its item in one transaction
 * per round. An image the decoder refuses, or a 4xx answer, is remembered as failed (never
 * fetched again for that URL); a network failure is not (the next poll of the feed queues it
 * again).
 */
#include "io/fetch.h"
#include "io/fetch_impl.h"

#include "core/log.h"
#include "core/util.h"
#include "io/imgdecode.h"
#include "io/picture_jpeg.h"
#include "io/store_pictures.h"

#include <stdlib.h>
#include <string.h>

/* Pictures per cycle of `ticker fetch` and per round: a burst never floods a host list. */
#define PICTURES_PER_ROUND 8

static void job_free(struct picture_job *j)
{
    free(j->item_id);
    free(j->url);
}

void fetch_drop_pictures(struct fetcher *f)
{
    for (size_t i = 0; i < f->n_pic_jobs; i++)
        job_free(&f->pic_jobs[i]);
    free(f->pic_jobs);
    f->pic_jobs = NULL;
    f->n_pic_jobs = f->alloc_pic_jobs = 0;
}

void fetch_queue_picture_url(struct fetcher *f, size_t feed, const char *item_id, const char *url)
{
    int bw, bh;
    if (!fetch_picture_box(f, &bw, &bh) || !item_id || !url || !f->store)
        return;
    const struct config_feed *cf = &f->cfg->feeds[feed];
    char host[300];
    if (cf->demo || !fetch_url_host(url, host, sizeof host))
        return; /* http(s) images only; demo feeds fetch nothing */
    for (size_t i = 0; i < f->n_pic_jobs; i++)
        if (f->pic_jobs[i].feed == feed && !strcmp(f->pic_jobs[i].item_id, item_id))
            return;
    struct error err = {0};
    enum store_picture_state st = store_picture_state(f->store, cf->url, item_id, url, &err);
    if (st == STORE_PICTURE_ERROR)
        log_warn("fetch", "picture of %s: %s", item_id, err.msg);
    if (st != STORE_PICTURE_NONE)
        return;
    if (f->n_pic_jobs == f->alloc_pic_jobs) {
        f->alloc_pic_jobs = f->alloc_pic_jobs ? f->alloc_pic_jobs * 2 : 32;
        f->pic_jobs = xreallocarray(f->pic_jobs, f->alloc_pic_jobs, sizeof *f->pic_jobs);
    }
    struct picture_job *j = &f->pic_jobs[f->n_pic_jobs++];
    *j = (struct picture_job){.feed = feed, .item_id = xstrdup(item_id), .url = xstrdup(url)};
    snprintf(j->host, sizeof j->host, "%s", host);
}

void fetch_queue_picture(struct fetcher *f, size_t feed, const struct feed_item *it)
{
    if (it->image)
        fetch_queue_picture_url(f, feed, it->id, it->image);
}

/* What one downloaded image became. */
struct made_picture {
    size_t job;
    uint8_t *jpeg; /* NULL: failed (why), or not to be recorded (skip) */
    size_t len;
    char why[256];
    bool skip;
};

static void make_one(struct fetcher *f, const struct picture_job *j, struct fetch_response *r,
                     struct made_picture *m, int bw, int bh)
{
    if (r->status != FETCH_OK) {
        /* A client error will not go away; anything else may (the next poll tries again). */
        m->skip = !(r->status == FETCH_HTTP_ERROR && r->http_code >= 400 && r->http_code < 500 &&
                    r->http_code != 408 && r->http_code != 429) &&
                  r->status != FETCH_TOO_LARGE;
        snprintf(m->why, sizeof m->why, "%s",
                 r->detail[0] ? r->detail : fetch_status_str(r->status));
        return;
    }
    struct picture *pic = NULL;
    struct error err = {0};
    enum imgdecode_result res = imgdecode_run(r->body, r->body_len, bw, bh, NULL, &pic, NULL, &err);
    if (res != IMGDECODE_OK) {
        /* A refused image is the image's fault: remembered. A decoder that could not run is
         * ours: said once per picture, and tried again later. */
        m->skip = res == IMGDECODE_FAILED;
        snprintf(m->why, sizeof m->why, "%s", err.msg);
        if (m->skip)
            log_warn("fetch", "picture %s: %s", j->url, err.msg);
        else
            log_debug("fetch", "picture %s refused: %s", j->url, err.msg);
        return;
    }
    if (!picture_jpeg_encode(pic, PICTURE_JPEG_QUALITY, &m->jpeg, &m->len, &err)) {
        m->skip = true;
        log_warn("fetch", "picture %s: %s", j->url, err.msg);
    }
    picture_free(pic);
}

static bool store_round(struct fetcher *f, struct made_picture *made, size_t n, int bw, int bh,
                        int *stored)
{
    struct store_retention ret;
    struct store_feed_limit *limits = NULL;
    fetch_retention(f, &ret, &limits);
    struct error err = {0};
    int64_t now = fetch_now_s(f);
    bool ok = store_begin_cycle(f->store, &ret, now, &err);
    int count = 0;
    for (size_t k = 0; ok && k < n; k++) {
        const struct made_picture *m = &made[k];
        if (m->skip)
            continue;
        const struct picture_job *j = &f->pic_jobs[m->job];
        enum store_lookup r = store_put_picture(f->store, f->cfg->feeds[j->feed].url, j->item_id,
                                                j->url, bw, bh, m->jpeg, m->len, m->why, now, &err);
        if (r == STORE_LOOKUP_FAILED)
            ok = false;
        count += r == STORE_FOUND && m->jpeg;
    }
    if (ok)
        ok = store_commit_cycle(f->store, &err);
    else
        store_rollback_cycle(f->store);
    if (!ok)
        log_error("fetch", "pictures could not be saved in the cache: %s", err.msg);
    free(limits);
    *stored = ok ? count : 0;
    return ok;
}

bool fetch_picture_step(struct fetcher *f, int64_t *next_ms, int *stored)
{
    *next_ms = INT64_MAX;
    *stored = 0;
    int bw, bh;
    if (f->n_pic_jobs == 0 || atomic_load(&f->stopping) || !fetch_picture_box(f, &bw, &bh))
        return false;
    size_t n = f->n_pic_jobs;
    struct fetch_request *reqs = xcalloc(n, sizeof *reqs);
    size_t *idx = xcalloc(n, sizeof *idx);
    int64_t now = fetch_mono_ms(f);
    size_t m = 0;
    for (size_t i = 0; i < n && m < PICTURES_PER_ROUND; i++) {
        struct picture_job *j = &f->pic_jobs[i];
        bool taken = false;
        for (size_t k = 0; k < m && !taken; k++)
            taken = !strcmp(f->pic_jobs[idx[k]].host, j->host);
        if (taken || !fetch_host_ready(f, j->host, now, next_ms))
            continue;
        reqs[m] = (struct fetch_request){.url = j->url, .max_bytes = FETCH_PICTURE_MAX_BYTES};
        idx[m++] = i;
        fetch_host_touch(f, j->host, now);
    }
    if (m == 0) {
        free(reqs);
        free(idx);
        return false;
    }
    struct fetch_response *resps = xcalloc(m, sizeof *resps);
    fetcher_get(f, reqs, m, resps);
    struct made_picture *made = xcalloc(m, sizeof *made);
    bool cancelled = false;
    for (size_t k = 0; k < m; k++) {
        made[k].job = idx[k];
        if (resps[k].status == FETCH_CANCELLED) {
            made[k].skip = true;
            cancelled = true;
        } else {
            make_one(f, &f->pic_jobs[idx[k]], &resps[k], &made[k], bw, bh);
        }
        fetch_response_clear(&resps[k]);
        fetch_beat(f);
    }
    store_round(f, made, m, bw, bh, stored);
    /* The round's jobs are done, stored or not (a stopped worker's are queued again by the
     * next poll of their feed). */
    bool *done = xcalloc(f->n_pic_jobs, sizeof *done);
    for (size_t k = 0; k < m; k++) {
        done[idx[k]] = !cancelled || !made[k].skip;
        free(made[k].jpeg);
    }
    size_t w = 0;
    for (size_t i = 0; i < f->n_pic_jobs; i++) {
        if (done[i])
            job_free(&f->pic_jobs[i]);
        else
            f->pic_jobs[w++] = f->pic_jobs[i];
    }
    f->n_pic_jobs = w;
    free(done);
    free(made);
    free(resps);
    free(idx);
    free(reqs);
    return true;
}
