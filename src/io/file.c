/*
 * Whole-file reads with a cap: feeds and articles are untrusted and may be huge.
 *
 * A path is opened without blocking and must be a regular file: opening a FIFO for reading
 * blocks until a writer appears, and reading a device or a FIFO may never end, so a
 * configured `file://` feed pointing at one would hang the fetch worker for good. Standard
 * input ("-") is read as it is: a person or a pipe chose to give it.
 */
#include "io/file.h"
#include "core/error.h"
#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *file_kind(mode_t m)
{
    return S_ISDIR(m)    ? "a directory"
           : S_ISFIFO(m) ? "a FIFO"
           : S_ISCHR(m)  ? "a character device"
           : S_ISBLK(m)  ? "a block device"
           : S_ISSOCK(m) ? "a socket"
                         : "not a regular file";
}

char *file_read_all(const char *path, size_t cap, size_t *len_out, struct error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = stdin;
    if (!is_stdin) {
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            error_set(err, "%s: %s", path, strerror(errno));
            return NULL;
        }
        struct stat st;
        if (fstat(fd, &st) != 0) {
            error_set(err, "%s: %s", path, strerror(errno));
            close(fd);
            return NULL;
        }
        if (!S_ISREG(st.st_mode)) {
            error_set(err, "%s: %s, not a regular file", path, file_kind(st.st_mode));
            close(fd);
            return NULL;
        }
        f = fdopen(fd, "rb");
        if (!f) {
            error_set(err, "%s: %s", path, strerror(errno));
            close(fd);
            return NULL;
        }
    }
    struct buf b = {.cap_limit = cap};
    char chunk[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (!buf_append(&b, chunk, n)) {
            error_set(err, "%s: larger than the limit of %zu bytes", path, cap);
            ok = false;
            break;
        }
    }
    if (ok && ferror(f)) {
        error_set(err, "%s: read error: %s", path, strerror(errno));
        ok = false;
    }
    if (!is_stdin)
        fclose(f);
    if (!ok) {
        buf_free(&b);
        return NULL;
    }
    *len_out = b.len;
    return buf_steal(&b);
}
