/*
 * HDMI-CEC standby and power-on for the night schedule (docs/display.md, "Night schedule"),
 * with `"cec": true` in the "schedule" object. libcec is not a build or package dependency:
 * libcec.so.6 is loaded with dlopen the first time a switch is asked for, so a display without
 * it (or without a CEC adapter) logs one warning and goes on with DPMS and the blank picture.
 *
 * A CEC exchange can take seconds (opening the adapter, the TV's acknowledgements), so it runs
 * on a thread of its own: runcec_power returns at once. Requests are coalesced: while one is
 * sent, only the newest of those asked for after it is sent next.
 *
 * Thread: the runcec_* functions are called from the render thread only; the CEC thread
 * writes to the log.
 */
#ifndef TICKER_APP_DISPLAY_RUN_CEC_H
#define TICKER_APP_DISPLAY_RUN_CEC_H

#include <stdbool.h>

struct runcec;

/*
 * Starts the CEC thread (nothing is loaded or sent yet). NULL when no thread could be started,
 * with the reason logged; callers then do without CEC. The caller owns the result
 * (runcec_stop).
 */
struct runcec *runcec_start(void);

/* Asks for the TV to be switched on (power on, and this device as the active source) or to
 * standby. Never blocks for long: the thread sends it. c may be NULL (does nothing). */
void runcec_power(struct runcec *c, bool on);

/*
 * Stops the thread: waits for it up to about half a second (an exchange in progress is not
 * interrupted: libcec's own timeouts end it, and the thread then frees what it holds). c may
 * be NULL.
 */
void runcec_stop(struct runcec *c);

#endif
