/* sd_notify wrappers (run_notify.h). */
#include "app/display/run_notify.h"

#include "core/log.h"

#include <stdio.h>
#include <string.h>

#ifdef TICKER_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

static void notify_send(const char *msg)
{
#ifdef TICKER_HAVE_SYSTEMD
    int rc = sd_notify(0, msg);
    if (rc < 0)
        log_debug("run", "sd_notify(%s) failed: %d", msg, rc);
#else
    (void)msg;
#endif
}

void runnotify_init(struct runnotify *n)
{
    memset(n, 0, sizeof *n);
#ifdef TICKER_HAVE_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        n->interval_ms = (int64_t)(usec / 2000);
        if (n->interval_ms < 1)
            n->interval_ms = 1;
        log_info("run", "systemd watchdog: %lld ms, pinging every %lld ms while healthy",
                 (long long)(usec / 1000), (long long)n->interval_ms);
    }
#endif
}

void runnotify_ready(struct runnotify *n, const char *status)
{
    if (n->ready)
        return;
    char msg[256];
    snprintf(msg, sizeof msg, "READY=1\nSTATUS=%s", status);
    notify_send(msg);
    snprintf(n->status, sizeof n->status, "%s", status);
    n->ready = true;
}

bool runnotify_watchdog(struct runnotify *n, int64_t now_ms, bool healthy)
{
    if (!n->interval_ms || !healthy || now_ms - n->last_ping_ms < n->interval_ms)
        return false;
    notify_send("WATCHDOG=1");
    n->last_ping_ms = now_ms;
    return true;
}

void runnotify_status(struct runnotify *n, const char *line)
{
    if (!strcmp(n->status, line))
        return;
    snprintf(n->status, sizeof n->status, "%s", line);
    char msg[256];
    snprintf(msg, sizeof msg, "STATUS=%s", line);
    notify_send(msg);
}

void runnotify_reloading(struct runnotify *n)
{
    (void)n;
    notify_send("RELOADING=1");
}

void runnotify_reloaded(struct runnotify *n)
{
    (void)n;
    notify_send("READY=1");
}

void runnotify_stopping(struct runnotify *n)
{
    (void)n;
    notify_send("STOPPING=1");
}
