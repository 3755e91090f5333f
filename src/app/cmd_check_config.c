/*
 * `ticker check-config [FILE]`: validates the configuration (FILE, else the usual lookup) and
 * prints the effective configuration as JSON with every default filled in. Warnings go to
 * stderr and still exit 0; errors go to stderr and exit 2.
 *
 * The "display" object is the renderer's (core/theme.h): it is checked here with
 * theme_parse(), whose message names the key ("display.speed: ..."); that key is looked up in
 * the file for the line and column.
 */
#include "app/commands.h"
#include "app/datadir.h"
#include "app/options.h"
#include "core/config_locate.h"
#include "core/theme.h"
#include "core/util.h"
#include "io/config_file.h"
#include "io/file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "display.colors.band: expected ..." -> the position of that value in the file. */
static void display_error(const char *path, const char *msg)
{
    char err[512];
    size_t len = 0;
    char *text = path ? file_read_all(path, CONFIG_MAX_FILE_BYTES, &len, err, sizeof err) : NULL;
    struct config_path_seg segs[8];
    size_t n = 0;
    char *keys = xstrndup(msg, strcspn(msg, ": "));
    for (char *k = strtok(keys, "."); k && n < ARRAY_LEN(segs); k = strtok(NULL, "."))
        segs[n++] = (struct config_path_seg){.key = k};
    if (text) {
        int line, col;
        config_offset_to_line_col(text, len, config_locate(text, len, segs, n, false), &line, &col);
        fprintf(stderr, "ticker: %s: line %d, column %d: %s\n", path, line, col, msg);
    } else {
        fprintf(stderr, "ticker: %s: %s\n", path ? path : "built-in configuration", msg);
    }
    free(keys);
    free(text);
}

int cmd_check_config(int argc, char **argv)
{
    const char *file = NULL;
    const struct options_opt opts[] = {
        OPTIONS_STRING("config", "FILE", &file,
                       "The configuration file to check, as FILE (the usual lookup otherwise)."),
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
    char *data_dir = datadir_find(DATADIR_EXE_TICKER);
    struct config *c = config_file_load(file, data_dir, stderr, &used);
    free(data_dir);
    if (!c)
        return 2;
    struct theme theme;
    theme_default(&theme);
    char terr[256] = "";
    if (!theme_parse(&theme, c->display, terr, sizeof terr)) {
        display_error(used, terr);
        free(used);
        config_free(c);
        return 2;
    }
    if (!used)
        fprintf(stderr, "ticker: no configuration file found; this is the built-in one\n");
    char *json = config_to_json(c);
    printf("%s\n", json);
    free(json);
    free(used);
    config_free(c);
    return 0;
}
