/*
 * `ticker`: the kiosk news ticker. main() only dispatches to a subcommand; each subcommand
 * lives in its own cmd_*.c file. The commands that draw live in a second executable,
 * ticker-display (app/display/main.c), which this one execs: a command that draws nothing
 * never loads SDL.
 */
#include "app/commands.h"
#include "app/logsink.h"

#include "core/feed.h"
#include "core/util.h"
#include "io/program.h"

#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct command {
    const char *name;
    int (*run)(int argc, char **argv); /* NULL: runs in ticker-display */
    const char *about;                 /* one sentence for `ticker --help` */
};

static const struct command commands[] = {
    {"fetch", cmd_fetch, "Fetches every feed once into the cache."},
    {"check-config", cmd_check_config,
     "Validates the configuration and prints it with the defaults filled in."},
    {"run", NULL, "Runs the wall display: the ticker full screen, or in a window on a desktop."},
    {"status", cmd_status, "Prints the wall display's status; --check for monitoring."},
    {"cache", cmd_cache, "Lists, exports and imports the cached news."},
    {"render", NULL, "Draws frames of the ticker to PNG files, without a display."},
    {"parse", cmd_parse, "Converts one feed document to JSON."},
    {"summarize", cmd_summarize, "Summarises a text or an article page."},
};

/* bin/ to libexec/ticker/ as GNUInstallDirs laid them out (CMake computes it at configure time). */
#ifndef TICKER_BIN_TO_LIBEXEC
#define TICKER_BIN_TO_LIBEXEC "../libexec/ticker"
#endif

/* Where ticker-display is: $TICKER_DISPLAY_BIN, else beside this executable (a build tree),
 * else in the installed libexec folder (io/program.h). Writes the path into out. */
static bool find_display_bin(char *out, size_t cap)
{
    return program_find("TICKER_DISPLAY_BIN", "ticker-display", out, cap);
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
    fprintf(out, "usage: ticker COMMAND [ARGUMENTS] [OPTIONS]\n"
                 "       ticker COMMAND --help\n\n"
                 "A news ticker for wall displays. Each command explains its options with "
                 "--help.\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-16s%s\n", commands[i].name, commands[i].about);
    fprintf(out, "  %-16s%s\n", "help [COMMAND]", "Prints this help, or the command's.");
    fprintf(out, "  %-16s%s\n", "version", "Prints the version.");
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return &commands[i];
    return NULL;
}

static int run_command(const struct command *c, int argc, char **argv)
{
    return c->run ? c->run(argc - 1, argv + 1) : exec_display(argv);
}

int main(int argc, char **argv)
{
    logsink_install();
    feed_init();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        (!strcmp(argv[1], "help") && argc == 2)) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
        printf("ticker %s\n", TICKER_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "help")) {
        /* `ticker help cache list` is `ticker cache list --help`. */
        const struct command *c = find_command(argv[2]);
        if (c) {
            char help[] = "--help";
            char **args = xcalloc((size_t)argc + 1, sizeof *args);
            args[0] = argv[0];
            for (int i = 2; i < argc; i++)
                args[i - 1] = argv[i];
            args[argc - 1] = help;
            int rc = run_command(c, argc, args);
            free(args);
            return rc;
        }
        argv[1] = argv[2];
    }
    const struct command *c = find_command(argv[1]);
    if (c)
        return run_command(c, argc, argv);
    char *shown = xstrprintable(argv[1]);
    fprintf(stderr, "ticker: unknown command '%s'\n", shown);
    free(shown);
    usage(stderr);
    return 2;
}
