/*
 * `ticker check-config [FILE]`: validates the configuration (FILE, else the usual lookup) and
 * prints the effective configuration as JSON with every default filled in. Warnings go to
 * stderr and still exit 0; errors go to stderr and exit 2. Beyond the file's own rules it
 * checks what would fail later on this machine (io/config_check.h): feed URLs through
 * libcurl, the display's fonts, the cache path.
 *
 * The "display" object is the renderer's (core/theme.h); the configuration's parser checks it
 * with the renderer's own theme_parse, and the printout has its defaults filled in too.
 */
#include "app/commands.h"
#include "app/config_cli.h"
#include "app/datadir.h"
#include "app/options.h"
#include "io/config_check.h"
#include "io/config_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_check_config(int argc, char **argv)
{
    const char *file = NULL;
    bool show_secrets = false;
    const struct options_opt opts[] = {
        OPTIONS_STRING("config", "FILE", &file,
                       "The configuration file to check, as FILE (the usual lookup otherwise)."),
        OPTIONS_FLAG("show-secrets", &show_secrets,
                     "Prints feed URLs' credentials and the extra headers' values as they are "
                     "(hidden as *** otherwise)."),
        OPTIONS_TABLE_END,
    };
    const struct options_spec spec = {
        .command = "check-config",
        .about = "Validates the configuration and prints it as JSON with every default filled "
                 "in; warnings go to standard error and still exit 0, errors exit 2.",
        .args = "[FILE]",
        .args_help = "The configuration file; without it: $TICKER_CONFIG, "
                     "$XDG_CONFIG_HOME/ticker/config.json (or ~/.config/ticker/config.json), "
                     "/etc/ticker/config.json, else the built-in configuration.",
        .max_args = 1,
        .opts = opts,
    };
    int n_args, rc = options_parse(&spec, argc, argv, &n_args);
    if (rc != OPTIONS_CONTINUE)
        return rc;
    if (n_args == 1) {
        if (file)
            return options_error(&spec, "FILE and --config: one file at a time");
        file = argv[1];
    }
    char *used = NULL;
    struct config_diags diags = {0};
    char *data_dir = datadir_find(DATADIR_EXE_TICKER);
    struct config *c = config_file_read(file, data_dir, &diags, &used);
    free(data_dir);
    if (c) {
        /* What only the machine can say: URLs, fonts, the cache path. */
        char *cache = config_file_cache_path(c, NULL);
        config_check(c, used, cache, &diags);
        free(cache);
    }
    config_cli_print(&diags);
    int status = !c || diags.n_errors ? 2 : 0;
    config_diags_free(&diags);
    if (status == 0) {
        if (!used)
            fprintf(stderr, "ticker: no configuration file found; this is the built-in one\n");
        char *json = config_to_json(c, !show_secrets);
        printf("%s\n", json);
        free(json);
    }
    free(used);
    config_free(c);
    return status;
}
