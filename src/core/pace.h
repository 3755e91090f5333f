/*
 * Frame pacing on a vsynced display (docs/display.md "Motion"): from the
 * times at which frames were presented, how many refresh periods each present advanced (a
 * missed vsync advances by the periods that elapsed), an estimate of the refresh period itself
 * (50 Hz televisions are common; a display mode's nominal rate can be wrong), and the figures
 * the status file reports: frames per second, the 99th-percentile frame time, dropped frames.
 *
 * The estimate: over the last PACE_WINDOW intervals, the median interval m; each interval
 * counts as round(interval / m) periods (at least 1); the period is the sum of the intervals
 * over the sum of the periods, leaving out stalls of more than PACE_MAX_GAP periods (a window
 * being dragged, a night off). With millisecond timestamps the median alone would be 16 or 17
 * at 60 Hz; the sum over a window gives 16.67.
 *
 * Pure: times are arguments (microseconds of a monotonic clock). Not thread-safe: one owner
 * (the render thread).
 */
#ifndef TICKER_CORE_PACE_H
#define TICKER_CORE_PACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PACE_WINDOW     120 /* intervals the period estimate looks at */
#define PACE_MIN_USE    8   /* intervals before the estimate replaces the nominal period */
#define PACE_MIN_SAMPLE 30  /* intervals before the estimate is trusted (reported, acted on) */
#define PACE_MAX_GAP    8   /* longer intervals are stalls, not missed vsyncs */
#define PACE_HIST_MS    250 /* frame-time histogram: 1 ms buckets up to this, then one more */

struct pace {
    double nominal_us; /* the period assumed until the estimate is trusted */
    double period_us;  /* the current estimate (nominal until trusted) */
    bool trusted;
    bool steady;
    bool no_vsync;  /* latched by pace_vsync_broken */
    int64_t due_us; /* pace_throttle_us: when the next present is due */
    bool have_last;
    int64_t last_us;
    int64_t ring[PACE_WINDOW]; /* the last intervals, microseconds */
    size_t n_ring, ring_at;
    /* Since pace_take_stats last ran. */
    uint64_t frames, periods, dropped;
    int64_t stats_since_us;
    uint32_t hist[PACE_HIST_MS + 1];
    uint32_t hist_n;
    /* Since the start. */
    uint64_t total_frames, total_dropped;
};

/* nominal_hz: the display mode's refresh rate (<= 0 or absurd: 60). */
void pace_init(struct pace *p, double nominal_hz);

/*
 * Records a frame presented at t_us. Returns the refresh periods since the previous present
 * (>= 1; 1 for the first), which is how far the crawl advances: a missed vsync advances by the
 * periods that elapsed, a stall (over PACE_MAX_GAP periods) by 1 so that a paused or sleeping
 * display resumes where it was.
 */
int64_t pace_present(struct pace *p, int64_t t_us);

/* The refresh period in microseconds (the estimate once trusted, else the nominal one). */
double pace_period_us(const struct pace *p);

/* True once PACE_MIN_SAMPLE intervals have been seen. */
bool pace_trusted(const struct pace *p);

/*
 * True when the estimate is trusted and at least 90% of the window's intervals are a whole
 * number of periods (within 12% of a period plus a millisecond): presents follow a real
 * refresh, not the speed of a busy machine (a software GL under load). Only a steady estimate
 * should change the crawl's step.
 */
bool pace_steady(const struct pace *p);

/*
 * True when presents come back much faster than the display's nominal rate (the trusted
 * estimate under three quarters of the nominal period): presenting does not wait for vsync
 * (SDL's dummy driver, a lost connector), and the caller must pace itself rather than spin.
 * Once true it stays true.
 */
bool pace_vsync_broken(struct pace *p);

/* With vsync broken: how long to sleep at now_us so that presents keep a cadence of one per
 * nominal period (call once per frame, after pace_present); 0 otherwise. */
int64_t pace_throttle_us(struct pace *p, int64_t now_us);

/* Forgets the last present time (after a pause in presenting: night, a blanked screen), so the
 * next present counts as one period. */
void pace_reset_last(struct pace *p);

struct pace_stats {
    double fps;       /* presented frames per second over the period */
    double p99_ms;    /* 99th-percentile interval between presents, milliseconds */
    uint64_t frames;  /* presented in the period */
    uint64_t dropped; /* refresh periods missed in the period */
    uint64_t total_frames, total_dropped;
};

/* The figures since the previous call (or pace_init) at now_us, then starts a new period. */
void pace_take_stats(struct pace *p, int64_t now_us, struct pace_stats *out);

/* The q-th quantile (0..1) of a 1 ms histogram hist[0..n_buckets) holding n samples, in ms:
 * the smallest bucket by which at least q of the samples are counted. 0 when empty. */
double pace_hist_quantile(const uint32_t *hist, size_t n_buckets, uint32_t n, double q);

#endif
