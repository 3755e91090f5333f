/*
 * The commands of `ticker-display` (app/display/main.c): those that draw. Same conventions as
 * app/commands.h: argv[0] is the command name; the result is the exit status.
 */
#ifndef TICKER_APP_DISPLAY_COMMANDS_H
#define TICKER_APP_DISPLAY_COMMANDS_H

int cmd_render(int argc, char **argv);
int cmd_run(int argc, char **argv);

#endif
