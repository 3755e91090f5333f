/*
 * `ticker-display`: the commands that draw (`render`, and the wall display). They live in their
 * own executable so that the commands that draw nothing (parse, fetch, summarize, cache ...)
 * do not load SDL, X11, Wayland and audio libraries at every start: `ticker` starts in about a
 * millisecond and hands these commands over with exec (app/main.c), the same arguments and
 * the same process.
 *
 * Run directly it takes the same command line as `ticker`: `ticker-display render --out DIR`.
 */
#include "app/display/commands.h"
#include "app/logsink.h"

#include "core/feed.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} display_commands[] = {
    {"render", cmd_render},
    {"run", cmd_run},
};

int main(int argc, char **argv)
{
    logsink_install();
    feed_init();
    if (argc >= 2)
        for (size_t i = 0; i < sizeof display_commands / sizeof display_commands[0]; i++)
            if (!strcmp(argv[1], display_commands[i].name))
                return display_commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ticker-display: unknown command '%s' (try `ticker --help`)\n",
            argc >= 2 ? argv[1] : "");
    return 2;
}
