/*
 * Where the wall display keeps its status file, and how it is replaced (docs/display.md,
 * "Status"). Shared by `ticker run` (which writes it) and `ticker status` (which reads it).
 *
 * The directory: $STATE_DIRECTORY (systemd's StateDirectory=; the first of a colon-separated
 * list), else $XDG_STATE_HOME/ticker, else ~/.local/state/ticker. The file is status.json in
 * it, replaced atomically (a temporary file in the same directory, then rename) so a reader
 * never sees half of it.
 *
 * Thread: any (reads the environment: call after start-up changes to it are done).
 */
#ifndef TICKER_APP_STATEFILE_H
#define TICKER_APP_STATEFILE_H

#include "core/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define STATEFILE_NAME "status.json"

/* The state directory (new string, free()), or NULL with a message when no variable names
 * one (no HOME either). */
char *statefile_dir(struct error *err);

/* The status file's path: `override` when given, else STATEFILE_NAME in statefile_dir. */
char *statefile_path(const char *override, struct error *err);

/* Creates the directory (and its parents) with mode 0750 when missing. */
bool statefile_make_dir(const char *dir, struct error *err);

/*
 * Replaces `path` with len bytes of data, atomically, with file mode `mode` (0640: the owner
 * writes, its group - monitoring - reads). No fsync: losing the last status in a power cut
 * is harmless, and an SD card is spared a flush every few seconds.
 */
bool statefile_replace(const char *path, const char *data, size_t len, mode_t mode,
                       struct error *err);

#endif
