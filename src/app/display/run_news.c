/* The cache and the fetch worker of the wall display (run_news.h). */
#include "app/display/run_news.h"

#include "core/log.h"
#include "core/util.h"
#include "io/fetch.h"
#include "io/store.h"

#include <stdlib.h>

struct runnews {
    struct store *store;
    struct fetcher *fetcher;
    const struct clock *clk;
    int poll_scale;
    /* The heartbeat of workers before a reload, so the counter only grows. */
    uint64_t beats_before;
    int pic_w, pic_h; /* the pictures' size; 0: the fetcher's default */
};

static struct fetcher *start_worker(struct runnews *n, const struct config *cfg, struct error *err)
{
    struct fetcher *f = fetcher_new(cfg, n->store, err);
    if (!f)
        return NULL;
    fetcher_set_clock(f, n->clk);
    if (n->poll_scale > 1)
        fetcher_set_poll_scale(f, n->poll_scale);
    if (n->pic_w > 0)
        fetcher_set_picture_box(f, n->pic_w, n->pic_h);
    if (!fetcher_start(f)) {
        error_set(err, "the fetch worker could not start");
        fetcher_free(f);
        return NULL;
    }
    return f;
}

struct runnews *runnews_open(const struct config *cfg, const char *cache_path,
                             const struct clock *clk, struct error *err)
{
    struct store_open_info info;
    struct store *st = store_open(cache_path, &info, err);
    if (!st)
        return NULL;
    if (info.recovered)
        log_warn("run", "the cache was unusable and was moved to %s; starting a new one",
                 info.moved_to);
    struct runnews *n = xcalloc(1, sizeof *n);
    n->store = st;
    n->clk = clk;
    n->poll_scale = 1;
    n->fetcher = start_worker(n, cfg, err);
    if (!n->fetcher) {
        store_close(st);
        free(n);
        return NULL;
    }
    return n;
}

bool runnews_reload(struct runnews *n, const struct config *cfg, const struct config *old_cfg,
                    struct error *err)
{
    n->beats_before += fetcher_heartbeat(n->fetcher);
    fetcher_free(n->fetcher); /* stops the worker first */
    n->fetcher = start_worker(n, cfg, err);
    if (n->fetcher)
        return true;
    n->fetcher = start_worker(n, old_cfg, NULL);
    return false;
}

struct story_snapshot *runnews_take(struct runnews *n)
{
    return n->fetcher ? fetcher_take_snapshot(n->fetcher) : NULL;
}

void runnews_set_picture_box(struct runnews *n, int w, int h)
{
    n->pic_w = w;
    n->pic_h = h;
    if (n->fetcher)
        fetcher_set_picture_box(n->fetcher, w, h);
}

void runnews_poke(struct runnews *n)
{
    if (n->fetcher)
        fetcher_poke(n->fetcher);
}

void runnews_set_poll_scale(struct runnews *n, int scale)
{
    n->poll_scale = scale < 1 ? 1 : scale;
    if (n->fetcher)
        fetcher_set_poll_scale(n->fetcher, n->poll_scale);
}

uint64_t runnews_heartbeat(struct runnews *n)
{
    return n->beats_before + (n->fetcher ? fetcher_heartbeat(n->fetcher) : 0);
}

void runnews_close(struct runnews *n)
{
    if (!n)
        return;
    fetcher_free(n->fetcher);
    store_close(n->store);
    free(n);
}
