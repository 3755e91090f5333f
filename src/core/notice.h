/*
 * What the screen says when it has no stories to show (docs/display.md, "No news yet"): an
 * opening sentence that fits what is really happening, and one line per configured feed with
 * its state right now ("tagesschau – wird abgerufen …", "Herald – HTTP 404"), so a person in
 * front of a new display sees at once which feed is the problem. It never says "as soon as a
 * feed is reachable" about a feed that was reached.
 *
 * The worker's failure details are English ("DNS lookup failed"); the common ones are given
 * in German on a German screen, anything else is shown as it came.
 *
 * Pure; thread-safe.
 */
#ifndef TICKER_CORE_NOTICE_H
#define TICKER_CORE_NOTICE_H

#include "core/story.h"
#include "core/theme.h"

#include <stddef.h>

/* The opening sentence for snapshot s (NULL or without feed information: a general one). */
const char *notice_intro(const struct story_snapshot *s, enum theme_locale loc);

/* "NAME – STATE" for one feed into out (truncated to out_len). Returns out. */
char *notice_feed_line(char *out, size_t out_len, const struct story_feed *f,
                       enum theme_locale loc);

/* A failure detail in the screen's language (the detail itself when no translation is
 * known). */
const char *notice_detail(const char *detail, enum theme_locale loc);

#endif
