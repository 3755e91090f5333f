/*
 * Reading whole files (or standard input) into memory, with a size cap.
 */
#ifndef TICKER_IO_FILE_H
#define TICKER_IO_FILE_H

#include "core/error.h"

#include <stddef.h>
#include <sys/types.h>

/* What a file that is not a regular one is, for messages: "a directory", "a FIFO", "a
 * character device" ... (st_mode from stat). A static string. */
const char *file_kind(mode_t m);

/*
 * Reads all of `path` ("-" is standard input) into a new NUL-terminated buffer that the
 * caller frees. Fails when the file is larger than `cap` bytes (0: no cap) or unreadable;
 * then returns NULL and sets `err` to a message naming the file ("PATH: reason"). Any thread;
 * opens regular files only, without blocking (a FIFO or a device is refused).
 */
char *file_read_all(const char *path, size_t cap, size_t *len_out, struct error *err);

#endif
