/*
 * What the display shows: the stories of one snapshot of the cache, and the status the screen
 * reports. The worker thread builds a snapshot; the render thread adopts it whole at the next
 * item boundary and never sees it change (docs/architecture.md, "Threads and the hand-off").
 */
#ifndef TICKER_CORE_STORY_H
#define TICKER_CORE_STORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct story {
    char *id;      /* stable: feed URL + item id, hashed or joined by the store */
    char *source;  /* the feed's display name ("tagesschau", "BBC News") */
    char *title;   /* clean one-line headline */
    char *summary; /* the summary to show (may be NULL) */
    char *link;
    char *language;    /* "de", "en", ... or NULL */
    int64_t published; /* Unix seconds UTC (first seen when the feed gave no date) */
    /* Where the card's picture comes from, for the display's picture source (render/scene.h):
     * the image's URL when one is stored (or, for `ticker render --feed`, the feed's image
     * link); NULL: the story has no picture. Pixels never travel in a snapshot. */
    char *picture;
};

/* What is happening to one configured feed right now, for the screen that has no news yet and
 * for the status file. */
enum story_feed_state {
    STORY_FEED_WAITING,  /* not fetched yet in this run */
    STORY_FEED_FETCHING, /* a request is in flight (connecting, receiving) */
    STORY_FEED_OK,       /* the last poll succeeded (200 or 304) */
    STORY_FEED_FAILED,   /* the last poll failed: `detail` says how */
    STORY_FEED_GONE,     /* answered 410 Gone: no longer polled */
};

struct story_feed {
    char *name; /* display name (never NULL) */
    enum story_feed_state state;
    char *detail;         /* for people, printable: "DNS lookup failed", "HTTP 404", "not a feed";
                             NULL when there is nothing to add */
    int64_t last_success; /* Unix seconds, 0 = never */
    int64_t next_poll;    /* Unix seconds, 0 = unknown */
    size_t n_items;       /* items of this feed in the snapshot */
};

struct story_snapshot {
    struct story *stories; /* newest first */
    size_t n_stories;
    struct story_feed *feeds; /* one per enabled feed, in configuration order; may be NULL */
    size_t n_feeds;
    int64_t last_success;  /* Unix seconds of the last successful fetch, 0 = never */
    int64_t offline_since; /* Unix seconds since when no feed was reachable; 0 = online */
    bool offline;          /* the last fetch cycle reached no feed */
};

/* "waiting", "fetching", "ok", "failed", "gone" */
const char *story_feed_state_str(enum story_feed_state s);

/* Frees a snapshot and everything in it. NULL is fine. */
void story_snapshot_free(struct story_snapshot *s);

/* Deep copy, owned by the caller. */
struct story_snapshot *story_snapshot_copy(const struct story_snapshot *s);

#endif
