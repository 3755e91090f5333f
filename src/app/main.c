/*
 * `ticker`: the kiosk news ticker. main() only dispatches to a subcommand; each subcommand
 * lives in its own cmd_*.c file. The commands that draw live in a second executable,
 * ticker-display (app/display/main.c), which this one execs: a command that draws nothing
 * never loads SDL.
 */
#include "app/commands.h"
#include "app/logsink.h"

#include "core/feed.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
};

static const struct command commands[] = {
    {"parse", cmd_parse,
     "parse FILE|- [--url URL] [--content-type TYPE] [--max-bytes N] [--max-items N]   "
     "feed -> JSON items"},
    {"check-config", cmd_check_config,
     "check-config [FILE]   validate, print the effective configuration"},
    {"cache", cmd_cache,
     "cache list|stats|export|import [--config FILE] [--cache FILE]   look into the cache"},
    {"summarize", cmd_summarize,
     "summarize FILE|- [--html|--fragment] [--title T] [--lang L] [--max-chars N] "
     "[--sentences K] [--explain]   text/page -> JSON summary"},
    {"fetch", cmd_fetch, "fetch [--config FILE] [--cache FILE]   one fetch cycle into the cache"},
    {"render", NULL,
     "render --out DIR [--frames N|--seconds S] [--fps 60] [--size WxH] [--feed FILE ...|"
     "--cache FILE] [--config FILE] [--now TIME] [--every K] [--contact-sheet FILE] [--no-png]"
     "   frames -> PNG"},
};

/* bin/ to libexec/ticker/ as GNUInstallDirs laid them out (CMake computes it at configure time). */
#ifndef TICKER_BIN_TO_LIBEXEC
#define TICKER_BIN_TO_LIBEXEC "../libexec/ticker"
#endif

/* Where ticker-display is: $TICKER_DISPLAY_BIN, else beside this executable (a build tree),
 * else TICKER_BIN_TO_LIBEXEC from it (an installed tree). Writes the path into out. */
static bool find_display_bin(char *out, size_t cap)
{
    const char *env = getenv("TICKER_DISPLAY_BIN");
    if (env && *env) {
        snprintf(out, cap, "%s", env);
        return true;
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return false;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return false;
    *slash = '\0';
    static const char *const rel[] = {"ticker-display", TICKER_BIN_TO_LIBEXEC "/ticker-display"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        if ((size_t)snprintf(out, cap, "%s/%s", self, rel[i]) < cap && access(out, X_OK) == 0)
            return true;
    }
    return false;
}

/* Runs a drawing command in ticker-display (same arguments, same process). Returns only on
 * failure. */
static int exec_display(char **argv)
{
    char bin[PATH_MAX];
    if (!find_display_bin(bin, sizeof bin)) {
        fprintf(stderr,
                "ticker: '%s' draws and needs ticker-display, which is not installed beside "
                "ticker (nor in %s/); set TICKER_DISPLAY_BIN to its path\n",
                argv[1], TICKER_BIN_TO_LIBEXEC);
        return 2;
    }
    argv[0] = bin;
    execv(bin, argv);
    fprintf(stderr, "ticker: cannot run %s: %s\n", bin, strerror(errno));
    return 2;
}

static void usage(FILE *out)
{
    fprintf(out, "usage: ticker COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %s\n", commands[i].usage);
    fprintf(out, "  version\n");
}

int main(int argc, char **argv)
{
    logsink_install();
    feed_init();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("ticker %s\n", TICKER_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run ? commands[i].run(argc - 1, argv + 1) : exec_display(argv);
    fprintf(stderr, "ticker: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
