/*
 * Frame pacing: period estimate, frame advance and frame-time figures (pace.h).
 */
#include "core/pace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pace_init(struct pace *p, double nominal_hz)
{
    memset(p, 0, sizeof *p);
    if (!(nominal_hz >= 10 && nominal_hz <= 1000))
        nominal_hz = 60;
    p->nominal_us = 1e6 / nominal_hz;
    p->period_us = p->nominal_us;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void estimate(struct pace *p)
{
    if (p->n_ring < PACE_MIN_USE)
        return;
    int64_t sorted[PACE_WINDOW];
    memcpy(sorted, p->ring, p->n_ring * sizeof *sorted);
    qsort(sorted, p->n_ring, sizeof *sorted, cmp_i64);
    double m = (double)sorted[p->n_ring / 2];
    if (m < 1000) {
        /* Bursts under a millisecond: no refresh works like this (presents do not wait). */
        double sum = 0;
        for (size_t i = 0; i < p->n_ring; i++)
            sum += (double)p->ring[i];
        p->period_us = sum / (double)p->n_ring > 1 ? sum / (double)p->n_ring : 1;
        p->trusted = p->n_ring >= PACE_MIN_SAMPLE;
        p->steady = false;
        return;
    }
    double sum = 0;
    int64_t periods = 0;
    size_t regular = 0;
    for (size_t i = 0; i < p->n_ring; i++) {
        int64_t k = llround((double)p->ring[i] / m);
        if (k < 1)
            k = 1;
        if (k > PACE_MAX_GAP)
            continue;
        sum += (double)p->ring[i];
        periods += k;
        /* A whole number of periods, give or take the clock's millisecond and some jitter. */
        if (fabs((double)p->ring[i] - (double)k * m) <= 0.12 * m + 1000)
            regular++;
    }
    if (periods > 0 && sum > 0) {
        p->period_us = sum / (double)periods;
        p->trusted = p->n_ring >= PACE_MIN_SAMPLE;
        p->steady = p->trusted && regular * 10 >= p->n_ring * 9;
    }
}

int64_t pace_present(struct pace *p, int64_t t_us)
{
    int64_t adv = 1;
    if (p->have_last) {
        int64_t iv = t_us - p->last_us;
        if (iv < 0)
            iv = 0;
        p->ring[p->ring_at] = iv;
        p->ring_at = (p->ring_at + 1) % PACE_WINDOW;
        if (p->n_ring < PACE_WINDOW)
            p->n_ring++;
        estimate(p);
        adv = llround((double)iv / p->period_us);
        if (adv < 1)
            adv = 1;
        if (adv > PACE_MAX_GAP)
            adv = 1;
        int64_t ms = iv / 1000;
        p->hist[ms < PACE_HIST_MS ? ms : PACE_HIST_MS]++;
        p->hist_n++;
    } else if (p->frames == 0 && p->stats_since_us == 0) {
        p->stats_since_us = t_us;
    }
    p->have_last = true;
    p->last_us = t_us;
    p->frames++;
    p->periods += (uint64_t)adv;
    p->dropped += (uint64_t)(adv - 1);
    p->total_frames++;
    p->total_dropped += (uint64_t)(adv - 1);
    return adv;
}

double pace_period_us(const struct pace *p)
{
    return p->period_us;
}

bool pace_trusted(const struct pace *p)
{
    return p->trusted;
}

bool pace_steady(const struct pace *p)
{
    return p->steady;
}

bool pace_vsync_broken(struct pace *p)
{
    /* Latched: once presents are seen not to wait, the caller's sleeps make the intervals
     * look right, which must not switch the sleeps off again. */
    if (!p->no_vsync && p->trusted && p->period_us < 0.75 * p->nominal_us)
        p->no_vsync = true;
    return p->no_vsync;
}

int64_t pace_throttle_us(struct pace *p, int64_t now_us)
{
    if (!pace_vsync_broken(p) || !p->have_last)
        return 0;
    /* A steady cadence of nominal periods (not a period after each present, which would add
     * every frame's own time to it), picked up again after a stall. */
    if (p->due_us == 0 || p->last_us - p->due_us > (int64_t)p->nominal_us)
        p->due_us = p->last_us;
    p->due_us += (int64_t)p->nominal_us;
    return p->due_us > now_us ? p->due_us - now_us : 0;
}

void pace_reset_last(struct pace *p)
{
    p->have_last = false;
}

double pace_hist_quantile(const uint32_t *hist, size_t n_buckets, uint32_t n, double q)
{
    if (n == 0 || n_buckets == 0)
        return 0;
    double need = q * (double)n;
    uint64_t acc = 0;
    for (size_t i = 0; i < n_buckets; i++) {
        acc += hist[i];
        if ((double)acc >= need && acc > 0)
            return (double)(i + 1);
    }
    return (double)n_buckets;
}

void pace_take_stats(struct pace *p, int64_t now_us, struct pace_stats *out)
{
    double secs = (double)(now_us - p->stats_since_us) / 1e6;
    *out = (struct pace_stats){
        /* A rate over less than a few frames' time says nothing. */
        .fps = secs >= 0.25 ? (double)p->frames / secs : 0,
        .p99_ms = pace_hist_quantile(p->hist, PACE_HIST_MS + 1, p->hist_n, 0.99),
        .frames = p->frames,
        .dropped = p->dropped,
        .total_frames = p->total_frames,
        .total_dropped = p->total_dropped,
    };
    p->frames = p->periods = p->dropped = 0;
    memset(p->hist, 0, sizeof p->hist);
    p->hist_n = 0;
    p->stats_since_us = now_us;
}
