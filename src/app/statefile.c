/* The status file's place and its atomic replacement (statefile.h). */
#include "app/statefile.h"

#include "core/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *env(const char *name)
{
    const char *v = getenv(name);
    return v && v[0] ? v : NULL;
}

char *statefile_dir(struct error *err)
{
    const char *sd = env("STATE_DIRECTORY");
    if (sd) {
        const char *colon = strchr(sd, ':');
        return colon ? xstrndup(sd, (size_t)(colon - sd)) : xstrdup(sd);
    }
    if (env("XDG_STATE_HOME"))
        return xasprintf("%s/ticker", env("XDG_STATE_HOME"));
    if (env("HOME"))
        return xasprintf("%s/.local/state/ticker", env("HOME"));
    error_set(err, "no state directory: set STATE_DIRECTORY, XDG_STATE_HOME or HOME");
    return NULL;
}

char *statefile_path(const char *override, struct error *err)
{
    if (override)
        return xstrdup(override);
    char *dir = statefile_dir(err);
    if (!dir)
        return NULL;
    char *p = xasprintf("%s/%s", dir, STATEFILE_NAME);
    free(dir);
    return p;
}

bool statefile_make_dir(const char *dir, struct error *err)
{
    char *p = xstrdup(dir);
    bool ok = true;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0750) != 0 && errno != EEXIST) {
            ok = error_set(err, "%s: cannot create: %s", p, strerror(errno));
            break;
        }
        *s = c;
        if (!c)
            break;
    }
    free(p);
    return ok;
}

bool statefile_replace(const char *path, const char *data, size_t len, mode_t mode,
                       struct error *err)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        error_set(err, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return false;
    }
    /* open() applies the umask; the mode is what the file must have. */
    fchmod(fd, mode);
    size_t done = 0;
    bool ok = true;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = error_set(err, "%s: %s", tmp, n < 0 ? strerror(errno) : "short write");
            break;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0 && ok)
        ok = error_set(err, "%s: %s", tmp, strerror(errno));
    if (ok && rename(tmp, path) != 0)
        ok = error_set(err, "%s: %s", path, strerror(errno));
    if (!ok)
        unlink(tmp);
    free(tmp);
    return ok;
}
