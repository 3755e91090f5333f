/*
 * The data directory (datadir.h). The relative paths from each executable's installed
 * directory to the data directory are computed by CMake from GNUInstallDirs when it configures
 * (TICKER_BIN_TO_DATA, TICKER_LIBEXEC_TO_DATA), so a distribution that moves bin/, libexec/ or
 * share/ gets a binary that still finds its files; nothing absolute is compiled in.
 */
#include "app/datadir.h"

#include "core/log.h"
#include "core/util.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef TICKER_BIN_TO_DATA
#define TICKER_BIN_TO_DATA "../share/ticker"
#endif
#ifndef TICKER_LIBEXEC_TO_DATA
#define TICKER_LIBEXEC_TO_DATA "../../share/ticker"
#endif
/* A binary run from its build directory (BUILD/src/ticker) finds BUILD/share/ticker. */
#define BUILD_TREE_TO_DATA "../share/ticker"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, or NULL (no /proc, say in a bare chroot). */
static char *exe_dir(void)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return NULL;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    return xstrdup(self);
}

/* dir/rel made canonical (so logs and the configuration show /usr/share/ticker, not
 * /usr/bin/../share/ticker), or NULL when it is not a directory. */
static char *existing_dir(const char *dir, const char *rel)
{
    char *joined = xasprintf("%s/%s", dir, rel);
    char *real = is_dir(joined) ? realpath(joined, NULL) : NULL;
    free(joined);
    return real;
}

char *datadir_find(enum datadir_exe exe)
{
    const char *env = getenv("TICKER_DATA_DIR");
    if (env && *env) {
        if (!is_dir(env))
            log_warn("datadir", "TICKER_DATA_DIR=%s is not a directory", env);
        log_debug("datadir", "data directory %s (TICKER_DATA_DIR)", env);
        return xstrdup(env);
    }
    char *self = exe_dir();
    if (!self) {
        log_warn("datadir", "cannot read /proc/self/exe: no data directory (set TICKER_DATA_DIR)");
        return NULL;
    }
    const char *installed =
        exe == DATADIR_EXE_DISPLAY ? TICKER_LIBEXEC_TO_DATA : TICKER_BIN_TO_DATA;
    static const char *const how[] = {"installed tree", "build tree"};
    const char *rel[] = {installed, BUILD_TREE_TO_DATA};
    for (size_t i = 0; i < ARRAY_LEN(rel); i++) {
        char *dir = existing_dir(self, rel[i]);
        if (dir) {
            log_debug("datadir", "data directory %s (%s, from %s)", dir, how[i], self);
            free(self);
            return dir;
        }
    }
    log_warn("datadir",
             "no data directory at %s/%s nor %s/%s: fonts come from fontconfig and there are "
             "no demo feeds (set TICKER_DATA_DIR)",
             self, installed, self, BUILD_TREE_TO_DATA);
    free(self);
    return NULL;
}

char *datadir_path(const char *dir, const char *rel)
{
    return dir ? xasprintf("%s/%s", dir, rel) : NULL;
}
