/*
 * The configuration for a command that prints to a terminal: io/config_file.h's
 * config_file_read, with every warning and error written to stderr as "ticker: FILE: line L,
 * column C: message" (the library only returns them; the command decides where they go).
 * The wall display, which logs instead, reads the messages itself (app/display/cmd_run.c).
 *
 * Thread: main thread, at start-up.
 */
#ifndef TICKER_APP_CONFIG_CLI_H
#define TICKER_APP_CONFIG_CLI_H

#include "core/config.h"

/* As config_file_read (cli_path: --config, may be NULL; *used_path may be NULL), printing
 * its messages. NULL when the configuration cannot be used: the caller exits 2. */
struct config *config_cli_load(const char *cli_path, char **used_path);

/* Prints messages as "ticker: TEXT", one a line, on stderr. */
void config_cli_print(const struct config_diags *diags);

#endif
