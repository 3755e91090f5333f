/*
 * The news side of the wall display: the cache (store) and the fetch worker that fills it and
 * publishes snapshots (io/fetch.h). The render thread only takes snapshots; everything that
 * touches the network or the disk runs on the worker.
 *
 * A reload swaps the worker: the old one is stopped (within about a second, transfers
 * aborted), a new one is made for the new configuration, and the store stays open, so the
 * cache and the screen keep their news.
 *
 * Thread: the render (main) thread.
 */
#ifndef TICKER_APP_DISPLAY_RUN_NEWS_H
#define TICKER_APP_DISPLAY_RUN_NEWS_H

#include "core/config.h"
#include "core/error.h"
#include "core/story.h"
#include "io/clock.h"

#include <stdbool.h>
#include <stdint.h>

struct runnews;

/* Opens the cache at cache_path and starts a worker for cfg (borrowed: it must outlive the
 * worker, i.e. until the next runnews_reload or runnews_close). NULL with a message. */
struct runnews *runnews_open(const struct config *cfg, const char *cache_path,
                             const struct clock *clk, struct error *err);

/* Stops the worker and starts one for cfg (same borrowing rule); the cache stays open. On
 * failure the old worker is restarted and false comes back with a message. */
bool runnews_reload(struct runnews *n, const struct config *cfg, const struct config *old_cfg,
                    struct error *err);

/* The newest snapshot the worker published since the last call, or NULL (caller frees). */
struct story_snapshot *runnews_take(struct runnews *n);

/* Story pictures are scaled to w x h (the card's picture on this screen; core/card.h), also
 * by the workers of later reloads. */
void runnews_set_picture_box(struct runnews *n, int w, int h);

/* Polls every feed now (the operator's key r; the worker allows one such poll every 10 s). */
void runnews_poke(struct runnews *n);

/* Polls less often while the screen is off for the night (scale >= 1; 1 = as configured). */
void runnews_set_poll_scale(struct runnews *n, int scale);

/* Grows while a worker thread is alive and looping (at least once a second): the watchdog
 * pings only while it does. */
uint64_t runnews_heartbeat(struct runnews *n);

/* Stops the worker (about a second at most) and closes the cache. NULL is fine. */
void runnews_close(struct runnews *n);

#endif
