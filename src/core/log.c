/*
 * The log sink. A message is formatted into a bounded buffer on the caller's stack (long
 * messages are cut, never allocated), made printable, then handed to the sink.
 */
#include "core/log.h"

#include "core/util.h"

#include <stdio.h>

/* Written once by main() before threads start (log.h); read-only afterwards. */
static log_sink_fn *log_sink;
static void *log_sink_ctx;
static enum log_level log_max_level = LOG_LEVEL_INFO;

const char *log_level_str(enum log_level level)
{
    switch (level) {
    case LOG_LEVEL_ERROR:
        return "error";
    case LOG_LEVEL_WARN:
        return "warning";
    case LOG_LEVEL_INFO:
        return "info";
    case LOG_LEVEL_DEBUG:
        return "debug";
    }
    return "?";
}

void log_set_sink(log_sink_fn *sink, void *ctx, enum log_level max_level)
{
    log_sink = sink;
    log_sink_ctx = ctx;
    log_max_level = max_level;
}

void log_vmsg(enum log_level level, const char *module, const char *fmt, va_list ap)
{
    if (level > log_max_level)
        return;
    char raw[1024], msg[1024];
    vsnprintf(raw, sizeof raw, fmt, ap);
    str_printable(msg, sizeof msg, raw);
    if (log_sink) {
        log_sink(log_sink_ctx, level, module, msg);
        return;
    }
    /* No sink installed (a library test, a tool): one line to stderr in one call, so lines
     * from two threads never interleave. */
    fprintf(stderr, "ticker: %s%s: %s\n", level == LOG_LEVEL_WARN ? "warning: " : "", module, msg);
}

void log_msg(enum log_level level, const char *module, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, module, fmt, ap);
    va_end(ap);
}
