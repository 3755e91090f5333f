/*
 * `ticker`: the kiosk news ticker. main() only dispatches to a subcommand; each subcommand
 * lives in its own cmd_*.c file.
 */
#include "app/commands.h"

#include "core/feed.h"

#include <stdio.h>
#include <string.h>

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
    {"render", cmd_render,
     "render --out DIR [--frames N|--seconds S] [--fps 60] [--size WxH] [--feed FILE ...|"
     "--cache FILE] [--config FILE] [--now TIME] [--every K] [--contact-sheet FILE] [--no-png]"
     "   frames -> PNG"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: ticker COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %s\n", commands[i].usage);
    fprintf(out, "  version\n");
}

int main(int argc, char **argv)
{
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
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ticker: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
