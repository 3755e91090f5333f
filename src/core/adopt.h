/*
 * What the render thread does with a snapshot the worker published (DESIGN.md section 2,
 * docs/architecture.md "Threads and the hand-off"). The worker publishes whenever a cycle ends
 * with something to say; most cycles change nothing on screen (a 304, a next-poll time). The
 * render thread compares short digests of what it shows with what arrived and then:
 *
 *   ADOPT_IGNORE   nothing on screen would change: drop the snapshot;
 *   ADOPT_STATUS   only the status line or the feed list changed (offline, last success, the
 *                  per-feed state the no-news screen names): update those at once, keep the
 *                  crawl and its rasters;
 *   ADOPT_OFFER    the stories changed (new, removed, reworded, a summary filled in): offer
 *                  the new playlist to the crawl, which takes it at the next item boundary so
 *                  nothing on screen jumps (core/scroll.h).
 *
 *   ADOPT_HOLD     the stories changed while an operator has paused the crawl: update the
 *                  status at once and keep the snapshot to offer when the crawl resumes.
 *
 * Pure; thread-safe.
 */
#ifndef TICKER_CORE_ADOPT_H
#define TICKER_CORE_ADOPT_H

#include "core/story.h"

#include <stdbool.h>
#include <stdint.h>

/* Hashes of the parts of a snapshot the screen shows. */
struct adopt_digest {
    bool valid;       /* false: nothing shown yet */
    uint64_t stories; /* ids, titles, sources, summaries, times, in order */
    uint64_t status;  /* offline, offline_since, last_success */
    uint64_t feeds;   /* each feed's name, state and detail (not its poll times) */
    size_t n_stories;
};

/* The digest of s (NULL: an empty snapshot). Cost linear in the snapshot's text. */
struct adopt_digest adopt_digest_of(const struct story_snapshot *s);

enum adopt_action {
    ADOPT_IGNORE,
    ADOPT_STATUS,
    ADOPT_OFFER,
    ADOPT_HOLD,
};

/* "ignore", "status", "offer", "hold" */
const char *adopt_action_str(enum adopt_action a);

/*
 * What to do with a snapshot whose digest is `incoming` while `shown` is on screen. paused:
 * the operator paused the crawl.
 */
enum adopt_action adopt_decide(const struct adopt_digest *shown,
                               const struct adopt_digest *incoming, bool paused);

#endif
