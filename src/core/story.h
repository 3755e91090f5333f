/*
 * What the display shows: the stories of one snapshot of the cache, and the status the screen
 * reports. The worker thread builds a snapshot; the render thread adopts it whole at the next
 * item boundary and never sees it change (DESIGN.md section 2).
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
};

struct story_snapshot {
    struct story *stories; /* newest first */
    size_t n_stories;
    int64_t last_success; /* Unix seconds of the last successful fetch, 0 = never */
    bool offline;         /* the last fetch cycle reached no feed */
};

/* Frees a snapshot and everything in it. NULL is fine. */
void story_snapshot_free(struct story_snapshot *s);

/* Deep copy, owned by the caller. */
struct story_snapshot *story_snapshot_copy(const struct story_snapshot *s);

#endif
