/* Snapshots of stories: plain data, deep-copied so each thread owns its own. */
#include "core/story.h"
#include "core/util.h"

#include <stdlib.h>

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

const char *story_feed_state_str(enum story_feed_state s)
{
    switch (s) {
    case STORY_FEED_WAITING:
        return "waiting";
    case STORY_FEED_FETCHING:
        return "fetching";
    case STORY_FEED_OK:
        return "ok";
    case STORY_FEED_FAILED:
        return "failed";
    case STORY_FEED_GONE:
        return "gone";
    }
    return "?";
}

void story_snapshot_free(struct story_snapshot *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_feeds; i++) {
        free(s->feeds[i].name);
        free(s->feeds[i].detail);
    }
    free(s->feeds);
    for (size_t i = 0; i < s->n_stories; i++) {
        struct story *st = &s->stories[i];
        free(st->id);
        free(st->source);
        free(st->title);
        free(st->summary);
        free(st->link);
        free(st->language);
        free(st->picture);
    }
    free(s->stories);
    free(s);
}

struct story_snapshot *story_snapshot_copy(const struct story_snapshot *s)
{
    struct story_snapshot *c = xcalloc(1, sizeof *c);
    c->last_success = s->last_success;
    c->offline = s->offline;
    c->offline_since = s->offline_since;
    c->n_feeds = s->n_feeds;
    c->feeds = s->n_feeds ? xcalloc(s->n_feeds, sizeof *c->feeds) : NULL;
    for (size_t i = 0; i < s->n_feeds; i++) {
        c->feeds[i] = s->feeds[i];
        c->feeds[i].name = dup_or_null(s->feeds[i].name);
        c->feeds[i].detail = dup_or_null(s->feeds[i].detail);
    }
    c->n_stories = s->n_stories;
    c->stories = xcalloc(s->n_stories ? s->n_stories : 1, sizeof *c->stories);
    for (size_t i = 0; i < s->n_stories; i++) {
        const struct story *a = &s->stories[i];
        struct story *b = &c->stories[i];
        b->id = dup_or_null(a->id);
        b->source = dup_or_null(a->source);
        b->title = dup_or_null(a->title);
        b->summary = dup_or_null(a->summary);
        b->link = dup_or_null(a->link);
        b->language = dup_or_null(a->language);
        b->picture = dup_or_null(a->picture);
        b->published = a->published;
    }
    return c;
}
