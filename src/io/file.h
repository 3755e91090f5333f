/*
 * Reading whole files (or standard input) into memory, with a size cap.
 */
#ifndef TICKER_IO_FILE_H
#define TICKER_IO_FILE_H

#include <stddef.h>

/*
 * Reads all of `path` ("-" is standard input) into a new NUL-terminated buffer that the
 * caller frees. Fails when the file is larger than `cap` bytes (0: no cap) or unreadable;
 * then returns NULL and writes a message naming the file into `err` (errlen bytes).
 */
char *file_read_all(const char *path, size_t cap, size_t *len_out, char *err, size_t errlen);

#endif
