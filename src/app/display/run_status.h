/*
 * The status file of the wall display (core/health.h for its contents, app/statefile.h for its
 * place). The render thread hands over a copy of the status every RUNCONF_STATUS_INTERVAL
 * seconds; a small thread of its own writes it (the render thread never waits on the disk, and
 * an SD card can stall a write for seconds), adding the cache file's size.
 *
 * Thread: runstatus_* from the render thread; the writer thread is internal.
 */
#ifndef TICKER_APP_DISPLAY_RUN_STATUS_H
#define TICKER_APP_DISPLAY_RUN_STATUS_H

#include "core/error.h"
#include "core/health.h"

struct runstatus;

/*
 * Starts the writer for the file at path (its directory is created when missing) with the
 * cache file at cache_path (for its size; may be NULL). NULL with a message when the thread
 * cannot start or the directory cannot be made.
 */
struct runstatus *runstatus_start(const char *path, const char *cache_path, struct error *err);

/* Queues h (deep-copied) to be written. A status not yet written is replaced. */
void runstatus_publish(struct runstatus *s, const struct health *h);

/* Writes what is queued, stops the thread and frees s. NULL is fine. */
void runstatus_stop(struct runstatus *s);

#endif
