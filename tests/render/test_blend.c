/*
 * Tests for render/blend: the exact compositing rule, worked cases by hand, an exhaustive
 * comparison with an independent floating-point reference, clipping, and a golden hash of a
 * composited test card. The golden value is pure integer arithmetic and must be the same on
 * every CPU (x86-64, arm64, armhf); regenerate it on purpose with
 *     build/tests/test_blend --print-golden
 * and paste the printed value into GOLDEN_CARD below.
 */
#include "check.h"
#include "core/util.h"
#include "render/blend.h"

#include <math.h>
#include <stdlib.h>

#define GOLDEN_CARD 0xb35eeda048d1b5c8ULL

static void test_cases(void)
{
    static const struct {
        uint32_t dst, argb;
        uint8_t cov;
        uint32_t want;
    } cases[] = {
        /* no coverage: untouched */
        {.dst = 0xFF102030, .argb = 0xFFFFFFFF, .cov = 0, .want = 0xFF102030},
        /* full coverage: the colour */
        {.dst = 0xFF000000, .argb = 0xFFFFFFFF, .cov = 255, .want = 0xFFFFFFFF},
        {.dst = 0xFF000000, .argb = 0xFFFFFFFF, .cov = 128, .want = 0xFF808080},
        {.dst = 0xFF000000, .argb = 0xFFFFFFFF, .cov = 1, .want = 0xFF010101},
        {.dst = 0xFF000000, .argb = 0xFFFFFFFF, .cov = 254, .want = 0xFFFEFEFE},
        /* 255 * 127 / 255 = 127 */
        {.dst = 0xFFFFFFFF, .argb = 0xFF000000, .cov = 128, .want = 0xFF7F7F7F},
        /* colour alpha 128 */
        {.dst = 0xFF000000, .argb = 0x80FFFFFF, .cov = 255, .want = 0xFF808080},
        /* a = round(128 * 128 / 255) = 64 */
        {.dst = 0xFF000000, .argb = 0x80FFFFFF, .cov = 128, .want = 0xFF404040},
        /* red over blue */
        {.dst = 0xFF0000FF, .argb = 0xFFFF0000, .cov = 100, .want = 0xFF64009B},
        /* worked: (51*77 + 204*178) / 255 = 157.8 */
        {.dst = 0xFFCCBBAA, .argb = 0xFF336699, .cov = 77, .want = 0xFF9EA1A5},
        /* transparent dst: alpha = a */
        {.dst = 0x00000000, .argb = 0xFFFFFFFF, .cov = 128, .want = 0x80808080},
        /* 128 + round(128 * 127 / 255) = 192 */
        {.dst = 0x80000000, .argb = 0xFFFFFFFF, .cov = 128, .want = 0xC0808080},
        /* transparent colour: untouched */
        {.dst = 0xFF123456, .argb = 0x00FFFFFF, .cov = 255, .want = 0xFF123456},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        uint32_t got = blend_pixel(cases[i].dst, cases[i].argb, cases[i].cov);
        CHECK_MSG(got == cases[i].want,
                  "case %zu: %08X under %08X at coverage %u: got %08X want %08X", i,
                  (unsigned)cases[i].dst, (unsigned)cases[i].argb, (unsigned)cases[i].cov,
                  (unsigned)got, (unsigned)cases[i].want);
    }
}

/* div255 is t / 255 rounded to nearest for the whole range it is used on. */
static void test_div255(void)
{
    int bad = 0;
    for (uint32_t t = 0; t <= 255 * 255; t++)
        if (blend_div255(t) != (uint32_t)lround(t / 255.0) && bad++ == 0)
            fprintf(stderr, "first wrong: blend_div255(%u) = %u, want %ld\n", (unsigned)t,
                    (unsigned)blend_div255(t), lround(t / 255.0));
    CHECK_INT(bad, 0);
}

/* Every (coverage, source, destination) channel triple against a floating-point reference. */
static void test_exhaustive_channel(void)
{
    long bad = 0;
    for (int cov = 0; cov < 256; cov++)
        for (int s = 0; s < 256; s++)
            for (int d = 0; d < 256; d++) {
                uint32_t out = blend_pixel(0xFF000000u | (uint32_t)d << 16,
                                           0xFF000000u | (uint32_t)s << 16, (uint8_t)cov);
                long want = lround((s * cov + d * (255.0 - cov)) / 255.0);
                if (cov == 0)
                    want = d;
                if (((long)((out >> 16) & 0xFF) != want || (out >> 24) != 0xFF) && bad++ == 0)
                    fprintf(stderr,
                            "first wrong: src %d over dst %d at coverage %d: %08X, want "
                            "channel %ld\n",
                            s, d, cov, (unsigned)out, want);
            }
    CHECK_INT(bad, 0);
}

