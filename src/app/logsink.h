/*
 * Where the program's log messages go (core/log.h): chosen once in main() from what stderr is.
 *
 * - stderr is the journal (systemd sets JOURNAL_STREAM to stderr's device:inode): each line
 *   starts with journald's priority prefix ("<3>" error, "<4>" warning, "<6>" info, "<7>"
 *   debug), so `journalctl -p err -u ticker` filters by level.
 * - stderr is a terminal: local time, level and module ("14:32:05 warning store: ...").
 * - anything else (a pipe, a file, a test): "ticker: module: message", warnings marked.
 *
 * TICKER_LOG_LEVEL=debug|info|warning|error changes how much is written (default info).
 */
#ifndef TICKER_APP_LOGSINK_H
#define TICKER_APP_LOGSINK_H

/* Installs the sink. main() only, before any thread starts. */
void logsink_install(void);

#endif
