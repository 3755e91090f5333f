/*
 * Finding and reading the configuration file (the I/O around core/config.h).
 *
 * Lookup order: the --config FILE given on the command line, then $TICKER_CONFIG, then
 * $XDG_CONFIG_HOME/ticker/config.json (or ~/.config/ticker/config.json), then
 * /etc/ticker/config.json; when none exists, the built-in configuration (the bundled demo
 * feeds in ASSETS_DIR/demo plus a few public news feeds).
 *
 * Thread: call at start-up, before threads start (reads the environment).
 */
#ifndef TICKER_IO_CONFIG_FILE_H
#define TICKER_IO_CONFIG_FILE_H

#include "core/config.h"
#include "io/store.h"

#include <stdio.h>

/*
 * The configuration file to use: `cli_path` when given (even when it does not exist, so the
 * error names it), else the first existing file of the lookup order. Returns a new string
 * (free()), or NULL when the built-in configuration applies.
 */
char *config_file_find(const char *cli_path);

/* The system-wide file of the lookup order. */
#define CONFIG_FILE_SYSTEM_PATH "/etc/ticker/config.json"

/* config_file_find with another system-wide file than CONFIG_FILE_SYSTEM_PATH (for tests,
 * which cannot write /etc). Same result rules. */
char *config_file_find_in(const char *cli_path, const char *system_path);

/*
 * The built-in configuration for `assets_dir` (its demo/ feeds, sorted by name).
 * New config (config_free).
 */
struct config *config_file_builtin(const char *assets_dir);

/*
 * Finds, reads and parses the configuration, and expands "~" in the paths it names (the
 * cache, the display's fonts). Every warning and error is appended to `diags` (the caller
 * prints them: "ticker: " + diags->v[i].text). `*used_path` (may be NULL) receives the file
 * read (free(); NULL for the built-in). Returns NULL when the file cannot be read or has
 * errors. Prints nothing (app/config_cli.h prints for the terminal commands).
 */
struct config *config_file_read(const char *cli_path, const char *assets_dir,
                                struct config_diags *diags, char **used_path);

/*
 * A path with its leading "~" expanded as a shell does: "~" and "~/x" are the home folder
 * ($HOME, else the user's entry in the password database, as for a service without $HOME),
 * "~user/x" is that user's. Anything else is copied. Returns a new string (free()), or NULL
 * with the reason in err (may be NULL) when the user does not exist. Reads the environment
 * and the password database: start-up only.
 */
char *config_file_expand_home(const char *path, struct error *err);

/*
 * The cache file to use: `override` when given, else cfg->cache_path, else
 * $XDG_CACHE_HOME/ticker/cache.db (or ~/.cache/ticker/cache.db). A leading "~" or "~user" is
 * expanded (config_file_expand_home). New string (free()).
 */
char *config_file_cache_path(const struct config *cfg, const char *override);

/*
 * The retention of a configuration as the store takes it. out->feeds points at *limits, a new
 * array (free() it) whose urls point into `cfg`: keep cfg alive while using it.
 */
void config_file_retention(const struct config *cfg, struct store_retention *out,
                           struct store_feed_limit **limits);

#endif