static void test_clipping(void)
{
    enum { W = 8, H = 4, PITCH_PX = W + 2 }; /* two padding pixels per row */
    uint32_t buf[PITCH_PX * H];
    uint8_t cov[4 * 4];
    memset(cov, 255, sizeof(cov));
    for (size_t i = 0; i < ARRAY_LEN(buf); i++)
        buf[i] = 0xDEADBEEF;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            buf[y * PITCH_PX + x] = 0xFF000000;
    blend_coverage(buf, PITCH_PX * 4, W, H, -2, -1, cov, 4, 4, 4, 0xFFFFFFFF);
    blend_coverage(buf, PITCH_PX * 4, W, H, 6, 2, cov, 4, 4, 4, 0xFF0000FF);
    blend_coverage(buf, PITCH_PX * 4, W, H, -10, 0, cov, 4, 4, 4, 0xFF00FF00); /* outside */
    blend_coverage(buf, PITCH_PX * 4, W, H, 0, 9, cov, 4, 4, 4, 0xFF00FF00);   /* outside */
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            uint32_t want = 0xFF000000;
            if (x < 2 && y < 3)
                want = 0xFFFFFFFF;
            if (x >= 6 && y >= 2)
                want = 0xFF0000FF;
            CHECK_MSG(buf[y * PITCH_PX + x] == want, "pixel %d,%d = %08X", x, y,
                      (unsigned)buf[y * PITCH_PX + x]);
        }
        CHECK_MSG(buf[y * PITCH_PX + W] == 0xDEADBEEF && buf[y * PITCH_PX + W + 1] == 0xDEADBEEF,
                  "row %d: padding written", y);
    }
    blend_fill_rect(buf, PITCH_PX * 4, W, H, 7, -5, 100, 6, 0x80FFFFFF);
    CHECK(buf[0 * PITCH_PX + 7] == blend_pixel(0xFF000000, 0x80FFFFFF, 255));
    CHECK(buf[0 * PITCH_PX + 6] == 0xFF000000);
    CHECK(buf[0 * PITCH_PX + W] == 0xDEADBEEF);
    /* Degenerate input is ignored: the buffer stays as it is. */
    uint32_t before[ARRAY_LEN(buf)];
    memcpy(before, buf, sizeof buf);
    blend_coverage(NULL, 0, W, H, 0, 0, cov, 4, 4, 4, 0xFFFFFFFF);
    blend_coverage(buf, PITCH_PX * 4, W, H, 0, 0, NULL, 4, 4, 4, 0xFFFFFFFF);
    blend_coverage(buf, PITCH_PX * 4, W, H, 0, 0, cov, 0, -3, 4, 0xFFFFFFFF);
    CHECK_MSG(!memcmp(before, buf, sizeof buf), "degenerate input changed the buffer");
}

/* A 256 x 256 card: coverage ramps along x, background and colour vary along y. */
static uint64_t card_hash(void)
{
    enum { N = 256 };
    uint32_t *px = xmalloc(N * N * sizeof(*px));
    uint8_t *cov = xmalloc(N * N);
    for (int y = 0; y < N; y++)
        for (int x = 0; x < N; x++) {
            px[y * N + x] = 0xFF000000u | (uint32_t)(y * 0x010305 & 0xFFFFFF);
            cov[y * N + x] = (uint8_t)(x ^ (y >> 2));
        }
    for (int pass = 0; pass < 4; pass++) {
        uint32_t colour =
            (uint32_t)(0x40 + pass * 0x3F) << 24 | (0x9ABCDEu * (uint32_t)(pass + 1) & 0xFFFFFF);
        blend_coverage(px, N * 4, N, N, pass * 7 - 10, pass * 5 - 3, cov, N, N, N, colour);
    }
    /* Hash the pixels as A, R, G, B bytes, so the value does not depend on byte order. */
    uint64_t h = HASH_FNV1A64_INIT;
    for (int i = 0; i < N * N; i++) {
        uint8_t b[4] = {(uint8_t)(px[i] >> 24), (uint8_t)(px[i] >> 16), (uint8_t)(px[i] >> 8),
                        (uint8_t)px[i]};
        h = hash_fnv1a64(b, 4, h);
    }
    free(px);
    free(cov);
    return h;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--print-golden") == 0) {
        printf("0x%016llxULL\n", (unsigned long long)card_hash());
        return 0;
    }
    test_cases();
    test_div255();
    test_exhaustive_channel();
    test_clipping();
    uint64_t h = card_hash();
    CHECK_MSG(h == GOLDEN_CARD, "card hash %016llx", (unsigned long long)h);
    return check_done();
}
