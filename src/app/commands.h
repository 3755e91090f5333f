/*
 * The `ticker` subcommands. Each takes the arguments after its own name (argv[0] is the
 * subcommand) and returns the process exit status: 0 success, 1 the work failed, 2 bad input
 * or usage. Each lives in src/app/cmd_<name>.c.
 */
#ifndef TICKER_APP_COMMANDS_H
#define TICKER_APP_COMMANDS_H

int cmd_parse(int argc, char **argv);
int cmd_check_config(int argc, char **argv);
int cmd_cache(int argc, char **argv);
int cmd_summarize(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* `render` and `run` draw: they run in ticker-display (app/display/), which main.c execs. */

#endif
