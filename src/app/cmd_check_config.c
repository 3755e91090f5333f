/*
 * `ticker check-config [FILE]`: validates the configuration (FILE, else the usual lookup) and
 * prints the effective configuration as JSON with every default filled in. Warnings go to
 * stderr and still exit 0; errors go to stderr and exit 2.
 */
#include "app/commands.h"
#include "core/util.h"
#include "io/config_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_check_config(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--config") && i + 1 < argc) {
            file = argv[++i];
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("usage: ticker check-config [FILE]\n");
            return 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "ticker check-config: unknown option '%s'\n", argv[i]);
            return 2;
        } else if (!file) {
            file = argv[i];
        } else {
            fprintf(stderr, "ticker check-config: one file at a time\n");
            return 2;
        }
    }
    char *used = NULL;
    struct config *c = config_file_load(file, TICKER_ASSETS_DIR, stderr, &used);
    if (!c)
        return 2;
    if (!used)
        fprintf(stderr, "ticker: no configuration file found; this is the built-in one\n");
    char *json = config_to_json(c);
    printf("%s\n", json);
    free(json);
    free(used);
    config_free(c);
    return 0;
}
