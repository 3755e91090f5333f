/* Frame pacing: the refresh period measured from present times with millisecond jitter, the
 * frames a missed vsync advances, stalls, dropped-frame counts and the percentile figures. */
#include "check.h"
#include "core/pace.h"

#include <math.h>
#include <stdlib.h>

/* Presents at a true rate of hz for n frames, with timestamps truncated to whole
 * milliseconds (the clock's resolution) and every `miss`th frame missing one vsync. */
static void run(struct pace *p, double hz, int n, int miss, int64_t *advanced)
{
    double t = 1000.0;
    *advanced = 0;
    for (int i = 0; i < n; i++) {
        int k = (miss && i > 0 && i % miss == 0) ? 2 : 1;
        t += k * 1e6 / hz;
        int64_t us = (int64_t)(t / 1000.0) * 1000; /* ms resolution */
        *advanced += pace_present(p, us);
    }
}

static void test_estimates(void)
{
    static const struct {
        double nominal, real;
        int miss; /* every miss-th frame misses a vsync (0: none) */
    } cases[] = {
        {60, 60, 0},    {60, 50, 0}, /* a 50 Hz television announced as 60 */
        {60, 59.94, 0}, {0, 75, 0},  /* no nominal rate */
        {60, 60, 10},   {50, 50, 7}, {60, 144, 0}, {60, 30, 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct pace p;
        pace_init(&p, cases[i].nominal);
        int64_t adv;
        run(&p, cases[i].real, 600, cases[i].miss, &adv);
        double hz = 1e6 / pace_period_us(&p);
        CHECK_MSG(pace_trusted(&p), "case %zu", i);
        CHECK_MSG(fabs(hz - cases[i].real) < cases[i].real * 0.005, "case %zu: %.3f Hz, want %.3f",
                  i, hz, cases[i].real);
        /* The crawl advanced by the periods that elapsed: 600 frames plus the missed ones. */
        int64_t missed = cases[i].miss ? (600 - 1) / cases[i].miss : 0;
        /* The first PACE_MIN_USE frames count against the nominal period; from a wrong
         * nominal rate they may round either way. */
        CHECK_MSG(llabs(adv - (600 + missed)) <= PACE_MIN_USE, "case %zu: advanced %lld, want %lld",
                  i, (long long)adv, (long long)(600 + missed));
        /* Much faster than the nominal rate (unknown counts as 60 Hz) is a driver whose
         * presents do not wait. */
        double nominal = cases[i].nominal > 0 ? cases[i].nominal : 60;
        CHECK_MSG(pace_vsync_broken(&p) == (cases[i].real > nominal / 0.75), "case %zu", i);
        CHECK_MSG(pace_steady(&p), "case %zu", i);
        struct pace_stats st;
        pace_take_stats(
            &p, (int64_t)(1000.0 + 601 * 1e6 / cases[i].real * (cases[i].miss ? 1.2 : 1)), &st);
        CHECK_INT(st.frames, 600);
        CHECK_INT(st.total_frames, 600);
        CHECK_MSG(llabs((long long)st.dropped - missed) <= PACE_MIN_USE, "case %zu: dropped %llu",
                  i, (unsigned long long)st.dropped);
    }
}

static void test_stall_and_reset(void)
{
    struct pace p;
    pace_init(&p, 60);
    int64_t t = 0;
    for (int i = 0; i < 100; i++)
        pace_present(&p, t += 16667);
    /* A stall of two seconds (a window dragged): the crawl goes on by one frame, not 120. */
    CHECK_INT(pace_present(&p, t += 2000000), 1);
    /* Three periods: two missed vsyncs. */
    CHECK_INT(pace_present(&p, t += 3 * 16667), 3);
    /* After a reset (the night is over), the next present counts as one. */
    pace_reset_last(&p);
    CHECK_INT(pace_present(&p, t += 50000000), 1);
    CHECK_INT(pace_present(&p, t += 16667), 1);
}

/* A busy machine whose frames take 16 to 35 ms at random is not a display refresh. */
static void test_unsteady(void)
{
    struct pace p;
    pace_init(&p, 60);
    int64_t t = 0;
    uint32_t r = 12345;
    for (int i = 0; i < 300; i++) {
        r = r * 1103515245u + 12345u;
        t += 16000 + (int64_t)((r >> 8) % 19) * 1000;
        pace_present(&p, t);
    }
    CHECK(pace_trusted(&p));
    CHECK(!pace_steady(&p));
}

static void test_no_vsync(void)
{
    struct pace p;
    pace_init(&p, 60);
    int64_t t = 0;
    for (int i = 0; i < 200; i++) {
        pace_present(&p, t += 5000); /* 200 "frames" a second: presents do not block */
        if (i < PACE_MIN_SAMPLE - 1)
            CHECK(!pace_vsync_broken(&p)); /* not before the estimate is trusted */
    }
    CHECK(pace_vsync_broken(&p));
    /* The caller sleeps up to a nominal period after the last present... */
    CHECK_INT(pace_throttle_us(&p, t + 2000), (int64_t)(1e6 / 60) - 2000);
    /* ... keeping a cadence: a frame that took 5 ms sleeps 5 ms less. */
    int64_t due = t + (int64_t)(1e6 / 60);
    pace_present(&p, due + 5000);
    CHECK_INT(pace_throttle_us(&p, due + 5000), (int64_t)(1e6 / 60) - 5000);
    t = due + 5000;
    /* ...and once the sleeps make the intervals right, it keeps sleeping. */
    for (int i = 0; i < 300; i++)
        pace_present(&p, t += 16667);
    CHECK(pace_vsync_broken(&p));
    CHECK(pace_throttle_us(&p, t + 1000) > 0);
    /* A real 60 Hz display never triggers it. */
    struct pace q;
    pace_init(&q, 60);
    t = 0;
    for (int i = 0; i < 300; i++)
        pace_present(&q, t += 16667);
    CHECK(!pace_vsync_broken(&q));
    CHECK_INT(pace_throttle_us(&q, t + 1000), 0);
}

static void test_percentiles(void)
{
    uint32_t h[10] = {0};
    CHECK(pace_hist_quantile(h, 10, 0, 0.99) == 0);
    h[5] = 99;
    h[9] = 1;
    CHECK(pace_hist_quantile(h, 10, 100, 0.99) == 6);
    CHECK(pace_hist_quantile(h, 10, 100, 1.0) == 10);
    CHECK(pace_hist_quantile(h, 10, 100, 0.5) == 6);

    /* 1000 frames at 60 Hz, 15 of them taking 50 ms: p99 is 50-51 ms, fps about 50. */
    struct pace p;
    pace_init(&p, 60);
    int64_t t = 0;
    pace_present(&p, t);
    for (int i = 1; i < 1000; i++)
        pace_present(&p, t += (i % 66 == 0) ? 50000 : 16000);
    struct pace_stats st;
    pace_take_stats(&p, t, &st);
    CHECK_MSG(st.p99_ms >= 50 && st.p99_ms <= 51, "p99 %.1f", st.p99_ms);
    CHECK_MSG(st.fps > 55 && st.fps < 63, "fps %.1f", st.fps);
    CHECK(st.dropped >= 15 * 2 && st.dropped <= 15 * 3);
    /* The next period starts empty; totals go on. */
    pace_present(&p, t += 16000);
    pace_take_stats(&p, t + 1000, &st);
    CHECK_INT(st.frames, 1);
    CHECK_INT(st.total_frames, 1001);
}

int main(void)
{
    test_estimates();
    test_stall_and_reset();
    test_no_vsync();
    test_unsteady();
    test_percentiles();
    return check_done();
}
