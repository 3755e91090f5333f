/* Snapshot digests and the adoption decision (adopt.h). */
#include "core/adopt.h"

#include "core/util.h"

#include <string.h>

static uint64_t mix_str(uint64_t h, const char *s)
{
    /* A NULL and an empty string differ; a separator keeps ("ab","c") apart from ("a","bc"). */
    if (!s)
        return hash_fnv1a64("\x01", 1, h);
    h = hash_fnv1a64(s, strlen(s), h);
    return hash_fnv1a64("\x00", 1, h);
}

static uint64_t mix_i64(uint64_t h, int64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    return hash_fnv1a64(b, sizeof b, h);
}

struct adopt_digest adopt_digest_of(const struct story_snapshot *s)
{
    struct adopt_digest d = {.valid = true};
    uint64_t st = HASH_FNV1A64_INIT, stat = HASH_FNV1A64_INIT, fe = HASH_FNV1A64_INIT;
    if (s) {
        for (size_t i = 0; i < s->n_stories; i++) {
            const struct story *x = &s->stories[i];
            st = mix_str(st, x->id);
            st = mix_str(st, x->title);
            st = mix_str(st, x->source);
            st = mix_str(st, x->summary);
            st = mix_str(st, x->language);
            st = mix_i64(st, x->published);
        }
        stat = mix_i64(stat, s->offline);
        stat = mix_i64(stat, s->offline_since);
        stat = mix_i64(stat, s->last_success);
        for (size_t i = 0; i < s->n_feeds; i++) {
            const struct story_feed *f = &s->feeds[i];
            fe = mix_str(fe, f->name);
            fe = mix_i64(fe, f->state);
            fe = mix_str(fe, f->detail);
        }
        d.n_stories = s->n_stories;
    }
    st = mix_i64(st, (int64_t)d.n_stories);
    d.stories = st;
    d.status = stat;
    d.feeds = fe;
    return d;
}

const char *adopt_action_str(enum adopt_action a)
{
    switch (a) {
    case ADOPT_IGNORE:
        return "ignore";
    case ADOPT_STATUS:
        return "status";
    case ADOPT_OFFER:
        return "offer";
    case ADOPT_HOLD:
        return "hold";
    }
    return "?";
}

enum adopt_action adopt_decide(const struct adopt_digest *shown,
                               const struct adopt_digest *incoming, bool paused)
{
    if (!incoming->valid)
        return ADOPT_IGNORE;
    bool stories = !shown->valid || shown->stories != incoming->stories;
    bool status =
        !shown->valid || shown->status != incoming->status || shown->feeds != incoming->feeds;
    if (stories)
        return paused ? ADOPT_HOLD : ADOPT_OFFER;
    return status ? ADOPT_STATUS : ADOPT_IGNORE;
}
