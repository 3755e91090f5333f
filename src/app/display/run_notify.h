/*
 * systemd notifications (sd_notify(3), docs/display.md "Running under systemd"):
 *
 *   READY=1     once, after the first frame is on screen (Type=notify waits for it);
 *   WATCHDOG=1  every half of WATCHDOG_USEC, but only while the display is healthy: frames
 *               were presented since the last ping (or the night schedule has the screen off
 *               and the loop is alive) and the fetch worker's heartbeat grew. A stuck page flip
 *               or a dead worker stops the pings and systemd restarts the service;
 *   STATUS=...  one line for `systemctl status`, sent when it changes;
 *   RELOADING=1 / READY=1 around a configuration reload, STOPPING=1 at the end.
 *
 * Without NOTIFY_SOCKET (not under systemd) or when built without libsystemd, nothing is sent.
 *
 * Thread: the render thread.
 */
#ifndef TICKER_APP_DISPLAY_RUN_NOTIFY_H
#define TICKER_APP_DISPLAY_RUN_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

struct runnotify {
    bool ready;
    int64_t interval_ms; /* between pings; 0: no watchdog */
    int64_t last_ping_ms;
    char status[200];
};

/* Reads the watchdog interval from the environment (WATCHDOG_USEC, WATCHDOG_PID). */
void runnotify_init(struct runnotify *n);

/* READY=1 with a first STATUS line. */
void runnotify_ready(struct runnotify *n, const char *status);

/* Pings the watchdog when one is due and `healthy` (the caller's judgement, see above).
 * Returns true when a ping was sent. */
bool runnotify_watchdog(struct runnotify *n, int64_t now_ms, bool healthy);

/* STATUS=line, when it differs from the last one sent. */
void runnotify_status(struct runnotify *n, const char *line);

void runnotify_reloading(struct runnotify *n);
void runnotify_reloaded(struct runnotify *n);
void runnotify_stopping(struct runnotify *n);

#endif
