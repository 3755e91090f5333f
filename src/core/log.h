/*
 * The one log sink (docs/architecture.md, "Errors and logs").
 *
 * Library code (io, render) reports what happens in the background - a cache moved aside, a
 * worker that could not start, a feed that stopped - through log_msg with a level and the name
 * of its module, never with fprintf. The application decides where messages go by installing a
 * sink once, in main() before any thread starts: a terminal with local time stamps, journald's
 * "<N>" priority prefixes under systemd, or a test's buffer. Without a sink, messages go to
 * stderr as "ticker: module: message".
 *
 * Every message is made printable before it reaches the sink (str_printable in core/util.h):
 * text from the network (a Location header, a feed title) cannot put escape sequences on an
 * operator's terminal or forge log lines.
 *
 * The sink is the program's one piece of process-wide mutable state: it is written once, before
 * threads exist, and only read afterwards. log_msg may be called from any thread; the sink must
 * be thread-safe.
 */
#ifndef TICKER_CORE_LOG_H
#define TICKER_CORE_LOG_H

#include <stdarg.h>

/* Not LOG_ERR / LOG_INFO: those are <syslog.h> macros, which sd-daemon pulls in. */
enum log_level {
    LOG_LEVEL_ERROR, /* something failed and was given up: a worker, a save */
    LOG_LEVEL_WARN,  /* something failed and was worked around: a file moved aside */
    LOG_LEVEL_INFO,  /* a state change an operator wants to see: reloaded, display off */
    LOG_LEVEL_DEBUG, /* detail for developers; dropped unless the sink asks for it */
};

/* "error", "warning", "info", "debug" */
const char *log_level_str(enum log_level level);

/* A sink receives one printable message (no newline) at a time, from any thread. */
typedef void log_sink_fn(void *ctx, enum log_level level, const char *module, const char *msg);

/* Installs the sink and the most detailed level it wants (messages above it are dropped before
 * they are formatted). main() only, before any thread starts. sink NULL restores stderr. */
void log_set_sink(log_sink_fn *sink, void *ctx, enum log_level max_level);

/* Logs one message. module names the reporting module ("store", "fetch", "run"). */
void log_msg(enum log_level level, const char *module, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void log_vmsg(enum log_level level, const char *module, const char *fmt, va_list ap);

#define log_error(module, ...) log_msg(LOG_LEVEL_ERROR, module, __VA_ARGS__)
#define log_warn(module, ...)  log_msg(LOG_LEVEL_WARN, module, __VA_ARGS__)
#define log_info(module, ...)  log_msg(LOG_LEVEL_INFO, module, __VA_ARGS__)
#define log_debug(module, ...) log_msg(LOG_LEVEL_DEBUG, module, __VA_ARGS__)

#endif
