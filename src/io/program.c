/* Finding Ticker's other programs (program.h). */
#include "io/program.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TICKER_BIN_TO_LIBEXEC
#define TICKER_BIN_TO_LIBEXEC "../libexec/ticker"
#endif

bool program_find(const char *env_var, const char *name, char *out, size_t cap)
{
    const char *env = env_var ? getenv(env_var) : NULL;
    if (env && *env)
        return (size_t)snprintf(out, cap, "%s", env) < cap;
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return false;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return false;
    *slash = '\0';
    const char *const dirs[] = {"", TICKER_BIN_TO_LIBEXEC "/"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        if ((size_t)snprintf(out, cap, "%s/%s%s", self, dirs[i], name) < cap &&
            access(out, X_OK) == 0)
            return true;
    return false;
}
